/*
 * repl.h - the terminal: GNU Readline behind a small wrapper (prompt,
 * history, completion, Ctrl-C). Each line goes to vmsh_run_line, as
 * scripts and piped input do (vmsh_run_stream), so typing takes the same
 * path.
 */
#ifndef VMSH_REPL_H
#define VMSH_REPL_H

struct vmsh;

/*
 * repl_interactive - the terminal loop: prompt `vmsh[PID]> `, line editing,
 * history loaded from and saved to $VMSH_HISTORY (default ~/.vmsh_history;
 * empty: none), tab completion from the command table. Ends at EOF (Ctrl-D)
 * or sh->stopping. Returns 0 when every line succeeded, -1 otherwise.
 */
int repl_interactive(struct vmsh *sh);

#endif
