/* test_load_config.c - report.ini (src/load/config.c): comments, '#' in
 * values, long lines, unknown keys and sections, required keys, typed
 * settings and their defaults.  Expected values worked out by hand from
 * section 2 of the data contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "load/project.h"
#include "util/paths.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INI "p/report.ini"
#define GOOD "[report]\narea = Lewisham\npartnership = Lewisham Safeguarding Children Board\n" \
             "year = 2016-17\n"

typedef struct {
    report_config cfg;
    diag_list dl;
    annrep_status st;
    strbuf all;
} S_res;

static S_res *S_parse_in(const char *text, const char *dir)
{
    S_res *r = calloc(1, sizeof *r);
    r->st = config_load_buffer(text, strlen(text), INI, dir, &r->cfg, &r->dl);
    for (size_t i = 0; i < r->dl.n; i++) {
        char *s = diag_format(&r->dl.items[i]);
        sb_append(&r->all, s);
        sb_putc(&r->all, '\n');
        free(s);
    }
    return r;
}

static S_res *S_parse(const char *text)
{
    return S_parse_in(text, NULL);
}

static void S_free(S_res *r)
{
    config_free(&r->cfg);
    diag_free(&r->dl);
    sb_free(&r->all);
    free(r);
}

#define ASSERT_SAYS(r, needle)                                                   \
    do {                                                                         \
        if (!strstr(sb_cstr(&(r)->all), needle))                                 \
            fail_msg("messages:\n%s---\nlack: %s", sb_cstr(&(r)->all), needle); \
    } while (0)

static void test_minimal_settings_get_defaults(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD);
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.n, 0);
    assert_string_equal(r->cfg.area, "Lewisham");
    assert_string_equal(r->cfg.partnership, "Lewisham Safeguarding Children Board");
    assert_string_equal(r->cfg.year, "2016-17");
    assert_int_equal(r->cfg.year_start, 2016);
    assert_string_equal(r->cfg.template_name, "default");
    assert_string_equal(r->cfg.title, "Annual Report 2016-17");
    assert_null(r->cfg.author);
    assert_false(r->cfg.has_child_population);
    assert_int_equal(r->cfg.published_ymd, 20170930);
    assert_false(r->cfg.has_accent);
    assert_int_equal(r->cfg.accent, 0x12436D);
    assert_null(r->cfg.logo);
    assert_false(r->cfg.strict);
    assert_string_equal(r->cfg.language, "en-GB");
    S_free(r);
}

static void test_inline_comments_and_hash_in_values(void **state)
{
    (void)state;
    S_res *r = S_parse("; a comment\n# another\n[report]\n"
                       "area = Lewisham                         ; required\n"
                       "partnership = Board;with;semicolons ; comment\n"
                       "year = 2016-17\n"
                       "title = Report #1 of 2016-17\n"
                       "[style]\naccent = #a0B1c2 ; optional colour\n"
                       "  ; an indented comment\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_string_equal(r->cfg.area, "Lewisham");
    assert_string_equal(r->cfg.partnership, "Board;with;semicolons");
    assert_string_equal(r->cfg.title, "Report #1 of 2016-17");
    assert_true(r->cfg.has_accent);
    assert_int_equal(r->cfg.accent, 0xA0B1C2);
    assert_int_equal(r->dl.n, 0);
    S_free(r);
}

static void test_values_longer_than_200_bytes_are_kept_whole(void **state)
{
    (void)state;
    strbuf b = STRBUF_INIT, longv = STRBUF_INIT;
    for (int i = 0; i < 100; i++)
        sb_appendf(&longv, "w%02d ", i); /* 400 bytes */
    sb_append(&b, GOOD);
    sb_appendf(&b, "title = %s\nauthor = after the long line\n", sb_cstr(&longv));
    S_res *r = S_parse(b.s);
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.n, 0);
    assert_int_equal(strlen(r->cfg.title), 399); /* trailing space trimmed */
    assert_memory_equal(r->cfg.title, longv.s, 399);
    assert_string_equal(r->cfg.author, "after the long line");
    sb_free(&b);
    sb_free(&longv);
    S_free(r);
}

static void test_unknown_keys_and_sections_warn_with_their_line(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "colour = red\n[extras]\nfoo = 1\n[checks]\nstrict = true\n");
    assert_int_equal(r->st, ANNREP_OK);
    ASSERT_SAYS(r, INI ":5: warning: unknown setting colour in [report], ignored");
    ASSERT_SAYS(r, INI ":6: warning: unknown section [extras], ignored");
    assert_int_equal(r->dl.nwarnings, 2); /* foo is covered by its section's warning */
    assert_true(r->cfg.strict);
    S_free(r);
}

static void test_missing_and_blank_required_keys_are_errors(void **state)
{
    (void)state;
    S_res *r = S_parse("[report]\narea =\n");
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, INI ":2: error: required setting area is blank");
    ASSERT_SAYS(r, INI ": error: required setting partnership is missing");
    ASSERT_SAYS(r, INI ": error: required setting year is missing: expected the reporting "
                   "year as YYYY-YY");
    assert_int_equal(r->dl.nerrors, 3);
    S_free(r);
}


/* The placeholders `annrep init` writes are warnings that name the line and
 * say what to fill in; the settings are kept, so that check lists the rest. */
static void test_placeholders_are_warnings_to_fill_in(void **state)
{
    (void)state;
    S_res *r = S_parse("[report]\narea = <fill in: the local authority area>\n"
                       "partnership = <fill in: the partnership's name>\nyear = 2016-17\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.nerrors, 0);
    assert_int_equal(r->dl.nwarnings, 2);
    ASSERT_SAYS(r, INI ":2: warning: area = \"<fill in: the local authority area>\" is a "
                   "placeholder: fill it in with the local authority area, e.g. area = ");
    ASSERT_SAYS(r, INI ":3: warning: partnership = \"<fill in: the partnership's name>\" is a "
                   "placeholder: fill it in with the partnership's name");
    S_free(r);
    /* Angle brackets only inside, or on one side, are a name. */
    r = S_parse("[report]\narea = <Northmoor\npartnership = A <B> C\nyear = 2016-17\n");
    assert_int_equal(r->dl.n, 0);
    S_free(r);
}

static void test_year_must_be_consecutive_years(void **state)
{
    (void)state;
    const char *bad[] = {"2016-18", "2016/17", "16-17", "2016-2017", "2099-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "[report]\narea=A\npartnership=B\nyear = %s\n", bad[i]);
        S_res *r = S_parse(text);
        assert_int_equal(r->st, ANNREP_ERR_INPUT);
        ASSERT_SAYS(r, INI ":4: error: year = \"");
        ASSERT_SAYS(r, "expected a financial year as YYYY-YY");
        assert_null(r->cfg.year);
        S_free(r);
    }
    S_res *r = S_parse("[report]\narea=A\npartnership=B\nyear = 1999-00\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->cfg.year_start, 1999);
    S_free(r);
}

static void test_typed_settings_are_checked(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "child_population = 67,600\npublished = 15/10/2017\n"
                            "[style]\naccent = #12436d\n[checks]\nstrict = No\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_true(r->cfg.has_child_population);
    assert_true(r->cfg.child_population == 67600);
    assert_int_equal(r->cfg.published_ymd, 20171015);
    assert_false(r->cfg.strict);
    S_free(r);
    r = S_parse(GOOD "child_population = 0\npublished = 31/09/2017\n"
                     "[style]\naccent = blue\n[checks]\nstrict = maybe\n");
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, INI ":5: error: child_population = \"0\": expected a positive number");
    ASSERT_SAYS(r, INI ":6: error: published = \"31/09/2017\": expected a real date as "
                   "YYYY-MM-DD or DD/MM/YYYY (no 31st of September 2017)");
    ASSERT_SAYS(r, INI ":8: error: accent = \"blue\": expected a colour as #RRGGBB");
    ASSERT_SAYS(r, INI ":10: error: strict = \"maybe\": expected true, false, yes or no");
    assert_int_equal(r->dl.nerrors, 4);
    S_free(r);
}

/* The document language (PDF /Lang): a language tag as given, or en-GB. */
static void test_language_is_a_language_tag_default_en_gb(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "language = cy\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_string_equal(r->cfg.language, "cy");
    S_free(r);
    r = S_parse(GOOD "language = en-GB-oxendict\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_string_equal(r->cfg.language, "en-GB-oxendict");
    S_free(r);
    const char *const bad[] = {"English", "en_GB", "e", "en-", "en-GB-toolongsubtag", "en GB"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[256], says[256];
        snprintf(text, sizeof text, GOOD "language = %s\n", bad[i]);
        snprintf(says, sizeof says,
                 INI ":5: error: language = \"%s\": expected a language tag such as en-GB", bad[i]);
        r = S_parse(text);
        assert_int_equal(r->st, ANNREP_ERR_INPUT);
        ASSERT_SAYS(r, says);
        assert_int_equal(r->dl.nerrors, 1);
        assert_string_equal(r->cfg.language, "en-GB");  /* the rest still has its default */
        S_free(r);
    }
}

static void test_malformed_lines_are_all_reported(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "just words\n[style\nauthor = x\nmore words\n");
    ASSERT_SAYS(r, INI ":5: error: expected a setting as key = value");
    ASSERT_SAYS(r, INI ":6: error: expected a section name in brackets");
    ASSERT_SAYS(r, INI ":8: error: expected a setting as key = value");
    S_free(r);
}

static void test_repeated_key_warns_and_later_wins(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "area = Southwark\n");
    assert_int_equal(r->st, ANNREP_OK);
    ASSERT_SAYS(r, INI ":5: warning: area set again (first set on line 2)");
    assert_string_equal(r->cfg.area, "Southwark");
    S_free(r);
}

static void test_crlf_bom_and_windows_1252(void **state)
{
    (void)state;
    S_res *r = S_parse("\xEF\xBB\xBF[report]\r\narea = Lewisham\r\npartnership = P\r\n"
                       "year = 2016-17\r\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_string_equal(r->cfg.area, "Lewisham");
    assert_string_equal(r->cfg.year, "2016-17");
    S_free(r);
    r = S_parse(GOOD "author = Caf\xE9\n");
    assert_int_equal(r->st, ANNREP_OK);
    ASSERT_SAYS(r, INI ": warning: not valid UTF-8: read as Windows-1252");
    assert_string_equal(r->cfg.author, "Caf\xC3\xA9");
    S_free(r);
}

static void test_nul_byte_is_refused(void **state)
{
    (void)state;
    static const char text[] = "[report]\narea = A\0B\n";
    report_config cfg;
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(config_load_buffer(text, sizeof text - 1, INI, NULL, &cfg, &dl),
                     ANNREP_ERR_INPUT);
    assert_int_equal(dl.nerrors, 1);
    assert_int_equal(dl.items[0].line, 2);
    config_free(&cfg);
    diag_free(&dl);
}

static void test_year_folder_and_logo_must_exist(void **state)
{
    (void)state;
    char dir[] = "/tmp/annrep-config-XXXXXX";
    assert_non_null(mkdtemp(dir));
    S_res *r = S_parse_in(GOOD "[style]\nlogo = logo.png\n", dir);
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, INI ":4: error: year = \"2016-17\": expected a folder ");
    ASSERT_SAYS(r, INI ":6: error: logo = \"logo.png\": file ");
    ASSERT_SAYS(r, "logo.png not found");
    S_free(r);

    char *ydir = paths_join(dir, "2016-17");
    char *logo = paths_join(dir, "logo.png");
    assert_int_equal(paths_mkdir_p(ydir), 0);
    /* The smallest PNG: one transparent pixel. */
    static const unsigned char png[] = {
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
        0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
        0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78,
        0xDA, 0x63, 0x64, 0x60, 0xF8, 0x5F, 0x0F, 0x00, 0x02, 0x87, 0x01, 0x80, 0xEB, 0x47,
        0xBA, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
    FILE *fp = fopen(logo, "wb");
    fwrite(png, 1, sizeof png, fp);
    fclose(fp);
    r = S_parse_in(GOOD "[style]\nlogo = logo.png\n", dir);
    assert_int_equal(r->st, ANNREP_OK);
    assert_string_equal(r->cfg.logo, "logo.png");
    /* Read once, checked: the writers get its bytes and size. */
    assert_int_equal(r->cfg.logo_len, sizeof png);
    assert_memory_equal(r->cfg.logo_png, png, sizeof png);
    assert_int_equal(r->cfg.logo_width, 1);
    S_free(r);

    /* The signature and garbage after it: refused here, where check sees
     * it, not inside libpng in the PDF writer. */
    fp = fopen(logo, "wb");
    fwrite(png, 1, 8, fp);
    fputs("garbagegarbagegarbage", fp);
    fclose(fp);
    r = S_parse_in(GOOD "[style]\nlogo = logo.png\n", dir);
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, INI ":6: error: logo = \"logo.png\": the image does not start with its header");
    S_free(r);

    /* A path outside the project. */
    r = S_parse_in(GOOD "[style]\nlogo = /etc/logo.png\n", dir);
    ASSERT_SAYS(r, INI ":6: error: logo = \"/etc/logo.png\": expected a path relative to the "
                   "project folder");
    S_free(r);
    r = S_parse_in(GOOD "[style]\nlogo = ../logo.png\n", dir);
    ASSERT_SAYS(r, "'..' leads out of it");
    S_free(r);

    fp = fopen(logo, "wb");
    fputs("GIF89a", fp);
    fclose(fp);
    r = S_parse_in(GOOD "[style]\nlogo = logo.png\n", dir);
    ASSERT_SAYS(r, "expected a PNG image");
    S_free(r);

    unlink(logo);
    rmdir(ydir);
    rmdir(dir);
    free(ydir);
    free(logo);
}

static void test_missing_report_ini_names_the_path(void **state)
{
    (void)state;
    report_config cfg;
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(config_load("/nonexistent/annrep-project", &cfg, &dl), ANNREP_ERR_INPUT);
    char *s = diag_format(&dl.items[0]);
    assert_non_null(strstr(s, "/nonexistent/annrep-project/report.ini: error: cannot read the "
                              "project settings"));
    free(s);
    config_free(&cfg);
    diag_free(&dl);
}

/* [population]: a year's children aged 0-17, for that year's rates. */
static void test_population_per_year(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "child_population = 67600\n[population]\n2016-17 = 67,600\n"
                            "2015-16 = 66,900 ; the year before\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.n, 0);
    double v = 0;
    assert_true(config_population(&r->cfg, 2015, &v));
    assert_true(v == 66900.0);
    assert_true(config_population(&r->cfg, 2016, &v));
    assert_true(v == 67600.0);
    assert_false(config_population(&r->cfg, 2014, &v));
    S_free(r);
    /* Only in [population]: the reporting year's rate uses it too. */
    r = S_parse(GOOD "[population]\n2016-17 = 60000\n");
    assert_true(config_population(&r->cfg, 2016, &v));
    assert_true(v == 60000.0);
    S_free(r);
}

static void test_population_mistakes(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "child_population = 67600\n[population]\n2016-17 = 67,000\n"
                            "2015-16 = none\n2015 = 100\n2014-15 = 5\n2014-15 = 6\n");
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, INI ":7: error: [population] 2016-17 differs from child_population on line 5");
    ASSERT_SAYS(r, INI ":8: error: \"none\": [population] 2015-16: expected a positive number");
    ASSERT_SAYS(r, INI ":9: error: \"2015\": [population] keys are financial years as YYYY-YY");
    ASSERT_SAYS(r, INI ":11: error: \"2014-15\": [population] 2014-15 given twice (first on "
                   "line 10)");
    assert_int_equal(r->dl.nerrors, 4);
    S_free(r);
}


/* [sources] names who supplies each return (contract section 2): the key is
 * the file name without .csv (or with it), matched as headers are; a blank
 * value names no one; a key that is no return is a warning. */
static void test_sources_name_the_agency_of_each_return(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "[sources]\nlado_contacts = Lewisham LADO service\n"
                            "Crime Figures.csv = Metropolitan Police\nfunding =\n"
                            "lado_contact = Typo\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_string_equal(r->cfg.source_name[RET_LADO], "Lewisham LADO service");
    assert_string_equal(r->cfg.source_name[RET_CRIME], "Metropolitan Police");
    assert_null(r->cfg.source_name[RET_FUNDING]);
    assert_null(r->cfg.source_name[RET_CDOP]);
    assert_int_equal(r->dl.n, 1);
    ASSERT_SAYS(r, "report.ini:9: warning: unknown return lado_contact in [sources]");
    ASSERT_SAYS(r, "(lado_contacts, looked_after_monthly, comparators,");
    assert_string_equal(config_source_name(&r->cfg, "2016-17/lado_contacts.csv"),
                        "Lewisham LADO service");
    assert_null(config_source_name(&r->cfg, "2016-17/funding.csv"));
    S_free(r);
}

/* The words under a table: worked out by hand from the rule in project.h. */
static void test_sources_text_names_agency_file_and_years(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "[sources]\nlado_contacts = Lewisham LADO service\n");
    static const struct {
        const char *paths, *want;
    } cases[] = {
        {"2016-17/lado_contacts.csv", "Lewisham LADO service, lado_contacts.csv (2016-17)"},
        {"2016-17/lado_contacts.csv; 2015-16/lado_contacts.csv",
         "Lewisham LADO service, lado_contacts.csv (2015-16 and 2016-17)"},
        /* three years in a row: a range; with a gap: a list */
        {"2016-17/lado_contacts.csv; 2015-16/lado_contacts.csv; 2014-15/lado_contacts.csv",
         "Lewisham LADO service, lado_contacts.csv (2014-15 to 2016-17)"},
        {"2016-17/lado_contacts.csv; 2014-15/lado_contacts.csv; 2013-14/lado_contacts.csv",
         "Lewisham LADO service, lado_contacts.csv (2013-14, 2014-15 and 2016-17)"},
        /* a file [sources] does not name keeps its paths */
        {"2016-17/lado_contacts.csv; 2016-17/funding.csv; 2015-16/funding.csv",
         "Lewisham LADO service, lado_contacts.csv (2016-17); 2016-17/funding.csv; "
         "2015-16/funding.csv"},
        /* none named: exactly as given, order and all */
        {"2016-17/funding.csv; 2016-17/cdop_reviews.csv; 2015-16/funding.csv",
         "2016-17/funding.csv; 2016-17/cdop_reviews.csv; 2015-16/funding.csv"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = config_sources_text(&r->cfg, cases[i].paths);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    S_free(r);
}

/* [crime] total and comparison_area are kept as written, with their lines. */
static void test_crime_naming_settings(void **state)
{
    (void)state;
    S_res *r = S_parse(GOOD "[crime]\ntotal = All crime\ncomparison_area = Northshire Police\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.n, 0);
    assert_string_equal(r->cfg.crime_total, "All crime");
    assert_int_equal(r->cfg.crime_total_line, 6);
    assert_string_equal(r->cfg.crime_comparison, "Northshire Police");
    assert_int_equal(r->cfg.crime_comparison_line, 7);
    S_free(r);
    r = S_parse(GOOD);
    assert_null(r->cfg.crime_total);
    assert_null(r->cfg.crime_comparison);
    S_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sources_name_the_agency_of_each_return),
        cmocka_unit_test(test_sources_text_names_agency_file_and_years),
        cmocka_unit_test(test_crime_naming_settings),
        cmocka_unit_test(test_population_per_year),
        cmocka_unit_test(test_population_mistakes),
        cmocka_unit_test(test_minimal_settings_get_defaults),
        cmocka_unit_test(test_inline_comments_and_hash_in_values),
        cmocka_unit_test(test_values_longer_than_200_bytes_are_kept_whole),
        cmocka_unit_test(test_unknown_keys_and_sections_warn_with_their_line),
        cmocka_unit_test(test_missing_and_blank_required_keys_are_errors),
        cmocka_unit_test(test_year_must_be_consecutive_years),
        cmocka_unit_test(test_placeholders_are_warnings_to_fill_in),
        cmocka_unit_test(test_typed_settings_are_checked),
        cmocka_unit_test(test_language_is_a_language_tag_default_en_gb),
        cmocka_unit_test(test_malformed_lines_are_all_reported),
        cmocka_unit_test(test_repeated_key_warns_and_later_wins),
        cmocka_unit_test(test_crlf_bom_and_windows_1252),
        cmocka_unit_test(test_nul_byte_is_refused),
        cmocka_unit_test(test_year_folder_and_logo_must_exist),
        cmocka_unit_test(test_missing_report_ini_names_the_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
