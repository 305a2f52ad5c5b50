/* test_load_csvload.c - the generic schema-driven CSV loader
 * (src/load/csvload.c): encodings, hostile bytes, quoting and line numbers,
 * header matching, typed cells, row rules, duplicates, spelling variants
 * and the 50-error cap.  Line numbers and messages worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "load/project.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LADO_HDR "contact_id,date_received,agency_type,met_threshold,strategy_meeting,outcome\n"
#define SHOWN "2016-17/x.csv"

typedef struct {
    table t;
    diag_list dl;
    annrep_status st;
    strbuf all; /* every message, one per line */
} S_res;

static S_res *S_loadn(return_id id, const char *data, size_t len, int year_start)
{
    S_res *r = calloc(1, sizeof *r);
    r->st = csvload_buffer(data, len, SHOWN, schema_get(id), year_start, &r->t, &r->dl);
    for (size_t i = 0; i < r->dl.n; i++) {
        char *s = diag_format(&r->dl.items[i]);
        sb_append(&r->all, s);
        sb_putc(&r->all, '\n');
        free(s);
    }
    return r;
}

static S_res *S_load(return_id id, const char *data)
{
    return S_loadn(id, data, strlen(data), 2016);
}

static void S_free(S_res *r)
{
    table_free(&r->t);
    diag_free(&r->dl);
    sb_free(&r->all);
    free(r);
}

#define ASSERT_SAYS(r, needle)                                                   \
    do {                                                                         \
        if (!strstr(sb_cstr(&(r)->all), needle))                                 \
            fail_msg("messages:\n%s---\nlack: %s", sb_cstr(&(r)->all), needle); \
    } while (0)
#define ASSERT_NOT_SAYS(r, needle)                                               \
    do {                                                                         \
        if (strstr(sb_cstr(&(r)->all), needle))                                  \
            fail_msg("messages:\n%s---\nshould not say: %s", sb_cstr(&(r)->all), needle); \
    } while (0)

static void test_valid_lado_file_gives_typed_cells(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, LADO_HDR
                      "C1,2016-04-01,Primary school,Y,N,NFA\n"
                      "C2,31/03/2017,Police,N,,\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.n, 0);
    assert_true(r->t.present);
    assert_int_equal(r->t.nrows, 2);
    const cell *c = r->t.rows[0].cells;
    assert_int_equal(r->t.rows[0].line, 2);
    assert_string_equal(c[LADO_CONTACT_ID].text, "C1");
    assert_int_equal(c[LADO_DATE_RECEIVED].v.ymd, 20160401);
    assert_true(c[LADO_MET_THRESHOLD].v.yes);
    assert_false(c[LADO_STRATEGY_MEETING].v.yes);
    assert_int_equal(c[LADO_OUTCOME].v.e, LADO_OUT_NFA);
    c = r->t.rows[1].cells;
    assert_int_equal(r->t.rows[1].line, 3);
    assert_int_equal(c[LADO_DATE_RECEIVED].v.ymd, 20170331);
    assert_false(cell_present(&c[LADO_OUTCOME])); /* blank: not recorded */
    assert_null(c[LADO_OUTCOME].text);
    assert_string_equal(r->t.path, SHOWN);
    S_free(r);
}

static void test_bom_is_stripped_before_the_header(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LAC, "\xEF\xBB\xBFmonth,looked_after\nMar-16,480\n");
    assert_int_equal(r->dl.n, 0);
    assert_int_equal(r->t.nrows, 1);
    assert_int_equal(r->t.rows[0].cells[LAC_MONTH].v.ym, 201603);
    assert_int_equal(r->t.rows[0].line, 2);
    S_free(r);
}

static void test_windows_1252_file_is_converted_with_a_warning(void **state)
{
    (void)state;
    S_res *r = S_load(RET_FUNDING, "organisation,amount\nPolice,\"\xA3" "1,250.50\"\n");
    assert_int_equal(r->st, ANNREP_OK);
    ASSERT_SAYS(r, SHOWN ": warning: not valid UTF-8 (first on line 2): read as Windows-1252");
    assert_int_equal(r->dl.nerrors, 0);
    assert_int_equal(r->t.rows[0].cells[FUND_AMOUNT].v.pence, 125050);
    assert_string_equal(r->t.rows[0].cells[FUND_AMOUNT].text, "\xC2\xA3" "1,250.50");
    S_free(r);
    r = S_load(RET_LAC, "month,looked_after\nMar-16,480\nApr-16,490 \xA0\n");
    assert_int_equal(r->dl.nerrors, 0);
    ASSERT_SAYS(r, "first on line 3");
    assert_int_equal(r->t.rows[1].cells[LAC_LOOKED_AFTER].v.i, 490); /* NBSP trimmed */
    S_free(r);
}

static void test_header_matches_case_spaces_underscores_any_order(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, " OUTCOME ,Strategy Meeting,met threshold,Agency_Type,"
                                "Date  Received,Contact ID\n"
                                "Malicious,Y,Y,Police,2016-05-01,C9\n");
    assert_int_equal(r->dl.n, 0);
    const cell *c = r->t.rows[0].cells;
    assert_string_equal(c[LADO_CONTACT_ID].text, "C9");
    assert_int_equal(c[LADO_OUTCOME].v.e, LADO_OUT_MALICIOUS);
    assert_string_equal(c[LADO_AGENCY_TYPE].text, "Police");
    S_free(r);
}

static void test_unknown_column_warns_and_is_ignored(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,completions,notes\nBasics,12,whatever\n");
    assert_int_equal(r->st, ANNREP_OK);
    ASSERT_SAYS(r, SHOWN ":1: warning: \"notes\": unknown column in elearning.csv, ignored");
    assert_int_equal(r->t.rows[0].cells[ELN_COMPLETIONS].v.i, 12);
    S_free(r);
}

static void test_missing_required_column_is_an_error_on_the_header_line(void **state)
{
    (void)state;
    S_res *r = S_load(RET_TRAINING, "\n\ncourse,date,places\nIntro,2016-06-01,20\n");
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, SHOWN ":3: error: column attended: required column missing: expected a "
                   "column named attended");
    assert_int_equal(r->t.nrows, 0);
    S_free(r);
}

static void test_blank_lines_and_empty_rows_are_skipped_keeping_line_numbers(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "\n"
                                     "module,completions\n"
                                     ",\n"
                                     "\n"
                                     "  ,  \n"
                                     "Basics,x\n");
    ASSERT_SAYS(r, SHOWN ":6: error: column completions: \"x\": expected a count");
    assert_int_equal(r->t.nrows, 0);
    S_free(r);
}

static void test_cells_are_trimmed(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, LADO_HDR "  C1 , 2016-04-01 ,  Primary school  , y , yes , "
                                "  outcome   pending \n");
    assert_int_equal(r->dl.n, 0);
    const cell *c = r->t.rows[0].cells;
    assert_string_equal(c[LADO_CONTACT_ID].text, "C1");
    assert_string_equal(c[LADO_AGENCY_TYPE].text, "Primary school");
    assert_int_equal(c[LADO_OUTCOME].v.e, LADO_OUT_PENDING);
    S_free(r);
}

static void test_quoted_newline_keeps_physical_line_numbers(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,completions\n"
                                     "\"Safeguarding,\n"
                                     "part two\",\"1,200\"\n"
                                     "Third,-4\n");
    assert_int_equal(r->t.nrows, 1);
    assert_int_equal(r->t.rows[0].line, 2);
    assert_string_equal(r->t.rows[0].cells[ELN_MODULE].text, "Safeguarding,\npart two");
    assert_int_equal(r->t.rows[0].cells[ELN_COMPLETIONS].v.i, 1200);
    ASSERT_SAYS(r, SHOWN ":4: error: column completions: \"-4\": expected a count of 0 or "
                   "more, not a negative number");
    S_free(r);
}

static void test_crlf_line_ends_count_once(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,completions\r\nA,1\r\n\r\nB,z\r\n");
    assert_int_equal(r->t.rows[0].line, 2);
    ASSERT_SAYS(r, SHOWN ":4: error: column completions: \"z\"");
    S_free(r);
}

static void test_final_row_without_newline_is_read(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,completions\nA,1\nB,2");
    assert_int_equal(r->dl.n, 0);
    assert_int_equal(r->t.nrows, 2);
    assert_int_equal(r->t.rows[1].cells[ELN_COMPLETIONS].v.i, 2);
    S_free(r);
}

static void test_duplicate_id_is_reported_on_later_line_naming_earlier(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, LADO_HDR
                      "C1,2016-04-01,Police,N,,\n"
                      "C2,2016-04-02,Police,N,,\n"
                      "C1,2016-04-03,Police,N,,\n");
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, SHOWN ":4: error: column contact_id: \"C1\": duplicate of line 2: "
                   "expected each contact_id once in the file");
    ASSERT_NOT_SAYS(r, ":2: error");
    S_free(r);
}

static void test_duplicate_month_in_either_form(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LAC, "month,looked_after\n2016-03,480\nApr-16,1\nMar-16,481\n");
    ASSERT_SAYS(r, SHOWN ":4: error: column month: \"Mar-16\": duplicate of line 2");
    S_free(r);
}

static void test_composite_key_duplicate_in_crime(void **state)
{
    (void)state;
    S_res *r = S_load(RET_CRIME, "crime_type,area,period_end,count\n"
                                 "Rape,Lewisham,Mar-17,5\n"
                                 "Rape,Met Total,Mar-17,500\n"
                                 "rape, lewisham ,2017-03,6\n");
    ASSERT_SAYS(r, SHOWN ":4: error: \"crime_type rape, area lewisham, period_end 2017-03\": "
                   "duplicate of line 2: expected one row for each crime_type, area and "
                   "period_end");
    assert_int_equal(r->dl.nerrors, 1);
    S_free(r);
}

/* A category column (here crime_type) holds at most 1,000 different
 * values: the 1,001st is an error on its line naming the column and the
 * value, and any value seen before still loads.  Worked out by hand: types
 * T0..T999 on lines 2..1001, then T1000 on line 1002 and T5 again on 1003. */
static void test_category_column_holds_at_most_a_thousand_values(void **state)
{
    (void)state;
    strbuf b = STRBUF_INIT;
    sb_append(&b, "crime_type,area,period_end,count\n");
    for (int i = 0; i < 1000; i++)
        sb_appendf(&b, "T%d,Lewisham,Mar-17,1\n", i);
    sb_append(&b, "T1000,Lewisham,Mar-17,1\n");
    sb_append(&b, "T5,Lewisham,Feb-17,1\n");
    S_res *r = S_loadn(RET_CRIME, b.s, b.len, 2016);
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    assert_int_equal(r->dl.nerrors, 1);
    ASSERT_SAYS(r, SHOWN ":1002: error: column crime_type: \"T1000\": more than 1000 different "
                   "values in this column: expected at most 1000");
    assert_int_equal(r->t.nrows, 1001);
    sb_free(&b);
    S_free(r);
}

static void test_unterminated_quote_is_reported_where_the_field_starts(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,completions\nA,1\nB,\"2\nC,3\nD,4\n");
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, SHOWN ":3: error: a quoted value starting on this line is never closed");
    S_free(r);
    r = S_load(RET_ELEARNING, "module,completions\n\"A\n\nB,1\n");
    ASSERT_SAYS(r, SHOWN ":2: error: a quoted value starting on this line is never closed");
    S_free(r);
}

static void test_stray_quote_is_an_error_on_its_line(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,completions\nA,1\n5\" nails,2\n");
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, SHOWN ":3: error: a double quote in the wrong place (character 2 of the "
                   "line)");
    S_free(r);
}

static void test_error_cap_is_fifty_then_one_note(void **state)
{
    (void)state;
    strbuf b = STRBUF_INIT;
    sb_append(&b, "module,completions\n");
    for (int i = 0; i < 60; i++)
        sb_appendf(&b, "M%d,bad\n", i);
    S_res *r = S_loadn(RET_ELEARNING, b.s, b.len, 2016);
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    assert_int_equal(r->dl.nerrors, 50);
    ASSERT_SAYS(r, SHOWN ":51: error"); /* rows on lines 2..51 are shown */
    ASSERT_NOT_SAYS(r, SHOWN ":52: error");
    ASSERT_SAYS(r, SHOWN ": note: 10 further errors in this file not shown");
    assert_int_equal(r->dl.nnotes, 1);
    sb_free(&b);
    S_free(r);
}

static void test_impossible_date_message_names_everything(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, LADO_HDR "C1,31/02/2017,Police,N,,\n");
    ASSERT_SAYS(r, SHOWN ":2: error: column date_received: \"31/02/2017\": expected a real "
                   "date as YYYY-MM-DD or DD/MM/YYYY (no 31st of February 2017)\n");
    S_free(r);
}

static void test_strategy_meeting_and_outcome_required_when_threshold_met(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, LADO_HDR
                      "C1,2016-04-01,Police,Y,,\n"
                      "C2,2016-04-01,Police,N,,\n"
                      "C3,2016-04-01,Police,Yes,Y,Unfounded\n");
    ASSERT_SAYS(r, SHOWN ":2: error: column strategy_meeting: \"\": required when "
                   "met_threshold = Y");
    ASSERT_SAYS(r, SHOWN ":2: error: column outcome: \"\": required when met_threshold = Y");
    assert_int_equal(r->dl.nerrors, 2);
    S_free(r);
}

static void test_required_blank_cell_is_an_error(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, LADO_HDR "C1,,Police,N,,\n");
    ASSERT_SAYS(r, SHOWN ":2: error: column date_received: \"\": required value missing: "
                   "expected a date");
    S_free(r);
}

static void test_dates_outside_reporting_year_name_the_range(void **state)
{
    (void)state;
    const char *csv = LADO_HDR "C1,31/03/2016,Police,N,,\n"
                               "C2,01/04/2016,Police,N,,\n"
                               "C3,2017-03-31,Police,N,,\n"
                               "C4,2017-04-01,Police,N,,\n";
    S_res *r = S_load(RET_LADO, csv);
    ASSERT_SAYS(r, SHOWN ":2: error: column date_received: \"31/03/2016\": expected a date "
                   "inside the reporting year 2016-17 (01/04/2016 to 31/03/2017)");
    ASSERT_SAYS(r, SHOWN ":5: error: column date_received: \"2017-04-01\"");
    assert_int_equal(r->dl.nerrors, 2);
    S_free(r);
    r = S_loadn(RET_LADO, csv, strlen(csv), -1); /* no reporting year: no check */
    assert_int_equal(r->dl.nerrors, 0);
    S_free(r);
}

static void test_grouped_spellings_differing_beyond_case_warn(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, LADO_HDR
                      "C1,2016-04-01,Primary School,N,,\n"
                      "C2,2016-04-01,primary  school,N,,\n"
                      "C3,2016-04-01,Primary-School,N,,\n"
                      "C4,2016-04-01,Primary-School,N,,\n");
    assert_int_equal(r->st, ANNREP_OK);
    ASSERT_SAYS(r, SHOWN ":4: warning: column agency_type: \"Primary-School\": grouped with "
                   "\"Primary School\" (line 2)");
    assert_int_equal(r->dl.nwarnings, 1); /* once per spelling */
    S_free(r);
}

static void test_ragged_rows_are_errors_even_with_empty_extra_cells(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,completions\n"
                                     "A,1\n"
                                     "Lewisham, Council,3\n"
                                     "C\n"
                                     "D,4,\n");
    ASSERT_SAYS(r, SHOWN ":3: error: row has 3 cells but the header (line 1) has 2: expected "
                   "2 (a value containing a comma must be in double quotes)");
    ASSERT_SAYS(r, SHOWN ":4: error: row has 1 cells but the header (line 1) has 2");
    ASSERT_SAYS(r, SHOWN ":5: error: row has 3 cells");
    assert_int_equal(r->dl.nerrors, 3);
    assert_int_equal(r->t.nrows, 1);
    S_free(r);
}

static void test_duplicate_header_is_an_error(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,completions,Completions\nA,1,2\n");
    ASSERT_SAYS(r, SHOWN ":1: error: column completions: \"Completions\": column appears "
                   "twice in the header (columns 2 and 3)");
    S_free(r);
}

static void test_nul_byte_and_binary_are_refused(void **state)
{
    (void)state;
    static const char nul[] = "module,completions\nA,1\nB\0,2\n";
    S_res *r = S_loadn(RET_ELEARNING, nul, sizeof nul - 1, 2016);
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, SHOWN ":3: error: binary data (byte 0x00");
    S_free(r);
    static const char zip[] = "PK\x03\x04\x14\0\0\0garbage";
    r = S_loadn(RET_ELEARNING, zip, sizeof zip - 1, 2016);
    ASSERT_SAYS(r, "this is a zip file such as an Excel workbook (.xlsx)");
    S_free(r);
    unsigned char junk[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    r = S_loadn(RET_LADO, (const char *)junk, sizeof junk, 2016);
    assert_true(r->dl.nerrors >= 1);
    ASSERT_SAYS(r, "binary data");
    S_free(r);
}

static void test_empty_and_blank_files_are_errors(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "");
    ASSERT_SAYS(r, SHOWN ": error: the file is empty: expected a header row");
    S_free(r);
    r = S_load(RET_ELEARNING, "\xEF\xBB\xBF\r\n  \n,\n");
    ASSERT_SAYS(r, SHOWN ": error: the file is empty");
    S_free(r);
}

static void test_header_only_file_is_zero_rows_with_a_warning(void **state)
{
    (void)state;
    S_res *r = S_load(RET_CDOP, "case_id,date_reviewed,age_band,sex,ethnicity,category,"
                                "expected\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.nerrors, 0);
    assert_true(r->t.present);
    assert_int_equal(r->t.nrows, 0);
    ASSERT_SAYS(r, SHOWN ":1: warning: no data rows after the header");
    S_free(r);
}

static void test_bom_in_the_middle_is_an_error_on_its_line(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "\xEF\xBB\xBFmodule,completions\nA,1\n"
                                     "\xEF\xBB\xBFmodule,completions\nB,2\n");
    ASSERT_SAYS(r, SHOWN ":3: error: byte-order mark in the middle of the file");
    S_free(r);
}

static void test_two_megabyte_cell_is_refused_without_crashing(void **state)
{
    (void)state;
    size_t big = 2u << 20;
    strbuf b = STRBUF_INIT;
    sb_append(&b, "module,completions\n\"");
    for (size_t i = 0; i < big; i++)
        sb_putc(&b, (char)('a' + i % 26));
    sb_append(&b, "\",5\nB,6\n");
    S_res *r = S_loadn(RET_ELEARNING, b.s, b.len, 2016);
    ASSERT_SAYS(r, SHOWN ":2: error: column module: \"abcdef");
    ASSERT_SAYS(r, "value is 2097152 bytes long: expected at most 4000");
    assert_int_equal(r->t.nrows, 1); /* only the valid row */
    assert_int_equal(r->t.rows[0].line, 3);
    sb_free(&b);
    S_free(r);
}

static void test_value_in_unnamed_column_is_an_error(void **state)
{
    (void)state;
    S_res *r = S_load(RET_ELEARNING, "module,,completions\nA,,1\nB,oops,2\n");
    ASSERT_SAYS(r, SHOWN ":3: error: \"oops\": value in column 2, which has no name");
    assert_int_equal(r->dl.nerrors, 1);
    S_free(r);
}

static void test_indicator_needs_value_or_numerator_and_denominator(void **state)
{
    (void)state;
    S_res *r = S_load(RET_INDICATORS, "indicator_id,indicator,period,numerator,denominator,value\n"
                                      "iha,IHA in 28 days,2017-03,30,40,\n"
                                      "iha,IHA in 28 days,2016-03,,,75.0\n"
                                      "iha,IHA in 28 days,2015-03,30,,\n");
    ASSERT_SAYS(r, SHOWN ":4: error: column value: \"\": required value missing: expected a "
                   "value, or both numerator and denominator");
    assert_int_equal(r->dl.nerrors, 1);
    assert_int_equal(cell_decimals(&r->t.rows[1].cells[IND_VALUE]), 1);
    S_free(r);
}

/* Attendance above places is a reconciliation check made by compute (so that
 * strict mode can make it an error); the loader accepts the row silently. */
static void test_attended_above_places_is_loaded_without_message(void **state)
{
    (void)state;
    S_res *r = S_load(RET_TRAINING, "course,date,places,attended\nIntro,2016-06-01,20,25\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.n, 0);
    assert_int_equal(r->t.nrows, 1);
    assert_int_equal(r->t.rows[0].cells[TRN_ATTENDED].v.i, 25);
    S_free(r);
}

/* The loader reads a file in 64 KB chunks (S_src): a CRLF, a quoted field
 * with a line break, a three-byte UTF-8 character and a quote cut by the
 * chunk's end read exactly as they do anywhere else.  The special row is
 * moved across the boundary one byte at a time; the rows, values and line
 * numbers are the file's own, counted here. */
static void test_chunk_boundary_cuts_nothing(void **state)
{
    (void)state;
    const char *special = "\"Caf\xC3\xA9 \xE2\x82\xAC\r\nline\",\"1,200\"\r\n";
    size_t splen = strlen(special);
    for (size_t shift = 0; shift < splen + 4; shift++) {
        strbuf f = STRBUF_INIT;
        sb_append(&f, "module,completions\r\n");           /* line 1 */
        size_t nf = 0;
        /* the pad row makes the special row start at 65536 - shift */
        size_t target = 65536 - shift;
        size_t rest = target - f.len;
        while (rest > 40) {                                 /* 10-byte rows */
            char fr[32];
            snprintf(fr, sizeof fr, "F%05zu,1\r\n", nf % 500); /* 500 modules */
            sb_append(&f, fr);
            nf++;
            rest -= 10;
        }
        sb_putc(&f, 'P');                                   /* line 2 + nf */
        for (size_t i = 0; i + 5 < rest; i++)
            sb_putc(&f, 'x');
        sb_append(&f, ",2\r\n");
        assert_int_equal(f.len, target);
        sb_append(&f, special);                             /* lines 3+nf, 4+nf */
        sb_append(&f, "Last,5\r\n");                        /* line 5 + nf */
        S_res *r = S_loadn(RET_ELEARNING, sb_cstr(&f), f.len, 2016);
        assert_int_equal(r->st, ANNREP_OK);
        if (r->dl.n != 0)
            fail_msg("shift %zu: %s", shift, sb_cstr(&r->all));
        assert_int_equal(r->t.nrows, nf + 3);
        const row *sp = &r->t.rows[nf + 1];
        assert_int_equal(sp->line, (int)(3 + nf));
        assert_string_equal(sp->cells[ELN_MODULE].text, "Caf\xC3\xA9 \xE2\x82\xAC\r\nline");
        assert_int_equal(sp->cells[ELN_COMPLETIONS].v.i, 1200);
        const row *last = &r->t.rows[nf + 2];
        assert_int_equal(last->line, (int)(5 + nf));
        assert_string_equal(last->cells[ELN_MODULE].text, "Last");
        assert_int_equal(last->cells[ELN_COMPLETIONS].v.i, 5);
        S_free(r);
        sb_free(&f);
    }
}

static void test_csvload_file_absent_is_not_present_without_messages(void **state)
{
    (void)state;
    table t;
    diag_list dl = DIAG_LIST_INIT;
    annrep_status st = csvload_file("/nonexistent/annrep/x.csv", "x.csv", schema_get(RET_LAC),
                                    2016, &t, &dl);
    assert_int_equal(st, ANNREP_OK);
    assert_false(t.present);
    assert_int_equal(dl.n, 0);
    table_free(&t);
    diag_free(&dl);
}

static void test_csvload_file_folder_is_invalid_input(void **state)
{
    (void)state;
    char dir[] = "/tmp/annrep-csvload-XXXXXX";
    assert_non_null(mkdtemp(dir));
    table t;
    diag_list dl = DIAG_LIST_INIT;
    annrep_status st = csvload_file(dir, "x.csv", schema_get(RET_LAC), 2016, &t, &dl);
    assert_int_equal(st, ANNREP_ERR_INPUT);
    assert_true(t.present);
    assert_int_equal(dl.nerrors, 1);
    assert_string_equal(dl.items[0].message, "is a folder, not a file: expected a CSV file");
    table_free(&t);
    diag_free(&dl);
    rmdir(dir);
}


/* A row whose first cell reads Total is a declared total (section 3): in a
 * return of one row per record its blank cells are not missing values, it
 * is flagged for compute, and it is neither an id nor a group. */
static void test_total_row_is_flagged_and_may_be_blank(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, LADO_HDR
                      "C1,2016-04-01,Primary school,Y,N,NFA\n"
                      "C2,2016-05-01,Police,N,,\n"
                      "Total,,,,,\n");
    assert_int_equal(r->st, ANNREP_OK);
    assert_int_equal(r->dl.n, 0);
    assert_int_equal(r->t.nrows, 3);
    assert_false(r->t.rows[0].total);
    assert_false(r->t.rows[1].total);
    assert_true(r->t.rows[2].total);
    assert_int_equal(r->t.rows[2].line, 4);
    const cell *c = r->t.rows[2].cells;
    assert_true(cell_present(&c[LADO_CONTACT_ID])); /* a text column keeps the label */
    assert_string_equal(c[LADO_CONTACT_ID].text, "Total");
    assert_false(cell_present(&c[LADO_DATE_RECEIVED]));
    assert_false(cell_present(&c[LADO_MET_THRESHOLD]));
    S_free(r);

    /* Any case, Grand Total too, twice without a duplicate, and in the
     * other one-row-per-record returns. */
    r = S_load(RET_CDOP, "case_id,date_reviewed,age_band,sex,ethnicity,category,expected,"
                         "modifiable_factors\n"
                         "D1,2016-06-01,1-4 years,F,White British,9,N,Y\n"
                         "TOTAL,,,,,,,\n"
                         "grand total,,,,,,,\n");
    assert_int_equal(r->dl.n, 0);
    assert_int_equal(r->t.nrows, 3);
    assert_true(r->t.rows[1].total && r->t.rows[2].total);
    S_free(r);

    /* The sums a total may hold are read as their column's type. */
    r = S_load(RET_TRAINING, "course,date,places,attended\n"
                             "Intro,2016-06-01,20,18\n"
                             "Total,,20,18\n");
    assert_int_equal(r->dl.n, 0);
    assert_true(r->t.rows[1].total);
    assert_int_equal(r->t.rows[1].cells[TRN_PLACES].v.i, 20);
    assert_int_equal(r->t.rows[1].cells[TRN_ATTENDED].v.i, 18);
    S_free(r);
}

static void test_total_row_values_are_still_checked(void **state)
{
    (void)state;
    /* A malformed sum is an error; "Total" itself is not one, even in a
     * column that is not text (looked_after_monthly's month). */
    S_res *r = S_load(RET_TRAINING, "course,date,places,attended\n"
                                    "Intro,2016-06-01,20,18\n"
                                    "Total,,twenty,18\n");
    assert_int_equal(r->dl.nerrors, 1);
    ASSERT_SAYS(r, SHOWN ":3: error: column places: \"twenty\": expected a count");
    ASSERT_NOT_SAYS(r, "required value missing");
    S_free(r);

    r = S_load(RET_LAC, "month,looked_after\nMar-17,463\nTotal,463\n");
    assert_int_equal(r->dl.n, 0);
    assert_true(r->t.rows[1].total);
    assert_false(cell_present(&r->t.rows[1].cells[LAC_MONTH]));
    assert_int_equal(r->t.rows[1].cells[LAC_LOOKED_AFTER].v.i, 463);
    S_free(r);

    /* Only the first cell makes a total: Total in agency_type is a value,
     * and a blank required cell on that row is still missing. */
    r = S_load(RET_LADO, LADO_HDR "C1,,Total,N,,\n");
    assert_false(r->t.nrows > 0 && r->t.rows[0].total);
    ASSERT_SAYS(r, SHOWN ":2: error: column date_received: \"\": required value missing");
    S_free(r);

    /* "Totals" or "Total Crimes" is not a declared total. */
    r = S_load(RET_TRAINING, "course,date,places,attended\nTotals,,20,18\n");
    ASSERT_SAYS(r, SHOWN ":2: error: column date: \"\": required value missing");
    S_free(r);
}

/* A title row (or two) above the header: one error naming the line the
 * header is on, not one per column; the rows below are still checked. */
static void test_title_row_above_header_is_one_error(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, "LADO contacts 2016-17,,,,,\n" LADO_HDR
                                "C1,2016-04-01,Primary school,Y,N,NFA\n"
                                "C2,2016-04-31,Police,N,,\n");
    assert_int_equal(r->st, ANNREP_ERR_INPUT);
    ASSERT_SAYS(r, SHOWN ":1: error: the header seems to be on line 2: expected the column "
                   "names on the first line of the file; delete the line above it");
    ASSERT_NOT_SAYS(r, "required column missing");
    ASSERT_NOT_SAYS(r, "unknown column");
    ASSERT_SAYS(r, SHOWN ":4: error: column date_received: \"2016-04-31\"");
    assert_int_equal(r->dl.nerrors, 2);
    assert_int_equal(r->dl.nwarnings, 0);
    S_free(r);

    /* Two lines and a blank one above it. */
    r = S_load(RET_ELEARNING, "E-learning completions\nYear to 31 March 2017\n\n"
                              "Module,Completions\nBasic awareness,10\n");
    ASSERT_SAYS(r, SHOWN ":1: error: the header seems to be on line 4: expected the column "
                   "names on the first line of the file; delete the lines above it");
    assert_int_equal(r->dl.n, 1);
    S_free(r);
}

static void test_header_search_finds_nothing_better(void **state)
{
    (void)state;
    /* A misnamed column: no later line is a better header, so the one
     * missing column is the message, on line 1. */
    S_res *r = S_load(RET_LADO,
                      "contact_id,date_received,agency_type,met_threshold,outcome\n"
                      "C1,2016-04-01,Primary school,N,\n");
    ASSERT_SAYS(r, SHOWN ":1: error: column strategy_meeting: required column missing");
    ASSERT_NOT_SAYS(r, "seems to be");
    assert_int_equal(r->dl.nerrors, 1);
    S_free(r);

    /* A header that names no column, with data below: every column is
     * missing, on line 1, whether the file ends early or not. */
    r = S_load(RET_ELEARNING, "a,b\nBasic awareness,10\n");
    ASSERT_SAYS(r, SHOWN ":1: error: column module: required column missing");
    ASSERT_SAYS(r, SHOWN ":1: error: column completions: required column missing");
    ASSERT_SAYS(r, SHOWN ":1: warning: \"a\": unknown column");
    assert_int_equal(r->dl.nerrors, 2);
    S_free(r);

    /* The header further down than the search goes is not found. */
    strbuf b = STRBUF_INIT;
    for (int i = 0; i < 11; i++)
        sb_appendf(&b, "note %d\n", i);
    sb_append(&b, "module,completions\nBasic awareness,10\n");
    r = S_load(RET_ELEARNING, sb_cstr(&b));
    ASSERT_NOT_SAYS(r, "seems to be");
    ASSERT_SAYS(r, SHOWN ":1: error: column module: required column missing");
    sb_free(&b);
    S_free(r);
}

/* Semicolons (Excel in many European locales) or tabs between the values:
 * one error saying so, not one per column. */
static void test_other_separator_is_one_error(void **state)
{
    (void)state;
    S_res *r = S_load(RET_LADO, "contact_id;date_received;agency_type;met_threshold;"
                                "strategy_meeting;outcome\n"
                                "C1;2016-04-01;Primary school;Y;N;NFA\n");
    ASSERT_SAYS(r, SHOWN ":1: error: this file separates values with ; (semicolons): "
                   "expected commas between values");
    assert_int_equal(r->dl.n, 1);
    S_free(r);

    r = S_load(RET_ELEARNING, "module\tcompletions\nBasic awareness\t10\n");
    ASSERT_SAYS(r, SHOWN ":1: error: this file separates values with tabs");
    assert_int_equal(r->dl.n, 1);
    S_free(r);
}

/* A % sign in a number column is one error with the fix; the value is not
 * also reported as missing. */
static void test_percent_sign_is_one_error_not_two(void **state)
{
    (void)state;
    S_res *r = S_load(RET_INDICATORS, "indicator_id,indicator,period,numerator,denominator,value\n"
                                      "iha,IHA in 28 days,2017-03,,,31.0%\n"
                                      "iha,IHA in 28 days,2016-03,30%,40,\n");
    ASSERT_SAYS(r, SHOWN ":2: error: column value: \"31.0%\": expected a number with no % "
                   "sign: write 31.0");
    ASSERT_SAYS(r, SHOWN ":3: error: column numerator: \"30%\": expected a number with no % "
                   "sign: write 30");
    ASSERT_NOT_SAYS(r, "required value missing");
    assert_int_equal(r->dl.nerrors, 2);
    S_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_lado_file_gives_typed_cells),
        cmocka_unit_test(test_chunk_boundary_cuts_nothing),
        cmocka_unit_test(test_bom_is_stripped_before_the_header),
        cmocka_unit_test(test_windows_1252_file_is_converted_with_a_warning),
        cmocka_unit_test(test_header_matches_case_spaces_underscores_any_order),
        cmocka_unit_test(test_unknown_column_warns_and_is_ignored),
        cmocka_unit_test(test_missing_required_column_is_an_error_on_the_header_line),
        cmocka_unit_test(test_blank_lines_and_empty_rows_are_skipped_keeping_line_numbers),
        cmocka_unit_test(test_cells_are_trimmed),
        cmocka_unit_test(test_quoted_newline_keeps_physical_line_numbers),
        cmocka_unit_test(test_crlf_line_ends_count_once),
        cmocka_unit_test(test_final_row_without_newline_is_read),
        cmocka_unit_test(test_duplicate_id_is_reported_on_later_line_naming_earlier),
        cmocka_unit_test(test_duplicate_month_in_either_form),
        cmocka_unit_test(test_composite_key_duplicate_in_crime),
        cmocka_unit_test(test_unterminated_quote_is_reported_where_the_field_starts),
        cmocka_unit_test(test_stray_quote_is_an_error_on_its_line),
        cmocka_unit_test(test_error_cap_is_fifty_then_one_note),
        cmocka_unit_test(test_impossible_date_message_names_everything),
        cmocka_unit_test(test_strategy_meeting_and_outcome_required_when_threshold_met),
        cmocka_unit_test(test_required_blank_cell_is_an_error),
        cmocka_unit_test(test_dates_outside_reporting_year_name_the_range),
        cmocka_unit_test(test_grouped_spellings_differing_beyond_case_warn),
        cmocka_unit_test(test_ragged_rows_are_errors_even_with_empty_extra_cells),
        cmocka_unit_test(test_duplicate_header_is_an_error),
        cmocka_unit_test(test_nul_byte_and_binary_are_refused),
        cmocka_unit_test(test_empty_and_blank_files_are_errors),
        cmocka_unit_test(test_header_only_file_is_zero_rows_with_a_warning),
        cmocka_unit_test(test_bom_in_the_middle_is_an_error_on_its_line),
        cmocka_unit_test(test_two_megabyte_cell_is_refused_without_crashing),
        cmocka_unit_test(test_value_in_unnamed_column_is_an_error),
        cmocka_unit_test(test_indicator_needs_value_or_numerator_and_denominator),
        cmocka_unit_test(test_attended_above_places_is_loaded_without_message),
        cmocka_unit_test(test_csvload_file_absent_is_not_present_without_messages),
        cmocka_unit_test(test_csvload_file_folder_is_invalid_input),
        cmocka_unit_test(test_total_row_is_flagged_and_may_be_blank),
        cmocka_unit_test(test_total_row_values_are_still_checked),
        cmocka_unit_test(test_category_column_holds_at_most_a_thousand_values),
        cmocka_unit_test(test_title_row_above_header_is_one_error),
        cmocka_unit_test(test_header_search_finds_nothing_better),
        cmocka_unit_test(test_other_separator_is_one_error),
        cmocka_unit_test(test_percent_sign_is_one_error_not_two),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
