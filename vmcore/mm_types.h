/*
 * mm_types.h - the two structures at the heart of it all: mm_struct (an
 * address space) and vm_area_struct (one region of it), with the fields the
 * kernel gives them (Linux 2.6, i386). vmsh additions are marked.
 * Most fields are 2.4's, as seed 001 lists them (mmap, mm_rb, mmap_cache,
 * mm_users, mm_count, map_count, mmlist, start_code .. env_end, rss,
 * total_vm, locked_vm, def_flags; vm_next, vm_rb, vm_pgoff, vm_file, and
 * vm_next_share / vm_pprev_share, here the list 'shared'); anon_vma
 * (2.6.7), anon_rss, the vm_stat counters and the hiwater marks are
 * 2.6's; vm_prev is 2.6.36's; rb_subtree_gap and highest_vm_end 3.8's.
 */
#ifndef VMCORE_MM_TYPES_H
#define VMCORE_MM_TYPES_H

#include <stdint.h>
#include "list.h"
#include "rbtree.h"

struct machine;
struct file;
struct anon_vma;
struct vm_operations_struct;
struct page;

typedef struct { uint32_t pgprot; } pgprot_t;	/* i386 PTE protection bits */
typedef uint32_t vm_flags_t;	/* i386's unsigned long: 32 bits */
typedef uint32_t pgoff_t;
typedef uint32_t pgd_t;		/* page directory entry */
typedef uint32_t pte_t;		/* page table entry */

struct vm_area_struct {
	/* first 64 bytes: what a tree walk (find_vma, the gap search) reads */
	struct rb_node vm_rb;		/* node in mm->mm_rb, keyed by vm_start */
	unsigned long vm_start;		/* our start address within vm_mm */
	unsigned long vm_end;		/* the first byte after our end address */
	uint32_t rb_subtree_gap;	/* largest free gap below any VMA of this subtree
					   (Linux 3.8's augmented tree, for an O(log n) first fit) */
	vm_flags_t vm_flags;		/* VM_READ ... (mman.h) */
	struct vm_area_struct *vm_prev;	/* previous one (Linux 2.6.36+; the gap search needs it) */
	struct vm_area_struct *vm_next;	/* next VMA of this mm, sorted by address */
	struct mm_struct *vm_mm;	/* the address space we belong to */
	pgprot_t vm_page_prot;		/* access permissions given to this VMA's PTEs */
	pgoff_t vm_pgoff;		/* offset in the file, in pages (anon private: vm_start >> PAGE_SHIFT) */
	struct list_head shared;	/* links in the file's i_mmap share list
					   (2.4's vm_next_share / vm_pprev_share) */
	const struct vm_operations_struct *vm_ops;	/* open/close hooks, or NULL */
	struct anon_vma *anon_vma;	/* anonymous pages' reverse map (set at first anonymous fault) */
	struct file *vm_file;		/* the file we map, or NULL */
};

struct vm_operations_struct {
	const char *name;
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
};

struct mm_struct {
	struct vm_area_struct *mmap;	/* list of VMAs, sorted by address */
	struct rb_root mm_rb;		/* the same VMAs in a red-black tree */
	struct vm_area_struct *mmap_cache;	/* last find_vma result */
	unsigned long highest_vm_end;	/* vm_end of the last VMA (for the gap search) */
	pgd_t *pgd;			/* the page directory: 1024 entries in a frame of its own */
	unsigned long pgd_pfn;		/* vmsh: that frame's number, what cr3 would hold */
	unsigned long nr_ptes;		/* page tables allocated */
	int mm_users;			/* tasks using this address space */
	int mm_count;			/* references to the struct itself (mm_users counts as 1) */
	int map_count;			/* number of VMAs */
	struct list_head mmlist;	/* on the machine's global mmlist */

	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;

	unsigned long rss;		/* resident pages: present PTEs but the zero page's */
	unsigned long anon_rss;		/* of which anonymous */
	unsigned long hiwater_rss, hiwater_vm;
	unsigned long total_vm;		/* pages mapped */
	unsigned long locked_vm;	/* pages VM_LOCKED */
	unsigned long shared_vm;	/* pages of shared file mappings */
	unsigned long exec_vm;		/* pages of executable file mappings */
	unsigned long stack_vm;		/* pages of growsdown mappings */
	unsigned long reserved_vm;	/* pages of VM_IO/VM_RESERVED mappings */
	unsigned long def_flags;	/* vm_flags every new VMA gets (VM_LOCKED after mlockall) */

	struct machine *machine;	/* vmsh: the machine this mm lives in */
	struct vm_area_struct *vma_reserve[6];	/* vmsh: VMAs allocated before an operation
						   changes anything, taken by split_vma */
	int nr_reserved;
	struct page **pt_reserve;	/* vmsh: page table frames allocated before an operation */
	int nr_pt_reserve;
	unsigned long mm_id;		/* vmsh: a stable number for dumps */
};

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> 12;
}

#endif
