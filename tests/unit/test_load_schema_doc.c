/* test_load_schema_doc.c - the column reference (src/load/schema_doc.c):
 * every column of every schema is described, every example loads through
 * the real loader without a single message, and the generated Markdown and
 * roff carry every column, allowed value and alias of the schemas.  The
 * expected header row and fragments are written out by hand from the data
 * contract (section 4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "load/project.h"
#include "load/schema_doc.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

static void test_every_column_is_described(void **state)
{
    (void)state;
    for (int r = 0; r < RET_COUNT; r++) {
        const schema *s = schema_get((return_id)r);
        const schema_doc *d = schema_doc_get((return_id)r);
        assert_non_null(d);
        assert_true(d->title && *d->title && d->rows && *d->rows && d->who && *d->who);
        for (size_t c = 0; c < s->ncols; c++) {
            const char *t = d->cols[c];
            if (!t || !*t)
                fail_msg("%s: column %s is not described", s->file, s->cols[c].name);
            if (t[strlen(t) - 1] != '.')
                fail_msg("%s: the description of %s is not a sentence", s->file,
                         s->cols[c].name);
        }
        assert_non_null(d->example);
        assert_non_null(d->example[0]);
    }
    assert_null(schema_doc_get(RET_COUNT));
}

/* The example rows of each return, under its header, are a valid return:
 * no error, no warning, not even a note, and one row each. */
static void test_every_example_loads_without_a_message(void **state)
{
    (void)state;
    for (int r = 0; r < RET_COUNT; r++) {
        const schema *s = schema_get((return_id)r);
        const schema_doc *d = schema_doc_get((return_id)r);
        strbuf csv = STRBUF_INIT;
        schema_doc_header(s, &csv);
        sb_putc(&csv, '\n');
        size_t n = 0;
        for (; d->example[n]; n++)
            sb_appendf(&csv, "%s\n", d->example[n]);
        table t;
        diag_list dl = {0};
        annrep_status st =
            csvload_buffer(sb_cstr(&csv), csv.len, s->file, s, d->example_year, &t, &dl);
        if (st != ANNREP_OK || dl.n != 0 || t.nrows != n) {
            char *m = dl.n ? diag_format(&dl.items[0]) : NULL;
            fail_msg("%s example: %zu messages, %zu of %zu rows; first: %s", s->file, dl.n,
                     t.nrows, n, m ? m : "-");
        }
        table_free(&t);
        diag_free(&dl);
        sb_free(&csv);
    }
}

static void test_header_is_the_schema_columns_in_order(void **state)
{
    (void)state;
    strbuf b = STRBUF_INIT;
    schema_doc_header(schema_get(RET_LADO), &b);
    assert_string_equal(sb_cstr(&b), "contact_id,date_received,agency_type,met_threshold,"
                                     "strategy_meeting,outcome");
    sb_clear(&b);
    schema_doc_header(schema_get(RET_INDICATORS), &b);
    assert_string_equal(sb_cstr(&b), "indicator_id,indicator,period,numerator,denominator,"
                                     "value,target,polarity,unit");
    sb_free(&b);
}

static void S_has(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("the reference lacks: %s", needle);
}

/* Every column, allowed value and alias of the schemas is in both forms. */
static void test_reference_names_every_column_value_and_alias(void **state)
{
    (void)state;
    strbuf md = STRBUF_INIT, roff = STRBUF_INIT;
    schema_doc_markdown(&md, 2);
    schema_doc_roff(&roff);
    for (int r = 0; r < RET_COUNT; r++) {
        const schema *s = schema_get((return_id)r);
        char want[128];
        snprintf(want, sizeof want, "### `%s`: ", s->file);
        S_has(sb_cstr(&md), want);
        snprintf(want, sizeof want, ".SS \"%s\"", s->file);
        S_has(sb_cstr(&roff), want);
        for (size_t c = 0; c < s->ncols; c++) {
            const colspec *cs = &s->cols[c];
            snprintf(want, sizeof want, "| `%s` | ", cs->name);
            S_has(sb_cstr(&md), want);
            for (int v = 0; cs->enum_values && cs->enum_values[v]; v++) {
                snprintf(want, sizeof want, "`%s`", cs->enum_values[v]);
                S_has(sb_cstr(&md), want);
            }
            for (int a = 0; cs->aliases && cs->aliases[a].alias; a++) {
                snprintf(want, sizeof want, "`%s`", cs->aliases[a].alias);
                S_has(sb_cstr(&md), want);
            }
        }
    }
    /* Rows by hand from the contract: requirement and aliases. */
    S_has(sb_cstr(&md), "| `outcome` | one of the values below | when `met_threshold` is `Y` |");
    S_has(sb_cstr(&md), "`No further action` (or `NFA`)");
    S_has(sb_cstr(&md), "`Pending` (or `Outcome pending`)");
    S_has(sb_cstr(&md), "`Male` (or `M`)");
    S_has(sb_cstr(&md), "`Infection` (or `9`)");
    S_has(sb_cstr(&md), "| `date_received` | date: `2024-04-01` or `01/04/2024` | yes |");
    S_has(sb_cstr(&md), "| `modifiable_factors` | `Y` or `N` | no |");
    S_has(sb_cstr(&md), "Each combination of `measure`, `comparator` and `period` once");
    S_has(sb_cstr(&md), "Each combination of `indicator_id` and `period` once");
    S_has(sb_cstr(&roff), ".TP\n.B strategy_meeting\n\\fBY\\fR or \\fBN\\fR; required: when "
                          "\\fBmet_threshold\\fR is \\fBY\\fR.  Y when");
    sb_free(&md);
    sb_free(&roff);
}

/* roff: every line that starts with a control character is one of the
 * requests the generator means, so no text becomes a request. */
static void test_roff_lines_are_text_or_known_requests(void **state)
{
    (void)state;
    static const char *const requests[] = {".SS ", ".TP", ".B ", ".PP", ".IP ", ".nf",
                                           ".fi", ".RS", ".RE", NULL};
    strbuf roff = STRBUF_INIT;
    schema_doc_roff(&roff);
    const char *s = sb_cstr(&roff);
    while (*s) {
        const char *nl = strchr(s, '\n');
        assert_non_null(nl); /* every line ends */
        if (*s == '.' || *s == '\'') {
            bool known = false;
            for (int i = 0; requests[i]; i++)
                if (strncmp(s, requests[i], strlen(requests[i])) == 0)
                    known = true;
            if (!known)
                fail_msg("unexpected request line: %.*s", (int)(nl - s), s);
        }
        s = nl + 1;
    }
    /* Code is bold, and a hyphen in it the copyable \-. */
    S_has(sb_cstr(&roff), "\\fB0\\-27 days\\fR");
    sb_free(&roff);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_column_is_described),
        cmocka_unit_test(test_every_example_loads_without_a_message),
        cmocka_unit_test(test_header_is_the_schema_columns_in_order),
        cmocka_unit_test(test_reference_names_every_column_value_and_alias),
        cmocka_unit_test(test_roff_lines_are_text_or_known_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
