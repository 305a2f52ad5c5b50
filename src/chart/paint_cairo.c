/* paint_cairo.c - paints a laid-out chart with cairo: PNG files (opaque
 * white, 1600 px wide) and SVG files.  Reads only ops.h drawing operations
 * and the FreeType faces of font.c (no fontconfig lookup, so the output does
 * not depend on the machine's installed fonts).  Knows no chart model
 * beyond chart_layout_ops(). */
#include "layout.h"

#include "../util/strbuf.h"

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* font.c */
void *chart_font_ftface(op_font f);

/* Files are laid out at this width in points and painted at PNG_SCALE:
 * 640 pt x 2.5 = 1600 px, sharp on slides and on high-density screens. */
#define FILE_WIDTH_PT 640.0
#define PNG_SCALE 2.5

static void S_colour(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                         (c & 0xFF) / 255.0);
}

/* Round to the device pixel grid so bar edges and hairlines are crisp in
 * the PNG; a no-op at scale 1 for SVG would still move things, so SVG
 * skips it. */
static double S_snap(double v, double scale, bool snap)
{
    return snap ? round(v * scale) / scale : v;
}

/* Paint the operations at scale on an opaque white ground.  ANNREP_OK, or
 * ANNREP_ERR_LIBRARY when cairo failed (or the faces are not open). */
static annrep_status S_paint(cairo_t *cr, const oplist *ol, double scale, bool snap)
{
    cairo_font_face_t *ff[2];
    for (int i = 0; i < 2; i++) {
        FT_Face face = chart_font_ftface((op_font)i);
        if (!face) {
            if (i == 1)
                cairo_font_face_destroy(ff[0]);
            return ANNREP_ERR_LIBRARY;
        }
        ff[i] = cairo_ft_font_face_create_for_ft_face(face, 0);
    }
    cairo_font_options_t *fo = cairo_font_options_create();
    /* Unhinted metrics: glyph advances then equal the FreeType advances the
     * layout measured with, at every scale. */
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cr, fo);

    cairo_scale(cr, scale, scale);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);

    for (size_t i = 0; i < ol->n; i++) {
        const op *o = &ol->items[i];
        S_colour(cr, o->colour);
        switch (o->kind) {
        case OP_RECT: {
            double x1 = S_snap(o->x, scale, snap), y1 = S_snap(o->y, scale, snap);
            double x2 = S_snap(o->x + o->w, scale, snap), y2 = S_snap(o->y + o->h, scale, snap);
            cairo_rectangle(cr, x1, y1, x2 - x1, y2 - y1);
            cairo_fill(cr);
            break;
        }
        case OP_LINE: {
            double x1 = o->x, y1 = o->y, x2 = o->x2, y2 = o->y2;
            if (snap) {
                /* Centre hairlines on a pixel row or column. */
                double half = fmod(round(o->lw * scale), 2.0) == 1.0 ? 0.5 / scale : 0;
                if (y1 == y2)
                    y1 = y2 = S_snap(y1, scale, true) + half;
                if (x1 == x2)
                    x1 = x2 = S_snap(x1, scale, true) + half;
            }
            cairo_set_line_width(cr, o->lw);
            cairo_move_to(cr, x1, y1);
            cairo_line_to(cr, x2, y2);
            cairo_stroke(cr);
            break;
        }
        case OP_POLYLINE:
            cairo_set_line_width(cr, o->lw);
            for (size_t k = 0; k < o->npts; k++) {
                if (k == 0)
                    cairo_move_to(cr, o->pts[0], o->pts[1]);
                else
                    cairo_line_to(cr, o->pts[2 * k], o->pts[2 * k + 1]);
            }
            cairo_stroke(cr);
            break;
        case OP_CIRCLE:
            cairo_new_sub_path(cr);
            cairo_arc(cr, o->x, o->y, o->lw, 0, 6.283185307179586);
            cairo_fill(cr);
            break;
        case OP_TEXT:
            cairo_set_font_face(cr, ff[o->font == OP_FONT_BOLD]);
            cairo_set_font_size(cr, o->size);
            cairo_move_to(cr, o->x, o->y);
            cairo_show_text(cr, o->text);
            break;
        }
    }
    cairo_font_options_destroy(fo);
    cairo_font_face_destroy(ff[0]);
    cairo_font_face_destroy(ff[1]);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? ANNREP_OK : ANNREP_ERR_LIBRARY;
}

/* Open the fonts of fonts_dir and lay c out at the files' width. */
static annrep_status S_layout(const chart *c, const char *fonts_dir, oplist *ol)
{
    if (chart_fonts_open(fonts_dir) != ANNREP_OK) {
        errno = ENOENT;
        return ANNREP_ERR_IO;
    }
    return chart_layout_ops(c, FILE_WIDTH_PT, CHART_DRAW_ALL, ol);
}

/* Paint ol on an RGB24 image surface and write it to path as PNG. */
static annrep_status S_png(const oplist *ol, const char *path)
{
    int wpx = (int)ceil(ol->width * PNG_SCALE - 1e-6);
    int hpx = (int)ceil(ol->height * PNG_SCALE - 1e-6);
    /* RGB24: opaque, so slides and the PDF get no alpha channel. */
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, wpx, hpx);
    annrep_status st = ANNREP_ERR_LIBRARY;
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(s);
        st = S_paint(cr, ol, PNG_SCALE, true);
        cairo_destroy(cr);
        cairo_surface_flush(s);
    }
    if (st == ANNREP_OK) {
        errno = 0;
        cairo_status_t ws = cairo_surface_write_to_png(s, path);
        /* cairo leaves errno as fopen/fwrite set it. */
        if (ws == CAIRO_STATUS_WRITE_ERROR)
            st = ANNREP_ERR_IO;
        else if (ws != CAIRO_STATUS_SUCCESS)
            st = ANNREP_ERR_LIBRARY;
        if (st == ANNREP_ERR_IO && errno == 0)
            errno = EIO;
    }
    int err = errno;
    cairo_surface_destroy(s);
    errno = err;
    return st;
}

annrep_status chart_write_png(const chart *c, const char *path, const char *fonts_dir)
{
    if (!c || !path)
        return ANNREP_ERR_INTERNAL;
    oplist ol = OPLIST_INIT;
    annrep_status st = S_layout(c, fonts_dir, &ol);
    if (st == ANNREP_OK)
        st = S_png(&ol, path);
    int err = errno;
    ops_free(&ol);
    errno = err;
    return st;
}

static cairo_status_t S_collect(void *closure, const unsigned char *data, unsigned int len)
{
    sb_appendn((strbuf *)closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

static void S_xml(strbuf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': sb_append(b, "&amp;"); break;
        case '<': sb_append(b, "&lt;"); break;
        case '>': sb_append(b, "&gt;"); break;
        case '"': sb_append(b, "&quot;"); break;
        default: sb_putc(b, *s);
        }
    }
}

/* cairo names the drawing's group after a process-wide surface counter
 * (<g id="surface119">), which depends on how many surfaces the process
 * made before: rename it so the file depends on the chart alone.  Also give
 * the picture its title and alt text (<title>, <desc>) for screen readers,
 * since cairo draws text as glyph outlines. */
static char *S_fix_svg(const char *svg, const chart *c, size_t *len)
{
    strbuf out = STRBUF_INIT;
    const char *p = svg;
    const char *open = strstr(svg, "<svg");
    const char *gt = open ? strchr(open, '>') : NULL;
    if (gt) {
        sb_appendn(&out, svg, (size_t)(gt + 1 - svg));
        sb_append(&out, "\n<title>");
        S_xml(&out, chart_title(c));
        sb_append(&out, "</title>\n<desc>");
        S_xml(&out, chart_alt_text(c));
        sb_append(&out, "</desc>");
        p = gt + 1;
    }
    static const char pat[] = "id=\"surface";
    for (;;) {
        const char *q = strstr(p, pat);
        if (!q)
            break;
        const char *e = q + sizeof pat - 1;
        if (*e < '0' || *e > '9') {
            sb_appendn(&out, p, (size_t)(e - p));
            p = e;
            continue;
        }
        while (*e >= '0' && *e <= '9')
            e++;
        sb_appendn(&out, p, (size_t)(q - p));
        sb_append(&out, "id=\"chart");
        p = e;
    }
    sb_append(&out, p);
    *len = out.len;
    return sb_take(&out);
}

/* Paint ol on an SVG 1.1 surface whose bytes go to out. */
static annrep_status S_svg(const oplist *ol, strbuf *out)
{
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(S_collect, out, ol->width, ol->height);
    annrep_status st = ANNREP_ERR_LIBRARY;
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
        cairo_t *cr = cairo_create(s);
        st = S_paint(cr, ol, 1.0, false);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
            st = ANNREP_ERR_LIBRARY;
    }
    cairo_surface_destroy(s);
    return st;
}

/* Write n bytes to a new file at path: ANNREP_OK, or ANNREP_ERR_IO with
 * errno set (EIO when the system gave none). */
static annrep_status S_write_file(const char *path, const char *data, size_t n)
{
    errno = 0;
    FILE *f = fopen(path, "wb");
    if (!f)
        return ANNREP_ERR_IO;
    bool ok = fwrite(data, 1, n, f) == n;
    int err = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        errno = err ? err : EIO;
        return ANNREP_ERR_IO;
    }
    return ANNREP_OK;
}

annrep_status chart_write_svg(const chart *c, const char *path, const char *fonts_dir)
{
    if (!c || !path)
        return ANNREP_ERR_INTERNAL;
    oplist ol = OPLIST_INIT;
    strbuf svg = STRBUF_INIT;
    annrep_status st = S_layout(c, fonts_dir, &ol);
    if (st == ANNREP_OK)
        st = S_svg(&ol, &svg);
    ops_free(&ol);
    if (st == ANNREP_OK) {
        size_t n;
        char *fixed = S_fix_svg(sb_cstr(&svg), c, &n);
        st = S_write_file(path, fixed, n);
        int err = errno;
        free(fixed);
        errno = err;
    }
    sb_free(&svg);
    return st;
}
