/*
 * shtest.h - what the shell-level tests share: a fresh machine and shell
 * per test whose output and errors go, in order, to one memory stream,
 * lines run as typed, and the text they printed.
 */
#ifndef VMSH_SHTEST_H
#define VMSH_SHTEST_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm.h"
#include "slab.h"
#include "vmsh.h"
#include "diff.h"

static struct machine *m;
static struct vmsh sh;
static FILE *out;		/* sh.out and sh.err */
static char *out_buf;
static size_t out_len;
static char *taken;		/* the last text taken(), freed at the next */

static inline void sh_open_output(void)
{
	out = open_memstream(&out_buf, &out_len);
	cr_assert(out, "open_memstream failed");
	sh.out = sh.err = out;
}

static inline void sh_setup(void)
{
	m = machine_create(256ULL << 20);
	cr_assert(m, "machine_create failed");
	vmsh_init(&sh, m);
	sh_open_output();
}

static inline void sh_teardown(void)
{
	char why[256];

	vmsh_fini(&sh);
	fclose(out);
	free(out_buf);
	free(taken);
	taken = NULL;
	cr_expect_eq(validate_machine(m, why, sizeof(why)), 0, "validate at teardown: %s", why);
	cr_expect_null(m->observer, "the shell left its observer on the machine");
	machine_destroy(m);
	cr_expect_eq(kmalloc_inuse(), 0, "%lu blocks leaked", kmalloc_inuse());
}

/* run - one line as typed: 0, or -1 when a command failed. */
static inline int run(const char *line)
{
	return vmsh_run_line(&sh, line, strlen(line));
}

/* output - everything printed since the last call, and start afresh. */
static inline const char *output(void)
{
	fclose(out);
	free(taken);
	taken = out_buf;
	out_buf = NULL;
	sh_open_output();
	return taken ? taken : "";
}

/* expect_run - line runs with result rc and prints exactly want. */
#define expect_run(line, rc, want) do { \
	int rc_ = run(line); \
	const char *got_ = output(); \
	cr_assert_eq(rc_, (rc), "%s: returned %d\n%s", (line), rc_, got_); \
	cr_assert_str_eq(got_, (want), "%s printed:\n%s\nexpected:\n%s", (line), got_, (want)); \
} while (0)

/* expect_has - line runs with result rc and its output holds want. */
#define expect_has(line, rc, want) do { \
	int rc_ = run(line); \
	const char *got_ = output(); \
	cr_assert_eq(rc_, (rc), "%s: returned %d\n%s", (line), rc_, got_); \
	cr_assert(strstr(got_, (want)), "%s printed:\n%s\nwithout:\n%s", (line), got_, (want)); \
} while (0)

/* only diff's record is observing: its events, nothing formatted (trace off, no Lua hook) */
#define CHECK_DIFF_ONLY() do { \
	cr_assert_not_null(m->observer, "diff's record needs the observer"); \
	cr_assert_eq(m->observer_mask, diff_event_mask(), "more events than diff's"); \
	cr_assert(m->observer_notext, "event texts formatted for nobody"); \
} while (0)

#define CHECK_VALID() do { \
	char why_[256]; \
	cr_assert_eq(validate_machine(m, why_, sizeof(why_)), 0, "validate_machine: %s", why_); \
} while (0)

#endif
