#!/bin/sh
# pdf_tags.sh - the report PDF is a tagged PDF a screen reader can follow
# (PDF/UA-1): checked on the sample project, on a second project
# (tests/projects/northmoor) and on a copy of the sample with a cover logo,
# another language and a title full of XML's special characters.
#
#   sh tests/e2e/pdf_tags.sh path/to/annrep path/to/source-tree
#
# The checker is pdf_tags.py (Debian's python3-pikepdf, run with
# /usr/bin/python3): catalog and XMP, fonts, marked content on every page,
# the structure tree (MCIDs, ParentTree, headings, Figures against the chart
# files, Tables against the data pack, lists, notes, links).  Here, besides:
# the checker fails on a PDF with a painting operator outside marked content
# and on one with a header cell without /Scope (so it can fail); pdfinfo
# -struct-text reads in document order; pdffonts lists only embedded
# TrueType; a character the fonts lack is a warning at its source line.
# Skips when pikepdf or poppler-utils is missing.  Prints "N passed, M
# failed"; exits 1 when anything failed.
set -u
LC_ALL=C
export LC_ALL

annrep=${1:?usage: pdf_tags.sh ANNREP SOURCE_DIR}
src=${2:?usage: pdf_tags.sh ANNREP SOURCE_DIR}
checker="$src/tests/e2e/pdf_tags.py"
PY=/usr/bin/python3

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

if ! "$PY" -c 'import pikepdf' 2>/dev/null; then
    echo "SKIP: $PY has no pikepdf (apt-get install python3-pikepdf)"
    exit 0
fi
for tool in pdfinfo pdffonts qpdf; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed (apt-get install poppler-utils qpdf)"
        exit 0
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annrep-tags.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

build() { # build PROJECT OUT: annrep build, its messages in OUT.log
    if "$annrep" build "$1" -o "$2" --data-dir "$src" >"$2.log" 2>&1; then ok; else
        bad "annrep build $1 failed:"
        sed 's/^/    /' "$2.log"
        finish
    fi
}

# The tables each report prints, in order: the ```table``` blocks of
# report-templates/default/*.md in file order.  Both projects have last
# year's LADO return, so the LADO agency table is the full one (the
# "columns: 1, 2, 6, 7" block is the else branch of "if: previous lado").
TABLES=lado_quarter,lado_outcome,lado_agency,lac_month,cdop_expected,cdop_ethnicity
TABLES=$TABLES,training_course,training_elearning,crime,indicators_latest,lac_comparators,funding

# Northmoor has five years: the trend tables of LADO, children looked after,
# child deaths and training follow their chapters' tables (indicators and
# funding have fewer than three years, so no trend).
TABLES_NORTHMOOR=lado_quarter,lado_outcome,lado_agency,lado_trend,lac_month,lac_trend
TABLES_NORTHMOOR=$TABLES_NORTHMOOR,cdop_expected,cdop_ethnicity,cdop_trend,training_course
TABLES_NORTHMOOR=$TABLES_NORTHMOOR,training_trend,training_elearning,crime,indicators_latest,lac_comparators,funding

tags() { # tags OUT ARGS...: the checker passes on the build in OUT
    out=$1; shift
    tables=$TABLES
    [ "$(basename "$out")" = northmoor ] && tables=$TABLES_NORTHMOOR
    if "$PY" "$checker" "$out" --tables "$tables" "$@" >"$out.tags" 2>&1; then ok; else
        bad "pdf_tags.py $(basename "$out"):"
        grep -v ' passed, ' "$out.tags" | head -n 40 | sed 's/^/    /'
    fi
}

# --- the sample and the second project ---------------------------------------
build "$src/data-samples" "$tmp/sample"
tags "$tmp/sample" --lang en-GB --title "Annual Report 2016-17"
# The restricted edition: the marking on every page is a pagination
# artifact, so the same tree passes.
if "$annrep" build "$src/data-samples" -o "$tmp/restricted" --edition restricted \
    --data-dir "$src" >"$tmp/restricted.log" 2>&1; then ok; else bad "restricted build failed"; fi
tags "$tmp/restricted" --lang en-GB --title "Annual Report 2016-17"
build "$src/tests/projects/northmoor" "$tmp/northmoor"
tags "$tmp/northmoor" --lang en-GB --title "Annual Report 2022-23"
sample="$tmp/sample/annual-report-2016-17.pdf"

for pdf in "$sample" "$tmp/northmoor/annual-report-2022-23.pdf"; do
    name=$(basename "$pdf")
    check "$name: qpdf --check" qpdf --check "$pdf"
    pdfinfo "$pdf" >"$tmp/info" 2>&1
    check "$name: pdfinfo says Tagged: yes" grep -Eq '^Tagged: +yes' "$tmp/info"
    check "$name: PDF version 1.7" grep -Eq '^PDF version: +1\.7' "$tmp/info"
    # Only embedded TrueType (CID) fonts, never a base-14 or Type 1 font.
    pdffonts "$pdf" >"$tmp/fonts" 2>&1
    if awk 'NR > 2 { n++; if ($0 !~ /CID TrueType +Identity-H +yes +yes +yes/) bad++ }
            END { exit !(n > 0 && bad == 0) }' "$tmp/fonts"; then ok; else
        bad "$name: pdffonts lists only embedded TrueType fonts with Unicode maps:"
        sed 's/^/    /' "$tmp/fonts"
    fi
done

# --- reading order: pdfinfo -struct-text follows the tree ---------------------
# The first chapter's heading and its first paragraph (05-at-a-glance.md),
# then Table 1's caption, header cells and first row (the LADO quarters).
pdfinfo -struct-text "$sample" >"$tmp/struct" 2>&1
line_of() { grep -n -F -- "$1" "$tmp/struct" | head -n 1 | cut -d: -f1; }
in_order() { # in_order TEXT...: each appears, each after the one before
    prev=0
    for t in "$@"; do
        n=$(line_of "$t")
        [ -n "$n" ] && [ "$n" -gt "$prev" ] || return 1
        prev=$n
    done
}
h1_is() { grep -A1 -E '^ +H1 ' "$tmp/struct" | grep -qxF -- "      $1"; }
check "struct-text: the first chapter's label and title are one H1" \
    h1_is '"CHAPTER 1 The year at a glance"'
check "struct-text: the first chapter heading before its first paragraph" \
    in_order '"CHAPTER 1 The year at a glance"' '"This report covers the work of the Lewisham'
check "struct-text: a table's caption and header before its cells" \
    in_order '"Table 1: LADO contacts, referrals and outcomes by quarter, 2016-17"' \
    '"Quarter"' '"Contacts (number)"' '"Q1"' '"Q2"' '"Total"'
check "struct-text: header cells carry /Scope /Column" \
    grep -q '/Scope /Column' "$tmp/struct"
next_is() { # next_is TEXT PATTERN: the line after TEXT matches PATTERN
    grep -A1 -F -- "$1" "$tmp/struct" | sed -n 2p | grep -Eq -- "$2"
}
check "struct-text: a chart is a Figure right after its caption" \
    next_is '"Figure 1: LADO contacts and referrals by quarter, 2016-17"' '^ +Figure'

# A float (pdf_flow.c): Table 6 did not fit under its section's heading
# (child deaths, ethnicity), so it is painted on the next page, after the
# next section's text; the tree still reads it between the age chart's
# description, before its section, and the next section's paragraph.
page_of() { # page_of TEXT: the first page whose text has TEXT
    p=1
    while [ "$p" -le "$(pdfinfo "$sample" | sed -n 's/^Pages: *//p')" ]; do
        pdftotext -f "$p" -l "$p" "$sample" - 2>/dev/null | tr '\n' ' ' | grep -Fq -- "$1" &&
            { echo "$p"; return; }
        p=$((p + 1))
    done
    echo 0
}
check "struct-text: a floated table reads where the document has it" \
    in_order '"Chart description: Bar chart: Child death reviews by age band' \
    '"Table 6: Child deaths reviewed by ethnic group, 2016-17"' '"Each death is classified'
check "the floated table is painted after the text that follows it" \
    test "$(page_of 'Table 6: Child deaths reviewed by ethnic group')" -gt \
    "$(page_of 'Each death is classified')"

# --- the checker can fail ---------------------------------------------------
# A painting operator outside marked content on page 3, and the /Scope of a
# header cell removed: each must be named.
"$PY" - "$sample" "$tmp/damaged" <<'EOF'
import os, shutil, sys, pikepdf
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
for f in os.listdir(os.path.dirname(src)):
    p = os.path.join(os.path.dirname(src), f)
    (shutil.copytree if os.path.isdir(p) else shutil.copy)(p, os.path.join(out, f))
pdf = pikepdf.open(src)
page = pdf.pages[2]
page.contents_add(pdf.make_stream(b"70 70 m 80 80 l S\n"), prepend=False)
def strip_scope(e):
    if e.get("/S") == "/TH" and e.get("/A") is not None:
        del e["/A"]
        return True
    k = e.get("/K")
    for kid in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and strip_scope(kid):
            return True
    return False
if "/StructTreeRoot" in pdf.Root:
    strip_scope(pdf.Root.StructTreeRoot.K)
pdf.save(os.path.join(out, os.path.basename(src)))
EOF
"$PY" "$checker" "$tmp/damaged" --tables "$TABLES" --title "Annual Report 2016-17" \
    >"$tmp/damaged.tags" 2>&1
status=$?
check "the checker fails on a damaged PDF (exit 1)" test "$status" -eq 1
check "the checker names the unmarked operator" \
    grep -q 'page 3: every painting operator inside marked content (1 outside)' "$tmp/damaged.tags"
check "the checker names the header cell without /Scope" \
    grep -q 'table lado_quarter: every TH has a /Scope' "$tmp/damaged.tags"

# --- a logo, another language, XML specials, a character the fonts lack -------
cp -R "$src/data-samples" "$tmp/variant"
cp "$tmp/sample/charts/lado_outcomes.png" "$tmp/variant/logo.png"
title='Annual Report <2016-17> & "Q&A" '"'"'draft'"'"
TITLE=$title awk '/^title = /    { print "title = " ENVIRON["TITLE"]; next }
                  /^language = / { print "language = cy"; next }
                  /^; logo = /   { print "logo = logo.png"; next }
                  { print }' "$src/data-samples/report.ini" >"$tmp/variant/report.ini"
fore="$tmp/variant/narrative/foreword.md"
n=$(wc -l <"$fore")
printf '\nA snowman \342\230\203 is not in Liberation Sans.\n' >>"$fore"
build "$tmp/variant" "$tmp/variant-out"
tags "$tmp/variant-out" --lang cy --title "$title"
check "a character the fonts lack is a warning at the narrative file and line" \
    grep -Eq "narrative/foreword.md:$((n + 2)): warning: .*U\+2603 is not in the embedded font" \
    "$tmp/variant-out.log"
# The checker passed on it, so the logo was painted inside marked content.
check "the variant's cover has the logo" \
    sh -c "pdfimages -list '$tmp/variant-out/annual-report-2016-17.pdf' | grep -q '^ *1 '"

finish
