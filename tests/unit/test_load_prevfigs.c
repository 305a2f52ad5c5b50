/* test_load_prevfigs.c - reading the last build's figures.csv back
 * (src/load/prevfigs.c) for changes.csv: a field figures.csv wrote after a
 * single quote, because a spreadsheet would take it for a formula, reads
 * as the figure it was.  The file's text is written out here by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "load/prevfigs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_quote_before_a_formula_is_taken_off(void **state)
{
    (void)state;
    char path[] = "/tmp/annrep-prevfigs-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("key,value,display,unit,definition,sources,status\n"
          "a,1,+3.9%,percent,d,s,\n"
          "c,'-1+1,'-1+1,text,d,s,\n"
          "d,''=kept,''=kept,text,d,s,\n"
          "e,x,'plain,text,d,s,\n"
          "f,x,\"'=A1,B1\",text,d,s,\n",
          f);
    assert_int_equal(fclose(f), 0);
    prev_figures pf = PREV_FIGURES_INIT;
    diag_list dl = DIAG_LIST_INIT;
    prev_figures_load(path, &pf, &dl);
    assert_true(pf.present);
    assert_int_equal(dl.n, 0);
    assert_int_equal(pf.n, 5);
    assert_string_equal(pf.displays[0], "+3.9%");
    assert_string_equal(pf.displays[1], "-1+1");
    assert_string_equal(pf.displays[2], "'=kept");
    assert_string_equal(pf.displays[3], "'plain"); /* not before a formula: kept */
    assert_string_equal(pf.displays[4], "=A1,B1");
    prev_figures_free(&pf);
    diag_free(&dl);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_before_a_formula_is_taken_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
