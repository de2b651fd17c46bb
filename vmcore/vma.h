/*
 * vma.h - what vma.c lends the rest of vmcore beyond the public calls in
 * mm.h: the steps mmap_region and do_munmap take on the list and tree
 * themselves (in 2.6 they sat in mm/mmap.c beside both callers).
 */
#ifndef VMCORE_VMA_H
#define VMCORE_VMA_H

#include "mm_types.h"

/*
 * find_vma_links - where a VMA for [addr, end) goes: *rb_link and
 * *rb_parent in the tree, *pprev the VMA before it (NULL: none). 0, or
 * -ENOMEM when the range overlaps a VMA (*pprev then tells nothing).
 */
int find_vma_links(struct mm_struct *mm, unsigned long addr, unsigned long end,
		   struct vm_area_struct **pprev, struct rb_node ***rb_link,
		   struct rb_node **rb_parent);
/* __vma_link - link vma after prev at the place find_vma_links gave: list, tree, file, map_count */
void __vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		struct vm_area_struct *prev, struct rb_node **rb_link,
		struct rb_node *rb_parent);
/* vma_rb_erase - take vma out of the tree, keeping rb_subtree_gap right */
void vma_rb_erase(struct vm_area_struct *vma, struct rb_root *root);
/* __remove_shared_vm_struct - take vma off its file's share list (i_mmap) */
void __remove_shared_vm_struct(struct vm_area_struct *vma);

#endif
