/* compute.c - compute_all() and the helpers the per-return files share.
 *
 * Reads only the project's tables and settings (never a file, never an
 * output format).  Every percentage, change and key shape is made here, so
 * the rules of section 5 live in one place; compute_<return>.c files decide
 * only which counts to make. */
#include "compute_internal.h"

#include "../util/alloc.h"
#include "../util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Return file names, by return_id (the schema's own names; kept here so that
 * compute and its tests work on tables built without a schema). */
static const char *const S_files[RET_COUNT] = {
    "lado_contacts.csv", "looked_after_monthly.csv", "comparators.csv",
    "cdop_reviews.csv",  "training_sessions.csv",    "elearning.csv",
    "crime_figures.csv", "indicators.csv",           "funding.csv"};

const table *cx_cur(const cctx *c, return_id id)
{
    const table *t = &c->p->cur[id];
    return t->present ? t : NULL;
}

const table *cx_prev(const cctx *c, return_id id)
{
    if (!c->p->has_prev)
        return NULL;
    const table *t = &c->p->prev[id];
    return t->present ? t : NULL;
}

const cell *cx_cell(const table *t, size_t r, int col)
{
    if (!t || r >= t->nrows || col < 0 || !t->rows[r].cells)
        return NULL;
    if (t->schema && (size_t)col >= t->schema->ncols)
        return NULL;
    const cell *x = &t->rows[r].cells[col];
    return x->present ? x : NULL;
}

char *cx_source(const cctx *c, return_id id, bool prev)
{
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "%s/%s", prev ? c->prev_year : c->year, S_files[id]);
    return sb_take(&b);
}

char *cx_sources(const cctx *c, return_id id, bool with_prev)
{
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "%s/%s", c->year, S_files[id]);
    if (with_prev)
        sb_appendf(&b, "; %s/%s", c->prev_year, S_files[id]);
    return sb_take(&b);
}

char *cx_diag_file(const cctx *c, return_id id, bool prev)
{
    const table *t = prev ? &c->p->prev[id] : &c->p->cur[id];
    if (t->path)
        return xstrdup(t->path);
    return cx_source(c, id, prev);
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
    const char *s = S_vscratch(&c->def, fmt, ap);
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

void cx_fig_count(cctx *c, const char *key, int64_t n, const char *def, const char *src)
{
    char *d = fmt_count(n);
    fig_set(c->fs, key, true, (double)n, d, "count", def, src);
    free(d);
}

void cx_fig_pct(cctx *c, const char *key, double num, double den, const char *def,
                const char *src)
{
    if (den == 0.0) {
        fig_set(c->fs, key, false, 0.0, "n/a", "percent", def, src);
        return;
    }
    double v = cx_pct(num, den);
    char *d = fmt_pct_value(v);
    fig_set(c->fs, key, true, v, d, "percent", def, src);
    free(d);
}

void cx_fig_na(cctx *c, const char *key, const char *unit, const char *def, const char *src)
{
    fig_set(c->fs, key, false, 0.0, "n/a", unit, def, src);
}

void cx_fig_change(cctx *c, const char *prefix, int64_t cur, int64_t prev, const char *what,
                   const char *src)
{
    strbuf k = STRBUF_INIT, d = STRBUF_INIT;
    char *disp = fmt_change(cur - prev);
    sb_appendf(&k, "%s.change", prefix);
    sb_appendf(&d, "Change in %s from %s to %s", what, c->prev_year, c->year);
    fig_set(c->fs, sb_cstr(&k), true, (double)(cur - prev), disp, "change", sb_cstr(&d), src);
    free(disp);

    sb_clear(&k);
    sb_clear(&d);
    sb_appendf(&k, "%s.change_pct", prefix);
    sb_appendf(&d, "Change in %s from %s to %s as a percentage of %s; not shown when the "
                   "%s figure is below 20 (small base)",
               what, c->prev_year, c->year, c->prev_year, c->prev_year);
    disp = fmt_change_pct((double)cur, (double)prev);
    if (disp) {
        fig_set(c->fs, sb_cstr(&k), true, cx_pct((double)(cur - prev), (double)prev), disp,
                "percent change", sb_cstr(&d), src);
        free(disp);
    } else {
        fig_set(c->fs, sb_cstr(&k), false, 0.0, "n/a", "percent change", sb_cstr(&d), src);
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

int compute_all(const project *p, figstore *fs, dataset_list *dsl, diag_list *dl)
{
    size_t errors_before = dl->nerrors;
    cctx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.fs = fs;
    c.dsl = dsl;
    c.dl = dl;
    int y = p->cfg.year_start;
    snprintf(c.year, sizeof c.year, "%d-%02d", y, (y + 1) % 100);
    snprintf(c.prev_year, sizeof c.prev_year, "%d-%02d", y - 1, y % 100);

    /* Report order: the chapters of the default template. */
    if (cx_cur(&c, RET_LADO))
        compute_lado(&c);
    if (cx_cur(&c, RET_LAC))
        compute_lac(&c);
    if (cx_cur(&c, RET_COMPARATORS))
        compute_comparators(&c);
    if (cx_cur(&c, RET_CDOP))
        compute_cdop(&c);
    if (cx_cur(&c, RET_TRAINING))
        compute_training(&c);
    if (cx_cur(&c, RET_ELEARNING))
        compute_elearning(&c);
    if (cx_cur(&c, RET_CRIME))
        compute_crime(&c);
    if (cx_cur(&c, RET_INDICATORS))
        compute_indicators(&c);
    if (cx_cur(&c, RET_FUNDING))
        compute_funding(&c);

    sb_free(&c.key);
    sb_free(&c.def);
    return dl->nerrors > errors_before ? -1 : 0;
}

static const struct {
    const char *id;
    return_id ret;
} S_datasets[] = {
    {"lado_quarter", RET_LADO},         {"lado_outcome", RET_LADO},
    {"lado_agency", RET_LADO},          {"lado_agency_outcome", RET_LADO},
    {"lac_month", RET_LAC},             {"lac_comparators", RET_COMPARATORS},
    {"cdop_age", RET_CDOP},             {"cdop_sex", RET_CDOP},
    {"cdop_category", RET_CDOP},        {"cdop_expected", RET_CDOP},
    {"cdop_ethnicity", RET_CDOP},       {"training_course", RET_TRAINING},
    {"training_elearning", RET_ELEARNING}, {"crime", RET_CRIME},
    {"indicators_latest", RET_INDICATORS}, {"indicators", RET_INDICATORS},
    {"funding", RET_FUNDING},
};
#define S_NDATASETS (sizeof S_datasets / sizeof S_datasets[0])

const char *const *compute_dataset_ids(void)
{
    static const char *ids[S_NDATASETS + 1];
    if (!ids[0])
        for (size_t i = 0; i < S_NDATASETS; i++)
            ids[i] = S_datasets[i].id;
    return ids;
}

int compute_dataset_return(const char *id)
{
    for (size_t i = 0; i < S_NDATASETS; i++)
        if (strcmp(S_datasets[i].id, id) == 0)
            return (int)S_datasets[i].ret;
    return -1;
}
