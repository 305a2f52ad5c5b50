#!/bin/sh
# partial_project.sh - a partnership that collected only two returns.
#
#   sh partial_project.sh <annrep> <source-dir>
#
# A second partnership's first report: only lado_contacts.csv and
# funding.csv, no previous year, no narrative, no child population, money
# with pence.  The build must succeed; every chapter, table, chart and sheet
# of the seven absent returns must drop out; small counts must read as
# English ("1 allegation ... was") in the restricted edition and as "fewer
# than 6" in the public one, where every LADO count (all below 6) is
# suppressed and funding is not; and the absent returns are noted once
# each.  Expected figures are worked out by hand from the four contacts and
# three contributions below.
set -u
LC_ALL=C
export LC_ALL
BIN=$1
TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-partial.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { # check DESCRIPTION command...
    what=$1
    shift
    if "$@" >/dev/null 2>&1; then ok; else bad "$what"; fi
}

P="$TMP/Southwark project"
mkdir -p "$P/2019-20"
cat >"$P/report.ini" <<'EOF'
[report]
area = Southwark
partnership = Southwark Safeguarding Children Partnership
year = 2019-20
EOF
cat >"$P/2019-20/lado_contacts.csv" <<'EOF'
contact_id,date_received,agency_type,met_threshold,strategy_meeting,outcome
S1,2019-04-02,Primary school,Y,Y,Substantiated
S2,02/05/2019,Primary School,Y,N,NFA
S3,2019-10-10,Health,N,,
S4,2020-01-15,Health,Y,Y,Outcome pending
EOF
cat >"$P/2019-20/funding.csv" <<'EOF'
organisation,amount
Southwark Council,"£150,000.00"
NHS Southwark CCG,"£75,500.50"
Metropolitan Police,£25000
Total,"£250,500.50"
EOF

OUT="$TMP/out"
"$BIN" build "$P" -o "$OUT" --edition restricted 2>"$TMP/stderr"
rc=$?
check "build succeeds (exit 0, got $rc)" test "$rc" -eq 0
for f in cdop_reviews looked_after_monthly training_sessions crime_figures indicators elearning comparators; do
    n=$(grep -c "note: $f.csv not found" "$TMP/stderr")
    check "$f.csv absent is noted exactly once (got $n)" test "$n" -eq 1
done
check "no warnings or errors" sh -c "! grep -q -e 'warning:' -e 'error:' '$TMP/stderr'"

# figures.csv: 4 contacts, 3 referrals = 75.0%; 1 substantiated = 33.3%;
# funding 150,000 + 75,500.50 + 25,000 = £250,500.50 (pence shown because one
# amount has pence); council 150000 / 250500.5 = 59.88% -> 59.9%.
fig() { # fig KEY DISPLAY
    if awk -F, -v k="$1" -v d="$2" '$1 == k && index($0, "," d ",") { f = 1 } END { exit !f }' \
        "$OUT/figures-restricted.csv"; then ok; else bad "figures-restricted.csv $1 = $2"; fi
}
fig lado.contacts.total 4
fig lado.referrals.total 3
fig lado.referrals.threshold_pct 75.0%
fig lado.outcome.substantiated.count 1
fig lado.outcome.substantiated.pct 33.3%
fig funding.southwark_council.pct 59.9%
check "funding.total is £250,500.50" grep -q '^funding.total,.*"£250,500.50"\|^funding.total,[^,]*,£250,500.50,' "$OUT/figures-restricted.csv"
check "no figure of an absent return" sh -c "! grep -q -e '^cdop\\.' -e '^lac\\.' -e '^crime\\.' -e '^training\\.' -e '^indicator\\.' '$OUT/figures-restricted.csv'"
check "no change figures without a previous year" sh -c "! grep -q '^lado\\.referrals\\.change' '$OUT/figures-restricted.csv'"

# Charts: only those of the two returns.
ls "$OUT/charts-restricted" | sed 's/\.[a-z]*$//' | sort -u >"$TMP/charts"
printf 'funding\nlado_agency\nlado_outcomes\nlado_quarterly\n' >"$TMP/want"
check "charts are exactly those of LADO and funding" cmp -s "$TMP/charts" "$TMP/want"

# The PDF: chapters of absent returns are gone, contents included.
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext "$OUT/annual-report-2019-20-restricted.pdf" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' ' >"$TMP/text"
    has() { if grep -Fq -- "$1" "$TMP/text"; then ok; else bad "PDF has '$1'"; fi; }
    hasnt() { if grep -Fq -- "$1" "$TMP/text"; then bad "PDF should not have '$1'"; else ok; fi; }
    has "Southwark Safeguarding Children Partnership"
    has "received 4 contacts"
    has "1 allegation (33.3% of referrals) was substantiated"
    has "£250,500.50"
    has "Local Authority Designated Officer"
    hasnt "Children looked after"
    hasnt "Child deaths"
    hasnt "Multi-agency training"
    hasnt "Crime and community safety"
    hasnt "Performance indicators"
    hasnt "2018-19"
else
    echo "note: pdftotext not installed, PDF text checks skipped"
fi

# The data pack: no sheet of an absent return.
if command -v unzip >/dev/null 2>&1; then
    unzip -p "$OUT/data-pack-2019-20-restricted.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' |
        sed 's/<sheet name="//; s/"$//' | tr '\n' ' ' >"$TMP/sheets"
    check "data pack sheets are those of LADO and funding" \
        grep -qx 'Cover Contents Notes LADO_quarter LADO_outcome LADO_agency LADO_agency_outcome Funding Figures ' "$TMP/sheets"
else
    echo "note: unzip not installed, data pack checks skipped"
fi

# The public edition: every LADO count is from 1 to 5, so every one, and
# every percentage of one, is [c]; the text says "fewer than 6"; funding
# (not a count of people) is shown in full.
PUB="$TMP/public"
"$BIN" build "$P" -o "$PUB" 2>"$TMP/stderr.public"
rc=$?
check "public build succeeds (exit 0, got $rc)" test "$rc" -eq 0
check "public build: no warnings or errors" sh -c "! grep -q -e 'warning:' -e 'error:' '$TMP/stderr.public'"
for k in lado.contacts.total lado.referrals.total lado.referrals.threshold_pct \
         lado.outcome.substantiated.count lado.outcome.substantiated.pct lado.contacts.q1; do
    check "public figures.csv: $k suppressed (empty value, [c], status c)" \
        grep -q "^$k,,\[c\],.*,c\$" "$PUB/figures.csv"
done
check "public figures.csv: funding.total shown" grep -q '^funding.total,250500.5,' "$PUB/figures.csv"
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext "$PUB/annual-report-2019-20.pdf" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' ' >"$TMP/ptext"
    phas() { if grep -Fq -- "$1" "$TMP/ptext"; then ok; else bad "public PDF has '$1'"; fi; }
    phasnt() { if grep -Fq -- "$1" "$TMP/ptext"; then bad "public PDF should not have '$1'"; else ok; fi; }
    phas "received fewer than 6 contacts"
    phas "Fewer than 6 allegations were substantiated"
    phas "£250,500.50"
    phasnt "33.3%"
    phasnt "75.0%"
    phasnt "OFFICIAL-SENSITIVE"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
