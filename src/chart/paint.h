/* paint.h - what tests/unit/test_chart_png.c sees of the painters (internal
 * to src/chart): the picture before it is encoded, so the PNG encoder can be
 * checked against cairo's own PNG writer on the very same pixels, and how
 * often a rebuild kept the file it replaced. */
#ifndef ANNREP_CHART_PAINT_H
#define ANNREP_CHART_PAINT_H

#include "chart.h"

#include <cairo.h>

/* Chart c laid out and painted exactly as chart_painter_png() paints it, on
 * a new CAIRO_FORMAT_RGB24 image surface of its own (not the painter's
 * buffer); the caller destroys it.  NULL when the layout or cairo failed. */
cairo_surface_t *chart_painter_image(chart_painter *p, const chart *c);

/* How many PNGs p has kept from the file they replaced (chart_painter_png's
 * previous) instead of compressing them again. */
size_t chart_painter_kept(const chart_painter *p);

#endif
