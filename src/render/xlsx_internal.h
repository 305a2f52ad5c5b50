/* xlsx_internal.h - shared state of the data pack writer.  Private to
 * src/render/xlsx*.c.
 *
 * Three files, calling one way only:
 *   xlsx.c        the workbook and its Cover, Contents, Notes and Figures
 *                 sheets; calls xlsx_table.c and xlsx_util.c
 *   xlsx_table.c  one dataset per sheet; calls xlsx_util.c
 *   xlsx_util.c   the helpers both use (errors, formats, notes, names,
 *                 widths, the title block and the named table); calls
 *                 neither of the others
 *
 * The writer follows the Analysis Function's "Releasing statistics in
 * spreadsheets": one table per sheet, title in A1, a few lines of text in
 * column A, one header row, a named Excel table, no merged cells, no blank
 * rows, shorthand in square brackets.  Nothing here knows about returns or
 * how a figure is computed: it reads datasets and figures only. */
#ifndef ANNREP_XLSX_INTERNAL_H
#define ANNREP_XLSX_INTERNAL_H

#include "render.h"
#include "../util/strbuf.h"

#include <stdbool.h>
#include <xlsxwriter.h>

/* A note on the Notes sheet: its text and the sheets that refer to it. */
typedef struct {
    char *text;
    strbuf sheets;   /* "LADO_quarter, LADO_agency" */
} xlsx_note;

typedef struct {
    char *code;      /* Excel number format code */
    lxw_format *fmt;
} xlsx_numfmt_entry;

typedef struct {
    lxw_workbook *wb;
    const doc_meta *meta;
    const figstore *fs;
    const dataset_list *dsl;
    const char *path;
    diag_list *dl;

    lxw_error err;        /* first library error, LXW_NO_ERROR while all is well */
    char *err_where;      /* what was being written when err happened */

    lxw_format *f_title;      /* A1 of every sheet */
    lxw_format *f_subhead;    /* headings on the Cover sheet */
    lxw_format *f_wrap;       /* long text: wraps inside its column */
    lxw_format *f_hdr_text;   /* table header over a text column */
    lxw_format *f_hdr_num;    /* table header over a number column (right, like the numbers) */
    lxw_format *f_short;      /* [x] [z] [c] in a number column: right-aligned */
    xlsx_numfmt_entry *numfmts;
    size_t nnumfmts, numfmtcap;

    xlsx_note *notes;         /* notes[0] is "note 1" */
    size_t nnotes, notecap;

    char **names;             /* every sheet and table name used (lower-cased) */
    size_t nnames, namecap;
} xlsx_writer;

/* Errors: every function below that calls libxlsxwriter records the first
 * failure in x->err (through xlsx_check) and returns no code of its own;
 * xlsx_write turns x->err into its annrep_status and message.  Writing may
 * go on after a failure (the file is discarded anyway); only the first error
 * is reported. */

/* ---- xlsx_util.c ---------------------------------------------------------- */

/* Record the first library error (later ones add nothing).  Returns true
 * when e is an error. */
bool xlsx_check(xlsx_writer *x, lxw_error e, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The cached format with Excel number format code (NULL code: General). */
lxw_format *xlsx_numfmt(xlsx_writer *x, const char *code);

/* Number of the note with this text (1-based), adding it when new, and
 * recording that `sheet` refers to it. */
size_t xlsx_note_ref(xlsx_writer *x, const char *text, const char *sheet);

/* True when name (compared case-insensitively) is already taken among the
 * names of its kind ('s' sheets, 't' tables); else takes it. */
bool xlsx_name_taken(xlsx_writer *x, char kind, const char *name);

/* A valid Excel table name made from s (letters, digits, '_', '.'; never a
 * cell reference), unique in the workbook.  Caller frees. */
char *xlsx_table_name(xlsx_writer *x, const char *s);

/* Characters (not bytes) of a UTF-8 string: for column widths. */
size_t xlsx_utf8_len(const char *s);

/* Lines that text takes when wrapped in a column `width` characters wide
 * (an estimate on the safe side: spreadsheet programs do not grow rows to
 * fit wrapped text when they open a file, so we set the heights). */
size_t xlsx_wrapped_lines(const char *text, double width);

/* Give row r the height of `lines` lines of text (nothing for one line). */
void xlsx_row_lines(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t r, size_t lines);

/* True when Excel would take this text for a number stored as text
 * ("24,635", "+79", "60.5%", "£1,000"). */
bool xlsx_looks_numeric(const char *s);

/* Title in A1 and the lines below it in column A, one per row; returns the
 * row index after the last line (where the table's header row goes). */
lxw_row_t xlsx_write_heading(xlsx_writer *x, lxw_worksheet *ws, const char *title,
                             const char *const *lines, size_t nlines);

/* Mark rows first_row (header) .. last_row as the named table, with these
 * headings (made unique and non-empty here).  numeric[c] right-aligns the
 * header of column c. */
void xlsx_add_table(xlsx_writer *x, lxw_worksheet *ws, const char *name,
                    lxw_row_t first_row, lxw_row_t last_row,
                    const char *const *headings, const bool *numeric, size_t ncols);

/* ---- xlsx_table.c --------------------------------------------------------- */

/* Write one dataset as a sheet.  ws is already added under `sheet`;
 * `table_name` is the table's name. */
void xlsx_write_dataset(xlsx_writer *x, lxw_worksheet *ws, const dataset *ds,
                        const char *sheet, const char *table_name);

#endif
