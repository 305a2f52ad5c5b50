/* html_internal.h - shared by the files of the web edition's writer
 * (src/render/html*.c); not a public interface.
 *
 * Five files, calling one way only:
 *   html.c        html_write(): the page, its head, header, contents and
 *                 footer, and the one walk over the document; calls the
 *                 others
 *   html_table.c  a doc_table as an HTML table in its own scrolling region,
 *                 with its foot lines and source; calls html_text.c
 *   html_chart.c  a chart's drawing operations (ops.h) painted as inline SVG
 *                 with real text; calls html_text.c
 *   html_css.c    the stylesheet; calls html_text.c
 *   html_text.c   escaping, shorthand in <abbr>, numbers; calls none
 *
 * Every word comes from the document (doc.h); these files only choose tags
 * and classes.  Output is a function of the document alone: no clock, no
 * locale, no addresses, so a rebuild gives the same bytes. */
#ifndef ANNREP_HTML_INTERNAL_H
#define ANNREP_HTML_INTERNAL_H

#include "render.h"
#include "../util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- html_text.c ---- */

/* Append s escaped for HTML text (& < >) or for a double-quoted attribute
 * value (& < > "); NULL appends nothing. */
void html_esc(strbuf *b, const char *s);
void html_attr(strbuf *b, const char *s);
/* Append s escaped as text, with every shorthand code ([x], [z], [c]) in an
 * <abbr> whose title says what it means (doc_shorthand_meaning). */
void html_esc_abbr(strbuf *b, const char *s);
/* Append a number of points as an SVG coordinate: at most two decimals, no
 * trailing zeros, never "-0" ("12.5", "0", "-3.25"). */
void html_num(strbuf *b, double v);
/* Append "#rrggbb". */
void html_colour(strbuf *b, uint32_t c);

/* ---- html_css.c ---- */

/* The stylesheet, with the colours of the page put in: accent for
 * headings, rules and the masthead (already dark enough for white text). */
void html_css(strbuf *b, uint32_t accent);

/* ---- html_table.c ---- */

/* Table t in a focusable region that scrolls sideways by itself when the
 * table is wider than the page: <caption id="<id>_caption"> caption, a
 * header row of <th scope="col">, the first cell of each row a
 * <th scope="row">, numbers right-aligned, the Total row set apart; then
 * t's foot lines and source_line (NULL: none) below it.  id names the
 * region (its id attribute). */
void html_table(strbuf *b, const doc_table *t, const char *caption, const char *id,
                const char *source_line);

/* ---- html_chart.c ---- */

/* Chart c laid out at w points wide (chart_layout_ops with
 * CHART_DRAW_SUBTITLE: the caption and source are the page's) as an inline
 * <svg role="img"> with a viewBox, px_per_pt CSS pixels a point at its
 * natural size, labelled by a <title> (title) and a <desc> (the alt text)
 * whose ids begin with id; cls is its class.  Returns ANNREP_OK, or the
 * layout's failure with nothing appended. */
annrep_status html_chart_svg(strbuf *b, const chart *c, double w, double px_per_pt,
                             const char *title, const char *id, const char *cls);

#endif
