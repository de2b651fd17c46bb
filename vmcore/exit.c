/*
 * exit.c - the end of a process, after Linux 2.6 kernel/exit.c: exit_mm
 * gives up the mm (mmput, and exit_mmap when it was the last user), the
 * task stays a zombie until its parent reaps it with wait, which gathers
 * its fault counts; orphans go to init, which reaps exited ones at once.
 * exit_mm, mmput and mmdrop are seed 001's (2.4), as 2.6 keeps them; the
 * zombie, wait and reparenting are 2.6's.
 */
#include <errno.h>
#include <signal.h>
#include "mm.h"
#include "slab.h"

/* exit_mm - seed 001: take the mm from the task, then mmput */
static void exit_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	if (!mm)
		return;
	mm->mm_count++;			/* keep the struct while we let go of it */
	t->mm = NULL;
	mmput(mm);
	mmdrop(mm);
}

/* release_task - free a reaped zombie; its parent gathers its fault counts */
static void release_task(struct machine *m, struct task_struct *p)
{
	struct task_struct *parent = p->parent;

	parent->cmin_flt += p->min_flt + p->cmin_flt;
	parent->cmaj_flt += p->maj_flt + p->cmaj_flt;
	list_del_init(&p->sibling);
	detach_pid(m, p);
	if (m->current == p)
		m->current = NULL;
	kmem_cache_free(m->task_cachep, p);
}

/* forget_original_parent - children go to init; init reaps the ones that have exited */
static void forget_original_parent(struct machine *m, struct task_struct *t)
{
	struct list_head *pos, *n;
	struct task_struct *init = m->init_task;

	list_for_each_safe(pos, n, &t->children) {
		struct task_struct *c = list_entry(pos, struct task_struct, sibling);

		list_del_init(&c->sibling);
		c->parent = init;
		list_add_tail(&c->sibling, &init->children);
		if (c->state == EXIT_ZOMBIE)
			release_task(m, c);
	}
}

/* do_exit - t ends with code (or is killed by signal sig when sig is not 0) */
static void do_exit(struct machine *m, struct task_struct *t, int code, int sig)
{
	int saved = m->current ? m->current->pid : 0;	/* by pid: init may reap it below */

	m->current = t;
	vm_enter(m, "do_exit", "do_exit(pid %d, %s %d)", t->pid, sig ? "signal" : "code", sig ? sig : code);
	exit_mm(t);
	t->exit_code = code;
	t->exit_signal = sig;
	forget_original_parent(m, t);
	t->state = EXIT_ZOMBIE;
	vm_emit(m, VM_EV_EXIT, "do_exit", NULL, 0, 0, t->pid, "pid %d is a zombie until its parent waits", t->pid);
	vm_leave(m, "do_exit", 0);
	m->current = saved ? find_task_by_pid(m, saved) : NULL;
}

long sys_exit(struct machine *m, int pid, int code)
{
	struct task_struct *t = pid ? find_task_by_pid(m, pid) : m->current;

	if (!t || t->state != TASK_RUNNING)
		return vm_error(m, -ESRCH, "no running process %d", pid ? pid : (t ? t->pid : 0));
	if (t == m->init_task)
		return vm_error(m, -EPERM, "init (pid 1) cannot exit: the kernel would panic");
	do_exit(m, t, code & 0xff, 0);
	return 0;
}

long sys_wait(struct machine *m, int pid, int *status)
{
	struct task_struct *t = m->current;
	struct list_head *pos;
	int children = 0;

	list_for_each(pos, &t->children) {
		struct task_struct *c = list_entry(pos, struct task_struct, sibling);

		if (pid && c->pid != pid)
			continue;
		children++;
		if (c->state != EXIT_ZOMBIE)
			continue;
		pid = c->pid;
		if (status)
			*status = c->exit_signal ? c->exit_signal : c->exit_code << 8;
		vm_emit(m, VM_EV_EXIT, "release_task", NULL, 0, 0, pid,
			"reaped pid %d: cmin_flt += %lu, cmaj_flt += %lu", pid,
			c->min_flt + c->cmin_flt, c->maj_flt + c->cmaj_flt);
		release_task(m, c);
		return pid;
	}
	if (!children)
		return vm_error(m, -ECHILD, pid ? "%d is not a child of %d" : "%d has no children",
				pid ? pid : t->pid, t->pid);
	return vm_error(m, -EAGAIN, "no child has exited yet (wait would block)");
}

long vm_fatal_signal(struct machine *m, struct task_struct *t, int sig, unsigned long addr)
{
	if (t == m->init_task) {
		vm_emit(m, sig == SIGKILL ? VM_EV_OOM : VM_EV_STEP, "force_sig", NULL, addr, 0, sig,
			"signal %d at %08lx: init is not killed", sig, addr);
		return sig == SIGKILL ? vm_error(m, -ENOMEM, "out of memory (init is not killed)") :
					vm_error(m, -EFAULT, "fault at 0x%08lx (init is not killed)", addr);
	}
	if (sig == SIGKILL)
		vm_emit(m, VM_EV_OOM, "out_of_memory", NULL, addr, 0, t->pid,
			"out of memory: killed process %d (%s)", t->pid, t->comm);
	do_exit(m, t, 0, sig);
	return -EFAULT;
}
