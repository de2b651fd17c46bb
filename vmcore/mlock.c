/*
 * mlock.c - locking ranges in memory, after Linux 2.6 mm/mlock.c:
 * do_mlock walks the VMAs and mlock_fixup merges or splits each piece,
 * keeping locked_vm; a hole stops the walk, the VMAs before it changed.
 * vmsh's tasks have CAP_IPC_LOCK: no RLIMIT_MEMLOCK. VM_LOCKED and
 * locked_vm are 2.4's (seed 001). mlock_fixup merging through vma_merge
 * is later 2.6's: 2.6.11's still only split.
 */
#include <errno.h>
#include "mm.h"

/*
 * mlock_fixup - set or clear VM_LOCKED on [start, end) of vma and count
 * locked_vm. Returns 0, or -EAGAIN when a split is refused or no VMA can
 * be had (2.6 turns split_vma's -ENOMEM into -EAGAIN); the flags are then
 * as they were (see vma_modify_flags for max_map_count).
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

/* mapped_until - the end of the mapped run of VMAs from vma (which holds start) up to end */
static unsigned long mapped_until(struct vm_area_struct *vma, unsigned long end)
{
	unsigned long at = vma->vm_end;

	for (vma = vma->vm_next; at < end && vma && vma->vm_start == at; vma = vma->vm_next)
		at = vma->vm_end;
	return at < end ? at : end;
}

/*
 * do_mlock - 2.6's loop: one mlock_fixup per VMA of the range, in
 * address order; a hole stops it with -ENOMEM, a refused split with
 * -EAGAIN, the VMAs before kept locked or unlocked, as in Linux. Locking
 * then faults in what it locked, as 2.6's mlock_fixup did piece by piece
 * (vmsh does it once the flags are set, in today's order), also when the
 * loop stopped early. vmsh's own check first: the frames that faulting
 * in needs must be free (-EAGAIN, nothing changed), so that mlock never
 * runs the machine out of memory.
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
	vma = find_vma_prev(mm, start, &prev);
	if (!vma || vma->vm_start > start)
		return range_hole(mm, "do_mlock", start, end);
	if (on && pages_needed(mm, start, mapped_until(vma, end)) > m->pgdat.nr_free)
		return vm_error(m, -EAGAIN, "not enough free frames to lock %08lx-%08lx in memory",
				start, mapped_until(vma, end));
	if (start > vma->vm_start)
		prev = vma;
	for (nstart = start;;) {
		/* Here we know that vma->vm_start <= nstart < vma->vm_end. */
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
		if (!vma || vma->vm_start != nstart) {
			err = range_hole(mm, "do_mlock", nstart, end);
			break;
		}
	}
	if (err)
		vm_error_done(m, start, nstart);
	/*
	 * Then fault the pages in. When that fails (do_mlock checked the free
	 * frames, so only a failed allocation of the host gets here) the range
	 * stays VM_LOCKED and the call says EAGAIN, as Linux does.
	 */
	if (on && nstart > start && make_pages_present(mm, start, nstart) == -ENOMEM) {
		vm_clear_error(m);
		err = vm_error(m, -EAGAIN, "out of memory faulting %08lx-%08lx in", start, nstart);
	}
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
