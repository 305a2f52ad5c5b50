/* layout_plot.c - the plot area: vertical bars, lines, horizontal and
 * diverging bars, with axis, gridlines, category and value labels.
 * Knows the model and ops; every length is measured with font.c so that all
 * painters draw the same thing.  Knows no painter. */
#include "layout.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_LH(size) ((size) * CL_LINE_GAP)

typedef struct {
    double min, max;
    bool any;
} S_range;

static S_range S_data_range(const chart *c)
{
    S_range r = {0, 0, false};
    for (size_t k = 0; k < c->nseries; k++)
        for (size_t i = 0; i < c->ncats; i++) {
            if (c->series[k].state[i] != CHART_V_OK)
                continue;
            double v = c->series[k].v[i];
            if (!r.any || v < r.min)
                r.min = v;
            if (!r.any || v > r.max)
                r.max = v;
            r.any = true;
        }
    return r;
}

static bool S_integer_unit(chart_unit u)
{
    return u == CHART_UNIT_COUNT || u == CHART_UNIT_MONEY;
}

static void S_ticks(const chart *c, chart_ticks *t)
{
    S_range r = S_data_range(c);
    chart_nice_ticks(r.min, r.max, S_integer_unit(c->unit), t);
}

static double S_tick_label_width(const chart *c, const chart_ticks *t)
{
    double mw = 0;
    for (int i = 0; i < t->n; i++) {
        char *s = chart_fmt_value(t->lo + i * t->step, c->unit, t->decimals);
        double tw = chart_text_width(s, OP_FONT_REGULAR, CL_TICK_SIZE);
        free(s);
        if (tw > mw)
            mw = tw;
    }
    return mw;
}

/* Baseline that centres a line of text of this size on y. */
static double S_mid_baseline(double y, double size)
{
    return y + chart_font_ascent(OP_FONT_REGULAR, size) * 0.36;
}

/* Shorthand drawn where a bar would be. */
static const char *const S_LOW_BASE = "[u]";
static const char *const S_SUPPRESSED = "[c]";

/* ---- vertical bars and lines ---------------------------------------- */

/* Long or many category names do not fit under vertical bars: the chart
 * is then drawn horizontal. */
static bool S_bar_needs_turn(const chart *c, double w)
{
    if (c->ncats > 12)
        return true;
    chart_ticks t;
    S_ticks(c, &t);
    double plot_w = w - S_tick_label_width(c, &t) - 8;
    double slot = plot_w / (double)(c->ncats ? c->ncats : 1);
    for (size_t i = 0; i < c->ncats; i++) {
        char **lines;
        size_t n = chart_wrap(c->cats[i], OP_FONT_REGULAR, CL_LABEL_SIZE, slot - 6, &lines);
        bool bad = n > 2;
        for (size_t j = 0; j < n && !bad; j++)
            if (chart_text_width(lines[j], OP_FONT_REGULAR, CL_LABEL_SIZE) > slot - 4)
                bad = true;
        chart_lines_free(lines, n);
        if (bad)
            return true;
    }
    return false;
}

/* How category labels go under a line chart: every label on one line,
 * wrapped on two, or only every k-th. */
static void S_line_label_plan(const chart *c, double slot, int *nlines, size_t *every)
{
    double mw = 0;
    for (size_t i = 0; i < c->ncats; i++) {
        double tw = chart_text_width(c->cats[i], OP_FONT_REGULAR, CL_TICK_SIZE);
        if (tw > mw)
            mw = tw;
    }
    *nlines = 1;
    *every = 1;
    /* Labels closer than about a word space run together. */
    if (mw <= slot - 10)
        return;
    bool wrap_ok = true;
    for (size_t i = 0; i < c->ncats && wrap_ok; i++) {
        char **lines;
        /* Width 0: one word per line, so every label breaks the same way. */
        size_t n = chart_wrap(c->cats[i], OP_FONT_REGULAR, CL_TICK_SIZE, 0, &lines);
        if (n > 2)
            wrap_ok = false;
        for (size_t j = 0; j < n && wrap_ok; j++)
            if (chart_text_width(lines[j], OP_FONT_REGULAR, CL_TICK_SIZE) > slot - 3)
                wrap_ok = false;
        chart_lines_free(lines, n);
    }
    if (wrap_ok) {
        *nlines = 2;
        return;
    }
    /* Every k-th: far enough apart that labels clear each other even where
     * the first and last are pushed inside the plot (S_line_cat_labels). */
    double push = mw > slot ? (mw - slot) / 2 : 0;
    *every = (size_t)ceil((mw + 8 + push) / slot);
    if (*every < 2)
        *every = 2;
}

/* Where the parts of a vertical plot go, decided before anything is drawn. */
typedef struct {
    chart_ticks t;
    size_t nc, ns;            /* categories and series, each at least 1 */
    double plot_x, plot_w;    /* the plot area, right of the tick labels */
    double slot;              /* width given to one category */
    double group_w, bar_w;    /* the bars of one category together, and one bar */
    bool labels;              /* bars carry their values */
    double top, bottom, plot_h, span;
} S_vgeom;

/* y of value v on the value axis. */
static double S_vy(const S_vgeom *g, double v)
{
    return g->bottom - (v - g->t.lo) / g->span * g->plot_h;
}

/* Bars: every value label fits above its bar (the bar's slot when alone,
 * about the bar's width in a group). */
static bool S_bar_labels_fit(const chart *c, const S_vgeom *g)
{
    for (size_t k = 0; k < c->nseries; k++)
        for (size_t i = 0; i < c->ncats; i++) {
            if (c->series[k].state[i] != CHART_V_OK)
                continue;
            char *s = chart_fmt_value(c->series[k].v[i], c->unit, -1);
            double room = g->ns == 1 ? g->slot - 4 : g->bar_w + 2;
            bool fits = chart_text_width(s, OP_FONT_REGULAR, CL_VALUE_SIZE) <= room;
            free(s);
            if (!fits)
                return false;
        }
    return true;
}

/* Widths first: ticks, the plot's left edge and the category slots, and
 * whether bars are labelled (which the height depends on); then the plot's
 * top and bottom under y. */
static void S_vgeom_layout(const chart *c, double x, double y, double w, bool line, S_vgeom *g)
{
    S_ticks(c, &g->t);
    g->nc = c->ncats ? c->ncats : 1;
    g->ns = c->nseries ? c->nseries : 1;
    double tickw = S_tick_label_width(c, &g->t);
    g->plot_x = x + tickw + 8;
    g->plot_w = x + w - g->plot_x;
    g->slot = g->plot_w / (double)g->nc;
    g->group_w = g->slot * (g->ns == 1 ? 0.62 : 0.76);
    g->bar_w = g->group_w / (double)g->ns;
    g->labels = !line && S_bar_labels_fit(c, g);

    g->top = y + (g->labels || line ? S_LH(CL_VALUE_SIZE) + 4 : CL_TICK_SIZE * 0.5);
    g->plot_h = w * 0.40;
    if (g->plot_h < 120)
        g->plot_h = 120;
    g->bottom = g->top + g->plot_h;
    g->span = g->t.hi - g->t.lo;
}

/* Gridlines (none at zero: the axis line goes there) and tick labels. */
static void S_value_axis(const chart *c, oplist *ol, const S_vgeom *g)
{
    for (int i = 0; i < g->t.n; i++) {
        double v = g->t.lo + i * g->t.step;
        double yy = S_vy(g, v);
        if (fabs(v) > g->t.step * 1e-6)
            ops_line(ol, g->plot_x, yy, g->plot_x + g->plot_w, yy, 0.75, CHART_COL_GRID);
        char *s = chart_fmt_value(v, c->unit, g->t.decimals);
        cl_text(ol, g->plot_x - 6, S_mid_baseline(yy, CL_TICK_SIZE), s, OP_FONT_REGULAR,
                CL_TICK_SIZE, CHART_COL_TEXT2, CL_END);
        free(s);
    }
}

/* The bars from the zero line y0, grouped by category, with value labels
 * above (below for negative values) when they fit. */
static void S_vbars(const chart *c, oplist *ol, const S_vgeom *g, double y0)
{
    for (size_t i = 0; i < c->ncats; i++) {
        double gx = g->plot_x + g->slot * (double)i + (g->slot - g->group_w) / 2;
        for (size_t k = 0; k < c->nseries; k++) {
            const chart_series *s = &c->series[k];
            double bx = gx + g->bar_w * (double)k;
            /* A hairline of white between bars of a group keeps them apart. */
            double bw = g->ns > 1 ? g->bar_w - 1.5 : g->bar_w;
            if (s->state[i] == CHART_V_SUPPRESSED || s->state[i] == CHART_V_LOW_BASE) {
                /* No bar: its shorthand stands on the zero line. */
                cl_text(ol, bx + bw / 2, y0 - 4,
                        s->state[i] == CHART_V_SUPPRESSED ? S_SUPPRESSED : S_LOW_BASE,
                        OP_FONT_REGULAR, CL_VALUE_SIZE, CHART_COL_TEXT2, CL_MIDDLE);
                continue;
            }
            if (s->state[i] != CHART_V_OK)
                continue;
            double yv = S_vy(g, s->v[i]);
            ops_rect(ol, bx, yv, bw, y0 - yv, chart_series_colour(c, k));
            if (g->labels) {
                char *txt = chart_fmt_value(s->v[i], c->unit, -1);
                double bl = s->v[i] >= 0
                                ? yv - 4
                                : yv + chart_font_ascent(OP_FONT_REGULAR, CL_VALUE_SIZE) + 3;
                cl_text(ol, bx + bw / 2, bl, txt, OP_FONT_REGULAR, CL_VALUE_SIZE,
                        CHART_COL_TEXT, CL_MIDDLE);
                free(txt);
            }
        }
    }
}

/* Series k as lines through the category centres; pts has room for every
 * category's point. */
static void S_line_series(const chart *c, oplist *ol, const S_vgeom *g, size_t k, double *pts)
{
    const chart_series *s = &c->series[k];
    uint32_t col = chart_series_colour(c, k);
    size_t run = 0;
    for (size_t i = 0; i <= c->ncats; i++) {
        if (i < c->ncats && s->state[i] == CHART_V_OK) {
            pts[2 * run] = g->plot_x + g->slot * ((double)i + 0.5);
            pts[2 * run + 1] = S_vy(g, s->v[i]);
            run++;
            continue;
        }
        /* A missing month breaks the line rather than bridging it. */
        if (run > 1)
            ops_polyline(ol, pts, run, 2.5, col);
        else if (run == 1)
            ops_circle(ol, pts[0], pts[1], 2.5, col);
        run = 0;
    }
}

/* A single line's first and last values: a dot and a bold label above it,
 * kept within the plot's width. */
static void S_line_end_labels(const chart *c, oplist *ol, const S_vgeom *g, size_t k)
{
    const chart_series *s = &c->series[k];
    uint32_t col = chart_series_colour(c, k);
    size_t first = c->ncats, last = c->ncats;
    for (size_t i = 0; i < c->ncats; i++)
        if (s->state[i] == CHART_V_OK) {
            if (first == c->ncats)
                first = i;
            last = i;
        }
    size_t ends[2] = {first, last};
    for (int e = 0; e < (first == last ? 1 : 2) && first < c->ncats; e++) {
        size_t i = ends[e];
        double px = g->plot_x + g->slot * ((double)i + 0.5), py = S_vy(g, s->v[i]);
        ops_circle(ol, px, py, 3.5, col);
        char *txt = chart_fmt_value(s->v[i], c->unit, -1);
        double tw = chart_text_width(txt, OP_FONT_BOLD, CL_VALUE_SIZE);
        double lx = px - tw / 2;
        if (lx < g->plot_x)
            lx = g->plot_x;
        if (lx + tw > g->plot_x + g->plot_w)
            lx = g->plot_x + g->plot_w - tw;
        cl_text(ol, lx, py - 8, txt, OP_FONT_BOLD, CL_VALUE_SIZE, col, CL_START);
        free(txt);
    }
}

/* Every series as lines; a single series also gets its end values labelled. */
static void S_lines(const chart *c, oplist *ol, const S_vgeom *g)
{
    double *pts = xmalloc(2 * g->nc * sizeof *pts);
    for (size_t k = 0; k < c->nseries; k++) {
        S_line_series(c, ol, g, k, pts);
        if (c->nseries == 1)
            S_line_end_labels(c, ol, g, k);
    }
    free(pts);
}

/* Bar category labels, wrapped to the slot and centred under it, from ly;
 * returns the y below the deepest. */
static double S_bar_cat_labels(const chart *c, oplist *ol, const S_vgeom *g, double ly,
                               chart_plot_info *info)
{
    size_t maxl = 0;
    for (size_t i = 0; i < c->ncats; i++) {
        char **lines;
        size_t n = chart_wrap(c->cats[i], OP_FONT_REGULAR, CL_LABEL_SIZE, g->slot - 6, &lines);
        double cx = g->plot_x + g->slot * ((double)i + 0.5);
        for (size_t j = 0; j < n; j++)
            cl_text(ol, cx, ly + S_LH(CL_LABEL_SIZE) * ((double)j + 0.78), lines[j],
                    OP_FONT_REGULAR, CL_LABEL_SIZE, CHART_COL_TEXT, CL_MIDDLE);
        if (n > maxl)
            maxl = n;
        chart_lines_free(lines, n);
    }
    info->max_label_lines = maxl;
    return ly + S_LH(CL_LABEL_SIZE) * (double)maxl;
}

/* Line category labels: a tick mark under every category on the axis at
 * y0, labels as S_line_label_plan() decides; returns the y below them. */
static double S_line_cat_labels(const chart *c, oplist *ol, const S_vgeom *g, double ly,
                                double y0, chart_plot_info *info)
{
    int nlines;
    size_t every;
    size_t maxl = 0;
    S_line_label_plan(c, g->slot, &nlines, &every);
    for (size_t i = 0; i < c->ncats; i++) {
        double cx = g->plot_x + g->slot * ((double)i + 0.5);
        ops_line(ol, cx, y0, cx, y0 + 4, 0.75, CHART_COL_AXIS);
        /* Thinned labels count back from the last category, the latest. */
        if ((c->ncats - 1 - i) % every != 0)
            continue;
        char **lines;
        size_t n = nlines == 1 ? 1 : chart_wrap(c->cats[i], OP_FONT_REGULAR, CL_TICK_SIZE, 0,
                                                &lines);
        if (nlines == 1) {
            lines = xmalloc(sizeof *lines);
            lines[0] = xstrdup(c->cats[i]);
        }
        for (size_t j = 0; j < n; j++) {
            /* Centred under its tick, but a thinned label wider than its
             * slot is kept within the plot, as the end values are. */
            double tw = chart_text_width(lines[j], OP_FONT_REGULAR, CL_TICK_SIZE);
            double lx = cx - tw / 2;
            if (lx + tw > g->plot_x + g->plot_w)
                lx = g->plot_x + g->plot_w - tw;
            if (lx < g->plot_x)
                lx = g->plot_x;
            cl_text(ol, lx, ly + 4 + S_LH(CL_TICK_SIZE) * ((double)j + 0.78), lines[j],
                    OP_FONT_REGULAR, CL_TICK_SIZE, CHART_COL_TEXT2, CL_START);
        }
        if (n > maxl)
            maxl = n;
        chart_lines_free(lines, n);
    }
    info->max_label_lines = maxl;
    return ly + 4 + S_LH(CL_TICK_SIZE) * (double)maxl;
}

/* Vertical bars (line false) or lines over the categories: value axis with
 * gridlines, the data, the zero line, category labels. */
static double S_vertical(const chart *c, oplist *ol, double x, double y, double w,
                         chart_plot_info *info, bool line)
{
    S_vgeom g;
    S_vgeom_layout(c, x, y, w, line, &g);
    double y0 = S_vy(&g, 0.0);
    info->ticks = g.t;
    info->axis_drawn = true;
    info->value_labels = g.labels || (line && c->nseries == 1);
    info->plot_x = g.plot_x;
    info->plot_y = g.top;
    info->plot_w = g.plot_w;
    info->plot_h = g.plot_h;
    info->zero_pos = y0;

    S_value_axis(c, ol, &g);
    if (line)
        S_lines(c, ol, &g);
    else
        S_vbars(c, ol, &g, y0);
    ops_line(ol, g.plot_x, y0, g.plot_x + g.plot_w, y0, 1.0, CHART_COL_AXIS);

    double ly = g.bottom + 4;
    if (line)
        return S_line_cat_labels(c, ol, &g, ly, y0, info);
    return S_bar_cat_labels(c, ol, &g, ly, info);
}

/* ---- horizontal and diverging bars ---------------------------------- */

static const char *const S_MISSING = "not available";

/* Label at the end of a bar, or the word standing in for it. */
static char *S_bar_label(const chart *c, const chart_series *s, size_t i)
{
    switch ((chart_vstate)s->state[i]) {
    case CHART_V_OK:
        return chart_fmt_value(s->v[i], c->unit, -1);
    case CHART_V_LOW_BASE:
        return xstrdup(S_LOW_BASE);
    case CHART_V_SUPPRESSED:
        return xstrdup(S_SUPPRESSED);
    case CHART_V_MISSING:
        break;
    }
    return xstrdup(S_MISSING);
}

/* "13 of 20" for an overlay chart (use of capacity). */
static char *S_overlay_label(const chart *c, size_t i)
{
    const chart_series *a = &c->series[0], *b = &c->series[1];
    if (a->state[i] != CHART_V_OK || b->state[i] != CHART_V_OK)
        return S_bar_label(c, a, i);
    char *va = chart_fmt_value(a->v[i], c->unit, -1), *vb = chart_fmt_value(b->v[i], c->unit, -1);
    size_t n = strlen(va) + strlen(vb) + 5;
    char *out = xmalloc(n);
    snprintf(out, n, "%s of %s", va, vb);
    free(va);
    free(vb);
    return out;
}

/* One overlay bar: capacity in the context colour, use on top of it. */
static void S_overlay_bar(const chart *c, oplist *ol, size_t i, double x0, double yy,
                          double bar_h, double scale, double vsize)
{
    double end = x0;
    bool any = false;
    for (size_t k = 2; k-- > 0;) {
        const chart_series *s = &c->series[k];
        if (s->state[i] != CHART_V_OK)
            continue;
        double xe = x0 + s->v[i] * scale;
        ops_rect(ol, x0, yy, xe - x0, bar_h, chart_series_colour(c, k));
        if (xe > end)
            end = xe;
        any = true;
    }
    char *txt = S_overlay_label(c, i);
    double bl = S_mid_baseline(yy + bar_h / 2, vsize);
    if (!any)
        ops_rect(ol, x0, yy + bar_h * 0.25, 3, bar_h * 0.5, CHART_COL_CONTEXT);
    cl_text(ol, end + 5, bl, txt, OP_FONT_REGULAR, vsize,
            any ? CHART_COL_TEXT : CHART_COL_TEXT2, CL_START);
    free(txt);
}

/* Where the parts of a horizontal plot go, decided before anything is drawn. */
typedef struct {
    bool overlay;             /* two series drawn in one bar per category */
    size_t ns;                /* bars per category, at least 1 */
    double vsize;             /* value label size */
    double plot_x, plot_w;    /* the plot area, right of the category labels */
    double scale, x0;         /* points per unit, and x of the value zero */
    double bar_h, inner;      /* one bar's height, the gap between a group's bars */
    double group_h, gap;      /* a category's bars together, the gap between categories */
} S_hgeom;

/* A label wrapped to more than S_MAX_LABEL_LINES lines is shortened to
 * that many, the last ending in an ellipsis: the drawing's height stays
 * bounded (and within cairo's 32,767 pixels) whatever the data; the full
 * name is in the chart's table of numbers and the data pack. */
#define S_MAX_LABEL_LINES 4

static void S_elide(char **lines, size_t *n, double max_w)
{
    if (*n <= S_MAX_LABEL_LINES)
        return;
    for (size_t j = S_MAX_LABEL_LINES; j < *n; j++)
        free(lines[j]);
    *n = S_MAX_LABEL_LINES;
    char **last = &lines[*n - 1];
    size_t len = strlen(*last);
    strbuf b = STRBUF_INIT;
    for (;;) {
        sb_clear(&b);
        sb_appendn(&b, *last, len);
        sb_append(&b, "\xE2\x80\xA6");  /* ellipsis */
        if (len == 0 || chart_text_width(sb_cstr(&b), OP_FONT_REGULAR, CL_LABEL_SIZE) <= max_w)
            break;
        do
            len--;
        while (len > 0 && ((unsigned char)(*last)[len] & 0xC0) == 0x80);
    }
    free(*last);
    *last = sb_take(&b);
}

/* Wrap every category label to at most max_w (*wrapped[i], nlines[i]);
 * *colw receives the widest line.  Returns the most lines of any label. */
static size_t S_hcat_column(const chart *c, double max_w, char ***wrapped, size_t *nlines,
                            double *colw)
{
    size_t maxl = 0;
    *colw = 0;
    for (size_t i = 0; i < c->ncats; i++) {
        /* A word may widen the column up to 1.4 times max_w (half the
         * chart), no further. */
        nlines[i] = chart_wrap_within(c->cats[i], OP_FONT_REGULAR, CL_LABEL_SIZE, max_w,
                                      1.4 * max_w, &wrapped[i]);
        S_elide(wrapped[i], &nlines[i], 1.4 * max_w);
        for (size_t j = 0; j < nlines[i]; j++) {
            double tw = chart_text_width(wrapped[i][j], OP_FONT_REGULAR, CL_LABEL_SIZE);
            if (tw > *colw)
                *colw = tw;
        }
        if (nlines[i] > maxl)
            maxl = nlines[i];
    }
    return maxl;
}

/* Room for value labels beyond the longest bars on each side of zero. */
static void S_hvalue_room(const chart *c, const S_hgeom *g, double *left, double *right)
{
    *left = *right = 0;
    for (size_t i = 0; i < c->ncats && g->overlay; i++) {
        char *txt = S_overlay_label(c, i);
        double tw = chart_text_width(txt, OP_FONT_REGULAR, g->vsize) + 5;
        free(txt);
        if (tw > *right)
            *right = tw;
    }
    for (size_t k = 0; k < c->nseries && !g->overlay; k++)
        for (size_t i = 0; i < c->ncats; i++) {
            const chart_series *s = &c->series[k];
            char *txt = S_bar_label(c, s, i);
            double tw = chart_text_width(txt, OP_FONT_REGULAR, g->vsize) + 5;
            free(txt);
            if (s->state[i] == CHART_V_OK && s->v[i] < 0) {
                if (tw > *left)
                    *left = tw;
            } else if (tw > *right) {
                *right = tw;
            }
        }
}

/* The value scale between the label column (colw wide) and the value labels
 * for data from lo to hi, and the bar sizes. */
static void S_hgeom_layout(const chart *c, double x, double w, double colw, double lo,
                           double hi, S_hgeom *g)
{
    double right_room, left_room;
    S_hvalue_room(c, g, &left_room, &right_room);
    g->plot_x = x + colw + 10;
    g->plot_w = x + w - g->plot_x;
    double bars_w = g->plot_w - left_room - right_room;
    if (bars_w < g->plot_w * 0.3)
        bars_w = g->plot_w * 0.3;
    g->scale = bars_w / (hi - lo);
    g->x0 = g->plot_x + left_room + (-lo) * g->scale;

    /* Many categories: thinner bars keep the chart within a page. */
    size_t ns = g->ns;
    g->bar_h = ns == 1 ? (c->ncats > 15 ? 14 : 18) : 12;
    g->inner = ns == 1 ? 0 : 2;
    g->group_h = g->bar_h * (double)ns + g->inner * (double)(ns - 1);
    g->gap = ns == 1 ? (c->ncats > 15 ? 6 : 7) : 12;
}

/* The bars of category i, one per series, from gy down, each with its value
 * at its end (left of a negative bar), or a stub and the word for why not. */
static void S_hbar_group(const chart *c, oplist *ol, const S_hgeom *g, size_t i, double gy)
{
    for (size_t k = 0; k < c->nseries; k++) {
        const chart_series *s = &c->series[k];
        double yy = gy + (g->bar_h + g->inner) * (double)k;
        double bl = S_mid_baseline(yy + g->bar_h / 2, g->vsize);
        char *txt = S_bar_label(c, s, i);
        if (s->state[i] == CHART_V_OK) {
            double xe = g->x0 + s->v[i] * g->scale;
            ops_rect(ol, g->x0, yy, xe - g->x0, g->bar_h, chart_series_colour(c, k));
            if (s->v[i] < 0)
                cl_text(ol, xe - 5, bl, txt, OP_FONT_REGULAR, g->vsize, CHART_COL_TEXT, CL_END);
            else
                cl_text(ol, xe + 5, bl, txt, OP_FONT_REGULAR, g->vsize, CHART_COL_TEXT,
                        CL_START);
        } else {
            /* No bar: a short grey stub marks the place, the word says why. */
            ops_rect(ol, g->x0, yy + g->bar_h * 0.25, 3, g->bar_h * 0.5, CHART_COL_CONTEXT);
            cl_text(ol, g->x0 + 5, bl, txt, OP_FONT_REGULAR, g->vsize, CHART_COL_TEXT2,
                    CL_START);
        }
        free(txt);
    }
}

/* One band per category from y down: its label right-aligned in the label
 * column, its bars centred beside it.  Returns the y below the last band. */
static double S_hrows(const chart *c, oplist *ol, const S_hgeom *g, double y,
                      char **const *wrapped, const size_t *nlines)
{
    double lh = S_LH(CL_LABEL_SIZE);
    double ty = y;
    for (size_t i = 0; i < c->ncats; i++) {
        double block = lh * (double)nlines[i];
        double band = (g->group_h > block ? g->group_h : block) + g->gap;
        double mid = ty + band / 2;
        double gy = mid - g->group_h / 2;
        double by = mid - block / 2;
        for (size_t j = 0; j < nlines[i]; j++)
            cl_text(ol, g->plot_x - 10, by + lh * ((double)j + 0.78), wrapped[i][j],
                    OP_FONT_REGULAR, CL_LABEL_SIZE, CHART_COL_TEXT, CL_END);
        if (g->overlay)
            S_overlay_bar(c, ol, i, g->x0, gy, g->bar_h, g->scale, g->vsize);
        else
            S_hbar_group(c, ol, g, i, gy);
        ty += band;
    }
    return ty;
}

/* Horizontal bars, categories down the left, diverging from zero when there
 * are negative values; every bar carries its value, so no value axis. */
static double S_horizontal(const chart *c, oplist *ol, double x, double y, double w,
                           chart_plot_info *info)
{
    S_hgeom g;
    g.overlay = c->overlay && c->nseries == 2 && chart_all_nonnegative(c);
    g.ns = g.overlay ? 1 : c->nseries ? c->nseries : 1;
    g.vsize = g.ns == 1 ? CL_VALUE_SIZE : CL_VALUE_SIZE - 0.5;
    S_range r = S_data_range(c);
    chart_ticks t;
    chart_nice_ticks(r.min, r.max, S_integer_unit(c->unit), &t);
    info->ticks = t;
    info->axis_drawn = false;   /* every bar carries its value: no axis needed */
    info->value_labels = true;
    double lo = r.min < 0 ? r.min : 0, hi = r.max > 0 ? r.max : 0;
    if (hi - lo <= 0)
        hi = lo + 1;

    char ***wrapped = xcalloc(c->ncats ? c->ncats : 1, sizeof *wrapped);
    size_t *nlines = xcalloc(c->ncats ? c->ncats : 1, sizeof *nlines);
    double colw;
    info->max_label_lines = S_hcat_column(c, w * 0.36, wrapped, nlines, &colw);
    S_hgeom_layout(c, x, w, colw, lo, hi, &g);
    info->plot_x = g.plot_x;
    info->plot_y = y;
    info->plot_w = g.plot_w;
    info->zero_pos = g.x0;

    double ty = S_hrows(c, ol, &g, y, wrapped, nlines);
    info->plot_h = ty - y;
    ops_line(ol, g.x0, y, g.x0, ty - g.gap / 2, 1.0, CHART_COL_AXIS);
    for (size_t i = 0; i < c->ncats; i++)
        chart_lines_free(wrapped[i], nlines[i]);
    free(wrapped);
    free(nlines);
    return ty;
}

double cl_plot(const chart *c, oplist *ol, double x, double y, double w, chart_plot_info *info)
{
    chart_kind kind = c->kind;
    if (kind == CHART_BAR && S_bar_needs_turn(c, w))
        kind = CHART_HBAR;
    info->kind = kind;
    switch (kind) {
    case CHART_HBAR:
        return S_horizontal(c, ol, x, y, w, info);
    case CHART_BAR:
        return S_vertical(c, ol, x, y, w, info, false);
    case CHART_LINE:
        break;
    }
    return S_vertical(c, ol, x, y, w, info, true);
}
