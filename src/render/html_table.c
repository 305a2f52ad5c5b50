/* html_table.c - a document table (doc.h: doc_table) as an HTML table: its
 * caption, a header row of column headings, the first cell of each row as
 * the row's heading, numbers right-aligned in tabular figures, the Total
 * row set apart, shorthand in <abbr>, then the foot lines (shorthand key,
 * notes) and the source line.  The table sits in a region of its own that
 * can be focused and scrolled sideways, so a wide table never makes the
 * page scroll on a phone.  Every word comes from the document. */
#include "html_internal.h"

/* Whether s has a word of more than 30 bytes (a URL, names run together):
 * its cell may break it anywhere (class "long"), where other cells keep
 * their words whole and their table scrolls sideways instead. */
static bool S_long_word(const char *s)
{
    size_t run = 0;
    for (; s && *s; s++) {
        run = *s == ' ' ? 0 : run + 1;
        if (run > 30)
            return true;
    }
    return false;
}

static void S_cell(strbuf *b, const doc_table *t, size_t r, size_t j)
{
    const doc_cell *c = &t->cells[r * t->ncols + j];
    bool head = j == 0;
    sb_append(b, head ? "<th scope=\"row\"" : "<td");
    if (t->cols[j].numeric)
        sb_append(b, S_long_word(c->text) ? " class=\"num long\"" : " class=\"num\"");
    else if (S_long_word(c->text))
        sb_append(b, " class=\"long\"");
    sb_putc(b, '>');
    switch (c->kind) {
    case DC_X:
    case DC_Z:
    case DC_U:
    case DC_C:
        html_esc_abbr(b, c->text);
        break;
    case DC_TEXT:  /* text from a return is never taken for a code */
    case DC_NUM:
    case DC_EMPTY:
        html_esc(b, c->text);
        break;
    }
    sb_append(b, head ? "</th>" : "</td>");
}

static void S_head(strbuf *b, const doc_table *t)
{
    sb_append(b, "<thead><tr>");
    for (size_t j = 0; j < t->ncols; j++) {
        sb_append(b, t->cols[j].numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
        html_esc(b, t->cols[j].heading);
        sb_append(b, "</th>");
    }
    sb_append(b, "</tr></thead>\n");
}

static void S_body(strbuf *b, const doc_table *t)
{
    sb_append(b, "<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        sb_append(b, t->total[r] ? "<tr class=\"total\">" : "<tr>");
        for (size_t j = 0; j < t->ncols; j++)
            S_cell(b, t, r, j);
        sb_append(b, "</tr>\n");
    }
    sb_append(b, "</tbody>\n");
}

void html_table(strbuf *b, const doc_table *t, const char *caption, const char *id,
                const char *source_line)
{
    sb_append(b, "<div class=\"table-region\" role=\"region\" tabindex=\"0\" id=\"");
    html_attr(b, id);
    sb_append(b, "\" aria-labelledby=\"");
    html_attr(b, id);
    sb_append(b, "_caption\">\n<table>\n<caption id=\"");
    html_attr(b, id);
    sb_append(b, "_caption\">");
    html_esc(b, caption);
    sb_append(b, "</caption>\n");
    S_head(b, t);
    S_body(b, t);
    sb_append(b, "</table>\n</div>\n");
    if (t->nfoot == 0 && !source_line)
        return;
    sb_append(b, "<div class=\"table-foot\">\n");
    for (size_t i = 0; i < t->nfoot; i++) {
        sb_append(b, "<p>");
        html_esc_abbr(b, t->foot[i]);
        sb_append(b, "</p>\n");
    }
    if (source_line) {
        sb_append(b, "<p class=\"source\">");
        html_esc(b, source_line);
        sb_append(b, "</p>\n");
    }
    sb_append(b, "</div>\n");
}
