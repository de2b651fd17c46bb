/*
 * test_munmap.c - Criterion tests for do_munmap (vmcore/mmap.c) through
 * sys_munmap, case by case as seeds 000 and 002 walk it: the argument
 * checks, find_vma_prev, split_vma at the start (new_below = 0) and at the
 * end (new_below = 1) with its max_map_count check,
 * detach_vmas_to_be_unmapped (mmap_cache reset), and unmap_vma's
 * total_vm / locked_vm accounting, with the commit, counters, files and
 * share lists that follow. Expected values are Linux 2.6's.
 *
 * Pictures: one character per page from 40000000, '.' for a page no VMA
 * maps, one letter per VMA.
 */
#include "vmtest.h"

#define P	PAGE_SIZE
#define BASE	TASK_UNMAPPED_BASE

TestSuite(munmap, .init = vm_setup, .fini = vm_teardown);

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

/* map - a MAP_FIXED private anonymous mapping of npages at BASE + first pages */
static void map(unsigned long first, unsigned long npages, unsigned long prot)
{
	cr_assert_eq(t_mmap(BASE + first * P, npages * P, prot, ANON_FIXED), (long)(BASE + first * P));
}

static void max_map_count(long n)
{
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", n), 0);
}

#define EXPECT_MM(field, want) \
	cr_assert_eq((unsigned long)cur_mm()->field, (unsigned long)(want), \
		     #field " is %lu, expected %lu", (unsigned long)cur_mm()->field, \
		     (unsigned long)(want))
#define EXPECT_COMMITTED(want) \
	cr_assert_eq(m->vm_committed_space, (unsigned long)(want), \
		     "vm_committed_space is %lu pages, expected %lu", \
		     m->vm_committed_space, (unsigned long)(want))

/* ---- the cases of the walk ------------------------------------------------ */

/*
 * before: AAAA   after: .AAA
 * start == vm_start: no first split; split_vma(last, end, new_below = 1)
 * puts the new VMA below (it is the one unmapped): the original
 * vm_area_struct stays as the upper part, its pgoff moved up one page.
 */
Test(munmap, head_shrinks_the_vma_from_below)
{
	struct vm_area_struct *a;

	map(0, 4, RW);
	a = vma_at(BASE);
	cr_assert_eq(t_munmap(BASE, P), 0);
	EXPECT_MAPS("40001000-40004000 rw-p 0");
	cr_assert_eq(vma_at(BASE + P), a, "the original VMA is the upper part");
	cr_assert_eq(a->vm_pgoff, 0x40001u);
	EXPECT_MM(map_count, 1);
	EXPECT_MM(total_vm, 3);
	EXPECT_COMMITTED(3);
}

/*
 * before: AAAA   after: AAA.
 * split_vma(vma, start, new_below = 0): the new VMA is above and unmapped,
 * the original stays below with its pgoff.
 */
Test(munmap, tail_shrinks_the_vma_from_above)
{
	struct vm_area_struct *a;

	map(0, 4, RW);
	a = vma_at(BASE);
	cr_assert_eq(t_munmap(BASE + 3 * P, P), 0);
	EXPECT_MAPS("40000000-40003000 rw-p 0");
	cr_assert_eq(vma_at(BASE), a);
	cr_assert_eq(a->vm_pgoff, 0x40000u);
	EXPECT_MM(map_count, 1);
	EXPECT_MM(total_vm, 3);
	EXPECT_COMMITTED(3);
}

/*
 * before: AAAA   after: A..B
 * Two splits: at start (new_below = 0, the original keeps [0,1)), then the
 * new upper VMA at end (new_below = 1, the upper VMA keeps [3,4) with pgoff
 * moved to its start).
 */
Test(munmap, middle_splits_vma_in_two)
{
	struct vm_area_struct *a;

	map(0, 4, RW);
	a = vma_at(BASE);
	cr_assert_eq(t_munmap(BASE + P, 2 * P), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40003000-40004000 rw-p 0");
	cr_assert_eq(vma_at(BASE), a, "the original VMA is the lower part");
	cr_assert_eq(a->vm_pgoff, 0x40000u);
	cr_assert_eq(vma_at(BASE + 3 * P)->vm_pgoff, 0x40003u);
	cr_assert_eq(vma_at(BASE + 3 * P)->vm_flags, a->vm_flags);
	EXPECT_MM(map_count, 2);
	EXPECT_MM(total_vm, 2);
	EXPECT_COMMITTED(2);
}

/* before: FFFF (f from offset 0)   after: .FFF, now from offset 0x1000 */
Test(munmap, head_of_a_file_mapping_moves_its_offset)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_munmap(BASE, P), 0);
	EXPECT_MAPS("40001000-40004000 r--p 1000 f");
	cr_assert_eq(vma_at(BASE + P)->vm_pgoff, 1u);
	cr_assert_eq(inode_of("f")->i_mapping->i_mmap_count, 1UL);
	cr_assert_eq(vma_at(BASE + P)->vm_file->f_count, 1);
}

/*
 * before: FFFFFF (f from offset 0x1000)   after: F...GG
 * Both pieces hold the one struct file (split_vma: get_file) and sit on
 * f's share list; the upper one maps from offset 0x5000.
 */
Test(munmap, middle_of_a_file_mapping_leaves_two_vmas_of_one_file)
{
	struct inode *f;
	struct vm_area_struct *lo, *hi;

	mkfile("f", 8 * P);
	f = inode_of("f");
	cr_assert_eq(t_mmap_file(BASE, 6 * P, RW, MAP_SHARED | MAP_FIXED, "f", P), (long)BASE);
	cr_assert_eq(t_munmap(BASE + P, 3 * P), 0);
	EXPECT_MAPS("40000000-40001000 rw-s 1000 f;40004000-40006000 rw-s 5000 f");
	lo = vma_at(BASE);
	hi = vma_at(BASE + 4 * P);
	cr_assert_eq(lo->vm_pgoff, 1u);
	cr_assert_eq(hi->vm_pgoff, 5u);
	cr_assert_eq(lo->vm_file, hi->vm_file);
	cr_assert_eq(lo->vm_file->f_count, 2);
	cr_assert_eq(f->i_mapping->i_mmap_count, 2UL);
	cr_assert_eq(f->i_count, 2, "the directory and the one open file");
	cr_assert_eq(f->i_writecount, 1);
	EXPECT_MM(shared_vm, 3);
	/* the last piece closes the file */
	cr_assert_eq(t_munmap(BASE, 6 * P), 0);
	EXPECT_MAPS("");
	cr_assert_eq(f->i_mapping->i_mmap_count, 0UL);
	cr_assert_eq(f->i_count, 1);
	cr_assert_eq(f->i_writecount, 0);
	EXPECT_MM(shared_vm, 0);
}

/*
 * before: AAABBCCC   (A rw-, B r--, C rw-)   unmap pages 1..6
 * after:  A......C   A split at start, C at end, B gone whole
 */
Test(munmap, range_spanning_several_vmas_trims_the_first_and_the_last)
{
	map(0, 3, RW);
	map(3, 2, PROT_READ);
	map(5, 3, RW | PROT_EXEC);
	EXPECT_MM(map_count, 3);
	cr_assert_eq(t_munmap(BASE + P, 6 * P), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40007000-40008000 rwxp 0");
	cr_assert_eq(vma_at(BASE + 7 * P)->vm_pgoff, 0x40007u);
	EXPECT_MM(map_count, 2);
	EXPECT_MM(total_vm, 2);
	EXPECT_COMMITTED(2);
}

/* before: AA.BB..CC   unmap pages 1..7   after: A......C. */
Test(munmap, range_covering_holes_unmaps_only_what_is_mapped)
{
	map(0, 2, RW);
	map(3, 2, RW);
	map(7, 2, RW);
	cr_assert_eq(t_munmap(BASE + P, 7 * P), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40008000-40009000 rw-p 0");
	EXPECT_MM(map_count, 2);
	EXPECT_MM(total_vm, 2);
	EXPECT_COMMITTED(2);
}

/* before: AABBCC   after: AA..CC (no split; neighbours untouched) */
Test(munmap, exactly_one_vma_removes_it_and_nothing_else)
{
	struct vm_area_struct *a, *c;

	map(0, 2, PROT_READ);
	map(2, 2, RW);
	map(4, 2, PROT_READ);
	a = vma_at(BASE);
	c = vma_at(BASE + 4 * P);
	cr_assert_eq(t_munmap(BASE + 2 * P, 2 * P), 0);
	EXPECT_MAPS("40000000-40002000 r--p 0;40004000-40006000 r--p 0");
	cr_assert_eq(vma_at(BASE), a);
	cr_assert_eq(vma_at(BASE + 4 * P), c);
	EXPECT_MM(map_count, 2);
	EXPECT_MM(total_vm, 4);
	EXPECT_COMMITTED(0);
}

/* do_munmap: len = PAGE_ALIGN(len); one byte unmaps a page */
Test(munmap, unaligned_length_is_rounded_up_to_a_page)
{
	map(0, 4, RW);
	cr_assert_eq(t_munmap(BASE + P, 1), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40002000-40004000 rw-p 0");
	cr_assert_eq(t_munmap(BASE + 2 * P, P + 1), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0");
}

/*
 * "if (!mpnt || mpnt->vm_start >= end) return 0": a range no VMA overlaps
 * succeeds and changes nothing - not even mmap_cache, which only
 * detach_vmas_to_be_unmapped resets (find_vma_prev does not touch it).
 * layout: ..AA..BB..
 */
Test(munmap, range_with_no_vma_changes_nothing)
{
	struct vm_area_struct *b;

	EXPECT_FAILS_UNCHANGED(t_munmap(BASE, P), 0);
	map(2, 2, RW);
	map(6, 2, PROT_READ);
	b = find_vma(cur_mm(), BASE + 6 * P);
	cr_assert_eq(cur_mm()->mmap_cache, b);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE, 2 * P), 0);		/* before the first */
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 4 * P, 2 * P), 0);	/* the gap between */
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 8 * P, 0x100000), 0);	/* past the last */
	EXPECT_FAILS_UNCHANGED(t_munmap(0, BASE), 0);			/* below it all */
	cr_assert_eq(cur_mm()->mmap_cache, b);
	EXPECT_MAPS("40002000-40004000 rw-p 0;40006000-40008000 r--p 0");
}

/* munmap(0, TASK_SIZE) takes everything */
Test(munmap, whole_address_space_unmaps_everything)
{
	map(0, 2, RW);
	map(5, 2, PROT_READ);
	cr_assert_eq(t_mmap(0x10000000, P, RW, ANON_FIXED), 0x10000000L);
	cr_assert_eq(t_mmap(0xbfffe000, 2 * P, RW, ANON_FIXED), 0xbfffe000L);
	cr_assert_eq(t_munmap(0, TASK_SIZE), 0);
	EXPECT_MAPS("");
	EXPECT_MM(map_count, 0);
	EXPECT_MM(total_vm, 0);
	EXPECT_COMMITTED(0);
	cr_assert_null(cur_mm()->mmap_cache);
}

/*
 * seed 000: after the regions are taken out, "current->mm->mmap_cache =
 * NULL" (2.6: detach_vmas_to_be_unmapped "Kill the cache"), even when the
 * cached VMA is not among those unmapped.
 */
Test(munmap, resets_mmap_cache)
{
	map(0, 2, RW);
	map(4, 2, PROT_READ);
	cr_assert_eq(find_vma(cur_mm(), BASE + 4 * P), vma_at(BASE + 4 * P));
	cr_assert_eq(cur_mm()->mmap_cache, vma_at(BASE + 4 * P));
	cr_assert_eq(t_munmap(BASE, P), 0);
	cr_assert_null(cur_mm()->mmap_cache);
	cr_assert_eq(find_vma(cur_mm(), BASE + P), vma_at(BASE + P));
	cr_assert_eq(t_munmap(BASE + 4 * P, 2 * P), 0);
	cr_assert_null(cur_mm()->mmap_cache);
}

/* ---- argument errors (seed 002 step 1.1, 1.2) -------------------------- */

Test(munmap, unaligned_start_is_einval)
{
	map(0, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 1, P), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + P + 0x800, P), -EINVAL);
}

Test(munmap, zero_length_is_einval)
{
	map(0, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE, 0), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_munmap(0x70000000, 0), -EINVAL);
}

Test(munmap, start_past_task_size_is_einval)
{
	cr_assert_eq(t_mmap(0xbfffe000, 2 * P, RW, ANON_FIXED), 0xbfffe000L);
	EXPECT_FAILS_UNCHANGED(t_munmap(0xc0001000, P), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_munmap(0xfffff000, P), -EINVAL);
	/* start == TASK_SIZE: len > TASK_SIZE - start = 0 */
	EXPECT_FAILS_UNCHANGED(t_munmap(TASK_SIZE, P), -EINVAL);
}

/* len > TASK_SIZE - start, checked before PAGE_ALIGN(len) */
Test(munmap, length_past_task_size_is_einval)
{
	cr_assert_eq(t_mmap(0xbfffe000, 2 * P, RW, ANON_FIXED), 0xbfffe000L);
	EXPECT_FAILS_UNCHANGED(t_munmap(0xbfffe000, 3 * P), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_munmap(0xbffff000, 2 * P), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_munmap(0, TASK_SIZE + 1), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE, 0xffffffffUL), -EINVAL);
	/* up to TASK_SIZE exactly is fine */
	cr_assert_eq(t_munmap(0xbffff000, P), 0);
	EXPECT_MAPS("bfffe000-bffff000 rw-p 0");
}

/* ---- split_vma and vm.max_map_count ------------------------------------------- */

/*
 * split_vma: "if (mm->map_count >= sysctl_max_map_count) return -ENOMEM".
 * layout: A.BBBB.C (3 VMAs, limit 3); unmapping B's middle needs a split.
 */
Test(munmap, middle_split_at_max_map_count_is_enomem)
{
	map(0, 1, PROT_READ);
	map(2, 4, RW);
	map(7, 1, PROT_READ);
	max_map_count(3);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 3 * P, P), -ENOMEM);
	EXPECT_MAPS("40000000-40001000 r--p 0;40002000-40006000 rw-p 0;40007000-40008000 r--p 0");
	/*
	 * The result has 4 VMAs, but split_vma runs twice and the second
	 * one sees map_count 4: 2.6 needs a limit of 5 (seed 002 step 4, 5).
	 */
	max_map_count(4);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 3 * P, P), -ENOMEM);
	/* after: A.B.BB.C */
	max_map_count(5);
	cr_assert_eq(t_munmap(BASE + 3 * P, P), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0;40002000-40003000 rw-p 0;40004000-40006000 rw-p 0;"
		    "40007000-40008000 r--p 0");
	EXPECT_MM(map_count, 4);
}

/*
 * At map_count == max - 1 the first split_vma succeeds and takes map_count
 * to the limit, so the second one refuses: ENOMEM in 2.6 (which leaves the
 * first split done; vmsh checks both before either, so nothing changes).
 */
Test(munmap, middle_split_one_below_max_map_count_is_enomem)
{
	map(0, 1, PROT_READ);
	map(2, 4, RW);
	max_map_count(3);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 3 * P, P), -ENOMEM);
	EXPECT_MAPS("40000000-40001000 r--p 0;40002000-40006000 rw-p 0");
}

/* 2.6: a head split also goes through split_vma, so it too is refused at the limit */
Test(munmap, head_split_at_max_map_count_is_enomem)
{
	map(0, 1, PROT_READ);
	map(2, 4, RW);
	max_map_count(2);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 2 * P, P), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + P, 2 * P), -ENOMEM);
	EXPECT_MAPS("40000000-40001000 r--p 0;40002000-40006000 rw-p 0");
}

Test(munmap, tail_split_at_max_map_count_is_enomem)
{
	map(0, 1, PROT_READ);
	map(2, 4, RW);
	max_map_count(2);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 5 * P, P), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 5 * P, 3 * P), -ENOMEM);
	EXPECT_MAPS("40000000-40001000 r--p 0;40002000-40006000 rw-p 0");
}

/* AABB, both cut: head split of A, tail split of B; refused at the limit and one below */
Test(munmap, span_needing_two_splits_at_max_map_count_is_enomem)
{
	map(0, 2, RW);
	map(2, 2, PROT_READ);
	max_map_count(2);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + P, 2 * P), -ENOMEM);
	max_map_count(3);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + P, 2 * P), -ENOMEM);
	max_map_count(4);
	cr_assert_eq(t_munmap(BASE + P, 2 * P), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40003000-40004000 r--p 0");
}

/* whole VMAs need no split: they go even past the limit */
Test(munmap, whole_vmas_go_at_any_map_count)
{
	map(0, 1, PROT_READ);
	map(2, 4, RW);
	map(7, 1, PROT_READ);
	max_map_count(1);
	cr_assert_eq(t_munmap(BASE + 2 * P, 4 * P), 0);
	cr_assert_eq(t_munmap(BASE, 8 * P), 0);
	EXPECT_MAPS("");
}

/* ---- accounting (seed 002 unmap_vma a.1, a.2) --------------------------------- */

/*
 * before: LLLLAAAA   (L locked)   unmap pages 1..4
 * after:  L....AAA   total_vm - 4, locked_vm - 3
 */
Test(munmap, total_vm_and_locked_vm_lose_the_unmapped_pages)
{
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	map(4, 4, RW);
	EXPECT_MM(total_vm, 8);
	EXPECT_MM(locked_vm, 4);
	cr_assert_eq(t_munmap(BASE + P, 4 * P), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40005000-40008000 rw-p 0");
	EXPECT_MM(total_vm, 4);
	EXPECT_MM(locked_vm, 1);
	cr_assert(vma_at(BASE)->vm_flags & VM_LOCKED);
	cr_assert_eq(vma_at(BASE + 5 * P)->vm_flags & VM_LOCKED, 0u);
}

/*
 * before: AAAABBBB (A rw- accounted, B r-- not)   unmap pages 2..5
 * after:  AA....BB   the commit goes down by A's two pages only
 */
Test(munmap, commit_gives_back_only_vm_account_pages)
{
	map(0, 4, RW);
	map(4, 4, PROT_READ);
	EXPECT_COMMITTED(4);
	cr_assert_eq(t_munmap(BASE + 2 * P, 4 * P), 0);
	EXPECT_COMMITTED(2);
	cr_assert(vma_at(BASE)->vm_flags & VM_ACCOUNT);
	cr_assert_eq(t_munmap(BASE, 8 * P), 0);
	EXPECT_COMMITTED(0);
}

/* exec_vm, stack_vm and shared_vm lose the unmapped pages */
Test(munmap, exec_stack_and_shared_counters_follow)
{
	mkfile("f", 8 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)BASE);
	cr_assert_eq(t_mmap(0x70000000, 4 * P, RW, ANON_FIXED | MAP_GROWSDOWN), 0x70000000L);
	EXPECT_MM(exec_vm, 4);
	EXPECT_MM(shared_vm, 4);
	EXPECT_MM(stack_vm, 4);
	cr_assert_eq(t_munmap(BASE + P, 2 * P), 0);
	cr_assert_eq(t_munmap(0x70000000, P), 0);
	EXPECT_MM(exec_vm, 2);
	EXPECT_MM(shared_vm, 2);
	EXPECT_MM(stack_vm, 3);
	EXPECT_MM(total_vm, 5);
}

/* the shmem file of a shared anonymous mapping lives as long as a VMA holds it */
Test(munmap, shared_anonymous_memory_goes_with_its_last_vma)
{
	cr_assert_eq(t_mmap(BASE, 4 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)BASE);
	cr_assert_eq(t_munmap(BASE + P, 2 * P), 0);
	EXPECT_MAPS("40000000-40001000 rw-s 0 /dev/zero (deleted);40003000-40004000 rw-s 3000 /dev/zero (deleted)");
	cr_assert_eq(vma_at(BASE)->vm_file, vma_at(BASE + 3 * P)->vm_file);
	cr_assert_eq(vma_at(BASE)->vm_file->f_count, 2);
	cr_assert_eq(kmem_cache_inuse(m->file_cachep), 1UL);
	cr_assert_eq(t_munmap(BASE, 4 * P), 0);
	cr_assert_eq(kmem_cache_inuse(m->file_cachep), 0UL);
}

/* ---- every allocation failure leaves the machine unchanged ---------------- */

static long op_munmap_middle(void)
{
	return t_munmap(BASE + P, 2 * P);
}

/* before: AAAA   after: A..A */
Test(munmap, middle_split_survives_every_allocation_failure)
{
	map(0, 4, RW);
	cr_assert_eq(failslab_sweep(op_munmap_middle, -ENOMEM), 0L);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40003000-40004000 rw-p 0");
	EXPECT_COMMITTED(2);
}

static long op_munmap_span(void)
{
	return t_munmap(BASE + 2 * P, 4 * P);
}

/* before: FFFFAAAA (F file)   after: FF....AA */
Test(munmap, span_with_two_splits_survives_every_allocation_failure)
{
	mkfile("f", 4 * P);
	cr_assert_eq(t_mmap_file(BASE, 4 * P, RW, MAP_SHARED | MAP_FIXED, "f", 0), (long)BASE);
	map(4, 4, RW);
	cr_assert_eq(failslab_sweep(op_munmap_span, -ENOMEM), 0L);
	EXPECT_MAPS("40000000-40002000 rw-s 0 f;40006000-40008000 rw-p 0");
	cr_assert_eq(inode_of("f")->i_mapping->i_mmap_count, 1UL);
}
