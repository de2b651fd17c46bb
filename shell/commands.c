/*
 * commands.c - dispatch: running words, lines and scripts through the
 * command table (cmdtable.c), and completion from it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vmcore.h"
#include "commands.h"
#include "repl.h"
#include "observer.h"
#include "vmlua.h"


/* ---- dispatch ---- */

void vmsh_init(struct vmsh *sh, struct machine *m)
{
	vmsh_context_init(sh, m);
	sh->commands = vmsh_commands();
}

void vmsh_fini(struct vmsh *sh)
{
	vmlua_close(sh);
	sh->trace = 0;
	vmsh_observer_update(sh);
}

/*
 * check_args - 0 when w has as many arguments as sh->cmd takes, none
 * holding a NUL byte (but the last of a CMD_BYTES command); else -1,
 * reported.
 */
static int check_args(struct vmsh *sh, const struct vmsh_words *w)
{
	const struct vmsh_command *c = sh->cmd;
	int i, nargs = w->argc - 1;
	int nchecked = (c->flags & CMD_BYTES) ? w->argc - 1 : w->argc;

	if (nargs < c->min_args || (c->max_args >= 0 && nargs > c->max_args))
		return vmsh_fail(sh, "usage: %s", c->usage);
	for (i = 1; i < nchecked; i++)
		if (vmsh_word_len(w, i) != strlen(w->argv[i]))
			return vmsh_usage_error(sh, "argument %d holds a NUL byte", i);
	return 0;
}

/*
 * vmsh_run_words - run command c with words w, the machine switched to
 * sh->pid's task around it (context_switch): the engine may free the task
 * it pointed at (a reaped zombie), the shell's pid stays. Returns 0, or -1
 * (reported).
 */
int vmsh_run_words(struct vmsh *sh, const struct vmsh_command *c, const struct vmsh_words *w)
{
	const struct vmsh_command *saved = sh->cmd;
	const struct vmsh_words *saved_words = sh->words;
	int rc = -1;

	context_switch(sh->m, vmsh_current(sh));
	sh->words = w;
	sh->cmd = c;
	memset(&sh->res, 0, sizeof(sh->res));
	if (check_args(sh, w) == 0 &&
	    (!(c->flags & CMD_NEEDS_MM) || vmsh_require_current(sh) == 0)) {
		vm_clear_error(sh->m);
		rc = c->fn(sh, w->argc, w->argv);
		if (rc)
			vmsh_mark_failed(sh);
	}
	context_switch(sh->m, vmsh_current(sh));
	sh->words = saved_words;
	sh->cmd = saved;
	return rc;
}

/*
 * run_command - look w up in the table and run it, then the Lua hooks for
 * the events it caused. Returns 0, or -1 (reported).
 */
static int run_command(struct vmsh *sh, const struct vmsh_words *w)
{
	const struct vmsh_command *c = vmsh_find_command(w->argv[0]), *saved = sh->cmd;
	char q[VMSH_QUOTE_BUF];
	int rc;

	if (!c || vmsh_word_len(w, 0) != strlen(w->argv[0])) {
		sh->cmd = NULL;
		memset(&sh->res, 0, sizeof(sh->res));
		rc = vmsh_fail(sh, "unknown command '%s' (try help)",
			       vmsh_quote_mem(q, sizeof(q), w->argv[0], vmsh_word_len(w, 0)));
		sh->cmd = saved;
		return rc;
	}
	rc = vmsh_run_words(sh, c, w);
	vmlua_drain(sh);
	return rc;
}

/* raw_names - the CMD_RAW commands' names, NULL-terminated, for parse_line_raw. */
static const char *const *raw_names(void)
{
	static const char *names[8];
	const struct vmsh_command *c;
	size_t n = 0;

	if (names[0])
		return names;
	for (c = vmsh_commands(); c->name && n + 1 < sizeof(names) / sizeof(names[0]); c++)
		if (c->flags & CMD_RAW)
			names[n++] = c->name;
	return names;
}

int vmsh_run_line(struct vmsh *sh, const char *line, size_t len)
{
	const struct vmsh_command *saved = sh->cmd;
	struct vmsh_line l = { 0, NULL };
	char why[200];
	int i, rc = 0;

	if (parse_line_raw(line, len, raw_names(), &l, why, sizeof(why)) < 0) {
		sh->cmd = NULL;
		if (sh->where.name)
			vmsh_fail(sh, "%s:%lu: %s", sh->where.name, sh->where.line, why);
		else
			vmsh_fail(sh, "%s", why);
		sh->cmd = saved;
		return -1;
	}
	for (i = 0; i < l.ncmds && !sh->stopping; i++)
		if (run_command(sh, &l.cmds[i]))
			rc = -1;
	vmsh_line_free(&l);
	return rc;
}

/* is_directory - fopen opens a directory; reading it then fails */
static int is_directory(FILE *f)
{
	struct stat st;

	return fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_lua(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && strcmp(path + n - 4, ".lua") == 0;
}

int vmsh_run_script(struct vmsh *sh, const char *path)
{
	struct vmsh_where saved = sh->where;
	char q[VMSH_QUOTE_BUF];
	FILE *f;
	int rc, err;

	vmsh_quote(q, sizeof(q), path);
	if (sh->sandbox)
		return vmsh_fail(sh, "EPERM: %s: no host files in the sandbox", q);
	if (sh->depth >= VMSH_SOURCE_MAX_DEPTH)
		return vmsh_fail(sh, "ELOOP: %s: scripts nested more than %d deep",
				 q, VMSH_SOURCE_MAX_DEPTH);
	f = fopen(path, "r");
	if (!f || is_directory(f)) {
		err = f ? EISDIR : errno;
		if (f)
			fclose(f);
		return vmsh_fail(sh, "%s: %s: %s", errno_name(err), q, strerror(err));
	}
	if (is_lua(path)) {	/* Lua reads it itself */
		fclose(f);
		f = NULL;
	}
	sh->depth++;
	sh->where.name = path;
	sh->where.line = 0;
	rc = f ? repl_run_stream(sh, f) : vmlua_run_file(sh, path);
	sh->where = saved;
	sh->depth--;
	if (f)
		fclose(f);
	return rc;
}

/* ---- completion ---- */

struct cands {			/* growing NULL-terminated list of candidates */
	char **v;
	size_t n, cap;
	const char *text;	/* the prefix every candidate must have */
};

/* cand_add - add s if it starts with the text being completed. */
static void cand_add(struct cands *c, const char *s)
{
	char **v;

	if (strncmp(s, c->text, strlen(c->text)) != 0)
		return;
	if (c->n + 2 > c->cap) {
		v = realloc(c->v, (c->cap ? c->cap * 2 : 16) * sizeof(*v));
		if (!v)
			return;
		c->v = v;
		c->cap = c->cap ? c->cap * 2 : 16;
	}
	c->v[c->n] = strdup(s);
	if (c->v[c->n])
		c->v[++c->n] = NULL;
}

static void cand_add_list(struct cands *c, const char *const *list)
{
	for (; list && *list; list++)
		cand_add(c, *list);
}

/*
 * cand_flags - mmap flags: the word is a comma list, of which readline may
 * pass only the part after the last comma (it breaks words at commas);
 * before[0..nbefore) is the rest of the word, from the line. Offers the
 * flags not in the list yet, only one of private and shared.
 */
static void cand_flags(struct cands *c, const char *before, size_t nbefore)
{
	const char *const *f;
	const char *last = strrchr(c->text, ',');
	int plen = last ? (int)(last - c->text) + 1 : 0;
	char buf[256], done[512];

	snprintf(done, sizeof(done), ",%.*s%.*s,", (int)nbefore, before, plen, c->text);
	for (f = mmap_flag_names(); *f; f++) {
		snprintf(buf, sizeof(buf), ",%s,", *f);
		if (strstr(done, buf))
			continue;
		if ((!strcmp(*f, "private") && strstr(done, ",shared,")) ||
		    (!strcmp(*f, "shared") && strstr(done, ",private,")))
			continue;
		snprintf(buf, sizeof(buf), "%.*s%s", plen, c->text, *f);
		cand_add(c, buf);
	}
}

static void cand_machine(struct vmsh *sh, struct cands *c, enum vmsh_complete kind)
{
	const struct task_struct *cur = vmsh_current(sh), *t;
	const struct vm_area_struct *vma;
	const struct inode *ino;
	char buf[32];

	if ((kind == VC_ADDR || kind == VC_ADDR_OR_DASH) && vmsh_task_alive(cur)) {
		for (vma = cur->mm->mmap; vma; vma = vma->vm_next) {
			snprintf(buf, sizeof(buf), "0x%08lx", vma->vm_start);
			cand_add(c, buf);
		}
	}
	if (kind == VC_PID) {
		for_each_process(sh->m, t) {
			snprintf(buf, sizeof(buf), "%d", t->pid);
			cand_add(c, buf);
		}
	}
	for (ino = kind == VC_VFILE ? sh->m->files : NULL; ino; ino = ino->i_next)
		if (ino->i_name)
			cand_add(c, ino->i_name);
}

/* cand_kind - candidates of kind; the word being completed began at line[wstart]. */
static void cand_kind(struct vmsh *sh, struct cands *c, enum vmsh_complete kind,
		      const char *line, int wstart, int start)
{
	static const char *const prots[] = { "---", "r--", "rw-", "rwx", "r-x",
		"-w-", "-wx", "--x", "none", NULL };
	static const char *const mremap[] = { "maymove", "fixed", NULL };
	static const char *const exec_kv[] = { "text=", "data=", "bss=", "stack=", NULL };
	static const char *const access[] = { "r", "w", "x", NULL };
	const struct vmsh_command *cmd;
	const struct vmsh_topic *topic;

	switch (kind) {
	case VC_ADDR_OR_DASH:
		cand_add(c, "-");
		/* fall through */
	case VC_ADDR: case VC_PID: case VC_VFILE:
		cand_machine(sh, c, kind);
		break;
	case VC_PROT:	cand_add_list(c, prots); break;
	case VC_FLAGS:	cand_flags(c, line + wstart, (size_t)(start - wstart)); break;
	case VC_ADVICE:	cand_add_list(c, advice_names()); break;
	case VC_MREMAP:	cand_add_list(c, mremap); break;
	case VC_SYSCTL:	cand_add_list(c, sysctl_names()); break;
	case VC_EXEC_KV: cand_add_list(c, exec_kv); break;
	case VC_ACCESS:	cand_add_list(c, access); break;
	case VC_TOPIC:
		for (cmd = vmsh_commands(); cmd->name; cmd++)
			cand_add(c, cmd->name);
		for (topic = vmsh_topics(); topic->name; topic++)
			cand_add(c, topic->name);
		break;
	default:
		break;
	}
}

/*
 * word_position - scan line up to start as the parser would (';' ends a
 * command, blanks end words, quotes group): the index of the word at start
 * within its command, its command name into name; -1 inside a comment.
 */
static int word_position(const char *line, int start, char *name, size_t nlen)
{
	int i, idx = 0, in_word = 0;
	char quote = 0;
	size_t o = 0;

	name[0] = '\0';
	for (i = 0; i < start && line[i]; i++) {
		char ch = line[i];

		if (quote) {
			quote = ch == quote ? 0 : quote;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '#') {
			return -1;
		} else if (ch == ';') {
			idx = 0, in_word = 0, o = 0, name[0] = '\0';
			continue;
		} else if (ch == ' ' || ch == '\t') {
			idx += in_word, in_word = 0;
			continue;
		}
		if (!in_word)
			in_word = 1;
		if (idx == 0 && o + 1 < nlen)
			name[o++] = ch, name[o] = '\0';
	}
	return idx;
}

char **vmsh_complete(struct vmsh *sh, const char *line, int start,
		     const char *text, int *how)
{
	struct cands c = { NULL, 0, 0, text };
	const struct vmsh_command *cmd;
	enum vmsh_complete kind;
	char name[32];
	int idx = word_position(line, start, name, sizeof(name)), wstart = start;

	*how = 0;
	if (idx == 0) {
		for (cmd = vmsh_commands(); cmd->name; cmd++)
			cand_add(&c, cmd->name);
		return c.v;
	}
	cmd = idx > 0 ? vmsh_find_command(name) : NULL;
	if (!cmd || idx > VMSH_MAX_COMP || (cmd->max_args >= 0 && idx > cmd->max_args))
		return NULL;
	kind = cmd->comp[idx - 1];
	if (kind == VC_PATH) {
		*how = VMSH_COMPLETE_PATH;
		return NULL;
	}
	if (kind == VC_FLAGS || kind == VC_EXEC_KV)
		*how = VMSH_COMPLETE_NOSPACE;
	while (wstart > 0 && !strchr(" \t;", line[wstart - 1]))
		wstart--;
	cand_kind(sh, &c, kind, line, wstart, start);
	return c.v;
}
