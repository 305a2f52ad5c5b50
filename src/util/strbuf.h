/* strbuf.h - a growable, always NUL-terminated byte string.
 *
 * A zero-initialised strbuf (STRBUF_INIT) is an empty string.  The buffer
 * owns its bytes; sb_take() hands them to the caller and resets the buffer. */
#ifndef ANNREP_STRBUF_H
#define ANNREP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *s;    /* NULL until the first append; use sb_cstr() to read */
    size_t len;
    size_t cap;
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}

void sb_append(strbuf *b, const char *s);
void sb_appendn(strbuf *b, const char *s, size_t n);
void sb_putc(strbuf *b, char c);
void sb_appendf(strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* As sb_appendf, with a va_list (which it consumes). */
void sb_vappendf(strbuf *b, const char *fmt, va_list ap);
/* A new heap string formatted from fmt and ap (consumed).  Never NULL. */
char *sb_vformat(const char *fmt, va_list ap);
void sb_clear(strbuf *b);
/* Never NULL: "" for an empty buffer. */
const char *sb_cstr(const strbuf *b);
/* Returns the heap string (never NULL) and leaves b empty. */
char *sb_take(strbuf *b);
void sb_free(strbuf *b);

#endif
