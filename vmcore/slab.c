/*
 * slab.c - vmcore's one allocator: kmalloc/kfree and kmem_caches of
 * equal-sized objects, with failslab fault injection (fail the Nth call).
 * Under AddressSanitizer, caches hand out one malloc block per object so
 * use-after-free in the engine is caught.
 * The kmem_cache names are 2.4's and 2.6's (seed 001 allocates VMAs from
 * vm_area_cachep); failslab is after 2.6.20's fault injection.
 */
#include <stdlib.h>
#include <string.h>
#include "slab.h"

#if defined(__SANITIZE_ADDRESS__)
#define SLAB_PASSTHROUGH 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLAB_PASSTHROUGH 1
#endif
#endif

static unsigned long fail_nth;		/* 0: off; 1: the next call fails */
static unsigned long alloc_calls;
static unsigned long live_blocks;

void failslab_set(unsigned long nth)
{
	fail_nth = nth;
}

unsigned long failslab_count(void)
{
	return alloc_calls;
}

unsigned long kmalloc_inuse(void)
{
	return live_blocks;
}

/* should_failslab - count this allocation and say whether it is the one to fail */
static int should_failslab(void)
{
	alloc_calls++;
	if (fail_nth && --fail_nth == 0)
		return 1;
	return 0;
}

void *kmalloc(size_t size)
{
	void *p;

	if (should_failslab())
		return NULL;
	p = malloc(size ? size : 1);
	if (p)
		live_blocks++;
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	if (!p)
		return;
	live_blocks--;
	free((void *)p);
}

#define SLAB_OBJS_PER_BLOCK 64

struct slab_block {
	struct slab_block *next;
	/* objects follow, max_align_t aligned */
};

struct kmem_cache {
	const char *name;
	size_t size;			/* object size, rounded to alignment */
	void *freelist;			/* free objects, linked through their first word */
	struct slab_block *blocks;
	size_t inuse;
};

struct kmem_cache *kmem_cache_create(const char *name, size_t size)
{
	struct kmem_cache *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	if (size < sizeof(void *))
		size = sizeof(void *);
	c->name = name;
	/* 8-byte steps: no vmcore structure needs more (a 120-byte VMA stays 120, not 128) */
	c->size = (size + 7) & ~(size_t)7;
	return c;
}

void kmem_cache_destroy(struct kmem_cache *c)
{
	struct slab_block *b, *next;

	if (!c)
		return;
	for (b = c->blocks; b; b = next) {
		next = b->next;
		kfree(b);
	}
	kfree(c);
}

size_t kmem_cache_inuse(const struct kmem_cache *c)
{
	return c->inuse;
}

const char *kmem_cache_name(const struct kmem_cache *c)
{
	return c->name;
}

#ifndef SLAB_PASSTHROUGH
/* cache_grow - add a block of objects to the freelist. Returns 0 or -1. */
static int cache_grow(struct kmem_cache *c)
{
	size_t hdr = (sizeof(struct slab_block) + _Alignof(max_align_t) - 1) &
		     ~(_Alignof(max_align_t) - 1);
	struct slab_block *b = malloc(hdr + c->size * SLAB_OBJS_PER_BLOCK);
	char *obj;
	int i;

	if (!b)
		return -1;
	live_blocks++;
	b->next = c->blocks;
	c->blocks = b;
	obj = (char *)b + hdr;
	for (i = SLAB_OBJS_PER_BLOCK - 1; i >= 0; i--) {
		*(void **)(obj + (size_t)i * c->size) = c->freelist;
		c->freelist = obj + (size_t)i * c->size;
	}
	return 0;
}
#endif

void *kmem_cache_alloc(struct kmem_cache *c)
{
	void *obj;

	if (should_failslab())
		return NULL;
#ifdef SLAB_PASSTHROUGH
	obj = calloc(1, c->size);
	if (!obj)
		return NULL;
	live_blocks++;
#else
	if (!c->freelist && cache_grow(c))
		return NULL;
	obj = c->freelist;
	c->freelist = *(void **)obj;
	memset(obj, 0, c->size);
#endif
	c->inuse++;
	return obj;
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	if (!obj)
		return;
	c->inuse--;
#ifdef SLAB_PASSTHROUGH
	live_blocks--;
	free(obj);
#else
	*(void **)obj = c->freelist;
	c->freelist = obj;
#endif
}
