/*
 * cmd_shell.h - the handlers of the shell's own commands (cmd_shell.c);
 * their table entries are in cmdtable.c.
 */
#ifndef VMSH_CMD_SHELL_H
#define VMSH_CMD_SHELL_H

struct vmsh;

int cmd_sysctl(struct vmsh *sh, int argc, char **argv);
int cmd_validate(struct vmsh *sh, int argc, char **argv);
int cmd_trace(struct vmsh *sh, int argc, char **argv);
int cmd_quit(struct vmsh *sh, int argc, char **argv);
int cmd_source(struct vmsh *sh, int argc, char **argv);
int cmd_lua(struct vmsh *sh, int argc, char **argv);
int cmd_set(struct vmsh *sh, int argc, char **argv);
int cmd_expect(struct vmsh *sh, int argc, char **argv);

#endif
