/*
 * manual.h - vmsh's own documentation made from its tables (manual.c):
 * --help, the man page and the README's command reference.
 */
#ifndef VMSH_MANUAL_H
#define VMSH_MANUAL_H

#include <stdio.h>

/* vmsh_print_usage - `vmsh --help`: the options and the exit status. */
void vmsh_print_usage(FILE *f);
/* vmsh_print_man - the man page vmsh(1), in roff, from the command table. */
void vmsh_print_man(FILE *f, const char *version);
/* vmsh_print_reference - the README's command reference, a markdown table. */
void vmsh_print_reference(FILE *f);

#endif
