/* parse.h - typed cell parsers of the data contract (section 3).
 *
 * Each parser takes one trimmed, non-blank cell.  On success it returns true
 * and stores the value; on failure it returns false, leaves the outputs
 * alone and appends to `why` the sentence a report author reads after the
 * value, always starting "expected ..." (e.g. `expected a real date as
 * YYYY-MM-DD or DD/MM/YYYY (no 31st of February 2017)`).
 * Pure functions: no files, no diagnostics list, no locale. */
#ifndef ANNREP_PARSE_H
#define ANNREP_PARSE_H

#include "returns.h"
#include "../util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

/* Whole number >= 0; thousands separators only in groups of three ("24,635"). */
bool parse_count(const char *s, int64_t *out, strbuf *why);

/* Optional leading '-', digits (thousands separators allowed), optional
 * decimal fraction; no '%' (a trailing one is named: "write 31.0"), no
 * exponent.  *decimals = digits after the
 * point as written ("60.0" -> 1).  At most 15 significant digits. */
bool parse_number(const char *s, double *out, int *decimals, strbuf *why);

/* Optional leading '£', whole pounds or exactly two decimals, never
 * negative.  *pence = amount in pence ("£130,021.50" -> 13002150). */
bool parse_money(const char *s, int64_t *pence, strbuf *why);

/* YYYY-MM-DD or D/M/YYYY (one or two digits for day and month); a real
 * calendar date in 1900..2199.  *ymd = 20170331. */
bool parse_date(const char *s, int32_t *ymd, strbuf *why);

/* YYYY-MM, or a month name (three letters, "Sept" or in full, any case)
 * then '-' and two digits ("Mar-16" = 2016-03, years 20YY) or '-' or a
 * space and four digits ("Mar 2016", "March 2016").  Not "Mar 16", which
 * reads as a day of March.  *ym = 201603. */
bool parse_month(const char *s, int32_t *ym, strbuf *why);

/* A financial year "YYYY-YY" (1 April YYYY to 31 March YYYY+1) where YY
 * is the year after YYYY, YYYY in 1900..2198: *start = YYYY. */
bool parse_financial_year(const char *s, int *start, strbuf *why);

/* Y, N, Yes, No in any case. */
bool parse_yesno(const char *s, bool *yes, strbuf *why);

/* One of values (NULL-terminated) or of aliases ({NULL,0}-terminated, may be
 * NULL), case-insensitive with spaces folded; failing that, equal slugs
 * ("0 - 27 days" is "0-27 days").  *out = index into values. */
bool parse_enum(const char *s, const char *const *values, const enum_alias *aliases,
                int *out, strbuf *why);

/* Calendar helpers. */
bool parse_is_leap(int year);
int parse_days_in_month(int year, int month); /* 0 for a month outside 1..12 */

/* "1st", "2nd", "31st" ... into buf (at least 8 bytes). */
const char *parse_ordinal(int n, char *buf);

/* "February". */
const char *parse_month_name(int month);

#endif
