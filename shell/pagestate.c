/*
 * pagestate.c - what a page is, in one place (page_view_get and the
 * state's words), and who maps each frame (frame_index: every page table
 * walked once, the references sorted by frame, as the kernel's rmap
 * would find them). Nothing here changes the machine.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmcore.h"
#include "pagestate.h"

#define FOUR_GIB	((unsigned long)PTRS_PER_PGD * PGDIR_SIZE)

static const char *const state_names[PS__COUNT] = {
	[PS_ZERO] = "zero", [PS_ANON] = "anon", [PS_COW] = "COW", [PS_WP] = "wp",
	[PS_FILE] = "file", [PS_SHARED] = "shared", [PS_PROTNONE] = "protnone",
	[PS_OTHER] = "other",
};

const char *page_state_name(enum page_state s)
{
	return (unsigned)s < PS__COUNT ? state_names[s] : "other";
}

int page_state_parse(const char *s)
{
	int i;

	for (i = 0; i < PS__COUNT; i++)
		if (strcasecmp(s, state_names[i]) == 0)
			return i;
	return -1;
}

/*
 * anon_state - an anonymous page: COW when its PTE is write-protected in
 * a writable private VMA (a write goes to do_wp_page) and it is mapped
 * more than once, wp when that write would reuse it, else plain anon.
 */
static enum page_state anon_state(const struct vm_area_struct *vma, pte_t pte,
				  const struct page_info *pi)
{
	int cow_vma = vma && (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;

	if (!cow_vma || pte_write(pte))
		return PS_ANON;
	return pi->mapcount > 1 ? PS_COW : PS_WP;
}

void page_view_get(const struct machine *m, const struct vm_area_struct *vma,
		   unsigned long addr, pte_t pte, struct page_view *pv)
{
	pv->addr = addr;
	pv->pte = pte;
	pv->pfn = pte_pfn(pte);
	pv->have = get_page_info(m, pv->pfn, &pv->pi) == 0;
	if (!pv->have)
		pv->state = PS_OTHER;
	else if (!(pte & _PAGE_PRESENT))
		pv->state = PS_PROTNONE;
	else if (pv->pi.zero)
		pv->state = PS_ZERO;
	else if (pv->pi.anon)
		pv->state = anon_state(vma, pte, &pv->pi);
	else if (pv->pi.cache && ((vma && (vma->vm_flags & VM_SHARED)) ||
				  (pv->pi.host && (pv->pi.host->i_flags & S_SHMEM))))
		pv->state = PS_SHARED;
	else if (pv->pi.cache)
		pv->state = PS_FILE;
	else
		pv->state = PS_OTHER;
}

const char *frame_kind_name(const struct page_info *pi)
{
	if (pi->zero)
		return "zero";
	if (pi->pgtable)
		return "pgtable";
	if (pi->anon)
		return "anon";
	if (pi->host && (pi->host->i_flags & S_SHMEM))
		return "shmem";
	return pi->cache ? "file" : "other";
}

/* holder_desc - what the frame holds: anon (anon_vma #N), file NAME page N, shmem page N */
static int holder_desc(const struct page_info *pi, char *buf, size_t len)
{
	const struct inode *host = pi->host;

	if (pi->zero)
		return snprintf(buf, len, "zero page");
	if (pi->pgtable)
		return snprintf(buf, len, "page table");
	if (pi->anon)
		return pi->anon_vma_id ? snprintf(buf, len, "(anon_vma #%lu)", pi->anon_vma_id) :
		       snprintf(buf, len, "(no anon_vma)");
	if (host && (host->i_flags & S_SHMEM))
		return snprintf(buf, len, "shmem page %lu", pi->index);
	if (host)
		return snprintf(buf, len, "file %s page %lu", host->i_name ? host->i_name : "?",
				pi->index);
	return snprintf(buf, len, "unknown");
}

const char *page_desc(const struct page_view *pv, char *buf, size_t len)
{
	char what[120];
	int n;

	if (!pv->have)
		return snprintf(buf, len, "(no such frame)"), buf;
	holder_desc(&pv->pi, what, sizeof(what));
	switch (pv->state) {
	case PS_ANON:	n = snprintf(buf, len, "anon %s", what); break;
	case PS_COW:	n = snprintf(buf, len, "COW %s", what); break;
	case PS_WP:	n = snprintf(buf, len, "anon %s, COW: will reuse", what); break;
	case PS_SHARED:	n = snprintf(buf, len, "shared: %s", what); break;
	case PS_PROTNONE:
		n = snprintf(buf, len, "PROT_NONE: %s%s", pv->pi.anon ? "anon " : "", what);
		break;
	default:	n = snprintf(buf, len, "%s", what); break;
	}
	if (pv->pi.dirty && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ", dirty");
	return buf;
}

const char *entry_bits(uint32_t v, int is_pte, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s %s %s %s%s",
		 v & _PAGE_PRESENT ? "P" : "-", v & _PAGE_RW ? "RW" : "--",
		 v & _PAGE_USER ? "US" : "--", v & _PAGE_ACCESSED ? "A" : "-",
		 v & _PAGE_DIRTY ? "D" : "-",
		 is_pte && (v & _PAGE_PROTNONE) && !(v & _PAGE_PRESENT) ? " PROTNONE" : "");
	return buf;
}

const struct vm_area_struct *vma_lookup_ro(const struct mm_struct *mm, unsigned long addr)
{
	const struct rb_node *n = mm ? mm->mm_rb.rb_node : NULL;
	const struct vm_area_struct *vma;

	while (n) {
		vma = rb_entry(n, struct vm_area_struct, vm_rb);
		if (addr < vma->vm_start)
			n = n->rb_left;
		else if (addr >= vma->vm_end)
			n = n->rb_right;
		else
			return vma;
	}
	return NULL;
}

/* ---- who maps each frame ---- */

static int task_ref_cmp(const void *a, const void *b)
{
	const struct task_ref *x = a, *y = b;

	if (x->mm != y->mm)
		return (uintptr_t)x->mm < (uintptr_t)y->mm ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int map_ent_cmp(const void *a, const void *b)
{
	const struct map_ent *x = a, *y = b;

	if (x->pfn != y->pfn)
		return x->pfn < y->pfn ? -1 : 1;
	if (x->what != y->what)
		return x->what < y->what ? -1 : 1;
	if (x->pid0 != y->pid0)
		return x->pid0 < y->pid0 ? -1 : 1;
	return (x->addr > y->addr) - (x->addr < y->addr);
}

/* index_add - append one reference of the group being indexed. 0 or -ENOMEM. */
static int index_add(struct frame_index *ix, unsigned long pfn, unsigned long addr,
		     enum map_what what)
{
	struct map_ent *e;

	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 256;

		e = realloc(ix->ents, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		ix->ents = e;
		ix->cap = cap;
	}
	e = &ix->ents[ix->n++];
	e->pfn = (uint32_t)pfn;
	e->addr = (uint32_t)addr;
	e->group = (uint32_t)ix->g;
	e->ngroup = (uint32_t)ix->ng;
	e->pid0 = ix->tasks[ix->g].pid;
	e->what = what;
	return 0;
}

static int index_table(pgd_t pde, unsigned long addr, unsigned long next, unsigned int nr_ptes,
		       struct mm_walk *walk)
{
	(void)next, (void)nr_ptes;
	return index_add(walk->private, pde >> PAGE_SHIFT, addr, MAP_TABLE);
}

static int index_pte(pte_t pte, unsigned long addr, struct mm_walk *walk)
{
	return index_add(walk->private, pte_pfn(pte), addr, MAP_PTE);
}

/* index_mm - every reference of one mm (used by tasks[g .. g+ng)): directory, tables, PTEs */
static int index_mm(struct frame_index *ix, size_t g, size_t ng)
{
	struct mm_walk walk = { .pgd_entry = index_table, .pte_entry = index_pte,
				.mm = ix->tasks[g].mm, .private = ix };

	ix->g = g;
	ix->ng = ng;
	if (index_add(ix, walk.mm->pgd_pfn, 0, MAP_PGD))
		return -ENOMEM;
	return walk_page_range(0, FOUR_GIB, &walk);
}

int frame_index_build(struct frame_index *ix, const struct machine *m)
{
	struct task_struct *t;
	size_t g, k;

	memset(ix, 0, sizeof(*ix));
	ix->tasks = malloc(((size_t)m->nr_tasks + 1) * sizeof(*ix->tasks));
	if (!ix->tasks)
		return -ENOMEM;
	for_each_process(m, t) {
		if (t->mm) {
			ix->tasks[ix->ntasks].mm = t->mm;
			ix->tasks[ix->ntasks++].pid = t->pid;
		}
	}
	qsort(ix->tasks, ix->ntasks, sizeof(*ix->tasks), task_ref_cmp);
	for (g = 0; g < ix->ntasks; g = k) {
		for (k = g + 1; k < ix->ntasks && ix->tasks[k].mm == ix->tasks[g].mm; k++)
			;
		if (index_mm(ix, g, k - g)) {
			frame_index_free(ix);
			return -ENOMEM;
		}
	}
	qsort(ix->ents, ix->n, sizeof(*ix->ents), map_ent_cmp);
	return 0;
}

void frame_index_free(struct frame_index *ix)
{
	free(ix->tasks);
	free(ix->ents);
	memset(ix, 0, sizeof(*ix));
}

size_t frame_index_find(const struct frame_index *ix, unsigned long pfn,
			const struct map_ent **refs)
{
	size_t lo = 0, hi = ix->n, n;

	while (lo < hi) {	/* the first reference to a frame >= pfn */
		size_t mid = lo + (hi - lo) / 2;

		if (ix->ents[mid].pfn < pfn)
			lo = mid + 1;
		else
			hi = mid;
	}
	*refs = ix->ents + lo;
	for (n = 0; lo + n < ix->n && ix->ents[lo + n].pfn == pfn; n++)
		;
	return n;
}

/* ---- a process's VMAs and their pages ---- */

/* walk_pte - one PTE of the VMA being walked: classified, its sharers found when it has some */
static int walk_pte(pte_t pte, unsigned long addr, struct mm_walk *walk)
{
	struct proc_walk *pw = walk->private;
	struct page_sharers sharers = { NULL, NULL, 0 };
	struct page_view pv;

	page_view_get(pw->mm->machine, pw->cur, addr, pte, &pv);
	if (pv.have && pv.pi.mapcount > 1) {
		if (!pw->have_ix) {
			if (frame_index_build(&pw->ix, pw->mm->machine))
				return -ENOMEM;
			pw->have_ix = 1;
		}
		sharers.ix = &pw->ix;
		sharers.n = frame_index_find(&pw->ix, pv.pfn, &sharers.refs);
	}
	return pw->page ? pw->page(pw->cur, &pv, &sharers, pw->priv) : 0;
}

int proc_walk_run(struct proc_walk *pw)
{
	struct mm_walk walk = { .pte_entry = walk_pte, .mm = pw->mm, .private = pw };
	const struct vm_area_struct *vma;
	unsigned long start = pw->start, end = pw->end ? pw->end : FOUR_GIB, s, e;
	int rc = 0;

	pw->have_ix = 0;
	for (vma = pw->mm->mmap; vma && !rc; vma = vma->vm_next) {
		if (vma->vm_end <= start)
			continue;
		if (vma->vm_start >= end)
			break;
		pw->cur = vma;
		if (pw->vma)
			rc = pw->vma(vma, pw->priv);
		s = vma->vm_start > start ? vma->vm_start : start & PAGE_MASK;
		e = vma->vm_end < end ? vma->vm_end : (end + PAGE_SIZE - 1) & PAGE_MASK;
		if (!rc)
			rc = walk_page_range(s, e, &walk);
	}
	if (pw->have_ix)
		frame_index_free(&pw->ix);
	return rc;
}

/* pmap_mapping - the Mapping column: the file's base name, or what the anonymous memory is */
static const char *pmap_mapping(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	const struct inode *ino = vma->vm_file ? vma->vm_file->f_inode : NULL;
	const char *slash;

	if (ino && (ino->i_flags & S_SHMEM))
		return "zero (deleted)";
	if (ino && ino->i_name) {
		slash = strrchr(ino->i_name, '/');
		return slash && slash[1] ? slash + 1 : ino->i_name;
	}
	if (mm->start_brk && vma->vm_start <= mm->start_brk && vma->vm_end >= mm->brk)
		return "[ heap ]";
	if (mm->start_stack && vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[ stack ]";
	return "[ anon ]";
}

void pmap_row_get(const struct mm_struct *mm, struct vm_area_struct *vma, struct pmap_row *row)
{
	struct mem_size_stats mss;
	unsigned long fl = vma->vm_flags;

	smaps_account_vma(vma, &mss);
	row->kbytes = (vma->vm_end - vma->vm_start) >> 10;
	row->rss = mss.resident >> 10;
	row->dirty = (mss.shared_dirty + mss.private_dirty) >> 10;
	row->swap = mss.swap >> 10;
	snprintf(row->mode, sizeof(row->mode), "%c%c%c%c%c", fl & VM_READ ? 'r' : '-',
		 fl & VM_WRITE ? 'w' : '-', fl & VM_EXEC ? 'x' : '-',
		 fl & VM_MAYSHARE ? 's' : '-', fl & VM_NORESERVE ? 'R' : '-');
	row->mapping = pmap_mapping(mm, vma);
}
