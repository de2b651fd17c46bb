/*
 * context.c - the shell context: making one, finding a command in its
 * table, the messages every command prints (the failure kept for the Lua
 * binding), quoting user words into them, arguments, and the current
 * process, which the shell keeps as a pid.
 */
#include <ctype.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"
#include "context.h"

#define QUOTE_MAX	48	/* bytes of a user word shown in a message */

void vmsh_context_init(struct vmsh *sh, struct machine *m)
{
	memset(sh, 0, sizeof(*sh));
	sh->m = m;
	sh->pid = m->current ? m->current->pid : 1;
	sh->out = stdout;
	sh->err = stderr;
	sh->lua_max_instructions = VMSH_LUA_MAX_INSTRUCTIONS;
	sh->lua_max_memory = VMSH_LUA_MAX_MEMORY;
}

const struct vmsh_command *vmsh_lookup(const struct vmsh *sh, const char *name)
{
	const struct vmsh_command *c;

	for (c = sh->commands; c && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/*
 * edit_distance - the optimal string alignment distance between a and
 * b (insertions, deletions, substitutions, swaps of two neighbours), the
 * letters compared without case; more than 9 is 9 (only small ones
 * matter, and the names are short: both are cut at 31 bytes).
 */
static int edit_distance(const char *a, size_t la, const char *b)
{
	int d[32][32], i, j, cost, v;
	size_t lb = strlen(b);

	la = la > 31 ? 31 : la;
	lb = lb > 31 ? 31 : lb;
	for (i = 0; i <= (int)la; i++)
		d[i][0] = i;
	for (j = 0; j <= (int)lb; j++)
		d[0][j] = j;
	for (i = 1; i <= (int)la; i++) {
		for (j = 1; j <= (int)lb; j++) {
			cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb] > 9 ? 9 : d[la][lb];
}

/*
 * suggest - "unknown command 'X'", then the commands nearest to it
 * ("(did you mean mmap or maps?)", at most 3, only those within 1 edit,
 * 2 for a name of 7 bytes or more, and fewer edits than either name has
 * bytes), else "(try help)", into why.
 */
static void suggest(const struct vmsh *sh, const char *name, size_t len, char *why,
		    size_t whylen)
{
	const struct vmsh_command *c, *near[3];
	char q[VMSH_QUOTE_BUF];
	int best = len < 7 ? 1 : 2, n = 0, dist, i;
	size_t o;

	for (c = sh->commands; c && c->name && len && len < 32; c++) {
		dist = edit_distance(name, len, c->name);
		if (dist > best || (size_t)dist >= len || (size_t)dist >= strlen(c->name))
			continue;	/* nearer than that, or more than half of it is changed */
		if (dist < best)
			n = 0, best = dist;
		if (n < 3)
			near[n++] = c;
	}
	o = (size_t)snprintf(why, whylen, "unknown command '%s' ",
			     vmsh_quote_mem(q, sizeof(q), name, len));
	if (!n) {
		snprintf(why + (o < whylen ? o : whylen), whylen - (o < whylen ? o : whylen),
			 "(try help)");
		return;
	}
	for (i = 0; i < n && o < whylen; i++)
		o += (size_t)snprintf(why + o, whylen - o, "%s%s", i == 0 ? "(did you mean " :
				      i + 1 == n ? " or " : ", ", near[i]->name);
	if (o < whylen)
		snprintf(why + o, whylen - o, "?)");
}

const struct vmsh_command *vmsh_resolve(const struct vmsh *sh, const char *name, size_t len,
					char *why, size_t whylen)
{
	const struct vmsh_command *c, *found = NULL;
	const struct vmsh_alias *a;
	char q[VMSH_QUOTE_BUF];
	int n = 0;
	size_t o;

	if (len != strlen(name) || !len) {	/* a NUL byte in the name, or none */
		suggest(sh, name, len, why, whylen);
		return NULL;
	}
	c = vmsh_lookup(sh, name);
	if (c)
		return c;
	for (a = sh->aliases; a && a->alias; a++)
		if (strcmp(a->alias, name) == 0)
			return vmsh_lookup(sh, a->name);
	for (c = sh->commands; c && c->name; c++)
		if (strncmp(c->name, name, len) == 0)
			n++, found = found ? found : c;
	if (n == 1)
		return found;
	if (n == 0) {
		suggest(sh, name, len, why, whylen);
		return NULL;
	}
	o = (size_t)snprintf(why, whylen, "'%s' is ambiguous:", vmsh_quote(q, sizeof(q), name));
	for (c = sh->commands; c && c->name && o < whylen; c++)
		if (strncmp(c->name, name, len) == 0)
			o += (size_t)snprintf(why + o, whylen - o, " %s", c->name);
	return NULL;
}

/* ---- messages ---- */

/* vmsh_quote - s for a one-line message: printable ASCII as is, else \xHH; cut at QUOTE_MAX. */
const char *vmsh_quote(char *dst, size_t dlen, const char *s)
{
	return vmsh_quote_mem(dst, dlen, s, strlen(s));
}

/* vmsh_quote_mem - vmsh_quote of len bytes that may hold NUL */
const char *vmsh_quote_mem(char *dst, size_t dlen, const char *s, size_t len)
{
	size_t o = 0, i;

	for (i = 0; i < len && i < QUOTE_MAX && o + 8 < dlen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f)
			dst[o++] = (char)c;
		else
			o += (size_t)snprintf(dst + o, dlen - o, "\\x%02x", c);
	}
	if (i < len && o + 4 < dlen) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
	return dst;
}

void vmsh_mark_failed(struct vmsh *sh)
{
	if (sh->expecting)
		return;
	sh->status = 1;
	if (sh->stop_on_error)
		sh->stopping = 1;
}

/*
 * record_failure - keep a command's first failure, message msg, in sh->res
 * for the Lua binding: "usage: ..." is a usage error; a leading upper-case
 * word ending in ':' or ' ' ("ENOENT: no file", "SIGSEGV at ...") names
 * the error; else it is "ERROR". A word ending in ':' is not part of why.
 */
static void record_failure(struct vmsh *sh, const char *msg)
{
	struct vmsh_result *r = &sh->res;
	size_t n = strspn(msg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

	if (r->failed)
		return;
	r->failed = 1;
	r->usage = strncmp(msg, "usage: ", 7) == 0;
	if (n >= 2 && n < sizeof(r->errname) && msg[0] >= 'A' && msg[0] <= 'Z' &&
	    (msg[n] == ':' || msg[n] == ' ')) {
		snprintf(r->errname, sizeof(r->errname), "%.*s", (int)n, msg);
		if (msg[n] == ':')
			msg += n + 1 + (msg[n + 1] == ' ');
	} else {
		snprintf(r->errname, sizeof(r->errname), "%s", r->usage ? "EUSAGE" : "ERROR");
	}
	snprintf(r->why, sizeof(r->why), "%.*s", (int)sizeof(r->why) - 1, msg);
}

/* names_line - does msg begin with "FILE:LINE: " of the line being run? (Lua's errors do) */
static int names_line(const struct vmsh *sh, const char *msg)
{
	size_t n = strlen(sh->where.name);
	char line[32];

	snprintf(line, sizeof(line), ":%lu: ", sh->where.line);
	return strncmp(msg, sh->where.name, n) == 0 && strncmp(msg + n, line, strlen(line)) == 0;
}

/*
 * vfail - "NAME: message" on sh->err, after flushing sh->out, the failure
 * kept in sh->res for the Lua binding; the command failed. Returns -1.
 */
static int vfail(struct vmsh *sh, const char *name, const char *fmt, va_list ap)
{
	char msg[sizeof(sh->res.why) + 32];
	va_list aq;

	va_copy(aq, ap);
	vsnprintf(msg, sizeof(msg), fmt, aq);
	va_end(aq);
	record_failure(sh, msg);
	fflush(sh->out);	/* keep the order when both go to one file */
	if (sh->where.name && sh->where.line && !sh->expecting && !names_line(sh, msg))
		fprintf(sh->err, "%s:%lu: ", sh->where.name, sh->where.line);
	fprintf(sh->err, "%s: ", name);
	vfprintf(sh->err, fmt, ap);	/* in full: msg may be cut short */
	fputc('\n', sh->err);
	fflush(sh->err);
	vmsh_mark_failed(sh);
	return -1;
}

void vmsh_set_result(struct vmsh *sh, long value)
{
	sh->res.value = value;
	sh->res.has_value = 1;
}

int vmsh_fail(struct vmsh *sh, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(sh, sh->cmd ? sh->cmd->name : "vmsh", fmt, ap);
	va_end(ap);
	return rc;
}

int vmsh_fail_as(struct vmsh *sh, const char *name, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(sh, name, fmt, ap);
	va_end(ap);
	return rc;
}

int vmsh_usage_error(struct vmsh *sh, const char *fmt, ...)
{
	char why[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return vmsh_fail(sh, "usage: %s: %s", sh->cmd->usage, why);
}

void vmsh_set_failure(struct vmsh *sh, const char *errname, const char *why)
{
	struct vmsh_result *r = &sh->res;

	if (r->failed)
		return;
	r->failed = 1;
	snprintf(r->errname, sizeof(r->errname), "%s", errname);
	snprintf(r->why, sizeof(r->why), "%s", why);
}

int vmsh_sys_error(struct vmsh *sh, long err)
{
	const char *why = sh->m->errmsg[0] ? sh->m->errmsg : strerror((int)-err);

	/* said outright, not read back from the message */
	vmsh_set_failure(sh, errno_name((int)-err), why);
	return vmsh_fail(sh, "%s: %s", errno_name((int)-err), why);
}

const char *vmsh_signal_name(int sig, char *buf, size_t len)
{
	switch (sig) {
	case SIGSEGV:	return "SIGSEGV";
	case SIGBUS:	return "SIGBUS";
	case SIGKILL:	return "SIGKILL";
	default:
		snprintf(buf, len, "signal %d", sig);
		return buf;
	}
}

int vmsh_check(struct vmsh *sh, long ret)
{
	return ret < 0 ? vmsh_sys_error(sh, ret) : 0;
}

/* ---- arguments and the current process ---- */

int vmsh_arg_number(struct vmsh *sh, const char *what, const char *s, unsigned long *v)
{
	char why[200];

	if (parse_number(s, v, why, sizeof(why)) == 0)
		return 0;
	return vmsh_usage_error(sh, "bad %s: %s", what, why);
}

int vmsh_arg_range(struct vmsh *sh, char **argv, unsigned long *addr, unsigned long *len)
{
	if (vmsh_arg_number(sh, "ADDR", argv[1], addr))
		return -1;
	return vmsh_arg_number(sh, "LEN", argv[2], len);
}

int vmsh_arg_prot(struct vmsh *sh, const char *s, unsigned long *prot)
{
	char why[200];

	if (parse_prot(s, prot, why, sizeof(why)) == 0)
		return 0;
	return vmsh_usage_error(sh, "bad PROT: %s", why);
}

int vmsh_task_alive(const struct task_struct *t)
{
	return t && t->mm && t->state == TASK_RUNNING;
}

struct task_struct *vmsh_current(const struct vmsh *sh)
{
	return sh->pid > 0 && sh->pid < PID_MAX ? find_task_by_pid(sh->m, sh->pid) : NULL;
}

int vmsh_require_current(struct vmsh *sh)
{
	if (vmsh_task_alive(vmsh_current(sh)))
		return 0;
	return vmsh_fail(sh, "ESRCH: process %d has exited (ps lists processes; use PID switches)",
			 sh->pid);
}

struct task_struct *vmsh_arg_task(struct vmsh *sh, const char *s)
{
	struct task_struct *t = NULL;
	unsigned long pid;

	if (vmsh_arg_number(sh, "PID", s, &pid))
		return NULL;
	if (pid > 0 && pid < PID_MAX)
		t = find_task_by_pid(sh->m, (int)pid);
	if (!t)
		vmsh_fail(sh, "ESRCH: no process %lu", pid);
	return t;
}

struct task_struct *vmsh_task_or_current(struct vmsh *sh, int argc, char **argv, int zombie_ok)
{
	struct task_struct *t;

	if (argc > 1)
		return vmsh_arg_task(sh, argv[1]);
	t = vmsh_current(sh);
	if (t && zombie_ok)
		return t;
	return vmsh_require_current(sh) ? NULL : t;
}
