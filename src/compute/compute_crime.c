/* compute_crime.c - figures and tables from crime_figures.csv.
 *
 * Recorded crime over rolling twelve months: the latest period_end in the
 * file is the current period, the one exactly twelve months earlier the
 * previous period.  A previous-period value missing from this year's file is
 * taken from the previous year's return when that has it.  Rows whose
 * crime_type or area is Total / Grand Total are declared totals: checked
 * against the sum of the other rows of the same period, never added.
 *
 * Forces name things differently ("Total Crimes" and "Met Total" in London,
 * "All crime" and "Northshire Police" elsewhere), so which crime type is the
 * total of all crime and which area is the comparison come from report.ini
 * ([crime] total and comparison_area) or, when it does not say, from the
 * data: the first type named as a total usually is ("All crime", "Total
 * crimes", "Total recorded crime ..."), and the one area other than the
 * report's own.  They become the text figures crime.total_type and
 * crime.comparison_area, which templates quote and use in keys as @total
 * and @comparison.  Knows the crime return's columns; nothing about files
 * or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <inttypes.h>
#include <stdio.h>
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

/* A declared total: the loader's (the first cell reads Total), or a type or
 * an area named Total wherever its column is. */
static bool S_total_row(const table *t, size_t r)
{
    const cell *ty = cx_cell(t, r, CRIME_TYPE), *ar = cx_cell(t, r, CRIME_AREA);
    return cx_is_total(t, r) || (ty && cx_is_total_label(ty->text)) ||
           (ar && cx_is_total_label(ar->text));
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

/* What one year's crime return holds, by crime type x area. */
typedef struct {
    cx_groups types, areas;
    size_t ncur_types;   /* types of this year's return; pairs covers these only */
    size_t *aorder;      /* areas: the report's own area first, then file order */
    size_t na;
    crime_pair *pairs;   /* ncur_types x areas.n */
    int32_t cur, prev;   /* current and previous period_end (YYYYMM) */
    char *cur_label, *prev_label;
    char *file, *src, *src2;
} crime_data;

/* The current period and the types and areas of this year's return. */
static void S_scan(crime_data *d, const table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (S_total_row(t, r))
            continue;
        const cell *pe = cx_cell(t, r, CRIME_PERIOD_END);
        if (pe && pe->v.ym > d->cur)
            d->cur = pe->v.ym;
        const cell *ty = cx_cell(t, r, CRIME_TYPE), *ar = cx_cell(t, r, CRIME_AREA);
        size_t gi = cx_group_get(&d->types, ty ? ty->text : "", t->rows[r].line);
        d->types.items[gi].in_cur = true;
        cx_group_get(&d->areas, ar ? ar->text : "", t->rows[r].line);
    }
    d->prev = S_minus_year(d->cur);
    d->ncur_types = d->types.n;
}

static void S_order_areas(crime_data *d, const char *own_area)
{
    d->aorder = xmalloc((d->areas.n ? d->areas.n : 1) * sizeof *d->aorder);
    char *own = cx_slug(own_area ? own_area : "");
    size_t own_i = cx_group_find(&d->areas, own);
    free(own);
    if (own_i != (size_t)-1)
        d->aorder[d->na++] = own_i;
    for (size_t i = 0; i < d->areas.n; i++)
        if (i != own_i)
            d->aorder[d->na++] = i;
}

static crime_pair *S_pair(crime_data *d, const cell *ty, const cell *ar)
{
    char *ts = cx_slug(ty ? ty->text : ""), *as = cx_slug(ar ? ar->text : "");
    size_t ti = cx_group_find(&d->types, ts), ai = cx_group_find(&d->areas, as);
    free(ts);
    free(as);
    if (ti == (size_t)-1 || ti >= d->ncur_types || ai == (size_t)-1)
        return NULL;
    return &d->pairs[ti * d->areas.n + ai];
}

/* This year's counts of the current and previous periods; a second,
 * different count for the same type, area and period is an error. */
static void S_fill_current(cctx *c, crime_data *d, const table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (S_total_row(t, r))
            continue;
        const cell *ty = cx_cell(t, r, CRIME_TYPE), *ar = cx_cell(t, r, CRIME_AREA);
        const cell *pe = cx_cell(t, r, CRIME_PERIOD_END), *n = cx_cell(t, r, CRIME_COUNT);
        if (!pe || !n)
            continue;
        crime_pair *p = S_pair(d, ty, ar);
        bool is_cur = pe->v.ym == d->cur;
        if (!p || (!is_cur && pe->v.ym != d->prev))
            continue;
        bool *has = is_cur ? &p->has_cur : &p->has_prev;
        int64_t *val = is_cur ? &p->cur : &p->prev;
        int *line = is_cur ? &p->cur_line : &p->prev_line;
        if (*has) {
            if (*val != n->v.i)
                diag_add(c->dl, DIAG_ERROR, d->file, t->rows[r].line, "count", n->text,
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
}

/* The year before's return fills previous-period gaps, and its crime types
 * are compared with this year's. */
static void S_fill_previous(cctx *c, crime_data *d, const table *pt)
{
    for (size_t r = 0; r < pt->nrows; r++) {
        if (S_total_row(pt, r))
            continue;
        const cell *ty = cx_cell(pt, r, CRIME_TYPE), *ar = cx_cell(pt, r, CRIME_AREA);
        const cell *pe = cx_cell(pt, r, CRIME_PERIOD_END), *n = cx_cell(pt, r, CRIME_COUNT);
        char *ts = cx_slug(ty ? ty->text : "");
        size_t ti = cx_group_find(&d->types, ts);
        free(ts);
        if (ti == (size_t)-1) {
            /* A type only in the previous year: named below, no row. */
            ti = cx_group_get(&d->types, ty ? ty->text : "", pt->rows[r].line);
        } else if (pe && n && pe->v.ym == d->prev) {
            crime_pair *p = S_pair(d, ty, ar);
            if (p && !p->has_prev) {
                p->has_prev = true;
                p->prev = n->v.i;
                p->prev_line = pt->rows[r].line;
                p->prev_from_prev_year = true;
            }
        }
        d->types.items[ti].in_prev = true;
    }
    char *only_cur = cx_only_in(&d->types, true), *only_prev = cx_only_in(&d->types, false);
    if (only_cur || only_prev)
        cx_recon(c, d->file, 0, "crime_type", NULL,
                 "the crime types differ from the previous year's return; only in %s: %s; "
                 "only in %s: %s",
                 c->year, only_cur ? only_cur : "none", c->prev_year,
                 only_prev ? only_prev : "none");
    free(only_cur);
    free(only_prev);
}

/* <pre>.change and .change_pct of one pair: periods, not financial years,
 * so the definitions say so. */
static void S_pair_change(cctx *c, const crime_pair *p, const char *pre, const char *what,
                          const char *psrc)
{
    char *k1 = xstrdup(cx_key(c, "%s.change", pre));
    char *k2 = xstrdup(cx_key(c, "%s.change_pct", pre));
    char *d = fmt_change(p->cur - p->prev);
    cx_fig(c, k1, true, (double)(p->cur - p->prev), d, "change",
           cx_def(c, "Change in %s from the previous to the current twelve months", what),
           psrc);
    free(d);
    d = fmt_change_pct((double)p->cur, (double)p->prev);
    const char *def2 = cx_def(c, "Change in %s from the previous to the current twelve months, "
                                 "as a percentage of the previous; not shown when that is "
                                 "below %d (small base)",
                              what, FMT_SMALL_BASE);
    if (d) {
        cx_fig(c, k2, true, cx_pct((double)(p->cur - p->prev), (double)p->prev), d,
               "percent change", def2, psrc);
    } else {
        cx_fig(c, k2, false, 0.0, "n/a", "percent change", def2, psrc);
        fig_set_status(c->fs, sb_cstr(&c->scratch), FIG_LOW_BASE);
    }
    free(d);
    free(k1);
    free(k2);
}

/* crime.<type>.<area>.current, .previous, .change, .change_pct */
static void S_pair_figures(cctx *c, const crime_data *d, const crime_pair *p,
                           const cx_group *tg, const cx_group *ag)
{
    const char *psrc = p->prev_from_prev_year ? d->src2 : d->src;
    char *what = xstrdup(cx_def(c, "%s recorded in %s", tg->label, ag->label));
    char *pre = xstrdup(cx_key(c, "crime.%s.%s", tg->slug, ag->slug));
    if (p->has_cur)
        cx_fig_count(c, cx_key(c, "%s.current", pre), p->cur,
                     cx_def(c, "%s, %s", what, d->cur_label), d->src);
    else
        cx_fig_na(c, cx_key(c, "%s.current", pre), "count",
                  cx_def(c, "%s, %s (not in the return)", what, d->cur_label), d->src);
    if (p->has_prev)
        cx_fig_count(c, cx_key(c, "%s.previous", pre), p->prev,
                     cx_def(c, "%s, %s", what, d->prev_label), psrc);
    else
        cx_fig_na(c, cx_key(c, "%s.previous", pre), "count",
                  cx_def(c, "%s, %s (not in the return)", what, d->prev_label), d->src);
    if (p->has_cur && p->has_prev) {
        S_pair_change(c, p, pre, what, psrc);
    } else {
        cx_fig_na(c, cx_key(c, "%s.change", pre), "change",
                  cx_def(c, "Change in %s (a period is missing)", what), d->src);
        cx_fig_na(c, cx_key(c, "%s.change_pct", pre), "percent change",
                  cx_def(c, "Percentage change in %s (a period is missing)", what), d->src);
    }
    free(pre);
    free(what);
}

static void S_pair_row(dataset *ds, const crime_pair *p, const cx_group *tg,
                       const cx_group *ag)
{
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
        cx_change_pct_cell(ds, r, 5, (double)p->cur, (double)p->prev);
    } else {
        ds_set_short(ds, r, 4, DC_X);
        ds_set_short(ds, r, 5, DC_X);
    }
}

static dataset *S_new_table(cctx *c, const crime_data *d)
{
    char title[128];
    snprintf(title, sizeof title, "Recorded crime, %s", c->year);
    dataset *ds = cx_dataset(c, "crime", "Crime", title,
                             "Crimes recorded by the police over twelve months, current and "
                             "previous period, by crime type and area.",
                             d->src);
    char h[96];
    ds_add_col(ds, "crime_type", "Crime type", DFMT_TEXT);
    ds_add_col(ds, "area", "Area", DFMT_TEXT);
    snprintf(h, sizeof h, "%s (number)", d->prev_label);
    ds_add_col(ds, "previous", h, DFMT_COUNT);
    snprintf(h, sizeof h, "%s (number)", d->cur_label);
    ds_add_col(ds, "current", h, DFMT_COUNT);
    ds_add_col(ds, "change", "Change (number)", DFMT_CHANGE);
    ds_add_col(ds, "change_pct", "Change (%)", DFMT_CHANGE_PCT);
    return ds;
}

/* The chart of the percentage change by type, one series per area, the
 * areas named in the title in the order the table has them. */
static void S_chart(dataset *ds, const crime_data *d)
{
    strbuf areas = STRBUF_INIT;
    cx_groups seen = CX_GROUPS_INIT;
    for (size_t r = 0; r < ds->nrows; r++)
        cx_group_get(&seen, ds_cell_const(ds, r, 1)->text, 0);
    for (size_t i = 0; i < seen.n; i++)
        sb_appendf(&areas, "%s%s", i == 0 ? "" : (i + 1 == seen.n ? " and " : ", "),
                   seen.items[i].label);
    cx_groups_free(&seen);
    strbuf title = STRBUF_INIT, sub = STRBUF_INIT, note = STRBUF_INIT;
    sb_appendf(&title, "Change in recorded crime by type, %s", sb_cstr(&areas));
    sb_appendf(&sub, "Percentage change, %s compared with %s", d->cur_label, d->prev_label);
    sb_appendf(&note, "[u]: the percentage change is not shown where the previous period "
                      "had fewer than %d crimes (small base).", FMT_SMALL_BASE);
    ds_chart *ch = ds_add_chart(ds, "crime_change", DS_CHART_HBAR, DS_CHART_CHANGE_PCT,
                                sb_cstr(&title), sb_cstr(&sub));
    ds_chart_add_series(ch, "change_pct", NULL);
    ds_chart_set(&ch->category_col, "crime_type");
    ds_chart_set(&ch->pivot_col, "area");
    ds_chart_set(&ch->noun, "crimes");
    ds_chart_set(&ch->small_base_note, sb_cstr(&note));
    sb_free(&areas);
    sb_free(&title);
    sb_free(&sub);
    sb_free(&note);
}

/* How a crime type that counts all crime begins (as a slug), when report.ini
 * does not name it: police.uk's "All crime", the Met's "Total Crimes",
 * ONS's "Total recorded crime (excluding fraud)" and the like. */
static const char *const S_total_names[] = {
    "all_crime", "all_recorded_crime", "total_crime", "total_recorded_crime",
    "total_police_recorded_crime", "total_notifiable_offences", NULL};

static bool S_is_total_name(const char *slug)
{
    for (size_t i = 0; S_total_names[i]; i++)
        if (strncmp(slug, S_total_names[i], strlen(S_total_names[i])) == 0)
            return true;
    return false;
}

/* The first n labels of g but the one at skip, quoted and separated by
 * commas.  Caller frees. */
static char *S_list(const cx_groups *g, size_t skip, size_t n)
{
    strbuf b = STRBUF_INIT;
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == skip)
            continue;
        sb_appendf(&b, "%s\"%s\"", shown ? ", " : "", g->items[i].label);
        shown++;
    }
    return sb_take(&b);
}

/* The group named by a report.ini setting, or (size_t)-1 after a warning
 * naming the file and what it holds. */
static size_t S_setting_group(cctx *c, const crime_data *d, const cx_groups *g, size_t n,
                              const char *value, const char *key, const char *what)
{
    char *slug = cx_slug(value);
    size_t i = cx_group_find(g, slug);
    free(slug);
    if (i != (size_t)-1 && i < n)
        return i;
    char *have = S_list(g, (size_t)-1, n);
    diag_add(c->dl, DIAG_WARNING, d->file, 0, NULL, NULL,
             "report.ini [crime] %s = \"%s\" matches no %s of this return (it has %s): "
             "write it as the return does", key, value, what, *have ? have : "none");
    free(have);
    return (size_t)-1;
}

/* Which type is all crime and which area the comparison (see the top);
 * warns when report.ini names one the return lacks, or when no row is of
 * the report's own area. */
static void S_naming(cctx *c, const crime_data *d, size_t *total, size_t *comparison)
{
    const report_config *cfg = &c->p->cfg;
    *total = *comparison = (size_t)-1;
    size_t own = d->na && d->areas.n ? d->aorder[0] : (size_t)-1;
    char *own_slug = cx_slug(cfg->area ? cfg->area : "");
    if (own != (size_t)-1 && strcmp(d->areas.items[own].slug, own_slug) != 0)
        own = (size_t)-1;
    free(own_slug);
    if (own == (size_t)-1 && d->areas.n) {
        char *have = S_list(&d->areas, (size_t)-1, d->areas.n);
        diag_add(c->dl, DIAG_WARNING, d->file, 0, "area", NULL,
                 "no row is of the report's area, \"%s\" (report.ini area): the areas here "
                 "are %s; write area in report.ini as this return names it, or the crime "
                 "figures of %s cannot be quoted", cfg->area ? cfg->area : "", have,
                 cfg->area ? cfg->area : "the area");
        free(have);
    }
    if (cfg->crime_total) {
        *total = S_setting_group(c, d, &d->types, d->ncur_types, cfg->crime_total, "total",
                                 "crime_type");
    } else {
        for (size_t i = 0; i < d->ncur_types && *total == (size_t)-1; i++)
            if (S_is_total_name(d->types.items[i].slug))
                *total = i;
    }
    if (cfg->crime_comparison) {
        *comparison = S_setting_group(c, d, &d->areas, d->areas.n, cfg->crime_comparison,
                                      "comparison_area", "area");
    } else if (d->areas.n == 2 && own != (size_t)-1) {
        *comparison = own == 0 ? 1 : 0;
    } else if (d->areas.n > 2 && own != (size_t)-1 && c->k == 0) {
        char *have = S_list(&d->areas, own, d->areas.n);
        diag_add(c->dl, DIAG_NOTE, d->file, 0, "area", NULL,
                 "several areas besides %s (%s): set [crime] comparison_area in report.ini "
                 "to the one the report compares with", d->areas.items[own].label, have);
        free(have);
    }
}

static void S_naming_figures(cctx *c, const crime_data *d)
{
    size_t ti, ai;
    S_naming(c, d, &ti, &ai);
    if (ti != (size_t)-1)
        cx_fig(c, "crime.total_type", true, 0.0, d->types.items[ti].label, "text",
               c->p->cfg.crime_total
                   ? "The crime type that counts all recorded crime (report.ini [crime] total)"
                   : "The crime type that counts all recorded crime (named as a total in the "
                     "return)",
               d->src);
    if (ai != (size_t)-1)
        cx_fig(c, "crime.comparison_area", true, 0.0, d->areas.items[ai].label, "text",
               c->p->cfg.crime_comparison
                   ? "The area the report's own is compared with (report.ini [crime] "
                     "comparison_area)"
                   : "The area the report's own is compared with (the return's only other "
                     "area)",
               d->src);
}

/* Figures and a table row for every type and area with either period. */
static void S_output(cctx *c, crime_data *d)
{
    cx_fig(c, "crime.period.current", d->cur != 0, (double)d->cur,
           d->cur ? d->cur_label : NULL, "month",
           "Current period: the latest twelve months in the crime return", d->src);
    cx_fig(c, "crime.period.previous", d->cur != 0, (double)d->prev,
           d->cur ? d->prev_label : NULL, "month",
           "Previous period: the twelve months ending a year before the current period",
           d->src);
    S_naming_figures(c, d);
    dataset *ds = S_new_table(c, d);
    bool used_prev_year = false;
    for (size_t ti = 0; ti < d->ncur_types; ti++)
        for (size_t k = 0; k < d->na; k++) {
            size_t ai = d->aorder[k];
            const crime_pair *p = &d->pairs[ti * d->areas.n + ai];
            if (!p->has_cur && !p->has_prev)
                continue;
            used_prev_year = used_prev_year || p->prev_from_prev_year;
            S_pair_figures(c, d, p, &d->types.items[ti], &d->areas.items[ai]);
            S_pair_row(ds, p, &d->types.items[ti], &d->areas.items[ai]);
        }
    if (used_prev_year) {
        free(ds->sources);
        ds->sources = xstrdup(d->src2);
    }
    char note[200];
    snprintf(note, sizeof note,
             "[x]: not in the return for that period. [u]: percentage change not shown "
             "because the previous period's number is below %d (small base).",
             FMT_SMALL_BASE);
    ds_add_note(ds, note);
    S_chart(ds, d);
}

void compute_crime(cctx *c)
{
    static const int summed[] = {CRIME_COUNT, -1};
    if (!cx_sums_fit(c, summed))
        return;
    crime_data d;
    memset(&d, 0, sizeof d);
    d.file = cx_diag_file(c, false);
    S_scan(&d, c->cur);
    S_check_totals(c, c->cur, d.file);
    S_order_areas(&d, c->p->cfg.area);
    size_t npairs = d.ncur_types * d.areas.n;
    d.pairs = xcalloc(npairs > 0 ? npairs : 1, sizeof *d.pairs);
    S_fill_current(c, &d, c->cur);
    if (c->prev)
        S_fill_previous(c, &d, c->prev);
    d.src = cx_source(c, false);
    d.src2 = cx_sources(c, true);
    d.cur_label = S_period_label(d.cur);
    d.prev_label = S_period_label(d.prev);
    S_output(c, &d);

    free(d.cur_label);
    free(d.prev_label);
    free(d.src);
    free(d.src2);
    free(d.pairs);
    free(d.aorder);
    cx_groups_free(&d.types);
    cx_groups_free(&d.areas);
    free(d.file);
}
