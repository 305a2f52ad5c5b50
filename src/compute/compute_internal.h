/* compute_internal.h - what the compute_<return>.c files share (not part of
 * the public interface; only src/compute and its unit tests include it).
 *
 * compute_all() runs each return's compute function (registry.h) once per
 * year with a cctx: the year's tables and the year before's, the figure
 * store, the dataset list and the diagnostics.  The cx_ helpers (cx.c)
 * apply the rules of section 5 and shape every figure key, so that each
 * compute_<return>.c only says which numbers go where.  Figure keys passed
 * to cx_fig_* are the reporting year's ("lado.referrals.total"); the
 * helpers add the year prefix of section 7 ("year.2015_16.") themselves. */
#ifndef ANNREP_COMPUTE_INTERNAL_H
#define ANNREP_COMPUTE_INTERNAL_H

#include "compute.h"
#include "fmt.h"
#include "registry.h"
#include "../util/strbuf.h"

#include <stdint.h>

struct cctx {
    const project *p;
    const return_def *def;   /* the return being computed */
    const table *cur;        /* its table this year (present) */
    const table *prev;       /* its table the year before, or NULL when absent */
    figstore *fs;
    dataset_list *dsl;
    diag_list *dl;
    int year_start;          /* 2016 for 2016-17 */
    char year[16];           /* "2016-17" */
    char prev_year[16];      /* "2015-16" */
    char key_prefix[32];     /* "" for the reporting year, "year.2015_16." before it */
    bool has_population;     /* the year's child population is known */
    double population;
    strbuf key, def_text, scratch; /* scratch for cx_key / cx_def / cx_fig_* */
};

/* Per-return entry points (the registry calls each when its return is present). */
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

/* The cell, or NULL when the cell is blank ("not recorded") or missing. */
const cell *cx_cell(const table *t, size_t r, int col);
/* Label of enumeration value e of column col of the return being computed. */
const char *cx_enum_label(const cctx *c, int col, int e);

/* "2016-17/lado_contacts.csv" (prev: "2015-16/..."); caller frees. */
char *cx_source(const cctx *c, bool prev);
/* The year's source, plus "; <the year before's>" when with_prev. */
char *cx_sources(const cctx *c, bool with_prev);
/* How diagnostics name the file: the table's path, else cx_source. */
char *cx_diag_file(const cctx *c, bool prev);

/* Row r of t is a declared total (row.total: its first cell reads Total)
 * in a return whose figures are counted from its rows, one row per `what`
 * ("review"): a reconciliation warning says it is left out, and true. */
bool cx_total_left_out(cctx *c, const table *t, size_t r, const char *file, const char *what);

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
/* Relative change cell: (cur-prev)/prev*100, or [c] when prev is below the
 * small base (FMT_SMALL_BASE). */
void cx_change_pct_cell(dataset *ds, size_t r, size_t col, double cur, double prev);

/* A dataset of the return being computed (its return id set). */
dataset *cx_dataset(cctx *c, const char *id, const char *sheet, const char *title,
                    const char *description, const char *sources);

/* Figures (the key gets the year prefix). */
void cx_fig(cctx *c, const char *key, bool available, double value, const char *display,
            const char *unit, const char *def, const char *src);
void cx_fig_count(cctx *c, const char *key, int64_t n, const char *def, const char *src);
/* num/den*100 in percent units; unavailable ("n/a") when den is 0. */
void cx_fig_pct(cctx *c, const char *key, double num, double den, const char *def,
                const char *src);
/* <prefix>.change (+79 / −9 / 0) and <prefix>.change_pct (unavailable, "n/a",
 * when prev < FMT_SMALL_BASE).  what: "LADO referrals".  The definitions
 * say "from <year before> to <year>". */
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
