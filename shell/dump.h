/*
 * dump.h - the machine shown the kernel's way: /proc/PID/maps lines,
 * vm_area_struct and mm_struct dumps, the red-black tree, the files and
 * process tables. Each prints to a FILE* and changes nothing
 * (no find_vma: that would move mmap_cache), so any client can reuse it.
 */
#ifndef VMSH_DUMP_H
#define VMSH_DUMP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct mm_struct;
struct vm_area_struct;

/* dump_maps_line - one /proc/PID/maps line for vma, as fs/proc/task_mmu.c prints it on i386. */
void dump_maps_line(FILE *f, const struct mm_struct *mm, const struct vm_area_struct *vma);
/* dump_maps - every VMA of mm (nothing for NULL: an exited process). */
void dump_maps(FILE *f, const struct mm_struct *mm);

/* dump_lookup - the VMA containing addr, or NULL; *next gets the first VMA above addr. */
const struct vm_area_struct *dump_lookup(const struct mm_struct *mm, unsigned long addr,
					 const struct vm_area_struct **next);
/* dump_vma - the vm_area_struct fields of vma, one `field value` line each. */
void dump_vma(FILE *f, const struct vm_area_struct *vma);
/* dump_later_note - the footnote for the fields marked '*': those a later kernel added */
void dump_later_note(FILE *f);
/* dump_mm - the mm_struct fields of mm, then dump_later_note. */
void dump_mm(FILE *f, const struct mm_struct *mm);
/* dump_rb - mm's VMA tree drawn sideways, root first, then a summary line. */
void dump_rb(FILE *f, const struct mm_struct *mm, int utf8);

void dump_files(FILE *f, const struct machine *m);
void dump_ps(FILE *f, const struct machine *m);

/* vm_flag_name - "VM_READ" for the one flag bit; NULL for an unnamed bit. */
const char *vm_flag_name(unsigned long bit);
/* vm_flags_str - "VM_READ|VM_WRITE|..." for flags into buf; "0" when none. */
const char *vm_flags_str(unsigned long flags, char *buf, size_t len);
/* page_prot_str - "_PAGE_PRESENT|_PAGE_RW|..." for an i386 pgprot into buf; "0" when none. */
const char *page_prot_str(uint32_t prot, char *buf, size_t len);
/* vma_name - what maps shows as NAME for vma: a file name, [heap], [stack], or "". */
const char *vma_name(const struct mm_struct *mm, const struct vm_area_struct *vma);

#endif

/* ---- lines that fit the terminal ---- */

#define VIEW_COLUMNS	80	/* every view's lines fit in this many columns */

/*
 * struct wline - a line built field by field: a field that would pass
 * VIEW_COLUMNS starts a continuation line, indented, instead (a field is
 * never cut). The first field always goes on the line.
 */
struct wline {
	FILE *f;
	int col;			/* columns used on the current line */
	int indent;			/* a continuation line's indentation */
	int fields;			/* fields on the current line */
};

/* wl_begin - start a line on f whose continuations are indented by indent */
void wl_begin(struct wline *w, FILE *f, int indent);
/* wl_put - sep then field; past VIEW_COLUMNS, sep ends the line (trailing blanks cut) and field starts the next */
void wl_put(struct wline *w, const char *sep, const char *field);
/* wl_printf - wl_put of a formatted field */
void wl_printf(struct wline *w, const char *sep, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* wl_end - end the line */
void wl_end(struct wline *w);
