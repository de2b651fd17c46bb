/*
 * madvise.c - advice about a range, after Linux 2.6 mm/madvise.c: the
 * read-ahead hints and VM_DONTCOPY change vm_flags through merge or split
 * (madvise_behavior); dontneed zaps pages; willneed reads a file ahead.
 * sys_madvise skips the holes of the range and says ENOMEM at the end.
 * MADV_DONTFORK / MADV_DOFORK are 2.6.16's. madvise_behavior merging
 * through vma_merge is later 2.6's: 2.6.11's still only split.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mm.h"
#include "filemap.h"
#include "page_alloc.h"

/* madvise_newflags - the vm_flags behavior gives vma */
static unsigned long madvise_newflags(const struct vm_area_struct *vma, int behavior)
{
	unsigned long f = vma->vm_flags;

	switch (behavior) {
	case MADV_NORMAL:
		return f & ~(VM_RAND_READ | VM_SEQ_READ);
	case MADV_SEQUENTIAL:
		return (f & ~VM_RAND_READ) | VM_SEQ_READ;
	case MADV_RANDOM:
		return (f & ~VM_SEQ_READ) | VM_RAND_READ;
	case MADV_DONTFORK:
		return f | VM_DONTCOPY;
	case MADV_DOFORK:
		return f & ~VM_DONTCOPY;
	}
	return f;
}

/*
 * force_page_cache_readahead - willneed: bring the file pages of [start,
 * end) into the page cache without mapping them. Stops quietly when
 * memory runs out, as readahead does.
 */
static void force_page_cache_readahead(struct vm_area_struct *vma, unsigned long start,
				       unsigned long end)
{
	struct machine *m = vma->vm_mm->machine;
	struct address_space *mapping = vma->vm_file->f_mapping;
	unsigned long index = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	unsigned long last = index + ((end - start) >> PAGE_SHIFT);

	if (last > mapping_size_pages(mapping))
		last = mapping_size_pages(mapping);
	for (; index < last; index++) {
		struct page *page;

		if (find_get_page(mapping, index))
			continue;
		page = alloc_page(m);
		if (!page)
			return;
		if (add_to_page_cache(m, page, mapping, index)) {
			__free_page(m, page);
			return;
		}
		put_page(m, page);
	}
}

/*
 * madvise_behavior - the advice that changes vm_flags: merge or split
 * through vma_modify_flags. 0, or -EAGAIN when a split is refused or no
 * VMA can be had (2.6 turns split_vma's -ENOMEM into -EAGAIN).
 */
static int madvise_behavior(struct vm_area_struct *vma, struct vm_area_struct **pprev,
			    unsigned long start, unsigned long end, int behavior)
{
	struct machine *m = vma->vm_mm->machine;	/* vma may be freed by a merge */
	unsigned long newflags = madvise_newflags(vma, behavior);
	int err;

	if (newflags == vma->vm_flags) {
		*pprev = vma;
		return 0;
	}
	err = vma_modify_flags(vma, pprev, start, end, newflags);
	if (err == -ENOMEM)
		return -EAGAIN;
	if (!err)
		vm_emit(m, VM_EV_MADVISE, "madvise_behavior", *pprev, start, end,
			behavior, "%08lx-%08lx in VMA %08lx-%08lx, vm_flags %#lx", start, end,
			(*pprev)->vm_start, (*pprev)->vm_end, newflags);
	return err;
}

/*
 * madvise_vma_check - what madvise_vma would refuse for vma: dontneed on a
 * locked VMA (-EINVAL), willneed on anonymous memory (-EBADF, as 2.6).
 */
static long madvise_vma_check(struct machine *m, const struct vm_area_struct *vma, int behavior)
{
	if (behavior == MADV_DONTNEED && (vma->vm_flags & (VM_LOCKED | VM_HUGETLB | VM_PFNMAP)))
		return vm_error(m, -EINVAL, "%08lx-%08lx is locked: dontneed refused",
				vma->vm_start, vma->vm_end);
	if (behavior == MADV_WILLNEED && !vma->vm_file)
		return vm_error(m, -EBADF, "willneed on anonymous memory %08lx-%08lx (2.6 refuses)",
				vma->vm_start, vma->vm_end);
	return 0;
}

/*
 * madvise_vma - apply behavior to [start, end) of vma: 0, or what
 * madvise_vma_check refuses (nothing done), or -EAGAIN from
 * madvise_behavior.
 */
static long madvise_vma(struct vm_area_struct *vma, struct vm_area_struct **pprev,
			unsigned long start, unsigned long end, int behavior)
{
	long err = madvise_vma_check(vma->vm_mm->machine, vma, behavior);

	if (err)
		return err;
	switch (behavior) {
	case MADV_WILLNEED:
		*pprev = vma;
		vm_emit(vma->vm_mm->machine, VM_EV_MADVISE, "madvise_willneed", vma, start, end,
			behavior, "read %08lx-%08lx of the file ahead", start, end);
		force_page_cache_readahead(vma, start, end);
		return 0;
	case MADV_DONTNEED:
		*pprev = vma;
		vm_emit(vma->vm_mm->machine, VM_EV_MADVISE, "madvise_dontneed", vma, start, end,
			behavior, "zap %08lx-%08lx", start, end);
		zap_page_range(vma->vm_mm, start, end);
		return 0;
	default:
		return madvise_behavior(vma, pprev, start, end, behavior);
	}
}

static int madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_DONTFORK: case MADV_DOFORK:
		return 1;
	}
	return 0;
}

/* madvise_args - sys_madvise's argument checks; 1 when there is nothing to do */
static long madvise_args(struct machine *m, unsigned long start, size_t *len, int behavior)
{
	size_t len_in = *len;

	if (!madvise_behavior_valid(behavior))
		return vm_error(m, -EINVAL, "unknown advice %d", behavior);
	if (start & ~PAGE_MASK)
		return vm_error(m, -EINVAL, "0x%08lx is not page aligned", start);
	*len = PAGE_ALIGN(len_in);
	if (len_in && !*len)
		return vm_error(m, -EINVAL, "length %#lx rounds up to zero", (unsigned long)len_in);
	if (start + *len > 0xffffffffUL)
		return vm_error(m, -EINVAL, "0x%08lx+%#lx wraps around", start, (unsigned long)*len);
	return *len ? 0 : 1;
}

/*
 * sys_madvise - 2.6's: one madvise_vma per VMA of the range, in address
 * order. "If the interval [start,end) covers some unmapped address
 * ranges, just ignore them, but return -ENOMEM at the end" (2.6's
 * comment): the advice applies to every mapped part. A VMA that refuses
 * the advice (-EINVAL, -EBADF) or cannot be split (-EAGAIN) stops the
 * loop there, the VMAs before it advised.
 */
long sys_madvise(struct machine *m, unsigned long start, size_t len, int behavior)
{
	struct mm_struct *mm = m->current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long end, tmp, from = start, hole = 0, hole_end = 0;
	long err;

	vm_enter(m, "sys_madvise", "sys_madvise(start=%08lx, len=%#lx, behavior=%d)",
		 start, (unsigned long)len, behavior);
	err = madvise_args(m, start, &len, behavior);
	if (err)
		goto out;
	end = start + len;
	vma = find_vma_prev(mm, start, &prev);
	if (vma && start > vma->vm_start)
		prev = vma;
	for (;;) {
		/* Still start < end. */
		if (!vma || vma->vm_start >= end) {
			if (!hole_end)
				hole = start, hole_end = end;
			break;
		}
		/* Here start < (end|vma->vm_end). */
		if (start < vma->vm_start) {
			if (!hole_end)
				hole = start, hole_end = vma->vm_start;
			start = vma->vm_start;
		}
		/* Here vma->vm_start <= start < (end|vma->vm_end). */
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = madvise_vma(vma, &prev, start, tmp, behavior);
		if (err) {
			vm_error_done(m, from, start);
			goto out;
		}
		start = tmp;
		if (start < prev->vm_end)
			start = prev->vm_end;
		if (start >= end)
			break;
		vma = prev->vm_next;
	}
	if (hole_end) {
		err = range_hole(mm, "sys_madvise", hole, hole_end);
		if (hole > from || hole_end < end)
			snprintf(m->errmsg + strlen(m->errmsg), sizeof(m->errmsg) - strlen(m->errmsg),
				 " (done: the rest)");
	}
out:
	if (err > 0)
		err = 0;
	vm_leave(m, "sys_madvise", err);
	return err;
}
