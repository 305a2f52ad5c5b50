/* schema_doc.h - the column reference: what each return is, who fills it
 * in, and what every column holds, written for the agency staff who fill
 * the returns in.
 *
 * The words are data next to the schemas (schema_doc.c); the types,
 * requirements, allowed values and aliases come from the schemas
 * themselves, so the reference printed by schema_doc_markdown() (the
 * generated part of docs/returns.md) and schema_doc_roff() (the RETURNS
 * section of man/annrep.1) cannot drift from what the loader accepts.
 * test_load_schema_doc.c checks that every column is described and that
 * every example loads without a message; tests/e2e/column_reference.sh
 * that the committed documents equal the generated text.
 * Pure functions: no files, no diagnostics. */
#ifndef ANNREP_SCHEMA_DOC_H
#define ANNREP_SCHEMA_DOC_H

#include "returns.h"
#include "../util/strbuf.h"

typedef struct {
    const char *title;   /* "Contacts with the Local Authority Designated Officer" */
    const char *rows;    /* what one row is: "One row for each contact ..." */
    const char *who;     /* who fills it in: "the LADO service" (lower case, no full stop) */
    const char *const *cols;     /* what each column holds, indexed by column; schema->ncols */
    const char *const *example;  /* example data rows (CSV, no header), NULL-terminated */
    int example_year;    /* the reporting year the example's dates fall in (2024: 2024-25) */
} schema_doc;

/* The documentation of return id, or NULL for an id outside the enumeration. */
const schema_doc *schema_doc_get(return_id id);

/* The header row of s, its column names in schema order joined by commas,
 * without a line end ("contact_id,date_received,..."). */
void schema_doc_header(const schema *s, strbuf *out);

/* The reference of every return, in Markdown: a summary table, then a
 * section per return with its columns (type, required, allowed values
 * and aliases, what it holds) and an example.  Section headings start at
 * level `level` (2: "## The returns", "### lado_contacts.csv ..."). */
void schema_doc_markdown(strbuf *out, int level);

/* The same as roff for a man page: .SS per return, .TP per column. */
void schema_doc_roff(strbuf *out);

#endif
