/* paint_cairo.c - paints a laid-out chart with cairo: PNG files (opaque
 * white, 1600 px wide) and SVG files, through a painter (chart.h) that holds
 * what every file reuses: cairo font faces made from FreeType faces of its
 * own (no fontconfig lookup, so the output does not depend on the machine's
 * installed fonts) and one image buffer for every PNG.  The PNG bytes are
 * made by png.c.  Reads only ops.h drawing operations; knows no chart model
 * beyond chart_layout_ops(). */
#include "layout.h"
#include "paint.h"
#include "png.h"

#include "../util/alloc.h"
#include "../util/paths.h"
#include "../util/strbuf.h"

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ft2build.h>
#include FT_FREETYPE_H

struct chart_painter {
    char *fonts_dir;
    cairo_font_face_t *ff[2];   /* regular, bold */
    unsigned char *buf;         /* the image every PNG is painted on */
    size_t cap;
    unsigned char *prev;        /* the file a PNG replaces, as read */
    size_t prevcap;
    size_t kept;                /* PNGs kept from the file they replaced */
    chart_png *png;
};

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

/* Paint the operations at scale on an opaque white ground, the whole
 * surface (so a reused buffer keeps nothing of the chart before), with the
 * painter's faces.  ANNREP_OK, or ANNREP_ERR_LIBRARY when cairo failed. */
static annrep_status S_paint(cairo_t *cr, cairo_font_face_t *const ff[2], const oplist *ol,
                             double scale, bool snap)
{
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
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? ANNREP_OK : ANNREP_ERR_LIBRARY;
}

/* Write n bytes to a new file at path: ANNREP_OK, or ANNREP_ERR_IO with
 * errno set (EIO when the system gave none). */
static annrep_status S_write_file(const char *path, const void *data, size_t n)
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

/* The PNG's size in pixels of a layout. */
static void S_png_size(const oplist *ol, int *wpx, int *hpx)
{
    *wpx = (int)ceil(ol->width * PNG_SCALE - 1e-6);
    *hpx = (int)ceil(ol->height * PNG_SCALE - 1e-6);
}

/* The image buffer: at least 16 MiB (a 1600-pixel chart 2,560 pixels tall)
 * so that it is allocated once, in 2 MiB pages where the system has them:
 * only the pages a chart touches are ever mapped, and faulting in 4 KiB
 * pages one by one cost more than painting them. */
static void S_grow(chart_painter *p, size_t need)
{
    free(p->buf);
    p->buf = xmalloc_big(need < ((size_t)16 << 20) ? (size_t)16 << 20 : need, &p->cap);
}

/* A chart's PNG is rarely over 1 MB: a larger file in its place is no
 * file of ours, and is not read. */
#define S_PREV_MAX ((size_t)32 << 20)

/* The bytes of the file at path into p->prev, or NULL (*n 0) when there is
 * none to read (no file, not a regular file, too large, unreadable): that
 * only means the new file is compressed afresh. */
static const unsigned char *S_read_prev(chart_painter *p, const char *path, size_t *n)
{
    *n = 0;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    struct stat st;
    const unsigned char *got = NULL;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (size_t)st.st_size <= S_PREV_MAX) {
        size_t want = (size_t)st.st_size;
        if (p->prevcap < want + 1) {
            free(p->prev);
            p->prev = xmalloc(want + 1);
            p->prevcap = want + 1;
        }
        /* one byte more than the size: a file that grew meanwhile is not ours */
        if (fread(p->prev, 1, want + 1, f) == want) {
            got = p->prev;
            *n = want;
        }
    }
    fclose(f);
    return got;
}

/* Paint ol on the painter's buffer as an RGB24 image (opaque, so slides and
 * the PDF get no alpha channel) and write it to path as PNG; previous names
 * the file it replaces (see chart_png_encode).  The buffer grows to the
 * tallest chart and is reused: the pages of a fresh 10 MB surface per chart
 * cost more to fault in than the drawing. */
static annrep_status S_png(chart_painter *p, const oplist *ol, const char *path,
                           const char *previous)
{
    int wpx, hpx;
    S_png_size(ol, &wpx, &hpx);
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, wpx);
    if (wpx <= 0 || hpx <= 0 || stride <= 0)
        return ANNREP_ERR_LIBRARY;
    size_t need = (size_t)stride * (size_t)hpx;
    if (p->cap < need)
        S_grow(p, need);
    cairo_surface_t *s =
        cairo_image_surface_create_for_data(p->buf, CAIRO_FORMAT_RGB24, wpx, hpx, stride);
    annrep_status st = ANNREP_ERR_LIBRARY;
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(s);
        st = S_paint(cr, p->ff, ol, PNG_SCALE, true);
        cairo_destroy(cr);
        cairo_surface_flush(s);
    }
    cairo_surface_destroy(s);
    const unsigned char *bytes = NULL;
    size_t len = 0, prevlen = 0;
    const unsigned char *prev = st == ANNREP_OK ? S_read_prev(p, previous, &prevlen) : NULL;
    if (st == ANNREP_OK)
        st = chart_png_encode(p->png, p->buf, wpx, hpx, stride, prev, prevlen, &bytes, &len);
    if (st == ANNREP_OK && prev && bytes == prev)
        p->kept++;
    if (st == ANNREP_OK)
        st = S_write_file(path, bytes, len);
    return st;
}

/* Open the fonts of the painter's folder for layout on this thread and lay c
 * out at the files' width. */
static annrep_status S_layout(const chart_painter *p, const chart *c, oplist *ol)
{
    if (chart_fonts_open(p->fonts_dir) != ANNREP_OK) {
        errno = ENOENT;
        return ANNREP_ERR_IO;
    }
    return chart_layout_ops(c, FILE_WIDTH_PT, CHART_DRAW_ALL, ol);
}

annrep_status chart_painter_png(chart_painter *p, const chart *c, const char *path,
                                const char *previous)
{
    if (!p || !c || !path)
        return ANNREP_ERR_INTERNAL;
    oplist ol = OPLIST_INIT;
    annrep_status st = S_layout(p, c, &ol);
    if (st == ANNREP_OK)
        st = S_png(p, &ol, path, previous);
    int err = errno;
    ops_free(&ol);
    errno = err;
    return st;
}

size_t chart_painter_kept(const chart_painter *p) { return p ? p->kept : 0; }

cairo_surface_t *chart_painter_image(chart_painter *p, const chart *c)
{
    oplist ol = OPLIST_INIT;
    if (!p || !c || S_layout(p, c, &ol) != ANNREP_OK)
        return NULL;
    int wpx, hpx;
    S_png_size(&ol, &wpx, &hpx);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, wpx, hpx);
    annrep_status st = ANNREP_ERR_LIBRARY;
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(s);
        st = S_paint(cr, p->ff, &ol, PNG_SCALE, true);
        cairo_destroy(cr);
        cairo_surface_flush(s);
    }
    ops_free(&ol);
    if (st != ANNREP_OK) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
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
static annrep_status S_svg(chart_painter *p, const oplist *ol, strbuf *out)
{
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(S_collect, out, ol->width, ol->height);
    annrep_status st = ANNREP_ERR_LIBRARY;
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
        cairo_t *cr = cairo_create(s);
        st = S_paint(cr, p->ff, ol, 1.0, false);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
            st = ANNREP_ERR_LIBRARY;
    }
    cairo_surface_destroy(s);
    return st;
}

annrep_status chart_painter_svg(chart_painter *p, const chart *c, const char *path)
{
    if (!p || !c || !path)
        return ANNREP_ERR_INTERNAL;
    oplist ol = OPLIST_INIT;
    strbuf svg = STRBUF_INIT;
    annrep_status st = S_layout(p, c, &ol);
    if (st == ANNREP_OK)
        st = S_svg(p, &ol, &svg);
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

/* ---- the painter ----------------------------------------------------- */

static const cairo_user_data_key_t S_ft_key;

static void S_ft_done(void *lib) { FT_Done_FreeType(lib); }

/* A cairo font face of the face file at path, owning a FreeType library of
 * its own.  cairo keeps font faces in its caches after their last user has
 * let go, possibly until the process ends, and may release them from any
 * thread: so each face has its own FT_Library, freed (with the face) by the
 * destroy function cairo calls when it really lets go, and nothing else
 * ever touches it.  NULL when the file cannot be loaded. */
static cairo_font_face_t *S_face(const char *path)
{
    FT_Library lib;
    FT_Face face;
    if (FT_Init_FreeType(&lib) != 0)
        return NULL;
    if (FT_New_Face(lib, path, 0, &face) != 0) {
        FT_Done_FreeType(lib);
        return NULL;
    }
    cairo_font_face_t *ff = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_status(ff) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(ff, &S_ft_key, lib, S_ft_done) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(ff);
        FT_Done_FreeType(lib);
        return NULL;
    }
    return ff;
}

annrep_status chart_painter_new(const char *fonts_dir, chart_painter **out)
{
    if (!out)
        return ANNREP_ERR_INTERNAL;
    *out = NULL;
    chart_painter *p = xcalloc(1, sizeof *p);
    p->fonts_dir = fonts_dir ? xstrdup(fonts_dir) : paths_join(paths_data_dir(), "fonts");
    for (int i = 0; i < 2; i++) {
        char *path = paths_join(p->fonts_dir, chart_font_file((op_font)i));
        p->ff[i] = S_face(path);
        free(path);
        if (!p->ff[i]) {
            chart_painter_free(p);
            errno = ENOENT;
            return ANNREP_ERR_IO;
        }
    }
    p->png = chart_png_new();
    if (!p->png) {
        chart_painter_free(p);
        return ANNREP_ERR_LIBRARY;
    }
    *out = p;
    return ANNREP_OK;
}

void chart_painter_free(chart_painter *p)
{
    if (!p)
        return;
    for (int i = 0; i < 2; i++)
        if (p->ff[i])
            cairo_font_face_destroy(p->ff[i]);
    chart_png_free(p->png);
    free(p->buf);
    free(p->prev);
    free(p->fonts_dir);
    free(p);
}

/* One file with a painter of its own. */
static annrep_status S_one(const chart *c, const char *path, const char *fonts_dir, bool png)
{
    if (!c || !path)
        return ANNREP_ERR_INTERNAL;
    chart_painter *p;
    annrep_status st = chart_painter_new(fonts_dir, &p);
    if (st != ANNREP_OK)
        return st;
    st = png ? chart_painter_png(p, c, path, NULL) : chart_painter_svg(p, c, path);
    int err = errno;
    chart_painter_free(p);
    errno = err;
    return st;
}

annrep_status chart_write_png(const chart *c, const char *path, const char *fonts_dir)
{
    return S_one(c, path, fonts_dir, true);
}

annrep_status chart_write_svg(const chart *c, const char *path, const char *fonts_dir)
{
    return S_one(c, path, fonts_dir, false);
}
