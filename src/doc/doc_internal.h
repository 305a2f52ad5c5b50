/* doc_internal.h - shared by the files of src/doc that build the document
 * (template.c, template_inline.c, assemble.c); not a public interface. */
#ifndef ANNREP_DOC_INTERNAL_H
#define ANNREP_DOC_INTERNAL_H

#include "doc.h"

/* Messages of one kind shown per file (the template reader's and the
 * broken references'); the rest are counted in one note. */
#define DOC_DIAG_MAX 50

/* Private run flag: the run's text is "chart:<id>" or "table:<id>" until
 * numbering replaces it by "Figure N" / "Table N".  Never seen by writers. */
#define DOC_RUN_REF (1u << 8)

/* Columns cols[0..ncols) of ds as printed.  doc_table_free(NULL) is safe. */
doc_table *doc_table_new(const dataset *ds, const size_t *cols, size_t ncols);
void doc_table_free(doc_table *t);

/* After every template file is read: drop empty parts, number, resolve
 * {{table:id}} / {{chart:id}} references (an error in dl for one that names
 * nothing in the report), set captions, source lines, descriptions and the
 * keywords, and refuse what a screen reader could not read
 * (doc_check_accessible). */
void doc_finish(doc_node *root, diag_list *dl);

#endif
