/*
 * fork.c - new processes, after kernel/fork.c: copy_mm shares the mm
 * (CLONE_VM) or duplicates it (dup_mm: allocate_mm, the struct copied,
 * mm_init, dup_mmap), and dup_mmap copies each VMA but VM_DONTCOPY ones
 * (clearing VM_LOCKED), takes file references, joins the share lists and
 * copies page tables for copy-on-write. Everything the copy needs is
 * allocated first, so a failing fork changes nothing.
 * Seed 001 (2.4): copy_mm, mm_init, dup_mmap's walk, build_mmap_rb, the
 * share list insertion after the parent's VMA. 2.6: mm_init's counters
 * and dup_mmap's vm_stat_account (2.6.14), dup_mm (later 2.6), copying
 * PTEs only for VMAs with an anon_vma (2.6.14's copy_page_range).
 */
#include <errno.h>
#include <string.h>
#include "mm.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "rmap.h"
#include "slab.h"

/* allocate_mm - an mm_struct from the machine's cache (zeroed), or NULL */
static struct mm_struct *allocate_mm(struct machine *m)
{
	return kmem_cache_alloc(m->mm_cachep);
}

/*
 * mm_init - what a new mm never takes from another, be it blank (mm_alloc)
 * or a copy of the parent's (dup_mm): one user and one reference, no page
 * tables, rss 0, a page directory of its own, def_flags 0 (seed 001's
 * mm_init, with 2.6's counters). vmsh adds the machine, a number for the
 * dumps, empty reserves and a place at the end of the machine's mmlist.
 * Returns mm, or NULL with mm freed (-ENOMEM: no frame for the directory).
 */
static struct mm_struct *mm_init(struct mm_struct *mm, struct machine *m)
{
	mm->machine = m;
	mm->mm_users = 1;
	mm->mm_count = 1;
	mm->nr_ptes = 0;
	mm->rss = mm->anon_rss = 0;
	mm->hiwater_rss = mm->hiwater_vm = 0;
	mm->nr_reserved = 0;
	mm->pt_reserve = NULL;
	mm->nr_pt_reserve = 0;
	if (pgd_alloc(mm)) {
		kmem_cache_free(m->mm_cachep, mm);
		return NULL;
	}
	mm->def_flags = 0;
	mm->mm_id = m->next_mm_id++;
	list_add_tail(&mm->mmlist, &m->mmlist);
	m->mmlist_nr++;
	return mm;
}

/* mm_alloc - a new, empty mm (exec's): allocate_mm, then mm_init. NULL on -ENOMEM. */
struct mm_struct *mm_alloc(struct machine *m)
{
	struct mm_struct *mm = allocate_mm(m);

	if (!mm)
		return NULL;
	mm->mm_rb = RB_ROOT;	/* the rest is zero already, as memset leaves it in 2.6 */
	return mm_init(mm, m);
}

/* mmdrop - drop a reference to the struct itself; the last frees the page directory too */
void mmdrop(struct mm_struct *mm)
{
	struct machine *m = mm->machine;

	if (--mm->mm_count)
		return;
	pgd_free(mm);
	kmem_cache_free(m->mm_cachep, mm);
}

/* mmput - drop a user: the last one leaves the mmlist, runs exit_mmap and mmdrop (seed 001) */
void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	list_del_init(&mm->mmlist);
	mm->machine->mmlist_nr--;
	exit_mmap(mm);
	mmdrop(mm);
}

/* dup_prepare - allocate the child's VMAs and page tables, charge VM_ACCOUNT: 0 or -ENOMEM */
static int dup_prepare(struct mm_struct *mm, struct mm_struct *oldmm,
		       struct vm_area_struct **pool, unsigned long *charged)
{
	struct vm_area_struct *mpnt, *tmp;

	*pool = NULL;
	*charged = 0;
	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		if (mpnt->vm_flags & VM_DONTCOPY)
			continue;
		if (mpnt->vm_flags & VM_ACCOUNT)
			*charged += vma_pages(mpnt);
		tmp = kmem_cache_alloc(mm->machine->vm_area_cachep);
		if (!tmp)
			return -ENOMEM;
		tmp->vm_next = *pool;
		*pool = tmp;
		if (vma_needs_copy(mpnt) &&
		    pgtables_prepare(mm, oldmm, mpnt->vm_start, mpnt->vm_end))
			return -ENOMEM;
	}
	if (*charged && security_vm_enough_memory(mm->machine, (long)*charged)) {
		*charged = 0;
		return -ENOMEM;
	}
	return 0;
}

/* dup_vma - the child's copy of mpnt, from the pool */
static struct vm_area_struct *dup_vma(struct mm_struct *mm, struct vm_area_struct *mpnt,
				      struct vm_area_struct **pool)
{
	struct vm_area_struct *tmp = *pool;

	*pool = tmp->vm_next;
	*tmp = *mpnt;
	tmp->vm_flags &= ~VM_LOCKED;
	tmp->vm_mm = mm;
	tmp->vm_next = tmp->vm_prev = NULL;
	INIT_LIST_HEAD(&tmp->shared);
	anon_vma_link(tmp);
	if (tmp->vm_file) {
		get_file(tmp->vm_file);
		vma_link_file_after(tmp, mpnt);	/* insert tmp into the share list, just after mpnt */
	}
	return tmp;
}

/*
 * dup_mmap - copy oldmm's VMAs and PTEs into mm (seed 001's walk), then
 * build the red-black tree. mm starts with no VMAs of its own, whatever
 * it copied from oldmm. Returns 0, or -ENOMEM with mm still empty.
 */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *mpnt, *tmp, *pool, **pprev = &mm->mmap, *prev = NULL;
	unsigned long charged;

	vm_enter(m, "dup_mmap", "dup_mmap(map_count=%d)", oldmm->map_count);
	mm->locked_vm = 0;		/* seed 001's basic initialization */
	mm->mmap = mm->mmap_cache = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mm->highest_vm_end = 0;
	if (dup_prepare(mm, oldmm, &pool, &charged)) {
		while (pool) {
			tmp = pool->vm_next;
			kmem_cache_free(m->vm_area_cachep, pool);
			pool = tmp;
		}
		vm_leave(m, "dup_mmap", -ENOMEM);
		return vm_error(m, -ENOMEM, "out of memory copying the address space");
	}
	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		if (mpnt->vm_flags & VM_DONTCOPY) {
			mm->total_vm -= vma_pages(mpnt);
			vm_stat_account(mm, mpnt->vm_flags, mpnt->vm_file, -(long)vma_pages(mpnt));
			vm_emit(m, VM_EV_STEP, "dup_mmap", mpnt, mpnt->vm_start, mpnt->vm_end, 0,
				"skip %08lx-%08lx: VM_DONTCOPY", mpnt->vm_start, mpnt->vm_end);
			continue;
		}
		tmp = dup_vma(mm, mpnt, &pool);
		tmp->vm_prev = prev;
		*pprev = tmp;
		pprev = &tmp->vm_next;
		prev = tmp;
		mm->map_count++;
		copy_page_range(mm, oldmm, mpnt);
		vm_emit(m, VM_EV_STEP, "copy_page_range", tmp, tmp->vm_start, tmp->vm_end,
			vma_needs_copy(mpnt), "%08lx-%08lx: %s", tmp->vm_start, tmp->vm_end,
			vma_needs_copy(mpnt) ? (((mpnt->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE) ?
			"PTEs copied, write-protected for COW" : "PTEs copied") :
			"no anon_vma: PTEs left for faults to fill");
	}
	build_mmap_rb(mm);
	vm_leave(m, "dup_mmap", 0);
	return 0;
}

/*
 * dup_mm - a copy of oldmm for a child (copy_mm's work in seed 001, a
 * function of its own in later 2.6): the struct copied whole, mm_init for
 * what is the child's own, dup_mmap for the VMAs and pages. NULL on
 * -ENOMEM, with everything allocated on the way given back.
 */
static struct mm_struct *dup_mm(struct machine *m, struct mm_struct *oldmm)
{
	struct mm_struct *mm = allocate_mm(m);

	if (!mm)
		return NULL;
	*mm = *oldmm;			/* most fields are the parent's */
	if (!mm_init(mm, m))
		return NULL;
	if (dup_mmap(mm, oldmm)) {
		mm->total_vm = mm->shared_vm = mm->exec_vm = mm->stack_vm = mm->reserved_vm = 0;
		mmput(mm);
		return NULL;
	}
	mm->hiwater_rss = mm->rss;
	mm->hiwater_vm = mm->total_vm;
	return mm;
}

/* alloc_pid - the next free pid after last_pid, wrapping at PID_MAX; -EAGAIN when none */
static int alloc_pid(struct machine *m)
{
	int pid = m->last_pid, tries;

	for (tries = 0; tries < PID_MAX; tries++) {
		pid = pid >= PID_MAX - 1 ? 300 : pid + 1;
		if (!find_task_by_pid(m, pid))
			return pid;
	}
	return -EAGAIN;
}

/*
 * copy_mm - give tsk its address space, as seed 001 walks it: with
 * CLONE_VM current's own, one more user; else a copy (dup_mm). The fault
 * counters start at 0. Returns 0, or -ENOMEM with tsk->mm NULL and nothing
 * else changed.
 */
static int copy_mm(struct machine *m, unsigned long clone_flags, struct task_struct *tsk)
{
	struct mm_struct *mm, *oldmm = m->current->mm;

	tsk->min_flt = tsk->maj_flt = 0;
	tsk->cmin_flt = tsk->cmaj_flt = 0;
	tsk->mm = NULL;
	if (clone_flags & CLONE_VM) {
		oldmm->mm_users++;
		mm = oldmm;
		goto good_mm;
	}
	mm = dup_mm(m, oldmm);
	if (!mm)
		return -ENOMEM;
good_mm:
	tsk->mm = mm;
	return 0;
}

/*
 * do_fork - a child of current: a task_struct, a pid, and its mm from
 * copy_mm. Returns the pid, or -EAGAIN (no pid free) or -ENOMEM with
 * nothing changed.
 */
long do_fork(struct machine *m, unsigned long clone_flags)
{
	struct task_struct *parent = m->current, *p;
	int pid = alloc_pid(m);

	vm_enter(m, "do_fork", "do_fork(%s)", (clone_flags & CLONE_VM) ? "CLONE_VM" : "");
	if (pid < 0) {
		vm_leave(m, "do_fork", pid);
		return vm_error(m, pid, "no free pid");
	}
	p = kmem_cache_alloc(m->task_cachep);
	if (!p) {
		vm_leave(m, "do_fork", -ENOMEM);
		return vm_error(m, -ENOMEM, "out of memory for a task_struct");
	}
	if (copy_mm(m, clone_flags, p)) {
		kmem_cache_free(m->task_cachep, p);
		vm_leave(m, "do_fork", -ENOMEM);
		return vm_error(m, -ENOMEM, "out of memory copying the address space");
	}
	p->pid = m->last_pid = pid;
	memcpy(p->comm, parent->comm, sizeof(p->comm));
	p->state = TASK_RUNNING;
	p->parent = parent;
	INIT_LIST_HEAD(&p->children);
	list_add_tail(&p->sibling, &parent->children);
	attach_pid(m, p);
	vm_emit(m, VM_EV_FORK, "do_fork", NULL, 0, 0, pid, "child pid %d%s, mm_users=%d", pid,
		(clone_flags & CLONE_VM) ? " shares the mm" : "", p->mm->mm_users);
	vm_leave(m, "do_fork", pid);
	return pid;
}
