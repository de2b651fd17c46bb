/*
 * diff.h - what the last commands changed, for `diff`: the shell's
 * observer hands each engine event to diff_event, which keeps those that
 * change an address space (VMAs split, merged, added, removed, PTEs
 * zapped, pages faulted in or copied, fork, exit ...) in a bounded ring
 * of the last DIFF_CMDS commands that changed something, a page event
 * run merged into one change. Nothing is walked or snapshotted: a command
 * pays only for its own events.
 */
#ifndef VMSH_DIFF_H
#define VMSH_DIFF_H

#include <stdio.h>

struct vm_event;
struct json_object;
struct vmsh_diff;

#define DIFF_CMDS	16	/* commands kept */
#define DIFF_CHANGES	128	/* changes kept per command; the rest are counted */

/* diff_new - an empty record, or NULL when out of memory */
struct vmsh_diff *diff_new(void);
void diff_free(struct vmsh_diff *d);

/* diff_begin - a top-level command starts: line (argv joined) run by pid */
void diff_begin(struct vmsh_diff *d, int argc, char **argv, int pid);
/* diff_event_mask - 1 << type of each event diff_event keeps (it needs no text) */
unsigned long diff_event_mask(void);
/* diff_event - an engine event of the running command (kept if it changes something) */
void diff_event(struct vmsh_diff *d, const struct vm_event *ev);
/* diff_end - the command is done: kept when it changed something */
void diff_end(struct vmsh_diff *d);

/* diff_print - the changes of the last n commands that changed something, oldest first */
void diff_print(FILE *f, const struct vmsh_diff *d, unsigned long n);
/* diff_json - the same as [{command, pid, changes: [...]}]; NULL when out of memory */
struct json_object *diff_json(const struct vmsh_diff *d, unsigned long n);

#endif
