/*
 * cmd_paging.c - the commands below the VMAs: the current process's CPU
 * touching, reading and writing memory through access_vm (a fatal fault
 * is one line on stderr), fork, clone, exit and wait, and the page-level
 * dumps. Each is a table entry in commands.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "commands.h"
#include "cmd_paging.h"
#include "dump_mem.h"
#include "dump_pt.h"

/* ---- accesses ---- */

static const char *signal_name(int sig, char *buf, size_t len)
{
	switch (sig) {
	case SIGSEGV:	return "SIGSEGV";
	case SIGBUS:	return "SIGBUS";
	case SIGKILL:	return "SIGKILL";
	default:
		snprintf(buf, len, "signal %d", sig);
		return buf;
	}
}

/* FAULT_PREFIX - a fatal fault's line begins so whichever command made the access (SPEC) */
#define FAULT_PREFIX	"touch"

/*
 * report_fault - the one line a failed access earns: the signal and the
 * address, what the OOM killer did, or that init survived it. pid and
 * comm are the task's from before the access. Returns -1.
 */
static int report_fault(struct vmsh *sh, long ret, const struct vm_fault_info *fi,
			int pid, const char *comm)
{
	int init = sh->m->init_task && pid == sh->m->init_task->pid;
	char buf[24];

	if (!fi->sig)
		return vmsh_sys_error(sh, ret);
	if (fi->sig == SIGKILL && init)
		return vmsh_fail_as(sh, FAULT_PREFIX, "out of memory at 0x%08lx (init is not killed)",
				    fi->addr);
	if (fi->sig == SIGKILL)
		return vmsh_fail_as(sh, FAULT_PREFIX, "out of memory: killed process %d (%s)",
				    pid, comm);
	return vmsh_fail_as(sh, FAULT_PREFIX, "%s at 0x%08lx%s",
			    signal_name(fi->sig, buf, sizeof(buf)), fi->addr,
			    init ? " (init is not killed)" : "");
}

/*
 * user_access - the current process accesses [addr, addr+len) (see
 * access_vm). Returns 0, or -1 with the fault reported; the process may
 * then be a zombie.
 */
static int user_access(struct vmsh *sh, unsigned long addr, unsigned long len, int access,
		       void *rbuf, const void *wbuf)
{
	const struct task_struct *t = vmsh_current(sh);
	struct vm_fault_info fi;
	char comm[sizeof(t->comm)];
	int pid = t->pid;
	long ret;

	memcpy(comm, t->comm, sizeof(comm));
	ret = access_vm(sh->m, addr, len, access, rbuf, wbuf, &fi);
	return ret < 0 ? report_fault(sh, ret, &fi, pid, comm) : 0;
}

/* access_mode - VM_ACCESS_* for r, w or x; -1 for anything else */
static int access_mode(const char *s)
{
	if (strcmp(s, "r") == 0)
		return VM_ACCESS_READ;
	if (strcmp(s, "w") == 0)
		return VM_ACCESS_WRITE;
	if (strcmp(s, "x") == 0)
		return VM_ACCESS_EXEC;
	return -1;
}

/* cmd_touch - `touch ADDR [LEN] [r|w|x]`; the mode may come without LEN (touch ADDR w) */
int cmd_touch(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len = PAGE_SIZE;
	int mode = VM_ACCESS_READ, i = 2;
	char q[VMSH_QUOTE_BUF];

	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr))
		return -1;
	if (argc > i && access_mode(argv[i]) < 0) {
		if (vmsh_arg_number(sh, "LEN", argv[i], &len))
			return -1;
		i++;
	}
	if (argc > i) {
		mode = access_mode(argv[i]);
		if (mode < 0)
			return vmsh_usage_error(sh, "bad mode '%s' (want r, w or x)",
						vmsh_quote(q, sizeof(q), argv[i]));
		i++;
	}
	if (argc > i)
		return vmsh_usage_error(sh, "unexpected '%s' after the mode",
					vmsh_quote(q, sizeof(q), argv[i]));
	return user_access(sh, addr, len, mode, NULL, NULL);
}

/*
 * cmd_read - fault the whole range in first, so that a fatal fault prints
 * nothing but itself, then read it a page at a time into the hexdump.
 */
int cmd_read(struct vmsh *sh, int argc, char **argv)
{
	unsigned char buf[PAGE_SIZE];
	unsigned long addr, len, done, n;
	struct hexdump h;

	(void)argc;
	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr) ||
	    vmsh_arg_number(sh, "LEN", argv[2], &len))
		return -1;
	if (sh->sandbox && len > VMSH_SANDBOX_READ)
		return vmsh_usage_error(sh, "LEN: at most %d bytes in the sandbox", VMSH_SANDBOX_READ);
	if (user_access(sh, addr, len, VM_ACCESS_READ, NULL, NULL))
		return -1;
	hexdump_start(&h, sh->out, addr);
	for (done = 0; done < len; done += n) {
		n = PAGE_SIZE - ((addr + done) & ~PAGE_MASK);
		if (n > len - done)
			n = len - done;
		if (user_access(sh, addr + done, n, VM_ACCESS_READ, buf, NULL))
			return -1;
		hexdump_feed(&h, buf, n);
	}
	hexdump_finish(&h);
	return 0;
}

/* cmd_write - the bytes of STRING, NULs from escapes included */
int cmd_write(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr;

	(void)argc;
	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr))
		return -1;
	return user_access(sh, addr, vmsh_word_len(sh->words, 2), VM_ACCESS_WRITE, NULL, argv[2]);
}

/* ---- processes ---- */

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
	struct task_struct *t;
	unsigned long code = 0;
	long ret;

	if (argc == 1) {
		if (vmsh_require_current(sh))
			return -1;
		t = vmsh_current(sh);
	} else if (!(t = vmsh_arg_task(sh, argv[1]))) {
		return -1;
	}
	if (argc > 2 && vmsh_arg_number(sh, "CODE", argv[2], &code))
		return -1;
	if (!vmsh_task_alive(t))
		return vmsh_fail(sh, "ESRCH: process %d has exited", t->pid);
	ret = sys_exit(sh->m, t->pid, (int)(code & 0xff));
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
			signal_name(status & 0x7f, buf, sizeof(buf)));
	else
		fprintf(sh->out, "pid %ld exited with code %d\n", ret, (status >> 8) & 0xff);
	vmsh_set_result(sh, ret);	/* vm.wait() returns the pid */
	return 0;
}

/* ---- dumps ---- */

/* task_arg - argv[1]'s process, else the current one: alive, or (zombie_ok) at least not reaped */
static struct task_struct *task_arg(struct vmsh *sh, int argc, char **argv, int zombie_ok)
{
	struct task_struct *t;

	if (argc > 1)
		return vmsh_arg_task(sh, argv[1]);
	t = vmsh_current(sh);
	if (t && zombie_ok)
		return t;
	return vmsh_require_current(sh) ? NULL : t;
}

/* cmd_smaps - like reading /proc/PID/smaps: a zombie shows nothing */
int cmd_smaps(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t = task_arg(sh, argc, argv, 0);

	if (!t)
		return -1;
	dump_smaps(sh->out, t->mm);
	return 0;
}

int cmd_status(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t = task_arg(sh, argc, argv, 1);

	if (!t)
		return -1;
	dump_status(sh->out, t);
	return 0;
}

int cmd_pt(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr = 0;

	if (argc > 1 && vmsh_arg_number(sh, "ADDR", argv[1], &addr))
		return -1;
	dump_pt(sh->out, vmsh_current(sh)->mm, argc > 1, addr);
	return 0;
}

int cmd_translate(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr;

	(void)argc;
	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr))
		return -1;
	dump_translate(sh->out, vmsh_current(sh)->mm, addr);
	return 0;
}

int cmd_frames(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (dump_frames(sh->out, sh->m))
		return vmsh_fail(sh, "ENOMEM: no memory to index the frames");
	return 0;
}
