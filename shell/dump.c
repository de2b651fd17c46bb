/*
 * dump.c - read-only views of the machine in the kernel's words:
 * /proc/PID/maps lines, vm_area_struct and mm_struct dumps, the VMA
 * red-black tree drawn sideways, the files and process tables.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "dump.h"

/*
 * The name column of /proc/PID/maps: show_map_vma pads the line to
 * 25 + sizeof(void *) * 6 - 1 columns, then writes one more space
 * (seq_pad). On i386 that is 48, so a name starts at column 49 (0-based),
 * or one space after a longer header.
 */
#define MAPS_PAD_COLUMNS	(25 + 4 * 6 - 1)

struct bit_name {
	unsigned long bit;
	const char *name;
};

static const struct bit_name vm_flag_names[] = {
	{ VM_READ, "VM_READ" }, { VM_WRITE, "VM_WRITE" }, { VM_EXEC, "VM_EXEC" },
	{ VM_SHARED, "VM_SHARED" }, { VM_MAYREAD, "VM_MAYREAD" },
	{ VM_MAYWRITE, "VM_MAYWRITE" }, { VM_MAYEXEC, "VM_MAYEXEC" },
	{ VM_MAYSHARE, "VM_MAYSHARE" }, { VM_GROWSDOWN, "VM_GROWSDOWN" },
	{ VM_GROWSUP, "VM_GROWSUP" }, { VM_PFNMAP, "VM_PFNMAP" },
	{ VM_DENYWRITE, "VM_DENYWRITE" }, { VM_EXECUTABLE, "VM_EXECUTABLE" },
	{ VM_LOCKED, "VM_LOCKED" }, { VM_IO, "VM_IO" },
	{ VM_SEQ_READ, "VM_SEQ_READ" }, { VM_RAND_READ, "VM_RAND_READ" },
	{ VM_DONTCOPY, "VM_DONTCOPY" }, { VM_DONTEXPAND, "VM_DONTEXPAND" },
	{ VM_RESERVED, "VM_RESERVED" }, { VM_ACCOUNT, "VM_ACCOUNT" },
	{ VM_NORESERVE, "VM_NORESERVE" }, { VM_HUGETLB, "VM_HUGETLB" },
	{ VM_NONLINEAR, "VM_NONLINEAR" },
	{ 0, NULL }
};

static const struct bit_name page_bit_names[] = {
	{ _PAGE_PRESENT, "_PAGE_PRESENT" }, { _PAGE_RW, "_PAGE_RW" },
	{ _PAGE_USER, "_PAGE_USER" }, { _PAGE_PWT, "_PAGE_PWT" },
	{ _PAGE_PCD, "_PAGE_PCD" }, { _PAGE_ACCESSED, "_PAGE_ACCESSED" },
	{ _PAGE_DIRTY, "_PAGE_DIRTY" }, { _PAGE_PROTNONE, "_PAGE_PROTNONE" },
	{ 0, NULL }
};

/*
 * bits_str - "A|B|0x..." for the bits of v named in names, unknown bits
 * last in hex; "0" when v is 0. Always NUL-terminates buf (len > 0).
 */
static const char *bits_str(unsigned long v, const struct bit_name *names,
			    char *buf, size_t len)
{
	size_t o = 0;
	int n;

	snprintf(buf, len, "0");
	if (!v)
		return buf;
	buf[0] = '\0';
	for (; names->name; names++) {
		if (!(v & names->bit))
			continue;
		n = snprintf(buf + o, len - o, "%s%s", o ? "|" : "", names->name);
		if (n < 0 || (size_t)n >= len - o)
			return buf;
		o += (size_t)n;
		v &= ~names->bit;
	}
	if (v)
		snprintf(buf + o, len - o, "%s0x%lx", o ? "|" : "", v);
	return buf;
}

const char *vm_flag_name(unsigned long bit)
{
	const struct bit_name *b;

	for (b = vm_flag_names; b->name; b++)
		if (b->bit == bit)
			return b->name;
	return NULL;
}

const char *vm_flags_str(unsigned long flags, char *buf, size_t len)
{
	return bits_str(flags, vm_flag_names, buf, len);
}

const char *page_prot_str(uint32_t prot, char *buf, size_t len)
{
	return bits_str(prot, page_bit_names, buf, len);
}

static const struct inode *vma_inode(const struct vm_area_struct *vma)
{
	return vma->vm_file ? vma->vm_file->f_inode : NULL;
}

/*
 * vma_name - as 2.6's show_map: the file's name (shared anonymous memory
 * is an unlinked shmem file, "/dev/zero (deleted)"); for anonymous memory
 * [heap] when the VMA holds all of [start_brk, brk] (once exec has set a
 * break), [stack] when it holds start_stack.
 */
const char *vma_name(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	const struct inode *ino = vma_inode(vma);

	if (ino) {
		if (ino->i_flags & S_SHMEM)
			return "/dev/zero (deleted)";
		return ino->i_name ? ino->i_name : "";
	}
	if (!mm)
		return "";
	if (mm->start_brk && vma->vm_start <= mm->start_brk && vma->vm_end >= mm->brk)
		return "[heap]";
	if (mm->start_stack && vma->vm_start <= mm->start_stack &&
	    vma->vm_end >= mm->start_stack)
		return "[stack]";
	return "";
}

void dump_maps_line(FILE *f, const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	const struct inode *ino = vma_inode(vma);
	unsigned long fl = vma->vm_flags;
	unsigned long long off = 0;
	const char *name = vma_name(mm, vma);
	int len;

	if (vma->vm_file)
		off = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	len = fprintf(f, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ",
		      vma->vm_start, vma->vm_end,
		      fl & VM_READ ? 'r' : '-', fl & VM_WRITE ? 'w' : '-',
		      fl & VM_EXEC ? 'x' : '-', fl & VM_MAYSHARE ? 's' : 'p',
		      off, ino ? (ino->i_dev >> 8) & 0xff : 0,
		      ino ? ino->i_dev & 0xff : 0, ino ? ino->i_ino : 0UL);
	if (*name)
		fprintf(f, "%*s%s", (len < MAPS_PAD_COLUMNS ? MAPS_PAD_COLUMNS - len : 0) + 1,
			"", name);
	fputc('\n', f);
}

void dump_maps(FILE *f, const struct mm_struct *mm)
{
	const struct vm_area_struct *vma;

	if (!mm)
		return;
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		dump_maps_line(f, mm, vma);
}

const struct vm_area_struct *dump_lookup(const struct mm_struct *mm, unsigned long addr,
					 const struct vm_area_struct **next)
{
	const struct vm_area_struct *vma;

	*next = NULL;
	for (vma = mm ? mm->mmap : NULL; vma; vma = vma->vm_next) {
		if (addr < vma->vm_end) {
			if (addr >= vma->vm_start)
				return vma;
			*next = vma;
			return NULL;
		}
	}
	return NULL;
}

/* ---- vm_area_struct ---- */

#define FIELD	"  %-15s "	/* indented field name column of vma and mm */

/* print_vma_ref - "0x%08lx-0x%08lx" for a VMA another field points at, or NULL. */
static void print_vma_ref(FILE *f, const char *field, const struct vm_area_struct *vma)
{
	if (vma)
		fprintf(f, FIELD "0x%08lx (VMA %08lx-%08lx)\n", field,
			vma->vm_start, vma->vm_start, vma->vm_end);
	else
		fprintf(f, FIELD "NULL\n", field);
}

static void dump_vma_file(FILE *f, const struct vm_area_struct *vma)
{
	const struct file *file = vma->vm_file;

	if (!file) {
		fprintf(f, FIELD "(null)\n", "vm_file");
		return;
	}
	fprintf(f, FIELD "%s (f_mode %s%s, f_count %d, inode %lu)\n", "vm_file",
		vma_name(NULL, vma), file->f_mode & FMODE_READ ? "r" : "-",
		file->f_mode & FMODE_WRITE ? "w" : "-", file->f_count,
		file->f_inode ? file->f_inode->i_ino : 0UL);
}

/* dump_vma_pgoff - vm_pgoff, with what it means for this kind of mapping. */
static void dump_vma_pgoff(FILE *f, const struct vm_area_struct *vma)
{
	if (vma->vm_file)
		fprintf(f, FIELD "%lu (file offset 0x%08llx)\n", "vm_pgoff",
			(unsigned long)vma->vm_pgoff,
			(unsigned long long)vma->vm_pgoff << PAGE_SHIFT);
	else
		fprintf(f, FIELD "0x%lx (anonymous: page number of vm_start, at first)\n",
			"vm_pgoff", (unsigned long)vma->vm_pgoff);
}

/* print_bits - FIELD, the value in hex and its bits' names, wrapped at '|' to fit the terminal */
static void print_bits(FILE *f, const char *field, unsigned long v, int hexw, const char *names)
{
	char head[64], one[64];
	struct wline w;
	const char *p = names, *bar;
	size_t n;

	snprintf(head, sizeof(head), FIELD "0x%0*lx", field, hexw, v);
	wl_begin(&w, f, (int)strlen(head) + 1);
	wl_put(&w, "", head);
	while (*p) {
		bar = strchr(p, '|');
		n = bar ? (size_t)(bar - p) : strlen(p);
		snprintf(one, sizeof(one), "%.*s", (int)n, p);
		wl_put(&w, p == names ? " " : "|", one);
		p += n + (bar != NULL);
	}
	wl_end(&w);
}

void dump_vma(FILE *f, const struct vm_area_struct *vma)
{
	char buf[512];
	unsigned long pages = vma_pages(vma);

	fprintf(f, "vm_area_struct %08lx-%08lx\n", vma->vm_start, vma->vm_end);
	fprintf(f, FIELD "0x%08lx\n", "vm_start", vma->vm_start);
	fprintf(f, FIELD "0x%08lx (%lu kB, %lu page%s)\n", "vm_end", vma->vm_end,
		pages * (PAGE_SIZE / 1024), pages, pages == 1 ? "" : "s");
	print_bits(f, "vm_flags", vma->vm_flags, 8, vm_flags_str(vma->vm_flags, buf, sizeof(buf)));
	print_bits(f, "vm_page_prot", vma->vm_page_prot.pgprot, 3,
		   page_prot_str(vma->vm_page_prot.pgprot, buf, sizeof(buf)));
	dump_vma_pgoff(f, vma);
	dump_vma_file(f, vma);
	if (vma->anon_vma)
		fprintf(f, FIELD "#%lu (refcount %d)\n", "anon_vma", vma->anon_vma->id,
			vma->anon_vma->refcount);
	else
		fprintf(f, FIELD "NULL\n", "anon_vma");
	fprintf(f, FIELD "%s\n", "vm_ops",
		vma->vm_ops ? (vma->vm_ops->name ? vma->vm_ops->name : "set") : "NULL");
	print_vma_ref(f, "vm_next", vma->vm_next);
	print_vma_ref(f, "vm_prev*", vma->vm_prev);
	fprintf(f, FIELD "%s\n", "vm_rb", rb_is_red(&vma->vm_rb) ? "red" : "black");
	fprintf(f, FIELD "0x%08lx (%lu kB)\n", "rb_subtree_gap*",
		(unsigned long)vma->rb_subtree_gap,
		(unsigned long)vma->rb_subtree_gap / 1024);
}

/* ---- mm_struct ---- */

/* print_pages - a page counter with its size: "12 (48 kB)". */
static void print_pages(FILE *f, const char *field, unsigned long pages)
{
	fprintf(f, FIELD "%lu (%lu kB)\n", field, pages, pages * (PAGE_SIZE / 1024));
}

static void print_addr(FILE *f, const char *field, unsigned long addr)
{
	fprintf(f, FIELD "0x%08lx\n", field, addr);
}

static void dump_mm_counters(FILE *f, const struct mm_struct *mm)
{
	fprintf(f, FIELD "%d\n", "map_count", mm->map_count);
	print_pages(f, "total_vm", mm->total_vm);
	print_pages(f, "locked_vm", mm->locked_vm);
	print_pages(f, "shared_vm", mm->shared_vm);
	print_pages(f, "exec_vm", mm->exec_vm);
	print_pages(f, "stack_vm", mm->stack_vm);
	print_pages(f, "reserved_vm", mm->reserved_vm);
	print_pages(f, "rss", mm->rss);
	print_pages(f, "anon_rss", mm->anon_rss);
	print_pages(f, "hiwater_rss", mm->hiwater_rss);
	print_pages(f, "hiwater_vm", mm->hiwater_vm);
	fprintf(f, FIELD "%d\n", "mm_users", mm->mm_users);
	fprintf(f, FIELD "%d\n", "mm_count", mm->mm_count);
}

static void dump_mm_layout(FILE *f, const struct mm_struct *mm)
{
	print_addr(f, "start_code", mm->start_code);
	print_addr(f, "end_code", mm->end_code);
	print_addr(f, "start_data", mm->start_data);
	print_addr(f, "end_data", mm->end_data);
	print_addr(f, "start_brk", mm->start_brk);
	print_addr(f, "brk", mm->brk);
	print_addr(f, "start_stack", mm->start_stack);
	print_addr(f, "arg_start", mm->arg_start);
	print_addr(f, "arg_end", mm->arg_end);
	print_addr(f, "env_start", mm->env_start);
	print_addr(f, "env_end", mm->env_end);
}

void dump_mm(FILE *f, const struct mm_struct *mm)
{
	char buf[512];
	const struct rb_node *root = mm->mm_rb.rb_node;

	fprintf(f, "mm_struct #%lu\n", mm->mm_id);
	print_vma_ref(f, "mmap", mm->mmap);
	print_vma_ref(f, "mm_rb", root ? rb_entry(root, struct vm_area_struct, vm_rb) : NULL);
	print_vma_ref(f, "mmap_cache", mm->mmap_cache);
	dump_mm_counters(f, mm);
	print_bits(f, "def_flags", mm->def_flags, 8,
		   mm->def_flags ? vm_flags_str(mm->def_flags, buf, sizeof(buf)) : "");
	dump_mm_layout(f, mm);
	if (mm->pgd)
		fprintf(f, FIELD "0x%08lx (frame 0x%lx)\n", "pgd", mm->pgd_pfn << PAGE_SHIFT,
			mm->pgd_pfn);
	else
		fprintf(f, FIELD "NULL\n", "pgd");
	fprintf(f, FIELD "%lu\n", "nr_ptes", mm->nr_ptes);
	print_addr(f, "highest_vm_end*", mm->highest_vm_end);
	dump_later_note(f);
}

void dump_later_note(FILE *f)
{
	fputs("* after 2.6.0: vm_prev is 2.6.36's, rb_subtree_gap and highest_vm_end 3.8's\n", f);
}

/* ---- the red-black tree ---- */

struct rb_draw {
	FILE *f;
	const char *branch, *last, *pipe, *blank;	/* the four drawing pieces */
	char prefix[1024];				/* drawn left of each node */
};

static void rb_draw_label(FILE *f, const struct rb_node *node)
{
	const struct vm_area_struct *vma = rb_entry(node, struct vm_area_struct, vm_rb);

	fprintf(f, "[%c] %08lx-%08lx\n", rb_is_red(node) ? 'R' : 'B',
		vma->vm_start, vma->vm_end);
}

/*
 * rb_draw_child - draw node (left or right child, possibly NULL when its
 * sibling exists) under the current prefix, then its own children.
 */
static void rb_draw_child(struct rb_draw *d, const struct rb_node *node, int is_last)
{
	size_t plen = strlen(d->prefix);
	const char *more = is_last ? d->blank : d->pipe;

	fprintf(d->f, "%s%s", d->prefix, is_last ? d->last : d->branch);
	if (!node) {
		fputs("(nil)\n", d->f);
		return;
	}
	rb_draw_label(d->f, node);
	if (!node->rb_left && !node->rb_right)
		return;
	if (plen + strlen(more) >= sizeof(d->prefix)) {
		fprintf(d->f, "%s    ...\n", d->prefix);
		return;
	}
	strcat(d->prefix, more);
	rb_draw_child(d, node->rb_left, 0);
	rb_draw_child(d, node->rb_right, 1);
	d->prefix[plen] = '\0';
}

static int rb_height(const struct rb_node *node)
{
	int l, r;

	if (!node)
		return 0;
	l = rb_height(node->rb_left);
	r = rb_height(node->rb_right);
	return 1 + (l > r ? l : r);
}

static int rb_count(const struct rb_node *node)
{
	return node ? 1 + rb_count(node->rb_left) + rb_count(node->rb_right) : 0;
}

void dump_rb(FILE *f, const struct mm_struct *mm, int utf8)
{
	struct rb_draw d = { .f = f };
	const struct rb_node *root = mm->mm_rb.rb_node;
	const char *why = NULL;
	int bh;

	d.branch = utf8 ? "\u251c\u2500\u2500 " : "|-- ";
	d.last = utf8 ? "\u2514\u2500\u2500 " : "`-- ";
	d.pipe = utf8 ? "\u2502   " : "|   ";
	d.blank = "    ";
	if (!root) {
		fputs("(empty tree)\n", f);
	} else {
		rb_draw_label(f, root);
		if (root->rb_left || root->rb_right) {
			rb_draw_child(&d, root->rb_left, 0);
			rb_draw_child(&d, root->rb_right, 1);
		}
	}
	bh = rb_check(&mm->mm_rb, &why);
	fprintf(f, "nodes %d, height %d, ", rb_count(root), rb_height(root));
	if (bh >= 0)
		fprintf(f, "black height %d\n", bh);
	else
		fprintf(f, "BROKEN: %s\n", why ? why : "rb_check failed");
}

/* ---- tables ---- */

void dump_files(FILE *f, const struct machine *m)
{
	const struct inode *ino;
	int w = 4;

	for (ino = m->files; ino; ino = ino->i_next)
		if (ino->i_name && (int)strlen(ino->i_name) > w)
			w = (int)strlen(ino->i_name);
	fprintf(f, "%-*s %10s %6s %6s %8s %12s\n", w, "NAME", "SIZE", "INODE",
		"PAGES", "MAPPINGS", "I_WRITECOUNT");
	for (ino = m->files; ino; ino = ino->i_next)
		fprintf(f, "%-*s %10lu %6lu %6lu %8lu %12d\n", w,
			ino->i_name ? ino->i_name : "", ino->i_size, ino->i_ino,
			ino->i_mapping->nrpages, ino->i_data.i_mmap_count,
			ino->i_writecount);
}

static char task_state_letter(const struct task_struct *t)
{
	if (t->state == TASK_RUNNING)
		return 'R';
	return t->state == EXIT_ZOMBIE ? 'Z' : 'X';
}

void dump_ps(FILE *f, const struct machine *m)
{
	const struct task_struct *t;

	fprintf(f, "  %5s %5s %-5s %5s %9s %9s %7s %7s %s\n", "PID", "PPID", "STATE",
		"MAPS", "VSZ", "RSS", "MINFLT", "MAJFLT", "COMM");
	for_each_process(m, t) {
		const struct mm_struct *mm = t->mm;

		fprintf(f, "%c %5d %5d %-5c %5d %9lu %9lu %7lu %7lu %s\n",
			t == m->current ? '*' : ' ', t->pid,
			t->parent ? t->parent->pid : 0, task_state_letter(t),
			mm ? mm->map_count : 0, mm ? mm->total_vm * (PAGE_SIZE / 1024) : 0UL,
			mm ? mm->rss * (PAGE_SIZE / 1024) : 0UL, t->min_flt, t->maj_flt,
			t->comm);
	}
}

/* ---- lines that fit the terminal ---- */

void wl_begin(struct wline *w, FILE *f, int indent)
{
	w->f = f;
	w->col = 0;
	w->indent = indent;
	w->fields = 0;
}

void wl_put(struct wline *w, const char *sep, const char *field)
{
	int slen = (int)strlen(sep), flen = (int)strlen(field), keep = slen;

	if (w->fields && w->col + slen + flen > VIEW_COLUMNS) {
		while (keep > 0 && sep[keep - 1] == ' ')
			keep--;
		if (w->col + keep <= VIEW_COLUMNS) {	/* the separator ends the line */
			fprintf(w->f, "%.*s\n%*s", keep, sep, w->indent, "");
			slen = 0;
		} else {				/* no room: it starts the next */
			fprintf(w->f, "\n%*s%.*s", w->indent, "", keep, sep);
			slen = keep;
		}
		w->col = w->indent;
	} else {
		fputs(sep, w->f);
	}
	fputs(field, w->f);
	w->col += slen + flen;
	w->fields++;
}

void wl_printf(struct wline *w, const char *sep, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	wl_put(w, sep, buf);
}

void wl_end(struct wline *w)
{
	fputc('\n', w->f);
	w->col = 0;
	w->fields = 0;
}
