/* ops.h - a chart laid out as a short list of drawing operations; public,
 * the output of chart_layout_ops() (chart.h).
 *
 * Coordinates are abstract points with the origin at the top-left and y
 * growing downwards; text is placed by its left end and baseline, already
 * measured with the embedded font (layout resolves anchors), so every painter
 * draws the same picture without measuring anything itself.  The painters
 * (paint_cairo.c here, src/render/pdf_chart.c in the PDF writer) read only
 * this file, never the chart model; the ops_* builders are for the layout.
 * An oplist owns its operations and their strings; ops_free() frees them and
 * leaves the list empty, ready to be filled again. */
#ifndef ANNREP_CHART_OPS_H
#define ANNREP_CHART_OPS_H

#include <stddef.h>
#include <stdint.h>

typedef enum { OP_RECT, OP_LINE, OP_POLYLINE, OP_CIRCLE, OP_TEXT } op_kind;
typedef enum { OP_FONT_REGULAR, OP_FONT_BOLD } op_font;

typedef struct {
    op_kind kind;
    uint32_t colour;   /* 0xRRGGBB: fill for RECT, CIRCLE, TEXT; stroke for lines */
    double x, y;       /* RECT: top-left; LINE: start; CIRCLE: centre; TEXT: baseline start */
    double w, h;       /* RECT: size */
    double x2, y2;     /* LINE: end */
    double lw;         /* line width for LINE, POLYLINE; radius for CIRCLE */
    double *pts;       /* POLYLINE: x0,y0,x1,y1,... (npts points) */
    size_t npts;
    char *text;        /* TEXT: UTF-8 */
    op_font font;
    double size;       /* TEXT: font size in points */
} op;

typedef struct {
    op *items;
    size_t n, cap;
    double width, height;  /* the drawing's extent in points */
} oplist;

#define OPLIST_INIT {NULL, 0, 0, 0.0, 0.0}

void ops_rect(oplist *ol, double x, double y, double w, double h, uint32_t colour);
void ops_line(oplist *ol, double x1, double y1, double x2, double y2, double lw,
              uint32_t colour);
/* pts holds 2*npts doubles; copied. */
void ops_polyline(oplist *ol, const double *pts, size_t npts, double lw, uint32_t colour);
void ops_circle(oplist *ol, double cx, double cy, double r, uint32_t colour);
void ops_text(oplist *ol, double x, double baseline, const char *text, op_font font,
              double size, uint32_t colour);
void ops_free(oplist *ol);

#endif
