/* cx.c - the helpers every compute_<return>.c shares; see compute_internal.h.
 *
 * Every percentage, change, key shape and source line is made here, so the
 * rules of section 5 live in one place.  Reads only the tables handed over
 * in the cctx; never a file, never an output format. */
#include "compute_internal.h"

#include "../util/alloc.h"
#include "../util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const cell *cx_cell(const table *t, size_t r, int col)
{
    if (!t || r >= t->nrows || col < 0 || !t->rows[r].cells)
        return NULL;
    if (t->schema && (size_t)col >= t->schema->ncols)
        return NULL;
    const cell *x = &t->rows[r].cells[col];
    return x->present ? x : NULL;
}

const char *cx_enum_label(const cctx *c, int col, int e)
{
    return schema_label(c->def->schema, col, e);
}

char *cx_source(const cctx *c, bool prev)
{
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "%s/%s", prev ? c->prev_year : c->year, c->def->schema->file);
    return sb_take(&b);
}

char *cx_sources(const cctx *c, bool with_prev)
{
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "%s/%s", c->year, c->def->schema->file);
    if (with_prev)
        sb_appendf(&b, "; %s/%s", c->prev_year, c->def->schema->file);
    return sb_take(&b);
}

char *cx_diag_file(const cctx *c, bool prev)
{
    const table *t = prev ? c->prev : c->cur;
    if (t && t->path)
        return xstrdup(t->path);
    return cx_source(c, prev);
}

void cx_recon(cctx *c, const char *file, int line, const char *column, const char *value,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = sb_vformat(fmt, ap);
    va_end(ap);
    diag_add(c->dl, c->p->cfg.strict ? DIAG_ERROR : DIAG_WARNING, file, line, column, value,
             "%s", msg);
    free(msg);
}

bool cx_total_left_out(cctx *c, const table *t, size_t r, const char *file, const char *what)
{
    if (r >= t->nrows || !t->rows[r].total)
        return false;
    cx_recon(c, file, t->rows[r].line, NULL, NULL,
             "a declared total row in a return of one row per %s; left out of every count "
             "(annrep adds the rows up itself)", what);
    return true;
}

static const char *S_vscratch(strbuf *b, const char *fmt, va_list ap)
{
    sb_clear(b);
    sb_vappendf(b, fmt, ap);
    return sb_cstr(b);
}

const char *cx_key(cctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = S_vscratch(&c->key, fmt, ap);
    va_end(ap);
    return s;
}

const char *cx_def(cctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = S_vscratch(&c->def_text, fmt, ap);
    va_end(ap);
    return s;
}

char *cx_slug(const char *s)
{
    char *slug = text_slug(s ? s : "");
    if (!slug || !*slug) {
        free(slug);
        return xstrdup("blank");
    }
    return slug;
}

bool cx_is_total_label(const char *s)
{
    if (!s)
        return false;
    return text_loose_eq(s, "Total") || text_loose_eq(s, "Grand Total");
}

bool cx_starts_with_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char a = *s, b = *prefix;
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

double cx_pct(double num, double den)
{
    /* num * 100 is exact for counts, so a single division rounds once. */
    return num * 100.0 / den;
}

void cx_pct_cell(dataset *ds, size_t r, size_t col, double num, double den)
{
    if (den == 0.0)
        ds_set_short(ds, r, col, DC_Z);
    else
        ds_set_num(ds, r, col, cx_pct(num, den));
}

void cx_change_pct_cell(dataset *ds, size_t r, size_t col, double cur, double prev)
{
    if (prev < (double)FMT_SMALL_BASE)
        ds_set_short(ds, r, col, DC_C);
    else
        ds_set_num(ds, r, col, cx_pct(cur - prev, prev));
}

dataset *cx_dataset(cctx *c, const char *id, const char *sheet, const char *title,
                    const char *description, const char *sources)
{
    return ds_new(c->dsl, id, sheet, title, description, sources, (int)c->def->id);
}

void cx_fig(cctx *c, const char *key, bool available, double value, const char *display,
            const char *unit, const char *def, const char *src)
{
    sb_clear(&c->scratch);
    sb_append(&c->scratch, c->key_prefix);
    sb_append(&c->scratch, key);
    fig_set(c->fs, sb_cstr(&c->scratch), available, value, display, unit, def, src);
}

void cx_fig_count(cctx *c, const char *key, int64_t n, const char *def, const char *src)
{
    char *d = fmt_count(n);
    cx_fig(c, key, true, (double)n, d, "count", def, src);
    free(d);
}

void cx_fig_pct(cctx *c, const char *key, double num, double den, const char *def,
                const char *src)
{
    if (den == 0.0) {
        cx_fig(c, key, false, 0.0, "n/a", "percent", def, src);
        return;
    }
    double v = cx_pct(num, den);
    char *d = fmt_pct_value(v);
    cx_fig(c, key, true, v, d, "percent", def, src);
    free(d);
}

void cx_fig_na(cctx *c, const char *key, const char *unit, const char *def, const char *src)
{
    cx_fig(c, key, false, 0.0, "n/a", unit, def, src);
}

void cx_fig_change(cctx *c, const char *prefix, int64_t cur, int64_t prev, const char *what,
                   const char *src)
{
    strbuf k = STRBUF_INIT, d = STRBUF_INIT;
    char *disp = fmt_change(cur - prev);
    sb_appendf(&k, "%s.change", prefix);
    sb_appendf(&d, "Change in %s from %s to %s", what, c->prev_year, c->year);
    cx_fig(c, sb_cstr(&k), true, (double)(cur - prev), disp, "change", sb_cstr(&d), src);
    free(disp);

    sb_clear(&k);
    sb_clear(&d);
    sb_appendf(&k, "%s.change_pct", prefix);
    sb_appendf(&d, "Change in %s from %s to %s as a percentage of %s; not shown when the "
                   "%s figure is below %d (small base)",
               what, c->prev_year, c->year, c->prev_year, c->prev_year, FMT_SMALL_BASE);
    disp = fmt_change_pct((double)cur, (double)prev);
    if (disp) {
        cx_fig(c, sb_cstr(&k), true, cx_pct((double)(cur - prev), (double)prev), disp,
               "percent change", sb_cstr(&d), src);
        free(disp);
    } else {
        cx_fig(c, sb_cstr(&k), false, 0.0, "n/a", "percent change", sb_cstr(&d), src);
    }
    sb_free(&k);
    sb_free(&d);
}

size_t cx_group_get(cx_groups *g, const char *text, int line)
{
    char *slug = cx_slug(text);
    size_t i = cx_group_find(g, slug);
    if (i != (size_t)-1) {
        free(slug);
        return i;
    }
    XGROW(g->items, g->cap, g->n + 1);
    cx_group *x = &g->items[g->n];
    memset(x, 0, sizeof *x);
    x->slug = slug;
    x->label = xstrdup(text ? text : "");
    x->first_line = line;
    return g->n++;
}

size_t cx_group_find(const cx_groups *g, const char *slug)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->items[i].slug, slug) == 0)
            return i;
    return (size_t)-1;
}

void cx_groups_free(cx_groups *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->items[i].slug);
        free(g->items[i].label);
    }
    free(g->items);
    g->items = NULL;
    g->n = g->cap = 0;
}

char *cx_only_in(const cx_groups *g, bool cur_only)
{
    strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < g->n; i++) {
        const cx_group *x = &g->items[i];
        bool pick = cur_only ? (x->in_cur && !x->in_prev) : (x->in_prev && !x->in_cur);
        if (!pick)
            continue;
        if (b.len)
            sb_append(&b, ", ");
        sb_append(&b, x->label);
    }
    if (!b.len)
        return NULL;
    return sb_take(&b);
}
