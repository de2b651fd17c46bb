/*
 * parse.c - the vmsh command language, first half: splitting a line into
 * commands and words (quotes, escapes, comments, a raw rest of line), each
 * command in one allocation. What a word stands for (numbers, PROT, FLAGS,
 * advice) is parse_value.c's.
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
 *  - vmsh_word_len only works on commands made by parse_line; out-of-range
 *    i gives 0.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "parse_int.h"

/* The word lengths sit right after argv[argc] in the same allocation. */
_Static_assert(sizeof(char *) % _Alignof(size_t) == 0,
	       "size_t array after char * array must be aligned");

/* ---- error messages ---- */

int parse_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

const char *parse_quote(char *dst, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < n && i < PARSE_QUOTE_SRC_MAX; i++) {
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
	if (n > PARSE_QUOTE_SRC_MAX) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
	return dst;
}

const char *parse_quote_str(char *dst, const char *s)
{
	return parse_quote(dst, s ? s : "", s ? strnlen(s, PARSE_QUOTE_SRC_MAX + 1) : 0);
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
	return parse_err(ps->err, ps->errlen, "out of memory");
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
		return parse_err(ps->err, ps->errlen, "too many words");
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
		return parse_err(ps->err, ps->errlen, "too many commands");
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

/* parse_byte_class - hex digit values and the bytes that end a word (parse_int.h) */
const unsigned char parse_byte_class[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
	[' '] = C_SPECIAL, ['\t'] = C_SPECIAL, ['\r'] = C_SPECIAL, ['\n'] = C_SPECIAL,
	[';'] = C_SPECIAL, ['#'] = C_SPECIAL, ['"'] = C_SPECIAL, ['\''] = C_SPECIAL,
};

/*
 * dq_escape - ps->pos is just past a '\' inside "...": decode one escape
 * into the word and step past it.
 */
static int dq_escape(struct parser *ps)
{
	const char *s = ps->s + ps->pos;
	size_t left = ps->len - ps->pos;
	char q[PARSE_QUOTE_BUF];
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
		return parse_err(ps->err, ps->errlen, "bad escape '\\%s'",
			       parse_quote(q, s, left < 3 ? left : 3));
	default:
		return parse_err(ps->err, ps->errlen, "bad escape '\\%s'",
			       parse_quote(q, s, 1));
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
	return parse_err(ps->err, ps->errlen, "unterminated quote");
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
	return parse_byte_class[(unsigned char)c] != C_SPECIAL;
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
		return parse_err(err, errlen, "invalid argument");
	if (len && memchr(line, '\0', len))
		return parse_err(err, errlen, "NUL byte in input");

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
