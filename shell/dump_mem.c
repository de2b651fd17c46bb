/*
 * dump_mem.c - views of memory below the VMAs: bytes as hexdump -C prints
 * them, and /proc/PID/smaps and status in fs/proc/task_mmu.c's layout,
 * from the figures vmcore's task_mmu.c computes.
 */
#include <string.h>

#include "vmcore.h"
#include "dump.h"
#include "dump_mem.h"

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
