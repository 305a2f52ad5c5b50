/* test_chart_alttext.c - text alternatives generated from chart data.
 * Sentences and percentages worked out by hand from the values below. */
#include "chart/chart_model.h"
#include "util/alloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static chart *S_one(chart_kind kind, chart_unit unit, const char *noun, bool ordered,
                    const char *const *cats, const double *v, size_t n)
{
    chart *c = chart_new("t", kind, unit, "Title");
    if (noun)
        chart_set_noun(c, noun);
    c->ordered = ordered;
    if (ordered)
        chart_set_catword(c, "quarter");
    for (size_t i = 0; i < n; i++)
        chart_add_category(c, cats[i]);
    chart_add_series(c, "Series");
    for (size_t i = 0; i < n; i++)
        chart_set_value(c, 0, i, v[i]);
    chart_finish(c);
    return c;
}

static const char *const Q[] = {"Q1", "Q2", "Q3", "Q4"};

static void test_alt_rise_in_every_quarter(void **state)
{
    (void)state;
    const double v[] = {23, 31, 40, 47};
    chart *c = S_one(CHART_BAR, CHART_UNIT_COUNT, "referrals", true, Q, v, 4);
    assert_string_equal(chart_alt_text(c), "Bar chart: Title. Referrals rose in every quarter, "
                                           "from 23 in Q1 to 47 in Q4.");
    chart_free(c);
}

static void test_alt_fall_overall_names_the_high_in_between(void **state)
{
    (void)state;
    const double v[] = {10, 15, 8, 5};
    chart *c = S_one(CHART_LINE, CHART_UNIT_COUNT, "referrals", true, Q, v, 4);
    assert_string_equal(chart_alt_text(c), "Line chart: Title. Referrals fell from 10 in Q1 to "
                                           "5 in Q4, with a high of 15 in Q2.");
    chart_free(c);
}

static void test_alt_stable_series(void **state)
{
    (void)state;
    const double v[] = {5, 5, 5, 5};
    chart *c = S_one(CHART_BAR, CHART_UNIT_COUNT, "referrals", true, Q, v, 4);
    assert_string_equal(chart_alt_text(c),
                        "Bar chart: Title. Referrals stayed at 5 in every quarter from Q1 to Q4.");
    chart_free(c);
}

static void test_alt_largest_next_and_tied_smallest_with_shares(void **state)
{
    (void)state;
    const char *cats[] = {"No further action", "Unsubstantiated", "Substantiated", "Unfounded",
                          "Pending", "False", "Malicious"};
    const double v[] = {54, 34, 29, 8, 3, 1, 1}; /* 130 in all */
    chart *c = S_one(CHART_HBAR, CHART_UNIT_COUNT, "referrals", false, cats, v, 7);
    assert_string_equal(chart_alt_text(c),
                        "Bar chart: Title. Largest: No further action (54 of 130 referrals, "
                        "41.5%); next Unsubstantiated (34, 26.2%); smallest False and Malicious "
                        "(1 each, 0.8%).");
    chart_free(c);
}

static void test_alt_zero_categories_are_named_as_none(void **state)
{
    (void)state;
    const char *cats[] = {"A", "B", "C"};
    const double v[] = {3, 1, 0};
    chart *c = S_one(CHART_BAR, CHART_UNIT_COUNT, "reviews", false, cats, v, 3);
    assert_string_equal(chart_alt_text(c), "Bar chart: Title. Largest: A (3 of 4 reviews, "
                                           "75.0%); next B (1, 25.0%); none for C.");
    chart_free(c);
}

static void test_alt_money_shares(void **state)
{
    (void)state;
    const char *cats[] = {"Council", "CCG", "Police"};
    const double v[] = {60000, 30000, 10000};
    chart *c = S_one(CHART_HBAR, CHART_UNIT_MONEY, NULL, false, cats, v, 3);
    assert_string_equal(chart_alt_text(c),
                        "Bar chart: Title. Largest: Council (\xC2\xA3" "60,000 of \xC2\xA3"
                        "100,000, 60.0%); next CCG (\xC2\xA3" "30,000, 30.0%); smallest Police "
                        "(\xC2\xA3" "10,000, 10.0%).");
    chart_free(c);
}

static void test_alt_changes_count_rises_falls_and_small_bases(void **state)
{
    (void)state;
    const char *cats[] = {"Rape", "Burglary", "Homicide"};
    const double v[] = {20.8, -6.6, 0};
    chart *c = S_one(CHART_HBAR, CHART_UNIT_CHANGE_PCT, "crimes", false, cats, v, 3);
    free(c->series[0].name);
    c->series[0].name = xstrdup("Lewisham");
    chart_set_state(c, 0, 2, CHART_V_LOW_BASE);
    chart_finish(c);
    assert_string_equal(chart_alt_text(c),
                        "Bar chart of changes: Title. Lewisham: 1 rose, 1 fell; largest rise "
                        "Rape (+20.8%); largest fall Burglary (\xE2\x88\x92" "6.6%); 1 with a "
                        "small base, change not shown.");
    chart_free(c);
}

static void test_alt_says_which_values_are_missing(void **state)
{
    (void)state;
    const char *cats[] = {"A", "B", "C"};
    const double v[] = {4, 2, 0};
    chart *c = S_one(CHART_BAR, CHART_UNIT_COUNT, "reviews", false, cats, v, 3);
    chart_set_state(c, 0, 2, CHART_V_MISSING);
    chart_finish(c);
    assert_string_equal(chart_alt_text(c), "Bar chart: Title. Largest: A (4 of 6 reviews, "
                                           "66.7%); smallest B (2, 33.3%); not available for C.");
    chart_free(c);
}

static void test_alt_overlay_gives_use_of_capacity(void **state)
{
    (void)state;
    chart *c = chart_new("t", CHART_HBAR, CHART_UNIT_COUNT, "Title");
    chart_add_category(c, "Gangs");
    chart_add_category(c, "Trafficking");
    chart_add_series(c, "Attended");
    chart_add_series(c, "Places offered");
    chart_set_value(c, 0, 0, 30);
    chart_set_value(c, 1, 0, 40);
    chart_set_value(c, 0, 1, 8);
    chart_set_value(c, 1, 1, 16);
    c->overlay = true;
    chart_finish(c);
    /* 30/40 = 75.0%, 8/16 = 50.0%, 38/56 = 67.857% -> 67.9%. */
    assert_string_equal(chart_alt_text(c),
                        "Bar chart: Title. Attended as a share of places offered ranged from "
                        "50.0% (Trafficking) to 75.0% (Gangs); in all, 38 of 56 (67.9%).");
    chart_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alt_rise_in_every_quarter),
        cmocka_unit_test(test_alt_fall_overall_names_the_high_in_between),
        cmocka_unit_test(test_alt_stable_series),
        cmocka_unit_test(test_alt_largest_next_and_tied_smallest_with_shares),
        cmocka_unit_test(test_alt_zero_categories_are_named_as_none),
        cmocka_unit_test(test_alt_money_shares),
        cmocka_unit_test(test_alt_changes_count_rises_falls_and_small_bases),
        cmocka_unit_test(test_alt_says_which_values_are_missing),
        cmocka_unit_test(test_alt_overlay_gives_use_of_capacity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
