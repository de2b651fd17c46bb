/*
 * dump_pt.c - views below the pages' owners: the i386 page directory and
 * tables, one address's walk (after crash's vtop) with what a touch would
 * do, and the physical frames with who maps them. The walks are vmcore's
 * (pagewalk.h), what each page is pagestate.c's; this file only puts
 * them in words, in lines that fit 80 columns.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vmcore.h"
#include "dump.h"
#include "pagestate.h"
#include "dump_pt.h"

#define DESC_LEN	160	/* room for a page's or frame's description */
#define FOUR_GIB	((unsigned long)PTRS_PER_PGD * PGDIR_SIZE)	/* the whole directory */
#define CONT_INDENT	8	/* a continuation line's indentation */

static const char *frame_str(unsigned long pfn, char *buf, size_t len)
{
	snprintf(buf, len, "0x%lx", pfn);
	return buf;
}

/* ---- page tables ---- */

struct pt_walk {
	FILE *f;
	const struct mm_struct *mm;
	const struct vm_area_struct *vma;	/* the VMA of the last PTE, a cursor */
};

/* pt_vma - the VMA holding addr, moving the walk's cursor (PTEs come in address order) */
static const struct vm_area_struct *pt_vma(struct pt_walk *p, unsigned long addr)
{
	const struct vm_area_struct *v = p->vma;

	while (v && v->vm_end <= addr)
		v = v->vm_next;
	if (!v || addr < v->vm_start)
		v = vma_lookup_ro(p->mm, addr);
	if (v)
		p->vma = v;
	return v;
}

/* pt_pte - one PTE that is not none: index, address, value, frame, bits, what the page is */
static int pt_pte(pte_t pte, unsigned long addr, struct mm_walk *walk)
{
	struct pt_walk *p = walk->private;
	struct page_view pv;
	char bits[40], desc[DESC_LEN], head[96], frame[24];
	struct wline w;

	page_view_get(walk->mm->machine, pt_vma(p, addr), addr, pte, &pv);
	snprintf(head, sizeof(head), "  PTE %4lu %08lx  0x%08x  %-7s  %-11s", pte_index(addr),
		 addr, (unsigned)pte, frame_str(pv.pfn, frame, sizeof(frame)),
		 entry_bits(pte, 1, bits, sizeof(bits)));
	wl_begin(&w, p->f, CONT_INDENT);
	wl_put(&w, "", head);
	wl_put(&w, "  ", page_desc(&pv, desc, sizeof(desc)));
	if (pv.state == PS_COW)
		wl_printf(&w, ", ", "%d maps", pv.pi.mapcount);
	wl_end(&w);
	return 0;
}

/* pt_pde - a PDE with a page table: the range it covers, its value and bits, its PTEs in use */
static int pt_pde(pgd_t pde, unsigned long addr, unsigned long next, unsigned int nr_ptes,
		  struct mm_walk *walk)
{
	struct pt_walk *p = walk->private;
	char bits[40], frame[24];

	fprintf(p->f, "PDE %4lu %08lx-%08lx  0x%08x  frame %-7s  %-11s  %u PTE%s\n",
		pgd_index(addr), addr, next, (unsigned)pde,
		frame_str(pde >> PAGE_SHIFT, frame, sizeof(frame)),
		entry_bits(pde, 0, bits, sizeof(bits)), nr_ptes, nr_ptes == 1 ? "" : "s");
	return 0;
}

void dump_pt(FILE *f, int pid, struct mm_struct *mm, int one, unsigned long start,
	     unsigned long end)
{
	struct pt_walk p = { .f = f, .mm = mm, .vma = mm->mmap };
	struct mm_walk walk = { .pgd_entry = pt_pde, .pte_entry = pt_pte, .mm = mm, .private = &p };
	unsigned long i, pde_start;
	pgd_t pde;
	pte_t pte;

	fprintf(f, "pid %d, mm #%lu: cr3 0x%08lx (pgd frame 0x%lx), nr_ptes %lu, rss %lu kB\n",
		pid, mm->mm_id, mm->pgd_pfn << PAGE_SHIFT, mm->pgd_pfn, mm->nr_ptes,
		mm->rss * (PAGE_SIZE / 1024));
	if (!one) {
		walk_page_range(0, FOUR_GIB, &walk);
		return;
	}
	for (i = pgd_index(start); i <= pgd_index(end - 1) && i < PTRS_PER_PGD; i++) {
		pde_start = i << PGDIR_SHIFT;
		if (follow_pte(mm, pde_start, &pde, &pte)) {
			walk.pgd_entry = pt_pde;
			walk.pte_entry = NULL;
			walk_page_range(pde_start, pde_start + PGDIR_SIZE, &walk);
			walk.pgd_entry = NULL;
			walk.pte_entry = pt_pte;
			walk_page_range(start > pde_start ? start : pde_start,
					end - 1 < pde_start + PGDIR_SIZE - 1 ? end : pde_start + PGDIR_SIZE,
					&walk);
		} else {
			fprintf(f, "PDE %4lu %08lx-%08lx  0x%08x  none: no page table\n", i,
				pde_start, pde_start + PGDIR_SIZE, (unsigned)pde);
		}
	}
}

/* ---- translate: one address's walk ---- */

/*
 * translate_walk - the walk's steps: the directory, the PDE and, when
 * there is a table, the PTE. Returns the PTE's value (0 when the walk
 * stopped at the PDE).
 */
static pte_t translate_walk(FILE *f, int pid, struct mm_struct *mm, unsigned long addr)
{
	unsigned long cr3 = mm->pgd_pfn << PAGE_SHIFT, i = pgd_index(addr);
	pgd_t pde;
	pte_t pte;
	int table = follow_pte(mm, addr, &pde, &pte);
	char bits[40];

	fprintf(f, "VIRTUAL   PHYSICAL\n");
	if (pte & _PAGE_PRESENT)
		fprintf(f, "%08lx  %08lx\n\n", addr, (pte_pfn(pte) << PAGE_SHIFT) | (addr & ~PAGE_MASK));
	else
		fprintf(f, "%08lx  (not mapped)\n\n", addr);
	fprintf(f, "PAGE DIRECTORY: %08lx  (cr3 of pid %d: pgd frame 0x%lx of mm #%lu)\n", cr3,
		pid, mm->pgd_pfn, mm->mm_id);
	fprintf(f, "  PDE: %08lx => %08x  (index %lu: %s)\n", cr3 + i * 4, (unsigned)pde, i,
		table ? entry_bits(pde, 0, bits, sizeof(bits)) : "none");
	if (!table) {
		fprintf(f, "the walk stops here: no page table for %08lx-%08lx\n",
			i << PGDIR_SHIFT, (i << PGDIR_SHIFT) + PGDIR_SIZE);
		return 0;
	}
	fprintf(f, "  PTE: %08lx => %08x  (index %lu: %s)\n",
		((unsigned long)(pde >> PAGE_SHIFT) << PAGE_SHIFT) + pte_index(addr) * 4,
		(unsigned)pte, pte_index(addr), pte_none(pte) ? "none" :
		entry_bits(pte, 1, bits, sizeof(bits)));
	if (pte_none(pte))
		fputs("the walk stops here: PTE none (never touched since it was mapped)\n", f);
	else if (!(pte & _PAGE_PRESENT))
		fprintf(f, "the walk stops here: not present (PROT_NONE; frame 0x%lx stays mapped)\n",
			pte_pfn(pte));
	else
		fprintf(f, " PAGE: %08lx  (frame 0x%lx)\n", pte_pfn(pte) << PAGE_SHIFT, pte_pfn(pte));
	return pte;
}

/* translate_sharers - "COW: shared by PID:ADDR ...", from every page table */
static void translate_sharers(FILE *f, const struct machine *m, unsigned long pfn)
{
	struct frame_index ix;
	const struct map_ent *refs;
	size_t n;
	struct wline w;

	if (frame_index_build(&ix, m))
		return;
	n = frame_index_find(&ix, pfn, &refs);
	wl_begin(&w, f, CONT_INDENT);
	wl_put(&w, "", " mapped by:");
	frame_mappers_put(&w, &ix, refs, n, 64);
	wl_end(&w);
	frame_index_free(&ix);
}

/* translate_page - the struct page behind a PTE that is not none */
static void translate_page(FILE *f, const struct machine *m, const struct page_view *pv)
{
	char desc[DESC_LEN];
	struct wline w;

	if (!pv->have) {
		fprintf(f, " page: frame 0x%lx is past the end of memory\n", pv->pfn);
		return;
	}
	wl_begin(&w, f, CONT_INDENT);
	wl_printf(&w, "", " page: frame 0x%lx: _count %d, mapcount %d,", pv->pfn, pv->pi.count,
		  pv->pi.mapcount);
	wl_put(&w, " ", page_desc(pv, desc, sizeof(desc)));
	wl_put(&w, ", ", pv->pi.written ? "contents written" :
	       pv->pi.cache ? "never written (reads as the file's bytes)" :
	       "never written (reads as zeros)");
	wl_end(&w);
	if (pv->pi.mapcount > 1)
		translate_sharers(f, m, pv->pfn);
}

/* translate_write - what a write does to a present PTE */
static void translate_write(FILE *f, const struct vm_area_struct *vma, const struct page_view *pv)
{
	if (!(vma->vm_flags & VM_WRITE))
		fputs("a write would be SIGSEGV: the VMA is not writable\n", f);
	else if (pte_write(pv->pte))
		return;
	else if (pv->state == PS_ZERO)
		fputs("write-protected: a write would copy the zero page to a new frame (do_wp_page)\n", f);
	else if (pv->state == PS_WP)
		fputs("COW, write-protected: a write would reuse the frame, its only mapping\n"
		      "(do_wp_page)\n", f);
	else if (pv->state == PS_COW)
		fprintf(f, "COW, write-protected: a write would copy it to a new frame, leaving\n"
			"the other %d mapping%s (do_wp_page)\n", pv->pi.mapcount - 1,
			pv->pi.mapcount == 2 ? "" : "s");
	else
		fputs("write-protected: a write would copy it to a new frame (do_wp_page)\n", f);
}

/* translate_fault - what a touch of an address with no usable PTE does */
static void translate_fault(FILE *f, const struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long index;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) {
		fputs("the VMA allows no access (PROT_NONE): a touch would be SIGSEGV\n", f);
		return;
	}
	if (!vma->vm_file) {
		fputs("a touch would fault it in (do_anonymous_page: a read maps the zero page,\n"
		      "a write a zeroed frame of its own)\n", f);
		return;
	}
	if (vma_file_page(vma, addr, &index) == 0)
		fprintf(f, "page %lu is past the end of %s: a touch would be SIGBUS\n", index,
			vma_name(NULL, vma));
	else
		fprintf(f, "a touch would fault it in: page %lu of %s from the page cache\n"
			"(do_no_page)\n", index, vma_name(NULL, vma));
}

/* translate_novma - what a touch of an address outside every VMA does */
static void translate_novma(FILE *f, const struct vm_area_struct *next, unsigned long addr)
{
	if (addr >= TASK_SIZE)
		fputs("kernel space (TASK_SIZE and up): a touch would be SIGSEGV\n", f);
	else if (next && (next->vm_flags & VM_GROWSDOWN))
		fprintf(f, "no VMA: the stack at %08lx would grow down to it (expand_stack)\n",
			next->vm_start);
	else
		fputs("no VMA: a touch would be SIGSEGV\n", f);
}

void dump_translate(FILE *f, int pid, struct mm_struct *mm, unsigned long addr)
{
	const struct vm_area_struct *vma, *next;
	pte_t pte = translate_walk(f, pid, mm, addr);
	struct page_view pv;

	fputc('\n', f);
	vma = dump_lookup(mm, addr, &next);
	if (!vma) {
		translate_novma(f, next, addr);
		return;
	}
	fputs("  VMA: ", f);
	dump_maps_line(f, mm, vma);
	if (pte_none(pte)) {
		translate_fault(f, vma, addr);
		return;
	}
	page_view_get(mm->machine, vma, addr & PAGE_MASK, pte, &pv);
	translate_page(f, mm->machine, &pv);
	if (pte & _PAGE_PRESENT)
		translate_write(f, vma, &pv);
	else
		fputs("a touch would be SIGSEGV: the page is PROT_NONE\n", f);
}

/* ---- frames ---- */

static const char *const frame_kinds[] = { "zero", "pgtable", "anon", "file", "shmem", "other", NULL };

int frames_kind_parse(const char *s)
{
	int i;

	for (i = 0; frame_kinds[i]; i++)
		if (strcmp(frame_kinds[i], s) == 0)
			return i;
	return -1;
}

static int frames_kind_index(const struct page_info *pi)
{
	return frames_kind_parse(frame_kind_name(pi));
}

void frame_mappers_put(struct wline *w, const struct frame_index *ix, const struct map_ent *refs,
		       size_t nrefs, size_t max)
{
	size_t r, k, shown = 0, total = 0;

	for (r = 0; r < nrefs; r++) {
		for (k = 0; k < refs[r].ngroup; k++, total++) {
			if (shown == max)
				continue;
			wl_printf(w, " ", "%d:%08lx", frame_ref_pid(ix, &refs[r], k),
				  (unsigned long)refs[r].addr);
			shown++;
		}
	}
	if (total > shown)
		wl_printf(w, " ", "+%lu more", (unsigned long)(total - shown));
}

/* frame_state - the state of the page a frame holds, seen through its first PTE */
static enum page_state frame_state(const struct machine *m, const struct page_info *pi,
				   const struct frame_index *ix, const struct map_ent *refs,
				   size_t nrefs)
{
	const struct mm_struct *mm;
	struct page_view pv;
	pgd_t pde;
	pte_t pte;

	if (!nrefs || refs->what != MAP_PTE)
		return PS_OTHER;
	mm = ix->tasks[refs->group].mm;
	follow_pte((struct mm_struct *)mm, refs->addr, &pde, &pte);
	page_view_get(m, vma_lookup_ro(mm, refs->addr), refs->addr, pte, &pv);
	(void)pi;
	return pv.state;
}

/*
 * frame_desc - what the frame holds: a page's words (page_desc), or whose
 * directory or table a table frame is (refs: the frame's references, tables first).
 */
static const char *frame_desc(const struct machine *m, const struct page_info *pi,
			      const struct frame_index *ix, const struct map_ent *refs,
			      size_t nrefs, char *buf, size_t len)
{
	const struct mm_struct *mm = nrefs ? ix->tasks[refs->group].mm : NULL;
	struct page_view pv = { .have = 1, .pi = *pi, .pfn = pi->pfn };

	if (pi->pgtable && mm && refs->what == MAP_PGD) {
		snprintf(buf, len, "pgd of mm #%lu", mm->mm_id);
	} else if (pi->pgtable && mm && refs->what == MAP_TABLE) {
		snprintf(buf, len, "page table of mm #%lu for %08lx-%08lx", mm->mm_id,
			 (unsigned long)refs->addr, (unsigned long)refs->addr + PGDIR_SIZE);
	} else {
		pv.state = frame_state(m, pi, ix, refs, nrefs);
		if (pv.state == PS_OTHER)
			pv.state = pi->anon ? PS_ANON : pi->cache ? PS_FILE : PS_OTHER;
		if (pi->zero)
			pv.state = PS_ZERO;
		page_desc(&pv, buf, len);
	}
	return buf;
}

/* frames_match - does the frame pass the filter? */
static int frames_match(const struct machine *m, const struct page_info *pi,
			const struct frame_index *ix, const struct map_ent *refs, size_t nrefs,
			const struct frames_filter *flt)
{
	size_t r, k;
	int pid_ok = flt->pid <= 0, vma_ok = !flt->mm;

	if (flt->kind >= 0 && frames_kind_index(pi) != flt->kind)
		return 0;
	if (flt->state >= 0 && (int)frame_state(m, pi, ix, refs, nrefs) != flt->state)
		return 0;
	for (r = 0; r < nrefs && !(pid_ok && vma_ok); r++) {
		for (k = 0; k < refs[r].ngroup; k++)
			pid_ok |= frame_ref_pid(ix, &refs[r], k) == flt->pid;
		vma_ok |= refs[r].what == MAP_PTE && ix->tasks[refs[r].group].mm == flt->mm &&
			  refs[r].addr >= flt->vstart && refs[r].addr < flt->vend;
	}
	return pid_ok && vma_ok;
}

struct frames_pass {		/* one pass over the frames in use (walk_frames) */
	FILE *f;
	const struct machine *m;
	const struct frame_index *ix;
	const struct frames_filter *flt;
	size_t r;		/* the first reference not yet matched to a frame */
	unsigned long shown;	/* frames shown */
	unsigned long by_kind[8];	/* frames shown, by frame kind */
	unsigned long cow, wp;		/* of the anonymous ones: COW, and COW that will reuse */
};

int frames_view(const struct machine *m, const struct page_info *pi,
		const struct frame_index *ix, const struct map_ent *refs, size_t nrefs,
		const struct frames_filter *flt, enum page_state *state, char *desc, size_t len)
{
	if (!frames_match(m, pi, ix, refs, nrefs, flt))
		return 0;
	*state = frame_state(m, pi, ix, refs, nrefs);
	frame_desc(m, pi, ix, refs, nrefs, desc, len);
	return 1;
}

/* frame_line - one frame in use and who refers to it, when the filter lets it through */
static int frame_line(const struct page_info *pi, void *priv)
{
	struct frames_pass *p = priv;
	const struct map_ent *refs;
	size_t nrefs, k;
	char desc[DESC_LEN], frame[24];
	struct wline w;
	enum page_state st;

	nrefs = frame_index_find(p->ix, pi->pfn, &refs);
	if (!frames_view(p->m, pi, p->ix, refs, nrefs, p->flt, &st, desc, sizeof(desc)))
		return 0;
	p->shown++;
	p->by_kind[frames_kind_index(pi)]++;
	p->cow += st == PS_COW;
	p->wp += st == PS_WP;
	wl_begin(&w, p->f, CONT_INDENT);
	wl_printf(&w, "", "%8s %5d %8d %c %c", frame_str(pi->pfn, frame, sizeof(frame)),
		  pi->count, pi->mapcount, pi->dirty ? 'D' : '-', pi->written ? 'W' : '-');
	wl_put(&w, "  ", desc);
	if (nrefs && refs->what != MAP_PTE) {
		wl_printf(&w, ", ", "pid%s", refs->ngroup > 1 ? "s" : "");
		for (k = 0; k < refs->ngroup; k++)
			wl_printf(&w, " ", "%d", frame_ref_pid(p->ix, refs, k));
	} else if (nrefs) {
		wl_put(&w, "", ", by");
		frame_mappers_put(&w, p->ix, refs, nrefs, 8);
	}
	wl_end(&w);
	return 0;
}

/* frames_summary - the totals: of the machine, and of what the filter let through */
static void frames_summary(FILE *f, const struct machine *m, const struct frames_pass *p,
			   int filtered)
{
	struct vm_meminfo mi;
	int i;

	si_meminfo(m, &mi);
	fprintf(f, "frames: %lu in use, %lu free, %lu total; %lu with contents written\n",
		mi.totalram - mi.freeram, mi.freeram, mi.totalram, mi.written);
	fprintf(f, "%s %lu:", filtered ? "shown" : "in use", p->shown);
	for (i = 0; frame_kinds[i]; i++)
		if (p->by_kind[i])
			fprintf(f, " %s %lu", frame_kinds[i], p->by_kind[i]);
	if (p->cow || p->wp)
		fprintf(f, " (COW %lu, will reuse %lu)", p->cow, p->wp);
	fputc('\n', f);
}

int dump_frames(FILE *f, const struct machine *m, const struct frames_filter *flt)
{
	struct frame_index ix;
	struct frames_pass pass = { .f = f, .m = m, .flt = flt };

	if (frame_index_build(&ix, m))
		return -ENOMEM;
	pass.ix = &ix;
	fprintf(f, "%8s %5s %8s %c %c  %s\n", "PFN", "COUNT", "MAPCOUNT", 'D', 'W',
		"PAGE, MAPPED BY (PID:ADDR)");
	walk_frames(m, frame_line, &pass);
	frames_summary(f, m, &pass, flt->pid > 0 || flt->mm || flt->kind >= 0 || flt->state >= 0);
	frame_index_free(&ix);
	return 0;
}
