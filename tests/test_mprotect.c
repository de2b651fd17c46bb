/*
 * test_mprotect.c - Criterion tests for vmcore/mprotect.c: sys_mprotect and
 * mprotect_fixup as Linux 2.6 mm/mprotect.c behaves: splits at the head,
 * middle and tail, merges when the protection is restored, VM_ACCOUNT
 * charged when a private mapping first becomes writable (and kept when it
 * stops being writable), vm_page_prot, the vm_stat counters, and the
 * failures: the argument checks change nothing; a hole, a VMA that may
 * not get the rights or a refused step stops sys_mprotect's loop with the
 * VMAs before it changed, as in Linux.
 *
 * Pictures: one letter per page from BASE, '.' is a hole; the legend under
 * each picture gives the letters' protections.
 */
#include "vmtest.h"

#define BASE	0x40000000UL
#define PG	PAGE_SIZE
#define PROT_SEM	0x8	/* i386 asm/mman.h: accepted by mprotect, no effect */

/* i386 protection_map values (Linux 2.6 include/asm-i386/pgtable.h) */
#define I386_PAGE_NONE		(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define I386_PAGE_SHARED	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define I386_PAGE_COPY		(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define I386_PAGE_READONLY	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)

#define MAY_ALL	(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

TestSuite(mprotect, .init = vm_setup, .fini = vm_teardown);

/* vma_at - the VMA containing addr; fails the test when there is none */
static struct vm_area_struct *vma_at(unsigned long addr)
{
	struct vm_area_struct *v = find_vma(cur_mm(), addr);

	cr_assert(v && v->vm_start <= addr, "no VMA at %#lx", addr);
	return v;
}

/* map_fixed - an anonymous private mapping at addr, which must succeed */
static void map_fixed(unsigned long addr, unsigned long pages, unsigned long prot)
{
	cr_assert_eq(t_mmap(addr, pages * PG, prot, ANON_FIXED), (long)addr);
}

static void make_file(const char *name, unsigned long size)
{
	cr_assert_eq(file_create(m, name, size), 0);
}

/* ---- splits and merges ---- */

/*
 * before: AAAA    A rw-
 * after:  BAAA    B r--
 */
Test(mprotect, head_splits_in_two)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mprotect(BASE, PG, PROT_READ), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->map_count, 2);
	cr_expect_eq(cur_mm()->total_vm, 4);
	cr_expect_eq(vma_at(BASE)->vm_flags, VM_READ | MAY_ALL | VM_ACCOUNT);
	cr_expect_eq(vma_at(BASE + PG)->vm_pgoff, (BASE + PG) >> PAGE_SHIFT);
}

/*
 * before: AAAA    A rw-
 * after:  ABBA    B r--
 */
Test(mprotect, middle_splits_into_three)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, PROT_READ), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 r--p 0;40003000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->map_count, 3);
	cr_expect_eq(cur_mm()->total_vm, 4);
	/* anonymous pgoffs stay in step with the addresses */
	cr_expect_eq(vma_at(BASE + PG)->vm_pgoff, (BASE + PG) >> PAGE_SHIFT);
	cr_expect_eq(vma_at(BASE + 3 * PG)->vm_pgoff, (BASE + 3 * PG) >> PAGE_SHIFT);
}

/*
 * before: AAAA    A rw-
 * after:  AAAB    B ---
 */
Test(mprotect, tail_splits_in_two)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mprotect(BASE + 3 * PG, PG, PROT_NONE), 0);
	EXPECT_MAPS("40000000-40003000 rw-p 0;40003000-40004000 ---p 0");
	cr_expect_eq(cur_mm()->map_count, 2);
}

/*
 * before: AAAA -> ABBA -> AAAA    A rw-, B r--
 * Restoring rw- on the middle makes the three pieces alike again:
 * vma_merge joins prev and next (case 6) into one VMA.
 */
Test(mprotect, restoring_prot_merges_back_into_one)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, PROT_READ), 0);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, RW), 0);
	EXPECT_MAPS("40000000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->map_count, 1);
	cr_expect_eq(cur_mm()->total_vm, 4);
	cr_expect_eq(m->vm_committed_space, 4);
	cr_expect_eq(vma_at(BASE)->vm_pgoff, BASE >> PAGE_SHIFT);
}

/*
 * before: AABBCC    A r--, B ---, C r-x (none writable: no VM_ACCOUNT)
 * mprotect(BASE+1p, 4p, r-x)
 * after:  ACCCCC
 * A splits; its tail, all of B and C become alike and merge (case 6),
 * the range ending inside C needs no split since C is already r-x.
 */
Test(mprotect, across_three_vmas_splits_and_merges)
{
	map_fixed(BASE, 2, PROT_READ);
	map_fixed(BASE + 2 * PG, 2, PROT_NONE);
	map_fixed(BASE + 4 * PG, 2, PROT_READ | PROT_EXEC);
	EXPECT_MAPS("40000000-40002000 r--p 0;40002000-40004000 ---p 0;40004000-40006000 r-xp 0");
	cr_assert_eq(t_mprotect(BASE + PG, 4 * PG, PROT_READ | PROT_EXEC), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40006000 r-xp 0");
	cr_expect_eq(cur_mm()->map_count, 2);
	cr_expect_eq(cur_mm()->total_vm, 6);
	cr_expect_eq(m->vm_committed_space, 0);
}

/*
 * before: AABB    A rw- (VM_ACCOUNT), B r--
 * mprotect(BASE+1p, 3p, r--)
 * after:  ABBB
 * A's tail takes r-- but keeps VM_ACCOUNT, so it cannot join B.
 */
Test(mprotect, across_two_vmas_account_keeps_them_apart)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	cr_assert_eq(t_mprotect(BASE + PG, 3 * PG, PROT_READ), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40002000 r--p 0;40002000-40004000 r--p 0");
	cr_expect_eq(vma_at(BASE + PG)->vm_flags, VM_READ | MAY_ALL | VM_ACCOUNT);
	cr_expect_eq(vma_at(BASE + 2 * PG)->vm_flags, VM_READ | MAY_ALL);
	cr_expect_eq(m->vm_committed_space, 2);
}

/*
 * before: AABB    A rw- (VM_ACCOUNT), B r--
 * mprotect(BASE+2p, 1p, rw-)
 * after:  AAAB
 * The head of B gains write and VM_ACCOUNT and joins A (vma_merge case 5):
 * no new VMA is needed, so it works even at vm.max_map_count.
 */
Test(mprotect, head_joining_prev_needs_no_split_at_max_map_count)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 2), 0);
	cr_expect_eq(t_mprotect(BASE + 2 * PG, PG, RW), 0, "%s", m->errmsg);
	EXPECT_MAPS("40000000-40003000 rw-p 0;40003000-40004000 r--p 0");
	cr_expect_eq(m->vm_committed_space, 3);
}

/* ---- nothing to do ---- */

/*
 * before: ABBA    after: ABBA    (B already r--)
 */
Test(mprotect, same_prot_changes_nothing)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, PROT_READ), 0);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + PG, 2 * PG, PROT_READ), 0);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, PG, RW), 0);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + 3 * PG, PG, RW), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 r--p 0;40003000-40004000 rw-p 0");
}

/* len 0 returns 0 before anything is looked at, mapped or not */
Test(mprotect, len_zero_returns_zero)
{
	map_fixed(BASE, 2, RW);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, 0, PROT_READ), 0);
	EXPECT_FAILS_UNCHANGED(t_mprotect(0x50000000, 0, PROT_READ), 0);
}

/*
 * 2.6 sys_mprotect (and today's do_mprotect_pkey) check start's alignment,
 * then return 0 for len 0, and only then look at the prot bits.
 */
Test(mprotect, len_zero_returns_zero_before_checking_prot)
{
	map_fixed(BASE, 2, RW);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, 0, 0x10), 0);
}

/* len is rounded up to whole pages */
Test(mprotect, len_rounds_up_to_pages)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(t_mprotect(BASE, PG + 1, PROT_READ), 0);
	EXPECT_MAPS("40000000-40002000 r--p 0;40002000-40004000 rw-p 0");
}

/* ---- argument errors ---- */

Test(mprotect, unaligned_start_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + 1, PG, PROT_READ), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + PG / 2, 0, PROT_READ), -EINVAL);
}

Test(mprotect, unknown_prot_bits_einval)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, PG, PROT_READ | 0x10), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, PG, 0x80000000UL), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, PG, PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL);
}

/*
 * PROT_SEM (0x8 on i386) is one of the bits sys_mprotect accepts (2.6:
 * prot & ~(PROT_READ|PROT_WRITE|PROT_EXEC|PROT_SEM); today's generic
 * arch_validate_prot the same); it changes no vm_flags.
 * before: AAAA (rw-)    after: BAAA (B r--)
 */
Test(mprotect, prot_sem_is_accepted)
{
	map_fixed(BASE, 4, RW);
	cr_expect_eq(t_mprotect(BASE, PG, PROT_READ | PROT_SEM), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40004000 rw-p 0");
}

/* end wraps past 4G: ENOMEM (2.6: end <= start) */
Test(mprotect, range_wrapping_around_enomem)
{
	map_fixed(BASE, 4, RW);
	EXPECT_FAILS_UNCHANGED(t_mprotect(0xfffff000UL, 2 * PG, PROT_READ), -ENOMEM);
}

/* ---- holes: ENOMEM, the VMAs before the hole changed (sys_mprotect's loop) ---- */

/*
 * .AA.    mprotect(BASE, 3p): the range starts in a hole, so the loop
 * never starts: ENOMEM with nothing changed
 */
Test(mprotect, hole_at_start_enomem_unchanged)
{
	map_fixed(BASE + PG, 2, RW);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, 3 * PG, PROT_READ), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, PG, PROT_READ), -ENOMEM);
	cr_expect_str_eq(m->errmsg, "40000000-40001000 is not mapped");
}

/*
 * before: A.BB    A rw-, B r--
 * mprotect(BASE, 4p, ---)
 * after:  C.BB    C ---: A changed, then the hole: ENOMEM, B untouched
 */
Test(mprotect, hole_in_middle_changes_the_vma_before_it)
{
	map_fixed(BASE, 1, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	cr_assert_eq(t_mprotect(BASE, 4 * PG, PROT_NONE), -ENOMEM);
	EXPECT_MAPS("40000000-40001000 ---p 0;40002000-40004000 r--p 0");
	cr_expect_str_eq(m->errmsg, "40001000-40002000 is not mapped "
			 "(done: 40000000-40001000)");
	cr_expect_eq(vma_at(BASE)->vm_page_prot.pgprot, I386_PAGE_NONE);
	cr_expect_eq(m->vm_committed_space, 1, "VM_ACCOUNT is kept");
}

/*
 * before: AAAA.BB    A r--, B r--
 * mprotect(BASE+1p, 6p, rw-)
 * after:  ACCC.BB    C rw-: A split at start and its tail changed (and
 * charged); B is past the hole
 */
Test(mprotect, hole_after_a_split_keeps_the_split)
{
	map_fixed(BASE, 4, PROT_READ);
	map_fixed(BASE + 5 * PG, 2, PROT_READ);
	cr_assert_eq(t_mprotect(BASE + PG, 6 * PG, RW), -ENOMEM);
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40004000 rw-p 0;40005000-40007000 r--p 0");
	cr_expect_eq(cur_mm()->map_count, 3);
	cr_expect_eq(m->vm_committed_space, 3);
}

/*
 * before: AA..    A rw-
 * mprotect(BASE, 3p, r--)
 * after:  BB..    B r--: the range runs past the last VMA
 */
Test(mprotect, hole_at_end_changes_what_is_mapped)
{
	map_fixed(BASE, 2, RW);
	cr_assert_eq(t_mprotect(BASE, 3 * PG, PROT_READ), -ENOMEM);
	EXPECT_MAPS("40000000-40002000 r--p 0");
	EXPECT_FAILS_UNCHANGED(t_mprotect(0xbffff000UL, PG, PROT_READ), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mprotect(TASK_SIZE, PG, PROT_READ), -ENOMEM);
}

/*
 * before: A.B    A rw-, B r--
 * A hole that the new protection changes nothing before: ENOMEM and the
 * machine as it was (mprotect_fixup has nothing to do for A).
 */
Test(mprotect, hole_after_a_vma_already_so_changes_nothing)
{
	map_fixed(BASE, 1, RW);
	map_fixed(BASE + 2 * PG, 1, PROT_READ);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, 3 * PG, RW), -ENOMEM);
}

/* ---- file mappings: VM_MAYWRITE ---- */

/*
 * before: AFF    A r--p anonymous, F r--s of file f opened read-only
 * mprotect(BASE, 3p, rw-)
 * after:  BFF    B rw-: A changed, then F may not get write: EACCES (the
 * check is made per VMA inside the loop, as 2.6 makes it)
 */
Test(mprotect, eacces_at_a_later_vma_keeps_the_vmas_before)
{
	make_file("f", 2 * PG);
	map_fixed(BASE, 1, PROT_READ);
	cr_assert_eq(t_mmap_file(BASE + PG, 2 * PG, PROT_READ, MAP_SHARED | MAP_FIXED, "f", 0),
		     (long)(BASE + PG));
	cr_assert_eq(t_mprotect(BASE, 3 * PG, RW), -EACCES);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 r--s 0 f");
	cr_expect(strstr(m->errmsg, "(done: 40000000-40001000)"), "%s", m->errmsg);
}

/*
 * A shared mapping of a file opened read-only has VM_MAYWRITE clear:
 * mprotect cannot add PROT_WRITE (newflags & ~(newflags >> 4)).
 */
Test(mprotect, write_on_shared_readonly_file_mapping_eacces)
{
	make_file("f", 4 * PG);
	cr_assert_eq(t_mmap_file(BASE, 4 * PG, PROT_READ, MAP_SHARED | MAP_FIXED, "f", 0), (long)BASE);
	cr_expect_eq(vma_at(BASE)->vm_flags & (VM_MAYWRITE | VM_SHARED | VM_MAYSHARE), VM_MAYSHARE);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, 4 * PG, RW), -EACCES);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + PG, PG, PROT_WRITE), -EACCES);
	/* exec is still allowed (VM_MAYEXEC) */
	cr_expect_eq(t_mprotect(BASE, PG, PROT_READ | PROT_EXEC), 0);
	EXPECT_MAPS("40000000-40001000 r-xs 0 f;40001000-40004000 r--s 1000 f");
}

/*
 * before: AAAA (r--p of file f)    after: ABBA (B rw-p)
 * A private mapping always has VM_MAYWRITE: write may be added, which
 * charges the pages to the committed space (VM_ACCOUNT).
 */
Test(mprotect, write_on_private_readonly_file_mapping_charges_account)
{
	struct vm_area_struct *v;

	make_file("f", 4 * PG);
	cr_assert_eq(t_mmap_file(BASE, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	cr_expect_eq(m->vm_committed_space, 0);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, RW), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0 f;40001000-40003000 rw-p 1000 f;40003000-40004000 r--p 3000 f");
	v = vma_at(BASE + PG);
	cr_expect_eq(v->vm_flags, VM_READ | VM_WRITE | MAY_ALL | VM_ACCOUNT);
	cr_expect_eq(v->vm_page_prot.pgprot, I386_PAGE_COPY);
	cr_expect_eq(m->vm_committed_space, 2);
	cr_expect_eq(vma_at(BASE)->vm_flags & VM_ACCOUNT, 0);
}

/* ---- VM_ACCOUNT on anonymous memory ---- */

/*
 * before: AAA (r--, not accounted)
 * after:  ABA (B rw-: VM_ACCOUNT, one page charged)
 * then:   ABA (B r-- again, VM_ACCOUNT kept: no merge, charge kept)
 */
Test(mprotect, account_gained_on_write_and_kept_when_write_goes)
{
	map_fixed(BASE, 3, PROT_READ);
	cr_expect_eq(m->vm_committed_space, 0);
	cr_expect_eq(vma_at(BASE)->vm_flags & VM_ACCOUNT, 0);

	cr_assert_eq(t_mprotect(BASE + PG, PG, RW), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40002000 rw-p 0;40002000-40003000 r--p 0");
	cr_expect_eq(vma_at(BASE + PG)->vm_flags, VM_READ | VM_WRITE | MAY_ALL | VM_ACCOUNT);
	cr_expect_eq(m->vm_committed_space, 1);

	cr_assert_eq(t_mprotect(BASE + PG, PG, PROT_READ), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0;40001000-40002000 r--p 0;40002000-40003000 r--p 0");
	cr_expect_eq(vma_at(BASE + PG)->vm_flags, VM_READ | MAY_ALL | VM_ACCOUNT);
	cr_expect_eq(m->vm_committed_space, 1);
	cr_expect_eq(cur_mm()->map_count, 3);

	/* write again: already accounted, nothing more charged */
	cr_assert_eq(t_mprotect(BASE + PG, PG, RW), 0);
	cr_expect_eq(m->vm_committed_space, 1);
}

/*
 * before: AAAA (rw-, 4 pages charged)
 * after:  ABBA (B r--) and back to AAAA: still 4 pages, never 6
 */
Test(mprotect, writable_again_is_not_charged_twice)
{
	map_fixed(BASE, 4, RW);
	cr_expect_eq(m->vm_committed_space, 4);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, PROT_READ), 0);
	cr_expect_eq(m->vm_committed_space, 4);
	cr_expect_eq(vma_at(BASE + PG)->vm_flags & VM_ACCOUNT, VM_ACCOUNT);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, RW), 0);
	cr_expect_eq(m->vm_committed_space, 4);
	cr_assert_eq(t_munmap(BASE, 4 * PG), 0);
	cr_expect_eq(m->vm_committed_space, 0);
}

/* a shared mapping is never charged by mprotect */
/*
 * Shared anonymous memory is charged once, for its shmem object, at mmap
 * (shmem_acct_size); making the mapping writable charges nothing more and
 * the VMA never carries VM_ACCOUNT.
 */
Test(mprotect, shared_anon_gains_no_account)
{
	cr_assert_eq(t_mmap(BASE, 2 * PG, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)BASE);
	cr_expect_eq(m->vm_committed_space, 2);
	cr_assert_eq(t_mprotect(BASE, 2 * PG, RW), 0);
	cr_expect_eq(vma_at(BASE)->vm_flags & VM_ACCOUNT, 0);
	cr_expect_eq(m->vm_committed_space, 2);
}

/*
 * vm.overcommit_memory=2: making 300 MiB of private r-- memory writable
 * needs more than the machine's 256 MiB: ENOMEM, nothing changed.
 */
Test(mprotect, write_charge_refused_under_overcommit_never)
{
	unsigned long len = 300UL << 20;

	cr_assert_eq(sysctl_set(m, "vm.overcommit_memory", 2), 0);
	cr_assert_eq(t_mmap(BASE, len, PROT_READ, ANON_FIXED), (long)BASE);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, len, RW), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + PG, len - 2 * PG, RW), -ENOMEM);
	cr_expect_eq(t_mprotect(BASE, 16 * PG, RW), 0);
	cr_expect_eq(m->vm_committed_space, 16);
}

/* ---- vm_page_prot and the vm_stat counters ---- */

Test(mprotect, page_prot_follows_flags)
{
	map_fixed(BASE, 2, RW);
	cr_expect_eq(vma_at(BASE)->vm_page_prot.pgprot, I386_PAGE_COPY);
	cr_assert_eq(t_mprotect(BASE, 2 * PG, PROT_NONE), 0);
	cr_expect_eq(vma_at(BASE)->vm_page_prot.pgprot, I386_PAGE_NONE);
	cr_assert_eq(t_mprotect(BASE, 2 * PG, PROT_READ | PROT_EXEC), 0);
	cr_expect_eq(vma_at(BASE)->vm_page_prot.pgprot, I386_PAGE_READONLY);

	cr_assert_eq(t_mmap(BASE + 4 * PG, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED),
		     (long)(BASE + 4 * PG));
	cr_expect_eq(vma_at(BASE + 4 * PG)->vm_page_prot.pgprot, I386_PAGE_SHARED);
	cr_assert_eq(t_mprotect(BASE + 4 * PG, PG, PROT_READ), 0);
	cr_expect_eq(vma_at(BASE + 4 * PG)->vm_page_prot.pgprot, I386_PAGE_READONLY);
	cr_expect_eq(vma_at(BASE + 5 * PG)->vm_page_prot.pgprot, I386_PAGE_SHARED);
}

/*
 * exec_vm counts file pages that are executable and not writable:
 * AAAA (r--p of f) -> AAAA r-xp (4) -> BAAA (B rwxp: 3 left)
 */
Test(mprotect, exec_vm_follows_exec_on_file_mapping)
{
	make_file("f", 4 * PG);
	cr_assert_eq(t_mmap_file(BASE, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	cr_expect_eq(cur_mm()->exec_vm, 0);
	cr_assert_eq(t_mprotect(BASE, 4 * PG, PROT_READ | PROT_EXEC), 0);
	cr_expect_eq(cur_mm()->exec_vm, 4);
	cr_assert_eq(t_mprotect(BASE, PG, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
	cr_expect_eq(cur_mm()->exec_vm, 3);
	cr_assert_eq(t_mprotect(BASE, 4 * PG, PROT_READ), 0);
	cr_expect_eq(cur_mm()->exec_vm, 0);
	/* anonymous executable memory is not exec_vm */
	map_fixed(BASE + 8 * PG, 2, PROT_READ | PROT_EXEC);
	cr_expect_eq(cur_mm()->exec_vm, 0);
}

/* a shared file mapping stays shared_vm whatever its protection */
Test(mprotect, shared_vm_unchanged_by_mprotect_of_shared_file_mapping)
{
	make_file("f", 4 * PG);
	cr_assert_eq(t_mmap_file(BASE, 4 * PG, RW, MAP_SHARED | MAP_FIXED, "f", 0), (long)BASE);
	cr_expect_eq(cur_mm()->shared_vm, 4);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, PROT_READ), 0);
	EXPECT_MAPS("40000000-40001000 rw-s 0 f;40001000-40003000 r--s 1000 f;40003000-40004000 rw-s 3000 f");
	cr_expect_eq(cur_mm()->shared_vm, 4);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, RW), 0);
	EXPECT_MAPS("40000000-40004000 rw-s 0 f");
	cr_expect_eq(cur_mm()->shared_vm, 4);
}

/* ---- vm.max_map_count ---- */

/*
 * AAAA with max_map_count = map_count: any split is refused by split_vma
 * with ENOMEM, and nothing changes.
 */
Test(mprotect, split_at_max_map_count_enomem_unchanged)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 1), 0);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + PG, 2 * PG, PROT_READ), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, PG, PROT_READ), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + 3 * PG, PG, PROT_READ), -ENOMEM);
	/* the whole VMA needs no split */
	cr_expect_eq(t_mprotect(BASE, 4 * PG, PROT_READ), 0);
	EXPECT_MAPS("40000000-40004000 r--p 0");
}

/*
 * ABBA needs two splits: with room for one only, split_vma makes the
 * first (at start) and refuses the second, as 2.6's mprotect_fixup goes:
 * ENOMEM with AAAA split in two and its flags unchanged.
 */
Test(mprotect, middle_with_room_for_one_split_keeps_the_first_split)
{
	map_fixed(BASE, 4, RW);
	cr_assert_eq(sysctl_set(m, "vm.max_map_count", 2), 0);
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, PROT_READ), -ENOMEM);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40004000 rw-p 0");
	cr_expect_eq(cur_mm()->map_count, 2);
	cr_expect_eq(m->vm_committed_space, 4);
	cr_expect_eq(t_mprotect(BASE + PG, 3 * PG, PROT_READ), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40004000 r--p 0");
}

/* ---- allocation failure ---- */

static long op_mprotect_middle(void)
{
	return t_mprotect(BASE + PG, 2 * PG, PROT_READ);
}

/* AAAA -> ABBA with each allocation failing in turn */
Test(mprotect, failslab_middle_split_leaves_machine_unchanged)
{
	map_fixed(BASE, 4, RW);
	cr_expect_eq(failslab_sweep(op_mprotect_middle, -ENOMEM), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 r--p 0;40003000-40004000 rw-p 0");
}

static long op_mprotect_file_write(void)
{
	return t_mprotect(BASE + PG, PG, RW);
}

/*
 * before: AABBCC    A rw-, B r--, C rw-
 * mprotect(BASE+1p, 4p, ---)
 * after:  ADEFC    D, E, F --- (D and F keep VM_ACCOUNT: they stay apart from E)
 * Three steps: A's needs a split, B's none, C's a split. An allocation
 * failing in A's step leaves the machine as it was; one failing in C's
 * leaves A and B changed, as mprotect over [BASE+1p, BASE+4p) would.
 */
static void build_three(void)
{
	map_fixed(BASE, 2, RW);
	map_fixed(BASE + 2 * PG, 2, PROT_READ);
	map_fixed(BASE + 4 * PG, 2, RW);
}

static long op_mprotect_three(unsigned long end)
{
	return t_mprotect(BASE + PG, end - (BASE + PG), PROT_NONE);
}

Test(mprotect, failslab_across_three_vmas_keeps_the_steps_before)
{
	build_three();
	cr_expect_eq(failslab_sweep_steps(build_three, op_mprotect_three, BASE + PG, BASE + 5 * PG,
					  -ENOMEM), 2);
	cr_assert_eq(op_mprotect_three(BASE + 5 * PG), 0);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40002000 ---p 0;40002000-40004000 ---p 0;"
		    "40004000-40005000 ---p 0;40005000-40006000 rw-p 0");
}

/* a private file mapping made writable in its middle, allocations failing */
Test(mprotect, failslab_file_write_charge_leaves_machine_unchanged)
{
	make_file("f", 4 * PG);
	cr_assert_eq(t_mmap_file(BASE, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0), (long)BASE);
	cr_expect_eq(failslab_sweep(op_mprotect_file_write, -ENOMEM), 0);
	EXPECT_MAPS("40000000-40001000 r--p 0 f;40001000-40002000 rw-p 1000 f;40002000-40004000 r--p 2000 f");
	cr_expect_eq(m->vm_committed_space, 1);
}
