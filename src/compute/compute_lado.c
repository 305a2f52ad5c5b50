/* compute_lado.c - figures and tables from lado_contacts.csv.
 *
 * Contacts, referrals (contacts that met the threshold), strategy meetings
 * and outcomes, by quarter of the financial year and by agency type, with
 * the change from the previous year's return when there is one.  Knows the
 * columns of the LADO return; knows nothing about files or output formats. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <stdlib.h>
#include <string.h>

/* Labels come from the schema (src/load/schema.c); the figure keys are the
 * contract's (section 6), fixed here whatever the labels' spelling. */
#define S_outcome_label(e) cx_enum_label(c, LADO_OUTCOME, (e))
static const char *const S_outcome_slugs[LADO_OUT_COUNT] = {
    [LADO_OUT_SUBSTANTIATED] = "substantiated", [LADO_OUT_UNSUBSTANTIATED] = "unsubstantiated",
    [LADO_OUT_UNFOUNDED] = "unfounded",         [LADO_OUT_FALSE] = "false",
    [LADO_OUT_MALICIOUS] = "malicious",         [LADO_OUT_NFA] = "no_further_action",
    [LADO_OUT_PENDING] = "pending"};
#define S_outcome_slug(e) S_outcome_slugs[(e)]

/* Counter slots of an agency group (cx_group.n). */
enum { AG_CONTACTS, AG_REFERRALS, AG_SUBST, AG_PREV_CONTACTS, AG_PREV_REFERRALS,
       AG_OUTCOME /* .. AG_OUTCOME + LADO_OUT_COUNT - 1 */ };

typedef struct {
    int64_t contacts, referrals, strategy, outcome[LADO_OUT_COUNT];
} lado_tally;

/* Quarter index 0..3 of the financial year: Q1 Apr-Jun ... Q4 Jan-Mar. */
static int S_quarter(int32_t ymd)
{
    int m = (ymd / 100) % 100;
    if (m >= 4 && m <= 6)
        return 0;
    if (m >= 7 && m <= 9)
        return 1;
    if (m >= 10 && m <= 12)
        return 2;
    return 3;
}

/* Count one year's table into the quarter tallies and the agency groups. */
static void S_tally(cctx *c, const table *t, bool prev, lado_tally q[4], cx_groups *ag)
{
    char *file = cx_diag_file(c, prev);
    for (size_t r = 0; r < t->nrows; r++) {
        if (cx_is_total(t, r))
            continue; /* a declared total: a contacts return has one row per contact */
        const cell *date = cx_cell(t, r, LADO_DATE_RECEIVED);
        const cell *agency = cx_cell(t, r, LADO_AGENCY_TYPE);
        const cell *met = cx_cell(t, r, LADO_MET_THRESHOLD);
        const cell *sm = cx_cell(t, r, LADO_STRATEGY_MEETING);
        const cell *out = cx_cell(t, r, LADO_OUTCOME);
        size_t gi = cx_group_get(ag, agency ? agency->text : "", t->rows[r].line);
        cx_group *g = &ag->items[gi];
        bool referral = met && met->v.yes;
        if (prev) {
            g->in_prev = true;
            g->n[AG_PREV_CONTACTS]++;
            if (referral)
                g->n[AG_PREV_REFERRALS]++;
            continue;
        }
        g->in_cur = true;
        lado_tally *qt = &q[date ? S_quarter(date->v.ymd) : 0];
        qt->contacts++;
        g->n[AG_CONTACTS]++;
        if (!referral)
            continue;
        qt->referrals++;
        g->n[AG_REFERRALS]++;
        if (sm && sm->v.yes)
            qt->strategy++;
        if (out && out->v.e >= 0 && out->v.e < LADO_OUT_COUNT) {
            qt->outcome[out->v.e]++;
            g->n[AG_OUTCOME + out->v.e]++;
            if (out->v.e == LADO_OUT_SUBSTANTIATED)
                g->n[AG_SUBST]++;
        }
    }
    free(file);
}

/* Agency order for the tables: most referrals first, ties in order of first
 * appearance (stable, never by pointer). */
static const cx_groups *S_sort_groups;
static int S_cmp_agency(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int64_t ri = S_sort_groups->items[i].n[AG_REFERRALS];
    int64_t rj = S_sort_groups->items[j].n[AG_REFERRALS];
    if (ri != rj)
        return ri > rj ? -1 : 1;
    return i < j ? -1 : (i > j);
}

/* The figure keys of one quarter (q 1..4) or of the year (q 0). */
typedef struct {
    char contacts[48], referrals[48], referrals_pct[48], strategy[48], strategy_pct[48];
    char substantiated[48], substantiated_pct[48];
} quarter_keys;

static void S_quarter_keys(int q, quarter_keys *k)
{
    if (q == 0) {
        snprintf(k->contacts, sizeof k->contacts, "lado.contacts.total");
        snprintf(k->referrals, sizeof k->referrals, "lado.referrals.total");
        snprintf(k->referrals_pct, sizeof k->referrals_pct, "lado.referrals.threshold_pct");
        snprintf(k->strategy, sizeof k->strategy, "lado.strategy_meetings.total");
        snprintf(k->strategy_pct, sizeof k->strategy_pct, "lado.strategy_meetings.pct");
        snprintf(k->substantiated, sizeof k->substantiated, "lado.outcome.substantiated.count");
        snprintf(k->substantiated_pct, sizeof k->substantiated_pct,
                 "lado.outcome.substantiated.pct");
        return;
    }
    snprintf(k->contacts, sizeof k->contacts, "lado.contacts.q%d", q);
    snprintf(k->referrals, sizeof k->referrals, "lado.referrals.q%d", q);
    snprintf(k->referrals_pct, sizeof k->referrals_pct, "lado.referrals.q%d.threshold_pct", q);
    snprintf(k->strategy, sizeof k->strategy, "lado.strategy_meetings.q%d", q);
    snprintf(k->strategy_pct, sizeof k->strategy_pct, "lado.strategy_meetings.q%d.pct", q);
    snprintf(k->substantiated, sizeof k->substantiated, "lado.substantiated.q%d", q);
    snprintf(k->substantiated_pct, sizeof k->substantiated_pct, "lado.substantiated.q%d.pct", q);
}

static void S_quarter_table(cctx *c, const char *src)
{
    char title[128];
    snprintf(title, sizeof title, "LADO contacts, referrals and outcomes by quarter, %s",
             c->year);
    dataset *ds = cx_dataset(c, "lado_quarter", "LADO_quarter", title,
                             "Contacts with the Local Authority Designated Officer (LADO) by "
                             "quarter of the financial year, the contacts that met the threshold "
                             "for a LADO referral, strategy meetings held and substantiated "
                             "allegations.",
                             src);
    ds_add_col(ds, "quarter", "Quarter", DFMT_TEXT);
    ds_add_col(ds, "contacts", "Contacts (number)", DFMT_COUNT);
    ds_add_col(ds, "referrals", "Referrals (number)", DFMT_COUNT);
    ds_add_col(ds, "referrals_pct", "Referrals as % of contacts", DFMT_PCT);
    ds_add_col(ds, "strategy", "Strategy meetings (number)", DFMT_COUNT);
    ds_add_col(ds, "strategy_pct", "Strategy meetings as % of referrals", DFMT_PCT);
    ds_add_col(ds, "substantiated", "Substantiated (number)", DFMT_COUNT);
    ds_add_col(ds, "substantiated_pct", "Substantiated as % of referrals", DFMT_PCT);
    static const char *const qn[4] = {"Q1", "Q2", "Q3", "Q4"};
    for (int i = 0; i < 5; i++) {
        quarter_keys k;
        S_quarter_keys(i < 4 ? i + 1 : 0, &k);
        size_t r = i < 4 ? ds_add_row(ds) : ds_add_total_row(ds);
        ds_set_text(ds, r, 0, i < 4 ? qn[i] : "Total");
        cx_cell_figure(c, ds, r, 1, k.contacts);
        cx_cell_figure(c, ds, r, 2, k.referrals);
        cx_cell_figure(c, ds, r, 3, k.referrals_pct);
        cx_cell_figure(c, ds, r, 4, k.strategy);
        cx_cell_figure(c, ds, r, 5, k.strategy_pct);
        cx_cell_figure(c, ds, r, 6, k.substantiated);
        cx_cell_figure(c, ds, r, 7, k.substantiated_pct);
    }
    ds_add_note(ds, "Q1 is April to June, Q2 July to September, Q3 October to December and "
                    "Q4 January to March. [z]: no referrals in the quarter, so no percentage.");

    snprintf(title, sizeof title, "LADO contacts and referrals by quarter, %s", c->year);
    ds_chart *ch = ds_add_chart(ds, "lado_quarterly", DS_CHART_BAR, DS_CHART_COUNT, title,
                                "Number of contacts and of contacts that became referrals");
    ds_chart_add_series(ch, "contacts", "Contacts");
    ds_chart_add_series(ch, "referrals", "Referrals");
    ch->ordered = true;
    ds_chart_set(&ch->catword, "quarter");
}

static void S_outcome_table(cctx *c, const lado_tally *tot, const char *src)
{
    char title[128];
    snprintf(title, sizeof title, "Outcomes of LADO referrals, %s", c->year);
    dataset *ds = cx_dataset(c, "lado_outcome", "LADO_outcome", title,
                             "Outcome of each contact that met the threshold for a LADO "
                             "referral, largest first.",
                             src);
    ds_add_col(ds, "outcome", "Outcome", DFMT_TEXT);
    ds_add_col(ds, "referrals", "Referrals (number)", DFMT_COUNT);
    ds_add_col(ds, "pct", "% of referrals", DFMT_PCT);
    int order[LADO_OUT_COUNT];
    int n = 0;
    for (int e = 0; e < LADO_OUT_COUNT; e++)
        if (tot->outcome[e] > 0)
            order[n++] = e;
    /* Insertion sort: largest first, schema order on ties. */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && tot->outcome[order[j]] > tot->outcome[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    char key[96];
    for (int i = 0; i < n; i++) {
        size_t r = ds_add_row(ds);
        ds_set_text(ds, r, 0, S_outcome_label(order[i]));
        snprintf(key, sizeof key, "lado.outcome.%s.count", S_outcome_slug(order[i]));
        cx_cell_figure(c, ds, r, 1, key);
        snprintf(key, sizeof key, "lado.outcome.%s.pct", S_outcome_slug(order[i]));
        cx_cell_figure(c, ds, r, 2, key);
    }
    size_t r = ds_add_total_row(ds);
    ds_set_text(ds, r, 0, "Total");
    cx_cell_figure(c, ds, r, 1, "lado.referrals.total");
    cx_cell_figure(c, ds, r, 2, "lado.outcome.all.pct");

    snprintf(title, sizeof title, "Outcomes of LADO referrals, %s", c->year);
    ds_chart *ch = ds_add_chart(ds, "lado_outcomes", DS_CHART_HBAR, DS_CHART_COUNT, title,
                                "Number of referrals, by outcome");
    ds_chart_add_series(ch, "referrals", "Referrals");
    ds_chart_set(&ch->noun, "referrals");
    ch->sort_desc = true;
}

/* The keys of agency g's figure part ("referrals"), or of the year's. */
static const char *S_agency_key(char *buf, size_t n, const cx_group *g, const char *part)
{
    if (g)
        snprintf(buf, n, "lado.agency.%s.%s", g->slug, part);
    else if (strcmp(part, "referrals") == 0)
        snprintf(buf, n, "lado.referrals.total");
    else if (strcmp(part, "previous") == 0)
        snprintf(buf, n, "lado.referrals.previous");
    else if (strcmp(part, "change") == 0)
        snprintf(buf, n, "lado.referrals.change");
    else if (strcmp(part, "change_pct") == 0)
        snprintf(buf, n, "lado.referrals.change_pct");
    else if (strcmp(part, "substantiated") == 0)
        snprintf(buf, n, "lado.outcome.substantiated.count");
    else
        snprintf(buf, n, "lado.outcome.substantiated.pct");
    return buf;
}

static void S_agency_table(cctx *c, const cx_groups *ag, const size_t *order, bool have_prev,
                           const char *src)
{
    char title[160];
    snprintf(title, sizeof title, "LADO referrals by agency type, %s", c->year);
    dataset *ds = cx_dataset(c, "lado_agency", "LADO_agency", title,
                             "LADO referrals by the sector of the person the allegation is "
                             "about, with the previous year and substantiated allegations.",
                             src);
    char h[96], key[160];
    ds_add_col(ds, "agency", "Agency type", DFMT_TEXT);
    snprintf(h, sizeof h, "Referrals %s (number)", c->year);
    ds_add_col(ds, "referrals", h, DFMT_COUNT);
    snprintf(h, sizeof h, "Referrals %s (number)", c->prev_year);
    ds_add_col(ds, "referrals_prev", h, DFMT_COUNT);
    ds_add_col(ds, "change", "Change (number)", DFMT_CHANGE);
    ds_add_col(ds, "change_pct", "Change (%)", DFMT_CHANGE_PCT);
    ds_add_col(ds, "substantiated", "Substantiated (number)", DFMT_COUNT);
    ds_add_col(ds, "substantiated_pct", "Substantiated as % of referrals", DFMT_PCT);
    static const char *const parts[] = {"referrals", "previous", "change", "change_pct",
                                        "substantiated", "substantiated_pct"};
    for (size_t k = 0; k <= ag->n; k++) {
        bool total = k == ag->n;
        const cx_group *g = total ? NULL : &ag->items[order[k]];
        size_t r = total ? ds_add_total_row(ds) : ds_add_row(ds);
        ds_set_text(ds, r, 0, total ? "Total" : g->label);
        for (size_t p = 0; p < 6; p++) {
            if (!have_prev && p >= 1 && p <= 3)
                ds_set_short(ds, r, 1 + p, DC_X);
            else
                cx_cell_figure(c, ds, r, 1 + p, S_agency_key(key, sizeof key, g, parts[p]));
        }
    }
    if (have_prev) {
        char note[200];
        snprintf(note, sizeof note,
                 "[u]: percentage change not shown because the previous year's number is below "
                 "%d (small base). [z]: no referrals, so no percentage.",
                 FMT_SMALL_BASE);
        ds_add_note(ds, note);
    } else {
        ds_add_note(ds, "[x]: no previous year return. [z]: no referrals, so no percentage.");
    }
    if (have_prev)
        snprintf(title, sizeof title, "LADO referrals by agency type, %s and %s", c->year,
                 c->prev_year);
    else
        snprintf(title, sizeof title, "LADO referrals by agency type, %s", c->year);
    ds_chart *ch = ds_add_chart(ds, "lado_agency", DS_CHART_HBAR, DS_CHART_COUNT, title,
                                "Number of referrals, by the sector of the person the "
                                "allegation is about");
    ds_chart_add_series(ch, "referrals", c->year);
    if (have_prev)
        ds_chart_add_series(ch, "referrals_prev", c->prev_year);
    ds_chart_set(&ch->noun, "referrals");
}

static void S_agency_outcome_table(cctx *c, const cx_groups *ag, const size_t *order,
                                   const char *src)
{
    char title[160], h[96], key[160];
    snprintf(title, sizeof title, "Outcomes of LADO referrals by agency type, %s", c->year);
    dataset *ds = cx_dataset(c, "lado_agency_outcome", "LADO_agency_outcome", title,
                             "Outcome of each LADO referral by the sector of the person the "
                             "allegation is about.",
                             src);
    ds_add_col(ds, "agency", "Agency type", DFMT_TEXT);
    for (int e = 0; e < LADO_OUT_COUNT; e++) {
        snprintf(h, sizeof h, "%s (number)", S_outcome_label(e));
        ds_add_col(ds, S_outcome_slug(e), h, DFMT_COUNT);
    }
    ds_add_col(ds, "total", "Total (number)", DFMT_COUNT);
    for (size_t k = 0; k <= ag->n; k++) {
        bool total = k == ag->n;
        const cx_group *g = total ? NULL : &ag->items[order[k]];
        size_t r = total ? ds_add_total_row(ds) : ds_add_row(ds);
        ds_set_text(ds, r, 0, total ? "Total" : g->label);
        for (int e = 0; e < LADO_OUT_COUNT; e++) {
            if (total)
                snprintf(key, sizeof key, "lado.outcome.%s.count", S_outcome_slug(e));
            else
                snprintf(key, sizeof key, "lado.agency.%s.outcome.%s.count", g->slug,
                         S_outcome_slug(e));
            cx_cell_figure(c, ds, r, 1 + (size_t)e, key);
        }
        cx_cell_figure(c, ds, r, 1 + LADO_OUT_COUNT,
                       S_agency_key(key, sizeof key, g, "referrals"));
    }
}

static void S_agency_tables(cctx *c, const cx_groups *ag, bool have_prev, const char *src)
{
    size_t *order = xmalloc((ag->n ? ag->n : 1) * sizeof *order);
    for (size_t i = 0; i < ag->n; i++)
        order[i] = i;
    S_sort_groups = ag;
    qsort(order, ag->n, sizeof *order, S_cmp_agency);
    S_sort_groups = NULL;
    S_agency_table(c, ag, order, have_prev, src);
    S_agency_outcome_table(c, ag, order, src);
    free(order);
}

/* Everything one year's LADO figures are made of: the quarter tallies, the
 * year's total, the year before's total and the agency groups. */
typedef struct {
    lado_tally q[4], tot, ptot;
    cx_groups ag;
    char *src;   /* this year's return */
    char *src2;  /* this year's and the year before's */
} lado_counts;

static void S_count(cctx *c, lado_counts *k)
{
    memset(k, 0, sizeof *k);
    S_tally(c, c->cur, false, k->q, &k->ag);
    if (c->prev) {
        lado_tally pq[4];
        memset(pq, 0, sizeof pq);
        S_tally(c, c->prev, true, pq, &k->ag);
    }
    for (int i = 0; i < 4; i++) {
        k->tot.contacts += k->q[i].contacts;
        k->tot.referrals += k->q[i].referrals;
        k->tot.strategy += k->q[i].strategy;
        for (int e = 0; e < LADO_OUT_COUNT; e++)
            k->tot.outcome[e] += k->q[i].outcome[e];
    }
    for (size_t i = 0; i < k->ag.n; i++) {
        k->ptot.contacts += k->ag.items[i].n[AG_PREV_CONTACTS];
        k->ptot.referrals += k->ag.items[i].n[AG_PREV_REFERRALS];
    }
    k->src = cx_source(c, false);
    k->src2 = cx_sources(c, true);
}

/* Contacts, referrals, strategy meetings and substantiated allegations, for
 * the year (q 0) or one quarter. */
static void S_quarter_figures(cctx *c, const lado_counts *k, int q)
{
    static const char *const qname[5] = {NULL, "April to June", "July to September",
                                         "October to December", "January to March"};
    const lado_tally *t = q ? &k->q[q - 1] : &k->tot;
    const char *src = k->src;
    quarter_keys key;
    S_quarter_keys(q, &key);
    char when[64];
    if (q)
        snprintf(when, sizeof when, "in Q%d (%s)", q, qname[q]);
    else
        snprintf(when, sizeof when, "in %s", c->year);
    cx_fig_count(c, key.contacts, t->contacts,
                 cx_def(c, "Contacts with the LADO received %s", when), src);
    cx_fig_count(c, key.referrals, t->referrals,
                 cx_def(c, q ? "LADO referrals %s" : "LADO referrals (contacts that met the "
                                                     "threshold) %s", when),
                 src);
    cx_fig_share(c, key.referrals_pct, key.referrals, key.contacts,
                 q ? cx_def(c, "LADO referrals as a percentage of contacts %s", when)
                   : "LADO referrals as a percentage of contacts received",
                 src);
    cx_fig_count(c, key.strategy, t->strategy,
                 q ? cx_def(c, "LADO referrals %s with a strategy meeting", when)
                   : "LADO referrals with a strategy meeting",
                 src);
    cx_fig_share(c, key.strategy_pct, key.strategy, key.referrals,
                 q ? cx_def(c, "LADO referrals %s with a strategy meeting as a percentage of "
                               "the quarter's referrals", when)
                   : "LADO referrals with a strategy meeting as a percentage of referrals",
                 src);
    if (q) {
        cx_fig_count(c, key.substantiated, t->outcome[LADO_OUT_SUBSTANTIATED],
                     cx_def(c, "Substantiated LADO referrals %s", when), src);
        cx_fig_share(c, key.substantiated_pct, key.substantiated, key.referrals,
                     cx_def(c, "Substantiated allegations as a percentage of LADO referrals %s",
                            when),
                     src);
    }
}

/* The year's outcomes, each a count and a percentage of referrals. */
static void S_outcome_figures(cctx *c, const lado_counts *k)
{
    char key[96], pkey[96];
    const char *parts[LADO_OUT_COUNT];
    char names[LADO_OUT_COUNT][96];
    for (int e = 0; e < LADO_OUT_COUNT; e++) {
        snprintf(key, sizeof key, "lado.outcome.%s.count", S_outcome_slug(e));
        snprintf(pkey, sizeof pkey, "lado.outcome.%s.pct", S_outcome_slug(e));
        cx_fig_count(c, key, k->tot.outcome[e],
                     cx_def(c, "LADO referrals with outcome \"%s\"", S_outcome_label(e)),
                     k->src);
        cx_fig_share(c, pkey, key, "lado.referrals.total",
                     cx_def(c, "LADO referrals with outcome \"%s\" as a percentage of referrals",
                            S_outcome_label(e)),
                     k->src);
        snprintf(names[e], sizeof names[e], "%s", key);
        parts[e] = names[e];
    }
    cx_fig_share(c, "lado.outcome.all.pct", "lado.referrals.total", "lado.referrals.total",
                 "LADO referrals with any outcome as a percentage of referrals", k->src);
    cx_sum(c, cx_def(c, "LADO referrals by outcome, %s", c->year), "lado.referrals.total",
           parts, LADO_OUT_COUNT);
}

/* Each quarter adds up to the year. */
static void S_quarter_sums(cctx *c)
{
    static const char *const what[] = {"contacts", "referrals", "strategy meetings",
                                       "substantiated allegations"};
    for (int m = 0; m < 4; m++) {
        quarter_keys t, q[4];
        S_quarter_keys(0, &t);
        const char *parts[4];
        for (int i = 0; i < 4; i++) {
            S_quarter_keys(i + 1, &q[i]);
            parts[i] = m == 0 ? q[i].contacts : m == 1 ? q[i].referrals
                     : m == 2 ? q[i].strategy : q[i].substantiated;
        }
        const char *total = m == 0 ? t.contacts : m == 1 ? t.referrals
                          : m == 2 ? t.strategy : t.substantiated;
        cx_sum(c, cx_def(c, "LADO %s by quarter, %s", what[m], c->year), total, parts, 4);
    }
}

static void S_year_figures(cctx *c, const lado_counts *k)
{
    for (int q = 0; q <= 4; q++)
        S_quarter_figures(c, k, q);
    S_outcome_figures(c, k);
    S_quarter_sums(c);
}

/* The year before's contacts and referrals, and the changes: the same
 * counts as the year before's own figures. */
static void S_previous_figures(cctx *c, const lado_counts *k)
{
    char *psrc = cx_source(c, true);
    cx_fig_count(c, "lado.contacts.previous", k->ptot.contacts,
                 cx_def(c, "Contacts with the LADO received in %s", c->prev_year), psrc);
    cx_same_as_previous(c, "lado.contacts.previous", "lado.contacts.total");
    cx_fig_change_of(c, "lado.contacts", "lado.contacts.total", "lado.contacts.previous",
                     "LADO contacts", k->src2);
    cx_fig_count(c, "lado.referrals.previous", k->ptot.referrals,
                 cx_def(c, "LADO referrals in %s", c->prev_year), psrc);
    cx_same_as_previous(c, "lado.referrals.previous", "lado.referrals.total");
    cx_fig_change_of(c, "lado.referrals", "lado.referrals.total", "lado.referrals.previous",
                     "LADO referrals", k->src2);
    free(psrc);
}

/* Contacts, referrals, outcomes and substantiated allegations of one agency type. */
static void S_agency_figures(cctx *c, const lado_counts *k, const cx_group *g)
{
    const char *src = k->src;
    char key[192], base[160];
    snprintf(base, sizeof base, "lado.agency.%s", g->slug);
    snprintf(key, sizeof key, "%s.contacts", base);
    cx_fig_count(c, key, g->n[AG_CONTACTS],
                 cx_def(c, "Contacts with the LADO about a person working in: %s", g->label), src);
    snprintf(key, sizeof key, "%s.referrals", base);
    cx_fig_count(c, key, g->n[AG_REFERRALS],
                 cx_def(c, "LADO referrals about a person working in: %s", g->label), src);
    snprintf(key, sizeof key, "%s.substantiated", base);
    cx_fig_count(c, key, g->n[AG_SUBST],
                 cx_def(c, "Substantiated LADO referrals about a person working in: %s",
                        g->label),
                 src);
    char num[192], den[192];
    snprintf(num, sizeof num, "%s.substantiated", base);
    snprintf(den, sizeof den, "%s.referrals", base);
    snprintf(key, sizeof key, "%s.substantiated_pct", base);
    cx_fig_share(c, key, num, den,
                 cx_def(c, "Substantiated as a percentage of LADO referrals about a person "
                           "working in: %s",
                        g->label),
                 src);
    const char *parts[LADO_OUT_COUNT];
    char names[LADO_OUT_COUNT][192];
    for (int e = 0; e < LADO_OUT_COUNT; e++) {
        snprintf(names[e], sizeof names[e], "%s.outcome.%s.count", base, S_outcome_slug(e));
        cx_fig_count(c, names[e], g->n[AG_OUTCOME + e],
                     cx_def(c, "LADO referrals about a person working in: %s, with outcome "
                               "\"%s\"",
                            g->label, S_outcome_label(e)),
                     src);
        parts[e] = names[e];
    }
    cx_sum(c, cx_def(c, "LADO referrals about a person working in %s, by outcome", g->label),
           den, parts, LADO_OUT_COUNT);
    /* The agency's substantiated referrals are its outcome "substantiated". */
    snprintf(key, sizeof key, "%s.outcome.%s.count", base, S_outcome_slug(LADO_OUT_SUBSTANTIATED));
    const char *same = key;
    cx_sum(c, cx_def(c, "Substantiated LADO referrals about a person working in %s", g->label),
           num, &same, 1);
    if (!c->prev)
        return;
    char *psrc = cx_source(c, true);
    snprintf(key, sizeof key, "%s.previous", base);
    cx_fig_count(c, key, g->n[AG_PREV_REFERRALS],
                 cx_def(c, "LADO referrals about a person working in: %s, %s", g->label,
                        c->prev_year),
                 psrc);
    cx_same_as_previous(c, key, den);
    free(psrc);
    strbuf what = STRBUF_INIT;
    sb_appendf(&what, "LADO referrals about a person working in: %s", g->label);
    cx_fig_change_of(c, base, den, key, sb_cstr(&what), k->src2);
    sb_free(&what);
}

/* The agencies add up to the year: contacts, referrals, substantiated,
 * last year's referrals; and each outcome across the agencies. */
static void S_agency_sums(cctx *c, const lado_counts *k)
{
    size_t n = k->ag.n;
    const char **parts = xmalloc((n ? n : 1) * sizeof *parts);
    char **keys = xmalloc((n ? n : 1) * sizeof *keys);
    static const struct {
        const char *part, *total, *what;
    } sums[] = {{"contacts", "lado.contacts.total", "contacts"},
                {"referrals", "lado.referrals.total", "referrals"},
                {"substantiated", "lado.outcome.substantiated.count", "substantiated allegations"},
                {"previous", "lado.referrals.previous", "referrals the year before"}};
    for (size_t m = 0; m < sizeof sums / sizeof sums[0]; m++) {
        if (m == 3 && !c->prev)
            break;
        for (size_t i = 0; i < n; i++) {
            strbuf b = STRBUF_INIT;
            sb_appendf(&b, "lado.agency.%s.%s", k->ag.items[i].slug, sums[m].part);
            keys[i] = sb_take(&b);
            parts[i] = keys[i];
        }
        cx_sum(c, cx_def(c, "LADO %s by agency type, %s", sums[m].what, c->year), sums[m].total,
               parts, n);
        for (size_t i = 0; i < n; i++)
            free(keys[i]);
    }
    for (int e = 0; e < LADO_OUT_COUNT; e++) {
        for (size_t i = 0; i < n; i++) {
            strbuf b = STRBUF_INIT;
            sb_appendf(&b, "lado.agency.%s.outcome.%s.count", k->ag.items[i].slug,
                       S_outcome_slug(e));
            keys[i] = sb_take(&b);
            parts[i] = keys[i];
        }
        char total[96];
        snprintf(total, sizeof total, "lado.outcome.%s.count", S_outcome_slug(e));
        cx_sum(c, cx_def(c, "LADO referrals with outcome \"%s\" by agency type, %s",
                         S_outcome_label(e), c->year),
               total, parts, n);
        for (size_t i = 0; i < n; i++)
            free(keys[i]);
    }
    free(parts);
    free(keys);
}

/* Agency types seen in one year only: a likely spelling change or a missed
 * contact, which would make the comparison with last year wrong. */
static void S_check_agencies(cctx *c, const cx_groups *ag)
{
    char *only_cur = cx_only_in(ag, true), *only_prev = cx_only_in(ag, false);
    if (only_cur || only_prev) {
        char *file = cx_diag_file(c, false);
        cx_recon(c, file, 0, "agency_type", NULL,
                 "the agency types differ from the previous year's return; only in %s: %s; "
                 "only in %s: %s (check the spelling, or that no contact was missed)",
                 c->year, only_cur ? only_cur : "none", c->prev_year,
                 only_prev ? only_prev : "none");
        free(file);
    }
    free(only_cur);
    free(only_prev);
}

void compute_lado(cctx *c)
{
    lado_counts k;
    c->covering = true;
    S_count(c, &k);
    S_year_figures(c, &k);
    if (c->prev)
        S_previous_figures(c, &k);
    for (size_t i = 0; i < k.ag.n; i++)
        S_agency_figures(c, &k, &k.ag.items[i]);
    S_agency_sums(c, &k);
    if (c->prev)
        S_check_agencies(c, &k.ag);

    S_quarter_table(c, k.src);
    S_outcome_table(c, &k.tot, k.src);
    S_agency_tables(c, &k.ag, c->prev != NULL, c->prev ? k.src2 : k.src);

    free(k.src);
    free(k.src2);
    cx_groups_free(&k.ag);
}

void trend_lado(trend *t)
{
    dataset *ds = trend_table(t, "lado_trend", "LADO_trend", "LADO contacts and referrals by year",
                              "Contacts with the LADO, the contacts that met the threshold for "
                              "a referral and substantiated allegations, in each year of the "
                              "report's returns.");
    trend_measure(t, "lado.contacts.total", "contacts", "Contacts (number)", DFMT_COUNT,
                  "LADO contacts");
    trend_measure(t, "lado.referrals.total", "referrals", "Referrals (number)", DFMT_COUNT,
                  "LADO referrals");
    trend_measure(t, "lado.referrals.threshold_pct", "threshold_pct",
                  "Referrals as % of contacts", DFMT_PCT,
                  "the share of LADO contacts that met the threshold");
    trend_measure(t, "lado.outcome.substantiated.count", "substantiated",
                  "Substantiated (number)", DFMT_COUNT, "substantiated allegations");
    ds_chart *ch = ds_add_chart(ds, "lado_trend", DS_CHART_BAR, DS_CHART_COUNT, ds->title,
                                "Number of contacts and of contacts that became referrals");
    ds_chart_add_series(ch, "contacts", "Contacts");
    ds_chart_add_series(ch, "referrals", "Referrals");
    ch->ordered = true;
    ds_chart_set(&ch->catword, "year");
}
