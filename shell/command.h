/*
 * command.h - what a command is: the shape of one entry of the command
 * table (cmdtable.c), which gives its handler, arity, usage, help,
 * argument completion and Lua argument kinds, so that dispatch, `help`,
 * usage errors, tab completion and the Lua binding never disagree.
 */
#ifndef VMSH_COMMAND_H
#define VMSH_COMMAND_H

struct vmsh;

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
	VC_ERRNAME,	/* error names a command may fail with (expect) */
	VC_COMMAND,	/* command names (expect) */
	VC_OPTION,	/* shell options and on, off (set) */
	VC_JSON,	/* --json */
	VC_PID_OR_ADDR,	/* a view's first word: pids, VMA starts, --json */
	VC_DUMP,	/* dump's first word: pids, all, VMA starts, --json */
	VC_FRAMES,	/* frames' words: pid= vma= kind=, pids, --json */
};

#define VMSH_MAX_COMP	6	/* completion kinds per command, by argument position */

#define CMD_NEEDS_MM	0x1	/* acts on the current process: ESRCH if it exited */
#define CMD_BYTES	0x2	/* its last argument may hold NUL bytes (sh->words) */
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
struct vmsh_command {
	const char *name;
	int (*fn)(struct vmsh *sh, int argc, char **argv);	/* 0, or -1 after printing why */
	int min_args, max_args;		/* not counting the name; max -1: any */
	unsigned int flags;		/* CMD_* */
	const char *usage;		/* "mmap ADDR|- LEN PROT FLAGS [FILE [OFFSET]]" */
	const char *summary;		/* one line, for `help` */
	const char *help;		/* the longer text, for `help CMD` */
	enum vmsh_complete comp[VMSH_MAX_COMP];	/* per argument */
	const char *args;		/* Lua argument kinds, above ("xx" for munmap) */
};

/* Another name of a command (`?` for help), kept beside the table. */
struct vmsh_alias {
	const char *alias, *name;
};

#endif
