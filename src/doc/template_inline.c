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
#include "../util/strbuf.h"
#include "../util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool tpl_diag_capped(const tpl_builder *b, diag_severity sev)
{
    return b->file && b->nshown[sev] >= TPL_DIAG_MAX;
}

void tpl_diag(tpl_builder *b, diag_severity sev, int line, int col, const char *value,
              const char *fmt, ...)
{
    if (tpl_diag_capped(b, sev)) {
        b->nhidden[sev]++;
        return;
    }
    b->nshown[sev]++;
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

/* The key with "@area" standing for the report area's slug, "@total" for
 * the crime type that counts all crime and "@comparison" for the area the
 * report's own is compared with, as placeholders and conditions write them
 * ("crime.@total.@area.current" is crime.all_crime.northmoor.current).  A
 * name with nothing to stand for stays as written, so that the key names
 * no figure.  Caller frees. */
static char *S_expand_area(const tpl_builder *b, const char *key)
{
    const struct {
        const char *name;
        const char *slug;
    } names[] = {{"@area", b->area_slug},
                 {"@total", b->total_slug},
                 {"@comparison", b->comparison_slug}};
    strbuf kb = STRBUF_INIT;
    for (const char *q = key; *q;) {
        size_t k = 0, n = 0;
        for (k = 0; k < 3; k++) {
            n = strlen(names[k].name);
            if (names[k].slug && strncmp(q, names[k].name, n) == 0)
                break;
        }
        if (k < 3) {
            sb_append(&kb, names[k].slug);
            q += n;
        } else {
            sb_putc(&kb, *q++);
        }
    }
    return sb_take(&kb);
}

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

/* The text after a condition's first word ("previous lado" -> "lado"). */
static const char *S_after(const char *c, size_t n)
{
    const char *r = c + n;
    while (*r == ' ')
        r++;
    return r;
}

/* One condition without its "not"s. */
static annrep_status S_test(tpl_builder *b, const char *c, int line, bool *value)
{
    const return_def *def;
    *value = false;
    if (strncmp(c, "previous ", 9) == 0) {
        const char *r = S_after(c, 9);
        if (!(def = registry_by_name(r))) {
            tpl_diag(b, DIAG_ERROR, line, 0, c, "unknown return '%s' (expected %s)", r,
                     registry_names_list());
            return ANNREP_ERR_INPUT;
        }
        *value = project_table(b->p, 1, def->id) != NULL;
    } else if (strncmp(c, "trend ", 6) == 0) {
        const char *r = S_after(c, 6);
        if (!(def = registry_by_name(r))) {
            tpl_diag(b, DIAG_ERROR, line, 0, c, "unknown return '%s' (expected %s)", r,
                     registry_names_list());
            return ANNREP_ERR_INPUT;
        }
        *value = def->trend_dataset && dsl_find(b->dsl, def->trend_dataset);
    } else if (strncmp(c, "figure ", 7) == 0) {
        /* The text can quote it: it has a value, or is a small count the
         * text gives as "fewer than 6". */
        char *key = S_expand_area(b, S_after(c, 7));
        const figure *f = fig_find(b->fs, key);
        free(key);
        *value = f && (f->available || (f->status == FIG_SUPPRESSED && f->small));
    } else if (strncmp(c, "shown ", 6) == 0) {
        char *key = S_expand_area(b, S_after(c, 6));
        const figure *f = fig_find(b->fs, key);
        free(key);
        *value = f && f->available;
    } else if (strncmp(c, "suppressed ", 11) == 0) {
        char *key = S_expand_area(b, S_after(c, 11));
        const figure *f = fig_find(b->fs, key);
        free(key);
        *value = f && f->status == FIG_SUPPRESSED;
    } else if (strcmp(c, "edition restricted") == 0) {
        *value = b->p->cfg.restricted;
    } else if (strcmp(c, "edition public") == 0) {
        *value = !b->p->cfg.restricted;
    } else if (strcmp(c, "revised") == 0) {
        *value = b->p->cfg.revised_ymd != 0;
    } else if (strcmp(c, "disclosure") == 0) {
        *value = config_effective_threshold(&b->p->cfg) > 0;
    } else if (strncmp(c, "narrative ", 10) == 0) {
        *value = tpl_narrative_state(b, S_after(c, 10)) == TPL_NARR_WRITTEN;
    } else if (strncmp(c, "setting ", 8) == 0) {
        const char *name = S_after(c, 8);
        const report_config *cfg = &b->p->cfg;
        if (strcmp(name, "contact") == 0) {
            *value = cfg->contact && *cfg->contact;
        } else if (strcmp(name, "author") == 0) {
            *value = cfg->author && *cfg->author;
        } else if (strcmp(name, "logo") == 0) {
            *value = cfg->logo && *cfg->logo;
        } else if (strcmp(name, "child_population") == 0) {
            *value = cfg->has_child_population;
        } else {
            tpl_diag(b, DIAG_ERROR, line, 0, c,
                     "unknown setting '%s' (expected 'setting contact', 'setting author', "
                     "'setting logo' or 'setting child_population')", name);
            return ANNREP_ERR_INPUT;
        }
    } else if ((def = registry_by_name(c))) {
        *value = project_table(b->p, 0, def->id) != NULL;
    } else {
        tpl_diag(b, DIAG_ERROR, line, 0, c,
                 "unknown condition '%s' (expected a return name such as lado, "
                 "'previous <return>', 'trend <return>', 'figure <key>', 'shown <key>', "
                 "'suppressed <key>', 'narrative <file>', 'setting <name>', 'edition "
                 "public', 'edition restricted', 'disclosure', 'revised', or 'not ...')",
                 c);
        return ANNREP_ERR_INPUT;
    }
    return ANNREP_OK;
}

/* One condition: any number of "not"s (counted, not recursed into, so no
 * input can exhaust the stack), then a test. */
static annrep_status S_one_condition(tpl_builder *b, const char *c, int line, bool *value)
{
    bool negate = false;
    while (strncmp(c, "not ", 4) == 0) {
        negate = !negate;
        c = S_after(c, 4);
    }
    annrep_status st = S_test(b, c, line, value);
    if (st == ANNREP_OK && negate)
        *value = !*value;
    return st;
}

annrep_status tpl_condition(tpl_builder *b, const char *text, int line, bool *value)
{
    *value = false;
    if (*text == '\0') {
        tpl_diag(b, DIAG_ERROR, line, 0, NULL, "directive needs a condition, e.g. 'lado'");
        return ANNREP_ERR_INPUT;
    }
    bool result = true;
    const char *s = text;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        char *one = S_trim_dup(s, n);
        bool v = false;
        annrep_status st = ANNREP_ERR_INPUT;
        if (*one)
            st = S_one_condition(b, one, line, &v);
        else
            tpl_diag(b, DIAG_ERROR, line, 0, text, "empty condition in list");
        free(one);
        if (st != ANNREP_OK)
            return st;
        result = result && v;
        s = comma ? comma + 1 : s + n;
    }
    *value = result;
    return ANNREP_OK;
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
    if (strcmp(name, "contact") == 0)
        return xstrdup(c->contact ? c->contact : "");
    if (strcmp(name, "revised") == 0)
        return c->revised_ymd ? fmt_date_long(c->revised_ymd) : xstrdup("");
    if (strcmp(name, "revision_note") == 0)
        return xstrdup(c->revision_note ? c->revision_note : "");
    if (strcmp(name, "revision") == 0)
        return c->revised_ymd ? doc_revision_line(c) : xstrdup("");
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

/* A placeholder being resolved: where it is, what it says, where its runs go. */
typedef struct {
    tpl_builder *b;
    doc_node *para;
    unsigned flags;   /* the style of the text around it */
    int line, col;
    char *shown;      /* "{{body}}", as messages quote it */
    char *key;        /* before the '|', trimmed */
    char *filter;     /* after the '|', trimmed; NULL when none */
} S_ph;

/* {{chart:id}} / {{table:id}}: resolved to "Figure N" / "Table N" once the
 * document is numbered. */
static void S_ph_reference(S_ph *ph)
{
    if (ph->filter)
        tpl_diag(ph->b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "a %s reference takes no filter", ph->key[0] == 'c' ? "chart" : "table");
    else
        doc_add_run(ph->para, ph->key, strlen(ph->key),
                    ph->flags | DOC_RUN_FIGURE | DOC_RUN_REF);
}

/* {{report.area}} and the other settings. */
static void S_ph_setting(S_ph *ph)
{
    char *v = S_report_setting(ph->b, ph->key + 7);
    if (!v)
        tpl_diag(ph->b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "unknown report setting '%s' (expected report.area, report.partnership, "
                 "report.title, report.year, report.previous_year, report.next_year, "
                 "report.period, report.published, report.contact, report.revised, "
                 "report.revision_note or report.revision)", ph->key);
    else if (!*v && strcmp(ph->key + 7, "contact") == 0)
        tpl_diag(ph->b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "report.ini sets no %s: put this text inside <!-- if: setting %s --> ... "
                 "<!-- end -->", ph->key + 7, ph->key + 7);
    else if (ph->filter)
        tpl_diag(ph->b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "report settings take no filter");
    else
        doc_add_run(ph->para, v, strlen(v), ph->flags);
    free(v);
}

/* A key that names no figure: say why, in the words that help most. */
static void S_ph_missing(S_ph *ph, const char *key)
{
    tpl_builder *b = ph->b;
    if (tpl_diag_capped(b, DIAG_ERROR)) { /* counted only: no suggestion sought */
        tpl_diag(b, DIAG_ERROR, ph->line, ph->col, ph->shown, "no figure named '%s'", key);
        return;
    }
    const return_def *def = registry_by_key(key);
    const char *sugg = S_suggest(b->fs, key);
    if (def && !project_table(b->p, 0, def->id))
        tpl_diag(b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "figure '%s' comes from %s, which is not in this year's returns; put "
                 "this text in a part marked <!-- requires: %s -->",
                 key, def->schema->file, def->names[0]);
    else if (def && strstr(key, ".change") && !project_table(b->p, 1, def->id))
        tpl_diag(b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "no figure named '%s': comparisons with last year need last year's "
                 "return; put this text inside <!-- if: previous ... --> ... "
                 "<!-- end -->", key);
    else if (sugg)
        tpl_diag(b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "no figure named '%s' (did you mean '%s'?)", key, sugg);
    else
        tpl_diag(b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "no figure named '%s' (figures.csv lists every key)", key);
}

/* The words of a suppressed figure (disclosure control, section 8): a
 * small count is "fewer than 6"; anything else (a percentage of one, or a
 * larger count suppressed so that a total gives none away) is [c], with a
 * warning, as the sentence around it may not read well. */
/* The paragraph so far ends a sentence (or is empty). */
static bool S_at_sentence_start(const doc_node *para)
{
    for (size_t i = para->nruns; i-- > 0;) {
        const char *t = para->runs[i].text;
        for (size_t k = strlen(t); k-- > 0;) {
            unsigned char ch = (unsigned char)t[k];
            if (ch == ' ' || ch == '\t' || ch == '\n')
                continue;
            return ch == '.' || ch == '!' || ch == '?';
        }
    }
    return true;
}

static void S_suppressed_value(S_ph *ph, const figure *f)
{
    if (f->small) {
        strbuf t = STRBUF_INIT;
        sb_appendf(&t, "%s than %d", S_at_sentence_start(ph->para) ? "Fewer" : "fewer",
                   config_effective_threshold(&ph->b->p->cfg) + 1);
        doc_add_figure_run(ph->para, sb_cstr(&t), ph->flags, f->key);
        sb_free(&t);
        return;
    }
    tpl_diag(ph->b, DIAG_WARNING, ph->line, ph->col, ph->shown,
             "figure '%s' is suppressed in the public edition (%s); the text shows [c]: "
             "put the sentence inside <!-- if: shown %s --> ... <!-- end -->",
             f->key,
             f->covered ? "so that it cannot be worked out from a total and the other counts"
                        : "it is worked out from a small count",
             f->key);
    doc_add_figure_run(ph->para, "[c]", ph->flags, f->key);
}

/* Words that would tell something of a suppressed figure: [c], with a
 * warning. */
static void S_suppressed_words(S_ph *ph, const char *key)
{
    tpl_diag(ph->b, DIAG_WARNING, ph->line, ph->col, ph->shown,
             "figure '%s' is suppressed in the public edition, so no words can describe it; "
             "the text shows [c]: put the sentence inside <!-- if: shown %s --> ... "
             "<!-- end -->", key, key);
    doc_add_run(ph->para, "[c]", 3, ph->flags);
}

/* {{key | one / many}} by whether the value is one; {{key | more / less /
 * same}} by its sign. */
static void S_ph_words(S_ph *ph, const figure *f)
{
    char *alt[3] = {NULL, NULL, NULL};
    int n = 0;
    const char *s = ph->filter;
    while (n < 3) {
        const char *slash = strchr(s, '/');
        alt[n++] = S_trim_dup(s, slash ? (size_t)(slash - s) : strlen(s));
        if (!slash)
            break;
        s = slash + 1;
    }
    int nalt = 1;
    for (const char *q = ph->filter; *q; q++)
        nalt += *q == '/';
    if (nalt == 2) {
        /* allegation / allegations: the first word for exactly one. */
        int which = f->available && f->value == 1.0 ? 0 : 1;
        doc_add_run(ph->para, alt[which], strlen(alt[which]), ph->flags);
    } else if (nalt != 3) {
        tpl_diag(ph->b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "a word choice needs two alternatives ('one / many', e.g. "
                 "{{lado.referrals.total | referral / referrals}}) or three ('if more / "
                 "if less / if the same', e.g. {{lado.referrals.change | rose / fell / "
                 "did not change}})");
    } else if (f->status == FIG_SUPPRESSED) {
        S_suppressed_words(ph, f->key);
    } else {
        if (!f->available)
            tpl_diag(ph->b, DIAG_WARNING, ph->line, ph->col, ph->shown,
                     "figure has no value; the third alternative is used");
        int which = !f->available ? 2 : f->value > 0 ? 0 : f->value < 0 ? 1 : 2;
        doc_add_run(ph->para, alt[which], strlen(alt[which]), ph->flags);
    }
    for (int i = 0; i < 3; i++)
        free(alt[i]);
}

/* ---- trend words ---------------------------------------------------- */

/* The trend figure <key>.trend.<part>, available; else NULL after an error
 * saying how to guard the text. */
static const figure *S_trend_part(S_ph *ph, const char *key, const char *part)
{
    strbuf k = STRBUF_INIT;
    sb_appendf(&k, "%s.trend.%s", key, part);
    const figure *f = fig_find(ph->b->fs, sb_cstr(&k));
    if (f && f->status == FIG_SUPPRESSED) {
        S_suppressed_words(ph, key);
        sb_free(&k);
        return NULL;
    }
    if (!f || !f->available)
        tpl_diag(ph->b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "'%s' has no value this year (a trend needs three years of returns, the "
                 "previous year among them for a direction); put this text inside "
                 "<!-- if: figure %s --> ... <!-- end -->", sb_cstr(&k), sb_cstr(&k));
    sb_free(&k);
    return f && f->available ? f : NULL;
}

static const char *S_number_word(int n)
{
    static const char *const w[] = {"no", "one", "two", "three", "four", "five", "six"};
    return n >= 0 && n <= 6 ? w[n] : "several";
}

static const char *S_ordinal_word(int n)
{
    static const char *const w[] = {"", "first", "second", "third", "fourth", "fifth"};
    return n >= 1 && n <= 5 ? w[n] : "latest";
}

/* {{key | direction}}: "rose for the third year running", "rose", "did not
 * change", "fell", "fell for the second year running" (key.trend.run). */
static void S_ph_direction(S_ph *ph, const char *key)
{
    const figure *run = S_trend_part(ph, key, "run");
    if (!run)
        return;
    int n = (int)run->value;
    strbuf b = STRBUF_INIT;
    if (n == 0)
        sb_append(&b, "did not change");
    else
        sb_append(&b, n > 0 ? "rose" : "fell");
    if (n >= 2 || n <= -2)
        sb_appendf(&b, " for the %s year running", S_ordinal_word(n < 0 ? -n : n));
    doc_add_run(ph->para, sb_cstr(&b), b.len, ph->flags);
    sb_free(&b);
}

/* "in five years" when the years with figures run to this year without a
 * gap, else "of the three years with figures since 2018-19". */
static void S_span(strbuf *b, int years, const figure *first, int this_year)
{
    if (this_year - (int)first->value + 1 == years)
        sb_appendf(b, "in %s years", S_number_word(years));
    else
        sb_appendf(b, "of the %s years with figures since %s", S_number_word(years),
                   first->display);
}

/* {{key | standing}}: this year's value among the years: "the highest in
 * five years", "the joint lowest ...", or against the mean, "above the
 * five-year average" (more than 5% above it), "below ...", "close to ...". */
static void S_ph_standing(S_ph *ph, const figure *f, const char *key)
{
    const figure *years = S_trend_part(ph, key, "years"), *first = NULL, *mean = NULL;
    const figure *high = NULL, *low = NULL, *equal = NULL;
    if (!years || !(first = S_trend_part(ph, key, "first_year")) ||
        !(mean = S_trend_part(ph, key, "mean")) || !(high = S_trend_part(ph, key, "rank_high")) ||
        !(low = S_trend_part(ph, key, "rank_low")) || !(equal = S_trend_part(ph, key, "equal")))
        return;
    int n = (int)years->value, this_year = ph->b->p->cfg.year_start;
    bool joint = equal->value > 0;
    strbuf b = STRBUF_INIT;
    if (high->value == 1 && low->value == 1) {
        sb_append(&b, "the same as in every year ");
        if (this_year - (int)first->value + 1 == n)
            sb_appendf(&b, "of the last %s", S_number_word(n));
        else
            sb_appendf(&b, "with figures since %s", first->display);
    } else if (high->value == 1 || low->value == 1) {
        sb_appendf(&b, "the %s%s ", joint ? "joint " : "",
                   high->value == 1 ? "highest" : "lowest");
        S_span(&b, n, first, this_year);
    } else {
        double d = f->value - mean->value, tol = 0.05 * (mean->value < 0 ? -mean->value : mean->value);
        const char *rel = d > tol ? "above" : d < -tol ? "below" : "close to";
        if (this_year - (int)first->value + 1 == n)
            sb_appendf(&b, "%s the %s-year average", rel, S_number_word(n));
        else
            sb_appendf(&b, "%s the average of the %s years with figures since %s", rel,
                       S_number_word(n), first->display);
    }
    doc_add_run(ph->para, sb_cstr(&b), b.len, ph->flags);
    sb_free(&b);
}

/* {{key}}, {{key | abs}} or a word choice. */
static void S_ph_figure(S_ph *ph)
{
    if (!S_key_chars_ok(ph->key)) {
        tpl_diag(ph->b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "placeholder '%s' is not a figure key (lower-case letters, digits, '_' and "
                 "'.', e.g. {{lado.referrals.total}})", ph->key);
        return;
    }
    char *key = S_expand_area(ph->b, ph->key);
    const figure *f = fig_find(ph->b->fs, key);
    if (!f) {
        S_ph_missing(ph, key);
        free(key);
        return;
    }
    const char *disp = f->available && f->display ? f->display : "n/a";
    bool secret = f->status == FIG_SUPPRESSED;
    if (secret && (!ph->filter || strcmp(ph->filter, "abs") == 0)) {
        S_suppressed_value(ph, f);
    } else if (secret && (strcmp(ph->filter, "direction") == 0 ||
                          strcmp(ph->filter, "standing") == 0)) {
        S_suppressed_words(ph, key);
    } else if (!ph->filter) {
        doc_add_figure_run(ph->para, disp, ph->flags, key);
    } else if (strcmp(ph->filter, "abs") == 0) {
        doc_add_figure_run(ph->para, S_unsigned(disp), ph->flags, key);
    } else if (strchr(ph->filter, '/')) {
        S_ph_words(ph, f);
    } else if (strcmp(ph->filter, "direction") == 0) {
        S_ph_direction(ph, key);
    } else if (strcmp(ph->filter, "standing") == 0) {
        S_ph_standing(ph, f, key);
    } else {
        tpl_diag(ph->b, DIAG_ERROR, ph->line, ph->col, ph->shown,
                 "unknown filter '%s' (expected 'abs', 'direction', 'standing' or "
                 "'more / less / same' words)",
                 ph->filter);
    }
    free(key);
}

/* Resolve one placeholder body ("lado.referrals.change | abs") into runs. */
static void S_placeholder(tpl_builder *b, doc_node *para, const char *body, unsigned flags,
                          int line)
{
    S_ph ph = {b, para, flags, line, 0, NULL, NULL, NULL};
    strbuf s = STRBUF_INIT;
    sb_appendf(&s, "{{%s}}", body);
    ph.shown = sb_take(&s);
    ph.col = S_column(b, line, ph.shown);
    if (ph.col == 0) /* the author may have written spaces inside the braces */
        ph.col = S_column(b, line, "{{");
    const char *bar = strchr(body, '|');
    ph.key = S_trim_dup(body, bar ? (size_t)(bar - body) : strlen(body));
    ph.filter = bar ? S_trim_dup(bar + 1, strlen(bar + 1)) : NULL;
    if (strncmp(ph.key, "chart:", 6) == 0 || strncmp(ph.key, "table:", 6) == 0)
        S_ph_reference(&ph);
    else if (strncmp(ph.key, "report.", 7) == 0)
        S_ph_setting(&ph);
    else
        S_ph_figure(&ph);
    free(ph.key);
    free(ph.filter);
    free(ph.shown);
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
