/*
 * mprotect.c - changing the protection of a range, after Linux 2.6
 * mm/mprotect.c: sys_mprotect walks the VMAs, mprotect_fixup merges or
 * splits each piece and charges VM_ACCOUNT when a private mapping first
 * becomes writable; a hole or a VMA that may not have the rights stops
 * the walk, the VMAs before it changed. mprotect_fixup merging through vma_merge (cases 4-8)
 * is 2.6.7's.
 */
#include <errno.h>
#include "mm.h"

/* mprotect_charge - pages that gain VM_ACCOUNT if [start,end) of vma becomes newflags */
static unsigned long mprotect_charge(const struct vm_area_struct *vma, unsigned long start,
				     unsigned long end, unsigned long newflags)
{
	if ((newflags & VM_WRITE) &&
	    !(vma->vm_flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_HUGETLB | VM_NORESERVE)))
		return (end - start) >> PAGE_SHIFT;
	return 0;
}

/*
 * mprotect_fixup - give [start, end) of vma the flags newflags: charge
 * VM_ACCOUNT for a private mapping made writable, merge or split, set
 * vm_page_prot and the vm_stat counters. Returns 0, or -ENOMEM when the
 * charge does not fit or vma_modify_flags fails (then nothing is charged
 * and the VMA's flags are as they were).
 */
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nrpages = (long)((end - start) >> PAGE_SHIFT);
	unsigned long charged;
	struct file *file = vma->vm_file;
	int err;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}
	charged = mprotect_charge(vma, start, end, newflags);
	if (charged) {
		if (security_vm_enough_memory(mm->machine, (long)charged))
			return -ENOMEM;
		newflags |= VM_ACCOUNT;
	}
	err = vma_modify_flags(vma, pprev, start, end, newflags);
	if (err) {
		vm_unacct_memory(mm->machine, (long)charged);
		return err;
	}
	vma = *pprev;
	vma->vm_page_prot = vm_get_page_prot(newflags);
	change_protection(vma, start, end, vma->vm_page_prot);
	vm_stat_account(mm, oldflags, file, -nrpages);
	vm_stat_account(mm, newflags, file, nrpages);
	vm_emit(mm->machine, VM_EV_MPROTECT, "mprotect_fixup", vma, start, end, (long)newflags,
		"%08lx-%08lx is %c%c%c in VMA %08lx-%08lx, vm_flags %#lx%s", start, end,
		(newflags & VM_READ) ? 'r' : '-', (newflags & VM_WRITE) ? 'w' : '-',
		(newflags & VM_EXEC) ? 'x' : '-', vma->vm_start, vma->vm_end, newflags,
		charged ? ", VM_ACCOUNT charged" : "");
	return 0;
}

/* mprotect_newflags - the flags [start..] of vma gets for prot; -EACCES if not allowed */
static long mprotect_newflags(struct machine *m, const struct vm_area_struct *vma,
			      unsigned long vm_flags, unsigned long *newflags)
{
	unsigned long nf = vm_flags | (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));

	/* newflags >> 4 shift VM_MAY% in place of VM_% */
	if ((nf & ~(nf >> 4)) & (VM_READ | VM_WRITE | VM_EXEC))
		return vm_error(m, -EACCES, "%08lx-%08lx may not be made %s%s%s%s",
				vma->vm_start, vma->vm_end,
				(nf & VM_READ) ? "r" : "-", (nf & VM_WRITE) ? "w" : "-",
				(nf & VM_EXEC) ? "x" : "-",
				(vma->vm_file && (nf & VM_WRITE) && !(vma->vm_flags & VM_MAYWRITE)) ?
				" (the file was opened read-only)" : "");
	*newflags = nf;
	return 0;
}

/* mprotect_args - sys_mprotect's argument checks; 1 when there is nothing to do */
static long mprotect_args(struct machine *m, unsigned long start, size_t *len,
			  unsigned long prot)
{
	if (start & ~PAGE_MASK)
		return vm_error(m, -EINVAL, "0x%08lx is not page aligned", start);
	size_t len_in = *len;

	if (!*len)
		return 1;
	*len = PAGE_ALIGN(*len);
	if (((start + *len) & 0xffffffffUL) <= start)
		return vm_error(m, -ENOMEM, "0x%08lx+%#lx wraps around", start, (unsigned long)len_in);
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return vm_error(m, -EINVAL, "unknown protection bits %#lx", prot);
	return 0;
}

/*
 * mprotect_grows - PROT_GROWSDOWN: the range extends down to the start of
 * its VM_GROWSDOWN VMA (-EINVAL for another kind, -ENOMEM when unmapped).
 * PROT_GROWSUP needs VM_GROWSUP, which i386 never has.
 */
static long mprotect_grows(struct mm_struct *mm, unsigned long prot, unsigned long *start,
			   unsigned long end)
{
	struct vm_area_struct *vma;

	if (!(prot & (PROT_GROWSDOWN | PROT_GROWSUP)))
		return 0;
	if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
		return vm_error(mm->machine, -EINVAL, "PROT_GROWSDOWN and PROT_GROWSUP together");
	vma = __find_vma(mm, *start);
	if (!vma || vma->vm_start >= end)
		return vm_error(mm->machine, -ENOMEM, "0x%08lx is not mapped", *start);
	if ((prot & PROT_GROWSUP) || !(vma->vm_flags & VM_GROWSDOWN))
		return vm_error(mm->machine, -EINVAL, "%08lx-%08lx does not grow %s", vma->vm_start,
				vma->vm_end, (prot & PROT_GROWSUP) ? "up" : "down");
	*start = vma->vm_start;
	return 0;
}

/*
 * sys_mprotect - 2.6's: the checks of the arguments, then one step per
 * VMA of the range in address order, each checking the VMA's right to
 * the new protection (-EACCES) and calling mprotect_fixup. A failure
 * stops the loop with the steps before it kept, as in Linux: a hole in
 * the range gives -ENOMEM after the VMAs before it changed; so does a VMA
 * that may not have the rights (-EACCES), or a step that cannot charge
 * VM_ACCOUNT or split (-ENOMEM). The failing step itself changes nothing
 * (but for the max_map_count case of vma_modify_flags).
 */
long sys_mprotect(struct machine *m, unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = m->current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long vm_flags = (prot & PROT_READ ? VM_READ : 0) |
				 (prot & PROT_WRITE ? VM_WRITE : 0) | (prot & PROT_EXEC ? VM_EXEC : 0);
	unsigned long nstart, end, tmp, newflags = 0;
	long err;

	vm_enter(m, "sys_mprotect", "sys_mprotect(start=%08lx, len=%#lx, prot=%#lx)",
		 start, (unsigned long)len, prot);
	err = mprotect_args(m, start, &len, prot & ~(PROT_GROWSDOWN | PROT_GROWSUP));
	if (err)
		goto out;
	end = start + len;
	err = mprotect_grows(mm, prot, &start, end);
	if (err)
		goto out;
	vma = find_vma_prev(mm, start, &prev);
	if (!vma || vma->vm_start > start) {
		err = range_hole(mm, "sys_mprotect", start, end);
		goto out;
	}
	if (start > vma->vm_start)
		prev = vma;
	for (nstart = start;;) {
		/* Here we know that vma->vm_start <= nstart < vma->vm_end. */
		err = mprotect_newflags(m, vma, vm_flags, &newflags);
		if (err)
			break;
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (err)
			break;
		nstart = tmp;
		if (nstart < prev->vm_end)
			nstart = prev->vm_end;
		if (nstart >= end)
			break;
		vma = prev->vm_next;
		if (!vma || vma->vm_start != nstart) {
			err = range_hole(mm, "sys_mprotect", nstart, end);
			break;
		}
	}
	if (err)
		vm_error_done(m, start, nstart);
out:
	if (err > 0)
		err = 0;
	vm_leave(m, "sys_mprotect", err);
	return err;
}
