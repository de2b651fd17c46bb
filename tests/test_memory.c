/*
 * test_memory.c - Criterion tests for vmcore/memory.c and the page side
 * of rmap.c and filemap.c, driven as a program would drive them: through
 * the simulated CPU's accesses (access_vm, so do_page_fault and
 * handle_mm_fault) and the system calls that zap, protect, move and
 * populate pages. Expected values are Linux 2.6's (mm/memory.c,
 * arch/i386/mm/fault.c, mm/filemap.c, mm/rmap.c) where today's kernel
 * agrees with it.
 *
 * Pictures: one character per page from the address named, '.' for a page
 * no VMA maps, a lowercase letter per VMA for a page not present, 'z' a
 * PTE on the zero page, '*' a page of its own, 'c' a page cache page,
 * '#' a page shared copy-on-write.
 */
#include "vmtest_mem.h"

TestSuite(memory, .init = vm_setup, .fini = vm_teardown);
TestSuite(oom, .init = vm_setup_small, .fini = vm_teardown);

#define PTE_FLAGS(pte)	((pte) & ~PAGE_MASK)
#define PAGE_COPY_BITS	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)

/* spawn - fork a child of current and make it current; its pid */
static int spawn(void)
{
	long pid = t_fork();

	cr_assert_gt(pid, 1, "fork: %ld %s", pid, m->errmsg);
	t_use((int)pid);
	return (int)pid;
}

static struct vm_area_struct *vma_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v;

	for (v = mm->mmap; v; v = v->vm_next)
		if (v->vm_start <= addr && addr < v->vm_end)
			return v;
	cr_assert_fail("no VMA holds %08lx", addr);
	return NULL;
}

/* ---- anonymous memory: do_anonymous_page and the zero page ---------------- */

/*
 * aaaa   read 40000000   zaaa
 * A read fault maps the shared zero page read-only: no rss, no anon_vma,
 * frame 0 gains a reference; a minor fault.
 */
Test(memory, read_fault_maps_the_zero_page_read_only)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();
	int zc = zero_page(m)->_count;
	pte_t pte;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	expect_bytes(BASE, 16, 0);
	pte = pte_at(mm, BASE);
	cr_assert_eq(pte_pfn(pte), 0, "the zero page");
	cr_assert(pte & _PAGE_PRESENT);
	cr_assert(pte & _PAGE_USER);
	cr_assert_not(pte & _PAGE_RW, "read-only");
	cr_assert_eq(mm->rss, 0);
	cr_assert_eq(mm->anon_rss, 0);
	cr_assert_eq(zero_page(m)->_count, zc + 1);
	cr_assert_null(vma_at(mm, BASE)->anon_vma, "a read needs no anon_vma");
	cr_assert_eq(m->current->min_flt, 1);
	cr_assert_eq(m->current->maj_flt, 0);
	cr_assert_eq(frames_used(), used + 1, "only the page table");
}

/* zzzz: each page read maps the zero page once more; munmap gives the references back */
Test(memory, zero_page_count_follows_its_ptes)
{
	int zc = zero_page(m)->_count;

	cr_assert_eq(t_mmap(BASE, 4 * P, PROT_READ, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(zero_page(m)->_count, zc + 4);
	cr_assert_eq(m->current->min_flt, 4);
	cr_assert_eq(t_munmap(BASE, 4 * P), 0);
	cr_assert_eq(zero_page(m)->_count, zc);
}

/*
 * aaaa   write 40000000   *aaa
 * A write fault allocates a zeroed page of its own, writable and dirty,
 * counted in rss and anon_rss, reverse-mapped through the VMA's new
 * anon_vma.
 */
Test(memory, write_fault_allocates_a_zeroed_page)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();
	struct page *page;
	pte_t pte;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE + 10, 1, VM_ACCESS_WRITE), 0);
	pte = pte_at(mm, BASE);
	cr_assert_neq(pte_pfn(pte), 0);
	cr_assert_eq(PTE_FLAGS(pte), PAGE_COPY_BITS | _PAGE_RW | _PAGE_DIRTY);
	cr_assert_eq(mm->rss, 1);
	cr_assert_eq(mm->anon_rss, 1);
	cr_assert_eq(m->current->min_flt, 1);
	cr_assert_eq(m->current->maj_flt, 0);
	page = page_at(mm, BASE);
	cr_assert(page->flags & PG_anon);
	cr_assert_eq(page_mapcount(page), 1);
	cr_assert_eq(page->_count, 1);
	cr_assert_not_null(vma_at(mm, BASE)->anon_vma);
	cr_assert_eq(page->mapping, (void *)vma_at(mm, BASE)->anon_vma);
	cr_assert_eq(frames_used(), used + 2, "the table and the page");
	expect_bytes(BASE, P, 0);
	cr_assert_eq(m->current->min_flt, 1, "reading a present page does not fault");
}

/*
 * z...   write   *...
 * Write after read: the zero page PTE is read-only, so do_wp_page copies
 * the zero page to a new page; frame 0 gets its reference back.
 */
Test(memory, write_after_read_replaces_the_zero_page)
{
	struct mm_struct *mm = cur_mm();
	int zc = zero_page(m)->_count;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(zero_page(m)->_count, zc + 1);
	cr_assert_eq(t_write_str(BASE + 8, "hello"), 0);
	cr_assert_neq(pfn_at(mm, BASE), 0);
	cr_assert(pte_at(mm, BASE) & _PAGE_RW);
	cr_assert(pte_at(mm, BASE) & _PAGE_DIRTY);
	cr_assert_eq(zero_page(m)->_count, zc);
	cr_assert_eq(mm->rss, 1);
	cr_assert_eq(mm->anon_rss, 1);
	cr_assert_eq(m->current->min_flt, 2);
	expect_str(BASE + 8, "hello");
	expect_bytes(BASE, 8, 0);
}

/* a write to a page already writable is no fault at all */
Test(memory, second_write_to_a_writable_page_does_not_fault)
{
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "one"), 0);
	cr_assert_eq(t_write_str(BASE + 100, "two"), 0);
	cr_assert_eq(m->current->min_flt, 1);
	expect_str(BASE, "one");
	expect_str(BASE + 100, "two");
}

/* an access over a page boundary faults each page once */
Test(memory, access_spanning_pages_faults_each_page_once)
{
	static const char msg[] = "across the boundary";

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write(BASE + P - 6, msg, sizeof(msg)), 0);
	cr_assert_eq(m->current->min_flt, 2);
	cr_assert_eq(cur_mm()->rss, 2);
	expect_str(BASE + P - 6, msg);
}

/*
 * -w- mapping: x86 cannot make a page write-only, so a read of a writable
 * VMA is allowed: arch/i386/mm/fault.c's "read, not present" case
 * accepts VM_READ | VM_EXEC | VM_WRITE from 2.6.18 on ("make PROT_WRITE
 * imply PROT_READ"; so in 2.6.20), as today's access_error
 * (vma_is_accessible) does.
 */
Test(memory, read_of_a_write_only_mapping_is_allowed)
{
	cr_assert_eq(t_mmap(BASE, P, PROT_WRITE, ANON_FIXED), (long)BASE);
	expect_bytes(BASE, 4, 0);
	cr_assert_eq(t_write_str(BASE, "w"), 0);
	expect_str(BASE, "w");
}

/*
 * r-- mapping, executed: without PAE the i386 has no NX bit, so a present
 * readable page is executable, and an instruction fetch from a page not
 * present faults as a read (no PF_INSTR in the error code), which fault.c
 * accepts for a VM_READ VMA. Only NX hardware (PAE, x86-64) refuses it.
 */
Test(memory, exec_of_a_readable_page_succeeds_without_nx)
{
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE, P, PROT_READ, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_EXEC), 0, "SIGSEGV %d at %08lx", t_fault.sig,
		     t_fault.addr);
	cr_assert_eq(task_of(pid)->state, TASK_RUNNING);
}

/* r-x mapping: exec faults the page in as a read would */
Test(memory, exec_of_an_executable_mapping_faults_like_a_read)
{
	cr_assert_eq(t_mmap(BASE, P, PROT_READ | PROT_EXEC, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_EXEC), 0);
	cr_assert_eq(pfn_at(cur_mm(), BASE), 0, "the zero page");
	cr_assert_eq(m->current->min_flt, 1);
}

/* ---- fatal faults ------------------------------------------------------- */

/*
 * ....a   read 40000000 (no VMA)   SIGSEGV: the task is killed, a zombie
 * with exit_signal SIGSEGV and its memory given back.
 */
Test(memory, access_outside_any_vma_kills_with_sigsegv)
{
	unsigned long used = frames_used();
	int pid = spawn(), status = 0;

	cr_assert_eq(t_mmap(BASE + 4 * P, P, RW, ANON_FIXED), (long)(BASE + 4 * P));
	cr_assert_eq(t_touch(BASE + 4 * P, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + 123, 1, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGSEGV);
	cr_assert_eq(t_fault.addr, BASE + 123);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
	cr_assert_eq(frames_used(), used);
	t_use(1);
	cr_assert_eq(t_wait(pid, &status), pid);
	cr_assert_eq(status, SIGSEGV);
}

/* r-- mapping, written: SIGSEGV (SEGV_ACCERR), nothing mapped */
Test(memory, write_to_a_read_only_vma_kills_with_sigsegv)
{
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE, P, PROT_READ, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE + 4, "x"), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGSEGV);
	cr_assert_eq(t_fault.addr, BASE + 4);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
}

/* r-- mapping already read (zero page present): a write still gets SIGSEGV */
Test(memory, write_to_a_present_page_of_a_read_only_vma_kills_with_sigsegv)
{
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE, P, PROT_READ, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), -EFAULT);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
}

/* --- mapping: any access is SIGSEGV */
Test(memory, read_of_a_prot_none_mapping_kills_with_sigsegv)
{
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE, P, PROT_NONE, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), -EFAULT);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
}

/* a user access to the kernel's gigabyte is SIGSEGV */
Test(memory, access_past_task_size_kills_with_sigsegv)
{
	int pid = spawn();

	cr_assert_eq(t_touch(TASK_SIZE + 0x1000, 1, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGSEGV);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
}

/* the part of an access before the fatal page was done */
Test(memory, access_running_off_the_end_of_a_vma_faults_at_the_first_unmapped_byte)
{
	int pid = spawn();
	char buf[32];

	memset(buf, 'q', sizeof(buf));
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write(BASE + P - 16, buf, sizeof(buf)), -EFAULT);
	cr_assert_eq(t_fault.addr, BASE + P);
	cr_assert_eq(t_fault.sig, SIGSEGV);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
}

/* init takes a fatal fault and survives it (the kernel never kills init) */
Test(memory, init_survives_a_fatal_fault)
{
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGSEGV);
	cr_assert_eq(m->current->pid, 1);
	cr_assert_eq(m->current->state, TASK_RUNNING);
	cr_assert_not_null(m->current->mm);
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE, "init goes on working");
}

/*
 * do_page_fault on its own: 0 and a counted fault, or the signal the
 * access earns; delivering it (killing) is left to its caller.
 */
Test(memory, do_page_fault_returns_the_signal_and_kills_no_one)
{
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE, P, PROT_READ, ANON_FIXED), (long)BASE);
	cr_assert_eq(do_page_fault(m, BASE + 5, VM_ACCESS_READ), 0);
	cr_assert_eq(task_of(pid)->min_flt, 1);
	cr_assert_eq(pfn_at(cur_mm(), BASE), 0);
	cr_assert_eq(do_page_fault(m, BASE, VM_ACCESS_WRITE), SIGSEGV);
	cr_assert_eq(do_page_fault(m, BASE + P, VM_ACCESS_READ), SIGSEGV);
	cr_assert_eq(task_of(pid)->state, TASK_RUNNING);
	cr_assert_eq(task_of(pid)->min_flt, 1, "a refused fault is not counted");
	CHECK_VALID();
}

/* ---- the stack: expand_stack -------------------------------------------- */

/*
 * ...ssss   write one page below   ..ssssss (grown: vm_start, vm_pgoff,
 * total_vm, stack_vm and the commit follow, as acct_stack_growth does)
 */
Test(memory, growsdown_vma_grows_on_a_fault_just_below_it)
{
	struct mm_struct *mm = cur_mm();
	unsigned long top = BASE + 16 * P;
	struct vm_area_struct *s;
	pgoff_t pgoff;

	cr_assert_eq(t_mmap(top - 2 * P, 2 * P, RW, ANON_FIXED | MAP_GROWSDOWN), (long)(top - 2 * P));
	s = vma_at(mm, top - P);
	pgoff = s->vm_pgoff;
	cr_assert_eq(mm->stack_vm, 2);
	cr_assert_eq(t_write_str(top - 3 * P + P - 4, "abc"), 0);
	cr_assert_eq(s->vm_start, top - 3 * P);
	cr_assert_eq(s->vm_pgoff, pgoff - 1);
	cr_assert_eq(mm->total_vm, 3);
	cr_assert_eq(mm->stack_vm, 3);
	cr_assert_eq(m->vm_committed_space, 3);
	cr_assert_eq(mm->rss, 1);
	cr_assert_eq(m->current->min_flt, 1);
	expect_str(top - 2 * P - 4, "abc");
}

/*
 * expand_stack starts with anon_vma_prepare ("so that the anon_vma locking
 * is not a noop"), 2.6 and today alike: a stack grown by a read has an
 * anon_vma although only the zero page is mapped, so fork copies its PTEs.
 */
Test(memory, stack_growth_gives_the_vma_an_anon_vma)
{
	struct mm_struct *mm = cur_mm();
	unsigned long top = BASE + 16 * P;

	cr_assert_eq(t_mmap(top - P, P, RW, ANON_FIXED | MAP_GROWSDOWN), (long)(top - P));
	cr_assert_null(vma_at(mm, top - P)->anon_vma);
	cr_assert_eq(t_touch(top - 2 * P, 1, VM_ACCESS_READ), 0);
	cr_assert_not_null(vma_at(mm, top - P)->anon_vma);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(pfn_at(mm_of(2), top - 2 * P), 0, "the zero page PTE was copied");
}

/* a fault several pages below grows the stack down to the faulting page at once */
Test(memory, growsdown_vma_grows_down_to_a_fault_several_pages_below)
{
	struct mm_struct *mm = cur_mm();
	unsigned long top = BASE + 16 * P;

	cr_assert_eq(t_mmap(top - P, P, RW, ANON_FIXED | MAP_GROWSDOWN), (long)(top - P));
	cr_assert_eq(t_touch(top - 6 * P + 20, 1, VM_ACCESS_READ), 0);
	EXPECT_MAPS("4000a000-40010000 rw-p 0");
	cr_assert_eq(mm->total_vm, 6);
	cr_assert_eq(mm->rss, 0, "a read: the zero page");
}

/* a VMA that does not grow down does not grow: SIGSEGV */
Test(memory, fault_just_below_an_ordinary_vma_is_sigsegv)
{
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE + 16 * P, P, RW, ANON_FIXED), (long)(BASE + 16 * P));
	cr_assert_eq(t_touch(BASE + 15 * P, 1, VM_ACCESS_WRITE), -EFAULT);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
}

/* RLIMIT_STACK (8 MiB): a fault that would make the stack larger is SIGSEGV */
Test(memory, growsdown_vma_does_not_grow_past_the_stack_rlimit)
{
	unsigned long top = 0xb0000000UL;
	int pid = spawn();

	cr_assert_eq(t_mmap(top - P, P, RW, ANON_FIXED | MAP_GROWSDOWN), (long)(top - P));
	cr_assert_eq(t_touch(top - (8UL << 20), 1, VM_ACCESS_WRITE), 0, "exactly 8 MiB is allowed");
	cr_assert_eq(cur_mm()->total_vm, 2048);
	cr_assert_eq(t_touch(top - (8UL << 20) - 1, 1, VM_ACCESS_WRITE), -EFAULT);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
}

/* ---- file mappings: do_no_page and the page cache ------------------------ */

/*
 * file f: AAAA BBBB CCCC DDDD (4 pages)
 * private r-- map   read page 1   .c..
 * The page is read into the page cache (a major fault) and mapped
 * read-only: the cache and the PTE hold it, one mapping, file rss.
 */
Test(memory, private_file_read_fault_maps_the_page_cache_page)
{
	struct mm_struct *mm = cur_mm();
	struct address_space *mapping;
	struct page *page;

	mkfile("f", 4 * P);
	mapping = inode_of("f")->i_mapping;
	cr_assert_eq(t_mmap_file(BASE, 4 * P, RW, PRIVATE_FIXED, "f", 0), (long)BASE);
	expect_bytes(BASE + P, P, 'B');
	cr_assert_eq(m->current->maj_flt, 1);
	cr_assert_eq(m->current->min_flt, 0);
	page = page_at(mm, BASE + P);
	cr_assert_eq(find_get_page(mapping, 1), page);
	cr_assert_eq(mapping->nrpages, 1);
	cr_assert(page->flags & PG_cache);
	cr_assert_not(page->flags & PG_anon);
	cr_assert_eq(page->_count, 2, "the cache and the PTE");
	cr_assert_eq(page_mapcount(page), 1);
	cr_assert_eq(PTE_FLAGS(pte_at(mm, BASE + P)), PAGE_COPY_BITS, "read-only: private");
	cr_assert_eq(mm->rss, 1);
	cr_assert_eq(mm->anon_rss, 0);
	cr_assert_null(vma_at(mm, BASE)->anon_vma);
}

/*
 * two processes, one page cache page: the first read is major, the
 * other process's read of the cached page is minor and maps the same frame.
 */
Test(memory, second_process_reading_a_cached_file_page_takes_a_minor_fault)
{
	struct page *page;
	int pid;

	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, PROT_READ, PRIVATE_FIXED, "f", 0), (long)BASE);
	expect_bytes(BASE, 8, 'A');
	cr_assert_eq(task_of(1)->maj_flt, 1);
	page = page_at(mm_of(1), BASE);
	pid = spawn();
	cr_assert_eq(cur_mm()->rss, 0, "no anon_vma: not copied at fork");
	cr_assert_eq(t_mmap_file(BASE + 8 * P, P, PROT_READ, PRIVATE_FIXED, "f", 0), (long)(BASE + 8 * P));
	expect_bytes(BASE + 8 * P, 8, 'A');
	expect_bytes(BASE, 8, 'A');
	cr_assert_eq(task_of(pid)->maj_flt, 0);
	cr_assert_eq(task_of(pid)->min_flt, 2);
	cr_assert_eq(page_at(cur_mm(), BASE), page);
	cr_assert_eq(page_at(cur_mm(), BASE + 8 * P), page);
	cr_assert_eq(page_mapcount(page), 3);
	cr_assert_eq(page->_count, 4);
	cr_assert_eq(inode_of("f")->i_mapping->nrpages, 1);
}

/*
 * private rw map of f, first touch a write: the page is read into the
 * cache (still a major fault) and copied at once (do_no_page's early COW):
 * the task's page is anonymous and holds the file's bytes plus the write;
 * the cache page is unchanged and unmapped.
 */
Test(memory, private_file_write_fault_makes_a_private_copy)
{
	struct mm_struct *mm = cur_mm();
	struct page *cache, *mine;
	char buf[P];

	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, RW, PRIVATE_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_write_str(BASE + 2 * P + 10, "mine"), 0);
	cr_assert_eq(m->current->maj_flt, 1);
	cache = find_get_page(inode_of("f")->i_mapping, 2);
	mine = page_at(mm, BASE + 2 * P);
	cr_assert_not_null(cache);
	cr_assert_neq(mine, cache);
	cr_assert(mine->flags & PG_anon);
	cr_assert_eq(cache->_count, 1, "the cache's reference only");
	cr_assert_eq(page_mapcount(cache), 0);
	cr_assert_not(cache->flags & PG_dirty);
	cr_assert_eq(mm->rss, 1);
	cr_assert_eq(mm->anon_rss, 1);
	cr_assert(pte_at(mm, BASE + 2 * P) & _PAGE_RW);
	expect_bytes(BASE + 2 * P, 10, 'C');
	expect_str(BASE + 2 * P + 10, "mine");
	expect_bytes(BASE + 2 * P + 14, P - 14, 'C');
	page_read(cache, 0, buf, P);
	cr_assert_eq(buf[10], 'C', "the file is untouched");
}

/*
 * private rw map: read (the cache page, read-only), then write: do_wp_page
 * copies the file page; rss stays 1 but the page is now anonymous.
 */
Test(memory, private_file_write_after_read_copies_the_cache_page)
{
	struct mm_struct *mm = cur_mm();
	struct page *cache;

	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, RW, PRIVATE_FIXED, "f", 0), (long)BASE);
	expect_bytes(BASE, 4, 'A');
	cache = page_at(mm, BASE);
	cr_assert_eq(mm->anon_rss, 0);
	cr_assert_eq(t_write_str(BASE, "zz"), 0);
	cr_assert_neq(page_at(mm, BASE), cache);
	cr_assert_eq(mm->rss, 1);
	cr_assert_eq(mm->anon_rss, 1);
	cr_assert_eq(cache->_count, 1);
	cr_assert_eq(page_mapcount(cache), 0);
	cr_assert_eq(m->current->maj_flt, 1);
	cr_assert_eq(m->current->min_flt, 1);
	expect_str(BASE, "zz");
	expect_bytes(BASE + 2, P - 2, 'A');
}

/*
 * f mapped shared rw twice in init (two opens: two VMAs) and inherited by
 * a child: a write through one mapping is seen through the other and by
 * the child; all three map the one page cache page, which is dirty.
 */
Test(memory, shared_file_write_is_seen_through_another_mapping_and_process)
{
	struct page *page;
	int pid;

	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, RW, SHARED_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 8 * P, 4 * P, RW, SHARED_FIXED, "f", 0), (long)(BASE + 8 * P));
	expect_bytes(BASE + 8 * P + P, 4, 'B');
	cr_assert_eq(t_write_str(BASE + P + 100, "shared!"), 0);
	expect_str(BASE + 8 * P + P + 100, "shared!");
	page = page_at(cur_mm(), BASE + P);
	cr_assert_eq(page_at(cur_mm(), BASE + 8 * P + P), page);
	cr_assert(page->flags & PG_dirty);
	cr_assert(pte_at(cur_mm(), BASE + P) & _PAGE_DIRTY);
	cr_assert(pte_at(cur_mm(), BASE + P) & _PAGE_RW, "shared: writable in place");
	cr_assert_eq(cur_mm()->anon_rss, 0);
	pid = spawn();
	expect_str(BASE + P + 100, "shared!");
	cr_assert_eq(page_at(cur_mm(), BASE + P), page);
	cr_assert_eq(task_of(pid)->maj_flt, 0);
	cr_assert_eq(t_write_str(BASE + P + 200, "child"), 0);
	t_use(1);
	expect_str(BASE + P + 200, "child");
	expect_str(BASE + 8 * P + P + 200, "child");
	cr_assert_eq(page_mapcount(page), 3);
}

/* a shared write's data outlives the mappings: it is in the page cache */
Test(memory, shared_file_write_stays_in_the_page_cache_after_munmap)
{
	mkfile("f", 2 * P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, RW, SHARED_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_write_str(BASE + 5, "kept"), 0);
	cr_assert_eq(t_munmap(BASE, 2 * P), 0);
	cr_assert_eq(inode_of("f")->i_mapping->nrpages, 1);
	cr_assert_eq(t_mmap_file(BASE + 4 * P, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)(BASE + 4 * P));
	expect_str(BASE + 4 * P + 5, "kept");
	cr_assert_eq(m->current->maj_flt, 1, "the second mapping finds the page cached");
}

/* a private write is never seen through a shared mapping or by the file */
Test(memory, private_write_is_not_seen_through_a_shared_mapping)
{
	mkfile("f", P);
	cr_assert_eq(t_mmap_file(BASE, P, RW, PRIVATE_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 2 * P, P, PROT_READ, SHARED_FIXED, "f", 0), (long)(BASE + 2 * P));
	cr_assert_eq(t_write_str(BASE, "private"), 0);
	expect_bytes(BASE + 2 * P, 7, 'A');
}

/*
 * file g of 5000 bytes: pages 0 and 1 (1 partly); mapped 3 pages
 *   AAAA BB00 ....
 * page 1 reads 'B' up to the end of the file, zeros after it.
 */
Test(memory, last_partial_page_of_a_file_reads_zeros_past_its_end)
{
	cr_assert_eq(file_create(m, "g", 5000), 0);
	cr_assert_eq(t_mmap_file(BASE, 3 * P, PROT_READ, PRIVATE_FIXED, "g", 0), (long)BASE);
	expect_bytes(BASE + P, 5000 - P, 'B');
	expect_bytes(BASE + 5000, 2 * P - 5000, 0);
}

/*
 * ... and page 2, past the end of the file: SIGBUS (filemap_nopage's
 * outside_data_content). The task is killed.
 */
Test(memory, access_past_the_end_of_a_mapped_file_kills_with_sigbus)
{
	int pid, status = 0;

	cr_assert_eq(file_create(m, "g", 5000), 0);
	pid = spawn();
	cr_assert_eq(t_mmap_file(BASE, 3 * P, PROT_READ, PRIVATE_FIXED, "g", 0), (long)BASE);
	cr_assert_eq(t_touch(BASE + 2 * P + 8, 1, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGBUS);
	cr_assert_eq(t_fault.addr, BASE + 2 * P + 8);
	EXPECT_TASK_KILLED(pid, SIGBUS);
	t_use(1);
	cr_assert_eq(t_wait(pid, &status), pid);
	cr_assert_eq(status, SIGBUS);
	cr_assert_eq(inode_of("g")->i_mapping->nrpages, 0);
}

/* handle_mm_fault itself reports VM_FAULT_SIGBUS past the end of the file */
Test(memory, handle_mm_fault_past_the_end_of_a_file_is_vm_fault_sigbus)
{
	struct mm_struct *mm = cur_mm();

	mkfile("f", P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, PROT_READ, PRIVATE_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(handle_mm_fault(mm, vma_at(mm, BASE), BASE + P, 0), VM_FAULT_SIGBUS);
	cr_assert_eq(pte_at(mm, BASE + P), 0);
	cr_assert_eq(handle_mm_fault(mm, vma_at(mm, BASE), BASE, 0), VM_FAULT_MAJOR);
	cr_assert_eq(handle_mm_fault(mm, vma_at(mm, BASE), BASE, 0), VM_FAULT_MINOR);
	CHECK_VALID();
}

/*
 * shared anonymous memory is a shmem file: pages come from its page cache
 * (minor faults: nothing to read), never the zero page, never anonymous;
 * a child sees the parent's writes and the parent the child's.
 */
Test(memory, shared_anonymous_memory_is_shared_with_the_child)
{
	struct page *page;
	int pid;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)BASE);
	expect_bytes(BASE + P, 4, 0);
	cr_assert_neq(pfn_at(cur_mm(), BASE + P), 0, "a shmem page, not the zero page");
	cr_assert_eq(m->current->maj_flt, 0);
	cr_assert_eq(m->current->min_flt, 1);
	cr_assert_eq(t_write_str(BASE, "parent"), 0);
	page = page_at(cur_mm(), BASE);
	cr_assert_not(page->flags & PG_anon);
	cr_assert(page->flags & PG_cache);
	cr_assert_eq(cur_mm()->anon_rss, 0);
	pid = spawn();
	cr_assert_eq(cur_mm()->rss, 0, "not copied at fork: no anon_vma");
	expect_str(BASE, "parent");
	cr_assert_eq(page_at(cur_mm(), BASE), page);
	cr_assert_eq(t_write_str(BASE + P, "child"), 0);
	t_use(1);
	expect_str(BASE + P, "child");
	(void)pid;
}

/* a mapping at an offset into the file faults in the file's page at that offset */
Test(memory, file_mapping_at_an_offset_maps_the_pages_from_there)
{
	mkfile("f", 6 * P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, PROT_READ, PRIVATE_FIXED, "f", 3 * P), (long)BASE);
	expect_bytes(BASE, P, 'D');
	expect_bytes(BASE + P, P, 'E');
	cr_assert_eq(page_at(cur_mm(), BASE)->index, 3);
	cr_assert_eq(find_get_page(inode_of("f")->i_mapping, 3), page_at(cur_mm(), BASE));
}

/* a mapping of an empty file has no page to give: SIGBUS at once */
Test(memory, access_to_a_mapping_of_an_empty_file_is_sigbus)
{
	int pid;

	mkfile("empty", 0);
	pid = spawn();
	cr_assert_eq(t_mmap_file(BASE, P, PROT_READ, PRIVATE_FIXED, "empty", 0), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGBUS);
	EXPECT_TASK_KILLED(pid, SIGBUS);
}

/*
 * shared anonymous memory's shmem object is as large as the mmap was:
 * grown by mremap, the VMA reaches past it, and an access there is SIGBUS
 * (shmem_nopage's check against i_size).
 */
Test(memory, shared_anonymous_mapping_grown_by_mremap_is_sigbus_past_its_object)
{
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE, P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)BASE);
	cr_assert_eq(t_mremap(BASE, P, 2 * P, 0, 0), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "in"), 0);
	cr_assert_eq(t_write_str(BASE + P, "out"), -EFAULT);
	EXPECT_TASK_KILLED(pid, SIGBUS);
}

/* the shmem object and its pages go with the last mapping of it */
Test(memory, shared_anonymous_pages_are_freed_with_the_last_mapping)
{
	unsigned long used = frames_used();

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(t_munmap(BASE, 2 * P), 0);
	cr_assert_eq(frames_used(), used + 1 + 2, "the child's directory and the two pages");
	cr_assert_eq(t_exit(2, 0), 0);
	cr_assert_eq(frames_used(), used);
}

/* MAP_FIXED over mapped pages: they are zapped first; the new mapping reads zeros */
Test(memory, mmap_fixed_over_mapped_pages_zaps_them)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_write_str(BASE + P, "old"), 0);
	cr_assert_eq(t_mmap(BASE + P, 2 * P, PROT_READ, ANON_FIXED), (long)(BASE + P));
	cr_assert_eq(mm->rss, 2);
	cr_assert_eq(frames_used(), used + 1 + 2);
	expect_bytes(BASE + P, 2 * P, 0);
}

/* ---- the page cache (filemap.c) ------------------------------------------ */

/* add_to_page_cache: the cache takes a reference; find_get_page finds it by index */
Test(memory, add_to_page_cache_takes_a_reference_and_find_get_page_finds_it)
{
	struct address_space *mapping;
	struct page *page = alloc_page(m);

	mkfile("f", 3 * P);
	mapping = inode_of("f")->i_mapping;
	cr_assert_eq(mapping_size_pages(mapping), 3);
	cr_assert_null(find_get_page(mapping, 2));
	cr_assert_eq(add_to_page_cache(m, page, mapping, 2), 0);
	cr_assert_eq(page->_count, 2);
	cr_assert_eq(page->index, 2);
	cr_assert_eq(page->mapping, (void *)mapping);
	cr_assert(page->flags & PG_cache);
	cr_assert_eq(mapping->nrpages, 1);
	cr_assert_eq(find_get_page(mapping, 2), page);
	cr_assert_null(find_get_page(mapping, 1));
	cr_assert_null(find_get_page(mapping, 3));
	put_page(m, page);
	CHECK_VALID();
}

/* a page past the end of the file cannot be cached */
Test(memory, add_to_page_cache_past_the_end_of_the_file_is_einval)
{
	struct page *page = alloc_page(m);

	mkfile("f", P + 1);
	cr_assert_eq(mapping_size_pages(inode_of("f")->i_mapping), 2);
	cr_assert_eq(add_to_page_cache(m, page, inode_of("f")->i_mapping, 2), -EINVAL);
	cr_assert_eq(page->_count, 1);
	cr_assert_not(page->flags & PG_cache);
	__free_page(m, page);
	CHECK_VALID();
}

/* removing a file nothing maps frees its cached pages (truncate_inode_pages) */
Test(memory, unlinking_a_file_frees_its_cached_pages)
{
	unsigned long used = frames_used();

	mkfile("f", 3 * P);
	cr_assert_eq(t_mmap_file(BASE, 3 * P, PROT_READ, PRIVATE_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_touch(BASE, 3 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(file_unlink(m, "f"), -EBUSY);
	cr_assert_eq(t_munmap(BASE, 3 * P), 0);
	cr_assert_eq(frames_used(), used + 3);
	cr_assert_eq(file_unlink(m, "f"), 0);
	CHECK_VALID();
	cr_assert_eq(frames_used(), used);
}

/* zap_page_range clears every PTE of the range, the zero page's too, and says how many */
Test(memory, zap_page_range_clears_ptes_and_counts_them)
{
	struct mm_struct *mm = cur_mm();
	int zc = zero_page(m)->_count;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, P, VM_ACCESS_READ), 0);
	cr_assert_eq(t_touch(BASE + 2 * P, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(zap_page_range(mm, BASE, BASE + 4 * P), 3);
	CHECK_VALID();
	cr_assert_eq(mm->rss, 0);
	cr_assert_eq(zero_page(m)->_count, zc);
	cr_assert_eq(mm->hiwater_rss, 2);
	cr_assert_eq(zap_page_range(mm, BASE, BASE + 4 * P), 0);
}

/*
 * ****zzzz   unmap_vmas 40001000-40006000   *....zzz
 * unmap_vmas zaps only the part of each VMA inside the range, from the
 * VMA it is given on; it counts the PTEs it cleared and, for the caller
 * to uncharge, the pages of VM_ACCOUNT VMAs (the writable private one,
 * not the read-only one). The VMAs themselves stay.
 */
Test(memory, unmap_vmas_zaps_the_range_across_vmas_and_counts_accounted_pages)
{
	struct mm_struct *mm = cur_mm();
	unsigned long nr_accounted = 0;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 4 * P, 4 * P, PROT_READ, ANON_FIXED), (long)(BASE + 4 * P));
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + 4 * P, 4 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(mm->map_count, 2);
	cr_assert_eq(unmap_vmas(mm, vma_at(mm, BASE), BASE + P, BASE + 6 * P, &nr_accounted), 5);
	CHECK_VALID();
	cr_assert_eq(nr_accounted, 3);
	cr_assert_eq(mm->rss, 1);
	cr_assert(pte_present(pte_at(mm, BASE)));
	cr_assert(pte_none(pte_at(mm, BASE + P)));
	cr_assert(pte_none(pte_at(mm, BASE + 5 * P)));
	cr_assert(pte_present(pte_at(mm, BASE + 6 * P)));
	cr_assert_eq(mm->map_count, 2);
	cr_assert_eq(unmap_vmas(mm, vma_at(mm, BASE + 4 * P), BASE, BASE + 8 * P, &nr_accounted), 2);
	cr_assert_eq(nr_accounted, 3, "the read-only VMA holds no VM_ACCOUNT pages");
}

/* madvise willneed reads file pages into the cache without mapping them */
Test(memory, madvise_willneed_reads_file_pages_into_the_cache_only)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, PROT_READ, PRIVATE_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_madvise(BASE + P, 2 * P, MADV_WILLNEED), 0);
	cr_assert_eq(inode_of("f")->i_mapping->nrpages, 2);
	cr_assert_eq(cur_mm()->rss, 0);
	expect_bytes(BASE + P, 4, 'B');
	cr_assert_eq(m->current->maj_flt, 0, "already cached: minor");
	cr_assert_eq(m->current->min_flt, 1);
}

/* ---- munmap, mprotect, mremap, madvise, brk ------------------------------ */

/* ****   munmap   ....: every page zapped, its frame back */
Test(memory, munmap_zaps_pages_and_gives_their_frames_back)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(frames_used(), used + 5);
	cr_assert_eq(t_munmap(BASE, 4 * P), 0);
	cr_assert_eq(mm->rss, 0);
	cr_assert_eq(mm->anon_rss, 0);
	cr_assert_eq(frames_used(), used);
	cr_assert_eq(mm->hiwater_rss, 4, "update_hiwater_rss before zapping");
}

/* ****   munmap the middle two   *..*: only those are zapped */
Test(memory, munmap_of_part_of_a_vma_zaps_only_that_part)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "first"), 0);
	cr_assert_eq(t_touch(BASE + P, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_write_str(BASE + 3 * P, "last"), 0);
	cr_assert_eq(t_munmap(BASE + P, 2 * P), 0);
	cr_assert_eq(mm->rss, 2);
	cr_assert_eq(pte_at(mm, BASE + P), 0);
	cr_assert_eq(pte_at(mm, BASE + 2 * P), 0);
	expect_str(BASE, "first");
	expect_str(BASE + 3 * P, "last");
	cr_assert_eq(m->current->min_flt, 4);
}

/* brk shrinking unmaps the heap's pages */
Test(memory, brk_shrink_zaps_the_heaps_pages)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();

	mm->start_brk = mm->brk = BASE;
	cr_assert_eq(t_brk(BASE + 4 * P), (long)(BASE + 4 * P));
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(mm->rss, 4);
	cr_assert_eq(t_brk(BASE + P), (long)(BASE + P));
	cr_assert_eq(mm->rss, 1);
	cr_assert_eq(frames_used(), used + 2);
}

/*
 * *   mprotect r--: the PTE loses R/W and keeps its frame and D bit;
 * mprotect rw- again: PAGE_COPY, still read-only (2.6 restores write only
 * by faulting), so the next write faults and do_wp_page reuses the page:
 * same frame, no copy.
 */
Test(memory, mprotect_write_protects_ptes_and_a_later_write_reuses_the_page)
{
	struct mm_struct *mm = cur_mm();
	unsigned long pfn, used;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "data"), 0);
	pfn = pfn_at(mm, BASE);
	cr_assert_eq(t_mprotect(BASE, P, PROT_READ), 0);
	cr_assert_eq(pfn_at(mm, BASE), pfn);
	cr_assert_eq(PTE_FLAGS(pte_at(mm, BASE)), PAGE_COPY_BITS | _PAGE_DIRTY);
	cr_assert_eq(t_mprotect(BASE, P, RW), 0);
	cr_assert_eq(PTE_FLAGS(pte_at(mm, BASE)), PAGE_COPY_BITS | _PAGE_DIRTY);
	used = frames_used();
	cr_assert_eq(t_write_str(BASE + 4, "more"), 0);
	cr_assert_eq(m->current->min_flt, 2, "the write faulted");
	cr_assert_eq(pfn_at(mm, BASE), pfn, "the page was reused");
	cr_assert_eq(frames_used(), used);
	cr_assert(pte_at(mm, BASE) & _PAGE_RW);
	expect_str(BASE, "datamore");
}

/*
 * *   mprotect ---: the PTE is PROT_NONE (not present to the CPU, still
 * mapped: rss keeps it); an access is SIGSEGV. Back to rw-: the same
 * page, its contents there without a fault.
 */
Test(memory, mprotect_none_then_back_keeps_the_page)
{
	struct mm_struct *mm;
	unsigned long pfn;
	int pid = spawn();

	mm = cur_mm();
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "hidden"), 0);
	pfn = pfn_at(mm, BASE);
	cr_assert_eq(t_mprotect(BASE, 2 * P, PROT_NONE), 0);
	cr_assert_not(pte_at(mm, BASE) & _PAGE_PRESENT);
	cr_assert(pte_at(mm, BASE) & _PAGE_PROTNONE);
	cr_assert(pte_present(pte_at(mm, BASE)));
	cr_assert_eq(pte_pfn(pte_at(mm, BASE)), pfn);
	cr_assert_eq(mm->rss, 1);
	cr_assert_eq(t_mprotect(BASE, 2 * P, PROT_READ), 0);
	cr_assert(pte_at(mm, BASE) & _PAGE_PRESENT);
	cr_assert_eq(pfn_at(mm, BASE), pfn);
	expect_str(BASE, "hidden");
	cr_assert_eq(m->current->min_flt, 1, "no fault to read it back");
	cr_assert_eq(t_mprotect(BASE, 2 * P, PROT_NONE), 0);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), -EFAULT);
	EXPECT_TASK_KILLED(pid, SIGSEGV);
}

/* mprotect rw- over zero page PTEs keeps them read-only */
Test(memory, mprotect_never_makes_the_zero_page_writable)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, P, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + P, P, PROT_READ, ANON_FIXED), (long)(BASE + P));
	cr_assert_eq(t_touch(BASE + P, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(t_mprotect(BASE + P, P, RW), 0);
	cr_assert_eq(pfn_at(mm, BASE + P), 0);
	cr_assert_not(pte_at(mm, BASE + P) & _PAGE_RW);
	cr_assert_eq(t_write_str(BASE + P, "w"), 0);
	cr_assert_neq(pfn_at(mm, BASE + P), 0);
}

/* a shared mapping's PTEs take PAGE_SHARED: writable again without a fault */
Test(memory, mprotect_of_a_shared_mapping_back_to_rw_makes_ptes_writable)
{
	struct mm_struct *mm = cur_mm();

	mkfile("f", P);
	cr_assert_eq(t_mmap_file(BASE, P, RW, SHARED_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "x"), 0);
	cr_assert_eq(t_mprotect(BASE, P, PROT_READ), 0);
	cr_assert_not(pte_at(mm, BASE) & _PAGE_RW);
	cr_assert_eq(t_mprotect(BASE, P, RW), 0);
	cr_assert(pte_at(mm, BASE) & _PAGE_RW);
	cr_assert(pte_at(mm, BASE) & _PAGE_DIRTY);
}

/*
 * aa**.b   mremap 40002000 2 pages -> 4 pages (b blocks growing): moved to
 * the first free place; the pages go with their PTEs, nothing is copied,
 * nothing is left at the old address.
 */
Test(memory, mremap_move_carries_the_pages_to_the_new_address)
{
	struct mm_struct *mm = cur_mm();
	unsigned long p0, p1, used;
	long to;

	cr_assert_eq(t_mmap(BASE + 2 * P, 2 * P, RW, ANON_FIXED), (long)(BASE + 2 * P));
	cr_assert_eq(t_mmap(BASE + 5 * P, P, PROT_READ, ANON_FIXED), (long)(BASE + 5 * P));
	cr_assert_eq(t_write_str(BASE + 2 * P, "page one"), 0);
	cr_assert_eq(t_write_str(BASE + 3 * P, "page two"), 0);
	p0 = pfn_at(mm, BASE + 2 * P);
	p1 = pfn_at(mm, BASE + 3 * P);
	used = frames_used();
	to = t_mremap(BASE + 2 * P, 2 * P, 4 * P, MREMAP_MAYMOVE, 0);
	cr_assert_eq(to, (long)(BASE + 6 * P), "%s", m->errmsg);
	cr_assert_eq(pte_at(mm, BASE + 2 * P), 0);
	cr_assert_eq(pte_at(mm, BASE + 3 * P), 0);
	cr_assert_eq(pfn_at(mm, to), p0);
	cr_assert_eq(pfn_at(mm, to + P), p1);
	cr_assert_eq(mm->rss, 2);
	cr_assert_eq(frames_used(), used);
	expect_str(to, "page one");
	expect_str(to + P, "page two");
	expect_bytes(to + 2 * P, P, 0);
	cr_assert_eq(m->current->min_flt, 3, "only the new, untouched page faulted");
}

/*
 * a move into another 4 MiB takes the destination's table from the
 * reserve and frees the source's once nothing uses it.
 */
Test(memory, mremap_move_to_another_4mib_moves_the_ptes_between_tables)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used, pfn;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE + P, "moving"), 0);
	pfn = pfn_at(mm, BASE + P);
	used = frames_used();
	cr_assert_eq(t_mremap(BASE, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 2 * PGDIR_SIZE),
		     (long)(BASE + 2 * PGDIR_SIZE));
	cr_assert_eq(mm->nr_ptes, 1);
	cr_assert_eq(mm->pgd[pgd_index(BASE)], 0);
	cr_assert_eq(pfn_at(mm, BASE + 2 * PGDIR_SIZE + P), pfn);
	cr_assert_eq(frames_used(), used, "one table freed, one taken");
	expect_str(BASE + 2 * PGDIR_SIZE + P, "moving");
}

/* mremap onto a mapped range (fixed) zaps what was there first */
Test(memory, mremap_fixed_over_mapped_pages_replaces_them)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 4 * P, P, RW, ANON_FIXED), (long)(BASE + 4 * P));
	cr_assert_eq(t_write_str(BASE, "src"), 0);
	cr_assert_eq(t_write_str(BASE + 4 * P, "dst"), 0);
	used = frames_used();
	cr_assert_eq(t_mremap(BASE, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 4 * P), (long)(BASE + 4 * P));
	cr_assert_eq(frames_used(), used - 1);
	cr_assert_eq(mm->rss, 1);
	expect_str(BASE + 4 * P, "src");
}

/*
 * ..ss      s written (anon_vma X) and moved away to 4000a000, keeping its
 * pgoff; p mapped at 40000000 (no anon_vma); s moved back next to p:
 *   pp**    its pgoff continues p's, so copy_vma may merge it into p. The
 * pages are X's; whatever VMA holds them must be linked to X (today's
 * vma_expand propagates it: dup_anon_vma from copied_from; 3.x-6.x
 * refuse the merge instead, is_mergeable_anon_vma).
 */
Test(memory, mremap_next_to_a_vma_without_anon_vma_keeps_the_pages_anon_vma)
{
	struct mm_struct *mm = cur_mm();
	struct anon_vma *x;

	cr_assert_eq(t_mmap(BASE + 2 * P, 2 * P, RW, ANON_FIXED), (long)(BASE + 2 * P));
	cr_assert_eq(t_write_str(BASE + 2 * P, "back"), 0);
	x = vma_at(mm, BASE + 2 * P)->anon_vma;
	cr_assert_eq(t_mremap(BASE + 2 * P, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 10 * P),
		     (long)(BASE + 10 * P));
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_null(vma_at(mm, BASE)->anon_vma);
	vm_clear_error(m);
	cr_assert_eq(sys_mremap(m, BASE + 10 * P, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 2 * P),
		     (long)(BASE + 2 * P));
	cr_assert_eq(vma_at(mm, BASE + 2 * P)->anon_vma, x, "the VMA holding X's page is not linked to X");
	CHECK_VALID();
	expect_str(BASE + 2 * P, "back");
}

/* ****   mremap to 2 pages   **: the tail is zapped */
Test(memory, mremap_shrink_zaps_the_tail)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_mremap(BASE, 4 * P, 2 * P, 0, 0), (long)BASE);
	cr_assert_eq(mm->rss, 2);
	cr_assert_eq(frames_used(), used + 3);
}

/*
 * ****   madvise dontneed the middle   *..*: zapped; reading them back
 * gives zeros (fresh zero page mappings), the outer pages untouched.
 */
Test(memory, madvise_dontneed_drops_anonymous_pages_which_read_back_as_zeros)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(t_write_str(BASE, "keep"), 0);
	cr_assert_eq(t_write_str(BASE + P, "drop"), 0);
	cr_assert_eq(t_write_str(BASE + 2 * P, "drop"), 0);
	cr_assert_eq(t_write_str(BASE + 3 * P, "keep"), 0);
	used = frames_used();
	cr_assert_eq(t_madvise(BASE + P, 2 * P, MADV_DONTNEED), 0);
	cr_assert_eq(mm->rss, 2);
	cr_assert_eq(frames_used(), used - 2);
	cr_assert_eq(pte_at(mm, BASE + P), 0);
	EXPECT_MAPS("40000000-40004000 rw-p 0");
	expect_bytes(BASE + P, 2 * P, 0);
	cr_assert_eq(pfn_at(mm, BASE + P), 0, "a read maps the zero page again");
	expect_str(BASE, "keep");
	expect_str(BASE + 3 * P, "keep");
	cr_assert_eq(mm->nr_ptes, 1, "zapping frees no page table");
}

/* private file mapping: after dontneed the private copy is gone, the file shows again */
Test(memory, madvise_dontneed_of_a_private_file_mapping_rereads_the_file)
{
	struct mm_struct *mm = cur_mm();

	mkfile("f", 2 * P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, RW, PRIVATE_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_write_str(BASE + P, "private"), 0);
	cr_assert_eq(mm->anon_rss, 1);
	cr_assert_eq(t_madvise(BASE, 2 * P, MADV_DONTNEED), 0);
	cr_assert_eq(mm->rss, 0);
	cr_assert_eq(mm->anon_rss, 0);
	expect_bytes(BASE + P, P, 'B');
	cr_assert(page_at(mm, BASE + P)->flags & PG_cache);
}

/* shared file mapping: dontneed drops the PTEs, the data stays in the file */
Test(memory, madvise_dontneed_of_a_shared_file_mapping_keeps_the_written_data)
{
	mkfile("f", P);
	cr_assert_eq(t_mmap_file(BASE, P, RW, SHARED_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "durable"), 0);
	cr_assert_eq(t_madvise(BASE, P, MADV_DONTNEED), 0);
	cr_assert_eq(cur_mm()->rss, 0);
	cr_assert(find_get_page(inode_of("f")->i_mapping, 0)->flags & PG_dirty,
		  "the dirty bit went from the PTE to the page");
	expect_str(BASE, "durable");
}

/* ---- populating: mlock, MAP_LOCKED, MAP_POPULATE ------------------------- */

/*
 * aaaa   mlock   ****: get_user_pages write-faults every page of a
 * writable VMA: pages of their own, minor faults counted for the task.
 */
Test(memory, mlock_faults_every_page_in)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mlock(BASE, 4 * P), 0);
	cr_assert_eq(mm->rss, 4);
	cr_assert_eq(mm->anon_rss, 4);
	cr_assert_eq(mm->locked_vm, 4);
	cr_assert_eq(m->current->min_flt, 4);
	cr_assert(pte_at(mm, BASE + 3 * P) & _PAGE_RW);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(m->current->min_flt, 4, "nothing left to fault");
}

/* MAP_LOCKED and MAP_POPULATE fault the mapping in at mmap time */
Test(memory, map_locked_and_map_populate_fault_pages_in)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, 3 * P, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	cr_assert_eq(mm->rss, 3);
	cr_assert_eq(mm->locked_vm, 3);
	cr_assert_eq(t_mmap(BASE + 8 * P, 2 * P, RW, ANON_FIXED | MAP_POPULATE), (long)(BASE + 8 * P));
	cr_assert_eq(mm->rss, 5);
	cr_assert_eq(mm->locked_vm, 3);
	cr_assert_eq(m->current->min_flt, 5);
}

/* populating a read-only mapping read-faults: the zero page, the page cache */
Test(memory, populate_of_read_only_mappings_maps_zero_and_cache_pages)
{
	struct mm_struct *mm = cur_mm();
	int zc = zero_page(m)->_count;

	mkfile("f", 2 * P);
	cr_assert_eq(t_mmap(BASE, 2 * P, PROT_READ, ANON_FIXED | MAP_POPULATE), (long)BASE);
	cr_assert_eq(zero_page(m)->_count, zc + 2);
	cr_assert_eq(mm->rss, 0);
	cr_assert_eq(t_mmap_file(BASE + 4 * P, 2 * P, PROT_READ, PRIVATE_FIXED | MAP_POPULATE, "f", 0),
		     (long)(BASE + 4 * P));
	cr_assert_eq(mm->rss, 2);
	cr_assert_eq(mm->anon_rss, 0);
	cr_assert_eq(m->current->maj_flt, 2);
	cr_assert_eq(inode_of("f")->i_mapping->nrpages, 2);
}

/* mlock of a writable private file mapping write-faults: private copies (2.6's make_pages_present) */
Test(memory, mlock_of_a_writable_private_file_mapping_makes_private_copies)
{
	struct mm_struct *mm = cur_mm();

	mkfile("f", 2 * P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, RW, PRIVATE_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_mlock(BASE, 2 * P), 0);
	cr_assert_eq(mm->rss, 2);
	cr_assert_eq(mm->anon_rss, 2);
	cr_assert_eq(m->current->maj_flt, 2);
	expect_bytes(BASE + P, P, 'B');
}

/* make_pages_present stops at a hole: -EFAULT */
Test(memory, make_pages_present_over_a_hole_is_efault)
{
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(make_pages_present(cur_mm(), BASE, BASE + 2 * P), -EFAULT);
	CHECK_VALID();
	cr_assert_eq(cur_mm()->rss, 1, "the page before the hole was brought in");
}

/* ---- rmap: anon_vma ------------------------------------------------------ */

/*
 * AB   A rw-, B r-x: different flags, two VMAs. A is written (anon_vma X);
 * then B is written after mprotect... B's first anonymous fault reuses
 * X, because mprotect could make A and B mergeable (find_mergeable_anon_vma).
 * Then mprotect makes them equal and they merge into one VMA.
 */
Test(memory, anon_vma_prepare_reuses_a_mergeable_neighbours_anon_vma)
{
	struct mm_struct *mm = cur_mm();
	struct anon_vma *x;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + P, P, RW | PROT_EXEC, ANON_FIXED), (long)(BASE + P));
	cr_assert_eq(mm->map_count, 2);
	cr_assert_eq(t_write_str(BASE, "a"), 0);
	x = vma_at(mm, BASE)->anon_vma;
	cr_assert_eq(x->refcount, 1);
	cr_assert_eq(m->nr_anon_vmas, 1);
	cr_assert_eq(t_write_str(BASE + P, "b"), 0);
	cr_assert_eq(vma_at(mm, BASE + P)->anon_vma, x);
	cr_assert_eq(x->refcount, 2);
	cr_assert_eq(m->nr_anon_vmas, 1);
	cr_assert_eq(t_mprotect(BASE + P, P, RW), 0);
	EXPECT_MAPS("40000000-40002000 rw-p 0");
	cr_assert_eq(vma_at(mm, BASE)->anon_vma, x);
	cr_assert_eq(x->refcount, 1);
	expect_str(BASE, "a");
	expect_str(BASE + P, "b");
}

/*
 * AA BB   (A rw- written: anon_vma X; B made rwx then r--, so that it has
 * VM_ACCOUNT as A does, never touched)
 * mprotect A's last page r--: it joins B (vma_adjust moves the boundary
 * down), and B imports X to cover the anonymous page it now holds.
 */
Test(memory, mprotect_moving_a_written_page_into_a_neighbour_gives_it_the_anon_vma)
{
	struct mm_struct *mm = cur_mm();
	struct anon_vma *x;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE + P, "moves"), 0);
	x = vma_at(mm, BASE)->anon_vma;
	cr_assert_eq(t_mmap(BASE + 2 * P, 2 * P, RW | PROT_EXEC, ANON_FIXED), (long)(BASE + 2 * P));
	cr_assert_eq(t_mprotect(BASE + 2 * P, 2 * P, PROT_READ), 0);
	cr_assert_null(vma_at(mm, BASE + 2 * P)->anon_vma);
	cr_assert_eq(t_mprotect(BASE + P, P, PROT_READ), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40004000 r--p 0");
	cr_assert_eq(vma_at(mm, BASE + P)->anon_vma, x);
	cr_assert_eq(x->refcount, 2);
	expect_str(BASE + P, "moves");
}

/* a neighbour that could never merge (locked) does not lend its anon_vma */
Test(memory, anon_vma_is_not_shared_with_a_neighbour_that_cannot_merge)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + P, P, RW, ANON_FIXED), (long)(BASE + P));
	cr_assert_eq(t_write_str(BASE + P, "b"), 0);
	cr_assert_neq(vma_at(mm, BASE + P)->anon_vma, vma_at(mm, BASE)->anon_vma);
	cr_assert_eq(m->nr_anon_vmas, 2);
}

/* ****   mprotect the middle: three VMAs, one anon_vma with three references */
Test(memory, split_vmas_share_their_anon_vma)
{
	struct mm_struct *mm = cur_mm();
	struct anon_vma *x;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	x = vma_at(mm, BASE)->anon_vma;
	cr_assert_eq(t_mprotect(BASE + P, 2 * P, PROT_READ), 0);
	cr_assert_eq(mm->map_count, 3);
	cr_assert_eq(vma_at(mm, BASE + P)->anon_vma, x);
	cr_assert_eq(vma_at(mm, BASE + 3 * P)->anon_vma, x);
	cr_assert_eq(x->refcount, 3);
	cr_assert_eq(t_munmap(BASE, 4 * P), 0);
	cr_assert_eq(m->nr_anon_vmas, 0, "the last VMA gone frees the anon_vma");
}

/* ---- running out of memory ---------------------------------------------- */

/*
 * 256 frames: zero page, init's directory, the child's directory; the
 * child maps 2 MiB (noreserve) and writes it all: after its table and 252
 * pages no frame is left; the fault is VM_FAULT_OOM and the task is
 * killed with SIGKILL; every frame it held comes back.
 */
Test(oom, out_of_memory_kills_the_faulting_task_and_its_frames_come_back)
{
	unsigned long used = frames_used();
	int pid, status = 0;

	pid = spawn();
	cr_assert_eq(t_mmap(BASE, 2UL << 20, RW, ANON_PRIVATE | MAP_FIXED | MAP_NORESERVE), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2UL << 20, VM_ACCESS_WRITE), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGKILL);
	cr_assert_eq(t_fault.addr, BASE + 252 * P);
	EXPECT_TASK_KILLED(pid, SIGKILL);
	cr_assert_eq(task_of(pid)->min_flt, 252);
	cr_assert_eq(frames_used(), used);
	t_use(1);
	cr_assert_eq(t_wait(pid, &status), pid);
	cr_assert_eq(status, SIGKILL);
	cr_assert_eq(task_of(1)->cmin_flt, 252);
}

/* init is never killed: its access fails with -ENOMEM and it keeps running */
Test(oom, out_of_memory_in_init_fails_the_access_but_init_survives)
{
	struct mm_struct *mm = cur_mm();
	unsigned long used = frames_used();

	cr_assert_eq(t_mmap(BASE, 2UL << 20, RW, ANON_PRIVATE | MAP_FIXED | MAP_NORESERVE), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2UL << 20, VM_ACCESS_WRITE), -ENOMEM);
	cr_assert_eq(m->current->state, TASK_RUNNING);
	cr_assert_eq(mm->rss, 253);
	cr_assert_eq(m->pgdat.nr_free, 0);
	cr_assert_eq(t_munmap(BASE, 2UL << 20), 0);
	cr_assert_eq(frames_used(), used);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), -EFAULT, "nothing mapped now");
}

/* read faults need no page: the zero page serves a mapping larger than memory */
Test(oom, reading_more_than_memory_maps_the_zero_page_everywhere)
{
	struct mm_struct *mm = cur_mm();

	cr_assert_eq(t_mmap(BASE, 2UL << 20, PROT_READ, ANON_PRIVATE | MAP_FIXED | MAP_NORESERVE), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2UL << 20, VM_ACCESS_READ), 0);
	cr_assert_eq(mm->rss, 0);
	cr_assert_eq(zero_page(m)->_count, 1 + 512);
	cr_assert_eq(mm->nr_ptes, 1);
}

/*
 * init: *   forks; the child shares the page copy-on-write; init then fills
 * memory (its own access fails with -ENOMEM). The child's write needs a
 * copy and finds no frame: the child is killed, init keeps the page.
 */
Test(oom, cow_fault_without_a_free_frame_kills_the_writer)
{
	unsigned long pfn;
	int pid;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "cow"), 0);
	pfn = pfn_at(cur_mm(), BASE);
	pid = spawn();
	t_use(1);
	cr_assert_eq(t_mmap(BASE + PGDIR_SIZE, 2UL << 20, RW, ANON_PRIVATE | MAP_FIXED | MAP_NORESERVE),
		     (long)(BASE + PGDIR_SIZE));
	cr_assert_eq(t_touch(BASE + PGDIR_SIZE, 2UL << 20, VM_ACCESS_WRITE), -ENOMEM);
	cr_assert_eq(m->pgdat.nr_free, 0);
	t_use(pid);
	cr_assert_eq(page_mapcount(pfn_to_page(m, pfn)), 2);
	cr_assert_eq(t_write_str(BASE, "x"), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGKILL);
	EXPECT_TASK_KILLED(pid, SIGKILL);
	cr_assert_eq(m->pgdat.nr_free, 2, "the child's directory and table");
	t_use(1);
	cr_assert_eq(page_mapcount(pfn_to_page(m, pfn)), 1);
	expect_str(BASE, "cow");
}

/* MAP_POPULATE out of memory: mmap still succeeds (get_user_pages' error is dropped), nobody is killed */
Test(oom, populate_out_of_memory_still_maps)
{
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE, 2UL << 20, RW, ANON_PRIVATE | MAP_FIXED | MAP_NORESERVE | MAP_POPULATE),
		     (long)BASE);
	cr_assert_eq(task_of(pid)->state, TASK_RUNNING);
	cr_assert_eq(cur_mm()->rss, 252);
	cr_assert_eq(m->pgdat.nr_free, 0);
}

/* mlock that cannot bring its pages in fails with EAGAIN and changes nothing */
Test(oom, mlock_without_enough_frames_is_eagain_and_changes_nothing)
{
	cr_assert_eq(t_mmap(BASE, 2UL << 20, RW, ANON_PRIVATE | MAP_FIXED | MAP_NORESERVE), (long)BASE);
	EXPECT_FAILS_UNCHANGED(sys_mlock(m, BASE, 2UL << 20), -EAGAIN);
	CHECK_VALID();
	cr_assert_eq(cur_mm()->rss, 0);
}

/*
 * A write over three pages in two tables, in a child, with its 1st, 2nd,
 * ... allocation failing: a fault cannot be undone, so each failure is an
 * out-of-memory kill; the child dies cleanly (SIGKILL, frames back, the
 * machine valid) until the run where nothing fails.
 */
Test(memory, failed_allocation_during_faults_kills_the_task_cleanly)
{
	static char buf[3 * P];
	unsigned long nth, used = frames_used(), start = BASE + PGDIR_SIZE - 2 * P;
	int pid, status, done = 0;

	memset(buf, 'w', sizeof(buf));
	for (nth = 1; nth < 100 && !done; nth++) {
		long r;

		t_use(1);
		pid = spawn();
		cr_assert_eq(t_mmap(start, 4 * P, RW, ANON_FIXED), (long)start);
		cr_assert_eq(t_touch(start + 3 * P, 1, VM_ACCESS_READ), 0);
		failslab_set(nth);
		r = access_vm(m, start + 100, sizeof(buf), VM_ACCESS_WRITE, NULL, buf, &t_fault);
		failslab_set(0);
		CHECK_VALID();
		if (r == 0) {
			done = 1;
			expect_bytes(start + 100, sizeof(buf), 'w');
			cr_assert_eq(cur_mm()->rss, 4, "three written, one zero page copied");
			continue;
		}
		cr_assert_eq(r, -EFAULT, "allocation %lu: %ld", nth, r);
		cr_assert_eq(t_fault.sig, SIGKILL);
		EXPECT_TASK_KILLED(pid, SIGKILL);
		cr_assert_eq(frames_used(), used);
		t_use(1);
		status = 0;
		cr_assert_eq(t_wait(pid, &status), pid);
		cr_assert_eq(status, SIGKILL);
	}
	cr_assert(done);
	cr_assert_gt(nth, 5, "tables, anon_vma and page contents each allocate");
}

/* the same over a private file mapping: the page cache keeps what was read in */
Test(memory, failed_allocation_during_file_faults_kills_the_task_cleanly)
{
	unsigned long nth, used = frames_used();
	int pid, done = 0;

	mkfile("f", 2 * P);
	for (nth = 1; nth < 100 && !done; nth++) {
		long r;

		t_use(1);
		pid = spawn();
		cr_assert_eq(t_mmap_file(BASE, 2 * P, RW, PRIVATE_FIXED, "f", 0), (long)BASE);
		failslab_set(nth);
		r = access_vm(m, BASE + P - 2, 4, VM_ACCESS_WRITE, NULL, "abcd", &t_fault);
		failslab_set(0);
		CHECK_VALID();
		if (r == 0) {
			done = 1;
			expect_str(BASE + P - 2, "abcd");
			expect_bytes(BASE, P - 2, 'A');
			expect_bytes(BASE + P + 2, P - 2, 'B');
			continue;
		}
		cr_assert_eq(r, -EFAULT, "allocation %lu: %ld", nth, r);
		EXPECT_TASK_KILLED(pid, SIGKILL);
		cr_assert_eq(frames_used(), used + inode_of("f")->i_mapping->nrpages);
		t_use(1);
		cr_assert_eq(t_wait(pid, NULL), pid);
	}
	cr_assert(done);
}

/* ---- exec ---------------------------------------------------------------- */

/* exec drops the old address space's pages (the file's cached pages stay) */
Test(memory, exec_frees_the_old_address_spaces_frames)
{
	struct exec_layout l = { 0, 0, 0, 0 };
	unsigned long used;
	int pid = spawn();

	cr_assert_eq(t_mmap(BASE, 8 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 8 * P, VM_ACCESS_WRITE), 0);
	used = frames_used();
	vm_clear_error(m);
	cr_assert_eq(do_execve(m, "/bin/prog", &l), 0, "%s", m->errmsg);
	CHECK_VALID();
	cr_assert_eq(cur_mm()->rss, 0);
	cr_assert_eq(frames_used(), used - 8 - 1, "the pages and their table");
	expect_bytes(0x08048000UL, 4, 'A');
	cr_assert_eq(task_of(pid)->maj_flt, 1);
}

/* ---- random sequences against a model ------------------------------------ */

/*
 * Each process's view of 40 pages from 40000000, kept by the test: a page
 * is unmapped, anonymous (its last word written, 0 at first), a shared
 * mapping of page k of file f (what f's page k holds, for everyone), or a
 * private mapping of it (f's page k until this process writes it, then its
 * own copy). Random mmap, munmap, mprotect, madvise(dontneed), mremap,
 * mlock, writes, fork and exit run in random processes, the validator
 * after each; every readable page must then read as the model says: COW
 * isolation, sharing through the page cache, zapping and moving.
 */
#define MODEL_PAGES	40
#define MODEL_FILE	24
#define MODEL_TASKS	6

enum { PG_UNMAPPED, PG_ANON, PG_FSHARED, PG_FPRIVATE };

struct model_page {
	int kind, prot, k, copied;	/* k: file page; copied: a private copy exists */
	uint32_t word;			/* anonymous or copied contents (offset 8) */
	int readonly;			/* shared, the file opened read-only: never writable */
};

struct model_task {
	int pid;
	struct model_page p[MODEL_PAGES];
};

static struct model_task model[MODEL_TASKS];
static int model_ntasks;
static uint32_t model_file[MODEL_FILE], model_rng;

static uint32_t model_rand(void)
{
	model_rng ^= model_rng << 13;
	model_rng ^= model_rng >> 17;
	model_rng ^= model_rng << 5;
	return model_rng;
}

static uint32_t model_word(const struct model_page *g)
{
	if (g->kind == PG_ANON || (g->kind == PG_FPRIVATE && g->copied))
		return g->word;
	return model_file[g->k];
}

static void model_check(struct model_task *t)
{
	int i;

	t_use(t->pid);
	for (i = 0; i < MODEL_PAGES; i++) {
		const struct model_page *g = &t->p[i];
		uint32_t v = 0;

		if (g->kind == PG_UNMAPPED || !(g->prot & PROT_READ))
			continue;
		cr_assert_eq(t_read(BASE + i * P + 8, &v, 4), 0, "pid %d page %d", t->pid, i);
		cr_assert_eq(v, model_word(g), "pid %d page %d (kind %d): %#x, expected %#x", t->pid, i,
			     g->kind, v, model_word(g));
	}
}

static void model_write(struct model_task *t, int i)
{
	struct model_page *g = &t->p[i];
	uint32_t w = model_rand();

	if (g->kind == PG_UNMAPPED || g->prot != RW)
		return;
	cr_assert_eq(t_write(BASE + i * P + 8, &w, 4), 0);
	if (g->kind == PG_FSHARED) {
		model_file[g->k] = w;
	} else {
		g->copied = 1;
		g->word = w;
	}
}

static void model_mmap(struct model_task *t, int a, int n)
{
	int prot = model_rand() % 3 ? RW : PROT_READ, kind = 1 + (int)(model_rand() % 3);
	int off = (int)(model_rand() % (MODEL_FILE - n + 1)), i;
	long r;

	if (kind == PG_ANON)
		r = t_mmap(BASE + a * P, n * P, prot, ANON_FIXED);
	else
		r = t_mmap_file(BASE + a * P, n * P, prot, MAP_FIXED |
				(kind == PG_FSHARED ? MAP_SHARED : MAP_PRIVATE), "f", off * P);
	cr_assert_eq(r, (long)(BASE + a * P), "%s", m->errmsg);
	for (i = 0; i < n; i++) {
		struct model_page g = { kind, prot, off + i, 0, 0, kind == PG_FSHARED && prot != RW };

		t->p[a + i] = g;
	}
}

static void model_mremap(struct model_task *t, int a, int n)
{
	struct model_page old[MODEL_PAGES];
	int b = (int)(model_rand() % MODEL_PAGES), i;

	if (b + n > MODEL_PAGES ||
	    t_mremap(BASE + a * P, n * P, n * P, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + b * P) < 0)
		return;
	memcpy(old, t->p, sizeof(old));
	for (i = 0; i < n; i++)
		t->p[a + i].kind = PG_UNMAPPED;
	for (i = 0; i < n; i++)
		t->p[b + i] = old[a + i];
}

/* mapped_run - how many pages from a (at most n) are mapped before a hole */
static int mapped_run(const struct model_task *t, int a, int n)
{
	int i;

	for (i = a; i < a + n && t->p[i].kind != PG_UNMAPPED; i++)
		;
	return i - a;
}

/*
 * mlock write-faults every private writable page: file pages get their
 * copy. Over a hole it locks (and faults in) the pages before it and
 * fails with ENOMEM, as Linux does; munlock then unlocks them again.
 */
static void model_mlock(struct model_task *t, int a, int n)
{
	int i, done = mapped_run(t, a, n);

	cr_assert_eq(t_mlock(BASE + a * P, n * P), done == n ? 0 : -ENOMEM);
	for (i = a; i < a + done; i++) {
		struct model_page *g = &t->p[i];

		if (g->kind == PG_FPRIVATE && g->prot == RW && !g->copied) {
			g->copied = 1;
			g->word = model_file[g->k];
		}
	}
	cr_assert_eq(t_munlock(BASE + a * P, n * P), done == n ? 0 : -ENOMEM);
}

/*
 * mprotect changes the pages up to a hole (ENOMEM) or up to a shared
 * mapping of a file opened read-only that is to become writable (EACCES),
 * as Linux's sys_mprotect does.
 */
static void model_mprotect(struct model_task *t, int a, int n, int prot)
{
	long want = 0;
	int i;

	for (i = a; i < a + n; i++) {
		if (t->p[i].kind == PG_UNMAPPED) {
			want = -ENOMEM;
			break;
		}
		if ((prot & PROT_WRITE) && t->p[i].readonly) {
			want = -EACCES;
			break;
		}
	}
	cr_assert_eq(t_mprotect(BASE + a * P, n * P, prot), want, "%s", m->errmsg);
	while (--i >= a)
		t->p[i].prot = prot;
}

static void model_fork_or_exit(struct model_task *t, int fork)
{
	long pid;

	if (fork && model_ntasks < MODEL_TASKS) {
		pid = t_fork();
		cr_assert_gt(pid, 1);
		model[model_ntasks] = *t;
		model[model_ntasks++].pid = (int)pid;
	} else if (!fork && t->pid != 1) {
		cr_assert_eq(t_exit(t->pid, 0), 0);
		*t = model[--model_ntasks];
	}
}

static void model_step(void)
{
	struct model_task *t = &model[model_rand() % (uint32_t)model_ntasks];
	int a = (int)(model_rand() % MODEL_PAGES), n = 1 + (int)(model_rand() % 6), i;
	int prot = (int[]){ PROT_NONE, PROT_READ, RW }[model_rand() % 3];

	n = a + n > MODEL_PAGES ? MODEL_PAGES - a : n;
	t_use(t->pid);
	switch (model_rand() % 12) {
	case 0:
		model_mmap(t, a, n);
		break;
	case 1:
		cr_assert_eq(t_munmap(BASE + a * P, n * P), 0);
		for (i = a; i < a + n; i++)
			t->p[i].kind = PG_UNMAPPED;
		break;
	case 2:
		model_mprotect(t, a, n, prot);
		break;
	case 3:
		/* every mapped page is zapped, holes or not (ENOMEM then) */
		cr_assert_eq(t_madvise(BASE + a * P, n * P, MADV_DONTNEED),
			     mapped_run(t, a, n) == n ? 0 : -ENOMEM);
		for (i = a; i < a + n; i++)
			t->p[i].word = t->p[i].copied = 0;
		break;
	case 4: case 5: case 6:
		for (i = a; i < a + n; i++)
			model_write(t, i);
		break;
	case 7:
		model_check(t);
		break;
	case 8: case 9:
		model_fork_or_exit(t, model_rand() % 2);
		break;
	case 10:
		model_mremap(t, a, n);
		break;
	default:
		model_mlock(t, a, n);
	}
}

Test(memory, random_operations_keep_every_process_view_as_the_model_says)
{
	unsigned int seed;
	int i, k;

	for (seed = 1; seed <= 60; seed++) {
		machine_destroy(m);
		m = machine_create(256ULL << 20);
		cr_assert(m);
		mkfile("f", MODEL_FILE * P);
		model_rng = seed * 2654435761u | 1;
		for (k = 0; k < MODEL_FILE; k++)
			model_file[k] = 0x01010101u * (uint32_t)('A' + k % 26);
		model_ntasks = 1;
		model[0].pid = 1;
		for (i = 0; i < MODEL_PAGES; i++)
			model[0].p[i].kind = PG_UNMAPPED;
		for (k = 0; k < 300; k++)
			model_step();
		for (k = 0; k < model_ntasks; k++)
			model_check(&model[k]);
	}
}
