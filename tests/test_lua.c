/*
 * test_lua.c - Criterion tests for the Lua binding (shell/vmlua.c, vmlib.c,
 * vmhook.c) driven through a shell whose output goes to memory: the vm
 * table made from the command table, values and failures as values,
 * misuse as Lua's errors, the tables read from the kernel's structures,
 * vm.cmd, hooks (after the operation, never inside it), and the limits:
 * instructions, memory, syntax errors with file and line.
 *
 * Pictures: one character per page from 40000000, '.' for a page no VMA
 * maps, one letter per VMA.
 */
#include <unistd.h>

#include "shtest.h"

TestSuite(lua, .init = sh_setup, .fini = sh_teardown);

/* ---- vm.COMMAND ---- */

Test(lua, every_command_but_help_quit_source_lua_has_a_vm_function)
{
	const struct vmsh_command *c;
	char line[128];

	for (c = vmsh_commands(); c->name; c++) {
		snprintf(line, sizeof(line), "lua print(type(vm[\"%s\"]))", c->name);
		expect_run(line, 0, c->flags & CMD_NO_LUA ? "nil\n" : "function\n");
	}
}

Test(lua, mmap_returns_the_address)
{
	/* before: ....  after: AAAA */
	expect_run("lua print(vm.mmap(nil, 16384, 'rw-', 'private,anon'))", 0, "1073741824\n");
	expect_run("lua print(vm.hex(vm.mmap(0x50000000, 4096, 'r--', 'shared,anon')))",
		   0, "0x50000000\n");
	expect_run("maps", 0,
		   "40000000-40004000 rw-p 00000000 00:00 0 \n"
		   "50000000-50001000 r--s 00000000 00:01 12         /dev/zero (deleted)\n");
}

Test(lua, commands_without_a_value_return_true)
{
	expect_run("lua a = vm.mmap(nil, 16384, 'rw-', 'private,anon')", 0, "");
	expect_run("lua print(vm.munmap(a + 4096, 4096), vm.mprotect(a, 4096, 'r--'))", 0,
		   "true\ttrue\n");
	expect_run("lua print(vm.brk(), vm.sysctl('vm.max_map_count'))", 0, "0\t65536\n");
}

Test(lua, failure_returns_nil_errname_explanation_and_the_shell_goes_on)
{
	sh.stop_on_error = 1;
	expect_run("lua print(vm.munmap(0x40000001, 4096))", 0,
		   "nil\tEINVAL\t0x40000001 is not page aligned\n");
	expect_run("lua print(vm.use(7))", 0, "nil\tESRCH\tno process 7\n");
	expect_run("lua print(vm.mmap(nil, 4096, 'rw-', 'private', 'nofile'))", 0,
		   "nil\tENOENT\tno file 'nofile' (create it with: file nofile SIZE)\n");
	cr_assert_eq(sh.status, 0, "a failure Lua got as a value failed the shell");
	cr_assert_eq(sh.stopping, 0, "a failure Lua got as a value stopped -e");
}

Test(lua, misuse_raises_luas_bad_argument_error)
{
	expect_has("lua vm.mmap(nil, nil, 'rw-', 'private,anon')", -1,
		   "lua: stdin:1: bad argument #2 to 'mmap' (number expected, got nil)\n"
		   "stack traceback:\n\t[C]: in function 'vm.mmap'\n\tstdin:1: in main chunk\n");
	expect_has("lua vm.munmap(0x40000000)", -1,
		   "bad argument #2 to 'munmap' (number expected, got no value)");
	expect_has("lua vm.munmap(0x40000000, 4096, 1)", -1,
		   "bad argument #3 to 'munmap' (no value expected)");
	expect_has("lua vm.munmap(-4096, 4096)", -1,
		   "bad argument #1 to 'munmap' (negative address or length)");
	expect_has("lua vm.mmap(nil, 4096, 'rw-', 'private', nil, 0)", -1,
		   "bad argument #5 to 'mmap' (string expected, got nil)");
	expect_has("lua vm.munmap(1.5, 4096)", -1,
		   "bad argument #1 to 'munmap' (number has no integer representation)");
	cr_assert_eq(sh.status, 1);
}

Test(lua, a_usage_error_raises_the_usage_line)
{
	expect_has("lua vm.mprotect(0x40000000, 4096, 'rwz')", -1,
		   "lua: stdin:1: mprotect: usage: mprotect ADDR LEN PROT: bad PROT:");
	expect_has("lua vm.mremap(0x40000000, 4096, 8192, 'sideways')", -1,
		   "mremap: usage: mremap ADDR OLDLEN NEWLEN [maymove|fixed NEWADDR]");
}

Test(lua, words_go_to_the_handler_as_copies)
{
	/* sysctl writes '\0' over the '=' of its word: never into a Lua string */
	expect_run("lua s = 'vm.max_map_count=100'; print(vm.sysctl(s), s)", 0,
		   "100\tvm.max_map_count=100\n");
	expect_has("lua vm.file('a\\0b', 4096)", -1, "file: usage: file NAME SIZE: argument 1 holds a NUL byte");
}

/* ---- tables ---- */

Test(lua, maps_returns_the_proc_maps_fields)
{
	/* A.BB: anon rw-, a hole, two pages of a file at offset 0x2000 */
	expect_run("file data 32k; mmap 0x40000000 4k rw- private,anon; "
		   "mmap 0x40002000 8k r-x private data 0x2000", 0, "0x40000000\n0x40002000\n");
	expect_run("lua for _, e in ipairs(vm.maps()) do print(vm.hex(e.start), vm.hex(e['end']), "
		   "e.perms, e.offset, e.dev, e.inode, e.file) end", 0,
		   "0x40000000\t0x40001000\trw-p\t0\t00:00\t0\tnil\n"
		   "0x40002000\t0x40004000\tr-xp\t8192\t08:01\t12\tdata\n");
	expect_run("lua print(#vm.maps(1), vm.maps(9))", 0, "2\tnil\tESRCH\tno process 9\n");
}

Test(lua, vma_returns_the_vm_area_struct_fields_or_nil)
{
	expect_run("mmap 0x40000000 8k rw- private,anon", 0, "0x40000000\n");
	expect_run("lua v = vm.vma(0x40001fff); print(vm.hex(v.vm_start), vm.hex(v.vm_end), "
		   "vm.hex(v.vm_flags), table.concat(v.flags, '|'), v.vm_pgoff, v.vm_file, "
		   "v.anon_vma, v.rb_color, vm.hex(v.vm_page_prot))", 0,
		   "0x40000000\t0x40002000\t0x00100073\t"
		   "VM_READ|VM_WRITE|VM_MAYREAD|VM_MAYWRITE|VM_MAYEXEC|VM_ACCOUNT\t"
		   "262144\tnil\tnil\tblack\t0x00000025\n");
	expect_run("lua print(vm.vma(0x40002000), #vm.vma())", 0, "nil\t1\n");
}

Test(lua, mm_returns_the_mm_struct_fields_by_kernel_name)
{
	/* AA.B then B unmapped: map_count 1, total_vm 2, hiwater_vm 3 */
	expect_run("mmap 0x40000000 8k rw- private,anon; mmap 0x40003000 4k r-- private,anon; "
		   "munmap 0x40003000 4k", 0, "0x40000000\n0x40003000\n");
	/* init's page directory is frame 1 (frame 0 is the zero page): cr3 0x1000 */
	expect_run("lua mm = vm.mm(); print(mm.map_count, mm.total_vm, mm.hiwater_vm, "
		   "vm.hex(mm.mmap), mm.mmap_cache, mm.mm_users, vm.hex(mm.pgd), mm.nr_ptes, "
		   "vm.hex(mm.highest_vm_end))", 0,
		   "1\t2\t3\t0x40000000\tnil\t1\t0x00001000\t0\t0x40002000\n");
}

Test(lua, ps_and_files_return_rows)
{
	expect_run("file lib 8k; mmap - 8k r-- shared lib", 0, "0x40000000\n");
	expect_run("lua p = vm.ps()[1]; print(#vm.ps(), p.pid, p.ppid, p.state, p.comm, "
		   "p.map_count, p.total_vm, p.current)", 0, "1\t1\t0\tR\tinit\t1\t2\ttrue\n");
	expect_run("lua f = vm.files()[1]; print(f.name, f.size, f.inode, f.mappings, f.i_writecount)",
		   0, "lib\t8192\t12\t1\t0\n");
}

/*
 * A.BC  A touched for write (no byte), B written, C a shared file page read:
 * frames 3, 4, 5 after the zero page, init's page directory and the table.
 */
Test(lua, pt_and_frames_return_the_ptes_and_frames_in_use)
{
	expect_run("mmap 0x40000000 12k rw- private,anon; touch 0x40000000 w; "
		   "write 0x40002000 \"x\"; file f 4k; mmap - 4k r-- shared f; touch 0x40003000",
		   0, "0x40000000\n0x40003000\n");
	expect_run("lua for _, p in ipairs(vm.pt().pdes[1].ptes) do print(vm.hex(p.addr), p.frame, p.present, "
		   "p.rw, p.dirty) end", 0,
		   "0x40000000\t3\ttrue\ttrue\ttrue\n"
		   "0x40002000\t4\ttrue\ttrue\ttrue\n"
		   "0x40003000\t5\ttrue\tfalse\tfalse\n");
	expect_run("lua print(#vm.pt('0x40001000+4k').pdes[1].ptes, "
		   "vm.pt('0x40002abc+1').pdes[1].ptes[1].frame, vm.pt(0x40002000).pdes[1].nr_ptes)",
		   0, "0\t4\t3\n");
	expect_run("lua for _, f in ipairs(vm.frames().frames) do print(f.pfn, f.kind, f.count, "
		   "f.mapcount, f.written) end", 0,
		   "0\tzero\t1\t0\tfalse\n"
		   "1\tpgtable\t1\t0\ttrue\n"
		   "2\tpgtable\t1\t0\ttrue\n"
		   "3\tanon\t1\t1\tfalse\n"
		   "4\tanon\t1\t1\ttrue\n"
		   "5\tfile\t2\t1\tfalse\n");
}

/* An exited process has no page tables: vm.pt of it fails as pt 2 does (it used to crash). */
Test(lua, pt_of_an_exited_process_fails)
{
	expect_run("mmap 0x40000000 4k rw- private,anon; touch 0x40000000 w; fork; exit 2", 0,
		   "0x40000000\n2\n");
	expect_run("lua print(vm.pt(nil, 2))", 0,
		   "nil\tESRCH\tprocess 2 has exited (its memory is gone)\n");
	expect_run("lua print(vm.pt(0x40000000, 2))", 0,
		   "nil\tESRCH\tprocess 2 has exited (its memory is gone)\n");
	expect_run("lua print(#vm.pt(nil, 1).pdes)", 0, "1\n");
}

/* ---- vm.cmd ---- */

Test(lua, cmd_returns_what_the_commands_printed_in_order)
{
	expect_run("lua t, ok = vm.cmd('mmap 0x40000000 4k rw- private,anon; munmap 1 1; maps')", 0, "");
	expect_run("lua print(t .. tostring(ok))", 0,
		   "0x40000000\n"
		   "munmap: EINVAL: 0x00000001 is not page aligned\n"
		   "40000000-40001000 rw-p 00000000 00:00 0 \n"
		   "false\n");
	expect_run("lua print(vm.cmd('brk\\nbrk'))", 0, "0x00000000\n0x00000000\n\ttrue\n");
	cr_assert_eq(sh.status, 0);
}

Test(lua, lua_code_is_the_rest_of_the_line_verbatim)
{
	expect_run("lua print(#'a;b', \"x # y\") -- a Lua comment; not two commands", 0, "3\tx # y\n");
	expect_run("lua 6 * 7, 'and', nil", 0, "42\tand\tnil\n");
}

/* ---- hooks ---- */

Test(lua, hooks_see_split_merge_and_munmap_events_with_their_fields)
{
	/*
	 * AAAA -> A.AA (munmap: two splits) -> A.BA (mprotect: one split)
	 *      -> A.AA (mprotect back: merge case 8)
	 */
	run("lua log = {}; for _, e in ipairs{'split', 'merge', 'munmap'} do "
	    "vm.on(e, function(ev) log[#log + 1] = string.format('%s %s %x-%x %d %s', "
	    "ev.event, ev.func, ev.start, ev['end'], ev.value, "
	    "ev.vma and string.format('%x-%x', ev.vma.start, ev.vma['end']) or '-') end) end");
	expect_run("mmap 0x40000000 16k rw- private,anon; munmap 0x40001000 4k; "
		   "mprotect 0x40002000 4k r--; mprotect 0x40002000 4k rw-", 0, "0x40000000\n");
	expect_run("lua print(table.concat(log, '\\n'))", 0,
		   "split split_vma 40001000-40004000 0 40000000-40004000\n"
		   "split split_vma 40001000-40002000 1 40001000-40004000\n"
		   "munmap do_munmap 40001000-40002000 0 -\n"
		   "split split_vma 40003000-40004000 0 40002000-40004000\n"
		   "merge vma_merge 40002000-40004000 8 40002000-40004000\n");
}

Test(lua, a_hook_gets_the_vma_as_it_was_when_the_event_came)
{
	expect_run("lua vm.on('remove', function(ev) print(ev.func, vm.hex(ev.vma.start), "
		   "vm.hex(ev.vma['end']), ev.vma.pgoff, vm.hex(ev.vma.flags)) end)", 0, "1\n");
	expect_run("mmap 0x40000000 8k rw- private,anon; munmap 0x40000000 8k", 0,
		   "0x40000000\nremove_vm_struct\t0x40000000\t0x40002000\t262144\t0x00100073\n");
}

Test(lua, hooks_run_after_the_operation_and_may_call_vm)
{
	/* in every hook the machine is whole: the validator passes, and the hook can map */
	run("lua n = 0; vm.on('*', function(ev) assert(vm.validate()); n = n + 1 end)");
	run("lua vm.on('split', function(ev) vm.mmap(0x50000000, 4096, 'rw-', 'private,anon,fixed') end)");
	output();	/* the handles */
	expect_run("mmap 0x40000000 16k rw- private,anon; munmap 0x40001000 4k", 0, "0x40000000\n");
	CHECK_VALID();
	expect_run("lua print(n > 10, #vm.maps())", 0, "true\t3\n");
	expect_run("lua print(vm.off('*'), vm.off())", 0, "1\t1\n");
	CHECK_DIFF_ONLY();	/* no hook and no trace: every event is not wanted any more */
}

Test(lua, a_hook_error_is_reported_and_stops_nothing)
{
	run("lua vm.on('split', function() error('boom') end); "
	    "seen = 0; vm.on('split', function() seen = seen + 1 end)");
	expect_has("mmap 0x40000000 16k rw- private,anon; munmap 0x40001000 4k; maps", 0,
		   "lua: hook for split: stdin:1: boom\nstack traceback:\n");
	expect_run("lua print(seen)", 0, "2\n");
	cr_assert_eq(sh.status, 0);
}

Test(lua, hooks_that_feed_themselves_are_bounded)
{
	/*
	 * The command's own mmap runs the hook, whose mmap's event runs it
	 * again ... 10000 times: 10001 pages r--, merged into one VMA after
	 * the command's page rw-; the 10001st hook-made event is dropped.
	 */
	run("lua h = vm.on('mmap', function(ev) vm.mmap(nil, 4096, 'r--', 'private,anon') end)");
	expect_run("mmap - 4k rw- private,anon", 0,
		   "0x40000000\n"
		   "lua: 1 event not given to hooks: the events hooks caused ran hooks 10000 times\n");
	CHECK_VALID();
	expect_run("lua print(#vm.maps(), vm.mm().total_vm)", 0, "2\t10002\n");
}

Test(lua, off_removes_by_handle_event_and_function)
{
	run("lua f = function() end; a = vm.on('split', f); b = vm.on('split', print); "
	    "c = vm.on('merge', f)");
	expect_run("lua print(a, b, c, vm.off(b), vm.off('split', f), vm.off('merge'), vm.off())",
		   0, "1\t2\t3\t1\t1\t1\t0\n");
}

Test(lua, an_unknown_event_lists_the_names)
{
	expect_has("lua vm.on('splot', print)", -1,
		   "bad argument #1 to 'on' (unknown event 'splot'; events: enter leave step lookup "
		   "split merge insert detach unmap remove mmap munmap mprotect mlock madvise mremap "
		   "brk exec fault cow fork exit oom account *)");
}

/* ---- limits and errors ---- */

Test(lua, the_instruction_limit_stops_a_runaway_loop)
{
	sh.lua_max_instructions = 100000;
	expect_has("lua while true do end", -1, "lua: instruction limit reached\nstack traceback:\n");
	expect_has("lua while true do pcall(function() while true do end end) end", -1,
		   "lua: instruction limit reached");
	expect_run("lua print('still here')", 0, "still here\n");
}

Test(lua, the_memory_cap_stops_a_huge_table)
{
	sh.lua_max_memory = 8 << 20;
	expect_run("lua t = {}; for i = 1, 1e8 do t[i] = i end", -1, "lua: not enough memory\n");
	expect_run("lua t = nil; collectgarbage(); print(collectgarbage('count') < 1024)", 0, "true\n");
}

/* write_file - a temporary file holding text; its name, malloc'd. */
static char *write_file(const char *text)
{
	char *path = strdup("/tmp/test_lua_XXXXXX.lua");
	int fd = mkstemps(path, 4);

	cr_assert(fd >= 0, "mkstemps failed");
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

Test(lua, a_syntax_error_in_a_file_reports_file_and_line)
{
	char *path = write_file("x = 1\n\ny = = 2\n");
	char want[256];

	cr_assert_eq(vmsh_run_script(&sh, path), -1);
	snprintf(want, sizeof(want), "lua: %s:3: unexpected symbol near '='\n", path);
	cr_assert_str_eq(output(), want);
	unlink(path);
	free(path);
}

Test(lua, a_runtime_error_in_a_file_has_a_traceback_with_file_and_line)
{
	char *path = write_file("local function f()\n  error('deep')\nend\nf()\n");
	char want[512];

	cr_assert_eq(vmsh_run_script(&sh, path), -1);
	snprintf(want, sizeof(want),
		 "lua: %s:2: deep\nstack traceback:\n\t[C]: in function 'error'\n"
		 "\t%s:2: in local 'f'\n\t%s:4: in main chunk\n\t[C]: in ?\n", path, path, path);
	cr_assert_str_eq(output(), want);
	unlink(path);
	free(path);
}

Test(lua, lua_in_a_script_reports_the_scripts_line)
{
	char *path = write_file("");
	FILE *f = fopen(path, "w");

	fputs("# a script\nlua x = 1\nlua\ny = 2\ny = = 3\n.\nlua error('late')\n", f);
	fclose(f);
	sh.where.name = "s.vmsh";
	f = fopen(path, "r");
	cr_assert_eq(vmsh_run_stream(&sh, f), -1);
	fclose(f);
	cr_assert_str_eq(output(),
			 "lua: s.vmsh:5: unexpected symbol near '='\n"
			 "lua: s.vmsh:7: late\nstack traceback:\n\t[C]: in function 'error'\n"
			 "\ts.vmsh:7: in main chunk\n\t[C]: in ?\n");
	unlink(path);
	free(path);
}

Test(lua, the_prompt_continues_incomplete_chunks_and_prints_expressions)
{
	static const char input[] = "lua\nt = {\n 1, 2,\n 3 }\n#t\n1 +\n1\nprint('x')\n.\nmaps\n";
	FILE *f = fmemopen((void *)input, sizeof(input) - 1, "r");

	cr_assert_eq(vmsh_run_stream(&sh, f), 0);
	fclose(f);
	cr_assert_str_eq(output(), "3\n2\nx\n");
}

Test(lua, the_prompt_reports_a_chunk_left_incomplete_at_eof)
{
	static const char input[] = "lua\nfor i = 1, 2 do\n";
	FILE *f = fmemopen((void *)input, sizeof(input) - 1, "r");

	cr_assert_eq(vmsh_run_stream(&sh, f), -1);
	fclose(f);
	cr_assert_str_eq(output(), "lua: stdin:1: 'end' expected near <eof>\n");
}

Test(lua, help_lua_names_every_event)
{
	const struct vmsh_command *c = vmsh_find_command("lua");
	int t;

	for (t = 0; t < VM_EV__COUNT; t++)
		cr_assert(strstr(c->help, vm_event_name((enum vm_event_type)t)),
			  "help lua does not name event %s", vm_event_name((enum vm_event_type)t));
}

/*
 * A hook on "fault" sees each page fault once, as min_flt/maj_flt count
 * them. Pages:  pid 1 writes P0 (1), forks; both write all 16 pages:
 * pid 1 copies P0 (COW) and faults P1..P15 in (16); pid 2 reuses P0
 * (its mapcount is now 1) and faults P1..P15 in (16); reads fault nothing.
 */
Test(lua, fault_hook_counts_what_the_kernel_counts)
{
	expect_run("mmap 0x40000000 64k rw- private,anon; touch 0x40000000 w", 0, "0x40000000\n");
	expect_run("lua n = 0; vm.on('fault', function(e) n = n + 1 end)", 0, "");
	expect_run("fork; touch 0x40000000 64k w; use 2; touch 0x40000000 64k w; "
		   "touch 0x40000000 64k r; use 1", 0, "2\n");
	expect_run("lua print(n, vm.status(1).min_flt + vm.status(2).min_flt - 1)", 0, "32\t32\n");
}
