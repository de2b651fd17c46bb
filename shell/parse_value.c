/*
 * parse_value.c - the vmsh command language, second half: what a word
 * stands for. Numbers with k/m/g suffixes limited to 32 bits, PROT and
 * FLAGS strings, madvise advice names; errno names and PROT written back.
 *
 * Where parse.h is silent, this file chooses (and the tests pin down):
 *  - Numbers: leading zeros are decimal ("010" is 10), 0X works like 0x, no
 *    blanks are allowed anywhere, *out is only written on success.
 *  - Protections, flags and advice names are case-sensitive; an empty item
 *    in a flag list ("private,,anon", "private,") is an error.
 *  - errno_name(0) and negative values are unknown ("E?-22"); the "E?N"
 *    text lives in a per-thread buffer overwritten by the next unknown call.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"
#include "parse_int.h"

#define U32_MAX_VALUE	0xffffffffULL
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- numbers ---- */

/* suffix_mult - 1024^k for k/m/g (either case) at *p, stepping past it; 1 if none. */
static uint64_t suffix_mult(const char **p)
{
	uint64_t m;

	switch (**p) {
	case 'k': case 'K':
		m = 1ULL << 10;
		break;
	case 'm': case 'M':
		m = 1ULL << 20;
		break;
	case 'g': case 'G':
		m = 1ULL << 30;
		break;
	default:
		return 1;
	}
	(*p)++;
	return m;
}

int parse_number(const char *s, unsigned long *out, char *err, size_t errlen)
{
	const char *p = s ? s : "";
	uint64_t v = 0, mult;
	int base = 10, big = 0, d;
	size_t ndig = 0;
	char q[PARSE_QUOTE_BUF];

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	/* once past 32 bits keep scanning for syntax, stop accumulating */
	for (; (d = hex_digit((unsigned char)*p)) >= 0 && d < base; p++, ndig++) {
		if (!big) {
			v = v * (uint64_t)base + (uint64_t)d;
			big = v > U32_MAX_VALUE;
		}
	}
	mult = suffix_mult(&p);
	if (!ndig || *p)
		return parse_err(err, errlen, "not a number: '%s'", parse_quote_str(q, s));
	if (big || v > U32_MAX_VALUE / mult)
		return parse_err(err, errlen, "out of range (more than 0xffffffff): '%s'",
			       parse_quote_str(q, s));
	*out = (unsigned long)(v * mult);
	return 0;
}

/* ---- PROT, FLAGS, advice ---- */

int parse_prot(const char *s, unsigned long *prot, char *err, size_t errlen)
{
	char q[PARSE_QUOTE_BUF];

	if (s && !strcmp(s, "none")) {
		*prot = PROT_NONE;
		return 0;
	}
	if (!s || strnlen(s, 4) != 3 ||
	    (s[0] != 'r' && s[0] != '-') ||
	    (s[1] != 'w' && s[1] != '-') ||
	    (s[2] != 'x' && s[2] != '-'))
		return parse_err(err, errlen, "bad protection '%s' (want rwx-style or none)",
			       parse_quote_str(q, s));
	*prot = (s[0] == 'r' ? PROT_READ : 0) |
		(s[1] == 'w' ? PROT_WRITE : 0) |
		(s[2] == 'x' ? PROT_EXEC : 0);
	return 0;
}

struct name_value {
	const char *name;
	unsigned long value;
};

static const struct name_value map_flags[] = {
	{ "private",	MAP_PRIVATE },
	{ "shared",	MAP_SHARED },
	{ "anon",	MAP_ANONYMOUS },
	{ "fixed",	MAP_FIXED },
	{ "locked",	MAP_LOCKED },
	{ "noreserve",	MAP_NORESERVE },
	{ "populate",	MAP_POPULATE },
	{ "growsdown",	MAP_GROWSDOWN },
};

static const char *const map_flag_name_list[] = {
	"private", "shared", "anon", "fixed", "locked", "noreserve",
	"populate", "growsdown", NULL
};

/* lookup_flag - the MAP_* value of the n-byte name at s; 0 if unknown. */
static unsigned long lookup_flag(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map_flags); i++)
		if (strlen(map_flags[i].name) == n && !memcmp(map_flags[i].name, s, n))
			return map_flags[i].value;
	return 0;
}

/*
 * parse_mmap_flags - walk the comma-separated items; unknown or empty items
 * fail at once, the private/shared rule is checked after the last item.
 */
int parse_mmap_flags(const char *s, unsigned long *flags, char *err, size_t errlen)
{
	const char *p = s ? s : "";
	unsigned long f = 0, v;
	char q[PARSE_QUOTE_BUF];

	while (*p) {
		size_t n = strcspn(p, ",");

		if (!n)
			return parse_err(err, errlen, "empty flag in '%s'", parse_quote_str(q, s));
		v = lookup_flag(p, n);
		if (!v)
			return parse_err(err, errlen, "unknown flag '%s'", parse_quote(q, p, n));
		f |= v;
		p += n;
		if (*p == ',' && !*++p)
			return parse_err(err, errlen, "empty flag in '%s'", parse_quote_str(q, s));
	}
	if ((f & MAP_TYPE) != MAP_PRIVATE && (f & MAP_TYPE) != MAP_SHARED)
		return parse_err(err, errlen, "need exactly one of private or shared");
	*flags = f;
	return 0;
}

const char *const *mmap_flag_names(void)
{
	return map_flag_name_list;
}

static const char *const advice_name_list[] = {
	"normal", "random", "sequential", "willneed", "dontneed",
	"dontfork", "dofork", NULL
};

static const int advice_values[] = {
	MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED,
	MADV_DONTNEED, MADV_DONTFORK, MADV_DOFORK
};

_Static_assert(ARRAY_SIZE(advice_name_list) == ARRAY_SIZE(advice_values) + 1,
	       "advice names and values must line up");

int parse_advice(const char *s, int *advice, char *err, size_t errlen)
{
	char q[PARSE_QUOTE_BUF];
	size_t i;

	for (i = 0; s && i < ARRAY_SIZE(advice_values); i++) {
		if (!strcmp(s, advice_name_list[i])) {
			*advice = advice_values[i];
			return 0;
		}
	}
	return parse_err(err, errlen, "unknown advice '%s'", parse_quote_str(q, s));
}

const char *const *advice_names(void)
{
	return advice_name_list;
}

/* ---- errno names, format_prot ---- */

#define E(x) { x, #x }
static const struct {
	int value;
	const char *name;
} errno_table[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(ENOTBLK), E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV),
	E(ENOTDIR), E(EISDIR), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY),
	E(ETXTBSY), E(EFBIG), E(ENOSPC), E(ESPIPE), E(EROFS), E(EMLINK),
	E(EPIPE), E(EDOM), E(ERANGE), E(EDEADLK), E(ENAMETOOLONG), E(ENOLCK),
	E(ENOSYS), E(ENOTEMPTY), E(ELOOP), E(EOVERFLOW), E(EOPNOTSUPP),
	E(ETIMEDOUT),
};
#undef E

const char *errno_name(int err)
{
	static _Thread_local char unknown[sizeof("E?-2147483648")];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_table); i++)
		if (errno_table[i].value == err)
			return errno_table[i].name;
	snprintf(unknown, sizeof(unknown), "E?%d", err);
	return unknown;
}

int errno_value(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_table); i++)
		if (strcmp(errno_table[i].name, name) == 0)
			return errno_table[i].value;
	return 0;
}

/* format_prot - only the read/write/exec bits are shown; others are ignored. */
const char *format_prot(unsigned long prot, char *buf)
{
	buf[0] = (prot & PROT_READ) ? 'r' : '-';
	buf[1] = (prot & PROT_WRITE) ? 'w' : '-';
	buf[2] = (prot & PROT_EXEC) ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}
