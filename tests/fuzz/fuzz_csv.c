/* fuzz_csv.c - libFuzzer harness for the CSV loader (csvload_buffer).
 *
 * Input: a first line naming the return's file ("funding.csv"), then the
 * file's bytes.  The name picks the schema through the registry, so seeds
 * (seeds/csv/) stay right whatever order the returns are registered in; a
 * leading '-' ("-funding.csv") switches the in-year date checks off.  A
 * name the registry does not know still picks a schema (by a hash of the
 * name), so mutated names keep exploring every schema.  Every diagnostic is
 * also formatted, since messages quote hostile values.  Knows only the
 * loader's public interface and the registry. */
#include "compute/registry.h"
#include "load/project.h"
#include "util/diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const schema *S_schema(const char *name, size_t n)
{
    char file[64];
    if (n < sizeof file) {
        memcpy(file, name, n);
        file[n] = '\0';
        const return_def *d = registry_by_file(file);
        if (d)
            return d->schema;
    }
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)name[i]) * 16777619u;
    return registry_get((return_id)(h % RET_COUNT))->schema;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl)
        return 0;
    const char *name = (const char *)data;
    size_t n = (size_t)(nl - data);
    int year_start = 2016;
    if (n > 0 && name[0] == '-') {
        year_start = -1;
        name++;
        n--;
    }
    const schema *s = S_schema(name, n);
    size_t off = (size_t)(nl - data) + 1;

    table t;
    memset(&t, 0, sizeof t);
    diag_list dl = DIAG_LIST_INIT;
    annrep_status st = csvload_buffer((const char *)data + off, size - off,
                                      "fuzz/2016-17/x.csv", s, year_start, &t, &dl);
    /* The loader's own promises: ANNREP_OK exactly when no error was
     * recorded, and a table without errors has one cell per column on every
     * row. */
    if ((st == ANNREP_OK) != (dl.nerrors == 0))
        abort();
    if (st == ANNREP_OK && t.present)
        for (size_t r = 0; r < t.nrows; r++)
            if (!t.rows[r].cells || t.rows[r].line < 1)
                abort();
    for (size_t i = 0; i < dl.n; i++)
        free(diag_format(&dl.items[i]));
    table_free(&t);
    diag_free(&dl);
    return 0;
}
