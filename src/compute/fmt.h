/* fmt.h - the display rules of the data contract (section 5), in one place.
 *
 * Every number the report, the data pack, the charts and figures.csv show is
 * formatted here.  All functions return a new heap string (UTF-8); the minus
 * sign is U+2212.  None of them reads locale. */
#ifndef ANNREP_FMT_H
#define ANNREP_FMT_H

#include <stdbool.h>
#include <stdint.h>

/* The small base of section 5: a relative change is not shown when the
 * previous value is below this. */
#define FMT_SMALL_BASE 20
/* The same number as text, for messages and notes written as literals. */
#define FMT_STR_(x) #x
#define FMT_STR(x) FMT_STR_(x)
#define FMT_SMALL_BASE_TEXT FMT_STR(FMT_SMALL_BASE)

/* Round half away from zero to `decimals` places (0..6), robust to binary
 * representation: 60.45 -> 60.5, 2.675 -> 2.68, -0.05 -> -0.1.
 *
 * How: x is first written as a decimal with 15 significant digits (the most
 * a double always carries faithfully), and that decimal string is rounded.
 * So 0.15 * 100 (15.000000000000002) is 15, 60.45 (60.4500000000000028...)
 * and 2.675 (2.67499999999999982...) round up as a person expects.  The
 * price: a value that differs from a tie only in the 16th significant digit
 * is treated as the tie.  NaN and infinities are returned unchanged; the
 * result is never -0. */
double fmt_round(double x, int decimals);

/* 24635 -> "24,635"; -9 -> "−9". */
char *fmt_count(int64_t n);

/* x with `decimals` places and thousands separators: (1234.5, 1) -> "1,234.5",
 * (60, 1) -> "60.0", (-3.25, 1) -> "−3.3". */
char *fmt_number(double x, int decimals);

/* Percentage num/den*100 to one decimal: (130, 215) -> "60.5%"; den == 0 -> "n/a". */
char *fmt_pct(double num, double den);

/* A value already in percent units to one decimal: 60.465 -> "60.5%". */
char *fmt_pct_value(double pct);

/* Rate per 10,000 to one decimal: 67.899 -> "67.9". */
char *fmt_rate(double rate);

/* Money in pence.  whole: "£181,050" (pence must be a multiple of 100, else
 * pence are shown anyway); otherwise "£130,021.50". */
char *fmt_money(int64_t pence, bool whole);

/* Change of money in pence: +£2,000, −£550.50, £0 (pence shown as fmt_money). */
char *fmt_money_change(int64_t pence, bool whole);

/* Change of a number to `decimals` places: +2.3, −0.5, 0.0. */
char *fmt_number_change(double diff, int decimals);

/* Absolute change: +79, −9, 0. */
char *fmt_change(int64_t diff);

/* Relative change (cur - prev) / prev * 100 to one decimal with sign:
 * (24635, 24556) -> "+0.3%", (760, 769) -> "−1.2%", 0 change -> "0.0%".
 * Returns NULL when prev < FMT_SMALL_BASE (small base: not shown) - callers show
 * fmt_change() alone. */
char *fmt_change_pct(double cur, double prev);

/* Signed relative change already in percent units, one decimal:
 * 0.32 -> "+0.3%", -1.17 -> "−1.2%", 0.04 -> "0.0%". */
char *fmt_change_pct_value(double pct);

/* The unrounded value for machine-readable outputs (figures.csv): up to 15
 * significant digits, no trailing zeros or binary noise (0.15*100 -> "15",
 * 130/215*100 -> "60.4651162790698"), '.' as decimal point, ASCII '-',
 * never "-0".  NaN/infinity give "". */
char *fmt_plain(double x);

/* "2017-09-30" -> "30 September 2017"; ymd as 20170930. */
char *fmt_date_long(int32_t ymd);

/* 201703 -> "March 2017"; short: "Mar 2017". */
char *fmt_month(int32_t ym, bool short_name);

#endif
