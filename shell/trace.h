/*
 * trace.h - the trace printer behind `trace on` (the command is in
 * cmd_shell.c): the engine's events printed before each command's result,
 * indented by call depth, in the kernel's own words.
 */
#ifndef VMSH_TRACE_H
#define VMSH_TRACE_H

struct vmsh;
struct vm_event;

/*
 * trace_event - print ev as one trace line (or none) on sh->trace_out, or
 * sh->out when that is NULL: two spaces per depth, ENTER as the call,
 * LEAVE as `= VALUE` for errors and for functions that return an address
 * or a pid, any other event as `func: text`.
 */
void trace_event(struct vmsh *sh, const struct vm_event *ev);

#endif
