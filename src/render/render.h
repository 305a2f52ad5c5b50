/* render.h - the writers: one per output format, each a function of the
 * document (doc.h) and the computed figures and tables, writing one file at
 * the path it is given (a temporary name chosen by publish.h; a writer never
 * renames or chooses paths itself).  Writers only lay out: every word, number
 * and caption comes from the document.
 *
 * Every writer returns ANNREP_OK, or a failure after adding an error to dl
 * that names the output and the cause (library error code, errno).  A writer
 * that fails may leave a partial file at `path`; publish removes it. */
#ifndef ANNREP_RENDER_H
#define ANNREP_RENDER_H

#include "../compute/dataset.h"
#include "../compute/figures.h"
#include "../doc/doc.h"
#include "../load/project.h"
#include "../util/diag.h"
#include "../util/status.h"

/* annual-report-<year>.pdf (pdf.c), with the faces of fonts_dir embedded:
 * ANNREP_OK; ANNREP_ERR_IO when a font file is missing; ANNREP_ERR_LIBRARY
 * when libharu failed (writing the file included). */
annrep_status pdf_write(const doc_node *doc, const char *fonts_dir, const char *path,
                        diag_list *dl);

/* annual-report-<year>.html (html.c): the web edition, one self-contained
 * HTML5 file (stylesheet inline, charts as inline SVG with real text drawn
 * from chart_layout_ops(), the logo as a data: URI, no script, nothing
 * fetched), written from the document alone: fs is not read (every figure
 * the page shows is a run of the document, with its key).  Returns
 * ANNREP_OK, or, after adding an error to dl:
 *   ANNREP_ERR_INPUT     the logo is not a PNG file;
 *   ANNREP_ERR_IO        the logo could not be read, the chart fonts could
 *                        not be loaded, or the file could not be written
 *                        (errno in the message);
 *   ANNREP_ERR_INTERNAL  doc or path is NULL (nothing added).
 * Same document, same bytes. */
annrep_status html_write(const doc_node *doc, const figstore *fs, const char *path,
                         diag_list *dl);

/* data-pack-<year>.xlsx (xlsx.c).  Returns ANNREP_OK, or, after adding one
 * error to dl that names path:
 *   ANNREP_ERR_LIBRARY  libxlsxwriter failed while building the workbook
 *                       (out of memory, a value it refused);
 *   ANNREP_ERR_IO       the file could not be written: not created (errno
 *                       in the message), or its zip parts not written (a
 *                       full disk).
 * Every table of dsl gets a sheet and every figure of fs a row of the
 * Figures sheet; meta gives the cover and the document properties.  Only
 * reads what it is given.  After a failure path may hold a partial file. */
annrep_status xlsx_write(const doc_meta *meta, const figstore *fs, const dataset_list *dsl,
                         const char *path, diag_list *dl);

#endif
