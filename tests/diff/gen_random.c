/*
 * gen_random.c - random vmsh scripts for the differential test.
 *
 * gen_random [-d] [-z] [-a BUG,...] SEED [STEPS] prints a vmsh command
 * script, the same for the same SEED: files made at the start, then STEPS
 * (40) random operations (mmap fixed and hinted, of anonymous memory and of files,
 * private and shared; munmap, mprotect, mremap, mlock, munlock, madvise,
 * touch, read, write, fork, use, exit, wait), each followed by `maps` of
 * the current process and `smaps` of every live one, so that
 * run-random.sh catches a divergence between vmsh and the host kernel at
 * the step it happens. -a leaves out the cases of known vmsh bugs
 * (bug_names below). -z is for a host that maps a page of its own where
 * 2.6 maps the zero page: no operation that read-faults private anonymous
 * memory (read, touch r, populate or mlock of a VMA without write) is
 * drawn.
 *
 * The generator keeps two models of every address space, VMA by VMA: one
 * with Linux 2.6's rules (what vmsh follows) and one with today's (what
 * the host runs). An operation is kept only when both models agree on
 * its result and on what `maps` shows afterwards; an operation whose
 * outcome differs between the two kernels, or that one of them carries
 * out only in part (Linux's mprotect/mlock/madvise over a hole), is
 * drawn again. The models know only what the VMA layout depends on
 * (flags, offsets, VM_ACCOUNT, anon_vma identity, fork lineage); page
 * contents and counts are left to the two real runs. README.md lists
 * every difference left out and why.
 *
 * Faults happen only in forked children: an access in pid 1 that the
 * models say would fault is drawn again (hostmm's pid 1 is a real
 * process that would die).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE		4096UL
#define WIN_BASE	0x40000000UL	/* vmsh's window, as hostmm maps it */
#define WIN_SIZE	0x40000000UL
#define MAX_VMAS	64		/* per process; an operation that needs more is redrawn */
#define MAX_PIDS	24		/* vmsh pids 1 .. MAX_PIDS - 1 */
#define MAX_ALIVE	4
#define MAX_FILES	3
#define MAX_SHM		256
#define TRIES		40		/* draws per step before falling back to a read */
#define REJECT		(-1)		/* model result: the kernels differ, or do it in part */

/* vm_flags the models keep (Linux's values, for reading ease) */
#define F_READ		0x00000001UL
#define F_WRITE		0x00000002UL
#define F_EXEC		0x00000004UL
#define F_SHARED	0x00000008UL
#define F_MAYWRITE	0x00000020UL
#define F_MAYSHARE	0x00000080UL
#define F_LOCKED	0x00002000UL
#define F_SEQ_READ	0x00008000UL
#define F_RAND_READ	0x00010000UL
#define F_DONTCOPY	0x00020000UL
#define F_ACCOUNT	0x00100000UL
#define F_NORESERVE	0x00200000UL
#define F_RWX		(F_READ | F_WRITE | F_EXEC)
/* what maps (and smaps' Locked) shows of the flags */
#define F_VISIBLE	(F_RWX | F_MAYSHARE | F_LOCKED)

enum { K_ANON, K_SHM, K_FILE };		/* private anonymous, shared anonymous, file */
enum { P_FREE, P_ALIVE, P_ZOMBIE, P_REAPED };
enum { M_NONE, M_MAYMOVE, M_FIXED };	/* mremap modes */

struct vma {
	unsigned long start, end;	/* vmsh addresses */
	unsigned long flags;
	unsigned long pgoff;		/* in pages */
	int kind;
	int obj;			/* file: the open (struct file); shm: the object; anon: 0 */
	int fidx;			/* file: index in files[] */
	int anon;			/* anon_vma id, 0 for none */
	int forked;			/* today: anon_vma_chain not singular (a fork child's) */
};

struct proc {
	int state;
	int parent;
	int orphan;			/* reparented to init: never waited for */
	int nv;
	struct vma v[MAX_VMAS];
};

/* one kernel's view of the machine */
struct model {
	int now;			/* 0: Linux 2.6 (vmsh), 1: today's kernel (the host) */
	int next_anon;
	int full;			/* an operation needed more than MAX_VMAS */
	int zero_read;			/* an operation read-faulted private anonymous memory */
	struct proc p[MAX_PIDS];
};

struct gfile {
	char name[16];	/* "f" and a number */
	unsigned long size;
};

/* the outcome of an access */
struct fault {
	int sig;			/* 0, 'S' (SIGSEGV) or 'B' (SIGBUS) */
	unsigned long addr;
};

static struct model m26, mnow;
static struct gfile files[MAX_FILES];
static int nfiles;
static unsigned long shm_size[MAX_SHM];	/* bytes of each shared anonymous object */
static int next_obj = 1;
static int next_pid = 2;
static int cur = 1;
static unsigned long arena, arena_end;	/* where the operations go */

/*
 * vmsh bugs found by this test and not fixed yet: `-a NAME,...` leaves
 * their cases out so that the test can look for others (README.md).
 */
enum {
	BUG_ERRNO_ORDER = 1 << 0,	/* "errno-order": a later hole reported before the
					   first VMA's EACCES (mprotect) or EINVAL (madvise) */
};

static const struct {
	const char *name;
	unsigned mask;
} bug_names[] = {
	{ "errno-order", BUG_ERRNO_ORDER },
};

static unsigned avoid;
static int no_zero_page;		/* -z: the host has no zero page (models_agree) */
static int debug;			/* -d: the models' VMAs as comments after each step */

/* ---- output: one step's lines are kept until the step is accepted ---- */

static char step_buf[65536];
static size_t step_len;

static void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void emit(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(step_buf + step_len, sizeof(step_buf) - step_len, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof(step_buf) - step_len)
		step_len += (size_t)n;
}

static void flush_step(void)
{
	fwrite(step_buf, 1, step_len, stdout);
	step_len = 0;
}

/* ---- PRNG: splitmix64, so that a seed gives the same script everywhere ---- */

static uint64_t rng;

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* below - uniform in [0, n); 0 for n == 0 */
static unsigned long below(unsigned long n)
{
	return n ? (unsigned long)(rnd() % n) : 0;
}

static int chance(int percent)
{
	return (int)below(100) < percent;
}

/* ---- VMA arrays ---- */

static unsigned long pages(const struct vma *v)
{
	return (v->end - v->start) / PAGE;
}

/* vfind - index of the first VMA ending above addr (nv if none) */
static int vfind(const struct proc *p, unsigned long addr)
{
	int i;

	for (i = 0; i < p->nv && p->v[i].end <= addr; i++)
		;
	return i;
}

static int vinsert(struct model *m, struct proc *p, int i, const struct vma *v)
{
	if (p->nv == MAX_VMAS) {
		m->full = 1;
		return -1;
	}
	memmove(&p->v[i + 1], &p->v[i], (size_t)(p->nv - i) * sizeof(*v));
	p->v[i] = *v;
	p->nv++;
	return 0;
}

static void vremove(struct proc *p, int i)
{
	memmove(&p->v[i], &p->v[i + 1], (size_t)(p->nv - i - 1) * sizeof(p->v[0]));
	p->nv--;
}

/* vsplit - split v[i] at addr: v[i] below, v[i + 1] above (split_vma) */
static int vsplit(struct model *m, struct proc *p, int i, unsigned long addr)
{
	struct vma hi = p->v[i];

	hi.pgoff += (addr - hi.start) / PAGE;
	hi.start = addr;
	if (vinsert(m, p, i + 1, &hi))
		return -1;
	p->v[i].end = addr;
	return 0;
}

/* vunmap - do_munmap of [start, end) */
static void vunmap(struct model *m, struct proc *p, unsigned long start, unsigned long end)
{
	int i = vfind(p, start);

	if (start >= end)
		return;
	if (i < p->nv && p->v[i].start < start && p->v[i].end > start) {
		if (vsplit(m, p, i, start))
			return;
		i++;
	}
	while (i < p->nv && p->v[i].start < end) {
		if (p->v[i].end > end && vsplit(m, p, i, end))
			return;
		vremove(p, i);
	}
}

/* ---- merging: vma_merge (2.6) and vma_merge_new/existing_range (today) ---- */

/* what is being merged: a new range, a range of an existing VMA, or a copy */
struct mreq {
	unsigned long start, end, flags, pgoff;
	int kind, obj, anon;
	const struct vma *middle;	/* the VMA whose range changes flags */
	const struct vma *copied;	/* copy_vma (mremap): the VMA copied from */
};

static int fork_child(const struct vma *v)
{
	return v && v->anon && v->forked;
}

/*
 * anon_ok - may the range's anon_vma and tgt's become one? 2.6: either is
 * NULL or both are the same. Today (is_mergeable_anon_vma): an anon_vma is
 * not carried into or out of a fork child's VMA.
 */
static int anon_ok(const struct model *m, const struct vma *tgt, const struct mreq *r)
{
	if (!m->now)
		return !tgt->anon || !r->anon || tgt->anon == r->anon;
	if (!tgt->anon && r->anon)
		return !fork_child(r->middle) && !fork_child(r->copied);
	if (tgt->anon && !r->anon)
		return !tgt->forked;
	return tgt->anon == r->anon;
}

static int mergeable(const struct vma *v, const struct mreq *r)
{
	return v->flags == r->flags && v->kind == r->kind && v->obj == r->obj;
}

static int can_merge_before(const struct model *m, const struct vma *next, const struct mreq *r)
{
	return mergeable(next, r) && anon_ok(m, next, r) &&
	       next->pgoff == r->pgoff + (r->end - r->start) / PAGE;
}

static int can_merge_after(const struct model *m, const struct vma *prev, const struct mreq *r)
{
	return mergeable(prev, r) && anon_ok(m, prev, r) &&
	       prev->pgoff + pages(prev) == r->pgoff;
}

/* take_anon - dst has no anon_vma: give it src's (dup_anon_vma / vma_adjust's importer) */
static void take_anon(struct vma *dst, int anon, int forked)
{
	if (!dst->anon && anon) {
		dst->anon = anon;
		dst->forked = forked;
	}
}

/*
 * merge_new - vma_merge for a free range [r->start, r->end) (mmap,
 * copy_vma, mremap's vma_merge_extend): expand prev and/or next over it.
 * Returns the index of the VMA that now covers it, or -1.
 */
static int merge_new(const struct model *m, struct proc *p, const struct mreq *r)
{
	int i = vfind(p, r->start);	/* the first VMA above the range */
	struct vma *prev = i > 0 ? &p->v[i - 1] : NULL, *next = i < p->nv ? &p->v[i] : NULL;
	int left, right;

	left = prev && prev->end == r->start && can_merge_after(m, prev, r);
	right = next && next->start == r->end && can_merge_before(m, next, r) &&
		(!left || !prev->anon || !next->anon || prev->anon == next->anon);
	if (left) {
		prev->end = right ? next->end : r->end;
		if (right) {
			take_anon(prev, next->anon, next->forked);
			vremove(p, i);
		}
		if (r->copied)
			take_anon(prev, r->copied->anon, r->copied->forked);
		return i - 1;
	}
	if (right) {
		next->start = r->start;
		next->pgoff = r->pgoff;
		if (r->copied)
			take_anon(next, r->copied->anon, r->copied->forked);
		return i;
	}
	return -1;
}

/*
 * modify_flags - give [start, end) of v[i] the flags nf: merge with a
 * neighbour (2.6's vma_merge cases 4 to 8, today's
 * vma_merge_existing_range), else split (vma_modify). Returns the index
 * of the VMA covering the range, or -1 when MAX_VMAS is reached.
 */
static int modify_flags(struct model *m, struct proc *p, int i, unsigned long start,
			unsigned long end, unsigned long nf)
{
	struct vma mid = p->v[i];
	struct mreq r = { start, end, nf, mid.pgoff + (start - mid.start) / PAGE,
			  mid.kind, mid.obj, mid.anon, &mid, NULL };
	int lside = start == mid.start, rside = end == mid.end;
	struct vma *prev = i > 0 ? &p->v[i - 1] : NULL;
	struct vma *next = i + 1 < p->nv ? &p->v[i + 1] : NULL;
	int left = 0, right = 0;

	if (lside || rside) {
		left = lside && prev && prev->end == start && can_merge_after(m, prev, &r);
		right = rside && next && next->start == end && can_merge_before(m, next, &r) &&
			(!left || !prev->anon || !next->anon || prev->anon == next->anon);
	}
	if (left && right) {			/* case 1/6: prev absorbs both */
		prev->end = next->end;
		take_anon(prev, next->anon, next->forked);
		take_anon(prev, mid.anon, mid.forked);
		vremove(p, i + 1);
		vremove(p, i);
		return i - 1;
	}
	if (left) {				/* cases 5, 7 */
		prev->end = end;
		take_anon(prev, mid.anon, mid.forked);
		if (rside) {
			vremove(p, i);
		} else {
			p->v[i].start = end;
			p->v[i].pgoff += (end - mid.start) / PAGE;
		}
		return i - 1;
	}
	if (right) {				/* cases 4, 8 */
		next->start = start;
		next->pgoff = r.pgoff;
		take_anon(next, mid.anon, mid.forked);
		if (lside) {
			vremove(p, i);
			return i;
		}
		p->v[i].end = start;
		return i + 1;
	}
	if (start > mid.start) {
		if (vsplit(m, p, i, start))
			return -1;
		i++;
	}
	if (end < p->v[i].end && vsplit(m, p, i, end))
		return -1;
	p->v[i].flags = nf;
	return i;
}

/*
 * anon_prepare - the first anonymous page of v[i]: reuse a neighbour's
 * anon_vma if the two could merge but for their rights
 * (find_mergeable_anon_vma, next first), else a new one. Today only a
 * neighbour that is not a fork child's lends its anon_vma.
 */
static int compatible(const struct vma *a, const struct vma *b)
{
	return a->end == b->start && a->kind == b->kind && a->obj == b->obj &&
	       !((a->flags ^ b->flags) & ~F_RWX) && b->pgoff == a->pgoff + pages(a);
}

static void anon_prepare(struct model *m, struct proc *p, int i)
{
	struct vma *v = &p->v[i], *near;

	if (v->anon)
		return;
	v->forked = 0;
	near = i + 1 < p->nv ? &p->v[i + 1] : NULL;
	if (near && near->anon && !(m->now && near->forked) && compatible(v, near)) {
		v->anon = near->anon;
		return;
	}
	near = i > 0 ? &p->v[i - 1] : NULL;
	if (near && near->anon && !(m->now && near->forked) && compatible(near, v)) {
		v->anon = near->anon;
		return;
	}
	v->anon = ++m->next_anon;
}

/* ---- the objects behind file and shared mappings ---- */

/* obj_pages - pages of the file or shm object behind v (ceil of its size) */
static unsigned long obj_pages(const struct vma *v)
{
	unsigned long size = v->kind == K_FILE ? files[v->fidx].size : shm_size[v->obj];

	return (size + PAGE - 1) / PAGE;
}

/* obj_bytes - bytes of the object behind v, for bounds on writes */
static unsigned long obj_bytes(const struct vma *v)
{
	return v->kind == K_FILE ? files[v->fidx].size : shm_size[v->obj];
}

static int beyond_eof(const struct vma *v, unsigned long addr)
{
	return v->kind != K_ANON && v->pgoff + (addr - v->start) / PAGE >= obj_pages(v);
}

/*
 * populate - fault in [start, end) as MAP_POPULATE, mlock and a locked
 * mremap do: a private writable VMA takes write faults, so gets an
 * anon_vma. In 2.6 not when its first page is past the end of its file
 * (__do_fault prepares the anon_vma after ->fault succeeded); today it
 * does (do_cow_fault prepares it before ->fault fails with SIGBUS).
 */
static void populate(struct model *m, struct proc *p, unsigned long start, unsigned long end)
{
	int i;

	for (i = vfind(p, start); i < p->nv && p->v[i].start < end; i++) {
		struct vma *v = &p->v[i];
		unsigned long s = v->start > start ? v->start : start;

		if ((v->flags & (F_WRITE | F_SHARED)) == F_WRITE && !(v->flags & F_MAYSHARE) &&
		    (m->now || !beyond_eof(v, s)))
			anon_prepare(m, p, i);
		if (v->kind == K_ANON && !(v->flags & F_WRITE))
			m->zero_read = 1;	/* read faults: the zero page */
	}
}

/* ---- system calls on a model ---- */

struct mmap_args {
	unsigned long addr, len, prot;	/* prot as F_RWX bits */
	int shared, fixed, locked, populate, noreserve;
	int kind, fidx, obj;
	unsigned long pgoff;
};

static int m_mmap(struct model *m, int pid, const struct mmap_args *a)
{
	struct proc *p = &m->p[pid];
	struct vma v;
	int i;

	if (!a->len || (a->addr & (PAGE - 1)))
		return EINVAL;
	memset(&v, 0, sizeof(v));
	v.start = a->addr;
	v.end = a->addr + a->len;
	v.kind = a->kind;
	v.obj = a->obj;
	v.fidx = a->fidx;
	v.flags = a->prot | F_MAYWRITE;
	if (a->shared) {
		v.flags |= F_SHARED | F_MAYSHARE;
		if (a->kind == K_FILE && !(a->prot & F_WRITE))	/* opened read-only */
			v.flags &= ~(F_SHARED | F_MAYWRITE);
	}
	if (a->locked)
		v.flags |= F_LOCKED;
	if (a->noreserve)
		v.flags |= F_NORESERVE;
	if ((v.flags & (F_NORESERVE | F_SHARED | F_WRITE)) == F_WRITE)
		v.flags |= F_ACCOUNT;
	v.pgoff = a->kind == K_ANON ? a->addr / PAGE : a->pgoff;
	vunmap(m, p, v.start, v.end);
	{
		struct mreq r = { v.start, v.end, v.flags, v.pgoff, v.kind, v.obj, 0, NULL, NULL };

		if (merge_new(m, p, &r) < 0) {
			i = vfind(p, v.start);
			if (vinsert(m, p, i, &v))
				return 0;
		}
	}
	if (a->locked || a->populate)
		populate(m, p, v.start, v.end);
	return 0;
}

static int m_munmap(struct model *m, int pid, unsigned long addr, unsigned long len)
{
	len = (len + PAGE - 1) & ~(PAGE - 1);
	if ((addr & (PAGE - 1)) || !len)
		return EINVAL;
	vunmap(m, &m->p[pid], addr, addr + len);
	return 0;
}

/*
 * mprotect_flags - the flags mprotect_fixup gives v for prot; REJECT where
 * today's kernel faults the range in (a locked private VMA made writable).
 */
static long mprotect_flags(const struct model *m, const struct vma *v, unsigned long prot)
{
	unsigned long nf = prot | (v->flags & ~F_RWX);

	if (nf == v->flags)
		return (long)nf;
	if ((v->flags & (F_WRITE | F_SHARED | F_LOCKED)) == F_LOCKED && (nf & F_WRITE))
		return REJECT;
	if (nf & F_WRITE) {
		if (!(v->flags & (F_ACCOUNT | F_WRITE | F_SHARED | F_NORESERVE)))
			nf |= F_ACCOUNT;
	} else if (m->now && (v->flags & F_ACCOUNT) && v->kind == K_ANON && !v->anon) {
		nf &= ~F_ACCOUNT;
	}
	return (long)nf;
}

/*
 * m_mprotect - sys_mprotect's loop: a hole (ENOMEM) or a VMA that may not
 * get write (EACCES) stops it, the VMAs before it changed, in both
 * kernels alike.
 */
static int m_mprotect(struct model *m, int pid, unsigned long start, unsigned long len,
		      unsigned long prot)
{
	struct proc *p = &m->p[pid];
	unsigned long end, nstart = start, tmp;
	int i;
	long nf;

	if (start & (PAGE - 1))
		return EINVAL;
	len = (len + PAGE - 1) & ~(PAGE - 1);
	end = start + len;
	if (!len)
		return 0;
	i = vfind(p, start);
	if (i == p->nv || p->v[i].start > start)
		return ENOMEM;
	for (;;) {
		struct vma *v = &p->v[i];

		if ((prot & F_WRITE) && !(v->flags & F_MAYWRITE))
			return EACCES;
		nf = mprotect_flags(m, v, prot);
		if (nf == REJECT)
			return REJECT;
		tmp = v->end < end ? v->end : end;
		if ((unsigned long)nf != v->flags) {
			i = modify_flags(m, p, i, nstart, tmp, (unsigned long)nf);
			if (i < 0)
				return 0;
		}
		nstart = tmp;
		if (nstart < p->v[i].end)
			nstart = p->v[i].end;
		if (nstart >= end)
			return 0;
		i++;
		if (i == p->nv || p->v[i].start != nstart)
			return ENOMEM;
	}
}

/*
 * range_mapped - is [start, end) mapped without a hole, every VMA passing
 * ok()? 0 yes, ENOMEM for a hole, REJECT when ok() fails.
 */
static int range_mapped(const struct proc *p, unsigned long start, unsigned long end,
			int (*ok)(const struct vma *, unsigned long, unsigned long))
{
	int i = vfind(p, start);
	unsigned long at = start;

	for (; i < p->nv && p->v[i].start <= at && at < end; i++) {
		if (ok && !ok(&p->v[i], at, p->v[i].end < end ? p->v[i].end : end))
			return REJECT;
		at = p->v[i].end;
	}
	return at >= end ? 0 : ENOMEM;
}

/*
 * lockable - may [s, e) of v be locked here? It must be readable or
 * writable (2.6.18 cannot fault in PROT_NONE or exec-only pages, today
 * skips PROT_NONE) and within its file (today's mlock returns ENOMEM when
 * faulting in fails, 2.6 ignores it).
 */
static int lockable(const struct vma *v, unsigned long s, unsigned long e)
{
	(void)s;
	if (!(v->flags & (F_READ | F_WRITE)))
		return 0;
	/*
	 * Today's mlock faults in every VMA of the range, already locked or
	 * not, with write faults where private and writable: that breaks the
	 * copy-on-write sharing of pages with a fork child. 2.6's mlock_fixup
	 * leaves a VMA whose flags do not change alone.
	 */
	if ((v->flags & F_LOCKED) && (v->flags & (F_WRITE | F_MAYSHARE)) == F_WRITE)
		return 0;
	return v->kind == K_ANON || !beyond_eof(v, e - 1);
}

/*
 * m_mlock - do_mlock: the flags of every VMA first, then the range faulted
 * in (today's __mm_populate order; 2.6's mlock_fixup faulted each piece in
 * as it went, but vmsh does as today, so both models do). A hole stops
 * the loop with ENOMEM, the VMAs before it locked or unlocked in both
 * kernels; 2.6 (vmsh) faults in what it locked, today's kernel does not
 * (__mm_populate is skipped on an error): op_mlock then adds a second
 * mlock of what was locked, which both fault in, and both models fault
 * it in here. *done is where the loop stopped.
 */
static int m_mlock(struct model *m, int pid, unsigned long start, unsigned long len, int on,
		   unsigned long *done)
{
	struct proc *p = &m->p[pid];
	unsigned long end, nstart, tmp, nf;
	int i, err = 0;

	len = (len + (start & (PAGE - 1)) + PAGE - 1) & ~(PAGE - 1);
	start &= ~(PAGE - 1);
	end = start + len;
	*done = start;
	if (!len)
		return 0;
	i = vfind(p, start);
	if (i == p->nv || p->v[i].start > start)
		return ENOMEM;
	if (range_mapped(p, start, end, on ? lockable : NULL) == REJECT)
		return REJECT;		/* a VMA before the first hole that cannot be locked */
	for (nstart = start;;) {
		struct vma *v = &p->v[i];

		nf = on ? v->flags | F_LOCKED : v->flags & ~F_LOCKED;
		tmp = v->end < end ? v->end : end;
		if (nf != v->flags) {
			i = modify_flags(m, p, i, nstart, tmp, nf);
			if (i < 0)
				return 0;
		}
		nstart = tmp;
		if (nstart < p->v[i].end)
			nstart = p->v[i].end;
		if (nstart >= end)
			break;
		i++;
		if (i == p->nv || p->v[i].start != nstart) {
			err = ENOMEM;
			break;
		}
	}
	if (on)
		populate(m, p, start, nstart);
	*done = nstart;
	return err;
}

enum { A_NORMAL, A_RANDOM, A_SEQUENTIAL, A_WILLNEED, A_DONTNEED, A_DONTFORK, A_DOFORK, A_COUNT };

static const char *const advice_names[A_COUNT] = {
	"normal", "random", "sequential", "willneed", "dontneed", "dontfork", "dofork",
};

static unsigned long advice_flags(unsigned long f, int adv)
{
	switch (adv) {
	case A_NORMAL:
		return f & ~(F_RAND_READ | F_SEQ_READ);
	case A_RANDOM:
		return (f & ~F_SEQ_READ) | F_RAND_READ;
	case A_SEQUENTIAL:
		return (f & ~F_RAND_READ) | F_SEQ_READ;
	case A_DONTFORK:
		return f | F_DONTCOPY;
	case A_DOFORK:
		return f & ~F_DONTCOPY;
	}
	return f;
}

/*
 * m_madvise - sys_madvise: every mapped part of the range is advised and
 * the holes make it ENOMEM at the end, in both kernels; dontneed stops
 * with EINVAL at a locked VMA, the VMAs before it zapped. willneed is for
 * files only (2.6: EBADF on anonymous memory, today 0).
 */
static int m_madvise(struct model *m, int pid, unsigned long start, unsigned long len, int adv)
{
	struct proc *p = &m->p[pid];
	unsigned long end, nstart = start, tmp, nf;
	int i, hole = 0;

	if (start & (PAGE - 1))
		return EINVAL;
	len = (len + PAGE - 1) & ~(PAGE - 1);
	end = start + len;
	if (!len)
		return 0;
	for (i = vfind(p, start);; i++) {
		struct vma *v;

		if (i == p->nv || p->v[i].start >= end)
			return ENOMEM;		/* past the last VMA, or only a hole left */
		v = &p->v[i];
		if (nstart < v->start) {
			hole = 1;
			nstart = v->start;
		}
		tmp = v->end < end ? v->end : end;
		if (adv == A_WILLNEED && v->kind == K_ANON)
			return REJECT;
		if (adv == A_DONTNEED && (v->flags & F_LOCKED))
			return EINVAL;
		nf = advice_flags(v->flags, adv);
		if (nf != v->flags) {
			i = modify_flags(m, p, i, nstart, tmp, nf);
			if (i < 0)
				return 0;
		}
		nstart = tmp;
		if (nstart < p->v[i].end)
			nstart = p->v[i].end;
		if (nstart >= end)
			return hole ? ENOMEM : 0;
	}
}

/* move_vma - mremap's move of [old, old + olen) of v[i] to [naddr, naddr + nlen) */
static void move_vma(struct model *m, struct proc *p, int i, unsigned long old,
		     unsigned long olen, unsigned long nlen, unsigned long naddr)
{
	struct vma src = p->v[i], nv;
	unsigned long pgoff = src.pgoff + (old - src.start) / PAGE;
	struct mreq r;

	if (src.kind == K_ANON && !src.anon)	/* copy_vma: an unfaulted VMA takes its new place's */
		pgoff = naddr / PAGE;
	r = (struct mreq){ naddr, naddr + nlen, src.flags, pgoff, src.kind, src.obj, src.anon,
			   NULL, &src };
	if (merge_new(m, p, &r) < 0) {
		nv = src;
		nv.start = naddr;
		nv.end = naddr + nlen;
		nv.pgoff = pgoff;
		if (vinsert(m, p, vfind(p, naddr), &nv))
			return;
	}
	vunmap(m, p, old, old + olen);
	if ((src.flags & F_LOCKED) && nlen > olen)
		populate(m, p, naddr + olen, naddr + nlen);
}

/*
 * m_mremap - 2.6's do_mremap. REJECT: an old length of 0; a fixed move
 * from an address that is not mapped (2.6 unmaps the destination before
 * it finds out, today checks first); a shrink from an unmapped address
 * (2.6 unmaps, today EFAULT); a move the kernel would place (maymove).
 */
static int m_mremap(struct model *m, int pid, unsigned long addr, unsigned long olen,
		    unsigned long nlen, int mode, unsigned long naddr)
{
	struct proc *p = &m->p[pid];
	int i;

	if (addr & (PAGE - 1))
		return EINVAL;
	olen = (olen + PAGE - 1) & ~(PAGE - 1);
	nlen = (nlen + PAGE - 1) & ~(PAGE - 1);
	if (!nlen)
		return EINVAL;
	if (!olen)
		return REJECT;
	i = vfind(p, addr);
	if (i == p->nv || p->v[i].start > addr)
		return (olen >= nlen || mode == M_FIXED) ? REJECT : EFAULT;
	if (mode == M_FIXED) {
		if (naddr & (PAGE - 1))
			return EINVAL;
		if ((naddr <= addr && naddr + nlen > addr) || (addr <= naddr && addr + olen > naddr))
			return EINVAL;
		if (olen > p->v[i].end - addr)
			return REJECT;
		vunmap(m, p, naddr, naddr + nlen);
	}
	if (olen >= nlen) {
		vunmap(m, p, addr + nlen, addr + olen);
		if (mode != M_FIXED)
			return 0;
		olen = nlen;
	}
	i = vfind(p, addr);
	if (i == p->nv || p->v[i].start > addr || olen > p->v[i].end - addr)
		return EFAULT;
	if (olen == p->v[i].end - addr && mode != M_FIXED && (olen != nlen || mode != M_MAYMOVE)) {
		unsigned long max = i + 1 < p->nv ? p->v[i + 1].start : 0xC0000000UL;

		if (max - addr >= nlen) {
			struct vma *v = &p->v[i];
			unsigned long oend = v->end;

			if (m->now) {		/* vma_merge_extend: may merge with next too */
				struct mreq r = { oend, addr + nlen, v->flags,
						  v->pgoff + pages(v), v->kind, v->obj, v->anon,
						  NULL, NULL };

				i = merge_new(m, p, &r);
			} else {
				v->end = addr + nlen;
			}
			if (p->v[i].flags & F_LOCKED)
				populate(m, p, oend, addr + nlen);
			return 0;
		}
	}
	if (mode == M_NONE)
		return ENOMEM;
	if (mode == M_MAYMOVE)
		return REJECT;
	move_vma(m, p, i, addr, olen, nlen, naddr);
	return 0;
}

/*
 * m_access - touch, read or write [addr, addr + len): the first byte,
 * then the start of every later page, as vmsh and hostmm go. A write
 * fault in a private VMA gives it an anon_vma. Returns the fault.
 */
static struct fault m_access(struct model *m, int pid, unsigned long addr, unsigned long len,
			     int write)
{
	struct proc *p = &m->p[pid];
	struct fault f = { 0, 0 };
	unsigned long a, end = addr + len;
	int i;

	for (a = addr; a < end; a = (a & ~(PAGE - 1)) + PAGE) {
		i = vfind(p, a);
		f.addr = a;
		if (i == p->nv || p->v[i].start > a ||
		    !(p->v[i].flags & (write ? F_WRITE : F_RWX))) {
			f.sig = 'S';
			return f;
		}
		if (beyond_eof(&p->v[i], a)) {
			if (write && m->now && !(p->v[i].flags & F_MAYSHARE))
				anon_prepare(m, p, i);	/* do_cow_fault, before SIGBUS */
			f.sig = 'B';
			return f;
		}
		if (write && !(p->v[i].flags & F_MAYSHARE))
			anon_prepare(m, p, i);
		if (!write && p->v[i].kind == K_ANON)
			m->zero_read = 1;	/* the zero page, if not present */
	}
	return f;
}

/* m_exit - the process ends: a zombie (gone if an orphan), its children go to init */
static void m_exit(struct model *m, int pid)
{
	struct proc *p = &m->p[pid];
	int c;

	p->nv = 0;
	p->state = p->orphan ? P_REAPED : P_ZOMBIE;
	for (c = 1; c < MAX_PIDS; c++) {
		if (m->p[c].parent != pid || m->p[c].state == P_FREE || m->p[c].state == P_REAPED)
			continue;
		m->p[c].parent = 1;
		m->p[c].orphan = 1;
		if (m->p[c].state == P_ZOMBIE)
			m->p[c].state = P_REAPED;
	}
}

/*
 * m_fork - dup_mmap: dontfork VMAs stay behind, VM_LOCKED is not
 * inherited. 2.6's child shares each anon_vma with its parent; today's
 * gets an anon_vma of its own per VMA, chained to the parent's.
 */
static void m_fork(struct model *m, int pid, int child)
{
	struct proc *p = &m->p[pid], *c = &m->p[child];
	int i;

	memset(c, 0, sizeof(*c));
	c->state = P_ALIVE;
	c->parent = pid;
	for (i = 0; i < p->nv; i++) {
		struct vma v = p->v[i];

		if (v.flags & F_DONTCOPY)
			continue;
		v.flags &= ~F_LOCKED;
		if (m->now && v.anon) {
			v.anon = ++m->next_anon;
			v.forked = 1;
		}
		c->v[c->nv++] = v;
	}
}

/* ---- comparing the two models ---- */

static int same_vma(const struct vma *a, const struct vma *b)
{
	return a->start == b->start && a->end == b->end &&
	       (a->flags & F_VISIBLE) == (b->flags & F_VISIBLE) && a->kind == b->kind &&
	       a->obj == b->obj && (a->kind == K_ANON || a->pgoff == b->pgoff);
}

static int models_agree(void)
{
	int pid, i;

	if (m26.full || mnow.full)
		return 0;
	if (no_zero_page && (m26.zero_read || mnow.zero_read))
		return 0;
	for (pid = 1; pid < MAX_PIDS; pid++) {
		const struct proc *a = &m26.p[pid], *b = &mnow.p[pid];

		if (a->state != b->state || a->nv != b->nv)
			return 0;
		for (i = 0; i < a->nv; i++)
			if (!same_vma(&a->v[i], &b->v[i]))
				return 0;
	}
	return 1;
}

/* ---- drawing arguments ---- */

static int alive(int pid)
{
	return m26.p[pid].state == P_ALIVE;
}

static int nalive(void)
{
	int pid, n = 0;

	for (pid = 1; pid < MAX_PIDS; pid++)
		n += alive(pid);
	return n;
}

static unsigned long draw_len(void)
{
	int r = (int)below(100);

	if (r < 65)
		return (1 + below(8)) * PAGE;
	if (r < 92)
		return (1 + below(32)) * PAGE;
	return (1 + below(160)) * PAGE;
}

/*
 * draw_addr - a page address in the arena: near a boundary of one of the
 * process's VMAs, inside one, or anywhere, so that operations collide.
 */
static unsigned long draw_addr(int pid)
{
	const struct proc *p = &m26.p[pid];
	unsigned long a;
	int r = (int)below(100);

	if (p->nv && r < 45) {
		const struct vma *v = &p->v[below((unsigned long)p->nv)];

		a = chance(50) ? v->start : v->end;
		a += (below(7) - 3) * PAGE;
	} else if (p->nv && r < 70) {
		const struct vma *v = &p->v[below((unsigned long)p->nv)];

		a = v->start + below(pages(v)) * PAGE;
	} else {
		a = arena + below((arena_end - arena) / PAGE) * PAGE;
	}
	if (a < arena || a >= arena_end)
		a = arena + below((arena_end - arena) / PAGE) * PAGE;
	return a;
}

/* clamp_len - keep [addr, addr + len) in the arena */
static unsigned long clamp_len(unsigned long addr, unsigned long len)
{
	return addr + len > arena_end ? arena_end - addr : len;
}

static unsigned long draw_prot(void)
{
	static const unsigned long prots[] = {
		F_READ | F_WRITE, F_READ | F_WRITE, F_READ | F_WRITE, F_READ | F_WRITE,
		F_READ | F_WRITE, F_READ, F_READ, F_READ, 0, 0, F_READ | F_EXEC,
		F_READ | F_WRITE | F_EXEC, F_WRITE, F_EXEC, F_WRITE | F_EXEC,
	};

	return prots[below(sizeof(prots) / sizeof(prots[0]))];
}

/*
 * draw_range - [*addr, *addr + *len) for mprotect, mlock and madvise:
 * mostly inside what is mapped (from a page of a VMA to a page of the
 * same run of adjacent VMAs), so that the call does something; now and
 * then anywhere, holes and all.
 */
static void draw_range(int pid, unsigned long *addr, unsigned long *len)
{
	const struct proc *p = &m26.p[pid];
	int i, j;

	if (!p->nv || chance(20)) {
		*addr = draw_addr(pid);
		*len = clamp_len(*addr, draw_len());
		return;
	}
	i = (int)below((unsigned long)p->nv);
	for (j = i; j + 1 < p->nv && p->v[j + 1].start == p->v[j].end && chance(60); j++)
		;
	*addr = p->v[i].start + (chance(40) ? 0 : below(pages(&p->v[i])) * PAGE);
	*len = p->v[j].end - *addr;
	if (chance(50))
		*len = (1 + below(*len / PAGE)) * PAGE;
}

static const char *prot_str(unsigned long prot)
{
	static char s[4];

	s[0] = prot & F_READ ? 'r' : '-';
	s[1] = prot & F_WRITE ? 'w' : '-';
	s[2] = prot & F_EXEC ? 'x' : '-';
	s[3] = '\0';
	return s;
}

/* ---- the operations: draw, try on both models, emit if they agree ---- */

static struct model save26, savenow;

static void save_models(void)
{
	save26 = m26;
	savenow = mnow;
}

static void restore_models(void)
{
	m26 = save26;
	mnow = savenow;
}

/* same - both models gave the same result r26/rnow, and it is no REJECT */
static int same(int r26, int rnow)
{
	return r26 != REJECT && rnow != REJECT && r26 == rnow;
}

/* range_free - is nothing mapped in [addr, addr + len) of pid? */
static int range_free(int pid, unsigned long addr, unsigned long len)
{
	const struct proc *p = &m26.p[pid];
	int i = vfind(p, addr);

	return i == p->nv || p->v[i].start >= addr + len;
}

static int op_mmap(int pid)
{
	struct mmap_args a;
	char flags[64];
	int r = (int)below(100), err = 0;

	memset(&a, 0, sizeof(a));
	a.addr = draw_addr(pid);
	a.len = clamp_len(a.addr, draw_len());
	a.prot = draw_prot();
	a.fixed = !chance(15);
	if (r < 60) {
		a.kind = K_ANON;
	} else if (r < 72) {
		a.kind = K_SHM;
		a.shared = 1;
	} else {
		a.kind = K_FILE;
		a.shared = chance(40);
		a.fidx = (int)below((unsigned long)nfiles);
		a.pgoff = below((files[a.fidx].size + PAGE - 1) / PAGE + 3);
	}
	a.populate = chance(12);
	a.locked = chance(6);
	a.noreserve = chance(8);
	if ((a.locked || a.populate) && !(a.prot & (F_READ | F_WRITE)))
		return 0;
	if (!a.fixed && !range_free(pid, a.addr, a.len))
		return 0;
	if (chance(3)) {			/* the argument checks */
		if (chance(50))
			a.len = 0;
		else
			a.addr += 0x800;
		a.fixed = 1;
		err = EINVAL;
	}
	a.obj = a.kind == K_ANON ? 0 : next_obj;
	if (a.kind == K_SHM && a.obj < MAX_SHM)
		shm_size[a.obj] = a.len;
	if (a.obj >= MAX_SHM)
		return 0;
	if (!same(m_mmap(&m26, pid, &a), m_mmap(&mnow, pid, &a)))
		return 0;
	if (!err && a.kind != K_ANON)
		next_obj++;
	snprintf(flags, sizeof(flags), "%s%s%s%s%s%s", a.shared ? "shared" : "private",
		 a.kind == K_FILE ? "" : ",anon", a.fixed ? ",fixed" : "",
		 a.populate ? ",populate" : "", a.locked ? ",locked" : "",
		 a.noreserve ? ",noreserve" : "");
	emit("mmap 0x%08lx 0x%lx %s %s", a.addr, a.len, prot_str(a.prot), flags);
	if (a.kind == K_FILE)
		emit(" %s 0x%lx", files[a.fidx].name, a.pgoff * PAGE);
	emit("\n");
	return 1;
}

static int op_munmap(int pid)
{
	unsigned long addr = draw_addr(pid), len = clamp_len(addr, draw_len());

	if (chance(4))
		addr += 0x10;			/* EINVAL */
	if (!same(m_munmap(&m26, pid, addr, len), m_munmap(&mnow, pid, addr, len)))
		return 0;
	emit("munmap 0x%08lx 0x%lx\n", addr, len);
	return 1;
}

static int op_mprotect(int pid)
{
	unsigned long addr, len, prot = draw_prot();
	int err;

	draw_range(pid, &addr, &len);

	if (chance(3))
		addr += 0x100;			/* EINVAL */
	err = m_mprotect(&m26, pid, addr, len, prot);
	if (!same(err, m_mprotect(&mnow, pid, addr, len, prot)))
		return 0;
	if ((avoid & BUG_ERRNO_ORDER) && err == EACCES &&
	    range_mapped(&m26.p[pid], addr, addr + len, NULL))
		return 0;
	emit("mprotect 0x%08lx 0x%lx %s\n", addr, len, prot_str(prot));
	return 1;
}

/*
 * op_mlock - mlock or munlock. An mlock that locks VMAs before a hole is
 * followed by an mlock of what it locked: 2.6 (vmsh) faulted those pages
 * in, today's kernel leaves them out until that second call.
 */
static int op_mlock(int pid)
{
	unsigned long addr, len, done;
	int on = chance(60), err;

	draw_range(pid, &addr, &len);

	if (chance(30)) {			/* unaligned: rounded, as Linux does */
		addr += below(PAGE);
		len -= below(PAGE / 2);
	}
	err = m_mlock(&m26, pid, addr, len, on, &done);
	if (!same(err, m_mlock(&mnow, pid, addr, len, on, &done)))
		return 0;
	emit("%s 0x%08lx 0x%lx\n", on ? "mlock" : "munlock", addr, len);
	if (on && err == ENOMEM && done > (addr & ~(PAGE - 1)))
		emit("mlock 0x%08lx 0x%lx\n", addr & ~(PAGE - 1), done - (addr & ~(PAGE - 1)));
	return 1;
}

static int op_madvise(int pid)
{
	unsigned long addr, len;
	int adv = (int)below(A_COUNT), err;

	draw_range(pid, &addr, &len);

	if (chance(25))				/* the one that changes pages */
		adv = A_DONTNEED;
	err = m_madvise(&m26, pid, addr, len, adv);
	if (!same(err, m_madvise(&mnow, pid, addr, len, adv)))
		return 0;
	if ((avoid & BUG_ERRNO_ORDER) && err == EINVAL &&
	    range_mapped(&m26.p[pid], addr, addr + len, NULL))
		return 0;
	emit("madvise 0x%08lx 0x%lx %s\n", addr, len, advice_names[adv]);
	return 1;
}

static int op_mremap(int pid)
{
	const struct proc *p = &m26.p[pid];
	const struct vma *v;
	unsigned long addr, olen, nlen, naddr = 0;
	int mode = (int)below(100);

	if (!p->nv)
		return 0;
	v = &p->v[below((unsigned long)p->nv)];
	/* mostly a tail of the VMA, so that it can grow in place */
	addr = chance(60) ? v->start : v->start + below(pages(v)) * PAGE;
	olen = chance(70) ? v->end - addr : (1 + below((v->end - addr) / PAGE)) * PAGE;
	nlen = chance(50) ? olen + (1 + below(8)) * PAGE : (1 + below(olen / PAGE + 4)) * PAGE;
	mode = mode < 35 ? M_NONE : mode < 55 ? M_MAYMOVE : M_FIXED;
	if (mode == M_FIXED)
		naddr = draw_addr(pid);
	if (chance(3))
		addr = draw_addr(pid);		/* maybe nothing there: EFAULT */
	if (addr + nlen > arena_end || naddr + nlen > arena_end)
		return 0;
	if (!same(m_mremap(&m26, pid, addr, olen, nlen, mode, naddr),
		  m_mremap(&mnow, pid, addr, olen, nlen, mode, naddr)))
		return 0;
	emit("mremap 0x%08lx 0x%lx 0x%lx", addr, olen, nlen);
	if (mode == M_MAYMOVE)
		emit(" maymove");
	else if (mode == M_FIXED)
		emit(" fixed 0x%08lx", naddr);
	emit("\n");
	return 1;
}

/*
 * write_ok - may a write of [addr, addr + len) be done? Not past the end
 * of a file or shm object in a shared mapping: those bytes stay only until
 * writeback zeroes the tail of the page on the host.
 */
static int write_ok(int pid, unsigned long addr, unsigned long len)
{
	const struct proc *p = &m26.p[pid];
	unsigned long a;

	for (a = addr; a < addr + len; a++) {
		int i = vfind(p, a);
		const struct vma *v = &p->v[i];

		if (i == p->nv || v->start > a)
			return 1;		/* faults there */
		if ((v->flags & F_MAYSHARE) &&
		    v->pgoff * PAGE + (a - v->start) >= obj_bytes(v))
			return 0;
	}
	return 1;
}

/* kill - the model's process died of a fault: as exit, for both */
static void kill_proc(int pid)
{
	m_exit(&m26, pid);
	m_exit(&mnow, pid);
}

/*
 * op_access - touch, read or write. In pid 1 only where nothing faults;
 * in a child anywhere, and a fault kills it.
 */
static int op_access(int pid)
{
	const struct proc *p = &m26.p[pid];
	unsigned long addr, len;
	struct fault f26, fnow;
	int kind = (int)below(3), write;	/* 0 touch, 1 read, 2 write */
	char word[32];

	if (p->nv && (pid == 1 || chance(75))) {
		const struct vma *v = &p->v[below((unsigned long)p->nv)];

		addr = v->start + below(v->end - v->start);
	} else {
		addr = draw_addr(pid) + below(PAGE);
	}
	if (kind == 0) {
		len = chance(50) ? 1 + below(PAGE) : 1 + below(6 * PAGE);
		write = chance(50);
	} else if (kind == 1) {
		len = 1 + below(chance(80) ? 48 : 200);
		write = 0;
	} else {
		size_t n = 1 + below(20), k;

		for (k = 0; k < n; k++)
			word[k] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[below(62)];
		word[n] = '\0';
		len = n;
		write = 1;
		if (chance(30))			/* across a page boundary */
			addr = (addr | (PAGE - 1)) + 1 - below(n);
	}
	if (addr < arena || addr + len > arena_end)
		return 0;
	if (write && !write_ok(pid, addr, len))
		return 0;
	f26 = m_access(&m26, pid, addr, len, write);
	fnow = m_access(&mnow, pid, addr, len, write);
	if (f26.sig != fnow.sig || f26.addr != fnow.addr || (f26.sig && pid == 1))
		return 0;
	if (f26.sig)
		kill_proc(pid);
	if (kind == 0)
		emit("touch 0x%08lx 0x%lx %c\n", addr, len, write ? 'w' : 'r');
	else if (kind == 1)
		emit("read 0x%08lx %lu\n", addr, len);
	else
		emit("write 0x%08lx %s\n", addr, word);
	return 1;
}

static int op_fork(int pid)
{
	if (nalive() >= MAX_ALIVE || next_pid >= MAX_PIDS)
		return 0;
	m_fork(&m26, pid, next_pid);
	m_fork(&mnow, pid, next_pid);
	next_pid++;
	emit("fork\n");
	return 1;
}

static int op_exit(void)
{
	int pid, n = nalive() - 1;

	if (n < 1)
		return 0;
	n = (int)below((unsigned long)n);	/* the n-th live process after init */
	for (pid = 2; !alive(pid) || n--; pid++)
		;
	m_exit(&m26, pid);
	m_exit(&mnow, pid);
	emit("exit %d %lu\n", pid, below(256));
	return 1;
}

/* op_wait - a parent reaps a zombie child (never an orphan: README) */
static int op_wait(void)
{
	int pid, parent;

	for (pid = 2; pid < MAX_PIDS; pid++) {
		const struct proc *c = &m26.p[pid];

		if (c->state != P_ZOMBIE || c->orphan || !alive(c->parent))
			continue;
		parent = c->parent;
		if (parent != cur)
			emit("use %d\n", parent);
		cur = parent;
		if (parent != 1 && chance(30))
			emit("wait\n");
		else
			emit("wait %d\n", pid);
		m26.p[pid].state = mnow.p[pid].state = P_REAPED;
		return 1;
	}
	return 0;
}

/* pick_pid - the process the next operation goes to: mostly the current one */
static int pick_pid(void)
{
	int pid;

	if (alive(cur) && chance(75))
		return cur;
	do
		pid = 1 + (int)below(MAX_PIDS - 1);
	while (!alive(pid));
	return pid;
}

/* dump_models - with -d: every live process's VMAs in both models, as comments */
static void dump_models(void)
{
	const struct model *ms[2] = { &m26, &mnow };
	int k, pid, i;

	for (k = 0; k < 2; k++) {
		for (pid = 1; pid < MAX_PIDS; pid++) {
			const struct proc *p = &ms[k]->p[pid];

			if (p->state != P_ALIVE)
				continue;
			for (i = 0; i < p->nv; i++) {
				const struct vma *v = &p->v[i];

				emit("#%s %d: %08lx-%08lx %s%s%s flags %#lx pgoff %#lx obj %d anon %d%s\n",
				     k ? "now" : "2.6", pid, v->start, v->end, prot_str(v->flags),
				     v->flags & F_MAYSHARE ? "s" : "p",
				     v->flags & F_ACCOUNT ? " acct" : "", v->flags, v->pgoff,
				     v->obj, v->anon, v->forked ? " forked" : "");
			}
		}
	}
}

/* step - one operation that both models agree on, and the checks after it */
static void step(int n)
{
	int tries, done = 0, pid, op, was = cur;
	size_t mark;

	for (tries = 0; tries < TRIES && !done; tries++) {
		cur = was;
		pid = pick_pid();
		step_len = 0;
		emit("# step %d\n", n);
		if (pid != cur)
			emit("use %d\n", pid);
		cur = pid;
		mark = step_len;
		save_models();
		op = (int)below(100);
		if (op < 20)
			done = op_mmap(pid);
		else if (op < 28)
			done = op_munmap(pid);
		else if (op < 40)
			done = op_mprotect(pid);
		else if (op < 48)
			done = op_mremap(pid);
		else if (op < 55)
			done = op_mlock(pid);
		else if (op < 63)
			done = op_madvise(pid);
		else if (op < 87)
			done = op_access(pid);
		else if (op < 92)
			done = op_fork(pid);
		else if (op < 95)
			done = op_exit();
		else
			done = op_wait();
		if (done && !models_agree())
			done = 0;
		if (!done) {
			restore_models();
			step_len = mark;
		}
	}
	if (!done) {
		cur = was;
		step_len = 0;
		emit("# step %d: nothing drawn\n", n);
	}
	if (!alive(cur)) {
		cur = 1;
		emit("use 1\n");
	}
	emit("maps\n");
	for (pid = 1; pid < MAX_PIDS; pid++)
		if (alive(pid))
			emit("smaps %d\n", pid);
	if (debug)
		dump_models();
	flush_step();
}

/* setup - the arena and the files */
static void setup(void)
{
	int i, r;

	/* 1 to 4 MiB, or 256 KiB, or 64 MiB; at a MiB boundary in the first 64 MiB */
	arena = WIN_BASE + below(64) * (1UL << 20);
	r = (int)below(100);
	arena_end = arena + (r < 20 ? 256UL << 10 : r < 90 ? (1 + below(4)) << 20 : 64UL << 20);
	if (arena_end > WIN_BASE + WIN_SIZE)
		arena_end = WIN_BASE + WIN_SIZE;
	nfiles = 2 + (int)below(2);
	for (i = 0; i < nfiles; i++) {
		snprintf(files[i].name, sizeof(files[i].name), "f%d", i);
		files[i].size = (1 + below(24)) * PAGE;
		if (chance(40))
			files[i].size -= 1 + below(PAGE - 1);
		printf("file %s %lu\n", files[i].name, files[i].size);
	}
	m26.now = 0;
	mnow.now = 1;
	m26.p[1].state = mnow.p[1].state = P_ALIVE;
}

/* parse_avoid - "-a NAME,NAME": the vmsh bugs to stay clear of; -1 for an unknown name */
static int parse_avoid(char *list)
{
	char *name, *save;
	size_t i;

	for (name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(bug_names) / sizeof(bug_names[0]); i++)
			if (!strcmp(name, bug_names[i].name))
				break;
		if (i == sizeof(bug_names) / sizeof(bug_names[0])) {
			fprintf(stderr, "gen_random: no known vmsh bug '%s'\n", name);
			return -1;
		}
		avoid |= bug_names[i].mask;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long seed, steps = 40;
	char *end;
	unsigned long n;

	for (;;) {
		if (argc > 2 && !strcmp(argv[1], "-a")) {
			if (parse_avoid(argv[2]))
				return 2;
			argc -= 2;
			argv += 2;
		} else if (argc > 1 && !strcmp(argv[1], "-d")) {
			debug = 1;
			argc--;
			argv++;
		} else if (argc > 1 && !strcmp(argv[1], "-z")) {
			no_zero_page = 1;
			argc--;
			argv++;
		} else {
			break;
		}
	}
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen_random [-d] [-z] [-a BUG,...] SEED [STEPS]\n");
		return 2;
	}
	errno = 0;
	seed = strtoul(argv[1], &end, 0);
	if (errno || *end || end == argv[1]) {
		fprintf(stderr, "gen_random: bad seed '%s'\n", argv[1]);
		return 2;
	}
	if (argc == 3) {
		steps = strtoul(argv[2], &end, 0);
		if (*end || end == argv[2] || steps > 100000) {
			fprintf(stderr, "gen_random: bad step count '%s'\n", argv[2]);
			return 2;
		}
	}
	rng = seed * 0x2545f4914f6cdd1dULL + 1;
	printf("# gen_random %lu %lu\n", seed, steps);
	setup();
	printf("# arena 0x%08lx-0x%08lx\n", arena, arena_end);
	for (n = 1; n <= steps; n++)
		step((int)n);
	return 0;
}
