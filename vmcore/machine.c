/*
 * machine.c - one simulated computer: creation and teardown, the pid hash,
 * and the error explanation that goes with a failing call. vmsh's own
 * (the pid hash and init are after 2.6's, the machine is not).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mm.h"
#include "slab.h"

static unsigned pid_hashfn(int pid)
{
	return (unsigned)pid & (PIDHASH_SZ - 1);
}

struct task_struct *find_task_by_pid(struct machine *m, int pid)
{
	struct task_struct *t;

	for (t = m->pid_hash[pid_hashfn(pid)]; t; t = t->pid_chain)
		if (t->pid == pid)
			return t;
	return NULL;
}

void context_switch(struct machine *m, struct task_struct *next)
{
	m->current = next;
}

/* attach_pid - hash t and put it on the task list, which stays sorted by pid */
void attach_pid(struct machine *m, struct task_struct *t)
{
	struct list_head *pos;

	t->pid_chain = m->pid_hash[pid_hashfn(t->pid)];
	m->pid_hash[pid_hashfn(t->pid)] = t;
	list_for_each(pos, &m->tasks) {
		if (list_entry(pos, struct task_struct, tasks)->pid > t->pid)
			break;
	}
	__list_add(&t->tasks, pos->prev, pos);
	m->nr_tasks++;
}

/* detach_pid - undo attach_pid */
void detach_pid(struct machine *m, struct task_struct *t)
{
	struct task_struct **pp = &m->pid_hash[pid_hashfn(t->pid)];

	while (*pp != t)
		pp = &(*pp)->pid_chain;
	*pp = t->pid_chain;
	list_del_init(&t->tasks);
	m->nr_tasks--;
}

/* create_init - pid 1 with an empty address space. Returns 0 or -ENOMEM. */
static int create_init(struct machine *m)
{
	struct task_struct *t = kmem_cache_alloc(m->task_cachep);

	if (!t)
		return -ENOMEM;
	t->mm = mm_alloc(m);
	if (!t->mm) {
		kmem_cache_free(m->task_cachep, t);
		return -ENOMEM;
	}
	t->pid = m->last_pid = 1;
	strcpy(t->comm, "init");
	t->state = TASK_RUNNING;
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	attach_pid(m, t);
	m->init_task = m->current = t;
	return 0;
}

static int create_caches(struct machine *m)
{
	m->vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct));
	m->mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct));
	m->task_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct));
	m->file_cachep = kmem_cache_create("filp", sizeof(struct file));
	if (!m->vm_area_cachep || !m->mm_cachep || !m->task_cachep || !m->file_cachep)
		return -ENOMEM;
	return 0;
}

struct machine *machine_create(unsigned long long mem_bytes)
{
	struct machine *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	INIT_LIST_HEAD(&m->tasks);
	INIT_LIST_HEAD(&m->mmlist);
	m->sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
	m->totalram_pages = (unsigned long)(mem_bytes >> PAGE_SHIFT);
	m->next_ino = 12;
	m->next_mm_id = 1;
	if (create_caches(m) || pgdat_init(m, m->totalram_pages)) {
		machine_destroy(m);
		return NULL;
	}
	m->totalram_pages = m->pgdat.nr_pages;
	if (create_init(m)) {
		machine_destroy(m);
		return NULL;
	}
	return m;
}

/* release_task - free a task_struct and its mm reference, if any */
static void release_task(struct machine *m, struct task_struct *t)
{
	if (t->mm)
		mmput(t->mm);
	detach_pid(m, t);
	kmem_cache_free(m->task_cachep, t);
}

void machine_destroy(struct machine *m)
{
	struct list_head *pos, *n;

	if (!m)
		return;
	m->observer = NULL;
	list_for_each_safe(pos, n, &m->tasks)
		release_task(m, list_entry(pos, struct task_struct, tasks));
	files_release_all(m);
	pgdat_release(m);
	kmem_cache_destroy(m->vm_area_cachep);
	kmem_cache_destroy(m->mm_cachep);
	kmem_cache_destroy(m->task_cachep);
	kmem_cache_destroy(m->file_cachep);
	kfree(m);
}

void machine_set_observer(struct machine *m, vm_observer_fn fn, void *ctx)
{
	m->observer = fn;
	m->observer_ctx = ctx;
	m->observer_mask = ~0UL;
	m->observer_notext = 0;
}

void machine_set_observer_filter(struct machine *m, unsigned long mask, int text)
{
	m->observer_mask = mask;
	m->observer_notext = !text;
}

long vm_error(struct machine *m, long err, const char *fmt, ...)
{
	va_list ap;

	if (m->errmsg[0])
		return err;
	va_start(ap, fmt);
	vsnprintf(m->errmsg, sizeof(m->errmsg), fmt, ap);
	va_end(ap);
	return err;
}

void vm_error_done(struct machine *m, unsigned long start, unsigned long at)
{
	size_t n = strlen(m->errmsg);

	if (at > start && n)
		snprintf(m->errmsg + n, sizeof(m->errmsg) - n,
			 " (done: %08lx-%08lx)", start, at);
}

void vm_clear_error(struct machine *m)
{
	m->errmsg[0] = '\0';
}

const char *vm_quote(char *buf, const char *name)
{
	size_t i, n = 0;

	for (i = 0; name[i] && i < 48; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c < 0x20 || c >= 0x7f)
			n += (size_t)sprintf(buf + n, "\\x%02x", c);
		else
			buf[n++] = (char)c;
	}
	if (name[i])
		n += (size_t)sprintf(buf + n, "...");
	buf[n] = '\0';
	return buf;
}
