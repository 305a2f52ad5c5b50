/* batch.c - the chart files of a build, drawn by a second thread while the
 * caller writes its other outputs; see chart.h.
 *
 * The files are taken one at a time by whichever of the two threads is free:
 * the second thread from chart_batch_start() on, taking the PNGs first (the
 * bulk of the work: painting 1,600-pixel images and compressing them), then
 * the SVGs, then the alt texts; the caller's thread from chart_batch_finish()
 * on (once its own writing is done), from the other end: alt texts, SVGs,
 * and a PNG only when the second thread is still busy with the others.  So
 * the two finish together, and usually only one thread needs the memory of
 * a PNG painter.
 * Each thread draws with a painter of its own (its own fonts, cairo font
 * faces and image buffer) and measures with its own faces (font.c), so no
 * FreeType face is ever used by two threads.  A file's bytes depend only on
 * its chart, never on which thread drew it or what it drew before
 * (test_chart_png.c, and tests/e2e/reproducible.sh over whole builds); the
 * results are kept per file and read by the caller after both threads are
 * done, so what it reports comes in the order the files were added.
 * Knows threads; writes nothing but the files it is given. */
#include "chart.h"
#include "chart_model.h"

#include "../util/alloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct {
    const chart *c;
    chart_file_kind kind;
    char *path;
    char *previous;   /* the file path replaces, or NULL */
    annrep_status st;
    int err;
} S_file;

struct chart_batch {
    char *fonts_dir;
    S_file *f;
    size_t n, cap;
    size_t *order;          /* the files, PNGs first, then SVGs, then alt texts */
    pthread_mutex_t lock;   /* guards front and back */
    bool locked;            /* lock was initialised */
    size_t front, back;     /* order[front..back) not taken yet */
    pthread_t thread;
    bool started;           /* the second thread runs (and must be joined) */
};

chart_batch *chart_batch_new(const char *fonts_dir)
{
    chart_batch *b = xcalloc(1, sizeof *b);
    b->fonts_dir = xstrdup(fonts_dir);
    /* Without a lock no second thread is started: the caller draws all. */
    b->locked = pthread_mutex_init(&b->lock, NULL) == 0;
    return b;
}

size_t chart_batch_add(chart_batch *b, const chart *c, chart_file_kind kind, const char *path,
                       const char *previous)
{
    XGROW(b->f, b->cap, b->n + 1);
    S_file *f = &b->f[b->n];
    f->c = c;
    f->kind = kind;
    f->path = xstrdup(path);
    f->previous = xstrdup(previous);
    f->st = ANNREP_ERR_INTERNAL;   /* not drawn (yet) */
    f->err = 0;
    return b->n++;
}

/* The next file nobody has taken, from the front of the order (the second
 * thread) or from its back (the caller's), or NULL when all are taken. */
static S_file *S_take(chart_batch *b, bool front)
{
    S_file *f = NULL;
    if (b->locked)
        pthread_mutex_lock(&b->lock);
    if (b->front < b->back)
        f = &b->f[b->order[front ? b->front++ : --b->back]];
    if (b->locked)
        pthread_mutex_unlock(&b->lock);
    return f;
}

/* Draw one file with *painter, made on first need. */
static void S_draw(chart_batch *b, S_file *f, chart_painter **painter)
{
    errno = 0;
    if (f->kind == CHART_FILE_TXT) {
        f->st = chart_write_txt(f->c, f->path);
    } else if (!*painter && (f->st = chart_painter_new(b->fonts_dir, painter)) != ANNREP_OK) {
        /* f->st says why */
    } else if (f->kind == CHART_FILE_PNG) {
        f->st = chart_painter_png(*painter, f->c, f->path, f->previous);
    } else {
        f->st = chart_painter_svg(*painter, f->c, f->path);
    }
    f->err = f->st == ANNREP_ERR_IO ? errno : 0;
}

/* Draw files until none is left, with a painter of this thread's own. */
static void S_work(chart_batch *b, bool front)
{
    chart_painter *painter = NULL;
    S_file *f;
    while ((f = S_take(b, front)) != NULL)
        S_draw(b, f, &painter);
    chart_painter_free(painter);
}

/* How tall a chart's image is likely to be, for the order only (a wrong
 * guess costs time, never a byte): horizontal bars grow a row per category
 * and series, the other kinds have a plot of fixed height. */
static size_t S_rows_hint(const chart *c)
{
    if (c->kind != CHART_HBAR)
        return c->ncats > 12 ? 12 : c->ncats;
    return c->ncats * (c->overlay || c->nseries == 0 ? 1 : c->nseries);
}

/* The order the files are taken in: the PNGs, tallest first, then the SVGs
 * and the alt texts, each in the order added.  Set once, before any thread
 * takes a file. */
static void S_order(chart_batch *b)
{
    if (b->order)
        return;
    b->order = xcalloc(b->n ? b->n : 1, sizeof *b->order);
    static const chart_file_kind kinds[] = {CHART_FILE_PNG, CHART_FILE_SVG, CHART_FILE_TXT};
    size_t k = 0;
    for (size_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++)
        for (size_t i = 0; i < b->n; i++)
            if (b->f[i].kind == kinds[j])
                b->order[k++] = i;
    /* the PNGs (the first ones) by the hint, stable: an insertion sort */
    size_t npng = 0;
    while (npng < k && b->f[b->order[npng]].kind == CHART_FILE_PNG)
        npng++;
    for (size_t i = 1; i < npng; i++) {
        size_t v = b->order[i], h = S_rows_hint(b->f[v].c), j = i;
        for (; j > 0 && S_rows_hint(b->f[b->order[j - 1]].c) < h; j--)
            b->order[j] = b->order[j - 1];
        b->order[j] = v;
    }
    b->front = 0;
    b->back = k;
}

static void *S_thread(void *arg)
{
    S_work(arg, true);
    chart_fonts_close();   /* this thread's measuring faces */
    return NULL;
}

void chart_batch_start(chart_batch *b)
{
    if (!b || b->started || b->n == 0 || !b->locked)
        return;
    S_order(b);
    /* When no thread can be started, chart_batch_finish draws everything. */
    b->started = pthread_create(&b->thread, NULL, S_thread, b) == 0;
}

void chart_batch_finish(chart_batch *b)
{
    if (!b)
        return;
    S_order(b);
    S_work(b, !b->started);   /* alone, it may as well go in order */
    if (b->started)
        pthread_join(b->thread, NULL);
    b->started = false;
}

annrep_status chart_batch_result(const chart_batch *b, size_t i, int *err)
{
    if (!b || i >= b->n) {
        if (err)
            *err = 0;
        return ANNREP_ERR_INTERNAL;
    }
    if (err)
        *err = b->f[i].err;
    return b->f[i].st;
}

void chart_batch_free(chart_batch *b)
{
    if (!b)
        return;
    chart_batch_finish(b);   /* never leave a thread drawing into freed memory */
    for (size_t i = 0; i < b->n; i++) {
        free(b->f[i].path);
        free(b->f[i].previous);
    }
    free(b->f);
    free(b->order);
    if (b->locked)
        pthread_mutex_destroy(&b->lock);
    free(b->fonts_dir);
    free(b);
}
