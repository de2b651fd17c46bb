/*
 * vma.c - the VMAs of an address space, kept in a sorted list and a
 * red-black tree: lookups (find_vma & co), allocating VMAs with the
 * reserve, linking and unlinking, vma_adjust, vma_merge, split_vma, and
 * the flag change mprotect, mlock and madvise share (vma_modify_flags).
 * It stands apart from mmap.c as today's mm/vma.c does from mm/mmap.c
 * (split off in 2024); the code itself follows 2.6's mm/mmap.c.
 * From 2.4 (seed 001): find_vma with mmap_cache, find_vma_prev, the list
 * and red-black tree, build_mmap_rb, the file's share list (2.4's
 * vm_next_share). From 2.6: vma_adjust and vma_merge's cases 1-8 with
 * anon_vma (2.6.7), can_vma_merge_before/after, split_vma (seed 002;
 * vmsh's __split_vma does its work with a VMA it is given), vma_link.
 * vm_prev: 2.6.36. The gap tree (rb_subtree_gap, highest_vm_end): 3.8.
 * find_vma_links is a later kernel's name for 2.6's find_vma_prepare;
 * vma_modify_flags is today's name for the step mprotect_fixup,
 * mlock_fixup and madvise_behavior share. vmsh's own: the VMA reserve,
 * vma_merge_plan and range_hole.
 */
#include <errno.h>
#include <string.h>
#include "mm.h"
#include "vma.h"
#include "rmap.h"
#include "slab.h"

/* ------------------------------------------------------------------ */
/* The gap tree: rb_subtree_gap is the largest free gap below any VMA of
 * the subtree (Linux 3.8), so the free-area search is O(log n). */

static unsigned long vma_gap(const struct vm_area_struct *vma)
{
	return vma->vm_start - (vma->vm_prev ? vma->vm_prev->vm_end : 0);
}

static uint32_t vma_compute_subtree_gap(const struct vm_area_struct *vma)
{
	unsigned long max = vma_gap(vma), g;

	if (vma->vm_rb.rb_left) {
		g = rb_entry(vma->vm_rb.rb_left, struct vm_area_struct, vm_rb)->rb_subtree_gap;
		if (g > max)
			max = g;
	}
	if (vma->vm_rb.rb_right) {
		g = rb_entry(vma->vm_rb.rb_right, struct vm_area_struct, vm_rb)->rb_subtree_gap;
		if (g > max)
			max = g;
	}
	return (uint32_t)max;
}

static void gap_propagate(struct rb_node *rb, struct rb_node *stop)
{
	while (rb != stop) {
		struct vm_area_struct *vma = rb_entry(rb, struct vm_area_struct, vm_rb);
		uint32_t gap = vma_compute_subtree_gap(vma);

		if (vma->rb_subtree_gap == gap)
			break;
		vma->rb_subtree_gap = gap;
		rb = rb_parent(rb);
	}
}

static void gap_copy(struct rb_node *o, struct rb_node *n)
{
	rb_entry(n, struct vm_area_struct, vm_rb)->rb_subtree_gap =
		rb_entry(o, struct vm_area_struct, vm_rb)->rb_subtree_gap;
}

static void gap_rotate(struct rb_node *o, struct rb_node *n)
{
	struct vm_area_struct *old = rb_entry(o, struct vm_area_struct, vm_rb);

	rb_entry(n, struct vm_area_struct, vm_rb)->rb_subtree_gap = old->rb_subtree_gap;
	old->rb_subtree_gap = vma_compute_subtree_gap(old);
}

static const struct rb_augment_callbacks vma_gap_callbacks = {
	gap_propagate, gap_copy, gap_rotate,
};

/* vma_gap_update - vma's own gap changed: recompute up to the root */
void vma_gap_update(struct vm_area_struct *vma)
{
	/* force the first step: the cached value may equal the stale one */
	vma->rb_subtree_gap = vma_compute_subtree_gap(vma);
	gap_propagate(rb_parent(&vma->vm_rb), NULL);
}

/* vma_rb_erase - take vma out of the tree, keeping rb_subtree_gap right */
void vma_rb_erase(struct vm_area_struct *vma, struct rb_root *root)
{
	rb_erase_augmented(&vma->vm_rb, root, &vma_gap_callbacks);
}

/* ------------------------------------------------------------------ */
/* Lookups */

/*
 * __find_vma - the first VMA with vm_end > addr, or NULL, walking the tree
 * without touching mmap_cache (2.6's find_vma_prev and find_vma_prepare
 * don't; vmsh's own checks before an operation mustn't either).
 */
struct vm_area_struct *__find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *rb_node = mm->mm_rb.rb_node;
	struct vm_area_struct *vma = NULL;

	while (rb_node) {
		struct vm_area_struct *tmp = rb_entry(rb_node, struct vm_area_struct, vm_rb);

		if (tmp->vm_end > addr) {
			vma = tmp;
			if (tmp->vm_start <= addr)
				break;
			rb_node = rb_node->rb_left;
		} else {
			rb_node = rb_node->rb_right;
		}
	}
	return vma;
}

/* find_vma - __find_vma through mmap_cache, which it then points at the result */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache;

	if (vma && vma->vm_end > addr && vma->vm_start <= addr)
		return vma;
	vma = __find_vma(mm, addr);
	if (vma)
		mm->mmap_cache = vma;
	return vma;
}

/*
 * find_vma_prev - the first VMA with addr < vm_end (or NULL), and in *pprev
 * the one before it (NULL when there is none). Leaves mmap_cache alone.
 */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = __find_vma(mm, addr);

	if (vma)
		*pprev = vma->vm_prev;
	else
		*pprev = mm->mmap ? rb_entry(rb_last(&mm->mm_rb), struct vm_area_struct, vm_rb) : NULL;
	return vma;
}

/* find_vma_intersection - the first VMA overlapping [start, end), or NULL (through find_vma) */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && end <= vma->vm_start)
		vma = NULL;
	return vma;
}

/*
 * find_vma_links - where a VMA for [addr, end) goes in the tree: the link
 * and parent, and the VMA before it. -ENOMEM if the range overlaps a VMA.
 */
int find_vma_links(struct mm_struct *mm, unsigned long addr, unsigned long end,
		   struct vm_area_struct **pprev, struct rb_node ***rb_link,
		   struct rb_node **rb_parent)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;

	*pprev = NULL;
	while (*link) {
		struct vm_area_struct *tmp;

		parent = *link;
		tmp = rb_entry(parent, struct vm_area_struct, vm_rb);
		if (tmp->vm_end > addr) {
			if (tmp->vm_start < end)
				return -ENOMEM;
			link = &parent->rb_left;
		} else {
			*pprev = tmp;
			link = &parent->rb_right;
		}
	}
	*rb_link = link;
	*rb_parent = parent;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Allocation of VMAs, with the reserve */

/*
 * vma_reserve - allocate VMAs until mm holds n spares (see mm.h). 0, or
 * -ENOMEM with the reserve as it was before the call.
 */
int vma_reserve(struct mm_struct *mm, int n)
{
	int had = mm->nr_reserved;

	while (mm->nr_reserved < n) {
		struct vm_area_struct *vma = kmem_cache_alloc(mm->machine->vm_area_cachep);

		if (!vma) {
			while (mm->nr_reserved > had)
				kmem_cache_free(mm->machine->vm_area_cachep,
						mm->vma_reserve[--mm->nr_reserved]);
			return -ENOMEM;
		}
		mm->vma_reserve[mm->nr_reserved++] = vma;
	}
	return 0;
}

/* vma_unreserve_to - free spares until keep are left (a caller's own reserve stays) */
void vma_unreserve_to(struct mm_struct *mm, int keep)
{
	while (mm->nr_reserved > keep)
		kmem_cache_free(mm->machine->vm_area_cachep, mm->vma_reserve[--mm->nr_reserved]);
}

void vma_unreserve(struct mm_struct *mm)
{
	vma_unreserve_to(mm, 0);
}

/* vm_area_alloc - a zeroed VMA of mm, from the reserve if there is one. NULL on ENOMEM. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (mm->nr_reserved) {
		vma = mm->vma_reserve[--mm->nr_reserved];
		memset(vma, 0, sizeof(*vma));
	} else {
		vma = kmem_cache_alloc(mm->machine->vm_area_cachep);
		if (!vma)
			return NULL;
	}
	vma->vm_mm = mm;
	INIT_LIST_HEAD(&vma->shared);
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(vma->vm_mm->machine->vm_area_cachep, vma);
}

/* ------------------------------------------------------------------ */
/* Linking and unlinking */

/* __vma_link_file - put vma on its file's share list (i_mmap) */
static void __vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping;

	if (!vma->vm_file)
		return;
	mapping = vma->vm_file->f_mapping;
	if (vma->vm_flags & VM_DENYWRITE)
		mapping->host->i_writecount--;
	list_add_tail(&vma->shared, &mapping->i_mmap);
	mapping->i_mmap_count++;
}

/* __remove_shared_vm_struct - take vma off its file's share list */
void __remove_shared_vm_struct(struct vm_area_struct *vma)
{
	struct address_space *mapping;

	if (!vma->vm_file)
		return;
	mapping = vma->vm_file->f_mapping;
	if (vma->vm_flags & VM_DENYWRITE)
		mapping->host->i_writecount++;
	list_del_init(&vma->shared);
	mapping->i_mmap_count--;
}

/* __vma_link_list - put vma after prev (NULL: first) in the list, vm_next and vm_prev */
static void __vma_link_list(struct mm_struct *mm, struct vm_area_struct *vma,
			    struct vm_area_struct *prev)
{
	struct vm_area_struct *next;

	vma->vm_prev = prev;
	if (prev) {
		next = prev->vm_next;
		prev->vm_next = vma;
	} else {
		next = mm->mmap;
		mm->mmap = vma;
	}
	vma->vm_next = next;
	if (next)
		next->vm_prev = vma;
}

/*
 * __vma_link_rb - put vma into the tree at rb_link under rb_parent, with
 * its rb_subtree_gap and the next VMA's gap (or highest_vm_end) made
 * right. vma must already be in the list.
 */
static void __vma_link_rb(struct mm_struct *mm, struct vm_area_struct *vma,
			  struct rb_node **rb_link, struct rb_node *rb_parent)
{
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);
	else
		mm->highest_vm_end = vma->vm_end;
	rb_link_node(&vma->vm_rb, rb_parent, rb_link);
	vma->rb_subtree_gap = 0;
	vma_gap_update(vma);
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
}

/* __vma_link - list, tree, file share list and map_count: vma is in the mm (vma_link's step) */
void __vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		struct vm_area_struct *prev, struct rb_node **rb_link,
		struct rb_node *rb_parent)
{
	__vma_link_list(mm, vma, prev);
	__vma_link_rb(mm, vma, rb_link, rb_parent);
	__vma_link_file(vma);
	mm->map_count++;
	vm_emit(mm->machine, VM_EV_INSERT, "vma_link", vma, vma->vm_start, vma->vm_end,
		mm->map_count, "insert %08lx-%08lx, map_count=%d",
		vma->vm_start, vma->vm_end, mm->map_count);
}

/* vma_link_file_after - fork: put vma on the share list just after the parent's VMA */
void vma_link_file_after(struct vm_area_struct *vma, struct vm_area_struct *after)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	if (vma->vm_flags & VM_DENYWRITE)
		mapping->host->i_writecount--;
	list_add(&vma->shared, &after->shared);
	mapping->i_mmap_count++;
}

/*
 * build_mmap_rb - put the VMAs of mm's list (sorted, linked by vm_next and
 * vm_prev) into an empty tree, as fork did in 2.4; each goes rightmost.
 */
void build_mmap_rb(struct mm_struct *mm)
{
	struct rb_node **rb_link = &mm->mm_rb.rb_node, *rb_parent = NULL;
	struct vm_area_struct *vma;

	mm->mm_rb = RB_ROOT;
	mm->highest_vm_end = 0;
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		struct vm_area_struct *next = vma->vm_next;

		vma->vm_next = NULL;	/* as if it were the last one linked so far */
		__vma_link_rb(mm, vma, rb_link, rb_parent);
		vma->vm_next = next;
		rb_parent = &vma->vm_rb;
		rb_link = &vma->vm_rb.rb_right;
		while (*rb_link) {	/* rebalancing may have moved the rightmost node */
			rb_parent = *rb_link;
			rb_link = &rb_parent->rb_right;
		}
	}
}

/* vma_link - link a VMA that does not overlap any into list, tree and share list */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *prev)
{
	struct rb_node **rb_link = NULL, *rb_parent = NULL;
	struct vm_area_struct *p;

	/* the caller's prev is known; the link is found again in O(log n) */
	find_vma_links(mm, vma->vm_start, vma->vm_end, &p, &rb_link, &rb_parent);
	(void)prev;
	__vma_link(mm, vma, p, rb_link, rb_parent);
}

/* __vma_unlink - remove next from list and tree; prev is the VMA before it */
static void __vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma,
			 struct vm_area_struct *prev)
{
	struct vm_area_struct *next = vma->vm_next;

	vma_rb_erase(vma, &mm->mm_rb);
	prev->vm_next = next;
	if (next)
		next->vm_prev = prev;
	if (mm->mmap_cache == vma)
		mm->mmap_cache = prev;
}

/*
 * vma_adjust - change vma's range to [start, end) at pgoff, as 2.6 does:
 * when end grows over next, next is removed (remove_next, mprotect case 6
 * removes two); when it overlaps part of next, next's start moves
 * (adjust_next, case 5); when vma shrinks without insert, next grows down
 * (case 4). With insert (split_vma), insert is linked beside vma.
 */
void vma_adjust(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, unsigned long pgoff, struct vm_area_struct *insert)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *next = vma->vm_next, *importer = NULL;
	struct anon_vma *anon_vma = NULL;
	long adjust_next = 0;
	int remove_next = 0;

	if (next && !insert) {
		if (end >= next->vm_end) {
again:			remove_next = 1 + (end > next->vm_end);
			end = next->vm_end;
			anon_vma = next->anon_vma;
			importer = vma;
		} else if (end > next->vm_start) {
			adjust_next = (long)((end - next->vm_start) >> PAGE_SHIFT);
			anon_vma = next->anon_vma;
			importer = vma;
		} else if (end < vma->vm_end) {
			adjust_next = -(long)((vma->vm_end - end) >> PAGE_SHIFT);
			anon_vma = vma->anon_vma;
			importer = next;
		}
	}
	/*
	 * Easily overlooked: when mprotect shifts the boundary, make sure the
	 * expanding vma has anon_vma set if the shrinking vma had, to cover
	 * any anon pages imported.
	 */
	if (importer && anon_vma && !importer->anon_vma) {
		importer->anon_vma = anon_vma;
		anon_vma_link(importer);
	}
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = (pgoff_t)pgoff;
	if (adjust_next) {
		next->vm_start += (unsigned long)(adjust_next * (long)PAGE_SIZE);
		next->vm_pgoff += (pgoff_t)adjust_next;
	}
	if (remove_next) {
		__vma_unlink(mm, next, vma);
		__remove_shared_vm_struct(next);
	} else if (insert) {
		vma_link(mm, insert, NULL);
	}
	vma_gap_update(vma);
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);
	else
		mm->highest_vm_end = vma->vm_end;
	if (remove_next) {
		if (next->vm_file)
			fput(next->vm_file);
		anon_vma_unlink(next);
		mm->map_count--;
		vm_area_free(next);
		if (remove_next == 2) {
			next = vma->vm_next;
			goto again;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Merging */

/* is_mergeable_vma - same flags and file, and no close hook to call */
static int is_mergeable_vma(const struct vm_area_struct *vma, struct file *file,
			    unsigned long vm_flags)
{
	if (vma->vm_flags != vm_flags)
		return 0;
	if (vma->vm_file != file)
		return 0;
	if (vma->vm_ops && vma->vm_ops->close)
		return 0;
	return 1;
}

static int is_mergeable_anon_vma(const struct anon_vma *a1, const struct anon_vma *a2)
{
	return !a1 || !a2 || a1 == a2;
}

/* can_vma_merge_before - may a range ending at vma->vm_start, at vm_pgoff, join vma? */
int can_vma_merge_before(const struct vm_area_struct *vma, unsigned long vm_flags,
			 struct anon_vma *anon_vma, struct file *file, unsigned long vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma) &&
	       vma->vm_pgoff == vm_pgoff;
}

/* can_vma_merge_after - may a range starting at vma->vm_end, at vm_pgoff, join vma? */
int can_vma_merge_after(const struct vm_area_struct *vma, unsigned long vm_flags,
			struct anon_vma *anon_vma, struct file *file, unsigned long vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma) &&
	       vma->vm_pgoff + vma_pages(vma) == vm_pgoff;
}

/*
 * vma_merge_plan - vmsh's: the decision half of vma_merge, taken apart so
 * that it can be asked without changing anything (vma_modify_flags counts
 * the splits of its step before the first one). Returns
 * VMA_MERGE_BOTH (cases 1, 6 of vma_merge's comment), VMA_MERGE_PREV
 * (2, 5, 7), VMA_MERGE_NEXT (3, 4, 8) or VMA_MERGE_NONE, the tests and
 * their order 2.6's; *pnext is the next VMA it considered (in cases 6-8
 * the one after the VMA that ends at end).
 */
int vma_merge_plan(struct mm_struct *mm, struct vm_area_struct *prev, unsigned long addr,
		   unsigned long end, unsigned long vm_flags, struct anon_vma *anon_vma,
		   struct file *file, unsigned long pgoff, struct vm_area_struct **pnext)
{
	unsigned long pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *next;
	int merge_next;

	if (vm_flags & VM_SPECIAL)
		return VMA_MERGE_NONE;
	next = prev ? prev->vm_next : mm->mmap;
	if (next && next->vm_end == end)	/* cases 6, 7, 8 */
		next = next->vm_next;
	*pnext = next;
	merge_next = next && end == next->vm_start &&
		     can_vma_merge_before(next, vm_flags, anon_vma, file, pgoff + pglen);
	if (prev && prev->vm_end == addr &&
	    can_vma_merge_after(prev, vm_flags, anon_vma, file, pgoff)) {
		if (merge_next && is_mergeable_anon_vma(prev->anon_vma, next->anon_vma))
			return VMA_MERGE_BOTH;
		return VMA_MERGE_PREV;
	}
	return merge_next ? VMA_MERGE_NEXT : VMA_MERGE_NONE;
}

/*
 * Given a mapping request (addr,end,vm_flags,file,pgoff), figure out
 * whether that can be merged with its predecessor or its successor.
 * Or both (it neatly fills a hole).
 *
 * In most cases - when called for mmap, brk or mremap - [addr,end) is
 * certain not to be mapped by the time vma_merge is called; but when
 * called for mprotect, it is certain to be already mapped (either at
 * an offset within prev, or at the start of next), and the flags of
 * this area are about to be changed to vm_flags - and the no-change
 * case has already been eliminated.
 *
 * The following mprotect cases have to be considered, where AAAA is
 * the area passed down from mprotect_fixup, never extending beyond one
 * vma, PPPPPP is the prev vma specified, and NNNNNN the next vma after:
 *
 *     AAAA             AAAA                AAAA          AAAA
 *    PPPPPPNNNNNN    PPPPPPNNNNNN    PPPPPPNNNNNN    PPPPNNNNXXXX
 *    cannot merge    might become    might become    might become
 *                    PPNNNNNNNNNN    PPPPPPPPPPNN    PPPPPPPPPPPP 6 or
 *    mmap, brk or    case 4 below    case 5 below    PPPPPPPPXXXX 7 or
 *    mremap move:                                    PPPPNNNNNNNN 8
 *        AAAA
 *    PPPP    NNNN    PPPPPPPPPPPP    PPPPPPPPNNNN    PPPPNNNNNNNN
 *    might become    case 1 below    case 2 below    case 3 below
 *
 * Odd one out? Case 8, because it extends NNNN but needs flags of XXXX:
 * mprotect_fixup updates vm_flags & vm_page_prot on successful return.
 *
 * (The comment above vma_merge in Linux 2.6's mm/mmap.c, from 2.6.7 on,
 * quoted as it stands there. In vmsh, mlock_fixup and madvise_behavior
 * reach vma_merge as mprotect_fixup does, all through vma_modify_flags,
 * which sets vm_flags of the VMA returned; mprotect_fixup then sets
 * vm_page_prot. vma_merge_plan makes the decision, vma_merge carries it
 * out through vma_adjust, and anon_vma is the range's anonymous memory,
 * given to the result when it has none.)
 *
 * vma_merge returns the VMA that now covers [addr, end), or NULL when
 * nothing merges (then nothing has changed). It cannot fail: vma_adjust
 * allocates nothing, as in 2.6 until the anon_vma chains of 2.6.34.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct anon_vma *anon_vma,
				 struct file *file, unsigned long pgoff)
{
	unsigned long pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *area = prev ? prev->vm_next : mm->mmap, *next = NULL, *v;
	int plan = vma_merge_plan(mm, prev, addr, end, vm_flags, anon_vma, file, pgoff, &next);
	int c;

	switch (plan) {
	case VMA_MERGE_BOTH:				/* cases 1, 6 */
		c = area == next ? 1 : 6;
		vma_adjust(prev, prev->vm_start, next->vm_end, prev->vm_pgoff, NULL);
		v = prev;
		break;
	case VMA_MERGE_PREV:				/* cases 2, 5, 7 */
		/* area overlaps the range: mprotect's cases 5 and 7; else a new range, case 2 */
		c = area && area->vm_start < end ? (area->vm_end == end ? 7 : 5) : 2;
		vma_adjust(prev, prev->vm_start, end, prev->vm_pgoff, NULL);
		v = prev;
		break;
	case VMA_MERGE_NEXT:
		if (prev && addr < prev->vm_end) {	/* case 4 */
			vma_adjust(prev, prev->vm_start, addr, prev->vm_pgoff, NULL);
			c = 4;
		} else {				/* cases 3, 8 */
			vma_adjust(area, addr, next->vm_end, next->vm_pgoff - pglen, NULL);
			c = area == next ? 3 : 8;
		}
		v = area;
		break;
	default:
		return NULL;
	}
	if (anon_vma && !v->anon_vma) {	/* the range brings anonymous pages with it */
		v->anon_vma = anon_vma;
		anon_vma_link(v);
	}
	vm_emit(mm->machine, VM_EV_MERGE, "vma_merge", v, v->vm_start, v->vm_end, c,
		"case %d: %08lx-%08lx merged into %08lx-%08lx", c, addr, end, v->vm_start, v->vm_end);
	return v;
}

/* ------------------------------------------------------------------ */
/* Splitting */

/*
 * __split_vma - split vma at addr using the caller's new VMA: new_below=1
 * puts new below addr, 0 above it (seed 002). Cannot fail.
 */
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long addr, int new_below, struct vm_area_struct *new)
{
	*new = *vma;
	INIT_LIST_HEAD(&new->shared);
	if (new_below) {
		new->vm_end = addr;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (pgoff_t)((addr - vma->vm_start) >> PAGE_SHIFT);
	}
	if (new->vm_file)
		get_file(new->vm_file);
	anon_vma_link(new);
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	vm_emit(mm->machine, VM_EV_SPLIT, "split_vma", vma, new->vm_start, new->vm_end,
		new_below, new->vm_file ?
		"new VMA %08lx-%08lx %s addr (vm_pgoff %lu); the old one keeps %08lx-%08lx" :
		"new VMA %08lx-%08lx %s addr (vm_pgoff %#lx); the old one keeps %08lx-%08lx",
		new->vm_start, new->vm_end, new_below ? "below" : "above",
		(unsigned long)new->vm_pgoff, new_below ? addr : vma->vm_start,
		new_below ? vma->vm_end : addr);
	if (new_below)
		vma_adjust(vma, addr, vma->vm_end,
			   vma->vm_pgoff + ((addr - new->vm_start) >> PAGE_SHIFT), new);
	else
		vma_adjust(vma, vma->vm_start, addr, vma->vm_pgoff, new);
	return 0;
}

/*
 * split_vma - 2.6's: -ENOMEM when map_count has reached sysctl_max_map_count
 * or no VMA can be allocated; nothing changed then.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *new;
	int err;

	vm_enter(m, "split_vma", "split_vma(%08lx-%08lx, addr=%08lx, new_below=%d)",
		 vma->vm_start, vma->vm_end, addr, new_below);
	if (mm->map_count >= m->sysctl_max_map_count)
		err = (int)vm_error(m, -ENOMEM, "map_count %d has reached vm.max_map_count %d",
				    mm->map_count, m->sysctl_max_map_count);
	else if (!(new = vm_area_alloc(mm)))
		err = (int)vm_error(m, -ENOMEM, "out of memory for a vm_area_struct");
	else
		err = __split_vma(mm, vma, addr, new_below, new);
	vm_leave(m, "split_vma", err);
	return err;
}

/* ------------------------------------------------------------------ */
/* Changing the flags of a range: mprotect_fixup, mlock_fixup and
 * madvise_behavior share this step; sys_mprotect, do_mlock and
 * sys_madvise call it once per VMA of the range, in address order, and
 * keep what the steps before a failure did, as the kernel does. */

/*
 * modify_flags_splits - how many split_vma calls giving [start, end) of
 * vma the flags newflags takes: none when vma_merge joins the range to a
 * neighbour, else one at each end that is inside vma. *pprev is the VMA
 * before the range, as vma_modify_flags gets it.
 */
static int modify_flags_splits(struct vm_area_struct *vma, struct vm_area_struct *prev,
			       unsigned long start, unsigned long end, unsigned long newflags)
{
	unsigned long pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *next;

	if (vma_merge_plan(vma->vm_mm, prev, start, end, newflags, vma->anon_vma, vma->vm_file,
			   pgoff, &next) != VMA_MERGE_NONE)
		return 0;
	return (start != vma->vm_start) + (end != vma->vm_end);
}

/*
 * vma_modify_flags - give [start, end) (inside vma) the flags newflags:
 * merge with prev and/or next when vma_merge can, else split at start
 * (new_below=1) and end (new_below=0). *pprev becomes the VMA that now
 * covers the range. The VMAs the splits need are allocated first, so that
 * running out of memory returns -ENOMEM with nothing changed (2.6's
 * split_vma allocates before it changes anything; vmsh does so for the
 * step). split_vma's own check of vm.max_map_count is made at each split,
 * as 2.6 makes it: when the split at end is refused after the one at
 * start, -ENOMEM comes back with vma split at start and its flags as they
 * were, as in the kernel.
 */
int vma_modify_flags(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		     unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *merged;
	int had = mm->nr_reserved, err = 0;

	if (vma_reserve(mm, had + modify_flags_splits(vma, *pprev, start, end, newflags)))
		return (int)vm_error(mm->machine, -ENOMEM, "out of memory for a vm_area_struct");
	merged = vma_merge(mm, *pprev, start, end, newflags, vma->anon_vma, vma->vm_file, pgoff);
	if (merged) {
		*pprev = merged;
		merged->vm_flags = (vm_flags_t)newflags;
		goto out;
	}
	*pprev = vma;
	if (start != vma->vm_start) {
		err = split_vma(mm, vma, start, 1);
		if (err)
			goto out;
	}
	if (end != vma->vm_end) {
		err = split_vma(mm, vma, end, 0);
		if (err)
			goto out;
	}
	vma->vm_flags = (vm_flags_t)newflags;
out:
	vma_unreserve_to(mm, had);
	return err;
}

/*
 * range_hole - the failure sys_mprotect, do_mlock and sys_madvise meet at
 * a hole: [at, the next VMA or end) is not mapped. Returns -ENOMEM,
 * explained, and shown in the trace as a step of func.
 */
long range_hole(struct mm_struct *mm, const char *func, unsigned long at, unsigned long end)
{
	struct vm_area_struct *next = __find_vma(mm, at);
	unsigned long hole_end = next && next->vm_start < end ? next->vm_start : end;

	vm_emit(mm->machine, VM_EV_STEP, func, NULL, at, hole_end, -ENOMEM,
		"%08lx-%08lx is not mapped", at, hole_end);
	return vm_error(mm->machine, -ENOMEM, "%08lx-%08lx is not mapped", at, hole_end);
}
