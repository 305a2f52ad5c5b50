#!/bin/sh
# disclosure.sh - the public and restricted editions (contract sections 6
# and 8) of the sample and of the five-year project tests/projects/northmoor.
#
#   sh disclosure.sh <annrep> <source-dir>
#
# Each project is built twice, public (the default) and restricted.  The
# restricted figures are the ones in full (five_years.sh and
# reference_figures.sh check them against hand-worked values); against
# them, disclosure_check.py checks the public edition:
#
#   - every covered count from 1 to 5 (LADO, child deaths, children looked
#     after, indicator numerators and denominators, every year) is
#     suppressed: empty value, display [c], status c in figures.csv and [c]
#     on the data pack's Figures sheet;
#   - along every sum the contract names, written out here from the keys
#     (quarters and the year, outcomes and referrals, agencies and the
#     year, each agency's outcomes, age bands, sexes, categories, expected
#     and unexpected), no total is left with exactly one member suppressed;
#   - every percentage of a suppressed count is suppressed;
#   - every figure shown is the restricted edition's, and every data-pack
#     cell that differs between the editions is [c] in the public one;
#   - nothing else (crime, training, funding) is touched.
#
# The sample's small counts are known from its returns (3 pending, 1 false,
# 1 malicious; 3 White children's deaths): the public tables, the chart's
# text alternative and the text say [c] or "fewer than 6" for them, never
# the number.  The restricted edition's files carry -restricted and every
# page its marking; annrep check prints how many figures the public
# edition suppresses.
set -u
LC_ALL=C
export LC_ALL
BIN=$1
SRC=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-disclosure.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { what=$1; shift; if "$@" >/dev/null 2>&1; then ok; else bad "$what"; fi; }

for name in sample northmoor; do
    case $name in
        sample) P="$SRC/data-samples"; Y=2016-17 ;;
        northmoor) P="$SRC/tests/projects/northmoor"; Y=2022-23 ;;
    esac
    PUB="$TMP/$name-public"
    RES="$TMP/$name-restricted"
    "$BIN" build "$P" -o "$PUB" --data-dir "$SRC" 2>"$TMP/$name.pub.log"
    rc=$?
    check "$name: public build succeeds (exit $rc)" test "$rc" -eq 0
    "$BIN" build "$P" -o "$RES" --edition restricted --data-dir "$SRC" 2>"$TMP/$name.res.log"
    rc=$?
    check "$name: restricted build succeeds (exit $rc)" test "$rc" -eq 0
    check "$name: the public build says how many figures it suppresses" \
        grep -q 'note: the public edition suppresses [0-9][0-9]* figures' "$TMP/$name.pub.log"
    check "$name: no template warning about a suppressed figure" \
        sh -c "! grep -q 'suppressed in the public edition' '$TMP/$name.pub.log'"

    # Restricted file names, and nothing of the public edition's.
    for f in "annual-report-$Y-restricted.pdf" "annual-report-$Y-restricted.html" \
             "data-pack-$Y-restricted.xlsx" \
             figures-restricted.csv charts-restricted/lado_outcomes.png; do
        check "$name: restricted edition wrote $f" test -s "$RES/$f"
    done
    check "$name: no public file name in the restricted folder" \
        sh -c "! ls '$RES' | grep -qx -e 'figures.csv' -e 'charts' -e 'annual-report-$Y.pdf'"
    check "$name: no restricted file name in the public folder" \
        sh -c "! ls '$PUB' | grep -q restricted"

    mkdir -p "$TMP/$name-px" "$TMP/$name-rx"
    unzip -o -q "$PUB/data-pack-$Y.xlsx" -d "$TMP/$name-px"
    unzip -o -q "$RES/data-pack-$Y-restricted.xlsx" -d "$TMP/$name-rx"
    if /usr/bin/python3 "$SRC/tests/e2e/disclosure_check.py" "$PUB/figures.csv" \
        "$RES/figures-restricted.csv" "$TMP/$name-px" "$TMP/$name-rx" >"$TMP/$name.check" 2>&1; then
        ok
    else
        bad "$name: disclosure_check.py:"
        sed 's/^/    /' "$TMP/$name.check"
    fi
    sed 's/^/    /' "$TMP/$name.check" | tail -n 1

    # The data pack's cover: marking in the restricted one, and what was
    # suppressed and why in the public one.
    check "$name: restricted data pack cover is marked" \
        grep -q 'OFFICIAL-SENSITIVE: not for publication' "$TMP/$name-rx/xl/sharedStrings.xml"
    check "$name: public data pack is not marked" \
        sh -c "! grep -q 'OFFICIAL-SENSITIVE' '$TMP/$name-px/xl/sharedStrings.xml'"
    check "$name: public data pack says what was suppressed and why" \
        grep -q 'This is the public edition. To protect the people counted, a count of people from 1 to 5' \
        "$TMP/$name-px/xl/sharedStrings.xml"

    # Every page of the restricted PDF is marked; no page of the public one.
    rpdf="$RES/annual-report-$Y-restricted.pdf"
    pages=$(pdfinfo "$rpdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    marked=0
    p=1
    while [ "$p" -le "${pages:-0}" ]; do
        pdftotext -f "$p" -l "$p" "$rpdf" - 2>/dev/null |
            grep -q 'OFFICIAL-SENSITIVE: not for publication' && marked=$((marked + 1))
        p=$((p + 1))
    done
    check "$name: every restricted page is marked ($marked of $pages)" test "$marked" = "$pages"
    check "$name: the restricted web page is marked at its top and in its title" \
        sh -c "grep -q '<title>OFFICIAL-SENSITIVE: not for publication' '$RES/annual-report-$Y-restricted.html' &&
               grep -q '<p class=\"marking\">OFFICIAL-SENSITIVE: not for publication</p>' '$RES/annual-report-$Y-restricted.html'"
    check "$name: the public web page is not marked" \
        sh -c "! grep -q 'OFFICIAL-SENSITIVE' '$PUB/annual-report-$Y.html'"
    check "$name: the public PDF is not marked" \
        sh -c "! pdftotext '$PUB/annual-report-$Y.pdf' - | grep -q OFFICIAL-SENSITIVE"
done

# ---- the sample's known small counts, by hand from its returns ----------
PUB="$TMP/sample-public"
RES="$TMP/sample-restricted"
pdftotext -layout "$PUB/annual-report-2016-17.pdf" "$TMP/pub.txt"
pdftotext -layout "$RES/annual-report-2016-17-restricted.pdf" "$TMP/res.txt"
# The outcomes table: Pending 3 (2.3%), False 1 (0.8%), Malicious 1 (0.8%).
for o in Pending False Malicious; do
    check "sample: public outcomes table shows $o as [c] [c]" \
        grep -Eq "^ *$o +\[c\] +\[c\] *$" "$TMP/pub.txt"
done
check "sample: restricted outcomes table shows Pending 3 (2.3%)" \
    grep -Eq '^ *Pending +3 +2\.3% *$' "$TMP/res.txt"
check "sample: the outcomes chart's alternative names the [c] ones, not their numbers" \
    grep -q 'Not shown, to protect the people counted (\[c\]): Pending, False and Malicious\.' \
    "$PUB/charts/lado_outcomes.txt"
check "sample: the outcomes chart's alternative gives no share of a partial total" \
    sh -c "! grep -q ' of [0-9]* referrals' '$PUB/charts/lado_outcomes.txt'"
check "sample: restricted chart alternative has every outcome" \
    grep -q 'smallest False and Malicious (1 each' "$RES/charts-restricted/lado_outcomes.txt"
# The chart: no bar where a value is [c], and a [c] label instead.
check "sample: public outcomes chart labels [c]" grep -q '\[c\]' "$PUB/charts/lado_outcomes.svg"
check "sample: restricted outcomes chart has no [c]" \
    sh -c "! grep -q '\[c\]' '$RES/charts-restricted/lado_outcomes.svg'"
# The text: "fewer than 6" for a small count, never a percentage of one.
check "sample: the text explains [c] and 'fewer than 6'" \
    grep -q 'fewer than 6' "$TMP/pub.txt"
check "sample: no sentence quotes the [c] share substantiated in Q4 (10.6%)" \
    sh -c "! grep -q '10\.6%' '$TMP/pub.txt'"
check "sample: the restricted text quotes it" grep -q '10\.6%' "$TMP/res.txt"

# ---- annrep check counts what the public edition hides -------------------
"$BIN" check "$SRC/data-samples" --data-dir "$SRC" >"$TMP/check.out" 2>&1
n_check=$(sed -n 's/.*the public edition suppresses \([0-9]*\) figures.*/\1/p' "$TMP/check.out")
n_csv=$(awk -F, '$NF == "c"' "$PUB/figures.csv" | wc -l | tr -d ' ')
check "annrep check names the number suppressed ($n_check) and figures.csv agrees ($n_csv)" \
    test "${n_check:-x}" = "$n_csv"

# ---- [disclosure] threshold = 0 turns suppression off --------------------
T0="$TMP/t0"
cp -R "$SRC/data-samples" "$T0"
printf '\n[disclosure]\nthreshold = 0\n' >>"$T0/report.ini"
"$BIN" build "$T0" -o "$TMP/t0-out" --data-dir "$SRC" 2>"$TMP/t0.log"
check "threshold 0: build succeeds" test -s "$TMP/t0-out/figures.csv"
check "threshold 0: nothing suppressed" sh -c "! awk -F, '\$NF == \"c\"' '$TMP/t0-out/figures.csv' | grep -q ."
printf '\n[disclosure]\nthreshold = -2\n' >>"$TMP/t0/report.ini"
sed -i '/^threshold = 0$/d' "$T0/report.ini"
"$BIN" build "$T0" -o "$TMP/t0-bad" --data-dir "$SRC" >"$TMP/t0bad.log" 2>&1
rc=$?
check "threshold -2 is an error naming the setting (exit $rc)" test "$rc" -eq 1
check "threshold -2: the message names the file, setting and value" \
    grep -q 'report.ini.*threshold.*-2' "$TMP/t0bad.log"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
