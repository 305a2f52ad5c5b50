/* alttext.c - the text alternative of a chart, generated from its data:
 * what kind of chart, what it shows, and the message a sighted reader takes
 * from it (rises and falls, largest and smallest).  Knows the chart model
 * only; no layout, no painter. */
#include "chart_model.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_value(strbuf *b, const chart *c, double v)
{
    char *s = chart_fmt_value(v, c->unit, -1);
    sb_append(b, s);
    free(s);
}

/* "A", "A and B", "A, B and C"; more than four: "A, B, C and 2 others". */
static void S_join(strbuf *b, const chart *c, const size_t *idx, size_t n)
{
    size_t shown = n > 4 ? 3 : n;
    for (size_t i = 0; i < shown; i++) {
        if (i > 0)
            sb_append(b, (i == shown - 1 && shown == n) ? " and " : ", ");
        sb_append(b, c->cats[idx[i]]);
    }
    if (shown < n)
        sb_appendf(b, " and %zu others", n - shown);
}

/* First letter upper case (ASCII), for a sentence that starts with a name. */
static void S_cap(strbuf *b, const char *s)
{
    if (!s || !*s)
        return;
    sb_putc(b, (char)toupper((unsigned char)s[0]));
    sb_append(b, s + 1);
}

static const char *S_series_name(const chart *c, size_t k)
{
    if (c->nseries > 1 || !c->noun)
        return c->series[k].name;
    return c->noun;
}

/* Indices of the OK values of series k, in category order ("All others",
 * a sum of many, is never named largest or smallest: it is left out). */
static size_t S_ok(const chart *c, size_t k, size_t *idx)
{
    size_t n = 0;
    for (size_t i = 0; i < c->ncats; i++)
        if (c->series[k].state[i] == CHART_V_OK && i != c->others)
            idx[n++] = i;
    return n;
}

/* Categories of series k in state st, into idx; how many. */
static size_t S_in_state(const chart *c, size_t k, chart_vstate st, size_t *idx)
{
    size_t n = 0;
    for (size_t i = 0; i < c->ncats; i++)
        if (c->series[k].state[i] == st && i != c->others)
            idx[n++] = i;
    return n;
}

/* " Not shown, to protect the people counted ([c]): Q2 and Q4." when
 * disclosure control took some values of series k away. */
static void S_suppressed(strbuf *b, const chart *c, size_t k)
{
    size_t *idx = xmalloc((c->ncats + 1) * sizeof *idx);
    size_t n = S_in_state(c, k, CHART_V_SUPPRESSED, idx);
    if (n && n < c->ncats) {
        sb_append(b, " Not shown, to protect the people counted ([c]): ");
        S_join(b, c, idx, n);
        sb_append(b, ".");
    }
    free(idx);
}

/* Time series: "Referrals rose in every quarter, from 23 in Q1 to 47 in Q4." */
static void S_trend(strbuf *b, const chart *c, size_t k)
{
    const double *v = c->series[k].v;
    size_t *idx = xmalloc((c->ncats + 1) * sizeof *idx);
    size_t n = S_ok(c, k, idx);
    const char *word = c->catword ? c->catword : "period";
    S_cap(b, S_series_name(c, k));
    if (n == 0) {
        sb_append(b, S_in_state(c, k, CHART_V_SUPPRESSED, idx)
                         ? ": every value is [c], not shown to protect the people counted."
                         : ": no data.");
        free(idx);
        return;
    }
    if (n == 1) {
        sb_append(b, " were ");
        S_value(b, c, v[idx[0]]);
        sb_appendf(b, " in %s.", c->cats[idx[0]]);
        free(idx);
        return;
    }
    bool up = true, down = true, same = true;
    size_t lo = idx[0], hi = idx[0];
    for (size_t j = 1; j < n; j++) {
        double a = v[idx[j - 1]], x = v[idx[j]];
        up = up && x > a;
        down = down && x < a;
        same = same && x == a;
        if (x < v[lo])
            lo = idx[j];
        if (x > v[hi])
            hi = idx[j];
    }
    size_t f = idx[0], l = idx[n - 1];
    if (same) {
        sb_append(b, " stayed at ");
        S_value(b, c, v[f]);
        sb_appendf(b, " in every %s from %s to %s.", word, c->cats[f], c->cats[l]);
        free(idx);
        return;
    }
    if (up || down) {
        sb_appendf(b, " %s in every %s, from ", up ? "rose" : "fell", word);
    } else if (v[l] > v[f]) {
        sb_append(b, " rose from ");
    } else if (v[l] < v[f]) {
        sb_append(b, " fell from ");
    } else {
        sb_append(b, " were ");
        S_value(b, c, v[f]);
        sb_appendf(b, " in both %s and %s, ranging from ", c->cats[f], c->cats[l]);
        S_value(b, c, v[lo]);
        sb_appendf(b, " in %s to ", c->cats[lo]);
        S_value(b, c, v[hi]);
        sb_appendf(b, " in %s.", c->cats[hi]);
        free(idx);
        return;
    }
    S_value(b, c, v[f]);
    sb_appendf(b, " in %s to ", c->cats[f]);
    S_value(b, c, v[l]);
    sb_appendf(b, " in %s", c->cats[l]);
    bool say_hi = hi != f && hi != l, say_lo = lo != f && lo != l;
    if (say_hi || say_lo) {
        sb_append(b, ", with ");
        if (say_hi) {
            sb_append(b, "a high of ");
            S_value(b, c, v[hi]);
            sb_appendf(b, " in %s", c->cats[hi]);
        }
        if (say_hi && say_lo)
            sb_append(b, " and ");
        if (say_lo) {
            sb_append(b, "a low of ");
            S_value(b, c, v[lo]);
            sb_appendf(b, " in %s", c->cats[lo]);
        }
    }
    sb_append(b, ".");
    free(idx);
}

/* The categories of series k whose value equals v. */
static size_t S_equal(const chart *c, size_t k, double v, size_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < c->ncats; i++)
        if (c->series[k].state[i] == CHART_V_OK && c->series[k].v[i] == v && i != c->others)
            out[n++] = i;
    return n;
}

/* "(54 of 130 referrals, 41.5%)" or "(1 each)". */
static void S_share(strbuf *b, const chart *c, double v, double total, size_t nsame,
                    bool with_total)
{
    sb_append(b, " (");
    S_value(b, c, v);
    if (nsame > 1)
        sb_append(b, " each");
    bool shares = c->unit == CHART_UNIT_COUNT || c->unit == CHART_UNIT_MONEY;
    if (shares && total > 0) {
        if (with_total) {
            sb_append(b, " of ");
            S_value(b, c, total);
            if (c->noun && c->unit == CHART_UNIT_COUNT && c->nseries == 1)
                sb_appendf(b, " %s", c->noun);
        }
        sb_append(b, ", ");
        char *p = chart_fmt_value(v / total * 100, CHART_UNIT_PCT, 1);
        sb_append(b, p);
        free(p);
    }
    sb_append(b, ")");
}

/* One series over unordered categories: largest, next, smallest. */
static void S_ranking(strbuf *b, const chart *c, size_t k, bool named)
{
    const chart_series *s = &c->series[k];
    size_t *idx = xmalloc((c->ncats + 1) * sizeof *idx);
    size_t n = S_ok(c, k, idx);
    if (named) {
        S_cap(b, s->name);
        sb_append(b, ": ");
    }
    if (n == 0) {
        if (S_in_state(c, k, CHART_V_SUPPRESSED, idx))
            sb_append(b, named ? "every value is [c], not shown to protect the people counted."
                               : "Every value is [c], not shown to protect the people counted.");
        else
            sb_append(b, named ? "no data." : "No data.");
        free(idx);
        return;
    }
    /* With some values suppressed the shown ones do not add up to the
     * whole, so no shares of it. */
    bool whole = S_in_state(c, k, CHART_V_SUPPRESSED, idx) == 0;
    n = S_ok(c, k, idx);
    double total = 0, mx = s->v[idx[0]], mn = s->v[idx[0]];
    if (c->others != SIZE_MAX) {
        /* Shares are of the whole: the grouped categories count too, and
         * when some of them are [c] no share is given. */
        if (s->state[c->others] == CHART_V_OK)
            total += s->v[c->others];
        for (size_t i = 0; i < c->ncats && whole; i++)
            whole = s->state[i] != CHART_V_SUPPRESSED;
        if (c->grouping && strstr(c->grouping, "[c]"))
            whole = false;
    }
    if (!whole)
        total = 0;
    for (size_t j = 0; j < n; j++) {
        double x = s->v[idx[j]];
        total += whole ? x : 0;
        if (x > mx)
            mx = x;
        if (x < mn)
            mn = x;
    }
    size_t *grp = xmalloc((c->ncats + 1) * sizeof *grp);
    size_t ng = S_equal(c, k, mx, grp);
    sb_append(b, named ? "largest " : "Largest: ");
    if (mx == mn && n > 1) {
        sb_append(b, "equal for all");
        S_share(b, c, mx, total, 2, false);
        sb_append(b, ".");
        free(grp);
        free(idx);
        return;
    }
    S_join(b, c, grp, ng);
    S_share(b, c, mx, total, ng, true);
    /* Next largest value below the maximum. */
    bool have_next = false;
    double next = mn;
    for (size_t j = 0; j < n; j++) {
        double x = s->v[idx[j]];
        if (x < mx && x > mn && (!have_next || x > next)) {
            next = x;
            have_next = true;
        }
    }
    if (have_next) {
        sb_append(b, "; next ");
        ng = S_equal(c, k, next, grp);
        S_join(b, c, grp, ng);
        S_share(b, c, next, total, ng, false);
    }
    if (n > 1) {
        ng = S_equal(c, k, mn, grp);
        if (mn == 0 && c->unit != CHART_UNIT_CHANGE_PCT) {
            sb_append(b, "; none for ");
            S_join(b, c, grp, ng);
        } else {
            sb_append(b, "; smallest ");
            S_join(b, c, grp, ng);
            S_share(b, c, mn, total, ng, false);
        }
    }
    size_t nm = S_in_state(c, k, CHART_V_MISSING, grp);
    if (nm) {
        sb_append(b, "; not available for ");
        S_join(b, c, grp, nm);
    }
    sb_append(b, ".");
    free(grp);
    free(idx);
}

/* Changes: "Lewisham: 5 rose and 3 fell; largest rise Rape (+20.1%), ..." */
static void S_changes(strbuf *b, const chart *c, size_t k)
{
    const chart_series *s = &c->series[k];
    size_t rose = 0, fell = 0, flat = 0, small = 0, ri = 0, fi = 0;
    for (size_t i = 0; i < c->ncats; i++) {
        if (s->state[i] == CHART_V_LOW_BASE)
            small++;
        if (s->state[i] != CHART_V_OK)
            continue;
        double x = s->v[i];
        if (x > 0) {
            if (rose == 0 || x > s->v[ri])
                ri = i;
            rose++;
        } else if (x < 0) {
            if (fell == 0 || x < s->v[fi])
                fi = i;
            fell++;
        } else {
            flat++;
        }
    }
    S_cap(b, s->name);
    sb_appendf(b, ": %zu rose, %zu fell", rose, fell);
    if (flat)
        sb_appendf(b, ", %zu did not change", flat);
    if (rose) {
        sb_appendf(b, "; largest rise %s (", c->cats[ri]);
        S_value(b, c, s->v[ri]);
        sb_append(b, ")");
    }
    if (fell) {
        sb_appendf(b, "; largest fall %s (", c->cats[fi]);
        S_value(b, c, s->v[fi]);
        sb_append(b, ")");
    }
    if (small)
        sb_appendf(b, "; %zu with a small base, change not shown", small);
    sb_append(b, ".");
}

/* Use against capacity: "Attended as a share of places offered ranged from
 * 53.3% (Child Trafficking) to 95.0% (...); in all, 704 of 960 (73.3%)." */
static void S_overlay(strbuf *b, const chart *c)
{
    const chart_series *a = &c->series[0], *p = &c->series[1];
    double ta = 0, tp = 0, lo = 0, hi = 0;
    size_t ilo = 0, ihi = 0, n = 0;
    for (size_t i = 0; i < c->ncats; i++) {
        if (a->state[i] != CHART_V_OK || p->state[i] != CHART_V_OK || p->v[i] <= 0)
            continue;
        double r = a->v[i] / p->v[i] * 100;
        ta += a->v[i];
        tp += p->v[i];
        if (i == c->others)
            continue;  /* in the totals, never the lowest or highest rate */
        if (n == 0 || r < lo) {
            lo = r;
            ilo = i;
        }
        if (n == 0 || r > hi) {
            hi = r;
            ihi = i;
        }
        n++;
    }
    if (n == 0) {
        sb_append(b, "No data.");
        return;
    }
    char *slo = chart_fmt_value(lo, CHART_UNIT_PCT, 1), *shi = chart_fmt_value(hi, CHART_UNIT_PCT, 1);
    char *sall = chart_fmt_value(ta / tp * 100, CHART_UNIT_PCT, 1);
    S_cap(b, a->name);
    sb_appendf(b, " as a share of %s", p->name);
    for (char *q = b->s + b->len - strlen(p->name); *q; q++)
        *q = (char)tolower((unsigned char)*q);
    if (n == 1) {
        sb_appendf(b, ": %s (%s); ", slo, c->cats[ilo]);
    } else {
        sb_appendf(b, " ranged from %s (%s) to %s (%s); in all, ", slo, c->cats[ilo], shi,
                   c->cats[ihi]);
    }
    S_value(b, c, ta);
    sb_append(b, " of ");
    S_value(b, c, tp);
    sb_appendf(b, " (%s).", sall);
    free(slo);
    free(shi);
    free(sall);
}

/* The whole text alternative: kind and title, then one description per series. */
static char *S_make_alt(const chart *c)
{
    strbuf b = STRBUF_INIT;
    bool diverging = c->unit == CHART_UNIT_CHANGE_PCT || !chart_all_nonnegative(c);
    const char *kind = c->kind == CHART_LINE ? "Line chart"
                       : diverging          ? "Bar chart of changes"
                       : c->nseries > 1 && !c->overlay ? "Grouped bar chart"
                                            : "Bar chart";
    sb_appendf(&b, "%s: %s.", kind, c->title);
    if (c->grouping)
        sb_appendf(&b, " %s", c->grouping);
    if (c->nseries == 0 || c->ncats == 0) {
        sb_append(&b, " No data.");
        return sb_take(&b);
    }
    if (c->overlay && c->nseries == 2 && !diverging) {
        sb_putc(&b, ' ');
        S_overlay(&b, c);
        return sb_take(&b);
    }
    for (size_t k = 0; k < c->nseries; k++) {
        sb_putc(&b, ' ');
        if (diverging)
            S_changes(&b, c, k);
        else if (c->ordered)
            S_trend(&b, c, k);
        else
            S_ranking(&b, c, k, c->nseries > 1);
        S_suppressed(&b, c, k);
    }
    return sb_take(&b);
}

void chart_finish(chart *c)
{
    free(c->alt);
    c->alt = S_make_alt(c);
}

annrep_status chart_write_txt(const chart *c, const char *path)
{
    if (!c || !path)
        return ANNREP_ERR_INTERNAL;
    errno = 0;
    FILE *f = fopen(path, "wb");
    if (!f)
        return ANNREP_ERR_IO;
    const char *t = chart_alt_text(c);
    bool ok = fputs(t, f) >= 0 && fputc('\n', f) != EOF;
    ok = !ferror(f) && ok;
    int err = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        errno = err ? err : EIO;
        return ANNREP_ERR_IO;
    }
    return ANNREP_OK;
}
