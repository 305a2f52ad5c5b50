/* pipeline.h - the commands behind the CLI: load -> compute -> render ->
 * publish, with one exit-code policy.
 *
 * Knows the order of the stages and the output file names of the data
 * contract (section 6); knows nothing about parsing arguments. */
#ifndef ANNREP_PIPELINE_H
#define ANNREP_PIPELINE_H

#include <stdbool.h>

/* Exit codes, documented in --help and the man page. */
enum {
    EXIT_OK = 0,
    EXIT_INVALID_INPUT = 1,
    EXIT_USAGE = 2,
    EXIT_SYSTEM = 3
};

typedef enum {
    RUN_BUILD,   /* every output */
    RUN_CHARTS,  /* only charts/<id>.{png,svg,txt} */
    RUN_CHECK    /* validate only, write nothing */
} run_mode;

typedef struct {
    run_mode mode;
    const char *project_dir;   /* never NULL */
    const char *out_dir;       /* never NULL for build/charts */
    bool quiet;                /* no notes, no summary on success */
    bool restricted;           /* the restricted edition: nothing suppressed, file names
                                  with -restricted, every page marked (section 6) */
} run_options;

/* Runs the command; prints diagnostics to stderr and returns an exit code. */
int pipeline_run(const run_options *opt);

#endif
