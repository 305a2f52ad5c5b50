/* png.c - PNG bytes from cairo RGB24 pixels; see png.h.
 *
 * Why not cairo_surface_write_to_png: it hands the rows to libpng, whose
 * adaptive filter choice and zlib level 6 took most of a build (444 ms of
 * ~650 ms for the sample's nine 1,600-pixel charts).  On these charts
 * (white ground, flat colours, antialiased text) filter None gives smaller
 * files than the adaptive filters, and libdeflate compresses them smaller
 * and several times faster than zlib.  libdeflate is single-threaded and
 * deterministic, so the bytes depend on the pixels and ANNREP_PNG_LEVEL only.
 *
 * The file: signature, IHDR (8-bit RGB, no interlace), bKGD (white, as
 * cairo writes it), tEXt (Software: this encoder), one IDAT holding the zlib
 * stream, IEND.
 *
 * A rebuild mostly redraws charts that did not change.  Given the file a
 * new one replaces, the encoder checks (inflating it, about a tenth of the
 * cost of compressing) whether it is exactly the file it would write for
 * these pixels, and if so keeps it: the bytes are the same either way. */
#include "png.h"

#include "../util/alloc.h"

#include <libdeflate.h>

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libdeflate's level 6 (of 1..12), its default.  On the sample's nine
 * charts (46 MB of rows): 706 kB, 15% less than cairo's writer, in about a
 * fifth of its time; levels 2-4 save 15% of the compression time for files
 * 6% larger, and a whole build no measurable time (tests/bench/bench.sh, a
 * level-4 build against this one); levels 7-9 cost up to 2.5 times as long
 * for 1-2% less. */
#define ANNREP_PNG_LEVEL 6
#define S_STR(x) #x
#define S_XSTR(x) S_STR(x)

/* The tEXt chunk, keyword and text: who wrote the file, and with what.  A
 * file that carries exactly this one was made by this encoder, which is
 * what lets a rebuild keep it (chart_png_encode's prev).  Bump "PNG 1"
 * whenever this file changes the bytes it writes for the same pixels; the
 * libdeflate named is the one annrep was built with. */
static const char S_SOFTWARE[] = "Software\0annrep PNG 1, libdeflate " LIBDEFLATE_VERSION_STRING
                                 " level " S_XSTR(ANNREP_PNG_LEVEL);

struct chart_png {
    struct libdeflate_compressor *z;
    struct libdeflate_decompressor *unz;   /* made on first use */
    unsigned char *out;   /* the whole file */
    size_t cap;
    unsigned char *row;   /* one PNG row, reordered before it is moved into place */
    size_t rowcap;
    unsigned char *in;    /* an earlier file's rows, inflated */
    size_t incap;
};

chart_png *chart_png_new(void)
{
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(ANNREP_PNG_LEVEL);
    if (!z)
        return NULL;
    chart_png *e = xcalloc(1, sizeof *e);
    e->z = z;
    return e;
}

void chart_png_free(chart_png *e)
{
    if (!e)
        return;
    libdeflate_free_compressor(e->z);
    if (e->unz)
        libdeflate_free_decompressor(e->unz);
    free(e->out);
    free(e->row);
    free(e->in);
    free(e);
}

static unsigned char *S_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return p + 4;
}

/* A chunk's CRC covers its type and data (p points at the type). */
static unsigned char *S_crc(unsigned char *p, size_t datalen)
{
    uint32_t crc = libdeflate_crc32(0, p, 4 + datalen);
    return S_be32(p + 4 + datalen, crc);
}

/* One chunk of n bytes of data at p (n bytes already copied after the
 * type, or to be copied from data when data is not NULL). */
static unsigned char *S_chunk(unsigned char *p, const char type[4], const unsigned char *data,
                              size_t n)
{
    p = S_be32(p, (uint32_t)n);
    memcpy(p, type, 4);
    if (data)
        memcpy(p + 4, data, n);
    return S_crc(p, n);
}

/* Is pixel i of in white (the padding byte aside)? */
static bool S_white(const unsigned char *in, int i)
{
    uint32_t v;
    memcpy(&v, in + 4 * (size_t)i, 4);
    return (v & 0xFFFFFF) == 0xFFFFFF;
}

/* One pixel row as a PNG row: filter byte 0 (None), then R, G, B.  Most of
 * a chart is its white ground: runs of white pixels are found two at a time
 * and written with one memset. */
static void S_row(unsigned char *restrict out, const unsigned char *restrict in, int w)
{
    out[0] = 0;
    out++;
    int i = 0;
    while (i < w) {
        if (S_white(in, i)) {
            int j = i + 1;
            for (; j + 2 <= w; j += 2) {
                uint64_t two;
                memcpy(&two, in + 4 * (size_t)j, 8);
                if ((two & 0x00FFFFFF00FFFFFFu) != 0x00FFFFFF00FFFFFFu)
                    break;
            }
            while (j < w && S_white(in, j))
                j++;
            memset(out + 3 * (size_t)i, 0xFF, 3 * (size_t)(j - i));
            i = j;
            continue;
        }
        uint32_t v;
        memcpy(&v, in + 4 * (size_t)i, 4);
        out[3 * i] = (unsigned char)(v >> 16);
        out[3 * i + 1] = (unsigned char)(v >> 8);
        out[3 * i + 2] = (unsigned char)v;
        i++;
    }
}

/* Rewrite the rows of data as PNG rows, packed from data[0].  Row y moves
 * to y * (3w + 1) <= y * stride: never past its own pixels, so going
 * through the one-row buffer keeps every row not yet read intact. */
static void S_rows(chart_png *e, unsigned char *data, int w, int h, size_t stride)
{
    size_t rb = 3 * (size_t)w + 1;
    if (e->rowcap < rb) {
        free(e->row);
        e->row = xmalloc(rb);
        e->rowcap = rb;
    }
    for (int y = 0; y < h; y++) {
        S_row(e->row, data + (size_t)y * stride, w);
        memmove(data + (size_t)y * rb, e->row, rb);
    }
}

/* Everything of the file before the IDAT's data: signature, IHDR, bKGD,
 * tEXt, the IDAT's length (n) and type.  Returns the end. */
static unsigned char *S_head(unsigned char *p, int w, int h, size_t n)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    memcpy(p, sig, sizeof sig);
    p += sizeof sig;
    unsigned char ihdr[13];
    S_be32(ihdr, (uint32_t)w);
    S_be32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8;   /* bits per sample */
    ihdr[9] = 2;   /* truecolour: R, G, B */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;   /* deflate, adaptive filtering method, no interlace */
    p = S_chunk(p, "IHDR", ihdr, sizeof ihdr);
    static const unsigned char white[6] = {0, 0xFF, 0, 0xFF, 0, 0xFF};
    p = S_chunk(p, "bKGD", white, sizeof white);
    p = S_chunk(p, "tEXt", (const unsigned char *)S_SOFTWARE, sizeof S_SOFTWARE - 1);
    p = S_be32(p, (uint32_t)n);
    memcpy(p, "IDAT", 4);
    return p + 4;
}

#define S_HEAD (8 + (12 + 13) + (12 + 6) + (12 + sizeof S_SOFTWARE - 1) + 8)
#define S_TAIL (4 + 12)

/* Is prev, n bytes, the very file this encoder makes of the rows (raw
 * bytes at rows)?  Only when it was written by this encoder (the same
 * tEXt), every byte outside the IDAT's data is the one it would write (the
 * IDAT's CRC recomputed), and its stream inflates to exactly these rows:
 * then, compression being deterministic, compressing the rows again would
 * give the same bytes. */
static bool S_same_file(chart_png *e, const unsigned char *prev, size_t n, int w, int h,
                        const unsigned char *rows, size_t raw)
{
    if (!prev || n < S_HEAD + S_TAIL)
        return false;
    size_t z = n - S_HEAD - S_TAIL;
    unsigned char head[S_HEAD], tail[S_TAIL];
    S_head(head, w, h, z);
    if (z > UINT32_MAX >> 1 || memcmp(prev, head, S_HEAD) != 0)
        return false;
    unsigned char *t = tail;
    t = S_be32(t, libdeflate_crc32(libdeflate_crc32(0, "IDAT", 4), prev + S_HEAD, z));
    S_chunk(t, "IEND", NULL, 0);
    if (memcmp(prev + S_HEAD + z, tail, S_TAIL) != 0)
        return false;
    if (!e->unz && !(e->unz = libdeflate_alloc_decompressor()))
        return false;
    if (e->incap < raw) {
        free(e->in);
        e->in = xmalloc_big(raw, &e->incap);   /* megabytes, filled at once */
    }
    size_t got = 0;
    return libdeflate_zlib_decompress(e->unz, prev + S_HEAD, z, e->in, raw, &got) ==
               LIBDEFLATE_SUCCESS &&
           got == raw && memcmp(e->in, rows, raw) == 0;
}

annrep_status chart_png_encode(chart_png *e, unsigned char *data, int w, int h, int stride,
                               const unsigned char *prev, size_t prevlen,
                               const unsigned char **bytes, size_t *len)
{
    if (!e || !data || !bytes || !len || w <= 0 || h <= 0 || stride / 4 < w ||
        (size_t)stride > SIZE_MAX / (size_t)h)
        return ANNREP_ERR_INTERNAL;
    size_t raw = (3 * (size_t)w + 1) * (size_t)h;
    S_rows(e, data, w, h, (size_t)stride);
    if (S_same_file(e, prev, prevlen, w, h, data, raw)) {
        *bytes = prev;
        *len = prevlen;
        return ANNREP_OK;
    }

    size_t bound = libdeflate_zlib_compress_bound(e->z, raw);
    if (bound > SIZE_MAX - S_HEAD - S_TAIL)
        return ANNREP_ERR_INTERNAL;
    if (e->cap < S_HEAD + bound + S_TAIL) {
        free(e->out);
        e->cap = S_HEAD + bound + S_TAIL;
        e->out = xmalloc(e->cap);
    }
    size_t n = libdeflate_zlib_compress(e->z, data, raw, e->out + S_HEAD, bound);
    if (n == 0 || n > UINT32_MAX >> 1)
        return ANNREP_ERR_LIBRARY;
    S_head(e->out, w, h, n);
    unsigned char *p = S_crc(e->out + S_HEAD - 4, n);   /* the IDAT's type, data, CRC */
    p = S_chunk(p, "IEND", NULL, 0);
    *bytes = e->out;
    *len = (size_t)(p - e->out);
    return ANNREP_OK;
}
