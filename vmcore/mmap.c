/*
 * mmap.c - mapping and unmapping, after Linux 2.6 mm/mmap.c: the page
 * protections of vm_flags, the accounting (vm_stat_account, VM_ACCOUNT
 * charges), get_unmapped_area, do_munmap in seed 002's phases (split_vma,
 * detach_vmas_to_be_unmapped, unmap_region, unmap_vma_list,
 * remove_vm_struct), do_mmap_pgoff and mmap_region, do_brk, exit_mmap,
 * expand_stack and the system calls. The VMA list and tree they work on
 * are vma.c's.
 * From 2.4: do_munmap's argument checks and its start at find_vma_prev
 * (seed 000), exit_mmap's walk (seed 001). From 2.6: do_munmap's phases
 * (seed 002), unmap_region and exit_mmap through unmap_vmas (2.6.11),
 * the overcommit modes and VM_ACCOUNT, first fit from free_area_cache,
 * update_hiwater_vm and free_pgtables with floor and ceiling (2.6.14),
 * MAP_NORESERVE as VM_NORESERVE (2.6.29). From 3.8: finding a free gap
 * by a walk of rb_subtree_gap (vm_unmapped_area's).
 */
#include <errno.h>
#include <stdio.h>
#include "mm.h"
#include "pgtable.h"
#include "rmap.h"
#include "vma.h"

/*
 * protection_map - i386 PTE protections for vm_flags & (READ|WRITE|EXEC|SHARED).
 * Private writable pages start read-only (PAGE_COPY) so a write can copy.
 */
#define PAGE_NONE	(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_SHARED	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_READONLY	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)

static const uint32_t protection_map[16] = {
	PAGE_NONE, PAGE_READONLY, PAGE_COPY, PAGE_COPY,
	PAGE_READONLY, PAGE_READONLY, PAGE_COPY, PAGE_COPY,
	PAGE_NONE, PAGE_READONLY, PAGE_SHARED, PAGE_SHARED,
	PAGE_READONLY, PAGE_READONLY, PAGE_SHARED, PAGE_SHARED,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	pgprot_t p = { protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)] };
	return p;
}

/* ------------------------------------------------------------------ */
/* Accounting */

/*
 * vm_stat_account - the shared/exec/stack/reserved counters behind
 * /proc/PID/status (VmData = total_vm - shared_vm - stack_vm, VmExe, VmStk).
 */
void vm_stat_account(struct mm_struct *mm, unsigned long flags,
		     struct file *file, long pages)
{
	if (file) {
		mm->shared_vm += (unsigned long)pages;	/* 2.6: every file page, private or not */
		if ((flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			mm->exec_vm += (unsigned long)pages;
	} else if (flags & (VM_GROWSUP | VM_GROWSDOWN)) {
		mm->stack_vm += (unsigned long)pages;
	}
	if (flags & (VM_RESERVED | VM_IO))
		mm->reserved_vm += (unsigned long)pages;
}

/*
 * security_vm_enough_memory - charge pages to vm_committed_space under
 * vm.overcommit_memory: 0 refuses only an obvious overcommit (more than all
 * of RAM at once), 1 always agrees, 2 keeps the total under RAM. -ENOMEM
 * and nothing charged when refused.
 */
int security_vm_enough_memory(struct machine *m, long pages)
{
	if (m->sysctl_overcommit_memory == 0 && (unsigned long)pages > m->totalram_pages)
		return (int)vm_error(m, -ENOMEM, "%ld pages is more than all of memory (vm.overcommit_memory=0)", pages);
	if (m->sysctl_overcommit_memory == 2 &&
	    m->vm_committed_space + (unsigned long)pages > m->totalram_pages)
		return (int)vm_error(m, -ENOMEM, "commit limit reached (vm.overcommit_memory=2)");
	m->vm_committed_space += (unsigned long)pages;
	return 0;
}

void vm_unacct_memory(struct machine *m, long pages)
{
	m->vm_committed_space -= (unsigned long)pages;
}

/* ------------------------------------------------------------------ */
/* The free-area search */

/*
 * unmapped_area - lowest gap of len bytes in [low, high): first fit, as
 * 2.6's arch_get_unmapped_area with free_area_cache and cached_hole_size
 * finds it, walked in O(log n) with rb_subtree_gap. -ENOMEM when none.
 */
static unsigned long unmapped_area(struct mm_struct *mm, unsigned long len,
				   unsigned long low, unsigned long high)
{
	struct vm_area_struct *vma;
	unsigned long gap_start, gap_end, low_limit = low + len;

	if (high < len || low > high - len)
		return (unsigned long)-ENOMEM;
	high -= len;
	if (!mm->mm_rb.rb_node)
		goto check_highest;
	vma = rb_entry(mm->mm_rb.rb_node, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < len)
		goto check_highest;
	for (;;) {
		gap_end = vma->vm_start;
		if (gap_end >= low_limit && vma->vm_rb.rb_left) {
			struct vm_area_struct *left = rb_entry(vma->vm_rb.rb_left, struct vm_area_struct, vm_rb);

			if (left->rb_subtree_gap >= len) {
				vma = left;
				continue;
			}
		}
		gap_start = vma->vm_prev ? vma->vm_prev->vm_end : 0;
check_current:
		if (gap_start > high)
			return (unsigned long)-ENOMEM;
		if (gap_end >= low_limit && gap_end > gap_start && gap_end - gap_start >= len)
			goto found;
		if (vma->vm_rb.rb_right) {
			struct vm_area_struct *right = rb_entry(vma->vm_rb.rb_right, struct vm_area_struct, vm_rb);

			if (right->rb_subtree_gap >= len) {
				vma = right;
				continue;
			}
		}
		for (;;) {	/* go back up to the next candidate */
			struct rb_node *prev = &vma->vm_rb;

			if (!rb_parent(prev))
				goto check_highest;
			vma = rb_entry(rb_parent(prev), struct vm_area_struct, vm_rb);
			if (prev == vma->vm_rb.rb_left) {
				gap_start = vma->vm_prev->vm_end;
				gap_end = vma->vm_start;
				goto check_current;
			}
		}
	}
check_highest:
	gap_start = mm->highest_vm_end;
	if (gap_start > high)
		return (unsigned long)-ENOMEM;
found:
	if (gap_start < low)
		gap_start = low;
	return gap_start;
}

/*
 * get_unmapped_area - where a mapping of len bytes goes: addr itself for
 * MAP_FIXED (checked against TASK_SIZE and alignment), a free page-aligned
 * hint, or the first fit from TASK_UNMAPPED_BASE. Returns the address or a
 * negative errno (test with IS_ERR_VALUE).
 */
unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *vma;
	unsigned long ret;

	(void)file;
	(void)pgoff;
	if (len > TASK_SIZE)
		return (unsigned long)vm_error(m, -ENOMEM, "length %#lx is more than TASK_SIZE", len);
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - len)
			return (unsigned long)vm_error(m, -ENOMEM, "%08lx-%08lx goes past TASK_SIZE (%#lx)",
						       addr, addr + len, TASK_SIZE);
		if (addr & ~PAGE_MASK)
			return (unsigned long)vm_error(m, -EINVAL, "fixed address 0x%08lx is not page aligned", addr);
		return addr;
	}
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma(mm, addr);
		if (TASK_SIZE - len >= addr && (!vma || addr + len <= vma->vm_start))
			return addr;
	}
	ret = unmapped_area(mm, len, TASK_UNMAPPED_BASE, TASK_SIZE);
	if (IS_ERR_VALUE(ret))
		return (unsigned long)vm_error(m, -ENOMEM, "no free gap of %#lx bytes between %#lx and TASK_SIZE",
					       len, TASK_UNMAPPED_BASE);
	return ret;
}

/* ------------------------------------------------------------------ */
/* do_munmap, following seed 002 */

/*
 * detach_vmas_to_be_unmapped - take the VMAs from vma up to end out of the
 * list and tree; they stay linked to each other by vm_next, ended by NULL.
 */
static int detach_vmas_to_be_unmapped(struct mm_struct *mm, struct vm_area_struct *vma,
				      struct vm_area_struct *prev, unsigned long end)
{
	struct vm_area_struct **insertion_point = prev ? &prev->vm_next : &mm->mmap;
	struct vm_area_struct *tail_vma = NULL;
	unsigned long start = vma->vm_start;
	int n = 0;

	vma->vm_prev = NULL;
	do {
		vma_rb_erase(vma, &mm->mm_rb);
		mm->map_count--;
		tail_vma = vma;
		vma = vma->vm_next;
		n++;
	} while (vma && vma->vm_start < end);
	*insertion_point = vma;
	if (vma) {
		vma->vm_prev = prev;
		vma_gap_update(vma);
	} else {
		mm->highest_vm_end = prev ? prev->vm_end : 0;
	}
	tail_vma->vm_next = NULL;
	mm->mmap_cache = NULL;		/* Kill the cache. */
	vm_emit(mm->machine, VM_EV_DETACH, "detach_vmas_to_be_unmapped", NULL, start, end, n,
		"%d VMA%s detached from %08lx-%08lx, map_count=%d", n, n == 1 ? "" : "s",
		start, tail_vma->vm_end, mm->map_count);
	return n;
}

/* remove_vm_struct - the VMA leaves its file's share list and is freed */
static void remove_vm_struct(struct vm_area_struct *vma)
{
	struct file *file = vma->vm_file;

	vm_emit(vma->vm_mm->machine, VM_EV_REMOVE, "remove_vm_struct", vma, vma->vm_start,
		vma->vm_end, 0, "free %08lx-%08lx%s", vma->vm_start, vma->vm_end,
		file ? ", fput" : "");
	__remove_shared_vm_struct(vma);
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (file)
		fput(file);
	anon_vma_unlink(vma);
	vm_area_free(vma);
}

/*
 * unmap_vma - total_vm and locked_vm lose the VMA's pages (seed 002 a.1,
 * a.2), and the counters behind /proc/PID/status too (vm_stat_unaccount);
 * then the VMA goes. Its VM_ACCOUNT charge went back in unmap_region.
 */
static void unmap_vma(struct mm_struct *mm, struct vm_area_struct *area)
{
	unsigned long pages = vma_pages(area);

	mm->total_vm -= pages;
	if (area->vm_flags & VM_LOCKED)
		mm->locked_vm -= pages;
	vm_stat_account(mm, area->vm_flags, area->vm_file, -(long)pages);
	vm_emit(mm->machine, VM_EV_UNMAP, "unmap_vma", area, area->vm_start, area->vm_end,
		(long)pages, "total_vm -= %lu -> %lu%s", pages, mm->total_vm,
		(area->vm_flags & VM_LOCKED) ? ", locked_vm too" : "");
	remove_vm_struct(area);
}

/* unmap_vma_list - unmap_vma for every VMA of the detached list (seed 002) */
static void unmap_vma_list(struct mm_struct *mm, struct vm_area_struct *mpnt)
{
	do {
		struct vm_area_struct *next = mpnt->vm_next;

		unmap_vma(mm, mpnt);
		mpnt = next;
	} while (mpnt);
}

/*
 * unmap_region - as 2.6's: zap the page table entries of the detached
 * VMAs (unmap_vmas), give back their VM_ACCOUNT charge, and free the page
 * tables no longer used between prev and the next VMA (free_pgtables).
 */
static void unmap_region(struct mm_struct *mm, struct vm_area_struct *vma,
			 struct vm_area_struct *prev, unsigned long start, unsigned long end)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;
	unsigned long zapped, nr_accounted = 0, rss = mm->rss;
	int freed;

	zapped = unmap_vmas(mm, vma, start, end, &nr_accounted);
	vm_unacct_memory(mm->machine, (long)nr_accounted);
	freed = free_pgtables(mm, prev ? prev->vm_end : 0, next ? next->vm_start : TASK_SIZE,
			      start, end);
	vm_emit(mm->machine, VM_EV_UNMAP, "unmap_region", NULL, start, end, (long)zapped,
		"unmap_region(%08lx-%08lx): %lu PTE%s zapped, rss %lu -> %lu, %d page table%s freed",
		start, end, zapped, zapped == 1 ? "" : "s", rss, mm->rss, freed, freed == 1 ? "" : "s");
}

#define VMA_STR_LEN	18	/* "40000000-40008000" */

/* vma_str - "start-end" of vma for an event's text, "NULL" for none. */
static const char *vma_str(char *buf, const struct vm_area_struct *vma)
{
	if (!vma)
		return "NULL";
	snprintf(buf, VMA_STR_LEN, "%08lx-%08lx", vma->vm_start, vma->vm_end);
	return buf;
}

/* munmap_check - do_munmap's argument checks (seed 002, 1.1 and 1.2) */
static int munmap_check(struct mm_struct *mm, unsigned long start, size_t *len)
{
	struct machine *m = mm->machine;

	if (start & ~PAGE_MASK)
		return (int)vm_error(m, -EINVAL, "0x%08lx is not page aligned", start);
	if (start > TASK_SIZE || *len > TASK_SIZE - start)
		return (int)vm_error(m, -EINVAL, "0x%08lx+%#lx goes past TASK_SIZE (%#lx)",
				     start, (unsigned long)*len, TASK_SIZE);
	*len = PAGE_ALIGN(*len);
	if (*len == 0)
		return (int)vm_error(m, -EINVAL, "length is zero");
	return 0;
}

/*
 * count_splits - how many VMAs unmapping [start, end) must split (0..2),
 * vma the first VMA it overlaps and last __find_vma(end); or -ENOMEM if
 * split_vma would refuse one for max_map_count.
 */
static int count_splits(struct mm_struct *mm, struct vm_area_struct *vma,
			struct vm_area_struct *last, unsigned long start, unsigned long end)
{
	int head = start > vma->vm_start, tail = last && end > last->vm_start;
	int max = mm->machine->sysctl_max_map_count;

	if ((head && mm->map_count >= max) || (tail && mm->map_count + head >= max))
		return (int)vm_error(mm->machine, -ENOMEM,
				     "split_vma refused: map_count %d has reached vm.max_map_count %d",
				     mm->map_count + (head && mm->map_count < max), max);
	return head + tail;
}

/*
 * munmap_splits - count_splits for [start, end), checked before anything
 * changes so that a failing call changes nothing.
 */
int munmap_splits(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = __find_vma(mm, start);

	if (!vma || vma->vm_start >= end)
		return 0;
	return count_splits(mm, vma, __find_vma(mm, end), start, end);
}

/* munmap_splits_from - munmap_splits with vma = __find_vma(start) known (it overlaps) */
static int munmap_splits_from(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long start, unsigned long end)
{
	struct vm_area_struct *last = vma;

	while (last && last->vm_end <= end)	/* __find_vma(end), along the list */
		last = last->vm_next;
	return count_splits(mm, vma, last, start, end);
}

/*
 * do_munmap - unmap [start, start+len) as seed 002 does it. Returns 0
 * (also when nothing was mapped there), -EINVAL for bad arguments, -ENOMEM
 * when a split is refused; on failure nothing has changed.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *mpnt, *prev, *last;
	unsigned long end;
	int err, had = mm->nr_reserved;	/* a caller's reserve stays the caller's */
	char buf[2][VMA_STR_LEN];

	vm_enter(m, "do_munmap", "do_munmap(start=%08lx, len=%#lx)", start, (unsigned long)len);
	err = munmap_check(mm, start, &len);
	if (err)
		goto out;
	mpnt = find_vma_prev(mm, start, &prev);
	vm_emit(m, VM_EV_LOOKUP, "find_vma_prev", mpnt, start, 0, 0,
		"find_vma_prev(%08lx) = %s, prev = %s", start,
		vma_str(buf[0], mpnt), vma_str(buf[1], prev));
	end = start + len;
	if (!mpnt || mpnt->vm_start >= end) {
		vm_emit(m, VM_EV_STEP, "do_munmap", NULL, start, end, 0, "no VMA overlaps %08lx-%08lx: nothing to do", start, end);
		goto out;
	}
	err = munmap_splits_from(mm, mpnt, start, end);
	if (err < 0)
		goto out;
	err = vma_reserve(mm, err);
	if (err) {
		err = (int)vm_error(m, err, "out of memory for a vm_area_struct");
		goto out;
	}
	update_hiwater_vm(mm);
	if (start > mpnt->vm_start) {
		split_vma(mm, mpnt, start, 0);
		prev = mpnt;
	}
	for (last = prev ? prev->vm_next : mm->mmap; last && last->vm_end <= end; last = last->vm_next)
		;	/* find_vma(end) without the tree: the VMAs passed are unmapped anyway */
	if (last && end > last->vm_start)
		split_vma(mm, last, end, 1);
	mpnt = prev ? prev->vm_next : mm->mmap;
	detach_vmas_to_be_unmapped(mm, mpnt, prev, end);
	unmap_region(mm, mpnt, prev, start, end);
	unmap_vma_list(mm, mpnt);
	vma_unreserve_to(mm, had);
out:
	vm_leave(m, "do_munmap", err);
	return err;
}

/* ------------------------------------------------------------------ */
/* do_mmap_pgoff */

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       (flags & MAP_DENYWRITE ? VM_DENYWRITE : 0) |
	       (flags & MAP_EXECUTABLE ? VM_EXECUTABLE : 0) |
	       (flags & MAP_LOCKED ? VM_LOCKED : 0);
}

/* mmap_vm_flags - vm_flags of a new mapping, and the file-mode checks. -EACCES/-EINVAL. */
static long mmap_vm_flags(struct mm_struct *mm, struct file *file, unsigned long prot,
			  unsigned long flags, unsigned long *pvm_flags)
{
	unsigned long vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
				 mm->def_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	struct machine *m = mm->machine;

	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (file && (prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return vm_error(m, -EACCES, "shared writable mapping of a file not open for writing");
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (file && !(file->f_mode & FMODE_WRITE))
			vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		break;
	case MAP_PRIVATE:
		break;
	default:
		return vm_error(m, -EINVAL, "need exactly one of MAP_SHARED or MAP_PRIVATE");
	}
	if (file && (vm_flags & (VM_GROWSDOWN | VM_GROWSUP)))
		return vm_error(m, -EINVAL, "a file mapping cannot grow down");
	/* We honor MAP_NORESERVE if allowed to overcommit (2.6.29) */
	if ((flags & MAP_NORESERVE) && m->sysctl_overcommit_memory != 2)
		vm_flags |= VM_NORESERVE;
	*pvm_flags = vm_flags;
	return 0;
}

/* accountable_mapping - does a mapping with these flags charge vm_committed_space? */
static int accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* mmap_prepare_vma - allocate and fill the new VMA (and its file) before anything changes */
static long mmap_prepare_vma(struct mm_struct *mm, struct file *file, unsigned long addr,
			     unsigned long len, unsigned long vm_flags, unsigned long pgoff,
			     struct vm_area_struct **pvma)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	if (!vma)
		return vm_error(mm->machine, -ENOMEM, "out of memory for a vm_area_struct");
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = (vm_flags_t)vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = (pgoff_t)pgoff;
	if (file) {
		if ((vm_flags & VM_DENYWRITE) && deny_write_access(file)) {
			vm_area_free(vma);
			return vm_error(mm->machine, -ETXTBSY, "file is open for writing");
		}
		vma->vm_file = file;
		get_file(file);
	} else if (vm_flags & VM_SHARED) {
		/* shmem_zero_setup: the object is charged unless MAP_NORESERVE */
		vma->vm_file = shmem_file_setup(mm->machine, len, !(vm_flags & VM_NORESERVE));
		if (!vma->vm_file) {
			vm_area_free(vma);
			return vm_error(mm->machine, -ENOMEM, "no memory for a /dev/zero object of %#lx bytes", len);
		}
		vma->vm_pgoff = 0;
	}
	*pvma = vma;
	return 0;
}

/* mmap_discard_vma - undo mmap_prepare_vma */
static void mmap_discard_vma(struct vm_area_struct *vma)
{
	if (vma->vm_file) {
		if (vma->vm_flags & VM_DENYWRITE)
			allow_write_access(vma->vm_file);
		fput(vma->vm_file);
	}
	vm_area_free(vma);
}

/* accounted_pages - VM_ACCOUNT pages in [start, end): what an overlapping munmap gives back */
static unsigned long accounted_pages(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long n = 0;

	for (vma = __find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		if (vma->vm_flags & VM_ACCOUNT)
			n += (e - s) >> PAGE_SHIFT;
	}
	return n;
}

/*
 * mmap_region - map [addr, addr+len) with vm_flags: clear what was there
 * (MAP_FIXED), charge VM_ACCOUNT, merge with a neighbour or link a new
 * VMA. All allocations and checks come first, so on failure (a negative
 * errno) nothing has changed.
 */
static unsigned long mmap_region(struct mm_struct *mm, struct file *file, unsigned long addr,
				 unsigned long len, unsigned long vm_flags, unsigned long pgoff,
				 int populate)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *vma = NULL, *prev, *merged;
	unsigned long end = addr + len, charged = 0, freed = 0;
	struct rb_node **rb_link = NULL, *rb_parent = NULL;
	int splits = 0, overlap;
	long err;

	/* one walk: where the VMA goes, and whether anything is in the way */
	overlap = find_vma_links(mm, addr, end, &prev, &rb_link, &rb_parent) != 0;
	if (overlap) {
		splits = munmap_splits(mm, addr, end);
		if (splits < 0)
			return (unsigned long)(long)splits;
	}
	if (accountable_mapping(vm_flags)) {
		charged = len >> PAGE_SHIFT;
		if (overlap)
			freed = accounted_pages(mm, addr, end);
		m->vm_committed_space -= freed;	/* as if the old maps were gone already */
		err = security_vm_enough_memory(m, (long)charged);
		m->vm_committed_space += freed;
		if (err)
			return (unsigned long)err;
		vm_flags |= VM_ACCOUNT;
	}
	err = vma_reserve(mm, splits + 1);
	if (!err)
		err = mmap_prepare_vma(mm, file, addr, len, vm_flags, pgoff, &vma);
	if (err) {
		vma_unreserve(mm);
		vm_unacct_memory(m, (long)charged);
		return (unsigned long)vm_error(m, err, "out of memory");
	}
	if (overlap) {
		do_munmap(mm, addr, len);	/* cannot fail now: checked and reserved */
		find_vma_links(mm, addr, end, &prev, &rb_link, &rb_parent);
	}
	vma_unreserve(mm);
	if ((vm_flags & (VM_SHARED | VM_ACCOUNT)) == (VM_SHARED | VM_ACCOUNT))
		vma->vm_flags &= ~VM_ACCOUNT;
	if (!file && !(vm_flags & VM_SHARED) &&
	    (merged = vma_merge(mm, prev, addr, end, vma->vm_flags, NULL, NULL, pgoff))) {
		mmap_discard_vma(vma);
		vma = merged;
	} else if (file && (merged = vma_merge(mm, prev, addr, end, vma->vm_flags, NULL, file, pgoff))) {
		mmap_discard_vma(vma);
		vma = merged;
	} else {
		__vma_link(mm, vma, prev, rb_link, rb_parent);	/* vma_merge changed nothing */
		if (vma->vm_flags & VM_DENYWRITE)
			allow_write_access(vma->vm_file);	/* correct_wcount */
	}
	mm->total_vm += len >> PAGE_SHIFT;
	vm_stat_account(mm, vm_flags, vma->vm_file, (long)(len >> PAGE_SHIFT));
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += len >> PAGE_SHIFT;
	if ((vm_flags & VM_LOCKED) || populate)
		make_pages_present(mm, addr, end);	/* like the kernel, mmap succeeds regardless */
	return addr;
}

/*
 * do_mmap_pgoff - 2.6's: checks, get_unmapped_area, vm_flags, then
 * mmap_region. file is an open file (or NULL for anonymous memory); the
 * caller's reference is not consumed. Returns the address or -errno.
 */
unsigned long do_mmap_pgoff(struct mm_struct *mm, struct file *file,
			    unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flags,
			    unsigned long pgoff)
{
	struct machine *m = mm->machine;
	unsigned long vm_flags = 0;
	long err;

	if (!len)
		return (unsigned long)vm_error(m, -EINVAL, "length is zero");
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return (unsigned long)vm_error(m, -ENOMEM, "length is more than TASK_SIZE");
	if (((pgoff + (len >> PAGE_SHIFT)) & 0xffffffffUL) < pgoff)
		return (unsigned long)vm_error(m, -EOVERFLOW, "offset + length overflows");
	if (mm->map_count > m->sysctl_max_map_count)
		return (unsigned long)vm_error(m, -ENOMEM, "map_count %d is over vm.max_map_count %d",
					       mm->map_count, m->sysctl_max_map_count);
	addr = get_unmapped_area(mm, file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	err = mmap_vm_flags(mm, file, prot, flags, &vm_flags);
	if (err)
		return (unsigned long)err;
	if (!file && (flags & MAP_TYPE) == MAP_PRIVATE)
		pgoff = addr >> PAGE_SHIFT;	/* set pgoff according to addr for anon_vma */
	return mmap_region(mm, file, addr, len, vm_flags, pgoff, !!(flags & MAP_POPULATE));
}

/* ------------------------------------------------------------------ */
/* brk */

/*
 * do_brk - an anonymous private mapping for the heap at [addr, addr+len),
 * merged with the VMA before it when possible. Returns addr or -errno.
 */
unsigned long do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct machine *m = mm->machine;
	unsigned long flags = VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;

	len = PAGE_ALIGN(len);
	if (!len)
		return addr;
	if (addr + len > TASK_SIZE || addr + len < addr)
		return (unsigned long)vm_error(m, -EINVAL, "heap would pass TASK_SIZE");
	if (mm->map_count > m->sysctl_max_map_count)
		return (unsigned long)vm_error(m, -ENOMEM, "map_count %d is over vm.max_map_count %d",
					       mm->map_count, m->sysctl_max_map_count);
	return mmap_region(mm, NULL, addr, len, flags & ~VM_ACCOUNT, addr >> PAGE_SHIFT, 0);
}

/* ------------------------------------------------------------------ */
/* mm_struct life */

/*
 * exit_mmap - release every VMA and page of mm: seed 001's walk in 2.6's
 * order. The pages of every VMA are zapped at once (unmap_vmas) and their
 * VM_ACCOUNT charge given back, the list and tree emptied, each VMA freed
 * (remove_vm_struct), then the page tables cleared.
 */
void exit_mmap(struct mm_struct *mm)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *mpnt = mm->mmap;
	unsigned long zapped, nr_accounted = 0, rss = mm->rss;

	vm_enter(m, "exit_mmap", "exit_mmap(map_count=%d, total_vm=%lu)", mm->map_count, mm->total_vm);
	update_hiwater_vm(mm);
	zapped = unmap_vmas(mm, mpnt, 0, TASK_SIZE, &nr_accounted);
	vm_unacct_memory(m, (long)nr_accounted);
	vm_emit(m, VM_EV_UNMAP, "exit_mmap", NULL, 0, TASK_SIZE, (long)zapped,
		"%lu PTE%s zapped, rss %lu -> 0", zapped, zapped == 1 ? "" : "s", rss);
	mm->mmap = mm->mmap_cache = NULL;
	mm->mm_rb = RB_ROOT;
	mm->highest_vm_end = 0;
	while (mpnt) {
		struct vm_area_struct *next = mpnt->vm_next;

		mm->map_count--;
		remove_vm_struct(mpnt);
		mpnt = next;
	}
	mm->total_vm = mm->locked_vm = mm->shared_vm = mm->exec_vm = 0;
	mm->stack_vm = mm->reserved_vm = 0;
	free_pgtables(mm, 0, TASK_SIZE, 0, TASK_SIZE);
	vm_leave(m, "exit_mmap", 0);
}

/* ------------------------------------------------------------------ */
/* System calls on m->current */

/*
 * sys_mmap_pgoff - mmap2: a named file (inode) is opened anew, read-write
 * when the mapping is shared and writable, read-only otherwise, and closed
 * after mapping (the VMA keeps its reference). No file and no MAP_ANONYMOUS
 * is -EBADF, as fd -1 would be.
 */
long sys_mmap_pgoff(struct machine *m, unsigned long addr, unsigned long len,
		    unsigned long prot, unsigned long flags, struct inode *inode,
		    unsigned long pgoff)
{
	struct mm_struct *mm = m->current->mm;
	struct file *file = NULL;
	unsigned long ret;

	vm_enter(m, "do_mmap_pgoff", "do_mmap_pgoff(addr=%08lx, len=%#lx, prot=%#lx, flags=%#lx, pgoff=%#lx)",
		 addr, len, prot, flags, pgoff);
	if (flags & MAP_ANONYMOUS) {
		inode = NULL;
	} else if (!inode) {
		ret = (unsigned long)vm_error(m, -EBADF, "no file to map (anonymous memory needs anon)");
		goto out;
	} else {
		unsigned int mode = FMODE_READ;

		if ((flags & MAP_TYPE) == MAP_SHARED && (prot & PROT_WRITE))
			mode |= FMODE_WRITE;
		file = dentry_open(inode, mode);
		if (!file) {
			char q[256];

			ret = (unsigned long)vm_error(m, (mode & FMODE_WRITE) && inode->i_writecount < 0 ?
						      -ETXTBSY : -ENOMEM, "cannot open '%s'%s", vm_quote(q, inode->i_name),
						      inode->i_writecount < 0 ? " for writing: it is being executed" : "");
			goto out;
		}
	}
	ret = do_mmap_pgoff(mm, file, addr, len, prot, flags, pgoff);
	if (file)
		fput(file);
	if (!IS_ERR_VALUE(ret))
		vm_emit(m, VM_EV_MMAP, "do_mmap_pgoff", __find_vma(mm, ret), ret, ret + PAGE_ALIGN(len),
			(long)ret, "mapped %08lx-%08lx", ret, ret + PAGE_ALIGN(len));
out:
	vm_leave(m, "do_mmap_pgoff", (long)ret);
	return (long)ret;
}

long sys_mmap(struct machine *m, unsigned long addr, unsigned long len,
	      unsigned long prot, unsigned long flags, struct inode *file,
	      unsigned long off)
{
	if (off & ~PAGE_MASK)
		return vm_error(m, -EINVAL, "offset %#lx is not page aligned", off);
	return sys_mmap_pgoff(m, addr, len, prot, flags, file, off >> PAGE_SHIFT);
}

long sys_munmap(struct machine *m, unsigned long addr, size_t len)
{
	struct mm_struct *mm = m->current->mm;
	long err = do_munmap(mm, addr, len);

	if (!err)
		vm_emit(m, VM_EV_MUNMAP, "do_munmap", NULL, addr, addr + len, 0,
			"unmapped %08lx-%08lx", addr, addr + (unsigned long)len);
	return err;
}

/*
 * sys_brk - move the program break: shrinking unmaps, growing maps with
 * do_brk unless something is mapped in the way. Like Linux it never
 * fails: it returns the break, unchanged when the move was refused (the
 * reason is left in m->errmsg).
 */
long sys_brk(struct machine *m, unsigned long brk)
{
	struct mm_struct *mm = m->current->mm;
	unsigned long newbrk, oldbrk;

	vm_enter(m, "sys_brk", "sys_brk(%08lx)", brk);
	if (brk < mm->start_brk) {
		vm_error(m, -EINVAL, "0x%08lx is below start_brk 0x%08lx", brk, mm->start_brk);
		goto out;
	}
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk)
		goto set_brk;
	if (brk <= mm->brk) {		/* always allow shrinking brk */
		if (!do_munmap(mm, newbrk, (oldbrk - newbrk) & 0xffffffffUL))	/* i386 arithmetic */
			goto set_brk;
		goto out;
	}
	if (newbrk > TASK_SIZE) {
		vm_error(m, -ENOMEM, "heap would pass TASK_SIZE");
		goto out;
	}
	if (find_vma_intersection(mm, oldbrk, newbrk + PAGE_SIZE)) {
		vm_error(m, -ENOMEM, "a mapping is in the way of %08lx-%08lx", oldbrk, newbrk);
		goto out;
	}
	if (do_brk(mm, oldbrk, newbrk - oldbrk) != oldbrk)
		goto out;
set_brk:
	mm->brk = brk;
	vm_emit(m, VM_EV_BRK, "sys_brk", NULL, mm->start_brk, brk, (long)brk, "brk = %08lx", brk);
out:
	vm_leave(m, "sys_brk", (long)mm->brk);
	return (long)mm->brk;
}

#define STACK_RLIMIT	(8UL << 20)	/* RLIMIT_STACK's usual 8 MiB */

/*
 * expand_stack - grow a VM_GROWSDOWN VMA down to address (a fault just
 * below it), within RLIMIT_STACK and charged when VM_ACCOUNT. 0 or -ENOMEM.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long grow;

	address &= PAGE_MASK;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	if (anon_vma_prepare(vma))
		return -ENOMEM;
	if (vma->vm_end - address > STACK_RLIMIT)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory(mm->machine, (long)grow))
		return -ENOMEM;
	vma->vm_start = address;
	vma->vm_pgoff -= (pgoff_t)grow;
	vma_gap_update(vma);
	mm->total_vm += grow;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += grow;
	vm_stat_account(mm, vma->vm_flags, vma->vm_file, (long)grow);
	vm_emit(mm->machine, VM_EV_STEP, "expand_stack", vma, vma->vm_start, vma->vm_end, (long)grow,
		"stack grows down %lu page%s to %08lx", grow, grow == 1 ? "" : "s", vma->vm_start);
	return 0;
}
