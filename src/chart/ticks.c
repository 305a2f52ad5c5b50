/* ticks.c - nice axis ticks (the number text of ticks is chart_fmt.c's).
 * Knows numbers only: no fonts, no positions, no painters. */
#include "layout.h"

#include <math.h>

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
