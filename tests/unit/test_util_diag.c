/* test_util_diag.c - how a diagnostic is printed (src/util/diag.c): one
 * line whatever the user's text holds, and never a 15 KB line.  Expected
 * strings written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/diag.h"

#include <stdlib.h>
#include <string.h>

static char *S_one(diag_severity sev, const char *file, int line, const char *column,
                   const char *value, const char *message)
{
    diag_list dl = DIAG_LIST_INIT;
    diag_add(&dl, sev, file, line, column, value, "%s", message);
    char *s = diag_format(&dl.items[0]);
    diag_free(&dl);
    return s;
}

static void test_plain_message_is_unchanged(void **state)
{
    (void)state;
    char *s = S_one(DIAG_ERROR, "2016-17/funding.csv", 7, "amount", "\xC2\xA3" "12.5",
                    "expected money");
    assert_string_equal(s, "2016-17/funding.csv:7: error: column amount: \"\xC2\xA3"
                           "12.5\": expected money");
    free(s);
}

/* A label with a line break in a message (a spelling warning quotes the
 * user's labels), a tab in a column name and an escape sequence in a file
 * name are shown as \xNN: the diagnostic stays one line. */
static void test_control_characters_anywhere_are_escaped(void **state)
{
    (void)state;
    char *s = S_one(DIAG_WARNING, "a\x1B[2Jb.csv", 3, "col\tx", NULL,
                    "agency types differ: 'Police\nforce' and 'police force'");
    assert_string_equal(s, "a\\x1B[2Jb.csv:3: warning: column col\\x09x: agency types differ: "
                           "'Police\\x0Aforce' and 'police force'");
    assert_null(strchr(s, '\n'));
    free(s);
}

/* 1,000 characters of a message are shown, then how many more there were:
 * a message of 3,000 'é' (2 bytes each) shows 1,000 of them and says 2,000
 * more, cut between characters. */
static void test_long_message_is_cut_with_a_count(void **state)
{
    (void)state;
    char *m = malloc(6001);
    for (int i = 0; i < 3000; i++)
        memcpy(m + 2 * i, "\xC3\xA9", 2);
    m[6000] = '\0';
    char *s = S_one(DIAG_NOTE, NULL, 0, NULL, NULL, m);
    const char *tail = "\xE2\x80\xA6 (2000 more characters not shown)";
    assert_int_equal(strlen(s), strlen("note: ") + 2000 + strlen(tail));
    assert_memory_equal(s, "note: \xC3\xA9", 8);
    assert_string_equal(s + strlen("note: ") + 2000, tail);
    free(m);
    free(s);
}

/* Exactly 1,000 characters is not cut. */
static void test_message_of_exactly_the_limit_is_whole(void **state)
{
    (void)state;
    char m[1001];
    memset(m, 'x', 1000);
    m[1000] = '\0';
    char *s = S_one(DIAG_NOTE, NULL, 0, NULL, NULL, m);
    assert_int_equal(strlen(s), strlen("note: ") + 1000);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_message_is_unchanged),
        cmocka_unit_test(test_control_characters_anywhere_are_escaped),
        cmocka_unit_test(test_long_message_is_cut_with_a_count),
        cmocka_unit_test(test_message_of_exactly_the_limit_is_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
