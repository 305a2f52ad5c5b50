/* test_compute_fmt.c - the display rules of section 5 (fmt.c).
 * Expected strings are worked out by hand from the contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/fmt.h"

#include <stdlib.h>
#include <string.h>

#define MINUS "\xE2\x88\x92"

/* Compare and free. */
#define EXPECT_STR(call, want)                                                                 \
    do {                                                                                       \
        char *got_ = (call);                                                                   \
        assert_non_null(got_);                                                                 \
        assert_string_equal(got_, (want));                                                     \
        free(got_);                                                                            \
    } while (0)

static void test_pct_rounds_from_unrounded_counts(void **state)
{
    (void)state;
    EXPECT_STR(fmt_pct(130, 215), "60.5%"); /* 60.4651... */
    EXPECT_STR(fmt_pct(87, 130), "66.9%");  /* 66.923... */
    EXPECT_STR(fmt_pct(29, 130), "22.3%");  /* 22.307... */
    EXPECT_STR(fmt_pct(54, 130), "41.5%");  /* 41.538... */
    EXPECT_STR(fmt_pct(18, 28), "64.3%");   /* 64.2857... */
    EXPECT_STR(fmt_pct(20, 28), "71.4%");   /* 71.428... */
    EXPECT_STR(fmt_pct(25, 28), "89.3%");   /* 89.2857... */
    EXPECT_STR(fmt_pct(28, 28), "100.0%");
    EXPECT_STR(fmt_pct(0, 28), "0.0%");
}

static void test_pct_rounds_half_away_from_zero(void **state)
{
    (void)state;
    EXPECT_STR(fmt_pct(2, 16), "12.5%");    /* exactly 12.5 */
    EXPECT_STR(fmt_pct(1, 8), "12.5%");
    EXPECT_STR(fmt_pct(1, 16), "6.3%");     /* 6.25 -> 6.3, not banker's 6.2 */
    EXPECT_STR(fmt_pct(3, 16), "18.8%");    /* 18.75 */
    EXPECT_STR(fmt_pct(0.5, 1000), "0.1%"); /* 0.05 -> 0.1 */
    EXPECT_STR(fmt_pct_value(60.45), "60.5%");
    EXPECT_STR(fmt_pct_value(0.15 * 100), "15.0%");
    EXPECT_STR(fmt_pct_value(1.0 / 8 * 100), "12.5%");
}

static void test_round_is_robust_to_binary_representation(void **state)
{
    (void)state;
    assert_true(fmt_round(60.45, 1) == 60.5);   /* stored as 60.4500000000000028 */
    assert_true(fmt_round(2.675, 2) == 2.68);   /* stored as 2.67499999999999982 */
    assert_true(fmt_round(1.005, 2) == 1.01);   /* stored as 1.00499999999999989 */
    assert_true(fmt_round(0.15 * 100, 0) == 15.0);
    assert_true(fmt_round(-0.05, 1) == -0.1);
    assert_true(fmt_round(-2.5, 0) == -3.0);
    assert_true(fmt_round(2.5, 0) == 3.0);
    assert_true(fmt_round(0.04, 1) == 0.0);
    assert_true(fmt_round(454.25, 1) == 454.3);
    assert_true(fmt_round(0.0, 1) == 0.0);
}

static void test_zero_denominator_is_na(void **state)
{
    (void)state;
    EXPECT_STR(fmt_pct(5, 0), "n/a");
    EXPECT_STR(fmt_pct(0, 0), "n/a");
}

static void test_count_has_thousands_separators(void **state)
{
    (void)state;
    EXPECT_STR(fmt_count(24635), "24,635");
    EXPECT_STR(fmt_count(0), "0");
    EXPECT_STR(fmt_count(999), "999");
    EXPECT_STR(fmt_count(1000), "1,000");
    EXPECT_STR(fmt_count(1234567), "1,234,567");
    EXPECT_STR(fmt_count(-9), MINUS "9");
    EXPECT_STR(fmt_count(-1234), MINUS "1,234");
}

static void test_number_keeps_decimals_as_written(void **state)
{
    (void)state;
    EXPECT_STR(fmt_number(60.0, 1), "60.0");
    EXPECT_STR(fmt_number(1234.5, 1), "1,234.5");
    EXPECT_STR(fmt_number(1234.5, 2), "1,234.50");
    EXPECT_STR(fmt_number(-3.25, 1), MINUS "3.3");
    EXPECT_STR(fmt_number(-0.04, 1), "0.0"); /* no "−0.0" */
    EXPECT_STR(fmt_number(12345678.9, 1), "12,345,678.9");
}

static void test_rate_per_10000_one_decimal(void **state)
{
    (void)state;
    EXPECT_STR(fmt_rate(459.0 / 67600 * 10000), "67.9"); /* 67.899... */
    EXPECT_STR(fmt_rate(50.0), "50.0");
}

static void test_money_with_pence_and_whole_pounds(void **state)
{
    (void)state;
    EXPECT_STR(fmt_money(13002150, false), "\xC2\xA3" "130,021.50");
    EXPECT_STR(fmt_money(18105000, true), "\xC2\xA3" "181,050");
    EXPECT_STR(fmt_money(18105000, false), "\xC2\xA3" "181,050.00");
    EXPECT_STR(fmt_money(5, false), "\xC2\xA3" "0.05");
    /* whole asked for but pence present: the pence are shown anyway */
    EXPECT_STR(fmt_money(150, true), "\xC2\xA3" "1.50");
}

static void test_change_signs_and_minus(void **state)
{
    (void)state;
    EXPECT_STR(fmt_change(24635 - 24556), "+79");
    EXPECT_STR(fmt_change(760 - 769), MINUS "9");
    EXPECT_STR(fmt_change(0), "0");
    EXPECT_STR(fmt_change(1500), "+1,500");
}

static void test_relative_change(void **state)
{
    (void)state;
    EXPECT_STR(fmt_change_pct(24635, 24556), "+0.3%"); /* 79/24556 = 0.3217% */
    EXPECT_STR(fmt_change_pct(760, 769), MINUS "1.2%"); /* -9/769 = -1.170% */
    EXPECT_STR(fmt_change_pct(40, 40), "0.0%");
    EXPECT_STR(fmt_change_pct(30, 20), "+50.0%"); /* 20 is not below 20 */
    EXPECT_STR(fmt_change_pct_value(-0.04), "0.0%");
}

static void test_relative_change_hidden_below_twenty(void **state)
{
    (void)state;
    assert_null(fmt_change_pct(25, 19));
    assert_null(fmt_change_pct(5, 0));
}

static void test_plain_value_has_no_binary_noise(void **state)
{
    (void)state;
    EXPECT_STR(fmt_plain(0.15 * 100), "15");
    EXPECT_STR(fmt_plain(454.25), "454.25");
    EXPECT_STR(fmt_plain(130.0 / 215 * 100), "60.4651162790698");
    EXPECT_STR(fmt_plain(-9), "-9");
    EXPECT_STR(fmt_plain(-0.0), "0");
    EXPECT_STR(fmt_plain(201703), "201703");
}

static void test_dates_and_months(void **state)
{
    (void)state;
    EXPECT_STR(fmt_date_long(20170930), "30 September 2017");
    EXPECT_STR(fmt_date_long(20170401), "1 April 2017");
    EXPECT_STR(fmt_month(201703, false), "March 2017");
    EXPECT_STR(fmt_month(201603, true), "Mar 2016");
    EXPECT_STR(fmt_month(201609, true), "Sep 2016");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pct_rounds_from_unrounded_counts),
        cmocka_unit_test(test_pct_rounds_half_away_from_zero),
        cmocka_unit_test(test_round_is_robust_to_binary_representation),
        cmocka_unit_test(test_zero_denominator_is_na),
        cmocka_unit_test(test_count_has_thousands_separators),
        cmocka_unit_test(test_number_keeps_decimals_as_written),
        cmocka_unit_test(test_rate_per_10000_one_decimal),
        cmocka_unit_test(test_money_with_pence_and_whole_pounds),
        cmocka_unit_test(test_change_signs_and_minus),
        cmocka_unit_test(test_relative_change),
        cmocka_unit_test(test_relative_change_hidden_below_twenty),
        cmocka_unit_test(test_plain_value_has_no_binary_noise),
        cmocka_unit_test(test_dates_and_months),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
