/* xlsx.c - the analysts' data pack, data-pack-<year>.xlsx (libxlsxwriter).
 *
 * Sheets, in order: Cover (what the pack is, in column A), Contents (a named
 * table: a link to every sheet and what it holds), Notes (a named table of
 * the notes that titles and headings refer to as "[note N]"), one sheet per
 * dataset (xlsx_table.c), and Figures (a named table: every figure the
 * report quotes, with its definition and sources).
 *
 * Reproducible: the document's creation time is the report's `published`
 * date at 00:00 UTC, libxlsxwriter stamps zip entries with a fixed date, and
 * nothing else in the file depends on the clock or on memory addresses.
 *
 * This file knows the workbook's shape and the report settings; it does not
 * know returns or how datasets and figures are computed.  It calls
 * xlsx_table.c (one dataset per sheet) and xlsx_util.c (the shared helpers);
 * neither calls back. */
#include "xlsx_internal.h"

#include "../compute/fmt.h"
#include "../util/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- sheet names -------------------------------------------------------- */

/* A valid sheet name (<= 31 characters, none of []:*?/\, no apostrophe at
 * either end), unique in the workbook.  Caller frees. */
static char *S_sheet_name(xlsx_writer *x, const char *want)
{
    strbuf b = STRBUF_INIT;
    size_t chars = 0;
    for (const char *p = want && *want ? want : "Table"; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if ((ch & 0xC0) != 0x80 && ++chars > 28)   /* room for a "_9" suffix */
            break;
        sb_putc(&b, strchr("[]:*?/\\", ch) ? '_' : (char)ch);
    }
    char *base = sb_take(&b);
    if (base[0] == '\'')
        base[0] = '_';
    if (base[0] && base[strlen(base) - 1] == '\'')
        base[strlen(base) - 1] = '_';
    char *name = xstrdup(base);
    for (int k = 2; xlsx_name_taken(x, 's', name) ||
                    workbook_validate_sheet_name(x->wb, name) != LXW_NO_ERROR; k++) {
        free(name);
        sb_appendf(&b, "%s_%d", base, k);
        name = sb_take(&b);
        if (k > 999) /* cannot happen with the checks above; never loop forever */
            break;
    }
    free(base);
    return name;
}

/* ---- the special sheets ------------------------------------------------- */

typedef struct {
    char *sheet;            /* sheet name */
    char *table;            /* table name, NULL for the Cover */
    char *description;      /* one line for the Contents sheet */
    const dataset *ds;      /* NULL for Cover, Contents, Notes, Figures */
    lxw_worksheet *ws;
} S_sheet;

/* Split "a; b" source lists and add each new one to list. */
static void S_add_sources(char ***list, size_t *n, size_t *cap, const char *sources)
{
    const char *p = sources;
    while (p && *p) {
        const char *end = strstr(p, "; ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *one = xstrndup(p, len);
        bool seen = !*one;
        for (size_t i = 0; i < *n && !seen; i++)
            seen = strcmp((*list)[i], one) == 0;
        if (seen) {
            free(one);
        } else {
            XGROW(*list, *cap, *n + 1);
            (*list)[(*n)++] = one;
        }
        p = end ? end + 2 : p + len;
    }
}

enum { S_COVER_WIDTH = 100 };

static void S_cover_text(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t *r, const char *heading,
                         const char *text);

/* What this edition shows of small counts, and how many figures it does
 * not show (contract section 8). */
static void S_disclosure(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t *r)
{
    const doc_meta *meta = x->meta;
    strbuf t = STRBUF_INIT;
    if (meta->restricted) {
        sb_append(&t, "This is the restricted edition: every figure is shown in full, including "
                      "small counts that could identify a person. OFFICIAL-SENSITIVE: not for "
                      "publication; publish the public edition instead.");
    } else if (meta->threshold > 0) {
        const figure *n = x->fs ? fig_find(x->fs, "disclosure.suppressed") : NULL;
        sb_appendf(&t, "This is the public edition. To protect the people counted, a count of "
                       "people from 1 to %d (children looked after, child deaths reviewed, LADO "
                       "contacts, referrals and outcomes, the numerators and denominators of "
                       "indicators) is not shown, nor is a percentage, rate or change worked out "
                       "from one; where the other numbers of a table would let a reader work one "
                       "out from its total, one more number is not shown as well. Zero is "
                       "always shown. Crime, training, e-learning, funding and comparators are "
                       "not counts of people who could be identified and are shown in full.",
                   meta->threshold);
        if (n && n->available)
            sb_appendf(&t, " %s %s of this data pack %s not shown for these reasons "
                           "(status c on the Figures sheet).",
                       n->display, n->value == 1 ? "figure" : "figures",
                       n->value == 1 ? "is" : "are");
    } else {
        sb_append(&t, "Every figure is shown in full: report.ini sets no threshold for small "
                      "counts ([disclosure] threshold = 0).");
    }
    S_cover_text(x, ws, r, "Disclosure control", sb_cstr(&t));
    sb_free(&t);
}

static void S_cover_text(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t *r, const char *heading,
                         const char *text)
{
    if (heading)
        xlsx_check(x, worksheet_write_string(ws, (*r)++, 0, heading, x->f_subhead), "Cover");
    if (text) {
        xlsx_row_lines(x, ws, *r, xlsx_wrapped_lines(text, S_COVER_WIDTH));
        xlsx_check(x, worksheet_write_string(ws, (*r)++, 0, text, x->f_wrap), "Cover");
    }
}

/* Every source return a table or a figure names, in first-seen order, this
 * year's first, then the earlier years used for comparison.  Sets *n;
 * caller frees each and the array. */
static char **S_source_returns(const xlsx_writer *x, size_t *n)
{
    const char *year = x->meta->year;
    char **src = NULL;
    size_t nsrc = 0, srccap = 0;
    const dataset_list *dsl = x->dsl;
    for (size_t i = 0; dsl && i < dsl->n; i++)
        S_add_sources(&src, &nsrc, &srccap, dsl->items[i]->sources);
    for (size_t i = 0; x->fs && i < x->fs->n; i++)
        S_add_sources(&src, &nsrc, &srccap, x->fs->items[i].sources);
    char **ordered = xcalloc(nsrc + 1, sizeof *ordered);
    size_t no = 0, ylen = strlen(year);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nsrc; i++) {
            bool this_year = strncmp(src[i], year, ylen) == 0 && src[i][ylen] == '/';
            if (this_year == (pass == 0))
                ordered[no++] = src[i];
        }
    free(src);
    *n = nsrc;
    return ordered;
}

static void S_write_cover(xlsx_writer *x, lxw_worksheet *ws, const char *pack_title)
{
    const doc_meta *meta = x->meta;
    lxw_row_t r = 0;
    strbuf b = STRBUF_INIT;

    r = xlsx_write_heading(x, ws, pack_title, NULL, 0);
    if (meta->marking)
        xlsx_check(x, worksheet_write_string(ws, r++, 0, meta->marking, x->f_subhead), "Cover");
    sb_appendf(&b, "The figures and tables of the %s annual report for %s, one table per sheet, "
               "for analysts, the joint strategic needs assessment and inspectors.",
               meta->partnership, meta->year);
    S_cover_text(x, ws, &r, NULL, sb_cstr(&b));
    sb_clear(&b);

    S_cover_text(x, ws, &r, "Partnership", meta->partnership);
    S_cover_text(x, ws, &r, "Area", meta->area);
    sb_appendf(&b, "%s: %s", meta->year, meta->period);
    S_cover_text(x, ws, &r, "Reporting year", sb_cstr(&b));
    sb_clear(&b);
    S_cover_text(x, ws, &r, "Published", meta->published);
    if (meta->revision)
        S_cover_text(x, ws, &r, "Revised", meta->revision);

    S_cover_text(x, ws, &r, "What this data pack holds",
                 "The Contents sheet lists every sheet, with a link to it. Each table sheet holds "
                 "one table: its title is in cell A1, a short description and the source are "
                 "below it, then the table. The Figures sheet holds every figure the report "
                 "quotes, with its definition and sources. The Notes sheet holds the notes the "
                 "tables refer to.");

    size_t nsrc;
    char **src = S_source_returns(x, &nsrc);
    S_cover_text(x, ws, &r, "Source returns",
                 "Returns made to the partnership by its member agencies, one CSV file each, "
                 "in the report project's year folders:");
    for (size_t i = 0; i < nsrc; i++) {
        /* The path is the audit trail; who supplied it follows. */
        const char *slash = strrchr(src[i], '/');
        const char *base = slash ? slash + 1 : src[i];
        const char *who = NULL;
        for (size_t k = 0; k < meta->nsources && !who; k++)
            if (strcmp(meta->source_file[k], base) == 0)
                who = meta->source_who[k];
        sb_clear(&b);
        sb_appendf(&b, "%s%s%s", src[i], who ? ", from " : "", who ? who : "");
        S_cover_text(x, ws, &r, NULL, sb_cstr(&b));
        free(src[i]);
    }
    free(src);
    if (nsrc == 0)
        S_cover_text(x, ws, &r, NULL, "[x] No returns were present.");

    if (meta->contact)
        S_cover_text(x, ws, &r, "Contact", meta->contact);

    S_cover_text(x, ws, &r, "Shorthand",
                 "Where a value cannot be given, the cell holds shorthand in square brackets:");
    S_cover_text(x, ws, &r, NULL, "[x] = not available (not collected, or no previous year to compare with)");
    S_cover_text(x, ws, &r, NULL, "[z] = not applicable (for example a percentage of zero)");
    S_cover_text(x, ws, &r, NULL, "[u] = low reliability: a percentage change on a base "
                                  "below " FMT_SMALL_BASE_TEXT ", not shown because it would "
                                  "mislead");
    if (meta->threshold > 0) {
        char *m = doc_suppressed_meaning(meta->threshold + 1);
        strbuf c = STRBUF_INIT;
        sb_appendf(&c, "[c] = %s; see Disclosure control below", m);
        S_cover_text(x, ws, &r, NULL, sb_cstr(&c));
        sb_free(&c);
        free(m);
    }
    S_disclosure(x, ws, &r);
    S_cover_text(x, ws, &r, "Notes",
                 "Table titles and column headings refer to notes as [note 1], [note 2] and so on. "
                 "The text of each note is on the Notes sheet.");
    S_cover_text(x, ws, &r, "Numbers",
                 "Numbers are stored unrounded. Cell formats show them as the report prints them: "
                 "counts with thousands separators, percentages and rates to one decimal place, "
                 "money in pounds. Percentages are stored in percent units (60.5 means 60.5%); "
                 "the column heading says when a column is a percentage.");
    sb_free(&b);
    xlsx_check(x, worksheet_set_column(ws, 0, 0, S_COVER_WIDTH, NULL), "Cover column width");
}

static void S_write_contents(xlsx_writer *x, lxw_worksheet *ws, const S_sheet *sheets,
                             size_t nsheets, const char *table_name)
{
    static const char *const lines[] = {
        "This sheet holds one table: every sheet of the data pack, with a link to it and what it holds.",
    };
    lxw_row_t hdr = xlsx_write_heading(x, ws, "Contents", lines, 1);
    size_t widest = 10, widest_desc = 20;
    for (size_t i = 0; i < nsheets; i++) {
        size_t w = xlsx_utf8_len(sheets[i].sheet), d = xlsx_utf8_len(sheets[i].description);
        if (w > widest) widest = w;
        if (d > widest_desc) widest_desc = d;
    }
    double wdesc = widest_desc > 88 ? 90.0 : (double)widest_desc + 2;
    xlsx_check(x, worksheet_set_column(ws, 0, 0, (double)widest + 4, NULL), "Contents widths");
    xlsx_check(x, worksheet_set_column(ws, 1, 1, wdesc, NULL), "Contents widths");
    lxw_row_t r = hdr + 1;
    for (size_t i = 0; i < nsheets; i++) {
        if (sheets[i].ws == ws)   /* no link from Contents to itself */
            continue;
        /* internal:'Sheet'!A1, an apostrophe in a name doubled. */
        strbuf url = STRBUF_INIT;
        sb_append(&url, "internal:'");
        for (const char *p = sheets[i].sheet; *p; p++) {
            if (*p == '\'')
                sb_putc(&url, '\'');
            sb_putc(&url, *p);
        }
        sb_append(&url, "'!A1");
        xlsx_check(x, worksheet_write_url_opt(ws, r, 0, sb_cstr(&url), NULL, sheets[i].sheet, NULL),
                   "Contents link to %s", sheets[i].sheet);
        xlsx_check(x, worksheet_write_string(ws, r, 1, sheets[i].description, x->f_wrap),
                   "Contents");
        xlsx_row_lines(x, ws, r, xlsx_wrapped_lines(sheets[i].description, wdesc));
        sb_free(&url);
        r++;
    }
    static const char *const heads[] = {"Sheet name", "Description"};
    xlsx_add_table(x, ws, table_name, hdr, r - 1, heads, NULL, 2);
}

static void S_write_notes(xlsx_writer *x, lxw_worksheet *ws, const char *table_name)
{
    static const char *const lines[] = {
        "This sheet holds one table of notes. Table titles and column headings refer to them "
        "as [note 1], [note 2] and so on.",
    };
    lxw_row_t hdr = xlsx_write_heading(x, ws, "Notes", lines, 1);
    size_t widest_sheets = 20;
    for (size_t i = 0; i < x->nnotes; i++) {
        size_t w = xlsx_utf8_len(sb_cstr(&x->notes[i].sheets));
        if (w > widest_sheets) widest_sheets = w;
    }
    double wtext = 90, wsheets = widest_sheets > 58 ? 60.0 : (double)widest_sheets + 2;
    xlsx_check(x, worksheet_set_column(ws, 0, 0, 14, NULL), "Notes widths");
    xlsx_check(x, worksheet_set_column(ws, 1, 1, wtext, NULL), "Notes widths");
    xlsx_check(x, worksheet_set_column(ws, 2, 2, wsheets, NULL), "Notes widths");
    lxw_row_t r = hdr + 1;
    for (size_t i = 0; i < x->nnotes; i++, r++) {
        char num[32];
        snprintf(num, sizeof num, "note %zu", i + 1);
        const char *sheets = sb_cstr(&x->notes[i].sheets);
        xlsx_check(x, worksheet_write_string(ws, r, 0, num, NULL), "Notes");
        xlsx_check(x, worksheet_write_string(ws, r, 1, x->notes[i].text, x->f_wrap), "Notes");
        xlsx_check(x, worksheet_write_string(ws, r, 2, sheets, x->f_wrap), "Notes");
        size_t a = xlsx_wrapped_lines(x->notes[i].text, wtext), b = xlsx_wrapped_lines(sheets, wsheets);
        xlsx_row_lines(x, ws, r, a > b ? a : b);
    }
    /* The revision, and the reconciliation checks that did not pass, after
     * the numbered notes (contract sections 2 and 6). */
    const char *rev = x->meta->revision;
    if (rev) {
        xlsx_check(x, worksheet_write_string(ws, r, 0, "revision", NULL), "Notes");
        xlsx_check(x, worksheet_write_string(ws, r, 1, rev, x->f_wrap), "Notes");
        xlsx_check(x, worksheet_write_string(ws, r, 2, "every sheet", x->f_wrap), "Notes");
        xlsx_row_lines(x, ws, r, xlsx_wrapped_lines(rev, wtext));
        r++;
    }
    for (size_t i = 0; x->fs && i < x->fs->nchecks; i++, r++) {
        const char *chk = x->fs->checks[i];
        char num[32];
        snprintf(num, sizeof num, "check %zu", i + 1);
        strbuf text = STRBUF_INIT, sheets = STRBUF_INIT;
        sb_appendf(&text, "A check of the returns did not pass: %s", chk);
        /* The sheets of the return the check is about. */
        const char *colon = strchr(chk, ':');
        char *file = xstrndup(chk, colon ? (size_t)(colon - chk) : strlen(chk));
        for (size_t k = 0; x->dsl && k < x->dsl->n && *file; k++) {
            const dataset *ds = x->dsl->items[k];
            if (ds->sources && ds->sheet && strstr(ds->sources, file))
                sb_appendf(&sheets, "%s%s", sheets.len ? ", " : "", ds->sheet);
        }
        free(file);
        if (!sheets.len)
            sb_append(&sheets, "[x]");
        xlsx_check(x, worksheet_write_string(ws, r, 0, num, NULL), "Notes");
        xlsx_check(x, worksheet_write_string(ws, r, 1, sb_cstr(&text), x->f_wrap), "Notes");
        xlsx_check(x, worksheet_write_string(ws, r, 2, sb_cstr(&sheets), x->f_wrap), "Notes");
        size_t a = xlsx_wrapped_lines(sb_cstr(&text), wtext), b = xlsx_wrapped_lines(sb_cstr(&sheets), wsheets);
        xlsx_row_lines(x, ws, r, a > b ? a : b);
        sb_free(&text);
        sb_free(&sheets);
    }
    if (x->nnotes == 0 && !rev && !(x->fs && x->fs->nchecks)) {
        /* A table needs a row; say so in words rather than leave it empty. */
        xlsx_check(x, worksheet_write_string(ws, r, 0, "[z]", NULL), "Notes");
        xlsx_check(x, worksheet_write_string(ws, r, 1, "No table of this data pack has notes.", NULL),
                   "Notes");
        xlsx_check(x, worksheet_write_string(ws, r, 2, "[z]", NULL), "Notes");
        r++;
    }
    static const char *const heads[] = {"Note number", "Note text", "Sheets that refer to the note"};
    xlsx_add_table(x, ws, table_name, hdr, r - 1, heads, NULL, 3);
}

/* Row r of the Figures table: figure f in columns of these widths.  Adds
 * the cells Excel would flag as numbers stored as text to ign. */
static void S_figure_row(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t r, const figure *f,
                         const double widths[6], strbuf *ign)
{
    char ref[LXW_MAX_CELL_NAME_LENGTH];
    const char *disp = f->display && *f->display ? f->display : "[x]";
    const char *unit = f->unit && *f->unit ? f->unit : "[x]";
    const char *def = f->definition && *f->definition ? f->definition : "[x]";
    const char *src = f->sources && *f->sources ? f->sources : "[x]";
    xlsx_check(x, worksheet_write_string(ws, r, 0, f->key, x->f_wrap), "Figures");
    /* General format on purpose: this column exists to show every digit
     * of the unrounded value; the next one shows it as printed. */
    char shorthand[8];
    snprintf(shorthand, sizeof shorthand, "[%s]",
             f->status == FIG_SHOWN ? "x" : fig_status_letter(f->status));
    if (f->available && fig_is_text(f))
        xlsx_check(x, worksheet_write_string(ws, r, 1, disp, NULL), "Figures");
    else if (f->available)
        xlsx_check(x, worksheet_write_number(ws, r, 1, f->value, NULL), "Figures");
    else
        xlsx_check(x, worksheet_write_string(ws, r, 1, shorthand, x->f_short), "Figures");
    xlsx_check(x, worksheet_write_string(ws, r, 2, disp, x->f_short), "Figures");
    xlsx_check(x, worksheet_write_string(ws, r, 3, unit, NULL), "Figures");
    xlsx_check(x, worksheet_write_string(ws, r, 4, def, x->f_wrap), "Figures");
    xlsx_check(x, worksheet_write_string(ws, r, 5, src, x->f_wrap), "Figures");
    /* "24,635" and "+79" as text would each get Excel's green triangle. */
    if (!f->available) {
        lxw_rowcol_to_cell(ref, r, 1);
        sb_appendf(ign, "%s%s", ign->len ? " " : "", ref);
    }
    if (xlsx_looks_numeric(disp)) {
        lxw_rowcol_to_cell(ref, r, 2);
        sb_appendf(ign, "%s%s", ign->len ? " " : "", ref);
    }
    size_t nl = xlsx_wrapped_lines(f->key, widths[0]), l;
    if ((l = xlsx_wrapped_lines(def, widths[4])) > nl) nl = l;
    if ((l = xlsx_wrapped_lines(src, widths[5])) > nl) nl = l;
    xlsx_row_lines(x, ws, r, nl);
}

static void S_write_figures(xlsx_writer *x, lxw_worksheet *ws, const char *table_name)
{
    const figstore *fs = x->fs;
    size_t n = fs ? fs->n : 0;
    bool any_unavailable = false;
    for (size_t i = 0; i < n; i++)
        any_unavailable |= !fs->items[i].available;
    const char *lines[2];
    size_t nlines = 0;
    lines[nlines++] = "This sheet holds one table: every figure the annual report quotes, with its "
                      "key (as in figures.csv), its unrounded value, the value as printed in the "
                      "report, its unit, its definition and the returns it comes from.";
    if (any_unavailable || n == 0)
        lines[nlines++] = "Some cells hold shorthand instead of a number, as the status column "
                          "of figures.csv: [x] = not available, [z] = not applicable (a "
                          "percentage of zero), [u] = low reliability (a change on a small base; "
                          "the report prints [u] for these), [c] = confidential (not shown in "
                          "the public edition: see the Cover).";
    lxw_row_t hdr = xlsx_write_heading(x, ws, "Figures quoted in the report", lines, nlines);
    size_t wkey = 10, wdisp = 12, wunit = 10, wsrc = 14;
    for (size_t i = 0; i < n; i++) {
        const figure *f = &fs->items[i];
        size_t w;
        if ((w = xlsx_utf8_len(f->key)) > wkey) wkey = w;
        if ((w = xlsx_utf8_len(f->display)) > wdisp) wdisp = w;
        if ((w = xlsx_utf8_len(f->unit)) > wunit) wunit = w;
        if ((w = xlsx_utf8_len(f->sources)) > wsrc) wsrc = w;
    }
    double widths[6] = {wkey > 48 ? 50.0 : (double)wkey + 2, 18,
                        wdisp < 12 ? 14.0 : (double)wdisp + 2, (double)wunit + 2, 60,
                        wsrc > 38 ? 40.0 : (double)wsrc + 2};
    for (lxw_col_t c = 0; c < 6; c++)
        xlsx_check(x, worksheet_set_column(ws, c, c, widths[c], NULL), "Figures widths");

    lxw_row_t r = hdr + 1;
    strbuf ign = STRBUF_INIT;
    for (size_t i = 0; i < n; i++, r++)
        S_figure_row(x, ws, r, &fs->items[i], widths, &ign);
    if (n == 0) {
        for (lxw_col_t c = 0; c < 6; c++)
            xlsx_check(x, worksheet_write_string(ws, r, c, "[x]", c == 1 || c == 2 ? x->f_short : NULL),
                       "Figures");
        r++;
    }
    static const char *const heads[] = {"Key", "Value (unrounded)", "As printed in the report",
                                        "Unit", "Definition", "Source returns"};
    static const bool numeric[] = {false, true, true, false, false, false};
    xlsx_add_table(x, ws, table_name, hdr, r - 1, heads, numeric, 6);
    if (ign.len)
        xlsx_check(x, worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, sb_cstr(&ign)),
                   "Figures");
    sb_free(&ign);
}

/* ---- document properties ------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil); used instead of timegm(), which POSIX does not have. */
static long long S_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Returns false when libxlsxwriter ran out of memory. */
static bool S_formats(xlsx_writer *x)
{
    lxw_format **all[] = {&x->f_title, &x->f_subhead, &x->f_wrap, &x->f_hdr_text,
                          &x->f_hdr_num, &x->f_short};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!(*all[i] = workbook_add_format(x->wb)))
            return false;
    format_set_bold(x->f_title);
    format_set_font_size(x->f_title, 15);
    format_set_bold(x->f_subhead);
    format_set_font_size(x->f_subhead, 12);
    format_set_text_wrap(x->f_wrap);
    format_set_bold(x->f_hdr_text);
    format_set_text_wrap(x->f_hdr_text);
    format_set_bold(x->f_hdr_num);
    format_set_text_wrap(x->f_hdr_num);
    format_set_align(x->f_hdr_num, LXW_ALIGN_RIGHT);
    format_set_align(x->f_short, LXW_ALIGN_RIGHT);
    return true;
}

static void S_writer_free(xlsx_writer *x)
{
    for (size_t i = 0; i < x->nnumfmts; i++)
        free(x->numfmts[i].code);
    free(x->numfmts);
    for (size_t i = 0; i < x->nnotes; i++) {
        free(x->notes[i].text);
        sb_free(&x->notes[i].sheets);
    }
    free(x->notes);
    for (size_t i = 0; i < x->nnames; i++)
        free(x->names[i]);
    free(x->names);
    free(x->err_where);
}

/* ---- the workbook ------------------------------------------------------- */

/* Name every sheet and table, in workbook order: Cover, Contents, Notes,
 * one sheet per dataset, Figures.  Sets *nsheets; free with S_sheets_free. */
static S_sheet *S_plan_sheets(xlsx_writer *x, size_t *nsheets)
{
    const dataset_list *dsl = x->dsl;
    size_t nds = dsl ? dsl->n : 0, n = 0;
    S_sheet *sheets = xcalloc(nds + 4, sizeof *sheets);
    static const char *const fixed[] = {"Cover", "Contents", "Notes"};
    /* (the first joined by hand: clang's -Wstring-concatenation takes a
     * literal split over lines in an array for a missing comma) */
    static const char S_cover_desc[] = "About this data pack: partnership, reporting year, "
                                       "sources, shorthand and how the tables are laid out";
    static const char *const fixed_desc[] = {
        S_cover_desc,
        "This list of sheets",
        "Notes referred to as [note 1], [note 2] and so on in table titles and headings",
    };
    for (size_t i = 0; i < 3; i++, n++) {
        sheets[n].sheet = S_sheet_name(x, fixed[i]);
        sheets[n].description = xstrdup(fixed_desc[i]);
    }
    for (size_t i = 0; i < nds; i++, n++) {
        const dataset *ds = dsl->items[i];
        sheets[n].sheet = S_sheet_name(x, ds->sheet && *ds->sheet ? ds->sheet : ds->id);
        sheets[n].description = xstrdup(ds->title && *ds->title ? ds->title : sheets[n].sheet);
        sheets[n].ds = ds;
    }
    sheets[n].sheet = S_sheet_name(x, "Figures");
    sheets[n].description = xstrdup("Every figure the report quotes, with its definition "
                                    "and the returns it comes from");
    n++;
    /* Table names after sheet names: a table may share its sheet's name. */
    for (size_t i = 1; i < n; i++) {
        const dataset *ds = sheets[i].ds;
        sheets[i].table = xlsx_table_name(x, ds && ds->sheet ? ds->sheet : sheets[i].sheet);
    }
    *nsheets = n;
    return sheets;
}

static void S_sheets_free(S_sheet *sheets, size_t nsheets)
{
    for (size_t i = 0; i < nsheets; i++) {
        free(sheets[i].sheet);
        free(sheets[i].table);
        free(sheets[i].description);
    }
    free(sheets);
}

/* Add the planned sheets to the workbook, in order. */
static void S_add_worksheets(xlsx_writer *x, S_sheet *sheets, size_t nsheets)
{
    for (size_t i = 0; i < nsheets; i++) {
        sheets[i].ws = workbook_add_worksheet(x->wb, sheets[i].sheet);
        if (!sheets[i].ws)
            xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "sheet %s", sheets[i].sheet);
    }
}

/* Fill every sheet (all of them added).  Datasets before Notes: they number
 * the notes as they refer to them. */
static void S_write_sheets(xlsx_writer *x, const S_sheet *sheets, size_t nsheets,
                           const char *pack_title)
{
    S_write_cover(x, sheets[0].ws, pack_title);
    for (size_t i = 3; i + 1 < nsheets; i++)
        xlsx_write_dataset(x, sheets[i].ws, sheets[i].ds, sheets[i].sheet, sheets[i].table);
    S_write_notes(x, sheets[2].ws, sheets[2].table);
    S_write_figures(x, sheets[nsheets - 1].ws, sheets[nsheets - 1].table);
    S_write_contents(x, sheets[1].ws, sheets, nsheets, sheets[1].table);
}

/* Title, subject, author, company and keywords from the settings, and a
 * creation time fixed by the published date (libxlsxwriter copies them). */
static void S_set_properties(xlsx_writer *x, const char *pack_title)
{
    const doc_meta *meta = x->meta;
    strbuf subject = STRBUF_INIT, keywords = STRBUF_INIT;
    sb_appendf(&subject, "Figures and tables of the %s annual report %s", meta->partnership,
               meta->year);
    sb_appendf(&keywords, "safeguarding children, annual report, data pack, %s, %s", meta->area,
               meta->year);
    /* libxlsxwriter writes one date as both created and modified: a
     * revised data pack is a new file of the revision date. */
    int ymd = meta->modified_ymd ? meta->modified_ymd : meta->published_ymd;
    lxw_doc_properties props = {0};
    props.title = (char *)pack_title;
    props.subject = (char *)sb_cstr(&subject);
    props.author = meta->author;
    props.company = meta->partnership;
    props.keywords = (char *)sb_cstr(&keywords);
    props.comments = "Written by annrep from the partnership's agency returns.";
    props.status = meta->revision;  /* "Revised 20 November 2017: ..." or none */
    props.created = (time_t)(S_days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100) * 86400LL);
    xlsx_check(x, workbook_set_properties(x->wb, &props), "document properties");
    sb_free(&subject);
    sb_free(&keywords);
}

/* What kind of failure an error of workbook_close is: the file could not be
 * written (created, its parts put in temporary files and read back, the zip
 * written: a full disk lands here), or the library itself failed. */
static annrep_status S_close_status(lxw_error e)
{
    switch (e) {
    case LXW_NO_ERROR:
        return ANNREP_OK;
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return ANNREP_ERR_IO;
    default:
        return ANNREP_ERR_LIBRARY;
    }
}

/* Report the first library error, then close the workbook, which writes the
 * file and frees the workbook.  Returns ANNREP_OK, ANNREP_ERR_LIBRARY (an
 * error while building) or what S_close_status says of the close; one error
 * in x->dl on failure. */
static annrep_status S_close(xlsx_writer *x)
{
    annrep_status st = ANNREP_OK;
    if (x->err != LXW_NO_ERROR) {
        diag_add(x->dl, DIAG_ERROR, x->path, 0, NULL, NULL,
                 "could not write the data pack: libxlsxwriter error \"%s\" while writing %s",
                 lxw_strerror(x->err), x->err_where ? x->err_where : "the workbook");
        st = ANNREP_ERR_LIBRARY;
    }
    /* Close always: it frees the workbook; on an earlier error its file is
     * discarded by publish anyway. */
    errno = 0;
    lxw_error ce = workbook_close(x->wb);
    x->wb = NULL;
    if (ce != LXW_NO_ERROR && st == ANNREP_OK) {
        int en = errno;
        if (ce == LXW_ERROR_CREATING_XLSX_FILE && en)
            diag_add(x->dl, DIAG_ERROR, x->path, 0, NULL, NULL,
                     "could not write the data pack: %s (%s)", lxw_strerror(ce), strerror(en));
        else
            diag_add(x->dl, DIAG_ERROR, x->path, 0, NULL, NULL,
                     "could not write the data pack: %s", lxw_strerror(ce));
        st = S_close_status(ce);
    }
    return st;
}

annrep_status xlsx_write(const doc_meta *meta, const figstore *fs, const dataset_list *dsl,
                         const char *path, diag_list *dl)
{
    xlsx_writer x = {0};
    x.meta = meta;
    x.fs = fs;
    x.dsl = dsl;
    x.path = path;
    x.dl = dl;
    x.wb = workbook_new(path);
    if (!x.wb) {
        diag_add(dl, DIAG_ERROR, path, 0, NULL, NULL,
                 "could not start the data pack (libxlsxwriter: out of memory)");
        return ANNREP_ERR_LIBRARY;
    }
    if (!S_formats(&x))
        xlsx_check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED, "cell formats");

    /* Plan every sheet first: the Contents sheet links to all of them. */
    size_t nsheets;
    S_sheet *sheets = S_plan_sheets(&x, &nsheets);
    S_add_worksheets(&x, sheets, nsheets);

    strbuf title = STRBUF_INIT;
    sb_appendf(&title, "%s: data pack", *meta->title ? meta->title : "Annual report");
    if (x.err == LXW_NO_ERROR)
        S_write_sheets(&x, sheets, nsheets, sb_cstr(&title));
    S_set_properties(&x, sb_cstr(&title));
    annrep_status st = S_close(&x);

    sb_free(&title);
    S_sheets_free(sheets, nsheets);
    S_writer_free(&x);
    return st;
}
