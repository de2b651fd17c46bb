/*
 * viewarg.c - the views' arguments by one rule (viewarg.h): PID in plain
 * decimal first, then ADDR or RANGE, --json anywhere, `all` and KEY=VALUE
 * where a view takes them.
 */
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"
#include "context.h"
#include "viewarg.h"

int view_is_pid(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

int view_parse_range(const char *s, unsigned long *start, unsigned long *end, int *is_range,
		     char *why, size_t len)
{
	const char *sep = strpbrk(s + (*s != 0), "-+");
	char head[64];
	unsigned long a, b;

	*is_range = sep != NULL;
	if (!sep) {
		if (parse_number(s, &a, why, len))
			return -1;
		*start = a;
		*end = a + 1;
		return 0;
	}
	if ((size_t)(sep - s) >= sizeof(head))
		return snprintf(why, len, "'%.40s...' is too long", s), -1;
	memcpy(head, s, (size_t)(sep - s));
	head[sep - s] = '\0';
	if (parse_number(head, &a, why, len) || parse_number(sep + 1, &b, why, len))
		return -1;
	if (*sep == '+')
		b = a + b;
	if (b <= a || b > 0x100000000UL)
		return snprintf(why, len, "empty or reversed range %s", s), -1;
	*start = a;
	*end = b;
	return 0;
}

/* take_json - drop every --json word from argv, setting va->json. Returns the new argc. */
static int take_json(int argc, char **argv, struct view_args *va)
{
	int i, n = 1;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			va->json = 1;
		else
			argv[n++] = argv[i];
	}
	return n;
}

/* take_task - the process: PID's, else the current one; checked as flags ask. 0 or -1. */
static int take_task(struct vmsh *sh, unsigned int flags, struct view_args *va)
{
	struct task_struct *t = va->pid ? find_task_by_pid(sh->m, va->pid) : vmsh_current(sh);

	if (va->all || (flags & VA_NO_TASK && !va->pid))
		return 0;
	if (va->pid && !t && (flags & VA_ADDR))
		return vmsh_fail(sh, "ESRCH: no process %d (a plain decimal first word is a "
				 "PID; write an address in hex: 0x%x)", va->pid, va->pid);
	if (va->pid && !t)
		return vmsh_fail(sh, "ESRCH: no process %d", va->pid);
	if (!va->pid && !vmsh_task_alive(t) && !(t && (flags & VA_ZOMBIE)))
		return vmsh_require_current(sh);
	if (va->pid && (flags & VA_NEED_MM) && !t->mm)
		return vmsh_fail(sh, "ESRCH: process %d has exited (its memory is gone)", va->pid);
	va->task = t;
	return 0;
}

/* take_addr - word w as ADDR or RANGE. 0, or -1 reported. */
static int take_addr(struct vmsh *sh, const char *w, unsigned int flags, struct view_args *va)
{
	char why[200];

	if (view_parse_range(w, &va->start, &va->end, &va->is_range, why, sizeof(why)))
		return vmsh_usage_error(sh, "bad %s: %s", flags & VA_RANGE ? "ADDR or RANGE" :
					"ADDR", why);
	if (va->is_range && !(flags & VA_RANGE))
		return vmsh_usage_error(sh, "%s: this view takes one ADDR, not a RANGE", w);
	va->has_addr = 1;
	return 0;
}

int view_args_parse(struct vmsh *sh, int argc, char **argv, unsigned int flags,
		    struct view_args *va)
{
	unsigned long pid;
	int i = 1;

	memset(va, 0, sizeof(*va));
	argc = take_json(argc, argv, va);
	if (i < argc && (flags & VA_ALL) && strcmp(argv[i], "all") == 0)
		va->all = 1, i++;
	else if (i < argc && (flags & VA_PID) &&
		 (view_is_pid(argv[i]) || (!(flags & VA_ADDR) && !strchr(argv[i], '=')))) {
		/* with no ADDR to take, any number is the PID (maps 0x2), else a bad PID */
		if (vmsh_arg_number(sh, "PID", argv[i], &pid))
			return -1;
		if (pid == 0 || pid >= PID_MAX)
			return vmsh_fail(sh, "ESRCH: no process %lu", pid);
		va->pid = (int)pid;
		i++;
	}
	if (i < argc && (flags & VA_ADDR) && !strchr(argv[i], '=')) {
		if (take_addr(sh, argv[i++], flags, va))
			return -1;
	}
	for (; i < argc && (flags & VA_FILTERS) && strchr(argv[i], '='); i++) {
		if (va->nfilters == VIEWARG_MAX_FILTERS)
			return vmsh_usage_error(sh, "at most %d filters", VIEWARG_MAX_FILTERS);
		va->filters[va->nfilters++] = argv[i];
	}
	if (i < argc)
		return vmsh_usage_error(sh, "unexpected '%s'", argv[i]);
	if ((flags & VA_NEED_ADDR) && !va->has_addr) {
		if (va->pid)
			return vmsh_usage_error(sh, "ADDR missing (%d, plain decimal, is a PID: "
						"write an address in hex, 0x%x)", va->pid, va->pid);
		return vmsh_usage_error(sh, "ADDR missing");
	}
	return take_task(sh, flags, va);
}
