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

/* A row whose contact_id or agency_type says Total: a contacts return has one
 * row per contact, so such a row cannot be one; it is left out. */
static bool S_total_row(cctx *c, const table *t, size_t r, const char *file)
{
    static const int cols[] = {LADO_CONTACT_ID, LADO_AGENCY_TYPE};
    static const char *const names[] = {"contact_id", "agency_type"};
    for (int k = 0; k < 2; k++) {
        const cell *x = cx_cell(t, r, cols[k]);
        if (x && cx_is_total_label(x->text)) {
            cx_recon(c, file, t->rows[r].line, names[k], x->text,
                     "a declared total row in a return of one row per contact; "
                     "left out of every count (the tool adds the contacts up itself)");
            return true;
        }
    }
    return false;
}

/* Count one year's table into the quarter tallies and the agency groups. */
static void S_tally(cctx *c, const table *t, bool prev, lado_tally q[4], cx_groups *ag)
{
    char *file = cx_diag_file(c, prev);
    for (size_t r = 0; r < t->nrows; r++) {
        if (S_total_row(c, t, r, file))
            continue;
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

static void S_quarter_table(cctx *c, const lado_tally q[4], const lado_tally *tot,
                            const char *src)
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
        const lado_tally *t = i < 4 ? &q[i] : tot;
        size_t r = i < 4 ? ds_add_row(ds) : ds_add_total_row(ds);
        double subst = (double)t->outcome[LADO_OUT_SUBSTANTIATED];
        ds_set_text(ds, r, 0, i < 4 ? qn[i] : "Total");
        ds_set_num(ds, r, 1, (double)t->contacts);
        ds_set_num(ds, r, 2, (double)t->referrals);
        cx_pct_cell(ds, r, 3, (double)t->referrals, (double)t->contacts);
        ds_set_num(ds, r, 4, (double)t->strategy);
        cx_pct_cell(ds, r, 5, (double)t->strategy, (double)t->referrals);
        ds_set_num(ds, r, 6, subst);
        cx_pct_cell(ds, r, 7, subst, (double)t->referrals);
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
    for (int i = 0; i < n; i++) {
        size_t r = ds_add_row(ds);
        ds_set_text(ds, r, 0, S_outcome_label(order[i]));
        ds_set_num(ds, r, 1, (double)tot->outcome[order[i]]);
        cx_pct_cell(ds, r, 2, (double)tot->outcome[order[i]], (double)tot->referrals);
    }
    size_t r = ds_add_total_row(ds);
    ds_set_text(ds, r, 0, "Total");
    ds_set_num(ds, r, 1, (double)tot->referrals);
    cx_pct_cell(ds, r, 2, (double)tot->referrals, (double)tot->referrals);

    snprintf(title, sizeof title, "Outcomes of LADO referrals, %s", c->year);
    ds_chart *ch = ds_add_chart(ds, "lado_outcomes", DS_CHART_HBAR, DS_CHART_COUNT, title,
                                "Number of referrals, by outcome");
    ds_chart_add_series(ch, "referrals", "Referrals");
    ds_chart_set(&ch->noun, "referrals");
    ch->sort_desc = true;
}

static void S_agency_tables(cctx *c, const cx_groups *ag, const lado_tally *tot,
                            int64_t prev_referrals, bool have_prev, const char *src)
{
    size_t *order = xmalloc((ag->n ? ag->n : 1) * sizeof *order);
    for (size_t i = 0; i < ag->n; i++)
        order[i] = i;
    S_sort_groups = ag;
    qsort(order, ag->n, sizeof *order, S_cmp_agency);
    S_sort_groups = NULL;

    char title[160];
    snprintf(title, sizeof title, "LADO referrals by agency type, %s", c->year);
    dataset *ds = cx_dataset(c, "lado_agency", "LADO_agency", title,
                             "LADO referrals by the sector of the person the allegation is "
                             "about, with the previous year and substantiated allegations.",
                             src);
    char h[96];
    ds_add_col(ds, "agency", "Agency type", DFMT_TEXT);
    snprintf(h, sizeof h, "Referrals %s (number)", c->year);
    ds_add_col(ds, "referrals", h, DFMT_COUNT);
    snprintf(h, sizeof h, "Referrals %s (number)", c->prev_year);
    ds_add_col(ds, "referrals_prev", h, DFMT_COUNT);
    ds_add_col(ds, "change", "Change (number)", DFMT_CHANGE);
    ds_add_col(ds, "change_pct", "Change (%)", DFMT_CHANGE_PCT);
    ds_add_col(ds, "substantiated", "Substantiated (number)", DFMT_COUNT);
    ds_add_col(ds, "substantiated_pct", "Substantiated as % of referrals", DFMT_PCT);
    for (size_t k = 0; k <= ag->n; k++) {
        bool total = k == ag->n;
        const cx_group *g = total ? NULL : &ag->items[order[k]];
        int64_t cur = total ? tot->referrals : g->n[AG_REFERRALS];
        int64_t prev = total ? prev_referrals : g->n[AG_PREV_REFERRALS];
        int64_t subst = total ? tot->outcome[LADO_OUT_SUBSTANTIATED] : g->n[AG_SUBST];
        size_t r = total ? ds_add_total_row(ds) : ds_add_row(ds);
        ds_set_text(ds, r, 0, total ? "Total" : g->label);
        ds_set_num(ds, r, 1, (double)cur);
        if (have_prev) {
            ds_set_num(ds, r, 2, (double)prev);
            ds_set_num(ds, r, 3, (double)(cur - prev));
            cx_change_pct_cell(ds, r, 4, (double)cur, (double)prev);
        } else {
            for (size_t col = 2; col <= 4; col++)
                ds_set_short(ds, r, col, DC_X);
        }
        ds_set_num(ds, r, 5, (double)subst);
        cx_pct_cell(ds, r, 6, (double)subst, (double)cur);
    }
    if (have_prev) {
        char note[200];
        snprintf(note, sizeof note,
                 "[c]: percentage change not shown because the previous year's number is below "
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

    snprintf(title, sizeof title, "Outcomes of LADO referrals by agency type, %s", c->year);
    ds = cx_dataset(c, "lado_agency_outcome", "LADO_agency_outcome", title,
                    "Outcome of each LADO referral by the sector of the person the allegation "
                    "is about.",
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
        int64_t sum = 0;
        for (int e = 0; e < LADO_OUT_COUNT; e++) {
            int64_t v = total ? tot->outcome[e] : g->n[AG_OUTCOME + e];
            ds_set_num(ds, r, 1 + (size_t)e, (double)v);
            sum += v;
        }
        ds_set_num(ds, r, 1 + LADO_OUT_COUNT, (double)sum);
    }
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

static const char *const S_qname[4] = {"April to June", "July to September",
                                       "October to December", "January to March"};

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

/* Contacts, referrals, strategy meetings and outcomes, for the year and by quarter. */
static void S_year_figures(cctx *c, const lado_counts *k)
{
    const lado_tally *q = k->q, *tot = &k->tot;
    const char *src = k->src;
    cx_fig_count(c, "lado.contacts.total", tot->contacts,
                 cx_def(c, "Contacts with the LADO received in %s", c->year), src);
    for (int i = 0; i < 4; i++)
        cx_fig_count(c, cx_key(c, "lado.contacts.q%d", i + 1), q[i].contacts,
                     cx_def(c, "Contacts with the LADO received in Q%d (%s)", i + 1,
                            S_qname[i]),
                     src);
    cx_fig_count(c, "lado.referrals.total", tot->referrals,
                 cx_def(c, "LADO referrals (contacts that met the threshold) in %s", c->year),
                 src);
    for (int i = 0; i < 4; i++)
        cx_fig_count(c, cx_key(c, "lado.referrals.q%d", i + 1), q[i].referrals,
                     cx_def(c, "LADO referrals in Q%d (%s)", i + 1, S_qname[i]), src);
    cx_fig_pct(c, "lado.referrals.threshold_pct", (double)tot->referrals,
               (double)tot->contacts, "LADO referrals as a percentage of contacts received",
               src);
    cx_fig_count(c, "lado.strategy_meetings.total", tot->strategy,
                 "LADO referrals with a strategy meeting", src);
    cx_fig_pct(c, "lado.strategy_meetings.pct", (double)tot->strategy, (double)tot->referrals,
               "LADO referrals with a strategy meeting as a percentage of referrals", src);
    for (int e = 0; e < LADO_OUT_COUNT; e++) {
        cx_fig_count(c, cx_key(c, "lado.outcome.%s.count", S_outcome_slug(e)),
                     tot->outcome[e],
                     cx_def(c, "LADO referrals with outcome \"%s\"", S_outcome_label(e)), src);
        cx_fig_pct(c, cx_key(c, "lado.outcome.%s.pct", S_outcome_slug(e)),
                   (double)tot->outcome[e], (double)tot->referrals,
                   cx_def(c, "LADO referrals with outcome \"%s\" as a percentage of referrals",
                          S_outcome_label(e)),
                   src);
    }
    for (int i = 0; i < 4; i++) {
        int64_t s = q[i].outcome[LADO_OUT_SUBSTANTIATED];
        cx_fig_count(c, cx_key(c, "lado.substantiated.q%d", i + 1), s,
                     cx_def(c, "Substantiated LADO referrals in Q%d (%s)", i + 1, S_qname[i]),
                     src);
        cx_fig_pct(c, cx_key(c, "lado.substantiated.q%d.pct", i + 1), (double)s,
                   (double)q[i].referrals,
                   cx_def(c, "Substantiated allegations as a percentage of LADO referrals in "
                             "Q%d (%s)",
                          i + 1, S_qname[i]),
                   src);
    }
}

/* The year before's contacts and referrals, and the changes. */
static void S_previous_figures(cctx *c, const lado_counts *k)
{
    char *psrc = cx_source(c, true);
    cx_fig_count(c, "lado.contacts.previous", k->ptot.contacts,
                 cx_def(c, "Contacts with the LADO received in %s", c->prev_year), psrc);
    cx_fig_change(c, "lado.contacts", k->tot.contacts, k->ptot.contacts, "LADO contacts",
                  k->src2);
    cx_fig_count(c, "lado.referrals.previous", k->ptot.referrals,
                 cx_def(c, "LADO referrals in %s", c->prev_year), psrc);
    cx_fig_change(c, "lado.referrals", k->tot.referrals, k->ptot.referrals, "LADO referrals",
                  k->src2);
    free(psrc);
}

/* Contacts, referrals and substantiated allegations of one agency type. */
static void S_agency_figures(cctx *c, const lado_counts *k, const cx_group *g)
{
    const char *src = k->src;
    cx_fig_count(c, cx_key(c, "lado.agency.%s.contacts", g->slug), g->n[AG_CONTACTS],
                 cx_def(c, "Contacts with the LADO about a person working in: %s", g->label),
                 src);
    cx_fig_count(c, cx_key(c, "lado.agency.%s.referrals", g->slug), g->n[AG_REFERRALS],
                 cx_def(c, "LADO referrals about a person working in: %s", g->label), src);
    cx_fig_count(c, cx_key(c, "lado.agency.%s.substantiated", g->slug), g->n[AG_SUBST],
                 cx_def(c, "Substantiated LADO referrals about a person working in: %s",
                        g->label),
                 src);
    cx_fig_pct(c, cx_key(c, "lado.agency.%s.substantiated_pct", g->slug),
               (double)g->n[AG_SUBST], (double)g->n[AG_REFERRALS],
               cx_def(c, "Substantiated as a percentage of LADO referrals about a person "
                         "working in: %s",
                      g->label),
               src);
    if (!c->prev)
        return;
    char *psrc = cx_source(c, true);
    cx_fig_count(c, cx_key(c, "lado.agency.%s.previous", g->slug), g->n[AG_PREV_REFERRALS],
                 cx_def(c, "LADO referrals about a person working in: %s, %s", g->label,
                        c->prev_year),
                 psrc);
    free(psrc);
    strbuf what = STRBUF_INIT, pre = STRBUF_INIT;
    sb_appendf(&what, "LADO referrals about a person working in: %s", g->label);
    sb_appendf(&pre, "lado.agency.%s", g->slug);
    cx_fig_change(c, sb_cstr(&pre), g->n[AG_REFERRALS], g->n[AG_PREV_REFERRALS],
                  sb_cstr(&what), k->src2);
    sb_free(&what);
    sb_free(&pre);
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
    S_count(c, &k);
    S_year_figures(c, &k);
    if (c->prev)
        S_previous_figures(c, &k);
    for (size_t i = 0; i < k.ag.n; i++)
        S_agency_figures(c, &k, &k.ag.items[i]);
    if (c->prev)
        S_check_agencies(c, &k.ag);

    S_quarter_table(c, k.q, &k.tot, k.src);
    S_outcome_table(c, &k.tot, k.src);
    S_agency_tables(c, &k.ag, &k.tot, k.ptot.referrals, c->prev != NULL,
                    c->prev ? k.src2 : k.src);

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
