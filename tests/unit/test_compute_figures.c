/* test_compute_figures.c - the figure store, figures.csv and datasets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/dataset.h"
#include "compute/figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write the store to memory and return the text (caller frees). */
static char *S_csv(const figstore *fs)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(fig_write_csv(fs, f), ANNREP_OK);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void test_set_and_find(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    fig_set(&fs, "a.b", true, 12.0, "12", "count", "def", "2016-17/x.csv");
    const figure *f = fig_find(&fs, "a.b");
    assert_non_null(f);
    assert_true(f->available);
    assert_true(f->value == 12.0);
    assert_string_equal(f->display, "12");
    assert_null(fig_find(&fs, "a.c"));
    fig_free(&fs);
}

static void test_unavailable_without_display_shows_na(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    fig_set(&fs, "x.pct", false, 99.0, NULL, "percent", "d", "s");
    const figure *f = fig_find(&fs, "x.pct");
    assert_false(f->available);
    assert_string_equal(f->display, "n/a");
    fig_free(&fs);
}

static void test_replace_keeps_first_position(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    fig_set(&fs, "first", true, 1, "1", "count", "", "");
    fig_set(&fs, "second", true, 2, "2", "count", "", "");
    fig_set(&fs, "first", true, 3, "3", "count", "", "");
    assert_int_equal(fs.n, 2);
    assert_string_equal(fs.items[0].key, "first");
    assert_string_equal(fs.items[0].display, "3");
    fig_free(&fs);
}

static void test_many_keys_survive_rehash_in_insertion_order(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    char key[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "k.%d", i);
        fig_set(&fs, key, true, i, "", "count", "", "");
    }
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "k.%d", i);
        const figure *f = fig_find(&fs, key);
        assert_non_null(f);
        assert_true(f->value == i);
        assert_ptr_equal(f, &fs.items[i]);
    }
    fig_free(&fs);
}

static void test_csv_quotes_and_unrounded_values(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    fig_set(&fs, "lado.referrals.threshold_pct", true, 130.0 / 215 * 100, "60.5%", "percent",
            "LADO referrals as a percentage of contacts received", "2016-17/lado_contacts.csv");
    fig_set(&fs, "funding.total", true, 181050, "\xC2\xA3" "181,050", "GBP",
            "Total, \"declared\"", "2016-17/funding.csv");
    fig_set(&fs, "x.change_pct", false, 0, NULL, "percent change", "small base", "a; b");
    fig_set_status(&fs, "x.change_pct", FIG_LOW_BASE);
    fig_set(&fs, "x.count", true, 3, "[c]", "count", "small", "a");
    fig_set_status(&fs, "x.count", FIG_SUPPRESSED);
    fig_set(&fs, "x.gone", false, 0, NULL, "count", "not in the return", "a");
    char *csv = S_csv(&fs);
    /* A suppressed figure keeps no value in figures.csv, whatever it held. */
    const char *want =
        "key,value,display,unit,definition,sources,status\n"
        "lado.referrals.threshold_pct,60.4651162790698,60.5%,percent,"
        "LADO referrals as a percentage of contacts received,2016-17/lado_contacts.csv,\n"
        "funding.total,181050,\"\xC2\xA3" "181,050\",GBP,\"Total, \"\"declared\"\"\","
        "2016-17/funding.csv,\n"
        "x.change_pct,,n/a,percent change,small base,a; b,u\n"
        "x.count,,[c],count,small,a,c\n"
        "x.gone,,n/a,count,not in the return,a,x\n";
    assert_string_equal(csv, want);
    free(csv);
    fig_free(&fs);
}

static void test_dataset_display_by_format_and_shorthand(void **state)
{
    (void)state;
    dataset_list dl = DATASET_LIST_INIT;
    dataset *ds = ds_new(&dl, "t", "T", "Title", "Desc", "src", 0);
    size_t c0 = ds_add_col(ds, "Label", "Label", DFMT_TEXT);
    size_t c1 = ds_add_col(ds, "Count (number)", "Count (number)", DFMT_COUNT);
    size_t c2 = ds_add_col(ds, "%", "%", DFMT_PCT);
    size_t c3 = ds_add_col(ds, "£", "£", DFMT_MONEY);
    size_t c4 = ds_add_col(ds, "£p", "£p", DFMT_MONEY_PENCE);
    size_t c5 = ds_add_col(ds, "Change", "Change", DFMT_CHANGE);
    size_t c6 = ds_add_col(ds, "Change %", "Change %", DFMT_CHANGE_PCT);
    size_t c7 = ds_add_col(ds, "Value", "Value", DFMT_NUMBER);
    size_t c8 = ds_add_col(ds, "Rate", "Rate", DFMT_RATE);
    size_t r = ds_add_row(ds);
    ds_set_text(ds, r, c0, "Primary school");
    ds_set_num(ds, r, c1, 24635);
    ds_set_num(ds, r, c2, 130.0 / 215 * 100);
    ds_set_num(ds, r, c3, 181050);
    ds_set_num(ds, r, c4, 130021.5);
    ds_set_num(ds, r, c5, -9);
    ds_set_num(ds, r, c6, 79.0 / 24556 * 100);
    ds_set_number(ds, r, c7, 60.0, 1);
    ds_set_num(ds, r, c8, 459.0 / 67600 * 10000);
    const char *want[] = {"Primary school", "24,635", "60.5%", "\xC2\xA3" "181,050",
                          "\xC2\xA3" "130,021.50", "\xE2\x88\x92" "9", "+0.3%", "60.0", "67.9"};
    for (size_t c = 0; c < 9; c++) {
        char *s = ds_display(ds, r, c);
        assert_string_equal(s, want[c]);
        free(s);
    }
    r = ds_add_row(ds);
    ds_set_short(ds, r, c1, DC_X);
    ds_set_short(ds, r, c2, DC_Z);
    ds_set_short(ds, r, c6, DC_C);
    char *s = ds_display(ds, r, c1);
    assert_string_equal(s, "[x]");
    free(s);
    s = ds_display(ds, r, c2);
    assert_string_equal(s, "[z]");
    free(s);
    s = ds_display(ds, r, c6);
    assert_string_equal(s, "[c]");
    free(s);
    s = ds_display(ds, r, c0); /* never set */
    assert_string_equal(s, "");
    free(s);
    assert_ptr_equal(dsl_find(&dl, "t"), ds);
    assert_null(dsl_find(&dl, "nope"));
    dsl_free(&dl);
}

static void test_column_added_after_rows_keeps_cells(void **state)
{
    (void)state;
    dataset_list dl = DATASET_LIST_INIT;
    dataset *ds = ds_new(&dl, "t", "T", "Title", "", "", 0);
    ds_add_col(ds, "A", "A", DFMT_COUNT);
    for (int i = 0; i < 20; i++)
        ds_set_num(ds, ds_add_row(ds), 0, i);
    size_t c = ds_add_col(ds, "B", "B", DFMT_TEXT);
    ds_set_text(ds, 19, c, "last");
    ds_set_num(ds, ds_add_row(ds), 0, 20);
    assert_int_equal(ds->nrows, 21);
    for (int i = 0; i < 21; i++)
        assert_true(ds_cell(ds, (size_t)i, 0)->num == i);
    assert_string_equal(ds_cell(ds, 19, 1)->text, "last");
    assert_int_equal(ds_cell(ds, 20, 1)->kind, DC_EMPTY);
    assert_null(ds_cell(ds, 21, 0));
    dsl_free(&dl);
}

/* A definition or text figure a spreadsheet would run as a formula (an
 * agency called =HYPERLINK(...), a label from a return starting with @ or
 * -1+1) is written after a single quote; numbers as the report prints
 * them, with a sign, are left alone; a text figure is its own value. */
static void test_formula_fields_are_neutralised(void **state)
{
    (void)state;
    figstore fs = FIGSTORE_INIT;
    fig_set(&fs, "a", true, 1, "+3.9%", "percent", "=HYPERLINK(\"http://x\",\"y\")", "s");
    fig_set(&fs, "b", true, 1, "-12", "count", "@SUM(A1)", "s");
    fig_set(&fs, "c", true, 1, "-1+1", "text", "+\xC2\xA3" "250.50", "\tTab");
    fig_set(&fs, "d", true, 1, "'=kept", "text", "+3.5 percentage points", "s");
    char *csv = S_csv(&fs);
    assert_string_equal(csv,
                        "key,value,display,unit,definition,sources,status\n"
                        "a,1,+3.9%,percent,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",s,\n"
                        "b,1,-12,count,'@SUM(A1),s,\n"
                        "c,'-1+1,'-1+1,text,+\xC2\xA3" "250.50,'\tTab,\n"
                        "d,''=kept,''=kept,text,+3.5 percentage points,s,\n");
    free(csv);
    fig_free(&fs);
    assert_true(fig_field_is_formula("+cmd|' /C calc'!A0"));
    assert_true(fig_field_is_formula("\rx"));
    assert_false(fig_field_is_formula("\xE2\x88\x92" "3.5")); /* U+2212: not an ASCII minus */
    assert_false(fig_field_is_formula("Police"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_fields_are_neutralised),
        cmocka_unit_test(test_set_and_find),
        cmocka_unit_test(test_unavailable_without_display_shows_na),
        cmocka_unit_test(test_replace_keeps_first_position),
        cmocka_unit_test(test_many_keys_survive_rehash_in_insertion_order),
        cmocka_unit_test(test_csv_quotes_and_unrounded_values),
        cmocka_unit_test(test_dataset_display_by_format_and_shorthand),
        cmocka_unit_test(test_column_added_after_rows_keeps_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
