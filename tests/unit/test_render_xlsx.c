/* test_render_xlsx.c - the data pack as a user's spreadsheet program reads it.
 *
 * Builds a small report model by hand (settings, two figures, three
 * datasets with a zero-denominator [z] cell, [x] cells and text that looks
 * like a formula), writes the workbook with xlsx_write() and reads the XML
 * back out of the zip.
 *
 * Reading the zip: we shell out to `unzip -p FILE MEMBER` (Debian package
 * unzip) rather than linking a zip reader.  zlib alone cannot walk a zip's
 * central directory without code of our own, and a second implementation
 * of zip parsing in a test is more likely to be wrong than unzip.  The test
 * fails (it does not skip) when unzip is missing.
 *
 * Every expected value here is worked out by hand from the layout the data
 * pack promises (title in A1, one line per row below it, then the header
 * row), never copied from the writer's output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "render/render.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the model ----------------------------------------------------------- */

typedef struct {
    project p;
    figstore fs;
    dataset_list dsl;
    doc_meta *meta;
} fixture;

static const char *const FORMULA_LIKE[] = {"=SUM(A1)", "+44 20", "-5 days", "@user"};

static fixture *S_fixture(void)
{
    fixture *f = xcalloc(1, sizeof *f);
    report_config *c = &f->p.cfg;
    c->area = xstrdup("Lewisham");
    c->partnership = xstrdup("Lewisham Safeguarding Children Board");
    c->year = xstrdup("2016-17");
    c->year_start = 2016;
    c->title = xstrdup("Annual Report 2016-17");
    c->published_ymd = 20170930;
    c->contact = xstrdup("lscb@example.org");
    f->fs = (figstore)FIGSTORE_INIT;
    f->dsl = (dataset_list)DATASET_LIST_INIT;

    /* LADO_quarter: title note, a percentage column, a zero denominator. */
    dataset *ds = ds_new(&f->dsl, "lado_quarter", "LADO_quarter", "LADO by quarter, 2016-17",
                         "Contacts and referrals by quarter.", "2016-17/lado_contacts.csv", 0);
    ds_add_col(ds, "Quarter", "Quarter", DFMT_TEXT);
    ds_add_col(ds, "Contacts", "Contacts", DFMT_COUNT);
    ds_add_col(ds, "Referrals as % of contacts", "Referrals as % of contacts", DFMT_PCT);
    size_t r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "Q1");
    ds_set_num(ds, r, 1, 24635);
    ds_set_num(ds, r, 2, 130.0 / 215.0 * 100.0);
    r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "Q2");
    ds_set_num(ds, r, 1, 0);
    ds_set_short(ds, r, 2, DC_Z);          /* 0 contacts: no percentage */
    r = ds_add_row(ds);
    ds_set_text(ds, r, 0, "Total");
    ds_set_num(ds, r, 1, 24635);
    ds_set_num(ds, r, 2, 130.0 / 215.0 * 100.0);
    ds_add_note(ds, "Q2 had no contacts.");

    /* Agency_text: text from a return that looks like a formula. */
    ds = ds_new(&f->dsl, "agency_text", "Agency_text", "Agencies", "Text as written.",
                "2016-17/funding.csv", 8);
    ds_add_col(ds, "Agency", "Agency", DFMT_TEXT);
    ds_add_col(ds, "Change (number)", "Change (number)", DFMT_CHANGE);
    ds_add_col(ds, "Contribution (\xC2\xA3)", "Contribution (\xC2\xA3)", DFMT_MONEY);
    ds_add_col(ds, "Value", "Value", DFMT_NUMBER);
    for (size_t i = 0; i < 4; i++) {
        r = ds_add_row(ds);
        ds_set_text(ds, r, 0, FORMULA_LIKE[i]);
        if (i == 3)
            ds_set_short(ds, r, 1, DC_X);
        else
            ds_set_num(ds, r, 1, i == 0 ? -9 : 79);
        ds_set_num(ds, r, 2, 181050);
        ds_set_number(ds, r, 3, 1234.5, 2);
    }

    /* A sheet whose name would be a cell reference as a table name. */
    ds = ds_new(&f->dsl, "lac1", "LAC1", "Looked after", "One row.", "2016-17/looked_after_monthly.csv", 1);
    ds_add_col(ds, "Children looked after", "Children looked after", DFMT_COUNT);
    r = ds_add_row(ds);
    ds_set_num(ds, r, 0, 460);

    fig_set(&f->fs, "lado.referrals.threshold_pct", true, 130.0 / 215.0 * 100.0, "60.5%", "percent",
            "LADO referrals as a percentage of contacts", "2016-17/lado_contacts.csv");
    fig_set(&f->fs, "lado.referrals.change_pct", false, 0, NULL, "percent change",
            "Change in referrals", "2016-17/lado_contacts.csv; 2015-16/lado_contacts.csv");

    f->meta = doc_meta_new(&f->p, NULL);
    return f;
}

static void S_fixture_free(fixture *f)
{
    report_config *c = &f->p.cfg;
    free(c->area);
    free(c->partnership);
    free(c->year);
    free(c->title);
    free(c->contact);
    fig_free(&f->fs);
    dsl_free(&f->dsl);
    doc_meta_free(f->meta);
    free(f);
}

/* ---- reading the zip ----------------------------------------------------- */

static char *S_unzip(const char *zip, const char *member)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s' 2>/dev/null", zip, member);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    strbuf b = STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        sb_appendn(&b, buf, n);
    int st = pclose(p);
    if (st != 0 || b.len == 0) {
        sb_free(&b);
        return NULL;
    }
    return sb_take(&b);
}

static char *S_unescape(const char *s, size_t n)
{
    strbuf b = STRBUF_INIT;
    static const struct { const char *ent; char ch; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (size_t i = 0; i < n;) {
        size_t k;
        for (k = 0; k < 5; k++) {
            size_t el = strlen(ents[k].ent);
            if (i + el <= n && strncmp(s + i, ents[k].ent, el) == 0) {
                sb_putc(&b, ents[k].ch);
                i += el;
                break;
            }
        }
        if (k == 5)
            sb_putc(&b, s[i++]);
    }
    return sb_take(&b);
}

/* Value of attribute `name` in the element starting at el.  Caller frees. */
static char *S_attr(const char *el, const char *name)
{
    const char *end = strchr(el, '>');
    char pat[64];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *a = strstr(el, pat);
    if (!a || (end && a > end))
        return NULL;
    a += strlen(pat);
    const char *q = strchr(a, '"');
    return S_unescape(a, (size_t)(q - a));
}

typedef struct {
    char *dir;
    char *path;
    char *sst[400];
    size_t nsst;
    char *styles;
    char *workbook;
} pack;

static void S_pack_open(pack *pk, const char *path)
{
    memset(pk, 0, sizeof *pk);
    pk->path = xstrdup(path);
    char *sst = S_unzip(path, "xl/sharedStrings.xml");
    assert_non_null(sst);
    for (const char *p = strstr(sst, "<si>"); p && pk->nsst < 400; p = strstr(p + 1, "<si>")) {
        const char *end = strstr(p, "</si>");
        strbuf b = STRBUF_INIT;
        for (const char *t = strstr(p, "<t"); t && t < end; t = strstr(t + 1, "<t")) {
            if (t[2] != '>' && t[2] != ' ')
                continue;
            const char *open = strchr(t, '>') + 1;
            const char *close = strstr(open, "</t>");
            char *u = S_unescape(open, (size_t)(close - open));
            sb_append(&b, u);
            free(u);
        }
        pk->sst[pk->nsst++] = sb_take(&b);
    }
    free(sst);
    pk->styles = S_unzip(path, "xl/styles.xml");
    pk->workbook = S_unzip(path, "xl/workbook.xml");
    assert_non_null(pk->styles);
    assert_non_null(pk->workbook);
}

static void S_pack_close(pack *pk)
{
    for (size_t i = 0; i < pk->nsst; i++)
        free(pk->sst[i]);
    free(pk->styles);
    free(pk->workbook);
    free(pk->path);
}

/* Sheet XML of the idx-th sheet (1-based, workbook order). */
static char *S_sheet_xml(const pack *pk, int idx)
{
    char member[64];
    snprintf(member, sizeof member, "xl/worksheets/sheet%d.xml", idx);
    return S_unzip(pk->path, member);
}

/* The <c> element of cell ref, or NULL. */
static const char *S_cell(const char *sheet, const char *ref)
{
    char pat[32];
    snprintf(pat, sizeof pat, "<c r=\"%s\"", ref);
    return strstr(sheet, pat);
}

/* The cell's value as the user sees the stored content: shared string text
 * or the <v> number text.  Caller frees; NULL for no cell. */
static char *S_value(const pack *pk, const char *sheet, const char *ref)
{
    const char *c = S_cell(sheet, ref);
    if (!c)
        return NULL;
    const char *end = strstr(c, "</c>");
    const char *v = strstr(c, "<v>");
    if (!v || !end || v > end)
        return xstrdup("");
    v += 3;
    char *raw = xstrndup(v, (size_t)(strstr(v, "</v>") - v));
    char *t = S_attr(c, "t");
    if (t && strcmp(t, "s") == 0) {
        size_t i = (size_t)atoi(raw);
        free(raw);
        raw = xstrdup(i < pk->nsst ? pk->sst[i] : "?");
    }
    free(t);
    return raw;
}

/* The number format code of the cell's style ("General" when none). */
static char *S_numfmt(const pack *pk, const char *sheet, const char *ref)
{
    const char *c = S_cell(sheet, ref);
    assert_non_null(c);
    char *s = S_attr(c, "s");
    int xf = s ? atoi(s) : 0;
    free(s);
    const char *p = strstr(pk->styles, "<cellXfs");
    assert_non_null(p);
    for (int i = 0; i <= xf; i++) {
        p = strstr(p + 1, "<xf ");
        assert_non_null(p);
    }
    char *id = S_attr(p, "numFmtId");
    int n = id ? atoi(id) : 0;
    free(id);
    switch (n) {  /* Excel's built-in formats that libxlsxwriter maps to ids */
    case 0: return xstrdup("General");
    case 1: return xstrdup("0");
    case 2: return xstrdup("0.00");
    case 3: return xstrdup("#,##0");
    case 4: return xstrdup("#,##0.00");
    default: break;
    }
    char pat[48];
    snprintf(pat, sizeof pat, "<numFmt numFmtId=\"%d\"", n);
    const char *f = strstr(pk->styles, pat);
    assert_non_null(f);
    return S_attr(f, "formatCode");
}

/* The style's horizontal alignment ("right"...), or NULL for the default. */
static char *S_halign(const pack *pk, const char *sheet, const char *ref)
{
    const char *c = S_cell(sheet, ref);
    assert_non_null(c);
    char *s = S_attr(c, "s");
    int xf = s ? atoi(s) : 0;
    free(s);
    const char *p = strstr(pk->styles, "<cellXfs");
    for (int i = 0; i <= xf; i++)
        p = strstr(p + 1, "<xf ");
    const char *end = strstr(p, "</xf>");
    const char *next = strstr(p, "/>");
    if (!end || (next && next < end && next < strchr(p, '>') + 1))
        return NULL;  /* <xf .../> has no alignment */
    const char *al = strstr(p, "<alignment");
    if (!al || al > end)
        return NULL;
    return S_attr(al, "horizontal");
}

/* Table XML named name (searching table1.xml, table2.xml ...). */
static char *S_table(const pack *pk, const char *name)
{
    char want[128];
    snprintf(want, sizeof want, " name=\"%s\"", name);
    for (int i = 1; i < 50; i++) {
        char member[64];
        snprintf(member, sizeof member, "xl/tables/table%d.xml", i);
        char *t = S_unzip(pk->path, member);
        if (!t)
            return NULL;
        if (strstr(t, want))
            return t;
        free(t);
    }
    return NULL;
}

static char *S_write_tmp(fixture *f, diag_list *dl)
{
    char tmpl[] = "/tmp/annrep-xlsx-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    close(fd);
    annrep_status st = xlsx_write(f->meta, &f->fs, &f->dsl, tmpl, dl);
    assert_int_equal(st, ANNREP_OK);
    assert_int_equal(dl->nerrors, 0);
    return xstrdup(tmpl);
}

static void S_assert_value(const pack *pk, const char *sheet, const char *ref, const char *want)
{
    char *v = S_value(pk, sheet, ref);
    if (!v || strcmp(v, want) != 0)
        fail_msg("cell %s: got \"%s\", want \"%s\"", ref, v ? v : "(no cell)", want);
    free(v);
}

static void S_assert_numfmt(const pack *pk, const char *sheet, const char *ref, const char *want)
{
    char *v = S_numfmt(pk, sheet, ref);
    if (!v || strcmp(v, want) != 0)
        fail_msg("cell %s: number format \"%s\", want \"%s\"", ref, v ? v : "(none)", want);
    free(v);
}

static void S_assert_contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        fail_msg("expected to find %s", needle);
}

/* ---- tests --------------------------------------------------------------- */

static void test_sheets_are_cover_contents_notes_tables_figures_in_order(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    char *path = S_write_tmp(f, &dl);
    pack pk;
    S_pack_open(&pk, path);
    static const char *const want[] = {"Cover", "Contents", "Notes", "LADO_quarter",
                                       "Agency_text", "LAC1", "Figures"};
    const char *p = pk.workbook;
    for (size_t i = 0; i < 7; i++) {
        p = strstr(p, "<sheet ");
        assert_non_null(p);
        char *name = S_attr(p, "name");
        assert_string_equal(name, want[i]);
        free(name);
        p++;
    }
    assert_null(strstr(p, "<sheet "));
    /* The Cover is the sheet that opens. */
    char *cover = S_sheet_xml(&pk, 1);
    S_assert_contains(cover, "tabSelected=\"1\"");
    S_assert_value(&pk, cover, "A1", "Annual Report 2016-17: data pack");
    assert_null(strstr(cover, "<tableParts"));
    free(cover);
    S_pack_close(&pk);
    unlink(path);
    free(path);
    diag_free(&dl);
    S_fixture_free(f);
}

static void test_dataset_sheet_is_a_named_table_under_its_title_lines(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    char *path = S_write_tmp(f, &dl);
    pack pk;
    S_pack_open(&pk, path);
    char *sh = S_sheet_xml(&pk, 4);
    /* A1 title with its note; A2 description; A3 source; A4 shorthand; A5
     * notes line; A6 header; rows 7-9. */
    S_assert_value(&pk, sh, "A1", "LADO by quarter, 2016-17 [note 1]");
    S_assert_value(&pk, sh, "A2", "Contacts and referrals by quarter.");
    S_assert_value(&pk, sh, "A3", "Source: 2016-17/lado_contacts.csv");
    char *a4 = S_value(&pk, sh, "A4");
    S_assert_contains(a4, "[z] = not applicable");
    free(a4);
    char *a5 = S_value(&pk, sh, "A5");
    S_assert_contains(a5, "Notes sheet");
    free(a5);
    S_assert_value(&pk, sh, "A6", "Quarter");
    S_assert_value(&pk, sh, "B6", "Contacts");
    S_assert_value(&pk, sh, "C6", "Referrals as % of contacts [note 2]");
    S_assert_value(&pk, sh, "A9", "Total");
    assert_null(S_cell(sh, "A10"));   /* nothing below the table */
    assert_null(S_cell(sh, "D6"));    /* nothing beside it */

    char *t = S_table(&pk, "LADO_quarter");
    assert_non_null(t);
    S_assert_contains(t, "ref=\"A6:C9\"");
    S_assert_contains(t, "<tableColumn id=\"3\" name=\"Referrals as % of contacts [note 2]\"");
    free(t);
    /* The table belongs to this sheet. */
    char *rels = S_unzip(pk.path, "xl/worksheets/_rels/sheet4.xml.rels");
    S_assert_contains(rels, "tables/table");
    free(rels);

    /* Unnamed-looking names are made valid: LAC1 would be a cell reference. */
    t = S_table(&pk, "T_LAC1");
    assert_non_null(t);
    free(t);
    t = S_table(&pk, "LAC1");
    assert_null(t);

    assert_null(strstr(sh, "<mergeCell"));
    assert_null(strstr(sh, "<pane"));
    assert_null(strstr(sh, "<drawing"));
    free(sh);
    S_pack_close(&pk);
    unlink(path);
    free(path);
    diag_free(&dl);
    S_fixture_free(f);
}

static void test_numbers_are_unrounded_with_number_formats(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    char *path = S_write_tmp(f, &dl);
    pack pk;
    S_pack_open(&pk, path);
    char *sh = S_sheet_xml(&pk, 4);
    S_assert_value(&pk, sh, "B7", "24635");
    S_assert_numfmt(&pk, sh, "B7", "#,##0");
    /* 130 / 215 * 100 = 60.4651162790698 to 15 significant digits: stored
     * unrounded, shown to one decimal by the format. */
    char *c7 = S_value(&pk, sh, "C7");
    assert_non_null(c7);
    assert_true(strncmp(c7, "60.46511627906", 14) == 0);
    free(c7);
    S_assert_numfmt(&pk, sh, "C7", "0.0");
    free(sh);

    sh = S_sheet_xml(&pk, 5);
    /* Agency_text: A1 title, A2 description, A3 source, A4 shorthand, A5 header. */
    S_assert_value(&pk, sh, "B6", "-9");
    S_assert_numfmt(&pk, sh, "B6", "+#,##0;\"\xE2\x88\x92\"#,##0;0");
    S_assert_value(&pk, sh, "C6", "181050");
    S_assert_numfmt(&pk, sh, "C6", "\"\xC2\xA3\"#,##0");
    S_assert_value(&pk, sh, "D6", "1234.5");
    S_assert_numfmt(&pk, sh, "D6", "#,##0.00");
    free(sh);
    S_pack_close(&pk);
    unlink(path);
    free(path);
    diag_free(&dl);
    S_fixture_free(f);
}

static void test_zero_denominator_is_shorthand_text_without_warning(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    char *path = S_write_tmp(f, &dl);
    pack pk;
    S_pack_open(&pk, path);
    char *sh = S_sheet_xml(&pk, 4);
    S_assert_value(&pk, sh, "C8", "[z]");
    char *t = S_attr(S_cell(sh, "C8"), "t");
    assert_string_equal(t, "s");
    free(t);
    char *al = S_halign(&pk, sh, "C8");
    assert_non_null(al);
    assert_string_equal(al, "right");
    free(al);
    /* The number-stored-as-text warning is off for that cell. */
    const char *ie = strstr(sh, "<ignoredError ");
    assert_non_null(ie);
    char *sq = S_attr(ie, "sqref");
    assert_non_null(strstr(sq, "C8"));
    free(sq);
    S_assert_contains(ie, "numberStoredAsText=\"1\"");
    free(sh);

    sh = S_sheet_xml(&pk, 5);
    S_assert_value(&pk, sh, "B9", "[x]");
    free(sh);

    /* An unavailable figure is [x] on the Figures sheet: A1 title, A2
     * description, A3 shorthand line, A4 header, rows 5 and 6. */
    sh = S_sheet_xml(&pk, 7);
    S_assert_value(&pk, sh, "A4", "Key");
    S_assert_value(&pk, sh, "A5", "lado.referrals.threshold_pct");
    S_assert_value(&pk, sh, "C5", "60.5%");
    S_assert_value(&pk, sh, "B6", "[x]");
    S_assert_value(&pk, sh, "C6", "n/a");
    S_assert_value(&pk, sh, "F6", "2016-17/lado_contacts.csv; 2015-16/lado_contacts.csv");
    free(sh);
    t = S_table(&pk, "Figures");
    assert_non_null(t);
    S_assert_contains(t, "ref=\"A4:F6\"");
    free(t);
    S_pack_close(&pk);
    unlink(path);
    free(path);
    diag_free(&dl);
    S_fixture_free(f);
}

static void test_text_that_looks_like_a_formula_stays_text(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    char *path = S_write_tmp(f, &dl);
    pack pk;
    S_pack_open(&pk, path);
    for (int i = 1; i <= 7; i++) {
        char *sh = S_sheet_xml(&pk, i);
        assert_non_null(sh);
        assert_null(strstr(sh, "<f>"));
        assert_null(strstr(sh, "<f "));
        free(sh);
    }
    char *sh = S_sheet_xml(&pk, 5);
    static const char *const refs[] = {"A6", "A7", "A8", "A9"};
    for (size_t i = 0; i < 4; i++) {
        S_assert_value(&pk, sh, refs[i], FORMULA_LIKE[i]);
        char *t = S_attr(S_cell(sh, refs[i]), "t");
        assert_string_equal(t, "s");
        free(t);
    }
    free(sh);
    S_pack_close(&pk);
    unlink(path);
    free(path);
    diag_free(&dl);
    S_fixture_free(f);
}

static void test_contents_links_every_other_sheet_and_notes_are_numbered(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    char *path = S_write_tmp(f, &dl);
    pack pk;
    S_pack_open(&pk, path);
    char *sh = S_sheet_xml(&pk, 2);
    /* A1 Contents, A2 line, A3 header, rows 4-9: Cover, Notes, three tables, Figures. */
    S_assert_value(&pk, sh, "A1", "Contents");
    S_assert_value(&pk, sh, "A3", "Sheet name");
    S_assert_value(&pk, sh, "B3", "Description");
    static const char *const want[] = {"Cover", "Notes", "LADO_quarter", "Agency_text", "LAC1",
                                       "Figures"};
    size_t nlinks = 0;
    for (const char *p = strstr(sh, "<hyperlink "); p; p = strstr(p + 1, "<hyperlink "))
        nlinks++;
    assert_int_equal(nlinks, 6);
    for (size_t i = 0; i < 6; i++) {
        char ref[8], pat[96];
        snprintf(ref, sizeof ref, "A%zu", i + 4);
        S_assert_value(&pk, sh, ref, want[i]);
        snprintf(pat, sizeof pat, "<hyperlink ref=\"%s\" location=\"'%s'!A1\"", ref, want[i]);
        S_assert_contains(sh, pat);
    }
    S_assert_value(&pk, sh, "B6", "LADO by quarter, 2016-17");
    free(sh);
    char *t = S_table(&pk, "Contents");
    assert_non_null(t);
    S_assert_contains(t, "ref=\"A3:B9\"");
    free(t);

    sh = S_sheet_xml(&pk, 3);
    S_assert_value(&pk, sh, "A3", "Note number");
    S_assert_value(&pk, sh, "A4", "note 1");
    S_assert_value(&pk, sh, "B4", "Q2 had no contacts.");
    S_assert_value(&pk, sh, "C4", "LADO_quarter");
    S_assert_value(&pk, sh, "A5", "note 2");
    assert_null(S_cell(sh, "A6"));
    free(sh);
    t = S_table(&pk, "Notes");
    assert_non_null(t);
    S_assert_contains(t, "ref=\"A3:C5\"");
    free(t);
    S_pack_close(&pk);
    unlink(path);
    free(path);
    diag_free(&dl);
    S_fixture_free(f);
}

static void test_properties_come_from_settings_and_published_date(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    char *path = S_write_tmp(f, &dl);
    char *core = S_unzip(path, "docProps/core.xml");
    S_assert_contains(core, "<dc:title>Annual Report 2016-17: data pack</dc:title>");
    S_assert_contains(core, "<dc:creator>Lewisham Safeguarding Children Board</dc:creator>");
    S_assert_contains(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2017-09-30T00:00:00Z");
    S_assert_contains(core, "<cp:keywords>");
    S_assert_contains(core, "<dc:subject>");
    free(core);
    unlink(path);
    free(path);
    diag_free(&dl);
    S_fixture_free(f);
}

static char *S_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    strbuf b = STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        sb_appendn(&b, buf, n);
    fclose(fp);
    *len = b.len;
    return sb_take(&b);
}

static void test_same_model_gives_byte_identical_files(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    char *a = S_write_tmp(f, &dl);
    sleep(1);  /* a clock in the file would now differ */
    char *b = S_write_tmp(f, &dl);
    size_t la, lb;
    char *da = S_slurp(a, &la), *db = S_slurp(b, &lb);
    assert_true(la > 1000);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
    unlink(a);
    unlink(b);
    free(a);
    free(b);
    diag_free(&dl);
    S_fixture_free(f);
}

static void test_unwritable_path_is_an_error_naming_the_file(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    diag_list dl = DIAG_LIST_INIT;
    const char *bad = "/nonexistent-annrep-dir/data-pack-2016-17.xlsx";
    assert_int_equal(xlsx_write(f->meta, &f->fs, &f->dsl, bad, &dl), ANNREP_ERR_IO);
    assert_int_equal(dl.nerrors, 1);
    assert_string_equal(dl.items[0].file, bad);
    assert_non_null(strstr(dl.items[0].message, "data pack"));
    diag_free(&dl);
    S_fixture_free(f);
}

static void test_text_longer_than_excel_allows_is_a_library_error_naming_the_cell(void **state)
{
    (void)state;
    fixture *f = S_fixture();
    /* Excel holds at most 32,767 characters in a cell; libxlsxwriter refuses more. */
    dataset *ds = ds_new(&f->dsl, "long_text", "Long_text", "Long text", "One long cell.",
                         "2016-17/funding.csv", 0);
    ds_add_col(ds, "Agency", "Agency", DFMT_TEXT);
    size_t r = ds_add_row(ds);
    char *longtext = xmalloc(40001);
    memset(longtext, 'a', 40000);
    longtext[40000] = '\0';
    ds_set_text(ds, r, 0, longtext);
    free(longtext);
    char tmpl[] = "/tmp/annrep-xlsx-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    close(fd);
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(xlsx_write(f->meta, &f->fs, &f->dsl, tmpl, &dl), ANNREP_ERR_LIBRARY);
    assert_int_equal(dl.nerrors, 1);
    assert_string_equal(dl.items[0].file, tmpl);
    S_assert_contains(dl.items[0].message, "sheet Long_text, row 1, column 1");
    unlink(tmpl);
    diag_free(&dl);
    S_fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheets_are_cover_contents_notes_tables_figures_in_order),
        cmocka_unit_test(test_dataset_sheet_is_a_named_table_under_its_title_lines),
        cmocka_unit_test(test_numbers_are_unrounded_with_number_formats),
        cmocka_unit_test(test_zero_denominator_is_shorthand_text_without_warning),
        cmocka_unit_test(test_text_that_looks_like_a_formula_stays_text),
        cmocka_unit_test(test_contents_links_every_other_sheet_and_notes_are_numbered),
        cmocka_unit_test(test_properties_come_from_settings_and_published_date),
        cmocka_unit_test(test_same_model_gives_byte_identical_files),
        cmocka_unit_test(test_unwritable_path_is_an_error_naming_the_file),
        cmocka_unit_test(test_text_longer_than_excel_allows_is_a_library_error_naming_the_cell),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
