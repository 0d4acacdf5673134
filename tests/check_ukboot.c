/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Check suite for ukboot: the command-line parser uk_param_parse(), run
 * hosted against a local parameter table.
 */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/param.h>
#include "hosted.h"

#define OLD_INT		-77
#define OLD_UINT	77u
#define OLD_SIZE	7777u
#define OLD_BOOL	true
#define OLD_STR		"old"
#define ARGV_MAX	16

static int v_int;
static int v_int2;
static unsigned int v_uint;
static size_t v_size;
static bool v_bool;
static const char *v_str;

static const struct uk_param tab[] = {
	{ "app", "count", UK_PARAM_INT, &v_int },
	{ "my-lib", "some_val", UK_PARAM_INT, &v_int2 },
	{ "app", "limit", UK_PARAM_UINT, &v_uint },
	{ "boot", "stack_size", UK_PARAM_SIZE, &v_size },
	{ "debug", "verbose", UK_PARAM_BOOL, &v_bool },
	{ "app", "msg", UK_PARAM_STR, &v_str },
};

static char buf[256];
static char *argv[ARGV_MAX];

static void reset(void)
{
	v_int = OLD_INT;
	v_int2 = OLD_INT;
	v_uint = OLD_UINT;
	v_size = OLD_SIZE;
	v_bool = OLD_BOOL;
	v_str = OLD_STR;
	memset(buf, 'Z', sizeof(buf));
	memset(argv, 0x5a, sizeof(argv));
	hosted_console_take();
}

static int parse(const char *line)
{
	return uk_param_parse(line, tab, UK_ARRAY_SIZE(tab), "prog", buf,
			      sizeof(buf), argv, ARGV_MAX);
}

static void assert_untouched(void)
{
	ck_assert_int_eq(v_int, OLD_INT);
	ck_assert_int_eq(v_int2, OLD_INT);
	ck_assert_uint_eq(v_uint, OLD_UINT);
	ck_assert_uint_eq(v_size, OLD_SIZE);
	ck_assert(v_bool == OLD_BOOL);
	ck_assert_str_eq(v_str, OLD_STR);
}

/* Parse line, expect -EINVAL, a log line containing msg, nothing set. */
static void assert_rejected(const char *line, const char *msg)
{
	const char *log;

	reset();
	ck_assert_int_eq(parse(line), -EINVAL);
	log = hosted_console_take();
	ck_assert_msg(strstr(log, msg) != NULL,
		      "line '%s': log '%s' lacks '%s'", line, log, msg);
	assert_untouched();
}

static bool in_buf(const char *p)
{
	return p >= buf && p < buf + sizeof(buf);
}

START_TEST(ukboot_line_typical_sets_all)
{
	int rc = parse("app.count=42 app.limit=7 boot.stack_size=1M "
		       "debug.verbose=off app.msg=hi my-lib.some_val=-3 "
		       "-- hello world");

	ck_assert_int_eq(rc, 3);
	ck_assert_int_eq(v_int, 42);
	ck_assert_int_eq(v_int2, -3);
	ck_assert_uint_eq(v_uint, 7);
	ck_assert_uint_eq(v_size, 1024 * 1024);
	ck_assert(!v_bool);
	ck_assert_str_eq(v_str, "hi");
	ck_assert(in_buf(v_str));
	ck_assert_str_eq(argv[0], "prog");
	ck_assert_str_eq(argv[1], "hello");
	ck_assert_str_eq(argv[2], "world");
	ck_assert_ptr_null(argv[3]);
	ck_assert(in_buf(argv[1]) && in_buf(argv[2]));
	ck_assert_str_eq(hosted_console_take(), "");
}
END_TEST

START_TEST(ukboot_line_no_separator_argc_one)
{
	ck_assert_int_eq(parse("app.count=5 app.msg=x"), 1);
	ck_assert_int_eq(v_int, 5);
	ck_assert_str_eq(v_str, "x");
	ck_assert_str_eq(argv[0], "prog");
	ck_assert_ptr_null(argv[1]);
}
END_TEST

START_TEST(ukboot_line_empty_argc_one)
{
	ck_assert_int_eq(parse(""), 1);
	ck_assert_str_eq(argv[0], "prog");
	ck_assert_ptr_null(argv[1]);
	assert_untouched();

	ck_assert_int_eq(parse(" \t\n  "), 1);
	ck_assert_ptr_null(argv[1]);
	assert_untouched();
}
END_TEST

START_TEST(ukboot_line_null_argc_one)
{
	ck_assert_int_eq(uk_param_parse(NULL, tab, UK_ARRAY_SIZE(tab), "p",
					NULL, 0, argv, 2), 1);
	ck_assert_str_eq(argv[0], "p");
	ck_assert_ptr_null(argv[1]);
	assert_untouched();
}
END_TEST

START_TEST(ukboot_line_separator_only_argc_one)
{
	ck_assert_int_eq(parse("app.count=9 --"), 1);
	ck_assert_int_eq(v_int, 9);
	ck_assert_ptr_null(argv[1]);
}
END_TEST

START_TEST(ukboot_line_blanks_tab_newline_split)
{
	ck_assert_int_eq(parse("\tapp.count=1\napp.limit=2 \t--\nx\ty "), 3);
	ck_assert_int_eq(v_int, 1);
	ck_assert_uint_eq(v_uint, 2);
	ck_assert_str_eq(argv[1], "x");
	ck_assert_str_eq(argv[2], "y");
	ck_assert_ptr_null(argv[3]);
}
END_TEST

START_TEST(ukboot_line_second_separator_is_argument)
{
	ck_assert_int_eq(parse("-- a -- b"), 4);
	ck_assert_str_eq(argv[1], "a");
	ck_assert_str_eq(argv[2], "--");
	ck_assert_str_eq(argv[3], "b");
	ck_assert_ptr_null(argv[4]);
}
END_TEST

START_TEST(ukboot_line_param_after_separator_is_argument)
{
	ck_assert_int_eq(parse("-- app.count=9 --x"), 3);
	ck_assert_str_eq(argv[1], "app.count=9");
	ck_assert_str_eq(argv[2], "--x");
	assert_untouched();
}
END_TEST

START_TEST(ukboot_line_param_twice_last_wins)
{
	ck_assert_int_eq(parse("app.count=1 app.msg=a app.count=2 "
			       "app.msg=b"), 1);
	ck_assert_int_eq(v_int, 2);
	ck_assert_str_eq(v_str, "b");
}
END_TEST

START_TEST(ukboot_line_unknown_param_warned)
{
	const char *log;

	ck_assert_int_eq(parse("app.nope=1 app.count=3 zz.count=4 -- x"), 2);
	log = hosted_console_take();
	ck_assert_ptr_nonnull(strstr(log,
				     "unknown parameter 'app.nope' ignored"));
	ck_assert_ptr_nonnull(strstr(log,
				     "unknown parameter 'zz.count' ignored"));
	ck_assert_int_eq(v_int, 3);
	ck_assert_str_eq(argv[1], "x");
}
END_TEST

START_TEST(ukboot_quote_groups_blanks_in_argv)
{
	ck_assert_int_eq(parse("-- \"hello world\" 42"), 3);
	ck_assert_str_eq(argv[1], "hello world");
	ck_assert_str_eq(argv[2], "42");
	ck_assert_ptr_null(argv[3]);
}
END_TEST

START_TEST(ukboot_quote_escapes_in_argv)
{
	ck_assert_int_eq(parse("-- a\\ b \\\"q\\\" c\\\\d \"say \\\"hi\\\"\""),
			 5);
	ck_assert_str_eq(argv[1], "a b");
	ck_assert_str_eq(argv[2], "\"q\"");
	ck_assert_str_eq(argv[3], "c\\d");
	ck_assert_str_eq(argv[4], "say \"hi\"");
}
END_TEST

START_TEST(ukboot_quote_inside_token_joined)
{
	ck_assert_int_eq(parse("-- pre\"mid dle\"post"), 2);
	ck_assert_str_eq(argv[1], "premid dlepost");
}
END_TEST

START_TEST(ukboot_quote_empty_is_argument)
{
	ck_assert_int_eq(parse("-- \"\" x \"\""), 4);
	ck_assert_str_eq(argv[1], "");
	ck_assert_str_eq(argv[2], "x");
	ck_assert_str_eq(argv[3], "");
}
END_TEST

START_TEST(ukboot_quote_quoted_separator_is_argument)
{
	ck_assert_int_eq(parse("-- a \"--\""), 3);
	ck_assert_str_eq(argv[2], "--");
}
END_TEST

START_TEST(ukboot_quote_str_value_unquoted)
{
	ck_assert_int_eq(parse("app.msg=\"a  b\\\"c\" -- x"), 2);
	ck_assert_str_eq(v_str, "a  b\"c");
	ck_assert(in_buf(v_str));
}
END_TEST

START_TEST(ukboot_quote_unterminated_rejected)
{
	assert_rejected("app.count=1 -- \"abc def", "unterminated quote");
	assert_rejected("app.count=1 app.msg=\"x", "unterminated quote");
}
END_TEST

START_TEST(ukboot_quote_trailing_backslash_rejected)
{
	assert_rejected("app.count=1 -- abc\\", "lone backslash");
}
END_TEST

static const char *const bad_tokens[] = {
	"hello",		/* a program argument before "--" */
	"count=1",		/* no lib */
	"app.count",		/* no '=' */
	".count=1",		/* empty lib */
	"app.=1",		/* empty name */
	"=1",			/* empty key */
	"a.b.c=1",		/* two dots */
	"app.co$nt=1",		/* bad character */
	"app count=1",		/* quoted blank in the key */
	"-x",			/* an option meant for the program */
};

START_TEST(ukboot_malformed_token_rejected)
{
	char line[128];
	char msg[128];

	snprintf(line, sizeof(line), "app.count=1 app.msg=new \"%s\" -- a",
		 bad_tokens[_i]);
	snprintf(msg, sizeof(msg), "malformed parameter '%s'", bad_tokens[_i]);
	assert_rejected(line, msg);
	assert_rejected(line, "expected lib.name=value");
	assert_rejected(line, "program arguments go after \"--\"");
}
END_TEST

START_TEST(ukboot_malformed_bad_value_last_nothing_set)
{
	assert_rejected("app.count=1 app.limit=2 boot.stack_size=1M "
			"debug.verbose=no app.msg=new my-lib.some_val=5 "
			"app.count=zz -- a",
			"parameter 'app.count': 'zz' is not a valid int");
}
END_TEST

START_TEST(ukboot_malformed_unknown_not_warned_on_error)
{
	assert_rejected("app.nope=1 app.count=x", "not a valid int");
	reset();
	parse("app.nope=1 app.count=x");
	ck_assert_ptr_null(strstr(hosted_console_take(), "unknown"));
}
END_TEST

START_TEST(ukboot_param_int_decimal_and_hex)
{
	ck_assert_int_eq(parse("app.count=0x1f my-lib.some_val=-0X10"), 1);
	ck_assert_int_eq(v_int, 31);
	ck_assert_int_eq(v_int2, -16);
	ck_assert_int_eq(parse("app.count=010 my-lib.some_val=-0"), 1);
	ck_assert_int_eq(v_int, 10);
	ck_assert_int_eq(v_int2, 0);
}
END_TEST

START_TEST(ukboot_param_int_min_max_accepted)
{
	ck_assert_int_eq(parse("app.count=2147483647 "
			       "my-lib.some_val=-2147483648"), 1);
	ck_assert_int_eq(v_int, INT_MAX);
	ck_assert_int_eq(v_int2, INT_MIN);
	ck_assert_int_eq(parse("app.count=0x7fffffff "
			       "my-lib.some_val=-0x80000000"), 1);
	ck_assert_int_eq(v_int, INT_MAX);
	ck_assert_int_eq(v_int2, INT_MIN);
}
END_TEST

START_TEST(ukboot_param_int_out_of_range_rejected)
{
	assert_rejected("app.msg=new app.count=2147483648",
			"value '2147483648' out of range for int");
	assert_rejected("app.count=-2147483649", "out of range for int");
	assert_rejected("app.count=0x80000000", "out of range for int");
	assert_rejected("app.count=99999999999999999999999999",
			"out of range for int");
}
END_TEST

START_TEST(ukboot_param_int_garbage_rejected)
{
	assert_rejected("app.msg=new app.count=12a",
			"parameter 'app.count': '12a' is not a valid int");
	assert_rejected("app.count=", "is not a valid int");
	assert_rejected("app.count=-", "is not a valid int");
	assert_rejected("app.count=+1", "is not a valid int");
	assert_rejected("app.count=0x", "is not a valid int");
	assert_rejected("app.count=--1", "is not a valid int");
	assert_rejected("app.count=\" 1\"", "is not a valid int");
	assert_rejected("app.count=99999999999999999999x",
			"is not a valid int");
}
END_TEST

START_TEST(ukboot_param_uint_max_accepted)
{
	ck_assert_int_eq(parse("app.limit=4294967295"), 1);
	ck_assert_uint_eq(v_uint, UINT_MAX);
	ck_assert_int_eq(parse("app.limit=0xFFFFFFFF"), 1);
	ck_assert_uint_eq(v_uint, UINT_MAX);
	ck_assert_int_eq(parse("app.limit=0"), 1);
	ck_assert_uint_eq(v_uint, 0);
}
END_TEST

START_TEST(ukboot_param_uint_bad_rejected)
{
	assert_rejected("app.limit=4294967296",
			"out of range for unsigned int");
	assert_rejected("app.limit=-1", "'-1' is not a valid unsigned int");
	assert_rejected("app.limit=1K", "is not a valid unsigned int");
}
END_TEST

START_TEST(ukboot_param_size_suffixes)
{
	static const struct {
		const char *line;
		size_t want;
	} cases[] = {
		{ "boot.stack_size=123", 123 },
		{ "boot.stack_size=4K", 4096 },
		{ "boot.stack_size=4k", 4096 },
		{ "boot.stack_size=2M", 2UL << 20 },
		{ "boot.stack_size=2m", 2UL << 20 },
		{ "boot.stack_size=3G", 3UL << 30 },
		{ "boot.stack_size=3g", 3UL << 30 },
		{ "boot.stack_size=0x10k", 16384 },
		{ "boot.stack_size=0", 0 },
	};
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(cases); i++) {
		v_size = OLD_SIZE;
		ck_assert_int_eq(parse(cases[i].line), 1);
		ck_assert_msg(v_size == cases[i].want, "%s gave %zu",
			      cases[i].line, v_size);
	}
}
END_TEST

START_TEST(ukboot_param_size_max_accepted)
{
	ck_assert_int_eq(parse("boot.stack_size=18446744073709551615"), 1);
	ck_assert_uint_eq(v_size, SIZE_MAX);
	ck_assert_int_eq(parse("boot.stack_size=17179869183G"), 1);
	ck_assert_uint_eq(v_size, (size_t)17179869183ULL << 30);
}
END_TEST

START_TEST(ukboot_param_size_overflow_rejected)
{
	assert_rejected("boot.stack_size=18446744073709551616",
			"value '18446744073709551616' out of range for size");
	assert_rejected("boot.stack_size=17179869184G", "out of range");
	assert_rejected("boot.stack_size=0x40000000000000K", "out of range");
	assert_rejected("boot.stack_size=17592186044416M", "out of range");
}
END_TEST

START_TEST(ukboot_param_size_garbage_rejected)
{
	assert_rejected("boot.stack_size=1T", "'1T' is not a valid size");
	assert_rejected("boot.stack_size=K", "is not a valid size");
	assert_rejected("boot.stack_size=16K7", "is not a valid size");
	assert_rejected("boot.stack_size=1KK", "is not a valid size");
	assert_rejected("boot.stack_size=-1", "is not a valid size");
	assert_rejected("boot.stack_size=", "is not a valid size");
}
END_TEST

START_TEST(ukboot_param_bool_words)
{
	static const char *const yes[] = { "1", "yes", "on", "true" };
	static const char *const no[] = { "0", "no", "off", "false" };
	char line[64];
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(yes); i++) {
		v_bool = false;
		snprintf(line, sizeof(line), "debug.verbose=%s", yes[i]);
		ck_assert_int_eq(parse(line), 1);
		ck_assert_msg(v_bool, "%s", line);
	}
	for (i = 0; i < UK_ARRAY_SIZE(no); i++) {
		v_bool = true;
		snprintf(line, sizeof(line), "debug.verbose=%s", no[i]);
		ck_assert_int_eq(parse(line), 1);
		ck_assert_msg(!v_bool, "%s", line);
	}
}
END_TEST

START_TEST(ukboot_param_bool_bad_rejected)
{
	assert_rejected("debug.verbose=maybe", "parameter 'debug.verbose': "
			"'maybe' is not a valid bool");
	assert_rejected("debug.verbose=2", "is not a valid bool");
	assert_rejected("debug.verbose=", "is not a valid bool");
	assert_rejected("debug.verbose=yess", "is not a valid bool");
}
END_TEST

START_TEST(ukboot_param_str_values)
{
	ck_assert_int_eq(parse("app.msg="), 1);
	ck_assert_str_eq(v_str, "");
	ck_assert(in_buf(v_str));
	ck_assert_int_eq(parse("app.msg=a=b.c"), 1);
	ck_assert_str_eq(v_str, "a=b.c");
}
END_TEST

START_TEST(ukboot_big_argv_too_small_rejected)
{
	const char *line = "app.count=1 -- a b";

	ck_assert_int_eq(uk_param_parse(line, tab, UK_ARRAY_SIZE(tab), "p",
					buf, sizeof(buf), argv, 3), -E2BIG);
	ck_assert_ptr_nonnull(strstr(hosted_console_take(),
				     "too many program arguments: 2, at most 1"));
	assert_untouched();

	ck_assert_int_eq(uk_param_parse(line, tab, UK_ARRAY_SIZE(tab), "p",
					buf, sizeof(buf), argv, 4), 3);
	ck_assert_int_eq(v_int, 1);
	ck_assert_ptr_null(argv[3]);
}
END_TEST

START_TEST(ukboot_big_argv_missing_rejected)
{
	ck_assert_int_eq(uk_param_parse("", tab, UK_ARRAY_SIZE(tab), "p",
					buf, sizeof(buf), argv, 1), -E2BIG);
	ck_assert_int_eq(uk_param_parse("", tab, UK_ARRAY_SIZE(tab), "p",
					buf, sizeof(buf), NULL, 0), -E2BIG);
	ck_assert_ptr_nonnull(strstr(hosted_console_take(),
				     "too many program arguments"));
}
END_TEST

START_TEST(ukboot_big_buf_too_small_rejected)
{
	/* "app.count=1\0" + "ab\0" + "c\0" is 17 bytes. */
	const char *line = "app.count=1 -- \"ab\" c";
	char small[17];

	ck_assert_int_eq(uk_param_parse(line, tab, UK_ARRAY_SIZE(tab), "p",
					small, sizeof(small) - 1, argv,
					ARGV_MAX), -E2BIG);
	ck_assert_ptr_nonnull(strstr(hosted_console_take(),
				     "does not fit in its 16-byte buffer"));
	assert_untouched();

	ck_assert_int_eq(uk_param_parse(line, tab, UK_ARRAY_SIZE(tab), "p",
					small, sizeof(small), argv, ARGV_MAX),
			 3);
	ck_assert_int_eq(v_int, 1);
	ck_assert_str_eq(argv[1], "ab");
	ck_assert_str_eq(argv[2], "c");
	ck_assert_ptr_null(argv[3]);
}
END_TEST

START_TEST(ukboot_big_buf_exact_with_trailing_separator)
{
	char small[12];

	ck_assert_int_eq(uk_param_parse("app.count=1 --", tab,
					UK_ARRAY_SIZE(tab), "p", small,
					sizeof(small), argv, 2), 1);
	ck_assert_int_eq(v_int, 1);
	ck_assert_ptr_null(argv[1]);
}
END_TEST

static TCase *tcase(const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, reset, NULL);
	return tc;
}

static Suite *ukboot_suite(void)
{
	Suite *s = suite_create("ukboot");
	TCase *tc;

	tc = tcase("line");
	tcase_add_test(tc, ukboot_line_typical_sets_all);
	tcase_add_test(tc, ukboot_line_no_separator_argc_one);
	tcase_add_test(tc, ukboot_line_empty_argc_one);
	tcase_add_test(tc, ukboot_line_null_argc_one);
	tcase_add_test(tc, ukboot_line_separator_only_argc_one);
	tcase_add_test(tc, ukboot_line_blanks_tab_newline_split);
	tcase_add_test(tc, ukboot_line_second_separator_is_argument);
	tcase_add_test(tc, ukboot_line_param_after_separator_is_argument);
	tcase_add_test(tc, ukboot_line_param_twice_last_wins);
	tcase_add_test(tc, ukboot_line_unknown_param_warned);
	suite_add_tcase(s, tc);

	tc = tcase("quote");
	tcase_add_test(tc, ukboot_quote_groups_blanks_in_argv);
	tcase_add_test(tc, ukboot_quote_escapes_in_argv);
	tcase_add_test(tc, ukboot_quote_inside_token_joined);
	tcase_add_test(tc, ukboot_quote_empty_is_argument);
	tcase_add_test(tc, ukboot_quote_quoted_separator_is_argument);
	tcase_add_test(tc, ukboot_quote_str_value_unquoted);
	tcase_add_test(tc, ukboot_quote_unterminated_rejected);
	tcase_add_test(tc, ukboot_quote_trailing_backslash_rejected);
	suite_add_tcase(s, tc);

	tc = tcase("malformed");
	tcase_add_loop_test(tc, ukboot_malformed_token_rejected, 0,
			    UK_ARRAY_SIZE(bad_tokens));
	tcase_add_test(tc, ukboot_malformed_bad_value_last_nothing_set);
	tcase_add_test(tc, ukboot_malformed_unknown_not_warned_on_error);
	suite_add_tcase(s, tc);

	tc = tcase("int");
	tcase_add_test(tc, ukboot_param_int_decimal_and_hex);
	tcase_add_test(tc, ukboot_param_int_min_max_accepted);
	tcase_add_test(tc, ukboot_param_int_out_of_range_rejected);
	tcase_add_test(tc, ukboot_param_int_garbage_rejected);
	suite_add_tcase(s, tc);

	tc = tcase("uint");
	tcase_add_test(tc, ukboot_param_uint_max_accepted);
	tcase_add_test(tc, ukboot_param_uint_bad_rejected);
	suite_add_tcase(s, tc);

	tc = tcase("size");
	tcase_add_test(tc, ukboot_param_size_suffixes);
	tcase_add_test(tc, ukboot_param_size_max_accepted);
	tcase_add_test(tc, ukboot_param_size_overflow_rejected);
	tcase_add_test(tc, ukboot_param_size_garbage_rejected);
	suite_add_tcase(s, tc);

	tc = tcase("bool_str");
	tcase_add_test(tc, ukboot_param_bool_words);
	tcase_add_test(tc, ukboot_param_bool_bad_rejected);
	tcase_add_test(tc, ukboot_param_str_values);
	suite_add_tcase(s, tc);

	tc = tcase("big");
	tcase_add_test(tc, ukboot_big_argv_too_small_rejected);
	tcase_add_test(tc, ukboot_big_argv_missing_rejected);
	tcase_add_test(tc, ukboot_big_buf_too_small_rejected);
	tcase_add_test(tc, ukboot_big_buf_exact_with_trailing_separator);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(ukboot_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
