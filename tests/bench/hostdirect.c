/*
 * hostdirect.c - the host kernel's side of the benchmarks without the
 * oracle's IPC. hostmm (tests/diff) runs every command of a script in a
 * worker process and waits for its answer on a socket: one round trip, two
 * context switches, per command, which costs more than most of the system
 * calls it replays. hostdirect runs the same script with the same parser
 * (shell/parse.c) and makes the system calls in its own process, so its
 * time is parsing plus the kernel's work: what vmsh has to beat.
 *
 *   hostdirect [SCRIPT]       (standard input without one)
 *
 * Only what the benchmark scenarios use, with hostmm's output:
 *   mmap ADDR LEN PROT FLAGS  anonymous only; prints 0x%08lx (no `-`)
 *   munmap ADDR LEN, mprotect ADDR LEN PROT
 *   touch ADDR [LEN] [r|w]    first byte of each page; w is `lock addb $0`
 *   fork                      a real fork; the child waits on a pipe; prints its pid
 *   exit PID [CODE]           the child _exits; returns once it is a zombie
 *                             (its memory freed), as hostmm waits for it
 *   wait [PID]                reaps it: `pid N exited with code C`
 * Commands act on pid 1 (this process); anything else is ENOSYS. A fault
 * is not caught: the scenarios make none. Addresses map into a host window
 * as in hostmm (vmsh A is W + A - 0x40000000). THP is off, as in hostmm.
 * Exit status 0 when every command succeeded, 1 otherwise, 2 for misuse.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parse.h"

#define VM_BASE		0x40000000UL
#define WINDOW_SIZE	(1UL << 30)
#define WINDOW_FREE	(8UL << 30)
#define PAGE_SZ		4096UL
#define MAX_PROCS	4096
#define ERR_LEN		256

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct xlat {
	const char *word;
	unsigned long host;
	unsigned long vmsh;
};

static struct xlat prot_xlat[] = {
	{ "r--", PROT_READ, 0 }, { "-w-", PROT_WRITE, 0 }, { "--x", PROT_EXEC, 0 },
};

static struct xlat flag_xlat[] = {	/* "private," stripped, as in hostmm */
	{ "private", MAP_PRIVATE, 0 },
	{ "shared", MAP_SHARED, 0 },
	{ "private,anon", MAP_ANONYMOUS, 0 },
	{ "private,fixed", MAP_FIXED, 0 },
	{ "private,noreserve", MAP_NORESERVE, 0 },
	{ "private,populate", MAP_POPULATE, 0 },
};

struct child {
	pid_t host;
	int fd;			/* write end of its pipe; -1 once told to exit */
	int state;		/* 0 none, 1 alive, 2 zombie, 3 reaped */
};

static unsigned long window;
static struct child procs[MAX_PROCS];
static int next_pid = 2;
static int failed;

static void report(const char *cmd, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(const char *cmd, int err, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s: ", cmd, errno_name(err));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failed = 1;
}

static void usage(const char *cmd, const char *why)
{
	fflush(stdout);
	fprintf(stderr, "%s: usage: %s\n", cmd, why);
	failed = 1;
}

static void xlat_learn(struct xlat *t, size_t n, int flags)
{
	unsigned long priv = 0, v;
	char err[ERR_LEN];
	size_t i;

	if (flags && parse_mmap_flags("private", &priv, err, sizeof(err)))
		goto bad;
	for (i = 0; i < n; i++) {
		if (flags ? parse_mmap_flags(t[i].word, &v, err, sizeof(err)) :
			    parse_prot(t[i].word, &v, err, sizeof(err)))
			goto bad;
		if (flags && strchr(t[i].word, ','))
			v &= ~priv;
		t[i].vmsh = v;
	}
	return;
bad:
	fprintf(stderr, "hostdirect: parser refuses its own words: %s\n", err);
	exit(2);
}

static long xlat_bits(const struct xlat *t, size_t n, unsigned long v)
{
	unsigned long host = 0, seen = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (t[i].vmsh && (v & t[i].vmsh) == t[i].vmsh) {
			host |= t[i].host;
			seen |= t[i].vmsh;
		}
	}
	return seen == v ? (long)host : -1;
}

static void reserve_window(void)
{
	static const unsigned long candidates[] = {
		0x100000000000UL, 0x200000000000UL, 0x300000000000UL,
		0x080000000000UL, 0x040000000000UL, 0x010000000000UL,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(candidates); i++) {
		void *p = mmap((void *)candidates[i], WINDOW_FREE, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			       MAP_FIXED_NOREPLACE, -1, 0);

		if (p == MAP_FAILED)
			continue;
		munmap(p, WINDOW_FREE);
		if ((unsigned long)p == candidates[i]) {
			window = candidates[i];
			return;
		}
	}
	fprintf(stderr, "hostdirect: no free window for the address space\n");
	exit(2);
}

static int arg_number(const char *cmd, const char *s, unsigned long *v)
{
	char err[ERR_LEN];

	if (parse_number(s, v, err, sizeof(err)) == 0)
		return 0;
	usage(cmd, err);
	return -1;
}

static int arg_addr(const char *cmd, const char *s, unsigned long *host)
{
	unsigned long a;

	if (arg_number(cmd, s, &a))
		return -1;
	if (a < VM_BASE || a - VM_BASE >= WINDOW_SIZE) {
		report(cmd, ERANGE, "0x%08lx is outside the window", a);
		return -1;
	}
	*host = window + (a - VM_BASE);
	return 0;
}

static int arg_prot(const char *cmd, const char *s, int *prot)
{
	char err[ERR_LEN];
	unsigned long v;
	long h;

	if (parse_prot(s, &v, err, sizeof(err))) {
		usage(cmd, err);
		return -1;
	}
	h = xlat_bits(prot_xlat, ARRAY_SIZE(prot_xlat), v);
	if (h < 0) {
		usage(cmd, "protection hostdirect does not know");
		return -1;
	}
	*prot = (int)h;
	return 0;
}

static void cmd_mmap(const struct vmsh_words *c)
{
	unsigned long addr, len, v;
	char err[ERR_LEN];
	int prot;
	long flags;
	void *p;

	if (c->argc != 5) {
		usage("mmap", "mmap ADDR LEN PROT FLAGS (anonymous only)");
		return;
	}
	if (arg_addr("mmap", c->argv[1], &addr) || arg_number("mmap", c->argv[2], &len) ||
	    arg_prot("mmap", c->argv[3], &prot))
		return;
	if (parse_mmap_flags(c->argv[4], &v, err, sizeof(err))) {
		usage("mmap", err);
		return;
	}
	flags = xlat_bits(flag_xlat, ARRAY_SIZE(flag_xlat), v);
	if (flags < 0 || !(flags & MAP_ANONYMOUS)) {
		report("mmap", EOPNOTSUPP, "hostdirect maps anonymous memory only");
		return;
	}
	p = mmap((void *)addr, len, prot, (int)flags, -1, 0);
	if (p == MAP_FAILED) {
		report("mmap", errno, "%s", strerror(errno));
		return;
	}
	if ((unsigned long)p < window || (unsigned long)p - window >= WINDOW_SIZE) {
		munmap(p, len);
		report("mmap", ERANGE, "placed outside the window");
		return;
	}
	printf("0x%08lx\n", (unsigned long)p - window + VM_BASE);
}

static void cmd_range(const struct vmsh_words *c, int is_mprotect)
{
	unsigned long addr, len;
	int prot = 0, rc;

	if (c->argc != 3 + is_mprotect) {
		usage(c->argv[0], is_mprotect ? "mprotect ADDR LEN PROT" : "munmap ADDR LEN");
		return;
	}
	if (arg_addr(c->argv[0], c->argv[1], &addr) || arg_number(c->argv[0], c->argv[2], &len))
		return;
	if (is_mprotect && arg_prot("mprotect", c->argv[3], &prot))
		return;
	rc = is_mprotect ? mprotect((void *)addr, len, prot) : munmap((void *)addr, len);
	if (rc)
		report(c->argv[0], errno, "%s", strerror(errno));
}

static void cmd_touch(const struct vmsh_words *c)
{
	unsigned long addr, len = PAGE_SZ, a, end;
	const char *last = c->argv[c->argc - 1];
	int mode = 'r', nargs = c->argc;

	if (c->argc < 2 || c->argc > 4) {
		usage("touch", "touch ADDR [LEN] [r|w]");
		return;
	}
	if (c->argc > 2 && (!strcmp(last, "r") || !strcmp(last, "w"))) {
		mode = last[0];
		nargs--;
	}
	if (arg_addr("touch", c->argv[1], &addr))
		return;
	if (nargs == 3 && arg_number("touch", c->argv[2], &len))
		return;
	if (nargs == 4 || len > WINDOW_SIZE - (addr - window)) {
		usage("touch", "touch ADDR [LEN] [r|w], inside the window");
		return;
	}
	for (a = addr, end = addr + len; a < end; a = (a & ~(PAGE_SZ - 1)) + PAGE_SZ) {
		volatile unsigned char *p = (volatile unsigned char *)a;

		if (mode == 'w')
			__atomic_fetch_add(p, (unsigned char)0, __ATOMIC_SEQ_CST);
		else
			(void)*p;
	}
}

static void cmd_fork(const struct vmsh_words *c)
{
	int fds[2], i;
	pid_t pid;
	char code;

	if (c->argc != 1) {
		usage("fork", "fork");
		return;
	}
	if (next_pid == MAX_PROCS) {
		report("fork", EAGAIN, "hostdirect keeps at most %d processes", MAX_PROCS - 1);
		return;
	}
	if (pipe(fds)) {
		report("fork", errno, "pipe: %s", strerror(errno));
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		report("fork", errno, "%s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {		/* the child: wait for its exit command */
		close(fds[1]);
		for (i = 2; i < next_pid; i++)
			if (procs[i].fd >= 0 && procs[i].state == 1)
				close(procs[i].fd);
		code = 0;
		while (read(fds[0], &code, 1) < 0 && errno == EINTR)
			;
		_exit((unsigned char)code);
	}
	close(fds[0]);
	procs[next_pid].host = pid;
	procs[next_pid].fd = fds[1];
	procs[next_pid].state = 1;
	printf("%d\n", next_pid++);
}

static int arg_child(const char *cmd, const char *s)
{
	unsigned long pid;

	if (arg_number(cmd, s, &pid))
		return 0;
	if (pid < 2 || pid >= (unsigned long)next_pid || procs[pid].state == 3) {
		report(cmd, pid == 1 ? EPERM : ESRCH, "no child process %lu", pid);
		return 0;
	}
	return (int)pid;
}

static void cmd_exit(const struct vmsh_words *c)
{
	unsigned long code = 0;
	siginfo_t si;
	char b;
	int pid;

	if (c->argc < 2 || c->argc > 3) {
		usage("exit", "exit PID [CODE] (hostdirect's own process cannot exit)");
		return;
	}
	pid = arg_child("exit", c->argv[1]);
	if (!pid || (c->argc == 3 && arg_number("exit", c->argv[2], &code)))
		return;
	if (procs[pid].state != 1) {
		report("exit", ESRCH, "process %d has exited", pid);
		return;
	}
	b = (char)(code & 0xff);
	if (write(procs[pid].fd, &b, 1) != 1)
		report("exit", errno, "write: %s", strerror(errno));
	close(procs[pid].fd);
	procs[pid].fd = -1;
	/* a zombie once do_exit has freed its memory: wait for it, not reaping it */
	while (waitid(P_PID, (id_t)procs[pid].host, &si, WEXITED | WNOWAIT) < 0 && errno == EINTR)
		;
	procs[pid].state = 2;
}

static void cmd_wait(const struct vmsh_words *c)
{
	int pid = 0, i, st = 0;
	pid_t r;

	if (c->argc > 2) {
		usage("wait", "wait [PID]");
		return;
	}
	if (c->argc == 2 && !(pid = arg_child("wait", c->argv[1])))
		return;
	for (i = 2; !pid && i < next_pid; i++)
		if (procs[i].state == 2)
			pid = i;
	if (!pid || procs[pid].state != 2) {
		report("wait", pid ? EAGAIN : ECHILD, "no child has exited");
		return;
	}
	while ((r = waitpid(procs[pid].host, &st, 0)) < 0 && errno == EINTR)
		;
	if (r < 0) {
		report("wait", errno, "%s", strerror(errno));
		return;
	}
	procs[pid].state = 3;
	if (WIFSIGNALED(st))
		printf("pid %d killed by signal %d\n", pid, WTERMSIG(st));
	else
		printf("pid %d exited with code %d\n", pid, WEXITSTATUS(st));
}

static void run_cmd(const struct vmsh_words *c)
{
	const char *cmd = c->argv[0];

	if (!strcmp(cmd, "mmap"))
		cmd_mmap(c);
	else if (!strcmp(cmd, "munmap"))
		cmd_range(c, 0);
	else if (!strcmp(cmd, "mprotect"))
		cmd_range(c, 1);
	else if (!strcmp(cmd, "touch"))
		cmd_touch(c);
	else if (!strcmp(cmd, "fork"))
		cmd_fork(c);
	else if (!strcmp(cmd, "exit"))
		cmd_exit(c);
	else if (!strcmp(cmd, "wait"))
		cmd_wait(c);
	else
		report(cmd, ENOSYS, "hostdirect does not replay this command");
}

int main(int argc, char **argv)
{
	char *buf = NULL, err[ERR_LEN];
	struct vmsh_line l;
	size_t cap = 0;
	FILE *f = stdin;
	ssize_t n;
	int i;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1])) {
		fprintf(stderr, "usage: hostdirect [SCRIPT]\n");
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-") && !(f = fopen(argv[1], "r"))) {
		fprintf(stderr, "hostdirect: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	for (i = 0; i < MAX_PROCS; i++)
		procs[i].fd = -1;
	xlat_learn(prot_xlat, ARRAY_SIZE(prot_xlat), 0);
	xlat_learn(flag_xlat, ARRAY_SIZE(flag_xlat), 1);
	prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	reserve_window();
	while ((n = getline(&buf, &cap, f)) >= 0) {
		if (parse_line(buf, (size_t)n, &l, err, sizeof(err))) {
			usage("vmsh", err);
			continue;
		}
		for (i = 0; i < l.ncmds; i++)
			run_cmd(&l.cmds[i]);
		vmsh_line_free(&l);
	}
	free(buf);
	if (f != stdin)
		fclose(f);
	for (i = 2; i < next_pid; i++) {	/* children still alive: end them */
		if (procs[i].state == 1)
			close(procs[i].fd);
		if (procs[i].state == 1 || procs[i].state == 2)
			waitpid(procs[i].host, NULL, 0);
	}
	fflush(stdout);
	return failed;
}
