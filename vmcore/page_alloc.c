/*
 * page_alloc.c - the frame allocator: frames never used are handed out in
 * order from next_unused, frames given back are reused first (a stack).
 * pfn 0 is the zero page, reserved. Contents are allocated lazily.
 * vmsh's own allocator, not the buddy allocator; struct page's counts are
 * the kernel's (below).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mm.h"
#include "page_alloc.h"
#include "slab.h"

/*
 * Contents slots: struct page holds a 24-bit slot number instead of an
 * 8-byte pointer (24 bytes a frame, not 32: every frame a machine has used
 * pays for struct page, only written ones for contents). Slots are handed
 * out densely and reused, so the two tables (a pointer and a free-list
 * entry, 12 bytes a slot, grown by doubling) follow the most frames written
 * at once, not the machine's size. They are shared by every machine of the
 * process (vmsh runs them all on one thread) and freed when no slot is
 * used. When the 2^24 - 1 slots are all taken, page_address fails as when
 * memory is out.
 */
uint8_t **page_contents_slots;
static uint32_t *free_slots;
static unsigned long next_slot = 1, nr_free_slots, cap_slots;

/* what memsize measures per never-written frame; a 32-bit host needs less */
_Static_assert(sizeof(void *) != 8 || sizeof(struct page) == 24,
	       "struct page should be 24 bytes on a 64-bit host");

/* slot_alloc - a free slot for contents, or 0 when none can be had */
static uint32_t slot_alloc(void)
{
	if (nr_free_slots)
		return free_slots[--nr_free_slots];
	if (next_slot >= cap_slots) {
		unsigned long cap = cap_slots ? cap_slots * 2 : 1024;
		uint8_t **s;
		uint32_t *f;

		if (cap > (1UL << 24))
			cap = 1UL << 24;
		if (next_slot >= cap)
			return 0;
		s = realloc(page_contents_slots, cap * sizeof(*s));
		if (!s)
			return 0;
		page_contents_slots = s;
		f = realloc(free_slots, cap * sizeof(*f));
		if (!f)
			return 0;
		free_slots = f;
		cap_slots = cap;
	}
	return (uint32_t)next_slot++;
}

/* slot_free - give slot back; the last one in use takes the tables with it */
static void slot_free(uint32_t slot)
{
	free_slots[nr_free_slots++] = slot;
	if (nr_free_slots == next_slot - 1) {	/* none in use: give the tables back */
		free(page_contents_slots);
		free(free_slots);
		page_contents_slots = NULL;
		free_slots = NULL;
		next_slot = 1;
		nr_free_slots = cap_slots = 0;
	}
}

/* contents_free - the frame's contents go */
static void contents_free(struct page *page)
{
	kfree(page_contents_slots[page->contents]);
	slot_free(page->contents);
	page->contents = 0;
}

int pgdat_init(struct machine *m, unsigned long nr_pages)
{
	struct pglist_data *pg = &m->pgdat;

	if (nr_pages < 16)
		nr_pages = 16;
	/* calloc: the kernel's mem_map costs host memory only where touched */
	pg->mem_map = calloc(nr_pages, sizeof(struct page));
	if (!pg->mem_map)
		return -ENOMEM;
	/* room for every frame, so freeing never allocates; touched only as used */
	pg->free_stack = kmalloc(nr_pages * sizeof(*pg->free_stack));
	if (!pg->free_stack) {
		free(pg->mem_map);
		pg->mem_map = NULL;
		return -ENOMEM;
	}
	pg->nr_pages = nr_pages;
	pg->mem_map[0].flags = PG_reserved | PG_used;	/* empty_zero_page */
	pg->mem_map[0]._count = 1;
	pg->mem_map[0]._mapcount = -1;
	pg->next_unused = 1;
	pg->nr_free = nr_pages - 1;
	return 0;
}

void pgdat_release(struct machine *m)
{
	struct pglist_data *pg = &m->pgdat;
	unsigned long i;

	if (!pg->mem_map)
		return;
	for (i = 0; i < pg->next_unused; i++)
		if (pg->mem_map[i].contents)
			contents_free(&pg->mem_map[i]);
	free(pg->mem_map);
	kfree(pg->free_stack);
	memset(pg, 0, sizeof(*pg));
}

unsigned long page_to_pfn(const struct machine *m, const struct page *page)
{
	return (unsigned long)(page - m->pgdat.mem_map);
}

struct page *pfn_to_page(const struct machine *m, unsigned long pfn)
{
	return pfn < m->pgdat.nr_pages ? &m->pgdat.mem_map[pfn] : NULL;
}

struct page *zero_page(const struct machine *m)
{
	return &m->pgdat.mem_map[0];
}

struct page *alloc_page(struct machine *m)
{
	struct pglist_data *pg = &m->pgdat;
	unsigned long pfn;
	struct page *page;

	if (pg->nr_free_stack)
		pfn = pg->free_stack[--pg->nr_free_stack];
	else if (pg->next_unused < pg->nr_pages)
		pfn = pg->next_unused++;
	else
		return NULL;
	page = &pg->mem_map[pfn];
	page->flags = PG_used;
	page->_count = 1;
	page->_mapcount = -1;
	page->index = 0;
	page->mapping = NULL;
	pg->nr_free--;
	return page;
}

/* __free_page - give the frame back, with its contents */
void __free_page(struct machine *m, struct page *page)
{
	struct pglist_data *pg = &m->pgdat;

	if (page->contents) {
		contents_free(page);
		pg->nr_written--;
	}
	page->flags = 0;
	page->_count = 0;
	page->_mapcount = -1;
	page->mapping = NULL;
	pg->nr_free++;
	pg->free_stack[pg->nr_free_stack++] = (uint32_t)page_to_pfn(m, page);
}

void get_page(struct page *page)
{
	page->_count++;
}

void put_page(struct machine *m, struct page *page)
{
	if (--page->_count == 0)
		__free_page(m, page);
}

/* page_fill - what a never-written frame holds: zeros, or its file's bytes */
static void page_fill(const struct page *page, uint8_t *buf)
{
	const struct address_space *mapping = page->mapping;
	const struct inode *inode;
	unsigned long start, valid;

	memset(buf, 0, PAGE_SIZE);
	if (!(page->flags & PG_cache) || !mapping)
		return;
	inode = mapping->host;
	if (inode->i_flags & S_SHMEM)
		return;
	start = (unsigned long)page->index << PAGE_SHIFT;
	if (start >= inode->i_size)
		return;
	valid = inode->i_size - start < PAGE_SIZE ? inode->i_size - start : PAGE_SIZE;
	memset(buf, 'A' + (int)(page->index % 26), valid);
}

void page_read(const struct page *page, unsigned long off, void *buf, unsigned long len)
{
	uint8_t tmp[PAGE_SIZE];

	if (page->contents) {
		memcpy(buf, page_virtual(page) + off, len);
		return;
	}
	page_fill(page, tmp);
	memcpy(buf, tmp + off, len);
}

uint8_t *page_address(struct machine *m, struct page *page)
{
	uint32_t slot;
	uint8_t *p;

	if (page->contents)
		return page_virtual(page);
	p = kmalloc(PAGE_SIZE);
	if (!p)
		return NULL;
	slot = slot_alloc();
	if (!slot) {
		kfree(p);
		return NULL;
	}
	page_contents_slots[slot] = p;
	page->contents = slot & 0xffffff;
	page_fill(page, p);
	m->pgdat.nr_written++;
	return p;
}
