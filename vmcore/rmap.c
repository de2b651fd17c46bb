/*
 * rmap.c - anon_vma objects and page map counts, after Linux 2.6
 * mm/rmap.c: anon_vma_prepare reuses a mergeable neighbour's anon_vma
 * (find_mergeable_anon_vma) so that VMAs can still merge after faults.
 * anon_vma and find_mergeable_anon_vma are 2.6.7's (before the anon_vma
 * chains of 2.6.34); page_add_anon_rmap and _mapcount are 2.6's.
 */
#include <errno.h>
#include "mm.h"
#include "page_alloc.h"
#include "rmap.h"
#include "slab.h"

/*
 * find_mergeable_anon_vma - the anon_vma of an adjacent VMA that vma could
 * merge with if only their protections were made equal (mprotect may do
 * that later), or NULL.
 */
static struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma)
{
	const unsigned long rwx = VM_READ | VM_WRITE | VM_EXEC;
	struct vm_area_struct *near = vma->vm_next;
	unsigned long vm_flags;

	if (near && near->anon_vma && vma->vm_end == near->vm_start) {
		vm_flags = (vma->vm_flags & ~rwx) | (near->vm_flags & rwx);
		if (can_vma_merge_before(near, vm_flags, NULL, vma->vm_file,
					 vma->vm_pgoff + vma_pages(vma)))
			return near->anon_vma;
	}
	near = vma->vm_prev;
	if (near && near->anon_vma && near->vm_end == vma->vm_start) {
		vm_flags = (vma->vm_flags & ~rwx) | (near->vm_flags & rwx);
		if (can_vma_merge_after(near, vm_flags, NULL, vma->vm_file, vma->vm_pgoff))
			return near->anon_vma;
	}
	return NULL;
}

int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct machine *m = vma->vm_mm->machine;
	struct anon_vma *anon_vma;

	if (vma->anon_vma)
		return 0;
	anon_vma = find_mergeable_anon_vma(vma);
	if (!anon_vma) {
		anon_vma = kzalloc(sizeof(*anon_vma));
		if (!anon_vma)
			return -ENOMEM;
		anon_vma->id = ++m->next_anon_vma_id;
		m->nr_anon_vmas++;
	}
	vma->anon_vma = anon_vma;
	anon_vma->refcount++;
	vm_emit(m, VM_EV_STEP, "anon_vma_prepare", vma, vma->vm_start, vma->vm_end,
		(long)anon_vma->id, "anon_vma #%lu for %08lx-%08lx%s", anon_vma->id,
		vma->vm_start, vma->vm_end, anon_vma->refcount > 1 ? " (a neighbour's)" : "");
	return 0;
}

void anon_vma_link(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		vma->anon_vma->refcount++;
}

void anon_vma_unlink(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	if (!anon_vma)
		return;
	vma->anon_vma = NULL;
	if (--anon_vma->refcount == 0) {
		vma->vm_mm->machine->nr_anon_vmas--;
		kfree(anon_vma);
	}
}

void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	if (++page->_mapcount == 0) {
		page->flags |= PG_anon;
		page->mapping = vma->anon_vma;
		page->index = (pgoff_t)(address >> PAGE_SHIFT);
	}
}

void page_add_file_rmap(struct page *page)
{
	page->_mapcount++;
}

void page_dup_rmap(struct page *page)
{
	page->_mapcount++;
}

void page_remove_rmap(struct page *page)
{
	page->_mapcount--;
}
