/* test_compute_totals.c - declared Total rows in every return that has
 * them, as the data contract (section 3) says: checked against the sum of
 * the rows above it, a warning naming the line when it differs (an error
 * under [checks] strict), and never counted as a row.  And the Total rows
 * compute writes into its tables are flagged as such, and only they.
 * Every expected number is worked out by hand in the comment above it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/compute.h"
#include "compute_fixture.h"

#include <stdlib.h>
#include <string.h>

#define POUND "\xC2\xA3"

/* Exactly one diagnostic, of this severity, on this line, saying needle. */
static void S_one_diag(const diag_list *dl, diag_severity sev, int line, const char *needle)
{
    if (dl->n != 1) {
        for (size_t i = 0; i < dl->n; i++) {
            char *m = diag_format(&dl->items[i]);
            fprintf(stderr, "  %s\n", m);
            free(m);
        }
        fail_msg("expected one diagnostic, got %zu", dl->n);
    }
    assert_int_equal(dl->items[0].sev, sev);
    assert_int_equal(dl->items[0].line, line);
    char *m = diag_format(&dl->items[0]);
    if (!strstr(m, needle))
        fail_msg("diagnostic \"%s\" lacks \"%s\"", m, needle);
    free(m);
}

/* ---- training_sessions.csv: places and attended ---- */

/* Two sessions, 20/15 and 10/8: sums 30 places, 23 attended (lines 2, 3);
 * the declared Total on line 4 (-1: a blank cell). */
static void S_training(project *p, long long places, long long attended)
{
    table *t = tb_table(p, RET_TRAINING, false);
    tb_row(t, "tdcc", "Course A", 20160501, 20LL, 15LL);
    tb_row(t, "tdcc", "Course B", 20160601, 10LL, 8LL);
    tb_row(t, "tdcc", "Total", 0, places, attended);
    tb_total(t);
}

static void test_training_total_that_adds_up_is_silent_and_not_counted(void **state)
{
    fixture *f = *state;
    S_training(&f->p, 30, 23);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 0);
    cf_expect(&f->fs, "training.sessions.total", "2");
    cf_expect(&f->fs, "training.courses.total", "2");
    cf_expect(&f->fs, "training.places.total", "30");
    cf_expect(&f->fs, "training.attended.total", "23");
}

/* 25 declared against 23 added up: one warning for that column only. */
static void test_training_total_that_differs_is_a_warning_or_strict_error(void **state)
{
    fixture *f = *state;
    S_training(&f->p, 30, 25);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    S_one_diag(&f->dl, DIAG_WARNING, 4,
               "column attended: \"25\": declared total 25 does not match the sum of the rows "
               "above it, 23; the row is not counted, the sum is used");
    cf_expect(&f->fs, "training.attended.total", "23");
    diag_free(&f->dl);
    fig_free(&f->fs);
    dsl_free(&f->dsl);
    f->p.cfg.strict = true;
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_ERR_INPUT);
    S_one_diag(&f->dl, DIAG_ERROR, 4, "does not match the sum");
}

/* "Total,,," : blank cells are not recorded, so there is nothing to check
 * and nothing to say (the old message claimed "places 0, attended 0"). */
static void test_training_total_with_blank_cells_is_silent(void **state)
{
    fixture *f = *state;
    S_training(&f->p, -1, -1);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 0);
    cf_expect(&f->fs, "training.sessions.total", "2");
    cf_expect(&f->fs, "training.places.total", "30");
    /* one given, one blank: only the given one is checked (31 against 30) */
    tb_project_free(&f->p);
    fig_free(&f->fs);
    dsl_free(&f->dsl);
    S_training(&f->p, 31, -1);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    S_one_diag(&f->dl, DIAG_WARNING, 4, "column places: \"31\": declared total 31");
}

/* ---- elearning.csv ---- */

/* 40 + 2 = 42 completions; a declared Total of 41 on line 4 differs. */
static void test_elearning_total_is_checked_and_not_counted(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_ELEARNING, false);
    tb_row(t, "tc", "Level 1", 40LL);
    tb_row(t, "tc", "Level 2", 2LL);
    tb_row(t, "tc", "total", 41LL);
    tb_total(t);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    S_one_diag(&f->dl, DIAG_WARNING, 4, "declared total 41 does not match the sum of the rows "
                                        "above it, 42");
    cf_expect(&f->fs, "training.elearning.total", "42");
    cf_expect(&f->fs, "training.elearning.modules", "2");
}

/* "the rows above it": a Grand Total of 40 after Level 1 (40), then Level 2
 * (5) below it: 40 = 40, silent; Level 2 is still counted: 45. */
static void test_elearning_total_is_the_sum_of_the_rows_above(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_ELEARNING, false);
    tb_row(t, "tc", "Level 1", 40LL);
    tb_row(t, "tc", "Grand Total", 40LL);
    tb_total(t);
    tb_row(t, "tc", "Level 2", 5LL);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 0);
    cf_expect(&f->fs, "training.elearning.total", "45");
}

/* ---- funding.csv ---- */

/* £100 + £50.50 = £150.50; a declared Total of £150.00 on line 4 differs. */
static void test_funding_total_names_both_amounts(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_FUNDING, false);
    tb_row(t, "tp", "Council", 10000LL);
    tb_row(t, "tp", "Health", 5050LL);
    tb_row(t, "tp", "Total", 15000LL);
    tb_total(t);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    S_one_diag(&f->dl, DIAG_WARNING, 4, "declared total " POUND "150.00 does not match the sum "
                                        "of the rows above it, " POUND "150.50");
    cf_expect(&f->fs, "funding.total", POUND "150.50");
    cf_expect_cell(dsl_find(&f->dsl, "funding"), 2, 1, POUND "150.50");
}

/* ---- crime_figures.csv: a type total over areas, an area total over types ---- */

/* Rape in A 10 and B 5: the area total "Total" 16 differs (sum 15), line 4.
 * In A, Rape 10 and Robbery 7: the type total 17 agrees, line 6. */
static void test_crime_totals_over_areas_and_over_types(void **state)
{
    fixture *f = *state;
    f->p.cfg.area = (char *)"A";
    table *t = tb_table(&f->p, RET_CRIME, false);
    tb_row(t, "ttmc", "Rape", "A", 201703, 10LL);
    tb_row(t, "ttmc", "Rape", "B", 201703, 5LL);
    tb_row(t, "ttmc", "Rape", "Total", 201703, 16LL);
    tb_row(t, "ttmc", "Robbery", "A", 201703, 7LL);
    tb_row(t, "ttmc", "Total", "A", 201703, 17LL);
    tb_total(t);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    S_one_diag(&f->dl, DIAG_WARNING, 4, "declared total (16) does not match the sum");
    /* Totals are never rows of the table. */
    const dataset *ds = dsl_find(&f->dsl, "crime");
    assert_int_equal(ds->nrows, 3);
    assert_null(fig_find(&f->fs, "crime.rape.total.current"));
    assert_null(fig_find(&f->fs, "crime.total.a.current"));
}

/* ---- one row per record: lado_contacts.csv, cdop_reviews.csv ---- */

/* The loader's flag, not the label, decides: a contact whose id happens to
 * read "TOTAL" but is not flagged is a contact; the flagged row with blank
 * cells is none, and says nothing (there is no count column to check). */
static void test_lado_flagged_total_is_no_contact(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_LADO, false);
    tb_row(t, "tdtyye", "C1", 20160601, "Health", 1, 1, 0);
    tb_row(t, "tdtyye", "TOTAL", 20160601, "Health", 1, 1, 0);
    tb_row(t, "tdtyye", "Total", 0, NULL, -1, -1, -1);
    tb_total(t);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 0);
    cf_expect(&f->fs, "lado.contacts.total", "2");
    cf_expect(&f->fs, "lado.referrals.total", "2");
    assert_null(fig_find(&f->fs, "lado.agency.blank.referrals"));
}

/* Two reviews and, on line 4, the loader's declared total with blank cells:
 * 2 reviews, 1 expected, no message.  An indicator table's declared total
 * is no indicator; its numerator 70 against 73 above it is a warning, its
 * blank denominator is not checked. */
static void test_flagged_total_rows_are_left_out_of_counts(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_CDOP, false);
    tb_row(t, "tdeetey", "D1", 20160601, 0, 0, "White British", 6, 1);
    tb_row(t, "tdeetey", "D2", 20160701, 2, 1, "Black African", 3, 0);
    tb_row(t, "tdeetey", "Total", 0, -1, -1, NULL, -1, -1);
    tb_total(t);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 0);
    cf_expect(&f->fs, "cdop.reviews.total", "2");
    cf_expect(&f->fs, "cdop.expected.count", "1");
    diag_free(&f->dl);
    fig_free(&f->fs);
    dsl_free(&f->dsl);
    tb_project_free(&f->p);

    t = tb_table(&f->p, RET_INDICATORS, false);
    tb_row(t, "ttmnnn", "iha", "IHA in 28 days", 201703, "73", "75", NULL);
    tb_row(t, "ttmnnn", "Total", NULL, 0, "70", NULL, NULL);
    tb_total(t);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    S_one_diag(&f->dl, DIAG_WARNING, 3, "column numerator: \"70\": declared total 70 does not "
                                        "match the sum of the rows above it, 73");
    cf_expect(&f->fs, "indicator.iha.value", "97.3%");
    assert_null(fig_find(&f->fs, "indicator.total.value"));
}

/* Looked after: a Total of the month-end counts (450 + 455 = 905) is
 * checked (900 differs) and is no month: the latest is still 455. */
static void test_lac_total_is_checked_and_no_month(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_LAC, false);
    tb_row(t, "mc", 201702, 450LL);
    tb_row(t, "mc", 201703, 455LL);
    tb_row(t, "mc", 0, 900LL);
    tb_total(t);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    S_one_diag(&f->dl, DIAG_WARNING, 4, "declared total 900 does not match the sum of the rows "
                                        "above it, 905");
    cf_expect(&f->fs, "lac.count.latest", "455");
}

/* Comparators: values of other areas do not add up, so a Total row is
 * neither checked nor a comparator. */
static void test_comparators_total_is_no_comparator(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_COMPARATORS, false);
    tb_row(t, "tttn", "lac_rate_per_10k", "England", "2017-03", "62.0");
    tb_row(t, "tttn", "Total", "England", "2017-03", "62.0");
    tb_total(t);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 0);
    assert_null(fig_find(&f->fs, "comparator.total.england"));
    assert_int_equal(dsl_find(&f->dsl, "lac_comparators")->nrows, 1);
}

/* ---- the Total rows compute writes ---- */

/* In every table compute makes of a full project, a row is flagged as the
 * Total row exactly when its first cell reads "Total", and there is at most
 * one, the last. */
static void test_written_total_rows_are_flagged_and_only_they(void **state)
{
    fixture *f = *state;
    S_training(&f->p, 30, 23);
    table *t = tb_table(&f->p, RET_LADO, false);
    tb_row(t, "tdtyye", "C1", 20160601, "Health", 1, 1, 0);
    tb_row(t, "tdtyye", "C2", 20161001, "School", 0, -1, -1);
    t = tb_table(&f->p, RET_CDOP, false);
    tb_row(t, "tdeetey", "D1", 20160601, 0, 0, "White British", 6, 1);
    t = tb_table(&f->p, RET_FUNDING, false);
    tb_row(t, "tp", "Council", 10000LL);
    t = tb_table(&f->p, RET_ELEARNING, false);
    tb_row(t, "tc", "Level 1", 40LL);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    size_t totals = 0;
    for (size_t i = 0; i < f->dsl.n; i++) {
        const dataset *ds = f->dsl.items[i];
        for (size_t r = 0; r < ds->nrows; r++) {
            const dcell *c = ds_cell_const(ds, r, 0);
            bool says = c->kind == DC_TEXT && strcmp(c->text, "Total") == 0;
            if (says != ds_row_is_total(ds, r))
                fail_msg("%s row %zu: first cell \"%s\", total flag %d", ds->id, r,
                         c->text ? c->text : "", ds_row_is_total(ds, r));
            if (says) {
                assert_int_equal(r, ds->nrows - 1);
                totals++;
            }
        }
    }
    /* lado_quarter, lado_outcome, lado_agency, lado_agency_outcome, five CDOP
     * tables, training_course, training_elearning, funding. */
    assert_int_equal(totals, 12);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, cf_setup, cf_teardown)

/* ---- sums too large to be figures ---- */

/* Two amounts of 5,000,000,000,000,000 pence (50 trillion pounds) each:
 * the second takes the sum past 2^53 pence (about 90 trillion pounds),
 * one error on its line (3), and no funding figure at all.  Two of 5 x
 * 10^18 pence, which would wrap int64 round, stop at the first (line 2). */
static void test_funding_sum_too_large_is_an_error(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_FUNDING, false);
    tb_row(t, "tp", "Council", 5000000000000000LL);
    tb_row(t, "tp", "Health", 5000000000000000LL);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    S_one_diag(&f->dl, DIAG_ERROR, 3, "add up to more than " POUND "90,071,992,547,409.92");
    assert_null(fig_find(&f->fs, "funding.total"));
}

static void test_funding_sum_past_int64_stops_at_the_first_row(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_FUNDING, false);
    tb_row(t, "tp", "Council", 5000000000000000000LL);
    tb_row(t, "tp", "Health", 5000000000000000000LL);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    S_one_diag(&f->dl, DIAG_ERROR, 2, "add up to more than " POUND "90,071,992,547,409.92");
    assert_null(fig_find(&f->fs, "funding.total"));
}

/* Counts: 4 x 2^51 = 2^53 exactly is still exact (no error); one more
 * crime passes it, on the fifth row (line 6). */
static void test_crime_counts_past_two_to_the_53_are_an_error(void **state)
{
    fixture *f = *state;
    f->p.cfg.area = (char *)"A";
    table *t = tb_table(&f->p, RET_CRIME, false);
    for (int i = 0; i < 4; i++)
        tb_row(t, "ttmc", i % 2 ? "Rape" : "Robbery", i < 2 ? "A" : "B", 201703,
               2251799813685248LL);
    tb_row(t, "ttmc", "Theft", "A", 201703, 1LL);
    compute_all(&f->p, &f->fs, &f->dsl, &f->dl);
    S_one_diag(&f->dl, DIAG_ERROR, 6, "add up to more than 9,007,199,254,740,992");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_training_total_that_adds_up_is_silent_and_not_counted),
        T(test_training_total_that_differs_is_a_warning_or_strict_error),
        T(test_training_total_with_blank_cells_is_silent),
        T(test_elearning_total_is_checked_and_not_counted),
        T(test_elearning_total_is_the_sum_of_the_rows_above),
        T(test_funding_total_names_both_amounts),
        T(test_funding_sum_too_large_is_an_error),
        T(test_funding_sum_past_int64_stops_at_the_first_row),
        T(test_crime_counts_past_two_to_the_53_are_an_error),
        T(test_crime_totals_over_areas_and_over_types),
        T(test_lado_flagged_total_is_no_contact),
        T(test_written_total_rows_are_flagged_and_only_they),
        T(test_flagged_total_rows_are_left_out_of_counts),
        T(test_lac_total_is_checked_and_no_month),
        T(test_comparators_total_is_no_comparator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
