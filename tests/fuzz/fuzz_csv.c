/* fuzz_csv.c - libFuzzer harness for the CSV loader (csvload_buffer).
 *
 * Input: one schema byte, then the file's bytes.  The byte picks the return
 * (byte % RET_COUNT) and whether the in-year date checks run (byte /
 * RET_COUNT, odd: no check), so one corpus covers every schema and seeds are
 * the sample returns prefixed with their return's number (seeds/csv/).
 * Every diagnostic is also formatted, since messages quote hostile values.
 * Knows only the loader's public interface. */
#include "load/project.h"
#include "util/diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    return_id id = (return_id)(data[0] % RET_COUNT);
    int year_start = (data[0] / RET_COUNT) % 2 ? -1 : 2016;
    const schema *s = schema_get(id);

    table t;
    memset(&t, 0, sizeof t);
    diag_list dl = DIAG_LIST_INIT;
    annrep_status st = csvload_buffer((const char *)data + 1, size - 1, "fuzz/2016-17/x.csv",
                                      s, year_start, &t, &dl);
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
