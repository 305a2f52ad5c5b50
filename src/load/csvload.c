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
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_MAX_ERRORS 50            /* per file, as the contract says */
#define S_MAX_WARNINGS 50          /* spelling variants can be many: same cap */
#define S_CELL_MAX 4000            /* bytes; longer is a runaway quote or a paste */
/* Different texts in one category column (agency, course, crime type,
 * indicator ...): each becomes a row, figures and a chart bar of the
 * report, so more is a record-level extract, not a return, and would make
 * tables of thousands of pages.  The limit keeps the memory of what follows
 * the loader, and every sheet of the data pack, bounded by it. */
#define S_DISTINCT_MAX 1000
#define S_FILE_MAX (256u << 20)    /* a return is kilobytes; refuse absurd files */

typedef struct {
    diag_severity sev;
    int line;
    size_t seq; /* order of discovery, to keep the sort stable */
    char *column, *value, *msg;
} S_pending;

/* Rows of the table by a key, for duplicate detection: open addressing of
 * (the key's hash << 32 | the row's reference + 1), 0 = free, so that a
 * million rows cost 16 MB and a probe reads a row only when the hashes
 * agree. */
typedef struct {
    uint64_t *slot;
    size_t nslots, n;  /* nslots a power of two, at least twice n */
} S_dupset;

/* One distinct text of a column that is not unique, parsed once: a
 * million rows repeat a few hundred dates, agencies and outcomes. */
typedef struct {
    const char *text;  /* owned by the table */
    size_t hash;
    bool ok;           /* it parses as its column's type */
    bool grouped;      /* its spelling was checked against the column's groups */
    char *err;         /* why it does not parse, when !ok */
    cell value;        /* text and value, ready to copy into a row */
} S_entry;

typedef struct {
    S_entry *v;
    size_t n, cap;
    uint32_t *slot;    /* index + 1, 0 = free */
    size_t nslots;
} S_intern;

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

    /* the fields of the record being assembled: bytes in fbuf, each field
     * NUL-terminated at foff[i]; f[i] points into fbuf once it is complete */
    strbuf fbuf;
    size_t *foff;
    size_t foffcap;
    cell *scratch;       /* the row being checked, before the table takes it */
    S_entry **entry;     /* per schema column: the interned text of this row's cell */

    const cell **rej;    /* rows with errors, kept only for the duplicate checks */
    int *rej_line;
    size_t nrej, rejcap;
    S_intern *interns;   /* per schema column (those not unique) */
    S_dupset *uniq;      /* per schema column (unique ones) */
    S_dupset rowkey;
    size_t *dup_k, *dup_h;  /* per schema column: where this row's key goes, its hash */
    size_t dup_rk, dup_rh;  /* the same for the row key */
    S_grouplist *groups; /* per schema column (grouped ones) */
    size_t nerr, nwarn;  /* messages kept so far, for the caps */
    size_t hidden_e, hidden_w;
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
    /* Messages come in line order (the file is read once, front to back),
     * so the first ones past the cap are the ones not shown: counted, not
     * kept, whatever a hostile file holds. */
    if (sev == DIAG_ERROR && ++ld->nerr > S_MAX_ERRORS) {
        ld->hidden_e++;
        return;
    }
    if (sev == DIAG_WARNING && ++ld->nwarn > S_MAX_WARNINGS) {
        ld->hidden_w++;
        return;
    }
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
    size_t hidden_e = ld->hidden_e, hidden_w = ld->hidden_w;
    for (size_t i = 0; i < ld->npd; i++) {
        S_pending *p = &ld->pd[i];
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

/* Parse the trimmed, non-blank text into out's value; false with why. */
static bool S_parse_value(const colspec *c, const char *txt, cell *out, strbuf *why)
{
    int decimals = 0;
    switch (c->type) {
    case COL_TEXT: return true;
    case COL_DATE: return parse_date(txt, &out->v.ymd, why);
    case COL_MONTH: return parse_month(txt, &out->v.ym, why);
    case COL_COUNT: return parse_count(txt, &out->v.i, why);
    case COL_NUMBER: return parse_number(txt, &out->v.d, &decimals, why);
    case COL_MONEY: return parse_money(txt, &out->v.pence, why);
    case COL_YESNO: return parse_yesno(txt, &out->v.yes, why);
    case COL_ENUM: return parse_enum(txt, c->enum_values, c->aliases, &out->v.e, why);
    }
    return true;
}

static size_t S_hash_n(const char *k, size_t n)
{
    size_t h = 1469598103934665603u & (size_t)-1; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * (size_t)1099511628211u;
    return h;
}

static size_t S_hash(const char *k)
{
    return S_hash_n(k, strlen(k));
}

/* The entry of txt (len bytes) in column sc's interned texts: found, or
 * added, its text copied into the table and parsed once. */
static S_entry *S_intern_get(S_ld *ld, int sc, const char *txt, size_t len)
{
    S_intern *in = &ld->interns[sc];
    if (in->nslots < 2 * (in->n + 1)) {
        size_t ns = in->nslots ? in->nslots * 2 : 64;
        uint32_t *slot = xcalloc(ns, sizeof *slot);
        for (size_t i = 0; i < in->n; i++) {
            size_t k = in->v[i].hash & (ns - 1);
            while (slot[k])
                k = (k + 1) & (ns - 1);
            slot[k] = (uint32_t)(i + 1);
        }
        free(in->slot);
        in->slot = slot;
        in->nslots = ns;
    }
    size_t h = S_hash_n(txt, len), k = h & (in->nslots - 1);
    while (in->slot[k]) {
        S_entry *e = &in->v[in->slot[k] - 1];
        if (e->hash == h && strncmp(e->text, txt, len) == 0 && e->text[len] == '\0')
            return e;
        k = (k + 1) & (in->nslots - 1);
    }
    XGROW(in->v, in->cap, in->n + 1);
    S_entry *e = &in->v[in->n];
    memset(e, 0, sizeof *e);
    e->text = table_text(ld->t, txt, len);
    e->hash = h;
    strbuf why = STRBUF_INIT;
    e->ok = S_parse_value(&ld->s->cols[sc], e->text, &e->value, &why);
    if (!e->ok)
        e->err = sb_take(&why);
    else
        sb_free(&why);
    e->value.text = e->text;
    in->slot[k] = (uint32_t)(++in->n);
    return e;
}

static void S_intern_free(S_intern *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->v[i].err);
    free(in->v);
    free(in->slot);
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
 * Hashed, because a hostile file may have a million distinct values; run
 * once per distinct text of the column. */
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
 * (or the column is not in the file).  The fields are trimmed already. */
static bool S_blank(const S_ld *ld, size_t c)
{
    return ld->colpos[c] < 0 || ld->f[ld->colpos[c]][0] == '\0';
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
    for (size_t i = 0; i < ld->nf; i++)
        if (ld->f[i][0])
            return false;
    return true;
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
 * column is not text (a text column keeps it as its value).  A column
 * that is not unique takes its text and value from the column's interned
 * texts (parsed once each); a unique one's text is copied. */
static bool S_row_cell(S_ld *ld, size_t i, cell *cells)
{
    int sc = ld->map[i];
    const char *txt = ld->f[i];
    if (sc == -2 && *txt) {
        S_report(ld, DIAG_ERROR, ld->rec_line, NULL, txt,
                 "value in column %zu, which has no name in the header: expected a "
                 "column name on line %d", i + 1, ld->header_line);
        return false;
    }
    if (sc < 0 || !*txt)
        return true;
    const colspec *c = &ld->s->cols[sc];
    if (ld->rec_total && i == 0 && c->type != COL_TEXT)
        return true; /* the label "Total" is not a date, count ... of its column */
    size_t len = strlen(txt);
    if (len > S_CELL_MAX) {
        S_report(ld, DIAG_ERROR, ld->rec_line, c->name, txt,
                 "value is %zu bytes long: expected at most %d (a quote left open?)", len,
                 S_CELL_MAX);
        return false;
    }
    if (!c->unique) {
        S_entry *e = S_intern_get(ld, sc, txt, len);
        if (!e->ok) {
            S_report(ld, DIAG_ERROR, ld->rec_line, c->name, txt, "%s", e->err);
            return false;
        }
        if (c->type == COL_TEXT && e - ld->interns[sc].v >= S_DISTINCT_MAX) {
            S_report(ld, DIAG_ERROR, ld->rec_line, c->name, txt,
                     "more than %d different values in this column: expected at most %d "
                     "(each gets its own row and figures in the report; is this a "
                     "record-level extract rather than the return?)",
                     S_DISTINCT_MAX, S_DISTINCT_MAX);
            return false;
        }
        cells[sc] = e->value;
        ld->entry[sc] = e;
        return true;
    }
    strbuf why = STRBUF_INIT;
    cell value;
    memset(&value, 0, sizeof value);
    if (!S_parse_value(c, txt, &value, &why)) {
        S_report(ld, DIAG_ERROR, ld->rec_line, c->name, txt, "%s", sb_cstr(&why));
        sb_free(&why);
        return false;
    }
    sb_free(&why);
    value.text = table_text(ld->t, txt, len);
    cells[sc] = value;
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
    if (cs->required == REQ_WHEN && cell_present(&cells[cs->when_col]) &&
        cells[cs->when_col].v.yes) {
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

/* The rules of schema column c on this row: required, reporting year, and
 * the spelling check of a grouped column (once per distinct text). */
static bool S_column_rules(S_ld *ld, cell *cells, size_t c)
{
    const colspec *cs = &ld->s->cols[c];
    cell *ce = &cells[c];
    if (!cell_present(ce))
        return S_check_blank(ld, cells, c);
    bool ok = S_check_in_year(ld, cs, ce);
    if (ld->rec_total)
        return ok; /* a total is neither a record with an id nor a group */
    S_entry *e = ld->entry[c];
    if (cs->grouped && e && !e->grouped) {
        e->grouped = true;
        S_group_add(ld, &ld->groups[c], cs, ce->text);
    } else if (cs->grouped && !e) {
        S_group_add(ld, &ld->groups[c], cs, ce->text);  /* a unique grouped column */
    }
    return ok;
}

/* ---- duplicates: unique columns and the row key ------------------------ */

/* The key of column c in cells: months by value, so that 2016-03 and
 * Mar-16 are the same; the rest by text (slug for the row key). */
static size_t S_key_hash(const colspec *cs, const cell *ce, bool slug)
{
    if (cs->type == COL_MONTH)
        return (size_t)ce->v.ym * 2654435761u;
    if (!slug)
        return S_hash(ce->text);
    char *sl = text_group_slug(ce->text);
    size_t h = S_hash(sl);
    free(sl);
    return h;
}

static bool S_key_eq(const colspec *cs, const cell *a, const cell *b, bool slug)
{
    if (cs->type == COL_MONTH)
        return a->v.ym == b->v.ym;
    if (!slug)
        return strcmp(a->text, b->text) == 0;
    char *x = text_group_slug(a->text), *y = text_group_slug(b->text);
    bool eq = strcmp(x, y) == 0;
    free(x);
    free(y);
    return eq;
}

/* Hash of the row key of cells, or false when part of it is blank. */
static bool S_rowkey_hash(const schema *s, const cell *cells, size_t *h)
{
    *h = 0;
    for (int k = 0; s->row_key[k] >= 0; k++) {
        const cell *ce = &cells[s->row_key[k]];
        if (!cell_present(ce))
            return false;
        *h = *h * 31 + S_key_hash(&s->cols[s->row_key[k]], ce, true);
    }
    return true;
}

static bool S_rowkey_eq(const schema *s, const cell *a, const cell *b)
{
    for (int k = 0; s->row_key[k] >= 0; k++) {
        int c = s->row_key[k];
        if (!S_key_eq(&s->cols[c], &a[c], &b[c], true))
            return false;
    }
    return true;
}

#define S_REJ 0x80000000u  /* a reference to a row with errors, not in the table */

/* The cells and line of reference ref (a table row, or a rejected one). */
static const cell *S_ref(const S_ld *ld, uint32_t ref, int *line)
{
    if (ref & S_REJ) {
        *line = ld->rej_line[ref & ~S_REJ];
        return ld->rej[ref & ~S_REJ];
    }
    *line = ld->t->rows[ref].line;
    return ld->t->rows[ref].cells;
}

/* The line of the first row noted in ds whose key (column col, or the row
 * key when col is -1) equals that of cells (hash h), or 0; then *k is the
 * free slot where the key goes (the set grown first, so that S_dup_put
 * can fill it right after). */
static int S_dup_probe(S_ld *ld, S_dupset *ds, int col, const cell *cells, size_t h,
                       size_t *k)
{
    const schema *s = ld->s;
    uint32_t h32 = (uint32_t)(h ^ (h >> 32));
    if (ds->nslots < 2 * (ds->n + 1)) {
        size_t ns = ds->nslots ? ds->nslots * 2 : 64;
        uint64_t *slot = xcalloc(ns, sizeof *slot);
        for (size_t i = 0; i < ds->nslots; i++) {
            if (!ds->slot[i])
                continue;
            size_t j = (size_t)(ds->slot[i] >> 32) & (ns - 1);
            while (slot[j])
                j = (j + 1) & (ns - 1);
            slot[j] = ds->slot[i];
        }
        free(ds->slot);
        ds->slot = slot;
        ds->nslots = ns;
    }
    size_t i = h32 & (ds->nslots - 1);
    while (ds->slot[i]) {
        if ((uint32_t)(ds->slot[i] >> 32) == h32) {
            int line;
            const cell *rc = S_ref(ld, (uint32_t)ds->slot[i] - 1, &line);
            bool eq = col >= 0 ? S_key_eq(&s->cols[col], &rc[col], &cells[col], false)
                               : S_rowkey_eq(s, rc, cells);
            if (eq)
                return line;
        }
        i = (i + 1) & (ds->nslots - 1);
    }
    *k = i;
    return 0;
}

static void S_dup_put(S_dupset *ds, size_t k, size_t h, uint32_t ref)
{
    uint32_t h32 = (uint32_t)(h ^ (h >> 32));
    ds->slot[k] = (uint64_t)h32 << 32 | (uint64_t)(ref + 1);
    ds->n++;
}

/* Is the row a duplicate of a row before it (a unique column's value, or
 * the row key)?  Reports each, naming the first line, and remembers where
 * each new key goes for S_duplicates_note.  Rows with errors take part
 * too, so that every duplicate is listed. */
static bool S_duplicates_ok(S_ld *ld, const cell *cells)
{
    const schema *s = ld->s;
    bool ok = true;
    for (size_t c = 0; c < s->ncols; c++) {
        ld->dup_k[c] = SIZE_MAX;
        if (!s->cols[c].unique || !cell_present(&cells[c]))
            continue;
        size_t h = S_key_hash(&s->cols[c], &cells[c], false), k = 0;
        int first = S_dup_probe(ld, &ld->uniq[c], (int)c, cells, h, &k);
        if (first) {
            char what[160];
            snprintf(what, sizeof what, "each %s once in the file", s->cols[c].name);
            S_report(ld, DIAG_ERROR, ld->rec_line, s->cols[c].name, cells[c].text,
                     "duplicate of line %d: expected %s", first, what);
            ok = false;
        } else {
            ld->dup_k[c] = k;
            ld->dup_h[c] = h;
        }
    }
    size_t h;
    ld->dup_rk = SIZE_MAX;
    if (s->row_key && S_rowkey_hash(s, cells, &h)) {
        size_t k = 0;
        int first = S_dup_probe(ld, &ld->rowkey, -1, cells, h, &k);
        if (first) {
            strbuf what = STRBUF_INIT, shown = STRBUF_INIT;
            sb_append(&what, "one row for each ");
            for (int j = 0; s->row_key[j] >= 0; j++) {
                const colspec *cs = &s->cols[s->row_key[j]];
                sb_appendf(&what, "%s%s", j == 0 ? "" : s->row_key[j + 1] < 0 ? " and " : ", ",
                           cs->name);
                sb_appendf(&shown, "%s%s %s", j ? ", " : "", cs->name, cells[s->row_key[j]].text);
            }
            S_report(ld, DIAG_ERROR, ld->rec_line, NULL, sb_cstr(&shown),
                     "duplicate of line %d: expected %s", first, sb_cstr(&what));
            sb_free(&what);
            sb_free(&shown);
            ok = false;
        } else {
            ld->dup_rk = k;
            ld->dup_rh = h;
        }
    }
    return ok;
}

/* Note the row's new keys (ref: its table row, or S_REJ | its index among
 * the rows with errors) where S_duplicates_ok found room for them. */
static void S_duplicates_note(S_ld *ld, uint32_t ref)
{
    const schema *s = ld->s;
    for (size_t c = 0; c < s->ncols; c++)
        if (ld->dup_k[c] != SIZE_MAX)
            S_dup_put(&ld->uniq[c], ld->dup_k[c], ld->dup_h[c], ref);
    if (ld->dup_rk != SIZE_MAX)
        S_dup_put(&ld->rowkey, ld->dup_rk, ld->dup_rh, ref);
}

/* Keep the cells of a row with errors (in the table's store, not in the
 * table) for the duplicate checks of the rows after it. */
static uint32_t S_keep_rejected(S_ld *ld, const cell *cells)
{
    const schema *s = ld->s;
    cell *copy = table_add_row(ld->t, s->ncols, ld->rec_line, false);
    memcpy(copy, cells, s->ncols * sizeof *copy);
    ld->t->nrows--;  /* its cells stay in the store, the row is not the table's */
    if (ld->nrej == ld->rejcap) {
        ld->rejcap = ld->rejcap ? ld->rejcap * 2 : 16;
        ld->rej = xrealloc(ld->rej, ld->rejcap * sizeof *ld->rej);
        ld->rej_line = xrealloc(ld->rej_line, ld->rejcap * sizeof *ld->rej_line);
    }
    ld->rej[ld->nrej] = copy;
    ld->rej_line[ld->nrej] = ld->rec_line;
    return S_REJ | (uint32_t)ld->nrej++;
}

/* The record's first cell reads Total or Grand Total, in any case: a
 * declared total, as Excel users add one (section 3 of the contract). */
static bool S_record_is_total(const S_ld *ld)
{
    if (ld->nf == 0)
        return false;
    char c = ld->f[0][0];  /* (trimmed) a quick no for nearly every row */
    if (c != 'T' && c != 't' && c != 'G' && c != 'g')
        return false;
    return text_loose_eq(ld->f[0], "Total") || text_loose_eq(ld->f[0], "Grand Total");
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

    cell *cells = ld->scratch;
    memset(cells, 0, s->ncols * sizeof *cells);
    memset(ld->entry, 0, s->ncols * sizeof *ld->entry);
    bool row_ok = true;
    for (size_t i = 0; i < ld->nmap; i++)
        if (!S_row_cell(ld, i, cells))
            row_ok = false;
    for (size_t c = 0; c < s->ncols; c++)
        if (!S_column_rules(ld, cells, c))
            row_ok = false;
    if (!S_row_rules(ld))
        row_ok = false;
    /* A total is neither a record with an id nor a row of the key. */
    if (!ld->rec_total && !S_duplicates_ok(ld, cells))
        row_ok = false;
    if (!ld->rec_total && !row_ok)
        S_duplicates_note(ld, S_keep_rejected(ld, cells));

    /* The table holds only rows that are wholly valid; with any error the
     * build stops before anything downstream reads it anyway. */
    if (row_ok) {
        cell *kept = table_add_row(ld->t, s->ncols, ld->rec_line, ld->rec_total);
        memcpy(kept, cells, s->ncols * sizeof *kept);
        if (!ld->rec_total)
            S_duplicates_note(ld, (uint32_t)(ld->t->nrows - 1));
    }
}

/* ------------------------------------------------------------------ */
/* libcsv callbacks and the feeding loop.                              */

static void S_fields_clear(S_ld *ld)
{
    ld->nf = 0;
    sb_clear(&ld->fbuf);
}

/* A field: its bytes go into the record's buffer, NUL-terminated; its
 * pointer is made when the record is complete (the buffer may move). */
static void S_cb_field(void *field, size_t len, void *data)
{
    S_ld *ld = data;
    XGROW(ld->foff, ld->foffcap, ld->nf + 1);
    ld->foff[ld->nf++] = ld->fbuf.len;
    sb_appendn(&ld->fbuf, field ? (const char *)field : "", field ? len : 0);
    sb_appendn(&ld->fbuf, "", 1);
    ld->field_line = ld->line; /* the next field starts after this comma */
}

static void S_cb_record(int term, void *data)
{
    S_ld *ld = data;
    (void)term;
    XGROW(ld->f, ld->fcap, ld->nf + 1);
    for (size_t i = 0; i < ld->nf; i++)
        ld->f[i] = text_trim_inplace(ld->fbuf.s + ld->foff[i]);
    S_row(ld);
    S_fields_clear(ld);
    ld->ended = true;
}

/* Keep spaces: cells are trimmed by text_trim_inplace(), which also knows
 * U+00A0. */
static int S_no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* ---- the file's bytes, read twice in chunks ---------------------------- */

/* A file (or, for tests and the fuzzer, a buffer) read front to back in
 * chunks; read once to check what it is, then again to parse it.  No
 * more than a chunk and the line being assembled is ever held. */
typedef struct {
    int fd;                 /* -1: the buffer */
    const char *buf;
    size_t len, pos;
    char chunk[1 << 16];
} S_src;

/* The next chunk in *p, *n; false at the end or on a read error (*err). */
static bool S_src_next(S_src *src, const char **p, size_t *n, int *err)
{
    *err = 0;
    if (src->fd < 0) {
        if (src->pos >= src->len)
            return false;
        size_t k = src->len - src->pos;
        if (k > sizeof src->chunk)
            k = sizeof src->chunk;
        *p = src->buf + src->pos;
        *n = k;
        src->pos += k;
        return true;
    }
    for (;;) {
        ssize_t got = read(src->fd, src->chunk, sizeof src->chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *err = errno;
            return false;
        }
        if (got == 0)
            return false;
        *p = src->chunk;
        *n = (size_t)got;
        return true;
    }
}

static int S_src_rewind(S_src *src)
{
    src->pos = 0;
    if (src->fd >= 0 && lseek(src->fd, 0, SEEK_SET) != 0)
        return errno ? errno : EIO;
    return 0;
}

/* What the first read found. */
typedef struct {
    bool ok;          /* a text file to parse */
    bool utf8;        /* valid UTF-8 (else read as Windows-1252) */
    int bad_line;     /* first line that is not valid UTF-8 */
    size_t bytes;
} S_scan_info;

/* Length of the UTF-8 sequence that byte c starts (0 for a continuation
 * byte or a byte that starts none). */
static size_t S_utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
           : c >= 0xF0 && c <= 0xF4                  ? 4
                                                     : 0;
}

/* The first read: a zip file (an Excel workbook saved as .csv), binary
 * bytes, the size limit, and whether the text is UTF-8. */
static S_scan_info S_scan(S_ld *ld, S_src *src, size_t limit, int *err)
{
    S_scan_info in = {true, true, 0, 0};
    const char *p;
    size_t n;
    int line = 1;
    bool prev_cr = false, first = true;
    unsigned char carry[8];
    size_t ncarry = 0;
    char *tmp = xmalloc(sizeof src->chunk + sizeof carry + 1);
    while (S_src_next(src, &p, &n, err)) {
        if (first) {
            first = false;
            if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0) {
                S_report(ld, DIAG_ERROR, 0, NULL, NULL,
                         "expected a CSV text file, but this is a zip file such as an Excel "
                         "workbook (.xlsx): open it and save it as \"CSV UTF-8\"");
                in.ok = false;
                break;
            }
            if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
                p += 3;
                n -= 3;
                in.bytes += 3;
            }
        }
        in.bytes += n;
        if (limit && in.bytes > limit) {
            S_report(ld, DIAG_ERROR, 0, NULL, NULL,
                     "file is larger than %zu MB: expected a CSV return of a few thousand "
                     "rows", limit >> 20);
            in.ok = false;
            break;
        }
        int line0 = line;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if (c >= 0x20) {  /* nearly every byte */
                if (prev_cr)
                    line++;  /* the lone CR before this byte ended a line */
                prev_cr = false;
                continue;
            }
            if (c == '\n') {
                if (!prev_cr)
                    line++;
            } else if (prev_cr) {
                line++;  /* the lone CR before this byte ended a line */
            }
            prev_cr = c == '\r';
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                S_report(ld, DIAG_ERROR, line, NULL, NULL,
                         "binary data (byte 0x%02X at byte %zu of the file): expected a CSV "
                         "text file; was it saved as a spreadsheet rather than as CSV?",
                         c, in.bytes - n + i + 1);
                in.ok = false;
                break;
            }
        }
        if (!in.ok)
            break;
        if (in.utf8) {
            /* Validate the carried bytes and this chunk up to the last
             * complete sequence; carry the rest. */
            memcpy(tmp, carry, ncarry);
            memcpy(tmp + ncarry, p, n);
            size_t total = ncarry + n, cut = total;
            for (size_t back = 1; back <= 3 && back <= total; back++) {
                size_t l = S_utf8_len((unsigned char)tmp[total - back]);
                if (l > 1) {
                    if (l > back)
                        cut = total - back;
                    break;
                }
                if (l == 1)
                    break;
            }
            if (!text_is_utf8(tmp, cut)) {
                /* The first line (LF-ended) of the chunk that is not UTF-8. */
                in.utf8 = false;
                int l = line0;
                for (size_t a = 0; a < cut; l++) {
                    size_t b = a;
                    while (b < cut && tmp[b] != '\n')
                        b++;
                    if (!text_is_utf8(tmp + a, b - a))
                        break;
                    a = b + 1;
                }
                in.bad_line = l;
            }
            ncarry = total - cut;
            memcpy(carry, tmp + cut, ncarry);
        }
    }
    if (in.ok && in.utf8 && ncarry) {
        in.utf8 = false;  /* the file ends inside a sequence */
        in.bad_line = line;
    }
    free(tmp);
    if (*err)
        in.ok = false;
    return in;
}

/* Feed one physical line (with its line end) to libcsv.  false when the
 * parser failed (reported). */
static bool S_feed_line(S_ld *ld, struct csv_parser *p, char *s, size_t n, size_t content)
{
    ld->line++;
    /* A byte-order mark inside the file: two files joined together leave
     * one in the middle, where it would hide inside a cell. */
    bool bom = false;
    for (size_t i = 0; i + 3 <= content && !bom; i++)
        bom = s[i] == '\xEF' && s[i + 1] == '\xBB' && s[i + 2] == '\xBF';
    if (bom) {
        size_t o = 0;
        for (size_t i = 0; i < n;) {
            if (i + 3 <= content && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0) {
                S_report(ld, DIAG_ERROR, ld->line, NULL, NULL,
                         "byte-order mark in the middle of the file: expected one only at "
                         "the very start (were two files joined together?)");
                i += 3;
                continue;
            }
            s[o++] = s[i++];
        }
        content -= n - o;
        n = o;
    }
    if (!ld->open && content) {
        ld->open = true;
        ld->rec_line = ld->field_line = ld->line;
    }
    ld->ended = false;
    size_t used = csv_parse(p, s, n, S_cb_field, S_cb_record, ld);
    if (used != n) {
        int e = csv_error(p);
        if (e == CSV_EPARSE)
            S_report(ld, DIAG_ERROR, ld->line, NULL, NULL,
                     "a double quote in the wrong place (character %zu of the line): "
                     "expected a quoted value to start right after the comma and end "
                     "right before the next comma or line end, with any quote inside "
                     "it doubled (\"\")", used + 1);
        else
            S_report(ld, DIAG_ERROR, ld->line, NULL, NULL, "cannot parse the file: %s",
                     csv_strerror(e));
        return false;
    }
    if (ld->ended)
        ld->open = false;
    return true;
}

/* The second read: decode (Windows-1252 to UTF-8 when the first read found
 * the file is not UTF-8), cut into physical lines (LF, CRLF or a lone CR)
 * and feed them to libcsv one at a time, so that every callback knows its
 * line: a record starts on the first line with content after the previous
 * record ended (a quoted field may carry it over lines). */
static void S_parse(S_ld *ld, S_src *src, bool utf8, int *err)
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
    strbuf pend = STRBUF_INIT;   /* the part of a line not yet ended */
    const char *chunk;
    size_t n;
    bool failed = false, first = true, more = true;
    while (!failed && more) {
        more = S_src_next(src, &chunk, &n, err);
        if (more) {
            if (first && n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0) {
                chunk += 3;
                n -= 3;
            }
            first = false;
            if (utf8) {
                sb_appendn(&pend, chunk, n);
            } else {
                size_t m = 0;
                char *u = text_cp1252_to_utf8(chunk, n, &m);
                sb_appendn(&pend, u, m);
                free(u);
            }
        }
        /* Every complete line of what is pending; a CR at its very end
         * waits for the next chunk to say whether an LF follows. */
        size_t i = 0, start = 0;
        char *d = pend.s;
        size_t len = pend.len;
        while (!failed && i < len) {
            i += strcspn(d + i, "\r\n");  /* (pend holds no NUL: the scan refused any) */
            if (i >= len)
                break;
            char c = d[i];
            size_t content = i - start, end;
            if (c == '\n')
                end = i + 1;
            else if (i + 1 < len)
                end = d[i + 1] == '\n' ? i + 2 : i + 1;
            else if (!more)
                end = i + 1;
            else
                break;  /* a CR at the end of the chunk */
            if (!S_feed_line(ld, &p, d + start, end - start, content))
                failed = true;
            i = start = end;
        }
        if (!more && !failed && start < len) {
            /* the last line, with no line end */
            if (!S_feed_line(ld, &p, d + start, len - start, len - start))
                failed = true;
            start = len;
        }
        if (pend.s) {
            memmove(pend.s, pend.s + start, len - start);
            pend.len = len - start;
            pend.s[pend.len] = '\0';
        }
    }
    if (!failed && !*err && csv_fini(&p, S_cb_field, S_cb_record, ld) != 0)
        S_report(ld, DIAG_ERROR, ld->field_line, NULL, NULL,
                 "a quoted value starting on this line is never closed: expected a closing "
                 "double quote (\") before the end of the file");
    S_fields_clear(ld);
    sb_free(&pend);
    csv_free(&p);
}

/* Read src into the table: scan, then parse; then say so when it had no
 * header or no rows.  0, or the errno of a failed read. */
static int S_read(S_ld *ld, S_src *src, size_t limit)
{
    int err = 0;
    S_scan_info in = S_scan(ld, src, limit, &err);
    if (err || !in.ok)
        return err;
    if (!in.utf8)
        S_report(ld, DIAG_WARNING, 0, NULL, NULL,
                 "not valid UTF-8 (first on line %d): read as Windows-1252, as Excel "
                 "saves \"CSV\"; save as \"CSV UTF-8\" to avoid this",
                 in.bad_line);
    if ((err = S_src_rewind(src)) != 0)
        return err;
    S_parse(ld, src, in.utf8, &err);
    if (err)
        return err;
    if (ld->searching)
        S_header_give_up(ld); /* the file ended before a better header */
    if (!ld->have_header)
        S_report(ld, DIAG_ERROR, 0, NULL, NULL,
                 "the file is empty: expected a header row naming the columns, "
                 "then one row per record");
    /* A header with no rows is valid (a small area may have no child
     * death reviews in a year) but is as often a half-finished export,
     * so it is said, as a warning, not an error. */
    else if (ld->t->nrows == 0 && !ld->header_bad && ld->npd == 0 && !ld->hidden_e)
        S_report(ld, DIAG_WARNING, ld->header_line, NULL, NULL,
                 "no data rows after the header: read as no %s this year", ld->s->title);
    return 0;
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
    ld->interns = xcalloc(s->ncols, sizeof *ld->interns);
    ld->scratch = xcalloc(s->ncols, sizeof *ld->scratch);
    ld->entry = xcalloc(s->ncols, sizeof *ld->entry);
    ld->dup_k = xcalloc(s->ncols, sizeof *ld->dup_k);
    ld->dup_h = xcalloc(s->ncols, sizeof *ld->dup_h);
}

/* Free what reading needed; the pending messages stay for S_flush(). */
static void S_ld_free(S_ld *ld)
{
    for (size_t c = 0; c < ld->s->ncols; c++) {
        S_groups_free(&ld->groups[c]);
        S_intern_free(&ld->interns[c]);
        free(ld->uniq[c].slot);
    }
    free(ld->rowkey.slot);
    free(ld->rej);
    free(ld->rej_line);
    S_first_free(ld);
    free(ld->f);
    free(ld->foff);
    sb_free(&ld->fbuf);
    free(ld->map);
    free(ld->colpos);
    free(ld->uniq);
    free(ld->groups);
    free(ld->interns);
    free(ld->scratch);
    free(ld->entry);
    free(ld->dup_k);
    free(ld->dup_h);
}

/* Load src into t (set up by the caller).  The status of the loading; a
 * failed read is reported as such (ANNREP_ERR_IO). */
static annrep_status S_load(S_src *src, size_t limit, const char *shown_path, const schema *s,
                            int year_start, table *t, diag_list *dl)
{
    size_t errors0 = dl->nerrors;
    S_ld ld;
    S_ld_init(&ld, s, shown_path, year_start, t);
    int err = S_read(&ld, src, limit);
    S_ld_free(&ld);
    S_flush(&ld, dl);
    if (err) {
        diag_add(dl, DIAG_ERROR, shown_path, 0, NULL, NULL, "cannot read the file: %s",
                 strerror(err));
        return ANNREP_ERR_IO;
    }
    return dl->nerrors > errors0 ? ANNREP_ERR_INPUT : ANNREP_OK;
}

annrep_status csvload_buffer(const char *data, size_t len, const char *shown_path,
                             const schema *s, int year_start, table *t, diag_list *dl)
{
    memset(t, 0, sizeof *t);
    t->schema = s;
    t->present = true;
    t->path = xstrdup(shown_path);
    S_src *src = xcalloc(1, sizeof *src);
    src->fd = -1;
    src->buf = data;
    src->len = len;
    annrep_status st = S_load(src, 0, shown_path, s, year_start, t, dl);
    free(src);
    return st;
}

annrep_status csvload_file(const char *path, const char *shown_path, const schema *s,
                           int year_start, table *t, diag_list *dl)
{
    memset(t, 0, sizeof *t);
    t->schema = s;
    t->path = xstrdup(shown_path);
    /* Unreadable is never absent (contract section 1): a return that is
     * there but cannot be read stops the build, saying why.  A FIFO where
     * the file should be is refused without waiting for a writer. */
    int fd;
    char *why = NULL;
    fileio_status fr = fileio_open(path, S_FILE_MAX, &fd, &why);
    if (fr == FILEIO_ABSENT)
        return ANNREP_OK;  /* not there: not collected this year */
    t->present = true;
    if (fr != FILEIO_OK) {
        if (fr == FILEIO_TOO_BIG)
            diag_add(dl, DIAG_ERROR, shown_path, 0, NULL, NULL,
                     "file is larger than %u MB: expected a CSV return of a few thousand rows",
                     S_FILE_MAX >> 20);
        else
            diag_add(dl, DIAG_ERROR, shown_path, 0, NULL, NULL, "%s: expected a CSV file", why);
        free(why);
        return ANNREP_ERR_INPUT;
    }
    S_src *src = xcalloc(1, sizeof *src);
    src->fd = fd;
    annrep_status status = S_load(src, S_FILE_MAX, shown_path, s, year_start, t, dl);
    free(src);
    close(fd);
    return status;
}
