/*
 * mlock.c - locking ranges in memory, after Linux 2.6 mm/mlock.c:
 * do_mlock walks the VMAs and mlock_fixup merges or splits each piece,
 * keeping locked_vm. vmsh's tasks have CAP_IPC_LOCK: no RLIMIT_MEMLOCK.
 * VM_LOCKED and locked_vm are 2.4's (seed 001). mlock_fixup merging
 * through vma_merge is later 2.6's: 2.6.11's still only split.
 */
#include <errno.h>
#include "mm.h"

/*
 * mlock_fixup - set or clear VM_LOCKED on [start, end) of vma and count
 * locked_vm. Returns 0, or -EAGAIN when a split is refused (2.6 turns
 * split_vma's -ENOMEM into -EAGAIN).
 */
static int mlock_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		       unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	long pages;
	int err;

	if (newflags == vma->vm_flags) {
		*pprev = vma;
		return 0;
	}
	err = vma_modify_flags(vma, pprev, start, end, newflags);
	if (err)
		return err == -ENOMEM ? -EAGAIN : err;
	pages = (long)((end - start) >> PAGE_SHIFT);
	if (newflags & VM_LOCKED)
		mm->locked_vm += (unsigned long)pages;
	else
		mm->locked_vm -= (unsigned long)pages;
	vm_emit(mm->machine, VM_EV_MLOCK, "mlock_fixup", *pprev, start, end,
		!!(newflags & VM_LOCKED), "%s %08lx-%08lx, locked_vm=%lu",
		(newflags & VM_LOCKED) ? "lock" : "unlock", start, end, mm->locked_vm);
	return 0;
}

/* mlock_target - the flags mlock_fixup gives vma */
static unsigned long mlock_target(const struct vm_area_struct *vma, const void *arg)
{
	return *(const int *)arg ? (vma->vm_flags | VM_LOCKED) : (vma->vm_flags & ~VM_LOCKED);
}

/*
 * do_mlock - 2.6's, made atomic: the range must be mapped throughout
 * (-ENOMEM otherwise, with nothing changed) and the splits are reserved
 * before the first change (-EAGAIN when max_map_count refuses one).
 */
static long do_mlock(struct machine *m, unsigned long start, size_t len, int on)
{
	struct mm_struct *mm = m->current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long nstart, end = start + len, tmp, newflags;
	long err;

	if (end > 0xffffffffUL)
		return vm_error(m, -EINVAL, "0x%08lx+%#lx wraps around", start, (unsigned long)len);
	if (end == start)
		return 0;
	if (!range_check_mapped(mm, start, end))
		return -ENOMEM;
	if (on && pages_needed(mm, start, end) > m->pgdat.nr_free)
		return vm_error(m, -EAGAIN, "not enough free frames to lock %08lx-%08lx in memory", start, end);
	err = range_reserve(mm, start, end, mlock_target, &on);
	if (err)
		return -EAGAIN;
	vma = find_vma_prev(mm, start, &prev);
	if (start > vma->vm_start)
		prev = vma;
	for (nstart = start;;) {
		newflags = on ? (vma->vm_flags | VM_LOCKED) : (vma->vm_flags & ~VM_LOCKED);
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = mlock_fixup(vma, &prev, nstart, tmp, newflags);
		if (err)
			break;
		nstart = tmp;
		if (nstart < prev->vm_end)
			nstart = prev->vm_end;
		if (nstart >= end)
			break;
		vma = prev->vm_next;
	}
	vma_unreserve(mm);
	/*
	 * Then fault the pages in, as today's __mm_populate does after the
	 * flags are set: when that fails (do_mlock checked the free frames, so
	 * only a failed allocation of the host gets here) the range stays
	 * VM_LOCKED and the call says EAGAIN, as Linux does.
	 */
	if (!err && on && make_pages_present(mm, start, end) == -ENOMEM)
		err = vm_error(m, -EAGAIN, "out of memory faulting %08lx-%08lx in", start, end);
	return err;
}

/* sys_mlock - start is rounded down to its page and len up, as Linux does */
long sys_mlock(struct machine *m, unsigned long start, size_t len)
{
	long err;

	vm_enter(m, "sys_mlock", "sys_mlock(start=%08lx, len=%#lx)", start, (unsigned long)len);
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	err = do_mlock(m, start, len, 1);
	vm_leave(m, "sys_mlock", err);
	return err;
}

long sys_munlock(struct machine *m, unsigned long start, size_t len)
{
	long err;

	vm_enter(m, "sys_munlock", "sys_munlock(start=%08lx, len=%#lx)", start, (unsigned long)len);
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	err = do_mlock(m, start, len, 0);
	vm_leave(m, "sys_munlock", err);
	return err;
}
