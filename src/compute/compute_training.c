/* compute_training.c - figures and tables from training_sessions.csv and
 * elearning.csv.
 *
 * Sessions, courses, places and attendance (fill rate = attended / places),
 * per course grouped by slug; e-learning completions per module.  A
 * declared total row (row.total) is checked against the sum of the rows
 * above it and never added.  Knows those returns' columns; nothing
 * about files or outputs. */
#include "compute_internal.h"

#include "../util/alloc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum { CO_SESSIONS, CO_PLACES, CO_ATTENDED };

/* One year's sessions by course. */
typedef struct {
    cx_groups co;
    int64_t sessions, places, attended;
} training_counts;

/* Tally the sessions; check attendance against places and each declared
 * Total row's places and attended against the sum of the rows above it. */
static void S_count(cctx *c, const char *file, training_counts *k)
{
    const table *t = c->cur;
    memset(k, 0, sizeof *k);
    for (size_t r = 0; r < t->nrows; r++) {
        if (cx_is_total(t, r))
            continue;
        const cell *cs = cx_cell(t, r, TRN_COURSE);
        const cell *pl = cx_cell(t, r, TRN_PLACES), *at = cx_cell(t, r, TRN_ATTENDED);
        int64_t p = pl ? pl->v.i : 0, a = at ? at->v.i : 0;
        int line = t->rows[r].line;
        if (a > p) {
            char v[32];
            snprintf(v, sizeof v, "%" PRId64, a);
            cx_recon(c, file, line, "attended", v,
                     "more delegates attended than the %" PRId64 " places offered: expected "
                     "attended to be at most places", p);
        }
        size_t gi = cx_group_get(&k->co, cs ? cs->text : "", line);
        k->co.items[gi].in_cur = true;
        k->co.items[gi].n[CO_SESSIONS]++;
        k->co.items[gi].n[CO_PLACES] += p;
        k->co.items[gi].n[CO_ATTENDED] += a;
        k->sessions++;
        k->places += p;
        k->attended += a;
    }
    static const int sums[] = {TRN_PLACES, TRN_ATTENDED, -1};
    cx_check_totals(c, t, file, sums);
}

static void S_figures(cctx *c, const training_counts *k, const char *src)
{
    cx_fig_count(c, "training.sessions.total", k->sessions,
                 cx_def(c, "Multi-agency training sessions delivered in %s", c->year), src);
    cx_fig_count(c, "training.courses.total", (int64_t)k->co.n,
                 "Different multi-agency training courses delivered", src);
    cx_fig_count(c, "training.places.total", k->places, "Training places offered", src);
    cx_fig_count(c, "training.attended.total", k->attended, "Delegates who attended training",
                 src);
    cx_fig_pct(c, "training.fill_rate.pct", (double)k->attended, (double)k->places,
               "Delegates who attended as a percentage of places offered (fill rate)", src);
    for (size_t i = 0; i < k->co.n; i++) {
        const cx_group *g = &k->co.items[i];
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
}

/* The table by course, and its chart of attendance against places. */
static void S_table(cctx *c, const training_counts *k, const char *src)
{
    char title[128];
    snprintf(title, sizeof title, "Multi-agency training by course, %s", c->year);
    dataset *ds = cx_dataset(c, "training_course", "Training_course", title,
                             "Multi-agency training sessions delivered, places offered and "
                             "delegates who attended, by course.",
                             src);
    ds_add_col(ds, "course", "Course", DFMT_TEXT);
    ds_add_col(ds, "sessions", "Sessions (number)", DFMT_COUNT);
    ds_add_col(ds, "places", "Places (number)", DFMT_COUNT);
    ds_add_col(ds, "attended", "Attended (number)", DFMT_COUNT);
    ds_add_col(ds, "fill_rate", "Fill rate (%)", DFMT_PCT);
    for (size_t i = 0; i <= k->co.n; i++) {
        bool total = i == k->co.n;
        const cx_group *g = total ? NULL : &k->co.items[i];
        int64_t s = total ? k->sessions : g->n[CO_SESSIONS];
        int64_t p = total ? k->places : g->n[CO_PLACES];
        int64_t a = total ? k->attended : g->n[CO_ATTENDED];
        size_t r = total ? ds_add_total_row(ds) : ds_add_row(ds);
        ds_set_text(ds, r, 0, total ? "Total" : g->label);
        ds_set_num(ds, r, 1, (double)s);
        ds_set_num(ds, r, 2, (double)p);
        ds_set_num(ds, r, 3, (double)a);
        cx_pct_cell(ds, r, 4, (double)a, (double)p);
    }

    snprintf(title, sizeof title, "Multi-agency training: attendance against places, %s",
             c->year);
    ds_chart *ch = ds_add_chart(ds, "training_fill", DS_CHART_HBAR, DS_CHART_COUNT, title,
                                "Number of delegates who attended, against the places offered, "
                                "by course");
    ds_chart_add_series(ch, "attended", "Attended");
    ds_chart_add_series(ch, "places", "Places offered");
    ds_chart_set(&ch->noun, "delegates");
    ch->overlay = true;
    if (k->places > 0) {
        char *fill = fmt_pct((double)k->attended, (double)k->places);
        strbuf b = STRBUF_INIT;
        sb_appendf(&b, "Across all courses, %s of places offered were taken up.", fill);
        ds_chart_set(&ch->note, sb_cstr(&b));
        sb_free(&b);
        free(fill);
    }
}

void compute_training(cctx *c)
{
    static const int summed[] = {TRN_PLACES, TRN_ATTENDED, -1};
    if (!cx_sums_fit(c, summed))
        return;
    char *src = cx_source(c, false);
    char *file = cx_diag_file(c, false);
    training_counts k;
    S_count(c, file, &k);
    S_figures(c, &k, src);
    cx_change_count(c, "training.sessions.total", "training.sessions",
                    "multi-agency training sessions delivered");
    cx_change_count(c, "training.places.total", "training.places", "training places offered");
    cx_change_count(c, "training.attended.total", "training.attended",
                    "delegates who attended training");
    cx_change_number(c, "training.fill_rate.pct", "training.fill_rate", "the fill rate", 1,
                     "percent", "percentage points", false);
    S_table(c, &k, src);
    cx_groups_free(&k.co);
    free(file);
    free(src);
}

void compute_elearning(cctx *c)
{
    static const int summed[] = {ELN_COMPLETIONS, -1};
    if (!cx_sums_fit(c, summed))
        return;
    const table *t = c->cur;
    char *src = cx_source(c, false);
    char *file = cx_diag_file(c, false);
    cx_groups mo = CX_GROUPS_INIT;
    int64_t total = 0;
    static const int sums[] = {ELN_COMPLETIONS, -1};
    cx_check_totals(c, t, file, sums);
    for (size_t r = 0; r < t->nrows; r++) {
        if (cx_is_total(t, r))
            continue;
        const cell *m = cx_cell(t, r, ELN_MODULE), *n = cx_cell(t, r, ELN_COMPLETIONS);
        size_t gi = cx_group_get(&mo, m ? m->text : "", t->rows[r].line);
        mo.items[gi].n[0] += n ? n->v.i : 0;
        total += n ? n->v.i : 0;
    }
    cx_fig_count(c, "training.elearning.total", total,
                 cx_def(c, "E-learning modules completed in %s", c->year), src);
    cx_fig_count(c, "training.elearning.modules", (int64_t)mo.n, "E-learning modules offered",
                 src);
    cx_change_count(c, "training.elearning.total", "training.elearning",
                    "e-learning modules completed");
    for (size_t i = 0; i < mo.n; i++)
        cx_fig_count(c, cx_key(c, "training.elearning.%s.completions", mo.items[i].slug),
                     mo.items[i].n[0],
                     cx_def(c, "Completions of the e-learning module: %s", mo.items[i].label),
                     src);

    char title[128];
    snprintf(title, sizeof title, "E-learning completions by module, %s", c->year);
    dataset *ds = cx_dataset(c, "training_elearning", "Training_elearning", title,
                             "Completions of the partnership's e-learning modules.", src);
    ds_add_col(ds, "module", "Module", DFMT_TEXT);
    ds_add_col(ds, "completions", "Completions (number)", DFMT_COUNT);
    for (size_t i = 0; i <= mo.n; i++) {
        size_t r = i == mo.n ? ds_add_total_row(ds) : ds_add_row(ds);
        ds_set_text(ds, r, 0, i == mo.n ? "Total" : mo.items[i].label);
        ds_set_num(ds, r, 1, (double)(i == mo.n ? total : mo.items[i].n[0]));
    }
    cx_groups_free(&mo);
    free(file);
    free(src);
}

void trend_training(trend *t)
{
    dataset *ds = trend_table(t, "training_trend", "Training_trend",
                              "Multi-agency training by year",
                              "Multi-agency training sessions delivered, places offered, "
                              "delegates who attended and the fill rate, in each year.");
    trend_measure(t, "training.sessions.total", "sessions", "Sessions (number)", DFMT_COUNT,
                  "training sessions delivered");
    trend_measure(t, "training.places.total", "places", "Places (number)", DFMT_COUNT,
                  "training places offered");
    trend_measure(t, "training.attended.total", "attended", "Attended (number)", DFMT_COUNT,
                  "delegates who attended training");
    trend_measure(t, "training.fill_rate.pct", "fill_rate", "Fill rate (%)", DFMT_PCT,
                  "the training fill rate");
    ds_chart *ch = ds_add_chart(ds, "training_trend", DS_CHART_BAR, DS_CHART_COUNT, ds->title,
                                "Number of places offered and of delegates who attended");
    ds_chart_add_series(ch, "places", "Places offered");
    ds_chart_add_series(ch, "attended", "Attended");
    ds_chart_set(&ch->noun, "delegates");
    ds_chart_set(&ch->catword, "year");
    ch->ordered = true;
}
