/*
 * vmhook.c - Lua hooks on the engine's events: vm.on and vm.off, the queue
 * the observer copies events into while the engine works, and the drain
 * that calls the hooks once it is done (never in the middle of an
 * operation, when the machine is half changed).
 */
#include <stdlib.h>
#include <string.h>

#include "vmcore.h"
#include "context.h"
#include "observer.h"
#include "vmstate.h"
#include "vmhook.h"

#define VMLUA_STR_(x)	#x
#define VMLUA_STR(x)	VMLUA_STR_(x)

/* The registry key of the hooks: an array of {id=, type=, fn=}, in the order they were set. */
static const char hooks_key;

/* ---- vm.on, vm.off ---- */

/* event_arg - the event argument i names (VMLUA_EV_ALL for "*"); an error listing the names otherwise. */
static int event_arg(lua_State *L, int i)
{
	const char *name = luaL_checkstring(L, i);
	luaL_Buffer b;
	int t;

	if (strcmp(name, "*") == 0)
		return VMLUA_EV_ALL;
	for (t = 0; t < VM_EV__COUNT; t++)
		if (strcmp(vm_event_name((enum vm_event_type)t), name) == 0)
			return t;
	luaL_buffinit(L, &b);
	lua_pushfstring(L, "unknown event '%s'; events:", name);
	luaL_addvalue(&b);
	for (t = 0; t < VM_EV__COUNT; t++) {
		luaL_addchar(&b, ' ');
		luaL_addstring(&b, vm_event_name((enum vm_event_type)t));
	}
	luaL_addstring(&b, " *");
	luaL_pushresult(&b);
	return luaL_argerror(L, i, lua_tostring(L, -1));
}

/* push_hooks - the hooks array, on top. */
static void push_hooks(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &hooks_key) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_newtable(L);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &hooks_key);
}

/* field_int - integer field k of the table on top. */
static lua_Integer field_int(lua_State *L, const char *k)
{
	lua_Integer v;

	lua_getfield(L, -1, k);
	v = lua_tointeger(L, -1);
	lua_pop(L, 1);
	return v;
}

/* update_mask - which events the hooks want; the observer follows. */
static void update_mask(lua_State *L, struct vmsh_lua *vl)
{
	lua_Integer i, n, t;

	vl->hook_mask = 0;
	push_hooks(L);
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		t = field_int(L, "type");
		vl->hook_mask |= t == VMLUA_EV_ALL ? ~0UL : 1UL << t;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	vmsh_observer_update(vl->sh);
}

/* l_on - vm.on(event, fn) -> handle: fn(ev) for every such event after each command. */
static int l_on(lua_State *L)
{
	struct vmsh_lua *vl = vmlua_check(L);
	int type = event_arg(L, 1);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	push_hooks(L);
	lua_createtable(L, 0, 3);
	lua_pushinteger(L, ++vl->next_hook_id);
	lua_setfield(L, -2, "id");
	lua_pushinteger(L, type);
	lua_setfield(L, -2, "type");
	lua_pushvalue(L, 2);
	lua_setfield(L, -2, "fn");
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	update_mask(L, vl);
	lua_pushinteger(L, vl->next_hook_id);
	return 1;
}

/* doomed - does hook entry (on top) match vm.off's arguments: a handle, an event [and fn], or none? */
static int doomed(lua_State *L, int nargs, int type)
{
	int yes;

	if (nargs == 0)
		return 1;
	if (type == -2)		/* a handle */
		return field_int(L, "id") == lua_tointeger(L, 1);
	if (field_int(L, "type") != type)
		return 0;
	if (nargs < 2 || lua_isnil(L, 2))
		return 1;
	lua_getfield(L, -1, "fn");
	yes = lua_rawequal(L, -1, 2);
	lua_pop(L, 1);
	return yes;
}

/*
 * l_off - vm.off(handle), vm.off(event [, fn]) or vm.off(): remove those
 * hooks. Returns how many were removed.
 */
static int l_off(lua_State *L)
{
	struct vmsh_lua *vl = vmlua_check(L);
	int nargs = lua_gettop(L), type = -2;
	lua_Integer i, n, kept = 0;

	if (nargs > 0 && !lua_isinteger(L, 1))
		type = event_arg(L, 1);
	if (nargs > 1 && !lua_isnil(L, 2))
		luaL_checktype(L, 2, LUA_TFUNCTION);
	push_hooks(L);
	n = (lua_Integer)lua_rawlen(L, -1);
	lua_createtable(L, (int)n, 0);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -2, i);
		if (doomed(L, nargs, type))
			lua_pop(L, 1);
		else
			lua_rawseti(L, -2, ++kept);
	}
	lua_rawsetp(L, LUA_REGISTRYINDEX, &hooks_key);
	update_mask(L, vl);
	lua_pushinteger(L, n - kept);
	return 1;
}

void vmhook_open(lua_State *L)
{
	lua_pushcfunction(L, l_on);
	lua_setfield(L, -2, "on");
	lua_pushcfunction(L, l_off);
	lua_setfield(L, -2, "off");
}

/* ---- the queue ---- */

int vmlua_wants_events(const struct vmsh *sh)
{
	return sh->lua && sh->lua->hook_mask && !sh->lua->closing;
}

/* queue_room - room for one more event; 0 when the queue is full or memory short. */
static int queue_room(struct vmlua_queue *q)
{
	size_t cap;
	struct vmlua_event *v;

	if (q->head == q->n)
		q->head = q->n = 0;
	if (q->n < q->cap)
		return 1;
	if (q->n >= VMLUA_QUEUE_MAX)
		return 0;
	cap = q->cap ? q->cap * 2 : 64;
	v = realloc(q->v, cap * sizeof(*v));
	if (!v)
		return 0;
	q->v = v;
	q->cap = cap;
	return 1;
}

void vmlua_queue_event(struct vmsh *sh, const struct vm_event *ev)
{
	struct vmsh_lua *vl = sh->lua;
	struct vmlua_event *e;

	if (!vl || vl->closing || !(vl->hook_mask & (1UL << ev->type)))
		return;
	if (!queue_room(&vl->q)) {
		vl->q.dropped++;
		return;
	}
	e = &vl->q.v[vl->q.n++];
	e->type = ev->type;
	e->func = ev->func;
	e->depth = ev->depth;
	e->pid = ev->pid;
	e->start = ev->start;
	e->end = ev->end;
	e->value = ev->value;
	e->has_vma = ev->vma != NULL;
	e->vma_start = ev->vma ? ev->vma->vm_start : 0;
	e->vma_end = ev->vma ? ev->vma->vm_end : 0;
	e->vma_flags = ev->vma ? ev->vma->vm_flags : 0;
	e->vma_pgoff = ev->vma ? ev->vma->vm_pgoff : 0;
	memcpy(e->text, ev->text, sizeof(e->text));
}

void vmhook_free(struct vmsh_lua *vl)
{
	free(vl->q.v);
	memset(&vl->q, 0, sizeof(vl->q));
	vl->hook_mask = 0;
}

/* ---- calling the hooks ---- */

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, k);
}

/* push_event - the table a hook gets for e. */
static void push_event(lua_State *L, const struct vmlua_event *e)
{
	lua_createtable(L, 0, 9);
	lua_pushstring(L, vm_event_name(e->type));
	lua_setfield(L, -2, "event");
	lua_pushstring(L, e->func);
	lua_setfield(L, -2, "func");
	set_int(L, "depth", e->depth);
	set_int(L, "pid", e->pid);
	set_int(L, "start", (lua_Integer)e->start);
	set_int(L, "end", (lua_Integer)e->end);
	set_int(L, "value", e->value);
	lua_pushstring(L, e->text);
	lua_setfield(L, -2, "text");
	if (!e->has_vma)
		return;
	lua_createtable(L, 0, 4);
	set_int(L, "start", (lua_Integer)e->vma_start);
	set_int(L, "end", (lua_Integer)e->vma_end);
	set_int(L, "flags", (lua_Integer)e->vma_flags);
	set_int(L, "pgoff", (lua_Integer)e->vma_pgoff);
	lua_setfield(L, -2, "vma");
}

/* push_matching - the functions of the hooks for type, as an array (a snapshot: hooks may call vm.off). */
static lua_Integer push_matching(lua_State *L, int type)
{
	lua_Integer i, n, k = 0, t;

	push_hooks(L);
	n = (lua_Integer)lua_rawlen(L, -1);
	lua_createtable(L, (int)n, 0);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -2, i);
		t = field_int(L, "type");
		if (t == type || t == VMLUA_EV_ALL) {
			lua_getfield(L, -1, "fn");
			lua_rawseti(L, -3, ++k);
		}
		lua_pop(L, 1);
	}
	lua_remove(L, -2);
	return k;
}

struct firing {
	struct vmlua_event e;		/* a copy: hooks may grow the queue */
	long limit;			/* hooks to call at most; -1: all */
	long calls;			/* hooks called */
};

/* fire - protected: call the hooks for the event (struct firing, light userdata 1), each under its own pcall. */
static int fire(lua_State *L)
{
	struct firing *f = lua_touserdata(L, 1);
	const struct vmlua_event *e = &f->e;
	struct vmsh_lua *vl = vmlua_of(L);
	lua_Integer i, n;

	push_event(L, e);			/* 2 */
	n = push_matching(L, (int)e->type);	/* 3 */
	for (i = 1; i <= n && vl->stop == STOP_NONE && f->calls != f->limit; i++) {
		f->calls++;
		lua_pushcfunction(L, vmlua_msghandler);
		lua_rawgeti(L, 3, i);
		lua_pushvalue(L, 2);
		if (lua_pcall(L, 1, 0, -3) != LUA_OK)
			vmlua_warn(vl, "hook for %s: %s", vm_event_name(e->type),
				   lua_tostring(L, -1) ? lua_tostring(L, -1) : "(no message)");
		lua_settop(L, 3);
	}
	return 0;
}

/* drop_rest - empty the queue, saying how many events hooks never saw and why. */
static void drop_rest(struct vmsh_lua *vl, const char *why)
{
	unsigned long n = (unsigned long)(vl->q.n - vl->q.head) + vl->q.dropped;

	if (n)
		vmlua_warn(vl, "%lu event%s not given to hooks: %s", n, n == 1 ? "" : "s", why);
	vl->q.head = vl->q.n = 0;
	vl->q.dropped = 0;
}

/*
 * The command's own events all reach the hooks. The events that hooks
 * cause (calling vm.*) run hooks VMLUA_HOOK_EVENTS_MAX times at most, an
 * event with no hook left counting as one: a hook that feeds itself, or
 * makes more hooks, ends there.
 */
void vmlua_drain(struct vmsh *sh)
{
	struct vmsh_lua *vl = sh->lua;
	struct firing f;
	size_t own;
	long budget = VMLUA_HOOK_EVENTS_MAX;

	if (!vl || vl->draining || vl->closing || (vl->q.head == vl->q.n && !vl->q.dropped))
		return;
	vl->draining = 1;
	vmlua_enter(vl);
	own = vl->q.n - vl->q.head;
	while (vl->q.head < vl->q.n && budget > 0 && vl->stop == STOP_NONE) {
		f.e = vl->q.v[vl->q.head++];
		f.limit = own ? -1 : budget;
		f.calls = 0;
		vmlua_pcall(vl, fire, &f);
		if (own)
			own--;
		else
			budget -= f.calls ? f.calls : 1;
	}
	if (vl->q.dropped)
		drop_rest(vl, "the queue was full");
	else if (vl->stop != STOP_NONE)
		drop_rest(vl, vl->stop == STOP_INTERRUPT ? "interrupted" : "instruction limit reached");
	else
		drop_rest(vl, "the events hooks caused ran hooks " VMLUA_STR(VMLUA_HOOK_EVENTS_MAX) " times");
	vmlua_leave(vl);
	vl->draining = 0;
}
