/* pdf_table.c - a document table (doc.h: doc_table) typeset: its caption,
 * bold header row on a light ground, numbers right-aligned, light rules
 * between rows, a bold Total row with a rule above it, the header row
 * repeated under a "(continued)" caption on every page the table runs
 * onto, then the foot lines (shorthand key, notes) and the source line.
 * Tagged as a Table (its Caption, a THead row of TH with /Scope /Column, a
 * TBody of TR whose first cell is a TH with /Scope /Row when the first
 * column holds labels, else TD), then a Note per foot line and a P for the
 * source; the header and caption repeated on a continued page are
 * artifacts.  Every word comes from the document; this file knows column
 * widths and page geometry, nothing about where the data came from. */
#include "pdf_internal.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PAD_X 5.0f
#define PAD_Y 3.5f
#define TLEAD 13.0f

typedef struct {
    pdf_lines *cells;   /* nrows x ncols wrapped cells (row 0: header) */
    float *widths;
    float *heights;     /* per row, header first */
    bool *total;        /* per row */
    size_t nrows, ncols;
    bool *numeric;
} S_table;

static pdf_style S_cell_style(const pdf_ctx *c, pdf_face f)
{
    pdf_style s = {PDF_TABLE_SIZE, TLEAD, f, c->text, c->text};
    return s;
}

/* Longest word of s in face f, as far as it decides a column's width: a
 * word longer than a quarter of the text width (a URL, a long name) is
 * broken over lines in its cell (pdf_wrap) rather than widen its column
 * past its neighbours'. */
#define S_WORD_CAP (PDF_TEXT_W / 4.0f)

static float S_longest_word(const pdf_ctx *c, pdf_face f, const char *s)
{
    float best = 0;
    char *copy = xstrdup(s);
    for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
        float w = pdf_text_width(c, f, PDF_TABLE_SIZE, tok);
        if (w > best)
            best = w;
    }
    free(copy);
    return best < S_WORD_CAP ? best : S_WORD_CAP;
}

/* What each column needs: minw the least it may have, natw its text on one
 * line, hardw its longest word (the last resort). */
typedef struct {
    float *minw, *natw, *hardw;
} S_needs;

static void S_measure(const pdf_ctx *c, const doc_table *t, const S_table *tb, S_needs *nd)
{
    size_t nc = t->ncols;
    nd->minw = xcalloc(nc ? nc : 1, sizeof *nd->minw);
    nd->natw = xcalloc(nc ? nc : 1, sizeof *nd->natw);
    nd->hardw = xcalloc(nc ? nc : 1, sizeof *nd->hardw);
    for (size_t j = 0; j < nc; j++) {
        const char *heading = t->cols[j].heading;
        float hn = pdf_text_width(c, PF_BOLD, PDF_TABLE_SIZE, heading);
        float hw = S_longest_word(c, PF_BOLD, heading);
        float cn = 0, cw = 0;
        for (size_t r = 0; r < t->nrows; r++) {
            const char *s = t->cells[r * nc + j].text;
            pdf_face f = t->total[r] ? PF_BOLD : PF_REGULAR;
            float w = pdf_text_width(c, f, PDF_TABLE_SIZE, s);
            float lw = tb->numeric[j] ? (w < S_WORD_CAP ? w : S_WORD_CAP)
                                      : S_longest_word(c, f, s);
            if (w > cn)
                cn = w;
            if (lw > cw)
                cw = lw;
        }
        nd->hardw[j] = nd->minw[j] = (hw > cw ? hw : cw) + 2 * PAD_X;
        nd->natw[j] = (hn > cn ? hn : cn) + 2 * PAD_X;
        /* A number column's heading may wrap, but into three lines at most
         * (roughly): a taller header row wastes the page. */
        float third = hn / 3.0f + 8.0f + 2 * PAD_X;
        if (tb->numeric[j] && nd->minw[j] < third)
            nd->minw[j] = third < nd->natw[j] ? third : nd->natw[j];
    }
}

/* Full measure: spare width goes to the text columns (labels). */
static void S_spread(S_table *tb, const S_needs *nd, size_t nc, float avail, float snat)
{
    size_t ntext = 0;
    for (size_t j = 0; j < nc; j++)
        ntext += !tb->numeric[j];
    float extra = avail - snat;
    for (size_t j = 0; j < nc; j++) {
        tb->widths[j] = nd->natw[j];
        if (ntext)
            tb->widths[j] += tb->numeric[j] ? 0 : extra / (float)ntext;
        else
            tb->widths[j] += extra / (float)nc;
    }
}

/* Every column gets its minimum; then text columns (labels), which read
 * badly when wrapped, get their full width, smallest need first; then
 * number columns, whose headings may wrap.  Whatever is left when a column
 * cannot be satisfied is shared among the unsatisfied columns of that kind. */
static void S_share(S_table *tb, const S_needs *nd, size_t nc, float left)
{
    const float *minw = nd->minw, *natw = nd->natw;
    size_t *order = xmalloc((nc ? nc : 1) * sizeof *order);
    size_t no = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t from = no;
        for (size_t j = 0; j < nc; j++)
            if (tb->numeric[j] == (pass == 1))
                order[no++] = j;
        for (size_t a = from + 1; a < no; a++)  /* stable sort by need */
            for (size_t q = a; q > from; q--) {
                size_t x = order[q - 1], y = order[q];
                if (natw[x] - minw[x] <= natw[y] - minw[y])
                    break;
                order[q - 1] = y;
                order[q] = x;
            }
    }
    for (size_t j = 0; j < nc; j++)
        tb->widths[j] = minw[j];
    size_t k = 0;
    for (; k < nc; k++) {
        size_t j = order[k];
        float need = natw[j] - minw[j];
        if (need > left)
            break;
        tb->widths[j] += need;
        left -= need;
    }
    if (k < nc) {
        bool kind = tb->numeric[order[k]];
        float rest = 0;
        for (size_t q = k; q < nc; q++)
            if (tb->numeric[order[q]] == kind)
                rest += natw[order[q]] - minw[order[q]];
        for (size_t q = k; q < nc && rest > 0; q++) {
            size_t j = order[q];
            if (tb->numeric[j] == kind)
                tb->widths[j] += left * (natw[j] - minw[j]) / rest;
        }
    }
    free(order);
}

static void S_widths(const pdf_ctx *c, const doc_table *t, S_table *tb)
{
    size_t nc = t->ncols;
    S_needs nd;
    S_measure(c, t, tb, &nd);
    float smin = 0, snat = 0;
    for (size_t j = 0; j < nc; j++) {
        smin += nd.minw[j];
        snat += nd.natw[j];
    }
    float avail = PDF_TEXT_W;
    if (smin > avail) {
        /* The three-line preference does not fit: fall back to the longest
         * word of each column, so that no heading runs into its neighbour. */
        smin = 0;
        for (size_t j = 0; j < nc; j++) {
            nd.minw[j] = nd.hardw[j];
            smin += nd.minw[j];
        }
    }
    if (snat <= avail)
        S_spread(tb, &nd, nc, avail, snat);
    else if (smin <= avail)
        S_share(tb, &nd, nc, avail - smin);
    else
        for (size_t j = 0; j < nc; j++)
            tb->widths[j] = nd.minw[j] * avail / smin;
    free(nd.minw);
    free(nd.natw);
    free(nd.hardw);
}

static void S_build(const pdf_ctx *c, const doc_table *t, S_table *tb)
{
    tb->ncols = t->ncols;
    tb->nrows = t->nrows + 1;
    tb->numeric = xcalloc(tb->ncols ? tb->ncols : 1, sizeof *tb->numeric);
    for (size_t j = 0; j < tb->ncols; j++)
        tb->numeric[j] = t->cols[j].numeric;
    tb->widths = xcalloc(tb->ncols ? tb->ncols : 1, sizeof *tb->widths);
    S_widths(c, t, tb);
    tb->cells = xcalloc(tb->nrows * tb->ncols > 0 ? tb->nrows * tb->ncols : 1,
                        sizeof *tb->cells);
    tb->heights = xcalloc(tb->nrows, sizeof *tb->heights);
    tb->total = xcalloc(tb->nrows, sizeof *tb->total);
    for (size_t r = 0; r < tb->nrows; r++) {
        tb->total[r] = r > 0 && t->total[r - 1];
        size_t maxl = 1;
        for (size_t j = 0; j < tb->ncols; j++) {
            pdf_face f = (r == 0 || tb->total[r]) ? PF_BOLD : PF_REGULAR;
            pdf_style st = S_cell_style(c, f);
            const char *s = r == 0 ? t->cols[j].heading : t->cells[(r - 1) * t->ncols + j].text;
            pdf_lines *cl = &tb->cells[r * tb->ncols + j];
            /* A word may run into the cell's padding, never past it. */
            pdf_wrap_plain_within(c, s, f, &st, tb->widths[j] - 2 * PAD_X, tb->widths[j] - 1.0f,
                                  cl);
            if (cl->n > maxl)
                maxl = cl->n;
        }
        tb->heights[r] = (float)maxl * TLEAD + 2 * PAD_Y;
    }
}

static void S_free(S_table *tb)
{
    for (size_t i = 0; i < tb->nrows * tb->ncols; i++)
        pdf_lines_free(&tb->cells[i]);
    free(tb->cells);
    free(tb->widths);
    free(tb->heights);
    free(tb->total);
    free(tb->numeric);
}

static const char *S_caption(const doc_node *t, bool continued)
{
    return continued ? t->heading_continued : t->heading;
}

/* The lines under the table: the document's foot lines, then the source.
 * upto[i] is the number of lines of foot lines 0..i (the source last). */
static void S_foot_lines(const pdf_ctx *c, const doc_node *t, pdf_lines *out, size_t *upto)
{
    pdf_style st = pdf_foot_style(c);
    for (size_t i = 0; i < t->table->nfoot; i++) {
        pdf_wrap_plain(c, t->table->foot[i], PF_REGULAR, &st, PDF_TEXT_W, out);
        upto[i] = out->n;
    }
    pdf_wrap_plain(c, t->source_line, PF_REGULAR, &st, PDF_TEXT_W, out);
    upto[t->table->nfoot] = out->n;
}

static float S_caption_height(pdf_ctx *c, const doc_node *t, bool continued)
{
    pdf_style cs = pdf_caption_style(c);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, S_caption(t, continued), PF_BOLD, &cs, PDF_TEXT_W, &ls);
    float h = (float)ls.n * cs.lead + 5.0f;
    pdf_lines_free(&ls);
    return h;
}

float pdf_table_min_height(pdf_ctx *c, const doc_node *t)
{
    S_table tb;
    memset(&tb, 0, sizeof tb);
    S_build(c, t->table, &tb);
    float h = S_caption_height(c, t, false) + tb.heights[0];
    for (size_t r = 1; r < tb.nrows && r <= 2; r++)
        h += tb.heights[r];
    S_free(&tb);
    return h;
}

/* The whole table's height: caption, rows and the lines under it. */
static float S_all_height(pdf_ctx *c, const doc_node *t, const S_table *tb, float foot_h)
{
    float all = S_caption_height(c, t, false) + foot_h;
    for (size_t r = 0; r < tb->nrows; r++)
        all += tb->heights[r];
    return all;
}

static float S_foot_height(const pdf_lines *foot)
{
    return 5.0f + (float)foot->n * 12.0f;
}

float pdf_table_start_height(pdf_ctx *c, const doc_node *t)
{
    S_table tb;
    memset(&tb, 0, sizeof tb);
    S_build(c, t->table, &tb);
    pdf_lines foot = {NULL, 0, 0};
    size_t *upto = xcalloc(t->table->nfoot + 1, sizeof *upto);
    S_foot_lines(c, t, &foot, upto);
    float all = S_all_height(c, t, &tb, S_foot_height(&foot));
    free(upto);
    pdf_lines_free(&foot);
    S_free(&tb);
    return all <= PDF_TOP - PDF_BOTTOM && !c->split_table ? all : pdf_table_min_height(c, t);
}

/* The caption, in element se (PDF_SE_PAGINATION when continued). */
static void S_caption_at(pdf_ctx *c, const doc_node *t, bool continued, int se)
{
    c->cur_se = se;
    pdf_style cs = pdf_caption_style(c);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, S_caption(t, continued), PF_BOLD, &cs, PDF_TEXT_W, &ls);
    for (size_t i = 0; i < ls.n; i++) {
        pdf_put_line(c, PR_CAPTION, &ls.items[i], PDF_MARGIN_L, c->y, &cs);
        c->y -= cs.lead;
    }
    c->y -= 5.0f;
    pdf_lines_free(&ls);
}

/* The element of cell j of a row in tr (PDF_SE_PAGINATION: a repeated
 * header, every cell a repeat too). */
static int S_cell_se(pdf_ctx *c, const S_table *tb, size_t r, size_t j, int tr)
{
    if (tr == PDF_SE_PAGINATION)
        return PDF_SE_PAGINATION;
    bool header = r == 0 || (j == 0 && !tb->numeric[0]);
    int se = pdf_tree_add(&c->tree, header ? PT_TH : PT_TD, tr);
    if (header)
        pdf_tree_at(&c->tree, se)->scope = r == 0 ? PDF_SCOPE_COLUMN : PDF_SCOPE_ROW;
    return se;
}

/* Lines from..to of row r's cells (all of them unless the row is taller
 * than a page and split), in the elements of row tr: cell_se[j] is cell j's
 * element, made on the row's first part (PDF_SE_NONE until then). */
static void S_row_part(pdf_ctx *c, const S_table *tb, size_t r, int tr, size_t from, size_t to,
                       int *cell_se)
{
    float h = from == 0 && to == SIZE_MAX ? tb->heights[r]
                                          : (float)(to - from) * TLEAD + 2 * PAD_Y;
    float top = c->y;
    if (r == 0) {
        pdf_add_rect(c, PR_TABLE_HEADER_GROUND, PDF_MARGIN_L, top - h, PDF_TEXT_W, h, c->light);
        pdf_add_line(c, PR_TABLE_HEADER_RULE, PDF_MARGIN_L, top - h, PDF_MARGIN_L + PDF_TEXT_W,
                     top - h, 1.0f, c->text);
    } else if (tb->total[r] && from == 0) {
        pdf_add_line(c, PR_TABLE_TOTAL_RULE, PDF_MARGIN_L, top, PDF_MARGIN_L + PDF_TEXT_W, top,
                     0.8f, c->text);
    }
    float x = PDF_MARGIN_L;
    for (size_t j = 0; j < tb->ncols; j++) {
        const pdf_lines *cl = &tb->cells[r * tb->ncols + j];
        pdf_style st = S_cell_style(c, (r == 0 || tb->total[r]) ? PF_BOLD : PF_REGULAR);
        /* Header cells sit on the rule beneath them, as their columns'
         * numbers do. */
        float ly = top - PAD_Y;
        if (r == 0)
            ly -= (h - 2 * PAD_Y) - (float)cl->n * TLEAD;
        if (cell_se[j] == PDF_SE_NONE)
            cell_se[j] = S_cell_se(c, tb, r, j, tr);
        c->cur_se = cell_se[j];
        for (size_t k = from; k < cl->n && k < to; k++) {
            const pdf_line *l = &cl->items[k];
            float lx = tb->numeric[j] ? x + tb->widths[j] - PAD_X - l->w : x + PAD_X;
            pdf_put_line(c, r == 0 ? PR_TABLE_HEADER : PR_TABLE_CELL, l, lx, ly, &st);
            ly -= TLEAD;
        }
        x += tb->widths[j];
    }
    c->y -= h;
    if (r > 0 && !tb->total[r] && (r + 1 >= tb->nrows || !tb->total[r + 1]))
        pdf_add_line(c, PR_TABLE_RULE, PDF_MARGIN_L, c->y, PDF_MARGIN_L + PDF_TEXT_W, c->y, 0.4f,
                     c->rule);
}

/* Row r, its cells in the elements of row tr. */
static void S_row(pdf_ctx *c, const S_table *tb, size_t r, int tr)
{
    int *cell_se = xmalloc((tb->ncols ? tb->ncols : 1) * sizeof *cell_se);
    for (size_t j = 0; j < tb->ncols; j++)
        cell_se[j] = PDF_SE_NONE;
    S_row_part(c, tb, r, tr, 0, SIZE_MAX, cell_se);
    free(cell_se);
}

/* A continued page: the "(continued)" caption and the header row, both
 * pagination artifacts. */
static void S_continue(pdf_ctx *c, const doc_node *t, const S_table *tb)
{
    pdf_new_page(c);
    S_caption_at(c, t, true, PDF_SE_PAGINATION);
    S_row(c, tb, 0, PDF_SE_PAGINATION);
}

/* Row r, taller than the room a page has under the header: its lines
 * split over as many pages as they need, each part under the repeated
 * header, the cells' elements the same on every part (nothing is lost). */
static void S_row_split(pdf_ctx *c, const doc_node *t, const S_table *tb, size_t r, int tr)
{
    size_t maxl = 1;
    for (size_t j = 0; j < tb->ncols; j++)
        if (tb->cells[r * tb->ncols + j].n > maxl)
            maxl = tb->cells[r * tb->ncols + j].n;
    int *cell_se = xmalloc((tb->ncols ? tb->ncols : 1) * sizeof *cell_se);
    for (size_t j = 0; j < tb->ncols; j++)
        cell_se[j] = PDF_SE_NONE;
    size_t from = 0;
    bool fresh = true;  /* nothing of the table set on this page below the header yet */
    while (from < maxl) {
        float room = c->y - PDF_BOTTOM - 2 * PAD_Y;
        size_t fit = room > 0 ? (size_t)((room + 0.01f) / TLEAD) : 0;
        if (fit == 0 && !fresh) {
            S_continue(c, t, tb);
            fresh = true;
            continue;
        }
        if (fit == 0)
            fit = 1;  /* a page always takes one line, whatever its header */
        size_t to = from + fit < maxl ? from + fit : maxl;
        S_row_part(c, tb, r, tr, from, to, cell_se);
        from = to;
        fresh = false;
        if (from < maxl) {
            S_continue(c, t, tb);
            fresh = true;
        }
    }
    free(cell_se);
}

void pdf_flow_table(pdf_ctx *c, const doc_node *t, int parent)
{
    S_table tb;
    memset(&tb, 0, sizeof tb);
    S_build(c, t->table, &tb);
    pdf_lines foot = {NULL, 0, 0};
    size_t *upto = xcalloc(t->table->nfoot + 1, sizeof *upto);
    S_foot_lines(c, t, &foot, upto);
    float foot_h = S_foot_height(&foot);
    float all = S_all_height(c, t, &tb, foot_h);
    if (c->pending_gap < 12.0f)
        c->pending_gap = 12.0f;
    /* A table that fits on one page is not split; a longer one starts where
     * its caption, header and two rows fit. */
    float page_room = PDF_TOP - PDF_BOTTOM;
    if (all <= page_room && !c->split_table)
        pdf_need(c, all);
    else
        pdf_need(c, pdf_table_min_height(c, t));
    pdf_take_gap(c);
    int tbl = pdf_tree_add(&c->tree, PT_TABLE, parent);
    S_caption_at(c, t, false, pdf_tree_add(&c->tree, PT_CAPTION, tbl));
    int head = pdf_tree_add(&c->tree, PT_THEAD, tbl);
    S_row(c, &tb, 0, pdf_tree_add(&c->tree, PT_TR, head));
    int body = pdf_tree_add(&c->tree, PT_TBODY, tbl);
    for (size_t r = 1; r < tb.nrows; r++) {
        float need = tb.heights[r];
        /* The last row keeps the foot lines with it; the row before the
         * last keeps the last row (no single row alone on a new page). */
        if (r + 1 == tb.nrows)
            need += foot_h;
        else if (r + 2 == tb.nrows)
            need += tb.heights[r + 1] + foot_h;
        if (c->y - need < PDF_BOTTOM && r > 1)
            S_continue(c, t, &tb);
        int tr = pdf_tree_add(&c->tree, PT_TR, body);
        if (c->y - tb.heights[r] < PDF_BOTTOM)
            S_row_split(c, t, &tb, r, tr);  /* taller than the room left, even here */
        else
            S_row(c, &tb, r, tr);
    }
    c->y -= 5.0f;
    pdf_style fs = pdf_foot_style(c);
    /* Each foot line is a Note; the source line a paragraph. */
    size_t nfoot = t->table->nfoot, item = 0, open = (size_t)-1;
    for (size_t i = 0; i < foot.n; i++) {
        while (item < nfoot && i >= upto[item])
            item++;  /* line i belongs to the first item whose lines end after it */
        if (item != open) {
            open = item;
            c->cur_se = pdf_tree_add(&c->tree, item < nfoot ? PT_NOTE : PT_P, parent);
        }
        if (c->y - fs.lead < PDF_BOTTOM)
            pdf_new_page(c);  /* after a row split over pages: never over the footer */
        pdf_put_line(c, PR_TABLE_FOOT, &foot.items[i], PDF_MARGIN_L, c->y, &fs);
        c->y -= fs.lead;
    }
    free(upto);
    pdf_lines_free(&foot);
    S_free(&tb);
    c->pending_gap = 14.0f;
}
