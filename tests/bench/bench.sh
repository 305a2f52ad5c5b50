#!/bin/sh
# bench.sh - wall time and peak memory of `annrep build` on the sample project
# and on a project whose row-level returns are 1000 times larger.
#
# Usage: sh tests/bench/bench.sh [path-to-annrep] [FACTOR]
#   path-to-annrep  default: build/annrep of this repo, else annrep on PATH
#   FACTOR          size of the large project (default 1000, see gen_large.sh)
#
# Peak RSS needs GNU time, the Debian package `time` (/usr/bin/time; the
# shell's `time` keyword cannot report memory): apt-get install time.
# Without it the script still reports wall time (via date +%s.%N) and prints
# "peak RSS n/a".  Not part of ctest: run it by hand; it exits non-zero only
# when a build fails.

set -u
LC_ALL=C
export LC_ALL

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

ANNREP=${1:-}
if [ -z "$ANNREP" ]; then
    if [ -x "$ROOT/build/annrep" ]; then ANNREP=$ROOT/build/annrep
    else ANNREP=$(command -v annrep || true)
    fi
fi
if [ -z "$ANNREP" ] || [ ! -x "$ANNREP" ]; then
    echo "bench.sh: no annrep binary found; pass its path: sh tests/bench/bench.sh path/to/annrep" >&2
    exit 2
fi
FACTOR=${2:-1000}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-bench.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

GNU_TIME=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e' true >/dev/null 2>&1; then
    GNU_TIME=/usr/bin/time
else
    echo "bench.sh: GNU time not found (Debian package 'time'); peak RSS will be n/a" >&2
fi

now() { date +%s.%N 2>/dev/null || date +%s; }

# run LABEL PROJECT: build PROJECT into $TMP/out-LABEL and print one line.
status=0
run() {
    label=$1; proj=$2
    out=$TMP/out-$label
    if [ -n "$GNU_TIME" ]; then
        "$GNU_TIME" -f '%e %M' -o "$TMP/time-$label" \
            "$ANNREP" build "$proj" -o "$out" >"$TMP/log-$label" 2>&1
        rc=$?
        read -r wall rss <"$TMP/time-$label" || { wall=?; rss=?; }
        # GNU time prefixes "Command exited with non-zero status N" on failure.
        if [ $rc -ne 0 ]; then wall=$(tail -n 1 "$TMP/time-$label" | cut -d' ' -f1)
            rss=$(tail -n 1 "$TMP/time-$label" | cut -d' ' -f2); fi
        rss_text="${rss} KB"
    else
        t0=$(now)
        "$ANNREP" build "$proj" -o "$out" >"$TMP/log-$label" 2>&1
        rc=$?
        t1=$(now)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
        rss_text="n/a"
    fi
    rows=$(cat "$proj"/*/*.csv | wc -l | tr -d ' ')
    printf '%-8s %10s lines  wall %8s s  peak RSS %12s  exit %d\n' \
        "$label" "$rows" "$wall" "$rss_text" "$rc"
    if [ $rc -ne 0 ]; then
        status=1
        sed 's/^/    | /' "$TMP/log-$label" | tail -n 20
    fi
}

echo "annrep: $ANNREP"
run sample "$ROOT/data-samples"

t0=$(now)
sh "$HERE/gen_large.sh" "$TMP/large" "$FACTOR" "$ROOT/data-samples" >/dev/null || exit 2
t1=$(now)
awk -v a="$t0" -v b="$t1" -v f="$FACTOR" 'BEGIN { printf "generated x%s project in %.2f s\n", f, b - a }'
run "x$FACTOR" "$TMP/large"
exit $status
