/* compute.h - from validated returns to figures and tables.
 *
 * compute_all() reads only the project's tables and settings (never a file)
 * and fills the figure store and the dataset list.  One function per return
 * (compute_lado.c, compute_lac.c ...).  Reconciliation problems found while
 * computing (a declared Total that does not add up, numerator/denominator
 * disagreeing with a value...) go to dl as warnings, or errors when
 * cfg.strict is set.
 *
 * Rules applied (details and every extra key in DATASETS.md): percentages
 * from unrounded counts, unavailable ("n/a") on a zero denominator; a change
 * from the previous year gives <key>.change always and <key>.change_pct
 * unavailable ("n/a") when the previous value is below 20 (small base);
 * figures of a return that is absent this year are simply not set. */
#ifndef ANNREP_COMPUTE_H
#define ANNREP_COMPUTE_H

#include "dataset.h"
#include "figures.h"
#include "../load/project.h"
#include "../util/diag.h"

/* The ids of every dataset compute can build, NULL-terminated, in the order
 * they are built (src/compute/DATASETS.md), and the return each comes from:
 * a template may name a table whose return is absent this year (it drops
 * out), but not a table that does not exist. */
const char *const *compute_dataset_ids(void);
/* return_id of dataset id, or -1 when compute never builds such a table. */
int compute_dataset_return(const char *id);

/* Returns 0 when dl gained no errors. */
int compute_all(const project *p, figstore *fs, dataset_list *dsl, diag_list *dl);

#endif
