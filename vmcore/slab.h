/*
 * slab.h - vmcore's one allocator. Every allocation of the engine goes
 * through kmalloc/kzalloc or a kmem_cache, so that failslab can fail the Nth
 * call (as the kernel's fault injection does, since 2.6.20) and the tests
 * can prove that a failed operation leaves the machine exactly as it was.
 */
#ifndef VMCORE_SLAB_H
#define VMCORE_SLAB_H

#include <stddef.h>

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(const void *p);

/* A cache of equal-sized objects carved from larger blocks (no per-object malloc header). */
struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, size_t size);
void kmem_cache_destroy(struct kmem_cache *c);	/* every object must have been freed */
void *kmem_cache_alloc(struct kmem_cache *c);		/* zeroed; NULL on (injected) failure */
void kmem_cache_free(struct kmem_cache *c, void *obj);
size_t kmem_cache_inuse(const struct kmem_cache *c);	/* objects currently allocated */
const char *kmem_cache_name(const struct kmem_cache *c);

/*
 * failslab: make the nth allocation from now fail (1 = the next one);
 * 0 disables. failslab_count() is the number of allocation calls so far,
 * so a test can learn how many allocations an operation makes.
 */
void failslab_set(unsigned long nth);
unsigned long failslab_count(void);
unsigned long kmalloc_inuse(void);	/* live kmalloc'd blocks, for leak checks */

#endif
