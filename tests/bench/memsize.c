/*
 * memsize.c - host memory the simulation costs (issue 6): the peak RSS
 * (getrusage ru_maxrss) that vmcore adds per simulated VMA and per
 * resident page whose contents were never written, linking vmcore
 * directly. Each measurement runs in a child process of its own, so that
 * its peak starts from a clean heap.
 *
 *   memsize [NVMAS [NPAGES]]
 *
 * VMAs: NVMAS (65,000 by default) one-page anonymous VMAs mapped back to
 * back, alternately rw- and r-- (none merge); (peak after - peak before) /
 * NVMAS. Pages: a machine of 4 GiB (the most --mem allows, so frames do
 * not run out), one VMA of NPAGES pages (524,032 by default: 2 GiB less
 * 1 MiB), every page written by a `touch w` (a write fault:
 * a frame of its own, PTE dirty, contents never written, so no 4 KiB of
 * contents); (after - before) / NPAGES. The machine itself (mem_map is
 * calloc'd: only the struct pages of frames used are touched) is created
 * before the first reading. For VMAs the bytes malloc handed out
 * (mallinfo2) are printed too: RSS moves in pages, malloc in bytes. Also printed: read-touched pages (the zero
 * page: only the PTE), and what the structures weigh.
 * Targets: under 128 bytes per VMA, under 32 bytes per page.
 */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "mm.h"
#include "page_alloc.h"

#define BASE	0x40000000UL

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* heap_bytes - bytes malloc has handed out (glibc's mallinfo2), or -1 */
static double heap_bytes(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
	struct mallinfo2 mi = mallinfo2();

	return (double)mi.uordblks + (double)mi.hblkhd;
#else
	return -1;
#endif
}

struct sample {
	double rss;		/* bytes of peak RSS per object */
	double heap;		/* bytes of malloc'd memory per object (-1: unknown) */
};

static void die(const char *what, long ret)
{
	fprintf(stderr, "memsize: %s failed: %ld\n", what, ret);
	exit(1);
}

/* per_vma - bytes of peak RSS (and heap) per VMA */
static struct sample per_vma(unsigned long n)
{
	struct machine *m = machine_create(256ULL << 20);
	unsigned long i;
	long before, after, ret;
	double heap0, heap1;
	struct sample r;

	if (!m)
		die("machine_create", 0);
	before = maxrss_kb();
	heap0 = heap_bytes();
	for (i = 0; i < n; i++) {
		ret = sys_mmap(m, BASE + i * PAGE_SIZE, PAGE_SIZE,
			       i % 2 ? PROT_READ : PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
		if (ret != (long)(BASE + i * PAGE_SIZE))
			die("mmap", ret);
	}
	after = maxrss_kb();
	heap1 = heap_bytes();
	if (m->current->mm->map_count != (int)n)
		die("map_count", m->current->mm->map_count);
	r.rss = (double)(after - before) * 1024.0 / (double)n;
	r.heap = heap0 < 0 ? -1 : (heap1 - heap0) / (double)n;
	return r;
}

/* per_page - bytes of peak RSS per page touched with access (write or read) */
static struct sample per_page(unsigned long n, int access)
{
	struct machine *m = machine_create(4ULL << 30);
	struct vm_fault_info fi;
	long before, after, ret;
	struct sample r;

	if (!m)
		die("machine_create", 0);
	ret = sys_mmap(m, BASE, n * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
	if (ret != (long)BASE)
		die("mmap", ret);
	before = maxrss_kb();
	ret = access_vm(m, BASE, n * PAGE_SIZE, access, NULL, NULL, &fi);
	if (ret)
		die("touch", ret);
	after = maxrss_kb();
	if (access == VM_ACCESS_WRITE && m->current->mm->rss != n)
		die("rss", (long)m->current->mm->rss);
	if (m->pgdat.nr_written > 1 + n / 1024 + 1)	/* the pgd and page tables only */
		die("pages with contents", (long)m->pgdat.nr_written);
	r.rss = (double)(after - before) * 1024.0 / (double)n;
	r.heap = -1;	/* mem_map is calloc'd whole: only RSS tells what is used */
	return r;
}

/* in_child - run one measurement in a fresh process; the result comes back through a pipe */
static struct sample in_child(int what, unsigned long n)
{
	struct sample v = { -1, -1 };
	int fds[2], st;
	pid_t pid;

	if (pipe(fds))
		die("pipe", 0);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork", 0);
	if (pid == 0) {
		close(fds[0]);
		v = what == 0 ? per_vma(n) : per_page(n, what == 1 ? VM_ACCESS_WRITE : VM_ACCESS_READ);
		if (write(fds[1], &v, sizeof(v)) != sizeof(v))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &v, sizeof(v)) != sizeof(v))
		v.rss = v.heap = -1;
	close(fds[0]);
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		die("measurement", st);
	return v;
}

int main(int argc, char **argv)
{
	unsigned long nvmas = 65000, npages = (2UL << 30) / PAGE_SIZE - 256;
	struct sample vma, page_w, page_r;

	if (argc > 1)
		nvmas = strtoul(argv[1], NULL, 0);
	if (argc > 2)
		npages = strtoul(argv[2], NULL, 0);
	if (argc > 3 || nvmas < 1 || nvmas > 65530 || npages < 1 ||
	    npages > (TASK_SIZE - BASE) / PAGE_SIZE) {
		fprintf(stderr, "usage: memsize [NVMAS [NPAGES]]  (NVMAS <= 65530, NPAGES <= 524288)\n");
		return 2;
	}
	vma = in_child(0, nvmas);
	page_w = in_child(1, npages);
	page_r = in_child(2, npages);
	printf("# peak RSS added (getrusage ru_maxrss, so to the KiB), bytes per object\n");
	printf("per VMA            %7.1f  (%lu VMAs; malloc'd %.1f; sizeof(struct vm_area_struct) = %zu)"
	       "  target < 128%s\n", vma.rss, nvmas, vma.heap, sizeof(struct vm_area_struct),
	       vma.rss < 128 && vma.heap < 128 ? "" : "  NOT MET");
	printf("per written page   %7.1f  (%lu pages touched w, contents never written;\n"
	       "                            sizeof(struct page) = %zu, PTE = %zu)  target < 32%s\n",
	       page_w.rss, npages, sizeof(struct page), sizeof(pte_t), page_w.rss < 32 ? "" : "  NOT MET");
	printf("per read page      %7.1f  (%lu pages touched r: the zero page, a PTE each)\n",
	       page_r.rss, npages);
	return 0;
}
