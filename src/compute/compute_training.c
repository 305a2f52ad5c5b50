/* compute_training.c - figures and tables from training_sessions.csv and
 * elearning.csv.
 *
 * Sessions, courses, places and attendance (fill rate = attended / places),
 * per course grouped by slug; e-learning completions per module.  A row
 * named Total (or Grand Total) is a declared total: checked against the sum
 * of the other rows and never added.  Knows those returns' columns; nothing
 * about files or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum { CO_SESSIONS, CO_PLACES, CO_ATTENDED };

typedef struct {
    int line;
    const char *label;
    int64_t a, b; /* declared values */
} declared_total;

void compute_training(cctx *c)
{
    const table *t = cx_cur(c, RET_TRAINING);
    char *src = cx_source(c, RET_TRAINING, false);
    char *file = cx_diag_file(c, RET_TRAINING, false);
    cx_groups co = {NULL, 0, 0};
    declared_total *dt = NULL;
    size_t ndt = 0, dtcap = 0;
    int64_t sessions = 0, places = 0, attended = 0;

    for (size_t r = 0; r < t->nrows; r++) {
        const cell *cs = cx_cell(t, r, TRN_COURSE);
        const cell *pl = cx_cell(t, r, TRN_PLACES), *at = cx_cell(t, r, TRN_ATTENDED);
        int64_t p = pl ? pl->v.i : 0, a = at ? at->v.i : 0;
        int line = t->rows[r].line;
        if (cs && cx_is_total_label(cs->text)) {
            XGROW(dt, dtcap, ndt + 1);
            dt[ndt].line = line;
            dt[ndt].label = cs->text;
            dt[ndt].a = p;
            dt[ndt].b = a;
            ndt++;
            continue;
        }
        if (a > p) {
            char v[32];
            snprintf(v, sizeof v, "%" PRId64, a);
            cx_recon(c, file, line, "attended", v,
                     "more delegates attended than the %" PRId64 " places offered: expected "
                     "attended to be at most places", p);
        }
        size_t gi = cx_group_get(&co, cs ? cs->text : "", line);
        co.items[gi].in_cur = true;
        co.items[gi].n[CO_SESSIONS]++;
        co.items[gi].n[CO_PLACES] += p;
        co.items[gi].n[CO_ATTENDED] += a;
        sessions++;
        places += p;
        attended += a;
    }
    for (size_t i = 0; i < ndt; i++)
        if (dt[i].a != places || dt[i].b != attended)
            cx_recon(c, file, dt[i].line, "course", dt[i].label,
                     "declared total row (places %" PRId64 ", attended %" PRId64
                     ") does not match the sum of the other rows (places %" PRId64
                     ", attended %" PRId64 "); the row is not added, the sum is used",
                     dt[i].a, dt[i].b, places, attended);
    free(dt);

    cx_fig_count(c, "training.sessions.total", sessions,
                 cx_def(c, "Multi-agency training sessions delivered in %s", c->year), src);
    cx_fig_count(c, "training.courses.total", (int64_t)co.n,
                 "Different multi-agency training courses delivered", src);
    cx_fig_count(c, "training.places.total", places, "Training places offered", src);
    cx_fig_count(c, "training.attended.total", attended, "Delegates who attended training",
                 src);
    cx_fig_pct(c, "training.fill_rate.pct", (double)attended, (double)places,
               "Delegates who attended as a percentage of places offered (fill rate)", src);
    for (size_t i = 0; i < co.n; i++) {
        const cx_group *g = &co.items[i];
        cx_fig_count(c, cx_key(c, "training.course.%s.sessions", g->slug), g->n[CO_SESSIONS],
                     cx_def(c, "Sessions delivered of the course: %s", g->label), src);
        cx_fig_count(c, cx_key(c, "training.course.%s.places", g->slug), g->n[CO_PLACES],
                     cx_def(c, "Places offered on the course: %s", g->label), src);
        cx_fig_count(c, cx_key(c, "training.course.%s.attended", g->slug), g->n[CO_ATTENDED],
                     cx_def(c, "Delegates who attended the course: %s", g->label), src);
        cx_fig_pct(c, cx_key(c, "training.course.%s.fill_rate.pct", g->slug),
                   (double)g->n[CO_ATTENDED], (double)g->n[CO_PLACES],
                   cx_def(c, "Attended as a percentage of places offered on the course: %s",
                          g->label),
                   src);
    }

    char title[128];
    snprintf(title, sizeof title, "Multi-agency training by course, %s", c->year);
    dataset *ds = ds_new(c->dsl, "training_course", "Training_course", title,
                         "Multi-agency training sessions delivered, places offered and "
                         "delegates who attended, by course.",
                         src, RET_TRAINING);
    ds_add_col(ds, "Course", DFMT_TEXT);
    ds_add_col(ds, "Sessions (number)", DFMT_COUNT);
    ds_add_col(ds, "Places (number)", DFMT_COUNT);
    ds_add_col(ds, "Attended (number)", DFMT_COUNT);
    ds_add_col(ds, "Fill rate (%)", DFMT_PCT);
    for (size_t i = 0; i <= co.n; i++) {
        bool total = i == co.n;
        const cx_group *g = total ? NULL : &co.items[i];
        int64_t s = total ? sessions : g->n[CO_SESSIONS];
        int64_t p = total ? places : g->n[CO_PLACES];
        int64_t a = total ? attended : g->n[CO_ATTENDED];
        size_t r = ds_add_row(ds);
        ds_set_text(ds, r, 0, total ? "Total" : g->label);
        ds_set_num(ds, r, 1, (double)s);
        ds_set_num(ds, r, 2, (double)p);
        ds_set_num(ds, r, 3, (double)a);
        cx_pct_cell(ds, r, 4, (double)a, (double)p);
    }
    cx_groups_free(&co);
    free(file);
    free(src);
}

void compute_elearning(cctx *c)
{
    const table *t = cx_cur(c, RET_ELEARNING);
    char *src = cx_source(c, RET_ELEARNING, false);
    char *file = cx_diag_file(c, RET_ELEARNING, false);
    cx_groups mo = {NULL, 0, 0};
    int64_t total = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *m = cx_cell(t, r, ELN_MODULE), *n = cx_cell(t, r, ELN_COMPLETIONS);
        if (m && cx_is_total_label(m->text))
            continue; /* checked below, once the sum is known */
        size_t gi = cx_group_get(&mo, m ? m->text : "", t->rows[r].line);
        mo.items[gi].n[0] += n ? n->v.i : 0;
        total += n ? n->v.i : 0;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *m = cx_cell(t, r, ELN_MODULE), *n = cx_cell(t, r, ELN_COMPLETIONS);
        if (m && cx_is_total_label(m->text) && n && n->v.i != total)
            cx_recon(c, file, t->rows[r].line, "completions", n->text,
                     "declared total row (%" PRId64 ") does not match the sum of the other "
                     "rows (%" PRId64 "); the row is not added, the sum is used",
                     n->v.i, total);
    }
    cx_fig_count(c, "training.elearning.total", total,
                 cx_def(c, "E-learning modules completed in %s", c->year), src);
    cx_fig_count(c, "training.elearning.modules", (int64_t)mo.n, "E-learning modules offered",
                 src);
    for (size_t i = 0; i < mo.n; i++)
        cx_fig_count(c, cx_key(c, "training.elearning.%s.completions", mo.items[i].slug),
                     mo.items[i].n[0],
                     cx_def(c, "Completions of the e-learning module: %s", mo.items[i].label),
                     src);

    char title[128];
    snprintf(title, sizeof title, "E-learning completions by module, %s", c->year);
    dataset *ds = ds_new(c->dsl, "training_elearning", "Training_elearning", title,
                         "Completions of the partnership's e-learning modules.", src,
                         RET_ELEARNING);
    ds_add_col(ds, "Module", DFMT_TEXT);
    ds_add_col(ds, "Completions (number)", DFMT_COUNT);
    for (size_t i = 0; i <= mo.n; i++) {
        size_t r = ds_add_row(ds);
        ds_set_text(ds, r, 0, i == mo.n ? "Total" : mo.items[i].label);
        ds_set_num(ds, r, 1, (double)(i == mo.n ? total : mo.items[i].n[0]));
    }
    cx_groups_free(&mo);
    free(file);
    free(src);
}
