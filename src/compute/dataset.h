/* dataset.h - the tables the report and the data pack show.
 *
 * compute builds one dataset per table (LADO by quarter, crime by type...).
 * The XLSX writer turns each into a sheet, the PDF writer into a table, and
 * the chart builders read them.  A dataset holds numbers unrounded with a
 * display format per column, and shorthand where a value cannot be given:
 * [x] not available, [z] not applicable, [u] low reliability, [c]
 * confidential (suppressed).  A cell set from a figure (ds_set_figure)
 * keeps the figure's key, so disclosure control and the writers can trace
 * it.
 * A dataset_list owns its datasets; a dataset owns its strings. */
#ifndef ANNREP_DATASET_H
#define ANNREP_DATASET_H

#include "figures.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    DFMT_TEXT,
    DFMT_COUNT,       /* 24,635 */
    DFMT_PCT,         /* value in percent units, one decimal: 60.5% */
    DFMT_RATE,        /* one decimal: 67.9 */
    DFMT_MONEY,       /* £181,050 (whole pounds; value in pounds) */
    DFMT_MONEY_PENCE, /* £130,021.50 */
    DFMT_NUMBER,      /* as written: cell_decimals() places */
    DFMT_CHANGE,      /* signed count: +79, −9 */
    DFMT_CHANGE_PCT   /* signed percent, one decimal: +0.3% */
} dfmt;

typedef enum {
    DC_EMPTY,   /* nothing (should be rare: prefer a shorthand) */
    DC_NUM,
    DC_TEXT,
    DC_X,       /* [x] not available */
    DC_Z,       /* [z] not applicable */
    DC_C,       /* [c] confidential: suppressed by disclosure control */
    DC_U        /* [u] low reliability: a relative change on a small base */
} dkind;

typedef struct {
    dkind kind;
    double num;     /* DC_NUM */
    int decimals;   /* DC_NUM with DFMT_NUMBER */
    char *text;     /* DC_TEXT */
    char *key;      /* the figure the cell shows (figures.csv key), or NULL */
} dcell;

typedef struct {
    char *name;     /* stable machine name, e.g. "referrals": how chart definitions and
                       tests pick a column (never by position) */
    char *heading;  /* with unit where there is one: "Referrals (number)", "Rate per 10,000" */
    dfmt fmt;
} dcol;

/* A chart of a dataset, as compute describes it: which columns are the
 * series, what kind of chart and the words around it.  src/chart turns it
 * into a chart model; nothing here knows a pixel. */
typedef enum { DS_CHART_BAR, DS_CHART_HBAR, DS_CHART_LINE } ds_chart_kind;
typedef enum {
    DS_CHART_COUNT,
    DS_CHART_PCT,
    DS_CHART_CHANGE_PCT,
    DS_CHART_MONEY,
    DS_CHART_RATE
} ds_chart_unit;

typedef struct {
    char *col;      /* dataset column name */
    char *name;     /* series name shown in the legend */
} ds_chart_series;

typedef struct {
    char *id;          /* "lado_quarterly": charts/<id>.png and ```chart <id>``` */
    ds_chart_kind kind;
    ds_chart_unit unit;
    char *title;       /* "LADO contacts and referrals by quarter, 2016-17" */
    char *subtitle;    /* what is measured, in what unit */
    char *noun;        /* what one unit counts, plural ("referrals"), for the alt text; or NULL */
    char *catword;     /* one category of an ordered chart ("quarter"), or NULL */
    char *note;        /* a footnote, or NULL */
    char *small_base_note; /* footnote added only when some value is [c] (small base), or NULL */
    bool ordered;      /* categories are a sequence in time */
    bool overlay;      /* two series: the second (capacity) drawn behind the first */
    bool sort_desc;    /* largest first */
    char *category_col; /* column whose text labels the categories (NULL: the first) */
    char *pivot_col;   /* NULL, or: one series per distinct value of this column, the
                          categories being the distinct values of category_col, in the
                          order first seen (crime: type by area) */
    ds_chart_series *series;
    size_t nseries;
} ds_chart;

typedef struct {
    char *id;          /* "lado_quarter": stable, lower case, used for table names and
                          ```table <id>``` blocks */
    char *title;       /* "LADO contacts, referrals and outcomes by quarter, 2016-17" */
    char *description; /* one or two sentences */
    char *sources;     /* "2016-17/lado_contacts.csv": the file paths, as figures keep them */
    char *source_text; /* the same as a reader sees them, with the agencies report.ini
                          [sources] names ("Lewisham LADO service, lado_contacts.csv
                          (2016-17)"), set by compute_all; NULL until then */
    char *sheet;       /* short sheet name for the data pack (<= 31 chars), e.g. "LADO_quarter" */
    int return_id;     /* return_id it comes from (for dropping absent chapters) */
    dcol *cols;
    size_t ncols, colcap;
    dcell *cells;      /* nrows * ncols, row-major */
    bool *total;       /* per row: a Total row (sum of the rows above it) */
    size_t nrows, rowcap;
    char **notes;      /* note texts referenced as [note N] (N from the Notes sheet) */
    size_t nnotes;
    ds_chart *charts;  /* charts drawn from this table, in report order */
    size_t ncharts;
    int suppressed_below; /* > 0: disclosure control ran, and a [c] cell is a count
                             below this (threshold + 1); 0: no suppression */
} dataset;

typedef struct {
    dataset **items;
    size_t n, cap;
} dataset_list;

#define DATASET_LIST_INIT {NULL, 0, 0}

dataset *ds_new(dataset_list *dl, const char *id, const char *sheet, const char *title,
                const char *description, const char *sources, int return_id);
/* The sources as the report prints them: source_text, else the paths. */
const char *ds_source_text(const dataset *ds);
/* A column named `name` (unique in the dataset) headed `heading`. */
size_t ds_add_col(dataset *ds, const char *name, const char *heading, dfmt fmt);
/* Index of the column named name, or -1. */
int ds_col(const dataset *ds, const char *name);
/* New row of DC_EMPTY cells; returns its index. */
size_t ds_add_row(dataset *ds);
/* New row marked as the table's Total row. */
size_t ds_add_total_row(dataset *ds);
bool ds_row_is_total(const dataset *ds, size_t r);
dcell *ds_cell(dataset *ds, size_t r, size_t c);
const dcell *ds_cell_const(const dataset *ds, size_t r, size_t c);
void ds_set_num(dataset *ds, size_t r, size_t c, double v);
void ds_set_number(dataset *ds, size_t r, size_t c, double v, int decimals);
void ds_set_text(dataset *ds, size_t r, size_t c, const char *text);
void ds_set_short(dataset *ds, size_t r, size_t c, dkind kind);
/* The cell shows figure f (its value, or the shorthand of its status) and
 * keeps its key; f NULL: [x]. */
void ds_set_figure(dataset *ds, size_t r, size_t c, const figure *f);
/* The cell (say a "Yes"/"No" of a target met) tells something of figure
 * key: disclosure control treats it with that figure. */
void ds_cell_link(dataset *ds, size_t r, size_t c, const char *key);
void ds_add_note(dataset *ds, const char *note);

/* A chart of ds; strings are copied, NULL ones stay NULL.  Returns the
 * chart (owned by ds) for the optional fields and ds_chart_add_series. */
ds_chart *ds_add_chart(dataset *ds, const char *id, ds_chart_kind kind, ds_chart_unit unit,
                       const char *title, const char *subtitle);
void ds_chart_add_series(ds_chart *ch, const char *col, const char *name);
/* Replace an optional string of a chart (ch->noun, ch->note...) by a copy. */
void ds_chart_set(char **field, const char *value);
/* The chart with that id in any dataset of dl, and its dataset; NULL when none. */
const ds_chart *dsl_find_chart(const dataset_list *dl, const char *id, const dataset **ds);
/* The cell as the report prints it ("24,635", "60.5%", "[x]"...).  Caller frees. */
char *ds_display(const dataset *ds, size_t r, size_t c);

/* NULL when no dataset has that id. */
dataset *dsl_find(const dataset_list *dl, const char *id);
void dsl_free(dataset_list *dl);

#endif
