#!/bin/sh
# ci.sh - everything CI runs, and what a developer runs before pushing.
#
#   sh tests/ci.sh
#
# On a fresh Debian 12 machine (as root, or with password-less sudo) it first
# installs the packages needed to build and test; when they are all installed
# already it skips that in a second.  Then, each in its own build folder under
# build-ci/ (ANNREP_CI_BUILD overrides):
#   1. packages (and the browser checks' pinned npm packages)
#   2. normal build with -Werror, the whole test suite (ctest)
#   3. AddressSanitizer + UndefinedBehaviorSanitizer build, the whole test suite
#   4. valgrind over one end-to-end `annrep build data-samples`
#   5. ThreadSanitizer (clang) over sample builds: the chart thread
#   6. each libFuzzer harness for ANNREP_FUZZ_SECONDS (default 30) seconds
# Every step runs even when an earlier one failed (except a failed install),
# so one run shows every problem.  Exits non-zero when any step failed.
set -u
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ANNREP_CI_BUILD:-$ROOT/build-ci}
FUZZ_SECONDS=${ANNREP_FUZZ_SECONDS:-30}
JOBS=$(nproc 2>/dev/null || echo 2)
cd "$ROOT" || exit 2

# Everything the build and the tests use.  --no-install-recommends keeps a
# fresh install small, so every package really needed is named here.
PACKAGES="build-essential cmake pkg-config
  libxlsxwriter-dev libcairo2-dev libfreetype-dev libhpdf-dev libcsv-dev libcmark-dev
  libinih-dev libcmocka-dev libdeflate-dev libpng-dev zlib1g-dev fonts-liberation2
  clang libclang-rt-14-dev valgrind
  qpdf poppler-utils unzip file strace time python3 python3-pikepdf chromium default-jre-headless ${ANNREP_CI_EXTRA_PACKAGES:-}"
# Node and npm for the web page's browser checks (tests/e2e/html_checks.sh):
# Debian's, unless a node is installed already (NodeSource's nodejs bundles
# npm and conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    PACKAGES="$PACKAGES nodejs npm"
fi
# The browser checks must run here, never skip.
ANNREP_REQUIRE_BROWSER=1
export ANNREP_REQUIRE_BROWSER

START=$(date +%s)
FAILED=""
section() { printf '\n======== %s  [%ss]\n' "$1" "$(($(date +%s) - START))"; }
failed() { FAILED="$FAILED
  - $1"; printf '>>>>>>>> FAILED: %s\n' "$1"; }

# ---------------------------------------------------------------------------
section "1. packages"
missing=""
for p in $PACKAGES; do
    st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
    [ "$st" = installed ] || missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "all $(echo $PACKAGES | wc -w) packages are installed"
else
    echo "installing:$missing"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "ci.sh: missing packages and not root (no password-less sudo): install$missing" >&2
        exit 2
    fi
    # shellcheck disable=SC2086
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends $missing ||
        { echo "ci.sh: apt-get install failed" >&2; exit 2; }
fi

# The browser checks' npm packages (axe-core, playwright-core, vnu-jar),
# pinned by tests/browser/package-lock.json; no install script runs, so
# playwright downloads no browser (it drives Debian's chromium) and vnu-jar
# no Java (Debian's runs it).
browser="$ROOT/tests/browser"
if [ ! -f "$browser/node_modules/.package-lock.json" ] ||
        [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
    echo "npm ci in tests/browser"
    (cd "$browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund) ||
        { echo "ci.sh: npm ci failed" >&2; exit 2; }
fi

# ---------------------------------------------------------------------------
# configure_build DIR DESCRIPTION cmake-args... : configure and build all.
configure_build() {
    dir=$1; what=$2; shift 2
    cmake -S "$ROOT" -B "$dir" "$@" >"$dir.configure.log" 2>&1 ||
        { cat "$dir.configure.log"; failed "$what: configure"; return 1; }
    cmake --build "$dir" -j "$JOBS" ||
        { failed "$what: build"; return 1; }
}
mkdir -p "$BUILD"

section "2. normal build (-Werror) and tests"
if configure_build "$BUILD/normal" "normal" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANNREP_WERROR=ON; then
    ctest --test-dir "$BUILD/normal" --output-on-failure -j "$JOBS" || failed "normal: ctest"
fi

section "3. sanitizer build (address, undefined) and tests"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_string_checks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS
if configure_build "$BUILD/asan" "sanitizer" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DANNREP_SANITIZE=ON -DANNREP_WERROR=ON; then
    ctest --test-dir "$BUILD/asan" --output-on-failure -j "$JOBS" || failed "sanitizer: ctest"
fi

section "4. valgrind: annrep build data-samples"
if [ -x "$BUILD/normal/annrep" ]; then
    vout=$(mktemp -d "${TMPDIR:-/tmp}/annrep-valgrind.XXXXXX")
    if valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            --track-origins=yes --suppressions="$ROOT/tests/valgrind.supp" --quiet \
            "$BUILD/normal/annrep" build "$ROOT/data-samples" -o "$vout/out" --data-dir "$ROOT"; then
        echo "valgrind: clean ($(find "$vout/out" -type f | wc -l) files written)"
    else
        failed "valgrind: errors or leaks (or the build failed)"
    fi
    rm -rf "$vout"
else
    failed "valgrind: no annrep binary (normal build failed)"
fi

section "5. ThreadSanitizer: the charts' thread, over sample builds"
# Only annrep itself (no tests) built with clang -fsanitize=thread; the
# sample built on two cores and on one (the threads then take other charts),
# every build checked by tests/e2e/reproducible.sh.
if configure_build "$BUILD/tsan" "thread sanitizer" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DANNREP_TESTS=OFF -DCMAKE_C_FLAGS=-fsanitize=thread \
        -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread; then
    TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$ROOT/tests/tsan.supp" \
        sh "$ROOT/tests/e2e/reproducible.sh" "$BUILD/tsan/annrep" "$ROOT" 8 ||
        failed "thread sanitizer: a data race, or builds that differ"
fi

section "6. fuzzing, $FUZZ_SECONDS s per harness"
ANNREP_FUZZ_BUILD="$BUILD/fuzz" sh "$ROOT/tests/fuzz/run.sh" "$FUZZ_SECONDS" ||
    failed "fuzzing: a crash, or the fuzz build failed"

# ---------------------------------------------------------------------------
section "summary"
# Steps 2-6 (the install of step 1 exits early on failure).
nfailed=$(printf '%s' "$FAILED" | grep -c .)
[ "$nfailed" -gt 5 ] && nfailed=5
if [ -n "$FAILED" ]; then
    echo "ci.sh: FAILED:$FAILED"
    echo "steps: $((5 - nfailed)) passed, $nfailed failed"
    exit 1
fi
echo "ci.sh: all steps passed in $(($(date +%s) - START)) s"
echo "steps: 5 passed, 0 failed"
