/* pdf_chart.c - a chart drawn as vectors into a page of the report, so it is
 * sharp at any zoom and its text is real, selectable text in the fonts the
 * PDF writer embedded.
 *
 * The chart module lays the chart out (chart_layout_ops() in chart.h) as a
 * list of drawing operations (ops.h); this file fits that drawing into the
 * box the flow gave it and paints each operation with libharu.  Knows ops.h
 * and libharu; knows nothing of the chart model, and src/chart nothing of
 * libharu. */
#include "pdf_internal.h"

typedef struct {
    HPDF_Page page;
    HPDF_Font font[2];
    double x0, y_top, s;   /* PDF point = (x0 + s*x, y_top - s*y) */
    HPDF_STATUS st;        /* first failure */
} S_ctx;

/* Keep the first libharu failure; later calls still run (and fail alike). */
static void S_check(S_ctx *k, HPDF_STATUS st)
{
    if (st != HPDF_OK && k->st == HPDF_OK)
        k->st = st;
}

/* Drawing coordinates (origin top-left, y down) to PDF points. */
static HPDF_REAL S_px(const S_ctx *k, double x) { return (HPDF_REAL)(k->x0 + k->s * x); }
static HPDF_REAL S_py(const S_ctx *k, double y) { return (HPDF_REAL)(k->y_top - k->s * y); }

/* One 0..1 channel of 0xRRGGBB. */
static HPDF_REAL S_ch(uint32_t c, int shift) { return (HPDF_REAL)((c >> shift) & 0xFF) / 255.0f; }

/* Set the fill colour. */
static void S_fill(S_ctx *k, uint32_t c)
{
    S_check(k, HPDF_Page_SetRGBFill(k->page, S_ch(c, 16), S_ch(c, 8), S_ch(c, 0)));
}

/* Set the stroke colour and the (scaled) line width. */
static void S_stroke(S_ctx *k, uint32_t c, double lw)
{
    S_check(k, HPDF_Page_SetRGBStroke(k->page, S_ch(c, 16), S_ch(c, 8), S_ch(c, 0)));
    S_check(k, HPDF_Page_SetLineWidth(k->page, (HPDF_REAL)(lw * k->s)));
}

/* Paint one drawing operation. */
static void S_op(S_ctx *k, const op *o)
{
    HPDF_Page p = k->page;
    switch (o->kind) {
    case OP_RECT:
        S_fill(k, o->colour);
        S_check(k, HPDF_Page_Rectangle(p, S_px(k, o->x), S_py(k, o->y + o->h),
                                       (HPDF_REAL)(o->w * k->s), (HPDF_REAL)(o->h * k->s)));
        S_check(k, HPDF_Page_Fill(p));
        break;
    case OP_LINE:
        S_stroke(k, o->colour, o->lw);
        S_check(k, HPDF_Page_MoveTo(p, S_px(k, o->x), S_py(k, o->y)));
        S_check(k, HPDF_Page_LineTo(p, S_px(k, o->x2), S_py(k, o->y2)));
        S_check(k, HPDF_Page_Stroke(p));
        break;
    case OP_POLYLINE:
        if (o->npts < 2)
            break;
        S_stroke(k, o->colour, o->lw);
        S_check(k, HPDF_Page_MoveTo(p, S_px(k, o->pts[0]), S_py(k, o->pts[1])));
        for (size_t i = 1; i < o->npts; i++)
            S_check(k, HPDF_Page_LineTo(p, S_px(k, o->pts[2 * i]), S_py(k, o->pts[2 * i + 1])));
        S_check(k, HPDF_Page_Stroke(p));
        break;
    case OP_CIRCLE:
        S_fill(k, o->colour);
        S_check(k, HPDF_Page_Circle(p, S_px(k, o->x), S_py(k, o->y), (HPDF_REAL)(o->lw * k->s)));
        S_check(k, HPDF_Page_Fill(p));
        break;
    case OP_TEXT:
        S_fill(k, o->colour);
        S_check(k, HPDF_Page_BeginText(p));
        S_check(k, HPDF_Page_SetFontAndSize(p, k->font[o->font == OP_FONT_BOLD],
                                            (HPDF_REAL)(o->size * k->s)));
        S_check(k, HPDF_Page_TextOut(p, S_px(k, o->x), S_py(k, o->y), o->text));
        S_check(k, HPDF_Page_EndText(p));
        break;
    }
}

/* Lay c out for a box w wide and h high (h <= 0: no limit) and choose the
 * scale that fits it.  A layout taller than the box is redone wider and
 * shrunk to the width, so text and bars shrink together; a wider layout is a
 * little shorter (fewer wrapped labels), so the scale is settled in a few
 * rounds, always keeping one that fits.  On failure ol is empty. */
static annrep_status S_fit(const chart *c, float w, float h, int flags, oplist *ol,
                           double *scale)
{
    annrep_status st = chart_layout_ops(c, w, flags, ol);
    if (st != ANNREP_OK)
        return st;
    *scale = 1.0;
    if (!(h > 0 && ol->height > h))
        return ANNREP_OK;
    double lo = h / ol->height;
    for (int round = 0; round < 4; round++) {
        double next = lo;
        ops_free(ol);
        if ((st = chart_layout_ops(c, w / next, flags, ol)) != ANNREP_OK)
            return st;
        double fit = h / ol->height;  /* scale at which this layout fills h */
        if (fit * ol->width < w - 0.5 && fit > next)
            lo = next + (fit - next) * 0.9;
        else
            break;
    }
    ops_free(ol);
    if ((st = chart_layout_ops(c, w / lo, flags, ol)) != ANNREP_OK)
        return st;
    double s = w / ol->width;
    if (ol->height * s > h)
        s = h / ol->height;
    *scale = s;
    return ANNREP_OK;
}

/* Paint the operations inside their own graphics state. */
static HPDF_STATUS S_paint(HPDF_Page page, HPDF_Font regular, HPDF_Font bold, const oplist *ol,
                           float x, float y_top, double s)
{
    S_ctx k = {page, {regular, bold}, x, y_top, s, HPDF_OK};
    S_check(&k, HPDF_Page_GSave(page));
    S_check(&k, HPDF_Page_SetLineCap(page, HPDF_BUTT_END));
    S_check(&k, HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN));
    for (size_t i = 0; i < ol->n && k.st == HPDF_OK; i++)
        S_op(&k, &ol->items[i]);
    S_check(&k, HPDF_Page_GRestore(page));
    return k.st;
}

void pdf_chart_check_glyphs(pdf_ctx *c, const doc_node *n, float h)
{
    oplist ol = OPLIST_INIT;
    double s = 1.0;
    if (S_fit(n->chart, PDF_TEXT_W, h, CHART_DRAW_SUBTITLE, &ol, &s) == ANNREP_OK)
        for (size_t i = 0; i < ol.n; i++)
            if (ol.items[i].kind == OP_TEXT)
                pdf_check_glyphs(c, ol.items[i].font == OP_FONT_BOLD ? PF_BOLD : PF_REGULAR,
                                 ol.items[i].text, n, NULL);
    ops_free(&ol);
}

annrep_status pdf_chart_draw(HPDF_Page page, const chart *c, float x, float y_top, float w,
                             float h, HPDF_Font regular, HPDF_Font bold)
{
    if (!c || !page || !regular || !bold || w <= 0)
        return ANNREP_ERR_INTERNAL;
    oplist ol = OPLIST_INIT;
    double s = 1.0;
    annrep_status st = S_fit(c, w, h, CHART_DRAW_SUBTITLE, &ol, &s);
    if (st == ANNREP_OK && S_paint(page, regular, bold, &ol, x, y_top, s) != HPDF_OK)
        st = ANNREP_ERR_LIBRARY;
    ops_free(&ol);
    return st;
}
