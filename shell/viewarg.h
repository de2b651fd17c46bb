/*
 * viewarg.h - the arguments every view takes, by one rule: an optional
 * PID first, written in plain decimal; then an ADDR written as a number
 * (0x hex by habit: a plain decimal first word is a PID), or a RANGE
 * START-END or START+LEN; --json anywhere; for some views `all` or
 * KEY=VALUE filters. `help views` says it in words.
 */
#ifndef VMSH_VIEWARG_H
#define VMSH_VIEWARG_H

#include <stddef.h>

struct vmsh;
struct task_struct;

#define VA_PID		0x01	/* a PID may come first */
#define VA_ADDR		0x02	/* an ADDR may follow */
#define VA_RANGE	0x04	/* ... or a RANGE */
#define VA_NEED_ADDR	0x08	/* the ADDR is required (translate) */
#define VA_ALL		0x10	/* `all` may stand for the PID (dump) */
#define VA_FILTERS	0x20	/* KEY=VALUE words (frames) */
#define VA_NEED_MM	0x40	/* the process must have its memory (not a zombie) */
#define VA_ZOMBIE	0x80	/* a zombie shows what it still has (status) */
#define VA_NO_TASK	0x100	/* the view is of the machine: a PID only filters (frames) */

#define VIEWARG_MAX_FILTERS	4

struct view_args {
	struct task_struct *task;	/* the process shown: PID's, else the current one */
	int pid;			/* PID as given, else 0 */
	int all;			/* `all` was given */
	int has_addr;			/* an ADDR or a RANGE was given */
	int is_range;			/* a RANGE */
	unsigned long start, end;	/* ADDR: [ADDR, ADDR+1); RANGE: [START, END) */
	int json;			/* --json */
	int nfilters;
	char *filters[VIEWARG_MAX_FILTERS];	/* KEY=VALUE words, in order */
};

/*
 * view_args_parse - argv[1..argc) of a view by the rule above, as flags
 * allow. Returns 0, or -1 after reporting a usage error (naming the word
 * and, for a decimal that may have been meant as an address, how to
 * write it) or ESRCH (no such process; one without memory under
 * VA_NEED_MM; the current one exited, when no PID was given).
 */
int view_args_parse(struct vmsh *sh, int argc, char **argv, unsigned int flags,
		    struct view_args *va);

/* view_is_pid - is s a PID by the rule: plain decimal digits, nothing else? */
int view_is_pid(const char *s);

/* view_parse_range - START-END, START+LEN or ADDR into [*start, *end). 0, or -1 with why. */
int view_parse_range(const char *s, unsigned long *start, unsigned long *end, int *is_range,
		     char *why, size_t len);

#endif
