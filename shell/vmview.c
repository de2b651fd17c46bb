/*
 * vmview.c - the views as Lua values: vm.maps, vm.smaps, vm.status,
 * vm.vma, vm.mm, vm.pt, vm.frames, vm.ps, vm.dump, vm.pmap and vm.diff
 * return the document their command prints with --json, as tables
 * (vmdoc.c); vm.files reads the files directly; vm.read returns memory
 * as a string.
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
#include "vmdoc.h"
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

/* ---- the views: the same documents as VIEW --json (vmdoc.c) ---- */

#define VIEW_WORDS	4

struct words {			/* the words of a view built from Lua arguments */
	int n;
	char buf[VIEW_WORDS][48];
	const char *w[VIEW_WORDS];
};

static void add_word(struct words *w, const char *fmt, long long v)
{
	snprintf(w->buf[w->n], sizeof(w->buf[0]), fmt, v);
	w->w[w->n] = w->buf[w->n];
	w->n++;
}

/* add_pid - argument i as the PID word, when it is not nil */
static void add_pid(lua_State *L, struct words *w, int i)
{
	if (!lua_isnoneornil(L, i))
		add_word(w, "%lld", (long long)luaL_checkinteger(L, i));
}

/* add_addr - argument i as ADDR (an integer, in hex) or RANGE (a string), when it is not nil */
static void add_addr(lua_State *L, struct words *w, int i)
{
	if (lua_isnoneornil(L, i))
		return;
	if (lua_type(L, i) == LUA_TSTRING) {
		snprintf(w->buf[w->n], sizeof(w->buf[0]), "%s", lua_tostring(L, i));
		w->w[w->n] = w->buf[w->n];
		w->n++;
		return;
	}
	add_word(w, "0x%llx", (long long)luaL_checkinteger(L, i));
}

/* view_pid - a view taking [pid]: vm.maps, vm.smaps, vm.status, vm.mm, vm.pmap */
static int view_pid(lua_State *L, const char *name)
{
	struct words w = { 0 };

	add_pid(L, &w, 1);
	return vmdoc_view(L, name, w.n, w.w);
}

static int l_maps(lua_State *L) { return view_pid(L, "maps"); }
static int l_smaps(lua_State *L) { return view_pid(L, "smaps"); }
static int l_status(lua_State *L) { return view_pid(L, "status"); }
static int l_mm(lua_State *L) { return view_pid(L, "mm"); }
static int l_pmap(lua_State *L) { return view_pid(L, "pmap"); }

static int l_ps(lua_State *L)
{
	return vmdoc_view(L, "ps", 0, NULL);
}

/* view_addr_pid - a view taking (addr, pid) in Lua, [PID] [ADDR] as words: vm.vma, vm.pt */
static int view_addr_pid(lua_State *L, const char *name)
{
	struct words w = { 0 };

	add_pid(L, &w, 2);
	add_addr(L, &w, 1);
	return vmdoc_view(L, name, w.n, w.w);
}

/* l_vma - vm.vma([addr [, pid]]): the VMA holding addr (or nil); every VMA without addr */
static int l_vma(lua_State *L) { return view_addr_pid(L, "vma"); }
/* l_pt - vm.pt([addr|range [, pid]]): pt's document */
static int l_pt(lua_State *L) { return view_addr_pid(L, "pt"); }

/* l_dump - vm.dump([pid|"all" [, addr|range]]) */
static int l_dump(lua_State *L)
{
	struct words w = { 0 };

	if (lua_type(L, 1) == LUA_TSTRING) {
		snprintf(w.buf[0], sizeof(w.buf[0]), "%s", lua_tostring(L, 1));
		w.w[w.n++] = w.buf[0];
	} else {
		add_pid(L, &w, 1);
	}
	add_addr(L, &w, 2);
	return vmdoc_view(L, "dump", w.n, w.w);
}

/* l_frames - vm.frames([pid | {pid=, vma=, kind=}]) */
static int l_frames(lua_State *L)
{
	struct words w = { 0 };
	const char *kind;

	if (!lua_istable(L, 1)) {
		add_pid(L, &w, 1);
		return vmdoc_view(L, "frames", w.n, w.w);
	}
	if (lua_getfield(L, 1, "pid") != LUA_TNIL)
		add_word(&w, "pid=%lld", (long long)luaL_checkinteger(L, -1));
	if (lua_getfield(L, 1, "vma") != LUA_TNIL)
		add_word(&w, "vma=0x%llx", (long long)luaL_checkinteger(L, -1));
	if (lua_getfield(L, 1, "kind") != LUA_TNIL) {
		kind = luaL_checkstring(L, -1);
		snprintf(w.buf[w.n], sizeof(w.buf[0]), "kind=%.40s", kind);
		w.w[w.n] = w.buf[w.n];
		w.n++;
	}
	lua_pop(L, 3);
	return vmdoc_view(L, "frames", w.n, w.w);
}

/* l_diff - vm.diff([n]) */
static int l_diff(lua_State *L)
{
	struct words w = { 0 };

	if (!lua_isnoneornil(L, 1))
		add_word(&w, "%lld", (long long)luaL_checkinteger(L, 1));
	return vmdoc_view(L, "diff", w.n, w.w);
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
	{ "dump", l_dump },
	{ "pmap", l_pmap },
	{ "diff", l_diff },
	{ "read", l_read },
	{ NULL, NULL }
};

void vmview_open(lua_State *L)
{
	luaL_setfuncs(L, view_funcs, 0);
	vmdoc_open(L);
}
