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

/* A row of label, a count figure and a percentage figure (NULL: [z]);
 * total: the table's Total row. */
static void S_put(cctx *c, dataset *ds, bool total, const char *label, const char *count_key,
                  const char *pct_key)
{
    size_t r = total ? ds_add_total_row(ds) : ds_add_row(ds);
    ds_set_text(ds, r, 0, label);
    cx_cell_figure(c, ds, r, 1, count_key);
    if (pct_key)
        cx_cell_figure(c, ds, r, 2, pct_key);
    else
        ds_set_short(ds, r, 2, DC_Z);
}

/* One year's reviews, counted every way the report shows them. */
typedef struct {
    int64_t total, age[CDOP_AGE_COUNT], sex[CDOP_SEX_COUNT], cat[CDOP_CATEGORY_COUNT];
    int64_t eth[ETH_COUNT];
    int64_t expected, unexpected, mod_yes, mod_recorded;
} cdop_counts;

static void S_count(const table *t, cdop_counts *k)
{
    memset(k, 0, sizeof *k);
    for (size_t r = 0; r < t->nrows; r++) {
        if (cx_is_total(t, r))
            continue; /* a declared total is no review */
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
}

/* A count figure of reviews and its share of base_key. */
static void S_count_share(cctx *c, const char *key, int64_t n, const char *def,
                          const char *pct_key, const char *base_key, const char *pct_def,
                          const char *src)
{
    char *d = xstrdup(def), *pd = xstrdup(pct_def);
    cx_fig_count(c, key, n, d, src);
    cx_fig_share(c, pct_key, key, base_key, pd, src);
    free(d);
    free(pd);
}

/* Totals, expected and unexpected, under one and neonatal. */
static void S_headline_figures(cctx *c, const cdop_counts *k, const char *src)
{
    int64_t under1 = k->age[CDOP_AGE_0_27D] + k->age[CDOP_AGE_28_364D];
    cx_fig_count(c, "cdop.reviews.total", k->total,
                 cx_def(c, "Child deaths reviewed by the Child Death Overview Panel in %s",
                        c->year),
                 src);
    cx_fig_share(c, "cdop.reviews.all.pct", "cdop.reviews.total", "cdop.reviews.total",
                 "Child deaths reviewed as a percentage of deaths reviewed", src);
    S_count_share(c, "cdop.expected.count", k->expected, "Reviewed deaths that were expected",
                  "cdop.expected.pct", "cdop.reviews.total",
                  "Expected deaths as a percentage of deaths reviewed", src);
    S_count_share(c, "cdop.unexpected.count", k->unexpected,
                  "Reviewed deaths that were unexpected", "cdop.unexpected.pct",
                  "cdop.reviews.total", "Unexpected deaths as a percentage of deaths reviewed",
                  src);
    S_count_share(c, "cdop.under_1.count", under1,
                  "Reviewed deaths of children under one year old (0-27 days and 28-364 days)",
                  "cdop.under_1.pct", "cdop.reviews.total",
                  "Deaths of children under one year old as a percentage of deaths reviewed",
                  src);
    S_count_share(c, "cdop.neonatal.count", k->age[CDOP_AGE_0_27D],
                  "Reviewed deaths of babies under 28 days old (neonatal)", "cdop.neonatal.pct",
                  "cdop.reviews.total", "Neonatal deaths as a percentage of deaths reviewed",
                  src);
}

/* By age band and sex. */
static void S_age_sex_figures(cctx *c, const cdop_counts *k, const char *src)
{
    for (int i = 0; i < CDOP_AGE_COUNT; i++) {
        char *slug = cx_slug(S_age_label(i));
        char key[96], pkey[96];
        snprintf(key, sizeof key, "cdop.age.%s.count", slug);
        snprintf(pkey, sizeof pkey, "cdop.age.%s.pct", slug);
        char *def = xstrdup(cx_def(c, "Reviewed deaths of children aged %s", S_age_label(i)));
        S_count_share(c, key, k->age[i], def, pkey, "cdop.reviews.total",
                      cx_def(c, "Deaths of children aged %s as a percentage of deaths reviewed",
                             S_age_label(i)),
                      src);
        free(def);
        free(slug);
    }
    for (int i = 0; i < CDOP_SEX_COUNT; i++) {
        char key[96], pkey[96];
        snprintf(key, sizeof key, "cdop.sex.%s.count", S_sex_slug[i]);
        snprintf(pkey, sizeof pkey, "cdop.sex.%s.pct", S_sex_slug[i]);
        char *def = xstrdup(cx_def(c, "Reviewed deaths, sex recorded as %s", S_sex_label(i)));
        S_count_share(c, key, k->sex[i], def, pkey, "cdop.reviews.total",
                      cx_def(c, "Deaths with sex recorded as %s as a percentage of deaths "
                                "reviewed", S_sex_label(i)),
                      src);
        free(def);
    }
}

/* By ethnic group, category; modifiable factors. */
static void S_breakdown_figures(cctx *c, const cdop_counts *k, const char *src)
{
    cx_fig_count(c, "cdop.ethnicity.known.count", k->eth[ETH_WHITE] + k->eth[ETH_BAME],
                 "Reviewed deaths with a known ethnicity", src);
    S_count_share(c, "cdop.white.count", k->eth[ETH_WHITE],
                  "Reviewed deaths of children of White ethnicity", "cdop.white.pct",
                  "cdop.ethnicity.known.count",
                  "Children of White ethnicity as a percentage of reviewed deaths with a known "
                  "ethnicity",
                  src);
    S_count_share(c, "cdop.bame.count", k->eth[ETH_BAME],
                  "Reviewed deaths of Black, Asian and minority ethnic children", "cdop.bame.pct",
                  "cdop.ethnicity.known.count",
                  "Black, Asian and minority ethnic children as a percentage of reviewed deaths "
                  "with a known ethnicity",
                  src);
    cx_fig_count(c, "cdop.ethnicity.not_known.count", k->eth[ETH_NOT_KNOWN],
                 "Reviewed deaths with ethnicity not known, not stated or refused", src);
    for (int i = 0; i < CDOP_CATEGORY_COUNT; i++) {
        char key[64], pkey[64];
        snprintf(key, sizeof key, "cdop.category.%d.count", i + 1);
        snprintf(pkey, sizeof pkey, "cdop.category.%d.pct", i + 1);
        char *def = xstrdup(cx_def(c, "Reviewed deaths in category %d: %s", i + 1,
                                   S_category_label(i)));
        S_count_share(c, key, k->cat[i], def, pkey, "cdop.reviews.total",
                      cx_def(c, "Deaths in category %d (%s) as a percentage of deaths reviewed",
                             i + 1, S_category_label(i)),
                      src);
        free(def);
    }
    cx_fig_count(c, "cdop.modifiable.count", k->mod_yes,
                 "Reviewed deaths where the panel found modifiable factors", src);
    cx_fig_count(c, "cdop.modifiable.recorded", k->mod_recorded,
                 "Reviews with modifiable factors recorded (yes or no)", src);
    cx_fig_share(c, "cdop.modifiable.pct", "cdop.modifiable.count", "cdop.modifiable.recorded",
                 "Deaths with modifiable factors as a percentage of reviews where modifiable "
                 "factors were recorded",
                 src);
}

/* Every breakdown adds up to the reviews. */
static void S_sums(cctx *c)
{
    char keys[CDOP_CATEGORY_COUNT][96];
    const char *parts[CDOP_CATEGORY_COUNT];
    for (int i = 0; i < CDOP_AGE_COUNT; i++) {
        char *slug = cx_slug(S_age_label(i));
        snprintf(keys[i], sizeof keys[i], "cdop.age.%s.count", slug);
        parts[i] = keys[i];
        free(slug);
    }
    cx_sum(c, cx_def(c, "Child deaths reviewed by age band, %s", c->year), "cdop.reviews.total",
           parts, CDOP_AGE_COUNT);
    cx_sum(c, cx_def(c, "Child deaths reviewed under one year old, %s", c->year),
           "cdop.under_1.count", parts, 2);
    cx_sum(c, cx_def(c, "Neonatal deaths reviewed, %s", c->year), "cdop.neonatal.count", parts,
           1);
    for (int i = 0; i < CDOP_SEX_COUNT; i++) {
        snprintf(keys[i], sizeof keys[i], "cdop.sex.%s.count", S_sex_slug[i]);
        parts[i] = keys[i];
    }
    cx_sum(c, cx_def(c, "Child deaths reviewed by sex, %s", c->year), "cdop.reviews.total",
           parts, CDOP_SEX_COUNT);
    for (int i = 0; i < CDOP_CATEGORY_COUNT; i++) {
        snprintf(keys[i], sizeof keys[i], "cdop.category.%d.count", i + 1);
        parts[i] = keys[i];
    }
    cx_sum(c, cx_def(c, "Child deaths reviewed by category, %s", c->year), "cdop.reviews.total",
           parts, CDOP_CATEGORY_COUNT);
    static const char *const expected[] = {"cdop.expected.count", "cdop.unexpected.count"};
    cx_sum(c, cx_def(c, "Child deaths reviewed, expected or not, %s", c->year),
           "cdop.reviews.total", expected, 2);
    static const char *const eth[] = {"cdop.white.count", "cdop.bame.count",
                                      "cdop.ethnicity.not_known.count"};
    cx_sum(c, cx_def(c, "Child deaths reviewed by ethnic group, %s", c->year),
           "cdop.reviews.total", eth, 3);
    cx_sum(c, cx_def(c, "Child deaths reviewed with a known ethnic group, %s", c->year),
           "cdop.ethnicity.known.count", eth, 2);
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

static void S_tables(cctx *c, const char *src)
{
    char key[96], pkey[96];
    dataset *ds = S_table(c, "cdop_age", "CDOP_age", "age", "Age band", "% of reviews", src);
    for (int i = 0; i < CDOP_AGE_COUNT; i++) {
        char *slug = cx_slug(S_age_label(i));
        snprintf(key, sizeof key, "cdop.age.%s.count", slug);
        snprintf(pkey, sizeof pkey, "cdop.age.%s.pct", slug);
        S_put(c, ds, false, S_age_label(i), key, pkey);
        free(slug);
    }
    S_put(c, ds, true, "Total", "cdop.reviews.total", "cdop.reviews.all.pct");
    S_chart(c, ds, "cdop_age", DS_CHART_BAR, "Child death reviews by age band, %s");

    ds = S_table(c, "cdop_sex", "CDOP_sex", "sex", "Sex", "% of reviews", src);
    for (int i = 0; i < CDOP_SEX_COUNT; i++) {
        snprintf(key, sizeof key, "cdop.sex.%s.count", S_sex_slug[i]);
        snprintf(pkey, sizeof pkey, "cdop.sex.%s.pct", S_sex_slug[i]);
        S_put(c, ds, false, S_sex_label(i), key, pkey);
    }
    S_put(c, ds, true, "Total", "cdop.reviews.total", "cdop.reviews.all.pct");

    ds = S_table(c, "cdop_category", "CDOP_category", "category", "Category", "% of reviews",
                 src);
    for (int i = 0; i < CDOP_CATEGORY_COUNT; i++) {
        char label[96];
        snprintf(label, sizeof label, "%d %s", i + 1, S_category_label(i));
        snprintf(key, sizeof key, "cdop.category.%d.count", i + 1);
        snprintf(pkey, sizeof pkey, "cdop.category.%d.pct", i + 1);
        S_put(c, ds, false, label, key, pkey);
    }
    S_put(c, ds, true, "Total", "cdop.reviews.total", "cdop.reviews.all.pct");
    S_chart(c, ds, "cdop_category", DS_CHART_HBAR,
            "Child death reviews by category of death, %s");

    ds = S_table(c, "cdop_expected", "CDOP_expected", "whether the death was expected",
                 "Type of death", "% of reviews", src);
    S_put(c, ds, false, "Expected", "cdop.expected.count", "cdop.expected.pct");
    S_put(c, ds, false, "Unexpected", "cdop.unexpected.count", "cdop.unexpected.pct");
    S_put(c, ds, true, "Total", "cdop.reviews.total", "cdop.reviews.all.pct");

    ds = S_table(c, "cdop_ethnicity", "CDOP_ethnicity", "ethnic group", "Ethnic group",
                 "% of reviews with known ethnicity", src);
    S_put(c, ds, false, "White", "cdop.white.count", "cdop.white.pct");
    S_put(c, ds, false, "Black, Asian and minority ethnic", "cdop.bame.count", "cdop.bame.pct");
    S_put(c, ds, false, "Not known", "cdop.ethnicity.not_known.count", NULL);
    S_put(c, ds, true, "Total", "cdop.reviews.total", NULL);
    ds_add_note(ds, "Ethnicity recorded as White (but not mixed White and another group) counts "
                    "as White; Not known, Unknown, Not stated and Refused as not known; every "
                    "other value as Black, Asian and minority ethnic. Percentages are of reviews "
                    "with a known ethnicity; [z]: not applicable.");
}

void compute_cdop(cctx *c)
{
    cdop_counts k;
    c->covering = true;
    S_count(c->cur, &k);
    char *src = cx_source(c, false);
    S_headline_figures(c, &k, src);
    cx_change_count(c, "cdop.reviews.total", "cdop.reviews", "child deaths reviewed");
    cx_change_count(c, "cdop.expected.count", "cdop.expected", "expected deaths reviewed");
    cx_change_count(c, "cdop.under_1.count", "cdop.under_1",
                    "reviewed deaths of children under one");
    S_age_sex_figures(c, &k, src);
    S_breakdown_figures(c, &k, src);
    S_sums(c);
    S_tables(c, src);
    free(src);
}

void trend_cdop(trend *t)
{
    dataset *ds = trend_table(t, "cdop_trend", "CDOP_trend", "Child death reviews by year",
                              "Child deaths reviewed by the Child Death Overview Panel in each "
                              "year, the deaths that were expected and those of children under "
                              "one.");
    trend_measure(t, "cdop.reviews.total", "reviews", "Reviews (number)", DFMT_COUNT,
                  "child deaths reviewed");
    trend_measure(t, "cdop.expected.count", "expected", "Expected deaths (number)", DFMT_COUNT,
                  "expected deaths reviewed");
    trend_measure(t, "cdop.under_1.count", "under_1", "Under one year old (number)",
                  DFMT_COUNT, "reviewed deaths of children under one");
    ds_chart *ch = ds_add_chart(ds, "cdop_trend", DS_CHART_BAR, DS_CHART_COUNT, ds->title,
                                "Number of child death reviews");
    ds_chart_add_series(ch, "reviews", "Reviews");
    ds_chart_set(&ch->noun, "reviews");
    ds_chart_set(&ch->catword, "year");
    ch->ordered = true;
}
