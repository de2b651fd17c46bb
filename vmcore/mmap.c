/*
 * mmap.c - the address space's regions, after Linux 2.6 mm/mmap.c: lookups
 * (find_vma, find_vma_prev), linking into list and tree, vma_adjust,
 * vma_merge, split_vma, get_unmapped_area, do_mmap_pgoff, do_munmap with
 * detach_vmas_to_be_unmapped / unmap_region / unmap_vma_list, do_brk and
 * exit_mmap.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mm.h"
#include "slab.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "rmap.h"

/*
 * protection_map - i386 PTE protections for vm_flags & (READ|WRITE|EXEC|SHARED).
 * Private writable pages start read-only (PAGE_COPY) so a write can copy.
 */
#define PAGE_NONE	(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_SHARED	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_READONLY	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)

static const uint32_t protection_map[16] = {
	PAGE_NONE, PAGE_READONLY, PAGE_COPY, PAGE_COPY,
	PAGE_READONLY, PAGE_READONLY, PAGE_COPY, PAGE_COPY,
	PAGE_NONE, PAGE_READONLY, PAGE_SHARED, PAGE_SHARED,
	PAGE_READONLY, PAGE_READONLY, PAGE_SHARED, PAGE_SHARED,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	pgprot_t p = { protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)] };
	return p;
}

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

static void vma_rb_erase(struct vm_area_struct *vma, struct rb_root *root)
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
static int find_vma_links(struct mm_struct *mm, unsigned long addr, unsigned long end,
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
static void __remove_shared_vm_struct(struct vm_area_struct *vma)
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

static void __vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
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
 * vma_merge - join [addr, end) with prev and/or next when flags, file,
 * anon_vma and offsets agree. The cases of 2.6's comment, where AAAA is the
 * range, P prev, N next:
 *
 *     AAAA             AAAA                AAAA             AAAA
 *    PPPPPPNNNNNN    PPPPPPNNNNNN       PPPPPPNNNNNN    PPPPNNNNXXXX
 *    cannot merge    might become       might become    might become
 *                    PPNNNNNNNNNN       PPPPPPPPPPNN    PPPPPPPPPPPP 6 or
 *    mmap, brk or    case 4 below       case 5 below    PPPPPPPPXXXX 7 or
 *    mremap move:                                       PPPPNNNNNNNN 8
 *        AAAA
 *    PPPP    NNNN    PPPPPPPPPPPP    PPPPPPPPNNNN    PPPPNNNNNNNN
 *    might become    case 1 below    case 2 below    case 3 below
 *
 * Returns the VMA that now covers the range, or NULL (nothing changed).
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
 * vma_merge - join [addr, end) with prev and/or next when flags, file,
 * anon_vma and offsets agree (vma_merge_plan decides, this carries it out).
 * Returns the VMA that now covers the range, or NULL (nothing changed).
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
/* Accounting */

/*
 * vm_stat_account - the shared/exec/stack/reserved counters behind
 * /proc/PID/status (VmData = total_vm - shared_vm - stack_vm, VmExe, VmStk).
 */
void vm_stat_account(struct mm_struct *mm, unsigned long flags,
		     struct file *file, long pages)
{
	if (file) {
		mm->shared_vm += (unsigned long)pages;	/* 2.6: every file page, private or not */
		if ((flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			mm->exec_vm += (unsigned long)pages;
	} else if (flags & (VM_GROWSUP | VM_GROWSDOWN)) {
		mm->stack_vm += (unsigned long)pages;
	}
	if (flags & (VM_RESERVED | VM_IO))
		mm->reserved_vm += (unsigned long)pages;
}

/*
 * security_vm_enough_memory - charge pages to vm_committed_space under
 * vm.overcommit_memory: 0 refuses only an obvious overcommit (more than all
 * of RAM at once), 1 always agrees, 2 keeps the total under RAM. -ENOMEM
 * and nothing charged when refused.
 */
int security_vm_enough_memory(struct machine *m, long pages)
{
	if (m->sysctl_overcommit_memory == 0 && (unsigned long)pages > m->totalram_pages)
		return (int)vm_error(m, -ENOMEM, "%ld pages is more than all of memory (vm.overcommit_memory=0)", pages);
	if (m->sysctl_overcommit_memory == 2 &&
	    m->vm_committed_space + (unsigned long)pages > m->totalram_pages)
		return (int)vm_error(m, -ENOMEM, "commit limit reached (vm.overcommit_memory=2)");
	m->vm_committed_space += (unsigned long)pages;
	return 0;
}

void vm_unacct_memory(struct machine *m, long pages)
{
	m->vm_committed_space -= (unsigned long)pages;
}

/* ------------------------------------------------------------------ */
/* The free-area search */

/*
 * unmapped_area - lowest gap of len bytes in [low, high): first fit, as
 * 2.6's arch_get_unmapped_area with free_area_cache and cached_hole_size
 * finds it, walked in O(log n) with rb_subtree_gap. -ENOMEM when none.
 */
static unsigned long unmapped_area(struct mm_struct *mm, unsigned long len,
				   unsigned long low, unsigned long high)
{
	struct vm_area_struct *vma;
	unsigned long gap_start, gap_end, low_limit = low + len;

	if (high < len || low > high - len)
		return (unsigned long)-ENOMEM;
	high -= len;
	if (!mm->mm_rb.rb_node)
		goto check_highest;
	vma = rb_entry(mm->mm_rb.rb_node, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < len)
		goto check_highest;
	for (;;) {
		gap_end = vma->vm_start;
		if (gap_end >= low_limit && vma->vm_rb.rb_left) {
			struct vm_area_struct *left = rb_entry(vma->vm_rb.rb_left, struct vm_area_struct, vm_rb);

			if (left->rb_subtree_gap >= len) {
				vma = left;
				continue;
			}
		}
		gap_start = vma->vm_prev ? vma->vm_prev->vm_end : 0;
check_current:
		if (gap_start > high)
			return (unsigned long)-ENOMEM;
		if (gap_end >= low_limit && gap_end > gap_start && gap_end - gap_start >= len)
			goto found;
		if (vma->vm_rb.rb_right) {
			struct vm_area_struct *right = rb_entry(vma->vm_rb.rb_right, struct vm_area_struct, vm_rb);

			if (right->rb_subtree_gap >= len) {
				vma = right;
				continue;
			}
		}
		for (;;) {	/* go back up to the next candidate */
			struct rb_node *prev = &vma->vm_rb;

			if (!rb_parent(prev))
				goto check_highest;
			vma = rb_entry(rb_parent(prev), struct vm_area_struct, vm_rb);
			if (prev == vma->vm_rb.rb_left) {
				gap_start = vma->vm_prev->vm_end;
				gap_end = vma->vm_start;
				goto check_current;
			}
		}
	}
check_highest:
	gap_start = mm->highest_vm_end;
	if (gap_start > high)
		return (unsigned long)-ENOMEM;
found:
	if (gap_start < low)
		gap_start = low;
	return gap_start;
}

/*
 * get_unmapped_area - where a mapping of len bytes goes: addr itself for
 * MAP_FIXED (checked against TASK_SIZE and alignment), a free page-aligned
 * hint, or the first fit from TASK_UNMAPPED_BASE. Returns the address or a
 * negative errno (test with IS_ERR_VALUE).
 */
unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *vma;
	unsigned long ret;

	(void)file;
	(void)pgoff;
	if (len > TASK_SIZE)
		return (unsigned long)vm_error(m, -ENOMEM, "length %#lx is more than TASK_SIZE", len);
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - len)
			return (unsigned long)vm_error(m, -ENOMEM, "%08lx-%08lx goes past TASK_SIZE (%#lx)",
						       addr, addr + len, TASK_SIZE);
		if (addr & ~PAGE_MASK)
			return (unsigned long)vm_error(m, -EINVAL, "fixed address 0x%08lx is not page aligned", addr);
		return addr;
	}
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma(mm, addr);
		if (TASK_SIZE - len >= addr && (!vma || addr + len <= vma->vm_start))
			return addr;
	}
	ret = unmapped_area(mm, len, TASK_UNMAPPED_BASE, TASK_SIZE);
	if (IS_ERR_VALUE(ret))
		return (unsigned long)vm_error(m, -ENOMEM, "no free gap of %#lx bytes between %#lx and TASK_SIZE",
					       len, TASK_UNMAPPED_BASE);
	return ret;
}

/* ------------------------------------------------------------------ */
/* do_munmap, following seed 002 */

/*
 * detach_vmas_to_be_unmapped - take the VMAs from vma up to end out of the
 * list and tree; they stay linked to each other by vm_next, ended by NULL.
 */
static int detach_vmas_to_be_unmapped(struct mm_struct *mm, struct vm_area_struct *vma,
				      struct vm_area_struct *prev, unsigned long end)
{
	struct vm_area_struct **insertion_point = prev ? &prev->vm_next : &mm->mmap;
	struct vm_area_struct *tail_vma = NULL;
	unsigned long start = vma->vm_start;
	int n = 0;

	vma->vm_prev = NULL;
	do {
		vma_rb_erase(vma, &mm->mm_rb);
		mm->map_count--;
		tail_vma = vma;
		vma = vma->vm_next;
		n++;
	} while (vma && vma->vm_start < end);
	*insertion_point = vma;
	if (vma) {
		vma->vm_prev = prev;
		vma_gap_update(vma);
	} else {
		mm->highest_vm_end = prev ? prev->vm_end : 0;
	}
	tail_vma->vm_next = NULL;
	mm->mmap_cache = NULL;		/* Kill the cache. */
	vm_emit(mm->machine, VM_EV_DETACH, "detach_vmas_to_be_unmapped", NULL, start, end, n,
		"%d VMA%s detached from %08lx-%08lx, map_count=%d", n, n == 1 ? "" : "s",
		start, tail_vma->vm_end, mm->map_count);
	return n;
}

/* remove_vm_struct - the VMA leaves its file's share list and is freed */
static void remove_vm_struct(struct vm_area_struct *vma)
{
	struct file *file = vma->vm_file;

	vm_emit(vma->vm_mm->machine, VM_EV_REMOVE, "remove_vm_struct", vma, vma->vm_start,
		vma->vm_end, 0, "free %08lx-%08lx%s", vma->vm_start, vma->vm_end,
		file ? ", fput" : "");
	__remove_shared_vm_struct(vma);
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (file)
		fput(file);
	anon_vma_unlink(vma);
	vm_area_free(vma);
}

/* unmap_vma - total_vm and locked_vm lose the VMA's pages (seed 002 a.1, a.2) */
static void unmap_vma(struct mm_struct *mm, struct vm_area_struct *area)
{
	unsigned long pages = vma_pages(area);

	mm->total_vm -= pages;
	if (area->vm_flags & VM_LOCKED)
		mm->locked_vm -= pages;
	vm_stat_account(mm, area->vm_flags, area->vm_file, -(long)pages);
	if (area->vm_flags & VM_ACCOUNT)
		vm_unacct_memory(mm->machine, (long)pages);
	vm_emit(mm->machine, VM_EV_UNMAP, "unmap_vma", area, area->vm_start, area->vm_end,
		(long)pages, "total_vm -= %lu -> %lu%s", pages, mm->total_vm,
		(area->vm_flags & VM_LOCKED) ? ", locked_vm too" : "");
	remove_vm_struct(area);
}

static void unmap_vma_list(struct mm_struct *mm, struct vm_area_struct *mpnt)
{
	do {
		struct vm_area_struct *next = mpnt->vm_next;

		unmap_vma(mm, mpnt);
		mpnt = next;
	} while (mpnt);
}

/*
 * unmap_region - zap the page table entries of the detached VMAs and give
 * back the page tables no longer used between prev and the next VMA.
 */
static void unmap_region(struct mm_struct *mm, struct vm_area_struct *vma,
			 struct vm_area_struct *prev, unsigned long start, unsigned long end)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;
	unsigned long zapped = 0, rss = mm->rss;
	int freed;

	for (; vma; vma = vma->vm_next)
		zapped += zap_page_range(mm, vma->vm_start, vma->vm_end);
	freed = free_pgtables(mm, prev ? prev->vm_end : 0, next ? next->vm_start : TASK_SIZE,
			      start, end);
	vm_emit(mm->machine, VM_EV_UNMAP, "unmap_region", NULL, start, end, (long)zapped,
		"unmap_region(%08lx-%08lx): %lu PTE%s zapped, rss %lu -> %lu, %d page table%s freed",
		start, end, zapped, zapped == 1 ? "" : "s", rss, mm->rss, freed, freed == 1 ? "" : "s");
}

#define VMA_STR_LEN	18	/* "40000000-40008000" */

/* vma_str - "start-end" of vma for an event's text, "NULL" for none. */
static const char *vma_str(char *buf, const struct vm_area_struct *vma)
{
	if (!vma)
		return "NULL";
	snprintf(buf, VMA_STR_LEN, "%08lx-%08lx", vma->vm_start, vma->vm_end);
	return buf;
}

/* munmap_check - do_munmap's argument checks (seed 002, 1.1 and 1.2) */
static int munmap_check(struct mm_struct *mm, unsigned long start, size_t *len)
{
	struct machine *m = mm->machine;

	if (start & ~PAGE_MASK)
		return (int)vm_error(m, -EINVAL, "0x%08lx is not page aligned", start);
	if (start > TASK_SIZE || *len > TASK_SIZE - start)
		return (int)vm_error(m, -EINVAL, "0x%08lx+%#lx goes past TASK_SIZE (%#lx)",
				     start, (unsigned long)*len, TASK_SIZE);
	*len = PAGE_ALIGN(*len);
	if (*len == 0)
		return (int)vm_error(m, -EINVAL, "length is zero");
	return 0;
}

/*
 * count_splits - how many VMAs unmapping [start, end) must split (0..2),
 * vma the first VMA it overlaps and last __find_vma(end); or -ENOMEM if
 * split_vma would refuse one for max_map_count.
 */
static int count_splits(struct mm_struct *mm, struct vm_area_struct *vma,
			struct vm_area_struct *last, unsigned long start, unsigned long end)
{
	int head = start > vma->vm_start, tail = last && end > last->vm_start;
	int max = mm->machine->sysctl_max_map_count;

	if ((head && mm->map_count >= max) || (tail && mm->map_count + head >= max))
		return (int)vm_error(mm->machine, -ENOMEM,
				     "split_vma refused: map_count %d has reached vm.max_map_count %d",
				     mm->map_count + (head && mm->map_count < max), max);
	return head + tail;
}

/*
 * munmap_splits - count_splits for [start, end), checked before anything
 * changes so that a failing call changes nothing.
 */
int munmap_splits(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = __find_vma(mm, start);

	if (!vma || vma->vm_start >= end)
		return 0;
	return count_splits(mm, vma, __find_vma(mm, end), start, end);
}

/* munmap_splits_from - munmap_splits with vma = __find_vma(start) known (it overlaps) */
static int munmap_splits_from(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long start, unsigned long end)
{
	struct vm_area_struct *last = vma;

	while (last && last->vm_end <= end)	/* __find_vma(end), along the list */
		last = last->vm_next;
	return count_splits(mm, vma, last, start, end);
}

/*
 * do_munmap - unmap [start, start+len) as seed 002 does it. Returns 0
 * (also when nothing was mapped there), -EINVAL for bad arguments, -ENOMEM
 * when a split is refused; on failure nothing has changed.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *mpnt, *prev, *last;
	unsigned long end;
	int err, had = mm->nr_reserved;	/* a caller's reserve stays the caller's */
	char buf[2][VMA_STR_LEN];

	vm_enter(m, "do_munmap", "do_munmap(start=%08lx, len=%#lx)", start, (unsigned long)len);
	err = munmap_check(mm, start, &len);
	if (err)
		goto out;
	mpnt = find_vma_prev(mm, start, &prev);
	vm_emit(m, VM_EV_LOOKUP, "find_vma_prev", mpnt, start, 0, 0,
		"find_vma_prev(%08lx) = %s, prev = %s", start,
		vma_str(buf[0], mpnt), vma_str(buf[1], prev));
	end = start + len;
	if (!mpnt || mpnt->vm_start >= end) {
		vm_emit(m, VM_EV_STEP, "do_munmap", NULL, start, end, 0, "no VMA overlaps %08lx-%08lx: nothing to do", start, end);
		goto out;
	}
	err = munmap_splits_from(mm, mpnt, start, end);
	if (err < 0)
		goto out;
	err = vma_reserve(mm, err);
	if (err) {
		err = (int)vm_error(m, err, "out of memory for a vm_area_struct");
		goto out;
	}
	update_hiwater_vm(mm);
	if (start > mpnt->vm_start) {
		split_vma(mm, mpnt, start, 0);
		prev = mpnt;
	}
	for (last = prev ? prev->vm_next : mm->mmap; last && last->vm_end <= end; last = last->vm_next)
		;	/* find_vma(end) without the tree: the VMAs passed are unmapped anyway */
	if (last && end > last->vm_start)
		split_vma(mm, last, end, 1);
	mpnt = prev ? prev->vm_next : mm->mmap;
	detach_vmas_to_be_unmapped(mm, mpnt, prev, end);
	unmap_region(mm, mpnt, prev, start, end);
	unmap_vma_list(mm, mpnt);
	vma_unreserve_to(mm, had);
out:
	vm_leave(m, "do_munmap", err);
	return err;
}

/* ------------------------------------------------------------------ */
/* do_mmap_pgoff */

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       (flags & MAP_DENYWRITE ? VM_DENYWRITE : 0) |
	       (flags & MAP_EXECUTABLE ? VM_EXECUTABLE : 0) |
	       (flags & MAP_LOCKED ? VM_LOCKED : 0);
}

/* mmap_vm_flags - vm_flags of a new mapping, and the file-mode checks. -EACCES/-EINVAL. */
static long mmap_vm_flags(struct mm_struct *mm, struct file *file, unsigned long prot,
			  unsigned long flags, unsigned long *pvm_flags)
{
	unsigned long vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
				 mm->def_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	struct machine *m = mm->machine;

	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (file && (prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return vm_error(m, -EACCES, "shared writable mapping of a file not open for writing");
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (file && !(file->f_mode & FMODE_WRITE))
			vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		break;
	case MAP_PRIVATE:
		break;
	default:
		return vm_error(m, -EINVAL, "need exactly one of MAP_SHARED or MAP_PRIVATE");
	}
	if (file && (vm_flags & (VM_GROWSDOWN | VM_GROWSUP)))
		return vm_error(m, -EINVAL, "a file mapping cannot grow down");
	/* We honor MAP_NORESERVE if allowed to overcommit (2.6.29) */
	if ((flags & MAP_NORESERVE) && m->sysctl_overcommit_memory != 2)
		vm_flags |= VM_NORESERVE;
	*pvm_flags = vm_flags;
	return 0;
}

/* accountable_mapping - does a mapping with these flags charge vm_committed_space? */
static int accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* mmap_prepare_vma - allocate and fill the new VMA (and its file) before anything changes */
static long mmap_prepare_vma(struct mm_struct *mm, struct file *file, unsigned long addr,
			     unsigned long len, unsigned long vm_flags, unsigned long pgoff,
			     struct vm_area_struct **pvma)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	if (!vma)
		return vm_error(mm->machine, -ENOMEM, "out of memory for a vm_area_struct");
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = (vm_flags_t)vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = (pgoff_t)pgoff;
	if (file) {
		if ((vm_flags & VM_DENYWRITE) && deny_write_access(file)) {
			vm_area_free(vma);
			return vm_error(mm->machine, -ETXTBSY, "file is open for writing");
		}
		vma->vm_file = file;
		get_file(file);
	} else if (vm_flags & VM_SHARED) {
		/* shmem_zero_setup: the object is charged unless MAP_NORESERVE */
		vma->vm_file = shmem_file_setup(mm->machine, len, !(vm_flags & VM_NORESERVE));
		if (!vma->vm_file) {
			vm_area_free(vma);
			return vm_error(mm->machine, -ENOMEM, "no memory for a /dev/zero object of %#lx bytes", len);
		}
		vma->vm_pgoff = 0;
	}
	*pvma = vma;
	return 0;
}

/* mmap_discard_vma - undo mmap_prepare_vma */
static void mmap_discard_vma(struct vm_area_struct *vma)
{
	if (vma->vm_file) {
		if (vma->vm_flags & VM_DENYWRITE)
			allow_write_access(vma->vm_file);
		fput(vma->vm_file);
	}
	vm_area_free(vma);
}

/* accounted_pages - VM_ACCOUNT pages in [start, end): what an overlapping munmap gives back */
static unsigned long accounted_pages(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long n = 0;

	for (vma = __find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		if (vma->vm_flags & VM_ACCOUNT)
			n += (e - s) >> PAGE_SHIFT;
	}
	return n;
}

/*
 * mmap_region - map [addr, addr+len) with vm_flags: clear what was there
 * (MAP_FIXED), charge VM_ACCOUNT, merge with a neighbour or link a new
 * VMA. All allocations and checks come first, so on failure (a negative
 * errno) nothing has changed.
 */
static unsigned long mmap_region(struct mm_struct *mm, struct file *file, unsigned long addr,
				 unsigned long len, unsigned long vm_flags, unsigned long pgoff,
				 int populate)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *vma = NULL, *prev, *merged;
	unsigned long end = addr + len, charged = 0, freed = 0;
	struct rb_node **rb_link = NULL, *rb_parent = NULL;
	int splits = 0, overlap;
	long err;

	/* one walk: where the VMA goes, and whether anything is in the way */
	overlap = find_vma_links(mm, addr, end, &prev, &rb_link, &rb_parent) != 0;
	if (overlap) {
		splits = munmap_splits(mm, addr, end);
		if (splits < 0)
			return (unsigned long)(long)splits;
	}
	if (accountable_mapping(vm_flags)) {
		charged = len >> PAGE_SHIFT;
		if (overlap)
			freed = accounted_pages(mm, addr, end);
		m->vm_committed_space -= freed;	/* as if the old maps were gone already */
		err = security_vm_enough_memory(m, (long)charged);
		m->vm_committed_space += freed;
		if (err)
			return (unsigned long)err;
		vm_flags |= VM_ACCOUNT;
	}
	err = vma_reserve(mm, splits + 1);
	if (!err)
		err = mmap_prepare_vma(mm, file, addr, len, vm_flags, pgoff, &vma);
	if (err) {
		vma_unreserve(mm);
		vm_unacct_memory(m, (long)charged);
		return (unsigned long)vm_error(m, err, "out of memory");
	}
	if (overlap) {
		do_munmap(mm, addr, len);	/* cannot fail now: checked and reserved */
		find_vma_links(mm, addr, end, &prev, &rb_link, &rb_parent);
	}
	vma_unreserve(mm);
	if ((vm_flags & (VM_SHARED | VM_ACCOUNT)) == (VM_SHARED | VM_ACCOUNT))
		vma->vm_flags &= ~VM_ACCOUNT;
	if (!file && !(vm_flags & VM_SHARED) &&
	    (merged = vma_merge(mm, prev, addr, end, vma->vm_flags, NULL, NULL, pgoff))) {
		mmap_discard_vma(vma);
		vma = merged;
	} else if (file && (merged = vma_merge(mm, prev, addr, end, vma->vm_flags, NULL, file, pgoff))) {
		mmap_discard_vma(vma);
		vma = merged;
	} else {
		__vma_link(mm, vma, prev, rb_link, rb_parent);	/* vma_merge changed nothing */
		if (vma->vm_flags & VM_DENYWRITE)
			allow_write_access(vma->vm_file);	/* correct_wcount */
	}
	mm->total_vm += len >> PAGE_SHIFT;
	vm_stat_account(mm, vm_flags, vma->vm_file, (long)(len >> PAGE_SHIFT));
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += len >> PAGE_SHIFT;
	if ((vm_flags & VM_LOCKED) || populate)
		make_pages_present(mm, addr, end);	/* like the kernel, mmap succeeds regardless */
	return addr;
}

/*
 * do_mmap_pgoff - 2.6's: checks, get_unmapped_area, vm_flags, then
 * mmap_region. file is an open file (or NULL for anonymous memory); the
 * caller's reference is not consumed. Returns the address or -errno.
 */
unsigned long do_mmap_pgoff(struct mm_struct *mm, struct file *file,
			    unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flags,
			    unsigned long pgoff)
{
	struct machine *m = mm->machine;
	unsigned long vm_flags = 0;
	long err;

	if (!len)
		return (unsigned long)vm_error(m, -EINVAL, "length is zero");
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return (unsigned long)vm_error(m, -ENOMEM, "length is more than TASK_SIZE");
	if (((pgoff + (len >> PAGE_SHIFT)) & 0xffffffffUL) < pgoff)
		return (unsigned long)vm_error(m, -EOVERFLOW, "offset + length overflows");
	if (mm->map_count > m->sysctl_max_map_count)
		return (unsigned long)vm_error(m, -ENOMEM, "map_count %d is over vm.max_map_count %d",
					       mm->map_count, m->sysctl_max_map_count);
	addr = get_unmapped_area(mm, file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	err = mmap_vm_flags(mm, file, prot, flags, &vm_flags);
	if (err)
		return (unsigned long)err;
	if (!file && (flags & MAP_TYPE) == MAP_PRIVATE)
		pgoff = addr >> PAGE_SHIFT;	/* set pgoff according to addr for anon_vma */
	return mmap_region(mm, file, addr, len, vm_flags, pgoff, !!(flags & MAP_POPULATE));
}

/* ------------------------------------------------------------------ */
/* brk */

/*
 * do_brk - an anonymous private mapping for the heap at [addr, addr+len),
 * merged with the VMA before it when possible. Returns addr or -errno.
 */
unsigned long do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct machine *m = mm->machine;
	unsigned long flags = VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;

	len = PAGE_ALIGN(len);
	if (!len)
		return addr;
	if (addr + len > TASK_SIZE || addr + len < addr)
		return (unsigned long)vm_error(m, -EINVAL, "heap would pass TASK_SIZE");
	if (mm->map_count > m->sysctl_max_map_count)
		return (unsigned long)vm_error(m, -ENOMEM, "map_count %d is over vm.max_map_count %d",
					       mm->map_count, m->sysctl_max_map_count);
	return mmap_region(mm, NULL, addr, len, flags & ~VM_ACCOUNT, addr >> PAGE_SHIFT, 0);
}

/* ------------------------------------------------------------------ */
/* mm_struct life */

/*
 * exit_mmap - release every VMA and page of mm (seed 001): the list is
 * taken whole, each VMA's pages zapped and the VMA freed, then the page
 * tables cleared.
 */
void exit_mmap(struct mm_struct *mm)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *mpnt = mm->mmap, *vma;
	unsigned long zapped = 0, rss = mm->rss;

	vm_enter(m, "exit_mmap", "exit_mmap(map_count=%d, total_vm=%lu)", mm->map_count, mm->total_vm);
	update_hiwater_vm(mm);
	for (vma = mpnt; vma; vma = vma->vm_next)
		zapped += zap_page_range(mm, vma->vm_start, vma->vm_end);
	vm_emit(m, VM_EV_UNMAP, "exit_mmap", NULL, 0, TASK_SIZE, (long)zapped,
		"%lu PTE%s zapped, rss %lu -> 0", zapped, zapped == 1 ? "" : "s", rss);
	mm->mmap = mm->mmap_cache = NULL;
	mm->mm_rb = RB_ROOT;
	mm->highest_vm_end = 0;
	while (mpnt) {
		struct vm_area_struct *next = mpnt->vm_next;

		mm->map_count--;
		if (mpnt->vm_flags & VM_ACCOUNT)
			vm_unacct_memory(m, (long)vma_pages(mpnt));
		remove_vm_struct(mpnt);
		mpnt = next;
	}
	mm->total_vm = mm->locked_vm = mm->shared_vm = mm->exec_vm = 0;
	mm->stack_vm = mm->reserved_vm = 0;
	free_pgtables(mm, 0, TASK_SIZE, 0, TASK_SIZE);
	vm_leave(m, "exit_mmap", 0);
}

/* ------------------------------------------------------------------ */
/* Changing the flags of a range: mprotect_fixup, mlock_fixup and
 * madvise_behavior share this step. */

/*
 * vma_modify_flags - give [start, end) (inside vma) the flags newflags:
 * merge with prev and/or next when vma_merge can, else split at start
 * (new_below=1) and end (new_below=0). *pprev becomes the VMA that now
 * covers the range. Returns 0 or -ENOMEM from split_vma (with the range
 * possibly split at start already, as in the kernel: callers reserve VMAs
 * and check map_count first so that this cannot happen).
 */
int vma_modify_flags(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		     unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *merged;
	int err;

	merged = vma_merge(mm, *pprev, start, end, newflags, vma->anon_vma, vma->vm_file, pgoff);
	if (merged) {
		*pprev = merged;
		merged->vm_flags = (vm_flags_t)newflags;
		return 0;
	}
	*pprev = vma;
	if (start != vma->vm_start) {
		err = split_vma(mm, vma, start, 1);
		if (err)
			return err;
	}
	if (end != vma->vm_end) {
		err = split_vma(mm, vma, end, 0);
		if (err)
			return err;
	}
	vma->vm_flags = (vm_flags_t)newflags;
	return 0;
}

/*
 * range_check_mapped - is every page of [start, end) inside some VMA?
 * Returns the first VMA, or NULL with -ENOMEM explained (where the hole is).
 */
struct vm_area_struct *range_check_mapped(struct mm_struct *mm, unsigned long start,
					  unsigned long end)
{
	struct vm_area_struct *vma = __find_vma(mm, start), *v;
	unsigned long at = start;

	for (v = vma; v && v->vm_start <= at && at < end; v = v->vm_next)
		at = v->vm_end;
	if (at >= end)
		return vma;
	vm_error(mm->machine, -ENOMEM, "%08lx-%08lx is not mapped", at,
		 v && v->vm_start < end ? v->vm_start : end);
	return NULL;
}

/*
 * last_piece_merges - will the tail piece [last->vm_start, end) of a flag
 * change merge into the VMA before it (vma_merge case 5) once that one has
 * its new flags too? Then no split is needed there.
 */
static int last_piece_merges(struct vm_area_struct *last, unsigned long nf,
			     vma_newflags_fn newflags, const void *arg)
{
	struct vm_area_struct m = *last->vm_prev;

	if (m.vm_end != last->vm_start)
		return 0;
	m.vm_flags = (vm_flags_t)newflags(last->vm_prev, arg);
	return can_vma_merge_after(&m, nf, last->anon_vma, last->vm_file, last->vm_pgoff);
}

/*
 * flags_change_splits - how many split_vma calls giving [start, end) new
 * flags makes, as mprotect_fixup, mlock_fixup and madvise_behavior go:
 * a VMA whose flags stay, or whose piece vma_merge joins to a neighbour,
 * is not split. -ENOMEM when split_vma would refuse one at
 * vm.max_map_count; nothing is changed here.
 */
int flags_change_splits(struct mm_struct *mm, unsigned long start, unsigned long end,
			vma_newflags_fn newflags, const void *arg)
{
	struct vm_area_struct *first = __find_vma(mm, start), *last = __find_vma(mm, end - 1), *next;
	unsigned long e = end < first->vm_end ? end : first->vm_end, nf = newflags(first, arg);
	int head = 0, tail = 0, max = mm->machine->sysctl_max_map_count;

	if (nf != first->vm_flags &&
	    !vma_merge_plan(mm, start > first->vm_start ? first : first->vm_prev, start, e, nf,
			    first->anon_vma, first->vm_file,
			    first->vm_pgoff + ((start - first->vm_start) >> PAGE_SHIFT), &next)) {
		head = start != first->vm_start;
		tail = e != first->vm_end;
	}
	if (last != first && end < last->vm_end) {
		nf = newflags(last, arg);
		if (nf != last->vm_flags && !last_piece_merges(last, nf, newflags, arg))
			tail = 1;
	}
	if ((head && mm->map_count >= max) || (tail && mm->map_count + head >= max))
		return (int)vm_error(mm->machine, -ENOMEM,
				     "split_vma refused: map_count %d has reached vm.max_map_count %d",
				     mm->map_count + (head && mm->map_count < max), max);
	return head + tail;
}

/*
 * range_reserve - before changing flags over [start, end): refuse with
 * -ENOMEM when a split would pass vm.max_map_count, else reserve the VMAs
 * the splits need.
 */
int range_reserve(struct mm_struct *mm, unsigned long start, unsigned long end,
		  vma_newflags_fn newflags, const void *arg)
{
	int n = flags_change_splits(mm, start, end, newflags, arg);

	if (n < 0)
		return n;
	if (vma_reserve(mm, n))
		return (int)vm_error(mm->machine, -ENOMEM, "out of memory for a vm_area_struct");
	return 0;
}

/* ------------------------------------------------------------------ */
/* System calls on m->current */

/*
 * sys_mmap_pgoff - mmap2: a named file (inode) is opened anew, read-write
 * when the mapping is shared and writable, read-only otherwise, and closed
 * after mapping (the VMA keeps its reference). No file and no MAP_ANONYMOUS
 * is -EBADF, as fd -1 would be.
 */
long sys_mmap_pgoff(struct machine *m, unsigned long addr, unsigned long len,
		    unsigned long prot, unsigned long flags, struct inode *inode,
		    unsigned long pgoff)
{
	struct mm_struct *mm = m->current->mm;
	struct file *file = NULL;
	unsigned long ret;

	vm_enter(m, "do_mmap_pgoff", "do_mmap_pgoff(addr=%08lx, len=%#lx, prot=%#lx, flags=%#lx, pgoff=%#lx)",
		 addr, len, prot, flags, pgoff);
	if (flags & MAP_ANONYMOUS) {
		inode = NULL;
	} else if (!inode) {
		ret = (unsigned long)vm_error(m, -EBADF, "no file to map (anonymous memory needs anon)");
		goto out;
	} else {
		unsigned int mode = FMODE_READ;

		if ((flags & MAP_TYPE) == MAP_SHARED && (prot & PROT_WRITE))
			mode |= FMODE_WRITE;
		file = dentry_open(inode, mode);
		if (!file) {
			char q[256];

			ret = (unsigned long)vm_error(m, (mode & FMODE_WRITE) && inode->i_writecount < 0 ?
						      -ETXTBSY : -ENOMEM, "cannot open '%s'%s", vm_quote(q, inode->i_name),
						      inode->i_writecount < 0 ? " for writing: it is being executed" : "");
			goto out;
		}
	}
	ret = do_mmap_pgoff(mm, file, addr, len, prot, flags, pgoff);
	if (file)
		fput(file);
	if (!IS_ERR_VALUE(ret))
		vm_emit(m, VM_EV_MMAP, "do_mmap_pgoff", __find_vma(mm, ret), ret, ret + PAGE_ALIGN(len),
			(long)ret, "mapped %08lx-%08lx", ret, ret + PAGE_ALIGN(len));
out:
	vm_leave(m, "do_mmap_pgoff", (long)ret);
	return (long)ret;
}

long sys_mmap(struct machine *m, unsigned long addr, unsigned long len,
	      unsigned long prot, unsigned long flags, struct inode *file,
	      unsigned long off)
{
	if (off & ~PAGE_MASK)
		return vm_error(m, -EINVAL, "offset %#lx is not page aligned", off);
	return sys_mmap_pgoff(m, addr, len, prot, flags, file, off >> PAGE_SHIFT);
}

long sys_munmap(struct machine *m, unsigned long addr, size_t len)
{
	struct mm_struct *mm = m->current->mm;
	long err = do_munmap(mm, addr, len);

	if (!err)
		vm_emit(m, VM_EV_MUNMAP, "do_munmap", NULL, addr, addr + len, 0,
			"unmapped %08lx-%08lx", addr, addr + (unsigned long)len);
	return err;
}

/*
 * sys_brk - move the program break: shrinking unmaps, growing maps with
 * do_brk unless something is mapped in the way. Like Linux it never
 * fails: it returns the break, unchanged when the move was refused (the
 * reason is left in m->errmsg).
 */
long sys_brk(struct machine *m, unsigned long brk)
{
	struct mm_struct *mm = m->current->mm;
	unsigned long newbrk, oldbrk;

	vm_enter(m, "sys_brk", "sys_brk(%08lx)", brk);
	if (brk < mm->start_brk) {
		vm_error(m, -EINVAL, "0x%08lx is below start_brk 0x%08lx", brk, mm->start_brk);
		goto out;
	}
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk)
		goto set_brk;
	if (brk <= mm->brk) {		/* always allow shrinking brk */
		if (!do_munmap(mm, newbrk, (oldbrk - newbrk) & 0xffffffffUL))	/* i386 arithmetic */
			goto set_brk;
		goto out;
	}
	if (newbrk > TASK_SIZE) {
		vm_error(m, -ENOMEM, "heap would pass TASK_SIZE");
		goto out;
	}
	if (find_vma_intersection(mm, oldbrk, newbrk + PAGE_SIZE)) {
		vm_error(m, -ENOMEM, "a mapping is in the way of %08lx-%08lx", oldbrk, newbrk);
		goto out;
	}
	if (do_brk(mm, oldbrk, newbrk - oldbrk) != oldbrk)
		goto out;
set_brk:
	mm->brk = brk;
	vm_emit(m, VM_EV_BRK, "sys_brk", NULL, mm->start_brk, brk, (long)brk, "brk = %08lx", brk);
out:
	vm_leave(m, "sys_brk", (long)mm->brk);
	return (long)mm->brk;
}

#define STACK_RLIMIT	(8UL << 20)	/* RLIMIT_STACK's usual 8 MiB */

/*
 * expand_stack - grow a VM_GROWSDOWN VMA down to address (a fault just
 * below it), within RLIMIT_STACK and charged when VM_ACCOUNT. 0 or -ENOMEM.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long grow;

	address &= PAGE_MASK;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	if (anon_vma_prepare(vma))
		return -ENOMEM;
	if (vma->vm_end - address > STACK_RLIMIT)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory(mm->machine, (long)grow))
		return -ENOMEM;
	vma->vm_start = address;
	vma->vm_pgoff -= (pgoff_t)grow;
	vma_gap_update(vma);
	mm->total_vm += grow;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += grow;
	vm_stat_account(mm, vma->vm_flags, vma->vm_file, (long)grow);
	vm_emit(mm->machine, VM_EV_STEP, "expand_stack", vma, vma->vm_start, vma->vm_end, (long)grow,
		"stack grows down %lu page%s to %08lx", grow, grow == 1 ? "" : "s", vma->vm_start);
	return 0;
}
