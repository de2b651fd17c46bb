/*
 * events.h - what the engine reports as it works. Every operation emits
 * events (enter/leave of a kernel function, lookups, splits, merges, ...) to
 * an optional observer: the shell's trace and the Lua hooks attach here
 * without changing the engine. Nothing is formatted when nobody observes.
 * vmsh's own; the texts use the seeds' words.
 */
#ifndef VMCORE_EVENTS_H
#define VMCORE_EVENTS_H

struct machine;
struct vm_area_struct;

enum vm_event_type {
	VM_EV_ENTER,	/* a kernel function begins (func, text = its arguments) */
	VM_EV_LEAVE,	/* it returns (value = return value) */
	VM_EV_STEP,	/* a step inside a function worth showing (text) */
	VM_EV_LOOKUP,	/* find_vma/find_vma_prev: vma = result */
	VM_EV_SPLIT,	/* split_vma: start/end = the new VMA, value = new_below */
	VM_EV_MERGE,	/* vma_merge: vma = survivor, value = case number (1..8) */
	VM_EV_INSERT,	/* a VMA linked into list and tree */
	VM_EV_DETACH,	/* detach_vmas_to_be_unmapped: value = VMAs detached */
	VM_EV_UNMAP,	/* unmap_region / unmap_vma: start/end unmapped */
	VM_EV_REMOVE,	/* remove_vm_struct: the VMA freed */
	VM_EV_MMAP,	/* syscall-level results: start/end, value = result */
	VM_EV_MUNMAP,
	VM_EV_MPROTECT,
	VM_EV_MLOCK,
	VM_EV_MADVISE,
	VM_EV_MREMAP,
	VM_EV_BRK,
	VM_EV_EXEC,
	VM_EV_FAULT,	/* issue 3 onwards */
	VM_EV_COW,
	VM_EV_FORK,
	VM_EV_EXIT,
	VM_EV_OOM,
	VM_EV_ACCOUNT,	/* a counter changed: text names it */
	VM_EV__COUNT
};

struct vm_event {
	enum vm_event_type type;
	const char *func;		/* kernel function that emitted it */
	int depth;			/* call depth, for indenting a trace */
	int pid;			/* current task */
	unsigned long start, end;	/* range concerned, or 0 */
	long value;			/* see the type */
	const struct vm_area_struct *vma;	/* VMA concerned, or NULL */
	char text[192];			/* one line, in the seeds' words */
};

typedef void (*vm_observer_fn)(void *ctx, const struct vm_event *ev);

const char *vm_event_name(enum vm_event_type t);

/*
 * Emission, for vmcore's own use: cheap when no observer is set, or when
 * it does not want the event's type (machine_set_observer_filter); the
 * arguments are then not even evaluated.
 */
void __vm_emit(struct machine *m, enum vm_event_type type, const char *func,
	       const struct vm_area_struct *vma, unsigned long start,
	       unsigned long end, long value, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
#define vm_wants(m, type) ((m)->observer && ((m)->observer_mask >> (type) & 1))
#define vm_emit(m, type, ...) do { if (vm_wants(m, type)) __vm_emit((m), type, __VA_ARGS__); } while (0)
/* vm_enter/vm_leave bracket a kernel function so the trace can indent by depth. */
#define vm_enter(m, func, ...) do { if (vm_wants(m, VM_EV_ENTER)) __vm_emit((m), VM_EV_ENTER, func, NULL, 0, 0, 0, __VA_ARGS__); (m)->trace_depth++; } while (0)
#define vm_leave(m, func, ret) do { (m)->trace_depth--; if (vm_wants(m, VM_EV_LEAVE)) __vm_emit((m), VM_EV_LEAVE, func, NULL, 0, 0, (long)(ret), "%s", ""); } while (0)

#endif
