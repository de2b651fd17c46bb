/*
 * gendoc.c - vmsh's documentation from its command table (shell/manual.c):
 *   gendoc man VERSION    the man page vmsh(1), in roff
 *   gendoc markdown       the command reference the README holds
 * The build makes and installs vmsh.1 with it; the test readme-reference
 * checks that the README's reference is what it prints.
 */
#include <stdio.h>
#include <string.h>

#include "manual.h"

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "man") == 0)
		vmsh_print_man(stdout, argv[2]);
	else if (argc == 2 && strcmp(argv[1], "markdown") == 0)
		vmsh_print_reference(stdout);
	else {
		fputs("usage: gendoc man VERSION | gendoc markdown\n", stderr);
		return 2;
	}
	return fflush(stdout) ? 1 : 0;
}
