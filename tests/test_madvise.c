/*
 * test_madvise.c - Criterion tests for vmcore/madvise.c: sys_madvise as
 * Linux 2.6 mm/madvise.c behaves: random/sequential/normal and
 * dontfork/dofork change vm_flags through vma_merge or split_vma
 * (madvise_behavior), dontneed refuses VM_LOCKED, willneed refuses
 * anonymous memory (EBADF). The argument checks change nothing; holes
 * are skipped and reported as ENOMEM at the end, after every mapped part
 * was advised; a VMA that refuses the advice stops the loop with the
 * VMAs before it advised, as 2.6's sys_madvise goes. No page is resident
 * yet (but where a test writes some), so dontneed and willneed change
 * nothing.
 *
 * Pictures: one letter per page from BASE, '.' a hole; the legend gives
 * each letter's advice flags.
 */
#include "vmtest.h"
#include "vmtest_mem.h"

#ifndef BASE
#define BASE	0x40000000UL
#endif
#define PG	PAGE_SIZE
#define ADVICE_FLAGS	(VM_SEQ_READ | VM_RAND_READ | VM_DONTCOPY)

TestSuite(madvise, .init = vm_setup, .fini = vm_teardown);

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

static unsigned long advice_at(unsigned long addr)
{
	return vma_at(addr)->vm_flags & ADVICE_FLAGS;
}

/* ---- the flags, splits and merges ---- */

/*
 * before: AAAA
 * after:  ARRA    R: VM_RAND_READ
 */
Test(madvise, random_middle_splits_into_three)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_madvise(BASE + PG, 2 * PG, MADV_RANDOM), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 rw-p 0;40003000-40004000 rw-p 0");
	cr_expect_eq(advice_at(BASE), 0);
	cr_expect_eq(advice_at(BASE + PG), VM_RAND_READ);
	cr_expect_eq(advice_at(BASE + 3 * PG), 0);
	cr_expect_eq(cur_mm()->total_vm, 4);
	cr_expect_eq(m->vm_committed_space, 4);
}

/*
 * before: ARRA    after: AAAA    (normal clears VM_RAND_READ: merged back)
 */
Test(madvise, normal_undoes_random_and_merges_back)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_madvise(BASE + PG, 2 * PG, MADV_RANDOM), 0);
	cr_assert_eq(t_madvise(BASE + PG, 2 * PG, MADV_NORMAL), 0);
	EXPECT_MAPS("40000000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->map_count, 1);
	cr_expect_eq(advice_at(BASE), 0);
}

/*
 * before: AAAA    after: SSAA    S: VM_SEQ_READ
 * then normal:    AAAA
 */
Test(madvise, normal_undoes_sequential_and_merges_back)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_madvise(BASE, 2 * PG, MADV_SEQUENTIAL), 0);
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40004000 rw-p 0");
	cr_expect_eq(advice_at(BASE), VM_SEQ_READ);
	cr_expect_eq(advice_at(BASE + 2 * PG), 0);
	cr_assert_eq(t_madvise(BASE, 4 * PG, MADV_NORMAL), 0);
	EXPECT_MAPS("40000000-40004000 rw-p 0");
}

/*
 * before: ARRA    after: ASSA    (sequential replaces random: still three)
 */
Test(madvise, sequential_replaces_random)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_madvise(BASE + PG, 2 * PG, MADV_RANDOM), 0);
	cr_assert_eq(t_madvise(BASE + PG, 2 * PG, MADV_SEQUENTIAL), 0);
	cr_expect_eq(advice_at(BASE + PG), VM_SEQ_READ);
	cr_expect_eq(cur_mm()->map_count, 3);
	cr_assert_eq(t_madvise(BASE + PG, PG, MADV_RANDOM), 0);
	cr_expect_eq(advice_at(BASE + PG), VM_RAND_READ);
	cr_expect_eq(advice_at(BASE + 2 * PG), VM_SEQ_READ);
	cr_expect_eq(cur_mm()->map_count, 4);
}

/*
 * before: AAAA    after: AAAD    D: VM_DONTCOPY
 * then dofork:    AAAA
 */
Test(madvise, dontfork_sets_dontcopy_and_dofork_merges_back)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_madvise(BASE + 3 * PG, PG, MADV_DONTFORK), 0);
	EXPECT_MAPS("40000000-40003000 rw-p 0;40003000-40004000 rw-p 0");
	cr_expect_eq(advice_at(BASE + 3 * PG), VM_DONTCOPY);
	cr_expect_eq(advice_at(BASE), 0);
	cr_assert_eq(t_madvise(BASE, 4 * PG, MADV_DOFORK), 0);
	EXPECT_MAPS("40000000-40004000 rw-p 0");
	cr_expect_eq(advice_at(BASE), 0);
}

/* dontfork and random are independent: normal leaves VM_DONTCOPY */
Test(madvise, normal_keeps_dontcopy)
{
	map_fixed(BASE, 2, RW);
	cr_assert_eq(t_madvise(BASE, 2 * PG, MADV_DONTFORK), 0);
	cr_assert_eq(t_madvise(BASE, 2 * PG, MADV_RANDOM), 0);
	cr_expect_eq(advice_at(BASE), VM_DONTCOPY | VM_RAND_READ);
	cr_assert_eq(t_madvise(BASE, 2 * PG, MADV_NORMAL), 0);
	cr_expect_eq(advice_at(BASE), VM_DONTCOPY);
}

/*
 * before: AABB    A rw-, B r--
 * after:  ARRB    madvise(BASE+1p, 2p, random) over two VMAs: each piece
 *                 gets VM_RAND_READ, but they stay apart (prot differs)
 */
Test(madvise, across_two_vmas)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	cr_assert_eq(t_madvise(BASE + PG, 2 * PG, MADV_RANDOM), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40002000 rw-p 0;"
		    "40002000-40003000 r--p 0;40003000-40004000 r--p 0");
	cr_expect_eq(advice_at(BASE + PG), VM_RAND_READ);
	cr_expect_eq(advice_at(BASE + 2 * PG), VM_RAND_READ);
	cr_expect_eq(advice_at(BASE + 3 * PG), 0);
}

/* advice already in place: nothing changes */
Test(madvise, same_advice_changes_nothing)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_madvise(BASE + PG, 2 * PG, MADV_RANDOM), 0);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE + PG, PG, MADV_RANDOM), 0);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, PG, MADV_NORMAL), 0);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, 4 * PG, MADV_DOFORK), 0);
}

/* the length is rounded up to whole pages: AAAA -> RAAA */
Test(madvise, len_rounds_up_to_pages)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_madvise(BASE, 1, MADV_RANDOM), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40004000 rw-p 0");
	cr_expect_eq(advice_at(BASE), VM_RAND_READ);
}

/* ---- returns 0, changes nothing ---- */

Test(madvise, len_zero_returns_zero)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, 0, MADV_RANDOM), 0);
	EXPECT_FAILS_UNCHANGED(t_madvise(0x50000000, 0, MADV_DONTNEED), 0);
}

/* dontneed on unlocked anonymous memory: no page to zap, no VMA change */
Test(madvise, dontneed_on_anon_changes_no_vma)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE + PG, 2 * PG, MADV_DONTNEED), 0);
}

/* willneed on a file mapping: read-ahead only, no VMA change */
Test(madvise, willneed_on_file_mapping_changes_no_vma)
{
	cr_assert_eq(file_create(m, "f", 4 * PG), 0);
	cr_assert_eq(t_mmap_file(BASE, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE + PG, 2 * PG, MADV_WILLNEED), 0);
}

/* ---- errors ---- */

Test(madvise, unknown_advice_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, PG, 999), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, PG, -1), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, PG, 5), -EINVAL);
}

Test(madvise, unaligned_start_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE + 1, PG, MADV_RANDOM), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE + 0x800, 0, MADV_NORMAL), -EINVAL);
}

/* a length that rounds up to 0 (an i386 size_t of -1): EINVAL */
Test(madvise, len_rounding_to_zero_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, 0xffffffffUL, MADV_RANDOM), -EINVAL);
}

/* nothing mapped in the range at all: ENOMEM, nothing changed */
Test(madvise, nothing_mapped_enomem_unchanged)
{
	map_fixed(BASE + PG, 2, RW);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, PG, MADV_RANDOM), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_madvise(0x50000000, PG, MADV_DONTNEED), -ENOMEM);
	cr_expect_str_eq(m->errmsg, "50000000-50001000 is not mapped");
}

/*
 * before: .AA.BB..    A rw-, B r--
 * madvise(BASE, 8p, random)
 * after:  .RR.SS..    R, S: A and B with VM_RAND_READ
 * "just ignore them, but return -ENOMEM at the end": every mapped part is
 * advised, the holes before, between and after make it ENOMEM.
 */
Test(madvise, holes_are_skipped_and_enomem_comes_at_the_end)
{
	map_fixed(BASE + PG, 2, RW);
	map_fixed(BASE + 4 * PG, 2, PROT_READ);
	cr_assert_eq(t_madvise(BASE, 8 * PG, MADV_RANDOM), -ENOMEM);
	cr_expect_eq(advice_at(BASE + PG), VM_RAND_READ);
	cr_expect_eq(advice_at(BASE + 4 * PG), VM_RAND_READ);
	cr_expect_str_eq(m->errmsg, "40000000-40001000 is not mapped "
			 "(done: the rest)");
	/* A.BB from inside A: A's tail split off, B's head too */
	cr_assert_eq(t_madvise(BASE + 2 * PG, 3 * PG, MADV_DONTFORK), -ENOMEM);
	EXPECT_MAPS("40001000-40002000 rw-p 0;40002000-40003000 rw-p 0;"
		    "40004000-40005000 r--p 0;40005000-40006000 r--p 0");
	cr_expect_eq(advice_at(BASE + 2 * PG), VM_RAND_READ | VM_DONTCOPY);
	cr_expect_eq(advice_at(BASE + 4 * PG), VM_RAND_READ | VM_DONTCOPY);
	cr_expect_eq(advice_at(BASE + 5 * PG), VM_RAND_READ);
}

/*
 * before: AA.BB (all four pages written)
 * madvise(BASE, 5p, dontneed): both VMAs zapped, ENOMEM for the hole
 */
Test(madvise, dontneed_over_a_hole_zaps_every_mapped_part)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 3 * PG, 2, RW);
	cr_assert_eq(t_touch(BASE, 2 * PG, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_touch(BASE + 3 * PG, 2 * PG, VM_ACCESS_WRITE), 0);
	cr_expect_eq(cur_mm()->rss, 4);
	cr_assert_eq(t_madvise(BASE, 5 * PG, MADV_DONTNEED), -ENOMEM);
	cr_expect_eq(cur_mm()->rss, 0);
}

/*
 * before: AAbb    A written, b locked
 * madvise(BASE, 4p, dontneed): A's pages zapped, then b refuses: EINVAL
 * (2.6 checks each VMA inside the loop)
 */
Test(madvise, dontneed_meeting_a_locked_vma_zaps_the_vmas_before)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	cr_assert_eq(t_mlock(BASE + 2 * PG, 2 * PG), 0);
	cr_assert_eq(t_touch(BASE, 2 * PG, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_madvise(BASE, 4 * PG, MADV_DONTNEED), -EINVAL);
	cr_expect(strstr(m->errmsg, "(done: 40000000-40002000)"), "%s", m->errmsg);
	cr_expect_eq(cur_mm()->rss, 0, "A's pages are gone, b's are the zero page");
}

/* aaaa (VM_LOCKED): dontneed would drop locked pages: EINVAL */
Test(madvise, dontneed_on_locked_vma_einval_unchanged)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	cr_assert_eq(t_mlock(BASE + 2 * PG, 2 * PG), 0);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE + 2 * PG, PG, MADV_DONTNEED), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, 4 * PG, MADV_DONTNEED), -EINVAL);
	/* the other advice is fine on locked memory */
	cr_expect_eq(t_madvise(BASE + 2 * PG, 2 * PG, MADV_RANDOM), 0);
}

/* willneed has no file to read ahead from on anonymous memory: EBADF (2.6) */
Test(madvise, willneed_on_anon_ebadf_unchanged)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, 4 * PG, MADV_WILLNEED), -EBADF);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE + PG, PG, MADV_WILLNEED), -EBADF);
}

/*
 * FA    F a private mapping of file f, A anonymous
 * willneed reads F's pages into the page cache, then A refuses: EBADF
 */
Test(madvise, willneed_meeting_anon_after_a_file_reads_the_file_ahead)
{
	cr_assert_eq(file_create(m, "f", 2 * PG), 0);
	cr_assert_eq(t_mmap_file(BASE, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)BASE);
	map_fixed(BASE + 2 * PG, 2, RW);
	cr_assert_eq(t_madvise(BASE, 4 * PG, MADV_WILLNEED), -EBADF);
	cr_expect_eq(file_lookup(m, "f")->i_mapping->nrpages, 2);
}

/* AAAA, max_map_count 1: the split is refused, ENOMEM turned into EAGAIN */
Test(madvise, split_at_max_map_count_eagain_unchanged)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 1), 0);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE + PG, 2 * PG, MADV_RANDOM), -EAGAIN);
	EXPECT_FAILS_UNCHANGED(t_madvise(BASE, PG, MADV_DONTFORK), -EAGAIN);
	cr_expect_eq(t_madvise(BASE, 4 * PG, MADV_SEQUENTIAL), 0);
	cr_expect_eq(advice_at(BASE), VM_SEQ_READ);
}

/* ---- allocation failure ---- */

/*
 * before: AA.BB.CC    all rw-
 * madvise(BASE+1p, 6p, dontfork): three steps and two holes; A's step
 * splits at start, B's takes all of B, C's splits at end. An allocation failing in a step leaves the steps before it
 * done, as the same call over [BASE+1p, X) would, X the failing step's
 * start: EAGAIN.
 */
static void build_holes(void)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 3 * PG, 2, RW);
	map_fixed(BASE + 6 * PG, 2, RW);
}

static long op_madvise_holes(unsigned long end)
{
	return t_madvise(BASE + PG, end - (BASE + PG), MADV_DONTFORK);
}

Test(madvise, failslab_across_holes_keeps_the_steps_before)
{
	build_holes();
	cr_expect_eq(failslab_sweep_steps(build_holes, op_madvise_holes, BASE + PG, BASE + 7 * PG,
					  -EAGAIN), 2);
	cr_assert_eq(op_madvise_holes(BASE + 7 * PG), -ENOMEM);
	cr_expect_eq(cur_mm()->map_count, 5);
}

static long op_madvise_middle(void)
{
	return t_madvise(BASE + PG, 2 * PG, MADV_DONTFORK);
}

Test(madvise, failslab_middle_split_leaves_machine_unchanged)
{
	map_fixed(BASE, 4, RW);
	cr_expect_eq(failslab_sweep(op_madvise_middle, -EAGAIN), 0);
	cr_expect_eq(cur_mm()->map_count, 3);
	cr_expect_eq(advice_at(BASE + PG), VM_DONTCOPY);
}
