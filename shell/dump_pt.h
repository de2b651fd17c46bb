/*
 * dump_pt.h - the page directory and tables, one address's walk (crash's
 * vtop) and the frames, shown the kernel's way. Like dump.h, each prints
 * to a FILE* and changes nothing: no fault, no allocation in the machine,
 * no find_vma (mmap_cache stays).
 */
#ifndef VMSH_DUMP_PT_H
#define VMSH_DUMP_PT_H

#include <stdio.h>

struct machine;
struct mm_struct;

/* dump_pt - mm's page directory and the tables under it; only addr's when one is set. */
void dump_pt(FILE *f, struct mm_struct *mm, int one, unsigned long addr);
/* dump_translate - the walk of addr in mm, step by step, and what a touch would do. */
void dump_translate(FILE *f, struct mm_struct *mm, unsigned long addr);
/* dump_frames - every frame in use and who maps it. 0, or -ENOMEM (nothing printed). */
int dump_frames(FILE *f, const struct machine *m);

#endif
