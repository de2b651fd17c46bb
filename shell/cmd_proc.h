/*
 * cmd_proc.h - the handlers of the process commands (cmd_proc.c); their
 * table entries are in cmdtable.c.
 */
#ifndef VMSH_CMD_PROC_H
#define VMSH_CMD_PROC_H

struct vmsh;

int cmd_fork(struct vmsh *sh, int argc, char **argv);
int cmd_clone(struct vmsh *sh, int argc, char **argv);
int cmd_exit(struct vmsh *sh, int argc, char **argv);
int cmd_wait(struct vmsh *sh, int argc, char **argv);
int cmd_ps(struct vmsh *sh, int argc, char **argv);
int cmd_use(struct vmsh *sh, int argc, char **argv);

#endif
