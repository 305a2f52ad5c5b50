/* pipeline.c - load -> compute -> assemble -> render -> publish; see
 * pipeline.h.
 *
 * The document is assembled once, before anything is written: a mistake in
 * the template or the narrative stops the build before any chart is drawn.
 * Every writer is then a function of the document (and the figures) that
 * writes one file under a temporary name; publish renames them all into
 * place only when every one succeeded.  Owns the exit-code policy, through
 * annrep_status_exit_code: errors in the user's input are 1, failures of
 * the system or a library are 3. */
#include "pipeline.h"

#include "chart/chart.h"
#include "compute/compute.h"
#include "compute/registry.h"
#include "disclose/disclose.h"
#include "doc/doc.h"
#include "render/publish.h"
#include "render/render.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "util/paths.h"
#include "util/status.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Everything a run holds, freed in one place. */
typedef struct {
    const run_options *opt;
    diag_list dl;
    project p;
    figstore fs;
    dataset_list dsl;
    doc_node *doc;
    publish *pub;
    char *fonts;          /* <data dir>/fonts */
    chart_batch *charts;  /* the chart files, drawn on a second thread */
    char **chart_rels;    /* their names, "charts/<id>.png", in the batch's order */
    size_t nchart_rels, chart_relcap;
    fig_changes changes;  /* the figures that differ from the last build's figures.csv */
    bool compared;        /* the folder held a figures.csv to compare with */
    size_t nfiles;        /* outputs written */
    annrep_status st;     /* the worst result so far */
} S_run;

static void S_print_diags(const diag_list *dl, bool quiet)
{
    for (size_t i = 0; i < dl->n; i++) {
        if (quiet && dl->items[i].sev == DIAG_NOTE)
            continue;
        char *s = diag_format(&dl->items[i]);
        fprintf(stderr, "%s\n", s);
        free(s);
    }
}

static void S_plural(strbuf *b, size_t n, const char *word)
{
    sb_appendf(b, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

static char *S_counts(const diag_list *dl)
{
    strbuf b = STRBUF_INIT;
    S_plural(&b, dl->nerrors, "error");
    sb_append(&b, ", ");
    S_plural(&b, dl->nwarnings, "warning");
    sb_append(&b, ", ");
    S_plural(&b, dl->nnotes, "note");
    return sb_take(&b);
}

/* ---- writing the outputs -------------------------------------------- */

/* Writers name the file they were given, a temporary one; users should see
 * the output's real name in messages added since item `from`. */
static void S_name_final(S_run *r, size_t from, const char *tmp, const char *rel)
{
    if (!tmp)
        return;
    size_t tl = strlen(tmp);
    for (size_t i = from; i < r->dl.n; i++) {
        diag *d = &r->dl.items[i];
        if (!d->file || strncmp(d->file, tmp, tl) != 0)
            continue;
        char *final = publish_final_path(r->pub, rel);
        strbuf b = STRBUF_INIT;
        sb_append(&b, final);
        sb_append(&b, d->file + tl);
        free(final);
        free(d->file);
        d->file = sb_take(&b);
    }
}

/* Record the result of writing rel: a failure the writer did not explain
 * itself is explained from errno. */
static void S_wrote(S_run *r, const char *rel, annrep_status st, size_t errors_before, int err)
{
    if (st == ANNREP_OK) {
        r->nfiles++;
        return;
    }
    if (r->dl.nerrors == errors_before) {
        char *final = publish_final_path(r->pub, rel);
        diag_add(&r->dl, DIAG_ERROR, final, 0, NULL, NULL, "could not write this output: %s",
                 err ? strerror(err) : "the writer reported a failure");
        free(final);
    }
    r->st = annrep_status_worst(r->st, st);
}

/* A writer of one output: write the file at tmp. */
typedef annrep_status (*S_writer)(S_run *r, const void *what, const char *tmp);

static void S_output(S_run *r, const char *rel, S_writer w, const void *what)
{
    size_t errors_before = r->dl.nerrors, first = r->dl.n;
    const char *tmp = publish_file(r->pub, rel);
    errno = 0;
    annrep_status st = tmp ? w(r, what, tmp) : ANNREP_ERR_IO;
    int err = st == ANNREP_ERR_IO ? errno : 0;  /* only a file error has an errno to print */
    S_name_final(r, first, tmp, rel);
    S_wrote(r, rel, st, errors_before, err);
}

static annrep_status S_close(FILE *f, bool ok)
{
    if (fclose(f) != 0)
        ok = false;
    return ok ? ANNREP_OK : ANNREP_ERR_IO;
}

static annrep_status S_write_figures(S_run *r, const void *what, const char *tmp)
{
    (void)what;
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return ANNREP_ERR_IO;
    return S_close(f, fig_write_csv(&r->fs, f) == ANNREP_OK);
}

static annrep_status S_write_changes(S_run *r, const void *what, const char *tmp)
{
    (void)what;
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return ANNREP_ERR_IO;
    return S_close(f, fig_changes_write_csv(&r->changes, f) == ANNREP_OK);
}

static annrep_status S_write_pdf(S_run *r, const void *what, const char *tmp)
{
    (void)what;
    return pdf_write(r->doc, r->fonts, tmp, &r->dl);
}

static annrep_status S_write_html(S_run *r, const void *what, const char *tmp)
{
    (void)what;
    return html_write(r->doc, &r->fs, tmp, &r->dl);
}

static annrep_status S_write_xlsx(S_run *r, const void *what, const char *tmp)
{
    (void)what;
    return xlsx_write(r->doc->meta, &r->fs, &r->dsl, tmp, &r->dl);
}

/* An output's name in this edition: the restricted edition's carry
 * -restricted before the extension (section 6): figures-restricted.csv,
 * charts-restricted/lado_quarterly.png. */
static const char *S_rel(S_run *r, char *buf, size_t size, const char *stem, const char *ext)
{
    const char *ed = r->opt->restricted ? "-restricted" : "";
    const char *slash = strchr(stem, '/');
    if (slash)
        snprintf(buf, size, "%.*s%s%s.%s", (int)(slash - stem), stem, ed, slash, ext);
    else
        snprintf(buf, size, "%s%s.%s", stem, ed, ext);
    return buf;
}

/* charts/<id>.png, .svg and .txt of one chart of the document, registered
 * with publish and added to the batch the second thread draws. */
static void S_chart_files(S_run *r, const chart *c, const char *id)
{
    static const struct {
        const char *ext;
        chart_file_kind kind;
    } files[] = {{"png", CHART_FILE_PNG}, {"svg", CHART_FILE_SVG}, {"txt", CHART_FILE_TXT}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char stem[192], rel[256];
        snprintf(stem, sizeof stem, "charts/%s", id);
        S_rel(r, rel, sizeof rel, stem, files[i].ext);
        XGROW(r->chart_rels, r->chart_relcap, r->nchart_rels + 1);
        r->chart_rels[r->nchart_rels++] = xstrdup(rel);
        /* the last build's file: kept when this build's is the same */
        char *previous = publish_final_path(r->pub, rel);
        chart_batch_add(r->charts, c, files[i].kind, publish_file(r->pub, rel), previous);
        free(previous);
    }
}

/* Wait for the chart files and record their results, in the document's
 * order whatever the thread timing.  The chart writers add no messages of
 * their own: a failure is explained from its errno. */
static void S_charts_done(S_run *r)
{
    chart_batch_finish(r->charts);
    for (size_t i = 0; i < r->nchart_rels; i++) {
        int err = 0;
        annrep_status st = chart_batch_result(r->charts, i, &err);
        S_wrote(r, r->chart_rels[i], st, r->dl.nerrors, err);
        free(r->chart_rels[i]);
    }
    free(r->chart_rels);
    r->chart_rels = NULL;
    r->nchart_rels = r->chart_relcap = 0;
    chart_batch_free(r->charts);
    r->charts = NULL;
}

static bool S_in_document(const doc_node *doc, const char *id)
{
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, (doc_node *)doc);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE)
        if (ev == DOC_EV_ENTER && n->type == DOC_CHART && strcmp(n->ref, id) == 0)
            return true;
    return false;
}

/* Every chart of the document, started on a second thread; the files of
 * the charts it does not hold this year (a return not collected) are
 * retired, so the output folder shows one build only. */
static void S_start_charts(S_run *r)
{
    r->charts = chart_batch_new(r->fonts);
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, r->doc);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE)
        if (ev == DOC_EV_ENTER && n->type == DOC_CHART)
            S_chart_files(r, n->chart, n->ref);
    static const char *const exts[] = {"png", "svg", "txt"};
    for (int ret = 0; ret < RET_COUNT; ret++)
        for (const char *const *id = registry_get((return_id)ret)->charts; *id; id++) {
            if (S_in_document(r->doc, *id))
                continue;
            for (size_t e = 0; e < sizeof exts / sizeof exts[0]; e++) {
                char stem[192], rel[256];
                snprintf(stem, sizeof stem, "charts/%s", *id);
                publish_retire(r->pub, S_rel(r, rel, sizeof rel, stem, exts[e]));
            }
        }
    chart_batch_start(r->charts);
}

/* The charts are drawn on a second thread while this one writes the rest
 * (libharu and libxlsxwriter stay on this thread), then this thread helps
 * with the charts left.  The outputs are registered with publish here, in
 * the same order as ever, so they are renamed into place in that order;
 * messages of the charts come after those of the other outputs. */
static void S_write_all(S_run *r)
{
    S_start_charts(r);
    if (r->opt->mode == RUN_BUILD) {
        char stem[192], rel[256];
        S_output(r, S_rel(r, rel, sizeof rel, "figures", "csv"), S_write_figures, NULL);
        S_output(r, S_rel(r, rel, sizeof rel, "changes", "csv"), S_write_changes, NULL);
        snprintf(stem, sizeof stem, "annual-report-%s", r->p.cfg.year);
        S_output(r, S_rel(r, rel, sizeof rel, stem, "pdf"), S_write_pdf, NULL);
        S_output(r, S_rel(r, rel, sizeof rel, stem, "html"), S_write_html, NULL);
        snprintf(stem, sizeof stem, "data-pack-%s", r->p.cfg.year);
        S_output(r, S_rel(r, rel, sizeof rel, stem, "xlsx"), S_write_xlsx, NULL);
    }
    S_charts_done(r);
}

/* ---- the stages ----------------------------------------------------- */

static void S_plural_to(strbuf *b, size_t n, const char *one, const char *many)
{
    sb_appendf(b, "%zu %s", n, n == 1 ? one : many);
}

/* Disclosure control for this edition, and a note of what it did. */
static annrep_status S_disclose(S_run *r)
{
    const report_config *cfg = &r->p.cfg;
    bool public = !cfg->restricted;
    int threshold = config_effective_threshold(cfg);
    disclose_counts n;
    annrep_status st = disclose_apply(&r->fs, &r->dsl, threshold, &n, &r->dl);
    if (st != ANNREP_OK)
        return st;
    strbuf b = STRBUF_INIT;
    size_t total = n.primary + n.derived + n.secondary;
    if (!public) {
        sb_append(&b, "the restricted edition shows every figure in full: not for publication");
    } else if (threshold == 0) {
        sb_append(&b, "the public edition suppresses nothing: report.ini [disclosure] "
                      "threshold is 0");
    } else {
        if (total == 0)
            sb_appendf(&b, "the public edition suppresses no figure: no count of people is "
                           "from 1 to %d", threshold);
        else
            sb_append(&b, "the public edition suppresses ");
        if (total)
            S_plural_to(&b, total, "figure", "figures");
        if (total) {
            sb_append(&b, " (");
            S_plural_to(&b, n.primary, "count", "counts");
            sb_appendf(&b, " of people from 1 to %d, ", threshold);
            S_plural_to(&b, n.derived, "figure", "figures");
            sb_append(&b, " worked out from them, ");
            sb_appendf(&b, "%zu more so that no total gives one away)", n.secondary);
            sb_append(&b, "; the restricted edition shows them");
        }
    }
    diag_add(&r->dl, DIAG_NOTE, NULL, 0, NULL, NULL, "%s", sb_cstr(&b));
    sb_free(&b);
    return ANNREP_OK;
}

/* load -> compute -> assemble.  The template is read even when only
 * checking, so that its mistakes are listed in the same run as those of
 * the returns; it needs the figures, so only when those are sound. */
static void S_prepare(S_run *r)
{
    annrep_status st = project_load(r->opt->project_dir, &r->p, &r->dl);
    /* check looks at the public edition, whatever edition is named. */
    r->p.cfg.restricted = r->opt->restricted && r->opt->mode != RUN_CHECK;
    if (st == ANNREP_OK)
        st = compute_all(&r->p, &r->fs, &r->dsl, &r->dl);
    if (st == ANNREP_OK && r->dl.nerrors == 0)
        st = S_disclose(r);
    if (st == ANNREP_OK) {
        char *tdir = doc_template_dir(&r->p, paths_data_dir());
        st = doc_build(tdir, &r->p, &r->fs, &r->dsl, &r->dl, &r->doc);
        free(tdir);
    }
    if (st == ANNREP_OK && r->dl.nerrors > 0)
        st = ANNREP_ERR_INPUT;
    r->st = st;
}

/* Writes nothing: what check prints, and a build that found errors. */
static int S_report_without_writing(S_run *r)
{
    const run_options *opt = r->opt;
    S_print_diags(&r->dl, opt->quiet && r->dl.nerrors == 0);
    char *counts = S_counts(&r->dl);
    if (opt->mode == RUN_CHECK)
        fprintf(stderr, "annrep check: %s: %s\n", opt->project_dir, counts);
    else
        fprintf(stderr, "annrep: %s; nothing was written\n", counts);
    free(counts);
    return annrep_status_exit_code(r->st);
}

/* The figures that differ from those of the figures.csv the output folder
 * holds from the last build of this edition. */
static void S_find_changes(S_run *r)
{
    char rel[64];
    char *path = publish_final_path(r->pub, S_rel(r, rel, sizeof rel, "figures", "csv"));
    prev_figures prev = PREV_FIGURES_INIT;
    prev_figures_load(path, &prev, &r->dl);
    r->compared = prev.present;
    fig_changes_find(&r->fs, &prev, &r->changes);
    prev_figures_free(&prev);
    free(path);
}

/* "3 figures changed since the last build (changes.csv):" and the first few
 * as "key: before -> after". */
static void S_print_changes(const S_run *r)
{
    enum { S_SHOWN = 5 };
    const fig_changes *c = &r->changes;
    char rel[64];
    S_rel((S_run *)r, rel, sizeof rel, "changes", "csv");
    if (!r->compared) {
        fprintf(stderr, "annrep: no earlier figures.csv in %s to compare with: %s lists all %zu "
                        "figures as added\n",
                r->opt->out_dir, rel, c->added);
        return;
    }
    if (c->n == 0) {
        fprintf(stderr, "annrep: no figure changed since the last build (%s is empty)\n", rel);
        return;
    }
    fprintf(stderr, "annrep: %zu %s since the last build (%zu changed, %zu added, %zu removed; "
                    "all in %s):\n",
            c->n, c->n == 1 ? "figure differs" : "figures differ", c->changed, c->added,
            c->removed, rel);
    for (size_t i = 0; i < c->n && i < S_SHOWN; i++) {
        const fig_change *ch = &c->items[i];
        fprintf(stderr, "  %s: %s \xE2\x86\x92 %s\n", ch->key, *ch->before ? ch->before : "(new)",
                *ch->after ? ch->after : "(removed)");
    }
    if (c->n > S_SHOWN)
        fprintf(stderr, "  ... and %zu more\n", c->n - S_SHOWN);
}

/* annrep charts never writes into a build's folder: the report and data
 * pack there would be out of step with new charts.  True when outdir
 * holds a build's figures.csv (either edition), with an error. */
static bool S_holds_a_build(S_run *r)
{
    static const char *const names[] = {"figures.csv", "figures-restricted.csv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *p = paths_join(r->opt->out_dir, names[i]);
        struct stat st;
        bool there = lstat(p, &st) == 0;
        if (there)
            diag_add(&r->dl, DIAG_ERROR, r->opt->out_dir, 0, NULL, NULL,
                     "this folder holds a full build (%s): annrep charts writes only charts, "
                     "which would leave its report and data pack out of step with them; run "
                     "annrep build to refresh it all, or give annrep charts a folder of its "
                     "own (-o)",
                     names[i]);
        free(p);
        if (there)
            return true;
    }
    return false;
}

static int S_publish(S_run *r)
{
    const run_options *opt = r->opt;
    if (opt->mode == RUN_CHARTS && S_holds_a_build(r)) {
        S_print_diags(&r->dl, opt->quiet);
        fprintf(stderr, "annrep: nothing was written\n");
        return annrep_status_exit_code(ANNREP_ERR_INPUT);
    }
    const char *kind = opt->mode == RUN_CHARTS ? (opt->restricted ? "charts-restricted" : "charts")
                                               : (opt->restricted ? "restricted" : "public");
    annrep_status bst = publish_begin(opt->out_dir, kind, &r->pub, &r->dl);
    if (bst != ANNREP_OK) {
        S_print_diags(&r->dl, opt->quiet);
        fprintf(stderr, "annrep: nothing was written\n");
        return annrep_status_exit_code(bst);
    }
    if (opt->mode == RUN_BUILD)
        S_find_changes(r);
    S_write_all(r);
    bool partial = false;
    if (r->st == ANNREP_OK) {
        annrep_status pst = publish_commit(r->pub, &r->dl);
        partial = pst == ANNREP_ERR_PARTIAL;
        r->st = annrep_status_worst(r->st, pst);
    } else {
        publish_abort(r->pub);
    }
    r->pub = NULL;

    S_print_diags(&r->dl, opt->quiet);
    char *counts = S_counts(&r->dl);
    if (r->st != ANNREP_OK && partial) /* part-way: publish said what was replaced */
        fprintf(stderr, "annrep: %s\n", counts);
    else if (r->st != ANNREP_OK)
        fprintf(stderr, "annrep: %s; earlier outputs in %s were left as they were\n", counts,
                opt->out_dir);
    else if (!opt->quiet) {
        fprintf(stderr, "annrep: wrote %zu files to %s (%s)\n", r->nfiles, opt->out_dir,
                counts);
        if (opt->mode == RUN_BUILD)
            S_print_changes(r);
    }
    free(counts);
    return annrep_status_exit_code(r->st);
}

int pipeline_run(const run_options *opt)
{
    if (!paths_is_dir(opt->project_dir)) {
        fprintf(stderr, "annrep: %s: no such report project folder\n", opt->project_dir);
        return EXIT_INVALID_INPUT;
    }
    S_run r;
    memset(&r, 0, sizeof r);
    r.opt = opt;
    r.fonts = paths_join(paths_data_dir(), "fonts");
    S_prepare(&r);
    int rc = opt->mode == RUN_CHECK || r.st != ANNREP_OK ? S_report_without_writing(&r)
                                                         : S_publish(&r);
    doc_free(r.doc);
    dsl_free(&r.dsl);
    fig_free(&r.fs);
    fig_changes_free(&r.changes);
    project_free(&r.p);
    diag_free(&r.dl);
    free(r.fonts);
    chart_fonts_close();   /* the faces the PDF writer's chart layout opened */
    return rc;
}
