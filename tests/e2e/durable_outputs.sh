#!/bin/sh
# durable_outputs.sh - a build puts its outputs on disk before it replaces
# the last good ones, and pays for that once, not once per file.
#
#   sh tests/e2e/durable_outputs.sh path/to/annrep path/to/source-tree
#
# Watches a rebuild of data-samples with strace (ci.sh installs it; skips
# without it, and where the system has no syncfs, which publish.c uses on
# Linux only) and checks, from the system calls:
#   - before the first rename into the output folder, and after the last
#     temporary was written, the filesystem was synced: a crash can never
#     leave a renamed output empty or half-written;
#   - after the last rename, it was synced again (the renames durable);
#   - no fsync per output: two syncfs for the whole build.
# Prints "N passed, M failed"; exits 1 when anything failed.
set -u
LC_ALL=C
export LC_ALL

annrep=${1:?usage: durable_outputs.sh ANNREP SOURCE_DIR}
src=${2:?usage: durable_outputs.sh ANNREP SOURCE_DIR}
project="$src/data-samples"

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! command -v strace >/dev/null 2>&1; then
    echo "SKIP: strace is not installed (apt-get install strace)"
    exit 0
fi
if [ "$(uname -s)" != Linux ]; then
    echo "SKIP: publish.c uses syncfs on Linux only"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annrep-durable.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
out="$tmp/out"

"$annrep" build "$project" -o "$out" --data-dir "$src" >"$tmp/log0" 2>&1 ||
    { bad "the first build failed: $(tail -n 3 "$tmp/log0")"; echo "$pass passed, $fail failed"; exit 1; }
# Rebuild over the good outputs, as an analyst does after a correction.
# (LeakSanitizer cannot run under ptrace: off for this run of an ASan build.)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -qq -e trace=fsync,fdatasync,syncfs,sync,rename,renameat,renameat2,write,pwrite64 \
    -o "$tmp/trace" "$annrep" build "$project" -o "$out" --data-dir "$src" >"$tmp/log" 2>&1 ||
    { bad "the rebuild failed under strace: $(tail -n 3 "$tmp/log")"; echo "$pass passed, $fail failed"; exit 1; }

# Number the calls; note the first and last rename into $out, the syncs
# (syncfs, or fsync as elsewhere), and the last write before the first rename.
# A rename into the folder: of a file in it ("$out/..."), or of the whole
# folder (the swap: renameat2 of a sibling with "$out", RENAME_EXCHANGE).
awk -v out="$out" '
    { sub(/^[0-9]+ +/, "") }
    /^(rename|renameat|renameat2)\(/ && (index($0, out "/") || index($0, "\"" out "\"")) {
        if (!first) first = NR
        last = NR
    }
    /^syncfs\(/ { s[++n] = NR; ns++ }
    /^(fsync|fdatasync)\(/ { s[++n] = NR; nf++ }
    /^(write|pwrite64)\(/ && !first { lastw = NR }
    END {
        before = 0; after = 0
        for (i = 1; i <= n; i++) {
            if (s[i] > lastw && s[i] < first) before++
            if (s[i] > last) after++
        }
        printf "%d %d %d %d %d\n", first, before, after, ns + 0, nf + 0
    }' "$tmp/trace" >"$tmp/summary"
read -r first before after nsync nfsync <"$tmp/summary"

if [ "$first" -gt 0 ]; then ok "the rebuild renamed its outputs into place"; else bad "no rename into $out seen"; fi
if [ "$before" -ge 1 ]; then
    ok "synced after the last temporary was written, before the first rename"
else
    bad "no sync between the last write and the first rename: a crash could leave a renamed output half-written"
fi
if [ "$after" -ge 1 ]; then ok "synced after the last rename"; else bad "no sync after the last rename"; fi
if [ "$nsync" -le 2 ] && [ "$nfsync" -eq 0 ]; then
    ok "paid once: $nsync syncfs, no fsync per output"
else
    bad "$nsync syncfs and $nfsync fsync calls for one build (expected 2 syncfs and no fsync)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
