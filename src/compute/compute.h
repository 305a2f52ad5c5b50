/* compute.h - from validated returns to figures and tables.
 *
 * compute_all() reads only the project's tables and settings (never a file)
 * and fills the figure store and the dataset list.  One function per return
 * (compute_lado.c, compute_lac.c ...), found through the registry
 * (registry.h).  Reconciliation problems found while
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
#include "../util/status.h"

/* Figures and tables of every return present in the reporting year.
 * Returns ANNREP_OK, or ANNREP_ERR_INPUT when dl gained an error (a
 * reconciliation problem under [checks] strict, a duplicate row...); fs and
 * dsl then hold what was computed, for `annrep check` to go on. */
annrep_status compute_all(const project *p, figstore *fs, dataset_list *dsl, diag_list *dl);

#endif
