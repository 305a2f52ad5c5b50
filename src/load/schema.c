/* schema.c - the nine returns of the data contract (section 4) as data:
 * column names, types, requirements, enumerations and their aliases.
 * A new return is a new table here (and a compute function), never a new
 * parser.  Knows nothing about files or how cells are read. */
#include "returns.h"

#include "../util/text.h"

#include <stdlib.h>

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

/* --- LADO contacts --- */
static const char *const S_lado_outcomes[] = {
    "Substantiated", "Unsubstantiated", "Unfounded", "False", "Malicious",
    "No further action", "Pending", NULL};
static const enum_alias S_lado_outcome_aliases[] = {
    {"NFA", LADO_OUT_NFA}, {"Outcome pending", LADO_OUT_PENDING}, {NULL, 0}};
static const colspec S_lado[] = {
    [LADO_CONTACT_ID] = {.name = "contact_id", .type = COL_TEXT, .required = REQ_YES,
                         .unique = true},
    [LADO_DATE_RECEIVED] = {.name = "date_received", .type = COL_DATE, .required = REQ_YES,
                            .in_year = true},
    [LADO_AGENCY_TYPE] = {.name = "agency_type", .type = COL_TEXT, .required = REQ_YES,
                          .grouped = true},
    [LADO_MET_THRESHOLD] = {.name = "met_threshold", .type = COL_YESNO, .required = REQ_YES},
    [LADO_STRATEGY_MEETING] = {.name = "strategy_meeting", .type = COL_YESNO,
                               .required = REQ_WHEN, .when_col = LADO_MET_THRESHOLD},
    [LADO_OUTCOME] = {.name = "outcome", .type = COL_ENUM, .required = REQ_WHEN,
                      .when_col = LADO_MET_THRESHOLD, .enum_values = S_lado_outcomes,
                      .aliases = S_lado_outcome_aliases},
};

/* --- looked after children by month --- */
static const colspec S_lac[] = {
    [LAC_MONTH] = {.name = "month", .type = COL_MONTH, .required = REQ_YES, .unique = true},
    [LAC_LOOKED_AFTER] = {.name = "looked_after", .type = COL_COUNT, .required = REQ_YES},
};

/* --- comparators --- */
static const colspec S_cmp[] = {
    [CMP_MEASURE] = {.name = "measure", .type = COL_TEXT, .required = REQ_YES},
    [CMP_COMPARATOR] = {.name = "comparator", .type = COL_TEXT, .required = REQ_YES},
    [CMP_PERIOD] = {.name = "period", .type = COL_TEXT, .required = REQ_YES},
    [CMP_VALUE] = {.name = "value", .type = COL_NUMBER, .required = REQ_YES},
};
static const int S_cmp_key[] = {CMP_MEASURE, CMP_COMPARATOR, CMP_PERIOD, -1};

/* --- child death reviews --- */
static const char *const S_cdop_ages[] = {
    "0-27 days", "28-364 days", "1-4 years", "5-9 years", "10-14 years", "15-17 years", NULL};
static const enum_alias S_cdop_age_aliases[] = {
    {"0 to 27 days", CDOP_AGE_0_27D}, {"28 to 364 days", CDOP_AGE_28_364D},
    {"1 to 4 years", CDOP_AGE_1_4},   {"5 to 9 years", CDOP_AGE_5_9},
    {"10 to 14 years", CDOP_AGE_10_14}, {"15 to 17 years", CDOP_AGE_15_17},
    {NULL, 0}};
static const char *const S_cdop_sexes[] = {"Male", "Female", "Not known", NULL};
static const enum_alias S_cdop_sex_aliases[] = {
    {"M", CDOP_SEX_MALE}, {"F", CDOP_SEX_FEMALE}, {"Unknown", CDOP_SEX_NOT_KNOWN}, {NULL, 0}};
static const char *const S_cdop_categories[] = {
    "Deliberately inflicted injury, abuse or neglect",
    "Suicide or deliberate self-inflicted harm",
    "Trauma and other external factors",
    "Malignancy",
    "Acute medical or surgical condition",
    "Chronic medical condition",
    "Chromosomal, genetic and congenital anomalies",
    "Perinatal/neonatal event",
    "Infection",
    "Sudden unexpected, unexplained death",
    NULL};
/* The national categories are as often written by number. */
static const enum_alias S_cdop_category_aliases[] = {
    {"1", 0}, {"2", 1}, {"3", 2}, {"4", 3}, {"5", 4},
    {"6", 5}, {"7", 6}, {"8", 7}, {"9", 8}, {"10", 9}, {NULL, 0}};
static const colspec S_cdop[] = {
    [CDOP_CASE_ID] = {.name = "case_id", .type = COL_TEXT, .required = REQ_YES, .unique = true},
    [CDOP_DATE_REVIEWED] = {.name = "date_reviewed", .type = COL_DATE, .required = REQ_YES,
                            .in_year = true},
    [CDOP_AGE_BAND] = {.name = "age_band", .type = COL_ENUM, .required = REQ_YES,
                       .enum_values = S_cdop_ages, .aliases = S_cdop_age_aliases},
    [CDOP_SEX] = {.name = "sex", .type = COL_ENUM, .required = REQ_YES,
                  .enum_values = S_cdop_sexes, .aliases = S_cdop_sex_aliases},
    [CDOP_ETHNICITY] = {.name = "ethnicity", .type = COL_TEXT, .required = REQ_YES},
    [CDOP_CATEGORY] = {.name = "category", .type = COL_ENUM, .required = REQ_YES,
                       .enum_values = S_cdop_categories, .aliases = S_cdop_category_aliases},
    [CDOP_EXPECTED] = {.name = "expected", .type = COL_YESNO, .required = REQ_YES},
    [CDOP_MODIFIABLE] = {.name = "modifiable_factors", .type = COL_YESNO, .required = REQ_NO},
};

/* --- training --- */
static const colspec S_trn[] = {
    [TRN_COURSE] = {.name = "course", .type = COL_TEXT, .required = REQ_YES, .grouped = true},
    [TRN_DATE] = {.name = "date", .type = COL_DATE, .required = REQ_YES, .in_year = true},
    [TRN_PLACES] = {.name = "places", .type = COL_COUNT, .required = REQ_YES},
    [TRN_ATTENDED] = {.name = "attended", .type = COL_COUNT, .required = REQ_YES},
};

static const colspec S_eln[] = {
    [ELN_MODULE] = {.name = "module", .type = COL_TEXT, .required = REQ_YES},
    [ELN_COMPLETIONS] = {.name = "completions", .type = COL_COUNT, .required = REQ_YES},
};

/* --- crime --- */
static const colspec S_crime[] = {
    [CRIME_TYPE] = {.name = "crime_type", .type = COL_TEXT, .required = REQ_YES,
                    .grouped = true},
    [CRIME_AREA] = {.name = "area", .type = COL_TEXT, .required = REQ_YES, .grouped = true},
    [CRIME_PERIOD_END] = {.name = "period_end", .type = COL_MONTH, .required = REQ_YES},
    [CRIME_COUNT] = {.name = "count", .type = COL_COUNT, .required = REQ_YES},
};
static const int S_crime_key[] = {CRIME_TYPE, CRIME_AREA, CRIME_PERIOD_END, -1};

/* --- indicators --- */
static const char *const S_polarities[] = {"higher", "lower", NULL};
static const enum_alias S_polarity_aliases[] = {
    {"higher is better", IND_POL_HIGHER}, {"high", IND_POL_HIGHER},
    {"lower is better", IND_POL_LOWER}, {"low", IND_POL_LOWER}, {NULL, 0}};
static const char *const S_units[] = {"percent", "count", "rate", "number", NULL};
static const enum_alias S_unit_aliases[] = {
    {"%", IND_UNIT_PERCENT}, {"percentage", IND_UNIT_PERCENT}, {NULL, 0}};
static const colspec S_ind[] = {
    [IND_ID] = {.name = "indicator_id", .type = COL_TEXT, .required = REQ_YES, .grouped = true},
    [IND_INDICATOR] = {.name = "indicator", .type = COL_TEXT, .required = REQ_YES},
    [IND_PERIOD] = {.name = "period", .type = COL_MONTH, .required = REQ_YES},
    [IND_NUMERATOR] = {.name = "numerator", .type = COL_NUMBER, .required = REQ_NO},
    [IND_DENOMINATOR] = {.name = "denominator", .type = COL_NUMBER, .required = REQ_NO},
    [IND_VALUE] = {.name = "value", .type = COL_NUMBER, .required = REQ_NO},
    [IND_TARGET] = {.name = "target", .type = COL_NUMBER, .required = REQ_NO},
    [IND_POLARITY] = {.name = "polarity", .type = COL_ENUM, .required = REQ_NO,
                      .enum_values = S_polarities, .aliases = S_polarity_aliases},
    [IND_UNIT] = {.name = "unit", .type = COL_ENUM, .required = REQ_NO,
                  .enum_values = S_units, .aliases = S_unit_aliases},
};
static const int S_ind_key[] = {IND_ID, IND_PERIOD, -1};

/* --- funding --- */
static const colspec S_fund[] = {
    [FUND_ORGANISATION] = {.name = "organisation", .type = COL_TEXT, .required = REQ_YES,
                           .grouped = true},
    [FUND_AMOUNT] = {.name = "amount", .type = COL_MONEY, .required = REQ_YES},
};

const schema schema_lado_contacts = {
    .id = RET_LADO, .file = "lado_contacts.csv", .title = "LADO contacts",
    .cols = S_lado, .ncols = NCOLS(S_lado),
    .absent_note = "LADO chapter, tables and charts left out"};
const schema schema_looked_after_monthly = {
    .id = RET_LAC, .file = "looked_after_monthly.csv", .title = "children looked after by month",
    .cols = S_lac, .ncols = NCOLS(S_lac),
    .absent_note = "looked after children figures, table and chart left out"};
const schema schema_comparators = {
    .id = RET_COMPARATORS, .file = "comparators.csv", .title = "comparator values",
    .cols = S_cmp, .ncols = NCOLS(S_cmp), .row_key = S_cmp_key,
    .absent_note = "comparator table and figures left out"};
const schema schema_cdop_reviews = {
    .id = RET_CDOP, .file = "cdop_reviews.csv", .title = "child death reviews",
    .cols = S_cdop, .ncols = NCOLS(S_cdop),
    .absent_note = "child death reviews chapter, tables and charts left out"};
const schema schema_training_sessions = {
    .id = RET_TRAINING, .file = "training_sessions.csv", .title = "training sessions",
    .cols = S_trn, .ncols = NCOLS(S_trn),
    .absent_note = "training chapter, tables and charts left out"};
const schema schema_elearning = {
    .id = RET_ELEARNING, .file = "elearning.csv", .title = "e-learning completions",
    .cols = S_eln, .ncols = NCOLS(S_eln),
    .absent_note = "e-learning figures and table left out"};
const schema schema_crime_figures = {
    .id = RET_CRIME, .file = "crime_figures.csv", .title = "recorded crime",
    .cols = S_crime, .ncols = NCOLS(S_crime), .row_key = S_crime_key,
    .absent_note = "crime chapter, tables and charts left out"};
const schema schema_indicators = {
    .id = RET_INDICATORS, .file = "indicators.csv", .title = "performance indicators",
    .cols = S_ind, .ncols = NCOLS(S_ind), .row_key = S_ind_key,
    .absent_note = "performance indicators chapter, tables and charts left out"};
const schema schema_funding = {
    .id = RET_FUNDING, .file = "funding.csv", .title = "partner contributions",
    .cols = S_fund, .ncols = NCOLS(S_fund),
    .absent_note = "budget chapter, tables and charts left out"};

static const schema *const S_schemas[RET_COUNT] = {
    [RET_LADO] = &schema_lado_contacts,
    [RET_LAC] = &schema_looked_after_monthly,
    [RET_COMPARATORS] = &schema_comparators,
    [RET_CDOP] = &schema_cdop_reviews,
    [RET_TRAINING] = &schema_training_sessions,
    [RET_ELEARNING] = &schema_elearning,
    [RET_CRIME] = &schema_crime_figures,
    [RET_INDICATORS] = &schema_indicators,
    [RET_FUNDING] = &schema_funding,
};

const schema *schema_get(return_id id)
{
    if ((int)id < 0 || id >= RET_COUNT)
        return NULL;
    return S_schemas[id];
}

const char *schema_enum_label(return_id id, int col, int e)
{
    return schema_label(schema_get(id), col, e);
}

const char *schema_label(const schema *s, int col, int e)
{
    if (!s || col < 0 || (size_t)col >= s->ncols || !s->cols[col].enum_values || e < 0)
        return NULL;
    const char *const *v = s->cols[col].enum_values;
    for (int i = 0; v[i]; i++)
        if (i == e)
            return v[i];
    return NULL;
}

int schema_find_col(const schema *s, const char *name)
{
    for (size_t i = 0; i < s->ncols; i++)
        if (text_header_eq(name, s->cols[i].name))
            return (int)i;
    return -1;
}

