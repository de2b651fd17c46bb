/*
 * cmdtable.c - THE command table, as data: each entry gives a command's
 * handler, arity, flags, usage, summary, help text, argument completion
 * and Lua argument kinds (command.h); dispatch, `help`, usage errors, tab
 * completion and the vm.* functions all read it. Then the help topics
 * that are not commands, and `help` itself, which is the table in words.
 */
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "cmd_vma.h"
#include "cmd_mem.h"
#include "cmd_proc.h"
#include "cmd_dump.h"
#include "cmd_view.h"
#include "cmd_shell.h"
#include "cmdtable.h"

static int cmd_help(struct vmsh *sh, int argc, char **argv);

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
	  "It goes VMA by VMA, as sys_mprotect's loop does, and stops at the\n"
	  "first failure with the VMAs before it changed, as in Linux: ENOMEM\n"
	  "at a hole in the range, EACCES at a VMA that may not have a right\n"
	  "PROT asks for (write to a shared mapping of a file opened read-only).",
	  { VC_ADDR, VC_NONE, VC_PROT },
	  "xxs" },
	{ "madvise", cmd_madvise, 3, 3, CMD_NEEDS_MM,
	  "madvise ADDR LEN ADVICE",
	  "give paging advice (sys_madvise)",
	  "ADVICE is one of normal random sequential willneed dontneed dontfork\n"
	  "dofork. random/sequential set VM_RAND_READ/VM_SEQ_READ, dontfork sets\n"
	  "VM_DONTCOPY: VMAs split and merge as for mprotect. dontneed zaps the\n"
	  "pages (EINVAL on a locked VMA); willneed reads a file ahead (EBADF on\n"
	  "anonymous memory, as 2.6). The advice goes to every mapped part of\n"
	  "the range; holes make it ENOMEM at the end (2.6: \"just ignore them,\n"
	  "but return -ENOMEM at the end\"). A VMA that refuses the advice stops\n"
	  "it there, the VMAs before it advised.",
	  { VC_ADDR, VC_NONE, VC_ADVICE },
	  "xxs" },
	{ "mlock", cmd_mlock, 2, 2, CMD_NEEDS_MM,
	  "mlock ADDR LEN",
	  "lock pages in memory (VM_LOCKED)",
	  "Sets VM_LOCKED on [ADDR, ADDR+LEN), splitting and merging VMAs,\n"
	  "counts the pages in locked_vm and faults them in. A hole in the range\n"
	  "stops it with ENOMEM, the VMAs before the hole locked (and faulted\n"
	  "in, as 2.6's mlock_fixup did), as in Linux. EAGAIN when the frames to\n"
	  "lock are not free, or a split is refused at vm.max_map_count.",
	  { VC_ADDR },
	  "xx" },
	{ "munlock", cmd_munlock, 2, 2, CMD_NEEDS_MM,
	  "munlock ADDR LEN",
	  "unlock pages (clear VM_LOCKED)",
	  "Clears VM_LOCKED on [ADDR, ADDR+LEN), the reverse of mlock. A hole in\n"
	  "the range stops it with ENOMEM, the VMAs before it unlocked.",
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
	  "executes (x) every page of [ADDR, ADDR+LEN); without LEN, the one\n"
	  "page that holds ADDR (touch ADDR w leaves it out too). No bytes\n"
	  "change. Each page goes through the page tables; a missing or\n"
	  "read-only PTE faults: do_anonymous_page (a read maps the zero page, a\n"
	  "write a zeroed frame of its own), do_no_page from the file's page\n"
	  "cache, do_wp_page's copy-on-write. No VMA, or one without the right, is a fatal SIGSEGV;\n"
	  "past the end of a mapped file, SIGBUS; running out of frames, the OOM\n"
	  "killer's SIGKILL. The process is killed (it becomes a zombie), except\n"
	  "init, which survives it. The fault is one line named after the\n"
	  "command that made the access, `touch: SIGSEGV at 0x%08lx` (SIGBUS,\n"
	  "or `touch: out of memory: killed process N (COMM)`); read and write\n"
	  "say read: and write:. Prints nothing else.",
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
	  "the fault, `read: SIGSEGV at 0x%08lx`, as touch does.",
	  { VC_ADDR },
	  "xx" },
	{ "write", cmd_write, 2, 2, CMD_NEEDS_MM | CMD_BYTES,
	  "write ADDR STRING",
	  "store bytes",
	  "Writes the bytes of STRING at ADDR, faulting pages in for write:\n"
	  "copy-on-write where a page is shared after fork or private to a\n"
	  "file. \"...\" quotes spaces; \\xHH, \\0, \\n and \\t give any byte\n"
	  "(help syntax). Faults as touch does (`write: SIGSEGV at ...`).\n"
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
	  "0 by default, kept modulo 256. init cannot exit (EPERM: quit leaves\n"
	  "vmsh). The shell does not switch process when the current one exits.",
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
	{ "ps", cmd_ps, 0, 1, 0,
	  "ps [--json]",
	  "list processes (* marks the current one)",
	  "PID, parent PID, state (R running, Z zombie), number of VMAs, virtual\n"
	  "size (VSZ: total_vm * 4), resident size (RSS, kB: pages mapped but\n"
	  "the zero page), minor and major faults, command name. --json: the\n"
	  "same as a JSON array (vsz and rss in kB).",
	  { VC_JSON },
	  "s?" },
	{ "use", cmd_use, 1, 1, 0,
	  "use PID",
	  "make PID the current process",
	  "Commands act on the current process, shown in the prompt. use\n"
	  "switches to another live process.",
	  { VC_PID },
	  "n" },
	{ "maps", cmd_maps, 0, 2, 0,
	  "maps [PID] [--json]",
	  "show /proc/PID/maps",
	  "One line per VMA in the kernel's format:\n"
	  "  start-end perms offset major:minor inode  name\n"
	  "perms are rwx and p (private) or s (shared); the offset is 0 for\n"
	  "anonymous memory; the name is the file, [heap], [stack] or\n"
	  "/dev/zero (deleted) for shared anonymous memory, in the column i386\n"
	  "kernels use (a long name goes past 80 columns, as in the kernel).\n"
	  "--json: [{start, end, perms, offset, dev, inode, file}].",
	  { VC_PID, VC_JSON },
	  "n?" },
	{ "smaps", cmd_smaps, 0, 2, 0,
	  "smaps [PID] [--json]",
	  "show /proc/PID/smaps",
	  "For each VMA its maps line, then the kernel's smaps fields in its\n"
	  "layout: Size, KernelPageSize, MMUPageSize, Rss, Pss, Shared_Clean,\n"
	  "Shared_Dirty, Private_Clean, Private_Dirty, Referenced, Anonymous,\n"
	  "Swap, SwapPss, Locked (kB) and VmFlags. Rss counts present pages but\n"
	  "the zero page; a page mapped N times is Shared and counts 1/N in Pss;\n"
	  "dirty is the PTE's D bit or the page's. vmsh does not swap: Swap and\n"
	  "SwapPss are 0. Fields today's kernel adds (Pss_Dirty, KSM, ...) are\n"
	  "left out. --json: the maps entries with size, rss, pss ... (kB).",
	  { VC_PID, VC_JSON },
	  "n?" },
	{ "status", cmd_status, 0, 2, 0,
	  "status [PID] [--json]",
	  "show /proc/PID/status: Vm* lines and fault counters",
	  "Name, State (R (running) or Z (zombie)), Pid, PPid, then, while it\n"
	  "has an address space, the kernel's VmPeak VmSize VmLck VmHWM VmRSS\n"
	  "VmData VmStk VmExe VmLib VmPTE lines. vmsh adds the fault counters\n"
	  "the kernel shows in /proc/PID/stat: min_flt, maj_flt, and cmin_flt,\n"
	  "cmaj_flt of the reaped children.",
	  { VC_PID, VC_JSON },
	  "n?" },
	{ "vma", cmd_vma, 0, 3, 0,
	  "vma [PID] [ADDR] [--json]",
	  "dump vm_area_struct fields",
	  "Dumps every VMA of the process (help views), or the one holding ADDR:\n"
	  "its vm_start, vm_end, vm_flags decoded, vm_page_prot, vm_pgoff,\n"
	  "vm_file, anon_vma (its number and refcount: the VMAs sharing it),\n"
	  "vm_ops, vm_next, vm_prev, rb colour and rb_subtree_gap. Fields marked\n"
	  "* came after 2.6.0 (vm_prev 2.6.36, rb_subtree_gap 3.8).",
	  { VC_PID_OR_ADDR, VC_ADDR, VC_JSON },
	  "x?" },
	{ "mm", cmd_mm, 0, 2, 0,
	  "mm [PID] [--json]",
	  "dump the mm_struct of a process",
	  "mmap, mm_rb, mmap_cache, map_count, the page counters (total_vm,\n"
	  "locked_vm, shared_vm, exec_vm, stack_vm, rss ...), mm_users,\n"
	  "mm_count, def_flags, the layout (start_code .. env_end), pgd (the\n"
	  "page directory's physical address, what cr3 holds, and its frame),\n"
	  "nr_ptes (page tables) and highest_vm_end (3.8's, marked *). Page\n"
	  "counters show their size in kB beside them.",
	  { VC_PID, VC_JSON },
	  "n?" },
	{ "pt", cmd_pt, 0, 3, 0,
	  "pt [PID] [ADDR|RANGE] [--json]",
	  "dump the page directory and page tables",
	  "The process's page directory (cr3: its frame << 12, nr_ptes and rss\n"
	  "in the header), then each present PDE (or only the one covering ADDR,\n"
	  "or the PTEs of RANGE): index, the 4 MiB it covers, value, frame and\n"
	  "bits, and under it each PTE that is not none: index, virtual address,\n"
	  "value, frame, bits, and what the page is: zero page, anon (its\n"
	  "anon_vma), COW (write-protected in a writable private VMA and mapped\n"
	  "N times: a write copies it), \"COW: will reuse\" (the same mapped once:\n"
	  "a write reuses it), a file's page, shared: a page of a shared mapping.\n"
	  "Bits: P present, RW writable, US user, A accessed, D dirty, '-' when\n"
	  "clear; PROTNONE marks a PROT_NONE page (mapped, not accessible).",
	  { VC_PID_OR_ADDR, VC_ADDR, VC_JSON },
	  "x?" },
	{ "translate", cmd_translate, 1, 2, 0,
	  "translate [PID] ADDR",
	  "walk the page tables for one address, like crash's vtop",
	  "Shows the virtual and physical address, then each step of the i386\n"
	  "walk: the page directory (cr3), the PDE (cr3 + index * 4) and its\n"
	  "value, the PTE (table frame << 12 + index * 4) and its value, the\n"
	  "page frame; then the VMA and the struct page (count, mapcount, what\n"
	  "it maps, dirty, contents written, COW and who shares it). When the\n"
	  "walk stops (no page table, PTE none, not present) it says where, and\n"
	  "what a touch would do: fault the page in, or SIGSEGV / SIGBUS. A\n"
	  "plain decimal first word is a PID: write the address in hex.",
	  { VC_PID_OR_ADDR, VC_ADDR },
	  "x" },
	{ "frames", cmd_frames, 0, 5, 0,
	  "frames [PID] [pid=PID] [vma=ADDR] [kind=KIND] [--json]",
	  "list the physical frames in use",
	  "One line per frame in use: PFN, _count (references: PTEs, the page\n"
	  "cache), mapcount (PTEs mapping it), D (PG_dirty: a file or shmem page\n"
	  "written; an anonymous page's dirt is in its PTEs, see pt), W (contents\n"
	  "written: a frame never written reads as zeros or its file's bytes and\n"
	  "takes no host memory), what it is (zero page, pgd or page table of an\n"
	  "mm, anonymous with its anon_vma, file or shmem page), and the PID:ADDR\n"
	  "of each PTE mapping it, every pid of an mm shared by clone (the first\n"
	  "8, then a count); a table frame names the pids of its mm. Ends with\n"
	  "the frames in use, free and total, and how many have contents, then\n"
	  "those shown by kind (and how many are COW). Filters: PID or pid=PID\n"
	  "(frames the process maps, its tables too), vma=ADDR (mapped in the\n"
	  "VMA holding ADDR of the process), kind=KIND (zero pgtable anon file\n"
	  "shmem, or a page state: COW wp shared). --json: {frames: [...], the\n"
	  "totals}.",
	  { VC_FRAMES, VC_FRAMES, VC_FRAMES, VC_FRAMES, VC_FRAMES },
	  "v*" },
	{ "rb", cmd_rb, 0, 1, 0,
	  "rb [PID]",
	  "draw the VMA red-black tree",
	  "Draws mm_rb sideways, root first, left (lower) child above right; each\n"
	  "node is [R] or [B] and its VMA range, (nil) marks a missing child\n"
	  "beside a present one. Ends with the node count, height and black\n"
	  "height (rb_check). Four columns a level: a tree deeper than 14\n"
	  "levels (thousands of VMAs) goes past 80 columns.",
	  { VC_PID },
	  "n?" },
	{ "dump", cmd_dump, 0, 3, 0,
	  "dump [PID|all] [ADDR|RANGE] [--json]",
	  "dump a whole process: mm_struct, each VMA and its pages",
	  "One complete dump of the process (help views), in the kernel's words:\n"
	  "its mm_struct (as mm prints it), then each vm_area_struct (as vma\n"
	  "prints it) followed by its present pages, one line each, as crash's\n"
	  "vm -p: the virtual address, the PTE's value and bits (P RW US A D),\n"
	  "the frame, the frame's _count (CNT) and mapcount (MAP), and what the\n"
	  "page is: zero page, anon (its anon_vma), COW (write-protected in a\n"
	  "writable private VMA and mapped by several processes: a write\n"
	  "copies it), \"COW: will reuse\" (mapped once: a write reuses it), a\n"
	  "file's page, shared (a shared mapping's page), dirty. A page mapped\n"
	  "more than once is followed by who maps it, PID:ADDR. Ends with the\n"
	  "totals by state. ADDR shows the VMA holding it and that page, RANGE\n"
	  "(START-END or START+LEN) the VMAs and pages it covers; all dumps\n"
	  "every process. --json: {pid, comm, mm, vmas: [{fields, pages}]}.\n"
	  "  dump 2 0x40000000+16k",
	  { VC_DUMP, VC_ADDR, VC_JSON },
	  "v?v?" },
	{ "pmap", cmd_pmap, 0, 2, 0,
	  "pmap [PID] [--json]",
	  "one line per VMA with its resident size, as pmap -x",
	  "As pmap -x: Address, Kbytes, RSS (present pages but the zero page),\n"
	  "Dirty, Swap (0: vmsh does not swap), Mode (rwx, s shared, R\n"
	  "noreserve) and Mapping (the file's base name, [ anon ], [ heap ],\n"
	  "[ stack ]), then the totals in kB. RSS and Dirty are smaps' Rss and\n"
	  "Shared_Dirty + Private_Dirty.",
	  { VC_PID, VC_JSON },
	  "n?" },
	{ "diff", cmd_diff, 0, 2, 0,
	  "diff [N] [--json]",
	  "what the last command (or the last N) changed",
	  "What the last command that changed an address space did to it, or\n"
	  "the last N such commands (up to 16), oldest first: VMAs split, merged,\n"
	  "added and removed, protections changed, PTEs zapped, pages faulted\n"
	  "in (the zero page, new anonymous frames, page cache pages), COW\n"
	  "copies and reuses, fork copying VMAs and PTEs, exit. Commands that\n"
	  "changed nothing (views, failures) are not counted. Each line is an\n"
	  "engine event the command caused (as trace shows them), runs of page\n"
	  "faults merged into one range: the shell keeps the events of each\n"
	  "command, at most 128 changes each, and never walks the address\n"
	  "space for it.",
	  { VC_NONE, VC_JSON },
	  "n?" },
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
	{ "source", cmd_source, 1, 2, CMD_NO_LUA,
	  "source [-x] FILE",
	  "run a command script",
	  "Runs the commands of FILE, one per line, as if typed; a FILE ending\n"
	  "in .lua runs as Lua (help lua). Scripts may source others up to 16\n"
	  "deep (ELOOP beyond). -x prints each line of FILE before it runs, as\n"
	  "set -x does (help scripts). A failure in FILE reads FILE:LINE: CMD: ...",
	  { VC_PATH, VC_PATH },
	  NULL },
	{ "set", cmd_set, 0, 2, CMD_NO_LUA,
	  "set [OPTION [on|off]]",
	  "show or set the shell's options (echo, errexit)",
	  "set alone lists the options; set OPTION shows one; set OPTION on|off\n"
	  "sets it. echo: print each line of a script before it runs, a command\n"
	  "after + (as sh -x; vmsh -x and source -x turn it on too). errexit:\n"
	  "stop at the first failed command (as vmsh -e). sh's set -x, set +x,\n"
	  "set -e and set +e work too.",
	  { VC_OPTION, VC_OPTION },
	  NULL },
	{ "expect", cmd_expect, 2, -1, CMD_NO_LUA,
	  "expect ERRNAME COMMAND [ARG]...",
	  "run a command that must fail with ERRNAME",
	  "Runs COMMAND, which must fail with ERRNAME: an errno name (EINVAL,\n"
	  "ENOMEM, EACCES, EAGAIN ...) or, for a fatal fault, SIGSEGV, SIGBUS or\n"
	  "SIGKILL. Its error line is printed as always; failing so is then a\n"
	  "success, which does not make vmsh's exit status 1 nor stop -e. A\n"
	  "success, or another error, is a failure (expect: ...). Scripts that\n"
	  "show an error on purpose say so with it:\n"
	  "  expect EINVAL munmap 0x40000001 4k\n"
	  "  expect SIGSEGV touch 0x50000000",
	  { VC_ERRNAME, VC_COMMAND },
	  NULL },
	{ "help", cmd_help, 0, 1, CMD_NO_LUA,
	  "help [CMD|TOPIC]",
	  "list commands, or explain one",
	  "help alone lists the commands; help CMD shows its usage and details;\n"
	  "help syntax, prot, flags or advice explain the command language, help\n"
	  "scripts running scripts, help views how views choose a process and a\n"
	  "range. ? and h are help too.",
	  { VC_TOPIC },
	  NULL },
	{ "quit", cmd_quit, 0, 0, CMD_NO_LUA,
	  "quit",
	  "leave vmsh",
	  "Leaves vmsh (Ctrl-D does too). The exit status is 0 when every\n"
	  "command succeeded (a failure that expect expected counts as a\n"
	  "success), 1 if any failed, 2 for bad usage of vmsh itself.",
	  { VC_NONE },
	  NULL },
	{ NULL, NULL, 0, 0, 0, NULL, NULL, NULL, { VC_NONE }, NULL }
};

/* Other names of commands: `?` and `h` for help. */
static const struct vmsh_alias aliases[] = {
	{ "?", "help" },
	{ "h", "help" },
	{ NULL, NULL }
};

/* Help topics that are not commands. */
static const struct vmsh_topic topics[] = {
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
	{ "views",
	  "The views (maps smaps status vma mm pt translate rb frames dump pmap)\n"
	  "show the current process, or PID: a first word in plain decimal is a\n"
	  "PID (maps 2, pt 2, dump 3). An address comes after the PID, if any,\n"
	  "written in hex by habit (0x40000000): a plain decimal first word is\n"
	  "never an address (translate 4096 says so; write 0x1000). Where a view\n"
	  "takes a RANGE, it is START-END or START+LEN (0x40000000-0x40004000,\n"
	  "0x40000000+16k). Every view but rb and translate takes --json and\n"
	  "prints one JSON document with the same facts; vm.NAME in Lua returns\n"
	  "it as tables. diff (what the last commands changed) takes --json too.\n"
	  "Sizes are in kB, as /proc prints them. Lines fit 80 columns, a long\n"
	  "field going on to the next line, except the kernel's own formats\n"
	  "with long file names (maps, smaps) and deep rb trees.\n"
	  "What a page is: zero page, anon, COW (write-protected, mapped by\n"
	  "several processes: a write copies), COW: will reuse (mapped once: a\n"
	  "write reuses it), file, shared, PROT_NONE." },
	{ "advice",
	  "madvise ADVICE: normal random sequential willneed dontneed dontfork\n"
	  "dofork." },
	{ "scripts",
	  "vmsh FILE runs a script, one command per line (source FILE from vmsh).\n"
	  "A command may be shortened to a prefix that names it alone (mpr for\n"
	  "mprotect); scripts should spell names out, as new commands may come.\n"
	  "vmsh -x FILE, source -x FILE and set -x (set echo on) print each line\n"
	  "before it runs: a command after + (++ in a script that an echoed\n"
	  "source runs), a comment or blank line as it is, as sh -x and gdb's\n"
	  "set trace-commands do. A failure in a script names its line:\n"
	  "  scripts/demo.vmsh:12: munmap: EINVAL: 0x40000001 is not page aligned\n"
	  "expect ERRNAME COMMAND ... runs a command that must fail so (help\n"
	  "expect). Exit status of vmsh: 0 when every command succeeded or\n"
	  "failed as expected, 1 when one failed otherwise, 2 for bad usage of\n"
	  "vmsh itself. vmsh -e (set -e) stops at the first such failure." },
	{ NULL, NULL }
};

const struct vmsh_command *vmsh_commands(void)
{
	return commands;
}

const struct vmsh_command *vmsh_find_command(const char *name)
{
	const struct vmsh_command *c;

	for (c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const struct vmsh_alias *vmsh_aliases(void)
{
	return aliases;
}

const struct vmsh_topic *vmsh_topics(void)
{
	return topics;
}

/* ---- help ---- */

static void help_list(struct vmsh *sh)
{
	const struct vmsh_command *c;

	fputs("vmsh: Linux 2.6 memory management on a simulated i386 machine.\n"
	      "Commands (help CMD; help syntax, prot, flags, advice, scripts, views):\n",
	      sh->out);
	for (c = commands; c->name; c++)
		fprintf(sh->out, "  %-9s %s\n", c->name, c->summary);
	fputs("A unique prefix names a command (mpr: mprotect); ? and h are help.\n"
	      "Exit status: 0 if every command succeeded (or failed as expect said),\n"
	      "1 if one failed, 2 for bad usage of vmsh.\n", sh->out);
}

/*
 * cmd_help - the list; `help CMD`: its usage, summary and text (CMD as a
 * command line takes it: an alias or a unique prefix will do); `help
 * TOPIC`: the topic.
 */
static int cmd_help(struct vmsh *sh, int argc, char **argv)
{
	const struct vmsh_command *c;
	char why[VMSH_QUOTE_BUF + 160], q[VMSH_QUOTE_BUF];
	int i;

	if (argc == 1) {
		help_list(sh);
		return 0;
	}
	c = vmsh_find_command(argv[1]);
	for (i = 0; !c && topics[i].name; i++) {
		if (strcmp(topics[i].name, argv[1]) == 0) {
			fprintf(sh->out, "%s\n", topics[i].text);
			return 0;
		}
	}
	if (!c)
		c = vmsh_resolve(sh, argv[1], strlen(argv[1]), why, sizeof(why));
	if (c) {
		fprintf(sh->out, "usage: %s\n%s.\n\n%s\n", c->usage, c->summary, c->help);
		return 0;
	}
	if (strncmp(why, "unknown command", 15) == 0)
		return vmsh_fail(sh, "no command or topic '%s' (help lists them)",
				 vmsh_quote(q, sizeof(q), argv[1]));
	return vmsh_fail(sh, "%s", why);
}
