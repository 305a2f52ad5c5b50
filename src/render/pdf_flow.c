/* pdf_flow.c - the document tree onto A4 pages: chapter openings, section
 * headings, paragraphs, bulleted lists, quotes and charts, with the rules a
 * typesetter follows: a chapter starts a page, a heading is never left at the
 * foot of a page without what follows it, a paragraph leaves no single line
 * behind or ahead, a chart is never split, and a table or chart that does
 * not fit on the rest of its page floats: the paragraphs after it fill the
 * page and it goes at the top of the next one (never past the end of its
 * chapter), so no page is left mostly empty.
 *
 * One walk over the tree with the document iterator and one switch over
 * node types with no default, so a new node type is a compiler warning
 * here until it is laid out.  Containers (chapters, sections, lists, items,
 * quotes) push the indent and style their children inherit on entry and pop
 * it on exit, and the structure element (pdf_tag.h) their children's
 * elements go under, so the structure tree mirrors the document tree.  A
 * float's elements are put where it stands in the document, not where it
 * was laid out: the tree keeps the document's reading order, while marked
 * content follows the order of painting on each page (pdf_tag.h).
 * Produces drawing operations only; pdf.c paints them. */
#include "pdf_internal.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_INDENT 18.0f   /* a list item's text from its marker's margin */
#define QUOTE_INDENT 14.0f  /* a quote's text from the margin; its bar sits in it */
#define ITEM_GAP 3.5f       /* between list items (paragraphs get PDF_PARA_GAP) */
#define ITEM_BLOCK_GAP 4.0f /* between blocks of one list item */

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

static float S_para_min(pdf_ctx *c, const doc_node *p, float width)
{
    pdf_style st = S_body(c);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap(c, p->runs, p->nruns, &st, width, &ls);
    size_t keep = ls.n <= 3 ? ls.n : 2;
    pdf_lines_free(&ls);
    return (float)keep * st.lead;
}

static float S_chart_height(pdf_ctx *c, const doc_node *n, float *body_h, pdf_lines *cap,
                            pdf_lines *desc);
static float S_heading_height(pdf_ctx *c, const doc_node *h, float width);

/* The height that must fit on a page for node n to start there. */
static float S_min_height(pdf_ctx *c, const doc_node *n, float width)
{
    switch (n->type) {
    case DOC_PARAGRAPH:
        return S_para_min(c, n, width);
    case DOC_LIST:
    case DOC_ITEM:
    case DOC_QUOTE:
        return n->nkids ? S_min_height(c, n->kids[0], width - LIST_INDENT) : 0;
    case DOC_TABLE:
        return pdf_table_min_height(c, n);
    case DOC_CHART:
        return S_chart_height(c, n, NULL, NULL, NULL);
    case DOC_SECTION:
        return S_heading_height(c, n, width) +
               (n->nkids ? S_min_height(c, n->kids[0], width) : 0);
    case DOC_DOCUMENT:
    case DOC_CHAPTER:
        return 0;
    }
    return 0;
}

/* ---- floats ---------------------------------------------------------- */

static void S_chart(pdf_ctx *c, const doc_node *n, int parent);

/* Whether table or chart n can start under the cursor now, as its own
 * placement decides (a table that fits on a page whole, else its caption,
 * header and first rows; a chart whole). */
static bool S_float_fits(pdf_ctx *c, const doc_node *n)
{
    if (pdf_at_top(c))
        return true;
    float h;
    if (n->type == DOC_TABLE)
        h = pdf_table_start_height(c, n);
    else
        h = S_chart_height(c, n, NULL, NULL, NULL);
    float gap = c->pending_gap > 12.0f ? c->pending_gap : 12.0f;
    return c->y - gap - h >= PDF_BOTTOM;
}

/* Lay out table or chart n now, its elements under parent; a float's
 * (slot != SIZE_MAX) moved to its place among parent's kids, and the slots
 * of the floats still waiting in the same parent moved on with them. */
static void S_place(pdf_ctx *c, const doc_node *n, int parent, size_t slot)
{
    size_t before = pdf_tree_at(&c->tree, parent)->nkids;
    bool was = c->placing;
    c->placing = true;
    if (n->type == DOC_TABLE)
        pdf_flow_table(c, n, parent);
    else
        S_chart(c, n, parent);
    c->placing = was;
    pdf_elem *e = pdf_tree_at(&c->tree, parent);
    size_t added = e->nkids - before;
    if (slot == SIZE_MAX || slot >= before || added == 0)
        return;
    /* kids: [..slot) [slot..before) [before..nkids) -> [..slot) new, old */
    pdf_kid *moved = xmalloc(added * sizeof *moved);
    memcpy(moved, e->kids + before, added * sizeof *moved);
    memmove(e->kids + slot + added, e->kids + slot, (before - slot) * sizeof *moved);
    memcpy(e->kids + slot, moved, added * sizeof *moved);
    free(moved);
    for (size_t i = 0; i < c->nfloats; i++)
        if (c->floats[i].parent == parent && c->floats[i].slot >= slot)
            c->floats[i].slot += added;
}

/* The first waiting float, laid out and taken off the queue. */
static void S_place_first(pdf_ctx *c)
{
    pdf_float f = c->floats[0];
    memmove(c->floats, c->floats + 1, (c->nfloats - 1) * sizeof *c->floats);
    c->nfloats--;
    S_place(c, f.node, f.parent, f.slot);
}

/* A new page of the flow: the floats waiting go at its top, as many as
 * fit (at least the first), before the text goes on.  Returns whether any
 * was placed (the gap after them is then owed). */
static bool S_new_page(pdf_ctx *c)
{
    pdf_new_page(c);
    if (c->placing || c->nfloats == 0)
        return false;
    int se = c->cur_se;
    const doc_node *src = c->src;
    S_place_first(c);
    while (c->nfloats > 0 && S_float_fits(c, c->floats[0].node))
        S_place_first(c);
    c->cur_se = se;
    c->src = src;
    return true;
}

/* Start a new page of the flow unless h points fit under the cursor (the
 * owed gap kept, at least the gap after the floats placed at its top). */
static void S_need(pdf_ctx *c, float h)
{
    for (int tries = 0; tries < 8; tries++) {
        float gap = pdf_at_top(c) ? 0 : c->pending_gap;
        if (pdf_at_top(c) || c->y - gap - h >= PDF_BOTTOM)
            return;
        float owed = c->pending_gap;
        if (!S_new_page(c))
            return;  /* a bare new page: h fits or nothing would */
        if (c->pending_gap < owed)
            c->pending_gap = owed;
    }
}

/* A table or chart met in the flow, its elements under parent: laid out
 * here when it fits and nothing waits before it, else it waits for the
 * next page (a float), where it stands in the document kept. */
static void S_block_float(pdf_ctx *c, const doc_node *n, int parent)
{
    if (c->nfloats == 0 && S_float_fits(c, n)) {
        S_place(c, n, parent, SIZE_MAX);
        return;
    }
    XGROW(c->floats, c->floatcap, c->nfloats + 1);
    c->floats[c->nfloats++] = (pdf_float){n, parent, pdf_tree_at(&c->tree, parent)->nkids};
}

/* The end of a chapter: every float still waiting is laid out, in order
 * (each on a page of its own when it must). */
static void S_flush_floats(pdf_ctx *c)
{
    while (c->nfloats > 0) {
        /* Nothing of the chapter is left to fill the page, so when the
         * first float does not fit and more than half the page is free, a
         * waiting table starts here, split, rather than leave the page
         * mostly empty (tables and figures are numbered apart, so going
         * ahead of a chart puts no number out of order). */
        bool half_free = !pdf_at_top(c) && c->y - PDF_BOTTOM > (PDF_TOP - PDF_BOTTOM) / 2;
        if (half_free && !S_float_fits(c, c->floats[0].node)) {
            size_t k = 0;
            while (k < c->nfloats && c->floats[k].node->type != DOC_TABLE)
                k++;
            if (k < c->nfloats && k > 0 && c->floats[0].node->type != DOC_TABLE) {
                c->split_table = true;
                bool fits = S_float_fits(c, c->floats[k].node);
                if (fits) {
                    pdf_float f = c->floats[k];
                    memmove(c->floats + k, c->floats + k + 1,
                            (c->nfloats - k - 1) * sizeof *c->floats);
                    c->nfloats--;
                    S_place(c, f.node, f.parent, f.slot);
                }
                c->split_table = false;
                if (fits)
                    continue;
            }
        }
        S_place_first(c);
    }
}

static bool S_is_float(const doc_node *n)
{
    return (n->type == DOC_TABLE || n->type == DOC_CHART) && n->parent &&
           (n->parent->type == DOC_CHAPTER || n->parent->type == DOC_SECTION);
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

/* A heading's level in the structure tree: its depth among chapters and
 * sections, so that no level is ever skipped (a "###" straight under a "#"
 * is an H2). */
static int S_heading_depth(const doc_node *h)
{
    int depth = 1;
    for (const doc_node *p = h->parent; p; p = p->parent)
        if (p->type == DOC_CHAPTER || p->type == DOC_SECTION)
            depth++;
    return depth;
}

/* A Sect for chapter or section h under parent, and its heading: the Sect
 * is returned, the heading made current. */
static int S_open_sect(pdf_ctx *c, const doc_node *h, int parent)
{
    int sect = pdf_tree_add(&c->tree, PT_SECT, parent);
    c->cur_se = pdf_tree_add(&c->tree, pdf_tag_heading(S_heading_depth(h)), sect);
    return sect;
}

static void S_section_heading(pdf_ctx *c, const doc_node *h)
{
    float gap = S_heading_gap_before(h->level);
    if (c->pending_gap < gap)
        c->pending_gap = gap;
    /* Keep the heading with the start of what follows it: with its first
     * block, or, when that is a table or chart that will float, with the
     * first block that will not (the float goes to the next page). */
    float hh = S_heading_height(c, h, PDF_TEXT_W);
    float next = h->nkids ? S_min_height(c, h->kids[0], PDF_TEXT_W) : 0;
    if (h->nkids && S_is_float(h->kids[0])) {
        float owed = pdf_at_top(c) ? 0 : c->pending_gap;
        bool floats = c->nfloats > 0 || (!pdf_at_top(c) && c->y - owed - hh - next < PDF_BOTTOM);
        for (size_t i = 1; floats && i < h->nkids; i++)
            if (!S_is_float(h->kids[i])) {
                next = S_min_height(c, h->kids[i], PDF_TEXT_W);
                break;
            }
    }
    S_need(c, hh + next);
    pdf_take_gap(c);
    pdf_style st = S_heading_style(c, h->level);
    char *t = S_heading_text(h);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, t, PF_BOLD, &st, PDF_TEXT_W, &ls);
    if (h->level <= 3)
        S_mark(c, h, c->y);
    for (size_t i = 0; i < ls.n; i++) {
        pdf_put_line(c, PR_HEADING, &ls.items[i], PDF_MARGIN_L, c->y, &st);
        c->y -= st.lead;
    }
    c->y -= 4.0f;
    pdf_lines_free(&ls);
    free(t);
    c->pending_gap = 0;
}

/* "CHAPTER 6" above the title: the document's label in capitals. */
static char *S_upper(const char *s)
{
    char *u = xstrdup(s);
    for (char *q = u; *q; q++)
        if (*q >= 'a' && *q <= 'z')
            *q = (char)(*q - 'a' + 'A');
    return u;
}

/* The chapter label ("CHAPTER 6") and title are one heading. */
static void S_chapter_opening(pdf_ctx *c, const doc_node *ch)
{
    c->header = ch->title;
    pdf_new_page(c);
    /* The opening page carries the big title instead of a running header. */
    c->pages[c->npages - 1].header = NULL;
    S_mark(c, ch, c->y + 30.0f);
    float y = c->y;
    if (ch->label) {
        /* "CHAPTER 6 " (the space, invisible, keeps it a word apart from the
         * title in the heading's text). */
        strbuf b = STRBUF_INIT;
        char *up = S_upper(ch->label);
        sb_appendf(&b, "%s ", up);
        pdf_add_text(c, PR_HEADING, PDF_MARGIN_L, y - 11.0f, PF_BOLD, 11.0f, c->muted,
                     sb_cstr(&b));
        free(up);
        sb_free(&b);
        y -= 24.0f;
    }
    pdf_style st = S_heading_style(c, 1);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, ch->title, PF_BOLD, &st, PDF_TEXT_W, &ls);
    for (size_t i = 0; i < ls.n; i++) {
        pdf_put_line(c, PR_HEADING, &ls.items[i], PDF_MARGIN_L, y, &st);
        y -= st.lead;
    }
    pdf_lines_free(&ls);
    y -= 8.0f;
    pdf_add_rect(c, PR_DECORATION, PDF_MARGIN_L, y - 3.0f, 48.0f, 3.0f, c->accent);
    c->y = y - 24.0f;
    c->pending_gap = 0;
}

/* ---- paragraphs ----------------------------------------------------- */

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
                if (S_new_page(c))
                    pdf_take_gap(c);
                continue;
            }
        }
        for (size_t k = 0; k < fit; k++, i++) {
            if (quote_bar)
                pdf_add_rect(c, PR_QUOTE_BAR, x - QUOTE_INDENT, c->y - st->lead, 2.5f,
                             st->lead, c->light);
            pdf_put_line(c, PR_BODY, &ls->items[i], x, c->y, st);
            c->y -= st->lead;
        }
        if (i < n && S_new_page(c))
            pdf_take_gap(c);  /* under the floats placed at the top */
    }
}

static void S_paragraph(pdf_ctx *c, const doc_node *p, float x, float width, bool italic,
                        int parent)
{
    c->cur_se = pdf_tree_add(&c->tree, PT_P, parent);
    pdf_style st = S_body(c);
    if (italic)
        st.face = PF_ITALIC;
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap(c, p->runs, p->nruns, &st, width, &ls);
    S_place_lines(c, &ls, x, &st, italic);
    pdf_lines_free(&ls);
    c->pending_gap = PDF_PARA_GAP;
}

/* ---- charts --------------------------------------------------------- */

static float S_chart_height(pdf_ctx *c, const doc_node *n, float *body_h, pdf_lines *cap,
                            pdf_lines *desc)
{
    pdf_style cs = pdf_caption_style(c);
    pdf_lines ls = {NULL, 0, 0};
    pdf_wrap_plain(c, n->heading, PF_BOLD, &cs, PDF_TEXT_W, &ls);
    pdf_style ss = pdf_foot_style(c);
    pdf_lines ds = {NULL, 0, 0};
    pdf_wrap_plain(c, n->source_line, PF_REGULAR, &ss, PDF_TEXT_W, &ds);
    size_t nsource = ds.n;
    pdf_wrap_plain(c, n->description, PF_REGULAR, &ss, PDF_TEXT_W, &ds);
    float dh = (float)(ds.n - nsource) * ss.lead;
    float sh = (float)nsource * ss.lead;
    float ch = (float)ls.n * cs.lead + 6.0f;
    float bh = chart_body_height_for_width(n->chart, PDF_TEXT_W);
    float max_body = PDF_TOP - PDF_BOTTOM - ch - dh - sh - 18.0f;
    /* A caption and description too long to leave the drawing a third of
     * the page: the drawing keeps that much, the words run onto the next
     * page. */
    if (max_body < (PDF_TOP - PDF_BOTTOM) / 3.0f)
        max_body = (PDF_TOP - PDF_BOTTOM) / 3.0f;
    if (bh > max_body)
        bh = max_body;
    if (body_h)
        *body_h = bh;
    if (cap)
        *cap = ls;
    else
        pdf_lines_free(&ls);
    if (desc)
        *desc = ds;
    else
        pdf_lines_free(&ds);
    return ch + bh + 6.0f + sh + dh;
}

/* Caption, the chart as vectors, its source line and its description: a
 * Caption, a Figure whose /Alt is the chart's text alternative, and two
 * paragraphs.  The words are wrapped (a long source breaks too); only when
 * they are too long for any page do they run onto the next. */
static void S_chart(pdf_ctx *c, const doc_node *n, int parent)
{
    if (c->pending_gap < 12.0f)
        c->pending_gap = 12.0f;
    float body_h;
    pdf_lines cap = {NULL, 0, 0}, desc = {NULL, 0, 0};
    float total = S_chart_height(c, n, &body_h, &cap, &desc);
    pdf_need(c, total);
    pdf_take_gap(c);
    pdf_style cs = pdf_caption_style(c);
    c->cur_se = pdf_tree_add(&c->tree, PT_CAPTION, parent);
    for (size_t i = 0; i < cap.n; i++) {
        if (c->y - cs.lead < PDF_BOTTOM)
            pdf_new_page(c);
        pdf_put_line(c, PR_CAPTION, &cap.items[i], PDF_MARGIN_L, c->y, &cs);
        c->y -= cs.lead;
    }
    pdf_lines_free(&cap);
    c->y -= 6.0f;
    if (c->y - body_h < PDF_BOTTOM)
        pdf_new_page(c);
    float y = c->y;
    int fig = pdf_tree_add(&c->tree, PT_FIGURE, parent);
    pdf_elem *e = pdf_tree_at(&c->tree, fig);
    e->alt = chart_alt_text(n->chart);
    e->has_bbox = true;
    e->bbox_page = c->npages - 1;
    e->bbox[0] = PDF_MARGIN_L;
    e->bbox[1] = y - body_h;
    e->bbox[2] = PDF_MARGIN_L + PDF_TEXT_W;
    e->bbox[3] = y;
    c->cur_se = fig;
    pdf_chart_check_glyphs(c, n, body_h);
    pdf_op *o = pdf_add_op(c, PO_CHART, PR_CHART);
    o->chart = n->chart;
    o->x = PDF_MARGIN_L;
    o->y = y;
    o->w = PDF_TEXT_W;
    o->h = body_h;
    c->y = y - body_h - 6.0f;
    pdf_style ss = pdf_foot_style(c);
    /* The source's lines first, then the description's, each a P. */
    pdf_lines src = {NULL, 0, 0};
    pdf_wrap_plain(c, n->source_line, PF_REGULAR, &ss, PDF_TEXT_W, &src);
    for (size_t i = 0; i < desc.n; i++) {
        if (i == 0 || i == src.n)
            c->cur_se = pdf_tree_add(&c->tree, PT_P, parent);
        if (c->y - ss.lead < PDF_BOTTOM)
            pdf_new_page(c);
        pdf_put_line(c, PR_CHART_FOOT, &desc.items[i], PDF_MARGIN_L, c->y, &ss);
        c->y -= ss.lead;
    }
    if (src.n == desc.n)  /* no description: its paragraph all the same */
        c->cur_se = pdf_tree_add(&c->tree, PT_P, parent);
    pdf_lines_free(&src);
    pdf_lines_free(&desc);
    c->pending_gap = 14.0f;
}

/* ---- the walk ------------------------------------------------------- */

/* What the children of an open container inherit. */
typedef struct {
    const doc_node *node;
    float x, width;
    bool italic;       /* inside a quote */
    int number;        /* a list: the next item's number */
    size_t page;       /* an item: the page (1-based count) where it started */
    float top;         /* an item: where its first line's box starts */
    int se;            /* the structure element children's elements go under */
    int lbl;           /* an item: its Lbl, the marker's element */
} S_frame;

typedef struct {
    S_frame *items;
    size_t n, cap;
} S_stack;

static S_frame *S_top(S_stack *st)
{
    return &st->items[st->n - 1];
}

static S_frame *S_push(S_stack *st, const doc_node *n, float x, float width, bool italic,
                       int se)
{
    XGROW(st->items, st->cap, st->n + 1);
    S_frame *f = &st->items[st->n++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->x = x;
    f->width = width;
    f->italic = italic;
    f->se = se;
    return f;
}

static size_t S_index_in_parent(const doc_node *n)
{
    for (size_t i = 0; n->parent && i < n->parent->nkids; i++)
        if (n->parent->kids[i] == n)
            return i;
    return 0;
}

/* Open a list item: the marker goes with the first line of its first block.
 * An LI holds a Lbl (the marker) and an LBody (the item's blocks). */
static void S_item_enter(pdf_ctx *c, S_stack *st, const doc_node *item)
{
    S_frame *list = S_top(st);
    if (S_index_in_parent(item) > 0 && c->pending_gap > ITEM_GAP)
        c->pending_gap = ITEM_GAP;
    float first = item->nkids ? S_min_height(c, item->kids[0], list->width - LIST_INDENT) : 0;
    S_need(c, first > 0 ? first : PDF_BODY_LEAD);
    pdf_take_gap(c);
    int number = list->number++;
    int li = pdf_tree_add(&c->tree, PT_LI, list->se);
    int lbl = pdf_tree_add(&c->tree, PT_LBL, li);
    int body = pdf_tree_add(&c->tree, PT_LBODY, li);
    S_frame *f = S_push(st, item, list->x + LIST_INDENT, list->width - LIST_INDENT, false, body);
    f->lbl = lbl;
    f->number = number;
    f->page = c->npages;
    f->top = c->y;
}

/* Close a list item: paint its marker on the page where it started. */
static void S_item_exit(pdf_ctx *c, const S_frame *f)
{
    const doc_node *list = f->node->parent;
    pdf_style st = S_body(c);
    char marker[32];
    if (list->ordered)
        snprintf(marker, sizeof marker, "%d.", f->number);
    else
        snprintf(marker, sizeof marker, "\xE2\x80\xA2");  /* bullet */
    pdf_page *pg = &c->pages[f->page - 1];
    XGROW(pg->ops, pg->cap, pg->n + 1);
    pdf_op *o = &pg->ops[pg->n++];
    memset(o, 0, sizeof *o);
    o->kind = PO_TEXT;
    o->role = PR_LIST_MARKER;
    o->face = list->ordered ? PF_REGULAR : PF_BOLD;
    o->size = st.size;
    o->color = list->ordered ? c->text : c->accent;
    o->text = xstrdup(marker);
    o->se = f->lbl;
    float x = f->x - LIST_INDENT;
    o->x = list->ordered ? x + LIST_INDENT - 5.0f - pdf_text_width(c, o->face, st.size, marker)
                         : x + 3.0f;
    o->y = pdf_baseline(f->top, &st);
}

/* Entering node n (its parent's frame is on top of the stack). */
static void S_enter(pdf_ctx *c, S_stack *st, const doc_node *n)
{
    /* Blocks of one list item sit closer than paragraphs. */
    if (n->parent && n->parent->type == DOC_ITEM && S_index_in_parent(n) > 0 &&
        c->pending_gap > ITEM_BLOCK_GAP)
        c->pending_gap = ITEM_BLOCK_GAP;
    S_frame *f = st->n ? S_top(st) : NULL;
    int se;
    c->src = n;  /* warnings about characters name n's file and line */
    switch (n->type) {
    case DOC_DOCUMENT:
        S_push(st, n, PDF_MARGIN_L, PDF_TEXT_W, false, c->se.doc);
        break;
    case DOC_CHAPTER:
        se = S_open_sect(c, n, f->se);
        S_chapter_opening(c, n);
        S_push(st, n, PDF_MARGIN_L, PDF_TEXT_W, false, se);
        break;
    case DOC_SECTION:
        se = S_open_sect(c, n, f->se);
        S_section_heading(c, n);
        S_push(st, n, f->x, f->width, false, se);
        break;
    case DOC_PARAGRAPH:
        S_paragraph(c, n, f->x, f->width, f->italic, f->se);
        break;
    case DOC_LIST:
        se = pdf_tree_add(&c->tree, PT_L, f->se);
        pdf_tree_at(&c->tree, se)->numbered = n->ordered;
        S_push(st, n, f->x, f->width, false, se)->number = n->start;
        break;
    case DOC_ITEM:
        S_item_enter(c, st, n);
        break;
    case DOC_QUOTE:
        se = pdf_tree_add(&c->tree, PT_BLOCKQUOTE, f->se);
        S_push(st, n, f->x + QUOTE_INDENT, f->width - QUOTE_INDENT, true, se);
        break;
    case DOC_TABLE:
    case DOC_CHART:
        if (S_is_float(n))
            S_block_float(c, n, f->se);
        else
            S_place(c, n, f->se, SIZE_MAX);
        break;
    }
    c->cur_se = PDF_SE_NONE;  /* nothing is added outside a node's element */
}

/* Leaving container n: pop the frame its entry pushed. */
static void S_exit(pdf_ctx *c, S_stack *st, const doc_node *n)
{
    S_frame f = *S_top(st);
    st->n--;
    switch (n->type) {
    case DOC_ITEM:
        S_item_exit(c, &f);
        break;
    case DOC_LIST:
        c->pending_gap = PDF_PARA_GAP;
        break;
    case DOC_CHAPTER:
        S_flush_floats(c);  /* never past the end of its chapter */
        break;
    case DOC_DOCUMENT:
    case DOC_SECTION:
    case DOC_QUOTE:
    case DOC_PARAGRAPH:
    case DOC_TABLE:
    case DOC_CHART:
        break;
    }
}

void pdf_flow_document(pdf_ctx *c, const doc_node *root)
{
    S_stack st = {NULL, 0, 0};
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, (doc_node *)root);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE) {
        if (ev == DOC_EV_EXIT) {
            S_exit(c, &st, n);
            continue;
        }
        S_enter(c, &st, n);
    }
    free(st.items);
}
