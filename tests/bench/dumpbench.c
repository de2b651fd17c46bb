/*
 * dumpbench.c - how fast `dump` prints a big address space (issue 13):
 * 65,530 one-page anonymous VMAs from 0x40000000 up, alternately rw- and
 * r-- (none merge, as in the churn scenario), 16,384 of the rw- ones
 * written (64 MiB resident); then `dump` of the process to /dev/null,
 * timed, and the lines it printed per second. The target is at least
 * 1,000,000 lines/s in a release build with LTO. `dump --json` and `pmap`
 * are timed too, for comparison. Not a timed test: it prints, it does not
 * fail on a slow machine.
 *
 *   dumpbench [-r REPEATS] [VIEW...]
 *
 * VIEW: a view's command line to time instead (dumpbench "dump all").
 * The space is built through the shell (vmsh_run_line), as a script would;
 * each measurement is repeated REPEATS times (3 by default), the fastest
 * kept. The lines are counted once, in a separate run into a stream that
 * only counts newlines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vmcore.h"
#include "vmsh.h"

#define BASE		0x40000000UL
#define NVMAS		65530UL
#define RESIDENT	16384UL		/* pages: 64 MiB */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* count_write - a stream that keeps nothing and counts newlines */
static ssize_t count_write(void *cookie, const char *buf, size_t size)
{
	unsigned long *lines = cookie;
	const char *p = buf, *end = buf + size;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		++*lines;
		p++;
	}
	return (ssize_t)size;
}

/* run_or_die - one line through the shell; any failure ends the benchmark */
static void run_or_die(struct vmsh *sh, const char *line)
{
	if (vmsh_run_line(sh, line, strlen(line))) {
		fprintf(stderr, "dumpbench: '%s' failed\n", line);
		exit(1);
	}
}

/* build - the address space: NVMAS VMAs, RESIDENT pages written */
static void build(struct vmsh *sh)
{
	char line[96];
	unsigned long i, written = 0;

	for (i = 0; i < NVMAS; i++) {
		snprintf(line, sizeof(line), "mmap 0x%lx 4k %s private,anon,fixed",
			 BASE + i * PAGE_SIZE, i % 2 ? "r--" : "rw-");
		run_or_die(sh, line);
	}
	for (i = 0; written < RESIDENT; i += 2, written++) {
		snprintf(line, sizeof(line), "touch 0x%lx w", BASE + i * PAGE_SIZE);
		run_or_die(sh, line);
	}
}

/* measure - the fastest of repeats runs of line with output to f, in seconds */
static double measure(struct vmsh *sh, FILE *f, const char *line, int repeats)
{
	double best = 1e30, t;
	int r;

	sh->out = f;
	for (r = 0; r < repeats; r++) {
		t = now();
		run_or_die(sh, line);
		fflush(f);
		t = now() - t;
		if (t < best)
			best = t;
	}
	return best;
}

/* lines_of - how many lines line prints */
static unsigned long lines_of(struct vmsh *sh, const char *line)
{
	unsigned long lines = 0;
	cookie_io_functions_t io = { .write = count_write };
	FILE *f = fopencookie(&lines, "w", io);

	if (!f) {
		perror("dumpbench: fopencookie");
		exit(1);
	}
	sh->out = f;
	run_or_die(sh, line);
	fclose(f);
	return lines;
}

int main(int argc, char **argv)
{
	static const char *const all[] = { "dump", "dump --json", "pmap" };
	const char *const *views = all;
	size_t nviews = sizeof(all) / sizeof(all[0]);
	struct machine *m;
	struct vmsh sh;
	FILE *devnull;
	double t0, secs;
	int repeats = 3;
	size_t v;

	if (argc >= 3 && strcmp(argv[1], "-r") == 0) {
		repeats = atoi(argv[2]) > 0 ? atoi(argv[2]) : 1;
		argc -= 2;
		argv += 2;
	}
	if (argc > 1 && argv[1][0] == '-') {
		fprintf(stderr, "usage: dumpbench [-r REPEATS] [VIEW...]\n");
		return 2;
	}
	if (argc > 1) {		/* the views named, as typed */
		views = (const char *const *)argv + 1;
		nviews = (size_t)argc - 1;
	}
	m = machine_create(256ULL << 20);
	devnull = fopen("/dev/null", "w");
	if (!m || !devnull) {
		fprintf(stderr, "dumpbench: no machine or no /dev/null\n");
		return 1;
	}
	vmsh_init(&sh, m);
	sh.err = stderr;
	sh.out = devnull;
	t0 = now();
	build(&sh);
	printf("dumpbench: %lu VMAs, %lu pages written (%lu MiB resident), built in %.2f s\n",
	       NVMAS, RESIDENT, RESIDENT * PAGE_SIZE >> 20, now() - t0);
	for (v = 0; v < nviews; v++) {
		unsigned long lines = lines_of(&sh, views[v]);

		secs = measure(&sh, devnull, views[v], repeats);
		printf("%-12s %9lu lines in %.3f s: %10.0f lines/s%s\n", views[v], lines, secs,
		       (double)lines / secs,
		       strcmp(views[v], "dump") == 0 ? ((double)lines / secs >= 1e6 ? "  (target 1e6: met)" :
				 "  (target 1e6: NOT met)") : "");
	}
	sh.out = stdout;
	vmsh_fini(&sh);
	fclose(devnull);
	machine_destroy(m);
	return 0;
}
