#!/bin/sh
# revision.sh - correct a return, rebuild, see what changed (issue 16;
# contract sections 2 and 6).
#
#   sh revision.sh <annrep> <source-dir>
#
# A copy of the sample is built; then one LADO referral's outcome is
# corrected (LADO-16-002, a childminder/nursery referral received in April,
# from Unsubstantiated to Substantiated), report.ini gains revised and
# revision_note, and the project is rebuilt into the same folder.
#
# Worked out by hand from the sample's 130 referrals, 23 of them in Q1:
#   lado.substantiated.q1                11 -> 12
#   lado.substantiated.q1.pct            47.8% -> 52.2%   (11/23, 12/23)
#   lado.outcome.substantiated.count     29 -> 30
#   lado.outcome.substantiated.pct       22.3% -> 23.1%   (29/130, 30/130)
#   lado.outcome.unsubstantiated.count   34 -> 33
#   lado.outcome.unsubstantiated.pct     26.2% -> 25.4%   (34/130, 33/130)
#   lado.agency.childminder_nursery.outcome.unsubstantiated.count  10 -> 9
# The agency's substantiated count goes from 3 to 4: a count from 1 to 5,
# [c] before and after in the public edition, so not a change there; the
# restricted edition lists it (and its percentage, 3/28 = 10.7% -> 4/28 =
# 14.3%, and its outcome count) as well.
set -u
LC_ALL=C
export LC_ALL
BIN=$1
SRC=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-revision.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { what=$1; shift; if "$@" >/dev/null 2>&1; then ok; else bad "$what"; fi; }

P="$TMP/project"
OUT="$TMP/out"
RES="$TMP/out-restricted"
cp -R "$SRC/data-samples" "$P"
"$BIN" build "$P" -o "$OUT" --data-dir "$SRC" >"$TMP/first.log" 2>&1
check "first build succeeds" test -s "$OUT/figures.csv"
check "a first build lists every figure as added" \
    grep -q 'no earlier figures.csv in .* to compare with: changes.csv lists all [0-9]* figures as added' \
    "$TMP/first.log"
n=$(($(wc -l <"$OUT/figures.csv") - 1))
check "first changes.csv: all $n figures, every one added" \
    sh -c "test \$(awk -F, 'NR > 1 && \$2 == \"\"' '$OUT/changes.csv' | wc -l) -eq $n"
"$BIN" build "$P" -o "$RES" --edition restricted --data-dir "$SRC" >/dev/null 2>&1

# A rebuild with nothing changed lists nothing.
"$BIN" build "$P" -o "$OUT" --data-dir "$SRC" >"$TMP/same.log" 2>&1
check "a rebuild with no change: changes.csv is its header only" \
    sh -c "printf 'key,before,after\n' | cmp -s - '$OUT/changes.csv'"
check "a rebuild with no change says so" grep -q 'no figure changed since the last build' "$TMP/same.log"

# The correction.
sed -i 's/^\(LADO-16-002,2016-04-06,Childminder\/nursery,Y,Y,\)Unsubstantiated$/\1Substantiated/' \
    "$P/2016-17/lado_contacts.csv"
check "the correction was made" grep -q '^LADO-16-002,.*,Substantiated$' "$P/2016-17/lado_contacts.csv"
sed -i 's/^\[report\]$/[report]\nrevised = 2017-11-20\nrevision_note = Q1 LADO outcome corrected/' \
    "$P/report.ini"
"$BIN" build "$P" -o "$OUT" --data-dir "$SRC" >"$TMP/rev.log" 2>&1
check "the corrected build succeeds" grep -q 'annrep: wrote' "$TMP/rev.log"
cat >"$TMP/want" <<'EOF'
key,before,after
lado.substantiated.q1,11,12
lado.substantiated.q1.pct,47.8%,52.2%
lado.outcome.substantiated.count,29,30
lado.outcome.substantiated.pct,22.3%,23.1%
lado.outcome.unsubstantiated.count,34,33
lado.outcome.unsubstantiated.pct,26.2%,25.4%
lado.agency.childminder_nursery.outcome.unsubstantiated.count,10,9
EOF
if cmp -s "$TMP/want" "$OUT/changes.csv"; then ok; else
    bad "changes.csv lists exactly the seven figures that moved:"
    diff "$TMP/want" "$OUT/changes.csv" | sed 's/^/    /'
fi
check "the terminal says 7 figures differ" \
    grep -q '^annrep: 7 figures differ since the last build (7 changed, 0 added, 0 removed' "$TMP/rev.log"
check "the terminal shows the first as 'key: before → after'" \
    grep -q '^  lado.substantiated.q1: 11 → 12$' "$TMP/rev.log"

# The restricted edition also lists the childminder/nursery referrals'
# substantiated count, its percentage and its outcome count (3 -> 4).
"$BIN" build "$P" -o "$RES" --edition restricted --data-dir "$SRC" >/dev/null 2>&1
check "the restricted edition writes changes-restricted.csv" test -s "$RES/changes-restricted.csv"
for line in 'lado.agency.childminder_nursery.substantiated,3,4' \
            'lado.agency.childminder_nursery.substantiated_pct,10.7%,14.3%' \
            'lado.agency.childminder_nursery.outcome.substantiated.count,3,4'; do
    check "changes-restricted.csv has $line" grep -qx "$line" "$RES/changes-restricted.csv"
done
check "changes-restricted.csv has 10 changes" \
    sh -c "test \$(wc -l <'$RES/changes-restricted.csv') -eq 11"

# The revision on the cover, in the documents' dates, in the data pack.
pdftotext -l 1 "$OUT/annual-report-2016-17.pdf" - >"$TMP/cover.txt" 2>/dev/null
check "the cover says Published 30 September 2017" grep -q 'Published 30 September 2017' "$TMP/cover.txt"
check "the cover carries the revision under it" \
    grep -q 'Revised 20 November 2017: Q1 LADO outcome corrected' "$TMP/cover.txt"
pdfinfo "$OUT/annual-report-2016-17.pdf" >"$TMP/info" 2>/dev/null
check "the PDF was created on the publication date" grep -Eq '^CreationDate: +Sat Sep 30 .*2017' "$TMP/info"
check "the PDF was modified on the revision date" grep -Eq '^ModDate: +Mon Nov 20 .*2017' "$TMP/info"
unzip -p "$OUT/data-pack-2016-17.xlsx" docProps/core.xml >"$TMP/core.xml"
check "the data pack's modification date is the revision date" \
    grep -q '<dcterms:modified xsi:type="dcterms:W3CDTF">2017-11-20T00:00:00Z</dcterms:modified>' "$TMP/core.xml"
unzip -p "$OUT/data-pack-2016-17.xlsx" xl/sharedStrings.xml >"$TMP/strings.xml"
check "the data pack's cover and notes carry the revision" \
    grep -q 'Revised 20 November 2017: Q1 LADO outcome corrected' "$TMP/strings.xml"
check "the web page carries the revision" \
    grep -q '<p class="revised">Revised 20 November 2017: Q1 LADO outcome corrected</p>' \
    "$OUT/annual-report-2016-17.html"

# A reconciliation warning that remains is in the data pack's notes: a
# declared Total row of the funding return that no longer adds up.
# (the sample's funding.csv has CRLF line ends)
sed -i 's/^Total,£181050/Total,£181051/' "$P/2016-17/funding.csv"
if grep -q '^Total,£181051' "$P/2016-17/funding.csv"; then
    "$BIN" build "$P" -o "$OUT" --data-dir "$SRC" >"$TMP/recon.log" 2>&1
    check "the declared total that does not add up is warned of" grep -q 'funding.csv.*warning' "$TMP/recon.log"
    unzip -p "$OUT/data-pack-2016-17.xlsx" xl/sharedStrings.xml >"$TMP/strings2.xml"
    check "and listed in the data pack's notes" \
        grep -q 'A check of the returns did not pass: 2016-17/funding.csv' "$TMP/strings2.xml"
else
    bad "the sample's funding.csv has no Total row to spoil"
fi

# A revision date before the publication date is an error naming the setting.
sed -i 's/^revised = 2017-11-20$/revised = 2017-08-01/' "$P/report.ini"
"$BIN" check "$P" --data-dir "$SRC" >"$TMP/bad.log" 2>&1
rc=$?
check "revised before published: exit 1 ($rc)" test "$rc" -eq 1
check "revised before published: the message says so" \
    grep -q 'report.ini:[0-9]*: error: revised = "2017-08-01": expected a date on or after published (2017-09-30)' \
    "$TMP/bad.log"

# annrep charts refuses a build's folder, and writes charts alone elsewhere.
sed -i 's/^revised = 2017-08-01$/revised = 2017-11-20/' "$P/report.ini"
"$BIN" charts "$P" -o "$OUT" --data-dir "$SRC" >"$TMP/charts.log" 2>&1
rc=$?
check "annrep charts into a build's folder: exit 1 ($rc)" test "$rc" -eq 1
check "annrep charts says why" grep -q 'this folder holds a full build (figures.csv)' "$TMP/charts.log"
"$BIN" charts "$P" -o "$TMP/charts-only" --data-dir "$SRC" >/dev/null 2>&1
check "annrep charts writes the charts alone into a folder of their own" \
    sh -c "test -s '$TMP/charts-only/charts/lado_outcomes.png' && test ! -e '$TMP/charts-only/figures.csv'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
