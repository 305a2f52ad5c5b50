/* test_chart_render.c - the cairo painters: PNG 1600 px wide and opaque
 * white, byte-identical PNG and SVG for the same chart (within one run and
 * across separate processes).  The PDF painter is test_render_pdf_chart.c.
 * Charts are built by hand so this test does not need compute. */
#include "chart/layout.h"
#include "util/alloc.h"
#include "util/paths.h"

#include <cairo.h>
#include <errno.h>
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

extern char **environ;

static const char *S_src(void)
{
    const char *s = getenv("ANNREP_SOURCE_DIR");
    return s && *s ? s : ANNREP_SOURCE_DIR;
}

static char *S_fonts(void) { return paths_join(S_src(), "fonts"); }

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

static unsigned char *S_slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = xmalloc((size_t)len + 1);
    *n = fread(buf, 1, (size_t)len, f);
    fclose(f);
    return buf;
}

static void S_assert_same_file(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    unsigned char *x = S_slurp(a, &na), *y = S_slurp(b, &nb);
    assert_non_null(x);
    assert_non_null(y);
    assert_true(na > 100);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    free(x);
    free(y);
}

static int S_write_both(const char *dir, const char *stem)
{
    chart *c = S_chart();
    char *fonts = S_fonts();
    char name[64];
    snprintf(name, sizeof name, "%s.png", stem);
    char *png = paths_join(dir, name);
    snprintf(name, sizeof name, "%s.svg", stem);
    char *svg = paths_join(dir, name);
    bool ok = chart_write_png(c, png, fonts) == ANNREP_OK &&
              chart_write_svg(c, svg, fonts) == ANNREP_OK;
    free(png);
    free(svg);
    free(fonts);
    chart_free(c);
    return ok ? 0 : -1;
}

static char S_dir[64];
static const char *S_self;

static int S_setup(void **state)
{
    (void)state;
    strcpy(S_dir, "/tmp/annrep-render-XXXXXX");
    return mkdtemp(S_dir) ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    static const char *const names[] = {"a.png", "a.svg", "b.png", "b.svg", "p1.png",
                                        "p1.svg", "p2.png", "p2.svg", "sz.png"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *p = paths_join(S_dir, names[i]);
        unlink(p);
        free(p);
    }
    rmdir(S_dir);
    return 0;
}

static void test_png_is_at_least_1600_wide_rgb_and_white(void **state)
{
    (void)state;
    assert_int_equal(S_write_both(S_dir, "a"), 0);
    char *png = paths_join(S_dir, "a.png");
    size_t n = 0;
    unsigned char *b = S_slurp(png, &n);
    assert_true(n > 33);
    assert_memory_equal(b, "\x89PNG\r\n\x1a\n", 8);
    uint32_t w = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 | (uint32_t)b[18] << 8 | b[19];
    assert_true(w >= 1600);
    /* Colour type 2: truecolour without alpha, i.e. opaque. */
    assert_int_equal(b[25], 2);
    free(b);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    const unsigned char *px = cairo_image_surface_get_data(s);
    uint32_t corner = *(const uint32_t *)px & 0xFFFFFF;
    assert_int_equal(corner, 0xFFFFFF);
    cairo_surface_destroy(s);
    free(png);
}

static void test_same_chart_twice_gives_identical_png_and_svg(void **state)
{
    (void)state;
    assert_int_equal(S_write_both(S_dir, "a"), 0);
    assert_int_equal(S_write_both(S_dir, "b"), 0);
    char *a = paths_join(S_dir, "a.png"), *b = paths_join(S_dir, "b.png");
    S_assert_same_file(a, b);
    free(a);
    free(b);
    a = paths_join(S_dir, "a.svg");
    b = paths_join(S_dir, "b.svg");
    S_assert_same_file(a, b);
    free(a);
    free(b);
}

/* A fresh process has fresh library counters (cairo's ids, font caches). */
static void S_spawn_writer(const char *stem)
{
    char *argv[] = {(char *)S_self, (char *)"--write", S_dir, (char *)stem, NULL};
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, S_self, NULL, NULL, argv, environ), 0);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void test_separate_runs_give_identical_png_and_svg(void **state)
{
    (void)state;
    S_spawn_writer("p1");
    S_spawn_writer("p2");
    assert_int_equal(S_write_both(S_dir, "a"), 0);
    const char *ext[] = {"png", "svg"};
    for (int i = 0; i < 2; i++) {
        char n1[32], n2[32], n3[32];
        snprintf(n1, sizeof n1, "p1.%s", ext[i]);
        snprintf(n2, sizeof n2, "p2.%s", ext[i]);
        snprintf(n3, sizeof n3, "a.%s", ext[i]);
        char *a = paths_join(S_dir, n1), *b = paths_join(S_dir, n2), *c = paths_join(S_dir, n3);
        S_assert_same_file(a, b);
        /* And the same as this process's later writes. */
        S_assert_same_file(a, c);
        free(a);
        free(b);
        free(c);
    }
}

static void test_write_to_missing_folder_fails_cleanly(void **state)
{
    (void)state;
    chart *c = S_chart();
    char *fonts = S_fonts();
    errno = 0;
    assert_int_equal(chart_write_png(c, "/nonexistent-dir/x.png", fonts), ANNREP_ERR_IO);
    assert_int_equal(errno, ENOENT);
    errno = 0;
    assert_int_equal(chart_write_svg(c, "/nonexistent-dir/x.svg", fonts), ANNREP_ERR_IO);
    assert_int_equal(errno, ENOENT);
    errno = 0;
    assert_int_equal(chart_write_txt(c, "/nonexistent-dir/x.txt"), ANNREP_ERR_IO);
    assert_int_equal(errno, ENOENT);
    errno = 0;
    assert_int_equal(chart_write_png(c, "/tmp/never.png", "/nonexistent-fonts"), ANNREP_ERR_IO);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(chart_write_png(NULL, "/tmp/never.png", fonts), ANNREP_ERR_INTERNAL);
    assert_int_equal(chart_write_svg(c, NULL, fonts), ANNREP_ERR_INTERNAL);
    free(fonts);
    chart_free(c);
}

static void test_alt_text_file_is_one_line(void **state)
{
    (void)state;
    chart *c = S_chart();
    char *p = paths_join(S_dir, "sz.png");
    assert_int_equal(chart_write_txt(c, p), ANNREP_OK);
    size_t n = 0;
    unsigned char *b = S_slurp(p, &n);
    assert_int_equal(n, strlen(chart_alt_text(c)) + 1);
    assert_int_equal(b[n - 1], '\n');
    assert_null(memchr(b, '\n', n - 1));
    free(b);
    free(p);
    chart_free(c);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--write") == 0)
        return S_write_both(argv[2], argv[3]) == 0 ? 0 : 1;
    /* Linux: the running binary, whatever the working folder. */
    S_self = "/proc/self/exe";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_is_at_least_1600_wide_rgb_and_white),
        cmocka_unit_test(test_same_chart_twice_gives_identical_png_and_svg),
        cmocka_unit_test(test_separate_runs_give_identical_png_and_svg),
        cmocka_unit_test(test_write_to_missing_folder_fails_cleanly),
        cmocka_unit_test(test_alt_text_file_is_one_line),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
