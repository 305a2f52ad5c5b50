/* text.h - small text utilities shared by the loader and the figures.
 * All strings are UTF-8 unless said otherwise.  Functions that return char *
 * return a new heap string the caller frees. */
#ifndef ANNREP_TEXT_H
#define ANNREP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when the n bytes at s are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF).  NUL bytes count as invalid. */
bool text_is_utf8(const char *s, size_t n);

/* The code point at *s (UTF-8, not at its NUL), advancing *s past it; a
 * malformed sequence gives U+FFFD and advances past its bad bytes only. */
unsigned long text_utf8_next(const char **s);

/* Convert n bytes of Windows-1252 to UTF-8 (the five undefined bytes 0x81,
 * 0x8D, 0x8F, 0x90, 0x9D become U+FFFD).  *out_len receives the length. */
char *text_cp1252_to_utf8(const char *s, size_t n, size_t *out_len);

/* The spec's slug: lower-case, every run of characters other than a-z and
 * 0-9 becomes one '_', leading and trailing '_' removed.  "Primary School"
 * -> "primary_school"; "Met Total" -> "met_total". */
char *text_slug(const char *s);

/* Copy of s without surrounding ASCII spaces and tabs (and U+00A0). */
char *text_trim(const char *s);
/* The same in place: ends s after its last non-space and returns where it
 * starts after its leading spaces (no allocation). */
char *text_trim_inplace(char *s);

/* Header matching: case-insensitive, surrounding spaces ignored, space and
 * underscore alike, runs of them one.  "Date Received " matches "date_received". */
bool text_header_eq(const char *header, const char *name);

/* Case-insensitive ASCII comparison ignoring surrounding spaces and folding
 * runs of inner spaces to one: used for enumerations and yes/no. */
bool text_loose_eq(const char *a, const char *b);

/* True when the n bytes at s hold nothing but white space and complete
 * HTML comments (<!-- ... -->), after an optional UTF-8 byte-order mark:
 * a Markdown file that says nothing to a reader, such as the placeholder
 * `annrep init` writes in narrative/.  An unclosed comment is content. */
bool text_is_only_comments(const char *s, size_t n);

/* Where to break a word too long for its line (a URL, a long name), so that
 * no text runs off the page: fit is how many bytes of the word at s (n
 * bytes) fit on the line, as the caller measured.  Returns the byte offset
 * to break at: just after the last '/', '.', '-', '?', '&', '=', '_' or '#'
 * before fit when that keeps at least half of fit on the line (a URL breaks
 * between its parts), else fit moved back to the start of a character
 * (break by character); never 0 when n > 0 (at least one character per
 * line, even when not even one fits).  No hyphen is added: the text stays
 * as written. */
size_t text_break_point(const char *s, size_t n, size_t fit);

/* The most characters a spreadsheet cell holds (Excel's limit, which the
 * data pack's every cell must respect). */
#define TEXT_CELL_MAX 32767

/* The first control character of s (U+0001 to U+001F, tab included, or
 * U+007F), or NULL. */
const char *text_find_control(const char *s);

/* Code points in the n bytes at s (UTF-8; a malformed byte counts as one). */
size_t text_utf8_count(const char *s, size_t n);

/* A slug that is never empty and never shared by labels that differ in
 * more than case, spaces and punctuation between letters: text_slug(s),
 * or, when that is empty (no letter a-z or digit at all: "???", "警察"),
 * "_u" and the code points of its characters other than spaces in hex,
 * joined by "_u" ("警察" -> "_u8b66_u5bdf"; "?" -> "_u3f"); "_" for a
 * blank s.  No text_slug() result starts with '_', so none can match. */
char *text_group_slug(const char *s);

#endif
