/* status.h - the one set of result codes every stage returns.
 *
 * Loaders, compute, the document assembler, the writers and publish all
 * return an annrep_status.  The details of a failure (file, line, value,
 * errno) are always in the diag_list the caller passed; the status says only
 * what kind of failure it was, which is what decides the exit code. */
#ifndef ANNREP_STATUS_H
#define ANNREP_STATUS_H

typedef enum {
    ANNREP_OK = 0,
    ANNREP_ERR_INPUT,    /* the user's input has errors: a return, report.ini, template */
    ANNREP_ERR_IO,       /* reading or writing a file failed (errno in the message) */
    ANNREP_ERR_LIBRARY,  /* a library (libharu, libxlsxwriter, cairo) reported a failure */
    ANNREP_ERR_PARTIAL,  /* publish: some outputs were replaced before a failure */
    ANNREP_ERR_INTERNAL  /* a broken promise inside annrep (a bug), never the user's fault */
} annrep_status;

/* A short English phrase for the code, e.g. "invalid input".  Never NULL. */
const char *annrep_status_str(annrep_status st);

/* The command line's exit code for st: 0 OK, 1 invalid input, 3 every
 * other failure (system, library, partial publish, internal). */
int annrep_status_exit_code(annrep_status st);

/* The worse of two results: any failure beats ANNREP_OK, and a system
 * failure beats invalid input (the user cannot fix it by editing a file). */
annrep_status annrep_status_worst(annrep_status a, annrep_status b);

#endif
