/* xlsx_table.c - one dataset as one data pack sheet.
 *
 * Layout (Analysis Function, "Releasing statistics in spreadsheets"): the
 * title in A1 with its [note N] references, then one line per row in column
 * A (description, source, the shorthand used, where the notes are), then the
 * header row and the data, marked as a named Excel table.  No blank rows,
 * nothing below or beside the table.  Numbers are stored unrounded and shown
 * through number formats; a value that cannot be given is shorthand text.
 *
 * Percentages: stored as they are computed, in percent units (60.465), with
 * the number format 0.0 and the "%" in the column heading ("Referrals as % of
 * contacts").  We do not store 0.60465 with a 0.0% format because the data
 * pack then agrees cell for cell with figures.csv and with what the report
 * prints, and an analyst who copies values out without formats (to R, to a
 * CSV) gets the numbers the heading describes.  The same holds for Change %.
 *
 * This file knows datasets and cell formats; it does not know returns,
 * figures or which sheets the workbook holds.  It calls only xlsx_util.c. */
#include "xlsx_internal.h"

#include "../compute/fmt.h"

#include "../util/alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The note that explains percentage columns; referenced from their headings. */
static const char S_PCT_NOTE[] =
    "Percentages are calculated from unrounded counts. The tables store them unrounded, "
    "in percent units (60.465 means 60.465%), and show them to one decimal place, as the "
    "report does. Change % is the change from the previous year as a percentage of the "
    "previous year's value; it is not shown ([u]) when the previous value is below "
    FMT_SMALL_BASE_TEXT ", "
    "because a small base makes it misleading.";

static bool S_is_numeric_col(dfmt f)
{
    return f != DFMT_TEXT;
}

static bool S_is_pct_col(dfmt f)
{
    return f == DFMT_PCT || f == DFMT_CHANGE_PCT;
}

/* Excel number format for a column (decimals only for DFMT_NUMBER).  The
 * minus sign is U+2212, quoted because Excel shows only a few characters
 * literally; "£" is quoted for the same reason (Excel writes "£"#,##0 too). */
static const char *S_code(dfmt f, int decimals, char *buf, size_t bufsz)
{
    switch (f) {
    case DFMT_TEXT: return NULL;
    case DFMT_COUNT: return "#,##0";
    case DFMT_PCT: return "0.0";
    case DFMT_RATE: return "0.0";
    case DFMT_MONEY: return "\"\xC2\xA3\"#,##0";
    case DFMT_MONEY_PENCE: return "\"\xC2\xA3\"#,##0.00";
    case DFMT_CHANGE: return "+#,##0;\"\xE2\x88\x92\"#,##0;0";
    case DFMT_CHANGE_PCT: return "+0.0;\"\xE2\x88\x92\"0.0;0.0";
    case DFMT_NUMBER:
        if (decimals <= 0)
            return "#,##0";
        if (decimals > 6)
            decimals = 6;
        snprintf(buf, bufsz, "#,##0.%.*s", decimals, "000000");
        return buf;
    }
    return NULL;
}

static const char *S_short_text(dkind k)
{
    switch (k) {
    case DC_Z: return "[z]";
    case DC_C: return "[c]";
    case DC_U: return "[u]";
    case DC_X:
    case DC_EMPTY:
    case DC_NUM:
    case DC_TEXT: return "[x]";
    }
    return "[x]";
}

static void S_ignore_add(strbuf *ign, lxw_row_t r, lxw_col_t c)
{
    char ref[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(ref, r, c);
    if (ign->len)
        sb_putc(ign, ' ');
    sb_append(ign, ref);
}

/* Width in characters: wide enough for the longest value, and for the
 * heading on at most two lines without breaking a word. */
static double S_col_width(const char *heading, size_t data_chars, bool text)
{
    size_t hlen = xlsx_utf8_len(heading), word = 0, longest = 0;
    for (const char *p = heading;; p++) {
        if (*p == ' ' || *p == '\0') {
            if (word > longest)
                longest = word;
            word = 0;
            if (!*p)
                break;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            word++;
        }
    }
    size_t hw = hlen <= 14 ? hlen + 3 : (longest + 2 > (hlen + 1) / 2 + 2 ? longest + 2 : (hlen + 1) / 2 + 2);
    size_t w = data_chars + 2 > hw ? data_chars + 2 : hw;
    if (w < 10)
        w = 10;
    if (w > (text ? 60u : 30u))
        w = text ? 60 : 30;
    return (double)w;
}

/* One dataset's table as the sheet shows it.  An empty dataset still shows
 * one column and one row, of [x]. */
typedef struct {
    const dataset *ds;
    const char *sheet;
    size_t ncols, nrows;   /* as shown: at least 1 each */
    char **headings;       /* with units and [note N] */
    bool *numeric;         /* right-aligned number columns */
    double *width;         /* characters; set by S_set_widths */
    bool refers_to_notes;  /* the title or a heading has a [note N] */
} S_table;

/* The title with a [note N] for each of the dataset's notes.  Caller frees. */
static char *S_title(xlsx_writer *x, S_table *t)
{
    const dataset *ds = t->ds;
    strbuf title = STRBUF_INIT;
    sb_append(&title, ds->title && *ds->title ? ds->title : t->sheet);
    for (size_t i = 0; i < ds->nnotes; i++) {
        if (!ds->notes[i] || !*ds->notes[i])
            continue;
        sb_appendf(&title, " [note %zu]", xlsx_note_ref(x, ds->notes[i], t->sheet));
        t->refers_to_notes = true;
    }
    return sb_take(&title);
}

/* Fill t->headings and t->numeric; a percentage heading gets "(%)" and the
 * note that explains percentages. */
static void S_headings(xlsx_writer *x, S_table *t)
{
    const dataset *ds = t->ds;
    t->headings = xcalloc(t->ncols, sizeof *t->headings);
    t->numeric = xcalloc(t->ncols, sizeof *t->numeric);
    for (size_t c = 0; c < ds->ncols; c++) {
        const dcol *col = &ds->cols[c];
        strbuf h = STRBUF_INIT;
        sb_append(&h, col->heading ? col->heading : "");
        if (S_is_pct_col(col->fmt)) {
            /* The "%" lives in the heading, never in the cell (see top). */
            if (!strchr(sb_cstr(&h), '%'))
                sb_append(&h, " (%)");
            sb_appendf(&h, " [note %zu]", xlsx_note_ref(x, S_PCT_NOTE, t->sheet));
            t->refers_to_notes = true;
        }
        t->headings[c] = sb_take(&h);
        t->numeric[c] = S_is_numeric_col(col->fmt);
    }
    if (ds->ncols == 0)
        t->headings[0] = xstrdup("[x]");
}

/* The line that says which shorthand the table uses, or NULL when it uses
 * none.  Caller frees. */
static char *S_shorthand_line(const dataset *ds)
{
    bool used[4] = {false, false, false, false}; /* x, z, c, u */
    for (size_t r = 0; r < ds->nrows; r++)
        for (size_t c = 0; c < ds->ncols; c++) {
            const dcell *dc = ds_cell_const(ds, r, c);
            switch (dc->kind) {
            case DC_Z: used[1] = true; break;
            case DC_C: used[2] = true; break;
            case DC_U: used[3] = true; break;
            case DC_NUM: if (!isfinite(dc->num)) used[0] = true; break;
            case DC_TEXT: if (!dc->text || !*dc->text) used[0] = true; break;
            case DC_X:
            case DC_EMPTY: used[0] = true; break;
            }
        }
    if (ds->nrows == 0 || ds->ncols == 0)
        used[0] = true;
    if (!(used[0] || used[1] || used[2] || used[3]))
        return NULL;
    strbuf b = STRBUF_INIT;
    sb_append(&b, "Some cells hold shorthand instead of a number:");
    const char *sep = " ";
    if (used[0]) { sb_appendf(&b, "%s[x] = not available", sep); sep = "; "; }
    if (used[1]) { sb_appendf(&b, "%s[z] = not applicable", sep); sep = "; "; }
    if (used[3]) {
        sb_appendf(&b, "%s[u] = low reliability: a change on a base below %d, not shown", sep,
                   FMT_SMALL_BASE);
        sep = "; ";
    }
    if (used[2]) {
        char *m = ds->suppressed_below > 0 ? doc_suppressed_meaning(ds->suppressed_below)
                                           : xstrdup(doc_shorthand_meaning(DC_C));
        sb_appendf(&b, "%s[c] = %s", sep, m);
        free(m);
    }
    sb_putc(&b, '.');
    return sb_take(&b);
}

/* The title and the lines under it: description, source, shorthand, where
 * the notes are.  Returns the row of the table's header. */
static lxw_row_t S_write_title_block(xlsx_writer *x, lxw_worksheet *ws, const S_table *t,
                                     const char *title)
{
    const dataset *ds = t->ds;
    const char *lines[4];
    size_t nlines = 0;
    char *src = NULL, *shorthand = S_shorthand_line(ds);
    if (ds->description && *ds->description)
        lines[nlines++] = ds->description;
    if (*ds_source_text(ds)) {
        strbuf b = STRBUF_INIT;
        sb_appendf(&b, "Source: %s", ds_source_text(ds));
        lines[nlines++] = src = sb_take(&b);
    }
    if (shorthand)
        lines[nlines++] = shorthand;
    if (t->refers_to_notes)
        lines[nlines++] = "Some cells refer to notes, which are on the Notes sheet.";

    lxw_row_t hdr = xlsx_write_heading(x, ws, title, lines, nlines);
    free(src);
    free(shorthand);
    return hdr;
}

/* Fill t->width and set the column widths (before any row height: those
 * depend on the widths). */
static void S_set_widths(xlsx_writer *x, lxw_worksheet *ws, S_table *t)
{
    const dataset *ds = t->ds;
    t->width = xcalloc(t->ncols, sizeof *t->width);
    for (size_t c = 0; c < t->ncols; c++) {
        size_t widest = 3; /* "[x]" */
        for (size_t r = 0; r < ds->nrows && ds->ncols; r++) {
            const dcell *dc = ds_cell_const(ds, r, c);
            size_t len = 3;
            if (dc && dc->kind == DC_NUM && isfinite(dc->num)) {
                char *disp = ds_display(ds, r, c);
                len = xlsx_utf8_len(disp);
                free(disp);
            } else if (dc && dc->kind == DC_TEXT && dc->text) {
                len = xlsx_utf8_len(dc->text);
            }
            if (len > widest)
                widest = len;
        }
        t->width[c] = S_col_width(t->headings[c], widest, !t->numeric[c]);
        xlsx_check(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->width[c], NULL),
                   "column widths of %s", t->sheet);
    }
}

/* Write cell (r, c) of the dataset at sheet row xr: a number with its
 * format, text, or shorthand.  Adds the cell to ign when Excel would flag
 * it as a number stored as text, and raises *nl to the lines its text
 * wraps to. */
static lxw_error S_write_cell(xlsx_writer *x, lxw_worksheet *ws, const S_table *t, size_t r,
                              size_t c, lxw_row_t xr, strbuf *ign, size_t *nl)
{
    const dataset *ds = t->ds;
    lxw_col_t col = (lxw_col_t)c;
    const dcell *dc = ds->nrows && ds->ncols ? ds_cell_const(ds, r, c) : NULL;
    dfmt f = ds->ncols ? ds->cols[c].fmt : DFMT_TEXT;
    lxw_error e;
    if (dc && dc->kind == DC_NUM && isfinite(dc->num)) {
        char buf[32];
        const char *code = S_code(f, dc->decimals, buf, sizeof buf);
        e = worksheet_write_number(ws, xr, col, dc->num, xlsx_numfmt(x, code));
    } else if (dc && dc->kind == DC_TEXT && dc->text && *dc->text) {
        /* write_string: text from a return never becomes a formula. */
        e = worksheet_write_string(ws, xr, col, dc->text,
                                   t->numeric[c] ? x->f_short : x->f_wrap);
        if (xlsx_looks_numeric(dc->text))
            S_ignore_add(ign, xr, col);
        if (!t->numeric[c]) {
            size_t n = xlsx_wrapped_lines(dc->text, t->width[c]);
            if (n > *nl)
                *nl = n;
        }
    } else {
        e = worksheet_write_string(ws, xr, col, S_short_text(dc ? dc->kind : DC_X),
                                   t->numeric[c] ? x->f_short : NULL);
        S_ignore_add(ign, xr, col);
    }
    return e;
}

/* The data rows below the header row hdr, each as tall as its longest
 * wrapped text.  A row stops at its first cell that fails. */
static void S_write_rows(xlsx_writer *x, lxw_worksheet *ws, const S_table *t, lxw_row_t hdr,
                         strbuf *ign)
{
    for (size_t r = 0; r < t->nrows; r++) {
        lxw_row_t xr = hdr + 1 + (lxw_row_t)r;
        size_t nl = 1;
        for (size_t c = 0; c < t->ncols; c++) {
            lxw_error e = S_write_cell(x, ws, t, r, c, xr, ign, &nl);
            if (xlsx_check(x, e, "sheet %s, row %zu, column %zu", t->sheet, r + 1, c + 1))
                break;
        }
        xlsx_row_lines(x, ws, xr, nl);
    }
}

/* The header row as tall as its longest heading. */
static void S_header_height(xlsx_writer *x, lxw_worksheet *ws, const S_table *t, lxw_row_t hdr)
{
    size_t hlines = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        /* Bold is wider than regular: allow for it. */
        size_t n = xlsx_wrapped_lines(t->headings[c], t->width[c] * 0.9);
        if (n > hlines)
            hlines = n;
    }
    xlsx_row_lines(x, ws, hdr, hlines);
}

void xlsx_write_dataset(xlsx_writer *x, lxw_worksheet *ws, const dataset *ds,
                        const char *sheet, const char *table_name)
{
    S_table t = {0};
    t.ds = ds;
    t.sheet = sheet;
    t.ncols = ds->ncols ? ds->ncols : 1;
    t.nrows = ds->nrows && ds->ncols ? ds->nrows : 1;

    /* Title first, then headings: notes are numbered in that order. */
    char *title = S_title(x, &t);
    S_headings(x, &t);
    lxw_row_t hdr = S_write_title_block(x, ws, &t, title);
    free(title);

    S_set_widths(x, ws, &t);
    strbuf ign = STRBUF_INIT;
    S_write_rows(x, ws, &t, hdr, &ign);
    lxw_row_t last = hdr + (lxw_row_t)t.nrows;
    xlsx_add_table(x, ws, table_name, hdr, last, (const char *const *)t.headings, t.numeric,
                   t.ncols);
    S_header_height(x, ws, &t, hdr);
    if (ign.len)
        xlsx_check(x, worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, sb_cstr(&ign)),
                   "shorthand cells of %s", sheet);

    sb_free(&ign);
    free(t.width);
    for (size_t c = 0; c < t.ncols; c++)
        free(t.headings[c]);
    free(t.headings);
    free(t.numeric);
}
