/*
 * gen_bench.c - writes the benchmark scenarios (issue 6) as vmsh command
 * scripts into a directory, deterministically: a fixed seed and our own
 * generator (splitmix64), so every machine gets the same bytes.
 *
 *   gen_bench [-q] OUTDIR
 *
 * -q writes the same scenarios with a tenth of the rounds (for profiling
 * under callgrind). The files, each run as is by vmsh, by hostmm (the
 * host oracle of tests/diff, one host process per vmsh process, one IPC
 * round trip per command) and by hostdirect (real system calls in one
 * process, no IPC):
 *
 *   churn.vmsh      10,000 one-page anonymous VMAs at 0x40000000 upwards,
 *                   alternately rw- and r-- so that none merge; then 100,000
 *                   rounds of munmap of a random one and a fixed mmap of it
 *                   back (same protection: it does not merge either).
 *   mprotect.vmsh   one 16 MiB rw- VMA; then 100,000 rounds of mprotect of
 *                   a random page to r-- (a split in three, two at an end)
 *                   and back to rw- (the merge).
 *   faults.vmsh     four 64 MiB rw- regions, each written page by page with
 *                   one `touch ADDR 64m w` (16,384 write faults: the fault
 *                   path, not the command path, is measured), then unmapped.
 *   faults-page.vmsh  the same with one `touch ADDR w` line per page
 *                   (65,536 commands: a fault plus the command path each).
 *   fork.vmsh       1,000 VMAs (384 of 17 pages, 616 of 16, a free page
 *                   between each two) with all their 16,384 pages written;
 *                   then 200 rounds of fork, exit of the child, wait for it.
 *   empty.vmsh      a comment only: start-up and tear-down of each program.
 *
 * Addresses stay inside [0x40000000, 0x80000000), hostmm's window.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BASE		0x40000000UL
#define PAGE		4096UL
#define SEED		0x766d73685f62656eULL	/* "vmsh_ben" */

static uint64_t rng_state;

/* splitmix64: a fixed, portable sequence (rand() differs between libcs) */
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* rng_below - uniform in [0, n) (n small: the modulo bias is < 2^-40) */
static unsigned long rng_below(unsigned long n)
{
	return (unsigned long)(rng_next() % n);
}

static const char *outdir;
static int quick;

static FILE *open_out(const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen_bench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	rng_state = SEED;	/* each file on its own, from the same seed */
	return f;
}

static void close_out(FILE *f, const char *name)
{
	if (ferror(f) || fclose(f)) {
		fprintf(stderr, "gen_bench: writing %s/%s failed\n", outdir, name);
		exit(1);
	}
}

static unsigned long rounds(unsigned long n)
{
	return quick ? n / 10 : n;
}

static void gen_churn(void)
{
	const unsigned long nvmas = 10000, nrounds = rounds(100000);
	FILE *f = open_out("churn.vmsh");
	unsigned long i, r;

	fprintf(f, "# churn: %lu one-page anonymous VMAs kept apart by alternating protections,\n"
		"# then %lu rounds of munmap and fixed mmap of a random one\n", nvmas, nrounds);
	for (i = 0; i < nvmas; i++)
		fprintf(f, "mmap 0x%08lx 4k %s private,anon,fixed\n", BASE + i * PAGE,
			i % 2 ? "r--" : "rw-");
	for (r = 0; r < nrounds; r++) {
		i = rng_below(nvmas);
		fprintf(f, "munmap 0x%08lx 4k\n", BASE + i * PAGE);
		fprintf(f, "mmap 0x%08lx 4k %s private,anon,fixed\n", BASE + i * PAGE,
			i % 2 ? "r--" : "rw-");
	}
	close_out(f, "churn.vmsh");
}

static void gen_mprotect(void)
{
	const unsigned long npages = (16UL << 20) / PAGE, nrounds = rounds(100000);
	FILE *f = open_out("mprotect.vmsh");
	unsigned long r, a;

	fprintf(f, "# mprotect: one 16 MiB VMA, then %lu rounds of making one random page\n"
		"# read-only (a split in three) and back (a merge)\n", nrounds);
	fprintf(f, "mmap 0x%08lx 16m rw- private,anon,fixed\n", BASE);
	for (r = 0; r < nrounds; r++) {
		a = BASE + rng_below(npages) * PAGE;
		fprintf(f, "mprotect 0x%08lx 4k r--\n", a);
		fprintf(f, "mprotect 0x%08lx 4k rw-\n", a);
	}
	close_out(f, "mprotect.vmsh");
}

static void gen_faults(int per_page)
{
	const char *name = per_page ? "faults-page.vmsh" : "faults.vmsh";
	const unsigned long size = 64UL << 20;
	FILE *f = open_out(name);
	unsigned long k, a, p;

	fprintf(f, "# faults%s: four 64 MiB regions written page by page (%s),\n"
		"# each unmapped afterwards\n", per_page ? "-page" : "",
		per_page ? "one touch command per page" : "one touch command per region");
	for (k = 0; k < 4; k++) {
		a = BASE + k * size;
		fprintf(f, "mmap 0x%08lx 64m rw- private,anon,fixed\n", a);
		if (per_page)
			for (p = 0; p < size; p += PAGE)
				fprintf(f, "touch 0x%08lx w\n", a + p);
		else
			fprintf(f, "touch 0x%08lx 64m w\n", a);
		fprintf(f, "munmap 0x%08lx 64m\n", a);
	}
	close_out(f, name);
}

static void gen_fork(void)
{
	const unsigned long nvmas = 1000, nrounds = quick ? 20 : 200;
	FILE *f = open_out("fork.vmsh");
	unsigned long i, r, a = BASE, pages, total = 0;

	fprintf(f, "# fork: %lu VMAs and 16,384 written pages, then %lu rounds of fork,\n"
		"# exit of the child, and wait\n", nvmas, nrounds);
	for (i = 0; i < nvmas; i++) {
		pages = i < 384 ? 17 : 16;	/* 384 * 17 + 616 * 16 = 16384 */
		fprintf(f, "mmap 0x%08lx %lu rw- private,anon,fixed\n", a, pages * PAGE);
		fprintf(f, "touch 0x%08lx %lu w\n", a, pages * PAGE);
		a += (pages + 1) * PAGE;	/* a free page keeps them apart */
		total += pages;
	}
	if (total != 16384) {
		fprintf(stderr, "gen_bench: fork has %lu pages\n", total);
		exit(1);
	}
	for (r = 0; r < nrounds; r++) {
		fprintf(f, "fork\n");
		fprintf(f, "exit %lu\n", r + 2);	/* pids go 2, 3, ... */
		fprintf(f, "wait %lu\n", r + 2);
	}
	close_out(f, "fork.vmsh");
}

static void gen_empty(void)
{
	FILE *f = open_out("empty.vmsh");

	fprintf(f, "# empty: start-up and tear-down only\n");
	close_out(f, "empty.vmsh");
}

int main(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "q")) != -1) {
		if (opt != 'q')
			goto usage;
		quick = 1;
	}
	if (optind != argc - 1)
		goto usage;
	outdir = argv[optind];
	gen_churn();
	gen_mprotect();
	gen_faults(0);
	gen_faults(1);
	gen_fork();
	gen_empty();
	return 0;
usage:
	fprintf(stderr, "usage: gen_bench [-q] OUTDIR\n");
	return 2;
}
