/*
 * cmdtable.h - THE command table (cmdtable.c) and the help topics that
 * are not commands.
 */
#ifndef VMSH_CMDTABLE_H
#define VMSH_CMDTABLE_H

#include "command.h"

/* A help topic that is not a command: `help syntax`. */
struct vmsh_topic {
	const char *name, *text;
};

/* vmsh_commands - the whole table, ended by an entry with a NULL name. */
const struct vmsh_command *vmsh_commands(void);
/* vmsh_find_command - the table entry named name, or NULL. */
const struct vmsh_command *vmsh_find_command(const char *name);
/* vmsh_aliases - the other names of commands (? for help), ended by a NULL alias. */
const struct vmsh_alias *vmsh_aliases(void);
/* vmsh_topics - the help topics, ended by one with a NULL name. */
const struct vmsh_topic *vmsh_topics(void);

#endif
