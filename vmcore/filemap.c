/*
 * filemap.c - the page cache of simulated files: a page per index,
 * allocated at the first fault on it and kept while the file exists, so
 * every mapping of the file sees the same bytes. The names are 2.6's
 * mm/filemap.c (find_get_page, add_to_page_cache); its radix tree is a
 * flat array here.
 */
#include <errno.h>
#include "mm.h"
#include "filemap.h"
#include "page_alloc.h"
#include "slab.h"

unsigned long mapping_size_pages(const struct address_space *mapping)
{
	return (mapping->host->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	if (!mapping->page_tree || index >= mapping->nr_slots)
		return NULL;
	return mapping->page_tree[index];
}

int add_to_page_cache(struct machine *m, struct page *page, struct address_space *mapping,
		      unsigned long index)
{
	(void)m;
	if (!mapping->page_tree) {
		unsigned long n = mapping_size_pages(mapping);

		mapping->page_tree = kzalloc((n ? n : 1) * sizeof(struct page *));
		if (!mapping->page_tree)
			return -ENOMEM;
		mapping->nr_slots = n;
	}
	if (index >= mapping->nr_slots)
		return -EINVAL;
	mapping->page_tree[index] = page;
	page->flags |= PG_cache;
	page->mapping = mapping;
	page->index = (pgoff_t)index;
	get_page(page);
	mapping->nrpages++;
	return 0;
}

void truncate_inode_pages(struct machine *m, struct address_space *mapping)
{
	unsigned long i;

	for (i = 0; mapping->page_tree && i < mapping->nr_slots; i++) {
		struct page *page = mapping->page_tree[i];

		if (!page)
			continue;
		mapping->page_tree[i] = NULL;
		mapping->nrpages--;
		put_page(m, page);
	}
	kfree(mapping->page_tree);
	mapping->page_tree = NULL;
	mapping->nr_slots = 0;
}
