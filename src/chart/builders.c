/* builders.c - the nine charts of the default report, built from the
 * computed datasets (columns as in src/compute/DATASETS.md).  Each builder
 * picks the rows and columns its chart shows and the words around it; it
 * never computes a figure the datasets do not hold.  Knows datasets and the
 * chart model; no layout, no painter. */
#include "chart_model.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *S_text(const dataset *ds, size_t r, size_t col)
{
    const dcell *c = ds_cell_const(ds, r, col);
    return c && c->kind == DC_TEXT && c->text ? c->text : "";
}

static bool S_is_total(const dataset *ds, size_t r)
{
    return strcmp(S_text(ds, r, 0), "Total") == 0;
}

/* Rows shown: every row but the Total row. */
static size_t S_rows(const dataset *ds)
{
    size_t n = 0;
    for (size_t r = 0; r < ds->nrows; r++)
        if (!S_is_total(ds, r))
            n++;
    return n;
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
        chart_set_state(c, k, i, CHART_V_SMALL_BASE);
        break;
    case DC_EMPTY:
    case DC_TEXT:
    case DC_X:
    case DC_Z:
        chart_set_state(c, k, i, CHART_V_MISSING);
        break;
    }
}

/* True when column col holds at least one number outside the Total row. */
static bool S_col_has_numbers(const dataset *ds, size_t col)
{
    for (size_t r = 0; r < ds->nrows; r++) {
        const dcell *d = ds_cell_const(ds, r, col);
        if (!S_is_total(ds, r) && d && d->kind == DC_NUM)
            return true;
    }
    return false;
}

/* A heading without its unit: "12 months to March 2017 (number)" -> "12
 * months to March 2017".  Caller frees. */
static char *S_strip_unit(const char *h)
{
    const char *p = strrchr(h, '(');
    size_t n = p ? (size_t)(p - h) : strlen(h);
    while (n > 0 && h[n - 1] == ' ')
        n--;
    return xstrndup(h, n);
}

static chart *S_new(const char *id, chart_kind kind, chart_unit unit, const char *title,
                    const char *subtitle, const char *noun, const dataset *ds,
                    const report_config *cfg)
{
    chart *c = chart_new(id, kind, unit, title);
    chart_set_subtitle(c, subtitle);
    if (noun)
        chart_set_noun(c, noun);
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "Source: %s", ds->sources ? ds->sources : "");
    chart_set_source(c, sb_cstr(&b));
    sb_free(&b);
    if (cfg && cfg->has_accent)
        c->palette[0] = cfg->accent;
    return c;
}

static const char *S_year(const report_config *cfg)
{
    return cfg && cfg->year ? cfg->year : "";
}

/* Chart of columns cols[0..ncols) of ds, one series each, every row but Total. */
static chart *S_columns(const char *id, chart_kind kind, chart_unit unit, const char *title,
                        const char *subtitle, const char *noun, const dataset *ds,
                        const size_t *cols, const char *const *names, size_t ncols,
                        const report_config *cfg)
{
    if (S_rows(ds) == 0)
        return NULL;
    chart *c = S_new(id, kind, unit, title, subtitle, noun, ds, cfg);
    for (size_t r = 0; r < ds->nrows; r++)
        if (!S_is_total(ds, r))
            chart_add_category(c, S_text(ds, r, 0));
    for (size_t k = 0; k < ncols; k++) {
        if (cols[k] >= ds->ncols) {
            chart_free(c);
            return NULL;
        }
        size_t s = chart_add_series(c, names[k]);
        size_t i = 0;
        for (size_t r = 0; r < ds->nrows; r++)
            if (!S_is_total(ds, r))
                S_put(c, s, i++, ds, r, cols[k]);
    }
    return c;
}

static chart *S_lado_quarterly(const dataset_list *dsl, const figstore *fs,
                               const report_config *cfg)
{
    (void)fs;
    const dataset *ds = dsl_find(dsl, "lado_quarter");
    if (!ds)
        return NULL;
    char title[160];
    snprintf(title, sizeof title, "LADO contacts and referrals by quarter, %s", S_year(cfg));
    static const size_t cols[] = {1, 2};
    static const char *const names[] = {"Contacts", "Referrals"};
    chart *c = S_columns("lado_quarterly", CHART_BAR, CHART_UNIT_COUNT, title,
                         "Number of contacts and of contacts that became referrals", NULL, ds,
                         cols, names, 2, cfg);
    if (c) {
        c->ordered = true;
        chart_set_catword(c, "quarter");
    }
    return c;
}

static chart *S_lado_outcomes(const dataset_list *dsl, const figstore *fs,
                              const report_config *cfg)
{
    (void)fs;
    const dataset *ds = dsl_find(dsl, "lado_outcome");
    if (!ds)
        return NULL;
    char title[160];
    snprintf(title, sizeof title, "Outcomes of LADO referrals, %s", S_year(cfg));
    static const size_t cols[] = {1};
    static const char *const names[] = {"Referrals"};
    chart *c = S_columns("lado_outcomes", CHART_HBAR, CHART_UNIT_COUNT, title,
                         "Number of referrals, by outcome", "referrals", ds, cols, names, 1,
                         cfg);
    if (c)
        chart_sort_desc(c);
    return c;
}

static chart *S_lado_agency(const dataset_list *dsl, const figstore *fs,
                            const report_config *cfg)
{
    (void)fs;
    const dataset *ds = dsl_find(dsl, "lado_agency");
    if (!ds || ds->ncols < 3)
        return NULL;
    /* Series are named by the year in their heading: "Referrals 2016-17 (number)". */
    char *y = S_strip_unit(ds->cols[1].heading), *p = S_strip_unit(ds->cols[2].heading);
    const char *yn = strncmp(y, "Referrals ", 10) == 0 ? y + 10 : y;
    const char *pn = strncmp(p, "Referrals ", 10) == 0 ? p + 10 : p;
    bool prev = S_col_has_numbers(ds, 2);
    char title[200];
    if (prev)
        snprintf(title, sizeof title, "LADO referrals by agency type, %s and %s", yn, pn);
    else
        snprintf(title, sizeof title, "LADO referrals by agency type, %s", yn);
    static const size_t cols[] = {1, 2};
    const char *names[] = {yn, pn};
    chart *c = S_columns("lado_agency", CHART_HBAR, CHART_UNIT_COUNT, title,
                         "Number of referrals, by the sector of the person the allegation "
                         "is about",
                         "referrals", ds, cols, names, prev ? 2 : 1, cfg);
    free(y);
    free(p);
    return c;
}

static chart *S_lac_monthly(const dataset_list *dsl, const figstore *fs,
                            const report_config *cfg)
{
    (void)fs;
    const dataset *ds = dsl_find(dsl, "lac_month");
    if (!ds)
        return NULL;
    static const size_t cols[] = {1};
    static const char *const names[] = {"Children looked after"};
    char title[200];
    size_t last = ds->nrows;
    while (last > 0 && S_is_total(ds, last - 1))
        last--;
    if (last > 1)
        snprintf(title, sizeof title, "Children looked after at each month end, %s to %s",
                 S_text(ds, 0, 0), S_text(ds, last - 1, 0));
    else
        snprintf(title, sizeof title, "Children looked after at each month end");
    chart *c = S_columns("lac_monthly", CHART_LINE, CHART_UNIT_COUNT, title,
                         "Number of children looked after", "the number of children looked after",
                         ds, cols, names, 1, cfg);
    if (c) {
        c->ordered = true;
        chart_set_catword(c, "month");
    }
    return c;
}

static chart *S_cdop(const char *id, const char *dsid, const char *title_fmt,
                     chart_kind kind, const dataset_list *dsl, const report_config *cfg)
{
    const dataset *ds = dsl_find(dsl, dsid);
    if (!ds)
        return NULL;
    char title[160];
    snprintf(title, sizeof title, title_fmt, S_year(cfg));
    static const size_t cols[] = {1};
    static const char *const names[] = {"Reviews"};
    return S_columns(id, kind, CHART_UNIT_COUNT, title, "Number of child death reviews",
                     "reviews", ds, cols, names, 1, cfg);
}

static chart *S_cdop_age(const dataset_list *dsl, const figstore *fs,
                         const report_config *cfg)
{
    (void)fs;
    return S_cdop("cdop_age", "cdop_age", "Child death reviews by age band, %s", CHART_BAR,
                  dsl, cfg);
}

static chart *S_cdop_category(const dataset_list *dsl, const figstore *fs,
                              const report_config *cfg)
{
    (void)fs;
    return S_cdop("cdop_category", "cdop_category",
                  "Child death reviews by category of death, %s", CHART_HBAR, dsl, cfg);
}

static chart *S_training_fill(const dataset_list *dsl, const figstore *fs,
                              const report_config *cfg)
{
    const dataset *ds = dsl_find(dsl, "training_course");
    if (!ds)
        return NULL;
    char title[160];
    snprintf(title, sizeof title, "Multi-agency training: attendance against places, %s",
             S_year(cfg));
    static const size_t cols[] = {3, 2};
    static const char *const names[] = {"Attended", "Places offered"};
    chart *c = S_columns("training_fill", CHART_HBAR, CHART_UNIT_COUNT, title,
                         "Number of delegates who attended, against the places offered, by course",
                         "delegates", ds, cols, names, 2, cfg);
    if (c)
        c->overlay = true;
    const figure *f = fs ? fig_find(fs, "training.fill_rate.pct") : NULL;
    if (c && f && f->available && f->display) {
        strbuf b = STRBUF_INIT;
        sb_appendf(&b, "Across all courses, %s of places offered were taken up.", f->display);
        chart_set_note(c, sb_cstr(&b));
        sb_free(&b);
    }
    return c;
}

static chart *S_crime_change(const dataset_list *dsl, const figstore *fs,
                             const report_config *cfg)
{
    (void)fs;
    const dataset *ds = dsl_find(dsl, "crime");
    if (!ds || ds->ncols < 6 || ds->nrows == 0)
        return NULL;
    /* Rows are type x area: categories are the types, series the areas, both
     * in the order they first appear (the report's area first). */
    chart *tmp = chart_new("crime_change", CHART_HBAR, CHART_UNIT_CHANGE_PCT, "");
    strbuf areas = STRBUF_INIT;
    char **area = NULL;
    size_t na = 0, acap = 0;
    for (size_t r = 0; r < ds->nrows; r++) {
        const char *t = S_text(ds, r, 0), *a = S_text(ds, r, 1);
        bool seen = false;
        for (size_t i = 0; i < tmp->ncats && !seen; i++)
            seen = strcmp(tmp->cats[i], t) == 0;
        if (!seen)
            chart_add_category(tmp, t);
        seen = false;
        for (size_t i = 0; i < na && !seen; i++)
            seen = strcmp(area[i], a) == 0;
        if (!seen) {
            XGROW(area, acap, na + 1);
            area[na++] = xstrdup(a);
        }
    }
    for (size_t i = 0; i < na; i++)
        sb_appendf(&areas, "%s%s", i == 0 ? "" : (i + 1 == na ? " and " : ", "), area[i]);
    char *prev = S_strip_unit(ds->cols[2].heading), *cur = S_strip_unit(ds->cols[3].heading);
    strbuf title = STRBUF_INIT, sub = STRBUF_INIT;
    sb_appendf(&title, "Change in recorded crime by type, %s", sb_cstr(&areas));
    sb_appendf(&sub, "Percentage change, %s compared with %s", cur, prev);
    chart *c = S_new("crime_change", CHART_HBAR, CHART_UNIT_CHANGE_PCT, sb_cstr(&title),
                     sb_cstr(&sub), "crimes", ds, cfg);
    for (size_t i = 0; i < tmp->ncats; i++)
        chart_add_category(c, tmp->cats[i]);
    bool small = false;
    for (size_t k = 0; k < na; k++)
        chart_add_series(c, area[k]);
    for (size_t r = 0; r < ds->nrows; r++) {
        size_t i = 0, k = 0;
        while (i < c->ncats && strcmp(c->cats[i], S_text(ds, r, 0)) != 0)
            i++;
        while (k < na && strcmp(area[k], S_text(ds, r, 1)) != 0)
            k++;
        S_put(c, k, i, ds, r, 5);
        small = small || c->series[k].state[i] == CHART_V_SMALL_BASE;
    }
    if (small)
        chart_set_note(c, "Small base: the percentage change is not shown where the previous "
                          "period had fewer than 20 crimes.");
    for (size_t i = 0; i < na; i++)
        free(area[i]);
    free(area);
    free(prev);
    free(cur);
    sb_free(&areas);
    sb_free(&title);
    sb_free(&sub);
    chart_free(tmp);
    return c;
}

static chart *S_funding(const dataset_list *dsl, const figstore *fs, const report_config *cfg)
{
    (void)fs;
    const dataset *ds = dsl_find(dsl, "funding");
    if (!ds)
        return NULL;
    char title[160];
    snprintf(title, sizeof title, "Contributions to the partnership budget by partner, %s",
             S_year(cfg));
    static const size_t cols[] = {1};
    static const char *const names[] = {"Contribution"};
    chart *c = S_columns("funding", CHART_HBAR, CHART_UNIT_MONEY, title,
                         "Contribution in pounds (£), largest first", NULL, ds, cols, names, 1,
                         cfg);
    if (c)
        chart_sort_desc(c);
    return c;
}

typedef chart *(*S_builder)(const dataset_list *, const figstore *, const report_config *);

static const struct {
    const char *id;
    S_builder build;
} S_charts[] = {
    {"lado_quarterly", S_lado_quarterly}, {"lado_outcomes", S_lado_outcomes},
    {"lado_agency", S_lado_agency},       {"lac_monthly", S_lac_monthly},
    {"cdop_age", S_cdop_age},             {"cdop_category", S_cdop_category},
    {"training_fill", S_training_fill},   {"crime_change", S_crime_change},
    {"funding", S_funding},
};
#define S_NCHARTS (sizeof S_charts / sizeof S_charts[0])

const char *const *chart_ids(void)
{
    static const char *ids[S_NCHARTS + 1];
    for (size_t i = 0; i < S_NCHARTS; i++)
        ids[i] = S_charts[i].id;
    ids[S_NCHARTS] = NULL;
    return ids;
}

bool chart_id_known(const char *id)
{
    for (size_t i = 0; id && i < S_NCHARTS; i++)
        if (strcmp(S_charts[i].id, id) == 0)
            return true;
    return false;
}

chart *chart_build(const char *id, const dataset_list *dsl, const figstore *fs,
                   const report_config *cfg)
{
    if (!id || !dsl)
        return NULL;
    for (size_t i = 0; i < S_NCHARTS; i++) {
        if (strcmp(S_charts[i].id, id) != 0)
            continue;
        chart *c = S_charts[i].build(dsl, fs, cfg);
        if (c)
            chart_finish(c);
        return c;
    }
    return NULL;
}
