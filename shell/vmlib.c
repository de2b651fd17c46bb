/*
 * vmlib.c - the global table vm: one function per command of the command
 * table, made from the table (argument kinds in vmsh_command.args), which
 * runs the command's handler with its output captured and returns values;
 * vm.cmd for a command's text, vm.hex; then vmview.c's tables of the
 * kernel's structures and vmhook.c's vm.on and vm.off.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "context.h"
#include "run.h"
#include "vmstate.h"
#include "vmhook.h"
#include "vmview.h"
#include "vmlib.h"

#define CAPTURE_MT	"vmsh.capture"	/* metatable of a captured-text holder */

/* ---- running a command with its output captured ---- */

struct capture {
	FILE *f;			/* the memory stream out and err write to */
	char *buf;			/* its text (after capture_end), malloc'd */
	size_t len;
	FILE *out, *err, *trace_out;	/* the shell's, put back at the end */
	int status, stopping;
};

/*
 * capture_begin - send sh->out and sh->err to one memory stream, in order;
 * the trace too when with_trace, else it keeps going where output went.
 * -1 when no stream can be made (nothing changed).
 */
static int capture_begin(struct vmsh *sh, struct capture *c, int with_trace)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	if (!c->f)
		return -1;
	fflush(sh->out);
	c->out = sh->out;
	c->err = sh->err;
	c->trace_out = sh->trace_out;
	c->status = sh->status;
	c->stopping = sh->stopping;
	if (!with_trace && !sh->trace_out)
		sh->trace_out = sh->out;
	sh->out = sh->err = c->f;
	return 0;
}

/*
 * capture_end - the shell's streams back; c->buf holds the text (the
 * caller frees it). A failure Lua sees as a value does not make vmsh's
 * exit status 1 or stop it under -e: status and stopping are put back.
 */
static void capture_end(struct vmsh *sh, struct capture *c, int failed)
{
	fclose(c->f);
	sh->out = c->out;
	sh->err = c->err;
	sh->trace_out = c->trace_out;
	if (failed) {
		sh->status = c->status;
		sh->stopping = c->stopping;
	}
}

/* ---- vm.COMMAND: Lua arguments to command words ---- */

/* rest_nil - are arguments i..nargs all nil (or absent)? */
static int rest_nil(lua_State *L, int i, int nargs)
{
	for (; i <= nargs; i++)
		if (!lua_isnil(L, i))
			return 0;
	return 1;
}

/*
 * push_word - argument i of nargs as the word for kind k; raises Lua's
 * "bad argument" errors. (Past nargs the stack holds the words pushed so
 * far: an absent argument is told from them by its index.)
 */
static void push_word(lua_State *L, int i, int nargs, char k)
{
	char buf[32];
	lua_Integer v;

	if (k == 'a' && (i > nargs || lua_isnil(L, i))) {
		lua_pushliteral(L, "-");
		return;
	}
	if (i > nargs)
		luaL_argerror(L, i, k == 's' ? "string expected, got no value" :
			      k == 'v' ? "integer or string expected, got no value" :
			      "number expected, got no value");
	if (k == 'v' && lua_type(L, i) != LUA_TNUMBER && lua_type(L, i) != LUA_TSTRING)
		luaL_typeerror(L, i, "integer or string");
	if (k == 's' || (k == 'v' && lua_type(L, i) == LUA_TSTRING)) {
		luaL_checkstring(L, i);		/* a number becomes a string */
		lua_pushvalue(L, i);
		return;
	}
	v = luaL_checkinteger(L, i);
	if (k == 'n' || k == 'v') {
		snprintf(buf, sizeof(buf), "%lld", (long long)v);
	} else {
		luaL_argcheck(L, v >= 0, i, "negative address or length");
		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)v);
	}
	lua_pushstring(L, buf);
}

/*
 * push_words - the nargs arguments as words by the kinds k (see
 * command.h), pushed in order. Returns how many.
 */
static int push_words(lua_State *L, const char *k, int nargs)
{
	int i = 1;

	while (*k) {
		char mod = (k[1] == '?' || k[1] == '*') ? k[1] : 0;

		if (mod && rest_nil(L, i, nargs))
			break;
		luaL_checkstack(L, 2, "too many arguments");
		push_word(L, i++, nargs, k[0]);
		if (mod != '*')
			k += mod ? 2 : 1;
	}
	if (!rest_nil(L, i, nargs))
		luaL_argerror(L, i, "no value expected");
	return i - 1;
}

/*
 * make_words - the command name and the n words on top of the stack as a
 * struct vmsh_words whose argv and bytes live in a new userdata (pushed):
 * handlers may write into their words, never into Lua's strings.
 */
static void make_words(lua_State *L, const char *name, int n, struct vmsh_words *w)
{
	size_t len, total = strlen(name) + 1, head = vmsh_words_size(n + 1);
	const char *s;
	char *block, *p;
	int i;

	for (i = 1; i <= n; i++) {
		lua_tolstring(L, -i, &len);
		total += len + 1;
	}
	block = lua_newuserdatauv(L, head + total, 0);
	vmsh_words_init(w, block, n + 1);
	p = block + head;
	for (i = 0; i <= n; i++) {
		if (i == 0)
			s = name, len = strlen(name);
		else
			s = lua_tolstring(L, -n - 2 + i, &len);
		memcpy(p, s, len + 1);
		vmsh_words_set(w, i, p, len);
		p += len + 1;
	}
}

/*
 * push_outcome - what vm.COMMAND returns: its value (an integer) or true;
 * nil, ERRNAME, why when it failed; a usage error is raised.
 */
static int push_outcome(lua_State *L, const struct vmsh_command *c, int rc,
			const struct vmsh_result *res)
{
	if (rc == 0) {
		if (res->has_value)
			lua_pushinteger(L, res->value);
		else
			lua_pushboolean(L, 1);
		return 1;
	}
	if (res->usage)
		return luaL_error(L, "%s: %s", c->name, res->why);
	lua_pushnil(L);
	lua_pushstring(L, res->failed ? res->errname : "ERROR");
	lua_pushstring(L, res->failed ? res->why : "failed");
	return 3;
}

/* l_command - vm.NAME(...): the command of upvalue 1 with these arguments. */
static int l_command(lua_State *L)
{
	const struct vmsh_command *c = lua_touserdata(L, lua_upvalueindex(1));
	struct vmsh_lua *vl = vmlua_check(L);
	struct vmsh *sh = vl->sh;
	struct vmsh_result res;
	struct vmsh_words w;
	struct capture cap;
	int nargs = lua_gettop(L), rc;

	lua_State *saved = vl->running;

	make_words(L, c->name, push_words(L, c->args ? c->args : "v*", nargs), &w);
	if (capture_begin(sh, &cap, 0))
		return luaL_error(L, "not enough memory");
	vl->running = L;
	rc = vmsh_run_words(sh, c, &w);
	res = sh->res;		/* before hooks run other commands */
	capture_end(sh, &cap, rc != 0);
	free(cap.buf);
	vmlua_drain(sh);
	vl->running = saved;
	return push_outcome(L, c, rc, &res);
}

/* ---- vm.cmd ---- */

static int capture_gc(lua_State *L)
{
	char **held = luaL_checkudata(L, 1, CAPTURE_MT);

	free(*held);
	*held = NULL;
	return 0;
}

/*
 * l_cmd - vm.cmd(line): run line as typed; returns what it printed
 * (output, errors and trace, in order) and whether every command succeeded.
 */
static int l_cmd(lua_State *L)
{
	struct vmsh_lua *vl = vmlua_check(L);
	struct vmsh *sh = vl->sh;
	lua_State *saved = vl->running;
	size_t len;
	const char *line = luaL_checklstring(L, 1, &len);
	char **held = lua_newuserdatauv(L, sizeof(char *), 0);
	struct capture cap;
	int rc;

	*held = NULL;		/* freed by __gc if pushing the text fails */
	luaL_setmetatable(L, CAPTURE_MT);
	if (capture_begin(sh, &cap, 1))
		return luaL_error(L, "not enough memory");
	vl->running = L;
	rc = vmsh_run_lines(sh, line, len);
	capture_end(sh, &cap, rc != 0);
	*held = cap.buf;
	vmlua_drain(sh);
	vl->running = saved;
	lua_pushlstring(L, cap.buf, cap.len);
	free(*held);
	*held = NULL;
	lua_pushboolean(L, rc == 0);
	return 2;
}

/* l_hex - vm.hex(n): "0x%08x", the way vmsh prints addresses. */
static int l_hex(lua_State *L)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "0x%08llx", (unsigned long long)luaL_checkinteger(L, 1));
	lua_pushstring(L, buf);
	return 1;
}

/* Helpers; the tables of the kernel's structures are vmview.c's (vmview_open). */
static const luaL_Reg vm_funcs[] = {
	{ "cmd", l_cmd },
	{ "hex", l_hex },
	{ NULL, NULL }
};

void vmlib_open(lua_State *L)
{
	const struct vmsh_command *c;
	struct vmsh *sh = vmlua_of(L)->sh;

	luaL_newmetatable(L, CAPTURE_MT);
	lua_pushcfunction(L, capture_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	lua_newtable(L);
	for (c = sh->commands; c && c->name; c++) {
		if (c->flags & CMD_NO_LUA)
			continue;
		lua_pushlightuserdata(L, (void *)(uintptr_t)c);
		lua_pushcclosure(L, l_command, 1);
		lua_setfield(L, -2, c->name);
	}
	luaL_setfuncs(L, vm_funcs, 0);
	vmview_open(L);
	vmhook_open(L);
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	lua_pushvalue(L, -2);
	lua_setfield(L, -2, "vm");	/* so tracebacks say 'vm.mmap' */
	lua_pop(L, 1);
	lua_setglobal(L, "vm");
}
