/*
 * manual.c - what vmsh says about itself, made from data so that it
 * cannot drift from what vmsh does: `vmsh --help` from the table of
 * options below; the man page (vmsh.1) and the README's command
 * reference from the command table, its aliases and help topics
 * (cmdtable.c), which dispatch, `help` and completion read too. The
 * build makes vmsh.1 with doc/gendoc, and a test compares the README's
 * reference with what gendoc prints.
 */
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "cmdtable.h"
#include "manual.h"

/* The command-line options, for --help and the man page's OPTIONS. */
static const struct option_doc {
	const char *names;		/* "-c", "--mem", "-h, --help" */
	const char *arg;		/* "CMDS", or NULL */
	const char *what;		/* one line */
} options[] = {
	{ "-c", "CMDS", "run CMDS (separated by ';' or newlines); may be repeated" },
	{ "-e", NULL, "stop at the first failed command (set -e)" },
	{ "-i", NULL, "read the terminal after the -c commands and FILEs" },
	{ "-x", NULL, "print each line of -c and FILEs before it runs (set -x)" },
	{ "--mem", "SIZE", "physical memory, e.g. 64m (default 256m, at most 4g)" },
	{ "--lua-limit", "N", "stop a Lua chunk after N instructions (10^9; 0: never)" },
	{ "--lua-mem", "SIZE", "memory the Lua state may hold (256m, at most 4g)" },
	{ "-h, --help", NULL, "show this help and exit" },
	{ "-V, --version", NULL, "show the version and exit" },
	{ NULL, NULL, NULL }
};

static const char summary[] =
	"A shell over a simulated i386 machine running Linux 2.6 memory management.";

static const char files_text[] =
	"-c commands and FILEs run in the order given; a FILE ending in .lua is a Lua "
	"script (help lua). With neither, vmsh reads standard input: with line "
	"editing, history ($VMSH_HISTORY, else ~/.vmsh_history) and tab completion "
	"when it is a terminal. Type `help` there for the commands.";

static const char status_text[] =
	"0 if every command succeeded (a failure that expect expected counts as "
	"a success), 1 if any failed, 2 for bad usage of vmsh itself.";

/* put_wrapped - text as lines of at most width bytes, broken at blanks */
static void put_wrapped(FILE *f, const char *text, size_t width)
{
	const char *p = text;

	while (*p) {
		size_t n = strlen(p), cut = n;

		if (n > width) {
			for (cut = width; cut > 0 && p[cut] != ' '; cut--)
				;
			if (!cut)
				cut = width;
		}
		fprintf(f, "%.*s\n", (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

void vmsh_print_usage(FILE *f)
{
	const struct option_doc *o;
	char left[40], status[sizeof(status_text) + 16];

	fprintf(f, "usage: vmsh [OPTION]... [FILE]...\n%s\n\n", summary);
	for (o = options; o->names; o++) {
		snprintf(left, sizeof(left), "%s%s%s%s", o->names[1] == '-' ? "    " : "",
			 o->names, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(f, "  %-19s %s\n", left, o->what);
	}
	fputc('\n', f);
	put_wrapped(f, files_text, 78);
	snprintf(status, sizeof(status), "Exit status: %s", status_text);
	put_wrapped(f, status, 78);
}

/* ---- roff ---- */

/*
 * roff_text - s (len bytes) for troff: backslashes, hyphens (as \-, so
 * that options and addresses copy right) and a leading dot or quote
 * escaped.
 */
static void roff_text(FILE *f, const char *s, size_t len)
{
	size_t i;

	if (len && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", f);
	for (i = 0; i < len; i++) {
		if (s[i] == '\\')
			fputs("\\e", f);
		else if (s[i] == '-')
			fputs("\\-", f);
		else
			fputc(s[i], f);
	}
}

/*
 * roff_help - a help text: its lines filled as one paragraph, but lines
 * that start with two blanks (examples, lists laid out by hand), which
 * stay as they are, indented.
 */
static void roff_help(FILE *f, const char *text)
{
	const char *p = text;
	int literal = 0;

	while (*p) {
		size_t n = strcspn(p, "\n");
		int lit = n >= 2 && p[0] == ' ' && p[1] == ' ';

		if (lit != literal)
			fputs(lit ? ".RS\n.nf\n" : ".fi\n.RE\n", f);
		literal = lit;
		if (n == 0)
			fputs(".PP\n", f);
		else
			roff_text(f, lit ? p + 2 : p, lit ? n - 2 : n), fputc('\n', f);
		p += n + (p[n] == '\n');
	}
	if (literal)
		fputs(".fi\n.RE\n", f);
}

static void roff_str(FILE *f, const char *s)
{
	roff_text(f, s, strlen(s));
}

static void man_options(FILE *f)
{
	const struct option_doc *o;

	fputs(".SH OPTIONS\n", f);
	for (o = options; o->names; o++) {
		fputs(o->arg ? ".TP\n.BI \"" : ".TP\n.B ", f);
		roff_str(f, o->names);
		if (o->arg) {
			fputs(" \" ", f);
			roff_str(f, o->arg);
		}
		fputc('\n', f);
		roff_str(f, o->what);
		fputs(".\n", f);
	}
}

static void man_commands(FILE *f)
{
	const struct vmsh_command *c;
	const struct vmsh_alias *a;

	fputs(".SH COMMANDS\n"
	      "Inside vmsh, help CMD shows the same. A command may be shortened to a\n"
	      "prefix that names it alone (mpr for mprotect). Other names:", f);
	for (a = vmsh_aliases(); a->alias; a++)
		fprintf(f, "%s \\fB%s\\fR for \\fB%s\\fR", a == vmsh_aliases() ? "" : ",",
			a->alias, a->name);
	fputs(".\n", f);
	for (c = vmsh_commands(); c->name; c++) {
		fputs(".TP\n.B ", f);
		roff_str(f, c->usage);
		fputc('\n', f);
		roff_str(f, c->summary);
		fputs(".\n.IP\n", f);
		roff_help(f, c->help);
	}
}

static void man_topics(FILE *f)
{
	const struct vmsh_topic *t;

	fputs(".SH THE COMMAND LANGUAGE\n", f);
	for (t = vmsh_topics(); t->name; t++) {
		fputs(".SS ", f);
		roff_str(f, t->name);
		fputc('\n', f);
		roff_help(f, t->text);
	}
}

void vmsh_print_man(FILE *f, const char *version)
{
	fprintf(f, ".\\\" vmsh.1 - made by doc/gendoc from vmsh's command table; do not edit\n"
		".TH VMSH 1 \"\" \"vmsh %s\" \"User Commands\"\n"
		".SH NAME\nvmsh \\- a", version);
	roff_str(f, summary + 1);	/* "a shell over ...", as NAME lines go */
	fputs("\n.SH SYNOPSIS\n.B vmsh\n[\\fIOPTION\\fR]... [\\fIFILE\\fR]...\n"
	      ".SH DESCRIPTION\n"
	      "vmsh simulates an i386 machine whose memory manager follows Linux 2.6\n"
	      "(mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/memory.c, kernel/fork.c).\n"
	      "Commands map, unmap, protect, lock and advise memory, fork and end\n"
	      "processes and touch memory, and show the result as the kernel does:\n"
	      "/proc/PID/maps and smaps, vm_area_struct and mm_struct dumps, the\n"
	      "red-black tree of VMAs, page tables and frames, and a trace of the\n"
	      "kernel's steps. Lua scripts drive it and hook into its events.\n.PP\n", f);
	roff_str(f, files_text);
	fputs("\n", f);
	man_options(f);
	man_commands(f);
	man_topics(f);
	fputs(".SH EXIT STATUS\n", f);
	roff_str(f, status_text);
	fputs("\n.SH ENVIRONMENT\n.TP\n.B VMSH_HISTORY\n"
	      "The history file; empty turns history off.\n"
	      ".SH FILES\n.TP\n.I ~/.vmsh_history\n"
	      "The history, when VMSH_HISTORY is not set.\n"
	      ".SH SEE ALSO\n"
	      ".BR mmap (2),\n.BR munmap (2),\n.BR mprotect (2),\n.BR madvise (2),\n"
	      ".BR mlock (2),\n.BR mremap (2),\n.BR fork (2),\n.BR proc (5)\n", f);
}

/* ---- markdown, for the README ---- */

/* md_cell - s for a markdown table cell: | escaped */
static void md_cell(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', f);
		fputc(*s, f);
	}
}

void vmsh_print_reference(FILE *f)
{
	const struct vmsh_command *c;
	const struct vmsh_alias *a;

	fputs("| command | what it does |\n| --- | --- |\n", f);
	for (c = vmsh_commands(); c->name; c++) {
		fputs("| `", f);
		md_cell(f, c->usage);
		fputs("` | ", f);
		md_cell(f, c->summary);
		fputs(" |\n", f);
	}
	fputs("\nOther names:", f);
	for (a = vmsh_aliases(); a->alias; a++)
		fprintf(f, "%s `%s` for `%s`", a == vmsh_aliases() ? "" : ",", a->alias, a->name);
	fputs(". Help topics beside the commands:", f);
	{
		const struct vmsh_topic *t;

		for (t = vmsh_topics(); t->name; t++)
			fprintf(f, "%s `help %s`", t == vmsh_topics() ? "" : ",", t->name);
	}
	fputs(".\n", f);
}
