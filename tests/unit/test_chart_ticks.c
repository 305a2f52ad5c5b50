/* test_chart_ticks.c - nice axis ticks and chart number text.
 * Expected values worked out by hand: 1-2-5 steps, at most six ticks, axis
 * including zero. */
#include "chart/layout.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* cmocka 1.1.5 has no assert_near. */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

static void S_expect(double dmin, double dmax, bool integer, double lo, double hi, double step,
                     int n)
{
    chart_ticks t;
    chart_nice_ticks(dmin, dmax, integer, &t);
    assert_near(t.lo, lo, 1e-9);
    assert_near(t.hi, hi, 1e-9);
    assert_near(t.step, step, 1e-9);
    assert_int_equal(t.n, n);
}

static void test_ticks_0_to_47_step_10_up_to_50(void **state)
{
    (void)state;
    /* Steps 1, 2, 5 give 47, 24, 10 intervals; 10 gives 5: 0,10,...,50. */
    S_expect(0, 47, true, 0, 50, 10, 6);
}

static void test_ticks_0_to_24635_step_5000(void **state)
{
    (void)state;
    /* 1000 -> 25 intervals, 2000 -> 13, 5000 -> 5: 0..25,000. */
    S_expect(0, 24635, true, 0, 25000, 5000, 6);
}

static void test_ticks_all_zero_give_0_to_5(void **state)
{
    (void)state;
    S_expect(0, 0, true, 0, 5, 1, 6);
    S_expect(0, 0, false, 0, 5, 1, 6);
}

static void test_ticks_0_to_24_step_5(void **state)
{
    (void)state;
    S_expect(0, 24, true, 0, 25, 5, 6);
}

static void test_ticks_exact_top_adds_no_tick(void **state)
{
    (void)state;
    S_expect(0, 50, true, 0, 50, 10, 6);
    S_expect(0, 100, true, 0, 100, 20, 6);
}

static void test_ticks_start_at_zero_for_positive_data(void **state)
{
    (void)state;
    /* Looked-after children 450..490: the axis still starts at zero. */
    S_expect(450, 490, true, 0, 500, 100, 6);
}

static void test_ticks_negative_and_positive_include_zero(void **state)
{
    (void)state;
    /* -12.3..25: step 5 needs -15..25 = 8 intervals; 10 gives -20..30 = 5. */
    S_expect(-12.3, 25, false, -20, 30, 10, 6);
}

static void test_ticks_only_negative_end_at_zero(void **state)
{
    (void)state;
    /* -7..0: step 1 -> 7 intervals, 2 -> -8..0 = 4. */
    S_expect(-7, -1, false, -8, 0, 2, 5);
}

static void test_ticks_small_fractions_use_decimals(void **state)
{
    (void)state;
    chart_ticks t;
    chart_nice_ticks(0, 0.47, false, &t);
    assert_near(t.hi, 0.5, 1e-9);
    assert_near(t.step, 0.1, 1e-9);
    assert_int_equal(t.decimals, 1);
}

static void test_ticks_integer_data_never_step_below_one(void **state)
{
    (void)state;
    S_expect(0, 3, true, 0, 3, 1, 4);
    S_expect(0, 1, true, 0, 1, 1, 2);
}

static bool S_is_125(double step)
{
    double m = step / pow(10, floor(log10(step) + 1e-12));
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9;
}

static void test_ticks_properties_over_many_ranges(void **state)
{
    (void)state;
    for (int i = 1; i < 3000; i++) {
        double hi = i * 7.3, lo = (i % 3 == 0) ? -i * 2.1 : 0;
        chart_ticks t;
        chart_nice_ticks(lo, hi, false, &t);
        assert_true(t.n >= 2 && t.n <= 6);
        assert_true(t.lo <= lo + 1e-9 && t.hi >= hi - 1e-9);
        assert_true(t.lo <= 0 && t.hi >= 0);
        assert_true(S_is_125(t.step));
        assert_near(t.lo + (t.n - 1) * t.step, t.hi, 1e-6);
    }
}

static void S_fmt(double v, chart_unit u, int d, const char *want)
{
    char *s = chart_fmt_value(v, u, d);
    assert_string_equal(s, want);
    free(s);
}

static void test_fmt_thousands_separators_and_units(void **state)
{
    (void)state;
    S_fmt(24635, CHART_UNIT_COUNT, -1, "24,635");
    S_fmt(25000, CHART_UNIT_COUNT, 0, "25,000");
    S_fmt(20000, CHART_UNIT_MONEY, -1, "\xC2\xA3" "20,000");
    S_fmt(1234567, CHART_UNIT_MONEY, -1, "\xC2\xA3" "1,234,567");
    S_fmt(10, CHART_UNIT_PCT, 0, "10%");
    S_fmt(999, CHART_UNIT_COUNT, -1, "999");
    S_fmt(0, CHART_UNIT_COUNT, -1, "0");
}

static void test_fmt_rounds_half_away_from_zero(void **state)
{
    (void)state;
    S_fmt(60.45, CHART_UNIT_PCT, -1, "60.5%");
    S_fmt(41.538, CHART_UNIT_PCT, -1, "41.5%");
    S_fmt(999.5, CHART_UNIT_COUNT, 0, "1,000");
    S_fmt(-2.25, CHART_UNIT_RATE, -1, "\xE2\x88\x92" "2.3");
}

static void test_fmt_signs_use_unicode_minus_and_plus_for_change(void **state)
{
    (void)state;
    S_fmt(-9, CHART_UNIT_COUNT, -1, "\xE2\x88\x92" "9");
    S_fmt(12.34, CHART_UNIT_CHANGE_PCT, -1, "+12.3%");
    S_fmt(-4.55, CHART_UNIT_CHANGE_PCT, -1, "\xE2\x88\x92" "4.6%");
    S_fmt(0, CHART_UNIT_CHANGE_PCT, -1, "0.0%");
    /* Rounds to zero: no sign at all, never "−0.0%". */
    S_fmt(-0.04, CHART_UNIT_CHANGE_PCT, -1, "0.0%");
    S_fmt(-20, CHART_UNIT_CHANGE_PCT, 0, "\xE2\x88\x92" "20%");
    S_fmt(-5000, CHART_UNIT_MONEY, -1, "\xE2\x88\x92\xC2\xA3" "5,000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticks_0_to_47_step_10_up_to_50),
        cmocka_unit_test(test_ticks_0_to_24635_step_5000),
        cmocka_unit_test(test_ticks_all_zero_give_0_to_5),
        cmocka_unit_test(test_ticks_0_to_24_step_5),
        cmocka_unit_test(test_ticks_exact_top_adds_no_tick),
        cmocka_unit_test(test_ticks_start_at_zero_for_positive_data),
        cmocka_unit_test(test_ticks_negative_and_positive_include_zero),
        cmocka_unit_test(test_ticks_only_negative_end_at_zero),
        cmocka_unit_test(test_ticks_small_fractions_use_decimals),
        cmocka_unit_test(test_ticks_integer_data_never_step_below_one),
        cmocka_unit_test(test_ticks_properties_over_many_ranges),
        cmocka_unit_test(test_fmt_thousands_separators_and_units),
        cmocka_unit_test(test_fmt_rounds_half_away_from_zero),
        cmocka_unit_test(test_fmt_signs_use_unicode_minus_and_plus_for_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
