/* table.c - where a table's cells and texts live: large blocks, freed
 * together, so that a return of a million rows costs its 16-byte cells and
 * its distinct texts, not a malloc per cell (see returns.h). */
#include "returns.h"

#include "../util/alloc.h"

#include <stdlib.h>
#include <string.h>

#define S_BLOCK (1u << 20)  /* bytes of one block, unless one item is larger */

struct table_store {
    char **blocks;
    size_t n, cap;
    char *cur;      /* free space of the newest block of cells */
    size_t left;
    char *tcur;     /* free space of the newest block of texts (no alignment) */
    size_t tleft;
};

/* n bytes aligned for a cell (or any scalar), from t's store. */
static void *S_alloc(table *t, size_t n)
{
    if (!t->store)
        t->store = xcalloc(1, sizeof *t->store);
    table_store *s = t->store;
    size_t align = _Alignof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n > s->left) {
        size_t size = n > S_BLOCK ? n : S_BLOCK;
        XGROW(s->blocks, s->cap, s->n + 1);
        s->blocks[s->n++] = s->cur = xmalloc(size);
        s->left = size;
    }
    void *p = s->cur;
    s->cur += n;
    s->left -= n;
    return p;
}

/* n bytes for texts, packed. */
static char *S_alloc_text(table *t, size_t n)
{
    if (!t->store)
        t->store = xcalloc(1, sizeof *t->store);
    table_store *s = t->store;
    if (n > s->tleft) {
        size_t size = n > S_BLOCK ? n : S_BLOCK;
        XGROW(s->blocks, s->cap, s->n + 1);
        s->blocks[s->n++] = s->tcur = xmalloc(size);
        s->tleft = size;
    }
    char *p = s->tcur;
    s->tcur += n;
    s->tleft -= n;
    return p;
}

cell *table_add_row(table *t, size_t ncols, int line, bool total)
{
    XGROW(t->rows, t->cap, t->nrows + 1);
    row *r = &t->rows[t->nrows++];
    r->line = line;
    r->total = total;
    r->cells = S_alloc(t, (ncols ? ncols : 1) * sizeof *r->cells);
    memset(r->cells, 0, (ncols ? ncols : 1) * sizeof *r->cells);
    return r->cells;
}

const char *table_text(table *t, const char *s, size_t n)
{
    char *p = S_alloc_text(t, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int cell_decimals(const cell *c)
{
    const char *dot = c && c->text ? strchr(c->text, '.') : NULL;
    int n = 0;
    while (dot && dot[1 + n] >= '0' && dot[1 + n] <= '9')
        n++;
    return n;
}

void table_free(table *t)
{
    if (!t)
        return;
    if (t->store) {
        for (size_t i = 0; i < t->store->n; i++)
            free(t->store->blocks[i]);
        free(t->store->blocks);
        free(t->store);
    }
    free(t->rows);
    free(t->path);
    const schema *sch = t->schema;  /* kept, as the loader's callers expect */
    memset(t, 0, sizeof *t);
    t->schema = sch;
}
