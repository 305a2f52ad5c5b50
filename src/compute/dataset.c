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

size_t ds_add_col(dataset *ds, const char *heading, dfmt fmt)
{
    size_t old = ds->ncols;
    if (ds->nrows > 0) {
        /* Widen every existing row; the new cell is DC_EMPTY. */
        dcell *cells = xcalloc(ds->nrows * (old + 1), sizeof *cells);
        for (size_t r = 0; r < ds->nrows; r++)
            memcpy(&cells[r * (old + 1)], &ds->cells[r * old], old * sizeof *cells);
        free(ds->cells);
        ds->cells = cells;
        ds->rowcap = ds->nrows;
    }
    XGROW(ds->cols, ds->colcap, old + 1);
    ds->cols[old].heading = xstrdup(heading ? heading : "");
    ds->cols[old].fmt = fmt;
    ds->ncols = old + 1;
    return old;
}

size_t ds_add_row(dataset *ds)
{
    size_t need = (ds->nrows + 1) * ds->ncols;
    size_t cap_cells = ds->rowcap * ds->ncols;
    if (need > cap_cells) {
        size_t rows = ds->rowcap ? ds->rowcap * 2 : 8;
        size_t ncells = rows * ds->ncols;
        ds->cells = xrealloc(ds->cells, (ncells > 0 ? ncells : 1) * sizeof *ds->cells);
        ds->rowcap = rows;
    }
    size_t r = ds->nrows++;
    if (ds->ncols)
        memset(&ds->cells[r * ds->ncols], 0, ds->ncols * sizeof *ds->cells);
    return r;
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
    free(ds->sheet);
    for (size_t i = 0; i < ds->ncols; i++)
        free(ds->cols[i].heading);
    free(ds->cols);
    for (size_t i = 0; i < ds->nrows * ds->ncols; i++)
        free(ds->cells[i].text);
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
