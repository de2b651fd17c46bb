/*
 * events.c - delivery of engine events to the machine's observer (the
 * shell's trace, Lua hooks, tests). Formatting happens only when observed.
 * vmsh's own: the kernel has nothing like it; the events are named after
 * the kernel functions that emit them.
 */
#include <stdarg.h>
#include <stdio.h>
#include "events.h"
#include "sched.h"

static const char *const event_names[VM_EV__COUNT] = {
	[VM_EV_ENTER] = "enter",	[VM_EV_LEAVE] = "leave",
	[VM_EV_STEP] = "step",		[VM_EV_LOOKUP] = "lookup",
	[VM_EV_SPLIT] = "split",	[VM_EV_MERGE] = "merge",
	[VM_EV_INSERT] = "insert",	[VM_EV_DETACH] = "detach",
	[VM_EV_UNMAP] = "unmap",	[VM_EV_REMOVE] = "remove",
	[VM_EV_MMAP] = "mmap",		[VM_EV_MUNMAP] = "munmap",
	[VM_EV_MPROTECT] = "mprotect",	[VM_EV_MLOCK] = "mlock",
	[VM_EV_MADVISE] = "madvise",	[VM_EV_MREMAP] = "mremap",
	[VM_EV_BRK] = "brk",		[VM_EV_EXEC] = "exec",
	[VM_EV_FAULT] = "fault",	[VM_EV_COW] = "cow",
	[VM_EV_FORK] = "fork",		[VM_EV_EXIT] = "exit",
	[VM_EV_OOM] = "oom",		[VM_EV_ACCOUNT] = "account",
};

const char *vm_event_name(enum vm_event_type t)
{
	if ((unsigned)t >= VM_EV__COUNT || !event_names[t])
		return "?";
	return event_names[t];
}

void __vm_emit(struct machine *m, enum vm_event_type type, const char *func,
	       const struct vm_area_struct *vma, unsigned long start,
	       unsigned long end, long value, const char *fmt, ...)
{
	struct vm_event ev;
	va_list ap;

	ev.type = type;
	ev.func = func;
	ev.depth = m->trace_depth;
	ev.pid = m->current ? m->current->pid : 0;
	ev.start = start;
	ev.end = end;
	ev.value = value;
	ev.vma = vma;
	ev.text[0] = '\0';
	if (!m->observer_notext) {
		va_start(ap, fmt);
		vsnprintf(ev.text, sizeof(ev.text), fmt, ap);
		va_end(ap);
	}
	m->observer(m->observer_ctx, &ev);
}
