/* logo.h - the cover logo of report.ini [style] logo: found, read and
 * proved to be a PNG every writer can show before anything is built.
 *
 * libharu (the PDF writer) hands the logo to libpng without an error
 * handler of its own, so a damaged PNG aborts the whole program inside
 * libpng, and it fails the PDF on any libpng warning; the web page embeds
 * the bytes as they are.  So the logo is checked here, where `annrep check`
 * sees it too: the chunks walked (lengths, CRCs, the IHDR fields, the order
 * of PLTE, IDAT and IEND), the size refused above the limits before a pixel
 * is decoded, an interlaced PNG refused, then every row decoded by libpng
 * under our own error handler (setjmp), warnings counting as errors.  What
 * the writers get is a clean copy holding only the chunks that draw the
 * image (IHDR, PLTE, tRNS, IDAT, IEND): no colour profile or text chunk can
 * make libpng complain later, and no metadata is published.
 * Knows PNG and libpng; nothing about pages or reports. */
#ifndef ANNREP_LOGO_H
#define ANNREP_LOGO_H

#include <stdbool.h>
#include <stddef.h>

#define LOGO_MAX_BYTES (10u << 20)  /* the file */
#define LOGO_MAX_SIDE 4096u         /* pixels, each of width and height */

typedef struct {
    unsigned char *png;  /* the clean copy (caller frees) */
    size_t len;
    unsigned width, height;
} logo_image;

/* Check the len bytes at data (a whole file) and make the clean copy.
 * Returns true and fills *out; or false, with *out zeroed and *why (caller
 * frees) a sentence saying what is wrong and what to do, e.g. "the image is
 * interlaced: save it again without interlacing". */
bool logo_from_png(const unsigned char *data, size_t len, logo_image *out, char **why);

/* The logo's path as written in report.ini must stay inside the project
 * folder (contract section 2): no absolute path (/x, C:\x, ~/x) and
 * no '..'.  Returns true, or false with *why (caller frees). */
bool logo_path_inside(const char *path, char **why);

#endif
