/* compute_internal.h - helpers shared by the compute_*.c files (not part of
 * the public interface; only src/compute and its unit tests include it).
 *
 * A cctx carries what every per-return function needs: the project, the
 * figure store, the dataset list, the diagnostics, and two scratch buffers
 * for keys and definitions (fig_set copies them, so one buffer each is
 * enough).  Figure helpers apply the rules of section 5 so that each
 * compute_<return>.c only says which numbers go where. */
#ifndef ANNREP_COMPUTE_INTERNAL_H
#define ANNREP_COMPUTE_INTERNAL_H

#include "compute.h"
#include "fmt.h"
#include "../util/strbuf.h"

#include <stdint.h>

typedef struct {
    const project *p;
    figstore *fs;
    dataset_list *dsl;
    diag_list *dl;
    char year[16];      /* "2016-17" */
    char prev_year[16]; /* "2015-16" */
    strbuf key, def;    /* scratch for cx_key / cx_def */
} cctx;

/* Per-return entry points (compute.c calls each when its return is present). */
void compute_lado(cctx *c);
void compute_lac(cctx *c);
void compute_comparators(cctx *c);
void compute_cdop(cctx *c);
void compute_training(cctx *c);
void compute_elearning(cctx *c);
void compute_crime(cctx *c);
void compute_indicators(cctx *c);
void compute_funding(cctx *c);

/* CDOP ethnic group of an ethnicity as recorded: 0 White, 1 Black, Asian and
 * minority ethnic, 2 not known (exposed for the unit tests). */
int compute_cdop_ethnic_group(const char *ethnicity);

/* The reporting year's table, or NULL when the return is absent. */
const table *cx_cur(const cctx *c, return_id id);
/* The previous year's table, or NULL when that year or that return is absent. */
const table *cx_prev(const cctx *c, return_id id);
/* The cell, or NULL when the cell is blank ("not recorded") or missing. */
const cell *cx_cell(const table *t, size_t r, int col);

/* "2016-17/lado_contacts.csv" (prev: "2015-16/..."); caller frees. */
char *cx_source(const cctx *c, return_id id, bool prev);
/* The reporting year's source, plus "; <previous>" when with_prev. */
char *cx_sources(const cctx *c, return_id id, bool with_prev);
/* How diagnostics name the file: the table's path, else cx_source. */
char *cx_diag_file(const cctx *c, return_id id, bool prev);

/* Reconciliation problem: a warning, or an error under [checks] strict. */
void cx_recon(cctx *c, const char *file, int line, const char *column, const char *value,
              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Scratch strings, valid until the next call of the same function. */
const char *cx_key(cctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
const char *cx_def(cctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The spec's slug, never empty ("blank" stands in for text without a letter
 * or digit, so a key never has an empty part).  Caller frees. */
char *cx_slug(const char *s);
/* "Total" or "Grand Total" (any case, surrounding and inner spaces loose):
 * a declared total row, which is checked and never added. */
bool cx_is_total_label(const char *s);
/* Case-insensitive ASCII prefix test. */
bool cx_starts_with_ci(const char *s, const char *prefix);
/* Percentage num/den*100, computed once here so figures and tables agree. */
double cx_pct(double num, double den);
/* Table cell num/den*100, or [z] (not applicable) when den is zero. */
void cx_pct_cell(dataset *ds, size_t r, size_t col, double num, double den);

/* Figures. */
void cx_fig_count(cctx *c, const char *key, int64_t n, const char *def, const char *src);
/* num/den*100 in percent units; unavailable ("n/a") when den is 0. */
void cx_fig_pct(cctx *c, const char *key, double num, double den, const char *def,
                const char *src);
/* <prefix>.change (+79 / −9 / 0) and <prefix>.change_pct (unavailable, "n/a",
 * when prev < 20: the small-base rule).  what: "LADO referrals". */
void cx_fig_change(cctx *c, const char *prefix, int64_t cur, int64_t prev, const char *what,
                   const char *src);
void cx_fig_na(cctx *c, const char *key, const char *unit, const char *def, const char *src);

/* Groups of text by slug, labelled by the first spelling seen.  Each group
 * carries a few counters whose meaning the caller chooses. */
enum { CX_SLOTS = 16 };
typedef struct {
    char *slug;
    char *label;
    bool in_cur, in_prev;
    int first_line;
    int64_t n[CX_SLOTS];
} cx_group;
typedef struct {
    cx_group *items;
    size_t n, cap;
} cx_groups;

/* Index of the group of text, added (labelled text) when new. */
size_t cx_group_get(cx_groups *g, const char *text, int line);
/* Index of slug, or (size_t)-1. */
size_t cx_group_find(const cx_groups *g, const char *slug);
void cx_groups_free(cx_groups *g);

/* Names of groups seen in only one of the two years, as "A, B" (NULL when
 * none); used for the "different set of agencies/crime types" check. */
char *cx_only_in(const cx_groups *g, bool cur_only);

#endif
