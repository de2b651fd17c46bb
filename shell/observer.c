/*
 * observer.c - the engine's single observer, owned by the shell: each
 * event is printed by the trace (now, as the engine works) and handed to
 * the extension (the Lua binding copies it for its hooks, which run once
 * the engine is done: sh->ext->after_command).
 */
#include "vmcore.h"
#include "context.h"
#include "trace.h"
#include "observer.h"

/* observe - called by vmcore in the middle of an operation: print and copy, nothing else. */
static void observe(void *ctx, const struct vm_event *ev)
{
	struct vmsh *sh = ctx;

	if (sh->trace)
		trace_event(sh, ev);
	if (sh->ext && sh->ext->event)
		sh->ext->event(sh, ev);
}

/* ext_wants_events - does the extension want events now? */
static int ext_wants_events(const struct vmsh *sh)
{
	return sh->ext && sh->ext->wants_events && sh->ext->wants_events(sh);
}

void vmsh_observer_update(struct vmsh *sh)
{
	if (sh->trace || ext_wants_events(sh))
		machine_set_observer(sh->m, observe, sh);
	else if (sh->m->observer == observe)
		machine_set_observer(sh->m, NULL, NULL);
}
