#!/bin/sh
# second_partnership.sh - the default template is true of a partnership that
# is not Lewisham (issue 12): tests/projects/northmoor, an invented unitary
# area with Northshire Police's crime naming ("All crime", "Northshire
# Police"), report.ini [sources], [crime] and contact, and a narrative file
# for every chapter that takes one.
#
#   sh second_partnership.sh <annrep> <source-dir>
#
# The PDF's text (pdftotext) and the web edition's text hold none of the
# sample's or the old template's local words, a sentence of each narrative
# file, each narrative's own heading as its chapter's title, the sources
# named by agency, the contact, and the crime figures worked out by hand
# from 2022-23/crime_figures.csv:
#   Northmoor, All crime: 8,214 (2023-03) - 7,902 (2022-03) = 312 more;
#     312 / 7,902 = 3.948% -> +3.9%
#   Northshire Police, All crime: 96,480 - 91,735 = 4,745;
#     4,745 / 91,735 = 5.172% -> +5.2%
set -u
LC_ALL=C
export LC_ALL
BIN=$1
SRC=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-second.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

P="$SRC/tests/projects/northmoor"
"$BIN" build "$P" -o "$TMP/out" --data-dir "$SRC" 2>"$TMP/stderr"
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "build succeeds (exit $rc)"; cat "$TMP/stderr"; fi
# No message names a template file (an unknown figure, an empty setting).
if grep -q 'report-templates' "$TMP/stderr"; then
    bad "no message about the template:"; grep 'report-templates' "$TMP/stderr"
else ok; fi

pdftotext "$TMP/out/annual-report-2022-23.pdf" - 2>/dev/null |
    tr '\n\f' '  ' | sed 's/  */ /g' >"$TMP/pdf.txt"
/usr/bin/python3 - "$TMP/out/annual-report-2022-23.html" >"$TMP/html.txt" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", s)
s = re.sub(r"</?(p|h[1-6]|li|td|th|tr|div|br|caption|figcaption|figure|section|"
           r"nav|ol|ul|dl|dt|dd|table|header|footer|main)\b[^>]*>", " ", s)
s = re.sub(r"<[^>]+>", "", s)   # inline elements (a figure's span) join their text
print(re.sub(r"\s+", " ", html.unescape(s)))
PY
# pdftotext writes curly quotes and dashes as they are; compare plain ones.
for f in pdf html; do
    sed "s/\xe2\x80\x99/'/g; s/\xe2\x88\x92/-/g" "$TMP/$f.txt" >"$TMP/$f.norm"
done
[ -s "$TMP/pdf.norm" ] && [ -s "$TMP/html.norm" ] && ok || bad "no text from the PDF or HTML"

has() { # has TEXT: both editions contain TEXT
    for f in pdf html; do
        if grep -Fq -- "$1" "$TMP/$f.norm"; then ok; else bad "$f has '$1'"; fi
    done
}
hasnt() { # hasnt TEXT: neither edition contains TEXT (any case)
    for f in pdf html; do
        if grep -Fqi -- "$1" "$TMP/$f.norm"; then
            bad "$f has '$1': $(grep -Foi -- "$1" "$TMP/$f.norm" | head -n 1)"
            grep -oi ".\{60\}$1.\{60\}" "$TMP/$f.norm" | head -n 3 | sed 's/^/    /'
        else ok; fi
    done
}

# Nothing of Lewisham, the Met or a board.
for w in Lewisham Metropolitan "Met Total" "the Board" "Board's" "Independent Chair" \
         "Total Crimes" "free of charge" "newsletter" "dedicated post"; do
    hasnt "$w"
done

# A sentence of each narrative file.
has "Northmoor's partners met eleven times this year."                        # foreword
has "published revised arrangements in September 2022."                       # governance
has "The priorities were tested with the Northmoor Youth Forum before the executive group signed them off." # priorities
has "took over the health partner's role without a break"                    # achievements
has "began one local child safeguarding practice review."                     # learning
has "The Northmoor Youth Forum met the executive group twice during the year." # voice
has "Her report on neglect cases was published in March 2023."               # scrutiny
has "the partners will audit how the neglect toolkit is used by schools."     # next_year

# Each narrative's own first heading is its chapter's title.
has "Foreword from the Independent Scrutineer"
has "Our arrangements"
has "Our priorities for 2023-25"
has "What we achieved this year"
has "Next year"
# Without a heading of its own a chapter keeps the template's title.
has "Learning from reviews"
has "The voice of children and families"
has "Independent scrutiny"
# Always there: the glossary, the accessibility statement and the contact.
has "Glossary"
has "Safeguarding partners"
has "Accessibility and other formats"
has "contact the partnership at nscp@northmoor.example"

# Sources by agency, crime in the force's own naming, by hand (above).
has "Source: Northmoor LADO service, lado_contacts.csv (2022-23)"
has "Source: Northshire Police, crime_figures.csv"
has "In Northmoor, 8,214 crimes were recorded (All crime), 312 more than a year earlier."
has "That is a change of +3.9%, against +5.2% for Northshire Police."

echo "second_partnership: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
