/* test_compute_other.c - looked after children, comparators, CDOP, training,
 * e-learning, crime, indicators and funding from hand-built returns.
 * Every expected value is worked out by hand in the comment above it. */
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

/* The first diagnostic's formatted text contains needle. */
static void S_expect_diag(const diag_list *dl, size_t i, const char *needle)
{
    assert_true(dl->n > i);
    char *m = diag_format(&dl->items[i]);
    if (!strstr(m, needle))
        fail_msg("diagnostic \"%s\" lacks \"%s\"", m, needle);
    free(m);
}

/* ---- looked after children ---- */

/* Mar 2016 = 450, then the twelve 2016-17 months, then Apr 2017 (after the
 * year's end).  Sum of the twelve = 5451, mean 454.25 -> "454.3".  Latest
 * month not after March 2017 = 459; 459/67600*10000 = 67.899 -> "67.9";
 * previous = March 2016 (twelve months before) = 450: +9, 9/450 = +2.0%. */
static const long long S_lac[12] = {468, 461, 448, 448, 438, 444, 440, 472, 458, 457, 458, 459};

static void S_lac_table(project *p, int skip_month)
{
    table *t = tb_table(p, RET_LAC, false);
    tb_row(t, "mc", 201603, 450LL);
    for (int i = 0; i < 12; i++) {
        int ym = i < 9 ? 201604 + i : 201701 + (i - 9);
        if (ym != skip_month)
            tb_row(t, "mc", ym, S_lac[i]);
    }
    tb_row(t, "mc", 201704, 470LL);
}

static void test_lac_latest_mean_rate_and_change(void **state)
{
    fixture *f = *state;
    f->p.cfg.has_child_population = true;
    f->p.cfg.child_population = 67600;
    S_lac_table(&f->p, 0);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), 0);
    cf_expect(&f->fs, "lac.count.latest", "459");
    cf_expect(&f->fs, "lac.count.mean", "454.3");
    assert_true(fig_find(&f->fs, "lac.count.mean")->value == 454.25);
    cf_expect(&f->fs, "lac.rate_per_10k", "67.9");
    cf_expect(&f->fs, "lac.count.latest_month", "March 2017");
    assert_true(fig_find(&f->fs, "lac.count.latest_month")->value == 201703);
    cf_expect(&f->fs, "lac.count.previous", "450");
    cf_expect(&f->fs, "lac.count.change", "+9");
    cf_expect(&f->fs, "lac.count.change_pct", "+2.0%");
    assert_int_equal(f->dl.n, 0);
    const dataset *ds = dsl_find(&f->dsl, "lac_month");
    assert_int_equal(ds->nrows, 14);
    cf_expect_cell(ds, 0, 0, "Mar 2016");
    cf_expect_cell(ds, 12, 1, "459");
    cf_expect_cell(ds, 12, 2, "67.9");
}

static void test_lac_rate_omitted_without_child_population(void **state)
{
    fixture *f = *state;
    S_lac_table(&f->p, 0);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    assert_null(fig_find(&f->fs, "lac.rate_per_10k"));
    cf_expect_cell(dsl_find(&f->dsl, "lac_month"), 0, 2, "[x]");
}

static void test_lac_previous_year_return_wins(void **state)
{
    fixture *f = *state;
    S_lac_table(&f->p, 0);
    f->p.years[1].present = true;
    table *t = tb_table(&f->p, RET_LAC, true);
    tb_row(t, "mc", 201602, 440LL);
    tb_row(t, "mc", 201603, 449LL);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "lac.count.previous", "449");
    cf_expect(&f->fs, "lac.count.change", "+10");
    assert_string_equal(fig_find(&f->fs, "lac.count.previous")->sources,
                        "2015-16/looked_after_monthly.csv");
}

static void test_lac_missing_month_is_named(void **state)
{
    fixture *f = *state;
    S_lac_table(&f->p, 201607);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    assert_int_equal(f->dl.nwarnings, 1);
    S_expect_diag(&f->dl, 0, "Jul 2016");
    /* mean of the eleven months left: (5451 - 448) / 11 = 454.818 -> 454.8 */
    cf_expect(&f->fs, "lac.count.mean", "454.8");
}

/* ---- comparators ---- */

static void test_comparators_latest_period_as_written(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_COMPARATORS, false);
    tb_row(t, "tttn", "lac_rate_per_10k", "England", "2017-03", "62.0");
    tb_row(t, "tttn", "lac_rate_per_10k", "England", "2016-03", "60");
    tb_row(t, "tttn", "lac_rate_per_10k", "Statistical neighbours", "2017-03", "1234.5");
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "comparator.lac_rate_per_10k.england", "62.0");
    cf_expect(&f->fs, "comparator.lac_rate_per_10k.statistical_neighbours", "1,234.5");
    const dataset *ds = dsl_find(&f->dsl, "lac_comparators");
    assert_int_equal(ds->nrows, 3);
    cf_expect_cell(ds, 1, 3, "60");
    /* the measure is named in words, not by its id */
    cf_expect_cell(ds, 0, 0, "Children looked after per 10,000 children aged 0-17");
}

/* A measure that is an indicator's id is named as the indicators return
 * names it; one the report does not know is shown as the return gives it. */
static void test_comparator_measures_named_in_words(void **state)
{
    fixture *f = *state;
    table *ind = tb_table(&f->p, RET_INDICATORS, false);
    tb_row(ind, "ttmnnnnee", "cgas", "CGAS scores recorded (%)", 201703, NULL, NULL, "96", NULL,
           -1, 0);
    table *t = tb_table(&f->p, RET_COMPARATORS, false);
    tb_row(t, "tttn", "cgas", "England", "2017-03", "91");
    tb_row(t, "tttn", "Dental checks (%)", "England", "2017-03", "84");
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    const dataset *ds = dsl_find(&f->dsl, "lac_comparators");
    assert_non_null(ds);
    /* cgas: the area's own row, then England's; then the unknown measure */
    assert_int_equal(ds->nrows, 3);
    cf_expect_cell(ds, 0, 0, "CGAS scores recorded (%)");
    cf_expect_cell(ds, 1, 0, "CGAS scores recorded (%)");
    cf_expect_cell(ds, 1, 3, "91");
    cf_expect_cell(ds, 2, 0, "Dental checks (%)");
}

/* ---- CDOP ---- */

/* Ten reviews.  Under one: 3 + 1 = 4 (40.0%), neonatal 3.  Ethnicity: White 3
 * (White British, White Irish, white other), BAME 4 (White and Black
 * Caribbean, Asian - Indian, Black African, Mixed other), not known 3:
 * 4 / 7 = 57.1%.  Expected 4 (40.0%), unexpected 6 (60.0%).  Category 8: 3
 * (30.0%).  Modifiable: 2 yes of 6 recorded = 33.3%. */
static void test_cdop_figures(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_CDOP, false);
    static const struct {
        int age, sex;
        const char *eth;
        int cat, expected, mod;
    } r[10] = {
        {CDOP_AGE_0_27D, CDOP_SEX_MALE, "White British", 7, 1, 1},
        {CDOP_AGE_0_27D, CDOP_SEX_MALE, "White and Black Caribbean", 7, 1, 0},
        {CDOP_AGE_0_27D, CDOP_SEX_FEMALE, "Not known", 7, 1, -1},
        {CDOP_AGE_28_364D, CDOP_SEX_FEMALE, "Asian - Indian", 0, 0, 1},
        {CDOP_AGE_1_4, CDOP_SEX_MALE, "White Irish", 4, 0, 0},
        {CDOP_AGE_1_4, CDOP_SEX_MALE, "Refused", 4, 1, 0},
        {CDOP_AGE_15_17, CDOP_SEX_MALE, "Black African", 9, 0, 0},
        {CDOP_AGE_15_17, CDOP_SEX_FEMALE, "white other", 9, 0, -1},
        {CDOP_AGE_15_17, CDOP_SEX_MALE, "Unknown", 9, 0, -1},
        {CDOP_AGE_15_17, CDOP_SEX_NOT_KNOWN, "Mixed other", 9, 0, -1},
    };
    for (int i = 0; i < 10; i++) {
        char id[8];
        snprintf(id, sizeof id, "D%d", i);
        tb_row(t, "tdeeteyy", id, 20160601, r[i].age, r[i].sex, r[i].eth, r[i].cat,
               r[i].expected, r[i].mod);
    }
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "cdop.reviews.total", "10");
    cf_expect(&f->fs, "cdop.under_1.count", "4");
    cf_expect(&f->fs, "cdop.under_1.pct", "40.0%");
    cf_expect(&f->fs, "cdop.neonatal.count", "3");
    cf_expect(&f->fs, "cdop.sex.male.count", "6");
    cf_expect(&f->fs, "cdop.sex.female.count", "3");
    cf_expect(&f->fs, "cdop.sex.not_known.count", "1");
    cf_expect(&f->fs, "cdop.bame.count", "4");
    cf_expect(&f->fs, "cdop.bame.pct", "57.1%");
    cf_expect(&f->fs, "cdop.expected.count", "4");
    cf_expect(&f->fs, "cdop.expected.pct", "40.0%");
    cf_expect(&f->fs, "cdop.unexpected.pct", "60.0%");
    cf_expect(&f->fs, "cdop.category.8.count", "3");
    cf_expect(&f->fs, "cdop.category.8.pct", "30.0%");
    cf_expect(&f->fs, "cdop.category.10.count", "4");
    cf_expect(&f->fs, "cdop.category.2.count", "0");
    cf_expect(&f->fs, "cdop.modifiable.count", "2");
    cf_expect(&f->fs, "cdop.modifiable.pct", "33.3%");
    const dataset *ds = dsl_find(&f->dsl, "cdop_ethnicity");
    cf_expect_cell(ds, 1, 2, "57.1%");
    cf_expect_cell(ds, 2, 2, "[z]");
    ds = dsl_find(&f->dsl, "cdop_category");
    assert_int_equal(ds->nrows, 11);
    cf_expect_cell(ds, 7, 0, "8 Perinatal/neonatal event");
}

static void test_cdop_ethnic_group_rule(void **state)
{
    (void)state;
    assert_int_equal(compute_cdop_ethnic_group("White British"), 0);
    assert_int_equal(compute_cdop_ethnic_group("WHITE"), 0);
    assert_int_equal(compute_cdop_ethnic_group("White and Asian"), 1);
    assert_int_equal(compute_cdop_ethnic_group("Black Caribbean"), 1);
    assert_int_equal(compute_cdop_ethnic_group("not stated"), 2);
    assert_int_equal(compute_cdop_ethnic_group("Not Known"), 2);
}

/* ---- training and e-learning ---- */

/* Sessions: basics 20/18, basics 20/20, Neglect 15/16 (attended > places),
 * declared Total 55/50 (the rows give 55/54).  Fill 54/55 = 98.2%. */
static void S_training(project *p)
{
    table *t = tb_table(p, RET_TRAINING, false);
    tb_row(t, "tdcc", "Safeguarding basics", 20160510, 20LL, 18LL);
    tb_row(t, "tdcc", "safeguarding  basics", 20160610, 20LL, 20LL);
    tb_row(t, "tdcc", "Neglect", 20160710, 15LL, 16LL);
    tb_row(t, "tdcc", "Total", 20170331, 55LL, 50LL);
    tb_total(t);
}

static void test_training_totals_and_fill_rate(void **state)
{
    fixture *f = *state;
    S_training(&f->p);
    table *e = tb_table(&f->p, RET_ELEARNING, false);
    tb_row(e, "tc", "Intro", 100LL);
    tb_row(e, "tc", "Neglect", 24535LL);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "training.sessions.total", "3");
    cf_expect(&f->fs, "training.courses.total", "2");
    cf_expect(&f->fs, "training.places.total", "55");
    cf_expect(&f->fs, "training.attended.total", "54");
    cf_expect(&f->fs, "training.fill_rate.pct", "98.2%");
    cf_expect(&f->fs, "training.course.safeguarding_basics.sessions", "2");
    cf_expect(&f->fs, "training.course.safeguarding_basics.places", "40");
    cf_expect(&f->fs, "training.course.safeguarding_basics.attended", "38");
    cf_expect(&f->fs, "training.elearning.total", "24,635");
    const dataset *ds = dsl_find(&f->dsl, "training_course");
    cf_expect_cell(ds, 0, 0, "Safeguarding basics");
    cf_expect_cell(ds, 2, 0, "Total");
    cf_expect_cell(ds, 2, 4, "98.2%");
}

static void test_training_warnings_over_places_and_total_mismatch(void **state)
{
    fixture *f = *state;
    S_training(&f->p);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), 0);
    assert_int_equal(f->dl.nwarnings, 2);
    assert_int_equal(f->dl.items[0].line, 4); /* Neglect: 16 attended, 15 places */
    assert_int_equal(f->dl.items[1].line, 5); /* declared Total */
    S_expect_diag(&f->dl, 1, "column attended: \"50\": declared total 50 does not match the "
                             "sum of the rows above it, 54");
}

static void test_training_over_places_is_an_error_under_strict(void **state)
{
    fixture *f = *state;
    S_training(&f->p);
    f->p.cfg.strict = true;
    assert_int_not_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), 0);
    assert_int_equal(f->dl.nerrors, 2);
    assert_int_equal(f->dl.items[0].sev, DIAG_ERROR);
    assert_int_equal(f->dl.items[0].line, 4); /* Neglect: 16 attended, 15 places */
    S_expect_diag(&f->dl, 0, "15 places offered");
}

/* ---- crime ---- */

/* Total Crimes, Lewisham: 24,635 vs 24,556 -> +79, +0.3%.  Rape, Lewisham:
 * 760 vs 769 -> −9, −1.2%.  Rape, Met Total: 30 vs 15 -> +15, no %. */
static void test_crime_current_previous_and_change(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_CRIME, false);
    tb_row(t, "ttmc", "Rape", "Met Total", 201701, 30LL);
    tb_row(t, "ttmc", "Rape", "Met Total", 201601, 15LL);
    tb_row(t, "ttmc", "Total Crimes", "Lewisham", 201701, 24635LL);
    tb_row(t, "ttmc", "Total Crimes", "Lewisham", 201601, 24556LL);
    tb_row(t, "ttmc", "Total Crimes", "Lewisham", 201501, 20000LL);
    tb_row(t, "ttmc", "Rape", "Lewisham", 201701, 760LL);
    tb_row(t, "ttmc", "Rape", "Lewisham", 201601, 769LL);
    tb_row(t, "ttmc", "Rape", "Total", 201701, 790LL); /* 760 + 30: agrees */
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), 0);
    assert_int_equal(f->dl.n, 0);
    cf_expect(&f->fs, "crime.period.current", "12 months to January 2017");
    assert_true(fig_find(&f->fs, "crime.period.current")->value == 201701);
    cf_expect(&f->fs, "crime.period.previous", "12 months to January 2016");
    cf_expect(&f->fs, "crime.total_crimes.lewisham.current", "24,635");
    cf_expect(&f->fs, "crime.total_crimes.lewisham.previous", "24,556");
    cf_expect(&f->fs, "crime.total_crimes.lewisham.change", "+79");
    cf_expect(&f->fs, "crime.total_crimes.lewisham.change_pct", "+0.3%");
    cf_expect(&f->fs, "crime.rape.lewisham.change", MINUS "9");
    cf_expect(&f->fs, "crime.rape.lewisham.change_pct", MINUS "1.2%");
    cf_expect(&f->fs, "crime.rape.met_total.change", "+15");
    cf_expect(&f->fs, "crime.rape.met_total.change_pct", "n/a");
    assert_null(fig_find(&f->fs, "crime.rape.total.current"));
    const dataset *ds = dsl_find(&f->dsl, "crime");
    assert_int_equal(ds->nrows, 3);
    /* types in file order, the report's area first */
    cf_expect_cell(ds, 0, 0, "Rape");
    cf_expect_cell(ds, 0, 1, "Lewisham");
    cf_expect_cell(ds, 1, 1, "Met Total");
    cf_expect_cell(ds, 1, 5, "[u]");
    cf_expect_cell(ds, 2, 0, "Total Crimes");
    cf_expect_cell(ds, 2, 3, "24,635");
}

static void test_crime_declared_total_mismatch_and_type_sets(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_CRIME, false);
    tb_row(t, "ttmc", "Rape", "Lewisham", 201701, 760LL);
    tb_row(t, "ttmc", "Robbery", "Lewisham", 201701, 100LL);
    tb_row(t, "ttmc", "Grand total", "Lewisham", 201701, 800LL);
    f->p.years[1].present = true;
    table *pt = tb_table(&f->p, RET_CRIME, true);
    tb_row(pt, "ttmc", "Rape", "Lewisham", 201601, 769LL);
    tb_row(pt, "ttmc", "Burglary", "Lewisham", 201601, 50LL);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    /* previous-period value taken from the previous year's return */
    cf_expect(&f->fs, "crime.rape.lewisham.previous", "769");
    cf_expect(&f->fs, "crime.robbery.lewisham.previous", "n/a");
    assert_int_equal(f->dl.nwarnings, 2);
    S_expect_diag(&f->dl, 0, "(860)");
    S_expect_diag(&f->dl, 1, "only in 2016-17: Robbery; only in 2015-16: Burglary");
}

/* ---- indicators ---- */

static void test_indicators_units_latest_period_and_disagreement(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_INDICATORS, false);
    const char *ty = "ttmnnnnee";
    tb_row(t, ty, "iha_28_days", "IHA within 28 days", 201612, NULL, NULL, "90.0", "95", -1,
           -1);
    /* 73/75*100 = 97.333 -> 97.3, but value says 95.0: warning, 97.3 used */
    tb_row(t, ty, "iha_28_days", "IHA within 28 days", 201703, "73", "75", "95.0", "95", -1,
           -1);
    tb_row(t, ty, "cp_plans", "Children with a plan", 201703, NULL, NULL, "1312", NULL, -1,
           IND_UNIT_COUNT);
    tb_row(t, ty, "avg_days", "Average days", 201703, NULL, NULL, "60.0", "55.00",
           IND_POL_LOWER, -1);
    tb_row(t, ty, "cp_rate", "CP rate", 201703, NULL, NULL, "45.65", NULL, -1, IND_UNIT_RATE);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "indicator.iha_28_days.value", "97.3%");
    assert_true(fig_find(&f->fs, "indicator.iha_28_days.value")->value > 97.33);
    cf_expect(&f->fs, "indicator.iha_28_days.target", "95.0%");
    cf_expect(&f->fs, "indicator.iha_28_days.period", "March 2017");
    cf_expect(&f->fs, "indicator.cp_plans.value", "1,312");
    cf_expect(&f->fs, "indicator.cp_plans.target", "n/a");
    cf_expect(&f->fs, "indicator.avg_days.value", "60.0");
    cf_expect(&f->fs, "indicator.avg_days.target", "55.00");
    cf_expect(&f->fs, "indicator.cp_rate.value", "45.7"); /* 45.65 half away from zero */
    assert_int_equal(f->dl.nwarnings, 1);
    assert_int_equal(f->dl.items[0].line, 3);
    S_expect_diag(&f->dl, 0, "numerator/denominator gives 97.3, value says 95.0; using 97.3");
    const dataset *ds = dsl_find(&f->dsl, "indicators");
    assert_int_equal(ds->nrows, 5);
    cf_expect_cell(ds, 0, 1, "Dec 2016");
    cf_expect_cell(ds, 1, 3, "97.3");
    cf_expect_cell(ds, 3, 7, "lower");
}

/* Latest period per indicator against target.  iha: 73/75 = 97.3% >= 95 ->
 * Yes.  avg_days (lower is better): 60.0 > 55.00 -> No.  cp_plans: no
 * target -> [z].  edge: 96.96 shows as 97.0, target 97 -> Yes (compared as
 * shown, not 96.96 < 97). */
static void test_indicators_latest_against_target(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_INDICATORS, false);
    const char *ty = "ttmnnnnee";
    tb_row(t, ty, "iha_28_days", "IHA within 28 days", 201612, NULL, NULL, "90.0", "95", -1,
           -1);
    tb_row(t, ty, "iha_28_days", "IHA within 28 days", 201703, "73", "75", NULL, "95", -1, -1);
    tb_row(t, ty, "avg_days", "Average days", 201703, NULL, NULL, "60.0", "55.00",
           IND_POL_LOWER, -1);
    tb_row(t, ty, "cp_plans", "Children with a plan", 201703, NULL, NULL, "1312", NULL, -1,
           IND_UNIT_COUNT);
    tb_row(t, ty, "edge", "Edge", 201703, NULL, NULL, "96.96", "97", -1, IND_UNIT_PERCENT);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    const dataset *ds = dsl_find(&f->dsl, "indicators_latest");
    assert_non_null(ds);
    assert_int_equal(ds->nrows, 4);
    cf_expect_cell(ds, 0, 0, "IHA within 28 days");
    cf_expect_cell(ds, 0, 1, "Mar 2017");
    cf_expect_cell(ds, 0, 2, "97.3");
    cf_expect_cell(ds, 0, 5, "Yes");
    cf_expect_cell(ds, 1, 4, "lower");
    cf_expect_cell(ds, 1, 5, "No");
    cf_expect_cell(ds, 2, 5, "[z]");
    cf_expect_cell(ds, 3, 2, "97.0");
    cf_expect_cell(ds, 3, 5, "Yes");
}

/* ---- funding ---- */

/* Council 100,000 + Health 51,050 + Police 30,000 = 181,050 ("£181,050");
 * Council 100000/181050 = 55.23% -> 55.2%.  Declared Total 181,000: mismatch. */
static void S_funding(project *p, long long council_pence)
{
    table *t = tb_table(p, RET_FUNDING, false);
    tb_row(t, "tp", "Council", council_pence);
    tb_row(t, "tp", "Health", 5105000LL);
    tb_row(t, "tp", "Police", 3000000LL);
    tb_row(t, "tp", "TOTAL", 18100000LL);
    tb_total(t);
}

static void test_funding_whole_pounds_and_total_mismatch_warning(void **state)
{
    fixture *f = *state;
    S_funding(&f->p, 10000000LL);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), 0);
    cf_expect(&f->fs, "funding.total", POUND "181,050");
    assert_true(fig_find(&f->fs, "funding.total")->value == 181050.0);
    cf_expect(&f->fs, "funding.council.amount", POUND "100,000");
    cf_expect(&f->fs, "funding.council.pct", "55.2%");
    assert_null(fig_find(&f->fs, "funding.total.amount"));
    assert_int_equal(f->dl.nwarnings, 1);
    assert_int_equal(f->dl.nerrors, 0);
    assert_int_equal(f->dl.items[0].line, 5);
    S_expect_diag(&f->dl, 0, POUND "181,000");
    S_expect_diag(&f->dl, 0, POUND "181,050");
    const dataset *ds = dsl_find(&f->dsl, "funding");
    assert_int_equal(ds->nrows, 4);
    cf_expect_cell(ds, 3, 0, "Total");
    cf_expect_cell(ds, 3, 1, POUND "181,050");
}

static void test_funding_total_mismatch_is_error_when_strict(void **state)
{
    fixture *f = *state;
    f->p.cfg.strict = true;
    S_funding(&f->p, 10000000LL);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_ERR_INPUT);
    assert_int_equal(f->dl.nerrors, 1);
}

static void test_funding_with_pence_shows_pence(void **state)
{
    fixture *f = *state;
    S_funding(&f->p, 13002150LL); /* £130,021.50 */
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "funding.council.amount", POUND "130,021.50");
    cf_expect(&f->fs, "funding.health.amount", POUND "51,050.00");
    cf_expect(&f->fs, "funding.total", POUND "211,071.50");
    cf_expect_cell(dsl_find(&f->dsl, "funding"), 0, 1, POUND "130,021.50");
}

/* ---- whole run ---- */

static void test_absent_returns_give_no_figures(void **state)
{
    fixture *f = *state;
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), 0);
    assert_int_equal(f->fs.n, 0);
    assert_int_equal(f->dsl.n, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, cf_setup, cf_teardown)
    const struct CMUnitTest tests[] = {
        T(test_lac_latest_mean_rate_and_change),
        T(test_lac_rate_omitted_without_child_population),
        T(test_lac_previous_year_return_wins),
        T(test_lac_missing_month_is_named),
        T(test_comparators_latest_period_as_written),
        T(test_comparator_measures_named_in_words),
        T(test_cdop_figures),
        T(test_cdop_ethnic_group_rule),
        T(test_training_totals_and_fill_rate),
        T(test_training_warnings_over_places_and_total_mismatch),
        T(test_training_over_places_is_an_error_under_strict),
        T(test_crime_current_previous_and_change),
        T(test_crime_declared_total_mismatch_and_type_sets),
        T(test_indicators_units_latest_period_and_disagreement),
        T(test_indicators_latest_against_target),
        T(test_funding_whole_pounds_and_total_mismatch_warning),
        T(test_funding_total_mismatch_is_error_when_strict),
        T(test_funding_with_pence_shows_pence),
        T(test_absent_returns_give_no_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
