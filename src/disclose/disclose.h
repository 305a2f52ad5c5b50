/* disclose.h - disclosure control (contract section 8).
 *
 * Runs between compute and everything that shows a figure.  compute said
 * which figures are counts of people (figure.covered), what each figure is
 * worked out from (figure.inputs) and which figures add up (figstore.sums,
 * an equality being a sum of one part).  disclose_apply then, for the
 * public edition:
 *
 *   1. primary: suppresses every covered count from 1 to the threshold;
 *   2. derived: suppresses every figure worked out from a suppressed one;
 *   3. secondary: wherever the members of a sum are all shown but one,
 *      suppresses the smallest shown non-zero part as well (the first in
 *      the sum's order on a tie) or, when no part is left, the total; and
 *      repeats 2 and 3 until nothing changes;
 *   4. audit: checks that no suppressed figure can be worked out from the
 *      shown ones, by adding or subtracting along the sums or from a
 *      shown figure worked out from it; a failure is an internal error,
 *      and nothing is published;
 *   5. marks each suppressed figure (status c, display "[c]", no value)
 *      and every table cell that shows one ([c]).
 *
 * The restricted edition (threshold 0) suppresses nothing.  Knows the
 * figures and the datasets only. */
#ifndef ANNREP_DISCLOSE_H
#define ANNREP_DISCLOSE_H

#include "compute/dataset.h"
#include "compute/figures.h"
#include "util/diag.h"
#include "util/status.h"

#include <stddef.h>

typedef struct {
    size_t primary;   /* covered counts from 1 to the threshold */
    size_t derived;   /* figures worked out from a suppressed one */
    size_t secondary; /* figures suppressed so that no sum gives one away */
    size_t cells;     /* table cells now shown as [c] */
} disclose_counts;

/* Apply disclosure control with counts from 1 to threshold suppressed
 * (threshold 0: none).  On success also sets the figures
 * disclosure.threshold and disclosure.suppressed.  Returns ANNREP_OK, or
 * ANNREP_ERR_INTERNAL (with an error in dl naming the figure and the sum
 * that would give it away) when the audit fails.  counts may be NULL. */
annrep_status disclose_apply(figstore *fs, dataset_list *dsl, int threshold,
                             disclose_counts *counts, diag_list *dl);

#endif
