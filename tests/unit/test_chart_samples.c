/* test_chart_samples.c - every chart of data-samples builds and paints.
 * Loads the sample project, computes, and writes each chart's PNG, SVG and
 * alt text into $ANNREP_CHART_OUT (to look at them) or a temporary folder.
 * The PDF painter's run over the same charts is test_render_pdf_chart.c. */
#include "chart/chart.h"
#include "chart/layout.h"
#include "compute/compute.h"
#include "compute/registry.h"
#include "load/project.h"
#include "util/alloc.h"
#include "util/paths.h"

#include <math.h>
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
        assert_int_equal(chart_write_png(c, png, fonts), ANNREP_OK);
        assert_int_equal(chart_write_svg(c, svg, fonts), ANNREP_OK);
        assert_int_equal(chart_write_txt(c, txt), ANNREP_OK);
        assert_true(strlen(chart_alt_text(c)) > 20);
        assert_true(strncmp(chart_source(c), "Source: ", 8) == 0);
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
    if (getenv("ANNREP_CHART_OUT") == NULL)
        rmdir(out);
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

/* Texts i and j of ol overlap: the same baseline and their extents cross. */
static bool S_overlap(const op *a, const op *b)
{
    if (fabs(a->y - b->y) > 0.5)
        return false;
    double ae = a->x + chart_text_width(a->text, a->font, a->size);
    double be = b->x + chart_text_width(b->text, b->font, b->size);
    return a->x < be - 0.01 && b->x < ae - 0.01;
}

/* At every width a page may lay a chart out at, from a phone's column to a
 * slide's, no text of any sample chart runs outside the drawing (each text
 * starts at or after 0 and ends, by the font's own widths, by the width),
 * and no two texts on one baseline run into each other. */
static void test_every_sample_chart_keeps_its_text_inside_at_every_width(void **state)
{
    (void)state;
    char *dir = paths_join(S_src(), "data-samples");
    char *fonts = paths_join(S_src(), "fonts");
    project p;
    memset(&p, 0, sizeof p);
    diag_list dl = DIAG_LIST_INIT;
    figstore fs = FIGSTORE_INIT;
    dataset_list dsl = DATASET_LIST_INIT;
    assert_int_equal(project_load(dir, &p, &dl), ANNREP_OK);
    assert_int_equal(compute_all(&p, &fs, &dsl, &dl), 0);
    assert_int_equal(chart_fonts_open(fonts), ANNREP_OK);
    static const double widths[] = {200, 230, 270, 320, 400, 483, 540, 640};
    size_t outside = 0, texts = 0;
    for (int ret = 0; ret < RET_COUNT; ret++)
        for (const char *const *id = registry_get((return_id)ret)->charts; *id; id++) {
            chart *c = chart_build(*id, &dsl, &p.cfg);
            assert_non_null(c);
            for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
                for (int flags = 0; flags < 2; flags++) {
                    oplist ol = OPLIST_INIT;
                    int f = flags ? CHART_DRAW_ALL : CHART_DRAW_SUBTITLE;
                    assert_int_equal(chart_layout_ops(c, widths[w], f, &ol), ANNREP_OK);
                    for (size_t i = 0; i < ol.n; i++) {
                        const op *o = &ol.items[i];
                        if (o->kind != OP_TEXT)
                            continue;
                        texts++;
                        double end = o->x + chart_text_width(o->text, o->font, o->size);
                        if (o->x < -0.01 || end > ol.width + 0.01) {
                            fprintf(stderr, "%s at %g pt: \"%s\" from %.1f to %.1f\n", *id,
                                    widths[w], o->text, o->x, end);
                            outside++;
                        }
                        for (size_t j = i + 1; j < ol.n; j++)
                            if (ol.items[j].kind == OP_TEXT && S_overlap(o, &ol.items[j])) {
                                fprintf(stderr, "%s at %g pt: \"%s\" runs into \"%s\"\n", *id,
                                        widths[w], o->text, ol.items[j].text);
                                outside++;
                            }
                    }
                    ops_free(&ol);
                }
            chart_free(c);
        }
    assert_true(texts > 1000);
    assert_int_equal(outside, 0);
    dsl_free(&dsl);
    fig_free(&fs);
    project_free(&p);
    diag_free(&dl);
    free(dir);
    free(fonts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_sample_chart_builds_and_paints),
        cmocka_unit_test(test_absent_return_draws_no_chart),
        cmocka_unit_test(test_every_sample_chart_keeps_its_text_inside_at_every_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
