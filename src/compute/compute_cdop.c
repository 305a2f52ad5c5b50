/* compute_cdop.c - figures and tables from cdop_reviews.csv.
 *
 * Child deaths reviewed by the Child Death Overview Panel: age, sex,
 * ethnicity (White / Black, Asian and minority ethnic / not known, by the
 * contract's rule), category, expected or not, modifiable factors.  Knows
 * the CDOP return's columns; nothing about files or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Labels come from the schema (src/load/schema.c), the one list of the
 * contract's enumerations. */
#define S_age_label(i) cx_enum_label(c, CDOP_AGE_BAND, (i))
#define S_sex_label(i) cx_enum_label(c, CDOP_SEX, (i))
#define S_category_label(i) cx_enum_label(c, CDOP_CATEGORY, (i))
/* Figure keys (contract section 6). */
static const char *const S_sex_slug[CDOP_SEX_COUNT] = {
    [CDOP_SEX_MALE] = "male", [CDOP_SEX_FEMALE] = "female", [CDOP_SEX_NOT_KNOWN] = "not_known"};

enum { ETH_WHITE, ETH_BAME, ETH_NOT_KNOWN, ETH_COUNT };

/* The contract's rule: "White..." is White unless it is the mixed "White
 * and ..."; the four not-known spellings are not known; the rest is BAME. */
int compute_cdop_ethnic_group(const char *ethnicity)
{
    static const char *const unknown[] = {"Not known", "Unknown", "Not stated", "Refused"};
    const char *s = ethnicity ? ethnicity : "";
    while (*s == ' ')
        s++;
    for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++)
        if (text_loose_eq(s, unknown[i]))
            return ETH_NOT_KNOWN;
    if (cx_starts_with_ci(s, "white")) {
        const char *rest = s + 5;
        while (*rest == ' ' || *rest == '-')
            rest++;
        if (cx_starts_with_ci(rest, "and ") || cx_starts_with_ci(rest, "& "))
            return ETH_BAME;
        return ETH_WHITE;
    }
    return ETH_BAME;
}

/* A three-column table: label, reviews, % of base (base 0 or pct_z: [z]). */
static dataset *S_table(cctx *c, const char *id, const char *sheet, const char *what,
                        const char *first_col, const char *pct_col, const char *src)
{
    char title[160];
    snprintf(title, sizeof title, "Child deaths reviewed by %s, %s", what, c->year);
    dataset *ds = cx_dataset(c, id, sheet, title,
                             "Child deaths reviewed by the Child Death Overview Panel during "
                             "the year.",
                             src);
    ds_add_col(ds, "group", first_col, DFMT_TEXT);
    ds_add_col(ds, "reviews", "Reviews (number)", DFMT_COUNT);
    ds_add_col(ds, "pct", pct_col, DFMT_PCT);
    return ds;
}

/* A row of label, reviews and % of base; total: the table's Total row. */
static void S_put(dataset *ds, bool total, const char *label, int64_t n, double base, bool z)
{
    size_t r = total ? ds_add_total_row(ds) : ds_add_row(ds);
    ds_set_text(ds, r, 0, label);
    ds_set_num(ds, r, 1, (double)n);
    if (z)
        ds_set_short(ds, r, 2, DC_Z);
    else
        cx_pct_cell(ds, r, 2, (double)n, base);
}

static void S_row(dataset *ds, const char *label, int64_t n, double base, bool z)
{
    S_put(ds, false, label, n, base, z);
}

static void S_total(dataset *ds, int64_t n, double base, bool z)
{
    S_put(ds, true, "Total", n, base, z);
}

/* One year's reviews, counted every way the report shows them. */
typedef struct {
    int64_t total, age[CDOP_AGE_COUNT], sex[CDOP_SEX_COUNT], cat[CDOP_CATEGORY_COUNT];
    int64_t eth[ETH_COUNT];
    int64_t expected, unexpected, mod_yes, mod_recorded;
} cdop_counts;

static void S_count(cctx *c, const table *t, cdop_counts *k)
{
    char *file = cx_diag_file(c, false);
    memset(k, 0, sizeof *k);
    for (size_t r = 0; r < t->nrows; r++) {
        if (cx_total_left_out(c, t, r, file, "review"))
            continue;
        const cell *a = cx_cell(t, r, CDOP_AGE_BAND), *s = cx_cell(t, r, CDOP_SEX);
        const cell *e = cx_cell(t, r, CDOP_ETHNICITY), *g = cx_cell(t, r, CDOP_CATEGORY);
        const cell *x = cx_cell(t, r, CDOP_EXPECTED), *m = cx_cell(t, r, CDOP_MODIFIABLE);
        k->total++;
        if (a && a->v.e >= 0 && a->v.e < CDOP_AGE_COUNT)
            k->age[a->v.e]++;
        if (s && s->v.e >= 0 && s->v.e < CDOP_SEX_COUNT)
            k->sex[s->v.e]++;
        if (g && g->v.e >= 0 && g->v.e < CDOP_CATEGORY_COUNT)
            k->cat[g->v.e]++;
        k->eth[compute_cdop_ethnic_group(e ? e->text : NULL)]++;
        if (x && x->v.yes)
            k->expected++;
        else if (x)
            k->unexpected++;
        if (m) {
            k->mod_recorded++;
            if (m->v.yes)
                k->mod_yes++;
        }
    }
    free(file);
}

/* Totals, expected and unexpected, under one and neonatal. */
static void S_headline_figures(cctx *c, const cdop_counts *k, const char *src)
{
    double tot = (double)k->total;
    int64_t under1 = k->age[CDOP_AGE_0_27D] + k->age[CDOP_AGE_28_364D];
    cx_fig_count(c, "cdop.reviews.total", k->total,
                 cx_def(c, "Child deaths reviewed by the Child Death Overview Panel in %s",
                        c->year),
                 src);
    cx_fig_count(c, "cdop.expected.count", k->expected, "Reviewed deaths that were expected",
                 src);
    cx_fig_pct(c, "cdop.expected.pct", (double)k->expected, tot,
               "Expected deaths as a percentage of deaths reviewed", src);
    cx_fig_count(c, "cdop.unexpected.count", k->unexpected,
                 "Reviewed deaths that were unexpected", src);
    cx_fig_pct(c, "cdop.unexpected.pct", (double)k->unexpected, tot,
               "Unexpected deaths as a percentage of deaths reviewed", src);
    cx_fig_count(c, "cdop.under_1.count", under1,
                 "Reviewed deaths of children under one year old (0-27 days and 28-364 days)",
                 src);
    cx_fig_pct(c, "cdop.under_1.pct", (double)under1, tot,
               "Deaths of children under one year old as a percentage of deaths reviewed", src);
    cx_fig_count(c, "cdop.neonatal.count", k->age[CDOP_AGE_0_27D],
                 "Reviewed deaths of babies under 28 days old (neonatal)", src);
    cx_fig_pct(c, "cdop.neonatal.pct", (double)k->age[CDOP_AGE_0_27D], tot,
               "Neonatal deaths as a percentage of deaths reviewed", src);
}

/* By age band, sex, ethnic group, category; modifiable factors. */
static void S_breakdown_figures(cctx *c, const cdop_counts *k, const char *src)
{
    double tot = (double)k->total;
    int64_t known = k->eth[ETH_WHITE] + k->eth[ETH_BAME];
    for (int i = 0; i < CDOP_AGE_COUNT; i++) {
        char *slug = cx_slug(S_age_label(i));
        cx_fig_count(c, cx_key(c, "cdop.age.%s.count", slug), k->age[i],
                     cx_def(c, "Reviewed deaths of children aged %s", S_age_label(i)), src);
        free(slug);
    }
    for (int i = 0; i < CDOP_SEX_COUNT; i++)
        cx_fig_count(c, cx_key(c, "cdop.sex.%s.count", S_sex_slug[i]), k->sex[i],
                     cx_def(c, "Reviewed deaths, sex recorded as %s", S_sex_label(i)), src);
    cx_fig_count(c, "cdop.white.count", k->eth[ETH_WHITE],
                 "Reviewed deaths of children of White ethnicity", src);
    cx_fig_count(c, "cdop.bame.count", k->eth[ETH_BAME],
                 "Reviewed deaths of Black, Asian and minority ethnic children", src);
    cx_fig_pct(c, "cdop.bame.pct", (double)k->eth[ETH_BAME], (double)known,
               "Black, Asian and minority ethnic children as a percentage of reviewed deaths "
               "with a known ethnicity",
               src);
    cx_fig_count(c, "cdop.ethnicity.not_known.count", k->eth[ETH_NOT_KNOWN],
                 "Reviewed deaths with ethnicity not known, not stated or refused", src);
    for (int i = 0; i < CDOP_CATEGORY_COUNT; i++) {
        cx_fig_count(c, cx_key(c, "cdop.category.%d.count", i + 1), k->cat[i],
                     cx_def(c, "Reviewed deaths in category %d: %s", i + 1,
                            S_category_label(i)),
                     src);
        cx_fig_pct(c, cx_key(c, "cdop.category.%d.pct", i + 1), (double)k->cat[i], tot,
                   cx_def(c, "Deaths in category %d (%s) as a percentage of deaths reviewed",
                          i + 1, S_category_label(i)),
                   src);
    }
    cx_fig_count(c, "cdop.modifiable.count", k->mod_yes,
                 "Reviewed deaths where the panel found modifiable factors", src);
    cx_fig_pct(c, "cdop.modifiable.pct", (double)k->mod_yes, (double)k->mod_recorded,
               "Deaths with modifiable factors as a percentage of reviews where modifiable "
               "factors were recorded",
               src);
    cx_fig_count(c, "cdop.modifiable.recorded", k->mod_recorded,
                 "Reviews with modifiable factors recorded (yes or no)", src);
}

/* The chart of one of the tables: reviews by its first column. */
static void S_chart(cctx *c, dataset *ds, const char *id, ds_chart_kind kind,
                    const char *title_fmt)
{
    char title[160];
    snprintf(title, sizeof title, title_fmt, c->year);
    ds_chart *ch = ds_add_chart(ds, id, kind, DS_CHART_COUNT, title,
                                "Number of child death reviews");
    ds_chart_add_series(ch, "reviews", "Reviews");
    ds_chart_set(&ch->noun, "reviews");
}

static void S_tables(cctx *c, const cdop_counts *k, const char *src)
{
    double tot = (double)k->total;
    int64_t known = k->eth[ETH_WHITE] + k->eth[ETH_BAME];
    dataset *ds = S_table(c, "cdop_age", "CDOP_age", "age", "Age band", "% of reviews", src);
    for (int i = 0; i < CDOP_AGE_COUNT; i++)
        S_row(ds, S_age_label(i), k->age[i], tot, false);
    S_total(ds, k->total, tot, false);
    S_chart(c, ds, "cdop_age", DS_CHART_BAR, "Child death reviews by age band, %s");

    ds = S_table(c, "cdop_sex", "CDOP_sex", "sex", "Sex", "% of reviews", src);
    for (int i = 0; i < CDOP_SEX_COUNT; i++)
        S_row(ds, S_sex_label(i), k->sex[i], tot, false);
    S_total(ds, k->total, tot, false);

    ds = S_table(c, "cdop_category", "CDOP_category", "category", "Category", "% of reviews",
                 src);
    for (int i = 0; i < CDOP_CATEGORY_COUNT; i++) {
        char label[96];
        snprintf(label, sizeof label, "%d %s", i + 1, S_category_label(i));
        S_row(ds, label, k->cat[i], tot, false);
    }
    S_total(ds, k->total, tot, false);
    S_chart(c, ds, "cdop_category", DS_CHART_HBAR,
            "Child death reviews by category of death, %s");

    ds = S_table(c, "cdop_expected", "CDOP_expected", "whether the death was expected",
                 "Type of death", "% of reviews", src);
    S_row(ds, "Expected", k->expected, tot, false);
    S_row(ds, "Unexpected", k->unexpected, tot, false);
    S_total(ds, k->total, tot, false);

    ds = S_table(c, "cdop_ethnicity", "CDOP_ethnicity", "ethnic group", "Ethnic group",
                 "% of reviews with known ethnicity", src);
    S_row(ds, "White", k->eth[ETH_WHITE], (double)known, false);
    S_row(ds, "Black, Asian and minority ethnic", k->eth[ETH_BAME], (double)known, false);
    S_row(ds, "Not known", k->eth[ETH_NOT_KNOWN], (double)known, true);
    S_total(ds, k->total, (double)known, true);
    ds_add_note(ds, "Ethnicity recorded as White (but not mixed White and another group) counts "
                    "as White; Not known, Unknown, Not stated and Refused as not known; every "
                    "other value as Black, Asian and minority ethnic. Percentages are of reviews "
                    "with a known ethnicity; [z]: not applicable.");
}

void compute_cdop(cctx *c)
{
    cdop_counts k;
    S_count(c, c->cur, &k);
    char *src = cx_source(c, false);
    S_headline_figures(c, &k, src);
    S_breakdown_figures(c, &k, src);
    S_tables(c, &k, src);
    free(src);
}
