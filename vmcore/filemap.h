/*
 * filemap.h - the page cache: each file's pages by index (2.6's radix
 * tree is a flat array here: files have a fixed size), with find_get_page
 * and add_to_page_cache. A page in the cache holds one reference for it.
 */
#ifndef VMCORE_FILEMAP_H
#define VMCORE_FILEMAP_H

#include "fs.h"

struct page;
struct machine;

struct page *find_get_page(struct address_space *mapping, unsigned long index);
/* add_to_page_cache - put page at index (taking a reference). 0 or -ENOMEM. */
int add_to_page_cache(struct machine *m, struct page *page, struct address_space *mapping,
		      unsigned long index);
/* truncate_inode_pages - drop every cached page (the inode is going away) */
void truncate_inode_pages(struct machine *m, struct address_space *mapping);
unsigned long mapping_size_pages(const struct address_space *mapping);

#endif
