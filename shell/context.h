/*
 * context.h - the shell context, struct vmsh: the one piece of mutable
 * shell state, and what every command handler uses with it: messages
 * (vmsh_fail, vmsh_usage_error, vmsh_sys_error), quoting, argument
 * helpers and the current process. The layers above the commands (the
 * Lua binding) plug in through struct vmsh_ext, so that nothing here or
 * in the commands includes them.
 */
#ifndef VMSH_CONTEXT_H
#define VMSH_CONTEXT_H

#include <stddef.h>
#include <stdio.h>

#include "command.h"

struct machine;
struct task_struct;
struct vm_event;
struct vmsh_lua;
struct vmsh_words;
struct json_object;
struct vmsh_diff;

#define VMSH_SANDBOX_READ	(64 * 1024)	/* read's limit in the sandbox */
#define VMSH_LUA_MAX_INSTRUCTIONS	1000000000ULL
#define VMSH_LUA_MAX_MEMORY		((size_t)256 << 20)

/* Where the line being run comes from, for messages about the line itself. */
struct vmsh_where {
	const char *name;		/* script file name, or NULL (stdin, -c) */
	unsigned long line;		/* line number in it, from 1 */
};

/*
 * What the last command left for its caller (the Lua binding returns it as
 * values instead of parsing text): the value it printed, or why it failed.
 */
struct vmsh_result {
	long value;			/* address, pid ... (vmsh_set_result) */
	int has_value;
	int failed;			/* the first failure of the command: */
	int usage;			/* a usage error (the Lua binding raises it) */
	char errname[16];		/* "EINVAL", "ESRCH", "SIGSEGV"; "ERROR" if none */
	char why[320];			/* the explanation, one line */
};

/*
 * struct vmsh_ext - what a layer above the commands plugs into the shell
 * (the Lua binding: vmlua_attach), so that the layers below call up
 * without including it, as Lua's core does not know lua.c. Any member
 * may be NULL; sh->ext itself may be NULL (no extension: `lua` and .lua
 * files fail, nothing runs after a command).
 */
struct vmsh_ext {
	int (*command)(struct vmsh *sh, int argc, char **argv);	/* the `lua` command */
	int (*run_file)(struct vmsh *sh, const char *path);	/* a .lua script: 0, or -1 reported */
	void (*after_command)(struct vmsh *sh);		/* run what a command's events triggered */
	int (*wants_events)(const struct vmsh *sh);	/* must the observer be attached for it? */
	void (*event)(struct vmsh *sh, const struct vm_event *ev);	/* an engine event, as it comes */
	void (*close)(struct vmsh *sh);			/* vmsh_fini: let go of everything */
	char **(*complete)(struct vmsh *sh, const char *text);	/* Lua code being typed: vm.
							   names (malloc'd, NULL-terminated) */
};

/* The shell context: the one piece of mutable shell state. */
struct vmsh {
	struct machine *m;		/* the simulated machine commands act on */
	const struct vmsh_command *commands;	/* the table run_line dispatches on (vmsh_init) */
	const struct vmsh_alias *aliases;	/* other names of its commands, or NULL */
	const struct vmsh_ext *ext;	/* the extension plugged in (vmsh_init), or NULL */
	FILE *out;			/* what commands print (stdout) */
	FILE *err;			/* where failures go (stderr) */
	const struct vmsh_command *cmd;	/* command being run, for its messages */
	struct vmsh_where where;	/* position of the line being run */
	int status;			/* 1 once any command failed */
	int stop_on_error;		/* -e, set -e: stop at the first failed command */
	int echo;			/* -x, set -x, source -x: print each script line
					   before it runs (run.c) */
	int sourced;			/* sources run with echo on: echo's + count - 1 */
	int expecting;			/* inside `expect`: a failure is reported
					   without FILE:LINE and fails nothing */
	int stopping;			/* quit, or -e after a failure: unwind */
	int depth;			/* source nesting depth */
	int utf8;			/* box drawing in `rb` (else ASCII) */
	FILE *in;			/* script being read (vmsh_run_stream), else NULL */
	int trace;			/* `trace on`: engine events printed (trace.c) */
	FILE *trace_out;		/* where trace lines go; NULL: out */
	struct vmsh_lua *lua;		/* the Lua binding's state (vmlua.c), made at first use */
	int sandbox;			/* fuzzing: no host files (source, Lua's io, os,
					   package, debug, dofile, loadfile, require) and
					   read at most VMSH_SANDBOX_READ bytes */
	unsigned long long lua_max_instructions;	/* per top-level Lua run; 0: none */
	size_t lua_max_memory;		/* bytes the Lua state may hold; 0: no cap */
	struct vmsh_result res;		/* outcome of the last command */
	int pid;			/* the current process: commands act on it. The
					   shell keeps the pid, not the task: a reaped task
					   is gone, and the machine is switched to this one
					   before each command */
	const struct vmsh_words *words;	/* the command being run (word lengths) */
	int want_doc;			/* views leave their JSON document in doc instead
					   of printing (the Lua binding's tables) */
	struct json_object *doc;	/* that document; the taker puts it */
	struct vmsh_diff *diff;		/* what the last commands changed (diff.c), or NULL */
};

/*
 * vmsh_context_init - a context over machine m printing to stdout/stderr,
 * its current process m's: no command table and no extension yet
 * (vmsh_init in vmsh.c plugs them in).
 */
void vmsh_context_init(struct vmsh *sh, struct machine *m);

/* vmsh_lookup - the command named name in sh's table, or NULL. */
const struct vmsh_command *vmsh_lookup(const struct vmsh *sh, const char *name);

/*
 * vmsh_resolve - the command name (len bytes) stands for, as a user types
 * it: its exact name, an alias (? and h for help), or the one command
 * whose name it begins (mpr for mprotect). NULL when there is none, with
 * why (at most whylen bytes) holding "unknown command 'X' (did you mean
 * Y?)" or "'X' is ambiguous: A B C".
 */
const struct vmsh_command *vmsh_resolve(const struct vmsh *sh, const char *name, size_t len,
					char *why, size_t whylen);

/* ---- messages ---- */

/*
 * vmsh_fail - print "CMD: fmt..." on sh->err (after flushing sh->out), set
 * sh->status and, under -e, sh->stopping. A line of a script is named
 * first, "FILE:LINE: CMD: ...". Returns -1. The first failure of a
 * command is kept in sh->res: "usage: ..." as a usage error, a leading
 * upper-case word ("ESRCH: why", "SIGSEGV at ...") as its errname. Inside
 * `expect` (sh->expecting) the line is printed without FILE:LINE and
 * neither sh->status nor sh->stopping changes: `expect` judges.
 */
int vmsh_fail(struct vmsh *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* vmsh_fail_as - vmsh_fail under another name than the running command's. */
int vmsh_fail_as(struct vmsh *sh, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* vmsh_mark_failed - a command failed: sh->status 1 and, under -e, sh->stopping. */
void vmsh_mark_failed(struct vmsh *sh);
/* vmsh_usage_error - "CMD: usage: USAGE: reason". Returns -1. */
int vmsh_usage_error(struct vmsh *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* vmsh_sys_error - "CMD: ERRNAME: explanation" for an engine call that returned err < 0. -1. */
int vmsh_sys_error(struct vmsh *sh, long err);
/* vmsh_check - 0 for an engine call that returned ret >= 0, else vmsh_sys_error's -1. */
int vmsh_check(struct vmsh *sh, long ret);
/* vmsh_signal_name - "SIGSEGV", "SIGBUS", "SIGKILL", else "signal N" in buf. */
const char *vmsh_signal_name(int sig, char *buf, size_t len);
/*
 * vmsh_set_failure - name the command's failure errname ("SIGKILL") with
 * the explanation why, for Lua and `expect`, before the message that
 * reports it (which would otherwise name it from its first word).
 */
void vmsh_set_failure(struct vmsh *sh, const char *errname, const char *why);
/* vmsh_set_result - the value a command leaves for Lua (vm.mmap's address). */
void vmsh_set_result(struct vmsh *sh, long value);

#define VMSH_QUOTE_BUF	(48 * 4 + 8)	/* room for vmsh_quote */

/* vmsh_quote - s made safe for a one-line message (\xHH, cut), into dst. */
const char *vmsh_quote(char *dst, size_t dlen, const char *s);
/* vmsh_quote_mem - vmsh_quote of len bytes that may hold NUL. */
const char *vmsh_quote_mem(char *dst, size_t dlen, const char *s, size_t len);

/* ---- arguments and the current process ---- */

/* vmsh_arg_number - parse argument s (named what in messages). 0, or -1 reported. */
int vmsh_arg_number(struct vmsh *sh, const char *what, const char *s, unsigned long *v);
/* vmsh_arg_range - argv[1] ADDR and argv[2] LEN. 0, or -1 reported. */
int vmsh_arg_range(struct vmsh *sh, char **argv, unsigned long *addr, unsigned long *len);
/* vmsh_arg_prot - s as PROT. 0, or -1 reported. */
int vmsh_arg_prot(struct vmsh *sh, const char *s, unsigned long *prot);
/* vmsh_arg_task - the process s names (zombies too); NULL with ESRCH reported. */
struct task_struct *vmsh_arg_task(struct vmsh *sh, const char *s);
/*
 * vmsh_task_or_current - argv[1]'s process when given (zombies too), else
 * the current one: alive, or (zombie_ok) at least not reaped. NULL after
 * reporting ESRCH.
 */
struct task_struct *vmsh_task_or_current(struct vmsh *sh, int argc, char **argv, int zombie_ok);
/* vmsh_task_alive - can commands act on t (running, with an mm)? */
int vmsh_task_alive(const struct task_struct *t);
/* vmsh_current - the current process's task (NULL once reaped), zombie or not. */
struct task_struct *vmsh_current(const struct vmsh *sh);
/* vmsh_require_current - 0 if the current process is alive, else ESRCH reported. */
int vmsh_require_current(struct vmsh *sh);

#endif
