/* cx_trend.c - trends across the years of one return, from the figures
 * every year's compute already set (the reporting year's plain keys and
 * the years before's year.<yyyy_yy>. keys): the trend table (one row per
 * year from the oldest year with the return to the reporting year, gaps as
 * [x]), its measures' trend figures (<key>.trend.*: how many years, the
 * mean, the run of rises or falls, the rank), and each measure's rows of
 * the time series.  The per-return trend functions (trend_<return> in
 * compute_<return>.c) say which headline figures; this file does the rest,
 * so the rules of a trend live in one place.  Reads figures only. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The figure key of year k (plain for the reporting year). */
static const char *S_key_of(trend *t, int k, const char *key)
{
    sb_clear(&t->scratch);
    if (k > 0) {
        int y = t->p->years[k].start;
        sb_appendf(&t->scratch, "year.%d_%02d.", y, (y + 1) % 100);
    }
    sb_append(&t->scratch, key);
    return sb_cstr(&t->scratch);
}

const figure *trend_figure(trend *t, int k, const char *key)
{
    if (k < 0 || k >= PROJECT_YEARS || !t->p->years[k].present)
        return NULL;
    const figure *f = fig_find(t->fs, S_key_of(t, k, key));
    return f && f->available ? f : NULL;
}

static char *S_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static char *S_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = sb_vformat(fmt, ap);
    va_end(ap);
    return s;
}

/* The sources of the trend: the return's file in every year it is present. */
static char *S_sources(const trend *t)
{
    strbuf b = STRBUF_INIT;
    for (int k = 0; k <= t->first_k; k++)
        if (project_table(t->p, k, t->def->id))
            sb_appendf(&b, "%s%s/%s", b.len ? "; " : "", t->p->years[k].name,
                       t->def->schema->file);
    return sb_take(&b);
}

dataset *trend_table(trend *t, const char *id, const char *sheet, const char *title,
                     const char *description)
{
    char *src = S_sources(t);
    char *full = S_printf("%s, %s to %s", title, t->p->years[t->first_k].name,
                          t->p->years[0].name);
    t->ds = ds_new(t->dsl, id, sheet, full, description, src, (int)t->def->id);
    free(full);
    free(src);
    ds_add_col(t->ds, "year", "Year", DFMT_TEXT);
    for (int k = t->first_k; k >= 0; k--)
        ds_set_text(t->ds, ds_add_row(t->ds), 0, t->p->years[k].name);
    return t->ds;
}

/* Decimals a figure's display shows ("60.5%" 1, "£1,550.50" 2, "459" 0). */
int cx_shown_decimals(const char *display)
{
    const char *dot = strchr(display ? display : "", '.');
    if (!dot)
        return 0;
    int n = 0;
    for (const char *q = dot + 1; *q >= '0' && *q <= '9'; q++)
        n++;
    return n;
}

/* Add one point of the series; an unavailable year is a gap. */
static void S_series_point(trend_series *s, bool has, double v)
{
    s->has[s->n] = has;
    s->v[s->n] = v;
    s->n++;
}

/* The series of key over the trend's years, oldest first. */
static void S_series(trend *t, const char *key, trend_series *s)
{
    memset(s, 0, sizeof *s);
    for (int k = t->first_k; k >= 0; k--) {
        const figure *f = trend_figure(t, k, key);
        S_series_point(s, f != NULL, f ? f->value : 0.0);
        if (f && !s->display)
            s->decimals = cx_shown_decimals(f->display);
        if (f)
            s->display = f->display;
    }
}

void trend_rules(const trend_series *s, trend_facts *out)
{
    memset(out, 0, sizeof *out);
    size_t last = s->n ? s->n - 1 : 0;
    double sum = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->has[i]) {
            out->years++;
            sum += s->v[i];
            if (out->years == 1)
                out->first = i;
        }
    if (out->years)
        out->mean = sum / (double)out->years;
    out->has_latest = s->n > 0 && s->has[last];
    if (!out->has_latest)
        return;
    double v = s->v[last];
    out->rank_high = out->rank_low = 1;
    for (size_t i = 0; i < last; i++) {
        if (!s->has[i])
            continue;
        out->rank_high += s->v[i] > v;
        out->rank_low += s->v[i] < v;
        out->equal += s->v[i] == v;
    }
    /* The run: consecutive year-on-year steps ending this year that all rose
     * (positive) or all fell (negative); a gap or a flat step ends it.  Not
     * known at all when last year has no value. */
    out->has_run = last > 0 && s->has[last - 1];
    if (!out->has_run)
        return;
    int dir = v > s->v[last - 1] ? 1 : v < s->v[last - 1] ? -1 : 0;
    int run = 0;
    for (size_t i = last; dir != 0 && i > 0 && s->has[i] && s->has[i - 1]; i--) {
        int d = s->v[i] > s->v[i - 1] ? 1 : s->v[i] < s->v[i - 1] ? -1 : 0;
        if (d != dir)
            break;
        run++;
    }
    out->run = dir * run;
}

/* Figure k of the trend is worked out from key in every year with it
 * (so that disclosure control suppresses it with any of them). */
static void S_derive_years(trend *t, const char *k, const char *key)
{
    strbuf full = STRBUF_INIT;
    for (int y = t->first_k; y >= 0; y--) {
        if (!t->p->years[y].present)
            continue;
        sb_clear(&full);
        sb_append(&full, S_key_of(t, y, key));
        fig_derive(t->fs, k, sb_cstr(&full));
    }
    sb_free(&full);
}

/* <key>.trend.* of a measure with at least TREND_MIN_YEARS values. */
static void S_trend_figures(trend *t, const char *key, const char *what, const char *unit,
                            const trend_series *s, const trend_facts *f)
{
    char *src = S_sources(t);
    const char *first = t->p->years[t->first_k - (int)f->first].name;
    char *k = S_printf("%s.trend.years", key);
    char *d = S_printf("%d", f->years);
    char *def = S_printf("Years from %s to %s with %s", first, t->p->years[0].name, what);
    fig_set(t->fs, k, true, (double)f->years, d, "count", def, src);
    free(k), free(d), free(def);

    k = S_printf("%s.trend.first_year", key);
    def = S_printf("The first year from which %s is known", what);
    fig_set(t->fs, k, true, (double)t->p->years[t->first_k - (int)f->first].start, first,
            "year", def, src);
    free(k), free(def);

    k = S_printf("%s.trend.mean", key);
    if (strcmp(unit, "percent") == 0)
        d = fmt_pct_value(f->mean);
    else if (strcmp(unit, "GBP") == 0)
        d = fmt_money((int64_t)llround(f->mean * 100.0), s->decimals == 0);
    else if (strcmp(unit, "count") == 0)
        d = fmt_number(f->mean, 1);
    else
        d = fmt_number(f->mean, s->decimals);
    def = S_printf("Mean of %s over the %d years with a value from %s to %s", what, f->years,
                   first, t->p->years[0].name);
    fig_set(t->fs, k, true, f->mean, d, unit, def, src);
    S_derive_years(t, k, key);
    free(k), free(d), free(def);

    if (!f->has_latest) {
        free(src);
        return;
    }
    k = S_printf("%s.trend.rank_high", key);
    d = S_printf("%d", f->rank_high);
    def = S_printf("Rank of %s in %s among the %d years with a value (1: the highest; years "
                   "with the same value share a rank)", what, t->p->years[0].name, f->years);
    fig_set(t->fs, k, true, (double)f->rank_high, d, "rank", def, src);
    S_derive_years(t, k, key);
    free(k), free(d), free(def);

    k = S_printf("%s.trend.rank_low", key);
    d = S_printf("%d", f->rank_low);
    def = S_printf("Rank of %s in %s from the bottom among the %d years with a value (1: the "
                   "lowest)", what, t->p->years[0].name, f->years);
    fig_set(t->fs, k, true, (double)f->rank_low, d, "rank", def, src);
    S_derive_years(t, k, key);
    free(k), free(d), free(def);

    k = S_printf("%s.trend.equal", key);
    d = S_printf("%d", f->equal);
    def = S_printf("Earlier years with the same %s as %s", what, t->p->years[0].name);
    fig_set(t->fs, k, true, (double)f->equal, d, "count", def, src);
    S_derive_years(t, k, key);
    free(k), free(d), free(def);

    k = S_printf("%s.trend.run", key);
    def = S_printf("Consecutive years to %s in which %s rose (positive) or fell (negative); "
                   "0 when it did not change from the year before; not known when the year "
                   "before has no value", t->p->years[0].name, what);
    if (f->has_run) {
        d = fmt_change(f->run);
        fig_set(t->fs, k, true, (double)f->run, d, "years", def, src);
        S_derive_years(t, k, key);
        free(d);
    } else {
        fig_set(t->fs, k, false, 0.0, "n/a", "years", def, src);
    }
    free(k), free(def), free(src);
}

/* One row of the time series per year with a value. */
static void S_time_series_rows(trend *t, const char *key, const char *what, const char *unit,
                               const trend_series *s)
{
    XGROW(t->ts->items, t->ts->cap, t->ts->n + 1);
    trend_ts_entry *e = &t->ts->items[t->ts->n++];
    memset(e, 0, sizeof *e);
    e->key = xstrdup(key);
    e->what = xstrdup(what);
    e->unit = xstrdup(unit);
    e->decimals = s->decimals;
    for (size_t i = 0; i < s->n && i < PROJECT_YEARS; i++) {
        e->has[i] = s->has[i];
        e->v[i] = s->v[i];
        e->year[i] = t->first_k - (int)i;
    }
    e->n = s->n;
}

void trend_measure(trend *t, const char *key, const char *col, const char *heading,
                   dfmt fmt, const char *what)
{
    trend_series s;
    S_series(t, key, &s);
    if (t->ds) {
        /* Each cell is the year's own figure, so that disclosure control
         * and the writers treat it as that figure. */
        size_t c = ds_add_col(t->ds, col, heading, fmt);
        for (size_t i = 0; i < s.n; i++) {
            int k = t->first_k - (int)i;
            const figure *fg = t->p->years[k].present ? fig_find(t->fs, S_key_of(t, k, key)) : NULL;
            ds_set_figure(t->ds, i, c, fg);
            if (fg && s.has[i] && fmt == DFMT_NUMBER)
                ds_cell(t->ds, i, c)->decimals = s.decimals;
        }
    }
    trend_facts f;
    trend_rules(&s, &f);
    const char *unit = "number";
    for (int k = 0; k <= t->first_k; k++) {
        const figure *fg = trend_figure(t, k, key);
        if (fg) {
            unit = fg->unit;
            break;
        }
    }
    if (f.years >= TREND_MIN_YEARS)
        S_trend_figures(t, key, what, unit, &s, &f);
    S_time_series_rows(t, key, what, unit, &s);
}

/* The time series: one row per year and measure, in the data pack. */
void trend_time_series(const project *p, const figstore *fs, trend_ts *ts, dataset_list *dsl)
{
    if (!ts->n)
        return;
    dataset *ds = ds_new(dsl, "time_series", "Time_series", "Headline figures by year",
                         "Every headline figure of the trends, one row per year and "
                         "figure, with its key in the Figures sheet.",
                         "the returns of each year, as the Figures sheet says", -1);
    ds_add_col(ds, "year", "Year", DFMT_TEXT);
    ds_add_col(ds, "measure", "Measure", DFMT_TEXT);
    ds_add_col(ds, "value", "Value", DFMT_NUMBER);
    ds_add_col(ds, "unit", "Unit", DFMT_TEXT);
    ds_add_col(ds, "key", "Figure key", DFMT_TEXT);
    for (size_t i = 0; i < ts->n; i++) {
        const trend_ts_entry *e = &ts->items[i];
        for (size_t j = 0; j < e->n; j++) {
            if (!e->has[j])
                continue;
            const project_year *y = &p->years[e->year[j]];
            size_t r = ds_add_row(ds);
            ds_set_text(ds, r, 0, y->name);
            ds_set_text(ds, r, 1, e->what);
            char *k = e->year[j] == 0 ? xstrdup(e->key)
                                      : S_printf("year.%d_%02d.%s", y->start,
                                                 (y->start + 1) % 100, e->key);
            /* The year's own figure (a suppressed one stays suppressed). */
            ds_set_figure(ds, r, 2, fig_find(fs, k));
            if (ds_cell(ds, r, 2)->kind == DC_NUM)
                ds_cell(ds, r, 2)->decimals = e->decimals;
            ds_set_text(ds, r, 3, e->unit);
            ds_set_text(ds, r, 4, k);
            free(k);
        }
    }
}

void trend_ts_free(trend_ts *ts)
{
    for (size_t i = 0; i < ts->n; i++) {
        free(ts->items[i].key);
        free(ts->items[i].what);
        free(ts->items[i].unit);
    }
    free(ts->items);
    memset(ts, 0, sizeof *ts);
}
