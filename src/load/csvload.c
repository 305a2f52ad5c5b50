/* csvload.c - the one generic loader for every agency return: bytes to a
 * validated, typed table, driven by a schema (section 3 of the data
 * contract).  It handles encodings, hostile bytes, quoting (libcsv), line
 * numbers, header matching, typed cells, row rules, duplicates and
 * spelling variants, and reports every problem with file:line, column,
 * value and what was expected.
 * Must not know about any particular return beyond what its schema says
 * (the two row rules at the end are the exception, named by return id),
 * nor about report.ini, figures or output. */
#include "../util/alloc.h"
#include "../util/fileio.h"
#include "../util/strbuf.h"
#include "../util/text.h"
#include "parse.h"
#include "project.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_ERRORS 50            /* per file, as the contract says */
#define S_MAX_WARNINGS 50          /* spelling variants can be many: same cap */
#define S_CELL_MAX 4000            /* bytes; longer is a runaway quote or a paste */
#define S_FILE_MAX (256u << 20)    /* a return is kilobytes; refuse absurd files */

typedef struct {
    diag_severity sev;
    int line;
    size_t seq; /* order of discovery, to keep the sort stable */
    char *column, *value, *msg;
} S_pending;

/* A key for duplicate detection: `key` equal means the same row. */
typedef struct {
    char *key;
    char *shown; /* value as shown in the message */
    int line;
} S_keyed;

typedef struct {
    S_keyed *v;
    size_t n, cap;
} S_keylist;

/* First spelling of each slug of a grouped column, and variants warned. */
typedef struct {
    char *slug, *first;
    int line;
    char **variants;
    size_t nvar, varcap;
} S_group;

typedef struct {
    S_group *v;
    size_t n, cap;
    size_t *slots;  /* open addressing on the slug: index + 1, 0 = free */
    size_t nslots;  /* power of two, at least twice n */
} S_grouplist;

typedef struct {
    const schema *s;
    const char *shown;
    int year_start;
    table *t;

    S_pending *pd;
    size_t npd, pdcap;

    /* the record being assembled by libcsv's callbacks */
    char **f;
    size_t nf, fcap;
    int line;       /* physical line of the chunk being fed */
    int rec_line;   /* line where the current record starts */
    int field_line; /* line where the current field starts */
    bool open, ended, stop;
    bool rec_total; /* the record being checked is a declared total */

    /* header */
    bool have_header, header_bad;
    int header_line;
    int searching;     /* records left to search for the header, 0 = not searching */
    char **first_f;    /* the first record, kept while searching */
    size_t first_nf, first_named;
    int first_line;
    int *map;       /* file column -> schema column, -1 unknown, -2 unnamed */
    size_t nmap;
    int *colpos;    /* schema column -> file column or -1 */

    S_keylist *uniq;  /* per schema column (unique ones) */
    S_keylist rowkey;
    S_grouplist *groups; /* per schema column (grouped ones) */
} S_ld;

static void S_report(S_ld *ld, diag_severity sev, int line, const char *column,
                     const char *value, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void S_report(S_ld *ld, diag_severity sev, int line, const char *column,
                     const char *value, const char *fmt, ...)
{
    XGROW(ld->pd, ld->pdcap, ld->npd + 1);
    S_pending *p = &ld->pd[ld->npd];
    p->sev = sev;
    p->line = line;
    p->seq = ld->npd++;
    p->column = xstrdup(column);
    p->value = xstrdup(value);
    va_list ap;
    va_start(ap, fmt);
    p->msg = sb_vformat(fmt, ap);
    va_end(ap);
}

static int S_pending_cmp(const void *a, const void *b)
{
    const S_pending *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Hand the collected messages to dl in line order, capped. */
static void S_flush(S_ld *ld, diag_list *dl)
{
    if (ld->npd > 1)
        qsort(ld->pd, ld->npd, sizeof *ld->pd, S_pending_cmp);
    size_t ne = 0, nw = 0, hidden_e = 0, hidden_w = 0;
    for (size_t i = 0; i < ld->npd; i++) {
        S_pending *p = &ld->pd[i];
        bool show = true;
        if (p->sev == DIAG_ERROR && ++ne > S_MAX_ERRORS) {
            hidden_e++;
            show = false;
        } else if (p->sev == DIAG_WARNING && ++nw > S_MAX_WARNINGS) {
            hidden_w++;
            show = false;
        }
        if (show)
            diag_add(dl, p->sev, ld->shown, p->line, p->column, p->value, "%s", p->msg);
        free(p->column);
        free(p->value);
        free(p->msg);
    }
    if (hidden_e)
        diag_add(dl, DIAG_NOTE, ld->shown, 0, NULL, NULL,
                 "%zu further errors in this file not shown", hidden_e);
    if (hidden_w)
        diag_add(dl, DIAG_NOTE, ld->shown, 0, NULL, NULL,
                 "%zu further warnings in this file not shown", hidden_w);
    free(ld->pd);
    ld->pd = NULL;
    ld->npd = ld->pdcap = 0;
}

/* ------------------------------------------------------------------ */
/* Bytes before libcsv: BOMs, binary data, encodings.                  */

/* Line of byte offset pos: lines end at LF, CRLF or a lone CR. */
static int S_line_at(const char *d, size_t n, size_t pos)
{
    int line = 1;
    for (size_t i = 0; i < pos && i < n; i++)
        if (d[i] == '\n' || (d[i] == '\r' && (i + 1 >= n || d[i + 1] != '\n')))
            line++;
    return line;
}

/* Reject what is not a text CSV at all; returns false when the file must
 * not be read further. */
static bool S_check_text(S_ld *ld, const char *d, size_t n)
{
    if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0) {
        S_report(ld, DIAG_ERROR, 0, NULL, NULL,
                 "expected a CSV text file, but this is a zip file such as an Excel "
                 "workbook (.xlsx): open it and save it as \"CSV UTF-8\"");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            S_report(ld, DIAG_ERROR, S_line_at(d, n, i), NULL, NULL,
                     "binary data (byte 0x%02X at byte %zu of the file): expected a CSV "
                     "text file; was it saved as a spreadsheet rather than as CSV?",
                     c, i + 1);
            return false;
        }
    }
    return true;
}

/* Remove byte-order marks after the first byte: two files joined together
 * leave one in the middle, where it would hide inside a cell. */
static size_t S_strip_inner_boms(S_ld *ld, char *d, size_t n)
{
    size_t o = 0;
    int line = 1; /* counted as we go: S_line_at() per mark would be quadratic */
    for (size_t i = 0; i < n;) {
        if (d[i] == '\n' || (d[i] == '\r' && (i + 1 >= n || d[i + 1] != '\n')))
            line++;
        if (i + 3 <= n && memcmp(d + i, "\xEF\xBB\xBF", 3) == 0) {
            S_report(ld, DIAG_ERROR, line, NULL, NULL,
                     "byte-order mark in the middle of the file: expected one only at the "
                     "very start (were two files joined together?)");
            i += 3;
            continue;
        }
        d[o++] = d[i++];
    }
    d[o] = '\0';
    return o;
}

/* ------------------------------------------------------------------ */
/* Header.                                                             */

/* How many records after a first line that names too few columns are
 * searched for the real header (a title row or two above it). */
#define S_HEADER_SEARCH 10

/* The number of distinct schema columns that the fields f[0..nf) name. */
static size_t S_columns_named(const schema *s, char *const *f, size_t nf)
{
    size_t named = 0;
    bool *seen = xcalloc(s->ncols, sizeof *seen);
    for (size_t i = 0; i < nf; i++) {
        char *name = text_trim(f[i]);
        int sc = *name ? schema_find_col(s, name) : -1;
        if (sc >= 0 && !seen[sc]) {
            seen[sc] = true;
            named++;
        }
        free(name);
    }
    free(seen);
    return named;
}

/* True when a required column is not named by f[0..nf). */
static bool S_lacks_required(const schema *s, char *const *f, size_t nf)
{
    for (size_t c = 0; c < s->ncols; c++) {
        if (s->cols[c].required == REQ_NO)
            continue;
        bool found = false;
        for (size_t i = 0; i < nf && !found; i++) {
            char *name = text_trim(f[i]);
            found = text_header_eq(name, s->cols[c].name);
            free(name);
        }
        if (!found)
            return true;
    }
    return false;
}

/* A header of one field holding ';' or a tab between column names: the
 * file was saved with another separator (Excel in a European locale). */
static bool S_other_separator(S_ld *ld, char *const *f, size_t nf, int line)
{
    if (nf != 1)
        return false;
    const char *sep = strchr(f[0], ';') ? ";" : strchr(f[0], '\t') ? "\t" : NULL;
    if (!sep)
        return false;
    S_report(ld, DIAG_ERROR, line, NULL, NULL,
             "this file separates values with %s: expected commas between values (in Excel, "
             "save it as \"CSV UTF-8 (Comma delimited)\")",
             *sep == ';' ? "; (semicolons)" : "tabs");
    return true;
}

/* Take f[0..nf), read on `line`, as the header: map its columns, and
 * report unknown, repeated and missing ones. */
static void S_header_take(S_ld *ld, char *const *f, size_t nf, int line)
{
    const schema *s = ld->s;
    ld->have_header = true;
    ld->header_line = line;
    ld->nmap = nf;
    ld->map = xcalloc(nf, sizeof *ld->map);
    for (size_t c = 0; c < s->ncols; c++)
        ld->colpos[c] = -1;
    for (size_t i = 0; i < nf; i++) {
        char *name = text_trim(f[i]);
        if (!*name) {
            ld->map[i] = -2;
        } else {
            int sc = schema_find_col(s, name);
            ld->map[i] = sc;
            if (sc < 0) {
                S_report(ld, DIAG_WARNING, line, NULL, name,
                         "unknown column in %s, ignored", s->file);
            } else if (ld->colpos[sc] >= 0) {
                S_report(ld, DIAG_ERROR, line, s->cols[sc].name, name,
                         "column appears twice in the header (columns %d and %zu): expected "
                         "each column once", ld->colpos[sc] + 1, i + 1);
                ld->map[i] = -1;
                ld->header_bad = true;
            } else {
                ld->colpos[sc] = (int)i;
            }
        }
        free(name);
    }
    for (size_t c = 0; c < s->ncols; c++) {
        if (ld->colpos[c] >= 0 || s->cols[c].required == REQ_NO)
            continue;
        ld->header_bad = true;
        S_report(ld, DIAG_ERROR, line, s->cols[c].name, NULL,
                 "required column missing: expected a column named %s in the header row%s",
                 s->cols[c].name,
                 s->cols[c].required == REQ_WHEN ? " (its cells may be blank unless "
                                                   "the row's yes/no column is Y)"
                                                 : "");
    }
}

/* The first record: the header, unless it lacks a required column; then
 * the next records are searched for a better one (S_header_search). */
static void S_header_first(S_ld *ld)
{
    if (S_other_separator(ld, ld->f, ld->nf, ld->rec_line)) {
        ld->have_header = true;
        ld->header_bad = true;
        ld->header_line = ld->rec_line;
        return;
    }
    if (!S_lacks_required(ld->s, ld->f, ld->nf)) {
        S_header_take(ld, ld->f, ld->nf, ld->rec_line);
        return;
    }
    /* Keep the first record, to report it as the header if no later one
     * names more columns. */
    ld->first_f = xcalloc(ld->nf + 1, sizeof *ld->first_f);
    for (size_t i = 0; i < ld->nf; i++)
        ld->first_f[i] = xstrdup(ld->f[i]);
    ld->first_nf = ld->nf;
    ld->first_line = ld->rec_line;
    ld->first_named = S_columns_named(ld->s, ld->f, ld->nf);
    ld->searching = S_HEADER_SEARCH;
}

static void S_first_free(S_ld *ld)
{
    for (size_t i = 0; i < ld->first_nf; i++)
        free(ld->first_f[i]);
    free(ld->first_f);
    ld->first_f = NULL;
    ld->first_nf = 0;
    ld->searching = 0;
}

/* No later record was a better header: the first one is, with its errors. */
static void S_header_give_up(S_ld *ld)
{
    S_header_take(ld, ld->first_f, ld->first_nf, ld->first_line);
    S_first_free(ld);
}

/* A record while searching for the header: one that names at least half
 * of the schema's columns, and more than the first record did, is the
 * header, and the lines above it are one error. */
static void S_header_search(S_ld *ld)
{
    const schema *s = ld->s;
    size_t named = S_columns_named(s, ld->f, ld->nf);
    if (named * 2 >= s->ncols && named > ld->first_named) {
        S_report(ld, DIAG_ERROR, ld->first_line, NULL, NULL,
                 "the header seems to be on line %d: expected the column names on the first "
                 "line of the file; delete the line%s above it (a title belongs in the "
                 "report, not the return)",
                 ld->rec_line, ld->rec_line - ld->first_line > 1 ? "s" : "");
        /* The file must be fixed, but its rows are still checked, so that
         * every other problem is listed in the same run. */
        S_first_free(ld);
        S_header_take(ld, ld->f, ld->nf, ld->rec_line);
        return;
    }
    if (--ld->searching == 0)
        S_header_give_up(ld);
}

/* ------------------------------------------------------------------ */
/* Cells and rows.                                                     */

static const char *S_type_expected(const colspec *c)
{
    switch (c->type) {
    case COL_TEXT: return "expected text";
    case COL_DATE: return "expected a date as YYYY-MM-DD or DD/MM/YYYY";
    case COL_MONTH: return "expected a month as YYYY-MM, Mon-YY or Month YYYY";
    case COL_COUNT: return "expected a count (a whole number of 0 or more)";
    case COL_NUMBER: return "expected a number";
    case COL_MONEY: return "expected an amount of money (e.g. £1,250.00)";
    case COL_YESNO: return "expected Y, N, Yes or No";
    case COL_ENUM: return "expected one of the listed values";
    }
    return "expected a value";
}

/* Parse the trimmed, non-blank text into cell; false with a message added. */
static bool S_cell(S_ld *ld, const colspec *c, const char *txt, cell *out)
{
    strbuf why = STRBUF_INIT;
    bool ok = true;
    switch (c->type) {
    case COL_TEXT: break;
    case COL_DATE: ok = parse_date(txt, &out->v.ymd, &why); break;
    case COL_MONTH: ok = parse_month(txt, &out->v.ym, &why); break;
    case COL_COUNT: ok = parse_count(txt, &out->v.i, &why); break;
    case COL_NUMBER: ok = parse_number(txt, &out->v.d, &out->decimals, &why); break;
    case COL_MONEY: ok = parse_money(txt, &out->v.pence, &why); break;
    case COL_YESNO: ok = parse_yesno(txt, &out->v.yes, &why); break;
    case COL_ENUM: ok = parse_enum(txt, c->enum_values, c->aliases, &out->v.e, &why); break;
    }
    if (!ok)
        S_report(ld, DIAG_ERROR, ld->rec_line, c->name, txt, "%s", sb_cstr(&why));
    sb_free(&why);
    return ok;
}

static void S_key_add(S_keylist *kl, char *key, const char *shown, int line)
{
    XGROW(kl->v, kl->cap, kl->n + 1);
    kl->v[kl->n].key = key;
    kl->v[kl->n].shown = xstrdup(shown);
    kl->v[kl->n].line = line;
    kl->n++;
}

static int S_keyed_cmp(const void *a, const void *b)
{
    const S_keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return (x->line > y->line) - (x->line < y->line);
}

/* Report every later duplicate, naming the first line; frees the list. */
static void S_key_check(S_ld *ld, S_keylist *kl, const char *column, const char *what)
{
    if (kl->n > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(kl->v, kl->n, sizeof *kl->v, S_keyed_cmp);
    for (size_t i = 0; i < kl->n;) {
        size_t j = i + 1;
        while (j < kl->n && strcmp(kl->v[j].key, kl->v[i].key) == 0) {
            S_report(ld, DIAG_ERROR, kl->v[j].line, column, kl->v[j].shown,
                     "duplicate of line %d: expected %s", kl->v[i].line, what);
            j++;
        }
        i = j;
    }
    for (size_t i = 0; i < kl->n; i++) {
        free(kl->v[i].key);
        free(kl->v[i].shown);
    }
    free(kl->v);
    memset(kl, 0, sizeof *kl);
}

static size_t S_hash(const char *k)
{
    size_t h = 1469598103934665603u & (size_t)-1; /* FNV-1a */
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * (size_t)1099511628211u;
    return h;
}

/* Slot of slug in gl's table: its group's slot, or the free slot for it. */
static size_t *S_group_slot(S_grouplist *gl, const char *slug)
{
    size_t mask = gl->nslots - 1, i = S_hash(slug) & mask;
    while (gl->slots[i] && strcmp(gl->v[gl->slots[i] - 1].slug, slug) != 0)
        i = (i + 1) & mask;
    return &gl->slots[i];
}

/* Grouped text: same slug, spelling differing beyond case and spaces.
 * Hashed, because a hostile file may have a million distinct values. */
static void S_group_add(S_ld *ld, S_grouplist *gl, const colspec *c, const char *txt)
{
    if (gl->nslots < 2 * (gl->n + 1)) {
        size_t old = gl->nslots;
        size_t *old_slots = gl->slots;
        gl->nslots = old ? old * 2 : 64;
        gl->slots = xcalloc(gl->nslots, sizeof *gl->slots);
        for (size_t i = 0; i < old; i++)
            if (old_slots[i])
                *S_group_slot(gl, gl->v[old_slots[i] - 1].slug) = old_slots[i];
        free(old_slots);
    }
    char *slug = text_group_slug(txt);
    size_t *slot = S_group_slot(gl, slug);
    if (*slot) {
        S_group *g = &gl->v[*slot - 1];
        free(slug);
        if (text_loose_eq(g->first, txt))
            return;
        for (size_t k = 0; k < g->nvar; k++)
            if (text_loose_eq(g->variants[k], txt))
                return;
        XGROW(g->variants, g->varcap, g->nvar + 1);
        g->variants[g->nvar++] = xstrdup(txt);
        S_report(ld, DIAG_WARNING, ld->rec_line, c->name, txt,
                 "grouped with \"%s\" (line %d) but spelt differently: expected one "
                 "spelling for the same %s", g->first, g->line, c->name);
        return;
    }
    XGROW(gl->v, gl->cap, gl->n + 1);
    S_group *g = &gl->v[gl->n++];
    memset(g, 0, sizeof *g);
    g->slug = slug;
    g->first = xstrdup(txt);
    g->line = ld->rec_line;
    *slot = gl->n;
}

static void S_groups_free(S_grouplist *gl)
{
    for (size_t i = 0; i < gl->n; i++) {
        free(gl->v[i].slug);
        free(gl->v[i].first);
        for (size_t k = 0; k < gl->v[i].nvar; k++)
            free(gl->v[i].variants[k]);
        free(gl->v[i].variants);
    }
    free(gl->v);
    free(gl->slots);
}

static void S_date_text(int32_t ymd, char *buf, size_t n)
{
    snprintf(buf, n, "%02d/%02d/%04d", (int)(ymd % 100), (int)(ymd / 100 % 100),
             (int)(ymd / 10000));
}

/* Schema column c's cell in the record being checked is blank as written
 * (or the column is not in the file). */
static bool S_blank(const S_ld *ld, size_t c)
{
    if (ld->colpos[c] < 0)
        return true;
    char *raw = text_trim(ld->f[ld->colpos[c]]);
    bool blank = !*raw;
    free(raw);
    return blank;
}

/* Rules that join cells of one row and are particular to one return. */
static bool S_row_rules(S_ld *ld)
{
    const schema *s = ld->s;
    /* Attendance above places is a reconciliation check (compute_training.c),
     * so that [checks] strict can turn it into an error. */
    /* Cells are tested as written: a malformed value ("31.0%") was reported
     * already, and is not also a missing one. */
    if (s->id == RET_INDICATORS && !ld->rec_total && S_blank(ld, IND_VALUE) &&
        (S_blank(ld, IND_NUMERATOR) || S_blank(ld, IND_DENOMINATOR)))
    {
        S_report(ld, DIAG_ERROR, ld->rec_line, s->cols[IND_VALUE].name, "",
                 "required value missing: expected a value, or both numerator and "
                 "denominator");
        return false;
    }
    return true;
}

/* Excel leaves rows of empty cells; they are not records. */
static bool S_record_is_blank(const S_ld *ld)
{
    bool blank = true;
    for (size_t i = 0; i < ld->nf && blank; i++) {
        char *t = text_trim(ld->f[i]);
        blank = *t == '\0';
        free(t);
    }
    return blank;
}

/* The record has as many cells as the header; else an error.  Even empty
 * extra cells are an error: "Lewisham, Council" unquoted in a row whose
 * last cell is blank would otherwise be read shifted. */
static bool S_row_width_ok(S_ld *ld)
{
    if (ld->nf == ld->nmap)
        return true;
    S_report(ld, DIAG_ERROR, ld->rec_line, NULL, NULL,
             "row has %zu cells but the header (line %d) has %zu: expected %zu%s", ld->nf,
             ld->header_line, ld->nmap, ld->nmap,
             ld->nf > ld->nmap ? " (a value containing a comma must be in double quotes)"
                               : " (a comma missing?)");
    return false;
}

/* Parse file cell i into its schema column's cell; false with a message
 * when it is malformed or sits in a column with no name.  Blank cells and
 * unknown columns are left alone; so is a declared total's label when its
 * column is not text (a text column keeps it as its value). */
static bool S_row_cell(S_ld *ld, size_t i, cell *cells)
{
    int sc = ld->map[i];
    char *txt = text_trim(ld->f[i]);
    bool ok = true;
    if (sc == -2 && *txt) {
        S_report(ld, DIAG_ERROR, ld->rec_line, NULL, txt,
                 "value in column %zu, which has no name in the header: expected a "
                 "column name on line %d", i + 1, ld->header_line);
        ok = false;
    }
    if (sc < 0 || !*txt) {
        free(txt);
        return ok;
    }
    const colspec *c = &ld->s->cols[sc];
    if (ld->rec_total && i == 0 && c->type != COL_TEXT) {
        free(txt); /* the label "Total" is not a date, count ... of its column */
        return true;
    }
    size_t len = strlen(txt);
    if (len > S_CELL_MAX) {
        S_report(ld, DIAG_ERROR, ld->rec_line, c->name, txt,
                 "value is %zu bytes long: expected at most %d (a quote left open?)", len,
                 S_CELL_MAX);
        free(txt);
        return false;
    }
    if (!S_cell(ld, c, txt, &cells[sc])) {
        free(txt);
        return false;
    }
    cells[sc].present = true;
    cells[sc].text = txt; /* the cell owns it now */
    return true;
}

/* Column c has no value on this row: an error when it is required (always,
 * or because its yes/no column is Y), unless the row is a declared total.
 * A malformed cell is not blank: it was reported by S_row_cell() already. */
static bool S_check_blank(S_ld *ld, const cell *cells, size_t c)
{
    const schema *s = ld->s;
    const colspec *cs = &s->cols[c];
    if (!S_blank(ld, c) || ld->rec_total)
        return true; /* a declared total may leave any cell blank */
    if (cs->required == REQ_YES) {
        S_report(ld, DIAG_ERROR, ld->rec_line, cs->name, "", "required value missing: %s",
                 S_type_expected(cs));
        return false;
    }
    if (cs->required == REQ_WHEN && cells[cs->when_col].present && cells[cs->when_col].v.yes) {
        S_report(ld, DIAG_ERROR, ld->rec_line, cs->name, "", "required when %s = Y: %s",
                 s->cols[cs->when_col].name, S_type_expected(cs));
        return false;
    }
    return true;
}

/* A date of an in_year column inside the reporting year (1 April to
 * 31 March); no check when the year is not known. */
static bool S_check_in_year(S_ld *ld, const colspec *cs, const cell *ce)
{
    if (!cs->in_year || ld->year_start <= 0 || cs->type != COL_DATE)
        return true;
    int32_t lo = ld->year_start * 10000 + 401, hi = (ld->year_start + 1) * 10000 + 331;
    if (ce->v.ymd >= lo && ce->v.ymd <= hi)
        return true;
    char a[16], b[16];
    S_date_text(lo, a, sizeof a);
    S_date_text(hi, b, sizeof b);
    S_report(ld, DIAG_ERROR, ld->rec_line, cs->name, ce->text,
             "expected a date inside the reporting year %d-%02d (%s to %s)", ld->year_start,
             (ld->year_start + 1) % 100, a, b);
    return false;
}

/* The duplicate-detection key of a unique cell: months by value, so that
 * 2016-03 and Mar-16 are the same; the rest by text.  Caller frees. */
static char *S_unique_key(const colspec *cs, const cell *ce)
{
    if (cs->type != COL_MONTH)
        return xstrdup(ce->text);
    char *key = xmalloc(16);
    snprintf(key, 16, "%d", (int)ce->v.ym);
    return key;
}

/* The rules of schema column c on this row: required, reporting year, and
 * noting the value for the duplicate and spelling checks run at the end. */
static bool S_column_rules(S_ld *ld, cell *cells, size_t c)
{
    const colspec *cs = &ld->s->cols[c];
    cell *ce = &cells[c];
    if (!ce->present)
        return S_check_blank(ld, cells, c);
    bool ok = S_check_in_year(ld, cs, ce);
    if (ld->rec_total)
        return ok; /* a total is neither a record with an id nor a group */
    if (cs->unique)
        S_key_add(&ld->uniq[c], S_unique_key(cs, ce), ce->text, ld->rec_line);
    if (cs->grouped)
        S_group_add(ld, &ld->groups[c], cs, ce->text);
    return ok;
}

/* Note the row's key (the schema's row_key columns) for the duplicate
 * check at the end; rows missing part of the key are not noted. */
static void S_row_key_add(S_ld *ld, const cell *cells)
{
    const schema *s = ld->s;
    if (!s->row_key)
        return;
    strbuf key = STRBUF_INIT, shown = STRBUF_INIT;
    bool complete = true;
    for (int k = 0; s->row_key[k] >= 0; k++) {
        const cell *ce = &cells[s->row_key[k]];
        if (!ce->present) {
            complete = false;
            break;
        }
        char *slug = text_group_slug(ce->text);
        const colspec *cs = &s->cols[s->row_key[k]];
        if (cs->type == COL_MONTH)
            sb_appendf(&key, "%d\x1F", (int)ce->v.ym);
        else
            sb_appendf(&key, "%s\x1F", slug);
        sb_appendf(&shown, "%s%s %s", k ? ", " : "", cs->name, ce->text);
        free(slug);
    }
    if (complete)
        S_key_add(&ld->rowkey, sb_take(&key), sb_cstr(&shown), ld->rec_line);
    sb_free(&key);
    sb_free(&shown);
}

static void S_cells_free(cell *cells, size_t ncols)
{
    for (size_t c = 0; c < ncols; c++)
        free(cells[c].text);
    free(cells);
}

/* The table takes cells as the row read on line. */
static void S_table_append(table *t, int line, bool total, cell *cells)
{
    XGROW(t->rows, t->cap, t->nrows + 1);
    t->rows[t->nrows].line = line;
    t->rows[t->nrows].total = total;
    t->rows[t->nrows].cells = cells;
    t->nrows++;
}

/* The record's first cell reads Total or Grand Total, in any case: a
 * declared total, as Excel users add one (section 3 of the contract). */
static bool S_record_is_total(const S_ld *ld)
{
    if (ld->nf == 0)
        return false;
    char *first = text_trim(ld->f[0]);
    bool total = text_loose_eq(first, "Total") || text_loose_eq(first, "Grand Total");
    free(first);
    return total;
}

/* One record from libcsv: the header, a blank row to skip, or a row to
 * check cell by cell and keep when it is wholly valid.  Every check runs
 * even after one fails, so that all of a row's errors are reported. */
static void S_row(S_ld *ld)
{
    const schema *s = ld->s;
    if (S_record_is_blank(ld))
        return;
    if (ld->searching) {
        S_header_search(ld);
        return;
    }
    if (!ld->have_header) {
        S_header_first(ld);
        return;
    }
    if (ld->header_bad || !S_row_width_ok(ld))
        return;
    ld->rec_total = S_record_is_total(ld);

    cell *cells = xcalloc(s->ncols, sizeof *cells);
    bool row_ok = true;
    for (size_t i = 0; i < ld->nmap; i++)
        if (!S_row_cell(ld, i, cells))
            row_ok = false;
    for (size_t c = 0; c < s->ncols; c++)
        if (!S_column_rules(ld, cells, c))
            row_ok = false;
    S_row_key_add(ld, cells);
    if (!S_row_rules(ld))
        row_ok = false;

    /* The table holds only rows that are wholly valid; with any error the
     * build stops before anything downstream reads it anyway. */
    if (row_ok)
        S_table_append(ld->t, ld->rec_line, ld->rec_total, cells);
    else
        S_cells_free(cells, s->ncols);
}

/* ------------------------------------------------------------------ */
/* libcsv callbacks and the feeding loop.                              */

static void S_fields_clear(S_ld *ld)
{
    for (size_t i = 0; i < ld->nf; i++)
        free(ld->f[i]);
    ld->nf = 0;
}

static void S_cb_field(void *field, size_t len, void *data)
{
    S_ld *ld = data;
    XGROW(ld->f, ld->fcap, ld->nf + 1);
    ld->f[ld->nf++] = field ? xstrndup(field, len) : xstrdup("");
    ld->field_line = ld->line; /* the next field starts after this comma */
}

static void S_cb_record(int term, void *data)
{
    S_ld *ld = data;
    (void)term;
    S_row(ld);
    S_fields_clear(ld);
    ld->ended = true;
}

/* Keep spaces: cells are trimmed by text_trim(), which also knows U+00A0. */
static int S_no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static void S_parse(S_ld *ld, const char *d, size_t n)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        S_report(ld, DIAG_ERROR, 0, NULL, NULL, "cannot start the CSV parser (out of memory)");
        return;
    }
    csv_set_space_func(&p, S_no_space);
    /* libcsv grows its field buffer by blk_size bytes (128 by default), so a
     * huge cell costs quadratic time; 64 KiB steps keep a 2 MB cell cheap. */
    csv_set_blk_size(&p, 1 << 16);
    /* Feed one physical line at a time so that every callback knows its
     * line: a record starts on the first line with content after the
     * previous record ended (a quoted field may carry it over lines). */
    size_t i = 0;
    bool failed = false;
    while (i < n) {
        size_t j = i;
        while (j < n && d[j] != '\n' && d[j] != '\r')
            j++;
        bool content = j > i;
        if (j < n)
            j += (d[j] == '\r' && j + 1 < n && d[j + 1] == '\n') ? 2 : 1;
        ld->line++;
        if (!ld->open && content) {
            ld->open = true;
            ld->rec_line = ld->field_line = ld->line;
        }
        ld->ended = false;
        size_t used = csv_parse(&p, d + i, j - i, S_cb_field, S_cb_record, ld);
        if (used != j - i) {
            int e = csv_error(&p);
            if (e == CSV_EPARSE)
                S_report(ld, DIAG_ERROR, ld->line, NULL, NULL,
                         "a double quote in the wrong place (character %zu of the line): "
                         "expected a quoted value to start right after the comma and end "
                         "right before the next comma or line end, with any quote inside "
                         "it doubled (\"\")", used + 1);
            else
                S_report(ld, DIAG_ERROR, ld->line, NULL, NULL, "cannot parse the file: %s",
                         csv_strerror(e));
            failed = true;
            break;
        }
        if (ld->ended)
            ld->open = false;
        i = j;
    }
    if (!failed && csv_fini(&p, S_cb_field, S_cb_record, ld) != 0)
        S_report(ld, DIAG_ERROR, ld->field_line, NULL, NULL,
                 "a quoted value starting on this line is never closed: expected a closing "
                 "double quote (\") before the end of the file");
    S_fields_clear(ld);
    csv_free(&p);
}

/* Offset of the first line that is not valid UTF-8 (lines end at LF). */
static size_t S_first_non_utf8_line(const char *data, size_t len)
{
    for (size_t a = 0; a < len; a++) {
        size_t b = a;
        while (b < len && data[b] != '\n')
            b++;
        if (!text_is_utf8(data + a, b - a))
            return a;
        a = b;
    }
    return 0;
}

/* The file's bytes, after a leading byte-order mark, as UTF-8 text in a new
 * string of *n bytes; NULL when it is not a CSV text file at all (reported).
 * Windows-1252 is converted, with a warning. */
static char *S_decode(S_ld *ld, const char *data, size_t len, size_t *n)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (!S_check_text(ld, data, len))
        return NULL;
    if (text_is_utf8(data, len)) {
        *n = len;
        return xstrndup(data, len);
    }
    S_report(ld, DIAG_WARNING, 0, NULL, NULL,
             "not valid UTF-8 (first on line %d): read as Windows-1252, as Excel "
             "saves \"CSV\"; save as \"CSV UTF-8\" to avoid this",
             S_line_at(data, len, S_first_non_utf8_line(data, len)));
    return text_cp1252_to_utf8(data, len, n);
}

/* Read the decoded text (n bytes, modified in place) into the table, then
 * say so when it had no header or no rows. */
static void S_read(S_ld *ld, char *buf, size_t n)
{
    n = S_strip_inner_boms(ld, buf, n);
    S_parse(ld, buf, n);
    if (ld->searching)
        S_header_give_up(ld); /* the file ended before a better header */
    if (!ld->have_header)
        S_report(ld, DIAG_ERROR, 0, NULL, NULL,
                 "the file is empty: expected a header row naming the columns, "
                 "then one row per record");
    /* A header with no rows is valid (a small area may have no child
     * death reviews in a year) but is as often a half-finished export,
     * so it is said, as a warning, not an error. */
    else if (ld->t->nrows == 0 && !ld->header_bad && ld->npd == 0)
        S_report(ld, DIAG_WARNING, ld->header_line, NULL, NULL,
                 "no data rows after the header: read as no %s this year", ld->s->title);
}

/* Report the duplicates among the values noted while reading: each unique
 * column, then the row key.  Empties the key lists. */
static void S_check_duplicates(S_ld *ld)
{
    const schema *s = ld->s;
    for (size_t c = 0; c < s->ncols; c++) {
        if (!s->cols[c].unique)
            continue;
        char what[160];
        snprintf(what, sizeof what, "each %s once in the file", s->cols[c].name);
        S_key_check(ld, &ld->uniq[c], s->cols[c].name, what);
    }
    if (s->row_key) {
        strbuf what = STRBUF_INIT;
        sb_append(&what, "one row for each ");
        for (int k = 0; s->row_key[k] >= 0; k++)
            sb_appendf(&what, "%s%s", k == 0 ? "" : s->row_key[k + 1] < 0 ? " and " : ", ",
                       s->cols[s->row_key[k]].name);
        S_key_check(ld, &ld->rowkey, NULL, sb_cstr(&what));
        sb_free(&what);
    }
}

/* A loader for s filling t, with nothing read yet. */
static void S_ld_init(S_ld *ld, const schema *s, const char *shown, int year_start, table *t)
{
    memset(ld, 0, sizeof *ld);
    ld->s = s;
    ld->shown = shown;
    ld->year_start = year_start;
    ld->t = t;
    ld->colpos = xcalloc(s->ncols, sizeof *ld->colpos);
    ld->uniq = xcalloc(s->ncols, sizeof *ld->uniq);
    ld->groups = xcalloc(s->ncols, sizeof *ld->groups);
}

/* Free what reading needed; the pending messages stay for S_flush(). */
static void S_ld_free(S_ld *ld)
{
    for (size_t c = 0; c < ld->s->ncols; c++)
        S_groups_free(&ld->groups[c]);
    S_first_free(ld);
    free(ld->f);
    free(ld->map);
    free(ld->colpos);
    free(ld->uniq);
    free(ld->groups);
}

annrep_status csvload_buffer(const char *data, size_t len, const char *shown_path,
                             const schema *s, int year_start, table *t, diag_list *dl)
{
    size_t errors0 = dl->nerrors;
    memset(t, 0, sizeof *t);
    t->schema = s;
    t->present = true;
    t->path = xstrdup(shown_path);

    S_ld ld;
    S_ld_init(&ld, s, shown_path, year_start, t);
    size_t n = 0;
    char *buf = S_decode(&ld, data, len, &n);
    if (buf)
        S_read(&ld, buf, n);
    S_check_duplicates(&ld);
    free(buf);
    S_ld_free(&ld);
    S_flush(&ld, dl);
    return dl->nerrors > errors0 ? ANNREP_ERR_INPUT : ANNREP_OK;
}

annrep_status csvload_file(const char *path, const char *shown_path, const schema *s,
                           int year_start, table *t, diag_list *dl)
{
    memset(t, 0, sizeof *t);
    t->schema = s;
    t->path = xstrdup(shown_path);
    char *data = NULL, *why = NULL;
    size_t len = 0;
    fileio_status fr = fileio_read(path, S_FILE_MAX, &data, &len, &why);
    if (fr == FILEIO_ABSENT)
        return ANNREP_OK;
    t->present = true;
    if (fr != FILEIO_OK) {
        /* Unreadable is never absent (contract section 1): a return that is
         * there but cannot be read stops the build, saying why. */
        if (fr == FILEIO_TOO_BIG)
            diag_add(dl, DIAG_ERROR, shown_path, 0, NULL, NULL,
                     "file is larger than %u MB: expected a CSV return of a few thousand rows",
                     S_FILE_MAX >> 20);
        else
            diag_add(dl, DIAG_ERROR, shown_path, 0, NULL, NULL, "%s: expected a CSV file", why);
        free(why);
        return ANNREP_ERR_INPUT;
    }
    table_free(t);
    annrep_status status = csvload_buffer(data, len, shown_path, s, year_start, t, dl);
    free(data);
    return status;
}
