/* pdf.c - annual-report-<year>.pdf: pdf_write() from render.h.
 *
 * Lays the document (doc.h) out (pdf_flow.c, pdf_table.c), then paints with
 * libharu: the cover, the contents with page numbers that link to their
 * pages, the laid-out pages with a running header and a "Page N of M"
 * footer, the bookmarks, and the document properties.  Everything painted
 * is tagged (pdf_tag.h): content in its structure element, decoration and
 * running heads as artifacts.  Same input, same bytes: the only date is the
 * publication date, and nothing depends on time, locale or addresses.
 * Knows page geometry and libharu; knows nothing about returns, templates
 * or how a figure was computed. */
#include "pdf_internal.h"

#include "../compute/fmt.h"
#include "../util/alloc.h"
#include "../util/colour.h"
#include "../util/paths.h"
#include "../util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_on_error(HPDF_STATUS st, HPDF_STATUS detail, void *user)
{
    pdf_lib_error *e = user;
    if (e->status == HPDF_OK) {
        e->status = st;
        e->detail = detail;
    }
}

static pdf_rgb S_rgb(uint32_t v)
{
    pdf_rgb c = {(float)((v >> 16) & 0xFF) / 255.0f, (float)((v >> 8) & 0xFF) / 255.0f,
                 (float)(v & 0xFF) / 255.0f};
    return c;
}

static pdf_rgb S_mix(pdf_rgb a, pdf_rgb b, float t)
{
    pdf_rgb c = {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
    return c;
}

/* ---- painting primitives -------------------------------------------- */

static void S_text(const pdf_ctx *c, HPDF_Page pg, pdf_face f, float size, pdf_rgb col,
                   float x, float y, const char *s)
{
    HPDF_Page_BeginText(pg);
    HPDF_Page_SetFontAndSize(pg, c->font[f], size);
    HPDF_Page_SetRGBFill(pg, col.r, col.g, col.b);
    HPDF_Page_TextOut(pg, x, y, s);
    HPDF_Page_EndText(pg);
}

static void S_rect(HPDF_Page pg, float x, float y, float w, float h, pdf_rgb col)
{
    HPDF_Page_SetRGBFill(pg, col.r, col.g, col.b);
    HPDF_Page_Rectangle(pg, x, y, w, h);
    HPDF_Page_Fill(pg);
}

static void S_line(HPDF_Page pg, float x1, float y1, float x2, float y2, float lw, pdf_rgb col)
{
    HPDF_Page_SetRGBStroke(pg, col.r, col.g, col.b);
    HPDF_Page_SetLineWidth(pg, lw);
    HPDF_Page_MoveTo(pg, x1, y1);
    HPDF_Page_LineTo(pg, x2, y2);
    HPDF_Page_Stroke(pg);
}

/* Open the marked content operation o is painted in. */
static void S_tag_op(pdf_ctx *c, const pdf_op *o)
{
    if (o->se == PDF_SE_PAGINATION)
        pdf_tag_artifact(c->tagger, PDF_ART_PAGINATION);
    else if (pdf_role_is_artifact(o->role))
        pdf_tag_artifact(c->tagger, PDF_ART_LAYOUT);
    else
        pdf_tag_content(c->tagger, o->se);
}

static int S_paint_ops(pdf_ctx *c, HPDF_Page pg, const pdf_page *p)
{
    for (size_t i = 0; i < p->n; i++) {
        const pdf_op *o = &p->ops[i];
        S_tag_op(c, o);
        switch (o->kind) {
        case PO_TEXT:
            S_text(c, pg, o->face, o->size, o->color, o->x, o->y, o->text);
            break;
        case PO_RECT:
            S_rect(pg, o->x, o->y, o->w, o->h, o->color);
            break;
        case PO_LINE:
            S_line(pg, o->x, o->y, o->x + o->w, o->y + o->h, o->lw, o->color);
            break;
        case PO_CHART:
            HPDF_Page_GSave(pg);
            if (pdf_chart_draw(pg, o->chart, o->x, o->y, o->w, o->h, c->font[PF_REGULAR],
                               c->font[PF_BOLD]) != ANNREP_OK)
                return -1;
            HPDF_Page_GRestore(pg);
            break;
        }
    }
    pdf_tag_close(c->tagger);
    return 0;
}

/* The largest size from max down to min (in half points) at which text,
 * wrapped to width in face f with a leading of 1.2 times the size, takes at
 * most 1 + rise / lead lines: how a running head too long for its line
 * still fits its margin.  *ls receives the lines (min when none fits: the
 * text is never cut). */
static float S_fit_small(const pdf_ctx *c, const char *text, pdf_face f, float max, float min,
                         float width, float rise, pdf_lines *ls)
{
    float size = max;
    for (;;) {
        pdf_style st = {size, size * 1.2f, f, c->muted, c->muted};
        pdf_lines_free(ls);
        pdf_wrap_plain(c, text, f, &st, width, ls);
        if ((float)(ls->n - 1) * st.lead <= rise + 0.01f || size - 0.5f < min)
            return size;
        size -= 0.5f;
    }
}

/* Lines ls (set at size) with the first baseline at y, each next lead
 * lower (lead < 0: higher, the last line at y). */
static void S_small_lines(const pdf_ctx *c, HPDF_Page pg, const pdf_lines *ls, float size,
                          float x, float y, float lead)
{
    for (size_t i = 0; i < ls->n; i++) {
        float base = lead < 0 ? y - lead * (float)(ls->n - 1 - i) : y - lead * (float)i;
        for (size_t k = 0; k < ls->items[i].n; k++)
            S_text(c, pg, ls->items[i].frags[k].face, size, c->muted,
                   x + ls->items[i].frags[k].x, base, ls->items[i].frags[k].text);
    }
}

/* ---- cover ---------------------------------------------------------- */

/* The restricted edition's marking, centred at the top of a page (white on
 * the cover's band, dark red elsewhere: 8.7:1 on white). */
static void S_marking(pdf_ctx *c, HPDF_Page pg, bool on_band)
{
    const char *m = c->meta->marking;
    if (!m)
        return;
    pdf_rgb red = {0.6f, 0.0f, 0.0f}, white = {1, 1, 1};
    float w = pdf_text_width(c, PF_BOLD, 10.0f, m);
    S_text(c, pg, PF_BOLD, 10.0f, on_band ? white : red, (PDF_PAGE_W - w) / 2.0f,
           PDF_PAGE_H - 26.0f, m);
}

/* The cover's partnership, title and period, wrapped at scale k of their
 * usual sizes (30, 24 and 13 points), with the baselines of the last line
 * of each. */
typedef struct {
    float k;
    pdf_lines part, title, period;
    float part_y, title_y, period_y;
} S_cover_block;

static void S_cover_free(S_cover_block *b)
{
    pdf_lines_free(&b->part);
    pdf_lines_free(&b->title);
    pdf_lines_free(&b->period);
}

/* The largest scale (1, 0.95, 0.9 ...) at which the three sit between the
 * period's baseline at bottom and top (under the masthead), wrapped to the
 * text width: a long title shrinks and wraps, and never leaves the band.
 * Text too long even at a quarter of the size is set smaller still (never
 * cut), with a warning. */
static void S_cover_fit(pdf_ctx *c, S_cover_block *b, float bottom, float top)
{
    const doc_meta *meta = c->meta;
    memset(b, 0, sizeof *b);
    for (float k = 1.0f;; k -= k > 0.25f ? 0.05f : 0.01f) {
        S_cover_free(b);
        b->k = k;
        pdf_style ps = {30.0f * k, 36.0f * k, PF_BOLD, c->text, c->text};
        pdf_style ts = {24.0f * k, 28.8f * k, PF_REGULAR, c->text, c->text};
        pdf_style es = {13.0f * k, 16.0f * k, PF_REGULAR, c->text, c->text};
        pdf_wrap_plain(c, meta->partnership, PF_BOLD, &ps, PDF_TEXT_W, &b->part);
        pdf_wrap_plain(c, meta->title, PF_REGULAR, &ts, PDF_TEXT_W, &b->title);
        pdf_wrap_plain(c, meta->period, PF_REGULAR, &es, PDF_TEXT_W, &b->period);
        b->period_y = bottom;
        float first_period = bottom + (float)(b->period.n ? b->period.n - 1 : 0) * es.lead;
        b->title_y = first_period + 30.0f * k;
        float first_title = b->title_y + (float)(b->title.n ? b->title.n - 1 : 0) * ts.lead;
        b->part_y = first_title + 40.0f * k;
        float first_part = b->part_y + (float)(b->part.n ? b->part.n - 1 : 0) * ps.lead;
        if (first_part + 0.905f * ps.size <= top)
            return;
        if (k <= 0.02f)
            return;
        if (k > 0.25f && k - 0.05f <= 0.25f)
            diag_add(c->dl, DIAG_WARNING, "report.ini", 0, "title", NULL,
                     "the partnership and title are too long for the cover at a readable "
                     "size (%zu and %zu characters): they are set very small; shorten them",
                     strlen(meta->partnership), strlen(meta->title));
    }
}

/* Lines of one cover text, the last baseline at y; text itself when it
 * takes one line (as written, its spaces untouched). */
static void S_cover_lines(const pdf_ctx *c, HPDF_Page pg, const pdf_lines *ls, const char *text,
                          pdf_face f, float size, float lead, pdf_rgb col, float y)
{
    if (ls->n <= 1) {
        S_text(c, pg, f, size, col, PDF_MARGIN_L, y, text);
        return;
    }
    for (size_t i = 0; i < ls->n; i++)
        for (size_t k = 0; k < ls->items[i].n; k++)
            S_text(c, pg, ls->items[i].frags[k].face, size, col,
                   PDF_MARGIN_L + ls->items[i].frags[k].x, y + (float)(ls->n - 1 - i) * lead,
                   ls->items[i].frags[k].text);
}

/* Painted top to bottom, so that each element's text reads in order: the
 * area (P), the partnership and title as one heading (H1), the period, the
 * publication date and the year (P); shapes, rules and the logo are
 * artifacts. */
static annrep_status S_cover(pdf_ctx *c, HPDF_Page pg)
{
    const doc_meta *meta = c->meta;
    pdf_tagger *tg = c->tagger;
    pdf_rgb white = {1, 1, 1};
    pdf_rgb soft = S_mix(c->accent, white, 0.72f);
    const float band_bottom = PDF_PAGE_H * 0.42f;
    pdf_tag_artifact(tg, PDF_ART_LAYOUT);
    S_rect(pg, 0, band_bottom, PDF_PAGE_W, PDF_PAGE_H - band_bottom, c->accent);
    S_rect(pg, 0, band_bottom - 6.0f, PDF_PAGE_W, 6.0f, S_mix(c->accent, white, 0.45f));
    S_marking(c, pg, true);

    /* Area at the top of the band, like a masthead (smaller, or on more
     * lines, when it is long). */
    strbuf s = STRBUF_INIT;
    for (const char *q = meta->area; q && *q; q++)
        sb_putc(&s, (*q >= 'a' && *q <= 'z') ? (char)(*q - 32) : *q);
    pdf_check_glyphs(c, PF_BOLD, sb_cstr(&s), NULL, "area");
    pdf_tag_content(tg, c->se.area);
    float rule_y = PDF_PAGE_H - 96.0f;
    if (pdf_text_width(c, PF_BOLD, 12.0f, sb_cstr(&s)) <= PDF_TEXT_W) {
        S_text(c, pg, PF_BOLD, 12.0f, soft, PDF_MARGIN_L, PDF_PAGE_H - 84.0f, sb_cstr(&s));
    } else {
        pdf_lines ls = {NULL, 0, 0};
        float size = S_fit_small(c, sb_cstr(&s), PF_BOLD, 12.0f, 6.0f, PDF_TEXT_W, 48.0f, &ls);
        for (size_t i = 0; i < ls.n; i++)
            for (size_t k = 0; k < ls.items[i].n; k++)
                S_text(c, pg, PF_BOLD, size, soft, PDF_MARGIN_L + ls.items[i].frags[k].x,
                       PDF_PAGE_H - 84.0f - (float)i * size * 1.2f, ls.items[i].frags[k].text);
        rule_y -= (float)(ls.n - 1) * size * 1.2f;
        pdf_lines_free(&ls);
    }
    pdf_tag_artifact(tg, PDF_ART_LAYOUT);
    S_line(pg, PDF_MARGIN_L, rule_y, PDF_MARGIN_L + 48.0f, rule_y, 2.0f, soft);

    /* Partnership, title and period sit on the bottom of the band: the
     * period 56 points above it, the title 30 above that, the partnership's
     * last line 40 above the title; all smaller together when they would
     * reach the masthead (S_cover_fit). */
    S_cover_block cb;
    S_cover_fit(c, &cb, band_bottom + 56.0f, rule_y - 30.0f);
    pdf_check_glyphs(c, PF_BOLD, meta->partnership, NULL, "partnership");
    pdf_check_glyphs(c, PF_REGULAR, meta->title, NULL, "title");
    pdf_tag_content(tg, c->se.title);
    for (size_t i = 0; i < cb.part.n; i++) {
        float base = cb.part_y + (float)(cb.part.n - 1 - i) * 36.0f * cb.k;
        for (size_t k = 0; k < cb.part.items[i].n; k++) {
            /* A space (invisible) between the partnership and the title. */
            bool last = i + 1 == cb.part.n && k + 1 == cb.part.items[i].n;
            sb_clear(&s);
            sb_appendf(&s, "%s%s", cb.part.items[i].frags[k].text, last ? " " : "");
            S_text(c, pg, cb.part.items[i].frags[k].face, 30.0f * cb.k, white,
                   PDF_MARGIN_L + cb.part.items[i].frags[k].x, base, sb_cstr(&s));
        }
    }
    S_cover_lines(c, pg, &cb.title, meta->title, PF_REGULAR, 24.0f * cb.k, 28.8f * cb.k, white,
                  cb.title_y);
    pdf_tag_content(tg, c->se.period);
    S_cover_lines(c, pg, &cb.period, meta->period, PF_REGULAR, 13.0f * cb.k, 16.0f * cb.k, soft,
                  cb.period_y);
    S_cover_free(&cb);

    /* Logo (optional) in the white part: decoration beside the name it
     * shows, so an artifact; publication date at the foot. */
    if (meta->logo_png) {
        /* The bytes the loader decoded under its own libpng error handler
         * (logo.h): libharu sets none, and a damaged PNG would abort. */
        HPDF_Image img = HPDF_LoadPngImageFromMem(c->pdf, meta->logo_png,
                                                  (HPDF_UINT)meta->logo_len);
        if (!img) {
            diag_add(c->dl, DIAG_ERROR, meta->logo, 0, NULL, NULL,
                     "the PDF library could not use the logo, a PNG that was checked: %s",
                     pdf_lib_error_text(c->err->status));
            sb_free(&s);
            return ANNREP_ERR_LIBRARY;
        }
        float iw = (float)HPDF_Image_GetWidth(img), ih = (float)HPDF_Image_GetHeight(img);
        float k = 150.0f / iw;
        if (ih * k > 80.0f)
            k = 80.0f / ih;
        pdf_tag_artifact(tg, PDF_ART_LAYOUT);
        HPDF_Page_DrawImage(pg, img, PDF_MARGIN_L, band_bottom - 60.0f - ih * k, iw * k, ih * k);
    }
    sb_clear(&s);
    sb_appendf(&s, "Published %s", meta->published);
    pdf_tag_artifact(tg, PDF_ART_LAYOUT);
    S_line(pg, PDF_MARGIN_L, 96.0f, PDF_PAGE_W - PDF_MARGIN_R, 96.0f, 0.6f, c->rule);
    pdf_tag_content(tg, c->se.published);
    S_text(c, pg, PF_REGULAR, 11.0f, c->muted, PDF_MARGIN_L, 76.0f, sb_cstr(&s));
    if (meta->revision) {
        /* Under the publication date, in the same paragraph of the tree. */
        pdf_check_glyphs(c, PF_BOLD, meta->revision, NULL, "revision_note");
        pdf_style rs = {11.0f, 14.0f, PF_BOLD, c->text, c->text};
        pdf_lines rl = {NULL, 0, 0};
        pdf_wrap_plain(c, meta->revision, PF_BOLD, &rs, PDF_TEXT_W, &rl);
        /* A long note wraps downwards: report.ini keeps it to 240
         * characters, three lines at most. */
        for (size_t i = 0; i < rl.n && i < 4; i++)
            for (size_t k = 0; k < rl.items[i].n; k++)
                S_text(c, pg, rl.items[i].frags[k].face, 11.0f, c->text,
                       PDF_MARGIN_L + rl.items[i].frags[k].x, 60.0f - 14.0f * (float)i,
                       rl.items[i].frags[k].text);
        pdf_lines_free(&rl);
    }
    sb_clear(&s);
    sb_appendf(&s, "Reporting year %s", meta->year);
    float w = pdf_text_width(c, PF_REGULAR, 11.0f, sb_cstr(&s));
    pdf_tag_content(tg, c->se.year);
    S_text(c, pg, PF_REGULAR, 11.0f, c->muted, PDF_PAGE_W - PDF_MARGIN_R - w, 76.0f,
           sb_cstr(&s));
    pdf_tag_close(tg);
    sb_free(&s);
    return ANNREP_OK;
}

/* ---- contents ------------------------------------------------------- */

#define TOC_NUM_W 40.0f   /* room kept for page numbers */

/* One contents entry's link: its /Contents says where it goes. */
static void S_toc_link(pdf_ctx *c, int link, const pdf_mark *m, HPDF_Page pg, HPDF_Rect r,
                       HPDF_Page *targets)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(targets[m->page]);
    if (!dst)
        return;
    HPDF_Destination_SetFitH(dst, m->y + 10.0f);
    HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(pg, r, dst);
    if (!a)
        return;
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    strbuf s = STRBUF_INIT;
    if (m->number)
        sb_appendf(&s, "%s ", m->number);
    sb_appendf(&s, "%s, page %zu", m->title, m->page + 1);
    pdf_tag_link(c->tagger, link, a, sb_cstr(&s));
    sb_free(&s);
}

/* Where a contents entry's number and title start. */
static float S_toc_num_x(bool chap) { return chap ? PDF_MARGIN_L : PDF_MARGIN_L + 28.0f; }
static float S_toc_title_x(bool chap) { return chap ? PDF_MARGIN_L + 28.0f : PDF_MARGIN_L + 64.0f; }

/* One contents entry painted on pg with its top at y (the title already
 * wrapped into ls, set in st): number, title, page number and dot leaders,
 * as a TOCI whose Link holds the text and the link annotation; the leaders
 * are an artifact.  Returns the y under the entry. */
static float S_toc_entry(pdf_ctx *c, const pdf_mark *m, HPDF_Page pg, const pdf_lines *ls,
                         const pdf_style *st, float y, HPDF_Page *targets)
{
    pdf_tagger *tg = c->tagger;
    const float right = PDF_PAGE_W - PDF_MARGIN_R;
    bool chap = m->level == 1;
    float num_x = S_toc_num_x(chap), title_x = S_toc_title_x(chap), top = y;
    int link = pdf_tree_add(&c->tree, PT_LINK, pdf_tree_add(&c->tree, PT_TOCI, c->se.toc));
    pdf_tag_content(tg, link);
    /* Number, title and page number are set apart on the page; the spaces
     * after the number and before the page number (invisible) keep them
     * apart in the text too. */
    if (m->number) {
        strbuf ns = STRBUF_INIT;
        sb_appendf(&ns, "%s ", m->number);
        S_text(c, pg, chap ? PF_BOLD : PF_REGULAR, st->size, chap ? c->accent : c->muted,
               num_x, pdf_baseline(y, st), sb_cstr(&ns));
        sb_free(&ns);
    }
    float end = title_x;
    for (size_t k = 0; k < ls->n; k++) {
        for (size_t f = 0; f < ls->items[k].n; f++)
            S_text(c, pg, ls->items[k].frags[f].face, st->size, c->text,
                   title_x + ls->items[k].frags[f].x, pdf_baseline(y, st),
                   ls->items[k].frags[f].text);
        end = title_x + ls->items[k].w;
        if (k + 1 < ls->n)
            y -= st->lead;
    }
    char num[16];
    snprintf(num, sizeof num, " %zu", m->page + 1);
    float nw = pdf_text_width(c, st->face, st->size, num + 1);
    float base = pdf_baseline(y, st);
    S_text(c, pg, st->face, st->size, c->text,
           right - nw - pdf_text_width(c, st->face, st->size, " "), base, num);
    /* Dot leaders between the title and its page number. */
    float dw = pdf_text_width(c, PF_REGULAR, st->size, ". ");
    float from = end + 6.0f, to = right - nw - 6.0f;
    if (to - from > dw) {
        strbuf dots = STRBUF_INIT;
        int k = (int)((to - from) / dw);
        for (int d = 0; d < k; d++)
            sb_append(&dots, ". ");
        pdf_tag_artifact(tg, PDF_ART_LAYOUT);
        S_text(c, pg, PF_REGULAR, st->size, c->rule, to - (float)k * dw, base, sb_cstr(&dots));
        sb_free(&dots);
    }
    y -= st->lead;
    HPDF_Rect r = {num_x, y, right, top};
    S_toc_link(c, link, m, pg, r, targets);
    return y;
}

/* Lay out the contents for the marks of level 1 and 2.  With pages == NULL,
 * only counts the pages needed; page numbers are then unknown and do not
 * change the layout (their column has a fixed width).  When painting, the
 * contents are a heading and a TOC (S_toc_entry).  pages[0] is the
 * document's page 1 (after the cover). */
static size_t S_contents(pdf_ctx *c, const pdf_mark *marks, size_t n, HPDF_Page *pages,
                         size_t npages, HPDF_Page *targets)
{
    size_t page = 0;
    float y = PDF_TOP;
    pdf_style title = {24.0f, 30.0f, PF_BOLD, c->accent, c->accent};
    pdf_tagger *tg = c->tagger;
    if (pages) {
        pdf_tag_page(tg, 1);
        pdf_tag_content(tg, c->se.contents_h);
        S_text(c, pages[0], PF_BOLD, title.size, c->accent, PDF_MARGIN_L,
               pdf_baseline(y, &title), c->meta->contents_title);
    }
    y -= title.lead + 8.0f;
    if (pages) {
        pdf_tag_artifact(tg, PDF_ART_LAYOUT);
        S_rect(pages[0], PDF_MARGIN_L, y - 3.0f, 48.0f, 3.0f, c->accent);
    }
    y -= 24.0f;
    const float right = PDF_PAGE_W - PDF_MARGIN_R;
    for (size_t i = 0; i < n; i++) {
        const pdf_mark *m = &marks[i];
        if (m->level > 2)
            continue;
        bool chap = m->level == 1;
        pdf_style st = {chap ? 12.0f : 11.0f, chap ? 16.0f : 14.5f, chap ? PF_BOLD : PF_REGULAR,
                        c->text, c->text};
        pdf_lines ls = {NULL, 0, 0};
        pdf_wrap_plain(c, m->title, st.face, &st, right - TOC_NUM_W - S_toc_title_x(chap), &ls);
        float gap = chap ? 10.0f : 1.5f;
        float h = gap + (float)ls.n * st.lead;
        if (y - h < PDF_BOTTOM) {
            page++;
            y = PDF_TOP;
            if (pages && page >= npages) {  /* cannot happen: same layout as pass 1 */
                pdf_lines_free(&ls);
                break;
            }
            if (pages)
                pdf_tag_page(tg, 1 + page);
        } else {
            y -= gap;
        }
        if (pages)
            y = S_toc_entry(c, m, pages[page], &ls, &st, y, targets);
        else
            y -= (float)ls.n * st.lead;
        pdf_lines_free(&ls);
    }
    if (pages)
        pdf_tag_close(tg);
    return page + 1;
}

/* ---- header, footer, bookmarks, properties ------------------------- */

/* The running header and the footer: pagination artifacts, which a screen
 * reader skips (the chapter title and page are known to it otherwise).  A
 * header or footer too long for its line is set smaller, then on two
 * lines, inside the margin (never over the text block or off the page). */
static void S_frame(pdf_ctx *c, HPDF_Page pg, size_t index, size_t total, const char *header)
{
    const doc_meta *meta = c->meta;
    const float right = PDF_PAGE_W - PDF_MARGIN_R;
    if (c->meta->marking) {
        /* A pagination artifact like the header; the "Restricted edition"
         * section of the report says it in text a screen reader reads. */
        pdf_tag_artifact(c->tagger, PDF_ART_HEADER);
        S_marking(c, pg, false);
    }
    if (header) {
        pdf_tag_artifact(c->tagger, PDF_ART_HEADER);
        if (pdf_text_width(c, PF_REGULAR, PDF_SMALL_SIZE, header) <= PDF_TEXT_W) {
            S_text(c, pg, PF_REGULAR, PDF_SMALL_SIZE, c->muted, PDF_MARGIN_L,
                   PDF_PAGE_H - 44.0f, header);
        } else {
            /* Upwards from the usual baseline, clear of the marking. */
            pdf_lines ls = {NULL, 0, 0};
            float size = S_fit_small(c, header, PF_REGULAR, PDF_SMALL_SIZE, 4.0f, PDF_TEXT_W,
                                     c->meta->marking ? 2.0f : 13.0f, &ls);
            S_small_lines(c, pg, &ls, size, PDF_MARGIN_L, PDF_PAGE_H - 44.0f, -size * 1.2f);
            pdf_lines_free(&ls);
        }
        S_line(pg, PDF_MARGIN_L, PDF_PAGE_H - 51.0f, right, PDF_PAGE_H - 51.0f, 0.5f, c->rule);
    }
    pdf_tag_artifact(c->tagger, PDF_ART_FOOTER);
    S_line(pg, PDF_MARGIN_L, 56.0f, right, 56.0f, 0.5f, c->rule);
    strbuf s = STRBUF_INIT, left = STRBUF_INIT;
    sb_appendf(&s, "Page %zu of %zu", index + 1, total);
    float w = pdf_text_width(c, PF_REGULAR, PDF_SMALL_SIZE, sb_cstr(&s));
    S_text(c, pg, PF_REGULAR, PDF_SMALL_SIZE, c->muted, right - w, 42.0f, sb_cstr(&s));
    /* Partnership and title; the title alone when both would not fit. */
    float room = PDF_TEXT_W - w - 24.0f;
    sb_append(&left, meta->footer);
    if (pdf_text_width(c, PF_REGULAR, PDF_SMALL_SIZE, sb_cstr(&left)) > room) {
        sb_clear(&left);
        sb_append(&left, meta->title);
    }
    if (pdf_text_width(c, PF_REGULAR, PDF_SMALL_SIZE, sb_cstr(&left)) <= room) {
        S_text(c, pg, PF_REGULAR, PDF_SMALL_SIZE, c->muted, PDF_MARGIN_L, 42.0f,
               sb_cstr(&left));
    } else {
        /* Downwards from the usual baseline, above the page's edge. */
        pdf_lines ls = {NULL, 0, 0};
        float size = S_fit_small(c, sb_cstr(&left), PF_REGULAR, PDF_SMALL_SIZE, 4.0f, room,
                                 22.0f, &ls);
        S_small_lines(c, pg, &ls, size, PDF_MARGIN_L, 42.0f, size * 1.2f);
        pdf_lines_free(&ls);
    }
    pdf_tag_close(c->tagger);
    sb_free(&s);
    sb_free(&left);
}

static void S_bookmarks(pdf_ctx *c, HPDF_Page *pages, size_t contents_page)
{
    HPDF_Encoder enc = HPDF_GetEncoder(c->pdf, "UTF-8");
    HPDF_Outline o = HPDF_CreateOutline(c->pdf, NULL, "Contents", enc);
    HPDF_Destination d = HPDF_Page_CreateDestination(pages[contents_page]);
    if (o && d)
        HPDF_Outline_SetDestination(o, d);
    HPDF_Outline parent[4] = {NULL, NULL, NULL, NULL};
    for (size_t i = 0; i < c->nmarks; i++) {
        const pdf_mark *m = &c->marks[i];
        int lv = m->level < 1 ? 1 : m->level > 3 ? 3 : m->level;
        strbuf t = STRBUF_INIT;
        if (m->number)
            sb_appendf(&t, "%s ", m->number);
        sb_append(&t, m->title);
        HPDF_Outline up = lv == 1 ? NULL : parent[lv - 1];
        if (lv > 1 && !up)
            up = parent[1];
        HPDF_Outline node = HPDF_CreateOutline(c->pdf, up, sb_cstr(&t), enc);
        sb_free(&t);
        if (!node)
            continue;
        HPDF_Outline_SetOpened(node, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
        d = HPDF_Page_CreateDestination(pages[m->page]);
        if (d) {
            HPDF_Destination_SetFitH(d, m->y + 10.0f);
            HPDF_Outline_SetDestination(node, d);
        }
        parent[lv] = node;
        for (int k = lv + 1; k < 4; k++)
            parent[k] = NULL;
    }
}

#define S_CREATOR "annrep " ANNREP_VERSION

static void S_properties(pdf_ctx *c)
{
    const doc_meta *meta = c->meta;
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE, meta->title);
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_AUTHOR, meta->author);
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT, meta->subject);
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_KEYWORDS, meta->keywords);
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, S_CREATOR);
    /* The publication date, never the clock: same input, same bytes. */
    int ymd = meta->published_ymd, mod = meta->modified_ymd ? meta->modified_ymd : ymd;
    HPDF_Date d = {ymd / 10000, (ymd / 100) % 100, ymd % 100, 0, 0, 0, '+', 0, 0};
    HPDF_Date m = {mod / 10000, (mod / 100) % 100, mod % 100, 0, 0, 0, '+', 0, 0};
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, m);
}

/* ---- entry point ---------------------------------------------------- */

/* libharu 2.3.0 points a UTF-8 font's /ToUnicode at its encoding CMap, a
 * CID map ("begincidrange") that is no ToUnicode map at all: poppler warns
 * on every page and other readers, screen readers among them, may fail to
 * extract the text.  With the UTF-8 encoder each character code is the
 * UTF-16 code unit of a Basic Multilingual Plane character, so the right map
 * is the identity: one bfrange per high byte (surrogates left out). */
static HPDF_STATUS S_fix_tounicode(HPDF_Doc pdf, HPDF_Font font)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s)
        return HPDF_GetError(pdf);
    s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    strbuf b = STRBUF_INIT;
    sb_append(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* 248 ranges (0x00-0xFF less 0xD8-0xDF), at most 100 per block. */
    int hi = 0;
    while (hi < 256) {
        int n = 0, first = hi;
        for (int h = first; h < 256 && n < 100; h++)
            if (h < 0xD8 || h > 0xDF)
                n++;
        sb_appendf(&b, "%d beginbfrange\n", n);
        for (int k = 0; hi < 256 && k < n; hi++) {
            if (hi >= 0xD8 && hi <= 0xDF)
                continue;
            sb_appendf(&b, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
            k++;
        }
        sb_append(&b, "endbfrange\n");
        while (hi < 256 && hi >= 0xD8 && hi <= 0xDF)
            hi++;
    }
    sb_append(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_STATUS st = HPDF_Stream_WriteStr(s->stream, sb_cstr(&b));
    sb_free(&b);
    if (st != HPDF_OK)
        return st;
    return HPDF_Dict_Add((HPDF_Dict)font, "ToUnicode", s);
}

/* The three faces, embedded, with their ToUnicode maps mended. */
static annrep_status S_fonts(pdf_ctx *c, const char *fonts_dir)
{
    static const char *const files[PF_COUNT] = {
        "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"};
    for (int i = 0; i < PF_COUNT; i++) {
        char *path = paths_join(fonts_dir, files[i]);
        if (!paths_is_file(path)) {
            diag_add(c->dl, DIAG_ERROR, path, 0, NULL, NULL, "font file not found");
            free(path);
            return ANNREP_ERR_IO;
        }
        const char *name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
        c->font[i] = name ? HPDF_GetFont(c->pdf, name, "UTF-8") : NULL;
        if (!c->font[i] || S_fix_tounicode(c->pdf, c->font[i]) != HPDF_OK) {
            diag_add(c->dl, DIAG_ERROR, path, 0, NULL, NULL, "cannot load the font");
            free(path);
            return ANNREP_ERR_LIBRARY;
        }
        free(path);
    }
    return ANNREP_OK;
}

static const pdf_lib_error S_no_error = {HPDF_OK, 0};

annrep_status pdf_ctx_init(pdf_ctx *c, const doc_meta *meta, const char *fonts_dir,
                           diag_list *dl)
{
    memset(c, 0, sizeof *c);
    c->meta = meta;
    c->dl = dl;
    c->err = xmalloc(sizeof *c->err);
    *c->err = S_no_error;
    c->pdf = HPDF_New(S_on_error, c->err);
    if (!c->pdf) {
        diag_add(dl, DIAG_ERROR, NULL, 0, NULL, NULL, "cannot start the PDF (out of memory)");
        return ANNREP_ERR_LIBRARY;
    }
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(c->pdf);
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    c->accent = S_rgb(meta->accent);
    c->text = S_rgb(COLOUR_TEXT);
    c->muted = S_rgb(COLOUR_MUTED);
    c->rule = S_rgb(COLOUR_RULE);
    c->light = S_rgb(COLOUR_LIGHT);
    return S_fonts(c, fonts_dir);
}

void pdf_ctx_free(pdf_ctx *c)
{
    pdf_pages_free(c);
    if (c->pdf)
        HPDF_Free(c->pdf);
    c->pdf = NULL;
    free(c->err);
    c->err = NULL;
}

/* Marks for the contents before layout: the chapters and sections of the
 * tree, in the order the flow will meet them. */
static size_t S_toc_marks(const doc_node *root, pdf_mark **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < root->nkids; i++) {
        const doc_node *ch = root->kids[i];
        XGROW(*out, cap, n + 1);
        (*out)[n++] = (pdf_mark){1, ch->number, ch->title, 0, 0};
        for (size_t k = 0; k < ch->nkids; k++)
            if (ch->kids[k]->type == DOC_SECTION && ch->kids[k]->level == 2) {
                XGROW(*out, cap, n + 1);
                (*out)[n++] = (pdf_mark){2, ch->kids[k]->number, ch->kids[k]->title, 0, 0};
            }
    }
    return n;
}

/* The elements of the pages painted in pass 2, in reading order before the
 * body's: the cover's Sect (area, title heading, period, publication date,
 * year) and the contents' Sect (heading and TOC). */
static void S_front_elements(pdf_ctx *c)
{
    pdf_tree *t = &c->tree;
    c->se.doc = pdf_tree_add(t, PT_DOCUMENT, -1);
    c->se.cover = pdf_tree_add(t, PT_SECT, c->se.doc);
    c->se.area = pdf_tree_add(t, PT_P, c->se.cover);
    c->se.title = pdf_tree_add(t, PT_H1, c->se.cover);
    c->se.period = pdf_tree_add(t, PT_P, c->se.cover);
    c->se.published = pdf_tree_add(t, PT_P, c->se.cover);
    c->se.year = pdf_tree_add(t, PT_P, c->se.cover);
    c->se.contents = pdf_tree_add(t, PT_SECT, c->se.doc);
    c->se.contents_h = pdf_tree_add(t, PT_H1, c->se.contents);
    c->se.toc = pdf_tree_add(t, PT_TOC, c->se.contents);
}

void pdf_layout(pdf_ctx *c, const doc_node *doc)
{
    S_front_elements(c);
    c->cur_se = PDF_SE_NONE;
    pdf_mark *toc = NULL;
    size_t ntoc = S_toc_marks(doc, &toc);
    c->ncontents = S_contents(c, toc, ntoc, NULL, 0, NULL);
    free(toc);
    for (size_t i = 0; i < 1 + c->ncontents; i++)
        pdf_new_page(c);
    pdf_flow_document(c, doc);
}

/* Pass 2: paint every page, now that every page number is known. */
static annrep_status S_paint(pdf_ctx *c, HPDF_Page *hp, const char *path)
{
    for (size_t i = 0; i < c->npages; i++) {
        hp[i] = HPDF_AddPage(c->pdf);
        if (!hp[i])
            return ANNREP_ERR_LIBRARY;
        HPDF_Page_SetSize(hp[i], HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    }
    if (c->err->status != HPDF_OK)
        return ANNREP_ERR_LIBRARY;
    pdf_tag_page(c->tagger, 0);
    annrep_status st = S_cover(c, hp[0]);
    if (st != ANNREP_OK)
        return st;
    S_contents(c, c->marks, c->nmarks, hp + 1, c->ncontents, hp);
    for (size_t i = 1; i < c->npages; i++) {
        pdf_tag_page(c->tagger, i);
        S_frame(c, hp[i], i, c->npages, c->pages[i].header);
        if (S_paint_ops(c, hp[i], &c->pages[i]) != 0) {
            diag_add(c->dl, DIAG_ERROR, path, 0, NULL, NULL, "a chart could not be drawn");
            return ANNREP_ERR_LIBRARY;
        }
    }
    S_bookmarks(c, hp, 1);
    HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    S_properties(c);
    if (c->err->status != HPDF_OK)
        return ANNREP_ERR_LIBRARY;
    st = pdf_tag_finish(c->tagger, c->meta, S_CREATOR);
    if (st == ANNREP_ERR_INTERNAL)
        diag_add(c->dl, DIAG_ERROR, path, 0, NULL, NULL,
                 "internal error: a mark on a page belongs to no structure element, or was "
                 "tagged inside a path or text object");
    return st;
}

annrep_status pdf_write(const doc_node *doc, const char *fonts_dir, const char *path,
                        diag_list *dl)
{
    pdf_ctx c;
    annrep_status st = pdf_ctx_init(&c, doc->meta, fonts_dir, dl);
    HPDF_Page *hp = NULL;
    if (st != ANNREP_OK)
        goto out;
    pdf_layout(&c, doc);
    hp = xcalloc(c.npages, sizeof *hp);
    pdf_tagger tg;
    pdf_tagger_init(&tg, c.pdf, &c.tree, hp, c.npages);
    c.tagger = &tg;
    st = S_paint(&c, hp, path);
    if (st == ANNREP_OK) {
        st = pdf_save(c.pdf, path);
        if (st == ANNREP_ERR_IO) /* errno says why: the pipeline prints it */
            diag_add(dl, DIAG_ERROR, path, 0, NULL, NULL, "could not write the PDF: %s",
                     strerror(errno));
        else if (st == ANNREP_OK && c.err->status != HPDF_OK)
            st = ANNREP_ERR_LIBRARY;
    }
    if (st == ANNREP_ERR_LIBRARY && c.err->status != HPDF_OK)
        diag_add(dl, DIAG_ERROR, path, 0, NULL, NULL, "the PDF library failed: %s",
                 pdf_lib_error_text(c.err->status));
    pdf_tagger_free(&tg);
    c.tagger = NULL;
out:
    free(hp);
    pdf_ctx_free(&c);
    return st;
}
