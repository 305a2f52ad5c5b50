/* compute_lac.c - figures and tables from looked_after_monthly.csv and
 * comparators.csv.
 *
 * The latest month is the latest one not after the reporting year's end
 * (March); the mean is over the months inside the reporting year.  The
 * "previous" count is the previous year's latest month: from the previous
 * year's return when there is one, otherwise from this return's own month
 * twelve months before (returns often run March to March).  Comparators are
 * taken at their latest period, comparing the period text as written
 * ("2017-03" > "2016-03"; mixed spellings of periods are not interpreted).
 * Knows those two returns' columns; nothing about files or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    int32_t ym;
    int64_t n;
    int line;
} lac_month;

static int S_cmp_month(const void *a, const void *b)
{
    const lac_month *x = a, *y = b;
    return (x->ym > y->ym) - (x->ym < y->ym);
}

static int32_t S_add_months(int32_t ym, int k)
{
    int idx = (ym / 100) * 12 + (ym % 100 - 1) + k;
    return (int32_t)((idx / 12) * 100 + idx % 12 + 1);
}

/* Sorted months of a table; *n receives the count.  Caller frees. */
static lac_month *S_months(const table *t, size_t *n)
{
    lac_month *m = xmalloc((t->nrows ? t->nrows : 1) * sizeof *m);
    size_t k = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *mo = cx_cell(t, r, LAC_MONTH), *la = cx_cell(t, r, LAC_LOOKED_AFTER);
        if (!mo || !la || cx_is_total(t, r))
            continue;
        m[k].ym = mo->v.ym;
        m[k].n = la->v.i;
        m[k].line = t->rows[r].line;
        k++;
    }
    qsort(m, k, sizeof *m, S_cmp_month);
    *n = k;
    return m;
}

/* Index of the latest month not after end, or -1. */
static long S_latest(const lac_month *m, size_t n, int32_t end)
{
    long best = -1;
    for (size_t i = 0; i < n; i++)
        if (m[i].ym <= end)
            best = (long)i;
    return best;
}

/* A month missing between the first and the last is a reconciliation issue:
 * the mean and the chart would silently skip it. */
static void S_check_gaps(cctx *c, const lac_month *m, size_t n)
{
    strbuf missing = STRBUF_INIT;
    size_t count = 0;
    for (size_t i = 1; i < n; i++)
        for (int32_t ym = S_add_months(m[i - 1].ym, 1); ym < m[i].ym;
             ym = S_add_months(ym, 1)) {
            char *s = fmt_month(ym, true);
            if (count < 24)
                sb_appendf(&missing, "%s%s", count ? ", " : "", s);
            free(s);
            count++;
        }
    if (count) {
        char *file = cx_diag_file(c, false);
        cx_recon(c, file, 0, "month", NULL,
                 "%zu month%s missing from the series between its first and last month: %s%s",
                 count, count == 1 ? " is" : "s are", sb_cstr(&missing),
                 count > 24 ? ", ..." : "");
        free(file);
    }
    sb_free(&missing);
}

/* The figure key of month ym's count or rate: lac.month.2016_03.count. */
static const char *S_month_key(char *buf, size_t n, int32_t ym, const char *part)
{
    snprintf(buf, n, "lac.month.%04d_%02d.%s", (int)(ym / 100), (int)(ym % 100), part);
    return buf;
}

/* Every month of the return: its count, and its rate when the population
 * is known. */
static void S_month_figures(cctx *c, const lac_month *m, size_t n, const char *src)
{
    char key[64], rkey[64];
    for (size_t i = 0; i < n; i++) {
        char *d = fmt_month(m[i].ym, false);
        S_month_key(key, sizeof key, m[i].ym, "count");
        cx_fig_count(c, key, m[i].n, cx_def(c, "Children looked after at the end of %s", d),
                     src);
        if (c->has_population) {
            double rate = (double)m[i].n / c->population * 10000.0;
            char *rd = fmt_rate(rate);
            S_month_key(rkey, sizeof rkey, m[i].ym, "rate");
            cx_fig(c, rkey, true, rate, rd, "per 10,000 children",
                   cx_def(c, "Children looked after at the end of %s per 10,000 children aged "
                             "0-17",
                          d),
                   src);
            cx_derive(c, rkey, key);
            free(rd);
        }
        free(d);
    }
}

/* The latest month's count and rate: the same as that month's figures. */
static void S_latest_figures(cctx *c, const lac_month *m, long li, const char *src)
{
    if (li < 0) {
        cx_fig_na(c, "lac.count.latest", "count",
                  "Children looked after in the latest month (no month up to the reporting "
                  "year's end)",
                  src);
        return;
    }
    char key[64];
    const char *part = S_month_key(key, sizeof key, m[li].ym, "count");
    char *d = fmt_month(m[li].ym, false);
    cx_fig_count(c, "lac.count.latest", m[li].n,
                 cx_def(c, "Children looked after at the end of %s", d), src);
    cx_sum(c, "the latest month of the looked after return", "lac.count.latest", &part, 1);
    cx_fig(c, "lac.count.latest_month", true, (double)m[li].ym, d, "month",
           "Latest month of the looked after return not after the reporting year's end", src);
    if (c->has_population) {
        double rate = (double)m[li].n / c->population * 10000.0;
        char *rd = fmt_rate(rate);
        cx_fig(c, "lac.rate_per_10k", true, rate, rd, "per 10,000 children",
               cx_def(c, "Children looked after at the end of %s per 10,000 children "
                         "aged 0-17 (child population %.0f)",
                      d, c->population),
               src);
        cx_derive(c, "lac.rate_per_10k", "lac.count.latest");
        free(rd);
    }
    free(d);
}

/* The mean over the months inside the reporting year. */
static void S_mean_figures(cctx *c, const lac_month *m, size_t n, const char *src)
{
    int32_t start = c->year_start * 100 + 4, end = (c->year_start + 1) * 100 + 3;
    double sum = 0.0;
    size_t in_year = 0;
    for (size_t i = 0; i < n; i++)
        if (m[i].ym >= start && m[i].ym <= end) {
            sum += (double)m[i].n;
            in_year++;
        }
    const char *mdef = cx_def(c, "Mean number of children looked after at the end of each "
                                 "month of %s (%zu month%s)",
                              c->year, in_year, in_year == 1 ? "" : "s");
    if (in_year) {
        double mean = sum / (double)in_year;
        char *d = fmt_number(mean, 1);
        cx_fig(c, "lac.count.mean", true, mean, d, "count", mdef, src);
        free(d);
        char key[64];
        for (size_t i = 0; i < n; i++)
            if (m[i].ym >= start && m[i].ym <= end)
                cx_derive(c, "lac.count.mean", S_month_key(key, sizeof key, m[i].ym, "count"));
    } else {
        cx_fig_na(c, "lac.count.mean", "count", mdef, src);
    }
    c->covering = false; /* a number of months, not of children */
    cx_fig_count(c, "lac.count.mean_months", (int64_t)in_year,
                 "Months of the reporting year in the looked after return (the mean's base)",
                 src);
    c->covering = true;
}

/* The year before's latest month: from the year before's return when there
 * is one, otherwise from this return's month twelve months before. */
static void S_previous_figures(cctx *c, const lac_month *m, size_t n, long li,
                               const char *src)
{
    int64_t prev = 0;
    bool have = false, from_prev_year = false;
    int32_t pend = c->year_start * 100 + 3;
    if (c->prev) {
        size_t pn;
        lac_month *pm = S_months(c->prev, &pn);
        long pi = S_latest(pm, pn, pend);
        if (pi >= 0) {
            prev = pm[pi].n;
            pend = pm[pi].ym;
            have = from_prev_year = true;
        }
        free(pm);
    }
    if (!have) {
        int32_t want = S_add_months(m[li].ym, -12);
        for (size_t i = 0; i < n; i++)
            if (m[i].ym == want) {
                prev = m[i].n;
                pend = want;
                have = true;
            }
    }
    if (!have)
        return;
    char *psrc = from_prev_year ? cx_source(c, true) : xstrdup(src);
    char *pd = fmt_month(pend, false);
    cx_fig_count(c, "lac.count.previous", prev,
                 cx_def(c, "Children looked after at the end of %s", pd), psrc);
    if (from_prev_year) {
        cx_same_as_previous(c, "lac.count.previous", "lac.count.latest");
    } else {
        char key[64];
        const char *part = S_month_key(key, sizeof key, pend, "count");
        cx_sum(c, "the month a year before the latest", "lac.count.previous", &part, 1);
    }
    char *both = from_prev_year ? cx_sources(c, true) : xstrdup(src);
    cx_fig_change_of(c, "lac.count", "lac.count.latest", "lac.count.previous",
                     "children looked after", both);
    free(both);
    free(pd);
    free(psrc);
}

/* Every month of the return, in order, and its chart. */
static void S_table(cctx *c, const lac_month *m, size_t n, const char *src)
{
    char title[128], key[64];
    snprintf(title, sizeof title, "Children looked after at each month end, %s", c->year);
    dataset *ds = cx_dataset(c, "lac_month", "LAC_month", title,
                             "Number of children looked after at the end of each month, and "
                             "the rate per 10,000 children aged 0 to 17.",
                             src);
    ds_add_col(ds, "month", "Month", DFMT_TEXT);
    ds_add_col(ds, "looked_after", "Children looked after (number)", DFMT_COUNT);
    ds_add_col(ds, "rate", "Rate per 10,000 children", DFMT_RATE);
    for (size_t i = 0; i < n; i++) {
        size_t r = ds_add_row(ds);
        char *d = fmt_month(m[i].ym, true);
        ds_set_text(ds, r, 0, d);
        free(d);
        cx_cell_figure(c, ds, r, 1, S_month_key(key, sizeof key, m[i].ym, "count"));
        if (c->has_population)
            cx_cell_figure(c, ds, r, 2, S_month_key(key, sizeof key, m[i].ym, "rate"));
        else
            ds_set_short(ds, r, 2, DC_X);
    }
    if (!c->has_population)
        ds_add_note(ds, "[x]: the rate needs the number of children aged 0-17 in report.ini "
                        "(child_population, or the year under [population]), which is not "
                        "set.");

    char ctitle[200];
    if (n > 1) {
        char *first = fmt_month(m[0].ym, true), *last = fmt_month(m[n - 1].ym, true);
        snprintf(ctitle, sizeof ctitle, "Children looked after at each month end, %s to %s",
                 first, last);
        free(first);
        free(last);
    } else {
        snprintf(ctitle, sizeof ctitle, "Children looked after at each month end");
    }
    ds_chart *ch = ds_add_chart(ds, "lac_monthly", DS_CHART_LINE, DS_CHART_COUNT, ctitle,
                                "Number of children looked after");
    ds_chart_add_series(ch, "looked_after", "Children looked after");
    ds_chart_set(&ch->noun, "the number of children looked after");
    ds_chart_set(&ch->catword, "month");
    ch->ordered = true;
}

void compute_lac(cctx *c)
{
    int32_t end = (c->year_start + 1) * 100 + 3;
    size_t n;
    c->covering = true;
    /* A declared total of month-end counts is odd, but Excel users add one:
     * checked like any other, never a month. */
    static const int sums[] = {LAC_LOOKED_AFTER, -1};
    char *file = cx_diag_file(c, false);
    cx_check_totals(c, c->cur, file, sums);
    free(file);
    lac_month *m = S_months(c->cur, &n);
    S_check_gaps(c, m, n);
    char *src = cx_source(c, false);
    long li = S_latest(m, n, end);
    S_month_figures(c, m, n, src);
    S_latest_figures(c, m, li, src);
    S_mean_figures(c, m, n, src);
    if (li >= 0)
        S_previous_figures(c, m, n, li, src);
    S_table(c, m, n, src);
    c->covering = false;
    free(m);
    free(src);
}

/* A comparator period as the report shows it: "2023-03" as "Mar 2023",
 * anything else as written.  Caller frees. */
static char *S_period_text(const char *p)
{
    bool ym = strlen(p) == 7 && p[4] == '-';
    for (int i = 0; ym && i < 7; i++)
        ym = i == 4 || (p[i] >= '0' && p[i] <= '9');
    int m = ym ? (p[5] - '0') * 10 + (p[6] - '0') : 0;
    if (!ym || m < 1 || m > 12)
        return xstrdup(p);
    return fmt_month((int32_t)(atoi(p) * 100 + m), true);
}

void compute_comparators(cctx *c)
{
    const table *t = c->cur;
    char *src = cx_source(c, false);
    char *file = cx_diag_file(c, false);

    /* One group per measure/comparator pair; n[0] is the row of its latest
     * period (+1 so 0 means none). */
    cx_groups pairs = CX_GROUPS_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *me = cx_cell(t, r, CMP_MEASURE), *co = cx_cell(t, r, CMP_COMPARATOR);
        const cell *pe = cx_cell(t, r, CMP_PERIOD), *va = cx_cell(t, r, CMP_VALUE);
        if (!me || !co || !pe || !va || t->rows[r].total)
            continue; /* a declared total: comparators' values do not add up */
        char *ms = cx_slug(me->text), *cs = cx_slug(co->text);
        strbuf pk = STRBUF_INIT;
        sb_appendf(&pk, "%s.%s", ms, cs);
        /* cx_group_get slugs its text; "a.b" slugs to "a_b", which could
         * collide, so find by the exact dotted pair first. */
        size_t gi = cx_group_find(&pairs, sb_cstr(&pk));
        if (gi == (size_t)-1)
            gi = cx_group_add(&pairs, sb_take(&pk), me->text, t->rows[r].line);
        sb_free(&pk);
        free(ms);
        free(cs);
        cx_group *g = &pairs.items[gi];
        if (g->n[0] == 0) {
            g->n[0] = (int64_t)r + 1;
            continue;
        }
        const cell *bp = cx_cell(t, (size_t)g->n[0] - 1, CMP_PERIOD);
        int cmp = strcmp(pe->text, bp->text);
        if (cmp == 0)
            cx_recon(c, file, t->rows[r].line, "period", pe->text,
                     "a second value for %s, %s in the same period (first on line %d); "
                     "using this later one",
                     me->text, co->text, t->rows[g->n[0] - 1].line);
        if (cmp >= 0)
            g->n[0] = (int64_t)r + 1;
    }
    for (size_t i = 0; i < pairs.n; i++) {
        size_t r = (size_t)pairs.items[i].n[0] - 1;
        const cell *me = cx_cell(t, r, CMP_MEASURE), *co = cx_cell(t, r, CMP_COMPARATOR);
        const cell *pe = cx_cell(t, r, CMP_PERIOD), *va = cx_cell(t, r, CMP_VALUE);
        char *d = fmt_number(va->v.d, cell_decimals(va));
        cx_fig(c, cx_key(c, "comparator.%s", pairs.items[i].slug), true, va->v.d, d,
               "number",
                cx_def(c, "%s: %s, %s (latest period in the comparators return)", me->text,
                       co->text, pe->text),
                src);
        free(d);
        d = S_period_text(pe->text);
        cx_fig(c, cx_key(c, "comparator.%s.period", pairs.items[i].slug), true, 0.0, d, "text",
               cx_def(c, "Period of the latest value of %s for %s in the comparators return",
                      me->text, co->text),
               src);
        free(d);
    }
    cx_groups_free(&pairs);
    /* The table takes its place among the others now, and its rows once
     * every figure it sets a comparator beside exists (compute_comparators_table). */
    char title[128];
    snprintf(title, sizeof title, "Comparisons with other areas, %s", c->year);
    dataset *ds = cx_dataset(c, "lac_comparators", "LAC_comparators", title,
                             "Published values for comparison areas, as given in the "
                             "comparators return, each beside the area's own figure where the "
                             "report has one.",
                             src);
    ds_add_col(ds, "measure", "Measure", DFMT_TEXT);
    ds_add_col(ds, "comparator", "Area or comparator", DFMT_TEXT);
    ds_add_col(ds, "period", "Period", DFMT_TEXT);
    ds_add_col(ds, "value", "Value", DFMT_NUMBER);
    free(file);
    free(src);
}

/* The local figure a comparator measure is compared with: the indicator
 * whose indicator_id the measure is (its latest value), or the figure whose
 * key the measure is with "_" for "." (lac_rate_per_10k: lac.rate_per_10k).
 * NULL when there is none. */
static const figure *S_local(cctx *c, const char *measure)
{
    char *slug = cx_slug(measure);
    const figure *f = cx_figure(c, cx_key(c, "indicator.%s.value", slug));
    for (size_t i = 0; !f && i < c->fs->n; i++) {
        const figure *g = &c->fs->items[i];
        if (strncmp(g->key, "year.", 5) == 0 || strncmp(g->key, "comparator.", 11) == 0 ||
            fig_is_text(g))
            continue;
        char *ks = cx_slug(g->key);
        if (strcmp(ks, slug) == 0)
            f = g;
        free(ks);
    }
    free(slug);
    return f;
}

/* The period of local figure f, as the table shows periods: an indicator's
 * own latest period, the latest month for looked after children, else the
 * reporting year.  Caller frees. */
static char *S_local_period(cctx *c, const figure *f)
{
    strbuf k = STRBUF_INIT;
    const char *dot = strrchr(f->key, '.');
    sb_appendf(&k, "%.*s.period", (int)(dot ? dot - f->key : 0), f->key);
    const figure *p = cx_figure(c, sb_cstr(&k));
    sb_free(&k);
    if (!p && strncmp(f->key, "lac.", 4) == 0)
        p = cx_figure(c, "lac.count.latest_month");
    if (p && p->available && strcmp(p->unit, "month") == 0)
        return fmt_month((int32_t)p->value, true);
    return xstrdup(c->year);
}

/* What the table calls measure m: an indicator's name as the indicators
 * return spells it (its last row), the report's own name for a figure it
 * compares with, else the measure as the comparators return gives it. */
static const char *S_measure_label(cctx *c, const char *m)
{
    static const struct { const char *measure, *label; } known[] = {
        {"lac_rate_per_10k", "Children looked after per 10,000 children aged 0-17"},
    };
    const char *label = m;
    char *slug = cx_slug(m);
    const table *tb = project_table(c->p, 0, RET_INDICATORS);
    for (size_t r = 0; tb && r < tb->nrows; r++) {
        const cell *id = cx_cell(tb, r, IND_ID), *la = cx_cell(tb, r, IND_INDICATOR);
        if (!id || !la || cx_is_total(tb, r))
            continue;
        char *is = cx_slug(id->text);
        if (strcmp(is, slug) == 0)
            label = la->text;
        free(is);
    }
    for (size_t i = 0; label == m && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(slug, known[i].measure) == 0)
            label = known[i].label;
    free(slug);
    return label;
}

/* The comparators table, made once every return of the reporting year has
 * its figures: for each measure, the area's own figure first where there is
 * one, then every row of the return with its period. */
void compute_comparators_table(cctx *c)
{
    const table *t = c->cur;
    dataset *ds = dsl_find(c->dsl, "lac_comparators");
    if (!ds)
        return;
    cx_groups measures = CX_GROUPS_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *me = cx_cell(t, r, CMP_MEASURE);
        if (me && !t->rows[r].total)
            cx_group_get(&measures, me->text, t->rows[r].line);
    }
    bool any_local = false;
    for (size_t g = 0; g < measures.n; g++) {
        const figure *lf = S_local(c, measures.items[g].label);
        if (lf) {
            size_t k = ds_add_row(ds);
            char *per = S_local_period(c, lf);
            ds_set_text(ds, k, 0, S_measure_label(c, measures.items[g].label));
            ds_set_text(ds, k, 1, c->p->cfg.area ? c->p->cfg.area : "");
            ds_set_text(ds, k, 2, per);
            cx_cell_figure(c, ds, k, 3, lf->key);
            free(per);
            any_local = true;
        }
        for (size_t r = 0; r < t->nrows; r++) {
            const cell *me = cx_cell(t, r, CMP_MEASURE), *co = cx_cell(t, r, CMP_COMPARATOR);
            const cell *pe = cx_cell(t, r, CMP_PERIOD), *va = cx_cell(t, r, CMP_VALUE);
            if (!me || !co || !pe || t->rows[r].total)
                continue;
            char *ms = cx_slug(me->text);
            bool mine = strcmp(ms, measures.items[g].slug) == 0;
            free(ms);
            if (!mine)
                continue;
            size_t k = ds_add_row(ds);
            char *per = S_period_text(pe->text);
            ds_set_text(ds, k, 0, S_measure_label(c, me->text));
            ds_set_text(ds, k, 1, co->text);
            ds_set_text(ds, k, 2, per);
            free(per);
            if (va)
                ds_set_number(ds, k, 3, va->v.d, cell_decimals(va));
            else
                ds_set_short(ds, k, 3, DC_X);
        }
    }
    if (any_local) {
        strbuf note = STRBUF_INIT;
        sb_appendf(&note, "The rows for %s are this report's own figures, matched by the "
                          "comparators return's measure: an indicator_id of the indicators "
                          "return, or lac_rate_per_10k for the rate of children looked after.",
                   c->p->cfg.area ? c->p->cfg.area : "the area");
        ds_add_note(ds, sb_cstr(&note));
        sb_free(&note);
    }
    cx_groups_free(&measures);
}

void trend_lac(trend *t)
{
    dataset *ds = trend_table(t, "lac_trend", "LAC_trend", "Children looked after by year",
                              "Children looked after at the end of each year (the latest month "
                              "of the year's return), the rate per 10,000 children aged 0 to 17 "
                              "and the mean over the year's months.");
    trend_measure(t, "lac.count.latest", "year_end", "At the year's end (number)", DFMT_COUNT,
                  "children looked after at the year's end");
    trend_measure(t, "lac.rate_per_10k", "rate", "Rate per 10,000 children", DFMT_RATE,
                  "the rate of children looked after per 10,000 children");
    trend_measure(t, "lac.count.mean", "mean", "Mean over the year (number)", DFMT_RATE,
                  "the mean number of children looked after over the year");
    ds_chart *ch = ds_add_chart(ds, "lac_trend", DS_CHART_LINE, DS_CHART_COUNT, ds->title,
                                "Number of children looked after at the end of each year");
    ds_chart_add_series(ch, "year_end", "Children looked after");
    ds_chart_set(&ch->noun, "the number of children looked after");
    ds_chart_set(&ch->catword, "year");
    ch->ordered = true;
}
