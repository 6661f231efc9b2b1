#!/usr/bin/env bash
# Sanitizer suite: core, its unit tests and the SQLite extension rebuilt with
# -fsanitize=address,undefined -fno-sanitize-recover=all (make sanitize-build,
# into $SANITIZE_BUILD, default build/asan; sqlite/totp.so is left alone),
# then
#   1. canaries: a deliberately broken extension (canary.c) loaded into the
#      same preloaded sqlite3 shell must have its leak, heap overflow and
#      signed overflow reported, and a clean load must report nothing: the
#      runtime is really active, leaks are errors, exit statuses get through;
#   2. core: the unit tests ($SANITIZE_BUILD/test-core) under ASan, UBSan and
#      LeakSanitizer;
#   3. sqlite: test/sqlite/run.sh with SQLITE_EXT=$SANITIZE_BUILD/totp.so and
#      SQLITE3=test/sanitize/sqlite3-asan (the shell with the runtime
#      preloaded: it is not instrumented itself).
# Any sanitizer report is fatal and exits with status 86 (lib.sh); the shell's
# own leaks are not suppressed (lsan.supp says why none is needed). A leak of
# the extension shows "<unknown module>" frames, as the shell has unloaded it
# by the time LeakSanitizer looks; make valgrind reports the same leak with
# its file and line.
#
#   test/sanitize/run.sh          (make sanitize)
#
# SANITIZE_CC: the compiler (default $CC, else cc; gcc and clang both work).
# The last line sums the three parts: "N passed, N failed" where N counts
# canary checks + core checks + SQLite test files; a part that crashes or
# exits non-zero without counting a failure counts as one failure. The exit
# status is non-zero on any failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
cd "$root" || exit 1

cc="${SANITIZE_CC:-${CC:-cc}}"
build="${SANITIZE_BUILD:-${BUILD:-build}/asan}"

cannot_run() {
    echo "sanitize: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

command -v "$cc" >/dev/null || cannot_run "no compiler $cc"
command -v sqlite3 >/dev/null || cannot_run "sqlite3 is not installed"

echo "=== build: $cc -fsanitize=address,undefined into $build"
"${MAKE:-make}" --no-print-directory -s sanitize-build SANITIZE_CC="$cc" SANITIZE_BUILD="$build" ||
    cannot_run "make sanitize-build failed"
build="$(cd "$build" && pwd)"
SANITIZE_PRELOAD="$(sanitize_runtime "$cc")" ||
    cannot_run "$cc has no ASan runtime to preload (Debian: libasan8 and libubsan1 for gcc, libclang-rt-14-dev for clang)"
export SANITIZE_PRELOAD SANITIZE_CC="$cc"
sanitize_export_options

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

total_passed=0
total_failed=0
summary=()

# --- 1. canaries ------------------------------------------------------------
# canary TITLE STATUS PATTERN SQL: see canary_check in lib.sh.
echo "=== canaries ($build/sanitize-canary.so in $here/sqlite3-asan)"
mkdir "$tmp/canary"
ln -s "$build/sanitize-canary.so" "$tmp/canary/sanitize-canary.so"
canary_passed=0
canary_failed=0
canary() {
    canary_check "$here/sqlite3-asan" 'Sanitizer|runtime error' "$tmp/canary" "$@"
}
canary "a clean load reports nothing (the shell itself leaks nothing)" 0 "" \
    "SELECT canary_ok();"
canary "a leak is an error (LeakSanitizer)" "$SANITIZE_EXIT" \
    "ERROR: LeakSanitizer: detected memory leaks" "SELECT canary_leak();"
canary "a heap overflow is an error (AddressSanitizer)" "$SANITIZE_EXIT" \
    "ERROR: AddressSanitizer: heap-buffer-overflow" "SELECT canary_overflow(8);"
canary "signed overflow is an error (UBSan)" "$SANITIZE_EXIT" \
    "runtime error: signed integer overflow" "SELECT canary_signed_add(2147483647);"
echo "$canary_passed passed, $canary_failed failed" >"$tmp/canary.log"
count canaries "$tmp/canary.log" 0

# --- 2. core unit tests -----------------------------------------------------
echo "=== core ($build/test-core)"
status=0
"$build/test-core" >"$tmp/core.log" 2>&1 || status=$?
# The tests print only failures and the count; a sanitizer report follows.
cat "$tmp/core.log"
count core "$tmp/core.log" "$status"

# --- 3. SQLite suite --------------------------------------------------------
echo "=== sqlite (test/sqlite/run.sh, SQLITE_EXT=$build/totp.so)"
status=0
SQLITE_EXT="$build/totp.so" SQLITE3="$here/sqlite3-asan" \
    test/sqlite/run.sh 2>&1 | tee "$tmp/sqlite.log"
status=${PIPESTATUS[0]}
count sqlite "$tmp/sqlite.log" "$status"

echo "=== sanitize summary (canary checks + core checks + SQLite files)"
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
