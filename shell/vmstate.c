/*
 * vmstate.c - the core of the shell's Lua state, which the rest of the
 * binding uses: the shell kept in the state, a memory cap (a counting
 * allocator), an instruction budget and Ctrl-C (one count hook), runs of
 * Lua code bracketed and protected with a traceback, and errors reported
 * as the `lua` command's.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "vmstate.h"

#define HOOK_PERIOD	1000	/* instructions between two count hooks */

/* Ctrl-C, noticed by the signal handler; a run turns it into an error. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

void vmlua_catch_sigint(struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, old);	/* no SA_RESTART: readline sees EINTR */
	interrupted = 0;
}

int vmlua_take_interrupt(void)
{
	if (!interrupted)
		return 0;
	interrupted = 0;
	return 1;
}

/* ---- the state: memory cap, instruction budget ---- */

/*
 * l_alloc - realloc that keeps vl->mem_used and refuses to grow it past
 * vl->mem_max (Lua then raises "not enough memory"). Freeing and
 * shrinking never fail, as Lua requires.
 */
static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct vmsh_lua *vl = ud;
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		vl->mem_used -= old;
		return NULL;
	}
	if (nsize > old && vl->mem_max &&
	    (vl->mem_used > vl->mem_max || nsize - old > vl->mem_max - vl->mem_used))
		return NULL;
	p = realloc(ptr, nsize);
	if (!p)
		return nsize <= old ? ptr : NULL;
	vl->mem_used = vl->mem_used - old + nsize;
	return p;
}

/*
 * count_hook - every HOOK_PERIOD instructions: count them, and raise
 * "interrupted" after Ctrl-C or "instruction limit reached" past the
 * budget. Once raised, the error comes back at every instruction until
 * the outermost run ends, so a pcall in a loop cannot swallow it.
 */
static void count_hook(lua_State *L, lua_Debug *ar)
{
	struct vmsh_lua *vl = vmlua_of(L);
	unsigned long long max = vl->sh->lua_max_instructions;
	int period = lua_gethookcount(L);

	(void)ar;
	if (vl->stop == STOP_NONE) {
		vl->ticks += (unsigned long long)period;
		if (interrupted)
			vl->stop = STOP_INTERRUPT;
		else if (max && vl->ticks > max)
			vl->stop = STOP_LIMIT;
	}
	if (vl->stop == STOP_NONE) {
		if (period != HOOK_PERIOD)	/* a thread left raising by an earlier run */
			lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_PERIOD);
		return;
	}
	lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
	lua_pushstring(L, vl->stop == STOP_INTERRUPT ? "interrupted" :
		       "instruction limit reached");
	lua_error(L);
}

/* ---- making the state, bracketing runs ---- */

struct vmsh_lua *vmlua_newstate(struct vmsh *sh)
{
	struct vmsh_lua *vl = calloc(1, sizeof(*vl));

	if (!vl)
		return vmsh_fail(sh, "not enough memory for Lua"), NULL;
	vl->sh = sh;
	vl->mem_max = sh->lua_max_memory;
	vl->L = lua_newstate(l_alloc, vl);
	if (!vl->L) {
		free(vl);
		return vmsh_fail(sh, "not enough memory for Lua"), NULL;
	}
	*(struct vmsh_lua **)lua_getextraspace(vl->L) = vl;
	lua_sethook(vl->L, count_hook, LUA_MASKCOUNT, HOOK_PERIOD);
	return vl;
}

void vmlua_enter(struct vmsh_lua *vl)
{
	if (vl->depth++ > 0)
		return;
	vl->ticks = 0;
	vl->stop = STOP_NONE;
	vl->mem_max = vl->sh->lua_max_memory;
	vmlua_catch_sigint(&vl->old_sigint);
}

void vmlua_leave(struct vmsh_lua *vl)
{
	if (--vl->depth > 0)
		return;
	sigaction(SIGINT, &vl->old_sigint, NULL);
	lua_sethook(vl->L, count_hook, LUA_MASKCOUNT, HOOK_PERIOD);
}

struct vmsh_lua *vmlua_check(lua_State *L)
{
	struct vmsh_lua *vl = vmlua_of(L);

	if (vl->closing)
		luaL_error(L, "vm: the Lua state is closing");
	return vl;
}

/* ---- reporting ---- */

void vmlua_fail(struct vmsh_lua *vl, const char *msg)
{
	struct vmsh *sh = vl->sh;
	const struct vmsh_command *saved = sh->cmd;

	sh->cmd = vmsh_lookup(sh, "lua");	/* "lua: ", whoever ran the code */
	vmsh_fail(sh, "%s", msg ? msg : "(error object is not a string)");
	sh->cmd = saved;
}

void vmlua_warn(struct vmsh_lua *vl, const char *fmt, ...)
{
	struct vmsh *sh = vl->sh;
	va_list ap;

	fflush(sh->out);
	fputs("lua: ", sh->err);
	va_start(ap, fmt);
	vfprintf(sh->err, fmt, ap);
	va_end(ap);
	fputc('\n', sh->err);
	fflush(sh->err);
}

int vmlua_msghandler(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (msg == NULL) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			return 1;
		msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	luaL_traceback(L, L, msg, 1);
	return 1;
}

int vmlua_pcall(struct vmsh_lua *vl, lua_CFunction fn, void *ud)
{
	lua_State *L = vl->running ? vl->running : vl->L;
	int base = lua_gettop(L), status;

	if (!lua_checkstack(L, 4)) {
		vmlua_fail(vl, "stack overflow");
		return LUA_ERRRUN;
	}
	vmlua_enter(vl);
	lua_pushcfunction(L, vmlua_msghandler);
	lua_pushcfunction(L, fn);
	lua_pushlightuserdata(L, ud);
	status = lua_pcall(L, 1, 0, base + 1);
	if (status != LUA_OK)
		vmlua_fail(vl, lua_tostring(L, -1));
	lua_settop(L, base);
	vmlua_leave(vl);
	return status;
}
