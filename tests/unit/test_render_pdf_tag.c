/* test_render_pdf_tag.c - the structure tree the PDF writer's layout builds
 * (pdf_tag.h), asserted before anything is painted: every mark belongs to
 * an element or is an artifact by its role; headings take their level from
 * their depth, so none is skipped; a table is one Table whose header row is
 * tagged once however many pages repeat it; a list item's marker is its
 * Lbl; a table's foot lines are Notes; a character the fonts lack is a
 * warning at its source line.  Documents are built by hand; the expected
 * trees are the ones the documents describe.  tests/e2e/pdf_tags.sh checks
 * the painted PDF. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "doc/doc_internal.h"
#include "render/pdf_internal.h"
#include "util/alloc.h"
#include "util/paths.h"

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
    doc_node *root, *chapter;
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
    f->root = doc_node_new(DOC_DOCUMENT, "tpl", 0);
    f->root->meta = doc_meta_new(&f->p, NULL);
    f->chapter = doc_node_new(DOC_CHAPTER, "tpl/10-x.md", 1);
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

static doc_node *S_para(doc_node *parent, const char *text, int line)
{
    doc_node *n = doc_node_new(DOC_PARAGRAPH, "tpl/10-x.md", line);
    doc_add_run(n, text, strlen(text), 0);
    doc_node_append(parent, n);
    return n;
}

static doc_node *S_section(doc_node *parent, int level, const char *title)
{
    doc_node *n = doc_node_new(DOC_SECTION, "tpl/10-x.md", 1);
    n->title = xstrdup(title);
    n->level = level;
    doc_node_append(parent, n);
    return n;
}

/* A table of nrows rows "Row i" / i and a Total row, with a note. */
static void S_table(fixture *f, doc_node *parent, size_t nrows)
{
    dataset *ds = ds_new(&f->dsl, "t", "t", "Things by row", "d", "2022-23/x.csv", 0);
    ds_add_col(ds, "row", "Row", DFMT_TEXT);
    ds_add_col(ds, "n", "Things (number)", DFMT_COUNT);
    for (size_t i = 0; i < nrows; i++) {
        size_t r = ds_add_row(ds);
        char label[32];
        snprintf(label, sizeof label, "Row %zu", i + 1);
        ds_set_text(ds, r, 0, label);
        ds_set_num(ds, r, 1, (double)(i + 1));
    }
    size_t r = ds_add_total_row(ds);
    ds_set_text(ds, r, 0, "Total");
    ds_set_num(ds, r, 1, (double)(nrows * (nrows + 1) / 2));
    ds_add_note(ds, "Rows are counted from one.");
    doc_node *n = doc_node_new(DOC_TABLE, "tpl/10-x.md", 9);
    n->ref = xstrdup("t");
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

/* ---- reading the tree ------------------------------------------------ */

static const pdf_elem *S_el(const fixture *f, int se)
{
    assert_true(se >= 0 && (size_t)se < f->c.tree.n);
    return &f->c.tree.items[se];
}

/* The element kids of se, in order, and how many. */
static size_t S_kids(const fixture *f, int se, int *out, size_t max)
{
    const pdf_elem *e = S_el(f, se);
    size_t n = 0;
    for (size_t i = 0; i < e->nkids; i++)
        if (e->kids[i].kind == PK_ELEM) {
            if (n < max)
                out[n] = e->kids[i].index;
            n++;
        }
    return n;
}

/* The first element of type t, in creation (document) order, or -1. */
static int S_first(const fixture *f, pdf_tag_type t)
{
    for (size_t i = 0; i < f->c.tree.n; i++)
        if (f->c.tree.items[i].type == t)
            return (int)i;
    return -1;
}

static size_t S_count_type(const fixture *f, pdf_tag_type t)
{
    size_t n = 0;
    for (size_t i = 0; i < f->c.tree.n; i++)
        n += f->c.tree.items[i].type == t;
    return n;
}

/* Every op: content in an element, artifacts by role (or a repeat). */
static void S_assert_every_op_tagged(const pdf_ctx *c)
{
    for (size_t p = 0; p < c->npages; p++)
        for (size_t i = 0; i < c->pages[p].n; i++) {
            const pdf_op *o = &c->pages[p].ops[i];
            if (pdf_role_is_artifact(o->role))
                assert_int_equal(o->se, PDF_SE_NONE);
            else if (o->se != PDF_SE_PAGINATION && (o->se < 0 || (size_t)o->se >= c->tree.n))
                fail_msg("page %zu op %zu (role %d) belongs to no element", p + 1, i,
                         (int)o->role);
        }
}

/* ---- tests ----------------------------------------------------------- */

static void test_heading_levels_follow_depth_and_skip_none(void **state)
{
    fixture *f = *state;
    S_para(f->chapter, "Opening.", 2);
    doc_node *deep = S_section(f->chapter, 3, "A ### straight under the #");
    S_para(deep, "Text.", 4);
    doc_node *two = S_section(f->chapter, 2, "A ## section");
    doc_node *three = S_section(two, 3, "Its ### subsection");
    S_para(three, "Text.", 8);
    S_layout(f);
    S_assert_every_op_tagged(&f->c);
    /* Document > cover Sect, contents Sect, chapter Sect > H1, P, Sect > H2 ... */
    int kids[8];
    assert_int_equal(S_kids(f, f->c.se.doc, kids, 8), 3);
    int chapter = kids[2];
    assert_int_equal(S_el(f, chapter)->type, PT_SECT);
    assert_int_equal(S_kids(f, chapter, kids, 8), 4);
    assert_int_equal(S_el(f, kids[0])->type, PT_H1);
    assert_int_equal(S_el(f, kids[1])->type, PT_P);
    int sect_deep = kids[2], sect_two = kids[3];
    assert_int_equal(S_kids(f, sect_deep, kids, 8), 2);
    assert_int_equal(S_el(f, kids[0])->type, PT_H2);  /* not H3: no level skipped */
    assert_int_equal(S_kids(f, sect_two, kids, 8), 2);
    assert_int_equal(S_el(f, kids[0])->type, PT_H2);
    assert_int_equal(S_kids(f, kids[1], kids, 8), 2);
    assert_int_equal(S_el(f, kids[0])->type, PT_H3);
    /* The chapter's label and title are one heading. */
    int h1 = -1;
    for (size_t i = 0; i < f->c.tree.n; i++)
        if (f->c.tree.items[i].type == PT_H1 && f->c.tree.items[i].parent == chapter)
            h1 = (int)i;
    size_t in_h1 = 0;
    const pdf_page *pg = &f->c.pages[f->c.npages - 1];
    for (size_t i = 0; i < pg->n; i++)
        if (pg->ops[i].role == PR_HEADING && pg->ops[i].se == h1)
            in_h1++;
    assert_int_equal(in_h1, 2);  /* "CHAPTER 1 " and "A chapter" */
}

static void test_long_table_is_one_table_with_its_header_tagged_once(void **state)
{
    fixture *f = *state;
    S_table(f, f->chapter, 120);
    S_layout(f);
    S_assert_every_op_tagged(&f->c);
    assert_true(f->c.npages >= 5);  /* cover, contents, three pages of rows */
    assert_int_equal(S_count_type(f, PT_TABLE), 1);
    assert_int_equal(S_count_type(f, PT_THEAD), 1);
    /* The header row once: 2 TH /Scope /Column; every row once: a TH
     * /Scope /Row for its label and a TD for its number (120 rows and the
     * Total). */
    assert_int_equal(S_count_type(f, PT_TR), 1 + 121);
    assert_int_equal(S_count_type(f, PT_TD), 121);
    size_t ncol = 0, nrow = 0;
    for (size_t i = 0; i < f->c.tree.n; i++)
        if (f->c.tree.items[i].type == PT_TH) {
            ncol += f->c.tree.items[i].scope == PDF_SCOPE_COLUMN;
            nrow += f->c.tree.items[i].scope == PDF_SCOPE_ROW;
        }
    assert_int_equal(ncol, 2);
    assert_int_equal(nrow, 121);
    /* On the pages it runs onto, the caption and header are repeats. */
    size_t repeats = 0, continued = 0;
    for (size_t p = 0; p < f->c.npages; p++)
        for (size_t i = 0; i < f->c.pages[p].n; i++) {
            const pdf_op *o = &f->c.pages[p].ops[i];
            if (o->role == PR_CAPTION && strstr(o->text, "(continued)")) {
                continued++;
                assert_int_equal(o->se, PDF_SE_PAGINATION);
            }
            if (o->role == PR_TABLE_HEADER && o->se == PDF_SE_PAGINATION)
                repeats++;
        }
    assert_true(continued >= 2);
    assert_true(repeats >= 2 * continued);  /* two header cells each time */
    /* Table > Caption, THead, TBody; then a Note (the note) and a P (source)
     * beside it in the chapter. */
    int kids[8];
    int tbl = S_first(f, PT_TABLE);
    assert_int_equal(S_kids(f, tbl, kids, 8), 3);
    assert_int_equal(S_el(f, kids[0])->type, PT_CAPTION);
    assert_int_equal(S_el(f, kids[1])->type, PT_THEAD);
    assert_int_equal(S_el(f, kids[2])->type, PT_TBODY);
    int parent = S_el(f, tbl)->parent;
    size_t n = S_kids(f, parent, kids, 8);
    assert_int_equal(S_el(f, kids[n - 2])->type, PT_NOTE);
    assert_int_equal(S_el(f, kids[n - 1])->type, PT_P);
}

static void test_list_item_marker_is_its_label(void **state)
{
    fixture *f = *state;
    doc_node *list = doc_node_new(DOC_LIST, "tpl/10-x.md", 3);
    list->ordered = true;
    doc_node_append(f->chapter, list);
    for (int i = 0; i < 2; i++) {
        doc_node *item = doc_node_new(DOC_ITEM, "tpl/10-x.md", 3 + i);
        doc_node_append(list, item);
        S_para(item, i ? "Second." : "First.", 3 + i);
    }
    S_layout(f);
    S_assert_every_op_tagged(&f->c);
    int l = S_first(f, PT_L);
    assert_true(S_el(f, l)->numbered);
    int items[4], parts[4], body[4];
    assert_int_equal(S_kids(f, l, items, 4), 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(S_el(f, items[i])->type, PT_LI);
        assert_int_equal(S_kids(f, items[i], parts, 4), 2);
        assert_int_equal(S_el(f, parts[0])->type, PT_LBL);
        assert_int_equal(S_el(f, parts[1])->type, PT_LBODY);
        assert_int_equal(S_kids(f, parts[1], body, 4), 1);
        assert_int_equal(S_el(f, body[0])->type, PT_P);
        /* The marker ("1.", "2.") is painted in the Lbl. */
        const pdf_page *pg = &f->c.pages[f->c.npages - 1];
        size_t in_lbl = 0;
        for (size_t k = 0; k < pg->n; k++)
            if (pg->ops[k].role == PR_LIST_MARKER && pg->ops[k].se == parts[0]) {
                in_lbl++;
                assert_string_equal(pg->ops[k].text, i ? "2." : "1.");
            }
        assert_int_equal(in_lbl, 1);
    }
}

/* U+2603 (snowman) is not in Liberation Sans: one warning per line. */
static void test_missing_glyph_is_a_warning_at_its_line(void **state)
{
    fixture *f = *state;
    S_para(f->chapter, "A snowman \xE2\x98\x83 and another \xE2\x98\x83.", 7);
    S_para(f->chapter, "Plain text, \xC2\xA3" "5 and an en dash \xE2\x80\x93 are fine.", 9);
    S_layout(f);
    assert_int_equal(f->dl.nwarnings, 1);
    const diag *d = &f->dl.items[f->dl.n - 1];
    assert_int_equal(d->sev, DIAG_WARNING);
    assert_string_equal(d->file, "tpl/10-x.md");
    assert_int_equal(d->line, 7);
    assert_string_equal(d->value, "\xE2\x98\x83");
    assert_non_null(strstr(d->message, "U+2603 is not in the embedded font"));
    /* The measuring primitive itself. */
    assert_int_equal(pdf_font_missing(f->c.font[PF_REGULAR], "abc \xC2\xA3\xE2\x80\x93"), 0);
    assert_int_equal(pdf_font_missing(f->c.font[PF_BOLD], "x\xF0\x9F\x98\x80"), 0x1F600);
}

static void test_heading_tags_by_depth(void **state)
{
    (void)state;
    assert_int_equal(pdf_tag_heading(1), PT_H1);
    assert_int_equal(pdf_tag_heading(4), PT_H4);
    assert_int_equal(pdf_tag_heading(9), PT_H6);
    assert_string_equal(pdf_tag_name(PT_TOCI), "TOCI");
    assert_string_equal(pdf_tag_name(PT_LBODY), "LBody");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, S_setup, S_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_heading_levels_follow_depth_and_skip_none),
        T(test_long_table_is_one_table_with_its_header_tagged_once),
        T(test_list_item_marker_is_its_label),
        T(test_missing_glyph_is_a_warning_at_its_line),
        cmocka_unit_test(test_heading_tags_by_depth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
