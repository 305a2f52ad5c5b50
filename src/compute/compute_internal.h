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
    int k;                   /* the year being computed: 0 the reporting year, k years before */
    const table *cur;        /* its table this year (present) */
    const table *prev;       /* its table the year before, or NULL when absent */
    figstore *fs;
    dataset_list *dsl;
    diag_list *dl;
    int year_start;          /* 2016 for 2016-17 */
    char year[16];           /* "2016-17" */
    char prev_year[16];      /* "2015-16" */
    char key_prefix[32];     /* "" for the reporting year, "year.2015_16." before it */
    bool covering;           /* counts set now are counts of people (section 8) */
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
/* The comparators table, once the reporting year's other figures are set
 * (it sets each comparator beside the area's own figure). */
void compute_comparators_table(cctx *c);

/* ---- trends (cx_trend.c) ---- */

/* A return gets a trend with this many years of data (contract section 7). */
#define TREND_MIN_YEARS 3

/* One measure over the trend's years, oldest first; has[i] false: a gap. */
typedef struct {
    double v[PROJECT_YEARS];
    bool has[PROJECT_YEARS];
    size_t n;
    int decimals;          /* as the figures show it */
    const char *display;   /* the latest display seen (borrowed) */
} trend_series;

/* What the trend words are made of (trend_rules). */
typedef struct {
    int years;             /* values in the series */
    size_t first;          /* index of the first value */
    double mean;           /* of the values */
    bool has_latest;       /* the reporting year has a value; then: */
    int rank_high;         /* 1 + the years with a higher value */
    int rank_low;          /* 1 + the years with a lower value */
    int equal;             /* earlier years with the same value */
    bool has_run;          /* the year before has a value too; then: */
    int run;               /* consecutive rises (> 0) or falls (< 0) ending this year */
} trend_facts;

typedef struct {
    char *key, *what, *unit;
    int decimals;
    double v[PROJECT_YEARS];
    bool has[PROJECT_YEARS];
    int year[PROJECT_YEARS];  /* year index k of each point */
    size_t n;
} trend_ts_entry;

/* The time series collected from every trend, for the data pack. */
typedef struct {
    trend_ts_entry *items;
    size_t n, cap;
} trend_ts;

/* What a return's trend function works with. */
typedef struct trend {
    const project *p;
    const return_def *def;
    figstore *fs;
    dataset_list *dsl;
    trend_ts *ts;
    int first_k;           /* the oldest year (years[first_k]) with the return */
    int nyears;            /* years with the return */
    dataset *ds;           /* the trend table, once trend_table made it */
    strbuf scratch;
} trend;

/* The available figure `key` of year k, or NULL. */
const figure *trend_figure(trend *t, int k, const char *key);
/* The trend table: one row per year from the oldest with the return to the
 * reporting year, a first column "Year"; title gets ", <first> to <last>". */
dataset *trend_table(trend *t, const char *id, const char *sheet, const char *title,
                     const char *description);
/* A headline figure over the years: a column of the trend table (when there
 * is one), its <key>.trend.* figures (when it has TREND_MIN_YEARS values)
 * and its rows of the time series.  what names it in definitions. */
void trend_measure(trend *t, const char *key, const char *col, const char *heading,
                   dfmt fmt, const char *what);
/* Decimals a figure's display shows ("60.5%" 1, "£1,550.50" 2, "459" 0). */
int cx_shown_decimals(const char *display);
/* The rules of the trend words (exposed for the unit tests). */
void trend_rules(const trend_series *s, trend_facts *out);
/* The Time_series table of the data pack (return_id -1: every return's). */
void trend_time_series(const project *p, const figstore *fs, trend_ts *ts, dataset_list *dsl);
void trend_ts_free(trend_ts *ts);

/* Per-return trend functions (the registry's .trend). */
void trend_lado(trend *t);
void trend_lac(trend *t);
void trend_cdop(trend *t);
void trend_training(trend *t);
void trend_funding(trend *t);
void trend_indicators(trend *t);

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

/* Row r of t is a declared total (the loader's row.total: its first cell
 * reads Total or Grand Total, contract section 3): never counted as a
 * record. */
bool cx_is_total(const table *t, size_t r);
/* Check each declared total row of t against the sum of the rows above it
 * that are not totals, in each of the columns cols (counts, numbers or
 * money of the return being computed; -1 ends the list): where the total's
 * cell is given and differs (numbers: as printed to the decimals written), a
 * reconciliation warning (an error under strict) at the row, naming the
 * column and both values.  A blank cell is not recorded: not checked. */
void cx_check_totals(cctx *c, const table *t, const char *file, const int *cols);

/* Whether the count or money columns cols (ended by -1) of this year's
 * table and the previous year's add up to at most 2^53 (so every sum is
 * exact as a figure and none can overflow); false after an error at the
 * row where one passes it.  A compute function that sums those columns
 * calls it first and makes no figures when it is false. */
bool cx_sums_fit(cctx *c, const int *cols);

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

/* The spec's slug, never empty: text without a letter or digit a-z 0-9
 * gets one of its own from its code points (text_group_slug: "警察" ->
 * "_u8b66_u5bdf"), so two such labels never merge, nor merge with a label
 * really called "Blank".  Caller frees. */
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

/* ---- disclosure facts (section 8); keys get the year prefix ---- */

/* Figure key is a count of people, suppressed in the public edition when
 * small.  cx_fig_count covers its figure itself while c->covering is set. */
void cx_cover(cctx *c, const char *key);
/* Figure key is worked out from figure input (suppressed with it). */
void cx_derive(cctx *c, const char *key, const char *input);
/* The parts add up to the total. */
void cx_sum(cctx *c, const char *name, const char *total, const char *const *parts, size_t n);
/* Figure key of this year equals prev_key of the year before's own figures
 * (a 'previous' copy: both are shown or both suppressed). */
void cx_same_as_previous(cctx *c, const char *key, const char *prev_key);
/* This year's figure key, or NULL. */
const figure *cx_figure(cctx *c, const char *key);
/* Table cell showing this year's figure key. */
void cx_cell_figure(cctx *c, dataset *ds, size_t r, size_t col, const char *key);
/* Percentage num_key / den_key x 100 of two figures already set, derived
 * from both. */
void cx_fig_share(cctx *c, const char *key, const char *num_key, const char *den_key,
                  const char *def, const char *src);
/* cx_fig_change from two figures already set, derived from both. */
void cx_fig_change_of(cctx *c, const char *prefix, const char *cur_key, const char *prev_key,
                      const char *what, const char *src);

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

/* Year-on-year change from figures already computed: when figure key has a
 * value this year and the year before (the years are computed oldest
 * first), sets <base>.previous, <base>.change and, where it means
 * something, <base>.change_pct (small-base rule), and returns true; else
 * sets nothing and returns false.  what names the quantity in the
 * definitions ("child deaths reviewed"). */
bool cx_change_count(cctx *c, const char *key, const char *base, const char *what);
/* Money in pounds: +£2,000 (whole: pounds only when every amount is whole). */
bool cx_change_money(cctx *c, const char *key, const char *base, const char *what, bool whole);
/* A number shown to `decimals` places, in `unit`; the change in change_unit
 * ("percentage points" for a percentage); with_pct adds the relative change. */
bool cx_change_number(cctx *c, const char *key, const char *base, const char *what,
                      int decimals, const char *unit, const char *change_unit, bool with_pct);

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
    /* The loader keeps one copy of each distinct text of a column, so a
     * text's address finds its group again without a slug: a small cache
     * (a million rows of a few dozen agencies). */
    const char *ckey[64];
    size_t cval[64];
    /* Open-addressing index of the slugs (group index + 1, 0 when free),
     * so that finding a group is constant time however many there are (an
     * indicators return of a million indicators). */
    size_t *slot;
    size_t nslot;
} cx_groups;

#define CX_GROUPS_INIT {NULL, 0, 0, {NULL}, {0}, NULL, 0}

/* Index of the group of text, added (labelled text) when new. */
size_t cx_group_get(cx_groups *g, const char *text, int line);
/* Add a group of slug (taken over; not in g yet) labelled label; its index. */
size_t cx_group_add(cx_groups *g, char *slug, const char *label, int line);
/* Index of slug, or (size_t)-1. */
size_t cx_group_find(const cx_groups *g, const char *slug);
void cx_groups_free(cx_groups *g);

/* Names of groups seen in only one of the two years, as "A, B" (NULL when
 * none); used for the "different set of agencies/crime types" check. */
char *cx_only_in(const cx_groups *g, bool cur_only);

#endif
