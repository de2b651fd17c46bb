/*
 * cmd_paging.h - the handlers of the commands that reach below the VMAs:
 * memory accesses (touch, read, write), processes (fork, clone, exit,
 * wait) and the page-level dumps (smaps, status, pt, translate, frames).
 * Their table entries are in commands.c, with every other command's.
 */
#ifndef VMSH_CMD_PAGING_H
#define VMSH_CMD_PAGING_H

struct vmsh;

int cmd_touch(struct vmsh *sh, int argc, char **argv);
int cmd_read(struct vmsh *sh, int argc, char **argv);
int cmd_write(struct vmsh *sh, int argc, char **argv);
int cmd_fork(struct vmsh *sh, int argc, char **argv);
int cmd_clone(struct vmsh *sh, int argc, char **argv);
int cmd_exit(struct vmsh *sh, int argc, char **argv);
int cmd_wait(struct vmsh *sh, int argc, char **argv);
int cmd_smaps(struct vmsh *sh, int argc, char **argv);
int cmd_status(struct vmsh *sh, int argc, char **argv);
int cmd_pt(struct vmsh *sh, int argc, char **argv);
int cmd_translate(struct vmsh *sh, int argc, char **argv);
int cmd_frames(struct vmsh *sh, int argc, char **argv);

#endif
