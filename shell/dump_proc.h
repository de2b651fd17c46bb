/*
 * dump_proc.h - a whole process in one view: `dump` (the mm_struct, then
 * each vm_area_struct followed by its pages, in the style of crash's
 * vm -p) and `pmap` (one line per VMA, as pmap -x). Like dump.h, each
 * prints to a FILE* and changes nothing.
 */
#ifndef VMSH_DUMP_PROC_H
#define VMSH_DUMP_PROC_H

#include <stdio.h>

struct task_struct;

/*
 * dump_process - task t's mm_struct, then each VMA meeting [start, end)
 * (all of them when end is 0) and its present pages there, then the
 * totals. 0, or -ENOMEM (no memory to find who shares a page; what was
 * printed stays).
 */
int dump_process(FILE *f, struct task_struct *t, unsigned long start, unsigned long end);
/* dump_pmap - t's VMAs as pmap -x prints them, with Swap, and the totals */
void dump_pmap(FILE *f, struct task_struct *t);

#endif
