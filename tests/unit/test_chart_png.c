/* test_chart_png.c - the PNG fast path (png.c, and the painter's reused
 * image buffer) cannot drift from what cairo itself would have written.
 *
 * Every chart of data-samples is written by one painter, as a build writes
 * them (one buffer reused from chart to chart, in the registry's order and
 * then in reverse, so a chart is also painted over a taller one).  Each file
 * is decoded with cairo_image_surface_create_from_png (libpng) and compared
 * pixel for pixel with a reference: the same chart painted on a fresh cairo
 * surface, written by cairo_surface_write_to_png and decoded the same way.
 * The encoder alone is checked the same way on small pictures of every
 * awkward width, with strides wider than the row; and a rebuild keeps the
 * last build's file only when it is byte for byte the file it would write. */
#include "chart/chart.h"
#include "chart/chart_model.h"
#include "chart/paint.h"
#include "chart/png.h"
#include "compute/compute.h"
#include "compute/registry.h"
#include "load/project.h"
#include "util/alloc.h"
#include "util/paths.h"

#include <cairo.h>
#include <setjmp.h>
#include <stdbool.h>
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

static char S_dir[64];

static int S_setup(void **state)
{
    (void)state;
    strcpy(S_dir, "/tmp/annrep-png-XXXXXX");
    return mkdtemp(S_dir) ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    chart_fonts_close();
    return rmdir(S_dir);
}

/* Both decoded PNG surfaces hold the same picture: same size, same format
 * (8-bit RGB decodes as RGB24), same 24 bits in every pixel. */
static void S_assert_same_pixels(cairo_surface_t *a, cairo_surface_t *b, const char *what)
{
    assert_int_equal(cairo_surface_status(a), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_surface_status(b), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_format(a), CAIRO_FORMAT_RGB24);
    assert_int_equal(cairo_image_surface_get_format(b), CAIRO_FORMAT_RGB24);
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    assert_int_equal(cairo_image_surface_get_width(b), w);
    assert_int_equal(cairo_image_surface_get_height(b), h);
    const unsigned char *pa = cairo_image_surface_get_data(a);
    const unsigned char *pb = cairo_image_surface_get_data(b);
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    size_t differ = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t u, v;
            memcpy(&u, pa + (size_t)y * sa + 4 * (size_t)x, 4);
            memcpy(&v, pb + (size_t)y * sb + 4 * (size_t)x, 4);
            if ((u & 0xFFFFFF) != (v & 0xFFFFFF)) {
                if (differ++ == 0)
                    fprintf(stderr, "%s: pixel (%d, %d) is %06X, cairo wrote %06X\n", what, x,
                            y, (unsigned)(u & 0xFFFFFF), (unsigned)(v & 0xFFFFFF));
            }
        }
    if (differ)
        fprintf(stderr, "%s: %zu of %d x %d pixels differ\n", what, differ, w, h);
    assert_int_equal(differ, 0);
}

/* Compare the fast path's file at path with cairo's own writing of ref. */
static void S_check_file(const char *path, cairo_surface_t *ref, const char *what)
{
    char *refpath = paths_join(S_dir, "reference.png");
    assert_int_equal(cairo_surface_write_to_png(ref, refpath), CAIRO_STATUS_SUCCESS);
    cairo_surface_t *mine = cairo_image_surface_create_from_png(path);
    cairo_surface_t *theirs = cairo_image_surface_create_from_png(refpath);
    S_assert_same_pixels(mine, theirs, what);
    /* and the reference really is the picture painted (not, say, blank) */
    S_assert_same_pixels(theirs, ref, what);
    cairo_surface_destroy(mine);
    cairo_surface_destroy(theirs);
    unlink(refpath);
    free(refpath);
}

static void test_every_sample_chart_decodes_to_the_painted_pixels(void **state)
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
    assert_int_equal(compute_all(&p, &fs, &dsl, &dl), ANNREP_OK);

    chart *charts[32];
    const char *ids[32];
    size_t n = 0;
    for (int ret = 0; ret < RET_COUNT; ret++)
        for (const char *const *id = registry_get((return_id)ret)->charts; *id; id++) {
            chart *c = chart_build(*id, &dsl, &p.cfg);
            if (c && n < 32) {
                ids[n] = *id;
                charts[n++] = c;
            } else {
                chart_free(c);
            }
        }
    assert_int_equal(n, 9);   /* every chart of the default report */

    chart_painter *painter = NULL, *fresh = NULL;
    assert_int_equal(chart_painter_new(fonts, &painter), ANNREP_OK);
    assert_int_equal(chart_painter_new(fonts, &fresh), ANNREP_OK);
    char *path = paths_join(S_dir, "chart.png");
    int tallest = 0;
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n; k++) {
            size_t i = pass == 0 ? k : n - 1 - k;
            assert_int_equal(chart_painter_png(painter, charts[i], path, NULL), ANNREP_OK);
            cairo_surface_t *ref = chart_painter_image(fresh, charts[i]);
            assert_non_null(ref);
            int h = cairo_image_surface_get_height(ref);
            assert_int_equal(cairo_image_surface_get_width(ref), 1600);
            if (h > tallest)
                tallest = h;
            char what[96];
            snprintf(what, sizeof what, "%s (pass %zu)", ids[i], pass + 1);
            S_check_file(path, ref, what);
            cairo_surface_destroy(ref);
        }
    /* the buffer was reused across charts of different heights */
    assert_true(tallest > 1500);
    unlink(path);
    free(path);
    chart_painter_free(painter);
    chart_painter_free(fresh);
    for (size_t i = 0; i < n; i++)
        chart_free(charts[i]);
    dsl_free(&dsl);
    fig_free(&fs);
    project_free(&p);
    diag_free(&dl);
    free(dir);
    free(fonts);
}

/* The encoder on its own: pictures of every small width (the in-place row
 * rewrite is most fragile where rows are short), strides wider than the row,
 * pixels of every byte value mixed with runs of white (a deterministic
 * pseudo-random pattern), and the padding byte of each pixel set, which PNG
 * must not see. */
static void test_encoder_matches_cairo_on_awkward_sizes(void **state)
{
    (void)state;
    chart_png *e = chart_png_new();
    assert_non_null(e);
    char *path = paths_join(S_dir, "small.png");
    uint32_t seed = 12345;
    static const int sizes[][2] = {{1, 1}, {1, 5}, {2, 3}, {3, 2}, {5, 7}, {7, 1}, {64, 9},
                                   {333, 4}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
        for (int extra = 0; extra <= 8; extra += 8) {
            int w = sizes[k][0], h = sizes[k][1];
            cairo_surface_t *ref = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
            int stride = cairo_image_surface_get_stride(ref) + extra;
            unsigned char *buf = xcalloc((size_t)stride * (size_t)h, 1);
            unsigned char *rd = cairo_image_surface_get_data(ref);
            int rs = cairo_image_surface_get_stride(ref);
            cairo_surface_flush(ref);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    seed = seed * 1103515245u + 12345u;
                    uint32_t v = (seed >> 4) & 0xFFFFFF;
                    if ((seed >> 28) < 9)   /* runs of white, most of a chart */
                        v = 0xFFFFFF;
                    memcpy(rd + (size_t)y * rs + 4 * (size_t)x, &v, 4);
                    v |= 0xA5000000u;   /* padding byte: ignored by RGB24 */
                    memcpy(buf + (size_t)y * stride + 4 * (size_t)x, &v, 4);
                }
            cairo_surface_mark_dirty(ref);
            const unsigned char *bytes;
            size_t len;
            assert_int_equal(chart_png_encode(e, buf, w, h, stride, NULL, 0, &bytes, &len), ANNREP_OK);
            FILE *f = fopen(path, "wb");
            assert_non_null(f);
            assert_int_equal(fwrite(bytes, 1, len, f), len);
            assert_int_equal(fclose(f), 0);
            char what[64];
            snprintf(what, sizeof what, "%d x %d, stride %d", w, h, stride);
            S_check_file(path, ref, what);
            cairo_surface_destroy(ref);
            free(buf);
        }
    unsigned char px[4] = {0};
    const unsigned char *bytes;
    size_t len;
    assert_int_equal(chart_png_encode(e, px, 0, 1, 4, NULL, 0, &bytes, &len), ANNREP_ERR_INTERNAL);
    assert_int_equal(chart_png_encode(e, px, 1, 0, 4, NULL, 0, &bytes, &len), ANNREP_ERR_INTERNAL);
    assert_int_equal(chart_png_encode(e, px, 2, 1, 4, NULL, 0, &bytes, &len), ANNREP_ERR_INTERNAL);
    unlink(path);
    free(path);
    chart_png_free(e);
}

/* A small picture in cairo's RGB24 layout, from seed: white with a few
 * coloured pixels.  Caller frees. */
static unsigned char *S_picture(int w, int h, uint32_t seed)
{
    unsigned char *buf = xmalloc(4 * (size_t)w * (size_t)h);
    for (int i = 0; i < w * h; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t v = (seed >> 29) == 0 ? (seed >> 4) & 0xFFFFFF : 0xFFFFFF;
        memcpy(buf + 4 * (size_t)i, &v, 4);
    }
    return buf;
}

/* Encode picture (seed) with prev; *reused says whether prev was kept.
 * Returns a copy of the file (caller frees), *n bytes. */
static unsigned char *S_encode(chart_png *e, int w, int h, uint32_t seed,
                               const unsigned char *prev, size_t prevlen, size_t *n,
                               bool *reused)
{
    unsigned char *pic = S_picture(w, h, seed);
    const unsigned char *bytes;
    assert_int_equal(chart_png_encode(e, pic, w, h, 4 * w, prev, prevlen, &bytes, n), ANNREP_OK);
    *reused = prev && bytes == prev;
    unsigned char *copy = xmalloc(*n);
    memcpy(copy, bytes, *n);
    free(pic);
    return copy;
}

/* A rebuild keeps the last build's file only when it is exactly the file
 * these pixels make: the same picture, written by this encoder, every byte
 * intact.  Any other file in its place - another picture, cairo's own
 * writing of the same pixels, a file damaged anywhere, cut short or with
 * something after it - is not kept, and the new file is what a fresh build
 * writes. */
static void test_rebuild_keeps_only_the_identical_file(void **state)
{
    (void)state;
    chart_png *e = chart_png_new();
    assert_non_null(e);
    const int w = 40, h = 30;
    size_t n, m, k;
    bool reused;
    unsigned char *fresh = S_encode(e, w, h, 7, NULL, 0, &n, &reused);
    assert_false(reused);

    /* the same pixels: kept, and the bytes are the fresh ones */
    unsigned char *again = S_encode(e, w, h, 7, fresh, n, &m, &reused);
    assert_true(reused);
    assert_int_equal(m, n);
    assert_memory_equal(again, fresh, n);
    free(again);

    /* another picture of the same size: not kept */
    unsigned char *other = S_encode(e, w, h, 8, NULL, 0, &k, &reused);
    unsigned char *got = S_encode(e, w, h, 7, other, k, &m, &reused);
    assert_false(reused);
    assert_int_equal(m, n);
    assert_memory_equal(got, fresh, n);
    free(got);
    free(other);

    /* the same pixels written by cairo: the same picture, not our file */
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    unsigned char *pic = S_picture(w, h, 7);
    cairo_surface_flush(s);
    for (int y = 0; y < h; y++)
        memcpy(cairo_image_surface_get_data(s) + (size_t)y * cairo_image_surface_get_stride(s),
               pic + 4 * (size_t)w * (size_t)y, 4 * (size_t)w);
    cairo_surface_mark_dirty(s);
    free(pic);
    char *cpath = paths_join(S_dir, "cairo.png");
    assert_int_equal(cairo_surface_write_to_png(s, cpath), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    FILE *f = fopen(cpath, "rb");
    assert_non_null(f);
    unsigned char cbytes[65536];
    size_t cn = fread(cbytes, 1, sizeof cbytes, f);
    fclose(f);
    unlink(cpath);
    free(cpath);
    assert_true(cn > 50 && cn < sizeof cbytes);
    got = S_encode(e, w, h, 7, cbytes, cn, &m, &reused);
    assert_false(reused);
    assert_memory_equal(got, fresh, n);
    free(got);

    /* every single byte changed, and the file cut short or lengthened */
    unsigned char *bad = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        memcpy(bad, fresh, n);
        bad[i] ^= 0x01;
        got = S_encode(e, w, h, 7, bad, n, &m, &reused);
        if (reused)
            fprintf(stderr, "a file with byte %zu of %zu changed was kept\n", i, n);
        assert_false(reused);
        assert_memory_equal(got, fresh, n);
        free(got);
        got = S_encode(e, w, h, 7, fresh, i, &m, &reused);
        assert_false(reused);
        free(got);
    }
    memcpy(bad, fresh, n);
    bad[n] = 0;
    got = S_encode(e, w, h, 7, bad, n + 1, &m, &reused);
    assert_false(reused);
    free(got);
    free(bad);
    free(fresh);
    chart_png_free(e);
}

/* Through the painter, from files: a rebuild of a sample chart over its
 * own file keeps it, over another chart's file writes the fresh one. */
static void test_painter_keeps_the_last_build_file_of_the_same_chart(void **state)
{
    (void)state;
    char *fonts = paths_join(S_src(), "fonts");
    chart *c = chart_new("t", CHART_BAR, CHART_UNIT_COUNT, "Contacts by quarter");
    const char *q[] = {"Q1", "Q2", "Q3", "Q4"};
    for (int i = 0; i < 4; i++)
        chart_add_category(c, q[i]);
    chart_add_series(c, "Contacts");
    for (size_t i = 0; i < 4; i++)
        chart_set_value(c, 0, i, (double)(10 * i + 3));
    chart_finish(c);
    chart *d = chart_new("t", CHART_BAR, CHART_UNIT_COUNT, "Contacts by quarter");
    for (int i = 0; i < 4; i++)
        chart_add_category(d, q[i]);
    chart_add_series(d, "Contacts");
    for (size_t i = 0; i < 4; i++)
        chart_set_value(d, 0, i, (double)(10 * i + 4));   /* one more in every quarter */
    chart_finish(d);

    char *a = paths_join(S_dir, "a.png"), *b = paths_join(S_dir, "b.png");
    char *x = paths_join(S_dir, "x.png");
    chart_painter *p;
    assert_int_equal(chart_painter_new(fonts, &p), ANNREP_OK);
    assert_int_equal(chart_painter_png(p, c, a, NULL), ANNREP_OK);
    assert_int_equal(chart_painter_png(p, d, x, NULL), ANNREP_OK);
    assert_int_equal(chart_painter_png(p, c, b, a), ANNREP_OK);   /* over its own file */
    assert_int_equal(chart_painter_kept(p), 1);
    char *ca = NULL, *cb = NULL;
    size_t na = 0, nb = 0;
    FILE *f = fopen(a, "rb"), *g = fopen(b, "rb");
    assert_non_null(f);
    assert_non_null(g);
    ca = xmalloc(1 << 20);
    cb = xmalloc(1 << 20);
    na = fread(ca, 1, 1 << 20, f);
    nb = fread(cb, 1, 1 << 20, g);
    fclose(f);
    fclose(g);
    assert_true(na > 1000);
    assert_int_equal(na, nb);
    assert_memory_equal(ca, cb, na);
    /* over the file of the chart with other values: the fresh file */
    assert_int_equal(chart_painter_png(p, c, b, x), ANNREP_OK);
    assert_int_equal(chart_painter_kept(p), 1);
    g = fopen(b, "rb");
    assert_non_null(g);
    nb = fread(cb, 1, 1 << 20, g);
    fclose(g);
    assert_int_equal(na, nb);
    assert_memory_equal(ca, cb, na);
    /* over nothing, or a folder: written as ever */
    assert_int_equal(chart_painter_png(p, c, b, "/nonexistent/x.png"), ANNREP_OK);
    assert_int_equal(chart_painter_png(p, c, b, S_dir), ANNREP_OK);
    assert_int_equal(chart_painter_kept(p), 1);
    free(ca);
    free(cb);
    unlink(a);
    unlink(b);
    unlink(x);
    free(a);
    free(b);
    free(x);
    chart_painter_free(p);
    chart_free(c);
    chart_free(d);
    free(fonts);
}

/* The same pixels always give the same bytes: a build's PNG does not depend
 * on which painter drew it or what it drew before. */
static void test_same_chart_same_bytes_whichever_painter(void **state)
{
    (void)state;
    char *fonts = paths_join(S_src(), "fonts");
    chart *c = chart_new("t", CHART_BAR, CHART_UNIT_COUNT, "Contacts by quarter");
    const char *q[] = {"Q1", "Q2", "Q3", "Q4"};
    for (int i = 0; i < 4; i++)
        chart_add_category(c, q[i]);
    chart_add_series(c, "Contacts");
    for (size_t i = 0; i < 4; i++)
        chart_set_value(c, 0, i, (double)(10 * i + 3));
    chart_finish(c);
    chart *tall = chart_new("u", CHART_HBAR, CHART_UNIT_COUNT, "Many categories");
    chart_add_series(tall, "Number");
    for (size_t i = 0; i < 30; i++) {
        char name[32];
        snprintf(name, sizeof name, "Category %zu", i + 1);
        chart_add_category(tall, name);
        chart_set_value(tall, 0, i, (double)(i * 7 % 23));
    }
    chart_finish(tall);

    char *a = paths_join(S_dir, "a.png"), *b = paths_join(S_dir, "b.png");
    chart_painter *p1, *p2;
    assert_int_equal(chart_painter_new(fonts, &p1), ANNREP_OK);
    assert_int_equal(chart_painter_new(fonts, &p2), ANNREP_OK);
    assert_int_equal(chart_painter_png(p1, c, a, NULL), ANNREP_OK);
    assert_int_equal(chart_painter_png(p2, tall, b, NULL), ANNREP_OK);   /* dirty the buffer */
    assert_int_equal(chart_painter_png(p2, c, b, NULL), ANNREP_OK);
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    assert_non_null(fa);
    assert_non_null(fb);
    size_t n = 0;
    int x, y;
    do {
        x = fgetc(fa);
        y = fgetc(fb);
        assert_int_equal(x, y);
        n++;
    } while (x != EOF);
    assert_true(n > 1000);
    fclose(fa);
    fclose(fb);
    unlink(a);
    unlink(b);
    free(a);
    free(b);
    chart_painter_free(p1);
    chart_painter_free(p2);
    chart_free(c);
    chart_free(tall);
    free(fonts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_sample_chart_decodes_to_the_painted_pixels),
        cmocka_unit_test(test_encoder_matches_cairo_on_awkward_sizes),
        cmocka_unit_test(test_same_chart_same_bytes_whichever_painter),
        cmocka_unit_test(test_rebuild_keeps_only_the_identical_file),
        cmocka_unit_test(test_painter_keeps_the_last_build_file_of_the_same_chart),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
