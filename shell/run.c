/*
 * run.c - running commands: words through the command table (arity,
 * the current process, the handler), lines through the parser, text line
 * by line, streams and script files, which `source`, vmsh FILE and the
 * Lua binding all use. What the extension (Lua) does after a command, and
 * .lua scripts, are reached through sh->ext.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vmcore.h"
#include "parse.h"
#include "context.h"
#include "diff.h"
#include "run.h"

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
 * run_command - look w up in sh's table (vmsh_resolve: a unique prefix
 * or an alias will do) and run it, then let the extension (the Lua hooks)
 * act on the events it caused. Returns 0, or -1 (reported).
 */
static int run_command(struct vmsh *sh, const struct vmsh_words *w)
{
	const struct vmsh_command *c, *saved = sh->cmd;
	char why[VMSH_QUOTE_BUF + 160];
	int rc;

	c = vmsh_resolve(sh, w->argv[0], vmsh_word_len(w, 0), why, sizeof(why));
	if (!c) {
		sh->cmd = NULL;
		memset(&sh->res, 0, sizeof(sh->res));
		rc = vmsh_fail(sh, "%s", why);
		sh->cmd = saved;
		return rc;
	}
	if (sh->diff)
		diff_begin(sh->diff, w->argc, w->argv, sh->pid);
	rc = vmsh_run_words(sh, c, w);
	if (sh->diff)
		diff_end(sh->diff);
	if (sh->ext && sh->ext->after_command)
		sh->ext->after_command(sh);
	return rc;
}

/*
 * raw_names - the CMD_RAW commands' names of table, NULL-terminated, for
 * parse_line_raw; worked out once per table (a shell has one).
 */
static const char *const *raw_names(const struct vmsh_command *table)
{
	static const struct vmsh_command *cached;
	static const char *names[8];
	const struct vmsh_command *c;
	size_t n = 0;

	if (table == cached)
		return names;
	for (c = table; c && c->name && n + 1 < sizeof(names) / sizeof(names[0]); c++)
		if (c->flags & CMD_RAW)
			names[n++] = c->name;
	names[n] = NULL;
	cached = table;
	return names;
}

int vmsh_run_line(struct vmsh *sh, const char *line, size_t len)
{
	const struct vmsh_command *saved = sh->cmd;
	struct vmsh_line l = { 0, NULL };
	char why[200];
	int i, rc = 0;

	if (parse_line_raw(line, len, raw_names(sh->commands), &l, why, sizeof(why)) < 0) {
		sh->cmd = NULL;
		vmsh_fail(sh, "%s", why);	/* FILE:LINE: first, as for any failure */
		sh->cmd = saved;
		return -1;
	}
	for (i = 0; i < l.ncmds && !sh->stopping; i++)
		if (run_command(sh, &l.cmds[i]))
			rc = -1;
	vmsh_line_free(&l);
	return rc;
}

/*
 * echo_line - with echo on (vmsh -x, set -x, source -x), the line about to
 * run, as sh -x shows it: a command line after "+ " ("++ " in a script
 * that an echoed source line runs, and so on), with its comment; a
 * comment or blank line as it is.
 */
static void echo_line(struct vmsh *sh, const char *line, size_t len)
{
	size_t i = 0;
	int d;

	if (!sh->echo)
		return;
	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
		i++;
	if (i < len && line[i] != '#')
		for (d = 0; d <= sh->sourced; d++)
			fputc('+', sh->out);
	if (i < len && line[i] != '#')
		fputc(' ', sh->out);
	fwrite(line, 1, len, sh->out);
	fputc('\n', sh->out);
}

int vmsh_run_lines(struct vmsh *sh, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;
	int rc = 0;

	while (p < end && !sh->stopping) {
		nl = memchr(p, '\n', (size_t)(end - p));
		echo_line(sh, p, (size_t)((nl ? nl : end) - p));
		if (vmsh_run_line(sh, p, (size_t)((nl ? nl : end) - p)))
			rc = -1;
		p = nl ? nl + 1 : end;
	}
	return rc;
}

int vmsh_run_stream(struct vmsh *sh, FILE *f)
{
	FILE *saved = sh->in;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	sh->in = f;		/* a Lua prompt (`lua` alone) reads its lines from f too */
	while (!sh->stopping && (n = getline(&line, &cap, f)) >= 0) {
		sh->where.line++;
		if (n && line[n - 1] == '\n')
			n--;		/* as readline gives a line: without its newline */
		echo_line(sh, line, (size_t)n);
		if (vmsh_run_line(sh, line, (size_t)n))
			rc = -1;
	}
	sh->in = saved;
	free(line);
	if (ferror(f) && !sh->stopping)
		rc = vmsh_fail(sh, "%s: read error", sh->where.name ? sh->where.name : "stdin");
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
	int rc, err, expecting = sh->expecting;

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
		if (!sh->ext || !sh->ext->run_file)
			return vmsh_fail(sh, "%s: no Lua in this shell", q);
	}
	sh->depth++;
	sh->where.name = path;
	sh->where.line = 0;
	sh->expecting = 0;	/* `expect ... source F`: F's own failures are F's */
	rc = f ? vmsh_run_stream(sh, f) : sh->ext->run_file(sh, path);
	sh->expecting = expecting;
	sh->where = saved;
	sh->depth--;
	if (f)
		fclose(f);
	return rc;
}
