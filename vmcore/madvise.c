/*
 * madvise.c - advice about a range, after Linux 2.6 mm/madvise.c: the
 * read-ahead hints and VM_DONTCOPY change vm_flags through merge or split
 * (madvise_behavior); dontneed zaps pages; willneed reads a file ahead.
 * MADV_DONTFORK / MADV_DOFORK are 2.6.16's. madvise_behavior merging
 * through vma_merge is later 2.6's: 2.6.11's still only split.
 */
#include <errno.h>
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

/* madvise_target - the flags madvise_behavior gives vma */
static unsigned long madvise_target(const struct vm_area_struct *vma, const void *arg)
{
	return madvise_newflags(vma, *(const int *)arg);
}

static int madvise_behavior(struct vm_area_struct *vma, struct vm_area_struct **pprev,
			    unsigned long start, unsigned long end, int behavior)
{
	unsigned long newflags = madvise_newflags(vma, behavior);
	int err;

	if (newflags == vma->vm_flags) {
		*pprev = vma;
		return 0;
	}
	err = vma_modify_flags(vma, pprev, start, end, newflags);
	if (err == -ENOMEM)
		err = -EAGAIN;
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

/* madvise_vma - apply behavior to [start, end) of vma */
static int madvise_vma(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		       unsigned long start, unsigned long end, int behavior)
{
	switch (behavior) {
	case MADV_WILLNEED:
		*pprev = vma;
		force_page_cache_readahead(vma, start, end);
		return 0;
	case MADV_DONTNEED:
		*pprev = vma;
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

/* madvise_check - the checks of the whole call, before any change */
static long madvise_check(struct mm_struct *mm, unsigned long start, unsigned long end,
			  int behavior)
{
	struct vm_area_struct *vma = __find_vma(mm, start);
	unsigned long at = start;
	int hole = 0;
	long err;

	/*
	 * In sys_madvise's order: it steps over holes (remembering ENOMEM for
	 * the end) and stops at the first VMA that refuses the advice.
	 */
	for (; vma && vma->vm_start < end; at = vma->vm_end, vma = vma->vm_next) {
		hole |= vma->vm_start > at;
		err = madvise_vma_check(mm->machine, vma, behavior);
		if (err)
			return err;
	}
	if (hole || at < end) {
		range_check_mapped(mm, start, end);	/* says where the hole is */
		return -ENOMEM;
	}
	if (range_reserve(mm, start, end, madvise_target, &behavior))
		return -EAGAIN;
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
 * sys_madvise - 2.6's, made atomic: Linux applies the advice to what is
 * mapped and returns -ENOMEM for the holes; vmsh returns -ENOMEM and
 * changes nothing.
 */
long sys_madvise(struct machine *m, unsigned long start, size_t len, int behavior)
{
	struct mm_struct *mm = m->current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long end, tmp;
	long err;

	vm_enter(m, "sys_madvise", "sys_madvise(start=%08lx, len=%#lx, behavior=%d)",
		 start, (unsigned long)len, behavior);
	err = madvise_args(m, start, &len, behavior);
	if (err)
		goto out;
	end = start + len;
	err = madvise_check(mm, start, end, behavior);
	if (err)
		goto out;
	vma = find_vma_prev(mm, start, &prev);
	if (start > vma->vm_start)
		prev = vma;
	for (;;) {
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = madvise_vma(vma, &prev, start, tmp, behavior);
		if (err)
			break;
		start = tmp;
		if (start < prev->vm_end)
			start = prev->vm_end;
		if (start >= end)
			break;
		vma = prev->vm_next;
	}
	vma_unreserve(mm);
out:
	if (err > 0)
		err = 0;
	vm_leave(m, "sys_madvise", err);
	return err;
}
