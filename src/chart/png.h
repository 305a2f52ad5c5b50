/* png.h - PNG bytes from the pixels cairo painted (internal to src/chart).
 *
 * The painters (paint_cairo.c) paint on a CAIRO_FORMAT_RGB24 image buffer
 * and hand it here; the encoder writes an 8-bit RGB PNG (the chunks cairo's
 * own cairo_surface_write_to_png writes: IHDR, bKGD white, IDAT, IEND, and
 * a tEXt naming the encoder) with filter None and libdeflate at a fixed
 * level, so the same pixels always give the same bytes.  Decoded, the file holds exactly the painted pixels
 * (tests/unit/test_chart_png.c compares them with cairo's own writer).
 * Knows the PNG format and libdeflate; knows no chart and no file. */
#ifndef ANNREP_CHART_PNG_H
#define ANNREP_CHART_PNG_H

#include "../util/status.h"

#include <stddef.h>

typedef struct chart_png chart_png;

/* A new encoder, holding its compressor and output buffer for reuse.  NULL
 * only when libdeflate cannot allocate its compressor. */
chart_png *chart_png_new(void);

/* Encode the w x h pixels at data (cairo RGB24: one native-endian 32-bit
 * 0x00RRGGBB word per pixel, rows stride bytes apart, stride >= 4 * w).
 * The pixel rows are rewritten in place as PNG rows, so data no longer holds
 * the image afterwards.  prev, prevlen bytes, is the file the new one will
 * replace (NULL: none): when it is exactly the file this encoder writes for
 * these pixels, nothing is compressed and *bytes is prev.  On ANNREP_OK
 * *bytes points to the whole file, *len bytes: prev, or bytes owned by the
 * encoder, valid until its next call or chart_png_free().  ANNREP_ERR_INTERNAL for sizes PNG or memory cannot
 * hold (w or h not positive, a stride too small), ANNREP_ERR_LIBRARY when
 * libdeflate fails. */
annrep_status chart_png_encode(chart_png *e, unsigned char *data, int w, int h, int stride,
                               const unsigned char *prev, size_t prevlen,
                               const unsigned char **bytes, size_t *len);

/* chart_png_free(NULL) does nothing. */
void chart_png_free(chart_png *e);

#endif
