/* font.c - text metrics from the embedded Liberation Sans (FreeType), and
 * line wrapping.  Layout measures here so that the PNG, the SVG and the PDF
 * place text identically.
 * Knows fonts and UTF-8; knows no chart and no painter. */
#include "layout.h"

#include "../util/alloc.h"
#include "../util/paths.h"
#include "../util/strbuf.h"
#include "../util/text.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <stdlib.h>
#include <string.h>

/* The faces layout measures with, one set per thread: a FreeType face must
 * not be used by two threads at once, and the PDF writer lays charts out on
 * the main thread while the chart files are drawn on another (batch.c).
 * These faces are never handed to cairo: the painters open their own
 * (paint_cairo.c), so chart_fonts_close() can free them at any time. */
typedef struct {
    FT_Library lib;
    FT_Face face[2];
    char *dir;
} S_fonts;

static _Thread_local S_fonts S_t;

static const char *const S_file[2] = {"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"};

const char *chart_font_file(op_font f) { return S_file[f == OP_FONT_BOLD]; }

annrep_status chart_fonts_open(const char *fonts_dir)
{
    char *dflt = NULL;
    if (!fonts_dir)
        fonts_dir = dflt = paths_join(paths_data_dir(), "fonts");
    if (S_t.dir && strcmp(S_t.dir, fonts_dir) == 0) {
        free(dflt);
        return ANNREP_OK;
    }
    if (!S_t.lib && FT_Init_FreeType(&S_t.lib) != 0) {
        S_t.lib = NULL;
        free(dflt);
        return ANNREP_ERR_IO;
    }
    FT_Face faces[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        char *p = paths_join(fonts_dir, S_file[i]);
        FT_Error e = FT_New_Face(S_t.lib, p, 0, &faces[i]);
        free(p);
        if (e != 0) {
            if (i == 1)
                FT_Done_Face(faces[0]);
            free(dflt);
            return ANNREP_ERR_IO;
        }
    }
    for (int i = 0; i < 2; i++) {
        if (S_t.face[i])
            FT_Done_Face(S_t.face[i]);
        S_t.face[i] = faces[i];
    }
    free(S_t.dir);
    S_t.dir = xstrdup(fonts_dir);
    free(dflt);
    return ANNREP_OK;
}

void chart_fonts_close(void)
{
    if (S_t.lib)
        FT_Done_FreeType(S_t.lib);   /* and its faces */
    free(S_t.dir);
    memset(&S_t, 0, sizeof S_t);
}

const char *chart_fonts_dir(void) { return S_t.dir; }

/* Next code point of UTF-8 text; malformed bytes count as U+FFFD. */
static unsigned long S_next(const unsigned char **ps)
{
    const unsigned char *s = *ps;
    unsigned long cp;
    int extra;
    if (s[0] < 0x80) {
        *ps = s + 1;
        return s[0];
    } else if ((s[0] & 0xE0) == 0xC0) {
        cp = s[0] & 0x1F;
        extra = 1;
    } else if ((s[0] & 0xF0) == 0xE0) {
        cp = s[0] & 0x0F;
        extra = 2;
    } else if ((s[0] & 0xF8) == 0xF0) {
        cp = s[0] & 0x07;
        extra = 3;
    } else {
        *ps = s + 1;
        return 0xFFFD;
    }
    for (int i = 1; i <= extra; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *ps = s + i;
            return 0xFFFD;
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    *ps = s + extra + 1;
    return cp;
}

double chart_text_width(const char *text, op_font f, double size)
{
    FT_Face face = S_t.face[f == OP_FONT_BOLD];
    if (!face || !text)
        return 0;
    const unsigned char *s = (const unsigned char *)text;
    long units = 0;
    while (*s) {
        unsigned long cp = S_next(&s);
        FT_UInt gi = FT_Get_Char_Index(face, cp);
        FT_Fixed adv = 0;
        if (FT_Get_Advance(face, gi, FT_LOAD_NO_SCALE, &adv) == 0)
            units += (long)adv;
    }
    return (double)units * size / face->units_per_EM;
}

double chart_font_ascent(op_font f, double size)
{
    FT_Face face = S_t.face[f == OP_FONT_BOLD];
    if (!face)
        return size * 0.9;
    return (double)face->ascender * size / face->units_per_EM;
}

void chart_lines_free(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* Bytes of the n at t that fit in maxw points at size, measured a
 * character at a time (linear in n). */
static size_t S_fit_bytes(const char *t, size_t n, op_font f, double size, double maxw)
{
    size_t i = 0;
    double w = 0;
    char ch[8];
    while (i < n) {
        const char *q = t + i;
        text_utf8_next(&q);
        size_t len = (size_t)(q - (t + i));
        if (len > n - i)
            len = n - i;
        if (len >= sizeof ch)
            len = sizeof ch - 1;
        memcpy(ch, t + i, len);
        ch[len] = '\0';
        double cw = chart_text_width(ch, f, size);
        if (w + cw > maxw)
            break;
        w += cw;
        i += len;
    }
    return i;
}

size_t chart_wrap(const char *text, op_font f, double size, double maxw, char ***out)
{
    return chart_wrap_within(text, f, size, maxw, maxw, out);
}

size_t chart_wrap_within(const char *text, op_font f, double size, double maxw, double breakw,
                         char ***out)
{
    char **lines = NULL;
    size_t n = 0, cap = 0;
    strbuf cur = STRBUF_INIT;
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        strbuf trial = STRBUF_INIT;
        sb_append(&trial, sb_cstr(&cur));
        if (cur.len)
            sb_putc(&trial, ' ');
        sb_appendn(&trial, p, (size_t)(e - p));
        if (cur.len == 0 || chart_text_width(sb_cstr(&trial), f, size) <= maxw) {
            sb_free(&cur);
            cur = trial;
        } else {
            sb_free(&trial);
            XGROW(lines, cap, n + 1);
            lines[n++] = sb_take(&cur);
            sb_appendn(&cur, p, (size_t)(e - p));
        }
        /* A word wider than a line on its own (a URL, a long name) is
         * broken where text_break_point says, so no label runs past its
         * column (maxw 0 asks for one word a line: nothing is broken). */
        while (maxw > 0 && chart_text_width(sb_cstr(&cur), f, size) > breakw) {
            size_t fit = S_fit_bytes(cur.s, cur.len, f, size, breakw);
            size_t at = text_break_point(cur.s, cur.len, fit);
            if (at >= cur.len)
                break;
            XGROW(lines, cap, n + 1);
            lines[n++] = xstrndup(cur.s, at);
            char *rest = xstrdup(cur.s + at);
            sb_clear(&cur);
            sb_append(&cur, rest);
            free(rest);
        }
        p = e;
    }
    if (cur.len || n == 0) {
        XGROW(lines, cap, n + 1);
        lines[n++] = sb_take(&cur);
    }
    sb_free(&cur);
    *out = lines;
    return n;
}
