#!/bin/sh
# update.sh - regenerate the fuzzers' seed corpora from data-samples/ and the
# bad-input corpus tests/bad/.  Run from anywhere; the seeds are committed.
#
#   seeds/csv/<name>       a first line naming the return's file
#                          ("funding.csv"), then the file
#   seeds/ini/<name>       report.ini files as they are
#   seeds/template/<name>  Markdown template files as they are
#   seeds/logo/<name>      small PNGs of each colour type (made with PIL)
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

# seeds/logo/<name>: small PNGs of every colour type and bit depth, one
# interlaced (refused) and one cut short, made with PIL (python3-pil).
mkdir -p "$HERE/logo"
/usr/bin/python3 - "$HERE/logo" <<'PY'
import io, sys
from PIL import Image
out = sys.argv[1]
def save(name, im, **kw):
    b = io.BytesIO(); im.save(b, "PNG", **kw); data = b.getvalue()
    open(f"{out}/{name}.png", "wb").write(data)
    return data
save("rgb", Image.new("RGB", (7, 5), (200, 30, 60)))
save("rgba", Image.new("RGBA", (3, 9), (0, 128, 255, 100)))
save("grey", Image.new("L", (16, 2), 90))
save("grey16", Image.new("I;16", (4, 4), 4000))
save("palette", Image.new("P", (5, 5), 3))
save("mono", Image.new("1", (9, 3), 1))
save("interlaced", Image.new("RGB", (8, 8), (1, 2, 3)), interlace=1)
d = save("short", Image.new("RGB", (6, 6), (9, 9, 9)))
open(f"{out}/short.png", "wb").write(d[: len(d) // 2])
PY
