/* strbuf.c - growable strings; see strbuf.h. */
#include "strbuf.h"

#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_reserve(strbuf *b, size_t extra)
{
    XGROW(b->s, b->cap, b->len + extra + 1);
}

void sb_appendn(strbuf *b, const char *s, size_t n)
{
    S_reserve(b, n);
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_append(strbuf *b, const char *s)
{
    sb_appendn(b, s, strlen(s));
}

void sb_putc(strbuf *b, char c)
{
    sb_appendn(b, &c, 1);
}

void sb_vappendf(strbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    S_reserve(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_appendf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vappendf(b, fmt, ap);
    va_end(ap);
}

char *sb_vformat(const char *fmt, va_list ap)
{
    strbuf b = STRBUF_INIT;
    sb_vappendf(&b, fmt, ap);
    return sb_take(&b);
}

void sb_clear(strbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

const char *sb_cstr(const strbuf *b)
{
    return b->s ? b->s : "";
}

char *sb_take(strbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void sb_free(strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
