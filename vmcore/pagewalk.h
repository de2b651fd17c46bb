/*
 * pagewalk.h - read-only walks of page tables and frames, for views (the
 * shell's dumps, the Lua tables): after the kernel's walk_page_range and
 * follow_pte. They give plain data or call back; they never fault,
 * allocate or change anything (mmap_cache stays).
 */
#ifndef VMCORE_PAGEWALK_H
#define VMCORE_PAGEWALK_H

#include "mm_types.h"

struct machine;
struct inode;

/*
 * struct mm_walk - what walk_page_range calls, as the kernel's (2.6.27+).
 * A callback returning non-zero stops the walk with that value.
 */
struct mm_walk {
	/* a PDE with a page table, covering [addr, next): its value, how many PTEs are not none */
	int (*pgd_entry)(pgd_t pde, unsigned long addr, unsigned long next,
			 unsigned int nr_ptes, struct mm_walk *walk);
	/* a PTE that is not none, for the page at addr */
	int (*pte_entry)(pte_t pte, unsigned long addr, struct mm_walk *walk);
	struct mm_struct *mm;		/* whose tables; NULL (an exited task) walks nothing */
	void *private;			/* the caller's */
};

/*
 * walk_page_range - the page tables of walk->mm over [addr, end), both
 * page aligned, end up to 4 GiB: pgd_entry for each PDE that has a page
 * table (its whole table counted), then pte_entry for each of its PTEs in
 * the range that is not none, in address order. Either callback may be
 * NULL. Returns 0, or the first non-zero value a callback returned.
 */
int walk_page_range(unsigned long addr, unsigned long end, struct mm_walk *walk);

/*
 * follow_pte - the i386 walk of addr in mm, without faulting: the PDE
 * into *pde and, when it has a page table, the PTE into *pte (0 when
 * not). Returns 1 when there is a page table, 0 when the walk stops at
 * the PDE (or mm is NULL: both 0).
 */
int follow_pte(struct mm_struct *mm, unsigned long addr, pgd_t *pde, pte_t *pte);

/* struct page_info - a frame's struct page as plain data (get_page_info) */
struct page_info {
	unsigned long pfn;
	int count;			/* _count: PTEs, the page cache, a table's mm */
	int mapcount;			/* PTEs mapping it */
	unsigned int used : 1;		/* allocated (PG_used) */
	unsigned int zero : 1;		/* the zero page */
	unsigned int pgtable : 1;	/* a page directory or table (PG_pgtable) */
	unsigned int anon : 1;		/* anonymous memory (PG_anon) */
	unsigned int cache : 1;		/* in a file's page cache (PG_cache) */
	unsigned int dirty : 1;		/* PG_dirty */
	unsigned int written : 1;	/* its contents exist (written at least once) */
	unsigned long anon_vma_id;	/* anon: its anon_vma's number; 0 when it has none */
	const struct inode *host;	/* cache: the file (or shmem inode) it belongs to, else NULL */
	unsigned long index;		/* its index in that file, or address >> PAGE_SHIFT (anon) */
};

/* get_page_info - frame pfn of m into *pi. 0, or -EINVAL past the end of memory (*pi untouched). */
int get_page_info(const struct machine *m, unsigned long pfn, struct page_info *pi);

/*
 * walk_frames - fn for each frame in use (PG_used), by frame number,
 * with priv. Returns 0, or the first non-zero value fn returned.
 */
int walk_frames(const struct machine *m, int (*fn)(const struct page_info *pi, void *priv),
		void *priv);

/* struct vm_meminfo - the frames in figures, as the kernel's si_meminfo gives them */
struct vm_meminfo {
	unsigned long totalram;		/* frames in the machine */
	unsigned long freeram;		/* frames free */
	unsigned long written;		/* frames whose contents exist */
};

void si_meminfo(const struct machine *m, struct vm_meminfo *info);

/*
 * vma_file_page - the page of vma's file that addr maps (the kernel's
 * linear_page_index) into *index. Returns 1 when the file holds that
 * page, 0 when it lies past the file's end (a fault there is SIGBUS), or
 * -EINVAL for an anonymous VMA (*index untouched).
 */
int vma_file_page(const struct vm_area_struct *vma, unsigned long addr, unsigned long *index);

#endif
