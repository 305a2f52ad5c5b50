/* test_chart_samples.c - every chart of data-samples builds and paints.
 * Loads the sample project, computes, and writes each chart's PNG, SVG and
 * alt text into $ANNREP_CHART_OUT (to look at them) or a temporary folder. */
#include "chart/chart.h"
#include "compute/compute.h"
#include "compute/registry.h"
#include "load/project.h"
#include "util/alloc.h"
#include "util/paths.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static const char *S_src(void)
{
    const char *s = getenv("ANNREP_SOURCE_DIR");
    return s && *s ? s : ANNREP_SOURCE_DIR;
}

/* One A4 page per chart, as the PDF writer would place it: a caption, then
 * the body (no title, no source) at a text width of 451 pt. */
static void S_pdf_page(HPDF_Doc pdf, HPDF_Font fr, HPDF_Font fb, const chart *c)
{
    HPDF_Page page = HPDF_AddPage(pdf);
    assert_non_null(page);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, fb, 11);
    HPDF_Page_TextOut(page, 72, 770, chart_title(c));
    HPDF_Page_EndText(page);
    float h = chart_body_height_for_width(c, 451);
    if (h > 650)
        h = 650;
    assert_int_equal(chart_draw_hpdf_body(c, page, 72, 755, 451, h, fr, fb), 0);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, fr, 8);
    HPDF_Page_TextOut(page, 72, 755 - h - 12, chart_source(c));
    HPDF_Page_EndText(page);
}

static void test_every_sample_chart_builds_and_paints(void **state)
{
    (void)state;
    char *dir = paths_join(S_src(), "data-samples");
    char *fonts = paths_join(S_src(), "fonts");
    project p;
    memset(&p, 0, sizeof p);
    diag_list dl = DIAG_LIST_INIT;
    figstore fs = FIGSTORE_INIT;
    dataset_list dsl = DATASET_LIST_INIT;
    annrep_status lst = project_load(dir, &p, &dl);
    if (lst != ANNREP_OK)
        diag_print(&dl, stderr);
    assert_int_equal(lst, ANNREP_OK);
    assert_int_equal(compute_all(&p, &fs, &dsl, &dl), 0);

    char tmpl[] = "/tmp/annrep-chart-XXXXXX";
    const char *out = getenv("ANNREP_CHART_OUT");
    if (!out || !*out) {
        out = mkdtemp(tmpl);
        assert_non_null(out);
    } else {
        assert_int_equal(paths_mkdir_p(out), 0);
    }
    size_t built = 0;
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    assert_non_null(pdf);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    char *reg = paths_join(fonts, "LiberationSans-Regular.ttf");
    char *bold = paths_join(fonts, "LiberationSans-Bold.ttf");
    HPDF_Font fr = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, reg, HPDF_TRUE), "UTF-8");
    HPDF_Font fb = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, bold, HPDF_TRUE), "UTF-8");
    free(reg);
    free(bold);
    assert_non_null(fr);
    assert_non_null(fb);
    for (int ret = 0; ret < RET_COUNT; ret++)
    for (const char *const *id = registry_get((return_id)ret)->charts; *id; id++) {
        chart *c = chart_build(*id, &dsl, &p.cfg);
        if (!c) {
            fprintf(stderr, "chart %s: not built\n", *id);
            continue;
        }
        built++;
        char name[128];
        snprintf(name, sizeof name, "%s.png", *id);
        char *png = paths_join(out, name);
        snprintf(name, sizeof name, "%s.svg", *id);
        char *svg = paths_join(out, name);
        snprintf(name, sizeof name, "%s.txt", *id);
        char *txt = paths_join(out, name);
        assert_int_equal(chart_write_png(c, png, fonts), 0);
        assert_int_equal(chart_write_svg(c, svg, fonts), 0);
        assert_int_equal(chart_write_txt(c, txt), 0);
        assert_true(strlen(chart_alt_text(c)) > 20);
        assert_true(strncmp(chart_source(c), "Source: ", 8) == 0);
        S_pdf_page(pdf, fr, fb, c);
        if (getenv("ANNREP_CHART_OUT") == NULL) {
            unlink(png);
            unlink(svg);
            unlink(txt);
        }
        free(png);
        free(svg);
        free(txt);
        chart_free(c);
    }
    char *pdfp = paths_join(out, "charts.pdf");
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    assert_int_equal(HPDF_SaveToFile(pdf, pdfp), HPDF_OK);
    HPDF_Free(pdf);
    if (getenv("ANNREP_CHART_OUT") == NULL) {
        unlink(pdfp);
        rmdir(out);
    }
    free(pdfp);
    /* data-samples holds every return of the default report. */
    assert_int_equal(built, 9);
    dsl_free(&dsl);
    fig_free(&fs);
    project_free(&p);
    diag_free(&dl);
    free(dir);
    free(fonts);
}

static void test_absent_return_draws_no_chart(void **state)
{
    (void)state;
    dataset_list dsl = DATASET_LIST_INIT;
    for (int ret = 0; ret < RET_COUNT; ret++)
        for (const char *const *id = registry_get((return_id)ret)->charts; *id; id++)
            assert_null(chart_build(*id, &dsl, NULL));
    assert_null(chart_build("no_such_chart", &dsl, NULL));
    assert_null(registry_by_chart("no_such_chart"));
    assert_int_equal(registry_by_chart("crime_change")->id, RET_CRIME);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_sample_chart_builds_and_paints),
        cmocka_unit_test(test_absent_return_draws_no_chart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
