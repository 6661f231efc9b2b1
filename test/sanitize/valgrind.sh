#!/usr/bin/env bash
# valgrind suite: the normal build (make valgrind-build: sqlite/totp.so and
# build/test-core, as make check builds them), under valgrind memcheck with
# the options of lib.sh (leaks definitely or indirectly lost are errors; any
# error exits with status 86):
#   1. canaries: a deliberately broken extension (canary.c) in the same
#      sqlite3-under-memcheck must have its leak, invalid write and branch on
#      uninitialised memory reported, and a clean load must report nothing;
#   2. core: build/test-core;
#   3. sqlite: every file of test/sqlite/run.sh with SQLITE3 =
#      test/sanitize/sqlite3-memcheck (each sqlite3 process under memcheck).
#
#   test/sanitize/valgrind.sh        (make valgrind)
#
# memcheck is slow (the suites' PBKDF2 at 600,000 iterations dominate: about
# 10 s of CPU each), so the core tests and the SQLite files run as
# VALGRIND_JOBS parallel jobs (default: the number of CPUs): the heaviest
# files each alone, the core tests, the other files together; then
# concurrency.sh, whose connections wait on each other with busy timeouts,
# with nothing else running. The grouping changes nothing else: each file
# still runs in its own scratch directory, through run.sh.
# VALGRIND_OPTS (valgrind's own variable) adds options, e.g.
# --track-origins=yes.
#
# The last line sums the parts: "N passed, N failed" where N counts canary
# checks + core checks + SQLite files; a part that crashes or exits non-zero
# without counting a failure counts as one failure. The exit status is
# non-zero on any failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
cd "$root" || exit 1

build="${BUILD:-build}"
jobs="${VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 2)}"
# Scheduling only: these start first, as they take longest.
heavy=(readme_login backup_codes)
# Run after all the others, with nothing else running.
alone=(concurrency)

cannot_run() {
    echo "valgrind: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

command -v valgrind >/dev/null || cannot_run "valgrind is not installed (Debian: valgrind)"
command -v sqlite3 >/dev/null || cannot_run "sqlite3 is not installed"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || cannot_run "VALGRIND_JOBS must be a positive number, not '$jobs'"

"${MAKE:-make}" --no-print-directory -s valgrind-build BUILD="$build" ||
    cannot_run "make valgrind-build failed"
build="$(cd "$build" && pwd)"

tmp="$(mktemp -d)"
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT

total_passed=0
total_failed=0
summary=()

# --- 1. canaries ------------------------------------------------------------
echo "=== canaries ($build/sanitize-canary.so in $here/sqlite3-memcheck)"
mkdir "$tmp/canary"
ln -s "$build/sanitize-canary.so" "$tmp/canary/sanitize-canary.so"
canary_passed=0
canary_failed=0
# canary TITLE STATUS PATTERN SQL: see canary_check in lib.sh.
canary() {
    canary_check "$here/sqlite3-memcheck" '^==[0-9]*==' "$tmp/canary" "$@"
}
canary "a clean load reports nothing (the shell itself leaks nothing)" 0 "" \
    "SELECT canary_ok();"
canary "a leak is an error" "$SANITIZE_EXIT" \
    "bytes in 4 blocks are definitely lost" "SELECT canary_leak();"
canary "the leak's report names canary.c after the shell unloaded it" "$SANITIZE_EXIT" \
    "by 0x[0-9A-F]+: canary_leak \(canary\.c:[0-9]+\)" "SELECT canary_leak();"
canary "an invalid write is an error" "$SANITIZE_EXIT" \
    "Invalid write of size 1" "SELECT canary_overflow(8);"
canary "a branch on uninitialised memory is an error" "$SANITIZE_EXIT" \
    "Conditional jump or move depends on uninitialised value" "SELECT canary_uninit();"
echo "$canary_passed passed, $canary_failed failed" >"$tmp/canary.log"
count canaries "$tmp/canary.log" 0

# --- 2 and 3: core and the SQLite files, as parallel jobs ---------------------
names=()
for file in test/sqlite/*.sql test/sqlite/*.sh; do
    [[ -e "$file" && "$file" != test/sqlite/run.sh ]] || continue
    name="$(basename "$file")"
    names+=("${name%.*}")
done
((${#names[@]} > 0)) || cannot_run "no test files in test/sqlite"

# Jobs in start order: each heavy file alone, the core tests, the other files
# together (one run.sh, so one load check for all of them); then the files
# that must run alone, one at a time.
contains() {
    local x="$1" y
    shift
    for y in "$@"; do
        [[ "$x" == "$y" ]] && return 0
    done
    return 1
}
queue=()
for name in "${heavy[@]}"; do
    contains "$name" "${names[@]}" && queue+=("sqlite $name")
done
queue+=(core)
rest=()
for name in "${names[@]}"; do
    contains "$name" "${heavy[@]}" "${alone[@]}" || rest+=("$name")
done
((${#rest[@]} == 0)) || queue+=("sqlite ${rest[*]}")
last=()
for name in "${alone[@]}"; do
    contains "$name" "${names[@]}" && last+=("sqlite $name")
done

# Run job number $1 (words $2...) in the background: output to $tmp/job$1.log,
# exit status to $tmp/job$1.rc.
start() {
    local id="$1" kind="$2"
    shift 2
    (
        begin=$SECONDS status=0
        if [[ "$kind" == core ]]; then
            valgrind "${VALGRIND_ARGS[@]}" "$build/test-core" >"$tmp/job$id.log" 2>&1 ||
                status=$?
        else
            SQLITE_EXT="$root/sqlite/totp.so" SQLITE3="$here/sqlite3-memcheck" \
                test/sqlite/run.sh "$@" >"$tmp/job$id.log" 2>&1 || status=$?
        fi
        echo "$status" >"$tmp/job$id.rc"
        echo "$((SECONDS - begin))" >"$tmp/job$id.time"
    ) &
    pids+=("$!")
}

all=("${queue[@]}" "${last[@]}")
echo "=== core and sqlite under memcheck: ${#queue[@]} jobs, $jobs at a time, then ${#last[@]} alone"
started=$SECONDS
running=0
for ((id = 0; id < ${#queue[@]}; id++)); do
    if ((running >= jobs)); then
        wait -n
        running=$((running - 1))
    fi
    # shellcheck disable=SC2086 # a job is words
    start "$id" ${queue[id]}
    running=$((running + 1))
done
wait
for ((id = ${#queue[@]}; id < ${#all[@]}; id++)); do
    # shellcheck disable=SC2086
    start "$id" ${all[id]}
    wait
done
pids=()
echo "(all jobs done in $((SECONDS - started)) s)"
for ((id = 0; id < ${#all[@]}; id++)); do
    echo "    $(cat "$tmp/job$id.time" 2>/dev/null || echo '?') s: ${all[id]}"
done

# Report in a fixed order: core, then the SQLite jobs.
sqlite_passed=0
sqlite_failed=0
for kind in core sqlite; do
    [[ "$kind" == core ]] && echo "=== core ($build/test-core)"
    [[ "$kind" == sqlite ]] && echo "=== sqlite (test/sqlite/run.sh, SQLITE3=$here/sqlite3-memcheck)"
    for ((id = 0; id < ${#all[@]}; id++)); do
        [[ "${all[id]}" == "$kind"* ]] || continue
        log="$tmp/job$id.log"
        status="$(cat "$tmp/job$id.rc" 2>/dev/null || echo 1)"
        if [[ "$kind" == core ]]; then
            cat "$log"
            count core "$log" "$status"
            continue
        fi
        # run.sh prints "ok NAME" or "FAILED NAME" and why, then its count.
        grep -Ev '^[0-9]+ passed, [0-9]+ failed' "$log"
        last_line="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)"
        p=0 f=0
        if [[ -n "$last_line" ]]; then
            p="${last_line%% passed*}"
            f="${last_line#*passed, }"
            f="${f%% failed*}"
        fi
        if [[ "$status" != 0 ]] && ((f == 0)); then
            echo "        (run.sh ${all[id]#sqlite } exited with status $status)"
            f=1
        fi
        sqlite_passed=$((sqlite_passed + p))
        sqlite_failed=$((sqlite_failed + f))
    done
done
echo "$sqlite_passed passed, $sqlite_failed failed" | tee "$tmp/sqlite.log"
count sqlite "$tmp/sqlite.log" 0

echo "=== valgrind summary (canary checks + core checks + SQLite files)"
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
