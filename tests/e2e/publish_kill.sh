#!/bin/sh
# publish_kill.sh - a build killed at any step of putting its outputs in
# place leaves the last good set or the new one, never a mix (issue 15,
# class 7); the user's own file in the output folder survives every step;
# the next build removes what the killed one left.
#
#   sh publish_kill.sh <annrep> <source-dir>
#
# Build A is the sample; build B the sample with one LADO outcome
# corrected.  The reference for "the new set" is B built over A in a folder
# of its own (so its changes.csv is B's against A's).  ANNREP_KILL_AT=<step>
# (publish.c's test hook) sends SIGKILL at: written (the new set and its
# manifest written, not yet synced), synced (on disk, not yet swapped),
# exchanged (swapped, the old set not yet removed), cleaned (all done but
# the last sync).  The per-file way (ANNREP_PUBLISH=per-file, used where a
# folder cannot be swapped) is killed after its sync: still the old set.
set -u
LC_ALL=C
export LC_ALL
BIN=$1
SRC=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-kill.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

A="$TMP/a"
B="$TMP/b"
cp -R "$SRC/data-samples" "$A"
cp -R "$SRC/data-samples" "$B"
sed -i 's/^\(LADO-16-002,2016-04-06,Childminder\/nursery,Y,Y,\)Unsubstantiated$/\1Substantiated/' \
    "$B/2016-17/lado_contacts.csv"

# state DIR: every file and link below DIR with its checksum (but the
# per-file way's temporaries, which are not outputs: the next build removes
# them, checked below).
state() { (cd "$1" && find . \( -type f -o -type l \) ! -name '.annrep-tmp-*' | sort | while read -r f; do
    if [ -L "$f" ]; then echo "link $(readlink "$f") $f"; else echo "$(sha256sum <"$f" | cut -c1-16) $f"; fi
done); }
build() { "$BIN" build "$1" -o "$2" --data-dir "$SRC" >"$TMP/log" 2>&1; }

# The old set and the new one, each with the user's file.
build "$A" "$TMP/ref-a" && build "$A" "$TMP/ref-a"   # changes.csv: nothing changed
echo "my own notes" >"$TMP/ref-a/notes.txt"
state "$TMP/ref-a" >"$TMP/state-a"
cp -R "$TMP/ref-a" "$TMP/ref-b"
build "$B" "$TMP/ref-b"
state "$TMP/ref-b" >"$TMP/state-b"
if cmp -s "$TMP/state-a" "$TMP/state-b"; then bad "builds A and B gave the same outputs"; else ok; fi

for mode in swap per-file; do
    for step in written synced exchanged cleaned; do
        [ "$mode" = per-file ] && [ "$step" != synced ] && continue
        out="$TMP/out-$mode-$step"
        cp -R "$TMP/ref-a" "$out"
        if [ "$mode" = per-file ]; then
            ANNREP_PUBLISH=per-file ANNREP_KILL_AT=$step "$BIN" build "$B" -o "$out" --data-dir "$SRC" \
                >"$TMP/log" 2>&1
        else
            ANNREP_KILL_AT=$step "$BIN" build "$B" -o "$out" --data-dir "$SRC" >"$TMP/log" 2>&1
        fi
        rc=$?
        if [ "$rc" -eq 137 ] || [ "$rc" -gt 128 ]; then ok; else bad "$mode $step: not killed (exit $rc)"; fi
        state "$out" >"$TMP/state"
        case $step in
            written|synced) want=a ;;
            *) want=b ;;
        esac
        if cmp -s "$TMP/state" "$TMP/state-$want"; then ok; else
            bad "$mode killed at $step: the folder is not exactly set $want (with the user's file):"
            diff "$TMP/state-$want" "$TMP/state" | head -n 8 | sed 's/^/    /'
        fi
        # The next build cleans up what the killed one left, and gives B.
        build "$B" "$out"
        left=$(ls -a "$TMP" | grep -c "^\.out-$mode-$step\.annrep-")
        [ "$left" -eq 0 ] && ok || bad "$mode $step: $left folder(s) of the killed build left next to the output folder"
        if [ "$step" = written ] || [ "$step" = synced ]; then
            state "$out" >"$TMP/state"
            if cmp -s "$TMP/state" "$TMP/state-b"; then ok; else
                bad "$mode $step: the build after the killed one is not set B:"
                diff "$TMP/state-b" "$TMP/state" | head -n 8 | sed 's/^/    /'
            fi
        fi
        find "$out" -name '.annrep-tmp-*' | grep -q . && bad "$mode $step: temporaries left in the output folder" || ok
    done
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
