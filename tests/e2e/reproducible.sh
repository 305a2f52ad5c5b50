#!/bin/sh
# reproducible.sh - the same project gives byte-identical outputs, build
# after build, whatever the timing of the thread that draws the charts.
#
#   sh tests/e2e/reproducible.sh path/to/annrep path/to/source-tree [BUILDS]
#
# Builds data-samples BUILDS times (default 12): fresh folders and rebuilds
# into the same folder; on both cores, on one core only (taskset, when
# present: the two threads then take turns, so they take other charts), and
# two builds at once; a rebuild over a folder whose PNGs were swapped, cut
# short and damaged; also `annrep charts`.  Every file of every build must
# be byte for byte the file of the first build (PNG and SVG included), and
# every build must print the same messages.  Prints "N passed, M failed";
# exits 1 when anything failed.
set -u
LC_ALL=C
export LC_ALL

annrep=${1:?usage: reproducible.sh ANNREP SOURCE_DIR [BUILDS]}
src=${2:?usage: reproducible.sh ANNREP SOURCE_DIR [BUILDS]}
builds=${3:-12}
project="$src/data-samples"

pass=0
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annrep-repro.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

one_core=
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    one_core="taskset -c 0"
fi

# build N [OUTDIR] [PREFIX...]: build into OUTDIR (default a fresh one).
build() {
    n=$1; out=${2:-$tmp/b$1}; shift 2
    "$@" "$annrep" build "$project" -o "$out" --data-dir "$src" >"$tmp/log$n" 2>&1 ||
        bad "build $n failed: $(tail -n 3 "$tmp/log$n")"
}

build 0 "$tmp/b0"
[ -f "$tmp/b0/figures.csv" ] || { bad "the first build wrote nothing"; echo "$pass passed, $fail failed"; exit 1; }
(cd "$tmp/b0" && find . -type f | sort) >"$tmp/files0"
nfiles=$(wc -l <"$tmp/files0" | tr -d ' ')
[ "$nfiles" -ge 30 ] || bad "the first build wrote $nfiles files, not the 30 of the sample"

i=1
while [ $i -lt "$builds" ]; do
    case $((i % 4)) in
        0) build $i "$tmp/b$i" ;;
        1) build $i "$tmp/b$i" $one_core ;;
        2) build $i "$tmp/same" ;;          # rebuild into one folder, as an analyst does
        3) build $i "$tmp/b$i" & build "$i.x" "$tmp/b$i.x"; wait ;;   # two at once
    esac
    i=$((i + 1))
done

# A rebuild keeps a chart's PNG from the last build when it is the very file
# this build makes; over a folder whose PNGs were swapped, cut short or
# changed in one byte, it must still write exactly the fresh files.
cp -R "$tmp/b0" "$tmp/btampered"
(
    cd "$tmp/btampered/charts" || exit 1
    # two charts of the same size (1600 x 659 in the sample): only their
    # pixels tell them apart
    mv lado_outcomes.png swap.tmp && mv funding.png lado_outcomes.png &&
        mv swap.tmp funding.png
    head -c 1000 lado_quarterly.png >cut.tmp && mv cut.tmp lado_quarterly.png
    printf 'X' | dd of=cdop_age.png bs=1 seek=5000 conv=notrunc 2>/dev/null
) || bad "could not tamper with a copy of the first build"
build tampered "$tmp/btampered"

for out in "$tmp"/b[0-9]* "$tmp/btampered" "$tmp/same"; do
    [ "$out" = "$tmp/b0" ] && continue
    (cd "$out" && find . -type f | sort) >"$tmp/files"
    if ! cmp -s "$tmp/files0" "$tmp/files"; then
        bad "$(basename "$out"): not the same files as the first build"
        continue
    fi
    # changes.csv compares with what the folder held before: every figure
    # is added in a fresh folder, none changed on a rebuild or over a copy
    differ=$(while read -r f; do
        [ "$f" = ./changes.csv ] && continue
        cmp -s "$tmp/b0/$f" "$out/$f" || echo "$f"
    done <"$tmp/files0")
    if [ -n "$differ" ]; then
        bad "$(basename "$out"): differs from the first build in: $(echo $differ)"
    else
        pass=$((pass + 1))
    fi
done
for log in "$tmp"/log*; do
    # the messages name the output folder, which differs between builds;
    # the summary of changes depends on what the folder held
    sed "s|$tmp/[a-z0-9.]*|OUT|g; /^annrep: no earlier figures.csv/d; /^annrep: no figure changed/d" \
        "$log" >"$log.norm"
done
for log in "$tmp"/log*.norm; do
    cmp -s "$tmp/log0.norm" "$log" || bad "$(basename "$log" .norm): other messages than the first build"
done

# annrep charts draws the same chart files as a build
"$annrep" charts "$project" -o "$tmp/charts-only" --data-dir "$src" >"$tmp/charts.log" 2>&1 ||
    bad "annrep charts failed: $(tail -n 3 "$tmp/charts.log")"
# (its manifest says charts, the build's says public)
differ=$(cd "$tmp/charts-only" 2>/dev/null && find . -type f ! -name .annrep-manifest | sort |
    while read -r f; do cmp -s "$tmp/b0/$f" "$f" || echo "$f"; done)
if [ -n "$differ" ] || [ ! -d "$tmp/charts-only/charts" ]; then
    bad "annrep charts: files differ from the build's: $(echo $differ)"
else
    pass=$((pass + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
