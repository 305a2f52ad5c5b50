/* test_chart_layout.c - layout of hand-built charts: bars from zero, negative
 * bars on diverging charts, long labels, legends, direct labels, metrics.
 * Fonts come from the source tree's fonts/ (ANNREP_SOURCE_DIR). */
#include "chart/layout.h"
#include "util/alloc.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

static chart *S_bars(chart_kind kind, chart_unit unit, const char *const *cats,
                     const double *v, size_t n)
{
    chart *c = chart_new("t", kind, unit, "Test chart");
    for (size_t i = 0; i < n; i++)
        chart_add_category(c, cats[i]);
    size_t s = chart_add_series(c, "Referrals");
    for (size_t i = 0; i < n; i++)
        chart_set_value(c, s, i, v[i]);
    chart_finish(c);
    return c;
}

/* The RECT ops filled with colour, in drawing order. */
static size_t S_rects(const oplist *ol, uint32_t colour, const op **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < ol->n && n < max; i++)
        if (ol->items[i].kind == OP_RECT && ol->items[i].colour == colour)
            out[n++] = &ol->items[i];
    return n;
}

static const op *S_find_text(const oplist *ol, const char *text)
{
    for (size_t i = 0; i < ol->n; i++)
        if (ol->items[i].kind == OP_TEXT && strcmp(ol->items[i].text, text) == 0)
            return &ol->items[i];
    return NULL;
}

static int S_setup(void **state)
{
    (void)state;
    return chart_fonts_open(NULL) == ANNREP_OK ? 0 : -1;
}

static void test_text_width_uses_liberation_metrics(void **state)
{
    (void)state;
    /* Arial/Liberation Sans advances per 1000 em: H 722, e 556, l 222, o 556. */
    assert_near(chart_text_width("Hello", OP_FONT_REGULAR, 10), 22.78, 0.01);
    /* Bold digits are 556 too: "47" at 10 pt is 11.12. */
    assert_near(chart_text_width("47", OP_FONT_BOLD, 10), 11.12, 0.01);
    assert_near(chart_text_width("", OP_FONT_REGULAR, 10), 0, 1e-9);
}

static void test_wrap_keeps_lines_within_width_and_words_whole(void **state)
{
    (void)state;
    const char *t = "1 Deliberately inflicted injury, abuse or neglect";
    char **lines;
    size_t n = chart_wrap(t, OP_FONT_REGULAR, 9.5, 100, &lines);
    assert_true(n >= 2);
    char joined[200] = "";
    for (size_t i = 0; i < n; i++) {
        assert_true(chart_text_width(lines[i], OP_FONT_REGULAR, 9.5) <= 100);
        if (i)
            strcat(joined, " ");
        strcat(joined, lines[i]);
    }
    assert_string_equal(joined, t);
    chart_lines_free(lines, n);
}

static void test_vertical_bars_start_at_zero_and_scale_linearly(void **state)
{
    (void)state;
    const char *cats[] = {"Q1", "Q2", "Q3", "Q4"};
    const double v[] = {23, 31, 40, 47};
    chart *c = S_bars(CHART_BAR, CHART_UNIT_COUNT, cats, v, 4);
    oplist ol = OPLIST_INIT;
    chart_plot_info info;
    assert_int_equal(chart_layout_info(c, 640, CHART_DRAW_ALL, &ol, &info), ANNREP_OK);
    assert_int_equal(info.kind, CHART_BAR);
    assert_near(info.ticks.lo, 0, 1e-9);
    assert_near(info.ticks.hi, 50, 1e-9);
    const op *r[8];
    assert_int_equal(S_rects(&ol, 0x12436D, r, 8), 4);
    for (int i = 0; i < 4; i++) {
        /* Every bar stands on the zero line. */
        assert_near(r[i]->y + r[i]->h, info.zero_pos, 1e-6);
        /* Height in proportion to the value over the 0..50 axis. */
        assert_near(r[i]->h, v[i] / 50.0 * info.plot_h, 1e-6);
    }
    /* One series: no legend, so the series name is nowhere. */
    assert_null(S_find_text(&ol, "Referrals"));
    /* Direct labels: each value is written once. */
    assert_non_null(S_find_text(&ol, "47"));
    assert_non_null(S_find_text(&ol, "23"));
    ops_free(&ol);
    chart_free(c);
}

static void test_all_zero_chart_lays_out_with_0_to_5_axis(void **state)
{
    (void)state;
    const char *cats[] = {"A", "B"};
    const double v[] = {0, 0};
    chart *c = S_bars(CHART_BAR, CHART_UNIT_COUNT, cats, v, 2);
    oplist ol = OPLIST_INIT;
    chart_plot_info info;
    assert_int_equal(chart_layout_info(c, 640, CHART_DRAW_ALL, &ol, &info), ANNREP_OK);
    assert_near(info.ticks.hi, 5, 1e-9);
    assert_non_null(S_find_text(&ol, "5"));
    ops_free(&ol);
    chart_free(c);
}

static void test_diverging_bars_put_negatives_left_of_zero(void **state)
{
    (void)state;
    const char *cats[] = {"Rape", "Burglary", "Robbery"};
    const double v[] = {20.8, -6.6, -0.9};
    chart *c = S_bars(CHART_HBAR, CHART_UNIT_CHANGE_PCT, cats, v, 3);
    oplist ol = OPLIST_INIT;
    chart_plot_info info;
    assert_int_equal(chart_layout_info(c, 640, CHART_DRAW_ALL, &ol, &info), ANNREP_OK);
    const op *r[8];
    assert_int_equal(S_rects(&ol, 0x12436D, r, 8), 3);
    double x0 = info.zero_pos;
    /* Positive bar starts at zero and goes right. */
    assert_near(r[0]->x, x0, 1e-6);
    /* Negative bars end at zero and go left, in proportion. */
    assert_near(r[1]->x + r[1]->w, x0, 1e-6);
    assert_true(r[1]->x < x0);
    assert_near(r[1]->w / r[0]->w, 6.6 / 20.8, 1e-6);
    /* The negative label sits left of its bar, the positive one right. */
    const op *neg = S_find_text(&ol, "\xE2\x88\x92" "6.6%");
    const op *pos = S_find_text(&ol, "+20.8%");
    assert_non_null(neg);
    assert_non_null(pos);
    assert_true(neg->x + chart_text_width(neg->text, neg->font, neg->size) <= r[1]->x + 1e-6);
    assert_true(pos->x >= r[0]->x + r[0]->w);
    /* Category labels stay left of the plot, clear of the longest negative bar's label. */
    const op *lab = S_find_text(&ol, "Burglary");
    assert_true(lab->x + chart_text_width("Burglary", lab->font, lab->size) < neg->x);
    ops_free(&ol);
    chart_free(c);
}

static void test_low_base_draws_no_bar_and_says_u(void **state)
{
    (void)state;
    const char *cats[] = {"Homicide", "Rape"};
    const double v[] = {0, 12.5};
    chart *c = S_bars(CHART_HBAR, CHART_UNIT_CHANGE_PCT, cats, v, 2);
    chart_set_state(c, 0, 0, CHART_V_LOW_BASE);
    oplist ol = OPLIST_INIT;
    assert_int_equal(chart_layout_ops(c, 640, CHART_DRAW_ALL, &ol), ANNREP_OK);
    const op *r[8];
    assert_int_equal(S_rects(&ol, 0x12436D, r, 8), 1);
    assert_non_null(S_find_text(&ol, "[u]"));
    ops_free(&ol);
    chart_free(c);
}

static void test_long_category_names_turn_bars_horizontal(void **state)
{
    (void)state;
    const char *shortc[] = {"0-27 days", "28-364 days", "1-4 years", "5-9 years"};
    const char *longc[] = {"1 Deliberately inflicted injury, abuse or neglect",
                           "7 Chromosomal, genetic and congenital anomalies",
                           "10 Sudden unexpected, unexplained death", "9 Infection"};
    const double v[] = {3, 1, 2, 4};
    chart_plot_info info;
    oplist ol = OPLIST_INIT;
    chart *c = S_bars(CHART_BAR, CHART_UNIT_COUNT, shortc, v, 4);
    assert_int_equal(chart_layout_info(c, 640, CHART_DRAW_ALL, &ol, &info), ANNREP_OK);
    assert_int_equal(info.kind, CHART_BAR);
    ops_free(&ol);
    chart_free(c);

    c = S_bars(CHART_BAR, CHART_UNIT_COUNT, longc, v, 4);
    assert_int_equal(chart_layout_info(c, 450, CHART_DRAW_ALL, &ol, &info), ANNREP_OK);
    assert_int_equal(info.kind, CHART_HBAR);
    /* Nothing is drawn outside the chart's width. */
    for (size_t i = 0; i < ol.n; i++) {
        const op *o = &ol.items[i];
        if (o->kind != OP_TEXT)
            continue;
        assert_true(o->x >= -1e-6);
        assert_true(o->x + chart_text_width(o->text, o->font, o->size) <= 450 + 1e-6);
    }
    ops_free(&ol);
    chart_free(c);
}

static void test_horizontal_chart_grows_with_categories(void **state)
{
    (void)state;
    const char *cats[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"};
    const double v[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    chart *c3 = S_bars(CHART_HBAR, CHART_UNIT_COUNT, cats, v, 3);
    chart *c10 = S_bars(CHART_HBAR, CHART_UNIT_COUNT, cats, v, 10);
    oplist o3 = OPLIST_INIT, o10 = OPLIST_INIT;
    int framed = CHART_DRAW_TITLE | CHART_DRAW_SOURCE;
    assert_int_equal(chart_layout_ops(c3, 450, framed, &o3), ANNREP_OK);
    assert_int_equal(chart_layout_ops(c10, 450, framed, &o10), ANNREP_OK);
    assert_true(o10.height > o3.height + 7 * 18);
    /* The body under a PDF caption is shorter: no title, no source. */
    assert_true(chart_body_height_for_width(c3, 450) < o3.height);
    ops_free(&o3);
    ops_free(&o10);
    chart_free(c3);
    chart_free(c10);
}

static void test_legend_only_with_more_than_one_series(void **state)
{
    (void)state;
    chart *c = chart_new("t", CHART_BAR, CHART_UNIT_COUNT, "Contacts and referrals");
    chart_add_category(c, "Q1");
    chart_add_category(c, "Q2");
    size_t a = chart_add_series(c, "Contacts"), b = chart_add_series(c, "Referrals");
    chart_set_value(c, a, 0, 23);
    chart_set_value(c, a, 1, 53);
    chart_set_value(c, b, 0, 23);
    chart_set_value(c, b, 1, 32);
    chart_finish(c);
    oplist ol = OPLIST_INIT;
    assert_int_equal(chart_layout_ops(c, 640, CHART_DRAW_ALL, &ol), ANNREP_OK);
    assert_non_null(S_find_text(&ol, "Contacts"));
    assert_non_null(S_find_text(&ol, "Referrals"));
    const op *r[8];
    /* Two bars and one legend swatch per series, in the palette's order. */
    assert_int_equal(S_rects(&ol, 0x12436D, r, 8), 3);
    assert_int_equal(S_rects(&ol, 0x28A197, r, 8), 3);
    ops_free(&ol);
    chart_free(c);
}

static void test_accent_replaces_first_colour_only(void **state)
{
    (void)state;
    const char *cats[] = {"A", "B"};
    const double v[] = {1, 2};
    chart *c = S_bars(CHART_BAR, CHART_UNIT_COUNT, cats, v, 2);
    assert_false(chart_set_accent(c, "red"));
    assert_true(chart_set_accent(c, "#aa0011"));
    assert_int_equal(c->palette[0], 0xAA0011);
    assert_int_equal(c->palette[1], 0x28A197);
    oplist ol = OPLIST_INIT;
    assert_int_equal(chart_layout_ops(c, 640, CHART_DRAW_ALL, &ol), ANNREP_OK);
    const op *r[8];
    assert_int_equal(S_rects(&ol, 0xAA0011, r, 8), 2);
    ops_free(&ol);
    chart_free(c);
}

static void test_value_labels_dropped_when_bars_too_narrow(void **state)
{
    (void)state;
    const char *cats[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"};
    const double v[] = {1234567, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    chart *c = S_bars(CHART_BAR, CHART_UNIT_COUNT, cats, v, 12);
    oplist ol = OPLIST_INIT;
    chart_plot_info info;
    assert_int_equal(chart_layout_info(c, 300, CHART_DRAW_ALL, &ol, &info), ANNREP_OK);
    assert_int_equal(info.kind, CHART_BAR);
    assert_false(info.value_labels);
    assert_null(S_find_text(&ol, "1,234,567"));
    ops_free(&ol);
    chart_free(c);
}

static void test_line_chart_axis_starts_at_zero(void **state)
{
    (void)state;
    const char *cats[] = {"Mar 2016", "Apr 2016", "May 2016"};
    const double v[] = {463, 468, 459};
    chart *c = S_bars(CHART_LINE, CHART_UNIT_COUNT, cats, v, 3);
    oplist ol = OPLIST_INIT;
    chart_plot_info info;
    assert_int_equal(chart_layout_info(c, 640, CHART_DRAW_ALL, &ol, &info), ANNREP_OK);
    assert_near(info.ticks.lo, 0, 1e-9);
    assert_near(info.ticks.hi, 500, 1e-9);
    int polylines = 0;
    for (size_t i = 0; i < ol.n; i++)
        if (ol.items[i].kind == OP_POLYLINE) {
            polylines++;
            assert_int_equal(ol.items[i].npts, 3);
        }
    assert_int_equal(polylines, 1);
    ops_free(&ol);
    chart_free(c);
}

static void test_layout_refuses_a_missing_chart_or_list(void **state)
{
    (void)state;
    const char *cats[] = {"A"};
    const double v[] = {1};
    chart *c = S_bars(CHART_BAR, CHART_UNIT_COUNT, cats, v, 1);
    oplist ol = OPLIST_INIT;
    assert_int_equal(chart_layout_ops(NULL, 640, CHART_DRAW_ALL, &ol), ANNREP_ERR_INTERNAL);
    assert_int_equal(chart_layout_ops(c, 640, CHART_DRAW_ALL, NULL), ANNREP_ERR_INTERNAL);
    assert_int_equal(ol.n, 0);
    chart_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_width_uses_liberation_metrics),
        cmocka_unit_test(test_wrap_keeps_lines_within_width_and_words_whole),
        cmocka_unit_test(test_vertical_bars_start_at_zero_and_scale_linearly),
        cmocka_unit_test(test_all_zero_chart_lays_out_with_0_to_5_axis),
        cmocka_unit_test(test_diverging_bars_put_negatives_left_of_zero),
        cmocka_unit_test(test_low_base_draws_no_bar_and_says_u),
        cmocka_unit_test(test_long_category_names_turn_bars_horizontal),
        cmocka_unit_test(test_horizontal_chart_grows_with_categories),
        cmocka_unit_test(test_legend_only_with_more_than_one_series),
        cmocka_unit_test(test_accent_replaces_first_colour_only),
        cmocka_unit_test(test_value_labels_dropped_when_bars_too_narrow),
        cmocka_unit_test(test_line_chart_axis_starts_at_zero),
        cmocka_unit_test(test_layout_refuses_a_missing_chart_or_list),
    };
    return cmocka_run_group_tests(tests, S_setup, NULL);
}
