/* layout_plot.c - the plot area: vertical bars, lines, horizontal and
 * diverging bars, with axis, gridlines, category and value labels.
 * Knows the model and ops; every length is measured with font.c so that all
 * painters draw the same thing.  Knows no painter. */
#include "layout.h"

#include "../util/alloc.h"

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
    *every = (size_t)ceil((mw + 8) / slot);
    if (*every < 2)
        *every = 2;
}

static double S_vertical(const chart *c, oplist *ol, double x, double y, double w,
                         chart_plot_info *info, bool line)
{
    chart_ticks t;
    S_ticks(c, &t);
    info->ticks = t;
    info->axis_drawn = true;
    size_t nc = c->ncats ? c->ncats : 1, ns = c->nseries ? c->nseries : 1;
    double tickw = S_tick_label_width(c, &t);
    double plot_x = x + tickw + 8;
    double plot_w = x + w - plot_x;
    double slot = plot_w / (double)nc;

    /* Bars: decide direct labels before the height is known (widths only). */
    double group_w = slot * (ns == 1 ? 0.62 : 0.76);
    double bar_w = group_w / (double)ns;
    bool labels = !line;
    for (size_t k = 0; k < c->nseries && labels; k++)
        for (size_t i = 0; i < c->ncats && labels; i++) {
            if (c->series[k].state[i] != CHART_V_OK)
                continue;
            char *s = chart_fmt_value(c->series[k].v[i], c->unit, -1);
            double room = ns == 1 ? slot - 4 : bar_w + 2;
            if (chart_text_width(s, OP_FONT_REGULAR, CL_VALUE_SIZE) > room)
                labels = false;
            free(s);
        }
    info->value_labels = labels || (line && c->nseries == 1);

    double top = y + (labels || line ? S_LH(CL_VALUE_SIZE) + 4 : CL_TICK_SIZE * 0.5);
    double plot_h = w * 0.40;
    if (plot_h < 120)
        plot_h = 120;
    double bottom = top + plot_h;
    double span = t.hi - t.lo;
#define VY(v) (bottom - ((v) - t.lo) / span * plot_h)
    double y0 = VY(0.0);
    info->plot_x = plot_x;
    info->plot_y = top;
    info->plot_w = plot_w;
    info->plot_h = plot_h;
    info->zero_pos = y0;

    for (int i = 0; i < t.n; i++) {
        double v = t.lo + i * t.step;
        double yy = VY(v);
        if (fabs(v) > t.step * 1e-6)
            ops_line(ol, plot_x, yy, plot_x + plot_w, yy, 0.75, CHART_COL_GRID);
        char *s = chart_fmt_value(v, c->unit, t.decimals);
        cl_text(ol, plot_x - 6, S_mid_baseline(yy, CL_TICK_SIZE), s, OP_FONT_REGULAR,
                CL_TICK_SIZE, CHART_COL_TEXT2, CL_END);
        free(s);
    }

    if (!line) {
        for (size_t i = 0; i < c->ncats; i++) {
            double gx = plot_x + slot * (double)i + (slot - group_w) / 2;
            for (size_t k = 0; k < c->nseries; k++) {
                const chart_series *s = &c->series[k];
                if (s->state[i] != CHART_V_OK)
                    continue;
                double bx = gx + bar_w * (double)k;
                /* A hairline of white between bars of a group keeps them apart. */
                double bw = ns > 1 ? bar_w - 1.5 : bar_w;
                double yv = VY(s->v[i]);
                ops_rect(ol, bx, yv, bw, y0 - yv, chart_series_colour(c, k));
                if (labels) {
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
    } else {
        double *pts = xmalloc(2 * nc * sizeof *pts);
        for (size_t k = 0; k < c->nseries; k++) {
            const chart_series *s = &c->series[k];
            uint32_t col = chart_series_colour(c, k);
            size_t run = 0;
            for (size_t i = 0; i <= c->ncats; i++) {
                if (i < c->ncats && s->state[i] == CHART_V_OK) {
                    pts[2 * run] = plot_x + slot * ((double)i + 0.5);
                    pts[2 * run + 1] = VY(s->v[i]);
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
            if (c->nseries != 1)
                continue;
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
                double px = plot_x + slot * ((double)i + 0.5), py = VY(s->v[i]);
                ops_circle(ol, px, py, 3.5, col);
                char *txt = chart_fmt_value(s->v[i], c->unit, -1);
                double tw = chart_text_width(txt, OP_FONT_BOLD, CL_VALUE_SIZE);
                double lx = px - tw / 2;
                if (lx < plot_x)
                    lx = plot_x;
                if (lx + tw > plot_x + plot_w)
                    lx = plot_x + plot_w - tw;
                cl_text(ol, lx, py - 8, txt, OP_FONT_BOLD, CL_VALUE_SIZE, col, CL_START);
                free(txt);
            }
        }
        free(pts);
    }
    ops_line(ol, plot_x, y0, plot_x + plot_w, y0, 1.0, CHART_COL_AXIS);

    /* Category labels under the plot. */
    double ly = bottom + 4;
    size_t maxl = 0;
    if (!line) {
        for (size_t i = 0; i < c->ncats; i++) {
            char **lines;
            size_t n = chart_wrap(c->cats[i], OP_FONT_REGULAR, CL_LABEL_SIZE, slot - 6, &lines);
            double cx = plot_x + slot * ((double)i + 0.5);
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
    int nlines;
    size_t every;
    S_line_label_plan(c, slot, &nlines, &every);
    for (size_t i = 0; i < c->ncats; i++) {
        double cx = plot_x + slot * ((double)i + 0.5);
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
        for (size_t j = 0; j < n; j++)
            cl_text(ol, cx, ly + 4 + S_LH(CL_TICK_SIZE) * ((double)j + 0.78), lines[j],
                    OP_FONT_REGULAR, CL_TICK_SIZE, CHART_COL_TEXT2, CL_MIDDLE);
        if (n > maxl)
            maxl = n;
        chart_lines_free(lines, n);
    }
    info->max_label_lines = maxl;
    return ly + 4 + S_LH(CL_TICK_SIZE) * (double)maxl;
#undef VY
}

/* ---- horizontal and diverging bars ---------------------------------- */

static const char *const S_SMALL_BASE = "small base";
static const char *const S_MISSING = "not available";

/* Label at the end of a bar, or the word standing in for it. */
static char *S_bar_label(const chart *c, const chart_series *s, size_t i)
{
    switch ((chart_vstate)s->state[i]) {
    case CHART_V_OK:
        return chart_fmt_value(s->v[i], c->unit, -1);
    case CHART_V_SMALL_BASE:
        return xstrdup(S_SMALL_BASE);
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

static double S_horizontal(const chart *c, oplist *ol, double x, double y, double w,
                           chart_plot_info *info)
{
    /* An overlay chart draws its two series in one bar per category. */
    bool overlay = c->overlay && c->nseries == 2 && chart_all_nonnegative(c);
    size_t ns = overlay ? 1 : c->nseries ? c->nseries : 1;
    S_range r = S_data_range(c);
    chart_ticks t;
    chart_nice_ticks(r.min, r.max, S_integer_unit(c->unit), &t);
    info->ticks = t;
    info->axis_drawn = false;   /* every bar carries its value: no axis needed */
    info->value_labels = true;
    double lo = r.min < 0 ? r.min : 0, hi = r.max > 0 ? r.max : 0;
    if (hi - lo <= 0)
        hi = lo + 1;

    /* Category label column. */
    double lab_max = w * 0.36;
    char ***wrapped = xcalloc(c->ncats ? c->ncats : 1, sizeof *wrapped);
    size_t *nlines = xcalloc(c->ncats ? c->ncats : 1, sizeof *nlines);
    double colw = 0;
    size_t maxl = 0;
    for (size_t i = 0; i < c->ncats; i++) {
        nlines[i] = chart_wrap(c->cats[i], OP_FONT_REGULAR, CL_LABEL_SIZE, lab_max, &wrapped[i]);
        for (size_t j = 0; j < nlines[i]; j++) {
            double tw = chart_text_width(wrapped[i][j], OP_FONT_REGULAR, CL_LABEL_SIZE);
            if (tw > colw)
                colw = tw;
        }
        if (nlines[i] > maxl)
            maxl = nlines[i];
    }
    info->max_label_lines = maxl;

    /* Room for value labels beyond the longest bars on each side. */
    double vsize = ns == 1 ? CL_VALUE_SIZE : CL_VALUE_SIZE - 0.5;
    double right_room = 0, left_room = 0;
    for (size_t i = 0; i < c->ncats && overlay; i++) {
        char *txt = S_overlay_label(c, i);
        double tw = chart_text_width(txt, OP_FONT_REGULAR, vsize) + 5;
        free(txt);
        if (tw > right_room)
            right_room = tw;
    }
    for (size_t k = 0; k < c->nseries && !overlay; k++)
        for (size_t i = 0; i < c->ncats; i++) {
            const chart_series *s = &c->series[k];
            char *txt = S_bar_label(c, s, i);
            double tw = chart_text_width(txt, OP_FONT_REGULAR, vsize) + 5;
            free(txt);
            if (s->state[i] == CHART_V_OK && s->v[i] < 0) {
                if (tw > left_room)
                    left_room = tw;
            } else if (tw > right_room) {
                right_room = tw;
            }
        }
    double plot_x = x + colw + 10;
    double plot_w = x + w - plot_x;
    double bars_w = plot_w - left_room - right_room;
    if (bars_w < plot_w * 0.3)
        bars_w = plot_w * 0.3;
    double scale = bars_w / (hi - lo);
    double x0 = plot_x + left_room + (-lo) * scale;
    info->plot_x = plot_x;
    info->plot_y = y;
    info->plot_w = plot_w;
    info->zero_pos = x0;

    /* Many categories: thinner bars keep the chart within a page. */
    double bar_h = ns == 1 ? (c->ncats > 15 ? 14 : 18) : 12, inner = ns == 1 ? 0 : 2;
    double group_h = bar_h * (double)ns + inner * (double)(ns - 1);
    double gap = ns == 1 ? (c->ncats > 15 ? 6 : 7) : 12;
    double lh = S_LH(CL_LABEL_SIZE);
    double ty = y;
    for (size_t i = 0; i < c->ncats; i++) {
        double block = lh * (double)nlines[i];
        double band = (group_h > block ? group_h : block) + gap;
        double mid = ty + band / 2;
        double gy = mid - group_h / 2;
        double by = mid - block / 2;
        for (size_t j = 0; j < nlines[i]; j++)
            cl_text(ol, plot_x - 10, by + lh * ((double)j + 0.78), wrapped[i][j],
                    OP_FONT_REGULAR, CL_LABEL_SIZE, CHART_COL_TEXT, CL_END);
        if (overlay) {
            S_overlay_bar(c, ol, i, x0, gy, bar_h, scale, vsize);
            ty += band;
            continue;
        }
        for (size_t k = 0; k < c->nseries; k++) {
            const chart_series *s = &c->series[k];
            double yy = gy + (bar_h + inner) * (double)k;
            double bl = S_mid_baseline(yy + bar_h / 2, vsize);
            char *txt = S_bar_label(c, s, i);
            if (s->state[i] == CHART_V_OK) {
                double xe = x0 + s->v[i] * scale;
                ops_rect(ol, x0, yy, xe - x0, bar_h, chart_series_colour(c, k));
                if (s->v[i] < 0)
                    cl_text(ol, xe - 5, bl, txt, OP_FONT_REGULAR, vsize, CHART_COL_TEXT, CL_END);
                else
                    cl_text(ol, xe + 5, bl, txt, OP_FONT_REGULAR, vsize, CHART_COL_TEXT,
                            CL_START);
            } else {
                /* No bar: a short grey stub marks the place, the word says why. */
                ops_rect(ol, x0, yy + bar_h * 0.25, 3, bar_h * 0.5, CHART_COL_CONTEXT);
                cl_text(ol, x0 + 5, bl, txt, OP_FONT_REGULAR, vsize, CHART_COL_TEXT2, CL_START);
            }
            free(txt);
        }
        ty += band;
    }
    info->plot_h = ty - y;
    ops_line(ol, x0, y, x0, ty - gap / 2, 1.0, CHART_COL_AXIS);
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
