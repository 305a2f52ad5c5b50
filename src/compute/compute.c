/* compute.c - compute_all(): every present return of the reporting year,
 * in registry order, through its compute function (registry.h).
 *
 * Reads only the project's tables and settings (never a file, never an
 * output format). */
#include "compute_internal.h"

#include <stdio.h>
#include <string.h>

/* One return of one year. */
static void S_compute_return(const project *p, const return_def *def, const table *cur,
                             const table *prev, figstore *fs, dataset_list *dsl,
                             diag_list *dl)
{
    cctx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.def = def;
    c.cur = cur;
    c.prev = prev;
    c.fs = fs;
    c.dsl = dsl;
    c.dl = dl;
    c.year_start = p->cfg.year_start;
    snprintf(c.year, sizeof c.year, "%d-%02d", c.year_start, (c.year_start + 1) % 100);
    snprintf(c.prev_year, sizeof c.prev_year, "%d-%02d", c.year_start - 1,
             c.year_start % 100);
    c.has_population = p->cfg.has_child_population && p->cfg.child_population > 0;
    c.population = p->cfg.child_population;
    def->compute(&c);
    sb_free(&c.key);
    sb_free(&c.def_text);
    sb_free(&c.scratch);
}

annrep_status compute_all(const project *p, figstore *fs, dataset_list *dsl, diag_list *dl)
{
    size_t errors_before = dl->nerrors;
    for (int id = 0; id < RET_COUNT; id++) {
        const return_def *def = registry_get((return_id)id);
        const table *cur = &p->cur[id];
        const table *prev = p->has_prev && p->prev[id].present ? &p->prev[id] : NULL;
        if (cur->present)
            S_compute_return(p, def, cur, prev, fs, dsl, dl);
    }
    return dl->nerrors > errors_before ? ANNREP_ERR_INPUT : ANNREP_OK;
}
