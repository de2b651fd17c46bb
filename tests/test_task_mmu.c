/*
 * test_task_mmu.c - Criterion tests for vmcore/task_mmu.c: the figures of
 * /proc/PID/smaps (Rss, Pss, Shared/Private Clean/Dirty, Anonymous,
 * Locked, Referenced) as fs/proc/task_mmu.c's smaps_pte_entry computes
 * them, and task_mem's Vm* lines of /proc/PID/status (2.6's VmData =
 * total_vm - shared_vm - stack_vm).
 *
 * Pictures: one character per page of the VMA looked at, in each process
 * that maps it: '.' not present, 'z' the zero page, '*' a page mapped
 * once, '#' a page mapped by two or more, 'c' a page cache page; a
 * trailing 'd' marks dirty.
 */
#include "vmtest_mem.h"

TestSuite(task_mmu, .init = vm_setup, .fini = vm_teardown);

#define KB(x)	((x) * 1024UL)
#define PSS(bytes)	((unsigned long long)(bytes) << PSS_SHIFT)

static struct vm_area_struct *vma_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v;

	for (v = mm->mmap; v; v = v->vm_next)
		if (v->vm_start <= addr && addr < v->vm_end)
			return v;
	cr_assert_fail("no VMA holds %08lx", addr);
	return NULL;
}

/* smaps_of - the figures of the VMA of pid holding addr */
static struct mem_size_stats smaps_of(int pid, unsigned long addr)
{
	struct mem_size_stats mss;

	smaps_account_vma(vma_at(mm_of(pid), addr), &mss);
	return mss;
}

static struct task_mem_info status_of(int pid)
{
	struct task_mem_info info;

	task_mem(mm_of(pid), &info);
	return info;
}

/* ---- smaps ---------------------------------------------------------------- */

/* ....: a mapping never touched has no resident page */
Test(task_mmu, smaps_of_an_untouched_mapping_is_all_zero)
{
	struct mem_size_stats mss;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.resident, 0);
	cr_assert_eq(mss.pss, 0);
	cr_assert_eq(mss.shared_clean + mss.shared_dirty + mss.private_clean + mss.private_dirty, 0);
	cr_assert_eq(mss.anonymous, 0);
	cr_assert_eq(mss.swap, 0);
	cr_assert_eq(mss.locked, 0);
}

/* zzzz: the zero page is nobody's (vm_normal_page): not resident */
Test(task_mmu, smaps_does_not_count_the_zero_page)
{
	struct mem_size_stats mss;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_READ), 0);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.resident, 0);
	cr_assert_eq(mss.pss, 0);
	cr_assert_eq(mss.shared_clean, 0);
}

/* *d*d*d.: written anonymous pages are private, dirty, anonymous, referenced */
Test(task_mmu, smaps_counts_written_anonymous_pages_private_dirty)
{
	struct mem_size_stats mss;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 3 * P, VM_ACCESS_WRITE), 0);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.resident, KB(12));
	cr_assert_eq(mss.pss, PSS(KB(12)));
	cr_assert_eq(mss.private_dirty, KB(12));
	cr_assert_eq(mss.private_clean, 0);
	cr_assert_eq(mss.shared_dirty + mss.shared_clean, 0);
	cr_assert_eq(mss.anonymous, KB(12));
	cr_assert_eq(mss.referenced, KB(12));
}

/*
 * parent: #d#d   child: #d#d
 * After fork each page has two mappings: Shared_Dirty, Pss half a page per
 * page in each process.
 */
Test(task_mmu, smaps_after_fork_pss_is_half_of_each_shared_page)
{
	struct mem_size_stats p, c;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_fork(), 2);
	p = smaps_of(1, BASE);
	c = smaps_of(2, BASE);
	cr_assert_eq(p.resident, KB(8));
	cr_assert_eq(p.shared_dirty, KB(8));
	cr_assert_eq(p.private_dirty, 0);
	cr_assert_eq(p.pss, PSS(KB(4)));
	cr_assert_eq(p.anonymous, KB(8));
	cr_assert_eq(c.resident, KB(8));
	cr_assert_eq(c.shared_dirty, KB(8), "the child's copied PTEs keep D");
	cr_assert_eq(c.pss, PSS(KB(4)));
	cr_assert_eq(c.anonymous, KB(8));
}

/*
 * parent writes page 0 (a copy):   parent: *d#d   child: *d#d
 * Page 0 is now private to each (the parent's copy, and the old page the
 * child alone maps); page 1 still shared. Pss 4 + 2 KiB in each.
 */
Test(task_mmu, smaps_after_a_cow_copy_splits_shared_and_private_dirty)
{
	struct mem_size_stats p, c;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(t_write_str(BASE, "copy"), 0);
	p = smaps_of(1, BASE);
	c = smaps_of(2, BASE);
	cr_assert_eq(p.private_dirty, KB(4));
	cr_assert_eq(p.shared_dirty, KB(4));
	cr_assert_eq(p.pss, PSS(KB(6)));
	cr_assert_eq(c.private_dirty, KB(4));
	cr_assert_eq(c.shared_dirty, KB(4));
	cr_assert_eq(c.pss, PSS(KB(6)));
	cr_assert_eq(p.resident + c.resident, KB(16));
}

/* ###: three mappings of each page: a third of a page each (Pss kept << PSS_SHIFT) */
Test(task_mmu, smaps_pss_is_a_third_with_three_sharers)
{
	struct mem_size_stats mss;
	int pid;

	cr_assert_eq(t_mmap(BASE, 3 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 3 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(t_fork(), 3);
	for (pid = 1; pid <= 3; pid++) {
		mss = smaps_of(pid, BASE);
		cr_assert_eq(mss.pss, 3 * (PSS(P) / 3), "pid %d", pid);
		cr_assert_eq(mss.pss >> (10 + PSS_SHIFT), 3, "Pss: 3 kB (4 kB less the rounding)");
		cr_assert_eq(mss.shared_dirty, KB(12));
	}
}

/*
 * file f, private r--: one process reads page 0: c, Private_Clean, not
 * anonymous. A second process maps and reads it: c in both,
 * Shared_Clean, Pss 2 KiB each.
 */
Test(task_mmu, smaps_of_a_file_page_is_private_clean_then_shared_clean)
{
	struct mem_size_stats mss;

	mkfile("f", P);
	cr_assert_eq(t_mmap_file(BASE, P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	expect_bytes(BASE, 4, 'A');
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.resident, KB(4));
	cr_assert_eq(mss.private_clean, KB(4));
	cr_assert_eq(mss.anonymous, 0);
	cr_assert_eq(t_fork(), 2);
	t_use(2);
	expect_bytes(BASE, 4, 'A');
	mss = smaps_of(2, BASE);
	cr_assert_eq(mss.shared_clean, KB(4));
	cr_assert_eq(mss.pss, PSS(KB(2)));
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.shared_clean, KB(4));
	cr_assert_eq(mss.private_clean, 0);
}

/*
 * f shared rw in two processes; one writes: the page is dirty (PageDirty),
 * so both count it Shared_Dirty, the reader's clean PTE notwithstanding.
 */
Test(task_mmu, smaps_of_a_written_shared_file_page_is_shared_dirty_for_every_mapper)
{
	struct mem_size_stats mss;

	mkfile("f", P);
	cr_assert_eq(t_mmap_file(BASE, P, RW, MAP_SHARED | MAP_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_fork(), 2);
	t_use(2);
	expect_bytes(BASE, 4, 'A');
	t_use(1);
	cr_assert_eq(t_write_str(BASE, "dirty"), 0);
	mss = smaps_of(2, BASE);
	cr_assert_eq(mss.shared_dirty, KB(4));
	cr_assert_eq(mss.shared_clean, 0);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.shared_dirty, KB(4));
	cr_assert_eq(mss.anonymous, 0);
}

/*
 * The same when the writer's store finds its PTE already present and
 * writable (read first, then a write access without data, as "touch w"
 * makes): the page is written, so it is dirty for every mapper, as it is
 * for a store of bytes. (Today's kernel maps a shared file page read-only
 * for write notification; the first store faults and set_page_dirty runs.)
 */
Test(task_mmu, smaps_of_a_shared_file_page_stored_to_is_shared_dirty_for_every_mapper)
{
	struct mem_size_stats mss;

	mkfile("f", P);
	cr_assert_eq(t_mmap_file(BASE, P, RW, MAP_SHARED | MAP_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_fork(), 2);
	t_use(2);
	expect_bytes(BASE, 4, 'A');
	t_use(1);
	expect_bytes(BASE, 4, 'A');
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert(pte_at(cur_mm(), BASE) & _PAGE_DIRTY);
	mss = smaps_of(2, BASE);
	cr_assert_eq(mss.shared_dirty, KB(4), "the reader's view of a written page");
}

/*
 * f private rw: page 0 read (c, clean), page 1 written (*d, a private
 * anonymous copy): Rss 8, Anonymous 4, Private_Clean 4, Private_Dirty 4.
 */
Test(task_mmu, smaps_anonymous_counts_private_copies_of_file_pages)
{
	struct mem_size_stats mss;

	mkfile("f", 2 * P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, RW, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	expect_bytes(BASE, 4, 'A');
	cr_assert_eq(t_write_str(BASE + P, "mine"), 0);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.resident, KB(8));
	cr_assert_eq(mss.anonymous, KB(4));
	cr_assert_eq(mss.private_clean, KB(4));
	cr_assert_eq(mss.private_dirty, KB(4));
}

/* shared anonymous memory lives in a shmem file: resident, not anonymous */
Test(task_mmu, smaps_shmem_pages_are_not_anonymous)
{
	struct mem_size_stats mss;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.resident, KB(8));
	cr_assert_eq(mss.anonymous, 0);
	cr_assert_eq(mss.private_dirty, KB(8));
}

/* a PROT_NONE PTE is still mapped: smaps counts it (pte_present) */
Test(task_mmu, smaps_counts_prot_none_ptes)
{
	struct mem_size_stats mss;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_mprotect(BASE, P, PROT_NONE), 0);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.resident, KB(4));
	cr_assert_eq(mss.private_dirty, KB(4));
}

/* Locked: a locked VMA's Pss; an unlocked one's 0 */
Test(task_mmu, smaps_locked_is_the_pss_of_a_locked_vma)
{
	struct mem_size_stats mss;

	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 4 * P, 2 * P, RW, ANON_FIXED | MAP_POPULATE), (long)(BASE + 4 * P));
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.resident, KB(8));
	cr_assert_eq(mss.locked, PSS(KB(8)), "Locked is kept << PSS_SHIFT, as Pss");
	mss = smaps_of(1, BASE + 4 * P);
	cr_assert_eq(mss.resident, KB(8));
	cr_assert_eq(mss.locked, 0);
	cr_assert_eq(t_fork(), 2);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.locked, PSS(KB(4)), "shared with the child: half");
	mss = smaps_of(2, BASE);
	cr_assert_eq(mss.locked, 0, "the child's copy is not locked");
}

/*
 * Locked is summed in PSS_SHIFT units as Pss is (task_mmu.c's
 * pss_locked) and shifted once when shown, not rounded down page by
 * page: three sharers of six locked pages give 8191 bytes, not 8190.
 */
Test(task_mmu, smaps_locked_equals_pss_without_per_page_rounding)
{
	struct mem_size_stats mss;

	cr_assert_eq(t_mmap(BASE, 6 * P, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	cr_assert_eq(t_fork(), 2);
	cr_assert_eq(t_fork(), 3);
	mss = smaps_of(1, BASE);
	cr_assert_eq(mss.pss, 6 * (PSS(P) / 3));
	cr_assert_eq(mss.locked, mss.pss, "Locked %llu, Pss %llu", mss.locked, mss.pss);
	cr_assert_eq(mss.locked >> PSS_SHIFT, 8191);
}

/* VmFlags codes, in the kernel's order */
Test(task_mmu, vm_flags_smaps_codes)
{
	char buf[128];

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_str_eq(vm_flags_smaps(cur_mm()->mmap->vm_flags, buf, sizeof(buf)), "rd wr mr mw me ac ");
	cr_assert_str_eq(vm_flags_smaps(VM_READ | VM_SHARED | VM_MAYSHARE | VM_LOCKED | VM_DONTCOPY, buf,
					sizeof(buf)), "rd sh ms lo dc ");
}

/* ---- task_mem: /proc/PID/status ------------------------------------------ */

/*
 * ****   munmap half   **..
 * VmRSS follows rss; VmHWM keeps the peak (update_hiwater_rss before the
 * zap); VmSize and VmPeak the same for total_vm.
 */
Test(task_mmu, task_mem_vmrss_and_vmhwm_follow_rss_and_its_peak)
{
	struct task_mem_info s;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);
	s = status_of(1);
	cr_assert_eq(s.vm_rss, 16);
	cr_assert_eq(s.vm_hwm, 16);
	cr_assert_eq(s.vm_size, 16);
	cr_assert_eq(s.vm_peak, 16);
	cr_assert_eq(t_munmap(BASE + 2 * P, 2 * P), 0);
	s = status_of(1);
	cr_assert_eq(s.vm_rss, 8);
	cr_assert_eq(s.vm_hwm, 16);
	cr_assert_eq(s.vm_size, 8);
	cr_assert_eq(s.vm_peak, 16);
}

/* the zero page is not in VmRSS; VmHWM of a child starts at its rss at fork */
Test(task_mmu, task_mem_of_a_child_starts_from_its_rss_at_fork)
{
	struct task_mem_info s;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + 2 * P, 2 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(status_of(1).vm_rss, 8);
	cr_assert_eq(t_fork(), 2);
	s = status_of(2);
	cr_assert_eq(s.vm_rss, 8);
	cr_assert_eq(s.vm_hwm, 8);
	cr_assert_eq(s.vm_peak, 16);
}

/*
 * VmData (2.6): total_vm less file mappings (shared_vm) and stacks:
 * anonymous rw 5 pages, a file 2 pages, a growsdown stack 3 pages.
 */
Test(task_mmu, task_mem_vmdata_and_vmstk_count_anonymous_and_stack_pages)
{
	struct task_mem_info s;

	mkfile("f", 2 * P);
	cr_assert_eq(t_mmap(BASE, 5 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 8 * P, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)(BASE + 8 * P));
	cr_assert_eq(t_mmap(BASE + 16 * P, 3 * P, RW, ANON_FIXED | MAP_GROWSDOWN), (long)(BASE + 16 * P));
	s = status_of(1);
	cr_assert_eq(s.vm_size, 40);
	cr_assert_eq(s.vm_data, 20);
	cr_assert_eq(s.vm_stk, 12);
	cr_assert_eq(s.vm_exe, 0);
	cr_assert_eq(s.vm_lib, 0);
}

/*
 * exec's classic layout (text 32k, data 8k, bss 8k, stack 132k):
 * VmExe is the text (end_code - start_code), VmLib the other executable
 * file pages (none), VmData the bss/heap only (2.6 counts the
 * file-backed data segment in shared_vm), VmStk the stack, VmSize all.
 */
Test(task_mmu, task_mem_of_an_exec_image)
{
	struct exec_layout l = { 0, 0, 0, 0 };
	struct task_mem_info s;

	vm_clear_error(m);
	cr_assert_eq(do_execve(m, "/bin/true", &l), 0, "%s", m->errmsg);
	CHECK_VALID();
	s = status_of(1);
	cr_assert_eq(s.vm_exe, 32);
	cr_assert_eq(s.vm_lib, 0);
	cr_assert_eq(s.vm_stk, 132);
	cr_assert_eq(s.vm_data, 8);
	cr_assert_eq(s.vm_size, 32 + 8 + 8 + 132);
	cr_assert_eq(s.vm_pte, 0, "nothing touched yet");
	cr_assert_eq(s.vm_rss, 0);
	cr_assert_eq(t_touch(0x08048000UL, 1, VM_ACCESS_EXEC), 0);
	cr_assert_eq(t_touch(TASK_SIZE - P, 1, VM_ACCESS_WRITE), 0);
	s = status_of(1);
	cr_assert_eq(s.vm_pte, 8, "two page tables, 4 kB each");
	cr_assert_eq(s.vm_rss, 8);
}

/* VmPTE: 4 kB per page table, whatever the number of PTEs in it */
Test(task_mmu, task_mem_vmpte_is_4k_per_page_table)
{
	cr_assert_eq(t_mmap(BASE, 3 * PGDIR_SIZE, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(status_of(1).vm_pte, 4);
	cr_assert_eq(t_touch(BASE + 2 * PGDIR_SIZE, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(t_touch(BASE + 2 * PGDIR_SIZE + P, 8 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(status_of(1).vm_pte, 8);
}

/* VmLck: locked_vm */
Test(task_mmu, task_mem_vmlck_counts_locked_pages)
{
	cr_assert_eq(t_mmap(BASE, 5 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mlock(BASE + P, 3 * P), 0);
	cr_assert_eq(status_of(1).vm_lck, 12);
	cr_assert_eq(status_of(1).vm_rss, 12);
}
