/* config_edit.h - finding and changing one setting in the text of a
 * report.ini without touching any other byte (for `annrep next-year`,
 * which moves `year` on and must keep the author's comments and layout).
 *
 * Lines are read as config.c reads them (section 2 of the data contract):
 * a line whose first non-blank character is ';' or '#' is a comment, a
 * [section] line starts a section (matched ignoring case), a setting is
 * `key = value` or `key: value` (the key matched as report.ini keys are),
 * and after the value a ';' with white space before it starts a comment.
 * Pure functions on bytes: no files, no diagnostics. */
#ifndef ANNREP_CONFIG_EDIT_H
#define ANNREP_CONFIG_EDIT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    size_t start, end;  /* the value's bytes, [start, end), trimmed; start == end when blank */
    int line;           /* 1-based line of the setting */
} config_span;

/* The setting of `key` in [section] of the len bytes at text: the last one
 * when it is set more than once (the one config.c uses).  Returns false,
 * leaving *out alone, when it is not set. */
bool config_find_setting(const char *text, size_t len, const char *section, const char *key,
                         config_span *out);

/* A new string: text with the value bytes of sp replaced by value, every
 * other byte as it was; *out_len its length (it is also NUL-terminated).
 * The caller frees it. */
char *config_replace_value(const char *text, size_t len, const config_span *sp,
                           const char *value, size_t *out_len);

#endif
