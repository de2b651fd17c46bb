/*
 * test_mremap.c - Criterion tests for vmcore/mremap.c: sys_mremap as Linux
 * 2.6 mm/mremap.c (do_mremap, move_vma, copy_vma) behaves: shrinking
 * unmaps the tail, growing in place when the next VMA leaves room, moving
 * with MREMAP_MAYMOVE to the first fit or with MREMAP_FIXED to a given
 * place, the VM_ACCOUNT charge moving with the pages (move_vma's
 * conceal/restore), anonymous pgoff following the new address, and every
 * failure leaving the machine unchanged.
 *
 * Pictures: one letter per page from BASE, '.' a hole; A is the VMA being
 * remapped, other letters other VMAs.
 */
#include "vmtest.h"

#define BASE	0x40000000UL
#define PG	PAGE_SIZE
#define MAYMOVE	MREMAP_MAYMOVE
#define FIXED	(MREMAP_MAYMOVE | MREMAP_FIXED)

TestSuite(mremap, .init = vm_setup, .fini = vm_teardown);

static struct vm_area_struct *vma_at(unsigned long addr)
{
	struct vm_area_struct *v = find_vma(cur_mm(), addr);

	cr_assert(v && v->vm_start <= addr, "no VMA at %#lx", addr);
	return v;
}

static void map_fixed(unsigned long addr, unsigned long pages, unsigned long prot)
{
	cr_assert_eq(t_mmap(addr, pages * PG, prot, ANON_FIXED), (long)addr);
}

static void map_file(unsigned long addr, unsigned long pages, unsigned long prot,
		     unsigned long flags, const char *name, unsigned long off)
{
	cr_assert_eq(t_mmap_file(addr, pages * PG, prot, flags | MAP_FIXED, name, off), (long)addr);
}

/* ---- shrink ---- */

/*
 * before: AAAA    after: AA..    (the tail is unmapped, in place)
 */
Test(mremap, shrink_in_place_unmaps_tail)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mremap(BASE, 4 * PG, 2 * PG, 0, 0), (long)BASE);
	EXPECT_MAPS("40000000-40002000 rw-p 0");
	cr_expect_eq(cur_mm()->total_vm, 2);
	cr_expect_eq(m->vm_committed_space, 2);
	/* maymove does not make a shrink move */
	cr_assert_eq(t_mremap(BASE, 2 * PG, PG, MAYMOVE, 0), (long)BASE);
	EXPECT_MAPS("40000000-40001000 rw-p 0");
}

/* the lengths are rounded up to pages: 4p -> 0x1001 bytes keeps 2 pages */
Test(mremap, lengths_round_up_to_pages)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mremap(BASE, 4 * PG - 1, PG + 1, 0, 0), (long)BASE);
	EXPECT_MAPS("40000000-40002000 rw-p 0");
}

/* same size without fixed: nothing to do, the address comes back */
Test(mremap, same_size_returns_addr_unchanged)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 4 * PG, 4 * PG, 0, 0), (long)BASE);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 4 * PG, 4 * PG, MAYMOVE, 0), (long)BASE);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + PG, 2 * PG, 2 * PG, MAYMOVE, 0), (long)(BASE + PG));
}

/*
 * A shrink only unmaps: 2.6 returns addr before looking for the VMA, so a
 * shrink of unmapped memory succeeds and changes nothing.
 */
Test(mremap, shrink_of_unmapped_range_returns_addr)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(0x50000000, 2 * PG, PG, 0, 0), 0x50000000);
}

/* ---- grow in place ---- */

/*
 * before: AA...B    B r--
 * after:  AAAAAB    the next VMA leaves exactly room for 5 pages
 */
Test(mremap, grow_in_place_when_next_leaves_room)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 5 * PG, 1, PROT_READ);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 5 * PG, 0, 0), (long)BASE);
	EXPECT_MAPS("40000000-40005000 rw-p 0;40005000-40006000 r--p 0");
	cr_expect_eq(cur_mm()->total_vm, 6);
	cr_expect_eq(m->vm_committed_space, 5);
	cr_expect_eq(vma_at(BASE)->vm_pgoff, BASE >> PAGE_SHIFT);
}

/*
 * before: AA...B    B rw- like A
 * after:  AAAAAB    2.6 grows with vma_adjust alone: A and B stay two VMAs
 */
Test(mremap, grow_in_place_does_not_merge_with_next)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 5 * PG, 1, RW);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 5 * PG, 0, 0), (long)BASE);
	EXPECT_MAPS("40000000-40005000 rw-p 0;40005000-40006000 rw-p 0");
	cr_expect_eq(cur_mm()->map_count, 2);
}

/* the last VMA grows in place up to TASK_SIZE */
Test(mremap, grow_in_place_of_last_vma)
{
	map_fixed(BASE, 2, RW);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 16 * PG, 0, 0), (long)BASE);
	EXPECT_MAPS("40000000-40010000 rw-p 0");
	cr_expect_eq(m->vm_committed_space, 16);
}

/* growing locked memory counts in locked_vm */
Test(mremap, grow_in_place_of_locked_vma_counts_locked_vm)
{
	cr_assert_eq(t_mmap(BASE, 2 * PG, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 3 * PG, 0, 0), (long)BASE);
	cr_expect_eq(cur_mm()->locked_vm, 3);
}

/*
 * AAB.    growing A to 3 pages runs into B; without MREMAP_MAYMOVE: ENOMEM
 */
Test(mremap, grow_blocked_without_maymove_enomem_unchanged)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 1, PROT_READ);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 2 * PG, 3 * PG, 0, 0), -ENOMEM);
	/* the part of a VMA that does not end it cannot grow in place either */
	map_fixed(BASE + 8 * PG, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + 8 * PG, 2 * PG, 3 * PG, 0, 0), -ENOMEM);
}

/* ---- move with MREMAP_MAYMOVE ---- */

/*
 * before: AAB.....    A rw- (charged 2), B r--
 * after:  ..BAAAA.    A moved to the first fit after B, grown to 4 pages
 */
Test(mremap, maymove_moves_to_first_fit)
{
	struct vm_area_struct *v;

	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 1, PROT_READ);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 4 * PG, MAYMOVE, 0), (long)(BASE + 3 * PG));
	EXPECT_MAPS("40002000-40003000 r--p 0;40003000-40007000 rw-p 0");
	cr_expect_eq(cur_mm()->total_vm, 5);
	cr_expect_eq(cur_mm()->map_count, 2);
	/* the 2 charged pages moved, only the 2 new ones were added */
	cr_expect_eq(m->vm_committed_space, 4);
	v = vma_at(BASE + 3 * PG);
	cr_expect_eq(v->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	/* never faulted: pgoff follows the new address */
	cr_expect_eq(v->vm_pgoff, (BASE + 3 * PG) >> PAGE_SHIFT);
}

/*
 * before: AAAA..    mremap(BASE+1p, 1p, 2p, maymove)
 * after:  A.AAAA    the part cannot grow in place (it does not end the
 *                   VMA): it moves to the first fit, BASE+4p, where
 *                   copy_vma merges it into A itself (never faulted, its
 *                   pgoff follows); the unmap of the old page then splits
 *                   A, and both pieces keep VM_ACCOUNT. One page charged.
 */
Test(mremap, maymove_part_of_vma_moves_to_first_fit_after_it)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mremap(BASE + PG, PG, 2 * PG, MAYMOVE, 0), (long)(BASE + 4 * PG));
	EXPECT_MAPS("40000000-40001000 rw-p 0;40002000-40006000 rw-p 0");
	cr_expect_eq(cur_mm()->total_vm, 5);
	cr_expect_eq(m->vm_committed_space, 5);
	cr_expect_eq(vma_at(BASE)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_expect_eq(vma_at(BASE + 2 * PG)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_expect_eq(vma_at(BASE + 2 * PG)->vm_pgoff, (BASE + 2 * PG) >> PAGE_SHIFT);
}

/*
 * before: AAAA........
 * mremap(BASE+1p, 1p, 1p, fixed BASE+8p)
 * after:  A.AA....A...
 * The old VMA is split in two and both pieces keep VM_ACCOUNT (2.6
 * move_vma conceals it during do_munmap and restores it on vma and
 * vma->vm_next): the charge is 4 pages before and after.
 */
Test(mremap, moving_middle_part_splits_old_vma_both_keep_account)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mremap(BASE + PG, PG, PG, FIXED, BASE + 8 * PG), (long)(BASE + 8 * PG));
	EXPECT_MAPS("40000000-40001000 rw-p 0;40002000-40004000 rw-p 0;40008000-40009000 rw-p 0");
	cr_expect_eq(vma_at(BASE)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_expect_eq(vma_at(BASE + 2 * PG)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_expect_eq(vma_at(BASE + 8 * PG)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_expect_eq(m->vm_committed_space, 4);
	cr_expect_eq(cur_mm()->total_vm, 4);
	cr_expect_eq(cur_mm()->map_count, 3);
	cr_expect_eq(vma_at(BASE + 2 * PG)->vm_pgoff, (BASE + 2 * PG) >> PAGE_SHIFT);
}

/* moving the head and the tail of a VMA keep the rest accounted too */
Test(mremap, moving_head_or_tail_keeps_rest_accounted)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mremap(BASE, PG, PG, FIXED, BASE + 8 * PG), (long)(BASE + 8 * PG));
	cr_assert_eq(t_mremap(BASE + 3 * PG, PG, PG, FIXED, BASE + 12 * PG), (long)(BASE + 12 * PG));
	EXPECT_MAPS("40001000-40003000 rw-p 0;40008000-40009000 rw-p 0;4000c000-4000d000 rw-p 0");
	cr_expect_eq(vma_at(BASE + PG)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_expect_eq(m->vm_committed_space, 4);
}

/*
 * before: AAAA....B      A rw- private (charged 4), B r-- after it
 * mremap(A+1p, 0, 1p, fixed BASE+8p): old_len 0, which 2.6 lets a private
 * mapping pass (today's kernel says EINVAL). A page is mapped at BASE+8p
 * and charged; move_vma's do_munmap of 0 bytes fails, so, as 2.6 does, the
 * concealed 4 pages are uncharged and A keeps VM_ACCOUNT off. B, the VMA
 * after A, is not touched (the fuzzer found vmsh giving it VM_ACCOUNT).
 * after:  AAAA....N.B
 */
Test(mremap, old_len_zero_private_uncharges_the_source)
{
	map_fixed(BASE, 4, RW);
	map_fixed(BASE + 10 * PG, 1, PROT_READ);
	cr_assert_eq(t_mremap(BASE + PG, 0, PG, FIXED, BASE + 8 * PG), (long)(BASE + 8 * PG));
	EXPECT_MAPS("40000000-40004000 rw-p 0;40008000-40009000 rw-p 0;4000a000-4000b000 r--p 0");
	cr_expect_eq(vma_at(BASE)->vm_flags & VM_ACCOUNT, 0);
	cr_expect_eq(vma_at(BASE + 8 * PG)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_expect_eq(vma_at(BASE + 10 * PG)->vm_flags & VM_ACCOUNT, 0);
	cr_expect_eq(m->vm_committed_space, 1);
	cr_expect_eq(cur_mm()->total_vm, 6);
}

/*
 * before: AA......XX    A, X rw-, never touched
 * mremap(X, 2p, 2p, fixed BASE+2p)
 * after:  AAXX          X takes pgoff (BASE+2p)>>12 and joins A: one VMA
 */
Test(mremap, moved_untouched_anon_takes_new_pgoff_and_merges)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 8 * PG, 2, RW);
	cr_assert_eq(t_mremap(BASE + 8 * PG, 2 * PG, 2 * PG, FIXED, BASE + 2 * PG), (long)(BASE + 2 * PG));
	EXPECT_MAPS("40000000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->map_count, 1);
	cr_expect_eq(vma_at(BASE)->vm_pgoff, BASE >> PAGE_SHIFT);
	cr_expect_eq(m->vm_committed_space, 4);
	cr_expect_eq(cur_mm()->total_vm, 4);
}

/* a move to a free place: pgoff = new_addr >> PAGE_SHIFT */
Test(mremap, moved_untouched_anon_pgoff_is_new_address)
{
	map_fixed(BASE, 2, RW);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 2 * PG, FIXED, BASE + 16 * PG), (long)(BASE + 16 * PG));
	EXPECT_MAPS("40010000-40012000 rw-p 0");
	cr_expect_eq(vma_at(BASE + 16 * PG)->vm_pgoff, (BASE + 16 * PG) >> PAGE_SHIFT);
}

/*
 * before: AAAA.    mremap(BASE, 1p, 1p, fixed BASE+4p)
 * after:  .AAAA    copy_vma merges the new page into A itself; the
 *                  head's unmap then leaves one VMA, still accounted
 */
Test(mremap, move_onto_own_end_merges_into_source)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mremap(BASE, PG, PG, FIXED, BASE + 4 * PG), (long)(BASE + 4 * PG));
	EXPECT_MAPS("40001000-40005000 rw-p 0");
	cr_expect_eq(vma_at(BASE + PG)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_expect_eq(m->vm_committed_space, 4);
	cr_expect_eq(cur_mm()->total_vm, 4);
}

/*
 * before: AA......DDDD    D r--
 * mremap(A, 2p, 2p, fixed BASE+9p)
 * after:  ........DAAD    what was at the destination is unmapped first
 */
Test(mremap, fixed_replaces_what_was_there)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 8 * PG, 4, PROT_READ);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 2 * PG, FIXED, BASE + 9 * PG), (long)(BASE + 9 * PG));
	EXPECT_MAPS("40008000-40009000 r--p 0;40009000-4000b000 rw-p 0;4000b000-4000c000 r--p 0");
	cr_expect_eq(cur_mm()->total_vm, 4);
	cr_expect_eq(m->vm_committed_space, 2);
}

/* fixed with a shrink: the tail goes, the rest moves */
Test(mremap, fixed_with_shrink_moves_the_rest)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mremap(BASE, 4 * PG, 2 * PG, FIXED, BASE + 8 * PG), (long)(BASE + 8 * PG));
	EXPECT_MAPS("40008000-4000a000 rw-p 0");
	cr_expect_eq(m->vm_committed_space, 2);
}

/* a locked VMA moved: locked_vm follows (2 -> 3 pages) */
Test(mremap, move_of_locked_vma_keeps_locked_vm)
{
	cr_assert_eq(t_mmap(BASE, 2 * PG, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	map_fixed(BASE + 2 * PG, 1, PROT_READ);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 3 * PG, MAYMOVE, 0), (long)(BASE + 3 * PG));
	cr_expect_eq(cur_mm()->locked_vm, 3);
	cr_expect_eq(vma_at(BASE + 3 * PG)->vm_flags & VM_LOCKED, VM_LOCKED);
}

/* ---- file mappings ---- */

/*
 * before: FFFB....    F: file f at offset 2p, B blocks growth
 * after:  ...BFFFF    moved and grown: the file offset stays 2p
 */
Test(mremap, file_mapping_moved_keeps_its_offset)
{
	cr_assert_eq(file_create(m, "f", 8 * PG), 0);
	map_file(BASE, 3, PROT_READ, MAP_PRIVATE, "f", 2 * PG);
	map_fixed(BASE + 3 * PG, 1, PROT_READ);
	cr_assert_eq(t_mremap(BASE, 3 * PG, 4 * PG, MAYMOVE, 0), (long)(BASE + 4 * PG));
	EXPECT_MAPS("40003000-40004000 r--p 0;40004000-40008000 r--p 2000 f");
	cr_expect_eq(file_lookup(m, "f")->i_mapping->i_mmap_count, 1);
	/* the middle page moved alone maps file page 3 */
	cr_assert_eq(t_mremap(BASE + 5 * PG, PG, PG, FIXED, BASE + 16 * PG), (long)(BASE + 16 * PG));
	EXPECT_MAPS("40003000-40004000 r--p 0;40004000-40005000 r--p 2000 f;"
		    "40006000-40008000 r--p 4000 f;40010000-40011000 r--p 3000 f");
	cr_expect_eq(file_lookup(m, "f")->i_mapping->i_mmap_count, 3);
}

/* a shared file mapping grows in place with its offsets unchanged */
Test(mremap, shared_file_mapping_grows_in_place)
{
	cr_assert_eq(file_create(m, "f", 8 * PG), 0);
	map_file(BASE, 2, RW, MAP_SHARED, "f", PG);
	cr_assert_eq(t_mremap(BASE, 2 * PG, 4 * PG, 0, 0), (long)BASE);
	EXPECT_MAPS("40000000-40004000 rw-s 1000 f");
	cr_expect_eq(cur_mm()->shared_vm, 4);
	cr_expect_eq(m->vm_committed_space, 0);
	cr_expect_eq(file_lookup(m, "f")->i_writecount, 1);
}

/* ---- argument errors ---- */

Test(mremap, unaligned_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + 1, PG, 2 * PG, MAYMOVE, 0), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, PG, PG, FIXED, BASE + 8 * PG + 1), -EINVAL);
}

Test(mremap, new_len_zero_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 4 * PG, 0, 0, 0), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 4 * PG, 0, MAYMOVE, 0), -EINVAL);
}

Test(mremap, unknown_flags_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 4 * PG, 2 * PG, 4, 0), -EINVAL);
}

Test(mremap, fixed_without_maymove_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 4 * PG, 4 * PG, MREMAP_FIXED, BASE + 8 * PG), -EINVAL);
}

/*
 * AAAA: the new range may not overlap the old one, from either side
 */
Test(mremap, fixed_overlapping_old_range_einval)
{
	map_fixed(BASE + 4 * PG, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + 4 * PG, 4 * PG, 4 * PG, FIXED, BASE + 6 * PG), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + 4 * PG, 4 * PG, 4 * PG, FIXED, BASE + 2 * PG), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + 4 * PG, 2 * PG, 2 * PG, FIXED, BASE + 4 * PG), -EINVAL);
	/* just touching is fine */
	cr_expect_eq(t_mremap(BASE + 4 * PG, 4 * PG, 4 * PG, FIXED, BASE), (long)BASE);
	EXPECT_MAPS("40000000-40004000 rw-p 0");
}

/* the new range must fit below TASK_SIZE */
Test(mremap, fixed_past_task_size_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 4 * PG, 4 * PG, FIXED, TASK_SIZE - 2 * PG), -EINVAL);
}

/* .... the old range is not mapped: EFAULT */
Test(mremap, old_range_not_mapped_efault)
{
	map_fixed(BASE + 4 * PG, 2, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, PG, 2 * PG, MAYMOVE, 0), -EFAULT);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + 3 * PG, 2 * PG, 4 * PG, MAYMOVE, 0), -EFAULT);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, PG, PG, FIXED, BASE + 16 * PG), -EFAULT);
}

/* AABB (A rw-, B r--): one mremap cannot span two VMAs: EFAULT */
Test(mremap, old_range_spanning_two_vmas_efault)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 4 * PG, 6 * PG, MAYMOVE, 0), -EFAULT);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + PG, 2 * PG, 2 * PG, FIXED, BASE + 16 * PG), -EFAULT);
	/* also past the last VMA */
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE + 2 * PG, 3 * PG, 4 * PG, MAYMOVE, 0), -EFAULT);
}

/* move_vma refuses when do_munmap might need more VMAs than max_map_count allows */
Test(mremap, move_near_max_map_count_enomem_unchanged)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 1, PROT_READ);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 5), 0);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 2 * PG, 4 * PG, MAYMOVE, 0), -ENOMEM);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 6), 0);
	cr_expect_eq(t_mremap(BASE, 2 * PG, 4 * PG, MAYMOVE, 0), (long)(BASE + 3 * PG));
}

/*
 * Growing accounted memory by more than all of RAM (vm.overcommit_memory
 * 0) or past the commit limit (2) is refused by security_vm_enough_memory:
 * ENOMEM, and nothing was charged, so nothing is given back either.
 */
Test(mremap, grow_charge_refused_leaves_committed_space_unchanged)
{
	map_fixed(BASE, 2, RW);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 2 * PG, 300UL << 20, 0, 0), -ENOMEM);
	cr_expect_eq(m->vm_committed_space, 2);
	cr_assert_eq(sysctl_set(m, "vm.overcommit_memory", 2), 0);
	EXPECT_FAILS_UNCHANGED(t_mremap(BASE, 2 * PG, 300UL << 20, MAYMOVE, 0), -ENOMEM);
	cr_expect_eq(m->vm_committed_space, 2);
}

/* ---- allocation failure ---- */

static long op_mremap_maymove(void)
{
	return t_mremap(BASE, 2 * PG, 4 * PG, MAYMOVE, 0);
}

/* AAB. -> ..BAAAA with each allocation failing in turn */
Test(mremap, failslab_maymove_leaves_machine_unchanged)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 1, PROT_READ);
	cr_expect_eq(failslab_sweep(op_mremap_maymove, -ENOMEM), (long)(BASE + 3 * PG));
	EXPECT_MAPS("40002000-40003000 r--p 0;40003000-40007000 rw-p 0");
}

static long op_mremap_middle_fixed(void)
{
	return t_mremap(BASE + PG, PG, PG, FIXED, BASE + 8 * PG);
}

Test(mremap, failslab_middle_move_leaves_machine_unchanged)
{
	map_fixed(BASE, 4, RW);
	cr_expect_eq(failslab_sweep(op_mremap_middle_fixed, -ENOMEM), (long)(BASE + 8 * PG));
	EXPECT_MAPS("40000000-40001000 rw-p 0;40002000-40004000 rw-p 0;40008000-40009000 rw-p 0");
}

static long op_mremap_fixed_over(void)
{
	return t_mremap(BASE, 2 * PG, 2 * PG, FIXED, BASE + 9 * PG);
}

/* AA......DDDD -> ........DAAD: the destination's unmap must not be half done */
Test(mremap, failslab_fixed_replacing_leaves_machine_unchanged)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 8 * PG, 4, PROT_READ);
	cr_expect_eq(failslab_sweep(op_mremap_fixed_over, -ENOMEM), (long)(BASE + 9 * PG));
	EXPECT_MAPS("40008000-40009000 r--p 0;40009000-4000b000 rw-p 0;4000b000-4000c000 r--p 0");
}

static long op_mremap_shrink_move(void)
{
	return t_mremap(BASE + PG, 3 * PG, PG, FIXED, BASE + 8 * PG);
}

/* AAAA -> A.......A: the tail's unmap, the split and the move, each failing */
Test(mremap, failslab_shrinking_move_leaves_machine_unchanged)
{
	map_fixed(BASE, 4, RW);
	cr_expect_eq(failslab_sweep(op_mremap_shrink_move, -ENOMEM), (long)(BASE + 8 * PG));
	EXPECT_MAPS("40000000-40001000 rw-p 0;40008000-40009000 rw-p 0");
	cr_expect_eq(m->vm_committed_space, 2);
}
