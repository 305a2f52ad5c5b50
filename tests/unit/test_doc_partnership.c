/* test_doc_partnership.c - template features that let one default template
 * fit any partnership: a narrative's own first heading as the title of the
 * chapter that holds it (```narrative f.md``` with "heading: title"), the
 * crime return's own names in keys (@total, @comparison), and report.ini's
 * contact ({{report.contact}}, <!-- if: setting contact -->).  Templates
 * and narratives are written to a temporary folder; every expected value is
 * the one the test itself put in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "doc/doc.h"
#include "util/alloc.h"
#include "util/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char dir[64];
    char *tpl, *narr;
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
    snprintf(fx->dir, sizeof fx->dir, "/tmp/annrep-docp-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    fx->tpl = paths_join(fx->dir, "tpl");
    fx->narr = paths_join(fx->dir, "narrative");
    assert_int_equal(paths_mkdir_p(fx->tpl), 0);
    assert_int_equal(paths_mkdir_p(fx->narr), 0);
    fx->p.dir = xstrdup(fx->dir);
    fx->p.narrative_dir = fx->narr;
    fx->p.cfg.area = xstrdup("Northmoor");
    fx->p.cfg.partnership = xstrdup("Northmoor Safeguarding Children Partnership");
    fx->p.cfg.year = xstrdup("2022-23");
    fx->p.cfg.year_start = 2022;
    fx->p.cfg.title = xstrdup("Annual Report 2022-23");
    fx->p.cfg.published_ymd = 20231031;
    fx->p.years[0].present = true;
    fx->p.years[0].tables[RET_CRIME].present = true;
    fig_set(&fx->fs, "crime.total_type", true, 0, "All crime", "text", "t", "c.csv");
    fig_set(&fx->fs, "crime.comparison_area", true, 0, "Northshire Police", "text", "a", "c.csv");
    fig_set(&fx->fs, "crime.all_crime.northmoor.current", true, 8214, "8,214", "count", "c",
            "c.csv");
    fig_set(&fx->fs, "crime.all_crime.northshire_police.change_pct", true, 5.17, "+5.2%",
            "percent change", "c", "c.csv");
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
    free(fx->narr);
    free(fx->p.dir);
    free(fx->p.cfg.area);
    free(fx->p.cfg.partnership);
    free(fx->p.cfg.year);
    free(fx->p.cfg.title);
    free(fx->p.cfg.contact);
    fig_free(&fx->fs);
    dsl_free(&fx->dsl);
    diag_free(&fx->dl);
    free(fx);
    return 0;
}

static doc_node *S_build(fixture *fx)
{
    doc_node *d = (doc_node *)1;
    annrep_status st = doc_build(fx->tpl, &fx->p, &fx->fs, &fx->dsl, &fx->dl, &d);
    assert_true((st == ANNREP_OK) == (d != NULL));
    return d;
}

/* The text of block i of node n. */
static void S_expect_text(const doc_node *n, size_t i, const char *want)
{
    assert_true(n->nkids > i);
    char *t = doc_paragraph_text(n->kids[i]);
    assert_string_equal(t, want);
    free(t);
}

static const char S_foreword_tpl[] =
    "<!-- requires: narrative foreword.md -->\n<!-- unnumbered -->\n\n# Foreword\n\n"
    "```narrative foreword.md\nheading: title\n```\n";

/* The narrative's first heading is the chapter's title, not a section; a
 * later heading stays a section. */
static void test_narrative_first_heading_titles_the_chapter(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "00.md", S_foreword_tpl);
    S_write(fx->narr, "foreword.md",
            "<!-- a note -->\n\n## Foreword from the Independent Scrutineer\n\nFirst words.\n\n"
            "## Thanks\n\nLast words.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(fx->dl.nerrors, 0);
    assert_int_equal(d->nkids, 1);
    doc_node *ch = d->kids[0];
    assert_string_equal(ch->title, "Foreword from the Independent Scrutineer");
    assert_int_equal(ch->nkids, 2);
    S_expect_text(ch, 0, "First words.");
    assert_int_equal(ch->kids[1]->type, DOC_SECTION);
    assert_string_equal(ch->kids[1]->title, "Thanks");
    doc_free(d);
}

/* Without a heading at its start the template's title stays, and a '#'
 * heading (a chapter level in a narrative) is fine as the title. */
static void test_narrative_without_heading_keeps_the_template_title(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "00.md", S_foreword_tpl);
    S_write(fx->narr, "foreword.md", "Words first.\n\n## A section\n\nMore.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_string_equal(d->kids[0]->title, "Foreword");
    assert_int_equal(d->kids[0]->kids[1]->type, DOC_SECTION);
    doc_free(d);
    diag_free(&fx->dl);
    S_write(fx->narr, "foreword.md", "# Chair's foreword, {{report.area}}\n\nWords.\n");
    d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(fx->dl.nerrors, 0);
    assert_string_equal(d->kids[0]->title, "Chair\xE2\x80\x99s foreword, Northmoor"); /* smart quote */
    doc_free(d);
}

/* Without the option a narrative's '#' is still an error, and the option
 * takes only 'title'. */
static void test_heading_option_is_checked(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "00.md", "# F\n\n```narrative foreword.md\nheading: chapter\n```\n");
    S_write(fx->narr, "foreword.md", "Words.\n");
    doc_node *d = S_build(fx);
    assert_null(d);
    assert_int_equal(fx->dl.items[0].line, 4);
    assert_non_null(strstr(fx->dl.items[0].message, "heading: expected 'title'"));
}

/* @total and @comparison stand for the crime return's own names. */
static void test_crime_names_in_keys(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "10.md",
            "# Crime\n\n{{crime.total_type}} in {{report.area}}: {{crime.@total.@area.current}}"
            "; {{crime.@total.@comparison.change_pct}} for {{crime.comparison_area}}.\n\n"
            "<!-- if: figure crime.@total.@area.current -->\n\nShown.\n\n<!-- end -->\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(fx->dl.n, 0);
    S_expect_text(d->kids[0], 0, "All crime in Northmoor: 8,214; +5.2% for Northshire Police.");
    S_expect_text(d->kids[0], 1, "Shown.");
    doc_free(d);
}

/* With no total type known, @total stays as written: a guarded sentence
 * goes, an unguarded one is an error naming the key. */
static void test_crime_names_unknown_leave_the_key_unresolved(void **state)
{
    fixture *fx = *state;
    fig_free(&fx->fs);
    fig_set(&fx->fs, "crime.rape.northmoor.current", true, 10, "10", "count", "c", "c.csv");
    S_write(fx->tpl, "10.md",
            "# Crime\n\n<!-- if: figure crime.@total.@area.current -->\n\nGone.\n\n<!-- end -->\n\n"
            "Kept.\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    assert_int_equal(d->kids[0]->nkids, 1);
    S_expect_text(d->kids[0], 0, "Kept.");
    doc_free(d);
    S_write(fx->tpl, "10.md", "# Crime\n\n{{crime.@total.@area.current}}\n");
    d = S_build(fx);
    assert_null(d);
    assert_non_null(strstr(fx->dl.items[fx->dl.n - 1].message, "crime.@total.northmoor.current"));
}

/* report.contact prints the setting; without it the guarded text goes and
 * an unguarded placeholder is an error that says how to guard it. */
static void test_contact_setting(void **state)
{
    fixture *fx = *state;
    S_write(fx->tpl, "90.md",
            "# Contact\n\n<!-- if: setting contact -->\n\nWrite to {{report.contact}}.\n\n"
            "<!-- else -->\n\nAsk {{report.partnership}}.\n\n<!-- end -->\n");
    doc_node *d = S_build(fx);
    assert_non_null(d);
    S_expect_text(d->kids[0], 0, "Ask Northmoor Safeguarding Children Partnership.");
    doc_free(d);
    fx->p.cfg.contact = xstrdup("nscp@northmoor.example");
    d = S_build(fx);
    assert_non_null(d);
    S_expect_text(d->kids[0], 0, "Write to nscp@northmoor.example.");
    doc_free(d);
    free(fx->p.cfg.contact);
    fx->p.cfg.contact = NULL;
    S_write(fx->tpl, "90.md", "# Contact\n\n{{report.contact}}\n");
    d = S_build(fx);
    assert_null(d);
    assert_non_null(strstr(fx->dl.items[0].message, "<!-- if: setting contact -->"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, S_setup, S_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_narrative_first_heading_titles_the_chapter),
        T(test_narrative_without_heading_keeps_the_template_title),
        T(test_heading_option_is_checked),
        T(test_crime_names_in_keys),
        T(test_crime_names_unknown_leave_the_key_unresolved),
        T(test_contact_setting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
