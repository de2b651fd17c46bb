/*
 * hostmm.c - the host oracle of vmsh's differential test.
 *
 * Runs a vmsh command script (SPEC "Command language") by making the same
 * system calls for real, on the host Linux kernel, inside a 1 GiB window of
 * this process's own address space, and prints what vmsh would print:
 * mmap/mremap results as 0x%08lx, errors as "CMD: ERRNAME: explanation" on
 * stderr, and `maps` as the window's /proc/self/maps lines.
 *
 * vmsh address A (in [0x40000000, 0x80000000)) is host address
 * window + (A - 0x40000000); results come back the other way. Lengths,
 * offsets and other numbers reach the kernel unchanged.
 *
 * Commands: file, mmap, munmap, mprotect, mlock, munlock, madvise, mremap,
 * maps. Usage: hostmm [SCRIPT] (standard input without one). Exit status 0
 * when every command succeeded, 1 otherwise, 2 for bad usage of hostmm.
 *
 * The command language is parsed by the shell's own parser (shell/parse.c).
 * Its PROT/MAP/MADV values are translated to the host's by name at start-up
 * (xlat_init), so no vmsh header has to share a translation unit with the
 * host's <sys/mman.h>.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "parse.h"

#define VM_BASE		0x40000000UL	/* vmsh address of the window's start */
#define WINDOW_SIZE	(1UL << 30)
#define WINDOW_FREE	(8UL << 30)	/* checked free from the window's start */
#define MAX_FILES	64
#define MAPS_BUF_SIZE	(4UL << 20)
#define ERR_LEN		256

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

struct hfile {
	char *name;		/* the vmsh name given to `file` */
	char path[PATH_MAX];	/* the host file in tmpdir */
};

static unsigned long window;		/* host address of VM_BASE */
static char tmpdir[PATH_MAX - 64];	/* room for "/fNN" in hfile.path */
static struct hfile files[MAX_FILES];
static int nfiles;
static int failed;
static char maps_buf[MAPS_BUF_SIZE];	/* static: no malloc near the window */

/* ---- output ---- */

/*
 * report - print "cmd: ERRNAME: explanation" on stderr after flushing stdout,
 * so that both keep their order in one file; marks the run as failed.
 * err is a positive errno value.
 */
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

/* usage - a syntax error in the script: "cmd: usage: reason" */
static void usage(const char *cmd, const char *reason)
{
	fflush(stdout);
	fprintf(stderr, "%s: usage: %s\n", cmd, reason);
	failed = 1;
}

static void fatal(const char *what)
{
	fprintf(stderr, "hostmm: %s: %s\n", what, strerror(errno));
	exit(2);
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

/* cleanup - remove the temporary files and their directory (atexit). */
static void cleanup(void)
{
	int i;

	for (i = 0; i < nfiles; i++)
		unlink(files[i].path);
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
static int arg_range(const struct vmsh_words *c, unsigned long *addr, unsigned long *len)
{
	if (arg_addr(c->argv[0], c->argv[1], addr))
		return -1;
	return arg_number(c->argv[0], c->argv[2], len);
}

/* ---- files ---- */

static struct hfile *find_file(const char *name)
{
	int i;

	for (i = 0; i < nfiles; i++)
		if (!strcmp(files[i].name, name))
			return &files[i];
	return NULL;
}

/* fill_file - write size bytes to fd, page N holding 'A' + N % 26. */
static int fill_file(int fd, unsigned long size)
{
	static char page[4096];
	unsigned long done = 0, n;
	ssize_t w;

	while (done < size) {
		memset(page, 'A' + (int)((done / sizeof(page)) % 26), sizeof(page));
		n = size - done < sizeof(page) ? size - done : sizeof(page);
		w = write(fd, page, n);
		if (w < 0)
			return -1;
		done += (unsigned long)w;
	}
	return 0;
}

/* cmd_file - `file NAME SIZE`: (re)create the host file for NAME. */
static void cmd_file(const struct vmsh_words *c)
{
	struct hfile *f;
	unsigned long size;
	int fd;

	if (c->argc != 3) {
		usage("file", "file NAME SIZE");
		return;
	}
	if (arg_number("file", c->argv[2], &size))
		return;
	f = find_file(c->argv[1]);
	if (!f) {
		if (nfiles == MAX_FILES) {
			report("file", ENFILE, "hostmm keeps at most %d files", MAX_FILES);
			return;
		}
		f = &files[nfiles];
		snprintf(f->path, sizeof(f->path), "%s/f%d", tmpdir, nfiles);
		f->name = strdup(c->argv[1]);
		if (!f->name)
			fatal("strdup");
		nfiles++;
	}
	fd = open(f->path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || fill_file(fd, size)) {
		report("file", errno, "%s: %s", c->argv[1], strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
}

/* ---- memory commands ---- */

/*
 * open_for_mmap - open the named file as a program would before mmap:
 * read-write for a shared writable mapping, read-only otherwise.
 * Returns the fd, or -1 after reporting.
 */
static int open_for_mmap(const char *name, int prot, int flags)
{
	struct hfile *f = find_file(name);
	int mode = O_RDONLY, fd;

	if (!f) {
		report("mmap", ENOENT, "no file named '%s'", name);
		return -1;
	}
	if ((flags & MAP_SHARED) && (prot & PROT_WRITE))
		mode = O_RDWR;
	fd = open(f->path, mode);
	if (fd < 0)
		report("mmap", errno, "open %s: %s", name, strerror(errno));
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
	printf("0x%08lx\n", to_vmsh(host));
}

/* cmd_mmap - `mmap ADDR LEN PROT FLAGS [FILE [OFFSET]]` */
static void cmd_mmap(const struct vmsh_words *c)
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
static void cmd_range(const struct vmsh_words *c)
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
static void cmd_mremap(const struct vmsh_words *c)
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

/* ---- maps ---- */

/* read_maps - /proc/self/maps into maps_buf with open/read only; length or -1. */
static long read_maps(void)
{
	size_t n = 0;
	ssize_t r;
	int fd = open("/proc/self/maps", O_RDONLY);

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
	size_t n;
	int i;

	for (i = 0; i < nfiles; i++) {
		n = strlen(files[i].path);
		if (!strncmp(path, files[i].path, n) && (!path[n] || path[n] == ' ')) {
			printf("%s%s", files[i].name, path + n);
			return;
		}
	}
	fputs(path, stdout);
}

/*
 * put_maps_line - print one host maps line if it starts in the window,
 * rebased, as "%08lx-%08lx PERM OFFSET DEV INODE NAME" with single spaces.
 */
static void put_maps_line(char *line)
{
	unsigned long start, end;
	char *p = line, *perm, *off, *dev, *ino, *name;

	start = strtoul(p, &p, 16);
	end = strtoul(p + 1, &p, 16);
	if (!in_window(start))
		return;
	perm = strtok_r(p, " ", &p);
	off = strtok_r(NULL, " ", &p);
	dev = strtok_r(NULL, " ", &p);
	ino = strtok_r(NULL, " ", &p);
	if (!perm || !off || !dev || !ino)
		return;
	name = p + strspn(p, " ");
	printf("%08lx-%08lx %s %s %s %s ", to_vmsh(start), to_vmsh(end), perm, off, dev, ino);
	put_name(name);
	putchar('\n');
}

static void cmd_maps(const struct vmsh_words *c)
{
	char *line, *save;

	if (c->argc > 2 || (c->argc == 2 && strcmp(c->argv[1], "1"))) {
		usage("maps", "maps (hostmm has only pid 1)");
		return;
	}
	if (read_maps() < 0) {
		report("maps", errno, "/proc/self/maps: %s", strerror(errno));
		return;
	}
	for (line = strtok_r(maps_buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		put_maps_line(line);
}

/* ---- the script ---- */

static void run_cmd(const struct vmsh_words *c)
{
	const char *cmd = c->argv[0];

	if (!strcmp(cmd, "file"))
		cmd_file(c);
	else if (!strcmp(cmd, "mmap"))
		cmd_mmap(c);
	else if (!strcmp(cmd, "munmap") || !strcmp(cmd, "mprotect") ||
		 !strcmp(cmd, "mlock") || !strcmp(cmd, "munlock") ||
		 !strcmp(cmd, "madvise"))
		cmd_range(c);
	else if (!strcmp(cmd, "mremap"))
		cmd_mremap(c);
	else if (!strcmp(cmd, "maps"))
		cmd_maps(c);
	else
		report(cmd, ENOSYS, "hostmm does not replay this command");
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

int main(int argc, char **argv)
{
	FILE *f = stdin;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1])) {
		fprintf(stderr, "usage: hostmm [SCRIPT]\n");
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-")) {
		f = fopen(argv[1], "r");
		if (!f)
			fatal(argv[1]);
	}
	xlat_init();
	reserve_window();
	make_tmpdir();
	atexit(cleanup);
	run_script(f);
	if (f != stdin)
		fclose(f);
	fflush(stdout);
	return failed;
}
