/*
 * vmtest.h - what every vmcore unit test shares: a fresh machine per test,
 * system-call wrappers that run validate_machine after every call, a
 * compact picture of the address space to compare against, and a full
 * snapshot of the machine to prove that a failed call changed nothing.
 */
#ifndef VMSH_VMTEST_H
#define VMSH_VMTEST_H

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mm.h"
#include "slab.h"

static struct machine *m;

static inline void vm_setup(void)
{
	m = machine_create(256ULL << 20);
	cr_assert(m, "machine_create failed");
}

static inline void vm_teardown(void)
{
	char why[256];

	if (!m)
		return;
	cr_expect_eq(validate_machine(m, why, sizeof(why)), 0, "validate at teardown: %s", why);
	machine_destroy(m);
	m = NULL;
	cr_expect_eq(kmalloc_inuse(), 0, "%lu blocks leaked", kmalloc_inuse());
}

#define CHECK_VALID() do { \
	char why_[256]; \
	cr_assert_eq(validate_machine(m, why_, sizeof(why_)), 0, "validate_machine: %s", why_); \
} while (0)

#define ANON_PRIVATE (MAP_PRIVATE | MAP_ANONYMOUS)
#define ANON_FIXED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define RW (PROT_READ | PROT_WRITE)

static inline struct mm_struct *cur_mm(void)
{
	return m->current->mm;
}

/* The system calls, each followed by the validator. */
static inline long t_mmap(unsigned long addr, unsigned long len, unsigned long prot,
			  unsigned long flags)
{
	long r;

	vm_clear_error(m);
	r = sys_mmap(m, addr, len, prot, flags, NULL, 0);
	CHECK_VALID();
	return r;
}

static inline long t_mmap_file(unsigned long addr, unsigned long len, unsigned long prot,
			       unsigned long flags, const char *name, unsigned long off)
{
	long r;

	vm_clear_error(m);
	r = sys_mmap(m, addr, len, prot, flags, file_lookup(m, name), off);
	CHECK_VALID();
	return r;
}

#define T_WRAP(name, call) \
	static inline long name { long r; vm_clear_error(m); r = call; CHECK_VALID(); return r; }
T_WRAP(t_munmap(unsigned long a, size_t l), sys_munmap(m, a, l))
T_WRAP(t_mprotect(unsigned long a, size_t l, unsigned long p), sys_mprotect(m, a, l, p))
T_WRAP(t_mlock(unsigned long a, size_t l), sys_mlock(m, a, l))
T_WRAP(t_munlock(unsigned long a, size_t l), sys_munlock(m, a, l))
T_WRAP(t_madvise(unsigned long a, size_t l, int adv), sys_madvise(m, a, l, adv))
T_WRAP(t_mremap(unsigned long a, unsigned long ol, unsigned long nl, unsigned long f, unsigned long na),
       sys_mremap(m, a, ol, nl, f, na))
T_WRAP(t_brk(unsigned long b), sys_brk(m, b))
#undef T_WRAP

/*
 * maps_str - the address space as "start-end perms pgoff-in-hex name",
 * one VMA per ';'-separated item, e.g. "40000000-40001000 rw-p 0;...".
 * The offset is vm_pgoff << 12 for file VMAs and 0 for anonymous ones
 * (as /proc/PID/maps prints it).
 */
static inline const char *maps_str(void)
{
	static char buf[8192];
	struct vm_area_struct *v;
	size_t n = 0;

	buf[0] = '\0';
	for (v = cur_mm()->mmap; v && n < sizeof(buf) - 128; v = v->vm_next) {
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%08lx-%08lx %c%c%c%c %lx%s%s",
				      n ? ";" : "", v->vm_start, v->vm_end,
				      v->vm_flags & VM_READ ? 'r' : '-',
				      v->vm_flags & VM_WRITE ? 'w' : '-',
				      v->vm_flags & VM_EXEC ? 'x' : '-',
				      v->vm_flags & VM_MAYSHARE ? 's' : 'p',
				      v->vm_file ? (unsigned long)v->vm_pgoff << PAGE_SHIFT : 0UL,
				      v->vm_file ? " " : "", v->vm_file ? v->vm_file->f_inode->i_name : "");
	}
	return buf;
}

#define EXPECT_MAPS(want) cr_assert_str_eq(maps_str(), want)

/*
 * snapshot - every field of every VMA of every mm, the mm counters, the
 * files' counts and the committed space, as text: two equal snapshots mean
 * an unchanged machine. Returns a malloc'd string.
 */
static inline char *snapshot(void)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	struct list_head *pos;
	struct inode *inode;

#define SNAP(...) do { \
	if (n + 512 > cap) { cap *= 2; buf = realloc(buf, cap); cr_assert(buf); } \
	n += (size_t)snprintf(buf + n, cap - n, __VA_ARGS__); \
} while (0)
	cr_assert(buf);
	SNAP("committed %lu tasks %d\n", m->vm_committed_space, m->nr_tasks);
	list_for_each(pos, &m->mmlist) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct, mmlist);
		struct vm_area_struct *v;

		SNAP("mm %lu: map_count %d total %lu locked %lu shared %lu exec %lu stack %lu brk %lx-%lx users %d\n",
		     mm->mm_id, mm->map_count, mm->total_vm, mm->locked_vm, mm->shared_vm,
		     mm->exec_vm, mm->stack_vm, mm->start_brk, mm->brk, mm->mm_users);
		for (v = mm->mmap; v; v = v->vm_next)
			SNAP(" %08lx-%08lx flags %x prot %x pgoff %x file %p anon %p\n",
			     v->vm_start, v->vm_end, (unsigned)v->vm_flags, v->vm_page_prot.pgprot,
			     (unsigned)v->vm_pgoff, (void *)v->vm_file, (void *)v->anon_vma);
	}
	for (inode = m->files; inode; inode = inode->i_next)
		SNAP("file %s size %lu maps %lu writecount %d count %d\n", inode->i_name,
		     inode->i_size, inode->i_mapping->i_mmap_count, inode->i_writecount, inode->i_count);
#undef SNAP
	return buf;
}

/*
 * EXPECT_FAILS_UNCHANGED(call, err) - call returns err and the machine is
 * exactly as it was before.
 */
#define EXPECT_FAILS_UNCHANGED(call, err) do { \
	char *before_ = snapshot(), *after_; \
	long r_ = (call); \
	after_ = snapshot(); \
	cr_expect_eq(r_, (long)(err), "%s returned %ld, expected %ld", #call, r_, (long)(err)); \
	if (strcmp(after_, before_)) \
		cr_log_error("before:\n%s\nafter:\n%s", before_, after_); \
	cr_expect(!strcmp(after_, before_), "%s changed the machine", #call); \
	free(before_); \
	free(after_); \
} while (0)

/*
 * failslab_sweep - run op with its 1st, 2nd, ... allocation failing until it
 * succeeds; each failing run must return -ENOMEM and leave the machine
 * exactly as before (op must be repeatable from the same state: it is only
 * re-run after failures, which changed nothing). Returns op's final result.
 */
static inline long failslab_sweep(long (*op)(void), long fail_err)
{
	unsigned long nth;
	long r = 0;

	for (nth = 1; nth < 1000; nth++) {
		char *before = snapshot(), *after;

		failslab_set(nth);
		r = op();
		failslab_set(0);
		CHECK_VALID();
		after = snapshot();
		if (r >= 0 || r != fail_err) {
			free(before);
			free(after);
			break;
		}
		if (strcmp(after, before)) {
			cr_log_error("before:\n%s\nafter:\n%s", before, after);
			free(before);
			free(after);
			cr_assert_fail("failing allocation %lu changed the machine", nth);
		}
		free(before);
		free(after);
	}
	return r;
}

/*
 * layout_str - what a flag change leaves, without pointers (so that two
 * machines compare): maps_str, each VMA's vm_flags and whether it has an
 * anon_vma, and the mm's counters and the committed space.
 */
static inline char *layout_str(void)
{
	size_t cap = 1 << 14, n = 0;
	char *buf = malloc(cap);
	struct vm_area_struct *v;
	struct mm_struct *mm = cur_mm();

	cr_assert(buf);
	n += (size_t)snprintf(buf, cap, "%s\ncommitted %lu map_count %d total %lu locked %lu "
			      "shared %lu exec %lu rss %lu\n", maps_str(), m->vm_committed_space,
			      mm->map_count, mm->total_vm, mm->locked_vm, mm->shared_vm,
			      mm->exec_vm, (unsigned long)mm->rss);
	for (v = mm->mmap; v && n + 64 < cap; v = v->vm_next)
		n += (size_t)snprintf(buf + n, cap - n, " %08lx flags %#lx%s\n", v->vm_start,
				      (unsigned long)v->vm_flags, v->anon_vma ? " anon" : "");
	return buf;
}

/* vm_rebuild - a fresh machine with build()'s state on it (the previous one is dropped) */
static inline void vm_rebuild(void (*build)(void))
{
	machine_destroy(m);
	vm_setup();
	build();
}

/*
 * failslab_sweep_steps - for a call that changes [start, end) one VMA at
 * a time (mprotect, mlock, munlock, madvise), on the state build() makes:
 * op(end) runs it over [start, end). Each of its allocations fails in
 * turn (on a fresh machine each time) until it succeeds; each failing run
 * must return fail_err (op's own failure, a hole, is not one: any result
 * once all its allocations were failed in turn ends the sweep) and leave
 * the address space as Linux leaves it:
 * as the same call, successful, over [start, X) leaves it, X the start of
 * the VMA whose step failed (start itself when the first step failed).
 * X is looked for among start and the VMA boundaries inside the range.
 * Returns the number of failing runs; the machine is build()'s after.
 */
static inline int failslab_sweep_steps(void (*build)(void), long (*op)(unsigned long end),
				       unsigned long start, unsigned long end, long fail_err)
{
	unsigned long nth, cand[64], x, c0;
	int ncand, i, fails = 0;

	for (nth = 1; nth < 1000; nth++) {
		struct vm_area_struct *v;
		char *after, *want;
		long r;

		vm_rebuild(build);
		ncand = 0;
		cand[ncand++] = start;
		for (v = cur_mm()->mmap; v && ncand < 62; v = v->vm_next) {
			if (v->vm_start > start && v->vm_start < end)
				cand[ncand++] = v->vm_start;
			if (v->vm_end > start && v->vm_end < end)
				cand[ncand++] = v->vm_end;
		}
		c0 = failslab_count();
		failslab_set(nth);
		r = op(end);
		failslab_set(0);
		CHECK_VALID();
		if (failslab_count() - c0 < nth)
			break;		/* the call made fewer allocations: all were failed */
		cr_expect_eq(r, fail_err, "allocation %lu failing: %ld, expected %ld", nth, r,
			     fail_err);
		fails++;
		after = layout_str();
		for (i = 0; i < ncand; i++) {
			x = cand[i];
			vm_rebuild(build);
			if (x > start)
				op(x);
			want = layout_str();
			if (!strcmp(want, after)) {
				free(want);
				break;
			}
			free(want);
		}
		if (i == ncand)
			cr_log_error("allocation %lu failing left:\n%s", nth, after);
		cr_expect_lt(i, ncand, "allocation %lu failing: the machine is not as the call "
			     "over any [start, X) leaves it", nth);
		free(after);
	}
	vm_rebuild(build);
	return fails;
}

#endif
