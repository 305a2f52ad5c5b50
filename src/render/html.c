/* html.c - annual-report-<year>.html: html_write() from render.h, the web
 * edition of the report.
 *
 * One self-contained HTML5 file: the stylesheet inline (html_css.c), the
 * charts as inline SVG painted from the chart module's drawing operations
 * (html_chart.c), the logo as a data: URI, no script, nothing fetched from
 * anywhere else.  The page is a skip link, a header (the report's title in
 * the one <h1>), the contents as a <nav> linking every chapter and
 * section, the chapters in <main>, and a footer.  Headings follow the tree:
 * chapters are <h2>, and each section one level below its parent, so no
 * level is ever skipped.
 *
 * One walk over the document with the document iterator and one switch
 * over node types with no default, as cmark's html.c: a new node type is a
 * compiler warning here until the page shows it.  Every word comes from the
 * document; this file chooses tags.  Knows HTML; nothing about returns,
 * templates or how a figure was computed. */
#include "html_internal.h"

#include "../util/alloc.h"
#include "../util/colour.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The charts are laid out twice: for a wide column and for a phone, where
 * the wide drawing shrunk to fit would make its text too small to read.
 * The stylesheet shows one of the two.  The wide one is the PDF's (the
 * width of an A4 text column) drawn at 1.5 CSS pixels a point, so its
 * 9-point ticks are 13.5 px; the narrow one fills a phone's column. */
#define CHART_WIDE_PT 480.0
#define CHART_WIDE_PX_PER_PT 1.5
#define CHART_NARROW_PT 230.0
#define CHART_NARROW_PX_PER_PT 1.6

/* ---- ids -------------------------------------------------------------- */

/* The id of each heading, table and figure, decided before anything is
 * written so that the contents can link to headings further down. */
typedef struct {
    const doc_node *node;
    char *id;
} S_id;

typedef struct {
    S_id *items;
    size_t n, cap;
} S_ids;

static bool S_id_used(const S_ids *ids, const char *id)
{
    for (size_t i = 0; i < ids->n; i++)
        if (strcmp(ids->items[i].id, id) == 0)
            return true;
    return false;
}

/* Give n the id base, or base-2, base-3 ... when it is taken. */
static void S_id_add(S_ids *ids, const doc_node *n, const char *base)
{
    strbuf b = STRBUF_INIT;
    sb_append(&b, base);
    for (int k = 2; S_id_used(ids, sb_cstr(&b)); k++) {
        sb_clear(&b);
        sb_appendf(&b, "%s-%d", base, k);
    }
    XGROW(ids->items, ids->cap, ids->n + 1);
    ids->items[ids->n].node = n;
    ids->items[ids->n].id = sb_take(&b);
    ids->n++;
}

static const char *S_id_of(const S_ids *ids, const doc_node *n)
{
    for (size_t i = 0; i < ids->n; i++)
        if (ids->items[i].node == n)
            return ids->items[i].id;
    return "";
}

/* "section-6-2" from the prefix and the number "6.2"; NULL without one. */
static char *S_numbered_id(const char *prefix, const char *number)
{
    if (!number || !*number)
        return NULL;
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "%s-", prefix);
    for (const char *p = number; *p; p++)
        sb_putc(&b, *p == '.' ? '-' : *p);
    return sb_take(&b);
}

/* A readable id from a title: lower-case letters and digits, the rest
 * dashes ("foreword-from-the-independent-chair"). */
static char *S_slug(const char *title)
{
    strbuf b = STRBUF_INIT;
    bool dash = false;
    for (const char *p = title ? title : ""; *p && b.len < 60; p++) {
        char ch = *p;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && b.len)
                sb_putc(&b, '-');
            sb_putc(&b, ch);
            dash = false;
        } else {
            dash = true;
        }
    }
    if (!b.len)
        sb_append(&b, "part");
    return sb_take(&b);
}

static char *S_node_base_id(const doc_node *n, bool numbered)
{
    char buf[32];
    switch (n->type) {
    case DOC_CHAPTER:
        return numbered ? S_numbered_id("chapter", n->number) : S_slug(n->title);
    case DOC_SECTION:
        return numbered ? S_numbered_id("section", n->number) : S_slug(n->title);
    case DOC_TABLE:
    case DOC_CHART:
        if (!numbered)
            return NULL;
        snprintf(buf, sizeof buf, "%s-%d", n->type == DOC_TABLE ? "table" : "figure", n->seq);
        return xstrdup(buf);
    case DOC_DOCUMENT:
    case DOC_PARAGRAPH:
    case DOC_LIST:
    case DOC_ITEM:
    case DOC_QUOTE:
        break;
    }
    return NULL;
}

/* Numbered ids first ("chapter-6", "table-3"), so that a heading whose
 * title happens to read "Table 3" cannot take one; then the slugs. */
static void S_assign_ids(const doc_node *root, S_ids *ids)
{
    for (int pass = 0; pass < 2; pass++) {
        doc_iter it;
        doc_node *n;
        doc_event ev;
        doc_iter_init(&it, (doc_node *)root);
        while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE) {
            if (ev != DOC_EV_ENTER || (pass == 1 && *S_id_of(ids, n)))
                continue;
            char *base = S_node_base_id(n, pass == 0);
            if (base)
                S_id_add(ids, n, base);
            free(base);
        }
    }
}

static void S_ids_free(S_ids *ids)
{
    for (size_t i = 0; i < ids->n; i++)
        free(ids->items[i].id);
    free(ids->items);
}

/* ---- the page --------------------------------------------------------- */

typedef struct {
    strbuf b;
    const doc_meta *meta;
    S_ids ids;
    char *logo_uri;     /* data:image/png;base64,... or NULL */
    unsigned logo_w, logo_h;
    uint32_t accent;    /* the accent, dark enough for text and under white text */
    annrep_status st;   /* the first failure */
    diag_list *dl;
    const char *path;
} S_page;

/* WCAG relative luminance of 0xRRGGBB and the contrast of two colours. */
static double S_lum(uint32_t c)
{
    double ch[3];
    for (int i = 0; i < 3; i++) {
        double v = (double)((c >> (16 - 8 * i)) & 0xFFu) / 255.0;
        ch[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

static double S_contrast(uint32_t a, uint32_t b)
{
    double la = S_lum(a), lb = S_lum(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* The report's accent as the page uses it: headings and links on white,
 * white text on the masthead, so it must reach 4.5:1 against white; a
 * lighter accent is darkened towards black until it does. */
static uint32_t S_page_accent(uint32_t accent)
{
    for (int i = 0; i < 40 && S_contrast(accent, COLOUR_WHITE) < 4.5; i++)
        accent = colour_mix(accent, 0x000000u, 0.08);
    return accent;
}

/* Append the id of n as the value of attribute name. */
static void S_id_attr(S_page *pg, const char *name, const doc_node *n)
{
    sb_appendf(&pg->b, " %s=\"", name);
    html_attr(&pg->b, S_id_of(&pg->ids, n));
    sb_putc(&pg->b, '"');
}

static void S_head(S_page *pg)
{
    const doc_meta *m = pg->meta;
    strbuf *b = &pg->b;
    sb_append(b, "<!DOCTYPE html>\n<html lang=\"");
    html_attr(b, m->language && *m->language ? m->language : "en-GB");
    sb_append(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>");
    if (m->marking) {
        html_esc(b, m->marking);
        sb_append(b, " \xE2\x80\x94 ");
    }
    html_esc(b, m->footer);
    sb_append(b, "</title>\n<meta name=\"description\" content=\"");
    html_attr(b, m->subject);
    sb_append(b, "\">\n<meta name=\"author\" content=\"");
    html_attr(b, m->author);
    sb_append(b, "\">\n<meta name=\"keywords\" content=\"");
    html_attr(b, m->keywords);
    sb_appendf(b, "\">\n<meta name=\"generator\" content=\"annrep %s\">\n<style>\n",
               ANNREP_VERSION);
    html_css(b, pg->accent);
    sb_append(b, "</style>\n</head>\n<body>\n");
}

static void S_header(S_page *pg)
{
    const doc_meta *m = pg->meta;
    strbuf *b = &pg->b;
    sb_append(b, "<a class=\"skip-link\" href=\"#main\">");
    html_esc(b, m->skip_link);
    sb_append(b, "</a>\n<header>\n");
    if (m->marking) {
        /* The restricted edition: said first, and on every printed page. */
        sb_append(b, "<p class=\"marking\">");
        html_esc(b, m->marking);
        sb_append(b, "</p>\n");
    }
    if (pg->logo_uri)
        sb_appendf(b, "<div class=\"brand\"><div class=\"wrap\"><img src=\"%s\" alt=\"\" "
                      "width=\"%u\" height=\"%u\"></div></div>\n",
                   pg->logo_uri, pg->logo_w, pg->logo_h);
    sb_append(b, "<div class=\"masthead\"><div class=\"wrap\">\n<p class=\"area\">");
    html_esc(b, m->area);
    sb_append(b, "</p>\n<p class=\"partnership\">");
    html_esc(b, m->partnership);
    sb_append(b, "</p>\n<h1>");
    html_esc(b, m->title);
    sb_append(b, "</h1>\n<p class=\"period\">");
    html_esc(b, m->period);
    sb_append(b, "</p>\n<p class=\"published\">Published ");
    html_esc(b, m->published);
    if (m->revision) {
        sb_append(b, "</p>\n<p class=\"revised\">");
        html_esc(b, m->revision);
    }
    sb_append(b, "</p>\n</div></div>\n</header>\n");
}

/* One entry of the contents: a link to the heading of n. */
static void S_toc_link(S_page *pg, const doc_node *n)
{
    strbuf *b = &pg->b;
    sb_append(b, "<a href=\"#");
    html_attr(b, S_id_of(&pg->ids, n));
    /* The number in a column of its own; an unnumbered chapter keeps the
     * column, so every title starts at the same place. */
    sb_append(b, "\"><span class=\"num\">");
    html_esc(b, n->number);
    sb_append(b, "</span><span class=\"title\">");
    html_esc(b, n->title);
    sb_append(b, "</span></a>");
}

/* The contents: every chapter and its sections of level 2, as the PDF's. */
static void S_contents(S_page *pg, const doc_node *root)
{
    strbuf *b = &pg->b;
    sb_append(b, "<nav class=\"contents\" aria-labelledby=\"contents-title\"><div class=\"wrap\">\n"
                 "<h2 id=\"contents-title\">");
    html_esc(b, pg->meta->contents_title);
    sb_append(b, "</h2>\n<ol>\n");
    for (size_t i = 0; i < root->nkids; i++) {
        const doc_node *ch = root->kids[i];
        if (ch->type != DOC_CHAPTER)
            continue;
        sb_append(b, "<li>");
        S_toc_link(pg, ch);
        bool open = false;
        for (size_t k = 0; k < ch->nkids; k++) {
            const doc_node *s = ch->kids[k];
            if (s->type != DOC_SECTION || s->level != 2)
                continue;
            sb_append(b, open ? "\n<li>" : "\n<ol>\n<li>");
            open = true;
            S_toc_link(pg, s);
            sb_append(b, "</li>");
        }
        sb_append(b, open ? "\n</ol></li>\n" : "</li>\n");
    }
    sb_append(b, "</ol>\n</div></nav>\n");
}

static void S_footer(S_page *pg)
{
    const doc_meta *m = pg->meta;
    strbuf *b = &pg->b;
    sb_append(b, "<footer class=\"page-footer\"><div class=\"wrap\">\n<p>");
    html_esc(b, m->footer);
    sb_append(b, "</p>\n<p>Published ");
    html_esc(b, m->published);
    sb_append(b, "</p>\n");
    if (m->revision) {
        sb_append(b, "<p>");
        html_esc(b, m->revision);
        sb_append(b, "</p>\n");
    }
    if (m->contact) {
        sb_append(b, "<p>");
        html_esc(b, m->contact);
        sb_append(b, "</p>\n");
    }
    sb_append(b, "</div></footer>\n");
}

/* ---- blocks ----------------------------------------------------------- */

/* The heading level of a chapter (2) or section: one below its parent's. */
static int S_heading_level(const doc_node *n)
{
    int level = 2;
    for (const doc_node *p = n->parent; p && p->type == DOC_SECTION; p = p->parent)
        level++;
    if (n->type == DOC_SECTION)
        level++;
    return level > 6 ? 6 : level;
}

static void S_heading(S_page *pg, const doc_node *n)
{
    strbuf *b = &pg->b;
    int h = S_heading_level(n);
    sb_appendf(b, "<h%d", h);
    S_id_attr(pg, "id", n);
    sb_putc(b, '>');
    if (n->type == DOC_CHAPTER && n->label) {
        sb_append(b, "<span class=\"chapter-label\">");
        html_esc(b, n->label);
        sb_append(b, "</span> ");
    } else if (n->number) {
        sb_append(b, "<span class=\"num\">");
        html_esc(b, n->number);
        sb_append(b, "</span> ");
    }
    html_esc(b, n->title);
    sb_appendf(b, "</h%d>\n", h);
}

/* Close and open <strong> / <em> so that the markup follows the runs'
 * flags, <strong> always outside <em>. */
static void S_style(strbuf *b, unsigned *cur, unsigned want)
{
    const unsigned mask = DOC_RUN_BOLD | DOC_RUN_ITALIC;
    want &= mask;
    if (*cur == want)
        return;
    bool reopen_bold = (*cur & DOC_RUN_BOLD) != (want & DOC_RUN_BOLD);
    if (*cur & DOC_RUN_ITALIC)
        sb_append(b, "</em>");
    if ((*cur & DOC_RUN_BOLD) && reopen_bold)
        sb_append(b, "</strong>");
    if ((want & DOC_RUN_BOLD) && reopen_bold)
        sb_append(b, "<strong>");
    if (want & DOC_RUN_ITALIC)
        sb_append(b, "<em>");
    *cur = want;
}

static void S_paragraph(S_page *pg, const doc_node *p)
{
    strbuf *b = &pg->b;
    unsigned cur = 0;
    sb_append(b, "<p>");
    for (size_t i = 0; i < p->nruns; i++) {
        const doc_run *r = &p->runs[i];
        S_style(b, &cur, r->flags);
        if (r->flags & DOC_RUN_BREAK) {
            sb_append(b, "<br>");
        } else if ((r->flags & DOC_RUN_FIGURE) && r->key) {
            sb_append(b, "<span class=\"figure\" data-key=\"");
            html_attr(b, r->key);
            sb_append(b, "\">");
            html_esc_abbr(b, r->text);
            sb_append(b, "</span>");
        } else {
            html_esc_abbr(b, r->text);
        }
    }
    S_style(b, &cur, 0);
    sb_append(b, "</p>\n");
}

static void S_table(S_page *pg, const doc_node *n)
{
    html_table(&pg->b, n->table, n->heading, S_id_of(&pg->ids, n), n->source_line);
}

/* A chart: its caption (number, title, source), the drawing for wide
 * screens and for phones, its description, and its numbers in a table
 * that opens on request. */
static void S_chart(S_page *pg, const doc_node *n)
{
    strbuf *b = &pg->b;
    const char *id = S_id_of(&pg->ids, n);
    sb_append(b, "<figure class=\"chart-figure\"");
    S_id_attr(pg, "id", n);
    sb_append(b, ">\n<figcaption><span class=\"figure-title\">");
    html_esc(b, n->heading);
    sb_append(b, "</span><span class=\"figure-source source\">");
    html_esc(b, n->source_line);
    sb_append(b, "</span></figcaption>\n");
    static const struct {
        double w, px_per_pt;
        const char *suffix, *cls;
    } layouts[] = {{CHART_WIDE_PT, CHART_WIDE_PX_PER_PT, "_wide", "chart chart-wide"},
                   {CHART_NARROW_PT, CHART_NARROW_PX_PER_PT, "_narrow", "chart chart-narrow"}};
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        strbuf sid = STRBUF_INIT;
        sb_appendf(&sid, "%s%s", id, layouts[i].suffix);
        annrep_status st = html_chart_svg(b, n->chart, layouts[i].w, layouts[i].px_per_pt,
                                          n->caption, sb_cstr(&sid), layouts[i].cls);
        sb_free(&sid);
        if (st != ANNREP_OK && pg->st == ANNREP_OK) {
            diag_add(pg->dl, DIAG_ERROR, pg->path, 0, NULL, NULL,
                     "%s could not be laid out (the chart fonts could not be loaded)",
                     n->label);
            pg->st = st;
        }
    }
    sb_append(b, "<p class=\"chart-description\">");
    html_esc(b, n->description);
    sb_append(b, "</p>\n");
    if (n->data) {
        strbuf did = STRBUF_INIT;
        sb_appendf(&did, "%s_data", id);
        sb_append(b, "<details>\n<summary>");
        html_esc(b, pg->meta->show_data);
        sb_append(b, "</summary>\n<div class=\"details-body\">\n");
        html_table(b, n->data, n->heading, sb_cstr(&did), NULL);
        sb_append(b, "</div>\n</details>\n");
        sb_free(&did);
    }
    sb_append(b, "</figure>\n");
}

/* ---- the walk --------------------------------------------------------- */

static void S_enter(S_page *pg, const doc_node *n)
{
    strbuf *b = &pg->b;
    switch (n->type) {
    case DOC_DOCUMENT:
        S_head(pg);
        S_header(pg);
        S_contents(pg, n);
        sb_append(b, "<main id=\"main\"><div class=\"wrap\">\n");
        break;
    case DOC_CHAPTER:
        sb_append(b, "<section class=\"chapter\">\n");
        S_heading(pg, n);
        break;
    case DOC_SECTION:
        S_heading(pg, n);
        break;
    case DOC_PARAGRAPH:
        S_paragraph(pg, n);
        break;
    case DOC_LIST:
        if (!n->ordered)
            sb_append(b, "<ul>\n");
        else if (n->start != 1)
            sb_appendf(b, "<ol start=\"%d\">\n", n->start);
        else
            sb_append(b, "<ol>\n");
        break;
    case DOC_ITEM:
        sb_append(b, "<li>");
        break;
    case DOC_QUOTE:
        sb_append(b, "<blockquote>\n");
        break;
    case DOC_TABLE:
        S_table(pg, n);
        break;
    case DOC_CHART:
        S_chart(pg, n);
        break;
    }
}

static void S_exit(S_page *pg, const doc_node *n)
{
    strbuf *b = &pg->b;
    switch (n->type) {
    case DOC_DOCUMENT:
        sb_append(b, "</div></main>\n");
        S_footer(pg);
        sb_append(b, "</body>\n</html>\n");
        break;
    case DOC_CHAPTER:
        sb_append(b, "</section>\n");
        break;
    case DOC_LIST:
        sb_append(b, n->ordered ? "</ol>\n" : "</ul>\n");
        break;
    case DOC_ITEM:
        sb_append(b, "</li>\n");
        break;
    case DOC_QUOTE:
        sb_append(b, "</blockquote>\n");
        break;
    case DOC_SECTION:
    case DOC_PARAGRAPH:
    case DOC_TABLE:
    case DOC_CHART:
        break;
    }
}

static void S_walk(S_page *pg, const doc_node *root)
{
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, (doc_node *)root);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE) {
        if (ev == DOC_EV_EXIT) {
            S_exit(pg, n);
            continue;
        }
        S_enter(pg, n);
    }
}

/* ---- the logo --------------------------------------------------------- */

static const char S_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *S_data_uri(const unsigned char *d, size_t n)
{
    strbuf b = STRBUF_INIT;
    sb_append(&b, "data:image/png;base64,");
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        sb_putc(&b, S_b64[(v >> 18) & 63]);
        sb_putc(&b, S_b64[(v >> 12) & 63]);
        sb_putc(&b, i + 1 < n ? S_b64[(v >> 6) & 63] : '=');
        sb_putc(&b, i + 2 < n ? S_b64[v & 63] : '=');
    }
    return sb_take(&b);
}

/* The logo, as the loader checked and cleaned it (logo.h): a data: URI. */
static void S_logo(S_page *pg)
{
    const doc_meta *m = pg->meta;
    if (!m->logo_png)
        return;
    pg->logo_w = m->logo_width;
    pg->logo_h = m->logo_height;
    pg->logo_uri = S_data_uri(m->logo_png, m->logo_len);
}

/* ---- entry point ------------------------------------------------------ */

static annrep_status S_save(S_page *pg)
{
    errno = 0;
    FILE *f = fopen(pg->path, "wb");
    bool ok = f && fwrite(pg->b.s, 1, pg->b.len, f) == pg->b.len;
    int err = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok)
        return ANNREP_OK;
    diag_add(pg->dl, DIAG_ERROR, pg->path, 0, NULL, NULL, "could not write the web page: %s",
             err ? strerror(err) : "write error");
    return ANNREP_ERR_IO;
}

annrep_status html_write(const doc_node *doc, const figstore *fs, const char *path,
                         diag_list *dl)
{
    (void)fs;  /* every figure the page shows is in the document's runs */
    if (!doc || !doc->meta || !path)
        return ANNREP_ERR_INTERNAL;
    S_page pg;
    memset(&pg, 0, sizeof pg);
    pg.meta = doc->meta;
    pg.dl = dl;
    pg.path = path;
    pg.accent = S_page_accent(doc->meta->accent);
    S_logo(&pg);
    S_assign_ids(doc, &pg.ids);
    S_walk(&pg, doc);
    annrep_status st = pg.st;
    if (st == ANNREP_OK)
        st = S_save(&pg);
    S_ids_free(&pg.ids);
    free(pg.logo_uri);
    sb_free(&pg.b);
    return st;
}
