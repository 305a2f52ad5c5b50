/* fuzz_template.c - libFuzzer harness for the report template reader
 * (doc_build in src/doc/).
 *
 * The input is one Markdown template file.  The figures, tables and charts
 * it may name come from the sample project (data-samples/), loaded and
 * computed once at start-up, so placeholders and fenced blocks resolve as in
 * a real build.  doc_build reads a template folder and has no entry point
 * from memory, so each input is written to a one-file folder under $TMPDIR
 * first (slower, but needs nothing from the reader); a doc_build_buffer()
 * would let this harness skip the disk.  Knows only public interfaces. */
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
static char *S_dir, *S_file;

static void S_cleanup(void)
{
    if (S_file)
        unlink(S_file);
    if (S_dir)
        rmdir(S_dir);
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
    S_dir = paths_join(t && *t ? t : "/tmp", "annrep-fuzz-template-XXXXXX");
    if (!mkdtemp(S_dir)) {
        perror("fuzz_template: mkdtemp");
        exit(1);
    }
    S_file = paths_join(S_dir, "10-fuzz.md");
    atexit(S_cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(S_file, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror("fuzz_template: writing the input");
        abort();
    }
    diag_list dl = DIAG_LIST_INIT;
    doc_node *doc = NULL;
    annrep_status st = doc_build(S_dir, &S_p, &S_fs, &S_dsl, &dl, &doc);
    /* The reader's promise: a document exactly when there was no error. */
    if ((doc != NULL) != (dl.nerrors == 0) || (st == ANNREP_OK) != (doc != NULL))
        abort();
    if (doc) {
        /* Walk the whole tree as a writer would. */
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
    return 0;
}
