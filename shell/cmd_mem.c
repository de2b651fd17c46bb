/*
 * cmd_mem.c - the current process's CPU touching, reading and writing
 * memory through access_vm: touch, read (as hexdump -C), write. A fatal
 * fault is one line on stderr, named after the command that made the
 * access.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"
#include "context.h"
#include "dump_mem.h"
#include "cmd_mem.h"

/*
 * report_fault - the one line a failed access earns, under the name of
 * the command that made it (read: SIGSEGV at ...): the signal and the
 * address, what the OOM killer did, or that init survived it. pid and
 * comm are the task's from before the access. The failure's name is the
 * signal's (SIGKILL for the OOM killer's). Returns -1.
 */
static int report_fault(struct vmsh *sh, long ret, const struct vm_fault_info *fi,
			int pid, const char *comm)
{
	int init = sh->m->init_task && pid == sh->m->init_task->pid;
	char buf[24];

	if (!fi->sig)
		return vmsh_sys_error(sh, ret);
	if (fi->sig == SIGKILL) {
		vmsh_set_failure(sh, "SIGKILL", init ? "out of memory (init is not killed)" :
				 "out of memory: the OOM killer's SIGKILL");
		if (init)
			return vmsh_fail(sh, "out of memory at 0x%08lx (init is not killed)", fi->addr);
		return vmsh_fail(sh, "out of memory: killed process %d (%s)", pid, comm);
	}
	return vmsh_fail(sh, "%s at 0x%08lx%s", vmsh_signal_name(fi->sig, buf, sizeof(buf)),
			 fi->addr, init ? " (init is not killed)" : "");
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

/*
 * cmd_touch - `touch ADDR [LEN] [r|w|x]`; the mode may come without LEN
 * (touch ADDR w). Without LEN, the one page that holds ADDR.
 */
int cmd_touch(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len = 1;
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
