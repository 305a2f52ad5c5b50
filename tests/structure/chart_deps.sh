#!/bin/sh
# chart_deps.sh LIBANNREP_CHART SOURCE_DIR - the shape of the chart stage:
#   1. calls between its files go one way only: the graph "file A calls a
#      function file B defines" has no cycle (read from the library's
#      objects with nm, checked with tsort);
#   2. it knows no PDF library: no libharu symbol is used and no file of
#      src/chart includes <hpdf.h> (the PDF writer paints charts,
#      src/render/pdf_chart.c).
# Prints the file graph; exits non-zero, saying why, when either fails.
set -eu
LC_ALL=C
export LC_ALL
lib=$1
src=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/annrep-deps.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

# "symbol file" for every global definition and every use, one per line.
nm -A -g --defined-only "$lib" | awk '{ n = split($1, p, ":"); print $NF, p[n - 1] }' | sort >"$T/defs"
nm -A -u "$lib" | awk '{ n = split($1, p, ":"); print $NF, p[n - 1] }' | sort >"$T/uses"
join "$T/uses" "$T/defs" | awk '$2 != $3 { print $2, $3 }' | sort -u >"$T/edges"
echo "calls between the files of src/chart (caller callee):"
sed 's/\.c\.o//g; s/^/  /' "$T/edges"

status=0
if ! tsort "$T/edges" >/dev/null 2>"$T/loop"; then
    echo "FAIL: the files of src/chart call each other in a cycle:" >&2
    sed 's/\.c\.o//g' "$T/loop" >&2
    status=1
fi
if grep '^HPDF_' "$T/uses" >"$T/hpdf"; then
    echo "FAIL: src/chart calls libharu:" >&2
    sed 's/^/  /' "$T/hpdf" >&2
    status=1
fi
if grep -rl 'hpdf\.h' "$src/src/chart" >"$T/inc"; then
    echo "FAIL: src/chart includes <hpdf.h>:" >&2
    sed 's/^/  /' "$T/inc" >&2
    status=1
fi
[ "$status" = 0 ] && echo "ok: no cycle, no libharu"
exit "$status"
