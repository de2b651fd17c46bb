/*
 * vmdoc.h - the views' JSON documents as Lua values (vm.dump, vm.maps ...
 * return what `VIEW --json` prints), and Lua values shown readably (the
 * lua> prompt, vm.show).
 */
#ifndef VMSH_VMDOC_H
#define VMSH_VMDOC_H

#include <lua.h>

struct json_object;

/* vmdoc_push - the JSON value o as a Lua value: objects as tables by key, arrays from 1, null as nil */
void vmdoc_push(lua_State *L, struct json_object *o);

/*
 * vmdoc_view - run the view name with its n words for its document and
 * push it as Lua values. Returns 1 (the value), or 3 (nil, ERRNAME, why)
 * when the view failed; a usage error is raised.
 */
int vmdoc_view(lua_State *L, const char *name, int n, const char *const *words);

/* vmdoc_show - push the value at idx as text: tables nested, keys sorted, addresses in hex, huge tables cut */
void vmdoc_show(lua_State *L, int idx);

/* vmdoc_open - the metatables it needs, and vm.show in the table on top */
void vmdoc_open(lua_State *L);

#endif
