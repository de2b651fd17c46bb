/*
 * vmsh_batch.c - many scripts through the shell in one process, each on a
 * machine of its own, as `vmsh SCRIPT` runs one: run-random.sh's
 * reference mode (VMSH_REFERENCE) runs the plain build's and an
 * instrumented build's vmsh_batch over the same batch of random scripts
 * and compares their outputs byte for byte. One process per batch instead
 * of one per script: the sanitizers' and valgrind's start and exit (most
 * of an instrumented run's time) are paid once per batch, while every
 * script still runs instrumented and every machine is destroyed before
 * the leak check at exit.
 *
 * usage: vmsh_batch SCRIPT...
 * For each SCRIPT: a line "### SCRIPT", what `vmsh SCRIPT` prints (its
 * standard output and error, in order, to whatever both go to), then a
 * line "exit N" with the exit status vmsh would have (0 or 1); after the
 * last, a line "### end" (what follows comes at the process's exit, such
 * as a leak report). Exits 0, 1 if a machine cannot be made, 2 for bad
 * usage.
 */
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "vmsh.h"

#define MEM_DEFAULT	(256ULL << 20)	/* vmsh's default --mem (main.c) */

int main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fputs("usage: vmsh_batch SCRIPT...\n", stderr);
		return 2;
	}
	setlocale(LC_CTYPE, "");
	for (i = 1; i < argc; i++) {
		struct machine *m = machine_create(MEM_DEFAULT);
		struct vmsh sh;

		printf("### %s\n", argv[i]);
		fflush(stdout);
		if (!m) {
			fprintf(stderr, "vmsh_batch: cannot create a machine\n");
			return 1;
		}
		vmsh_init(&sh, m);
		sh.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
		vmsh_run_script(&sh, argv[i]);
		vmsh_fini(&sh);
		fflush(stdout);
		machine_destroy(m);
		printf("exit %d\n", sh.status);
		fflush(stdout);
	}
	puts("### end");
	return 0;
}
