/*
 * vmview.c - the views as Lua values: vm.maps, vm.vma, vm.mm, vm.ps,
 * vm.files, vm.smaps, vm.status, vm.pt and vm.frames return the kernel's
 * structures as tables (fields by kernel name), read directly or through
 * vmcore's walks; vm.read returns memory as a string.
 */
#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include <lauxlib.h>

#include "vmcore.h"
#include "context.h"
#include "dump.h"
#include "vmstate.h"
#include "vmhook.h"
#include "vmview.h"

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, k);
}

static void set_str(lua_State *L, const char *k, const char *v)
{
	lua_pushstring(L, v);
	lua_setfield(L, -2, k);
}

/* push_fail - nil, errname, message: a failed call's three values. Returns 3. */
static int push_fail(lua_State *L, const char *errname, const char *fmt, int n)
{
	lua_pushnil(L);
	lua_pushstring(L, errname);
	lua_pushfstring(L, fmt, n);
	return 3;
}

/*
 * task_arg - the process argument i names, the current one when nil. NULL
 * with nil, "ESRCH", why pushed when there is none (or the current one
 * has exited).
 */
static struct task_struct *task_arg(lua_State *L, int i)
{
	struct vmsh *sh = vmlua_check(L)->sh;
	struct machine *m = sh->m;
	struct task_struct *t = vmsh_current(sh);
	lua_Integer pid;

	if (lua_isnoneornil(L, i)) {
		if (vmsh_task_alive(t))
			return t;
		push_fail(L, "ESRCH", "process %d has exited", sh->pid);
		return NULL;
	}
	pid = luaL_checkinteger(L, i);
	t = pid > 0 && pid < PID_MAX ? find_task_by_pid(m, (int)pid) : NULL;
	if (!t)
		push_fail(L, "ESRCH", "no process %d", (int)pid);
	return t;
}

/* push_maps_entry - one /proc/PID/maps line as a table. */
static void push_maps_entry(lua_State *L, const struct mm_struct *mm,
			    const struct vm_area_struct *vma)
{
	const struct inode *ino = vma->vm_file ? vma->vm_file->f_inode : NULL;
	unsigned long fl = vma->vm_flags;
	const char *name = vma_name(mm, vma);
	char perms[5], dev[8];

	snprintf(perms, sizeof(perms), "%c%c%c%c", fl & VM_READ ? 'r' : '-',
		 fl & VM_WRITE ? 'w' : '-', fl & VM_EXEC ? 'x' : '-',
		 fl & VM_MAYSHARE ? 's' : 'p');
	snprintf(dev, sizeof(dev), "%02x:%02x", ino ? (ino->i_dev >> 8) & 0xff : 0,
		 ino ? ino->i_dev & 0xff : 0);
	lua_createtable(L, 0, 7);
	set_int(L, "start", (lua_Integer)vma->vm_start);
	set_int(L, "end", (lua_Integer)vma->vm_end);
	set_str(L, "perms", perms);
	set_int(L, "offset", vma->vm_file ? (lua_Integer)vma->vm_pgoff << PAGE_SHIFT : 0);
	set_str(L, "dev", dev);
	set_int(L, "inode", ino ? (lua_Integer)ino->i_ino : 0);
	if (*name)
		set_str(L, "file", name);
}

/* l_maps - vm.maps([pid]): /proc/PID/maps as an array (empty for an exited process). */
static int l_maps(lua_State *L)
{
	struct task_struct *t = task_arg(L, 1);
	const struct vm_area_struct *vma;
	lua_Integer i = 0;

	if (!t)
		return 3;
	lua_newtable(L);
	for (vma = t->mm ? t->mm->mmap : NULL; vma; vma = vma->vm_next) {
		push_maps_entry(L, t->mm, vma);
		lua_rawseti(L, -2, ++i);
	}
	return 1;
}

/* push_flag_names - {"VM_READ", ...} for flags (unnamed bits as hex). */
static void push_flag_names(lua_State *L, unsigned long flags)
{
	unsigned long bit;
	const char *name;
	lua_Integer i = 0;
	char hex[24];

	lua_newtable(L);
	for (bit = 1; bit && bit <= flags; bit <<= 1) {
		if (!(flags & bit))
			continue;
		name = vm_flag_name(bit);
		if (!name)
			snprintf(hex, sizeof(hex), "0x%lx", bit), name = hex;
		lua_pushstring(L, name);
		lua_rawseti(L, -2, ++i);
	}
}

/* push_vma - the vm_area_struct's fields by name; pointers as the start of the VMA they point to. */
static void push_vma(lua_State *L, const struct vm_area_struct *vma)
{
	lua_createtable(L, 0, 12);
	set_int(L, "vm_start", (lua_Integer)vma->vm_start);
	set_int(L, "vm_end", (lua_Integer)vma->vm_end);
	set_int(L, "vm_flags", (lua_Integer)vma->vm_flags);
	push_flag_names(L, vma->vm_flags);
	lua_setfield(L, -2, "flags");
	set_int(L, "vm_page_prot", (lua_Integer)vma->vm_page_prot.pgprot);
	set_int(L, "vm_pgoff", (lua_Integer)vma->vm_pgoff);
	if (vma->vm_file)
		set_str(L, "vm_file", vma_name(NULL, vma));
	if (vma->anon_vma)
		set_int(L, "anon_vma", (lua_Integer)vma->anon_vma->id);
	if (vma->vm_ops)
		set_str(L, "vm_ops", vma->vm_ops->name ? vma->vm_ops->name : "set");
	if (vma->vm_next)
		set_int(L, "vm_next", (lua_Integer)vma->vm_next->vm_start);
	set_str(L, "rb_color", rb_is_red(&vma->vm_rb) ? "red" : "black");
	set_int(L, "rb_subtree_gap", (lua_Integer)vma->rb_subtree_gap);
}

/* l_vma - vm.vma(addr): the VMA holding addr, or nil; vm.vma(): every VMA, in order. */
static int l_vma(lua_State *L)
{
	struct task_struct *t = task_arg(L, 2);
	const struct vm_area_struct *vma, *next;
	lua_Integer i = 0;

	if (!t)
		return 3;
	if (!lua_isnoneornil(L, 1)) {
		vma = dump_lookup(t->mm, (unsigned long)luaL_checkinteger(L, 1), &next);
		if (vma)
			push_vma(L, vma);
		else
			lua_pushnil(L);
		return 1;
	}
	lua_newtable(L);
	for (vma = t->mm ? t->mm->mmap : NULL; vma; vma = vma->vm_next) {
		push_vma(L, vma);
		lua_rawseti(L, -2, ++i);
	}
	return 1;
}

/* The unsigned long fields of mm_struct that vm.mm returns, by kernel name. */
static const struct {
	const char *name;
	size_t off;
} mm_fields[] = {
#define F(f) { #f, offsetof(struct mm_struct, f) }
	F(total_vm), F(locked_vm), F(shared_vm), F(exec_vm), F(stack_vm),
	F(reserved_vm), F(rss), F(anon_rss), F(hiwater_rss), F(hiwater_vm),
	F(def_flags), F(start_code), F(end_code), F(start_data), F(end_data),
	F(start_brk), F(brk), F(start_stack), F(arg_start), F(arg_end),
	F(env_start), F(env_end), F(highest_vm_end), F(mm_id),
#undef F
};

static void set_vma_ref(lua_State *L, const char *k, const struct vm_area_struct *vma)
{
	if (vma)
		set_int(L, k, (lua_Integer)vma->vm_start);
}

/* l_mm - vm.mm([pid]): the mm_struct's fields; pointers to VMAs as their start, or nil. */
static int l_mm(lua_State *L)
{
	struct task_struct *t = task_arg(L, 1);
	const struct mm_struct *mm;
	const struct rb_node *root;
	size_t i;

	if (!t)
		return 3;
	if (!(mm = t->mm))
		return push_fail(L, "ESRCH", "process %d has exited", t->pid);
	root = mm->mm_rb.rb_node;
	lua_createtable(L, 0, 32);
	for (i = 0; i < sizeof(mm_fields) / sizeof(mm_fields[0]); i++)
		set_int(L, mm_fields[i].name,
			(lua_Integer)*(const unsigned long *)((const char *)mm + mm_fields[i].off));
	set_int(L, "map_count", mm->map_count);
	set_int(L, "mm_users", mm->mm_users);
	set_int(L, "mm_count", mm->mm_count);
	set_vma_ref(L, "mmap", mm->mmap);
	set_vma_ref(L, "mm_rb", root ? rb_entry(root, struct vm_area_struct, vm_rb) : NULL);
	set_vma_ref(L, "mmap_cache", mm->mmap_cache);
	set_int(L, "pgd", (lua_Integer)mm->pgd_pfn << PAGE_SHIFT);	/* what cr3 holds */
	set_int(L, "nr_ptes", (lua_Integer)mm->nr_ptes);
	return 1;
}

/* l_ps - vm.ps(): every process, by pid. */
static int l_ps(lua_State *L)
{
	struct machine *m = vmlua_check(L)->sh->m;
	const struct task_struct *t;
	lua_Integer i = 0;

	lua_newtable(L);
	for_each_process(m, t) {
		lua_createtable(L, 0, 8);
		set_int(L, "pid", t->pid);
		set_int(L, "ppid", t->parent ? t->parent->pid : 0);
		set_str(L, "state", t->state == TASK_RUNNING ? "R" :
			t->state == EXIT_ZOMBIE ? "Z" : "X");
		set_str(L, "comm", t->comm);
		set_int(L, "map_count", t->mm ? t->mm->map_count : 0);
		set_int(L, "total_vm", t->mm ? (lua_Integer)t->mm->total_vm : 0);
		lua_pushboolean(L, t == m->current);
		lua_setfield(L, -2, "current");
		lua_rawseti(L, -2, ++i);
	}
	return 1;
}

/* l_files - vm.files(): every named file, by name. */
static int l_files(lua_State *L)
{
	struct machine *m = vmlua_check(L)->sh->m;
	const struct inode *ino;
	lua_Integer i = 0;

	lua_newtable(L);
	for (ino = m->files; ino; ino = ino->i_next) {
		lua_createtable(L, 0, 6);
		set_str(L, "name", ino->i_name ? ino->i_name : "");
		set_int(L, "size", (lua_Integer)ino->i_size);
		set_int(L, "inode", (lua_Integer)ino->i_ino);
		set_int(L, "pages", (lua_Integer)ino->i_data.nrpages);
		set_int(L, "mappings", (lua_Integer)ino->i_data.i_mmap_count);
		set_int(L, "i_writecount", ino->i_writecount);
		lua_rawseti(L, -2, ++i);
	}
	return 1;
}

/* l_smaps - vm.smaps([pid]): per VMA, its maps entry plus the smaps sizes (bytes) */
static int l_smaps(lua_State *L)
{
	struct task_struct *t = task_arg(L, 1);
	struct vm_area_struct *vma;
	struct mem_size_stats mss;
	lua_Integer i = 0;

	if (!t)
		return 3;
	lua_newtable(L);
	for (vma = t->mm ? t->mm->mmap : NULL; vma; vma = vma->vm_next) {
		smaps_account_vma(vma, &mss);
		push_maps_entry(L, t->mm, vma);
		set_int(L, "size", (lua_Integer)(vma->vm_end - vma->vm_start));
		set_int(L, "rss", (lua_Integer)mss.resident);
		set_int(L, "pss", (lua_Integer)(mss.pss >> PSS_SHIFT));
		set_int(L, "shared_clean", (lua_Integer)mss.shared_clean);
		set_int(L, "shared_dirty", (lua_Integer)mss.shared_dirty);
		set_int(L, "private_clean", (lua_Integer)mss.private_clean);
		set_int(L, "private_dirty", (lua_Integer)mss.private_dirty);
		set_int(L, "anonymous", (lua_Integer)mss.anonymous);
		set_int(L, "swap", 0);
		set_int(L, "locked", (lua_Integer)(mss.locked >> PSS_SHIFT));
		lua_rawseti(L, -2, ++i);
	}
	return 1;
}

/* l_status - vm.status([pid]): the Vm* figures (kB) and the fault counters */
static int l_status(lua_State *L)
{
	struct task_struct *t = task_arg(L, 1);
	struct task_mem_info tm;

	if (!t)
		return 3;
	lua_createtable(L, 0, 16);
	set_int(L, "pid", t->pid);
	set_str(L, "state", t->state == TASK_RUNNING ? "R" : "Z");
	if (t->mm) {
		task_mem(t->mm, &tm);
		set_int(L, "VmPeak", (lua_Integer)tm.vm_peak);
		set_int(L, "VmSize", (lua_Integer)tm.vm_size);
		set_int(L, "VmLck", (lua_Integer)tm.vm_lck);
		set_int(L, "VmHWM", (lua_Integer)tm.vm_hwm);
		set_int(L, "VmRSS", (lua_Integer)tm.vm_rss);
		set_int(L, "VmData", (lua_Integer)tm.vm_data);
		set_int(L, "VmStk", (lua_Integer)tm.vm_stk);
		set_int(L, "VmExe", (lua_Integer)tm.vm_exe);
		set_int(L, "VmLib", (lua_Integer)tm.vm_lib);
		set_int(L, "VmPTE", (lua_Integer)tm.vm_pte);
	}
	set_int(L, "min_flt", (lua_Integer)t->min_flt);
	set_int(L, "maj_flt", (lua_Integer)t->maj_flt);
	set_int(L, "cmin_flt", (lua_Integer)t->cmin_flt);
	set_int(L, "cmaj_flt", (lua_Integer)t->cmaj_flt);
	return 1;
}

/* push_pte - one page table entry: its address, value, frame and bits */
static void push_pte(lua_State *L, unsigned long addr, pte_t pte)
{
	lua_createtable(L, 0, 8);
	set_int(L, "addr", (lua_Integer)addr);
	set_int(L, "value", (lua_Integer)pte);
	set_int(L, "frame", (lua_Integer)pte_pfn(pte));
	lua_pushboolean(L, (pte & _PAGE_PRESENT) != 0);
	lua_setfield(L, -2, "present");
	lua_pushboolean(L, (pte & _PAGE_RW) != 0);
	lua_setfield(L, -2, "rw");
	lua_pushboolean(L, (pte & _PAGE_ACCESSED) != 0);
	lua_setfield(L, -2, "accessed");
	lua_pushboolean(L, (pte & _PAGE_DIRTY) != 0);
	lua_setfield(L, -2, "dirty");
}

struct array {			/* an array being filled by a walk's callback, on top of L's stack */
	lua_State *L;
	lua_Integer n;
};

/* pt_entry - walk_page_range's pte_entry for l_pt: each PTE appended to the array */
static int pt_entry(pte_t pte, unsigned long addr, struct mm_walk *walk)
{
	struct array *a = walk->private;

	push_pte(a->L, addr, pte);
	lua_rawseti(a->L, -2, ++a->n);
	return 0;
}

/*
 * l_pt - vm.pt([addr [, pid]]): the PTE of addr (nil when there is none),
 * or without addr every PTE that is not none, in address order.
 */
static int l_pt(lua_State *L)
{
	struct task_struct *t = task_arg(L, 2);
	struct array a = { L, 0 };
	struct mm_walk walk = { .pte_entry = pt_entry, .private = &a };
	unsigned long addr;
	pgd_t pde;
	pte_t pte;

	if (!t)
		return 3;
	walk.mm = t->mm;
	if (!lua_isnoneornil(L, 1)) {
		addr = (unsigned long)luaL_checkinteger(L, 1) & PAGE_MASK;
		if (addr < TASK_SIZE && follow_pte(t->mm, addr, &pde, &pte) && !pte_none(pte))
			push_pte(L, addr, pte);
		else
			lua_pushnil(L);
		return 1;
	}
	lua_newtable(L);
	walk_page_range(0, TASK_SIZE, &walk);
	return 1;
}

/* frame_entry - walk_frames' callback for l_frames: one frame appended to the array */
static int frame_entry(const struct page_info *pi, void *priv)
{
	struct array *a = priv;
	lua_State *L = a->L;

	lua_createtable(L, 0, 6);
	set_int(L, "pfn", (lua_Integer)pi->pfn);
	set_int(L, "count", pi->count);
	set_int(L, "mapcount", pi->mapcount);
	set_str(L, "kind", pi->pfn == 0 ? "zero" : pi->pgtable ? "pgtable" :
		pi->anon ? "anon" : pi->cache ? "file" : "other");
	lua_pushboolean(L, pi->dirty);
	lua_setfield(L, -2, "dirty");
	lua_pushboolean(L, pi->written);
	lua_setfield(L, -2, "written");
	lua_rawseti(L, -2, ++a->n);
	return 0;
}

/* l_frames - vm.frames(): the frames in use: pfn, count, mapcount and kind */
static int l_frames(lua_State *L)
{
	struct machine *m = vmlua_check(L)->sh->m;
	struct array a = { L, 0 };

	lua_newtable(L);
	walk_frames(m, frame_entry, &a);
	return 1;
}

/*
 * l_read - vm.read(addr, len): the bytes, read as the current process
 * would (faulting pages in), as a Lua string; a fatal fault kills the
 * process as `read` does and returns nil, "SIGSEGV" (or SIGBUS, SIGKILL),
 * "at 0x...". Reads past 16 MiB are refused (use vm.cmd for a hexdump).
 */
static int l_read(lua_State *L)
{
	struct vmsh *sh = vmlua_check(L)->sh;
	lua_Integer addr = luaL_checkinteger(L, 1), len = luaL_checkinteger(L, 2);
	struct task_struct *t = task_arg(L, 3);
	struct vm_fault_info fi;
	luaL_Buffer b;
	long r;

	if (!t)
		return 3;
	luaL_argcheck(L, addr >= 0 && addr <= 0xffffffff, 1, "address out of range");
	luaL_argcheck(L, len >= 0 && len <= (16 << 20), 2, "length out of range (0 to 16 MiB)");
	context_switch(sh->m, t);
	vm_clear_error(sh->m);
	r = access_vm(sh->m, (unsigned long)addr, (unsigned long)len, VM_ACCESS_READ,
		      luaL_buffinitsize(L, &b, (size_t)len), NULL, &fi);
	context_switch(sh->m, vmsh_current(sh));
	vmlua_drain(sh);
	if (r) {
		char at[32];

		snprintf(at, sizeof(at), "at 0x%08lx", fi.addr);
		lua_pushnil(L);
		lua_pushstring(L, fi.sig == SIGBUS ? "SIGBUS" : fi.sig == SIGKILL ? "SIGKILL" :
			       fi.sig ? "SIGSEGV" : "ENOMEM");
		lua_pushstring(L, at);
		return 3;
	}
	luaL_pushresultsize(&b, (size_t)len);
	return 1;
}

/*
 * The tables: each replaces the command of the same name (vmlib_open sets
 * the commands' functions first). A command that shows a structure gets
 * its table function here.
 */
static const luaL_Reg view_funcs[] = {
	{ "maps", l_maps },
	{ "vma", l_vma },
	{ "mm", l_mm },
	{ "ps", l_ps },
	{ "files", l_files },
	{ "smaps", l_smaps },
	{ "status", l_status },
	{ "pt", l_pt },
	{ "frames", l_frames },
	{ "read", l_read },
	{ NULL, NULL }
};

void vmview_open(lua_State *L)
{
	luaL_setfuncs(L, view_funcs, 0);
}
