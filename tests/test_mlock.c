/*
 * test_mlock.c - Criterion tests for vmcore/mlock.c: sys_mlock and
 * sys_munlock as Linux 2.6 mm/mlock.c behaves: VM_LOCKED set on the range
 * with splits and merges (mlock_fixup), locked_vm kept in step, start
 * rounded down to its page, ENOMEM for a hole (the VMAs before it locked
 * and faulted in, as 2.6's do_mlock loop leaves them), EAGAIN when
 * max_map_count refuses a split, and munmap of a locked range giving
 * locked_vm back.
 * vmsh's tasks have CAP_IPC_LOCK: RLIMIT_MEMLOCK never refuses.
 *
 * Pictures: one letter per page from BASE, '.' a hole, lower case for a
 * VM_LOCKED page.
 */
#include "vmtest.h"

#define BASE	0x40000000UL
#define PG	PAGE_SIZE

TestSuite(mlock, .init = vm_setup, .fini = vm_teardown);

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

static int locked(unsigned long addr)
{
	return !!(vma_at(addr)->vm_flags & VM_LOCKED);
}

/*
 * before: AAAA
 * after:  AaaA    (the middle VMA is VM_LOCKED, locked_vm 2)
 */
Test(mlock, middle_splits_into_three_and_counts_locked_vm)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE + PG, 2 * PG), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 rw-p 0;40003000-40004000 rw-p 0");
	cr_expect(!locked(BASE));
	cr_expect(locked(BASE + PG));
	cr_expect(!locked(BASE + 3 * PG));
	cr_expect_eq(cur_mm()->locked_vm, 2);
	cr_expect_eq(cur_mm()->total_vm, 4);
	/* the flags are otherwise untouched: VM_ACCOUNT stays */
	cr_expect_eq(vma_at(BASE + PG)->vm_flags, vma_at(BASE)->vm_flags | VM_LOCKED);
	cr_expect_eq(m->vm_committed_space, 4);
}

/*
 * before: AaaA
 * after:  AAAA    (munlock: the three pieces merge back, locked_vm 0)
 */
Test(mlock, munlock_merges_back_into_one)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE + PG, 2 * PG), 0);
	cr_assert_eq(t_munlock(BASE + PG, 2 * PG), 0);
	EXPECT_MAPS("40000000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->map_count, 1);
	cr_expect_eq(cur_mm()->locked_vm, 0);
	cr_expect(!locked(BASE));
}

/*
 * before: aaAA
 * after:  aaaa    (locking the rest joins the locked head: one VMA)
 */
Test(mlock, lock_next_to_locked_vma_merges)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE, 2 * PG), 0);
	cr_expect_eq(cur_mm()->map_count, 2);
	cr_assert_eq(t_mlock(BASE + 2 * PG, 2 * PG), 0);
	EXPECT_MAPS("40000000-40004000 rw-p 0");
	cr_expect(locked(BASE));
	cr_expect_eq(cur_mm()->locked_vm, 4);
}

/* aaaa: the whole VMA, no split */
Test(mlock, whole_vma_needs_no_split)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE, 4 * PG), 0);
	cr_expect_eq(cur_mm()->map_count, 1);
	cr_expect_eq(cur_mm()->locked_vm, 4);
	cr_expect(locked(BASE));
}

/*
 * before: AABB    A rw-, B r--
 * after:  AaBb    mlock(BASE+1p, 3p): two VMAs touched, one split
 */
Test(mlock, across_two_vmas)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	cr_assert_eq(t_mlock(BASE + PG, 3 * PG), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40002000 rw-p 0;40002000-40004000 r--p 0");
	cr_expect(!locked(BASE));
	cr_expect(locked(BASE + PG));
	cr_expect(locked(BASE + 2 * PG));
	cr_expect_eq(cur_mm()->locked_vm, 3);
}

/* already locked: mlock again changes nothing (locked_vm is not counted twice) */
Test(mlock, relocking_changes_nothing)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE, 4 * PG), 0);
	EXPECT_FAILS_UNCHANGED(t_mlock(BASE + PG, PG), 0);
	EXPECT_FAILS_UNCHANGED(t_munlock(BASE + 8 * PG, 0), 0);
	cr_expect_eq(cur_mm()->locked_vm, 4);
}

/*
 * mlock(BASE+0x800, 0x1000): start is rounded down to BASE and the length
 * grows by the offset (len = PAGE_ALIGN(len + (start & ~PAGE_MASK))): two
 * pages are locked, no EINVAL.
 * before: AAAA    after: aaAA
 */
Test(mlock, unaligned_start_is_rounded_down)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE + 0x800, 0x1000), 0);
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40004000 rw-p 0");
	cr_expect(locked(BASE));
	cr_expect_eq(cur_mm()->locked_vm, 2);
	/* munlock rounds the same way */
	cr_assert_eq(t_munlock(BASE + 0xfff, 1), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40002000 rw-p 0;40002000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->locked_vm, 1);
	cr_expect(locked(BASE + PG));
}

/* len 0 at an aligned start: nothing to do, even unmapped */
Test(mlock, len_zero_returns_zero)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mlock(BASE, 0), 0);
	EXPECT_FAILS_UNCHANGED(t_mlock(0x50000000, 0), 0);
	EXPECT_FAILS_UNCHANGED(t_munlock(0x50000000, 0), 0);
}

/* len 0 at an unaligned start still covers the start's page */
Test(mlock, len_zero_unaligned_start_locks_its_page)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE + 0x10, 0), 0);
	cr_expect_eq(cur_mm()->locked_vm, 1);
	cr_expect(locked(BASE));
	cr_expect(!locked(BASE + PG));
}

/* the range wraps past 4G: EINVAL (do_mlock: end < start) */
Test(mlock, range_wrapping_around_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mlock(0xfffff000UL, 2 * PG), -EINVAL);
}

/* ---- holes: ENOMEM, the VMAs before the hole locked (do_mlock's loop) ---- */

/* .AA.: a range starting in a hole changes nothing */
Test(mlock, hole_at_start_enomem_unchanged)
{
	map_fixed(BASE + PG, 2, RW);
	EXPECT_FAILS_UNCHANGED(t_mlock(BASE, 3 * PG), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mlock(0x50000000, PG), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_munlock(BASE, 3 * PG), -ENOMEM);
	cr_expect_eq(cur_mm()->locked_vm, 0);
}

/*
 * before: .AA.BB    A rw-, B r--
 * mlock(BASE+1p, 4p)
 * after:  .aa.BB    A locked and faulted in (2.6's mlock_fixup did both),
 * then the hole: ENOMEM, B untouched
 */
Test(mlock, hole_in_middle_locks_the_vma_before_it)
{
	map_fixed(BASE + PG, 2, RW);
	map_fixed(BASE + 4 * PG, 2, PROT_READ);
	cr_assert_eq(t_mlock(BASE + PG, 4 * PG), -ENOMEM);
	EXPECT_MAPS("40001000-40003000 rw-p 0;40004000-40006000 r--p 0");
	cr_expect(locked(BASE + PG));
	cr_expect(!locked(BASE + 4 * PG));
	cr_expect_eq(cur_mm()->locked_vm, 2);
	cr_expect_eq(cur_mm()->rss, 2, "the locked pages were faulted in");
	cr_expect_str_eq(m->errmsg, "40003000-40004000 is not mapped "
			 "(done: 40001000-40003000)");
}

/*
 * before: AAAA..    A rw-
 * mlock(BASE+2p, 3p)
 * after:  AAaa..    a split and locked: the range runs past the last VMA
 */
Test(mlock, hole_at_end_locks_and_splits)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE + 2 * PG, 3 * PG), -ENOMEM);
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40004000 rw-p 0");
	cr_expect(locked(BASE + 2 * PG));
	cr_expect_eq(cur_mm()->locked_vm, 2);
}

/*
 * before: aa.aa
 * munlock(BASE, 5p)
 * after:  AA.aa    the first VMA unlocked, the hole: ENOMEM
 */
Test(mlock, munlock_hole_unlocks_the_vma_before_it)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 3 * PG, 2, RW);
	cr_assert_eq(t_mlock(BASE, 2 * PG), 0);
	cr_assert_eq(t_mlock(BASE + 3 * PG, 2 * PG), 0);
	cr_assert_eq(t_munlock(BASE, 5 * PG), -ENOMEM);
	cr_expect(!locked(BASE));
	cr_expect(locked(BASE + 3 * PG));
	cr_expect_eq(cur_mm()->locked_vm, 2);
	EXPECT_FAILS_UNCHANGED(t_munlock(BASE + PG, 2 * PG), -ENOMEM);
}

/* ---- vm.max_map_count: split_vma's ENOMEM becomes EAGAIN ---- */

/*
 * aaAA, max_map_count 2: unlocking the middle needs two splits; the one
 * at start is made, the one at end refused (2.6's mlock_fixup): EAGAIN
 * with a split left and the flags unchanged.
 */
Test(mlock, munlock_middle_with_room_for_one_split_keeps_it)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE, 4 * PG), 0);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 2), 0);
	cr_assert_eq(t_munlock(BASE + PG, 2 * PG), -EAGAIN);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40004000 rw-p 0");
	cr_expect(locked(BASE + PG));
	cr_expect_eq(cur_mm()->locked_vm, 4);
}

/* AAAA, max_map_count 1: locking a part needs a split, refused */
Test(mlock, split_at_max_map_count_eagain_unchanged)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 1), 0);
	EXPECT_FAILS_UNCHANGED(t_mlock(BASE + PG, 2 * PG), -EAGAIN);
	EXPECT_FAILS_UNCHANGED(t_mlock(BASE, PG), -EAGAIN);
	EXPECT_FAILS_UNCHANGED(t_mlock(BASE + 3 * PG, PG), -EAGAIN);
	cr_expect_eq(t_mlock(BASE, 4 * PG), 0);
	EXPECT_FAILS_UNCHANGED(t_munlock(BASE + PG, PG), -EAGAIN);
	cr_expect_eq(cur_mm()->locked_vm, 4);
}

/* ---- munmap of locked memory ---- */

/*
 * before: aaaa (mlocked)
 * after:  a..a (munmap of the middle: locked_vm 2)
 */
Test(mlock, munmap_of_locked_range_lowers_locked_vm)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE, 4 * PG), 0);
	cr_assert_eq(t_munmap(BASE + PG, 2 * PG), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40003000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->locked_vm, 2);
	cr_expect(locked(BASE));
	cr_expect(locked(BASE + 3 * PG));
	cr_assert_eq(t_munmap(BASE, 4 * PG), 0);
	cr_expect_eq(cur_mm()->locked_vm, 0);
}

/* MAP_LOCKED counts in locked_vm from the start; munlock of a part splits */
Test(mlock, map_locked_then_munlock_part)
{
	cr_assert_eq(t_mmap(BASE, 4 * PG, RW, ANON_FIXED | MAP_LOCKED), (long)BASE);
	cr_expect_eq(cur_mm()->locked_vm, 4);
	cr_expect(locked(BASE));
	cr_assert_eq(t_munlock(BASE + 2 * PG, 2 * PG), 0);
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->locked_vm, 2);
}

/* ---- allocation failure ---- */

static long op_mlock_middle(void)
{
	return t_mlock(BASE + PG, 2 * PG);
}

/*
 * The splits' allocations: on PROT_NONE memory there is nothing to fault
 * in, so every failing allocation is a split's, and changes nothing.
 */
Test(mlock, failslab_middle_split_leaves_machine_unchanged)
{
	map_fixed(BASE, 4, PROT_NONE);
	cr_expect_eq(failslab_sweep(op_mlock_middle, -EAGAIN), 0);
	cr_expect_eq(cur_mm()->locked_vm, 2);
	cr_expect_eq(cur_mm()->map_count, 3);
}

/*
 * Faulting the locked pages in comes after the flags are set (today's
 * __mm_populate): when it fails the range stays VM_LOCKED and mlock says
 * EAGAIN, as Linux does.
 *
 *   before: AAAA      after: ALLA (L locked, its pages not all present)
 */
Test(mlock, populate_failure_is_eagain_with_the_range_locked)
{
	unsigned long n;

	map_fixed(BASE, 4, RW);
	for (n = 1; n < 50; n++) {
		long r;

		vm_clear_error(m);
		failslab_set(n);
		r = sys_mlock(m, BASE + PG, 2 * PG);
		failslab_set(0);
		CHECK_VALID();
		if (r == 0)
			break;
		cr_assert_eq(r, -EAGAIN);
		if (cur_mm()->map_count == 3) {		/* the splits went through: populate failed */
			cr_expect_eq(cur_mm()->locked_vm, 2);
			cr_expect_neq(strstr(m->errmsg, "faulting"), NULL, "%s", m->errmsg);
			return;
		}
	}
	cr_assert_fail("no failing allocation reached the populate step");
}

/*
 * before: AABBCC    A rw-, B r--, C ---
 * mlock(BASE+1p, 4p): three steps, the first and last with a split. An
 * allocation failing in one of them leaves the steps before it done, as
 * mlock over [BASE+1p, X) would, X where the failing step starts (for a
 * split: EAGAIN; for faulting in, after the loop: EAGAIN with the whole
 * range locked, which the sweep's oracle does not cover: C is PROT_NONE
 * and A, B are populated first, so that no fault is left to fail).
 */
static void build_three(void)
{
	cr_assert_eq(t_mmap(BASE, 2 * PG, RW, ANON_FIXED | MAP_POPULATE), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 2 * PG, 2 * PG, PROT_READ, ANON_FIXED | MAP_POPULATE),
		     (long)(BASE + 2 * PG));
	map_fixed(BASE + 4 * PG, 2, PROT_NONE);
}

static long op_mlock_three(unsigned long end)
{
	return t_mlock(BASE + PG, end - (BASE + PG));
}

Test(mlock, failslab_across_three_vmas_keeps_the_steps_before)
{
	build_three();
	cr_expect_geq(failslab_sweep_steps(build_three, op_mlock_three, BASE + PG, BASE + 5 * PG,
					   -EAGAIN), 1);
	cr_assert_eq(op_mlock_three(BASE + 5 * PG), 0);
	cr_expect_eq(cur_mm()->locked_vm, 4);
}

static long op_munlock_middle(void)
{
	return t_munlock(BASE + PG, PG);
}

Test(mlock, failslab_munlock_split_leaves_machine_unchanged)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mlock(BASE, 4 * PG), 0);
	cr_expect_eq(failslab_sweep(op_munlock_middle, -EAGAIN), 0);
	cr_expect_eq(cur_mm()->locked_vm, 3);
	cr_expect_eq(cur_mm()->map_count, 3);
}
