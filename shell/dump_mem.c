/*
 * dump_mem.c - views of memory below the VMAs: bytes as hexdump -C prints
 * them, /proc/PID/smaps and status (fs/proc/task_mmu.c's layout), the
 * i386 page tables, one address's walk (after crash's vtop), and the
 * physical frames with who maps them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm.h"
#include "filemap.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "rmap.h"
#include "task_mmu.h"
#include "dump.h"
#include "dump_mem.h"

#define KIND_LEN	160	/* room for a frame's description */

/* ---- hexdump -C ---- */

void hexdump_start(struct hexdump *h, FILE *f, unsigned long addr)
{
	memset(h, 0, sizeof(*h));
	h->f = f;
	h->addr = addr;
}

/*
 * hexdump_line - the first n bytes of h->line at h->addr; a short line is
 * padded so that its ASCII column lines up.
 */
static void hexdump_line(const struct hexdump *h, size_t n)
{
	size_t i;

	fprintf(h->f, "%08lx  ", h->addr);
	for (i = 0; i < HEXDUMP_WIDTH; i++) {
		if (i < n)
			fprintf(h->f, "%02x ", h->line[i]);
		else
			fputs("   ", h->f);
		if (i == HEXDUMP_WIDTH / 2 - 1)
			fputc(' ', h->f);
	}
	fputs(" |", h->f);
	for (i = 0; i < n; i++)
		fputc(h->line[i] >= 0x20 && h->line[i] < 0x7f ? h->line[i] : '.', h->f);
	fputs("|\n", h->f);
}

/* hexdump_full - a full line: printed, or one `*` for a run repeating the last printed line */
static void hexdump_full(struct hexdump *h)
{
	if (h->have_last && memcmp(h->line, h->last, HEXDUMP_WIDTH) == 0) {
		if (!h->starred)
			fputs("*\n", h->f);
		h->starred = 1;
	} else {
		hexdump_line(h, HEXDUMP_WIDTH);
		memcpy(h->last, h->line, HEXDUMP_WIDTH);
		h->have_last = 1;
		h->starred = 0;
	}
	h->addr += HEXDUMP_WIDTH;
	h->n = 0;
}

void hexdump_feed(struct hexdump *h, const unsigned char *buf, size_t len)
{
	while (len) {
		size_t k = HEXDUMP_WIDTH - h->n < len ? HEXDUMP_WIDTH - h->n : len;

		memcpy(h->line + h->n, buf, k);
		h->n += k;
		buf += k;
		len -= k;
		if (h->n == HEXDUMP_WIDTH)
			hexdump_full(h);
	}
}

void hexdump_finish(struct hexdump *h)
{
	if (!h->have_last && !h->n)
		return;			/* hexdump prints nothing for no input */
	if (h->n) {
		hexdump_line(h, h->n);
		h->addr += h->n;
		h->n = 0;
	}
	fprintf(h->f, "%08lx\n", h->addr);
}

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
static const char *page_kind(const struct machine *m, const struct page *page,
			     char *buf, size_t len)
{
	const struct address_space *mapping = page->mapping;
	const struct inode *host = mapping && (page->flags & PG_cache) ? mapping->host : NULL;
	int n;

	if (page == zero_page(m))
		n = snprintf(buf, len, "zero page");
	else if (page->flags & PG_pgtable)
		n = snprintf(buf, len, "page table");
	else if ((page->flags & PG_anon) && page->mapping)
		n = snprintf(buf, len, "anon (anon_vma #%lu)",
			     ((const struct anon_vma *)page->mapping)->id);
	else if (host && (host->i_flags & S_SHMEM))
		n = snprintf(buf, len, "shmem page %lu", (unsigned long)page->index);
	else if (host)
		n = snprintf(buf, len, "file %s page %lu", host->i_name ? host->i_name : "?",
			     (unsigned long)page->index);
	else
		n = snprintf(buf, len, "unknown");
	if ((page->flags & PG_dirty) && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ", dirty");
	return buf;
}

/* ---- /proc/PID/smaps and /proc/PID/status ---- */

/* smaps_field - "Name:" padded to 16 columns, the value right-aligned in 8, " kB" (show_smap) */
static void smaps_field(FILE *f, const char *name, unsigned long bytes)
{
	fprintf(f, "%-16s%8lu kB\n", name, bytes >> 10);
}

static void dump_smaps_vma(FILE *f, struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct mem_size_stats mss;
	char flags[128];

	smaps_account_vma(vma, &mss);
	dump_maps_line(f, mm, vma);
	smaps_field(f, "Size:", vma->vm_end - vma->vm_start);
	smaps_field(f, "KernelPageSize:", PAGE_SIZE);
	smaps_field(f, "MMUPageSize:", PAGE_SIZE);
	smaps_field(f, "Rss:", mss.resident);
	smaps_field(f, "Pss:", (unsigned long)(mss.pss >> PSS_SHIFT));
	smaps_field(f, "Shared_Clean:", mss.shared_clean);
	smaps_field(f, "Shared_Dirty:", mss.shared_dirty);
	smaps_field(f, "Private_Clean:", mss.private_clean);
	smaps_field(f, "Private_Dirty:", mss.private_dirty);
	smaps_field(f, "Referenced:", mss.referenced);
	smaps_field(f, "Anonymous:", mss.anonymous);
	smaps_field(f, "Swap:", mss.swap);
	smaps_field(f, "SwapPss:", 0);
	smaps_field(f, "Locked:", (unsigned long)(mss.locked >> PSS_SHIFT));
	fprintf(f, "VmFlags: %s\n", vm_flags_smaps(vma->vm_flags, flags, sizeof(flags)));
}

void dump_smaps(FILE *f, struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	for (vma = mm ? mm->mmap : NULL; vma; vma = vma->vm_next)
		dump_smaps_vma(f, mm, vma);
}

static void status_kb(FILE *f, const char *name, unsigned long kb)
{
	fprintf(f, "%s\t%8lu kB\n", name, kb);
}

void dump_status(FILE *f, struct task_struct *t)
{
	struct task_mem_info i;

	fprintf(f, "Name:\t%s\n", t->comm);
	fprintf(f, "State:\t%s\n", t->state == TASK_RUNNING ? "R (running)" :
		t->state == EXIT_ZOMBIE ? "Z (zombie)" : "X (dead)");
	fprintf(f, "Pid:\t%d\n", t->pid);
	fprintf(f, "PPid:\t%d\n", t->parent ? t->parent->pid : 0);
	if (t->mm) {		/* a zombie has none: the kernel prints no Vm lines */
		task_mem(t->mm, &i);
		status_kb(f, "VmPeak:", i.vm_peak);
		status_kb(f, "VmSize:", i.vm_size);
		status_kb(f, "VmLck:", i.vm_lck);
		status_kb(f, "VmHWM:", i.vm_hwm);
		status_kb(f, "VmRSS:", i.vm_rss);
		status_kb(f, "VmData:", i.vm_data);
		status_kb(f, "VmStk:", i.vm_stk);
		status_kb(f, "VmExe:", i.vm_exe);
		status_kb(f, "VmLib:", i.vm_lib);
		status_kb(f, "VmPTE:", i.vm_pte);
	}
	fprintf(f, "min_flt:\t%lu\nmaj_flt:\t%lu\n", t->min_flt, t->maj_flt);
	fprintf(f, "cmin_flt:\t%lu\ncmaj_flt:\t%lu\n", t->cmin_flt, t->cmaj_flt);
}

/* ---- page tables ---- */

static const char *frame_str(unsigned long pfn, char *buf, size_t len)
{
	snprintf(buf, len, "0x%lx", pfn);
	return buf;
}

/* pt_pte - one PTE that is not none: index, address, value, frame, bits, what the frame holds */
static void pt_pte(FILE *f, const struct machine *m, unsigned long addr, pte_t pte)
{
	const struct page *page = pfn_to_page(m, pte_pfn(pte));
	char bits[40], kind[KIND_LEN], frame[24];

	fprintf(f, "  PTE %4lu %08lx  0x%08x  frame %-8s %-11s  %s\n", pte_index(addr), addr,
		(unsigned)pte, frame_str(pte_pfn(pte), frame, sizeof(frame)),
		entry_bits(pte, 1, bits, sizeof(bits)),
		page ? page_kind(m, page, kind, sizeof(kind)) : "(no such frame)");
}

/* pt_pde - PDE i: the range it covers, its value and bits, then the PTEs of its table */
static void pt_pde(FILE *f, struct mm_struct *mm, unsigned long i)
{
	unsigned long start = i << PGDIR_SHIFT, j, used = 0;
	const pte_t *table = page_table(mm, i);
	pgd_t pde = mm->pgd[i];
	char bits[40], frame[24];

	if (!table) {
		fprintf(f, "PDE %4lu %08lx-%08lx  0x%08x  none: no page table\n", i, start,
			start + PGDIR_SIZE, (unsigned)pde);
		return;
	}
	for (j = 0; j < PTRS_PER_PTE; j++)
		used += !pte_none(table[j]);
	fprintf(f, "PDE %4lu %08lx-%08lx  0x%08x  frame %-8s %-11s  page table, %lu PTE%s in use\n",
		i, start, start + PGDIR_SIZE, (unsigned)pde,
		frame_str(pde >> PAGE_SHIFT, frame, sizeof(frame)),
		entry_bits(pde, 0, bits, sizeof(bits)), used, used == 1 ? "" : "s");
	for (j = 0; j < PTRS_PER_PTE; j++)
		if (!pte_none(table[j]))
			pt_pte(f, mm->machine, start + (j << PAGE_SHIFT), table[j]);
}

void dump_pt(FILE *f, struct mm_struct *mm, int one, unsigned long addr)
{
	unsigned long i;

	fprintf(f, "mm #%lu: cr3 0x%08lx (pgd frame 0x%lx), nr_ptes %lu, rss %lu (%lu kB)\n",
		mm->mm_id, mm->pgd_pfn << PAGE_SHIFT, mm->pgd_pfn, mm->nr_ptes, mm->rss,
		mm->rss * (PAGE_SIZE / 1024));
	if (one) {
		pt_pde(f, mm, pgd_index(addr));
		return;
	}
	for (i = 0; i < PTRS_PER_PGD; i++)
		if (mm->pgd[i] & _PAGE_PRESENT)
			pt_pde(f, mm, i);
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
	const pte_t *table = page_table(mm, i);
	pgd_t pde = mm->pgd[i];
	pte_t pte = table ? table[pte_index(addr)] : 0;
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
	const struct page *page = pfn_to_page(m, pte_pfn(pte));
	char kind[KIND_LEN];

	if (!page) {
		fprintf(f, " page: frame 0x%lx is past the end of memory\n", pte_pfn(pte));
		return;
	}
	fprintf(f, " page: frame 0x%lx: _count %d, mapcount %d, %s, %s\n", pte_pfn(pte),
		page->_count, page_mapcount(page), page_kind(m, page, kind, sizeof(kind)),
		page->contents ? "contents written" :
		(page->flags & PG_cache) ? "never written (reads as the file's bytes)" :
		"never written (reads as zeros)");
}

/* translate_write - what a write does to a present PTE */
static void translate_write(FILE *f, const struct machine *m,
			    const struct vm_area_struct *vma, pte_t pte)
{
	const struct page *page = pfn_to_page(m, pte_pfn(pte));

	if (!(vma->vm_flags & VM_WRITE))
		fputs("a write would be SIGSEGV: the VMA is not writable\n", f);
	else if (pte_write(pte))
		return;
	else if (page == zero_page(m))
		fputs("write-protected: a write would copy the zero page to a new frame (do_wp_page)\n", f);
	else if (page && (page->flags & PG_anon) && page_mapcount(page) == 1)
		fputs("write-protected: a write would reuse the frame, its only mapping (do_wp_page)\n", f);
	else
		fputs("write-protected: a write would copy it to a new frame (do_wp_page)\n", f);
}

/* translate_fault - what a touch of an address with no usable PTE does */
static void translate_fault(FILE *f, const struct vm_area_struct *vma, unsigned long addr)
{
	const struct address_space *mapping;
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
	mapping = vma->vm_file->f_mapping;
	index = ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	if (index >= mapping_size_pages(mapping))
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

/* index_add - append one reference. 0 or -ENOMEM. */
static int index_add(struct frame_index *ix, size_t g, size_t ng, unsigned long pfn,
		     unsigned long addr, enum map_what what)
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
	e->group = (uint32_t)g;
	e->ngroup = (uint32_t)ng;
	e->pid0 = ix->tasks[g].pid;
	e->what = what;
	return 0;
}

/* index_mm - every reference of one mm (used by tasks[g .. g+ng)): directory, tables, PTEs */
static int index_mm(struct frame_index *ix, size_t g, size_t ng)
{
	struct mm_struct *mm = ix->tasks[g].mm;
	unsigned long i, j;

	if (index_add(ix, g, ng, mm->pgd_pfn, 0, MAP_PGD))
		return -ENOMEM;
	for (i = 0; i < PTRS_PER_PGD; i++) {
		const pte_t *table = page_table(mm, i);

		if (!table)
			continue;
		if (index_add(ix, g, ng, mm->pgd[i] >> PAGE_SHIFT, i << PGDIR_SHIFT, MAP_TABLE))
			return -ENOMEM;
		for (j = 0; j < PTRS_PER_PTE; j++)
			if (!pte_none(table[j]) &&
			    index_add(ix, g, ng, pte_pfn(table[j]),
				      (i << PGDIR_SHIFT) | (j << PAGE_SHIFT), MAP_PTE))
				return -ENOMEM;
	}
	return 0;
}

/*
 * index_build - who refers to each frame: every live task's mm walked
 * once (tasks sharing an mm by CLONE_VM form one group), the references
 * sorted by frame. Returns 0, or -ENOMEM with ix freed.
 */
static int index_build(struct frame_index *ix, struct machine *m)
{
	const struct list_head *pos;
	size_t g, k;

	memset(ix, 0, sizeof(*ix));
	ix->tasks = malloc(((size_t)m->nr_tasks + 1) * sizeof(*ix->tasks));
	if (!ix->tasks)
		return -ENOMEM;
	list_for_each(pos, &m->tasks) {
		struct task_struct *t = list_entry(pos, struct task_struct, tasks);

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
static const char *frame_kind(const struct machine *m, const struct page *page,
			      const struct frame_index *ix, const struct map_ent *refs,
			      size_t nrefs, char *buf, size_t len)
{
	const struct mm_struct *mm = nrefs ? ix->tasks[refs->group].mm : NULL;

	if (!(page->flags & PG_pgtable) || !mm || refs->what == MAP_PTE)
		return page_kind(m, page, buf, len);
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

/*
 * frames_pass - walk the frames in use with their references; print them
 * when print is set, else only measure the widest description. Returns it.
 */
static int frames_pass(FILE *f, const struct machine *m, const struct frame_index *ix,
		       int print, int kw)
{
	const struct pglist_data *pg = &m->pgdat;
	unsigned long pfn;
	size_t r = 0, nrefs;
	char kind[KIND_LEN], frame[24];
	int w = 4;

	for (pfn = 0; pfn < pg->next_unused; pfn++) {
		const struct page *page = &pg->mem_map[pfn];

		for (nrefs = 0; r + nrefs < ix->n && ix->ents[r + nrefs].pfn == pfn; nrefs++)
			;
		if (page->flags & PG_used) {
			frame_kind(m, page, ix, ix->ents + r, nrefs, kind, sizeof(kind));
			w = (int)strlen(kind) > w ? (int)strlen(kind) : w;
		}
		if ((page->flags & PG_used) && print) {
			fprintf(f, "%8s %5d %8d %c %c  %-*s", frame_str(pfn, frame, sizeof(frame)),
				page->_count, page_mapcount(page), page->flags & PG_dirty ? 'D' : '-',
				page->contents ? 'W' : '-', nrefs ? kw + 2 : 0, kind);
			frame_mappers(f, ix, ix->ents + r, nrefs);
			fputc('\n', f);
		}
		r += nrefs;
	}
	return w;
}

int dump_frames(FILE *f, struct machine *m)
{
	const struct pglist_data *pg = &m->pgdat;
	struct frame_index ix;
	int kw;

	if (index_build(&ix, m))
		return -ENOMEM;
	kw = frames_pass(f, m, &ix, 0, 0);
	fprintf(f, "%8s %5s %8s %c %c  %-*s  %s\n", "PFN", "COUNT", "MAPCOUNT", 'D', 'W', kw,
		"KIND", "MAPPED BY");
	frames_pass(f, m, &ix, 1, kw);
	fprintf(f, "frames: %lu in use, %lu free, %lu total; %lu with contents written\n",
		pg->nr_pages - pg->nr_free, pg->nr_free, pg->nr_pages, pg->nr_written);
	free(ix.tasks);
	free(ix.ents);
	return 0;
}
