/*
 * task_mmu.h - what /proc/PID/smaps and /proc/PID/status compute, after
 * fs/proc/task_mmu.c: per-VMA resident, proportional, shared/private,
 * clean/dirty and anonymous sizes, and the Vm* lines of a task.
 */
#ifndef VMCORE_TASK_MMU_H
#define VMCORE_TASK_MMU_H

#include "mm_types.h"

struct mem_size_stats {		/* bytes */
	unsigned long resident;
	unsigned long shared_clean, shared_dirty;
	unsigned long private_clean, private_dirty;
	unsigned long referenced;
	unsigned long anonymous;
	unsigned long swap;		/* always 0: vmsh does not swap */
	unsigned long long locked;	/* bytes << PSS_SHIFT, like pss */
	unsigned long long pss;		/* bytes << PSS_SHIFT */
};

#define PSS_SHIFT 12

/* smaps_account_vma - walk vma's PTEs as smaps_pte_range does (the zero page does not count) */
void smaps_account_vma(struct vm_area_struct *vma, struct mem_size_stats *mss);

struct task_mem_info {		/* kB, as /proc/PID/status prints them */
	unsigned long vm_peak, vm_size, vm_lck, vm_hwm, vm_rss;
	unsigned long vm_data, vm_stk, vm_exe, vm_lib, vm_pte;
};

void task_mem(struct mm_struct *mm, struct task_mem_info *info);

/* vm_flags_smaps - the two-letter VmFlags codes of smaps ("rd wr mr mw me ac") into buf */
const char *vm_flags_smaps(unsigned long flags, char *buf, unsigned long len);

#endif
