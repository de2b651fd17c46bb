/*
 * test_pagewalk.c - Criterion tests for vmcore/pagewalk.c, the read-only
 * walks views use: walk_page_range over an mm's tables, follow_pte for one
 * address, get_page_info and walk_frames for the frames, si_meminfo, and
 * vma_file_page; and for context_switch and for_each_process (machine.c),
 * the other calls a client needs instead of touching the machine.
 *
 * Pictures: one character per page of a range ('.' no VMA, a letter per
 * VMA, '*' a page present), "|" where a 4 MiB page table ends.
 */
#include "vmtest_mem.h"

#define MB4	PGDIR_SIZE

TestSuite(pagewalk, .init = vm_setup, .fini = vm_teardown);

struct seen {			/* what a walk called back with */
	unsigned long pde_addr[8], pde_next[8];
	unsigned int pde_ptes[8];
	pgd_t pde[8];
	int npde;
	unsigned long pte_addr[64];
	pte_t pte[64];
	int npte;
	int stop_after;		/* pte_entry returns 7 on this call (from 1); 0: never */
};

static int on_pgd(pgd_t pde, unsigned long addr, unsigned long next, unsigned int nr_ptes,
		  struct mm_walk *walk)
{
	struct seen *s = walk->private;

	cr_assert_lt(s->npde, 8);
	s->pde[s->npde] = pde;
	s->pde_addr[s->npde] = addr;
	s->pde_next[s->npde] = next;
	s->pde_ptes[s->npde++] = nr_ptes;
	return 0;
}

static int on_pte(pte_t pte, unsigned long addr, struct mm_walk *walk)
{
	struct seen *s = walk->private;

	cr_assert_lt(s->npte, 64);
	s->pte[s->npte] = pte;
	s->pte_addr[s->npte++] = addr;
	return s->npte == s->stop_after ? 7 : 0;
}

static int walk(struct mm_struct *mm, unsigned long start, unsigned long end, struct seen *s)
{
	struct mm_walk w = { .pgd_entry = on_pgd, .pte_entry = on_pte, .mm = mm, .private = s };

	return walk_page_range(start, end, &w);
}

/*
 *   3ffff000 | 40000000 40001000 40002000 40003000
 *   *        |    *        .        *        .      (4 pages of A, the one below in B)
 * A walk of everything gives both tables, each with its PTEs in use, then
 * the PTEs in address order: the table 3fc00000-40000000 first.
 */
Test(pagewalk, walk_page_range_gives_each_table_then_its_ptes_in_address_order)
{
	struct seen s = { .npde = 0 };

	cr_assert_eq(t_mmap(BASE - P, P, RW, ANON_FIXED), (long)(BASE - P));
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE - P, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + 2 * P, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(walk(cur_mm(), 0, 1UL << 32, &s), 0);
	cr_assert_eq(s.npde, 2);
	cr_assert_eq(s.pde_addr[0], BASE - MB4);
	cr_assert_eq(s.pde_next[0], BASE);
	cr_assert_eq(s.pde_ptes[0], 1);
	cr_assert_eq(s.pde[0], cur_mm()->pgd[pgd_index(BASE - P)]);
	cr_assert_eq(s.pde_addr[1], BASE);
	cr_assert_eq(s.pde_ptes[1], 2);
	cr_assert_eq(s.npte, 3);
	cr_assert_eq(s.pte_addr[0], BASE - P);
	cr_assert_eq(s.pte_addr[1], BASE);
	cr_assert_eq(s.pte_addr[2], BASE + 2 * P);
	cr_assert_eq(s.pte[1], pte_at(cur_mm(), BASE));
	cr_assert_eq(pte_pfn(s.pte[2]), page_to_pfn(m, zero_page(m)), "a read maps the zero page");
}

/* A part of a table: only its PTEs in the range, but the table counted whole. */
Test(pagewalk, walk_of_a_subrange_gives_its_ptes_and_counts_the_whole_table)
{
	struct seen s = { .npde = 0 };

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(walk(cur_mm(), BASE + P, BASE + 3 * P, &s), 0);
	cr_assert_eq(s.npde, 1);
	cr_assert_eq(s.pde_ptes[0], 4);
	cr_assert_eq(s.npte, 2);
	cr_assert_eq(s.pte_addr[0], BASE + P);
	cr_assert_eq(s.pte_addr[1], BASE + 2 * P);
}

/* A callback's non-zero value stops the walk and is what it returns. */
Test(pagewalk, a_callback_stops_the_walk_with_its_value)
{
	struct seen s = { .stop_after = 2 };

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(walk(cur_mm(), 0, 1UL << 32, &s), 7);
	cr_assert_eq(s.npte, 2);
}

/* An exited task has no mm: a walk of it sees nothing; an empty range neither. */
Test(pagewalk, nothing_to_walk_without_an_mm_or_a_range)
{
	struct seen s = { .npde = 0 };
	pgd_t pde = 1;
	pte_t pte = 1;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(walk(NULL, 0, 1UL << 32, &s), 0);
	cr_assert_eq(walk(cur_mm(), BASE, BASE, &s), 0);
	cr_assert_eq(s.npde + s.npte, 0);
	cr_assert_eq(follow_pte(NULL, BASE, &pde, &pte), 0);
	cr_assert_eq(pde, 0);
	cr_assert_eq(pte, 0);
}

/* follow_pte stops at a PDE with no table, else gives the PTE, none or not. */
Test(pagewalk, follow_pte_gives_the_pde_and_the_pte_when_there_is_a_table)
{
	pgd_t pde;
	pte_t pte;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(follow_pte(cur_mm(), BASE, &pde, &pte), 0);
	cr_assert_eq(pde, 0);
	cr_assert_eq(pte, 0);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(follow_pte(cur_mm(), BASE, &pde, &pte), 1);
	cr_assert_eq(pde, cur_mm()->pgd[pgd_index(BASE)]);
	cr_assert_eq(pte, pte_at(cur_mm(), BASE));
	cr_assert(pte & _PAGE_PRESENT);
	cr_assert_eq(follow_pte(cur_mm(), BASE + P, &pde, &pte), 1, "same table");
	cr_assert_eq(pte, 0, "never touched: none");
}

/* get_page_info: the zero page, an anonymous page, a page table, a file's page. */
Test(pagewalk, get_page_info_says_what_each_frame_holds)
{
	struct page_info pi;
	unsigned long pfn;

	mkfile("f", 3 * P);
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + P, 2 * P, PROT_READ, PRIVATE_FIXED, "f", P),
		     (long)(BASE + P));
	cr_assert_eq(t_write_str(BASE, "x"), 0);
	cr_assert_eq(t_touch(BASE + P, 1, VM_ACCESS_READ), 0);

	cr_assert_eq(get_page_info(m, 0, &pi), 0);
	cr_assert(pi.used && pi.zero && !pi.anon && !pi.cache && !pi.written);

	pfn = pfn_at(cur_mm(), BASE);
	cr_assert_eq(get_page_info(m, pfn, &pi), 0);
	cr_assert_eq(pi.pfn, pfn);
	cr_assert(pi.used && pi.anon && pi.written && !pi.zero && !pi.pgtable && !pi.cache);
	cr_assert_eq(pi.anon_vma_id, cur_mm()->mmap->anon_vma->id);
	cr_assert_neq(pi.anon_vma_id, 0);
	cr_assert_eq(pi.count, 1);
	cr_assert_eq(pi.mapcount, 1);
	cr_assert_null(pi.host);

	cr_assert_eq(get_page_info(m, cur_mm()->pgd[pgd_index(BASE)] >> PAGE_SHIFT, &pi), 0);
	cr_assert(pi.pgtable && pi.written && !pi.anon);

	pfn = pfn_at(cur_mm(), BASE + P);
	cr_assert_eq(get_page_info(m, pfn, &pi), 0);
	cr_assert(pi.cache && !pi.anon && !pi.written && !pi.dirty);
	cr_assert_eq(pi.host, inode_of("f"));
	cr_assert_eq(pi.index, 1, "page 1 of f, mapped at offset 4k");
	cr_assert_eq(pi.count, 2, "the page cache and the PTE");
	cr_assert_eq(pi.mapcount, 1);

	pi.pfn = 12345;
	cr_assert_eq(get_page_info(m, m->pgdat.nr_pages, &pi), -EINVAL);
	cr_assert_eq(pi.pfn, 12345, "untouched");
}

static int count_frame(const struct page_info *pi, void *priv)
{
	unsigned long *last = priv;

	cr_assert(pi->used);
	cr_assert(last[1] == 0 || pi->pfn > last[0], "in frame order");
	last[0] = pi->pfn;
	last[1]++;
	return 0;
}

static int stop_at_third(const struct page_info *pi, void *priv)
{
	(void)pi;
	return ++*(int *)priv == 3 ? 5 : 0;
}

/* walk_frames visits exactly the frames in use, in order; si_meminfo counts them. */
Test(pagewalk, walk_frames_visits_every_frame_in_use_and_si_meminfo_counts_them)
{
	unsigned long seen[2] = { 0, 0 };
	struct vm_meminfo mi;
	int calls = 0;

	cr_assert_eq(t_mmap(BASE, 8 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 8 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(t_exit(2, 0), 0);
	cr_assert_eq(walk_frames(m, count_frame, seen), 0);
	si_meminfo(m, &mi);
	cr_assert_eq(seen[1], frames_used());
	cr_assert_eq(mi.totalram, m->pgdat.nr_pages);
	cr_assert_eq(mi.totalram - mi.freeram, frames_used());
	cr_assert_eq(mi.written, m->pgdat.nr_written);
	cr_assert_eq(walk_frames(m, stop_at_third, &calls), 5);
	cr_assert_eq(calls, 3);
}

/* vma_file_page: pgoff counted in, past the end of the file, anonymous memory. */
Test(pagewalk, vma_file_page_is_the_page_of_the_file_or_past_its_end)
{
	const struct vm_area_struct *file_vma, *anon_vma;
	unsigned long index = 99;

	mkfile("f", 2 * P + 1);		/* pages 0, 1, 2 (partly) */
	cr_assert_eq(t_mmap_file(BASE, 4 * P, PROT_READ, PRIVATE_FIXED, "f", P), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 4 * P, P, RW, ANON_FIXED), (long)(BASE + 4 * P));
	file_vma = cur_mm()->mmap;
	anon_vma = file_vma->vm_next;
	cr_assert_eq(vma_file_page(file_vma, BASE + P + 5, &index), 1);
	cr_assert_eq(index, 2);
	cr_assert_eq(vma_file_page(file_vma, BASE + 2 * P, &index), 0, "page 3: past the end");
	cr_assert_eq(index, 3);
	index = 99;
	cr_assert_eq(vma_file_page(anon_vma, BASE + 4 * P, &index), -EINVAL);
	cr_assert_eq(index, 99);
}

/* context_switch: system calls act on the task it names. */
Test(pagewalk, context_switch_makes_system_calls_act_on_the_next_task)
{
	cr_assert_eq(t_fork(), 2);
	context_switch(m, task_of(2));
	cr_assert_eq(m->current, task_of(2));
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(mm_of(2)->map_count, 1);
	cr_assert_eq(mm_of(1)->map_count, 0);
	context_switch(m, NULL);
	cr_assert_null(m->current);
	context_switch(m, task_of(1));
}

/* for_each_process: every task by pid, zombies too. */
Test(pagewalk, for_each_process_visits_every_task_by_pid)
{
	const struct machine *cm;
	const struct task_struct *t;
	int pids[4], n = 0;

	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(t_fork(), 3);
	cr_assert_eq(t_exit(2, 0), 0);
	cm = m;
	for_each_process(cm, t) {
		cr_assert_lt(n, 4);
		pids[n++] = t->pid;
	}
	cr_assert_eq(n, 3);
	cr_assert_eq(pids[0], 1);
	cr_assert_eq(pids[1], 2);
	cr_assert_eq(pids[2], 3);
	cr_assert_eq(task_of(2)->state, EXIT_ZOMBIE);
}
