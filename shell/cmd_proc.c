/*
 * cmd_proc.c - processes: fork and clone (do_fork), exit, wait, the
 * process table, and use, which changes the process commands act on.
 */
#include <errno.h>
#include <stdio.h>

#include "vmcore.h"
#include "context.h"
#include "dump.h"
#include "viewarg.h"
#include "jview.h"
#include "cmd_dump.h"
#include "cmd_proc.h"

static int fork_child(struct vmsh *sh, unsigned long clone_flags)
{
	long pid = do_fork(sh->m, clone_flags);

	if (pid < 0)
		return vmsh_sys_error(sh, pid);
	fprintf(sh->out, "%ld\n", pid);
	vmsh_set_result(sh, pid);	/* vm.fork() returns it */
	return 0;
}

int cmd_fork(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return fork_child(sh, 0);
}

int cmd_clone(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return fork_child(sh, CLONE_VM);
}

/* cmd_exit - `exit [PID] [CODE]`: the current process when no PID is given */
int cmd_exit(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t = vmsh_task_or_current(sh, argc, argv, 0);
	unsigned long code = 0;
	long ret;

	if (!t)
		return -1;
	if (argc > 2 && vmsh_arg_number(sh, "CODE", argv[2], &code))
		return -1;
	if (!vmsh_task_alive(t))
		return vmsh_fail(sh, "ESRCH: process %d has exited", t->pid);
	ret = sys_exit(sh->m, t->pid, (int)(code & 0xff));
	if (ret == -EPERM && t == sh->m->init_task) {
		vmsh_set_failure(sh, "EPERM", sh->m->errmsg);
		return vmsh_fail(sh, "EPERM: %s (quit leaves vmsh)", sh->m->errmsg);
	}
	return ret < 0 ? vmsh_sys_error(sh, ret) : 0;
}

/* cmd_wait - reap a zombie child; the status decoded as a shell would */
int cmd_wait(struct vmsh *sh, int argc, char **argv)
{
	unsigned long pid = 0;
	int status = 0;
	char buf[24];
	long ret;

	if (argc > 1) {
		if (vmsh_arg_number(sh, "PID", argv[1], &pid))
			return -1;
		if (pid == 0 || pid >= PID_MAX)
			return vmsh_fail(sh, "ECHILD: %lu is not a child of %d", pid, sh->pid);
	}
	ret = sys_wait(sh->m, (int)pid, &status);
	if (ret < 0)
		return vmsh_sys_error(sh, ret);
	if (status & 0x7f)
		fprintf(sh->out, "pid %ld killed by %s\n", ret,
			vmsh_signal_name(status & 0x7f, buf, sizeof(buf)));
	else
		fprintf(sh->out, "pid %ld exited with code %d\n", ret, (status >> 8) & 0xff);
	vmsh_set_result(sh, ret);	/* vm.wait() returns the pid */
	return 0;
}

int cmd_ps(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_NO_TASK, &va))
		return -1;
	if (va.json || sh->want_doc)
		return view_emit(sh, jview_ps(sh->m));
	dump_ps(sh->out, sh->m);
	return 0;
}

int cmd_use(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t = vmsh_arg_task(sh, argv[1]);

	(void)argc;
	if (!t)
		return -1;
	if (!vmsh_task_alive(t))
		return vmsh_fail(sh, "ESRCH: process %d has exited", t->pid);
	sh->pid = t->pid;
	context_switch(sh->m, t);
	return 0;
}
