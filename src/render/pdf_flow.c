/* pdf_flow.c - the document tree onto A4 pages: chapter openings, section
 * headings, paragraphs, bulleted lists, quotes and charts, with the rules a
 * typesetter follows: a chapter starts a page, a heading is never left at the
 * foot of a page without what follows it, a paragraph leaves no single line
 * behind or ahead, a chart is never split.  Produces drawing operations only;
 * pdf.c paints them. */
#include "pdf_internal.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* ---- pages and operations ------------------------------------------- */

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

pdf_op *pdf_add_op(pdf_ctx *c, pdf_op_kind kind)
{
    pdf_page *p = &c->pages[c->npages - 1];
    XGROW(p->ops, p->cap, p->n + 1);
    pdf_op *o = &p->ops[p->n++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

void pdf_add_text(pdf_ctx *c, float x, float y, pdf_face f, float size, pdf_rgb col,
                  const char *text)
{
    pdf_op *o = pdf_add_op(c, PO_TEXT);
    o->x = x;
    o->y = y;
    o->face = f;
    o->size = size;
    o->color = col;
    o->text = xstrdup(text);
}

void pdf_add_rect(pdf_ctx *c, float x, float y, float w, float h, pdf_rgb col)
{
    pdf_op *o = pdf_add_op(c, PO_RECT);
    o->x = x;
    o->y = y;
    o->w = w;
    o->h = h;
    o->color = col;
}

void pdf_add_line(pdf_ctx *c, float x1, float y1, float x2, float y2, float lw, pdf_rgb col)
{
    pdf_op *o = pdf_add_op(c, PO_LINE);
    o->x = x1;
    o->y = y1;
    o->w = x2 - x1;
    o->h = y2 - y1;
    o->lw = lw;
    o->color = col;
}

void pdf_put_line(pdf_ctx *c, const pdf_line *l, float x, float top, const pdf_style *st)
{
    float base = pdf_baseline(top, st);
    for (size_t i = 0; i < l->n; i++)
        pdf_add_text(c, x + l->frags[i].x, base, l->frags[i].face, st->size, l->frags[i].color,
                     l->frags[i].text);
}

/* ---- styles --------------------------------------------------------- */

static pdf_style S_body(const pdf_ctx *c)
{
    pdf_style s = {PDF_BODY_SIZE, PDF_BODY_LEAD, PF_REGULAR, c->text, c->text};
    return s;
}

static pdf_style S_heading_style(const pdf_ctx *c, int level)
{
    pdf_style s = {PDF_BODY_SIZE, PDF_BODY_LEAD, PF_BOLD, c->accent, c->accent};
    switch (level) {
    case 1:
        s.size = 24.0f;
        s.lead = 30.0f;
        break;
    case 2:
        s.size = 15.0f;
        s.lead = 19.5f;
        break;
    case 3:
        s.size = 12.5f;
        s.lead = 16.5f;
        break;
    default:
        s.color = s.figure_color = c->text;
        break;
    }
    return s;
}

/* ---- measuring what must stay together ------------------------------ */

static float S_block_min_height(pdf_ctx *c, const doc_node *n, float width);

static float S_para_min(pdf_ctx *c, const doc_node *p, float width)
{
    pdf_style st = S_body(c);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap(c, p->runs, p->nruns, &st, width, &ls);
    size_t keep = ls.n <= 3 ? ls.n : 2;
    pdf_lines_free(&ls);
    return (float)keep * st.lead;
}

static float S_chart_height(pdf_ctx *c, const doc_node *n, float *body_h, float *cap_h,
                            pdf_lines *cap, pdf_lines *desc);

static float S_heading_height(pdf_ctx *c, const doc_node *h, float width);

static float S_block_min_height(pdf_ctx *c, const doc_node *n, float width)
{
    switch (n->type) {
    case DOC_PARAGRAPH:
        return S_para_min(c, n, width);
    case DOC_LIST:
    case DOC_ITEM:
    case DOC_QUOTE:
        return n->nkids ? S_block_min_height(c, n->kids[0], width - 18.0f) : 0;
    case DOC_TABLE:
        return pdf_table_min_height(c, n);
    case DOC_CHART:
        return S_chart_height(c, n, NULL, NULL, NULL, NULL);
    case DOC_SECTION:
        return S_heading_height(c, n, width) +
               (n->nkids ? S_block_min_height(c, n->kids[0], width) : 0);
    default:
        return 0;
    }
}

/* ---- headings ------------------------------------------------------- */

static char *S_heading_text(const doc_node *h)
{
    strbuf s = STRBUF_INIT;
    if (h->number)
        sb_appendf(&s, "%s\xC2\xA0\xC2\xA0", h->number);  /* two no-break spaces */
    sb_append(&s, h->title ? h->title : "");
    return sb_take(&s);
}

static float S_heading_gap_before(int level)
{
    return level == 2 ? 18.0f : level == 3 ? 13.0f : 10.0f;
}

static float S_heading_height(pdf_ctx *c, const doc_node *h, float width)
{
    pdf_style st = S_heading_style(c, h->level);
    char *t = S_heading_text(h);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, t, PF_BOLD, &st, width, &ls);
    float hgt = (float)ls.n * st.lead + 4.0f;
    pdf_lines_free(&ls);
    free(t);
    return hgt;
}

static void S_mark(pdf_ctx *c, const doc_node *h, float top)
{
    XGROW(c->marks, c->markcap, c->nmarks + 1);
    pdf_mark *m = &c->marks[c->nmarks++];
    m->level = h->level;
    m->number = h->number;
    m->title = h->title;
    m->page = c->npages - 1;
    m->y = top;
}

static void S_section_heading(pdf_ctx *c, const doc_node *h)
{
    float gap = S_heading_gap_before(h->level);
    if (c->pending_gap < gap)
        c->pending_gap = gap;
    /* Keep the heading with the start of what follows it. */
    float next = h->nkids ? S_block_min_height(c, h->kids[0], PDF_TEXT_W) : 0;
    pdf_need(c, S_heading_height(c, h, PDF_TEXT_W) + next);
    pdf_take_gap(c);
    pdf_style st = S_heading_style(c, h->level);
    char *t = S_heading_text(h);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, t, PF_BOLD, &st, PDF_TEXT_W, &ls);
    if (h->level <= 3)
        S_mark(c, h, c->y);
    for (size_t i = 0; i < ls.n; i++) {
        pdf_put_line(c, &ls.items[i], PDF_MARGIN_L, c->y, &st);
        c->y -= st.lead;
    }
    c->y -= 4.0f;
    pdf_lines_free(&ls);
    free(t);
    c->pending_gap = 0;
}

static void S_chapter_opening(pdf_ctx *c, const doc_node *ch)
{
    c->header = ch->title;
    pdf_new_page(c);
    /* The opening page carries the big title instead of a running header. */
    c->pages[c->npages - 1].header = NULL;
    S_mark(c, ch, c->y + 30.0f);
    float y = c->y;
    if (ch->number) {
        strbuf lab = STRBUF_INIT;
        sb_appendf(&lab, "CHAPTER %s", ch->number);
        pdf_add_text(c, PDF_MARGIN_L, y - 11.0f, PF_BOLD, 11.0f, c->muted, sb_cstr(&lab));
        sb_free(&lab);
        y -= 24.0f;
    }
    pdf_style st = S_heading_style(c, 1);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, ch->title, PF_BOLD, &st, PDF_TEXT_W, &ls);
    for (size_t i = 0; i < ls.n; i++) {
        pdf_put_line(c, &ls.items[i], PDF_MARGIN_L, y, &st);
        y -= st.lead;
    }
    pdf_lines_free(&ls);
    y -= 8.0f;
    pdf_add_rect(c, PDF_MARGIN_L, y - 3.0f, 48.0f, 3.0f, c->accent);
    c->y = y - 24.0f;
    c->pending_gap = 0;
}

/* ---- paragraphs, lists, quotes -------------------------------------- */

/* Set lines at x, splitting across pages with no single line stranded. */
static void S_place_lines(pdf_ctx *c, const pdf_lines *ls, float x, const pdf_style *st,
                          bool quote_bar)
{
    size_t i = 0, n = ls->n;
    if (n == 0)
        return;
    pdf_take_gap(c);
    while (i < n) {
        size_t fit = (size_t)((c->y - PDF_BOTTOM + 0.01f) / st->lead);
        size_t left = n - i;
        if (fit >= left) {
            fit = left;
        } else {
            /* Orphan and widow control: at least two lines on each side. */
            if (left - fit < 2)
                fit = left >= 2 ? left - 2 : 0;
            if (fit < 2 && !pdf_at_top(c))
                fit = 0;
        }
        if (fit == 0) {
            if (pdf_at_top(c))
                fit = 1;  /* a page can always take one line */
            else {
                pdf_new_page(c);
                continue;
            }
        }
        for (size_t k = 0; k < fit; k++, i++) {
            if (quote_bar)
                pdf_add_rect(c, x - 14.0f, c->y - st->lead, 2.5f, st->lead, c->light);
            pdf_put_line(c, &ls->items[i], x, c->y, st);
            c->y -= st->lead;
        }
        if (i < n)
            pdf_new_page(c);
    }
}

static void S_blocks(pdf_ctx *c, const doc_node *parent, float x, float width, bool italic);

static void S_paragraph(pdf_ctx *c, const doc_node *p, float x, float width, bool italic)
{
    pdf_style st = S_body(c);
    if (italic)
        st.face = PF_ITALIC;
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap(c, p->runs, p->nruns, &st, width, &ls);
    S_place_lines(c, &ls, x, &st, italic);
    pdf_lines_free(&ls);
    c->pending_gap = PDF_PARA_GAP;
}

static void S_list(pdf_ctx *c, const doc_node *list, float x, float width)
{
    const float indent = 18.0f;
    pdf_style st = S_body(c);
    int num = list->start;
    for (size_t i = 0; i < list->nkids; i++) {
        const doc_node *item = list->kids[i];
        if (i > 0 && c->pending_gap > 3.5f)
            c->pending_gap = 3.5f;  /* items sit closer than paragraphs */
        /* The marker goes with the first line of the item's first block. */
        float first = item->nkids ? S_block_min_height(c, item->kids[0], width - indent) : 0;
        pdf_need(c, first > 0 ? first : st.lead);
        pdf_take_gap(c);
        float top = c->y;
        size_t page = c->npages;
        char marker[32];
        if (list->ordered)
            snprintf(marker, sizeof marker, "%d.", num++);
        else
            snprintf(marker, sizeof marker, "\xE2\x80\xA2");  /* bullet */
        for (size_t k = 0; k < item->nkids; k++) {
            if (k > 0 && c->pending_gap > 4.0f)
                c->pending_gap = 4.0f;
            const doc_node *b = item->kids[k];
            if (b->type == DOC_LIST)
                S_list(c, b, x + indent, width - indent);
            else
                S_blocks(c, b, x + indent, width - indent, false);
        }
        /* Paint the marker on the page where the item started. */
        if (page <= c->npages) {
            pdf_page *pg = &c->pages[page - 1];
            XGROW(pg->ops, pg->cap, pg->n + 1);
            pdf_op *o = &pg->ops[pg->n++];
            memset(o, 0, sizeof *o);
            o->kind = PO_TEXT;
            o->face = list->ordered ? PF_REGULAR : PF_BOLD;
            o->size = st.size;
            o->color = list->ordered ? c->text : c->accent;
            o->text = xstrdup(marker);
            o->x = list->ordered ? x + indent - 5.0f - pdf_text_width(c, o->face, st.size, marker)
                                 : x + 3.0f;
            o->y = pdf_baseline(top, &st);
        }
    }
    c->pending_gap = PDF_PARA_GAP;
}

/* ---- charts --------------------------------------------------------- */

static pdf_style S_caption_style(const pdf_ctx *c)
{
    pdf_style s = {11.0f, 14.5f, PF_BOLD, c->text, c->text};
    return s;
}

static pdf_style S_source_style(const pdf_ctx *c)
{
    pdf_style s = {PDF_SMALL_SIZE, 12.0f, PF_REGULAR, c->muted, c->muted};
    return s;
}

/* The chart's text alternative, printed under it: libharu cannot write a
 * tagged PDF's /Alt entry, so the description travels as visible text, which
 * screen readers and pdftotext read and which helps every reader too. */
static char *S_chart_description(const doc_node *n)
{
    strbuf d = STRBUF_INIT;
    sb_appendf(&d, "Chart description: %s", chart_alt_text(n->chart));
    return sb_take(&d);
}

static float S_chart_height(pdf_ctx *c, const doc_node *n, float *body_h, float *cap_h,
                            pdf_lines *cap, pdf_lines *desc)
{
    pdf_style cs = S_caption_style(c);
    strbuf t = STRBUF_INIT;
    sb_appendf(&t, "Figure %d: %s", n->seq, n->caption ? n->caption : "");
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, sb_cstr(&t), PF_BOLD, &cs, PDF_TEXT_W, &ls);
    sb_free(&t);
    pdf_style ss = S_source_style(c);
    char *dtext = S_chart_description(n);
    pdf_lines ds = {NULL, 0, 0};
    pdf_wrap_plain(c, dtext, PF_REGULAR, &ss, PDF_TEXT_W, &ds);
    free(dtext);
    float dh = (float)ds.n * ss.lead;
    float ch = (float)ls.n * cs.lead + 6.0f;
    float bh = chart_body_height_for_width(n->chart, PDF_TEXT_W);
    float max_body = PDF_TOP - PDF_BOTTOM - ch - dh - 30.0f;
    if (bh > max_body)
        bh = max_body;
    if (body_h)
        *body_h = bh;
    if (cap_h)
        *cap_h = ch;
    if (cap)
        *cap = ls;
    else
        pdf_lines_free(&ls);
    if (desc)
        *desc = ds;
    else
        pdf_lines_free(&ds);
    return ch + bh + 6.0f + 12.0f + dh;
}

static void S_chart(pdf_ctx *c, const doc_node *n)
{
    if (c->pending_gap < 12.0f)
        c->pending_gap = 12.0f;
    float body_h, cap_h;
    pdf_lines cap = {NULL, 0, 0}, desc = {NULL, 0, 0};
    float total = S_chart_height(c, n, &body_h, &cap_h, &cap, &desc);
    pdf_need(c, total);
    pdf_take_gap(c);
    pdf_style cs = S_caption_style(c);
    float y = c->y;
    for (size_t i = 0; i < cap.n; i++) {
        pdf_put_line(c, &cap.items[i], PDF_MARGIN_L, y, &cs);
        y -= cs.lead;
    }
    pdf_lines_free(&cap);
    y -= 6.0f;
    pdf_op *o = pdf_add_op(c, PO_CHART);
    o->chart = n->chart;
    o->x = PDF_MARGIN_L;
    o->y = y;
    o->w = PDF_TEXT_W;
    o->h = body_h;
    y -= body_h + 6.0f;
    pdf_style ss = S_source_style(c);
    strbuf src = STRBUF_INIT;
    sb_appendf(&src, "Source: %s", n->source ? n->source : "");
    pdf_add_text(c, PDF_MARGIN_L, pdf_baseline(y, &ss), PF_REGULAR, ss.size, ss.color,
                 sb_cstr(&src));
    sb_free(&src);
    y -= ss.lead;
    for (size_t i = 0; i < desc.n; i++) {
        pdf_put_line(c, &desc.items[i], PDF_MARGIN_L, y, &ss);
        y -= ss.lead;
    }
    pdf_lines_free(&desc);
    c->y = y;
    c->pending_gap = 14.0f;
}

/* ---- the tree ------------------------------------------------------- */

static void S_blocks(pdf_ctx *c, const doc_node *b, float x, float width, bool italic)
{
    switch (b->type) {
    case DOC_PARAGRAPH:
        S_paragraph(c, b, x, width, italic);
        break;
    case DOC_LIST:
        S_list(c, b, x, width);
        break;
    case DOC_QUOTE:
        for (size_t i = 0; i < b->nkids; i++)
            S_blocks(c, b->kids[i], x + 14.0f, width - 14.0f, true);
        break;
    case DOC_TABLE:
        pdf_flow_table(c, b);
        break;
    case DOC_CHART:
        S_chart(c, b);
        break;
    case DOC_SECTION:
        S_section_heading(c, b);
        for (size_t i = 0; i < b->nkids; i++)
            S_blocks(c, b->kids[i], x, width, false);
        break;
    default:
        break;
    }
}

void pdf_flow_document(pdf_ctx *c, doc_node *root)
{
    for (size_t i = 0; i < root->nkids; i++) {
        const doc_node *ch = root->kids[i];
        if (ch->type != DOC_CHAPTER)
            continue;
        S_chapter_opening(c, ch);
        for (size_t k = 0; k < ch->nkids; k++)
            S_blocks(c, ch->kids[k], PDF_MARGIN_L, PDF_TEXT_W, false);
    }
}
