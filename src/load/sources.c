/* sources.c - how the report names where its numbers come from.
 *
 * Figures and tables keep their sources as the returns' file paths
 * ("2016-17/lado_contacts.csv; 2015-16/lado_contacts.csv"): that is the
 * audit trail of figures.csv.  The words under a table or a chart name the
 * agency that supplied each return instead, when report.ini's [sources]
 * names it (contract section 2): "Lewisham LADO service, lado_contacts.csv
 * (2015-16 and 2016-17)".  Knows report.ini's settings and the shape of a
 * source path; nothing about figures or outputs. */
#include "project.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <stdlib.h>
#include <string.h>

const char *config_source_name(const report_config *cfg, const char *file)
{
    const char *slash = strrchr(file, '/');
    const char *base = slash ? slash + 1 : file;
    for (int r = 0; r < RET_COUNT; r++)
        if (cfg->source_name[r] && strcmp(schema_get((return_id)r)->file, base) == 0)
            return cfg->source_name[r];
    return NULL;
}

/* One return file of a source list, with the years it was read for. */
typedef struct {
    char *file;      /* "lado_contacts.csv" */
    char **paths;    /* as written: "2016-17/lado_contacts.csv" */
    size_t n, cap;
} S_group;

/* The first year of a "YYYY-YY/..." path, or -1. */
static int S_year(const char *path)
{
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (path[i] < '0' || path[i] > '9')
            return -1;
        y = y * 10 + (path[i] - '0');
    }
    return path[4] == '-' && path[7] == '/' ? y : -1;
}

static int S_cmp_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "(2016-17)", "(2015-16 and 2016-17)", "(2014-15, 2015-16 and 2017-18)",
 * or for three or more years in a row "(2014-15 to 2016-17)": the years of
 * g, oldest first, each once. */
static void S_years(strbuf *b, S_group *g)
{
    qsort(g->paths, g->n, sizeof *g->paths, S_cmp_paths);
    int years[16];
    size_t ny = 0;
    for (size_t i = 0; i < g->n && ny < 16; i++) {
        int y = S_year(g->paths[i]);
        if (y >= 0 && (ny == 0 || years[ny - 1] != y))
            years[ny++] = y;
    }
    if (ny == 0)
        return;
    bool run = ny >= 3;
    for (size_t i = 1; i < ny && run; i++)
        run = years[i] == years[i - 1] + 1;
    sb_append(b, " (");
    for (size_t i = 0; i < ny; i++) {
        if (run && i > 0 && i + 1 < ny)
            continue;
        const char *sep = i == 0 ? "" : run ? " to " : i + 1 == ny ? " and " : ", ";
        sb_appendf(b, "%s%04d-%02d", sep, years[i], (years[i] + 1) % 100);
    }
    sb_putc(b, ')');
}

char *config_sources_text(const report_config *cfg, const char *paths)
{
    S_group *g = NULL;
    size_t ng = 0, gcap = 0;
    for (const char *p = paths ? paths : ""; *p;) {
        const char *end = strstr(p, "; ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *one = xstrndup(p, len);
        const char *slash = strrchr(one, '/');
        const char *file = slash ? slash + 1 : one;
        size_t k = 0;
        while (k < ng && strcmp(g[k].file, file) != 0)
            k++;
        if (k == ng) {
            XGROW(g, gcap, ng + 1);
            memset(&g[ng], 0, sizeof g[ng]);
            g[ng++].file = xstrdup(file);
        }
        XGROW(g[k].paths, g[k].cap, g[k].n + 1);
        g[k].paths[g[k].n++] = one;
        p = end ? end + 2 : p + len;
    }
    bool named = false;
    for (size_t k = 0; k < ng && !named; k++)
        named = config_source_name(cfg, g[k].file) != NULL;
    strbuf b = STRBUF_INIT;
    if (!named) /* nothing named: the paths, exactly as given */
        sb_append(&b, paths ? paths : "");
    for (size_t k = 0; k < ng; k++) {
        const char *name = config_source_name(cfg, g[k].file);
        if (named && b.len)
            sb_append(&b, "; ");
        if (name) {
            sb_appendf(&b, "%s, %s", name, g[k].file);
            S_years(&b, &g[k]);
        } else if (named) {
            for (size_t i = 0; i < g[k].n; i++)
                sb_appendf(&b, "%s%s", i ? "; " : "", g[k].paths[i]);
        }
        for (size_t i = 0; i < g[k].n; i++)
            free(g[k].paths[i]);
        free(g[k].paths);
        free(g[k].file);
    }
    free(g);
    return sb_take(&b);
}
