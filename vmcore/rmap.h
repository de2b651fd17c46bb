/*
 * rmap.h - anonymous memory's reverse map (2.6's anon_vma: the VMAs that
 * may hold a page of one anonymous object, shared across fork) and the
 * map counts of pages. vmsh keeps the count of VMAs, not their list: no
 * page is ever swapped out, so nothing walks it. The anon_vma is 2.6.7's,
 * one per object, before 2.6.34 gave each VMA a chain of them.
 */
#ifndef VMCORE_RMAP_H
#define VMCORE_RMAP_H

#include "mm_types.h"

struct page;

struct anon_vma {
	int refcount;		/* VMAs linked to it */
	unsigned long id;	/* vmsh: a number for dumps */
};

/* anon_vma_prepare - give vma an anon_vma (a neighbour's when mergeable). 0 or -ENOMEM. */
int anon_vma_prepare(struct vm_area_struct *vma);
void anon_vma_link(struct vm_area_struct *vma);		/* vma joins vma->anon_vma */
void anon_vma_unlink(struct vm_area_struct *vma);	/* leaves it; the last frees it */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address);
void page_add_file_rmap(struct page *page);
void page_dup_rmap(struct page *page);
void page_remove_rmap(struct page *page);

#endif
