#!/usr/bin/env bash
# Static checks: cppcheck and clang-tidy on core/, pg/ and sqlite/, with the
# flags each directory is built with. One check per tool per directory, each
# failing on any finding, plus one canary per tool: test/lint/canary.c, whose
# deliberate defects each tool must report with the same settings (so that a
# configuration that checks nothing cannot pass).
#
#   test/lint/run.sh          (make lint)
#
# cppcheck: --enable=warning,portability,performance (errors are always on),
#   any finding exits non-zero; suppressions only inline
#   (// cppcheck-suppress id, with the reason) and listed below on each run.
#   core/:   -Icore, OpenSSL and POSIX described by cppcheck's library files;
#            no -D, so that cppcheck checks every configuration of core's
#            #ifs (plain, __GNUC__, OTP_CTGRIND for test/ct).
#   sqlite/: -Icore and cppcheck's sqlite3 library file rather than
#            sqlite3ext.h, whose macros turn every API call into a call
#            through a pointer table that cppcheck knows nothing about.
#   pg/:     -Icore and PostgreSQL's server headers, which cppcheck reads
#            (for the macros: PG_FUNCTION_ARGS, ereport...) but neither
#            checks nor explores the configurations of (--config-exclude,
#            --suppress=*:<dir>/*): the equivalent of -isystem.
# clang-tidy: the checks of test/lint/.clang-tidy, every finding an error.
#   core/: -std=c99 -D_POSIX_C_SOURCE=200809L -Icore (the Makefile's);
#   sqlite/: -std=c99 -Icore; pg/: -D_GNU_SOURCE -Icore -isystem <server
#   headers> (PGXS's).
#
# CPPCHECK, CLANG_TIDY (default clang-tidy-14, else clang-tidy) and
# PG_CONFIG name the tools. The last line is "N passed, N failed"
# (8 checks); the exit status is non-zero on any failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root" || exit 1

cppcheck="${CPPCHECK:-cppcheck}"
clang_tidy="${CLANG_TIDY:-$(command -v clang-tidy-14 || command -v clang-tidy || echo clang-tidy)}"
pg_config="${PG_CONFIG:-pg_config}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0

# result NAME OK LOG: count and print one check, with LOG when it failed.
result() {
    local name="$1" ok="$2" log="$3"
    if ((ok)); then
        echo "ok      $name"
        passed=$((passed + 1))
    else
        echo "FAILED  $name"
        sed 's/^/        /' "$log"
        failed=$((failed + 1))
    fi
}

# Arguments per directory (see above).
pg_server="$("$pg_config" --includedir-server 2>/dev/null || true)"
# shellcheck disable=SC2054 # the commas are cppcheck's syntax
cppcheck_common=(--enable=warning,portability,performance --std=c99 --inline-suppr
    --error-exitcode=1 --quiet)
# Set the arrays cpp_args and tidy_args for directory $1.
args_for() {
    case "$1" in
        core)
            cpp_args=(-Icore --library=openssl --library=posix)
            tidy_args=(-std=c99 -D_POSIX_C_SOURCE=200809L -Icore) ;;
        sqlite)
            cpp_args=(-Icore --library=sqlite3)
            tidy_args=(-std=c99 -Icore) ;;
        pg)
            cpp_args=(-Icore "-I$pg_server" "--config-exclude=$pg_server"
                "--suppress=*:$pg_server/*")
            tidy_args=(-D_GNU_SOURCE -Icore -isystem "$pg_server") ;;
        canary)
            cpp_args=()
            tidy_args=(-std=c99) ;;
    esac
}

# Every inline suppression in the tree, so that each one is seen and judged.
echo "=== inline suppressions (each says why on its line or the line above)"
grep -rnE 'NOLINT|cppcheck-suppress' core pg sqlite --include='*.[ch]' || echo "(none)"

# --- cppcheck -------------------------------------------------------------------
echo "=== cppcheck ($("$cppcheck" --version 2>/dev/null || echo "$cppcheck: not found"))"
for dir in core sqlite pg; do
    log="$tmp/cppcheck-$dir.log"
    ok=1
    if ! command -v "$cppcheck" >/dev/null; then
        echo "$cppcheck is not installed (Debian: cppcheck)" >"$log"
        ok=0
    elif [[ "$dir" == pg && ! -f "$pg_server/postgres.h" ]]; then
        echo "no PostgreSQL server headers at '$pg_server' (Debian: postgresql-server-dev-15)" >"$log"
        ok=0
    else
        args_for "$dir"
        "$cppcheck" "${cppcheck_common[@]}" "${cpp_args[@]}" "$dir"/*.c >"$log" 2>&1 || ok=0
        # A finding without a failing status would still be a finding.
        [[ -s "$log" ]] && ok=0
    fi
    result "cppcheck $dir/" "$ok" "$log"
done

log="$tmp/cppcheck-canary.log"
ok=1
if command -v "$cppcheck" >/dev/null; then
    status=0
    args_for canary
    "$cppcheck" "${cppcheck_common[@]}" "${cpp_args[@]}" test/lint/canary.c >"$log" 2>&1 ||
        status=$?
    ((status != 0)) || ok=0
    for id in arrayIndexOutOfBounds memleak memsetZeroBytes; do
        grep -q "\[$id\]" "$log" || ok=0
    done
else
    echo "$cppcheck is not installed (Debian: cppcheck)" >"$log"
    ok=0
fi
result "cppcheck reports the canary's defects (test/lint/canary.c)" "$ok" "$log"

# --- clang-tidy -----------------------------------------------------------------
echo "=== clang-tidy ($("$clang_tidy" --version 2>/dev/null | grep -i version | head -n 1 || echo "$clang_tidy: not found"))"
tidy() {
    local dir="$1" log="$2"
    shift 2
    args_for "$dir"
    "$clang_tidy" --quiet --config-file=test/lint/.clang-tidy "$@" -- "${tidy_args[@]}" \
        >"$log" 2>&1
}
for dir in core sqlite pg; do
    log="$tmp/tidy-$dir.log"
    ok=1
    if ! command -v "$clang_tidy" >/dev/null; then
        echo "$clang_tidy is not installed (Debian: clang-tidy)" >"$log"
        ok=0
    elif [[ "$dir" == pg && ! -f "$pg_server/postgres.h" ]]; then
        echo "no PostgreSQL server headers at '$pg_server' (Debian: postgresql-server-dev-15)" >"$log"
        ok=0
    else
        tidy "$dir" "$log" "$dir"/*.c || ok=0
        # "N warnings generated" is clang's count, also of warnings in system
        # headers that are not shown; anything else is a finding.
        grep -Eq 'warning:|error:' "$log" && ok=0
    fi
    result "clang-tidy $dir/" "$ok" "$log"
done

log="$tmp/tidy-canary.log"
ok=1
if command -v "$clang_tidy" >/dev/null; then
    status=0
    tidy canary "$log" test/lint/canary.c || status=$?
    ((status != 0)) || ok=0
    for id in 'bugprone-suspicious-memset-usage' 'cert-err34-c' 'clang-analyzer-'; do
        grep -q "\[$id" "$log" || ok=0
    done
else
    echo "$clang_tidy is not installed (Debian: clang-tidy)" >"$log"
    ok=0
fi
result "clang-tidy reports the canary's defects (test/lint/canary.c)" "$ok" "$log"

echo "$passed passed, $failed failed"
((failed == 0))
