/* publish.h - atomic outputs.
 *
 * Every output is written under a temporary name inside the output folder
 * and renamed into place only when every output succeeded.  On failure the
 * temporary files are removed and the outputs of an earlier build stay byte
 * for byte as they were.
 *
 *   publish *pub = publish_begin("out", dl);
 *   const char *tmp = publish_file(pub, "charts/lado_outcomes.png");
 *   ... write tmp ...
 *   if (ok) publish_commit(pub, dl); else publish_abort(pub);
 *
 * publish_commit / publish_abort free pub. */
#ifndef ANNREP_PUBLISH_H
#define ANNREP_PUBLISH_H

#include "../util/diag.h"

typedef struct publish publish;

/* Creates outdir (and parents) if needed.  NULL (error in dl) on failure. */
publish *publish_begin(const char *outdir, diag_list *dl);

/* Registers final name rel (relative to outdir, may contain one folder level
 * such as "charts/x.png") and returns the temporary path to write to, which
 * stays valid until commit/abort.  Creates the folder of rel. */
const char *publish_file(publish *pub, const char *rel);

/* The final path of rel ("out/charts/x.png"), for messages.  Caller frees. */
char *publish_final_path(const publish *pub, const char *rel);

/* Rename every registered file into place.  Returns 0, or -1 (error in dl,
 * remaining temporaries removed). */
int publish_commit(publish *pub, diag_list *dl);

/* Remove every temporary file. */
void publish_abort(publish *pub);

#endif
