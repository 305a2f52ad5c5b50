/* figures.c - the figure store and figures.csv; see figures.h.
 *
 * Knows keys, values and strings; knows nothing about returns or how a
 * display string was made (fmt.c does that).  Items stay in insertion order
 * (the order compute adds them), so figures.csv is deterministic; the hash
 * index only speeds up fig_find. */
#include "figures.h"

#include "fmt.h"
#include "../util/alloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EMPTY_SLOT SIZE_MAX

/* FNV-1a: simple, and the order of items never depends on it. */
static size_t S_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

static void S_index_insert(figstore *fs, size_t item)
{
    size_t mask = fs->index_cap - 1;
    size_t i = S_hash(fs->items[item].key) & mask;
    while (fs->index[i] != EMPTY_SLOT)
        i = (i + 1) & mask;
    fs->index[i] = item;
}

static void S_rehash(figstore *fs, size_t cap)
{
    free(fs->index);
    fs->index = xmalloc(cap * sizeof *fs->index);
    fs->index_cap = cap;
    for (size_t i = 0; i < cap; i++)
        fs->index[i] = EMPTY_SLOT;
    for (size_t k = 0; k < fs->n; k++)
        S_index_insert(fs, k);
}

static figure *S_lookup(const figstore *fs, const char *key)
{
    if (!fs->index_cap || !key)
        return NULL;
    size_t mask = fs->index_cap - 1;
    size_t i = S_hash(key) & mask;
    while (fs->index[i] != EMPTY_SLOT) {
        figure *f = &fs->items[fs->index[i]];
        if (strcmp(f->key, key) == 0)
            return f;
        i = (i + 1) & mask;
    }
    return NULL;
}

static void S_figure_clear(figure *f)
{
    free(f->key);
    free(f->display);
    free(f->unit);
    free(f->definition);
    free(f->sources);
    for (size_t i = 0; i < f->ninputs; i++)
        free(f->inputs[i]);
    free(f->inputs);
    f->inputs = NULL;
    f->ninputs = 0;
    f->covered = false;
    f->small = false;
}

void fig_set(figstore *fs, const char *key, bool available, double value,
             const char *display, const char *unit, const char *definition,
             const char *sources)
{
    figure *f = S_lookup(fs, key);
    if (f) {
        /* Replace in place: the key keeps its first position. */
        char *k = f->key;
        f->key = NULL;
        S_figure_clear(f);
        f->key = k;
    } else {
        XGROW(fs->items, fs->cap, fs->n + 1);
        f = &fs->items[fs->n++];
        memset(f, 0, sizeof *f);
        f->key = xstrdup(key ? key : "");
        /* Keep the load factor at or below one half. */
        if (fs->n * 2 > fs->index_cap)
            S_rehash(fs, fs->index_cap ? fs->index_cap * 2 : 64);
        else
            S_index_insert(fs, fs->n - 1);
    }
    f->available = available;
    f->status = available ? FIG_SHOWN : FIG_NOT_AVAILABLE;
    f->value = available ? value : 0.0;
    f->display = xstrdup(display ? display : (available ? "" : "n/a"));
    f->unit = xstrdup(unit ? unit : "");
    f->definition = xstrdup(definition ? definition : "");
    f->sources = xstrdup(sources ? sources : "");
}

const figure *fig_find(const figstore *fs, const char *key)
{
    return S_lookup(fs, key);
}

void fig_set_status(figstore *fs, const char *key, fig_status st)
{
    figure *f = S_lookup(fs, key);
    if (!f)
        return;
    f->status = st;
    f->available = st == FIG_SHOWN;
}

void fig_suppress(figstore *fs, const char *key, bool small)
{
    figure *f = S_lookup(fs, key);
    if (!f)
        return;
    f->small = small;
    f->status = FIG_SUPPRESSED;
    f->available = false;
    f->value = 0.0;
    free(f->display);
    f->display = xstrdup("[c]");
}

const char *fig_status_letter(fig_status st)
{
    switch (st) {
    case FIG_SHOWN: return "";
    case FIG_SUPPRESSED: return "c";
    case FIG_LOW_BASE: return "u";
    case FIG_NO_DENOMINATOR: return "z";
    case FIG_NOT_AVAILABLE: return "x";
    }
    return "x";
}

void fig_cover(figstore *fs, const char *key)
{
    figure *f = S_lookup(fs, key);
    if (f)
        f->covered = true;
}

void fig_derive(figstore *fs, const char *key, const char *input)
{
    figure *f = S_lookup(fs, key);
    if (!f || !input)
        return;
    for (size_t i = 0; i < f->ninputs; i++)
        if (strcmp(f->inputs[i], input) == 0)
            return;
    f->inputs = xrealloc(f->inputs, (f->ninputs + 1) * sizeof *f->inputs);
    f->inputs[f->ninputs++] = xstrdup(input);
}

void fig_add_check(figstore *fs, const char *text)
{
    XGROW(fs->checks, fs->checkcap, fs->nchecks + 1);
    fs->checks[fs->nchecks++] = xstrdup(text);
}

void fig_add_sum(figstore *fs, const char *name, const char *total, const char *const *parts,
                 size_t nparts)
{
    XGROW(fs->sums, fs->sumcap, fs->nsums + 1);
    fig_sum *s = &fs->sums[fs->nsums++];
    s->name = xstrdup(name);
    s->total = xstrdup(total);
    s->parts = xmalloc((nparts ? nparts : 1) * sizeof *s->parts);
    for (size_t i = 0; i < nparts; i++)
        s->parts[i] = xstrdup(parts[i]);
    s->nparts = nparts;
}

/* Whether a spreadsheet opening the file could take field s for a formula
 * (OWASP, "CSV Injection"): it starts with '=', '@', a tab or a CR, or with
 * '+' or '-' followed by anything but a number as the report prints one
 * ("+3.9%", "-12", "+\xC2\xA3250.50", "+3.5 percentage points" are numbers;
 * "-1+1", "+cmd|' /C calc'!A0" are not). */
bool fig_field_is_formula(const char *s)
{
    if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
        return true;
    if (s[0] != '+' && s[0] != '-')
        return false;
    for (const unsigned char *p = (const unsigned char *)s + 1; *p; p++) {
        bool ok = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
                  (*p >= 'A' && *p <= 'Z') || *p == ',' || *p == '.' || *p == '%' ||
                  *p == ' ' || (p[0] == 0xC2 && p[1] == 0xA3);
        if (!ok)
            return true;
        if (*p == 0xC2)
            p++; /* the pound sign's second byte */
    }
    return false;
}

/* One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, or
 * starts or ends with a space (some readers trim unquoted fields); a field
 * a spreadsheet would run as a formula is written after a single quote
 * (prevfigs.c takes it off again when it reads the file back). */
static int S_field(FILE *out, const char *s)
{
    size_t n = strlen(s);
    /* a field that itself starts with the quote and such a character gets
     * one too, so that reading the quote off gives it back exactly */
    bool formula = fig_field_is_formula(s) || (s[0] == '\'' && s[1] && strchr("=@+-\t\r", s[1]));
    bool quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            quote = true;
    if (!quote) {
        if (formula && fputc('\'', out) == EOF)
            return -1;
        return fputs(s, out) < 0 ? -1 : 0;
    }
    if (fputc('"', out) == EOF || (formula && fputc('\'', out) == EOF))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' && fputc('"', out) == EOF)
            return -1;
        if (fputc(s[i], out) == EOF)
            return -1;
    }
    return fputc('"', out) == EOF ? -1 : 0;
}

bool fig_is_text(const figure *f)
{
    return f && f->unit && strcmp(f->unit, "text") == 0;
}

annrep_status fig_write_csv(const figstore *fs, FILE *out)
{
    if (fputs("key,value,display,unit,definition,sources,status\n", out) < 0)
        return ANNREP_ERR_IO;
    for (size_t i = 0; i < fs->n; i++) {
        const figure *f = &fs->items[i];
        char *v = !f->available ? xstrdup("")
                  : fig_is_text(f) ? xstrdup(f->display ? f->display : "")
                                   : fmt_plain(f->value);
        const char *fields[7] = {f->key,        v,          f->display,
                                 f->unit,       f->definition, f->sources,
                                 fig_status_letter(f->status)};
        int rc = 0;
        for (int k = 0; k < 7 && rc == 0; k++) {
            if (k > 0 && fputc(',', out) == EOF)
                rc = -1;
            else
                rc = S_field(out, fields[k]);
        }
        free(v);
        if (rc != 0 || fputc('\n', out) == EOF)
            return ANNREP_ERR_IO;
    }
    if (ferror(out)) {
        if (!errno)
            errno = EIO;
        return ANNREP_ERR_IO;
    }
    return ANNREP_OK;
}

/* 0 for a plain key, else the year's start negated, so that a sort on this
 * rank lists plain keys first and then the years newest first. */
static long S_year_rank(const char *key)
{
    if (strncmp(key, "year.", 5) != 0)
        return 0;
    long y = strtol(key + 5, NULL, 10);
    return y > 0 ? 100000 - y : 0;
}

void fig_order_by_year(figstore *fs)
{
    if (fs->n == 0)
        return;
    figure *sorted = xmalloc((fs->n ? fs->n : 1) * sizeof *sorted);
    long *ranks = xmalloc((fs->n ? fs->n : 1) * sizeof *ranks);
    for (size_t i = 0; i < fs->n; i++)
        ranks[i] = S_year_rank(fs->items[i].key);
    size_t out = 0;
    long next = 0;
    /* Stable: the ranks are few (at most five), so one pass per rank. */
    for (;;) {
        long best = -1;
        for (size_t i = 0; i < fs->n; i++)
            if (ranks[i] >= next && (best < 0 || ranks[i] < best))
                best = ranks[i];
        if (best < 0)
            break;
        for (size_t i = 0; i < fs->n; i++)
            if (ranks[i] == best)
                sorted[out++] = fs->items[i];
        next = best + 1;
    }
    memcpy(fs->items, sorted, fs->n * sizeof *sorted);
    free(sorted);
    free(ranks);
    if (fs->index_cap)
        S_rehash(fs, fs->index_cap);
}

/* ---- changes since the last build ------------------------------------ */

static void S_change(fig_changes *c, const char *key, const char *before, const char *after)
{
    XGROW(c->items, c->cap, c->n + 1);
    fig_change *ch = &c->items[c->n++];
    ch->key = xstrdup(key);
    ch->before = xstrdup(before);
    ch->after = xstrdup(after);
}

void fig_changes_find(const figstore *fs, const prev_figures *prev, fig_changes *out)
{
    memset(out, 0, sizeof *out);
    /* An index of the old keys: open addressing, load factor below one half. */
    size_t np = prev && prev->present ? prev->n : 0, cap = 16;
    while (cap < np * 2 + 2)
        cap *= 2;
    size_t *slot = xmalloc(cap * sizeof *slot), mask = cap - 1;
    for (size_t i = 0; i < cap; i++)
        slot[i] = EMPTY_SLOT;
    for (size_t k = 0; k < np; k++) {
        size_t i = S_hash(prev->keys[k]) & mask;
        while (slot[i] != EMPTY_SLOT && strcmp(prev->keys[slot[i]], prev->keys[k]) != 0)
            i = (i + 1) & mask;
        if (slot[i] == EMPTY_SLOT)
            slot[i] = k;  /* a key twice in the old file: the first counts */
    }
    for (size_t f = 0; f < fs->n; f++) {
        const figure *fg = &fs->items[f];
        size_t i = S_hash(fg->key) & mask;
        while (slot[i] != EMPTY_SLOT && strcmp(prev->keys[slot[i]], fg->key) != 0)
            i = (i + 1) & mask;
        if (slot[i] == EMPTY_SLOT) {
            S_change(out, fg->key, "", fg->display);
            out->added++;
        } else if (strcmp(prev->displays[slot[i]], fg->display) != 0) {
            S_change(out, fg->key, prev->displays[slot[i]], fg->display);
            out->changed++;
        }
    }
    for (size_t k = 0; k < np; k++)
        if (!fig_find(fs, prev->keys[k])) {
            bool first = true;  /* listed once, however often the old file had it */
            for (size_t j = 0; j < k && first; j++)
                first = strcmp(prev->keys[j], prev->keys[k]) != 0;
            if (first) {
                S_change(out, prev->keys[k], prev->displays[k], "");
                out->removed++;
            }
        }
    free(slot);
}

annrep_status fig_changes_write_csv(const fig_changes *c, FILE *out)
{
    if (fputs("key,before,after\n", out) < 0)
        return ANNREP_ERR_IO;
    for (size_t i = 0; i < c->n; i++) {
        const fig_change *ch = &c->items[i];
        if (S_field(out, ch->key) != 0 || fputc(',', out) == EOF ||
            S_field(out, ch->before) != 0 || fputc(',', out) == EOF ||
            S_field(out, ch->after) != 0 || fputc('\n', out) == EOF)
            return ANNREP_ERR_IO;
    }
    return ferror(out) ? ANNREP_ERR_IO : ANNREP_OK;
}

void fig_changes_free(fig_changes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].key);
        free(c->items[i].before);
        free(c->items[i].after);
    }
    free(c->items);
    memset(c, 0, sizeof *c);
}

void fig_free(figstore *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->n; i++)
        S_figure_clear(&fs->items[i]);
    free(fs->items);
    free(fs->index);
    for (size_t i = 0; i < fs->nsums; i++) {
        free(fs->sums[i].name);
        free(fs->sums[i].total);
        for (size_t k = 0; k < fs->sums[i].nparts; k++)
            free(fs->sums[i].parts[k]);
        free(fs->sums[i].parts);
    }
    free(fs->sums);
    for (size_t i = 0; i < fs->nchecks; i++)
        free(fs->checks[i]);
    free(fs->checks);
    memset(fs, 0, sizeof *fs);
}
