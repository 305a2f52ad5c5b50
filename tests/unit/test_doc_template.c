/* test_doc_template.c - the report template language (src/doc): placeholders
 * resolve against the figure store, mistakes are reported at the template's
 * file and line, unknown charts and tables are errors, and chapters whose
 * return is absent drop out.  Templates are written to a temporary folder;
 * the project and figures are built by hand, so every expected value below
 * is the one the test itself put in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "chart/chart_model.h"
#include "doc/doc.h"
#include "util/alloc.h"
#include "util/paths.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char dir[64];        /* temporary root */
    char *tpl;           /* <dir>/tpl */
    project p;
    figstore fs;
    dataset_list dsl;
    diag_list dl;
} fixture;

static void S_write(const char *dir, const char *name, const char *text)
{
    char *path = paths_join(dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    free(path);
}

static int S_setup(void **state)
{
    fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/annrep-doc-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    fx->tpl = paths_join(fx->dir, "tpl");
    assert_int_equal(paths_mkdir_p(fx->tpl), 0);
    fx->p.dir = xstrdup(fx->dir);
    fx->p.cfg.area = xstrdup("Lewisham");
    fx->p.cfg.partnership = xstrdup("Lewisham Safeguarding Children Board");
    fx->p.cfg.year = xstrdup("2016-17");
    fx->p.cfg.year_start = 2016;
    fx->p.cfg.title = xstrdup("Annual Report 2016-17");
    fx->p.cfg.published_ymd = 20170930;
    fx->p.years[0].present = true;
    fx->p.years[0].tables[RET_LADO].present = true;  /* every other return absent */
    fig_set(&fx->fs, "lado.contacts.total", true, 215, "215", "count", "contacts", "x.csv");
    fig_set(&fx->fs, "lado.referrals.change", true, -35, "\xE2\x88\x92" "35", "change",
            "change", "x.csv");
    fig_set(&fx->fs, "crime.total_crimes.lewisham.current", true, 24635, "24,635", "count",
            "crimes", "c.csv");
    fx->p.years[0].tables[RET_CRIME].present = true;
    dataset *ds = ds_new(&fx->dsl, "lado_quarter", "LADO_quarter", "LADO by quarter",
                         "d", "2016-17/lado_contacts.csv", RET_LADO);
    ds_add_col(ds, "Quarter", "Quarter", DFMT_TEXT);
    ds_add_col(ds, "Contacts (number)", "Contacts (number)", DFMT_COUNT);
    size_t r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "Q1");
    ds_set_num(ds, r, 1, 23);
    *state = fx;
    return 0;
}

static int S_teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    assert_int_equal(system(cmd), 0);
    free(fx->tpl);
    fx->p.narrative_dir = NULL;
    free(fx->p.dir);
    free(fx->p.cfg.area);
    free(fx->p.cfg.partnership);
    free(fx->p.cfg.year);
    free(fx->p.cfg.title);
    fig_free(&fx->fs);
    dsl_free(&fx->dsl);
    diag_free(&fx->dl);
    free(fx);
    return 0;
}

/* The document, or NULL; the status must say the same as the pointer. */
static doc_node *S_build(fixture *fx)
{
    doc_node *d = (doc_node *)1;
    annrep_status st = doc_build(fx->tpl, &fx->p, &fx->fs, &fx->dsl, &fx->dl, &d);
    assert_true((st == ANNREP_OK) == (d != NULL));
    assert_true(st == ANNREP_OK || st == ANNREP_ERR_INPUT);
    return d;
}

/* The first error, or fail. */
static const diag *S_first_error(const fixture *fx)
{
    for (size_t i = 0; i < fx->dl.n; i++)
        if (fx->dl.items[i].sev == DIAG_ERROR)
            return &fx->dl.items[i];
    fail_msg("expected an error");
    return NULL;
}

static bool S_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void test_placeholder_resolves_to_the_figure_display(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10-lado.md",
            "# LADO\n\nThere were {{lado.contacts.total}} contacts in {{report.area}}.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(d->nkids, 1);
    doc_node *ch = d->kids[0];
    assert_int_equal(ch->type, DOC_CHAPTER);
    assert_string_equal(ch->title, "LADO");
    assert_string_equal(ch->number, "1");
    char *t = doc_paragraph_text(ch->kids[0]);
    assert_string_equal(t, "There were 215 contacts in Lewisham.");
    free(t);
    /* The figure is its own run, marked as a figure. */
    assert_string_equal(ch->kids[0]->runs[1].text, "215");
    assert_true(ch->kids[0]->runs[1].flags & DOC_RUN_FIGURE);
    doc_free(d);
}

static void test_unknown_placeholder_names_template_file_and_line(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10-lado.md",
            "# LADO\n"
            "\n"
            "First paragraph.\n"
            "\n"
            "A second paragraph that runs\n"
            "on to quote {{lado.contacts.totl}} here.\n");
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_true(S_ends_with(e->file, "tpl/10-lado.md"));
    assert_int_equal(e->line, 6);
    assert_string_equal(e->column, "13");
    assert_non_null(strstr(e->message, "lado.contacts.totl"));
    assert_non_null(strstr(e->message, "did you mean 'lado.contacts.total'"));
}

static void test_unknown_chart_is_an_error_at_its_line(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10-lado.md", "# LADO\n\nText.\n\n```chart lado_outcomez\n```\n");
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_true(S_ends_with(e->file, "10-lado.md"));
    assert_int_equal(e->line, 5);
    assert_non_null(strstr(e->message, "unknown chart 'lado_outcomez'"));
}

static void test_unknown_table_is_an_error_at_its_line(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "20-x.md", "# X\n\n```table lado_quartre\n```\n");
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_true(S_ends_with(e->file, "20-x.md"));
    assert_int_equal(e->line, 3);
    assert_non_null(strstr(e->message, "unknown table 'lado_quartre'"));
}

static void test_chapter_of_an_absent_return_drops_out(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10-lado.md", "<!-- requires: lado -->\n\n# LADO\n\nText.\n");
    /* cdop is absent, so its placeholders are never looked at. */
    S_write(fx->tpl, "20-cdop.md",
            "<!-- requires: cdop -->\n\n# Child deaths\n\n{{cdop.reviews.total}} reviews.\n");
    S_write(fx->tpl, "30-end.md", "# End\n\nText.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(fx->dl.nerrors, 0);
    assert_int_equal(d->nkids, 2);
    assert_string_equal(d->kids[0]->title, "LADO");
    assert_string_equal(d->kids[1]->title, "End");
    assert_string_equal(d->kids[1]->number, "2");  /* numbering closes the gap */
    doc_free(d);
}

static void test_section_requirement_drops_only_that_section(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10-t.md",
            "# Training\n\nIntro.\n\n## E-learning\n\n<!-- requires: elearning -->\n\n"
            "{{training.elearning.total}}\n\n## After\n\nKept.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    doc_node *ch = d->kids[0];
    assert_int_equal(ch->nkids, 2);  /* the intro paragraph and "After" */
    assert_int_equal(ch->kids[1]->type, DOC_SECTION);
    assert_string_equal(ch->kids[1]->title, "After");
    assert_string_equal(ch->kids[1]->number, "1.1");
    doc_free(d);
}

static void test_if_else_chooses_by_previous_year(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md",
            "# T\n\n<!-- if: previous lado -->\n\nWith last year.\n\n<!-- else -->\n\n"
            "First year.\n\n<!-- end -->\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(d->kids[0]->nkids, 1);
    char *t = doc_paragraph_text(d->kids[0]->kids[0]);
    assert_string_equal(t, "First year.");
    free(t);
    doc_free(d);
}

static void test_unclosed_if_is_reported_at_the_if(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md", "# T\n\nText.\n\n<!-- if: lado -->\n\nMore.\n");
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_int_equal(e->line, 5);
    assert_non_null(strstr(e->message, "never closed"));
}

static void test_word_choice_and_abs_follow_the_sign(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md",
            "# T\n\nReferrals {{lado.referrals.change | rose / fell / held}} by "
            "{{lado.referrals.change | abs}}.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    char *t = doc_paragraph_text(d->kids[0]->kids[0]);
    assert_string_equal(t, "Referrals fell by 35.");
    free(t);
    doc_free(d);
}

/* 215 contacts (many), then a figure of exactly one; four words are an error. */
static void test_two_word_choice_follows_one_or_many(void **state)
{
    fixture *fx = *state;
    fig_set(&fx->fs, "lado.outcome.malicious.count", true, 1, "1", "count", "m", "x.csv");
    S_write(fx->tpl, "10.md",
            "# T\n\n{{lado.contacts.total}} {{lado.contacts.total | contact / contacts}} "
            "{{lado.contacts.total | was / were}} made; "
            "{{lado.outcome.malicious.count}} {{lado.outcome.malicious.count | "
            "allegation / allegations}} {{lado.outcome.malicious.count | was / were}} "
            "malicious.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    char *t = doc_paragraph_text(d->kids[0]->kids[0]);
    assert_string_equal(t, "215 contacts were made; 1 allegation was malicious.");
    free(t);
    doc_free(d);

    S_write(fx->tpl, "10.md", "# T\n\nx\n\n{{lado.contacts.total | a / b / c / d}}\n");
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_non_null(e);
    assert_true(S_ends_with(e->file, "10.md"));
    assert_int_equal(e->line, 5);
}

static void test_area_token_in_keys_uses_the_area_slug(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md", "# T\n\n{{crime.total_crimes.@area.current}} crimes.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    char *t = doc_paragraph_text(d->kids[0]->kids[0]);
    assert_string_equal(t, "24,635 crimes.");
    free(t);
    doc_free(d);
}

static void test_figure_of_absent_return_outside_a_guard_is_an_error(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md", "# T\n\n{{cdop.reviews.total}} reviews.\n");
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_int_equal(e->line, 3);
    assert_non_null(strstr(e->message, "requires: cdop"));
}

static void test_table_block_and_reference_are_numbered(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md",
            "# T\n\n{{table:lado_quarter}} shows the quarters.\n\n```table lado_quarter\n"
            "title: Quarters\n```\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    doc_node *ch = d->kids[0];
    assert_int_equal(ch->nkids, 2);
    char *t = doc_paragraph_text(ch->kids[0]);
    assert_string_equal(t, "Table 1 shows the quarters.");
    free(t);
    assert_int_equal(ch->kids[1]->type, DOC_TABLE);
    assert_int_equal(ch->kids[1]->seq, 1);
    assert_string_equal(ch->kids[1]->caption, "Quarters");
    assert_string_equal(ch->kids[1]->source, "2016-17/lado_contacts.csv");
    assert_int_equal(ch->kids[1]->ncols, 2);
    doc_free(d);
}

/* A table a screen reader could not read (a column without a heading) stops
 * the build at the template line that places it. */
static void test_table_without_header_row_is_an_error_at_its_line(void **state)
{
    fixture *fx = *state;
    dataset *ds = ds_new(&fx->dsl, "lado_outcome", "LADO_outcome", "Outcomes", "d",
                         "2016-17/lado_contacts.csv", RET_LADO);
    ds_add_col(ds, "outcome", "Outcome", DFMT_TEXT);
    ds_add_col(ds, "referrals", " ", DFMT_COUNT);
    size_t r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "No further action");
    ds_set_num(ds, r, 1, 54);
    S_write(fx->tpl, "10.md",
            "# T\n\nText.\n\n```table lado_quarter\n```\n\n```table lado_outcome\n```\n");
    assert_null(S_build(fx));
    assert_int_equal(fx->dl.nerrors, 1);
    const diag *e = S_first_error(fx);
    assert_true(S_ends_with(e->file, "10.md"));
    assert_int_equal(e->line, 8);
    assert_non_null(strstr(e->message, "table 'lado_outcome' has no header row"));
}

/* A chart without a text alternative is refused at its file and line (the
 * tree is built by hand: every chart the registry builds has one). */
static void test_chart_without_text_alternative_is_refused(void **state)
{
    fixture *fx = *state;
    doc_node *root = doc_node_new(DOC_DOCUMENT, "tpl", 0);
    doc_node *ch = doc_node_new(DOC_CHAPTER, "tpl/10-lado.md", 1);
    doc_node_append(root, ch);
    doc_node *good = doc_node_new(DOC_CHART, "tpl/10-lado.md", 7);
    good->ref = xstrdup("lado_outcomes");
    good->chart = chart_new("lado_outcomes", CHART_BAR, CHART_UNIT_COUNT, "Outcomes");
    chart_add_category(good->chart, "NFA");
    chart_add_series(good->chart, "Referrals");
    chart_set_value(good->chart, 0, 0, 54);
    chart_finish(good->chart);
    doc_node_append(ch, good);
    assert_int_equal(doc_check_accessible(root, &fx->dl), ANNREP_OK);
    assert_int_equal(fx->dl.n, 0);
    doc_node *bad = doc_node_new(DOC_CHART, "tpl/10-lado.md", 12);
    bad->ref = xstrdup("lado_agency");
    bad->chart = chart_new("lado_agency", CHART_BAR, CHART_UNIT_COUNT, "By agency");
    doc_node_append(ch, bad);  /* never finished: no text alternative */
    assert_int_equal(doc_check_accessible(root, &fx->dl), ANNREP_ERR_INPUT);
    assert_int_equal(fx->dl.nerrors, 1);
    const diag *e = S_first_error(fx);
    assert_string_equal(e->file, "tpl/10-lado.md");
    assert_int_equal(e->line, 12);
    assert_non_null(strstr(e->message, "chart 'lado_agency' has no text alternative"));
    doc_free(root);
}

static void test_table_of_absent_return_drops_silently(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md", "# T\n\nText.\n\n```table cdop_age\n```\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(d->kids[0]->nkids, 1);
    doc_free(d);
}

static void test_error_in_narrative_names_the_narrative_file(void **state)
{
    fixture *fx = *state;
    char *nd = paths_join(fx->dir, "narrative");
    assert_int_equal(paths_mkdir_p(nd), 0);
    S_write(nd, "foreword.md", "Welcome.\n\nWe had\n{{lado.nope}} things.\n");
    fx->p.narrative_dir = nd;
    S_write(fx->tpl, "00.md", "# Foreword\n\n```narrative foreword.md\n```\n");
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_true(S_ends_with(e->file, "narrative/foreword.md"));
    assert_int_equal(e->line, 4);
    fx->p.narrative_dir = NULL;
    free(nd);
}

static void test_unknown_condition_is_an_error(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md", "<!-- requires: lado_contact -->\n\n# T\n\nText.\n");
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_int_equal(e->line, 1);
    assert_non_null(strstr(e->message, "unknown condition"));
}

/* ---- trend words ---- */

/* Figure key with value v, and its trend figures as compute would set them
 * (a negative run_or_na of -99: no run). */
static void S_trend(fixture *fx, const char *key, double v, int years, int first, double mean,
                    int rank_high, int rank_low, int equal, int run)
{
    char k[128], d[32];
    snprintf(d, sizeof d, "%g", v);
    fig_set(&fx->fs, key, true, v, d, "count", "x", "x.csv");
#define S_SET(part, val, disp)                                                 \
    do {                                                                       \
        snprintf(k, sizeof k, "%s.trend.%s", key, part);                       \
        fig_set(&fx->fs, k, true, (double)(val), disp, "count", "x", "x.csv"); \
    } while (0)
    S_SET("years", years, "n");
    snprintf(d, sizeof d, "%d-%02d", first, (first + 1) % 100);
    S_SET("first_year", first, d);
    S_SET("mean", mean, "m");
    S_SET("rank_high", rank_high, "r");
    S_SET("rank_low", rank_low, "r");
    S_SET("equal", equal, "e");
#undef S_SET
    snprintf(k, sizeof k, "%s.trend.run", key);
    if (run == -99)
        fig_set(&fx->fs, k, false, 0, "n/a", "years", "x", "x.csv");
    else
        fig_set(&fx->fs, k, true, run, "r", "years", "x", "x.csv");
}

/* The paragraph of a one-paragraph template, as text. */
static char *S_words(fixture *fx, const char *text)
{
    char md[512];
    snprintf(md, sizeof md, "# T\n\n%s\n", text);
    S_write(fx->tpl, "10.md", md);
    doc_node *d = S_build(fx);
    if (!d)
        return NULL;
    char *t = doc_paragraph_text(d->kids[0]->kids[0]);
    doc_free(d);
    return t;
}

static void test_direction_names_the_run_of_rises_or_falls(void **state)
{
    fixture *fx = *state;
    static const struct {
        int run;
        const char *want;
    } cases[] = {{3, "rose for the third year running"}, {2, "rose for the second year running"},
                 {1, "rose"}, {0, "did not change"}, {-1, "fell"},
                 {-4, "fell for the fourth year running"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char key[32];
        snprintf(key, sizeof key, "lado.c%zu", i);
        S_trend(fx, key, 10, 5, 2012, 10, 1, 1, 0, cases[i].run);
        char text[64];
        snprintf(text, sizeof text, "It {{%s | direction}}.", key);
        char *t = S_words(fx, text);
        char want[96];
        snprintf(want, sizeof want, "It %s.", cases[i].want);
        assert_non_null(t);
        assert_string_equal(t, want);
        free(t);
    }
}

static void test_direction_without_last_year_is_an_error_saying_how_to_guard(void **state)
{
    fixture *fx = *state;
    S_trend(fx, "lado.gap", 10, 3, 2012, 10, 1, 1, 0, -99);
    assert_null(S_words(fx, "It {{lado.gap | direction}}."));
    const diag *e = S_first_error(fx);
    assert_non_null(strstr(e->message, "<!-- if: figure lado.gap.trend.run -->"));
}

static void test_standing_among_the_years(void **state)
{
    fixture *fx = *state;
    /* The reporting year is 2016-17: five years from 2012-13 have no gap. */
    static const struct {
        double v, mean;
        int years, first, high, low, equal;
        const char *want;
    } cases[] = {
        {26, 16.6, 5, 2012, 1, 5, 0, "the highest in five years"},
        {21, 26.6, 5, 2012, 5, 1, 0, "the lowest in five years"},
        {9, 7.7, 3, 2014, 1, 2, 1, "the joint highest in three years"},
        /* Three years of figures since 2012-13: a gappy window. */
        {4, 8.0, 3, 2012, 3, 1, 0, "the lowest of the three years with figures since 2012-13"},
        /* Neither: against the mean, beyond 5% of it or within. */
        {110, 100, 5, 2012, 2, 4, 0, "above the five-year average"},
        {94, 100, 5, 2012, 3, 2, 0, "below the five-year average"},
        {104, 100, 5, 2012, 2, 3, 0, "close to the five-year average"},
        {104, 100, 4, 2012, 2, 3, 0, "close to the average of the four years with figures since "
                                      "2012-13"},
        {7, 7, 3, 2014, 1, 1, 2, "the same as in every year of the last three"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char key[32];
        snprintf(key, sizeof key, "lado.s%zu", i);
        S_trend(fx, key, cases[i].v, cases[i].years, cases[i].first, cases[i].mean,
                cases[i].high, cases[i].low, cases[i].equal, 1);
        char text[64];
        snprintf(text, sizeof text, "It was {{%s | standing}}.", key);
        char *t = S_words(fx, text);
        char want[160];
        snprintf(want, sizeof want, "It was %s.", cases[i].want);
        assert_non_null(t);
        assert_string_equal(t, want);
        free(t);
    }
}

/* A chart's numbers as a table: categories down, one column per series
 * headed by its legend name, values as the chart labels them (thousands
 * separators), [x] where no value is drawn, and the key for it below. */
static void test_chart_carries_its_data_as_a_table(void **state)
{
    fixture *fx = *state;
    dataset *ds = fx->dsl.items[0];
    size_t r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "Q2");
    ds_set_short(ds, r, 1, DC_X);
    r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "Q3");
    ds_set_num(ds, r, 1, 1234);
    ds_chart *ch = ds_add_chart(ds, "lado_quarterly", DS_CHART_BAR, DS_CHART_COUNT,
                                "Contacts by quarter", "Number of contacts");
    ds_chart_add_series(ch, "Contacts (number)", "Contacts");
    S_write(fx->tpl, "10.md", "# T\n\n```chart lado_quarterly\n```\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    const doc_node *n = d->kids[0]->kids[0];
    assert_int_equal(n->type, DOC_CHART);
    const doc_table *t = n->data;
    assert_non_null(t);
    assert_int_equal(t->ncols, 2);
    assert_int_equal(t->nrows, 3);
    assert_string_equal(t->cols[0].heading, "Quarter");
    assert_false(t->cols[0].numeric);
    assert_string_equal(t->cols[1].heading, "Contacts");
    assert_true(t->cols[1].numeric);
    static const char *const want[] = {"Q1", "23", "Q2", "[x]", "Q3", "1,234"};
    static const dkind kinds[] = {DC_TEXT, DC_NUM, DC_TEXT, DC_X, DC_TEXT, DC_NUM};
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(t->cells[i].text, want[i]);
        assert_int_equal(t->cells[i].kind, kinds[i]);
    }
    assert_int_equal(t->nfoot, 1);
    assert_string_equal(t->foot[0], "[x] not available.");
    assert_string_equal(d->meta->show_data, "Show the data");
    doc_free(d);
}

/* A narrative file of nothing but comments (the placeholder `annrep init`
 * writes) is not written yet: its `narrative` condition is false, so a
 * chapter that requires it drops out, and a block of it inserts nothing,
 * with a note.  Once it holds a sentence, it is shown. */
static void test_narrative_of_only_comments_is_left_out(void **state)
{
    fixture *fx = *state;
    char *nd = paths_join(fx->dir, "narrative");
    assert_int_equal(paths_mkdir_p(nd), 0);
    fx->p.narrative_dir = nd;
    S_write(nd, "foreword.md", "<!--\nWrite the foreword here: who you are, the year.\n-->\n");
    S_write(nd, "voice.md", "\xEF\xBB\xBF  <!-- one -->\n\n<!-- two\n-->\n\n");
    S_write(nd, "learning.md", "<!-- reviews -->\n");
    S_write(fx->tpl, "00.md",
            "<!-- requires: narrative foreword.md -->\n\n# Foreword\n\n"
            "```narrative foreword.md\n```\n");
    S_write(fx->tpl, "10.md",
            "# About\n\n<!-- if: narrative voice.md -->\n\nVoice intro.\n\n<!-- end -->\n\n"
            "<!-- if: not narrative learning.md -->\n\nNo learning yet.\n\n<!-- end -->\n\n"
            "Fixed text.\n\n```narrative learning.md\n```\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(fx->dl.nerrors, 0);
    assert_int_equal(fx->dl.nwarnings, 0);
    assert_int_equal(d->nkids, 1);
    doc_node *ch = d->kids[0];
    assert_string_equal(ch->title, "About");
    assert_int_equal(ch->nkids, 2);
    char *t = doc_paragraph_text(ch->kids[0]);
    assert_string_equal(t, "No learning yet.");
    free(t);
    t = doc_paragraph_text(ch->kids[1]);
    assert_string_equal(t, "Fixed text.");
    free(t);
    bool noted = false;
    for (size_t i = 0; i < fx->dl.n; i++)
        if (fx->dl.items[i].sev == DIAG_NOTE &&
            strstr(fx->dl.items[i].message, "narrative/learning.md holds only comments"))
            noted = true;
    assert_true(noted);
    doc_free(d);
    diag_free(&fx->dl);

    /* A sentence below the guidance: the chapter is back, with it. */
    S_write(nd, "foreword.md", "<!-- guidance -->\n\nOur year in Northmoor.\n");
    d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(d->nkids, 2);
    assert_string_equal(d->kids[0]->title, "Foreword");
    t = doc_paragraph_text(d->kids[0]->kids[0]);
    assert_string_equal(t, "Our year in Northmoor.");
    free(t);
    doc_free(d);
    fx->p.narrative_dir = NULL;
    free(nd);
}

/* A comment never closed hides the rest of the file (Markdown's rule): a
 * warning says so. */
static void test_unclosed_comment_is_a_warning(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "00.md", "# One\n\nShown.\n\n<!-- guidance\n\nHidden text.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(fx->dl.nwarnings, 1);
    assert_int_equal(fx->dl.items[0].line, 5);
    assert_non_null(strstr(fx->dl.items[0].message, "never closed with -->"));
    doc_free(d);
}

/* A list nested 20 deep is refused at the line of its ninth level. */
static void test_deep_list_is_an_error_at_the_line_too_deep(void **state)
{
    fixture *fx = *state;
    strbuf t = STRBUF_INIT;
    sb_append(&t, "# T\n\n");
    for (int i = 0; i < 20; i++) {
        for (int k = 0; k < i; k++)
            sb_append(&t, "  ");
        sb_append(&t, "- item\n");
    }
    S_write(fx->tpl, "10.md", sb_cstr(&t));
    sb_free(&t);
    assert_null(S_build(fx));
    const diag *e = S_first_error(fx);
    assert_int_equal(e->line, 3 + 8);
    assert_non_null(strstr(e->message, "nested more than 8 deep"));
}

/* 50,000 quote markers on one line never reach cmark. */
static void test_quote_markers_on_one_line_are_refused(void **state)
{
    fixture *fx = *state;
    strbuf t = STRBUF_INIT;
    sb_append(&t, "# T\n\n");
    for (int i = 0; i < 50000; i++)
        sb_append(&t, "> ");
    sb_append(&t, "deep\n");
    S_write(fx->tpl, "10.md", sb_cstr(&t));
    sb_free(&t);
    assert_null(S_build(fx));
    assert_int_equal(S_first_error(fx)->line, 3);
}

/* 100,000 "not"s are counted, not recursed into: an even number keeps the
 * condition (LADO is present), an odd one negates it. */
static void test_hundred_thousand_nots_are_counted(void **state)
{
    fixture *fx = *state;
    strbuf t = STRBUF_INIT;
    sb_append(&t, "# T\n\n<!-- if: ");
    for (int i = 0; i < 100000; i++)
        sb_append(&t, "not ");
    sb_append(&t, "lado -->\nShown.\n<!-- end -->\n\n<!-- if: not ");
    for (int i = 0; i < 100000; i++)
        sb_append(&t, "not ");
    sb_append(&t, "lado -->\nHidden.\n<!-- end -->\n");
    S_write(fx->tpl, "10.md", sb_cstr(&t));
    sb_free(&t);
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(d->kids[0]->nkids, 1);
    char *p = doc_paragraph_text(d->kids[0]->kids[0]);
    assert_string_equal(p, "Shown.");
    free(p);
    doc_free(d);
}

/* 30,000 mistyped placeholders: 50 errors shown, the rest counted. */
static void test_template_errors_are_capped_per_file(void **state)
{
    fixture *fx = *state;
    strbuf t = STRBUF_INIT;
    sb_append(&t, "# T\n\n");
    for (int i = 0; i < 30000; i++)
        sb_appendf(&t, "Bad {{lado.contacts.totl%d}}.\n\n", i);
    S_write(fx->tpl, "10.md", sb_cstr(&t));
    sb_free(&t);
    assert_null(S_build(fx));
    assert_int_equal(fx->dl.nerrors, 50);
    const diag *last = &fx->dl.items[fx->dl.n - 1];
    assert_int_equal(last->sev, DIAG_NOTE);
    assert_string_equal(last->message, "29950 further errors in this file not shown");
}

/* References to a table that is not in the report are capped as the
 * reader's own messages are: 20,000 of them in one file give 50 errors and
 * one note, and the reference to the table that is there still reads
 * "Table 1".  Counted by hand: 20,000 - 50 = 19,950. */
static void test_broken_references_are_capped_per_file(void **state)
{
    fixture *fx = *state;
    strbuf t = STRBUF_INIT;
    sb_append(&t, "# T\n\n```table lado_quarter\n```\n\nSee {{table:lado_quarter}}.\n\n");
    for (int i = 0; i < 20000; i++)
        sb_appendf(&t, "See {{table:missing%d}}.\n\n", i);
    S_write(fx->tpl, "10.md", sb_cstr(&t));
    sb_free(&t);
    assert_null(S_build(fx));
    assert_int_equal(fx->dl.nerrors, 50);
    assert_non_null(strstr(fx->dl.items[0].message, "{{table:missing0}} refers to a table that "
                                                    "is not in the report"));
    const diag *last = &fx->dl.items[fx->dl.n - 1];
    assert_int_equal(last->sev, DIAG_NOTE);
    assert_true(S_ends_with(last->file, "10.md"));
    assert_string_equal(last->message, "19950 further errors in this file not shown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
        T(test_placeholder_resolves_to_the_figure_display),
        T(test_unknown_placeholder_names_template_file_and_line),
        T(test_unknown_chart_is_an_error_at_its_line),
        T(test_unknown_table_is_an_error_at_its_line),
        T(test_chapter_of_an_absent_return_drops_out),
        T(test_section_requirement_drops_only_that_section),
        T(test_if_else_chooses_by_previous_year),
        T(test_unclosed_if_is_reported_at_the_if),
        T(test_word_choice_and_abs_follow_the_sign),
        T(test_two_word_choice_follows_one_or_many),
        T(test_area_token_in_keys_uses_the_area_slug),
        T(test_figure_of_absent_return_outside_a_guard_is_an_error),
        T(test_table_block_and_reference_are_numbered),
        T(test_table_without_header_row_is_an_error_at_its_line),
        T(test_chart_without_text_alternative_is_refused),
        T(test_table_of_absent_return_drops_silently),
        T(test_error_in_narrative_names_the_narrative_file),
        T(test_unknown_condition_is_an_error),
        T(test_direction_names_the_run_of_rises_or_falls),
        T(test_direction_without_last_year_is_an_error_saying_how_to_guard),
        T(test_standing_among_the_years),
        T(test_chart_carries_its_data_as_a_table),
        T(test_narrative_of_only_comments_is_left_out),
        T(test_unclosed_comment_is_a_warning),
        T(test_deep_list_is_an_error_at_the_line_too_deep),
        T(test_quote_markers_on_one_line_are_refused),
        T(test_hundred_thousand_nots_are_counted),
        T(test_template_errors_are_capped_per_file),
        T(test_broken_references_are_capped_per_file),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
