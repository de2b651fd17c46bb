/*
 * parse_int.h - what the two halves of the command language share,
 * parse.c (lines into words) and parse_value.c (what words stand for):
 * one table of byte classes, and error messages that quote the input.
 * Not for other files: parse.h is the interface.
 */
#ifndef VMSH_PARSE_INT_H
#define VMSH_PARSE_INT_H

#include <stddef.h>

#define PARSE_QUOTE_SRC_MAX	40				/* user bytes shown in a message */
#define PARSE_QUOTE_BUF		(PARSE_QUOTE_SRC_MAX * 4 + 4)	/* each may become \xHH, + "..." */

/*
 * parse_byte_class - one lookup answers the two questions asked of every
 * byte: whether it is a hex digit and of what value (1..16: the value +
 * 1), and whether it ends a run of ordinary word bytes in parse.c's split
 * (C_SPECIAL: the blanks, ';', '#' and the quotes). 0 is any other byte;
 * hex digits are ordinary word bytes too.
 */
#define C_SPECIAL	17
extern const unsigned char parse_byte_class[256];

/* hex_digit - the value of hex digit c (either case), or -1 */
static inline int hex_digit(unsigned char c)
{
	unsigned char k = parse_byte_class[c];

	return k && k <= 16 ? k - 1 : -1;
}

/* parse_err - printf into err (may be NULL with errlen 0), truncating safely. Returns -1. */
int parse_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * parse_quote - at most PARSE_QUOTE_SRC_MAX bytes of s (n bytes long) into
 * dst (PARSE_QUOTE_BUF bytes) for a one-line message: printable ASCII as
 * is, other bytes as \xHH, "..." when cut short. Returns dst.
 */
const char *parse_quote(char *dst, const char *s, size_t n);
/* parse_quote_str - parse_quote for a C string (NULL: ""), reading no more than needed. */
const char *parse_quote_str(char *dst, const char *s);

#endif
