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

struct machine;
struct vmsh_command;
struct vmsh_lua;
struct task_struct;

#define VMSH_SANDBOX_READ	(64 * 1024)	/* read's limit in the sandbox */
#define VMSH_SOURCE_MAX_DEPTH	16	/* source nesting limit (ELOOP beyond) */

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

/* The shell context: the one piece of mutable shell state. */
struct vmsh {
	struct machine *m;		/* the simulated machine commands act on */
	FILE *out;			/* what commands print (stdout) */
	FILE *err;			/* where failures go (stderr) */
	const struct vmsh_command *cmd;	/* command being run, for its messages */
	struct vmsh_where where;	/* position of the line being run */
	int status;			/* 1 once any command failed */
	int stop_on_error;		/* -e: stop at the first failed command */
	int stopping;			/* quit, or -e after a failure: unwind */
	int depth;			/* source nesting depth */
	int utf8;			/* box drawing in `rb` (else ASCII) */
	FILE *in;			/* script being read (repl_run_stream), else NULL */
	int trace;			/* `trace on`: engine events printed (trace.c) */
	FILE *trace_out;		/* where trace lines go; NULL: out */
	struct vmsh_lua *lua;		/* Lua state, made at first use (vmlua.c) */
	int sandbox;			/* fuzzing: no host files (source, Lua's io, os,
					   package, debug, dofile, loadfile, require) and
					   read at most VMSH_SANDBOX_READ bytes */
	unsigned long long lua_max_instructions;	/* per top-level Lua run; 0: none */
	size_t lua_max_memory;		/* bytes the Lua state may hold; 0: no cap */
	struct vmsh_result res;		/* outcome of the last command */
	int pid;			/* the current process: commands act on it. The
					   shell keeps the pid, not the task: a reaped task
					   is gone, and m->current is set from this before
					   each command */
	const struct vmsh_words *words;	/* the command being run (word lengths) */
};

#define VMSH_LUA_MAX_INSTRUCTIONS	1000000000ULL
#define VMSH_LUA_MAX_MEMORY		((size_t)256 << 20)

/* Completion kinds, one per argument position of a command. */
enum vmsh_complete {
	VC_NONE = 0,	/* nothing to offer (numbers) */
	VC_ADDR,	/* VMA start addresses of the current process */
	VC_ADDR_OR_DASH,	/* the same, or "-" */
	VC_PROT,	/* rwx-style protections, none */
	VC_FLAGS,	/* mmap flags, comma-separated */
	VC_ADVICE,	/* madvise advice */
	VC_MREMAP,	/* maymove, fixed */
	VC_PID,		/* pids of the machine's processes */
	VC_VFILE,	/* names of the machine's files */
	VC_PATH,	/* host file names (source) */
	VC_SYSCTL,	/* sysctl names */
	VC_TOPIC,	/* help topics: commands and subjects */
	VC_EXEC_KV,	/* text= data= bss= stack= */
	VC_ACCESS,	/* touch modes: r, w, x */
};

#define VMSH_MAX_COMP	6	/* completion kinds per command, by argument position */

#define CMD_NEEDS_MM	0x1	/* acts on the current process: ESRCH if it exited */
#define CMD_NO_LUA	0x10	/* no vm.NAME function (help, quit, source, lua) */
#define CMD_RAW		0x20	/* the rest of the line is its one argument, verbatim */

/*
 * Argument kinds for the Lua binding (vmsh_command.args), one letter per
 * argument, each turned into the command word the handler parses:
 *   x  integer >= 0, written in hex (addresses, lengths)
 *   a  the same, or nil for "-" (mmap's ADDR)
 *   n  integer, written in decimal (pids, codes)
 *   s  string (a number is converted, as Lua does)
 *   v  integer or string
 * '?' after a letter: optional; nil there and after it ends the arguments.
 * '*' after a letter: any number of them, to the end. NULL means "v*".
 */
#define CMD_BYTES	0x2	/* its last argument may hold NUL bytes (sh->words) */

struct vmsh_command {
	const char *name;
	int (*fn)(struct vmsh *sh, int argc, char **argv);	/* 0, or -1 after printing why */
	int min_args, max_args;		/* not counting the name; max -1: any */
	unsigned int flags;		/* CMD_NEEDS_MM */
	const char *usage;		/* "mmap ADDR|- LEN PROT FLAGS [FILE [OFFSET]]" */
	const char *summary;		/* one line, for `help` */
	const char *help;		/* the longer text, for `help CMD` */
	enum vmsh_complete comp[VMSH_MAX_COMP];	/* per argument */
	const char *args;		/* Lua argument kinds, above ("xx" for munmap) */
};

/* vmsh_init - a shell context over machine m, printing to stdout/stderr. */
void vmsh_init(struct vmsh *sh, struct machine *m);

/* vmsh_fini - close the Lua state and detach from the machine (which stays). */
void vmsh_fini(struct vmsh *sh);

/* vmsh_find_command - the table entry named name, or NULL. */
const struct vmsh_command *vmsh_find_command(const char *name);

/* vmsh_commands - the whole table, ended by an entry with a NULL name. */
const struct vmsh_command *vmsh_commands(void);

/*
 * vmsh_run_words - run command c with the words w (w->argv[0] its name):
 * arity and current-process checks, then its handler. sh->res holds the
 * outcome afterwards. Returns 0, or -1 (reported, sh->status set). Lua
 * hooks are not run: the caller drains them (vmlua_drain) when its output
 * is in place.
 */
int vmsh_run_words(struct vmsh *sh, const struct vmsh_command *c, const struct vmsh_words *w);

/* vmsh_set_result - the value a command leaves for Lua (vm.mmap's address). */
void vmsh_set_result(struct vmsh *sh, long value);

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

/*
 * vmsh_fail - print "CMD: fmt..." on sh->err (after flushing sh->out), set
 * sh->status and, under -e, sh->stopping. Returns -1. The first failure of
 * a command is kept in sh->res: "usage: ..." as a usage error, a leading
 * upper-case word ("ESRCH: why", "SIGSEGV at ...") as its errname.
 */
int vmsh_fail(struct vmsh *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* vmsh_fail_as - vmsh_fail under another name than the running command's. */
int vmsh_fail_as(struct vmsh *sh, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- for the handlers (commands.c, cmd_paging.c) ---- */

/* vmsh_usage_error - "CMD: usage: USAGE: reason". Returns -1. */
int vmsh_usage_error(struct vmsh *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* vmsh_sys_error - "CMD: ERRNAME: explanation" for an engine call that returned err < 0. -1. */
int vmsh_sys_error(struct vmsh *sh, long err);
/* vmsh_arg_number - parse argument s (named what in messages). 0, or -1 reported. */
int vmsh_arg_number(struct vmsh *sh, const char *what, const char *s, unsigned long *v);
/* vmsh_arg_task - the process s names (zombies too); NULL with ESRCH reported. */
struct task_struct *vmsh_arg_task(struct vmsh *sh, const char *s);
/* vmsh_task_alive - can commands act on t (running, with an mm)? */
int vmsh_task_alive(const struct task_struct *t);
/* vmsh_current - the current process's task (NULL once reaped), zombie or not. */
struct task_struct *vmsh_current(const struct vmsh *sh);
/* vmsh_require_current - 0 if the current process is alive, else ESRCH reported. */
int vmsh_require_current(struct vmsh *sh);
/* vmsh_quote - s made safe for a one-line message (\xHH, cut), into dst. */
const char *vmsh_quote(char *dst, size_t dlen, const char *s);
const char *vmsh_quote_mem(char *dst, size_t dlen, const char *s, size_t len);

#define VMSH_QUOTE_BUF	(48 * 4 + 8)	/* room for vmsh_quote */

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
