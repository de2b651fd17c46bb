/*
 * cmd_vma.c - the commands that change VMAs through the system calls:
 * mmap, munmap, mprotect, madvise, mlock, munlock, mremap, brk and exec,
 * and file, which makes the files mmap maps. Each parses its words, makes
 * one engine call and prints what it returns.
 */
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"
#include "context.h"
#include "cmd_vma.h"

struct mmap_args {
	unsigned long addr, len, prot, flags, off;
	struct inode *file;
};

/* mmap_parse - fill a from `mmap ADDR|- LEN PROT FLAGS [FILE [OFFSET]]`. */
static int mmap_parse(struct vmsh *sh, int argc, char **argv, struct mmap_args *a)
{
	char why[200], q[VMSH_QUOTE_BUF];

	if (strcmp(argv[1], "-") != 0 && vmsh_arg_number(sh, "ADDR", argv[1], &a->addr))
		return -1;
	if (vmsh_arg_number(sh, "LEN", argv[2], &a->len) || vmsh_arg_prot(sh, argv[3], &a->prot))
		return -1;
	if (parse_mmap_flags(argv[4], &a->flags, why, sizeof(why)))
		return vmsh_usage_error(sh, "bad FLAGS: %s", why);
	if (argc > 6 && vmsh_arg_number(sh, "OFFSET", argv[6], &a->off))
		return -1;
	if (argc <= 5) {
		if (a->flags & MAP_ANONYMOUS)
			return 0;
		return vmsh_fail(sh, "EBADF: no FILE to map (add anon to FLAGS, or name a file)");
	}
	if (a->flags & MAP_ANONYMOUS)
		return vmsh_usage_error(sh, "bad FILE: an anon mapping takes no file");
	a->file = file_lookup(sh->m, argv[5]);
	if (!a->file)
		return vmsh_fail(sh, "ENOENT: no file '%s' (create it with: file %s SIZE)",
				 vmsh_quote(q, sizeof(q), argv[5]), q);
	return 0;
}

/* put_addr - "0x%08lx\n" without printf's format interpreter (hot: every mmap prints one) */
static void put_addr(FILE *f, unsigned long v)
{
	static const char hex[] = "0123456789abcdef";
	char buf[12];
	int i;

	if (v > 0xffffffffUL) {
		fprintf(f, "0x%08lx\n", v);
		return;
	}
	buf[0] = '0';
	buf[1] = 'x';
	for (i = 9; i >= 2; i--, v >>= 4)
		buf[i] = hex[v & 0xf];
	buf[10] = '\n';
	fwrite(buf, 1, 11, f);
}

int cmd_mmap(struct vmsh *sh, int argc, char **argv)
{
	struct mmap_args a = { 0 };
	long ret;

	if (mmap_parse(sh, argc, argv, &a))
		return -1;
	vm_clear_error(sh->m);
	ret = sys_mmap(sh->m, a.addr, a.len, a.prot, a.flags, a.file, a.off);
	if (ret < 0)
		return vmsh_sys_error(sh, ret);
	put_addr(sh->out, (unsigned long)ret);
	vmsh_set_result(sh, ret);
	return 0;
}

int cmd_munmap(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len))
		return -1;
	return vmsh_check(sh, sys_munmap(sh->m, addr, len));
}

int cmd_mprotect(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len, prot;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len) || vmsh_arg_prot(sh, argv[3], &prot))
		return -1;
	return vmsh_check(sh, sys_mprotect(sh->m, addr, len, prot));
}

int cmd_madvise(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len;
	char why[200];
	int advice;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len))
		return -1;
	if (parse_advice(argv[3], &advice, why, sizeof(why)))
		return vmsh_usage_error(sh, "bad ADVICE: %s", why);
	return vmsh_check(sh, sys_madvise(sh->m, addr, len, advice));
}

int cmd_mlock(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len))
		return -1;
	return vmsh_check(sh, sys_mlock(sh->m, addr, len));
}

int cmd_munlock(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len))
		return -1;
	return vmsh_check(sh, sys_munlock(sh->m, addr, len));
}

/* mremap_flags - MREMAP_* from the optional `maymove` or `fixed NEWADDR` (argv[4], argv[5]). */
static int mremap_flags(struct vmsh *sh, int argc, char **argv,
			unsigned long *flags, unsigned long *new_addr)
{
	char q[VMSH_QUOTE_BUF];

	if (strcmp(argv[4], "maymove") == 0) {
		if (argc > 5)
			return vmsh_usage_error(sh, "maymove takes no NEWADDR");
		*flags = MREMAP_MAYMOVE;
		return 0;
	}
	if (strcmp(argv[4], "fixed") == 0) {
		if (argc < 6)
			return vmsh_usage_error(sh, "fixed needs NEWADDR");
		*flags = MREMAP_MAYMOVE | MREMAP_FIXED;
		return vmsh_arg_number(sh, "NEWADDR", argv[5], new_addr);
	}
	return vmsh_usage_error(sh, "bad mode '%s' (want maymove, or fixed NEWADDR)",
			   vmsh_quote(q, sizeof(q), argv[4]));
}

int cmd_mremap(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, old_len, new_len, flags = 0, new_addr = 0;
	long ret;

	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr) ||
	    vmsh_arg_number(sh, "OLDLEN", argv[2], &old_len) ||
	    vmsh_arg_number(sh, "NEWLEN", argv[3], &new_len))
		return -1;
	if (argc > 4 && mremap_flags(sh, argc, argv, &flags, &new_addr))
		return -1;
	ret = sys_mremap(sh->m, addr, old_len, new_len, flags, new_addr);
	if (ret < 0)
		return vmsh_sys_error(sh, ret);
	fprintf(sh->out, "0x%08lx\n", (unsigned long)ret);
	vmsh_set_result(sh, ret);
	return 0;
}

/*
 * cmd_brk - sys_brk returns the break whatever happens, as the kernel's
 * does; like brk(2) in libc, a break that did not reach ADDR is ENOMEM.
 */
int cmd_brk(struct vmsh *sh, int argc, char **argv)
{
	unsigned long want = 0;
	long ret;

	if (argc > 1 && vmsh_arg_number(sh, "ADDR", argv[1], &want))
		return -1;
	ret = sys_brk(sh->m, want);
	if (ret < 0)
		return vmsh_sys_error(sh, ret);
	if (argc > 1 && (unsigned long)ret != want) {
		if (sh->m->errmsg[0])
			return vmsh_fail(sh, "ENOMEM: %s", sh->m->errmsg);
		return vmsh_fail(sh, "ENOMEM: the break stays at 0x%08lx", (unsigned long)ret);
	}
	fprintf(sh->out, "0x%08lx\n", (unsigned long)ret);
	vmsh_set_result(sh, ret);
	return 0;
}

/* exec_arg - one KEY=N of exec into the layout. */
static int exec_arg(struct vmsh *sh, const char *arg, struct exec_layout *l)
{
	static const char *const keys[] = { "text", "data", "bss", "stack" };
	unsigned long *fields[] = { &l->text, &l->data, &l->bss, &l->stack };
	const char *eq = strchr(arg, '=');
	char what[16], q[VMSH_QUOTE_BUF];
	size_t i, n = eq ? (size_t)(eq - arg) : 0;

	for (i = 0; eq && i < 4; i++) {
		if (strlen(keys[i]) != n || strncmp(arg, keys[i], n) != 0)
			continue;
		snprintf(what, sizeof(what), "%s", keys[i]);
		return vmsh_arg_number(sh, what, eq + 1, fields[i]);
	}
	return vmsh_usage_error(sh, "bad argument '%s' (want text=N, data=N, bss=N or stack=N)",
			   vmsh_quote(q, sizeof(q), arg));
}

int cmd_exec(struct vmsh *sh, int argc, char **argv)
{
	struct exec_layout l = { 0, 0, 0, 0 };	/* 0: do_execve's default */
	int i;

	for (i = 2; i < argc; i++)
		if (exec_arg(sh, argv[i], &l))
			return -1;
	return vmsh_check(sh, do_execve(sh->m, argv[1], &l));
}

int cmd_file(struct vmsh *sh, int argc, char **argv)
{
	unsigned long size;

	(void)argc;
	if (vmsh_arg_number(sh, "SIZE", argv[2], &size))
		return -1;
	return vmsh_check(sh, file_create(sh->m, argv[1], size));
}
