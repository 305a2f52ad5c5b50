/* template_inline.c - the small languages inside a template: placeholders
 * ({{key}}, {{key | abs}}, {{key | rose / fell / did not change}}, {{key | one / many}},
 * {{report.area}}, {{chart:id}}, {{table:id}}), directive comments and
 * conditions ("lado, previous lado, figure x.y, narrative f.md, not ...").
 *
 * Knows figure keys only through the figure store, and return names
 * through the schema table; knows nothing about output formats. */
#include "template_internal.h"

#include "../compute/fmt.h"
#include "../util/alloc.h"
#include "../compute/registry.h"
#include "../util/paths.h"
#include "../util/strbuf.h"
#include "../util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tpl_diag(tpl_builder *b, diag_severity sev, int line, int col, const char *value,
              const char *fmt, ...)
{
    char colbuf[24];
    const char *column = NULL;
    if (col > 0) {
        snprintf(colbuf, sizeof colbuf, "%d", col);
        column = colbuf;
    }
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(b->dl, sev, b->file, line, column, value, "%s", msg);
}

/* ---- directives and conditions ------------------------------------- */

static char *S_trim_dup(const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                     s[n - 1] == '\r'))
        n--;
    return xstrndup(s, n);
}

bool tpl_directive(const char *html, char **name, char **arg)
{
    static const char *const names[] = {"requires", "if", "else", "end", "unnumbered"};
    const char *s = html;
    while (*s == ' ' || *s == '\t')
        s++;
    if (strncmp(s, "<!--", 4) != 0)
        return false;
    const char *end = strstr(s + 4, "-->");
    if (!end)
        return false;
    char *body = S_trim_dup(s + 4, (size_t)(end - (s + 4)));
    /* Only the comment itself may be on its lines: anything after it means
     * the author meant something else (and cmark would keep it as HTML). */
    char *rest = S_trim_dup(end + 3, strlen(end + 3));
    bool ok = false;
    if (*rest == '\0') {
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            size_t n = strlen(names[i]);
            if (strncmp(body, names[i], n) != 0)
                continue;
            const char *a = body + n;
            if (*a == ':') {
                a++;
            } else if (*a != '\0') {
                continue;
            }
            *name = xstrdup(names[i]);
            *arg = S_trim_dup(a, strlen(a));
            ok = true;
            break;
        }
    }
    free(body);
    free(rest);
    return ok;
}

static int S_one_condition(tpl_builder *b, const char *c, int line)
{
    if (strncmp(c, "not ", 4) == 0) {
        const char *r = c + 4;
        while (*r == ' ')
            r++;
        int v = S_one_condition(b, r, line);
        return v < 0 ? v : !v;
    }
    if (strncmp(c, "previous ", 9) == 0) {
        const char *r = c + 9;
        while (*r == ' ')
            r++;
        const return_def *def = registry_by_name(r);
        if (!def) {
            tpl_diag(b, DIAG_ERROR, line, 0, c, "unknown return '%s' (expected %s)", r,
                     registry_names_list());
            return -1;
        }
        return b->p->has_prev && b->p->prev[def->id].present;
    }
    if (strncmp(c, "figure ", 7) == 0) {
        const char *r = c + 7;
        while (*r == ' ')
            r++;
        strbuf key = STRBUF_INIT;
        /* "@area" stands for the report area's slug, as in placeholders. */
        for (const char *q = r; *q; q++) {
            if (strncmp(q, "@area", 5) == 0) {
                sb_append(&key, b->area_slug);
                q += 4;
            } else {
                sb_putc(&key, *q);
            }
        }
        const figure *f = fig_find(b->fs, sb_cstr(&key));
        sb_free(&key);
        return f && f->available;
    }
    if (strncmp(c, "narrative ", 10) == 0) {
        const char *r = c + 10;
        while (*r == ' ')
            r++;
        if (!b->p->narrative_dir)
            return 0;
        char *path = paths_join(b->p->narrative_dir, r);
        int v = paths_is_file(path);
        free(path);
        return v;
    }
    const return_def *def = registry_by_name(c);
    if (!def) {
        tpl_diag(b, DIAG_ERROR, line, 0, c,
                 "unknown condition '%s' (expected a return name such as lado, "
                 "'previous <return>', 'figure <key>', 'narrative <file>', or 'not ...')",
                 c);
        return -1;
    }
    return b->p->cur[def->id].present;
}

int tpl_condition(tpl_builder *b, const char *text, int line)
{
    if (*text == '\0') {
        tpl_diag(b, DIAG_ERROR, line, 0, NULL, "directive needs a condition, e.g. 'lado'");
        return -1;
    }
    int result = 1;
    const char *s = text;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        char *one = S_trim_dup(s, n);
        int v = *one ? S_one_condition(b, one, line) : -1;
        if (!*one)
            tpl_diag(b, DIAG_ERROR, line, 0, text, "empty condition in list");
        free(one);
        if (v < 0)
            return -1;
        if (!v)
            result = 0;
        s = comma ? comma + 1 : s + n;
    }
    return result;
}

/* ---- placeholders --------------------------------------------------- */

static size_t S_min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

static size_t S_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *r = xmalloc((lb + 1) * sizeof *r);
    for (size_t j = 0; j <= lb; j++)
        r[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t corner = r[0];
        r[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = r[j];
            r[j] = S_min3(r[j] + 1, r[j - 1] + 1, corner + (a[i - 1] != b[j - 1]));
            corner = up;
        }
    }
    size_t d = r[lb];
    free(r);
    return d;
}

/* The closest existing key, when close enough to be a likely typo. */
static const char *S_suggest(const figstore *fs, const char *key)
{
    const char *best = NULL;
    size_t bestd = strlen(key) / 5 + 2;
    for (size_t i = 0; i < fs->n; i++) {
        size_t d = S_distance(key, fs->items[i].key);
        if (d < bestd) {
            bestd = d;
            best = fs->items[i].key;
        }
    }
    return best;
}

/* Column (1-based) of needle on the line, or 0. */
static int S_column(const tpl_builder *b, int line, const char *needle)
{
    if (line < 1 || (size_t)line > b->nlines)
        return 0;
    const char *l = b->lines[line - 1];
    const char *hit = strstr(l, needle);
    return hit ? (int)(hit - l) + 1 : 0;
}

/* Text of a report setting, or NULL when the name is not one. */
static char *S_report_setting(const tpl_builder *b, const char *name)
{
    const report_config *c = &b->p->cfg;
    if (strcmp(name, "area") == 0)
        return xstrdup(c->area);
    if (strcmp(name, "partnership") == 0)
        return xstrdup(c->partnership);
    if (strcmp(name, "title") == 0)
        return xstrdup(c->title);
    if (strcmp(name, "year") == 0)
        return xstrdup(c->year);
    char buf[64];
    int y = c->year_start;
    if (strcmp(name, "previous_year") == 0) {
        snprintf(buf, sizeof buf, "%04d-%02d", y - 1, y % 100);
        return xstrdup(buf);
    }
    if (strcmp(name, "next_year") == 0) {
        snprintf(buf, sizeof buf, "%04d-%02d", y + 1, (y + 2) % 100);
        return xstrdup(buf);
    }
    if (strcmp(name, "period") == 0) {
        snprintf(buf, sizeof buf, "1 April %d to 31 March %d", y, y + 1);
        return xstrdup(buf);
    }
    if (strcmp(name, "published") == 0)
        return fmt_date_long(c->published_ymd);
    return NULL;
}

/* Strip a leading sign (+, -, U+2212) from a display string. */
static const char *S_unsigned(const char *d)
{
    if (*d == '+' || *d == '-')
        return d + 1;
    if (strncmp(d, "\xE2\x88\x92", 3) == 0)
        return d + 3;
    return d;
}

static bool S_key_chars_ok(const char *k)
{
    if (!*k)
        return false;
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_' ||
              *k == '.' || *k == '@'))
            return false;
    return true;
}

/* Resolve one placeholder body ("lado.referrals.change | abs") into runs. */
static void S_placeholder(tpl_builder *b, doc_node *para, const char *body, unsigned flags,
                          int line)
{
    char *shown = NULL;
    {
        strbuf s = STRBUF_INIT;
        sb_appendf(&s, "{{%s}}", body);
        shown = sb_take(&s);
    }
    int col = S_column(b, line, shown);
    if (col == 0) {
        /* The author may have written spaces inside the braces. */
        col = S_column(b, line, "{{");
    }
    const char *bar = strchr(body, '|');
    char *key = S_trim_dup(body, bar ? (size_t)(bar - body) : strlen(body));
    char *filter = bar ? S_trim_dup(bar + 1, strlen(bar + 1)) : NULL;

    if (strncmp(key, "chart:", 6) == 0 || strncmp(key, "table:", 6) == 0) {
        if (filter)
            tpl_diag(b, DIAG_ERROR, line, col, shown, "a %s reference takes no filter",
                     key[0] == 'c' ? "chart" : "table");
        else
            doc_add_run(para, key, strlen(key), flags | DOC_RUN_FIGURE | DOC_RUN_REF);
        goto done;
    }
    if (strncmp(key, "report.", 7) == 0) {
        char *v = S_report_setting(b, key + 7);
        if (!v)
            tpl_diag(b, DIAG_ERROR, line, col, shown,
                     "unknown report setting '%s' (expected report.area, report.partnership, "
                     "report.title, report.year, report.previous_year, report.next_year, "
                     "report.period or report.published)", key);
        else if (filter)
            tpl_diag(b, DIAG_ERROR, line, col, shown, "report settings take no filter");
        else
            doc_add_run(para, v, strlen(v), flags);
        free(v);
        goto done;
    }
    if (!S_key_chars_ok(key)) {
        tpl_diag(b, DIAG_ERROR, line, col, shown,
                 "placeholder '%s' is not a figure key (lower-case letters, digits, '_' and "
                 "'.', e.g. {{lado.referrals.total}})", key);
        goto done;
    }
    strbuf kb = STRBUF_INIT;
    for (const char *q = key; *q; q++) {
        if (strncmp(q, "@area", 5) == 0) {
            sb_append(&kb, b->area_slug);
            q += 4;
        } else {
            sb_putc(&kb, *q);
        }
    }
    const figure *f = fig_find(b->fs, sb_cstr(&kb));
    if (!f) {
        const return_def *def = registry_by_key(sb_cstr(&kb));
        const char *sugg = S_suggest(b->fs, sb_cstr(&kb));
        if (def && !b->p->cur[def->id].present) {
            tpl_diag(b, DIAG_ERROR, line, col, shown,
                     "figure '%s' comes from %s, which is not in this year's returns; put "
                     "this text in a part marked <!-- requires: %s -->",
                     sb_cstr(&kb), def->schema->file, def->names[0]);
        } else if (def && strstr(sb_cstr(&kb), ".change") && !b->p->prev[def->id].present) {
            tpl_diag(b, DIAG_ERROR, line, col, shown,
                     "no figure named '%s': comparisons with last year need last year's "
                     "return; put this text inside <!-- if: previous ... --> ... "
                     "<!-- end -->", sb_cstr(&kb));
        } else if (sugg) {
            tpl_diag(b, DIAG_ERROR, line, col, shown,
                     "no figure named '%s' (did you mean '%s'?)", sb_cstr(&kb), sugg);
        } else {
            tpl_diag(b, DIAG_ERROR, line, col, shown,
                     "no figure named '%s' (figures.csv lists every key)", sb_cstr(&kb));
        }
        sb_free(&kb);
        goto done;
    }
    sb_free(&kb);
    const char *disp = f->available && f->display ? f->display : "n/a";
    if (!filter) {
        doc_add_run(para, disp, strlen(disp), flags | DOC_RUN_FIGURE);
    } else if (strcmp(filter, "abs") == 0) {
        const char *u = S_unsigned(disp);
        doc_add_run(para, u, strlen(u), flags | DOC_RUN_FIGURE);
    } else if (strchr(filter, '/')) {
        /* rose / fell / did not change: chosen by the sign of the value;
         * allegation / allegations: by whether the value is one. */
        char *alt[3] = {NULL, NULL, NULL};
        int n = 0;
        const char *s = filter;
        while (n < 3) {
            const char *slash = strchr(s, '/');
            alt[n++] = S_trim_dup(s, slash ? (size_t)(slash - s) : strlen(s));
            if (!slash)
                break;
            s = slash + 1;
        }
        int nalt = 1;
        for (const char *q = filter; *q; q++)
            nalt += *q == '/';
        if (nalt == 2) {
            /* allegation / allegations: the first word for exactly one. */
            int which = f->available && f->value == 1.0 ? 0 : 1;
            doc_add_run(para, alt[which], strlen(alt[which]), flags);
        } else if (nalt != 3) {
            tpl_diag(b, DIAG_ERROR, line, col, shown,
                     "a word choice needs two alternatives ('one / many', e.g. "
                     "{{lado.referrals.total | referral / referrals}}) or three ('if more / "
                     "if less / if the same', e.g. {{lado.referrals.change | rose / fell / "
                     "did not change}})");
        } else {
            if (!f->available)
                tpl_diag(b, DIAG_WARNING, line, col, shown,
                         "figure has no value; the third alternative is used");
            int which = !f->available ? 2 : f->value > 0 ? 0 : f->value < 0 ? 1 : 2;
            doc_add_run(para, alt[which], strlen(alt[which]), flags);
        }
        for (int i = 0; i < 3; i++)
            free(alt[i]);
    } else {
        tpl_diag(b, DIAG_ERROR, line, col, shown,
                 "unknown filter '%s' (expected 'abs' or 'more / less / same' words)", filter);
    }
done:
    free(key);
    free(filter);
    free(shown);
}

/* Split text at placeholders. */
static void S_text(tpl_builder *b, doc_node *para, const char *t, unsigned flags, int line)
{
    for (;;) {
        const char *open = strstr(t, "{{");
        if (!open) {
            if (*t)
                doc_add_run(para, t, strlen(t), flags);
            return;
        }
        if (open > t)
            doc_add_run(para, t, (size_t)(open - t), flags);
        const char *close = strstr(open + 2, "}}");
        if (!close) {
            tpl_diag(b, DIAG_ERROR, line, S_column(b, line, "{{"), open,
                     "placeholder is not closed with '}}' on the same line");
            return;
        }
        char *body = xstrndup(open + 2, (size_t)(close - open - 2));
        S_placeholder(b, para, body, flags, line);
        free(body);
        t = close + 2;
    }
}

static void S_walk(tpl_builder *b, cmark_node *n, doc_node *para, unsigned flags, int *line)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
            S_text(b, para, cmark_node_get_literal(c), flags, *line);
            break;
        case CMARK_NODE_CODE: {
            /* Code spans stay literal: the way to show "{{x}}" in prose. */
            const char *lit = cmark_node_get_literal(c);
            doc_add_run(para, lit, strlen(lit), flags);
            break;
        }
        case CMARK_NODE_SOFTBREAK:
            doc_add_run(para, " ", 1, flags);
            (*line)++;
            break;
        case CMARK_NODE_LINEBREAK:
            doc_add_run(para, "", 0, DOC_RUN_BREAK);
            (*line)++;
            break;
        case CMARK_NODE_EMPH:
            S_walk(b, c, para, flags | DOC_RUN_ITALIC, line);
            break;
        case CMARK_NODE_STRONG:
            S_walk(b, c, para, flags | DOC_RUN_BOLD, line);
            break;
        case CMARK_NODE_LINK:
            S_walk(b, c, para, flags, line);
            break;
        case CMARK_NODE_IMAGE:
            tpl_diag(b, DIAG_ERROR, *line, 0, cmark_node_get_url(c),
                     "images are not supported in report text (use ```chart <id>``` or the "
                     "logo setting in report.ini)");
            break;
        case CMARK_NODE_HTML_INLINE: {
            char *name = NULL, *arg = NULL;
            if (tpl_directive(cmark_node_get_literal(c), &name, &arg))
                tpl_diag(b, DIAG_ERROR, *line, 0, cmark_node_get_literal(c),
                         "directive '%s' must stand on a line of its own, with a blank line "
                         "before it", name);
            /* Other inline HTML (comments) is the author's own note. */
            free(name);
            free(arg);
            break;
        }
        default:
            S_walk(b, c, para, flags, line);
            break;
        }
    }
}

void tpl_inlines(tpl_builder *b, cmark_node *inl, doc_node *para, int line)
{
    S_walk(b, inl, para, 0, &line);
}
