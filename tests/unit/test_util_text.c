/* test_util_text.c - UTF-8 checks, Windows-1252, slugs, trimming and loose
 * comparison (src/util/text.c).  Expected values worked out by hand from
 * the Unicode and Windows-1252 tables and the data contract's slug rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/text.h"

#include <stdlib.h>
#include <string.h>

#define IS_UTF8(lit) text_is_utf8(lit, sizeof(lit) - 1)

static void test_utf8_accepts_ascii_pound_and_four_byte(void **state)
{
    (void)state;
    assert_true(IS_UTF8(""));
    assert_true(IS_UTF8("plain, ascii\r\n"));
    assert_true(IS_UTF8("\xC2\xA3" "130"));          /* £ */
    assert_true(IS_UTF8("\xE2\x88\x92"));            /* minus sign */
    assert_true(IS_UTF8("\xF0\x9F\x98\x80"));        /* U+1F600 */
    assert_true(IS_UTF8("\xF4\x8F\xBF\xBF"));        /* U+10FFFF */
}

static void test_utf8_rejects_malformed_sequences(void **state)
{
    (void)state;
    assert_false(IS_UTF8("\xA3" "130"));             /* Windows-1252 pound */
    assert_false(IS_UTF8("\xC0\x80"));               /* overlong NUL */
    assert_false(IS_UTF8("\xE0\x80\xAF"));           /* overlong '/' */
    assert_false(IS_UTF8("\xED\xA0\x80"));           /* surrogate U+D800 */
    assert_false(IS_UTF8("\xF4\x90\x80\x80"));       /* above U+10FFFF */
    assert_false(IS_UTF8("\xE2\x88"));               /* cut short */
    assert_false(IS_UTF8("a\0b"));                   /* NUL byte */
    assert_false(IS_UTF8("\xC2" "A"));               /* lead without continuation */
}

static void test_cp1252_converts_pound_euro_quotes_and_undefined(void **state)
{
    (void)state;
    size_t n;
    char *s = text_cp1252_to_utf8("\xA3" "5 \x80 \x93x\x94 \x81", 10, &n);
    assert_string_equal(s, "\xC2\xA3" "5 \xE2\x82\xAC \xE2\x80\x9Cx\xE2\x80\x9D \xEF\xBF\xBD");
    assert_int_equal(n, strlen(s));
    free(s);
    s = text_cp1252_to_utf8("Mar-16", 6, &n);
    assert_string_equal(s, "Mar-16");
    assert_int_equal(n, 6);
    free(s);
    s = text_cp1252_to_utf8("caf\xE9", 4, &n); /* é is U+00E9 */
    assert_string_equal(s, "caf\xC3\xA9");
    free(s);
}

static void test_slug_follows_contract_rule(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"Primary School", "primary_school"},
        {"primary  school", "primary_school"},
        {"Primary-School", "primary_school"},
        {"Met Total", "met_total"},
        {"  --Total Crimes!! ", "total_crimes"},
        {"No further action", "no_further_action"},
        {"Perinatal/neonatal event", "perinatal_neonatal_event"},
        {"caf\xC3\xA9 owner", "caf_owner"},
        {"0-27 days", "0_27_days"},
        {"___", ""},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = text_slug(cases[i][0]);
        assert_string_equal(s, cases[i][1]);
        free(s);
    }
}

static void test_trim_removes_spaces_tabs_and_nbsp_only_at_ends(void **state)
{
    (void)state;
    char *s = text_trim(" \t\xC2\xA0 Lewisham  Council \xC2\xA0\t ");
    assert_string_equal(s, "Lewisham  Council");
    free(s);
    s = text_trim("   ");
    assert_string_equal(s, "");
    free(s);
    s = text_trim("x");
    assert_string_equal(s, "x");
    free(s);
}

static void test_header_eq_ignores_case_spaces_and_underscores(void **state)
{
    (void)state;
    assert_true(text_header_eq("date_received", "date_received"));
    assert_true(text_header_eq("Date Received ", "date_received"));
    assert_true(text_header_eq("  DATE   RECEIVED", "date_received"));
    assert_true(text_header_eq("date__received", "date_received"));
    assert_true(text_header_eq("Date _ Received", "date_received"));
    assert_false(text_header_eq("datereceived", "date_received"));
    assert_false(text_header_eq("date-received", "date_received"));
    assert_false(text_header_eq("date_received_2", "date_received"));
}

static void test_loose_eq_folds_case_and_inner_spaces_only(void **state)
{
    (void)state;
    assert_true(text_loose_eq("No Further  Action ", "no further action"));
    assert_true(text_loose_eq("YES", "yes"));
    assert_false(text_loose_eq("No_further_action", "no further action"));
    assert_false(text_loose_eq("Primary-School", "Primary School"));
}

/* Code points worked out from the UTF-8 tables of RFC 3629. */
static void test_utf8_next_decodes_and_replaces_bad_bytes(void **state)
{
    (void)state;
    const char *s = "a\xC2\xA3\xE2\x80\x93\xF0\x9F\x98\x80";  /* a £ – U+1F600 */
    assert_int_equal(text_utf8_next(&s), 0x61);
    assert_int_equal(text_utf8_next(&s), 0xA3);
    assert_int_equal(text_utf8_next(&s), 0x2013);
    assert_int_equal(text_utf8_next(&s), 0x1F600);
    assert_int_equal(*s, '\0');
    const char *bad = "\xC0\xAFx\xE2\x80y\xED\xA0\x80";  /* overlong, cut short, surrogate */
    assert_int_equal(text_utf8_next(&bad), 0xFFFD);
    assert_int_equal(text_utf8_next(&bad), 0xFFFD);  /* the lone continuation byte */
    assert_int_equal(text_utf8_next(&bad), 'x');
    assert_int_equal(text_utf8_next(&bad), 0xFFFD);
    assert_int_equal(text_utf8_next(&bad), 'y');
    assert_int_equal(text_utf8_next(&bad), 0xFFFD);
    assert_int_equal(*bad, '\0');
}

#define ONLY(s) text_is_only_comments(s, sizeof(s) - 1)
static void test_only_comments_is_white_space_and_closed_comments(void **state)
{
    (void)state;
    assert_true(ONLY(""));
    assert_true(ONLY(" \n\r\n\t"));
    assert_true(ONLY("<!-- a -->"));
    assert_true(ONLY("\xEF\xBB\xBF<!--\nguidance\n-->\n\n<!-- more -->\n"));
    assert_true(ONLY("<!---->"));
    assert_false(ONLY("Text."));
    assert_false(ONLY("<!-- a -->\nText."));
    assert_false(ONLY("<!-- a --> b"));
    assert_false(ONLY("<!-- never closed\n"));
    assert_false(ONLY("<!-- a --"));
    assert_false(ONLY("<!- a -->"));
    assert_false(ONLY("-->"));
    assert_false(ONLY("\xEF\xBB\xBF#"));
    /* The length is honoured: what follows n bytes is not read. */
    assert_true(text_is_only_comments("<!-- a -->Text", 10));
}

/* Labels with no letter a-z or digit get slugs of their own from their
 * code points (U+8B66 U+5BDF for the two characters of "police" in
 * Chinese; '?' is U+3F, '!' U+21), so they merge neither with each other
 * nor with a label such as Blank; other labels keep text_slug's slug. */
static void test_group_slug_never_empty_nor_shared(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"\xE8\xAD\xA6\xE5\xAF\x9F", "_u8b66_u5bdf"},
        {"???", "_u3f_u3f_u3f"},
        {"!!!", "_u21_u21_u21"},
        {"? ?", "_u3f_u3f"},
        {"Blank", "blank"},
        {"Primary School", "primary_school"},
        {"", "_"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *g = text_group_slug(cases[i].in);
        assert_string_equal(g, cases[i].want);
        free(g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_slug_never_empty_nor_shared),
        cmocka_unit_test(test_utf8_accepts_ascii_pound_and_four_byte),
        cmocka_unit_test(test_utf8_rejects_malformed_sequences),
        cmocka_unit_test(test_cp1252_converts_pound_euro_quotes_and_undefined),
        cmocka_unit_test(test_utf8_next_decodes_and_replaces_bad_bytes),
        cmocka_unit_test(test_slug_follows_contract_rule),
        cmocka_unit_test(test_trim_removes_spaces_tabs_and_nbsp_only_at_ends),
        cmocka_unit_test(test_header_eq_ignores_case_spaces_and_underscores),
        cmocka_unit_test(test_loose_eq_folds_case_and_inner_spaces_only),
        cmocka_unit_test(test_only_comments_is_white_space_and_closed_comments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
