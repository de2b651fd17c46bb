/*
 * test_exec.c - Criterion tests for vmcore/exec.c and sys_brk/do_brk of
 * vmcore/mmap.c: do_execve lays out a classic i386 ELF image as 2.6's
 * load_elf_binary does (text r-xp at 0x08048000, data rw-p after it, bss
 * from the break, stack under TASK_SIZE), replaces and releases the old
 * address space, denies write access to the executable while it is
 * mapped; sys_brk grows (merging with the bss), shrinks, and refuses to run
 * into a mapping or below start_brk by returning the old break.
 *
 * Pictures: T text, D data, B bss/heap, S stack, X another mapping, '.'
 * a hole; one letter per page where it matters.
 */
#include "vmtest.h"

#define PG		PAGE_SIZE
#define TEXT_START	0x08048000UL
#define MAY_ALL		(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* the default image (text 32k, data 8k, bss 8k, stack 132k) */
#define DEF_MAPS	"08048000-08050000 r-xp 0 prog;08050000-08052000 rw-p 8000 prog;" \
			"08052000-08054000 rw-p 0;bffdf000-c0000000 rw-p 0"
#define DEF_BRK		0x08054000UL

TestSuite(exec, .init = vm_setup, .fini = vm_teardown);
TestSuite(brk, .init = vm_setup, .fini = vm_teardown);

static const struct exec_layout defaults;	/* all 0: the default sizes */

/* t_execve - do_execve followed by the validator, like the t_* wrappers */
static long t_execve(const char *path, const struct exec_layout *l)
{
	long r;

	vm_clear_error(m);
	r = do_execve(m, path, l);
	CHECK_VALID();
	return r;
}

static struct vm_area_struct *vma_at(unsigned long addr)
{
	struct vm_area_struct *v = find_vma(cur_mm(), addr);

	cr_assert(v && v->vm_start <= addr, "no VMA at %#lx", addr);
	return v;
}

static void exec_default(void)
{
	cr_assert_eq(t_execve("prog", &defaults), 0, "%s", m->errmsg);
}

static int mmlist_length(void)
{
	struct list_head *pos;
	int n = 0;

	list_for_each(pos, &m->mmlist)
		n++;
	return n;
}

/* ---- the layout ---- */

/*
 * after: TTTTTTTTDDBB ........ S*33
 *        08048000    08054000  bffdf000-c0000000
 */
Test(exec, default_layout)
{
	struct inode *prog;

	exec_default();
	EXPECT_MAPS(DEF_MAPS);
	prog = file_lookup(m, "prog");
	cr_assert(prog, "the executable was not created");
	cr_expect_eq(prog->i_size, 0xa000);	/* PAGE_ALIGN(text) + data */

	cr_expect_eq(vma_at(TEXT_START)->vm_flags,
		     VM_READ | VM_EXEC | MAY_ALL | VM_DENYWRITE | VM_EXECUTABLE);
	cr_expect_eq(vma_at(0x08050000)->vm_flags,
		     VM_READ | VM_WRITE | MAY_ALL | VM_DENYWRITE | VM_EXECUTABLE | VM_ACCOUNT);
	cr_expect_eq(vma_at(0x08052000)->vm_flags, VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT);
	cr_expect_null(vma_at(0x08052000)->vm_file);
	cr_expect_eq(vma_at(0x08052000)->vm_pgoff, 0x08052000 >> PAGE_SHIFT);
	cr_expect_eq(vma_at(0xbffff000)->vm_flags, VM_STACK_FLAGS);
	cr_expect_null(vma_at(0xbffff000)->vm_file);
}

Test(exec, default_mm_fields)
{
	struct mm_struct *mm;

	exec_default();
	mm = cur_mm();
	cr_expect_eq(mm->start_code, TEXT_START);
	cr_expect_eq(mm->end_code, 0x08050000);
	cr_expect_eq(mm->start_data, 0x08050000);
	cr_expect_eq(mm->end_data, 0x08052000);
	cr_expect_eq(mm->start_brk, DEF_BRK);
	cr_expect_eq(mm->brk, DEF_BRK);
	/* the stack holds argv and envp at its top, start_stack below them */
	cr_expect(mm->start_stack >= 0xbffdf000 && mm->start_stack < TASK_SIZE,
		  "start_stack %#lx is not in the stack VMA", mm->start_stack);
	cr_expect(mm->start_stack <= mm->arg_start);
	cr_expect(mm->arg_start < mm->arg_end);
	cr_expect(mm->arg_end <= mm->env_start);
	cr_expect(mm->env_start < mm->env_end);
	cr_expect(mm->env_end <= TASK_SIZE);

	cr_expect_eq(mm->map_count, 4);
	cr_expect_eq(mm->total_vm, 8 + 2 + 2 + 33);
	cr_expect_eq(mm->exec_vm, 8);
	cr_expect_eq(mm->stack_vm, 33);
	cr_expect_eq(mm->locked_vm, 0);
	/* data, bss and stack are private writable: accounted */
	cr_expect_eq(m->vm_committed_space, 2 + 2 + 33);
}

Test(exec, sets_comm_to_the_basename)
{
	exec_default();
	cr_expect_str_eq(m->current->comm, "prog");
}

/* comm holds TASK_COMM_LEN - 1 = 15 characters */
Test(exec, comm_is_truncated_to_15_characters)
{
	cr_assert_eq(t_execve("a_very_long_program_name", &defaults), 0);
	cr_expect_str_eq(m->current->comm, "a_very_long_pro");
}

/*
 * text=0x1234 data=0x1800 bss=0x3000 stack=64k:
 * TT DD BBB ........ S*16
 * text 08048000-0804a000, data 0804a000-0804c000 at offset 0x2000,
 * bss from PAGE_ALIGN(end_data) 0804c000 to PAGE_ALIGN(end_data+bss) 0804f000
 */
Test(exec, layout_with_unaligned_sizes)
{
	struct exec_layout l = { 0x1234, 0x1800, 0x3000, 0x10000 };
	struct mm_struct *mm;

	cr_assert_eq(t_execve("small", &l), 0, "%s", m->errmsg);
	EXPECT_MAPS("08048000-0804a000 r-xp 0 small;0804a000-0804c000 rw-p 2000 small;"
		    "0804c000-0804f000 rw-p 0;bfff0000-c0000000 rw-p 0");
	mm = cur_mm();
	cr_expect_eq(mm->end_code, 0x08049234);
	cr_expect_eq(mm->start_data, 0x0804a000);
	cr_expect_eq(mm->end_data, 0x0804b800);
	cr_expect_eq(mm->start_brk, 0x0804f000);
	cr_expect_eq(mm->brk, 0x0804f000);
	cr_expect_eq(file_lookup(m, "small")->i_size, 0x3800);
}

/* a bss that ends inside the data's last page needs no bss VMA */
Test(exec, bss_inside_data_page_maps_no_bss_vma)
{
	struct exec_layout l = { 0x1000, 0x1800, 0x400, 0x4000 };

	cr_assert_eq(t_execve("tiny", &l), 0, "%s", m->errmsg);
	EXPECT_MAPS("08048000-08049000 r-xp 0 tiny;08049000-0804b000 rw-p 1000 tiny;"
		    "bfffc000-c0000000 rw-p 0");
	cr_expect_eq(cur_mm()->start_brk, 0x0804b000);
}

/* an existing file is used as it is: its size does not change */
Test(exec, existing_file_is_used_as_it_is)
{
	cr_assert_eq(file_create(m, "prog", 0x100000), 0);
	exec_default();
	EXPECT_MAPS(DEF_MAPS);
	cr_expect_eq(file_lookup(m, "prog")->i_size, 0x100000);
}

/* ---- the old address space ---- */

/*
 * before: init with XXXX (rw-, charged) and a shared mapping of file f
 * after:  the default image only; the old VMAs are freed, their charge and
 *         f's write access given back
 */
Test(exec, releases_the_old_address_space)
{
	struct inode *f;

	cr_assert_eq(file_create(m, "f", 4 * PG), 0);
	cr_assert_eq(t_mmap(0x40000000, 16 * PG, RW, ANON_FIXED), 0x40000000);
	cr_assert_eq(t_mmap_file(0x40100000, 4 * PG, RW, MAP_SHARED | MAP_FIXED, "f", 0), 0x40100000);
	f = file_lookup(m, "f");
	cr_expect_eq(f->i_writecount, 1);
	cr_expect_eq(m->vm_committed_space, 16);

	exec_default();
	EXPECT_MAPS(DEF_MAPS);
	cr_expect_eq(m->vm_committed_space, 37);
	cr_expect_eq(f->i_writecount, 0);
	cr_expect_eq(f->i_mapping->i_mmap_count, 0);
	cr_expect_eq(kmem_cache_inuse(m->vm_area_cachep), 4);
	cr_expect_eq(mmlist_length(), 1);
	cr_expect_eq(m->mmlist_nr, 1);
	cr_expect_eq(kmem_cache_inuse(m->mm_cachep), 1);
	cr_expect_eq(cur_mm()->mm_users, 1);
}

/* exec twice: the first executable's VMAs and write denial are gone */
Test(exec, exec_again_releases_the_previous_executable)
{
	struct inode *prog;

	exec_default();
	prog = file_lookup(m, "prog");
	cr_expect_eq(prog->i_writecount, -2);
	cr_assert_eq(t_execve("other", &defaults), 0);
	cr_expect_eq(prog->i_writecount, 0);
	cr_expect_eq(prog->i_mapping->i_mmap_count, 0);
	cr_expect_eq(file_lookup(m, "other")->i_writecount, -2);
	cr_expect_eq(m->vm_committed_space, 37);
	cr_expect_str_eq(m->current->comm, "other");
	/* nothing holds prog any more */
	cr_expect_eq(file_unlink(m, "prog"), 0);
}

/* ---- deny_write_access ---- */

/*
 * Each VM_DENYWRITE VMA holds i_writecount down by one: text and data -2.
 * A shared writable mmap opens the file for writing, which
 * get_write_access refuses: ETXTBSY. Read-only and private maps are fine.
 */
Test(exec, executable_denies_write_while_mapped)
{
	struct inode *prog;

	exec_default();
	prog = file_lookup(m, "prog");
	cr_expect_eq(prog->i_writecount, -2);
	cr_expect_eq(prog->i_mapping->i_mmap_count, 2);
	EXPECT_FAILS_UNCHANGED(t_mmap_file(0x40000000, PG, RW, MAP_SHARED, "prog", 0), -ETXTBSY);
	EXPECT_FAILS_UNCHANGED(t_mmap_file(0x40000000, PG, PROT_WRITE, MAP_SHARED, "prog", 0), -ETXTBSY);
	cr_expect_eq(t_mmap_file(0x40000000, PG, PROT_READ, MAP_SHARED, "prog", 0), 0x40000000);
	cr_expect_eq(t_mmap_file(0x40001000, PG, RW, MAP_PRIVATE, "prog", 0), 0x40001000);
	cr_expect_eq(prog->i_writecount, -2);
}

/* unmapping the text gives one denial back; the data still holds one */
Test(exec, munmap_of_text_gives_back_its_denial)
{
	struct inode *prog;

	exec_default();
	prog = file_lookup(m, "prog");
	cr_assert_eq(t_munmap(TEXT_START, 0x8000), 0);
	cr_expect_eq(prog->i_writecount, -1);
	EXPECT_FAILS_UNCHANGED(t_mmap_file(0x40000000, PG, RW, MAP_SHARED, "prog", 0), -ETXTBSY);
	/* a split text holds one denial per VMA */
	cr_assert_eq(t_mprotect(0x08050000, PG, PROT_READ), 0);
	cr_expect_eq(prog->i_writecount, -2);
	cr_assert_eq(t_munmap(0x08050000, 0x2000), 0);
	cr_expect_eq(prog->i_writecount, 0);
	cr_expect_eq(t_mmap_file(0x40000000, PG, RW, MAP_SHARED, "prog", 0), 0x40000000);
	cr_expect_eq(prog->i_writecount, 1);
}

/* a file open for writing (a shared writable mapping) cannot be executed: ETXTBSY */
Test(exec, exec_of_a_file_open_for_write_etxtbsy_unchanged)
{
	cr_assert_eq(file_create(m, "prog", 0xa000), 0);
	cr_assert_eq(t_mmap_file(0x40000000, PG, RW, MAP_SHARED, "prog", 0), 0x40000000);
	EXPECT_FAILS_UNCHANGED(t_execve("prog", &defaults), -ETXTBSY);
	cr_expect_str_eq(m->current->comm, "init");
}

/* sizes past 768m are refused before anything is done */
Test(exec, too_large_a_layout_einval_unchanged)
{
	struct exec_layout l = { 0, 0, 0x40000000, 0 };

	cr_assert_eq(t_mmap(0x40000000, PG, RW, ANON_FIXED), 0x40000000);
	EXPECT_FAILS_UNCHANGED(t_execve("huge", &l), -EINVAL);
	cr_expect_null(file_lookup(m, "huge"));
}

/* a bad file name: the executable cannot be created, nothing changes */
/* as execve: an empty name is ENOENT, a name past 255 bytes ENAMETOOLONG */
Test(exec, bad_name_fails_unchanged)
{
	char name[300];

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	EXPECT_FAILS_UNCHANGED(t_execve("", &defaults), -ENOENT);
	EXPECT_FAILS_UNCHANGED(t_execve("a\tb", &defaults), -EINVAL);
	EXPECT_FAILS_UNCHANGED(t_execve(name, &defaults), -ENAMETOOLONG);
}

/* comm is what follows the last '/' of the path */
Test(exec, comm_is_what_follows_the_last_slash)
{
	cr_assert_eq(t_execve("usr/bin/prog", &defaults), 0, "%s", m->errmsg);
	cr_expect_str_eq(m->current->comm, "prog");
	cr_expect_not_null(file_lookup(m, "usr/bin/prog"));
}

static long op_exec(void)
{
	return t_execve("prog", &defaults);
}

/*
 * init with one accounted mapping; exec of a file that does not exist yet,
 * each allocation failing in turn: the file must not be left behind, the old
 * address space must be untouched.
 */
Test(exec, failslab_exec_leaves_machine_unchanged)
{
	cr_assert_eq(t_mmap(0x40000000, 4 * PG, RW, ANON_FIXED), 0x40000000);
	cr_expect_eq(failslab_sweep(op_exec, -ENOMEM), 0);
	EXPECT_MAPS(DEF_MAPS);
	cr_expect_eq(m->vm_committed_space, 37);
}

/* the same with the executable already there */
Test(exec, failslab_exec_of_existing_file_leaves_machine_unchanged)
{
	cr_assert_eq(file_create(m, "prog", 0xa000), 0);
	cr_expect_eq(failslab_sweep(op_exec, -ENOMEM), 0);
	EXPECT_MAPS(DEF_MAPS);
}

/* ---- brk ---- */

/* brk(0), or any value below start_brk, returns the break */
Test(brk, query_returns_the_break)
{
	exec_default();
	cr_expect_eq(t_brk(0), DEF_BRK);
	EXPECT_MAPS(DEF_MAPS);
}

/*
 * before: ..DDBB.. (B bss, break at 08054000)
 * after:  ..DDBBBB (brk 08056000: do_brk merges the heap into the bss VMA)
 */
Test(brk, grow_merges_with_the_bss_vma)
{
	exec_default();
	cr_assert_eq(t_brk(0x08056000), 0x08056000);
	EXPECT_MAPS("08048000-08050000 r-xp 0 prog;08050000-08052000 rw-p 8000 prog;"
		    "08052000-08056000 rw-p 0;bffdf000-c0000000 rw-p 0");
	cr_expect_eq(cur_mm()->brk, 0x08056000);
	cr_expect_eq(cur_mm()->start_brk, DEF_BRK);
	cr_expect_eq(cur_mm()->map_count, 4);
	cr_expect_eq(cur_mm()->total_vm, 47);
	cr_expect_eq(m->vm_committed_space, 39);
	cr_expect_eq(vma_at(0x08055000)->vm_flags, VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT);
}

/*
 * brk 08054800: the VMA ends on the page boundary 08055000, mm->brk keeps
 * the exact value; brk 08054900 stays in that page: no VMA change.
 */
Test(brk, unaligned_break_keeps_its_exact_value)
{
	exec_default();
	cr_assert_eq(t_brk(0x08054800), 0x08054800);
	cr_expect_eq(vma_at(0x08052000)->vm_end, 0x08055000);
	cr_expect_eq(cur_mm()->brk, 0x08054800);
	cr_assert_eq(t_brk(0x08054900), 0x08054900);
	cr_expect_eq(vma_at(0x08052000)->vm_end, 0x08055000);
	cr_expect_eq(cur_mm()->total_vm, 46);
	/* down to the exact start of that page: the page goes */
	cr_assert_eq(t_brk(0x08054000), 0x08054000);
	cr_expect_eq(vma_at(0x08052000)->vm_end, 0x08054000);
}

/*
 * ..DDBBBBBB -> ..DDBBB... (shrinking unmaps the pages above the new break)
 */
Test(brk, shrink_unmaps)
{
	exec_default();
	cr_assert_eq(t_brk(0x08058000), 0x08058000);
	cr_assert_eq(t_brk(0x08055000), 0x08055000);
	cr_expect_eq(vma_at(0x08052000)->vm_end, 0x08055000);
	cr_expect_eq(m->vm_committed_space, 38);
	cr_assert_eq(t_brk(DEF_BRK), DEF_BRK);
	EXPECT_MAPS(DEF_MAPS);
	cr_expect_eq(m->vm_committed_space, 37);
}

/*
 * ..DDBB...X (X at 08058000): the heap may not reach X, nor end right
 * under it (sys_brk checks [oldbrk, newbrk + PAGE_SIZE)): the old break
 * is returned and nothing changes.
 */
Test(brk, refuses_to_grow_into_a_mapping)
{
	exec_default();
	cr_assert_eq(t_mmap(0x08058000, PG, RW, ANON_FIXED), 0x08058000);
	EXPECT_FAILS_UNCHANGED(t_brk(0x08060000), (long)DEF_BRK);
	EXPECT_FAILS_UNCHANGED(t_brk(0x08058000), (long)DEF_BRK);
	EXPECT_FAILS_UNCHANGED(t_brk(0x08057001), (long)DEF_BRK);
	/* one page short of X is fine */
	cr_expect_eq(t_brk(0x08057000), 0x08057000);
	EXPECT_MAPS("08048000-08050000 r-xp 0 prog;08050000-08052000 rw-p 8000 prog;"
		    "08052000-08057000 rw-p 0;08058000-08059000 rw-p 0;bffdf000-c0000000 rw-p 0");
}

/* below start_brk the break does not move (the data would be unmapped) */
Test(brk, below_start_brk_returns_the_old_break_unchanged)
{
	exec_default();
	cr_assert_eq(t_brk(0x08056000), 0x08056000);
	EXPECT_FAILS_UNCHANGED(t_brk(DEF_BRK - PG), 0x08056000);
	EXPECT_FAILS_UNCHANGED(t_brk(0x08000000), 0x08056000);
}

/* the heap cannot pass TASK_SIZE */
Test(brk, past_task_size_returns_the_old_break_unchanged)
{
	exec_default();
	EXPECT_FAILS_UNCHANGED(t_brk(0xc0001000UL), (long)DEF_BRK);
}

/* init's empty address space: start_brk = brk = 0 */
Test(brk, on_init_empty_mm)
{
	cr_expect_eq(cur_mm()->start_brk, 0);
	EXPECT_FAILS_UNCHANGED(t_brk(0), 0);
	EXPECT_MAPS("");
}

/* vm.overcommit_memory=2: a heap larger than RAM cannot be charged */
Test(brk, grow_refused_by_overcommit_returns_the_old_break_unchanged)
{
	exec_default();
	cr_assert_eq(sysctl_set(m, "vm.overcommit_memory", 2), 0);
	EXPECT_FAILS_UNCHANGED(t_brk(DEF_BRK + (300UL << 20)), (long)DEF_BRK);
}

/* brk's failure is the old break; failslab_sweep wants -ENOMEM */
static long op_brk(void)
{
	long r = t_brk(0x08060000);

	return r == (long)DEF_BRK ? -ENOMEM : r;
}

Test(brk, failslab_grow_leaves_machine_unchanged)
{
	exec_default();
	cr_expect_eq(failslab_sweep(op_brk, -ENOMEM), 0x08060000);
	cr_expect_eq(vma_at(0x08052000)->vm_end, 0x08060000);
}

static long op_brk_shrink(void)
{
	long r = t_brk(0x08055000);

	return r == 0x08058000 ? -ENOMEM : r;
}

/* shrinking after a mprotect split the heap: the unmap's split may fail */
Test(brk, failslab_shrink_leaves_machine_unchanged)
{
	exec_default();
	cr_assert_eq(t_brk(0x08058000), 0x08058000);
	cr_assert_eq(t_mprotect(0x08056000, 0x2000, PROT_READ), 0);
	cr_expect_eq(failslab_sweep(op_brk_shrink, -ENOMEM), 0x08055000);
	cr_expect_eq(vma_at(0x08052000)->vm_end, 0x08055000);
}
