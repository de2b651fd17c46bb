/*
 * observer.h - the shell's one observer of the engine's events. It feeds
 * the trace printer (trace.c) and the extension (the Lua hooks' queue,
 * vmhook.c), and is attached to the machine only while one of them wants
 * events.
 */
#ifndef VMSH_OBSERVER_H
#define VMSH_OBSERVER_H

struct vmsh;

/*
 * vmsh_observer_update - attach the observer to sh->m when `trace on` or
 * the extension (a Lua hook) wants events, detach it otherwise. Call after
 * either changes.
 */
void vmsh_observer_update(struct vmsh *sh);

#endif
