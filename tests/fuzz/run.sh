#!/bin/sh
# run.sh - build the libFuzzer harnesses with clang and run each for a while.
#
#   sh tests/fuzz/run.sh SECONDS [HARNESS...]
#
# Builds into $ANNREP_FUZZ_BUILD (default build-fuzz/ in the source tree)
# when needed, first replays any saved reproducer in tests/fuzz/crashes/
# (a fixed crash must stay fixed), then runs each harness (default: all)
# for SECONDS with -max_len=65536 on the seed corpus tests/fuzz/seeds/<kind>
# plus a growing working corpus in the build folder.  A crash, leak, sanitizer
# report or an input that runs longer than 10 seconds is saved as
# tests/fuzz/crashes/<harness>-<kind>-<hash> and fails the run.
# Prints each harness's execution count; exits non-zero on any failure.
set -u
LC_ALL=C
export LC_ALL

if [ $# -lt 1 ]; then
    echo "usage: sh tests/fuzz/run.sh SECONDS [fuzz_csv fuzz_ini fuzz_template fuzz_logo]" >&2
    exit 2
fi
SECONDS_EACH=$1
shift
case $SECONDS_EACH in ''|*[!0-9]*) echo "run.sh: SECONDS must be a whole number" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -gt 0 ]; then
    HARNESSES=$*
else
    HARNESSES=""
    for c in "$ROOT"/tests/fuzz/fuzz_*.c; do
        [ -f "$c" ] && HARNESSES="$HARNESSES $(basename "$c" .c)"
    done
fi
BUILD=${ANNREP_FUZZ_BUILD:-$ROOT/build-fuzz}
CRASHES=$ROOT/tests/fuzz/crashes
JOBS=$(nproc 2>/dev/null || echo 2)

if ! command -v clang >/dev/null 2>&1; then
    echo "run.sh: clang is not installed (apt-get install clang libclang-rt-14-dev)" >&2
    exit 2
fi
# Configure every time (a second or two): a harness added since the last
# run needs it.
mkdir -p "$BUILD"
CC=clang cmake -S "$ROOT" -B "$BUILD" -DANNREP_FUZZ=ON -DANNREP_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$BUILD/configure.log" 2>&1 ||
    { cat "$BUILD/configure.log"; echo "run.sh: configure failed" >&2; exit 1; }
# shellcheck disable=SC2086
cmake --build "$BUILD" -j "$JOBS" --target $HARNESSES >"$BUILD/build.log" 2>&1 ||
    { cat "$BUILD/build.log"; echo "run.sh: build failed" >&2; exit 1; }

mkdir -p "$CRASHES"
# The fuzzers should not stop at LeakSanitizer's first report without saying
# which input leaked; keep the defaults otherwise.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS

failed=0
summary=""
for h in $HARNESSES; do
    kind=${h#fuzz_}
    exe=$BUILD/tests/fuzz/$h
    seeds=$ROOT/tests/fuzz/seeds/$kind
    corpus=$BUILD/corpus/$kind
    log=$BUILD/$h.log
    mkdir -p "$corpus"

    # Regression: every saved reproducer of this harness must now pass.
    repro=$(find "$CRASHES" -type f -name "$h-*" 2>/dev/null | sort)
    if [ -n "$repro" ]; then
        # shellcheck disable=SC2086
        if ! "$exe" -runs=1 $repro >"$log.repro" 2>&1; then
            echo "$h: a saved reproducer in tests/fuzz/crashes/ still fails:"
            tail -n 30 "$log.repro"
            failed=1
            summary="$summary
$h: saved reproducer still fails"
            continue
        fi
    fi

    echo "---- $h: $SECONDS_EACH s (seeds: tests/fuzz/seeds/$kind)"
    "$exe" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$CRASHES/$h-" \
        "$corpus" "$seeds" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        line="$h: ${execs:-?} executions in $SECONDS_EACH s, ${cov:-cov: ?}, 0 crashes"
    else
        failed=1
        art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        line="$h: FAILED (exit $rc) after ${execs:-?} executions; reproducer: ${art:-see $log}"
        grep -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x' "$log" | head -n 25
    fi
    echo "$line"
    summary="$summary
$line"
done

echo
echo "fuzz summary:$summary"
exit $failed
