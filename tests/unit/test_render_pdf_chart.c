/* test_render_pdf_chart.c - the PDF writer's chart painter (pdf_chart.c):
 * charts go into a libharu page as vectors with real text, a box too short
 * shrinks the drawing, bad arguments are refused, and every chart of
 * data-samples paints.  With $ANNREP_CHART_OUT set, the sample charts are
 * kept there as charts.pdf, one A4 page each, to look at. */
#include "chart/chart_model.h"
#include "compute/compute.h"
#include "compute/registry.h"
#include "render/pdf_internal.h"
#include "util/alloc.h"
#include "util/paths.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char *S_src(void)
{
    const char *s = getenv("ANNREP_SOURCE_DIR");
    return s && *s ? s : ANNREP_SOURCE_DIR;
}

static void S_hpdf_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)u;
    fprintf(stderr, "libharu error %04X detail %u\n", (unsigned)e, (unsigned)d);
}

/* A document with the two faces the writer embeds, as pdf.c loads them. */
typedef struct {
    HPDF_Doc pdf;
    HPDF_Font regular, bold;
} S_doc;

static void S_doc_open(S_doc *d)
{
    char *fonts = paths_join(S_src(), "fonts");
    char *reg = paths_join(fonts, "LiberationSans-Regular.ttf");
    char *bold = paths_join(fonts, "LiberationSans-Bold.ttf");
    d->pdf = HPDF_New(S_hpdf_error, NULL);
    assert_non_null(d->pdf);
    assert_int_equal(HPDF_UseUTFEncodings(d->pdf), HPDF_OK);
    assert_int_equal(HPDF_SetCurrentEncoder(d->pdf, "UTF-8"), HPDF_OK);
    const char *rn = HPDF_LoadTTFontFromFile(d->pdf, reg, HPDF_TRUE);
    const char *bn = HPDF_LoadTTFontFromFile(d->pdf, bold, HPDF_TRUE);
    assert_non_null(rn);
    assert_non_null(bn);
    d->regular = HPDF_GetFont(d->pdf, rn, "UTF-8");
    d->bold = HPDF_GetFont(d->pdf, bn, "UTF-8");
    assert_non_null(d->regular);
    assert_non_null(d->bold);
    free(reg);
    free(bold);
    free(fonts);
}

static HPDF_Page S_page(S_doc *d)
{
    HPDF_Page page = HPDF_AddPage(d->pdf);
    assert_non_null(page);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    return page;
}

/* The document saved uncompressed, to look for content-stream operators. */
static char *S_saved(S_doc *d, size_t *n)
{
    assert_int_equal(HPDF_SaveToStream(d->pdf), HPDF_OK);
    HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf);
    char *buf = xmalloc((size_t)size + 1);
    HPDF_UINT32 got = size;
    HPDF_ReadFromStream(d->pdf, (HPDF_BYTE *)buf, &got);
    assert_int_equal(got, size);
    buf[got] = '\0';
    *n = got;
    return buf;
}

static bool S_contains(const char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(buf + i, needle, k) == 0)
            return true;
    return false;
}

static chart *S_chart(void)
{
    chart *c = chart_new("lado_quarterly", CHART_BAR, CHART_UNIT_COUNT,
                         "LADO contacts and referrals by quarter, 2016-17");
    chart_set_subtitle(c, "Number of contacts and referrals");
    chart_set_source(c, "Source: 2016-17/lado_contacts.csv");
    const char *q[] = {"Q1", "Q2", "Q3", "Q4"};
    const double a[] = {23, 53, 46, 93}, b[] = {23, 32, 28, 47};
    for (int i = 0; i < 4; i++)
        chart_add_category(c, q[i]);
    chart_add_series(c, "Contacts");
    chart_add_series(c, "Referrals");
    for (size_t i = 0; i < 4; i++) {
        chart_set_value(c, 0, i, a[i]);
        chart_set_value(c, 1, i, b[i]);
    }
    c->ordered = true;
    chart_set_catword(c, "quarter");
    chart_finish(c);
    return c;
}

static void test_chart_is_drawn_as_vectors_and_real_text(void **state)
{
    (void)state;
    chart *c = S_chart();
    S_doc d;
    S_doc_open(&d);
    HPDF_Page page = S_page(&d);
    float h = chart_body_height_for_width(c, 450);
    assert_true(h > 150 && h < 450);
    assert_int_equal(pdf_chart_draw(page, c, 72, 800, 450, h, d.regular, d.bold), ANNREP_OK);
    size_t n = 0;
    char *buf = S_saved(&d, &n);
    /* Filled rectangles (bars), stroked lines (grid, axis), text objects,
     * all inside a saved and restored graphics state. */
    assert_true(S_contains(buf, n, " re\012f\012"));
    assert_true(S_contains(buf, n, " l\012S\012"));
    assert_true(S_contains(buf, n, "BT\012"));
    assert_true(S_contains(buf, n, "q\012"));
    assert_true(S_contains(buf, n, "Q\012"));
    free(buf);
    HPDF_Free(d.pdf);
    chart_free(c);
}

static void test_chart_in_a_short_box_shrinks_to_fit(void **state)
{
    (void)state;
    chart *c = S_chart();
    S_doc d;
    S_doc_open(&d);
    HPDF_Page page = S_page(&d);
    assert_true(chart_body_height_for_width(c, 450) > 150);
    assert_int_equal(pdf_chart_draw(page, c, 72, 500, 450, 150, d.regular, d.bold), ANNREP_OK);
    size_t n = 0;
    char *buf = S_saved(&d, &n);
    /* Every bar ("x y w h re") lies inside the 450 x 150 box under y = 500.
     * The file holds the embedded fonts too: walk lines by length, not NUL. */
    size_t rects = 0;
    for (size_t at = 0; at < n;) {
        const char *line = buf + at;
        const char *nl = memchr(line, '\n', n - at);
        size_t len = nl ? (size_t)(nl - line) : n - at;
        at += len + 1;
        char text[128];
        if (len == 0 || len >= sizeof text)
            continue;
        memcpy(text, line, len);
        text[len] = '\0';
        double x, y, w, h;
        char name[3];
        if (sscanf(text, "%lf %lf %lf %lf %2s", &x, &y, &w, &h, name) == 5 &&
            strcmp(name, "re") == 0) {
            assert_true(x >= 72 - 0.01 && x + w <= 72 + 450 + 0.01);
            assert_true(y >= 500 - 150 - 0.01 && y + h <= 500 + 0.01);
            rects++;
        }
    }
    assert_true(rects >= 8);
    free(buf);
    HPDF_Free(d.pdf);
    chart_free(c);
}

static void test_chart_without_fonts_or_width_is_refused(void **state)
{
    (void)state;
    chart *c = S_chart();
    S_doc d;
    S_doc_open(&d);
    HPDF_Page page = S_page(&d);
    assert_int_equal(pdf_chart_draw(page, c, 72, 800, 450, 200, NULL, d.bold),
                     ANNREP_ERR_INTERNAL);
    assert_int_equal(pdf_chart_draw(page, NULL, 72, 800, 450, 200, d.regular, d.bold),
                     ANNREP_ERR_INTERNAL);
    assert_int_equal(pdf_chart_draw(page, c, 72, 800, 0, 200, d.regular, d.bold),
                     ANNREP_ERR_INTERNAL);
    HPDF_Free(d.pdf);
    chart_free(c);
}

/* One A4 page per chart, as the PDF writer places it: a caption, then the
 * body (no title, no source) at the text width, then the source line. */
static void S_sample_page(S_doc *d, const chart *c)
{
    HPDF_Page page = S_page(d);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, d->bold, 11);
    HPDF_Page_TextOut(page, 72, 770, chart_title(c));
    HPDF_Page_EndText(page);
    float h = chart_body_height_for_width(c, PDF_TEXT_W);
    if (h > 650)
        h = 650;
    assert_int_equal(pdf_chart_draw(page, c, 72, 755, PDF_TEXT_W, h, d->regular, d->bold),
                     ANNREP_OK);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, d->regular, 8);
    HPDF_Page_TextOut(page, 72, 755 - h - 12, chart_source(c));
    HPDF_Page_EndText(page);
}

static void test_every_sample_chart_paints_into_a_page(void **state)
{
    (void)state;
    char *dir = paths_join(S_src(), "data-samples");
    project p;
    memset(&p, 0, sizeof p);
    diag_list dl = DIAG_LIST_INIT;
    figstore fs = FIGSTORE_INIT;
    dataset_list dsl = DATASET_LIST_INIT;
    int lrc = project_load(dir, &p, &dl);
    if (lrc != 0)
        diag_print(&dl, stderr);
    assert_int_equal(lrc, 0);
    assert_int_equal(compute_all(&p, &fs, &dsl, &dl), 0);
    S_doc d;
    S_doc_open(&d);
    size_t built = 0;
    for (int ret = 0; ret < RET_COUNT; ret++)
    for (const char *const *id = registry_get((return_id)ret)->charts; *id; id++) {
        chart *c = chart_build(*id, &dsl, &p.cfg);
        assert_non_null(c);
        S_sample_page(&d, c);
        built++;
        chart_free(c);
    }
    assert_int_equal(built, 9);
    HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
    const char *out = getenv("ANNREP_CHART_OUT");
    if (out && *out) {
        assert_int_equal(paths_mkdir_p(out), 0);
        char *pdfp = paths_join(out, "charts.pdf");
        assert_int_equal(HPDF_SaveToFile(d.pdf, pdfp), HPDF_OK);
        free(pdfp);
    } else {
        assert_int_equal(HPDF_SaveToStream(d.pdf), HPDF_OK);
    }
    HPDF_Free(d.pdf);
    dsl_free(&dsl);
    fig_free(&fs);
    project_free(&p);
    diag_free(&dl);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_is_drawn_as_vectors_and_real_text),
        cmocka_unit_test(test_chart_in_a_short_box_shrinks_to_fit),
        cmocka_unit_test(test_chart_without_fonts_or_width_is_refused),
        cmocka_unit_test(test_every_sample_chart_paints_into_a_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
