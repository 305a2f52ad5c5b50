#!/bin/sh
# layers.sh STAGE=LIBRARY... - the shape of the pipeline, read from the
# stage libraries' object files with nm (what each file defines and uses):
#
#   1. inside each stage, calls between files go one way only: the graph
#      "file A uses a symbol file B defines" has no cycle (tsort);
#   2. across stages, a stage uses only the stages before it (the arguments
#      come in pipeline order: util load compute disclose chart doc render);
#   3. what each stage may not know: no stage before render calls libharu or
#      libxlsxwriter, only chart calls cairo, only doc calls cmark, only load
#      calls libcsv or inih; no stage before render includes their headers.
#
# Prints each stage's file graph; exits non-zero, saying why, on a failure.
set -eu
LC_ALL=C
export LC_ALL
T=$(mktemp -d "${TMPDIR:-/tmp}/annrep-layers.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
status=0
fail() { echo "FAIL: $*" >&2; status=1; }

# "symbol file" lines, one per global definition / use.
defs() { nm -A -g --defined-only "$1" | awk 'NF >= 3 { n = split($1, p, ":"); print $NF, p[n - 1] }' | sort -u; }
uses() { nm -A -u "$1" | awk '{ n = split($1, p, ":"); print $NF, p[n - 1] }' | sort -u; }

: >"$T/alldefs"
rank=0
for arg in "$@"; do
    stage=${arg%%=*}
    lib=${arg#*=}
    rank=$((rank + 1))
    defs "$lib" >"$T/defs.$stage"
    uses "$lib" >"$T/uses.$stage"
    awk -v s="$stage" -v r="$rank" '{ print $1, s, r }' "$T/defs.$stage" >>"$T/alldefs"
done
sort -u "$T/alldefs" -o "$T/alldefs"

rank=0
for arg in "$@"; do
    stage=${arg%%=*}
    rank=$((rank + 1))
    # 1. no cycle between the files of the stage
    join "$T/uses.$stage" "$T/defs.$stage" | awk '$2 != $3 { print $2, $3 }' | sort -u >"$T/edges"
    echo "$stage: calls between files (caller callee):"
    sed 's/\.c\.o//g; s/^/  /' "$T/edges"
    if ! tsort "$T/edges" >/dev/null 2>"$T/loop"; then
        fail "the files of src/$stage call each other in a cycle:"
        sed 's/\.c\.o//g; s/^/  /' "$T/loop" >&2
    fi
    # 2. only earlier stages
    join "$T/uses.$stage" "$T/alldefs" | awk -v r="$rank" -v s="$stage" \
        '$4 >= r && $3 != s { print "  " $2 " uses " $1 " of src/" $3 }' >"$T/up"
    if [ -s "$T/up" ]; then
        fail "src/$stage uses a later stage:"
        cat "$T/up" >&2
    fi
    # 3. libraries the stage may not know
    case $stage in
        render) forbidden='^(cairo_|cmark_|csv_|ini_)' ;;
        doc) forbidden='^(HPDF_|cairo_|workbook_|worksheet_|lxw_|csv_|ini_)' ;;
        chart) forbidden='^(HPDF_|workbook_|worksheet_|lxw_|cmark_|csv_|ini_)' ;;
        load) forbidden='^(HPDF_|cairo_|workbook_|worksheet_|lxw_|cmark_)' ;;
        *) forbidden='^(HPDF_|cairo_|workbook_|worksheet_|lxw_|cmark_|csv_|ini_)' ;;
    esac
    if awk '{ print $1 }' "$T/uses.$stage" | grep -E "$forbidden" >"$T/lib"; then
        fail "src/$stage calls a library it must not know:"
        sed 's/^/  /' "$T/lib" >&2
    fi
done
src=${ANNREP_SOURCE_DIR:-.}/src
if grep -rlE '#include *<(hpdf|xlsxwriter)' "$src/util" "$src/load" "$src/compute" \
        "$src/chart" "$src/doc" >"$T/inc"; then
    fail "a stage before render includes libharu's or libxlsxwriter's header:"
    sed 's/^/  /' "$T/inc" >&2
fi
[ "$status" = 0 ] && echo "ok: no cycle, every stage uses only the stages before it"
exit "$status"
