/* prevfigs.c - read back an earlier figures.csv; see prevfigs.h.  RFC 4180
 * through libcsv, as figures.c writes it. */
#include "prevfigs.h"

#include "../util/alloc.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_MAX_BYTES (512u << 20) /* figures.csv of the largest project is a few MB */
#define S_NCOLS 7                /* key,value,display,unit,definition,sources,status */

typedef struct {
    prev_figures *out;
    char *field[S_NCOLS];
    size_t nfield;
    size_t record;      /* 0: the header */
    const char *bad;    /* why the file is not a figures.csv, or NULL */
} S_reader;

static void S_field(void *s, size_t len, void *data)
{
    S_reader *r = data;
    const char *t = s ? (const char *)s : "";
    /* figures.csv writes a field a spreadsheet would take for a formula
     * after a single quote (figures.c): the figure is what follows it. */
    static const char lead[] = "=@+-\t\r";
    if (len >= 2 && t[0] == '\'' &&
        ((t[1] && strchr(lead, t[1])) ||
         (len >= 3 && t[1] == '\'' && t[2] && strchr(lead, t[2])))) {
        t++;
        len--;
    }
    if (r->nfield < S_NCOLS)
        r->field[r->nfield] = xstrndup(t, len);
    r->nfield++;
}

static void S_record(int c, void *data)
{
    (void)c;
    S_reader *r = data;
    size_t nf = r->nfield < S_NCOLS ? r->nfield : S_NCOLS;
    if (!r->bad) {
        if (r->nfield < 3)
            r->bad = "a record has fewer than three fields";
        else if (r->record == 0 &&
                 (strcmp(r->field[0], "key") != 0 || strcmp(r->field[2], "display") != 0))
            r->bad = "its header is not annrep's (key,value,display,...)";
        else if (r->record > 0) {
            prev_figures *o = r->out;
            if (o->n == o->cap) {
                o->cap = o->cap ? o->cap * 2 : 256;
                o->keys = xrealloc(o->keys, o->cap * sizeof *o->keys);
                o->displays = xrealloc(o->displays, o->cap * sizeof *o->displays);
            }
            o->keys[o->n] = r->field[0];
            o->displays[o->n] = r->field[2];
            o->n++;
            r->field[0] = r->field[2] = NULL;
        }
    }
    for (size_t i = 0; i < nf; i++) {
        free(r->field[i]);
        r->field[i] = NULL;
    }
    r->nfield = 0;
    r->record++;
}

static void S_warn(diag_list *dl, const char *path, const char *why)
{
    diag_add(dl, DIAG_WARNING, path, 0, NULL, NULL,
             "the figures.csv of the last build could not be read (%s): changes.csv counts "
             "every figure as added",
             why);
}

void prev_figures_load(const char *path, prev_figures *out, diag_list *dl)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT)
            S_warn(dl, path, strerror(errno));
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)S_MAX_BYTES) {
        S_warn(dl, path, S_ISREG(st.st_mode) ? "it is too large" : "it is not a regular file");
        close(fd);
        return;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        close(fd);
        S_warn(dl, path, "out of memory");
        return;
    }
    S_reader r;
    memset(&r, 0, sizeof r);
    r.out = out;
    char buf[65536];
    ssize_t got;
    const char *ioerr = NULL;
    while (!r.bad && (got = read(fd, buf, sizeof buf)) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            ioerr = strerror(errno);
            break;
        }
        if (csv_parse(&p, buf, (size_t)got, S_field, S_record, &r) != (size_t)got)
            r.bad = "it is not valid CSV";
    }
    if (!r.bad && !ioerr && csv_fini(&p, S_field, S_record, &r) != 0)
        r.bad = "it ends inside a quoted field";
    csv_free(&p);
    close(fd);
    for (size_t i = 0; i < S_NCOLS; i++)
        free(r.field[i]);
    if (ioerr || r.bad) {
        S_warn(dl, path, ioerr ? ioerr : r.bad);
        prev_figures_free(out);
        return;
    }
    out->present = true;
}

void prev_figures_free(prev_figures *pf)
{
    for (size_t i = 0; i < pf->n; i++) {
        free(pf->keys[i]);
        free(pf->displays[i]);
    }
    free(pf->keys);
    free(pf->displays);
    memset(pf, 0, sizeof *pf);
}
