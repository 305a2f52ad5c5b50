/* figures.h - every number the report quotes, by stable key.
 *
 * Prose never computes; it quotes a figure.  A figure keeps its unrounded
 * value, the display string exactly as printed, its unit, a definition in
 * words and the return file(s) it came from: the audit trail that figures.csv
 * and the data pack's Figures sheet expose.  The store owns all strings. */
#ifndef ANNREP_FIGURES_H
#define ANNREP_FIGURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../util/status.h"

typedef struct {
    char *key;         /* "lado.referrals.threshold_pct" */
    bool available;    /* false: no value (zero denominator...); display is "n/a" */
    double value;      /* unrounded; percentages in percent units (60.465...) */
    char *display;     /* exactly as printed: "60.5%" */
    char *unit;        /* "count", "percent", "per 10,000 children", "GBP", "number",
                          "change", "percent change" */
    char *definition;  /* "LADO referrals as a percentage of contacts" */
    char *sources;     /* "2016-17/lado_contacts.csv" (several separated by "; ") */
} figure;

typedef struct {
    figure *items;     /* in insertion order */
    size_t n, cap;
    size_t *index;     /* open-addressing hash of items by key (internal) */
    size_t index_cap;
} figstore;

#define FIGSTORE_INIT {NULL, 0, 0, NULL, 0}

/* Add or replace the figure `key`.  display NULL with available=false stores "n/a". */
void fig_set(figstore *fs, const char *key, bool available, double value,
             const char *display, const char *unit, const char *definition,
             const char *sources);

/* NULL when no such key. */
const figure *fig_find(const figstore *fs, const char *key);

/* Write figures.csv (RFC 4180, UTF-8, LF line ends, header
 * key,value,display,unit,definition,sources).  value is written with up to 15
 * significant digits and empty when unavailable.  Returns ANNREP_OK, or
 * ANNREP_ERR_IO on a write error (errno set); out stays open either way. */
annrep_status fig_write_csv(const figstore *fs, FILE *out);

/* Reorder (stably) so that the plain keys come first, then the year.<Y>.
 * keys of each earlier year, newest year first. */
void fig_order_by_year(figstore *fs);

void fig_free(figstore *fs);

#endif
