/* disclose.c - disclosure control; see disclose.h.
 *
 * Works on figure indices: every key compute named (a sum's total and
 * parts, a figure's inputs) is looked up once.  A key with no figure
 * behind it is an unknown that is not secret: nothing can be worked out
 * through it, and nothing is suppressed for it. */
#include "disclose.h"

#include "util/alloc.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_NONE ((size_t)-1)

/* A sum with its members as figure indices. */
typedef struct {
    const char *name;
    size_t total;
    size_t *parts;
    size_t nparts;
} S_sum;

typedef struct {
    figstore *fs;
    bool *secret;      /* per figure: suppressed so far */
    bool *small;       /* per figure: suppressed as a count from 1 to the threshold */
    S_sum *sums;
    size_t nsums;
    size_t **inputs;   /* per figure: its inputs' indices */
    size_t *ninputs;
    disclose_counts c;
} S_ctx;

static size_t S_index(const figstore *fs, const char *key)
{
    const figure *f = fig_find(fs, key);
    return f ? (size_t)(f - fs->items) : S_NONE;
}

static void S_resolve(S_ctx *x)
{
    figstore *fs = x->fs;
    size_t n = fs->n ? fs->n : 1;
    x->secret = xcalloc(n, sizeof *x->secret);
    x->small = xcalloc(n, sizeof *x->small);
    x->inputs = xcalloc(n, sizeof *x->inputs);
    x->ninputs = xcalloc(n, sizeof *x->ninputs);
    for (size_t i = 0; i < fs->n; i++) {
        const figure *f = &fs->items[i];
        if (!f->ninputs)
            continue;
        x->inputs[i] = xmalloc(f->ninputs * sizeof *x->inputs[i]);
        for (size_t k = 0; k < f->ninputs; k++) {
            size_t in = S_index(fs, f->inputs[k]);
            if (in != S_NONE)
                x->inputs[i][x->ninputs[i]++] = in;
        }
    }
    x->sums = xcalloc(fs->nsums ? fs->nsums : 1, sizeof *x->sums);
    x->nsums = fs->nsums;
    for (size_t s = 0; s < fs->nsums; s++) {
        const fig_sum *in = &fs->sums[s];
        S_sum *out = &x->sums[s];
        out->name = in->name;
        out->total = S_index(fs, in->total);
        out->parts = xmalloc((in->nparts ? in->nparts : 1) * sizeof *out->parts);
        out->nparts = in->nparts;
        for (size_t k = 0; k < in->nparts; k++)
            out->parts[k] = S_index(fs, in->parts[k]);
    }
}

static void S_ctx_free(S_ctx *x)
{
    for (size_t i = 0; i < x->fs->n; i++)
        free(x->inputs[i]);
    free(x->inputs);
    free(x->ninputs);
    for (size_t s = 0; s < x->nsums; s++)
        free(x->sums[s].parts);
    free(x->sums);
    free(x->secret);
    free(x->small);
}

/* Shown in the public edition as it stands. */
static bool S_shown(const S_ctx *x, size_t i)
{
    return i != S_NONE && !x->secret[i] && x->fs->items[i].status == FIG_SHOWN;
}

/* ---- 1. primary ------------------------------------------------------ */

static void S_primary(S_ctx *x, int threshold)
{
    for (size_t i = 0; i < x->fs->n; i++) {
        const figure *f = &x->fs->items[i];
        if (f->covered && S_shown(x, i) && f->value >= 0.5 && f->value < threshold + 0.5) {
            x->secret[i] = x->small[i] = true;
            x->c.primary++;
        }
    }
}

/* ---- 2. derived ------------------------------------------------------ */

/* Suppress every shown figure with a suppressed input; true when any was. */
static bool S_derived(S_ctx *x)
{
    bool changed = false, again = true;
    while (again) {
        again = false;
        for (size_t i = 0; i < x->fs->n; i++) {
            if (!S_shown(x, i))
                continue;
            for (size_t k = 0; k < x->ninputs[i]; k++)
                if (x->secret[x->inputs[i][k]]) {
                    x->secret[i] = true;
                    x->c.derived++;
                    again = changed = true;
                    break;
                }
        }
    }
    return changed;
}

/* ---- 3. secondary ---------------------------------------------------- */

/* How the members of sum s stand: *secret of them suppressed, *unknown
 * neither shown nor suppressed (no figure, or one without a value). */
static void S_tally(const S_ctx *x, const S_sum *s, size_t *secret, size_t *unknown)
{
    *secret = *unknown = 0;
    for (size_t k = 0; k <= s->nparts; k++) {
        size_t i = k < s->nparts ? s->parts[k] : s->total;
        if (S_shown(x, i))
            continue;
        if (i != S_NONE && x->secret[i])
            (*secret)++;
        else
            (*unknown)++;
    }
}

/* The smallest shown non-zero part of s, the first on a tie; S_NONE. */
static size_t S_smallest_part(const S_ctx *x, const S_sum *s)
{
    size_t best = S_NONE;
    for (size_t k = 0; k < s->nparts; k++) {
        size_t i = s->parts[k];
        if (!S_shown(x, i) || x->fs->items[i].value == 0.0)
            continue;
        if (best == S_NONE || fabs(x->fs->items[i].value) < fabs(x->fs->items[best].value))
            best = i;
    }
    return best;
}

static bool S_secondary(S_ctx *x)
{
    bool changed = false;
    for (size_t s = 0; s < x->nsums; s++) {
        const S_sum *sum = &x->sums[s];
        size_t secret, unknown;
        S_tally(x, sum, &secret, &unknown);
        if (secret != 1 || unknown != 0)
            continue;
        size_t pick = S_smallest_part(x, sum);
        if (pick == S_NONE && S_shown(x, sum->total))
            pick = sum->total;
        if (pick == S_NONE)
            continue; /* the audit says why */
        x->secret[pick] = true;
        x->c.secondary++;
        changed = true;
    }
    return changed;
}

/* ---- 4. audit -------------------------------------------------------- */

/* Everything the public edition lets a reader work out: start from the
 * shown figures and solve every sum with one member unknown, until none
 * is left.  A suppressed figure so found is a failure. */
static bool S_audit(const S_ctx *x, diag_list *dl)
{
    const figstore *fs = x->fs;
    bool *known = xcalloc(fs->n ? fs->n : 1, sizeof *known);
    for (size_t i = 0; i < fs->n; i++)
        known[i] = S_shown(x, i);
    bool ok = true, again = true;
    while (again) {
        again = false;
        for (size_t s = 0; s < x->nsums; s++) {
            const S_sum *sum = &x->sums[s];
            size_t nunknown = 0, which = S_NONE;
            for (size_t k = 0; k <= sum->nparts && nunknown < 2; k++) {
                size_t i = k < sum->nparts ? sum->parts[k] : sum->total;
                if (i == S_NONE || !known[i]) {
                    nunknown++;
                    which = i;
                }
            }
            /* Only a suppressed figure has a value to find: one with no
             * value (not in the return) stays unknown. */
            if (nunknown != 1 || which == S_NONE || !x->secret[which])
                continue;
            known[which] = again = true;
            if (ok)
                diag_add(dl, DIAG_ERROR, NULL, 0, NULL, NULL,
                         "internal error: disclosure control would publish a suppressed "
                         "figure: %s can be worked out from the shown figures of %s; "
                         "nothing was written (please report this)",
                         fs->items[which].key, sum->name);
            ok = false;
        }
    }
    for (size_t i = 0; i < fs->n && ok; i++) {
        if (!S_shown(x, i))
            continue;
        for (size_t k = 0; k < x->ninputs[i]; k++)
            if (x->secret[x->inputs[i][k]]) {
                diag_add(dl, DIAG_ERROR, NULL, 0, NULL, NULL,
                         "internal error: disclosure control would publish %s, worked out "
                         "from the suppressed figure %s; nothing was written (please report "
                         "this)",
                         fs->items[i].key, fs->items[x->inputs[i][k]].key);
                ok = false;
                break;
            }
    }
    free(known);
    return ok;
}

/* ---- 5. marking ------------------------------------------------------ */

static void S_mark_cells(S_ctx *x, dataset_list *dsl, int threshold)
{
    for (size_t d = 0; dsl && d < dsl->n; d++) {
        dataset *ds = dsl->items[d];
        ds->suppressed_below = threshold + 1;
        for (size_t i = 0; i < ds->nrows * ds->ncols; i++) {
            dcell *cell = &ds->cells[i];
            if (!cell->key)
                continue;
            const figure *f = fig_find(x->fs, cell->key);
            if (!f || f->status != FIG_SUPPRESSED || cell->kind == DC_C)
                continue;
            free(cell->text);
            cell->text = NULL;
            cell->kind = DC_C;
            cell->num = 0.0;
            x->c.cells++;
        }
    }
}

static void S_meta_figures(figstore *fs, int threshold, size_t suppressed)
{
    char d[32];
    snprintf(d, sizeof d, "%d", threshold);
    fig_set(fs, "disclosure.threshold", true, threshold, d, "count",
            threshold > 0 ? "Counts of people from 1 to this number are suppressed in this "
                            "edition (0: nothing is suppressed)"
                          : "Counts of people from 1 to this number are suppressed in this "
                            "edition (0: nothing is suppressed: the restricted edition)",
            "report.ini [disclosure]");
    snprintf(d, sizeof d, "%d", threshold + 1);
    fig_set(fs, "disclosure.fewer_than", true, threshold + 1, d, "count",
            "A suppressed count is fewer than this number", "report.ini [disclosure]");
    snprintf(d, sizeof d, "%zu", suppressed);
    fig_set(fs, "disclosure.suppressed", true, (double)suppressed, d, "count",
            "Figures of this edition not shown to protect the people counted",
            "report.ini [disclosure]");
}

annrep_status disclose_apply(figstore *fs, dataset_list *dsl, int threshold,
                             disclose_counts *counts, diag_list *dl)
{
    S_ctx x;
    memset(&x, 0, sizeof x);
    x.fs = fs;
    annrep_status st = ANNREP_OK;
    if (threshold > 0) {
        S_resolve(&x);
        S_primary(&x, threshold);
        bool again = true;
        while (again) {
            again = S_derived(&x);
            again = S_secondary(&x) || again;
        }
        if (!S_audit(&x, dl)) {
            st = ANNREP_ERR_INTERNAL;
        } else {
            for (size_t i = 0; i < fs->n; i++)
                if (x.secret[i])
                    fig_suppress(fs, fs->items[i].key, x.small[i]);
            S_mark_cells(&x, dsl, threshold);
        }
        S_ctx_free(&x);
    }
    if (st == ANNREP_OK)
        S_meta_figures(fs, threshold, x.c.primary + x.c.derived + x.c.secondary);
    if (counts)
        *counts = x.c;
    return st;
}
