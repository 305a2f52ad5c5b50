#!/bin/sh
# gen_large.sh - make a large report project for benchmarks.
#
# Usage: sh gen_large.sh OUTDIR [FACTOR] [SOURCE-PROJECT]
#        sh gen_large.sh -l ROWS OUTDIR [SOURCE-PROJECT]
#   FACTOR          how many times larger the row-level returns are (default 1000)
#   SOURCE-PROJECT  the project to scale up (default: data-samples/ of this repo)
#   -l ROWS         the large-returns project instead: the report year's
#                   lado_contacts.csv gets exactly ROWS rows (the source's rows
#                   over and over, ids L0000001, L0000002, ...; 1000000 rows
#                   make about 47 MB), every other file is copied unchanged
#
# Every row-level return (one row per event) is repeated FACTOR times:
# lado_contacts.csv and cdop_reviews.csv (ids made unique with a -NNNN
# suffix; dates unchanged, so they stay inside their year) and
# training_sessions.csv (more sessions of the same courses).  The returns of
# aggregates (crime by type, indicators by period, looked after by month,
# comparators, e-learning, funding with its declared total) and report.ini are
# copied unchanged: a partnership's 18 crime types do not become 18,000, and
# a chart of 18,000 crime types is no report.  The result is a valid project.
# (scale's modes idu and name remain for experiments with larger aggregates.)  The
# first column may be quoted, but must not contain a doubled quote.
# POSIX sh and awk only (mawk is enough).

set -eu
LC_ALL=C
export LC_ALL

usage() {
    echo "usage: sh gen_large.sh OUTDIR [FACTOR] [SOURCE-PROJECT]" >&2
    echo "       sh gen_large.sh -l ROWS OUTDIR [SOURCE-PROJECT]" >&2
    exit 2
}
HERE=$(cd "$(dirname "$0")" && pwd)
LADO_ROWS=
if [ "${1:-}" = -l ]; then
    [ $# -ge 3 ] && [ $# -le 4 ] || usage
    LADO_ROWS=$2
    OUT=$3
    FACTOR=1
    SRC=${4:-$HERE/../../data-samples}
    case $LADO_ROWS in
        ''|*[!0-9]*) echo "gen_large.sh: ROWS must be a whole number, not '$LADO_ROWS'" >&2; exit 2 ;;
    esac
else
    [ $# -ge 1 ] && [ $# -le 3 ] || usage
    OUT=$1
    FACTOR=${2:-1000}
    SRC=${3:-$HERE/../../data-samples}
fi

case $FACTOR in
    ''|*[!0-9]*) echo "gen_large.sh: FACTOR must be a whole number, not '$FACTOR'" >&2; exit 2 ;;
esac
[ -f "$SRC/report.ini" ] || { echo "gen_large.sh: no report.ini in $SRC" >&2; exit 2; }

mkdir -p "$OUT"
cp "$SRC/report.ini" "$OUT/"
if [ -d "$SRC/narrative" ]; then
    rm -rf "$OUT/narrative"
    cp -R "$SRC/narrative" "$OUT/"
fi

# scale FILE OUTFILE MODE: MODE is id (append -NNNN to column 1), idu (append
# _NNNN), name (append " NNNN" to column 1 for copies after the first) or
# same (repeat rows unchanged).
scale() {
    awk -v factor="$FACTOR" -v mode="$3" '
    { sub(/\r$/, "") }
    NR == 1 { print; next }
    /^[ \t,]*$/ { next }
    { row[++n] = $0 }
    END {
        for (k = 1; k <= factor; k++) {
            sfx = sprintf("%04d", k)
            for (i = 1; i <= n; i++) {
                line = row[i]
                if (mode == "same" || (mode == "name" && k == 1)) { print line; continue }
                add = (mode == "id") ? "-" sfx : (mode == "idu") ? "_" sfx : " " sfx
                if (substr(line, 1, 1) == "\"") {
                    match(line, /^"[^"]*"/)
                    print substr(line, 1, RLENGTH - 1) add "\"" substr(line, RLENGTH + 1)
                } else {
                    match(line, /^[^,]*/)
                    print substr(line, 1, RLENGTH) add substr(line, RLENGTH + 1)
                }
            }
        }
    }' "$1" >"$2"
}

# rows FILE OUTFILE N: the header, then exactly N rows cycling through FILE's
# rows, column 1 replaced by L0000001, L0000002, ... (unquoted).
rows() {
    awk -v want="$3" '
    { sub(/\r$/, "") }
    NR == 1 { print; next }
    /^[ \t,]*$/ { next }
    { row[++n] = $0 }
    END {
        if (n == 0) exit 1
        for (k = 1; k <= want; k++) {
            line = row[(k - 1) % n + 1]
            if (substr(line, 1, 1) == "\"") match(line, /^"[^"]*"/)
            else match(line, /^[^,]*/)
            printf "L%07d%s\n", k, substr(line, RLENGTH + 1)
        }
    }' "$1" >"$2"
}

if [ -n "$LADO_ROWS" ]; then
    year=$(sed -n 's/^[ \t]*year[ \t]*=[ \t]*\([0-9][0-9][0-9][0-9]-[0-9][0-9]\).*/\1/p' "$SRC/report.ini" | head -n 1)
    [ -f "$SRC/$year/lado_contacts.csv" ] ||
        { echo "gen_large.sh: no $year/lado_contacts.csv in $SRC" >&2; exit 2; }
    for ydir in "$SRC"/[0-9][0-9][0-9][0-9]-[0-9][0-9]; do
        [ -d "$ydir" ] || continue
        rm -rf "$OUT/$(basename "$ydir")"
        cp -R "$ydir" "$OUT/"
    done
    rows "$SRC/$year/lado_contacts.csv" "$OUT/$year/lado_contacts.csv" "$LADO_ROWS"
    echo "gen_large.sh: wrote $OUT ($year/lado_contacts.csv with $LADO_ROWS rows)"
    exit 0
fi

for ydir in "$SRC"/[0-9][0-9][0-9][0-9]-[0-9][0-9]; do
    [ -d "$ydir" ] || continue
    y=$(basename "$ydir")
    mkdir -p "$OUT/$y"
    for f in "$ydir"/*.csv; do
        [ -f "$f" ] || continue
        b=$(basename "$f")
        case $b in
            lado_contacts.csv|cdop_reviews.csv) scale "$f" "$OUT/$y/$b" id ;;
            training_sessions.csv)               scale "$f" "$OUT/$y/$b" same ;;
            *)                                   cp "$f" "$OUT/$y/$b" ;;
        esac
    done
done
echo "gen_large.sh: wrote $OUT (row-level returns x$FACTOR)"
