/* fmt.c - the display rules of the data contract (section 5); see fmt.h.
 *
 * Knows how numbers look in the report; knows nothing about returns, keys or
 * output formats.  Never reads the locale: digits are produced here or taken
 * from printf with any non-digit treated as the decimal point. */
#include "fmt.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MINUS "\xE2\x88\x92" /* U+2212 */

static const char *const S_months[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"};

/* x as 15 significant decimal digits d[0..14] and exponent e, so that
 * |x| = d0.d1d2... x 10^e.  x must be finite and non-zero. */
static void S_decimal15(double x, char d[15], int *e)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.14e", fabs(x));
    int nd = 0;
    const char *p = buf;
    for (; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9' && nd < 15)
            d[nd++] = *p;
    while (nd < 15)
        d[nd++] = '0';
    int exp = 0, sign = 1;
    if (*p)
        p++;
    if (*p == '-' || *p == '+')
        sign = (*p++ == '-') ? -1 : 1;
    for (; *p >= '0' && *p <= '9'; p++)
        exp = exp * 10 + (*p - '0');
    *e = sign * exp;
}

double fmt_round(double x, int decimals)
{
    if (!isfinite(x) || x == 0.0)
        return x == 0.0 ? 0.0 : x;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    char d[15];
    int e;
    S_decimal15(x, d, &e);
    int keep = e + decimals + 1; /* digits at or above 10^-decimals */
    if (keep >= 15)
        return x; /* already exact to that many places */
    double scale = 1.0;
    for (int i = 0; i < decimals; i++)
        scale *= 10.0;
    double m = 0.0;
    if (keep >= 0) {
        long long kept = 0;
        for (int i = 0; i < keep; i++)
            kept = kept * 10 + (d[i] - '0');
        if (d[keep] >= '5')
            kept++;
        m = (double)kept;
    }
    /* keep < 0: |x| is below half a unit of the last place. */
    /* m and scale are exact doubles, so one correctly rounded division gives
     * the double nearest the rounded decimal. */
    double r = m / scale;
    if (r == 0.0)
        return 0.0;
    return x < 0 ? -r : r;
}

/* Digits of the non-negative integer part with thousands separators. */
static void S_group(strbuf *b, const char *digits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            sb_putc(b, ',');
        sb_putc(b, digits[i]);
    }
}

/* Append |x| rounded to `decimals` places, with separators, no sign. */
static void S_append_abs(strbuf *b, double r, int decimals)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%.*f", decimals, fabs(r));
    size_t n = 0;
    while (buf[n] >= '0' && buf[n] <= '9')
        n++;
    S_group(b, buf, n);
    if (decimals > 0 && buf[n]) {
        sb_putc(b, '.');
        sb_append(b, buf + n + 1);
    }
}

char *fmt_count(int64_t n)
{
    strbuf b = STRBUF_INIT;
    uint64_t u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)u);
    if (n < 0)
        sb_append(&b, MINUS);
    S_group(&b, buf, strlen(buf));
    return sb_take(&b);
}

char *fmt_number(double x, int decimals)
{
    if (!isfinite(x))
        return xstrdup("n/a");
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    double r = fmt_round(x, decimals);
    strbuf b = STRBUF_INIT;
    if (r < 0)
        sb_append(&b, MINUS);
    S_append_abs(&b, r, decimals);
    return sb_take(&b);
}

char *fmt_pct(double num, double den)
{
    if (den == 0.0 || !isfinite(num) || !isfinite(den))
        return xstrdup("n/a");
    /* num * 100 is exact for counts, so the one division rounds once. */
    return fmt_pct_value(num * 100.0 / den);
}

char *fmt_pct_value(double pct)
{
    if (!isfinite(pct))
        return xstrdup("n/a");
    char *s = fmt_number(pct, 1);
    strbuf b = STRBUF_INIT;
    sb_append(&b, s);
    sb_putc(&b, '%');
    free(s);
    return sb_take(&b);
}

char *fmt_rate(double rate)
{
    return fmt_number(rate, 1);
}

char *fmt_money(int64_t pence, bool whole)
{
    strbuf b = STRBUF_INIT;
    uint64_t u = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
    if (pence < 0)
        sb_append(&b, MINUS);
    sb_append(&b, "\xC2\xA3"); /* £ */
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)(u / 100));
    S_group(&b, buf, strlen(buf));
    if (!whole || u % 100 != 0)
        sb_appendf(&b, ".%02u", (unsigned)(u % 100));
    return sb_take(&b);
}

char *fmt_money_change(int64_t pence, bool whole)
{
    char *m = fmt_money(pence, whole);
    if (pence <= 0)
        return m;
    strbuf b = STRBUF_INIT;
    sb_putc(&b, '+');
    sb_append(&b, m);
    free(m);
    return sb_take(&b);
}

char *fmt_number_change(double diff, int decimals)
{
    char *s = fmt_number(diff, decimals);
    if (!(fmt_round(diff, decimals) > 0))
        return s;
    strbuf b = STRBUF_INIT;
    sb_putc(&b, '+');
    sb_append(&b, s);
    free(s);
    return sb_take(&b);
}

char *fmt_change(int64_t diff)
{
    if (diff <= 0)
        return fmt_count(diff);
    char *s = fmt_count(diff);
    strbuf b = STRBUF_INIT;
    sb_putc(&b, '+');
    sb_append(&b, s);
    free(s);
    return sb_take(&b);
}

char *fmt_change_pct_value(double pct)
{
    if (!isfinite(pct))
        return xstrdup("n/a");
    double r = fmt_round(pct, 1);
    char *s = fmt_number(r, 1);
    strbuf b = STRBUF_INIT;
    if (r > 0)
        sb_putc(&b, '+');
    sb_append(&b, s); /* carries U+2212 when negative */
    sb_putc(&b, '%');
    free(s);
    return sb_take(&b);
}

char *fmt_change_pct(double cur, double prev)
{
    if (!(prev >= (double)FMT_SMALL_BASE))
        return NULL;
    return fmt_change_pct_value((cur - prev) * 100.0 / prev);
}

char *fmt_plain(double x)
{
    if (!isfinite(x))
        return xstrdup("");
    if (x == 0.0)
        return xstrdup("0");
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", x);
    /* A locale with a decimal comma would give "60,4"; normalise. */
    for (char *p = buf; *p; p++)
        if (!(*p >= '0' && *p <= '9') && *p != '-' && *p != '+' && *p != 'e')
            *p = '.';
    return xstrdup(buf);
}

char *fmt_date_long(int32_t ymd)
{
    int y = ymd / 10000, m = (ymd / 100) % 100, d = ymd % 100;
    strbuf b = STRBUF_INIT;
    if (m < 1 || m > 12) {
        sb_appendf(&b, "%d", (int)ymd);
        return sb_take(&b);
    }
    sb_appendf(&b, "%d %s %d", d, S_months[m - 1], y);
    return sb_take(&b);
}

char *fmt_month(int32_t ym, bool short_name)
{
    int y = ym / 100, m = ym % 100;
    strbuf b = STRBUF_INIT;
    if (m < 1 || m > 12) {
        sb_appendf(&b, "%d", (int)ym);
        return sb_take(&b);
    }
    if (short_name)
        sb_appendf(&b, "%.3s %d", S_months[m - 1], y);
    else
        sb_appendf(&b, "%s %d", S_months[m - 1], y);
    return sb_take(&b);
}
