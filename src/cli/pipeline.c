/* pipeline.c - load -> compute -> render -> publish; see pipeline.h.
 *
 * Owns the exit-code policy: errors in the user's input are 1, failures of
 * the system or a library while writing are 3.  Nothing is written unless
 * loading and computing produced no errors, and nothing replaces an earlier
 * output unless every output was written (publish.h). */
#include "pipeline.h"

#include "chart/chart.h"
#include "compute/compute.h"
#include "doc/doc.h"
#include "render/publish.h"
#include "render/render.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "util/paths.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const run_options *opt;
    diag_list *dl;
    publish *pub;
    size_t nfiles;
    bool system_failure;  /* an output could not be written */
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

/* Record a failure to write rel (errno describes it). */
static void S_write_failed(S_run *r, const char *rel, int err)
{
    char *final = publish_final_path(r->pub, rel);
    diag_add(r->dl, DIAG_ERROR, final, 0, NULL, NULL, "could not write this output: %s",
             err ? strerror(err) : "the writer reported a failure");
    free(final);
    r->system_failure = true;
}

static void S_write_text(S_run *r, const char *rel, const char *text)
{
    const char *tmp = publish_file(r->pub, rel);
    FILE *f = tmp ? fopen(tmp, "wb") : NULL;
    if (!f) {
        S_write_failed(r, rel, errno);
        return;
    }
    size_t n = strlen(text);
    bool ok = fwrite(text, 1, n, f) == n && fputc('\n', f) != EOF;
    int err = errno;
    if (fclose(f) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok)
        S_write_failed(r, rel, err);
    else
        r->nfiles++;
}

static void S_write_figures(S_run *r, const figstore *fs)
{
    const char *rel = "figures.csv";
    const char *tmp = publish_file(r->pub, rel);
    FILE *f = tmp ? fopen(tmp, "wb") : NULL;
    if (!f) {
        S_write_failed(r, rel, errno);
        return;
    }
    int rc = fig_write_csv(fs, f);
    int err = errno;
    if (fclose(f) != 0) {
        rc = -1;
        err = errno;
    }
    if (rc != 0)
        S_write_failed(r, rel, err);
    else
        r->nfiles++;
}

static void S_write_charts(S_run *r, const project *p, const figstore *fs,
                           const dataset_list *dsl)
{
    char *fonts = paths_join(paths_data_dir(), "fonts");
    for (const char *const *id = chart_ids(); *id; id++) {
        chart *c = chart_build(*id, dsl, fs, &p->cfg);
        if (!c) {
            static const char *const gone[] = {"png", "svg", "txt"};
            for (size_t e = 0; e < 3; e++) {
                char rel[256];
                snprintf(rel, sizeof rel, "charts/%s.%s", *id, gone[e]);
                publish_retire(r->pub, rel);
            }
            continue;
        }
        static const char *const exts[] = {"png", "svg"};
        for (size_t e = 0; e < 2; e++) {
            char rel[256];
            snprintf(rel, sizeof rel, "charts/%s.%s", *id, exts[e]);
            const char *tmp = publish_file(r->pub, rel);
            errno = 0;
            annrep_status st = !tmp ? ANNREP_ERR_IO
                               : e == 0 ? chart_write_png(c, tmp, fonts)
                                        : chart_write_svg(c, tmp, fonts);
            /* Only a file error has an errno worth printing. */
            if (st != ANNREP_OK)
                S_write_failed(r, rel, st == ANNREP_ERR_IO ? errno : 0);
            else
                r->nfiles++;
        }
        char rel[256];
        snprintf(rel, sizeof rel, "charts/%s.txt", *id);
        S_write_text(r, rel, chart_alt_text(c));
        chart_free(c);
    }
    free(fonts);
}

/* Writers name the file they were given, a temporary one; users should see
 * the output's real name in messages added since item `from`. */
static void S_name_final(S_run *r, size_t from, const char *tmp, const char *rel)
{
    if (!tmp)
        return;
    size_t tl = strlen(tmp);
    for (size_t i = from; i < r->dl->n; i++) {
        diag *d = &r->dl->items[i];
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

static void S_write_documents(S_run *r, const report_model *m, bool *input_error)
{
    char rel[256];
    size_t before = r->dl->nerrors;
    snprintf(rel, sizeof rel, "annual-report-%s.pdf", m->p->cfg.year);
    const char *tmp = publish_file(r->pub, rel);
    size_t first = r->dl->n;
    int rc = tmp ? pdf_write(m, tmp, r->dl) : -1;
    S_name_final(r, first, tmp, rel);
    if (rc > 0)
        *input_error = true;   /* a template error: the user's input */
    else if (rc < 0 && r->dl->nerrors == before)
        S_write_failed(r, rel, errno);
    else if (rc < 0)
        r->system_failure = true;
    else
        r->nfiles++;

    before = r->dl->nerrors;
    snprintf(rel, sizeof rel, "data-pack-%s.xlsx", m->p->cfg.year);
    tmp = publish_file(r->pub, rel);
    first = r->dl->n;
    rc = tmp ? xlsx_write(m, tmp, r->dl) : -1;
    S_name_final(r, first, tmp, rel);
    if (rc < 0 && r->dl->nerrors == before)
        S_write_failed(r, rel, errno);
    else if (rc != 0)
        r->system_failure = true;
    else
        r->nfiles++;
}

int pipeline_run(const run_options *opt)
{
    diag_list dl = DIAG_LIST_INIT;
    project p;
    memset(&p, 0, sizeof p);
    figstore fs = FIGSTORE_INIT;
    dataset_list dsl = DATASET_LIST_INIT;
    int rc = EXIT_OK;

    if (!paths_is_dir(opt->project_dir)) {
        fprintf(stderr, "annrep: %s: no such report project folder\n", opt->project_dir);
        return EXIT_INVALID_INPUT;
    }
    if (project_load(opt->project_dir, &p, &dl) == 0 && compute_all(&p, &fs, &dsl, &dl) == 0 &&
        opt->mode == RUN_CHECK) {
        /* check also reads the template and narrative, so that their
         * mistakes are listed in the same run as those of the returns. */
        char *tdir = doc_template_dir(&p, paths_data_dir());
        doc_free(doc_build(tdir, &p, &fs, &dsl, &dl));
        free(tdir);
    }

    if (opt->mode == RUN_CHECK || dl.nerrors > 0) {
        S_print_diags(&dl, opt->quiet && dl.nerrors == 0);
        char *counts = S_counts(&dl);
        if (opt->mode == RUN_CHECK)
            fprintf(stderr, "annrep check: %s: %s\n", opt->project_dir, counts);
        else
            fprintf(stderr, "annrep: %s; nothing was written\n", counts);
        free(counts);
        rc = dl.nerrors > 0 ? EXIT_INVALID_INPUT : EXIT_OK;
        goto done;
    }

    S_run r = {opt, &dl, NULL, 0, false};
    r.pub = publish_begin(opt->out_dir, &dl);
    if (!r.pub) {
        S_print_diags(&dl, opt->quiet);
        rc = EXIT_SYSTEM;
        goto done;
    }
    bool input_error = false, commit_failed = false;
    report_model m = {&p, &fs, &dsl, paths_data_dir()};
    S_write_charts(&r, &p, &fs, &dsl);
    if (opt->mode == RUN_BUILD) {
        S_write_figures(&r, &fs);
        S_write_documents(&r, &m, &input_error);
    }
    if (dl.nerrors == 0) {
        int prc = publish_commit(r.pub, &dl);
        r.system_failure = prc != 0;
        commit_failed = prc == -2;
    } else {
        publish_abort(r.pub);
    }

    S_print_diags(&dl, opt->quiet);
    if (dl.nerrors > 0) {
        char *counts = S_counts(&dl);
        if (commit_failed) /* part-way: publish said what was replaced */
            fprintf(stderr, "annrep: %s\n", counts);
        else
            fprintf(stderr, "annrep: %s; earlier outputs in %s were left as they were\n",
                    counts, opt->out_dir);
        free(counts);
        rc = input_error && !r.system_failure ? EXIT_INVALID_INPUT : EXIT_SYSTEM;
    } else if (!opt->quiet) {
        char *counts = S_counts(&dl);
        fprintf(stderr, "annrep: wrote %zu files to %s (%s)\n", r.nfiles, opt->out_dir, counts);
        free(counts);
    }

done:
    dsl_free(&dsl);
    fig_free(&fs);
    project_free(&p);
    diag_free(&dl);
    return rc;
}
