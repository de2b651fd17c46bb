/*
 * commands.c - THE command table and its handlers. Each entry gives a
 * command's handler, arity, usage, help text and argument completion;
 * dispatch, `help`, usage errors and tab completion all read it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vmcore.h"
#include "commands.h"
#include "cmd_paging.h"
#include "dump.h"
#include "repl.h"
#include "observer.h"
#include "trace.h"
#include "vmlua.h"

#define QUOTE_BUF	VMSH_QUOTE_BUF	/* each may become \xHH, plus "..." */

/* ---- the table ---- */

static int cmd_mmap(struct vmsh *sh, int argc, char **argv);
static int cmd_munmap(struct vmsh *sh, int argc, char **argv);
static int cmd_mprotect(struct vmsh *sh, int argc, char **argv);
static int cmd_madvise(struct vmsh *sh, int argc, char **argv);
static int cmd_mlock(struct vmsh *sh, int argc, char **argv);
static int cmd_munlock(struct vmsh *sh, int argc, char **argv);
static int cmd_mremap(struct vmsh *sh, int argc, char **argv);
static int cmd_brk(struct vmsh *sh, int argc, char **argv);
static int cmd_exec(struct vmsh *sh, int argc, char **argv);
static int cmd_file(struct vmsh *sh, int argc, char **argv);
static int cmd_files(struct vmsh *sh, int argc, char **argv);
static int cmd_ps(struct vmsh *sh, int argc, char **argv);
static int cmd_use(struct vmsh *sh, int argc, char **argv);
static int cmd_maps(struct vmsh *sh, int argc, char **argv);
static int cmd_vma(struct vmsh *sh, int argc, char **argv);
static int cmd_mm(struct vmsh *sh, int argc, char **argv);
static int cmd_rb(struct vmsh *sh, int argc, char **argv);
static int cmd_sysctl(struct vmsh *sh, int argc, char **argv);
static int cmd_validate(struct vmsh *sh, int argc, char **argv);
static int cmd_source(struct vmsh *sh, int argc, char **argv);
static int cmd_help(struct vmsh *sh, int argc, char **argv);
static int cmd_quit(struct vmsh *sh, int argc, char **argv);

static const struct vmsh_command commands[] = {
	{ "mmap", cmd_mmap, 4, 6, CMD_NEEDS_MM,
	  "mmap ADDR|- LEN PROT FLAGS [FILE [OFFSET]]",
	  "map memory (do_mmap_pgoff); prints the address",
	  "Maps LEN bytes at ADDR, or where the kernel chooses with -: bottom-up\n"
	  "from TASK_UNMAPPED_BASE (0x40000000), first fit, honouring a free\n"
	  "page-aligned hint. PROT is rwx-style (rw-, r-x, ---) or none. FLAGS is\n"
	  "a comma list: private or shared, plus any of anon, fixed, locked,\n"
	  "noreserve, populate, growsdown. Without anon, FILE names a file made\n"
	  "with `file`; each mmap opens it anew (read-write when shared and\n"
	  "writable, else read-only). OFFSET is in bytes, page aligned.\n"
	  "Prints the start address, 0x%08lx.\n"
	  "  mmap - 16k rw- private,anon\n"
	  "  mmap 0x50000000 8k r-- shared data 4k",
	  { VC_ADDR_OR_DASH, VC_NONE, VC_PROT, VC_FLAGS, VC_VFILE, VC_NONE },
	  "axsss?x?" },
	{ "munmap", cmd_munmap, 2, 2, CMD_NEEDS_MM,
	  "munmap ADDR LEN",
	  "unmap a range (do_munmap)",
	  "Unmaps [ADDR, ADDR+LEN): VMAs partly inside are split first\n"
	  "(split_vma), then the ones inside are detached and freed. A range\n"
	  "that maps nothing succeeds. EINVAL for an unaligned ADDR, a zero LEN\n"
	  "or a range past TASK_SIZE; ENOMEM when a split would pass\n"
	  "vm.max_map_count.",
	  { VC_ADDR },
	  "xx" },
	{ "mprotect", cmd_mprotect, 3, 3, CMD_NEEDS_MM,
	  "mprotect ADDR LEN PROT",
	  "change protection (mprotect_fixup)",
	  "Sets the protection of [ADDR, ADDR+LEN) to PROT, splitting VMAs at the\n"
	  "range's ends and merging neighbours that become alike (vma_merge).\n"
	  "ENOMEM if part of the range is unmapped; EACCES when PROT asks for a\n"
	  "right the mapping may not have (write to a read-only shared file).",
	  { VC_ADDR, VC_NONE, VC_PROT },
	  "xxs" },
	{ "madvise", cmd_madvise, 3, 3, CMD_NEEDS_MM,
	  "madvise ADDR LEN ADVICE",
	  "give paging advice (sys_madvise)",
	  "ADVICE is one of normal random sequential willneed dontneed dontfork\n"
	  "dofork. random/sequential set VM_RAND_READ/VM_SEQ_READ, dontfork sets\n"
	  "VM_DONTCOPY: VMAs split and merge as for mprotect.",
	  { VC_ADDR, VC_NONE, VC_ADVICE },
	  "xxs" },
	{ "mlock", cmd_mlock, 2, 2, CMD_NEEDS_MM,
	  "mlock ADDR LEN",
	  "lock pages in memory (VM_LOCKED)",
	  "Sets VM_LOCKED on [ADDR, ADDR+LEN), splitting and merging VMAs, and\n"
	  "counts the pages in locked_vm. ENOMEM if part of the range is\n"
	  "unmapped.",
	  { VC_ADDR },
	  "xx" },
	{ "munlock", cmd_munlock, 2, 2, CMD_NEEDS_MM,
	  "munlock ADDR LEN",
	  "unlock pages (clear VM_LOCKED)",
	  "Clears VM_LOCKED on [ADDR, ADDR+LEN), the reverse of mlock.",
	  { VC_ADDR },
	  "xx" },
	{ "mremap", cmd_mremap, 3, 5, CMD_NEEDS_MM,
	  "mremap ADDR OLDLEN NEWLEN [maymove|fixed NEWADDR]",
	  "resize or move a mapping; prints the address",
	  "Grows or shrinks the mapping at ADDR from OLDLEN to NEWLEN bytes. With\n"
	  "maymove it may move when it cannot grow in place (MREMAP_MAYMOVE);\n"
	  "fixed NEWADDR moves it there (MREMAP_FIXED|MREMAP_MAYMOVE).\n"
	  "Prints the resulting address.",
	  { VC_ADDR, VC_NONE, VC_NONE, VC_MREMAP, VC_NONE },
	  "xxxs?x?" },
	{ "brk", cmd_brk, 0, 1, CMD_NEEDS_MM,
	  "brk [ADDR]",
	  "move the program break; prints it",
	  "Without ADDR prints the break. With ADDR asks sys_brk to move it there\n"
	  "and prints the new break; like the kernel, a break that cannot move\n"
	  "stays where it was, and vmsh then reports ENOMEM as brk(2) does.",
	  { VC_NONE },
	  "x?" },
	{ "touch", cmd_touch, 1, 3, CMD_NEEDS_MM,
	  "touch ADDR [LEN] [r|w|x]",
	  "access memory, faulting pages in (do_page_fault)",
	  "The current process's CPU reads (r, the default), writes (w) or\n"
	  "executes (x) every page of [ADDR, ADDR+LEN), LEN one page by\n"
	  "default (touch ADDR w leaves it out); no bytes change. Each page goes\n"
	  "through the page tables; a missing or read-only PTE faults:\n"
	  "do_anonymous_page (a read maps the zero page, a write a zeroed frame\n"
	  "of its own), do_no_page from the file's page cache, do_wp_page's\n"
	  "copy-on-write. No VMA, or one without the right, is a fatal SIGSEGV;\n"
	  "past the end of a mapped file, SIGBUS; running out of frames, the OOM\n"
	  "killer's SIGKILL. The process is killed (it becomes a zombie), except\n"
	  "init, which survives it. The fault is one line, `touch: SIGSEGV at\n"
	  "0x%08lx` (SIGBUS, or `touch: out of memory: killed process N\n"
	  "(COMM)`), whichever of touch, read and write made the access. Prints\n"
	  "nothing else.",
	  { VC_ADDR, VC_ACCESS, VC_ACCESS },	/* the mode may stand for LEN */
	  "xv?v?" },
	{ "read", cmd_read, 2, 2, CMD_NEEDS_MM,
	  "read ADDR LEN",
	  "load bytes; prints them as hexdump -C",
	  "Reads [ADDR, ADDR+LEN) as the process would, faulting pages in, and\n"
	  "prints them in hexdump -C's layout with the virtual address as the\n"
	  "offset: 16 bytes a line in hex and ASCII, * for repeated lines, the\n"
	  "end address last. Untouched anonymous memory reads as zeros (the zero\n"
	  "page), a file's page N as the letter 'A' + N % 26. All pages are\n"
	  "brought in before anything is printed: a fatal fault prints only\n"
	  "the fault, as touch does.",
	  { VC_ADDR },
	  "xx" },
	{ "write", cmd_write, 2, 2, CMD_NEEDS_MM | CMD_BYTES,
	  "write ADDR STRING",
	  "store bytes",
	  "Writes the bytes of STRING at ADDR, faulting pages in for write:\n"
	  "copy-on-write where a page is shared after fork or private to a\n"
	  "file. \"...\" quotes spaces; \\xHH, \\0, \\n and \\t give any byte\n"
	  "(help syntax). Faults as touch does.\n"
	  "  write 0x40000000 \"hello, world\\n\"",
	  { VC_ADDR, VC_NONE },
	  "xs" },
	{ "exec", cmd_exec, 1, 5, CMD_NEEDS_MM,
	  "exec PATH [text=N] [data=N] [bss=N] [stack=N]",
	  "replace the address space with an i386 ELF layout",
	  "Replaces the current process's address space by a classic i386 ELF\n"
	  "image named PATH: text at 0x08048000, then data, bss and the heap\n"
	  "(start_brk), and the stack below TASK_SIZE. Sizes default to\n"
	  "text=32k data=8k bss=8k stack=132k.",
	  { VC_NONE, VC_EXEC_KV, VC_EXEC_KV, VC_EXEC_KV, VC_EXEC_KV },
	  "ss*" },
	{ "file", cmd_file, 2, 2, 0,
	  "file NAME SIZE",
	  "create a file of SIZE bytes",
	  "Creates the file NAME of SIZE bytes; page N holds the letter\n"
	  "'A' + N % 26. mmap maps it by NAME.",
	  { VC_NONE },
	  "sx" },
	{ "files", cmd_files, 0, 0, 0,
	  "files",
	  "list files: size, inode, pages cached, mappings, i_writecount",
	  "One line per file: its size in bytes, inode number, pages in the page\n"
	  "cache, VMAs on its share list (i_mmap) and i_writecount (opens for\n"
	  "write, negative while deny_write_access holds it).",
	  { VC_NONE },
	  "" },
	{ "fork", cmd_fork, 0, 0, CMD_NEEDS_MM,
	  "fork",
	  "copy the current process (copy-on-write); prints the child's pid",
	  "do_fork without CLONE_VM: dup_mmap copies each VMA but VM_DONTCOPY\n"
	  "ones (VM_LOCKED is cleared in the copy) and, for the VMAs that have\n"
	  "an anon_vma, the PTEs: private writable pages are write-protected in\n"
	  "both processes, so the first write copies (do_wp_page). Other VMAs\n"
	  "get no PTEs: faults fill them again. The current process stays the\n"
	  "same (use PID switches to the child).",
	  { VC_NONE },
	  "" },
	{ "clone", cmd_clone, 0, 0, CMD_NEEDS_MM,
	  "clone",
	  "make a child sharing the address space (CLONE_VM); prints its pid",
	  "do_fork with CLONE_VM: the child uses the same mm_struct (mm_users\n"
	  "goes up by one), as a thread does. Its exit only drops mm_users; the\n"
	  "memory goes when the last user exits.",
	  { VC_NONE },
	  "" },
	{ "exit", cmd_exit, 0, 2, 0,
	  "exit [PID] [CODE]",
	  "end a process (the current one by default) and release its memory",
	  "sys_exit: exit_mm gives up the address space (mmput; exit_mmap frees\n"
	  "the pages and page tables when it was the last user) and the process\n"
	  "stays a zombie, holding no memory, until its parent reaps it with\n"
	  "wait. Its children go to init, which reaps the exited ones. CODE is\n"
	  "0 by default, kept modulo 256. init cannot exit (EPERM). The shell\n"
	  "does not switch process when the current one exits.",
	  { VC_PID, VC_NONE },
	  "n?n?" },
	{ "wait", cmd_wait, 0, 1, CMD_NEEDS_MM,
	  "wait [PID]",
	  "reap an exited child of the current process",
	  "The current process reaps its zombie child PID, or any zombie child:\n"
	  "prints `pid N exited with code C` or `pid N killed by SIGNAL`, and adds\n"
	  "the child's fault counts (and its children's) to cmin_flt and\n"
	  "cmaj_flt. ECHILD when there is no such child, EAGAIN when none has\n"
	  "exited yet (wait never blocks).",
	  { VC_PID },
	  "n?" },
	{ "ps", cmd_ps, 0, 0, 0,
	  "ps",
	  "list processes (* marks the current one)",
	  "PID, parent PID, state (R running, Z zombie), number of VMAs, virtual\n"
	  "size (VSZ: total_vm * 4), resident size (RSS, kB: pages mapped but\n"
	  "the zero page), minor and major faults, command name.",
	  { VC_NONE },
	  "" },
	{ "use", cmd_use, 1, 1, 0,
	  "use PID",
	  "make PID the current process",
	  "Commands act on the current process, shown in the prompt. use\n"
	  "switches to another live process.",
	  { VC_PID },
	  "n" },
	{ "maps", cmd_maps, 0, 1, 0,
	  "maps [PID]",
	  "show /proc/PID/maps",
	  "One line per VMA in the kernel's format:\n"
	  "  start-end perms offset major:minor inode  name\n"
	  "perms are rwx and p (private) or s (shared); the offset is 0 for\n"
	  "anonymous memory; the name is the file, [heap], [stack] or\n"
	  "/dev/zero (deleted) for shared anonymous memory, in the column i386\n"
	  "kernels use.",
	  { VC_PID },
	  "n?" },
	{ "smaps", cmd_smaps, 0, 1, 0,
	  "smaps [PID]",
	  "show /proc/PID/smaps",
	  "For each VMA its maps line, then the kernel's smaps fields in its\n"
	  "layout: Size, KernelPageSize, MMUPageSize, Rss, Pss, Shared_Clean,\n"
	  "Shared_Dirty, Private_Clean, Private_Dirty, Referenced, Anonymous,\n"
	  "Swap, SwapPss, Locked (kB) and VmFlags. Rss counts present pages but\n"
	  "the zero page; a page mapped N times is Shared and counts 1/N in Pss;\n"
	  "dirty is the PTE's D bit or the page's. vmsh does not swap: Swap and\n"
	  "SwapPss are 0. Fields today's kernel adds (Pss_Dirty, KSM, ...) are\n"
	  "left out.",
	  { VC_PID },
	  "n?" },
	{ "status", cmd_status, 0, 1, 0,
	  "status [PID]",
	  "show /proc/PID/status: Vm* lines and fault counters",
	  "Name, State (R (running) or Z (zombie)), Pid, PPid, then, while it\n"
	  "has an address space, the kernel's VmPeak VmSize VmLck VmHWM VmRSS\n"
	  "VmData VmStk VmExe VmLib VmPTE lines. vmsh adds the fault counters\n"
	  "the kernel shows in /proc/PID/stat: min_flt, maj_flt, and cmin_flt,\n"
	  "cmaj_flt of the reaped children.",
	  { VC_PID },
	  "n?" },
	{ "vma", cmd_vma, 0, 1, CMD_NEEDS_MM,
	  "vma [ADDR]",
	  "dump vm_area_struct fields",
	  "Dumps every VMA of the current process, or the one holding ADDR: its\n"
	  "vm_start, vm_end, vm_flags decoded, vm_page_prot, vm_pgoff, vm_file,\n"
	  "anon_vma (its number and refcount: the VMAs sharing it), vm_ops,\n"
	  "vm_next, rb colour and rb_subtree_gap.",
	  { VC_ADDR },
	  "x?" },
	{ "mm", cmd_mm, 0, 0, CMD_NEEDS_MM,
	  "mm",
	  "dump the mm_struct of the current process",
	  "mmap, mm_rb, mmap_cache, map_count, the page counters (total_vm,\n"
	  "locked_vm, shared_vm, exec_vm, stack_vm, rss ...), mm_users,\n"
	  "mm_count, def_flags, the layout (start_code .. env_end), pgd (the\n"
	  "page directory's physical address, what cr3 holds, and its frame),\n"
	  "nr_ptes (page tables) and highest_vm_end.",
	  { VC_NONE },
	  "" },
	{ "pt", cmd_pt, 0, 1, CMD_NEEDS_MM,
	  "pt [ADDR]",
	  "dump the page directory and page tables",
	  "The current process's page directory (cr3: its frame << 12, nr_ptes\n"
	  "and rss in the header), then each present PDE (or only the one\n"
	  "covering ADDR): index, the 4 MiB it covers, value, frame and bits,\n"
	  "and under it each PTE that is not none: index, virtual address,\n"
	  "value, frame, bits, and what the frame holds. Bits: P present, RW\n"
	  "writable, US user, A accessed, D dirty, '-' when clear; PROTNONE\n"
	  "marks a PROT_NONE page (mapped, not accessible).",
	  { VC_ADDR },
	  "x?" },
	{ "translate", cmd_translate, 1, 1, CMD_NEEDS_MM,
	  "translate ADDR",
	  "walk the page tables for one address, like crash's vtop",
	  "Shows the virtual and physical address, then each step of the i386\n"
	  "walk: the page directory (cr3), the PDE (cr3 + index * 4) and its\n"
	  "value, the PTE (table frame << 12 + index * 4) and its value, the\n"
	  "page frame; then the VMA and the struct page (count, mapcount, what\n"
	  "it maps, dirty, contents written). When the walk stops (no page\n"
	  "table, PTE none, not present) it says where, and what a touch would\n"
	  "do: fault the page in, or SIGSEGV / SIGBUS.",
	  { VC_ADDR },
	  "x" },
	{ "frames", cmd_frames, 0, 0, 0,
	  "frames",
	  "list the physical frames in use",
	  "One line per frame in use: PFN, _count (references: PTEs, the page\n"
	  "cache), mapcount (PTEs mapping it), D (PG_dirty: a file or shmem page\n"
	  "written; an anonymous page's dirt is in its PTEs, see pt), W (contents\n"
	  "written: a frame never written reads as zeros or its file's bytes and\n"
	  "takes no host memory), what it is (zero page, pgd or page table of an\n"
	  "mm, anonymous with its anon_vma, file or shmem page), and the PID:ADDR\n"
	  "of each PTE mapping it, every pid of an mm shared by clone (the first\n"
	  "8, then a count); a table frame names the pids of its mm. Ends with\n"
	  "the frames in use, free and total, and how many have contents.",
	  { VC_NONE },
	  "" },
	{ "rb", cmd_rb, 0, 0, CMD_NEEDS_MM,
	  "rb",
	  "draw the VMA red-black tree",
	  "Draws mm_rb sideways, root first, left (lower) child above right; each\n"
	  "node is [R] or [B] and its VMA range, (nil) marks a missing child\n"
	  "beside a present one. Ends with the node count, height and black\n"
	  "height (rb_check).",
	  { VC_NONE },
	  "" },
	{ "sysctl", cmd_sysctl, 0, 1, 0,
	  "sysctl [NAME[=VALUE]]",
	  "read or set a tunable",
	  "Without arguments lists every tunable as `name = value`; NAME prints\n"
	  "one; NAME=VALUE sets it, e.g. sysctl vm.max_map_count=8.",
	  { VC_SYSCTL },
	  "s?" },
	{ "validate", cmd_validate, 0, 0, 0,
	  "validate",
	  "check every invariant of the machine (vmsh's own)",
	  "Not a kernel command: runs vmsh's validator (the kernel's validate_mm\n"
	  "grown up) over every address space: tree colours and black height,\n"
	  "list order, map_count, total_vm, locked_vm, share lists, committed\n"
	  "space. Prints ok, or what is broken.",
	  { VC_NONE },
	  "" },
	{ "trace", cmd_trace, 0, 1, 0,
	  "trace [on|off]",
	  "show the kernel's steps before each command's result",
	  "With trace on, each command first prints the events the engine emits\n"
	  "as it works, indented two spaces per call depth: a kernel function's\n"
	  "call with its arguments (do_munmap(start=40002000, len=0x1000)), the\n"
	  "steps inside it as `function: what happened` (find_vma_prev and the\n"
	  "VMA found, split_vma, vma_merge and its case, vma_link,\n"
	  "detach_vmas_to_be_unmapped, unmap_region, unmap_vma with the total_vm\n"
	  "change, remove_vm_struct ...), and `= VALUE` when a function fails\n"
	  "(= -ENOMEM) or returns an address or a pid. trace alone says whether\n"
	  "it is on. Every line comes from the engine's events, the same events\n"
	  "Lua hooks see (help lua): the shell adds nothing of its own.",
	  { VC_NONE },
	  "s?" },
	{ "lua", cmd_lua, 0, 1, CMD_NO_LUA | CMD_RAW,
	  "lua [CODE]",
	  "run Lua: a chunk, or a Lua prompt",
	  "lua CODE runs the rest of the line as a Lua 5.4 chunk, verbatim (';',\n"
	  "'#' and quotes belong to Lua); the values of an expression are\n"
	  "printed. lua alone opens a Lua prompt, lua> (>> continues an\n"
	  "incomplete chunk, expressions are printed); a line holding . or\n"
	  "Ctrl-D goes back to vmsh. source FILE.lua and vmsh FILE.lua run Lua\n"
	  "files. An error prints its message and a stack traceback and fails\n"
	  "the command. Ctrl-C interrupts a running chunk; a chunk is stopped\n"
	  "after 10^9 instructions (vmsh --lua-limit N) and the state holds at\n"
	  "most 256 MiB (vmsh --lua-mem SIZE).\n"
	  "\n"
	  "The global table vm has one function per command, taking the same\n"
	  "arguments (integers for numbers, nil for mmap's -) and returning\n"
	  "values, not text:\n"
	  "  vm.mmap(addr|nil, len, prot, flags [, file [, offset]]) -> address\n"
	  "  vm.mremap(...), vm.brk([addr]) -> address; vm.sysctl(name) -> value\n"
	  "  vm.munmap(addr, len), vm.mprotect(addr, len, prot), vm.use(pid) ... -> true\n"
	  "  vm.cmd(line) -> what the commands printed, and false if one failed\n"
	  "A failing call returns nil, \"ERRNAME\", \"explanation\" (as io.open\n"
	  "does); a misused one raises an error: bad argument #2 to 'mmap'\n"
	  "(number expected, got nil), or the command's usage line. Tables, read\n"
	  "from the kernel's structures:\n"
	  "  vm.maps([pid])  array of {start=, [\"end\"]=, perms=, offset=, dev=,\n"
	  "                  inode=, file=}\n"
	  "  vm.vma(addr [, pid])  the vm_area_struct's fields by name (flags =\n"
	  "                  {\"VM_READ\", ...}), or nil; vm.vma() an array of every VMA\n"
	  "  vm.mm([pid])    the mm_struct's fields by name\n"
	  "  vm.ps(), vm.files()  arrays of {pid=, ppid=, state=, comm=, ...}, {name=, ...}\n"
	  "  vm.hex(n)       \"0x%08x\"\n"
	  "Hooks: vm.on(EVENT, fn) -> handle; fn(ev) runs after the command for\n"
	  "every such engine event, never in the middle of one, with ev =\n"
	  "{event=, func=, depth=, pid=, start=, [\"end\"]=, value=, text=,\n"
	  "vma={start=, [\"end\"]=, flags=, pgoff=} or nil} (split: value =\n"
	  "new_below; merge: value = the vma_merge case). vm.off(handle),\n"
	  "vm.off(EVENT [, fn]) and vm.off() remove hooks. EVENT is one of enter\n"
	  "leave step lookup split merge insert detach unmap remove mmap munmap\n"
	  "mprotect mlock madvise mremap brk exec fault cow fork exit oom\n"
	  "account, or * for all. A hook may call vm.*: the events that causes\n"
	  "run hooks next, 10000 times at most per command. A hook's error is\n"
	  "reported (lua: hook for EVENT: ...) and stops nothing. print writes\n"
	  "to vmsh's output (what vm.cmd captures); io.write to stdout.",
	  { VC_NONE },
	  NULL },
	{ "source", cmd_source, 1, 1, CMD_NO_LUA,
	  "source FILE",
	  "run a command script",
	  "Runs the commands of FILE, one per line, as if typed; a FILE ending\n"
	  "in .lua runs as Lua (help lua). Scripts may source others up to 16\n"
	  "deep (ELOOP beyond).",
	  { VC_PATH },
	  NULL },
	{ "help", cmd_help, 0, 1, CMD_NO_LUA,
	  "help [CMD|TOPIC]",
	  "list commands, or explain one",
	  "help alone lists the commands; help CMD shows its usage and details;\n"
	  "help syntax, prot, flags or advice explain the command language.",
	  { VC_TOPIC },
	  NULL },
	{ "quit", cmd_quit, 0, 0, CMD_NO_LUA,
	  "quit",
	  "leave vmsh",
	  "Leaves vmsh (Ctrl-D does too). The exit status is 1 if any command\n"
	  "failed.",
	  { VC_NONE },
	  NULL },
	{ NULL, NULL, 0, 0, 0, NULL, NULL, NULL, { VC_NONE }, NULL }
};

/* Help topics that are not commands. */
static const struct {
	const char *name, *text;
} topics[] = {
	{ "syntax",
	  "One command per line; ';' separates commands, '#' starts a comment.\n"
	  "\"...\" quotes a word with spaces (escapes \\\" \\\\ \\n \\t \\xHH), '...'\n"
	  "quotes literally. Numbers are decimal or 0x hex with an optional k, m\n"
	  "or g suffix (times 1024, 1024^2, 1024^3): 16k, 0x2000, 4m." },
	{ "prot",
	  "PROT is rwx-style with - for a missing right (rw-, r--, r-x, ---) or\n"
	  "none." },
	{ "flags",
	  "FLAGS is a comma list with exactly one of private or shared and any of\n"
	  "anon (no file), fixed (exactly at ADDR, replacing what is there),\n"
	  "locked (VM_LOCKED), noreserve (no VM_ACCOUNT), populate, growsdown." },
	{ "advice",
	  "madvise ADVICE: normal random sequential willneed dontneed dontfork\n"
	  "dofork." },
	{ NULL, NULL }
};

/* ---- memory commands ---- */

struct mmap_args {
	unsigned long addr, len, prot, flags, off;
	struct inode *file;
};

/* mmap_parse - fill a from `mmap ADDR|- LEN PROT FLAGS [FILE [OFFSET]]`. */
static int mmap_parse(struct vmsh *sh, int argc, char **argv, struct mmap_args *a)
{
	char why[200], q[QUOTE_BUF];

	if (strcmp(argv[1], "-") != 0 && vmsh_arg_number(sh, "ADDR", argv[1], &a->addr))
		return -1;
	if (vmsh_arg_number(sh, "LEN", argv[2], &a->len) || vmsh_arg_prot(sh, argv[3], &a->prot))
		return -1;
	if (parse_mmap_flags(argv[4], &a->flags, why, sizeof(why)))
		return vmsh_usage_error(sh, "bad FLAGS: %s", why);
	if (argc > 6 && vmsh_arg_number(sh, "OFFSET", argv[6], &a->off))
		return -1;
	if (argc <= 5) {
		if (a->flags & MAP_ANONYMOUS)
			return 0;
		return vmsh_fail(sh, "EBADF: no FILE to map (add anon to FLAGS, or name a file)");
	}
	if (a->flags & MAP_ANONYMOUS)
		return vmsh_usage_error(sh, "bad FILE: an anon mapping takes no file");
	a->file = file_lookup(sh->m, argv[5]);
	if (!a->file)
		return vmsh_fail(sh, "ENOENT: no file '%s' (create it with: file %s SIZE)",
				 vmsh_quote(q, sizeof(q), argv[5]), q);
	return 0;
}

/* put_addr - "0x%08lx\n" without printf's format interpreter (hot: every mmap prints one) */
static void put_addr(FILE *f, unsigned long v)
{
	static const char hex[] = "0123456789abcdef";
	char buf[12];
	int i;

	if (v > 0xffffffffUL) {
		fprintf(f, "0x%08lx\n", v);
		return;
	}
	buf[0] = '0';
	buf[1] = 'x';
	for (i = 9; i >= 2; i--, v >>= 4)
		buf[i] = hex[v & 0xf];
	buf[10] = '\n';
	fwrite(buf, 1, 11, f);
}

static int cmd_mmap(struct vmsh *sh, int argc, char **argv)
{
	struct mmap_args a = { 0 };
	long ret;

	if (mmap_parse(sh, argc, argv, &a))
		return -1;
	vm_clear_error(sh->m);
	ret = sys_mmap(sh->m, a.addr, a.len, a.prot, a.flags, a.file, a.off);
	if (ret < 0)
		return vmsh_sys_error(sh, ret);
	put_addr(sh->out, (unsigned long)ret);
	vmsh_set_result(sh, ret);
	return 0;
}

static int cmd_munmap(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len))
		return -1;
	return vmsh_check(sh, sys_munmap(sh->m, addr, len));
}

static int cmd_mprotect(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len, prot;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len) || vmsh_arg_prot(sh, argv[3], &prot))
		return -1;
	return vmsh_check(sh, sys_mprotect(sh->m, addr, len, prot));
}

static int cmd_madvise(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len;
	char why[200];
	int advice;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len))
		return -1;
	if (parse_advice(argv[3], &advice, why, sizeof(why)))
		return vmsh_usage_error(sh, "bad ADVICE: %s", why);
	return vmsh_check(sh, sys_madvise(sh->m, addr, len, advice));
}

static int cmd_mlock(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len))
		return -1;
	return vmsh_check(sh, sys_mlock(sh->m, addr, len));
}

static int cmd_munlock(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, len;

	(void)argc;
	if (vmsh_arg_range(sh, argv, &addr, &len))
		return -1;
	return vmsh_check(sh, sys_munlock(sh->m, addr, len));
}

/* mremap_flags - MREMAP_* from the optional `maymove` or `fixed NEWADDR` (argv[4], argv[5]). */
static int mremap_flags(struct vmsh *sh, int argc, char **argv,
			unsigned long *flags, unsigned long *new_addr)
{
	char q[QUOTE_BUF];

	if (strcmp(argv[4], "maymove") == 0) {
		if (argc > 5)
			return vmsh_usage_error(sh, "maymove takes no NEWADDR");
		*flags = MREMAP_MAYMOVE;
		return 0;
	}
	if (strcmp(argv[4], "fixed") == 0) {
		if (argc < 6)
			return vmsh_usage_error(sh, "fixed needs NEWADDR");
		*flags = MREMAP_MAYMOVE | MREMAP_FIXED;
		return vmsh_arg_number(sh, "NEWADDR", argv[5], new_addr);
	}
	return vmsh_usage_error(sh, "bad mode '%s' (want maymove, or fixed NEWADDR)",
			   vmsh_quote(q, sizeof(q), argv[4]));
}

static int cmd_mremap(struct vmsh *sh, int argc, char **argv)
{
	unsigned long addr, old_len, new_len, flags = 0, new_addr = 0;
	long ret;

	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr) ||
	    vmsh_arg_number(sh, "OLDLEN", argv[2], &old_len) ||
	    vmsh_arg_number(sh, "NEWLEN", argv[3], &new_len))
		return -1;
	if (argc > 4 && mremap_flags(sh, argc, argv, &flags, &new_addr))
		return -1;
	ret = sys_mremap(sh->m, addr, old_len, new_len, flags, new_addr);
	if (ret < 0)
		return vmsh_sys_error(sh, ret);
	fprintf(sh->out, "0x%08lx\n", (unsigned long)ret);
	vmsh_set_result(sh, ret);
	return 0;
}

/*
 * cmd_brk - sys_brk returns the break whatever happens, as the kernel's
 * does; like brk(2) in libc, a break that did not reach ADDR is ENOMEM.
 */
static int cmd_brk(struct vmsh *sh, int argc, char **argv)
{
	unsigned long want = 0;
	long ret;

	if (argc > 1 && vmsh_arg_number(sh, "ADDR", argv[1], &want))
		return -1;
	ret = sys_brk(sh->m, want);
	if (ret < 0)
		return vmsh_sys_error(sh, ret);
	if (argc > 1 && (unsigned long)ret != want) {
		if (sh->m->errmsg[0])
			return vmsh_fail(sh, "ENOMEM: %s", sh->m->errmsg);
		return vmsh_fail(sh, "ENOMEM: the break stays at 0x%08lx", (unsigned long)ret);
	}
	fprintf(sh->out, "0x%08lx\n", (unsigned long)ret);
	vmsh_set_result(sh, ret);
	return 0;
}

/* exec_arg - one KEY=N of exec into the layout. */
static int exec_arg(struct vmsh *sh, const char *arg, struct exec_layout *l)
{
	static const char *const keys[] = { "text", "data", "bss", "stack" };
	unsigned long *fields[] = { &l->text, &l->data, &l->bss, &l->stack };
	const char *eq = strchr(arg, '=');
	char what[16], q[QUOTE_BUF];
	size_t i, n = eq ? (size_t)(eq - arg) : 0;

	for (i = 0; eq && i < 4; i++) {
		if (strlen(keys[i]) != n || strncmp(arg, keys[i], n) != 0)
			continue;
		snprintf(what, sizeof(what), "%s", keys[i]);
		return vmsh_arg_number(sh, what, eq + 1, fields[i]);
	}
	return vmsh_usage_error(sh, "bad argument '%s' (want text=N, data=N, bss=N or stack=N)",
			   vmsh_quote(q, sizeof(q), arg));
}

static int cmd_exec(struct vmsh *sh, int argc, char **argv)
{
	struct exec_layout l = { 0, 0, 0, 0 };	/* 0: do_execve's default */
	int i;

	for (i = 2; i < argc; i++)
		if (exec_arg(sh, argv[i], &l))
			return -1;
	return vmsh_check(sh, do_execve(sh->m, argv[1], &l));
}

/* ---- files and processes ---- */

static int cmd_file(struct vmsh *sh, int argc, char **argv)
{
	unsigned long size;

	(void)argc;
	if (vmsh_arg_number(sh, "SIZE", argv[2], &size))
		return -1;
	return vmsh_check(sh, file_create(sh->m, argv[1], size));
}

static int cmd_files(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dump_files(sh->out, sh->m);
	return 0;
}

static int cmd_ps(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dump_ps(sh->out, sh->m);
	return 0;
}

static int cmd_use(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t = vmsh_arg_task(sh, argv[1]);

	(void)argc;
	if (!t)
		return -1;
	if (!vmsh_task_alive(t))
		return vmsh_fail(sh, "ESRCH: process %d has exited", t->pid);
	sh->pid = t->pid;
	context_switch(sh->m, t);
	return 0;
}

/* cmd_maps - like reading /proc/PID/maps: an exited process shows nothing. */
static int cmd_maps(struct vmsh *sh, int argc, char **argv)
{
	struct task_struct *t;

	if (argc == 1) {
		if (vmsh_require_current(sh))
			return -1;
		t = vmsh_current(sh);
	} else if (!(t = vmsh_arg_task(sh, argv[1]))) {
		return -1;
	}
	dump_maps(sh->out, t->mm);
	return 0;
}

static int cmd_vma(struct vmsh *sh, int argc, char **argv)
{
	const struct vm_area_struct *vma, *next;
	unsigned long addr;

	if (argc == 1) {
		for (vma = vmsh_current(sh)->mm->mmap; vma; vma = vma->vm_next) {
			dump_vma(sh->out, vma);
			if (vma->vm_next)
				fputc('\n', sh->out);
		}
		if (!vmsh_current(sh)->mm->mmap)
			fputs("no VMAs\n", sh->out);
		return 0;
	}
	if (vmsh_arg_number(sh, "ADDR", argv[1], &addr))
		return -1;
	vma = dump_lookup(vmsh_current(sh)->mm, addr, &next);
	if (vma)
		dump_vma(sh->out, vma);
	else if (next)
		fprintf(sh->out, "0x%08lx is in no VMA (the next one starts at 0x%08lx)\n",
			addr, next->vm_start);
	else
		fprintf(sh->out, "0x%08lx is in no VMA (none above it)\n", addr);
	return 0;
}

static int cmd_mm(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dump_mm(sh->out, vmsh_current(sh)->mm);
	return 0;
}

static int cmd_rb(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dump_rb(sh->out, vmsh_current(sh)->mm, sh->utf8);
	return 0;
}

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

static int cmd_sysctl(struct vmsh *sh, int argc, char **argv)
{
	const char *const *n;
	char q[QUOTE_BUF], *eq;

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

static int cmd_validate(struct vmsh *sh, int argc, char **argv)
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

/* ---- scripts, help, quit ---- */

static int cmd_source(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	return vmsh_run_script(sh, argv[1]);
}

static void help_list(struct vmsh *sh)
{
	const struct vmsh_command *c;

	fputs("vmsh: Linux 2.6 memory management on a simulated i386 machine.\n"
	      "Commands (help CMD for details; help syntax, prot, flags, advice):\n",
	      sh->out);
	for (c = commands; c->name; c++)
		fprintf(sh->out, "  %-9s %s\n", c->name, c->summary);
}

static int cmd_help(struct vmsh *sh, int argc, char **argv)
{
	const struct vmsh_command *c;
	char q[QUOTE_BUF];
	int i;

	if (argc == 1) {
		help_list(sh);
		return 0;
	}
	c = vmsh_find_command(argv[1]);
	if (c) {
		fprintf(sh->out, "usage: %s\n%s.\n\n%s\n", c->usage, c->summary, c->help);
		return 0;
	}
	for (i = 0; topics[i].name; i++) {
		if (strcmp(topics[i].name, argv[1]) == 0) {
			fprintf(sh->out, "%s\n", topics[i].text);
			return 0;
		}
	}
	return vmsh_fail(sh, "no command or topic '%s' (help lists them)",
			 vmsh_quote(q, sizeof(q), argv[1]));
}

static int cmd_quit(struct vmsh *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sh->stopping = 1;
	return 0;
}

/* ---- dispatch ---- */

void vmsh_init(struct vmsh *sh, struct machine *m)
{
	vmsh_context_init(sh, m);
	sh->commands = commands;
}

void vmsh_fini(struct vmsh *sh)
{
	vmlua_close(sh);
	sh->trace = 0;
	vmsh_observer_update(sh);
}

const struct vmsh_command *vmsh_find_command(const char *name)
{
	const struct vmsh_command *c;

	for (c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const struct vmsh_command *vmsh_commands(void)
{
	return commands;
}

/*
 * check_args - 0 when w has as many arguments as sh->cmd takes, none
 * holding a NUL byte (but the last of a CMD_BYTES command); else -1,
 * reported.
 */
static int check_args(struct vmsh *sh, const struct vmsh_words *w)
{
	const struct vmsh_command *c = sh->cmd;
	int i, nargs = w->argc - 1;
	int nchecked = (c->flags & CMD_BYTES) ? w->argc - 1 : w->argc;

	if (nargs < c->min_args || (c->max_args >= 0 && nargs > c->max_args))
		return vmsh_fail(sh, "usage: %s", c->usage);
	for (i = 1; i < nchecked; i++)
		if (vmsh_word_len(w, i) != strlen(w->argv[i]))
			return vmsh_usage_error(sh, "argument %d holds a NUL byte", i);
	return 0;
}

/*
 * vmsh_run_words - run command c with words w, the machine switched to
 * sh->pid's task around it (context_switch): the engine may free the task
 * it pointed at (a reaped zombie), the shell's pid stays. Returns 0, or -1
 * (reported).
 */
int vmsh_run_words(struct vmsh *sh, const struct vmsh_command *c, const struct vmsh_words *w)
{
	const struct vmsh_command *saved = sh->cmd;
	const struct vmsh_words *saved_words = sh->words;
	int rc = -1;

	context_switch(sh->m, vmsh_current(sh));
	sh->words = w;
	sh->cmd = c;
	memset(&sh->res, 0, sizeof(sh->res));
	if (check_args(sh, w) == 0 &&
	    (!(c->flags & CMD_NEEDS_MM) || vmsh_require_current(sh) == 0)) {
		vm_clear_error(sh->m);
		rc = c->fn(sh, w->argc, w->argv);
		if (rc)
			vmsh_mark_failed(sh);
	}
	context_switch(sh->m, vmsh_current(sh));
	sh->words = saved_words;
	sh->cmd = saved;
	return rc;
}

/*
 * run_command - look w up in the table and run it, then the Lua hooks for
 * the events it caused. Returns 0, or -1 (reported).
 */
static int run_command(struct vmsh *sh, const struct vmsh_words *w)
{
	const struct vmsh_command *c = vmsh_find_command(w->argv[0]), *saved = sh->cmd;
	char q[QUOTE_BUF];
	int rc;

	if (!c || vmsh_word_len(w, 0) != strlen(w->argv[0])) {
		sh->cmd = NULL;
		memset(&sh->res, 0, sizeof(sh->res));
		rc = vmsh_fail(sh, "unknown command '%s' (try help)",
			       vmsh_quote_mem(q, sizeof(q), w->argv[0], vmsh_word_len(w, 0)));
		sh->cmd = saved;
		return rc;
	}
	rc = vmsh_run_words(sh, c, w);
	vmlua_drain(sh);
	return rc;
}

/* raw_names - the CMD_RAW commands' names, NULL-terminated, for parse_line_raw. */
static const char *const *raw_names(void)
{
	static const char *names[8];
	const struct vmsh_command *c;
	size_t n = 0;

	if (names[0])
		return names;
	for (c = commands; c->name && n + 1 < sizeof(names) / sizeof(names[0]); c++)
		if (c->flags & CMD_RAW)
			names[n++] = c->name;
	return names;
}

int vmsh_run_line(struct vmsh *sh, const char *line, size_t len)
{
	const struct vmsh_command *saved = sh->cmd;
	struct vmsh_line l = { 0, NULL };
	char why[200];
	int i, rc = 0;

	if (parse_line_raw(line, len, raw_names(), &l, why, sizeof(why)) < 0) {
		sh->cmd = NULL;
		if (sh->where.name)
			vmsh_fail(sh, "%s:%lu: %s", sh->where.name, sh->where.line, why);
		else
			vmsh_fail(sh, "%s", why);
		sh->cmd = saved;
		return -1;
	}
	for (i = 0; i < l.ncmds && !sh->stopping; i++)
		if (run_command(sh, &l.cmds[i]))
			rc = -1;
	vmsh_line_free(&l);
	return rc;
}

/* is_directory - fopen opens a directory; reading it then fails */
static int is_directory(FILE *f)
{
	struct stat st;

	return fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_lua(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && strcmp(path + n - 4, ".lua") == 0;
}

int vmsh_run_script(struct vmsh *sh, const char *path)
{
	struct vmsh_where saved = sh->where;
	char q[QUOTE_BUF];
	FILE *f;
	int rc, err;

	vmsh_quote(q, sizeof(q), path);
	if (sh->sandbox)
		return vmsh_fail(sh, "EPERM: %s: no host files in the sandbox", q);
	if (sh->depth >= VMSH_SOURCE_MAX_DEPTH)
		return vmsh_fail(sh, "ELOOP: %s: scripts nested more than %d deep",
				 q, VMSH_SOURCE_MAX_DEPTH);
	f = fopen(path, "r");
	if (!f || is_directory(f)) {
		err = f ? EISDIR : errno;
		if (f)
			fclose(f);
		return vmsh_fail(sh, "%s: %s: %s", errno_name(err), q, strerror(err));
	}
	if (is_lua(path)) {	/* Lua reads it itself */
		fclose(f);
		f = NULL;
	}
	sh->depth++;
	sh->where.name = path;
	sh->where.line = 0;
	rc = f ? repl_run_stream(sh, f) : vmlua_run_file(sh, path);
	sh->where = saved;
	sh->depth--;
	if (f)
		fclose(f);
	return rc;
}

/* ---- completion ---- */

struct cands {			/* growing NULL-terminated list of candidates */
	char **v;
	size_t n, cap;
	const char *text;	/* the prefix every candidate must have */
};

/* cand_add - add s if it starts with the text being completed. */
static void cand_add(struct cands *c, const char *s)
{
	char **v;

	if (strncmp(s, c->text, strlen(c->text)) != 0)
		return;
	if (c->n + 2 > c->cap) {
		v = realloc(c->v, (c->cap ? c->cap * 2 : 16) * sizeof(*v));
		if (!v)
			return;
		c->v = v;
		c->cap = c->cap ? c->cap * 2 : 16;
	}
	c->v[c->n] = strdup(s);
	if (c->v[c->n])
		c->v[++c->n] = NULL;
}

static void cand_add_list(struct cands *c, const char *const *list)
{
	for (; list && *list; list++)
		cand_add(c, *list);
}

/*
 * cand_flags - mmap flags: the word is a comma list, of which readline may
 * pass only the part after the last comma (it breaks words at commas);
 * before[0..nbefore) is the rest of the word, from the line. Offers the
 * flags not in the list yet, only one of private and shared.
 */
static void cand_flags(struct cands *c, const char *before, size_t nbefore)
{
	const char *const *f;
	const char *last = strrchr(c->text, ',');
	int plen = last ? (int)(last - c->text) + 1 : 0;
	char buf[256], done[512];

	snprintf(done, sizeof(done), ",%.*s%.*s,", (int)nbefore, before, plen, c->text);
	for (f = mmap_flag_names(); *f; f++) {
		snprintf(buf, sizeof(buf), ",%s,", *f);
		if (strstr(done, buf))
			continue;
		if ((!strcmp(*f, "private") && strstr(done, ",shared,")) ||
		    (!strcmp(*f, "shared") && strstr(done, ",private,")))
			continue;
		snprintf(buf, sizeof(buf), "%.*s%s", plen, c->text, *f);
		cand_add(c, buf);
	}
}

static void cand_machine(struct vmsh *sh, struct cands *c, enum vmsh_complete kind)
{
	const struct task_struct *cur = vmsh_current(sh), *t;
	const struct vm_area_struct *vma;
	const struct inode *ino;
	char buf[32];

	if ((kind == VC_ADDR || kind == VC_ADDR_OR_DASH) && vmsh_task_alive(cur)) {
		for (vma = cur->mm->mmap; vma; vma = vma->vm_next) {
			snprintf(buf, sizeof(buf), "0x%08lx", vma->vm_start);
			cand_add(c, buf);
		}
	}
	if (kind == VC_PID) {
		for_each_process(sh->m, t) {
			snprintf(buf, sizeof(buf), "%d", t->pid);
			cand_add(c, buf);
		}
	}
	for (ino = kind == VC_VFILE ? sh->m->files : NULL; ino; ino = ino->i_next)
		if (ino->i_name)
			cand_add(c, ino->i_name);
}

/* cand_kind - candidates of kind; the word being completed began at line[wstart]. */
static void cand_kind(struct vmsh *sh, struct cands *c, enum vmsh_complete kind,
		      const char *line, int wstart, int start)
{
	static const char *const prots[] = { "---", "r--", "rw-", "rwx", "r-x",
		"-w-", "-wx", "--x", "none", NULL };
	static const char *const mremap[] = { "maymove", "fixed", NULL };
	static const char *const exec_kv[] = { "text=", "data=", "bss=", "stack=", NULL };
	static const char *const access[] = { "r", "w", "x", NULL };
	const struct vmsh_command *cmd;
	int i;

	switch (kind) {
	case VC_ADDR_OR_DASH:
		cand_add(c, "-");
		/* fall through */
	case VC_ADDR: case VC_PID: case VC_VFILE:
		cand_machine(sh, c, kind);
		break;
	case VC_PROT:	cand_add_list(c, prots); break;
	case VC_FLAGS:	cand_flags(c, line + wstart, (size_t)(start - wstart)); break;
	case VC_ADVICE:	cand_add_list(c, advice_names()); break;
	case VC_MREMAP:	cand_add_list(c, mremap); break;
	case VC_SYSCTL:	cand_add_list(c, sysctl_names()); break;
	case VC_EXEC_KV: cand_add_list(c, exec_kv); break;
	case VC_ACCESS:	cand_add_list(c, access); break;
	case VC_TOPIC:
		for (cmd = commands; cmd->name; cmd++)
			cand_add(c, cmd->name);
		for (i = 0; topics[i].name; i++)
			cand_add(c, topics[i].name);
		break;
	default:
		break;
	}
}

/*
 * word_position - scan line up to start as the parser would (';' ends a
 * command, blanks end words, quotes group): the index of the word at start
 * within its command, its command name into name; -1 inside a comment.
 */
static int word_position(const char *line, int start, char *name, size_t nlen)
{
	int i, idx = 0, in_word = 0;
	char quote = 0;
	size_t o = 0;

	name[0] = '\0';
	for (i = 0; i < start && line[i]; i++) {
		char ch = line[i];

		if (quote) {
			quote = ch == quote ? 0 : quote;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '#') {
			return -1;
		} else if (ch == ';') {
			idx = 0, in_word = 0, o = 0, name[0] = '\0';
			continue;
		} else if (ch == ' ' || ch == '\t') {
			idx += in_word, in_word = 0;
			continue;
		}
		if (!in_word)
			in_word = 1;
		if (idx == 0 && o + 1 < nlen)
			name[o++] = ch, name[o] = '\0';
	}
	return idx;
}

char **vmsh_complete(struct vmsh *sh, const char *line, int start,
		     const char *text, int *how)
{
	struct cands c = { NULL, 0, 0, text };
	const struct vmsh_command *cmd;
	enum vmsh_complete kind;
	char name[32];
	int idx = word_position(line, start, name, sizeof(name)), wstart = start;

	*how = 0;
	if (idx == 0) {
		for (cmd = commands; cmd->name; cmd++)
			cand_add(&c, cmd->name);
		return c.v;
	}
	cmd = idx > 0 ? vmsh_find_command(name) : NULL;
	if (!cmd || idx > VMSH_MAX_COMP || (cmd->max_args >= 0 && idx > cmd->max_args))
		return NULL;
	kind = cmd->comp[idx - 1];
	if (kind == VC_PATH) {
		*how = VMSH_COMPLETE_PATH;
		return NULL;
	}
	if (kind == VC_FLAGS || kind == VC_EXEC_KV)
		*how = VMSH_COMPLETE_NOSPACE;
	while (wstart > 0 && !strchr(" \t;", line[wstart - 1]))
		wstart--;
	cand_kind(sh, &c, kind, line, wstart, start);
	return c.v;
}
