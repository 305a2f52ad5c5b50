/* pdf_internal.h - shared between the PDF writer's files (not a public
 * interface).
 *
 *   pdf.c        pdf_write: fonts, document properties, cover, contents,
 *                footers, bookmarks; paints the laid-out pages
 *   pdf_page.c   pages and the drawing operations laid out on them
 *   pdf_text.c   measuring and breaking inline runs into lines
 *   pdf_flow.c   the document tree onto pages, one walk with one switch over
 *                node types: headings, paragraphs, lists, quotes, charts;
 *                keep-with-next, widows and orphans, floating tables and
 *                charts
 *   pdf_table.c  tables: column widths, wrapped cells, header repeated on
 *                every page the table runs onto
 *   pdf_chart.c  charts: the chart module's drawing operations fitted into
 *                their box and painted as vectors
 *   pdf_tag.c    tagged PDF: the structure tree, marked content, the
 *                catalog entries and metadata of PDF/UA-1 (pdf_tag.h)
 *
 * The document (src/doc) has decided every word: captions, source lines,
 * notes, which row is a Total.  These files only lay them out.
 *
 * Layout happens entirely before painting: every page is a list of drawing
 * operations, so the total page count ("Page N of M") and each heading's
 * page (contents, links, bookmarks) are known when painting starts.
 * Layout also builds the structure tree (pdf_tag.h): every operation names
 * the structure element it belongs to, or is an artifact by its role.
 * Coordinates are PDF points, origin bottom-left. */
#ifndef ANNREP_PDF_INTERNAL_H
#define ANNREP_PDF_INTERNAL_H

#include "pdf_tag.h"
#include "render.h"
#include "../doc/doc.h"
#include "../util/status.h"

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

/* A4 portrait and the page grid. */
#define PDF_PAGE_W 595.276f
#define PDF_PAGE_H 841.89f
#define PDF_MARGIN_L 70.0f
#define PDF_MARGIN_R 70.0f
#define PDF_TOP 770.0f        /* top of the text block */
#define PDF_BOTTOM 80.0f      /* bottom of the text block */
#define PDF_TEXT_W (PDF_PAGE_W - PDF_MARGIN_L - PDF_MARGIN_R)

/* Type sizes (points) and line heights. */
#define PDF_BODY_SIZE 11.0f
#define PDF_BODY_LEAD 15.5f
#define PDF_PARA_GAP 7.5f
#define PDF_TABLE_SIZE 10.0f
#define PDF_SMALL_SIZE 9.0f

typedef enum { PF_REGULAR, PF_BOLD, PF_ITALIC, PF_COUNT } pdf_face;

typedef struct {
    float r, g, b;
} pdf_rgb;

/* One piece of text set in one face and colour. */
typedef struct {
    char *text;
    pdf_face face;
    pdf_rgb color;
    float x;      /* offset from the line's start */
    float w;
} pdf_frag;

typedef struct {
    pdf_frag *frags;
    size_t n, cap;
    float w;      /* width of the set text */
} pdf_line;

typedef struct {
    pdf_line *items;
    size_t n, cap;
} pdf_lines;

typedef enum { PO_TEXT, PO_RECT, PO_LINE, PO_CHART } pdf_op_kind;

/* What an operation is part of, as a reader would say: what tagging and
 * the layout tests need to know about each mark on the page. */
typedef enum {
    PR_DECORATION,     /* rules and grounds that carry no content */
    PR_HEADING,        /* chapter label, chapter and section headings */
    PR_BODY,           /* paragraph text */
    PR_LIST_MARKER,    /* bullet or number of a list item */
    PR_QUOTE_BAR,      /* the bar beside a quote */
    PR_CAPTION,        /* "Table 3: ..." / "Figure 2: ..." */
    PR_TABLE_HEADER,   /* a column heading (its text) */
    PR_TABLE_HEADER_GROUND, /* the light ground behind the header row */
    PR_TABLE_HEADER_RULE,   /* the rule under the header row */
    PR_TABLE_CELL,     /* a cell's text */
    PR_TABLE_RULE,     /* the light rule between rows */
    PR_TABLE_TOTAL_RULE,    /* the rule above a Total row */
    PR_TABLE_FOOT,     /* shorthand key, notes, source line under a table */
    PR_CHART,          /* the chart drawing */
    PR_CHART_FOOT      /* source line and description under a chart */
} pdf_role;

typedef struct {
    pdf_op_kind kind;
    pdf_role role;
    float x, y, w, h;   /* TEXT: x, baseline; RECT: x, bottom, w, h;
                           LINE: from (x, y) to (x + w, y + h); CHART: x, top, w, h */
    pdf_face face;
    float size;
    pdf_rgb color;
    float lw;
    char *text;
    const chart *chart;
    int se;             /* structure element (pdf_tag.h), PDF_SE_PAGINATION for a
                           repeat, PDF_SE_NONE for an artifact role */
} pdf_op;

typedef struct {
    pdf_op *ops;
    size_t n, cap;
    const char *header;  /* running header (chapter title), NULL on opening pages */
} pdf_page;

/* A heading: contents entry, bookmark and link target. */
typedef struct {
    int level;           /* 1 chapter, 2 section, 3 subsection */
    const char *number;  /* "6.2" or NULL */
    const char *title;
    size_t page;         /* index into pages */
    float y;             /* top of the heading */
} pdf_mark;

/* A table or chart waiting for room (pdf_flow.c): it did not fit on the
 * rest of its page, so the text after it fills the page and it goes at the
 * top of the next (a float).  Its structure elements go into parent's kids
 * at slot, where it stands in the document, whenever it is laid out. */
typedef struct {
    const doc_node *node;
    int parent;
    size_t slot;
} pdf_float;

/* A character already warned about (once per source line). */
typedef struct {
    const char *file;
    int line;
    unsigned long cp;
} pdf_glyph_warned;

/* libharu reports errors through a callback; the first is kept. */
typedef struct {
    HPDF_STATUS status, detail;
} pdf_lib_error;

/* What libharu's error code means, in words ("out of memory", "the font
 * file could not be read or embedded" ...), never a bare number.  Never
 * NULL; a static string or one in a static buffer (pdf_error.c). */
const char *pdf_lib_error_text(HPDF_STATUS status);

/* Write the finished document to path ourselves (not HPDF_SaveToFile, whose
 * errors carry no errno): ANNREP_OK, or ANNREP_ERR_IO with errno set
 * (a full disk: ENOSPC; a file-size limit: EFBIG), or ANNREP_ERR_LIBRARY
 * when libharu could not produce the bytes (pdf_error.c). */
annrep_status pdf_save(HPDF_Doc pdf, const char *path);

typedef struct {
    const doc_meta *meta;
    diag_list *dl;
    HPDF_Doc pdf;
    pdf_lib_error *err;
    HPDF_Font font[PF_COUNT];
    pdf_rgb accent, text, muted, rule, light;

    pdf_page *pages;
    size_t npages, pagecap;
    float y;             /* the cursor: top of the free space on the last page */
    float pending_gap;   /* space owed before the next block (dropped at a page top) */
    const char *header;  /* running header for new pages */

    pdf_mark *marks;
    size_t nmarks, markcap;

    /* Floats waiting for the next page, in document order; placing: one is
     * being laid out (no other may start inside it). */
    pdf_float *floats;
    size_t nfloats, floatcap;
    bool placing;
    bool split_table;  /* the next table may start split though it would fit a page whole */
    size_t ncontents;    /* contents pages, after the cover */

    /* Tagging (pdf_tag.h): the structure tree layout builds, the element the
     * operations added now belong to, the elements of the cover and the
     * contents (painted in pass 2), and the source of the text being laid
     * out, for warnings about characters the fonts lack. */
    pdf_tree tree;
    int cur_se;
    struct {
        int doc, cover, area, title, period, published, year, contents, contents_h, toc;
    } se;
    const doc_node *src;
    pdf_glyph_warned *warned;
    size_t nwarned, warnedcap;
    pdf_tagger *tagger;  /* while painting */
} pdf_ctx;

/* ---- pdf_text.c ---- */

typedef struct {
    float size, lead;
    pdf_face face;       /* base face: PF_BOLD for headings, PF_ITALIC for quotes */
    pdf_rgb color;
    pdf_rgb figure_color; /* colour of figure values (usually = color) */
} pdf_style;

float pdf_text_width(const pdf_ctx *c, pdf_face f, float size, const char *s);
/* The first character of UTF-8 s that font cannot show (no glyph in the
 * embedded font, or beyond the Basic Multilingual Plane, which libharu's
 * UTF-8 encoding cannot write) as a code point, or 0 when it shows all. */
unsigned long pdf_font_missing(HPDF_Font font, const char *s);
/* Warn when face f lacks a character of s, once per source and character:
 * the warning names src's template or narrative file and line, or, when
 * src is NULL, the report.ini setting the text came from. */
void pdf_check_glyphs(pdf_ctx *c, pdf_face f, const char *s, const doc_node *src,
                      const char *setting);
/* Break runs into lines no wider than width.  A word wider than width (a
 * URL, a long name) is broken into pieces that fit, after a URL's / . - ?
 * where it can, else between characters (text_break_point), so no text
 * runs past the line's end. */
void pdf_wrap(const pdf_ctx *c, const doc_run *runs, size_t nruns, const pdf_style *st,
              float width, pdf_lines *out);
/* Same for one plain string in one face. */
void pdf_wrap_plain(const pdf_ctx *c, const char *text, pdf_face face, const pdf_style *st,
                    float width, pdf_lines *out);
/* The same, breaking only words wider than break_width (>= width): a table
 * cell lets a word run into its padding before it breaks it. */
void pdf_wrap_within(const pdf_ctx *c, const doc_run *runs, size_t nruns, const pdf_style *st,
                     float width, float break_width, pdf_lines *out);
void pdf_wrap_plain_within(const pdf_ctx *c, const char *text, pdf_face face,
                           const pdf_style *st, float width, float break_width, pdf_lines *out);
void pdf_lines_free(pdf_lines *l);
/* Lines of small text in the muted colour, as under tables and charts. */
pdf_style pdf_foot_style(const pdf_ctx *c);
/* Captions of tables and charts: bold body text. */
pdf_style pdf_caption_style(const pdf_ctx *c);
/* Baseline of a line whose box starts at top. */
float pdf_baseline(float top, const pdf_style *st);

/* ---- pdf.c ---- */

/* A context with the three faces loaded from fonts_dir into a new libharu
 * document and the house colours with meta's accent: what layout needs.
 * ANNREP_OK, or an error in dl (a font missing or unreadable: ANNREP_ERR_IO;
 * libharu failing: ANNREP_ERR_LIBRARY).  pdf_ctx_free frees everything,
 * after success or failure alike. */
annrep_status pdf_ctx_init(pdf_ctx *c, const doc_meta *meta, const char *fonts_dir,
                           diag_list *dl);
void pdf_ctx_free(pdf_ctx *c);

/* Pass 1 of pdf_write: the cover page, the contents pages it needs, then
 * the body, as operations on c->pages (nothing painted yet). */
void pdf_layout(pdf_ctx *c, const doc_node *doc);

/* ---- pdf_page.c ---- */

void pdf_new_page(pdf_ctx *c);
/* Start a new page unless h points still fit under the cursor. */
void pdf_need(pdf_ctx *c, float h);
/* Consume the owed gap (none at the top of a page). */
void pdf_take_gap(pdf_ctx *c);
bool pdf_at_top(const pdf_ctx *c);
/* A new operation on the last page, in c->cur_se (PDF_SE_NONE when role
 * is an artifact's). */
pdf_op *pdf_add_op(pdf_ctx *c, pdf_op_kind kind, pdf_role role);
/* Roles that carry no content: rules, grounds, the quote bar. */
bool pdf_role_is_artifact(pdf_role role);
void pdf_add_text(pdf_ctx *c, pdf_role role, float x, float y, pdf_face f, float size,
                  pdf_rgb col, const char *text);
void pdf_add_rect(pdf_ctx *c, pdf_role role, float x, float y, float w, float h, pdf_rgb col);
void pdf_add_line(pdf_ctx *c, pdf_role role, float x1, float y1, float x2, float y2, float lw,
                  pdf_rgb col);
/* Draw one set line with its top at top, starting at x. */
void pdf_put_line(pdf_ctx *c, pdf_role role, const pdf_line *l, float x, float top,
                  const pdf_style *st);
/* Frees every page and mark, and the structure tree. */
void pdf_pages_free(pdf_ctx *c);

/* ---- pdf_flow.c ---- */

/* The body (everything after the contents) from the document tree. */
void pdf_flow_document(pdf_ctx *c, const doc_node *root);

/* ---- pdf_table.c ---- */

/* Lay out a DOC_TABLE node at the cursor, across pages as needed; its
 * structure elements go under parent. */
void pdf_flow_table(pdf_ctx *c, const doc_node *t, int parent);

/* Height that must fit for the table to start on this page (caption,
 * header and the first rows). */
float pdf_table_min_height(pdf_ctx *c, const doc_node *t);
/* Height pdf_flow_table needs under the cursor to start the table there:
 * the whole table when it fits on one page, else pdf_table_min_height. */
float pdf_table_start_height(pdf_ctx *c, const doc_node *t);

/* ---- pdf_chart.c ---- */

/* Draw chart c as vectors in the box whose top-left corner is (x, y_top),
 * w by h points (h <= 0: its natural height), under a caption the writer
 * prints itself: subtitle, legend, plot and notes, neither title nor source
 * (CHART_DRAW_SUBTITLE; chart_body_height_for_width() is the natural height).
 * A shorter box shrinks the drawing to fit.  Text is real text in the given
 * fonts (loaded with UTF-8 encoding); the page's graphics state is restored.
 * Returns ANNREP_OK; ANNREP_ERR_LIBRARY when a libharu call failed (its error
 * handler has been called); ANNREP_ERR_IO (errno ENOENT) when the chart fonts
 * cannot be loaded; ANNREP_ERR_INTERNAL for a NULL argument or w <= 0.
 * Borrows everything it is given. */
annrep_status pdf_chart_draw(HPDF_Page page, const chart *c, float x, float y_top, float w,
                             float h, HPDF_Font regular, HPDF_Font bold);

/* Warn (pdf_check_glyphs, naming chart node n's line) about characters of
 * the chart's text, laid out as pdf_chart_draw lays it in a box of the
 * text width by h points, that the embedded fonts lack.  A layout failure
 * is left to pdf_chart_draw to report. */
void pdf_chart_check_glyphs(pdf_ctx *c, const doc_node *n, float h);

#endif
