/* compute_crime.c - figures and tables from crime_figures.csv.
 *
 * Recorded crime over rolling twelve months: the latest period_end in the
 * file is the current period, the one exactly twelve months earlier the
 * previous period.  A previous-period value missing from this year's file is
 * taken from the previous year's return when that has it.  Rows whose
 * crime_type or area is Total / Grand Total are declared totals: checked
 * against the sum of the other rows of the same period, never added.
 * Knows the crime return's columns; nothing about files or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    bool has_cur, has_prev;
    int64_t cur, prev;
    int cur_line, prev_line;
    bool prev_from_prev_year;
} crime_pair;

static int32_t S_minus_year(int32_t ym)
{
    return ym - 100;
}

static char *S_period_label(int32_t ym)
{
    char *m = fmt_month(ym, false);
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "12 months to %s", m);
    free(m);
    return sb_take(&b);
}

static bool S_total_row(const table *t, size_t r)
{
    const cell *ty = cx_cell(t, r, CRIME_TYPE), *ar = cx_cell(t, r, CRIME_AREA);
    return (ty && cx_is_total_label(ty->text)) || (ar && cx_is_total_label(ar->text));
}

/* Check each declared total row against the other rows of its period. */
static void S_check_totals(cctx *c, const table *t, const char *file)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (!S_total_row(t, r))
            continue;
        const cell *ty = cx_cell(t, r, CRIME_TYPE), *ar = cx_cell(t, r, CRIME_AREA);
        const cell *pe = cx_cell(t, r, CRIME_PERIOD_END), *n = cx_cell(t, r, CRIME_COUNT);
        if (!ty || !ar || !pe || !n)
            continue;
        bool type_total = cx_is_total_label(ty->text);
        if (type_total && cx_is_total_label(ar->text))
            continue; /* a grand total of totals: nothing simple to check */
        /* Type total: sum the types of this area; area total: the areas of this type. */
        char *keep = cx_slug(type_total ? ar->text : ty->text);
        int64_t sum = 0;
        size_t parts = 0;
        for (size_t k = 0; k < t->nrows; k++) {
            if (S_total_row(t, k))
                continue;
            const cell *kt = cx_cell(t, k, CRIME_TYPE), *ka = cx_cell(t, k, CRIME_AREA);
            const cell *kp = cx_cell(t, k, CRIME_PERIOD_END), *kn = cx_cell(t, k, CRIME_COUNT);
            if (!kt || !ka || !kp || !kn || kp->v.ym != pe->v.ym)
                continue;
            char *s = cx_slug(type_total ? ka->text : kt->text);
            if (strcmp(s, keep) == 0) {
                sum += kn->v.i;
                parts++;
            }
            free(s);
        }
        free(keep);
        if (parts && sum != n->v.i)
            cx_recon(c, file, t->rows[r].line, type_total ? "crime_type" : "area",
                     type_total ? ty->text : ar->text,
                     "declared total (%" PRId64 ") does not match the sum of the other rows of "
                     "the same %s and period (%" PRId64 "); the row is not used",
                     n->v.i, type_total ? "area" : "crime type", sum);
    }
}

void compute_crime(cctx *c)
{
    const table *t = cx_cur(c, RET_CRIME);
    const table *pt = cx_prev(c, RET_CRIME);
    char *file = cx_diag_file(c, RET_CRIME, false);
    cx_groups types = {NULL, 0, 0}, areas = {NULL, 0, 0};

    int32_t cur = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *pe = cx_cell(t, r, CRIME_PERIOD_END);
        if (pe && !S_total_row(t, r) && pe->v.ym > cur)
            cur = pe->v.ym;
        if (!S_total_row(t, r)) {
            const cell *ty = cx_cell(t, r, CRIME_TYPE), *ar = cx_cell(t, r, CRIME_AREA);
            size_t gi = cx_group_get(&types, ty ? ty->text : "", t->rows[r].line);
            types.items[gi].in_cur = true;
            cx_group_get(&areas, ar ? ar->text : "", t->rows[r].line);
        }
    }
    int32_t prev = S_minus_year(cur);
    S_check_totals(c, t, file);

    /* Areas: the report's own area first, then file order. */
    size_t *aorder = xmalloc((areas.n ? areas.n : 1) * sizeof *aorder);
    size_t na = 0;
    char *own = cx_slug(c->p->cfg.area ? c->p->cfg.area : "");
    size_t own_i = cx_group_find(&areas, own);
    free(own);
    if (own_i != (size_t)-1)
        aorder[na++] = own_i;
    for (size_t i = 0; i < areas.n; i++)
        if (i != own_i)
            aorder[na++] = i;

    size_t npairs = types.n * areas.n;
    crime_pair *pairs = xcalloc(npairs > 0 ? npairs : 1, sizeof *pairs);
    for (size_t r = 0; r < t->nrows; r++) {
        if (S_total_row(t, r))
            continue;
        const cell *ty = cx_cell(t, r, CRIME_TYPE), *ar = cx_cell(t, r, CRIME_AREA);
        const cell *pe = cx_cell(t, r, CRIME_PERIOD_END), *n = cx_cell(t, r, CRIME_COUNT);
        if (!pe || !n)
            continue;
        char *ts = cx_slug(ty ? ty->text : ""), *as = cx_slug(ar ? ar->text : "");
        crime_pair *p = &pairs[cx_group_find(&types, ts) * areas.n + cx_group_find(&areas, as)];
        free(ts);
        free(as);
        bool is_cur = pe->v.ym == cur;
        if (!is_cur && pe->v.ym != prev)
            continue;
        bool *has = is_cur ? &p->has_cur : &p->has_prev;
        int64_t *val = is_cur ? &p->cur : &p->prev;
        int *line = is_cur ? &p->cur_line : &p->prev_line;
        if (*has) {
            if (*val != n->v.i)
                diag_add(c->dl, DIAG_ERROR, file, t->rows[r].line, "count", n->text,
                         "a second, different count for %s, %s in the same period "
                         "(line %d has %" PRId64 "); keep one row per crime type, area and "
                         "period",
                         ty ? ty->text : "", ar ? ar->text : "", *line, *val);
            continue;
        }
        *has = true;
        *val = n->v.i;
        *line = t->rows[r].line;
    }

    /* Previous year's return: fills previous-period gaps, and its crime types
     * are compared with this year's. */
    size_t ncur_types = types.n; /* pairs covers these only */
    if (pt) {
        for (size_t r = 0; r < pt->nrows; r++) {
            if (S_total_row(pt, r))
                continue;
            const cell *ty = cx_cell(pt, r, CRIME_TYPE), *ar = cx_cell(pt, r, CRIME_AREA);
            const cell *pe = cx_cell(pt, r, CRIME_PERIOD_END), *n = cx_cell(pt, r, CRIME_COUNT);
            char *ts = cx_slug(ty ? ty->text : ""), *as = cx_slug(ar ? ar->text : "");
            size_t ti = cx_group_find(&types, ts), ai = cx_group_find(&areas, as);
            free(ts);
            free(as);
            if (ti == (size_t)-1) {
                /* A type only in the previous year: named below, no row. */
                ti = cx_group_get(&types, ty ? ty->text : "", pt->rows[r].line);
            } else if (ti < ncur_types && ai != (size_t)-1 && pe && n && pe->v.ym == prev) {
                crime_pair *p = &pairs[ti * areas.n + ai];
                if (!p->has_prev) {
                    p->has_prev = true;
                    p->prev = n->v.i;
                    p->prev_line = pt->rows[r].line;
                    p->prev_from_prev_year = true;
                }
            }
            types.items[ti].in_prev = true;
        }
        char *only_cur = cx_only_in(&types, true), *only_prev = cx_only_in(&types, false);
        if (only_cur || only_prev)
            cx_recon(c, file, 0, "crime_type", NULL,
                     "the crime types differ from the previous year's return; only in %s: %s; "
                     "only in %s: %s",
                     c->year, only_cur ? only_cur : "none", c->prev_year,
                     only_prev ? only_prev : "none");
        free(only_cur);
        free(only_prev);
    }

    char *src = cx_source(c, RET_CRIME, false);
    char *src2 = cx_sources(c, RET_CRIME, true);
    char *cur_label = S_period_label(cur), *prev_label = S_period_label(prev);
    fig_set(c->fs, "crime.period.current", cur != 0, (double)cur, cur ? cur_label : NULL,
            "month", "Current period: the latest twelve months in the crime return", src);
    fig_set(c->fs, "crime.period.previous", cur != 0, (double)prev, cur ? prev_label : NULL,
            "month", "Previous period: the twelve months ending a year before the current period",
            src);

    char title[128];
    snprintf(title, sizeof title, "Recorded crime, %s", c->year);
    dataset *ds = ds_new(c->dsl, "crime", "Crime", title,
                         "Crimes recorded by the police over twelve months, current and "
                         "previous period, by crime type and area.",
                         src, RET_CRIME);
    char h[96];
    ds_add_col(ds, "Crime type", DFMT_TEXT);
    ds_add_col(ds, "Area", DFMT_TEXT);
    snprintf(h, sizeof h, "%s (number)", prev_label);
    ds_add_col(ds, h, DFMT_COUNT);
    snprintf(h, sizeof h, "%s (number)", cur_label);
    ds_add_col(ds, h, DFMT_COUNT);
    ds_add_col(ds, "Change (number)", DFMT_CHANGE);
    ds_add_col(ds, "Change (%)", DFMT_CHANGE_PCT);

    bool used_prev_year = false;
    for (size_t ti = 0; ti < ncur_types; ti++) {
        for (size_t k = 0; k < na; k++) {
            size_t ai = aorder[k];
            const crime_pair *p = &pairs[ti * areas.n + ai];
            if (!p->has_cur && !p->has_prev)
                continue;
            const cx_group *tg = &types.items[ti], *ag = &areas.items[ai];
            const char *psrc = p->prev_from_prev_year ? src2 : src;
            used_prev_year = used_prev_year || p->prev_from_prev_year;
            const char *what = cx_def(c, "%s recorded in %s", tg->label, ag->label);
            char *pre = xstrdup(cx_key(c, "crime.%s.%s", tg->slug, ag->slug));
            char *whatc = xstrdup(what);
            if (p->has_cur)
                cx_fig_count(c, cx_key(c, "%s.current", pre), p->cur,
                             cx_def(c, "%s, %s", whatc, cur_label), src);
            else
                cx_fig_na(c, cx_key(c, "%s.current", pre), "count",
                          cx_def(c, "%s, %s (not in the return)", whatc, cur_label), src);
            if (p->has_prev)
                cx_fig_count(c, cx_key(c, "%s.previous", pre), p->prev,
                             cx_def(c, "%s, %s", whatc, prev_label),
                             p->prev_from_prev_year ? src2 : src);
            else
                cx_fig_na(c, cx_key(c, "%s.previous", pre), "count",
                          cx_def(c, "%s, %s (not in the return)", whatc, prev_label), src);
            if (p->has_cur && p->has_prev) {
                /* Periods, not financial years: say so in the definitions. */
                char *k1 = xstrdup(cx_key(c, "%s.change", pre));
                char *k2 = xstrdup(cx_key(c, "%s.change_pct", pre));
                char *d = fmt_change(p->cur - p->prev);
                fig_set(c->fs, k1, true, (double)(p->cur - p->prev), d, "change",
                        cx_def(c, "Change in %s from the previous to the current twelve "
                                  "months",
                               whatc),
                        psrc);
                free(d);
                d = fmt_change_pct((double)p->cur, (double)p->prev);
                const char *def2 = cx_def(c, "Change in %s from the previous to the current "
                                             "twelve months, as a percentage of the previous; "
                                             "not shown when that is below 20 (small base)",
                                          whatc);
                if (d)
                    fig_set(c->fs, k2, true, cx_pct((double)(p->cur - p->prev), (double)p->prev),
                            d, "percent change", def2, psrc);
                else
                    fig_set(c->fs, k2, false, 0.0, "n/a", "percent change", def2, psrc);
                free(d);
                free(k1);
                free(k2);
            } else {
                cx_fig_na(c, cx_key(c, "%s.change", pre), "change",
                          cx_def(c, "Change in %s (a period is missing)", whatc), src);
                cx_fig_na(c, cx_key(c, "%s.change_pct", pre), "percent change",
                          cx_def(c, "Percentage change in %s (a period is missing)", whatc),
                          src);
            }
            free(pre);
            free(whatc);

            size_t r = ds_add_row(ds);
            ds_set_text(ds, r, 0, tg->label);
            ds_set_text(ds, r, 1, ag->label);
            if (p->has_prev)
                ds_set_num(ds, r, 2, (double)p->prev);
            else
                ds_set_short(ds, r, 2, DC_X);
            if (p->has_cur)
                ds_set_num(ds, r, 3, (double)p->cur);
            else
                ds_set_short(ds, r, 3, DC_X);
            if (p->has_cur && p->has_prev) {
                ds_set_num(ds, r, 4, (double)(p->cur - p->prev));
                if (p->prev < 20)
                    ds_set_short(ds, r, 5, DC_C);
                else
                    ds_set_num(ds, r, 5, cx_pct((double)(p->cur - p->prev), (double)p->prev));
            } else {
                ds_set_short(ds, r, 4, DC_X);
                ds_set_short(ds, r, 5, DC_X);
            }
        }
    }
    if (used_prev_year) {
        free(ds->sources);
        ds->sources = xstrdup(src2);
    }
    ds_add_note(ds, "[x]: not in the return for that period. [c]: percentage change not shown "
                    "because the previous period's number is below 20 (small base).");

    free(cur_label);
    free(prev_label);
    free(src);
    free(src2);
    free(pairs);
    free(aorder);
    cx_groups_free(&types);
    cx_groups_free(&areas);
    free(file);
}
