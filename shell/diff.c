/*
 * diff.c - what the last commands changed (diff.h), from the engine's
 * events as they come: each change keeps the event's kind, pid, range and
 * value, and the flags of its VMA at that moment; consecutive page events
 * of one kind (faults, copies) are merged into one change over their
 * range. A ring of the last DIFF_CMDS commands that changed something.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "vmcore.h"
#include "dump.h"
#include "jview_int.h"
#include "diff.h"

enum change_kind {
	CH_SPLIT, CH_MERGE, CH_ADD, CH_REMOVE, CH_PROTECT, CH_LOCK, CH_ADVISE,
	CH_ZAP, CH_ZERO, CH_ANON, CH_FILE, CH_COPY, CH_REUSE, CH_REPROTECT,
	CH_FORK_COPY, CH_FORK, CH_EXIT, CH_REAP, CH_OOM, CH_EXEC,
};

static const char *const change_names[] = {
	[CH_SPLIT] = "split", [CH_MERGE] = "merged", [CH_ADD] = "added",
	[CH_REMOVE] = "removed", [CH_PROTECT] = "mprotect", [CH_LOCK] = "mlock",
	[CH_ADVISE] = "madvise", [CH_ZAP] = "zapped", [CH_ZERO] = "zero page",
	[CH_ANON] = "new anon", [CH_FILE] = "file page", [CH_COPY] = "COW copy",
	[CH_REUSE] = "COW reuse", [CH_REPROTECT] = "PTEs", [CH_FORK_COPY] = "fork",
	[CH_FORK] = "forked", [CH_EXIT] = "exited", [CH_REAP] = "reaped",
	[CH_OOM] = "OOM kill", [CH_EXEC] = "exec",
};

struct change {
	enum change_kind kind;
	int pid;			/* whose address space */
	unsigned long start, end;	/* the range (a VMA's, or the pages') */
	unsigned long vstart, vend;	/* split: the VMA the old one kept */
	unsigned long flags;		/* the VMA's vm_flags then (or mprotect's new ones) */
	long value;			/* merge case, PTEs zapped, child pid ... */
	unsigned long pages;		/* page changes merged into this one */
};

struct diff_cmd {
	char line[80];			/* the command as typed */
	int pid;			/* the current process when it ran */
	int n;				/* changes kept */
	unsigned long dropped;		/* changes past DIFF_CHANGES */
	struct change ch[DIFF_CHANGES];
};

struct vmsh_diff {
	struct diff_cmd cmds[DIFF_CMDS];	/* a ring */
	unsigned long ncmds;		/* commands kept so far (the newest is (ncmds-1) % DIFF_CMDS) */
	struct diff_cmd cur;		/* the command running */
	int running;
	int argc;			/* its words, put in cur.line at its first change */
	char **argv;
};

struct vmsh_diff *diff_new(void)
{
	return calloc(1, sizeof(struct vmsh_diff));
}

void diff_free(struct vmsh_diff *d)
{
	free(d);
}

/* set_line - the running command's words, joined, in cur.line (cut with ...) */
static void set_line(struct vmsh_diff *d)
{
	size_t o = 0, len, room = sizeof(d->cur.line) - 1;
	int i;

	for (i = 0; i < d->argc && o < room; i++) {
		if (i)
			d->cur.line[o++] = ' ';
		len = strlen(d->argv[i]);
		if (len > room - o)
			len = room - o;
		memcpy(d->cur.line + o, d->argv[i], len);
		o += len;
	}
	d->cur.line[o] = '\0';
	if (i < d->argc || o == room)
		memcpy(d->cur.line + room - 3, "...", 4);
}

/* diff_begin costs next to nothing: most commands change nothing, or the trace is off */
void diff_begin(struct vmsh_diff *d, int argc, char **argv, int pid)
{
	d->cur.n = 0;
	d->cur.dropped = 0;
	d->cur.pid = pid;
	d->argc = argc;
	d->argv = argv;
	d->running = 1;
}

void diff_end(struct vmsh_diff *d)
{
	if (!d->running)
		return;
	d->running = 0;
	if (!d->cur.n && !d->cur.dropped)
		return;
	memcpy(&d->cmds[d->ncmds % DIFF_CMDS], &d->cur,
	       offsetof(struct diff_cmd, ch) + (size_t)d->cur.n * sizeof(struct change));
	d->ncmds++;
}

unsigned long diff_event_mask(void)
{
	static const enum vm_event_type kept[] = {
		VM_EV_SPLIT, VM_EV_MERGE, VM_EV_INSERT, VM_EV_REMOVE, VM_EV_MPROTECT,
		VM_EV_MLOCK, VM_EV_MADVISE, VM_EV_UNMAP, VM_EV_FORK, VM_EV_EXIT, VM_EV_OOM,
		VM_EV_EXEC, VM_EV_COW, VM_EV_STEP,
	};
	unsigned long mask = 0;
	size_t i;

	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		mask |= 1UL << kept[i];
	return mask;
}

/* the kernel functions whose events diff tells apart by name */
enum func_id { F_OTHER, F_ANON, F_NOPAGE, F_COPY_RANGE, F_CHANGE_PROT, F_UNMAP_VMA,
	       F_DO_EXIT, F_OOM };

#define FUNC_CACHE 16

/*
 * func_of - which of those functions emitted ev. Names come as string
 * literals, the same pointer from one call site every time: a small
 * cache by pointer spares the string compares on every event (a fault
 * each page of a big touch).
 */
static enum func_id func_of(const struct vm_event *ev)
{
	static const char *ptr[FUNC_CACHE], *last;
	static enum func_id id[FUNC_CACHE], last_id;
	static unsigned int next;
	const char *f = ev->func;
	enum func_id r = F_OTHER;
	unsigned int i;

	if (f == last)		/* a run of page faults: the same function each time */
		return last_id;
	for (i = 0; i < FUNC_CACHE; i++)
		if (ptr[i] == f) {
			last = f;
			return last_id = id[i];
		}
	if (!f)
		return F_OTHER;
	if (strcmp(f, "do_anonymous_page") == 0)
		r = F_ANON;
	else if (strcmp(f, "do_no_page") == 0)
		r = F_NOPAGE;
	else if (strcmp(f, "copy_page_range") == 0)
		r = F_COPY_RANGE;
	else if (strcmp(f, "change_protection") == 0)
		r = F_CHANGE_PROT;
	else if (strcmp(f, "unmap_vma") == 0)
		r = F_UNMAP_VMA;
	else if (strcmp(f, "do_exit") == 0)
		r = F_DO_EXIT;
	else if (strcmp(f, "out_of_memory") == 0)
		r = F_OOM;
	ptr[next % FUNC_CACHE] = f;
	id[next % FUNC_CACHE] = r;
	next++;
	last = f;
	return last_id = r;
}

/* is_page_kind - is k a change of pages, merged with the next page's when contiguous? */
static int is_page_kind(int k)
{
	return k == CH_ZERO || k == CH_ANON || k == CH_FILE || k == CH_COPY || k == CH_REUSE;
}

/* event_kind - the change an event makes, or -1 when it changes nothing worth naming */
static int event_kind(const struct vm_event *ev)
{
	switch (ev->type) {
	case VM_EV_SPLIT:	return CH_SPLIT;
	case VM_EV_MERGE:	return CH_MERGE;
	case VM_EV_INSERT:	return CH_ADD;
	case VM_EV_REMOVE:	return CH_REMOVE;
	case VM_EV_MPROTECT:	return CH_PROTECT;
	case VM_EV_MLOCK:	return CH_LOCK;
	case VM_EV_MADVISE:	return CH_ADVISE;
	case VM_EV_UNMAP:	return func_of(ev) == F_UNMAP_VMA ? -1 : CH_ZAP;
	case VM_EV_FORK:	return CH_FORK;
	case VM_EV_EXIT:	return func_of(ev) == F_DO_EXIT ? CH_EXIT : CH_REAP;
	case VM_EV_OOM:		return func_of(ev) == F_OOM ? CH_OOM : -1;
	case VM_EV_EXEC:	return CH_EXEC;
	case VM_EV_COW:		return ev->end ? CH_COPY : CH_REUSE;
	case VM_EV_STEP:
		switch (func_of(ev)) {
		case F_COPY_RANGE:	return CH_FORK_COPY;
		case F_CHANGE_PROT:	return ev->value ? CH_REPROTECT : -1;
		case F_ANON:		return ev->end ? CH_ANON : CH_ZERO;
		case F_NOPAGE:		return CH_FILE;
		default:		return -1;
		}
	default:
		return -1;
	}
}

/* merges - does page event ev (kind k) continue change c? */
static int merges(const struct change *c, int k, const struct vm_event *ev)
{
	return (int)c->kind == k && c->pid == ev->pid && c->end == ev->start;
}

void diff_event(struct vmsh_diff *d, const struct vm_event *ev)
{
	int k, page;
	struct change *c;

	if (!d->running || (k = event_kind(ev)) < 0)
		return;
	page = is_page_kind(k);
	c = d->cur.n ? &d->cur.ch[d->cur.n - 1] : NULL;
	if (c && page && merges(c, k, ev)) {
		c->end += PAGE_SIZE;
		c->pages++;
		return;
	}
	if (d->cur.n == DIFF_CHANGES) {
		d->cur.dropped++;
		return;
	}
	if (!d->cur.n)
		set_line(d);
	c = &d->cur.ch[d->cur.n++];
	c->kind = (enum change_kind)k;
	c->pid = ev->pid;
	c->start = ev->start & (page ? PAGE_MASK : ~0UL);
	c->end = page ? c->start + PAGE_SIZE : ev->end;
	c->value = ev->value;
	c->pages = (unsigned long)page;
	c->vstart = ev->vma ? ev->vma->vm_start : 0;
	c->vend = ev->vma ? ev->vma->vm_end : 0;
	c->flags = ev->vma ? ev->vma->vm_flags : 0;
	if (k == CH_PROTECT)
		c->flags = (unsigned long)ev->value;
	if (k == CH_MERGE || k == CH_ADD)
		c->start = c->vstart, c->end = c->vend;
}

/* ---- in words ---- */

static const char *perms(unsigned long fl, char *buf)
{
	snprintf(buf, 5, "%c%c%c%c", fl & VM_READ ? 'r' : '-', fl & VM_WRITE ? 'w' : '-',
		 fl & VM_EXEC ? 'x' : '-', fl & VM_MAYSHARE ? 's' : 'p');
	return buf;
}

/* change_what - what a change did, after its range, in words */
static void change_what(const struct change *c, char *buf, size_t len)
{
	unsigned long lo = c->vstart < c->start ? c->vstart : c->start;
	unsigned long hi = c->vend > c->end ? c->vend : c->end;
	char p[8];

	switch (c->kind) {
	case CH_SPLIT:
		snprintf(buf, len, "split_vma of %08lx-%08lx, new_below=%ld", lo, hi, c->value);
		break;
	case CH_MERGE:	snprintf(buf, len, "vma_merge case %ld", c->value); break;
	case CH_ADD:	snprintf(buf, len, "%s, vma_link", perms(c->flags, p)); break;
	case CH_REMOVE:	snprintf(buf, len, "remove_vm_struct"); break;
	case CH_PROTECT: snprintf(buf, len, "now %s (mprotect_fixup)", perms(c->flags, p)); break;
	case CH_LOCK:	snprintf(buf, len, "%s", c->value ? "VM_LOCKED set" : "VM_LOCKED cleared"); break;
	case CH_ADVISE:	snprintf(buf, len, "new advice (madvise_vma)"); break;
	case CH_ZAP:
		snprintf(buf, len, "%ld PTE%s zapped, frames put (%s)", c->value,
			 c->value == 1 ? "" : "s", c->end >= TASK_SIZE ? "exit_mmap" : "unmap_region");
		break;
	case CH_ZERO:	snprintf(buf, len, "read fault: the zero page mapped read-only"); break;
	case CH_ANON:	snprintf(buf, len, "write fault: a zeroed frame each (do_anonymous_page)"); break;
	case CH_FILE:	snprintf(buf, len, "fault: from the page cache (do_no_page)"); break;
	case CH_COPY:	snprintf(buf, len, "copied to a new frame (do_wp_page)"); break;
	case CH_REUSE:	snprintf(buf, len, "write-enabled in place, the only mapping (do_wp_page)"); break;
	case CH_REPROTECT: snprintf(buf, len, "%ld PTE%s changed (change_protection)", c->value,
				    c->value == 1 ? "" : "s"); break;
	case CH_FORK_COPY:
		snprintf(buf, len, "copied to the child: %s", c->value ?
			 "PTEs copied (private writable ones write-protected: COW)" :
			 "no PTEs (faults fill them)");
		break;
	case CH_FORK:	snprintf(buf, len, "pid %ld", c->value); break;
	case CH_EXIT:	snprintf(buf, len, "pid %ld: its memory is gone, a zombie", c->value); break;
	case CH_REAP:	snprintf(buf, len, "pid %ld", c->value); break;
	case CH_OOM:	snprintf(buf, len, "pid %ld killed, out of memory", c->value); break;
	case CH_EXEC:	snprintf(buf, len, "a new address space"); break;
	}
}

/* has_range - is the change about a range of addresses? */
static int has_range(const struct change *c)
{
	return c->kind != CH_FORK && c->kind != CH_EXIT && c->kind != CH_REAP &&
	       c->kind != CH_OOM && c->kind != CH_EXEC;
}

static void print_change(FILE *f, const struct diff_cmd *cmd, const struct change *c)
{
	char what[160], head[64], *word, *save = NULL;
	const char *sep;
	struct wline w;

	snprintf(head, sizeof(head), "  %-9s", change_names[c->kind]);
	wl_begin(&w, f, 22);
	wl_put(&w, "", head);
	if (has_range(c) && c->end >= TASK_SIZE && c->start == 0)
		wl_put(&w, " ", "the whole space");
	else if (has_range(c))
		wl_printf(&w, " ", "%08lx-%08lx", c->start, c->end);
	if (c->pages > 1)
		wl_printf(&w, " ", "(%lu pages)", c->pages);
	if (c->pid != cmd->pid)
		wl_printf(&w, " ", "[pid %d]", c->pid);
	change_what(c, what, sizeof(what));
	/* word by word: a long explanation wraps between words */
	sep = has_range(c) || c->pid != cmd->pid ? "  " : " ";
	for (word = strtok_r(what, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		wl_put(&w, sep, word);
		sep = " ";
	}
	wl_end(&w);
}

/* nth_cmd - the i-th of the last n commands kept, oldest first; *n cut to what is kept */
static const struct diff_cmd *nth_cmd(const struct vmsh_diff *d, unsigned long *n, unsigned long i)
{
	unsigned long kept = d->ncmds < DIFF_CMDS ? d->ncmds : DIFF_CMDS;

	if (*n > kept)
		*n = kept;
	return &d->cmds[(d->ncmds - *n + i) % DIFF_CMDS];
}

void diff_print(FILE *f, const struct vmsh_diff *d, unsigned long n)
{
	const struct diff_cmd *cmd;
	unsigned long i;
	int k;

	if (!d->ncmds) {
		fputs("no command has changed an address space yet\n", f);
		return;
	}
	for (i = 0; i < n && (cmd = nth_cmd(d, &n, i)) && i < n; i++) {
		fprintf(f, "%s%s  (pid %d)\n", i ? "\n" : "", cmd->line, cmd->pid);
		for (k = 0; k < cmd->n; k++)
			print_change(f, cmd, &cmd->ch[k]);
		if (cmd->dropped)
			fprintf(f, "  ... and %lu more changes\n", cmd->dropped);
	}
}

static struct json_object *change_json(const struct change *c)
{
	struct json_object *o = json_object_new_object();
	char what[160];

	if (!o)
		return NULL;
	jset_str(o, "change", change_names[c->kind]);
	jset_int(o, "pid", c->pid);
	if (has_range(c)) {
		jset_int(o, "start", c->start);
		jset_int(o, "end", c->end);
	}
	if (c->pages)
		jset_int(o, "pages", c->pages);
	jset_int(o, "value", c->value);
	change_what(c, what, sizeof(what));
	jset_str(o, "what", what);
	return o;
}

struct json_object *diff_json(const struct vmsh_diff *d, unsigned long n)
{
	struct json_object *a = json_object_new_array(), *o, *ch;
	const struct diff_cmd *cmd;
	unsigned long i;
	int k;

	for (i = 0; a && d->ncmds && i < n && (cmd = nth_cmd(d, &n, i)) && i < n; i++) {
		o = json_object_new_object();
		jset_str(o, "command", cmd->line);
		jset_int(o, "pid", cmd->pid);
		ch = json_object_new_array();
		for (k = 0; ch && k < cmd->n; k++)
			json_object_array_add(ch, change_json(&cmd->ch[k]));
		json_object_object_add(o, "changes", ch);
		if (cmd->dropped)
			jset_int(o, "dropped", (long long)cmd->dropped);
		json_object_array_add(a, o);
	}
	return a;
}
