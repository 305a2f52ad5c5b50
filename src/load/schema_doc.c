/* schema_doc.c - the words of the column reference, next to the schemas,
 * and the generators of its Markdown and roff; see schema_doc.h.
 * Types, requirements, allowed values and aliases are read from the
 * schemas (schema.c), never restated here: only what a column holds, who
 * fills the return in, and an example, which the tests load through the
 * real loader.  Knows nothing about files, figures or outputs. */
#include "schema_doc.h"

#include <stdlib.h>
#include <string.h>

#define ROWS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* --- what each column holds, indexed by the schema's column enum ----- */

static const char *const S_lado_cols[LADO_NCOLS] = {
    [LADO_CONTACT_ID] = "Your reference for the contact: a case or record number, never "
                        "a name.",
    [LADO_DATE_RECEIVED] = "The date the LADO received the contact.",
    [LADO_AGENCY_TYPE] = "The sector the adult the concern is about works or volunteers in, "
                         "e.g. Primary school, Health, Police, Early years, Faith group.",
    [LADO_MET_THRESHOLD] = "Y when the contact met the threshold for a LADO referral (the adult "
                           "may have harmed a child, committed an offence against a child, or "
                           "behaved in a way that suggests they may be unsuitable to work with "
                           "children); N when it was advice or was passed on.",
    [LADO_STRATEGY_MEETING] = "Y when a strategy meeting or allegation management meeting was "
                              "held. Leave it blank when met_threshold is N.",
    [LADO_OUTCOME] = "How the referral ended (Pending while it is still open). Leave it blank "
                     "when met_threshold is N.",
};

static const char *const S_lac_cols[LAC_NCOLS] = {
    [LAC_MONTH] = "The month; the count is for its last day.",
    [LAC_LOOKED_AFTER] = "Children looked after by the council on the last day of the month.",
};

static const char *const S_cmp_cols[CMP_NCOLS] = {
    [CMP_MEASURE] = "What is measured, as a short id the report template knows, e.g. "
                    "lac_rate_per_10k (children looked after per 10,000 children).",
    [CMP_COMPARATOR] = "Whom the figure describes, e.g. Statistical neighbours, England, "
                       "London.",
    [CMP_PERIOD] = "The period the published figure is for, as the publication gives it, "
                   "e.g. 2017-03 or 2016-17.",
    [CMP_VALUE] = "The published figure, with its decimals as published (60.0 stays 60.0).",
};

static const char *const S_cdop_cols[CDOP_NCOLS] = {
    [CDOP_CASE_ID] = "The panel's case reference, never a name.",
    [CDOP_DATE_REVIEWED] = "The date the panel completed its review.",
    [CDOP_AGE_BAND] = "The child's age at death.",
    [CDOP_SEX] = "The child's sex.",
    [CDOP_ETHNICITY] = "The child's ethnicity as recorded, e.g. White British, Black African, "
                       "Mixed White and Asian, Not known. Values starting with White (but not "
                       "a mixed White and ...) count as White; Not known, Unknown, Not stated "
                       "and Refused as not known; every other value as Black, Asian and "
                       "minority ethnic.",
    [CDOP_CATEGORY] = "The category of death recorded by the panel, from the ten national "
                      "categories, by number or by name.",
    [CDOP_EXPECTED] = "Y when the death was expected, N when it was unexpected.",
    [CDOP_MODIFIABLE] = "Y when the panel identified modifiable factors, N when it did not; "
                        "blank when not recorded.",
};

static const char *const S_trn_cols[TRN_NCOLS] = {
    [TRN_COURSE] = "The course title. Sessions of the same course are counted together.",
    [TRN_DATE] = "The date of the session.",
    [TRN_PLACES] = "Places offered.",
    [TRN_ATTENDED] = "Delegates who attended. More than the places offered is a warning.",
};

static const char *const S_eln_cols[ELN_NCOLS] = {
    [ELN_MODULE] = "The module's title.",
    [ELN_COMPLETIONS] = "People who completed the module in the reporting year.",
};

static const char *const S_crime_cols[CRIME_NCOLS] = {
    [CRIME_TYPE] = "The crime type as the force names it, e.g. Total Crimes, Domestic Abuse, "
                   "Rape.",
    [CRIME_AREA] = "The area the count is for: the report's area (as written in report.ini) "
                   "and any area it is compared with, such as the whole force.",
    [CRIME_PERIOD_END] = "The last month of the twelve months counted.",
    [CRIME_COUNT] = "Crimes recorded in the twelve months ending with period_end.",
};

static const char *const S_ind_cols[IND_NCOLS] = {
    [IND_ID] = "A short id for the indicator that stays the same every period and every "
               "year, e.g. iha_28_days.",
    [IND_INDICATOR] = "The indicator's name as the report prints it.",
    [IND_PERIOD] = "The month the value is for (the last month, for a quarter or a year).",
    [IND_NUMERATOR] = "What is counted, e.g. assessments done within 28 days. With the "
                      "denominator, the value is numerator / denominator x 100.",
    [IND_DENOMINATOR] = "What it is counted out of, e.g. all assessments due.",
    [IND_VALUE] = "The value. Required unless numerator and denominator are both given.",
    [IND_TARGET] = "The target, in the same unit as the value; blank when there is none.",
    [IND_POLARITY] = "Whether a higher or a lower value is better; blank means higher.",
    [IND_UNIT] = "What the value is: percent (the default when numerator and denominator are "
                 "given), count, rate, or number (the default otherwise).",
};

static const char *const S_fund_cols[FUND_NCOLS] = {
    [FUND_ORGANISATION] = "The contributing organisation, e.g. the council, the police force, "
                          "the integrated care board.",
    [FUND_AMOUNT] = "Its contribution to the partnership's budget for the reporting year.",
};

/* --- the returns ------------------------------------------------------- */

static const schema_doc S_docs[RET_COUNT] = {
    [RET_LADO] = {
        .title = "Contacts with the Local Authority Designated Officer (LADO)",
        .rows = "One row for each contact the LADO received in the reporting year about an "
                "adult who works or volunteers with children, whether or not it met the "
                "threshold for a referral.",
        .who = "the LADO service",
        .cols = S_lado_cols,
        .example = ROWS("L-0001,2024-04-03,Primary school,Y,Y,Unsubstantiated",
                        "L-0002,05/04/2024,Health,N,,"),
        .example_year = 2024},
    [RET_LAC] = {
        .title = "Children looked after at each month end",
        .rows = "One row for each month: the number of children looked after by the council "
                "on its last day. Months before the reporting year may be included (the March "
                "before it gives the year's starting point).",
        .who = "the council's children's social care performance or business intelligence "
               "team",
        .cols = S_lac_cols,
        .example = ROWS("2024-03,412", "Apr-24,415", "May 2024,409"),
        .example_year = 2024},
    [RET_COMPARATORS] = {
        .title = "Published comparator values",
        .rows = "One row for each published figure the report compares a local figure with: "
                "a measure, whom it describes and the period it is for.",
        .who = "the partnership's analyst, from published statistics (for example the "
               "Department for Education's statistics on children looked after)",
        .cols = S_cmp_cols,
        .example = ROWS("lac_rate_per_10k,England,2024-03,70", "lac_rate_per_10k,Statistical "
                        "neighbours,2024-03,61.5"),
        .example_year = 2024},
    [RET_CDOP] = {
        .title = "Child deaths reviewed by the Child Death Overview Panel (CDOP)",
        .rows = "One row for each child death whose review the panel completed in the "
                "reporting year. The case reference only: no names or dates of birth.",
        .who = "the CDOP coordinator",
        .cols = S_cdop_cols,
        .example = ROWS("CD-24-01,2024-06-12,0-27 days,Female,White British,8,Y,N",
                        "CD-24-02,2024-09-30,15-17 years,Male,Black African,Trauma and other "
                        "external factors,N,"),
        .example_year = 2024},
    [RET_TRAINING] = {
        .title = "Multi-agency training sessions",
        .rows = "One row for each multi-agency training session delivered in the reporting "
                "year.",
        .who = "the partnership's training coordinator or business unit",
        .cols = S_trn_cols,
        .example = ROWS("Safeguarding essentials,2024-05-14,24,22",
                        "Neglect and the graded care profile,2024-06-20,20,14"),
        .example_year = 2024},
    [RET_ELEARNING] = {
        .title = "E-learning completions",
        .rows = "One row for each e-learning module: how many people completed it in the "
                "reporting year.",
        .who = "the partnership's business unit, from the e-learning system's report",
        .cols = S_eln_cols,
        .example = ROWS("Safeguarding awareness,\"1,204\"", "Prevent,388"),
        .example_year = 2024},
    [RET_CRIME] = {
        .title = "Recorded crime, rolling twelve months",
        .rows = "One row for each crime type, area and twelve-month period: the crimes "
                "recorded in the twelve months ending with period_end. Give the latest "
                "period and the one twelve months before it.",
        .who = "the police force's analyst, or the community safety partnership",
        .cols = S_crime_cols,
        .example = ROWS("Total Crimes,Northmoor,2025-03,\"18,412\"",
                        "Total Crimes,Northmoor,2024-03,\"17,960\""),
        .example_year = 2024},
    [RET_INDICATORS] = {
        .title = "Performance indicators",
        .rows = "One row for each indicator and period: its value, or the numerator and "
                "denominator it is worked out from, and its target where it has one.",
        .who = "the partnership's performance lead, collecting each agency's figures",
        .cols = S_ind_cols,
        .example = ROWS("iha_28_days,Initial health assessments within 28 days,2025-03,46,60,,"
                        "80,higher,percent",
                        "cp_repeat,Child protection plans that were repeat plans,2025-03,,,"
                        "18.2,20,lower,"),
        .example_year = 2024},
    [RET_FUNDING] = {
        .title = "Partner contributions to the partnership budget",
        .rows = "One row for each organisation that contributed to the partnership's budget "
                "for the reporting year.",
        .who = "the partnership's business manager",
        .cols = S_fund_cols,
        .example = ROWS("Northmoor Council,\"£120,500.00\"", "Northmoor Police,32000"),
        .example_year = 2024},
};

const schema_doc *schema_doc_get(return_id id)
{
    if ((int)id < 0 || id >= RET_COUNT)
        return NULL;
    return &S_docs[id];
}

void schema_doc_header(const schema *s, strbuf *out)
{
    for (size_t c = 0; c < s->ncols; c++)
        sb_appendf(out, "%s%s", c ? "," : "", s->cols[c].name);
}

/* --- what the schema says of a column -------------------------------- */

/* The rules for every return, as (Markdown) sentences; `code` marks what
 * is typed.  The roff writer turns the backticks into bold. */
static const char *const S_rules[] = {
    "Save each return from Excel as `CSV UTF-8 (Comma delimited)`, under the file name "
    "shown here, in the folder of its reporting year (for example `2024-25/lado_contacts.csv`).",
    "The first line is the header: the column names below, in any order. Case and spaces do "
    "not matter (`Date Received` is `date_received`). No title rows above it; a column the "
    "return does not have is ignored, with a warning.",
    "Then one row per record. Empty rows are skipped. A value that holds a comma is in "
    "double quotes (Excel does this when it saves).",
    "A blank cell means \"not recorded\", never zero: write `0` for none.",
    "Counts are whole numbers (`1,234` is fine). Numbers may have up to six decimals, but no "
    "`%` sign. Money is pounds: `£1,250.00` or `1250`.",
    "A text column that is not a reference (agency type, course, crime type, area, indicator, "
    "organisation, module, measure, ethnicity) holds at most 1,000 different values: each "
    "becomes a row of the report's tables.",
    "Dates are `2024-04-01` or `01/04/2024`. Months are `2024-04`, `Apr-24`, `Apr 2024` or "
    "`April 2024`. Yes/no is `Y`, `N`, `Yes` or `No`.",
    "Allowed values match whatever the case, spaces or punctuation (`0 - 27 days` is "
    "`0-27 days`).",
    "You do not need a total row: annrep adds the rows up. A row whose first cell is `Total` "
    "is read as a declared total: checked against the rows above it, never counted.",
    "No names of children, families or staff in any return.",
    NULL};

static const char *S_type_text(coltype t)
{
    switch (t) {
    case COL_TEXT: return "text";
    case COL_DATE: return "date: `2024-04-01` or `01/04/2024`";
    case COL_MONTH: return "month: `2024-04`, `Apr-24` or `April 2024`";
    case COL_COUNT: return "count: a whole number, 0 or more";
    case COL_NUMBER: return "number: decimals allowed, no `%`";
    case COL_MONEY: return "money: `£1,250.00` or `1250`";
    case COL_YESNO: return "`Y` or `N`";
    case COL_ENUM: return "one of the values below";
    }
    return "text";
}

static void S_required_text(const schema *s, size_t c, strbuf *out)
{
    const colspec *cs = &s->cols[c];
    if (cs->required == REQ_YES)
        sb_append(out, "yes");
    else if (cs->required == REQ_WHEN)
        sb_appendf(out, "when `%s` is `Y`", s->cols[cs->when_col].name);
    else
        sb_append(out, "no");
}

/* What the column holds, then what its flags mean for the person filling
 * it in. */
static void S_about_text(const schema *s, const schema_doc *d, size_t c, strbuf *out)
{
    const colspec *cs = &s->cols[c];
    sb_append(out, d->cols[c]);
    if (cs->unique)
        sb_append(out, " Each value once in the file.");
    if (cs->in_year)
        sb_append(out, " Inside the reporting year (1 April to 31 March).");
    if (cs->grouped)
        sb_append(out, " Rows with the same value are counted together: write it the same "
                       "way every time.");
}

/* "`Substantiated`, ..., `No further action` (or `NFA`), ..." */
static void S_values_text(const colspec *cs, strbuf *out)
{
    for (int i = 0; cs->enum_values[i]; i++) {
        sb_appendf(out, "%s`%s`", i ? ", " : "", cs->enum_values[i]);
        int na = 0;
        for (int k = 0; cs->aliases && cs->aliases[k].alias; k++)
            if (cs->aliases[k].value == i)
                sb_appendf(out, "%s`%s`", na++ ? " or " : " (or ", cs->aliases[k].alias);
        if (na)
            sb_putc(out, ')');
    }
}

/* "Each combination of `measure`, `comparator` and `period` once." */
static void S_row_key_text(const schema *s, strbuf *out)
{
    sb_append(out, "Each combination of ");
    for (int k = 0; s->row_key[k] >= 0; k++)
        sb_appendf(out, "%s`%s`", k == 0 ? "" : s->row_key[k + 1] < 0 ? " and " : ", ",
                   s->cols[s->row_key[k]].name);
    sb_append(out, " once in the file.");
}

/* --- Markdown ---------------------------------------------------------- */

static void S_md_heading(strbuf *out, int level, const char *text)
{
    for (int i = 0; i < level; i++)
        sb_putc(out, '#');
    sb_appendf(out, " %s\n\n", text);
}

/* Text in a table cell: a '|' would end the cell. */
static void S_md_cell(strbuf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            sb_putc(out, '\\');
        sb_putc(out, *s);
    }
}

static void S_md_return(strbuf *out, const schema *s, const schema_doc *d, int level)
{
    strbuf t = STRBUF_INIT;
    sb_appendf(&t, "`%s`: %s", s->file, d->title);
    S_md_heading(out, level, sb_cstr(&t));
    sb_free(&t);
    sb_appendf(out, "%s Filled in by %s.\n\n", d->rows, d->who);
    sb_append(out, "| column | type | required | what it holds |\n|---|---|---|---|\n");
    for (size_t c = 0; c < s->ncols; c++) {
        strbuf about = STRBUF_INIT, req = STRBUF_INIT;
        S_about_text(s, d, c, &about);
        S_required_text(s, c, &req);
        sb_appendf(out, "| `%s` | %s | %s | ", s->cols[c].name, S_type_text(s->cols[c].type),
                   sb_cstr(&req));
        S_md_cell(out, sb_cstr(&about));
        sb_append(out, " |\n");
        sb_free(&about);
        sb_free(&req);
    }
    sb_putc(out, '\n');
    for (size_t c = 0; c < s->ncols; c++) {
        if (s->cols[c].type != COL_ENUM)
            continue;
        sb_appendf(out, "Allowed values of `%s`: ", s->cols[c].name);
        S_values_text(&s->cols[c], out);
        sb_append(out, ".\n\n");
    }
    if (s->row_key) {
        S_row_key_text(s, out);
        sb_append(out, "\n\n");
    }
    sb_append(out, "Example:\n\n```csv\n");
    schema_doc_header(s, out);
    sb_putc(out, '\n');
    for (size_t i = 0; d->example[i]; i++)
        sb_appendf(out, "%s\n", d->example[i]);
    sb_append(out, "```\n\n");
}

void schema_doc_markdown(strbuf *out, int level)
{
    S_md_heading(out, level, "How to fill in a return");
    for (size_t i = 0; S_rules[i]; i++)
        sb_appendf(out, "- %s\n", S_rules[i]);
    sb_putc(out, '\n');
    S_md_heading(out, level, "The returns");
    sb_append(out, "| file | what one row is | filled in by |\n|---|---|---|\n");
    for (int r = 0; r < RET_COUNT; r++) {
        const schema *s = schema_get((return_id)r);
        const schema_doc *d = schema_doc_get((return_id)r);
        sb_appendf(out, "| `%s` | ", s->file);
        S_md_cell(out, d->rows);
        sb_append(out, " | ");
        S_md_cell(out, d->who);
        sb_append(out, " |\n");
    }
    sb_putc(out, '\n');
    for (int r = 0; r < RET_COUNT; r++)
        S_md_return(out, schema_get((return_id)r), schema_doc_get((return_id)r), level + 1);
}

/* --- roff -------------------------------------------------------------- */

/* Text for roff: backslashes escaped, `code` in bold, and a line never
 * starting with a control character.  In code and in literal text (the
 * examples) '-' is the ASCII hyphen-minus a reader can copy, "\-". */
static void S_roff_put(strbuf *out, const char *s, bool literal)
{
    bool code = false;
    if (*s == '.' || *s == '\'')
        sb_append(out, "\\&");
    for (; *s; s++) {
        if (*s == '`') {
            sb_append(out, code ? "\\fR" : "\\fB");
            code = !code;
        } else if (*s == '\\') {
            sb_append(out, "\\e");
        } else if (*s == '-' && (code || literal)) {
            sb_append(out, "\\-");
        } else {
            sb_putc(out, *s);
        }
    }
}

static void S_roff_text(strbuf *out, const char *s)
{
    S_roff_put(out, s, false);
}

static void S_roff_return(strbuf *out, const schema *s, const schema_doc *d)
{
    sb_append(out, ".SS \"");
    S_roff_put(out, s->file, true);
    sb_append(out, "\"\n");
    S_roff_text(out, d->title);
    sb_append(out, ".  ");
    S_roff_text(out, d->rows);
    sb_append(out, "\nFilled in by ");
    S_roff_text(out, d->who);
    sb_append(out, ".\n");
    for (size_t c = 0; c < s->ncols; c++) {
        const colspec *cs = &s->cols[c];
        strbuf line = STRBUF_INIT;
        if (cs->type == COL_ENUM) {
            sb_append(&line, "one of ");
            S_values_text(cs, &line);
        } else {
            sb_append(&line, S_type_text(cs->type));
        }
        sb_append(&line, "; required: ");
        S_required_text(s, c, &line);
        sb_append(&line, ".  ");
        S_about_text(s, d, c, &line);
        sb_append(out, ".TP\n.B ");
        S_roff_put(out, cs->name, true);
        sb_putc(out, '\n');
        S_roff_text(out, sb_cstr(&line));
        sb_putc(out, '\n');
        sb_free(&line);
    }
    if (s->row_key) {
        strbuf k = STRBUF_INIT;
        S_row_key_text(s, &k);
        sb_append(out, ".PP\n");
        S_roff_text(out, sb_cstr(&k));
        sb_putc(out, '\n');
        sb_free(&k);
    }
    sb_append(out, ".PP\nExample:\n.PP\n.nf\n.RS\n");
    strbuf h = STRBUF_INIT;
    schema_doc_header(s, &h);
    S_roff_put(out, sb_cstr(&h), true);
    sb_free(&h);
    sb_putc(out, '\n');
    for (size_t i = 0; d->example[i]; i++) {
        S_roff_put(out, d->example[i], true);
        sb_putc(out, '\n');
    }
    sb_append(out, ".RE\n.fi\n");
}

void schema_doc_roff(strbuf *out)
{
    sb_append(out, ".SS \"How to fill in a return\"\n");
    for (size_t i = 0; S_rules[i]; i++) {
        sb_append(out, ".IP \\(bu 2\n");
        S_roff_text(out, S_rules[i]);
        sb_putc(out, '\n');
    }
    for (int r = 0; r < RET_COUNT; r++)
        S_roff_return(out, schema_get((return_id)r), schema_doc_get((return_id)r));
}
