/* columns.c - `annrep columns`: the column reference of every return, as
 * Markdown or roff, generated from the schemas (load/schema_doc.h).  The
 * committed docs/returns.md and man/annrep.1 hold this text between
 * markers, and tests/e2e/column_reference.sh keeps them equal to it. */
#include "commands.h"
#include "pipeline.h"

#include "load/schema_doc.h"

#include <stdio.h>
#include <string.h>

int cmd_columns(int argc, char **argv)
{
    bool roff = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--man") == 0) {
            roff = true;
        } else {
            fprintf(stderr, "annrep columns: unexpected argument %s\n"
                            "Usage: annrep columns [--man]\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    strbuf b = STRBUF_INIT;
    if (roff)
        schema_doc_roff(&b);
    else
        schema_doc_markdown(&b, 2);
    bool ok = fwrite(sb_cstr(&b), 1, b.len, stdout) == b.len && fflush(stdout) == 0;
    sb_free(&b);
    if (!ok) {
        fprintf(stderr, "annrep columns: could not write the reference\n");
        return EXIT_SYSTEM;
    }
    return EXIT_OK;
}
