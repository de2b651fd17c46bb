/*
 * jpage.c - the views of pages as JSON documents (json-c): pt, frames,
 * dump and pmap, from the same walks and the same classification
 * (pagestate.c) as their text.
 */
#include <errno.h>
#include <stdio.h>

#include <json-c/json.h>

#include "vmcore.h"
#include "dump.h"
#include "dump_pt.h"
#include "pagestate.h"
#include "jview_int.h"
#include "jview.h"

#define FOUR_GIB	((unsigned long)PTRS_PER_PGD * PGDIR_SIZE)

/* jbits - an entry's bits as booleans */
static void jbits(struct json_object *o, uint32_t v)
{
	jset_bool(o, "present", v & _PAGE_PRESENT);
	jset_bool(o, "rw", v & _PAGE_RW);
	jset_bool(o, "user", v & _PAGE_USER);
	jset_bool(o, "accessed", v & _PAGE_ACCESSED);
	jset_bool(o, "dirty", v & _PAGE_DIRTY);
}

/* jsharers - [{pid, addr}] of the PTEs mapping a page, every task of a shared mm */
static struct json_object *jsharers(const struct frame_index *ix, const struct map_ent *refs,
				    size_t n)
{
	struct json_object *a = json_object_new_array(), *o;
	size_t r, k;

	for (r = 0; a && r < n; r++) {
		if (refs[r].what != MAP_PTE)
			continue;
		for (k = 0; k < refs[r].ngroup; k++) {
			o = json_object_new_object();
			jset_int(o, "pid", frame_ref_pid(ix, &refs[r], k));
			jset_int(o, "addr", refs[r].addr);
			json_object_array_add(a, o);
		}
	}
	return a;
}

/*
 * jpage - one page as pt and dump give it: the PTE (value, bits, frame),
 * the struct page (count, mapcount, kind, dirty, written, what it
 * belongs to) and its state; who shares it when sharers has any.
 */
static struct json_object *jpage(const struct page_view *pv, const struct page_sharers *sharers)
{
	struct json_object *o = json_object_new_object();
	char desc[160];

	if (!o)
		return NULL;
	jset_int(o, "addr", pv->addr);
	jset_int(o, "value", pv->pte);
	jset_int(o, "frame", pv->pfn);
	jbits(o, pv->pte);
	jset_bool(o, "protnone", (pv->pte & _PAGE_PROTNONE) && !(pv->pte & _PAGE_PRESENT));
	jset_str(o, "state", page_state_name(pv->state));
	jset_str(o, "desc", page_desc(pv, desc, sizeof(desc)));
	if (!pv->have)
		return o;
	jset_str(o, "kind", frame_kind_name(&pv->pi));
	jset_int(o, "count", pv->pi.count);
	jset_int(o, "mapcount", pv->pi.mapcount);
	jset_bool(o, "page_dirty", pv->pi.dirty);
	jset_bool(o, "written", pv->pi.written);
	if (pv->pi.anon_vma_id)
		jset_int(o, "anon_vma", (long long)pv->pi.anon_vma_id);
	if (pv->pi.host && pv->pi.host->i_name)
		jset_str(o, "file", pv->pi.host->i_name);
	if (pv->pi.cache)
		jset_int(o, "index", (long long)pv->pi.index);
	if (sharers && sharers->n)
		json_object_object_add(o, "shared_with",
				       jsharers(sharers->ix, sharers->refs, sharers->n));
	return o;
}

/* ---- pt ---- */

struct jpt {
	struct json_object *pdes;	/* the array of PDEs */
	struct json_object *ptes;	/* the PTEs of the last PDE */
	struct mm_struct *mm;
	const struct vm_area_struct *vma;
};

static int jpt_pde(pgd_t pde, unsigned long addr, unsigned long next, unsigned int nr_ptes,
		   struct mm_walk *walk)
{
	struct jpt *p = walk->private;
	struct json_object *o = json_object_new_object();

	if (!o)
		return -ENOMEM;
	jset_int(o, "index", pgd_index(addr));
	jset_int(o, "start", addr);
	jset_int(o, "end", next);
	jset_int(o, "value", pde);
	jset_int(o, "frame", pde >> PAGE_SHIFT);
	jbits(o, pde);
	jset_int(o, "nr_ptes", nr_ptes);
	p->ptes = json_object_new_array();
	json_object_object_add(o, "ptes", p->ptes);
	json_object_array_add(p->pdes, o);
	return p->ptes ? 0 : -ENOMEM;
}

static int jpt_pte(pte_t pte, unsigned long addr, struct mm_walk *walk)
{
	struct jpt *p = walk->private;
	struct page_view pv;

	if (!p->vma || addr < p->vma->vm_start || addr >= p->vma->vm_end)
		p->vma = vma_lookup_ro(p->mm, addr);
	page_view_get(p->mm->machine, p->vma, addr, pte, &pv);
	json_object_array_add(p->ptes, jpage(&pv, NULL));
	return 0;
}

struct json_object *jview_pt(int pid, struct mm_struct *mm, int one, unsigned long start,
			     unsigned long end)
{
	struct json_object *o = json_object_new_object();
	struct jpt p = { .mm = mm };
	struct mm_walk walk = { .pgd_entry = jpt_pde, .pte_entry = jpt_pte, .mm = mm, .private = &p };
	unsigned long i, s;

	if (!o)
		return NULL;
	jset_int(o, "pid", pid);
	jset_int(o, "mm_id", (long long)mm->mm_id);
	jset_int(o, "cr3", (long long)mm->pgd_pfn << PAGE_SHIFT);
	jset_int(o, "nr_ptes", (long long)mm->nr_ptes);
	jset_int(o, "rss", (long long)mm->rss * (PAGE_SIZE / 1024));
	p.pdes = json_object_new_array();
	json_object_object_add(o, "pdes", p.pdes);
	if (!one)
		start = 0, end = FOUR_GIB;
	for (i = pgd_index(start); p.pdes && i <= pgd_index(end - 1) && i < PTRS_PER_PGD; i++) {
		s = i << PGDIR_SHIFT;
		walk.pte_entry = NULL;
		walk.pgd_entry = jpt_pde;
		p.ptes = NULL;
		walk_page_range(s, s + PGDIR_SIZE, &walk);
		walk.pgd_entry = NULL;
		walk.pte_entry = jpt_pte;
		if (p.ptes)
			walk_page_range(start > s ? start : s,
					end - 1 < s + PGDIR_SIZE - 1 ? end : s + PGDIR_SIZE, &walk);
	}
	return o;
}

/* ---- frames ---- */

struct jframes {
	const struct machine *m;
	const struct frame_index *ix;
	const struct frames_filter *flt;
	struct json_object *a;
};

/* jframe - walk_frames' callback: a frame the filter lets through, and who maps it */
static int jframe(const struct page_info *pi, void *priv)
{
	struct jframes *p = priv;
	const struct map_ent *refs;
	size_t n = frame_index_find(p->ix, pi->pfn, &refs);
	struct json_object *o;
	enum page_state st;
	char desc[160];

	if (!frames_view(p->m, pi, p->ix, refs, n, p->flt, &st, desc, sizeof(desc)))
		return 0;
	o = json_object_new_object();
	jset_int(o, "pfn", pi->pfn);
	jset_int(o, "count", pi->count);
	jset_int(o, "mapcount", pi->mapcount);
	jset_str(o, "kind", frame_kind_name(pi));
	jset_str(o, "state", page_state_name(st));
	jset_str(o, "desc", desc);
	jset_bool(o, "dirty", pi->dirty);
	jset_bool(o, "written", pi->written);
	if (pi->anon_vma_id)
		jset_int(o, "anon_vma", (long long)pi->anon_vma_id);
	if (n && refs->what != MAP_PTE)
		jset_int(o, "mm_id", (long long)p->ix->tasks[refs->group].mm->mm_id);
	json_object_object_add(o, "mapped_by", jsharers(p->ix, refs, n));
	json_object_array_add(p->a, o);
	return 0;
}

struct json_object *jview_frames(const struct machine *m, const struct frames_filter *flt)
{
	struct json_object *o = json_object_new_object();
	struct frame_index ix;
	struct jframes p = { .m = m, .ix = &ix, .flt = flt };
	struct vm_meminfo mi;

	if (!o || frame_index_build(&ix, m)) {
		jview_put(o);
		return NULL;
	}
	p.a = json_object_new_array();
	json_object_object_add(o, "frames", p.a);
	if (p.a)
		walk_frames(m, jframe, &p);
	si_meminfo(m, &mi);
	jset_int(o, "in_use", (long long)(mi.totalram - mi.freeram));
	jset_int(o, "free", (long long)mi.freeram);
	jset_int(o, "total", (long long)mi.totalram);
	jset_int(o, "written", (long long)mi.written);
	jset_int(o, "shown", p.a ? (long long)json_object_array_length(p.a) : 0);
	frame_index_free(&ix);
	return o;
}

/* ---- dump ---- */

struct jdump {
	struct json_object *vmas;
	struct json_object *pages;	/* the pages of the last VMA */
	const struct mm_struct *mm;
};

static int jdump_vma(const struct vm_area_struct *vma, void *priv)
{
	struct jdump *d = priv;
	struct json_object *o = jvma_fields(vma);
	const char *name = vma_name(d->mm, vma);

	if (!o)
		return -ENOMEM;
	if (*name)
		jset_str(o, "name", name);
	d->pages = json_object_new_array();
	json_object_object_add(o, "pages", d->pages);
	json_object_array_add(d->vmas, o);
	return d->pages ? 0 : -ENOMEM;
}

static int jdump_page(const struct vm_area_struct *vma, const struct page_view *pv,
		      const struct page_sharers *sharers, void *priv)
{
	struct jdump *d = priv;

	(void)vma;
	json_object_array_add(d->pages, jpage(pv, sharers));
	return 0;
}

struct json_object *jview_dump(struct task_struct *t, unsigned long start, unsigned long end)
{
	struct json_object *o = json_object_new_object();
	struct jdump d = { .mm = t->mm };
	struct proc_walk pw = { .vma = jdump_vma, .page = jdump_page, .priv = &d, .mm = t->mm,
				.start = start, .end = end };

	if (!o)
		return NULL;
	jset_int(o, "pid", t->pid);
	jset_str(o, "comm", t->comm);
	if (end) {
		jset_int(o, "start", start);
		jset_int(o, "end", end);
	}
	json_object_object_add(o, "mm", jview_mm(t->pid, t->mm));
	d.vmas = json_object_new_array();
	json_object_object_add(o, "vmas", d.vmas);
	if (!d.vmas || proc_walk_run(&pw)) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* ---- pmap ---- */

struct json_object *jview_pmap(struct task_struct *t)
{
	struct json_object *o = json_object_new_object(), *a, *e, *tot;
	struct vm_area_struct *vma;
	struct pmap_row row;
	unsigned long k = 0, r = 0, dt = 0, sw = 0;

	if (!o)
		return NULL;
	jset_int(o, "pid", t->pid);
	jset_str(o, "comm", t->comm);
	a = json_object_new_array();
	json_object_object_add(o, "vmas", a);
	for (vma = t->mm ? t->mm->mmap : NULL; a && vma; vma = vma->vm_next) {
		pmap_row_get(t->mm, vma, &row);
		e = json_object_new_object();
		jset_int(e, "address", vma->vm_start);
		jset_int(e, "kbytes", row.kbytes);
		jset_int(e, "rss", row.rss);
		jset_int(e, "dirty", row.dirty);
		jset_int(e, "swap", row.swap);
		jset_str(e, "mode", row.mode);
		jset_str(e, "mapping", row.mapping);
		json_object_array_add(a, e);
		k += row.kbytes, r += row.rss, dt += row.dirty, sw += row.swap;
	}
	tot = json_object_new_object();
	jset_int(tot, "kbytes", k);
	jset_int(tot, "rss", r);
	jset_int(tot, "dirty", dt);
	jset_int(tot, "swap", sw);
	json_object_object_add(o, "total", tot);
	return o;
}
