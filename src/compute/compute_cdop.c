/* compute_cdop.c - figures and tables from cdop_reviews.csv.
 *
 * Child deaths reviewed by the Child Death Overview Panel: age, sex,
 * ethnicity (White / Black, Asian and minority ethnic / not known, by the
 * contract's rule), category, expected or not, modifiable factors.  Knows
 * the CDOP return's columns; nothing about files or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"
#include "../util/text.h"

#include <stdlib.h>
#include <string.h>

/* Labels come from the schema (src/load/schema.c), the one list of the
 * contract's enumerations. */
#define S_age_label(i) schema_enum_label(RET_CDOP, CDOP_AGE_BAND, (i))
#define S_sex_label(i) schema_enum_label(RET_CDOP, CDOP_SEX, (i))
#define S_category_label(i) schema_enum_label(RET_CDOP, CDOP_CATEGORY, (i))
/* Figure keys (contract section 6). */
static const char *const S_sex_slug[CDOP_SEX_COUNT] = {"male", "female", "not_known"};

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
    dataset *ds = ds_new(c->dsl, id, sheet, title,
                         "Child deaths reviewed by the Child Death Overview Panel during the "
                         "year.",
                         src, RET_CDOP);
    ds_add_col(ds, first_col, DFMT_TEXT);
    ds_add_col(ds, "Reviews (number)", DFMT_COUNT);
    ds_add_col(ds, pct_col, DFMT_PCT);
    return ds;
}

static void S_row(dataset *ds, const char *label, int64_t n, double base, bool z)
{
    size_t r = ds_add_row(ds);
    ds_set_text(ds, r, 0, label);
    ds_set_num(ds, r, 1, (double)n);
    if (z)
        ds_set_short(ds, r, 2, DC_Z);
    else
        cx_pct_cell(ds, r, 2, (double)n, base);
}

void compute_cdop(cctx *c)
{
    const table *t = cx_cur(c, RET_CDOP);
    int64_t total = 0, age[CDOP_AGE_COUNT] = {0}, sex[CDOP_SEX_COUNT] = {0};
    int64_t cat[CDOP_CATEGORY_COUNT] = {0}, eth[ETH_COUNT] = {0};
    int64_t expected = 0, unexpected = 0, mod_yes = 0, mod_recorded = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *a = cx_cell(t, r, CDOP_AGE_BAND), *s = cx_cell(t, r, CDOP_SEX);
        const cell *e = cx_cell(t, r, CDOP_ETHNICITY), *k = cx_cell(t, r, CDOP_CATEGORY);
        const cell *x = cx_cell(t, r, CDOP_EXPECTED), *m = cx_cell(t, r, CDOP_MODIFIABLE);
        total++;
        if (a && a->v.e >= 0 && a->v.e < CDOP_AGE_COUNT)
            age[a->v.e]++;
        if (s && s->v.e >= 0 && s->v.e < CDOP_SEX_COUNT)
            sex[s->v.e]++;
        if (k && k->v.e >= 0 && k->v.e < CDOP_CATEGORY_COUNT)
            cat[k->v.e]++;
        eth[compute_cdop_ethnic_group(e ? e->text : NULL)]++;
        if (x && x->v.yes)
            expected++;
        else if (x)
            unexpected++;
        if (m) {
            mod_recorded++;
            if (m->v.yes)
                mod_yes++;
        }
    }
    double tot = (double)total;
    int64_t under1 = age[CDOP_AGE_0_27D] + age[CDOP_AGE_28_364D];
    int64_t known = eth[ETH_WHITE] + eth[ETH_BAME];
    char *src = cx_source(c, RET_CDOP, false);

    cx_fig_count(c, "cdop.reviews.total", total,
                 cx_def(c, "Child deaths reviewed by the Child Death Overview Panel in %s",
                        c->year),
                 src);
    cx_fig_count(c, "cdop.expected.count", expected, "Reviewed deaths that were expected", src);
    cx_fig_pct(c, "cdop.expected.pct", (double)expected, tot,
               "Expected deaths as a percentage of deaths reviewed", src);
    cx_fig_count(c, "cdop.unexpected.count", unexpected,
                 "Reviewed deaths that were unexpected", src);
    cx_fig_pct(c, "cdop.unexpected.pct", (double)unexpected, tot,
               "Unexpected deaths as a percentage of deaths reviewed", src);
    cx_fig_count(c, "cdop.under_1.count", under1,
                 "Reviewed deaths of children under one year old (0-27 days and 28-364 days)",
                 src);
    cx_fig_pct(c, "cdop.under_1.pct", (double)under1, tot,
               "Deaths of children under one year old as a percentage of deaths reviewed", src);
    cx_fig_count(c, "cdop.neonatal.count", age[CDOP_AGE_0_27D],
                 "Reviewed deaths of babies under 28 days old (neonatal)", src);
    cx_fig_pct(c, "cdop.neonatal.pct", (double)age[CDOP_AGE_0_27D], tot,
               "Neonatal deaths as a percentage of deaths reviewed", src);
    for (int i = 0; i < CDOP_AGE_COUNT; i++) {
        char *slug = cx_slug(S_age_label(i));
        cx_fig_count(c, cx_key(c, "cdop.age.%s.count", slug), age[i],
                     cx_def(c, "Reviewed deaths of children aged %s", S_age_label(i)), src);
        free(slug);
    }
    for (int i = 0; i < CDOP_SEX_COUNT; i++)
        cx_fig_count(c, cx_key(c, "cdop.sex.%s.count", S_sex_slug[i]), sex[i],
                     cx_def(c, "Reviewed deaths, sex recorded as %s", S_sex_label(i)), src);
    cx_fig_count(c, "cdop.white.count", eth[ETH_WHITE],
                 "Reviewed deaths of children of White ethnicity", src);
    cx_fig_count(c, "cdop.bame.count", eth[ETH_BAME],
                 "Reviewed deaths of Black, Asian and minority ethnic children", src);
    cx_fig_pct(c, "cdop.bame.pct", (double)eth[ETH_BAME], (double)known,
               "Black, Asian and minority ethnic children as a percentage of reviewed deaths "
               "with a known ethnicity",
               src);
    cx_fig_count(c, "cdop.ethnicity.not_known.count", eth[ETH_NOT_KNOWN],
                 "Reviewed deaths with ethnicity not known, not stated or refused", src);
    for (int i = 0; i < CDOP_CATEGORY_COUNT; i++) {
        cx_fig_count(c, cx_key(c, "cdop.category.%d.count", i + 1), cat[i],
                     cx_def(c, "Reviewed deaths in category %d: %s", i + 1,
                            S_category_label(i)),
                     src);
        cx_fig_pct(c, cx_key(c, "cdop.category.%d.pct", i + 1), (double)cat[i], tot,
                   cx_def(c, "Deaths in category %d (%s) as a percentage of deaths reviewed",
                          i + 1, S_category_label(i)),
                   src);
    }
    cx_fig_count(c, "cdop.modifiable.count", mod_yes,
                 "Reviewed deaths where the panel found modifiable factors", src);
    cx_fig_pct(c, "cdop.modifiable.pct", (double)mod_yes, (double)mod_recorded,
               "Deaths with modifiable factors as a percentage of reviews where modifiable "
               "factors were recorded",
               src);
    cx_fig_count(c, "cdop.modifiable.recorded", mod_recorded,
                 "Reviews with modifiable factors recorded (yes or no)", src);

    dataset *ds = S_table(c, "cdop_age", "CDOP_age", "age", "Age band", "% of reviews", src);
    for (int i = 0; i < CDOP_AGE_COUNT; i++)
        S_row(ds, S_age_label(i), age[i], tot, false);
    S_row(ds, "Total", total, tot, false);

    ds = S_table(c, "cdop_sex", "CDOP_sex", "sex", "Sex", "% of reviews", src);
    for (int i = 0; i < CDOP_SEX_COUNT; i++)
        S_row(ds, S_sex_label(i), sex[i], tot, false);
    S_row(ds, "Total", total, tot, false);

    ds = S_table(c, "cdop_category", "CDOP_category", "category", "Category", "% of reviews",
                 src);
    for (int i = 0; i < CDOP_CATEGORY_COUNT; i++) {
        char label[96];
        snprintf(label, sizeof label, "%d %s", i + 1, S_category_label(i));
        S_row(ds, label, cat[i], tot, false);
    }
    S_row(ds, "Total", total, tot, false);

    ds = S_table(c, "cdop_expected", "CDOP_expected", "whether the death was expected",
                 "Type of death", "% of reviews", src);
    S_row(ds, "Expected", expected, tot, false);
    S_row(ds, "Unexpected", unexpected, tot, false);
    S_row(ds, "Total", total, tot, false);

    ds = S_table(c, "cdop_ethnicity", "CDOP_ethnicity", "ethnic group", "Ethnic group",
                 "% of reviews with known ethnicity", src);
    S_row(ds, "White", eth[ETH_WHITE], (double)known, false);
    S_row(ds, "Black, Asian and minority ethnic", eth[ETH_BAME], (double)known, false);
    S_row(ds, "Not known", eth[ETH_NOT_KNOWN], (double)known, true);
    S_row(ds, "Total", total, (double)known, true);
    ds_add_note(ds, "Ethnicity recorded as White (but not mixed White and another group) counts "
                    "as White; Not known, Unknown, Not stated and Refused as not known; every "
                    "other value as Black, Asian and minority ethnic. Percentages are of reviews "
                    "with a known ethnicity; [z]: not applicable.");
    free(src);
}
