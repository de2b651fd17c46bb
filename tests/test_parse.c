/*
 * test_parse.c - Criterion tests for shell/parse.c: line splitting (quotes,
 * escapes, comments, NUL, megabyte lines), numbers and their 32-bit limit,
 * PROT, FLAGS, advice names, errno names and format_prot.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mman.h"
#include "parse.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIB (1024 * 1024)

/* ---- helpers ---- */

/* parse_ok - parse a C string that must succeed. */
static struct vmsh_line parse_ok(const char *s)
{
	struct vmsh_line l;
	char err[128] = "";
	int rc = parse_line(s, strlen(s), &l, err, sizeof(err));

	cr_assert_eq(rc, 0, "parse_line(\"%s\") failed: %s", s, err);
	return l;
}

/* parse_fails - n bytes at s must fail with exactly msg; out must be empty. */
static void parse_fails(const char *s, size_t n, const char *msg)
{
	struct vmsh_line l = { .ncmds = 7, .cmds = (void *)&l };
	char err[128] = "";
	int rc = parse_line(s, n, &l, err, sizeof(err));

	cr_expect_eq(rc, -1, "parse of '%.*s' should fail", (int)n, s);
	cr_expect_str_eq(err, msg, "parse of '%.*s'", (int)n, s);
	cr_expect_eq(l.ncmds, 0);
	cr_expect_null(l.cmds);
}

/* expect_words - cmd holds exactly the NULL-terminated list want. */
static void expect_words(const struct vmsh_words *cmd, const char *const *want)
{
	int n = 0;

	while (want[n])
		n++;
	cr_assert_eq(cmd->argc, n, "argc %d, want %d", cmd->argc, n);
	for (int i = 0; i < n; i++) {
		cr_expect_str_eq(cmd->argv[i], want[i], "word %d", i);
		cr_expect_eq(vmsh_word_len(cmd, i), strlen(want[i]), "len of word %d", i);
	}
	cr_expect_null(cmd->argv[n]);
}

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* one_command - parse s, expect one command with the given words. */
static void one_command(const char *s, const char *const *want)
{
	struct vmsh_line l = parse_ok(s);

	cr_assert_eq(l.ncmds, 1, "'%s' gave %d commands", s, l.ncmds);
	expect_words(&l.cmds[0], want);
	vmsh_line_free(&l);
}

static void no_commands(const char *s, size_t n)
{
	struct vmsh_line l;
	char err[128] = "";

	cr_assert_eq(parse_line(s, n, &l, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(l.ncmds, 0);
	cr_expect_null(l.cmds);
	vmsh_line_free(&l);
}

/* ---- parse_line: splitting ---- */

Test(parse_line, empty_line_has_no_commands)
{
	no_commands("", 0);
	no_commands(NULL, 0);
}

Test(parse_line, blank_only_line_has_no_commands)
{
	no_commands(" \t\r\n  ", 6);
}

Test(parse_line, words_split_at_space_tab_cr_lf)
{
	one_command("  mmap\t0x1000 \r 4k\nrw-  ", WORDS("mmap", "0x1000", "4k", "rw-"));
}

Test(parse_line, other_control_bytes_are_part_of_a_word)
{
	one_command("a\vb\fc", WORDS("a\vb\fc"));
}

Test(parse_line, semicolon_separates_commands)
{
	struct vmsh_line l = parse_ok("mmap 0 4k;munmap 0 4k ; show");

	cr_assert_eq(l.ncmds, 3);
	expect_words(&l.cmds[0], WORDS("mmap", "0", "4k"));
	expect_words(&l.cmds[1], WORDS("munmap", "0", "4k"));
	expect_words(&l.cmds[2], WORDS("show"));
	vmsh_line_free(&l);
}

Test(parse_line, empty_commands_are_dropped)
{
	struct vmsh_line l = parse_ok(";; a ;  ;\t; b c;;");

	cr_assert_eq(l.ncmds, 2);
	expect_words(&l.cmds[0], WORDS("a"));
	expect_words(&l.cmds[1], WORDS("b", "c"));
	vmsh_line_free(&l);
}

Test(parse_line, only_semicolons_give_no_commands)
{
	no_commands(";;;", 3);
}

Test(parse_line, comment_runs_to_end_of_line)
{
	one_command("show # ; not \"a command", WORDS("show"));
}

Test(parse_line, comment_only_line_has_no_commands)
{
	no_commands("# just a comment; with 'stuff", 29);
	no_commands("   #", 4);
}

Test(parse_line, comment_after_command_drops_later_commands)
{
	struct vmsh_line l = parse_ok("a; b # c; d");

	cr_assert_eq(l.ncmds, 2);
	expect_words(&l.cmds[0], WORDS("a"));
	expect_words(&l.cmds[1], WORDS("b"));
	vmsh_line_free(&l);
}

Test(parse_line, hash_inside_word_starts_comment)
{
	one_command("a#b c", WORDS("a"));
}

Test(parse_line, argv_is_null_terminated_and_argv0_is_the_name)
{
	struct vmsh_line l = parse_ok("mprotect 0x1000 4k r--");

	cr_assert_eq(l.ncmds, 1);
	cr_expect_str_eq(l.cmds[0].argv[0], "mprotect");
	cr_expect_null(l.cmds[0].argv[l.cmds[0].argc]);
	vmsh_line_free(&l);
}

/* ---- parse_line: quotes ---- */

Test(parse_line, line_with_semicolon_inside_quotes_is_one_command)
{
	one_command("echo \"a;b\" 'c;d'", WORDS("echo", "a;b", "c;d"));
}

Test(parse_line, hash_inside_quotes_is_literal)
{
	one_command("echo \"#x\" '#y'", WORDS("echo", "#x", "#y"));
}

Test(parse_line, double_quotes_keep_blanks)
{
	one_command("echo \" a \t b \"", WORDS("echo", " a \t b "));
}

Test(parse_line, single_quotes_are_literal)
{
	one_command("echo 'a\\nb \"c\" \\x00'", WORDS("echo", "a\\nb \"c\" \\x00"));
}

Test(parse_line, quotes_join_with_plain_text)
{
	one_command("a\"b c\"d", WORDS("ab cd"));
	one_command("'x'\"y\"z'w'", WORDS("xyzw"));
	one_command("pre\"\"post", WORDS("prepost"));
}

Test(parse_line, empty_quotes_make_an_empty_word)
{
	one_command("echo \"\" ''", WORDS("echo", "", ""));
	one_command("\"\"", WORDS(""));
}

Test(parse_line, quote_chars_of_other_kind_are_literal_inside_quotes)
{
	one_command("\"it's\" 'say \"hi\"'", WORDS("it's", "say \"hi\""));
}

Test(parse_line, backslash_outside_quotes_is_literal)
{
	one_command("a\\b \\ c\\", WORDS("a\\b", "\\", "c\\"));
}

Test(parse_line, escapes_in_double_quotes_are_decoded)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "\"\\\"\"", "\"" },
		{ "\"\\\\\"", "\\" },
		{ "\"a\\nb\"", "a\nb" },
		{ "\"a\\tb\"", "a\tb" },
		{ "\"\\x41\\x62\"", "Ab" },
		{ "\"\\x4a\\x4A\"", "JJ" },
		{ "\"\\xff\"", "\xff" },
		{ "\"\\x7e1\"", "~1" },
		{ "\"\\\\n\"", "\\n" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		one_command(cases[i].in, WORDS(cases[i].want));
}

Test(parse_line, escaped_nul_makes_word_with_nul_byte)
{
	struct vmsh_line l = parse_ok("w \"a\\0b\\x00c\" z");

	cr_assert_eq(l.ncmds, 1);
	cr_assert_eq(l.cmds[0].argc, 3);
	cr_expect_eq(vmsh_word_len(&l.cmds[0], 1), 5);
	cr_expect_eq(memcmp(l.cmds[0].argv[1], "a\0b\0c", 6), 0);
	cr_expect_eq(vmsh_word_len(&l.cmds[0], 0), 1);
	cr_expect_eq(vmsh_word_len(&l.cmds[0], 2), 1);
	vmsh_line_free(&l);
}

Test(parse_line, word_len_out_of_range_is_zero)
{
	struct vmsh_line l = parse_ok("ab cde");

	cr_expect_eq(vmsh_word_len(&l.cmds[0], 1), 3);
	cr_expect_eq(vmsh_word_len(&l.cmds[0], -1), 0);
	cr_expect_eq(vmsh_word_len(&l.cmds[0], 2), 0);
	cr_expect_eq(vmsh_word_len(NULL, 0), 0);
	vmsh_line_free(&l);
}

Test(parse_line, bad_escape_is_an_error)
{
	static const struct {
		const char *in, *msg;
	} cases[] = {
		{ "\"\\q\"", "bad escape '\\q'" },
		{ "\"\\'\"", "bad escape '\\''" },
		{ "\"\\x\"", "bad escape '\\x\"'" },
		{ "\"\\x4\"", "bad escape '\\x4\"'" },
		{ "\"\\xg1\"", "bad escape '\\xg1'" },
		{ "\"\\x4", "bad escape '\\x4'" },
		{ "\"\\\x01\"", "bad escape '\\\\x01'" },
		{ "ok; \"\\r\"", "bad escape '\\r'" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		parse_fails(cases[i].in, strlen(cases[i].in), cases[i].msg);
}

Test(parse_line, unterminated_quote_is_an_error)
{
	static const char *const cases[] = {
		"\"abc", "'abc", "a\"b", "echo \"abc\\\"", "x 'a\"", "\"a'",
		"ok; ok \"", "\"abc\\",
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		parse_fails(cases[i], strlen(cases[i]), "unterminated quote");
}

Test(parse_line, nul_byte_in_input_is_an_error)
{
	parse_fails("a\0b", 3, "NUL byte in input");
	parse_fails("\"a\0b\"", 5, "NUL byte in input");
	parse_fails("ok # c\0", 7, "NUL byte in input");
	parse_fails("\0", 1, "NUL byte in input");
}

Test(parse_line, error_after_many_commands_frees_everything)
{
	/* leak checkers (ASan, valgrind) judge this one */
	parse_fails("a b; c d; e \"f g\"; h \"\\q\"", 25, "bad escape '\\q'");
	parse_fails("a b; c d; e 'unterminated", 25, "unterminated quote");
}

Test(parse_line, invalid_utf8_bytes_are_kept_as_is)
{
	one_command("\xff\xfe \xc3\x28 '\x80'", WORDS("\xff\xfe", "\xc3\x28", "\x80"));
}

Test(parse_line, error_is_truncated_to_errlen)
{
	struct vmsh_line l;
	char err[6];

	memset(err, 'X', sizeof(err));
	cr_expect_eq(parse_line("\"x", 2, &l, err, 5), -1);
	cr_expect_str_eq(err, "unte");
	cr_expect_eq(err[5], 'X');
}

Test(parse_line, null_err_with_zero_errlen_is_allowed)
{
	struct vmsh_line l;

	cr_expect_eq(parse_line("\"x", 2, &l, NULL, 0), -1);
	cr_expect_eq(parse_line("x", 1, &l, NULL, 0), 0);
	vmsh_line_free(&l);
}

Test(parse_line, success_clears_err)
{
	struct vmsh_line l;
	char err[32] = "stale";

	cr_expect_eq(parse_line("x", 1, &l, err, sizeof(err)), 0);
	cr_expect_str_empty(err);
	vmsh_line_free(&l);
}

Test(parse_line, free_twice_and_free_null_are_safe)
{
	struct vmsh_line l = parse_ok("a b; c");

	vmsh_line_free(&l);
	cr_expect_eq(l.ncmds, 0);
	cr_expect_null(l.cmds);
	vmsh_line_free(&l);
	vmsh_line_free(NULL);
}

/* ---- parse_line: big input ---- */

/* fill - a MiB buffer repeating pat; caller frees. */
static char *fill(const char *pat, size_t n)
{
	size_t pl = strlen(pat);
	char *b = malloc(n);

	cr_assert_not_null(b);
	for (size_t i = 0; i < n; i++)
		b[i] = pat[i % pl];
	return b;
}

Test(parse_line, megabyte_line_of_words_parses, .timeout = 20)
{
	size_t n = MIB / 3 * 3;
	char *b = fill("ab ", n);
	struct vmsh_line l;
	char err[128];

	cr_assert_eq(parse_line(b, n, &l, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(l.ncmds, 1);
	cr_expect_eq(l.cmds[0].argc, (int)(n / 3));
	cr_expect_str_eq(l.cmds[0].argv[n / 3 - 1], "ab");
	vmsh_line_free(&l);
	free(b);
}

Test(parse_line, megabyte_of_commands_parses, .timeout = 20)
{
	size_t n = MIB / 2 * 2;
	char *b = fill("a;", n);
	struct vmsh_line l;
	char err[128];

	cr_assert_eq(parse_line(b, n, &l, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(l.ncmds, (int)(n / 2));
	vmsh_line_free(&l);
	free(b);
}

Test(parse_line, megabyte_single_word_parses, .timeout = 20)
{
	char *b = fill("x", MIB);
	struct vmsh_line l;
	char err[128];

	cr_assert_eq(parse_line(b, MIB, &l, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(l.ncmds, 1);
	cr_expect_eq(vmsh_word_len(&l.cmds[0], 0), MIB);
	cr_expect_eq(strlen(l.cmds[0].argv[0]), MIB);
	vmsh_line_free(&l);
	free(b);
}

Test(parse_line, megabyte_quoted_word_with_escapes_parses, .timeout = 20)
{
	size_t k = MIB / 4;	/* escapes: "\x41" * k, quoted: 4k + 2 bytes */
	char *b = malloc(4 * k + 2);
	struct vmsh_line l;
	char err[128];

	cr_assert_not_null(b);
	b[0] = '"';
	for (size_t i = 0; i < k; i++)
		memcpy(b + 1 + 4 * i, "\\x41", 4);
	b[4 * k + 1] = '"';
	cr_assert_eq(parse_line(b, 4 * k + 2, &l, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(l.ncmds, 1);
	cr_expect_eq(vmsh_word_len(&l.cmds[0], 0), k);
	cr_expect_eq(l.cmds[0].argv[0][0], 'A');
	cr_expect_eq(l.cmds[0].argv[0][k - 1], 'A');
	cr_expect_eq(l.cmds[0].argv[0][k], '\0');
	vmsh_line_free(&l);
	free(b);
}

Test(parse_line, megabyte_comment_and_semicolons_give_no_commands, .timeout = 20)
{
	char *b = fill(";", MIB);

	no_commands(b, MIB);
	b[0] = '#';
	no_commands(b, MIB);
	free(b);
}

Test(parse_line, megabyte_unterminated_quote_fails_with_short_message, .timeout = 20)
{
	char *b = fill("a b ", MIB);
	struct vmsh_line l;
	char err[128];

	b[MIB / 2] = '"';
	cr_expect_eq(parse_line(b, MIB, &l, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "unterminated quote");
	cr_expect_eq(l.ncmds, 0);
	free(b);
}

Test(parse_line, megabyte_line_with_nul_at_end_fails, .timeout = 20)
{
	char *b = fill("ab; ", MIB);

	b[MIB - 1] = '\0';
	parse_fails(b, MIB, "NUL byte in input");
	free(b);
}

/* ---- parse_number ---- */

struct num_case {
	const char *in;
	unsigned long want;
};

static void numbers_parse(const struct num_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned long v = 12345;
		char err[128] = "";

		cr_expect_eq(parse_number(c[i].in, &v, err, sizeof(err)), 0,
			     "'%s': %s", c[i].in, err);
		cr_expect_eq(v, c[i].want, "'%s' gave %#lx, want %#lx", c[i].in, v, c[i].want);
	}
}

/* numbers_fail - each input fails with prefix + "'" + input + "'". */
static void numbers_fail(const char *const *in, size_t n, const char *prefix)
{
	for (size_t i = 0; i < n; i++) {
		unsigned long v = 12345;
		char err[256] = "", want[256];

		snprintf(want, sizeof(want), "%s'%s'", prefix, in[i]);
		cr_expect_eq(parse_number(in[i], &v, err, sizeof(err)), -1, "'%s'", in[i]);
		cr_expect_str_eq(err, want);
		cr_expect_eq(v, 12345, "'%s' changed *out on error", in[i]);
	}
}

Test(parse_number, decimal_number_parses)
{
	static const struct num_case c[] = {
		{ "0", 0 }, { "1", 1 }, { "4096", 4096 }, { "123456789", 123456789 },
	};
	numbers_parse(c, ARRAY_SIZE(c));
}

Test(parse_number, leading_zeros_are_decimal_not_octal)
{
	static const struct num_case c[] = { { "010", 10 }, { "0009", 9 }, { "00", 0 } };
	numbers_parse(c, ARRAY_SIZE(c));
}

Test(parse_number, hex_number_parses)
{
	static const struct num_case c[] = {
		{ "0x2000", 0x2000 }, { "0x0", 0 }, { "0X1F", 0x1f },
		{ "0xabcDEF", 0xabcdef }, { "0x00000000000001", 1 },
	};
	numbers_parse(c, ARRAY_SIZE(c));
}

Test(parse_number, number_with_k_suffix_multiplies_by_1024)
{
	static const struct num_case c[] = { { "16k", 16384 }, { "1K", 1024 }, { "0k", 0 } };
	numbers_parse(c, ARRAY_SIZE(c));
}

Test(parse_number, number_with_m_suffix_multiplies_by_1024_squared)
{
	static const struct num_case c[] = { { "4m", 4UL << 20 }, { "3M", 3UL << 20 } };
	numbers_parse(c, ARRAY_SIZE(c));
}

Test(parse_number, number_with_g_suffix_multiplies_by_1024_cubed)
{
	static const struct num_case c[] = { { "1g", 1UL << 30 }, { "3G", 3UL << 30 } };
	numbers_parse(c, ARRAY_SIZE(c));
}

Test(parse_number, hex_number_takes_a_suffix_too)
{
	static const struct num_case c[] = { { "0x10k", 0x4000 }, { "0x2m", 2UL << 20 } };
	numbers_parse(c, ARRAY_SIZE(c));
}

Test(parse_number, largest_32bit_values_are_accepted)
{
	static const struct num_case c[] = {
		{ "0xffffffff", 0xffffffffUL }, { "4294967295", 0xffffffffUL },
		{ "4194303k", 4194303UL * 1024 }, { "4095m", 4095UL << 20 },
		{ "3g", 3UL << 30 }, { "0x3fffffk", 0x3fffffUL << 10 },
		{ "000000000000000000000004294967295", 0xffffffffUL },
	};
	numbers_parse(c, ARRAY_SIZE(c));
}

Test(parse_number, values_above_32bit_are_out_of_range)
{
	static const char *const in[] = {
		"0x100000000", "4294967296", "4g", "4194304k", "4096m", "0x400000k",
		"99999999999999999999", "0xffffffffffffffffffffffff",
		"18446744073709551616", "18446744073709551616k", "1000000g",
	};
	numbers_fail(in, ARRAY_SIZE(in), "out of range (more than 0xffffffff): ");
}

Test(parse_number, malformed_numbers_are_rejected)
{
	static const char *const in[] = {
		"", "+1", "-1", " 1", "1 ", "12q", "0x", "0xg", "k", "1kk", "1k2",
		"0x-1", "1.5", "1e3", "0b101", "x10", "0xx1", "zz", "1 k",
		"99999999999999999999q", "0x1p",
	};
	numbers_fail(in, ARRAY_SIZE(in), "not a number: ");
}

Test(parse_number, null_string_is_not_a_number)
{
	unsigned long v = 7;
	char err[64];

	cr_expect_eq(parse_number(NULL, &v, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "not a number: ''");
	cr_expect_eq(v, 7);
}

Test(parse_number, error_quotes_at_most_40_bytes_of_a_huge_input)
{
	char *b = fill("9", MIB);
	unsigned long v;
	char err[512];

	b[MIB - 1] = '\0';
	cr_expect_eq(parse_number(b, &v, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "out of range (more than 0xffffffff): "
			 "'9999999999999999999999999999999999999999...'");
	b[0] = 'z';
	cr_expect_eq(parse_number(b, &v, err, sizeof(err)), -1);
	cr_expect_lt(strlen(err), 80);
	free(b);
}

Test(parse_number, error_shows_control_bytes_escaped_on_one_line)
{
	unsigned long v;
	char err[64];

	cr_expect_eq(parse_number("1\n2", &v, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "not a number: '1\\x0a2'");
}

Test(parse_number, null_err_with_zero_errlen_is_allowed)
{
	unsigned long v;

	cr_expect_eq(parse_number("zz", &v, NULL, 0), -1);
}

/* ---- parse_prot, format_prot ---- */

Test(parse_prot, all_rwx_style_combinations_parse)
{
	static const struct {
		const char *in;
		unsigned long want;
	} c[] = {
		{ "---", PROT_NONE }, { "r--", PROT_READ }, { "-w-", PROT_WRITE },
		{ "--x", PROT_EXEC }, { "rw-", PROT_READ | PROT_WRITE },
		{ "r-x", PROT_READ | PROT_EXEC }, { "-wx", PROT_WRITE | PROT_EXEC },
		{ "rwx", PROT_READ | PROT_WRITE | PROT_EXEC },
	};

	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		unsigned long p = 99;

		cr_expect_eq(parse_prot(c[i].in, &p, NULL, 0), 0, "'%s'", c[i].in);
		cr_expect_eq(p, c[i].want, "'%s'", c[i].in);
	}
}

Test(parse_prot, none_is_prot_none)
{
	unsigned long p = 99;

	cr_expect_eq(parse_prot("none", &p, NULL, 0), 0);
	cr_expect_eq(p, PROT_NONE);
}

Test(parse_prot, bad_protections_are_rejected)
{
	static const char *const in[] = {
		"", "rw", "rwxx", "wrx", "rwz", "RWX", "NONE", "r-", "xwr", " rw",
		"---x", "nonE", "none ",
	};

	for (size_t i = 0; i < ARRAY_SIZE(in); i++) {
		unsigned long p = 99;
		char err[128], want[128];

		snprintf(want, sizeof(want), "bad protection '%s' (want rwx-style or none)", in[i]);
		cr_expect_eq(parse_prot(in[i], &p, err, sizeof(err)), -1, "'%s'", in[i]);
		cr_expect_str_eq(err, want);
		cr_expect_eq(p, 99);
	}
}

Test(parse_prot, format_prot_gives_rwx_style)
{
	static const char *const all[] = {
		"---", "r--", "-w-", "rw-", "--x", "r-x", "-wx", "rwx",
	};
	char buf[4];

	for (unsigned long p = 0; p < 8; p++) {
		unsigned long back;

		cr_expect_str_eq(format_prot(p, buf), all[p]);
		cr_expect_eq(parse_prot(buf, &back, NULL, 0), 0);
		cr_expect_eq(back, p);
	}
}

Test(parse_prot, format_prot_ignores_other_bits)
{
	char buf[4];

	cr_expect_str_eq(format_prot(PROT_READ | PROT_GROWSDOWN, buf), "r--");
}

/* ---- parse_mmap_flags ---- */

static void flags_give(const char *in, unsigned long want)
{
	unsigned long f = 0;
	char err[128] = "";

	cr_expect_eq(parse_mmap_flags(in, &f, err, sizeof(err)), 0, "'%s': %s", in, err);
	cr_expect_eq(f, want, "'%s' gave %#lx, want %#lx", in, f, want);
}

static void flags_fail(const char *in, const char *msg)
{
	unsigned long f = 77;
	char err[128] = "";

	cr_expect_eq(parse_mmap_flags(in, &f, err, sizeof(err)), -1, "'%s'", in);
	cr_expect_str_eq(err, msg, "'%s'", in);
	cr_expect_eq(f, 77);
}

Test(parse_mmap_flags, private_or_shared_alone_is_enough)
{
	flags_give("private", MAP_PRIVATE);
	flags_give("shared", MAP_SHARED);
}

Test(parse_mmap_flags, each_flag_maps_to_its_map_value)
{
	static const struct {
		const char *name;
		unsigned long value;
	} c[] = {
		{ "anon", MAP_ANONYMOUS }, { "fixed", MAP_FIXED },
		{ "locked", MAP_LOCKED }, { "noreserve", MAP_NORESERVE },
		{ "populate", MAP_POPULATE }, { "growsdown", MAP_GROWSDOWN },
	};
	char buf[64];

	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		snprintf(buf, sizeof(buf), "private,%s", c[i].name);
		flags_give(buf, MAP_PRIVATE | c[i].value);
		snprintf(buf, sizeof(buf), "%s,shared", c[i].name);
		flags_give(buf, MAP_SHARED | c[i].value);
	}
}

Test(parse_mmap_flags, all_flags_together_combine)
{
	flags_give("anon,fixed,locked,noreserve,populate,growsdown,private",
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_LOCKED |
		   MAP_NORESERVE | MAP_POPULATE | MAP_GROWSDOWN);
}

Test(parse_mmap_flags, duplicate_flags_are_fine)
{
	flags_give("private,anon,anon,private", MAP_PRIVATE | MAP_ANONYMOUS);
}

Test(parse_mmap_flags, need_exactly_one_of_private_or_shared)
{
	flags_fail("", "need exactly one of private or shared");
	flags_fail("anon", "need exactly one of private or shared");
	flags_fail("anon,fixed", "need exactly one of private or shared");
	flags_fail("private,shared", "need exactly one of private or shared");
	flags_fail("shared,anon,private", "need exactly one of private or shared");
	flags_fail(NULL, "need exactly one of private or shared");
}

Test(parse_mmap_flags, unknown_flag_is_named_in_the_error)
{
	flags_fail("private,foo", "unknown flag 'foo'");
	flags_fail("bar,private", "unknown flag 'bar'");
	flags_fail("Private", "unknown flag 'Private'");
	flags_fail("private,anonymous", "unknown flag 'anonymous'");
	flags_fail("private, anon", "unknown flag ' anon'");
}

Test(parse_mmap_flags, empty_flag_item_is_an_error)
{
	flags_fail("private,,anon", "empty flag in 'private,,anon'");
	flags_fail(",private", "empty flag in ',private'");
	flags_fail("private,", "empty flag in 'private,'");
	flags_fail(",", "empty flag in ','");
}

Test(parse_mmap_flags, long_unknown_flag_is_truncated_in_the_error)
{
	char *b = fill("q", 1000);
	char err[256];
	unsigned long f;

	b[999] = '\0';
	cr_expect_eq(parse_mmap_flags(b, &f, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "unknown flag 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq...'");
	free(b);
}

Test(parse_mmap_flags, flag_names_list_is_complete_and_parses)
{
	static const char *const want[] = {
		"private", "shared", "anon", "fixed", "locked", "noreserve",
		"populate", "growsdown",
	};
	const char *const *names = mmap_flag_names();
	size_t n = 0;

	while (names[n]) {
		char buf[64];
		unsigned long f;

		snprintf(buf, sizeof(buf), "%s,%s", names[n],
			 strcmp(names[n], "shared") ? "private" : "anon");
		cr_expect_eq(parse_mmap_flags(buf, &f, NULL, 0), 0, "'%s'", buf);
		n++;
	}
	cr_assert_eq(n, ARRAY_SIZE(want));
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(names[i], want[i]);
}

/* ---- parse_advice ---- */

static const struct {
	const char *name;
	int value;
} advice_cases[] = {
	{ "normal", MADV_NORMAL }, { "random", MADV_RANDOM },
	{ "sequential", MADV_SEQUENTIAL }, { "willneed", MADV_WILLNEED },
	{ "dontneed", MADV_DONTNEED }, { "dontfork", MADV_DONTFORK },
	{ "dofork", MADV_DOFORK },
};

Test(parse_advice, each_advice_name_maps_to_madv_value)
{
	for (size_t i = 0; i < ARRAY_SIZE(advice_cases); i++) {
		int a = -1;

		cr_expect_eq(parse_advice(advice_cases[i].name, &a, NULL, 0), 0);
		cr_expect_eq(a, advice_cases[i].value, "'%s'", advice_cases[i].name);
	}
}

Test(parse_advice, unknown_advice_is_an_error)
{
	static const char *const in[] = { "", "Normal", "remove", "dontneed ", "free" };

	for (size_t i = 0; i < ARRAY_SIZE(in); i++) {
		int a = -1;
		char err[128], want[128];

		snprintf(want, sizeof(want), "unknown advice '%s'", in[i]);
		cr_expect_eq(parse_advice(in[i], &a, err, sizeof(err)), -1);
		cr_expect_str_eq(err, want);
		cr_expect_eq(a, -1);
	}
}

Test(parse_advice, advice_names_list_matches_the_names_parsed)
{
	const char *const *names = advice_names();
	size_t n = 0;

	while (names[n]) {
		cr_expect_str_eq(names[n], advice_cases[n].name);
		n++;
	}
	cr_expect_eq(n, ARRAY_SIZE(advice_cases));
}

/* ---- errno_name ---- */

Test(errno_name, names_from_eperm_through_erange)
{
	static const char *const want[] = {
		NULL, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
		"ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES",
		"EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
		"ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY",
		"ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE",
		"EDOM", "ERANGE",
	};

	cr_assert_eq(ERANGE, 34);
	for (int e = EPERM; e <= ERANGE; e++)
		cr_expect_str_eq(errno_name(e), want[e], "errno %d", e);
}

Test(errno_name, names_of_the_errors_the_mm_returns)
{
	static const struct {
		int e;
		const char *name;
	} c[] = {
		{ EOVERFLOW, "EOVERFLOW" }, { ENOSYS, "ENOSYS" }, { ETXTBSY, "ETXTBSY" },
		{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ ENOENT, "ENOENT" }, { ESRCH, "ESRCH" }, { EINVAL, "EINVAL" },
		{ EBADF, "EBADF" }, { ENODEV, "ENODEV" }, { EFBIG, "EFBIG" },
		{ ENOSPC, "ENOSPC" }, { EPERM, "EPERM" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(c); i++)
		cr_expect_str_eq(errno_name(c[i].e), c[i].name);
}

Test(errno_name, unknown_errno_gives_e_question_and_number)
{
	cr_expect_str_eq(errno_name(0), "E?0");
	cr_expect_str_eq(errno_name(-22), "E?-22");
	cr_expect_str_eq(errno_name(9999), "E?9999");
	cr_expect_str_eq(errno_name(-2147483647 - 1), "E?-2147483648");
}

/* ---- parse_line_raw: a command whose argument is the rest of the line ---- */

Test(parse_line_raw, a_raw_command_takes_the_rest_of_the_line_verbatim)
{
	static const char *const raw[] = { "lua", NULL };
	static const char s[] = "maps; lua  print(#t, \"a;b\") -- c # d\\n\t \n";
	struct vmsh_line l;
	char err[128] = "";

	cr_assert_eq(parse_line_raw(s, sizeof(s) - 1, raw, &l, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(l.ncmds, 2);
	expect_words(&l.cmds[0], WORDS("maps"));
	expect_words(&l.cmds[1], WORDS("lua", "print(#t, \"a;b\") -- c # d\\n"));
	vmsh_line_free(&l);
}

Test(parse_line_raw, a_raw_command_alone_or_before_a_semicolon_has_no_argument)
{
	static const char *const raw[] = { "lua", NULL };
	static const char s[] = "lua; lua   ; luax y";
	struct vmsh_line l;
	char err[128] = "";

	cr_assert_eq(parse_line_raw(s, sizeof(s) - 1, raw, &l, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(l.ncmds, 2);
	expect_words(&l.cmds[0], WORDS("lua"));
	expect_words(&l.cmds[1], WORDS("lua", "; luax y"));
	vmsh_line_free(&l);
}

Test(parse_line_raw, words_made_by_another_client_have_their_lengths)
{
	_Alignas(void *) char block[256];
	char a[] = "mmap", b[] = "x\0y";
	struct vmsh_words w;

	cr_assert_leq(vmsh_words_size(2), sizeof(block));
	vmsh_words_init(&w, block, 2);
	vmsh_words_set(&w, 0, a, 4);
	vmsh_words_set(&w, 1, b, 3);
	cr_expect_eq(w.argc, 2);
	cr_expect_null(w.argv[2]);
	cr_expect_eq(vmsh_word_len(&w, 0), 4);
	cr_expect_eq(vmsh_word_len(&w, 1), 3);
}
