/*
 * vmcore.h - the engine's one public face: the header a client (the
 * shell, the Lua binding) includes, as lua.h is Lua's. It gives the
 * structures a client may read (never write: every change goes through a
 * call) and the calls: the machine and its processes, the system calls
 * on m->current, fork, exit and wait, memory accesses, exec, files,
 * sysctl, the validator, events, and the read-only walks of page tables
 * and frames that views need. The engine's own building blocks (mm.h,
 * filemap.h, slab.h) are not included; struct page comes along with the
 * machine that holds the frames (sched.h), but views read frames through
 * pagewalk.h.
 */
#ifndef VMCORE_VMCORE_H
#define VMCORE_VMCORE_H

#include <stddef.h>

#include "mman.h"	/* page geometry, TASK_SIZE, PROT_*, MAP_*, MADV_*, VM_*, _PAGE_* */
#include "mm_types.h"	/* mm_struct, vm_area_struct */
#include "sched.h"	/* the machine, task_struct, errors, the observer */
#include "fs.h"		/* inodes and files: file_create, file_lookup */
#include "rmap.h"	/* anon_vma, as vma dumps show it */
#include "events.h"	/* what observers receive */
#include "pgtable.h"	/* i386 page table geometry and PTE bits */
#include "task_mmu.h"	/* /proc/PID/smaps and status figures */
#include "pagewalk.h"	/* walks of page tables and frames for views */

/* ---- system calls on m->current (mmap.c, mprotect.c, mlock.c, madvise.c, mremap.c) ---- */
/* file: a named file's inode to open anew, or NULL for anonymous memory */
long sys_mmap_pgoff(struct machine *m, unsigned long addr, unsigned long len,
		    unsigned long prot, unsigned long flags,
		    struct inode *file, unsigned long pgoff);
long sys_mmap(struct machine *m, unsigned long addr, unsigned long len,
	      unsigned long prot, unsigned long flags, struct inode *file,
	      unsigned long off);	/* off in bytes, must be page aligned */
long sys_munmap(struct machine *m, unsigned long addr, size_t len);
long sys_mprotect(struct machine *m, unsigned long start, size_t len, unsigned long prot);
long sys_mlock(struct machine *m, unsigned long start, size_t len);
long sys_munlock(struct machine *m, unsigned long start, size_t len);
long sys_madvise(struct machine *m, unsigned long start, size_t len, int behavior);
long sys_mremap(struct machine *m, unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags, unsigned long new_addr);
long sys_brk(struct machine *m, unsigned long brk);	/* returns the (new) break */

/* ---- memory accesses (memory.c) ---- */
#define VM_ACCESS_READ	0
#define VM_ACCESS_WRITE	1
#define VM_ACCESS_EXEC	2

struct vm_fault_info {
	int sig;		/* 0, or the signal that killed the task: SIGSEGV, SIGBUS, SIGKILL (OOM) */
	unsigned long addr;	/* where */
};

/*
 * access_vm - current's CPU touches [addr, addr+len) for access, reading
 * into rbuf or writing from wbuf (either may be NULL): each page walked
 * through the page tables, faulting where needed. Returns 0, or -EFAULT
 * with fi->sig and fi->addr when the access was fatal (the task has been
 * killed, except init, which survives it), or -ENOMEM.
 */
long access_vm(struct machine *m, unsigned long addr, unsigned long len, int access,
	       void *rbuf, const void *wbuf, struct vm_fault_info *fi);

/* ---- processes (fork.c, exit.c) ---- */
#define CLONE_VM	0x00000100
/* do_fork - a child of current (copy_mm: dup_mmap, or the same mm with CLONE_VM). The pid, or -ENOMEM / -EAGAIN, nothing changed. */
long do_fork(struct machine *m, unsigned long clone_flags);
/* sys_exit - end task pid (0: current) with code: its memory goes back, it stays a zombie until reaped */
long sys_exit(struct machine *m, int pid, int code);
/* sys_wait - reap a zombie child of current (pid 0: any). Its pid, or -ECHILD, -EAGAIN (none has exited). */
long sys_wait(struct machine *m, int pid, int *status);

/* ---- exec (exec.c): replace current's address space by a classic i386 ELF layout ---- */
struct exec_layout {
	unsigned long text, data, bss, stack;	/* sizes in bytes */
};
long do_execve(struct machine *m, const char *path, const struct exec_layout *l);

/* ---- sysctl (sysctl.c) ---- */
/* sysctl_get/sysctl_set by name ("vm.max_map_count"); -ENOENT unknown, -EINVAL bad value */
long sysctl_get(struct machine *m, const char *name, long *value);
long sysctl_set(struct machine *m, const char *name, long value);
const char *const *sysctl_names(void);	/* NULL-terminated */

/* ---- the validator (validate.c) ---- */
/*
 * validate_mm - check every invariant of mm: tree colours and black height,
 * list sorted and not overlapping, tree and list agree, mmap_cache valid,
 * map_count, total_vm, locked_vm, the vm_stat counters, rb_subtree_gap,
 * share lists. Returns 0, or -1 with a message in buf.
 */
int validate_mm(struct mm_struct *mm, char *buf, size_t buflen);
/* validate_machine - validate_mm for every mm, plus files and committed space. */
int validate_machine(struct machine *m, char *buf, size_t buflen);

#endif
