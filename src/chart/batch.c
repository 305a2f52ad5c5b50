/* batch.c - the chart files of a build, drawn by a second thread while the
 * caller writes its other outputs; see chart.h.
 *
 * The files are taken one at a time, in the order added, by whichever of
 * the two threads is free: the second thread from chart_batch_start() on,
 * the caller's from chart_batch_finish() on (once its own writing is done).
 * Each thread draws with a painter of its own (its own fonts, cairo font
 * faces and image buffer) and measures with its own faces (font.c), so no
 * FreeType face is ever used by two threads.  A file's bytes depend only on
 * its chart, never on which thread drew it or what it drew before
 * (test_chart_png.c, and tests/e2e/reproducible.sh over whole builds); the
 * results are kept per file and read by the caller after both threads are
 * done, so what it reports comes in the order the files were added.
 * Knows threads; writes nothing but the files it is given. */
#include "chart.h"

#include "../util/alloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct {
    const chart *c;
    chart_file_kind kind;
    char *path;
    annrep_status st;
    int err;
} S_file;

struct chart_batch {
    char *fonts_dir;
    S_file *f;
    size_t n, cap;
    atomic_size_t next;     /* the first file no thread has taken */
    pthread_t thread;
    bool started;           /* the second thread runs (and must be joined) */
};

chart_batch *chart_batch_new(const char *fonts_dir)
{
    chart_batch *b = xcalloc(1, sizeof *b);
    b->fonts_dir = xstrdup(fonts_dir);
    atomic_init(&b->next, 0);
    return b;
}

size_t chart_batch_add(chart_batch *b, const chart *c, chart_file_kind kind, const char *path)
{
    XGROW(b->f, b->cap, b->n + 1);
    S_file *f = &b->f[b->n];
    f->c = c;
    f->kind = kind;
    f->path = xstrdup(path);
    f->st = ANNREP_ERR_INTERNAL;   /* not drawn (yet) */
    f->err = 0;
    return b->n++;
}

/* The next file nobody has taken, or NULL when all are taken. */
static S_file *S_take(chart_batch *b)
{
    size_t i = atomic_fetch_add(&b->next, 1);
    return i < b->n ? &b->f[i] : NULL;
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
        f->st = chart_painter_png(*painter, f->c, f->path);
    } else {
        f->st = chart_painter_svg(*painter, f->c, f->path);
    }
    f->err = f->st == ANNREP_ERR_IO ? errno : 0;
}

/* Draw files until none is left, with a painter of this thread's own. */
static void S_work(chart_batch *b)
{
    chart_painter *painter = NULL;
    S_file *f;
    while ((f = S_take(b)) != NULL)
        S_draw(b, f, &painter);
    chart_painter_free(painter);
}

static void *S_thread(void *arg)
{
    S_work(arg);
    chart_fonts_close();   /* this thread's measuring faces */
    return NULL;
}

void chart_batch_start(chart_batch *b)
{
    if (!b || b->started || b->n == 0)
        return;
    /* When no thread can be started, chart_batch_finish draws everything. */
    b->started = pthread_create(&b->thread, NULL, S_thread, b) == 0;
}

void chart_batch_finish(chart_batch *b)
{
    if (!b)
        return;
    S_work(b);
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
    for (size_t i = 0; i < b->n; i++)
        free(b->f[i].path);
    free(b->f);
    free(b->fonts_dir);
    free(b);
}
