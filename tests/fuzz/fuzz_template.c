/* fuzz_template.c - libFuzzer harness for the report template reader
 * (doc_build in src/doc/) and the Markdown of the project's narratives.
 *
 * The figures, tables and charts an input may name come from the sample
 * project (data-samples/), loaded and computed once at start-up, so
 * placeholders, conditions and fenced blocks resolve as in a real build.
 * Each input is read twice:
 *   - as one template file, alone in a template folder;
 *   - as the narrative file narrative/fuzz.md, pulled in by a fixed
 *     template (a "narrative" block with heading: title inside an
 *     "if: narrative" condition), so narratives, written by a
 *     partnership's own authors, take the path a build takes.
 * doc_build reads folders and has no entry point from memory, so inputs
 * are written under $TMPDIR first (slower, but needs nothing from the
 * reader).  Knows only public interfaces. */
#include "compute/compute.h"
#include "disclose/disclose.h"
#include "doc/doc.h"
#include "load/project.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "util/paths.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static project S_p;
static figstore S_fs = FIGSTORE_INIT;
static dataset_list S_dsl = DATASET_LIST_INIT;
static char *S_dir, *S_file;   /* the input as a template */
static char *S_ndir, *S_nfile; /* narrative/, the input as fuzz.md */
static char *S_tdir, *S_tfile; /* the template that pulls fuzz.md in */
static char *S_own_narr;       /* the project's narrative folder, kept reachable */

static void S_cleanup(void)
{
    char *files[] = {S_file, S_nfile, S_tfile};
    char *dirs[] = {S_dir, S_ndir, S_tdir};
    for (size_t i = 0; i < 3; i++) {
        if (files[i])
            unlink(files[i]);
        if (dirs[i])
            rmdir(dirs[i]);
    }
}

static void S_write(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror("fuzz_template: writing the input");
        abort();
    }
}

static char *S_tempdir(const char *tmp, const char *stem)
{
    char *d = paths_join(tmp, stem);
    if (!mkdtemp(d)) {
        perror("fuzz_template: mkdtemp");
        exit(1);
    }
    return d;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_list dl = DIAG_LIST_INIT;
    char *proj = paths_join(ANNREP_SOURCE_DIR, "data-samples");
    if (project_load(proj, &S_p, &dl) != ANNREP_OK ||
        compute_all(&S_p, &S_fs, &S_dsl, &dl) != 0 ||
        disclose_apply(&S_fs, &S_dsl, config_effective_threshold(&S_p.cfg), NULL, &dl) != 0) {
        diag_print(&dl, stderr);
        fprintf(stderr, "fuzz_template: the sample project does not load\n");
        exit(1);
    }
    free(proj);
    diag_free(&dl);

    const char *t = getenv("TMPDIR");
    const char *tmp = t && *t ? t : "/tmp";
    S_dir = S_tempdir(tmp, "annrep-fuzz-template-XXXXXX");
    S_file = paths_join(S_dir, "10-fuzz.md");
    S_ndir = S_tempdir(tmp, "annrep-fuzz-narrative-XXXXXX");
    S_nfile = paths_join(S_ndir, "fuzz.md");
    S_tdir = S_tempdir(tmp, "annrep-fuzz-narrtpl-XXXXXX");
    S_tfile = paths_join(S_tdir, "10-narrative.md");
    static const char tpl[] = "# Fuzzed narrative\n\n"
                              "<!-- if: narrative fuzz.md -->\n"
                              "```narrative fuzz.md\nheading: title\n```\n"
                              "<!-- else -->\n"
                              "Not written.\n"
                              "<!-- end -->\n";
    S_write(S_tfile, tpl, sizeof tpl - 1);
    /* The project's own narrative folder is not read again; like the
     * project, it lives until the process ends. */
    S_own_narr = S_p.narrative_dir;
    S_p.narrative_dir = S_ndir;
    atexit(S_cleanup);
    return 0;
}

/* Build the document of template_dir and walk it as a writer would. */
static void S_build(const char *template_dir)
{
    diag_list dl = DIAG_LIST_INIT;
    doc_node *doc = NULL;
    annrep_status st = doc_build(template_dir, &S_p, &S_fs, &S_dsl, &dl, &doc);
    /* The reader's promise: a document exactly when there was no error. */
    if ((doc != NULL) != (dl.nerrors == 0) || (st == ANNREP_OK) != (doc != NULL))
        abort();
    if (doc) {
        doc_iter it;
        doc_iter_init(&it, doc);
        doc_node *n;
        doc_event ev;
        while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE)
            if (ev == DOC_EV_ENTER && n->type == DOC_PARAGRAPH)
                free(doc_paragraph_text(n));
        doc_free(doc);
    }
    for (size_t i = 0; i < dl.n; i++)
        free(diag_format(&dl.items[i]));
    diag_free(&dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_write(S_file, data, size);
    S_build(S_dir);
    S_write(S_nfile, data, size);
    S_build(S_tdir);
    return 0;
}
