/* test_load_project.c - project_load (src/load/project.c): the reporting
 * year, the previous year with its own year range, notes for absent
 * returns, the narrative folder, shown paths and a missing report.ini.
 * Builds small projects in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "load/project.h"
#include "util/paths.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char S_dir[64];

static void S_write(const char *rel, const char *text)
{
    char *p = paths_join(S_dir, rel);
    char *slash = strrchr(p, '/');
    *slash = '\0';
    assert_int_equal(paths_mkdir_p(p), 0);
    *slash = '/';
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    free(p);
}

static int S_setup(void **state)
{
    (void)state;
    strcpy(S_dir, "/tmp/annrep-project-XXXXXX");
    if (!mkdtemp(S_dir))
        return -1;
    return 0;
}

static int S_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *S_all(const diag_list *dl)
{
    strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < dl->n; i++) {
        char *s = diag_format(&dl->items[i]);
        sb_append(&b, s);
        sb_putc(&b, '\n');
        free(s);
    }
    return sb_take(&b);
}

#define LADO_HDR "contact_id,date_received,agency_type,met_threshold,strategy_meeting,outcome\n"

static void test_project_reads_five_years_and_notes_the_others(void **state)
{
    (void)state;
    S_write("report.ini", "[report]\narea = Lewisham\npartnership = LSCB\nyear = 2016-17\n");
    S_write("2016-17/lado_contacts.csv", LADO_HDR "C1,2016-04-01,Police,Y,Y,NFA\n");
    /* 2015-04-01 is inside 2015-16: the previous year is checked against its own year */
    S_write("2015-16/lado_contacts.csv", LADO_HDR "P1,2015-04-01,Police,N,,\n"
                                         "P2,2016-03-31,Police,N,,\n");
    /* 2013-14 is inside the five years (2014-15 is a gap); 2011-12 is older
     * than the five and 2017-18 later than the reporting year: never read. */
    S_write("2013-14/lado_contacts.csv", LADO_HDR "Q1,2013-12-01,Police,N,,\n");
    S_write("2011-12/lado_contacts.csv", LADO_HDR "nonsense\n");
    S_write("2017-18/lado_contacts.csv", LADO_HDR "nonsense\n");
    char *narr = paths_join(S_dir, "narrative");
    assert_int_equal(paths_mkdir_p(narr), 0);

    project p;
    diag_list dl = DIAG_LIST_INIT;
    annrep_status st = project_load(S_dir, &p, &dl);
    char *all = S_all(&dl);
    if (st != ANNREP_OK || dl.nerrors || dl.nwarnings)
        fail_msg("%s", all);
    assert_string_equal(p.dir, S_dir);
    assert_string_equal(p.cfg.year, "2016-17");
    assert_true(p.years[0].tables[RET_LADO].present);
    assert_int_equal(p.years[0].tables[RET_LADO].nrows, 1);
    assert_true(p.years[1].present);
    assert_string_equal(p.years[1].name, "2015-16");
    assert_true(p.years[1].tables[RET_LADO].present);
    assert_int_equal(p.years[1].tables[RET_LADO].nrows, 2);
    assert_false(p.years[1].tables[RET_CDOP].present);
    assert_false(p.years[2].present);
    assert_true(p.years[3].present);
    assert_string_equal(p.years[3].name, "2013-14");
    assert_int_equal(p.years[3].tables[RET_LADO].nrows, 1);
    assert_non_null(project_table(&p, 3, RET_LADO));
    assert_null(project_table(&p, 2, RET_LADO));
    assert_null(project_table(&p, 3, RET_CDOP));
    assert_false(p.years[4].present);
    assert_string_equal(p.narrative_dir, narr);

    /* Eight returns absent from the reporting year: one note each, none for
     * the years before; and one note for the two folders not read. */
    assert_int_equal(dl.nnotes, RET_COUNT - 1 + 1);
    char other[256];
    snprintf(other, sizeof other, "%s: note: year folders 2011-12 and 2017-18 not read: a "
                                  "report uses its reporting year and the four years before it",
             S_dir);
    if (!strstr(all, other))
        fail_msg("%s---\nlacks %s", all, other);
    char want[256];
    snprintf(want, sizeof want, "%s/2016-17: note: cdop_reviews.csv not found: child death "
                                "reviews chapter, tables and charts left out", S_dir);
    if (!strstr(all, want))
        fail_msg("%s---\nlacks %s", all, want);
    assert_false(p.years[0].tables[RET_CDOP].present);
    assert_non_null(p.years[0].tables[RET_CDOP].schema);
    free(all);
    free(narr);
    project_free(&p);
    diag_free(&dl);
}

/* Every year folder read is validated like the reporting year's: a bad row
 * four years back stops the build. */
static void test_error_in_an_earlier_year_is_an_error(void **state)
{
    (void)state;
    S_write("report.ini", "[report]\narea = A\npartnership = B\nyear = 2016-17\n");
    S_write("2016-17/lado_contacts.csv", LADO_HDR "C1,2016-04-01,Police,N,,\n");
    S_write("2012-13/lado_contacts.csv", LADO_HDR "E1,2016-04-01,Police,N,,\n");
    project p;
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(project_load(S_dir, &p, &dl), ANNREP_ERR_INPUT);
    char *all = S_all(&dl);
    char want[256];
    snprintf(want, sizeof want, "%s/2012-13/lado_contacts.csv:2: error: column date_received",
             S_dir);
    if (!strstr(all, want) || !strstr(all, "2012-13"))
        fail_msg("%s---\nlacks %s", all, want);
    free(all);
    project_free(&p);
    diag_free(&dl);
}

static void test_messages_show_the_project_path_as_given(void **state)
{
    (void)state;
    S_write("report.ini", "[report]\narea = A\npartnership = B\nyear = 2016-17\n");
    S_write("2016-17/lado_contacts.csv", LADO_HDR "\nC1,31/02/2017,Police,N,,\n");
    project p;
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(project_load(S_dir, &p, &dl), ANNREP_ERR_INPUT);
    char *all = S_all(&dl);
    char want[256];
    snprintf(want, sizeof want, "%s/2016-17/lado_contacts.csv:3: error: column date_received: "
             "\"31/02/2017\": expected a real date as YYYY-MM-DD or DD/MM/YYYY (no 31st of "
             "February 2017)\n", S_dir);
    if (!strstr(all, want))
        fail_msg("%s---\nlacks %s", all, want);
    assert_false(p.years[1].present);
    assert_null(p.narrative_dir);
    free(all);
    project_free(&p);
    diag_free(&dl);
}

static void test_settings_errors_do_not_hide_return_errors(void **state)
{
    (void)state;
    S_write("report.ini", "[report]\narea = A\nyear = 2016-17\n[style]\naccent = red\n");
    S_write("2016-17/looked_after_monthly.csv", "month,looked_after\nMar-16,-1\n");
    project p;
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(project_load(S_dir, &p, &dl), ANNREP_ERR_INPUT);
    char *all = S_all(&dl);
    if (!strstr(all, "required setting partnership is missing") ||
        !strstr(all, "accent = \"red\"") ||
        !strstr(all, "looked_after_monthly.csv:2: error: column looked_after: \"-1\""))
        fail_msg("%s", all);
    assert_int_equal(dl.nerrors, 3);
    free(all);
    project_free(&p);
    diag_free(&dl);
}

static void test_missing_report_ini_is_one_error_naming_it(void **state)
{
    (void)state;
    project p;
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(project_load(S_dir, &p, &dl), ANNREP_ERR_INPUT);
    assert_int_equal(dl.n, 1);
    char *all = S_all(&dl);
    char want[256];
    snprintf(want, sizeof want, "%s/report.ini: error: cannot read the project settings "
                                "(file not found)", S_dir);
    if (!strstr(all, want))
        fail_msg("%s---\nlacks %s", all, want);
    free(all);
    project_free(&p);
    diag_free(&dl);
}

static void test_year_without_folder_is_an_error(void **state)
{
    (void)state;
    S_write("report.ini", "[report]\narea = A\npartnership = B\nyear = 2017-18\n");
    S_write("2016-17/lado_contacts.csv", LADO_HDR);
    project p;
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(project_load(S_dir, &p, &dl), ANNREP_ERR_INPUT);
    char *all = S_all(&dl);
    if (!strstr(all, "report.ini:4: error: year = \"2017-18\": expected a folder "))
        fail_msg("%s", all);
    assert_int_equal(dl.n, 1); /* no notes about returns of a year that is not there */
    free(all);
    project_free(&p);
    diag_free(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_project_reads_five_years_and_notes_the_others, S_setup,
                                        S_teardown),
        cmocka_unit_test_setup_teardown(test_error_in_an_earlier_year_is_an_error, S_setup,
                                        S_teardown),
        cmocka_unit_test_setup_teardown(test_messages_show_the_project_path_as_given, S_setup,
                                        S_teardown),
        cmocka_unit_test_setup_teardown(test_settings_errors_do_not_hide_return_errors,
                                        S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_missing_report_ini_is_one_error_naming_it, S_setup,
                                        S_teardown),
        cmocka_unit_test_setup_teardown(test_year_without_folder_is_an_error, S_setup,
                                        S_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
