/*
 * observer.c - the engine's single observer, owned by the shell: each
 * event is printed by the trace (now, as the engine works) and handed to
 * the extension (the Lua binding copies it for its hooks, which run once
 * the engine is done: sh->ext->after_command) and to diff's record.
 */
#include "vmcore.h"
#include "context.h"
#include "trace.h"
#include "diff.h"
#include "observer.h"

/* ext_wants_events - does the extension want events now? */
static int ext_wants_events(const struct vmsh *sh)
{
	return sh->ext && sh->ext->wants_events && sh->ext->wants_events(sh);
}

/* observe - called by vmcore in the middle of an operation: print and copy, nothing else. */
static void observe(void *ctx, const struct vm_event *ev)
{
	struct vmsh *sh = ctx;

	if (sh->trace)
		trace_event(sh, ev);
	if (sh->diff)
		diff_event(sh->diff, ev);
	if (sh->ext && sh->ext->event && ext_wants_events(sh))
		sh->ext->event(sh, ev);
}

void vmsh_observer_update(struct vmsh *sh)
{
	int all = sh->trace || ext_wants_events(sh);

	if (all || sh->diff) {
		machine_set_observer(sh->m, observe, sh);
		if (!all)	/* diff alone: its events, no text formatted */
			machine_set_observer_filter(sh->m, diff_event_mask(), 0);
	} else if (sh->m->observer == observe) {
		machine_set_observer(sh->m, NULL, NULL);
	}
}
