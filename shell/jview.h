/*
 * jview.h - the views as JSON documents (json-c): `VIEW --json` prints
 * one, and the Lua binding turns the same document into tables, so text,
 * JSON and Lua read the same facts. Numbers are plain JSON numbers
 * (addresses too); sizes are in kB as /proc gives them, kernel fields
 * keep the kernel's unit (pages). Each builder returns a new document
 * (the caller puts it), or NULL when out of memory; none changes the
 * machine.
 */
#ifndef VMSH_JVIEW_H
#define VMSH_JVIEW_H

#include <stdio.h>

struct json_object;
struct machine;
struct mm_struct;
struct task_struct;
struct vm_area_struct;
struct frames_filter;

/* maps: [{start, end, perms, offset, dev, inode, file}] (empty for NULL: an exited process) */
struct json_object *jview_maps(const struct mm_struct *mm);
/* smaps: the maps entries with size, rss, pss ... locked (kB) and vmflags */
struct json_object *jview_smaps(struct mm_struct *mm);
/* status: {name, state, pid, ppid, VmPeak .. VmPTE (kB, while it has memory), min_flt ..} */
struct json_object *jview_status(struct task_struct *t);
/* mm: the mm_struct's fields by name; pointers to VMAs as their start */
struct json_object *jview_mm(int pid, const struct mm_struct *mm);
/* vma: one vm_area_struct's fields by name (NULL for NULL: JSON null) */
struct json_object *jview_vma(const struct vm_area_struct *vma);
/* vma without ADDR: every VMA of mm, in order */
struct json_object *jview_vmas(const struct mm_struct *mm);
/* ps: [{pid, ppid, state, comm, map_count, total_vm, vsz, rss, min_flt, maj_flt, current}] */
struct json_object *jview_ps(const struct machine *m);

/* pt: {pid, mm_id, cr3, nr_ptes, rss, pdes: [{index, start, end, value, frame, ..., ptes}]} */
struct json_object *jview_pt(int pid, struct mm_struct *mm, int one, unsigned long start,
			     unsigned long end);
/* frames: {frames: [{pfn, count, mapcount, kind, state, ..., mapped_by}], the summary} */
struct json_object *jview_frames(const struct machine *m, const struct frames_filter *flt);
/* dump: {pid, comm, mm, vmas: [{the vma's fields, name, pages: [...]}]}; NULL on ENOMEM */
struct json_object *jview_dump(struct task_struct *t, unsigned long start, unsigned long end);
/* pmap: {pid, comm, vmas: [{address, kbytes, rss, dirty, swap, mode, mapping}], total} */
struct json_object *jview_pmap(struct task_struct *t);

/* jview_print - doc on f, indented two spaces, then a newline */
void jview_print(FILE *f, struct json_object *doc);
/* jview_put - let go of doc (NULL is fine) */
void jview_put(struct json_object *doc);

#endif
