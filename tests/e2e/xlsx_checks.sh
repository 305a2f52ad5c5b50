#!/bin/sh
# xlsx_checks.sh - the data pack of data-samples, opened the way a
# spreadsheet program opens it: unzip and read the XML.
#
#   sh tests/e2e/xlsx_checks.sh path/to/annrep path/to/source-tree
#
# Builds the sample project twice into temporary folders, checks the two
# data packs are byte-identical, then checks sheets, tables, links, formats
# and a few values against figures.csv.  Needs unzip (Debian package unzip).
# Prints "N passed, M failed"; exits 1 when anything failed.
set -u
LC_ALL=C
export LC_ALL

annrep=${1:?usage: xlsx_checks.sh ANNREP SOURCE_DIR}
src=${2:?usage: xlsx_checks.sh ANNREP SOURCE_DIR}
project="$src/data-samples"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else bad "$d"; fi
}
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit $?
}

if ! command -v unzip >/dev/null 2>&1; then
    bad "unzip is not installed (apt-get install unzip)"
    finish
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annrep-xlsx.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

for run in a b; do
    if ! "$annrep" build "$project" -o "$tmp/$run" >"$tmp/$run.log" 2>&1; then
        bad "annrep build ($run) failed:"
        sed 's/^/    /' "$tmp/$run.log"
        finish
    fi
done

year=$(sed -n 's/^[[:space:]]*year[[:space:]]*=[[:space:]]*\([0-9][0-9][0-9][0-9]-[0-9][0-9]\).*/\1/p' "$project/report.ini" | head -n 1)
pack="$tmp/a/data-pack-$year.xlsx"
check "data-pack-$year.xlsx written" test -s "$pack"
check "two builds give byte-identical data packs" cmp "$pack" "$tmp/b/data-pack-$year.xlsx"
[ -s "$pack" ] || finish

x() { unzip -p "$pack" "$1" 2>/dev/null; }

# --- sheets, in order ------------------------------------------------------
x xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//' >"$tmp/sheets"
cat >"$tmp/want" <<'EOF'
Cover
Contents
Notes
LADO_quarter
LADO_outcome
LADO_agency
LADO_agency_outcome
LAC_month
LAC_comparators
CDOP_age
CDOP_sex
CDOP_category
CDOP_expected
CDOP_ethnicity
Training_course
Training_elearning
Crime
Indicators_latest
Indicators
Funding
Figures
EOF
if cmp -s "$tmp/sheets" "$tmp/want"; then ok; else
    bad "sheet names and order"; diff "$tmp/want" "$tmp/sheets" | sed 's/^/    /'
fi
nsheets=$(wc -l <"$tmp/sheets")
# sheetN.xml of a sheet name, so the checks below do not depend on positions.
sheet_xml() { echo "xl/worksheets/sheet$(grep -n -x "$1" "$tmp/sheets" | cut -d: -f1).xml"; }

# --- every sheet but the Cover is exactly one named table ------------------
i=0
while read -r name; do
    i=$((i + 1))
    sheet=$(x "xl/worksheets/sheet$i.xml")
    case $sheet in *'<f>'*|*'<f '*) bad "$name: holds a formula";; *) ok;; esac
    case $sheet in *'<mergeCell'*) bad "$name: merged cells";; *) ok;; esac
    case $sheet in *'<pane'*) bad "$name: frozen or split panes";; *) ok;; esac
    case $sheet in *'<drawing'*) bad "$name: a chart or image";; *) ok;; esac
    if [ "$name" = Cover ]; then
        case $sheet in *'<tableParts'*) bad "Cover: holds a table";; *) ok;; esac
        continue
    fi
    case $sheet in *'<tableParts count="1">'*) ok;; *) bad "$name: not exactly one table";; esac
    tfile=$(x "xl/worksheets/_rels/sheet$i.xml.rels" | grep -o 'tables/table[0-9]*\.xml' | head -n 1)
    table=$(x "xl/$tfile")
    tname=$(printf '%s' "$table" | grep -o ' name="[^"]*"' | head -n 1 | sed 's/ name="//; s/"$//')
    if printf '%s\n' "$tname" | grep -Eq '^[A-Za-z_][A-Za-z0-9_.]*$'; then ok; else
        bad "$name: table name '$tname' is not a valid Excel table name"
    fi
    printf '%s %s %s\n' "$name" "$tname" \
        "$(printf '%s' "$table" | grep -o ' ref="[^"]*"' | head -n 1 | sed 's/ ref="//; s/"$//')" >>"$tmp/tables"
    # The header row is the row of the table's first cell, and the table is
    # the last thing on the sheet.
    last=$(printf '%s' "$sheet" | grep -o '<row r="[0-9]*"' | tail -n 1 | grep -o '[0-9][0-9]*')
    ref=$(grep "^$name " "$tmp/tables" | cut -d' ' -f3)
    endrow=$(printf '%s' "$ref" | sed 's/.*:[A-Z]*//')
    if [ "$last" = "$endrow" ]; then ok; else bad "$name: rows below the table ($ref, last row $last)"; fi
done <"$tmp/sheets"

# rows of a table (header excluded): rows NAME
rows() {
    ref=$(grep "^$1 " "$tmp/tables" | cut -d' ' -f3)
    a=$(printf '%s' "$ref" | sed 's/^[A-Z]*\([0-9]*\):.*/\1/')
    b=$(printf '%s' "$ref" | sed 's/.*:[A-Z]*//')
    echo $((b - a))
}
cols() { grep "^$1 " "$tmp/tables" | cut -d' ' -f3 | sed 's/.*:\([A-Z]*\)[0-9]*/\1/'; }

check "LADO_quarter table is called LADO_quarter" grep -q '^LADO_quarter LADO_quarter ' "$tmp/tables"
check "LADO_quarter: Q1-Q4 and Total" test "$(rows LADO_quarter)" -eq 5
check "LADO_quarter: eight columns (A to H)" test "$(cols LADO_quarter)" = H
check "CDOP_age: six age bands and Total" test "$(rows CDOP_age)" -eq 7
check "CDOP_category: ten categories and Total" test "$(rows CDOP_category)" -eq 11
check "CDOP_sex: Male, Female, Not known, Total" test "$(rows CDOP_sex)" -eq 4

# Figures: one row per record of figures.csv (quoted newlines kept together).
records=$(awk '{ n += gsub(/"/, "\""); if (n % 2 == 0) r++ } END { print r }' "$tmp/a/figures.csv")
check "Figures: one row per figure of figures.csv" test "$(rows Figures)" -eq $((records - 1))

# --- Contents: a link to every other sheet ---------------------------------
contents=$(x xl/worksheets/sheet2.xml)
nlinks=$(printf '%s' "$contents" | grep -o '<hyperlink ' | wc -l)
check "Contents: one link per other sheet" test "$nlinks" -eq $((nsheets - 1))
check "Contents: link to LADO_quarter" sh -c "printf '%s' \"\$1\" | grep -q \"location=\\\"'LADO_quarter'!A1\\\"\"" - "$contents"
check "Contents: link to Figures" sh -c "printf '%s' \"\$1\" | grep -q \"location=\\\"'Figures'!A1\\\"\"" - "$contents"

# --- headers, values and number formats --------------------------------------
lq=$(x xl/tables/$(x "$(sheet_xml LADO_quarter | sed "s|worksheets/|worksheets/_rels/|; s|$|.rels|")" | grep -o 'table[0-9]*\.xml' | head -n 1))
check "LADO_quarter header A is Quarter" sh -c "printf '%s' \"\$1\" | grep -q '<tableColumn id=\"1\" name=\"Quarter\"'" - "$lq"
check "LADO_quarter percentage headings carry %" sh -c "printf '%s' \"\$1\" | grep -q 'name=\"Referrals as % of contacts'" - "$lq"

# A value from figures.csv appears, unrounded, on its sheet: figval KEY
figval() { awk -F, -v k="$1" '$1 == k { print $2 }' "$tmp/a/figures.csv"; }
total=$(figval lado.contacts.total)
check "LADO_quarter holds lado.contacts.total ($total) as a number" \
    sh -c "printf '%s' \"\$1\" | grep -q \"<v>\$2</v>\"" - "$(x "$(sheet_xml LADO_quarter)")" "$total"
fund=$(figval funding.total)
check "Funding holds funding.total ($fund) as a number" \
    sh -c "printf '%s' \"\$1\" | grep -q \"<v>\$2</v>\"" - "$(x "$(sheet_xml Funding)")" "$fund"

styles=$(x xl/styles.xml)
check "styles: money format in pounds" sh -c "printf '%s' \"\$1\" | grep -q 'formatCode=\"&quot;£&quot;#,##0'" - "$styles"
check "styles: one-decimal format for percentages and rates" sh -c "printf '%s' \"\$1\" | grep -q 'formatCode=\"0.0\"'" - "$styles"
check "styles: signed change format with U+2212" sh -c "printf '%s' \"\$1\" | grep -q 'formatCode=\"+#,##0;&quot;−&quot;#,##0;0\"'" - "$styles"

# Shorthand cells are text with the number-stored-as-text warning off.
check "LADO_agency: [c] or [x] cells have the warning switched off" \
    sh -c "printf '%s' \"\$1\" | grep -q '<ignoredError sqref=\"[^\"]*\" numberStoredAsText=\"1\"'" - "$(x "$(sheet_xml LADO_agency)")"

# --- document properties -----------------------------------------------------
published=$(sed -n 's/^[[:space:]]*published[[:space:]]*=[[:space:]]*\([0-9-]*\).*/\1/p' "$project/report.ini" | head -n 1)
[ -n "$published" ] || published="$(( ${year%-*} + 1 ))-09-30"
core=$(x docProps/core.xml)
check "created is the published date $published" sh -c "printf '%s' \"\$1\" | grep -q \"<dcterms:created xsi:type=\\\"dcterms:W3CDTF\\\">\$2T00:00:00Z\"" - "$core" "$published"
check "document title set" sh -c "printf '%s' \"\$1\" | grep -q '<dc:title>[^<]'" - "$core"
check "keywords set" sh -c "printf '%s' \"\$1\" | grep -q '<cp:keywords>[^<]'" - "$core"

finish
