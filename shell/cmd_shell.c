/*
 * cmd_shell.c - the commands about vmsh itself rather than the kernel's
 * calls: sysctl, validate, trace, quit, source, set (the shell's options),
 * expect (a command that must fail), and lua, which hands its line to the
 * Lua binding through the shell's extension.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"
#include "context.h"
#include "observer.h"
#include "run.h"
#include "cmd_shell.h"

/* ---- sysctl, validate ---- */

static int sysctl_known(const char *name)
{
	const char *const *n;

	for (n = sysctl_names(); *n; n++)
		if (strcmp(*n, name) == 0)
			return 1;
	return 0;
}

static int sysctl_show(struct vmsh *sh, const char *name)
{
	long v;
	long ret;

	vm_clear_error(sh->m);
	ret = sysctl_get(sh->m, name, &v);
	if (ret < 0)
		return vmsh_sys_error(sh, ret);
	fprintf(sh->out, "%s = %ld\n", name, v);
	vmsh_set_result(sh, v);
	return 0;
}

/* sysctl_assign - NAME=VALUE, VALUE a number, possibly negative. */
static int sysctl_assign(struct vmsh *sh, char *name, char *value)
{
	unsigned long v;
	int neg = value[0] == '-';

	if (parse_number(value + neg, &v, NULL, 0)) {
		vmsh_arg_number(sh, "VALUE", value, &v);	/* says why, quoting VALUE as typed */
		return -1;
	}
	vm_clear_error(sh->m);
	if (vmsh_check(sh, sysctl_set(sh->m, name, neg ? -(long)v : (long)v)))
		return -1;
	return sysctl_show(sh, name);
}

int cmd_sysctl(struct vmsh *sh, int argc, char **argv)
{
	const char *const *n;
	char q[VMSH_QUOTE_BUF], *eq;

	if (argc == 1) {
		for (n = sysctl_names(); *n; n++)
			if (sysctl_show(sh, *n))
				return -1;
		sh->res.has_value = 0;	/* a list: no one value */
		return 0;
	}
	eq = strchr(argv[1], '=');
	if (eq)
		*eq = '\0';
	if (!sysctl_known(argv[1]))
		return vmsh_fail(sh, "ENOENT: no sysctl '%s' (sysctl lists them)",
				 vmsh_quote(q, sizeof(q), argv[1]));
	return eq ? sysctl_assign(sh, argv[1], eq + 1) : sysctl_show(sh, argv[1]);
}

int cmd_validate(struct vmsh *sh, int argc, char **argv)
{
	char why[512];

	(void)argc;
	(void)argv;
	why[0] = '\0';
	if (validate_machine(sh->m, why, sizeof(why)) == 0) {
		fputs("ok\n", sh->out);
		return 0;
	}
	return vmsh_fail(sh, "FAILED: %s", why[0] ? why : "(no reason given)");
}

/* ---- trace, quit, source, lua ---- */

/* cmd_trace - `trace [on|off]`; alone, prints whether it is on. */
int cmd_trace(struct vmsh *sh, int argc, char **argv)
{
	if (argc == 1) {
		fprintf(sh->out, "trace %s\n", sh->trace ? "on" : "off");
		return 0;
	}
	if (strcmp(argv[1], "on") == 0)
		sh->trace = 1;
	else if (strcmp(argv[1], "off") == 0)
		sh->trace = 0;
	else
		return vmsh_fail(sh, "usage: %s: want on or off", sh->cmd->usage);
	vmsh_observer_update(sh);
	return 0;
}

int cmd_quit(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sh->stopping = 1;
	return 0;
}

/*
 * cmd_source - `source [-x] FILE`; -x prints FILE's lines as they run (set
 * -x for it alone). With echo already on, FILE's lines get one + more
 * than the source line that was echoed.
 */
int cmd_source(struct vmsh *sh, int argc, char **argv)
{
	int echo = sh->echo, rc;

	if (argc == 3 && strcmp(argv[1], "-x") != 0)
		return vmsh_usage_error(sh, "unknown option '%s' (want -x)", argv[1]);
	if (argc == 2 && strcmp(argv[1], "-x") == 0)
		return vmsh_usage_error(sh, "FILE is missing");
	if (argc == 3)
		sh->echo = 1;
	sh->sourced += echo;	/* its lines one + deeper than the echoed source line */
	rc = vmsh_run_script(sh, argv[argc - 1]);
	sh->sourced -= echo;
	sh->echo = echo;
	return rc;
}

/* ---- set: the shell's options ---- */

/* The options `set` knows: a name, its sh letter, where it lives. */
static const struct shell_option {
	const char *name;
	char letter;		/* set -x, set +x */
	size_t offset;		/* of the int in struct vmsh */
} shell_options[] = {
	{ "echo", 'x', offsetof(struct vmsh, echo) },
	{ "errexit", 'e', offsetof(struct vmsh, stop_on_error) },
	{ NULL, 0, 0 }
};

static int *option_of(struct vmsh *sh, const struct shell_option *o)
{
	return (int *)((char *)sh + o->offset);
}

/* find_option - the option named s, or given as -L / +L (*on then 1 / 0); NULL if none */
static const struct shell_option *find_option(const char *s, int *on)
{
	const struct shell_option *o;

	for (o = shell_options; o->name; o++) {
		if (strcmp(s, o->name) == 0)
			return o;
		if ((s[0] == '-' || s[0] == '+') && s[1] == o->letter && !s[2]) {
			*on = s[0] == '-';
			return o;
		}
	}
	return NULL;
}

/*
 * cmd_set - `set` lists the options; `set NAME` shows one; `set NAME on|off`
 * sets it, as do sh's `set -x` and `set +x` (echo), `set -e` and `set +e`
 * (errexit).
 */
int cmd_set(struct vmsh *sh, int argc, char **argv)
{
	const struct shell_option *o;
	char q[VMSH_QUOTE_BUF];
	int on = -1;

	if (argc == 1) {
		for (o = shell_options; o->name; o++)
			fprintf(sh->out, "%-8s %s\n", o->name, *option_of(sh, o) ? "on" : "off");
		return 0;
	}
	o = find_option(argv[1], &on);
	if (!o)
		return vmsh_fail(sh, "ENOENT: no option '%s' (set lists them)",
				 vmsh_quote(q, sizeof(q), argv[1]));
	if (on >= 0 && argc > 2)
		return vmsh_usage_error(sh, "%s takes no on or off", argv[1]);
	if (argc > 2 && strcmp(argv[2], "on") == 0)
		on = 1;
	else if (argc > 2 && strcmp(argv[2], "off") == 0)
		on = 0;
	else if (argc > 2)
		return vmsh_usage_error(sh, "want on or off, not '%s'", vmsh_quote(q, sizeof(q), argv[2]));
	if (on < 0)
		fprintf(sh->out, "%-8s %s\n", o->name, *option_of(sh, o) ? "on" : "off");
	else
		*option_of(sh, o) = on;
	return 0;
}

/* ---- expect: a command that must fail ---- */

/* expect_name_ok - can a command fail with name? An errno name, or a fault's signal. */
static int expect_name_ok(const char *name)
{
	return errno_value(name) || !strcmp(name, "SIGSEGV") || !strcmp(name, "SIGBUS") ||
	       !strcmp(name, "SIGKILL");
}

/*
 * run_expected - run the words of sh->words from the third on as a
 * command c, its failure expected: printed as usual but without FILE:LINE,
 * failing nothing. Returns c's result; sh->res holds its outcome.
 */
static int run_expected(struct vmsh *sh, const struct vmsh_command *c)
{
	const struct vmsh_words *w = sh->words;
	struct vmsh_words sub;
	void *block = malloc(vmsh_words_size(w->argc - 2));
	int i, rc;

	if (!block)
		return vmsh_fail(sh, "ENOMEM: out of memory");
	vmsh_words_init(&sub, block, w->argc - 2);
	for (i = 2; i < w->argc; i++)
		vmsh_words_set(&sub, i - 2, w->argv[i], vmsh_word_len(w, i));
	sh->expecting++;
	rc = vmsh_run_words(sh, c, &sub);
	sh->expecting--;
	free(block);
	return rc;
}

/*
 * cmd_expect - `expect ERRNAME COMMAND [ARG]...`: run COMMAND, which must
 * fail with ERRNAME (EINVAL, ENOMEM ..., or SIGSEGV, SIGBUS, SIGKILL for
 * a fatal fault). Its failure is printed as always, and is then this
 * command's success; a success, or another failure, is this command's
 * failure (FILE:LINE: expect: ...).
 */
int cmd_expect(struct vmsh *sh, int argc, char **argv)
{
	const struct vmsh_command *c;
	char why[VMSH_QUOTE_BUF + 160], q[VMSH_QUOTE_BUF], got[sizeof(sh->res.errname)];
	int rc;

	(void)argc;
	if (!expect_name_ok(argv[1]))
		return vmsh_usage_error(sh, "'%s' is not an error name (EINVAL, ENOMEM, ... or "
					"SIGSEGV, SIGBUS, SIGKILL)", vmsh_quote(q, sizeof(q), argv[1]));
	c = vmsh_resolve(sh, argv[2], vmsh_word_len(sh->words, 2), why, sizeof(why));
	if (!c)
		return vmsh_fail(sh, "%s", why);
	if (c->fn == cmd_expect)
		return vmsh_usage_error(sh, "expect of expect");
	rc = run_expected(sh, c);
	snprintf(got, sizeof(got), "%s", sh->res.errname);
	if (rc == 0 && !sh->res.failed) {
		memset(&sh->res, 0, sizeof(sh->res));
		return vmsh_fail(sh, "%s succeeded, but %s was expected", c->name, argv[1]);
	}
	memset(&sh->res, 0, sizeof(sh->res));
	if (strcmp(got, argv[1]) != 0)
		return vmsh_fail(sh, "%s failed with %s, but %s was expected", c->name,
				 got[0] ? got : "an error", argv[1]);
	return 0;
}

/* cmd_lua - `lua [CODE]`: the extension's (the Lua binding, which vmsh_init plugs in) */
int cmd_lua(struct vmsh *sh, int argc, char **argv)
{
	if (!sh->ext || !sh->ext->command)
		return vmsh_fail(sh, "no Lua in this shell");
	return sh->ext->command(sh, argc, argv);
}
