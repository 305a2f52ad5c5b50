/* test_compute_registry.c - the registry of returns: one entry per return,
 * lookups by name, file, figure key, table and chart, and the promise that
 * what compute builds is exactly what the registry says each return makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compute/compute.h"
#include "compute/registry.h"
#include "util/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool S_in(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static void test_every_return_has_a_complete_entry(void **state)
{
    (void)state;
    for (int id = 0; id < RET_COUNT; id++) {
        const return_def *d = registry_get((return_id)id);
        assert_non_null(d);
        assert_int_equal(d->id, id);
        assert_non_null(d->schema);
        assert_int_equal(d->schema->id, id);
        assert_non_null(d->compute);
        assert_non_null(d->names[0]);
        assert_non_null(d->key_prefix);
        assert_non_null(d->datasets);
        assert_non_null(d->charts);
    }
    assert_null(registry_get(RET_COUNT));
    assert_null(registry_get((return_id)-1));
}

static void test_names_tables_and_charts_belong_to_one_return(void **state)
{
    (void)state;
    for (int a = 0; a < RET_COUNT; a++)
        for (int b = a + 1; b < RET_COUNT; b++) {
            const return_def *x = registry_get((return_id)a), *y = registry_get((return_id)b);
            for (size_t i = 0; x->names[i]; i++)
                assert_false(S_in(y->names, x->names[i]));
            for (size_t i = 0; x->datasets[i]; i++)
                assert_false(S_in(y->datasets, x->datasets[i]));
            for (size_t i = 0; x->charts[i]; i++)
                assert_false(S_in(y->charts, x->charts[i]));
            assert_string_not_equal(x->schema->file, y->schema->file);
        }
}

static void test_lookups(void **state)
{
    (void)state;
    assert_int_equal(registry_by_name("lado")->id, RET_LADO);
    assert_int_equal(registry_by_name("lado_contacts")->id, RET_LADO);
    assert_int_equal(registry_by_name("looked_after")->id, RET_LAC);
    assert_null(registry_by_name("lad"));
    assert_int_equal(registry_by_file("cdop_reviews.csv")->id, RET_CDOP);
    assert_null(registry_by_file("cdop_reviews"));
    /* The longest prefix wins, and only at a dot. */
    assert_int_equal(registry_by_key("training.elearning.total")->id, RET_ELEARNING);
    assert_int_equal(registry_by_key("training.sessions.total")->id, RET_TRAINING);
    assert_int_equal(registry_by_key("comparator.lac_rate_per_10k.england")->id,
                     RET_COMPARATORS);
    assert_null(registry_by_key("ladoo.contacts.total"));
    assert_null(registry_by_key("report.area"));
    assert_int_equal(registry_by_dataset("indicators_latest")->id, RET_INDICATORS);
    assert_int_equal(registry_by_chart("training_fill")->id, RET_TRAINING);
    assert_null(registry_by_chart("training_course"));
    assert_string_equal(registry_names_list(),
                        "lado, looked_after, comparators, cdop, training, elearning, crime, "
                        "indicators or funding");
}

/* The sample holds every return: compute must build exactly the tables and
 * charts the registry lists for each, no more and no fewer. */
static void test_sample_builds_exactly_the_registered_tables_and_charts(void **state)
{
    (void)state;
    const char *src = getenv("ANNREP_SOURCE_DIR");
    char *dir = paths_join(src ? src : ANNREP_SOURCE_DIR, "data-samples");
    project p;
    diag_list dl = DIAG_LIST_INIT;
    figstore fs = FIGSTORE_INIT;
    dataset_list dsl = DATASET_LIST_INIT;
    assert_int_equal(project_load(dir, &p, &dl), 0);
    assert_int_equal(compute_all(&p, &fs, &dsl, &dl), ANNREP_OK);
    size_t ndatasets = 0, ncharts = 0;
    for (int id = 0; id < RET_COUNT; id++) {
        const return_def *d = registry_get((return_id)id);
        for (size_t i = 0; d->datasets[i]; i++, ndatasets++) {
            const dataset *ds = dsl_find(&dsl, d->datasets[i]);
            if (!ds)
                fail_msg("registered table %s was not built", d->datasets[i]);
            assert_int_equal(ds->return_id, id);
        }
        for (size_t i = 0; d->charts[i]; i++, ncharts++) {
            const dataset *ds = NULL;
            if (!dsl_find_chart(&dsl, d->charts[i], &ds))
                fail_msg("registered chart %s is defined by no table", d->charts[i]);
            assert_int_equal(ds->return_id, id);
        }
    }
    size_t built_charts = 0;
    for (size_t i = 0; i < dsl.n; i++) {
        const dataset *ds = dsl.items[i];
        if (!S_in(registry_get((return_id)ds->return_id)->datasets, ds->id))
            fail_msg("table %s is not in its return's registry entry", ds->id);
        for (size_t k = 0; k < ds->ncharts; k++)
            if (!S_in(registry_get((return_id)ds->return_id)->charts, ds->charts[k].id))
                fail_msg("chart %s is not in its return's registry entry", ds->charts[k].id);
        built_charts += ds->ncharts;
    }
    /* Two years: no trend. */
    assert_null(dsl_find(&dsl, "time_series"));
    assert_int_equal(dsl.n, ndatasets);
    assert_int_equal(built_charts, ncharts);
    dsl_free(&dsl);
    fig_free(&fs);
    project_free(&p);
    diag_free(&dl);
    free(dir);
}

/* Five years: every trend table and chart built is the registry's trend of
 * its return, and the time series belongs to every return (-1). */
static void test_trends_are_the_registered_ones(void **state)
{
    (void)state;
    const char *src = getenv("ANNREP_SOURCE_DIR");
    char *dir = paths_join(src ? src : ANNREP_SOURCE_DIR, "tests/projects/northmoor");
    project p;
    diag_list dl = DIAG_LIST_INIT;
    figstore fs = FIGSTORE_INIT;
    dataset_list dsl = DATASET_LIST_INIT;
    assert_int_equal(project_load(dir, &p, &dl), ANNREP_OK);
    assert_int_equal(compute_all(&p, &fs, &dsl, &dl), ANNREP_OK);
    size_t trends = 0;
    for (size_t i = 0; i < dsl.n; i++) {
        const dataset *ds = dsl.items[i];
        if (ds->return_id < 0) {
            assert_string_equal(ds->id, "time_series");
            continue;
        }
        const return_def *d = registry_get((return_id)ds->return_id);
        bool trend = d->trend_dataset && strcmp(d->trend_dataset, ds->id) == 0;
        if (!trend && !S_in(d->datasets, ds->id))
            fail_msg("table %s is not in its return's registry entry", ds->id);
        if (trend) {
            trends++;
            assert_true(ds->ncharts <= 1);
            if (ds->ncharts)
                assert_string_equal(ds->charts[0].id, d->trend_chart);
        }
    }
    /* LADO, looked after (five years), CDOP (three), training (three, a gap). */
    assert_int_equal(trends, 4);
    assert_non_null(dsl_find(&dsl, "time_series"));
    dsl_free(&dsl);
    fig_free(&fs);
    project_free(&p);
    diag_free(&dl);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_return_has_a_complete_entry),
        cmocka_unit_test(test_names_tables_and_charts_belong_to_one_return),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_sample_builds_exactly_the_registered_tables_and_charts),
        cmocka_unit_test(test_trends_are_the_registered_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
