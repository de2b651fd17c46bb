/*
 * fuzz_vmsh.c - the command interpreter under a fuzzer: an input is a
 * buffer of command lines run through vmsh_run_line on a fresh, small
 * machine; after each line the machine must validate, and at the end
 * every byte vmcore allocated must come back. Built with libFuzzer
 * (clang, -Dfuzz=true) it fuzzes; built with fuzz_replay.c it replays
 * the seed corpus and every kept crash input as a regression test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vmsh.h"
#include "mm.h"
#include "slab.h"

#define FUZZ_MEM	(4UL << 20)	/* 1024 frames: out of memory is reachable */
#define FUZZ_MAX_LINES	64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull(void)
{
	static FILE *f;

	if (!f)
		f = fopen("/dev/null", "w");
	return f;
}

/* check - abort (the fuzzer's crash) with why, when the machine is not valid */
static void check(struct machine *m, const char *line, size_t len)
{
	char why[256];

	if (validate_machine(m, why, sizeof(why)) == 0)
		return;
	fprintf(stderr, "fuzz_vmsh: invalid after \"%.*s\": %s\n", (int)(len > 200 ? 200 : len),
		line, why);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine *m = machine_create(FUZZ_MEM);
	const char *p = (const char *)data, *end = p + size;
	struct vmsh sh;
	int lines = 0;

	if (!m)
		return 0;
	vmsh_init(&sh, m);
	sh.out = sh.err = devnull();
	sh.sandbox = 1;
	sh.lua_max_instructions = 200000;	/* a loop that never ends is stopped */
	sh.lua_max_memory = 8 << 20;
	while (p < end && !sh.stopping && lines++ < FUZZ_MAX_LINES) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		vmsh_run_line(&sh, p, len);
		check(m, p, len);
		p += len + 1;
	}
	vmsh_fini(&sh);
	machine_destroy(m);
	if (kmalloc_inuse()) {
		fprintf(stderr, "fuzz_vmsh: %lu blocks leaked\n", kmalloc_inuse());
		abort();
	}
	return 0;
}
