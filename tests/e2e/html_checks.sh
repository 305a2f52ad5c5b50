#!/bin/sh
# html_checks.sh - the web edition in a browser: headless Chromium (Debian's
# chromium) driven by playwright-core, with axe-core.
#
#   sh tests/e2e/html_checks.sh path/to/annrep path/to/source-tree
#
# Builds the sample project and the Northmoor test project; checks each page
# with the Nu Html Checker (npm vnu-jar, run with Debian's Java): valid
# HTML5, no error; then opens it with tests/browser/check_page.mjs, at
# 320 px and 1280 px wide: axe-core
# with the rule sets wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa and
# best-practice finds no violation (data tables closed and open), the page
# never scrolls sideways, it asks for nothing beyond itself, chart text lies
# inside its drawing in the faces the layout measured, wide tables scroll in
# their own focusable region.  Screenshots go to $ANNREP_HTML_SHOTS when set
# (else a temporary folder, removed).
#
# The npm packages (versions pinned in tests/browser/package.json and its
# package-lock.json) are installed with `npm ci --ignore-scripts` into
# tests/browser/ when missing or older than the lock file: no install script
# runs, so nothing is downloaded but the packages (playwright no browser,
# vnu-jar no Java).  Without chromium, node or java the test is skipped
# (exit 77) with a message, unless ANNREP_REQUIRE_BROWSER=1 (tests/ci.sh
# sets it): then it fails.
set -u
LC_ALL=C
export LC_ALL

annrep=${1:?usage: html_checks.sh ANNREP SOURCE_DIR}
src=${2:?usage: html_checks.sh ANNREP SOURCE_DIR}
browser_dir="$src/tests/browser"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

missing() {
    if [ "${ANNREP_REQUIRE_BROWSER:-0}" = 1 ]; then
        echo "FAIL: $1 (ANNREP_REQUIRE_BROWSER=1)"
        exit 1
    fi
    echo "SKIP: $1: the web page's browser checks did not run (apt-get install chromium nodejs npm default-jre-headless)"
    exit 77
}
[ -x "$CHROMIUM" ] || missing "no chromium at $CHROMIUM"
command -v node >/dev/null 2>&1 || missing "no node"
command -v npm >/dev/null 2>&1 || missing "no npm"
command -v java >/dev/null 2>&1 || missing "no java (for the Nu Html Checker)"

if [ ! -f "$browser_dir/node_modules/.package-lock.json" ] ||
        [ "$browser_dir/package-lock.json" -nt "$browser_dir/node_modules/.package-lock.json" ]; then
    echo "installing the pinned npm packages (npm ci in tests/browser)"
    (cd "$browser_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund) || {
        echo "FAIL: npm ci in $browser_dir"
        exit 1
    }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annrep-browser.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
shots=${ANNREP_HTML_SHOTS:-$tmp/shots}
status=0

for project in "$src/data-samples" "$src/tests/projects/northmoor"; do
    name=$(basename "$project")
    out="$tmp/$name"
    if ! "$annrep" build "$project" -o "$out" >"$out.log" 2>&1; then
        echo "FAIL: annrep build $project:"
        sed 's/^/    /' "$out.log"
        status=1
        continue
    fi
    page=$(ls "$out"/annual-report-*.html 2>/dev/null | head -n 1)
    if [ -z "$page" ]; then
        echo "FAIL: $project: no annual-report-*.html written"
        status=1
        continue
    fi
    echo "== $name: $page"
    if java -jar "$browser_dir/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only "$page"; then
        echo "ok: the Nu Html Checker finds no error: valid HTML5"
    else
        echo "FAIL: the Nu Html Checker found errors in $page"
        status=1
    fi
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node "$browser_dir/check_page.mjs" "$page" "$shots/$name" ||
        status=1
done
[ "$status" -eq 0 ] && echo "html_checks: all checks passed"
[ -n "${ANNREP_HTML_SHOTS:-}" ] && echo "screenshots in $shots"
exit "$status"
