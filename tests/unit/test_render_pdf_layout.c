/* test_render_pdf_layout.c - the PDF writer's layout, asserted on what the
 * layout produces (the pages of drawing operations, before painting): a
 * Total row has its rule above it and is set in bold; a table that runs
 * onto another page repeats its header row under a "(continued)" caption;
 * a heading is never left at the foot of a page without what follows it.
 * Documents are built by hand here, and the sample report is laid out too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/compute.h"
#include "disclose/disclose.h"
#include "doc/doc_internal.h"
#include "render/pdf_internal.h"
#include "util/alloc.h"
#include "util/paths.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *S_src(void)
{
    const char *s = getenv("ANNREP_SOURCE_DIR");
    return s && *s ? s : ANNREP_SOURCE_DIR;
}

typedef struct {
    project p;
    dataset_list dsl;
    diag_list dl;
    doc_node *root;
    doc_node *chapter;
    pdf_ctx c;
    bool laid_out;
} fixture;

static int S_setup(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    f->p.cfg.area = xstrdup("Northmoor");
    f->p.cfg.partnership = xstrdup("Northmoor Safeguarding Children Partnership");
    f->p.cfg.year = xstrdup("2022-23");
    f->p.cfg.year_start = 2022;
    f->p.cfg.title = xstrdup("Annual Report 2022-23");
    f->p.cfg.published_ymd = 20231031;
    f->p.cfg.accent = 0x12436D;
    f->root = doc_node_new(DOC_DOCUMENT, "test", 0);
    f->root->meta = doc_meta_new(&f->p, NULL);
    f->chapter = doc_node_new(DOC_CHAPTER, "test", 1);
    f->chapter->title = xstrdup("A chapter");
    f->chapter->level = 1;
    doc_node_append(f->root, f->chapter);
    *state = f;
    return 0;
}

static int S_teardown(void **state)
{
    fixture *f = *state;
    if (f->laid_out)
        pdf_ctx_free(&f->c);
    doc_free(f->root);
    dsl_free(&f->dsl);
    diag_free(&f->dl);
    config_free(&f->p.cfg);
    free(f);
    return 0;
}

/* ---- building documents ---------------------------------------------- */

static doc_node *S_para(doc_node *parent, const char *text)
{
    doc_node *n = doc_node_new(DOC_PARAGRAPH, "test", 1);
    doc_add_run(n, text, strlen(text), 0);
    doc_node_append(parent, n);
    return n;
}

/* A paragraph of `words` words ("word1 word2 ..."). */
static void S_words(doc_node *parent, int words)
{
    strbuf b = STRBUF_INIT;
    for (int i = 0; i < words; i++)
        sb_appendf(&b, "%sword%d", i ? " " : "", i);
    S_para(parent, sb_cstr(&b));
    sb_free(&b);
}

static doc_node *S_section(doc_node *parent, const char *title)
{
    doc_node *n = doc_node_new(DOC_SECTION, "test", 1);
    n->title = xstrdup(title);
    n->level = 2;
    doc_node_append(parent, n);
    return n;
}

/* A table of nrows rows "Row i" / i, and a Total row when with_total. */
static void S_table(fixture *f, doc_node *parent, const char *id, size_t nrows, bool with_total)
{
    dataset *ds = ds_new(&f->dsl, id, id, "Things by row", "d", "2022-23/x.csv", 0);
    ds_add_col(ds, "row", "Row", DFMT_TEXT);
    ds_add_col(ds, "n", "Things (number)", DFMT_COUNT);
    double sum = 0;
    for (size_t i = 0; i < nrows; i++) {
        size_t r = ds_add_row(ds);
        char label[32];
        snprintf(label, sizeof label, "Row %zu", i + 1);
        ds_set_text(ds, r, 0, label);
        ds_set_num(ds, r, 1, (double)(i + 1));
        sum += (double)(i + 1);
    }
    if (with_total) {
        size_t r = ds_add_total_row(ds);
        ds_set_text(ds, r, 0, "Total");
        ds_set_num(ds, r, 1, sum);
    }
    doc_node *n = doc_node_new(DOC_TABLE, "test", 1);
    n->ref = xstrdup(id);
    n->caption = xstrdup(ds->title);
    n->source = xstrdup(ds->sources);
    n->ds = ds;
    n->ncols = 2;
    n->cols = xmalloc(2 * sizeof *n->cols);
    n->cols[0] = 0;
    n->cols[1] = 1;
    n->table = doc_table_new(ds, n->cols, n->ncols);
    doc_node_append(parent, n);
}

static void S_layout(fixture *f)
{
    doc_finish(f->root, &f->dl);
    assert_int_equal(f->dl.nerrors, 0);
    char *fonts = paths_join(S_src(), "fonts");
    assert_int_equal(pdf_ctx_init(&f->c, f->root->meta, fonts, &f->dl), ANNREP_OK);
    free(fonts);
    f->laid_out = true;
    pdf_layout(&f->c, f->root);
}

/* ---- reading the layout ---------------------------------------------- */

static const pdf_op *S_find_text(const pdf_page *pg, pdf_role role, const char *text)
{
    for (size_t i = 0; i < pg->n; i++)
        if (pg->ops[i].kind == PO_TEXT && pg->ops[i].role == role &&
            strcmp(pg->ops[i].text, text) == 0)
            return &pg->ops[i];
    return NULL;
}

static size_t S_count(const pdf_ctx *c, pdf_role role)
{
    size_t n = 0;
    for (size_t p = 0; p < c->npages; p++)
        for (size_t i = 0; i < c->pages[p].n; i++)
            n += c->pages[p].ops[i].role == role;
    return n;
}

static bool S_has_role(const pdf_page *pg, pdf_role role)
{
    for (size_t i = 0; i < pg->n; i++)
        if (pg->ops[i].role == role)
            return true;
    return false;
}

/* Content that can follow a heading on its page. */
static bool S_is_content(pdf_role r)
{
    switch (r) {
    case PR_BODY:
    case PR_LIST_MARKER:
    case PR_CAPTION:
    case PR_TABLE_HEADER:
    case PR_TABLE_CELL:
    case PR_CHART:
        return true;
    case PR_DECORATION:
    case PR_HEADING:
    case PR_QUOTE_BAR:
    case PR_TABLE_HEADER_GROUND:
    case PR_TABLE_HEADER_RULE:
    case PR_TABLE_RULE:
    case PR_TABLE_TOTAL_RULE:
    case PR_TABLE_FOOT:
    case PR_CHART_FOOT:
        return false;
    }
    return false;
}

/* No page ends with a heading: after the last heading text of every page
 * comes some content on the same page.  Returns the page that breaks the
 * rule, or 0. */
static size_t S_heading_alone_at_foot(const pdf_ctx *c)
{
    for (size_t p = 0; p < c->npages; p++) {
        const pdf_page *pg = &c->pages[p];
        size_t last = pg->n;
        for (size_t i = 0; i < pg->n; i++)
            if (pg->ops[i].role == PR_HEADING)
                last = i;
        if (last == pg->n)
            continue;
        bool content = false;
        for (size_t i = last + 1; i < pg->n && !content; i++)
            content = S_is_content(pg->ops[i].role);
        if (!content)
            return p + 1;
    }
    return 0;
}

/* ---- tests ----------------------------------------------------------- */

static void test_total_row_is_bold_under_its_rule(void **state)
{
    fixture *f = *state;
    S_para(f->chapter, "Before the table.");
    S_table(f, f->chapter, "with_total", 3, true);
    S_table(f, f->chapter, "without_total", 3, false);
    S_layout(f);
    assert_int_equal(S_count(&f->c, PR_TABLE_TOTAL_RULE), 1);
    const pdf_page *pg = NULL;
    const pdf_op *rule = NULL;
    for (size_t p = 0; p < f->c.npages && !rule; p++)
        for (size_t i = 0; i < f->c.pages[p].n; i++)
            if (f->c.pages[p].ops[i].role == PR_TABLE_TOTAL_RULE) {
                pg = &f->c.pages[p];
                rule = &pg->ops[i];
            }
    const pdf_op *total = S_find_text(pg, PR_TABLE_CELL, "Total");
    const pdf_op *sum = S_find_text(pg, PR_TABLE_CELL, "6");
    const pdf_op *above = S_find_text(pg, PR_TABLE_CELL, "Row 3");
    assert_non_null(total);
    assert_non_null(sum);
    assert_non_null(above);
    /* The rule runs the table's width right above the Total row's text
     * (one row is 13 pt of text and 7 pt of padding) and below the row
     * before it. */
    assert_int_equal(rule->kind, PO_LINE);
    assert_true(rule->h == 0.0f && rule->w > 400.0f);
    assert_true(total->y < rule->y && total->y > rule->y - 20.0f);
    assert_true(above->y > rule->y);
    assert_int_equal(total->face, PF_BOLD);
    assert_int_equal(sum->face, PF_BOLD);
    assert_int_equal(above->face, PF_REGULAR);
}

static void test_table_that_runs_on_repeats_its_header_row(void **state)
{
    fixture *f = *state;
    S_table(f, f->chapter, "long", 120, true);
    S_layout(f);
    size_t pages_with_rows = 0, continued = 0;
    for (size_t p = 0; p < f->c.npages; p++) {
        const pdf_page *pg = &f->c.pages[p];
        if (!S_has_role(pg, PR_TABLE_CELL))
            continue;
        pages_with_rows++;
        if (!S_find_text(pg, PR_TABLE_HEADER, "Row") || !S_has_role(pg, PR_TABLE_HEADER_RULE))
            fail_msg("page %zu has rows of the table but no header row", p + 1);
        for (size_t i = 0; i < pg->n; i++)
            if (pg->ops[i].role == PR_CAPTION && strstr(pg->ops[i].text, "(continued)"))
                continued++;
    }
    /* 121 rows of 20 pt do not fit on one page of 690 pt. */
    assert_true(pages_with_rows >= 3);
    assert_int_equal(continued, pages_with_rows - 1);
    /* Every row was set once. */
    assert_int_equal(S_count(&f->c, PR_TABLE_CELL), 2 * 121);
}

static void test_heading_is_never_left_at_the_foot_of_a_page(void **state)
{
    fixture *f = *state;
    /* Paragraphs of 13 to 70 words move each heading down the page a line
     * or so at a time, so that some land at every height near the foot. */
    for (int k = 0; k < 40; k++) {
        S_words(f->chapter, 13 + (k * 17) % 58);
        doc_node *sec = S_section(f->chapter, "A section heading");
        S_words(sec, 30 + (k * 11) % 40);
    }
    S_layout(f);
    assert_true(f->c.npages > 6);
    size_t bad = S_heading_alone_at_foot(&f->c);
    if (bad)
        fail_msg("page %zu ends with a heading", bad);
    assert_int_equal(S_count(&f->c, PR_HEADING) >= 41, 1);
}

/* The sample report, laid out: the same rules hold on every page. */
static void test_sample_report_layout_keeps_the_rules(void **state)
{
    (void)state;
    char *dir = paths_join(S_src(), "data-samples");
    char *tdir = paths_join(S_src(), "report-templates/default");
    char *fonts = paths_join(S_src(), "fonts");
    project p;
    diag_list dl = DIAG_LIST_INIT;
    figstore fs = FIGSTORE_INIT;
    dataset_list dsl = DATASET_LIST_INIT;
    doc_node *doc = NULL;
    assert_int_equal(project_load(dir, &p, &dl), ANNREP_OK);
    assert_int_equal(compute_all(&p, &fs, &dsl, &dl), ANNREP_OK);
    assert_int_equal(disclose_apply(&fs, &dsl, config_effective_threshold(&p.cfg), NULL, &dl),
                     ANNREP_OK);
    assert_int_equal(doc_build(tdir, &p, &fs, &dsl, &dl, &doc), ANNREP_OK);
    pdf_ctx c;
    assert_int_equal(pdf_ctx_init(&c, doc->meta, fonts, &dl), ANNREP_OK);
    pdf_layout(&c, doc);
    size_t bad = S_heading_alone_at_foot(&c);
    if (bad)
        fail_msg("page %zu ends with a heading", bad);
    /* Every table of the document with a Total row has one rule for it. */
    size_t with_total = 0;
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, doc);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE)
        if (ev == DOC_EV_ENTER && n->type == DOC_TABLE && n->table->nrows &&
            n->table->total[n->table->nrows - 1])
            with_total++;
    assert_true(with_total >= 8);
    assert_int_equal(S_count(&c, PR_TABLE_TOTAL_RULE), with_total);
    pdf_ctx_free(&c);
    doc_free(doc);
    dsl_free(&dsl);
    fig_free(&fs);
    project_free(&p);
    diag_free(&dl);
    free(dir);
    free(tdir);
    free(fonts);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, S_setup, S_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_total_row_is_bold_under_its_rule),
        T(test_table_that_runs_on_repeats_its_header_row),
        T(test_heading_is_never_left_at_the_foot_of_a_page),
        cmocka_unit_test(test_sample_report_layout_keeps_the_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
