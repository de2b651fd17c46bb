/*
 * complete.h - tab completion from the command table (complete.c), for
 * the terminal's line editor.
 */
#ifndef VMSH_COMPLETE_H
#define VMSH_COMPLETE_H

struct vmsh;

#define VMSH_COMPLETE_PATH	0x1	/* complete host file names instead */
#define VMSH_COMPLETE_NOSPACE	0x2	/* the word may go on (comma lists, KEY=) */

/*
 * vmsh_complete - candidates for the word text that starts at offset start
 * of line (readline's rl_line_buffer): a malloc'd NULL-terminated array of
 * malloc'd strings, each beginning with text; NULL when none. *how gets
 * VMSH_COMPLETE_* hints.
 */
char **vmsh_complete(struct vmsh *sh, const char *line, int start,
		     const char *text, int *how);

#endif
