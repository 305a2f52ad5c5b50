/* template_internal.h - shared between the template reader's files
 * (template.c: files, blocks, structure; template_inline.c: placeholders,
 * conditions, names).  Not part of the public interface. */
#ifndef ANNREP_TEMPLATE_INTERNAL_H
#define ANNREP_TEMPLATE_INTERNAL_H

#include "doc_internal.h"
#include "../compute/registry.h"

#include <cmark.h>
#include <stdbool.h>

/* The largest template or narrative file read (docs/limits.md): a year's
 * prose is kilobytes; a 5 MB paragraph still reads in linear time. */
#define TPL_FILE_MAX (8u << 20)
/* Lists and quotes, and emphasis and links, nest at most this deep in a
 * template or narrative file; a line whose markers alone open more than
 * TPL_NEST_SCAN is refused before cmark reads the file. */
#define TPL_NEST_MAX 8
#define TPL_NEST_SCAN 100
/* Characters of emphasis, code and link markup (* _ [ ] `) in one file. */
#define TPL_MARKUP_MAX 200000
/* Errors, warnings and notes shown per template or narrative file (each
 * kind counted apart, as for a return); the rest are counted in a note. */
#define TPL_DIAG_MAX DOC_DIAG_MAX

typedef struct {
    const project *p;
    const figstore *fs;
    const dataset_list *dsl;
    diag_list *dl;
    char *area_slug;      /* slug of cfg.area, for "@area" in keys */
    char *total_slug;     /* slug of figure crime.total_type, for "@total"; NULL: none */
    char *comparison_slug; /* slug of crime.comparison_area, for "@comparison"; NULL: none */

    doc_node *root;
    doc_node *open[5];    /* open[1] chapter, open[2..4] sections; NULL = none */
    int skip_level;       /* > 0: skipping a dropped part until a heading <= it */
    bool in_narrative;
    bool narrative_titles; /* the narrative being read began with ```narrative f.md```
                              + "heading: title": until its first block, a heading
                              retitles the chapter or section that holds it */

    /* The file being read, for messages and column lookup. */
    const char *file;
    char **lines;
    size_t nlines;
    /* Messages about it so far, and those not shown, by diag_severity. */
    size_t nshown[3], nhidden[3];
} tpl_builder;

/* Error / warning / note at file:line, optional column and value. */
void tpl_diag(tpl_builder *b, diag_severity sev, int line, int col, const char *value,
              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* True when a message of this severity about the current file would no
 * longer be shown (TPL_DIAG_MAX reached): a caller may skip costly work on
 * its wording, but must still call tpl_diag so that it is counted. */
bool tpl_diag_capped(const tpl_builder *b, diag_severity sev);

/* Append the inline children of `inl` (a paragraph or heading) to para as
 * runs, resolving placeholders.  line is the block's start line. */
void tpl_inlines(tpl_builder *b, cmark_node *inl, doc_node *para, int line);

/* Evaluate a condition list ("lado, previous lado", "not figure x.y") into
 * *value (all must hold).  ANNREP_OK, or ANNREP_ERR_INPUT after an error
 * naming line (then *value is false). */
annrep_status tpl_condition(tpl_builder *b, const char *text, int line, bool *value);

/* If text is a directive comment ("<!-- if: lado -->"), its name and argument:
 * returns true and sets *name ("requires", "if", "else", "end", "unnumbered")
 * and *arg (malloc'd, trimmed, possibly ""). */
bool tpl_directive(const char *html, char **name, char **arg);

/* What the project's narrative/<name> holds.  A file of nothing but HTML
 * comments and white space (the placeholder `annrep init` writes, guidance
 * for the author) is not written yet: `narrative <name>` conditions are
 * false for it and a ```narrative``` block leaves it out, with a note.  A
 * file that cannot be read counts as written, so that reading it reports
 * why; a name with a '/' or a leading '.' as absent. */
typedef enum { TPL_NARR_ABSENT, TPL_NARR_PLACEHOLDER, TPL_NARR_WRITTEN } tpl_narrative;
tpl_narrative tpl_narrative_state(const tpl_builder *b, const char *name);

#endif
