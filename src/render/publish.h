/* publish.h - all-or-nothing outputs.
 *
 * Every output is written where publish_file says, and the whole set is put
 * in place by publish_commit only when every output succeeded; a failed
 * build changes nothing in the output folder.  On Linux the new set is
 * built in a sibling folder (".<folder>.annrep-<pid>") and swapped with the
 * output folder in one renameat2(RENAME_EXCHANGE), so a crash or a kill
 * leaves the old set or the new one, never a mix; where that cannot be
 * done, outputs are renamed into place one by one (publish.c says when and
 * what that risks).
 *
 *   publish *pub;
 *   if (publish_begin("out", "public", &pub, dl) != ANNREP_OK) ...;
 *   const char *tmp = publish_file(pub, "charts/lado_outcomes.png");
 *   ... write tmp ...
 *   if (ok) st = publish_commit(pub, dl); else publish_abort(pub);
 *
 * The folder's manifest (".annrep-manifest") lists what annrep wrote there
 * and which kind of outputs they are; only those are replaced or removed,
 * so the user's own files in the folder are kept.  What a build killed
 * part-way leaves (a sibling folder, temporaries) is removed by the next
 * publish_begin on the same folder, once its process is gone.
 *
 * Every failure here is a system failure (the CLI's exit status 3), except
 * the kind mismatch of publish_begin.  publish_commit / publish_abort free
 * pub; both accept NULL. */
#ifndef ANNREP_PUBLISH_H
#define ANNREP_PUBLISH_H

#include "../util/diag.h"
#include "../util/status.h"

#include <stdbool.h>

typedef struct publish publish;

/* Prepares a build's outputs for outdir (made, with its parents, when
 * needed), of kind ("public", "restricted", "charts" ...: recorded in the
 * manifest), removes what builds killed on it left behind and sets *out to
 * a new publish, which the caller hands to publish_commit or publish_abort.
 * Returns ANNREP_OK; ANNREP_ERR_IO with *out NULL and one error in dl when
 * outdir cannot be created, is not a folder or cannot be written in; or
 * ANNREP_ERR_INPUT when outdir holds annrep outputs of another kind (the
 * restricted edition in the public one's folder). */
annrep_status publish_begin(const char *outdir, const char *kind, publish **out,
                            diag_list *dl);

/* Registers final name rel (relative to outdir, at most one folder level
 * such as "charts/x.png"; no "..", not absolute) and returns the temporary
 * path to write to, which stays valid until commit/abort.  Creates the
 * folder of rel.  Never NULL: a bad name or a folder that cannot be created
 * is remembered and reported by publish_commit (the writer will usually
 * fail first, on opening the path).  Registering the same rel twice returns
 * the same path. */
const char *publish_file(publish *pub, const char *rel);

/* Registers rel as an output of earlier builds that this build does not make
 * (e.g. the chart of a return not collected this year): removed after a
 * successful commit, left alone when the build fails.  Needed only for a
 * folder an annrep without a manifest wrote: with one, whatever it lists
 * and this build does not make is removed anyway. */
void publish_retire(publish *pub, const char *rel);

/* The final path of rel ("out/charts/x.png"), for messages.  Caller frees. */
char *publish_final_path(const publish *pub, const char *rel);

/* Checks that every registered output exists as a regular file and that
 * nothing (such as a folder) sits where a final file must go, keeps the
 * user's own files, writes the manifest, flushes everything to disk and
 * swaps the new set into place (or renames every output into place in the
 * order registered, then removes the retired outputs).  Frees pub whatever happens; on failure
 * every temporary not renamed is removed first (a warning in dl for one
 * that cannot be).  Returns:
 *   ANNREP_OK           every output is in place (warnings in dl for a
 *                       retired output that could not be removed);
 *   ANNREP_ERR_IO       no output has changed: a check failed, or the first
 *                       rename did; one error in dl.  Also for pub NULL
 *                       (publish_begin failed), which adds nothing to dl;
 *   ANNREP_ERR_PARTIAL  a rename failed after others had succeeded (rare:
 *                       the checks ran first): the outputs renamed before it
 *                       are the new ones and the rest the old ones - see the
 *                       comment in publish.c; one error in dl, on the output
 *                       that failed, says how many and which were replaced. */
annrep_status publish_commit(publish *pub, diag_list *dl);

/* Removes every temporary file, and the folders publish created that are
 * still empty.  Outputs of earlier builds are not touched. */
void publish_abort(publish *pub);

/* TEST HOOK, harmless in production: make publish_commit fail, as if the
 * output whose rel contains substring had failed to be written, after every
 * output has been written and before anything is renamed.  The environment
 * variable ANNREP_FAIL_AFTER=<substring> does the same for the end-to-end
 * tests (it is read by publish_commit).  NULL or "" switches the hook off
 * (the environment variable still applies). */
void publish_inject_failure(const char *substring);

/* TEST HOOK, harmless in production (off unless a test calls it): make the
 * k-th rename (1-based, in the order outputs were registered) of every later
 * publish_commit fail with errno err (EIO when err is 0), without calling
 * rename(2), as if the filesystem had refused it.  This reaches the
 * part-way failure under any user, root included, where a read-only folder
 * cannot: k = 1 fails before anything changed (ANNREP_ERR_IO), k > 1 part-way
 * (ANNREP_ERR_PARTIAL) when there are at least k outputs; with fewer,
 * nothing fails.  k <= 0 switches the hook off. */
void publish_inject_rename_failure(int k, int err);

/* TEST HOOK: put outputs in place one by one even where the folder could
 * be swapped (the environment variable ANNREP_PUBLISH=per-file does the
 * same), to test that way on any machine. */
void publish_force_per_file(bool on);

/* Does pub put its outputs in place with the one-step swap? */
bool publish_swaps(const publish *pub);

#endif
