/*
 * bench.c - runs each benchmark scenario in vmsh and on the host kernel,
 * alternating, and prints the median wall times and their ratios.
 *
 *   bench [-n RUNS] [-H] [-v] [--vmsh P] [--hostmm P] [--direct P] [SCENARIO...]
 *
 * Programs, each given the scenario file as its one argument, standard
 * output and error to /dev/null:
 *   vmsh        the simulator (shell/vmsh);
 *   hostmm      the differential test's host oracle (tests/diff/hostmm):
 *               real system calls, but each command is a round trip over a
 *               socket to a worker process;
 *   hostdirect  the same system calls made by one process with the same
 *               parser and no IPC (tests/bench/hostdirect): the kernel's
 *               own time plus parsing.
 * Defaults are found next to this program in the build tree
 * (../../shell/vmsh, ../diff/hostmm, hostdirect, and the scenarios
 * gen_bench wrote here). -H leaves hostmm out (it is slow: a round trip per
 * command).
 *
 * The (cpu) column is vmsh/hostdirect for user + system time (wait4's
 * rusage), which a busy machine disturbs less than wall time.
 *
 * Each scenario is first run once by every program with its output kept:
 * the outputs and exit statuses must agree (so all did the same work, and
 * nothing failed), and the runs warm the caches. Then RUNS rounds (5 by
 * default), each running vmsh, hostmm and hostdirect once, in a rotating
 * order. The time of a run is CLOCK_MONOTONIC from before fork to after
 * wait4 (-v adds min, max and the CPU time of the process tree). Exit
 * status 1 when a run failed or the outputs disagreed, else 0 (missed
 * targets are marked with *, not failed). Printed: the median of each, vmsh/hostmm, vmsh/hostdirect
 * (the target is at most 0.1), and hostmm's overhead per command,
 * (hostmm - hostdirect) / commands.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS	101
#define NPROGS		3

enum { P_VMSH, P_HOSTMM, P_DIRECT };

static const char *prog_name[NPROGS] = { "vmsh", "hostmm", "hostdirect" };
static char *prog_path[NPROGS];
static int use_prog[NPROGS] = { 1, 1, 1 };

static const char *const default_scenarios[] = {
	"churn", "mprotect", "faults", "fork", "faults-page", "empty", NULL
};

struct result {
	double t[NPROGS][MAX_RUNS];	/* wall seconds */
	double cpu[NPROGS][MAX_RUNS];	/* user + system seconds of the whole tree */
	int n;
	int bad;			/* a run failed, or the outputs disagree */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double tv(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec * 1e-6;
}

/*
 * run - one run of prog on file, stdout to out_fd (or /dev/null), stderr
 * to /dev/null. Returns the exit status (256 + signal when killed) and the
 * wall and CPU times.
 */
static int run(const char *prog, const char *file, int out_fd, double *wall, double *cpu)
{
	struct rusage ru;
	double t0, t1;
	pid_t pid;
	int st, null;

	null = open("/dev/null", O_WRONLY);
	if (null < 0) {
		perror("bench: /dev/null");
		exit(2);
	}
	t0 = now();
	pid = fork();
	if (pid < 0) {
		perror("bench: fork");
		exit(2);
	}
	if (pid == 0) {
		dup2(out_fd >= 0 ? out_fd : null, 1);
		dup2(null, 2);
		execl(prog, prog, file, (char *)NULL);
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("bench: wait4");
			exit(2);
		}
	}
	t1 = now();
	close(null);
	*wall = t1 - t0;
	*cpu = tv(ru.ru_utime) + tv(ru.ru_stime);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 256 + WTERMSIG(st);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(const double *v, int n)
{
	double s[MAX_RUNS];

	memcpy(s, v, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* count_commands - lines that are neither empty nor comments (one command each here) */
static long count_commands(const char *file)
{
	char line[4096];
	long n = 0;
	FILE *f = fopen(file, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		size_t k = strspn(line, " \t");

		if (line[k] && line[k] != '\n' && line[k] != '#')
			n++;
	}
	fclose(f);
	return n;
}

/* same_file - do the two descriptors' files hold the same bytes? */
static int same_file(int a, int b)
{
	char x[65536], y[65536];
	ssize_t n, m;

	lseek(a, 0, SEEK_SET);
	lseek(b, 0, SEEK_SET);
	for (;;) {
		n = read(a, x, sizeof(x));
		m = read(b, y, sizeof(y));
		if (n != m || n < 0 || memcmp(x, y, (size_t)n))
			return 0;
		if (n == 0)
			return 1;
	}
}

/* check - one run of each program with its output kept: all exit 0 with the same output */
static int check(const char *file)
{
	int fd[NPROGS], st[NPROGS], i, ok = 1, ref = -1;
	FILE *tmp[NPROGS] = { NULL };
	double w, c;

	for (i = 0; i < NPROGS; i++) {
		fd[i] = -1;
		if (!use_prog[i])
			continue;
		tmp[i] = tmpfile();
		if (!tmp[i]) {
			perror("bench: tmpfile");
			exit(2);
		}
		fd[i] = fileno(tmp[i]);
		st[i] = run(prog_path[i], file, fd[i], &w, &c);
		if (st[i]) {
			fprintf(stderr, "bench: %s %s: exit status %d\n", prog_name[i], file, st[i]);
			ok = 0;
		}
		if (ref < 0) {
			ref = i;
		} else if (!same_file(fd[ref], fd[i])) {
			fprintf(stderr, "bench: %s: %s and %s print different things\n",
				file, prog_name[ref], prog_name[i]);
			ok = 0;
		}
	}
	for (i = 0; i < NPROGS; i++)
		if (tmp[i])
			fclose(tmp[i]);
	return ok;
}

static void measure(const char *file, int runs, struct result *r)
{
	int k, j, i, st;

	r->n = runs;
	r->bad = !check(file);
	for (k = 0; k < runs; k++) {
		for (j = 0; j < NPROGS; j++) {
			i = (j + k) % NPROGS;	/* rotate who goes first */
			if (!use_prog[i])
				continue;
			st = run(prog_path[i], file, -1, &r->t[i][k], &r->cpu[i][k]);
			if (st)
				r->bad = 1;
		}
	}
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static void fmt_time(char *buf, size_t n, double t)
{
	if (t < 1)
		snprintf(buf, n, "%.1f ms", t * 1e3);
	else
		snprintf(buf, n, "%.3f s", t);
}

static void print_machine(const char *when)
{
	double load[3];
	struct utsname u;

	if (getloadavg(load, 3) != 3)
		load[0] = load[1] = load[2] = -1;
	uname(&u);
	printf("# %s: %s %s, %ld CPUs, load average %.2f %.2f %.2f\n", when, u.sysname, u.release,
	       sysconf(_SC_NPROCESSORS_ONLN), load[0], load[1], load[2]);
}

/* self_dir - the directory this program lives in, for the defaults */
static void self_dir(char *buf, size_t n)
{
	ssize_t k = readlink("/proc/self/exe", buf, n - 1);
	char *s;

	if (k <= 0) {
		snprintf(buf, n, ".");
		return;
	}
	buf[k] = '\0';
	s = strrchr(buf, '/');
	if (s)
		*s = '\0';
}

static char *path_join(const char *dir, const char *rel)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, rel) < 0) {
		perror("bench");
		exit(2);
	}
	return p;
}

static void usage(void)
{
	fprintf(stderr, "usage: bench [-n RUNS] [-H] [-v] [--vmsh P] [--hostmm P] [--direct P] [SCENARIO...]\n"
		"  SCENARIO: a file, or the name of one gen_bench wrote next to bench\n"
		"  (default: %s", default_scenarios[0]);
	for (int i = 1; default_scenarios[i]; i++)
		fprintf(stderr, " %s", default_scenarios[i]);
	fprintf(stderr, ")\n  -H: leave hostmm out; -v: min, median, max and CPU time of each\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "vmsh", required_argument, NULL, 'V' },
		{ "hostmm", required_argument, NULL, 'm' },
		{ "direct", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	char dir[PATH_MAX], tm[NPROGS][32], over[32], rm[16];
	const char **files;
	int runs = 5, opt, nfiles, i, j, failed = 0, verbose = 0;
	struct result *r;

	self_dir(dir, sizeof(dir));
	prog_path[P_VMSH] = path_join(dir, "../../shell/vmsh");
	prog_path[P_HOSTMM] = path_join(dir, "../diff/hostmm");
	prog_path[P_DIRECT] = path_join(dir, "hostdirect");
	while ((opt = getopt_long(argc, argv, "n:Hv", longs, NULL)) != -1) {
		switch (opt) {
		case 'n':
			runs = atoi(optarg);
			if (runs < 1 || runs > MAX_RUNS)
				usage();
			break;
		case 'H': use_prog[P_HOSTMM] = 0; break;
		case 'v': verbose = 1; break;
		case 'V': prog_path[P_VMSH] = optarg; break;
		case 'm': prog_path[P_HOSTMM] = optarg; break;
		case 'd': prog_path[P_DIRECT] = optarg; break;
		default: usage();
		}
	}
	for (i = 0; i < NPROGS; i++) {
		if (use_prog[i] && access(prog_path[i], X_OK)) {
			fprintf(stderr, "bench: %s: %s (build it, or give --%s)\n", prog_path[i],
				strerror(errno), i == P_DIRECT ? "direct" : prog_name[i]);
			return 2;
		}
	}
	nfiles = argc - optind;
	if (!nfiles) {
		for (nfiles = 0; default_scenarios[nfiles]; nfiles++)
			;
	}
	files = calloc((size_t)nfiles, sizeof(*files));
	r = calloc((size_t)nfiles, sizeof(*r));
	if (!files || !r)
		return 2;
	for (i = 0; i < nfiles; i++) {
		const char *name = optind < argc ? argv[optind + i] : default_scenarios[i];
		char *p;

		if (strchr(name, '/') || !access(name, R_OK))
			files[i] = name;
		else if (asprintf(&p, "%s/%s.vmsh", dir, name) >= 0)
			files[i] = p;
		if (!files[i] || access(files[i], R_OK)) {
			fprintf(stderr, "bench: no scenario %s (run ninja, which runs gen_bench)\n", name);
			return 2;
		}
	}

	print_machine("start");
	printf("# %d runs each, interleaved; median wall time; output to /dev/null\n", runs);
	printf("# vmsh/direct is the target ratio (at most 0.1); hostmm adds a socket round trip per command\n");
	printf("%-12s %8s %10s %10s %10s %12s %12s %9s %14s\n", "scenario", "commands", "vmsh",
	       "hostmm", "direct", "vmsh/hostmm", "vmsh/direct", "(cpu)", "hostmm-direct");
	fflush(stdout);
	for (i = 0; i < nfiles; i++) {
		double med[NPROGS] = { 0 }, ratio_m, ratio_d, ratio_cpu;
		long ncmd = count_commands(files[i]);
		char name[64];

		measure(files[i], runs, &r[i]);
		for (j = 0; j < NPROGS; j++) {
			if (!use_prog[j]) {
				snprintf(tm[j], sizeof(tm[j]), "-");
				continue;
			}
			med[j] = median(r[i].t[j], runs);
			fmt_time(tm[j], sizeof(tm[j]), med[j]);
		}
		ratio_m = use_prog[P_HOSTMM] ? med[P_VMSH] / med[P_HOSTMM] : 0;
		ratio_d = med[P_VMSH] / med[P_DIRECT];
		ratio_cpu = median(r[i].cpu[P_VMSH], runs) / median(r[i].cpu[P_DIRECT], runs);
		snprintf(name, sizeof(name), "%s", base_name(files[i]));
		if (strlen(name) > 5 && !strcmp(name + strlen(name) - 5, ".vmsh"))
			name[strlen(name) - 5] = '\0';
		if (use_prog[P_HOSTMM] && ncmd > 0)
			snprintf(over, sizeof(over), "%.2f us/cmd",
				 (med[P_HOSTMM] - med[P_DIRECT]) / (double)ncmd * 1e6);
		else
			snprintf(over, sizeof(over), "-");
		if (use_prog[P_HOSTMM])
			snprintf(rm, sizeof(rm), "%.3f", ratio_m);
		else
			snprintf(rm, sizeof(rm), "-");
		printf("%-12s %8ld %10s %10s %10s %12s %12.3f %9.3f %14s%s\n", name, ncmd, tm[P_VMSH],
		       tm[P_HOSTMM], tm[P_DIRECT], rm, ratio_d, ratio_cpu, over,
		       r[i].bad ? "  FAILED (see stderr)" :
		       ratio_d > 0.1 && ncmd > 0 ? "  *" : "");
		for (j = 0; verbose && j < NPROGS; j++) {
			double s[MAX_RUNS];

			if (!use_prog[j])
				continue;
			memcpy(s, r[i].t[j], (size_t)runs * sizeof(*s));
			qsort(s, (size_t)runs, sizeof(*s), cmp_double);
			printf("#   %-10s wall min %.4f median %.4f max %.4f s, cpu median %.4f s\n",
			       prog_name[j], s[0], med[j], s[runs - 1], median(r[i].cpu[j], runs));
		}
		fflush(stdout);
		failed |= r[i].bad;
	}
	printf("# * vmsh/direct above 0.1 (empty: start-up and exit only, no target); (cpu): the same\n"
	       "#   ratio of user+system time, steadier than wall time on a busy machine\n");
	print_machine("end");
	return failed;
}
