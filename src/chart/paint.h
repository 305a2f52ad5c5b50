/* paint.h - the painters' picture before it is encoded (internal to
 * src/chart, for tests/unit/test_chart_png.c: so the PNG encoder can be
 * checked against cairo's own PNG writer on the very same pixels). */
#ifndef ANNREP_CHART_PAINT_H
#define ANNREP_CHART_PAINT_H

#include "chart.h"

#include <cairo.h>

/* Chart c laid out and painted exactly as chart_painter_png() paints it, on
 * a new CAIRO_FORMAT_RGB24 image surface of its own (not the painter's
 * buffer); the caller destroys it.  NULL when the layout or cairo failed. */
cairo_surface_t *chart_painter_image(chart_painter *p, const chart *c);

#endif
