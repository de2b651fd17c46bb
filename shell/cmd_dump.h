/*
 * cmd_dump.h - the handlers of the views (cmd_dump.c); their table
 * entries are in cmdtable.c.
 */
#ifndef VMSH_CMD_DUMP_H
#define VMSH_CMD_DUMP_H

struct vmsh;
struct json_object;

/*
 * view_emit - a view's document: printed as JSON, or left in sh->doc for
 * the Lua binding when sh->want_doc. Takes doc over; NULL (no memory)
 * fails with ENOMEM. Returns 0 or -1.
 */
int view_emit(struct vmsh *sh, struct json_object *doc);

int cmd_maps(struct vmsh *sh, int argc, char **argv);
int cmd_smaps(struct vmsh *sh, int argc, char **argv);
int cmd_status(struct vmsh *sh, int argc, char **argv);
int cmd_vma(struct vmsh *sh, int argc, char **argv);
int cmd_mm(struct vmsh *sh, int argc, char **argv);
int cmd_rb(struct vmsh *sh, int argc, char **argv);
int cmd_pt(struct vmsh *sh, int argc, char **argv);
int cmd_translate(struct vmsh *sh, int argc, char **argv);
int cmd_frames(struct vmsh *sh, int argc, char **argv);
int cmd_files(struct vmsh *sh, int argc, char **argv);

#endif
