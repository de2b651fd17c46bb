/*
 * vmhook.h - Lua hooks on the engine's events (vmhook.c): vm.on and vm.off,
 * the queue the observer copies events into while the engine works, and
 * the drain that runs the hooks once it is done.
 */
#ifndef VMSH_VMHOOK_H
#define VMSH_VMHOOK_H

#include <lua.h>

struct vmsh;
struct vmsh_lua;
struct vm_event;

/* vmhook_open - vm.on and vm.off into the table on top of the stack. */
void vmhook_open(lua_State *L);

/* vmhook_free - free the event queue (the state is closing). */
void vmhook_free(struct vmsh_lua *vl);

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

#endif
