/*
 * cmd_mem.h - the handlers of the memory accesses (cmd_mem.c); their
 * table entries are in cmdtable.c.
 */
#ifndef VMSH_CMD_MEM_H
#define VMSH_CMD_MEM_H

struct vmsh;

int cmd_touch(struct vmsh *sh, int argc, char **argv);
int cmd_read(struct vmsh *sh, int argc, char **argv);
int cmd_write(struct vmsh *sh, int argc, char **argv);

#endif
