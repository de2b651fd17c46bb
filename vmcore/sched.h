/*
 * sched.h - tasks and the machine that holds them. A machine is one
 * simulated computer: its processes, files, sysctls, global mmlist and the
 * event observer. `current` is the task system calls act on.
 * task_struct's fault counters (min_flt .. cmaj_flt) and the mmlist are
 * 2.4's (seed 001); the machine is vmsh's own.
 */
#ifndef VMCORE_SCHED_H
#define VMCORE_SCHED_H

#include "list.h"
#include "events.h"
#include "page_alloc.h"

struct mm_struct;
struct inode;
struct kmem_cache;

#define TASK_RUNNING	0
#define EXIT_ZOMBIE	16
#define EXIT_DEAD	32

#define PIDHASH_SZ	1024
#define PID_MAX		32768

struct task_struct {
	int pid;
	char comm[16];
	int state;			/* TASK_RUNNING, EXIT_ZOMBIE */
	int exit_code;			/* the code given to exit, or the killing signal */
	int exit_signal;		/* the signal that killed it, or 0 */
	struct mm_struct *mm;		/* NULL once exited */
	struct task_struct *parent;
	struct list_head children;	/* our children */
	struct list_head sibling;	/* in parent's children */
	struct list_head tasks;		/* machine's task list, by pid */
	struct task_struct *pid_chain;	/* pid hash chain */
	unsigned long min_flt, maj_flt;	/* faults of this task */
	unsigned long cmin_flt, cmaj_flt;	/* of its reaped children */
};

struct machine {
	struct task_struct *current;	/* the task system calls act on */
	struct task_struct *init_task;	/* pid 1 */
	struct list_head tasks;		/* every task, by pid */
	struct task_struct *pid_hash[PIDHASH_SZ];
	int last_pid;
	int nr_tasks;
	struct list_head mmlist;	/* every mm_struct (the kernel's init_mm.mmlist) */
	int mmlist_nr;
	unsigned long next_mm_id;
	struct inode *files;		/* named files, sorted by name */
	unsigned long next_ino;
	int sysctl_max_map_count;	/* vm.max_map_count */
	int sysctl_overcommit_memory;	/* vm.overcommit_memory (0 heuristic, 1 always, 2 never) */
	unsigned long vm_committed_space;	/* pages charged by VM_ACCOUNT (Committed_AS) */
	unsigned long totalram_pages;	/* physical memory, in pages */
	struct pglist_data pgdat;	/* the frames */
	unsigned long next_anon_vma_id;
	unsigned long nr_anon_vmas;	/* anon_vma objects alive */
	struct kmem_cache *vm_area_cachep;
	struct kmem_cache *mm_cachep;
	struct kmem_cache *task_cachep;
	struct kmem_cache *file_cachep;
	vm_observer_fn observer;	/* event observer, or NULL */
	void *observer_ctx;
	unsigned long observer_mask;	/* 1 << type of each event it wants */
	int observer_notext;		/* it wants no text: events come with text "" */
	int trace_depth;
	char errmsg[320];		/* why the last call failed, in words */
};

/* machine_create - a machine of mem_bytes of RAM with init (pid 1). NULL on ENOMEM. */
struct machine *machine_create(unsigned long long mem_bytes);
void machine_destroy(struct machine *m);
struct task_struct *find_task_by_pid(struct machine *m, int pid);
/* context_switch - make next the task system calls act on (NULL: none until the next switch) */
void context_switch(struct machine *m, struct task_struct *next);
/* for_each_process - p runs over every task of m, zombies too, by pid (the kernel's, with the machine) */
#define for_each_process(m, p) \
	for (p = list_entry((m)->tasks.next, struct task_struct, tasks); \
	     &(p)->tasks != &(m)->tasks; \
	     p = list_entry((p)->tasks.next, struct task_struct, tasks))
/* machine_set_observer - fn gets every event, with its text (NULL: none) */
void machine_set_observer(struct machine *m, vm_observer_fn fn, void *ctx);
/*
 * machine_set_observer_filter - the observer gets only the events whose
 * type has its bit (1 << type) in mask, and, when text is 0, with an
 * empty text: nothing is formatted (what a client recording events pays).
 */
void machine_set_observer_filter(struct machine *m, unsigned long mask, int text);
void attach_pid(struct machine *m, struct task_struct *t);
void detach_pid(struct machine *m, struct task_struct *t);

/*
 * vm_error - record why a call fails and return err (a negative errno).
 * The first explanation set during a call wins: inner functions know best.
 */
long vm_error(struct machine *m, long err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void vm_clear_error(struct machine *m);
/*
 * vm_error_done - a failed flag change kept the steps before it, as Linux
 * does: add " (done: START-AT)" to the explanation, when at > start
 * (short enough for the line to fit 80 columns). Changes nothing else.
 */
void vm_error_done(struct machine *m, unsigned long start, unsigned long at);
/*
 * vm_quote - name as an error message shows it: at most 48 bytes (then
 * "..."), bytes outside printable ASCII as \xHH. Returns buf (>= 256 bytes).
 */
const char *vm_quote(char *buf, const char *name);

#endif
