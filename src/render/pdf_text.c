/* pdf_text.c - measuring text with the embedded fonts' metrics and breaking
 * inline runs into left-aligned lines (libharu's own alignment spreads
 * letters with CID fonts, so lines are set here).  Knows fonts and widths,
 * nothing about pages. */
#include "pdf_internal.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "../util/text.h"

#include <hpdf_font.h>
#include <stdlib.h>
#include <string.h>

float pdf_text_width(const pdf_ctx *c, pdf_face f, float size, const char *s)
{
    if (!s || !*s)
        return 0.0f;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(c->font[f], (const HPDF_BYTE *)s, (HPDF_UINT)strlen(s));
    return (float)tw.width * size / 1000.0f;
}

unsigned long pdf_font_missing(HPDF_Font font, const char *s)
{
    HPDF_FontAttr attr = font ? (HPDF_FontAttr)font->attr : NULL;
    if (!attr || !attr->fontdef || attr->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE)
        return 0;
    while (s && *s) {
        unsigned long cp = text_utf8_next(&s);
        if (cp > 0xFFFF || HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cp) == 0)
            return cp;
    }
    return 0;
}

static const char *const S_face_names[PF_COUNT] = {
    [PF_REGULAR] = "Liberation Sans", [PF_BOLD] = "Liberation Sans Bold",
    [PF_ITALIC] = "Liberation Sans Italic"};

void pdf_check_glyphs(pdf_ctx *c, pdf_face f, const char *s, const doc_node *src,
                      const char *setting)
{
    unsigned long cp = pdf_font_missing(c->font[f], s);
    if (cp == 0)
        return;
    const char *file = src ? src->file : "report.ini";
    int line = src ? src->line : 0;
    for (size_t i = 0; i < c->nwarned; i++)
        if (c->warned[i].cp == cp && c->warned[i].line == line &&
            strcmp(c->warned[i].file, file) == 0)
            return;
    XGROW(c->warned, c->warnedcap, c->nwarned + 1);
    c->warned[c->nwarned++] = (pdf_glyph_warned){file, line, cp};
    char shown[8] = "";
    const char *q = s;
    while (*q) {  /* the character itself, as written */
        const char *at = q;
        if (text_utf8_next(&q) == cp && (size_t)(q - at) < sizeof shown) {
            memcpy(shown, at, (size_t)(q - at));
            shown[q - at] = '\0';
            break;
        }
    }
    if (cp > 0xFFFF)
        diag_add(c->dl, DIAG_WARNING, file, line, setting, shown,
                 "character U+%04lX is beyond the Basic Multilingual Plane, which the PDF's "
                 "fonts cannot carry: the PDF cannot show it; use another character, or words",
                 cp);
    else
        diag_add(c->dl, DIAG_WARNING, file, line, setting, shown,
                 "character U+%04lX is not in the embedded font (%s): the PDF cannot show it "
                 "(a blank or an empty box in its place); use a character the font has, or "
                 "words",
                 cp, S_face_names[f]);
}

pdf_style pdf_caption_style(const pdf_ctx *c)
{
    pdf_style s = {11.0f, 14.5f, PF_BOLD, c->text, c->text};
    return s;
}

pdf_style pdf_foot_style(const pdf_ctx *c)
{
    pdf_style s = {PDF_SMALL_SIZE, 12.0f, PF_REGULAR, c->muted, c->muted};
    return s;
}

float pdf_baseline(float top, const pdf_style *st)
{
    /* Centre the font's ascent+descent (0.905 + 0.212 em for Liberation
     * Sans) in the line box. */
    float body = 1.117f * st->size;
    return top - (st->lead - body) / 2.0f - 0.905f * st->size;
}

void pdf_lines_free(pdf_lines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t j = 0; j < l->items[i].n; j++)
            free(l->items[i].frags[j].text);
        free(l->items[i].frags);
    }
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

/* A word: pieces of text (possibly in several faces) with no break
 * opportunity between them. */
typedef struct {
    pdf_frag *pieces;
    size_t n, cap;
    float w;
    bool space_before;
    float space_w;
    bool break_before;
    bool glued;        /* the rest of a word broken because it was too long */
} S_word;

typedef struct {
    S_word *items;
    size_t n, cap;
} S_words;

static pdf_face S_face(unsigned flags, pdf_face base)
{
    bool bold = (flags & DOC_RUN_BOLD) || base == PF_BOLD;
    bool italic = (flags & DOC_RUN_ITALIC) || base == PF_ITALIC;
    /* No bold italic face is embedded: bold wins (it carries the emphasis). */
    if (bold)
        return PF_BOLD;
    return italic ? PF_ITALIC : PF_REGULAR;
}

static S_word *S_new_word(S_words *ws, bool space_before, float space_w, bool brk)
{
    XGROW(ws->items, ws->cap, ws->n + 1);
    S_word *w = &ws->items[ws->n++];
    memset(w, 0, sizeof *w);
    w->space_before = space_before;
    w->space_w = space_w;
    w->break_before = brk;
    return w;
}

static void S_piece(const pdf_ctx *c, S_word *w, const char *s, size_t n, pdf_face f,
                    pdf_rgb col, float size)
{
    if (n == 0)
        return;
    /* Adjacent pieces in the same face and colour become one. */
    if (w->n > 0) {
        pdf_frag *last = &w->pieces[w->n - 1];
        if (last->face == f && last->color.r == col.r && last->color.g == col.g &&
            last->color.b == col.b) {
            size_t old = strlen(last->text);
            last->text = xrealloc(last->text, old + n + 1);
            memcpy(last->text + old, s, n);
            last->text[old + n] = '\0';
            w->w -= last->w;
            last->w = pdf_text_width(c, f, size, last->text);
            w->w += last->w;
            return;
        }
    }
    XGROW(w->pieces, w->cap, w->n + 1);
    pdf_frag *p = &w->pieces[w->n++];
    p->text = xstrndup(s, n);
    p->face = f;
    p->color = col;
    p->w = pdf_text_width(c, f, size, p->text);
    p->x = 0;
    w->w += p->w;
}

static void S_words_from_runs(const pdf_ctx *c, const doc_run *runs, size_t nruns,
                              const pdf_style *st, S_words *ws)
{
    S_word *cur = NULL;
    bool pending_space = false, pending_break = false;
    float pending_space_w = 0;
    for (size_t i = 0; i < nruns; i++) {
        const doc_run *r = &runs[i];
        if (r->flags & DOC_RUN_BREAK) {
            pending_break = true;
            pending_space = false;
            cur = NULL;
            continue;
        }
        pdf_face f = S_face(r->flags, st->face);
        pdf_rgb col = (r->flags & DOC_RUN_FIGURE) ? st->figure_color : st->color;
        if (r->flags & DOC_RUN_FIGURE) {
            /* A figure never breaks inside ("Figure 3", "n/a"). */
            if (!cur || pending_space || pending_break) {
                cur = S_new_word(ws, pending_space, pending_space_w, pending_break);
                pending_space = pending_break = false;
            }
            S_piece(c, cur, r->text, strlen(r->text), f, col, st->size);
            continue;
        }
        const char *s = r->text;
        while (*s) {
            if (*s == ' ' || *s == '\t' || *s == '\n') {
                if (cur || pending_break)
                    pending_space = cur != NULL;
                pending_space_w = pdf_text_width(c, f, st->size, " ");
                cur = NULL;
                s++;
                continue;
            }
            size_t n = strcspn(s, " \t\n");
            if (!cur) {
                cur = S_new_word(ws, pending_space && ws->n > 0, pending_space_w, pending_break);
                pending_space = pending_break = false;
            }
            S_piece(c, cur, s, n, f, col, st->size);
            s += n;
        }
    }
}

static void S_append_space(pdf_frag *f)
{
    size_t n = strlen(f->text);
    f->text = xrealloc(f->text, n + 2);
    f->text[n] = ' ';
    f->text[n + 1] = '\0';
}

static void S_emit(pdf_lines *out, S_word *ws, size_t from, size_t to)
{
    XGROW(out->items, out->cap, out->n + 1);
    pdf_line *l = &out->items[out->n++];
    memset(l, 0, sizeof *l);
    float x = 0;
    for (size_t i = from; i < to; i++) {
        S_word *w = &ws[i];
        if (i > from && w->space_before)
            x += w->space_w;
        for (size_t j = 0; j < w->n; j++) {
            pdf_frag f = w->pieces[j];
            f.x = x;
            f.text = xstrdup(f.text);
            x += f.w;
            /* Merge with the line's previous fragment when the style matches
             * (fewer text operations, and pdftotext sees whole phrases). */
            if (l->n > 0) {
                pdf_frag *last = &l->frags[l->n - 1];
                if (last->face == f.face && last->color.r == f.color.r &&
                    last->color.g == f.color.g && last->color.b == f.color.b) {
                    float gap = f.x - (last->x + last->w);
                    if (gap > 0.01f) {
                        size_t ol = strlen(last->text);
                        last->text = xrealloc(last->text, ol + 2);
                        last->text[ol] = ' ';
                        last->text[ol + 1] = '\0';
                    }
                    size_t ol = strlen(last->text), nl = strlen(f.text);
                    last->text = xrealloc(last->text, ol + nl + 1);
                    memcpy(last->text + ol, f.text, nl + 1);
                    last->w = x - last->x;
                    free(f.text);
                    continue;
                }
            }
            /* A space between fragments of different styles is a gap on
             * the page; it is also written at the end of the previous
             * fragment (invisible, its width unchanged), so that text taken
             * from the page reads "received 215", not "received215". */
            if (l->n > 0 && f.x - (l->frags[l->n - 1].x + l->frags[l->n - 1].w) > 0.01f)
                S_append_space(&l->frags[l->n - 1]);
            XGROW(l->frags, l->cap, l->n + 1);
            l->frags[l->n++] = f;
        }
    }
    l->w = x;
}

/* Bytes of the n at t, in face f, that fit in room points; each
 * character measured once, so a long word costs linear time. */
static size_t S_fit_bytes(const pdf_ctx *c, pdf_face f, float size, const char *t, size_t n,
                          float room, float *used)
{
    size_t i = 0;
    float w = 0;
    char ch[8];
    while (i < n) {
        const char *q = t + i;
        text_utf8_next(&q);
        size_t len = (size_t)(q - (t + i));
        if (len > n - i)
            len = n - i;
        memcpy(ch, t + i, len < sizeof ch ? len : sizeof ch - 1);
        ch[len < sizeof ch ? len : sizeof ch - 1] = '\0';
        float cw = pdf_text_width(c, f, size, ch);
        if (w + cw > room + 0.01f)
            break;
        w += cw;
        i += len;
    }
    *used = w;
    return i;
}

/* Word w, wider than width, as words that each fit, broken where
 * text_break_point says (after a URL's / . - ?, else between characters);
 * the pieces after the first are glued to the one before (no space). */
static void S_split_word(const pdf_ctx *c, const S_word *w, float width, float size,
                         S_words *out)
{
    S_word *cur = S_new_word(out, w->space_before, w->space_w, w->break_before);
    float acc = 0;
    for (size_t j = 0; j < w->n; j++) {
        const pdf_frag *p = &w->pieces[j];
        const char *t = p->text;
        size_t len = strlen(t);
        while (len > 0) {
            float used;
            size_t fit = S_fit_bytes(c, p->face, size, t, len, width - acc, &used);
            size_t take = fit == len ? len : 0;
            if (!take && fit == 0 && cur->n > 0) {
                /* Nothing more fits on this line: the rest starts the next. */
                cur = S_new_word(out, false, 0, false);
                cur->glued = true;
                acc = 0;
                continue;
            }
            if (!take)
                take = text_break_point(t, len, fit);
            S_piece(c, cur, t, take, p->face, p->color, size);
            acc = cur->w;
            t += take;
            len -= take;
            if (len > 0) {
                cur = S_new_word(out, false, 0, false);
                cur->glued = true;
                acc = 0;
            }
        }
    }
}

/* Every word wider than a line broken into pieces that fit, so that no
 * text runs past the line's end. */
static void S_split_long(const pdf_ctx *c, S_words *ws, float width, float size)
{
    bool any = false;
    for (size_t i = 0; i < ws->n && !any; i++)
        any = ws->items[i].w > width + 0.01f;
    if (!any)
        return;
    S_words out = {NULL, 0, 0};
    for (size_t i = 0; i < ws->n; i++) {
        S_word *w = &ws->items[i];
        if (w->w > width + 0.01f) {
            S_split_word(c, w, width, size, &out);
            for (size_t j = 0; j < w->n; j++)
                free(w->pieces[j].text);
            free(w->pieces);
        } else {
            XGROW(out.items, out.cap, out.n + 1);
            out.items[out.n++] = *w;
        }
    }
    free(ws->items);
    *ws = out;
}

static void S_break(S_words *ws, float width, pdf_lines *out)
{
    size_t first_line = out->n;  /* out may hold lines of earlier text */
    size_t start = 0;
    float x = 0;
    bool *glued = xcalloc(ws->n + 1, sizeof *glued);  /* per line: the next is glued */
    size_t nl = 0;
    for (size_t i = 0; i < ws->n; i++) {
        S_word *w = &ws->items[i];
        bool first = i == start;
        float need = (first || !w->space_before ? 0 : w->space_w) + w->w;
        if (!first && (w->break_before || x + need > width + 0.01f)) {
            S_emit(out, ws->items, start, i);
            glued[nl++] = w->glued;
            start = i;
            x = w->w;
            continue;
        }
        x += need;
    }
    if (start < ws->n)
        S_emit(out, ws->items, start, ws->n);
    /* Every line but the last ends in a space, for the same reason: the
     * words either side of a line break stay two words (not where a word
     * too long for a line was broken: it stays one word). */
    for (size_t i = first_line, k = 0; i + 1 < out->n; i++, k++)
        if (out->items[i].n > 0 && !(k < nl && glued[k]))
            S_append_space(&out->items[i].frags[out->items[i].n - 1]);
    free(glued);
}

static void S_words_free(S_words *ws)
{
    for (size_t i = 0; i < ws->n; i++) {
        for (size_t j = 0; j < ws->items[i].n; j++)
            free(ws->items[i].pieces[j].text);
        free(ws->items[i].pieces);
    }
    free(ws->items);
}

void pdf_wrap_within(const pdf_ctx *c, const doc_run *runs, size_t nruns, const pdf_style *st,
                     float width, float break_width, pdf_lines *out)
{
    S_words ws = {NULL, 0, 0};
    S_words_from_runs(c, runs, nruns, st, &ws);
    S_split_long(c, &ws, break_width > width ? break_width : width, st->size);
    S_break(&ws, width, out);
    S_words_free(&ws);
}

void pdf_wrap(const pdf_ctx *c, const doc_run *runs, size_t nruns, const pdf_style *st,
              float width, pdf_lines *out)
{
    pdf_wrap_within(c, runs, nruns, st, width, width, out);
}

void pdf_wrap_plain(const pdf_ctx *c, const char *text, pdf_face face, const pdf_style *st,
                    float width, pdf_lines *out)
{
    pdf_wrap_plain_within(c, text, face, st, width, width, out);
}

void pdf_wrap_plain_within(const pdf_ctx *c, const char *text, pdf_face face,
                           const pdf_style *st, float width, float break_width, pdf_lines *out)
{
    pdf_style s = *st;
    s.face = face;
    doc_run r = {(char *)text, 0, NULL, 0, 0};
    pdf_wrap_within(c, &r, 1, &s, width, break_width, out);
}
