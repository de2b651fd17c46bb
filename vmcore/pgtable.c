/*
 * pgtable.c - allocating, walking and freeing i386 page directories and
 * page tables. Each lives in a frame (PG_pgtable) whose contents hold the
 * 1024 entries, so the dumps show real frame numbers. The names are 2.6's
 * (pgd_alloc, pte_alloc_map, pte_offset_map); free_pgtables takes a floor
 * and a ceiling as 2.6.14's does.
 */
#include <errno.h>
#include "mm.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "slab.h"

/* table_frame - a frame for a directory or table, contents allocated and zeroed */
static struct page *table_frame(struct machine *m)
{
	struct page *page = alloc_page(m);

	if (!page)
		return NULL;
	if (!page_address(m, page)) {
		__free_page(m, page);
		return NULL;
	}
	page->flags |= PG_pgtable;
	return page;
}

int pgd_alloc(struct mm_struct *mm)
{
	struct page *page = table_frame(mm->machine);

	if (!page)
		return -ENOMEM;
	mm->pgd = (pgd_t *)(void *)page_virtual(page);
	mm->pgd_pfn = page_to_pfn(mm->machine, page);
	return 0;
}

void pgd_free(struct mm_struct *mm)
{
	if (!mm->pgd)
		return;
	__free_page(mm->machine, pfn_to_page(mm->machine, mm->pgd_pfn));
	mm->pgd = NULL;
}

pte_t *page_table(struct mm_struct *mm, unsigned long i)
{
	pgd_t pde = mm->pgd[i];

	if (!(pde & _PAGE_PRESENT))
		return NULL;
	return (pte_t *)(void *)page_virtual(pfn_to_page(mm->machine, pde >> PAGE_SHIFT));
}

pte_t *pte_offset_map(struct mm_struct *mm, unsigned long addr)
{
	pte_t *table = page_table(mm, pgd_index(addr));

	return table ? &table[pte_index(addr)] : NULL;
}

int pgtable_reserve(struct mm_struct *mm, int n)
{
	struct page **r = kmalloc((size_t)(n ? n : 1) * sizeof(*r));

	if (!r)
		return -ENOMEM;
	mm->pt_reserve = r;
	for (mm->nr_pt_reserve = 0; mm->nr_pt_reserve < n; mm->nr_pt_reserve++) {
		r[mm->nr_pt_reserve] = table_frame(mm->machine);
		if (!r[mm->nr_pt_reserve]) {
			pgtable_unreserve(mm);
			return -ENOMEM;
		}
	}
	return 0;
}

void pgtable_unreserve(struct mm_struct *mm)
{
	while (mm->nr_pt_reserve)
		__free_page(mm->machine, mm->pt_reserve[--mm->nr_pt_reserve]);
	kfree(mm->pt_reserve);
	mm->pt_reserve = NULL;
}

pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr)
{
	struct page *page;

	if (!(mm->pgd[pgd_index(addr)] & _PAGE_PRESENT)) {
		page = mm->nr_pt_reserve ? mm->pt_reserve[--mm->nr_pt_reserve] : table_frame(mm->machine);
		if (!page)
			return NULL;
		mm->pgd[pgd_index(addr)] = (pgd_t)((page_to_pfn(mm->machine, page) << PAGE_SHIFT) | _PAGE_TABLE);
		mm->nr_ptes++;
		vm_emit(mm->machine, VM_EV_STEP, "pte_alloc", NULL, addr & PGDIR_MASK,
			(addr & PGDIR_MASK) + PGDIR_SIZE, (long)page_to_pfn(mm->machine, page),
			"page table for %08lx-%08lx in frame %#lx", addr & PGDIR_MASK,
			(addr & PGDIR_MASK) + PGDIR_SIZE, page_to_pfn(mm->machine, page));
	}
	return pte_offset_map(mm, addr);
}

int free_pgtables(struct mm_struct *mm, unsigned long floor, unsigned long ceiling,
		  unsigned long start, unsigned long end)
{
	unsigned long i, first, last;
	int freed = 0;

	if (start >= end)
		return 0;
	first = pgd_index(start);
	last = pgd_index(end - 1);
	for (i = first; i <= last && i < USER_PTRS_PER_PGD; i++) {
		unsigned long r0 = i << PGDIR_SHIFT, r1 = r0 + PGDIR_SIZE;

		if (!(mm->pgd[i] & _PAGE_PRESENT) || r0 < floor || r1 > ceiling)
			continue;
		__free_page(mm->machine, pfn_to_page(mm->machine, mm->pgd[i] >> PAGE_SHIFT));
		mm->pgd[i] = 0;
		mm->nr_ptes--;
		freed++;
	}
	if (freed)
		vm_emit(mm->machine, VM_EV_STEP, "free_pgtables", NULL, start, end, freed,
			"%d page table%s freed, nr_ptes=%lu", freed, freed == 1 ? "" : "s", mm->nr_ptes);
	return freed;
}
