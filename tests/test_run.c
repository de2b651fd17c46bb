/*
 * test_run.c - Criterion tests for shell/run.c and the shell's layering:
 * commands run through the table the context holds (sh->commands), and
 * the layer above the commands (the Lua binding) is reached only through
 * sh->ext. A context without it still runs every other command; a test
 * extension sees what the Lua binding would: one after_command per
 * command run, the engine's events while it wants them.
 */
#include <unistd.h>

#include "shtest.h"
#include "observer.h"

TestSuite(run, .init = sh_setup, .fini = sh_teardown);

/* ---- a context as vmsh_init makes it, but without the Lua binding ---- */

static void bare_setup(void)
{
	sh_setup();
	sh.ext = NULL;		/* what vmlua_attach plugged in */
}

TestSuite(bare, .init = bare_setup, .fini = sh_teardown);

Test(bare, commands_run_without_the_lua_binding)
{
	expect_run("mmap - 8k rw- private,anon; munmap 0x40001000 4k; maps", 0,
		   "0x40000000\n40000000-40001000 rw-p 00000000 00:00 0 \n");
	cr_assert_null(sh.lua, "no Lua state was made");
}

Test(bare, lua_and_lua_scripts_say_there_is_no_lua)
{
	char path[] = "/tmp/test_run_XXXXXX.lua";
	int fd = mkstemps(path, 4);

	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, "print(1)\n", 9), 9);
	close(fd);
	expect_run("lua print(1)", -1, "lua: no Lua in this shell\n");
	cr_assert_eq(vmsh_run_script(&sh, path), -1);
	cr_assert(strstr(output(), ": no Lua in this shell\n"));
	unlink(path);
	cr_assert_eq(sh.status, 1);
}

/* ---- a test extension ---- */

static int after_calls, events, mmap_events, wanting;

static void count_after(struct vmsh *s)
{
	(void)s;
	after_calls++;
}

static int wants(const struct vmsh *s)
{
	(void)s;
	return wanting;
}

static void count_event(struct vmsh *s, const struct vm_event *ev)
{
	(void)s;
	events++;
	mmap_events += ev->type == VM_EV_MMAP;
}

static const struct vmsh_ext counting = {
	.after_command = count_after,
	.wants_events = wants,
	.event = count_event,
};

static void counting_setup(void)
{
	sh_setup();
	sh.ext = &counting;
	after_calls = events = mmap_events = wanting = 0;
}

TestSuite(ext, .init = counting_setup, .fini = sh_teardown);

/* after_command follows each command that ran, failed or not; not an unknown one */
Test(ext, after_command_runs_once_per_command)
{
	expect_run("mmap - 4k rw- private,anon; munmap 1 1", -1,
		   "0x40000000\nmunmap: EINVAL: 0x00000001 is not page aligned\n");
	cr_assert_eq(after_calls, 2);
	expect_run("nosuch", -1, "vmsh: unknown command 'nosuch' (try help)\n");
	cr_assert_eq(after_calls, 2);
}

/* every event reaches the extension while it wants events, and only then (diff's record keeps observing) */
Test(ext, events_reach_the_extension_only_while_it_wants_them)
{
	vmsh_observer_update(&sh);
	CHECK_DIFF_ONLY();
	expect_run("mmap - 4k rw- private,anon", 0, "0x40000000\n");
	cr_assert_eq(events, 0);
	wanting = 1;
	vmsh_observer_update(&sh);
	cr_assert_not_null(m->observer);
	expect_run("mmap - 4k rw- private,anon", 0, "0x40001000\n");
	cr_assert_gt(events, 1, "the call and its steps");
	cr_assert_eq(mmap_events, 1);
	cr_assert_eq(m->observer_mask, ~0UL);
	wanting = 0;
	vmsh_observer_update(&sh);
	CHECK_DIFF_ONLY();
	events = 0;
	expect_run("mmap - 4k rw- private,anon", 0, "0x40002000\n");
	cr_assert_eq(events, 0);
}

/* ---- the table is the context's ---- */

static int cmd_hello(struct vmsh *s, int argc, char **argv)
{
	(void)argc;
	fprintf(s->out, "hello %s\n", argv[1]);
	return 0;
}

static const struct vmsh_command one_command[] = {
	{ "hello", cmd_hello, 1, 1, 0, "hello NAME", "greet", "Greets NAME.", { VC_NONE }, "s" },
	{ NULL, NULL, 0, 0, 0, NULL, NULL, NULL, { VC_NONE }, NULL }
};

Test(run, lines_run_through_the_table_the_context_holds)
{
	sh.commands = one_command;
	expect_run("hello world", 0, "hello world\n");
	expect_run("hello", -1, "hello: usage: hello NAME\n");
	expect_run("maps", -1, "vmsh: unknown command 'maps' (try help)\n");
	sh.commands = vmsh_commands();
	expect_run("maps", 0, "");
}

/* -c text: each line run in turn, -e stopping at the first failure */
Test(run, run_lines_runs_each_line_and_stops_under_e)
{
	const char *text = "mmap - 4k rw- private,anon\nmunmap 1 1\nmmap - 4k rw- private,anon\n";

	cr_assert_eq(vmsh_run_lines(&sh, text, strlen(text)), -1);
	cr_assert_str_eq(output(), "0x40000000\nmunmap: EINVAL: 0x00000001 is not page aligned\n"
			 "0x40001000\n");
	sh.stop_on_error = 1;
	cr_assert_eq(vmsh_run_lines(&sh, text, strlen(text)), -1);
	cr_assert_str_eq(output(), "0x40002000\nmunmap: EINVAL: 0x00000001 is not page aligned\n");
	cr_assert_eq(sh.stopping, 1);
}
