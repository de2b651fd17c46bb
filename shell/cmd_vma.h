/*
 * cmd_vma.h - the handlers of the commands that change VMAs (cmd_vma.c);
 * their table entries are in cmdtable.c.
 */
#ifndef VMSH_CMD_VMA_H
#define VMSH_CMD_VMA_H

struct vmsh;

int cmd_mmap(struct vmsh *sh, int argc, char **argv);
int cmd_munmap(struct vmsh *sh, int argc, char **argv);
int cmd_mprotect(struct vmsh *sh, int argc, char **argv);
int cmd_madvise(struct vmsh *sh, int argc, char **argv);
int cmd_mlock(struct vmsh *sh, int argc, char **argv);
int cmd_munlock(struct vmsh *sh, int argc, char **argv);
int cmd_mremap(struct vmsh *sh, int argc, char **argv);
int cmd_brk(struct vmsh *sh, int argc, char **argv);
int cmd_exec(struct vmsh *sh, int argc, char **argv);
int cmd_file(struct vmsh *sh, int argc, char **argv);

#endif
