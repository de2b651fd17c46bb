/*
 * memory.c - pages behind the VMAs, after Linux 2.6 mm/memory.c: the
 * fault paths (handle_mm_fault, do_anonymous_page with the zero page,
 * do_no_page from the page cache, do_wp_page's copy-on-write), zapping
 * (zap_page_range, unmap_vmas), copying page tables at fork, changing and
 * moving PTEs, and the simulated CPU's accesses that raise the faults
 * (arch/i386/mm/fault.c).
 * Seed 001 (2.4): zap_page_range, copy_page_range. 2.6: the fault paths,
 * unmap_vmas as 2.6.11's unmap_region and exit_mmap call it, _mapcount,
 * copy_page_range skipping VMAs without an anon_vma (2.6.14), the fault
 * checks of 2.6.18's i386 do_page_fault, write-notify's dirtying of page
 * cache pages (2.6.19); the zero page kept out of rss as today's kernel.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "mm.h"
#include "filemap.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "rmap.h"

/* vm_normal_page - the page a PTE maps, or NULL for the zero page (not counted anywhere) */
static struct page *vm_normal_page(struct machine *m, pte_t pte)
{
	struct page *page = pfn_to_page(m, pte_pfn(pte));

	return page == zero_page(m) ? NULL : page;
}

/* maybe_mkwrite - writable if the VMA is */
static pte_t maybe_mkwrite(pte_t pte, const struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_WRITE) ? pte | _PAGE_RW : pte;
}

/* page_is_zero_filled - would this frame read as zeros if never written? */
static int page_is_zero_filled(const struct page *page)
{
	const struct address_space *mapping = page->mapping;

	if (page->contents)
		return 0;
	if (!(page->flags & PG_cache))
		return 1;
	return (mapping->host->i_flags & S_SHMEM) ||
	       ((unsigned long)page->index << PAGE_SHIFT) >= mapping->host->i_size;
}

/* copy_user_highpage - dst gets src's bytes; nothing allocated when they are all zero */
static int copy_user_highpage(struct machine *m, struct page *dst, const struct page *src)
{
	uint8_t *to;

	if (page_is_zero_filled(src))
		return 0;
	to = page_address(m, dst);
	if (!to)
		return -ENOMEM;
	page_read(src, 0, to, PAGE_SIZE);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Faults */

/*
 * do_anonymous_page - a first touch of anonymous memory: a read maps the
 * shared zero page read-only; a write gets a zeroed page of its own.
 */
static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma,
			     unsigned long address, pte_t *pte, int write_access)
{
	struct machine *m = mm->machine;
	struct page *page;

	if (!write_access) {
		page = zero_page(m);
		get_page(page);
		*pte = mk_pte(0, vma->vm_page_prot) & ~(pte_t)_PAGE_RW;
		vm_emit(m, VM_EV_STEP, "do_anonymous_page", vma, address, 0, 0,
			"read: zero page mapped read-only at %08lx", address);
		return VM_FAULT_MINOR;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_page(m);
	if (!page)
		return VM_FAULT_OOM;
	*pte = maybe_mkwrite(mk_pte(page_to_pfn(m, page), vma->vm_page_prot) | _PAGE_DIRTY, vma);
	mm->rss++;
	mm->anon_rss++;
	page_add_anon_rmap(page, vma, address);
	vm_emit(m, VM_EV_STEP, "do_anonymous_page", vma, address, 1, (long)page_to_pfn(m, page),
		"write: new zeroed frame %#lx at %08lx, rss=%lu", page_to_pfn(m, page), address, mm->rss);
	return VM_FAULT_MINOR;
}

/*
 * filemap_nopage - the page cache page of index, read in (a major fault)
 * when missing; shmem pages are made (minor). NULL with *ret set to
 * VM_FAULT_SIGBUS past the end of the file or VM_FAULT_OOM.
 */
static struct page *filemap_nopage(struct machine *m, struct address_space *mapping,
				   unsigned long index, int *ret)
{
	struct page *page;

	if (index >= mapping_size_pages(mapping)) {
		*ret = VM_FAULT_SIGBUS;
		return NULL;
	}
	page = find_get_page(mapping, index);
	if (page) {
		*ret = VM_FAULT_MINOR;
		return page;
	}
	page = alloc_page(m);
	if (!page || add_to_page_cache(m, page, mapping, index)) {
		if (page)
			__free_page(m, page);
		*ret = VM_FAULT_OOM;
		return NULL;
	}
	put_page(m, page);		/* the cache holds it now */
	*ret = (mapping->host->i_flags & S_SHMEM) ? VM_FAULT_MINOR : VM_FAULT_MAJOR;
	return page;
}

/* do_cow_page - the early copy-on-write of do_no_page: a private copy of page */
static struct page *do_cow_page(struct mm_struct *mm, struct vm_area_struct *vma,
				const struct page *page)
{
	struct page *new;

	if (anon_vma_prepare(vma))
		return NULL;
	new = alloc_page(mm->machine);
	if (new && copy_user_highpage(mm->machine, new, page)) {
		__free_page(mm->machine, new);
		new = NULL;
	}
	return new;
}

/*
 * do_no_page - a first touch of a file mapping: the page comes from the
 * file's page cache; a write to a private mapping copies it at once.
 */
static int do_no_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, pte_t *pte, int write_access)
{
	struct machine *m = mm->machine;
	unsigned long index = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	struct page *page, *new;
	int ret, anon = 0;

	page = filemap_nopage(m, vma->vm_file->f_mapping, index, &ret);
	if (!page)
		return ret;
	if (write_access && !(vma->vm_flags & VM_SHARED)) {
		new = do_cow_page(mm, vma, page);
		if (!new)
			return VM_FAULT_OOM;
		page = new;
		anon = 1;
	} else {
		get_page(page);
	}
	*pte = mk_pte(page_to_pfn(m, page), vma->vm_page_prot);
	if (write_access) {
		*pte = maybe_mkwrite(*pte | _PAGE_DIRTY, vma);
		if (!anon)
			page->flags |= PG_dirty;
	}
	mm->rss++;
	if (anon) {
		mm->anon_rss++;
		page_add_anon_rmap(page, vma, address);
	} else {
		page_add_file_rmap(page);
	}
	vm_emit(m, VM_EV_STEP, "do_no_page", vma, address, write_access, (long)page_to_pfn(m, page),
		"%s: file page %lu -> frame %#lx%s%s", write_access ? "write" : "read", index,
		page_to_pfn(m, page), anon ? " (private copy)" : "",
		ret == VM_FAULT_MAJOR ? ", read from disk (major)" : "");
	return ret;
}

/*
 * do_wp_page - a write to a present read-only PTE of a writable VMA:
 * reuse the page when this PTE is its only mapping and it is anonymous,
 * else copy it (the zero page and shared COW pages).
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, pte_t *pte)
{
	struct machine *m = mm->machine;
	struct page *old = vm_normal_page(m, *pte), *new;

	if (old && (old->flags & PG_anon) && page_mapcount(old) == 1) {
		*pte = maybe_mkwrite(*pte | _PAGE_DIRTY | _PAGE_ACCESSED, vma);
		vm_emit(m, VM_EV_COW, "do_wp_page", vma, address, 0, (long)page_to_pfn(m, old),
			"reuse frame %#lx at %08lx: its only mapping", page_to_pfn(m, old), address);
		return VM_FAULT_MINOR;
	}
	new = do_cow_page(mm, vma, old ? old : zero_page(m));
	if (!new)
		return VM_FAULT_OOM;
	if (old) {
		page_remove_rmap(old);
		if (!(old->flags & PG_anon))
			mm->anon_rss++;		/* a file page becomes an anonymous one */
		put_page(m, old);
	} else {
		put_page(m, zero_page(m));
		mm->rss++;
		mm->anon_rss++;
	}
	*pte = maybe_mkwrite(mk_pte(page_to_pfn(m, new), vma->vm_page_prot) | _PAGE_DIRTY, vma);
	page_add_anon_rmap(new, vma, address);
	vm_emit(m, VM_EV_COW, "do_wp_page", vma, address, 1, (long)page_to_pfn(m, new),
		"copy %s to new frame %#lx at %08lx", old ? "the shared page" : "the zero page",
		page_to_pfn(m, new), address);
	return VM_FAULT_MINOR;
}

/*
 * handle_mm_fault - bring the page of address in for an access: allocate
 * the page table, then the anonymous, file or copy-on-write path. Returns
 * VM_FAULT_MINOR or _MAJOR, or VM_FAULT_OOM / VM_FAULT_SIGBUS.
 */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, int write_access)
{
	pte_t *pte = pte_alloc_map(mm, address);

	if (!pte)
		return VM_FAULT_OOM;
	if (!pte_present(*pte)) {
		if (!vma->vm_file)
			return do_anonymous_page(mm, vma, address, pte, write_access);
		return do_no_page(mm, vma, address, pte, write_access);
	}
	if (write_access && !pte_write(*pte))
		return do_wp_page(mm, vma, address, pte);
	*pte |= _PAGE_ACCESSED | (write_access ? _PAGE_DIRTY : 0);
	return VM_FAULT_MINOR;
}

/* ------------------------------------------------------------------ */
/* Taking pages away */

/* zap_pte - clear one PTE, dropping its page's reference and map count */
static void zap_pte(struct mm_struct *mm, pte_t *pte)
{
	struct machine *m = mm->machine;
	struct page *page = vm_normal_page(m, *pte);

	if (!page) {
		put_page(m, zero_page(m));
	} else {
		if (page->flags & PG_anon)
			mm->anon_rss--;
		else if (pte_dirty(*pte))
			page->flags |= PG_dirty;	/* set_page_dirty */
		mm->rss--;
		page_remove_rmap(page);
		put_page(m, page);
	}
	*pte = 0;
}

/* zap_page_range - unmap every page of [start, end); returns how many PTEs were cleared */
unsigned long zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr, n = 0;

	if (mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;	/* update_hiwater_rss */
	for (addr = start; addr < end;) {
		pte_t *table = page_table(mm, pgd_index(addr));
		unsigned long next = (addr & PGDIR_MASK) + PGDIR_SIZE;

		if (next > end || next == 0)
			next = end;
		for (; table && addr < next; addr += PAGE_SIZE) {
			pte_t *pte = &table[pte_index(addr)];

			if (pte_none(*pte))
				continue;
			zap_pte(mm, pte);
			n++;
		}
		addr = next;
	}
	return n;
}

/*
 * unmap_vmas - zap the pages of the VMAs from vma on (a list in address
 * order) that lie in [start_addr, end_addr), VMA by VMA, as 2.6's
 * unmap_region and exit_mmap have it done; each piece is cleared by
 * zap_page_range (the page-table walk 2.6 calls unmap_page_range).
 * Adds the pages of VM_ACCOUNT VMAs it covered to *nr_accounted, for the
 * caller to uncharge. Returns how many PTEs were cleared (2.6 returned
 * how many VMAs it covered; vmsh's trace tells the PTEs).
 */
unsigned long unmap_vmas(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long start_addr, unsigned long end_addr,
			 unsigned long *nr_accounted)
{
	unsigned long zapped = 0;

	for (; vma && vma->vm_start < end_addr; vma = vma->vm_next) {
		unsigned long start = vma->vm_start > start_addr ? vma->vm_start : start_addr;
		unsigned long end = vma->vm_end < end_addr ? vma->vm_end : end_addr;

		if (start >= end)
			continue;
		if (vma->vm_flags & VM_ACCOUNT)
			*nr_accounted += (end - start) >> PAGE_SHIFT;
		zapped += zap_page_range(mm, start, end);
	}
	return zapped;
}

/* ------------------------------------------------------------------ */
/* Fork, mprotect, mremap */

/* is_cow_mapping - private and may be written: its pages are shared copy-on-write */
static int is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* vma_needs_copy - 2.6 copies PTEs only where a fault could not fill them again */
int vma_needs_copy(const struct vm_area_struct *vma)
{
	return vma->anon_vma != NULL;
}

/*
 * copy_page_range - fork's PTE copy for vma (the parent's) into dst_mm:
 * private writable pages are write-protected in both, so the first write
 * copies (COW); shared ones are copied clean. The child's page tables
 * must have been allocated (copy_page_tables_prepare): cannot fail.
 */
void copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
		     struct vm_area_struct *vma)
{
	struct page *mem_map = src_mm->machine->pgdat.mem_map;	/* pfn 0: the zero page */
	unsigned long addr = vma->vm_start, end = vma->vm_end, next, i;
	pte_t wrprotect = is_cow_mapping(vma->vm_flags) ? _PAGE_RW : 0;
	pte_t clear = _PAGE_ACCESSED | ((vma->vm_flags & VM_SHARED) ? _PAGE_DIRTY : 0);

	if (!vma_needs_copy(vma))
		return;
	for (; addr < end; addr = next) {	/* a page table (4 MiB) at a time */
		pte_t *src = page_table(src_mm, pgd_index(addr)), *dst;

		next = (addr & PGDIR_MASK) + PGDIR_SIZE;
		if (next > end || next == 0)
			next = end;
		if (!src)
			continue;
		dst = page_table(dst_mm, pgd_index(addr));
		for (i = pte_index(addr); addr < next; addr += PAGE_SIZE, i++) {
			struct page *page;
			pte_t pte;

			if (pte_none(src[i]))
				continue;
			src[i] &= ~wrprotect;		/* ptep_set_wrprotect */
			pte = src[i] & ~clear;		/* pte_mkclean (shared), pte_mkold */
			page = &mem_map[pte_pfn(pte)];
			page->_count++;			/* get_page */
			if (page != mem_map) {		/* vm_normal_page: not the zero page */
				page->_mapcount++;	/* page_dup_rmap */
				dst_mm->rss++;
				dst_mm->anon_rss += !!(page->flags & PG_anon);
			}
			dst[i] = pte;
		}
	}
}

/*
 * pgtables_prepare - allocate, in mm, the page tables [start, end) of src
 * has (src NULL: every table the range touches), so that a later copy or
 * move cannot fail. Returns 0, or -ENOMEM having freed what it allocated.
 */
int pgtables_prepare(struct mm_struct *mm, struct mm_struct *src, unsigned long start,
		     unsigned long end)
{
	unsigned long i, first = pgd_index(start), last = pgd_index(end - 1);
	unsigned long added[USER_PTRS_PER_PGD];
	int n = 0;

	for (i = first; i <= last && i < USER_PTRS_PER_PGD; i++) {
		if (src && !(src->pgd[i] & _PAGE_PRESENT))
			continue;
		if (mm->pgd[i] & _PAGE_PRESENT)
			continue;
		if (!pte_alloc_map(mm, i << PGDIR_SHIFT)) {
			while (n--)
				free_pgtables(mm, 0, TASK_SIZE, added[n] << PGDIR_SHIFT,
					      (added[n] + 1) << PGDIR_SHIFT);
			return -ENOMEM;
		}
		added[n++] = i;
	}
	return 0;
}

/*
 * change_protection - every PTE of [start, end) takes newprot (keeping its
 * frame and A/D bits): mprotect's second half.
 */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr, n = 0;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_offset_map(mm, addr);

		if (!pte) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		if (pte_none(*pte))
			continue;
		*pte = pte_modify(*pte, newprot);
		if (pfn_to_page(mm->machine, pte_pfn(*pte)) == zero_page(mm->machine))
			*pte &= ~(pte_t)_PAGE_RW;	/* the zero page is never writable */
		n++;
	}
	if (n)
		vm_emit(mm->machine, VM_EV_STEP, "change_protection", vma, start, end, (long)n,
			"%lu PTE%s now %#x", n, n == 1 ? "" : "s", newprot.pgprot);
}

/*
 * move_page_tables - move the PTEs of [old_addr, old_addr+len) to new_addr
 * (mremap): the pages stay, their addresses change. The destination's page
 * tables come from the mm's pgtable_reserve.
 */
void move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		      unsigned long len)
{
	unsigned long off;

	for (off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = pte_offset_map(mm, old_addr + off), *dst;

		if (!src || pte_none(*src))
			continue;
		dst = pte_alloc_map(mm, new_addr + off);	/* reserved: cannot fail */
		*dst = *src;
		*src = 0;
	}
}

/* ------------------------------------------------------------------ */
/* The CPU side: accesses and the page fault handler */

/* mmu_walk - the page a user access may use without faulting, setting A (and D), or NULL */
static struct page *mmu_walk(struct mm_struct *mm, unsigned long addr, int write)
{
	pte_t *pte = pte_offset_map(mm, addr);
	struct page *page;

	if (!pte || !(*pte & _PAGE_PRESENT) || !(*pte & _PAGE_USER))
		return NULL;
	if (write && !(*pte & _PAGE_RW))
		return NULL;
	*pte |= _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
	page = pfn_to_page(mm->machine, pte_pfn(*pte));
	if (write && (page->flags & PG_cache))
		page->flags |= PG_dirty;	/* as write-notify's set_page_dirty (2.6.19+) */
	return page;
}

/*
 * access_permitted - does vma allow this access? 2.6.18's i386
 * do_page_fault ("make PROT_WRITE imply PROT_READ", as today): a write
 * needs VM_WRITE; a read any of VM_READ, VM_WRITE, VM_EXEC; without NX an
 * instruction fetch is a read.
 */
static int access_permitted(const struct vm_area_struct *vma, int access)
{
	if (access == VM_ACCESS_WRITE)
		return !!(vma->vm_flags & VM_WRITE);
	return !!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/*
 * count_fault - a fault handled for t at address: min_flt or maj_flt, and
 * the one "fault" event per fault (hooks counting them see what the
 * counters say; value: 1 major, 0 minor).
 */
static void count_fault(struct machine *m, struct task_struct *t, unsigned long address,
			int write, int ret)
{
	if (ret == VM_FAULT_MAJOR)
		t->maj_flt++;
	else
		t->min_flt++;
	vm_emit(m, VM_EV_FAULT, "handle_mm_fault", __find_vma(t->mm, address), address,
		(unsigned long)write, ret == VM_FAULT_MAJOR, "%s %s fault at %08lx: min_flt=%lu maj_flt=%lu",
		ret == VM_FAULT_MAJOR ? "major" : "minor", write ? "write" : "read", address,
		t->min_flt, t->maj_flt);
}

/*
 * do_page_fault - i386's handler for a fault of current at address: find
 * the VMA (growing a stack down), check the access, handle_mm_fault.
 * Returns 0, or the signal the access earns: SIGSEGV, SIGBUS, or SIGKILL
 * when memory ran out (the caller kills the task).
 */
int do_page_fault(struct machine *m, unsigned long address, int access)
{
	struct task_struct *t = m->current;
	struct mm_struct *mm = t->mm;
	struct vm_area_struct *vma = find_vma(mm, address);
	int ret;

	vm_enter(m, "do_page_fault", "do_page_fault(%08lx, %s)", address,
		 access == VM_ACCESS_WRITE ? "write" : access == VM_ACCESS_EXEC ? "exec" : "read");
	ret = SIGSEGV;
	if (!vma)
		goto out;
	if (vma->vm_start > address && (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, address)))
		goto out;
	if (!access_permitted(vma, access))
		goto out;
	ret = handle_mm_fault(mm, vma, address & PAGE_MASK, access == VM_ACCESS_WRITE);
	if (ret == VM_FAULT_MINOR || ret == VM_FAULT_MAJOR) {
		count_fault(m, t, address, access == VM_ACCESS_WRITE, ret);
		ret = 0;
	} else {
		ret = ret == VM_FAULT_SIGBUS ? SIGBUS : SIGKILL;
	}
out:
	vm_leave(m, "do_page_fault", ret);
	return ret;
}

/* access_page - one page of an access: walk, fault if needed, walk again */
static int access_page(struct machine *m, unsigned long addr, int access, struct page **pp)
{
	struct mm_struct *mm = m->current->mm;
	int write = access == VM_ACCESS_WRITE, sig;

	if (addr >= TASK_SIZE)
		return SIGSEGV;
	*pp = mmu_walk(mm, addr, write);	/* no NX: a present page can be fetched from */
	if (*pp)
		return 0;
	sig = do_page_fault(m, addr, access);
	if (sig)
		return sig;
	*pp = mmu_walk(mm, addr, write);
	return *pp ? 0 : SIGSEGV;
}

/* access_copy - move the bytes of one page's part of an access */
static int access_copy(struct machine *m, struct page *page, unsigned long off, unsigned long n,
		       void *rbuf, const void *wbuf)
{
	uint8_t *to;

	if (rbuf)
		page_read(page, off, rbuf, n);
	if (!wbuf)
		return 0;
	to = page_address(m, page);
	if (!to)
		return -ENOMEM;
	memcpy(to + off, wbuf, n);
	if (page->flags & PG_cache)
		page->flags |= PG_dirty;
	return 0;
}

long access_vm(struct machine *m, unsigned long addr, unsigned long len, int access,
	       void *rbuf, const void *wbuf, struct vm_fault_info *fi)
{
	unsigned long done = 0;

	fi->sig = 0;
	fi->addr = 0;
	while (done < len) {
		unsigned long a = addr + done, off = a & ~PAGE_MASK;
		unsigned long n = PAGE_SIZE - off < len - done ? PAGE_SIZE - off : len - done;
		struct page *page;
		int sig = access_page(m, a & PAGE_MASK, access, &page);

		if (sig) {
			fi->sig = sig;
			fi->addr = a;
			return vm_fatal_signal(m, m->current, sig, a);
		}
		if (access_copy(m, page, off, n, rbuf ? (uint8_t *)rbuf + done : NULL,
				wbuf ? (const uint8_t *)wbuf + done : NULL)) {
			fi->sig = SIGKILL;
			fi->addr = a;
			return vm_fatal_signal(m, m->current, SIGKILL, a);
		}
		done += n;
	}
	return 0;
}

/*
 * make_pages_present - fault in every page of [start, end) as
 * get_user_pages does for MAP_POPULATE, MAP_LOCKED and mlock: a write
 * fault where the VMA is writable. Stops at the first failure: -ENOMEM.
 */
int make_pages_present(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct task_struct *t = mm->machine->current;
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = __find_vma(mm, addr);
		int write, ret;

		if (!vma || vma->vm_start > addr)
			return -EFAULT;
		if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
			continue;	/* PROT_NONE: nothing to bring in */
		write = !!(vma->vm_flags & VM_WRITE);
		if (mmu_walk(mm, addr, write))
			continue;
		ret = handle_mm_fault(mm, vma, addr, write);
		if (ret == VM_FAULT_OOM)
			return -ENOMEM;
		if (ret == VM_FAULT_SIGBUS)
			continue;
		if (t && t->mm == mm)
			count_fault(mm->machine, t, addr, write, ret);
	}
	return 0;
}

/* pages_needed - frames make_pages_present(start, end) may take at most (pages and tables) */
unsigned long pages_needed(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr, n = 0;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_offset_map(mm, addr);

		if (!pte || pte_none(*pte) || !pte_write(*pte))
			n++;
	}
	return n + (end - start + PGDIR_SIZE - 1) / PGDIR_SIZE + 1;
}
