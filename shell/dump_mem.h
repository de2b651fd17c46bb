/*
 * dump_mem.h - the machine's memory shown the kernel's way: bytes in
 * hexdump -C's layout, /proc/PID/smaps and /proc/PID/status. Like dump.h,
 * each prints to a FILE* and changes nothing: no fault, no allocation in
 * the machine, no find_vma (mmap_cache stays).
 */
#ifndef VMSH_DUMP_MEM_H
#define VMSH_DUMP_MEM_H

#include <stddef.h>
#include <stdio.h>

struct mm_struct;
struct task_struct;

#define HEXDUMP_WIDTH	16	/* bytes a line */

/*
 * struct hexdump - hexdump -C fed in pieces: the offset column is the
 * virtual address; a line equal to the one before prints as a single `*`.
 */
struct hexdump {
	FILE *f;
	unsigned long addr;		/* address of the line being filled */
	unsigned char line[HEXDUMP_WIDTH];	/* the line being filled */
	unsigned char last[HEXDUMP_WIDTH];	/* the last full line seen */
	size_t n;			/* bytes in line */
	int have_last;			/* last holds a line */
	int starred;			/* `*` printed for the current run of repeats */
};

void hexdump_start(struct hexdump *h, FILE *f, unsigned long addr);
void hexdump_feed(struct hexdump *h, const unsigned char *buf, size_t len);
/* hexdump_finish - the partial last line and the end address (nothing if no byte was fed) */
void hexdump_finish(struct hexdump *h);

/* dump_smaps - /proc/PID/smaps of mm: each maps line and its fields (nothing for NULL). */
void dump_smaps(FILE *f, struct mm_struct *mm);
/* dump_status - /proc/PID/status of t: Name .. PPid, Vm* while it has an mm, fault counters. */
void dump_status(FILE *f, struct task_struct *t);

#endif
