/* logo.c - proving the logo is a PNG every writer can show; see logo.h. */
#include "logo.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <png.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const unsigned char S_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static uint32_t S_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool S_fail(char **why, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static bool S_fail(char **why, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    *why = sb_vformat(fmt, ap);
    va_end(ap);
    return false;
}

/* The IHDR fields the PNG specification allows, and the limits. */
static bool S_ihdr(const unsigned char *d, unsigned *w, unsigned *h, char **why)
{
    uint32_t width = S_be32(d), height = S_be32(d + 4);
    unsigned depth = d[8], type = d[9];
    bool depth_ok = false;
    switch (type) {
    case 0: depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16; break;
    case 3: depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8; break;
    case 2: case 4: case 6: depth_ok = depth == 8 || depth == 16; break;
    default: break;
    }
    if (width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu)
        return S_fail(why, "the image header gives a size of %lu x %lu pixels, which no PNG "
                           "has: the file is damaged", (unsigned long)width,
                      (unsigned long)height);
    if (!depth_ok || d[10] != 0 || d[11] != 0 || d[12] > 1)
        return S_fail(why, "the image header is not one a PNG can have (colour type %u, "
                           "bit depth %u): the file is damaged", type, depth);
    if (width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE)
        return S_fail(why, "the image is %lu x %lu pixels: expected at most %u x %u (a cover "
                           "logo is printed a few centimetres wide); make it smaller",
                      (unsigned long)width, (unsigned long)height, LOGO_MAX_SIDE,
                      LOGO_MAX_SIDE);
    if (d[12] == 1)
        return S_fail(why, "the image is interlaced (Adam7), which the PDF library cannot "
                           "read: save it again with interlacing (or \"progressive\") off");
    *w = width;
    *h = height;
    return true;
}

/* The chunks: lengths inside the file, CRCs right, IHDR first, PLTE (when
 * the colour type needs it) before the IDATs, the IDATs together, IEND.
 * The chunks that draw the image are copied into *clean. */
static bool S_chunks(const unsigned char *d, size_t len, strbuf *clean, unsigned *w,
                     unsigned *h, char **why)
{
    size_t pos = 8;
    int n = 0;
    bool plte = false, idat = false, idat_done = false, end = false;
    unsigned type = 0;
    while (!end) {
        if (len - pos < 12)
            return S_fail(why, "the file ends in the middle of the image (it was cut short, "
                               "or is not a whole PNG)");
        uint32_t clen = S_be32(d + pos);
        const unsigned char *ct = d + pos + 4;
        for (int i = 0; i < 4; i++)
            if (!((ct[i] >= 'A' && ct[i] <= 'Z') || (ct[i] >= 'a' && ct[i] <= 'z')))
                return S_fail(why, "the file holds bytes that are not a PNG chunk after its "
                                   "first %zu bytes: the file is damaged", pos);
        if (n == 0 && (memcmp(ct, "IHDR", 4) != 0 || clen != 13))
            return S_fail(why, "the image does not start with its header (IHDR): the file "
                               "is damaged, or is not a PNG after its first 8 bytes");
        if (clen > 0x7FFFFFFFu || clen > len - pos - 12)
            return S_fail(why, "a chunk of the image runs past the end of the file: the file "
                               "is damaged or cut short");
        uint32_t crc = (uint32_t)crc32(0L, ct, (uInt)(clen + 4));
        if (crc != S_be32(d + pos + 8 + clen))
            return S_fail(why, "the %.4s chunk of the image fails its checksum (CRC): the "
                               "file is damaged", (const char *)ct);
        const unsigned char *cd = d + pos + 8;
        bool keep = false;
        if (n == 0) {
            if (!S_ihdr(cd, w, h, why))
                return false;
            type = cd[9];
            keep = true;
        } else if (memcmp(ct, "IHDR", 4) == 0) {
            return S_fail(why, "the image has a second header (IHDR): the file is damaged");
        } else if (memcmp(ct, "PLTE", 4) == 0) {
            if (idat || plte || clen == 0 || clen % 3 != 0 || clen > 768)
                return S_fail(why, "the image's palette (PLTE) is misplaced or the wrong "
                                   "size: the file is damaged");
            plte = keep = true;
        } else if (memcmp(ct, "IDAT", 4) == 0) {
            if (idat_done)
                return S_fail(why, "the image data (IDAT) is split by another chunk: the "
                                   "file is damaged");
            idat = keep = true;
        } else if (memcmp(ct, "IEND", 4) == 0) {
            end = keep = true;
        } else if (ct[0] >= 'A' && ct[0] <= 'Z') {
            return S_fail(why, "the image has a critical chunk %.4s that PNG readers do not "
                               "know: save it again as a plain PNG", (const char *)ct);
        } else if (memcmp(ct, "tRNS", 4) == 0 && !idat) {
            keep = true;  /* transparency draws the image too */
        }
        if (idat && memcmp(ct, "IDAT", 4) != 0)
            idat_done = true;
        if (keep)
            sb_appendn(clean, (const char *)d + pos, 12 + (size_t)clen);
        pos += 12 + (size_t)clen;
        n++;
    }
    if (!idat)
        return S_fail(why, "the image has no image data (IDAT): the file is damaged");
    if (type == 3 && !plte)
        return S_fail(why, "the image uses a palette but has none (PLTE): the file is damaged");
    return true;
}

/* ---- decoding with libpng, under our own error handler -------------- */

typedef struct {
    jmp_buf jmp;
    const unsigned char *data;
    size_t len, pos;
    char msg[200];
} S_decoder;

static void S_png_error(png_structp png, png_const_charp msg)
{
    S_decoder *dc = png_get_error_ptr(png);
    snprintf(dc->msg, sizeof dc->msg, "%s", msg ? msg : "unknown error");
    longjmp(dc->jmp, 1);
}

/* libharu fails the PDF on any libpng warning, so a warning is an error. */
static void S_png_warning(png_structp png, png_const_charp msg)
{
    S_png_error(png, msg);
}

static void S_png_read(png_structp png, png_bytep out, png_size_t n)
{
    S_decoder *dc = png_get_io_ptr(png);
    if (n > dc->len - dc->pos)
        png_error(png, "the image data ends too soon");
    memcpy(out, dc->data + dc->pos, n);
    dc->pos += n;
}

/* Decode every row of the clean copy as libharu will (16-bit samples
 * stripped to 8).  Returns true, or false with dc->msg set. */
static bool S_decode(S_decoder *dc)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, dc, S_png_error,
                                             S_png_warning);
    if (!png) {
        snprintf(dc->msg, sizeof dc->msg, "out of memory");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    png_bytep volatile row = NULL;
    if (!info || setjmp(dc->jmp)) {
        free(row);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        if (!dc->msg[0])
            snprintf(dc->msg, sizeof dc->msg, "out of memory");
        return false;
    }
    png_set_user_limits(png, LOGO_MAX_SIDE, LOGO_MAX_SIDE);
    png_set_read_fn(png, dc, S_png_read);
    png_read_info(png, info);
    if (png_get_bit_depth(png, info) == 16)
        png_set_strip_16(png);
    png_read_update_info(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    row = xmalloc(rowbytes ? rowbytes : 1);
    for (png_uint_32 y = 0, h = png_get_image_height(png, info); y < h; y++)
        png_read_row(png, row, NULL);
    png_read_end(png, NULL);
    free(row);
    png_destroy_read_struct(&png, &info, NULL);
    return true;
}

bool logo_from_png(const unsigned char *data, size_t len, logo_image *out, char **why)
{
    memset(out, 0, sizeof *out);
    *why = NULL;
    if (len < 8 || memcmp(data, S_sig, 8) != 0)
        return S_fail(why, "expected a PNG image (this file is not one)");
    strbuf clean = STRBUF_INIT;
    sb_appendn(&clean, (const char *)S_sig, 8);
    unsigned w = 0, h = 0;
    if (!S_chunks(data, len, &clean, &w, &h, why)) {
        sb_free(&clean);
        return false;
    }
    S_decoder *dc = xcalloc(1, sizeof *dc);
    dc->data = (const unsigned char *)sb_cstr(&clean);
    dc->len = clean.len;
    bool ok = S_decode(dc);
    if (!ok) {
        strbuf b = STRBUF_INIT;
        sb_appendf(&b, "the image data cannot be decoded (%s): the file is damaged; save it "
                       "again as a PNG", dc->msg);
        *why = sb_take(&b);
        free(dc);
        sb_free(&clean);
        return false;
    }
    free(dc);
    out->len = clean.len;
    out->png = (unsigned char *)sb_take(&clean);
    out->width = w;
    out->height = h;
    return true;
}

bool logo_path_inside(const char *path, char **why)
{
    *why = NULL;
    bool drive = ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) &&
                 path[1] == ':';
    if (path[0] == '/' || path[0] == '\\' || path[0] == '~' || drive)
        return S_fail(why, "expected a path relative to the project folder, such as logo.png: "
                           "a logo outside the project is missing wherever the project is "
                           "copied; put the file in the project folder");
    for (const char *s = path; *s;) {
        size_t n = strcspn(s, "/\\");
        if (n == 2 && s[0] == '.' && s[1] == '.')
            return S_fail(why, "expected a path inside the project folder: '..' leads out of "
                               "it; put the file in the project folder");
        s += n;
        while (*s == '/' || *s == '\\')
            s++;
    }
    return true;
}
