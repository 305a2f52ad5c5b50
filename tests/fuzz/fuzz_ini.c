/* fuzz_ini.c - libFuzzer harness for the report.ini reader
 * (config_load_buffer).
 *
 * The whole input is the file.  No project folder is given, so the checks
 * that look for the year folder and the logo are skipped and nothing on
 * disk is read.  Every diagnostic is formatted too.  Knows only the
 * loader's public interface. */
#include "load/project.h"
#include "util/diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    report_config cfg;
    memset(&cfg, 0, sizeof cfg);
    diag_list dl = DIAG_LIST_INIT;
    annrep_status st =
        config_load_buffer((const char *)data, size, "fuzz/report.ini", NULL, &cfg, &dl);
    /* The reader's promises: ANNREP_OK exactly when no error was recorded,
     * and a configuration without errors has its required settings. */
    if ((st == ANNREP_OK) != (dl.nerrors == 0))
        abort();
    if (st == ANNREP_OK && (!cfg.area || !cfg.partnership || !cfg.year))
        abort();
    for (size_t i = 0; i < dl.n; i++)
        free(diag_format(&dl.items[i]));
    config_free(&cfg);
    diag_free(&dl);
    return 0;
}
