/* table_builder.h - build return tables and projects by hand for compute's
 * unit tests (no CSV, no schema: compute reads cells by column index).
 *
 * tb_row(t, "tdtyye", ...) appends a row whose cells follow the type letters:
 *   t text (const char *, NULL = blank)     d date (int 20160405, 0 = blank)
 *   m month (int 201603, 0 = blank)         c count (long long, -1 = blank)
 *   n number as written (const char *, NULL = blank; "60.0" keeps 1 decimal)
 *   p money in pence (long long, -1 = blank) y yes/no (int 1/0, -1 = blank)
 *   e enum index (int, -1 = blank)
 * Lines are numbered from 2 (the header is line 1) in the order rows are added.
 * tb_project_free() frees every table of the project built this way. */
#ifndef ANNREP_TEST_TABLE_BUILDER_H
#define ANNREP_TEST_TABLE_BUILDER_H

#include "load/project.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every row gets this many cells (the widest return has 9), so that
 * tb_table_free knows how many to free without a schema. */
#define TB_MAXCOLS 12

/* The table of return id in the reporting year, or (prev) the year before,
 * marked present; its year is marked read. */
static inline table *tb_table_of(project *p, int k, return_id id)
{
    p->years[k].present = true;
    table *t = &p->years[k].tables[id];
    t->present = true;
    return t;
}

static inline table *tb_table(project *p, return_id id, bool prev)
{
    return tb_table_of(p, prev ? 1 : 0, id);
}

static inline void tb_row(table *t, const char *types, ...)
{
    size_t n = strlen(types);
    if (n > TB_MAXCOLS)
        abort();
    cell *cells = table_add_row(t, TB_MAXCOLS, (int)t->nrows + 2, false);
    va_list ap;
    va_start(ap, types);
    for (size_t i = 0; i < n; i++) {
        cell *c = &cells[i];
        char buf[64];
        bool has = false;
        buf[0] = '\0';
        switch (types[i]) {
        case 't': {
            const char *s = va_arg(ap, const char *);
            if (s)
                c->text = table_text(t, s, strlen(s));
            continue;
        }
        case 'n': {
            const char *s = va_arg(ap, const char *);
            if (s) {
                c->text = table_text(t, s, strlen(s));
                c->v.d = strtod(s, NULL);
            }
            continue;
        }
        case 'd': {
            int v = va_arg(ap, int);
            if (v) {
                has = true;
                c->v.ymd = v;
                snprintf(buf, sizeof buf, "%04d-%02d-%02d", v / 10000, v / 100 % 100, v % 100);
            }
            break;
        }
        case 'm': {
            int v = va_arg(ap, int);
            if (v) {
                has = true;
                c->v.ym = v;
                snprintf(buf, sizeof buf, "%04d-%02d", v / 100, v % 100);
            }
            break;
        }
        case 'c': {
            long long v = va_arg(ap, long long);
            if (v >= 0) {
                has = true;
                c->v.i = v;
                snprintf(buf, sizeof buf, "%lld", v);
            }
            break;
        }
        case 'p': {
            long long v = va_arg(ap, long long);
            if (v >= 0) {
                has = true;
                c->v.pence = v;
                snprintf(buf, sizeof buf, "%lld.%02lld", v / 100, v % 100);
            }
            break;
        }
        case 'y': {
            int v = va_arg(ap, int);
            if (v >= 0) {
                has = true;
                c->v.yes = v == 1;
                snprintf(buf, sizeof buf, "%s", v == 1 ? "Y" : "N");
            }
            break;
        }
        case 'e': {
            int v = va_arg(ap, int);
            if (v >= 0) {
                has = true;
                c->v.e = v;
                snprintf(buf, sizeof buf, "#%d", v);
            }
            break;
        }
        default:
            fprintf(stderr, "tb_row: unknown type letter %c\n", types[i]);
            abort();
        }
        if (has)
            c->text = table_text(t, buf, strlen(buf));
    }
    va_end(ap);
}

/* A project for reporting year year_start (2016 -> "2016-17"), no returns. */
static inline void tb_project(project *p, int year_start)
{
    memset(p, 0, sizeof *p);
    p->cfg.year_start = year_start;
    p->cfg.area = (char *)"Lewisham";
    for (int k = 0; k < PROJECT_YEARS; k++) {
        p->years[k].start = year_start - k;
        snprintf(p->years[k].name, sizeof p->years[k].name, "%04d-%02d", year_start - k,
                 (year_start - k + 1) % 100);
    }
    p->years[0].present = true;
}

/* Mark the last row added as a declared total, as the loader flags a row
 * whose first cell reads Total (row.total). */
static inline void tb_total(table *t)
{
    t->rows[t->nrows - 1].total = true;
}

static inline void tb_table_free(table *t)
{
    table_free(t);
    memset(t, 0, sizeof *t);
}

static inline void tb_project_free(project *p)
{
    for (int k = 0; k < PROJECT_YEARS; k++)
        for (int i = 0; i < RET_COUNT; i++)
            tb_table_free(&p->years[k].tables[i]);
}

#endif
