/*
 * test_vma_merge.c - Criterion tests for vma_merge (vmcore/mmap.c): each
 * case of the comment above it, reached as the kernel reaches them - cases
 * 1 to 3 by mmap placing a new range next to existing VMAs, cases 4 to 8 by
 * mprotect making part or all of a VMA equal to its neighbours - and each
 * reason a merge is refused (flags, VM_ACCOUNT, file, file offset, file vs
 * anonymous). Expected values are Linux 2.6's (mm/mmap.c vma_merge,
 * vma_adjust; mm/mprotect.c mprotect_fixup).
 *
 * The case vmcore reports in its VM_EV_MERGE event is checked against the
 * kernel's numbering too. Pictures: one character per page from 40000000,
 * '.' for a page no VMA maps, one letter per VMA; the letter that survives
 * a merge is the vm_area_struct that does.
 */
#include "vmtest.h"

#define P	PAGE_SIZE
#define BASE	TASK_UNMAPPED_BASE
#define VM_MAY	(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

static int merge_case;		/* the last VM_EV_MERGE's case, 0 if none */
static int merges;		/* VM_EV_MERGE events seen */

static void on_event(void *ctx, const struct vm_event *ev)
{
	(void)ctx;
	if (ev->type == VM_EV_MERGE) {
		merge_case = (int)ev->value;
		merges++;
	}
}

static void merge_setup(void)
{
	vm_setup();
	machine_set_observer(m, on_event, NULL);
}

TestSuite(vma_merge, .init = merge_setup, .fini = vm_teardown);

/* vma_at - the VMA holding addr, found by walking the list */
static struct vm_area_struct *vma_at(unsigned long addr)
{
	struct vm_area_struct *v;

	for (v = cur_mm()->mmap; v; v = v->vm_next)
		if (v->vm_start <= addr && addr < v->vm_end)
			return v;
	cr_assert_fail("no VMA holds %#lx; maps: %s", addr, maps_str());
	return NULL;
}

static unsigned long pg(unsigned long n)
{
	return BASE + n * P;
}

/* map - MAP_FIXED private anonymous pages [first, first + n) */
static void map(unsigned long first, unsigned long n, unsigned long prot)
{
	cr_assert_eq(t_mmap(pg(first), n * P, prot, ANON_FIXED), (long)pg(first));
}

/* map_file - MAP_FIXED mapping of f's pages from off_pages at pages [first, first + n) */
static void map_file(unsigned long first, unsigned long n, unsigned long prot,
		     unsigned long flags, const char *f, unsigned long off_pages)
{
	cr_assert_eq(t_mmap_file(pg(first), n * P, prot, flags | MAP_FIXED, f, off_pages * P),
		     (long)pg(first));
}

/* protect - mprotect pages [first, first + n), which must succeed */
static void protect(unsigned long first, unsigned long n, unsigned long prot)
{
	cr_assert_eq(t_mprotect(pg(first), n * P, prot), 0);
}

static void mkfile(const char *name, unsigned long size)
{
	cr_assert_eq(file_create(m, name, size), 0, "file_create(%s)", name);
}

/* reset the merge observer before the call under test */
static void watch(void)
{
	merge_case = 0;
	merges = 0;
}

/* non-fatal: the layout checks that follow still run */
#define EXPECT_MERGE(c) \
	cr_expect_eq(merge_case, (c), "vma_merge case %d reported, expected %d", merge_case, (c))
#define EXPECT_NO_MERGE() \
	cr_assert_eq(merges, 0, "%d merges reported (last case %d), expected none", merges, merge_case)
#define EXPECT_MAP_COUNT(n) \
	cr_assert_eq(cur_mm()->map_count, (n), "map_count is %d, expected %d", cur_mm()->map_count, (n))
#define EXPECT_PGOFF(page, want) \
	cr_assert_eq(vma_at(pg(page))->vm_pgoff, (pgoff_t)(want), "vm_pgoff at page %d is %#x, expected %#x", \
		     (int)(page), (unsigned)vma_at(pg(page))->vm_pgoff, (unsigned)(want))

/* ---- cases 1 to 3: mmap, brk or mremap move: [addr, end) is unmapped ------ */

/*
 *     AAAA
 * PPPP    NNNN    case 1: PPPPPPPPPPPP (P survives, N is freed)
 */
Test(vma_merge, case1_new_range_between_prev_and_next_joins_all_three)
{
	struct vm_area_struct *p;

	map(0, 2, RW);
	map(4, 2, RW);
	p = vma_at(pg(0));
	EXPECT_MAP_COUNT(2);
	watch();
	map(2, 2, RW);
	EXPECT_MERGE(1);
	EXPECT_MAPS("40000000-40006000 rw-p 0");
	cr_assert_eq(vma_at(pg(5)), p);
	EXPECT_PGOFF(0, 0x40000);
	EXPECT_MAP_COUNT(1);
	cr_assert_eq(cur_mm()->total_vm, 6UL);
	cr_assert_eq(m->vm_committed_space, 6UL);
}

/*
 *     AAAA
 * PPPP    NNNN    case 2: PPPPPPPPNNNN (N has other flags)
 */
Test(vma_merge, case2_new_range_after_prev_extends_prev)
{
	struct vm_area_struct *p;

	map(0, 2, RW);
	map(4, 2, PROT_READ);
	p = vma_at(pg(0));
	watch();
	map(2, 2, RW);
	EXPECT_MERGE(2);
	EXPECT_MAPS("40000000-40004000 rw-p 0;40004000-40006000 r--p 0");
	cr_assert_eq(vma_at(pg(3)), p);
	EXPECT_PGOFF(0, 0x40000);
	EXPECT_MAP_COUNT(2);
}

/* PPPP then AAAA right after it, nothing beyond: case 2, PPPPPPPP */
Test(vma_merge, case2_new_range_after_the_last_vma_extends_it)
{
	map(0, 2, PROT_READ);
	watch();
	cr_assert_eq(t_mmap(0, 3 * P, PROT_READ, ANON_PRIVATE), (long)pg(2));
	EXPECT_MERGE(2);
	EXPECT_MAPS("40000000-40005000 r--p 0");
	EXPECT_MAP_COUNT(1);
}

/*
 *     AAAA
 * PPPP    NNNN    case 3: PPPPNNNNNNNN (P has other flags); N moves its
 *                 start and pgoff down
 */
Test(vma_merge, case3_new_range_before_next_extends_next_down)
{
	struct vm_area_struct *n;

	map(0, 2, PROT_READ);
	map(4, 2, RW);
	n = vma_at(pg(4));
	watch();
	map(2, 2, RW);
	EXPECT_MERGE(3);
	EXPECT_MAPS("40000000-40002000 r--p 0;40002000-40006000 rw-p 0");
	cr_assert_eq(vma_at(pg(2)), n);
	EXPECT_PGOFF(2, 0x40002);
	EXPECT_MAP_COUNT(2);
}

/* ....NNNN, AAAA below it with no prev at all: case 3 */
Test(vma_merge, case3_new_range_below_the_first_vma_extends_it_down)
{
	map(4, 2, PROT_READ);
	watch();
	map(1, 3, PROT_READ);
	EXPECT_MERGE(3);
	EXPECT_MAPS("40001000-40006000 r--p 0");
	EXPECT_PGOFF(1, 0x40001);
	EXPECT_MAP_COUNT(1);
}

/*
 *     AAAA
 * PPPP    NNNN    cannot merge: A's flags differ from both
 */
Test(vma_merge, new_range_with_other_flags_cannot_merge)
{
	map(0, 2, RW);
	map(4, 2, RW);
	watch();
	map(2, 2, PROT_READ);
	EXPECT_NO_MERGE();
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40004000 r--p 0;40004000-40006000 rw-p 0");
	EXPECT_MAP_COUNT(3);
}

/* PPPP..NNNN with a gap on each side of AA: nothing touches, nothing merges */
Test(vma_merge, new_range_not_touching_its_neighbours_cannot_merge)
{
	map(0, 2, RW);
	map(6, 2, RW);
	watch();
	map(3, 2, RW);
	EXPECT_NO_MERGE();
	EXPECT_MAP_COUNT(3);
}

/* ---- cases 4 to 8: mprotect: [addr, end) is mapped, inside one VMA ---------- */

/*
 *   AAAA
 * PPPPPPNNNNNN    case 4: PPNNNNNNNNNN - the tail of P takes N's flags:
 *                 P shrinks, N grows down (vma_adjust's adjust_next < 0)
 * here: PPPPNN (P r--, N ---); mprotect pages 2..3 to ---
 */
Test(vma_merge, case4_mprotect_tail_of_prev_to_next_moves_the_boundary_down)
{
	struct vm_area_struct *p, *n;

	map(0, 4, PROT_READ);
	map(4, 2, PROT_NONE);
	p = vma_at(pg(0));
	n = vma_at(pg(4));
	watch();
	protect(2, 2, PROT_NONE);
	EXPECT_MERGE(4);
	EXPECT_MAPS("40000000-40002000 r--p 0;40002000-40006000 ---p 0");
	cr_assert_eq(vma_at(pg(0)), p);
	cr_assert_eq(vma_at(pg(2)), n);
	EXPECT_PGOFF(0, 0x40000);
	EXPECT_PGOFF(2, 0x40002);
	EXPECT_MAP_COUNT(2);
}

/*
 *       AAAA
 * PPPPPPNNNNNN    case 5: PPPPPPPPPPNN - the head of N takes P's flags:
 *                 P grows, N shrinks (adjust_next > 0)
 * here: PPPPNN (P r--, N ---); mprotect page 4 to r--
 */
Test(vma_merge, case5_mprotect_head_of_next_to_prev_moves_the_boundary_up)
{
	struct vm_area_struct *p, *n;

	map(0, 4, PROT_READ);
	map(4, 2, PROT_NONE);
	p = vma_at(pg(0));
	n = vma_at(pg(4));
	watch();
	protect(4, 1, PROT_READ);
	EXPECT_MERGE(5);
	EXPECT_MAPS("40000000-40005000 r--p 0;40005000-40006000 ---p 0");
	cr_assert_eq(vma_at(pg(4)), p);
	cr_assert_eq(vma_at(pg(5)), n);
	EXPECT_PGOFF(5, 0x40005);
	EXPECT_MAP_COUNT(2);
}

/*
 *     AAAA
 * PPPPNNNNXXXX    case 6: PPPPPPPPPPPP - all of N becomes like P and X:
 *                 vma_adjust removes N and X (remove_next == 2)
 */
Test(vma_merge, case6_mprotect_whole_vma_joins_prev_and_next)
{
	struct vm_area_struct *p;

	map(0, 2, PROT_READ);
	map(2, 2, PROT_NONE);
	map(4, 2, PROT_READ);
	p = vma_at(pg(0));
	EXPECT_MAP_COUNT(3);
	watch();
	protect(2, 2, PROT_READ);
	EXPECT_MERGE(6);
	EXPECT_MAPS("40000000-40006000 r--p 0");
	cr_assert_eq(vma_at(pg(5)), p);
	EXPECT_PGOFF(0, 0x40000);
	EXPECT_MAP_COUNT(1);
}

/*
 *     AAAA
 * PPPPNNNNXXXX    case 7: PPPPPPPPXXXX - all of N becomes like P only
 */
Test(vma_merge, case7_mprotect_whole_vma_joins_prev)
{
	struct vm_area_struct *p, *x;

	map(0, 2, PROT_READ);
	map(2, 2, PROT_NONE);
	map(4, 2, RW);
	p = vma_at(pg(0));
	x = vma_at(pg(4));
	watch();
	protect(2, 2, PROT_READ);
	EXPECT_MERGE(7);
	EXPECT_MAPS("40000000-40004000 r--p 0;40004000-40006000 rw-p 0");
	cr_assert_eq(vma_at(pg(3)), p);
	cr_assert_eq(vma_at(pg(4)), x);
	EXPECT_MAP_COUNT(2);
}

/* PPPPNNNN, the last VMA made like P: case 7 with no X */
Test(vma_merge, case7_mprotect_last_vma_joins_prev)
{
	map(0, 2, PROT_READ);
	map(2, 2, PROT_EXEC);
	watch();
	protect(2, 2, PROT_READ);
	EXPECT_MERGE(7);
	EXPECT_MAPS("40000000-40004000 r--p 0");
	EXPECT_MAP_COUNT(1);
}

/*
 *     AAAA
 * PPPPNNNNXXXX    case 8: PPPPNNNNNNNN - all of N becomes like X: N
 *                 survives, grows over X, and keeps its own pgoff
 */
Test(vma_merge, case8_mprotect_whole_vma_joins_next)
{
	struct vm_area_struct *p, *n;

	map(0, 2, RW);
	map(2, 2, PROT_NONE);
	map(4, 2, PROT_READ);
	p = vma_at(pg(0));
	n = vma_at(pg(2));
	watch();
	protect(2, 2, PROT_READ);
	EXPECT_MERGE(8);
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40006000 r--p 0");
	cr_assert_eq(vma_at(pg(0)), p);
	cr_assert_eq(vma_at(pg(5)), n);
	EXPECT_PGOFF(2, 0x40002);
	cr_assert_eq(vma_at(pg(2))->vm_flags, VM_READ | VM_MAY);
	EXPECT_MAP_COUNT(2);
}

/* NNNNXXXX, the first VMA made like X: case 8 with no P */
Test(vma_merge, case8_mprotect_first_vma_joins_next)
{
	map(0, 2, PROT_EXEC);
	map(2, 2, PROT_READ);
	watch();
	protect(0, 2, PROT_READ);
	EXPECT_MERGE(8);
	EXPECT_MAPS("40000000-40004000 r--p 0");
	EXPECT_PGOFF(0, 0x40000);
	EXPECT_MAP_COUNT(1);
}

/*
 * before: AAAAAA   after: AABBAA - the middle made r-- has no neighbour to
 * merge with, so mprotect_fixup splits twice: three VMAs. Made rw- again
 * (it kept VM_ACCOUNT, so nothing is charged) it merges back: case 6.
 */
Test(vma_merge, mprotect_inside_a_vma_splits_it_and_back_merges)
{
	map(0, 6, RW);
	watch();
	protect(2, 2, PROT_READ);
	EXPECT_NO_MERGE();
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40004000 r--p 0;40004000-40006000 rw-p 0");
	EXPECT_PGOFF(2, 0x40002);
	EXPECT_PGOFF(4, 0x40004);
	EXPECT_MAP_COUNT(3);
	protect(2, 2, RW);
	EXPECT_MERGE(6);
	EXPECT_MAPS("40000000-40006000 rw-p 0");
	EXPECT_MAP_COUNT(1);
	cr_assert_eq(m->vm_committed_space, 6UL);
}

/* ---- file mappings: merged VMAs keep the file offsets right --------------------- */

/*
 * f mapped private r-- at 40000000 from offset 0 (6 pages):
 *   FFFFFF                      (0)
 *   FFFFGG  pages 4,5 ---       split: G from offset 4
 *   FFGGGG  pages 2,3 ---       case 4: G from offset 2
 *   FFFGGG  page 2 r--          case 5: G from offset 3
 *   FFFFFF  pages 3..5 r--      case 7: one VMA from offset 0, one struct file
 */
Test(vma_merge, file_offsets_follow_cases_4_5_and_7)
{
	struct file *file;

	mkfile("f", 8 * P);
	map_file(0, 6, PROT_READ, MAP_PRIVATE, "f", 0);
	file = vma_at(pg(0))->vm_file;
	protect(4, 2, PROT_NONE);
	EXPECT_MAPS("40000000-40004000 r--p 0 f;40004000-40006000 ---p 4000 f");
	cr_assert_eq(file->f_count, 2);
	watch();
	protect(2, 2, PROT_NONE);
	EXPECT_MERGE(4);
	EXPECT_MAPS("40000000-40002000 r--p 0 f;40002000-40006000 ---p 2000 f");
	watch();
	protect(2, 1, PROT_READ);
	EXPECT_MERGE(5);
	EXPECT_MAPS("40000000-40003000 r--p 0 f;40003000-40006000 ---p 3000 f");
	watch();
	protect(3, 3, PROT_READ);
	EXPECT_MERGE(7);
	EXPECT_MAPS("40000000-40006000 r--p 0 f");
	EXPECT_MAP_COUNT(1);
	cr_assert_eq(file->f_count, 1);
	cr_assert_eq(file->f_inode->i_mapping->i_mmap_count, 1UL);
}

/*
 * f mapped private --- from offset 0x1000 (6 pages):
 *   FFFFFF
 *   FFGGHH  pages 0,1 and 4,5 r--   (three VMAs of one struct file)
 *   FFFFFF  pages 2,3 r--           case 6: from offset 0x1000
 * and then NNXXXX pages 0,1 ---, pages 0,1 r-- again: case 8
 */
Test(vma_merge, file_offsets_follow_cases_6_and_8)
{
	struct file *file;

	mkfile("f", 8 * P);
	map_file(0, 6, PROT_NONE, MAP_PRIVATE, "f", 1);
	file = vma_at(pg(0))->vm_file;
	protect(0, 2, PROT_READ);
	protect(4, 2, PROT_READ);
	EXPECT_MAPS("40000000-40002000 r--p 1000 f;40002000-40004000 ---p 3000 f;40004000-40006000 r--p 5000 f");
	cr_assert_eq(file->f_count, 3);
	cr_assert_eq(file->f_inode->i_mapping->i_mmap_count, 3UL);
	EXPECT_MAP_COUNT(3);
	watch();
	protect(2, 2, PROT_READ);
	EXPECT_MERGE(6);
	EXPECT_MAPS("40000000-40006000 r--p 1000 f");
	cr_assert_eq(file->f_count, 1);
	cr_assert_eq(file->f_inode->i_mapping->i_mmap_count, 1UL);
	protect(0, 2, PROT_NONE);
	EXPECT_MAPS("40000000-40002000 ---p 1000 f;40002000-40006000 r--p 3000 f");
	watch();
	protect(0, 2, PROT_READ);
	EXPECT_MERGE(8);
	EXPECT_MAPS("40000000-40006000 r--p 1000 f");
	EXPECT_MAP_COUNT(1);
}

/* ---- merges refused ------------------------------------------------------------ */

/* AABB, B r-- next to A rw-: flags differ */
Test(vma_merge, different_flags_do_not_merge)
{
	map(0, 2, RW);
	watch();
	map(2, 2, PROT_READ);
	map(4, 2, RW | PROT_EXEC);
	map(6, 2, RW | PROT_EXEC);	/* same as the one before: merges */
	EXPECT_MAPS("40000000-40002000 rw-p 0;40002000-40004000 r--p 0;40004000-40008000 rwxp 0");
	EXPECT_MAP_COUNT(3);
	cr_assert_eq(merges, 1);
}

/*
 * AABBCC: A mapped r--, B mapped rw- (VM_ACCOUNT), C mapped r--. B made
 * r-- keeps VM_ACCOUNT (mprotect_fixup cannot give the commit back), so
 * A, B and C all show r--p but stay three VMAs. A made rw- is charged and
 * gets VM_ACCOUNT; made r-- again it keeps it, and now equals B: case 8.
 */
Test(vma_merge, vm_account_keeps_equal_protections_apart)
{
	map(0, 2, PROT_READ);
	map(2, 2, RW);
	watch();
	protect(2, 2, PROT_READ);
	map(4, 2, PROT_READ);
	EXPECT_NO_MERGE();
	EXPECT_MAPS("40000000-40002000 r--p 0;40002000-40004000 r--p 0;40004000-40006000 r--p 0");
	cr_assert_eq(vma_at(pg(0))->vm_flags, VM_READ | VM_MAY);
	cr_assert_eq(vma_at(pg(2))->vm_flags, VM_READ | VM_MAY | VM_ACCOUNT);
	cr_assert_eq(vma_at(pg(4))->vm_flags, VM_READ | VM_MAY);
	cr_assert_eq(m->vm_committed_space, 2UL);
	EXPECT_MAP_COUNT(3);
	protect(0, 2, RW);
	EXPECT_NO_MERGE();
	cr_assert_eq(m->vm_committed_space, 4UL);
	watch();
	protect(0, 2, PROT_READ);
	EXPECT_MERGE(8);
	EXPECT_MAPS("40000000-40004000 r--p 0;40004000-40006000 r--p 0");
	cr_assert_eq(vma_at(pg(0))->vm_flags, VM_READ | VM_MAY | VM_ACCOUNT);
	cr_assert_eq(m->vm_committed_space, 4UL);
	EXPECT_MAP_COUNT(2);
}

/* FG: f at offset 0, g at offset 0x1000: different files */
Test(vma_merge, different_files_do_not_merge)
{
	mkfile("f", 4 * P);
	mkfile("g", 4 * P);
	map_file(0, 1, PROT_READ, MAP_PRIVATE, "f", 0);
	watch();
	map_file(1, 1, PROT_READ, MAP_PRIVATE, "g", 1);
	EXPECT_NO_MERGE();
	EXPECT_MAPS("40000000-40001000 r--p 0 f;40001000-40002000 r--p 1000 g");
	EXPECT_MAP_COUNT(2);
}

/*
 * FFGG: f twice, offsets continuous, but two opens: vma_merge compares
 * the struct file. mprotect to the same flags cannot join them either.
 */
Test(vma_merge, separate_opens_of_one_file_do_not_merge)
{
	mkfile("f", 4 * P);
	map_file(0, 2, PROT_NONE, MAP_PRIVATE, "f", 0);
	map_file(2, 2, PROT_READ, MAP_PRIVATE, "f", 2);
	watch();
	protect(0, 2, PROT_READ);
	EXPECT_NO_MERGE();
	EXPECT_MAPS("40000000-40002000 r--p 0 f;40002000-40004000 r--p 2000 f");
	EXPECT_MAP_COUNT(2);
}

/*
 * One open of f, pages 0..2 at FFF; unmap the middle: F.H (offsets 0, 2).
 * mremap H next to F: the struct file and flags agree, but F ends at
 * offset 1 and H starts at 2 (can_vma_merge_after: vm_pgoff + pages !=
 * pgoff): FH stay two VMAs.
 */
Test(vma_merge, discontinuous_file_offsets_do_not_merge)
{
	mkfile("f", 4 * P);
	map_file(0, 3, PROT_READ, MAP_PRIVATE, "f", 0);
	cr_assert_eq(t_munmap(pg(1), P), 0);
	watch();
	cr_assert_eq(t_mremap(pg(2), P, P, MREMAP_MAYMOVE | MREMAP_FIXED, pg(1)), (long)pg(1));
	EXPECT_NO_MERGE();
	EXPECT_MAPS("40000000-40001000 r--p 0 f;40001000-40002000 r--p 2000 f");
	cr_assert_eq(vma_at(pg(0))->vm_file, vma_at(pg(1))->vm_file);
	EXPECT_MAP_COUNT(2);
}

/*
 * FFAA: file f r-- and anonymous r-- memory with equal flags: the file
 * differs (NULL), whether A is mapped there or made r-- by mprotect.
 */
Test(vma_merge, file_mapping_next_to_anonymous_memory_does_not_merge)
{
	mkfile("f", 4 * P);
	map_file(2, 2, PROT_READ, MAP_PRIVATE, "f", 0);
	watch();
	map(0, 2, PROT_READ);
	map(4, 2, PROT_NONE);
	protect(4, 2, PROT_READ);
	EXPECT_NO_MERGE();
	EXPECT_MAPS("40000000-40002000 r--p 0;40002000-40004000 r--p 0 f;40004000-40006000 r--p 0");
	cr_assert_eq(vma_at(pg(0))->vm_flags, vma_at(pg(2))->vm_flags);
	EXPECT_MAP_COUNT(3);
}

/* AB: two shared anonymous mappings, each with its own shmem file */
Test(vma_merge, shared_anonymous_mappings_do_not_merge)
{
	watch();
	cr_assert_eq(t_mmap(pg(0), 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)pg(0));
	cr_assert_eq(t_mmap(pg(2), 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), (long)pg(2));
	EXPECT_NO_MERGE();
	EXPECT_MAP_COUNT(2);
}

/* ---- every allocation failure leaves the machine unchanged ---------------- */

static long op_mprotect_middle(void)
{
	return t_mprotect(pg(1), 2 * P, PROT_READ);
}

/* before: AAAA   after: ABBA */
Test(vma_merge, mprotect_split_survives_every_allocation_failure)
{
	map(0, 4, RW);
	cr_assert_eq(failslab_sweep(op_mprotect_middle, -ENOMEM), 0L);
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 r--p 0;40003000-40004000 rw-p 0");
}

static long op_mprotect_case4(void)
{
	return t_mprotect(pg(2), 2 * P, PROT_NONE);
}

/* before: PPPPNN   after: PPNNNN */
Test(vma_merge, mprotect_merge_survives_every_allocation_failure)
{
	map(0, 4, PROT_READ);
	map(4, 2, PROT_NONE);
	cr_assert_eq(failslab_sweep(op_mprotect_case4, -ENOMEM), 0L);
	EXPECT_MAPS("40000000-40002000 r--p 0;40002000-40006000 ---p 0");
}

static long op_mmap_case1(void)
{
	return t_mmap(pg(2), 2 * P, RW, ANON_FIXED);
}

/* before: PP..NN   after: PPPPPP */
Test(vma_merge, mmap_merge_survives_every_allocation_failure)
{
	map(0, 2, RW);
	map(4, 2, RW);
	cr_assert_eq(failslab_sweep(op_mmap_case1, -ENOMEM), (long)pg(2));
	EXPECT_MAPS("40000000-40006000 rw-p 0");
}
