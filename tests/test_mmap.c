/*
 * test_mmap.c - Criterion tests for do_mmap_pgoff (vmcore/mmap.c) through
 * sys_mmap: where a mapping goes (MAP_FIXED, a hint, first fit upwards from
 * TASK_UNMAPPED_BASE), what MAP_FIXED does to what was mapped there, the
 * vm_flags, accounting and counters a new mapping gets, file and shmem
 * mappings, and every error do_mmap_pgoff returns. Expected values are
 * Linux 2.6's (mm/mmap.c: do_mmap_pgoff, mmap_region, get_unmapped_area,
 * arch_get_unmapped_area, vm_stat_account), and today's where they agree.
 *
 * Pictures: one character per page from the address given, '.' for a page
 * no VMA maps, one letter per VMA.
 */
#include "vmtest.h"

#define P	PAGE_SIZE
#define BASE	TASK_UNMAPPED_BASE
#define VM_MAY	(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

TestSuite(mmap, .init = vm_setup, .fini = vm_teardown);

/* vma_at - the VMA holding addr, found by walking the list (find_vma would set mmap_cache) */
static struct vm_area_struct *vma_at(unsigned long addr)
{
	struct vm_area_struct *v;

	for (v = cur_mm()->mmap; v; v = v->vm_next)
		if (v->vm_start <= addr && addr < v->vm_end)
			return v;
	cr_assert_fail("no VMA holds %#lx; maps: %s", addr, maps_str());
	return NULL;
}

static void mkfile(const char *name, unsigned long size)
{
	cr_assert_eq(file_create(m, name, size), 0, "file_create(%s)", name);
}

static struct inode *inode_of(const char *name)
{
	struct inode *inode = file_lookup(m, name);

	cr_assert(inode, "no file %s", name);
	return inode;
}

#define EXPECT_MM(field, want) \
	cr_assert_eq((unsigned long)cur_mm()->field, (unsigned long)(want), \
		     #field " is %lu, expected %lu", (unsigned long)cur_mm()->field, \
		     (unsigned long)(want))
#define EXPECT_FLAGS(addr, want) \
	cr_assert_eq((unsigned long)vma_at(addr)->vm_flags, (unsigned long)(want), \
		     "vm_flags at %#lx are %#lx, expected %#lx", (unsigned long)(addr), \
		     (unsigned long)vma_at(addr)->vm_flags, (unsigned long)(want))
#define EXPECT_COMMITTED(want) \
	cr_assert_eq(m->vm_committed_space, (unsigned long)(want), \
		     "vm_committed_space is %lu pages, expected %lu", \
		     m->vm_committed_space, (unsigned long)(want))

/* ---- where the mapping goes ---------------------------------------- */

/* before: (empty)   after: 50000000 AAA */
Test(mmap, fixed_maps_exactly_the_range_asked)
{
	cr_assert_eq(t_mmap(0x50000000, 3 * P, RW, ANON_FIXED), 0x50000000L);
	EXPECT_MAPS("50000000-50003000 rw-p 0");
	EXPECT_MM(map_count, 1);
	EXPECT_MM(total_vm, 3);
	cr_assert_eq(vma_at(0x50000000)->vm_pgoff, 0x50000u);
}

/* before: (empty)   after: 50000000 AA (the hint is free and page aligned) */
Test(mmap, free_page_aligned_hint_is_honoured)
{
	cr_assert_eq(t_mmap(0x50000000, 2 * P, RW, ANON_PRIVATE), 0x50000000L);
	EXPECT_MAPS("50000000-50002000 rw-p 0");
}

/* arch_get_unmapped_area: addr = PAGE_ALIGN(addr), rounding up */
Test(mmap, unaligned_hint_is_rounded_up)
{
	cr_assert_eq(t_mmap(0x50000800, P, RW, ANON_PRIVATE), 0x50001000L);
	cr_assert_eq(t_mmap(0x50004001, P, PROT_READ, ANON_PRIVATE), 0x50005000L);
	EXPECT_MAPS("50001000-50002000 rw-p 0;50005000-50006000 r--p 0");
}

/* a free hint is taken as it is, even below TASK_UNMAPPED_BASE */
Test(mmap, free_hint_below_task_unmapped_base_is_honoured)
{
	cr_assert_eq(t_mmap(0x10000000, 4 * P, PROT_READ, ANON_PRIVATE), 0x10000000L);
	EXPECT_MAPS("10000000-10004000 r--p 0");
}

/*
 * before: 40000000 AA     after: AAB.    (hint 40001000 is inside A)
 *         then hint 3ffff000 for 2 pages overlaps A's first page:  AABC
 */
Test(mmap, occupied_hint_falls_back_to_first_fit)
{
	cr_assert_eq(t_mmap(0, 2 * P, PROT_READ, ANON_PRIVATE), (long)BASE);
	cr_assert_eq(t_mmap(BASE + P, P, RW, ANON_PRIVATE), (long)(BASE + 2 * P));
	cr_assert_eq(t_mmap(BASE - P, 2 * P, PROT_EXEC, ANON_PRIVATE), (long)(BASE + 3 * P));
	EXPECT_MAPS("40000000-40002000 r--p 0;40002000-40003000 rw-p 0;40003000-40005000 --xp 0");
}

/*
 * "addr + len <= vma->vm_start": a hint whose range ends right where the
 * next VMA starts is free.
 * before: 40000000 ....A   hint 40002000, 2 pages   after: ..BBA
 *         and 40000000 for 2 pages then fills the hole exactly: CCBBA
 */
Test(mmap, hint_fitting_a_hole_exactly_is_honoured)
{
	cr_assert_eq(t_mmap(BASE + 4 * P, P, PROT_READ, ANON_FIXED), (long)(BASE + 4 * P));
	cr_assert_eq(t_mmap(BASE + 2 * P, 2 * P, RW, ANON_PRIVATE), (long)(BASE + 2 * P));
	cr_assert_eq(t_mmap(BASE, 2 * P, PROT_EXEC, ANON_PRIVATE), (long)BASE);
	EXPECT_MAPS("40000000-40002000 --xp 0;40002000-40004000 rw-p 0;40004000-40005000 r--p 0");
	/* one page more does not fit at the hint: first fit, above A */
	cr_assert_eq(t_munmap(BASE + 2 * P, 2 * P), 0);
	cr_assert_eq(t_mmap(BASE + 2 * P, 3 * P, RW, ANON_PRIVATE), (long)(BASE + 5 * P));
}

/* a hint with TASK_SIZE - len < addr is ignored */
Test(mmap, hint_running_past_task_size_falls_back_to_first_fit)
{
	cr_assert_eq(t_mmap(0xbffff000, 2 * P, RW, ANON_PRIVATE), (long)BASE);
	EXPECT_MAPS("40000000-40002000 rw-p 0");
}

/* before: (empty)   after: 40000000 ABC (bottom-up, each right above the last) */
Test(mmap, no_hint_maps_bottom_up_from_task_unmapped_base)
{
	cr_assert_eq(t_mmap(0, P, PROT_READ, ANON_PRIVATE), (long)BASE);
	cr_assert_eq(t_mmap(0, 2 * P, RW, ANON_PRIVATE), (long)(BASE + P));
	cr_assert_eq(t_mmap(0, P, PROT_READ, ANON_PRIVATE), (long)(BASE + 3 * P));
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40003000 rw-p 0;40003000-40004000 r--p 0");
	EXPECT_MM(map_count, 3);
}

/*
 * layout_with_holes - from 40000000:  A..C...E   (holes of 2 and 3 pages,
 * made by unmapping B and D), each VMA of its own protection.
 */
static void layout_with_holes(void)
{
	cr_assert_eq(t_mmap(0, P, PROT_READ, ANON_PRIVATE), (long)BASE);
	cr_assert_eq(t_mmap(0, 2 * P, RW, ANON_PRIVATE), (long)(BASE + P));
	cr_assert_eq(t_mmap(0, P, PROT_READ, ANON_PRIVATE), (long)(BASE + 3 * P));
	cr_assert_eq(t_mmap(0, 3 * P, RW, ANON_PRIVATE), (long)(BASE + 4 * P));
	cr_assert_eq(t_mmap(0, P, PROT_READ, ANON_PRIVATE), (long)(BASE + 7 * P));
	cr_assert_eq(t_munmap(BASE + P, 2 * P), 0);
	cr_assert_eq(t_munmap(BASE + 4 * P, 3 * P), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0;40003000-40004000 r--p 0;40007000-40008000 r--p 0");
}

/*
 * before: A..C...E    3 pages: too big for the first hole, fit the second
 * after:  A..CFFFE    then 1 page goes into the lowest hole: AG.CFFFE
 */
Test(mmap, request_goes_into_the_lowest_hole_that_fits)
{
	layout_with_holes();
	cr_assert_eq(t_mmap(0, 3 * P, PROT_EXEC, ANON_PRIVATE), (long)(BASE + 4 * P));
	cr_assert_eq(t_mmap(0, P, RW, ANON_PRIVATE), (long)(BASE + P));
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40002000 rw-p 0;40003000-40004000 r--p 0;"
		    "40004000-40007000 --xp 0;40007000-40008000 r--p 0");
}

/* before: A..C...E   4 pages fit no hole   after: A..C...EFFFF */
Test(mmap, request_too_big_for_every_hole_goes_above)
{
	layout_with_holes();
	cr_assert_eq(t_mmap(0, 4 * P, RW, ANON_PRIVATE), (long)(BASE + 8 * P));
	EXPECT_MAPS("40000000-40001000 r--p 0;40003000-40004000 r--p 0;40007000-40008000 r--p 0;"
		    "40008000-4000c000 rw-p 0");
}

/* 2 GiB exactly fills [TASK_UNMAPPED_BASE, TASK_SIZE) */
Test(mmap, two_gib_fit_exactly_above_task_unmapped_base)
{
	cr_assert_eq(t_mmap(0, 0x80000000UL, PROT_NONE, ANON_PRIVATE), (long)BASE);
	EXPECT_MAPS("40000000-c0000000 ---p 0");
	EXPECT_MM(total_vm, 0x80000);
}

/* ---- MAP_FIXED over what is mapped ---------------------------------- */

/* before: 40000000 AAAA (rw-)   after: BBBB (r--): A's commit is given back */
Test(mmap, fixed_replaces_a_whole_vma)
{
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	EXPECT_COMMITTED(4);
	cr_assert_eq(t_mmap(BASE, 4 * P, PROT_READ, ANON_FIXED), (long)BASE);
	EXPECT_MAPS("40000000-40004000 r--p 0");
	EXPECT_FLAGS(BASE, VM_READ | VM_MAY);
	EXPECT_MM(map_count, 1);
	EXPECT_MM(total_vm, 4);
	EXPECT_COMMITTED(0);
}

/* before: 40000000 AAAA (rw-)   after: ABBA (B r--): do_munmap splits A first */
Test(mmap, fixed_in_the_middle_splits_the_vma)
{
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + P, 2 * P, PROT_READ, ANON_FIXED), (long)(BASE + P));
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 r--p 0;40003000-40004000 rw-p 0");
	cr_assert_eq(vma_at(BASE)->vm_pgoff, 0x40000u);
	cr_assert_eq(vma_at(BASE + P)->vm_pgoff, 0x40001u);
	cr_assert_eq(vma_at(BASE + 3 * P)->vm_pgoff, 0x40003u);
	EXPECT_MM(map_count, 3);
	EXPECT_MM(total_vm, 4);
	EXPECT_COMMITTED(2);
}

/*
 * before: 40000000 AAAA   after: AAAA (one VMA): the pieces do_munmap left
 * and the new range have equal flags and continuous pgoff, so vma_merge
 * joins all three (case 1).
 */
Test(mmap, fixed_over_the_middle_with_equal_flags_merges_back)
{
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + P, 2 * P, RW, ANON_FIXED), (long)(BASE + P));
	EXPECT_MAPS("40000000-40004000 rw-p 0");
	cr_assert_eq(vma_at(BASE)->vm_pgoff, 0x40000u);
	EXPECT_MM(map_count, 1);
	EXPECT_MM(total_vm, 4);
	EXPECT_COMMITTED(4);
}

/*
 * before: 40000000 FFFF (file f from offset 0x2000)
 * after:  FAGG  the pieces keep their offsets: 0x2000 and 0x4000
 */
Test(mmap, fixed_over_a_file_mapping_keeps_the_file_offsets)
{
	struct vm_area_struct *lo, *hi;

	mkfile("f", 8 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 2 * P), (long)BASE);
	cr_assert_eq(t_mmap(BASE + P, P, RW, ANON_FIXED), (long)(BASE + P));
	EXPECT_MAPS("40000000-40001000 r--p 2000 f;40001000-40002000 rw-p 0;40002000-40004000 r--p 4000 f");
	lo = vma_at(BASE);
	hi = vma_at(BASE + 2 * P);
	cr_assert_eq(lo->vm_pgoff, 2u);
	cr_assert_eq(hi->vm_pgoff, 4u);
	cr_assert_eq(lo->vm_file, hi->vm_file, "split_vma shares the struct file");
	cr_assert_eq(lo->vm_file->f_count, 2);
	cr_assert_eq(inode_of("f")->i_mapping->i_mmap_count, 2UL);
	cr_assert_eq(inode_of("f")->i_count, 2, "the directory and one open file");
	EXPECT_MM(map_count, 3);
}

/*
 * before: 40000000 AAABBBCCC   A rw- anon, B file r--, C r-- anon
 * after:           AADDDDDCC   D (---) replaces A's tail, all of B, C's head
 */
Test(mmap, fixed_over_several_vmas_replaces_them_all)
{
	mkfile("f", 3 * P);
	cr_assert_eq(t_mmap(BASE, 3 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 3 * P, 3 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)(BASE + 3 * P));
	cr_assert_eq(t_mmap(BASE + 6 * P, 3 * P, PROT_READ, ANON_FIXED), (long)(BASE + 6 * P));
	EXPECT_MM(map_count, 3);
	cr_assert_eq(t_mmap(BASE + 2 * P, 5 * P, PROT_NONE, ANON_FIXED), (long)(BASE + 2 * P));
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40007000 ---p 0;40007000-40009000 r--p 0");
	cr_assert_eq(vma_at(BASE + 7 * P)->vm_pgoff, 0x40007u);
	cr_assert_eq(inode_of("f")->i_mapping->i_mmap_count, 0UL);
	cr_assert_eq(inode_of("f")->i_count, 1, "the mapping's open file was closed");
	EXPECT_MM(map_count, 3);
	EXPECT_MM(total_vm, 9);
	EXPECT_COMMITTED(2);
}

/* ---- vm_flags and accounting ---------------------------------------- */

/* mmap_region: a private writable mapping is charged and gets VM_ACCOUNT */
Test(mmap, private_writable_mapping_is_vm_account)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap(0, 4 * P, RW, ANON_PRIVATE), (long)BASE);
	EXPECT_FLAGS(BASE, VM_READ | VM_WRITE | VM_MAY | VM_ACCOUNT);
	EXPECT_COMMITTED(4);
	cr_assert_eq(t_mmap_file(0, 2 * P, RW, MAP_PRIVATE, "f", 0), (long)(BASE + 4 * P));
	EXPECT_FLAGS(BASE + 4 * P, VM_READ | VM_WRITE | VM_MAY | VM_ACCOUNT);
	EXPECT_COMMITTED(6);
	cr_assert_eq(t_munmap(BASE, 6 * P), 0);
	EXPECT_COMMITTED(0);
}

Test(mmap, read_only_private_mapping_is_not_accounted)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap(0, 4 * P, PROT_READ | PROT_EXEC, ANON_PRIVATE), (long)BASE);
	EXPECT_FLAGS(BASE, VM_READ | VM_EXEC | VM_MAY);
	cr_assert_eq(t_mmap_file(0, 4 * P, PROT_READ, MAP_PRIVATE, "f", 0), (long)(BASE + 4 * P));
	EXPECT_FLAGS(BASE + 4 * P, VM_READ | VM_MAY);
	EXPECT_COMMITTED(0);
}

/*
 * mmap_region sets VM_ACCOUNT on a shared mapping only to tell
 * shmem_zero_setup to charge, then clears it: the VMA never carries it.
 * A shared file mapping is backed by the file and charges nothing.
 */
Test(mmap, shared_mapping_is_not_vm_account)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap(0, 4 * P, RW, MAP_SHARED | MAP_ANONYMOUS), (long)BASE);
	EXPECT_FLAGS(BASE, VM_READ | VM_WRITE | VM_MAY | VM_SHARED | VM_MAYSHARE);
	cr_assert_eq(t_mmap_file(0, 4 * P, RW, MAP_SHARED, "f", 0), (long)(BASE + 4 * P));
	EXPECT_FLAGS(BASE + 4 * P, VM_READ | VM_WRITE | VM_MAY | VM_SHARED | VM_MAYSHARE);
}

Test(mmap, shared_file_mapping_charges_no_commit)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(0, 4 * P, RW, MAP_SHARED, "f", 0), (long)BASE);
	EXPECT_COMMITTED(0);
}

/*
 * shmem_file_setup pre-accounts the whole size of a shared anonymous
 * (/dev/zero) object unless MAP_NORESERVE (mm/shmem.c shmem_acct_size: in
 * 2.6 keyed on the VM_ACCOUNT mmap_region sets on every accountable
 * VM_SHARED mapping, whatever its prot; today unless VM_NORESERVE). The
 * charge belongs to the object, not the VMA: it stays while any part is
 * mapped and goes when the object is freed (shmem_unacct_size from
 * shmem_delete_inode, today shmem_evict_inode). Committed_AS shows it.
 */
Test(mmap, shared_anonymous_mapping_commits_its_shmem_object)
{
	cr_assert_eq(t_mmap(0, 4 * P, RW, MAP_SHARED | MAP_ANONYMOUS), (long)BASE);
	cr_assert_eq(vma_at(BASE)->vm_flags & VM_ACCOUNT, 0u);
	EXPECT_COMMITTED(4);
	cr_assert_eq(t_mmap(0, 2 * P, PROT_READ, MAP_SHARED | MAP_ANONYMOUS), (long)(BASE + 4 * P));
	EXPECT_COMMITTED(6);
	cr_assert_eq(t_munmap(BASE + P, 2 * P), 0);
	EXPECT_COMMITTED(6);
	cr_assert_eq(t_munmap(BASE, 4 * P), 0);
	EXPECT_COMMITTED(2);
	cr_assert_eq(t_mmap(0, 4 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE), (long)BASE);
	EXPECT_COMMITTED(2);
}

/* MAP_NORESERVE (overcommit 0): VM_NORESERVE instead of a charge */
Test(mmap, noreserve_sets_vm_noreserve_instead_of_vm_account)
{
	cr_assert_eq(t_mmap(0, 4 * P, RW, ANON_PRIVATE | MAP_NORESERVE), (long)BASE);
	EXPECT_FLAGS(BASE, VM_READ | VM_WRITE | VM_MAY | VM_NORESERVE);
	EXPECT_COMMITTED(0);
}

/*
 * MAP_NORESERVE next to a normal private writable mapping: the flags
 * differ (VM_NORESERVE vs VM_ACCOUNT), so they do not merge.
 * before: 40000000 A   after: AB
 */
Test(mmap, noreserve_mapping_does_not_merge_with_accounted_one)
{
	cr_assert_eq(t_mmap(0, P, RW, ANON_PRIVATE), (long)BASE);
	cr_assert_eq(t_mmap(0, P, RW, ANON_PRIVATE | MAP_NORESERVE), (long)(BASE + P));
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40002000 rw-p 0");
	EXPECT_COMMITTED(1);
}

/* ---- counters --------------------------------------------------------- */

/* MAP_LOCKED: VM_LOCKED and locked_vm; total_vm counts every page */
Test(mmap, locked_mapping_counts_in_locked_vm)
{
	cr_assert_eq(t_mmap(0, 2 * P, RW, ANON_PRIVATE | MAP_LOCKED), (long)BASE);
	EXPECT_FLAGS(BASE, VM_READ | VM_WRITE | VM_MAY | VM_ACCOUNT | VM_LOCKED);
	cr_assert_eq(t_mmap(0, 3 * P, RW, ANON_PRIVATE), (long)(BASE + 2 * P));
	EXPECT_MM(locked_vm, 2);
	EXPECT_MM(total_vm, 5);
	EXPECT_MM(map_count, 2);
}

/*
 * vm_stat_account (2.6): exec_vm counts file pages mapped with VM_EXEC but
 * not VM_WRITE; anonymous memory never counts there.
 */
Test(mmap, executable_file_mapping_counts_in_exec_vm)
{
	mkfile("f", 8 * P);
	cr_assert_eq(t_mmap_file(0, 3 * P, PROT_READ | PROT_EXEC, MAP_PRIVATE, "f", 0), (long)BASE);
	EXPECT_MM(exec_vm, 3);
	cr_assert_eq(t_mmap_file(0, 2 * P, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE, "f", 0),
		     (long)(BASE + 3 * P));
	cr_assert_eq(t_mmap(0, 4 * P, PROT_READ | PROT_EXEC, ANON_PRIVATE), (long)(BASE + 5 * P));
	EXPECT_MM(exec_vm, 3);
	EXPECT_MM(total_vm, 9);
}

/*
 * vm_stat_account (2.6): "if (file) mm->shared_vm += pages;" - every
 * file-backed page counts, private or shared, and shared anonymous memory
 * too (its VMA has the shmem file). VmData is total_vm - shared_vm -
 * stack_vm. (Herbert van den Bergh's 2007 patch to count VM_SHARED only was
 * not taken.)
 */
Test(mmap, shared_vm_counts_every_file_backed_page)
{
	mkfile("f", 8 * P);
	cr_assert_eq(t_mmap_file(0, 2 * P, PROT_READ, MAP_PRIVATE, "f", 0), (long)BASE);
	EXPECT_MM(shared_vm, 2);
	cr_assert_eq(t_mmap_file(0, 3 * P, RW, MAP_SHARED, "f", 0), (long)(BASE + 2 * P));
	EXPECT_MM(shared_vm, 5);
	cr_assert_eq(t_mmap_file(0, P, PROT_READ, MAP_SHARED, "f", 0), (long)(BASE + 5 * P));
	EXPECT_MM(shared_vm, 6);
	cr_assert_eq(t_mmap(0, P, RW, MAP_SHARED | MAP_ANONYMOUS), (long)(BASE + 6 * P));
	EXPECT_MM(shared_vm, 7);
	cr_assert_eq(t_mmap(0, 4 * P, RW, ANON_PRIVATE), (long)(BASE + 7 * P));
	EXPECT_MM(shared_vm, 7);
	cr_assert_eq(t_munmap(BASE, 2 * P), 0);
	EXPECT_MM(shared_vm, 5);
}

/* MAP_GROWSDOWN: the flags of a stack (VM_STACK_FLAGS) and stack_vm */
Test(mmap, growsdown_mapping_has_stack_flags)
{
	cr_assert_eq(t_mmap(0x70000000, 4 * P, RW, ANON_PRIVATE | MAP_GROWSDOWN), 0x70000000L);
	EXPECT_FLAGS(0x70000000, VM_STACK_FLAGS);
	EXPECT_MAPS("70000000-70004000 rw-p 0");
	EXPECT_MM(stack_vm, 4);
	EXPECT_MM(total_vm, 4);
	EXPECT_COMMITTED(4);
}

/* before: 70000000 SSSS (growsdown)   after: SSSSA: A has no VM_GROWSDOWN, no merge */
Test(mmap, growsdown_mapping_does_not_merge_with_plain_memory)
{
	cr_assert_eq(t_mmap(0x70000000, 4 * P, RW, ANON_FIXED | MAP_GROWSDOWN), 0x70000000L);
	cr_assert_eq(t_mmap(0x70004000, P, RW, ANON_FIXED), 0x70004000L);
	EXPECT_MAPS("70000000-70004000 rw-p 0;70004000-70005000 rw-p 0");
	EXPECT_MM(stack_vm, 4);
	EXPECT_MM(map_count, 2);
}

/* ---- errors ------------------------------------------------------------ */

Test(mmap, zero_length_is_einval)
{
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 0, RW, ANON_PRIVATE), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE, 0, RW, ANON_FIXED), -EINVAL);
}

/* len = PAGE_ALIGN(len); if (!len || len > TASK_SIZE) return -ENOMEM (i386: it wraps) */
Test(mmap, length_past_task_size_is_enomem)
{
	cr_assert_eq(t_mmap(0, P, RW, ANON_PRIVATE), (long)BASE);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, TASK_SIZE + P, PROT_READ, ANON_PRIVATE), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 0xfffff001UL, PROT_READ, ANON_PRIVATE), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 0xffffffffUL, PROT_READ, ANON_PRIVATE), -ENOMEM);
}

Test(mmap, unaligned_fixed_address_is_einval)
{
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE + 0x800, P, RW, ANON_FIXED), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mmap(0x50000001, P, RW, ANON_FIXED), -EINVAL);
}

/* get_unmapped_area: if (addr > TASK_SIZE - len) return -ENOMEM */
Test(mmap, fixed_range_past_task_size_is_enomem)
{
	EXPECT_FAILS_UNCHANGED(t_mmap(0xbffff000, 2 * P, RW, ANON_FIXED), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mmap(TASK_SIZE, P, RW, ANON_FIXED), -ENOMEM);
	cr_assert_eq(t_mmap(0xbffff000, P, RW, ANON_FIXED), 0xbffff000L);
	EXPECT_MAPS("bffff000-c0000000 rw-p 0");
}

/* old_mmap (i386): if (offset & ~PAGE_MASK) return -EINVAL */
Test(mmap, unaligned_offset_is_einval)
{
	mkfile("f", 4 * P);
	EXPECT_FAILS_UNCHANGED(t_mmap_file(0, P, PROT_READ, MAP_PRIVATE, "f", 0x800), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mmap_file(0, P, PROT_READ, MAP_PRIVATE, "f", P + 1), -EINVAL);
}

Test(mmap, neither_shared_nor_private_is_einval)
{
	mkfile("f", 4 * P);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, P, RW, MAP_ANONYMOUS), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE, P, RW, MAP_ANONYMOUS | MAP_FIXED), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mmap_file(0, P, PROT_READ, 0, "f", 0), -EINVAL);
}

/*
 * do_mmap_pgoff looks at MAP_TYPE only after get_unmapped_area (2.6 and
 * today), so a fixed range past TASK_SIZE is ENOMEM whatever the type.
 */
Test(mmap, address_is_checked_before_the_map_type)
{
	EXPECT_FAILS_UNCHANGED(t_mmap(0xbffff000, 2 * P, RW, MAP_ANONYMOUS | MAP_FIXED), -ENOMEM);
}

/* sys_mmap2: fget(-1) fails before anything else */
Test(mmap, no_file_and_no_map_anonymous_is_ebadf)
{
	EXPECT_FAILS_UNCHANGED(t_mmap(0, P, RW, MAP_PRIVATE), -EBADF);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, P, RW, MAP_SHARED), -EBADF);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 0, RW, MAP_PRIVATE), -EBADF);
}

/*
 * do_mmap_pgoff: if (mm->map_count > sysctl_max_map_count) return -ENOMEM.
 * Strictly greater: with a limit of 2 the third mapping is still made.
 * before: 40000000 A.B.   after: A.B.C   then D: ENOMEM, even one that would merge
 */
Test(mmap, map_count_past_max_map_count_is_enomem)
{
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 2), 0);
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 2 * P, P, RW, ANON_FIXED), (long)(BASE + 2 * P));
	cr_assert_eq(t_mmap(BASE + 4 * P, P, RW, ANON_FIXED), (long)(BASE + 4 * P));
	EXPECT_MM(map_count, 3);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE + 6 * P, P, RW, ANON_FIXED), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE + P, P, RW, ANON_FIXED), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, P, RW, ANON_PRIVATE), -ENOMEM);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40002000-40003000 rw-p 0;40004000-40005000 rw-p 0");
}

/*
 * At map_count == max_map_count mmap itself may go on, but the do_munmap
 * of a MAP_FIXED over the middle of a VMA needs split_vma, which refuses
 * (map_count >= sysctl_max_map_count): mmap_region returns -ENOMEM.
 */
Test(mmap, fixed_over_a_middle_at_max_map_count_is_enomem)
{
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 1), 0);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE + P, P, PROT_READ, ANON_FIXED), -ENOMEM);
	/* a whole VMA needs no split */
	cr_assert_eq(t_mmap(BASE, 4 * P, PROT_READ, ANON_FIXED), (long)BASE);
	EXPECT_MAPS("40000000-40004000 r--p 0");
}

/* 3 GiB never fits between TASK_UNMAPPED_BASE and TASK_SIZE */
Test(mmap, three_gib_request_is_enomem)
{
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 0xc0000000UL, PROT_READ, ANON_PRIVATE), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 0x80001000UL, PROT_READ, ANON_PRIVATE), -ENOMEM);
}

/*
 * before: 00000000 ... 40000000 AAAA...A (up to TASK_SIZE)
 * The bottom-up search never looks below TASK_UNMAPPED_BASE: no room.
 */
Test(mmap, no_free_gap_above_task_unmapped_base_is_enomem)
{
	cr_assert_eq(t_mmap(BASE, TASK_SIZE - BASE, PROT_READ, ANON_FIXED), (long)BASE);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, P, RW, ANON_PRIVATE), -ENOMEM);
	/* a hole of one page takes a one-page request, not a two-page one */
	cr_assert_eq(t_munmap(0x80000000, P), 0);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 2 * P, RW, ANON_PRIVATE), -ENOMEM);
	cr_assert_eq(t_mmap(0, P, RW, ANON_PRIVATE), 0x80000000L);
	/* a free hint below the base is still honoured */
	cr_assert_eq(t_mmap(0x20000000, P, RW, ANON_PRIVATE), 0x20000000L);
}

/* ---- file and shmem mappings --------------------------------------------- */

Test(mmap, file_mapping_pgoff_comes_from_the_offset)
{
	mkfile("f", 16 * P);
	cr_assert_eq(t_mmap_file(0, 2 * P, PROT_READ, MAP_PRIVATE, "f", 3 * P), (long)BASE);
	EXPECT_MAPS("40000000-40002000 r--p 3000 f");
	cr_assert_eq(vma_at(BASE)->vm_pgoff, 3u);
	cr_assert_eq(vma_at(BASE)->vm_file->f_inode, inode_of("f"));
}

/*
 * before: (empty)   after: 40000000 F.G   two opens of f, both on i_mmap;
 * each mmap opened f anew, each VMA holds its own struct file
 */
Test(mmap, file_mappings_join_the_share_list)
{
	struct inode *f;

	mkfile("f", 4 * P);
	f = inode_of("f");
	cr_assert_eq(t_mmap_file(BASE, P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(f->i_mapping->i_mmap_count, 1UL);
	cr_assert_eq(t_mmap_file(BASE + 2 * P, P, RW, MAP_SHARED | MAP_FIXED, "f", P), (long)(BASE + 2 * P));
	cr_assert_eq(f->i_mapping->i_mmap_count, 2UL);
	cr_assert_neq(vma_at(BASE)->vm_file, vma_at(BASE + 2 * P)->vm_file);
	cr_assert_eq(vma_at(BASE)->vm_file->f_count, 1);
	cr_assert_eq(vma_at(BASE + 2 * P)->vm_file->f_count, 1);
	cr_assert_eq(f->i_count, 3, "the directory and two open files");
	cr_assert_eq(f->i_writecount, 1, "the shared writable mapping opened f for writing");
	cr_assert_eq(t_munmap(BASE + 2 * P, P), 0);
	cr_assert_eq(f->i_mapping->i_mmap_count, 1UL);
	cr_assert_eq(f->i_count, 2);
	cr_assert_eq(f->i_writecount, 0);
}

/*
 * before: (empty)   after: 40000000 FFGG: offsets 0 and 0x2000 are
 * continuous, but each mmap opened f anew: vma_merge compares the struct
 * file, and two opens never merge.
 */
Test(mmap, same_file_mapped_back_to_back_does_not_merge)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 2 * P, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 2 * P),
		     (long)(BASE + 2 * P));
	EXPECT_MAPS("40000000-40002000 r--p 0 f;40002000-40004000 r--p 2000 f");
	EXPECT_MM(map_count, 2);
	cr_assert_eq(inode_of("f")->i_mapping->i_mmap_count, 2UL);
}

/*
 * shmem_zero_setup: a shared anonymous mapping is backed by an unnamed
 * shmem file, "/dev/zero (deleted)" in maps, at pgoff 0. Two of them side
 * by side do not merge: different files.
 */
Test(mmap, shared_anonymous_mapping_gets_a_dev_zero_shmem_file)
{
	struct vm_area_struct *a, *b;

	cr_assert_eq(t_mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS), (long)BASE);
	cr_assert_eq(t_mmap(0, P, RW, MAP_SHARED | MAP_ANONYMOUS), (long)(BASE + 2 * P));
	EXPECT_MAPS("40000000-40002000 rw-s 0 /dev/zero (deleted);"
		    "40002000-40003000 rw-s 0 /dev/zero (deleted)");
	a = vma_at(BASE);
	b = vma_at(BASE + 2 * P);
	cr_assert(a->vm_file && b->vm_file);
	cr_assert_neq(a->vm_file->f_inode, b->vm_file->f_inode);
	cr_assert(a->vm_file->f_inode->i_flags & S_SHMEM);
	cr_assert_eq(a->vm_pgoff, 0u);
	cr_assert_eq(b->vm_pgoff, 0u);
	cr_assert_eq(a->vm_file->f_inode->i_mapping->i_mmap_count, 1UL);
	EXPECT_MM(map_count, 2);
}

/* do_mmap_pgoff: "pgoff = addr >> PAGE_SHIFT" for private anonymous memory */
Test(mmap, anonymous_private_pgoff_is_the_start_page)
{
	cr_assert_eq(t_mmap(0x50003000, 2 * P, RW, ANON_FIXED), 0x50003000L);
	cr_assert_eq(t_mmap(0, P, PROT_READ, ANON_PRIVATE), (long)BASE);
	cr_assert_eq(vma_at(0x50003000)->vm_pgoff, 0x50003u);
	cr_assert_eq(vma_at(BASE)->vm_pgoff, 0x40000u);
}

/* before: 40000000 A   after: AA (one VMA): mmap_region's vma_merge, case 2 */
Test(mmap, adjacent_anonymous_mappings_with_equal_flags_merge)
{
	cr_assert_eq(t_mmap(0, P, RW, ANON_PRIVATE), (long)BASE);
	cr_assert_eq(t_mmap(0, 2 * P, RW, ANON_PRIVATE), (long)(BASE + P));
	EXPECT_MAPS("40000000-40003000 rw-p 0");
	cr_assert_eq(vma_at(BASE)->vm_pgoff, 0x40000u);
	EXPECT_MM(map_count, 1);
	EXPECT_MM(total_vm, 3);
	EXPECT_COMMITTED(3);
}

/* before: 40000000 A   after: AB */
Test(mmap, adjacent_anonymous_mappings_with_different_flags_stay_apart)
{
	cr_assert_eq(t_mmap(0, P, PROT_READ, ANON_PRIVATE), (long)BASE);
	cr_assert_eq(t_mmap(0, P, RW, ANON_PRIVATE), (long)(BASE + P));
	cr_assert_eq(t_mmap(0, P, RW, ANON_PRIVATE | MAP_LOCKED), (long)(BASE + 2 * P));
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40002000 rw-p 0;40002000-40003000 rw-p 0");
	EXPECT_MM(map_count, 3);
}

/*
 * A shared mapping opened read-only loses VM_MAYWRITE (and VM_SHARED), so
 * mprotect may not add write: (newflags & ~(newflags >> 4)) & VM_WRITE.
 */
Test(mmap, shared_read_only_file_mapping_cannot_become_writable)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(0, 4 * P, PROT_READ, MAP_SHARED, "f", 0), (long)BASE);
	EXPECT_FLAGS(BASE, VM_READ | VM_MAYREAD | VM_MAYEXEC | VM_MAYSHARE);
	EXPECT_MAPS("40000000-40004000 r--s 0 f");
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, 4 * P, RW), -EACCES);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + P, P, RW), -EACCES);
}

/* a private file mapping keeps VM_MAYWRITE: made writable it is charged */
Test(mmap, private_read_only_file_mapping_can_become_writable)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(0, 4 * P, PROT_READ, MAP_PRIVATE, "f", 0), (long)BASE);
	cr_assert_eq(t_mprotect(BASE, 4 * P, RW), 0);
	EXPECT_FLAGS(BASE, VM_READ | VM_WRITE | VM_MAY | VM_ACCOUNT);
	EXPECT_COMMITTED(4);
}

/* ---- every allocation failure leaves the machine unchanged ---------------- */

static long op_mmap_anon(void)
{
	return t_mmap(0, 4 * P, RW, ANON_PRIVATE);
}

Test(mmap, anonymous_mmap_survives_every_allocation_failure)
{
	cr_assert_eq(t_mmap(0, P, PROT_READ, ANON_PRIVATE), (long)BASE);
	cr_assert_eq(failslab_sweep(op_mmap_anon, -ENOMEM), (long)(BASE + P));
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40005000 rw-p 0");
	EXPECT_COMMITTED(4);
}

static long op_mmap_file(void)
{
	return t_mmap_file(0, 2 * P, RW, MAP_SHARED, "f", P);
}

Test(mmap, file_mmap_survives_every_allocation_failure)
{
	mkfile("f", 4 * P);
	cr_assert_eq(failslab_sweep(op_mmap_file, -ENOMEM), (long)BASE);
	EXPECT_MAPS("40000000-40002000 rw-s 1000 f");
	cr_assert_eq(inode_of("f")->i_mapping->i_mmap_count, 1UL);
}

static long op_mmap_shared_anon(void)
{
	return t_mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS);
}

Test(mmap, shared_anonymous_mmap_survives_every_allocation_failure)
{
	cr_assert_eq(failslab_sweep(op_mmap_shared_anon, -ENOMEM), (long)BASE);
	EXPECT_MAPS("40000000-40002000 rw-s 0 /dev/zero (deleted)");
}

/* before: 40000000 AAAAFFFF (F: file f)   after: ABBBBFFF */
static long op_mmap_fixed_over_two(void)
{
	return t_mmap(BASE + P, 4 * P, PROT_READ, ANON_FIXED);
}

Test(mmap, fixed_mmap_splitting_two_vmas_survives_every_allocation_failure)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 4 * P, 4 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)(BASE + 4 * P));
	cr_assert_eq(failslab_sweep(op_mmap_fixed_over_two, -ENOMEM), (long)(BASE + P));
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40005000 r--p 0;40005000-40008000 r--p 1000 f");
	EXPECT_COMMITTED(1);
}
