/*
 * vmsh.h - the shell as its clients see it (main.c, the tests, the
 * fuzzer): a context made with the command table and the Lua binding
 * plugged in, and the ways to run commands through it.
 */
#ifndef VMSH_VMSH_H
#define VMSH_VMSH_H

#include "context.h"
#include "cmdtable.h"
#include "run.h"

/*
 * vmsh_init - a shell over machine m printing to stdout/stderr, its
 * current process m's, running cmdtable.c's commands, with the Lua
 * binding plugged in (its state is made at first use), and diff's
 * record of the commands, which attaches the shell's observer to m at
 * once: vmsh_fini must follow before sh goes away or m is destroyed.
 */
void vmsh_init(struct vmsh *sh, struct machine *m);

/* vmsh_fini - close the Lua state and detach from the machine (which stays). */
void vmsh_fini(struct vmsh *sh);

#endif
