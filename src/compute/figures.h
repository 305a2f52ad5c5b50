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

#include "../load/prevfigs.h"
#include "../util/status.h"

/* Why a figure shows no value: the shorthand of the Analysis Function
 * (contract sections 5 and 6), the letter figures.csv writes in its status
 * column. */
typedef enum {
    FIG_SHOWN = 0,              /* shown as its value */
    FIG_SUPPRESSED = 'c',       /* confidential: a small count of people, or worked out
                                   from one (disclosure control, section 8) */
    FIG_LOW_BASE = 'u',         /* low reliability: a relative change on a small base */
    FIG_NO_DENOMINATOR = 'z',   /* not applicable: a percentage of zero */
    FIG_NOT_AVAILABLE = 'x'     /* not available: not in the return */
} fig_status;

typedef struct {
    char *key;         /* "lado.referrals.threshold_pct" */
    bool available;    /* a value is shown: exactly when status is FIG_SHOWN */
    fig_status status; /* why not, otherwise; display is then "n/a" or "[c]" */
    double value;      /* unrounded; percentages in percent units (60.465...) */
    char *display;     /* exactly as printed: "60.5%" */
    char *unit;        /* "count", "percent", "per 10,000 children", "GBP", "number",
                          "change", "percent change" */
    char *definition;  /* "LADO referrals as a percentage of contacts" */
    char *sources;     /* "2016-17/lado_contacts.csv" (several separated by "; ") */
    /* Disclosure control (section 8), set by compute, read by src/disclose. */
    bool covered;      /* a count of people the public edition suppresses when small */
    bool small;        /* suppressed as a count from 1 to the threshold (the text may say
                          "fewer than 6"); false when suppressed for another reason */
    char **inputs;     /* keys of the figures it is worked out from */
    size_t ninputs;
} figure;

/* Shown figures that add up: parts ... = total (the quarters and the year,
 * the outcomes and the referrals ...). */
typedef struct {
    char *name;        /* for messages: "LADO referrals by quarter, 2016-17" */
    char *total;
    char **parts;
    size_t nparts;
} fig_sum;

typedef struct {
    figure *items;     /* in insertion order */
    size_t n, cap;
    size_t *index;     /* open-addressing hash of items by key (internal) */
    size_t index_cap;
    fig_sum *sums;     /* every sum compute declared */
    size_t nsums, sumcap;
    char **checks;     /* reconciliation warnings that remain ("2016-17/funding.csv:7: the
                          declared Total ..."), for the data pack's notes */
    size_t nchecks, checkcap;
} figstore;

#define FIGSTORE_INIT {NULL, 0, 0, NULL, 0, NULL, 0, 0, NULL, 0, 0}

/* Add or replace the figure `key`.  display NULL with available=false stores "n/a".
 * available=false means FIG_NOT_AVAILABLE until fig_set_status says why. */
void fig_set(figstore *fs, const char *key, bool available, double value,
             const char *display, const char *unit, const char *definition,
             const char *sources);
/* Set why figure key shows no value (FIG_SHOWN: shows it again).  Nothing
 * when there is no such figure. */
void fig_set_status(figstore *fs, const char *key, fig_status st);
/* Suppress figure key (disclosure control): status FIG_SUPPRESSED,
 * display "[c]" and its value forgotten; small: it is a count from 1 to
 * the threshold itself.  Nothing when there is no such
 * figure. */
void fig_suppress(figstore *fs, const char *key, bool small);
/* The letter figures.csv writes for st ("" for FIG_SHOWN). */
const char *fig_status_letter(fig_status st);

/* Disclosure facts (section 8).  Figures named need not exist yet: the
 * disclosure stage resolves the keys when it runs.  Strings are copied. */
void fig_cover(figstore *fs, const char *key);                    /* a count of people */
void fig_derive(figstore *fs, const char *key, const char *input); /* key uses input */
void fig_add_sum(figstore *fs, const char *name, const char *total, const char *const *parts,
                 size_t nparts);

/* Whether s, as a field of figures.csv or changes.csv, could be run as a
 * formula by a spreadsheet (it starts with =, @, a tab or a CR, or with +
 * or - and is not a number as printed); such a field is written after a
 * single quote, as OWASP advises for CSV files. */
bool fig_field_is_formula(const char *s);

/* A figure whose value is words, not a number (unit "text": the crime
 * type that counts all crime, "All crime"): figures.csv and the data pack
 * give its display as its value. */
bool fig_is_text(const figure *f);

/* Keep a reconciliation warning (copied) for the data pack's notes. */
void fig_add_check(figstore *fs, const char *text);

/* NULL when no such key. */
const figure *fig_find(const figstore *fs, const char *key);

/* Write figures.csv (RFC 4180, UTF-8, LF line ends, header
 * key,value,display,unit,definition,sources,status).  value is written with
 * up to 15 significant digits and empty when unavailable; status is empty
 * for a figure shown, else its shorthand letter (c, u, z, x).  Returns ANNREP_OK, or
 * ANNREP_ERR_IO on a write error (errno set); out stays open either way. */
annrep_status fig_write_csv(const figstore *fs, FILE *out);

/* Reorder (stably) so that the plain keys come first, then the year.<Y>.
 * keys of each earlier year, newest year first. */
void fig_order_by_year(figstore *fs);

/* What changed since the figures.csv an output folder held before
 * (changes.csv, contract section 6): each figure whose display differs,
 * was added or was removed.  Changed and added figures come in the store's
 * order, then the removed ones in the old file's order. */
typedef struct {
    char *key;
    char *before;  /* "" for a figure added */
    char *after;   /* "" for a figure removed */
} fig_change;

typedef struct {
    fig_change *items;
    size_t n, cap;
    size_t changed, added, removed;
} fig_changes;

#define FIG_CHANGES_INIT {NULL, 0, 0, 0, 0, 0}

/* Compare fs with prev (prev->present false: every figure is added). */
void fig_changes_find(const figstore *fs, const prev_figures *prev, fig_changes *out);
/* Write changes.csv: header key,before,after, then one record per change
 * (only the header when nothing changed).  ANNREP_OK or ANNREP_ERR_IO. */
annrep_status fig_changes_write_csv(const fig_changes *c, FILE *out);
void fig_changes_free(fig_changes *c);

void fig_free(figstore *fs);

#endif
