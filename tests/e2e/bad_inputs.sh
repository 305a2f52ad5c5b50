#!/bin/sh
# bad_inputs.sh - run annrep over the bad-input corpus in tests/bad/.
#
# Usage: sh bad_inputs.sh ANNREP-BINARY SOURCE-DIR
#
# Each tests/bad/<case>/ is a small report project with exactly one defect
# (multi_broken has several).  Its files:
#   expected.txt    substrings, one per line, that stderr of both
#                   `annrep build` and `annrep check` must contain
#   absent.txt      optional: substrings, one per line, that neither stderr
#                   may contain (a message that must not come as well, such
#                   as a spurious "required value missing")
#   expected_exit   optional: the exit code both must give (default 1);
#                   0 marks inputs that are odd but valid and must build
#   generate.sh     optional: run inside a copy of the case to make files
#                   that are too big or too binary to commit
# Every case is copied to a temporary folder and run from there as
# `annrep build <case> -o OUT` and `annrep check <case>`, so messages name
# files as "<case>/2016-17/...".  A failing case must leave OUT absent or
# empty; a valid one must fill it.  Set ANNREP_WRAP (e.g. "valgrind -q
# --error-exitcode=99") to run every command under a wrapper.
# Prints one line per case and ends with "N passed, M failed".

set -u
if [ $# -ne 2 ]; then
    echo "usage: sh bad_inputs.sh ANNREP-BINARY SOURCE-DIR" >&2
    exit 2
fi
annrep=$1
src=$2
case $annrep in /*) ;; *) annrep=$(pwd)/$annrep ;; esac
LC_ALL=C
export LC_ALL
wrap=${ANNREP_WRAP:-}
limit=${ANNREP_CASE_TIMEOUT:-120}

work=$(mktemp -d "${TMPDIR:-/tmp}/annrep-bad.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
trap 'exit 3' INT TERM

passed=0
failed=0
for dir in "$src"/tests/bad/*/; do
    [ -d "$dir" ] || continue
    name=$(basename "$dir")
    rm -rf "$work/run" "$work/out"
    mkdir "$work/run"
    cp -R "$dir" "$work/run/$name"
    problems=""
    if [ -f "$work/run/$name/generate.sh" ]; then
        if ! (cd "$work/run/$name" && sh ./generate.sh); then
            problems="$problems generate.sh failed;"
        fi
    fi
    want=1
    if [ -f "$work/run/$name/expected_exit" ]; then
        want=$(tr -d ' \n\r' < "$work/run/$name/expected_exit")
    fi

    (cd "$work/run" && timeout "$limit" $wrap "$annrep" build "$name" -o "$work/out") \
        >"$work/build.out" 2>"$work/build.err"
    brc=$?
    (cd "$work/run" && timeout "$limit" $wrap "$annrep" check "$name") \
        >"$work/check.out" 2>"$work/check.err"
    crc=$?

    [ "$brc" -eq 124 ] && problems="$problems build timed out;"
    [ "$crc" -eq 124 ] && problems="$problems check timed out;"
    [ "$brc" -eq "$want" ] || problems="$problems build exit $brc, expected $want;"
    [ "$crc" -eq "$want" ] || problems="$problems check exit $crc, expected $want;"
    if [ -f "$work/run/$name/expected.txt" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            [ -n "$line" ] || continue
            grep -F -q -e "$line" "$work/build.err" ||
                problems="$problems build stderr lacks [$line];"
            grep -F -q -e "$line" "$work/check.err" ||
                problems="$problems check stderr lacks [$line];"
        done < "$work/run/$name/expected.txt"
    else
        problems="$problems no expected.txt;"
    fi
    if [ -f "$work/run/$name/absent.txt" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            [ -n "$line" ] || continue
            grep -F -q -e "$line" "$work/build.err" &&
                problems="$problems build stderr has [$line];"
            grep -F -q -e "$line" "$work/check.err" &&
                problems="$problems check stderr has [$line];"
        done < "$work/run/$name/absent.txt"
    fi
    if [ "$want" -ne 0 ]; then
        if [ -d "$work/out" ] && [ -n "$(ls -A "$work/out")" ]; then
            problems="$problems build wrote into the output folder;"
        fi
    elif ! [ -d "$work/out" ] || [ -z "$(ls -A "$work/out")" ]; then
        problems="$problems build wrote nothing;"
    fi

    if [ -z "$problems" ]; then
        passed=$((passed + 1))
        echo "PASS $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name:$problems"
        sed 's/^/    build: /' "$work/build.err" | head -n 20
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
