/* ticks.c - nice axis ticks and the number text of charts.
 * Knows numbers only: no fonts, no positions, no painters. */
#include "layout.h"

#include "../compute/fmt.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Intervals between first and last tick for step s. */
static int S_intervals(double lo, double hi, double s)
{
    /* The tolerance keeps 47.000000001 from asking for another tick. */
    double a = floor(lo / s + 1e-9), b = ceil(hi / s - 1e-9);
    return (int)(b - a);
}

void chart_nice_ticks(double dmin, double dmax, bool integer, chart_ticks *t)
{
    double lo = dmin < 0 ? dmin : 0, hi = dmax > 0 ? dmax : 0;
    if (!isfinite(lo) || !isfinite(hi))
        lo = hi = 0;
    if (hi - lo <= 0) {
        /* Nothing but zeros: an empty 0..5 axis reads as "none", where 0..1
         * with one step would look like a broken chart. */
        hi = 5;
        integer = true;
    }
    double span = hi - lo;
    double mag = pow(10, floor(log10(span / 5)));
    static const double mult[] = {1, 2, 5, 10, 20, 50};
    double step = mag * 10;
    for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++) {
        double s = mag * mult[i];
        if (integer && s < 1)
            continue;
        if (S_intervals(lo, hi, s) <= 5) {
            step = s;
            break;
        }
    }
    int a = (int)floor(lo / step + 1e-9), b = (int)ceil(hi / step - 1e-9);
    t->step = step;
    t->lo = a * step;
    t->hi = b * step;
    t->n = b - a + 1;
    int d = 0;
    if (step < 1)
        d = (int)ceil(-log10(step) - 1e-9);
    t->decimals = d;
}

static int S_default_decimals(chart_unit u)
{
    switch (u) {
    case CHART_UNIT_PCT:
    case CHART_UNIT_CHANGE_PCT:
    case CHART_UNIT_RATE:
        return 1;
    case CHART_UNIT_COUNT:
    case CHART_UNIT_MONEY:
        break;
    }
    return 0;
}

/* Chart number text: the digits come from fmt_number() (src/compute/fmt.h,
 * the contract's one rounding and separator rule); the chart adds the sign
 * and the unit itself, so ticks like "£20,000", "−10%" and "+12.3%" and
 * values like "41.5%" read as the report's tables do. */
char *chart_fmt_value(double v, chart_unit unit, int decimals)
{
    if (decimals < 0)
        decimals = S_default_decimals(unit);
    if (decimals > 6)
        decimals = 6;
    double r = fmt_round(v, decimals);
    char *digits = fmt_number(fabs(r), decimals);
    strbuf b = STRBUF_INIT;
    if (r < 0)
        sb_append(&b, "\xE2\x88\x92");
    else if (unit == CHART_UNIT_CHANGE_PCT && r > 0)
        sb_putc(&b, '+');
    if (unit == CHART_UNIT_MONEY)
        sb_append(&b, "\xC2\xA3");
    sb_append(&b, digits);
    free(digits);
    if (unit == CHART_UNIT_PCT || unit == CHART_UNIT_CHANGE_PCT)
        sb_putc(&b, '%');
    return sb_take(&b);
}
