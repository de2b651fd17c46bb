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

/* ---- the full snapshot: every field a failed call could change ---- */

/* snap_hash - FNV-1a of a frame's contents (they exist only once written) */
static inline unsigned long long snap_hash(const uint8_t *p, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

/* snap_vma_name - a VMA by its start, "-" for none; snap_rb_name - the same for a tree node */
static inline const char *snap_vma_name(const struct vm_area_struct *v, char *buf, size_t len)
{
	if (!v)
		return "-";
	snprintf(buf, len, "%08lx", v->vm_start);
	return buf;
}

static inline const char *snap_rb_name(const struct rb_node *n, char *buf, size_t len)
{
	return snap_vma_name(n ? rb_entry(n, struct vm_area_struct, vm_rb) : NULL, buf, len);
}

/* snap_inode_name - a file by name, or shmem by inode number */
static inline const char *snap_inode_name(const struct inode *i, char *buf, size_t len)
{
	if (!i)
		return "-";
	if (i->i_name && !(i->i_flags & S_SHMEM))
		return i->i_name;
	snprintf(buf, len, "shmem#%lu", i->i_ino);
	return buf;
}

/* snap_mapping - a whole page cache: nrpages, slots, and each cached index's frame */
static inline void snap_mapping(char **buf, size_t *cap, size_t *n, const struct inode *inode,
				const char *name)
{
	const struct address_space *a = inode->i_mapping;
	unsigned long i;

#define SNAPF(...) do { \
	if (*n + 512 > *cap) { *cap *= 2; *buf = realloc(*buf, *cap); cr_assert(*buf); } \
	*n += (size_t)snprintf(*buf + *n, *cap - *n, __VA_ARGS__); \
} while (0)
	SNAPF("pagecache %s ino %lu size %lu flags %#x nrpages %lu slots %lu tree %d\n", name,
	      inode->i_ino, inode->i_size, inode->i_flags, a->nrpages, a->nr_slots, !!a->page_tree);
	for (i = 0; a->page_tree && i < a->nr_slots; i++)
		if (a->page_tree[i])
			SNAPF(" pagecache %s [%lu] frame %lu\n", name, i,
			      page_to_pfn(m, a->page_tree[i]));
#undef SNAPF
}

/*
 * mem_snapshot_full - mem_snapshot plus everything else a call could
 * change: every field of every VMA (tree links and colour, subtree gap,
 * file and its open mode, anon_vma by id with its refcount, vm_ops, share
 * list position), every field of every mm (mm_count, layout, reserves,
 * highest_vm_end), each task's comm and children, every used
 * frame's index, owner and a hash of its contents, every page cache slot
 * (shmem ones too), each file's share list, and the objects alive in the
 * slab caches. Kernel pointers never appear (files by name, anon_vmas by
 * id), except in mem_snapshot's own VMA lines: canonicalise those with
 * snap_canon_ptrs to compare two machines. Left out on purpose, as the
 * kernel changes them in calls that fail too: mmap_cache (find_vma's
 * hint; validate_mm checks it) and the id counters (next_mm_id,
 * next_ino, next_anon_vma_id: numbers handed out, like inode numbers).
 * malloc'd.
 */
static inline char *mem_snapshot_full(void)
{
	char *base = mem_snapshot(), *buf, b1[24], b2[24], b3[24], b4[24];
	size_t cap = strlen(base) + (1 << 16), n = 0;
	struct list_head *pos, *p2;
	struct inode *inode;
	unsigned long pfn;

	buf = malloc(cap);
	cr_assert(buf);
#define SNAP3(...) do { \
	if (n + 512 > cap) { cap *= 2; buf = realloc(buf, cap); cr_assert(buf); } \
	n += (size_t)snprintf(buf + n, cap - n, __VA_ARGS__); \
} while (0)
	n += (size_t)snprintf(buf, cap, "%s", base);
	free(base);
	SNAP3("machine max_map_count %d overcommit %d totalram %lu nr_tasks %d mmlist %d free %lu\n",
	      m->sysctl_max_map_count, m->sysctl_overcommit_memory, m->totalram_pages,
	      m->nr_tasks, m->mmlist_nr, m->pgdat.nr_free);
	SNAP3("slab vm_area %zu mm %zu task %zu filp %zu\n", kmem_cache_inuse(m->vm_area_cachep),
	      kmem_cache_inuse(m->mm_cachep), kmem_cache_inuse(m->task_cachep),
	      kmem_cache_inuse(m->file_cachep));
	list_for_each(pos, &m->tasks) {
		struct task_struct *t = list_entry(pos, struct task_struct, tasks);

		SNAP3("task %d comm %.16s children", t->pid, t->comm);
		list_for_each(p2, &t->children)
			SNAP3(" %d", list_entry(p2, struct task_struct, sibling)->pid);
		SNAP3("%s\n", m->current == t ? " current" : "");
	}
	list_for_each(pos, &m->mmlist) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct, mmlist);
		struct vm_area_struct *v;

		SNAP3("mm %lu count %d highest %08lx code %lx-%lx data %lx-%lx "
		      "stack %lx arg %lx-%lx env %lx-%lx reserved_vm %lu def_flags %#lx "
		      "spares %d pt_spares %d root %s\n", mm->mm_id, mm->mm_count, mm->highest_vm_end,
		      mm->start_code, mm->end_code, mm->start_data, mm->end_data, mm->start_stack,
		      mm->arg_start, mm->arg_end, mm->env_start, mm->env_end, mm->reserved_vm,
		      mm->def_flags, mm->nr_reserved, mm->nr_pt_reserve,
		      snap_rb_name(mm->mm_rb.rb_node, b2, sizeof(b2)));
		for (v = mm->mmap; v; v = v->vm_next) {
			SNAP3(" vma %08lx mm %lu prev %s rb %s parent %s left %s right %s gap %#x ops %s",
			      v->vm_start, v->vm_mm ? v->vm_mm->mm_id : 0,
			      snap_vma_name(v->vm_prev, b1, sizeof(b1)),
			      rb_color(&v->vm_rb) == RB_RED ? "red" : "black",
			      snap_rb_name(rb_parent(&v->vm_rb), b2, sizeof(b2)),
			      snap_rb_name(v->vm_rb.rb_left, b3, sizeof(b3)),
			      snap_rb_name(v->vm_rb.rb_right, b4, sizeof(b4)), v->rb_subtree_gap,
			      v->vm_ops ? v->vm_ops->name : "-");
			if (v->anon_vma)
				SNAP3(" anon_vma #%lu ref %d", v->anon_vma->id, v->anon_vma->refcount);
			if (v->vm_file)
				SNAP3(" file %s mode %#x f_count %d",
				      snap_inode_name(v->vm_file->f_inode, b1, sizeof(b1)),
				      v->vm_file->f_mode, v->vm_file->f_count);
			SNAP3("\n");
			if (v->vm_file && (v->vm_file->f_inode->i_flags & S_SHMEM))
				snap_mapping(&buf, &cap, &n, v->vm_file->f_inode,
					     snap_inode_name(v->vm_file->f_inode, b1, sizeof(b1)));
		}
	}
	for (inode = m->files; inode; inode = inode->i_next) {
		snap_mapping(&buf, &cap, &n, inode, inode->i_name);
		SNAP3(" i_mmap %s:", inode->i_name);
		list_for_each(pos, &inode->i_mapping->i_mmap) {
			struct vm_area_struct *v = list_entry(pos, struct vm_area_struct, shared);

			SNAP3(" %lu/%08lx", v->vm_mm ? v->vm_mm->mm_id : 0, v->vm_start);
		}
		SNAP3("\n");
	}
	for (pfn = 0; pfn < m->pgdat.next_unused; pfn++) {
		const struct page *pg = &m->pgdat.mem_map[pfn];

		if (!(pg->flags & PG_used))
			continue;
		SNAP3("frame %lu index %lu owner ", pfn, (unsigned long)pg->index);
		if (!pg->mapping)
			SNAP3("-");
		else if (pg->flags & PG_anon)
			SNAP3("anon_vma#%lu", ((const struct anon_vma *)pg->mapping)->id);
		else if (pg->flags & PG_cache)
			SNAP3("cache:%s", snap_inode_name(((const struct address_space *)pg->mapping)->host,
							  b1, sizeof(b1)));
		else
			SNAP3("?");
		if (page_virtual(pg) && !(pg->flags & PG_pgtable))
			SNAP3(" data %016llx\n", snap_hash(page_virtual(pg), PAGE_SIZE));
		else
			SNAP3(" data %s\n", page_virtual(pg) ? "table" : "none");
	}
#undef SNAP3
	return buf;
}

/*
 * snap_canon_ptrs - s with the host pointers mem_snapshot prints ("file
 * 0x55..", "anon 0x55..") numbered in order of first appearance, so that
 * snapshots of two machines that went through the same calls compare
 * equal. Takes and returns a malloc'd string.
 */
static inline char *snap_canon_ptrs(char *s)
{
	size_t cap = strlen(s) + 64, n = 0, nptrs = 0, i;
	char *out = malloc(cap), *p = s, *key[2] = { "file 0x", "anon 0x" };
	unsigned long long *ptrs = NULL;

	cr_assert(out);
	while (*p) {
		char *hit = NULL;
		int k;

		for (k = 0; k < 2; k++) {
			char *h = strstr(p, key[k]);

			if (h && (!hit || h < hit))
				hit = h;
		}
		if (!hit) {
			size_t l = strlen(p);

			memcpy(out + n, p, l);
			n += l;
			break;
		}
		hit += 5;	/* past "file " / "anon " */
		memcpy(out + n, p, (size_t)(hit - p));
		n += (size_t)(hit - p);
		{
			unsigned long long v = strtoull(hit, &p, 16);

			for (i = 0; i < nptrs && ptrs[i] != v; i++)
				;
			if (i == nptrs) {
				ptrs = realloc(ptrs, (nptrs + 1) * sizeof(*ptrs));
				cr_assert(ptrs);
				ptrs[nptrs++] = v;
			}
			if (n + 32 > cap) {
				cap = cap * 2 + 32;
				out = realloc(out, cap);
				cr_assert(out);
			}
			n += (size_t)snprintf(out + n, cap - n, "P%zu", i + 1);
		}
		if (n + strlen(p) + 32 > cap) {
			cap = n + strlen(p) + 64;
			out = realloc(out, cap);
			cr_assert(out);
		}
	}
	out[n] = '\0';
	free(ptrs);
	free(s);
	return out;
}

#endif
