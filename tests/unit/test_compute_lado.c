/* test_compute_lado.c - LADO figures and tables from a hand-built return.
 *
 * The 2016-17 return (8 contacts), worked by hand:
 *   Q1: Primary school Y/SM Y/Substantiated; primary  School Y/SM N/Unfounded;
 *       Health N; Health Y/SM Y/Pending
 *   Q2: Police Y/SM N/NFA; Primary school N
 *   Q3: none
 *   Q4: Health Y/SM Y/Substantiated; Health Y/SM N/Unsubstantiated
 * contacts 8 (4,2,0,2), referrals 6 (3,1,0,2), 6/8 = 75.0%, strategy 3/6 = 50.0%,
 * substantiated 2/6 = 33.3% (Q1 1/3 = 33.3%, Q2 0/1 = 0.0%, Q3 n/a, Q4 1/2 = 50.0%).
 * 2015-16: Primary School 25 referrals, Health 2, Early years 1 contact (N):
 * 28 contacts, 27 referrals; change 6 - 27 = −21, −21/27 = −77.8%. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/compute.h"
#include "compute_fixture.h"

#include <stdlib.h>
#include <string.h>

#define MINUS "\xE2\x88\x92"

static void S_current(project *p)
{
    table *t = tb_table(p, RET_LADO, false);
    tb_row(t, "tdtyye", "C1", 20160405, "Primary school", 1, 1, LADO_OUT_SUBSTANTIATED);
    tb_row(t, "tdtyye", "C2", 20160510, "primary  School", 1, 0, LADO_OUT_UNFOUNDED);
    tb_row(t, "tdtyye", "C3", 20160601, "Health", 0, -1, -1);
    tb_row(t, "tdtyye", "C4", 20160630, "Health", 1, 1, LADO_OUT_PENDING);
    tb_row(t, "tdtyye", "C5", 20160701, "Police", 1, 0, LADO_OUT_NFA);
    tb_row(t, "tdtyye", "C6", 20160930, "Primary school", 0, -1, -1);
    tb_row(t, "tdtyye", "C7", 20170115, "Health", 1, 1, LADO_OUT_SUBSTANTIATED);
    tb_row(t, "tdtyye", "C8", 20170331, "Health", 1, 0, LADO_OUT_UNSUBSTANTIATED);
}

static void S_previous(project *p)
{
    p->years[1].present = true;
    table *t = tb_table(p, RET_LADO, true);
    char id[16];
    for (int i = 0; i < 25; i++) {
        snprintf(id, sizeof id, "P%d", i);
        tb_row(t, "tdtyye", id, 20150601, "Primary School", 1, 0, LADO_OUT_UNFOUNDED);
    }
    tb_row(t, "tdtyye", "H1", 20150701, "Health", 1, 0, LADO_OUT_PENDING);
    tb_row(t, "tdtyye", "H2", 20150801, "Health", 1, 0, LADO_OUT_PENDING);
    tb_row(t, "tdtyye", "E1", 20150901, "Early years", 0, -1, -1);
}

static void test_lado_totals_quarters_and_threshold(void **state)
{
    fixture *f = *state;
    S_current(&f->p);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), 0);
    cf_expect(&f->fs, "lado.contacts.total", "8");
    cf_expect(&f->fs, "lado.contacts.q1", "4");
    cf_expect(&f->fs, "lado.contacts.q2", "2");
    cf_expect(&f->fs, "lado.contacts.q3", "0");
    cf_expect(&f->fs, "lado.contacts.q4", "2");
    cf_expect(&f->fs, "lado.referrals.total", "6");
    cf_expect(&f->fs, "lado.referrals.q1", "3");
    cf_expect(&f->fs, "lado.referrals.q2", "1");
    cf_expect(&f->fs, "lado.referrals.q3", "0");
    cf_expect(&f->fs, "lado.referrals.q4", "2");
    cf_expect(&f->fs, "lado.referrals.threshold_pct", "75.0%");
    cf_expect(&f->fs, "lado.strategy_meetings.total", "3");
    cf_expect(&f->fs, "lado.strategy_meetings.pct", "50.0%");
    const figure *fg = fig_find(&f->fs, "lado.referrals.threshold_pct");
    assert_true(fg->value == 75.0);
    assert_string_equal(fg->unit, "percent");
    assert_string_equal(fg->sources, "2016-17/lado_contacts.csv");
    assert_string_equal(fg->definition, "LADO referrals as a percentage of contacts received");
    /* no previous year: no change figures */
    assert_null(fig_find(&f->fs, "lado.referrals.change"));
    assert_null(fig_find(&f->fs, "lado.agency.health.change"));
}

static void test_lado_every_outcome_including_zeros(void **state)
{
    fixture *f = *state;
    S_current(&f->p);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "lado.outcome.substantiated.count", "2");
    cf_expect(&f->fs, "lado.outcome.substantiated.pct", "33.3%");
    cf_expect(&f->fs, "lado.outcome.unsubstantiated.count", "1");
    cf_expect(&f->fs, "lado.outcome.unsubstantiated.pct", "16.7%");
    cf_expect(&f->fs, "lado.outcome.unfounded.count", "1");
    cf_expect(&f->fs, "lado.outcome.false.count", "0");
    cf_expect(&f->fs, "lado.outcome.false.pct", "0.0%");
    cf_expect(&f->fs, "lado.outcome.malicious.count", "0");
    cf_expect(&f->fs, "lado.outcome.no_further_action.count", "1");
    cf_expect(&f->fs, "lado.outcome.pending.pct", "16.7%");
    cf_expect(&f->fs, "lado.substantiated.q1", "1");
    cf_expect(&f->fs, "lado.substantiated.q1.pct", "33.3%");
    cf_expect(&f->fs, "lado.substantiated.q2.pct", "0.0%");
    cf_expect(&f->fs, "lado.substantiated.q3.pct", "n/a");
    assert_false(fig_find(&f->fs, "lado.substantiated.q3.pct")->available);
    cf_expect(&f->fs, "lado.substantiated.q4.pct", "50.0%");

    const dataset *ds = dsl_find(&f->dsl, "lado_outcome");
    assert_non_null(ds);
    /* largest first, ties in schema order, then Total */
    assert_int_equal(ds->nrows, 6);
    cf_expect_cell(ds, 0, 0, "Substantiated");
    cf_expect_cell(ds, 1, 0, "Unsubstantiated");
    cf_expect_cell(ds, 2, 0, "Unfounded");
    cf_expect_cell(ds, 3, 0, "No further action");
    cf_expect_cell(ds, 4, 0, "Pending");
    cf_expect_cell(ds, 5, 0, "Total");
    cf_expect_cell(ds, 5, 1, "6");
    cf_expect_cell(ds, 0, 2, "33.3%");
}

static void test_lado_quarter_table(void **state)
{
    fixture *f = *state;
    S_current(&f->p);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    const dataset *ds = dsl_find(&f->dsl, "lado_quarter");
    assert_non_null(ds);
    assert_int_equal(ds->ncols, 8);
    assert_int_equal(ds->nrows, 5);
    cf_expect_cell(ds, 0, 0, "Q1");
    cf_expect_cell(ds, 0, 1, "4");
    cf_expect_cell(ds, 0, 3, "75.0%");
    cf_expect_cell(ds, 2, 3, "[z]"); /* Q3: no contacts */
    cf_expect_cell(ds, 2, 7, "[z]");
    cf_expect_cell(ds, 4, 0, "Total");
    cf_expect_cell(ds, 4, 2, "6");
    cf_expect_cell(ds, 4, 5, "50.0%");
    cf_expect_cell(ds, 4, 7, "33.3%");
}

static void test_lado_agencies_group_by_slug_with_first_spelling(void **state)
{
    fixture *f = *state;
    S_current(&f->p);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "lado.agency.primary_school.referrals", "2");
    cf_expect(&f->fs, "lado.agency.primary_school.substantiated", "1");
    cf_expect(&f->fs, "lado.agency.health.referrals", "3");
    cf_expect(&f->fs, "lado.agency.police.substantiated", "0");
    const dataset *ds = dsl_find(&f->dsl, "lado_agency");
    /* most referrals first: Health 3, Primary school 2, Police 1; [x] no previous */
    cf_expect_cell(ds, 0, 0, "Health");
    cf_expect_cell(ds, 1, 0, "Primary school");
    cf_expect_cell(ds, 2, 0, "Police");
    cf_expect_cell(ds, 3, 0, "Total");
    cf_expect_cell(ds, 0, 2, "[x]");
    cf_expect_cell(ds, 0, 4, "[x]");
    cf_expect_cell(ds, 1, 6, "50.0%");
    const dataset *ao = dsl_find(&f->dsl, "lado_agency_outcome");
    assert_int_equal(ao->ncols, 1 + 7 + 1);
    cf_expect_cell(ao, 0, 1, "1"); /* Health substantiated */
    cf_expect_cell(ao, 0, 8, "3");
    cf_expect_cell(ao, 3, 8, "6");
}

static void test_lado_change_from_previous_year(void **state)
{
    fixture *f = *state;
    S_current(&f->p);
    S_previous(&f->p);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "lado.referrals.previous", "27");
    cf_expect(&f->fs, "lado.referrals.change", MINUS "21");
    cf_expect(&f->fs, "lado.referrals.change_pct", MINUS "77.8%");
    assert_string_equal(fig_find(&f->fs, "lado.referrals.change")->sources,
                        "2016-17/lado_contacts.csv; 2015-16/lado_contacts.csv");
    cf_expect(&f->fs, "lado.agency.primary_school.previous", "25");
    cf_expect(&f->fs, "lado.agency.primary_school.change", MINUS "23");
    cf_expect(&f->fs, "lado.agency.primary_school.change_pct", MINUS "92.0%");
    /* Health: previous 2 is below 20, so no relative change */
    cf_expect(&f->fs, "lado.agency.health.change", "+1");
    cf_expect(&f->fs, "lado.agency.health.change_pct", "n/a");
    assert_false(fig_find(&f->fs, "lado.agency.health.change_pct")->available);
    /* an agency only in the previous year still gets its figures */
    cf_expect(&f->fs, "lado.agency.early_years.referrals", "0");
    cf_expect(&f->fs, "lado.agency.early_years.change", "0");

    const dataset *ds = dsl_find(&f->dsl, "lado_agency");
    cf_expect_cell(ds, 1, 0, "Primary school");
    cf_expect_cell(ds, 1, 2, "25");
    cf_expect_cell(ds, 1, 3, MINUS "23");
    cf_expect_cell(ds, 1, 4, MINUS "92.0%");
    cf_expect_cell(ds, 0, 4, "[u]");
    cf_expect_cell(ds, 4, 0, "Total");
    cf_expect_cell(ds, 4, 2, "27");
}

static void test_lado_agency_set_difference_is_named(void **state)
{
    fixture *f = *state;
    S_current(&f->p);
    S_previous(&f->p);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), 0);
    assert_int_equal(f->dl.nwarnings, 1);
    char *msg = diag_format(&f->dl.items[0]);
    assert_non_null(strstr(msg, "only in 2016-17: Police"));
    assert_non_null(strstr(msg, "only in 2015-16: Early years"));
    free(msg);
}

static void test_lado_agency_set_difference_is_error_when_strict(void **state)
{
    fixture *f = *state;
    f->p.cfg.strict = true;
    S_current(&f->p);
    S_previous(&f->p);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_ERR_INPUT);
    assert_int_equal(f->dl.nerrors, 1);
}

/* A declared total (the loader's flag) is no contact and, with no count
 * column to check, says nothing: still 8 contacts and 6 referrals. */
static void test_lado_declared_total_row_is_left_out(void **state)
{
    fixture *f = *state;
    S_current(&f->p);
    tb_row(&f->p.years[0].tables[RET_LADO], "tdtyye", "Total", 20170331, "Grand total", 1, 0,
           LADO_OUT_PENDING);
    tb_total(&f->p.years[0].tables[RET_LADO]);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    cf_expect(&f->fs, "lado.contacts.total", "8");
    cf_expect(&f->fs, "lado.referrals.total", "6");
    assert_int_equal(f->dl.n, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, cf_setup, cf_teardown)
    const struct CMUnitTest tests[] = {
        T(test_lado_totals_quarters_and_threshold),
        T(test_lado_every_outcome_including_zeros),
        T(test_lado_quarter_table),
        T(test_lado_agencies_group_by_slug_with_first_spelling),
        T(test_lado_change_from_previous_year),
        T(test_lado_agency_set_difference_is_named),
        T(test_lado_agency_set_difference_is_error_when_strict),
        T(test_lado_declared_total_row_is_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
