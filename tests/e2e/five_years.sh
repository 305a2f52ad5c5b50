#!/bin/sh
# five_years.sh - five years, not two (contract sections 1 and 7), on the
# test suite's own five-year project tests/projects/northmoor.
#
#   sh five_years.sh <annrep> <source-dir>
#
# Every figure of tests/projects/northmoor/expected_figures.csv, worked out
# by hand from the project's declared targets (EXPECTED.md shows the
# arithmetic), the reporting year's plain keys and every earlier year's
# year.<yyyy_yy>. keys, must be in figures.csv with exactly that display;
# the folder outside the five years is noted once and not read; an error in
# the oldest year read stops the build; and the trends reach the report and
# the data pack.
set -u
LC_ALL=C
export LC_ALL
BIN=$1
SRC=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-five.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { what=$1; shift; if "$@" >/dev/null 2>&1; then ok; else bad "$what"; fi; }

P="$SRC/tests/projects/northmoor"
OUT="$TMP/out"
"$BIN" build "$P" -o "$OUT" --edition restricted --data-dir "$SRC" 2>"$TMP/stderr"
rc=$?
check "build succeeds (exit $rc)" test "$rc" -eq 0
n=$(grep -c 'year folder 2017-18 not read' "$TMP/stderr")
check "the folder older than the five years is noted once (got $n)" test "$n" -eq 1
check "2019-20's missing month is warned about: that year is validated too" \
    grep -q '2019-20/looked_after_monthly.csv: warning: .*Nov 2019' "$TMP/stderr"

# Every hand-worked figure, plain and year.<Y>.
/usr/bin/python3 - "$P/expected_figures.csv" "$OUT/figures-restricted.csv" >"$TMP/cmp" 2>&1 <<'PY'
import csv, sys
want = {r["key"]: r["display"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
got = {r["key"]: r["display"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
bad = [k for k in want if got.get(k) != want[k]]
for k in bad:
    print("  %s: expected %r, got %r" % (k, want[k], got.get(k)))
years = sum(1 for k in want if k.startswith("year."))
print("%d figures compared, %d of earlier years, %d wrong" % (len(want), years, len(bad)))
sys.exit(1 if bad or years < 100 else 0)
PY
if [ $? -eq 0 ]; then ok; else bad "figures differ from the hand-worked ones:"; cat "$TMP/cmp"; fi
check "no year.<reporting year>. keys" sh -c "! grep -q '^year\.2022_23\.' '$OUT/figures-restricted.csv'"
check "no key for the year outside the window" sh -c "! grep -q '^year\.2017_18\.' '$OUT/figures-restricted.csv'"

# The trends: figures, the report's tables and charts, the data pack's sheets.
check "LADO referrals have five years of trend" \
    grep -q '^lado.referrals.total.trend.years,5,' "$OUT/figures-restricted.csv"
check "funding has two years: no trend" sh -c "! grep -q '^funding.total.trend' '$OUT/figures-restricted.csv'"
pdftotext -layout "$OUT/annual-report-2022-23-restricted.pdf" "$TMP/report.txt"
check "the LADO trend section is in the report" grep -q 'Referrals since 2018-19' "$TMP/report.txt"
# 2022-23: 30 referrals after 26 and 20 (EXPECTED.md): rose twice running,
# and 30 is the highest of 27, 28, 20, 26, 30.
check "trend words read right" grep -q 'Referrals rose for the second year running in 2022-23, to' \
    "$TMP/report.txt"
check "... and the standing" grep -q 'the highest in five years' "$TMP/report.txt"
for id in lado_trend lac_trend cdop_trend training_trend; do
    check "chart $id written" test -s "$OUT/charts-restricted/$id.png"
done
check "no funding trend chart (two years)" test ! -e "$OUT/charts-restricted/funding_trend.png"
unzip -o -q "$OUT/data-pack-2022-23-restricted.xlsx" -d "$TMP/xlsx"
check "the data pack has the time series sheet" grep -q 'name="Time_series"' "$TMP/xlsx/xl/workbook.xml"
check "the data pack has the LADO trend sheet" grep -q 'name="LADO_trend"' "$TMP/xlsx/xl/workbook.xml"

# An error in the oldest year read stops the build: every year is validated.
B="$TMP/broken"
cp -R "$P" "$B"
printf 'NM-X-999,31/02/2019,Police,N,,\n' >>"$B/2018-19/lado_contacts.csv"
"$BIN" build "$B" -o "$TMP/out2" --data-dir "$SRC" >"$TMP/log2" 2>&1
rc=$?
check "an error in 2018-19 stops the build (exit $rc)" test "$rc" -eq 1
check "... naming that year's file" grep -q '2018-19/lado_contacts.csv' "$TMP/log2"
check "... and nothing is written" test ! -e "$TMP/out2"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
