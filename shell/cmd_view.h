/*
 * cmd_view.h - the handlers of the views of a whole process (cmd_view.c):
 * dump, pmap, and diff (what the last commands changed); their table
 * entries are in cmdtable.c.
 */
#ifndef VMSH_CMD_VIEW_H
#define VMSH_CMD_VIEW_H

struct vmsh;

int cmd_dump(struct vmsh *sh, int argc, char **argv);
int cmd_pmap(struct vmsh *sh, int argc, char **argv);
int cmd_diff(struct vmsh *sh, int argc, char **argv);

#endif
