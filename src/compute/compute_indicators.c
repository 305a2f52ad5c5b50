/* compute_indicators.c - figures and tables from indicators.csv.
 *
 * Each indicator (grouped by the slug of indicator_id) is quoted at its own
 * latest period.  With numerator and denominator the value is
 * numerator / denominator x 100; a value given as well that differs by more
 * than 0.05 is a reconciliation warning and loses.  Display by unit: percent
 * one decimal and "%", rate one decimal, count whole, number as written.
 * Knows the indicators return's columns; nothing about files or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const S_unit_name[] = {[IND_UNIT_PERCENT] = "percent",
                                          [IND_UNIT_COUNT] = "count", [IND_UNIT_RATE] = "rate",
                                          [IND_UNIT_NUMBER] = "number"};

typedef struct {
    size_t row;
    int32_t ym;
    bool has_value;
    double value;
    int decimals; /* display decimals of the value */
    int unit;
} ind_row;

static int S_cmp_period(const void *a, const void *b)
{
    const ind_row *x = a, *y = b;
    if (x->ym != y->ym)
        return (x->ym > y->ym) - (x->ym < y->ym);
    return (x->row > y->row) - (x->row < y->row);
}

static int S_decimals_for(int unit, int written)
{
    switch (unit) {
    case IND_UNIT_PERCENT:
    case IND_UNIT_RATE: return 1;
    case IND_UNIT_COUNT: return 0;
    default: return written;
    }
}

/* Display of v in unit; written = decimals as written (unit number). */
static char *S_display(double v, int unit, int written)
{
    if (unit == IND_UNIT_PERCENT)
        return fmt_pct_value(v);
    return fmt_number(v, S_decimals_for(unit, written));
}

/* Work out one row's value and unit; warns when the value disagrees. */
static ind_row S_evaluate(cctx *c, const table *t, size_t r, const char *file)
{
    ind_row x;
    memset(&x, 0, sizeof x);
    x.row = r;
    const cell *pe = cx_cell(t, r, IND_PERIOD), *nu = cx_cell(t, r, IND_NUMERATOR);
    const cell *de = cx_cell(t, r, IND_DENOMINATOR), *va = cx_cell(t, r, IND_VALUE);
    const cell *un = cx_cell(t, r, IND_UNIT);
    x.ym = pe ? pe->v.ym : 0;
    bool both = nu && de;
    x.unit = un ? un->v.e : (both ? IND_UNIT_PERCENT : IND_UNIT_NUMBER);
    if (x.unit < IND_UNIT_PERCENT || x.unit > IND_UNIT_NUMBER)
        x.unit = IND_UNIT_NUMBER;
    if (both && de->v.d != 0.0) {
        x.has_value = true;
        x.value = nu->v.d * 100.0 / de->v.d;
        x.decimals = 1;
        /* 1e-9: a difference of exactly 0.05 as written is not "more than". */
        if (va && fabs(x.value - va->v.d) > 0.05 + 1e-9) {
            char *d = fmt_number(x.value, 1);
            cx_recon(c, file, t->rows[r].line, "value", va->text,
                     "numerator/denominator gives %s, value says %s; using %s", d, va->text, d);
            free(d);
        }
    } else if (va) {
        x.has_value = true;
        x.value = va->v.d;
        x.decimals = cell_decimals(va);
    }
    return x;
}

/* indicator.<id>.<yyyy_mm>.<part>: one period's figures. */
static const char *S_period_key(char *buf, size_t n, const cx_group *g, int32_t ym,
                                const char *part)
{
    snprintf(buf, n, "indicator.%s.%04d_%02d.%s", g->slug, (int)(ym / 100), (int)(ym % 100),
             part);
    return buf;
}

/* A number given in the return, as written. */
static void S_written(cctx *c, const char *key, const cell *x, const char *unit,
                      const char *def, const char *src)
{
    char *d = fmt_number(x->v.d, cell_decimals(x));
    cx_fig(c, key, true, x->v.d, d, unit, def, src);
    free(d);
}

/* Every period of every indicator: value, target, numerator, denominator.
 * Numerators and denominators are counts of people (section 8); a value
 * worked out from them goes with them. */
static void S_period_figures(cctx *c, const table *t, const cx_groups *ids, const ind_row *rows,
                             const size_t *start, const char *src)
{
    char vk[192], k[192];
    for (size_t g = 0; g < ids->n; g++)
        for (size_t i = start[g]; i < start[g + 1]; i++) {
            const ind_row *x = &rows[i];
            const cx_group *grp = &ids->items[g];
            const cell *la = cx_cell(t, x->row, IND_INDICATOR), *ta = cx_cell(t, x->row, IND_TARGET);
            const cell *nu = cx_cell(t, x->row, IND_NUMERATOR);
            const cell *de = cx_cell(t, x->row, IND_DENOMINATOR);
            const char *label = la ? la->text : grp->label;
            char *month = fmt_month(x->ym, false);
            char *what = xstrdup(cx_def(c, "%s, %s", label, month));
            S_period_key(vk, sizeof vk, grp, x->ym, "value");
            if (x->has_value) {
                char *d = fmt_number(x->value, S_decimals_for(x->unit, x->decimals));
                cx_fig(c, vk, true, x->value, d, S_unit_name[x->unit], what, src);
                free(d);
            } else {
                cx_fig_na(c, vk, S_unit_name[x->unit], what, src);
            }
            if (ta)
                S_written(c, S_period_key(k, sizeof k, grp, x->ym, "target"), ta,
                          S_unit_name[x->unit], cx_def(c, "Target for %s", what), src);
            if (nu) {
                S_written(c, S_period_key(k, sizeof k, grp, x->ym, "numerator"), nu, "count",
                          cx_def(c, "Numerator of %s", what), src);
                cx_cover(c, k);
                if (nu && de && de->v.d != 0.0)
                    cx_derive(c, vk, k);
            }
            if (de) {
                S_written(c, S_period_key(k, sizeof k, grp, x->ym, "denominator"), de, "count",
                          cx_def(c, "Denominator of %s", what), src);
                cx_cover(c, k);
                if (nu && de->v.d != 0.0)
                    cx_derive(c, vk, k);
            }
            free(what);
            free(month);
        }
}

/* "Better when": the polarity the return gives, [x] when it gives none (a
 * direction nobody stated is not printed; "target met" still reads a blank
 * polarity as higher, as the contract says). */
static void S_polarity_cell(dataset *ds, size_t r, size_t col, const cell *po)
{
    if (po)
        ds_set_text(ds, r, col, po->v.e == IND_POL_LOWER ? "lower" : "higher");
    else
        ds_set_short(ds, r, col, DC_X);
}

static void S_table(cctx *c, const table *t, const cx_groups *ids, ind_row *rows,
                    const size_t *start, const char *src)
{
    char key[192];
    char title[128];
    snprintf(title, sizeof title, "Performance indicators, %s", c->year);
    dataset *ds = cx_dataset(c, "indicators", "Indicators", title,
                             "Performance indicators by period, with targets and, where given, "
                             "the numerator and denominator.",
                             src);
    ds_add_col(ds, "indicator", "Indicator", DFMT_TEXT);
    ds_add_col(ds, "period", "Period", DFMT_TEXT);
    ds_add_col(ds, "unit", "Unit", DFMT_TEXT);
    ds_add_col(ds, "value", "Value", DFMT_NUMBER);
    ds_add_col(ds, "target", "Target", DFMT_NUMBER);
    ds_add_col(ds, "numerator", "Numerator", DFMT_NUMBER);
    ds_add_col(ds, "denominator", "Denominator", DFMT_NUMBER);
    ds_add_col(ds, "polarity", "Better when", DFMT_TEXT);
    for (size_t g = 0; g < ids->n; g++)
        for (size_t i = start[g]; i < start[g + 1]; i++) {
            const ind_row *x = &rows[i];
            const cell *la = cx_cell(t, x->row, IND_INDICATOR);
            const cell *ta = cx_cell(t, x->row, IND_TARGET);
            const cell *nu = cx_cell(t, x->row, IND_NUMERATOR);
            const cell *de = cx_cell(t, x->row, IND_DENOMINATOR);
            const cell *po = cx_cell(t, x->row, IND_POLARITY);
            size_t r = ds_add_row(ds);
            ds_set_text(ds, r, 0, la ? la->text : ids->items[g].label);
            char *m = fmt_month(x->ym, true);
            ds_set_text(ds, r, 1, m);
            free(m);
            ds_set_text(ds, r, 2, S_unit_name[x->unit]);
            const cx_group *grp = &ids->items[g];
            cx_cell_figure(c, ds, r, 3, S_period_key(key, sizeof key, grp, x->ym, "value"));
            if (ta)
                ds_set_number(ds, r, 4, ta->v.d, S_decimals_for(x->unit, cell_decimals(ta)));
            else
                ds_set_short(ds, r, 4, DC_X);
            if (nu)
                cx_cell_figure(c, ds, r, 5,
                               S_period_key(key, sizeof key, grp, x->ym, "numerator"));
            else
                ds_set_short(ds, r, 5, DC_X);
            if (de)
                cx_cell_figure(c, ds, r, 6,
                               S_period_key(key, sizeof key, grp, x->ym, "denominator"));
            else
                ds_set_short(ds, r, 6, DC_X);
            S_polarity_cell(ds, r, 7, po);
        }
    ds_add_note(ds, "Percent and rate values are shown to one decimal place, counts as whole "
                    "numbers and other numbers as written in the return. Where a numerator and "
                    "denominator are given the value is numerator / denominator x 100. [x]: "
                    "not given.");
}

/* One row per indicator at its latest period, against its target: what a
 * board reads; the full series stays in the "indicators" table. */
static void S_latest_table(cctx *c, const table *t, const cx_groups *ids, const ind_row *rows,
                           const size_t *start, const char *src)
{
    char title[128];
    snprintf(title, sizeof title, "Performance indicators at their latest period, %s", c->year);
    dataset *ds = cx_dataset(c, "indicators_latest", "Indicators_latest", title,
                             "Each indicator's latest reported value, its target and whether "
                             "the target was met (taking account of whether higher or lower is "
                             "better).",
                             src);
    ds_add_col(ds, "indicator", "Indicator", DFMT_TEXT);
    ds_add_col(ds, "period", "Period", DFMT_TEXT);
    ds_add_col(ds, "value", "Value", DFMT_NUMBER);
    ds_add_col(ds, "target", "Target", DFMT_NUMBER);
    ds_add_col(ds, "polarity", "Better when", DFMT_TEXT);
    ds_add_col(ds, "target_met", "Target met", DFMT_TEXT);
    for (size_t g = 0; g < ids->n; g++) {
        const ind_row *x = &rows[start[g + 1] - 1];
        const cell *la = cx_cell(t, x->row, IND_INDICATOR);
        const cell *ta = cx_cell(t, x->row, IND_TARGET);
        const cell *po = cx_cell(t, x->row, IND_POLARITY);
        bool lower = po && po->v.e == IND_POL_LOWER;
        size_t r = ds_add_row(ds);
        ds_set_text(ds, r, 0, la ? la->text : ids->items[g].label);
        char *m = fmt_month(x->ym, true);
        ds_set_text(ds, r, 1, m);
        free(m);
        int dec = S_decimals_for(x->unit, x->decimals);
        char vkey[192];
        snprintf(vkey, sizeof vkey, "indicator.%s.value", ids->items[g].slug);
        cx_cell_figure(c, ds, r, 2, vkey);
        if (ta)
            ds_set_number(ds, r, 3, ta->v.d, S_decimals_for(x->unit, cell_decimals(ta)));
        else
            ds_set_short(ds, r, 3, DC_X);
        S_polarity_cell(ds, r, 4, po);
        if (!ta || !x->has_value) {
            ds_set_short(ds, r, 5, ta ? DC_X : DC_Z);
        } else {
            /* Compare as displayed, so that a value printed as 97.0% is not
             * "not met" against a 97.0% target. */
            double v = fmt_round(x->value, dec);
            double tv = fmt_round(ta->v.d, dec);
            bool met = lower ? v <= tv : v >= tv;
            ds_set_text(ds, r, 5, met ? "Yes" : "No");
            /* Whether the target was met says something of the value. */
            const figure *vf = cx_figure(c, vkey);
            if (vf)
                ds_cell_link(ds, r, 5, vf->key);
        }
    }
    ds_add_note(ds, "Target met compares the value and the target as shown, to the same number "
                    "of decimal places; where the return does not say whether higher or lower "
                    "is better ([x] under Better when), higher is taken as better. [x]: not "
                    "given. [z]: no target set.");
}

/* Rows bucketed by indicator (file order of first appearance), then by
 * period ascending within each; a second row for the same indicator and
 * period is an error. */
typedef struct {
    cx_groups ids;
    ind_row *rows;
    size_t *start;   /* rows[start[g] .. start[g+1]) are indicator g's */
} ind_data;

static void S_bucket(cctx *c, const table *t, const char *file, ind_data *d)
{
    size_t *gof = xmalloc((t->nrows ? t->nrows : 1) * sizeof *gof);
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *id = cx_cell(t, r, IND_ID);
        if (cx_is_total(t, r)) { /* no indicator: only its counts are checked */
            gof[r] = (size_t)-1;
            continue;
        }
        gof[r] = cx_group_get(&d->ids, id ? id->text : "", t->rows[r].line);
        d->ids.items[gof[r]].n[0]++;
    }
    d->start = xcalloc(d->ids.n + 1, sizeof *d->start);
    for (size_t g = 0; g < d->ids.n; g++)
        d->start[g + 1] = d->start[g] + (size_t)d->ids.items[g].n[0];
    size_t *fill = xcalloc(d->ids.n ? d->ids.n : 1, sizeof *fill);
    d->rows = xmalloc((t->nrows ? t->nrows : 1) * sizeof *d->rows);
    for (size_t r = 0; r < t->nrows; r++) {
        size_t g = gof[r];
        if (g == (size_t)-1)
            continue;
        d->rows[d->start[g] + fill[g]++] = S_evaluate(c, t, r, file);
    }
    for (size_t g = 0; g < d->ids.n; g++) {
        size_t n = d->start[g + 1] - d->start[g];
        qsort(d->rows + d->start[g], n, sizeof *d->rows, S_cmp_period);
        for (size_t i = d->start[g] + 1; i < d->start[g + 1]; i++)
            if (d->rows[i].ym == d->rows[i - 1].ym) {
                char *m = fmt_month(d->rows[i].ym, true);
                diag_add(c->dl, DIAG_ERROR, file, t->rows[d->rows[i].row].line, "period", m,
                         "a second row for indicator %s in the same period (first on line "
                         "%d); keep one row per indicator and period",
                         d->ids.items[g].label, t->rows[d->rows[i - 1].row].line);
                free(m);
            }
    }
    free(fill);
    free(gof);
}

/* A number given directly (numerator or denominator) as written. */
static void S_given(cctx *c, const char *key, const cell *x, const char *def,
                    const char *src)
{
    char *d = fmt_number(x->v.d, cell_decimals(x));
    cx_fig(c, key, true, x->v.d, d, "number", def, src);
    free(d);
}

/* indicator.<id>.value, .target, .period, .numerator, .denominator at the
 * indicator's latest period. */
static void S_latest_figures(cctx *c, const table *t, const cx_group *grp, const ind_row *x,
                             const char *src)
{
    const char *slug = grp->slug;
    const cell *la = cx_cell(t, x->row, IND_INDICATOR), *ta = cx_cell(t, x->row, IND_TARGET);
    const cell *nu = cx_cell(t, x->row, IND_NUMERATOR);
    const cell *de = cx_cell(t, x->row, IND_DENOMINATOR);
    const char *label = la ? la->text : grp->label;
    const char *unit = S_unit_name[x->unit];
    char *month = fmt_month(x->ym, false);
    char *vdef = xstrdup(cx_def(c, "%s, %s", label, month));
    if (x->has_value) {
        char *d = S_display(x->value, x->unit, x->decimals);
        cx_fig(c, cx_key(c, "indicator.%s.value", slug), true, x->value, d, unit, vdef, src);
        free(d);
    } else {
        cx_fig_na(c, cx_key(c, "indicator.%s.value", slug), unit, vdef, src);
    }
    {
        char lk[192], pk[192];
        snprintf(lk, sizeof lk, "indicator.%s.value", slug);
        S_period_key(pk, sizeof pk, grp, x->ym, "value");
        cx_derive(c, lk, pk);
    }
    const char *tdef = cx_def(c, "Target for %s, %s", label, month);
    if (ta) {
        char *d = S_display(ta->v.d, x->unit, cell_decimals(ta));
        cx_fig(c, cx_key(c, "indicator.%s.target", slug), true, ta->v.d, d, unit, tdef, src);
        free(d);
    } else {
        cx_fig_na(c, cx_key(c, "indicator.%s.target", slug), unit, tdef, src);
    }
    cx_fig(c, cx_key(c, "indicator.%s.period", slug), true, (double)x->ym, month, "month",
           cx_def(c, "Latest period of %s", label), src);
    char lk[192], pk[192];
    const char *part = pk;
    if (nu) {
        S_given(c, cx_key(c, "indicator.%s.numerator", slug), nu,
                cx_def(c, "Numerator of %s, %s", label, month), src);
        snprintf(lk, sizeof lk, "indicator.%s.numerator", slug);
        S_period_key(pk, sizeof pk, grp, x->ym, "numerator");
        cx_cover(c, lk);
        cx_sum(c, "an indicator's latest numerator", lk, &part, 1);
    }
    if (de) {
        S_given(c, cx_key(c, "indicator.%s.denominator", slug), de,
                cx_def(c, "Denominator of %s, %s", label, month), src);
        snprintf(lk, sizeof lk, "indicator.%s.denominator", slug);
        S_period_key(pk, sizeof pk, grp, x->ym, "denominator");
        cx_cover(c, lk);
        cx_sum(c, "an indicator's latest denominator", lk, &part, 1);
    }
    if (x->has_value) {
        /* This year's latest against last year's, in the indicator's unit: a
         * percentage changes by percentage points, and only counts and plain
         * numbers get a relative change too. */
        bool pct = x->unit == IND_UNIT_PERCENT;
        char *key = xstrdup(cx_key(c, "indicator.%s.value", slug));
        char *base = xstrdup(cx_key(c, "indicator.%s", slug));
        cx_change_number(c, key, base, label, S_decimals_for(x->unit, x->decimals), unit,
                         pct ? "percentage points" : unit,
                         x->unit == IND_UNIT_COUNT || x->unit == IND_UNIT_NUMBER);
        free(key);
        free(base);
    }
    free(vdef);
    free(month);
}

void compute_indicators(cctx *c)
{
    const table *t = c->cur;
    char *src = cx_source(c, false);
    char *file = cx_diag_file(c, false);
    ind_data d;
    memset(&d, 0, sizeof d);
    static const int sums[] = {IND_NUMERATOR, IND_DENOMINATOR, -1};
    cx_check_totals(c, t, file, sums);
    S_bucket(c, t, file, &d);
    S_period_figures(c, t, &d.ids, d.rows, d.start, src);
    for (size_t g = 0; g < d.ids.n; g++)
        S_latest_figures(c, t, &d.ids.items[g], &d.rows[d.start[g + 1] - 1], src);
    S_latest_table(c, t, &d.ids, d.rows, d.start, src);
    S_table(c, t, &d.ids, d.rows, d.start, src);
    free(d.rows);
    free(d.start);
    cx_groups_free(&d.ids);
    free(file);
    free(src);
}

/* Indicator ids of every year's return (in the order first seen, the
 * reporting year first), labelled as the latest year spells them. */
static void S_ids(trend *t, cx_groups *ids)
{
    for (int k = 0; k <= t->first_k; k++) {
        const table *tb = project_table(t->p, k, RET_INDICATORS);
        for (size_t r = 0; tb && r < tb->nrows; r++) {
            if (cx_is_total(tb, r))
                continue;
            const cell *id = cx_cell(tb, r, IND_ID), *la = cx_cell(tb, r, IND_INDICATOR);
            size_t n = ids->n;
            size_t g = cx_group_get(ids, id ? id->text : "", tb->rows[r].line);
            if (g == n && la) {
                free(ids->items[g].label);
                ids->items[g].label = xstrdup(la->text);
            }
        }
    }
}

/* One row per year and indicator: the value at the year's latest period and
 * its target there.  Values are shown as the figures show them. */
void trend_indicators(trend *t)
{
    cx_groups ids = CX_GROUPS_INIT;
    S_ids(t, &ids);
    char *src = NULL;
    {
        strbuf b = STRBUF_INIT;
        for (int k = 0; k <= t->first_k; k++)
            if (project_table(t->p, k, RET_INDICATORS))
                sb_appendf(&b, "%s%s/%s", b.len ? "; " : "", t->p->years[k].name,
                           t->def->schema->file);
        src = sb_take(&b);
    }
    strbuf title = STRBUF_INIT;
    sb_appendf(&title, "Performance indicators by year, %s to %s", t->p->years[t->first_k].name,
               t->p->years[0].name);
    dataset *ds = ds_new(t->dsl, "indicators_trend", "Indicators_trend", sb_cstr(&title),
                         "Each indicator at the latest period of each year's return, against "
                         "its target there.",
                         src, (int)RET_INDICATORS);
    ds_add_col(ds, "year", "Year", DFMT_TEXT);
    ds_add_col(ds, "indicator", "Indicator", DFMT_TEXT);
    ds_add_col(ds, "value", "Value", DFMT_NUMBER);
    ds_add_col(ds, "target", "Target", DFMT_NUMBER);
    ds_add_col(ds, "unit", "Unit", DFMT_TEXT);
    bool all_percent = ids.n > 0;
    for (int k = t->first_k; k >= 0; k--)
        for (size_t i = 0; i < ids.n; i++) {
            strbuf vk = STRBUF_INIT, tk = STRBUF_INIT;
            sb_appendf(&vk, "indicator.%s.value", ids.items[i].slug);
            sb_appendf(&tk, "indicator.%s.target", ids.items[i].slug);
            const figure *v = trend_figure(t, k, sb_cstr(&vk));
            const figure *g = trend_figure(t, k, sb_cstr(&tk));
            if (v || g) {
                size_t r = ds_add_row(ds);
                ds_set_text(ds, r, 0, t->p->years[k].name);
                ds_set_text(ds, r, 1, ids.items[i].label);
                /* The year's own figures, which disclosure control follows. */
                ds_set_figure(ds, r, 2, v);
                ds_set_figure(ds, r, 3, g);
                ds_set_text(ds, r, 4, v ? v->unit : g->unit);
                if (v && strcmp(v->unit, "percent") != 0)
                    all_percent = false;
            }
            sb_free(&vk);
            sb_free(&tk);
        }
    for (size_t i = 0; i < ids.n; i++) {
        strbuf vk = STRBUF_INIT, what = STRBUF_INIT;
        sb_appendf(&vk, "indicator.%s.value", ids.items[i].slug);
        sb_appendf(&what, "%s", ids.items[i].label);
        trend_measure(t, sb_cstr(&vk), NULL, NULL, DFMT_NUMBER, sb_cstr(&what));
        sb_free(&vk);
        sb_free(&what);
    }
    /* One axis can carry percentages only: indicators of other units stay in
     * the table. */
    if (all_percent) {
        ds_chart *ch = ds_add_chart(ds, "indicators_trend", DS_CHART_LINE, DS_CHART_PCT,
                                    sb_cstr(&title), "Value at the latest period of each year (%)");
        ds_chart_add_series(ch, "value", NULL);
        ds_chart_set(&ch->category_col, "year");
        ds_chart_set(&ch->pivot_col, "indicator");
        ds_chart_set(&ch->catword, "year");
        ch->ordered = true;
    }
    sb_free(&title);
    free(src);
    cx_groups_free(&ids);
}
