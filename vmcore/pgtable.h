/*
 * pgtable.h - i386 two-level page tables (no PAE): a page directory of
 * 1024 entries per mm, each pointing to a page table of 1024 PTEs covering
 * 4 MiB. Tables live in frames of their own, allocated on demand.
 * The PTE bits and their names are i386's, as in 2.4 and 2.6.
 */
#ifndef VMCORE_PGTABLE_H
#define VMCORE_PGTABLE_H

#include "mm_types.h"
#include "mman.h"

#define PGDIR_SHIFT		22
#define PGDIR_SIZE		(1UL << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD		1024
#define PTRS_PER_PTE		1024
#define USER_PTRS_PER_PGD	(TASK_SIZE / PGDIR_SIZE)

/* a PDE pointing at a page table, as 2.6's _PAGE_TABLE */
#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)

static inline unsigned long pgd_index(unsigned long addr) { return addr >> PGDIR_SHIFT; }
static inline unsigned long pte_index(unsigned long addr) { return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1); }
static inline unsigned long pte_pfn(pte_t pte) { return pte >> PAGE_SHIFT; }
/* present as the kernel means it: mapped, even when PROT_NONE made it inaccessible */
static inline int pte_present(pte_t pte) { return (pte & (_PAGE_PRESENT | _PAGE_PROTNONE)) != 0; }
static inline int pte_none(pte_t pte) { return pte == 0; }
static inline int pte_write(pte_t pte) { return (pte & _PAGE_RW) != 0; }
static inline int pte_dirty(pte_t pte) { return (pte & _PAGE_DIRTY) != 0; }
static inline int pte_young(pte_t pte) { return (pte & _PAGE_ACCESSED) != 0; }
static inline pte_t mk_pte(unsigned long pfn, pgprot_t prot) { return (pte_t)((pfn << PAGE_SHIFT) | prot.pgprot); }
/* pte_modify - keep the frame and the A/D bits, take the rest from newprot */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	return (pte & (PAGE_MASK | _PAGE_ACCESSED | _PAGE_DIRTY)) | newprot.pgprot;
}

struct mm_struct;

int pgd_alloc(struct mm_struct *mm);		/* 0 or -ENOMEM */
void pgd_free(struct mm_struct *mm);
/* pte_offset_map - the PTE of addr, or NULL when there is no page table for it */
pte_t *pte_offset_map(struct mm_struct *mm, unsigned long addr);
/* pte_alloc_map - the PTE of addr, allocating its page table. NULL on -ENOMEM. */
pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr);
/* page_table - the page table of pgd slot i, or NULL */
pte_t *page_table(struct mm_struct *mm, unsigned long i);
/*
 * free_pgtables - give back the page tables of [start, end) that no VMA
 * can use any more: those wholly inside [floor, ceiling), the room between
 * the VMAs before and after. Every PTE there must be none. Returns how many.
 */
/*
 * pgtable_reserve - n frames made ready as page tables before an operation
 * changes anything, so that pte_alloc_map cannot fail during it. 0 or
 * -ENOMEM (nothing kept). pgtable_unreserve gives back the unused ones.
 */
int pgtable_reserve(struct mm_struct *mm, int n);
void pgtable_unreserve(struct mm_struct *mm);
int free_pgtables(struct mm_struct *mm, unsigned long floor, unsigned long ceiling,
		  unsigned long start, unsigned long end);

#endif
