/* test_render_html.c - the web edition's writer (src/render/html*.c) on
 * small documents built by hand: every text escaped, headings in the
 * tree's order with no level skipped, tables with caption, column and row
 * headers, numbers marked as such, shorthand in <abbr>, figure keys as
 * data-key attributes, charts as labelled inline SVG with their data
 * behind "Show the data", the logo inline and nothing referenced outside
 * the file, and the same bytes from the same document.  Every expected
 * string below is written from the markup the page must have, not copied
 * from the writer's output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "chart/chart.h"
#include "doc/doc_internal.h"
#include "render/render.h"
#include "util/alloc.h"
#include "util/paths.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char dir[64];
    char *out;   /* <dir>/page.html */
    project p;
    dataset_list dsl;
    diag_list dl;
    doc_node *root;
    doc_node *chapter;
} fixture;

static int S_setup(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/annrep-html-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    f->out = paths_join(f->dir, "page.html");
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
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f->out);
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

static doc_node *S_section(doc_node *parent, const char *title, int level)
{
    doc_node *n = doc_node_new(DOC_SECTION, "test", 1);
    n->title = xstrdup(title);
    n->level = level;
    doc_node_append(parent, n);
    return n;
}

/* A table "Things by row": rows "Row 1" 23, "Row 2" [x], Total 23, and a
 * note mentioning [z]. */
static doc_node *S_table(fixture *f, doc_node *parent)
{
    dataset *ds = ds_new(&f->dsl, "things", "things", "Things by row", "d", "2022-23/x.csv", 0);
    ds_add_col(ds, "row", "Row", DFMT_TEXT);
    ds_add_col(ds, "n", "Things (number)", DFMT_COUNT);
    size_t r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "Row 1");
    ds_set_num(ds, r, 1, 23);
    r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "Row 2");
    ds_set_short(ds, r, 1, DC_X);
    r = ds_add_total_row(ds);
    ds_set_text(ds, r, 0, "Total");
    ds_set_num(ds, r, 1, 23);
    ds_add_note(ds, "[z] means no base.");
    doc_node *n = doc_node_new(DOC_TABLE, "test", 1);
    n->ref = xstrdup("things");
    n->caption = xstrdup(ds->title);
    n->source = xstrdup(ds->sources);
    n->ds = ds;
    n->ncols = 2;
    n->cols = xmalloc(2 * sizeof *n->cols);
    n->cols[0] = 0;
    n->cols[1] = 1;
    n->table = doc_table_new(ds, n->cols, n->ncols);
    doc_node_append(parent, n);
    return n;
}

/* A bar chart "Contacts by quarter": Q1 23, Q2 1,234, Q3 not available. */
static doc_node *S_chart(fixture *f, doc_node *parent)
{
    dataset *ds = ds_new(&f->dsl, "quarters", "quarters", "Quarters", "d", "2022-23/q.csv", 0);
    ds_add_col(ds, "quarter", "Quarter", DFMT_TEXT);
    ds_add_col(ds, "contacts", "Contacts (number)", DFMT_COUNT);
    static const char *const q[] = {"Q1", "Q2", "Q3"};
    static const double v[] = {23, 1234, -1};
    for (size_t i = 0; i < 3; i++) {
        size_t r = ds_add_row(ds);
        ds_set_text(ds, r, 0, q[i]);
        if (v[i] >= 0)
            ds_set_num(ds, r, 1, v[i]);
        else
            ds_set_short(ds, r, 1, DC_X);
    }
    ds_chart *def = ds_add_chart(ds, "quarterly", DS_CHART_BAR, DS_CHART_COUNT,
                                 "Contacts by quarter", "Number of contacts");
    ds_chart_add_series(def, "contacts", "Contacts");
    doc_node *n = doc_node_new(DOC_CHART, "test", 1);
    n->ref = xstrdup("quarterly");
    n->chart = chart_from_dataset(ds, def, &f->p.cfg);
    assert_non_null(n->chart);
    n->caption = xstrdup(chart_title(n->chart));
    n->source = xstrdup("2022-23/q.csv");
    doc_node_append(parent, n);
    return n;
}

/* Finish the document, write the page and return its text (caller frees). */
static char *S_page(fixture *f)
{
    doc_finish(f->root, &f->dl);
    assert_int_equal(f->dl.nerrors, 0);
    annrep_status st = html_write(f->root, NULL, f->out, &f->dl);
    if (st != ANNREP_OK)
        diag_print(&f->dl, stderr);
    assert_int_equal(st, ANNREP_OK);
    FILE *in = fopen(f->out, "rb");
    assert_non_null(in);
    strbuf b = STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        sb_appendn(&b, buf, n);
    fclose(in);
    return sb_take(&b);
}

/* ---- reading the page ------------------------------------------------ */

static void S_has(const char *page, const char *want)
{
    if (!strstr(page, want))
        fail_msg("the page lacks: %s", want);
}

static void S_lacks(const char *page, const char *bad)
{
    if (strstr(page, bad))
        fail_msg("the page has: %s", bad);
}

static size_t S_count(const char *page, const char *s)
{
    size_t n = 0;
    for (const char *p = strstr(page, s); p; p = strstr(p + 1, s))
        n++;
    return n;
}

/* The value of each attribute `name="..."` in turn: *pos is where to look
 * from; NULL when there is no more.  Caller frees. */
static char *S_next_attr(const char **pos, const char *name)
{
    char pat[32];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *p = strstr(*pos, pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    const char *e = strchr(p, '"');
    assert_non_null(e);
    *pos = e;
    return xstrndup(p, (size_t)(e - p));
}

/* ---- tests ------------------------------------------------------------ */

static void test_every_text_is_escaped(void **state)
{
    fixture *f = *state;
    free(f->root->meta->title);
    f->root->meta->title = xstrdup("Report & <Review>");
    free(f->root->meta->subject);
    f->root->meta->subject = xstrdup("The \"annual\" report");
    free(f->chapter->title);
    f->chapter->title = xstrdup("Safety <first> & \"always\"");
    S_para(f->chapter, "1 < 2 & 3 > 2");
    doc_node *p = doc_node_new(DOC_PARAGRAPH, "test", 1);
    doc_add_figure_run(p, "5 < 6", 0, "k\"<&>");
    doc_node_append(f->chapter, p);
    char *page = S_page(f);
    S_has(page, "<h1>Report &amp; &lt;Review&gt;</h1>");
    S_has(page, "<meta name=\"description\" content=\"The &quot;annual&quot; report\">");
    S_has(page, "Safety &lt;first&gt; &amp; \"always\"</h2>");
    S_has(page, "<p>1 &lt; 2 &amp; 3 &gt; 2</p>");
    S_has(page, "data-key=\"k&quot;&lt;&amp;&gt;\">5 &lt; 6</span>");
    S_lacks(page, "<Review>");
    S_lacks(page, "<first>");
    free(page);
}

/* The level of each heading in the page, in order; returns how many. */
static size_t S_heading_levels(const char *page, int *levels, size_t max)
{
    size_t n = 0;
    for (const char *p = strstr(page, "<h"); p && n < max; p = strstr(p + 1, "<h"))
        if (p[2] >= '1' && p[2] <= '6' && (p[3] == '>' || p[3] == ' '))
            levels[n++] = p[2] - '0';
    return n;
}

static void test_headings_follow_the_tree_and_skip_no_level(void **state)
{
    fixture *f = *state;
    doc_node *s = S_section(f->chapter, "Two", 2);
    S_para(s, "Text.");
    doc_node *sub = S_section(s, "Three under two", 3);
    S_para(sub, "Text.");
    doc_node *ch2 = doc_node_new(DOC_CHAPTER, "test", 1);
    ch2->title = xstrdup("Second chapter");
    ch2->level = 1;
    doc_node_append(f->root, ch2);
    /* A ### straight under a chapter is one level below it, not two. */
    doc_node *lone = S_section(ch2, "Three under a chapter", 3);
    S_para(lone, "Text.");
    char *page = S_page(f);
    int lv[16];
    size_t n = S_heading_levels(page, lv, 16);
    /* h1 title, h2 Contents, h2 chapter, h3, h4, h2 chapter, h3. */
    static const int want[] = {1, 2, 2, 3, 4, 2, 3};
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(lv[i], want[i]);
    assert_int_equal(S_count(page, "<h1"), 1);
    S_has(page, "<h2 id=\"chapter-1\"><span class=\"chapter-label\">Chapter 1</span> A chapter</h2>");
    S_has(page, "<h3 id=\"section-1-1\"><span class=\"num\">1.1</span> Two</h3>");
    S_has(page, "<h4 id=\"section-1-1-1\"><span class=\"num\">1.1.1</span> Three under two</h4>");
    free(page);
}

static void test_contents_link_every_chapter_and_section_to_its_heading(void **state)
{
    fixture *f = *state;
    f->chapter->unnumbered = true;
    free(f->chapter->title);
    f->chapter->title = xstrdup("Foreword");
    S_para(f->chapter, "Welcome.");
    doc_node *ch2 = doc_node_new(DOC_CHAPTER, "test", 1);
    ch2->title = xstrdup("Numbers");
    ch2->level = 1;
    doc_node_append(f->root, ch2);
    doc_node *s = S_section(ch2, "Counts", 2);
    S_para(s, "Text.");
    doc_node *sub = S_section(s, "Detail", 3);
    S_para(sub, "Text.");
    char *page = S_page(f);
    const char *nav = strstr(page, "<nav");
    const char *nav_end = strstr(page, "</nav>");
    assert_non_null(nav);
    assert_non_null(nav_end);
    S_has(page, "<nav class=\"contents\" aria-labelledby=\"contents-title\">");
    S_has(page, "<h2 id=\"contents-title\">Contents</h2>");
    char *links = xstrndup(nav, (size_t)(nav_end - nav));
    S_has(links, "href=\"#foreword\"");
    S_has(links, "href=\"#chapter-1\"");
    S_has(links, "href=\"#section-1-1\"");
    S_lacks(links, "Detail");  /* level 3: not in the contents, as in the PDF */
    /* Every link of the page goes to an id the page has, once. */
    const char *pos = page;
    char *href;
    size_t nlinks = 0;
    while ((href = S_next_attr(&pos, "href"))) {
        assert_true(href[0] == '#');
        char id[128];
        snprintf(id, sizeof id, " id=\"%s\"", href + 1);
        assert_int_equal(S_count(page, id), 1);
        nlinks++;
        free(href);
    }
    assert_int_equal(nlinks, 4);  /* skip link and three contents entries */
    free(links);
    free(page);
}

static void test_table_has_caption_headers_numbers_and_shorthand(void **state)
{
    fixture *f = *state;
    S_table(f, f->chapter);
    char *page = S_page(f);
    S_has(page, "<div class=\"table-region\" role=\"region\" tabindex=\"0\" id=\"table-1\" "
                "aria-labelledby=\"table-1_caption\">");
    S_has(page, "<caption id=\"table-1_caption\">Table 1: Things by row</caption>");
    S_has(page, "<thead><tr><th scope=\"col\">Row</th>"
                "<th scope=\"col\" class=\"num\">Things (number)</th></tr></thead>");
    S_has(page, "<tr><th scope=\"row\">Row 1</th><td class=\"num\">23</td></tr>");
    S_has(page, "<tr><th scope=\"row\">Row 2</th><td class=\"num\">"
                "<abbr title=\"not available\">[x]</abbr></td></tr>");
    S_has(page, "<tr class=\"total\"><th scope=\"row\">Total</th><td class=\"num\">23</td></tr>");
    /* Foot lines: the key, the note (its [z] marked up too), the source. */
    S_has(page, "<p><abbr title=\"not available\">[x]</abbr> not available.</p>");
    S_has(page, "<p>Note 1: <abbr title=\"not applicable\">[z]</abbr> means no base.</p>");
    S_has(page, "<p class=\"source\">Source: 2022-23/x.csv</p>");
    /* The foot comes after the table. */
    assert_true(strstr(page, "Source: 2022-23/x.csv") > strstr(page, "</table>"));
    free(page);
}

static void test_figure_runs_carry_their_key_and_style(void **state)
{
    fixture *f = *state;
    doc_node *p = doc_node_new(DOC_PARAGRAPH, "test", 1);
    doc_add_run(p, "The LADO received ", 18, 0);
    doc_add_figure_run(p, "215", DOC_RUN_BOLD, "lado.contacts.total");
    doc_add_run(p, " contacts", 9, DOC_RUN_BOLD);
    doc_add_run(p, "; see ", 6, 0);
    doc_add_run(p, "Working Together", 16, DOC_RUN_ITALIC);
    doc_add_run(p, "", 0, DOC_RUN_BREAK);
    doc_add_run(p, "[c] is shorthand.", 17, 0);
    doc_node_append(f->chapter, p);
    char *page = S_page(f);
    S_has(page, "<p>The LADO received <strong><span class=\"figure\" "
                "data-key=\"lado.contacts.total\">215</span> contacts</strong>; see "
                "<em>Working Together</em><br><abbr title=\"confidential: not shown, to "
                "protect the people counted\">[c]</abbr> is shorthand.</p>");
    free(page);
}

/* An attribute value of the page (every one, in order) must satisfy ok. */
static void S_each_attr(const char *page, const char *name, bool (*ok)(const char *),
                        size_t *count)
{
    const char *pos = page;
    char *v;
    while ((v = S_next_attr(&pos, name))) {
        if (!ok(v))
            fail_msg("%s=\"%.60s\" points outside the page", name, v);
        (*count)++;
        free(v);
    }
}

static bool S_fragment(const char *v) { return v[0] == '#' && v[1] != '\0'; }
static bool S_data_uri(const char *v) { return strncmp(v, "data:image/png;base64,", 22) == 0; }

/* The smallest PNG: one transparent pixel (its bytes, and their base64). */
static const unsigned char S_png[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
    0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x64,
    0x60, 0xF8, 0x5F, 0x0F, 0x00, 0x02, 0x87, 0x01, 0x80, 0xEB, 0x47, 0xBA, 0x92, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
static const char S_png_b64[] =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5Er"
    "kJggg==";

static void test_page_references_nothing_outside_itself(void **state)
{
    fixture *f = *state;
    /* The logo as the loader hands it over, checked (test_load_logo.c). */
    f->root->meta->logo = xstrdup("logo.png");
    f->root->meta->logo_png = xmalloc(sizeof S_png);
    memcpy(f->root->meta->logo_png, S_png, sizeof S_png);
    f->root->meta->logo_len = sizeof S_png;
    f->root->meta->logo_width = f->root->meta->logo_height = 1;
    S_section(f->chapter, "Counts", 2);
    S_table(f, f->chapter->kids[0]);
    S_chart(f, f->chapter->kids[0]);
    char *page = S_page(f);
    size_t hrefs = 0, srcs = 0;
    S_each_attr(page, "href", S_fragment, &hrefs);
    S_each_attr(page, "src", S_data_uri, &srcs);
    assert_int_equal(srcs, 1);
    assert_true(hrefs >= 3);
    /* The logo is the file's own bytes, with its size. */
    strbuf want = STRBUF_INIT;
    sb_appendf(&want, "<img src=\"data:image/png;base64,%s\" alt=\"\" width=\"1\" height=\"1\">",
               S_png_b64);
    S_has(page, sb_cstr(&want));
    sb_free(&want);
    static const char *const never[] = {"<script", "<link", "<iframe", "<object", "<embed",
                                        "<base", "url(", "@import", "http:", "https:",
                                        "xlink:href", "srcset", "file:"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        S_lacks(page, never[i]);
    free(page);
}

static void test_unwritable_page_is_an_io_error_naming_it(void **state)
{
    fixture *f = *state;
    S_para(f->chapter, "Text.");
    doc_finish(f->root, &f->dl);
    char *path = paths_join(f->dir, "no-such-folder/page.html");
    assert_int_equal(html_write(f->root, NULL, path, &f->dl), ANNREP_ERR_IO);
    assert_int_equal(f->dl.nerrors, 1);
    assert_string_equal(f->dl.items[0].file, path);
    assert_non_null(strstr(f->dl.items[0].message, "No such file"));
    free(path);
}

static void test_chart_is_labelled_svg_with_text_and_its_data(void **state)
{
    fixture *f = *state;
    S_chart(f, f->chapter);
    char *page = S_page(f);
    S_has(page, "<figure class=\"chart-figure\" id=\"figure-1\">");
    S_has(page, "<figcaption><span class=\"figure-title\">Figure 1: Contacts by quarter</span>"
                "<span class=\"figure-source source\">Source: 2022-23/q.csv</span></figcaption>");
    /* Two drawings (wide, phone), each an image named by its title and
     * described by its alt text. */
    assert_int_equal(S_count(page, "<svg "), 2);
    assert_int_equal(S_count(page, " role=\"img\""), 2);
    static const char *const ids[] = {"figure-1_wide", "figure-1_narrow"};
    for (size_t i = 0; i < 2; i++) {
        char want[256];
        snprintf(want, sizeof want, "aria-labelledby=\"%s_title %s_desc\"", ids[i], ids[i]);
        S_has(page, want);
        snprintf(want, sizeof want, "<title id=\"%s_title\">Contacts by quarter</title>", ids[i]);
        S_has(page, want);
        snprintf(want, sizeof want, "<desc id=\"%s_desc\">", ids[i]);
        S_has(page, want);
    }
    S_has(page, "viewBox=\"0 0 480 ");
    /* Real text: the value labels as the chart prints them. */
    S_has(page, ">1,234</text>");
    S_has(page, ">Q2</text>");
    S_lacks(page, "<path");  /* no glyph outlines */
    S_has(page, "<p class=\"chart-description\">Chart description: ");
    S_has(page, "<details>\n<summary>Show the data</summary>");
    S_has(page, "<caption id=\"figure-1_data_caption\">Figure 1: Contacts by quarter</caption>");
    S_has(page, "<thead><tr><th scope=\"col\">Quarter</th>"
                "<th scope=\"col\" class=\"num\">Contacts</th></tr></thead>");
    S_has(page, "<tr><th scope=\"row\">Q2</th><td class=\"num\">1,234</td></tr>");
    S_has(page, "<tr><th scope=\"row\">Q3</th><td class=\"num\">"
                "<abbr title=\"not available\">[x]</abbr></td></tr>");
    /* The description and data follow the drawing, inside the figure. */
    const char *svg_end = strstr(page, "</svg>");
    assert_true(strstr(page, "Chart description:") > svg_end);
    assert_true(strstr(page, "</figure>") > strstr(page, "</details>"));
    free(page);
}

static void test_language_comes_from_the_document(void **state)
{
    fixture *f = *state;
    free(f->root->meta->language);
    f->root->meta->language = xstrdup("cy-GB");
    S_para(f->chapter, "Text.");
    char *page = S_page(f);
    assert_true(strncmp(page, "<!DOCTYPE html>\n<html lang=\"cy-GB\">", 35) == 0);
    S_has(page, "<meta charset=\"utf-8\">");
    S_has(page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    S_has(page, "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>");
    S_has(page, "<main id=\"main\">");
    assert_true(strstr(page, "<footer") > strstr(page, "</main>"));
    free(page);
}

/* WCAG 2 contrast of 0xRRGGBB against white, from the definition of
 * relative luminance (sRGB channels linearised). */
static double S_contrast_on_white(unsigned rgb)
{
    double lum = 0;
    static const double weight[3] = {0.2126, 0.7152, 0.0722};
    for (int i = 0; i < 3; i++) {
        double c = (double)((rgb >> (16 - 8 * i)) & 0xFF) / 255.0;
        c = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
        lum += weight[i] * c;
    }
    return 1.05 / (lum + 0.05);
}

/* A light accent cannot be the colour of text on white (headings, links)
 * nor the ground of white text (the masthead): it is darkened until it
 * reaches 4.5:1 (WCAG AA).  Yellow #FFDD00 on white is 1.4:1.  The sample's
 * #12436D already reaches it and is kept as it is. */
static void test_light_accent_is_darkened_for_text(void **state)
{
    fixture *f = *state;
    assert_true(S_contrast_on_white(0xFFDD00) < 1.5);
    f->root->meta->accent = 0xFFDD00;
    S_para(f->chapter, "Text.");
    char *page = S_page(f);
    const char *a = strstr(page, "--accent:#");
    assert_non_null(a);
    unsigned rgb = (unsigned)strtoul(a + 10, NULL, 16);
    assert_true(S_contrast_on_white(rgb) >= 4.5);
    /* Darkened towards black keeps the hue: red above green, no blue. */
    assert_true((rgb >> 16) > ((rgb >> 8) & 0xFF));
    assert_int_equal(rgb & 0xFF, 0);
    free(page);
}

static void test_accent_dark_enough_is_kept(void **state)
{
    fixture *f = *state;
    S_para(f->chapter, "Text.");
    char *page = S_page(f);
    S_has(page, "--accent:#12436d;");
    free(page);
}

static void test_same_document_gives_the_same_bytes(void **state)
{
    fixture *f = *state;
    S_table(f, f->chapter);
    S_chart(f, f->chapter);
    char *one = S_page(f);
    assert_int_equal(html_write(f->root, NULL, f->out, &f->dl), ANNREP_OK);
    FILE *in = fopen(f->out, "rb");
    assert_non_null(in);
    strbuf b = STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        sb_appendn(&b, buf, n);
    fclose(in);
    assert_string_equal(one, sb_cstr(&b));
    sb_free(&b);
    free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
        T(test_every_text_is_escaped),
        T(test_headings_follow_the_tree_and_skip_no_level),
        T(test_contents_link_every_chapter_and_section_to_its_heading),
        T(test_table_has_caption_headers_numbers_and_shorthand),
        T(test_figure_runs_carry_their_key_and_style),
        T(test_page_references_nothing_outside_itself),
        T(test_unwritable_page_is_an_io_error_naming_it),
        T(test_chart_is_labelled_svg_with_text_and_its_data),
        T(test_language_comes_from_the_document),
        T(test_light_accent_is_darkened_for_text),
        T(test_accent_dark_enough_is_kept),
        T(test_same_document_gives_the_same_bytes),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
