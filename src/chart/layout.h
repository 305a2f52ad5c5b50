/* layout.h - from chart model to drawing operations (internal to src/chart).
 *
 * Axis ranges, nice ticks, text measured with the embedded Liberation Sans
 * metrics (FreeType, so the numbers do not depend on a painter), label
 * wrapping and placement.  Knows the chart model and ops.h; knows no painter,
 * no file format, no page. */
#ifndef ANNREP_CHART_LAYOUT_H
#define ANNREP_CHART_LAYOUT_H

#include "chart_model.h"
#include "ops.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- ticks.c ---- */

#define CHART_TICKS_MAX 16

typedef struct {
    double lo, hi;   /* axis range: the first and last tick */
    double step;     /* 1, 2 or 5 times a power of ten */
    int n;           /* number of ticks, lo + i*step for i < n (4..6 for usual data) */
    int decimals;    /* decimals the tick labels need */
} chart_ticks;

/* Nice ticks covering [dmin, dmax] and zero (bars start at zero), at most
 * six ticks, steps of 1, 2 or 5 x 10^k.  integer: steps below 1 are not
 * used (counts, money).  All-zero data give 0..5 step 1. */
void chart_nice_ticks(double dmin, double dmax, bool integer, chart_ticks *t);

/* ---- font.c ---- */

/* Open the Liberation Sans faces in fonts_dir (NULL: <data dir>/fonts) for
 * the calling thread: every thread measures with faces of its own (FreeType
 * faces are not shared between threads), kept until chart_fonts_close() or
 * another folder is opened.  Returns ANNREP_OK, or ANNREP_ERR_IO when a face
 * cannot be loaded (a missing or unreadable font file). */
annrep_status chart_fonts_open(const char *fonts_dir);
/* The folder chart_fonts_open last used successfully on this thread, or NULL. */
const char *chart_fonts_dir(void);
/* The file name of a face in a fonts folder, "LiberationSans-Regular.ttf". */
const char *chart_font_file(op_font f);
/* The measuring functions below use the calling thread's faces (none open:
 * widths 0, a default ascent). */
/* Advance width of UTF-8 text at size points (no kerning: neither cairo's
 * show_text nor libharu applies it). */
double chart_text_width(const char *text, op_font f, double size);
/* Ascender height above the baseline at size points. */
double chart_font_ascent(op_font f, double size);

/* Wrap text into lines no wider than maxw; a single word wider than maxw
 * gets a line of its own, broken into pieces when wider than maxw > 0.  Returns the number of lines; *lines (caller frees
 * each and the array) receives them. */
size_t chart_wrap(const char *text, op_font f, double size, double maxw, char ***lines);
/* The same, but a word is broken (text_break_point: after a URL's / . - ?,
 * else between characters) only when wider than breakw (>= maxw): it may
 * widen its column up to that.  chart_wrap breaks at maxw. */
size_t chart_wrap_within(const char *text, op_font f, double size, double maxw, double breakw,
                         char ***lines);
void chart_lines_free(char **lines, size_t n);

/* ---- layout.c ---- */

/* chart_layout_ops() (chart.h) lays out the frame and calls cl_plot(). */

/* What the layout decided for the plot; exposed for tests. */
typedef struct {
    chart_kind kind;        /* after turning vertical bars horizontal */
    chart_ticks ticks;
    bool axis_drawn;        /* value axis with gridlines */
    bool value_labels;      /* direct labels at bar ends */
    double plot_x, plot_y, plot_w, plot_h;
    double zero_pos;        /* x (horizontal bars) or y (vertical) of the value zero */
    size_t max_label_lines; /* most lines any category label was wrapped to */
} chart_plot_info;

/* chart_layout_ops(), also saying what it decided in *info (NULL: not wanted).
 * Same results and contract as chart_layout_ops(). */
annrep_status chart_layout_info(const chart *c, double w, int flags, oplist *ol,
                                chart_plot_info *info);

/* ---- layout_text.c: text placement shared by layout.c and layout_plot.c ---- */

/* Text sizes and colours every part of the layout shares. */
#define CL_TITLE_SIZE 13.0
#define CL_SUBTITLE_SIZE 10.0
#define CL_LABEL_SIZE 9.5     /* category labels, legend */
#define CL_TICK_SIZE 9.0
#define CL_VALUE_SIZE 9.0
#define CL_NOTE_SIZE 8.5
#define CL_LINE_GAP 1.22      /* line height = size * CL_LINE_GAP */

typedef enum { CL_START, CL_MIDDLE, CL_END } cl_anchor;

/* Place text by anchor at a baseline (resolves the anchor with the measured width). */
void cl_text(oplist *ol, double x, double baseline, const char *text, op_font f,
             double size, uint32_t colour, cl_anchor a);
/* Wrap text to width w and set it line by line from y down; returns the y
 * below the last line. */
double cl_para(oplist *ol, const char *text, op_font f, double size, uint32_t colour,
               double x, double y, double w);

/* ---- layout_plot.c: the plot area of each kind, between legend and footer ---- */

/* Draw the plot of c in the box starting at (x, y), w wide; the plot decides
 * its own height.  Returns the y just below everything it drew. */
double cl_plot(const chart *c, oplist *ol, double x, double y, double w,
               chart_plot_info *info);

#endif
