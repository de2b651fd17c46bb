/*
 * test_trace.c - Criterion tests for `trace` (shell/trace.c): the engine's
 * events printed before a command's result, indented by call depth. The
 * munmap in the middle of a VMA must read as seed 002 walks do_munmap:
 * find_vma_prev, split_vma (new_below=0), split_vma (new_below=1),
 * detach_vmas_to_be_unmapped, unmap_region, unmap_vma, remove_vm_struct.
 *
 * Pictures: one character per page from 40000000, '.' for a page no VMA
 * maps, one letter per VMA.
 */
#include "shtest.h"

TestSuite(trace, .init = sh_setup, .fini = sh_teardown);

Test(trace, munmap_in_the_middle_lists_the_seeds_steps_in_order)
{
	/* before: AAAAAAAA (file data, pgoff 0)   after: AA.BBBBB (B at pgoff 3) */
	expect_run("file data 32k; mmap 0x40000000 32k rw- private data; trace on", 0,
		   "0x40000000\n");
	expect_run("munmap 0x40002000 4k", 0,
		   "do_munmap(start=40002000, len=0x1000)\n"
		   "  find_vma_prev(40002000) = 40000000-40008000, prev = NULL\n"
		   "  split_vma(40000000-40008000, addr=40002000, new_below=0)\n"
		   "    split_vma: new VMA 40002000-40008000 above addr (vm_pgoff 2); "
		   "the old one keeps 40000000-40002000\n"
		   "    vma_link: insert 40002000-40008000, map_count=2\n"
		   "  split_vma(40002000-40008000, addr=40003000, new_below=1)\n"
		   "    split_vma: new VMA 40002000-40003000 below addr (vm_pgoff 2); "
		   "the old one keeps 40003000-40008000\n"
		   "    vma_link: insert 40002000-40003000, map_count=3\n"
		   "  detach_vmas_to_be_unmapped: 1 VMA detached from 40002000-40003000, map_count=2\n"
		   "  unmap_region(40002000-40003000): 0 PTEs zapped, rss 0 -> 0, 0 page tables freed\n"
		   "  unmap_vma: total_vm -= 1 -> 7\n"
		   "  remove_vm_struct: free 40002000-40003000, fput\n"
		   "do_munmap: unmapped 40002000-40003000\n");
	expect_run("trace off; maps", 0,
		   "40000000-40002000 rw-p 00000000 08:01 12         data\n"
		   "40003000-40008000 rw-p 00003000 08:01 12         data\n");
}

Test(trace, a_failing_call_shows_its_error_before_the_message)
{
	expect_run("trace on; munmap 0x40000001 4k", -1,
		   "do_munmap(start=40000001, len=0x1000)\n"
		   "= -EINVAL\n"
		   "munmap: EINVAL: 0x40000001 is not page aligned\n");
}

Test(trace, mmap_shows_the_address_it_returns_then_the_result)
{
	/* before: A...  after: AAA. (vma_merge case 2: the new range joins prev) */
	expect_run("mmap 0x40000000 4k rw- private,anon; trace on; mmap 0x40001000 8k rw- private,anon",
		   0,
		   "0x40000000\n"
		   "do_mmap_pgoff(addr=40001000, len=0x2000, prot=0x3, flags=0x22, pgoff=0)\n"
		   "  vma_merge: case 2: 40001000-40003000 merged into 40000000-40003000\n"
		   "  do_mmap_pgoff: mapped 40001000-40003000\n"
		   "= 0x40001000\n"
		   "0x40001000\n");
}

Test(trace, off_by_default_and_says_its_state)
{
	expect_run("trace; mmap - 4k rw- private,anon", 0, "trace off\n0x40000000\n");
	expect_run("trace on; trace", 0, "trace on\n");
	cr_assert_not_null(m->observer);
	expect_run("trace off; trace", 0, "trace off\n");
	CHECK_DIFF_ONLY();
	expect_has("trace sideways", -1, "trace: usage: trace [on|off]: want on or off");
}

Test(trace, lua_calls_are_traced_too_and_vm_cmd_captures_the_trace)
{
	expect_run("trace on; lua vm.munmap(0x40000000, 4096)", 0,
		   "do_munmap(start=40000000, len=0x1000)\n"
		   "  find_vma_prev(40000000) = NULL, prev = NULL\n"
		   "  do_munmap: no VMA overlaps 40000000-40001000: nothing to do\n"
		   "do_munmap: unmapped 40000000-40001000\n"
		   "true\n");
	expect_run("lua t = vm.cmd('brk 0'); print(#t > 0, t:match('^sys_brk%(00000000%)') ~= nil)",
		   0, "true\ttrue\n");
}

Test(trace, every_line_is_an_engine_event_the_hooks_see_too)
{
	char *trace, *texts, *line, *text, *save1, *save2;

	/* AAAA, then mprotect the middle: ABBA */
	run("mmap 0x40000000 16k rw- private,anon");
	run("lua texts = {}; vm.on('*', function(ev) if ev.event ~= 'leave' then "
	    "texts[#texts + 1] = ev.text end end)");
	output();
	cr_assert_eq(run("trace on; mprotect 0x40001000 8k r--; trace off"), 0);
	trace = strdup(output());
	cr_assert_eq(run("lua print(table.concat(texts, '\\n'))"), 0);
	texts = strdup(output());
	line = strtok_r(trace, "\n", &save1);
	text = strtok_r(texts, "\n", &save2);
	for (; line && text; line = strtok_r(NULL, "\n", &save1), text = strtok_r(NULL, "\n", &save2)) {
		size_t n = strlen(line), k = strlen(text);

		cr_assert(n >= k && strcmp(line + n - k, text) == 0,
			  "trace line '%s' is not the event text '%s'", line, text);
	}
	cr_assert(!line && !text, "trace and events differ in number: '%s' / '%s'",
		  line ? line : "", text ? text : "");
	free(trace);
	free(texts);
}
