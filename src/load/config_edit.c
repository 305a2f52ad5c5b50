/* config_edit.c - one setting of a report.ini's text, found and replaced
 * byte for byte; see config_edit.h.  Knows the line rules of report.ini
 * (as config.c reads them with inih) and nothing about what a setting
 * means. */
#include "config_edit.h"

#include "../util/alloc.h"
#include "../util/text.h"

#include <stdlib.h>
#include <string.h>

static bool S_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The trimmed bytes [*a, *b) of a line. */
static void S_trim(const char *t, size_t *a, size_t *b)
{
    while (*a < *b && S_blank(t[*a]))
        (*a)++;
    while (*b > *a && S_blank(t[*b - 1]))
        (*b)--;
}

/* True when the bytes [a, b) equal name by `eq`. */
static bool S_eq(const char *t, size_t a, size_t b, const char *name,
                 bool (*eq)(const char *, const char *))
{
    char *s = xstrndup(t + a, b - a);
    bool same = eq(s, name);
    free(s);
    return same;
}

/* Where the value of the setting line [a, b) ends: at a ';' with white
 * space before it (inih's inline comment), else at the line end. */
static size_t S_value_end(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (t[i] == ';' && i > a && S_blank(t[i - 1]))
            return i;
    return b;
}

bool config_find_setting(const char *text, size_t len, const char *section, const char *key,
                         config_span *out)
{
    bool in_section = false, found = false;
    size_t pos = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (int line = 1; pos < len; line++) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        size_t a = pos, b = end;
        S_trim(text, &a, &b);
        pos = end < len ? end + 1 : end;
        if (a == b || text[a] == ';' || text[a] == '#')
            continue;
        if (text[a] == '[') {
            const char *close = memchr(text + a, ']', b - a);
            if (close) {
                size_t na = a + 1, nb = (size_t)(close - text);
                S_trim(text, &na, &nb);
                in_section = S_eq(text, na, nb, section, text_loose_eq);
            }
            continue;
        }
        size_t sep = a;
        while (sep < b && text[sep] != '=' && text[sep] != ':')
            sep++;
        if (!in_section || sep == b)
            continue;
        size_t ka = a, kb = sep;
        S_trim(text, &ka, &kb);
        if (!S_eq(text, ka, kb, key, text_header_eq))
            continue;
        size_t va = sep + 1, vb = S_value_end(text, sep + 1, b);
        S_trim(text, &va, &vb);
        out->start = va;
        out->end = vb;
        out->line = line;
        found = true;
    }
    return found;
}

char *config_replace_value(const char *text, size_t len, const config_span *sp,
                           const char *value, size_t *out_len)
{
    size_t vl = strlen(value), n = len - (sp->end - sp->start) + vl;
    char *out = xmalloc(n + 1);
    memcpy(out, text, sp->start);
    memcpy(out + sp->start, value, vl);
    memcpy(out + sp->start + vl, text + sp->end, len - sp->end);
    out[n] = '\0';
    *out_len = n;
    return out;
}
