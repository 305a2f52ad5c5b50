/* test_disclose_rules.c - disclosure control (contract section 8) on
 * figure stores built by hand: primary suppression, secondary suppression
 * along sums (the smallest part, the first on a tie, never a zero, the
 * total when no part is left), cascades across sums sharing a figure,
 * derived figures, the audit, the marking of figures and table cells, and
 * the restricted edition.  Every expected [c] is worked out by hand in the
 * comment above it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/dataset.h"
#include "compute/figures.h"
#include "disclose/disclose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A covered count (a count of people). */
static void S_count(figstore *fs, const char *key, double v)
{
    char d[32];
    snprintf(d, sizeof d, "%.0f", v);
    fig_set(fs, key, true, v, d, "count", "a count of people", "x.csv");
    fig_cover(fs, key);
}

/* An uncovered count (crimes, places). */
static void S_plain(figstore *fs, const char *key, double v)
{
    char d[32];
    snprintf(d, sizeof d, "%.0f", v);
    fig_set(fs, key, true, v, d, "count", "not people", "x.csv");
}

static void S_sum(figstore *fs, const char *total, const char *a, const char *b,
                  const char *c, const char *d)
{
    const char *parts[4] = {a, b, c, d};
    size_t n = d ? 4 : c ? 3 : 2;
    fig_add_sum(fs, total, total, parts, n);
}

static bool S_c(const figstore *fs, const char *key)
{
    const figure *f = fig_find(fs, key);
    assert_non_null(f);
    return f->status == FIG_SUPPRESSED;
}

/* Run at threshold 5; the audit must pass. */
static disclose_counts S_run(figstore *fs, dataset_list *dsl)
{
    diag_list dl = DIAG_LIST_INIT;
    disclose_counts n;
    assert_int_equal(disclose_apply(fs, dsl, 5, &n, &dl), ANNREP_OK);
    assert_int_equal(dl.nerrors, 0);
    diag_free(&dl);
    return n;
}

/* 0 and 6 are shown, 1 and 5 are not; an uncovered 3 is shown. */
static void test_primary_suppresses_covered_counts_from_1_to_threshold(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "zero", 0);
    S_count(&fs, "one", 1);
    S_count(&fs, "five", 5);
    S_count(&fs, "six", 6);
    S_plain(&fs, "crimes", 3);
    disclose_counts n = S_run(&fs, NULL);
    assert_false(S_c(&fs, "zero"));
    assert_true(S_c(&fs, "one"));
    assert_true(S_c(&fs, "five"));
    assert_false(S_c(&fs, "six"));
    assert_false(S_c(&fs, "crimes"));
    assert_int_equal(n.primary, 2);
    assert_int_equal(n.secondary, 0);
    /* Suppressed: no value, display [c], and "fewer than 6" may be said. */
    const figure *f = fig_find(&fs, "one");
    assert_false(f->available);
    assert_true(f->value == 0.0);
    assert_string_equal(f->display, "[c]");
    assert_true(f->small);
    assert_string_equal(fig_find(&fs, "disclosure.suppressed")->display, "2");
    assert_string_equal(fig_find(&fs, "disclosure.threshold")->display, "5");
    assert_string_equal(fig_find(&fs, "disclosure.fewer_than")->display, "6");
    fig_free(&fs);
}

/* 20 = a 2 + b 8 + c 10: a alone would be 20 - 8 - 10, so the smallest
 * other part, b, goes too; c and the total stay. */
static void test_one_suppressed_part_takes_the_smallest_other(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "a", 2);
    S_count(&fs, "b", 8);
    S_count(&fs, "c", 10);
    S_count(&fs, "t", 20);
    S_sum(&fs, "t", "a", "b", "c", NULL);
    disclose_counts n = S_run(&fs, NULL);
    assert_true(S_c(&fs, "a"));
    assert_true(S_c(&fs, "b"));
    assert_false(S_c(&fs, "c"));
    assert_false(S_c(&fs, "t"));
    assert_false(fig_find(&fs, "b")->small); /* not "fewer than 6": it is 8 */
    assert_int_equal(n.primary, 1);
    assert_int_equal(n.secondary, 1);
    fig_free(&fs);
}

/* 16 = a 2 + b 7 + c 7: a tie between b and c goes to the first, b. */
static void test_a_tie_takes_the_first_in_order(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "a", 2);
    S_count(&fs, "b", 7);
    S_count(&fs, "c", 7);
    S_count(&fs, "t", 16);
    S_sum(&fs, "t", "a", "b", "c", NULL);
    S_run(&fs, NULL);
    assert_true(S_c(&fs, "b"));
    assert_false(S_c(&fs, "c"));
    fig_free(&fs);
}

/* 10 = a 3 + b 0 + c 7: a zero tells nothing, so c (not b) goes; the zero
 * is still shown. */
static void test_a_zero_is_never_suppressed(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "a", 3);
    S_count(&fs, "b", 0);
    S_count(&fs, "c", 7);
    S_count(&fs, "t", 10);
    S_sum(&fs, "t", "a", "b", "c", NULL);
    S_run(&fs, NULL);
    assert_true(S_c(&fs, "a"));
    assert_false(S_c(&fs, "b"));
    assert_true(S_c(&fs, "c"));
    assert_false(S_c(&fs, "t"));
    assert_string_equal(fig_find(&fs, "b")->display, "0");
    fig_free(&fs);
}

/* r 15 = p 3 + q 12: p is small, so q goes.  Q 12 = q 12 + z 0: q is now
 * the only suppressed part and the other is a zero, so no part is left:
 * the total Q goes. */
static void test_the_total_goes_when_no_part_is_left(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "p", 3);
    S_count(&fs, "q", 12);
    S_count(&fs, "r", 15);
    S_count(&fs, "z", 0);
    S_count(&fs, "Q", 12);
    S_sum(&fs, "r", "p", "q", NULL, NULL);
    S_sum(&fs, "Q", "q", "z", NULL, NULL);
    disclose_counts n = S_run(&fs, NULL);
    assert_true(S_c(&fs, "p"));
    assert_true(S_c(&fs, "q"));
    assert_true(S_c(&fs, "Q"));
    assert_false(S_c(&fs, "r"));
    assert_false(S_c(&fs, "z"));
    assert_int_equal(n.secondary, 2);
    fig_free(&fs);
}

/* A grid: rows r1 = a + b, r2 = c + d; columns k1 = a + c, k2 = b + d, with
 * a 2, b 10, c 9, d 20.  r1: a small, so b goes; k1: a, so c goes; k2: b, so
 * d goes; r2 then has two.  All four cells are [c] and the four totals are
 * shown: a + b = 12, c + d = 29, a + c = 11, b + d = 30 leave a free. */
static void test_secondary_cascades_across_sums_sharing_a_cell(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "a", 2);
    S_count(&fs, "b", 10);
    S_count(&fs, "c", 9);
    S_count(&fs, "d", 20);
    S_count(&fs, "r1", 12);
    S_count(&fs, "r2", 29);
    S_count(&fs, "k1", 11);
    S_count(&fs, "k2", 30);
    S_sum(&fs, "r1", "a", "b", NULL, NULL);
    S_sum(&fs, "r2", "c", "d", NULL, NULL);
    S_sum(&fs, "k1", "a", "c", NULL, NULL);
    S_sum(&fs, "k2", "b", "d", NULL, NULL);
    disclose_counts n = S_run(&fs, NULL);
    assert_true(S_c(&fs, "a") && S_c(&fs, "b") && S_c(&fs, "c") && S_c(&fs, "d"));
    assert_false(S_c(&fs, "r1") || S_c(&fs, "r2") || S_c(&fs, "k1") || S_c(&fs, "k2"));
    assert_int_equal(n.primary, 1);
    assert_int_equal(n.secondary, 3);
    fig_free(&fs);
}

/* A percentage of a suppressed count, a percentage with a suppressed
 * denominator and a change from a suppressed year's count all go; a
 * percentage of shown counts stays. */
static void test_derived_figures_go_with_their_inputs(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "small", 4);
    S_count(&fs, "big", 40);
    S_count(&fs, "year.2015_16.small", 3);
    fig_set(&fs, "small.pct", true, 10.0, "10.0%", "percent", "small / big", "x.csv");
    fig_derive(&fs, "small.pct", "small");
    fig_derive(&fs, "small.pct", "big");
    fig_set(&fs, "big.of_small", true, 1000.0, "1000.0%", "percent", "big / small", "x.csv");
    fig_derive(&fs, "big.of_small", "big");
    fig_derive(&fs, "big.of_small", "small");
    fig_set(&fs, "small.change", true, 1.0, "+1", "change", "small - last year", "x.csv");
    fig_derive(&fs, "small.change", "small");
    fig_derive(&fs, "small.change", "year.2015_16.small");
    /* A change of a change: derived from a derived figure. */
    fig_set(&fs, "small.change_of_change", true, 1.0, "+1", "change", "x", "x.csv");
    fig_derive(&fs, "small.change_of_change", "small.change");
    fig_set(&fs, "big.pct", true, 100.0, "100.0%", "percent", "big / big", "x.csv");
    fig_derive(&fs, "big.pct", "big");
    disclose_counts n = S_run(&fs, NULL);
    assert_true(S_c(&fs, "small.pct"));
    assert_true(S_c(&fs, "big.of_small"));
    assert_true(S_c(&fs, "small.change"));
    assert_true(S_c(&fs, "small.change_of_change"));
    assert_false(S_c(&fs, "big.pct"));
    assert_false(fig_find(&fs, "small.pct")->small);
    assert_int_equal(n.derived, 4);
    fig_free(&fs);
}

/* A previous-year copy equals the year before's figure (a sum of one
 * part): suppressed there, suppressed here, though this year's copy is 12. */
static void test_an_equality_carries_suppression(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_plain(&fs, "copy", 4);   /* not covered itself */
    S_count(&fs, "year.2015_16.n", 4);
    const char *part = "year.2015_16.n";
    fig_add_sum(&fs, "copy", "copy", &part, 1);
    S_run(&fs, NULL);
    assert_true(S_c(&fs, "year.2015_16.n"));
    assert_true(S_c(&fs, "copy"));
    fig_free(&fs);
}

/* 3 = a 0 + b 0 cannot hold, but if it did the total would be known from
 * its parts: the audit stops the build with an internal error naming the
 * figure and the sum, and nothing is marked. */
static void test_the_audit_fails_when_a_suppressed_figure_can_be_worked_out(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "a", 0);
    S_count(&fs, "b", 0);
    S_count(&fs, "t", 3);
    fig_add_sum(&fs, "the test sum", "t", (const char *const[]){"a", "b"}, 2);
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(disclose_apply(&fs, NULL, 5, NULL, &dl), ANNREP_ERR_INTERNAL);
    assert_int_equal(dl.nerrors, 1);
    assert_non_null(strstr(dl.items[0].message, "t can be worked out"));
    assert_non_null(strstr(dl.items[0].message, "the test sum"));
    assert_false(S_c(&fs, "t")); /* nothing half-applied */
    diag_free(&dl);
    fig_free(&fs);
}

/* Table cells showing a suppressed figure become [c], and so does a cell
 * linked to one (a "Yes" of a target met); every table learns the
 * threshold for its key line. */
static void test_cells_follow_their_figures(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    dataset_list dsl = DATASET_LIST_INIT;
    S_count(&fs, "a", 2);
    S_count(&fs, "b", 9);
    dataset *ds = ds_new(&dsl, "t", "T", "A table", "d", "x.csv", 0);
    ds_add_col(ds, "n", "Number", DFMT_COUNT);
    ds_add_col(ds, "met", "Target met", DFMT_TEXT);
    size_t r0 = ds_add_row(ds), r1 = ds_add_row(ds);
    ds_set_figure(ds, r0, 0, fig_find(&fs, "a"));
    ds_set_text(ds, r0, 1, "Yes");
    ds_cell_link(ds, r0, 1, "a");
    ds_set_figure(ds, r1, 0, fig_find(&fs, "b"));
    ds_set_text(ds, r1, 1, "No");
    ds_cell_link(ds, r1, 1, "b");
    disclose_counts n = S_run(&fs, &dsl);
    assert_int_equal(ds_cell(ds, r0, 0)->kind, DC_C);
    assert_int_equal(ds_cell(ds, r0, 1)->kind, DC_C);
    assert_int_equal(ds_cell(ds, r1, 0)->kind, DC_NUM);
    assert_true(ds_cell(ds, r1, 0)->num == 9.0);
    assert_int_equal(ds_cell(ds, r1, 1)->kind, DC_TEXT);
    assert_int_equal(n.cells, 2);
    assert_int_equal(ds->suppressed_below, 6);
    char *shown = ds_display(ds, r0, 0);
    assert_string_equal(shown, "[c]");
    free(shown);
    dsl_free(&dsl);
    fig_free(&fs);
}

/* figures.csv: empty value, display [c], status c. */
static void test_figures_csv_shows_suppression(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "lado.x", 2);
    S_run(&fs, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(fig_write_csv(&fs, f), ANNREP_OK);
    fclose(f);
    assert_non_null(strstr(buf, "\nlado.x,,[c],count,a count of people,x.csv,c\n"));
    free(buf);
    fig_free(&fs);
}

/* The restricted edition (threshold 0) suppresses nothing. */
static void test_the_restricted_edition_suppresses_nothing(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    S_count(&fs, "a", 1);
    S_count(&fs, "t", 1);
    S_sum(&fs, "t", "a", "a", NULL, NULL);
    diag_list dl = DIAG_LIST_INIT;
    disclose_counts n;
    assert_int_equal(disclose_apply(&fs, NULL, 0, &n, &dl), ANNREP_OK);
    assert_false(S_c(&fs, "a"));
    assert_int_equal(n.primary + n.derived + n.secondary, 0);
    assert_string_equal(fig_find(&fs, "disclosure.threshold")->display, "0");
    assert_string_equal(fig_find(&fs, "disclosure.suppressed")->display, "0");
    diag_free(&dl);
    fig_free(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_primary_suppresses_covered_counts_from_1_to_threshold),
        cmocka_unit_test(test_one_suppressed_part_takes_the_smallest_other),
        cmocka_unit_test(test_a_tie_takes_the_first_in_order),
        cmocka_unit_test(test_a_zero_is_never_suppressed),
        cmocka_unit_test(test_the_total_goes_when_no_part_is_left),
        cmocka_unit_test(test_secondary_cascades_across_sums_sharing_a_cell),
        cmocka_unit_test(test_derived_figures_go_with_their_inputs),
        cmocka_unit_test(test_an_equality_carries_suppression),
        cmocka_unit_test(test_the_audit_fails_when_a_suppressed_figure_can_be_worked_out),
        cmocka_unit_test(test_cells_follow_their_figures),
        cmocka_unit_test(test_figures_csv_shows_suppression),
        cmocka_unit_test(test_the_restricted_edition_suppresses_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
