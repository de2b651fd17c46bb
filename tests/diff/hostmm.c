/*
 * hostmm.c - the host oracle of vmsh's differential test.
 *
 * Runs a vmsh command script (SPEC "Command language") by making the same
 * system calls for real, on the host Linux kernel, inside a 1 GiB window of
 * real processes' address spaces, and prints what vmsh would print: mmap and
 * mremap results as 0x%08lx, errors as "CMD: ERRNAME: explanation" on
 * stderr, `maps` and `smaps` as the window's /proc/self/{maps,smaps} lines,
 * `read` as hexdump -C, fatal faults as "CMD: SIGSEGV at 0x%08lx", CMD the
 * touch, read or write that made the access.
 *
 * vmsh address A (in [0x40000000, 0x80000000)) is host address
 * window + (A - 0x40000000); results come back the other way. Lengths,
 * offsets and other numbers reach the kernel unchanged.
 *
 * Processes. The main process (the controller) parses the script and never
 * touches the window. Each vmsh process is a real host process (a worker)
 * running a command loop: pid 1 is forked by the controller at start, and
 * `fork` in a worker is a real fork(2), so the child has a copy-on-write copy
 * of its parent's address space. Each worker talks to the controller over
 * its own SOCK_SEQPACKET socket pair (a two-way pipe that keeps message
 * boundaries): one message per command down, output records up ('O' stdout
 * text, 'E' stderr text, then 'D' done with the status, or 'K' when a fatal
 * fault is killing it). A forking worker hands its child's end to the
 * controller with SCM_RIGHTS. The controller prints the records in order and
 * keeps the table vmsh pid -> host pid; vmsh pids are 2, 3, ... in order of
 * forks. A worker that ends (exit or a fault) closes its socket only after
 * exit_mm, so the controller waits for end-of-file before going on: the
 * next command sees the address spaces the way they are after the exit.
 *
 * Commands: file, mmap, munmap, mprotect, mlock, munlock, madvise, mremap,
 * maps, smaps, touch, read, write, fork, use, exit, wait. Usage:
 * hostmm [SCRIPT] (standard input without one). Exit status 0 when every
 * command succeeded, 1 otherwise (a fatal fault too), 2 for bad usage of
 * hostmm or an internal failure. `hostmm --probe` prints what the host's
 * kernel does where vmsh's model and today's kernels may differ
 * (probe_host).
 *
 * The command language is parsed by the shell's own parser (shell/parse.c).
 * Its PROT/MAP/MADV values are translated to the host's by name at start-up
 * (xlat_init), so no vmsh header has to share a translation unit with the
 * host's <sys/mman.h>.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parse.h"

#define VM_BASE		0x40000000UL	/* vmsh address of the window's start */
#define WINDOW_SIZE	(1UL << 30)
#define WINDOW_FREE	(8UL << 30)	/* checked free from the window's start */
#define PAGE_SZ		4096UL
#define MAX_FILES	64
#define MAX_PROCS	256		/* vmsh pids 1 .. MAX_PROCS - 1 */
#define MAX_WORDS	16
#define MSG_MAX		65536		/* one socket message, either way */
#define MAPS_BUF_SIZE	(4UL << 20)
#define READ_MAX	(16UL << 20)	/* the largest `read` */
#define ERR_LEN		256
#define REPLY_TIMEOUT_MS 30000

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- translation of parse.h values to the host's ---- */

struct xlat {
	const char *word;	/* what parse_* is given to learn the vmsh value */
	unsigned long host;
	unsigned long vmsh;	/* filled by xlat_init */
};

static struct xlat prot_xlat[] = {
	{ "r--", PROT_READ, 0 },
	{ "-w-", PROT_WRITE, 0 },
	{ "--x", PROT_EXEC, 0 },
};

/* "private," is stripped from the value of the combined words */
static struct xlat flag_xlat[] = {
	{ "private", MAP_PRIVATE, 0 },
	{ "shared", MAP_SHARED, 0 },
	{ "private,anon", MAP_ANONYMOUS, 0 },
	{ "private,fixed", MAP_FIXED, 0 },
	{ "private,locked", MAP_LOCKED, 0 },
	{ "private,noreserve", MAP_NORESERVE, 0 },
	{ "private,populate", MAP_POPULATE, 0 },
	{ "private,growsdown", MAP_GROWSDOWN, 0 },
};

static struct xlat advice_xlat[] = {
	{ "normal", MADV_NORMAL, 0 },
	{ "random", MADV_RANDOM, 0 },
	{ "sequential", MADV_SEQUENTIAL, 0 },
	{ "willneed", MADV_WILLNEED, 0 },
	{ "dontneed", MADV_DONTNEED, 0 },
	{ "dontfork", MADV_DONTFORK, 0 },
	{ "dofork", MADV_DOFORK, 0 },
};

/* ---- state ---- */

/* one command: words with their lengths (a word may hold NUL bytes) */
struct words {
	int argc;
	char *argv[MAX_WORDS + 1];
	size_t len[MAX_WORDS];
};

enum { P_FREE, P_ALIVE, P_ZOMBIE, P_REAPED };

struct proc {			/* the controller's view of vmsh pid N */
	int state;
	int parent;		/* vmsh pid */
	pid_t host;
	int fd;			/* the controller's end of the worker's socket */
	int orphan;		/* reparented to init, which reaps it when it exits */
};

/* what a worker sends with 'D' */
struct done {
	int failed;
	long value;		/* fork: the child's host pid; wait: the reaped pid */
	int wstatus;		/* wait: the status */
};

static unsigned long window;		/* host address of VM_BASE */
static char tmpdir[PATH_MAX - NAME_MAX - 2];
static char *files[MAX_FILES];		/* vmsh names of files made, to remove */
static int nfiles;
static int failed;

/* controller */
static struct proc procs[MAX_PROCS];
static int cur = 1;			/* the current vmsh pid */
static int next_pid = 2;

/* worker */
static int in_worker;
static int chan = -1;			/* the worker's end of its socket */
static int is_init;
static char obuf[MSG_MAX - 1];		/* pending stdout text */
static size_t olen;
static struct done wdone;
static int wdone_fd = -1;		/* an fd to pass with 'D' (fork) */
static char maps_buf[MAPS_BUF_SIZE];	/* static: no malloc near the window */
static unsigned char read_buf[READ_MAX];

/* ---- output ---- */

static void fatal(const char *what)
{
	fprintf(stderr, "hostmm: %s: %s\n", what, strerror(errno));
	if (in_worker)
		_exit(2);
	exit(2);
}

/*
 * send_rec - one record from a worker to the controller: a type byte and
 * n bytes of data, with fd (if >= 0) passed along by SCM_RIGHTS.
 * Async-signal-safe (the fault handler uses it).
 */
static void send_rec(char type, const void *data, size_t n, int fd)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct iovec iov[2] = { { &type, 1 }, { (void *)data, n } };
	struct msghdr mh;

	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = n ? 2 : 1;
	if (fd >= 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		ctl.h.cmsg_level = SOL_SOCKET;
		ctl.h.cmsg_type = SCM_RIGHTS;
		ctl.h.cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(&ctl.h), &fd, sizeof(int));
	}
	while (sendmsg(chan, &mh, MSG_NOSIGNAL) < 0)
		if (errno != EINTR)
			_exit(2);	/* the controller is gone */
}

/* wflush - send the pending stdout text of a worker */
static void wflush(void)
{
	if (olen)
		send_rec('O', obuf, olen, -1);
	olen = 0;
}

/* put - stdout text: straight out in the controller, buffered in a worker */
static void put(const char *s, size_t n)
{
	size_t k;

	if (!in_worker) {
		fwrite(s, 1, n, stdout);
		return;
	}
	while (n) {
		k = sizeof(obuf) - olen < n ? sizeof(obuf) - olen : n;
		memcpy(obuf + olen, s, k);
		olen += k;
		s += k;
		n -= k;
		if (olen == sizeof(obuf))
			wflush();
	}
}

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void out(const char *fmt, ...)
{
	char line[PATH_MAX + 256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	put(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* put_err - a whole stderr line, after the stdout text so far */
static void put_err(const char *line)
{
	if (in_worker) {
		wflush();
		send_rec('E', line, strlen(line), -1);
		wdone.failed = 1;
		return;
	}
	fflush(stdout);
	fputs(line, stderr);
	fflush(stderr);
	failed = 1;
}

/*
 * report - "cmd: ERRNAME: explanation" on stderr after stdout, so that both
 * keep their order in one file; marks the command as failed.
 * err is a positive errno value.
 */
static void report(const char *cmd, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(const char *cmd, int err, const char *fmt, ...)
{
	char line[ERR_LEN + 64];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "%s: %s: ", cmd, errno_name(err));
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	strcat(line, "\n");
	put_err(line);
}

/* usage - a syntax error in the script: "cmd: usage: reason" */
static void usage(const char *cmd, const char *reason)
{
	char line[ERR_LEN + 64];

	snprintf(line, sizeof(line), "%s: usage: %s\n", cmd, reason);
	put_err(line);
}

/* ---- start-up and clean-up ---- */

/* xlat_learn - fill t[i].vmsh by asking parse about each word. */
static void xlat_learn(struct xlat *t, size_t n, int kind)
{
	unsigned long priv = 0, v = 0;
	char err[ERR_LEN];
	size_t i;
	int adv = 0, rc = 0;

	if (kind == 1 && parse_mmap_flags("private", &priv, err, sizeof(err)))
		goto bad;
	for (i = 0; i < n; i++) {
		if (kind == 0)
			rc = parse_prot(t[i].word, &v, err, sizeof(err));
		else if (kind == 1)
			rc = parse_mmap_flags(t[i].word, &v, err, sizeof(err));
		else
			rc = parse_advice(t[i].word, &adv, err, sizeof(err));
		if (rc)
			goto bad;
		if (kind == 1 && strchr(t[i].word, ','))
			v &= ~priv;
		t[i].vmsh = kind == 2 ? (unsigned long)adv : v;
	}
	return;
bad:
	fprintf(stderr, "hostmm: parser refuses its own words: %s\n", err);
	exit(2);
}

static void xlat_init(void)
{
	xlat_learn(prot_xlat, ARRAY_SIZE(prot_xlat), 0);
	xlat_learn(flag_xlat, ARRAY_SIZE(flag_xlat), 1);
	xlat_learn(advice_xlat, ARRAY_SIZE(advice_xlat), 2);
}

/* xlat_bits - the host bits for a vmsh bit mask; -1 if a bit is unknown. */
static long xlat_bits(const struct xlat *t, size_t n, unsigned long v)
{
	unsigned long host = 0, seen = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((v & t[i].vmsh) == t[i].vmsh && t[i].vmsh) {
			host |= t[i].host;
			seen |= t[i].vmsh;
		}
	}
	return seen == v ? (long)host : -1;
}

/*
 * reserve_window - find a 1 GiB-aligned range with WINDOW_FREE bytes free
 * far from the program, heap, libraries and stack, by mapping it
 * PROT_NONE with MAP_FIXED_NOREPLACE and unmapping it again.
 */
static void reserve_window(void)
{
	static const unsigned long candidates[] = {
		0x100000000000UL, 0x200000000000UL, 0x300000000000UL,
		0x080000000000UL, 0x040000000000UL, 0x010000000000UL,
		0x004000000000UL,
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
	fprintf(stderr, "hostmm: no free window for the address space\n");
	exit(2);
}

/* make_tmpdir - a private directory on a file system that allows exec. */
static void make_tmpdir(void)
{
	const char *bases[] = { getenv("TMPDIR"), "/tmp", "/var/tmp", "/dev/shm" };
	struct statvfs sv;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		if (!bases[i] || statvfs(bases[i], &sv) || (sv.f_flag & ST_NOEXEC))
			continue;
		if (snprintf(tmpdir, sizeof(tmpdir), "%s/hostmm.XXXXXX", bases[i]) >=
		    (int)sizeof(tmpdir))
			continue;
		if (mkdtemp(tmpdir))
			return;
	}
	fatal("no directory for temporary files");
}

/* file_path - tmpdir/NAME into buf (PATH_MAX bytes); -1 for a NAME that cannot be one */
static int file_path(const char *name, char *buf)
{
	if (!name[0] || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..") ||
	    strlen(name) > NAME_MAX)
		return -1;
	snprintf(buf, PATH_MAX, "%s/%s", tmpdir, name);
	return 0;
}

/* cleanup - remove the temporary files and their directory (atexit, controller only). */
static void cleanup(void)
{
	char path[PATH_MAX];
	int i;

	if (in_worker)
		return;
	for (i = 0; i < nfiles; i++)
		if (!file_path(files[i], path))
			unlink(path);
	if (tmpdir[0])
		rmdir(tmpdir);
}

/* ---- argument helpers ---- */

/* arg_number - parse_number, printing a usage line on failure. */
static int arg_number(const char *cmd, const char *s, unsigned long *v)
{
	char err[ERR_LEN];

	if (parse_number(s, v, err, sizeof(err)) == 0)
		return 0;
	usage(cmd, err);
	return -1;
}

/*
 * arg_addr - parse a vmsh address and translate it into the window.
 * Addresses outside [VM_BASE, VM_BASE + WINDOW_SIZE) are refused: they have
 * no host counterpart.
 */
static int arg_addr(const char *cmd, const char *s, unsigned long *host)
{
	unsigned long a;

	if (arg_number(cmd, s, &a))
		return -1;
	if (a < VM_BASE || a - VM_BASE >= WINDOW_SIZE) {
		report(cmd, ERANGE, "0x%08lx is outside hostmm's window [0x%08lx, 0x%08lx)",
		       a, VM_BASE, VM_BASE + WINDOW_SIZE);
		return -1;
	}
	*host = window + (a - VM_BASE);
	return 0;
}

static int in_window(unsigned long host)
{
	return host >= window && host - window < WINDOW_SIZE;
}

static unsigned long to_vmsh(unsigned long host)
{
	return host - window + VM_BASE;
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
		usage(cmd, "protection has bits hostmm does not know");
		return -1;
	}
	*prot = (int)h;
	return 0;
}

static int arg_flags(const char *cmd, const char *s, int *flags)
{
	char err[ERR_LEN];
	unsigned long v;
	long h;

	if (parse_mmap_flags(s, &v, err, sizeof(err))) {
		usage(cmd, err);
		return -1;
	}
	h = xlat_bits(flag_xlat, ARRAY_SIZE(flag_xlat), v);
	if (h < 0) {
		usage(cmd, "flags have bits hostmm does not know");
		return -1;
	}
	*flags = (int)h;
	return 0;
}

static int arg_advice(const char *cmd, const char *s, int *advice)
{
	char err[ERR_LEN];
	size_t i;
	int v;

	if (parse_advice(s, &v, err, sizeof(err))) {
		usage(cmd, err);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(advice_xlat); i++) {
		if (advice_xlat[i].vmsh == (unsigned long)v) {
			*advice = (int)advice_xlat[i].host;
			return 0;
		}
	}
	usage(cmd, "advice hostmm does not know");
	return -1;
}

/* arg_range - ADDR LEN in argv[1], argv[2]: host address and length. */
static int arg_range(const struct words *c, unsigned long *addr, unsigned long *len)
{
	if (arg_addr(c->argv[0], c->argv[1], addr))
		return -1;
	return arg_number(c->argv[0], c->argv[2], len);
}

/*
 * arg_span - like arg_range, but the whole of [addr, addr + len) must be in
 * the window: touch, read and write really access it.
 */
static int arg_span(const char *cmd, const char *a, const char *l,
		    unsigned long *addr, unsigned long *len)
{
	if (arg_addr(cmd, a, addr) || arg_number(cmd, l, len))
		return -1;
	if (*len > WINDOW_SIZE - (*addr - window)) {
		report(cmd, ERANGE, "the range leaves hostmm's window [0x%08lx, 0x%08lx)",
		       VM_BASE, VM_BASE + WINDOW_SIZE);
		return -1;
	}
	return 0;
}

/* ---- worker: memory system calls ---- */

/*
 * open_for_mmap - open the named file as a program would before mmap:
 * read-write for a shared writable mapping, read-only otherwise.
 * Returns the fd, or -1 after reporting.
 */
static int open_for_mmap(const char *name, int prot, int flags)
{
	char path[PATH_MAX];
	int mode = O_RDONLY, fd;

	if ((flags & MAP_SHARED) && (prot & PROT_WRITE))
		mode = O_RDWR;
	if (file_path(name, path) || (fd = open(path, mode)) < 0) {
		report("mmap", ENOENT, "no file named '%s'", name);
		return -1;
	}
	return fd;
}

/* put_result - print a kernel-chosen host address as vmsh's, or undo it. */
static void put_result(const char *cmd, unsigned long host, unsigned long len)
{
	if (!in_window(host)) {
		munmap((void *)host, len);
		report(cmd, ERANGE, "host kernel placed it outside hostmm's window");
		return;
	}
	out("0x%08lx\n", to_vmsh(host));
}

/* cmd_mmap - `mmap ADDR LEN PROT FLAGS [FILE [OFFSET]]` */
static void cmd_mmap(const struct words *c)
{
	unsigned long addr, len, off = 0;
	int prot, flags, fd = -1, e;
	void *p;

	if (c->argc < 5 || c->argc > 7) {
		usage("mmap", "mmap ADDR|- LEN PROT FLAGS [FILE [OFFSET]]");
		return;
	}
	if (!strcmp(c->argv[1], "-")) {
		report("mmap", EOPNOTSUPP, "hostmm replays only given addresses");
		return;
	}
	if (arg_range(c, &addr, &len) || arg_prot("mmap", c->argv[3], &prot) ||
	    arg_flags("mmap", c->argv[4], &flags))
		return;
	if (c->argc == 7 && arg_number("mmap", c->argv[6], &off))
		return;
	if (!(flags & MAP_ANONYMOUS) && c->argc >= 6) {
		fd = open_for_mmap(c->argv[5], prot, flags);
		if (fd < 0)
			return;
	}
	p = mmap((void *)addr, len, prot, flags, fd, (off_t)off);
	e = errno;
	if (fd >= 0)
		close(fd);
	if (p == MAP_FAILED) {
		report("mmap", e, "%s", strerror(e));
		return;
	}
	put_result("mmap", (unsigned long)p, len);
}

/* cmd_range - the commands of the form `CMD ADDR LEN [ARG]`. */
static void cmd_range(const struct words *c)
{
	const char *cmd = c->argv[0];
	int want = strcmp(cmd, "mprotect") && strcmp(cmd, "madvise") ? 3 : 4;
	unsigned long addr, len;
	int arg = 0, rc;

	if (c->argc != want) {
		usage(cmd, want == 3 ? "CMD ADDR LEN" : "CMD ADDR LEN PROT|ADVICE");
		return;
	}
	if (arg_range(c, &addr, &len))
		return;
	if (!strcmp(cmd, "mprotect") && arg_prot(cmd, c->argv[3], &arg))
		return;
	if (!strcmp(cmd, "madvise") && arg_advice(cmd, c->argv[3], &arg))
		return;
	if (!strcmp(cmd, "munmap"))
		rc = munmap((void *)addr, len);
	else if (!strcmp(cmd, "mprotect"))
		rc = mprotect((void *)addr, len, arg);
	else if (!strcmp(cmd, "mlock"))
		rc = (int)syscall(SYS_mlock, addr, len);	/* sanitizers make mlock() a no-op */
	else if (!strcmp(cmd, "munlock"))
		rc = (int)syscall(SYS_munlock, addr, len);
	else
		rc = madvise((void *)addr, len, arg);
	if (rc)
		report(cmd, errno, "%s", strerror(errno));
}

/* cmd_mremap - `mremap ADDR OLDLEN NEWLEN [maymove|fixed NEWADDR]` */
static void cmd_mremap(const struct words *c)
{
	unsigned long addr, oldlen, newlen, newaddr = 0;
	int flags = 0;
	void *p;

	if (c->argc < 4 || c->argc > 6 ||
	    (c->argc == 5 && strcmp(c->argv[4], "maymove")) ||
	    (c->argc == 6 && strcmp(c->argv[4], "fixed"))) {
		usage("mremap", "mremap ADDR OLDLEN NEWLEN [maymove|fixed NEWADDR]");
		return;
	}
	if (arg_range(c, &addr, &oldlen) || arg_number("mremap", c->argv[3], &newlen))
		return;
	if (c->argc == 5)
		flags = MREMAP_MAYMOVE;
	if (c->argc == 6) {
		if (arg_addr("mremap", c->argv[5], &newaddr))
			return;
		flags = MREMAP_MAYMOVE | MREMAP_FIXED;
	}
	p = mremap((void *)addr, oldlen, newlen, flags, (void *)newaddr);
	if (p == MAP_FAILED) {
		report("mremap", errno, "%s", strerror(errno));
		return;
	}
	put_result("mremap", (unsigned long)p, newlen);
}

/* ---- worker: memory accesses and their faults ---- */

/*
 * on_fault - SIGSEGV/SIGBUS during touch, read or write: the kernel found
 * no VMA, no right, or a page past the end of the file. Tell the controller
 * what vmsh prints (the stdout text pending is dropped, as vmsh prints
 * nothing else for the command), then die of the signal for real: back to
 * SIG_DFL and raise it; it is delivered when the handler returns. The line
 * is named after the command that made the access (access_cmd).
 */
static const char *volatile access_cmd = "touch";

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	struct sigaction sa;
	unsigned long a = (unsigned long)si->si_addr;
	char line[96];
	int n;

	(void)uc;
	n = snprintf(line, sizeof(line), "%s: %s at 0x%08lx\n", access_cmd,
		     sig == SIGBUS ? "SIGBUS" : "SIGSEGV", in_window(a) ? to_vmsh(a) : a);
	olen = 0;
	if (n > 0)
		send_rec('E', line, (size_t)n, -1);
	send_rec('K', NULL, 0, -1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	raise(sig);
}

static void catch_faults(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) || sigaction(SIGBUS, &sa, NULL))
		fatal("sigaction");
}

/*
 * touch_byte - one access. A write is an atomic add of 0: one locked
 * read-modify-write instruction, so the CPU takes a single write fault (as
 * vmsh's touch w does, no read fault first) and the byte keeps its value
 * while the page is dirtied.
 */
static void touch_byte(unsigned long a, int mode)
{
	volatile unsigned char *p = (volatile unsigned char *)a;

	if (mode == 'w')
		__atomic_fetch_add(p, (unsigned char)0, __ATOMIC_SEQ_CST);
	else
		(void)*p;
}

/*
 * cmd_touch - `touch ADDR [LEN] [r|w|x]`: ADDR first, then the start of
 * every later page below ADDR + LEN. x cannot be done for real.
 */
static void cmd_touch(const struct words *c)
{
	const char *len_s = "1";	/* without LEN: the page that holds ADDR */
	unsigned long addr, len, a, end;
	int mode = 'r';

	if (c->argc < 2 || c->argc > 4) {
		usage("touch", "touch ADDR [LEN] [r|w|x]");
		return;
	}
	if (c->argc == 4 || (c->argc == 3 && c->argv[2][0] && !c->argv[2][1] &&
			     strchr("rwx", c->argv[2][0]))) {
		const char *m = c->argv[c->argc - 1];

		if (!m[0] || m[1] || !strchr("rwx", m[0])) {
			usage("touch", "mode must be r, w or x");
			return;
		}
		mode = m[0];
	}
	if ((c->argc == 3 && mode == 'r' && strcmp(c->argv[2], "r")) || c->argc == 4)
		len_s = c->argv[2];
	if (arg_span("touch", c->argv[1], len_s, &addr, &len))
		return;
	if (mode == 'x') {
		report("touch", EOPNOTSUPP, "hostmm cannot execute in its window");
		return;
	}
	for (a = addr, end = addr + len; a < end; a = (a & ~(PAGE_SZ - 1)) + PAGE_SZ)
		touch_byte(a, mode);
}

/*
 * put_hexdump - n bytes as `hexdump -C` prints them, with base as the
 * offset of the first: 16 a line, "*" for lines equal to the one before,
 * the end offset last; nothing at all for n == 0.
 */
static void put_hexdump(unsigned long base, const unsigned char *b, unsigned long n)
{
	char line[128], *p;
	unsigned long off, k, i;
	int starred = 0;

	for (off = 0; off < n; off += 16) {
		k = n - off < 16 ? n - off : 16;
		if (off && k == 16 && !memcmp(b + off, b + off - 16, 16)) {
			if (!starred)
				put("*\n", 2);
			starred = 1;
			continue;
		}
		starred = 0;
		p = line + sprintf(line, "%08lx ", base + off);
		for (i = 0; i < 16; i++) {
			if (i == 8)
				*p++ = ' ';
			if (i < k)
				p += sprintf(p, " %02x", b[off + i]);
			else
				p += sprintf(p, "   ");
		}
		memcpy(p, "  |", 3);
		p += 3;
		for (i = 0; i < k; i++)
			*p++ = b[off + i] >= 0x20 && b[off + i] < 0x7f ? (char)b[off + i] : '.';
		memcpy(p, "|\n", 2);
		p += 2;
		put(line, (size_t)(p - line));
	}
	if (n)
		out("%08lx\n", base + n);
}

/* cmd_read - `read ADDR LEN`: load every byte in order, then print them */
static void cmd_read(const struct words *c)
{
	unsigned long addr, len, i;

	if (c->argc != 3) {
		usage("read", "read ADDR LEN");
		return;
	}
	if (arg_span("read", c->argv[1], c->argv[2], &addr, &len))
		return;
	if (len > READ_MAX) {
		report("read", E2BIG, "hostmm reads at most %lu bytes", READ_MAX);
		return;
	}
	for (i = 0; i < len; i++)
		read_buf[i] = ((volatile unsigned char *)addr)[i];
	put_hexdump(to_vmsh(addr), read_buf, len);
}

/* cmd_write - `write ADDR STRING`: store the bytes in order */
static void cmd_write(const struct words *c)
{
	unsigned long addr, len, i;
	char n[32];

	if (c->argc != 3) {
		usage("write", "write ADDR STRING");
		return;
	}
	snprintf(n, sizeof(n), "%zu", c->len[2]);
	if (arg_span("write", c->argv[1], n, &addr, &len))
		return;
	for (i = 0; i < len; i++)
		((volatile unsigned char *)addr)[i] = (unsigned char)c->argv[2][i];
}

/* ---- worker: protection keys ---- */

static int has_pkeys;		/* the CPU and the kernel have protection keys */

/*
 * pkeys_init - find out whether this host has memory protection keys
 * (x86 PKU). With them Linux maps PROT_EXEC-only memory with an
 * execute-only key, which forbids reading it; on i386 (2.6, vmsh) exec
 * implies read. pkeys_allow_all undoes that for hostmm's accesses.
 */
static void pkeys_init(void)
{
	int key = pkey_alloc(0, 0);

	if (key >= 0) {
		pkey_free(key);
		has_pkeys = 1;
	}
}

/* pkeys_allow_all - every protection key allows reads and writes (PKRU 0) */
static void pkeys_allow_all(void)
{
	int key;

	if (!has_pkeys)
		return;
	for (key = 1; key < 16; key++)
		pkey_set(key, 0);
}

/* ---- worker: maps and smaps ---- */

/* read_proc - /proc/self/NAME into maps_buf with open/read only; length or -1. */
static long read_proc(const char *name)
{
	char path[64];
	size_t n = 0;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while (n < sizeof(maps_buf) - 1) {
		r = read(fd, maps_buf + n, sizeof(maps_buf) - 1 - n);
		if (r < 0) {
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	maps_buf[n] = '\0';
	return (long)n;
}

/*
 * put_name - print the name vmsh shows for a host path from maps: the `file`
 * name for our temporary files (keeping a " (deleted)" suffix), the path
 * itself otherwise ("/dev/zero (deleted)" for shared anonymous memory).
 */
static void put_name(const char *path)
{
	size_t n = strlen(tmpdir);

	if (!strncmp(path, tmpdir, n) && path[n] == '/')
		path += n + 1;
	put(path, strlen(path));
}

/*
 * put_maps_line - print one host maps line if it starts in the window,
 * rebased, as "%08lx-%08lx PERM OFFSET DEV INODE NAME" with single spaces.
 * Returns whether it did; 0 too for a line that is not a maps line.
 */
static int put_maps_line(char *line)
{
	unsigned long start, end;
	char *p = line, *perm, *off, *dev, *ino, *name;

	start = strtoul(p, &p, 16);
	if (*p != '-')
		return 0;
	end = strtoul(p + 1, &p, 16);
	if (*p != ' ' || !in_window(start))
		return 0;
	perm = strtok_r(p, " ", &p);
	off = strtok_r(NULL, " ", &p);
	dev = strtok_r(NULL, " ", &p);
	ino = strtok_r(NULL, " ", &p);
	if (!perm || !off || !dev || !ino)
		return 0;
	name = p ? p + strspn(p, " ") : "";
	out("%08lx-%08lx %s %s %s %s ", to_vmsh(start), to_vmsh(end), perm, off, dev, ino);
	put_name(name);
	put("\n", 1);
	return 1;
}

/* is_maps_line - "HEX-HEX " at the start */
static int is_maps_line(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	if (!n || s[n] != '-')
		return 0;
	s += n + 1;
	n = strspn(s, "0123456789abcdef");
	return n && s[n] == ' ';
}

/*
 * cmd_maps - `maps` and `smaps` of this process: the window's VMAs of
 * /proc/self/maps or /proc/self/smaps, each smaps field line as the kernel
 * prints it.
 */
static void cmd_maps(const struct words *c)
{
	int smaps = !strcmp(c->argv[0], "smaps"), keep = 0;
	char *line, *save;

	if (c->argc != 1) {
		usage(c->argv[0], "maps|smaps [PID]");
		return;
	}
	if (read_proc(c->argv[0]) < 0) {
		report(c->argv[0], errno, "/proc/self/%s: %s", c->argv[0], strerror(errno));
		return;
	}
	for (line = strtok_r(maps_buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (is_maps_line(line))
			keep = put_maps_line(line);
		else if (smaps && keep)
			out("%s\n", line);
	}
}

/* ---- worker: processes ---- */

/*
 * cmd_fork - a real fork. The parent sends the child's host pid and the
 * controller's end of the child's socket with 'D'; the child closes the
 * parent's socket and starts answering on its own.
 */
static void cmd_fork(void)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
		report("fork", errno, "socketpair: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		report("fork", errno, "%s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return;
	}
	if (pid == 0) {
		close(chan);
		close(sv[0]);
		chan = sv[1];
		is_init = 0;
		olen = 0;
		wdone.failed = -1;	/* the child says nothing about this command */
		return;
	}
	close(sv[1]);
	wdone.value = pid;
	wdone_fd = sv[0];
}

/* cmd_wait_host - `wait HOSTPID` (from the controller): reap that child */
static void cmd_wait_host(const struct words *c)
{
	pid_t pid = (pid_t)strtol(c->argv[1], NULL, 10), r;
	int st = 0;

	while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (r < 0) {
		report("wait", errno, "waitpid %ld: %s", (long)pid, strerror(errno));
		return;
	}
	wdone.value = r;
	wdone.wstatus = st;
}

/* worker_quit - the controller is done: init reaps every process, then all go */
static void __attribute__((noreturn)) worker_quit(void)
{
	if (is_init)
		while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
			;
	_exit(0);
}

/* worker_cmd - one command in a worker; the result goes into wdone */
static void worker_cmd(const struct words *c)
{
	const char *cmd = c->argv[0];

	if (!strcmp(cmd, "touch") || !strcmp(cmd, "read") || !strcmp(cmd, "write"))
		pkeys_allow_all();

	if (!strcmp(cmd, "mmap"))
		cmd_mmap(c);
	else if (!strcmp(cmd, "munmap") || !strcmp(cmd, "mprotect") ||
		 !strcmp(cmd, "mlock") || !strcmp(cmd, "munlock") ||
		 !strcmp(cmd, "madvise"))
		cmd_range(c);
	else if (!strcmp(cmd, "mremap"))
		cmd_mremap(c);
	else if (!strcmp(cmd, "maps") || !strcmp(cmd, "smaps"))
		cmd_maps(c);
	else if (!strcmp(cmd, "touch"))
		access_cmd = "touch", cmd_touch(c);
	else if (!strcmp(cmd, "read"))
		access_cmd = "read", cmd_read(c);
	else if (!strcmp(cmd, "write"))
		access_cmd = "write", cmd_write(c);
	else if (!strcmp(cmd, "fork"))
		cmd_fork();
	else if (!strcmp(cmd, "wait") && c->argc == 2)
		cmd_wait_host(c);
	else if (!strcmp(cmd, "exit") && c->argc == 2) {
		wflush();
		send_rec('D', &wdone, sizeof(wdone), -1);
		_exit((int)strtol(c->argv[1], NULL, 10));
	} else
		report(cmd, ENOSYS, "hostmm does not replay this command");
}

/*
 * decode - a command message: argc, then for each word its length, its
 * bytes and a NUL (so argv points into msg). Returns 0 or -1.
 */
static int decode(char *msg, size_t n, struct words *c)
{
	size_t at = sizeof(uint32_t);
	uint32_t argc, len;
	int i;

	if (n < at)
		return -1;
	memcpy(&argc, msg, sizeof(argc));
	if (argc < 1 || argc > MAX_WORDS)
		return -1;
	for (i = 0; i < (int)argc; i++) {
		if (n - at < sizeof(len))
			return -1;
		memcpy(&len, msg + at, sizeof(len));
		at += sizeof(len);
		if (n - at < (size_t)len + 1)
			return -1;
		c->argv[i] = msg + at;
		c->len[i] = len;
		at += (size_t)len + 1;
	}
	c->argc = (int)argc;
	c->argv[argc] = NULL;
	return 0;
}

/* worker_loop - answer the controller's commands until it hangs up */
static void __attribute__((noreturn)) worker_loop(void)
{
	static char msg[MSG_MAX];
	struct words c;
	ssize_t n;

	for (;;) {
		n = recv(chan, msg, sizeof(msg), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			worker_quit();
		memset(&wdone, 0, sizeof(wdone));
		wdone_fd = -1;
		if (decode(msg, (size_t)n, &c)) {
			fprintf(stderr, "hostmm: bad message from the controller\n");
			_exit(2);
		}
		worker_cmd(&c);
		if (wdone.failed < 0)
			continue;	/* a new child: its parent answers */
		wflush();
		send_rec('D', &wdone, sizeof(wdone), wdone_fd);
		if (wdone_fd >= 0)
			close(wdone_fd);
	}
}

/* start_init - fork pid 1, a worker that is the subreaper of all the others */
static void start_init(void)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		fatal("socketpair");
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		fatal("fork");
	if (pid == 0) {
		in_worker = 1;
		is_init = 1;
		close(sv[0]);
		chan = sv[1];
		prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
		catch_faults();
		worker_loop();
	}
	close(sv[1]);
	procs[1].state = P_ALIVE;
	procs[1].parent = 0;
	procs[1].host = pid;
	procs[1].fd = sv[0];
}

/* ---- controller ---- */

/* send_cmd - words to the worker of p (see decode); -1 after reporting */
static int send_cmd(struct proc *p, int argc, char *const *argv, const size_t *lens)
{
	static char msg[MSG_MAX];
	size_t at = sizeof(uint32_t);
	uint32_t n = (uint32_t)argc, len;
	int i;

	memcpy(msg, &n, sizeof(n));
	for (i = 0; i < argc; i++) {
		len = (uint32_t)lens[i];
		if (MSG_MAX - at < sizeof(len) + len + 1) {
			report(argv[0], E2BIG, "hostmm sends at most %d bytes a command", MSG_MAX);
			return -1;
		}
		memcpy(msg + at, &len, sizeof(len));
		at += sizeof(len);
		memcpy(msg + at, argv[i], len);
		at += len;
		msg[at++] = '\0';
	}
	if (send(p->fd, msg, at, MSG_NOSIGNAL) < 0)
		fatal("send to a process");
	return 0;
}

/*
 * proc_gone - pid's worker has ended (its mm is gone): a zombie, or gone for
 * good if it was an orphan (init reaps those); its children go to init.
 * On the host the zombies stay until init's worker reaps them at the end.
 */
static void proc_gone(int pid)
{
	struct proc *p = &procs[pid];
	int i;

	close(p->fd);
	p->fd = -1;
	p->state = p->orphan ? P_REAPED : P_ZOMBIE;
	for (i = 1; i < MAX_PROCS; i++) {
		if (procs[i].parent != pid || procs[i].state == P_FREE ||
		    procs[i].state == P_REAPED)
			continue;
		procs[i].parent = 1;
		procs[i].orphan = 1;
		if (procs[i].state == P_ZOMBIE)
			procs[i].state = P_REAPED;
	}
}

/*
 * collect - print the records of pid's worker until its 'D' (returns 0 and
 * fills *d, *fd) or until it has died (returns -1: the command faulted
 * fatally, which fails it, or the worker broke). With ending set the worker
 * is expected to end (exit): that is no failure.
 */
static int collect(int pid, struct done *d, int *fd, int ending)
{
	static char buf[MSG_MAX + 1];
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct proc *p = &procs[pid];
	struct pollfd pfd = { p->fd, POLLIN, 0 };
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh;
	struct cmsghdr *h;
	int killed = 0, r;
	ssize_t n;

	*fd = -1;
	for (;;) {
		r = poll(&pfd, 1, REPLY_TIMEOUT_MS);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0) {
			fprintf(stderr, "hostmm: no answer from pid %d\n", pid);
			exit(2);
		}
		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		n = recvmsg(p->fd, &mh, MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!killed && !ending) {
				fflush(stdout);
				fprintf(stderr, "hostmm: pid %d died unexpectedly\n", pid);
			}
			if (killed && pid == 1)
				fprintf(stderr, "hostmm: init died of the fault (vmsh's init survives"
					" it): fault only in forked children\n");
			if (!ending)
				failed = 1;
			proc_gone(pid);
			return -1;
		}
		for (h = CMSG_FIRSTHDR(&mh); h; h = CMSG_NXTHDR(&mh, h))
			if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS)
				memcpy(fd, CMSG_DATA(h), sizeof(int));
		switch (buf[0]) {
		case 'O':
			fwrite(buf + 1, 1, (size_t)n - 1, stdout);
			break;
		case 'E':
			fflush(stdout);
			fwrite(buf + 1, 1, (size_t)n - 1, stderr);
			fflush(stderr);
			break;
		case 'K':
			killed = 1;
			break;
		case 'D':
			if ((size_t)n - 1 != sizeof(*d)) {
				fprintf(stderr, "hostmm: bad answer from pid %d\n", pid);
				exit(2);
			}
			memcpy(d, buf + 1, sizeof(*d));
			if (d->failed)
				failed = 1;
			return 0;
		default:
			fprintf(stderr, "hostmm: bad record from pid %d\n", pid);
			exit(2);
		}
	}
}

/* to_worker - run a command in pid's worker; returns as collect does */
static int to_worker(int pid, int argc, char *const *argv, const size_t *lens,
		     struct done *d, int *fd)
{
	if (send_cmd(&procs[pid], argc, argv, lens)) {
		memset(d, 0, sizeof(*d));
		d->failed = 1;
		*fd = -1;
		return 0;
	}
	return collect(pid, d, fd, 0);
}

/* arg_pid - a vmsh pid that exists (alive or a zombie not yet reaped); 0 after reporting */
static int arg_pid(const char *cmd, const char *s)
{
	unsigned long pid;

	if (arg_number(cmd, s, &pid))
		return 0;
	if (pid < 1 || pid >= MAX_PROCS || procs[pid].state == P_FREE ||
	    procs[pid].state == P_REAPED) {
		report(cmd, ESRCH, "no process %lu", pid);
		return 0;
	}
	return (int)pid;
}

static int require_current(const char *cmd)
{
	if (procs[cur].state == P_ALIVE)
		return 0;
	report(cmd, ESRCH, "process %d has exited", cur);
	return -1;
}

/* cmd_file - `file NAME SIZE`: (re)create the host file tmpdir/NAME */
static void cmd_file(const struct vmsh_words *c)
{
	char path[PATH_MAX];
	static char page[4096];
	unsigned long size, done = 0, n;
	ssize_t w;
	int fd, i;

	if (c->argc != 3) {
		usage("file", "file NAME SIZE");
		return;
	}
	if (arg_number("file", c->argv[2], &size))
		return;
	if (file_path(c->argv[1], path)) {
		report("file", EINVAL, "hostmm cannot name a file '%s'", c->argv[1]);
		return;
	}
	for (i = 0; i < nfiles && strcmp(files[i], c->argv[1]); i++)
		;
	if (i == nfiles) {
		if (nfiles == MAX_FILES) {
			report("file", ENFILE, "hostmm keeps at most %d files", MAX_FILES);
			return;
		}
		files[nfiles] = strdup(c->argv[1]);
		if (!files[nfiles])
			fatal("strdup");
		nfiles++;
	}
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		report("file", errno, "%s: %s", c->argv[1], strerror(errno));
		return;
	}
	while (done < size) {		/* page N holds 'A' + N % 26 */
		memset(page, 'A' + (int)((done / sizeof(page)) % 26), sizeof(page));
		n = size - done < sizeof(page) ? size - done : sizeof(page);
		w = write(fd, page, n);
		if (w < 0) {
			report("file", errno, "%s: %s", c->argv[1], strerror(errno));
			break;
		}
		done += (unsigned long)w;
	}
	close(fd);
}

/* cmd_use - `use PID`: a live process becomes the current one */
static void cmd_use(const struct vmsh_words *c)
{
	int pid;

	if (c->argc != 2) {
		usage("use", "use PID");
		return;
	}
	pid = arg_pid("use", c->argv[1]);
	if (!pid)
		return;
	if (procs[pid].state != P_ALIVE) {
		report("use", ESRCH, "process %d has exited", pid);
		return;
	}
	cur = pid;
}

/* cmd_fork - the current process forks; prints the child's vmsh pid */
static void cmd_fork_ctl(const struct vmsh_words *c, const size_t *lens)
{
	struct done d;
	int fd, pid;

	if (c->argc != 1) {
		usage("fork", "fork");
		return;
	}
	if (require_current("fork"))
		return;
	if (next_pid == MAX_PROCS) {
		report("fork", EAGAIN, "hostmm keeps at most %d processes", MAX_PROCS - 1);
		return;
	}
	if (to_worker(cur, c->argc, c->argv, lens, &d, &fd) || d.failed)
		return;
	if (fd < 0) {
		fprintf(stderr, "hostmm: fork sent no socket\n");
		exit(2);
	}
	pid = next_pid++;
	procs[pid].state = P_ALIVE;
	procs[pid].parent = cur;
	procs[pid].host = (pid_t)d.value;
	procs[pid].fd = fd;
	out("%d\n", pid);
}

/* wait_eof - after exit's 'D': the worker's socket closes once its mm is gone */
static void wait_eof(int pid)
{
	struct done d;
	int fd;

	if (collect(pid, &d, &fd, 1) == 0) {
		fprintf(stderr, "hostmm: pid %d answered after exit\n", pid);
		exit(2);
	}
}

/* cmd_exit - `exit [PID] [CODE]` */
static void cmd_exit(const struct vmsh_words *c)
{
	unsigned long code = 0;
	char codebuf[16], *argv[2] = { "exit", codebuf };
	size_t lens[2];
	struct done d;
	int pid = cur, fd;

	if (c->argc > 3) {
		usage("exit", "exit [PID] [CODE]");
		return;
	}
	if (c->argc >= 2 && !(pid = arg_pid("exit", c->argv[1])))
		return;
	if (c->argc == 3 && arg_number("exit", c->argv[2], &code))
		return;
	if (procs[pid].state != P_ALIVE) {
		report("exit", ESRCH, "process %d has exited", pid);
		return;
	}
	if (pid == 1) {
		report("exit", EPERM, "init cannot exit");
		return;
	}
	snprintf(codebuf, sizeof(codebuf), "%lu", code & 0xff);
	lens[0] = 4;
	lens[1] = strlen(codebuf);
	if (to_worker(pid, 2, argv, lens, &d, &fd))
		return;
	wait_eof(pid);
}

static const char *signame(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGKILL: return "SIGKILL";
	default: return "SIG?";
	}
}

/* cmd_wait - `wait [PID]`: the current process reaps a zombie child */
static void cmd_wait(const struct vmsh_words *c)
{
	char hostbuf[24], *argv[2] = { "wait", hostbuf };
	size_t lens[2];
	struct done d;
	int pid = 0, i, children = 0, fd;

	if (c->argc > 2) {
		usage("wait", "wait [PID]");
		return;
	}
	if (require_current("wait"))
		return;
	if (c->argc == 2) {
		unsigned long v;

		if (arg_number("wait", c->argv[1], &v))
			return;
		if (v < 1 || v >= MAX_PROCS || procs[v].parent != cur ||
		    procs[v].state == P_FREE || procs[v].state == P_REAPED) {
			report("wait", ECHILD, "%lu is not a child of %d", v, cur);
			return;
		}
		if (procs[v].state == P_ALIVE) {
			report("wait", EAGAIN, "process %lu has not exited", v);
			return;
		}
		pid = (int)v;
	} else {
		for (i = 1; i < MAX_PROCS; i++) {
			if (procs[i].parent != cur || procs[i].state == P_FREE ||
			    procs[i].state == P_REAPED)
				continue;
			children++;
			if (procs[i].state == P_ZOMBIE) {
				pid = i;
				break;
			}
		}
		if (!pid) {
			report("wait", children ? EAGAIN : ECHILD, "%s",
			       children ? "no child has exited" : "no children");
			return;
		}
	}
	snprintf(hostbuf, sizeof(hostbuf), "%ld", (long)procs[pid].host);
	lens[0] = 4;
	lens[1] = strlen(hostbuf);
	if (to_worker(cur, 2, argv, lens, &d, &fd) || d.failed)
		return;
	procs[pid].state = P_REAPED;
	if (WIFSIGNALED(d.wstatus))
		out("pid %d killed by %s\n", pid, signame(WTERMSIG(d.wstatus)));
	else
		out("pid %d exited with code %d\n", pid, WEXITSTATUS(d.wstatus));
}

/* cmd_maps_ctl - `maps [PID]`, `smaps [PID]`: asked of that process's worker */
static void cmd_maps_ctl(const struct vmsh_words *c, const size_t *lens)
{
	struct done d;
	int pid = cur, fd;

	if (c->argc > 2) {
		usage(c->argv[0], "maps|smaps [PID]");
		return;
	}
	if (c->argc == 2) {
		pid = arg_pid(c->argv[0], c->argv[1]);
		if (!pid)
			return;
		if (procs[pid].state != P_ALIVE)
			return;		/* /proc/PID/maps of a zombie is empty */
	} else if (require_current(c->argv[0])) {
		return;
	}
	to_worker(pid, 1, c->argv, lens, &d, &fd);
}

/* run_cmd - one command: the controller's own, or the current worker's */
static void run_cmd(const struct vmsh_words *c)
{
	const char *cmd = c->argv[0];
	size_t lens[MAX_WORDS];
	struct done d;
	int i, fd;

	if (c->argc > MAX_WORDS) {
		usage(cmd, "too many words");
		return;
	}
	for (i = 0; i < c->argc; i++)
		lens[i] = vmsh_word_len(c, i);
	if (!strcmp(cmd, "file"))
		cmd_file(c);
	else if (!strcmp(cmd, "use"))
		cmd_use(c);
	else if (!strcmp(cmd, "fork"))
		cmd_fork_ctl(c, lens);
	else if (!strcmp(cmd, "exit"))
		cmd_exit(c);
	else if (!strcmp(cmd, "wait"))
		cmd_wait(c);
	else if (!strcmp(cmd, "maps") || !strcmp(cmd, "smaps"))
		cmd_maps_ctl(c, lens);
	else if (!strcmp(cmd, "mmap") || !strcmp(cmd, "munmap") ||
		 !strcmp(cmd, "mprotect") || !strcmp(cmd, "mlock") ||
		 !strcmp(cmd, "munlock") || !strcmp(cmd, "madvise") ||
		 !strcmp(cmd, "mremap") || !strcmp(cmd, "touch") ||
		 !strcmp(cmd, "read") || !strcmp(cmd, "write")) {
		if (!require_current(cmd))
			to_worker(cur, c->argc, c->argv, lens, &d, &fd);
	} else {
		report(cmd, ENOSYS, "hostmm does not replay this command");
	}
}

/* run_script - parse and run every line of f in order. */
static void run_script(FILE *f)
{
	char *buf = NULL, err[ERR_LEN];
	size_t cap = 0;
	ssize_t n;
	struct vmsh_line l;
	int i;

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
}

/* ---- hostmm --probe ---- */

/*
 * smaps_rss - the Rss of the VMA of /proc/self/smaps that starts at addr,
 * in kB; -1 when there is none or smaps cannot be read.
 */
static long smaps_rss(unsigned long addr)
{
	char *line, *save;
	int here = 0;

	if (read_proc("smaps") < 0)
		return -1;
	for (line = strtok_r(maps_buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (is_maps_line(line))
			here = strtoul(line, NULL, 16) == addr;
		else if (here && !strncmp(line, "Rss:", 4))
			return strtol(line + 4, NULL, 10);
	}
	return -1;
}

/*
 * probe_area - n pages of address space for a probe, between two PROT_NONE
 * guard pages so that nothing the probe maps there merges with a mapping
 * outside; all of it PROT_NONE. NULL on failure; probe_area_free gives it
 * back.
 */
static char *probe_area(unsigned long n)
{
	char *p = mmap(NULL, (n + 2) * PAGE_SZ, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p + PAGE_SZ;
}

static void probe_area_free(char *p, unsigned long n)
{
	munmap(p - PAGE_SZ, (n + 2) * PAGE_SZ);
}

/* probe_map - n fresh pages at p (in a probe_area): 0, or -1 on failure */
static int probe_map(char *p, unsigned long n, int prot, int flags)
{
	return mmap(p, n * PAGE_SZ, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | flags,
		    -1, 0) == p ? 0 : -1;
}

/*
 * probe_zero_page - 1 when a read fault on private anonymous memory maps
 * the shared zero page, as 2.6 does (the page is not counted in Rss), 0
 * when the kernel gives it a page of its own (Rss 4 kB), -1 when that
 * cannot be told.
 */
static int probe_zero_page(void)
{
	char *p = probe_area(2);
	long rss = -1;

	if (!p)
		return -1;
	if (!probe_map(p, 2, PROT_READ | PROT_WRITE, 0)) {
		(void)*(volatile char *)p;
		rss = smaps_rss((unsigned long)p);
	}
	probe_area_free(p, 2);
	if (rss == 0)
		return 1;
	return rss > 0 ? 0 : -1;
}

/*
 * vma_end - the end of the VMA of /proc/self/maps that starts at addr; 0
 * when none starts there or maps cannot be read.
 */
static unsigned long vma_end(unsigned long addr)
{
	char *line, *save, *p;

	if (read_proc("maps") < 0)
		return 0;
	for (line = strtok_r(maps_buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strtoul(line, &p, 16) == addr && *p == '-')
			return strtoul(p + 1, NULL, 16);
	}
	return 0;
}

/*
 * probe_mmap_merge_prev - 1 when a new private anonymous mapping that
 * fills the hole between two populated ones (each with its own anon_vma,
 * which cannot become one) merges with the previous one, as 2.6's
 * vma_merge does (and 6.18's); 0 when it merges with the next (6.1's
 * mmap_region tries the next first); -1 when neither or on failure.
 */
static int probe_mmap_merge_prev(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	char *p = probe_area(3);
	int r = -1;

	if (!p)
		return -1;
	if (!probe_map(p, 1, rw, MAP_POPULATE) &&
	    !probe_map(p + 2 * PAGE_SZ, 1, rw, MAP_POPULATE) &&
	    !munmap(p + PAGE_SZ, PAGE_SZ) && !probe_map(p + PAGE_SZ, 1, rw, 0)) {
		if (vma_end((unsigned long)p) == (unsigned long)p + 2 * PAGE_SZ)
			r = 1;
		else if (vma_end((unsigned long)p + PAGE_SZ) == (unsigned long)p + 3 * PAGE_SZ)
			r = 0;
	}
	probe_area_free(p, 3);
	return r;
}

/*
 * probe_mlock_merge - 1 when munlock merges VMAs whose flags become equal
 * again, as 2.6's mlock_fixup does (and 6.18's): three pages with the
 * middle one locked and unlocked are one VMA again, and so are three whose
 * first two were locked and are unlocked; 0 when either stays apart (6.1);
 * -1 when mlock fails (RLIMIT_MEMLOCK) or on failure.
 */
static int probe_mlock_merge(void)
{
	static const unsigned long lock[2][2] = { { 1, 1 }, { 0, 2 } };	/* page, count */
	int i, r = 1;

	for (i = 0; i < 2 && r >= 0; i++) {
		char *p = probe_area(3), *a;
		size_t len = lock[i][1] * PAGE_SZ;

		if (!p)
			return -1;
		a = p + lock[i][0] * PAGE_SZ;
		if (probe_map(p, 3, PROT_READ | PROT_WRITE, 0) ||
		    syscall(SYS_mlock, a, len) || syscall(SYS_munlock, a, len))
			r = -1;
		else if (vma_end((unsigned long)p) != (unsigned long)p + 3 * PAGE_SZ)
			r = 0;
		probe_area_free(p, 3);
	}
	return r;
}

/*
 * probe_host - `hostmm --probe`: how this host's kernel behaves where the
 * comparison with vmsh depends on it and hostmm cannot switch it off for
 * itself, as KEY=VALUE lines (tests/diff/README.md "Host probe"), 1 where
 * it behaves as 2.6 (and vmsh):
 *   zero_page=1|0        read faults on private anonymous memory map the
 *                        zero page, or a page of their own;
 *   mmap_merge_prev=1|0  probe_mmap_merge_prev;
 *   mlock_merge=1|0      probe_mlock_merge.
 * Runs with hostmm's own settings (THP off). Returns 0, or 2 when the
 * host's behaviour could not be found out (said on stderr).
 */
static int probe_host(void)
{
	int zero_page = probe_zero_page();
	int merge_prev = probe_mmap_merge_prev();
	int mlock_merge = probe_mlock_merge();

	if (zero_page < 0 || merge_prev < 0 || mlock_merge < 0) {
		fprintf(stderr, "hostmm: --probe: cannot tell%s%s%s\n",
			zero_page < 0 ? " zero_page (no Rss in smaps)" : "",
			merge_prev < 0 ? " mmap_merge_prev" : "",
			mlock_merge < 0 ? " mlock_merge (mlock refused?)" : "");
		return 2;
	}
	printf("zero_page=%d\nmmap_merge_prev=%d\nmlock_merge=%d\n",
	       zero_page, merge_prev, mlock_merge);
	return fflush(stdout) ? 2 : 0;
}

/* stop_all - hang up on every worker; init reaps the rest and goes */
static void stop_all(void)
{
	int i;

	for (i = 1; i < MAX_PROCS; i++) {
		if (procs[i].state == P_ALIVE) {
			close(procs[i].fd);
			procs[i].fd = -1;
		}
	}
	while (waitpid(procs[1].host, NULL, 0) < 0 && errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	struct rlimit no_core = { 0, 0 };
	FILE *f = stdin;

	int probe = argc == 2 && !strcmp(argv[1], "--probe");

	if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1] && !probe)) {
		fprintf(stderr, "usage: hostmm [SCRIPT] | hostmm --probe\n");
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-") && !probe) {
		f = fopen(argv[1], "r");
		if (!f)
			fatal(argv[1]);
	}
	xlat_init();
	/* the faults kill for real: no core files; no huge pages in the counts */
	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
	pkeys_init();
	signal(SIGPIPE, SIG_IGN);
	if (probe)
		return probe_host();
	reserve_window();
	make_tmpdir();
	atexit(cleanup);
	start_init();
	run_script(f);
	if (f != stdin)
		fclose(f);
	fflush(stdout);
	stop_all();
	return failed;
}
