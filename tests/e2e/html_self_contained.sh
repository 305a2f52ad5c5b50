#!/bin/sh
# html_self_contained.sh - the web edition read as a file, without a browser.
#
#   sh tests/e2e/html_self_contained.sh path/to/annrep path/to/source-tree
#
# Builds the sample project twice and checks the two pages are
# byte-identical; builds it again with a logo, and the Northmoor test project
# (another partnership, another accent); then checks each page with
# html_static.py: it references nothing outside itself (links only to its own
# ids, images only as data: URIs, no script, stylesheet link, frame, url() or
# address), it is well formed, one h1 and no skipped heading level, tables
# and charts marked up, every data-key a figure of figures.csv showing its
# display, the same captions as the PDF.  Needs /usr/bin/python3 with PIL
# (for the logo) and pdftotext (poppler-utils).  Exits 1 when anything failed.
set -u
LC_ALL=C
export LC_ALL

annrep=${1:?usage: html_self_contained.sh ANNREP SOURCE_DIR}
src=${2:?usage: html_self_contained.sh ANNREP SOURCE_DIR}
py=/usr/bin/python3
status=0
bad() { status=1; echo "FAIL: $*"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annrep-html.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

build() { # build PROJECT OUT
    if ! "$annrep" build "$1" -o "$2" >"$2.log" 2>&1; then
        bad "annrep build $1 failed:"
        sed 's/^/    /' "$2.log"
        return 1
    fi
}
year_of() {
    sed -n 's/^[[:space:]]*year[[:space:]]*=[[:space:]]*\([0-9][0-9][0-9][0-9]-[0-9][0-9]\).*/\1/p' \
        "$1/report.ini" | head -n 1
}
check() { # check OUT YEAR [html_static.py options]
    page="$1/annual-report-$2.html"
    if [ ! -s "$page" ]; then
        bad "$page was not written"
        return
    fi
    pdftotext -raw "$1/annual-report-$2.pdf" "$1/pdf.txt" || bad "pdftotext failed"
    echo "== $page"
    out=$1
    shift 2
    "$py" "$src/tests/e2e/html_static.py" "$page" "$out/figures.csv" "$out/pdf.txt" "$@" ||
        bad "html_static.py: $page"
}

# The sample, twice: the same bytes.
sample="$src/data-samples"
y=$(year_of "$sample")
if build "$sample" "$tmp/a" && build "$sample" "$tmp/b"; then
    if cmp -s "$tmp/a/annual-report-$y.html" "$tmp/b/annual-report-$y.html"; then
        echo "ok: two builds of the sample give byte-identical pages"
    else
        bad "two builds of the sample gave different pages"
    fi
    # From the published 2016-17 report: 215 contacts, 130 of them (60.5%)
    # referrals, which fell from 165 (by 35).
    check "$tmp/a" "$y" --expect lado.contacts.total=215 \
        --expect lado.referrals.threshold_pct=60.5% --expect lado.referrals.previous=165
fi

# The sample with a logo: a PNG made here, inlined byte for byte.
cp -R "$sample" "$tmp/logo-project"
"$py" -c 'import sys
from PIL import Image, ImageDraw
im = Image.new("RGB", (240, 80), (255, 255, 255))
d = ImageDraw.Draw(im)
d.rectangle((0, 0, 79, 79), fill=(18, 67, 109))
d.text((92, 30), "Partnership", fill=(11, 12, 12))
im.save(sys.argv[1])' "$tmp/logo-project/logo.png" || bad "could not make a test logo"
printf '\n[style]\nlogo = logo.png\n' >>"$tmp/logo-project/report.ini"
if build "$tmp/logo-project" "$tmp/logo"; then
    check "$tmp/logo" "$y" --logo "$tmp/logo-project/logo.png"
    grep -q 'width="240" height="80"' "$tmp/logo/annual-report-$y.html" ||
        bad "the logo's size (240 x 80) is not on its <img>"
fi

# Another partnership.
nm="$src/tests/projects/northmoor"
ny=$(year_of "$nm")
if build "$nm" "$tmp/nm"; then
    check "$tmp/nm" "$ny"
    if grep -qi lewisham "$tmp/nm/annual-report-$ny.html"; then
        bad "the Northmoor page names Lewisham"
    else
        echo "ok: the Northmoor page never names Lewisham"
    fi
fi

[ "$status" -eq 0 ] && echo "html_self_contained: all checks passed"
exit "$status"
