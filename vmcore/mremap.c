/*
 * mremap.c - resizing and moving a mapping, after Linux 2.6 mm/mremap.c:
 * do_mremap shrinks by unmapping the tail, grows in place when the next
 * VMA leaves room, or moves with copy_vma and move_vma. Every check is
 * made and every VMA reserved before the first change. copy_vma, and
 * merging a moved VMA through vma_merge, are 2.6.6's.
 */
#include <errno.h>
#include "mm.h"
#include "rmap.h"
#include "pgtable.h"

/*
 * copy_vma - a VMA for [addr, addr+len) like *vmap at pgoff: merged into a
 * neighbour when possible, else a new one linked in. An anonymous VMA never
 * faulted takes the pgoff of its new place, to merge more often. NULL on
 * -ENOMEM.
 */
static struct vm_area_struct *copy_vma(struct vm_area_struct **vmap, unsigned long addr,
				       unsigned long len, unsigned long pgoff)
{
	struct vm_area_struct *vma = *vmap, *new_vma, *prev;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vma_start = vma->vm_start;

	if (!vma->vm_file && !vma->anon_vma)
		pgoff = addr >> PAGE_SHIFT;
	find_vma_prev(mm, addr, &prev);
	new_vma = vma_merge(mm, prev, addr, addr + len, vma->vm_flags, vma->anon_vma,
			    vma->vm_file, pgoff);
	if (new_vma) {
		if (vma_start >= new_vma->vm_start && vma_start < new_vma->vm_end)
			*vmap = new_vma;	/* source vma may have been merged into new_vma */
		return new_vma;
	}
	new_vma = vm_area_alloc(mm);
	if (!new_vma)
		return NULL;
	*new_vma = *vma;
	INIT_LIST_HEAD(&new_vma->shared);
	new_vma->vm_start = addr;
	new_vma->vm_end = addr + len;
	new_vma->vm_pgoff = (pgoff_t)pgoff;
	if (new_vma->vm_file)
		get_file(new_vma->vm_file);
	anon_vma_link(new_vma);
	if (new_vma->vm_ops && new_vma->vm_ops->open)
		new_vma->vm_ops->open(new_vma);
	vma_link(mm, new_vma, prev);
	return new_vma;
}

/*
 * move_vma - move [old_addr, old_addr+old_len) of vma to new_addr, growing
 * to new_len. VM_ACCOUNT is concealed while the old range is unmapped so
 * its charge passes to the new VMA, then restored on what is left.
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len, unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vm_flags = vma->vm_flags, excess = 0, hiwater_vm;
	unsigned long new_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *new_vma;
	int split = 0;

	new_vma = copy_vma(&vma, new_addr, new_len, new_pgoff);
	if (!new_vma)
		return (unsigned long)-ENOMEM;	/* cannot happen: reserved */
	vm_emit(mm->machine, VM_EV_STEP, "move_vma", new_vma, new_addr, new_addr + new_len, 0,
		"copy_vma: %08lx-%08lx now in %08lx-%08lx", new_addr, new_addr + new_len,
		new_vma->vm_start, new_vma->vm_end);
	move_page_tables(mm, old_addr, new_addr, old_len);
	if (vm_flags & VM_ACCOUNT) {
		vma->vm_flags &= ~VM_ACCOUNT;
		excess = vma->vm_end - vma->vm_start - old_len;
		if (old_addr > vma->vm_start && old_addr + old_len < vma->vm_end)
			split = 1;
	}
	/* total_vm is raised for a moment: keep hiwater_vm from seeing it */
	hiwater_vm = mm->hiwater_vm;
	mm->total_vm += new_len >> PAGE_SHIFT;
	vm_stat_account(mm, vma->vm_flags, vma->vm_file, (long)(new_len >> PAGE_SHIFT));
	if (do_munmap(mm, old_addr, old_len) < 0) {
		/*
		 * As 2.6: the old range was not unmapped (old_len 0, which
		 * 2.6 lets a private mapping pass; splits were reserved, so
		 * never ENOMEM here). Get the accounts right: what was
		 * concealed is uncharged, and VM_ACCOUNT stays off.
		 */
		vm_unacct_memory(mm->machine, (long)(excess >> PAGE_SHIFT));
		vm_emit(mm->machine, VM_EV_STEP, "move_vma", vma, old_addr, old_addr, 0,
			"do_munmap failed: %lu pages uncharged, VM_ACCOUNT not restored",
			excess >> PAGE_SHIFT);
		excess = 0;
	}
	mm->hiwater_vm = hiwater_vm;
	if (excess) {
		vma->vm_flags |= VM_ACCOUNT;
		if (split)
			vma->vm_next->vm_flags |= VM_ACCOUNT;
	}
	if (vm_flags & VM_LOCKED) {
		mm->locked_vm += new_len >> PAGE_SHIFT;
		if (new_len > old_len)
			make_pages_present(mm, new_addr + old_len, new_addr + new_len);
	}
	return new_addr;
}

struct mremap_req {
	unsigned long addr, old_len, new_len, flags, new_addr;
};

/* mremap_args - do_mremap's argument checks (-EINVAL) */
static long mremap_args(struct machine *m, struct mremap_req *r)
{
	if (r->flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE))
		return vm_error(m, -EINVAL, "unknown flags %#lx", r->flags);
	if (r->addr & ~PAGE_MASK)
		return vm_error(m, -EINVAL, "0x%08lx is not page aligned", r->addr);
	unsigned long new_in = r->new_len;

	r->old_len = PAGE_ALIGN(r->old_len);
	r->new_len = PAGE_ALIGN(r->new_len);
	if (!r->new_len)
		return new_in ? vm_error(m, -EINVAL, "new length %#lx rounds up to zero", new_in) :
				vm_error(m, -EINVAL, "new length is zero");
	if (!(r->flags & MREMAP_FIXED))
		return 0;
	if (r->new_addr & ~PAGE_MASK)
		return vm_error(m, -EINVAL, "new address 0x%08lx is not page aligned", r->new_addr);
	if (!(r->flags & MREMAP_MAYMOVE))
		return vm_error(m, -EINVAL, "fixed needs maymove");
	if (r->new_len > TASK_SIZE || r->new_addr > TASK_SIZE - r->new_len)
		return vm_error(m, -EINVAL, "new range goes past TASK_SIZE");
	if ((r->new_addr <= r->addr && r->new_addr + r->new_len > r->addr) ||
	    (r->addr <= r->new_addr && r->addr + r->old_len > r->new_addr))
		return vm_error(m, -EINVAL, "old and new ranges overlap");
	return 0;
}

/* mremap_vma - the VMA to grow or move: -EFAULT unless the old range lies in one VMA */
static long mremap_vma(struct mm_struct *mm, const struct mremap_req *r, unsigned long old_len,
		       struct vm_area_struct **pvma)
{
	struct vm_area_struct *vma = find_vma(mm, r->addr);

	if (!vma || vma->vm_start > r->addr)
		return vm_error(mm->machine, -EFAULT, "0x%08lx is not mapped", r->addr);
	if (old_len > vma->vm_end - r->addr)
		return vm_error(mm->machine, -EFAULT, "%08lx-%08lx is not inside one VMA",
				r->addr, r->addr + old_len);
	if ((vma->vm_flags & VM_DONTEXPAND) && r->new_len > old_len)
		return vm_error(mm->machine, -EFAULT, "VMA may not expand");
	*pvma = vma;
	return 0;
}

/* can_grow_in_place - old range ends the VMA, is not being moved, and the next VMA leaves room */
static int can_grow_in_place(const struct vm_area_struct *vma, const struct mremap_req *r,
			     unsigned long old_len)
{
	unsigned long max_addr = vma->vm_next ? vma->vm_next->vm_start : TASK_SIZE;

	if (old_len != vma->vm_end - r->addr)
		return 0;
	if ((r->flags & MREMAP_FIXED) && r->addr != r->new_addr)
		return 0;
	if (old_len == r->new_len && (r->flags & MREMAP_MAYMOVE))
		return 0;
	return max_addr - r->addr >= r->new_len;
}

/* mremap_grow_in_place - vma_adjust the end up and count the new pages */
static unsigned long mremap_grow_in_place(struct vm_area_struct *vma, const struct mremap_req *r,
					  unsigned long old_len)
{
	struct mm_struct *mm = vma->vm_mm;
	long pages = (long)((r->new_len - old_len) >> PAGE_SHIFT);

	vma_adjust(vma, vma->vm_start, r->addr + r->new_len, vma->vm_pgoff, NULL);
	mm->total_vm += (unsigned long)pages;
	vm_stat_account(mm, vma->vm_flags, vma->vm_file, pages);
	if (vma->vm_flags & VM_LOCKED) {
		mm->locked_vm += (unsigned long)pages;
		make_pages_present(mm, r->addr + old_len, r->addr + r->new_len);
	}
	return r->addr;
}

/*
 * mremap_plan - decide, before changing anything, what do_mremap will do:
 * 0 shrink only, 1 grow in place, 2 move; checks and reserves VMAs for it.
 */
static long mremap_plan(struct mm_struct *mm, struct mremap_req *r, struct vm_area_struct **pvma,
			unsigned long *charged)
{
	struct machine *m = mm->machine;
	unsigned long old_len = r->old_len < r->new_len ? r->old_len : r->new_len;
	int moving = (r->flags & MREMAP_FIXED) && r->new_addr != r->addr;
	long err;

	if ((r->flags & MREMAP_FIXED) && munmap_splits(mm, r->new_addr, r->new_addr + r->new_len) < 0)
		return -ENOMEM;
	if (r->old_len > r->new_len &&
	    munmap_splits(mm, r->addr + r->new_len, r->addr + r->old_len) < 0)
		return -ENOMEM;
	if (r->old_len >= r->new_len && !moving)
		return 0;
	err = mremap_vma(mm, r, old_len, pvma);
	if (err)
		return err;
	if (((*pvma)->vm_flags & VM_ACCOUNT) && r->new_len > old_len) {
		if (security_vm_enough_memory(m, (long)((r->new_len - old_len) >> PAGE_SHIFT)))
			return -ENOMEM;		/* refused: nothing was charged */
		*charged = (r->new_len - old_len) >> PAGE_SHIFT;
	}
	if (can_grow_in_place(*pvma, r, old_len))
		return 1;
	if (!(r->flags & MREMAP_MAYMOVE))
		return vm_error(m, -ENOMEM, "no room to grow %08lx-%08lx in place (maymove not given)",
				(*pvma)->vm_start, (*pvma)->vm_end);
	if (mm->map_count >= m->sysctl_max_map_count - 3)
		return vm_error(m, -ENOMEM, "map_count %d is too near vm.max_map_count", mm->map_count);
	if (!(r->flags & MREMAP_FIXED)) {
		unsigned long a = get_unmapped_area(mm, (*pvma)->vm_file, 0, r->new_len,
						    (*pvma)->vm_pgoff,
						    ((*pvma)->vm_flags & VM_MAYSHARE) ? MAP_SHARED : 0);
		if (IS_ERR_VALUE(a))
			return (long)a;
		r->new_addr = a;
	}
	return 2;
}

/* mremap_commit - carry out the plan; cannot fail */
static unsigned long mremap_commit(struct mm_struct *mm, struct mremap_req *r, long plan,
				   struct vm_area_struct *vma)
{
	unsigned long old_len = r->old_len;

	if (r->flags & MREMAP_FIXED)
		do_munmap(mm, r->new_addr, r->new_len);
	if (old_len >= r->new_len) {
		if (old_len != r->new_len)
			do_munmap(mm, r->addr + r->new_len, old_len - r->new_len);
		if (plan == 0)
			return r->addr;
		old_len = r->new_len;
	}
	vma = find_vma(mm, r->addr);	/* the munmaps above may have split it */
	if (plan == 1)
		return mremap_grow_in_place(vma, r, old_len);
	return move_vma(vma, r->addr, old_len, r->new_len, r->new_addr);
}

/*
 * sys_mremap - 2.6's do_mremap. Returns the address of the mapping, or
 * -EINVAL, -EFAULT (old range not one VMA), -ENOMEM (no room, no memory),
 * with nothing changed on failure.
 */
long sys_mremap(struct machine *m, unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = m->current->mm;
	struct mremap_req r = { addr, old_len, new_len, flags, new_addr };
	struct vm_area_struct *vma = NULL;
	unsigned long charged = 0;
	long plan, ret;

	vm_enter(m, "do_mremap", "do_mremap(addr=%08lx, old_len=%#lx, new_len=%#lx, flags=%#lx)",
		 addr, old_len, new_len, flags);
	ret = mremap_args(m, &r);
	if (ret)
		goto out;
	plan = mremap_plan(mm, &r, &vma, &charged);
	if (plan < 0) {
		ret = plan;
		goto out_unacct;
	}
	ret = vma_reserve(mm, 5);
	if (!ret && plan == 2)
		ret = pgtable_reserve(mm, (int)(pgd_index(r.new_addr + r.new_len - 1) -
						pgd_index(r.new_addr) + 1));
	if (ret) {
		vma_unreserve(mm);
		ret = vm_error(m, ret, "out of memory");
		goto out_unacct;
	}
	ret = (long)mremap_commit(mm, &r, plan, vma);
	vma_unreserve(mm);
	pgtable_unreserve(mm);
	goto out;
out_unacct:
	vm_unacct_memory(m, (long)charged);
out:
	vm_leave(m, "do_mremap", ret);
	return ret;
}
