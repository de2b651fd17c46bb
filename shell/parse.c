/*
 * parse.c - the vmsh command language: splitting a line into commands and
 * words (quotes, escapes, comments), numbers with k/m/g suffixes limited to
 * 32 bits, PROT and FLAGS strings, madvise advice names and errno names.
 *
 * Where parse.h is silent, this file chooses (and the tests pin down):
 *  - A NUL byte anywhere in the raw line is an error, even inside a comment
 *    or quotes; NUL can only enter a word through \0 or \x00 in "...".
 *  - '#' outside quotes starts a comment anywhere, also inside a word: a#b
 *    is the word "a" followed by a comment.
 *  - A backslash outside double quotes is an ordinary byte (no escaping).
 *  - In "...", \xHH needs exactly two hex digits (either case); any other
 *    escape (\q, \', \x4) is "bad escape". A backslash that is the last byte
 *    of the line leaves the quote open: "unterminated quote".
 *  - "" and '' give an empty word, so `""` alone is a command with one empty
 *    word (argc 1); only commands with no words at all are dropped.
 *  - Numbers: leading zeros are decimal ("010" is 10), 0X works like 0x, no
 *    blanks are allowed anywhere, *out is only written on success.
 *  - Protections, flags and advice names are case-sensitive; an empty item
 *    in a flag list ("private,,anon", "private,") is an error.
 *  - vmsh_word_len only works on commands made by parse_line; out-of-range
 *    i gives 0.
 *  - errno_name(0) and negative values are unknown ("E?-22"); the "E?N"
 *    text lives in a per-thread buffer overwritten by the next unknown call.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"

#define U32_MAX_VALUE	0xffffffffULL
#define QUOTE_SRC_MAX	40			/* user bytes shown in a message */
#define QUOTE_BUF	(QUOTE_SRC_MAX * 4 + 4)	/* each byte may become \xHH, + "..." */

/* The word lengths sit right after argv[argc] in the same allocation. */
_Static_assert(sizeof(char *) % _Alignof(size_t) == 0,
	       "size_t array after char * array must be aligned");

/* ---- error messages ---- */

/* set_err - printf into err (may be NULL with errlen 0), truncating safely. */
static int set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * quote_text - render at most QUOTE_SRC_MAX bytes of s (n bytes long) into
 * dst (QUOTE_BUF bytes) for a one-line message: printable ASCII as is,
 * other bytes as \xHH, "..." when cut short.
 */
static const char *quote_text(char *dst, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < n && i < QUOTE_SRC_MAX; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f) {
			dst[o++] = (char)c;
		} else {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 0xf];
		}
	}
	if (n > QUOTE_SRC_MAX) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
	return dst;
}

/* quote_str - quote_text for a C string, without reading more than needed. */
static const char *quote_str(char *dst, const char *s)
{
	return quote_text(dst, s ? s : "", s ? strnlen(s, QUOTE_SRC_MAX + 1) : 0);
}

/* ---- parse_line: buffers ---- */

/*
 * The command being built lives in two growable buffers that start on the
 * parser's stack: its bytes (each word followed by a NUL) and its words'
 * offsets and lengths. end_cmd copies both into the one allocation a
 * command owns: argv[0..argc] pointers, argc lengths, then the bytes. A
 * line of one ordinary command thus costs two mallocs (the command and the
 * command array), whatever its number of words and bytes.
 */
#define INLINE_BYTES	256
#define INLINE_WORDS	16

struct wordref {		/* a finished word: len bytes at off in the byte buffer */
	size_t off, len;
};

struct cmdvec {			/* finished commands */
	struct vmsh_words *c;
	size_t n, cap;
};

struct parser {
	const char *s;
	size_t len, pos;
	int in_word;		/* a word has started (possibly empty: "") */
	const char *const *raw;	/* commands whose argument is the rest of the line */
	size_t word_off;	/* where the current word's bytes start */
	char *bytes;		/* the command's bytes so far */
	size_t nbytes, capbytes;
	struct wordref *words;	/* the command's finished words */
	size_t nwords, capwords;
	struct cmdvec cmds;
	char *err;
	size_t errlen;
	char inline_bytes[INLINE_BYTES];
	struct wordref inline_words[INLINE_WORDS];
};

/* grow_cap - new capacity >= need (doubling), 0 when it would overflow max. */
static size_t grow_cap(size_t cap, size_t need, size_t max)
{
	size_t n = cap ? cap : 16;

	while (n < need) {
		if (n > max / 2)
			return need <= max ? max : 0;
		n *= 2;
	}
	return n <= max ? n : 0;
}

static int oom(struct parser *ps)
{
	return set_err(ps->err, ps->errlen, "out of memory");
}

/* grow_bytes - room for n more bytes and a NUL; leaves the inline buffer on first growth. */
static int grow_bytes(struct parser *ps, size_t n)
{
	size_t cap;
	char *p;

	if (n > SIZE_MAX - ps->nbytes - 1)
		return oom(ps);
	cap = grow_cap(ps->capbytes, ps->nbytes + n + 1, SIZE_MAX);
	if (!cap)
		return oom(ps);
	if (ps->bytes == ps->inline_bytes) {
		p = malloc(cap);
		if (p)
			memcpy(p, ps->bytes, ps->nbytes);
	} else {
		p = realloc(ps->bytes, cap);
	}
	if (!p)
		return oom(ps);
	ps->bytes = p;
	ps->capbytes = cap;
	return 0;
}

/* word_put - append n bytes to the current word. */
static int word_put(struct parser *ps, const char *s, size_t n)
{
	if (ps->capbytes - ps->nbytes <= n && grow_bytes(ps, n))
		return -1;
	memcpy(ps->bytes + ps->nbytes, s, n);
	ps->nbytes += n;
	ps->in_word = 1;
	return 0;
}

/* word_putc - append byte c to the current word (escapes, quoted text). */
static int word_putc(struct parser *ps, char c)
{
	return word_put(ps, &c, 1);
}

/* end_word - if a word has started, close it (a NUL after it) and record it. */
static int end_word(struct parser *ps)
{
	struct wordref *w;

	if (!ps->in_word)
		return 0;
	if (ps->nwords >= (size_t)INT_MAX - 1)
		return set_err(ps->err, ps->errlen, "too many words");
	if (ps->nwords == ps->capwords) {
		size_t cap = grow_cap(ps->capwords, ps->nwords + 1, SIZE_MAX / sizeof(*w));

		if (!cap)
			return oom(ps);
		if (ps->words == ps->inline_words) {
			w = malloc(cap * sizeof(*w));
			if (w)
				memcpy(w, ps->words, ps->nwords * sizeof(*w));
		} else {
			w = realloc(ps->words, cap * sizeof(*w));
		}
		if (!w)
			return oom(ps);
		ps->words = w;
		ps->capwords = cap;
	}
	if (ps->capbytes - ps->nbytes < 1 && grow_bytes(ps, 1))
		return -1;
	ps->words[ps->nwords].off = ps->word_off;
	ps->words[ps->nwords++].len = ps->nbytes - ps->word_off;
	ps->bytes[ps->nbytes++] = '\0';
	ps->word_off = ps->nbytes;
	ps->in_word = 0;
	return 0;
}

/*
 * end_cmd - turn the pending words into one struct vmsh_words: a single
 * allocation of argv[0..argc], argc lengths and the bytes. No words: nothing.
 */
static int end_cmd(struct parser *ps)
{
	struct cmdvec *c = &ps->cmds;
	size_t ptrs, lens, i, n = ps->nwords;
	char **argv, *text;
	size_t *len;

	if (!n)
		return 0;
	if (c->n >= (size_t)INT_MAX - 1)
		return set_err(ps->err, ps->errlen, "too many commands");
	if (c->n == c->cap) {
		size_t cap = grow_cap(c->cap, c->n + 1, SIZE_MAX / sizeof(*c->c));
		struct vmsh_words *nc = cap ? realloc(c->c, cap * sizeof(*nc)) : NULL;

		if (!nc)
			return oom(ps);
		c->c = nc;
		c->cap = cap;
	}
	ptrs = (n + 1) * sizeof(char *);	/* n < INT_MAX: cannot overflow */
	lens = n * sizeof(size_t);
	if (ps->nbytes > SIZE_MAX - ptrs - lens)
		return oom(ps);
	argv = malloc(ptrs + lens + ps->nbytes);
	if (!argv)
		return oom(ps);
	len = (size_t *)(void *)((char *)argv + ptrs);
	text = (char *)argv + ptrs + lens;
	memcpy(text, ps->bytes, ps->nbytes);
	for (i = 0; i < n; i++) {
		argv[i] = text + ps->words[i].off;
		len[i] = ps->words[i].len;
	}
	argv[n] = NULL;
	c->c[c->n].argc = (int)n;
	c->c[c->n].argv = argv;
	c->n++;
	ps->nwords = 0;
	ps->nbytes = 0;
	ps->word_off = 0;
	return 0;
}

/*
 * byte_class - one lookup answers the two questions asked of every byte:
 * whether it is a hex digit and of what value (1..16: the value + 1), and
 * whether it ends a run of ordinary word bytes in split() (C_SPECIAL: the
 * blanks of is_blank, ';', '#' and the quotes). 0 is any other byte; hex
 * digits are ordinary word bytes too.
 */
#define C_SPECIAL	17

static const unsigned char byte_class[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
	[' '] = C_SPECIAL, ['\t'] = C_SPECIAL, ['\r'] = C_SPECIAL, ['\n'] = C_SPECIAL,
	[';'] = C_SPECIAL, ['#'] = C_SPECIAL, ['"'] = C_SPECIAL, ['\''] = C_SPECIAL,
};

static int hex_digit(unsigned char c)
{
	return byte_class[c] && byte_class[c] <= 16 ? byte_class[c] - 1 : -1;
}

/*
 * dq_escape - ps->pos is just past a '\' inside "...": decode one escape
 * into the word and step past it.
 */
static int dq_escape(struct parser *ps)
{
	const char *s = ps->s + ps->pos;
	size_t left = ps->len - ps->pos;
	char q[QUOTE_BUF];
	int hi, lo;

	switch (s[0]) {
	case '"':
	case '\\':
		ps->pos++;
		return word_putc(ps, s[0]);
	case 'n':
		ps->pos++;
		return word_putc(ps, '\n');
	case 't':
		ps->pos++;
		return word_putc(ps, '\t');
	case '0':
		ps->pos++;
		return word_putc(ps, '\0');
	case 'x':
		hi = left > 1 ? hex_digit((unsigned char)s[1]) : -1;
		lo = left > 2 ? hex_digit((unsigned char)s[2]) : -1;
		if (hi >= 0 && lo >= 0) {
			ps->pos += 3;
			return word_putc(ps, (char)(hi << 4 | lo));
		}
		return set_err(ps->err, ps->errlen, "bad escape '\\%s'",
			       quote_text(q, s, left < 3 ? left : 3));
	default:
		return set_err(ps->err, ps->errlen, "bad escape '\\%s'",
			       quote_text(q, s, 1));
	}
}

/* quoted - ps->pos is on an opening quote; read through the closing one. */
static int quoted(struct parser *ps)
{
	char quote = ps->s[ps->pos++];

	ps->in_word = 1;
	while (ps->pos < ps->len) {
		char c = ps->s[ps->pos++];

		if (c == quote)
			return 0;
		if (quote == '"' && c == '\\' && ps->pos < ps->len) {
			if (dq_escape(ps))
				return -1;
		} else if (quote == '"' && c == '\\') {
			break;		/* trailing backslash: quote stays open */
		} else if (word_putc(ps, c)) {
			return -1;
		}
	}
	return set_err(ps->err, ps->errlen, "unterminated quote");
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* is_raw - has the command just begun (one word so far) a raw argument? */
static int is_raw(const struct parser *ps)
{
	const char *const *r;

	if (ps->nwords != 1)
		return 0;
	for (r = ps->raw; r && *r; r++)
		if (ps->words[0].len == strlen(*r) &&
		    memcmp(ps->bytes + ps->words[0].off, *r, ps->words[0].len) == 0)
			return 1;
	return 0;
}

/* raw_rest - the rest of the line, blanks trimmed at both ends, as one verbatim word. */
static int raw_rest(struct parser *ps)
{
	size_t end = ps->len;

	while (ps->pos < end && is_blank(ps->s[ps->pos]))
		ps->pos++;
	while (end > ps->pos && is_blank(ps->s[end - 1]))
		end--;
	if (end > ps->pos && word_put(ps, ps->s + ps->pos, end - ps->pos))
		return -1;
	ps->pos = ps->len;
	return end_word(ps);
}

/* plain - a byte that is simply part of a word */
static int plain(char c)
{
	return byte_class[(unsigned char)c] != C_SPECIAL;
}

/* split - one left-to-right pass over the line; no recursion, no rescans. */
static int split(struct parser *ps)
{
	while (ps->pos < ps->len) {
		char c = ps->s[ps->pos];
		size_t end;

		if (plain(c)) {		/* a run of ordinary bytes, copied at once */
			for (end = ps->pos + 1; end < ps->len && plain(ps->s[end]); end++)
				;
			if (word_put(ps, ps->s + ps->pos, end - ps->pos))
				return -1;
			ps->pos = end;
			continue;
		}
		if (c == '"' || c == '\'') {
			if (quoted(ps))
				return -1;
			continue;
		}
		ps->pos++;
		if (is_blank(c)) {
			if (end_word(ps))
				return -1;
			if (is_raw(ps) && raw_rest(ps))
				return -1;
		} else if (c == ';') {
			if (end_word(ps) || end_cmd(ps))
				return -1;
		} else {		/* '#' */
			break;
		}
	}
	if (end_word(ps) || end_cmd(ps))
		return -1;
	return 0;
}

/* parser_release - free whatever the parser still owns (not ps->cmds). */
static void parser_release(struct parser *ps)
{
	if (ps->bytes != ps->inline_bytes)
		free(ps->bytes);
	if (ps->words != ps->inline_words)
		free(ps->words);
}

int parse_line(const char *line, size_t len, struct vmsh_line *out, char *err, size_t errlen)
{
	return parse_line_raw(line, len, NULL, out, err, errlen);
}

int parse_line_raw(const char *line, size_t len, const char *const *raw,
		   struct vmsh_line *out, char *err, size_t errlen)
{
	struct parser ps = { .s = line, .len = len, .raw = raw, .err = err, .errlen = errlen };
	struct vmsh_line got;

	ps.bytes = ps.inline_bytes;
	ps.capbytes = sizeof(ps.inline_bytes);
	ps.words = ps.inline_words;
	ps.capwords = INLINE_WORDS;

	if (err && errlen)
		err[0] = '\0';
	if (out) {
		out->ncmds = 0;
		out->cmds = NULL;
	}
	if (!out || (!line && len))
		return set_err(err, errlen, "invalid argument");
	if (len && memchr(line, '\0', len))
		return set_err(err, errlen, "NUL byte in input");

	if (split(&ps)) {
		got.ncmds = (int)ps.cmds.n;
		got.cmds = ps.cmds.c;
		vmsh_line_free(&got);
		parser_release(&ps);
		return -1;
	}
	parser_release(&ps);
	out->ncmds = (int)ps.cmds.n;
	out->cmds = ps.cmds.c;
	return 0;
}

void vmsh_line_free(struct vmsh_line *l)
{
	int i;

	if (!l)
		return;
	for (i = 0; i < l->ncmds; i++)
		free(l->cmds[i].argv);	/* the words live in the same block */
	free(l->cmds);
	l->ncmds = 0;
	l->cmds = NULL;
}

size_t vmsh_word_len(const struct vmsh_words *cmd, int i)
{
	const size_t *lens;

	if (!cmd || !cmd->argv || i < 0 || i >= cmd->argc)
		return 0;
	lens = (const size_t *)(const void *)(cmd->argv + cmd->argc + 1);
	return lens[i];
}

size_t vmsh_words_size(int argc)
{
	return (size_t)(argc + 1) * sizeof(char *) + (size_t)argc * sizeof(size_t);
}

void vmsh_words_init(struct vmsh_words *w, void *block, int argc)
{
	w->argc = argc;
	w->argv = block;
	memset(block, 0, vmsh_words_size(argc));
}

void vmsh_words_set(struct vmsh_words *w, int i, char *word, size_t len)
{
	size_t *lens = (size_t *)(void *)(w->argv + w->argc + 1);

	w->argv[i] = word;
	lens[i] = len;
}

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
	char q[QUOTE_BUF];

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
		return set_err(err, errlen, "not a number: '%s'", quote_str(q, s));
	if (big || v > U32_MAX_VALUE / mult)
		return set_err(err, errlen, "out of range (more than 0xffffffff): '%s'",
			       quote_str(q, s));
	*out = (unsigned long)(v * mult);
	return 0;
}

/* ---- PROT, FLAGS, advice ---- */

int parse_prot(const char *s, unsigned long *prot, char *err, size_t errlen)
{
	char q[QUOTE_BUF];

	if (s && !strcmp(s, "none")) {
		*prot = PROT_NONE;
		return 0;
	}
	if (!s || strnlen(s, 4) != 3 ||
	    (s[0] != 'r' && s[0] != '-') ||
	    (s[1] != 'w' && s[1] != '-') ||
	    (s[2] != 'x' && s[2] != '-'))
		return set_err(err, errlen, "bad protection '%s' (want rwx-style or none)",
			       quote_str(q, s));
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

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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
	char q[QUOTE_BUF];

	while (*p) {
		size_t n = strcspn(p, ",");

		if (!n)
			return set_err(err, errlen, "empty flag in '%s'", quote_str(q, s));
		v = lookup_flag(p, n);
		if (!v)
			return set_err(err, errlen, "unknown flag '%s'", quote_text(q, p, n));
		f |= v;
		p += n;
		if (*p == ',' && !*++p)
			return set_err(err, errlen, "empty flag in '%s'", quote_str(q, s));
	}
	if ((f & MAP_TYPE) != MAP_PRIVATE && (f & MAP_TYPE) != MAP_SHARED)
		return set_err(err, errlen, "need exactly one of private or shared");
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
	char q[QUOTE_BUF];
	size_t i;

	for (i = 0; s && i < ARRAY_SIZE(advice_values); i++) {
		if (!strcmp(s, advice_name_list[i])) {
			*advice = advice_values[i];
			return 0;
		}
	}
	return set_err(err, errlen, "unknown advice '%s'", quote_str(q, s));
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

/* format_prot - only the read/write/exec bits are shown; others are ignored. */
const char *format_prot(unsigned long prot, char *buf)
{
	buf[0] = (prot & PROT_READ) ? 'r' : '-';
	buf[1] = (prot & PROT_WRITE) ? 'w' : '-';
	buf[2] = (prot & PROT_EXEC) ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}
