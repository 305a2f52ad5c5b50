/* xlsx_util.c - the small helpers every data pack sheet uses: the first
 * library error, cached number formats, note numbers, sheet and table names,
 * text widths and row heights, and the title block and named table that
 * every sheet shares.  See xlsx_internal.h.
 *
 * The bottom of the data pack writer: xlsx.c (the workbook and its special
 * sheets) and xlsx_table.c (one dataset per sheet) call this file, and it
 * calls neither.  It knows libxlsxwriter and the layout rules of the
 * Analysis Function's guidance; it does not know datasets, figures or which
 * sheets the workbook holds. */
#include "xlsx_internal.h"

#include "../util/alloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- errors, formats, notes ---------------------------------------------- */

bool xlsx_check(xlsx_writer *x, lxw_error e, const char *fmt, ...)
{
    if (e == LXW_NO_ERROR)
        return false;
    if (x->err == LXW_NO_ERROR) {
        x->err = e;
        va_list ap;
        va_start(ap, fmt);
        char buf[512];
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
        x->err_where = xstrdup(buf);
    }
    return true;
}

lxw_format *xlsx_numfmt(xlsx_writer *x, const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < x->nnumfmts; i++)
        if (strcmp(x->numfmts[i].code, code) == 0)
            return x->numfmts[i].fmt;
    XGROW(x->numfmts, x->numfmtcap, x->nnumfmts + 1);
    xlsx_numfmt_entry *n = &x->numfmts[x->nnumfmts++];
    n->code = xstrdup(code);
    n->fmt = workbook_add_format(x->wb);
    if (n->fmt)
        format_set_num_format(n->fmt, code);
    else
        xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "number format %s", code);
    return n->fmt;
}

size_t xlsx_note_ref(xlsx_writer *x, const char *text, const char *sheet)
{
    size_t i;
    for (i = 0; i < x->nnotes; i++)
        if (strcmp(x->notes[i].text, text) == 0)
            break;
    if (i == x->nnotes) {
        XGROW(x->notes, x->notecap, x->nnotes + 1);
        x->notes[i].text = xstrdup(text);
        x->notes[i].sheets = (strbuf)STRBUF_INIT;
        x->nnotes++;
    }
    /* Each sheet once, in the order they first refer to the note. */
    strbuf *s = &x->notes[i].sheets;
    const char *p = sb_cstr(s);
    size_t n = strlen(sheet);
    bool seen = false;
    while (*p && !seen) {
        const char *end = strstr(p, ", ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        seen = len == n && strncmp(p, sheet, n) == 0;
        p = end ? end + 2 : p + len;
    }
    if (!seen) {
        if (s->len)
            sb_append(s, ", ");
        sb_append(s, sheet);
    }
    return i + 1;
}

/* ---- sheet and table names ---------------------------------------------- */

bool xlsx_name_taken(xlsx_writer *x, char kind, const char *name)
{
    strbuf b = STRBUF_INIT;
    sb_putc(&b, kind);
    sb_putc(&b, ':');
    sb_append(&b, name);
    char *low = sb_take(&b);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (size_t i = 0; i < x->nnames; i++)
        if (strcmp(x->names[i], low) == 0) {
            free(low);
            return true;
        }
    XGROW(x->names, x->namecap, x->nnames + 1);
    x->names[x->nnames++] = low;
    return false;
}

/* Excel reads "LAC1", "R2C3", "R" or "C" as references, so a table cannot
 * be called that. */
static bool S_looks_like_ref(const char *s)
{
    const char *p = s;
    size_t letters = 0;
    while (isalpha((unsigned char)*p)) { p++; letters++; }
    if (letters >= 1 && letters <= 3 && isdigit((unsigned char)*p)) {
        while (isdigit((unsigned char)*p)) p++;
        if (!*p)
            return true;
    }
    p = s;
    if (*p == 'R' || *p == 'r') {
        p++;
        while (isdigit((unsigned char)*p)) p++;
        if (!*p)
            return true;
        if (*p == 'C' || *p == 'c') {
            p++;
            while (isdigit((unsigned char)*p)) p++;
            return !*p;
        }
        return false;
    }
    if ((*p == 'C' || *p == 'c')) {
        p++;
        while (isdigit((unsigned char)*p)) p++;
        return !*p;
    }
    return false;
}

char *xlsx_table_name(xlsx_writer *x, const char *s)
{
    strbuf b = STRBUF_INIT;
    for (const char *p = s ? s : ""; *p && b.len < 200; p++) {
        unsigned char ch = (unsigned char)*p;
        bool ok = isalnum(ch) || ch == '_' || ch == '.';
        if (ok)
            sb_putc(&b, (char)ch);
        else if (!b.len || b.s[b.len - 1] != '_')
            sb_putc(&b, '_');
    }
    char *base = sb_take(&b);
    if (!*base || !(isalpha((unsigned char)base[0]) || base[0] == '_') || S_looks_like_ref(base)) {
        sb_appendf(&b, "T_%s", base);
        free(base);
        base = sb_take(&b);
    }
    char *name = xstrdup(base);
    for (int k = 2; xlsx_name_taken(x, 't', name); k++) {
        free(name);
        sb_appendf(&b, "%s_%d", base, k);
        name = sb_take(&b);
    }
    free(base);
    return name;
}

/* ---- text widths and row heights ----------------------------------------- */

size_t xlsx_utf8_len(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

size_t xlsx_wrapped_lines(const char *text, double width)
{
    /* Column width is in widths of "0".  Calibri text runs about a tenth
     * narrower, but LibreOffice's substitute fonts do not, and a clipped
     * line is worse than a little space: one character per unit, less one
     * for the cell's padding (callers allow for bold). */
    size_t cap = width > 3 ? (size_t)width - 1 : 2;
    size_t lines = 1, col = 0;
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t len = 0;
        while (*p && *p != ' ' && *p != '\n') {
            if (((unsigned char)*p & 0xC0) != 0x80)
                len++;
            p++;
        }
        size_t need = col ? col + 1 + len : len;
        if (col && need > cap) {
            lines++;
            col = 0;
            need = len;
        }
        while (need > cap) {       /* a word longer than the line breaks */
            lines++;
            need -= cap;
        }
        col = need;
        if (*p == '\n') {
            lines++;
            col = 0;
            p++;
        }
    }
    return lines;
}

void xlsx_row_lines(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t r, size_t lines)
{
    if (lines <= 1)
        return;
    if (lines > 27)
        lines = 27;  /* Excel's maximum row height is 409 points */
    xlsx_check(x, worksheet_set_row(ws, r, 15.0 * (double)lines, NULL), "row heights");
}

bool xlsx_looks_numeric(const char *s)
{
    const char *p = s;
    while (*p == ' ')
        p++;
    if (*p == '+' || *p == '-')
        p++;
    else if (strncmp(p, "\xE2\x88\x92", 3) == 0)
        p += 3;
    if (strncmp(p, "\xC2\xA3", 2) == 0 || *p == '$')
        p += (*p == '$') ? 1 : 2;
    size_t digits = 0, dots = 0;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (*p == '.')
            dots++;
        else if (*p != ',')
            break;
    }
    if (*p == '%')
        p++;
    while (*p == ' ')
        p++;
    return digits > 0 && dots <= 1 && !*p;
}

/* ---- the title block and the table every sheet has ---------------------- */

lxw_row_t xlsx_write_heading(xlsx_writer *x, lxw_worksheet *ws, const char *title,
                             const char *const *lines, size_t nlines)
{
    lxw_row_t r = 0;
    /* The title's larger font needs a taller row (programs do not grow it). */
    xlsx_check(x, worksheet_set_row(ws, r, 21, NULL), "title row of %s", title);
    xlsx_check(x, worksheet_write_string(ws, r++, 0, title, x->f_title), "title %s", title);
    /* On paper: landscape, all columns on one page width. */
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    for (size_t i = 0; i < nlines; i++)
        xlsx_check(x, worksheet_write_string(ws, r++, 0, lines[i], NULL), "text under %s", title);
    return r;
}

void xlsx_add_table(xlsx_writer *x, lxw_worksheet *ws, const char *name,
                    lxw_row_t first_row, lxw_row_t last_row,
                    const char *const *headings, const bool *numeric, size_t ncols)
{
    if (ncols == 0)
        return;
    lxw_table_column *cols = xcalloc(ncols, sizeof *cols);
    lxw_table_column **colp = xcalloc(ncols + 1, sizeof *colp);
    for (size_t c = 0; c < ncols; c++) {
        /* Excel refuses (repairs) a table whose headers are empty or repeat. */
        strbuf h = STRBUF_INIT;
        const char *want = headings[c] && *headings[c] ? headings[c] : NULL;
        if (want) {
            for (const char *p = want; *p; p++)
                sb_putc(&h, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
        } else {
            sb_appendf(&h, "Column %zu", c + 1);
        }
        char *base = sb_take(&h);
        char *head = xstrdup(base);
        for (int k = 2;; k++) {
            bool dup = false;
            for (size_t d = 0; d < c && !dup; d++)
                dup = strcasecmp(cols[d].header, head) == 0;
            if (!dup)
                break;
            free(head);
            sb_appendf(&h, "%s (%d)", base, k);
            head = sb_take(&h);
        }
        free(base);
        cols[c].header = head;
        cols[c].header_format = numeric && numeric[c] ? x->f_hdr_num : x->f_hdr_text;
        colp[c] = &cols[c];
    }
    lxw_table_options opt = {0};
    opt.name = (char *)name;
    /* Light 1: thin rules and pale banding, readable in high contrast
     * modes; the guidance asks for plain tables rather than colour. */
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 1;
    opt.columns = colp;
    xlsx_check(x, worksheet_add_table(ws, first_row, 0, last_row, (lxw_col_t)(ncols - 1), &opt),
               "table %s", name);
    for (size_t c = 0; c < ncols; c++)
        free(cols[c].header);
    free(cols);
    free(colp);
}
