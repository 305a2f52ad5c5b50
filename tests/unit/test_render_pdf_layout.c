/* test_render_pdf_layout.c - the PDF writer's layout, asserted on what the
 * layout produces (the pages of drawing operations, before painting): a
 * Total row has its rule above it and is set in bold; a table that runs
 * onto another page repeats its header row under a "(continued)" caption;
 * a heading is never left at the foot of a page without what follows it;
 * a table or chart that does not fit on the rest of its page floats to the
 * top of the next while the paragraphs after it fill the page, and its
 * structure elements keep their place in the document; no text runs past
 * the text block (long words, cells, rows taller than a page).  Documents
 * are built by hand here, and the sample report is laid out too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "chart/chart_model.h"
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

/* A two-column table whose first row's label is label (then "Row 2" ...). */
static void S_table_label(fixture *f, doc_node *parent, const char *id, size_t nrows,
                          const char *label)
{
    S_table(f, parent, id, nrows, false);
    doc_node *t = parent->kids[parent->nkids - 1];
    dataset *ds = (dataset *)t->ds;
    ds_set_text(ds, 0, 0, label);
    doc_table_free(t->table);
    t->table = doc_table_new(ds, t->cols, t->ncols);
}

/* A bar chart of ncats categories "Category i" = i. */
static void S_chart(doc_node *parent, const char *id, size_t ncats)
{
    chart *ch = chart_new(id, CHART_HBAR, CHART_UNIT_COUNT, "Things by category");
    chart_set_source(ch, "Source: 2022-23/x.csv");
    for (size_t i = 0; i < ncats; i++) {
        char label[32];
        snprintf(label, sizeof label, "Category %zu", i + 1);
        chart_add_category(ch, label);
    }
    size_t k = chart_add_series(ch, "Things");
    for (size_t i = 0; i < ncats; i++)
        chart_set_value(ch, k, i, (double)(i + 1));
    chart_finish(ch);
    doc_node *n = doc_node_new(DOC_CHART, "test", 1);
    n->ref = xstrdup(id);
    n->caption = xstrdup("Things by category");
    n->source = xstrdup("2022-23/x.csv");
    n->chart = ch;
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

/* A paragraph "prefix0 prefix1 ..." of `words` words. */
static void S_words_p(doc_node *parent, const char *prefix, int words)
{
    strbuf b = STRBUF_INIT;
    for (int i = 0; i < words; i++)
        sb_appendf(&b, "%s%s%d", i ? " " : "", prefix, i);
    S_para(parent, sb_cstr(&b));
    sb_free(&b);
}

/* The page (0-based) and op of the first text op of role whose text
 * starts with prefix; npages when none. */
static size_t S_page_of(const pdf_ctx *c, pdf_role role, const char *prefix,
                        const pdf_op **found)
{
    for (size_t p = 0; p < c->npages; p++)
        for (size_t i = 0; i < c->pages[p].n; i++) {
            const pdf_op *o = &c->pages[p].ops[i];
            if (o->kind == PO_TEXT && o->role == role &&
                strncmp(o->text, prefix, strlen(prefix)) == 0) {
                if (found)
                    *found = o;
                return p;
            }
        }
    return c->npages;
}

/* The lowest point of what is drawn on page p (PDF_TOP when nothing). */
static float S_lowest(const pdf_page *pg)
{
    float low = PDF_TOP;
    for (size_t i = 0; i < pg->n; i++) {
        const pdf_op *o = &pg->ops[i];
        float y = o->kind == PO_TEXT   ? o->y
                  : o->kind == PO_RECT ? o->y
                  : o->kind == PO_LINE ? (o->h < 0 ? o->y + o->h : o->y)
                                       : o->y - o->h;
        if (y < low)
            low = y;
    }
    return low;
}

/* The text of op o without the spaces set after it (invisible). */
static float S_ink_width(const pdf_ctx *c, const pdf_op *o)
{
    char *t = xstrdup(o->text);
    size_t n = strlen(t);
    while (n > 0 && t[n - 1] == ' ')
        t[--n] = '\0';
    float w = pdf_text_width(c, o->face, o->size, t);
    free(t);
    return w;
}

/* Every mark laid out inside the text block: left of its right edge, right
 * of its left edge, above its foot (the footer) and below its top.  Returns
 * the 1-based page of the first that is not (and its op), or 0. */
static size_t S_outside_block(const pdf_ctx *c, const pdf_op **bad)
{
    const float l = PDF_MARGIN_L - 0.01f, r = PDF_MARGIN_L + PDF_TEXT_W + 0.01f;
    for (size_t p = 0; p < c->npages; p++)
        for (size_t i = 0; i < c->pages[p].n; i++) {
            const pdf_op *o = &c->pages[p].ops[i];
            float x0 = o->x, x1 = o->x + o->w, y0 = o->y, y1 = o->y + o->h;
            if (o->kind == PO_TEXT) {
                x1 = o->x + S_ink_width(c, o);
                y1 = o->y;
            } else if (o->kind == PO_CHART) {
                y0 = o->y - o->h;
                y1 = o->y;
            } else if (o->kind == PO_LINE && o->h < 0) {
                y0 = o->y + o->h;
                y1 = o->y;
            }
            if (x0 < l || x1 > r || y0 < PDF_BOTTOM - 0.01f || y1 > PDF_TOP + 0.01f) {
                *bad = o;
                return p + 1;
            }
        }
    return 0;
}

/* The text of every op of role, in the order laid out, joined. */
static char *S_joined(const pdf_ctx *c, pdf_role role)
{
    strbuf b = STRBUF_INIT;
    for (size_t p = 0; p < c->npages; p++)
        for (size_t i = 0; i < c->pages[p].n; i++)
            if (c->pages[p].ops[i].kind == PO_TEXT && c->pages[p].ops[i].role == role)
                sb_append(&b, c->pages[p].ops[i].text);
    return sb_take(&b);
}

/* Index among its parent's kids of the element that element se (or an
 * ancestor of it) is, below parent. */
static size_t S_kid_index(const pdf_ctx *c, int se, int parent)
{
    while (se >= 0 && c->tree.items[se].parent != parent)
        se = c->tree.items[se].parent;
    if (se < 0)
        return SIZE_MAX;
    const pdf_elem *pe = &c->tree.items[parent];
    for (size_t i = 0; i < pe->nkids; i++)
        if (pe->kids[i].kind == PK_ELEM && pe->kids[i].index == se)
            return i;
    return SIZE_MAX;
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

/* About 60% of a page of text, then a table too tall for the rest: the
 * paragraphs after the table fill the page and the table goes at the top
 * of the next; in the structure tree it stays between the paragraph before
 * it and those after (the document's order). */
static void test_table_that_does_not_fit_floats_after_the_next_paragraphs(void **state)
{
    fixture *f = *state;
    S_words_p(f->chapter, "before", 260);
    S_table(f, f->chapter, "tall", 30, true);
    S_words_p(f->chapter, "after", 60);
    S_words_p(f->chapter, "later", 60);
    S_layout(f);
    const pdf_op *cap = NULL, *after = NULL, *before = NULL;
    size_t pb = S_page_of(&f->c, PR_BODY, "before0", &before);
    size_t pt = S_page_of(&f->c, PR_CAPTION, "Table 1:", &cap);
    size_t pa = S_page_of(&f->c, PR_BODY, "after0", &after);
    assert_true(pb < f->c.npages && pt < f->c.npages && pa < f->c.npages);
    /* The paragraph after the table is set on the page the table did not
     * fit on; the table heads the next page. */
    assert_int_equal(pa, pb);
    assert_int_equal(pt, pb + 1);
    for (size_t i = 0; i < f->c.pages[pt].n; i++)
        if (f->c.pages[pt].ops[i].kind == PO_TEXT)
            assert_true(f->c.pages[pt].ops[i].y <= cap->y);
    /* The page the table left is full (its text reaches the foot). */
    assert_true(S_lowest(&f->c.pages[pb]) < PDF_BOTTOM + 3 * PDF_BODY_LEAD);
    /* Reading order: Table after the paragraph before it, before the
     * paragraphs after it, among the chapter's elements. */
    int sect = f->c.tree.items[before->se].parent;
    size_t ib = S_kid_index(&f->c, before->se, sect), it = S_kid_index(&f->c, cap->se, sect),
           ia = S_kid_index(&f->c, after->se, sect);
    assert_true(ib != SIZE_MAX && it != SIZE_MAX && ia != SIZE_MAX);
    assert_true(ib < it && it < ia);
    assert_int_equal(f->c.tree.items[f->c.tree.items[cap->se].parent].type, PT_TABLE);
    /* Every row was set, once. */
    assert_int_equal(S_count(&f->c, PR_TABLE_CELL), 2 * 31);
}

static void test_chart_that_does_not_fit_floats_after_the_next_paragraphs(void **state)
{
    fixture *f = *state;
    S_words_p(f->chapter, "before", 260);
    S_chart(f->chapter, "tall", 20);
    S_words_p(f->chapter, "after", 60);
    S_layout(f);
    const pdf_op *cap = NULL, *after = NULL, *before = NULL;
    size_t pb = S_page_of(&f->c, PR_BODY, "before0", &before);
    size_t pc = S_page_of(&f->c, PR_CAPTION, "Figure 1:", &cap);
    size_t pa = S_page_of(&f->c, PR_BODY, "after0", &after);
    assert_true(pb < f->c.npages && pc < f->c.npages && pa < f->c.npages);
    assert_int_equal(pa, pb);
    assert_int_equal(pc, pb + 1);
    int sect = f->c.tree.items[before->se].parent;
    size_t ic = S_kid_index(&f->c, cap->se, sect), ia = S_kid_index(&f->c, after->se, sect);
    assert_true(ic != SIZE_MAX && ia != SIZE_MAX && ic < ia);
    /* Caption, Figure, source and description stay together, in order. */
    const pdf_elem *pe = &f->c.tree.items[sect];
    assert_int_equal(f->c.tree.items[pe->kids[ic + 1].index].type, PT_FIGURE);
    assert_int_equal(f->c.tree.items[pe->kids[ic + 2].index].type, PT_P);
    assert_int_equal(f->c.tree.items[pe->kids[ic + 3].index].type, PT_P);
    assert_int_equal(ia, ic + 4);
}

/* Floats keep the document's order (a small table that would fit waits
 * behind the one before it) and never pass the end of their chapter. */
static void test_floats_keep_their_order_and_their_chapter(void **state)
{
    fixture *f = *state;
    S_words_p(f->chapter, "before", 260);
    S_table(f, f->chapter, "tall", 30, true);
    S_table(f, f->chapter, "small", 2, false);
    S_words_p(f->chapter, "after", 30);
    doc_node *ch2 = doc_node_new(DOC_CHAPTER, "test", 1);
    ch2->title = xstrdup("Next chapter");
    ch2->level = 1;
    doc_node_append(f->root, ch2);
    S_words_p(ch2, "next", 20);
    S_layout(f);
    const pdf_op *t1 = NULL, *t2 = NULL;
    size_t p1 = S_page_of(&f->c, PR_CAPTION, "Table 1:", &t1);
    size_t p2 = S_page_of(&f->c, PR_CAPTION, "Table 2:", &t2);
    size_t pn = S_page_of(&f->c, PR_BODY, "next0", NULL);
    assert_true(p1 < f->c.npages && p2 < f->c.npages && pn < f->c.npages);
    assert_true(p1 < p2 || (p1 == p2 && t1->y > t2->y));
    assert_true(p2 < pn);
    assert_int_equal(S_page_of(&f->c, PR_BODY, "after0", NULL),
                     S_page_of(&f->c, PR_BODY, "before0", NULL));
}

/* A heading whose section starts with a table too tall for the rest of
 * the page stays with the section's text; the table floats. */
static void test_heading_stays_with_its_text_when_its_table_floats(void **state)
{
    fixture *f = *state;
    S_words_p(f->chapter, "before", 240);
    doc_node *sec = S_section(f->chapter, "A section");
    S_table(f, sec, "tall", 30, true);
    S_words_p(sec, "after", 40);
    S_layout(f);
    size_t ph = S_page_of(&f->c, PR_HEADING, "1.1", NULL);
    size_t pa = S_page_of(&f->c, PR_BODY, "after0", NULL);
    size_t pt = S_page_of(&f->c, PR_CAPTION, "Table 1:", NULL);
    assert_int_equal(ph, S_page_of(&f->c, PR_BODY, "before0", NULL));
    assert_int_equal(pa, ph);
    assert_int_equal(pt, ph + 1);
    size_t bad = S_heading_alone_at_foot(&f->c);
    if (bad)
        fail_msg("page %zu ends with a heading", bad);
}

/* Chapters of sections of text, tables and charts of many sizes: no page
 * but the last of a chapter is left less than half full, every heading's
 * contents entry points at the page it is on, every table and figure is
 * set once and in its number's order, and nothing leaves the text block. */
static void test_no_page_is_left_mostly_empty_but_a_chapter_end(void **state)
{
    fixture *f = *state;
    int ntables = 0, ncharts = 0;
    for (int ch = 0; ch < 3; ch++) {
        doc_node *chap = f->chapter;
        if (ch > 0) {
            chap = doc_node_new(DOC_CHAPTER, "test", 1);
            chap->title = xstrdup("Another chapter");
            chap->level = 1;
            doc_node_append(f->root, chap);
        }
        for (int k = 0; k < 6; k++) {
            int m = ch * 6 + k;
            doc_node *sec = S_section(chap, "A section heading");
            S_words(sec, 40 + (m * 37) % 90);
            char id[32];
            snprintf(id, sizeof id, "t%d", m);
            S_table(f, sec, id, (size_t)(6 + (m * 7) % 22), m % 2 == 0);
            ntables++;
            S_words(sec, 30 + (m * 23) % 70);
            if (m % 3 != 1) {
                snprintf(id, sizeof id, "c%d", m);
                S_chart(sec, id, (size_t)(4 + (m * 5) % 16));
                ncharts++;
            }
        }
    }
    S_layout(f);
    /* The last page of each chapter: the page before the next opening. */
    size_t first_body = 1 + f->c.ncontents;
    for (size_t p = first_body; p < f->c.npages; p++) {
        bool last_of_chapter = p + 1 == f->c.npages || f->c.pages[p + 1].header == NULL;
        if (last_of_chapter || f->c.pages[p].header == NULL)
            continue;  /* a chapter's end, or its opening page (checked below) */
        float used = (PDF_TOP - S_lowest(&f->c.pages[p])) / (PDF_TOP - PDF_BOTTOM);
        if (used < 0.5f)
            fail_msg("page %zu is %.0f%% full and not the end of a chapter", p + 1, 100 * used);
    }
    for (size_t p = first_body; p + 1 < f->c.npages; p++)
        if (f->c.pages[p].header == NULL && f->c.pages[p + 1].header != NULL) {
            float used = (PDF_TOP - S_lowest(&f->c.pages[p])) / (PDF_TOP - PDF_BOTTOM);
            if (used < 0.5f)
                fail_msg("opening page %zu is %.0f%% full", p + 1, 100 * used);
        }
    size_t bad = S_heading_alone_at_foot(&f->c);
    if (bad)
        fail_msg("page %zu ends with a heading", bad);
    /* Each heading's mark (contents, links, bookmarks) is on its page. */
    for (size_t i = 0; i < f->c.nmarks; i++) {
        const pdf_mark *mk = &f->c.marks[i];
        bool found = false;
        const pdf_page *pg = &f->c.pages[mk->page];
        for (size_t k = 0; k < pg->n && !found; k++)
            found = pg->ops[k].role == PR_HEADING && pg->ops[k].y <= mk->y + 31.0f &&
                    pg->ops[k].y > mk->y - 60.0f;
        if (!found)
            fail_msg("heading %zu's mark points at page %zu, where it is not", i + 1,
                     mk->page + 1);
    }
    /* Tables and figures in their numbers' order, each captioned once. */
    const char *kinds[2] = {"Table", "Figure"};
    int counts[2] = {ntables, ncharts};
    for (int kind = 0; kind < 2; kind++) {
        size_t prev_page = 0;
        float prev_y = PDF_TOP + 1;
        for (int i = 1; i <= counts[kind]; i++) {
            char want[32];
            snprintf(want, sizeof want, "%s %d:", kinds[kind], i);
            const pdf_op *o = NULL;
            size_t p = S_page_of(&f->c, PR_CAPTION, want, &o);
            if (p == f->c.npages)
                fail_msg("%s is not laid out", want);
            if (p < prev_page || (p == prev_page && o->y >= prev_y))
                fail_msg("%s comes before the one numbered before it", want);
            prev_page = p;
            prev_y = o->y;
        }
    }
    const pdf_op *o = NULL;
    bad = S_outside_block(&f->c, &o);
    if (bad)
        fail_msg("page %zu: '%s' leaves the text block", bad, o->text ? o->text : "(shape)");
}

/* A 300-character URL in a paragraph: broken over lines after its / where
 * it can, every piece inside the text block, no character lost. */
static void test_long_url_breaks_inside_the_text_block(void **state)
{
    fixture *f = *state;
    strbuf url = STRBUF_INIT;
    sb_append(&url, "https://www.example.org.uk/safeguarding");
    for (int i = 0; url.len < 300; i++)
        sb_appendf(&url, "/annual-report-section-%02d", i);
    strbuf text = STRBUF_INIT;
    sb_appendf(&text, "See %s for more.", sb_cstr(&url));
    S_para(f->chapter, sb_cstr(&text));
    S_layout(f);
    const pdf_op *o = NULL;
    size_t bad = S_outside_block(&f->c, &o);
    if (bad)
        fail_msg("page %zu: '%s' leaves the text block", bad, o->text);
    char *all = S_joined(&f->c, PR_BODY);
    assert_string_equal(all, sb_cstr(&text));
    free(all);
    /* The URL's lines end after a slash. */
    size_t lines = 0, at_slash = 0;
    const pdf_page *pg = &f->c.pages[1 + f->c.ncontents];
    for (size_t i = 0; i < pg->n; i++)
        if (pg->ops[i].role == PR_BODY && strchr(pg->ops[i].text, '/')) {
            lines++;
            size_t n = strlen(pg->ops[i].text);
            at_slash += n > 0 && (pg->ops[i].text[n - 1] == '/' || pg->ops[i].text[n - 1] == '-');
        }
    assert_true(lines >= 3);
    assert_true(at_slash >= lines - 1);
    sb_free(&url);
    sb_free(&text);
}

/* A table cell holding one very long word (an agency's name run together)
 * wraps inside its column and the table stays inside the text block. */
static void test_long_word_in_a_cell_stays_in_the_table(void **state)
{
    fixture *f = *state;
    strbuf name = STRBUF_INIT;
    while (name.len < 200)
        sb_append(&name, "NorthmoorCommunityHealthcareTrust");
    S_table_label(f, f->chapter, "agencies", 4, sb_cstr(&name));
    S_layout(f);
    const pdf_op *o = NULL;
    size_t bad = S_outside_block(&f->c, &o);
    if (bad)
        fail_msg("page %zu: '%s' leaves the text block", bad, o->text);
    char *cells = S_joined(&f->c, PR_TABLE_CELL);
    assert_non_null(strstr(cells, sb_cstr(&name)));
    free(cells);
    /* The name's column leaves the number column its own room. */
    const pdf_op *num = NULL;
    S_page_of(&f->c, PR_TABLE_CELL, "1", &num);
    assert_non_null(num);
    assert_true(num->x > PDF_MARGIN_L + PDF_TEXT_W / 2);
    sb_free(&name);
}

/* A row taller than a page (a cell of 3,000 words) is split over pages,
 * each part under the repeated header, none over the footer, every word
 * set once; the rows after it follow. */
static void test_row_taller_than_a_page_is_split_over_pages(void **state)
{
    fixture *f = *state;
    strbuf words = STRBUF_INIT;
    for (int i = 0; i < 3000; i++)
        sb_appendf(&words, "%sw%d", i ? " " : "", i);
    S_table_label(f, f->chapter, "huge", 3, sb_cstr(&words));
    S_layout(f);
    const pdf_op *o = NULL;
    size_t bad = S_outside_block(&f->c, &o);
    if (bad)
        fail_msg("page %zu: '%s' leaves the text block", bad, o->text);
    size_t pages = 0;
    for (size_t p = 0; p < f->c.npages; p++) {
        const pdf_page *pg = &f->c.pages[p];
        if (!S_has_role(pg, PR_TABLE_CELL))
            continue;
        pages++;
        if (!S_find_text(pg, PR_TABLE_HEADER, "Row"))
            fail_msg("page %zu has rows of the table but no header row", p + 1);
    }
    assert_true(pages >= 4);
    /* The cell's lines joined are its words (a space ends every line but
     * the last); the other rows follow. */
    strbuf got = STRBUF_INIT;
    for (size_t p = 0; p < f->c.npages; p++)
        for (size_t i = 0; i < f->c.pages[p].n; i++)
            if (f->c.pages[p].ops[i].role == PR_TABLE_CELL && f->c.pages[p].ops[i].text[0] == 'w')
                sb_append(&got, f->c.pages[p].ops[i].text);
    assert_string_equal(sb_cstr(&got), sb_cstr(&words));
    sb_free(&got);
    char *cells = S_joined(&f->c, PR_TABLE_CELL);
    assert_non_null(strstr(cells, "Row 2"));
    assert_non_null(strstr(cells, "Row 3"));
    free(cells);
    sb_free(&words);
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
        T(test_table_that_does_not_fit_floats_after_the_next_paragraphs),
        T(test_chart_that_does_not_fit_floats_after_the_next_paragraphs),
        T(test_floats_keep_their_order_and_their_chapter),
        T(test_heading_stays_with_its_text_when_its_table_floats),
        T(test_no_page_is_left_mostly_empty_but_a_chapter_end),
        T(test_long_url_breaks_inside_the_text_block),
        T(test_long_word_in_a_cell_stays_in_the_table),
        T(test_row_taller_than_a_page_is_split_over_pages),
        cmocka_unit_test(test_sample_report_layout_keeps_the_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
