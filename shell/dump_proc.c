/*
 * dump_proc.c - a whole process in one view: `dump`, the mm_struct and
 * each vm_area_struct followed by its pages one line each (after crash's
 * vm -p: address, PTE, bits, frame, counts, and what the page is, COW
 * naming who shares it), and `pmap`, one line per VMA as pmap -x prints
 * it. The pages come from proc_walk_run and are named by pagestate.c,
 * as the JSON document's are (jpage.c).
 */
#include <errno.h>
#include <string.h>

#include "vmcore.h"
#include "dump.h"
#include "dump_pt.h"
#include "pagestate.h"
#include "dump_proc.h"

#define PAGE_COL	54	/* where a page line's words start */
#define SHARE_INDENT	12	/* a continuation of a page line */

struct dump_state {
	FILE *f;
	const struct vm_area_struct *vma;	/* the VMA whose pages are printed */
	unsigned long pages_of_vma;
	unsigned long vmas, pages;
	unsigned long by_state[PS__COUNT];
};

/* dump_vma_end - close the VMA printed last: say so when it has no page present */
static void dump_vma_end(struct dump_state *d)
{
	if (d->vma && !d->pages_of_vma)
		fputs("  no page present (nothing touched here yet)\n", d->f);
}

static int dump_one_vma(const struct vm_area_struct *vma, void *priv)
{
	struct dump_state *d = priv;

	dump_vma_end(d);
	fputc('\n', d->f);
	dump_vma(d->f, vma);
	d->vma = vma;
	d->pages_of_vma = 0;
	d->vmas++;
	return 0;
}

/* dump_sharers - the PTEs mapping a page that has several, wrapped */
static void dump_sharers(FILE *f, const struct page_sharers *s)
{
	struct wline w;

	wl_begin(&w, f, SHARE_INDENT);
	wl_put(&w, "", "            mapped by");
	frame_mappers_put(&w, s->ix, s->refs, s->n, 64);
	wl_end(&w);
}

static int dump_one_page(const struct vm_area_struct *vma, const struct page_view *pv,
			 const struct page_sharers *sharers, void *priv)
{
	struct dump_state *d = priv;
	char bits[40], desc[160];
	int n;

	(void)vma;
	if (!d->pages_of_vma++)
		fputs("  VIRTUAL   PTE         P RW US A D  FRAME    CNT MAP PAGE\n", d->f);
	d->pages++;
	d->by_state[pv->state]++;
	page_desc(pv, desc, sizeof(desc));
	n = (int)strlen(desc);
	fprintf(d->f, "  %08lx  0x%08x  %-11s  0x%-5lx %4d %3d%s%s\n", pv->addr, (unsigned)pv->pte,
		entry_bits(pv->pte, 1, bits, sizeof(bits)), pv->pfn, pv->have ? pv->pi.count : 0,
		pv->have ? pv->pi.mapcount : 0, PAGE_COL + n > VIEW_COLUMNS ? "\n            " : " ",
		desc);
	if (sharers->n)
		dump_sharers(d->f, sharers);
	return 0;
}

/* dump_totals - the last line: VMAs and pages shown, the pages by state */
static void dump_totals(FILE *f, const struct dump_state *d)
{
	struct wline w;
	int i, first;

	wl_begin(&w, f, 8);
	wl_printf(&w, "", "total: %lu VMA%s, %lu page%s present (%lu kB)", d->vmas,
		  d->vmas == 1 ? "" : "s", d->pages, d->pages == 1 ? "" : "s",
		  d->pages * (PAGE_SIZE / 1024));
	for (i = 0, first = 1; i < PS__COUNT; i++) {
		if (d->by_state[i])
			wl_printf(&w, first ? ": " : ", ", "%s %lu", page_state_name(i),
				  d->by_state[i]);
		first &= !d->by_state[i];
	}
	wl_end(&w);
}

int dump_process(FILE *f, struct task_struct *t, unsigned long start, unsigned long end)
{
	struct dump_state d = { .f = f };
	struct proc_walk pw = { .vma = dump_one_vma, .page = dump_one_page, .priv = &d,
				.mm = t->mm, .start = start, .end = end };
	int rc;

	fprintf(f, "PID: %d  COMMAND: \"%s\"", t->pid, t->comm);
	if (end)
		fprintf(f, "  (only %08lx-%08lx)", start, end);
	fputc('\n', f);
	dump_mm(f, t->mm);
	rc = proc_walk_run(&pw);
	dump_vma_end(&d);
	if (!d.vmas)
		fputs("\nno VMA here\n", f);
	fputc('\n', f);
	dump_totals(f, &d);
	return rc;
}

void dump_pmap(FILE *f, struct task_struct *t)
{
	struct vm_area_struct *vma;
	struct pmap_row row;
	unsigned long k = 0, r = 0, dt = 0, sw = 0;

	fprintf(f, "%d:   %s\n", t->pid, t->comm);
	fprintf(f, "%-8s %7s %7s %7s %7s %-5s %s\n", "Address", "Kbytes", "RSS", "Dirty", "Swap",
		"Mode", "Mapping");
	for (vma = t->mm ? t->mm->mmap : NULL; vma; vma = vma->vm_next) {
		pmap_row_get(t->mm, vma, &row);
		fprintf(f, "%08lx %7lu %7lu %7lu %7lu %-5s %s\n", vma->vm_start, row.kbytes, row.rss,
			row.dirty, row.swap, row.mode, row.mapping);
		k += row.kbytes, r += row.rss, dt += row.dirty, sw += row.swap;
	}
	fputs("-------- ------- ------- ------- -------\n", f);
	fprintf(f, "total kB %7lu %7lu %7lu %7lu\n", k, r, dt, sw);
}
