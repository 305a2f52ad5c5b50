/* test_compute_naming.c - what a partnership's own data names: which crime
 * type is all crime and which area the comparison (report.ini [crime], or
 * the data), each comparator of comparators.csv beside the area's own
 * figure with its period, an indicator's direction only when the return
 * gives one, and the agencies report.ini [sources] names under every table.
 * Every expected value is worked out by hand in the comment above it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/compute.h"
#include "compute_fixture.h"

#include <stdlib.h>
#include <string.h>

/* Diagnostic i exists, has severity sev and says needle. */
static void S_diag(const diag_list *dl, size_t i, diag_severity sev, const char *needle)
{
    if (dl->n <= i)
        fail_msg("expected a diagnostic %zu, got %zu", i, dl->n);
    assert_int_equal(dl->items[i].sev, sev);
    char *m = diag_format(&dl->items[i]);
    if (!strstr(m, needle))
        fail_msg("diagnostic \"%s\" lacks \"%s\"", m, needle);
    free(m);
}

/* A force that is not the Met: All crime 8,214 against 7,902 in Northmoor
 * (+312, 312 / 7,902 = 3.948% -> +3.9%) and 96,480 against 91,735 for
 * Northshire Police (+4,745, 4,745 / 91,735 = 5.172% -> +5.2%). */
static void S_northshire(project *p)
{
    p->cfg.area = (char *)"Northmoor";
    table *t = tb_table(p, RET_CRIME, false);
    tb_row(t, "ttmc", "Violence against the person", "Northmoor", 201703, 3105LL);
    tb_row(t, "ttmc", "Violence against the person", "Northmoor", 201603, 2948LL);
    tb_row(t, "ttmc", "All crime", "Northmoor", 201703, 8214LL);
    tb_row(t, "ttmc", "All crime", "Northmoor", 201603, 7902LL);
    tb_row(t, "ttmc", "All crime", "Northshire Police", 201703, 96480LL);
    tb_row(t, "ttmc", "All crime", "Northshire Police", 201603, 91735LL);
}

static void test_crime_total_and_comparison_found_in_the_data(void **state)
{
    fixture *f = *state;
    S_northshire(&f->p);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 0);
    /* "Violence ..." is no total name; "All crime" is, though it comes second. */
    cf_expect(&f->fs, "crime.total_type", "All crime");
    cf_expect(&f->fs, "crime.comparison_area", "Northshire Police");
    cf_expect(&f->fs, "crime.all_crime.northmoor.change", "+312");
    cf_expect(&f->fs, "crime.all_crime.northmoor.change_pct", "+3.9%");
    cf_expect(&f->fs, "crime.all_crime.northshire_police.change_pct", "+5.2%");
    assert_true(fig_is_text(fig_find(&f->fs, "crime.total_type")));
}

/* The Met's naming is recognised too: "Total Crimes" and the one other area. */
static void test_crime_met_naming_is_recognised(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_CRIME, false);
    tb_row(t, "ttmc", "Homicide", "Lewisham", 201701, 6LL);
    tb_row(t, "ttmc", "Total Crimes", "Lewisham", 201701, 24635LL);
    tb_row(t, "ttmc", "Total Crimes", "Met Total", 201701, 763410LL);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    cf_expect(&f->fs, "crime.total_type", "Total Crimes");
    cf_expect(&f->fs, "crime.comparison_area", "Met Total");
}

/* report.ini names them: the setting wins over the data's own guess, matched
 * as groups are (case and spaces loose), and printed as the data spells it. */
static void test_crime_report_ini_names_total_and_comparison(void **state)
{
    fixture *f = *state;
    S_northshire(&f->p);
    f->p.cfg.crime_total = (char *)"violence AGAINST the person";
    f->p.cfg.crime_comparison = (char *)"northshire police";
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 0);
    cf_expect(&f->fs, "crime.total_type", "Violence against the person");
    cf_expect(&f->fs, "crime.comparison_area", "Northshire Police");
}

/* A setting that matches no row, and an area that matches no row: a warning
 * each, naming the file and what it holds; no figure is guessed instead. */
static void test_crime_names_matching_nothing_are_warnings(void **state)
{
    fixture *f = *state;
    S_northshire(&f->p);
    f->p.cfg.area = (char *)"Southmoor";
    f->p.cfg.crime_total = (char *)"Total recorded crime";
    f->p.cfg.crime_comparison = (char *)"England";
    f->p.years[0].tables[RET_CRIME].path = xstrdup("p/2016-17/crime_figures.csv");
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 3);
    S_diag(&f->dl, 0, DIAG_WARNING,
           "p/2016-17/crime_figures.csv: warning: column area: no row is of the report's area, "
           "\"Southmoor\" (report.ini area): the areas here are \"Northmoor\", \"Northshire "
           "Police\"");
    S_diag(&f->dl, 1, DIAG_WARNING,
           "[crime] total = \"Total recorded crime\" matches no crime_type of this return (it "
           "has \"Violence against the person\", \"All crime\")");
    S_diag(&f->dl, 2, DIAG_WARNING,
           "[crime] comparison_area = \"England\" matches no area");
    assert_null(fig_find(&f->fs, "crime.total_type"));
    assert_null(fig_find(&f->fs, "crime.comparison_area"));
}

/* Several other areas and no setting: no comparison is guessed; a note says
 * how to choose one. */
static void test_crime_several_areas_need_a_setting(void **state)
{
    fixture *f = *state;
    S_northshire(&f->p);
    table *t = &f->p.years[0].tables[RET_CRIME];
    tb_row(t, "ttmc", "All crime", "England and Wales", 201703, 5000000LL);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_int_equal(f->dl.n, 1);
    S_diag(&f->dl, 0, DIAG_NOTE, "several areas besides Northmoor (\"Northshire Police\", "
                                 "\"England and Wales\"): set [crime] comparison_area");
    assert_null(fig_find(&f->fs, "crime.comparison_area"));
    cf_expect(&f->fs, "crime.total_type", "All crime");
}

/* ---- comparators beside the local figure ---- */

/* Looked after: 459 at March 2017 of 67,600 children: 459 / 67,600 x 10,000
 * = 67.899 -> 67.9.  Indicator iha: 73 / 75 = 97.333 -> 97.3 at March 2017.
 * The comparators: lac_rate_per_10k for England twice (2016-03, 2017-03) and
 * statistical neighbours; iha for England; cp_plan_rate for England (no
 * local figure).  Rows: each measure's local row first, then its comparator
 * rows in file order; a measure is named in words where the report knows
 * it (iha by the indicators return's name), else as the return gives it. */
static void test_comparators_beside_the_local_figure_with_periods(void **state)
{
    fixture *f = *state;
    f->p.cfg.has_child_population = true;
    f->p.cfg.child_population = 67600;
    table *t = tb_table(&f->p, RET_LAC, false);
    tb_row(t, "mc", 201703, 459LL);
    t = tb_table(&f->p, RET_INDICATORS, false);
    tb_row(t, "ttmnnnnee", "iha", "IHA in 28 days", 201703, "73", "75", NULL, "95", -1, -1);
    t = tb_table(&f->p, RET_COMPARATORS, false);
    tb_row(t, "tttn", "lac_rate_per_10k", "England", "2016-03", "60.0");
    tb_row(t, "tttn", "cp_plan_rate", "England", "2017-03", "43.1");
    tb_row(t, "tttn", "IHA", "England", "2016-17", "88.0");
    tb_row(t, "tttn", "lac_rate_per_10k", "Statistical neighbours", "2017-03", "65.1");
    tb_row(t, "tttn", "lac_rate_per_10k", "England", "2017-03", "62.0");
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    const dataset *ds = dsl_find(&f->dsl, "lac_comparators");
    assert_non_null(ds);
    static const char *const want[][4] = {
        {"Children looked after per 10,000 children aged 0-17", "Lewisham", "Mar 2017", "67.9"},
        {"Children looked after per 10,000 children aged 0-17", "England", "Mar 2016", "60.0"},
        {"Children looked after per 10,000 children aged 0-17", "Statistical neighbours", "Mar 2017", "65.1"},
        {"Children looked after per 10,000 children aged 0-17", "England", "Mar 2017", "62.0"},
        {"cp_plan_rate", "England", "Mar 2017", "43.1"},
        {"IHA in 28 days", "Lewisham", "Mar 2017", "97.3"},
        {"IHA in 28 days", "England", "2016-17", "88.0"},
    };
    assert_int_equal(ds->nrows, sizeof want / sizeof want[0]);
    for (size_t r = 0; r < ds->nrows; r++)
        for (size_t c = 0; c < 4; c++)
            cf_expect_cell(ds, r, c, want[r][c]);
    /* The local cells show the local figures, so they are suppressed with them. */
    assert_string_equal(ds_cell_const(ds, 0, 3)->key, "lac.rate_per_10k");
    assert_string_equal(ds_cell_const(ds, 5, 3)->key, "indicator.iha.value");
    cf_expect(&f->fs, "comparator.lac_rate_per_10k.england", "62.0");
    cf_expect(&f->fs, "comparator.lac_rate_per_10k.england.period", "Mar 2017");
    cf_expect(&f->fs, "comparator.iha.england.period", "2016-17");
}

/* ---- indicator direction ---- */

/* No polarity given: "Better when" is [x], not "higher"; the target is still
 * judged with higher as better (contract: polarity defaults to higher):
 * 97.3 >= 95 -> Yes.  Lower given: "lower". */
static void test_indicator_direction_printed_only_when_given(void **state)
{
    fixture *f = *state;
    table *t = tb_table(&f->p, RET_INDICATORS, false);
    const char *ty = "ttmnnnnee";
    tb_row(t, ty, "iha", "IHA", 201703, "73", "75", NULL, "95", -1, -1);
    tb_row(t, ty, "days", "Days", 201703, NULL, NULL, "60.0", "55.00", IND_POL_LOWER, -1);
    tb_row(t, ty, "up", "Up", 201703, NULL, NULL, "5", NULL, IND_POL_HIGHER, -1);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    const dataset *ds = dsl_find(&f->dsl, "indicators_latest");
    cf_expect_cell(ds, 0, 4, "[x]");
    cf_expect_cell(ds, 0, 5, "Yes");
    cf_expect_cell(ds, 1, 4, "lower");
    cf_expect_cell(ds, 2, 4, "higher");
    ds = dsl_find(&f->dsl, "indicators");
    cf_expect_cell(ds, 0, 7, "[x]");
    cf_expect_cell(ds, 1, 7, "lower");
}

/* ---- sources named by agency ---- */

/* With [sources] naming the LADO service, every LADO table's source line
 * names it, its file and the years; figures keep the file paths. */
static void test_sources_named_under_tables_paths_in_figures(void **state)
{
    fixture *f = *state;
    f->p.cfg.source_name[RET_LADO] = xstrdup("Lewisham LADO service");
    table *t = tb_table(&f->p, RET_LADO, false);
    tb_row(t, "tdtyye", "C1", 20160601, "Health", 1, 1, 0);
    t = tb_table(&f->p, RET_LADO, true);
    tb_row(t, "tdtyye", "P1", 20150601, "Health", 1, 1, 0);
    t = tb_table(&f->p, RET_FUNDING, false);
    tb_row(t, "tp", "Council", 10000LL);
    assert_int_equal(compute_all(&f->p, &f->fs, &f->dsl, &f->dl), ANNREP_OK);
    assert_string_equal(ds_source_text(dsl_find(&f->dsl, "lado_quarter")),
                        "Lewisham LADO service, lado_contacts.csv (2016-17)");
    assert_string_equal(ds_source_text(dsl_find(&f->dsl, "lado_agency")),
                        "Lewisham LADO service, lado_contacts.csv (2015-16 and 2016-17)");
    assert_string_equal(dsl_find(&f->dsl, "lado_quarter")->sources, "2016-17/lado_contacts.csv");
    assert_string_equal(fig_find(&f->fs, "lado.contacts.total")->sources,
                        "2016-17/lado_contacts.csv");
    /* funding is not named: its path, as before */
    assert_string_equal(ds_source_text(dsl_find(&f->dsl, "funding")), "2016-17/funding.csv");
    free(f->p.cfg.source_name[RET_LADO]);
    f->p.cfg.source_name[RET_LADO] = NULL;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, cf_setup, cf_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_crime_total_and_comparison_found_in_the_data),
        T(test_crime_met_naming_is_recognised),
        T(test_crime_report_ini_names_total_and_comparison),
        T(test_crime_names_matching_nothing_are_warnings),
        T(test_crime_several_areas_need_a_setting),
        T(test_comparators_beside_the_local_figure_with_periods),
        T(test_indicator_direction_printed_only_when_given),
        T(test_sources_named_under_tables_paths_in_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
