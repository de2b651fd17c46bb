/*
 * pagestate.h - what a page is, in one place: the state every view names
 * a page by (pt, translate, frames, dump, pmap, the JSON and Lua
 * documents), and who maps each frame (the reverse of every page table,
 * which the kernel's rmap walks give). Read-only, like the renderers.
 */
#ifndef VMSH_PAGESTATE_H
#define VMSH_PAGESTATE_H

#include <stddef.h>
#include <stdint.h>

#include "vmcore.h"

/*
 * enum page_state - a present (or PROT_NONE) page as a learner names it.
 * A state that swap brings (a swapped-out PTE) joins this list; every
 * view takes its word from page_state_name.
 */
enum page_state {
	PS_ZERO,	/* the zero page, mapped read-only by a read fault */
	PS_ANON,	/* anonymous memory this mapping owns alone */
	PS_COW,		/* anonymous, write-protected in a writable private VMA and
			   mapped more than once: a write copies it (do_wp_page) */
	PS_WP,		/* the same, mapped once: a write reuses it (do_wp_page's reuse) */
	PS_FILE,	/* a file's page cache page, mapped private */
	PS_SHARED,	/* a page of a shared mapping: a file's, or shmem */
	PS_PROTNONE,	/* mapped but not present: PROT_NONE keeps the frame */
	PS_OTHER,	/* a frame past memory, or one no view knows */
	PS__COUNT
};

/* struct page_view - one PTE that is not none, and what its page is */
struct page_view {
	unsigned long addr;		/* the virtual address it maps */
	pte_t pte;
	unsigned long pfn;
	int have;			/* pi holds the frame (it is inside memory) */
	struct page_info pi;
	enum page_state state;
};

/*
 * page_view_get - classify the page pte maps at addr of vma (vma may be
 * NULL when no VMA holds addr) into *pv. Never fails.
 */
void page_view_get(const struct machine *m, const struct vm_area_struct *vma,
		   unsigned long addr, pte_t pte, struct page_view *pv);

/* page_state_name - "zero", "anon", "COW", "wp", "file", "shared", "protnone", "other" */
const char *page_state_name(enum page_state s);

/* page_state_parse - the state named s (as page_state_name writes it); -1 when none. */
int page_state_parse(const char *s);

/*
 * page_desc - the page's words for pt, dump and translate: its state and
 * what the frame holds ("anon (anon_vma #1)", "COW (anon_vma #1)",
 * "file data page 3", "shared: shmem page 0", "zero page"), ", dirty"
 * when PG_dirty is set. Always NUL-terminates buf.
 */
const char *page_desc(const struct page_view *pv, char *buf, size_t len);

/* frame_kind_name - what a frame holds, one word: zero pgtable anon file shmem other */
const char *frame_kind_name(const struct page_info *pi);

/* entry_bits - "P RW US A D" of a PDE or PTE, '-' for a clear bit; PROTNONE for such a PTE */
const char *entry_bits(uint32_t v, int is_pte, char *buf, size_t len);

/* vma_lookup_ro - the VMA of mm holding addr, down the tree without moving mmap_cache; or NULL */
const struct vm_area_struct *vma_lookup_ro(const struct mm_struct *mm, unsigned long addr);

/* ---- who maps each frame ---- */

enum map_what { MAP_PGD, MAP_TABLE, MAP_PTE };	/* sorted in this order */

struct task_ref {		/* a live task and its mm; sorted by (mm, pid) these form groups */
	struct mm_struct *mm;
	int pid;
};

struct map_ent {		/* one reference to a frame: a PTE, or an mm's directory or table */
	uint32_t pfn;
	uint32_t addr;		/* the PTE's virtual address, or the table's range start */
	uint32_t group;		/* index in tasks of the first task using the mm */
	uint32_t ngroup;	/* how many tasks use it (they follow in tasks) */
	int pid0;		/* the first task's pid, for the order */
	enum map_what what;
};

/* struct frame_index - every reference to every frame, sorted by frame */
struct frame_index {
	struct task_ref *tasks;
	size_t ntasks;
	struct map_ent *ents;
	size_t n, cap;
	size_t g, ng;		/* the group being indexed */
};

/*
 * frame_index_build - who refers to each frame: every live task's mm
 * walked once (tasks sharing an mm by CLONE_VM form one group), the
 * references sorted by frame. Returns 0, or -ENOMEM with *ix empty.
 */
int frame_index_build(struct frame_index *ix, const struct machine *m);
void frame_index_free(struct frame_index *ix);

/* frame_index_find - the references to frame pfn: how many, the first in *refs. */
size_t frame_index_find(const struct frame_index *ix, unsigned long pfn,
			const struct map_ent **refs);

/* frame_ref_pid - the pid of the k-th task of reference r's group */
static inline int frame_ref_pid(const struct frame_index *ix, const struct map_ent *r, size_t k)
{
	return ix->tasks[r->group + k].pid;
}

/* ---- a process's VMAs and their pages, walked once for every output ---- */

/* struct page_sharers - the PTEs mapping a page mapped more than once (n 0 otherwise) */
struct page_sharers {
	const struct frame_index *ix;
	const struct map_ent *refs;
	size_t n;
};

/*
 * struct proc_walk - what proc_walk_run calls: vma for each VMA meeting
 * [start, end), then page for each PTE of it in the range that is not
 * none, in address order. A callback returning non-zero stops the walk.
 */
struct proc_walk {
	int (*vma)(const struct vm_area_struct *vma, void *priv);
	int (*page)(const struct vm_area_struct *vma, const struct page_view *pv,
		    const struct page_sharers *sharers, void *priv);
	void *priv;
	struct mm_struct *mm;
	unsigned long start, end;	/* the range; 0, 0: all of it */
	/* the walk's own */
	const struct vm_area_struct *cur;
	struct frame_index ix;		/* built at the first page mapped more than once */
	int have_ix;
};

/*
 * proc_walk_run - walk pw->mm as struct proc_walk says. Returns 0, the
 * first non-zero value a callback returned, or -ENOMEM (no memory to
 * find who shares a page).
 */
int proc_walk_run(struct proc_walk *pw);

/* struct pmap_row - one VMA as pmap -x shows it (kB) */
struct pmap_row {
	unsigned long kbytes, rss, dirty, swap;
	char mode[6];			/* rwx, s (shared) or -, R (noreserve) or - */
	const char *mapping;		/* file's base name, [ anon ], [ heap ], [ stack ] */
};

/* pmap_row_get - what pmap -x shows of vma (Rss and Dirty as smaps counts them) */
void pmap_row_get(const struct mm_struct *mm, struct vm_area_struct *vma, struct pmap_row *row);

#endif
