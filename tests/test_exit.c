/*
 * test_exit.c - Criterion tests for vmcore/exit.c: sys_exit (exit_mm,
 * mmput and exit_mmap as seed 001 walks them), the zombie that waits for
 * its parent, sys_wait's status and the gathering of fault counts into
 * cmin_flt/cmaj_flt, reparenting to init, and init, which cannot exit.
 * Expected values are Linux 2.6's (kernel/exit.c, kernel/fork.c).
 *
 * Pictures: the process tree, "1 -> 2 -> 3" for init, its child and
 * grandchild, "(Z)" after a zombie.
 */
#include "vmtest_mem.h"

TestSuite(exit, .init = vm_setup, .fini = vm_teardown);

/* fork_from - fork a child of pid; the child's pid (current is left as it was) */
static int fork_from(int pid)
{
	struct task_struct *saved = m->current;
	long child;

	t_use(pid);
	child = t_fork();
	cr_assert_gt(child, 1, "fork: %ld %s", child, m->errmsg);
	m->current = saved;
	return (int)child;
}

/* is_task - t is a task of the machine (compares pointers only: t may be freed) */
static int is_task(const struct task_struct *t)
{
	struct list_head *pos;

	list_for_each(pos, &m->tasks)
		if (list_entry(pos, struct task_struct, tasks) == t)
			return 1;
	return 0;
}

/*
 * 1 -> 2   2 maps and writes anonymous memory over two tables, reads a
 * file; exits: every frame of its mm (pages, tables, directory) comes
 * back, leaving only what the page cache holds.
 */
Test(exit, exit_frees_every_frame_of_an_unshared_mm)
{
	unsigned long used = frames_used();
	int pid = fork_from(1);

	mkfile("f", 2 * P);
	t_use(pid);
	cr_assert_eq(t_mmap(BASE, 8 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 8 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_mmap(BASE + PGDIR_SIZE, 2 * P, RW, ANON_FIXED), (long)(BASE + PGDIR_SIZE));
	cr_assert_eq(t_touch(BASE + PGDIR_SIZE, 2 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(t_mmap_file(BASE + 2 * PGDIR_SIZE, 2 * P, RW, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)(BASE + 2 * PGDIR_SIZE));
	cr_assert_eq(t_write_str(BASE + 2 * PGDIR_SIZE, "x"), 0);
	expect_bytes(BASE + 2 * PGDIR_SIZE + P, 4, 'B');
	cr_assert_gt(frames_used(), used + 8);
	cr_assert_eq(t_exit(pid, 0), 0);
	cr_assert_eq(frames_used(), used + inode_of("f")->i_mapping->nrpages);
	cr_assert_eq(inode_of("f")->i_mapping->nrpages, 2);
	cr_assert_eq(m->mmlist_nr, 1);
	cr_assert_eq(m->nr_anon_vmas, 0);
	cr_assert_eq(m->vm_committed_space, 0);
	cr_assert_eq(zero_page(m)->_count, 1);
}

/* exit drops the file references: f's share list and i_writecount are as before */
Test(exit, exit_drops_file_references_and_leaves_the_share_list)
{
	struct inode *inode;
	int pid = fork_from(1);

	mkfile("f", 2 * P);
	inode = inode_of("f");
	t_use(pid);
	cr_assert_eq(t_mmap_file(BASE, 2 * P, RW, MAP_SHARED | MAP_FIXED, "f", 0), (long)BASE);
	cr_assert_eq(t_mmap_file(BASE + 4 * P, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)(BASE + 4 * P));
	cr_assert_eq(inode->i_writecount, 1);
	cr_assert_eq(inode->i_count, 3);
	cr_assert_eq(t_exit(pid, 0), 0);
	cr_assert_eq(inode->i_writecount, 0);
	cr_assert_eq(inode->i_count, 1, "only the directory's");
	cr_assert_eq(inode->i_mapping->i_mmap_count, 0);
	cr_assert_eq(file_unlink(m, "f"), 0, "nothing holds it any more");
}

/*
 * 1 -> 2 (COW sharing # with 1)   2 exits   the pages are 1's alone:
 * mapcount 1, and 1's next write reuses them without copying.
 */
Test(exit, exit_of_a_cow_sharer_leaves_the_other_sole_owner)
{
	unsigned long pfn, used;
	int pid;

	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "mine"), 0);
	pfn = pfn_at(cur_mm(), BASE);
	pid = fork_from(1);
	cr_assert_eq(page_mapcount(pfn_to_page(m, pfn)), 2);
	cr_assert_eq(t_exit(pid, 0), 0);
	cr_assert_eq(page_mapcount(pfn_to_page(m, pfn)), 1);
	cr_assert_eq(pfn_to_page(m, pfn)->_count, 1);
	used = frames_used();
	cr_assert_eq(t_write_str(BASE, "MINE"), 0);
	cr_assert_eq(pfn_at(cur_mm(), BASE), pfn);
	cr_assert_eq(frames_used(), used);
	cr_assert_eq(cur_mm()->mmap->anon_vma->refcount, 1);
}

/* 1 -> 2(Z): a zombie until 1 waits; wait returns its pid and the exit status */
Test(exit, exited_task_is_a_zombie_until_its_parent_waits)
{
	int pid = fork_from(1), status = 0;
	struct task_struct *t = task_of(pid);

	cr_assert_eq(t_exit(pid, 3), 0);
	cr_assert_eq(t->state, EXIT_ZOMBIE);
	cr_assert_null(t->mm);
	cr_assert_eq(t->exit_code, 3);
	cr_assert_eq(t->exit_signal, 0);
	cr_assert_eq(find_task_by_pid(m, pid), t, "still there");
	cr_assert_eq(m->nr_tasks, 2);
	cr_assert_eq(t_wait(0, &status), pid);
	cr_assert_eq(status, 3 << 8, "WEXITSTATUS in bits 8-15");
	cr_assert_null(find_task_by_pid(m, pid));
	cr_assert_eq(m->nr_tasks, 1);
	cr_assert_eq(t_wait(0, &status), -ECHILD);
}

/* the exit code is kept modulo 256 */
Test(exit, exit_code_is_kept_modulo_256)
{
	int pid = fork_from(1), status = 0;

	cr_assert_eq(t_exit(pid, 257), 0);
	cr_assert_eq(t_wait(pid, &status), pid);
	cr_assert_eq(status, 1 << 8);
}

/* wait: -EAGAIN while the child runs, -ECHILD for one that is not ours */
Test(exit, wait_errors)
{
	int a = fork_from(1), b = fork_from(a);

	cr_assert_eq(t_wait(0, NULL), -EAGAIN, "a child, none exited");
	cr_assert_eq(t_wait(a, NULL), -EAGAIN);
	cr_assert_eq(t_wait(b, NULL), -ECHILD, "a grandchild is not a child");
	cr_assert_eq(t_wait(99, NULL), -ECHILD);
	t_use(b);
	cr_assert_eq(t_wait(0, NULL), -ECHILD, "no children at all");
}

/* wait(pid) reaps that child only */
Test(exit, wait_for_a_pid_reaps_only_that_child)
{
	int a = fork_from(1), b = fork_from(1);

	cr_assert_eq(t_exit(a, 1), 0);
	cr_assert_eq(t_exit(b, 2), 0);
	cr_assert_eq(t_wait(b, NULL), b);
	cr_assert_eq(task_of(a)->state, EXIT_ZOMBIE);
	cr_assert_eq(t_wait(0, NULL), a);
}

/*
 * 1 -> 2 -> 3: 3 faults 3 times and is reaped by 2, which faults twice
 * and is reaped by 1: 2's cmin_flt is 3, 1's cmin_flt is 2 + 3 (a child's
 * own faults and those of the children it reaped).
 */
Test(exit, wait_gathers_the_fault_counts_of_the_child_and_its_reaped_children)
{
	int a = fork_from(1), b = fork_from(a);

	mkfile("f", P);
	t_use(b);
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_mmap_file(BASE + 4 * P, P, PROT_READ, MAP_PRIVATE | MAP_FIXED, "f", 0),
		     (long)(BASE + 4 * P));
	cr_assert_eq(t_touch(BASE + 4 * P, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(task_of(b)->min_flt, 2);
	cr_assert_eq(task_of(b)->maj_flt, 1);
	cr_assert_eq(t_exit(b, 0), 0);
	cr_assert_eq(task_of(a)->cmin_flt, 0, "gathered at wait, not at exit");
	t_use(a);
	cr_assert_eq(t_wait(b, NULL), b);
	cr_assert_eq(task_of(a)->cmin_flt, 2);
	cr_assert_eq(task_of(a)->cmaj_flt, 1);
	cr_assert_eq(t_mmap(BASE, 2 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 2 * P, VM_ACCESS_READ), 0);
	cr_assert_eq(t_exit(a, 0), 0);
	t_use(1);
	cr_assert_eq(t_wait(a, NULL), a);
	cr_assert_eq(task_of(1)->cmin_flt, 2 + 2);
	cr_assert_eq(task_of(1)->cmaj_flt, 1);
	cr_assert_eq(task_of(1)->min_flt, 0, "init's own count is its own");
}

/* a killed task's faults are gathered too, and its status is the signal */
Test(exit, killed_task_status_is_its_signal_and_its_faults_are_gathered)
{
	int pid = fork_from(1), status = 0;

	t_use(pid);
	cr_assert_eq(t_mmap(BASE, P, PROT_READ, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), 0);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), -EFAULT);
	cr_assert_eq(task_of(pid)->exit_signal, SIGSEGV);
	t_use(1);
	cr_assert_eq(t_wait(0, &status), pid);
	cr_assert_eq(status, SIGSEGV, "WTERMSIG");
	cr_assert_eq(task_of(1)->cmin_flt, 1);
}

/*
 * 1 -> 2 -> 3   2 exits   1 -> 2(Z), 1 -> 3: the orphan goes to init and
 * keeps running; when it exits, init reaps it.
 */
Test(exit, children_of_an_exited_parent_go_to_init)
{
	int a = fork_from(1), b = fork_from(a);

	cr_assert_eq(t_exit(a, 0), 0);
	cr_assert_eq(task_of(b)->parent, task_of(1));
	cr_assert_eq(task_of(b)->state, TASK_RUNNING);
	cr_assert(list_empty(&task_of(a)->children));
	cr_assert_eq(t_exit(b, 5), 0);
	cr_assert_eq(t_wait(b, NULL), b, "init's child now");
	cr_assert_eq(t_wait(a, NULL), a);
}

/*
 * 1 -> 2 -> 3(Z)   2 exits: the zombie goes to init, which reaps it at
 * once, gathering its faults.
 */
Test(exit, zombie_children_of_an_exited_parent_are_reaped_by_init)
{
	int a = fork_from(1), b = fork_from(a);

	t_use(b);
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_WRITE), 0);
	cr_assert_eq(t_exit(b, 0), 0);
	cr_assert_eq(t_exit(a, 0), 0);
	cr_assert_null(find_task_by_pid(m, b));
	cr_assert_eq(task_of(1)->cmin_flt, 1);
	cr_assert_eq(task_of(a)->state, EXIT_ZOMBIE);
}

/*
 * 1 -> 2 -> 3   3 is current and exits itself (a zombie, still current);
 * then 2 exits and 3 is reaped by init. current must not be left
 * pointing at the freed task_struct: NULL or a live task.
 */
Test(exit, reaping_the_current_zombie_leaves_no_dangling_current)
{
	int a = fork_from(1), b = fork_from(a);
	struct task_struct *tb = task_of(b);

	t_use(b);
	cr_assert_eq(t_exit(0, 0), 0, "pid 0: current");
	cr_assert_eq(tb->state, EXIT_ZOMBIE);
	cr_assert_eq(m->current, tb);
	cr_assert_eq(t_exit(a, 0), 0);
	cr_assert_null(find_task_by_pid(m, b), "init reaped it");
	cr_assert(m->current == NULL || is_task(m->current),
		  "m->current points to the freed task_struct of pid %d", b);
}

/* the same when the current task was killed by a fault */
Test(exit, reaping_a_killed_current_task_leaves_no_dangling_current)
{
	int a = fork_from(1), b = fork_from(a);

	t_use(b);
	cr_assert_eq(t_touch(BASE, 1, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_exit(a, 0), 0);
	cr_assert(m->current == NULL || is_task(m->current),
		  "m->current points to the freed task_struct of pid %d", b);
}

/* init cannot exit; unknown and dead pids are ESRCH */
Test(exit, init_cannot_exit)
{
	int pid = fork_from(1);

	cr_assert_eq(t_exit(1, 0), -EPERM);
	cr_assert_eq(task_of(1)->state, TASK_RUNNING);
	cr_assert_not_null(task_of(1)->mm);
	cr_assert_eq(t_exit(0, 0), -EPERM, "current is init");
	cr_assert_eq(t_exit(77, 0), -ESRCH);
	cr_assert_eq(t_exit(pid, 0), 0);
	cr_assert_eq(t_exit(pid, 0), -ESRCH, "already a zombie");
}

/* exit gives back the child's VM_ACCOUNT charge */
Test(exit, exit_releases_the_committed_space)
{
	int pid;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	pid = fork_from(1);
	cr_assert_eq(m->vm_committed_space, 8);
	cr_assert_eq(t_exit(pid, 0), 0);
	cr_assert_eq(m->vm_committed_space, 4);
}

/* a CLONE_VM child exits: the mm stays with its other user */
Test(exit, exit_of_a_clone_vm_task_keeps_the_shared_mm)
{
	int a = fork_from(1), b;
	unsigned long used;

	t_use(a);
	cr_assert_eq(t_mmap(BASE, P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "still here"), 0);
	b = (int)t_clone_vm();
	used = frames_used();
	cr_assert_eq(t_exit(b, 0), 0);
	cr_assert_eq(mm_of(a)->mm_users, 1);
	cr_assert_eq(frames_used(), used);
	expect_str(BASE, "still here");
	cr_assert_eq(t_wait(b, NULL), b);
}
