/*
 * cmd_shell.c - the commands about vmsh itself rather than the kernel's
 * calls: sysctl, validate, trace, quit, source, and lua, which hands its
 * line to the Lua binding through the shell's extension.
 */
#include <stdio.h>
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

int cmd_source(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	return vmsh_run_script(sh, argv[1]);
}

/* cmd_lua - `lua [CODE]`: the extension's (the Lua binding, which vmsh_init plugs in) */
int cmd_lua(struct vmsh *sh, int argc, char **argv)
{
	if (!sh->ext || !sh->ext->command)
		return vmsh_fail(sh, "no Lua in this shell");
	return sh->ext->command(sh, argc, argv);
}
