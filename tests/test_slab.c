/*
 * test_slab.c - Criterion tests for vmcore/slab.c: kmem_cache objects
 * (zeroed, counted in use, freed and allocated again), kmalloc/kzalloc and
 * the live-block count used for leak checks, and failslab: the nth
 * allocation from now fails, exactly once, and failslab_count counts every
 * allocation call. The machine's own caches are checked last.
 *
 * Counts are taken relative to the start of each test: the fixture's
 * machine holds blocks of its own.
 */
#include <stdint.h>
#include "vmtest.h"

#define NOBJ	200	/* more than one slab block's worth */

struct obj {
	unsigned long a, b, c;
	char pad[40];
};

TestSuite(slab, .init = vm_setup, .fini = vm_teardown);

static int all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i])
			return 0;
	return 1;
}

/* ---- kmem_cache ---- */

Test(slab, cache_alloc_is_zeroed_and_counted)
{
	struct kmem_cache *c = kmem_cache_create("obj", sizeof(struct obj));
	struct obj *o1, *o2;

	cr_assert_not_null(c);
	cr_expect_str_eq(kmem_cache_name(c), "obj");
	cr_expect_eq(kmem_cache_inuse(c), 0);
	o1 = kmem_cache_alloc(c);
	o2 = kmem_cache_alloc(c);
	cr_assert(o1 && o2);
	cr_expect_neq(o1, o2);
	cr_expect(all_zero(o1, sizeof(*o1)));
	cr_expect(all_zero(o2, sizeof(*o2)));
	cr_expect_eq(kmem_cache_inuse(c), 2);
	kmem_cache_free(c, o1);
	cr_expect_eq(kmem_cache_inuse(c), 1);
	kmem_cache_free(c, o2);
	cr_expect_eq(kmem_cache_inuse(c), 0);
	kmem_cache_destroy(c);
}

/* a freed object's memory comes back zeroed, whatever it held */
Test(slab, cache_reuse_after_free_is_zeroed)
{
	struct kmem_cache *c = kmem_cache_create("obj", sizeof(struct obj));
	struct obj *o;
	int i;

	cr_assert_not_null(c);
	for (i = 0; i < 3; i++) {
		o = kmem_cache_alloc(c);
		cr_assert_not_null(o);
		cr_expect(all_zero(o, sizeof(*o)), "round %d: object not zeroed", i);
		memset(o, 0xa5, sizeof(*o));
		kmem_cache_free(c, o);
	}
	cr_expect_eq(kmem_cache_inuse(c), 0);
	kmem_cache_destroy(c);
}

/* many objects: all distinct, writable, aligned, counted, all freed */
Test(slab, cache_many_objects_across_blocks)
{
	struct kmem_cache *c = kmem_cache_create("obj", sizeof(struct obj));
	struct obj *o[NOBJ];
	int i, j;

	cr_assert_not_null(c);
	for (i = 0; i < NOBJ; i++) {
		o[i] = kmem_cache_alloc(c);
		cr_assert_not_null(o[i]);
		cr_expect_eq((uintptr_t)o[i] % _Alignof(unsigned long), 0);
		o[i]->a = (unsigned long)i;
		memset(o[i]->pad, i & 0xff, sizeof(o[i]->pad));
	}
	cr_expect_eq(kmem_cache_inuse(c), NOBJ);
	for (i = 0; i < NOBJ; i++) {
		cr_expect_eq(o[i]->a, (unsigned long)i, "object %d overwritten", i);
		for (j = i + 1; j < NOBJ; j += 37)
			cr_expect_neq(o[i], o[j]);
	}
	for (i = 0; i < NOBJ; i += 2)
		kmem_cache_free(c, o[i]);
	cr_expect_eq(kmem_cache_inuse(c), NOBJ / 2);
	for (i = 0; i < NOBJ; i += 2) {
		o[i] = kmem_cache_alloc(c);
		cr_assert_not_null(o[i]);
	}
	cr_expect_eq(kmem_cache_inuse(c), NOBJ);
	for (i = 0; i < NOBJ; i++)
		kmem_cache_free(c, o[i]);
	cr_expect_eq(kmem_cache_inuse(c), 0);
	kmem_cache_destroy(c);
}

/* objects smaller than a pointer still work (the free list lives in them) */
Test(slab, cache_of_tiny_objects)
{
	struct kmem_cache *c = kmem_cache_create("tiny", 1);
	unsigned char *p, *q;

	cr_assert_not_null(c);
	p = kmem_cache_alloc(c);
	q = kmem_cache_alloc(c);
	cr_assert(p && q && p != q);
	*p = 1;
	*q = 2;
	cr_expect_eq(*p, 1);
	kmem_cache_free(c, p);
	kmem_cache_free(c, q);
	kmem_cache_free(c, NULL);	/* a no-op */
	cr_expect_eq(kmem_cache_inuse(c), 0);
	kmem_cache_destroy(c);
	kmem_cache_destroy(NULL);
}

/* destroying a cache gives back every block it took */
Test(slab, cache_destroy_releases_its_blocks)
{
	unsigned long before = kmalloc_inuse();
	struct kmem_cache *c = kmem_cache_create("obj", sizeof(struct obj));
	void *o[NOBJ];
	int i;

	cr_assert_not_null(c);
	for (i = 0; i < NOBJ; i++)
		o[i] = kmem_cache_alloc(c);
	cr_expect_gt(kmalloc_inuse(), before);
	for (i = 0; i < NOBJ; i++)
		kmem_cache_free(c, o[i]);
	kmem_cache_destroy(c);
	cr_expect_eq(kmalloc_inuse(), before);
}

/* ---- kmalloc ---- */

Test(slab, kmalloc_inuse_counts_live_blocks)
{
	unsigned long before = kmalloc_inuse();
	void *a = kmalloc(10), *b = kmalloc(100), *z = kmalloc(0);

	cr_assert(a && b && z, "kmalloc(0) must return a block too");
	cr_expect_eq(kmalloc_inuse(), before + 3);
	kfree(b);
	cr_expect_eq(kmalloc_inuse(), before + 2);
	kfree(NULL);
	cr_expect_eq(kmalloc_inuse(), before + 2);
	kfree(a);
	kfree(z);
	cr_expect_eq(kmalloc_inuse(), before);
}

Test(slab, kzalloc_zeroes)
{
	unsigned char *p = kzalloc(333);

	cr_assert_not_null(p);
	cr_expect(all_zero(p, 333));
	kfree(p);
}

/* ---- failslab ---- */

/* failslab_set(3): the first two succeed, the third fails, then no more */
Test(slab, failslab_fails_exactly_the_nth_allocation)
{
	void *p[6];
	int i;

	failslab_set(3);
	for (i = 0; i < 6; i++)
		p[i] = kmalloc(16);
	cr_expect_not_null(p[0]);
	cr_expect_not_null(p[1]);
	cr_expect_null(p[2]);
	cr_expect_not_null(p[3]);
	cr_expect_not_null(p[4]);
	cr_expect_not_null(p[5]);
	for (i = 0; i < 6; i++)
		kfree(p[i]);
}

/* failslab_set(1): the very next allocation fails; a failed one holds nothing */
Test(slab, failslab_one_fails_the_next_allocation)
{
	unsigned long before = kmalloc_inuse();
	void *p, *q;

	failslab_set(1);
	p = kmalloc(8);
	q = kmalloc(8);
	cr_expect_null(p);
	cr_expect_not_null(q);
	cr_expect_eq(kmalloc_inuse(), before + 1);
	kfree(q);
}

/* kzalloc and kmem_cache_alloc go through the same counter */
Test(slab, failslab_applies_to_every_allocator)
{
	struct kmem_cache *c = kmem_cache_create("obj", sizeof(struct obj));
	void *o, *z;

	cr_assert_not_null(c);
	failslab_set(1);
	cr_expect_null(kmem_cache_alloc(c));
	cr_expect_eq(kmem_cache_inuse(c), 0);
	failslab_set(1);
	cr_expect_null(kzalloc(32));
	failslab_set(2);
	o = kmem_cache_alloc(c);
	z = kzalloc(32);
	cr_expect_not_null(o);
	cr_expect_null(z);
	kmem_cache_free(c, o);
	kmem_cache_destroy(c);
}

/* failslab_set(0) turns it off, also before the nth call came */
Test(slab, failslab_zero_disables)
{
	void *p;

	failslab_set(2);
	failslab_set(0);
	for (int i = 0; i < 4; i++) {
		p = kmalloc(8);
		cr_expect_not_null(p);
		kfree(p);
	}
}

/* failslab_count counts every call, the failed one included */
Test(slab, failslab_count_counts_calls)
{
	struct kmem_cache *c = kmem_cache_create("obj", sizeof(struct obj));
	unsigned long base = failslab_count();
	void *a, *b, *o;

	cr_assert_not_null(c);
	cr_expect_eq(failslab_count(), base);
	a = kmalloc(8);
	cr_expect_eq(failslab_count(), base + 1);
	b = kzalloc(8);
	cr_expect_eq(failslab_count(), base + 2, "kzalloc is one call");
	o = kmem_cache_alloc(c);
	cr_expect_eq(failslab_count(), base + 3);
	failslab_set(1);
	cr_expect_null(kmalloc(8));
	cr_expect_eq(failslab_count(), base + 4);
	kfree(a);
	kfree(b);
	kmem_cache_free(c, o);
	cr_expect_eq(failslab_count(), base + 4, "frees are not counted");
	kmem_cache_destroy(c);
}

/* ---- the machine's caches ---- */

/* AA.BB -> one vm_area_struct per VMA, one struct file per open */
Test(slab, machine_caches_count_vmas_and_files)
{
	size_t vmas = kmem_cache_inuse(m->vm_area_cachep);

	cr_expect_eq(vmas, 0);
	cr_expect_eq(kmem_cache_inuse(m->mm_cachep), 1);
	cr_expect_eq(kmem_cache_inuse(m->task_cachep), 1);
	cr_expect_str_eq(kmem_cache_name(m->vm_area_cachep), "vm_area_struct");
	cr_assert_eq(file_create(m, "f", 2 * PAGE_SIZE), 0);
	cr_assert_eq(t_mmap(0x40000000, 2 * PAGE_SIZE, RW, ANON_FIXED), 0x40000000);
	cr_assert_eq(t_mmap_file(0x40003000, 2 * PAGE_SIZE, RW, MAP_SHARED | MAP_FIXED, "f", 0),
		     0x40003000);
	cr_expect_eq(kmem_cache_inuse(m->vm_area_cachep), 2);
	cr_expect_eq(kmem_cache_inuse(m->file_cachep), 1);
	cr_assert_eq(t_munmap(0x40000000, 5 * PAGE_SIZE), 0);
	cr_expect_eq(kmem_cache_inuse(m->vm_area_cachep), 0);
	cr_expect_eq(kmem_cache_inuse(m->file_cachep), 0);
}

/* an mmap with its allocation failing returns ENOMEM and leaks nothing */
static long op_mmap(void)
{
	return t_mmap(0x40000000, 4 * PAGE_SIZE, RW, ANON_FIXED);
}

Test(slab, failslab_sweep_of_an_mmap)
{
	unsigned long base = failslab_count();

	cr_expect_eq(failslab_sweep(op_mmap, -ENOMEM), 0x40000000);
	cr_expect_gt(failslab_count(), base + 1, "the sweep made no failing run");
	cr_expect_eq(kmem_cache_inuse(m->vm_area_cachep), 1);
}
