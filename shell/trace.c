/*
 * trace.c - the trace printer: engine events as indented lines. Every line
 * is an event's own text; the printer only indents and picks which LEAVE
 * values are worth a line.
 */
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"
#include "context.h"
#include "trace.h"

#define MAX_ERRNO	4095	/* return values -MAX_ERRNO..-1 are errors (IS_ERR_VALUE) */

/* Functions whose return value is a result to show, and how. */
static const struct {
	const char *func;
	int hex;		/* an address (else a pid) */
} shown_returns[] = {
	{ "do_mmap_pgoff", 1 },
	{ "do_mremap", 1 },
	{ "sys_brk", 1 },
	{ "do_fork", 0 },
	{ NULL, 0 }
};

/* trace_leave - `= -ERRNO` for an error, `= VALUE` for a shown result, else nothing. */
static void trace_leave(FILE *f, int indent, const struct vm_event *ev)
{
	int i;

	if (ev->value < 0 && ev->value >= -MAX_ERRNO) {
		fprintf(f, "%*s= -%s\n", indent, "", errno_name((int)-ev->value));
		return;
	}
	for (i = 0; shown_returns[i].func; i++) {
		if (strcmp(shown_returns[i].func, ev->func) != 0)
			continue;
		if (shown_returns[i].hex)
			fprintf(f, "%*s= 0x%08lx\n", indent, "", (unsigned long)ev->value);
		else
			fprintf(f, "%*s= %ld\n", indent, "", ev->value);
		return;
	}
}

/* names_itself - does the text start with "func(", a call written out in full? */
static int names_itself(const struct vm_event *ev)
{
	size_t n = strlen(ev->func);

	return strncmp(ev->text, ev->func, n) == 0 && ev->text[n] == '(';
}

void trace_event(struct vmsh *sh, const struct vm_event *ev)
{
	FILE *f = sh->trace_out ? sh->trace_out : sh->out;
	int indent = 2 * (ev->depth > 0 ? ev->depth : 0);

	switch (ev->type) {
	case VM_EV_ENTER:
		fprintf(f, "%*s%s\n", indent, "", ev->text);
		break;
	case VM_EV_LEAVE:
		trace_leave(f, indent, ev);
		break;
	default:
		if (names_itself(ev) || !ev->text[0])
			fprintf(f, "%*s%s\n", indent, "", ev->text[0] ? ev->text : ev->func);
		else
			fprintf(f, "%*s%s: %s\n", indent, "", ev->func, ev->text);
		break;
	}
}
