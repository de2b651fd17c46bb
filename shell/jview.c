/*
 * jview.c - the views of VMAs and processes as JSON documents (json-c):
 * maps, smaps, status, mm, vma and ps, with the fields the text views
 * show, by the kernel's names. jpage.c does the views of pages.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "vmcore.h"
#include "dump.h"
#include "jview_int.h"
#include "jview.h"

void jset_int(struct json_object *o, const char *k, long long v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

void jset_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

void jset_bool(struct json_object *o, const char *k, int v)
{
	json_object_object_add(o, k, json_object_new_boolean(v != 0));
}

void jview_print(FILE *f, struct json_object *doc)
{
	fputs(json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
					     JSON_C_TO_STRING_SPACED |
					     JSON_C_TO_STRING_NOSLASHESCAPE), f);
	fputc('\n', f);
}

void jview_put(struct json_object *doc)
{
	if (doc)
		json_object_put(doc);
}

/* ---- maps, smaps ---- */

/* jmaps_entry - one /proc/PID/maps line's fields as an object */
static struct json_object *jmaps_entry(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	const struct inode *ino = vma->vm_file ? vma->vm_file->f_inode : NULL;
	unsigned long fl = vma->vm_flags;
	const char *name = vma_name(mm, vma);
	struct json_object *o = json_object_new_object();
	char perms[5], dev[8];

	if (!o)
		return NULL;
	snprintf(perms, sizeof(perms), "%c%c%c%c", fl & VM_READ ? 'r' : '-',
		 fl & VM_WRITE ? 'w' : '-', fl & VM_EXEC ? 'x' : '-',
		 fl & VM_MAYSHARE ? 's' : 'p');
	snprintf(dev, sizeof(dev), "%02x:%02x", ino ? (ino->i_dev >> 8) & 0xff : 0,
		 ino ? ino->i_dev & 0xff : 0);
	jset_int(o, "start", vma->vm_start);
	jset_int(o, "end", vma->vm_end);
	jset_str(o, "perms", perms);
	jset_int(o, "offset", vma->vm_file ? (long long)vma->vm_pgoff << PAGE_SHIFT : 0);
	jset_str(o, "dev", dev);
	jset_int(o, "inode", ino ? (long long)ino->i_ino : 0);
	if (*name)
		jset_str(o, "file", name);
	return o;
}

struct json_object *jview_maps(const struct mm_struct *mm)
{
	struct json_object *a = json_object_new_array();
	const struct vm_area_struct *vma;

	for (vma = mm && a ? mm->mmap : NULL; vma; vma = vma->vm_next)
		json_object_array_add(a, jmaps_entry(mm, vma));
	return a;
}

/* jsmaps_entry - a maps entry with the smaps sizes (kB) and VmFlags */
static struct json_object *jsmaps_entry(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct json_object *o = jmaps_entry(mm, vma);
	struct mem_size_stats mss;
	char flags[128];

	if (!o)
		return NULL;
	smaps_account_vma(vma, &mss);
	jset_int(o, "size", (vma->vm_end - vma->vm_start) >> 10);
	jset_int(o, "rss", mss.resident >> 10);
	jset_int(o, "pss", (long long)(mss.pss >> PSS_SHIFT) >> 10);
	jset_int(o, "shared_clean", mss.shared_clean >> 10);
	jset_int(o, "shared_dirty", mss.shared_dirty >> 10);
	jset_int(o, "private_clean", mss.private_clean >> 10);
	jset_int(o, "private_dirty", mss.private_dirty >> 10);
	jset_int(o, "referenced", mss.referenced >> 10);
	jset_int(o, "anonymous", mss.anonymous >> 10);
	jset_int(o, "swap", mss.swap >> 10);
	jset_int(o, "swap_pss", 0);
	jset_int(o, "locked", (long long)(mss.locked >> PSS_SHIFT) >> 10);
	jset_str(o, "vmflags", vm_flags_smaps(vma->vm_flags, flags, sizeof(flags)));
	return o;
}

struct json_object *jview_smaps(struct mm_struct *mm)
{
	struct json_object *a = json_object_new_array();
	struct vm_area_struct *vma;

	for (vma = mm && a ? mm->mmap : NULL; vma; vma = vma->vm_next)
		json_object_array_add(a, jsmaps_entry(mm, vma));
	return a;
}

/* ---- status, ps ---- */

static const char *task_state(const struct task_struct *t)
{
	return t->state == TASK_RUNNING ? "R" : t->state == EXIT_ZOMBIE ? "Z" : "X";
}

struct json_object *jview_status(struct task_struct *t)
{
	struct json_object *o = json_object_new_object();
	struct task_mem_info i;

	if (!o)
		return NULL;
	jset_str(o, "name", t->comm);
	jset_str(o, "state", task_state(t));
	jset_int(o, "pid", t->pid);
	jset_int(o, "ppid", t->parent ? t->parent->pid : 0);
	if (t->mm) {
		task_mem(t->mm, &i);
		jset_int(o, "VmPeak", i.vm_peak);
		jset_int(o, "VmSize", i.vm_size);
		jset_int(o, "VmLck", i.vm_lck);
		jset_int(o, "VmHWM", i.vm_hwm);
		jset_int(o, "VmRSS", i.vm_rss);
		jset_int(o, "VmData", i.vm_data);
		jset_int(o, "VmStk", i.vm_stk);
		jset_int(o, "VmExe", i.vm_exe);
		jset_int(o, "VmLib", i.vm_lib);
		jset_int(o, "VmPTE", i.vm_pte);
	}
	jset_int(o, "min_flt", t->min_flt);
	jset_int(o, "maj_flt", t->maj_flt);
	jset_int(o, "cmin_flt", t->cmin_flt);
	jset_int(o, "cmaj_flt", t->cmaj_flt);
	return o;
}

struct json_object *jview_ps(const struct machine *m)
{
	struct json_object *a = json_object_new_array(), *o;
	const struct task_struct *t;

	if (!a)
		return NULL;
	for_each_process(m, t) {
		const struct mm_struct *mm = t->mm;

		o = json_object_new_object();
		jset_int(o, "pid", t->pid);
		jset_int(o, "ppid", t->parent ? t->parent->pid : 0);
		jset_str(o, "state", task_state(t));
		jset_str(o, "comm", t->comm);
		jset_int(o, "map_count", mm ? mm->map_count : 0);
		jset_int(o, "total_vm", mm ? (long long)mm->total_vm : 0);
		jset_int(o, "vsz", mm ? (long long)mm->total_vm * (PAGE_SIZE / 1024) : 0);
		jset_int(o, "rss", mm ? (long long)mm->rss * (PAGE_SIZE / 1024) : 0);
		jset_int(o, "min_flt", t->min_flt);
		jset_int(o, "maj_flt", t->maj_flt);
		jset_bool(o, "current", t == m->current);
		json_object_array_add(a, o);
	}
	return a;
}

/* ---- vm_area_struct, mm_struct ---- */

/* jflag_names - ["VM_READ", ...] for flags (unnamed bits as hex) */
static struct json_object *jflag_names(unsigned long flags)
{
	struct json_object *a = json_object_new_array();
	const char *name;
	unsigned long bit;
	char hex[24];

	for (bit = 1; a && bit && bit <= flags; bit <<= 1) {
		if (!(flags & bit))
			continue;
		name = vm_flag_name(bit);
		if (!name)
			snprintf(hex, sizeof(hex), "0x%lx", bit), name = hex;
		json_object_array_add(a, json_object_new_string(name));
	}
	return a;
}

struct json_object *jvma_fields(const struct vm_area_struct *vma)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	jset_int(o, "vm_start", vma->vm_start);
	jset_int(o, "vm_end", vma->vm_end);
	jset_int(o, "vm_flags", vma->vm_flags);
	json_object_object_add(o, "flags", jflag_names(vma->vm_flags));
	jset_int(o, "vm_page_prot", vma->vm_page_prot.pgprot);
	jset_int(o, "vm_pgoff", vma->vm_pgoff);
	if (vma->vm_file)
		jset_str(o, "vm_file", vma_name(NULL, vma));
	if (vma->anon_vma)
		jset_int(o, "anon_vma", (long long)vma->anon_vma->id);
	if (vma->vm_ops)
		jset_str(o, "vm_ops", vma->vm_ops->name ? vma->vm_ops->name : "set");
	if (vma->vm_next)
		jset_int(o, "vm_next", vma->vm_next->vm_start);
	if (vma->vm_prev)
		jset_int(o, "vm_prev", vma->vm_prev->vm_start);
	jset_str(o, "rb_color", rb_is_red(&vma->vm_rb) ? "red" : "black");
	jset_int(o, "rb_subtree_gap", vma->rb_subtree_gap);
	return o;
}

struct json_object *jview_vma(const struct vm_area_struct *vma)
{
	return vma ? jvma_fields(vma) : NULL;
}

struct json_object *jview_vmas(const struct mm_struct *mm)
{
	struct json_object *a = json_object_new_array();
	const struct vm_area_struct *vma;

	for (vma = a ? mm->mmap : NULL; vma; vma = vma->vm_next)
		json_object_array_add(a, jvma_fields(vma));
	return a;
}

/* The unsigned long fields of mm_struct, by kernel name. */
static const struct {
	const char *name;
	size_t off;
} mm_fields[] = {
#define F(f) { #f, offsetof(struct mm_struct, f) }
	F(total_vm), F(locked_vm), F(shared_vm), F(exec_vm), F(stack_vm),
	F(reserved_vm), F(rss), F(anon_rss), F(hiwater_rss), F(hiwater_vm),
	F(def_flags), F(start_code), F(end_code), F(start_data), F(end_data),
	F(start_brk), F(brk), F(start_stack), F(arg_start), F(arg_end),
	F(env_start), F(env_end), F(highest_vm_end), F(mm_id), F(nr_ptes),
#undef F
};

static void jset_vma_ref(struct json_object *o, const char *k, const struct vm_area_struct *vma)
{
	if (vma)
		jset_int(o, k, vma->vm_start);
}

struct json_object *jview_mm(int pid, const struct mm_struct *mm)
{
	struct json_object *o = json_object_new_object();
	const struct rb_node *root = mm->mm_rb.rb_node;
	size_t i;

	if (!o)
		return NULL;
	jset_int(o, "pid", pid);
	for (i = 0; i < sizeof(mm_fields) / sizeof(mm_fields[0]); i++)
		jset_int(o, mm_fields[i].name,
			 *(const unsigned long *)((const char *)mm + mm_fields[i].off));
	jset_int(o, "map_count", mm->map_count);
	jset_int(o, "mm_users", mm->mm_users);
	jset_int(o, "mm_count", mm->mm_count);
	jset_vma_ref(o, "mmap", mm->mmap);
	jset_vma_ref(o, "mm_rb", root ? rb_entry(root, struct vm_area_struct, vm_rb) : NULL);
	jset_vma_ref(o, "mmap_cache", mm->mmap_cache);
	jset_int(o, "pgd", (long long)mm->pgd_pfn << PAGE_SHIFT);	/* what cr3 holds */
	return o;
}
