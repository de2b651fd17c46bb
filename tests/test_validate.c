/*
 * test_validate.c - Criterion tests for vmcore/validate.c: the validator
 * must catch corruption. Each test builds the same small valid machine,
 * breaks one thing by hand, checks that validate_machine returns -1 with a
 * message naming the problem, then restores the field so that teardown
 * validates again.
 *
 * The address space (one letter per page from BASE, '.' a hole):
 *
 *     AA.BB.cc.D      A r--p anon, B rw-p anon (VM_ACCOUNT),
 *                     c rw-s file f, D rw-p anon VM_LOCKED
 *
 * inserted in address order, so the tree is B (black root) with A and C
 * black below it and D a red child of C.
 */
#include "vmtest.h"

#define BASE	0x40000000UL
#define PG	PAGE_SIZE
#define A_START	BASE
#define B_START	(BASE + 3 * PG)
#define C_START	(BASE + 6 * PG)
#define D_START	(BASE + 9 * PG)

static struct vm_area_struct *va, *vb, *vc, *vd;
static struct inode *f;

/* build - the machine every test starts from; it validates */
static void build(void)
{
	vm_setup();
	cr_assert_eq(file_create(m, "f", 2 * PG), 0);
	cr_assert_eq(t_mmap(A_START, 2 * PG, PROT_READ, ANON_FIXED), (long)A_START);
	cr_assert_eq(t_mmap(B_START, 2 * PG, RW, ANON_FIXED), (long)B_START);
	cr_assert_eq(t_mmap_file(C_START, 2 * PG, RW, MAP_SHARED | MAP_FIXED, "f", 0), (long)C_START);
	cr_assert_eq(t_mmap(D_START, PG, RW, ANON_FIXED | MAP_LOCKED), (long)D_START);
	EXPECT_MAPS("40000000-40002000 r--p 0;40003000-40005000 rw-p 0;"
		    "40006000-40008000 rw-s 0 f;40009000-4000a000 rw-p 0");
	va = cur_mm()->mmap;
	vb = va->vm_next;
	vc = vb->vm_next;
	vd = vc->vm_next;
	f = file_lookup(m, "f");
	CHECK_VALID();
}

TestSuite(validate, .init = build, .fini = vm_teardown);

/* expect_invalid - validate_machine fails, and its message contains needle */
static void expect_invalid(const char *needle)
{
	char why[256] = "";

	cr_expect_eq(validate_machine(m, why, sizeof(why)), -1,
		     "the validator missed it (wanted '%s')", needle);
	cr_expect(strstr(why, needle) != NULL, "message \"%s\" does not name \"%s\"", why, needle);
}

static void flip_colour(struct vm_area_struct *v)
{
	v->vm_rb.__rb_parent_color ^= 1;
}

static struct vm_area_struct *rb_vma(struct rb_node *rb)
{
	return rb ? rb_entry(rb, struct vm_area_struct, vm_rb) : NULL;
}

Test(validate, the_machine_built_is_valid)
{
	char why[256] = "";

	cr_expect_eq(validate_machine(m, why, sizeof(why)), 0, "%s", why);
	cr_expect_eq(validate_mm(cur_mm(), why, sizeof(why)), 0, "%s", why);
	cr_expect_eq(cur_mm()->mm_rb.rb_node, &vb->vm_rb);
	cr_expect(rb_is_red(&vd->vm_rb));
}

/* ---- counters of the mm ---- */

Test(validate, map_count_one_too_many)
{
	cur_mm()->map_count++;
	expect_invalid("map_count");
	cur_mm()->map_count--;
}

Test(validate, map_count_one_too_few)
{
	cur_mm()->map_count--;
	expect_invalid("map_count");
	cur_mm()->map_count++;
}

Test(validate, total_vm_wrong)
{
	cur_mm()->total_vm++;
	expect_invalid("total_vm");
	cur_mm()->total_vm--;
}

Test(validate, locked_vm_wrong)
{
	cr_assert_eq(cur_mm()->locked_vm, 1);
	cur_mm()->locked_vm = 0;
	expect_invalid("locked_vm");
	cur_mm()->locked_vm = 1;
}

/* each vm_stat counter in turn, one at a time */
Test(validate, each_vm_stat_counter_wrong)
{
	struct mm_struct *mm = cur_mm();
	struct { const char *name; unsigned long *p; } c[] = {
		{ "shared_vm", &mm->shared_vm }, { "exec_vm", &mm->exec_vm },
		{ "stack_vm", &mm->stack_vm }, { "reserved_vm", &mm->reserved_vm },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		(*c[i].p)++;
		expect_invalid(c[i].name);
		(*c[i].p)--;
		CHECK_VALID();
	}
}

Test(validate, highest_vm_end_wrong)
{
	cur_mm()->highest_vm_end += PG;
	expect_invalid("highest_vm_end");
	cur_mm()->highest_vm_end -= PG;
}

/* ---- the list ---- */

/*
 * AA.BB.cc.D with B's end moved to 40007000: B and c overlap
 */
Test(validate, two_vmas_overlapping)
{
	vb->vm_end = C_START + PG;
	expect_invalid("overlaps");
	vb->vm_end = B_START + 2 * PG;
}

/*
 * the list relinked as A c B D (the tree still says A B c D)
 */
Test(validate, list_out_of_order)
{
	va->vm_next = vc;
	vc->vm_prev = va;
	vc->vm_next = vb;
	vb->vm_prev = vc;
	vb->vm_next = vd;
	vd->vm_prev = vb;
	expect_invalid("order");
	va->vm_next = vb;
	vb->vm_prev = va;
	vb->vm_next = vc;
	vc->vm_prev = vb;
	vc->vm_next = vd;
	vd->vm_prev = vc;
}

/* a VMA's start moved below its predecessor's: out of order in the list */
Test(validate, vma_before_its_predecessor)
{
	vc->vm_start = BASE + PG;
	expect_invalid("out of order");
	vc->vm_start = C_START;
}

Test(validate, vm_prev_wrong)
{
	vc->vm_prev = va;
	expect_invalid("vm_prev");
	vc->vm_prev = vb;
}

/* D cut off the list but still in the tree */
Test(validate, tree_holds_a_vma_the_list_lost)
{
	vc->vm_next = NULL;
	expect_invalid("tree has more VMAs");
	vc->vm_next = vd;
}

/* ---- one VMA ---- */

Test(validate, vma_range_not_page_aligned)
{
	va->vm_start += 1;
	expect_invalid("bad range");
	va->vm_start -= 1;
}

Test(validate, vma_past_task_size)
{
	vd->vm_end = TASK_SIZE + PG;
	expect_invalid("TASK_SIZE");
	vd->vm_end = D_START + PG;
}

Test(validate, vm_mm_wrong)
{
	struct mm_struct other;

	va->vm_mm = &other;
	expect_invalid("vm_mm");
	va->vm_mm = cur_mm();
}

Test(validate, vm_page_prot_not_matching_flags)
{
	va->vm_page_prot.pgprot ^= _PAGE_RW;
	expect_invalid("vm_page_prot");
	va->vm_page_prot.pgprot ^= _PAGE_RW;
}

/* B is writable; without VM_MAYWRITE it could never have become so */
Test(validate, right_without_its_may_bit)
{
	vb->vm_flags &= ~VM_MAYWRITE;
	expect_invalid("VM_MAY");
	vb->vm_flags |= VM_MAYWRITE;
}

Test(validate, shared_vma_carrying_vm_account)
{
	vc->vm_flags |= VM_ACCOUNT;
	expect_invalid("VM_ACCOUNT");
	vc->vm_flags &= ~VM_ACCOUNT;
}

/* ---- the tree ---- */

/* a red node given a red child: colour D's parent red */
Test(validate, red_node_with_red_child)
{
	struct vm_area_struct *red = NULL, *v;

	for (v = va; v; v = v->vm_next)
		if (rb_is_red(&v->vm_rb) && rb_parent(rb_parent(&v->vm_rb)))
			red = v;
	cr_assert_not_null(red, "no red node below the root's children");
	flip_colour(rb_vma(rb_parent(&red->vm_rb)));
	expect_invalid("red node has a red child");
	flip_colour(rb_vma(rb_parent(&red->vm_rb)));
}

Test(validate, red_root)
{
	flip_colour(rb_vma(cur_mm()->mm_rb.rb_node));
	expect_invalid("root is red");
	flip_colour(rb_vma(cur_mm()->mm_rb.rb_node));
}

/* a black leaf under a black parent painted red: black heights differ */
Test(validate, black_node_painted_red)
{
	struct vm_area_struct *leaf = NULL, *v;

	for (v = va; v; v = v->vm_next) {
		struct rb_node *rb = &v->vm_rb;

		if (rb_is_black(rb) && rb_parent(rb) && rb_is_black(rb_parent(rb)) &&
		    !rb->rb_left && !rb->rb_right)
			leaf = v;
	}
	cr_assert_not_null(leaf, "no black leaf under a black parent");
	flip_colour(leaf);
	expect_invalid("black height");
	flip_colour(leaf);
}

Test(validate, rb_subtree_gap_wrong)
{
	struct vm_area_struct *root = rb_vma(cur_mm()->mm_rb.rb_node);

	root->rb_subtree_gap += PG;
	expect_invalid("rb_subtree_gap");
	root->rb_subtree_gap -= PG;
}

Test(validate, rb_subtree_gap_of_a_leaf_wrong)
{
	uint32_t gap = vd->rb_subtree_gap;

	cr_assert_eq(gap, PG);	/* D has no children: its own gap above c */
	vd->rb_subtree_gap = 0;
	expect_invalid("rb_subtree_gap");
	vd->rb_subtree_gap = gap;
}

/* ---- mmap_cache ---- */

/* a copy of A that is no VMA of this mm (a freed one would look the same) */
Test(validate, mmap_cache_pointing_to_a_foreign_vma)
{
	struct vm_area_struct foreign = *va;
	struct vm_area_struct *was = cur_mm()->mmap_cache;

	cur_mm()->mmap_cache = &foreign;
	expect_invalid("mmap_cache");
	cur_mm()->mmap_cache = was;
}

/* ---- files ---- */

Test(validate, i_mmap_count_wrong)
{
	f->i_mapping->i_mmap_count++;
	expect_invalid("i_mmap_count");
	f->i_mapping->i_mmap_count--;
}

Test(validate, f_count_wrong)
{
	vc->vm_file->f_count++;
	expect_invalid("f_count");
	vc->vm_file->f_count--;
}

Test(validate, i_writecount_wrong)
{
	cr_assert_eq(f->i_writecount, 1);
	f->i_writecount = 0;
	expect_invalid("i_writecount");
	f->i_writecount = 1;
}

/* ---- the machine ---- */

Test(validate, committed_space_wrong)
{
	cr_assert_eq(m->vm_committed_space, 3);
	m->vm_committed_space = 2;
	expect_invalid("vm_committed_space");
	m->vm_committed_space = 3;
}

/* a vm_area_struct allocated but in no address space: a leak */
Test(validate, leaked_vm_area_struct)
{
	void *leak = kmem_cache_alloc(m->vm_area_cachep);

	cr_assert_not_null(leak);
	expect_invalid("vm_area_struct");
	kmem_cache_free(m->vm_area_cachep, leak);
}

/* VMAs reserved for an operation must be given back when it ends */
Test(validate, reserve_left_over)
{
	cr_assert_eq(vma_reserve(cur_mm(), 1), 0);
	expect_invalid("reserved");
	vma_unreserve(cur_mm());
}

Test(validate, mm_users_wrong)
{
	cur_mm()->mm_users++;
	expect_invalid("mm_users");
	cur_mm()->mm_users--;
}

/* ---- how the validator reports ---- */

/* validate_mm alone sees the mm's own problems */
Test(validate, validate_mm_reports_too)
{
	char why[256] = "";

	cur_mm()->total_vm--;
	cr_expect_eq(validate_mm(cur_mm(), why, sizeof(why)), -1);
	cr_expect(strstr(why, "total_vm") != NULL, "%s", why);
	cur_mm()->total_vm++;
	cr_expect_eq(validate_mm(cur_mm(), why, sizeof(why)), 0, "%s", why);
}

/* the message is cut to the buffer and stays a string; no buffer is fine */
Test(validate, message_fits_the_buffer)
{
	char why[8];

	memset(why, 'z', sizeof(why));
	cur_mm()->map_count++;
	cr_expect_eq(validate_machine(m, why, sizeof(why)), -1);
	cr_expect(memchr(why, '\0', sizeof(why)) != NULL, "message not terminated");
	cr_expect_eq(validate_machine(m, NULL, 0), -1);
	cur_mm()->map_count--;
}
