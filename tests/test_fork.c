/*
 * test_fork.c - Criterion tests for vmcore/fork.c: do_fork and copy_mm,
 * dup_mmap as seed 001 walks it (VM_DONTCOPY skipped with total_vm
 * adjusted, VM_LOCKED cleared in the child, file references, i_writecount
 * for VM_DENYWRITE, the child's VMA on the share list just after the
 * parent's, copy_page_range with copy-on-write), CLONE_VM sharing the mm,
 * and a failed fork leaving the machine exactly as it was. Expected
 * values are Linux 2.6's (kernel/fork.c, mm/memory.c).
 *
 * Pictures: parent / child, one character per page from 40000000: '.'
 * no VMA, a lowercase letter a VMA's page not present, '*' a page of its
 * own, '#' a page shared copy-on-write (read-only in both), 'c' a page
 * cache page.
 */
#include "vmtest_mem.h"

TestSuite(fork, .init = vm_setup, .fini = vm_teardown);
TestSuite(fork_small, .init = vm_setup_small, .fini = vm_teardown);

static struct vm_area_struct *vma_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v;

	for (v = mm->mmap; v; v = v->vm_next)
		if (v->vm_start <= addr && addr < v->vm_end)
			return v;
	cr_assert_fail("no VMA holds %08lx", addr);
	return NULL;
}

/* maps_of - maps_str() of another task */
static const char *maps_of(int pid)
{
	struct task_struct *saved = m->current;
	const char *s;

	m->current = task_of(pid);
	s = maps_str();
	m->current = saved;
	return s;
}

/* ---- the copy of the address space -------------------------------------- */

/*
 * parent: aa.b.c   child: aa.b.c
 * Pids are handed out in order; the child's mm is a new one holding a copy
 * of every VMA, the same counters, one user each.
 */
Test(fork, child_gets_the_next_pid_and_a_copy_of_every_vma)
{
	struct mm_struct *parent = cur_mm(), *child;
	char want[512];

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 3 * P, P, PROT_READ, ANON_FIXED), (long)(BASE + 3 * P));
	cr_assert_eq(t_mmap(BASE + 5 * P, P, PROT_READ | PROT_EXEC, ANON_FIXED), (long)(BASE + 5 * P));
	snprintf(want, sizeof(want), "%s", maps_str());
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(t_fork(), 3);
	child = mm_of(2);
	cr_assert_neq(child, parent);
	cr_assert_str_eq(maps_of(2), want);
	cr_assert_eq(child->map_count, 3);
	cr_assert_eq(child->total_vm, parent->total_vm);
	cr_assert_eq(child->mm_users, 1);
	cr_assert_eq(parent->mm_users, 1);
	cr_assert_eq(task_of(2)->parent, task_of(1));
	cr_assert_eq(m->nr_tasks, 3);
	cr_assert_eq(m->vm_committed_space, 3 * 2, "each copy of the rw VMA is charged");
}

/* the child starts with no faults of its own or of children */
Test(fork, child_starts_with_zero_fault_counts)
{
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	task_of(1)->cmin_flt = 7;
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(task_of(2)->min_flt, 0);
	cr_assert_eq(task_of(2)->maj_flt, 0);
	cr_assert_eq(task_of(2)->cmin_flt, 0);
	cr_assert_eq(task_of(2)->cmaj_flt, 0);
}

/*
 * parent: **   child: ##  (and the parent's become ## too)
 * copy_page_range: both PTEs map the same frame read-only (ptep_set_wrprotect
 * in the parent), dirty kept, the child's old; two mappings, two references.
 */
Test(fork, fork_write_protects_private_ptes_in_both)
{
	struct mm_struct *parent = cur_mm(), *child;
	struct page *page;
	pte_t pp, cp;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert(pte_at(parent, BASE) & _PAGE_RW);
	cr_assert_eq(t_fork(), 2);
	child = mm_of(2);
	pp = pte_at(parent, BASE);
	cp = pte_at(child, BASE);
	cr_assert_eq(pte_pfn(pp), pte_pfn(cp));
	cr_assert_not(pp & _PAGE_RW, "parent write-protected");
	cr_assert_not(cp & _PAGE_RW, "child write-protected");
	cr_assert(pp & _PAGE_DIRTY);
	cr_assert(cp & _PAGE_DIRTY, "a private PTE keeps D in the child");
	cr_assert(pp & _PAGE_ACCESSED);
	cr_assert_not(cp & _PAGE_ACCESSED, "pte_mkold in the child");
	page = page_at(parent, BASE);
	cr_assert_eq(page_mapcount(page), 2);
	cr_assert_eq(page->_count, 2);
	cr_assert_eq(child->rss, 2);
	cr_assert_eq(child->anon_rss, 2);
	cr_assert_eq(child->hiwater_rss, 2, "dup_mm: hiwater_rss = rss");
}

/* the child reads what the parent wrote, through the copied PTEs: no fault */
Test(fork, child_reads_the_parents_data_without_faulting)
{
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE + P + 3, "inherited"), 0);
	cr_assert_eq(t_fork(), 2);
	t_use(2);
	expect_str(BASE + P + 3, "inherited");
	cr_assert_eq(m->current->min_flt, 0);
}

/*
 * parent: #   child: #
 * child writes:   parent: *   child: *  (a copy; the old page is the
 * parent's alone, mapcount 1); the parent then writes: do_wp_page reuses
 * its page, no new frame.
 */
Test(fork, child_write_copies_and_parent_then_reuses_without_copying)
{
	struct mm_struct *parent = cur_mm();
	unsigned long pfn, used;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "original"), 0);
	pfn = pfn_at(parent, BASE);
	cr_assert_eq(t_fork(), 2);
	used = frames_used();
	t_use(2);
	cr_assert_eq(t_write_str(BASE, "child"), 0);
	cr_assert_eq(m->current->min_flt, 1);
	cr_assert_eq(frames_used(), used + 1, "one copy");
	cr_assert_neq(pfn_at(cur_mm(), BASE), pfn);
	cr_assert(pte_at(cur_mm(), BASE) & _PAGE_RW);
	cr_assert_eq(page_mapcount(pfn_to_page(m, pfn)), 1);
	cr_assert_eq(pfn_to_page(m, pfn)->_count, 1);
	expect_str(BASE, "childnal");
	t_use(1);
	expect_str(BASE, "original");
	cr_assert_eq(t_write_str(BASE, "parent"), 0);
	cr_assert_eq(m->current->min_flt, 2, "the write faulted once");
	cr_assert_eq(pfn_at(parent, BASE), pfn, "reused");
	cr_assert(pte_at(parent, BASE) & _PAGE_RW);
	cr_assert_eq(frames_used(), used + 1, "no second copy");
	expect_str(BASE, "parental");
}

/* the same with the parent writing first */
Test(fork, parent_write_copies_and_child_then_reuses_without_copying)
{
	unsigned long pfn, used;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "original"), 0);
	pfn = pfn_at(cur_mm(), BASE);
	cr_assert_eq(t_fork(), 2);
	used = frames_used();
	cr_assert_eq(t_write_str(BASE, "parent"), 0);
	cr_assert_neq(pfn_at(cur_mm(), BASE), pfn);
	cr_assert_eq(frames_used(), used + 1);
	t_use(2);
	cr_assert_eq(t_write_str(BASE, "child"), 0);
	cr_assert_eq(pfn_at(cur_mm(), BASE), pfn);
	cr_assert_eq(frames_used(), used + 1);
	expect_str(BASE, "childnal");
	t_use(1);
	expect_str(BASE, "parental");
}

/*
 * three sharers: parent, child, grandchild all map one page (#, mapcount
 * 3). The first two writers copy; the last one left reuses.
 */
Test(fork, three_sharers_copy_twice_and_the_last_reuses)
{
	unsigned long pfn, used;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "0"), 0);
	pfn = pfn_at(cur_mm(), BASE);
	cr_assert_eq(t_fork(), 2);
	t_use(2);
	cr_assert_eq(t_fork(), 3);
	cr_assert_eq(page_mapcount(pfn_to_page(m, pfn)), 3);
	used = frames_used();
	cr_assert_eq(t_write_str(BASE, "2"), 0);
	t_use(3);
	cr_assert_eq(t_write_str(BASE, "3"), 0);
	cr_assert_eq(frames_used(), used + 2);
	t_use(1);
	cr_assert_eq(t_write_str(BASE, "1"), 0);
	cr_assert_eq(pfn_at(cur_mm(), BASE), pfn);
	cr_assert_eq(frames_used(), used + 2);
	expect_str(BASE, "1");
	t_use(2);
	expect_str(BASE, "2");
	t_use(3);
	expect_str(BASE, "3");
}

/*
 * parent: z (a read, in a VMA that has an anon_vma because another page
 * was written): the child's copy maps the zero page too.
 */
Test(fork, zero_page_ptes_are_copied_with_a_reference)
{
	int zc;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + P, 1, VM_ACCESS_READ), 0);
	zc = zero_page(m)->_count;
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(pfn_at(mm_of(2), BASE + P), 0);
	cr_assert_eq(zero_page(m)->_count, zc + 1);
	cr_assert_eq(mm_of(2)->rss, 1, "the zero page is not rss");
}

/* ---- VMAs copy_page_range leaves to the faults --------------------------- */

/*
 * parent: zz (read only: no anon_vma)   child: aa, rss 0
 * 2.6 copies no PTE of a VMA without an anon_vma: a fault can fill it again.
 */
Test(fork, anonymous_vma_only_read_has_no_anon_vma_and_is_not_copied)
{
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(pte_at(mm_of(2), BASE), 0);
	cr_assert_eq(mm_of(2)->nr_ptes, 0);
	t_use(2);
	expect_bytes(BASE, 2 * P, 0);
	cr_assert_eq(m->current->min_flt, 2);
}

/*
 * file f: private r-- (cc), shared rw (cc), shared anonymous (**): none
 * has an anon_vma, so the child starts with rss 0 there and its faults
 * find the same pages (minor: cached).
 */
Test(fork, file_and_shared_vmas_are_not_copied_but_fault_in_the_same_pages)
{
	struct mm_struct *parent = cur_mm();

	mkfile("f", 2 * P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 4 * P, 2 * P, RW, MAP_SHARED | MAP_FIXED, "f", 0), (long)(BASE + 4 * P));
	cr_assert_eq(t_mmap(BASE + 8 * P, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)(BASE + 8 * P));
	expect_bytes(BASE, 4, 'A');
	cr_assert_eq(t_write_str(BASE + 5 * P, "shared file"), 0);
	cr_assert_eq(t_write_str(BASE + 9 * P, "shared anon"), 0);
	cr_assert_eq(parent->rss, 3);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(mm_of(2)->rss, 0);
	cr_assert_eq(mm_of(2)->nr_ptes, 0);
	t_use(2);
	expect_bytes(BASE, 4, 'A');
	expect_str(BASE + 5 * P, "shared file");
	expect_str(BASE + 9 * P, "shared anon");
	cr_assert_eq(m->current->maj_flt, 0);
	cr_assert_eq(m->current->min_flt, 3);
	cr_assert_eq(page_at(cur_mm(), BASE), page_at(parent, BASE));
	cr_assert_eq(page_at(cur_mm(), BASE + 5 * P), page_at(parent, BASE + 5 * P));
	cr_assert_eq(page_at(cur_mm(), BASE + 9 * P), page_at(parent, BASE + 9 * P));
}

/*
 * a private file mapping written once has an anon_vma: every PTE is
 * copied, the cache pages (c) and the private copy (*) alike.
 */
Test(fork, private_file_vma_with_an_anon_vma_is_copied_whole)
{
	struct mm_struct *child;

	mkfile("f", 2 * P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, RW, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	expect_bytes(BASE, 4, 'A');
	cr_assert_eq(t_write_str(BASE + P, "mine"), 0);
	cr_assert_eq(t_fork(), 2);
	child = mm_of(2);
	cr_assert_eq(child->rss, 2);
	cr_assert_eq(child->anon_rss, 1);
	cr_assert_eq(page_at(child, BASE), page_at(cur_mm(), BASE));
	cr_assert_eq(page_mapcount(page_at(child, BASE)), 2);
	t_use(2);
	expect_str(BASE + P, "mine");
}

/* ---- what dup_mmap does to the VMAs ------------------------------------- */

/*
 * parent: aa bb (b dontfork)   child: aa
 * VM_DONTCOPY: not copied, its pages taken off the child's total_vm (and
 * the vm_stat counters), its VM_ACCOUNT charge not made again.
 */
Test(fork, dontcopy_vma_is_skipped_and_total_vm_adjusted)
{
	struct mm_struct *child;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 4 * P, 3 * P, RW, ANON_FIXED | MAP_GROWSDOWN), (long)(BASE + 4 * P));
	cr_assert_eq(t_touch(BASE + 4 * P, 3 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_madvise(BASE + 4 * P, 3 * P, MADV_DONTFORK), 0);
	cr_assert_eq(cur_mm()->stack_vm, 3);
	cr_assert_eq(m->vm_committed_space, 5);
	cr_assert_eq(t_fork(), 2);
	child = mm_of(2);
	cr_assert_str_eq(maps_of(2), "40000000-40002000 rw-p 0");
	cr_assert_eq(child->map_count, 1);
	cr_assert_eq(child->total_vm, 2);
	cr_assert_eq(child->stack_vm, 0);
	cr_assert_eq(child->rss, 0);
	cr_assert_eq(m->vm_committed_space, 5 + 2);
	cr_assert_eq(vma_at(cur_mm(), BASE + 4 * P)->anon_vma->refcount, 1);
}

/*
 * parent: LLLL (mlocked)   child: ## unlocked
 * VM_LOCKED is not inherited: the child's VMA is unlocked, locked_vm 0;
 * its PTEs are copied as any others.
 */
Test(fork, locked_vma_is_unlocked_in_the_child)
{
	struct mm_struct *child;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	cr_assert_eq(cur_mm()->locked_vm, 4);
	cr_assert_eq(t_fork(), 2);
	child = mm_of(2);
	cr_assert_eq(child->locked_vm, 0);
	cr_assert_not(child->mmap->vm_flags & VM_LOCKED);
	cr_assert(cur_mm()->mmap->vm_flags & VM_LOCKED);
	cr_assert_eq(cur_mm()->locked_vm, 4);
	cr_assert_eq(child->rss, 4);
	cr_assert_eq(page_mapcount(page_at(child, BASE + 3 * P)), 2);
}

/*
 * f mapped private and shared: the child's VMAs hold the same struct
 * files (f_count up), go on f's share list just after the parent's, and
 * the shared writer's i_writecount does not change (no new open).
 */
Test(fork, child_vmas_take_file_references_and_join_the_share_list_after_the_parents)
{
	struct inode *inode;
	struct vm_area_struct *pv, *sv;
	struct file *pf, *sf;

	mkfile("f", 2 * P);
	inode = inode_of("f");
	cr_assert_eq(t_mmap_file(BASE, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 4 * P, 2 * P, RW, MAP_SHARED | MAP_FIXED, "f", 0), (long)(BASE + 4 * P));
	pv = vma_at(cur_mm(), BASE);
	sv = vma_at(cur_mm(), BASE + 4 * P);
	pf = pv->vm_file;
	sf = sv->vm_file;
	cr_assert_eq(inode->i_writecount, 1);
	cr_assert_eq(inode->i_mapping->i_mmap_count, 2);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(pf->f_count, 2);
	cr_assert_eq(sf->f_count, 2);
	cr_assert_eq(vma_at(mm_of(2), BASE)->vm_file, pf);
	cr_assert_eq(vma_at(mm_of(2), BASE + 4 * P)->vm_file, sf);
	cr_assert_eq(inode->i_writecount, 1);
	cr_assert_eq(inode->i_mapping->i_mmap_count, 4);
	cr_assert_eq(pv->shared.next, &vma_at(mm_of(2), BASE)->shared);
	cr_assert_eq(sv->shared.next, &vma_at(mm_of(2), BASE + 4 * P)->shared);
}

/* an exec image's VM_DENYWRITE VMAs: the child's copies deny write too */
Test(fork, denywrite_vmas_decrement_i_writecount_in_the_child)
{
	struct exec_layout l = { 0, 0, 0, 0 };
	struct inode *inode;

	vm_clear_error(m);
	cr_assert_eq(do_execve(m, "/bin/sh", &l), 0, "%s", m->errmsg);
	CHECK_VALID();
	inode = inode_of("/bin/sh");
	cr_assert_eq(inode->i_writecount, -2, "text and data deny write");
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(inode->i_writecount, -4);
	cr_assert_eq(t_exit(2, 0), 0);
	cr_assert_eq(inode->i_writecount, -2);
}

/* each of the child's VMAs joins its parent VMA's anon_vma */
Test(fork, child_vmas_share_the_parents_anon_vma)
{
	struct anon_vma *x;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	x = cur_mm()->mmap->anon_vma;
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(mm_of(2)->mmap->anon_vma, x);
	cr_assert_eq(x->refcount, 2);
	cr_assert_eq(m->nr_anon_vmas, 1);
	t_use(2);
	cr_assert_eq(t_write_str(BASE, "c"), 0);
	cr_assert_eq(page_at(cur_mm(), BASE)->mapping, (void *)x, "the copy is in the same anon_vma");
}

/* the child's tree is built from the list: every lookup works */
Test(fork, child_tree_finds_every_copied_vma)
{
	struct mm_struct *child;
	int i;

	for (i = 0; i < 40; i++)
		cr_assert_eq(t_mmap(BASE + 2UL * i * P, P, i & 1 ? PROT_READ : RW, ANON_FIXED),
			     (long)(BASE + 2UL * i * P));
	cr_assert_eq(t_fork(), 2);
	child = mm_of(2);
	for (i = 0; i < 40; i++)
		cr_assert_eq(find_vma(child, BASE + 2UL * i * P)->vm_start, BASE + 2UL * i * P);
	CHECK_VALID();
}

/* ---- CLONE_VM ----------------------------------------------------------- */

/*
 * A clone(CLONE_VM) child uses the very mm of its parent: mm_users 2, the
 * same PTEs; a write by either is seen by the other without a fault.
 */
Test(fork, clone_vm_shares_the_mm_and_counts_its_users)
{
	unsigned long used;
	int pid;

	cr_assert_eq(t_fork(), 2);
	t_use(2);
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "before"), 0);
	used = frames_used();
	pid = (int)t_clone_vm();
	cr_assert_eq(pid, 3);
	cr_assert_eq(mm_of(3), mm_of(2));
	cr_assert_eq(mm_of(2)->mm_users, 2);
	cr_assert_eq(frames_used(), used, "nothing copied");
	cr_assert_eq(m->mmlist_nr, 2);
	t_use(3);
	expect_str(BASE, "before");
	cr_assert_eq(t_write_str(BASE, "after!"), 0);
	cr_assert_eq(m->current->min_flt, 0);
	cr_assert_eq(t_mmap(BASE + P, P, RW, ANON_FIXED), (long)(BASE + P));
	t_use(2);
	expect_str(BASE, "after!");
	cr_assert_str_eq(maps_str(), "40000000-40002000 rw-p 0", "the new mapping is seen too");
}

/* exiting one CLONE_VM sharer keeps the mm; the last one frees it */
Test(fork, exiting_one_clone_vm_task_keeps_the_mm)
{
	unsigned long before = frames_used(), used;
	struct mm_struct *mm;

	cr_assert_eq(t_fork(), 2);
	t_use(2);
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "kept"), 0);
	cr_assert_eq(t_clone_vm(), 3);
	mm = mm_of(2);
	used = frames_used();
	cr_assert_eq(t_exit(2, 0), 0);
	cr_assert_eq(mm_of(3), mm);
	cr_assert_eq(mm->mm_users, 1);
	cr_assert_eq(frames_used(), used);
	t_use(3);
	expect_str(BASE, "kept");
	cr_assert_eq(t_exit(3, 0), 0);
	cr_assert_eq(frames_used(), before);
	cr_assert_eq(m->mmlist_nr, 1);
}

/* ---- failures ------------------------------------------------------------ */

static long op_fork(void)
{
	vm_clear_error(m);
	return do_fork(m, 0);
}

static long op_clone_vm(void)
{
	vm_clear_error(m);
	return do_fork(m, CLONE_VM);
}

/*
 * parent: ** zz cc ss L d (anon written, anon read, private file, shared
 * file, locked, dontfork): fork with its 1st, 2nd, ... allocation failing
 * returns -ENOMEM each time and changes nothing (tasks, VMAs, PTEs,
 * frames, files, commit), until it succeeds.
 */
Test(fork, failed_allocation_at_any_point_of_fork_changes_nothing)
{
	unsigned long runs;
	long pid;

	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_mmap(BASE + PGDIR_SIZE, 2 * P, RW, ANON_FIXED), (long)(BASE + PGDIR_SIZE));
	cr_assert_eq(t_touch(BASE + PGDIR_SIZE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + PGDIR_SIZE + P, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(t_mmap_file(BASE + 2 * PGDIR_SIZE, 2 * P, RW, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)(BASE + 2 * PGDIR_SIZE));
	cr_assert_eq(t_write_str(BASE + 2 * PGDIR_SIZE, "p"), 0);
	cr_assert_eq(t_mmap_file(BASE + 3 * PGDIR_SIZE, 2 * P, RW, MAP_SHARED | MAP_FIXED, "f", 0),
		     (long)(BASE + 3 * PGDIR_SIZE));
	cr_assert_eq(t_write_str(BASE + 3 * PGDIR_SIZE, "s"), 0);
	cr_assert_eq(t_mmap(BASE + 4 * PGDIR_SIZE, P, RW, ANON_FIXED | MAP_LOCKED), (long)(BASE + 4 * PGDIR_SIZE));
	cr_assert_eq(t_mmap(BASE + 5 * PGDIR_SIZE, P, RW, ANON_FIXED | MAP_POPULATE), (long)(BASE + 5 * PGDIR_SIZE));
	cr_assert_eq(t_madvise(BASE + 5 * PGDIR_SIZE, P, MADV_DONTFORK), 0);
	pid = mem_failslab_sweep(op_fork, -ENOMEM, &runs);
	cr_assert_eq(pid, 2, "%s", m->errmsg);
	cr_assert_geq(runs, 2 + 1 + 5 + 4, "task, mm and directory, five VMAs, four tables");
	t_use(2);
	expect_str(BASE + 2 * PGDIR_SIZE, "p");
	expect_str(BASE + 3 * PGDIR_SIZE, "s");
}

/* vmtest.h's own sweep over fork, and over CLONE_VM's single allocation */
Test(fork, failslab_sweep_over_fork_and_clone_vm)
{
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(failslab_sweep(op_fork, -ENOMEM), 2);
	cr_assert_eq(failslab_sweep(op_clone_vm, -ENOMEM), 3);
	cr_assert_eq(mm_of(1)->mm_users, 2);
}

/*
 * 256 frames, all but a few taken by init's pages: no frame for the
 * child's page directory or tables: -ENOMEM, nothing changed.
 */
Test(fork_small, fork_without_frames_for_the_child_fails_unchanged)
{
	unsigned long free_frames;
	char *before, *after;

	cr_assert_eq(t_mmap(BASE, 2UL << 20, RW, ANON_PRIVATE | MAP_FIXED | MAP_NORESERVE), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2UL << 20, VM_ACCESS_WRITE), -ENOMEM);
	cr_assert_eq(t_munmap(BASE + 250 * P, P), 0);
	free_frames = m->pgdat.nr_free;
	cr_assert_eq(free_frames, 1, "a frame for the directory, none for the table");
	before = mem_snapshot();
	vm_clear_error(m);
	cr_assert_eq(do_fork(m, 0), -ENOMEM);
	CHECK_VALID();
	after = mem_snapshot();
	cr_assert_str_eq(after, before);
	free(before);
	free(after);
	cr_assert_eq(t_munmap(BASE, 2 * P), 0);
	cr_assert_eq(t_fork(), 2);
}

/* vm.overcommit_memory=2: a fork whose accountable VMAs would pass the limit is refused */
Test(fork, fork_over_the_commit_limit_is_enomem_and_changes_nothing)
{
	unsigned long half = m->totalram_pages / 2 + 1;

	cr_assert_eq(sysctl_set(m, "vm.overcommit_memory", 2), 0);
	cr_assert_eq(t_mmap(BASE, half * P, RW, ANON_FIXED), (long)BASE);
	EXPECT_FAILS_UNCHANGED(do_fork(m, 0), -ENOMEM);
	CHECK_VALID();
}
