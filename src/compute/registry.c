/* registry.c - one entry per return; see registry.h.
 *
 * Entries are designated by return id, so nothing depends on their order
 * in this file; the enumeration's order is the report's order (compute
 * runs the returns in it, and figures.csv lists their figures in it). */
#include "registry.h"

#include "compute_internal.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <stdio.h>
#include <string.h>

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

static const return_def S_defs[RET_COUNT] = {
    [RET_LADO] = {.id = RET_LADO, .schema = &schema_lado_contacts, .compute = compute_lado,
                  .names = LIST("lado", "lado_contacts"), .key_prefix = "lado",
                  .datasets = LIST("lado_quarter", "lado_outcome", "lado_agency",
                                   "lado_agency_outcome"),
                  .charts = LIST("lado_quarterly", "lado_outcomes", "lado_agency"),
                  .trend = trend_lado, .trend_dataset = "lado_trend", .trend_chart = "lado_trend"},
    [RET_LAC] = {.id = RET_LAC, .schema = &schema_looked_after_monthly, .compute = compute_lac,
                 .names = LIST("looked_after", "lac", "looked_after_monthly"),
                 .key_prefix = "lac", .datasets = LIST("lac_month"),
                 .charts = LIST("lac_monthly"),
                 .trend = trend_lac, .trend_dataset = "lac_trend", .trend_chart = "lac_trend"},
    [RET_COMPARATORS] = {.id = RET_COMPARATORS, .schema = &schema_comparators,
                         .compute = compute_comparators, .names = LIST("comparators"),
                         .key_prefix = "comparator", .datasets = LIST("lac_comparators"),
                         .charts = LIST(NULL)},
    [RET_CDOP] = {.id = RET_CDOP, .schema = &schema_cdop_reviews, .compute = compute_cdop,
                  .names = LIST("cdop", "cdop_reviews"), .key_prefix = "cdop",
                  .datasets = LIST("cdop_age", "cdop_sex", "cdop_category", "cdop_expected",
                                   "cdop_ethnicity"),
                  .charts = LIST("cdop_age", "cdop_category"),
                  .trend = trend_cdop, .trend_dataset = "cdop_trend", .trend_chart = "cdop_trend"},
    [RET_TRAINING] = {.id = RET_TRAINING, .schema = &schema_training_sessions,
                      .compute = compute_training,
                      .names = LIST("training", "training_sessions"), .key_prefix = "training",
                      .datasets = LIST("training_course"), .charts = LIST("training_fill"),
                      .trend = trend_training, .trend_dataset = "training_trend",
                      .trend_chart = "training_trend"},
    [RET_ELEARNING] = {.id = RET_ELEARNING, .schema = &schema_elearning,
                       .compute = compute_elearning, .names = LIST("elearning"),
                       .key_prefix = "training.elearning",
                       .datasets = LIST("training_elearning"), .charts = LIST(NULL)},
    [RET_CRIME] = {.id = RET_CRIME, .schema = &schema_crime_figures, .compute = compute_crime,
                   .names = LIST("crime", "crime_figures"), .key_prefix = "crime",
                   .datasets = LIST("crime"), .charts = LIST("crime_change")},
    [RET_INDICATORS] = {.id = RET_INDICATORS, .schema = &schema_indicators,
                        .compute = compute_indicators, .names = LIST("indicators"),
                        .key_prefix = "indicator",
                        .datasets = LIST("indicators_latest", "indicators"),
                        .charts = LIST(NULL), .trend = trend_indicators,
                        .trend_dataset = "indicators_trend", .trend_chart = "indicators_trend"},
    [RET_FUNDING] = {.id = RET_FUNDING, .schema = &schema_funding, .compute = compute_funding,
                     .names = LIST("funding"), .key_prefix = "funding",
                     .datasets = LIST("funding"), .charts = LIST("funding"),
                     .trend = trend_funding, .trend_dataset = "funding_trend",
                     .trend_chart = "funding_trend"},
};

const return_def *registry_get(return_id id)
{
    if ((int)id < 0 || id >= RET_COUNT)
        return NULL;
    return &S_defs[id];
}

static bool S_in(const char *const *list, const char *s)
{
    for (size_t i = 0; s && list && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

const return_def *registry_by_name(const char *name)
{
    for (int i = 0; i < RET_COUNT; i++)
        if (S_in(S_defs[i].names, name))
            return &S_defs[i];
    return NULL;
}

const return_def *registry_by_file(const char *file)
{
    for (int i = 0; file && i < RET_COUNT; i++)
        if (strcmp(S_defs[i].schema->file, file) == 0)
            return &S_defs[i];
    return NULL;
}

const return_def *registry_by_key(const char *key)
{
    const return_def *best = NULL;
    size_t bestn = 0;
    for (int i = 0; key && i < RET_COUNT; i++) {
        size_t n = strlen(S_defs[i].key_prefix);
        if (n > bestn && strncmp(key, S_defs[i].key_prefix, n) == 0 &&
            (key[n] == '.' || key[n] == '\0')) {
            best = &S_defs[i];
            bestn = n;
        }
    }
    return best;
}

static bool S_is(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

const return_def *registry_by_dataset(const char *id)
{
    for (int i = 0; i < RET_COUNT; i++)
        if (S_in(S_defs[i].datasets, id) || S_is(S_defs[i].trend_dataset, id))
            return &S_defs[i];
    return NULL;
}

const return_def *registry_by_chart(const char *id)
{
    for (int i = 0; i < RET_COUNT; i++)
        if (S_in(S_defs[i].charts, id) || S_is(S_defs[i].trend_chart, id))
            return &S_defs[i];
    return NULL;
}

const char *registry_names_list(void)
{
    static char buf[512];
    if (!buf[0]) {
        strbuf b = STRBUF_INIT;
        for (int i = 0; i < RET_COUNT; i++)
            sb_appendf(&b, "%s%s", i == 0 ? "" : i + 1 == RET_COUNT ? " or " : ", ",
                       S_defs[i].names[0]);
        snprintf(buf, sizeof buf, "%s", sb_cstr(&b));
        sb_free(&b);
    }
    return buf;
}

static char *S_ids(bool charts)
{
    strbuf b = STRBUF_INIT;
    for (int i = 0; i < RET_COUNT; i++) {
        const char *const *ids = charts ? S_defs[i].charts : S_defs[i].datasets;
        for (size_t k = 0; ids[k]; k++)
            sb_appendf(&b, "%s%s", b.len ? ", " : "", ids[k]);
        const char *t = charts ? S_defs[i].trend_chart : S_defs[i].trend_dataset;
        if (t)
            sb_appendf(&b, "%s%s", b.len ? ", " : "", t);
    }
    return sb_take(&b);
}

char *registry_dataset_ids(void)
{
    return S_ids(false);
}

char *registry_chart_ids(void)
{
    return S_ids(true);
}
