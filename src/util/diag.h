/* diag.h - errors, warnings and notes about the user's input.
 *
 * Every problem annrep finds in a report project is collected here, with the
 * file, the physical line, the column, the offending value and what was
 * expected, so that `annrep check` can list them all in one run.  The list
 * owns copies of every string passed in. */
#ifndef ANNREP_DIAG_H
#define ANNREP_DIAG_H

#include <stdio.h>
#include <stddef.h>

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct {
    diag_severity sev;
    char *file;    /* as the user would name it, e.g. "data-samples/2016-17/funding.csv"; may be NULL */
    int line;      /* 1-based physical line; 0 for the whole file */
    char *column;  /* column name, or NULL */
    char *value;   /* offending value as read (UTF-8), or NULL */
    char *message; /* what was expected / what is wrong */
} diag;

typedef struct {
    diag *items;
    size_t n, cap;
    size_t nerrors, nwarnings, nnotes;
} diag_list;

#define DIAG_LIST_INIT {NULL, 0, 0, 0, 0, 0}

void diag_add(diag_list *dl, diag_severity sev, const char *file, int line,
              const char *column, const char *value, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* One line, no trailing newline, e.g.
 *   dir/2016-17/funding.csv:7: error: column amount: "£12.5": expected money ...
 * Control characters (a line break, a tab, an escape) anywhere in it -- the
 * file name, column, value or message -- are shown as \xNN, so a diagnostic
 * is always one line; values are cut at 80 characters, messages at 1,000.
 * Caller frees. */
char *diag_format(const diag *d);

/* Print every item, one per line, in the order added. */
void diag_print(const diag_list *dl, FILE *out);

/* Number of errors recorded so far for file (exact string match). */
size_t diag_errors_in_file(const diag_list *dl, const char *file);

void diag_free(diag_list *dl);

#endif
