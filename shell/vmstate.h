/*
 * vmstate.h - the core of the Lua binding (vmstate.c), which the rest of
 * it uses: struct vmsh_lua (the shell's side of the lua_State, with the
 * hooks' event queue), making the state, runs of Lua code bracketed and
 * protected, errors reported, Ctrl-C.
 */
#ifndef VMSH_VMSTATE_H
#define VMSH_VMSTATE_H

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

/*
 * vmlua_newstate - a new lua_State for sh with its memory cap and count
 * hook, nothing opened in it (sh->lua not set). NULL after reporting.
 */
struct vmsh_lua *vmlua_newstate(struct vmsh *sh);

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

/*
 * vmlua_catch_sigint - from now on Ctrl-C sets the interrupt flag (no
 * SA_RESTART: readline and reads see EINTR); the flag is cleared and the
 * old action saved in *old, for sigaction to put back.
 */
void vmlua_catch_sigint(struct sigaction *old);
/* vmlua_take_interrupt - 1 (and the flag cleared) when Ctrl-C came since, else 0 */
int vmlua_take_interrupt(void);

/* vmlua_msghandler - lua.c's: the error message with a stack traceback. */
int vmlua_msghandler(lua_State *L);

/* vmlua_fail - "lua: msg" on sh->err as a failed command (sh->status set). */
void vmlua_fail(struct vmsh_lua *vl, const char *msg);

/* vmlua_warn - "lua: fmt..." on sh->err, the command's outcome unchanged. */
void vmlua_warn(struct vmsh_lua *vl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
