/*
 * dump_pt.c - views below the pages' owners: the i386 page directory and
 * tables, one address's walk (after crash's vtop) with what a touch would
 * do, and the physical frames with who maps them. The walks are vmcore's
 * (pagewalk.h); this file only puts them in words.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vmcore.h"
#include "dump.h"
#include "dump_pt.h"

#define KIND_LEN	160	/* room for a frame's description */
#define FOUR_GIB	((unsigned long)PTRS_PER_PGD * PGDIR_SIZE)	/* the whole directory */

/* ---- entries and frames in words ---- */

/* entry_bits - "P RW US A D", '-' for each clear bit; a PTE adds PROTNONE for a PROT_NONE page */
static const char *entry_bits(uint32_t v, int is_pte, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s %s %s %s%s",
		 v & _PAGE_PRESENT ? "P" : "-", v & _PAGE_RW ? "RW" : "--",
		 v & _PAGE_USER ? "US" : "--", v & _PAGE_ACCESSED ? "A" : "-",
		 v & _PAGE_DIRTY ? "D" : "-",
		 is_pte && (v & _PAGE_PROTNONE) && !(v & _PAGE_PRESENT) ? " PROTNONE" : "");
	return buf;
}

/*
 * page_kind - what a frame holds: the zero page, anonymous memory and its
 * anon_vma, a file's or shmem's page N, a page table (whose, the caller
 * knows); ", dirty" when PG_dirty is set. Always NUL-terminates buf.
 */
static const char *page_kind(const struct page_info *pi, char *buf, size_t len)
{
	const struct inode *host = pi->host;
	int n;

	if (pi->zero)
		n = snprintf(buf, len, "zero page");
	else if (pi->pgtable)
		n = snprintf(buf, len, "page table");
	else if (pi->anon && pi->anon_vma_id)
		n = snprintf(buf, len, "anon (anon_vma #%lu)", pi->anon_vma_id);
	else if (host && (host->i_flags & S_SHMEM))
		n = snprintf(buf, len, "shmem page %lu", pi->index);
	else if (host)
		n = snprintf(buf, len, "file %s page %lu", host->i_name ? host->i_name : "?",
			     pi->index);
	else
		n = snprintf(buf, len, "unknown");
	if (pi->dirty && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ", dirty");
	return buf;
}

static const char *frame_str(unsigned long pfn, char *buf, size_t len)
{
	snprintf(buf, len, "0x%lx", pfn);
	return buf;
}

/* ---- page tables ---- */

/* pt_pte - one PTE that is not none: index, address, value, frame, bits, what the frame holds */
static int pt_pte(pte_t pte, unsigned long addr, struct mm_walk *walk)
{
	struct page_info pi;
	char bits[40], kind[KIND_LEN], frame[24];
	int have = get_page_info(walk->mm->machine, pte_pfn(pte), &pi) == 0;

	fprintf(walk->private, "  PTE %4lu %08lx  0x%08x  frame %-8s %-11s  %s\n",
		pte_index(addr), addr, (unsigned)pte,
		frame_str(pte_pfn(pte), frame, sizeof(frame)),
		entry_bits(pte, 1, bits, sizeof(bits)),
		have ? page_kind(&pi, kind, sizeof(kind)) : "(no such frame)");
	return 0;
}

/* pt_pde - a PDE with a page table: the range it covers, its value and bits, its PTEs in use */
static int pt_pde(pgd_t pde, unsigned long addr, unsigned long next, unsigned int nr_ptes,
		  struct mm_walk *walk)
{
	char bits[40], frame[24];

	fprintf(walk->private,
		"PDE %4lu %08lx-%08lx  0x%08x  frame %-8s %-11s  page table, %u PTE%s in use\n",
		pgd_index(addr), addr, next, (unsigned)pde,
		frame_str(pde >> PAGE_SHIFT, frame, sizeof(frame)),
		entry_bits(pde, 0, bits, sizeof(bits)), nr_ptes, nr_ptes == 1 ? "" : "s");
	return 0;
}

void dump_pt(FILE *f, struct mm_struct *mm, int one, unsigned long addr)
{
	struct mm_walk walk = { .pgd_entry = pt_pde, .pte_entry = pt_pte, .mm = mm, .private = f };
	unsigned long start = addr & PGDIR_MASK;
	pgd_t pde;
	pte_t pte;

	fprintf(f, "mm #%lu: cr3 0x%08lx (pgd frame 0x%lx), nr_ptes %lu, rss %lu (%lu kB)\n",
		mm->mm_id, mm->pgd_pfn << PAGE_SHIFT, mm->pgd_pfn, mm->nr_ptes, mm->rss,
		mm->rss * (PAGE_SIZE / 1024));
	if (!one)
		walk_page_range(0, FOUR_GIB, &walk);
	else if (follow_pte(mm, addr, &pde, &pte))
		walk_page_range(start, start + PGDIR_SIZE, &walk);
	else
		fprintf(f, "PDE %4lu %08lx-%08lx  0x%08x  none: no page table\n", pgd_index(addr),
			start, start + PGDIR_SIZE, (unsigned)pde);
}

/* ---- translate: one address's walk ---- */

/*
 * translate_walk - the walk's steps: the directory, the PDE and, when
 * there is a table, the PTE. Returns the PTE's value (0 when the walk
 * stopped at the PDE).
 */
static pte_t translate_walk(FILE *f, struct mm_struct *mm, unsigned long addr)
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
	fprintf(f, "PAGE DIRECTORY: %08lx  (cr3: pgd frame 0x%lx of mm #%lu)\n", cr3,
		mm->pgd_pfn, mm->mm_id);
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

/* translate_page - the struct page behind a PTE that is not none */
static void translate_page(FILE *f, const struct machine *m, pte_t pte)
{
	struct page_info pi;
	char kind[KIND_LEN];

	if (get_page_info(m, pte_pfn(pte), &pi)) {
		fprintf(f, " page: frame 0x%lx is past the end of memory\n", pte_pfn(pte));
		return;
	}
	fprintf(f, " page: frame 0x%lx: _count %d, mapcount %d, %s, %s\n", pte_pfn(pte),
		pi.count, pi.mapcount, page_kind(&pi, kind, sizeof(kind)),
		pi.written ? "contents written" :
		pi.cache ? "never written (reads as the file's bytes)" :
		"never written (reads as zeros)");
}

/* translate_write - what a write does to a present PTE */
static void translate_write(FILE *f, const struct machine *m,
			    const struct vm_area_struct *vma, pte_t pte)
{
	struct page_info pi;
	int have = get_page_info(m, pte_pfn(pte), &pi) == 0;

	if (!(vma->vm_flags & VM_WRITE))
		fputs("a write would be SIGSEGV: the VMA is not writable\n", f);
	else if (pte_write(pte))
		return;
	else if (have && pi.zero)
		fputs("write-protected: a write would copy the zero page to a new frame (do_wp_page)\n", f);
	else if (have && pi.anon && pi.mapcount == 1)
		fputs("write-protected: a write would reuse the frame, its only mapping (do_wp_page)\n", f);
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
		fprintf(f, "a touch would fault it in: page %lu of %s from the page cache (do_no_page)\n",
			index, vma_name(NULL, vma));
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

void dump_translate(FILE *f, struct mm_struct *mm, unsigned long addr)
{
	const struct vm_area_struct *vma, *next;
	pte_t pte = translate_walk(f, mm, addr);

	fputc('\n', f);
	vma = dump_lookup(mm, addr, &next);
	if (!vma) {
		translate_novma(f, next, addr);
		return;
	}
	fputs("  VMA: ", f);
	dump_maps_line(f, mm, vma);
	if (!pte_none(pte))
		translate_page(f, mm->machine, pte);
	if (pte & _PAGE_PRESENT)
		translate_write(f, mm->machine, vma, pte);
	else if (!pte_none(pte))
		fputs("a touch would be SIGSEGV: the page is PROT_NONE\n", f);
	else
		translate_fault(f, vma, addr);
}

/* ---- frames ---- */

enum map_what { MAP_PGD, MAP_TABLE, MAP_PTE };	/* sorted in this order */

struct task_ref {		/* a live task and its mm; sorted by (mm, pid) these form groups */
	struct mm_struct *mm;
	int pid;
};

struct map_ent {		/* one reference to a frame: a PTE, or an mm's directory or table */
	uint32_t pfn;
	uint32_t addr;		/* the PTE's virtual address, or the table's range start */
	uint32_t group;		/* index in tasks of the first task using the mm */
	uint32_t ngroup;	/* how many tasks use it (they follow in tasks) */
	int pid0;		/* the first task's pid, for the order */
	enum map_what what;
};

struct frame_index {
	struct task_ref *tasks;
	size_t ntasks;
	struct map_ent *ents;
	size_t n, cap;
	size_t g, ng;		/* the group being indexed (index_mm) */
};

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

/*
 * index_build - who refers to each frame: every live task's mm walked
 * once (tasks sharing an mm by CLONE_VM form one group), the references
 * sorted by frame. Returns 0, or -ENOMEM with ix freed.
 */
static int index_build(struct frame_index *ix, const struct machine *m)
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
			free(ix->tasks);
			free(ix->ents);
			return -ENOMEM;
		}
	}
	qsort(ix->ents, ix->n, sizeof(*ix->ents), map_ent_cmp);
	return 0;
}

/*
 * frame_kind - page_kind, naming whose directory or table a table frame
 * is (refs: the frame's references, tables first).
 */
static const char *frame_kind(const struct page_info *pi, const struct frame_index *ix,
			      const struct map_ent *refs, size_t nrefs, char *buf, size_t len)
{
	const struct mm_struct *mm = nrefs ? ix->tasks[refs->group].mm : NULL;

	if (!pi->pgtable || !mm || refs->what == MAP_PTE)
		return page_kind(pi, buf, len);
	if (refs->what == MAP_PGD)
		snprintf(buf, len, "pgd of mm #%lu", mm->mm_id);
	else
		snprintf(buf, len, "page table of mm #%lu for %08lx-%08lx", mm->mm_id,
			 (unsigned long)refs->addr, (unsigned long)refs->addr + PGDIR_SIZE);
	return buf;
}

#define FRAMES_MAX_MAPPERS	8	/* PID:ADDR pairs shown per frame */

/*
 * frame_mappers - PID:ADDR for each PTE mapping the frame (each task of an
 * mm shared by clone), at most FRAMES_MAX_MAPPERS then a count; for a
 * table frame, the pids of its mm.
 */
static void frame_mappers(FILE *f, const struct frame_index *ix, const struct map_ent *refs,
			  size_t nrefs)
{
	size_t r, k, shown = 0, total = 0;

	if (nrefs && refs->what != MAP_PTE) {
		fprintf(f, "(mm of pid%s", refs->ngroup > 1 ? "s" : "");
		for (k = 0; k < refs->ngroup; k++)
			fprintf(f, " %d", ix->tasks[refs->group + k].pid);
		fputc(')', f);
		return;
	}
	for (r = 0; r < nrefs; r++) {
		for (k = 0; k < refs[r].ngroup; k++, total++) {
			if (shown == FRAMES_MAX_MAPPERS)
				continue;
			fprintf(f, "%s%d:%08lx", shown ? " " : "", ix->tasks[refs[r].group + k].pid,
				(unsigned long)refs[r].addr);
			shown++;
		}
	}
	if (total > shown)
		fprintf(f, " +%lu more", (unsigned long)(total - shown));
}

struct frames_pass {		/* one pass over the frames in use (walk_frames) */
	FILE *f;
	const struct frame_index *ix;
	size_t r;		/* the first reference not yet matched to a frame */
	int print;		/* print the lines, else only measure */
	int kw;			/* the KIND column's width (when printing) */
	int w;			/* the widest description seen */
};

/* frame_line - one frame in use with its references: measured, or printed */
static int frame_line(const struct page_info *pi, void *priv)
{
	struct frames_pass *p = priv;
	const struct frame_index *ix = p->ix;
	const struct map_ent *refs;
	size_t nrefs;
	char kind[KIND_LEN], frame[24];

	while (p->r < ix->n && ix->ents[p->r].pfn < pi->pfn)
		p->r++;			/* references to frames not in use: none are shown */
	refs = ix->ents + p->r;
	for (nrefs = 0; p->r + nrefs < ix->n && refs[nrefs].pfn == pi->pfn; nrefs++)
		;
	frame_kind(pi, ix, refs, nrefs, kind, sizeof(kind));
	p->w = (int)strlen(kind) > p->w ? (int)strlen(kind) : p->w;
	if (p->print) {
		fprintf(p->f, "%8s %5d %8d %c %c  %-*s", frame_str(pi->pfn, frame, sizeof(frame)),
			pi->count, pi->mapcount, pi->dirty ? 'D' : '-', pi->written ? 'W' : '-',
			nrefs ? p->kw + 2 : 0, kind);
		frame_mappers(p->f, ix, refs, nrefs);
		fputc('\n', p->f);
	}
	p->r += nrefs;
	return 0;
}

int dump_frames(FILE *f, const struct machine *m)
{
	struct frame_index ix;
	struct frames_pass measure, print;
	struct vm_meminfo mi;

	if (index_build(&ix, m))
		return -ENOMEM;
	measure = (struct frames_pass){ .f = f, .ix = &ix, .w = 4 };
	walk_frames(m, frame_line, &measure);
	fprintf(f, "%8s %5s %8s %c %c  %-*s  %s\n", "PFN", "COUNT", "MAPCOUNT", 'D', 'W', measure.w,
		"KIND", "MAPPED BY");
	print = (struct frames_pass){ .f = f, .ix = &ix, .print = 1, .kw = measure.w, .w = 4 };
	walk_frames(m, frame_line, &print);
	si_meminfo(m, &mi);
	fprintf(f, "frames: %lu in use, %lu free, %lu total; %lu with contents written\n",
		mi.totalram - mi.freeram, mi.freeram, mi.totalram, mi.written);
	free(ix.tasks);
	free(ix.ents);
	return 0;
}
