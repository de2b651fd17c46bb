/*
 * test_find_vma.c - Criterion tests for the lookups of vmcore/mmap.c:
 * find_vma (the first VMA with vm_end > addr, remembered in mmap_cache),
 * find_vma_prev (and the VMA before it), find_vma_intersection; then a
 * long random run of fixed mmaps, munmaps, mprotects and kernel-placed
 * mmaps checked page by page against a shadow model after every call.
 * Expected values are Linux 2.6's (mm/mmap.c, include/linux/mm.h).
 *
 * Pictures: one character per page from 40000000, '.' for a page no VMA
 * maps, one letter per VMA.
 */
#include <stdint.h>
#include "vmtest.h"

#define P	PAGE_SIZE
#define BASE	TASK_UNMAPPED_BASE

TestSuite(find_vma, .init = vm_setup, .fini = vm_teardown);

static unsigned long pg(unsigned long n)
{
	return BASE + n * P;
}

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

/*
 * layout - from 40000000:  AA..BB..C   (A r--, B rw-, C r--)
 * and *a, *b, *c set to the three VMAs.
 */
static void layout(struct vm_area_struct **a, struct vm_area_struct **b,
		   struct vm_area_struct **c)
{
	cr_assert_eq(t_mmap(pg(0), 2 * P, PROT_READ, ANON_FIXED), (long)pg(0));
	cr_assert_eq(t_mmap(pg(4), 2 * P, RW, ANON_FIXED), (long)pg(4));
	cr_assert_eq(t_mmap(pg(8), P, PROT_READ, ANON_FIXED), (long)pg(8));
	EXPECT_MAPS("40000000-40002000 r--p 0;40004000-40006000 rw-p 0;40008000-40009000 r--p 0");
	*a = vma_at(pg(0));
	*b = vma_at(pg(4));
	*c = vma_at(pg(8));
}

/* ---- find_vma ----------------------------------------------------------------- */

/* AA..BB..C: an address inside a VMA finds it, first page, last byte, middle */
Test(find_vma, address_inside_a_vma_finds_it)
{
	struct vm_area_struct *a, *b, *c;

	layout(&a, &b, &c);
	cr_assert_eq(find_vma(cur_mm(), pg(0)), a);
	cr_assert_eq(find_vma(cur_mm(), pg(2) - 1), a);
	cr_assert_eq(find_vma(cur_mm(), pg(5) + 0x123), b);
	cr_assert_eq(find_vma(cur_mm(), pg(8)), c);
	cr_assert_eq(find_vma(cur_mm(), pg(9) - 1), c);
	CHECK_VALID();
}

/* AA..BB..C: an address in a gap, or below everything, finds the VMA after it */
Test(find_vma, address_in_a_gap_finds_the_next_vma)
{
	struct vm_area_struct *a, *b, *c;

	layout(&a, &b, &c);
	cr_assert_eq(find_vma(cur_mm(), 0), a);
	cr_assert_eq(find_vma(cur_mm(), pg(0) - 1), a);
	cr_assert_eq(find_vma(cur_mm(), pg(2)), b, "vm_end is not inside: the next VMA");
	cr_assert_eq(find_vma(cur_mm(), pg(3) + 5), b);
	cr_assert_eq(find_vma(cur_mm(), pg(6)), c);
	cr_assert_eq(find_vma(cur_mm(), pg(8) - 1), c);
	CHECK_VALID();
}

/* AA..BB..C: past C's vm_end nothing is found, and mmap_cache stays as it was */
Test(find_vma, address_past_the_last_vma_finds_nothing)
{
	struct vm_area_struct *a, *b, *c;

	layout(&a, &b, &c);
	cr_assert_eq(find_vma(cur_mm(), pg(4)), b);
	cr_assert_null(find_vma(cur_mm(), pg(9)));
	cr_assert_null(find_vma(cur_mm(), TASK_SIZE - 1));
	cr_assert_null(find_vma(cur_mm(), 0xffffffffUL));
	cr_assert_eq(cur_mm()->mmap_cache, b, "a miss does not touch mmap_cache");
	CHECK_VALID();
}

Test(find_vma, empty_address_space_finds_nothing)
{
	cr_assert_null(find_vma(cur_mm(), 0));
	cr_assert_null(find_vma(cur_mm(), BASE));
	cr_assert_null(cur_mm()->mmap_cache);
}

/* "if (vma) mm->mmap_cache = vma;" - a hit inside or a gap lookup both set it */
Test(find_vma, result_is_remembered_in_mmap_cache)
{
	struct vm_area_struct *a, *b, *c;

	layout(&a, &b, &c);
	cr_assert_eq(find_vma(cur_mm(), pg(1)), a);
	cr_assert_eq(cur_mm()->mmap_cache, a);
	cr_assert_eq(find_vma(cur_mm(), pg(7)), c);
	cr_assert_eq(cur_mm()->mmap_cache, c);
	cr_assert_eq(find_vma(cur_mm(), pg(5)), b);
	cr_assert_eq(cur_mm()->mmap_cache, b);
	CHECK_VALID();
}

/*
 * The cache answers only when addr is inside it (vm_start <= addr <
 * vm_end): with C cached, an address in A (below C, so C's vm_end > addr
 * too) still finds A.
 */
Test(find_vma, cached_vma_answers_only_for_addresses_inside_it)
{
	struct vm_area_struct *a, *b, *c;

	layout(&a, &b, &c);
	cr_assert_eq(find_vma(cur_mm(), pg(8)), c);
	cr_assert_eq(find_vma(cur_mm(), pg(0)), a);
	cr_assert_eq(find_vma(cur_mm(), pg(8)), c);
	cr_assert_eq(find_vma(cur_mm(), pg(3)), b);
	CHECK_VALID();
}

/* ---- find_vma_prev -------------------------------------------------------------- */

/* AA..BB..C: below the first VMA, and inside it: the first VMA, no prev */
Test(find_vma, prev_of_the_first_vma_is_null)
{
	struct vm_area_struct *a, *b, *c, *prev = (void *)1;

	layout(&a, &b, &c);
	cr_assert_eq(find_vma_prev(cur_mm(), 0x10000000, &prev), a);
	cr_assert_null(prev);
	prev = (void *)1;
	cr_assert_eq(find_vma_prev(cur_mm(), pg(0), &prev), a);
	cr_assert_null(prev);
	prev = (void *)1;
	cr_assert_eq(find_vma_prev(cur_mm(), pg(1) + 0x800, &prev), a);
	cr_assert_null(prev);
}

/* AA..BB..C: in a gap, at a vm_end, or inside a later VMA: prev is the one before */
Test(find_vma, prev_in_a_gap_or_a_later_vma_is_the_vma_before)
{
	struct vm_area_struct *a, *b, *c, *prev = NULL;

	layout(&a, &b, &c);
	cr_assert_eq(find_vma_prev(cur_mm(), pg(2), &prev), b);
	cr_assert_eq(prev, a);
	cr_assert_eq(find_vma_prev(cur_mm(), pg(3), &prev), b);
	cr_assert_eq(prev, a);
	cr_assert_eq(find_vma_prev(cur_mm(), pg(4), &prev), b);
	cr_assert_eq(prev, a);
	cr_assert_eq(find_vma_prev(cur_mm(), pg(7), &prev), c);
	cr_assert_eq(prev, b);
	cr_assert_eq(find_vma_prev(cur_mm(), pg(8), &prev), c);
	cr_assert_eq(prev, b);
}

/* AA..BB..C: past the end nothing is found, and prev is the last VMA */
Test(find_vma, prev_past_the_end_is_the_last_vma)
{
	struct vm_area_struct *a, *b, *c, *prev = NULL;

	layout(&a, &b, &c);
	cr_assert_null(find_vma_prev(cur_mm(), pg(9), &prev));
	cr_assert_eq(prev, c);
	prev = NULL;
	cr_assert_null(find_vma_prev(cur_mm(), TASK_SIZE - 1, &prev));
	cr_assert_eq(prev, c);
}

Test(find_vma, prev_on_an_empty_address_space_is_null)
{
	struct vm_area_struct *prev = (void *)1;

	cr_assert_null(find_vma_prev(cur_mm(), BASE, &prev));
	cr_assert_null(prev);
}

/* ---- find_vma_intersection --------------------------------------------------------- */

/* AA..BB..C */
Test(find_vma, intersection_finds_a_vma_overlapping_the_range)
{
	struct vm_area_struct *a, *b, *c;

	layout(&a, &b, &c);
	cr_assert_eq(find_vma_intersection(cur_mm(), pg(1), pg(3)), a, "starts inside A");
	cr_assert_eq(find_vma_intersection(cur_mm(), 0, pg(1)), a, "ends inside A");
	cr_assert_eq(find_vma_intersection(cur_mm(), 0, pg(9)), a, "covers all: the first");
	cr_assert_eq(find_vma_intersection(cur_mm(), pg(3), pg(4) + 1), b, "one byte of B");
	cr_assert_eq(find_vma_intersection(cur_mm(), pg(2), pg(9)), b);
	cr_assert_eq(find_vma_intersection(cur_mm(), pg(6), pg(10)), c);
}

/* AA..BB..C: ranges in gaps, ending at a vm_start, or past the end */
Test(find_vma, intersection_of_a_free_range_is_null)
{
	struct vm_area_struct *a, *b, *c;

	layout(&a, &b, &c);
	cr_assert_null(find_vma_intersection(cur_mm(), pg(2), pg(4)), "the whole gap, end == B's start");
	cr_assert_null(find_vma_intersection(cur_mm(), pg(6), pg(7)));
	cr_assert_null(find_vma_intersection(cur_mm(), 0x10000000, pg(0)), "end == A's start");
	cr_assert_null(find_vma_intersection(cur_mm(), pg(9), TASK_SIZE));
}

/*
 * ABABAB... 2000 VMAs without gaps, then every other one unmapped: find_vma
 * of every page boundary (and in between) agrees with a walk of the list.
 */
Test(find_vma, agrees_with_a_list_walk_over_many_vmas)
{
	unsigned long i, addr;
	struct vm_area_struct *v, *want;

	for (i = 0; i < 2000; i++)
		cr_assert_eq(t_mmap(pg(i), P, i % 2 ? RW : PROT_READ, ANON_FIXED), (long)pg(i));
	cr_assert_eq(cur_mm()->map_count, 2000);
	for (i = 0; i < 2000; i += 4)
		cr_assert_eq(t_munmap(pg(i), P), 0);
	cr_assert_eq(cur_mm()->map_count, 1500);
	for (addr = BASE - P; addr < pg(2001); addr += P / 2) {
		for (want = cur_mm()->mmap; want && want->vm_end <= addr; want = want->vm_next)
			;
		v = find_vma(cur_mm(), addr);
		if (v != want)
			cr_assert_fail("find_vma(%#lx) is %p, the list says %p", addr, (void *)v, (void *)want);
	}
	CHECK_VALID();
}

/* ---- a random run against a shadow model ------------------------------------------- */

/*
 * The shadow: one byte per page from 40000000, 0 for unmapped, else 1 +
 * the page's PROT bits. Fixed mmaps, mprotects and most munmaps fall in a
 * 64 MiB window; kernel-placed mmaps may spill a little above it. Past the
 * shadow nothing is ever mapped.
 */
#define WINDOW_PAGES	16384				/* 64 MiB */
#define SHADOW_PAGES	(WINDOW_PAGES + 256)
#define RANDOM_STEPS	6000

static unsigned char shadow[SHADOW_PAGES];
static uint32_t rng_state;
static int step;

/* CHECK - fail with the step number only when cond is false (cheap in loops) */
#define CHECK(cond, fmt, ...) do { \
	if (!(cond)) \
		cr_assert_fail("step %d: " fmt, step, ##__VA_ARGS__); \
} while (0)

/* xorshift32, fixed seed: every run is the same */
static uint32_t rnd32(void)
{
	uint32_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

static unsigned long rnd(unsigned long n)
{
	return rnd32() % n;
}

static void shadow_set(unsigned long first, unsigned long n, unsigned char val)
{
	memset(shadow + first, val, n);
}

/* pages [first, first + n) all free (pages past the shadow are) */
static int shadow_free(unsigned long first, unsigned long n)
{
	unsigned long i;

	for (i = first; i < first + n && i < SHADOW_PAGES; i++)
		if (shadow[i])
			return 0;
	return 1;
}

static int shadow_mapped(unsigned long first, unsigned long n)
{
	unsigned long i;

	for (i = first; i < first + n; i++)
		if (!shadow[i])
			return 0;
	return 1;
}

/* shadow_first_fit - the lowest page from 40000000 starting n free pages */
static unsigned long shadow_first_fit(unsigned long n)
{
	unsigned long i, run = 0;

	for (i = 0; i < SHADOW_PAGES; i++) {
		run = shadow[i] ? 0 : run + 1;
		if (run == n)
			return i + 1 - n;
	}
	return SHADOW_PAGES - run;
}

/*
 * shadow_compare - the VMA list against the shadow: every VMA inside the
 * shadow with its pages' protection, pgoff = vm_start >> PAGE_SHIFT (private
 * anonymous memory), the same number of mapped pages, and no two touching
 * VMAs with equal flags: with never-faulted private anonymous memory and
 * continuous pgoffs, vma_merge joins every such pair as it forms.
 */
static void shadow_compare(void)
{
	const struct vm_area_struct *v, *prev = NULL;
	unsigned long mapped = 0, i;

	for (v = cur_mm()->mmap; v; prev = v, v = v->vm_next) {
		unsigned long first = (v->vm_start - BASE) >> PAGE_SHIFT;

		CHECK(v->vm_start >= BASE && v->vm_end <= pg(SHADOW_PAGES),
		      "VMA %08lx-%08lx outside the shadow", v->vm_start, v->vm_end);
		CHECK(v->vm_pgoff == v->vm_start >> PAGE_SHIFT, "VMA %08lx: pgoff %#x",
		      v->vm_start, (unsigned)v->vm_pgoff);
		CHECK(!prev || prev->vm_end != v->vm_start || prev->vm_flags != v->vm_flags,
		      "%08lx-%08lx and %08lx-%08lx have equal flags %#x but were not merged",
		      prev->vm_start, prev->vm_end, v->vm_start, v->vm_end, (unsigned)v->vm_flags);
		for (i = first; i < first + vma_pages(v); i++)
			CHECK(shadow[i] == 1 + (v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)),
			      "page %08lx: VMA %08lx-%08lx has prot %u, the shadow %d", pg(i),
			      v->vm_start, v->vm_end, (unsigned)(v->vm_flags & 7), shadow[i] - 1);
		mapped += vma_pages(v);
	}
	for (i = 0; i < SHADOW_PAGES; i++)
		mapped -= !!shadow[i];
	CHECK(mapped == 0, "the VMAs and the shadow map different numbers of pages");
}

/* random_range - first page in [0, limit) and a length of 1..maxlen pages clipped to limit */
static void random_range(unsigned long limit, unsigned long maxlen, unsigned long *first,
			 unsigned long *n)
{
	*first = rnd(limit);
	*n = 1 + rnd(maxlen);
	if (*first + *n > limit)
		*n = limit - *first;
}

static void op_fixed_mmap(void)
{
	unsigned long first, n, prot = rnd(8);

	random_range(WINDOW_PAGES, 64, &first, &n);
	CHECK(t_mmap(pg(first), n * P, prot, ANON_FIXED) == (long)pg(first),
	      "mmap fixed %08lx +%lu pages: %s", pg(first), n, m->errmsg);
	shadow_set(first, n, (unsigned char)(1 + prot));
}

static void op_munmap(void)
{
	unsigned long first, n;

	random_range(SHADOW_PAGES, 128, &first, &n);
	CHECK(t_munmap(pg(first), n * P) == 0, "munmap %08lx +%lu pages: %s", pg(first), n, m->errmsg);
	shadow_set(first, n, 0);
}

/* clip_to_mapped - move first up to a mapped page and cut n where that run of mapped pages ends */
static void clip_to_mapped(unsigned long *first, unsigned long *n)
{
	unsigned long i = *first, k;

	while (i < SHADOW_PAGES && !shadow[i])
		i++;
	if (i == SHADOW_PAGES)
		return;
	for (k = 0; k < *n && i + k < SHADOW_PAGES && shadow[i + k]; k++)
		;
	*first = i;
	*n = k;
}

/*
 * mostly a mapped range; one with a hole fails with ENOMEM after changing
 * the pages before the hole, as Linux's sys_mprotect does
 */
static void op_mprotect(void)
{
	unsigned long first, n, done, prot = rnd(8);

	random_range(SHADOW_PAGES, 64, &first, &n);
	if (rnd(4))
		clip_to_mapped(&first, &n);
	if (!shadow_mapped(first, n)) {
		for (done = 0; done < n && first + done < SHADOW_PAGES && shadow[first + done]; done++)
			;
		CHECK(t_mprotect(pg(first), n * P, prot) == -ENOMEM,
		      "mprotect %08lx +%lu pages over a hole", pg(first), n);
		shadow_set(first, done, (unsigned char)(1 + prot));
		return;
	}
	CHECK(t_mprotect(pg(first), n * P, prot) == 0, "mprotect %08lx +%lu pages: %s",
	      pg(first), n, m->errmsg);
	shadow_set(first, n, (unsigned char)(1 + prot));
}

/* mmap without an address: the lowest gap of n pages at or above 40000000 */
static void op_mmap_anywhere(void)
{
	unsigned long n = 1 + rnd(32), prot = rnd(8), want = shadow_first_fit(n);
	long r;

	if (want + n > SHADOW_PAGES)
		return;		/* it would leave the shadow */
	r = t_mmap(0, n * P, prot, ANON_PRIVATE);
	CHECK(r == (long)pg(want), "mmap of %lu pages at %#lx, the lowest gap is %08lx", n, r, pg(want));
	shadow_set(want, n, (unsigned char)(1 + prot));
}

/* mmap with a hint (maybe unaligned: rounded up): taken when free, else first fit */
static void op_mmap_hint(void)
{
	unsigned long n = 1 + rnd(32), prot = rnd(8), h = rnd(SHADOW_PAGES);
	unsigned long off = rnd(2) ? 0 : 1 + rnd(P - 1), want;
	long r;

	if (h + !!off + n > SHADOW_PAGES)
		return;
	want = shadow_free(h + !!off, n) ? h + !!off : shadow_first_fit(n);
	if (want + n > SHADOW_PAGES)
		return;
	r = t_mmap(pg(h) + off, n * P, prot, ANON_PRIVATE);
	CHECK(r == (long)pg(want), "mmap of %lu pages, hint %08lx: %#lx, expected %08lx",
	      n, pg(h) + off, r, pg(want));
	shadow_set(want, n, (unsigned char)(1 + prot));
}

/*
 * Thousands of random calls on pages of a 64 MiB window, each followed by
 * validate_machine (the t_* wrappers) and a comparison with the shadow.
 */
Test(find_vma, random_mmap_munmap_mprotect_match_a_shadow_model, .timeout = 300)
{
	int max_vmas = 0, r;

	rng_state = 0x2545f491u;
	memset(shadow, 0, sizeof(shadow));
	for (step = 0; step < RANDOM_STEPS; step++) {
		r = (int)rnd(100);
		if (r < 30)
			op_fixed_mmap();
		else if (r < 55)
			op_munmap();
		else if (r < 85)
			op_mprotect();
		else if (r < 95)
			op_mmap_anywhere();
		else
			op_mmap_hint();
		shadow_compare();
		if (cur_mm()->map_count > max_vmas)
			max_vmas = cur_mm()->map_count;
		if (step % 64 == 0) {
			unsigned long addr = pg(rnd(SHADOW_PAGES));
			struct vm_area_struct *v = find_vma(cur_mm(), addr), *want;

			for (want = cur_mm()->mmap; want && want->vm_end <= addr; want = want->vm_next)
				;
			CHECK(v == want, "find_vma(%08lx) disagrees with the list", addr);
		}
	}
	cr_assert_gt(max_vmas, 100, "the run should build a busy address space (max %d VMAs)", max_vmas);
}
