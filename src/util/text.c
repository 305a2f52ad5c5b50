/* text.c - small text utilities (UTF-8 checks, Windows-1252, slugs,
 * trimming, loose comparison); see text.h.
 * Knows nothing about returns, schemas or files: pure string functions. */
#include "text.h"

#include "alloc.h"
#include "strbuf.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

unsigned long text_utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    unsigned char c = p[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0) {
        *s += 1;
        return 0xFFFD;
    }
    unsigned long cp = len == 1 ? c : (unsigned long)(c & (0x7F >> len));
    for (size_t k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *s += k;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    *s += len;
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    return cp;
}

bool text_is_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* Eight ASCII bytes at a time (no high bit, no NUL): most text. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ull) || ((w - 0x0101010101010101ull) & ~w &
                                                0x8080808080808080ull))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false; /* continuation byte, C0/C1 overlong lead, or > F4 */
        }
        if (n - i < len)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

/* Code points of Windows-1252 bytes 0x80..0x9F; 0xFFFD for the undefined ones. */
static const unsigned short S_cp1252_hi[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

char *text_cp1252_to_utf8(const char *s, size_t n, size_t *out_len)
{
    /* Every byte becomes at most three UTF-8 bytes. */
    char *out = xmalloc(n * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned cp = c;
        if (c >= 0x80 && c <= 0x9F)
            cp = S_cp1252_hi[c - 0x80];
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | (cp >> 12));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}

char *text_slug(const char *s)
{
    strbuf b = STRBUF_INIT;
    bool pending = false; /* a run of other characters waits to become '_' */
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (pending && b.len > 0)
                sb_putc(&b, '_');
            pending = false;
            sb_putc(&b, c);
        } else {
            pending = true;
        }
    }
    return sb_take(&b);
}

/* Length of the space (ASCII space, tab, U+00A0) starting at p, or 0. */
static size_t S_space_at(const char *p)
{
    if (*p == ' ' || *p == '\t')
        return 1;
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
        return 2;
    return 0;
}

/* Bounds of s without surrounding spaces. */
static void S_trim_bounds(const char *s, const char **start, const char **end)
{
    size_t k;
    while ((k = S_space_at(s)) > 0)
        s += k;
    const char *e = s, *p = s;
    while (*p) {
        if ((k = S_space_at(p)) > 0) {
            p += k;
        } else {
            p++;
            e = p;
        }
    }
    *start = s;
    *end = e;
}

char *text_trim_inplace(char *s)
{
    const char *a, *e;
    S_trim_bounds(s, &a, &e);
    s[e - s] = '\0';
    return s + (a - s);
}

char *text_trim(const char *s)
{
    const char *a, *e;
    S_trim_bounds(s, &a, &e);
    return xstrndup(a, (size_t)(e - a));
}

/* Normal form for comparison: trimmed, ASCII lower case, every run of
 * spaces (and of underscores too when fold_underscore) made one `sep`. */
static char *S_fold(const char *s, bool fold_underscore)
{
    const char *a, *e;
    S_trim_bounds(s, &a, &e);
    strbuf b = STRBUF_INIT;
    bool in_run = false;
    for (const char *p = a; p < e;) {
        size_t k = S_space_at(p);
        if (k == 0 && fold_underscore && *p == '_')
            k = 1;
        if (k > 0) {
            if (!in_run)
                sb_putc(&b, ' ');
            in_run = true;
            p += k;
            continue;
        }
        in_run = false;
        char c = *p++;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        sb_putc(&b, c);
    }
    return sb_take(&b);
}

bool text_header_eq(const char *header, const char *name)
{
    char *a = S_fold(header, true), *b = S_fold(name, true);
    bool eq = strcmp(a, b) == 0;
    free(a);
    free(b);
    return eq;
}

bool text_loose_eq(const char *a, const char *b)
{
    char *x = S_fold(a, false), *y = S_fold(b, false);
    bool eq = strcmp(x, y) == 0;
    free(x);
    free(y);
    return eq;
}

bool text_is_only_comments(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            i++;
            continue;
        }
        if (n - i < 4 || memcmp(s + i, "<!--", 4) != 0)
            return false;
        size_t j = i + 4;
        while (j + 3 <= n && memcmp(s + j, "-->", 3) != 0)
            j++;
        if (j + 3 > n)
            return false; /* never closed: the reader sees it as text */
        i = j + 3;
    }
    return true;
}

size_t text_break_point(const char *s, size_t n, size_t fit)
{
    if (fit > n)
        fit = n;
    while (fit > 0 && fit < n && ((unsigned char)s[fit] & 0xC0) == 0x80)
        fit--;  /* never inside a character */
    if (fit == 0) {
        /* Not even one character fits: it gets the line to itself. */
        const char *q = s;
        if (n > 0)
            text_utf8_next(&q);
        return (size_t)(q - s) < n ? (size_t)(q - s) : n;
    }
    for (size_t i = fit; i > fit / 2 && i > 1; i--)
        if (s[i - 1] && strchr("/.-?&=_#", s[i - 1]))
            return i;
    return fit;
}

const char *text_find_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            return s;
    return NULL;
}

size_t text_utf8_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

char *text_group_slug(const char *s)
{
    char *slug = text_slug(s);
    if (*slug)
        return slug;
    free(slug);
    strbuf b = STRBUF_INIT;
    const char *p = s;
    while (*p) {
        size_t sp = S_space_at(p);
        if (sp) {
            p += sp;
            continue;
        }
        sb_appendf(&b, "_u%lx", text_utf8_next(&p));
    }
    if (!b.len)
        sb_putc(&b, '_');
    return sb_take(&b);
}
