#!/bin/sh
# update.sh - regenerate the fuzzers' seed corpora from data-samples/ and the
# bad-input corpus tests/bad/.  Run from anywhere; the seeds are committed.
#
#   seeds/csv/<name>       a first line naming the return's file
#                          ("funding.csv"), then the file
#   seeds/ini/<name>       report.ini files as they are
#   seeds/template/<name>  Markdown template files as they are
# Files larger than 64 KiB (the fuzzers' -max_len) are left out.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
MAX=65536

# The return a file is, by its name (the registry's file names).
file_of() {
    case $1 in
    lado_contacts*) echo lado_contacts.csv ;;
    looked_after_monthly*) echo looked_after_monthly.csv ;;
    comparators*) echo comparators.csv ;;
    cdop_reviews*) echo cdop_reviews.csv ;;
    training_sessions*) echo training_sessions.csv ;;
    elearning*) echo elearning.csv ;;
    crime_figures*) echo crime_figures.csv ;;
    indicators*) echo indicators.csv ;;
    funding*) echo funding.csv ;;
    *) echo "" ;;
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
    file=$(file_of "$name")
    [ -n "$file" ] && small "$f" || continue
    { echo "$file"; cat "$f"; } >"$HERE/csv/$year-$name"
done
# Bad returns: under the schema their name suggests, else LADO.
if [ -d "$ROOT/tests/bad" ]; then
    find "$ROOT/tests/bad" -type f -name '*.csv' | sort | while read -r f; do
        small "$f" || continue
        file=$(file_of "$(basename "$f")"); file=${file:-lado_contacts.csv}
        rel=$(echo "${f#"$ROOT"/tests/bad/}" | tr '/ ' '__')
        { echo "$file"; cat "$f"; } >"$HERE/csv/bad-$rel"
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
