/* test_load_parse.c - typed cell parsers (src/load/parse.c): counts,
 * numbers, money, dates, months, yes/no and enumerations with aliases.
 * Expected values worked out by hand from the data contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "load/parse.h"

#include <string.h>

static int64_t S_count_ok(const char *s)
{
    strbuf why = STRBUF_INIT;
    int64_t v = -1;
    assert_true(parse_count(s, &v, &why));
    sb_free(&why);
    return v;
}

/* Parse must fail and the reason must contain `needle`. */
#define ASSERT_FAILS(call, needle)                                   \
    do {                                                             \
        strbuf why_ = STRBUF_INIT;                                   \
        assert_false(call);                                          \
        if (!strstr(sb_cstr(&why_), needle))                         \
            fail_msg("reason \"%s\" lacks \"%s\"", sb_cstr(&why_), needle); \
        sb_free(&why_);                                              \
    } while (0)

static void test_count_accepts_digits_and_groups_of_three(void **state)
{
    (void)state;
    assert_int_equal(S_count_ok("0"), 0);
    assert_int_equal(S_count_ok("215"), 215);
    assert_int_equal(S_count_ok("24,635"), 24635);
    assert_int_equal(S_count_ok("1,234,567"), 1234567);
    assert_int_equal(S_count_ok("007"), 7);
}

static void test_count_rejects_bad_groups_negative_decimal_and_text(void **state)
{
    (void)state;
    int64_t v;
    ASSERT_FAILS(parse_count("24,63", &v, &why_), "groups of three");
    ASSERT_FAILS(parse_count("2,4635", &v, &why_), "groups of three");
    ASSERT_FAILS(parse_count("1234,567", &v, &why_), "groups of three");
    ASSERT_FAILS(parse_count("-3", &v, &why_), "not a negative number");
    ASSERT_FAILS(parse_count("3.0", &v, &why_), "not a decimal");
    ASSERT_FAILS(parse_count("twelve", &v, &why_), "expected a count");
    ASSERT_FAILS(parse_count("12a", &v, &why_), "expected a count");
    ASSERT_FAILS(parse_count(",123", &v, &why_), "expected a count");
    ASSERT_FAILS(parse_count("1234567890123456", &v, &why_), "at most 15 digits");
}

static void test_number_keeps_decimals_as_written(void **state)
{
    (void)state;
    strbuf why = STRBUF_INIT;
    double d;
    int dec;
    assert_true(parse_number("60.0", &d, &dec, &why));
    assert_true(d == 60.0);
    assert_int_equal(dec, 1);
    assert_true(parse_number("-3.25", &d, &dec, &why));
    assert_true(d == -3.25);
    assert_int_equal(dec, 2);
    assert_true(parse_number("1,234.5", &d, &dec, &why));
    assert_true(d == 1234.5);
    assert_int_equal(dec, 1);
    assert_true(parse_number("67600", &d, &dec, &why));
    assert_true(d == 67600);
    assert_int_equal(dec, 0);
    assert_true(parse_number("60.45", &d, &dec, &why));
    assert_true(d == 60.45); /* the double nearest 60.45, as the compiler reads it */
    sb_free(&why);
}

static void test_number_rejects_percent_exponent_and_junk(void **state)
{
    (void)state;
    double d;
    int dec;
    ASSERT_FAILS(parse_number("60.5%", &d, &dec, &why_), "no % sign: write 60.5");
    ASSERT_FAILS(parse_number("1e5", &d, &dec, &why_), "no exponent");
    ASSERT_FAILS(parse_number("+5", &d, &dec, &why_), "expected a number");
    ASSERT_FAILS(parse_number("5.", &d, &dec, &why_), "expected a number");
    ASSERT_FAILS(parse_number("--5", &d, &dec, &why_), "expected a number");
    ASSERT_FAILS(parse_number("12,34.5", &d, &dec, &why_), "groups of three");
    /* Shown as written to at most 6 places: a seventh would print as 0.000000. */
    ASSERT_FAILS(parse_number("-0.0000001", &d, &dec, &why_), "at most 6 decimal places");
    strbuf why = STRBUF_INIT;
    assert_true(parse_number("-0.000001", &d, &dec, &why));
    assert_int_equal(dec, 6);
    assert_true(d == -0.000001);
    sb_free(&why);
}

/* A % sign is named with the number to write instead, as written (its
 * decimals, its minus, spaces before the sign dropped); a count too. */
static void test_percent_sign_says_what_to_write(void **state)
{
    (void)state;
    double d = 7;
    int dec = 7;
    int64_t n = 7;
    ASSERT_FAILS(parse_number("31.0%", &d, &dec, &why_), "expected a number with no % sign: write 31.0");
    ASSERT_FAILS(parse_number("-2.50 %", &d, &dec, &why_), "no % sign: write -2.50");
    ASSERT_FAILS(parse_number("1,234%", &d, &dec, &why_), "no % sign: write 1,234");
    ASSERT_FAILS(parse_count("45%", &n, &why_), "expected a count with no % sign: write 45");
    /* Not a number then a sign: the general message. */
    ASSERT_FAILS(parse_number("%", &d, &dec, &why_), "expected a number: digits");
    ASSERT_FAILS(parse_number("31%5", &d, &dec, &why_), "expected a number: digits");
    ASSERT_FAILS(parse_count("4.5%", &n, &why_), "not a decimal");
    /* Outputs untouched on failure. */
    assert_true(d == 7 && dec == 7 && n == 7);
}

static void test_money_accepts_pound_sign_and_two_decimals(void **state)
{
    (void)state;
    strbuf why = STRBUF_INIT;
    int64_t p;
    assert_true(parse_money("\xC2\xA3" "130,021.50", &p, &why));
    assert_int_equal(p, 13002150);
    assert_true(parse_money("181050", &p, &why));
    assert_int_equal(p, 18105000);
    assert_true(parse_money("\xC2\xA3" "0.05", &p, &why));
    assert_int_equal(p, 5);
    sb_free(&why);
}

static void test_money_rejects_one_decimal_negative_and_groups(void **state)
{
    (void)state;
    int64_t p;
    ASSERT_FAILS(parse_money("\xC2\xA3" "12.5", &p, &why_), "exactly two decimals");
    ASSERT_FAILS(parse_money("12.505", &p, &why_), "exactly two decimals");
    ASSERT_FAILS(parse_money("-\xC2\xA3" "5", &p, &why_), "never negative");
    ASSERT_FAILS(parse_money("\xC2\xA3-5.00", &p, &why_), "never negative");
    ASSERT_FAILS(parse_money("\xC2\xA3" "1,00", &p, &why_), "groups of three");
    ASSERT_FAILS(parse_money("$5", &p, &why_), "expected an amount of money");
}

static void test_date_accepts_both_forms_and_leap_day(void **state)
{
    (void)state;
    strbuf why = STRBUF_INIT;
    int32_t d;
    assert_true(parse_date("2017-03-31", &d, &why));
    assert_int_equal(d, 20170331);
    assert_true(parse_date("01/04/2016", &d, &why));
    assert_int_equal(d, 20160401);
    assert_true(parse_date("1/4/2016", &d, &why));
    assert_int_equal(d, 20160401);
    assert_true(parse_date("29/02/2016", &d, &why));
    assert_int_equal(d, 20160229);
    assert_true(parse_date("2000-02-29", &d, &why)); /* divisible by 400: leap */
    assert_int_equal(d, 20000229);
    sb_free(&why);
}

static void test_date_rejects_unreal_days_naming_them(void **state)
{
    (void)state;
    int32_t d;
    ASSERT_FAILS(parse_date("31/02/2017", &d, &why_),
                 "expected a real date as YYYY-MM-DD or DD/MM/YYYY (no 31st of February 2017)");
    ASSERT_FAILS(parse_date("29/02/2017", &d, &why_), "(no 29th of February 2017)");
    ASSERT_FAILS(parse_date("1900-02-29", &d, &why_), "(no 29th of February 1900)");
    ASSERT_FAILS(parse_date("31/04/2016", &d, &why_), "(no 31st of April 2016)");
    ASSERT_FAILS(parse_date("2016-13-01", &d, &why_), "no month 13");
    ASSERT_FAILS(parse_date("00/01/2016", &d, &why_), "no day 0");
    ASSERT_FAILS(parse_date("2016/04/01", &d, &why_), "YYYY-MM-DD or DD/MM/YYYY");
    ASSERT_FAILS(parse_date("01-04-2016", &d, &why_), "YYYY-MM-DD or DD/MM/YYYY");
    ASSERT_FAILS(parse_date("01/04/16", &d, &why_), "YYYY-MM-DD or DD/MM/YYYY");
}

static void test_month_accepts_iso_and_excel_forms(void **state)
{
    (void)state;
    strbuf why = STRBUF_INIT;
    int32_t m;
    assert_true(parse_month("2017-03", &m, &why));
    assert_int_equal(m, 201703);
    assert_true(parse_month("Mar-16", &m, &why));
    assert_int_equal(m, 201603);
    assert_true(parse_month("dec-09", &m, &why));
    assert_int_equal(m, 200912);
    sb_free(&why);
}

/* The month written out, as people type it and as Excel's "mmm yyyy" and
 * "mmmm yyyy" formats save it. */
static void test_month_accepts_names_with_four_digit_years(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int32_t ym;
    } ok[] = {
        {"Mar 2023", 202303},  {"March 2023", 202303}, {"march 2023", 202303},
        {"MAR 2023", 202303},  {"Mar-2023", 202303},   {"March-2023", 202303},
        {"March-23", 202303},  {"Sept 2016", 201609},  {"Sep 2016", 201609},
        {"September 2016", 201609}, {"Jan 1999", 199901}, {"December 2199", 219912},
        {"May 2017", 201705},  {"June 2017", 201706},  {"Jul-17", 201707},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        strbuf why = STRBUF_INIT;
        int32_t m = 0;
        if (!parse_month(ok[i].in, &m, &why))
            fail_msg("\"%s\" refused: %s", ok[i].in, sb_cstr(&why));
        if (m != ok[i].ym)
            fail_msg("\"%s\" read as %d, expected %d", ok[i].in, (int)m, (int)ok[i].ym);
        sb_free(&why);
    }
}

static void test_month_rejects_other_forms(void **state)
{
    (void)state;
    int32_t m;
    ASSERT_FAILS(parse_month("2017-13", &m, &why_), "no month 13");
    ASSERT_FAILS(parse_month("Mrz-16", &m, &why_), "YYYY-MM, Mon-YY or Month YYYY");
    ASSERT_FAILS(parse_month("2017-3", &m, &why_), "YYYY-MM, Mon-YY or Month YYYY");
    ASSERT_FAILS(parse_month("03/2017", &m, &why_), "YYYY-MM, Mon-YY or Month YYYY");
    /* "Mar 16" reads as the 16th of March as well as March 2016. */
    ASSERT_FAILS(parse_month("Mar 16", &m, &why_), "YYYY-MM, Mon-YY or Month YYYY");
    ASSERT_FAILS(parse_month("Ma 2016", &m, &why_), "Month YYYY");
    ASSERT_FAILS(parse_month("Marc 2016", &m, &why_), "Month YYYY");
    ASSERT_FAILS(parse_month("Marches 2016", &m, &why_), "Month YYYY");
    ASSERT_FAILS(parse_month("March  2016", &m, &why_), "Month YYYY");
    ASSERT_FAILS(parse_month("March 20166", &m, &why_), "Month YYYY");
    ASSERT_FAILS(parse_month("March 201", &m, &why_), "Month YYYY");
    ASSERT_FAILS(parse_month("March", &m, &why_), "Month YYYY");
    ASSERT_FAILS(parse_month("Mar 1850", &m, &why_), "year 1850 is out of range");
}

static void test_yesno_accepts_four_forms_any_case(void **state)
{
    (void)state;
    strbuf why = STRBUF_INIT;
    const char *yes[] = {"Y", "y", "Yes", "YES", "yEs"};
    const char *no[] = {"N", "n", "No", "NO"};
    for (size_t i = 0; i < 5; i++) {
        bool b = false;
        assert_true(parse_yesno(yes[i], &b, &why));
        assert_true(b);
    }
    for (size_t i = 0; i < 4; i++) {
        bool b = true;
        assert_true(parse_yesno(no[i], &b, &why));
        assert_false(b);
    }
    sb_free(&why);
    bool b;
    ASSERT_FAILS(parse_yesno("true", &b, &why_), "expected Y, N, Yes or No");
    ASSERT_FAILS(parse_yesno("1", &b, &why_), "expected Y, N, Yes or No");
}

static void test_enum_matches_case_insensitively_and_by_alias(void **state)
{
    (void)state;
    const schema *lado = schema_get(RET_LADO);
    const colspec *out = &lado->cols[LADO_OUTCOME];
    strbuf why = STRBUF_INIT;
    int e = -1;
    assert_true(parse_enum("no further ACTION", out->enum_values, out->aliases, &e, &why));
    assert_int_equal(e, LADO_OUT_NFA);
    assert_true(parse_enum("NFA", out->enum_values, out->aliases, &e, &why));
    assert_int_equal(e, LADO_OUT_NFA);
    assert_true(parse_enum("Outcome pending", out->enum_values, out->aliases, &e, &why));
    assert_int_equal(e, LADO_OUT_PENDING);
    assert_true(parse_enum("Pending", out->enum_values, out->aliases, &e, &why));
    assert_int_equal(e, LADO_OUT_PENDING);
    assert_true(parse_enum("malicious", out->enum_values, out->aliases, &e, &why));
    assert_int_equal(e, LADO_OUT_MALICIOUS);
    sb_free(&why);
    ASSERT_FAILS(parse_enum("Dismissed", out->enum_values, out->aliases, &e, &why_),
                 "expected one of \"Substantiated\", \"Unsubstantiated\"");
    ASSERT_FAILS(parse_enum("Dismissed", out->enum_values, out->aliases, &e, &why_),
                 "(also accepted: \"NFA\", \"Outcome pending\")");
}

static void test_cdop_enums_by_number_name_and_slug(void **state)
{
    (void)state;
    const schema *cdop = schema_get(RET_CDOP);
    const colspec *cat = &cdop->cols[CDOP_CATEGORY];
    const colspec *age = &cdop->cols[CDOP_AGE_BAND];
    const colspec *sex = &cdop->cols[CDOP_SEX];
    strbuf why = STRBUF_INIT;
    int e = -1;
    assert_true(parse_enum("8", cat->enum_values, cat->aliases, &e, &why));
    assert_int_equal(e, 7);
    assert_true(parse_enum("10", cat->enum_values, cat->aliases, &e, &why));
    assert_int_equal(e, 9);
    assert_true(parse_enum("perinatal/neonatal event", cat->enum_values, cat->aliases, &e, &why));
    assert_int_equal(e, 7);
    assert_true(parse_enum("Malignancy", cat->enum_values, cat->aliases, &e, &why));
    assert_int_equal(e, 3);
    assert_true(parse_enum("0 - 27 days", age->enum_values, age->aliases, &e, &why));
    assert_int_equal(e, CDOP_AGE_0_27D);
    assert_true(parse_enum("15-17 Years", age->enum_values, age->aliases, &e, &why));
    assert_int_equal(e, CDOP_AGE_15_17);
    assert_true(parse_enum("not known", sex->enum_values, sex->aliases, &e, &why));
    assert_int_equal(e, CDOP_SEX_NOT_KNOWN);
    sb_free(&why);
    ASSERT_FAILS(parse_enum("11", cat->enum_values, cat->aliases, &e, &why_), "expected one of");
    ASSERT_FAILS(parse_enum("0", cat->enum_values, cat->aliases, &e, &why_), "expected one of");
    ASSERT_FAILS(parse_enum("18-20 years", age->enum_values, age->aliases, &e, &why_),
                 "expected one of");
}

static void test_indicator_polarity_and_unit_enums(void **state)
{
    (void)state;
    const schema *ind = schema_get(RET_INDICATORS);
    const colspec *pol = &ind->cols[IND_POLARITY], *unit = &ind->cols[IND_UNIT];
    strbuf why = STRBUF_INIT;
    int e = -1;
    assert_true(parse_enum("Lower", pol->enum_values, pol->aliases, &e, &why));
    assert_int_equal(e, IND_POL_LOWER);
    assert_true(parse_enum("Higher is better", pol->enum_values, pol->aliases, &e, &why));
    assert_int_equal(e, IND_POL_HIGHER);
    assert_true(parse_enum("%", unit->enum_values, unit->aliases, &e, &why));
    assert_int_equal(e, IND_UNIT_PERCENT);
    assert_true(parse_enum("RATE", unit->enum_values, unit->aliases, &e, &why));
    assert_int_equal(e, IND_UNIT_RATE);
    sb_free(&why);
    ASSERT_FAILS(parse_enum("sideways", pol->enum_values, pol->aliases, &e, &why_),
                 "expected one of \"higher\", \"lower\"");
}

static void test_schema_enum_label_and_calendar_helpers(void **state)
{
    (void)state;
    assert_string_equal(schema_enum_label(RET_LADO, LADO_OUTCOME, LADO_OUT_NFA),
                        "No further action");
    assert_null(schema_enum_label(RET_LADO, LADO_OUTCOME, LADO_OUT_COUNT));
    assert_null(schema_enum_label(RET_LADO, LADO_CONTACT_ID, 0));
    assert_int_equal(parse_days_in_month(2016, 2), 29);
    assert_int_equal(parse_days_in_month(2100, 2), 28);
    assert_int_equal(parse_days_in_month(2017, 13), 0);
    char buf[8];
    assert_string_equal(parse_ordinal(1, buf), "1st");
    assert_string_equal(parse_ordinal(12, buf), "12th");
    assert_string_equal(parse_ordinal(22, buf), "22nd");
    assert_string_equal(parse_ordinal(23, buf), "23rd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_accepts_digits_and_groups_of_three),
        cmocka_unit_test(test_count_rejects_bad_groups_negative_decimal_and_text),
        cmocka_unit_test(test_number_keeps_decimals_as_written),
        cmocka_unit_test(test_number_rejects_percent_exponent_and_junk),
        cmocka_unit_test(test_money_accepts_pound_sign_and_two_decimals),
        cmocka_unit_test(test_money_rejects_one_decimal_negative_and_groups),
        cmocka_unit_test(test_date_accepts_both_forms_and_leap_day),
        cmocka_unit_test(test_date_rejects_unreal_days_naming_them),
        cmocka_unit_test(test_month_accepts_iso_and_excel_forms),
        cmocka_unit_test(test_month_rejects_other_forms),
        cmocka_unit_test(test_month_accepts_names_with_four_digit_years),
        cmocka_unit_test(test_percent_sign_says_what_to_write),
        cmocka_unit_test(test_yesno_accepts_four_forms_any_case),
        cmocka_unit_test(test_enum_matches_case_insensitively_and_by_alias),
        cmocka_unit_test(test_cdop_enums_by_number_name_and_slug),
        cmocka_unit_test(test_indicator_polarity_and_unit_enums),
        cmocka_unit_test(test_schema_enum_label_and_calendar_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
