/*
 * task_mmu.c - /proc/PID/smaps and /proc/PID/status figures, as
 * fs/proc/task_mmu.c computes them: smaps walks the PTEs of a VMA;
 * task_mem reads the mm counters (2.6's VmData = total - shared - stack).
 * smaps is 2.6.14's, its Pss line 2.6.25's; the status lines are 2.6's.
 */
#include <stdio.h>
#include <string.h>
#include "mm.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "task_mmu.h"

/* smaps_pte_entry - one present PTE's share of the sizes */
static void smaps_pte_entry(struct machine *m, pte_t pte, struct mem_size_stats *mss,
			    int locked)
{
	struct page *page = pfn_to_page(m, pte_pfn(pte));
	int mapcount, dirty;
	unsigned long long pss;

	if (page == zero_page(m))
		return;			/* vm_normal_page: the zero page is nobody's */
	mss->resident += PAGE_SIZE;
	if (page->flags & PG_anon)
		mss->anonymous += PAGE_SIZE;
	if (pte_young(pte))
		mss->referenced += PAGE_SIZE;
	dirty = pte_dirty(pte) || (page->flags & PG_dirty);
	mapcount = page_mapcount(page);
	if (mapcount >= 2) {
		pss = ((unsigned long long)PAGE_SIZE << PSS_SHIFT) / (unsigned)mapcount;
		if (dirty)
			mss->shared_dirty += PAGE_SIZE;
		else
			mss->shared_clean += PAGE_SIZE;
	} else {
		pss = (unsigned long long)PAGE_SIZE << PSS_SHIFT;
		if (dirty)
			mss->private_dirty += PAGE_SIZE;
		else
			mss->private_clean += PAGE_SIZE;
	}
	mss->pss += pss;
	if (locked)
		mss->locked += pss;
}

void smaps_account_vma(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;

	memset(mss, 0, sizeof(*mss));
	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *pte = pte_offset_map(mm, addr);

		if (!pte) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		if (pte_present(*pte))
			smaps_pte_entry(mm->machine, *pte, mss, !!(vma->vm_flags & VM_LOCKED));
	}
}

void task_mem(struct mm_struct *mm, struct task_mem_info *info)
{
	unsigned long text, total_vm = mm->total_vm, rss = mm->rss;
	unsigned long hiwater_vm = mm->hiwater_vm > total_vm ? mm->hiwater_vm : total_vm;
	unsigned long hiwater_rss = mm->hiwater_rss > rss ? mm->hiwater_rss : rss;

	text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> 10;
	info->vm_peak = hiwater_vm << (PAGE_SHIFT - 10);
	info->vm_size = (total_vm - mm->reserved_vm) << (PAGE_SHIFT - 10);
	info->vm_lck = mm->locked_vm << (PAGE_SHIFT - 10);
	info->vm_hwm = hiwater_rss << (PAGE_SHIFT - 10);
	info->vm_rss = rss << (PAGE_SHIFT - 10);
	info->vm_data = (total_vm - mm->shared_vm - mm->stack_vm) << (PAGE_SHIFT - 10);
	info->vm_stk = mm->stack_vm << (PAGE_SHIFT - 10);
	info->vm_exe = text;
	info->vm_lib = (mm->exec_vm << (PAGE_SHIFT - 10)) - text;
	info->vm_pte = (PTRS_PER_PTE * sizeof(pte_t) * mm->nr_ptes) >> 10;
}

static const struct {
	unsigned long flag;
	const char *code;
} vmflag_codes[] = {
	{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" }, { VM_SHARED, "sh" },
	{ VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" }, { VM_MAYEXEC, "me" }, { VM_MAYSHARE, "ms" },
	{ VM_GROWSDOWN, "gd" }, { VM_PFNMAP, "pf" }, { VM_DENYWRITE, "dw" }, { VM_LOCKED, "lo" },
	{ VM_IO, "io" }, { VM_SEQ_READ, "sr" }, { VM_RAND_READ, "rr" }, { VM_DONTCOPY, "dc" },
	{ VM_DONTEXPAND, "de" }, { VM_ACCOUNT, "ac" }, { VM_NORESERVE, "nr" }, { VM_HUGETLB, "ht" },
	{ VM_NONLINEAR, "nl" },
};

const char *vm_flags_smaps(unsigned long flags, char *buf, unsigned long len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(vmflag_codes) / sizeof(vmflag_codes[0]) && n + 4 < len; i++)
		if (flags & vmflag_codes[i].flag)
			n += (size_t)snprintf(buf + n, len - n, "%s ", vmflag_codes[i].code);
	return buf;
}
