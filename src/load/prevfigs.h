/* prevfigs.h - the figures.csv an output folder held before a build, read
 * back so that the build can say which figures changed (changes.csv,
 * contract section 6).  Only the key and display columns are kept.
 *
 * It is an output of annrep, not an input the user wrote: a file that is
 * missing is "no earlier build"; one that cannot be read or is not a
 * figures.csv (a header other than annrep's, a record of the wrong shape)
 * is a warning, and the build then counts every figure as added. */
#ifndef ANNREP_PREVFIGS_H
#define ANNREP_PREVFIGS_H

#include "../util/diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    bool present;     /* a figures.csv was read */
    char **keys;      /* in the file's order */
    char **displays;
    size_t n, cap;
} prev_figures;

#define PREV_FIGURES_INIT {false, NULL, NULL, 0, 0}

/* Read path into *out (which must be PREV_FIGURES_INIT).  A missing file
 * leaves out->present false and adds nothing; a file that cannot be read
 * or parsed leaves it false and adds one warning to dl naming the file and
 * the reason. */
void prev_figures_load(const char *path, prev_figures *out, diag_list *dl);
void prev_figures_free(prev_figures *pf);

#endif
