/*
 * cmd_view.c - the views of a whole process: dump (mm_struct, VMAs and
 * their pages), pmap (a line per VMA), both for PID or the current
 * process, and diff (what the last commands changed, from the engine's
 * events kept by diff.c). Nothing here changes the machine.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "vmcore.h"
#include "context.h"
#include "viewarg.h"
#include "dump_proc.h"
#include "jview.h"
#include "diff.h"
#include "cmd_dump.h"
#include "cmd_view.h"

/* dump_all - every process, or its document; a zombie has no memory to show */
static int dump_all(struct vmsh *sh, const struct view_args *va)
{
	struct json_object *a = NULL;
	struct task_struct *t;
	int rc = 0;

	if (va->json || sh->want_doc) {
		a = json_object_new_array();
		for_each_process(sh->m, t)
			if (a && t->mm)
				json_object_array_add(a, jview_dump(t, va->start, va->end));
		return view_emit(sh, a);
	}
	for_each_process(sh->m, t) {
		if (t != list_entry(sh->m->tasks.next, struct task_struct, tasks))
			fputs("\n\n", sh->out);
		if (!t->mm)
			fprintf(sh->out, "PID: %d  COMMAND: \"%s\"  exited: it holds no memory\n",
				t->pid, t->comm);
		else if (dump_process(sh->out, t, va->start, va->end))
			rc = vmsh_fail(sh, "ENOMEM: no memory to find who shares a page");
	}
	return rc;
}

/* cmd_dump - dump [PID|all] [ADDR|RANGE] [--json] */
int cmd_dump(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_ALL | VA_ADDR | VA_RANGE | VA_NEED_MM,
			    &va))
		return -1;
	if (!va.has_addr)
		va.start = va.end = 0;
	else if (!va.is_range)		/* ADDR: its page */
		va.start &= PAGE_MASK, va.end = va.start + PAGE_SIZE;
	if (va.all)
		return dump_all(sh, &va);
	if (va.json || sh->want_doc)
		return view_emit(sh, jview_dump(va.task, va.start, va.end));
	if (dump_process(sh->out, va.task, va.start, va.end))
		return vmsh_fail(sh, "ENOMEM: no memory to find who shares a page");
	return 0;
}

/* cmd_pmap - pmap [PID] [--json] */
int cmd_pmap(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_NEED_MM, &va))
		return -1;
	if (va.json || sh->want_doc)
		return view_emit(sh, jview_pmap(va.task));
	dump_pmap(sh->out, va.task);
	return 0;
}

/* cmd_diff - diff [N] [--json]: what the last N commands changed */
int cmd_diff(struct vmsh *sh, int argc, char **argv)
{
	unsigned long n = 1;
	int i, json = 0, has_n = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (has_n++)
			return vmsh_usage_error(sh, "unexpected '%s'", argv[i]);
		else if (vmsh_arg_number(sh, "N", argv[i], &n))
			return -1;
	}
	if (!n || n > DIFF_CMDS)
		return vmsh_usage_error(sh, "N is 1 to %d", DIFF_CMDS);
	if (!sh->diff)
		return vmsh_fail(sh, "no record of the commands is kept in this shell");
	if (json || sh->want_doc)
		return view_emit(sh, diff_json(sh->diff, n));
	diff_print(sh->out, sh->diff, n);
	return 0;
}
