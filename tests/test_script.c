/*
 * test_script.c - Criterion tests for what a user of scripts and of the
 * prompt meets: FILE:LINE before a script's errors (nested sources too),
 * `expect ERRNAME CMD` and the exit status, echo (vmsh -x, set -x,
 * source -x), unique prefixes, aliases and "did you mean", the quit hint
 * of `exit` for init, touch without LEN, and faults named after the
 * command that made the access. The machine is validated after each step.
 */
#include <unistd.h>

#include "shtest.h"

TestSuite(script, .init = sh_setup, .fini = sh_teardown);

/* write_script - text into a new file under /tmp whose name ends in .vmsh; the path in path */
static void write_script(char *path, const char *text)
{
	int fd = mkstemps(path, 5);
	size_t len = strlen(text);

	cr_assert(fd >= 0, "mkstemps %s", path);
	cr_assert_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
}

/* run_script - run path as `vmsh FILE` does; its result, the output in *got */
static int run_script(const char *path, const char **got)
{
	int rc = vmsh_run_script(&sh, path);

	*got = output();
	CHECK_VALID();
	return rc;
}

/* ---- errors say where ---- */

Test(script, an_error_names_the_file_and_line, .description = "FILE:LINE: munmap: EINVAL: ...")
{
	char path[] = "/tmp/test_script_XXXXXX.vmsh", want[256];
	const char *got;

	write_script(path, "mmap - 4k rw- private,anon\n# a comment\nmunmap 0x40000001 4k\n");
	cr_assert_eq(run_script(path, &got), -1);
	snprintf(want, sizeof(want),
		 "0x40000000\n%s:3: munmap: EINVAL: 0x40000001 is not page aligned\n", path);
	cr_assert_str_eq(got, want);
	cr_assert_eq(sh.status, 1);
	unlink(path);
}

Test(script, a_nested_source_names_the_inner_file)
{
	char inner[] = "/tmp/test_script_in_XXXXXX.vmsh", outer[] = "/tmp/test_script_XXXXXX.vmsh";
	char text[256], want[512];
	const char *got;

	write_script(inner, "ps\nfrobnicate\n");
	snprintf(text, sizeof(text), "\nsource %s\nmlock 0x40000000 4k\n", inner);
	write_script(outer, text);
	cr_assert_eq(run_script(outer, &got), -1);
	snprintf(want, sizeof(want), "%s:2: vmsh: unknown command 'frobnicate' (try help)\n"
		 "%s:3: mlock: ENOMEM: 40000000-40001000 is not mapped\n", inner, outer);
	cr_assert(strstr(got, want), "got:\n%s\nwant:\n%s", got, want);
	unlink(inner);
	unlink(outer);
}

Test(script, a_typed_line_is_not_named)
{
	expect_run("munmap 1 4k", -1, "munmap: EINVAL: 0x00000001 is not page aligned\n");
}

/* ---- expect ---- */

Test(script, expect_passes_on_the_named_failure_and_keeps_the_status_clean)
{
	char path[] = "/tmp/test_script_XXXXXX.vmsh";
	const char *got;

	write_script(path, "mmap 0x40000000 4k rw- private,anon,fixed\n"
		     "expect EINVAL munmap 0x40000001 4k\n"
		     "expect SIGSEGV read 0x50000000 16\n"
		     "expect ENOMEM mprotect 0x40000000 8k r--\n"
		     "maps\n");
	cr_assert_eq(run_script(path, &got), 0, "%s", got);
	cr_assert_str_eq(got, "0x40000000\n"
			 "munmap: EINVAL: 0x40000001 is not page aligned\n"
			 "read: SIGSEGV at 0x50000000 (init is not killed)\n"
			 "mprotect: ENOMEM: 40001000-40002000 is not mapped (done: "
			 "40000000-40001000)\n"
			 "40000000-40001000 r--p 00000000 00:00 0 \n");
	cr_assert_eq(sh.status, 0);
	unlink(path);
}

Test(script, expect_fails_on_success_or_another_error)
{
	expect_run("expect EINVAL mmap 0x40000000 4k rw- private,anon,fixed", -1,
		   "0x40000000\nexpect: mmap succeeded, but EINVAL was expected\n");
	cr_assert_eq(sh.status, 1);
	sh.status = 0;
	expect_run("expect EINVAL mlock 0x50000000 4k", -1,
		   "mlock: ENOMEM: 50000000-50001000 is not mapped\n"
		   "expect: mlock failed with ENOMEM, but EINVAL was expected\n");
	cr_assert_eq(sh.status, 1);
	expect_has("expect EBOGUS ps", -1, "'EBOGUS' is not an error name");
	expect_has("expect EINVAL frobnicate", -1, "unknown command 'frobnicate'");
	expect_has("expect EINVAL expect EINVAL ps", -1, "expect of expect");
}

Test(script, expect_does_not_stop_errexit)
{
	sh.stop_on_error = 1;
	expect_run("expect ENOMEM munmap 0x40000000 0x40000000000; ps", -1,
		   "munmap: usage: munmap ADDR LEN: bad LEN: out of range (more than "
		   "0xffffffff): '0x40000000000'\n"
		   "expect: munmap failed with EUSAGE, but ENOMEM was expected\n");
	cr_assert_eq(sh.stopping, 1, "an unexpected failure stops -e");
	sh.stopping = 0;
	sh.status = 0;
	run("expect EINVAL munmap 1 4k; ps");
	cr_assert_eq(sh.stopping, 0);
	cr_assert(strstr(output(), "init"), "ps ran after the expected failure");
	cr_assert_eq(sh.status, 0);
}

/* ---- echo ---- */

Test(script, source_x_prints_each_line_before_its_output)
{
	char path[] = "/tmp/test_script_XXXXXX.vmsh", line[300];
	const char *got;

	write_script(path, "# map a page\nmmap - 4k rw- private,anon   # first fit\n\nmaps\n");
	snprintf(line, sizeof(line), "source -x %s", path);
	cr_assert_eq(run(line), 0);
	got = output();
	cr_assert_str_eq(got, "# map a page\n"
			 "+ mmap - 4k rw- private,anon   # first fit\n"
			 "0x40000000\n"
			 "\n"
			 "+ maps\n"
			 "40000000-40001000 rw-p 00000000 00:00 0 \n");
	cr_assert_eq(sh.echo, 0, "source -x turns echo on for FILE alone");
	unlink(path);
}

Test(script, set_shows_and_sets_the_options)
{
	expect_run("set", 0, "echo     off\nerrexit  off\n");
	expect_run("set echo on", 0, "");
	cr_assert_eq(sh.echo, 1);
	expect_run("set -e", 0, "");
	cr_assert_eq(sh.stop_on_error, 1);
	expect_run("set +x; set echo", 0, "echo     off\n");
	expect_run("set +e", 0, "");
	cr_assert_eq(sh.stop_on_error, 0);
	expect_has("set echo maybe", -1, "want on or off, not 'maybe'");
	expect_has("set colour on", -1, "ENOENT: no option 'colour'");
}

Test(script, echo_on_prints_lines_of_c_commands)
{
	const char text[] = "mmap - 4k rw- private,anon\nmaps";

	sh.echo = 1;
	cr_assert_eq(vmsh_run_lines(&sh, text, strlen(text)), 0);
	cr_assert_str_eq(output(), "+ mmap - 4k rw- private,anon\n0x40000000\n"
			 "+ maps\n40000000-40001000 rw-p 00000000 00:00 0 \n");
}

/* ---- shell habits ---- */

Test(script, a_unique_prefix_runs_its_command)
{
	expect_run("mma 0x40000000 8k rw- private,anon,fixed; mpr 0x40000000 4k r--; map", 0,
		   "0x40000000\n40000000-40001000 r--p 00000000 00:00 0 \n"
		   "40001000-40002000 rw-p 00000000 00:00 0 \n");
	CHECK_VALID();
	expect_run("mun 0x40000000 4k", -1, "vmsh: 'mun' is ambiguous: munmap munlock\n");
}

Test(script, a_typo_gets_a_suggestion)
{
	expect_run("mprotcet 1 1 r--", -1, "vmsh: unknown command 'mprotcet' (did you mean mprotect?)\n");
	expect_run("mnap", -1, "vmsh: unknown command 'mnap' (did you mean mmap?)\n");
	expect_run("frobnicate", -1, "vmsh: unknown command 'frobnicate' (try help)\n");
}

Test(script, question_mark_and_h_are_help)
{
	run("help mlock");
	{
		char *want = strdup(output());

		expect_run("? mlock", 0, want);
		expect_run("h mlock", 0, want);
		free(want);
	}
	expect_has("?", 0, "? and h are help");
	expect_has("help scripts", 0, "vmsh -x FILE");
}

Test(script, exit_of_init_hints_quit)
{
	expect_run("exit", -1,
		   "exit: EPERM: init (pid 1) cannot exit: the kernel would panic (quit leaves vmsh)\n");
	cr_assert_str_eq(sh.res.errname, "EPERM");
}

/* ---- touch, read, write ---- */

Test(script, touch_without_len_is_the_page_of_addr)
{
	run("mmap 0x40000000 8k rw- private,anon,fixed");
	output();
	expect_run("touch 0x40000ff0 w", 0, "");
	CHECK_VALID();
	expect_has("smaps", 0, "Rss:                   4 kB");
	expect_run("touch 0x40001fff", 0, "");
	expect_run("touch 0x40002000", -1, "touch: SIGSEGV at 0x40002000 (init is not killed)\n");
	expect_has("help touch", 0, "without LEN, the one\npage that holds ADDR");
}

Test(script, a_fault_is_named_after_its_command)
{
	expect_run("read 0x50000000 16", -1, "read: SIGSEGV at 0x50000000 (init is not killed)\n");
	cr_assert_str_eq(sh.res.errname, "SIGSEGV");
	expect_run("write 0x50000000 x", -1, "write: SIGSEGV at 0x50000000 (init is not killed)\n");
	expect_run("touch 0x50000000", -1, "touch: SIGSEGV at 0x50000000 (init is not killed)\n");
	run("fork; use 2");
	output();
	expect_run("write 0x50000000 x", -1, "write: SIGSEGV at 0x50000000\n");
	CHECK_VALID();
}

Test(script, echo_marks_a_sourced_script_one_plus_deeper)
{
	char inner[] = "/tmp/test_script_in_XXXXXX.vmsh", line[300], want[600];

	write_script(inner, "# inside\nps\n");
	snprintf(line, sizeof(line), "set -x\nsource %s\nset +x", inner);
	cr_assert_eq(vmsh_run_lines(&sh, line, strlen(line)), 0);
	snprintf(want, sizeof(want), "+ source %s\n# inside\n++ ps\n", inner);
	cr_assert(strncmp(output(), want, strlen(want)) == 0, "want:\n%s", want);
	unlink(inner);
}
