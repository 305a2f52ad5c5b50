/* bare_parse.c - the floor for reading a return: libcsv parsing a file into
 * fields with callbacks that only count them, in the loader's 64 KB chunks.
 * README "Performance" compares `annrep check` with it.
 *
 *   cc -O2 -o /tmp/bare_parse tests/bench/bare_parse.c -lcsv
 *   /usr/bin/time -v /tmp/bare_parse /tmp/lado1m/2016-17/lado_contacts.csv
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static size_t nfields, nrecords;

static void S_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    (void)data;
    nfields++;
}

static void S_record(int c, void *data)
{
    (void)c;
    (void)data;
    nrecords++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bare_parse FILE.csv\n");
        return 2;
    }
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 1;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0)
        return 1;
    static char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (csv_parse(&p, buf, n, S_field, S_record, NULL) != n) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 1;
        }
    }
    csv_fini(&p, S_field, S_record, NULL);
    csv_free(&p);
    fclose(fp);
    printf("%zu records, %zu fields\n", nrecords, nfields);
    return 0;
}
