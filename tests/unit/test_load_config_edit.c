/* test_load_config_edit.c - finding one setting of a report.ini's text and
 * replacing its value byte for byte (src/load/config_edit.c), as
 * `annrep next-year` does with `year`.  Offsets and lines counted by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "load/config_edit.h"

#include <stdlib.h>
#include <string.h>

/* The value found for [section] key, as a string, or NULL. */
static char *S_find(const char *ini, const char *section, const char *key, int *line)
{
    config_span sp = {0, 0, 0};
    if (!config_find_setting(ini, strlen(ini), section, key, &sp))
        return NULL;
    *line = sp.line;
    char *v = malloc(sp.end - sp.start + 1);
    memcpy(v, ini + sp.start, sp.end - sp.start);
    v[sp.end - sp.start] = '\0';
    return v;
}

static void S_expect(const char *ini, const char *section, const char *key,
                     const char *value, int line)
{
    int got_line = 0;
    char *v = S_find(ini, section, key, &got_line);
    if (!value) {
        if (v)
            fail_msg("found %s = \"%s\" on line %d, expected none", key, v, got_line);
        return;
    }
    if (!v)
        fail_msg("%s not found", key);
    assert_string_equal(v, value);
    assert_int_equal(got_line, line);
    free(v);
}

static void test_finds_the_value_as_config_reads_it(void **state)
{
    (void)state;
    static const char ini[] =
        "; year = 1999-00 in a comment\n"     /* 1 */
        "[report]\n"                            /* 2 */
        "area = Northmoor\n"                    /* 3 */
        "  Year  =   2024-25   ; the year\n"    /* 4 */
        "# year = 2000-01\n"                    /* 5 */
        "[style]\n"                             /* 6 */
        "year = 1990-91\n"                      /* 7 */
        "accent = #12436D\n";                   /* 8 */
    S_expect(ini, "report", "year", "2024-25", 4);
    S_expect(ini, "REPORT", "year", "2024-25", 4);
    S_expect(ini, "style", "year", "1990-91", 7);
    /* '#' inside a value is part of it; ';' after a space starts a comment. */
    S_expect(ini, "style", "accent", "#12436D", 8);
    S_expect(ini, "checks", "year", NULL, 0);
    S_expect(ini, "report", "title", NULL, 0);
}

static void test_later_setting_wins_and_other_forms(void **state)
{
    (void)state;
    /* BOM, CRLF, ':' as separator, a key spelt with a space, a blank value,
     * a value with ';' not after a space. */
    static const char ini[] = "\xEF\xBB\xBF[report]\r\n"
                              "year = 2023-24\r\n"
                              "year: 2024-25\r\n"
                              "child population = 45,000\r\n"
                              "title =\r\n"
                              "author = A;B ; note\r\n";
    S_expect(ini, "report", "year", "2024-25", 3);
    S_expect(ini, "report", "child_population", "45,000", 4);
    S_expect(ini, "report", "title", "", 5);
    S_expect(ini, "report", "author", "A;B", 6);
    /* A setting before any section is in none. */
    S_expect("year = 2024-25\n", "report", "year", NULL, 0);
    /* No final newline. */
    S_expect("[report]\nyear = 2024-25", "report", "year", "2024-25", 2);
}

static void test_replace_changes_only_the_value_bytes(void **state)
{
    (void)state;
    static const char ini[] = "[report]\r\n  year  =  2024-25 ; moved on by next-year\r\n"
                              "; year = 2024-25\r\n";
    config_span sp;
    assert_true(config_find_setting(ini, strlen(ini), "report", "year", &sp));
    assert_int_equal(sp.start, 21); /* 10 bytes of "[report]\r\n", 11 before the value */
    assert_int_equal(sp.end, 28);
    size_t n = 0;
    char *out = config_replace_value(ini, strlen(ini), &sp, "2025-26", &n);
    assert_string_equal(out, "[report]\r\n  year  =  2025-26 ; moved on by next-year\r\n"
                             "; year = 2024-25\r\n");
    assert_int_equal(n, strlen(ini));
    free(out);
    /* A longer or shorter value shifts what follows, unchanged. */
    out = config_replace_value(ini, strlen(ini), &sp, "x", &n);
    assert_string_equal(out, "[report]\r\n  year  =  x ; moved on by next-year\r\n"
                             "; year = 2024-25\r\n");
    assert_int_equal(n, strlen(ini) - 6);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finds_the_value_as_config_reads_it),
        cmocka_unit_test(test_later_setting_wins_and_other_forms),
        cmocka_unit_test(test_replace_changes_only_the_value_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
