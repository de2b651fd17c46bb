/*
 * vmlua_int.h - what the parts of the Lua binding share: vmlua.c (the
 * state, limits, running chunks, the prompt, vmlua_attach), vmlib.c (the
 * vm table), vmview.c (its tables of the kernel's structures) and
 * vmhook.c (vm.on, vm.off, the event queue).
 */
#ifndef VMSH_VMLUA_INT_H
#define VMSH_VMLUA_INT_H

#include <signal.h>
#include <stddef.h>

#include <lua.h>
#include <lauxlib.h>

#include "vmcore.h"

struct vmsh;

/* An event copied for the hooks: nothing in it points into the machine. */
struct vmlua_event {
	enum vm_event_type type;
	const char *func;		/* a string literal of vmcore's: lives on */
	int depth, pid;
	unsigned long start, end;
	long value;
	int has_vma;			/* the VMA's fields at emission time: */
	unsigned long vma_start, vma_end, vma_flags, vma_pgoff;
	char text[sizeof(((struct vm_event *)0)->text)];
};

struct vmlua_queue {		/* events waiting for hooks, oldest at head */
	struct vmlua_event *v;
	size_t head, n, cap;
	unsigned long dropped;		/* events lost to a full queue */
};

#define VMLUA_QUEUE_MAX	(256 * 1024)	/* events the queue holds at most */
#define VMLUA_EV_ALL	(-1)		/* a hook on "*" */

enum vmlua_stop { STOP_NONE, STOP_INTERRUPT, STOP_LIMIT };

struct vmsh_lua {
	lua_State *L;			/* the main thread */
	lua_State *running;		/* the thread inside a vm.* call, or NULL: nested
					   runs go on its stack (it may be a coroutine) */
	struct vmsh *sh;
	size_t mem_used;		/* bytes the state holds (l_alloc) */
	size_t mem_max;			/* allocations past it fail; 0: no cap */
	unsigned long long ticks;	/* instructions run by this top-level run */
	enum vmlua_stop stop;		/* raised again at every count hook until the run ends */
	int depth;			/* nested runs (vmlua_enter) */
	struct sigaction old_sigint;	/* the handler before the outermost run */
	int closing;			/* lua_close running: vm.* refuse */
	int draining;			/* vmlua_drain running */
	unsigned long hook_mask;	/* 1 << type of every event some hook wants */
	lua_Integer next_hook_id;
	struct vmlua_queue q;
};

/* vmlua_of - the shell's Lua context of L (kept in L's extra space). */
static inline struct vmsh_lua *vmlua_of(lua_State *L)
{
	return *(struct vmsh_lua **)lua_getextraspace(L);
}

/* vmlua_check - vmlua_of, raising an error while the state closes. */
struct vmsh_lua *vmlua_check(lua_State *L);

/*
 * vmlua_enter, vmlua_leave - bracket a run of Lua code. The outermost
 * enter starts a new instruction budget, clears Ctrl-C and catches SIGINT;
 * its leave gives SIGINT back.
 */
void vmlua_enter(struct vmsh_lua *vl);
void vmlua_leave(struct vmsh_lua *vl);

/*
 * vmlua_pcall - fn(ud) in protected mode inside vmlua_enter/leave, with a
 * traceback. LUA_OK, or the error status after reporting the error as the
 * command's failure (vmlua_fail).
 */
int vmlua_pcall(struct vmsh_lua *vl, lua_CFunction fn, void *ud);

/* vmlua_msghandler - lua.c's: the error message with a stack traceback. */
int vmlua_msghandler(lua_State *L);

/* vmlua_fail - "lua: msg" on sh->err as a failed command (sh->status set). */
void vmlua_fail(struct vmsh_lua *vl, const char *msg);

/* vmlua_warn - "lua: fmt..." on sh->err, the command's outcome unchanged. */
void vmlua_warn(struct vmsh_lua *vl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * vmlua_queue_event - the observer's part: copy ev (and the VMA's fields:
 * the VMA itself may be gone by the time hooks run) when a hook wants it.
 * Never calls Lua. Cheap when there is no hook.
 */
void vmlua_queue_event(struct vmsh *sh, const struct vm_event *ev);

/* vmlua_wants_events - does some hook want events (so the observer must be attached)? */
int vmlua_wants_events(const struct vmsh *sh);

/*
 * vmlua_drain - run the hooks for the queued events, in order, each under
 * lua_pcall (an error is reported and stops nothing). Events the hooks
 * cause are queued and run hooks too, VMLUA_HOOK_EVENTS_MAX times at
 * most; the rest are dropped with a message. Does nothing while a drain
 * is running (the outer one takes the new events) or with no Lua state.
 */
void vmlua_drain(struct vmsh *sh);

#define VMLUA_HOOK_EVENTS_MAX	10000

/* vmlib_open - the vm table (vmlib.c), made global and package.loaded.vm. */
void vmlib_open(lua_State *L);

/* vmhook_open - vm.on and vm.off into the table on top of the stack (vmhook.c). */
void vmhook_open(lua_State *L);

/* vmhook_free - free the event queue (the state is closing). */
void vmhook_free(struct vmsh_lua *vl);

#endif
