/*
 * pagewalk.c - read-only walks for views: an mm's page tables
 * (walk_page_range, follow_pte), the frames in use and what each holds
 * (walk_frames, get_page_info, si_meminfo), and which page of its file an
 * address of a file mapping is.
 */
#include <errno.h>

#include "mm.h"
#include "filemap.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "pagewalk.h"

/* count_ptes - the entries of a page table that are not none */
static unsigned int count_ptes(const pte_t *table)
{
	unsigned int n = 0, j;

	for (j = 0; j < PTRS_PER_PTE; j++)
		n += !pte_none(table[j]);
	return n;
}

/*
 * walk_pde - PDE i of walk->mm for the part of [addr, end) it covers:
 * pgd_entry, then pte_entry for each PTE not none. 0, or what a callback
 * returned to stop.
 */
static int walk_pde(struct mm_walk *walk, unsigned long i, unsigned long addr,
		    unsigned long end)
{
	const pte_t *table = page_table(walk->mm, i);
	unsigned long start = i << PGDIR_SHIFT, last = start + PGDIR_SIZE - 1, j, jend;
	int rc;

	if (!table)
		return 0;
	if (walk->pgd_entry) {
		rc = walk->pgd_entry(walk->mm->pgd[i], start, start + PGDIR_SIZE,
				     count_ptes(table), walk);
		if (rc)
			return rc;
	}
	if (!walk->pte_entry)
		return 0;
	j = addr > start ? pte_index(addr) : 0;
	jend = end - 1 < last ? pte_index(end - 1) : PTRS_PER_PTE - 1;
	for (; j <= jend; j++) {
		if (pte_none(table[j]))
			continue;
		rc = walk->pte_entry(table[j], start | (j << PAGE_SHIFT), walk);
		if (rc)
			return rc;
	}
	return 0;
}

int walk_page_range(unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	unsigned long i, last;
	int rc;

	if (!walk->mm || !walk->mm->pgd || addr >= end)
		return 0;
	last = pgd_index(end - 1);
	for (i = pgd_index(addr); i <= last && i < PTRS_PER_PGD; i++) {
		rc = walk_pde(walk, i, addr, end);
		if (rc)
			return rc;
	}
	return 0;
}

int follow_pte(struct mm_struct *mm, unsigned long addr, pgd_t *pde, pte_t *pte)
{
	unsigned long i = pgd_index(addr);
	const pte_t *table;

	*pde = 0;
	*pte = 0;
	if (!mm || !mm->pgd || i >= PTRS_PER_PGD)
		return 0;
	*pde = mm->pgd[i];
	table = page_table(mm, i);
	if (!table)
		return 0;
	*pte = table[pte_index(addr)];
	return 1;
}

/* fill_page_info - what the views show of page, frame pfn of m */
static void fill_page_info(const struct machine *m, const struct page *page, unsigned long pfn,
			   struct page_info *pi)
{
	const struct address_space *mapping = page->mapping;

	pi->pfn = pfn;
	pi->count = page->_count;
	pi->mapcount = page_mapcount(page);
	pi->used = (page->flags & PG_used) != 0;
	pi->zero = page == zero_page(m);
	pi->pgtable = (page->flags & PG_pgtable) != 0;
	pi->anon = (page->flags & PG_anon) != 0;
	pi->cache = (page->flags & PG_cache) != 0;
	pi->dirty = (page->flags & PG_dirty) != 0;
	pi->written = page->contents != 0;
	pi->anon_vma_id = pi->anon && mapping ? ((const struct anon_vma *)mapping)->id : 0;
	pi->host = pi->cache && mapping ? mapping->host : NULL;
	pi->index = page->index;
}

int get_page_info(const struct machine *m, unsigned long pfn, struct page_info *pi)
{
	const struct page *page = pfn_to_page(m, pfn);

	if (!page)
		return -EINVAL;
	fill_page_info(m, page, pfn, pi);
	return 0;
}

int walk_frames(const struct machine *m, int (*fn)(const struct page_info *pi, void *priv),
		void *priv)
{
	const struct pglist_data *pg = &m->pgdat;
	struct page_info pi;
	unsigned long pfn;
	int rc;

	for (pfn = 0; pfn < pg->next_unused; pfn++) {
		if (!(pg->mem_map[pfn].flags & PG_used))
			continue;
		fill_page_info(m, &pg->mem_map[pfn], pfn, &pi);
		rc = fn(&pi, priv);
		if (rc)
			return rc;
	}
	return 0;
}

void si_meminfo(const struct machine *m, struct vm_meminfo *info)
{
	info->totalram = m->pgdat.nr_pages;
	info->freeram = m->pgdat.nr_free;
	info->written = m->pgdat.nr_written;
}

int vma_file_page(const struct vm_area_struct *vma, unsigned long addr, unsigned long *index)
{
	if (!vma->vm_file)
		return -EINVAL;
	*index = ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	return *index < mapping_size_pages(vma->vm_file->f_mapping);
}
