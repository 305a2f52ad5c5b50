/* dataset.c - tables with typed, unrounded cells; see dataset.h.
 *
 * Knows cells, columns and display formats; knows nothing about returns,
 * sheets or pages.  Display strings come from fmt.c, so a table and the
 * prose quoting the same number always agree. */
#include "dataset.h"

#include "fmt.h"
#include "../util/alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

dataset *ds_new(dataset_list *dl, const char *id, const char *sheet, const char *title,
                const char *description, const char *sources, int return_id)
{
    dataset *ds = xcalloc(1, sizeof *ds);
    ds->id = xstrdup(id ? id : "");
    ds->sheet = xstrdup(sheet ? sheet : ds->id);
    ds->title = xstrdup(title ? title : "");
    ds->description = xstrdup(description ? description : "");
    ds->sources = xstrdup(sources ? sources : "");
    ds->return_id = return_id;
    if (dl) {
        XGROW(dl->items, dl->cap, dl->n + 1);
        dl->items[dl->n++] = ds;
    }
    return ds;
}

const char *ds_source_text(const dataset *ds)
{
    return ds->source_text ? ds->source_text : (ds->sources ? ds->sources : "");
}

size_t ds_add_col(dataset *ds, const char *name, const char *heading, dfmt fmt)
{
    size_t old = ds->ncols;
    if (ds->nrows > 0) {
        /* Widen every existing row; the new cell is DC_EMPTY. */
        dcell *cells = xcalloc(ds->nrows * (old + 1), sizeof *cells);
        for (size_t r = 0; r < ds->nrows; r++)
            memcpy(&cells[r * (old + 1)], &ds->cells[r * old], old * sizeof *cells);
        free(ds->cells);
        ds->cells = cells;
        ds->total = xrealloc(ds->total, ds->nrows * sizeof *ds->total);
        ds->rowcap = ds->nrows;
    }
    XGROW(ds->cols, ds->colcap, old + 1);
    ds->cols[old].name = xstrdup(name ? name : "");
    ds->cols[old].heading = xstrdup(heading ? heading : "");
    ds->cols[old].fmt = fmt;
    ds->ncols = old + 1;
    return old;
}

int ds_col(const dataset *ds, const char *name)
{
    for (size_t i = 0; name && i < ds->ncols; i++)
        if (strcmp(ds->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

size_t ds_add_row(dataset *ds)
{
    if (ds->nrows + 1 > ds->rowcap) {
        size_t rows = ds->rowcap ? ds->rowcap * 2 : 8;
        size_t ncells = rows * ds->ncols;
        ds->cells = xrealloc(ds->cells, (ncells > 0 ? ncells : 1) * sizeof *ds->cells);
        ds->total = xrealloc(ds->total, rows * sizeof *ds->total);
        ds->rowcap = rows;
    }
    size_t r = ds->nrows++;
    if (ds->ncols)
        memset(&ds->cells[r * ds->ncols], 0, ds->ncols * sizeof *ds->cells);
    ds->total[r] = false;
    return r;
}

size_t ds_add_total_row(dataset *ds)
{
    size_t r = ds_add_row(ds);
    ds->total[r] = true;
    return r;
}

bool ds_row_is_total(const dataset *ds, size_t r)
{
    return r < ds->nrows && ds->total[r];
}

dcell *ds_cell(dataset *ds, size_t r, size_t c)
{
    if (r >= ds->nrows || c >= ds->ncols)
        return NULL;
    return &ds->cells[r * ds->ncols + c];
}

const dcell *ds_cell_const(const dataset *ds, size_t r, size_t c)
{
    if (r >= ds->nrows || c >= ds->ncols)
        return NULL;
    return &ds->cells[r * ds->ncols + c];
}

static dcell *S_reset(dataset *ds, size_t r, size_t c)
{
    dcell *d = ds_cell(ds, r, c);
    if (!d)
        return NULL;
    free(d->text);
    free(d->key);
    memset(d, 0, sizeof *d);
    return d;
}

void ds_set_num(dataset *ds, size_t r, size_t c, double v)
{
    dcell *d = S_reset(ds, r, c);
    if (!d)
        return;
    d->kind = DC_NUM;
    d->num = v;
}

void ds_set_number(dataset *ds, size_t r, size_t c, double v, int decimals)
{
    dcell *d = S_reset(ds, r, c);
    if (!d)
        return;
    d->kind = DC_NUM;
    d->num = v;
    d->decimals = decimals;
}

void ds_set_text(dataset *ds, size_t r, size_t c, const char *text)
{
    dcell *d = S_reset(ds, r, c);
    if (!d)
        return;
    d->kind = DC_TEXT;
    d->text = xstrdup(text ? text : "");
}

void ds_set_short(dataset *ds, size_t r, size_t c, dkind kind)
{
    dcell *d = S_reset(ds, r, c);
    if (!d)
        return;
    d->kind = kind;
}

/* Decimals a display string shows after its point ("60.5%" 1, "£1.50" 2). */
static int S_display_decimals(const char *display)
{
    const char *dot = strchr(display ? display : "", '.');
    int n = 0;
    for (const char *q = dot ? dot + 1 : ""; *q >= '0' && *q <= '9'; q++)
        n++;
    return n;
}

void ds_set_figure(dataset *ds, size_t r, size_t c, const figure *f)
{
    if (!f) {
        ds_set_short(ds, r, c, DC_X);
        return;
    }
    switch (f->status) {
    case FIG_SHOWN:
        ds_set_number(ds, r, c, f->value, S_display_decimals(f->display));
        break;
    case FIG_SUPPRESSED: ds_set_short(ds, r, c, DC_C); break;
    case FIG_LOW_BASE: ds_set_short(ds, r, c, DC_U); break;
    case FIG_NO_DENOMINATOR: ds_set_short(ds, r, c, DC_Z); break;
    case FIG_NOT_AVAILABLE: ds_set_short(ds, r, c, DC_X); break;
    }
    dcell *d = ds_cell(ds, r, c);
    if (d)
        d->key = xstrdup(f->key);
}

void ds_cell_link(dataset *ds, size_t r, size_t c, const char *key)
{
    dcell *d = ds_cell(ds, r, c);
    if (!d)
        return;
    free(d->key);
    d->key = xstrdup(key);
}

void ds_add_note(dataset *ds, const char *note)
{
    ds->notes = xrealloc(ds->notes, (ds->nnotes + 1) * sizeof *ds->notes);
    ds->notes[ds->nnotes++] = xstrdup(note ? note : "");
}

static int64_t S_llround(double v)
{
    if (!isfinite(v))
        return 0;
    return (int64_t)llround(v);
}

char *ds_display(const dataset *ds, size_t r, size_t c)
{
    const dcell *d = ds_cell_const(ds, r, c);
    if (!d)
        return xstrdup("");
    switch (d->kind) {
    case DC_EMPTY: return xstrdup("");
    case DC_TEXT: return xstrdup(d->text ? d->text : "");
    case DC_X: return xstrdup("[x]");
    case DC_Z: return xstrdup("[z]");
    case DC_C: return xstrdup("[c]");
    case DC_U: return xstrdup("[u]");
    case DC_NUM: break;
    }
    switch (ds->cols[c].fmt) {
    case DFMT_COUNT: return fmt_number(d->num, 0);
    case DFMT_PCT: return fmt_pct_value(d->num);
    case DFMT_RATE: return fmt_rate(d->num);
    case DFMT_MONEY: return fmt_money(S_llround(d->num * 100.0), true);
    case DFMT_MONEY_PENCE: return fmt_money(S_llround(d->num * 100.0), false);
    case DFMT_CHANGE: return fmt_change(S_llround(d->num));
    case DFMT_CHANGE_PCT: return fmt_change_pct_value(d->num);
    case DFMT_NUMBER:
    case DFMT_TEXT:
        return fmt_number(d->num, d->decimals);
    }
    return xstrdup("");
}

ds_chart *ds_add_chart(dataset *ds, const char *id, ds_chart_kind kind, ds_chart_unit unit,
                       const char *title, const char *subtitle)
{
    ds->charts = xrealloc(ds->charts, (ds->ncharts + 1) * sizeof *ds->charts);
    ds_chart *ch = &ds->charts[ds->ncharts++];
    memset(ch, 0, sizeof *ch);
    ch->id = xstrdup(id);
    ch->kind = kind;
    ch->unit = unit;
    ch->title = xstrdup(title ? title : "");
    ch->subtitle = xstrdup(subtitle);
    return ch;
}

void ds_chart_add_series(ds_chart *ch, const char *col, const char *name)
{
    ch->series = xrealloc(ch->series, (ch->nseries + 1) * sizeof *ch->series);
    ch->series[ch->nseries].col = xstrdup(col);
    ch->series[ch->nseries].name = xstrdup(name ? name : "");
    ch->nseries++;
}

void ds_chart_set(char **field, const char *value)
{
    free(*field);
    *field = xstrdup(value);
}

const ds_chart *dsl_find_chart(const dataset_list *dl, const char *id, const dataset **ds)
{
    for (size_t i = 0; dl && id && i < dl->n; i++)
        for (size_t k = 0; k < dl->items[i]->ncharts; k++)
            if (strcmp(dl->items[i]->charts[k].id, id) == 0) {
                if (ds)
                    *ds = dl->items[i];
                return &dl->items[i]->charts[k];
            }
    return NULL;
}

static void S_chart_free(ds_chart *ch)
{
    free(ch->id);
    free(ch->title);
    free(ch->subtitle);
    free(ch->noun);
    free(ch->catword);
    free(ch->note);
    free(ch->small_base_note);
    free(ch->category_col);
    free(ch->pivot_col);
    for (size_t i = 0; i < ch->nseries; i++) {
        free(ch->series[i].col);
        free(ch->series[i].name);
    }
    free(ch->series);
}

dataset *dsl_find(const dataset_list *dl, const char *id)
{
    for (size_t i = 0; dl && id && i < dl->n; i++)
        if (strcmp(dl->items[i]->id, id) == 0)
            return dl->items[i];
    return NULL;
}

static void S_ds_free(dataset *ds)
{
    if (!ds)
        return;
    free(ds->id);
    free(ds->title);
    free(ds->description);
    free(ds->sources);
    free(ds->source_text);
    free(ds->sheet);
    for (size_t i = 0; i < ds->ncols; i++) {
        free(ds->cols[i].name);
        free(ds->cols[i].heading);
    }
    free(ds->cols);
    free(ds->total);
    for (size_t i = 0; i < ds->ncharts; i++)
        S_chart_free(&ds->charts[i]);
    free(ds->charts);
    for (size_t i = 0; i < ds->nrows * ds->ncols; i++) {
        free(ds->cells[i].text);
        free(ds->cells[i].key);
    }
    free(ds->cells);
    for (size_t i = 0; i < ds->nnotes; i++)
        free(ds->notes[i]);
    free(ds->notes);
    free(ds);
}

void dsl_free(dataset_list *dl)
{
    if (!dl)
        return;
    for (size_t i = 0; i < dl->n; i++)
        S_ds_free(dl->items[i]);
    free(dl->items);
    dl->items = NULL;
    dl->n = dl->cap = 0;
}
