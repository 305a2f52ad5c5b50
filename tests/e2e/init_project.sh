#!/bin/sh
# init_project.sh - `annrep init` and `annrep next-year`.
#
#   sh init_project.sh <annrep> <source-dir>
#
# init makes a project that `annrep check` passes (placeholders for area and
# partnership are warnings that say so) and `annrep build` builds without a
# word of the narrative stubs reaching the PDF; the header rows are the
# contract's columns (section 4, written out here by hand); report.ini names
# every key of section 2.  next-year adds the next folder and changes only the
# year's value in report.ini.  Neither overwrites anything: each refusal and
# each failed write (ANNREP_FAIL_AFTER) leaves the folder byte for byte as
# it was.
set -u
LC_ALL=C
export LC_ALL
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-init.XXXXXX") || exit 2
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
# A listing of every path under a folder with the checksum of each file.
snapshot() {
    (cd "$1" && find . | sort | while IFS= read -r f; do
        if [ -f "$f" ]; then printf '%s %s\n' "$(cksum <"$f")" "$f"; else echo "$f"; fi
    done)
}
epoch() { date -u -d "$1" +%s; }

# --- the default year: the financial year before today's -----------------
for pair in "2025-06-15 12:00:00|2024-25" "2025-04-01 00:00:00|2024-25" \
            "2025-03-31 23:59:59|2023-24" "2026-01-10 09:00:00|2024-25"; do
    when=${pair%|*}
    want=${pair#*|}
    rm -rf "$TMP/y"
    SOURCE_DATE_EPOCH=$(epoch "$when") "$BIN" init "$TMP/y" -q 2>/dev/null
    check "on $when the default year is $want" test -d "$TMP/y/$want"
    check "on $when report.ini says year = $want" grep -qx "year = $want" "$TMP/y/report.ini"
done

# --- a fresh project, with placeholders ---------------------------------------
P="$TMP/new project"
"$BIN" init "$P" --year 2024-25 2>"$TMP/init.err"
rc=$?
check "init exits 0 (got $rc)" test "$rc" -eq 0
check "init says what it made" grep -q "made the report project .*new project for 2024-25" "$TMP/init.err"
check "init says to fill in area and partnership" grep -q "fill in area and partnership" "$TMP/init.err"

# The header rows, from the data contract section 4 (by hand, not from annrep).
while IFS='|' read -r file header; do
    check "$file is the header row only" test "$(cat "$P/2024-25/$file")" = "$header"
    check "$file has one line" test "$(wc -l <"$P/2024-25/$file")" -eq 1
done <<'EOF'
lado_contacts.csv|contact_id,date_received,agency_type,met_threshold,strategy_meeting,outcome
looked_after_monthly.csv|month,looked_after
comparators.csv|measure,comparator,period,value
cdop_reviews.csv|case_id,date_reviewed,age_band,sex,ethnicity,category,expected,modifiable_factors
training_sessions.csv|course,date,places,attended
elearning.csv|module,completions
crime_figures.csv|crime_type,area,period_end,count
indicators.csv|indicator_id,indicator,period,numerator,denominator,value,target,polarity,unit
funding.csv|organisation,amount
EOF
n=$(find "$P/2024-25" -type f | wc -l)
check "the year folder holds the nine returns and nothing else (got $n)" test "$n" -eq 9

# report.ini: every key of the contract's section 2, set or commented out.
for key in area partnership year template title author child_population published \
           revised revision_note language contact accent logo strict threshold; do
    check "report.ini names $key" grep -Eq "^;?$key =" "$P/report.ini"
done
for sec in '\[report\]' '\[style\]' '\[checks\]' ';\[population\]' ';\[sources\]' ';\[crime\]' ';\[disclosure\]'; do
    check "report.ini has the section $sec" grep -Eq "^$sec\$" "$P/report.ini"
done
for r in lado_contacts looked_after_monthly comparators cdop_reviews training_sessions \
         elearning crime_figures indicators funding; do
    check "report.ini lists $r under [sources]" grep -q "^;$r =" "$P/report.ini"
    check "README.md describes $r.csv" grep -q "^#### \`$r.csv\`: " "$P/README.md"
done
# Every setting not required is commented out: only these three are set.
set_keys=$(grep -E '^[a-z_]+ =' "$P/report.ini" | sed 's/ =.*//' | tr '\n' ' ')
check "only area, partnership and year are set (got: $set_keys)" test "$set_keys" = "area partnership year "

# The narrative stubs: one HTML comment each, and nothing else.
for f in foreword governance priorities achievements learning voice scrutiny next_year; do
    s="$P/narrative/$f.md"
    check "narrative/$f.md exists" test -f "$s"
    check "narrative/$f.md starts a comment on its first line" test "$(head -n 1 "$s")" = "<!--"
    check "narrative/$f.md ends the comment on its last line" test "$(tail -n 1 "$s")" = "-->"
    check "narrative/$f.md closes its comment only there" test "$(grep -c -- '-->' "$s")" -eq 1
    check "narrative/$f.md opens it only once" test "$(grep -c -- '<!--' "$s")" -eq 1
    check "README.md lists narrative/$f.md" grep -q "\`$f.md\`" "$P/README.md"
done
check "README.md says who fills in the LADO return" grep -q "Filled in by the LADO service" "$P/README.md"

# check: no errors; the placeholders are named; the rest is the empty returns.
"$BIN" check "$P" 2>"$TMP/check.err"
rc=$?
check "check passes on a fresh project (got $rc)" test "$rc" -eq 0
check "check finds no errors" grep -q ": 0 errors, 11 warnings, 1 note\$" "$TMP/check.err"
check "check notes that nothing is suppressed" grep -q "note: the public edition suppresses no figure" "$TMP/check.err"
check "check says area is a placeholder" grep -q "report.ini:[0-9]*: warning: area = \"<fill in: the local authority area>\" is a placeholder: fill it in" "$TMP/check.err"
check "check says partnership is a placeholder" grep -q "report.ini:[0-9]*: warning: partnership = .* is a placeholder: fill it in" "$TMP/check.err"
n=$(grep -c "warning: no data rows after the header" "$TMP/check.err")
check "each empty return is one warning (got $n)" test "$n" -eq 9
n=$(wc -l <"$TMP/check.err")
check "check prints 13 lines: 11 warnings, the disclosure note and the summary (got $n)" test "$n" -eq 13

# --- with names: check has nothing to say but the empty returns --------------
Q="$TMP/northmoor"
mkdir "$Q"   # an empty folder that exists already is fine
"$BIN" init "$Q" --year=2024-25 --area Northmoor \
    --partnership "Northmoor Safeguarding Children Partnership" -q 2>"$TMP/q.err"
rc=$?
check "init into an empty existing folder exits 0 (got $rc)" test "$rc" -eq 0
check "init -q prints nothing" test ! -s "$TMP/q.err"
check "report.ini has the area" grep -qx "area = Northmoor" "$Q/report.ini"
check "report.ini has the partnership" grep -qx "partnership = Northmoor Safeguarding Children Partnership" "$Q/report.ini"
check "README.md is titled with the partnership" grep -qx "# Northmoor Safeguarding Children Partnership: annual report 2024-25" "$Q/README.md"
"$BIN" check "$Q" 2>"$TMP/check.err"
rc=$?
check "check passes (got $rc)" test "$rc" -eq 0
check "without placeholders, only the nine empty returns are warned of" grep -q ": 0 errors, 9 warnings, 1 note\$" "$TMP/check.err"

# The report of a fresh project builds, and no stub reaches it.
"$BIN" build "$Q" -o "$TMP/out" 2>"$TMP/build.err"
rc=$?
check "a fresh project builds (got $rc)" test "$rc" -eq 0
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext "$TMP/out/annual-report-2024-25.pdf" "$TMP/report.txt"
    check "the PDF names the partnership" grep -q "Northmoor Safeguarding Children Partnership" "$TMP/report.txt"
    for words in "This comment never appears" "Write in Markdown" "<!--" "narrative/" "Foreword"; do
        check "the PDF does not contain \"$words\"" sh -c "! grep -qF -- '$words' '$TMP/report.txt'"
    done
else
    bad "pdftotext is needed (poppler-utils)"
fi

# A narrative written below its comment is shown.
printf '\nNorthmoor had a year of steady work with its partners.\n' >>"$Q/narrative/foreword.md"
"$BIN" build "$Q" -o "$TMP/out" 2>/dev/null
pdftotext "$TMP/out/annual-report-2024-25.pdf" "$TMP/report.txt" 2>/dev/null
check "a written foreword reaches the PDF" grep -q "Northmoor had a year of steady work" "$TMP/report.txt"
check "its guidance comment does not" sh -c "! grep -q 'This comment never appears' '$TMP/report.txt'"

# --- init never overwrites -------------------------------------------------------
before=$(snapshot "$P")
"$BIN" init "$P" --year 2024-25 2>"$TMP/err"
rc=$?
check "init on an existing project exits 1 (got $rc)" test "$rc" -eq 1
check "it names what is there" grep -q "already holds report.ini, README.md, 2024-25/, narrative/: nothing was written" "$TMP/err"
check "it points to next-year" grep -q "use annrep next-year" "$TMP/err"
check "and changed nothing" test "$(snapshot "$P")" = "$before"

R="$TMP/partly"
mkdir -p "$R/narrative"
echo "Our own foreword." >"$R/narrative/foreword.md"
before=$(snapshot "$R")
"$BIN" init "$R" --year 2024-25 2>"$TMP/err"
rc=$?
check "init where narrative/ exists exits 1 (got $rc)" test "$rc" -eq 1
check "it names narrative/" grep -q "already holds narrative/: nothing was written" "$TMP/err"
check "and wrote nothing (no report.ini, no year folder)" test "$(snapshot "$R")" = "$before"

echo "not a folder" >"$TMP/file"
"$BIN" init "$TMP/file" 2>"$TMP/err"
rc=$?
check "init on a file exits 1 (got $rc)" test "$rc" -eq 1
check "it says it is not a folder" grep -q "exists and is not a folder: nothing was written" "$TMP/err"
check "the file is untouched" test "$(cat "$TMP/file")" = "not a folder"

# Usage errors: exit 2, nothing made.
for args in "" "u --year 2024" "u --year 2024-26" "u --year" "u --colour red" \
            "u --area=" "u --partnership" "a b" "--area X --partnership Y"; do
    rm -rf "$TMP/u" "$TMP/a" "$TMP/b"
    # shellcheck disable=SC2086
    (cd "$TMP" && "$BIN" init $args 2>"$TMP/err")
    rc=$?
    check "init $args is a usage error (got $rc)" test "$rc" -eq 2
    check "init $args says how to use it" grep -q "^Usage: annrep init DIR" "$TMP/err"
    check "init $args made nothing" test ! -e "$TMP/u" -a ! -e "$TMP/a" -a ! -e "$TMP/b"
done
"$BIN" init "$TMP/u" --area "Lewisham ; Greenwich" 2>"$TMP/err"
rc=$?
check "an area report.ini would cut at ';' is refused (got $rc)" test "$rc" -eq 2
check "saying why" grep -q "which report.ini reads as a comment" "$TMP/err"
check "--year names the form" sh -c "'$BIN' init '$TMP/u' --year 2024 2>&1 | grep -q 'expected a financial year as YYYY-YY'"

# A write that fails part-way removes what it had written.
"$BIN" init "$TMP/f" --year 2024-25 2>"$TMP/err"
rc=$?
rm -rf "$TMP/f"
ANNREP_FAIL_AFTER=narrative/voice.md "$BIN" init "$TMP/f" --year 2024-25 2>"$TMP/err"
rc=$?
check "a failed write exits 3 (got $rc)" test "$rc" -eq 3
check "it names the file and the error" grep -q "could not write .*narrative/voice.md: No space left on device" "$TMP/err"
check "and leaves nothing behind" test ! -e "$TMP/f"
mkdir "$TMP/g"
ANNREP_FAIL_AFTER=funding.csv "$BIN" init "$TMP/g" --year 2024-25 2>/dev/null
check "a folder that existed stays, empty" test -d "$TMP/g" -a -z "$(ls -A "$TMP/g")"

# --- next-year --------------------------------------------------------------------
N="$TMP/n"
"$BIN" init "$N" --year 2024-25 --area Northmoor --partnership "Northmoor SCP" -q
# An author's own layout: an inline comment on the year, CRLF line ends.
sed -i 's/^year = 2024-25$/year   =  2024-25   ; the year we report on/' "$N/report.ini"
sed -i 's/$/\r/' "$N/report.ini"
sed -i 's/^;child_population =\r$/child_population = 45,000\r/; s/^;title =\r$/title = Annual Report 2024-25\r/' "$N/report.ini"
rm "$N/2024-25/crime_figures.csv"
echo "Contacts,1" >>"$N/2024-25/elearning.csv"
printf '\nOur year.\n' >>"$N/narrative/voice.md"
cp "$N/report.ini" "$TMP/ini.before"
old_year=$(snapshot "$N/2024-25")
"$BIN" next-year "$N" 2>"$TMP/err"
rc=$?
check "next-year exits 0 (got $rc)" test "$rc" -eq 0
check "it adds 2025-26" test -d "$N/2025-26"
check "report.ini now says 2025-26, with its comment and CRLF" grep -qx "year   =  2025-26   ; the year we report on$(printf '\r')" "$N/report.ini"
sed 's/^year   =  2025-26 /year   =  2024-25 /' "$N/report.ini" >"$TMP/ini.back"
check "every other byte of report.ini is as it was" cmp -s "$TMP/ini.back" "$TMP/ini.before"
check "2024-25 is untouched" test "$(snapshot "$N/2024-25")" = "$old_year"
check "a return dropped this year is not added back" test ! -e "$N/2025-26/crime_figures.csv"
n=$(find "$N/2025-26" -type f | wc -l)
check "the eight other returns are added (got $n)" test "$n" -eq 8
check "as header rows" test "$(cat "$N/2025-26/elearning.csv")" = "module,completions"
check "next-year says what it did" grep -q "added .*2025-26/ with 8 returns" "$TMP/err"
check "it notes the title that names the old year" grep -q "report.ini:[0-9]*: note: title = \"Annual Report 2024-25\" names 2024-25" "$TMP/err"
check "it notes the old child population" grep -q "note: child_population = 45,000 is for 2024-25" "$TMP/err"
check "it notes last year's narrative" grep -q "narrative: note: voice.md still holds the words of 2024-25" "$TMP/err"
check "it does not note the stubs" sh -c "! grep -q 'foreword.md' '$TMP/err'"
"$BIN" check "$N" 2>"$TMP/err"
rc=$?
check "check passes after next-year (got $rc)" test "$rc" -eq 0

# next-year never overwrites: 2025-26 -> 2026-27 is free, so make it taken.
mkdir "$N/2026-27"
before=$(snapshot "$N")
"$BIN" next-year "$N" 2>"$TMP/err"
rc=$?
check "next-year onto an existing folder exits 1 (got $rc)" test "$rc" -eq 1
check "it says so" grep -q "2026-27 already exists: nothing was written" "$TMP/err"
check "and changed nothing" test "$(snapshot "$N")" = "$before"
rmdir "$N/2026-27"

# A failed write changes nothing either: not report.ini, no new folder.
before=$(snapshot "$N")
ANNREP_FAIL_AFTER=report.ini "$BIN" next-year "$N" 2>"$TMP/err"
rc=$?
check "next-year failing on report.ini exits 3 (got $rc)" test "$rc" -eq 3
check "and changed nothing" test "$(snapshot "$N")" = "$before"
ANNREP_FAIL_AFTER=lado_contacts "$BIN" next-year "$N" 2>"$TMP/err"
rc=$?
check "next-year failing on a return exits 3 (got $rc)" test "$rc" -eq 3
check "and changed nothing" test "$(snapshot "$N")" = "$before"

# The current folder is the default project.
(cd "$N" && "$BIN" next-year -q)
rc=$?
check "next-year in the project folder exits 0 (got $rc)" test "$rc" -eq 0
check "and moves on to 2026-27" grep -q "^year   =  2026-27 " "$N/report.ini"

# Projects next-year cannot move on.
mkdir "$TMP/empty"
"$BIN" next-year "$TMP/empty" 2>"$TMP/err"
rc=$?
check "next-year without report.ini exits 1 (got $rc)" test "$rc" -eq 1
check "it asks for a project" grep -q "report.ini (No such file or directory): expected a report project" "$TMP/err"
printf '[report]\narea = X\npartnership = Y\nyear = 2024/25\n' >"$TMP/empty/report.ini"
"$BIN" next-year "$TMP/empty" 2>"$TMP/err"
rc=$?
check "next-year with a malformed year exits 1 (got $rc)" test "$rc" -eq 1
check "it names the line" grep -q "report.ini:4: error: year = \"2024/25\": expected a financial year" "$TMP/err"
printf '[report]\narea = X\n[style]\nyear = 2024-25\n' >"$TMP/empty/report.ini"
"$BIN" next-year "$TMP/empty" 2>"$TMP/err"
rc=$?
check "next-year with no year under [report] exits 1 (got $rc)" test "$rc" -eq 1
check "it says so" grep -q "no year under \[report\]" "$TMP/err"
check "nothing was made there" test "$(ls -A "$TMP/empty")" = "report.ini"
"$BIN" next-year "$TMP/empty" "$TMP/n" 2>/dev/null
rc=$?
check "next-year with two projects is a usage error (got $rc)" test "$rc" -eq 2

echo "init_project: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
