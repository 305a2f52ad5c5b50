/* returns.h - the nine agency returns as validated, typed tables.
 *
 * One schema per return (schema.c) drives one generic loader (csvload.c).
 * Everything downstream (compute, render) reads these tables and never a
 * file.  A table owns its rows, cells and strings (in a few large blocks);
 * table_free() frees all. */
#ifndef ANNREP_RETURNS_H
#define ANNREP_RETURNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    COL_TEXT,   /* trimmed UTF-8 */
    COL_DATE,   /* YYYY-MM-DD or DD/MM/YYYY -> cell.v.ymd = 20170331 */
    COL_MONTH,  /* YYYY-MM, Mon-YY, Mon YYYY -> cell.v.ym = 201703 */
    COL_COUNT,  /* whole, >= 0, thousands separators allowed -> cell.v.i */
    COL_NUMBER, /* optional '-', decimals -> cell.v.d, cell.decimals */
    COL_MONEY,  /* optional '£', whole or exactly 2 decimals, >= 0 -> cell.v.pence */
    COL_YESNO,  /* Y/N/Yes/No any case -> cell.v.yes */
    COL_ENUM    /* one of colspec.enum_values or an alias -> cell.v.e (index) */
} coltype;

typedef enum {
    REQ_NO,        /* optional */
    REQ_YES,       /* required on every row */
    REQ_WHEN       /* required when colspec.when_col's yes/no cell is Yes */
} colreq;

typedef struct {
    const char *alias;    /* accepted spelling (matched loosely) */
    int value;            /* index into enum_values */
} enum_alias;

typedef struct {
    const char *name;               /* canonical column name, e.g. "date_received" */
    coltype type;
    colreq required;
    int when_col;                   /* for REQ_WHEN: index of the yes/no column */
    bool unique;                    /* duplicate values are errors */
    bool in_year;                   /* dates must fall inside the reporting year */
    bool grouped;                   /* text grouped by slug (spelling warnings) */
    const char *const *enum_values; /* NULL-terminated canonical labels */
    const enum_alias *aliases;      /* terminated by {NULL, 0}; may be NULL */
} colspec;

typedef enum {
    RET_LADO,
    RET_LAC,
    RET_COMPARATORS,
    RET_CDOP,
    RET_TRAINING,
    RET_ELEARNING,
    RET_CRIME,
    RET_INDICATORS,
    RET_FUNDING,
    RET_COUNT
} return_id;

typedef struct {
    return_id id;
    const char *file;      /* "lado_contacts.csv" */
    const char *title;     /* "LADO contacts" - for notes and messages */
    const colspec *cols;
    size_t ncols;
    const int *row_key;       /* columns that together identify a row (-1
                                 terminated; a duplicate is an error), or NULL */
    const char *absent_note;  /* note when the file is absent from the reporting
                                 year: "LADO chapter, tables and charts left out" */
} schema;

/* Column indices, in schema order, for each return. */
enum { LADO_CONTACT_ID, LADO_DATE_RECEIVED, LADO_AGENCY_TYPE, LADO_MET_THRESHOLD,
       LADO_STRATEGY_MEETING, LADO_OUTCOME, LADO_NCOLS };
enum { LADO_OUT_SUBSTANTIATED, LADO_OUT_UNSUBSTANTIATED, LADO_OUT_UNFOUNDED,
       LADO_OUT_FALSE, LADO_OUT_MALICIOUS, LADO_OUT_NFA, LADO_OUT_PENDING, LADO_OUT_COUNT };
enum { LAC_MONTH, LAC_LOOKED_AFTER, LAC_NCOLS };
enum { CMP_MEASURE, CMP_COMPARATOR, CMP_PERIOD, CMP_VALUE, CMP_NCOLS };
enum { CDOP_CASE_ID, CDOP_DATE_REVIEWED, CDOP_AGE_BAND, CDOP_SEX, CDOP_ETHNICITY,
       CDOP_CATEGORY, CDOP_EXPECTED, CDOP_MODIFIABLE, CDOP_NCOLS };
enum { CDOP_AGE_0_27D, CDOP_AGE_28_364D, CDOP_AGE_1_4, CDOP_AGE_5_9, CDOP_AGE_10_14,
       CDOP_AGE_15_17, CDOP_AGE_COUNT };
enum { CDOP_SEX_MALE, CDOP_SEX_FEMALE, CDOP_SEX_NOT_KNOWN, CDOP_SEX_COUNT };
/* CDOP category enum index i is national category i + 1. */
enum { CDOP_CATEGORY_COUNT = 10 };
enum { TRN_COURSE, TRN_DATE, TRN_PLACES, TRN_ATTENDED, TRN_NCOLS };
enum { ELN_MODULE, ELN_COMPLETIONS, ELN_NCOLS };
enum { CRIME_TYPE, CRIME_AREA, CRIME_PERIOD_END, CRIME_COUNT, CRIME_NCOLS };
enum { IND_ID, IND_INDICATOR, IND_PERIOD, IND_NUMERATOR, IND_DENOMINATOR, IND_VALUE,
       IND_TARGET, IND_POLARITY, IND_UNIT, IND_NCOLS };
enum { IND_POL_HIGHER, IND_POL_LOWER };
enum { IND_UNIT_PERCENT, IND_UNIT_COUNT, IND_UNIT_RATE, IND_UNIT_NUMBER };
enum { FUND_ORGANISATION, FUND_AMOUNT, FUND_NCOLS };

/* One cell: 16 bytes, as a return of a million rows holds six million of
 * them.  A blank cell ("not recorded", never zero) has text NULL; use
 * cell_present().  Its text is owned by the table (table_text). */
typedef struct {
    const char *text;  /* the trimmed cell text as read (UTF-8); NULL when blank */
    union {
        int64_t i;      /* COL_COUNT */
        double d;       /* COL_NUMBER */
        int64_t pence;  /* COL_MONEY */
        int32_t ymd;    /* COL_DATE, e.g. 20170331 */
        int32_t ym;     /* COL_MONTH, e.g. 201703 */
        bool yes;       /* COL_YESNO */
        int e;          /* COL_ENUM: index into enum_values */
    } v;
} cell;

/* The cell holds a value (its text is not blank). */
static inline bool cell_present(const cell *c)
{
    return c && c->text;
}

/* COL_NUMBER: the digits after the point as written ("60.50": 2). */
int cell_decimals(const cell *c);

typedef struct {
    int line;      /* physical line where the record starts (1-based) */
    bool total;    /* a declared total: the row's first cell reads Total or Grand
                      Total (any case).  Its blank cells are allowed, its label is
                      not a value of its column; compute checks it, never counts it */
    cell *cells;   /* the row's cells, in schema order (owned by the table) */
} row;

typedef struct table_store table_store;

typedef struct {
    const schema *schema;
    bool present;     /* false: file absent this year ("not collected") */
    char *path;       /* path as shown in messages */
    row *rows;
    size_t nrows, cap;
    table_store *store; /* the cells and their texts, in large blocks */
} table;

/* A new row of ncols blank cells on line, appended to t. */
cell *table_add_row(table *t, size_t ncols, int line, bool total);
/* A copy of the n bytes at s (and a NUL), owned by t. */
const char *table_text(table *t, const char *s, size_t n);

/* The schemas of the data contract's returns (section 4). */
extern const schema schema_lado_contacts, schema_looked_after_monthly, schema_comparators,
    schema_cdop_reviews, schema_training_sessions, schema_elearning, schema_crime_figures,
    schema_indicators, schema_funding;

/* The schemas, indexed by return_id. */
const schema *schema_get(return_id id);
/* Enumeration label e of column col of s, or NULL (not an enum column, e out of range). */
const char *schema_label(const schema *s, int col, int e);

/* Enumeration label for an enum cell of column col of return id. */
const char *schema_enum_label(return_id id, int col, int e);

/* Index of the column named name (header matching rules), or -1. */
int schema_find_col(const schema *s, const char *name);

void table_free(table *t);

#endif
