/* test_load_logo.c - the cover logo's PNG check (src/load/logo.c).
 *
 * The PNGs are made here, chunk by chunk, with zlib: a good one, and one
 * damaged in each way the check must catch before libharu's libpng (which
 * has no error handler there and aborts) would meet it.  Expected messages
 * and sizes come from the PNG specification, not from the code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "load/logo.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void S_be32(strbuf *b, uint32_t v)
{
    char c[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
    sb_appendn(b, c, 4);
}

/* One chunk: length, type, data, CRC of type and data (bad_crc: off by one). */
static void S_chunk(strbuf *b, const char *type, const void *data, size_t n, bool bad_crc)
{
    S_be32(b, (uint32_t)n);
    size_t at = b->len;
    sb_appendn(b, type, 4);
    sb_appendn(b, data, n);
    uLong crc = crc32(0L, (const Bytef *)b->s + at, (uInt)(n + 4));
    S_be32(b, (uint32_t)crc + (bad_crc ? 1u : 0u));
}

typedef struct {
    uint32_t w, h;        /* in the header */
    unsigned type, depth; /* colour type and bit depth */
    unsigned interlace;
    uint32_t rows;        /* rows of pixel data actually compressed (normally h) */
    bool text;            /* add tEXt and gAMA chunks before the data */
    bool bad_crc_idat;
    bool garbage_zlib;    /* IDAT holds bytes that are not a zlib stream */
    size_t cut;           /* keep only the first cut bytes (0: all) */
} S_spec;

/* A PNG as spec says, of grey 8-bit or RGB 8-bit pixels (all zero). */
static strbuf S_make(const S_spec *sp)
{
    strbuf b = STRBUF_INIT;
    sb_appendn(&b, "\x89PNG\r\n\x1a\n", 8);
    unsigned char ihdr[13];
    uint32_t w = sp->w, h = sp->h;
    for (int i = 0; i < 4; i++) {
        ihdr[i] = (unsigned char)(w >> (24 - 8 * i));
        ihdr[4 + i] = (unsigned char)(h >> (24 - 8 * i));
    }
    ihdr[8] = (unsigned char)sp->depth;
    ihdr[9] = (unsigned char)sp->type;
    ihdr[10] = ihdr[11] = 0;
    ihdr[12] = (unsigned char)sp->interlace;
    S_chunk(&b, "IHDR", ihdr, 13, false);
    if (sp->text) {
        S_chunk(&b, "tEXt", "Comment\0made by a test", 22, false);
        S_chunk(&b, "gAMA", "\x00\x00\xB1\x8F", 4, false);
    }
    size_t channels = sp->type == 2 ? 3 : 1;
    size_t raw_n = (size_t)sp->rows * (1 + channels * sp->w);
    unsigned char *raw = calloc(raw_n ? raw_n : 1, 1);
    uLongf zn = compressBound((uLong)raw_n);
    unsigned char *z = malloc(zn);
    assert_int_equal(compress(z, &zn, raw, (uLong)raw_n), Z_OK);
    if (sp->garbage_zlib)
        memset(z, 0x55, zn);
    S_chunk(&b, "IDAT", z, zn, sp->bad_crc_idat);
    S_chunk(&b, "IEND", "", 0, false);
    free(raw);
    free(z);
    if (sp->cut && sp->cut < b.len)
        b.len = sp->cut;
    return b;
}

static const S_spec S_good = {40, 20, 2, 8, 0, 20, false, false, false, 0};

static bool S_check(const S_spec *sp, logo_image *img, char **why)
{
    strbuf b = S_make(sp);
    bool ok = logo_from_png((const unsigned char *)b.s, b.len, img, why);
    sb_free(&b);
    return ok;
}

#define ASSERT_REFUSED(spec, needle)                                          \
    do {                                                                      \
        logo_image img_;                                                      \
        char *why_ = NULL;                                                    \
        assert_false(S_check(&(spec), &img_, &why_));                         \
        assert_non_null(why_);                                                \
        if (!strstr(why_, needle))                                            \
            fail_msg("expected \"%s\" in \"%s\"", needle, why_);              \
        assert_null(img_.png);                                                \
        free(why_);                                                           \
    } while (0)

static void test_good_png_passes_with_its_size(void **state)
{
    (void)state;
    logo_image img;
    char *why = NULL;
    assert_true(S_check(&S_good, &img, &why));
    assert_null(why);
    assert_int_equal(img.width, 40);
    assert_int_equal(img.height, 20);
    /* Only IHDR, IDAT and IEND: the clean copy is the file itself. */
    strbuf b = S_make(&S_good);
    assert_int_equal(img.len, b.len);
    assert_memory_equal(img.png, b.s, b.len);
    sb_free(&b);
    free(img.png);
}

static void test_clean_copy_drops_text_and_colour_chunks(void **state)
{
    (void)state;
    S_spec sp = S_good;
    sp.text = true;
    logo_image img;
    char *why = NULL;
    assert_true(S_check(&sp, &img, &why));
    strbuf plain = S_make(&S_good);
    /* 12 + 22 bytes of tEXt and 12 + 4 of gAMA are gone, nothing else. */
    assert_int_equal(img.len, plain.len);
    assert_memory_equal(img.png, plain.s, plain.len);
    sb_free(&plain);
    free(img.png);
}

static void test_signature_then_garbage_is_refused(void **state)
{
    (void)state;
    const char bad[] = "\x89PNG\r\n\x1a\ngarbagegarbagegarbage";
    logo_image img;
    char *why = NULL;
    assert_false(logo_from_png((const unsigned char *)bad, sizeof bad - 1, &img, &why));
    assert_non_null(strstr(why, "does not start with its header"));
    free(why);
    /* A good header, then zero bytes where the next chunk should be (what
     * made libpng abort with "[00][00][00][00]: invalid chunk type"). */
    strbuf b = S_make(&S_good);
    b.len = 8 + 25;
    sb_appendn(&b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
    assert_false(logo_from_png((const unsigned char *)b.s, b.len, &img, &why));
    assert_non_null(strstr(why, "not a PNG chunk after its first 33 bytes"));
    free(why);
    sb_free(&b);
    assert_false(logo_from_png((const unsigned char *)"GIF89a..", 8, &img, &why));
    assert_non_null(strstr(why, "expected a PNG image"));
    free(why);
}

static void test_damaged_chunks_are_refused(void **state)
{
    (void)state;
    S_spec sp = S_good;
    sp.bad_crc_idat = true;
    ASSERT_REFUSED(sp, "the IDAT chunk of the image fails its checksum");
    sp = S_good;
    sp.cut = 8 + 25 + 17; /* 5 bytes into the IDAT chunk's data */
    ASSERT_REFUSED(sp, "runs past the end of the file");
    sp = S_good;
    sp.cut = 8 + 25; /* after the header, before anything else */
    ASSERT_REFUSED(sp, "cut short");
    sp = S_good;
    sp.type = 3; /* a palette image without a palette */
    ASSERT_REFUSED(sp, "has none (PLTE)");
    sp = S_good;
    sp.depth = 3; /* no PNG has 3 bits per sample */
    ASSERT_REFUSED(sp, "bit depth 3");
}

static void test_pixels_that_do_not_decode_are_refused(void **state)
{
    (void)state;
    S_spec sp = S_good;
    sp.garbage_zlib = true; /* chunks and CRCs right, data not zlib */
    ASSERT_REFUSED(sp, "cannot be decoded");
    sp = S_good;
    sp.rows = 5; /* 20 rows declared, 5 given */
    ASSERT_REFUSED(sp, "cannot be decoded");
}

static void test_huge_and_interlaced_images_are_refused_before_decoding(void **state)
{
    (void)state;
    S_spec sp = S_good;
    /* A header declaring 20,000 x 20,000 pixels over a few bytes of data:
     * refused from the header (decoding would take 1.2 GB). */
    sp.w = sp.h = 20000;
    sp.rows = 1;
    ASSERT_REFUSED(sp, "is 20000 x 20000 pixels: expected at most 4096 x 4096");
    sp = S_good;
    sp.w = 4097;
    sp.rows = 1;
    ASSERT_REFUSED(sp, "4097 x 20 pixels");
    sp = S_good;
    sp.interlace = 1;
    ASSERT_REFUSED(sp, "interlaced");
}

static void test_logo_path_must_stay_inside_the_project(void **state)
{
    (void)state;
    static const char *const outside[] = {"/srv/logo.png", "../logo.png", "img/../../x.png",
                                          "C:\\logos\\x.png", "\\\\server\\x.png", "~/x.png"};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        char *why = NULL;
        if (logo_path_inside(outside[i], &why))
            fail_msg("%s was accepted", outside[i]);
        assert_non_null(why);
        free(why);
    }
    char *why = NULL;
    assert_true(logo_path_inside("logo.png", &why));
    assert_true(logo_path_inside("images/our..logo.png", &why));
    assert_null(why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_png_passes_with_its_size),
        cmocka_unit_test(test_clean_copy_drops_text_and_colour_chunks),
        cmocka_unit_test(test_signature_then_garbage_is_refused),
        cmocka_unit_test(test_damaged_chunks_are_refused),
        cmocka_unit_test(test_pixels_that_do_not_decode_are_refused),
        cmocka_unit_test(test_huge_and_interlaced_images_are_refused_before_decoding),
        cmocka_unit_test(test_logo_path_must_stay_inside_the_project),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
