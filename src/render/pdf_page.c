/* pdf_page.c - the laid-out pages: each a list of drawing operations, the
 * cursor that flows down them, and the gap owed before the next block.
 * Every operation is added in the structure element layout has made
 * current (c->cur_se), and its text checked against the embedded fonts.
 * Produces operations only; pdf.c paints them.  Shared by pdf_flow.c and
 * pdf_table.c, and calls neither. */
#include "pdf_internal.h"

#include "../util/alloc.h"

#include <stdlib.h>
#include <string.h>

void pdf_new_page(pdf_ctx *c)
{
    XGROW(c->pages, c->pagecap, c->npages + 1);
    pdf_page *p = &c->pages[c->npages++];
    memset(p, 0, sizeof *p);
    p->header = c->header;
    c->y = PDF_TOP;
    c->pending_gap = 0;
}

bool pdf_at_top(const pdf_ctx *c)
{
    return c->y >= PDF_TOP - 0.01f;
}

void pdf_need(pdf_ctx *c, float h)
{
    float gap = pdf_at_top(c) ? 0 : c->pending_gap;
    if (!pdf_at_top(c) && c->y - gap - h < PDF_BOTTOM)
        pdf_new_page(c);
}

void pdf_take_gap(pdf_ctx *c)
{
    if (!pdf_at_top(c))
        c->y -= c->pending_gap;
    c->pending_gap = 0;
}

bool pdf_role_is_artifact(pdf_role role)
{
    switch (role) {
    case PR_DECORATION:
    case PR_QUOTE_BAR:
    case PR_TABLE_HEADER_GROUND:
    case PR_TABLE_HEADER_RULE:
    case PR_TABLE_RULE:
    case PR_TABLE_TOTAL_RULE:
        return true;
    case PR_HEADING:
    case PR_BODY:
    case PR_LIST_MARKER:
    case PR_CAPTION:
    case PR_TABLE_HEADER:
    case PR_TABLE_CELL:
    case PR_TABLE_FOOT:
    case PR_CHART:
    case PR_CHART_FOOT:
        return false;
    }
    return false;
}

pdf_op *pdf_add_op(pdf_ctx *c, pdf_op_kind kind, pdf_role role)
{
    pdf_page *p = &c->pages[c->npages - 1];
    XGROW(p->ops, p->cap, p->n + 1);
    pdf_op *o = &p->ops[p->n++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->role = role;
    o->se = pdf_role_is_artifact(role) ? PDF_SE_NONE : c->cur_se;
    return o;
}

void pdf_add_text(pdf_ctx *c, pdf_role role, float x, float y, pdf_face f, float size,
                  pdf_rgb col, const char *text)
{
    pdf_op *o = pdf_add_op(c, PO_TEXT, role);
    o->x = x;
    o->y = y;
    o->face = f;
    o->size = size;
    o->color = col;
    o->text = xstrdup(text);
    if (o->se != PDF_SE_PAGINATION)  /* a repeat was checked the first time */
        pdf_check_glyphs(c, f, text, c->src, NULL);
}

void pdf_add_rect(pdf_ctx *c, pdf_role role, float x, float y, float w, float h, pdf_rgb col)
{
    pdf_op *o = pdf_add_op(c, PO_RECT, role);
    o->x = x;
    o->y = y;
    o->w = w;
    o->h = h;
    o->color = col;
}

void pdf_add_line(pdf_ctx *c, pdf_role role, float x1, float y1, float x2, float y2, float lw,
                  pdf_rgb col)
{
    pdf_op *o = pdf_add_op(c, PO_LINE, role);
    o->x = x1;
    o->y = y1;
    o->w = x2 - x1;
    o->h = y2 - y1;
    o->lw = lw;
    o->color = col;
}

void pdf_put_line(pdf_ctx *c, pdf_role role, const pdf_line *l, float x, float top,
                  const pdf_style *st)
{
    float base = pdf_baseline(top, st);
    for (size_t i = 0; i < l->n; i++)
        pdf_add_text(c, role, x + l->frags[i].x, base, l->frags[i].face, st->size,
                     l->frags[i].color, l->frags[i].text);
}

void pdf_pages_free(pdf_ctx *c)
{
    for (size_t i = 0; i < c->npages; i++) {
        for (size_t k = 0; k < c->pages[i].n; k++)
            free(c->pages[i].ops[k].text);
        free(c->pages[i].ops);
    }
    free(c->pages);
    free(c->marks);
    free(c->floats);
    c->floats = NULL;
    c->nfloats = c->floatcap = 0;
    c->pages = NULL;
    c->marks = NULL;
    c->npages = c->pagecap = c->nmarks = c->markcap = 0;
    pdf_tree_free(&c->tree);
    free(c->warned);
    c->warned = NULL;
    c->nwarned = c->warnedcap = 0;
}
