/* compute_funding.c - figures and tables from funding.csv.
 *
 * Partner contributions, grouped by the slug of organisation, with each as a
 * percentage of the total.  Money is shown in whole pounds when every amount
 * in the return is whole, otherwise with pence.  A declared total row
 * (row.total) is checked against the sum of the rows above it, never added.  Knows
 * the funding return's columns; nothing about files or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void compute_funding(cctx *c)
{
    static const int summed[] = {FUND_AMOUNT, -1};
    if (!cx_sums_fit(c, summed))
        return;
    const table *t = c->cur;
    char *src = cx_source(c, false);
    char *file = cx_diag_file(c, false);
    cx_groups orgs = CX_GROUPS_INIT;
    int64_t total = 0;
    bool whole = true;
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *o = cx_cell(t, r, FUND_ORGANISATION), *a = cx_cell(t, r, FUND_AMOUNT);
        if (a && a->v.pence % 100 != 0)
            whole = false;
        if (cx_is_total(t, r))
            continue;
        size_t gi = cx_group_get(&orgs, o ? o->text : "", t->rows[r].line);
        orgs.items[gi].n[0] += a ? a->v.pence : 0;
        total += a ? a->v.pence : 0;
    }
    static const int sums[] = {FUND_AMOUNT, -1};
    cx_check_totals(c, t, file, sums);

    char *d = fmt_money(total, whole);
    cx_fig(c, "funding.total", true, (double)total / 100.0, d, "GBP",
            cx_def(c, "Total partner contributions to the partnership budget, %s", c->year),
            src);
    free(d);
    for (size_t i = 0; i < orgs.n; i++) {
        const cx_group *g = &orgs.items[i];
        d = fmt_money(g->n[0], whole);
        cx_fig(c, cx_key(c, "funding.%s.amount", g->slug), true, (double)g->n[0] / 100.0,
                d, "GBP", cx_def(c, "Contribution to the partnership budget from %s", g->label),
                src);
        free(d);
        cx_fig_pct(c, cx_key(c, "funding.%s.pct", g->slug), (double)g->n[0], (double)total,
                   cx_def(c, "Contribution from %s as a percentage of all contributions",
                          g->label),
                   src);
    }

    cx_change_money(c, "funding.total", "funding.total", "total partner contributions", whole);
    for (size_t i = 0; i < orgs.n; i++) {
        const cx_group *g = &orgs.items[i];
        char *key = xstrdup(cx_key(c, "funding.%s.amount", g->slug));
        char *base = xstrdup(cx_key(c, "funding.%s", g->slug));
        cx_change_money(c, key, base, cx_def(c, "the contribution from %s", g->label), whole);
        free(key);
        free(base);
    }

    char title[128];
    snprintf(title, sizeof title, "Partner contributions to the partnership budget, %s",
             c->year);
    dataset *ds = cx_dataset(c, "funding", "Funding", title,
                             "Contributions from each partner organisation, and each as a "
                             "percentage of the total.",
                             src);
    ds_add_col(ds, "organisation", "Organisation", DFMT_TEXT);
    ds_add_col(ds, "amount", "Contribution (\xC2\xA3)", whole ? DFMT_MONEY : DFMT_MONEY_PENCE);
    ds_add_col(ds, "pct", "% of total", DFMT_PCT);
    for (size_t i = 0; i <= orgs.n; i++) {
        bool tot = i == orgs.n;
        int64_t p = tot ? total : orgs.items[i].n[0];
        size_t r = tot ? ds_add_total_row(ds) : ds_add_row(ds);
        ds_set_text(ds, r, 0, tot ? "Total" : orgs.items[i].label);
        ds_set_num(ds, r, 1, (double)p / 100.0);
        cx_pct_cell(ds, r, 2, (double)p, (double)total);
    }
    snprintf(title, sizeof title, "Contributions to the partnership budget by partner, %s",
             c->year);
    ds_chart *ch = ds_add_chart(ds, "funding", DS_CHART_HBAR, DS_CHART_MONEY, title,
                                "Contribution in pounds (\xC2\xA3), largest first");
    ds_chart_add_series(ch, "amount", "Contribution");
    ch->sort_desc = true;
    cx_groups_free(&orgs);
    free(file);
    free(src);
}

/* The partners of every year's return, labelled as the latest year spells
 * them; whether any amount has pence. */
static void S_partners(trend *t, cx_groups *orgs, bool *pence)
{
    *pence = false;
    for (int k = 0; k <= t->first_k; k++) {
        const table *tb = project_table(t->p, k, RET_FUNDING);
        for (size_t r = 0; tb && r < tb->nrows; r++) {
            const cell *o = cx_cell(tb, r, FUND_ORGANISATION), *a = cx_cell(tb, r, FUND_AMOUNT);
            if (a && a->v.pence % 100 != 0)
                *pence = true;
            if (o && !cx_is_total_label(o->text))
                cx_group_get(orgs, o->text, tb->rows[r].line);
        }
    }
}

void trend_funding(trend *t)
{
    cx_groups orgs = CX_GROUPS_INIT;
    bool pence;
    S_partners(t, &orgs, &pence);
    dfmt money = pence ? DFMT_MONEY_PENCE : DFMT_MONEY;
    dataset *ds = trend_table(t, "funding_trend", "Funding_trend",
                              "Partner contributions by year",
                              "Contributions to the partnership budget in each year, in total "
                              "and from each partner.");
    trend_measure(t, "funding.total", "total", "Total (\xC2\xA3)", money,
                  "total partner contributions");
    for (size_t i = 0; i < orgs.n; i++) {
        const cx_group *g = &orgs.items[i];
        strbuf key = STRBUF_INIT, col = STRBUF_INIT, head = STRBUF_INIT, what = STRBUF_INIT;
        sb_appendf(&key, "funding.%s.amount", g->slug);
        sb_appendf(&col, "org_%s", g->slug);
        sb_appendf(&head, "%s (\xC2\xA3)", g->label);
        sb_appendf(&what, "the contribution from %s", g->label);
        trend_measure(t, sb_cstr(&key), sb_cstr(&col), sb_cstr(&head), money, sb_cstr(&what));
        sb_free(&key);
        sb_free(&col);
        sb_free(&head);
        sb_free(&what);
    }
    ds_chart *ch = ds_add_chart(ds, "funding_trend", DS_CHART_BAR, DS_CHART_MONEY, ds->title,
                                "Total contributions in pounds (\xC2\xA3)");
    ds_chart_add_series(ch, "total", "Total");
    ds_chart_set(&ch->catword, "year");
    ch->ordered = true;
    cx_groups_free(&orgs);
}
