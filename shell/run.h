/*
 * run.h - running commands (run.c): words, lines, text, streams and
 * script files, all through the table of the shell (sh->commands), so
 * that `source`, vmsh FILE, -c, the terminal, piped input and the Lua
 * binding take the same path.
 */
#ifndef VMSH_RUN_H
#define VMSH_RUN_H

#include <stddef.h>
#include <stdio.h>

struct vmsh;
struct vmsh_command;
struct vmsh_words;

#define VMSH_SOURCE_MAX_DEPTH	16	/* source nesting limit (ELOOP beyond) */

/*
 * vmsh_run_words - run command c with the words w (w->argv[0] its name):
 * arity and current-process checks, then its handler. sh->res holds the
 * outcome afterwards. Returns 0, or -1 (reported, sh->status set). The
 * extension's after_command (the Lua hooks) does not run: the caller
 * runs it when its output is in place.
 */
int vmsh_run_words(struct vmsh *sh, const struct vmsh_command *c, const struct vmsh_words *w);

/*
 * vmsh_run_line - parse line (len bytes, any bytes) and run its commands in
 * order, each followed by the extension's after_command, stopping early
 * when sh->stopping is set. Returns 0 when every command succeeded, -1
 * otherwise (the reason is already printed and sh->status set).
 */
int vmsh_run_line(struct vmsh *sh, const char *line, size_t len);

/*
 * vmsh_run_lines - each line of text (len bytes, split at '\n') through
 * vmsh_run_line, as -c does, printed first with echo on (sh->echo). 0
 * when every command succeeded, else -1.
 */
int vmsh_run_lines(struct vmsh *sh, const char *text, size_t len);

/*
 * vmsh_run_stream - run every line of f (any length, any bytes) with no
 * prompt, counting lines in sh->where.line, until EOF or sh->stopping;
 * sh->in is f meanwhile. With echo on (sh->echo: vmsh -x, set -x, source
 * -x) each line is printed before it runs, a command after "+ " ("++ "
 * in a script sourced from a script ...), a comment or blank line as it
 * is. Returns 0 when every line succeeded, -1 otherwise.
 */
int vmsh_run_stream(struct vmsh *sh, FILE *f);

/*
 * vmsh_run_script - run a command script file, as `source` does: a `.lua`
 * file runs as Lua (the extension's run_file), nesting deeper than
 * VMSH_SOURCE_MAX_DEPTH is ELOOP. Messages name the running command, or
 * "vmsh" outside any. Returns 0 when the file was run and all its commands
 * succeeded, else -1 (sh->status set).
 */
int vmsh_run_script(struct vmsh *sh, const char *path);

#endif
