/*
 * main.c - vmsh's command line: options (described in manual.c), the
 * machine's size, then the -c commands and script files in the order
 * given, then the terminal or standard input. Exit status 0 (all
 * succeeded, or failed as expect said), 1 (some failed), 2 (bad usage).
 */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmcore.h"
#include "vmsh.h"
#include "manual.h"
#include "repl.h"

#define VMSH_VERSION	"0.1.0"
#define MEM_DEFAULT	(256ULL << 20)
#define MEM_MAX		(4ULL << 30)
#define EXIT_USAGE	2

enum action_kind { ACT_COMMANDS, ACT_FILE };

struct action {			/* a -c string or a FILE, in command-line order */
	enum action_kind kind;
	const char *arg;
};

struct options {
	struct action *actions;	/* argc entries at most */
	int nactions;
	int interactive;	/* -i */
	int stop_on_error;	/* -e */
	int echo;		/* -x */
	unsigned long long mem;	/* --mem, bytes */
	unsigned long long lua_limit;	/* --lua-limit, instructions (0: none) */
	unsigned long long lua_mem;	/* --lua-mem, bytes */
};

/* bad_usage - report a misuse of vmsh itself and exit 2. */
static void bad_usage(const char *fmt, const char *arg)
{
	fputs("vmsh: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'vmsh --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

/*
 * parse_mem - SIZE as the command language writes numbers (decimal or 0x
 * hex, k/m/g suffix) but up to 4g, which parse_number's 32 bits cannot
 * hold. Returns 0, or -1 for bad syntax, 0, or more than 4g.
 */
static int parse_mem(const char *s, unsigned long long *out)
{
	unsigned long long v = 0, mult = 1;
	int base = 10, d, ndig = 0;
	const char *p = s;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16, p += 2;
	for (; *p; p++, ndig++) {
		d = *p >= '0' && *p <= '9' ? *p - '0' :
		    *p >= 'a' && *p <= 'f' ? *p - 'a' + 10 :
		    *p >= 'A' && *p <= 'F' ? *p - 'A' + 10 : 99;
		if (d >= base)
			break;
		if (v > MEM_MAX)	/* keep scanning, stop growing */
			continue;
		v = v * (unsigned long long)base + (unsigned long long)d;
	}
	if (*p && strchr("kK", *p))
		mult = 1ULL << 10, p++;
	else if (*p && strchr("mM", *p))
		mult = 1ULL << 20, p++;
	else if (*p && strchr("gG", *p))
		mult = 1ULL << 30, p++;
	if (!ndig || *p || v == 0 || v > MEM_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}

/* parse_count - a decimal count, 0 allowed. Returns 0, or -1 for bad syntax or overflow. */
static int parse_count(const char *s, unsigned long long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || *end ? -1 : 0;
}

/* check_file - exit 2 unless path names a readable regular file. */
static void check_file(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0 || access(path, R_OK) < 0) {
		fprintf(stderr, "vmsh: %s: %s\n", path, strerror(errno));
		exit(EXIT_USAGE);
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "vmsh: %s: %s\n", path, strerror(EISDIR));
		exit(EXIT_USAGE);
	}
}

static void add_action(struct options *o, enum action_kind kind, const char *arg)
{
	if (kind == ACT_FILE)
		check_file(arg);
	o->actions[o->nactions].kind = kind;
	o->actions[o->nactions++].arg = arg;
}

/* parse_args - fill o from argv, or exit: 0 for --help/--version, 2 for misuse. */
static void parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "mem", required_argument, NULL, 'm' },
		{ "lua-limit", required_argument, NULL, 'L' },
		{ "lua-mem", required_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 }
	};
	char shortopt[3] = "-?";
	int opt;

	opterr = 0;
	/* leading '-': FILEs come back as option 1, in order with the -c's */
	while ((opt = getopt_long(argc, argv, "-:c:eihxV", longs, NULL)) != -1) {
		switch (opt) {
		case 1:   add_action(o, ACT_FILE, optarg); break;
		case 'c': add_action(o, ACT_COMMANDS, optarg); break;
		case 'e': o->stop_on_error = 1; break;
		case 'i': o->interactive = 1; break;
		case 'x': o->echo = 1; break;
		case 'm':
			if (parse_mem(optarg, &o->mem))
				bad_usage("--mem: bad SIZE '%s' (want e.g. 64m, at most 4g)", optarg);
			break;
		case 'L':
			if (parse_count(optarg, &o->lua_limit))
				bad_usage("--lua-limit: bad N '%s' (want a number of instructions)", optarg);
			break;
		case 'M':
			if (parse_mem(optarg, &o->lua_mem))
				bad_usage("--lua-mem: bad SIZE '%s' (want e.g. 64m, at most 4g)", optarg);
			break;
		case 'h': vmsh_print_usage(stdout); exit(0);
		case 'V': puts("vmsh " VMSH_VERSION); exit(0);
		case ':': bad_usage("option '%s' needs an argument", argv[optind - 1]); break;
		default:
			shortopt[1] = (char)optopt;
			bad_usage("unknown option '%s'", optopt ? shortopt : argv[optind - 1]);
			break;
		}
	}
}

/* run_input - the terminal with readline, or standard input line by line. */
static void run_input(struct vmsh *sh)
{
	sh->where.line = 0;
	if (isatty(STDIN_FILENO)) {
		sh->where.name = NULL;
		repl_interactive(sh);
	} else {
		sh->where.name = "stdin";	/* messages about a line say which */
		vmsh_run_stream(sh, stdin);
	}
}

int main(int argc, char **argv)
{
	struct options o = { .mem = MEM_DEFAULT, .lua_limit = VMSH_LUA_MAX_INSTRUCTIONS,
			     .lua_mem = VMSH_LUA_MAX_MEMORY };
	struct machine *m;
	struct vmsh sh;
	int i;

	o.actions = calloc((size_t)argc, sizeof(*o.actions));
	if (!o.actions)
		return 1;
	parse_args(argc, argv, &o);
	setlocale(LC_CTYPE, "");
	m = machine_create(o.mem);
	if (!m) {
		fprintf(stderr, "vmsh: cannot create a machine of %llu bytes\n", o.mem);
		free(o.actions);
		return 1;
	}
	vmsh_init(&sh, m);
	sh.stop_on_error = o.stop_on_error;
	sh.echo = o.echo;
	sh.lua_max_instructions = o.lua_limit;
	sh.lua_max_memory = (size_t)o.lua_mem;
	sh.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	for (i = 0; i < o.nactions && !sh.stopping; i++) {
		if (o.actions[i].kind == ACT_FILE)
			vmsh_run_script(&sh, o.actions[i].arg);
		else
			vmsh_run_lines(&sh, o.actions[i].arg, strlen(o.actions[i].arg));
	}
	if (!sh.stopping && (o.interactive || o.nactions == 0))
		run_input(&sh);
	vmsh_fini(&sh);
	fflush(stdout);
	machine_destroy(m);
	free(o.actions);
	return sh.status;
}
