/* render.h - the writers: one per output format, each reading the computed
 * model and writing one file at the path it is given (a temporary name chosen
 * by publish.h; a writer never renames or chooses paths itself).
 *
 * A writer that fails has added an error to dl that names the output and
 * the cause (library error code, errno), and may have left a partial file at
 * `path`; publish removes it.  What each returns is said above it: pdf_write
 * still has its own codes, xlsx_write returns an annrep_status. */
#ifndef ANNREP_RENDER_H
#define ANNREP_RENDER_H

#include "../compute/dataset.h"
#include "../compute/figures.h"
#include "../load/project.h"
#include "../util/diag.h"
#include "../util/status.h"

typedef struct {
    const project *p;          /* settings and raw tables */
    const figstore *fs;        /* every figure */
    const dataset_list *dsl;   /* every table */
    const char *data_dir;      /* fonts/ and report-templates/ live here */
} report_model;

/* annual-report-<year>.pdf (pdf.c).  Returns 0 on success, -1 after adding
 * an error to dl, or 1 when the template or narrative has a mistake (the
 * user's input: exit code 1, not 3). */
int pdf_write(const report_model *m, const char *path, diag_list *dl);

/* data-pack-<year>.xlsx (xlsx.c).  Returns ANNREP_OK, or, after adding one
 * error to dl that names path:
 *   ANNREP_ERR_LIBRARY  libxlsxwriter failed while building the workbook
 *                       (out of memory, a value it refused);
 *   ANNREP_ERR_IO       the file could not be written: not created (errno
 *                       in the message), or its zip parts not written (a
 *                       full disk).
 * m is only read.  After a failure path may hold a partial file. */
annrep_status xlsx_write(const report_model *m, const char *path, diag_list *dl);

#endif
