/*
 * test_rbtree.c - Criterion tests for vmcore/rbtree.c: insertion and erasure
 * in several orders with rb_check after every operation, in-order iteration,
 * an augmented (subtree max) tree, and rb_check's own failure detection.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "rbtree.h"

#define NKEYS	4000

struct tnode {
	int key;
	int subtree_max;
	struct rb_node node;
};

#define tnode_of(rb)	rb_entry(rb, struct tnode, node)

/* Fail the test only when cond is false: keeps hot loops cheap. */
#define CHECK(cond, ...)						\
	do {								\
		if (!(cond))						\
			cr_assert_fail(__VA_ARGS__);			\
	} while (0)

static struct tnode pool[NKEYS];
static int keys[NKEYS];
static unsigned char present[NKEYS];

/* xorshift32 with a fixed seed per test, so every run is identical. */
static uint32_t rng_state;

static void rng_seed(uint32_t seed)
{
	rng_state = seed ? seed : 0x9e3779b9u;
}

static uint32_t rng_next(void)
{
	uint32_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

/* Fill a[0..n) with 0..n-1 and shuffle it (Fisher-Yates). */
static void make_permutation(int *a, int n)
{
	for (int i = 0; i < n; i++)
		a[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)(rng_next() % (uint32_t)(i + 1));
		int t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

static void make_ascending(int *a, int n)
{
	for (int i = 0; i < n; i++)
		a[i] = i;
}

static void make_descending(int *a, int n)
{
	for (int i = 0; i < n; i++)
		a[i] = n - 1 - i;
}

/* Plain insert: equal keys go to the right, so duplicates stay in order. */
static void tree_insert(struct rb_root *root, struct tnode *n)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (n->key < tnode_of(parent)->key)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&n->node, parent, link);
	rb_insert_color(&n->node, root);
}

/* ---- augmented tree: subtree_max = max key in the node's subtree ---- */

static unsigned long n_propagate, n_copy, n_rotate;

static int compute_max(const struct tnode *n)
{
	int max = n->key;

	if (n->node.rb_left && tnode_of(n->node.rb_left)->subtree_max > max)
		max = tnode_of(n->node.rb_left)->subtree_max;
	if (n->node.rb_right && tnode_of(n->node.rb_right)->subtree_max > max)
		max = tnode_of(n->node.rb_right)->subtree_max;
	return max;
}

/* As RB_DECLARE_CALLBACKS: walk up, stopping early when nothing changes. */
static void aug_propagate(struct rb_node *rb, struct rb_node *stop)
{
	n_propagate++;
	while (rb != stop) {
		struct tnode *n = tnode_of(rb);
		int max = compute_max(n);

		if (n->subtree_max == max)
			break;
		n->subtree_max = max;
		rb = rb_parent(&n->node);
	}
}

static void aug_copy(struct rb_node *rb_old, struct rb_node *rb_new)
{
	n_copy++;
	tnode_of(rb_new)->subtree_max = tnode_of(rb_old)->subtree_max;
}

static void aug_rotate(struct rb_node *rb_old, struct rb_node *rb_new)
{
	struct tnode *old = tnode_of(rb_old);

	n_rotate++;
	tnode_of(rb_new)->subtree_max = old->subtree_max;
	old->subtree_max = compute_max(old);
}

static const struct rb_augment_callbacks aug_cb = {
	.propagate = aug_propagate,
	.copy = aug_copy,
	.rotate = aug_rotate,
};

/* Augmented insert: raise subtree_max along the search path, then rebalance. */
static void aug_insert(struct rb_root *root, struct tnode *n)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		struct tnode *p;

		parent = *link;
		p = tnode_of(parent);
		if (p->subtree_max < n->key)
			p->subtree_max = n->key;
		if (n->key < p->key)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	n->subtree_max = n->key;
	rb_link_node(&n->node, parent, link);
	rb_insert_augmented(&n->node, root, &aug_cb);
}

/* Brute force: the real max of the subtree, checking every node's field. */
static int brute_max(const struct rb_node *rb)
{
	const struct tnode *n = tnode_of(rb);
	int max = n->key;

	if (rb->rb_left) {
		int l = brute_max(rb->rb_left);

		if (l > max)
			max = l;
	}
	if (rb->rb_right) {
		int r = brute_max(rb->rb_right);

		if (r > max)
			max = r;
	}
	CHECK(n->subtree_max == max,
	      "node %d: subtree_max %d, brute force says %d",
	      n->key, n->subtree_max, max);
	return max;
}

static void check_augmented(const struct rb_root *root)
{
	if (root->rb_node)
		brute_max(root->rb_node);
}

/* ---- whole-tree validation ---- */

static int tree_height(const struct rb_node *rb)
{
	int l, r;

	if (!rb)
		return 0;
	l = tree_height(rb->rb_left);
	r = tree_height(rb->rb_right);
	return 1 + (l > r ? l : r);
}

/*
 * rb_check must pass, the in-order walk must be sorted and hold exactly
 * count nodes, and the shape must respect the red-black height bounds.
 * Returns the black height.
 */
static int check_tree(const struct rb_root *root, int count)
{
	const char *why = NULL;
	int bh = rb_check(root, &why);
	int seen = 0, prev_key = INT32_MIN, h;

	CHECK(bh >= 0, "rb_check failed with %d nodes: %s", count,
	      why ? why : "(no reason)");
	for (struct rb_node *rb = rb_first(root); rb; rb = rb_next(rb)) {
		int k = tnode_of(rb)->key;

		CHECK(k >= prev_key, "in-order walk not sorted: %d after %d",
		      k, prev_key);
		prev_key = k;
		seen++;
		CHECK(seen <= count, "in-order walk longer than %d", count);
	}
	CHECK(seen == count, "in-order walk saw %d of %d nodes", seen, count);
	h = tree_height(root->rb_node);
	CHECK(h <= 2 * bh, "height %d exceeds twice black height %d", h, bh);
	CHECK(bh < 31 && (1L << bh) - 1 <= count,
	      "black height %d impossible with %d nodes", bh, count);
	return bh;
}

/* The in-order keys are exactly { k : present[k] } (keys from 0..n-1). */
static void check_members(const struct rb_root *root, int n)
{
	struct rb_node *rb = rb_first(root);

	for (int k = 0; k < n; k++) {
		if (!present[k])
			continue;
		CHECK(rb != NULL, "key %d missing (walk ended early)", k);
		CHECK(tnode_of(rb)->key == k, "expected key %d, walk gave %d",
		      k, tnode_of(rb)->key);
		rb = rb_next(rb);
	}
	CHECK(rb == NULL, "walk has extra key %d", rb ? tnode_of(rb)->key : -1);
}

/* Insert keys[0..n) in that order, checking the tree after every insert. */
static void build_checked(struct rb_root *root, const int *k, int n, bool aug)
{
	memset(present, 0, sizeof(present));
	for (int i = 0; i < n; i++) {
		struct tnode *t = &pool[k[i]];

		t->key = k[i];
		if (aug)
			aug_insert(root, t);
		else
			tree_insert(root, t);
		present[k[i]] = 1;
		check_tree(root, i + 1);
		if (aug)
			check_augmented(root);
	}
	check_members(root, n);
}

/* Erase keys[0..n) in that order, checking the tree after every erase. */
static void erase_checked(struct rb_root *root, const int *k, int n, bool aug)
{
	for (int i = 0; i < n; i++) {
		struct tnode *t = &pool[k[i]];

		if (aug)
			rb_erase_augmented(&t->node, root, &aug_cb);
		else
			rb_erase(&t->node, root);
		present[k[i]] = 0;
		check_tree(root, n - i - 1);
		if (aug)
			check_augmented(root);
	}
	check_members(root, n);
	cr_assert_null(root->rb_node, "tree not empty after erasing every key");
}

/* ---- tests ---- */

Test(rbtree, empty_tree_is_valid_with_black_height_zero)
{
	struct rb_root root = RB_ROOT;
	const char *why = "untouched";

	cr_assert_eq(rb_check(&root, &why), 0);
	cr_assert_str_eq(why, "untouched", "rb_check set *why on success");
	cr_assert_eq(rb_check(&root, NULL), 0);
	cr_assert_null(rb_first(&root));
	cr_assert_null(rb_last(&root));
}

Test(rbtree, single_insert_makes_black_root_with_no_neighbours)
{
	struct rb_root root = RB_ROOT;
	struct tnode n = { .key = 42 };

	tree_insert(&root, &n);
	cr_assert_eq(root.rb_node, &n.node);
	cr_assert(rb_is_black(&n.node), "root is not black");
	cr_assert_null(rb_parent(&n.node));
	cr_assert_eq(rb_check(&root, NULL), 1);
	cr_assert_eq(rb_first(&root), &n.node);
	cr_assert_eq(rb_last(&root), &n.node);
	cr_assert_null(rb_next(&n.node));
	cr_assert_null(rb_prev(&n.node));

	rb_erase(&n.node, &root);
	cr_assert_null(root.rb_node);
	cr_assert_eq(rb_check(&root, NULL), 0);
}

Test(rbtree, insert_ascending_keeps_black_height)
{
	struct rb_root root = RB_ROOT;

	make_ascending(keys, NKEYS);
	build_checked(&root, keys, NKEYS, false);
	cr_assert_geq(check_tree(&root, NKEYS), 6);
}

Test(rbtree, insert_descending_keeps_black_height)
{
	struct rb_root root = RB_ROOT;

	make_descending(keys, NKEYS);
	build_checked(&root, keys, NKEYS, false);
	cr_assert_geq(check_tree(&root, NKEYS), 6);
}

Test(rbtree, insert_random_keeps_tree_valid)
{
	struct rb_root root = RB_ROOT;

	rng_seed(1);
	make_permutation(keys, NKEYS);
	build_checked(&root, keys, NKEYS, false);
}

Test(rbtree, insert_duplicate_keys_keeps_tree_valid_and_sorted)
{
	struct rb_root root = RB_ROOT;

	rng_seed(2);
	for (int i = 0; i < NKEYS; i++) {
		pool[i].key = (int)(rng_next() % 37);
		tree_insert(&root, &pool[i]);
		check_tree(&root, i + 1);
	}
	for (int i = 0; i < NKEYS; i++) {
		rb_erase(&pool[i].node, &root);
		check_tree(&root, NKEYS - i - 1);
	}
	cr_assert_null(root.rb_node);
}

Test(rbtree, inorder_walk_with_rb_first_rb_next_is_sorted_and_complete)
{
	struct rb_root root = RB_ROOT;
	struct rb_node *rb;
	int k = 0;

	rng_seed(3);
	make_permutation(keys, NKEYS);
	for (int i = 0; i < NKEYS; i++) {
		pool[keys[i]].key = keys[i];
		tree_insert(&root, &pool[keys[i]]);
	}
	cr_assert_eq(rb_first(&root), &pool[0].node);
	for (rb = rb_first(&root); rb; rb = rb_next(rb), k++)
		CHECK(tnode_of(rb)->key == k, "walk gave %d, expected %d",
		      tnode_of(rb)->key, k);
	cr_assert_eq(k, NKEYS, "forward walk visited %d of %d", k, NKEYS);
}

Test(rbtree, reverse_walk_with_rb_last_rb_prev_is_sorted_and_complete)
{
	struct rb_root root = RB_ROOT;
	struct rb_node *rb;
	int k = NKEYS - 1;

	rng_seed(4);
	make_permutation(keys, NKEYS);
	for (int i = 0; i < NKEYS; i++) {
		pool[keys[i]].key = keys[i];
		tree_insert(&root, &pool[keys[i]]);
	}
	cr_assert_eq(rb_last(&root), &pool[NKEYS - 1].node);
	for (rb = rb_last(&root); rb; rb = rb_prev(rb), k--)
		CHECK(tnode_of(rb)->key == k, "walk gave %d, expected %d",
		      tnode_of(rb)->key, k);
	cr_assert_eq(k, -1, "backward walk stopped early at %d", k);
	cr_assert_null(rb_prev(&pool[0].node));
	cr_assert_null(rb_next(&pool[NKEYS - 1].node));
}

Test(rbtree, erase_random_order_keeps_tree_valid)
{
	struct rb_root root = RB_ROOT;

	rng_seed(5);
	make_permutation(keys, NKEYS);
	build_checked(&root, keys, NKEYS, false);
	make_permutation(keys, NKEYS);
	erase_checked(&root, keys, NKEYS, false);
}

Test(rbtree, erase_ascending_order_keeps_tree_valid)
{
	struct rb_root root = RB_ROOT;

	rng_seed(6);
	make_permutation(keys, NKEYS);
	build_checked(&root, keys, NKEYS, false);
	make_ascending(keys, NKEYS);
	erase_checked(&root, keys, NKEYS, false);
}

Test(rbtree, erase_root_repeatedly_keeps_tree_valid)
{
	struct rb_root root = RB_ROOT;
	int left = NKEYS;

	rng_seed(7);
	make_permutation(keys, NKEYS);
	build_checked(&root, keys, NKEYS, false);
	while (root.rb_node) {
		struct tnode *t = tnode_of(root.rb_node);

		rb_erase(root.rb_node, &root);
		present[t->key] = 0;
		check_tree(&root, --left);
	}
	cr_assert_eq(left, 0);
	check_members(&root, NKEYS);
}

Test(rbtree, interleaved_insert_and_erase_keeps_tree_valid)
{
	struct rb_root root = RB_ROOT;
	int count = 0;

	rng_seed(8);
	memset(present, 0, sizeof(present));
	for (int i = 0; i < 4 * NKEYS; i++) {
		int k = (int)(rng_next() % NKEYS);

		if (present[k]) {
			rb_erase(&pool[k].node, &root);
			present[k] = 0;
			count--;
		} else {
			pool[k].key = k;
			tree_insert(&root, &pool[k]);
			present[k] = 1;
			count++;
		}
		check_tree(&root, count);
	}
	check_members(&root, NKEYS);
}

Test(rbtree, augmented_insert_ascending_keeps_subtree_max)
{
	struct rb_root root = RB_ROOT;

	n_rotate = 0;
	make_ascending(keys, NKEYS);
	build_checked(&root, keys, NKEYS, true);
	cr_assert_eq(tnode_of(root.rb_node)->subtree_max, NKEYS - 1);
	cr_assert_gt(n_rotate, 0, "no rotate callback during ascending insert");
}

Test(rbtree, augmented_insert_random_keeps_subtree_max)
{
	struct rb_root root = RB_ROOT;

	rng_seed(9);
	make_permutation(keys, NKEYS);
	build_checked(&root, keys, NKEYS, true);
	cr_assert_eq(tnode_of(root.rb_node)->subtree_max, NKEYS - 1);
}

Test(rbtree, augmented_erase_random_order_keeps_subtree_max)
{
	struct rb_root root = RB_ROOT;

	rng_seed(10);
	make_permutation(keys, NKEYS);
	build_checked(&root, keys, NKEYS, true);
	n_propagate = n_copy = n_rotate = 0;
	make_permutation(keys, NKEYS);
	erase_checked(&root, keys, NKEYS, true);
	cr_assert_gt(n_copy, 0, "copy callback never ran");
	cr_assert_gt(n_propagate, 0, "propagate callback never ran");
	cr_assert_gt(n_rotate, 0, "rotate callback never ran");
}

Test(rbtree, augmented_erase_descending_order_keeps_subtree_max)
{
	struct rb_root root = RB_ROOT;

	rng_seed(11);
	make_permutation(keys, NKEYS);
	build_checked(&root, keys, NKEYS, true);
	make_descending(keys, NKEYS);
	erase_checked(&root, keys, NKEYS, true);
}

Test(rbtree, augmented_interleaved_insert_and_erase_keeps_subtree_max)
{
	struct rb_root root = RB_ROOT;
	int count = 0;

	rng_seed(12);
	memset(present, 0, sizeof(present));
	for (int i = 0; i < 4 * NKEYS; i++) {
		int k = (int)(rng_next() % NKEYS);

		if (present[k]) {
			rb_erase_augmented(&pool[k].node, &root, &aug_cb);
			present[k] = 0;
			count--;
		} else {
			pool[k].key = k;
			aug_insert(&root, &pool[k]);
			present[k] = 1;
			count++;
		}
		check_tree(&root, count);
		check_augmented(&root);
	}
	check_members(&root, NKEYS);
}

/*
 * A second augmentation, subtree size: unlike a max of the key it changes
 * whenever any node below changes, so it also catches a missed propagate
 * (removing a subtree's minimum never changes that subtree's max).
 */
struct snode {
	int key;
	int size;
	struct rb_node node;
};

#define snode_of(rb)	rb_entry(rb, struct snode, node)

static struct snode spool[NKEYS];

static int compute_size(const struct snode *n)
{
	return 1 + (n->node.rb_left ? snode_of(n->node.rb_left)->size : 0) +
	       (n->node.rb_right ? snode_of(n->node.rb_right)->size : 0);
}

static void size_propagate(struct rb_node *rb, struct rb_node *stop)
{
	while (rb != stop) {
		struct snode *n = snode_of(rb);
		int size = compute_size(n);

		if (n->size == size)
			break;
		n->size = size;
		rb = rb_parent(&n->node);
	}
}

static void size_copy(struct rb_node *rb_old, struct rb_node *rb_new)
{
	snode_of(rb_new)->size = snode_of(rb_old)->size;
}

static void size_rotate(struct rb_node *rb_old, struct rb_node *rb_new)
{
	struct snode *old = snode_of(rb_old);

	snode_of(rb_new)->size = old->size;
	old->size = compute_size(old);
}

static const struct rb_augment_callbacks size_cb = {
	.propagate = size_propagate,
	.copy = size_copy,
	.rotate = size_rotate,
};

static void size_insert(struct rb_root *root, struct snode *n)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		snode_of(parent)->size++;
		if (n->key < snode_of(parent)->key)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	n->size = 1;
	rb_link_node(&n->node, parent, link);
	rb_insert_augmented(&n->node, root, &size_cb);
}

/* Brute force: count every subtree and compare with the stored size. */
static int brute_size(const struct rb_node *rb)
{
	int size;

	if (!rb)
		return 0;
	size = 1 + brute_size(rb->rb_left) + brute_size(rb->rb_right);
	CHECK(snode_of(rb)->size == size, "node %d: size %d, brute force says %d",
	      snode_of(rb)->key, snode_of(rb)->size, size);
	return size;
}

Test(rbtree, augmented_subtree_size_survives_interleaved_insert_and_erase)
{
	struct rb_root root = RB_ROOT;
	const char *why = NULL;
	int count = 0;

	rng_seed(13);
	memset(present, 0, sizeof(present));
	for (int i = 0; i < 4 * NKEYS; i++) {
		int k = (int)(rng_next() % NKEYS);

		if (present[k]) {
			rb_erase_augmented(&spool[k].node, &root, &size_cb);
			present[k] = 0;
			count--;
		} else {
			spool[k].key = k;
			size_insert(&root, &spool[k]);
			present[k] = 1;
			count++;
		}
		CHECK(rb_check(&root, &why) >= 0, "rb_check: %s", why);
		CHECK(brute_size(root.rb_node) == count,
		      "tree holds %d nodes, expected %d",
		      brute_size(root.rb_node), count);
	}
	for (int k = 0; k < NKEYS; k++) {
		if (!present[k])
			continue;
		rb_erase_augmented(&spool[k].node, &root, &size_cb);
		CHECK(rb_check(&root, &why) >= 0, "rb_check: %s", why);
		CHECK(brute_size(root.rb_node) == --count,
		      "tree holds %d nodes, expected %d",
		      brute_size(root.rb_node), count);
	}
	cr_assert_null(root.rb_node);
}

/* ---- rb_check must notice broken trees ---- */

static void set_node(struct tnode *n, struct tnode *parent, int color,
		     struct tnode *left, struct tnode *right)
{
	n->node.__rb_parent_color =
		(uintptr_t)(parent ? &parent->node : NULL) | (uintptr_t)color;
	n->node.rb_left = left ? &left->node : NULL;
	n->node.rb_right = right ? &right->node : NULL;
}

Test(rbtree, rb_check_rejects_red_root)
{
	struct tnode a = { .key = 1 };
	struct rb_root root = { &a.node };
	const char *why = NULL;

	set_node(&a, NULL, RB_RED, NULL, NULL);
	cr_assert_eq(rb_check(&root, &why), -1);
	cr_assert_not_null(why);
	cr_assert_eq(rb_check(&root, NULL), -1);
}

Test(rbtree, rb_check_rejects_red_node_with_red_child)
{
	/* black 2 with red children 1 and 3; red 1 has a red left child 0 */
	struct tnode n0 = { .key = 0 }, n1 = { .key = 1 }, n2 = { .key = 2 },
		     n3 = { .key = 3 };
	struct rb_root root = { &n2.node };
	const char *why = NULL;

	set_node(&n2, NULL, RB_BLACK, &n1, &n3);
	set_node(&n1, &n2, RB_RED, &n0, NULL);
	set_node(&n0, &n1, RB_RED, NULL, NULL);
	set_node(&n3, &n2, RB_RED, NULL, NULL);
	cr_assert_eq(rb_check(&root, &why), -1);
	cr_assert_not_null(why);
}

Test(rbtree, rb_check_rejects_unequal_black_height)
{
	struct tnode n0 = { .key = 0 }, n1 = { .key = 1 };
	struct rb_root root = { &n1.node };
	const char *why = NULL;

	set_node(&n1, NULL, RB_BLACK, &n0, NULL);
	set_node(&n0, &n1, RB_BLACK, NULL, NULL);
	cr_assert_eq(rb_check(&root, &why), -1);
	cr_assert_not_null(why);
}

Test(rbtree, rb_check_rejects_wrong_parent_pointer)
{
	struct tnode n0 = { .key = 0 }, n1 = { .key = 1 }, n2 = { .key = 2 };
	struct rb_root root = { &n1.node };
	const char *why = NULL;

	set_node(&n1, NULL, RB_BLACK, &n0, &n2);
	set_node(&n0, &n1, RB_RED, NULL, NULL);
	set_node(&n2, &n0, RB_RED, NULL, NULL);	/* should point at n1 */
	cr_assert_eq(rb_check(&root, &why), -1);
	cr_assert_not_null(why);

	set_node(&n2, &n1, RB_RED, NULL, NULL);
	cr_assert_eq(rb_check(&root, &why), 1, "repaired tree rejected: %s", why);
}
