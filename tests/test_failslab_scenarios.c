/*
 * test_failslab_scenarios.c - allocation failure injection over every
 * scenario script (issue 5, "Allocation failure injection"), as the
 * kernel's failslab does it.
 *
 * For every script in scripts/ and tests/diff/scenarios/ (NAME.vmsh)
 * (found under VMSH_SOURCE_ROOT, a define from tests/meson.build, or the
 * environment variable of that name), each command (a line with several
 * commands is split at its ';' first) is run once cleanly, which tells how
 * many vmcore allocations it makes (failslab_count), and then once for each
 * N in 1..that many, with its Nth allocation failing, every time on a fresh
 * machine that has replayed the script up to that command (there is no
 * snapshot/restore of a machine; replaying is fast enough: see the timing
 * that the test logs). Before each run the whole machine is dumped
 * (mem_snapshot_full: every VMA and mm field, tasks, PTEs, frames with
 * their counts, owners and contents, page caches, files, committed space,
 * the slab objects alive), and after it:
 *
 *  - most commands must fail with ENOMEM and leave the dump identical;
 *  - mlock, munlock and madvise fail with EAGAIN (2.6's mlock_fixup and
 *    madvise_behavior turn a refused split's -ENOMEM into -EAGAIN, and
 *    2.6.18's mlock_fixup does the same when make_pages_present runs out);
 *  - mprotect, mlock, munlock and madvise change the range one VMA at a
 *    time and keep the steps before a failure, as Linux does: the dump
 *    must be identical, or be that of a fresh machine on which the same
 *    command ran over [ADDR, X) instead, X the start of a VMA inside the
 *    range (where the failing step began: the step itself changes
 *    nothing);
 *  - brk never fails in the kernel: it returns the old break, which the
 *    shell reports as ENOMEM (brk(2)); the dump must be identical;
 *  - a page fault's failed allocation is out-of-memory (VM_FAULT_OOM,
 *    arch/i386/mm/fault.c out_of_memory): touch, read and write kill the
 *    faulting process with SIGKILL. The dump must then be that of the same
 *    machine on which the process was killed before the command ran, but
 *    for what the part of the access that succeeded did to shared objects
 *    (page cache pages read in, written or dirtied, which the kernel keeps)
 *    and the victim's fault counters. init is never killed: the kernel
 *    retries its fault until memory comes back (fault.c: "if (is_init(tsk))
 *    { yield(); goto survive; }"), so for init the command must fail, init
 *    must stay alive, and running the command again without injection must
 *    give exactly the dump of the clean run;
 *  - the kernel's best-effort allocations do not fail the call: mmap with
 *    MAP_POPULATE or MAP_LOCKED and mremap growing a VM_LOCKED mapping
 *    ignore make_pages_present's result (2.6 mmap_region, do_mremap and
 *    move_vma), madvise(MADV_WILLNEED) ignores the read-ahead's
 *    (madvise_willneed returns 0). Those may succeed; their VMAs and
 *    counters must then be those of the clean run. mlock does not ignore
 *    it: 2.6.18's mlock_fixup returns make_pages_present's -ENOMEM as
 *    -EAGAIN, so an mlock that could not fault its pages in must fail.
 *
 * After every run the machine must validate, and once destroyed nothing
 * may be left allocated (kmalloc_inuse() == 0): a leak on a failure path
 * shows there.
 */
#include <glob.h>
#include <unistd.h>
#include <stdarg.h>
#include <time.h>

#include "vmtest_mem.h"
#include <criterion/parameterized.h>
#include "vmsh.h"
#include "parse.h"

#ifndef VMSH_SOURCE_ROOT
#define VMSH_SOURCE_ROOT ""
#endif

#define MAX_REPORTS	12	/* failures reported in full per script */

/* ---- scripts as lists of single commands ---- */

struct cmd {
	char *text;		/* one command, runnable by vmsh_run_line */
	size_t len;
	unsigned long lineno;	/* in the script */
	char name[16];		/* the command's name */
	int populate;		/* mmap with populate or locked */
	int willneed;		/* madvise willneed */
	unsigned long arg1;	/* mremap's ADDR; a flag change's ADDR */
	int steps;		/* a flag change done VMA by VMA: mprotect, mlock, munlock, madvise */
	unsigned long arg2;	/* a flag change's LEN */
	char arg3[16];		/* mprotect's PROT, madvise's ADVICE */
};

struct script {
	const char *path;
	struct cmd *cmds;
	int n;
};

/* quote_word - a word of cmd as "..." with escapes, for a line the parser gives back exactly */
static void quote_word(char **buf, size_t *n, size_t *cap, const char *w, size_t len)
{
	size_t i;

	if (*n + 4 * len + 8 > *cap) {
		*cap = *n + 4 * len + 64;
		*buf = realloc(*buf, *cap);
		cr_assert(*buf);
	}
	(*buf)[(*n)++] = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			(*buf)[(*n)++] = (char)c;
		else
			*n += (size_t)sprintf(*buf + *n, "\\x%02x", c);
	}
	(*buf)[(*n)++] = '"';
	(*buf)[(*n)++] = ' ';
	(*buf)[*n] = '\0';
}

static void add_cmd(struct script *s, const char *text, size_t len, unsigned long lineno,
		    const struct vmsh_words *w)
{
	struct cmd *c;

	s->cmds = realloc(s->cmds, (size_t)(s->n + 1) * sizeof(*s->cmds));
	cr_assert(s->cmds);
	c = &s->cmds[s->n++];
	memset(c, 0, sizeof(*c));
	c->text = malloc(len + 1);
	cr_assert(c->text);
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	c->len = len;
	c->lineno = lineno;
	snprintf(c->name, sizeof(c->name), "%s", w->argv[0]);
	if (!strcmp(w->argv[0], "mmap") && w->argc > 4)
		c->populate = strstr(w->argv[4], "populate") || strstr(w->argv[4], "locked");
	if (!strcmp(w->argv[0], "madvise") && w->argc > 3)
		c->willneed = !strcmp(w->argv[3], "willneed");
	if (!strcmp(w->argv[0], "mremap") && w->argc > 1)
		parse_number(w->argv[1], &c->arg1, (char[64]){ 0 }, 64);
	c->steps = (!strcmp(w->argv[0], "mprotect") || !strcmp(w->argv[0], "madvise") ||
		    !strcmp(w->argv[0], "mlock") || !strcmp(w->argv[0], "munlock")) &&
		   w->argc >= 3 && !parse_number(w->argv[1], &c->arg1, NULL, 0) &&
		   !parse_number(w->argv[2], &c->arg2, NULL, 0);
	if (c->steps && w->argc > 3)
		snprintf(c->arg3, sizeof(c->arg3), "%s", w->argv[3]);
}

/* words_text - the words of w from the first on, each quoted, as one command line */
static char *words_text(const struct vmsh_words *w, int first, size_t *n)
{
	char *buf = NULL;
	size_t cap = 0;
	int j;

	*n = 0;
	for (j = first; j < w->argc; j++)
		quote_word(&buf, n, &cap, w->argv[j], vmsh_word_len(w, j));
	return buf;
}

/*
 * load_script - the script's commands, one per entry: a line holding one
 * command is kept as written; a line with several is split, each command
 * written back with every word quoted (the parser reads it back exactly).
 */
static void load_script(struct script *s, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, why[200];
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;

	cr_assert(f, "cannot open %s", path);
	s->path = path;
	s->cmds = NULL;
	s->n = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		struct vmsh_line l = { 0, NULL };
		int i, j;

		lineno++;
		cr_assert_eq(parse_line(line, (size_t)len, &l, why, sizeof(why)), 0,
			     "%s:%lu: %s", path, lineno, why);
		if (l.ncmds == 1 && !strcmp(l.cmds[0].argv[0], "expect") && l.cmds[0].argc > 2) {
			/* an expected failure: the engine is swept on the command itself */
			struct vmsh_line back = { 0, NULL };
			size_t n;
			char *buf = words_text(&l.cmds[0], 2, &n);

			cr_assert_eq(parse_line(buf, n, &back, why, sizeof(why)), 0, "%s", why);
			add_cmd(s, buf, n, lineno, &back.cmds[0]);
			vmsh_line_free(&back);
			free(buf);
		} else if (l.ncmds == 1) {
			add_cmd(s, line, (size_t)len, lineno, &l.cmds[0]);
		}
		for (i = 0; l.ncmds > 1 && i < l.ncmds; i++) {
			char *buf = NULL;
			size_t n = 0, bcap = 0;
			struct vmsh_line back = { 0, NULL };

			for (j = 0; j < l.cmds[i].argc; j++)
				quote_word(&buf, &n, &bcap, l.cmds[i].argv[j],
					   vmsh_word_len(&l.cmds[i], j));
			/* the split command must parse back to the same words */
			cr_assert_eq(parse_line(buf, n, &back, why, sizeof(why)), 0, "%s", why);
			cr_assert_eq(back.ncmds, 1);
			cr_assert_eq(back.cmds[0].argc, l.cmds[i].argc);
			for (j = 0; j < back.cmds[0].argc; j++)
				cr_assert(vmsh_word_len(&back.cmds[0], j) == vmsh_word_len(&l.cmds[i], j) &&
					  !memcmp(back.cmds[0].argv[j], l.cmds[i].argv[j],
						  vmsh_word_len(&l.cmds[i], j)));
			add_cmd(s, buf, n, lineno, &l.cmds[i]);
			vmsh_line_free(&back);
			free(buf);
		}
		vmsh_line_free(&l);
	}
	free(line);
	fclose(f);
}

static void free_script(struct script *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->cmds[i].text);
	free(s->cmds);
}

/* ---- a machine with a shell on it ---- */

struct rig {
	struct vmsh sh;
	FILE *err;
	char *errbuf;
	size_t errlen;
	char lasterr[256];	/* what the last command printed on stderr (its last line) */
	unsigned long base;	/* kmalloc_inuse() before the machine was made */
};

static FILE *devnull;

static void rig_start(struct rig *r)
{
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	cr_assert(devnull);
	r->base = kmalloc_inuse();
	m = machine_create(256ULL << 20);
	cr_assert(m, "machine_create failed");
	vmsh_init(&r->sh, m);
	r->sh.out = devnull;
	r->errbuf = NULL;
	r->err = open_memstream(&r->errbuf, &r->errlen);
	cr_assert(r->err);
	r->sh.err = r->err;
}

/* rig_run - run one command; its last stderr line goes to r->lasterr. vmsh_run_line's result. */
static int rig_run(struct rig *r, const struct cmd *c)
{
	size_t from, to;
	int rc;

	fflush(r->err);
	from = r->errlen;
	rc = vmsh_run_line(&r->sh, c->text, c->len);
	fflush(r->err);
	to = r->errlen;
	while (to > from && r->errbuf[to - 1] == '\n')
		to--;
	while (to > from && r->errbuf[from] && memchr(r->errbuf + from, '\n', to - from))
		from = (size_t)((char *)memchr(r->errbuf + from, '\n', to - from) - r->errbuf) + 1;
	snprintf(r->lasterr, sizeof(r->lasterr), "%.*s", (int)(to - from), r->errbuf + from);
	return rc;
}

/* rig_stop - destroy the machine; returns how many engine blocks it left allocated (leaks) */
static unsigned long rig_stop(struct rig *r)
{
	unsigned long left;

	vmsh_fini(&r->sh);	/* its observer and diff's record go before the machine */
	fclose(r->err);
	free(r->errbuf);
	machine_destroy(m);
	m = NULL;
	left = kmalloc_inuse() - r->base;
	return left;
}

/* rig_replay - a fresh machine that has run the script's first n commands */
static void rig_replay(struct rig *r, const struct script *s, int n)
{
	int i;

	rig_start(r);
	for (i = 0; i < n; i++)
		rig_run(r, &s->cmds[i]);
}

/* the error name of a failure line "CMD: ERRNAME: ..." */
static void err_name(const char *line, char *out, size_t len)
{
	const char *p = strstr(line, ": ");
	size_t n;

	out[0] = '\0';
	if (!p)
		return;
	p += 2;
	n = strcspn(p, ":");
	snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), p);
}

/* ---- comparing dumps ---- */

/* layout - every mm's VMAs (start-end flags pgoff file) and VM counters, pointer-free */
static char *layout(void)
{
	size_t cap = 1 << 14, n = 0;
	char *buf = malloc(cap), b[24];
	struct list_head *pos;

	cr_assert(buf);
#define LAY(...) do { \
	if (n + 256 > cap) { cap *= 2; buf = realloc(buf, cap); cr_assert(buf); } \
	n += (size_t)snprintf(buf + n, cap - n, __VA_ARGS__); \
} while (0)
	LAY("committed %lu tasks %d\n", m->vm_committed_space, m->nr_tasks);
	list_for_each(pos, &m->mmlist) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct, mmlist);
		struct vm_area_struct *v;

		LAY("mm %lu map_count %d total %lu locked %lu shared %lu exec %lu stack %lu brk %lx\n",
		    mm->mm_id, mm->map_count, mm->total_vm, mm->locked_vm, mm->shared_vm,
		    mm->exec_vm, mm->stack_vm, mm->brk);
		for (v = mm->mmap; v; v = v->vm_next)
			LAY(" %08lx-%08lx %#x %#x %s\n", v->vm_start, v->vm_end, (unsigned)v->vm_flags,
			    (unsigned)v->vm_pgoff,
			    v->vm_file ? snap_inode_name(v->vm_file->f_inode, b, sizeof(b)) : "");
	}
#undef LAY
	buf[n] = '\0';
	return buf;
}

/* first_difference - the first line where a and b differ, for messages */
static void first_difference(const char *a, const char *b, char *out, size_t len)
{
	const char *la = a, *lb = b;

	while (*la && *lb) {
		size_t na = strcspn(la, "\n"), nb = strcspn(lb, "\n");

		if (na != nb || memcmp(la, lb, na)) {
			snprintf(out, len, "expected \"%.*s\", got \"%.*s\"", (int)na, la, (int)nb, lb);
			return;
		}
		la += na + (la[na] == '\n');
		lb += nb + (lb[nb] == '\n');
	}
	snprintf(out, len, "expected \"%.60s\", got \"%.60s\"", la, lb);
}

struct lines {
	char **v;
	size_t n;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* split_sorted - s's lines (s is modified), sorted */
static struct lines split_sorted(char *s)
{
	struct lines l = { NULL, 0 };
	size_t cap = 0;
	char *p = s, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (l.n == cap) {
			cap = cap ? cap * 2 : 256;
			l.v = realloc(l.v, cap * sizeof(*l.v));
			cr_assert(l.v);
		}
		l.v[l.n++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	qsort(l.v, l.n, sizeof(*l.v), cmp_str);
	return l;
}

/* mask_task_faults - "flt A/B" of task pid's line replaced by "flt *" */
static void mask_task_faults(char *s, int pid)
{
	char key[48], *p, *f, *end;

	snprintf(key, sizeof(key), "task %d state", pid);
	for (p = s; (p = strstr(p, key)); p++) {
		if (p != s && p[-1] != '\n')
			continue;
		f = strstr(p, " flt ");
		end = strchr(p, '\n');
		if (!f || (end && f > end))
			continue;
		f += 5;
		/* "flt a/b c d/e" -> blank the digits of a/b and d/e */
		for (; *f && *f != '\n' && strncmp(f, " exit", 5); f++)
			if (*f >= '0' && *f <= '9')
				*f = '*';
	}
}

/* line_with - the line of l starting with prefix, or NULL */
static const char *line_with(const struct lines *l, const char *prefix)
{
	size_t i, n = strlen(prefix);

	for (i = 0; i < l->n; i++)
		if (!strncmp(l->v[i], prefix, n))
			return l->v[i];
	return NULL;
}

/* number_after - the number after word in line (0 when absent) */
static unsigned long number_after(const char *line, const char *word)
{
	const char *p = line ? strstr(line, word) : NULL;

	return p ? strtoul(p + strlen(word), NULL, 0) : 0;
}

/*
 * killed_line_ok - may line l of got (the dump after the OOM kill) differ
 * from want (the dump of the machine killed before the command)? Only
 * where the part of the access that succeeded reached the page cache,
 * which outlives the process: a page read in (a new cache frame, mapped
 * by no one now, held by the cache alone), a cached page dirtied or
 * written through a shared mapping, and the totals that follow.
 */
static int killed_line_ok(const char *l, const struct lines *want, const struct lines *got)
{
	char key[160], name[64];
	unsigned long pfn, idx;
	unsigned int flags, wflags;
	int count, map, wcount, wmap;
	const char *w;

	if (!strncmp(l, "frames used ", 12) || !strncmp(l, "machine ", 8))
		return 1;	/* totals: the frame lines say which frames */
	if (sscanf(l, "cache %63s", name) == 1) {
		snprintf(key, sizeof(key), "cache %s ", name);
		return number_after(line_with(want, key), key) <= number_after(line_with(got, key), key);
	}
	if (sscanf(l, "pagecache %63s", name) == 1) {
		snprintf(key, sizeof(key), "pagecache %s ", name);
		return number_after(line_with(want, key), "nrpages ") <=
		       number_after(line_with(got, key), "nrpages ");
	}
	if (sscanf(l, " pagecache %63s [%lu]", name, &idx) == 2) {
		snprintf(key, sizeof(key), " pagecache %s [%lu] ", name, idx);
		return !line_with(want, key);	/* a slot filled, none emptied or changed */
	}
	if (sscanf(l, "frame %lu flags %x count %d map %d", &pfn, &flags, &count, &map) == 4) {
		snprintf(key, sizeof(key), "frame %lu flags ", pfn);
		w = line_with(want, key);
		if (!w)		/* read into the page cache, mapped by no one since the kill */
			return (flags & PG_cache) && count == 1 && map == -1 &&
			       line_with(got, key) == l;
		if (sscanf(w, "frame %lu flags %x count %d map %d", &pfn, &wflags, &wcount,
			   &wmap) != 4 || !line_with(got, key))
			return 0;
		return (wflags & PG_cache) && wcount == count && wmap == map &&
		       (flags & ~(unsigned)PG_dirty) == (wflags & ~(unsigned)PG_dirty);
	}
	if (sscanf(l, "frame %lu index %lu", &pfn, &idx) == 2) {
		char wowner[96], owner[96];

		snprintf(key, sizeof(key), "frame %lu index ", pfn);
		w = line_with(want, key);
		if (sscanf(strstr(l, " owner ") ? strstr(l, " owner ") : "", " owner %95s", owner) != 1 ||
		    strncmp(owner, "cache:", 6))
			return 0;
		if (!w)
			return line_with(got, key) != NULL;
		/* the same page of the same file; its bytes may have been written */
		return line_with(got, key) && strstr(w, " owner ") &&
		       sscanf(strstr(w, " owner "), " owner %95s", wowner) == 1 &&
		       !strcmp(owner, wowner) && number_after(w, "index ") == idx;
	}
	return 0;
}

/*
 * killed_diff - compare the dump after an OOM kill (got) with the dump of
 * the machine killed before the command (want), line by line (sorted);
 * every difference must be one killed_line_ok allows. Returns 0, or -1
 * with the first unexplained line in why.
 */
static int killed_diff(char *want, char *got, char *why, size_t len)
{
	struct lines a = split_sorted(want), b = split_sorted(got);
	size_t i = 0, j = 0;
	int bad = 0;

	while (!bad && (i < a.n || j < b.n)) {
		int c = i == a.n ? 1 : j == b.n ? -1 : strcmp(a.v[i], b.v[j]);
		const char *l;

		if (c == 0) {
			i++, j++;
			continue;
		}
		l = c < 0 ? a.v[i++] : b.v[j++];
		/* a line only in want must have changed (its key is in got), not vanished */
		if (killed_line_ok(l, &a, &b))
			continue;
		snprintf(why, len, "%s \"%s\"", c < 0 ? "lost" : "gained", l);
		bad = 1;
	}
	free(a.v);
	free(b.v);
	return bad ? -1 : 0;
}

/* ---- the sweep ---- */

struct stats {
	unsigned long cmds, cmds_allocating, runs, allocs_max;
	unsigned long plain, killed, init_retry, best_effort, partial;
	unsigned long problems;
	struct { char name[16]; unsigned long runs; } per_cmd[48];	/* injected failures by command */
	int ncmd;
};

/* count_run - one more failing run of command name */
static void count_run(struct stats *st, const char *name)
{
	int i;

	for (i = 0; i < st->ncmd && strcmp(st->per_cmd[i].name, name); i++)
		;
	if (i == st->ncmd) {
		if (st->ncmd == 48)
			return;
		snprintf(st->per_cmd[st->ncmd++].name, sizeof(st->per_cmd[0].name), "%s", name);
	}
	st->per_cmd[i].runs++;
}

static int is_access(const struct cmd *c)
{
	return !strcmp(c->name, "touch") || !strcmp(c->name, "read") || !strcmp(c->name, "write");
}

static const char *expected_errno(const struct cmd *c)
{
	if (!strcmp(c->name, "mlock") || !strcmp(c->name, "munlock") || !strcmp(c->name, "madvise"))
		return "EAGAIN";
	return "ENOMEM";
}

/* problem - one failing allocation misbehaved: count it, log the first few */
static void problem(struct stats *st, const struct script *s, const struct cmd *c,
		    unsigned long nth, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void problem(struct stats *st, const struct script *s, const struct cmd *c,
		    unsigned long nth, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	st->problems++;
	if (st->problems > MAX_REPORTS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cr_log_error("%s:%lu `%.*s` with allocation %lu failing: %s", s->path, c->lineno,
		     (int)strcspn(c->text, "\n"), c->text, nth, msg);
}

#define PROBLEM(st, s, c, nth, ...) problem(st, s, c, nth, __VA_ARGS__)

/* fault_total - minor and major faults of task pid (0 once reaped) */
static unsigned long fault_total(int pid)
{
	struct task_struct *t = pid > 0 && pid < PID_MAX ? find_task_by_pid(m, pid) : NULL;

	return t ? t->min_flt + t->maj_flt : 0;
}

/* killed_expectation - the dump of the machine with pid killed by SIGKILL before command i */
static char *killed_expectation(const struct script *s, int i, int pid)
{
	struct rig r;
	char *snap;

	rig_replay(&r, s, i);
	vm_fatal_signal(m, task_of(pid), SIGKILL, 0);
	m->current = vmsh_current(&r.sh);
	snap = snap_canon_ptrs(mem_snapshot_full());
	mask_task_faults(snap, pid);
	rig_stop(&r);
	return snap;
}

/* step_range - the range a flag change works on: mlock and munlock round ADDR down */
static void step_range(const struct cmd *c, unsigned long *start, unsigned long *end)
{
	if (!strcmp(c->name, "mlock") || !strcmp(c->name, "munlock")) {
		*start = c->arg1 & PAGE_MASK;
		*end = (c->arg1 + c->arg2 + PAGE_SIZE - 1) & PAGE_MASK;
	} else {
		*start = c->arg1;
		*end = c->arg1 + ((c->arg2 + PAGE_SIZE - 1) & PAGE_MASK);
	}
}

/*
 * step_candidates - where the failing step of a flag change may have
 * begun: ADDR, and the start of every VMA of the current process inside
 * the range (on the machine before the command). Returns how many, <= max.
 */
static int step_candidates(const struct cmd *c, unsigned long *x, int max)
{
	unsigned long start, end;
	struct vm_area_struct *v;
	int n = 0;

	step_range(c, &start, &end);
	x[n++] = start;
	if (!m->current || !m->current->mm || end <= start)
		return n;
	for (v = m->current->mm->mmap; v && n < max; v = v->vm_next)
		if (v->vm_start > start && v->vm_start < end)
			x[n++] = v->vm_start;
	return n;
}

/*
 * as_prefix_of - is got (a canonical full dump) the machine that results
 * from replaying the script up to command i and then running command c
 * over [ADDR, X) instead, for one of the n candidates x (X = ADDR: not
 * running it)? Each candidate is tried on a machine of its own; m is put
 * back. Returns the X found, or 0.
 */
static unsigned long as_prefix_of(const struct script *s, int i, const struct cmd *c,
				  const unsigned long *x, int n, const char *got)
{
	struct machine *ours = m;
	unsigned long start, end, found = 0;
	int k;

	step_range(c, &start, &end);
	for (k = 0; k < n && !found; k++) {
		struct rig r;
		char text[128], *snap;
		struct cmd pre = *c;

		rig_replay(&r, s, i);
		if (x[k] > start) {
			snprintf(text, sizeof(text), "%s 0x%lx 0x%lx %s", c->name, start, x[k] - start,
				 c->arg3);
			pre.text = text;
			pre.len = strlen(text);
			rig_run(&r, &pre);
		}
		snap = snap_canon_ptrs(mem_snapshot_full());
		if (!strcmp(snap, got))
			found = x[k];
		free(snap);
		rig_stop(&r);
	}
	m = ours;
	return found;
}

static void sweep_command(const struct script *s, int i, struct stats *st)
{
	const struct cmd *c = &s->cmds[i];
	char *clean_snap, *clean_masked, *clean_layout, *killed = NULL, why[512], *before, *after;
	unsigned long allocs, c0, nth;
	unsigned long clean_faults, leaked, cand[64];
	int clean_rc, pid, is_init, locked_src = 0, ncand;
	struct rig r;

	/* the clean run: how many allocations, and the dumps to compare with */
	rig_replay(&r, s, i);
	c0 = failslab_count();
	clean_rc = rig_run(&r, c);
	allocs = failslab_count() - c0;
	clean_snap = snap_canon_ptrs(mem_snapshot_full());
	clean_masked = strdup(clean_snap);
	cr_assert(clean_masked);
	mask_task_faults(clean_masked, r.sh.pid);
	clean_faults = fault_total(r.sh.pid);
	clean_layout = layout();
	leaked = rig_stop(&r);
	if (leaked)
		PROBLEM(st, s, c, 0UL, "%lu blocks leaked (no failure injected)", leaked);
	st->cmds++;
	if (allocs)
		st->cmds_allocating++;
	if (allocs > st->allocs_max)
		st->allocs_max = allocs;

	for (nth = 1; nth <= allocs; nth++) {
		char ename[32];
		int rc, hit;

		rig_replay(&r, s, i);
		pid = r.sh.pid;
		is_init = pid == 1;
		ncand = c->steps ? step_candidates(c, cand, 64) : 0;
		if (!strcmp(c->name, "mremap") && m->current && m->current->mm) {
			struct vm_area_struct *v = find_vma(m->current->mm, c->arg1);

			locked_src = v && v->vm_start <= c->arg1 && (v->vm_flags & VM_LOCKED);
		}
		before = mem_snapshot_full();
		c0 = failslab_count();
		failslab_set(nth);
		rc = rig_run(&r, c);
		failslab_set(0);
		hit = failslab_count() - c0 >= nth;
		st->runs++;
		count_run(st, c->name);
		if (validate_machine(m, why, sizeof(why)))
			PROBLEM(st, s, c, nth, "the machine is not valid: %s", why);
		if (!hit) {
			PROBLEM(st, s, c, nth, "not reached: the command made %lu allocations "
				"where the clean run made %lu", failslab_count() - c0, allocs);
			free(before);
			rig_stop(&r);
			continue;
		}
		err_name(r.lasterr, ename, sizeof(ename));

		if (is_access(c) && !is_init) {
			/* OOM: the faulting process is killed, nothing else changes */
			struct task_struct *t = find_task_by_pid(m, pid);

			st->killed++;
			if (rc == 0 || !t || t->state != EXIT_ZOMBIE || t->exit_signal != SIGKILL) {
				PROBLEM(st, s, c, nth, "expected the OOM kill of pid %d, got rc %d, "
					"task %s, stderr \"%s\"", pid, rc,
					!t ? "gone" : t->state == EXIT_ZOMBIE ? "zombie" : "running",
					r.lasterr);
			} else {
				if (!killed) {
					/* computed on a machine of its own: back to ours */
					struct machine *ours = m;

					killed = killed_expectation(s, i, pid);
					m = ours;
				}
				after = snap_canon_ptrs(mem_snapshot_full());
				mask_task_faults(after, pid);
				{
					char *want = strdup(killed);

					cr_assert(want);
					if (killed_diff(want, after, why, sizeof(why)))
						PROBLEM(st, s, c, nth, "after the OOM kill of pid %d: %s",
							pid, why);
					free(want);
				}
				free(after);
			}
		} else if (is_access(c)) {
			/* init survives: the kernel retries; the retry must end as the clean run */
			struct task_struct *t = find_task_by_pid(m, pid);

			st->init_retry++;
			if (rc == 0 || !t || t->state != TASK_RUNNING) {
				PROBLEM(st, s, c, nth, "init: expected the access to fail and init to "
					"live, got rc %d, stderr \"%s\"", rc, r.lasterr);
			} else {
				int rc2 = rig_run(&r, c);
				unsigned long faults = fault_total(pid);

				after = snap_canon_ptrs(mem_snapshot_full());
				/* a fault that read a file page in and then ran out is retried as a
				 * minor one: compare the number of faults, not their kinds */
				mask_task_faults(after, pid);
				if (faults != clean_faults)
					PROBLEM(st, s, c, nth, "init: %lu faults counted after the retry, "
						"%lu in the clean run", faults, clean_faults);
				if (rc2 != clean_rc)
					PROBLEM(st, s, c, nth, "init: the retry returned %d, the clean "
						"run %d (%s)", rc2, clean_rc, r.lasterr);
				else if (strcmp(after, clean_masked)) {
					first_difference(clean_masked, after, why, sizeof(why));
					PROBLEM(st, s, c, nth, "init: after the retry the machine is "
						"not the clean run's: %s", why);
				}
				free(after);
			}
		} else if ((rc == 0 && (c->populate || c->willneed ||
					(!strcmp(c->name, "mremap") && locked_src))) ||
			   (rc != 0 && !strcmp(c->name, "mlock") && !strcmp(ename, "EAGAIN") &&
			    strstr(r.lasterr, "faulting"))) {
			/*
			 * best effort: the call succeeds with fewer pages present; or
			 * mlock's own rule (2.6.18 mlock_fixup, as today): EAGAIN when
			 * the pages could not be faulted in, VM_LOCKED left set
			 */
			char *lay = layout();

			st->best_effort++;
			if (clean_rc != 0 && rc == 0)
				PROBLEM(st, s, c, nth, "succeeded where the clean run failed");
			else if (strcmp(lay, clean_layout)) {
				first_difference(clean_layout, lay, why, sizeof(why));
				PROBLEM(st, s, c, nth, "best-effort success, but the VMAs are not "
					"the clean run's: %s", why);
			}
			free(lay);
		} else {
			/* the rule: the kernel's error, and nothing changed */
			st->plain++;
			after = mem_snapshot_full();
			if (rc == 0)
				PROBLEM(st, s, c, nth, "the command succeeded (expected %s)",
					expected_errno(c));
			else if (strcmp(ename, expected_errno(c)))
				PROBLEM(st, s, c, nth, "expected %s, got \"%s\"", expected_errno(c),
					r.lasterr);
			if (strcmp(before, after) && c->steps) {
				/* the steps before the failing one are kept, as in Linux */
				char *got = snap_canon_ptrs(strdup(after));

				if (as_prefix_of(s, i, c, cand, ncand, got)) {
					st->partial++;
				} else {
					first_difference(before, after, why, sizeof(why));
					PROBLEM(st, s, c, nth, "the machine is neither as it was nor as "
						"%s over [ADDR, X) leaves it, for X a VMA start in the "
						"range: %s", c->name, why);
				}
				free(got);
			} else if (strcmp(before, after)) {
				first_difference(before, after, why, sizeof(why));
				PROBLEM(st, s, c, nth, "the machine changed: %s", why);
			}
			free(after);
		}
		free(before);
		leaked = rig_stop(&r);
		if (leaked)
			PROBLEM(st, s, c, nth, "%lu blocks leaked", leaked);
	}

	free(killed);
	free(clean_snap);
	free(clean_masked);
	free(clean_layout);
}

/* ---- one test per script ---- */

struct script_param {
	char path[512];
};

static void free_params(struct criterion_test_params *crp)
{
	cr_free(crp->params);
}

static const char *source_root(void)
{
	const char *env = getenv("VMSH_SOURCE_ROOT");

	return env && *env ? env : VMSH_SOURCE_ROOT;
}

ParameterizedTestParameters(failslab, scenario)
{
	static const char *const dirs[] = { "scripts", "tests/diff/scenarios" };
	struct script_param *p;
	glob_t g[2];
	size_t n = 0, k = 0, d, i;
	char pat[600];
	/* VMSH_FAILSLAB_ONLY=SUBSTRING: only the scripts whose path holds it (debugging) */
	const char *only = getenv("VMSH_FAILSLAB_ONLY");

	for (d = 0; d < 2; d++) {
		snprintf(pat, sizeof(pat), "%s/%s/*.vmsh", source_root(), dirs[d]);
		if (glob(pat, 0, NULL, &g[d]))
			g[d].gl_pathc = 0;
		n += g[d].gl_pathc;
	}
	p = cr_malloc(sizeof(*p) * (n ? n : 1));
	for (d = 0; d < 2; d++) {
		for (i = 0; i < g[d].gl_pathc; i++)
			if (!only || strstr(g[d].gl_pathv[i], only))
				snprintf(p[k++].path, sizeof(p->path), "%s", g[d].gl_pathv[i]);
		if (g[d].gl_pathc)
			globfree(&g[d]);
	}
	return cr_make_param_array(struct script_param, p, k, free_params);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

ParameterizedTest(struct script_param *p, failslab, scenario, .timeout = 120)
{
	struct script s;
	struct stats st = { 0 };
	double t0 = now();
	const char *name = strrchr(p->path, '/') ? strrchr(p->path, '/') + 1 : p->path;
	int i;

	cr_log_info("failslab %s: start", name);
	load_script(&s, p->path);
	cr_assert_gt(s.n, 0, "%s: no commands", p->path);
	for (i = 0; i < s.n; i++)
		sweep_command(&s, i, &st);
	cr_log_info("failslab %-40s commands %3lu allocating %3lu injected %5lu (plain %lu, "
		    "oom-kill %lu, init-retry %lu, best-effort %lu; steps kept %lu) max/cmd %lu  %.2fs  "
		    "problems %lu", name, st.cmds, st.cmds_allocating, st.runs, st.plain, st.killed,
		    st.init_retry, st.best_effort, st.partial, st.allocs_max, now() - t0, st.problems);
	{
		char per[512];
		size_t o = 0;

		per[0] = '\0';
		for (i = 0; i < st.ncmd && o < sizeof(per) - 32; i++)
			o += (size_t)snprintf(per + o, sizeof(per) - o, " %s=%lu", st.per_cmd[i].name,
					      st.per_cmd[i].runs);
		cr_log_info("failslab %s: injected by command:%s", name, per);
	}
	cr_expect_eq(st.problems, 0, "%s: %lu failing allocations misbehaved (the first %d logged)",
		     name, st.problems, MAX_REPORTS);
	free_script(&s);
}

/* the scripts must be found: an empty parameter list would pass vacuously */
Test(failslab, scenarios_are_found)
{
	char pat[600];
	glob_t g;

	snprintf(pat, sizeof(pat), "%s/scripts/*.vmsh", source_root());
	cr_assert_eq(glob(pat, 0, NULL, &g), 0, "no scripts under %s (VMSH_SOURCE_ROOT)",
		     source_root());
	cr_expect_gt(g.gl_pathc, 10);
	globfree(&g);
	snprintf(pat, sizeof(pat), "%s/tests/diff/scenarios/*.vmsh", source_root());
	cr_assert_eq(glob(pat, 0, NULL, &g), 0);
	cr_expect_gt(g.gl_pathc, 50);
	globfree(&g);
}

/*
 * A line of several commands is split into single ones, each of which
 * parses back to the same words (quotes, escapes, NUL bytes and ';' or '#'
 * inside quotes kept); the sweep then runs each on its own.
 */
Test(failslab, compound_lines_are_split_and_swept)
{
	static const char text[] =
		"# a comment; not a command\n"
		"file f 8k ; mmap 0x40000000 8k rw- shared f;touch 0x40000000 w # c; d\n"
		"write 0x40000000 \"a;b#c\\x00\\\"q\" ; fork;use 2 ;write 0x40000000 'x;y'\n"
		";;\n"
		"mmap - 16k rw- private,anon,populate\n";
	static const char *const want[][7] = {
		{ "file", "f", "8k", NULL }, { "mmap", "0x40000000", "8k", "rw-", "shared", "f", NULL },
		{ "touch", "0x40000000", "w", NULL }, { "write", "0x40000000", "a;b#c\0\"q", NULL },
		{ "fork", NULL }, { "use", "2", NULL }, { "write", "0x40000000", "x;y", NULL },
		{ "mmap", "-", "16k", "rw-", "private,anon,populate" },
	};
	static const size_t wlen[] = { 3, 6, 3, 3, 1, 2, 3, 5 };
	char path[] = "/tmp/vmsh-failslab-XXXXXX";
	struct script s;
	struct stats st = { 0 };
	int fd = mkstemp(path), i, j;

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	load_script(&s, path);
	cr_assert_eq(s.n, 8, "%d commands", s.n);
	for (i = 0; i < s.n; i++) {
		struct vmsh_line l = { 0, NULL };
		char why[200];

		cr_assert_eq(parse_line(s.cmds[i].text, s.cmds[i].len, &l, why, sizeof(why)), 0);
		cr_assert_eq(l.ncmds, 1, "command %d: \"%s\"", i, s.cmds[i].text);
		cr_assert_eq((size_t)l.cmds[0].argc, wlen[i], "command %d: \"%s\"", i, s.cmds[i].text);
		for (j = 0; j < l.cmds[0].argc && want[i][j]; j++) {
			size_t n = i == 3 && j == 2 ? 8 : strlen(want[i][j]);

			cr_assert_eq(vmsh_word_len(&l.cmds[0], j), n, "command %d word %d", i, j);
			cr_assert(!memcmp(l.cmds[0].argv[j], want[i][j], n), "command %d word %d", i, j);
		}
		vmsh_line_free(&l);
	}
	cr_assert_eq(s.cmds[0].lineno, 2);
	cr_assert_eq(s.cmds[6].lineno, 3);
	cr_assert_eq(s.cmds[7].lineno, 5);
	cr_assert(s.cmds[7].populate);
	for (i = 0; i < s.n; i++)
		sweep_command(&s, i, &st);
	cr_expect_eq(st.problems, 0);
	cr_expect_gt(st.runs, 5, "%lu failing runs", st.runs);
	cr_expect_gt(st.killed, 0, "pid 2's write is killed by OOM");
	free_script(&s);
	unlink(path);
}
