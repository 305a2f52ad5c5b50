/* render.h - the writers: one per output format, each reading the computed
 * model and writing one file at the path it is given (a temporary name chosen
 * by publish.h; a writer never renames or chooses paths itself).
 *
 * Every writer returns 0 on success, or -1 after adding an error to dl that
 * names the output and the cause (library error code, errno).  pdf_write also
 * returns 1 when the template or narrative has a mistake (the user's input:
 * exit code 1, not 3).  A writer that fails may leave a partial file at
 * `path`; publish removes it. */
#ifndef ANNREP_RENDER_H
#define ANNREP_RENDER_H

#include "../compute/dataset.h"
#include "../compute/figures.h"
#include "../load/project.h"
#include "../util/diag.h"

typedef struct {
    const project *p;          /* settings and raw tables */
    const figstore *fs;        /* every figure */
    const dataset_list *dsl;   /* every table */
    const char *data_dir;      /* fonts/ and report-templates/ live here */
} report_model;

/* annual-report-<year>.pdf (pdf.c) */
int pdf_write(const report_model *m, const char *path, diag_list *dl);

/* data-pack-<year>.xlsx (xlsx.c) */
int xlsx_write(const report_model *m, const char *path, diag_list *dl);

#endif
