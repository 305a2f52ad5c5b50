/* diag.c - collected diagnostics; see diag.h. */
#include "diag.h"

#include "alloc.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define VALUE_SHOWN_MAX 80
#define MESSAGE_SHOWN_MAX 1000 /* characters of a message's own text */

void diag_add(diag_list *dl, diag_severity sev, const char *file, int line,
              const char *column, const char *value, const char *fmt, ...)
{
    XGROW(dl->items, dl->cap, dl->n + 1);
    diag *d = &dl->items[dl->n++];
    d->sev = sev;
    d->file = xstrdup(file);
    d->line = line;
    d->column = xstrdup(column);
    d->value = xstrdup(value);

    va_list ap;
    va_start(ap, fmt);
    d->message = sb_vformat(fmt, ap);
    va_end(ap);
    switch (sev) {
    case DIAG_ERROR: dl->nerrors++; break;
    case DIAG_WARNING: dl->nwarnings++; break;
    case DIAG_NOTE: dl->nnotes++; break;
    }
}

/* Append v with every control byte (a line break, a tab, an escape) as
 * \xNN, so that one diagnostic is always one line and cannot move the
 * terminal's cursor; at most max characters, cut between characters.
 * A quoted value (the cell a message is about) is put in quotes, its own
 * quotes escaped, and a cut one ends with its length in bytes; other text
 * (file name, column, message) ends with how many characters were left. */
static void S_escaped(strbuf *b, const char *v, size_t max, bool quoted)
{
    size_t shown = 0;
    if (quoted)
        sb_putc(b, '"');
    for (const char *p = v; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xC0) != 0x80) {
            if (shown == max) {
                if (quoted) {
                    sb_appendf(b, "\xE2\x80\xA6 (%zu bytes)", strlen(v));
                } else {
                    size_t more = 0;
                    for (const char *q = p; *q; q++)
                        more += ((unsigned char)*q & 0xC0) != 0x80;
                    sb_appendf(b, "\xE2\x80\xA6 (%zu more characters not shown)", more);
                }
                break;
            }
            shown++;
        }
        if (c < 0x20 || c == 0x7F)
            sb_appendf(b, "\\x%02X", c);
        else if (quoted && c == '"')
            sb_append(b, "\\\"");
        else
            sb_putc(b, (char)c);
    }
    if (quoted)
        sb_putc(b, '"');
}

char *diag_format(const diag *d)
{
    static const char *const names[] = {"note", "warning", "error"};
    strbuf b = STRBUF_INIT;
    if (d->file) {
        S_escaped(&b, d->file, MESSAGE_SHOWN_MAX, false);
        if (d->line > 0)
            sb_appendf(&b, ":%d", d->line);
        sb_append(&b, ": ");
    }
    sb_appendf(&b, "%s: ", names[d->sev]);
    if (d->column)
    {
        sb_append(&b, "column ");
        S_escaped(&b, d->column, VALUE_SHOWN_MAX, false);
        sb_append(&b, ": ");
    }
    if (d->value) {
        S_escaped(&b, d->value, VALUE_SHOWN_MAX, true);
        sb_append(&b, ": ");
    }
    S_escaped(&b, d->message, MESSAGE_SHOWN_MAX, false);
    return sb_take(&b);
}

void diag_print(const diag_list *dl, FILE *out)
{
    for (size_t i = 0; i < dl->n; i++) {
        char *s = diag_format(&dl->items[i]);
        fprintf(out, "%s\n", s);
        free(s);
    }
}

size_t diag_errors_in_file(const diag_list *dl, const char *file)
{
    size_t n = 0;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->items[i].sev == DIAG_ERROR && dl->items[i].file && file &&
            strcmp(dl->items[i].file, file) == 0)
            n++;
    return n;
}

void diag_free(diag_list *dl)
{
    for (size_t i = 0; i < dl->n; i++) {
        free(dl->items[i].file);
        free(dl->items[i].column);
        free(dl->items[i].value);
        free(dl->items[i].message);
    }
    free(dl->items);
    memset(dl, 0, sizeof *dl);
}
