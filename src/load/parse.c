/* parse.c - typed cell parsers; see parse.h.
 * Hand-written scanners rather than strtod/strtol: those read the locale,
 * accept exponents, hex and leading '+', and the contract allows none. */
#include "parse.h"

#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 15 significant digits survive the trip through a double exactly. */
#define S_MAX_DIGITS 15
#define S_MAX_DECIMALS 6 /* fmt_number's limit */

static bool S_digit(char c)
{
    return c >= '0' && c <= '9';
}

typedef enum { S_INT_OK, S_INT_NONE, S_INT_GROUPS, S_INT_BIG } S_int_status;

/* s is a number (its first n bytes) followed by a % sign, perhaps after
 * spaces, and nothing else: say how to write it. */
static bool S_percent_hint(const char *s, size_t n, const char *what, strbuf *why)
{
    const char *p = s + n;
    while (*p == ' ')
        p++;
    if (*p != '%' || p[1] != '\0')
        return false;
    sb_appendf(why, "expected %s with no %% sign: write %.*s", what, (int)n, s);
    return true;
}

/* Integer part at s: digits, optionally with thousands separators in groups
 * of three.  *used = bytes consumed. */
static S_int_status S_int_part(const char *s, size_t *used, uint64_t *val, int *ndigits)
{
    size_t i = 0;
    uint64_t v = 0;
    int nd = 0, group = 0;
    bool commas = false, bad = false;
    for (;;) {
        if (S_digit(s[i])) {
            if (nd < S_MAX_DIGITS + 1)
                v = v * 10 + (uint64_t)(s[i] - '0');
            nd++;
            group++;
            i++;
        } else if (s[i] == ',' && S_digit(s[i + 1]) && nd > 0) {
            /* first group 1-3 digits, later groups exactly 3 */
            if ((!commas && group > 3) || (commas && group != 3))
                bad = true;
            commas = true;
            group = 0;
            i++;
        } else {
            break;
        }
    }
    if (commas && group != 3)
        bad = true;
    *used = i;
    *val = v;
    *ndigits = nd;
    if (nd == 0)
        return S_INT_NONE;
    if (bad)
        return S_INT_GROUPS;
    if (nd > S_MAX_DIGITS)
        return S_INT_BIG;
    return S_INT_OK;
}

static const char S_count_expected[] =
    "expected a count: a whole number of 0 or more, digits with optional thousands "
    "separators in groups of three (e.g. 24,635)";

bool parse_count(const char *s, int64_t *out, strbuf *why)
{
    if (s[0] == '-' && S_digit(s[1])) {
        sb_append(why, "expected a count of 0 or more, not a negative number");
        return false;
    }
    size_t used;
    uint64_t v;
    int nd;
    S_int_status st = S_int_part(s, &used, &v, &nd);
    if (st == S_INT_OK && s[used] == '\0') {
        *out = (int64_t)v;
        return true;
    }
    if (st == S_INT_GROUPS)
        sb_append(why, "expected a count with thousands separators in groups of three "
                       "(e.g. 24,635)");
    else if (st == S_INT_BIG)
        sb_append(why, "expected a count of at most 15 digits");
    else if (st == S_INT_OK && s[used] == '.')
        sb_append(why, "expected a count: a whole number, not a decimal");
    else if (!(st == S_INT_OK && S_percent_hint(s, used, "a count", why)))
        sb_append(why, S_count_expected);
    return false;
}

static const char S_number_expected[] =
    "expected a number: digits with an optional leading minus and decimal point "
    "(e.g. 67600, -3.25 or 1,234.5), no % sign, no exponent";

bool parse_number(const char *s, double *out, int *decimals, strbuf *why)
{
    const char *p = s;
    bool neg = false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    size_t used;
    uint64_t ip;
    int nd;
    S_int_status st = S_int_part(p, &used, &ip, &nd);
    if (st == S_INT_GROUPS) {
        sb_append(why, "expected a number with thousands separators in groups of three "
                       "(e.g. 1,234.5)");
        return false;
    }
    if (st == S_INT_NONE) {
        sb_append(why, S_number_expected);
        return false;
    }
    p += used;
    uint64_t mant = ip;
    int dec = 0, sig = nd;
    if (*p == '.') {
        p++;
        if (!S_digit(*p)) {
            sb_append(why, S_number_expected);
            return false;
        }
        while (S_digit(*p)) {
            if (sig < S_MAX_DIGITS + 1)
                mant = mant * 10 + (uint64_t)(*p - '0');
            sig++;
            dec++;
            p++;
        }
    }
    if (S_percent_hint(s, (size_t)(p - s), "a number", why))
        return false;
    if (*p != '\0') {
        sb_append(why, S_number_expected);
        return false;
    }
    if (sig > S_MAX_DIGITS) {
        sb_append(why, "expected a number of at most 15 significant digits");
        return false;
    }
    /* Numbers are shown as written, to at most 6 places (fmt_number); more
     * would print 0.0000001 as 0.000000, losing its value and its sign. */
    if (dec > S_MAX_DECIMALS) {
        sb_appendf(why, "expected a number of at most %d decimal places (the report shows "
                        "numbers as written)", S_MAX_DECIMALS);
        return false;
    }
    /* Exact integer divided by an exact power of ten: the correctly rounded
     * double nearest the decimal as written. */
    double div = 1;
    for (int k = 0; k < dec; k++)
        div *= 10;
    double v = (double)mant / div;
    *out = neg ? -v : v;
    *decimals = dec;
    return true;
}

static const char S_money_expected[] =
    "expected an amount of money: an optional £, whole pounds or exactly two decimals "
    "(e.g. £130,021.50 or 181050)";

bool parse_money(const char *s, int64_t *pence, strbuf *why)
{
    const char *p = s;
    bool neg = false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    if (strncmp(p, "\xC2\xA3", 2) == 0) {
        p += 2;
        while (*p == ' ')
            p++;
    }
    if (!neg && *p == '-') {
        neg = true;
        p++;
    }
    size_t used;
    uint64_t pounds;
    int nd;
    S_int_status st = S_int_part(p, &used, &pounds, &nd);
    if (neg && st != S_INT_NONE) {
        sb_append(why, "expected an amount of money of £0 or more, never negative");
        return false;
    }
    if (st == S_INT_GROUPS) {
        sb_append(why, "expected money with thousands separators in groups of three "
                       "(e.g. £130,021.50)");
        return false;
    }
    if (st == S_INT_BIG || (st == S_INT_OK && nd > 13)) {
        sb_append(why, "expected an amount of money below £10,000,000,000,000");
        return false;
    }
    if (st != S_INT_OK) {
        sb_append(why, S_money_expected);
        return false;
    }
    p += used;
    int64_t pn = 0;
    if (*p == '.') {
        int k = 0;
        while (S_digit(p[1 + k]))
            k++;
        if (k != 2 || p[1 + k] != '\0') {
            sb_append(why, "expected money as whole pounds or with exactly two decimals "
                           "for the pence (e.g. £12.50)");
            return false;
        }
        pn = (p[1] - '0') * 10 + (p[2] - '0');
        p += 3;
    }
    if (*p != '\0') {
        sb_append(why, S_money_expected);
        return false;
    }
    *pence = (int64_t)pounds * 100 + pn;
    return true;
}

bool parse_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int parse_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && parse_is_leap(y) ? 29 : days[m - 1];
}

static const char *const S_month_names[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"};

const char *parse_month_name(int m)
{
    return m >= 1 && m <= 12 ? S_month_names[m - 1] : "?";
}

const char *parse_ordinal(int n, char *buf)
{
    const char *suf = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1)
            suf = "st";
        else if (n % 10 == 2)
            suf = "nd";
        else if (n % 10 == 3)
            suf = "rd";
    }
    snprintf(buf, 8, "%d%s", n % 1000, suf);
    return buf;
}

/* Exactly n digits at s as a number, or -1. */
static int S_fixed_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!S_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* One or two digits at *p (advanced), or -1. */
static int S_one_or_two(const char **p)
{
    const char *s = *p;
    if (!S_digit(s[0]))
        return -1;
    int v = s[0] - '0';
    int n = 1;
    if (S_digit(s[1])) {
        v = v * 10 + (s[1] - '0');
        n = 2;
    }
    *p = s + n;
    return v;
}

static const char S_date_expected[] = "expected a real date as YYYY-MM-DD or DD/MM/YYYY";

bool parse_date(const char *s, int32_t *ymd, strbuf *why)
{
    int y = -1, m = -1, d = -1;
    size_t n = strlen(s);
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        y = S_fixed_digits(s, 4);
        m = S_fixed_digits(s + 5, 2);
        d = S_fixed_digits(s + 8, 2);
    } else {
        const char *p = s;
        d = S_one_or_two(&p);
        if (d >= 0 && *p == '/') {
            p++;
            m = S_one_or_two(&p);
            if (m >= 0 && *p == '/' && strlen(p + 1) == 4)
                y = S_fixed_digits(p + 1, 4);
        }
    }
    if (y < 0 || m < 0 || d < 0) {
        sb_append(why, S_date_expected);
        return false;
    }
    if (y < 1900 || y > 2199) {
        sb_appendf(why, "%s (year %d is out of range)", S_date_expected, y);
        return false;
    }
    int dim = parse_days_in_month(y, m);
    if (dim == 0) {
        sb_appendf(why, "%s (there is no month %d)", S_date_expected, m);
        return false;
    }
    if (d < 1 || d > dim) {
        char ord[8];
        if (d == 0)
            sb_appendf(why, "%s (there is no day 0)", S_date_expected);
        else
            sb_appendf(why, "%s (no %s of %s %d)", S_date_expected, parse_ordinal(d, ord),
                       parse_month_name(m), y);
        return false;
    }
    *ymd = (int32_t)(y * 10000 + m * 100 + d);
    return true;
}

static const char *const S_mon3[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};

static const char S_month_expected[] =
    "expected a month as YYYY-MM, Mon-YY or Month YYYY (e.g. 2017-03, Mar-17, Mar 2017 or "
    "March 2017)";

/* The month named by the n letters at s, in any case: its first three
 * letters, "Sept", or its full name.  0 when none. */
static int S_month_named(const char *s, size_t n)
{
    char low[10];
    if (n < 3 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    low[n] = '\0';
    for (int k = 0; k < 12; k++) {
        char full[10];
        const char *name = S_month_names[k];
        size_t len = strlen(name);
        for (size_t i = 0; i <= len; i++)
            full[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] - 'A' + 'a')
                                                         : name[i];
        if ((n == 3 && memcmp(low, S_mon3[k], 3) == 0) || strcmp(low, full) == 0 ||
            (k == 8 && strcmp(low, "sept") == 0))
            return k + 1;
    }
    return 0;
}

/* "Mar-16", "March-16", "Mar 2016", "March 2016", "Mar-2016": a month name,
 * then '-' and two or four digits, or a space and four digits.  Sets *y
 * and *m; false when s is not of that shape.  A space and two digits
 * ("Mar 16") is refused: it reads as well as the 16th of March. */
static bool S_named_month(const char *s, int *y, int *m)
{
    size_t n = 0;
    while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
        n++;
    int mon = S_month_named(s, n);
    if (!mon || (s[n] != '-' && s[n] != ' '))
        return false;
    const char *d = s + n + 1;
    size_t nd = strlen(d);
    if (nd == 4 && S_fixed_digits(d, 4) >= 0)
        *y = S_fixed_digits(d, 4);
    else if (nd == 2 && s[n] == '-' && S_fixed_digits(d, 2) >= 0)
        *y = 2000 + S_fixed_digits(d, 2);
    else
        return false;
    *m = mon;
    return true;
}

bool parse_month(const char *s, int32_t *ym, strbuf *why)
{
    size_t n = strlen(s);
    int y = -1, m = -1;
    if (n == 7 && s[4] == '-') {
        y = S_fixed_digits(s, 4);
        m = S_fixed_digits(s + 5, 2);
        if (y >= 0 && (y < 1900 || y > 2199)) {
            sb_appendf(why, "%s (year %d is out of range)", S_month_expected, y);
            return false;
        }
        if (y >= 0 && m >= 0 && (m < 1 || m > 12)) {
            sb_appendf(why, "%s (there is no month %d)", S_month_expected, m);
            return false;
        }
    } else if (!S_named_month(s, &y, &m)) {
        y = m = -1;
    }
    if (y >= 0 && (y < 1900 || y > 2199)) {
        sb_appendf(why, "%s (year %d is out of range)", S_month_expected, y);
        return false;
    }
    if (y < 0 || m < 1 || m > 12) {
        sb_append(why, S_month_expected);
        return false;
    }
    *ym = (int32_t)(y * 100 + m);
    return true;
}

bool parse_financial_year(const char *s, int *start, strbuf *why)
{
    int y = strlen(s) == 7 && s[4] == '-' ? S_fixed_digits(s, 4) : -1;
    int yy = y >= 0 ? S_fixed_digits(s + 5, 2) : -1;
    if (y < 1900 || y > 2198 || yy != (y + 1) % 100) {
        sb_append(why, "expected a financial year as YYYY-YY where YY is the year after YYYY, "
                       "e.g. 2024-25");
        return false;
    }
    *start = y;
    return true;
}

bool parse_yesno(const char *s, bool *yes, strbuf *why)
{
    if (text_loose_eq(s, "y") || text_loose_eq(s, "yes")) {
        *yes = true;
        return true;
    }
    if (text_loose_eq(s, "n") || text_loose_eq(s, "no")) {
        *yes = false;
        return true;
    }
    sb_append(why, "expected Y, N, Yes or No");
    return false;
}

/* Same slug, and the slug is not empty ("-" must not match "?"). */
static bool S_slug_eq(const char *a, const char *b)
{
    char *x = text_slug(a), *y = text_slug(b);
    bool eq = *x && strcmp(x, y) == 0;
    free(x);
    free(y);
    return eq;
}

bool parse_enum(const char *s, const char *const *values, const enum_alias *aliases,
                int *out, strbuf *why)
{
    /* Exact (loose) matches first, so that a slug match can never shadow one. */
    for (int pass = 0; pass < 2; pass++) {
        bool (*eq)(const char *, const char *) = pass == 0 ? text_loose_eq : S_slug_eq;
        for (int i = 0; values[i]; i++)
            if (eq(s, values[i])) {
                *out = i;
                return true;
            }
        for (int i = 0; aliases && aliases[i].alias; i++)
            if (eq(s, aliases[i].alias)) {
                *out = aliases[i].value;
                return true;
            }
    }
    sb_append(why, "expected one of ");
    for (int i = 0; values[i]; i++)
        sb_appendf(why, "%s\"%s\"", i ? ", " : "", values[i]);
    if (aliases && aliases[0].alias) {
        sb_append(why, " (also accepted: ");
        for (int i = 0; aliases[i].alias; i++)
            sb_appendf(why, "%s\"%s\"", i ? ", " : "", aliases[i].alias);
        sb_append(why, ")");
    }
    return false;
}
