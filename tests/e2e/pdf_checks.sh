#!/bin/sh
# pdf_checks.sh - the annual report PDF of data-samples, checked the way a
# reader's tools see it.
#
#   sh tests/e2e/pdf_checks.sh path/to/annrep path/to/source-tree
#
# Builds the sample project twice into temporary folders and checks: the two
# PDFs are byte-identical; qpdf --check passes; pdffonts lists only embedded,
# subset fonts; pdfinfo shows the document properties and the publication
# date; the text (pdftotext) carries the figures of the reference report;
# bookmarks and contents links exist; and a template mistake is reported at
# the template's file and line.  Needs qpdf and poppler-utils (Debian
# packages qpdf, poppler-utils); skips with a message when they are missing.
# Prints "N passed, M failed"; exits 1 when anything failed.
set -u
LC_ALL=C
export LC_ALL

annrep=${1:?usage: pdf_checks.sh ANNREP SOURCE_DIR}
src=${2:?usage: pdf_checks.sh ANNREP SOURCE_DIR}
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

for tool in qpdf pdffonts pdftotext pdfinfo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed (apt-get install qpdf poppler-utils)"
        exit 0
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annrep-pdf.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

for run in a b; do
    if ! "$annrep" build "$project" -o "$tmp/$run" --data-dir "$src" >"$tmp/$run.log" 2>&1; then
        bad "annrep build ($run) failed:"
        sed 's/^/    /' "$tmp/$run.log"
        finish
    fi
done

year=$(sed -n 's/^[[:space:]]*year[[:space:]]*=[[:space:]]*\([0-9][0-9][0-9][0-9]-[0-9][0-9]\).*/\1/p' "$project/report.ini" | head -n 1)
pdf="$tmp/a/annual-report-$year.pdf"
check "annual-report-$year.pdf written" test -s "$pdf"
[ -s "$pdf" ] || finish
check "two builds give byte-identical PDFs" cmp "$pdf" "$tmp/b/annual-report-$year.pdf"
check "qpdf --check passes" qpdf --check "$pdf"

# --- fonts: every one embedded and subset ----------------------------------
pdffonts "$pdf" 2>/dev/null >"$tmp/fonts"
# Columns are fixed-width under the header; find "emb" and "sub" by position.
awk 'NR == 1 { e = index($0, "emb"); s = index($0, "sub"); next }
     NR == 2 { next }
     { n++; if (substr($0, e, 3) != "yes") bad++; if (substr($0, s, 3) != "yes") bad++ }
     END { exit !(n > 0 && bad == 0) }' "$tmp/fonts"
if [ $? -eq 0 ]; then ok; else bad "every font embedded and subset:"; sed 's/^/    /' "$tmp/fonts"; fi
check "body font is Liberation Sans" grep -q 'LiberationSans ' "$tmp/fonts"

# --- document properties ----------------------------------------------------
pdfinfo "$pdf" 2>/dev/null >"$tmp/info"
for field in Title Author Subject Keywords; do
    check "pdfinfo shows $field" grep -Eq "^$field: +[^ ]" "$tmp/info"
done
check "creation date is 'published' (30 September 2017)" grep -Eq '^CreationDate: +Sat Sep 30 .*2017' "$tmp/info"
check "A4 portrait pages" grep -Eq '^Page size: +595(\.[0-9]+)? x 841(\.[0-9]+)? pts \(A4\)' "$tmp/info"
pages=$(sed -n 's/^Pages: *//p' "$tmp/info")

# --- text extraction is clean: every font's ToUnicode map is a real one -----
# (libharu 2.3.0 writes a CID map there; pdf.c replaces it).
if pdftotext "$pdf" /dev/null 2>"$tmp/pdftotext.err" && [ ! -s "$tmp/pdftotext.err" ]; then ok; else
    bad "pdftotext complains: $(head -n 1 "$tmp/pdftotext.err")"
fi

# --- the figures in the text -------------------------------------------------
# One line of text, runs of white space as one space: a phrase may wrap.
pdftotext "$pdf" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' ' >"$tmp/text"
has() { # has PHRASE: the text contains PHRASE (fixed string)
    if grep -Fq -- "$1" "$tmp/text"; then ok; else bad "text has '$1'"; fi
}
has "215 contacts"
has "130 (60.5%)"
has "87 (66.9%) of the 130 referrals"
has "29 (22.3%) were substantiated"
has "54 referrals (41.5%)"
has "459 children were looked after by the local authority"
has "end of March 2017"
has "67.9 children looked after per 10,000"
has "28 deaths"
has "18 of them (64.3%) were expected"
has "20 (71.4%) occurred in the first year of life"
# The public edition: 3 White children's deaths are [c], so the 25 of
# Black, Asian and minority ethnic children (the only other known group) are
# too, and the sentence quoting them is left out (contract section 8).
hasnt() { if grep -Fq -- "$1" "$tmp/text"; then bad "text should not have '$1'"; else ok; fi; }
hasnt "89.3%"
hasnt "OFFICIAL-SENSITIVE"
has "as “fewer than 6” in the text"
has "960 places"
has "a total of £181,050"
has "Referrals fell from 165 in 2015-16 to 130"
has "Page 2 of $pages"
has "Figure 1: "
has "Table 1: "
has "Source: 2016-17/lado_contacts.csv"
# The chart's text alternative travels with it (as text under the chart).
# With three outcomes suppressed the shown bars are not the whole: no
# shares of a total in the text alternative, and the [c] ones named.
has "Chart description: Bar chart: Outcomes of LADO referrals, 2016-17. Largest: No further action (54); next Unsubstantiated (34); smallest Unfounded (8). Not shown, to protect the people counted ([c]): Pending, False and Malicious."
has "Performance indicators at their latest period, 2016-17"

# --- the restricted edition: every figure, every page marked ----------------
if "$annrep" build "$project" -o "$tmp/r" --edition restricted --data-dir "$src" >"$tmp/r.log" 2>&1; then
    rpdf="$tmp/r/annual-report-$year-restricted.pdf"
    pdftotext "$rpdf" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' ' >"$tmp/rtext"
    rhas() { if grep -Fq -- "$1" "$tmp/rtext"; then ok; else bad "restricted text has '$1'"; fi; }
    rhas "25 (89.3% of those whose ethnicity was known)"
    rhas "Largest: No further action (54 of 130 referrals, 41.5%)"
    rpages=$(pdfinfo "$rpdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    marked=0
    p=1
    while [ "$p" -le "${rpages:-0}" ]; do
        pdftotext -f "$p" -l "$p" "$rpdf" - 2>/dev/null | grep -q 'OFFICIAL-SENSITIVE: not for publication' &&
            marked=$((marked + 1))
        p=$((p + 1))
    done
    check "every page of the restricted edition ($marked of $rpages) is marked" test "$marked" -eq "${rpages:-x}"
else
    bad "annrep build --edition restricted failed:"
    sed 's/^/    /' "$tmp/r.log"
fi

# --- contents, links, bookmarks ------------------------------------------------
pdftotext -f 2 -l 2 "$pdf" - 2>/dev/null | tr '\n' ' ' >"$tmp/contents"
check "page 2 is the contents" grep -q 'Contents' "$tmp/contents"
check "contents lists the LADO chapter" grep -q 'Local Authority Designated Officer' "$tmp/contents"
check "contents entries are links" grep -aq '/Subtype /Link' "$pdf"
check "the PDF has bookmarks" grep -aq '/Type /Outlines' "$pdf"
check "the PDF opens with the bookmarks shown" grep -aq '/PageMode /UseOutlines' "$pdf"

# --- a template mistake points at its file and line -------------------------
data="$tmp/data"
mkdir -p "$data/report-templates/default"
ln -s "$src/fonts" "$data/fonts"
printf '# Test\n\nFine text.\n\nWe had {{lado.contacts.totall}} contacts.\n' \
    >"$data/report-templates/default/10-bad.md"
"$annrep" build "$project" -o "$tmp/c" --data-dir "$data" >"$tmp/c.log" 2>&1
status=$?
check "a bad placeholder stops the build (exit 1)" test "$status" -eq 1
check "the error names the template file and line" grep -q '10-bad.md:5: error' "$tmp/c.log"
check "the error suggests the right key" grep -q "did you mean 'lado.contacts.total'" "$tmp/c.log"
check "nothing is written after a template error" test ! -e "$tmp/c/annual-report-$year.pdf"

finish
