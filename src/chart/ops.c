/* ops.c - building the list of drawing operations; see ops.h. */
#include "ops.h"

#include "../util/alloc.h"

#include <stdlib.h>
#include <string.h>

static op *S_push(oplist *ol, op_kind kind, uint32_t colour)
{
    XGROW(ol->items, ol->cap, ol->n + 1);
    op *o = &ol->items[ol->n++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->colour = colour;
    return o;
}

void ops_rect(oplist *ol, double x, double y, double w, double h, uint32_t colour)
{
    if (w < 0) {
        x += w;
        w = -w;
    }
    if (h < 0) {
        y += h;
        h = -h;
    }
    op *o = S_push(ol, OP_RECT, colour);
    o->x = x;
    o->y = y;
    o->w = w;
    o->h = h;
}

void ops_line(oplist *ol, double x1, double y1, double x2, double y2, double lw,
              uint32_t colour)
{
    op *o = S_push(ol, OP_LINE, colour);
    o->x = x1;
    o->y = y1;
    o->x2 = x2;
    o->y2 = y2;
    o->lw = lw;
}

void ops_polyline(oplist *ol, const double *pts, size_t npts, double lw, uint32_t colour)
{
    op *o = S_push(ol, OP_POLYLINE, colour);
    o->pts = xmalloc(2 * npts * sizeof *o->pts);
    memcpy(o->pts, pts, 2 * npts * sizeof *o->pts);
    o->npts = npts;
    o->lw = lw;
}

void ops_circle(oplist *ol, double cx, double cy, double r, uint32_t colour)
{
    op *o = S_push(ol, OP_CIRCLE, colour);
    o->x = cx;
    o->y = cy;
    o->lw = r;
}

void ops_text(oplist *ol, double x, double baseline, const char *text, op_font font,
              double size, uint32_t colour)
{
    op *o = S_push(ol, OP_TEXT, colour);
    o->x = x;
    o->y = baseline;
    o->text = xstrdup(text);
    o->font = font;
    o->size = size;
}

void ops_free(oplist *ol)
{
    for (size_t i = 0; i < ol->n; i++) {
        free(ol->items[i].pts);
        free(ol->items[i].text);
    }
    free(ol->items);
    ol->items = NULL;
    ol->n = ol->cap = 0;
}
