/*
 * test_pgtable.c - Criterion tests for vmcore/pgtable.c: the page
 * directory of each mm, page tables allocated by the first fault in their
 * 4 MiB, freed by free_pgtables only when no VMA uses any of the 4 MiB
 * they cover (the floor and ceiling of 2.6's free_pgd_range), and
 * pgtable_reserve, which makes tables ready before an operation.
 *
 * Pictures: the 4 MiB slots of the page directory as [....], one
 * character per page within a slot where it matters ('.' no VMA, a letter
 * per VMA, '*' a page present), and "T" for a page table allocated.
 */
#include "vmtest_mem.h"

#define MB4	PGDIR_SIZE

TestSuite(pgtable, .init = vm_setup, .fini = vm_teardown);
TestSuite(pgtable_small, .init = vm_setup_small, .fini = vm_teardown);

/* each mm has a page directory frame of its own, empty below TASK_SIZE */
Test(pgtable, each_mm_has_its_own_zeroed_page_directory_frame)
{
	unsigned long i;
	long pid = t_fork();

	cr_assert_eq(pid, 2);
	cr_assert_neq(mm_of(1)->pgd_pfn, mm_of(2)->pgd_pfn);
	cr_assert(pfn_to_page(m, mm_of(2)->pgd_pfn)->flags & PG_pgtable);
	cr_assert_eq(pfn_to_page(m, mm_of(2)->pgd_pfn)->_count, 1);
	for (i = 0; i < PTRS_PER_PGD; i++)
		cr_assert_eq(mm_of(2)->pgd[i], 0, "entry %lu", i);
	cr_assert_eq(mm_of(2)->nr_ptes, 0);
	cr_assert_eq(frames_used(), 3);
}

/*
 * A....  touch 40000000       [T]  one table for 40000000-403fffff
 * The first fault in a 4 MiB slot allocates its page table, entered in the
 * directory as _PAGE_TABLE (present, rw, user, accessed, dirty); a
 * second fault in the same slot finds it there.
 */
Test(pgtable, first_fault_in_a_4mib_slot_allocates_its_page_table)
{
	struct mm_struct *mm = cur_mm();
	pgd_t pde;

	cr_assert_eq(t_mmap(BASE, 8 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_null(pte_offset_map(mm, BASE), "no table before the first fault");
	cr_assert_eq(mm->nr_ptes, 0);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	pde = mm->pgd[pgd_index(BASE)];
	cr_assert_eq(pgd_index(BASE), 0x100);
	cr_assert_eq(pde & ~PAGE_MASK, _PAGE_TABLE);
	cr_assert_eq(pde & ~PAGE_MASK, 0x67);
	cr_assert(pfn_to_page(m, pde >> PAGE_SHIFT)->flags & PG_pgtable);
	cr_assert_eq(mm->nr_ptes, 1);
	cr_assert_eq(frames_used(), 2 + 1 + 1, "zero, pgd, the table, the page");
	cr_assert_eq(t_touch(BASE + 7 * P, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(mm->nr_ptes, 1, "same 4 MiB: same table");
	cr_assert_eq(mm->pgd[pgd_index(BASE)], pde);
}

/*
 * 403ff000-40401000: AA straddles two slots   [T][T]
 */
Test(pgtable, vma_straddling_two_slots_gets_a_table_in_each)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE + MB4 - P, 2 * P, RW, ANON_FIXED), (long)(BASE + MB4 - P));
	cr_assert_eq(t_touch(BASE + MB4 - P, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(mm->nr_ptes, 2);
	cr_assert(mm->pgd[pgd_index(BASE)] & _PAGE_PRESENT);
	cr_assert(mm->pgd[pgd_index(BASE + MB4)] & _PAGE_PRESENT);
	cr_assert_not_null(pte_offset_map(mm, BASE + MB4 - P));
	cr_assert_not_null(pte_offset_map(mm, BASE + MB4));
	cr_assert_null(pte_offset_map(mm, BASE + 2 * MB4));
}

/*
 * slot 40000000: A.....B...   [T]
 * munmap A: B still uses the slot (ceiling = B's start is inside it): the
 * table stays. munmap B: nothing uses it any more: freed.
 */
Test(pgtable, munmap_frees_a_table_only_when_no_vma_uses_its_4mib)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 0x100000, P, RW, ANON_FIXED), (long)(BASE + 0x100000));
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + 0x100000, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(mm->nr_ptes, 1);
	cr_assert_eq(frames_used(), used + 3);
	cr_assert_eq(t_munmap(BASE, P), 0);
	cr_assert_eq(mm->nr_ptes, 1, "B still uses the table");
	cr_assert_eq(pte_at(mm, BASE), 0, "A's PTE is zapped");
	cr_assert_eq(frames_used(), used + 2);
	cr_assert_eq(t_munmap(BASE + 0x100000, P), 0);
	cr_assert_eq(mm->nr_ptes, 0);
	cr_assert_eq(mm->pgd[pgd_index(BASE)], 0);
	cr_assert_eq(frames_used(), used);
}

/*
 * slot 3fc00000 | slot 40000000
 *   ........AA | BB........
 * munmap B: A ends in the slot below (floor = A's end <= 40000000): the
 * table of 40000000 is freed, A's is kept.
 */
Test(pgtable, munmap_frees_the_table_above_a_vma_ending_in_the_slot_below)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE - 2 * P, 2 * P, RW, ANON_FIXED), (long)(BASE - 2 * P));
	cr_assert_eq(t_mmap(BASE, 2 * P, PROT_READ, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE - 2 * P, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(mm->nr_ptes, 2);
	cr_assert_eq(t_munmap(BASE, 2 * P), 0);
	cr_assert_eq(mm->nr_ptes, 1);
	cr_assert_eq(mm->pgd[pgd_index(BASE)], 0);
	cr_assert(mm->pgd[pgd_index(BASE - P)] & _PAGE_PRESENT);
}

/*
 * 403fe000-40402000: AAAA over two slots   [T][T]
 * munmap the lower half: the rest starts at 40400000, the ceiling, so the
 * lower slot's table has no user left and goes; the upper stays.
 */
Test(pgtable, munmap_of_the_lower_half_of_a_straddling_vma_frees_the_lower_table)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE + MB4 - 2 * P, 4 * P, RW, ANON_FIXED), (long)(BASE + MB4 - 2 * P));
	cr_assert_eq(t_touch(BASE + MB4 - 2 * P, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(mm->nr_ptes, 2);
	cr_assert_eq(t_munmap(BASE + MB4 - 2 * P, 2 * P), 0);
	cr_assert_eq(mm->nr_ptes, 1);
	cr_assert_eq(mm->pgd[pgd_index(BASE)], 0);
	cr_assert(mm->pgd[pgd_index(BASE + MB4)] & _PAGE_PRESENT);
	cr_assert_eq(mm->rss, 2);
}

/*
 * AAAA over two slots; munmap the middle two pages (the last of the lower
 * slot, the first of the upper): both slots still have a piece of A.
 */
Test(pgtable, munmap_of_the_middle_of_a_straddling_vma_keeps_both_tables)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE + MB4 - 2 * P, 4 * P, RW, ANON_FIXED), (long)(BASE + MB4 - 2 * P));
	cr_assert_eq(t_touch(BASE + MB4 - 2 * P, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_munmap(BASE + MB4 - P, 2 * P), 0);
	cr_assert_eq(mm->nr_ptes, 2);
	cr_assert_eq(mm->rss, 2);
	cr_assert_eq(pte_at(mm, BASE + MB4 - P), 0);
	cr_assert_eq(pte_at(mm, BASE + MB4), 0);
}

/* munmap where nothing is mapped neither allocates nor frees a table */
Test(pgtable, munmap_of_a_hole_leaves_the_tables_alone)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_munmap(BASE + 4 * P, 4 * P), 0);
	cr_assert_eq(mm->nr_ptes, 1);
	cr_assert_eq(t_munmap(BASE + 3 * MB4, MB4), 0);
	cr_assert_eq(mm->nr_ptes, 1);
}

/*
 * a VMA mapped but never touched has no table, and unmapping it frees none
 * of the tables its neighbours use.
 */
Test(pgtable, untouched_vma_has_no_table)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, 3 * MB4, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(mm->nr_ptes, 0);
	cr_assert_eq(t_touch(BASE + MB4, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(mm->nr_ptes, 1);
	cr_assert_null(pte_offset_map(mm, BASE));
	cr_assert_null(pte_offset_map(mm, BASE + 2 * MB4));
}

/* exit gives back every table and the directory with the mm */
Test(pgtable, exit_frees_every_table_and_the_directory)
{
	unsigned long used = frames_used();

	cr_assert_eq(t_fork(), 2);
	t_use(2);
	cr_assert_eq(t_mmap(BASE, 3 * MB4, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + MB4, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + 2 * MB4, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(cur_mm()->nr_ptes, 3);
	cr_assert_eq(frames_used(), used + 1 + 3 + 2);
	cr_assert_eq(t_exit(2, 0), 0);
	cr_assert_eq(frames_used(), used);
}

/*
 * The child's page tables are frames of its own, made at fork only for the
 * VMAs it copies PTEs of (those with an anon_vma), as copy_pmd_range does.
 */
Test(pgtable, fork_gives_the_child_its_own_tables_for_copied_vmas_only)
{
	struct mm_struct *parent = cur_mm(), *child;

	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 2 * MB4, P, PROT_READ, PRIVATE_FIXED, "f", 0),
		     (long)(BASE + 2 * MB4));
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + 2 * MB4, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(parent->nr_ptes, 2);
	cr_assert_eq(t_fork(), 2);
	child = mm_of(2);
	cr_assert_eq(child->nr_ptes, 1, "the file VMA has no anon_vma: not copied");
	cr_assert(child->pgd[pgd_index(BASE)] & _PAGE_PRESENT);
	cr_assert_neq(child->pgd[pgd_index(BASE)] >> PAGE_SHIFT,
		      parent->pgd[pgd_index(BASE)] >> PAGE_SHIFT);
	cr_assert_eq(child->pgd[pgd_index(BASE + 2 * MB4)], 0);
}

/* pgtable_reserve: n frames ready as tables; pgtable_unreserve gives them back */
Test(pgtable, pgtable_reserve_takes_frames_and_unreserve_gives_them_back)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();

	cr_assert_eq(pgtable_reserve(mm, 3), 0);
	cr_assert_eq(mm->nr_pt_reserve, 3);
	cr_assert_eq(frames_used(), used + 3);
	cr_assert(mm->pt_reserve[0]->flags & PG_pgtable);
	pgtable_unreserve(mm);
	cr_assert_eq(mm->nr_pt_reserve, 0);
	cr_assert_null(mm->pt_reserve);
	cr_assert_eq(frames_used(), used);
	CHECK_VALID();
}

/* pte_alloc_map takes a reserved table before allocating one */
Test(pgtable, pte_alloc_map_uses_a_reserved_table_first)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used(), pfn;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(pgtable_reserve(mm, 1), 0);
	pfn = page_to_pfn(m, mm->pt_reserve[0]);
	cr_assert_not_null(pte_alloc_map(mm, BASE));
	cr_assert_eq(mm->pgd[pgd_index(BASE)] >> PAGE_SHIFT, pfn);
	cr_assert_eq(mm->nr_pt_reserve, 0);
	cr_assert_eq(mm->nr_ptes, 1);
	pgtable_unreserve(mm);
	cr_assert_eq(frames_used(), used + 1);
	CHECK_VALID();
}

/* a reserve that cannot be had in full keeps nothing */
Test(pgtable_small, pgtable_reserve_of_more_frames_than_free_keeps_nothing)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();

	cr_assert_eq(pgtable_reserve(mm, 300), -ENOMEM);
	cr_assert_eq(mm->nr_pt_reserve, 0);
	cr_assert_null(mm->pt_reserve);
	cr_assert_eq(frames_used(), used);
	CHECK_VALID();
}

/* ... and so does one whose allocations fail part way (failslab) */
Test(pgtable, pgtable_reserve_failing_allocation_keeps_nothing)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used(), nth;

	for (nth = 1; nth <= 4; nth++) {
		failslab_set(nth);
		cr_assert_eq(pgtable_reserve(mm, 3), -ENOMEM, "allocation %lu failing", nth);
		failslab_set(0);
		cr_assert_eq(mm->nr_pt_reserve, 0);
		cr_assert_null(mm->pt_reserve);
		cr_assert_eq(frames_used(), used);
		CHECK_VALID();
	}
}

/* pte_alloc_map fails (NULL) when no frame is left for the table */
Test(pgtable_small, pte_alloc_map_fails_without_a_free_frame)
{
	static struct page *got[256];
	struct mm_struct *mm = cur_mm();
	unsigned long n = 0;
	struct page *p;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	while ((p = alloc_page(m)) != NULL)
		got[n++] = p;
	cr_assert_null(pte_alloc_map(mm, BASE));
	cr_assert_eq(mm->nr_ptes, 0);
	cr_assert_eq(mm->pgd[pgd_index(BASE)], 0);
	while (n)
		__free_page(m, got[--n]);
	CHECK_VALID();
}

/*
 * free_pgtables(floor, ceiling, start, end) on its own: a table goes only
 * when its whole 4 MiB lies in [floor, ceiling).
 */
Test(pgtable, free_pgtables_frees_only_slots_inside_floor_and_ceiling)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, 2 * MB4, RW, ANON_FIXED), (long)BASE);
	cr_assert_not_null(pte_alloc_map(mm, BASE));
	cr_assert_not_null(pte_alloc_map(mm, BASE + MB4));
	cr_assert_eq(free_pgtables(mm, BASE + P, TASK_SIZE, BASE, BASE + 2 * MB4), 1,
		     "floor inside the first slot keeps it");
	cr_assert(mm->pgd[pgd_index(BASE)] & _PAGE_PRESENT);
	cr_assert_eq(mm->pgd[pgd_index(BASE + MB4)], 0);
	cr_assert_not_null(pte_alloc_map(mm, BASE + MB4));
	cr_assert_eq(free_pgtables(mm, 0, BASE + MB4 + P, BASE, BASE + 2 * MB4), 1,
		     "ceiling inside the second slot keeps it");
	cr_assert_eq(mm->pgd[pgd_index(BASE)], 0);
	cr_assert(mm->pgd[pgd_index(BASE + MB4)] & _PAGE_PRESENT);
	cr_assert_eq(free_pgtables(mm, 0, TASK_SIZE, BASE, BASE), 0, "empty range");
	cr_assert_eq(free_pgtables(mm, 0, TASK_SIZE, 0, TASK_SIZE), 1);
	cr_assert_eq(mm->nr_ptes, 0);
	CHECK_VALID();
}
