#!/bin/sh
# reference_figures.sh - end-to-end check of the figures the sample report quotes.
#
# Usage: sh reference_figures.sh <annrep-binary> <source-dir>
#
# Builds <source-dir>/data-samples (the Lewisham 2016-17 report project) into
# a temporary folder (the restricted edition: every figure in full, as the
# published report printed them; tests/e2e/disclosure.sh checks the public
# edition) and checks figures.csv against figures worked out by hand
# from the published report and data-samples/README.md - never copied from the
# tool's output.  Each check prints one line; the last line is exactly
# "N passed, M failed" and the exit status is non-zero when anything failed.
#
# Needs only POSIX sh and awk (mawk on Debian is enough: figures.csv is parsed
# by a small RFC 4180 reader below, byte for byte, so "−" (U+2212) and "£"
# compare exactly).  Set ANNREP_WRAP (e.g. "valgrind -q --error-exitcode=9")
# to run the binary under a wrapper.

set -u
LC_ALL=C
export LC_ALL

if [ $# -ne 2 ]; then
    echo "usage: sh reference_figures.sh <annrep-binary> <source-dir>" >&2
    exit 2
fi
ANNREP=$1
SRC=$2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-e2e.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build
# shellcheck disable=SC2086  # ANNREP_WRAP is meant to split into words
${ANNREP_WRAP:-} "$ANNREP" build "$SRC/data-samples" --edition restricted -o "$TMP/out" >"$TMP/build.log" 2>&1
rc=$?
if [ $rc -ne 0 ] || [ ! -f "$TMP/out/figures-restricted.csv" ]; then
    echo "FAIL annrep build data-samples (exit $rc, figures.csv $( [ -f "$TMP/out/figures-restricted.csv" ] && echo present || echo missing ))"
    sed 's/^/     | /' "$TMP/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "ok   annrep build data-samples"
build_ok=1

# A second build must give byte-identical figures.csv (reproducible output).
${ANNREP_WRAP:-} "$ANNREP" build "$SRC/data-samples" --edition restricted -o "$TMP/out2" >"$TMP/build2.log" 2>&1
if cmp -s "$TMP/out/figures-restricted.csv" "$TMP/out2/figures-restricted.csv"; then
    echo "ok   figures.csv byte-identical across two builds"
    repro_fail=0
else
    echo "FAIL figures.csv differs between two builds of the same project"
    repro_fail=1
fi

# ---------------------------------------------------------------- expectations
# kind <TAB> key <TAB> expected
#   display  the display column, exactly as printed
#   value    the unrounded value column, numerically within 1e-6
#   source   the sources column contains this text
# Where each number comes from: data-samples/README.md.
cat >"$TMP/expect.tsv" <<'EOF'
display	lado.contacts.total	215
display	lado.contacts.q1	23
display	lado.contacts.q2	53
display	lado.contacts.q3	46
display	lado.contacts.q4	93
display	lado.referrals.total	130
display	lado.referrals.q1	23
display	lado.referrals.q2	32
display	lado.referrals.q3	28
display	lado.referrals.q4	47
display	lado.referrals.threshold_pct	60.5%
value	lado.referrals.threshold_pct	60.4651162790698
display	lado.strategy_meetings.total	87
display	lado.strategy_meetings.pct	66.9%
display	lado.outcome.substantiated.count	29
display	lado.outcome.substantiated.pct	22.3%
display	lado.outcome.no_further_action.count	54
display	lado.outcome.no_further_action.pct	41.5%
display	lado.outcome.unsubstantiated.count	34
display	lado.outcome.unsubstantiated.pct	26.2%
display	lado.outcome.unfounded.count	8
display	lado.outcome.unfounded.pct	6.2%
display	lado.outcome.false.count	1
display	lado.outcome.false.pct	0.8%
display	lado.outcome.malicious.count	1
display	lado.outcome.pending.count	3
display	lado.outcome.pending.pct	2.3%
display	lado.substantiated.q1.pct	47.8%
display	lado.substantiated.q2.pct	15.6%
display	lado.substantiated.q3.pct	28.6%
display	lado.substantiated.q4.pct	10.6%
display	lado.agency.primary_school.referrals	26
display	lado.agency.primary_school.substantiated	7
display	lado.agency.primary_school.change	−18
display	lado.agency.secondary_school.referrals	25
display	lado.agency.secondary_school.substantiated	9
display	lado.agency.secondary_school.change	+6
display	lado.agency.foster_carer_non_lbl.referrals	6
display	lado.agency.foster_carer_non_lbl.change	−6
display	lado.agency.foster_carer_lbl.referrals	10
display	lado.agency.foster_carer_lbl.substantiated	4
display	lado.agency.foster_carer_lbl.change	+1
display	lado.agency.childminder_nursery.referrals	28
display	lado.agency.childminder_nursery.change	−17
display	lado.agency.any_other.referrals	35
display	lado.agency.any_other.substantiated	5
display	lado.agency.any_other.change	−1
display	lado.referrals.change	−35
display	lado.referrals.change_pct	−21.2%
source	lado.contacts.total	2016-17/lado_contacts.csv
source	lado.referrals.change	2015-16/lado_contacts.csv
display	lac.count.latest	459
display	lac.count.mean	454.3
value	lac.count.mean	454.25
display	lac.rate_per_10k	67.9
value	lac.rate_per_10k	67.8994082840237
display	comparator.lac_rate_per_10k.statistical_neighbours	65.1
display	comparator.lac_rate_per_10k.england	60.0
display	comparator.lac_residential_over_20_miles_pct.statistical_neighbours	19
display	comparator.lac_residential_over_20_miles_pct.england	14
display	cdop.reviews.total	28
display	cdop.expected.count	18
display	cdop.expected.pct	64.3%
display	cdop.unexpected.count	10
display	cdop.unexpected.pct	35.7%
display	cdop.under_1.count	20
display	cdop.under_1.pct	71.4%
display	cdop.neonatal.count	15
display	cdop.sex.male.count	17
display	cdop.sex.female.count	11
display	cdop.bame.count	25
display	cdop.bame.pct	89.3%
display	cdop.category.8.count	8
display	cdop.category.7.count	6
display	cdop.category.1.count	0
display	training.sessions.total	48
display	training.courses.total	28
display	training.places.total	960
display	training.attended.total	704
display	training.fill_rate.pct	73.3%
display	training.elearning.total	233
display	crime.total_crimes.lewisham.current	24,635
display	crime.total_crimes.lewisham.previous	24,556
display	crime.total_crimes.lewisham.change	+79
display	crime.total_crimes.lewisham.change_pct	+0.3%
display	crime.total_crimes.met_total.current	763,410
display	crime.total_crimes.met_total.change	+25,462
display	crime.total_crimes.met_total.change_pct	+3.5%
display	crime.robbery_person.lewisham.change	−9
display	crime.robbery_person.lewisham.change_pct	−1.2%
display	crime.homicide.lewisham.change	+2
display	crime.rape.lewisham.change_pct	+20.8%
display	crime.burglary_total.lewisham.change	−86
display	crime.burglary_total.lewisham.change_pct	−4.0%
display	crime.racist_religious_hate_crime.lewisham.change	+60
display	crime.racist_religious_hate_crime.lewisham.change_pct	+13.2%
display	crime.homophobic_crime.lewisham.change_pct	−9.2%
display	crime.islamophobic_crime.lewisham.change_pct	−30.6%
display	crime.anti_semitic_crime.lewisham.change	+5
display	crime.gun_crime.lewisham.change	0
display	crime.gun_crime.lewisham.change_pct	0.0%
display	funding.total	£181,050
display	funding.cafcass.amount	£550
display	funding.cafcass.pct	0.3%
display	funding.lewisham_ccg.amount	£45,110
display	funding.lewisham_ccg.pct	24.9%
display	funding.lbl_children_s_young_people_s_service.amount	£83,280
display	funding.lbl_children_s_young_people_s_service.pct	46.0%
display	funding.metropolitan_police_service.amount	£5,000
display	funding.south_london_and_maudsley.pct	12.5%
source	funding.total	funding.csv
display	indicator.camhs_cgas_recorded.value	97.0%
value	indicator.camhs_cgas_recorded.target	95
display	indicator.iha_28_days.value	92.3%
value	indicator.iha_28_days.target	97
display	indicator.placement_stability.value	71.8%
value	indicator.placement_stability.target	72
display	indicator.private_fostering_arrangements.value	48
display	indicator.sdq_average_score.value	13.7
display	indicator.staying_put.value	35
display	indicator.camhs_referrals_received.value	1,627
EOF

# ---------------------------------------------------------------- compare
awk -v build_ok="$build_ok" -v repro_fail="$repro_fail" '
# Split one RFC 4180 record into fld[1..n]; returns n.
function parse(rec,    i, c, n, f, inq, len) {
    n = 0; f = ""; inq = 0; len = length(rec)
    for (i = 1; i <= len; i++) {
        c = substr(rec, i, 1)
        if (inq) {
            if (c == "\"") {
                if (substr(rec, i + 1, 1) == "\"") { f = f "\""; i++ }
                else inq = 0
            } else f = f c
        } else if (c == "\"") inq = 1
        else if (c == ",") { fld[++n] = f; f = "" }
        else f = f c
    }
    fld[++n] = f
    return n
}
function quotes(s,    t) { t = s; return gsub(/"/, "", t) }
function ok(msg)   { print "ok   " msg; passed++ }
function bad(msg)  { print "FAIL " msg; failed++ }

FNR == 1 { file++ }
file == 1 {                       # expectations
    split($0, e, "\t")
    nexp++; kind[nexp] = e[1]; ekey[nexp] = e[2]; want[nexp] = e[3]
    next
}
{                                  # figures.csv: join lines while a quote is open
    sub(/\r$/, "")
    if (pending != "") { rec = pending "\n" $0 } else rec = $0
    if (quotes(rec) % 2) { pending = rec; next }
    pending = ""
    n = parse(rec)
    nrec++
    if (nrec == 1) {
        header = rec
        for (i = 1; i <= n; i++) col[fld[i]] = i
        next
    }
    if (n != 7) { badrows++; if (badrows <= 5) bad("figures.csv record " nrec " has " n " fields, expected 7: " rec); next }
    k = fld[col["key"]]
    if (k in disp) dup[k] = 1
    disp[k] = fld[col["display"]]; val[k] = fld[col["value"]]; src[k] = fld[col["sources"]]
}
END {
    passed = build_ok + (1 - repro_fail); failed = repro_fail
    if (pending != "") bad("figures.csv ends inside a quoted field")
    if (header == "key,value,display,unit,definition,sources,status") ok("figures.csv header")
    else bad("figures.csv header is \"" header "\", expected \"key,value,display,unit,definition,sources,status\"")
    if (badrows == 0) ok("every figures.csv record has 7 fields")
    else failed++
    ndup = 0; for (k in dup) { ndup++; if (ndup <= 5) print "     duplicate key " k }
    if (ndup == 0) ok("no duplicate keys") ; else bad(ndup " duplicate keys")
    for (i = 1; i <= nexp; i++) {
        k = ekey[i]
        if (!(k in disp)) { bad(k ": missing (expected " kind[i] " " want[i] ")"); continue }
        if (kind[i] == "display") {
            if (disp[k] == want[i]) ok(k " = " want[i])
            else bad(k ": display \"" disp[k] "\", expected \"" want[i] "\"")
        } else if (kind[i] == "value") {
            d = (val[k] == "") ? 1e9 : val[k] - want[i]
            if (d < 0) d = -d
            if (val[k] != "" && d < 1e-6) ok(k " value " val[k])
            else bad(k ": value \"" val[k] "\", expected " want[i])
        } else if (kind[i] == "source") {
            if (index(src[k], want[i]) > 0) ok(k " sources include " want[i])
            else bad(k ": sources \"" src[k] "\" do not include " want[i])
        } else bad("unknown check kind " kind[i])
    }
    print passed " passed, " failed " failed"
    exit (failed > 0)
}' "$TMP/expect.tsv" "$TMP/out/figures-restricted.csv"
