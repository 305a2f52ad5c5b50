/* project.c - a whole report project: report.ini, the reporting year's
 * returns, the four years before it and the narrative folder.
 * Knows the project layout (section 1 of the data contract) and nothing
 * about how a CSV or the settings are read, nor about figures or output. */
#include "../util/alloc.h"
#include "../util/fileio.h"
#include "../util/paths.h"
#include "project.h"

#include "../util/strbuf.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every return of one year folder into tabs; the worst status.  A
 * return that is not there is "not collected this year" (a note for the
 * reporting year); one that is there but cannot be read is an error
 * (csvload_file says why), never absent. */
static annrep_status S_load_year(const char *ydir, int year_start, bool note_absent,
                                 table *tabs, diag_list *dl)
{
    /* A folder that cannot be searched would make every return look
     * unreadable, or absent: say so once, for the folder. */
    char *dot = paths_join(ydir, "."), *why = NULL;
    fileio_kind k = fileio_probe(dot, &why);
    free(dot);
    if (k == FILEIO_KIND_UNREADABLE) {
        diag_add(dl, DIAG_ERROR, ydir, 0, NULL, NULL,
                 "%s: expected a folder of returns this user can read", why);
        free(why);
        for (int r = 0; r < RET_COUNT; r++) {
            memset(&tabs[r], 0, sizeof tabs[r]);
            tabs[r].schema = schema_get((return_id)r);
        }
        return ANNREP_ERR_INPUT;
    }
    free(why);
    annrep_status status = ANNREP_OK;
    for (int r = 0; r < RET_COUNT; r++) {
        const schema *s = schema_get((return_id)r);
        char *path = paths_join(ydir, s->file);
        if (fileio_probe(path, NULL) == FILEIO_KIND_ABSENT) {
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

/* Year folders outside the five years, named in one note. */
static void S_note_other_years(const char *dir, int year_start, diag_list *dl)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *s = e->d_name;
        if (strlen(s) != 7 || s[4] != '-')
            continue;
        int y = 0;
        bool digits = true;
        for (int i = 0; i < 7 && digits; i++)
            if (i != 4)
                digits = s[i] >= '0' && s[i] <= '9';
        if (!digits)
            continue;
        y = atoi(s);
        if ((y + 1) % 100 != atoi(s + 5) || (y <= year_start && y > year_start - PROJECT_YEARS))
            continue;
        char *path = paths_join(dir, s);
        if (paths_is_dir(path)) {
            XGROW(names, cap, n + 1);
            names[n++] = xstrdup(s);
        }
        free(path);
    }
    closedir(d);
    if (!n)
        return;
    qsort(names, n, sizeof *names, S_cmp_str);
    strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        sb_appendf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", names[i]);
        free(names[i]);
    }
    free(names);
    diag_add(dl, DIAG_NOTE, dir, 0, NULL, NULL,
             "year folder%s %s not read: a report uses its reporting year and the four "
             "years before it", n == 1 ? "" : "s", sb_cstr(&b));
    sb_free(&b);
}

/* The folder of year k (k years before the reporting year), when it exists. */
static annrep_status S_load_window_year(project *p, int k, diag_list *dl)
{
    project_year *y = &p->years[k];
    y->start = p->cfg.year_start - k;
    snprintf(y->name, sizeof y->name, "%04d-%02d", y->start, (y->start + 1) % 100);
    char *ydir = paths_join(p->dir, y->name);
    annrep_status status = ANNREP_OK;
    /* The reporting year's folder was checked by config_load.  An earlier
     * year's that is there but is no folder, or cannot be read (a link to a
     * share that is not connected), is an error: its returns are not
     * "not collected". */
    char *why = NULL;
    fileio_kind kind = k == 0 ? FILEIO_KIND_DIR : fileio_probe(ydir, &why);
    if (kind == FILEIO_KIND_DIR) {
        y->present = true;
        status = S_load_year(ydir, y->start, k == 0, y->tables, dl);
    } else if (kind != FILEIO_KIND_ABSENT) {
        diag_add(dl, DIAG_ERROR, ydir, 0, NULL, NULL, "%s: expected the folder of %s's returns",
                 kind == FILEIO_KIND_FILE ? "is a file, not a folder" : why, y->name);
        status = ANNREP_ERR_INPUT;
    }
    free(why);
    free(ydir);
    return status;
}

const table *project_table(const project *p, int k, return_id id)
{
    if (k < 0 || k >= PROJECT_YEARS || (int)id < 0 || id >= RET_COUNT || !p->years[k].present)
        return NULL;
    const table *t = &p->years[k].tables[id];
    return t->present ? t : NULL;
}

annrep_status project_load(const char *dir, project *p, diag_list *dl)
{
    memset(p, 0, sizeof *p);
    p->dir = xstrdup(dir);
    for (int k = 0; k < PROJECT_YEARS; k++)
        for (int r = 0; r < RET_COUNT; r++)
            p->years[k].tables[r].schema = schema_get((return_id)r);
    /* Errors in the settings do not stop us reading the returns when the
     * year is known: `annrep check` should list every problem in one run. */
    annrep_status status = config_load(dir, &p->cfg, dl);
    if (p->cfg.year) {
        for (int k = 0; k < PROJECT_YEARS; k++)
            status = annrep_status_worst(status, S_load_window_year(p, k, dl));
        S_note_other_years(dir, p->cfg.year_start, dl);
    }
    char *narr = paths_join(dir, "narrative"), *why = NULL;
    fileio_kind nk = fileio_probe(narr, &why);
    if (nk == FILEIO_KIND_DIR) {
        p->narrative_dir = narr;
        narr = NULL;
    } else if (nk != FILEIO_KIND_ABSENT) {
        /* Without it every narrative would be "not written yet". */
        diag_add(dl, DIAG_ERROR, narr, 0, NULL, NULL,
                 "%s: expected the folder of the report's own words (foreword.md ...)",
                 nk == FILEIO_KIND_FILE ? "is a file, not a folder" : why);
        status = annrep_status_worst(status, ANNREP_ERR_INPUT);
    }
    free(why);
    free(narr);
    return status;
}

void project_free(project *p)
{
    if (!p)
        return;
    free(p->dir);
    config_free(&p->cfg);
    for (int k = 0; k < PROJECT_YEARS; k++)
        for (int r = 0; r < RET_COUNT; r++)
            table_free(&p->years[k].tables[r]);
    free(p->narrative_dir);
    memset(p, 0, sizeof *p);
}
