/* project.c - a whole report project: report.ini, the reporting year's
 * returns, the previous year's returns and the narrative folder.
 * Knows the project layout (section 1 of the data contract) and nothing
 * about how a CSV or the settings are read, nor about figures or output. */
#include "../util/alloc.h"
#include "../util/paths.h"
#include "project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Load every return of one year folder into tabs; the worst status. */
static annrep_status S_load_year(const char *ydir, int year_start, bool note_absent,
                                 table *tabs, diag_list *dl)
{
    annrep_status status = ANNREP_OK;
    for (int r = 0; r < RET_COUNT; r++) {
        const schema *s = schema_get((return_id)r);
        char *path = paths_join(ydir, s->file);
        if (!paths_is_file(path) && !paths_is_dir(path)) {
            memset(&tabs[r], 0, sizeof tabs[r]);
            tabs[r].schema = s;
            tabs[r].path = xstrdup(path);
            if (note_absent)
                diag_add(dl, DIAG_NOTE, ydir, 0, NULL, NULL, "%s not found: %s", s->file,
                         s->absent_note);
        } else {
            status = annrep_status_worst(
                status, csvload_file(path, path, s, year_start, &tabs[r], dl));
        }
        free(path);
    }
    return status;
}

annrep_status project_load(const char *dir, project *p, diag_list *dl)
{
    memset(p, 0, sizeof *p);
    p->dir = xstrdup(dir);
    for (int r = 0; r < RET_COUNT; r++) {
        p->cur[r].schema = schema_get((return_id)r);
        p->prev[r].schema = schema_get((return_id)r);
    }
    /* Errors in the settings do not stop us reading the returns when the
     * year is known: `annrep check` should list every problem in one run. */
    annrep_status status = config_load(dir, &p->cfg, dl);
    if (p->cfg.year) {
        char *ydir = paths_join(dir, p->cfg.year);
        status = annrep_status_worst(status,
                                     S_load_year(ydir, p->cfg.year_start, true, p->cur, dl));
        free(ydir);

        char prev[16];
        snprintf(prev, sizeof prev, "%04d-%02d", p->cfg.year_start - 1,
                 p->cfg.year_start % 100);
        char *pdir = paths_join(dir, prev);
        if (paths_is_dir(pdir)) {
            p->has_prev = true;
            p->prev_year = xstrdup(prev);
            status = annrep_status_worst(
                status, S_load_year(pdir, p->cfg.year_start - 1, false, p->prev, dl));
        }
        free(pdir);
    }
    char *narr = paths_join(dir, "narrative");
    if (paths_is_dir(narr))
        p->narrative_dir = narr;
    else
        free(narr);
    return status;
}

void project_free(project *p)
{
    if (!p)
        return;
    free(p->dir);
    config_free(&p->cfg);
    for (int r = 0; r < RET_COUNT; r++) {
        table_free(&p->cur[r]);
        table_free(&p->prev[r]);
    }
    free(p->prev_year);
    free(p->narrative_dir);
    memset(p, 0, sizeof *p);
}
