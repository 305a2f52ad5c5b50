/* compute.c - compute_all(): every present return of every year read, in
 * registry order, through its compute function (registry.h); then the
 * trends across the years (cx_trend.c and each return's trend function).
 *
 * The reporting year's figures keep their plain keys; an earlier year's get
 * the prefix year.<yyyy_yy>. (contract section 7), and its tables are made
 * only to be dropped: the report and the data pack show the reporting
 * year's tables, and the years before reach them as figures and trends.
 * Reads only the project's tables and settings (never a file, never an
 * output format). */
#include "compute_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One return of year k, through fn (NULL: its own compute function). */
static void S_compute_return(const project *p, int k, const return_def *def, figstore *fs,
                             dataset_list *dsl, diag_list *dl, void (*fn)(cctx *))
{
    const project_year *y = &p->years[k];
    cctx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.def = def;
    c.k = k;
    c.cur = project_table(p, k, def->id);
    c.prev = project_table(p, k + 1, def->id);
    c.fs = fs;
    c.dsl = dsl;
    c.dl = dl;
    c.year_start = y->start;
    snprintf(c.year, sizeof c.year, "%s", y->name);
    snprintf(c.prev_year, sizeof c.prev_year, "%d-%02d", y->start - 1, y->start % 100);
    if (k > 0)
        snprintf(c.key_prefix, sizeof c.key_prefix, "year.%d_%02d.", y->start,
                 (y->start + 1) % 100);
    c.has_population = config_population(&p->cfg, y->start, &c.population);
    (fn ? fn : def->compute)(&c);
    sb_free(&c.key);
    sb_free(&c.def_text);
    sb_free(&c.scratch);
}

/* The trend of every return with TREND_MIN_YEARS years of data, the
 * reporting year among them, then the time series of all their measures. */
static void S_trends(const project *p, figstore *fs, dataset_list *dsl)
{
    trend_ts ts;
    memset(&ts, 0, sizeof ts);
    for (int id = 0; id < RET_COUNT; id++) {
        const return_def *def = registry_get((return_id)id);
        if (!def->trend || !project_table(p, 0, def->id))
            continue;
        trend t;
        memset(&t, 0, sizeof t);
        for (int k = 0; k < PROJECT_YEARS; k++)
            if (project_table(p, k, def->id)) {
                t.nyears++;
                t.first_k = k;
            }
        if (t.nyears < TREND_MIN_YEARS)
            continue;
        t.p = p;
        t.def = def;
        t.fs = fs;
        t.dsl = dsl;
        t.ts = &ts;
        def->trend(&t);
        sb_free(&t.scratch);
    }
    trend_time_series(p, fs, &ts, dsl);
    trend_ts_free(&ts);
}

annrep_status compute_all(const project *p, figstore *fs, dataset_list *dsl, diag_list *dl)
{
    size_t errors_before = dl->nerrors;
    /* Oldest first, so that each year's changes can be read off the year
     * before's figures; figures.csv then lists the reporting year first. */
    for (int k = PROJECT_YEARS - 1; k >= 0; k--) {
        if (!p->years[k].present)
            continue;
        /* The years before keep their figures, not their tables. */
        dataset_list scratch = DATASET_LIST_INIT;
        for (int id = 0; id < RET_COUNT; id++)
            if (project_table(p, k, (return_id)id))
                S_compute_return(p, k, registry_get((return_id)id), fs,
                                 k == 0 ? dsl : &scratch, dl, NULL);
        dsl_free(&scratch);
        if (k == 0 && project_table(p, 0, RET_COMPARATORS))
            S_compute_return(p, 0, registry_get(RET_COMPARATORS), fs, dsl, dl,
                             compute_comparators_table);
    }
    if (p->years[0].present)
        S_trends(p, fs, dsl);
    /* The words under each table and chart name who supplied each return. */
    for (size_t i = 0; i < dsl->n; i++) {
        free(dsl->items[i]->source_text);
        dsl->items[i]->source_text = config_sources_text(&p->cfg, dsl->items[i]->sources);
    }
    fig_order_by_year(fs);
    return dl->nerrors > errors_before ? ANNREP_ERR_INPUT : ANNREP_OK;
}
