/* alloc.h - every allocation in annrep goes through here.
 *
 * One decision about running out of memory: print a message and exit with
 * status 3 (system failure).  Callers therefore never check for NULL.
 * Freeing is plain free(); free(NULL) is safe as always. */
#ifndef ANNREP_ALLOC_H
#define ANNREP_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* xstrdup(NULL) returns NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A buffer of at least n bytes for large images (megabytes), freed with
 * free(): aligned to 2 MiB and, where the system has them, in 2 MiB pages,
 * so that filling it takes a few page faults rather than thousands.  *cap
 * receives its size, n rounded up to 2 MiB. */
void *xmalloc_big(size_t n, size_t *cap);
/* Grow *arr (of *cap elements of elem bytes) so that it can hold need elements. */
void xgrow(void **arr, size_t *cap, size_t need, size_t elem);

#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
