/*
 * test_sysctl.c - Criterion tests for vmcore/sysctl.c: vm.max_map_count and
 * vm.overcommit_memory by name, their ranges, unknown names, and what the
 * tunables do: max_map_count limits the VMAs of an mm, overcommit_memory
 * decides what security_vm_enough_memory lets a private writable mapping
 * charge on a 256 MiB machine (0: refuse only more than all of RAM at
 * once, 1: always, 2: keep the committed total under the limit).
 */
#include "vmtest.h"

#define BASE	0x40000000UL
#define PG	PAGE_SIZE
#define MiB	(1UL << 20)
#define RAM	(256UL * MiB)

TestSuite(sysctl, .init = vm_setup, .fini = vm_teardown);

static long get(const char *name)
{
	long v = -12345;

	cr_assert_eq(sysctl_get(m, name, &v), 0, "sysctl_get(%s)", name);
	return v;
}

static void set(const char *name, long v)
{
	cr_assert_eq(sysctl_set(m, name, v), 0, "sysctl_set(%s, %ld): %s", name, v, m->errmsg);
}

/* ---- get and set ---- */

Test(sysctl, defaults)
{
	cr_expect_eq(get("vm.max_map_count"), 65536);
	cr_expect_eq(get("vm.overcommit_memory"), 0);
}

Test(sysctl, set_then_get)
{
	set("vm.max_map_count", 100);
	cr_expect_eq(get("vm.max_map_count"), 100);
	cr_expect_eq(m->sysctl_max_map_count, 100);
	set("vm.overcommit_memory", 2);
	cr_expect_eq(get("vm.overcommit_memory"), 2);
	cr_expect_eq(m->sysctl_overcommit_memory, 2);
	set("vm.overcommit_memory", 1);
	cr_expect_eq(get("vm.overcommit_memory"), 1);
	set("vm.max_map_count", 0);
	cr_expect_eq(get("vm.max_map_count"), 0);
}

Test(sysctl, out_of_range_einval_unchanged)
{
	set("vm.max_map_count", 1000);
	EXPECT_FAILS_UNCHANGED(sysctl_set(m, "vm.max_map_count", -1), -EINVAL);
	EXPECT_FAILS_UNCHANGED(sysctl_set(m, "vm.max_map_count", 0x80000000L), -EINVAL);
	cr_expect_eq(get("vm.max_map_count"), 1000);
	EXPECT_FAILS_UNCHANGED(sysctl_set(m, "vm.overcommit_memory", 3), -EINVAL);
	EXPECT_FAILS_UNCHANGED(sysctl_set(m, "vm.overcommit_memory", -1), -EINVAL);
	cr_expect_eq(get("vm.overcommit_memory"), 0);
}

Test(sysctl, unknown_name_enoent)
{
	long v = 7;

	EXPECT_FAILS_UNCHANGED(sysctl_get(m, "vm.swappiness", &v), -ENOENT);
	cr_expect_eq(v, 7);
	EXPECT_FAILS_UNCHANGED(sysctl_set(m, "vm.nope", 1), -ENOENT);
	EXPECT_FAILS_UNCHANGED(sysctl_set(m, "max_map_count", 1), -ENOENT);
	EXPECT_FAILS_UNCHANGED(sysctl_get(m, "", &v), -ENOENT);
}

Test(sysctl, names_lists_both_tunables)
{
	const char *const *n = sysctl_names();
	int count = 0, seen_map = 0, seen_oc = 0;

	for (; *n; n++, count++) {
		long v;

		seen_map |= !strcmp(*n, "vm.max_map_count");
		seen_oc |= !strcmp(*n, "vm.overcommit_memory");
		cr_expect_eq(sysctl_get(m, *n, &v), 0, "listed %s cannot be read", *n);
	}
	cr_expect(seen_map && seen_oc);
	cr_expect_geq(count, 2);
}

/* ---- vm.max_map_count ---- */

/*
 * A.B.CC..D.E with max_map_count 3: do_mmap_pgoff refuses only when
 * map_count is already past the limit (2.6 and today: map_count >
 * sysctl_max_map_count), so D makes a fourth VMA and E is refused;
 * split_vma refuses once map_count has reached it.
 */
Test(sysctl, max_map_count_limits_the_vmas)
{
	set("vm.max_map_count", 3);
	cr_assert_eq(t_mmap(BASE, PG, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(BASE + 2 * PG, PG, RW, ANON_FIXED), (long)(BASE + 2 * PG));
	cr_assert_eq(t_mmap(BASE + 4 * PG, 2 * PG, RW, ANON_FIXED), (long)(BASE + 4 * PG));
	cr_expect_eq(t_mmap(BASE + 8 * PG, PG, RW, ANON_FIXED), (long)(BASE + 8 * PG));
	cr_expect_eq(cur_mm()->map_count, 4);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE + 10 * PG, PG, RW, ANON_FIXED), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + 4 * PG, PG, PROT_READ), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_munmap(BASE + 4 * PG, PG), -ENOMEM);
	cr_assert_eq(t_munmap(BASE + 8 * PG, PG), 0);
	cr_expect_eq(cur_mm()->map_count, 3);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE + 4 * PG, PG, PROT_READ), -ENOMEM);
	/* raising the limit lets the split through */
	set("vm.max_map_count", 4);
	cr_expect_eq(t_mprotect(BASE + 4 * PG, PG, PROT_READ), 0);
	cr_expect_eq(cur_mm()->map_count, 4);
}

/* ---- vm.overcommit_memory ---- */

/*
 * 2 (never): a private writable mapping larger than RAM is refused; the
 * committed total stays under the limit: 100 MiB, then 200 MiB more, no.
 */
Test(sysctl, overcommit_never_refuses_more_than_ram)
{
	set("vm.overcommit_memory", 2);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 300 * MiB, RW, ANON_PRIVATE), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE, RAM + PG, RW, ANON_FIXED), -ENOMEM);
	cr_assert_eq(t_mmap(BASE, 100 * MiB, RW, ANON_FIXED), (long)BASE);
	cr_expect_eq(m->vm_committed_space, (100 * MiB) >> PAGE_SHIFT);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 200 * MiB, RW, ANON_PRIVATE), -ENOMEM);
	/* not accounted: private read-only memory */
	cr_expect_eq(t_mmap(0x80000000UL, 300 * MiB, PROT_READ, ANON_FIXED), 0x80000000L);
	cr_expect_eq(m->vm_committed_space, (100 * MiB) >> PAGE_SHIFT);
}

/* 2 (never) ignores MAP_NORESERVE: the pages are charged all the same */
Test(sysctl, overcommit_never_charges_noreserve)
{
	set("vm.overcommit_memory", 2);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 300 * MiB, RW, ANON_PRIVATE | MAP_NORESERVE), -ENOMEM);
	cr_assert_eq(t_mmap(BASE, 4 * PG, RW, ANON_FIXED | MAP_NORESERVE), (long)BASE);
	cr_expect_eq(m->vm_committed_space, 4);
}

/*
 * Shared anonymous memory is charged too, by its shmem object (2.6
 * shmem_zero_setup -> shmem_file_setup -> shmem_acct_size; today's the
 * same): 300 MiB of it cannot be had on a 256 MiB machine, under 0
 * (more than all of RAM) as under 2 (past the limit).
 */
Test(sysctl, overcommit_refuses_shared_anon_larger_than_ram)
{
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 300 * MiB, RW, MAP_SHARED | MAP_ANONYMOUS), -ENOMEM);
	set("vm.overcommit_memory", 2);
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 300 * MiB, RW, MAP_SHARED | MAP_ANONYMOUS), -ENOMEM);
}

/* 1 (always): anything goes, and is charged */
Test(sysctl, overcommit_always_allows_more_than_ram)
{
	set("vm.overcommit_memory", 1);
	cr_assert_eq(t_mmap(BASE, 300 * MiB, RW, ANON_FIXED), (long)BASE);
	cr_expect_eq(m->vm_committed_space, (300 * MiB) >> PAGE_SHIFT);
	cr_assert_eq(t_mmap(0x60000000UL, 1024 * MiB, RW, ANON_FIXED), 0x60000000L);
	cr_expect_eq(m->vm_committed_space, (1324 * MiB) >> PAGE_SHIFT);
}

/*
 * 0 (heuristic): one request larger than all of RAM is refused; RAM
 * exactly, or several that add up to more, are allowed.
 */
Test(sysctl, overcommit_guess_refuses_only_more_than_all_of_ram)
{
	EXPECT_FAILS_UNCHANGED(t_mmap(0, 300 * MiB, RW, ANON_PRIVATE), -ENOMEM);
	EXPECT_FAILS_UNCHANGED(t_mmap(BASE, RAM + PG, RW, ANON_FIXED), -ENOMEM);
	cr_assert_eq(t_mmap(BASE, RAM, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_munmap(BASE, RAM), 0);
	cr_assert_eq(t_mmap(BASE, 200 * MiB, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_mmap(0x60000000UL, 200 * MiB, RW, ANON_FIXED), 0x60000000L);
	cr_expect_eq(m->vm_committed_space, (400 * MiB) >> PAGE_SHIFT);
	/* MAP_NORESERVE is not charged at all under 0 */
	cr_assert_eq(t_mmap(0x80000000UL, 300 * MiB, RW, ANON_FIXED | MAP_NORESERVE), 0x80000000L);
	cr_expect_eq(m->vm_committed_space, (400 * MiB) >> PAGE_SHIFT);
}

/* changing the mode later does not touch what was charged */
Test(sysctl, overcommit_change_keeps_charges)
{
	set("vm.overcommit_memory", 1);
	cr_assert_eq(t_mmap(BASE, 300 * MiB, RW, ANON_FIXED), (long)BASE);
	set("vm.overcommit_memory", 2);
	cr_expect_eq(m->vm_committed_space, (300 * MiB) >> PAGE_SHIFT);
	/* over the limit already: one more accounted page is refused */
	EXPECT_FAILS_UNCHANGED(t_mmap(0, PG, RW, ANON_PRIVATE), -ENOMEM);
	cr_assert_eq(t_munmap(BASE, 300 * MiB), 0);
	cr_expect_eq(m->vm_committed_space, 0);
	cr_expect_eq(t_mmap(BASE, PG, RW, ANON_FIXED), (long)BASE);
}
