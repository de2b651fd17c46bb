/*
 * vmlua.h - Lua in vmsh, as the shell sees it: one call that plugs the
 * binding into a shell (vmsh_init makes it). Then the `lua` command, .lua
 * scripts, the hooks run after each command and the closing of the state
 * go through the shell's struct vmsh_ext. (Not "lua.h": that is Lua's.)
 */
#ifndef VMSH_VMLUA_H
#define VMSH_VMLUA_H

struct vmsh;

/*
 * vmlua_attach - plug the Lua binding into sh (sh->ext): the `lua`
 * command, .lua scripts, the hooks and their events. The lua_State is
 * made at first use, one per shell, and closed by vmsh_fini.
 */
void vmlua_attach(struct vmsh *sh);

#endif
