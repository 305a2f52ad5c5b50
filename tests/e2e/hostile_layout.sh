#!/bin/sh
# hostile_layout.sh - layout never loses text, and a chart of hundreds of
# categories still builds (issue 15, classes 5 and 6), on a hostile copy of
# the sample project:
#   - a title of about 300 characters with a 60-letter word in it, and a
#     long partnership name, on the cover;
#   - a paragraph holding a 300-character URL in narrative/foreword.md;
#   - 500 agency types in the LADO return (so a chart of 500 agencies), one
#     of them a 180-character name with a 70-letter word, one of them 3,900
#     characters (a table row taller than a page);
#
#   sh tests/e2e/hostile_layout.sh path/to/annrep path/to/source-tree
#
# Checks with pdftotext -bbox that every word of every page lies inside the
# text block's width and on the page, none across the footer's or the
# header's rule, that the cover's title and partnership stay in the band
# and under its masthead, that the URL, the long names and the title are
# in the text whole, that the chart draws "All others" and says so (note,
# text alternative, the web page's table of its numbers) while the data
# pack keeps all 500, that the PNG is within cairo's 32,767 pixels, and the
# tagged PDF still passes pdf_tags.py.  With a browser (as in
# html_checks.sh), the web page at 320 and 1280 px: no sideways scroll.
# Prints "N passed, M failed"; exits 1 when anything failed.
set -u
LC_ALL=C
export LC_ALL

annrep=${1:?usage: hostile_layout.sh ANNREP SOURCE_DIR}
src=${2:?usage: hostile_layout.sh ANNREP SOURCE_DIR}
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
for tool in pdftotext pdfinfo unzip; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed (apt-get install poppler-utils unzip)"
        exit 0
    fi
done
if ! "$PY" -c 'import pikepdf, PIL' 2>/dev/null; then
    echo "SKIP: $PY has no pikepdf or PIL (apt-get install python3-pikepdf python3-pil)"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annrep-hostile.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
proj="$tmp/hostile"
cp -R "$src/data-samples" "$proj"

# --- the hostile project -------------------------------------------------------
long_word=Supercalifragilisticexpialidociousnessandsafeguardingpartnershipsofnorthmoor
title="Annual Report 2016-17 of the Lewisham Safeguarding Children Board, with the independent scrutineer's assessment, the reports of every relevant agency and the $long_word appendix of all the learning from the year's local child safeguarding practice reviews"
partnership="Lewisham Safeguarding Children Board and the Partnership of the London Borough of Lewisham"
url="https://www.example.org.uk/safeguarding/annual-reports/2016-17/appendices/learning-from-local-child-safeguarding-practice-reviews/rapid-reviews-and-the-national-panel/section-4-the-voice-of-children-and-families/what-we-heard-from-young-people-in-care.html?download=true&format=accessible"
TITLE=$title PARTNERSHIP=$partnership awk '
    /^title = /       { print "title = " ENVIRON["TITLE"]; next }
    /^partnership = / { print "partnership = " ENVIRON["PARTNERSHIP"]; next }
    { print }' "$src/data-samples/report.ini" >"$proj/report.ini"
grep -q '^title = ' "$proj/report.ini" || printf 'title = %s\n' "$title" >>"$proj/report.ini.tmp"
if [ -f "$proj/report.ini.tmp" ]; then  # no title line to replace: add one under [report]
    awk -v t="title = $title" '{ print } /^\[report\]/ { print t }' "$proj/report.ini" >"$proj/r" &&
        mv "$proj/r" "$proj/report.ini" && rm -f "$proj/report.ini.tmp"
fi
printf '\nThe full learning review is published at %s for every partner to read.\n' "$url" \
    >>"$proj/narrative/foreword.md"
long_name="Northmoor and District Community Healthcare ${long_word}Foundation Trust, its community paediatric nursing service and the school nursing teams"
"$PY" - "$proj/2016-17/lado_contacts.csv" "$long_name" <<'EOF'
import sys, datetime
path, long_name = sys.argv[1], sys.argv[2]
huge = " ".join("Agency%d" % i for i in range(600))[:3900]
with open(path, "a", newline="") as f:
    n = 0
    start = datetime.date(2016, 4, 1)
    for a in range(500):
        name = long_name if a == 7 else huge if a == 11 else "Agency type %03d" % a
        for k in range(6 + a % 5):   # 6 to 10 referrals each: none suppressed
            n += 1
            d = start + datetime.timedelta(days=(n * 7) % 365)
            f.write("LADO-H-%05d,%s,\"%s\",Y,N,No further action\r\n" % (n, d.isoformat(), name))
EOF

# --- build -----------------------------------------------------------------------
if "$annrep" build "$proj" -o "$tmp/out" --data-dir "$src" >"$tmp/build.log" 2>&1; then ok; else
    bad "annrep build of the hostile project failed:"
    cut -c1-300 "$tmp/build.log" | head -n 20 | sed 's/^/    /'
    finish
fi
pdf="$tmp/out/annual-report-2016-17.pdf"

# --- every word on the page, inside the text block, clear of the rules ----------
pdftotext -bbox "$pdf" "$tmp/bbox.html" 2>/dev/null
"$PY" - "$tmp/bbox.html" "$title" "$partnership" >"$tmp/words.txt" <<'EOF'
import html as htmlmod, re, sys
html, title, partnership = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
H, L, R = 841.89, 70.0, 595.276 - 70.0
band_bottom = H - H * 0.42          # top-down y of the cover band's foot
problems = []
pages = html.split("<page ")[1:]
for p, page in enumerate(pages, 1):
    words = [(float(a), float(b), float(c), float(d), htmlmod.unescape(w)) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
        page)]
    for x0, y0, x1, y1, w in words:
        if x0 < L - 1 or x1 > R + 1:
            problems.append("page %d: '%s' outside the text block (x %.1f to %.1f)" % (p, w[:40], x0, x1))
        if y0 < 2 or y1 > H - 2:
            problems.append("page %d: '%s' off the page" % (p, w[:40]))
        if p > 1 and y0 < H - 56 < y1:
            problems.append("page %d: '%s' across the footer's rule" % (p, w[:40]))
        if p > 1 and y0 < 51 < y1:
            problems.append("page %d: '%s' across the header's rule" % (p, w[:40]))
    if p > 1:
        # Under the footer's rule: only the footer (title or partnership) and "Page N of M".
        foot = set((title + " " + partnership + " Page of \u00b7 Annual Report").split())
        for x0, y0, x1, y1, w in words:
            if y0 > H - 56 and w not in foot and not w.isdigit() and \
                    not any(w in f for f in foot):
                problems.append("page %d: '%s' under the footer's rule" % (p, w[:40]))
    else:
        for x0, y0, x1, y1, w in words:
            if y0 < H - 96 and len(w) > 3 and any(w in s for s in (title, partnership)):
                if y1 > band_bottom + 1 or y0 < 96:
                    problems.append("cover: '%s' outside the band (y %.1f to %.1f)" % (w[:40], y0, y1))
print("\n".join(problems) if problems else "ok")
print("pages %d" % len(pages), file=sys.stderr)
EOF
if [ "$(cat "$tmp/words.txt")" = ok ]; then ok; else
    bad "every word inside the text block, on the page, clear of the rules:"
    head -n 15 "$tmp/words.txt" | sed 's/^/    /'
fi

# --- no text lost ------------------------------------------------------------------
# The words as set (pdftotext -bbox: plain pdftotext takes a hyphen at a
# line's end for a soft one and drops it), joined without spaces.
nospace() { tr -d ' \n\f\t' ; }
words() { # words FIRST LAST: the words of those pages, joined
    pdftotext -f "$1" -l "$2" -bbox "$pdf" - 2>/dev/null |
        "$PY" -c 'import html, re, sys; print("".join(html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", sys.stdin.read())))'
}
words 1 100000 >"$tmp/text"
words 1 1 >"$tmp/cover"
contains() { # contains FILE TEXT: FILE holds TEXT with its spaces taken out
    t=$(printf '%s' "$2" | nospace)
    grep -Fq -- "$t" "$1"
}
check "the cover holds the whole title" contains "$tmp/cover" "$title"
check "the cover holds the whole partnership" contains "$tmp/cover" "$partnership"
check "the text holds the whole URL" contains "$tmp/text" "$url"
check "the text holds the long agency name" contains "$tmp/text" "$long_name"
huge_end=$("$PY" -c 'print(" ".join("Agency%d" % i for i in range(600))[:3900].split()[-2])')
check "the text holds the end of the 3,900-character agency name" grep -Fq "$huge_end" "$tmp/text"

# --- the chart of 500 agencies --------------------------------------------------
charts="$tmp/out/charts"
check "the chart says what it draws (text alternative)" \
    grep -Fq 'The chart draws the 19 largest of 506 categories and adds the other 487 together as All others' "$charts/lado_agency.txt"
check "the PDF's chart description says it too" grep -Fq 'Thechartdrawsthe19largestof506categories' "$tmp/text"
check "the web page's table of the chart's numbers has All others and the note" \
    sh -c "grep -Fq '>All others<' '$tmp/out/annual-report-2016-17.html' && grep -Fq 'the data pack has all 506' '$tmp/out/annual-report-2016-17.html'"
check "the web page marks the long name's cell" grep -Fq 'class="long"' "$tmp/out/annual-report-2016-17.html"
unzip -p "$tmp/out/data-pack-2016-17.xlsx" xl/sharedStrings.xml >"$tmp/strings.xml" 2>/dev/null
check "the data pack keeps every agency" sh -c "grep -Fq 'Agency type 000' '$tmp/strings.xml' && grep -Fq 'Agency type 499' '$tmp/strings.xml'"
size=$("$PY" -c 'import sys; from PIL import Image; print("%dx%d" % Image.open(sys.argv[1]).size)' "$charts/lado_agency.png")
h=${size#*x}
check "the chart's PNG is within cairo's limits ($size)" test "$h" -lt 32767

# --- the tagged PDF is still whole -------------------------------------------------
TABLES=lado_quarter,lado_outcome,lado_agency,lac_month,cdop_expected,cdop_ethnicity
TABLES=$TABLES,training_course,training_elearning,crime,indicators_latest,lac_comparators,funding
if "$PY" "$src/tests/e2e/pdf_tags.py" "$tmp/out" --tables "$TABLES" --title "$title" \
        >"$tmp/tags.log" 2>&1; then ok; else
    bad "pdf_tags.py on the hostile project:"
    grep -v ' passed, ' "$tmp/tags.log" | head -n 20 | sed 's/^/    /'
fi

# --- the web page at phone and desktop width (when a browser is here) ----------
browser="$src/tests/browser"
if command -v chromium >/dev/null 2>&1 && command -v node >/dev/null 2>&1 &&
        [ -d "$browser/node_modules/playwright-core" ]; then
    if PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node "$browser/check_page.mjs" \
            "$tmp/out/annual-report-2016-17.html" "$tmp/shots" >"$tmp/browser.log" 2>&1; then ok; else
        bad "the hostile web page in chromium:"
        grep FAIL "$tmp/browser.log" | head -n 10 | sed 's/^/    /'
    fi
    [ -n "${ANNREP_KEEP_SHOTS:-}" ] && cp -R "$tmp/shots" "$ANNREP_KEEP_SHOTS"
elif [ -n "${ANNREP_REQUIRE_BROWSER:-}" ]; then
    bad "no chromium, node or tests/browser/node_modules (ANNREP_REQUIRE_BROWSER is set)"
else
    echo "note: no browser here, the web page's widths not checked"
fi
[ -n "${ANNREP_KEEP_OUT:-}" ] && cp -R "$tmp/out" "$ANNREP_KEEP_OUT"
finish
