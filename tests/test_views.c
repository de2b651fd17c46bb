/*
 * test_views.c - the views as a learner and a program read them: every
 * view's --json output parses (json-c) and says what the engine's
 * structures say (VMAs, PTEs, frames and their counts, who shares a COW
 * page), dump's facts agree with the validated machine, Lua gets the same
 * documents, and every text view fits 80 columns after the classic
 * scenarios.
 */
#include <json-c/json.h>

#include "shtest.h"
#include "vmcore.h"

TestSuite(views, .init = sh_setup, .fini = sh_teardown);

/* the classic scenarios, each leaving two processes or a split VMA to show */
static const char *const scenarios[] = {
	/* munmap in the middle of a file mapping: one VMA becomes two */
	"file data 32k; mmap 0x40000000 32k rw- private data; touch 0x40000000 r; "
	"touch 0x40001000 w; touch 0x40005000 w; munmap 0x40002000 4k",
	/* fork, then a COW write of the child: COW, will reuse, the zero page */
	"mmap 0x40000000 16k rw- private,anon; write 0x40000000 \"p0\"; "
	"write 0x40001000 \"p1\"; touch 0x40002000 r; fork; use 2; write 0x40000000 \"c\"",
	/* a child exits: its frames are gone, the parent's pages mapped once */
	"mmap 0x40000000 12k rw- private,anon; touch 0x40000000 8k w; fork; use 2; "
	"touch 0x40002000 w; exit 2; use 1",
	/* shared file and shmem pages, a private COW one, a long flag list */
	"file data 8k; mmap 0x40000000 8k rw- shared data; touch 0x40000000 w; "
	"mmap 0x40010000 4k rwx private,anon,locked,noreserve; touch 0x40010000 w; "
	"mmap 0x40020000 4k rw- shared,anon; touch 0x40020000 w; fork",
};
#define NSCEN (sizeof(scenarios) / sizeof(scenarios[0]))

/* setup_scenario - run scenario i, which must succeed and leave the machine valid */
static void setup_scenario(size_t i)
{
	int rc = run(scenarios[i]);

	cr_assert_eq(rc, 0, "scenario %zu failed:\n%s", i, output());
	output();
	CHECK_VALID();
}

/* json_of - run line (a view with --json) and parse what it printed; the caller puts it */
static struct json_object *json_of(const char *line)
{
	struct json_object *doc;
	const char *text;
	int rc = run(line);

	text = output();
	cr_assert_eq(rc, 0, "%s failed:\n%s", line, text);
	doc = json_tokener_parse(text);
	cr_assert_not_null(doc, "%s printed no JSON document:\n%s", line, text);
	CHECK_VALID();
	return doc;
}

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	cr_assert(json_object_object_get_ex(o, key, &v), "no key \"%s\" in %s", key,
		  json_object_to_json_string(o));
	return v;
}

static long long num(struct json_object *o, const char *key)
{
	return json_object_get_int64(get(o, key));
}

static int boolean(struct json_object *o, const char *key)
{
	return json_object_get_boolean(get(o, key));
}

static const char *str(struct json_object *o, const char *key)
{
	return json_object_get_string(get(o, key));
}

static struct task_struct *task(int pid)
{
	struct task_struct *t = find_task_by_pid(m, pid);

	cr_assert_not_null(t, "no pid %d", pid);
	return t;
}

/* ---- every view's --json parses, after every scenario ---- */

Test(views, every_json_view_parses_after_every_scenario)
{
	static const char *const views[] = {
		"maps --json", "smaps --json", "status --json", "mm --json", "vma --json",
		"vma 0x40000000 --json", "pt --json", "pt 0x40000000 --json",
		"pt 0x40000000+8k --json", "frames --json", "frames pid=1 kind=anon --json",
		"ps --json", "pmap --json", "dump --json", "dump 0x40001000 --json",
		"dump all --json", "diff --json", "diff 4 --json", "maps 1 --json",
		"dump 1 --json", "pmap 1 --json",
	};
	size_t i, v;

	for (i = 0; i < NSCEN; i++) {
		sh_teardown();
		sh_setup();
		setup_scenario(i);
		for (v = 0; v < sizeof(views) / sizeof(views[0]); v++)
			json_object_put(json_of(views[v]));
	}
}

/* ---- the documents' facts are the engine's ---- */

/* check_maps - maps --json of pid lists mm's VMAs, in order, with their bounds */
static void check_maps(int pid)
{
	char line[64];
	struct json_object *doc;
	struct vm_area_struct *vma;
	struct mm_struct *mm = task(pid)->mm;
	size_t i = 0;

	snprintf(line, sizeof(line), "maps %d --json", pid);
	doc = json_of(line);
	cr_assert_eq(json_object_array_length(doc), (size_t)mm->map_count);
	for (vma = mm->mmap; vma; vma = vma->vm_next, i++) {
		struct json_object *e = json_object_array_get_idx(doc, i);

		cr_assert_eq(num(e, "start"), (long long)vma->vm_start);
		cr_assert_eq(num(e, "end"), (long long)vma->vm_end);
	}
	json_object_put(doc);
}

/* count_pte - walk_page_range's callback: count the PTEs present */
static int count_pte(pte_t pte, unsigned long addr, struct mm_walk *walk)
{
	(void)addr;
	if (pte_present(pte))
		++*(unsigned long *)walk->private;
	return 0;
}

/* present_in - PTEs present in [start, end) of mm, by the engine's walk */
static unsigned long present_in(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long n = 0;
	struct mm_walk walk = { .pte_entry = count_pte, .mm = mm, .private = &n };

	walk_page_range(start, end, &walk);
	return n;
}

/* check_page - one page of a dump against the PTE and struct page it names */
static void check_page(struct mm_struct *mm, const struct vm_area_struct *vma,
		       struct json_object *p)
{
	unsigned long addr = (unsigned long)num(p, "addr");
	struct page_info pi;
	pgd_t pde;
	pte_t pte;
	int cow;

	cr_assert(addr >= vma->vm_start && addr < vma->vm_end, "page %lx out of its VMA", addr);
	cr_assert(follow_pte(mm, addr, &pde, &pte), "no page table for %lx", addr);
	cr_assert_eq(num(p, "value"), (long long)pte, "PTE of %lx", addr);
	cr_assert_eq(num(p, "frame"), (long long)(pte >> PAGE_SHIFT));
	cr_assert_eq(boolean(p, "rw"), pte_write(pte));
	cr_assert_eq(get_page_info(m, pte >> PAGE_SHIFT, &pi), 0);
	cr_assert_eq(num(p, "count"), pi.count, "_count of %lx", addr);
	cr_assert_eq(num(p, "mapcount"), pi.mapcount, "mapcount of %lx", addr);
	if (pi.zero || pi.anon)
		cr_assert_str_eq(str(p, "kind"), pi.zero ? "zero" : "anon");
	else	/* a page of the page cache: a file's, or shmem's */
		cr_assert(strcmp(str(p, "kind"), "file") == 0 || strcmp(str(p, "kind"), "shmem") == 0);
	/* COW: write-protected in a writable private VMA, an anonymous page mapped more than once */
	cow = pi.anon && !pte_write(pte) && (vma->vm_flags & VM_WRITE) &&
	      !(vma->vm_flags & VM_SHARED);
	if (cow && pi.mapcount > 1) {
		cr_assert_str_eq(str(p, "state"), "COW", "page %lx", addr);
		cr_assert_eq(json_object_array_length(get(p, "shared_with")),
			     (size_t)pi.mapcount, "who shares %lx", addr);
	} else if (cow) {
		cr_assert_str_eq(str(p, "state"), "wp", "page %lx", addr);
	} else {
		cr_assert_str_neq(str(p, "state"), "COW", "page %lx", addr);
		cr_assert_str_neq(str(p, "state"), "wp", "page %lx", addr);
	}
}

/* check_dump - dump PID --json: mm, each VMA, and each page present, as the engine has them */
static void check_dump(int pid)
{
	char line[64];
	struct json_object *doc, *vmas, *mmj;
	struct vm_area_struct *vma;
	struct mm_struct *mm = task(pid)->mm;
	size_t i = 0, j;

	snprintf(line, sizeof(line), "dump %d --json", pid);
	doc = json_of(line);
	cr_assert_eq(num(doc, "pid"), pid);
	mmj = get(doc, "mm");
	cr_assert_eq(num(mmj, "map_count"), mm->map_count);
	cr_assert_eq(num(mmj, "total_vm"), (long long)mm->total_vm);
	cr_assert_eq(num(mmj, "nr_ptes"), (long long)mm->nr_ptes);
	vmas = get(doc, "vmas");
	cr_assert_eq(json_object_array_length(vmas), (size_t)mm->map_count);
	for (vma = mm->mmap; vma; vma = vma->vm_next, i++) {
		struct json_object *v = json_object_array_get_idx(vmas, i), *pages;

		cr_assert_eq(num(v, "vm_start"), (long long)vma->vm_start);
		cr_assert_eq(num(v, "vm_end"), (long long)vma->vm_end);
		cr_assert_eq(num(v, "vm_flags"), (long long)vma->vm_flags);
		pages = get(v, "pages");
		cr_assert_eq(json_object_array_length(pages),
			     present_in(mm, vma->vm_start, vma->vm_end),
			     "pages of %lx-%lx", vma->vm_start, vma->vm_end);
		for (j = 0; j < json_object_array_length(pages); j++)
			check_page(mm, vma, json_object_array_get_idx(pages, j));
	}
	json_object_put(doc);
}

/* check_pmap - pmap PID --json: each VMA's size, Rss and Dirty are smaps' */
static void check_pmap(int pid)
{
	char line[64];
	struct json_object *doc, *vmas;
	struct vm_area_struct *vma;
	struct mm_struct *mm = task(pid)->mm;
	unsigned long rss = 0;
	size_t i = 0;

	snprintf(line, sizeof(line), "pmap %d --json", pid);
	doc = json_of(line);
	vmas = get(doc, "vmas");
	cr_assert_eq(json_object_array_length(vmas), (size_t)mm->map_count);
	for (vma = mm->mmap; vma; vma = vma->vm_next, i++) {
		struct json_object *v = json_object_array_get_idx(vmas, i);
		struct mem_size_stats mss = { 0 };

		smaps_account_vma(vma, &mss);
		cr_assert_eq(num(v, "address"), (long long)vma->vm_start);
		cr_assert_eq(num(v, "kbytes"), (long long)((vma->vm_end - vma->vm_start) >> 10));
		cr_assert_eq(num(v, "rss"), (long long)(mss.resident >> 10));
		cr_assert_eq(num(v, "dirty"),
			     (long long)((mss.shared_dirty + mss.private_dirty) >> 10));
		cr_assert_eq(num(v, "swap"), 0);
		rss += mss.resident >> 10;
	}
	cr_assert_eq(num(get(doc, "total"), "rss"), (long long)rss);
	json_object_put(doc);
}

/* frame_counter - walk_frames' callback: count the frames in use */
static int frame_counter(const struct page_info *pi, void *priv)
{
	(void)pi;
	++*(unsigned long *)priv;
	return 0;
}

Test(views, json_facts_are_the_engines_after_every_scenario)
{
	struct json_object *doc;
	struct task_struct *t;
	unsigned long in_use;
	size_t i, n;

	for (i = 0; i < NSCEN; i++) {
		sh_teardown();
		sh_setup();
		setup_scenario(i);
		for_each_process(m, t) {
			if (!t->mm)
				continue;
			check_maps(t->pid);
			check_dump(t->pid);
			check_pmap(t->pid);
		}
		doc = json_of("ps --json");
		n = 0;
		for_each_process(m, t)
			n++;
		cr_assert_eq(json_object_array_length(doc), n);
		json_object_put(doc);
		in_use = 0;
		walk_frames(m, frame_counter, &in_use);
		doc = json_of("frames --json");
		cr_assert_eq(num(doc, "in_use"), (long long)in_use);
		cr_assert_eq(json_object_array_length(get(doc, "frames")), in_use);
		json_object_put(doc);
	}
}

/* after fork and the child's write: the parent's page 0 will be reused, page 1 is COW for both */
Test(views, dump_names_cow_and_its_sharers)
{
	struct json_object *doc, *pages;

	setup_scenario(1);
	doc = json_of("dump 1 --json");
	pages = get(json_object_array_get_idx(get(doc, "vmas"), 0), "pages");
	cr_assert_eq(json_object_array_length(pages), 3);
	cr_assert_str_eq(str(json_object_array_get_idx(pages, 0), "state"), "wp");
	cr_assert_str_eq(str(json_object_array_get_idx(pages, 1), "state"), "COW");
	cr_assert_str_eq(str(json_object_array_get_idx(pages, 2), "kind"), "zero");
	json_object_put(doc);
	expect_has("dump 1", 0, "COW: will reuse");
	expect_has("dump 2 0x40001000", 0, "mapped by 1:40001000 2:40001000");
	expect_has("pt 2 0x40001000+4k", 0, "COW (anon_vma #1), 2 maps");
	expect_has("translate 2 0x40001000", 0, "COW");
	expect_has("frames kind=COW", 0, "shown 1:");
	/* a plain decimal first word is a PID; an address is written in hex */
	expect_has("translate 4096", -1, "write an address in hex");
	expect_has("dump 9", -1, "ESRCH: no process 9");
}

/* the dump's totals are the mm's counters, on a valid machine */
Test(views, dump_totals_agree_with_the_validated_mm)
{
	struct mm_struct *mm;
	char want[128];

	setup_scenario(0);
	mm = task(1)->mm;
	snprintf(want, sizeof(want), "total: %d VMAs, %lu pages present (%lu kB)",
		 mm->map_count, present_in(mm, 0, TASK_SIZE),
		 present_in(mm, 0, TASK_SIZE) * 4);
	expect_has("dump", 0, want);
	CHECK_VALID();
}

/* Lua gets the JSON document as tables */
Test(views, lua_tables_are_the_json_documents)
{
	setup_scenario(1);
	expect_run("lua print(#vm.dump(1).vmas, #vm.dump(1).vmas[1].pages, "
		   "vm.dump(1).vmas[1].pages[2].state, vm.pmap(2).total.rss, #vm.ps())", 0,
		   "1\t3\tCOW\t8\t2\n");
	expect_run("lua print(vm.dump(9))", 0, "nil\tESRCH\tno process 9 (a plain decimal first word is a PID; "
		   "write an address in hex: 0x9)\n");
}

/* diff says what the last command changed, from its events */
Test(views, diff_after_munmap_and_fork)
{
	expect_run("mmap 0x40000000 16k rw- private,anon; munmap 0x40001000 4k", 0,
		   "0x40000000\n");
	expect_has("diff", 0, "split");
	expect_has("diff", 0, "removed   40001000-40002000");
	expect_run("fork", 0, "2\n");
	expect_has("diff", 0, "forked    pid 2");
	expect_has("diff 2", 0, "munmap 0x40001000 4k  (pid 1)");
}

/* ---- 80 columns ---- */

/* exempt - a line allowed past 80 columns: maps and smaps lines (the kernel's format) */
static int exempt(const char *line, size_t len)
{
	return len > 9 && line[8] == '-' && strspn(line, "0123456789abcdef") == 8;
}

/* check_width - every line of what line printed fits 80 columns (or is exempt) */
static void check_width(const char *line)
{
	const char *p, *nl;

	run(line);
	for (p = output(); *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p) - 1;
		cr_assert((size_t)(nl - p) <= 80 || exempt(p, (size_t)(nl - p)),
			  "%s: a line of %zu columns:\n%.*s", line, (size_t)(nl - p),
			  (int)(nl - p), p);
	}
}

Test(views, text_views_fit_80_columns_after_every_scenario)
{
	static const char *const views[] = {
		"maps", "smaps", "status", "mm", "vma", "vma 0x40000000", "pt",
		"pt 0x40000000", "translate 0x40000000", "translate 0x40010000", "frames",
		"frames pid=1", "frames kind=COW", "ps", "pmap", "dump", "dump all",
		"diff", "diff 8", "rb", "help views", "help dump", "help pmap",
		"help frames", "help diff", "help pt", "help",
	};
	size_t i, v;

	for (i = 0; i < NSCEN; i++) {
		sh_teardown();
		sh_setup();
		setup_scenario(i);
		for (v = 0; v < sizeof(views) / sizeof(views[0]); v++)
			check_width(views[v]);
	}
}
