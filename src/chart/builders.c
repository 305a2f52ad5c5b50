/* builders.c - a chart model from a dataset and one of its chart
 * definitions (dataset.h: ds_chart), which compute writes alongside the
 * table.  One generic builder: the categories are a text column's values
 * (every row but the Total row), each series a named column; or, for a
 * pivot, one series per distinct value of a second text column.  Never
 * computes a figure the dataset does not hold.  Knows datasets and the
 * chart model; no layout, no painter. */
#include "chart_model.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *S_text(const dataset *ds, size_t r, int col)
{
    const dcell *c = col >= 0 ? ds_cell_const(ds, r, (size_t)col) : NULL;
    return c && c->kind == DC_TEXT && c->text ? c->text : "";
}

/* Put cell (r, col) of ds into series k, category i of c. */
static void S_put(chart *c, size_t k, size_t i, const dataset *ds, size_t r, size_t col)
{
    const dcell *d = ds_cell_const(ds, r, col);
    if (!d) {
        chart_set_state(c, k, i, CHART_V_MISSING);
        return;
    }
    switch (d->kind) {
    case DC_NUM:
        chart_set_value(c, k, i, d->num);
        break;
    case DC_C:
        chart_set_state(c, k, i, CHART_V_SUPPRESSED);
        break;
    case DC_U:
        chart_set_state(c, k, i, CHART_V_LOW_BASE);
        break;
    case DC_EMPTY:
    case DC_TEXT:
    case DC_X:
    case DC_Z:
        chart_set_state(c, k, i, CHART_V_MISSING);
        break;
    }
}

static chart_kind S_kind(ds_chart_kind k)
{
    switch (k) {
    case DS_CHART_BAR: return CHART_BAR;
    case DS_CHART_HBAR: return CHART_HBAR;
    case DS_CHART_LINE: return CHART_LINE;
    }
    return CHART_BAR;
}

static chart_unit S_unit(ds_chart_unit u)
{
    switch (u) {
    case DS_CHART_COUNT: return CHART_UNIT_COUNT;
    case DS_CHART_PCT: return CHART_UNIT_PCT;
    case DS_CHART_CHANGE_PCT: return CHART_UNIT_CHANGE_PCT;
    case DS_CHART_MONEY: return CHART_UNIT_MONEY;
    case DS_CHART_RATE: return CHART_UNIT_RATE;
    }
    return CHART_UNIT_COUNT;
}

/* The chart with its words, source line and colours; no data yet. */
static chart *S_new(const dataset *ds, const ds_chart *def, const report_config *cfg)
{
    chart *c = chart_new(def->id, S_kind(def->kind), S_unit(def->unit), def->title);
    if (def->subtitle)
        chart_set_subtitle(c, def->subtitle);
    if (def->noun)
        chart_set_noun(c, def->noun);
    if (def->catword)
        chart_set_catword(c, def->catword);
    if (def->note)
        chart_set_note(c, def->note);
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "Source: %s", ds_source_text(ds));
    chart_set_source(c, sb_cstr(&b));
    sb_free(&b);
    if (cfg && cfg->has_accent)
        c->palette[0] = cfg->accent;
    c->ordered = def->ordered;
    c->overlay = def->overlay;
    return c;
}

/* Index of category (or series) label among the first n, or n. */
static size_t S_index(char *const *labels, size_t n, const char *label)
{
    size_t i = 0;
    while (i < n && strcmp(labels[i], label) != 0)
        i++;
    return i;
}

/* Categories from catcol, one series per column of def. */
static bool S_fill_columns(chart *c, const dataset *ds, const ds_chart *def, int catcol)
{
    for (size_t r = 0; r < ds->nrows; r++)
        if (!ds_row_is_total(ds, r))
            chart_add_category(c, S_text(ds, r, catcol));
    for (size_t k = 0; k < def->nseries; k++) {
        int col = ds_col(ds, def->series[k].col);
        if (col < 0)
            return false;
        size_t s = chart_add_series(c, def->series[k].name);
        size_t i = 0;
        for (size_t r = 0; r < ds->nrows; r++)
            if (!ds_row_is_total(ds, r))
                S_put(c, s, i++, ds, r, (size_t)col);
    }
    return true;
}

/* Categories from catcol, series from pivot_col's values, the values from
 * def's one series column; both in the order first seen. */
static bool S_fill_pivot(chart *c, const dataset *ds, const ds_chart *def, int catcol)
{
    int pcol = ds_col(ds, def->pivot_col);
    int vcol = def->nseries ? ds_col(ds, def->series[0].col) : -1;
    if (pcol < 0 || vcol < 0)
        return false;
    char **names = NULL;
    size_t nnames = 0, cap = 0;
    for (size_t r = 0; r < ds->nrows; r++) {
        if (ds_row_is_total(ds, r))
            continue;
        const char *cat = S_text(ds, r, catcol), *ser = S_text(ds, r, pcol);
        if (S_index(c->cats, c->ncats, cat) == c->ncats)
            chart_add_category(c, cat);
        if (S_index(names, nnames, ser) == nnames) {
            XGROW(names, cap, nnames + 1);
            names[nnames++] = xstrdup(ser);
        }
    }
    for (size_t k = 0; k < nnames; k++)
        chart_add_series(c, names[k]);
    for (size_t r = 0; r < ds->nrows; r++) {
        if (ds_row_is_total(ds, r))
            continue;
        size_t i = S_index(c->cats, c->ncats, S_text(ds, r, catcol));
        size_t k = S_index(names, nnames, S_text(ds, r, pcol));
        S_put(c, k, i, ds, r, (size_t)vcol);
    }
    for (size_t k = 0; k < nnames; k++)
        free(names[k]);
    free(names);
    return true;
}

static bool S_any(const chart *c, chart_vstate st)
{
    for (size_t k = 0; k < c->nseries; k++)
        for (size_t i = 0; i < c->ncats; i++)
            if (c->series[k].state[i] == st)
                return true;
    return false;
}

/* A footnote line added to the chart's note. */
static void S_add_note(chart *c, const char *line)
{
    strbuf b = STRBUF_INIT;
    if (c->note)
        sb_appendf(&b, "%s ", c->note);
    sb_append(&b, line);
    chart_set_note(c, sb_cstr(&b));
    sb_free(&b);
}

chart *chart_from_dataset(const dataset *ds, const ds_chart *def, const report_config *cfg)
{
    int catcol = def->category_col ? ds_col(ds, def->category_col) : 0;
    size_t rows = 0;
    for (size_t r = 0; r < ds->nrows; r++)
        rows += !ds_row_is_total(ds, r);
    if (catcol < 0 || rows == 0 || def->nseries == 0)
        return NULL;
    chart *c = S_new(ds, def, cfg);
    if ((size_t)catcol < ds->ncols)
        chart_set_category_heading(c, ds->cols[catcol].heading);
    bool ok = def->pivot_col ? S_fill_pivot(c, ds, def, catcol)
                             : S_fill_columns(c, ds, def, catcol);
    if (!ok) {
        chart_free(c);
        return NULL;
    }
    chart_limit_categories(c);
    if (def->sort_desc)
        chart_sort_desc(c);
    if (def->small_base_note && S_any(c, CHART_V_LOW_BASE))
        S_add_note(c, def->small_base_note);
    c->suppressed_below = ds->suppressed_below;
    if (ds->suppressed_below > 0) {
        strbuf t = STRBUF_INIT;
        sb_appendf(&t, "fewer than %d", ds->suppressed_below);
        c->suppressed_text = sb_take(&t);
        if (S_any(c, CHART_V_SUPPRESSED)) {
            strbuf n = STRBUF_INIT;
            sb_appendf(&n, "[c]: not shown to protect the people counted (a count from 1 to %d, "
                           "or a figure from which one could be worked out).",
                       ds->suppressed_below - 1);
            S_add_note(c, sb_cstr(&n));
            sb_free(&n);
        }
    }
    if (c->grouping)
        S_add_note(c, c->grouping);
    chart_finish(c);
    return c;
}

chart *chart_build(const char *id, const dataset_list *dsl, const report_config *cfg)
{
    const dataset *ds = NULL;
    const ds_chart *def = dsl_find_chart(dsl, id, &ds);
    return def ? chart_from_dataset(ds, def, cfg) : NULL;
}
