/*
 * sysctl.c - the machine's tunables by their /proc/sys names:
 * vm.max_map_count and vm.overcommit_memory, as 2.6 has them: 2.4 had a
 * fixed MAX_MAP_COUNT (seed 000), and overcommit mode 2 (strict) is Alan
 * Cox's of 2002, in 2.6 from the start.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>
#include "mm.h"

struct sysctl_entry {
	const char *name;
	size_t offset;		/* of the int in struct machine */
	long min, max;
};

static const struct sysctl_entry sysctl_table[] = {
	{ "vm.max_map_count", offsetof(struct machine, sysctl_max_map_count), 0, INT_MAX },
	{ "vm.overcommit_memory", offsetof(struct machine, sysctl_overcommit_memory), 0, 2 },
};

static const char *const names[] = { "vm.max_map_count", "vm.overcommit_memory", NULL };

const char *const *sysctl_names(void)
{
	return names;
}

static const struct sysctl_entry *sysctl_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(sysctl_table) / sizeof(sysctl_table[0]); i++)
		if (!strcmp(sysctl_table[i].name, name))
			return &sysctl_table[i];
	return NULL;
}

long sysctl_get(struct machine *m, const char *name, long *value)
{
	const struct sysctl_entry *e = sysctl_find(name);

	if (!e)
		return vm_error(m, -ENOENT, "no sysctl '%s'", name);
	*value = *(int *)((char *)m + e->offset);
	return 0;
}

long sysctl_set(struct machine *m, const char *name, long value)
{
	const struct sysctl_entry *e = sysctl_find(name);

	if (!e)
		return vm_error(m, -ENOENT, "no sysctl '%s'", name);
	if (value < e->min || value > e->max)
		return vm_error(m, -EINVAL, "%s must be from %ld to %ld", name, e->min, e->max);
	*(int *)((char *)m + e->offset) = (int)value;
	return 0;
}
