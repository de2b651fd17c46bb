/*
 * cmd_dump.c - the views: each command resolves the process it shows
 * (the current one, or PID) and hands its structures to a dump renderer
 * (dump.c, dump_mem.c, dump_pt.c). Nothing here changes the machine.
 */
#include <stdio.h>

#include "vmcore.h"
#include "context.h"
#include "dump.h"
#include "dump_mem.h"
#include "dump_pt.h"
#include "cmd_dump.h"

/* current_mm - the current process's address space (CMD_NEEDS_MM: it is alive) */
static struct mm_struct *current_mm(const struct vmsh *sh)
{
	return vmsh_current(sh)->mm;
}

/* cmd_maps - like reading /proc/PID/maps: an exited process shows nothing. */
int cmd_maps(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t = vmsh_task_or_current(sh, argc, argv, 0);

	if (!t)
		return -1;
	dump_maps(sh->out, t->mm);
	return 0;
}

/* cmd_smaps - like reading /proc/PID/smaps: a zombie shows nothing */
int cmd_smaps(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t = vmsh_task_or_current(sh, argc, argv, 0);

	if (!t)
		return -1;
	dump_smaps(sh->out, t->mm);
	return 0;
}

int cmd_status(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t = vmsh_task_or_current(sh, argc, argv, 1);

	if (!t)
		return -1;
	dump_status(sh->out, t);
	return 0;
}

int cmd_vma(struct vmsh *sh, int argc, char **argv)
{
	const struct vm_area_struct *vma, *next;
	unsigned long addr;

	if (argc == 1) {
		for (vma = current_mm(sh)->mmap; vma; vma = vma->vm_next) {
			dump_vma(sh->out, vma);
			if (vma->vm_next)
				fputc('\n', sh->out);
		}
		if (!current_mm(sh)->mmap)
			fputs("no VMAs\n", sh->out);
		return 0;
	}
	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr))
		return -1;
	vma = dump_lookup(current_mm(sh), addr, &next);
	if (vma)
		dump_vma(sh->out, vma);
	else if (next)
		fprintf(sh->out, "0x%08lx is in no VMA (the next one starts at 0x%08lx)\n",
			addr, next->vm_start);
	else
		fprintf(sh->out, "0x%08lx is in no VMA (none above it)\n", addr);
	return 0;
}

int cmd_mm(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dump_mm(sh->out, current_mm(sh));
	return 0;
}

int cmd_rb(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dump_rb(sh->out, current_mm(sh), sh->utf8);
	return 0;
}

int cmd_pt(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr = 0;

	if (argc > 1 && vmsh_arg_number(sh, "ADDR", argv[1], &addr))
		return -1;
	dump_pt(sh->out, current_mm(sh), argc > 1, addr);
	return 0;
}

int cmd_translate(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr;

	(void)argc;
	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr))
		return -1;
	dump_translate(sh->out, current_mm(sh), addr);
	return 0;
}

int cmd_frames(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (dump_frames(sh->out, sh->m))
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
