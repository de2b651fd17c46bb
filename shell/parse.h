/*
 * parse.h - the vmsh command language (SPEC "Command language"): lines split
 * into commands and words (parse.c); numbers with k/m/g suffixes, PROT and
 * FLAGS strings, madvise advice names, errno names (parse_value.c). No I/O;
 * used by the shell, the tests, the host oracle of the differential test
 * and the benchmark's host side.
 */
#ifndef VMSH_PARSE_H
#define VMSH_PARSE_H

#include <stddef.h>

struct vmsh_words {		/* one command: argv[0] is its name */
	int argc;
	char **argv;		/* argv[argc] == NULL; from parse_line: one block, words inside */
};

struct vmsh_line {		/* one input line: commands separated by ';' */
	int ncmds;
	struct vmsh_words *cmds;	/* empty commands (";;", comment-only) are dropped */
};

/*
 * parse_line - split line (len bytes, may hold any byte) into commands at ';'
 * and into words at blanks (space, tab, \r, \n). Outside quotes '#' starts a
 * comment that runs to the end of the line. "..." quotes a word with spaces,
 * ';' or '#'; inside it \" \\ \n \t \0 and \xHH are escapes. '...' quotes
 * literally. Quotes may join with plain text in one word (a"b c"d).
 * Returns 0, or -1 with a one-line reason in err (unterminated quote, NUL
 * byte in input, bad escape, out of memory); *out is then empty.
 * A quoted word may hold NUL bytes from \0 or \x00; word lengths are in
 * vmsh_word_len.
 */
int parse_line(const char *line, size_t len, struct vmsh_line *out, char *err, size_t errlen);
/*
 * parse_line_raw - parse_line, except that a command named in raw (a
 * NULL-terminated list, or NULL) followed by a blank takes the rest of the
 * line, blanks trimmed, as one verbatim word: no quotes, escapes, ';' or
 * '#' (`lua print(#t); x = 1`).
 */
int parse_line_raw(const char *line, size_t len, const char *const *raw,
		   struct vmsh_line *out, char *err, size_t errlen);
void vmsh_line_free(struct vmsh_line *l);
/* vmsh_word_len - length in bytes of word i of cmd (words may hold NUL from escapes) */
size_t vmsh_word_len(const struct vmsh_words *cmd, int i);

/*
 * A command made by another client (the Lua binding) in the layout
 * parse_line gives, so that vmsh_word_len works on it: vmsh_words_size
 * bytes of pointer-aligned memory the caller owns, vmsh_words_init to lay
 * out argc empty words in it, vmsh_words_set to point word i at len bytes
 * (NUL-terminated, not copied).
 */
size_t vmsh_words_size(int argc);
void vmsh_words_init(struct vmsh_words *w, void *block, int argc);
void vmsh_words_set(struct vmsh_words *w, int i, char *word, size_t len);

/*
 * parse_number - decimal or 0x hex, optional suffix k/m/g (K/M/G too:
 * times 1024, 1024^2, 1024^3). The value must fit in 32 bits (the machine
 * is i386). Returns 0, or -1 with a reason in err ("not a number",
 * "out of range (more than 0xffffffff)").
 */
int parse_number(const char *s, unsigned long *out, char *err, size_t errlen);

/* parse_prot - "rwx"-style, '-' for a missing right (r--, rw-, -w-, --x, ---), or "none". */
int parse_prot(const char *s, unsigned long *prot, char *err, size_t errlen);

/*
 * parse_mmap_flags - comma-separated: exactly one of private/shared, and any
 * of anon, fixed, locked, noreserve, populate, growsdown. Gives MAP_* values.
 */
int parse_mmap_flags(const char *s, unsigned long *flags, char *err, size_t errlen);
/* mmap_flag_names - NULL-terminated list of the words above (for completion) */
const char *const *mmap_flag_names(void);

/* parse_advice - normal random sequential willneed dontneed dontfork dofork -> MADV_* */
int parse_advice(const char *s, int *advice, char *err, size_t errlen);
const char *const *advice_names(void);

/* errno_name - "EINVAL" for EINVAL (positive); "E?" + number when unknown */
const char *errno_name(int err);
/* errno_value - EINVAL for "EINVAL" (the names errno_name knows); 0 for any other */
int errno_value(const char *name);

/* format_prot - "rw-" style for a PROT_* value, into buf of at least 4 bytes */
const char *format_prot(unsigned long prot, char *buf);

#endif
