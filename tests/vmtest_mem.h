/*
 * vmtest_mem.h - what the paging tests share on top of vmtest.h: the
 * simulated CPU's accesses (t_touch, t_read, t_write around access_vm),
 * processes (t_fork, t_clone_vm, t_exit, t_wait, t_use), each followed by
 * the validator as vmtest.h's wrappers are; lookups of PTEs, pages and
 * tasks; and a snapshot that also holds every PTE, frame count and task,
 * so that a failed call can be shown to have changed nothing at all.
 */
#ifndef VMSH_VMTEST_MEM_H
#define VMSH_VMTEST_MEM_H

#include <signal.h>
#include "vmtest.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "rmap.h"
#include "filemap.h"
#include "task_mmu.h"

#ifndef P
#define P	PAGE_SIZE
#endif
#ifndef BASE
#define BASE	TASK_UNMAPPED_BASE
#endif
#define SHARED_FIXED	(MAP_SHARED | MAP_FIXED)
#define PRIVATE_FIXED	(MAP_PRIVATE | MAP_FIXED)

/* the last access's fault: sig 0, or the signal that killed the task, and where */
static struct vm_fault_info t_fault;

/* vm_setup_small - a machine of 1 MiB: 256 frames, for running out of memory */
static inline void vm_setup_small(void)
{
	m = machine_create(1ULL << 20);
	cr_assert(m, "machine_create failed");
	cr_assert_eq(m->pgdat.nr_pages, 256);
}

/* ---- the CPU's accesses, validated ---- */

static inline long t_access(unsigned long addr, unsigned long len, int access, void *rbuf,
			    const void *wbuf)
{
	long r;

	cr_assert(m->current && m->current->mm, "the current task has no mm (it has exited)");
	vm_clear_error(m);
	r = access_vm(m, addr, len, access, rbuf, wbuf, &t_fault);
	CHECK_VALID();
	return r;
}

/* t_touch - access every page of [addr, addr+len) without moving bytes */
static inline long t_touch(unsigned long addr, unsigned long len, int access)
{
	return t_access(addr, len, access, NULL, NULL);
}

static inline long t_read(unsigned long addr, void *buf, unsigned long len)
{
	return t_access(addr, len, VM_ACCESS_READ, buf, NULL);
}

static inline long t_write(unsigned long addr, const void *buf, unsigned long len)
{
	return t_access(addr, len, VM_ACCESS_WRITE, NULL, buf);
}

static inline long t_write_str(unsigned long addr, const char *s)
{
	return t_write(addr, s, strlen(s));
}

/* ---- processes, validated ---- */

static inline long t_fork(void)
{
	long r;

	vm_clear_error(m);
	r = do_fork(m, 0);
	CHECK_VALID();
	return r;
}

static inline long t_clone_vm(void)
{
	long r;

	vm_clear_error(m);
	r = do_fork(m, CLONE_VM);
	CHECK_VALID();
	return r;
}

static inline long t_exit(int pid, int code)
{
	long r;

	vm_clear_error(m);
	r = sys_exit(m, pid, code);
	CHECK_VALID();
	return r;
}

static inline long t_wait(int pid, int *status)
{
	long r;

	vm_clear_error(m);
	r = sys_wait(m, pid, status);
	CHECK_VALID();
	return r;
}

static inline struct task_struct *task_of(int pid)
{
	struct task_struct *t = find_task_by_pid(m, pid);

	cr_assert(t, "no task %d", pid);
	return t;
}

/* t_use - make pid the task system calls and accesses act on */
static inline void t_use(int pid)
{
	m->current = task_of(pid);
	CHECK_VALID();
}

static inline struct mm_struct *mm_of(int pid)
{
	struct mm_struct *mm = task_of(pid)->mm;

	cr_assert(mm, "task %d has no mm", pid);
	return mm;
}

/* ---- looking at pages ---- */

/* pte_at - the PTE of addr in mm, 0 when none or no page table */
static inline pte_t pte_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_offset_map(mm, addr);

	return pte ? *pte : 0;
}

/* page_at - the frame addr maps in mm, NULL when its PTE is none */
static inline struct page *page_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t pte = pte_at(mm, addr);

	return pte_none(pte) ? NULL : pfn_to_page(m, pte_pfn(pte));
}

static inline unsigned long pfn_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t pte = pte_at(mm, addr);

	cr_assert(!pte_none(pte), "no PTE for %08lx", addr);
	return pte_pfn(pte);
}

static inline unsigned long frames_used(void)
{
	return m->pgdat.nr_pages - m->pgdat.nr_free;
}

static inline void mkfile(const char *name, unsigned long size)
{
	cr_assert_eq(file_create(m, name, size), 0, "file_create(%s)", name);
}

static inline struct inode *inode_of(const char *name)
{
	struct inode *inode = file_lookup(m, name);

	cr_assert(inode, "no file %s", name);
	return inode;
}

/* expect_bytes - [addr, addr+len) of current reads as len copies of c */
static inline void expect_bytes(unsigned long addr, unsigned long len, char c)
{
	char *buf = malloc(len);
	unsigned long i;

	cr_assert(buf);
	cr_assert_eq(t_read(addr, buf, len), 0, "read %08lx: %s", addr, m->errmsg);
	for (i = 0; i < len && buf[i] == c; i++)
		;
	cr_assert_eq(i, len, "byte %08lx is %#x, expected %#x", addr + i, buf[i < len ? i : 0] & 0xff,
		     c & 0xff);
	free(buf);
}

/* expect_str - addr of current reads as s */
static inline void expect_str(unsigned long addr, const char *s)
{
	char buf[256] = { 0 };
	size_t n = strlen(s);

	cr_assert(n < sizeof(buf));
	cr_assert_eq(t_read(addr, buf, n), 0, "read %08lx: %s", addr, m->errmsg);
	cr_assert_str_eq(buf, s);
}

#define EXPECT_TASK_KILLED(pid, sig) do { \
	struct task_struct *t_ = task_of(pid); \
	cr_assert_eq(t_->state, EXIT_ZOMBIE, "task %d is not a zombie", pid); \
	cr_assert_eq(t_->exit_signal, (sig), "task %d: exit_signal %d, expected %d", pid, \
		     t_->exit_signal, (sig)); \
	cr_assert_null(t_->mm); \
} while (0)

/* ---- a snapshot of everything paging adds ---- */

/* snap_mm_pages - counters and every PTE of mm, appended to *buf */
static inline void snap_mm_pages(char **buf, size_t *cap, size_t *n, struct mm_struct *mm)
{
	unsigned long i, j;

#define SNAPM(...) do { \
	if (*n + 256 > *cap) { *cap *= 2; *buf = realloc(*buf, *cap); cr_assert(*buf); } \
	*n += (size_t)snprintf(*buf + *n, *cap - *n, __VA_ARGS__); \
} while (0)
	SNAPM("mm %lu rss %lu anon %lu ptes %lu hwm %lu hvm %lu pgd %lu\n", mm->mm_id, mm->rss,
	      mm->anon_rss, mm->nr_ptes, mm->hiwater_rss, mm->hiwater_vm, mm->pgd_pfn);
	for (i = 0; i < USER_PTRS_PER_PGD; i++) {
		pte_t *table = page_table(mm, i);

		if (!mm->pgd[i])
			continue;
		SNAPM(" pde %lu %#x\n", i, mm->pgd[i]);
		for (j = 0; table && j < PTRS_PER_PTE; j++)
			if (table[j])
				SNAPM("  pte %08lx %#x\n", (i << PGDIR_SHIFT) | (j << PAGE_SHIFT), table[j]);
	}
#undef SNAPM
}

/*
 * mem_snapshot - snapshot() plus tasks, every mm's PTEs and counters, every
 * used frame's counts and flags, the page caches and anon_vmas. malloc'd.
 */
static inline char *mem_snapshot(void)
{
	char *vmas = snapshot(), *buf;
	size_t cap = strlen(vmas) + (1 << 16), n = 0;
	struct list_head *pos;
	struct inode *inode;
	unsigned long pfn;

	buf = malloc(cap);
	cr_assert(buf);
#define SNAP2(...) do { \
	if (n + 256 > cap) { cap *= 2; buf = realloc(buf, cap); cr_assert(buf); } \
	n += (size_t)snprintf(buf + n, cap - n, __VA_ARGS__); \
} while (0)
	n += (size_t)snprintf(buf, cap, "%s", vmas);
	free(vmas);
	SNAP2("frames used %lu written %lu anon_vmas %lu last_pid %d\n",
	      frames_used(), m->pgdat.nr_written, m->nr_anon_vmas, m->last_pid);
	list_for_each(pos, &m->tasks) {
		struct task_struct *t = list_entry(pos, struct task_struct, tasks);

		SNAP2("task %d state %d mm %lu parent %d flt %lu/%lu c %lu/%lu exit %d/%d\n", t->pid,
		      t->state, t->mm ? t->mm->mm_id : 0, t->parent ? t->parent->pid : 0, t->min_flt,
		      t->maj_flt, t->cmin_flt, t->cmaj_flt, t->exit_code, t->exit_signal);
	}
	list_for_each(pos, &m->mmlist)
		snap_mm_pages(&buf, &cap, &n, list_entry(pos, struct mm_struct, mmlist));
	for (pfn = 0; pfn < m->pgdat.next_unused; pfn++) {
		const struct page *pg = &m->pgdat.mem_map[pfn];

		if (pg->flags & PG_used)
			SNAP2("frame %lu flags %#x count %d map %d\n", pfn, pg->flags, pg->_count,
			      pg->_mapcount);
	}
	for (inode = m->files; inode; inode = inode->i_next)
		SNAP2("cache %s %lu\n", inode->i_name, inode->i_mapping->nrpages);
#undef SNAP2
	return buf;
}

/*
 * mem_failslab_sweep - failslab_sweep with mem_snapshot: op run with its
 * 1st, 2nd, ... allocation failing until it succeeds; each failing run
 * must return fail_err and leave tasks, PTEs and frames as they were.
 * Returns op's final result; *runs is how many failing runs there were.
 */
static inline long mem_failslab_sweep(long (*op)(void), long fail_err, unsigned long *runs)
{
	unsigned long nth;
	long r = 0;

	*runs = 0;
	for (nth = 1; nth < 1000; nth++) {
		char *before = mem_snapshot(), *after;

		failslab_set(nth);
		r = op();
		failslab_set(0);
		CHECK_VALID();
		after = mem_snapshot();
		if (r != fail_err) {
			free(before);
			free(after);
			break;
		}
		(*runs)++;
		cr_assert_str_eq(after, before, "failing allocation %lu changed the machine", nth);
		free(before);
		free(after);
	}
	return r;
}

#endif
