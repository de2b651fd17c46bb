/*
 * dump_pt.h - the page directory and tables, one address's walk (crash's
 * vtop) and the frames, shown the kernel's way. Like dump.h, each prints
 * to a FILE* and changes nothing: no fault, no allocation in the machine,
 * no find_vma (mmap_cache stays).
 */
#ifndef VMSH_DUMP_PT_H
#define VMSH_DUMP_PT_H

#include <stdio.h>

#include "pagestate.h"

struct machine;
struct mm_struct;
struct frame_index;
struct map_ent;

/*
 * dump_pt - pid's mm: its page directory and the tables under it, all of
 * them, or (one) the PTEs in [start, end) under the PDEs covering it.
 */
void dump_pt(FILE *f, int pid, struct mm_struct *mm, int one, unsigned long start,
	     unsigned long end);
/* dump_translate - the walk of addr in pid's mm, step by step, and what a touch would do. */
void dump_translate(FILE *f, int pid, struct mm_struct *mm, unsigned long addr);

/* struct frames_filter - which frames `frames` shows; -1 / 0 / NULL: any */
struct frames_filter {
	int pid;			/* mapped by this pid (its PTEs, its directory or tables) */
	const struct mm_struct *mm;	/* vma=: mapped by a PTE of mm inside [vstart, vend) */
	unsigned long vstart, vend;
	int kind;			/* a frame kind (frame_kind_name), by index; -1 any */
	int state;			/* a page state (enum page_state); -1 any */
};

/*
 * frames_view - does flt let the frame pi through (refs: its nrefs
 * references, from the frame index)? When it does (1), the state of the
 * page it holds into *state and its words into desc.
 */
int frames_view(const struct machine *m, const struct page_info *pi,
		const struct frame_index *ix, const struct map_ent *refs, size_t nrefs,
		const struct frames_filter *flt, enum page_state *state, char *desc, size_t len);

/* frames_kind_parse - the index of a frame kind's name ("anon"), or -1 */
int frames_kind_parse(const char *s);

/*
 * dump_frames - the frames in use that flt lets through and who maps
 * them, then the summary lines. 0, or -ENOMEM (nothing printed).
 */
int dump_frames(FILE *f, const struct machine *m, const struct frames_filter *flt);

/*
 * frame_mappers_put - "PID:ADDR" of each PTE in refs (each task of an mm
 * shared by clone), at most max then "+N more", through w (a struct wline).
 */
struct wline;
void frame_mappers_put(struct wline *w, const struct frame_index *ix, const struct map_ent *refs,
		       size_t nrefs, size_t max);

#endif
