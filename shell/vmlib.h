/*
 * vmlib.h - the global table vm (vmlib.c), made from the command table.
 */
#ifndef VMSH_VMLIB_H
#define VMSH_VMLIB_H

#include <lua.h>

/* vmlib_open - the vm table, made global and package.loaded.vm. */
void vmlib_open(lua_State *L);

#endif
