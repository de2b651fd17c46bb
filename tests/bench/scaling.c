/*
 * scaling.c - the cost of one operation of the engine as the address space
 * grows (issue 6's scaling curves): find_vma, mmap (MAP_FIXED and first
 * fit) and munmap with 100, 1,000, 10,000 and 65,530 VMAs, linking vmcore
 * directly (no parsing, no output).
 *
 *   scaling [-c] [-r REPEATS] [N...]
 *
 * The address space: N one-page anonymous VMAs from 0x40000000 up, back
 * to back, alternately rw- and r-- so that none merge (as in the churn
 * scenario). Each measurement is repeated REPEATS times (3 by default) and
 * the fastest kept (the least disturbed by the rest of the machine):
 *
 *   find_vma      1,000,000 lookups of random addresses inside the VMAs
 *                 (precomputed; mmap_cache rarely hits);
 *   munmap        batches of B distinct random VMAs (B = N/4, at most 256)
 *                 unmapped, in random order, timed per batch, then mapped
 *                 back, alternately:
 *   mmap fixed    ... with MAP_FIXED at their addresses, in random order;
 *   mmap first-fit  ... without an address, lowest hole first, so each lands
 *                 in the lowest hole (checked) with the protection that
 *                 keeps it from merging;
 *   until 200,000 operations of each kind were timed.
 *
 * Warm (the default): the caches hold whatever the previous operations
 * left, as in a running script; a fixed mmap comes right after the munmap
 * of the same page, as in the churn scenario. Cold (-c): before every
 * timed batch (find_vma too is then timed in batches of B lookups) a
 * 64 MiB buffer is read, twice the host's L3 here, so each batch starts
 * from memory: the cost of a command typed now and then. -c times 50,000
 * operations of each kind.
 *
 * Prints nanoseconds per operation for each N and the ratio of the largest
 * N to the smallest (the target: at most 2).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mm.h"

#define BASE		0x40000000UL
#define LOOKUPS		1000000UL
#define OPS		200000UL
#define MAX_BATCH	256
#define MAX_N		65530
#define EVICT_BYTES	(64UL << 20)

enum { OP_FIND, OP_MUNMAP, OP_MMAP_FIXED, OP_MMAP_FIRST, NOPS };

static const char *const op_name[NOPS] = {
	"find_vma", "munmap", "mmap fixed", "mmap first-fit"
};

static uint64_t rng_state = 0x7363616c696e67ULL;	/* "scaling" */
static int cold;
static unsigned long ops = OPS;
static volatile unsigned char *evict_buf;

/* evict - read a buffer bigger than the caches, so that the next batch starts from memory */
static void evict(void)
{
	unsigned long i, sum = 0;

	if (!cold)
		return;
	for (i = 0; i < EVICT_BYTES; i += 64)
		sum += evict_buf[i];
	if (sum == 1)
		evict_buf[0] = 0;
}

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static unsigned long prot_of(unsigned long i)
{
	return i % 2 ? PROT_READ : PROT_READ | PROT_WRITE;
}

static void die(const char *what, long ret)
{
	fprintf(stderr, "scaling: %s failed: %ld\n", what, ret);
	exit(1);
}

static struct machine *build(unsigned long n)
{
	struct machine *m = machine_create(256ULL << 20);
	unsigned long i;
	long ret;

	if (!m)
		die("machine_create", 0);
	for (i = 0; i < n; i++) {
		ret = sys_mmap(m, BASE + i * PAGE_SIZE, PAGE_SIZE, prot_of(i),
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
		if (ret != (long)(BASE + i * PAGE_SIZE))
			die("mmap", ret);
	}
	if (m->current->mm->map_count != (int)n)
		die("building: map_count", m->current->mm->map_count);
	return m;
}

/* find_ns - nanoseconds per find_vma of a random address (cold: in batches) */
static double find_ns(struct machine *m, unsigned long n, const unsigned long *addrs)
{
	struct mm_struct *mm = m->current->mm;
	unsigned long b = n / 4 < MAX_BATCH ? n / 4 : MAX_BATCH;
	unsigned long i, k, total = cold ? ops : LOOKUPS;
	uintptr_t sink = 0;
	double t0, t = 0;

	if (!cold)
		b = total;
	for (i = 0; i < total; i += b) {
		evict();
		t0 = now();
		for (k = i; k < i + b && k < total; k++)
			sink += (uintptr_t)find_vma(mm, addrs[k]);
		t += now() - t0;
	}
	if (!sink)
		die("find_vma", 0);
	return t / (double)total * 1e9;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* pick - b distinct random indices below n, into idx, sorted in sorted[] */
static void pick(unsigned long n, unsigned long b, unsigned long *idx, unsigned long *sorted)
{
	unsigned long k, j;

	for (k = 0; k < b; k++) {
again:
		idx[k] = (unsigned long)(rng_next() % n);
		for (j = 0; j < k; j++)
			if (idx[j] == idx[k])
				goto again;
	}
	memcpy(sorted, idx, b * sizeof(*idx));
	qsort(sorted, b, sizeof(*sorted), cmp_ulong);
}

/*
 * churn_ns - ns per munmap, per fixed mmap and per first-fit mmap, into
 * out[OP_MUNMAP..OP_MMAP_FIRST]
 */
static void churn_ns(struct machine *m, unsigned long n, double *out)
{
	unsigned long b = n / 4 < MAX_BATCH ? n / 4 : MAX_BATCH;
	unsigned long idx[MAX_BATCH], sorted[MAX_BATCH], k, done[NOPS] = { 0 };
	double spent[NOPS] = { 0 }, t0;
	int first = 0;
	long ret;

	while (done[OP_MMAP_FIXED] < ops || done[OP_MMAP_FIRST] < ops) {
		pick(n, b, idx, sorted);
		evict();
		t0 = now();
		for (k = 0; k < b; k++)
			if (sys_munmap(m, BASE + idx[k] * PAGE_SIZE, PAGE_SIZE))
				die("munmap", -1);
		spent[OP_MUNMAP] += now() - t0;
		done[OP_MUNMAP] += b;
		evict();
		t0 = now();
		if (first) {
			for (k = 0; k < b; k++) {
				ret = sys_mmap(m, 0, PAGE_SIZE, prot_of(sorted[k]),
					       MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
				if (ret != (long)(BASE + sorted[k] * PAGE_SIZE))
					die("first-fit mmap (not in the lowest hole)", ret);
			}
		} else {
			for (k = 0; k < b; k++) {
				ret = sys_mmap(m, BASE + idx[k] * PAGE_SIZE, PAGE_SIZE, prot_of(idx[k]),
					       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
				if (ret != (long)(BASE + idx[k] * PAGE_SIZE))
					die("fixed mmap", ret);
			}
		}
		spent[first ? OP_MMAP_FIRST : OP_MMAP_FIXED] += now() - t0;
		done[first ? OP_MMAP_FIRST : OP_MMAP_FIXED] += b;
		first = !first;
	}
	if (m->current->mm->map_count != (int)n)
		die("churn: map_count", m->current->mm->map_count);
	for (k = OP_MUNMAP; k < NOPS; k++)
		out[k] = spent[k] / (double)done[k] * 1e9;
}

int main(int argc, char **argv)
{
	static const unsigned long default_n[] = { 100, 1000, 10000, 65530 };
	unsigned long ns_list[16], nn = 0, i, r, repeats = 3, *addrs;
	double best[16][NOPS], cur[NOPS];
	int op, a = 1;

	for (;;) {
		if (a < argc && !strcmp(argv[a], "-c")) {
			cold = 1;
			ops = 50000;
			a++;
		} else if (a + 1 < argc && !strcmp(argv[a], "-r")) {
			repeats = strtoul(argv[a + 1], NULL, 10);
			a += 2;
		} else {
			break;
		}
	}
	for (; a < argc && nn < 16; a++) {
		ns_list[nn] = strtoul(argv[a], NULL, 10);
		if (ns_list[nn] < 4 || ns_list[nn] > MAX_N || argv[a][0] == '-') {
			fprintf(stderr, "usage: scaling [-c] [-r REPEATS] [N...]  (4 <= N <= %d)\n", MAX_N);
			return 2;
		}
		nn++;
	}
	if (!nn)
		for (; nn < 4; nn++)
			ns_list[nn] = default_n[nn];
	if (repeats < 1)
		repeats = 1;
	addrs = malloc(LOOKUPS * sizeof(*addrs));
	if (!addrs)
		return 1;
	if (cold) {
		evict_buf = calloc(1, EVICT_BYTES);
		if (!evict_buf)
			return 1;
		memset((void *)evict_buf, 1, EVICT_BYTES);
	}
	printf("# ns per operation (fastest of %lu), N one-page VMAs at 0x40000000, alternately rw- r--;\n"
	       "# %s\n", repeats, cold ? "cold: caches emptied before each batch of at most 256 operations" :
	       "warm: caches as the previous operations left them");
	printf("%8s", "VMAs");
	for (op = 0; op < NOPS; op++)
		printf(" %15s", op_name[op]);
	printf("\n");
	for (i = 0; i < nn; i++) {
		struct machine *m = build(ns_list[i]);

		for (r = 0; r < LOOKUPS; r++)
			addrs[r] = BASE + (unsigned long)(rng_next() % (ns_list[i] * PAGE_SIZE));
		for (op = 0; op < NOPS; op++)
			best[i][op] = 1e30;
		churn_ns(m, ns_list[i], cur);	/* warm-up */
		for (r = 0; r < repeats; r++) {
			cur[OP_FIND] = find_ns(m, ns_list[i], addrs);
			churn_ns(m, ns_list[i], cur);
			for (op = 0; op < NOPS; op++)
				if (cur[op] < best[i][op])
					best[i][op] = cur[op];
		}
		machine_destroy(m);
		printf("%8lu", ns_list[i]);
		for (op = 0; op < NOPS; op++)
			printf(" %15.1f", best[i][op]);
		printf("\n");
		fflush(stdout);
	}
	if (nn > 1) {
		printf("%8s", "ratio");
		for (op = 0; op < NOPS; op++)
			printf(" %15.2f", best[nn - 1][op] / best[0][op]);
		printf("   (%lu VMAs / %lu VMAs; target <= 2)\n", ns_list[nn - 1], ns_list[0]);
	}
	free(addrs);
	return 0;
}
