/* test_compute_trend.c - five years, not two: the year.<Y>. figures of the
 * years before the reporting year, the year-on-year changes of every return,
 * and the trend rules (how many years, the mean, the run of rises or falls,
 * the rank) on rising, falling, flat and gappy series.  Every expected value
 * is worked out by hand in the comment above it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/compute.h"
#include "compute/compute_internal.h"
#include "compute_fixture.h"

#include <stdlib.h>
#include <string.h>

#define MINUS "\xE2\x88\x92"
#define POUND "\xC2\xA3"

/* A series oldest first; NAN-free: has[i] false marks a gap. */
static trend_series S_series(const double *v, const bool *has, size_t n)
{
    trend_series s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < n; i++) {
        s.v[i] = v[i];
        s.has[i] = has[i];
    }
    s.n = n;
    return s;
}

static const bool ALL[5] = {true, true, true, true, true};

/* 10, 12, 15, 20, 26: rose four years running; 26 is the highest (rank 1)
 * and the fifth lowest; mean (10+12+15+20+26)/5 = 83/5 = 16.6. */
static void test_rising_series(void **state)
{
    (void)state;
    const double v[] = {10, 12, 15, 20, 26};
    trend_series s = S_series(v, ALL, 5);
    trend_facts f;
    trend_rules(&s, &f);
    assert_int_equal(f.years, 5);
    assert_true(f.mean == 16.6);
    assert_true(f.has_latest && f.has_run);
    assert_int_equal(f.run, 4);
    assert_int_equal(f.rank_high, 1);
    assert_int_equal(f.rank_low, 5);
    assert_int_equal(f.equal, 0);
}

/* 30, 28, 29, 25, 21: fell the last two years (29 -> 25 -> 21), after a
 * rise; 21 is the lowest. */
static void test_falling_series(void **state)
{
    (void)state;
    const double v[] = {30, 28, 29, 25, 21};
    trend_series s = S_series(v, ALL, 5);
    trend_facts f;
    trend_rules(&s, &f);
    assert_int_equal(f.run, -2);
    assert_int_equal(f.rank_low, 1);
    assert_int_equal(f.rank_high, 5);
}

/* 7, 7, 7: flat; the run is 0, and every year shares rank 1 both ways. */
static void test_flat_series(void **state)
{
    (void)state;
    const double v[] = {7, 7, 7};
    trend_series s = S_series(v, ALL, 3);
    trend_facts f;
    trend_rules(&s, &f);
    assert_true(f.has_run);
    assert_int_equal(f.run, 0);
    assert_int_equal(f.rank_high, 1);
    assert_int_equal(f.rank_low, 1);
    assert_int_equal(f.equal, 2);
    assert_true(f.mean == 7.0);
}

/* 10, gap, 14, 18: the gap ends the run, which counts one rise (14 -> 18)
 * then the rise before the gap does not count: run +1; 3 years; mean 14. */
static void test_gap_ends_the_run(void **state)
{
    (void)state;
    const double v[] = {10, 0, 14, 18};
    const bool has[] = {true, false, true, true};
    trend_series s = S_series(v, has, 4);
    trend_facts f;
    trend_rules(&s, &f);
    assert_int_equal(f.years, 3);
    assert_int_equal(f.first, 0);
    assert_true(f.mean == 14.0);
    assert_int_equal(f.run, 1);
    assert_int_equal(f.rank_high, 1);
}

/* 10, 12, gap: no value the year before, so no run at all (not "no change");
 * and this year has no value either: no rank. */
static void test_gap_last_year_means_no_run(void **state)
{
    (void)state;
    const double a[] = {10, 12, 0, 15};
    const bool ha[] = {true, true, false, true};
    trend_series s = S_series(a, ha, 4);
    trend_facts f;
    trend_rules(&s, &f);
    assert_true(f.has_latest);
    assert_false(f.has_run);
    assert_int_equal(f.rank_high, 1);
    const double b[] = {10, 12, 14};
    const bool hb[] = {true, true, false};
    s = S_series(b, hb, 3);
    trend_rules(&s, &f);
    assert_false(f.has_latest);
    assert_false(f.has_run);
    assert_int_equal(f.years, 2);
}

/* 5, 9, 9: a rise then no change; the run is 0 (it did not change this
 * year); 9 is the joint highest (one earlier year equal). */
static void test_tie_with_an_earlier_year(void **state)
{
    (void)state;
    const double v[] = {5, 9, 9};
    trend_series s = S_series(v, ALL, 3);
    trend_facts f;
    trend_rules(&s, &f);
    assert_int_equal(f.run, 0);
    assert_int_equal(f.rank_high, 1);
    assert_int_equal(f.equal, 1);
    assert_int_equal(f.rank_low, 2);
}

/* ---- whole years through compute_all ---- */

/* Child death reviews in three years: 2014-15 two reviews, 2015-16 four,
 * 2016-17 five.  The reporting year's change is +1 (small base: 4 < 20, so
 * no percentage); 2015-16's own change is +2, under year.2015_16.; three
 * years make a trend table with one row per year. */
static void S_reviews(project *p, int k, int n)
{
    table *t = tb_table_of(p, k, RET_CDOP);
    int y = p->years[k].start;
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "D%d-%d", y, i);
        tb_row(t, "tdeetey", id, y * 10000 + 601, 0, 0, "White British", 6, i % 2);
    }
}

static void test_earlier_years_get_prefixed_figures_changes_and_a_trend(void **state)
{
    fixture *f = *state;
    S_reviews(&f->p, 0, 5);
    S_reviews(&f->p, 1, 4);
    S_reviews(&f->p, 2, 2);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    cf_expect(&f->fs, "cdop.reviews.total", "5");
    cf_expect(&f->fs, "year.2015_16.cdop.reviews.total", "4");
    cf_expect(&f->fs, "year.2014_15.cdop.reviews.total", "2");
    cf_expect(&f->fs, "cdop.reviews.previous", "4");
    cf_expect(&f->fs, "cdop.reviews.change", "+1");
    cf_expect(&f->fs, "cdop.reviews.change_pct", "n/a");
    cf_expect(&f->fs, "year.2015_16.cdop.reviews.change", "+2");
    /* The oldest year read has no year before it: no change. */
    assert_null(fig_find(&f->fs, "year.2014_15.cdop.reviews.change"));
    /* Expected: i % 2 == 1 -> reviews 1 and 3 of five are expected = 2. */
    cf_expect(&f->fs, "cdop.expected.count", "2");
    cf_expect(&f->fs, "cdop.expected.change", "0");
    /* The trend: 2, 4, 5 rose twice running; mean 11/3 = 3.666... -> 3.7. */
    cf_expect(&f->fs, "cdop.reviews.total.trend.years", "3");
    cf_expect(&f->fs, "cdop.reviews.total.trend.first_year", "2014-15");
    cf_expect(&f->fs, "cdop.reviews.total.trend.mean", "3.7");
    cf_expect(&f->fs, "cdop.reviews.total.trend.run", "+2");
    cf_expect(&f->fs, "cdop.reviews.total.trend.rank_high", "1");
    const dataset *ds = dsl_find(&f->dsl, "cdop_trend");
    assert_non_null(ds);
    assert_int_equal(ds->nrows, 3);
    cf_expect_cell(ds, 0, 0, "2014-15");
    cf_expect_cell(ds, 2, 0, "2016-17");
    cf_expect_cell(ds, 0, (size_t)ds_col(ds, "reviews"), "2");
    cf_expect_cell(ds, 2, (size_t)ds_col(ds, "reviews"), "5");
    assert_non_null(dsl_find_chart(&f->dsl, "cdop_trend", NULL));
    /* Only the reporting year's own tables are kept. */
    size_t n_age = 0;
    for (size_t i = 0; i < f->dsl.n; i++)
        n_age += strcmp(f->dsl.items[i]->id, "cdop_age") == 0;
    assert_int_equal(n_age, 1);
    /* The time series: three rows of reviews, the earlier ones by prefixed key. */
    const dataset *ts = dsl_find(&f->dsl, "time_series");
    assert_non_null(ts);
    bool found = false;
    for (size_t r = 0; r < ts->nrows; r++) {
        char *k = ds_display(ts, r, 4);
        if (strcmp(k, "year.2014_15.cdop.reviews.total") == 0) {
            found = true;
            cf_expect_cell(ts, r, 0, "2014-15");
            cf_expect_cell(ts, r, 2, "2");
        }
        free(k);
    }
    assert_true(found);
    /* Figures are listed reporting year first, then the years newest first. */
    size_t first_2015 = f->fs.n, first_2014 = f->fs.n, last_plain = 0;
    for (size_t i = 0; i < f->fs.n; i++) {
        const char *k = f->fs.items[i].key;
        if (strncmp(k, "year.2015_16.", 13) == 0 && first_2015 == f->fs.n)
            first_2015 = i;
        else if (strncmp(k, "year.2014_15.", 13) == 0 && first_2014 == f->fs.n)
            first_2014 = i;
        else if (strncmp(k, "year.", 5) != 0)
            last_plain = i;
    }
    assert_true(last_plain < first_2015 && first_2015 < first_2014);
}

/* Two years are not a trend. */
static void test_two_years_make_no_trend(void **state)
{
    fixture *f = *state;
    S_reviews(&f->p, 0, 5);
    S_reviews(&f->p, 1, 4);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    assert_null(dsl_find(&f->dsl, "cdop_trend"));
    assert_null(fig_find(&f->fs, "cdop.reviews.total.trend.years"));
    cf_expect(&f->fs, "cdop.reviews.change", "+1");
}

/* Rates use each year's own population: 2015-16's March 2016 count of 400
 * with a population of 50,000 is 80.0 per 10,000; the reporting year's 459
 * of 67,600 is 67.9. */
static void test_each_year_rate_uses_its_own_population(void **state)
{
    fixture *f = *state;
    f->p.cfg.has_child_population = true;
    f->p.cfg.child_population = 67600;
    year_population pop[] = {{2015, 50000, 20}};
    f->p.cfg.population = pop;
    f->p.cfg.npopulation = 1;
    tb_row(tb_table_of(&f->p, 0, RET_LAC), "mc", 201703, 459LL);
    tb_row(tb_table_of(&f->p, 1, RET_LAC), "mc", 201603, 400LL);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    cf_expect(&f->fs, "lac.rate_per_10k", "67.9");
    cf_expect(&f->fs, "year.2015_16.lac.rate_per_10k", "80.0");
    f->p.cfg.population = NULL;
    f->p.cfg.npopulation = 0;
}

/* Changes of money and indicators: funding £1,000 -> £1,250.50 is
 * +£250.50, +25.1% (250.5 / 1000 = 25.05% -> 25.1%); an indicator of 80.0%
 * then 76.5% changed by −3.5 percentage points, with no relative change. */
static void test_money_and_indicator_changes(void **state)
{
    fixture *f = *state;
    tb_row(tb_table_of(&f->p, 0, RET_FUNDING), "tp", "Council", 125050LL);
    tb_row(tb_table_of(&f->p, 1, RET_FUNDING), "tp", "Council", 100000LL);
    const char *ty = "ttmnnnnee";
    tb_row(tb_table_of(&f->p, 0, RET_INDICATORS), ty, "x", "X (%)", 201703, NULL, NULL, "76.5",
           NULL, -1, 0);
    tb_row(tb_table_of(&f->p, 1, RET_INDICATORS), ty, "x", "X (%)", 201603, NULL, NULL, "80.0",
           NULL, -1, 0);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    cf_expect(&f->fs, "funding.total.change", "+" POUND "250.50");
    cf_expect(&f->fs, "funding.total.change_pct", "+25.1%");
    cf_expect(&f->fs, "funding.council.change", "+" POUND "250.50");
    cf_expect(&f->fs, "indicator.x.change", MINUS "3.5");
    assert_string_equal(fig_find(&f->fs, "indicator.x.change")->unit, "percentage points");
    assert_null(fig_find(&f->fs, "indicator.x.change_pct"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, cf_setup, cf_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rising_series),
        cmocka_unit_test(test_falling_series),
        cmocka_unit_test(test_flat_series),
        cmocka_unit_test(test_gap_ends_the_run),
        cmocka_unit_test(test_gap_last_year_means_no_run),
        cmocka_unit_test(test_tie_with_an_earlier_year),
        T(test_earlier_years_get_prefixed_figures_changes_and_a_trend),
        T(test_two_years_make_no_trend),
        T(test_each_year_rate_uses_its_own_population),
        T(test_money_and_indicator_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
