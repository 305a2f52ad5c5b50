/* paths.h - where annrep finds its fonts, templates and sample project, and
 * small path helpers.
 *
 * The data folder holds fonts/, report-templates/ and data-samples/.  It is,
 * in order: the --data-dir option (paths_set_data_dir), $ANNREP_DATA_DIR, the
 * source tree the binary was built from (when it still has fonts/),
 * <program's folder>/../share/annrep, and the configured install folder
 * (<prefix>/share/annrep). */
#ifndef ANNREP_PATHS_H
#define ANNREP_PATHS_H

#include <stdbool.h>

void paths_set_data_dir(const char *dir);
/* Never NULL. */
const char *paths_data_dir(void);
/* "<a>/<b>" (no doubled slash).  Caller frees. */
char *paths_join(const char *a, const char *b);
bool paths_is_dir(const char *p);
bool paths_is_file(const char *p);
/* mkdir -p; returns 0 or -1 with errno set. */
int paths_mkdir_p(const char *p);

#endif
