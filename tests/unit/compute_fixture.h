/* compute_fixture.h - the fixture and assertions shared by compute's unit
 * tests: a hand-built project (table_builder.h), the figure store, tables
 * and diagnostics compute_all fills, and checks of what the report prints.
 * Include after <cmocka.h>. */
#ifndef ANNREP_TEST_COMPUTE_FIXTURE_H
#define ANNREP_TEST_COMPUTE_FIXTURE_H

#include "compute/compute.h"
#include "table_builder.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    project p;
    figstore fs;
    dataset_list dsl;
    diag_list dl;
} fixture;

/* A 2016-17 project with no tables yet. */
static int cf_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    tb_project(&f->p, 2016);
    *state = f;
    return 0;
}

static int cf_teardown(void **state)
{
    fixture *f = *state;
    tb_project_free(&f->p);
    fig_free(&f->fs);
    dsl_free(&f->dsl);
    diag_free(&f->dl);
    free(f);
    return 0;
}

/* Figure `key` exists and is printed exactly as `display`. */
static void cf_expect(const figstore *fs, const char *key, const char *display)
{
    const figure *f = fig_find(fs, key);
    if (!f)
        fail_msg("no figure %s", key);
    if (strcmp(f->display, display) != 0)
        fail_msg("%s: display \"%s\", expected \"%s\"", key, f->display, display);
}

/* Table cell (r, c) is printed exactly as `want`. */
static void cf_expect_cell(const dataset *ds, size_t r, size_t c, const char *want)
{
    char *s = ds_display(ds, r, c);
    if (strcmp(s, want) != 0)
        fail_msg("%s[%zu][%zu]: \"%s\", expected \"%s\"", ds->id, r, c, s, want);
    free(s);
}

#endif
