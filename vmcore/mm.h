/*
 * mm.h - the memory manager's functions, named and shaped as in Linux 2.6
 * (mm/mmap.c and the VMA half of it in vma.c, mm/memory.c, mm/mprotect.c,
 * mm/mlock.c, mm/madvise.c, mm/mremap.c, kernel/fork.c, fs/exec.c).
 * Kernel-internal ones take an mm; the entry points a client calls (the
 * sys_* system calls on m->current, fork, exit, exec, sysctl, validate)
 * are in vmcore.h, which this includes. All return 0 / an address, or a
 * negative errno, and on failure leave every structure exactly as it was.
 */
#ifndef VMCORE_MM_H
#define VMCORE_MM_H

#include <stddef.h>
#include "mman.h"
#include "mm_types.h"
#include "fs.h"
#include "sched.h"
#include "vmcore.h"

/* ---- lookups (vma.c) ---- */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *__find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start, unsigned long end);

/* ---- building blocks (vma.c) ---- */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
	      struct vm_area_struct *prev);
void vma_adjust(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, unsigned long pgoff,
		struct vm_area_struct *insert);
#define VMA_MERGE_NONE	0
#define VMA_MERGE_PREV	1	/* cases 2, 5, 7 */
#define VMA_MERGE_NEXT	2	/* cases 3, 4, 8 */
#define VMA_MERGE_BOTH	3	/* cases 1, 6 */
/*
 * vma_merge_plan - what vma_merge would do with these arguments, without
 * doing it: VMA_MERGE_*. *pnext is the next VMA it considered.
 */
int vma_merge_plan(struct mm_struct *mm, struct vm_area_struct *prev, unsigned long addr,
		   unsigned long end, unsigned long vm_flags, struct anon_vma *anon_vma,
		   struct file *file, unsigned long pgoff, struct vm_area_struct **pnext);
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct anon_vma *anon_vma,
				 struct file *file, unsigned long pgoff);
/*
 * vma_reserve - allocate VMAs up to n spares in mm->vma_reserve before an
 * operation changes anything (seed 000: "makes the request anyway so that it
 * can terminate right away if the allocation fails"). split_vma and
 * vm_area_alloc take from the reserve first. Returns 0 or -ENOMEM (the
 * reserve is left as it was). vma_unreserve frees what was not used.
 */
int vma_reserve(struct mm_struct *mm, int n);
void vma_unreserve(struct mm_struct *mm);
void vma_unreserve_to(struct mm_struct *mm, int keep);	/* free spares down to keep */
/* split_vma - as 2.6: -ENOMEM at max_map_count or when no VMA can be had */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below);
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long addr, int new_below, struct vm_area_struct *new);
void vma_gap_update(struct vm_area_struct *vma);
void build_mmap_rb(struct mm_struct *mm);
void vma_link_file_after(struct vm_area_struct *vma, struct vm_area_struct *after);
int can_vma_merge_before(const struct vm_area_struct *vma, unsigned long vm_flags,
			 struct anon_vma *anon_vma, struct file *file, unsigned long vm_pgoff);
int can_vma_merge_after(const struct vm_area_struct *vma, unsigned long vm_flags,
			struct anon_vma *anon_vma, struct file *file, unsigned long vm_pgoff);

/* ---- building blocks (mmap.c) ---- */
pgprot_t vm_get_page_prot(unsigned long vm_flags);
unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
void vm_stat_account(struct mm_struct *mm, unsigned long flags,
		     struct file *file, long pages);
int security_vm_enough_memory(struct machine *m, long pages);
void vm_unacct_memory(struct machine *m, long pages);

/* ---- the operations (mmap.c; the flag changes they share, vma.c) ---- */
unsigned long do_mmap_pgoff(struct mm_struct *mm, struct file *file,
			    unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flags,
			    unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
unsigned long do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len);
int vma_modify_flags(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		     unsigned long start, unsigned long end, unsigned long newflags);
/* range_hole - -ENOMEM for the hole at [at, ...) that a flag change up to end meets */
long range_hole(struct mm_struct *mm, const char *func, unsigned long at, unsigned long end);
int munmap_splits(struct mm_struct *mm, unsigned long start, unsigned long end);
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags);

/* update_hiwater_vm - remember the peak of total_vm before it drops (2.6.14+) */
static inline void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

/* IS_ERR_VALUE for unsigned long returns of do_mmap_pgoff & co. */
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-4095)

/* ---- pages (memory.c) ---- */
#define VM_FAULT_OOM	0
#define VM_FAULT_SIGBUS	1
#define VM_FAULT_MINOR	2
#define VM_FAULT_MAJOR	3

int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, int write_access);
int do_page_fault(struct machine *m, unsigned long address, int access);
unsigned long zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
/* unmap_vmas - zap the VMAs from vma on within [start, end), count VM_ACCOUNT pages; the PTEs cleared */
unsigned long unmap_vmas(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start_addr,
			 unsigned long end_addr, unsigned long *nr_accounted);
int vma_needs_copy(const struct vm_area_struct *vma);
void copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
		     struct vm_area_struct *vma);
int pgtables_prepare(struct mm_struct *mm, struct mm_struct *src, unsigned long start,
		     unsigned long end);
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot);
void move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		      unsigned long len);
int make_pages_present(struct mm_struct *mm, unsigned long start, unsigned long end);
unsigned long pages_needed(struct mm_struct *mm, unsigned long start, unsigned long end);
int expand_stack(struct vm_area_struct *vma, unsigned long address);

/* ---- processes (fork.c, exit.c) ---- */
/* vm_fatal_signal - deliver a fatal fault's signal to t: it is killed (init survives). -EFAULT. */
long vm_fatal_signal(struct machine *m, struct task_struct *t, int sig, unsigned long addr);

/* ---- mm_struct life (mmap.c / fork.c) ---- */
struct mm_struct *mm_alloc(struct machine *m);	/* mm_users = mm_count = 1, empty */
void mmput(struct mm_struct *mm);		/* drop a user; the last one runs exit_mmap */
void mmdrop(struct mm_struct *mm);
void exit_mmap(struct mm_struct *mm);

#endif
