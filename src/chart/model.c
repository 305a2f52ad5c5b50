/* model.c - building and reading a chart model; see chart_model.h.
 * Calls no other file of src/chart (the alt text, chart_finish(), is
 * alttext.c's); knows nothing of layout or painters. */
#include "chart_model.h"

#include "../util/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

chart *chart_new(const char *id, chart_kind kind, chart_unit unit, const char *title)
{
    chart *c = xcalloc(1, sizeof *c);
    c->id = xstrdup(id);
    c->kind = kind;
    c->unit = unit;
    c->title = xstrdup(title ? title : "");
    c->others = SIZE_MAX;
    memcpy(c->palette, colour_palette, sizeof colour_palette);
    return c;
}

static void S_replace(char **slot, const char *s)
{
    free(*slot);
    *slot = xstrdup(s);
}

void chart_set_subtitle(chart *c, const char *s) { S_replace(&c->subtitle, s); }
void chart_set_source(chart *c, const char *s) { S_replace(&c->source, s); }
void chart_set_note(chart *c, const char *s) { S_replace(&c->note, s); }
void chart_set_noun(chart *c, const char *s) { S_replace(&c->noun, s); }
void chart_set_catword(chart *c, const char *s) { S_replace(&c->catword, s); }
void chart_set_category_heading(chart *c, const char *s) { S_replace(&c->cathead, s); }

bool chart_set_accent(chart *c, const char *hex)
{
    uint32_t v;
    if (!colour_parse(hex, &v))
        return false;
    c->palette[0] = v;
    return true;
}

size_t chart_add_category(chart *c, const char *label)
{
    XGROW(c->cats, c->catcap, c->ncats + 1);
    c->cats[c->ncats] = xstrdup(label ? label : "");
    /* Series added earlier get a missing value for the new category. */
    for (size_t k = 0; k < c->nseries; k++) {
        chart_series *s = &c->series[k];
        s->v = xrealloc(s->v, (c->ncats + 1) * sizeof *s->v);
        s->state = xrealloc(s->state, c->ncats + 1);
        s->v[c->ncats] = 0;
        s->state[c->ncats] = CHART_V_MISSING;
    }
    return c->ncats++;
}

size_t chart_add_series(chart *c, const char *name)
{
    XGROW(c->series, c->sercap, c->nseries + 1);
    chart_series *s = &c->series[c->nseries];
    s->name = xstrdup(name ? name : "");
    s->v = xcalloc(c->ncats ? c->ncats : 1, sizeof *s->v);
    s->state = xmalloc(c->ncats ? c->ncats : 1);
    memset(s->state, CHART_V_MISSING, c->ncats ? c->ncats : 1);
    return c->nseries++;
}

void chart_set_value(chart *c, size_t series, size_t cat, double v)
{
    if (series >= c->nseries || cat >= c->ncats)
        return;
    c->series[series].v[cat] = v;
    c->series[series].state[cat] = CHART_V_OK;
}

void chart_set_state(chart *c, size_t series, size_t cat, chart_vstate st)
{
    if (series >= c->nseries || cat >= c->ncats)
        return;
    c->series[series].state[cat] = (unsigned char)st;
}

void chart_sort_desc(chart *c)
{
    /* "All others" (chart_limit_categories, which runs first and leaves at
     * most 30 to sort) stays last. */
    size_t n = c->ncats - (c->others != SIZE_MAX ? 1 : 0);
    if (c->nseries == 0 || n < 2)
        return;
    size_t *perm = xmalloc(n * sizeof *perm);
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    const chart_series *s0 = &c->series[0];
    /* Insertion sort: stable and n is a handful. */
    for (size_t i = 1; i < n; i++) {
        size_t p = perm[i];
        size_t j = i;
        while (j > 0) {
            size_t q = perm[j - 1];
            bool p_ok = s0->state[p] == CHART_V_OK, q_ok = s0->state[q] == CHART_V_OK;
            bool before = (p_ok && !q_ok) || (p_ok && q_ok && s0->v[p] > s0->v[q]);
            if (!before)
                break;
            perm[j] = q;
            j--;
        }
        perm[j] = p;
    }
    char **cats = xmalloc(n * sizeof *cats);
    for (size_t i = 0; i < n; i++)
        cats[i] = c->cats[perm[i]];
    memcpy(c->cats, cats, n * sizeof *cats);
    free(cats);
    double *v = xmalloc(n * sizeof *v);
    unsigned char *st = xmalloc(n);
    for (size_t k = 0; k < c->nseries; k++) {
        chart_series *s = &c->series[k];
        for (size_t i = 0; i < n; i++) {
            v[i] = s->v[perm[i]];
            st[i] = s->state[perm[i]];
        }
        memcpy(s->v, v, n * sizeof *v);
        memcpy(s->state, st, n);
    }
    free(v);
    free(st);
    free(perm);
}

uint32_t chart_series_colour(const chart *c, size_t k)
{
    if (c->overlay && k == 1)
        return CHART_COL_CONTEXT;
    return c->palette[k % CHART_PALETTE_N];
}

bool chart_all_nonnegative(const chart *c)
{
    for (size_t k = 0; k < c->nseries; k++)
        for (size_t i = 0; i < c->ncats; i++)
            if (c->series[k].state[i] == CHART_V_OK && c->series[k].v[i] < 0)
                return false;
    return true;
}

const char *chart_title(const chart *c) { return c->title; }
const char *chart_source(const chart *c) { return c->source ? c->source : ""; }
const char *chart_alt_text(const chart *c) { return c->alt ? c->alt : ""; }

void chart_free(chart *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ncats; i++)
        free(c->cats[i]);
    free(c->cats);
    for (size_t k = 0; k < c->nseries; k++) {
        free(c->series[k].name);
        free(c->series[k].v);
        free(c->series[k].state);
    }
    free(c->series);
    free(c->id);
    free(c->title);
    free(c->subtitle);
    free(c->source);
    free(c->note);
    free(c->noun);
    free(c->catword);
    free(c->cathead);
    free(c->alt);
    free(c->suppressed_text);
    free(c->grouping);
    free(c);
}

/* ---- many categories (chart.h) ---------------------------------------- */

size_t chart_max_categories(const chart *c)
{
    return c->nseries > 1 && !c->overlay ? 20 : 30;
}

/* Whether category p ranks before q: drawn values first, larger first
 * (by size for changes), ties in their order. */
static bool S_ranks_before(const chart *c, size_t p, size_t q)
{
    const chart_series *s0 = &c->series[0];
    bool p_ok = s0->state[p] == CHART_V_OK, q_ok = s0->state[q] == CHART_V_OK;
    if (p_ok != q_ok)
        return p_ok;
    if (!p_ok)
        return p < q;
    double a = s0->v[p], b = s0->v[q];
    if (c->unit == CHART_UNIT_CHANGE_PCT) {
        a = a < 0 ? -a : a;
        b = b < 0 ? -b : b;
    }
    return a > b || (a == b && p < q);
}

/* keep[i] for the categories drawn: the latest of a time series, else
 * the nkeep largest (a merge sort of indices: linear-logarithmic, for any
 * number of categories). */
static void S_choose(const chart *c, size_t nkeep, bool *keep)
{
    size_t n = c->ncats;
    if (c->ordered) {
        for (size_t i = n - nkeep; i < n; i++)
            keep[i] = true;
        return;
    }
    size_t *a = xmalloc(n * sizeof *a), *t = xmalloc(n * sizeof *t);
    for (size_t i = 0; i < n; i++)
        a[i] = i;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                t[k++] = S_ranks_before(c, a[j], a[i]) ? a[j++] : a[i++];
            while (i < mid)
                t[k++] = a[i++];
            while (j < hi)
                t[k++] = a[j++];
        }
        memcpy(a, t, n * sizeof *a);
    }
    for (size_t i = 0; i < nkeep; i++)
        keep[a[i]] = true;
    free(a);
    free(t);
}

void chart_limit_categories(chart *c)
{
    size_t max = chart_max_categories(c), n = c->ncats;
    if (n <= max || c->nseries == 0)
        return;
    bool add = !c->ordered && (c->unit == CHART_UNIT_COUNT || c->unit == CHART_UNIT_MONEY);
    size_t nkeep = add ? max - 1 : max;
    bool *keep = xcalloc(n, sizeof *keep);
    S_choose(c, nkeep, keep);
    /* The grouped categories' sums, per series, and how many were [c]. */
    size_t nsup = 0;
    double *sum = xcalloc(c->nseries, sizeof *sum);
    unsigned char *st = xmalloc(c->nseries);
    memset(st, CHART_V_MISSING, c->nseries);
    for (size_t i = 0; i < n; i++) {
        if (keep[i])
            continue;
        bool sup = false;
        for (size_t k = 0; k < c->nseries; k++) {
            const chart_series *s = &c->series[k];
            if (s->state[i] == CHART_V_OK) {
                sum[k] += s->v[i];
                st[k] = CHART_V_OK;
            } else if (s->state[i] == CHART_V_SUPPRESSED) {
                sup = true;
                if (st[k] != CHART_V_OK)
                    st[k] = CHART_V_SUPPRESSED;
            }
        }
        nsup += sup;
    }
    /* The kept ones, in their order. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!keep[i]) {
            free(c->cats[i]);
            continue;
        }
        c->cats[m] = c->cats[i];
        for (size_t k = 0; k < c->nseries; k++) {
            c->series[k].v[m] = c->series[k].v[i];
            c->series[k].state[m] = c->series[k].state[i];
        }
        m++;
    }
    c->ncats = m;
    if (add) {
        size_t o = chart_add_category(c, "All others");
        for (size_t k = 0; k < c->nseries; k++) {
            c->series[k].v[o] = sum[k];
            c->series[k].state[o] = st[k];
        }
        c->others = o;
    }
    c->nall = n;
    /* The sentence: note, text alternative, the chart's table. */
    char buf[512];
    const char *word = c->catword ? c->catword : "period";
    if (c->ordered)
        snprintf(buf, sizeof buf, "The chart draws the latest %zu of %zu %ss; the data pack has "
                 "all %zu.", nkeep, n, word, n);
    else if (!add)
        snprintf(buf, sizeof buf, "The chart draws the %zu largest of %zu categories; the data "
                 "pack has all %zu.", nkeep, n, n);
    else if (nsup)
        snprintf(buf, sizeof buf, "The chart draws the %zu largest of %zu categories and adds "
                 "the other %zu together as All others, leaving out %zu not shown to protect "
                 "the people counted ([c]); the data pack has all %zu.", nkeep, n, n - nkeep,
                 nsup, n);
    else
        snprintf(buf, sizeof buf, "The chart draws the %zu largest of %zu categories and adds "
                 "the other %zu together as All others; the data pack has all %zu.", nkeep, n,
                 n - nkeep, n);
    free(c->grouping);
    c->grouping = xstrdup(buf);
    free(keep);
    free(sum);
    free(st);
}
