/* cx.c - the helpers every compute_<return>.c shares; see compute_internal.h.
 *
 * Every percentage, change, key shape and source line is made here, so the
 * rules of section 5 live in one place.  Reads only the tables handed over
 * in the cctx; never a file, never an output format. */
#include "compute_internal.h"

#include "../util/alloc.h"
#include "../util/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const cell *cx_cell(const table *t, size_t r, int col)
{
    if (!t || r >= t->nrows || col < 0 || !t->rows[r].cells)
        return NULL;
    if (t->schema && (size_t)col >= t->schema->ncols)
        return NULL;
    const cell *x = &t->rows[r].cells[col];
    return cell_present(x) ? x : NULL;
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
    /* For the data pack: the file named within the project, so that the
     * pack is the same wherever the project lies. */
    const char *rel = file ? file : "";
    size_t dl = c->p->dir ? strlen(c->p->dir) : 0;
    if (dl && strncmp(rel, c->p->dir, dl) == 0 && rel[dl] == '/')
        rel += dl + 1;
    strbuf t = STRBUF_INIT;
    sb_append(&t, rel);
    if (line > 0)
        sb_appendf(&t, ":%d", line);
    sb_appendf(&t, "%s%s%s: %s", column ? " (column " : "", column ? column : "",
               column ? ")" : "", msg);
    fig_add_check(c->fs, sb_cstr(&t));
    sb_free(&t);
    free(msg);
}

bool cx_is_total(const table *t, size_t r)
{
    return t && r < t->nrows && t->rows[r].total;
}

/* The value of a count, number or money cell, in its own units (pence). */
static double S_cell_value(coltype type, const cell *x)
{
    switch (type) {
    case COL_COUNT: return (double)x->v.i;
    case COL_MONEY: return (double)x->v.pence;
    default: return x->v.d;
    }
}

/* v of a cell of column type as the return would write it. */
static char *S_cell_text(coltype type, double v, int decimals, bool whole)
{
    if (type == COL_COUNT)
        return fmt_count((int64_t)llround(v));
    if (type == COL_MONEY)
        return fmt_money((int64_t)llround(v), whole);
    return fmt_number(v, decimals);
}

/* 2^53: the largest whole number a figure (a double) holds exactly, and far
 * from int64's limit, so no sum below it can overflow. */
#define S_SUM_MAX 9007199254740992ULL

static bool S_sums_fit_in(cctx *c, const table *t, bool prev, const int *cols)
{
    bool ok = true;
    for (size_t k = 0; cols[k] >= 0; k++) {
        const colspec *cs = &c->def->schema->cols[cols[k]];
        uint64_t acc = 0; /* at most 2^53 before each add: never overflows */
        for (size_t r = 0; r < t->nrows; r++) {
            const cell *x = cx_cell(t, r, cols[k]);
            if (!x)
                continue;
            int64_t v = cs->type == COL_MONEY ? x->v.pence : x->v.i;
            acc += v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
            if (acc > S_SUM_MAX) {
                char *file = cx_diag_file(c, prev);
                diag_add(c->dl, DIAG_ERROR, file, t->rows[r].line, cs->name, x->text,
                         "by this row the column's values add up to more than %s, more than a "
                         "figure of the report can hold exactly: expected the return's own "
                         "%s (a value pasted into the wrong column?)",
                         cs->type == COL_MONEY ? "\xC2\xA3" "90,071,992,547,409.92"
                                               : "9,007,199,254,740,992",
                         cs->type == COL_MONEY ? "amounts" : "counts");
                free(file);
                ok = false;
                break;
            }
        }
    }
    return ok;
}

bool cx_sums_fit(cctx *c, const int *cols)
{
    bool ok = S_sums_fit_in(c, c->cur, false, cols);
    if (c->prev && !S_sums_fit_in(c, c->prev, true, cols))
        ok = false;
    return ok;
}

void cx_check_totals(cctx *c, const table *t, const char *file, const int *cols)
{
    const schema *s = c->def->schema;
    for (size_t r = 0; r < t->nrows; r++) {
        if (!t->rows[r].total)
            continue;
        for (size_t k = 0; cols && cols[k] >= 0; k++) {
            const cell *tot = cx_cell(t, r, cols[k]);
            if (!tot)
                continue; /* blank: not recorded, so nothing to check */
            coltype type = s->cols[cols[k]].type;
            double sum = 0;
            int decimals = type == COL_NUMBER ? cell_decimals(tot) : 0;
            bool whole = type != COL_MONEY || tot->v.pence % 100 == 0;
            for (size_t a = 0; a < r; a++) {
                const cell *x = cx_cell(t, a, cols[k]);
                if (t->rows[a].total || !x)
                    continue;
                sum += S_cell_value(type, x);
                if (type == COL_NUMBER && cell_decimals(x) > decimals)
                    decimals = cell_decimals(x);
                if (type == COL_MONEY && x->v.pence % 100 != 0)
                    whole = false;
            }
            double said = S_cell_value(type, tot);
            /* numbers as written: equal when they print the same */
            double tol = type == COL_NUMBER ? 0.5 * pow(10.0, -decimals) : 0.5;
            if (fabs(said - sum) < tol)
                continue;
            char *a = S_cell_text(type, said, decimals, whole);
            char *b = S_cell_text(type, sum, decimals, whole);
            cx_recon(c, file, t->rows[r].line, s->cols[cols[k]].name, tot->text,
                     "declared total %s does not match the sum of the rows above it, %s; the "
                     "row is not counted, the sum is used", a, b);
            free(a);
            free(b);
        }
    }
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
    /* Labels without a letter or digit a-z 0-9 ("???", "警察") keep keys of
     * their own, never a shared "blank" (text_group_slug). */
    return text_group_slug(s ? s : "");
}

bool cx_is_total_label(const char *s)
{
    if (!s)
        return false;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s != 'T' && *s != 't' && *s != 'G' && *s != 'g' && (unsigned char)*s != 0xC2)
        return false;  /* a quick no for nearly every text (0xC2: a no-break space) */
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
        ds_set_short(ds, r, col, DC_U);
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

/* The full key of year k's figure key (plain for the reporting year), in
 * buffer b. */
static const char *S_full_key(strbuf *b, const cctx *c, int k, const char *key)
{
    sb_clear(b);
    if (k > 0 && k < PROJECT_YEARS) {
        int y = c->p->years[k].start;
        sb_appendf(b, "year.%d_%02d.", y, (y + 1) % 100);
    }
    sb_append(b, key);
    return sb_cstr(b);
}

void cx_cover(cctx *c, const char *key)
{
    strbuf b = STRBUF_INIT;
    fig_cover(c->fs, S_full_key(&b, c, c->k, key));
    sb_free(&b);
}

void cx_derive(cctx *c, const char *key, const char *input)
{
    strbuf a = STRBUF_INIT, b = STRBUF_INIT;
    fig_derive(c->fs, S_full_key(&a, c, c->k, key), S_full_key(&b, c, c->k, input));
    sb_free(&a);
    sb_free(&b);
}

void cx_sum(cctx *c, const char *name, const char *total, const char *const *parts, size_t n)
{
    strbuf t = STRBUF_INIT;
    char **full = xmalloc((n ? n : 1) * sizeof *full);
    for (size_t i = 0; i < n; i++) {
        strbuf b = STRBUF_INIT;
        full[i] = xstrdup(S_full_key(&b, c, c->k, parts[i]));
        sb_free(&b);
    }
    fig_add_sum(c->fs, name, S_full_key(&t, c, c->k, total), (const char *const *)full, n);
    for (size_t i = 0; i < n; i++)
        free(full[i]);
    free(full);
    sb_free(&t);
}

void cx_same_as_previous(cctx *c, const char *key, const char *prev_key)
{
    strbuf a = STRBUF_INIT, b = STRBUF_INIT;
    const char *part = S_full_key(&b, c, c->k + 1, prev_key);
    fig_add_sum(c->fs, "the same figure in the year before's return", S_full_key(&a, c, c->k, key),
                &part, 1);
    sb_free(&a);
    sb_free(&b);
}

const figure *cx_figure(cctx *c, const char *key)
{
    strbuf b = STRBUF_INIT;
    const figure *f = fig_find(c->fs, S_full_key(&b, c, c->k, key));
    sb_free(&b);
    return f;
}

void cx_cell_figure(cctx *c, dataset *ds, size_t r, size_t col, const char *key)
{
    ds_set_figure(ds, r, col, cx_figure(c, key));
}

void cx_fig_count(cctx *c, const char *key, int64_t n, const char *def, const char *src)
{
    char *d = fmt_count(n);
    cx_fig(c, key, true, (double)n, d, "count", def, src);
    free(d);
    if (c->covering)
        cx_cover(c, key);
}

void cx_fig_share(cctx *c, const char *key, const char *num_key, const char *den_key,
                  const char *def, const char *src)
{
    const figure *num = cx_figure(c, num_key), *den = cx_figure(c, den_key);
    double nv = num ? num->value : 0, dv = den ? den->value : 0;
    char *k = xstrdup(key), *nk = xstrdup(num_key), *dk = xstrdup(den_key);
    cx_fig_pct(c, k, nv, dv, def, src);
    cx_derive(c, k, nk);
    cx_derive(c, k, dk);
    free(k);
    free(nk);
    free(dk);
}

void cx_fig_pct(cctx *c, const char *key, double num, double den, const char *def,
                const char *src)
{
    if (den == 0.0) {
        cx_fig(c, key, false, 0.0, "n/a", "percent", def, src);
        fig_set_status(c->fs, sb_cstr(&c->scratch), FIG_NO_DENOMINATOR);
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
        fig_set_status(c->fs, sb_cstr(&c->scratch), FIG_LOW_BASE);
    }
    sb_free(&k);
    sb_free(&d);
}

void cx_fig_change_of(cctx *c, const char *prefix, const char *cur_key, const char *prev_key,
                      const char *what, const char *src)
{
    const figure *fc = cx_figure(c, cur_key), *fp = cx_figure(c, prev_key);
    int64_t cur = fc ? (int64_t)fc->value : 0, prev = fp ? (int64_t)fp->value : 0;
    char *pre = xstrdup(prefix), *ck = xstrdup(cur_key), *pk = xstrdup(prev_key);
    char *w = xstrdup(what), *sr = xstrdup(src);
    cx_fig_change(c, pre, cur, prev, w, sr);
    strbuf k = STRBUF_INIT;
    for (int i = 0; i < 2; i++) {
        sb_clear(&k);
        sb_appendf(&k, "%s.%s", pre, i ? "change_pct" : "change");
        cx_derive(c, sb_cstr(&k), ck);
        cx_derive(c, sb_cstr(&k), pk);
    }
    sb_free(&k);
    free(pre), free(ck), free(pk), free(w), free(sr);
}

/* The figure `key` of year k (the plain key for the reporting year). */
static const figure *S_year_figure(cctx *c, int k, const char *key)
{
    if (k >= PROJECT_YEARS || !c->p->years[k].present)
        return NULL;
    sb_clear(&c->scratch);
    if (k > 0) {
        int y = c->p->years[k].start;
        sb_appendf(&c->scratch, "year.%d_%02d.", y, (y + 1) % 100);
    }
    sb_append(&c->scratch, key);
    const figure *f = fig_find(c->fs, sb_cstr(&c->scratch));
    return f && f->available ? f : NULL;
}

/* This year's and the year before's value of key, when both are known. */
static bool S_both(cctx *c, const char *key, double *cur, double *prev)
{
    if (!c->prev)
        return false;
    const figure *fc = S_year_figure(c, c->k, key);
    const figure *fp = S_year_figure(c, c->k + 1, key);
    if (!fc || !fp)
        return false;
    *cur = fc->value;
    *prev = fp->value;
    return true;
}

bool cx_change_count(cctx *c, const char *key, const char *base, const char *what)
{
    double cur, prev;
    char *k = xstrdup(base), *w = xstrdup(what);
    if (!S_both(c, key, &cur, &prev)) {
        free(k);
        free(w);
        return false;
    }
    char *psrc = cx_source(c, true), *both = cx_sources(c, true), *kk = xstrdup(key);
    char *pk = xstrdup(cx_key(c, "%s.previous", k));
    cx_fig_count(c, pk, (int64_t)prev, cx_def(c, "%s in %s", w, c->prev_year), psrc);
    cx_same_as_previous(c, pk, kk);
    cx_fig_change_of(c, k, kk, pk, w, both);
    free(pk);
    free(kk);
    free(psrc);
    free(both);
    free(k);
    free(w);
    return true;
}

/* <base>.previous, .change and .change_pct of a value shown by show(). */
static bool S_change_value(cctx *c, const char *key, const char *base, const char *what,
                           const char *unit, const char *change_unit, bool with_pct,
                           char *(*show)(double, int), char *(*show_change)(double, int),
                           int arg)
{
    double cur, prev;
    char *k = xstrdup(base), *w = xstrdup(what);
    if (!S_both(c, key, &cur, &prev)) {
        free(k);
        free(w);
        return false;
    }
    char *psrc = cx_source(c, true), *both = cx_sources(c, true);
    char *d = show(prev, arg);
    cx_fig(c, cx_key(c, "%s.previous", k), true, prev, d, unit,
           cx_def(c, "%s in %s", w, c->prev_year), psrc);
    free(d);
    d = show_change(cur - prev, arg);
    cx_fig(c, cx_key(c, "%s.change", k), true, cur - prev, d, change_unit,
           cx_def(c, "Change in %s from %s to %s", w, c->prev_year, c->year), both);
    free(d);
    if (with_pct) {
        const char *def = cx_def(c, "Change in %s from %s to %s as a percentage of %s; not "
                                    "shown when the %s figure is below %d (small base)",
                                 w, c->prev_year, c->year, c->prev_year, c->prev_year,
                                 FMT_SMALL_BASE);
        char *key2 = xstrdup(cx_key(c, "%s.change_pct", k));
        char *pd = fmt_change_pct(cur, prev);
        if (pd)
            cx_fig(c, key2, true, cx_pct(cur - prev, prev), pd, "percent change", def, both);
        else
            cx_fig(c, key2, false, 0.0, "n/a", "percent change", def, both);
        free(pd);
        free(key2);
    }
    free(psrc);
    free(both);
    free(k);
    free(w);
    return true;
}

static char *S_show_money(double pounds, int whole)
{
    return fmt_money((int64_t)llround(pounds * 100.0), whole != 0);
}

static char *S_show_money_change(double pounds, int whole)
{
    return fmt_money_change((int64_t)llround(pounds * 100.0), whole != 0);
}

bool cx_change_money(cctx *c, const char *key, const char *base, const char *what, bool whole)
{
    return S_change_value(c, key, base, what, "GBP", "GBP change", true, S_show_money,
                          S_show_money_change, whole);
}

bool cx_change_number(cctx *c, const char *key, const char *base, const char *what,
                      int decimals, const char *unit, const char *change_unit, bool with_pct)
{
    return S_change_value(c, key, base, what, unit, change_unit, with_pct, fmt_number,
                          fmt_number_change, decimals);
}

static size_t S_slug_hash(const char *s)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)(h ^ (h >> 32));
}

/* Put group i in the index, which has a free slot. */
static void S_slot_put(cx_groups *g, size_t i)
{
    size_t m = g->nslot - 1, k = S_slug_hash(g->items[i].slug) & m;
    while (g->slot[k])
        k = (k + 1) & m;
    g->slot[k] = i + 1;
}

/* Keep the index at most half full (so every probe ends at a free slot). */
static void S_slots_reserve(cx_groups *g, size_t n)
{
    if (g->nslot >= 2 * n && g->nslot)
        return;
    size_t ns = g->nslot ? g->nslot : 64;
    while (ns < 2 * n)
        ns *= 2;
    free(g->slot);
    g->slot = xcalloc(ns, sizeof *g->slot);
    g->nslot = ns;
    for (size_t i = 0; i < g->n; i++)
        S_slot_put(g, i);
}

size_t cx_group_get(cx_groups *g, const char *text, int line)
{
    size_t h = ((uintptr_t)text >> 4) & 63;
    if (text && g->ckey[h] == text)
        return g->cval[h];
    char *slug = cx_slug(text);
    size_t i = cx_group_find(g, slug);
    if (i != (size_t)-1) {
        free(slug);
        g->ckey[h] = text;
        g->cval[h] = i;
        return i;
    }
    g->ckey[h] = text;
    g->cval[h] = g->n;
    return cx_group_add(g, slug, text ? text : "", line);
}

size_t cx_group_add(cx_groups *g, char *slug, const char *label, int line)
{
    XGROW(g->items, g->cap, g->n + 1);
    cx_group *x = &g->items[g->n];
    memset(x, 0, sizeof *x);
    x->slug = slug;
    x->label = xstrdup(label);
    x->first_line = line;
    S_slots_reserve(g, g->n + 1);
    S_slot_put(g, g->n);
    return g->n++;
}

size_t cx_group_find(const cx_groups *g, const char *slug)
{
    if (!g->nslot)
        return (size_t)-1;
    size_t m = g->nslot - 1;
    for (size_t k = S_slug_hash(slug) & m; g->slot[k]; k = (k + 1) & m)
        if (strcmp(g->items[g->slot[k] - 1].slug, slug) == 0)
            return g->slot[k] - 1;
    return (size_t)-1;
}

void cx_groups_free(cx_groups *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->items[i].slug);
        free(g->items[i].label);
    }
    free(g->items);
    free(g->slot);
    memset(g, 0, sizeof *g);
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
