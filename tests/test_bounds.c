/*
 * test_bounds.c - the machine at its limits (issue 5, "Bounds"): thousands
 * of processes, 65,530 VMAs in one process, physical memory exhausted, a
 * fork tree 500 deep, and arguments at the edge of the 32-bit address
 * space. Each must end in a clean error or in what Linux 2.6 on i386 does
 * (the OOM kill of the faulting process, init never killed), never in a
 * crash, a leak or an invalid machine.
 *
 * The engine is called directly (not through the t_* wrappers, which run
 * validate_machine after every call): validating thousands of processes
 * or 65,530 VMAs after each of thousands of calls would be quadratic, so
 * the machine is validated at the boundaries between phases instead.
 * Each test logs how long it took (run with --verbose); the whole file
 * stays well under 20 s.
 */
#include <time.h>

#include "vmtest_mem.h"
#include "vmsh.h"

TestSuite(bounds, .init = vm_setup, .fini = vm_teardown);
TestSuite(bounds_small, .init = vm_setup_small, .fini = vm_teardown);

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* EXPECT_UNCHANGED(call, want) - call returns want and the machine, full dump, is as it was */
#define EXPECT_UNCHANGED(call, want) do { \
	char *before_ = mem_snapshot_full(), *after_; \
	long r_; \
	vm_clear_error(m); \
	r_ = (long)(call); \
	after_ = mem_snapshot_full(); \
	cr_expect_eq(r_, (long)(want), "%s returned %ld (%s), expected %ld", #call, r_, \
		     m->errmsg, (long)(want)); \
	cr_expect_str_eq(after_, before_, "%s changed the machine", #call); \
	free(before_); \
	free(after_); \
	CHECK_VALID(); \
} while (0)

/* children_of - t's children, counted */
static int children_of(struct task_struct *t)
{
	struct list_head *pos;
	int n = 0;

	list_for_each(pos, &t->children)
		n++;
	return n;
}

/* run_shell - run a command line on m with a shell; what it printed goes to *out (malloc'd) */
static int run_shell(const char *line, char **out)
{
	struct vmsh sh;
	size_t len = 0;
	FILE *f;
	int rc;

	*out = NULL;
	f = open_memstream(out, &len);
	cr_assert(f);
	vmsh_init(&sh, m);
	sh.out = f;
	sh.err = f;
	rc = vmsh_run_line(&sh, line, strlen(line));
	vmsh_fini(&sh);		/* the shell's observer goes with it */
	fclose(f);
	return rc;
}

/* ---- thousands of processes ---- */

/*
 * 3000 forks of init: pids 2..3001 in order, each a copy-on-write copy of
 * init's 64 KiB (4 pages written); ps lists all 3001; each exits, init
 * reaps each; then every task, mm, page table and frame of the children is
 * gone and init's counters hold their faults.
 */
Test(bounds, three_thousand_processes_fork_exit_and_are_reaped, .timeout = 60)
{
	enum { N = 3000 };
	double t0 = now();
	unsigned long used0, anon0, vmas0, mm0, task0;
	struct page *shared;
	char *ps, *line;
	int i, rc, status, seen[N + 2] = { 0 }, rows = 0;
	long pid;

	cr_assert_eq(t_mmap(BASE, 16 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "init page 0"), 0);
	cr_assert_eq(t_touch(BASE + P, 3 * P, VM_ACCESS_WRITE), 0);
	used0 = frames_used();
	anon0 = m->nr_anon_vmas;
	vmas0 = kmem_cache_inuse(m->vm_area_cachep);
	mm0 = kmem_cache_inuse(m->mm_cachep);
	task0 = kmem_cache_inuse(m->task_cachep);
	shared = page_at(cur_mm(), BASE);

	for (i = 0; i < N; i++) {
		pid = do_fork(m, 0);
		cr_assert_eq(pid, i + 2, "fork %d gave %ld (%s)", i, pid, m->errmsg);
	}
	cr_assert_eq(m->nr_tasks, N + 1);
	cr_assert_eq(children_of(m->init_task), N);
	cr_assert_eq(page_mapcount(shared), N + 1, "page 0 is mapped %d times", page_mapcount(shared));
	cr_assert_eq(kmem_cache_inuse(m->mm_cachep), mm0 + N);
	CHECK_VALID();
	cr_log_info("bounds: %d forks %.2fs", N, now() - t0);

	/* ps: a header and one row per process, every child of init, running */
	rc = run_shell("ps", &ps);
	cr_assert_eq(rc, 0);
	for (line = strchr(ps, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
		int p, ppid;
		char state;

		cr_assert_eq(sscanf(line + 1, "%d %d %c", &p, &ppid, &state), 3, "ps: %.80s", line);
		cr_assert(p >= 1 && p <= N + 1 && !seen[p], "ps lists pid %d twice or out of range", p);
		seen[p] = 1;
		cr_assert_eq(state, 'R');
		cr_assert_eq(ppid, p == 1 ? 0 : 1);
		rows++;
	}
	cr_assert_eq(rows, N + 1);
	free(ps);

	/* every child exits: its memory goes at once; init reaps them all */
	for (i = 2; i <= N + 1; i++)
		cr_assert_eq(sys_exit(m, i, i & 0xff), 0, "exit %d: %s", i, m->errmsg);
	cr_assert_eq(frames_used(), used0, "the children's page tables and copies are freed at exit");
	cr_assert_eq(page_mapcount(shared), 1);
	cr_assert_eq(kmem_cache_inuse(m->mm_cachep), mm0);
	CHECK_VALID();
	for (i = 0; i < N; i++) {
		pid = sys_wait(m, 0, &status);
		cr_assert(pid >= 2 && pid <= N + 1, "wait %d gave %ld (%s)", i, pid, m->errmsg);
		cr_assert_eq((status >> 8) & 0xff, pid & 0xff);
	}
	vm_clear_error(m);
	cr_assert_eq(sys_wait(m, 0, &status), -ECHILD);
	cr_assert_eq(m->nr_tasks, 1);
	cr_assert_eq(kmem_cache_inuse(m->task_cachep), task0);
	cr_assert_eq(kmem_cache_inuse(m->vm_area_cachep), vmas0);
	cr_assert_eq(m->nr_anon_vmas, anon0);
	cr_assert_eq(frames_used(), used0);
	CHECK_VALID();
	/* the pids go on from 3002: last_pid is not reused until it wraps */
	pid = do_fork(m, 0);
	cr_assert_eq(pid, N + 2);
	cr_assert_eq(sys_exit(m, (int)pid, 0), 0);
	cr_assert_eq(sys_wait(m, (int)pid, &status), pid);
	CHECK_VALID();
	cr_log_info("bounds: %d processes in %.2fs", N, now() - t0);
}

/* ---- 65,530 VMAs in one process ---- */

/*
 * 65,530 VMAs, placed by the kernel (first fit from TASK_UNMAPPED_BASE,
 * so they pack one after the other), alternating rw- and r-- so that none
 * merges; the last one is 3 pages. With vm.max_map_count = 65,530 every
 * call that needs a split is refused (2.6's split_vma: map_count >=
 * sysctl_max_map_count is -ENOMEM) and changes nothing: mprotect and
 * munmap ENOMEM, mlock and madvise EAGAIN (mlock_fixup and
 * madvise_behavior turn split_vma's -ENOMEM into -EAGAIN). mmap checks
 * map_count > sysctl_max_map_count (2.6 and today): one more VMA is still
 * allowed, the next is ENOMEM. One munmap then takes all of them away.
 */
Test(bounds, sixty_five_thousand_vmas_then_splits_refused_then_munmap_all, .timeout = 60)
{
	enum { NVMA = 65530 };
	const unsigned long last = BASE + (NVMA - 1) * P;	/* the 3-page VMA */
	unsigned long used0 = frames_used(), i, want;
	double t0 = now();
	long r;
	int dontfork = MADV_DONTFORK;

	for (i = 0; i < NVMA; i++) {
		r = sys_mmap(m, 0, i == NVMA - 1 ? 3 * P : P, i & 1 ? PROT_READ : RW,
			     ANON_PRIVATE, NULL, 0);
		cr_assert_eq(r, (long)(BASE + i * P), "mmap %lu gave %#lx (%s)", i, r, m->errmsg);
	}
	cr_assert_eq(cur_mm()->map_count, NVMA);
	cr_assert_eq(cur_mm()->total_vm, NVMA + 2);
	/* a page written every 1000 VMAs: page tables and frames to free at the end */
	for (i = 0; i < NVMA; i += 1000)
		if (!(i & 1))
			cr_assert_eq(access_vm(m, BASE + i * P, 1, VM_ACCESS_WRITE, NULL, "x", &t_fault), 0);
	CHECK_VALID();	/* once, here: not after each of the 65,530 calls */
	cr_log_info("bounds: %d VMAs mapped in %.2fs", NVMA, now() - t0);

	cr_assert_eq(sysctl_set(m, "vm.max_map_count", NVMA), 0);
	/* a split of the last VMA would make the 65,531st: refused, nothing changed */
	EXPECT_UNCHANGED(sys_mprotect(m, last + P, P, RW), -ENOMEM);
	EXPECT_UNCHANGED(sys_mprotect(m, last + 2 * P, P, RW), -ENOMEM);
	EXPECT_UNCHANGED(sys_mprotect(m, last + P, P, PROT_NONE), -ENOMEM);
	EXPECT_UNCHANGED(sys_munmap(m, last + P, P), -ENOMEM);
	EXPECT_UNCHANGED(sys_munmap(m, last, P), -ENOMEM);
	EXPECT_UNCHANGED(sys_mlock(m, last + P, P), -EAGAIN);
	EXPECT_UNCHANGED(sys_madvise(m, last + P, P, dontfork), -EAGAIN);
	/* what needs no split still works at the limit: a whole VMA's protection
	   changes, here merging it with both neighbours (65,530 - 2 VMAs) */
	cr_assert_eq(sys_mprotect(m, BASE + P, P, RW), 0);
	cr_assert_eq(cur_mm()->map_count, NVMA - 2);
	cr_assert_eq(sys_mprotect(m, BASE + P, P, PROT_READ), 0);	/* split back: 2 splits */
	cr_assert_eq(cur_mm()->map_count, NVMA);
	/* mmap: map_count > max is refused, so one more VMA fits and then no more */
	want = last + 4 * P;
	r = sys_mmap(m, want, P, PROT_READ, ANON_FIXED, NULL, 0);
	cr_assert_eq(r, (long)want, "mmap at map_count == max: %#lx (%s)", r, m->errmsg);
	cr_assert_eq(cur_mm()->map_count, NVMA + 1);
	EXPECT_UNCHANGED(sys_mmap(m, want + 2 * P, P, PROT_READ, ANON_FIXED, NULL, 0), -ENOMEM);
	CHECK_VALID();

	/* one munmap takes every VMA away, their pages and page tables too */
	r = sys_munmap(m, BASE, want + P - BASE);
	cr_assert_eq(r, 0, "munmap all: %s", m->errmsg);
	cr_assert_eq(cur_mm()->map_count, 0);
	cr_assert_null(cur_mm()->mmap);
	cr_assert_eq(cur_mm()->total_vm, 0);
	cr_assert_eq(cur_mm()->rss, 0);
	cr_assert_eq(cur_mm()->nr_ptes, 0);
	cr_assert_eq(kmem_cache_inuse(m->vm_area_cachep), 0);
	cr_assert_eq(m->vm_committed_space, 0);
	cr_assert_eq(frames_used(), used0);
	CHECK_VALID();
	cr_log_info("bounds: %d VMAs in %.2fs", NVMA, now() - t0);
}

/* ---- physical memory exhausted ---- */

/*
 * A 1 MiB machine (256 frames). A child maps 1 MiB and writes all of it:
 * the frames run out, the fault is VM_FAULT_OOM and the child is killed
 * with SIGKILL (2.6 i386 do_page_fault, out_of_memory: do_exit(SIGKILL)).
 * Its memory comes back at once; init and its pages are untouched, init
 * reaps it (killed by SIGKILL) and can use the memory again.
 */
Test(bounds_small, oom_kills_the_faulting_child_and_the_machine_recovers, .timeout = 30)
{
	unsigned long used0, rss0, pfns[4], i;
	int status;
	long child;
	double t0 = now();

	cr_assert_eq(t_mmap(BASE, 8 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "init's"), 0);
	cr_assert_eq(t_touch(BASE + P, 3 * P, VM_ACCESS_WRITE), 0);
	used0 = frames_used();
	rss0 = cur_mm()->rss;
	for (i = 0; i < 4; i++)
		pfns[i] = pfn_at(cur_mm(), BASE + i * P);

	child = t_fork();
	cr_assert_eq(child, 2);
	t_use(2);
	cr_assert_eq(t_mmap(0x50000000, 1 << 20, RW, ANON_FIXED), 0x50000000);
	cr_assert_eq(t_touch(0x50000000, 1 << 20, VM_ACCESS_WRITE), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGKILL);
	cr_assert(t_fault.addr > 0x50000000 && t_fault.addr < 0x50100000);
	EXPECT_TASK_KILLED(2, SIGKILL);
	cr_assert_eq(frames_used(), used0, "the child's frames are all back");
	cr_assert_eq(m->init_task->state, TASK_RUNNING);
	CHECK_VALID();

	/* init reaps it: init's pages are where they were, each its own again */
	t_use(1);
	cr_assert_eq(t_wait(2, &status), 2);
	cr_assert_eq(status & 0x7f, SIGKILL);
	cr_assert_eq(m->nr_tasks, 1);
	cr_assert_eq(frames_used(), used0);
	cr_assert_eq(cur_mm()->rss, rss0);
	for (i = 0; i < 4; i++) {
		cr_assert_eq(pfn_at(cur_mm(), BASE + i * P), pfns[i]);
		cr_assert_eq(page_mapcount(page_at(cur_mm(), BASE + i * P)), 1);
	}
	expect_str(BASE, "init's");

	/* the machine recovers: init can use the memory the child had */
	cr_assert_eq(t_mmap(0x50000000, 512 << 10, RW, ANON_FIXED), 0x50000000);
	cr_assert_eq(t_touch(0x50000000, 512 << 10, VM_ACCESS_WRITE), 0);
	for (i = 0; i < 128; i++)
		cr_assert_not_null(page_at(cur_mm(), 0x50000000 + i * P));
	cr_assert_eq(t_munmap(0x50000000, 512 << 10), 0);
	cr_assert_eq(frames_used(), used0);
	cr_log_info("bounds: OOM kill in %.2fs", now() - t0);
}

/*
 * init itself runs the memory out: it is never killed (2.6: "if
 * (is_init(tsk)) { yield(); goto survive; }"); its access fails with
 * ENOMEM and it stays. With no frame left, a read of a new anonymous page
 * still works (the zero page needs none), fork fails with ENOMEM (no page
 * directory to be had) and mlock with EAGAIN, changing nothing; a child
 * that faults is the one killed. Unmapping gives the frames back and
 * everything works again.
 */
Test(bounds_small, init_is_never_killed_when_memory_runs_out, .timeout = 30)
{
	unsigned long used0 = frames_used(), addr;
	struct mm_struct *mm;
	long r;
	int status;
	double t0 = now();

	cr_assert_eq(t_mmap(BASE, 1 << 20, RW, ANON_FIXED), (long)BASE);
	r = t_touch(BASE, 1 << 20, VM_ACCESS_WRITE);
	cr_assert_eq(r, -ENOMEM, "init's access: %ld (%s)", r, m->errmsg);
	cr_assert_eq(t_fault.sig, SIGKILL, "the fault was out of memory");
	cr_assert_eq(m->init_task->state, TASK_RUNNING);
	cr_assert_not_null(m->init_task->mm);
	cr_assert_eq(m->pgdat.nr_free, 0, "every frame is in use");
	mm = cur_mm();
	addr = t_fault.addr & PAGE_MASK;
	cr_assert_null(page_at(mm, addr), "the page that could not be had is not mapped");
	cr_assert_not_null(page_at(mm, BASE));

	/* a read of an untouched page maps the zero page: no frame needed */
	cr_assert_eq(t_touch(addr + P, P, VM_ACCESS_READ), 0);
	cr_assert_eq(pfn_at(mm, addr + P), 0);
	/* no frame for a page directory: fork is ENOMEM and changes nothing */
	EXPECT_UNCHANGED(do_fork(m, 0), -ENOMEM);
	/* mlock cannot bring the pages in: EAGAIN (2.6.18 mlock_fixup), nothing changed */
	EXPECT_UNCHANGED(sys_mlock(m, addr, 2 * P), -EAGAIN);
	CHECK_VALID();

	/* give back half: init forks; the child's write is the one that is killed */
	cr_assert_eq(t_munmap(BASE, 512 << 10), 0);
	cr_assert_eq(t_fork(), 2);
	t_use(2);
	r = t_touch(BASE + (512 << 10), 512 << 10, VM_ACCESS_WRITE);
	cr_assert_eq(r, -EFAULT);
	EXPECT_TASK_KILLED(2, SIGKILL);
	t_use(1);
	cr_assert_eq(t_wait(2, &status), 2);
	cr_assert_eq(status & 0x7f, SIGKILL);
	cr_assert_eq(m->init_task->state, TASK_RUNNING);

	/* all back: init unmaps the rest and the machine is as it started */
	cr_assert_eq(t_munmap(BASE, 1 << 20), 0);
	cr_assert_eq(frames_used(), used0);
	cr_assert_eq(t_mmap(BASE, 256 << 10, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 256 << 10, VM_ACCESS_WRITE), 0);
	cr_log_info("bounds: init survives OOM in %.2fs", now() - t0);
}

/* ---- a deep fork tree ---- */

enum { DEPTH = 500 };

/*
 * deep_chain - init maps 4 pages (2 written); pid 2 is init's child, pid
 * k+1 the child of pid k, down to pid DEPTH+1. Page 0 is one frame mapped
 * by all DEPTH+1 processes. Returns the frames in use before the forks.
 */
static unsigned long deep_chain(struct page **shared)
{
	unsigned long used0;
	long pid;
	int k;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_write_str(BASE, "root"), 0);
	cr_assert_eq(t_touch(BASE + P, P, VM_ACCESS_WRITE), 0);
	used0 = frames_used();
	*shared = page_at(cur_mm(), BASE);
	for (k = 1; k <= DEPTH; k++) {
		pid = do_fork(m, 0);
		cr_assert_eq(pid, k + 1, "fork at depth %d: %ld (%s)", k, pid, m->errmsg);
		m->current = task_of((int)pid);
	}
	for (k = 2; k <= DEPTH + 1; k++)
		cr_assert_eq(task_of(k)->parent, task_of(k - 1));
	cr_assert_eq(page_mapcount(*shared), DEPTH + 1);
	CHECK_VALID();
	/* the deepest writes page 0: its own copy; the others still share it */
	cr_assert_eq(access_vm(m, BASE, 4, VM_ACCESS_WRITE, NULL, "leaf", &t_fault), 0);
	cr_assert_eq(page_mapcount(*shared), DEPTH);
	expect_str(BASE, "leaf");
	m->current = m->init_task;
	expect_str(BASE, "root");
	return used0;
}

/*
 * From the bottom: the deepest exits first and stays a zombie of its
 * parent; when the parent exits, the zombie goes to init, which reaps it
 * (2.6 forget_original_parent: children go to the child reaper). At the
 * end only pid 2 is left, a zombie child of init, which reaps it.
 */
Test(bounds, fork_tree_500_deep_exits_from_the_bottom, .timeout = 30)
{
	struct page *shared;
	unsigned long used0;
	int k, status;
	double t0 = now();

	used0 = deep_chain(&shared);
	for (k = DEPTH + 1; k >= 2; k--) {
		cr_assert_eq(sys_exit(m, k, k & 0xff), 0, "exit %d: %s", k, m->errmsg);
		cr_assert_eq(task_of(k)->state, EXIT_ZOMBIE);
		cr_assert_eq(task_of(k)->parent, task_of(k - 1), "the zombie stays its parent's");
		cr_assert_null(find_task_by_pid(m, k + 1), "its own zombie child went to init, reaped");
		if (k % 100 == 0)
			CHECK_VALID();
	}
	cr_assert_eq(m->nr_tasks, 2);
	cr_assert_eq(children_of(m->init_task), 1);
	cr_assert_eq(page_mapcount(shared), 1);
	cr_assert_eq(frames_used(), used0);
	cr_assert_eq(sys_wait(m, 0, &status), 2);
	cr_assert_eq((status >> 8) & 0xff, 2);
	cr_assert_eq(m->nr_tasks, 1);
	cr_assert_eq(kmem_cache_inuse(m->mm_cachep), 1);
	CHECK_VALID();
	cr_log_info("bounds: fork tree %d deep, exits from the bottom, %.2fs", DEPTH, now() - t0);
}

/*
 * From the top: pid 2 exits first and its child goes to init, running;
 * then that one, and so on: every process ends up a zombie child of init,
 * which reaps all 500. The leaf's copy and every page table are freed.
 */
Test(bounds, fork_tree_500_deep_exits_from_the_top, .timeout = 30)
{
	struct page *shared;
	unsigned long used0;
	int k, status;
	long pid;
	double t0 = now();

	used0 = deep_chain(&shared);
	for (k = 2; k <= DEPTH + 1; k++) {
		cr_assert_eq(sys_exit(m, k, 7), 0, "exit %d: %s", k, m->errmsg);
		cr_assert_eq(task_of(k)->parent, m->init_task);
		if (k <= DEPTH)
			cr_assert_eq(task_of(k + 1)->parent, m->init_task,
				     "pid %d went to init when its parent exited", k + 1);
		if (k % 100 == 0)
			CHECK_VALID();
	}
	cr_assert_eq(children_of(m->init_task), DEPTH);
	cr_assert_eq(page_mapcount(shared), 1);
	cr_assert_eq(frames_used(), used0);
	for (k = 0; k < DEPTH; k++) {
		pid = sys_wait(m, 0, &status);
		cr_assert(pid >= 2 && pid <= DEPTH + 1);
		cr_assert_eq((status >> 8) & 0xff, 7);
	}
	cr_assert_eq(m->nr_tasks, 1);
	cr_assert_eq(kmem_cache_inuse(m->mm_cachep), 1);
	CHECK_VALID();
	cr_log_info("bounds: fork tree %d deep, exits from the top, %.2fs", DEPTH, now() - t0);
}

/* ---- the edges of the address space ---- */

/*
 * Lengths and addresses at the top of 32 bits, with Linux 2.6 i386's
 * answers (where today's kernel gives the same): mmap's len is
 * PAGE_ALIGNed first, so 0xffffffff wraps to 0: ENOMEM ("!len || len >
 * TASK_SIZE"); a fixed address with addr > TASK_SIZE - len is ENOMEM
 * (get_unmapped_area checks that before alignment); munmap past TASK_SIZE
 * is EINVAL; mprotect with start + len wrapping is ENOMEM ("end <=
 * start"); madvise EINVAL; mremap to a zero new length EINVAL, to a fixed
 * place past TASK_SIZE EINVAL. Nothing changes.
 */
Test(bounds, mmap_and_friends_at_the_top_of_the_address_space, .timeout = 30)
{
	int dontneed = MADV_DONTNEED;

	cr_assert_eq(t_mmap(BASE, 4 * P, RW, ANON_FIXED), (long)BASE);
	cr_assert_eq(t_touch(BASE, 4 * P, VM_ACCESS_WRITE), 0);

	EXPECT_UNCHANGED(sys_mmap(m, 0, 0xffffffffUL, RW, ANON_PRIVATE, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, BASE, 0xffffffffUL, RW, ANON_FIXED, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, BASE, 0xfffff000UL, RW, ANON_FIXED, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, 0, 0xfffff000UL, RW, ANON_PRIVATE, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, 0, TASK_SIZE, RW, ANON_PRIVATE, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, 0xffffffffUL, P, RW, ANON_FIXED, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, 0xfffff000UL, P, RW, ANON_FIXED, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, TASK_SIZE, P, RW, ANON_FIXED, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, TASK_SIZE - P, 2 * P, RW, ANON_FIXED, NULL, 0), -ENOMEM);
	EXPECT_UNCHANGED(sys_mmap(m, BASE + 1, P, RW, ANON_FIXED, NULL, 0), -EINVAL);
	EXPECT_UNCHANGED(sys_munmap(m, BASE, 0xffffffffUL), -EINVAL);
	EXPECT_UNCHANGED(sys_munmap(m, TASK_SIZE - P, 2 * P), -EINVAL);
	EXPECT_UNCHANGED(sys_munmap(m, TASK_SIZE, P), -EINVAL);
	EXPECT_UNCHANGED(sys_munmap(m, 0xfffff000UL, P), -EINVAL);
	EXPECT_UNCHANGED(sys_mprotect(m, BASE, 0xffffffffUL, PROT_READ), -ENOMEM);
	EXPECT_UNCHANGED(sys_mprotect(m, BASE, 0xfffff000UL, PROT_READ), -ENOMEM);
	EXPECT_UNCHANGED(sys_mprotect(m, 0xfffff000UL, P, PROT_READ), -ENOMEM);
	EXPECT_UNCHANGED(sys_madvise(m, BASE, 0xffffffffUL, dontneed), -EINVAL);
	EXPECT_UNCHANGED(sys_madvise(m, BASE, 0xfffff000UL, dontneed), -EINVAL);
	EXPECT_UNCHANGED(sys_mlock(m, BASE, 0xfffff000UL), -EINVAL);
	EXPECT_UNCHANGED(sys_mremap(m, BASE, P, 0xffffffffUL, 0, 0), -EINVAL);
	EXPECT_UNCHANGED(sys_mremap(m, BASE, P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
				    0xfffff000UL), -EINVAL);
	EXPECT_UNCHANGED(sys_mremap(m, BASE, P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
				    TASK_SIZE - P), -EINVAL);

	/* the last page below TASK_SIZE can be had */
	cr_assert_eq(t_mmap(TASK_SIZE - P, P, RW, ANON_FIXED), (long)(TASK_SIZE - P));
	cr_assert_eq(t_write_str(TASK_SIZE - 4, "end"), 0);
	expect_str(TASK_SIZE - 4, "end");
	/* an access running past it faults at TASK_SIZE: init is not killed */
	cr_assert_eq(t_touch(TASK_SIZE - P, 2 * P, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGSEGV);
	cr_assert_eq(t_fault.addr, TASK_SIZE);
	cr_assert_eq(m->init_task->state, TASK_RUNNING);
}

/*
 * A hint is only a hint: whatever it is, mmap without MAP_FIXED gives a
 * page-aligned range below TASK_SIZE that it really maps. (0xffffffff
 * PAGE_ALIGNs to 0 in 2.6.18, whose arch_get_unmapped_area then takes
 * page 0; today's kernel rounds the hint down and falls back to the first
 * fit: the two disagree, so only the outcome's soundness is checked.)
 */
Test(bounds, mmap_hints_past_task_size_give_a_sound_mapping, .timeout = 30)
{
	static const unsigned long hints[] = { 0xffffffffUL, 0xfffff000UL, TASK_SIZE,
					       TASK_SIZE - P, 0xbfffe001UL };
	size_t i;

	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
		long r = t_mmap(hints[i], 2 * P, RW, ANON_PRIVATE);
		struct vm_area_struct *v;

		cr_assert_geq(r, 0, "hint %#lx: %ld (%s)", hints[i], r, m->errmsg);
		cr_assert_eq((unsigned long)r & ~PAGE_MASK, 0);
		cr_assert_leq((unsigned long)r + 2 * P, TASK_SIZE, "hint %#lx gave %#lx", hints[i], r);
		v = find_vma(cur_mm(), (unsigned long)r);
		cr_assert(v && v->vm_start <= (unsigned long)r && v->vm_end >= (unsigned long)r + 2 * P);
		cr_assert_eq(t_touch((unsigned long)r, 2 * P, VM_ACCESS_WRITE), 0);
		cr_assert_eq(t_munmap((unsigned long)r, 2 * P), 0);
	}
}

/*
 * A child's access past TASK_SIZE, or through a length that runs past the
 * end of 32 bits, is SIGSEGV: the child dies of it, nothing else changes;
 * brk to 0xffffffff leaves the break where it was (sys_brk returns the
 * old break: brk never fails).
 */
Test(bounds, child_access_past_task_size_and_brk_to_the_top, .timeout = 30)
{
	struct exec_layout l = { 0, 0, 0, 0 };
	unsigned long brk0, used0;
	int status;

	cr_assert_eq(do_execve(m, "prog", &l), 0, "exec: %s", m->errmsg);
	CHECK_VALID();
	brk0 = cur_mm()->brk;
	EXPECT_UNCHANGED(sys_brk(m, 0xffffffffUL), (long)brk0);
	EXPECT_UNCHANGED(sys_brk(m, TASK_SIZE), (long)brk0);

	used0 = frames_used();
	cr_assert_eq(t_fork(), 2);
	t_use(2);
	cr_assert_eq(t_touch(0xfffff000UL, P, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGSEGV);
	cr_assert_eq(t_fault.addr, 0xfffff000UL);
	EXPECT_TASK_KILLED(2, SIGSEGV);
	cr_assert_eq(frames_used(), used0, "the child's memory is all back");
	t_use(1);
	cr_assert_eq(t_wait(2, &status), 2);
	cr_assert_eq(status & 0x7f, SIGSEGV);
	cr_assert_eq(m->nr_tasks, 1);

	cr_assert_eq(t_fork(), 3);
	t_use(3);
	cr_assert_eq(t_touch(TASK_SIZE - P, 0xffffffffUL, VM_ACCESS_READ), -EFAULT);
	cr_assert_eq(t_fault.sig, SIGSEGV);
	EXPECT_TASK_KILLED(3, SIGSEGV);
	t_use(1);
	cr_assert_eq(t_wait(3, &status), 3);
}
