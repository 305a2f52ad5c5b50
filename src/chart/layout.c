/* layout.c - the frame of a chart: title, subtitle, legend, footnotes and
 * source around the plot (layout_plot.c).  Everything is measured with the
 * embedded font so all painters agree.  Knows the model and ops; no painter. */
#include "layout.h"

#include <errno.h>
#include <string.h>

/* Legend in one or more rows of swatch + name, left-aligned; returns the y below. */
static double S_legend(const chart *c, oplist *ol, double x, double y, double w)
{
    const double sw = 10, gap_in = 5, gap_between = 16;
    double lh = CL_LABEL_SIZE * CL_LINE_GAP + 2;
    double cx = x;
    y += 0;
    double row_top = y;
    for (size_t k = 0; k < c->nseries; k++) {
        const char *name = c->series[k].name;
        double tw = chart_text_width(name, OP_FONT_REGULAR, CL_LABEL_SIZE);
        double ew = sw + gap_in + tw;
        if (cx > x && cx + ew > x + w) {
            cx = x;
            row_top += lh;
        }
        double mid = row_top + lh / 2;
        ops_rect(ol, cx, mid - sw / 2, sw, sw, chart_series_colour(c, k));
        cl_text(ol, cx + sw + gap_in, mid + chart_font_ascent(OP_FONT_REGULAR, CL_LABEL_SIZE) * 0.36,
                name, OP_FONT_REGULAR, CL_LABEL_SIZE, CHART_COL_TEXT, CL_START);
        cx += ew + gap_between;
    }
    return row_top + lh;
}

annrep_status chart_layout_info(const chart *c, double w, int flags, oplist *ol,
                                chart_plot_info *info)
{
    if (!c || !ol)
        return ANNREP_ERR_INTERNAL;
    if (chart_fonts_open(chart_fonts_dir()) != ANNREP_OK) {
        errno = ENOENT;
        return ANNREP_ERR_IO;
    }
    chart_plot_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    ol->width = w;
    double pad = (flags & CHART_DRAW_PAD) ? 16 : 0;
    double x = pad, cw = w - 2 * pad;
    double y = pad;

    if (flags & CHART_DRAW_TITLE) {
        y = cl_para(ol, c->title, OP_FONT_BOLD, CL_TITLE_SIZE, CHART_COL_TEXT, x, y, cw);
        y += 2;
    }
    if ((flags & (CHART_DRAW_TITLE | CHART_DRAW_SUBTITLE)) && c->subtitle && *c->subtitle)
        y = cl_para(ol, c->subtitle, OP_FONT_REGULAR, CL_SUBTITLE_SIZE, CHART_COL_TEXT, x, y, cw);
    if (y > pad)
        y += 8;
    if (c->nseries > 1)
        y = S_legend(c, ol, x, y, cw) + 4;

    y = cl_plot(c, ol, x, y, cw, info);

    bool foot = (c->note && *c->note) || ((flags & CHART_DRAW_SOURCE) && c->source);
    if (foot)
        y += 8;
    if (c->note && *c->note)
        y = cl_para(ol, c->note, OP_FONT_REGULAR, CL_NOTE_SIZE, CHART_COL_TEXT2, x, y, cw);
    if ((flags & CHART_DRAW_SOURCE) && c->source && *c->source)
        y = cl_para(ol, c->source, OP_FONT_REGULAR, CL_NOTE_SIZE, CHART_COL_TEXT2, x, y, cw);
    ol->height = y + pad;
    return ANNREP_OK;
}

annrep_status chart_layout_ops(const chart *c, double w, int flags, oplist *out)
{
    return chart_layout_info(c, w, flags, out, NULL);
}

float chart_body_height_for_width(const chart *c, float w)
{
    oplist ol = OPLIST_INIT;
    if (chart_layout_ops(c, w, CHART_DRAW_SUBTITLE, &ol) != ANNREP_OK)
        return w * 0.6f;
    float h = (float)ol.height;
    ops_free(&ol);
    return h;
}
