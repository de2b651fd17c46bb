/*
 * vmdoc.c - the views' JSON documents as Lua values: a view run for Lua
 * leaves its document (sh->doc) instead of printing, and the document
 * becomes tables (objects by key, arrays from 1), so vm.dump and the
 * others return exactly what `VIEW --json` prints. Then Lua values shown
 * readably, as the lua> prompt prints what an expression returns: nested,
 * keys in a sensible order, addresses in hex, huge tables cut.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <lauxlib.h>

#include "parse.h"
#include "context.h"
#include "run.h"
#include "jview.h"
#include "vmstate.h"
#include "vmdoc.h"

#define DOC_MT		"vmsh.doc"	/* a document held while it becomes tables */
#define SHOW_MT		"vmsh.show"	/* the text being shown */
#define SHOW_ITEMS	64		/* entries shown per table */
#define SHOW_DEPTH	12		/* tables shown inside tables */

/* ---- documents to Lua ---- */

static int doc_gc(lua_State *L)
{
	struct json_object **held = luaL_checkudata(L, 1, DOC_MT);

	jview_put(*held);
	*held = NULL;
	return 0;
}

void vmdoc_push(lua_State *L, struct json_object *o)
{
	size_t i, n;

	luaL_checkstack(L, 4, "document too deep");
	switch (json_object_get_type(o)) {
	case json_type_null:	lua_pushnil(L); break;
	case json_type_boolean:	lua_pushboolean(L, json_object_get_boolean(o)); break;
	case json_type_int:	lua_pushinteger(L, (lua_Integer)json_object_get_int64(o)); break;
	case json_type_double:	lua_pushnumber(L, json_object_get_double(o)); break;
	case json_type_string:
		lua_pushlstring(L, json_object_get_string(o), (size_t)json_object_get_string_len(o));
		break;
	case json_type_array:
		n = json_object_array_length(o);
		lua_createtable(L, (int)n, 0);
		for (i = 0; i < n; i++) {
			vmdoc_push(L, json_object_array_get_idx(o, i));
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	case json_type_object: {
		lua_createtable(L, 0, json_object_object_length(o));
		json_object_object_foreach(o, key, val) {
			vmdoc_push(L, val);
			lua_setfield(L, -2, key);
		}
		break;
	}
	}
}

/* make_words - name and the n words as a struct vmsh_words in a new userdata (pushed) */
static void make_words(lua_State *L, const char *name, int n, const char *const *words,
		       struct vmsh_words *w)
{
	size_t head = vmsh_words_size(n + 1), total = 0;
	char *block, *p;
	int i;

	for (i = 0; i <= n; i++)
		total += strlen(i ? words[i - 1] : name) + 1;
	block = lua_newuserdatauv(L, head + total, 0);
	vmsh_words_init(w, block, n + 1);
	for (i = 0, p = block + head; i <= n; i++) {
		const char *s = i ? words[i - 1] : name;
		size_t len = strlen(s);

		memcpy(p, s, len + 1);
		vmsh_words_set(w, i, p, len);
		p += len + 1;
	}
}

/*
 * run_view - the view name with words, its output (only messages: the
 * document is left in sh->doc) into a memory stream. A failure Lua takes
 * as a value does not fail the shell. Returns what vmsh_run_words did.
 */
static int run_view(lua_State *L, struct vmsh *sh, const struct vmsh_command *c,
		    const struct vmsh_words *w, struct json_object **doc)
{
	FILE *out = sh->out, *err = sh->err, *mem;
	int status = sh->status, stopping = sh->stopping, want = sh->want_doc, rc;
	char *buf = NULL;
	size_t len = 0;

	mem = open_memstream(&buf, &len);
	if (!mem)
		return luaL_error(L, "not enough memory");
	fflush(out);
	sh->out = sh->err = mem;
	sh->want_doc = 1;
	sh->doc = NULL;
	rc = vmsh_run_words(sh, c, w);
	*doc = sh->doc;
	sh->doc = NULL;
	sh->want_doc = want;
	sh->out = out;
	sh->err = err;
	fclose(mem);
	free(buf);
	if (rc) {
		sh->status = status;
		sh->stopping = stopping;
	}
	return rc;
}

int vmdoc_view(lua_State *L, const char *name, int n, const char *const *words)
{
	struct vmsh *sh = vmlua_check(L)->sh;
	const struct vmsh_command *c = vmsh_lookup(sh, name);
	struct json_object **held;
	struct vmsh_words w;
	struct vmsh_result res;
	int rc;

	if (!c)
		return luaL_error(L, "no view %s in this shell", name);
	make_words(L, name, n, words, &w);
	held = lua_newuserdatauv(L, sizeof(*held), 0);
	*held = NULL;
	luaL_setmetatable(L, DOC_MT);
	rc = run_view(L, sh, c, &w, held);
	res = sh->res;
	if (rc && res.usage)
		return luaL_error(L, "%s: %s", name, res.why);
	if (rc) {
		lua_pushnil(L);
		lua_pushstring(L, res.failed ? res.errname : "ERROR");
		lua_pushstring(L, res.failed ? res.why : "failed");
		return 3;
	}
	vmdoc_push(L, *held);
	jview_put(*held);
	*held = NULL;
	return 1;
}

/* ---- Lua values shown readably ---- */

/* Keys whose integers are addresses: shown as vm.hex shows them. */
static const char *const addr_keys[] = {
	"start", "end", "addr", "address", "vm_start", "vm_end", "vm_next", "vm_prev",
	"mmap", "mm_rb", "mmap_cache", "start_code", "end_code", "start_data",
	"end_data", "start_brk", "brk", "start_stack", "arg_start", "arg_end",
	"env_start", "env_end", "highest_vm_end", "pgd", "cr3", "rb_subtree_gap", NULL
};
/* Keys whose integers are bits or frame numbers: shown in hex, unpadded. */
static const char *const hex_keys[] = {
	"value", "vm_flags", "vm_page_prot", "def_flags", "frame", "pfn", NULL
};
/* Keys shown first, in this order; the others follow alphabetically. */
static const char *const first_keys[] = {
	"pid", "comm", "command", "name", "start", "end", "vm_start", "vm_end", "addr",
	"address", "state", "kind", NULL
};

/* Lua's reserved words: a key named so is written ["end"] */
static const char *const lua_words[] = {
	"and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto",
	"if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true",
	"until", "while", NULL
};

static int in_list(const char *const *list, const char *s)
{
	int i;

	for (i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

/* key_cmp - first_keys in their order, then the rest by name */
static int key_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int i = in_list(first_keys, x), j = in_list(first_keys, y);

	if (i >= 0 || j >= 0)
		return i < 0 ? 1 : j < 0 ? -1 : i - j;
	return strcmp(x, y);
}

/* struct sbuf - text grown in C (a userdata owns it: a Lua error frees it) */
struct sbuf {
	char *p;
	size_t n, cap;
};

static int sbuf_gc(lua_State *L)
{
	struct sbuf *b = luaL_checkudata(L, 1, SHOW_MT);

	free(b->p);
	b->p = NULL;
	return 0;
}

static void sbuf_add(lua_State *L, struct sbuf *b, const char *s, size_t len)
{
	char *p;

	if (b->n + len + 1 > b->cap) {
		size_t cap = (b->n + len + 1) * 2;

		p = realloc(b->p, cap);
		if (!p)
			luaL_error(L, "not enough memory");
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, len);
	b->n += len;
}

struct show {
	lua_State *L;
	struct sbuf *b;
	int lines;
};

static void add_str(struct show *s, const char *str)
{
	sbuf_add(s->L, s->b, str, strlen(str));
}

/* add_top - the string on top of the stack, popped */
static void add_top(struct show *s)
{
	size_t len;
	const char *str = lua_tolstring(s->L, -1, &len);

	sbuf_add(s->L, s->b, str, len);
	lua_pop(s->L, 1);
}

static void show_value(struct show *s, int idx, const char *key, int depth);

/* show_scalar - a value that is not a table, an integer in hex after an address key */
static void show_scalar(struct show *s, int idx, const char *key)
{
	lua_State *L = s->L;
	char buf[40];

	if (lua_isinteger(L, idx) && key && (in_list(addr_keys, key) >= 0 ||
					     in_list(hex_keys, key) >= 0)) {
		snprintf(buf, sizeof(buf), in_list(addr_keys, key) >= 0 ? "0x%08llx" : "0x%llx",
			 (unsigned long long)lua_tointeger(L, idx));
		add_str(s, buf);
	} else if (lua_type(L, idx) == LUA_TSTRING) {
		lua_getglobal(L, "string");
		lua_getfield(L, -1, "format");
		lua_pushliteral(L, "%q");
		lua_pushvalue(L, idx < 0 ? idx - 3 : idx);
		lua_call(L, 2, 1);
		lua_remove(L, -2);
		add_top(s);
	} else {
		luaL_tolstring(L, idx, NULL);
		add_top(s);
	}
}

static void indent(struct show *s, int depth)
{
	int i;

	add_str(s, "\n");
	s->lines++;
	for (i = 0; i < depth; i++)
		add_str(s, "  ");
}

/* show_array - t[1..n], one a line, the first SHOW_ITEMS of them */
static void show_array(struct show *s, int t, lua_Integer n, const char *key, int depth)
{
	lua_Integer i;
	char buf[64];

	(void)key;
	for (i = 1; i <= n && i <= SHOW_ITEMS; i++) {
		indent(s, depth + 1);
		lua_rawgeti(s->L, t, i);
		show_value(s, lua_gettop(s->L), NULL, depth + 1);
		lua_pop(s->L, 1);
		add_str(s, ",");
	}
	if (n > SHOW_ITEMS) {
		indent(s, depth + 1);
		snprintf(buf, sizeof(buf), "-- ... %lld more (#t is %lld)",
			 (long long)(n - SHOW_ITEMS), (long long)n);
		add_str(s, buf);
	}
}

/* show_fields - the string keys of table t, sorted; other keys are left out but counted */
static void show_fields(struct show *s, int t, int depth, lua_Integer skip)
{
	lua_State *L = s->L;
	const char **keys = NULL;
	size_t n = 0, i, other = 0;
	char buf[64];

	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING) {
			const char **k = realloc(keys, (n + 1) * sizeof(*keys));

			if (k)
				keys = k, keys[n++] = lua_tostring(L, -1);
		} else if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 ||
			   lua_tointeger(L, -1) > skip) {
			other++;
		}
	}
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (i = 0; i < n && i < SHOW_ITEMS; i++) {
		indent(s, depth + 1);
		if (in_list(lua_words, keys[i]) >= 0) {	/* ["end"] */
			add_str(s, "[\"");
			add_str(s, keys[i]);
			add_str(s, "\"] = ");
		} else {
			add_str(s, keys[i]);
			add_str(s, " = ");
		}
		lua_getfield(L, t, keys[i]);
		show_value(s, lua_gettop(L), keys[i], depth + 1);
		lua_pop(L, 1);
		add_str(s, ",");
	}
	if (n > SHOW_ITEMS || other) {
		indent(s, depth + 1);
		snprintf(buf, sizeof(buf), "-- ... %zu more key%s", n - i + other,
			 n - i + other == 1 ? "" : "s");
		add_str(s, buf);
	}
	free(keys);
}

static void show_value(struct show *s, int idx, const char *key, int depth)
{
	lua_State *L = s->L;
	lua_Integer n;

	if (lua_type(L, idx) != LUA_TTABLE) {
		show_scalar(s, idx, key);
		return;
	}
	if (depth >= SHOW_DEPTH) {
		add_str(s, "{ ... }");
		return;
	}
	luaL_checkstack(L, 8, "table too deep to show");
	n = (lua_Integer)lua_rawlen(L, idx);
	add_str(s, "{");
	show_array(s, idx, n, key, depth);
	show_fields(s, idx, depth, n);
	if (!n) {
		lua_pushnil(L);
		if (lua_next(L, idx)) {
			lua_pop(L, 2);
			n = 1;
		}
	}
	if (n)
		indent(s, depth);
	add_str(s, "}");
}

void vmdoc_show(lua_State *L, int idx)
{
	struct sbuf *b;
	struct show s = { L, NULL, 0 };

	idx = lua_absindex(L, idx);
	b = lua_newuserdatauv(L, sizeof(*b), 0);
	memset(b, 0, sizeof(*b));
	luaL_setmetatable(L, SHOW_MT);
	s.b = b;
	show_value(&s, idx, NULL, 0);
	lua_pushlstring(L, b->p ? b->p : "", b->n);
	free(b->p);
	b->p = NULL;
	lua_remove(L, -2);
}

/* l_show - vm.show(v): v as the lua> prompt shows it, a string */
static int l_show(lua_State *L)
{
	luaL_checkany(L, 1);
	vmdoc_show(L, 1);
	return 1;
}

void vmdoc_open(lua_State *L)
{
	luaL_newmetatable(L, DOC_MT);
	lua_pushcfunction(L, doc_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	luaL_newmetatable(L, SHOW_MT);
	lua_pushcfunction(L, sbuf_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	lua_pushcfunction(L, l_show);
	lua_setfield(L, -2, "show");
}
