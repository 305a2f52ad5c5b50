/* html_text.c - text made safe for an HTML page: escaping for text and
 * attributes, shorthand codes marked up as abbreviations, numbers and
 * colours written the same way every time.  Knows HTML's syntax; nothing
 * about pages or the document's shape. */
#include "html_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* At most the first n bytes of s (SIZE_MAX: all of it), escaped. */
static void S_escape(strbuf *b, const char *s, size_t n, bool quotes)
{
    for (size_t i = 0; s && i < n && s[i]; i++) {
        switch (s[i]) {
        case '&': sb_append(b, "&amp;"); break;
        case '<': sb_append(b, "&lt;"); break;
        case '>': sb_append(b, "&gt;"); break;
        case '"': sb_append(b, quotes ? "&quot;" : "\""); break;
        default: sb_putc(b, s[i]);
        }
    }
}

void html_esc(strbuf *b, const char *s) { S_escape(b, s, SIZE_MAX, false); }
void html_attr(strbuf *b, const char *s) { S_escape(b, s, SIZE_MAX, true); }

/* The kind of shorthand code s starts with ("[x]", "[z]", "[u]", "[c]"), or
 * DC_TEXT. */
static dkind S_code(const char *s)
{
    if (s[0] != '[' || s[1] == '\0' || s[2] != ']')
        return DC_TEXT;
    switch (s[1]) {
    case 'x': return DC_X;
    case 'z': return DC_Z;
    case 'u': return DC_U;
    case 'c': return DC_C;
    default: return DC_TEXT;
    }
}

void html_esc_abbr(strbuf *b, const char *s)
{
    const char *run = s;
    for (const char *p = s; p && *p; p++) {
        dkind k = S_code(p);
        const char *meaning = doc_shorthand_meaning(k);
        if (!meaning)
            continue;
        S_escape(b, run, (size_t)(p - run), false);
        sb_append(b, "<abbr title=\"");
        html_attr(b, meaning);
        sb_append(b, "\">");
        sb_appendn(b, p, 3);
        sb_append(b, "</abbr>");
        p += 2;
        run = p + 1;
    }
    html_esc(b, run);
}

void html_num(strbuf *b, double v)
{
    double r = round(v * 100.0) / 100.0;
    if (r == 0 || !isfinite(r))
        r = 0;  /* no "-0"; a non-number (never laid out) as 0 */
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f", r);
    char *e = buf + strlen(buf);
    while (e > buf && e[-1] == '0')
        *--e = '\0';
    if (e > buf && e[-1] == '.')
        *--e = '\0';
    sb_append(b, buf);
}

void html_colour(strbuf *b, uint32_t c)
{
    sb_appendf(b, "#%02x%02x%02x", (unsigned)(c >> 16) & 0xFFu, (unsigned)(c >> 8) & 0xFFu,
               (unsigned)c & 0xFFu);
}
