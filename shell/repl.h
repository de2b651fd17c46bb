/*
 * repl.h - reading commands: GNU Readline behind a small wrapper for the
 * terminal (prompt, history, completion, Ctrl-C), getline for everything
 * else. Both hand each line to vmsh_run_line, so scripts, pipes and typing
 * take the same path.
 */
#ifndef VMSH_REPL_H
#define VMSH_REPL_H

#include <stdio.h>

struct vmsh;

/*
 * repl_run_stream - run every line of f (any length, any bytes) with no
 * prompt and no echo, counting lines in sh->where.line, until EOF or
 * sh->stopping; sh->in is f meanwhile. Returns 0 when every line
 * succeeded, -1 otherwise.
 */
int repl_run_stream(struct vmsh *sh, FILE *f);

/*
 * repl_interactive - the terminal loop: prompt `vmsh[PID]> `, line editing,
 * history loaded from and saved to $VMSH_HISTORY (default ~/.vmsh_history;
 * empty: none), tab completion from the command table. Ends at EOF (Ctrl-D)
 * or sh->stopping. Returns 0 when every line succeeded, -1 otherwise.
 */
int repl_interactive(struct vmsh *sh);

#endif
