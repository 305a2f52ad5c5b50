/* registry.h - the returns annrep knows: one entry per return.
 *
 * An entry says everything the rest of the tool needs to know about a
 * return: its schema (columns and file name, src/load/schema.c), the
 * function that turns one year of it into figures and tables
 * (compute_<return>.c), the names templates use for it, the figure keys
 * it owns, and the ids of the tables and charts it makes.  Adding a return
 * is a schema, a compute file, one entry here, a template chapter and its
 * documentation (docs/architecture.md).  Entries are constant data. */
#ifndef ANNREP_REGISTRY_H
#define ANNREP_REGISTRY_H

#include "../load/returns.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct cctx cctx;
struct trend;

typedef struct {
    return_id id;
    const schema *schema;            /* columns and file name */
    void (*compute)(cctx *c);        /* one year's figures and tables */
    const char *const *names;        /* names in templates, NULL-terminated; names[0] is
                                        the one messages suggest ("lado") */
    const char *key_prefix;          /* figure keys "<prefix>." are this return's */
    const char *const *datasets;     /* ids of the tables it makes, NULL-terminated */
    const char *const *charts;       /* ids of the charts drawn from them, NULL-terminated */
    void (*trend)(struct trend *t);  /* its trend over the years, or NULL: run when the
                                        return has TREND_MIN_YEARS years of data */
    const char *trend_dataset;       /* the trend's table and chart ids, or NULL */
    const char *trend_chart;
} return_def;

/* The entry of id; NULL for an id outside the enumeration. */
const return_def *registry_get(return_id id);

/* Lookups; NULL when nothing matches. */
const return_def *registry_by_name(const char *name);    /* "lado", "lado_contacts" */
const return_def *registry_by_file(const char *file);    /* "lado_contacts.csv" */
const return_def *registry_by_key(const char *key);      /* longest key_prefix of key */
const return_def *registry_by_dataset(const char *id);   /* "lado_quarter" */
const return_def *registry_by_chart(const char *id);     /* "lado_outcomes" */

/* "lado, looked_after, ... or funding": every return's names[0], for
 * messages.  Static storage. */
const char *registry_names_list(void);
/* Every dataset id (or chart id) of every return, comma-separated, in
 * registry order, for messages.  Caller frees. */
char *registry_dataset_ids(void);
char *registry_chart_ids(void);

#endif
