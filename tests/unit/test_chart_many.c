/* test_chart_many.c - charts of many categories (chart.h, "Many
 * categories"): the largest drawn and the rest added as "All others" for
 * counts, the largest only for percentages, the latest of a time series;
 * the note, the text alternative and the numbers say so; a chart of 500
 * agencies with long names still makes a PNG of a sensible size (cairo
 * refuses surfaces over 32,767 pixels).  Expected sums are worked by hand:
 * the values are 1..n, so the others' sum is 1 + ... + k = k(k + 1) / 2.
 * Fonts come from the source tree's fonts/ (ANNREP_SOURCE_DIR). */
#include "chart/layout.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

/* n categories "Agency i" with value i (series 0), in order 1..n; with
 * two series the second is 2i. */
static chart *S_many(size_t n, chart_unit unit, size_t nseries, bool ordered)
{
    chart *c = chart_new("many", CHART_HBAR, unit, "Referrals by agency");
    c->ordered = ordered;
    for (size_t i = 0; i < n; i++) {
        char label[32];
        snprintf(label, sizeof label, "Agency %zu", i + 1);
        chart_add_category(c, label);
    }
    for (size_t k = 0; k < nseries; k++) {
        size_t s = chart_add_series(c, k ? "Last year" : "This year");
        for (size_t i = 0; i < n; i++)
            chart_set_value(c, s, i, (double)((k + 1) * (i + 1)));
    }
    return c;
}

static int S_setup(void **state)
{
    (void)state;
    return chart_fonts_open(NULL) == ANNREP_OK ? 0 : -1;
}

static void test_counts_draw_the_largest_and_all_others(void **state)
{
    (void)state;
    chart *c = S_many(500, CHART_UNIT_COUNT, 1, false);
    chart_limit_categories(c);
    chart_finish(c);
    assert_int_equal(chart_max_categories(c), 30);
    assert_int_equal(chart_ncategories(c), 30);
    /* The 29 largest, 472..500, in their order, then All others. */
    assert_string_equal(chart_category(c, 0), "Agency 472");
    assert_string_equal(chart_category(c, 28), "Agency 500");
    assert_string_equal(chart_category(c, 29), "All others");
    char *text = NULL;
    assert_int_equal(chart_value_text(c, 0, 29, &text), CHART_CELL_VALUE);
    assert_string_equal(text, "111,156");  /* 471 * 472 / 2 */
    free(text);
    const char *g = chart_grouping(c);
    assert_non_null(g);
    assert_non_null(strstr(g, "the 29 largest of 500 categories"));
    assert_non_null(strstr(g, "the other 471 together as All others"));
    assert_non_null(strstr(g, "all 500"));
    /* The text alternative says it, and names the largest agency, not the
     * sum of the others. */
    const char *alt = chart_alt_text(c);
    assert_non_null(strstr(alt, g));
    assert_non_null(strstr(alt, "Largest: Agency 500 (500 of"));
    assert_null(strstr(alt, "Largest: All others"));
    chart_free(c);
}

static void test_suppressed_others_are_left_out_of_the_sum(void **state)
{
    (void)state;
    chart *c = S_many(40, CHART_UNIT_COUNT, 1, false);
    chart_set_state(c, 0, 0, CHART_V_SUPPRESSED);  /* Agency 1 */
    chart_set_state(c, 0, 1, CHART_V_SUPPRESSED);  /* Agency 2 */
    chart_limit_categories(c);
    chart_finish(c);
    /* Kept: 12..40 (29); others 3..11 shown, 1 and 2 [c]: 3 + ... + 11 = 63. */
    assert_string_equal(chart_category(c, 0), "Agency 12");
    char *text = NULL;
    assert_int_equal(chart_value_text(c, 0, 29, &text), CHART_CELL_VALUE);
    assert_string_equal(text, "63");
    free(text);
    assert_non_null(strstr(chart_grouping(c), "leaving out 2 not shown to protect"));
    /* The shown values are not the whole: no shares in the alt text. */
    assert_null(strstr(chart_alt_text(c), "%"));
    chart_free(c);
}

static void test_percentages_draw_the_largest_only(void **state)
{
    (void)state;
    chart *c = S_many(45, CHART_UNIT_PCT, 1, false);
    chart_limit_categories(c);
    chart_finish(c);
    assert_int_equal(chart_ncategories(c), 30);
    assert_string_equal(chart_category(c, 0), "Agency 16");
    assert_string_equal(chart_category(c, 29), "Agency 45");
    assert_non_null(strstr(chart_grouping(c), "the 30 largest of 45 categories"));
    assert_null(strstr(chart_grouping(c), "All others"));
    chart_free(c);
}

static void test_time_series_draws_the_latest(void **state)
{
    (void)state;
    chart *c = S_many(60, CHART_UNIT_COUNT, 1, true);
    chart_set_catword(c, "month");
    chart_limit_categories(c);
    chart_finish(c);
    assert_int_equal(chart_ncategories(c), 30);
    assert_string_equal(chart_category(c, 0), "Agency 31");
    assert_string_equal(chart_category(c, 29), "Agency 60");
    assert_non_null(strstr(chart_grouping(c), "the latest 30 of 60 months"));
    chart_free(c);
}

static void test_side_by_side_series_draw_twenty(void **state)
{
    (void)state;
    chart *c = S_many(25, CHART_UNIT_COUNT, 2, false);
    chart_limit_categories(c);
    chart_finish(c);
    assert_int_equal(chart_ncategories(c), 20);
    /* Others 1..6: this year 21, last year 42. */
    char *a = NULL, *b = NULL;
    chart_value_text(c, 0, 19, &a);
    chart_value_text(c, 1, 19, &b);
    assert_string_equal(a, "21");
    assert_string_equal(b, "42");
    free(a);
    free(b);
    chart_free(c);
}

static void test_few_categories_are_left_alone(void **state)
{
    (void)state;
    chart *c = S_many(30, CHART_UNIT_COUNT, 1, false);
    chart_limit_categories(c);
    chart_finish(c);
    assert_int_equal(chart_ncategories(c), 30);
    assert_null(chart_grouping(c));
    assert_string_equal(chart_category(c, 29), "Agency 30");
    chart_free(c);
}

/* 500 agencies whose names are 4,000 characters (the loader's cap on a cell), one of them a single word:
 * the layout stays a few pages tall, every label line fits its column, and
 * the PNG is written (on the code before, cairo's limit failed it). */
static void test_500_long_named_agencies_make_a_png(void **state)
{
    (void)state;
    chart *c = chart_new("many", CHART_HBAR, CHART_UNIT_COUNT, "Referrals by agency");
    for (size_t i = 0; i < 500; i++) {
        strbuf b = STRBUF_INIT;
        sb_appendf(&b, "%zu ", i);
        while (b.len < 4000)
            sb_append(&b, i == 499 ? "Northmoorcommunityhealth" : "Northmoor community health ");
        chart_add_category(c, sb_cstr(&b));
        sb_free(&b);
    }
    size_t s = chart_add_series(c, "Referrals");
    for (size_t i = 0; i < 500; i++)
        chart_set_value(c, s, i, (double)(i + 1));
    chart_limit_categories(c);
    chart_finish(c);
    oplist ol = OPLIST_INIT;
    assert_int_equal(chart_layout_ops(c, 640, CHART_DRAW_ALL, &ol), ANNREP_OK);
    assert_true(ol.height * 2.5 < 32767);
    for (size_t i = 0; i < ol.n; i++)
        if (ol.items[i].kind == OP_TEXT) {
            double w = chart_text_width(ol.items[i].text, ol.items[i].font, ol.items[i].size);
            double x0 = ol.items[i].x;  /* anchors are resolved: the start */
            if (x0 < -0.5 || x0 + w > 640.5)
                fail_msg("'%s' runs out of the chart (%.1f to %.1f)", ol.items[i].text, x0,
                         x0 + w);
        }
    ops_free(&ol);
    char path[] = "/tmp/annrep-chart-many-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(chart_write_png(c, path, NULL), ANNREP_OK);
    unlink(path);
    chart_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_draw_the_largest_and_all_others),
        cmocka_unit_test(test_suppressed_others_are_left_out_of_the_sum),
        cmocka_unit_test(test_percentages_draw_the_largest_only),
        cmocka_unit_test(test_time_series_draws_the_latest),
        cmocka_unit_test(test_side_by_side_series_draw_twenty),
        cmocka_unit_test(test_few_categories_are_left_alone),
        cmocka_unit_test(test_500_long_named_agencies_make_a_png),
    };
    return cmocka_run_group_tests(tests, S_setup, NULL);
}
