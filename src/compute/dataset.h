/* dataset.h - the tables the report and the data pack show.
 *
 * compute builds one dataset per table (LADO by quarter, crime by type...).
 * The XLSX writer turns each into a sheet, the PDF writer into a table, and
 * the chart builders read them.  A dataset holds numbers unrounded with a
 * display format per column, and shorthand where a value cannot be given:
 * [x] not available, [z] not applicable, [c] suppressed.
 * A dataset_list owns its datasets; a dataset owns its strings. */
#ifndef ANNREP_DATASET_H
#define ANNREP_DATASET_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    DFMT_TEXT,
    DFMT_COUNT,       /* 24,635 */
    DFMT_PCT,         /* value in percent units, one decimal: 60.5% */
    DFMT_RATE,        /* one decimal: 67.9 */
    DFMT_MONEY,       /* £181,050 (whole pounds; value in pounds) */
    DFMT_MONEY_PENCE, /* £130,021.50 */
    DFMT_NUMBER,      /* as written: cell.decimals places */
    DFMT_CHANGE,      /* signed count: +79, −9 */
    DFMT_CHANGE_PCT   /* signed percent, one decimal: +0.3% */
} dfmt;

typedef enum {
    DC_EMPTY,   /* nothing (should be rare: prefer a shorthand) */
    DC_NUM,
    DC_TEXT,
    DC_X,       /* [x] not available */
    DC_Z,       /* [z] not applicable */
    DC_C        /* [c] suppressed (small base) */
} dkind;

typedef struct {
    dkind kind;
    double num;     /* DC_NUM */
    int decimals;   /* DC_NUM with DFMT_NUMBER */
    char *text;     /* DC_TEXT */
} dcell;

typedef struct {
    char *heading;  /* with unit where there is one: "Referrals (number)", "Rate per 10,000" */
    dfmt fmt;
} dcol;

typedef struct {
    char *id;          /* "lado_quarter": stable, lower case, used for table names and
                          ```table <id>``` blocks */
    char *title;       /* "LADO contacts, referrals and outcomes by quarter, 2016-17" */
    char *description; /* one or two sentences */
    char *sources;     /* "2016-17/lado_contacts.csv" */
    char *sheet;       /* short sheet name for the data pack (<= 31 chars), e.g. "LADO_quarter" */
    int return_id;     /* return_id it comes from (for dropping absent chapters) */
    dcol *cols;
    size_t ncols, colcap;
    dcell *cells;      /* nrows * ncols, row-major */
    size_t nrows, rowcap;
    char **notes;      /* note texts referenced as [note N] (N from the Notes sheet) */
    size_t nnotes;
} dataset;

typedef struct {
    dataset **items;
    size_t n, cap;
} dataset_list;

#define DATASET_LIST_INIT {NULL, 0, 0}

dataset *ds_new(dataset_list *dl, const char *id, const char *sheet, const char *title,
                const char *description, const char *sources, int return_id);
size_t ds_add_col(dataset *ds, const char *heading, dfmt fmt);
/* New row of DC_EMPTY cells; returns its index. */
size_t ds_add_row(dataset *ds);
dcell *ds_cell(dataset *ds, size_t r, size_t c);
const dcell *ds_cell_const(const dataset *ds, size_t r, size_t c);
void ds_set_num(dataset *ds, size_t r, size_t c, double v);
void ds_set_number(dataset *ds, size_t r, size_t c, double v, int decimals);
void ds_set_text(dataset *ds, size_t r, size_t c, const char *text);
void ds_set_short(dataset *ds, size_t r, size_t c, dkind kind);
void ds_add_note(dataset *ds, const char *note);

/* The cell as the report prints it ("24,635", "60.5%", "[x]"...).  Caller frees. */
char *ds_display(const dataset *ds, size_t r, size_t c);

/* NULL when no dataset has that id. */
dataset *dsl_find(const dataset_list *dl, const char *id);
void dsl_free(dataset_list *dl);

#endif
