/*
 * test_page_alloc.c - Criterion tests for vmcore/page_alloc.c: the frames
 * of the machine, the reserved zero page, reference counts, reuse of freed
 * frames, contents allocated only once written, page cache pages reading
 * as their file's bytes, and running out of frames.
 *
 * Pictures: one cell per frame, from pfn 0: Z the zero page, D a page
 * directory, a letter for a frame the test allocated, '.' a free frame.
 */
#include "vmtest_mem.h"

TestSuite(page_alloc, .init = vm_setup, .fini = vm_teardown);
TestSuite(page_alloc_small, .init = vm_setup_small, .fini = vm_teardown);

/*
 * frames: Z D . . .
 * pfn 0 is empty_zero_page (reserved, one reference of its own), pfn 1
 * holds init's page directory; everything else is free.
 */
Test(page_alloc, machine_starts_with_the_zero_page_and_inits_page_directory)
{
	struct page *z = zero_page(m);

	cr_assert_eq(page_to_pfn(m, z), 0);
	cr_assert(z->flags & PG_reserved);
	cr_assert_eq(z->_count, 1);
	cr_assert_eq(page_mapcount(z), 0);
	cr_assert_eq(cur_mm()->pgd_pfn, 1);
	cr_assert(pfn_to_page(m, 1)->flags & PG_pgtable);
	cr_assert_eq(frames_used(), 2);
	cr_assert_eq(m->pgdat.nr_pages, (256UL << 20) >> PAGE_SHIFT);
	cr_assert_eq(m->totalram_pages, m->pgdat.nr_pages);
}

/*
 * frames: Z D a b
 * Frames never used are handed out in order, each with one reference,
 * no mapping, and contents that read as zeros without being allocated.
 */
Test(page_alloc, alloc_page_hands_out_unused_frames_in_order_zeroed)
{
	struct page *a = alloc_page(m), *b = alloc_page(m);
	unsigned char buf[PAGE_SIZE];
	unsigned long i;

	cr_assert(a && b);
	cr_assert_eq(page_to_pfn(m, a), 2);
	cr_assert_eq(page_to_pfn(m, b), 3);
	cr_assert_eq(a->_count, 1);
	cr_assert_eq(a->_mapcount, -1);
	cr_assert_null(a->mapping);
	cr_assert(a->flags & PG_used);
	cr_assert_null(page_virtual(a), "contents exist only once written");
	memset(buf, 0xff, sizeof(buf));
	page_read(a, 0, buf, PAGE_SIZE);
	for (i = 0; i < PAGE_SIZE && !buf[i]; i++)
		;
	cr_assert_eq(i, PAGE_SIZE, "a new frame reads as zeros");
	cr_assert_eq(frames_used(), 4);
	__free_page(m, a);
	__free_page(m, b);
	cr_assert_eq(frames_used(), 2);
	CHECK_VALID();
}

/*
 * frames: Z D a b   free a, then b   Z D . .   alloc, alloc: b then a
 * Frames given back are reused first, the last one freed first.
 */
Test(page_alloc, freed_frames_are_reused_last_freed_first)
{
	struct page *a = alloc_page(m), *b = alloc_page(m), *c = alloc_page(m);
	unsigned long pa = page_to_pfn(m, a), pb = page_to_pfn(m, b);

	__free_page(m, a);
	__free_page(m, b);
	cr_assert_eq(page_to_pfn(m, alloc_page(m)), pb);
	cr_assert_eq(page_to_pfn(m, alloc_page(m)), pa);
	cr_assert_eq(page_to_pfn(m, alloc_page(m)), page_to_pfn(m, c) + 1,
		     "with nothing freed left, the next unused frame");
	__free_page(m, pfn_to_page(m, pa));
	__free_page(m, pfn_to_page(m, pb));
	__free_page(m, c);
	__free_page(m, pfn_to_page(m, page_to_pfn(m, c) + 1));
	cr_assert_eq(frames_used(), 2);
	CHECK_VALID();
}

/* get_page/put_page: the frame is freed by the put that drops the last reference */
Test(page_alloc, put_page_frees_the_frame_on_its_last_reference)
{
	struct page *a = alloc_page(m);

	get_page(a);
	cr_assert_eq(a->_count, 2);
	put_page(m, a);
	cr_assert_eq(a->_count, 1);
	cr_assert(a->flags & PG_used);
	cr_assert_eq(frames_used(), 3);
	put_page(m, a);
	cr_assert_eq(a->_count, 0);
	cr_assert_not(a->flags & PG_used);
	cr_assert_eq(frames_used(), 2);
	CHECK_VALID();
}

/* page_address allocates the 4 KiB once; freeing the frame frees them */
Test(page_alloc, contents_are_allocated_on_first_write_and_freed_with_the_frame)
{
	struct page *a = alloc_page(m);
	unsigned long written = m->pgdat.nr_written;
	uint8_t *p = page_address(m, a), c;

	cr_assert(p);
	cr_assert_eq(m->pgdat.nr_written, written + 1);
	cr_assert_eq(page_address(m, a), p, "the same contents the second time");
	cr_assert_eq(m->pgdat.nr_written, written + 1);
	p[100] = 'x';
	page_read(a, 100, &c, 1);
	cr_assert_eq(c, 'x');
	__free_page(m, a);
	cr_assert_null(page_virtual(a));
	cr_assert_eq(m->pgdat.nr_written, written);
	CHECK_VALID();
}

/* page_address fails (NULL) when the contents cannot be allocated; nothing changes */
Test(page_alloc, page_address_failing_allocation_returns_null)
{
	struct page *a = alloc_page(m);
	unsigned long written = m->pgdat.nr_written;

	failslab_set(1);
	cr_assert_null(page_address(m, a));
	failslab_set(0);
	cr_assert_null(page_virtual(a));
	cr_assert_eq(m->pgdat.nr_written, written);
	__free_page(m, a);
	CHECK_VALID();
}

/*
 * file f, 5000 bytes: page 0 "AAAA...", page 1 "BBB" for 904 bytes then
 * zeros. A page cache page reads as its file's bytes until written, and
 * page_address starts from them.
 */
Test(page_alloc, page_cache_page_reads_as_its_file_bytes_until_written)
{
	struct address_space *mapping;
	struct page *a = alloc_page(m);
	char buf[PAGE_SIZE];
	uint8_t *p;

	mkfile("f", 5000);
	mapping = inode_of("f")->i_mapping;
	cr_assert_eq(add_to_page_cache(m, a, mapping, 1), 0);
	put_page(m, a);			/* the cache holds it now */
	CHECK_VALID();
	page_read(a, 0, buf, PAGE_SIZE);
	cr_assert_eq(buf[0], 'B');
	cr_assert_eq(buf[5000 - PAGE_SIZE - 1], 'B');
	cr_assert_eq(buf[5000 - PAGE_SIZE], 0, "past the end of the file: zeros");
	cr_assert_eq(buf[PAGE_SIZE - 1], 0);
	p = page_address(m, a);
	cr_assert(p);
	cr_assert_eq(p[0], 'B');
	cr_assert_eq(p[5000 - PAGE_SIZE], 0);
	CHECK_VALID();
}

/* the zero page is frame 0 and pfn_to_page knows only the machine's frames */
Test(page_alloc, pfn_to_page_refuses_a_frame_past_the_last)
{
	cr_assert_eq(pfn_to_page(m, 0), zero_page(m));
	cr_assert_not_null(pfn_to_page(m, m->pgdat.nr_pages - 1));
	cr_assert_null(pfn_to_page(m, m->pgdat.nr_pages));
}

/*
 * 256 frames: Z D then 254 free ones. alloc_page gives all 254 and then
 * NULL, changing nothing; one frame given back can be had again.
 */
Test(page_alloc_small, alloc_page_returns_null_when_every_frame_is_used)
{
	static struct page *got[256];
	unsigned long n = 0;
	struct page *p;

	while ((p = alloc_page(m)) != NULL) {
		cr_assert_lt(n, 256);
		got[n++] = p;
	}
	cr_assert_eq(n, 254);
	cr_assert_eq(m->pgdat.nr_free, 0);
	cr_assert_null(alloc_page(m), "still none");
	cr_assert_eq(m->pgdat.nr_free, 0);
	__free_page(m, got[100]);
	cr_assert_eq(alloc_page(m), got[100]);
	while (n)
		__free_page(m, got[--n]);
	cr_assert_eq(frames_used(), 2);
	CHECK_VALID();
}

/* machine_create: memory is whole frames, at least 16 of them */
Test(page_alloc, tiny_machine_gets_at_least_sixteen_frames)
{
	struct machine *tiny = machine_create(4096);

	cr_assert(tiny);
	cr_assert_eq(tiny->pgdat.nr_pages, 16);
	cr_assert_eq(tiny->totalram_pages, 16);
	machine_destroy(tiny);
}
