/*
 * page_alloc.h - physical memory: one struct page per 4 KiB frame, handed
 * out and taken back in O(1). A frame's contents exist only once written;
 * until then it reads as zeros (or as its file's bytes, for page cache).
 * struct page keeps 2.6's _count, _mapcount (one less than the PTEs, as
 * there), mapping and index; PG_anon stands for 2.6's PAGE_MAPPING_ANON.
 */
#ifndef VMCORE_PAGE_ALLOC_H
#define VMCORE_PAGE_ALLOC_H

#include <stdint.h>
#include "mm_types.h"

#define PG_reserved	0x01	/* never allocated: the zero page */
#define PG_anon		0x02	/* mapping is an anon_vma */
#define PG_dirty	0x04	/* written since it came from its file */
#define PG_pgtable	0x08	/* holds a page directory or page table */
#define PG_cache	0x10	/* in a file's page cache */
#define PG_used		0x20	/* allocated */

struct page {
	void *mapping;		/* the address_space (page cache) or anon_vma (PG_anon) */
	pgoff_t index;		/* page index in its file, or address >> PAGE_SHIFT for anon */
	int32_t _count;		/* references: PTEs, the page cache, a page table's mm */
	int32_t _mapcount;	/* PTEs mapping it, minus one (-1: none), as the kernel counts */
	uint32_t flags : 8;	/* PG_*: all fit in 8 bits */
	uint32_t contents : 24;	/* vmsh: slot of the 4 KiB contents (page_virtual), 0 until written */
};

/* the contents of frames that have been written, by slot (see page_virtual) */
extern uint8_t **page_contents_slots;

/* page_virtual - the frame's 4 KiB contents, or NULL while never written */
static inline uint8_t *page_virtual(const struct page *page)
{
	return page->contents ? page_contents_slots[page->contents] : NULL;
}

struct pglist_data {
	struct page *mem_map;		/* one per frame */
	unsigned long nr_pages;		/* frames in the machine */
	unsigned long next_unused;	/* frames from here up were never allocated */
	uint32_t *free_stack;		/* frames given back, reused first */
	unsigned long nr_free_stack;
	unsigned long nr_free;		/* free frames */
	unsigned long nr_written;	/* frames whose contents were allocated */
};

struct machine;

int pgdat_init(struct machine *m, unsigned long nr_pages);	/* 0 or -ENOMEM */
void pgdat_release(struct machine *m);
/* alloc_page - a zeroed frame with _count 1, or NULL when memory is exhausted */
struct page *alloc_page(struct machine *m);
void __free_page(struct machine *m, struct page *page);
void get_page(struct page *page);
void put_page(struct machine *m, struct page *page);	/* last reference frees it */
unsigned long page_to_pfn(const struct machine *m, const struct page *page);
struct page *pfn_to_page(const struct machine *m, unsigned long pfn);
struct page *zero_page(const struct machine *m);
/*
 * page_address - the frame's contents for writing, allocated (and filled
 * from the file for a page cache page) on first use. NULL on -ENOMEM.
 */
uint8_t *page_address(struct machine *m, struct page *page);
/* copy_page_contents - read 4 KiB of what page holds (zeros or file bytes when never written) */
void page_read(const struct page *page, unsigned long off, void *buf, unsigned long len);

static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

#endif
