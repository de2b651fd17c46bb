/*
 * page_alloc.c - the frame allocator: frames never used are handed out in
 * order from next_unused, frames given back are reused first (a stack).
 * pfn 0 is the zero page, reserved. Contents are allocated lazily.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mm.h"
#include "page_alloc.h"
#include "slab.h"

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
		kfree(pg->mem_map[i].virtual);
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

	if (page->virtual) {
		kfree(page->virtual);
		page->virtual = NULL;
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

	if (page->virtual) {
		memcpy(buf, page->virtual + off, len);
		return;
	}
	page_fill(page, tmp);
	memcpy(buf, tmp + off, len);
}

uint8_t *page_address(struct machine *m, struct page *page)
{
	if (page->virtual)
		return page->virtual;
	page->virtual = kmalloc(PAGE_SIZE);
	if (!page->virtual)
		return NULL;
	page_fill(page, page->virtual);
	m->pgdat.nr_written++;
	return page->virtual;
}
