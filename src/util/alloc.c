/* alloc.c - checked allocation; see alloc.h. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE   /* madvise's MADV_HUGEPAGE */
#endif
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void S_oom(size_t n)
{
    fprintf(stderr, "annrep: out of memory (requested %zu bytes)\n", n);
    exit(3);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        S_oom(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        S_oom(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        S_oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

#define S_HUGE ((size_t)2 << 20)

void *xmalloc_big(size_t n, size_t *cap)
{
    if (n > ((size_t)-1) - S_HUGE)
        S_oom(n);
    size_t c = n ? (n + S_HUGE - 1) / S_HUGE * S_HUGE : S_HUGE;
    void *p = NULL;
    if (posix_memalign(&p, S_HUGE, c) != 0 || !p)
        S_oom(c);
#ifdef MADV_HUGEPAGE
    (void)madvise(p, c, MADV_HUGEPAGE);   /* a hint: 4 KiB pages otherwise */
#endif
    *cap = c;
    return p;
}

void xgrow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > ((size_t)-1) / 2 / elem)
            S_oom(need * elem);
        ncap *= 2;
    }
    *arr = xrealloc(*arr, ncap * elem);
    *cap = ncap;
}
