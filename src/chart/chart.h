/* chart.h - charts as data, laid out once as drawing operations, painted by
 * cairo here (PNG, SVG files) and by the PDF writer (src/render/pdf_chart.c,
 * vectors inside the page).
 *
 * A chart holds data, not pixels: type, categories, series, units, title,
 * subtitle, source line and a generated text alternative.  Layout (axis
 * ranges, nice ticks, label positions, measured with the embedded font's
 * metrics) is independent of the painter: chart_layout_ops() gives every
 * painter the same list of operations (ops.h), so the PNG, the SVG and the
 * PDF show the same drawing.  Knows cairo and FreeType; knows no PDF library.
 * A chart owns its strings; chart_free() frees all.
 *
 * Many categories: a chart draws at most chart_max_categories() of them
 * (30; 20 when it groups two or more series side by side).  A chart with
 * more is never refused (`annrep check` has nothing to refuse): of
 * unordered categories of counts or money it draws the largest (by the
 * first series) and adds the others together as "All others" (their shown
 * values: a [c] one is left out of the sum, and the note says how many);
 * of percentages, rates or changes, which do not add up, the largest
 * only; of a time series the latest.  A note under the drawing, the text
 * alternative and the chart's table of numbers (chart_grouping()) say so;
 * the report's table and the data pack keep every category.  A category
 * label wraps to at most four lines in the drawing (an ellipsis ends the
 * fourth).  So no data makes a drawing taller than a few pages' worth. */
#ifndef ANNREP_CHART_H
#define ANNREP_CHART_H

#include "ops.h"
#include "../compute/dataset.h"
#include "../compute/figures.h"
#include "../load/project.h"
#include "../util/status.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct chart chart;   /* defined in chart_model.h */

/* The chart that definition def of dataset ds describes (dataset.h), in
 * the house colours with cfg's accent (cfg may be NULL).  NULL when the
 * dataset has no row to draw or def names a column ds lacks. */
chart *chart_from_dataset(const dataset *ds, const ds_chart *def, const report_config *cfg);

/* The chart with that id among the datasets' chart definitions; NULL when
 * no dataset defines it (its return is absent this year) or it has nothing
 * to draw.  The ids a template may name are the registry's. */
chart *chart_build(const char *id, const dataset_list *dsl, const report_config *cfg);

const char *chart_title(const chart *c);
const char *chart_source(const chart *c);   /* "Source: 2016-17/lado_contacts.csv" */
/* Text alternative generated from the data, e.g. "Referrals rose in every
 * quarter, from 23 in Q1 to 47 in Q4."  Owned by the chart. */
const char *chart_alt_text(const chart *c);

/* The chart's numbers, for a table of them beside the drawing (data.c):
 * the categories in drawing order, the series in legend order, each value
 * as the chart labels it.  Strings are owned by the chart. */
size_t chart_ncategories(const chart *c);
const char *chart_category(const chart *c, size_t i);    /* "Q1"; "" out of range */
/* The heading of the categories' column in the table the chart was drawn
 * from ("Quarter"), or "" when it was built from none. */
const char *chart_category_heading(const chart *c);
size_t chart_nseries(const chart *c);
const char *chart_series_name(const chart *c, size_t k); /* "Referrals"; may be "" */
const char *chart_subtitle(const chart *c);              /* what is measured; may be "" */

typedef enum {
    CHART_CELL_VALUE,      /* drawn */
    CHART_CELL_MISSING,    /* not available: "[x]" where a label would be */
    CHART_CELL_LOW_BASE,   /* a change on a base below 20, not shown: "[u]" */
    CHART_CELL_SUPPRESSED  /* suppressed by disclosure control: "[c]" */
} chart_cell;
/* Counts below this are [c] in the chart (dataset.suppressed_below: the
 * threshold + 1), 0 when nothing is suppressed. */
int chart_suppressed_below(const chart *c);
/* The most categories a chart draws (see above), and the sentence saying
 * what a chart with more draws instead ("The chart draws the 29 largest of
 * 500 categories ..."), or NULL when it draws every one. */
size_t chart_max_categories(const chart *c);
const char *chart_grouping(const chart *c);
/* Value of series k at category i: CHART_CELL_VALUE with *text the number
 * as the chart labels it ("23", "41.5%", "£20,000", "+12.3%"; caller
 * frees), else *text NULL.  Out of range is CHART_CELL_MISSING. */
chart_cell chart_value_text(const chart *c, size_t k, size_t i, char **text);

/* What chart_layout_ops() draws besides the plot (and its legend and notes,
 * which are always drawn).  Files use CHART_DRAW_ALL; the PDF writer prints
 * the caption and source itself and asks for CHART_DRAW_SUBTITLE. */
enum {
    CHART_DRAW_TITLE = 1,   /* title and subtitle at the top */
    CHART_DRAW_SOURCE = 2,  /* source line at the bottom */
    CHART_DRAW_PAD = 4,     /* white margin around (files); none inside a PDF box */
    CHART_DRAW_ALL = 7,
    CHART_DRAW_SUBTITLE = 8 /* subtitle without the title (PDF body under a caption) */
};

/* Lay chart c out at width w points as drawing operations (ops.h) for any
 * painter: axis ranges, ticks, wrapped labels, all text measured with the
 * embedded Liberation Sans (the folder a painter last laid out with on this
 * thread, else the data folder's fonts/).  out must be empty (OPLIST_INIT or ops_free()d).
 * Returns ANNREP_OK with out filled (out->width = w, out->height the natural
 * height; the caller owns the operations and frees them with ops_free());
 * ANNREP_ERR_IO with errno ENOENT when the fonts cannot be loaded, or
 * ANNREP_ERR_INTERNAL when c or out is NULL; on failure out is untouched. */
annrep_status chart_layout_ops(const chart *c, double w, int flags, oplist *out);

/* The cairo painters (paint_cairo.c): chart c laid out at 640 pt with title,
 * subtitle, legend, notes and source, written to a new file at path.
 * PNG: 1600 px wide (640 pt at 2.5 px/pt), opaque white, 8-bit RGB.
 * SVG: 640 pt wide, SVG 1.1, with <title> and <desc> (the alt text).  Same
 * chart, byte-identical files, in one run and across runs, whichever
 * painter and thread drew it.
 *
 * A painter holds what every file reuses: its own copy of the fonts in
 * fonts_dir (LiberationSans-{Regular,Bold}.ttf; NULL: the data folder's
 * fonts/) and the image buffer the PNGs are painted on.  A painter is used
 * by one thread at a time; painters on different threads draw at once.
 * chart_painter_new returns ANNREP_OK with *out set, or ANNREP_ERR_IO with
 * errno ENOENT (*out NULL) when the fonts cannot be loaded.
 *
 * chart_painter_png's previous is the path of the file the new one will
 * replace (NULL: none; a path where nothing is, is fine): when that file is
 * byte for byte the PNG this chart makes (a rebuild of a chart that did not
 * change), it is copied to path instead of compressing the pixels again,
 * about a tenth of the time; the new file's bytes are the same either way.
 *
 * chart_painter_png/svg return ANNREP_OK; ANNREP_ERR_IO with errno set when
 * the fonts cannot be loaded (ENOENT) or the file cannot be written (errno as
 * the system gave it, else EIO); ANNREP_ERR_LIBRARY when cairo or the PNG
 * encoder failed; ANNREP_ERR_INTERNAL for a NULL painter, chart or path.
 * Nothing is printed: the caller reports.  A failed write may leave a
 * partial file at path (publish removes it).  The chart is borrowed.
 * chart_write_png/svg do the same with a painter made for the one file. */
typedef struct chart_painter chart_painter;
annrep_status chart_painter_new(const char *fonts_dir, chart_painter **out);
annrep_status chart_painter_png(chart_painter *p, const chart *c, const char *path,
                                const char *previous);
annrep_status chart_painter_svg(chart_painter *p, const chart *c, const char *path);
/* chart_painter_free(NULL) does nothing. */
void chart_painter_free(chart_painter *p);
annrep_status chart_write_png(const chart *c, const char *path, const char *fonts_dir);
annrep_status chart_write_svg(const chart *c, const char *path, const char *fonts_dir);

/* Layout measures text with faces of the calling thread's own (see
 * chart_layout_ops), opened on first use; a thread that laid charts out or
 * painted them calls chart_fonts_close() before it ends, and may open them
 * again afterwards. */
void chart_fonts_close(void);

/* Natural height in points, at width w, of the chart under a caption the
 * PDF writer prints itself ("Figure N: <title>", then the source): the
 * drawing of chart_layout_ops(c, w, CHART_DRAW_SUBTITLE, ...), subtitle,
 * legend, plot and notes.  w * 0.6 when the fonts cannot be loaded. */
float chart_body_height_for_width(const chart *c, float w);

/* ---- batch.c: the chart files of a build, drawn on a second thread ---- */

typedef enum { CHART_FILE_PNG, CHART_FILE_SVG, CHART_FILE_TXT } chart_file_kind;
typedef struct chart_batch chart_batch;

/* A batch of chart files to draw with the fonts of fonts_dir (NULL: the
 * data folder's fonts/).  Never NULL. */
chart_batch *chart_batch_new(const char *fonts_dir);
/* Add a file to write at path (copied): the chart (borrowed until
 * chart_batch_finish, and not changed meanwhile) as PNG, SVG or its alt
 * text (chart_write_txt); previous (copied, may be NULL) is the file it will
 * replace, for chart_painter_png.  Only before chart_batch_start.  Returns
 * the file's index, 0, 1, ... in the order added. */
size_t chart_batch_add(chart_batch *b, const chart *c, chart_file_kind kind, const char *path,
                       const char *previous);
/* Start a second thread drawing the files, in the order added, and return
 * at once: the caller writes its other outputs meanwhile (from one thread;
 * nothing of the chart module's state is shared with the drawing thread).
 * When no thread can be started, chart_batch_finish draws them all. */
void chart_batch_start(chart_batch *b);
/* Draw on the calling thread the files no thread has taken yet, then wait
 * for the second thread: afterwards every file has been written or has
 * failed.  The files are the same bytes whichever thread drew them. */
void chart_batch_finish(chart_batch *b);
/* After chart_batch_finish: what writing file i returned (chart_painter_png,
 * _svg or chart_write_txt), with *err the errno of an ANNREP_ERR_IO (else
 * 0).  ANNREP_ERR_INTERNAL for an index never added. */
annrep_status chart_batch_result(const chart_batch *b, size_t i, int *err);
/* Finishes first if needed.  chart_batch_free(NULL) does nothing. */
void chart_batch_free(chart_batch *b);

/* charts/<id>.txt (alttext.c): the alt text, one line, UTF-8, ending in a
 * newline.  Returns ANNREP_OK; ANNREP_ERR_IO with errno set (EIO when the
 * system gave none); ANNREP_ERR_INTERNAL for a NULL chart or path. */
annrep_status chart_write_txt(const chart *c, const char *path);

/* Free c and everything it owns.  chart_free(NULL) does nothing. */
void chart_free(chart *c);

#endif
