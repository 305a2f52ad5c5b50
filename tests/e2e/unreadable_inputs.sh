#!/bin/sh
# unreadable_inputs.sh - unreadable is not absent (issue 15; contract
# section 1): a return, report.ini or narrative file that is there but is
# not a readable file stops the build with exit 1 and a message naming the
# file and the cause, within seconds (a named pipe is never waited on), and
# the last good outputs are left exactly as they were.  Absent (nothing at
# the path) stays "not collected this year".
#
#   sh unreadable_inputs.sh <annrep> <source-dir>
set -u
LC_ALL=C
export LC_ALL
BIN=$1
SRC=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/annrep-unreadable.XXXXXX") || exit 2
chmod 755 "$TMP"
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { what=$1; shift; if "$@" >/dev/null 2>&1; then ok; else bad "$what"; fi; }

P="$TMP/project"
OUT="$TMP/out"
DATA="$TMP/data"   # fonts and templates, readable by the user nobody below
cp -R "$SRC/data-samples" "$P"
mkdir "$DATA"
cp -R "$SRC/fonts" "$SRC/report-templates" "$DATA"
"$BIN" build "$P" -o "$OUT" --data-dir "$DATA" >/dev/null 2>&1
check "the sample builds" test -s "$OUT/figures.csv"
sums() { (cd "$OUT" && find . -type f | sort | xargs sha256sum); }
sums >"$TMP/before.sum"

# try NAME FILE CAUSE: the build and check fail (exit 1) naming FILE and
# CAUSE, within 20 seconds, and the outputs are untouched.  Run as $AS
# when set (a command prefix, for the permission case as root).
try() {
    name=$1 file=$2 cause=$3
    ${AS:-} timeout 20 "$BIN" build "$P" -o "$OUT" --data-dir "$DATA" >"$TMP/log" 2>&1
    rc=$?
    check "$name: build exits 1 (got $rc)" test "$rc" -eq 1
    check "$name: the message names $file and says '$cause'" \
        grep -F "$file: error: $cause" "$TMP/log"
    ${AS:-} timeout 20 "$BIN" check "$P" --data-dir "$DATA" >"$TMP/clog" 2>&1
    rc=$?
    check "$name: check exits 1 too (got $rc)" test "$rc" -eq 1
    check "$name: check says the same" grep -F "$file: error: $cause" "$TMP/clog"
    sums >"$TMP/after.sum"
    check "$name: the last outputs are untouched" cmp -s "$TMP/before.sum" "$TMP/after.sum"
}

F="$P/2016-17/funding.csv"
mv "$F" "$TMP/funding.csv"

mkfifo "$F"
try "a named pipe for a return" "2016-17/funding.csv" "is a named pipe (FIFO), not a file"
rm "$F"

ln -s /nonexistent/annrep/funding.csv "$F"
try "a dangling link for a return" "2016-17/funding.csv" \
    "is a symbolic link to /nonexistent/annrep/funding.csv, which does not exist"
rm "$F"

ln -s funding.csv "$F"
try "a link to itself" "2016-17/funding.csv" "is a loop of symbolic links"
rm "$F"

mkdir "$F"
try "a folder for a return" "2016-17/funding.csv" "is a folder, not a file"
rmdir "$F"

# Absent is not an error: the funding chapter is left out.
"$BIN" check "$P" --data-dir "$DATA" >"$TMP/clog" 2>&1
check "an absent return is not an error" test $? -eq 0
mv "$TMP/funding.csv" "$F"

N="$P/narrative/foreword.md"
mv "$N" "$TMP/foreword.md"
mkfifo "$N"
try "a named pipe for a narrative" "narrative/foreword.md" "is a named pipe (FIFO), not a file"
rm "$N"
mv "$TMP/foreword.md" "$N"

I="$P/report.ini"
mv "$I" "$TMP/report.ini"
mkfifo "$I"
try "a named pipe for report.ini" "report.ini" "is a named pipe (FIFO), not a file"
rm "$I"
mv "$TMP/report.ini" "$I"

# No read permission.  root reads any file, so as root the build runs as
# the user nobody (setpriv, util-linux), on a copy nobody may read.
chmod 000 "$F"
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null 2>&1; then
        chmod -R a+rX "$P" "$DATA"
        chmod 000 "$F"
        chmod 777 "$OUT" "$TMP"
        AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
        try "no read permission" "2016-17/funding.csv" "cannot be read: permission denied"
        AS=
    else
        echo "note: setpriv not found; the permission case is not run as root"
    fi
else
    try "no read permission" "2016-17/funding.csv" "cannot be read: permission denied"
fi
chmod 644 "$F"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
