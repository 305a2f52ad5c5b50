/* html_chart.c - a chart painted as inline SVG for the web page: the fourth
 * painter of the chart module's drawing operations (ops.h), beside cairo's
 * PNG and SVG files and the PDF's pdf_chart.c.  Text stays text, in the
 * faces the layout measured (Liberation Sans, metrically Arial), so it can
 * be selected, searched and zoomed; the drawing scales to its box through
 * its viewBox.  Knows ops.h and SVG; nothing of the chart model. */
#include "html_internal.h"

/* Attribute name="<coordinate>". */
static void S_at(strbuf *b, const char *name, double v)
{
    sb_appendf(b, " %s=\"", name);
    html_num(b, v);
    sb_putc(b, '"');
}

static void S_paint(strbuf *b, const char *attr, uint32_t colour)
{
    sb_appendf(b, " %s=\"", attr);
    html_colour(b, colour);
    sb_putc(b, '"');
}

static void S_op(strbuf *b, const op *o)
{
    switch (o->kind) {
    case OP_RECT:
        sb_append(b, "<rect");
        S_at(b, "x", o->x);
        S_at(b, "y", o->y);
        S_at(b, "width", o->w);
        S_at(b, "height", o->h);
        S_paint(b, "fill", o->colour);
        sb_append(b, "/>\n");
        break;
    case OP_LINE:
        sb_append(b, "<line");
        S_at(b, "x1", o->x);
        S_at(b, "y1", o->y);
        S_at(b, "x2", o->x2);
        S_at(b, "y2", o->y2);
        S_paint(b, "stroke", o->colour);
        S_at(b, "stroke-width", o->lw);
        sb_append(b, "/>\n");
        break;
    case OP_POLYLINE:
        sb_append(b, "<polyline points=\"");
        for (size_t i = 0; i < o->npts; i++) {
            if (i)
                sb_putc(b, ' ');
            html_num(b, o->pts[2 * i]);
            sb_putc(b, ',');
            html_num(b, o->pts[2 * i + 1]);
        }
        sb_putc(b, '"');
        sb_append(b, " fill=\"none\"");
        S_paint(b, "stroke", o->colour);
        S_at(b, "stroke-width", o->lw);
        sb_append(b, "/>\n");
        break;
    case OP_CIRCLE:
        sb_append(b, "<circle");
        S_at(b, "cx", o->x);
        S_at(b, "cy", o->y);
        S_at(b, "r", o->lw);
        S_paint(b, "fill", o->colour);
        sb_append(b, "/>\n");
        break;
    case OP_TEXT:
        sb_append(b, "<text");
        S_at(b, "x", o->x);
        S_at(b, "y", o->y);
        S_at(b, "font-size", o->size);
        if (o->font == OP_FONT_BOLD)
            sb_append(b, " font-weight=\"bold\"");
        S_paint(b, "fill", o->colour);
        sb_putc(b, '>');
        html_esc(b, o->text);
        sb_append(b, "</text>\n");
        break;
    }
}

annrep_status html_chart_svg(strbuf *b, const chart *c, double w, double px_per_pt,
                             const char *title, const char *id, const char *cls)
{
    oplist ol = OPLIST_INIT;
    annrep_status st = chart_layout_ops(c, w, CHART_DRAW_SUBTITLE, &ol);
    if (st != ANNREP_OK)
        return st;
    /* Natural size px_per_pt CSS pixels a point; the stylesheet lets the
     * drawing shrink to a narrower box, never grow. */
    sb_append(b, "<svg class=\"");
    html_attr(b, cls);
    sb_append(b, "\" viewBox=\"0 0 ");
    html_num(b, ol.width);
    sb_putc(b, ' ');
    html_num(b, ol.height);
    sb_putc(b, '"');
    S_at(b, "width", ol.width * px_per_pt);
    S_at(b, "height", ol.height * px_per_pt);
    sb_append(b, " role=\"img\" aria-labelledby=\"");
    html_attr(b, id);
    sb_append(b, "_title ");
    html_attr(b, id);
    sb_append(b, "_desc\">\n<title id=\"");
    html_attr(b, id);
    sb_append(b, "_title\">");
    html_esc(b, title);
    sb_append(b, "</title>\n<desc id=\"");
    html_attr(b, id);
    sb_append(b, "_desc\">");
    html_esc(b, chart_alt_text(c));
    sb_append(b, "</desc>\n");
    for (size_t i = 0; i < ol.n; i++)
        S_op(b, &ol.items[i]);
    sb_append(b, "</svg>\n");
    ops_free(&ol);
    return ANNREP_OK;
}
