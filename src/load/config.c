/* config.c - report.ini (section 2 of the data contract) into a
 * report_config, with every problem as a diagnostic naming the line.
 * Knows the keys of report.ini, the returns' file names (for [sources]) and
 * nothing else about the returns or outputs.
 *
 * Why inih is driven through our own line reader: Debian's inih is built
 * with INI_HANDLER_LINENO off (handlers get no line number), a 200-byte
 * stack line buffer (longer values are cut) and multi-line continuation on.
 * Debian exposes those settings as run-time globals, so we switch to a heap
 * buffer of S_MAX_LINE bytes, turn continuation off, and feed inih through
 * a reader that counts lines and first checks each line's shape itself
 * (so that every malformed line is reported, not only inih's first).
 * Lines longer than S_MAX_LINE are refused before inih sees them. */
#include "../util/alloc.h"
#include "../util/colour.h"
#include "../util/fileio.h"
#include "../util/paths.h"
#include "../util/strbuf.h"
#include "../util/text.h"
#include "logo.h"
#include "parse.h"
#include "project.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_LINE 65536
#define S_MAX_FILE (1u << 20) /* settings are a few hundred lines */

enum { K_AREA, K_PARTNERSHIP, K_YEAR, K_TEMPLATE, K_TITLE, K_AUTHOR, K_CHILD_POP,
       K_PUBLISHED, K_CONTACT, K_ACCENT, K_LOGO, K_STRICT, K_THRESHOLD, K_LANGUAGE,
       K_CRIME_TOTAL, K_CRIME_COMPARISON, K_REVISED, K_REVISION_NOTE, K_COUNT };

static const struct {
    const char *section, *key;
} S_keys[K_COUNT] = {
    [K_AREA] = {"report", "area"},
    [K_PARTNERSHIP] = {"report", "partnership"},
    [K_YEAR] = {"report", "year"},
    [K_TEMPLATE] = {"report", "template"},
    [K_TITLE] = {"report", "title"},
    [K_AUTHOR] = {"report", "author"},
    [K_CHILD_POP] = {"report", "child_population"},
    [K_PUBLISHED] = {"report", "published"},
    [K_CONTACT] = {"report", "contact"},
    [K_ACCENT] = {"style", "accent"},
    [K_LOGO] = {"style", "logo"},
    [K_STRICT] = {"checks", "strict"},
    [K_THRESHOLD] = {"disclosure", "threshold"},
    [K_LANGUAGE] = {"report", "language"},
    [K_CRIME_TOTAL] = {"crime", "total"},
    [K_CRIME_COMPARISON] = {"crime", "comparison_area"},
    [K_REVISED] = {"report", "revised"},
    [K_REVISION_NOTE] = {"report", "revision_note"},
};

typedef struct {
    report_config *cfg;
    diag_list *dl;
    const char *shown, *dir;
    const char *data;
    size_t len, pos;
    int line;
    int seen[K_COUNT]; /* line where each key was set, 0 = not yet */
    char *value[K_COUNT];
} S_ini;

static bool S_known_section(const char *name)
{
    return text_loose_eq(name, "report") || text_loose_eq(name, "style") ||
           text_loose_eq(name, "checks") || text_loose_eq(name, "population") ||
           text_loose_eq(name, "disclosure") || text_loose_eq(name, "sources") ||
           text_loose_eq(name, "crime");
}

/* A value as shown in a message: quoted, cut to 80 bytes. */
static void S_show(strbuf *b, const char *key, const char *v)
{
    size_t n = strlen(v);
    if (n > 80)
        sb_appendf(b, "%s = \"%.77s...\"", key, v);
    else
        sb_appendf(b, "%s = \"%s\"", key, v);
}

static void S_bad(S_ini *st, int k, const char *expected)
{
    strbuf b = STRBUF_INIT;
    S_show(&b, S_keys[k].key, st->value[k]);
    diag_add(st->dl, DIAG_ERROR, st->shown, st->seen[k], NULL, NULL, "%s: %s", sb_cstr(&b),
             expected);
    sb_free(&b);
}

/* Check the shape of one line that inih will read (1-based line number). */
static void S_check_line(S_ini *st, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' ||
                     s[n - 1] == '\t'))
        n--;
    if (i == n || s[i] == ';' || s[i] == '#')
        return;
    if (s[i] == '[') {
        const char *close = memchr(s + i, ']', n - i);
        if (!close) {
            diag_add(st->dl, DIAG_ERROR, st->shown, st->line, NULL, NULL,
                     "expected a section name in brackets, e.g. [report]");
            return;
        }
        char *name = xstrndup(s + i + 1, (size_t)(close - s - i - 1));
        if (!S_known_section(name))
            diag_add(st->dl, DIAG_WARNING, st->shown, st->line, NULL, NULL,
                     "unknown section [%s], ignored: expected [report], [population], "
                     "[sources], [crime], [disclosure], [style] or [checks]",
                     name);
        free(name);
        return;
    }
    if (!memchr(s + i, '=', n - i) && !memchr(s + i, ':', n - i))
        diag_add(st->dl, DIAG_ERROR, st->shown, st->line, NULL, NULL,
                 "expected a setting as key = value, a [section] or a comment");
}

/* fgets-style reader over the buffer; counts lines.  Lines were checked to
 * fit in num bytes, so each call returns exactly one line. */
static char *S_reader(char *str, int num, void *stream)
{
    S_ini *st = stream;
    if (st->pos >= st->len || num < 2)
        return NULL;
    size_t start = st->pos, end = start;
    while (end < st->len && st->data[end] != '\n')
        end++;
    if (end < st->len)
        end++;
    size_t n = end - start;
    if (n > (size_t)num - 1)
        n = (size_t)num - 1;
    memcpy(str, st->data + start, n);
    str[n] = '\0';
    st->pos = start + n;
    st->line++;
    S_check_line(st, str, n);
    return str;
}

static int S_year_start(const char *y);

/* [population] YYYY-YY = children aged 0-17 that year. */
static void S_population(S_ini *st, const char *name, const char *value)
{
    report_config *c = st->cfg;
    int y = S_year_start(name);
    strbuf why = STRBUF_INIT;
    double d = 0;
    int dec;
    if (y < 0) {
        diag_add(st->dl, DIAG_ERROR, st->shown, st->line, NULL, name,
                 "[population] keys are financial years as YYYY-YY, e.g. 2016-17 = 67,600");
    } else if (!parse_number(value, &d, &dec, &why) || !(d > 0)) {
        diag_add(st->dl, DIAG_ERROR, st->shown, st->line, NULL, value,
                 "[population] %s: expected a positive number, the population aged 0-17 that "
                 "year, e.g. 67,600", name);
    } else {
        for (size_t i = 0; i < c->npopulation; i++)
            if (c->population[i].year_start == y) {
                diag_add(st->dl, DIAG_ERROR, st->shown, st->line, NULL, name,
                         "[population] %s given twice (first on line %d)", name,
                         c->population[i].line);
                sb_free(&why);
                return;
            }
        XGROW(c->population, c->populationcap, c->npopulation + 1);
        c->population[c->npopulation++] = (year_population){y, d, st->line};
    }
    sb_free(&why);
}

/* [sources] <return file name without .csv> = who supplies it. */
static void S_source(S_ini *st, const char *name, const char *value)
{
    report_config *c = st->cfg;
    size_t n = strlen(name);
    char *stem = xstrdup(name);
    if (n > 4 && text_loose_eq(name + n - 4, ".csv"))
        stem[n - 4] = '\0';
    for (int r = 0; r < RET_COUNT; r++) {
        const char *file = schema_get((return_id)r)->file;
        char *fstem = xstrndup(file, strlen(file) - 4);
        bool same = text_header_eq(stem, fstem);
        free(fstem);
        if (!same)
            continue;
        if (c->source_line[r])
            diag_add(st->dl, DIAG_WARNING, st->shown, st->line, NULL, NULL,
                     "[sources] %s set again (first set on line %d): the later value is used",
                     stem, c->source_line[r]);
        free(c->source_name[r]);
        c->source_name[r] = *value ? xstrdup(value) : NULL;
        c->source_line[r] = st->line;
        free(stem);
        return;
    }
    strbuf known = STRBUF_INIT;
    for (int r = 0; r < RET_COUNT; r++) {
        const char *file = schema_get((return_id)r)->file;
        sb_appendf(&known, "%s%.*s", r ? ", " : "", (int)(strlen(file) - 4), file);
    }
    diag_add(st->dl, DIAG_WARNING, st->shown, st->line, NULL, NULL,
             "unknown return %s in [sources], ignored: expected a return's file name without "
             ".csv (%s)", stem, sb_cstr(&known));
    sb_free(&known);
    free(stem);
}

/* Text that every output can hold: no control character (it would make
 * the data pack's XML ill-formed and print as nothing), and no longer than
 * a spreadsheet cell holds (the data pack's cover has it). */
static void S_check_value(S_ini *st, const char *key, const char *value)
{
    const char *bad = text_find_control(value);
    if (bad)
        diag_add(st->dl, DIAG_ERROR, st->shown, st->line, NULL, NULL,
                 "%s: control character U+%04X in the value (character %zu): expected plain "
                 "text; delete it (it may have come from a copy and paste)",
                 key, (unsigned)(unsigned char)*bad, text_utf8_count(value, (size_t)(bad - value)) + 1);
    size_t n = text_utf8_count(value, strlen(value));
    if (n > TEXT_CELL_MAX)
        diag_add(st->dl, DIAG_ERROR, st->shown, st->line, NULL, NULL,
                 "%s is %zu characters long: expected at most %d, the most a spreadsheet cell "
                 "holds (the data pack's cover shows it)", key, n, TEXT_CELL_MAX);
}

static int S_handler(void *user, const char *section, const char *name, const char *value)
{
    S_ini *st = user;
    if (text_loose_eq(section, "population")) {
        S_population(st, name, value);
        return 1;
    }
    if (text_loose_eq(section, "sources")) {
        S_source(st, name, value);
        return 1;
    }
    if (!S_known_section(section)) {
        if (!*section)
            diag_add(st->dl, DIAG_WARNING, st->shown, st->line, NULL, NULL,
                     "setting %s before any [section], ignored: expected it under [report], "
                     "[style] or [checks]", name);
        return 1; /* unknown sections were warned about at their header line */
    }
    for (int k = 0; k < K_COUNT; k++) {
        if (!text_loose_eq(section, S_keys[k].section) || !text_header_eq(name, S_keys[k].key))
            continue;
        if (st->seen[k])
            diag_add(st->dl, DIAG_WARNING, st->shown, st->line, NULL, NULL,
                     "%s set again (first set on line %d): the later value is used",
                     S_keys[k].key, st->seen[k]);
        free(st->value[k]);
        st->value[k] = xstrdup(value);
        st->seen[k] = st->line;
        S_check_value(st, S_keys[k].key, value);
        return 1;
    }
    diag_add(st->dl, DIAG_WARNING, st->shown, st->line, NULL, NULL,
             "unknown setting %s in [%s], ignored", name, section);
    return 1;
}

/* The setting of key k, or NULL when it is unset or blank. */
static const char *S_value(const S_ini *st, int k)
{
    const char *v = st->value[k];
    return v && *v ? v : NULL;
}

/* area, partnership and year must be set; area and partnership are kept
 * as given (the year is checked by S_apply_year). */
static void S_apply_required(S_ini *st)
{
    static const char *const required_what[] = {
        [K_AREA] = "the local authority area, e.g. area = Lewisham",
        [K_PARTNERSHIP] = ("the partnership's name, e.g. partnership = Lewisham Safeguarding "
                           "Children Board"),
        [K_YEAR] = "the reporting year as YYYY-YY, e.g. year = 2016-17"};
    for (int k = K_AREA; k <= K_YEAR; k++) {
        const char *v = S_value(st, k);
        if (v && v[0] == '<' && v[strlen(v) - 1] == '>') /* as `annrep init` writes */
            diag_add(st->dl, DIAG_WARNING, st->shown, st->seen[k], NULL, NULL,
                     "%s = \"%s\" is a placeholder: fill it in with %s", S_keys[k].key, v,
                     required_what[k]);
        if (v)
            continue;
        diag_add(st->dl, DIAG_ERROR, st->shown, st->seen[k], NULL, NULL,
                 "required setting %s %s: expected %s in [report]", S_keys[k].key,
                 st->seen[k] ? "is blank" : "is missing", required_what[k]);
    }
    if (S_value(st, K_AREA))
        st->cfg->area = xstrdup(st->value[K_AREA]);
    if (S_value(st, K_PARTNERSHIP))
        st->cfg->partnership = xstrdup(st->value[K_PARTNERSHIP]);
}

/* The first year of y, a financial year "YYYY-YY" such as 2016-17 in
 * 1900-01..2198-99, or -1. */
static int S_year_start(const char *y)
{
    int yy = -1, y4 = -1;
    if (strlen(y) == 7 && y[4] == '-') {
        y4 = 0;
        for (int i = 0; i < 4 && y4 >= 0; i++)
            y4 = (y[i] >= '0' && y[i] <= '9') ? y4 * 10 + (y[i] - '0') : -1;
        if (y[5] >= '0' && y[5] <= '9' && y[6] >= '0' && y[6] <= '9')
            yy = (y[5] - '0') * 10 + (y[6] - '0');
    }
    if (y4 < 1900 || y4 > 2198 || yy != (y4 + 1) % 100)
        return -1;
    return y4;
}

/* year: a financial year whose folder exists in the project (when a
 * project folder was given).  cfg->year stays NULL unless both hold. */
static void S_apply_year(S_ini *st)
{
    const char *y = S_value(st, K_YEAR);
    if (!y)
        return;
    int y4 = S_year_start(y);
    if (y4 < 0) {
        S_bad(st, K_YEAR, "expected a financial year as YYYY-YY where YY is the year "
                          "after YYYY, e.g. 2016-17");
        return;
    }
    char *folder = st->dir ? paths_join(st->dir, y) : NULL;
    if (folder && !paths_is_dir(folder)) {
        diag_add(st->dl, DIAG_ERROR, st->shown, st->seen[K_YEAR], NULL, NULL,
                 "year = \"%s\": expected a folder %s holding that year's returns", y, folder);
    } else {
        st->cfg->year = xstrdup(y);
        st->cfg->year_start = y4;
    }
    free(folder);
}

/* template (a folder name, default "default"), title (default "Annual
 * Report <year>", with the year as written even when it was refused),
 * author and contact. */
static void S_apply_text(S_ini *st)
{
    report_config *c = st->cfg;
    const char *v;
    c->template_name = xstrdup((v = S_value(st, K_TEMPLATE)) ? v : "default");
    if (strchr(c->template_name, '/') || c->template_name[0] == '.')
        S_bad(st, K_TEMPLATE, "expected the name of a folder under report-templates/, "
                              "e.g. default");
    if ((v = S_value(st, K_TITLE))) {
        c->title = xstrdup(v);
    } else {
        const char *y = st->value[K_YEAR];
        strbuf b = STRBUF_INIT;
        sb_appendf(&b, "Annual Report %s", c->year ? c->year : (y ? y : ""));
        c->title = sb_take(&b);
    }
    if ((v = S_value(st, K_AUTHOR)))
        c->author = xstrdup(v);
    if ((v = S_value(st, K_CONTACT)))
        c->contact = xstrdup(v);
    if ((v = S_value(st, K_CRIME_TOTAL))) {
        c->crime_total = xstrdup(v);
        c->crime_total_line = st->seen[K_CRIME_TOTAL];
    }
    if ((v = S_value(st, K_CRIME_COMPARISON))) {
        c->crime_comparison = xstrdup(v);
        c->crime_comparison_line = st->seen[K_CRIME_COMPARISON];
    }
}

/* child_population: a positive number, when given. */
static void S_apply_child_population(S_ini *st)
{
    const char *v = S_value(st, K_CHILD_POP);
    if (!v)
        return;
    strbuf why = STRBUF_INIT;
    double d;
    int dec;
    if (parse_number(v, &d, &dec, &why) && d > 0) {
        st->cfg->has_child_population = true;
        st->cfg->child_population = d;
    } else {
        S_bad(st, K_CHILD_POP, "expected a positive number: the population aged 0-17, "
                               "e.g. 67600");
    }
    sb_free(&why);
}

/* child_population is the reporting year's population; [population] may
 * give it too, but not a different number. */
static void S_check_populations(S_ini *st)
{
    report_config *c = st->cfg;
    if (!c->has_child_population || !c->year)
        return;
    for (size_t i = 0; i < c->npopulation; i++)
        if (c->population[i].year_start == c->year_start &&
            c->population[i].value != c->child_population)
            diag_add(st->dl, DIAG_ERROR, st->shown, c->population[i].line, NULL, NULL,
                     "[population] %s differs from child_population on line %d: give the "
                     "reporting year's population once, or the same number in both",
                     c->year, st->seen[K_CHILD_POP]);
}

/* [disclosure] threshold: a whole number from 0 (no suppression) to 99. */
static void S_apply_threshold(S_ini *st)
{
    st->cfg->disclosure_threshold = 5;
    const char *v = S_value(st, K_THRESHOLD);
    if (!v)
        return;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < 0 || n > 99)
        S_bad(st, K_THRESHOLD, "expected a whole number from 0 to 99: counts of people from 1 "
                               "to the threshold are not shown in the public edition (0: none "
                               "is suppressed), e.g. threshold = 5");
    else
        st->cfg->disclosure_threshold = (int)n;
    st->cfg->disclosure_line = st->seen[K_THRESHOLD];
}

int config_effective_threshold(const report_config *cfg)
{
    return cfg->restricted ? 0 : cfg->disclosure_threshold;
}

bool config_population(const report_config *c, int year_start, double *out)
{
    if (c->has_child_population && year_start == c->year_start) {
        *out = c->child_population;
        return true;
    }
    for (size_t i = 0; i < c->npopulation; i++)
        if (c->population[i].year_start == year_start) {
            *out = c->population[i].value;
            return true;
        }
    return false;
}

/* published: a date, by default 30 September after the reporting year
 * (0 when the year is not known). */
static void S_apply_published(S_ini *st)
{
    report_config *c = st->cfg;
    c->published_ymd = c->year_start ? (c->year_start + 1) * 10000 + 930 : 0;
    const char *v = S_value(st, K_PUBLISHED);
    if (!v)
        return;
    strbuf why = STRBUF_INIT;
    int32_t ymd;
    if (parse_date(v, &ymd, &why))
        c->published_ymd = ymd;
    else
        S_bad(st, K_PUBLISHED, sb_cstr(&why));
    sb_free(&why);
}

/* revised: the date of a corrected re-issue, not before published;
 * revision_note: what was corrected, only with a revision date. */
static void S_apply_revised(S_ini *st)
{
    report_config *c = st->cfg;
    const char *v = S_value(st, K_REVISED), *note = S_value(st, K_REVISION_NOTE);
    if (v) {
        strbuf why = STRBUF_INIT;
        int32_t ymd;
        if (!parse_date(v, &ymd, &why)) {
            S_bad(st, K_REVISED, sb_cstr(&why));
        } else if (c->published_ymd && ymd < c->published_ymd) {
            strbuf e = STRBUF_INIT;
            sb_appendf(&e, "expected a date on or after published (%04d-%02d-%02d): a revision "
                           "comes after the first issue",
                       c->published_ymd / 10000, c->published_ymd / 100 % 100,
                       c->published_ymd % 100);
            S_bad(st, K_REVISED, sb_cstr(&e));
            sb_free(&e);
        } else {
            c->revised_ymd = ymd;
        }
        sb_free(&why);
    }
    size_t chars = 0;
    for (const char *q = note; q && *q; chars++)
        (void)text_utf8_next(&q);
    if (chars > 240) {
        S_bad(st, K_REVISION_NOTE, "expected a short note of what was corrected, at most 240 "
                                   "characters (it is printed on the cover)");
    } else if (note && *note) {
        if (!v)
            diag_add(st->dl, DIAG_WARNING, st->shown, st->seen[K_REVISION_NOTE], NULL, NULL,
                     "revision_note is set but revised is not: the note is printed only with "
                     "a revision date (revised = YYYY-MM-DD)");
        else
            c->revision_note = xstrdup(note);
    }
}

/* accent: #RRGGBB, else the house accent. */
static void S_apply_accent(S_ini *st)
{
    st->cfg->accent = COLOUR_ACCENT_DEFAULT;
    const char *v = S_value(st, K_ACCENT);
    if (!v)
        return;
    if (colour_parse(v, &st->cfg->accent))
        st->cfg->has_accent = true;
    else
        S_bad(st, K_ACCENT, "expected a colour as #RRGGBB, e.g. #12436D");
}

/* logo: a PNG inside the project folder (contract section 2), read once
 * and proved showable by every writer (logo.h); the writers get the clean
 * copy, so the file is not read again.  Checked only when a project folder
 * was given. */
static void S_apply_logo(S_ini *st)
{
    const char *v = S_value(st, K_LOGO);
    if (!v)
        return;
    st->cfg->logo = xstrdup(v);
    if (!st->dir)
        return;
    char *why = NULL;
    if (!logo_path_inside(v, &why)) {
        S_bad(st, K_LOGO, why);
        free(why);
        return;
    }
    char *p = paths_join(st->dir, v), *data = NULL;
    size_t len = 0;
    fileio_status fr = fileio_read(p, LOGO_MAX_BYTES, &data, &len, &why);
    if (fr == FILEIO_ABSENT) {
        strbuf b = STRBUF_INIT;
        sb_appendf(&b, "file %s not found: expected a PNG file, its path relative "
                       "to the project folder", p);
        S_bad(st, K_LOGO, sb_cstr(&b));
        sb_free(&b);
    } else if (fr != FILEIO_OK) {
        strbuf b = STRBUF_INIT;
        sb_appendf(&b, "%s %s: expected a PNG file", p, why);
        S_bad(st, K_LOGO, sb_cstr(&b));
        sb_free(&b);
    } else {
        logo_image img;
        if (logo_from_png((const unsigned char *)data, len, &img, &why)) {
            st->cfg->logo_png = img.png;
            st->cfg->logo_len = img.len;
            st->cfg->logo_width = img.width;
            st->cfg->logo_height = img.height;
        } else {
            S_bad(st, K_LOGO, why);
        }
    }
    free(why);
    free(data);
    free(p);
}

/* strict: true/false, yes/no or y/n in any case; default false. */
static void S_apply_strict(S_ini *st)
{
    const char *v = S_value(st, K_STRICT);
    if (!v)
        return;
    if (text_loose_eq(v, "true") || text_loose_eq(v, "yes") || text_loose_eq(v, "y"))
        st->cfg->strict = true;
    else if (text_loose_eq(v, "false") || text_loose_eq(v, "no") || text_loose_eq(v, "n"))
        st->cfg->strict = false;
    else
        S_bad(st, K_STRICT, "expected true, false, yes or no");
}

/* language: a language tag (BCP 47 in shape: 2-3 letters, then subtags of
 * 1-8 letters or digits after hyphens, e.g. en-GB, cy), default en-GB.  It
 * becomes the PDF's /Lang, so a reader's speech follows it. */
static bool S_is_language_tag(const char *v)
{
    size_t n = 0;
    while ((v[n] >= 'a' && v[n] <= 'z') || (v[n] >= 'A' && v[n] <= 'Z'))
        n++;
    if (n < 2 || n > 3)
        return false;
    for (const char *s = v + n; *s;) {
        if (*s++ != '-')
            return false;
        size_t k = 0;
        while ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
               (s[k] >= '0' && s[k] <= '9'))
            k++;
        if (k < 1 || k > 8)
            return false;
        s += k;
    }
    return true;
}

static void S_apply_language(S_ini *st)
{
    const char *v = S_value(st, K_LANGUAGE);
    if (v && !S_is_language_tag(v)) {
        S_bad(st, K_LANGUAGE, "expected a language tag such as en-GB, en or cy");
        v = NULL;
    }
    st->cfg->language = xstrdup(v ? v : "en-GB");
}

/* Turn the collected strings into typed settings, one key after another
 * (the title needs the year; the default publication date too). */
static void S_apply(S_ini *st)
{
    S_apply_required(st);
    S_apply_year(st);
    S_apply_text(st);
    S_apply_child_population(st);
    S_check_populations(st);
    S_apply_threshold(st);
    S_apply_published(st);
    S_apply_revised(st);
    S_apply_accent(st);
    S_apply_logo(st);
    S_apply_strict(st);
    S_apply_language(st);
}

/* inih reads these settings at run time in Debian's build; see the top. */
static char S_start_comments[] = ";#";
static char S_inline_comments[] = ";";

static void S_configure_inih(void)
{
    ini_use_stack = false;
    ini_allow_realloc = false;
    ini_max_line = S_MAX_LINE + 3;
    ini_initial_alloc = S_MAX_LINE + 3;
    ini_allow_multiline = false;
    ini_allow_bom = true;
    ini_allow_inline_comments = true;
    ini_inline_comment_prefixes = S_inline_comments;
    ini_start_comment_prefixes = S_start_comments;
    ini_stop_on_first_error = false;
    ini_allow_no_value = false;
}

annrep_status config_load_buffer(const char *data, size_t len, const char *shown_path,
                                 const char *project_dir, report_config *cfg, diag_list *dl)
{
    memset(cfg, 0, sizeof *cfg);
    size_t errors0 = dl->nerrors;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && data[i] == '\0') {
            diag_add(dl, DIAG_ERROR, shown_path, line, NULL, NULL,
                     "binary data (a NUL byte): expected a text file of settings");
            return ANNREP_ERR_INPUT;
        }
        if (i == len || data[i] == '\n') {
            if (i - line_start > S_MAX_LINE) {
                diag_add(dl, DIAG_ERROR, shown_path, line, NULL, NULL,
                         "line is %zu bytes long: expected at most %d", i - line_start,
                         S_MAX_LINE);
                return ANNREP_ERR_INPUT;
            }
            line++;
            line_start = i + 1;
        }
    }
    char *conv = NULL;
    if (!text_is_utf8(data, len)) {
        size_t n;
        conv = text_cp1252_to_utf8(data, len, &n);
        data = conv;
        len = n;
        diag_add(dl, DIAG_WARNING, shown_path, 0, NULL, NULL,
                 "not valid UTF-8: read as Windows-1252; save it as UTF-8 to avoid this");
    }

    S_ini st;
    memset(&st, 0, sizeof st);
    st.cfg = cfg;
    st.dl = dl;
    st.shown = shown_path;
    st.dir = project_dir;
    st.data = data;
    st.len = len;
    S_configure_inih();
    int rc = ini_parse_stream(S_reader, &st, S_handler, &st);
    if (rc == -2)
        diag_add(dl, DIAG_ERROR, shown_path, 0, NULL, NULL, "out of memory reading settings");
    /* rc > 0 (a malformed line) was already reported by S_check_line. */
    S_apply(&st);
    for (int k = 0; k < K_COUNT; k++)
        free(st.value[k]);
    free(conv);
    return dl->nerrors > errors0 ? ANNREP_ERR_INPUT : ANNREP_OK;
}

annrep_status config_load(const char *dir, report_config *cfg, diag_list *dl)
{
    memset(cfg, 0, sizeof *cfg);
    char *path = paths_join(dir, "report.ini"), *data = NULL, *why = NULL;
    size_t len = 0;
    fileio_status fr = fileio_read(path, S_MAX_FILE, &data, &len, &why);
    annrep_status status = ANNREP_ERR_INPUT;
    if (fr == FILEIO_ABSENT)
        diag_add(dl, DIAG_ERROR, path, 0, NULL, NULL,
                 "cannot read the project settings (%s): expected a report.ini file in the "
                 "project folder with area, partnership and year under [report]",
                 paths_is_dir(dir) ? "file not found" : "no such project folder");
    else if (fr != FILEIO_OK) /* there but unreadable is not "not found" */
        diag_add(dl, DIAG_ERROR, path, 0, NULL, NULL,
                 "%s: expected the project settings, a text file", why);
    else
        status = config_load_buffer(data, len, path, dir, cfg, dl);
    free(data);
    free(why);
    free(path);
    return status;
}

void config_free(report_config *cfg)
{
    if (!cfg)
        return;
    free(cfg->area);
    free(cfg->partnership);
    free(cfg->year);
    free(cfg->template_name);
    free(cfg->title);
    free(cfg->author);
    free(cfg->logo);
    free(cfg->logo_png);
    free(cfg->contact);
    free(cfg->population);
    free(cfg->language);
    free(cfg->crime_total);
    free(cfg->crime_comparison);
    for (int r = 0; r < RET_COUNT; r++)
        free(cfg->source_name[r]);
    free(cfg->revision_note);
    memset(cfg, 0, sizeof *cfg);
}
