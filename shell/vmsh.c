/*
 * vmsh.c - the shell assembled: a context (context.c) given the command
 * table (cmdtable.c) and the Lua binding (vmlua.c), as Lua's linit.c
 * gathers its libraries; and taken apart again.
 */
#include "vmcore.h"
#include "context.h"
#include "cmdtable.h"
#include "observer.h"
#include "vmlua.h"
#include "diff.h"
#include "vmsh.h"

void vmsh_init(struct vmsh *sh, struct machine *m)
{
	vmsh_context_init(sh, m);
	sh->commands = vmsh_commands();
	sh->aliases = vmsh_aliases();
	vmlua_attach(sh);
	sh->diff = diff_new();	/* without it, diff says so */
	vmsh_observer_update(sh);
}

void vmsh_fini(struct vmsh *sh)
{
	if (sh->ext && sh->ext->close)
		sh->ext->close(sh);
	sh->trace = 0;
	diff_free(sh->diff);
	sh->diff = NULL;
	vmsh_observer_update(sh);
}
