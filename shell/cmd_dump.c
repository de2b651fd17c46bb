/*
 * cmd_dump.c - the views: each command resolves the process it shows
 * (PID, else the current one: viewarg.c's rule) and hands its structures
 * to a dump renderer (dump.c, dump_mem.c, dump_pt.c), or with --json to
 * the document builder (jview.c, jpage.c) whose document the Lua binding
 * also takes. Nothing here changes the machine.
 */
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "context.h"
#include "dump.h"
#include "dump_mem.h"
#include "dump_pt.h"
#include "pagestate.h"
#include "viewarg.h"
#include "jview.h"
#include "cmd_dump.h"

int view_emit(struct vmsh *sh, struct json_object *doc)
{
	if (!doc)
		return vmsh_fail(sh, "ENOMEM: no memory for the JSON document");
	if (sh->want_doc) {
		jview_put(sh->doc);
		sh->doc = doc;
		return 0;
	}
	jview_print(sh->out, doc);
	jview_put(doc);
	return 0;
}

/* view_json - does this run build the document (--json, or for Lua)? */
static int view_json(const struct vmsh *sh, const struct view_args *va)
{
	return va->json || sh->want_doc;
}

/* cmd_maps - like reading /proc/PID/maps: an exited process shows nothing. */
int cmd_maps(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_PID, &va))
		return -1;
	if (view_json(sh, &va))
		return view_emit(sh, jview_maps(va.task->mm));
	dump_maps(sh->out, va.task->mm);
	return 0;
}

/* cmd_smaps - like reading /proc/PID/smaps: a zombie shows nothing */
int cmd_smaps(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_PID, &va))
		return -1;
	if (view_json(sh, &va))
		return view_emit(sh, jview_smaps(va.task->mm));
	dump_smaps(sh->out, va.task->mm);
	return 0;
}

int cmd_status(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_ZOMBIE, &va))
		return -1;
	if (view_json(sh, &va))
		return view_emit(sh, jview_status(va.task));
	dump_status(sh->out, va.task);
	return 0;
}

/* vma_all - every VMA of mm, a blank line between two, the footnote last */
static void vma_all(FILE *f, const struct mm_struct *mm)
{
	const struct vm_area_struct *vma;

	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		dump_vma(f, vma);
		if (vma->vm_next)
			fputc('\n', f);
	}
	if (!mm->mmap)
		fputs("no VMAs\n", f);
	else
		dump_later_note(f);
}

int cmd_vma(struct vmsh *sh, int argc, char **argv)
{
	const struct vm_area_struct *vma, *next;
	struct view_args va;
	struct mm_struct *mm;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_ADDR | VA_NEED_MM, &va))
		return -1;
	mm = va.task->mm;
	vma = va.has_addr ? dump_lookup(mm, va.start, &next) : NULL;
	if (view_json(sh, &va) && va.has_addr && !vma) {	/* JSON null, Lua nil */
		jview_put(sh->doc);
		sh->doc = NULL;
		if (!sh->want_doc)
			fputs("null\n", sh->out);
		return 0;
	}
	if (view_json(sh, &va))
		return view_emit(sh, va.has_addr ? jview_vma(vma) : jview_vmas(mm));
	if (!va.has_addr) {
		vma_all(sh->out, mm);
	} else if (vma) {
		dump_vma(sh->out, vma);
		dump_later_note(sh->out);
	} else if (next) {
		fprintf(sh->out, "0x%08lx is in no VMA (the next one starts at 0x%08lx)\n",
			va.start, next->vm_start);
	} else {
		fprintf(sh->out, "0x%08lx is in no VMA (none above it)\n", va.start);
	}
	return 0;
}

int cmd_mm(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_NEED_MM, &va))
		return -1;
	if (view_json(sh, &va))
		return view_emit(sh, jview_mm(va.task->pid, va.task->mm));
	dump_mm(sh->out, va.task->mm);
	return 0;
}

int cmd_rb(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_NEED_MM, &va))
		return -1;
	if (va.json)
		return vmsh_usage_error(sh, "rb draws a tree: vma --json gives its VMAs");
	dump_rb(sh->out, va.task->mm, sh->utf8);
	return 0;
}

int cmd_pt(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;
	struct mm_struct *mm;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_ADDR | VA_RANGE | VA_NEED_MM, &va))
		return -1;
	mm = va.task->mm;
	if (!va.is_range && va.has_addr) {	/* ADDR: the whole table over it */
		va.start &= PGDIR_MASK;
		va.end = va.start + PGDIR_SIZE;
	} else if (va.is_range) {		/* RANGE: the pages it touches */
		va.start &= PAGE_MASK;
		va.end = (va.end + PAGE_SIZE - 1) & PAGE_MASK;
	}
	if (view_json(sh, &va))
		return view_emit(sh, jview_pt(va.task->pid, mm, va.has_addr, va.start, va.end));
	dump_pt(sh->out, va.task->pid, mm, va.has_addr, va.start, va.end);
	return 0;
}

int cmd_translate(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_ADDR | VA_NEED_ADDR | VA_NEED_MM, &va))
		return -1;
	if (va.json)
		return vmsh_usage_error(sh, "translate has no --json: pt ADDR --json gives the PTE");
	dump_translate(sh->out, va.task->pid, va.task->mm, va.start);
	return 0;
}

/* frames_vma_filter - vma=ADDR: the VMA of the process shown holding ADDR. 0 or -1. */
static int frames_vma_filter(struct vmsh *sh, struct view_args *va, const char *s,
			     struct frames_filter *flt)
{
	const struct vm_area_struct *vma, *next;
	struct task_struct *t = va->task ? va->task : vmsh_current(sh);
	unsigned long addr;

	if (!vmsh_task_alive(t))
		return vmsh_require_current(sh);
	if (vmsh_arg_number(sh, "vma=ADDR", s, &addr))
		return -1;
	vma = dump_lookup(t->mm, addr, &next);
	if (!vma)
		return vmsh_fail(sh, "EINVAL: 0x%08lx is in no VMA of pid %d", addr, t->pid);
	flt->mm = t->mm;
	flt->vstart = vma->vm_start;
	flt->vend = vma->vm_end;
	return 0;
}

/* frames_filters - the KEY=VALUE words into flt. 0, or -1 reported. */
static int frames_filters(struct vmsh *sh, struct view_args *va, struct frames_filter *flt)
{
	unsigned long n;
	int i;

	*flt = (struct frames_filter){ .pid = va->pid, .kind = -1, .state = -1 };
	for (i = 0; i < va->nfilters; i++) {
		char *k = va->filters[i], *v = strchr(k, '=') + 1;

		if (strncmp(k, "pid=", 4) == 0) {
			if (vmsh_arg_number(sh, "pid=PID", v, &n))
				return -1;
			flt->pid = (int)(n < PID_MAX ? n : PID_MAX);
		} else if (strncmp(k, "vma=", 4) == 0) {
			if (frames_vma_filter(sh, va, v, flt))
				return -1;
		} else if (strncmp(k, "kind=", 5) == 0) {
			flt->kind = frames_kind_parse(v);
			flt->state = flt->kind < 0 ? page_state_parse(v) : -1;
			if (flt->kind < 0 && flt->state < 0)
				return vmsh_usage_error(sh, "kind=%s: a kind is zero, pgtable, anon, "
							"file, shmem, or a state: COW, wp, shared", v);
		} else {
			return vmsh_usage_error(sh, "%s: the filters are pid=, vma=, kind=", k);
		}
	}
	return 0;
}

int cmd_frames(struct vmsh *sh, int argc, char **argv)
{
	struct view_args va;
	struct frames_filter flt;

	if (view_args_parse(sh, argc, argv, VA_PID | VA_FILTERS | VA_NO_TASK | VA_ZOMBIE, &va) ||
	    frames_filters(sh, &va, &flt))
		return -1;
	if (view_json(sh, &va))
		return view_emit(sh, jview_frames(sh->m, &flt));
	if (dump_frames(sh->out, sh->m, &flt))
		return vmsh_fail(sh, "ENOMEM: no memory to index the frames");
	return 0;
}

int cmd_files(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dump_files(sh->out, sh->m);
	return 0;
}
