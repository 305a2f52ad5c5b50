#!/bin/sh
# bench.sh - wall time and peak memory of annrep, optionally against a
# baseline binary measured in the same run.
#
# Usage: sh tests/bench/bench.sh [-n RUNS] [-b BASELINE] [-c CASES] [ANNREP]
#   ANNREP       the binary to measure (default: build/annrep of this repo,
#                else annrep on PATH)
#   -b BASELINE  a second binary (say, a build of the commit before a change,
#                see README "Performance"); its runs alternate with ANNREP's
#                and the last column is the ratio of the medians
#                (BASELINE / ANNREP: 8.0x means ANNREP is 8 times faster)
#   -n RUNS      timed runs of each binary in each case (default 11); one
#                untimed warm-up run each comes first
#   -c CASES     the cases to run, comma-separated (default: all of them):
#                  sample-build    annrep build data-samples, into the
#                                  folder of the last build (a rebuild)
#                  sample-fresh    the same into a new, empty folder
#                  sample-check    annrep check data-samples
#                  x1000-build     the sample with every row-level return
#                  x1000-check     1000 times larger (gen_large.sh)
#                  lado1m-check    the sample with a million rows in the
#                  lado1m-build    year's LADO return (gen_large.sh -l)
#
# For each case and binary it prints the median wall time (milliseconds, a
# clock read by date(1) before and after the run, so the ~1 ms of starting
# the timing process is included), the fastest and slowest runs, and from
# GNU time (Debian package `time`, /usr/bin/time; without it n/a) the median
# CPU time (user + system, all threads; GNU time counts in 10 ms steps) and
# the median peak resident memory.  Builds write into the output folder of
# the warm-up run (an analyst rebuilding after a correction), except
# sample-fresh, whose folder is removed before every run (outside the time).
# On a machine other jobs keep busy the wall times spread (root can run it
# under nice -n -20); the ratio of medians of alternating runs still holds.
#
# Not part of ctest or CI: timings on a shared machine are not a pass/fail
# test.  Exits 1 when a run fails (its output is shown), 2 on bad usage.

set -u
LC_ALL=C
export LC_ALL

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

RUNS=11
BASE=
CASES=sample-build,sample-fresh,sample-check,x1000-build,x1000-check,lado1m-check,lado1m-build
usage() {
    echo "usage: sh tests/bench/bench.sh [-n RUNS] [-b BASELINE] [-c CASES] [ANNREP]" >&2
    exit 2
}
while getopts n:b:c: opt; do
    case $opt in
        n) RUNS=$OPTARG ;;
        b) BASE=$OPTARG ;;
        c) CASES=$OPTARG ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
case $RUNS in ''|*[!0-9]*|0) echo "bench.sh: -n needs a whole number above 0" >&2; exit 2 ;; esac

ANNREP=${1:-}
if [ -z "$ANNREP" ]; then
    if [ -x "$ROOT/build/annrep" ]; then ANNREP=$ROOT/build/annrep
    else ANNREP=$(command -v annrep || true)
    fi
fi
for b in "$ANNREP" ${BASE:+"$BASE"}; do
    if [ -z "$b" ] || [ ! -x "$b" ]; then
        echo "bench.sh: no annrep binary at '$b'; pass its path: sh tests/bench/bench.sh path/to/annrep" >&2
        exit 2
    fi
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-bench.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

GNU_TIME=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' true >/dev/null 2>&1; then
    GNU_TIME=/usr/bin/time
else
    echo "bench.sh: GNU time not found (apt-get install time); peak memory will be n/a" >&2
fi

now_ns() { date +%s%N; }

# median FILE: the middle line of a file of numbers (the lower middle for an
# even count).
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# once WHICH BIN CMD PROJ OUT: one run; appends the wall time (ms) and the
# peak RSS (KB) to $TMP/WHICH.wall and $TMP/WHICH.rss.
status=0
once() {
    which=$1; bin=$2; cmd=$3; proj=$4; out=$5
    case $cmd in
        fresh) rm -rf "$out"; set -- "$bin" build "$proj" -o "$out" -q ;;
        build) set -- "$bin" build "$proj" -o "$out" -q ;;
        *) set -- "$bin" "$cmd" "$proj" ;;
    esac
    t0=$(now_ns)
    if [ -n "$GNU_TIME" ]; then
        "$GNU_TIME" -f '%M %U %S' -o "$TMP/rss" "$@" >"$TMP/log" 2>&1
    else
        "$@" >"$TMP/log" 2>&1
    fi
    rc=$?
    t1=$(now_ns)
    if [ $rc -ne 0 ]; then
        echo "bench.sh: $* exited with $rc:" >&2
        sed 's/^/    | /' "$TMP/log" | tail -n 20 >&2
        status=1
    fi
    echo $(((t1 - t0) / 1000)) | awk '{ printf "%.1f\n", $1 / 1000 }' >>"$TMP/$which.wall"
    if [ -n "$GNU_TIME" ]; then
        tail -n 1 "$TMP/rss" | awk '{ print $1 }' >>"$TMP/$which.rss"
        tail -n 1 "$TMP/rss" | awk '{ printf "%.0f\n", ($2 + $3) * 1000 }' >>"$TMP/$which.cpu"
    else
        echo 0 >>"$TMP/$which.rss"
        echo 0 >>"$TMP/$which.cpu"
    fi
}

# row LABEL WHICH: one line of the table from $TMP/WHICH.{wall,rss}.
row() {
    w=$(median "$TMP/$2.wall")
    lo=$(sort -n "$TMP/$2.wall" | head -n 1)
    hi=$(sort -n "$TMP/$2.wall" | tail -n 1)
    if [ -n "$GNU_TIME" ]; then
        rss=$(median "$TMP/$2.rss" | awk '{ printf "%.1f MB", $1 / 1024 }')
        cpu="$(median "$TMP/$2.cpu") ms"
    else
        rss=n/a
        cpu=n/a
    fi
    printf '%-13s %-4s %9s ms %21s  cpu %8s  peak %9s' "$1" "$2" "$w" "($lo..$hi)" "$cpu" "$rss"
}

# bench LABEL CMD PROJ: warm up, then RUNS alternating runs of each binary.
bench() {
    label=$1; cmd=$2; proj=$3
    rm -f "$TMP"/new.* "$TMP"/base.*
    once new "$ANNREP" "$cmd" "$proj" "$TMP/out-new-$label"
    [ -n "$BASE" ] && once base "$BASE" "$cmd" "$proj" "$TMP/out-base-$label"
    rm -f "$TMP"/new.* "$TMP"/base.*
    i=0
    while [ $i -lt "$RUNS" ]; do
        # Alternate which binary goes first, so neither always follows the other.
        if [ -n "$BASE" ] && [ $((i % 2)) -eq 1 ]; then
            once base "$BASE" "$cmd" "$proj" "$TMP/out-base-$label"
            once new "$ANNREP" "$cmd" "$proj" "$TMP/out-new-$label"
        else
            once new "$ANNREP" "$cmd" "$proj" "$TMP/out-new-$label"
            [ -n "$BASE" ] && once base "$BASE" "$cmd" "$proj" "$TMP/out-base-$label"
        fi
        i=$((i + 1))
    done
    row "$label" new
    echo
    if [ -n "$BASE" ]; then
        row "$label" base
        awk -v b="$(median "$TMP/base.wall")" -v n="$(median "$TMP/new.wall")" \
            'BEGIN { if (n > 0) printf "   base/new %.1fx", b / n }'
        echo
    fi
}

size_of() {
    cat "$1"/*/*.csv | wc -c |
        awk '{ if ($1 < 1e6) printf "%.1f kB", $1 / 1e3; else printf "%.1f MB", $1 / 1e6 }'
}

# generate NAME ARGS...: a project made by gen_large.sh, once per run.
generate() {
    name=$1; shift
    [ -d "$TMP/$name" ] && return 0
    t0=$(now_ns)
    sh "$HERE/gen_large.sh" "$@" >/dev/null || exit 2
    t1=$(now_ns)
    echo "generated $name ($(size_of "$TMP/$name") of CSV) in $(((t1 - t0) / 1000000)) ms"
}

echo "annrep   $ANNREP"
[ -n "$BASE" ] && echo "baseline $BASE"
echo "$(nproc 2>/dev/null || echo ?) cores; $RUNS timed runs per binary and case (after a warm-up), alternating; medians"
echo "sample   $ROOT/data-samples ($(size_of "$ROOT/data-samples") of CSV)"
for c in $(echo "$CASES" | tr , ' '); do
    case $c in
        sample-build) bench "$c" build "$ROOT/data-samples" ;;
        sample-fresh) bench "$c" fresh "$ROOT/data-samples" ;;
        sample-check) bench "$c" check "$ROOT/data-samples" ;;
        x1000-build|x1000-check)
            generate x1000 "$TMP/x1000" 1000 "$ROOT/data-samples"
            bench "$c" "${c#x1000-}" "$TMP/x1000" ;;
        lado1m-build|lado1m-check)
            generate lado1m -l 1000000 "$TMP/lado1m" "$ROOT/data-samples"
            bench "$c" "${c#lado1m-}" "$TMP/lado1m" ;;
        *) echo "bench.sh: unknown case '$c'" >&2; exit 2 ;;
    esac
done
exit $status
