/*
 * observer.c - the engine's single observer, owned by the shell: each
 * event is printed by the trace (now, as the engine works) and copied for
 * the Lua hooks (run later, once the engine is done: vmlua_drain).
 */
#include "vmcore.h"
#include "commands.h"
#include "observer.h"
#include "trace.h"
#include "vmlua.h"

/* observe - called by vmcore in the middle of an operation: print and copy, nothing else. */
static void observe(void *ctx, const struct vm_event *ev)
{
	struct vmsh *sh = ctx;

	if (sh->trace)
		trace_event(sh, ev);
	vmlua_queue_event(sh, ev);
}

void vmsh_observer_update(struct vmsh *sh)
{
	if (sh->trace || vmlua_wants_events(sh))
		machine_set_observer(sh->m, observe, sh);
	else if (sh->m->observer == observe)
		machine_set_observer(sh->m, NULL, NULL);
}
