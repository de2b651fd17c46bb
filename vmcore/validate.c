/*
 * validate.c - validate_mm grown up: every invariant of an address space
 * (tree, list, cache, gaps, counters) and of the machine (users of each mm,
 * mmlist, committed space, files and their share lists, leaked objects).
 * Tests run it after every operation. 2.6's validate_mm (under
 * DEBUG_MM_RB, as in 2.6.11) counted the list and the tree against
 * map_count; the rest is vmsh's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "mm.h"
#include "slab.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "rmap.h"

struct vcheck {
	char *buf;
	size_t len;
	int failed;
};

static int fail(struct vcheck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct vcheck *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->failed && c->buf && c->len) {
		va_start(ap, fmt);
		vsnprintf(c->buf, c->len, fmt, ap);
		va_end(ap);
	}
	c->failed = 1;
	return -1;
}

/* check_vma - one VMA on its own: range, flags, protection, file */
static int check_vma(struct vcheck *c, struct mm_struct *mm, const struct vm_area_struct *v)
{
	if (v->vm_mm != mm)
		return fail(c, "vma %08lx: vm_mm is wrong", v->vm_start);
	if (v->vm_start >= v->vm_end || (v->vm_start | v->vm_end) & ~PAGE_MASK)
		return fail(c, "vma %08lx-%08lx: bad range", v->vm_start, v->vm_end);
	if (v->vm_end > TASK_SIZE)
		return fail(c, "vma %08lx-%08lx: past TASK_SIZE", v->vm_start, v->vm_end);
	if (((v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) << 4) & ~v->vm_flags)
		return fail(c, "vma %08lx: a right without its VM_MAY bit (flags %#x)", v->vm_start,
			    (unsigned)v->vm_flags);
	if ((v->vm_flags & VM_SHARED) && !(v->vm_flags & VM_MAYSHARE))
		return fail(c, "vma %08lx: VM_SHARED without VM_MAYSHARE", v->vm_start);
	if (v->vm_page_prot.pgprot != vm_get_page_prot(v->vm_flags).pgprot)
		return fail(c, "vma %08lx: vm_page_prot %#x does not match flags", v->vm_start,
			    v->vm_page_prot.pgprot);
	if ((v->vm_flags & VM_ACCOUNT) && (v->vm_flags & VM_SHARED))
		return fail(c, "vma %08lx: shared VMA carries VM_ACCOUNT", v->vm_start);
	if ((v->vm_flags & VM_MAYSHARE) && !v->vm_file)
		return fail(c, "vma %08lx: shared anonymous VMA without its shmem file", v->vm_start);
	if (v->vm_file && list_empty(&v->shared))
		return fail(c, "vma %08lx: file VMA not on the share list", v->vm_start);
	if (v->vm_file && v->vm_file->f_count < 1)
		return fail(c, "vma %08lx: file with no references", v->vm_start);
	return 0;
}

/* subtree_gap - recompute rb_subtree_gap below rb and compare; -1 on mismatch */
static long subtree_gap(struct vcheck *c, const struct rb_node *rb)
{
	const struct vm_area_struct *v;
	long l, r, g;

	if (!rb)
		return 0;
	v = rb_entry(rb, struct vm_area_struct, vm_rb);
	l = subtree_gap(c, rb->rb_left);
	r = subtree_gap(c, rb->rb_right);
	if (l < 0 || r < 0)
		return -1;
	g = (long)(v->vm_start - (v->vm_prev ? v->vm_prev->vm_end : 0));
	if (l > g)
		g = l;
	if (r > g)
		g = r;
	if ((unsigned long)g != v->rb_subtree_gap)
		return fail(c, "vma %08lx: rb_subtree_gap %#x, should be %#lx", v->vm_start,
			    v->rb_subtree_gap, (unsigned long)g);
	return g;
}

struct mm_sums {
	unsigned long total, locked, shared, exec, stack, reserved, committed;
	int count;
};

static void sum_vma(struct mm_sums *s, const struct vm_area_struct *v)
{
	unsigned long pages = vma_pages(v);

	s->count++;
	s->total += pages;
	if (v->vm_flags & VM_LOCKED)
		s->locked += pages;
	if (v->vm_file) {
		s->shared += pages;
		if ((v->vm_flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			s->exec += pages;
	} else if (v->vm_flags & (VM_GROWSUP | VM_GROWSDOWN)) {
		s->stack += pages;
	}
	if (v->vm_flags & (VM_RESERVED | VM_IO))
		s->reserved += pages;
	if (v->vm_flags & VM_ACCOUNT)
		s->committed += pages;
}

/* check_list_and_tree - list sorted and linked both ways, tree in the same order */
static int check_list_and_tree(struct vcheck *c, struct mm_struct *mm, struct mm_sums *s)
{
	const struct vm_area_struct *v, *prev = NULL;
	const struct rb_node *rb = rb_first(&mm->mm_rb);
	const char *why = NULL;
	int cache_ok = !mm->mmap_cache;

	if (rb_check(&mm->mm_rb, &why) < 0)
		return fail(c, "mm_rb is not a red-black tree: %s", why ? why : "?");
	for (v = mm->mmap; v; prev = v, v = v->vm_next, rb = rb_next(rb)) {
		if (s->count > mm->map_count + 1)
			return fail(c, "mmap list longer than map_count %d (a cycle?)", mm->map_count);
		if (check_vma(c, mm, v))
			return -1;
		if (v->vm_prev != prev)
			return fail(c, "vma %08lx: vm_prev is wrong", v->vm_start);
		if (prev && prev->vm_end > v->vm_start)
			return fail(c, "vma %08lx-%08lx overlaps or is out of order with %08lx-%08lx",
				    v->vm_start, v->vm_end, prev->vm_start, prev->vm_end);
		if (rb != &v->vm_rb)
			return fail(c, "vma %08lx: tree order differs from the list", v->vm_start);
		cache_ok |= mm->mmap_cache == v;
		sum_vma(s, v);
	}
	if (rb)
		return fail(c, "tree has more VMAs than the list");
	if (!cache_ok)
		return fail(c, "mmap_cache points to no VMA of this mm");
	if (mm->highest_vm_end != (prev ? prev->vm_end : 0))
		return fail(c, "highest_vm_end %#lx, should be %#lx", mm->highest_vm_end,
			    prev ? prev->vm_end : 0);
	return subtree_gap(c, mm->mm_rb.rb_node) < 0 ? -1 : 0;
}

static int check_counter(struct vcheck *c, const char *name, unsigned long have, unsigned long want)
{
	if (have != want)
		return fail(c, "%s is %lu, the VMAs say %lu", name, have, want);
	return 0;
}

/* validate_mm_sums - validate_mm, also giving the VM_ACCOUNT pages for the machine check */
static int validate_mm_sums(struct mm_struct *mm, struct vcheck *c, struct mm_sums *s)
{
	if (check_list_and_tree(c, mm, s))
		return -1;
	if (s->count != mm->map_count)
		return fail(c, "map_count is %d, the list holds %d", mm->map_count, s->count);
	if (check_counter(c, "total_vm", mm->total_vm, s->total) ||
	    check_counter(c, "locked_vm", mm->locked_vm, s->locked) ||
	    check_counter(c, "shared_vm", mm->shared_vm, s->shared) ||
	    check_counter(c, "exec_vm", mm->exec_vm, s->exec) ||
	    check_counter(c, "stack_vm", mm->stack_vm, s->stack) ||
	    check_counter(c, "reserved_vm", mm->reserved_vm, s->reserved))
		return -1;
	if (mm->nr_reserved)
		return fail(c, "%d reserved VMAs left over after an operation", mm->nr_reserved);
	if (mm->mm_users < 1 || mm->mm_count < 1)
		return fail(c, "mm_users %d, mm_count %d", mm->mm_users, mm->mm_count);
	return 0;
}

int validate_mm(struct mm_struct *mm, char *buf, size_t buflen)
{
	struct vcheck c = { buf, buflen, 0 };
	struct mm_sums s = { 0 };

	return validate_mm_sums(mm, &c, &s);
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/*
 * check_inode - the share list of one inode: each VMA maps this inode,
 * i_mmap_count is the list's length, each struct file's f_count equals
 * the VMAs holding it, i_writecount = writers - VM_DENYWRITE VMAs.
 * Counts the struct files seen in *nfiles.
 */
static int check_inode(struct vcheck *c, struct inode *inode, size_t *nfiles)
{
	struct address_space *mapping = inode->i_mapping;
	struct list_head *pos;
	size_t n = 0, i, run;
	long writers = 0, deny = 0;
	struct file **f;

	list_for_each(pos, &mapping->i_mmap)
		n++;
	if (n != mapping->i_mmap_count)
		return fail(c, "file %s: i_mmap_count %lu, list holds %zu", inode->i_name,
			    mapping->i_mmap_count, n);
	f = malloc((n ? n : 1) * sizeof(*f));
	if (!f)
		return fail(c, "validate: out of memory");
	i = 0;
	list_for_each(pos, &mapping->i_mmap) {
		struct vm_area_struct *v = list_entry(pos, struct vm_area_struct, shared);

		f[i++] = v->vm_file;
		deny += !!(v->vm_flags & VM_DENYWRITE);
		if (!v->vm_file || v->vm_file->f_inode != inode) {
			free(f);
			return fail(c, "file %s: share list holds a VMA of another file", inode->i_name);
		}
	}
	qsort(f, n, sizeof(*f), cmp_ptr);
	for (i = 0; i < n; i += run) {
		for (run = 1; i + run < n && f[i + run] == f[i]; run++)
			;
		(*nfiles)++;
		writers += !!(f[i]->f_mode & FMODE_WRITE);
		if ((size_t)f[i]->f_count != run) {
			int count = f[i]->f_count;

			free(f);
			return fail(c, "file %s: f_count %d, %zu VMAs hold it", inode->i_name, count, run);
		}
	}
	free(f);
	if (inode->i_writecount != writers - deny)
		return fail(c, "file %s: i_writecount %d, should be %ld (writers %ld, denywrite VMAs %ld)",
			    inode->i_name, inode->i_writecount, writers - deny, writers, deny);
	return 0;
}

/* check_files - named files, then shmem inodes reached through their first VMA;
 * adds the charged shmem pages to *committed */
static int check_files(struct vcheck *c, struct machine *m, unsigned long *committed)
{
	struct inode *inode;
	struct list_head *pos;
	size_t nfiles = 0;

	for (inode = m->files; inode; inode = inode->i_next)
		if (check_inode(c, inode, &nfiles))
			return -1;
	list_for_each(pos, &m->mmlist) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct, mmlist);
		struct vm_area_struct *v;

		for (v = mm->mmap; v; v = v->vm_next) {
			inode = v->vm_file ? v->vm_file->f_inode : NULL;
			if (!inode || !(inode->i_flags & S_SHMEM) ||
			    inode->i_mapping->i_mmap.next != &v->shared)
				continue;
			if (check_inode(c, inode, &nfiles))
				return -1;
			if (inode->i_flags & S_ACCOUNT)
				*committed += PAGE_ALIGN(inode->i_size) >> PAGE_SHIFT;
		}
	}
	if (kmem_cache_inuse(m->file_cachep) != nfiles)
		return fail(c, "%zu struct files allocated, %zu in use by VMAs",
			    kmem_cache_inuse(m->file_cachep), nfiles);
	return 0;
}

/* check_tasks - pids hashed and ordered; each mm's users are the tasks using it */
static int check_tasks(struct vcheck *c, struct machine *m)
{
	struct list_head *pos, *p2;
	int n = 0, last = 0;

	list_for_each(pos, &m->tasks) {
		struct task_struct *t = list_entry(pos, struct task_struct, tasks);

		if (t->pid <= last || find_task_by_pid(m, t->pid) != t)
			return fail(c, "pid %d: task list or pid hash is wrong", t->pid);
		last = t->pid;
		n++;
	}
	if (n != m->nr_tasks)
		return fail(c, "nr_tasks %d, list holds %d", m->nr_tasks, n);
	list_for_each(pos, &m->mmlist) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct, mmlist);
		int users = 0;

		list_for_each(p2, &m->tasks)
			users += list_entry(p2, struct task_struct, tasks)->mm == mm;
		if (users != mm->mm_users)
			return fail(c, "mm %lu: mm_users %d, %d tasks use it", mm->mm_id, mm->mm_users, users);
	}
	return 0;
}

static int check_pages(struct vcheck *c, struct machine *m);

int validate_machine(struct machine *m, char *buf, size_t buflen)
{
	struct vcheck c = { buf, buflen, 0 };
	struct list_head *pos;
	unsigned long committed = 0, vmas = 0;
	int nmm = 0;

	list_for_each(pos, &m->mmlist) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct, mmlist);
		struct mm_sums s = { 0 };

		if (validate_mm_sums(mm, &c, &s))
			return -1;
		committed += s.committed;
		vmas += (unsigned long)s.count;
		nmm++;
	}
	if (nmm != m->mmlist_nr)
		return fail(&c, "mmlist_nr %d, mmlist holds %d", m->mmlist_nr, nmm);
	if (check_files(&c, m, &committed))
		return -1;
	if (committed != m->vm_committed_space)
		return fail(&c, "vm_committed_space %lu pages, VM_ACCOUNT VMAs and shmem objects hold %lu",
			    m->vm_committed_space, committed);
	if (kmem_cache_inuse(m->vm_area_cachep) != vmas)
		return fail(&c, "%zu vm_area_structs allocated, %lu in address spaces (a leak)",
			    kmem_cache_inuse(m->vm_area_cachep), vmas);
	if (kmem_cache_inuse(m->mm_cachep) != (size_t)nmm)
		return fail(&c, "%zu mm_structs allocated, %d on the mmlist",
			    kmem_cache_inuse(m->mm_cachep), nmm);
	if (check_tasks(&c, m) || check_pages(&c, m))
		return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pages: every PTE, page table, page cache entry and frame count */

struct frame_tally {
	int32_t *count;		/* references found, per frame */
	int32_t *maps;		/* PTEs found, per frame */
	unsigned long n;
};

/* check_pte_page - the page a PTE of vma at addr maps is the right kind */
static int check_pte_page(struct vcheck *c, struct machine *m, const struct vm_area_struct *v,
			  unsigned long addr, pte_t pte, const struct page *page)
{
	if (!(page->flags & PG_used) || (page->flags & PG_pgtable))
		return fail(c, "PTE of %08lx maps frame %#lx, which is free or a page table", addr,
			    pte_pfn(pte));
	if (page == zero_page(m)) {
		if (pte & _PAGE_RW)
			return fail(c, "PTE of %08lx maps the zero page writable", addr);
		if (v->vm_flags & VM_MAYSHARE)
			return fail(c, "shared VMA %08lx maps the zero page", v->vm_start);
		return 0;
	}
	if (page->flags & PG_anon) {
		if (v->vm_flags & VM_MAYSHARE)
			return fail(c, "shared VMA %08lx maps an anonymous page at %08lx", v->vm_start, addr);
		if (page->mapping != v->anon_vma)
			return fail(c, "anonymous page at %08lx is not of its VMA's anon_vma", addr);
		return 0;
	}
	if (!v->vm_file || page->mapping != v->vm_file->f_mapping ||
	    page->index != v->vm_pgoff + ((addr - v->vm_start) >> PAGE_SHIFT))
		return fail(c, "PTE of %08lx maps frame %#lx, not its file page", addr, pte_pfn(pte));
	return 0;
}

/* check_pte - one PTE: inside its VMA, no more rights than it, counted */
static int check_pte(struct vcheck *c, struct mm_struct *mm, const struct vm_area_struct *v,
		     unsigned long addr, pte_t pte, struct frame_tally *t, unsigned long *rss,
		     unsigned long *anon)
{
	struct machine *m = mm->machine;
	const struct page *page;

	if (!v || v->vm_start > addr)
		return fail(c, "PTE of %08lx lies in no VMA", addr);
	if (!pte_present(pte))
		return fail(c, "PTE of %08lx is neither none nor present (%#x)", addr, pte);
	if ((pte & _PAGE_RW) && !(v->vm_flags & VM_WRITE))
		return fail(c, "PTE of %08lx is writable, its VMA is not", addr);
	if ((pte & _PAGE_PRESENT) && !(v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return fail(c, "PTE of %08lx is accessible in a PROT_NONE VMA", addr);
	if (pte_pfn(pte) >= m->pgdat.next_unused)
		return fail(c, "PTE of %08lx maps frame %#lx, never allocated", addr, pte_pfn(pte));
	page = pfn_to_page(m, pte_pfn(pte));
	if (check_pte_page(c, m, v, addr, pte, page))
		return -1;
	t->count[pte_pfn(pte)]++;
	if (page != zero_page(m)) {
		t->maps[pte_pfn(pte)]++;
		(*rss)++;
		*anon += !!(page->flags & PG_anon);
	}
	return 0;
}

/* check_page_table - the 1024 PTEs of table i of mm */
static int check_page_table(struct vcheck *c, struct mm_struct *mm, unsigned long i,
			    struct frame_tally *t, unsigned long *rss, unsigned long *anon)
{
	unsigned long r0 = i << PGDIR_SHIFT, r1 = r0 + PGDIR_SIZE, j;
	struct vm_area_struct *v = __find_vma(mm, r0);
	pte_t *table = page_table(mm, i);

	if (!v || v->vm_start >= r1)
		return fail(c, "page table for %08lx-%08lx is left though no VMA uses it", r0, r1);
	for (j = 0; j < PTRS_PER_PTE; j++) {
		unsigned long addr = r0 + (j << PAGE_SHIFT);

		if (pte_none(table[j]))
			continue;
		while (v && v->vm_end <= addr)
			v = v->vm_next;
		if (check_pte(c, mm, v, addr, table[j], t, rss, anon))
			return -1;
	}
	return 0;
}

/* check_mm_pages - the page directory of mm: tables, PTEs, rss */
static int check_mm_pages(struct vcheck *c, struct mm_struct *mm, struct frame_tally *t)
{
	unsigned long i, tables = 0, rss = 0, anon = 0;

	t->count[mm->pgd_pfn]++;
	for (i = 0; i < PTRS_PER_PGD; i++) {
		pgd_t pde = mm->pgd[i];

		if (!pde)
			continue;
		if (i >= USER_PTRS_PER_PGD || (pde & ~PAGE_MASK) != _PAGE_TABLE)
			return fail(c, "mm %lu: bad page directory entry %lu: %#x", mm->mm_id, i, pde);
		if ((pde >> PAGE_SHIFT) >= t->n ||
		    !(pfn_to_page(mm->machine, pde >> PAGE_SHIFT)->flags & PG_pgtable))
			return fail(c, "mm %lu: entry %lu points to a frame that is no page table", mm->mm_id, i);
		t->count[pde >> PAGE_SHIFT]++;
		tables++;
		if (check_page_table(c, mm, i, t, &rss, &anon))
			return -1;
	}
	if (tables != mm->nr_ptes)
		return fail(c, "mm %lu: nr_ptes %lu, the directory holds %lu", mm->mm_id, mm->nr_ptes, tables);
	if (rss != mm->rss || anon != mm->anon_rss)
		return fail(c, "mm %lu: rss %lu anon_rss %lu, the PTEs say %lu and %lu", mm->mm_id,
			    mm->rss, mm->anon_rss, rss, anon);
	return 0;
}

/* check_page_cache - the cached pages of one file */
static int check_page_cache(struct vcheck *c, struct address_space *mapping, struct frame_tally *t)
{
	unsigned long i, n = 0;

	for (i = 0; mapping->page_tree && i < mapping->nr_slots; i++) {
		struct page *page = mapping->page_tree[i];

		if (!page)
			continue;
		if (!(page->flags & PG_cache) || page->mapping != mapping || page->index != i)
			return fail(c, "file %s: page cache slot %lu holds a foreign page",
				    mapping->host->i_name, i);
		t->count[page - mapping->host->machine->pgdat.mem_map]++;
		n++;
	}
	if (n != mapping->nrpages)
		return fail(c, "file %s: nrpages %lu, the cache holds %lu", mapping->host->i_name,
			    mapping->nrpages, n);
	return 0;
}

/* check_frame_counts - each frame's _count and _mapcount equal what holds it */
static int check_frame_counts(struct vcheck *c, struct machine *m, struct frame_tally *t)
{
	unsigned long pfn, used = 0;

	t->count[0]++;			/* the zero page is reserved */
	for (pfn = 0; pfn < t->n; pfn++) {
		const struct page *page = &m->pgdat.mem_map[pfn];

		if (!(page->flags & PG_used)) {
			if (t->count[pfn])
				return fail(c, "free frame %#lx is still referenced", pfn);
			continue;
		}
		used++;
		if (page->_count != t->count[pfn])
			return fail(c, "frame %#lx: _count %d, %d references found%s", pfn, page->_count,
				    t->count[pfn], t->count[pfn] ? "" : " (a leak)");
		if (pfn && !(page->flags & PG_pgtable) && page->_mapcount + 1 != t->maps[pfn])
			return fail(c, "frame %#lx: _mapcount %d, %d PTEs map it", pfn, page->_mapcount,
				    t->maps[pfn]);
	}
	if (used != m->pgdat.nr_pages - m->pgdat.nr_free)
		return fail(c, "%lu frames in use, the allocator says %lu", used,
			    m->pgdat.nr_pages - m->pgdat.nr_free);
	return 0;
}

/* check_anon_vmas - each anon_vma's refcount is the VMAs pointing at it */
static int check_anon_vmas(struct vcheck *c, struct machine *m)
{
	struct list_head *pos;
	unsigned long n = 0, i, run, distinct = 0;
	struct anon_vma **a;

	list_for_each(pos, &m->mmlist)
		n += (unsigned long)list_entry(pos, struct mm_struct, mmlist)->map_count;
	a = malloc((n ? n : 1) * sizeof(*a));
	if (!a)
		return fail(c, "validate: out of memory");
	n = 0;
	list_for_each(pos, &m->mmlist) {
		struct vm_area_struct *v;

		for (v = list_entry(pos, struct mm_struct, mmlist)->mmap; v; v = v->vm_next)
			if (v->anon_vma)
				a[n++] = v->anon_vma;
	}
	qsort(a, n, sizeof(*a), cmp_ptr);
	for (i = 0; i < n; i += run, distinct++) {
		for (run = 1; i + run < n && a[i + run] == a[i]; run++)
			;
		if ((unsigned long)a[i]->refcount != run) {
			int rc = a[i]->refcount;

			free(a);
			return fail(c, "anon_vma: refcount %d, %lu VMAs use it", rc, run);
		}
	}
	free(a);
	if (distinct != m->nr_anon_vmas)
		return fail(c, "%lu anon_vmas alive, VMAs use %lu", m->nr_anon_vmas, distinct);
	return 0;
}

/* check_pages - every paging invariant of the machine */
static int check_pages(struct vcheck *c, struct machine *m)
{
	struct frame_tally t = { NULL, NULL, m->pgdat.next_unused };
	struct list_head *pos;
	struct inode *inode;
	int err = 0;

	t.count = calloc(t.n ? t.n : 1, sizeof(*t.count));
	t.maps = calloc(t.n ? t.n : 1, sizeof(*t.maps));
	if (!t.count || !t.maps)
		err = fail(c, "validate: out of memory");
	list_for_each(pos, &m->mmlist) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct, mmlist);
		struct vm_area_struct *v;

		if (!err)
			err = check_mm_pages(c, mm, &t);
		for (v = mm->mmap; v && !err; v = v->vm_next) {
			inode = v->vm_file ? v->vm_file->f_inode : NULL;
			if (inode && (inode->i_flags & S_SHMEM) &&
			    inode->i_mapping->i_mmap.next == &v->shared)
				err = check_page_cache(c, inode->i_mapping, &t);
		}
	}
	for (inode = m->files; inode && !err; inode = inode->i_next)
		err = check_page_cache(c, inode->i_mapping, &t);
	if (!err)
		err = check_frame_counts(c, m, &t);
	if (!err)
		err = check_anon_vmas(c, m);
	free(t.count);
	free(t.maps);
	return err;
}
