/*
 * vmlua.h - Lua in vmsh (the shell's side): the `lua` command and its
 * prompt, Lua files, and the hooks' event queue. One lua_State per shell,
 * made at first use, closed by vmsh_fini. (Not "lua.h": that is Lua's.)
 */
#ifndef VMSH_VMLUA_H
#define VMSH_VMLUA_H

struct vmsh;
struct vm_event;

/*
 * cmd_lua - `lua CODE` runs CODE (the rest of the line) as a chunk and
 * prints the values of an expression; `lua` alone reads chunks at a Lua
 * prompt until `.` or EOF. Returns 0, or -1 after an error was reported
 * with its traceback.
 */
int cmd_lua(struct vmsh *sh, int argc, char **argv);

/* vmlua_run_file - run the Lua file path. 0, or -1 after reporting the error. */
int vmlua_run_file(struct vmsh *sh, const char *path);

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

/* vmlua_close - close the Lua state, if any (its __gc handlers may not call vm.*). */
void vmlua_close(struct vmsh *sh);

#endif
