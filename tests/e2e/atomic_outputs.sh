#!/bin/sh
# atomic_outputs.sh - a build that fails part-way never touches the outputs of
# the last good build and leaves no temporary file behind (issue 6).
#
#   sh atomic_outputs.sh <annrep> <source-dir>
#
# Builds data-samples into a temporary output folder, records a checksum of
# every file there, then breaks builds in several ways and checks after each
# that the exit status is the documented one (1 bad input, 3 system failure),
# that every earlier output is unchanged byte for byte, and that no
# ".annrep-tmp-*" file is left.  Paths contain spaces on purpose.
# Prints "N passed, M failed"; exits non-zero when anything failed.
set -u
LC_ALL=C
export LC_ALL

if [ $# -ne 2 ]; then
    echo "usage: sh atomic_outputs.sh <annrep> <source-dir>" >&2
    exit 2
fi
case $1 in /*) ANNREP=$1 ;; *) ANNREP=$(pwd)/$1 ;; esac
SRC=$2
[ -x "$ANNREP" ] || { echo "atomic_outputs: $ANNREP is not an executable" >&2; exit 2; }
[ -d "$SRC/data-samples" ] || { echo "atomic_outputs: no $SRC/data-samples" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/annrep-atomic.XXXXXX") || exit 2
cleanup() { chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

PASS=0
FAIL=0
ok()  { PASS=$((PASS + 1)); echo "ok   - $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $1"; [ -f "$WORK/log" ] && sed 's/^/       | /' "$WORK/log" | head -n 20; }

# Every file below $1 with its checksum, sorted: the state to preserve.
state() { (cd "$1" && find . -type f ! -name '.annrep-tmp-*' -exec cksum {} + | sort -k3); }
temps() { find "$1" -name '.annrep-tmp-*' | wc -l | tr -d ' '; }

# run EXPECTED_STATUS DESCRIPTION -- annrep arguments...
run() {
    want=$1; what=$2; shift 3
    "$ANNREP" "$@" >"$WORK/log" 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$what: exit $got"; else bad "$what: exit $got, expected $want"; fi
}

# unchanged OUTDIR REFERENCE-STATE DESCRIPTION
unchanged() {
    state "$1" >"$WORK/now"
    if cmp -s "$2" "$WORK/now"; then ok "$3: earlier outputs unchanged"
    else bad "$3: earlier outputs changed"; diff "$2" "$WORK/now" | head -n 10; fi
    n=$(temps "$1")
    if [ "$n" -eq 0 ]; then ok "$3: no temporary file left"
    else bad "$3: $n temporary file(s) left"; find "$1" -name '.annrep-tmp-*' | head -n 5; fi
}

PROJ="$WORK/report project"
OUT="$WORK/out dir"
cp -R "$SRC/data-samples" "$PROJ"

# --- the last good build --------------------------------------------------
# Built twice, so that its changes.csv (against the build before) is the one
# every later build of the same returns writes: the header only.
run 0 "good build" -- build "$PROJ" -o "$OUT" --data-dir "$SRC"
run 0 "good build, again" -- build "$PROJ" -o "$OUT" --data-dir "$SRC"
state "$OUT" >"$WORK/good"
nfiles=$(wc -l <"$WORK/good" | tr -d ' ')
if grep -q 'annual-report-.*\.pdf$' "$WORK/good" && grep -q 'data-pack-.*\.xlsx$' "$WORK/good" &&
   grep -q ' \./figures\.csv$' "$WORK/good" && grep -q ' \./charts/.*\.png$' "$WORK/good"; then
    ok "good build wrote the PDF, the XLSX, figures.csv and charts ($nfiles files)"
else
    bad "good build is missing outputs"; cat "$WORK/good"
fi
[ "$(temps "$OUT")" -eq 0 ] && ok "good build left no temporary file" || bad "good build left temporaries"

# --- (a) a broken return: bad input, exit 1, nothing written ----------------
BROKEN="$WORK/broken project"
cp -R "$PROJ" "$BROKEN"
printf 'LADO-16-999,31/02/2017,Primary school,Y,Y,Substantiated\n' >>"$BROKEN/2016-17/lado_contacts.csv"
run 1 "(a) impossible date in a return" -- build "$BROKEN" -o "$OUT" --data-dir "$SRC"
grep -q 'lado_contacts.csv' "$WORK/log" && ok "(a) the error names the file" || bad "(a) the error does not name the file"
unchanged "$OUT" "$WORK/good" "(a)"

cp "$PROJ/2016-17/funding.csv" "$BROKEN/2016-17/lado_contacts.csv"
head -c 3000 "$ANNREP" >"$BROKEN/2016-17/funding.csv"  # binary garbage with NUL bytes
run 1 "(a2) binary garbage and a wrong header" -- build "$BROKEN" -o "$OUT" --data-dir "$SRC"
unchanged "$OUT" "$WORK/good" "(a2)"

# --- (a3) a mistake in the template: exit 1 before anything is drawn ------
# The document is assembled before any output is written, so a template
# error stops the build before publishing even starts: a new output folder
# is not even created, and an existing one keeps every earlier output.
TPL="$WORK/template project"
cp -R "$PROJ" "$TPL"
mkdir -p "$TPL/report-templates"
cp -R "$SRC/report-templates/default" "$TPL/report-templates/mine"
sed -i 's/^template = default/template = mine/' "$TPL/report.ini"
printf '\nWe had {{lado.contacts.totall}} contacts.\n' >>"$TPL/report-templates/mine/90-about.md"
run 1 "(a3) a mistyped placeholder in the template" -- build "$TPL" -o "$WORK/never made" --data-dir "$SRC"
grep -q "90-about.md:.*did you mean 'lado.contacts.total'" "$WORK/log" &&
    ok "(a3) the error names the template file, line and the likely key" ||
    bad "(a3) the error does not name the template file and the likely key"
[ ! -e "$WORK/never made" ] && ok "(a3) no output folder was created: nothing was drawn or written" ||
    bad "(a3) the output folder was created"
grep -q 'nothing was written' "$WORK/log" && ok "(a3) the summary says nothing was written" ||
    bad "(a3) the summary does not say nothing was written"
run 1 "(a3) the same over the last good build" -- build "$TPL" -o "$OUT" --data-dir "$SRC"
unchanged "$OUT" "$WORK/good" "(a3)"
# And no output was even started: no file was opened for writing in the
# output folder (strace sees every open; ci.sh installs it).
if command -v strace >/dev/null 2>&1; then
    strace -f -qq -e trace=openat,creat -o "$WORK/trace" \
        "$ANNREP" build "$TPL" -o "$OUT" --data-dir "$SRC" >/dev/null 2>&1
    if grep -F "$OUT/" "$WORK/trace" | grep -q 'O_WRONLY\|O_RDWR\|O_CREAT'; then
        bad "(a3) an output was opened for writing before the template error stopped the build"
        grep -F "$OUT/" "$WORK/trace" | head -n 5
    else
        ok "(a3) no output was opened for writing: no chart was drawn"
    fi
else
    echo "skip - (a3) strace is not installed: cannot watch for outputs being opened"
fi

# --- (b) an output fails after others were written: exit 3 -----------------
# ANNREP_FAIL_AFTER is publish.c's test hook; it works for root too, unlike a
# read-only folder.
for victim in figures.csv data-pack charts/; do
    ANNREP_FAIL_AFTER=$victim
    export ANNREP_FAIL_AFTER
    run 3 "(b) injected failure writing $victim" -- build "$PROJ" -o "$OUT" --data-dir "$SRC"
    unset ANNREP_FAIL_AFTER
    grep -q "$victim" "$WORK/log" && ok "(b) the message names $victim" || bad "(b) the message does not name $victim"
    unchanged "$OUT" "$WORK/good" "(b) $victim"
done

# --- (c) a folder where an output file must go -----------------------------
OUT2="$WORK/out two"
cp -R "$OUT" "$OUT2"
rm "$OUT2/figures.csv"
mkdir -p "$OUT2/figures.csv/kept"
state "$OUT2" >"$WORK/good2"
run 3 "(c) a folder named figures.csv in the way" -- build "$PROJ" -o "$OUT2" --data-dir "$SRC"
unchanged "$OUT2" "$WORK/good2" "(c)"
[ -d "$OUT2/figures.csv/kept" ] && ok "(c) the folder in the way is untouched" || bad "(c) the folder in the way was touched"

# --- (d) a file where the charts folder must go ----------------------------
OUT3="$WORK/out three"
cp -R "$OUT" "$OUT3"
rm -r "$OUT3/charts"
echo "not a folder" >"$OUT3/charts"
state "$OUT3" >"$WORK/good3"
run 3 "(d) a file named charts in the way" -- build "$PROJ" -o "$OUT3" --data-dir "$SRC"
unchanged "$OUT3" "$WORK/good3" "(d)"

# --- (e) the output folder is a file ---------------------------------------
echo "a file" >"$WORK/outfile"
run 3 "(e) output folder is a file" -- build "$PROJ" -o "$WORK/outfile" --data-dir "$SRC"
[ "$(cat "$WORK/outfile")" = "a file" ] && ok "(e) the file is untouched" || bad "(e) the file was changed"

# --- (f) a read-only output folder (root ignores permissions) --------------
if [ "$(id -u)" -ne 0 ]; then
    chmod a-w "$OUT" "$OUT/charts"
    run 3 "(f) read-only output folder" -- build "$PROJ" -o "$OUT" --data-dir "$SRC"
    chmod u+w "$OUT" "$OUT/charts"
    unchanged "$OUT" "$WORK/good" "(f)"
else
    echo "skip - (f) read-only output folder: running as root, which ignores permissions ((b)-(e) cover it)"
fi

# --- (g) a full disk -------------------------------------------------------
# A file-size limit (ulimit -f, with SIGXFSZ ignored so write(2) fails with
# EFBIG) makes every write past the limit fail the way a full disk does, for
# root too.  Two limits: one so small that the first output already fails,
# and one just under the largest output, so the writers of the small files
# succeed and the big document's writer (its fclose / HPDF_SaveToFile /
# workbook_close check) must notice the failure itself.  ulimit -f counts
# 512-byte blocks in dash and 1024 in bash; either way the limit stays under
# the largest file.
largest=$(find "$OUT" -type f -exec wc -c {} + | grep -v ' total$' | sort -n | tail -n 1 | awk '{print $1}')
for blocks in 1 $(( (largest - 1) / 1024 )); do
    { ( trap '' XFSZ; ulimit -f "$blocks"
        "$ANNREP" build "$PROJ" -o "$OUT" --data-dir "$SRC"; echo $? >"$WORK/rc" ) 2>&1; } | cat >"$WORK/log"
    got=$(cat "$WORK/rc")
    if [ "$got" -eq 3 ]; then ok "(g) disk full after $blocks blocks: exit 3"
    else bad "(g) disk full after $blocks blocks: exit $got, expected 3"; fi
    unchanged "$OUT" "$WORK/good" "(g) $blocks blocks"
done
# The same limit as a user's shell sets it, SIGXFSZ not ignored: annrep
# ignores it itself, so the write fails and is reported (exit 3), and the
# build is not killed part-way (exit 153, "File size limit exceeded").
blocks=$(( (largest - 1) / 1024 ))
{ ( ulimit -f "$blocks"
    "$ANNREP" build "$PROJ" -o "$OUT" --data-dir "$SRC"; echo $? >"$WORK/rc" ) 2>&1; } | cat >"$WORK/log"
got=$(cat "$WORK/rc")
if [ "$got" -eq 3 ] && grep -q 'File too large' "$WORK/log"; then ok "(g) ulimit -f with SIGXFSZ: exit 3, File too large"
else bad "(g) ulimit -f with SIGXFSZ: exit $got, expected 3 and 'File too large'"; fi
unchanged "$OUT" "$WORK/good" "(g) SIGXFSZ"

# --- (h) a temporary left by a killed build is cleaned; rebuild is identical
dead=$(sh -c 'echo $$')
echo partial >"$OUT/charts/.annrep-tmp-$dead-lado.png"
run 0 "(h) rebuild over the good outputs" -- build "$PROJ" -o "$OUT" --data-dir "$SRC"
unchanged "$OUT" "$WORK/good" "(h) rebuild is byte-identical and"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
