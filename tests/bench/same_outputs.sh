#!/bin/sh
# same_outputs.sh - do two binaries make the same report?
#
# Usage: sh tests/bench/same_outputs.sh OLD-ANNREP NEW-ANNREP PROJECT...
#
# Builds every PROJECT with both binaries and compares the output folders:
# the same file names, every file byte for byte except the PNGs, and for
# each PNG the same size and the same decoded pixels (a change of PNG
# encoder changes the bytes, never the picture).  For checking a change
# that should not change the report, against a build of the commit before
# it (README, "Performance").  Needs /usr/bin/python3 with PIL (Debian
# python3-pil) to decode PNGs; not part of ctest.  Exits 0 when every
# project gives the same outputs, 1 when one differs, 2 on bad usage.
set -u
LC_ALL=C
export LC_ALL

if [ $# -lt 3 ]; then
    echo "usage: sh tests/bench/same_outputs.sh OLD-ANNREP NEW-ANNREP PROJECT..." >&2
    exit 2
fi
OLD=$1
NEW=$2
shift 2
PY=/usr/bin/python3
"$PY" -c 'import PIL' 2>/dev/null ||
    { echo "same_outputs.sh: $PY with PIL needed (apt-get install python3-pil)" >&2; exit 2; }

T=$(mktemp -d "${TMPDIR:-/tmp}/annrep-same.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

status=0
for p in "$@"; do
    n=$(basename "$p")
    "$OLD" build "$p" -o "$T/old-$n" -q 2>"$T/old-$n.err"
    ro=$?
    "$NEW" build "$p" -o "$T/new-$n" -q 2>"$T/new-$n.err"
    rn=$?
    if [ $ro -ne $rn ] || ! cmp -s "$T/old-$n.err" "$T/new-$n.err"; then
        echo "DIFFER: $p: exit $ro / $rn, or different messages:"
        diff "$T/old-$n.err" "$T/new-$n.err" | head -n 10
        status=1
        continue
    fi
    (cd "$T/old-$n" 2>/dev/null && find . -type f | sort) >"$T/old.list"
    (cd "$T/new-$n" 2>/dev/null && find . -type f | sort) >"$T/new.list"
    if ! cmp -s "$T/old.list" "$T/new.list"; then
        echo "DIFFER: $p: not the same files:"
        diff "$T/old.list" "$T/new.list" | head -n 10
        status=1
        continue
    fi
    bad=0
    while read -r f; do
        case $f in
            *.png) ;;
            *) cmp -s "$T/old-$n/$f" "$T/new-$n/$f" || { echo "  bytes differ: $f"; bad=1; } ;;
        esac
    done <"$T/new.list"
    grep '\.png$' "$T/new.list" >"$T/png.list"
    if [ -s "$T/png.list" ]; then
        "$PY" - "$T/old-$n" "$T/new-$n" "$T/png.list" <<'EOF' || bad=1
import sys
from PIL import Image
old, new, names = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().split()
bad = 0
for f in names:
    a, b = Image.open(old + "/" + f), Image.open(new + "/" + f)
    if (a.mode, a.size) != (b.mode, b.size) or a.tobytes() != b.tobytes():
        print("  pixels differ: %s (%s %s / %s %s)" % (f, a.mode, a.size, b.mode, b.size))
        bad = 1
sys.exit(bad)
EOF
    fi
    npng=$(wc -l <"$T/png.list" | tr -d ' ')
    nall=$(wc -l <"$T/new.list" | tr -d ' ')
    if [ $bad -eq 0 ]; then
        echo "same: $p ($nall files: $((nall - npng)) byte for byte, $npng PNGs pixel for pixel)"
    else
        echo "DIFFER: $p"
        status=1
    fi
done
exit $status
