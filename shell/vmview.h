/*
 * vmview.h - the kernel's structures as Lua tables (vmview.c): vm.maps,
 * vm.vma, vm.mm, vm.ps, vm.files, vm.smaps, vm.status, vm.pt, vm.frames,
 * vm.read.
 */
#ifndef VMSH_VMVIEW_H
#define VMSH_VMVIEW_H

#include <lua.h>

/* vmview_open - the view functions into the table on top of the stack (the vm table). */
void vmview_open(lua_State *L);

#endif
