/* chart_fmt.c - the number text of charts (ticks, value labels, alt text);
 * see chart_fmt_value() in chart_model.h.  Shared by layout and alttext.c, so
 * it knows numbers and units only: no fonts, no positions, no painters. */
#include "chart_model.h"

#include "../compute/fmt.h"
#include "../util/strbuf.h"

#include <math.h>
#include <stdlib.h>

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
