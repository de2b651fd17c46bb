/*
 * rbtree.h - an intrusive red-black tree after the kernel's lib/rbtree.c,
 * with the augmented-tree callbacks of include/linux/rbtree_augmented.h so
 * that the VMA tree can keep rb_subtree_gap for an O(log n) free-area search.
 * The caller does the search and links the node (rb_link_node), then calls
 * rb_insert_color / rb_erase (or the _augmented variants) to rebalance.
 * rb_link_node, the caller walking down and linking, is as old as the VMA tree
 * (2.4, and 2.6); the augmented callbacks are 3.x's.
 */
#ifndef VMCORE_RBTREE_H
#define VMCORE_RBTREE_H

#include <stddef.h>
#include <stdint.h>

#define RB_RED		0
#define RB_BLACK	1

struct rb_node {
	uintptr_t __rb_parent_color;	/* parent pointer | colour in bit 0 */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
};

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT	(struct rb_root) { NULL }
#define rb_parent(r)	((struct rb_node *)((r)->__rb_parent_color & ~(uintptr_t)3))
#define rb_color(r)	((int)((r)->__rb_parent_color & 1))
#define rb_is_red(r)	(rb_color(r) == RB_RED)
#define rb_is_black(r)	(rb_color(r) == RB_BLACK)
#define rb_entry(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

/* Augmented-tree callbacks: keep a per-node value computed from its subtree. */
struct rb_augment_callbacks {
	/* recompute from node up to (not including) stop; may stop early when unchanged */
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	/* old is replaced by new in the tree: new takes old's augmented value */
	void (*copy)(struct rb_node *old, struct rb_node *new);
	/* old was rotated below new: new takes old's value, old is recomputed */
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

/* rb_link_node - place node as a leaf child of parent at *rb_link (red, no children) */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **rb_link)
{
	node->__rb_parent_color = (uintptr_t)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);
/* The augmented variants: the caller has already propagated the new leaf's value up. */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root, const struct rb_augment_callbacks *aug);
void rb_erase_augmented(struct rb_node *node, struct rb_root *root, const struct rb_augment_callbacks *aug);

struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * rb_check - verify the red-black properties of the whole tree: root black,
 * no red node with a red child, equal black height on every path, parent
 * pointers consistent. Returns the black height, or -1 if broken (and, when
 * why is not NULL, a static message saying what).
 */
int rb_check(const struct rb_root *root, const char **why);

#endif
