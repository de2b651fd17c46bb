/*
 * test_file.c - Criterion tests for vmcore/file.c: named files (create,
 * lookup, unlink), the opens each mmap makes (struct file and its f_count),
 * i_writecount for shared writable mappings (get_write_access per open,
 * given back by the last fput), the share list i_mmap, and shared_vm as
 * 2.6's vm_stat_account counts it (every file page, private or shared).
 *
 * Pictures: one letter per page from BASE, '.' a hole; lower case for a
 * shared mapping; each letter is one open of the file.
 */
#include "vmtest.h"

#define BASE	0x40000000UL
#define PG	PAGE_SIZE

TestSuite(file, .init = vm_setup, .fini = vm_teardown);

static struct inode *make_file(const char *name, unsigned long size)
{
	cr_assert_eq(file_create(m, name, size), 0, "%s", m->errmsg);
	return file_lookup(m, name);
}

static void map_file(unsigned long addr, unsigned long pages, unsigned long prot,
		     unsigned long flags, const char *name, unsigned long off)
{
	cr_assert_eq(t_mmap_file(addr, pages * PG, prot, flags | MAP_FIXED, name, off), (long)addr);
}

static struct vm_area_struct *vma_at(unsigned long addr)
{
	struct vm_area_struct *v = find_vma(cur_mm(), addr);

	cr_assert(v && v->vm_start <= addr, "no VMA at %#lx", addr);
	return v;
}

/* ---- create, lookup, unlink ---- */

Test(file, create_then_lookup)
{
	struct inode *f = make_file("data", 64 * 1024);

	cr_assert_not_null(f);
	cr_expect_str_eq(f->i_name, "data");
	cr_expect_eq(f->i_size, 64 * 1024);
	cr_expect_eq(f->i_writecount, 0);
	cr_expect_eq(f->i_count, 1);
	cr_expect_eq(f->i_mapping, &f->i_data);
	cr_expect_eq(f->i_mapping->i_mmap_count, 0);
	cr_expect_eq(file_lookup(m, "data"), f);
}

Test(file, lookup_of_a_missing_file_is_null)
{
	make_file("a", PG);
	cr_expect_null(file_lookup(m, "b"));
	cr_expect_null(file_lookup(m, ""));
	cr_expect_null(file_lookup(m, "A"));
}

/* the machine's list stays sorted by name */
Test(file, files_are_kept_in_name_order)
{
	make_file("m", PG);
	make_file("z", PG);
	make_file("a", PG);
	cr_assert_not_null(m->files);
	cr_expect_str_eq(m->files->i_name, "a");
	cr_expect_str_eq(m->files->i_next->i_name, "m");
	cr_expect_str_eq(m->files->i_next->i_next->i_name, "z");
	cr_expect_null(m->files->i_next->i_next->i_next);
}

Test(file, create_of_a_duplicate_name_eexist)
{
	make_file("data", PG);
	EXPECT_FAILS_UNCHANGED(file_create(m, "data", 2 * PG), -EEXIST);
	cr_expect_eq(file_lookup(m, "data")->i_size, PG);
}

/* as open: an empty name is ENOENT, past 255 bytes ENAMETOOLONG; control characters EINVAL */
Test(file, create_with_a_bad_name_fails)
{
	char name[300];

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	EXPECT_FAILS_UNCHANGED(file_create(m, "", PG), -ENOENT);
	EXPECT_FAILS_UNCHANGED(file_create(m, name, PG), -ENAMETOOLONG);	/* 299 characters */
	EXPECT_FAILS_UNCHANGED(file_create(m, "a\nb", PG), -EINVAL);
	name[255] = '\0';
	cr_expect_eq(file_create(m, name, PG), 0);		/* 255 is the limit */
}

Test(file, unlink_removes_the_file)
{
	make_file("data", PG);
	cr_assert_eq(file_unlink(m, "data"), 0);
	cr_expect_null(file_lookup(m, "data"));
	CHECK_VALID();
}

Test(file, unlink_of_a_missing_file_enoent)
{
	make_file("data", PG);
	EXPECT_FAILS_UNCHANGED(file_unlink(m, "nope"), -ENOENT);
}

/* a mapped file is busy; once unmapped it may go */
Test(file, unlink_refused_while_mapped_ebusy)
{
	make_file("data", 4 * PG);
	map_file(BASE, 4, PROT_READ, MAP_PRIVATE, "data", 0);
	EXPECT_FAILS_UNCHANGED(file_unlink(m, "data"), -EBUSY);
	cr_assert_eq(t_munmap(BASE, 4 * PG), 0);
	cr_expect_eq(file_unlink(m, "data"), 0);
	cr_expect_null(file_lookup(m, "data"));
}

/* ---- opens, f_count, i_count ---- */

/*
 * aaaa    one shared mapping: one open (f_count 1), the inode held by the
 *         directory and that open (i_count 2)
 */
Test(file, each_mmap_opens_the_file_anew)
{
	struct inode *f = make_file("data", 8 * PG);

	map_file(BASE, 4, PROT_READ, MAP_PRIVATE, "data", 0);
	map_file(BASE + 4 * PG, 4, PROT_READ, MAP_PRIVATE, "data", 4 * PG);
	/* offsets meet, but two opens never merge */
	EXPECT_MAPS("40000000-40004000 r--p 0 data;40004000-40008000 r--p 4000 data");
	cr_expect_neq(vma_at(BASE)->vm_file, vma_at(BASE + 4 * PG)->vm_file);
	cr_expect_eq(vma_at(BASE)->vm_file->f_count, 1);
	cr_expect_eq(vma_at(BASE)->vm_file->f_inode, f);
	cr_expect_eq(f->i_count, 3);
	cr_expect_eq(f->i_mapping->i_mmap_count, 2);
	cr_expect_eq(kmem_cache_inuse(m->file_cachep), 2);
	cr_assert_eq(t_munmap(BASE, 8 * PG), 0);
	cr_expect_eq(f->i_count, 1);
	cr_expect_eq(kmem_cache_inuse(m->file_cachep), 0);
}

/*
 * AAAA -> ABBA (mprotect of the middle): the three pieces share one open
 * (f_count 3) and sit on the share list; munmap gives it all back.
 */
Test(file, split_vmas_share_one_open)
{
	struct inode *f = make_file("data", 4 * PG);
	struct file *filp;

	map_file(BASE, 4, RW, MAP_SHARED, "data", 0);
	filp = vma_at(BASE)->vm_file;
	cr_assert_eq(t_mprotect(BASE + PG, 2 * PG, PROT_READ), 0);
	EXPECT_MAPS("40000000-40001000 rw-s 0 data;40001000-40003000 r--s 1000 data;"
		    "40003000-40004000 rw-s 3000 data");
	cr_expect_eq(vma_at(BASE + PG)->vm_file, filp);
	cr_expect_eq(filp->f_count, 3);
	cr_expect_eq(f->i_mapping->i_mmap_count, 3);
	cr_expect_eq(f->i_writecount, 1);
	cr_assert_eq(t_munmap(BASE + PG, PG), 0);
	cr_expect_eq(filp->f_count, 3);
	cr_expect_eq(f->i_writecount, 1);
	cr_assert_eq(t_munmap(BASE, 4 * PG), 0);
	cr_expect_eq(f->i_writecount, 0);
	cr_expect_eq(f->i_mapping->i_mmap_count, 0);
	cr_expect_eq(f->i_count, 1);
}

/* ---- i_writecount ---- */

/*
 * aa.bb    two shared writable mappings: two opens for write, i_writecount 2;
 *          each munmap's last fput gives one back
 */
Test(file, shared_writable_maps_count_one_writer_per_open)
{
	struct inode *f = make_file("data", 4 * PG);

	map_file(BASE, 2, RW, MAP_SHARED, "data", 0);
	cr_expect_eq(f->i_writecount, 1);
	map_file(BASE + 3 * PG, 2, RW, MAP_SHARED, "data", 2 * PG);
	cr_expect_eq(f->i_writecount, 2);
	cr_expect_eq(vma_at(BASE)->vm_file->f_mode, FMODE_READ | FMODE_WRITE);
	cr_assert_eq(t_munmap(BASE, 2 * PG), 0);
	cr_expect_eq(f->i_writecount, 1);
	cr_assert_eq(t_munmap(BASE + 3 * PG, 2 * PG), 0);
	cr_expect_eq(f->i_writecount, 0);
}

/* read-only shared, and private (even writable) mappings open read-only */
Test(file, readonly_and_private_maps_are_not_writers)
{
	struct inode *f = make_file("data", 4 * PG);

	map_file(BASE, 1, PROT_READ, MAP_SHARED, "data", 0);
	map_file(BASE + PG, 1, RW, MAP_PRIVATE, "data", PG);
	map_file(BASE + 2 * PG, 1, PROT_READ, MAP_PRIVATE, "data", 2 * PG);
	cr_expect_eq(f->i_writecount, 0);
	cr_expect_eq(vma_at(BASE)->vm_file->f_mode, FMODE_READ);
	cr_expect_eq(vma_at(BASE + PG)->vm_file->f_mode, FMODE_READ);
	/* the shared read-only one may not become writable: VM_MAYWRITE clear */
	cr_expect_eq(vma_at(BASE)->vm_flags & VM_MAYWRITE, 0);
	EXPECT_FAILS_UNCHANGED(t_mprotect(BASE, PG, RW), -EACCES);
}

/* a file mapping replaced by MAP_FIXED gives back its open and write access */
Test(file, fixed_map_over_a_shared_mapping_releases_its_open)
{
	struct inode *f = make_file("data", 4 * PG);

	map_file(BASE, 4, RW, MAP_SHARED, "data", 0);
	cr_assert_eq(t_mmap(BASE, 4 * PG, RW, ANON_FIXED), (long)BASE);
	cr_expect_eq(f->i_writecount, 0);
	cr_expect_eq(f->i_count, 1);
	cr_expect_eq(f->i_mapping->i_mmap_count, 0);
}

/* ---- shared_vm (2.6 vm_stat_account: every file page) ---- */

Test(file, every_file_mapping_counts_in_shared_vm)
{
	make_file("data", 8 * PG);
	map_file(BASE, 2, PROT_READ, MAP_PRIVATE, "data", 0);
	cr_expect_eq(cur_mm()->shared_vm, 2);
	map_file(BASE + 4 * PG, 3, RW, MAP_SHARED, "data", 0);
	cr_expect_eq(cur_mm()->shared_vm, 5);
	cr_assert_eq(t_mmap(BASE + 8 * PG, 4 * PG, RW, ANON_FIXED), (long)(BASE + 8 * PG));
	cr_expect_eq(cur_mm()->shared_vm, 5);
	cr_assert_eq(t_munmap(BASE, 5 * PG), 0);
	cr_expect_eq(cur_mm()->shared_vm, 2);
}

/* ---- allocation failure ---- */

static long op_file_create(void)
{
	return file_create(m, "data", 4 * PG);
}

Test(file, failslab_create_leaves_machine_unchanged)
{
	make_file("b", PG);
	cr_expect_eq(failslab_sweep(op_file_create, -ENOMEM), 0);
	cr_expect_not_null(file_lookup(m, "data"));
}

static long op_map_shared(void)
{
	return t_mmap_file(BASE + PG, 2 * PG, RW, MAP_SHARED | MAP_FIXED, "data", 0);
}

/* the open, the VMA and the split of what was there, each failing in turn */
Test(file, failslab_shared_map_leaves_machine_unchanged)
{
	struct inode *f = make_file("data", 4 * PG);

	cr_assert_eq(t_mmap(BASE, 4 * PG, RW, ANON_FIXED), (long)BASE);
	cr_expect_eq(failslab_sweep(op_map_shared, -ENOMEM), (long)(BASE + PG));
	EXPECT_MAPS("40000000-40001000 rw-p 0;40001000-40003000 rw-s 0 data;40003000-40004000 rw-p 0");
	cr_expect_eq(f->i_writecount, 1);
}
