/*
 * commands.h - the shell context and THE command table: one entry per
 * command gives its handler, arity, usage, help and argument completion,
 * so dispatch, `help`, usage errors and tab completion never disagree.
 */
#ifndef VMSH_COMMANDS_H
#define VMSH_COMMANDS_H

#include <stddef.h>
#include <stdio.h>

#include "parse.h"
#include "context.h"
#include "cmdtable.h"

#define VMSH_SOURCE_MAX_DEPTH	16	/* source nesting limit (ELOOP beyond) */

/* vmsh_init - a shell context over machine m, printing to stdout/stderr. */
void vmsh_init(struct vmsh *sh, struct machine *m);

/* vmsh_fini - close the Lua state and detach from the machine (which stays). */
void vmsh_fini(struct vmsh *sh);

/*
 * vmsh_run_words - run command c with the words w (w->argv[0] its name):
 * arity and current-process checks, then its handler. sh->res holds the
 * outcome afterwards. Returns 0, or -1 (reported, sh->status set). Lua
 * hooks are not run: the caller drains them (vmlua_drain) when its output
 * is in place.
 */
int vmsh_run_words(struct vmsh *sh, const struct vmsh_command *c, const struct vmsh_words *w);

/*
 * vmsh_run_line - parse line (len bytes, any bytes) and run its commands in
 * order, stopping early when sh->stopping is set. Returns 0 when every
 * command succeeded, -1 otherwise (the reason is already printed and
 * sh->status set).
 */
int vmsh_run_line(struct vmsh *sh, const char *line, size_t len);

/*
 * vmsh_run_script - run a command script file, as `source` does: a `.lua`
 * file runs as Lua (vmlua_run_file), nesting deeper than
 * VMSH_SOURCE_MAX_DEPTH is ELOOP. Messages name the running command, or
 * "vmsh" outside any. Returns 0 when the file was run and all its commands
 * succeeded, else -1 (sh->status set).
 */
int vmsh_run_script(struct vmsh *sh, const char *path);

#define VMSH_COMPLETE_PATH	0x1	/* complete host file names instead */
#define VMSH_COMPLETE_NOSPACE	0x2	/* the word may go on (comma lists, KEY=) */

/*
 * vmsh_complete - candidates for the word text that starts at offset start
 * of line (readline's rl_line_buffer): a malloc'd NULL-terminated array of
 * malloc'd strings, each beginning with text; NULL when none. *how gets
 * VMSH_COMPLETE_* hints.
 */
char **vmsh_complete(struct vmsh *sh, const char *line, int start,
		     const char *text, int *how);

#endif
