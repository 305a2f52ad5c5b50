#!/bin/sh
# update.sh - regenerate the fuzzers' seed corpora from data-samples/ and the
# bad-input corpus tests/bad/.  Run from anywhere; the seeds are committed.
#
#   seeds/csv/<name>       one schema byte (the return's number in
#                          src/load/returns.h's return_id order), then the file
#   seeds/ini/<name>       report.ini files as they are
#   seeds/template/<name>  Markdown template files as they are
# Files larger than 64 KiB (the fuzzers' -max_len) are left out.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
MAX=65536

# return_id order: RET_LADO .. RET_FUNDING
id_of() {
    case $1 in
    lado_contacts*) echo 0 ;;        looked_after_monthly*) echo 1 ;;
    comparators*) echo 2 ;;          cdop_reviews*) echo 3 ;;
    training_sessions*) echo 4 ;;    elearning*) echo 5 ;;
    crime_figures*) echo 6 ;;        indicators*) echo 7 ;;
    funding*) echo 8 ;;              *) echo "" ;;
    esac
}
small() { [ "$(wc -c <"$1")" -le "$MAX" ]; }

rm -f "$HERE"/csv/* "$HERE"/ini/* "$HERE"/template/*
mkdir -p "$HERE/csv" "$HERE/ini" "$HERE/template"

# Sample returns, under their own schema.
for f in "$ROOT"/data-samples/*/*.csv; do
    [ -f "$f" ] || continue
    year=$(basename "$(dirname "$f")")
    name=$(basename "$f" .csv)
    id=$(id_of "$name")
    [ -n "$id" ] && small "$f" || continue
    { printf "\\$(printf '%03o' "$id")"; cat "$f"; } >"$HERE/csv/$year-$name"
done
# Bad returns: under the schema their name suggests, else LADO.
if [ -d "$ROOT/tests/bad" ]; then
    find "$ROOT/tests/bad" -type f -name '*.csv' | sort | while read -r f; do
        small "$f" || continue
        id=$(id_of "$(basename "$f")"); id=${id:-0}
        rel=$(echo "${f#"$ROOT"/tests/bad/}" | tr '/ ' '__')
        { printf "\\$(printf '%03o' "$id")"; cat "$f"; } >"$HERE/csv/bad-$rel"
    done
    find "$ROOT/tests/bad" -type f -name '*.ini' | sort | while read -r f; do
        small "$f" || continue
        cp "$f" "$HERE/ini/bad-$(echo "${f#"$ROOT"/tests/bad/}" | tr '/ ' '__')"
    done
    find "$ROOT/tests/bad" -type f -name '*.md' | sort | while read -r f; do
        small "$f" || continue
        cp "$f" "$HERE/template/bad-$(echo "${f#"$ROOT"/tests/bad/}" | tr '/ ' '__')"
    done
fi
[ -f "$ROOT/data-samples/report.ini" ] && cp "$ROOT/data-samples/report.ini" "$HERE/ini/sample-report.ini"
for f in "$ROOT"/report-templates/*/*.md; do
    [ -f "$f" ] && small "$f" || continue
    cp "$f" "$HERE/template/$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in "$ROOT"/data-samples/narrative/*.md; do
    [ -f "$f" ] && small "$f" || continue
    cp "$f" "$HERE/template/narrative-$(basename "$f")"
done
echo "seeds: $(ls "$HERE/csv" | wc -l) csv, $(ls "$HERE/ini" | wc -l) ini, $(ls "$HERE/template" | wc -l) template"
