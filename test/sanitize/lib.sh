# shellcheck shell=bash
# lib.sh: settings shared by the sanitizer and valgrind scripts here (sourced
# by bash). One exit status for every tool's "I found something", distinct
# from the suites' own statuses (1: a failed test or SQL statement).
SANITIZE_EXIT=86
sanitize_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# ASan, LSan and UBSan options. Every report is fatal and exits with
# SANITIZE_EXIT; leaks are reported (detect_leaks); lsan.supp says why it
# holds no suppression. Options already in the environment come last, so
# that they win (e.g. ASAN_OPTIONS=detect_stack_use_after_return=0).
sanitize_export_options() {
    export ASAN_OPTIONS="detect_leaks=1:exitcode=$SANITIZE_EXIT:abort_on_error=0:detect_stack_use_after_return=1:strict_string_checks=1:print_summary=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export LSAN_OPTIONS="suppressions=$sanitize_dir/lsan.supp:print_suppressions=0:exitcode=$SANITIZE_EXIT${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=$SANITIZE_EXIT${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
}

# The sanitizer runtime that an extension built by compiler $1 needs in an
# uninstrumented process, as an LD_PRELOAD list: GCC's libasan and libubsan
# (separate libraries), or clang's ASan runtime (which carries UBSan's
# handlers). Nothing, and status 1, if the compiler does not have them.
sanitize_runtime() {
    local cc="$1" lib path list=()
    if "$cc" --version 2>/dev/null | grep -qi clang; then
        set -- "libclang_rt.asan-$(uname -m).so"
    else
        set -- libasan.so libubsan.so
    fi
    for lib in "$@"; do
        path="$("$cc" -print-file-name="$lib" 2>/dev/null)" || return 1
        # -print-file-name echoes the bare name when it finds nothing.
        [[ "$path" == /* && -e "$path" ]] || return 1
        list+=("$(realpath "$path")")
    done
    (IFS=:; echo "${list[*]}")
}

# memcheck as the suites run it: leaks definitely or indirectly lost are
# errors (possibly lost and still reachable blocks are neither shown nor
# counted: a shell that exits without freeing is not a leak of ours); any
# error exits with SANITIZE_EXIT. VALGRIND_OPTS (valgrind's own variable) may
# add options, e.g. --track-origins=yes to see where an uninitialised value
# came from. --keep-debuginfo: the shell unloads the extension before it
# exits, which is when leaks are reported; their stacks still name its lines.
# shellcheck disable=SC2034,SC2054 # used by the sourcing scripts; commas are option syntax
VALGRIND_ARGS=(
    --tool=memcheck -q
    --leak-check=full
    --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect
    --error-exitcode="$SANITIZE_EXIT"
    --num-callers=30
    --keep-debuginfo=yes
    --suppressions="$sanitize_dir/valgrind.supp"
)

# Add a part's "N passed, N failed" (last such line of $2) to the totals;
# status $3 non-zero with no failure counted is one failure.
count() {
    local name="$1" log="$2" status="$3" last passed=0 failed=0
    last="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)"
    if [[ -n "$last" ]]; then
        passed="${last%% passed*}"
        failed="${last#*passed, }"
        failed="${failed%% failed*}"
    fi
    if ((status != 0 && failed == 0)); then
        echo "$name: exited with status $status"
        failed=1
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    summary+=("$(printf '%-9s %6d passed, %d failed' "$name" "$passed" "$failed")")
}

# canary_check SHELL TOOL_RE DIR TITLE STATUS PATTERN SQL: load the canary
# extension from DIR in SHELL (sqlite3 under the tool), run SQL; the shell
# must exit with STATUS and its output match PATTERN, or, for an empty
# PATTERN, hold no report of the tool at all (TOOL_RE). Counts into
# canary_passed / canary_failed.
canary_check() {
    local shell="$1" tool_re="$2" dir="$3" title="$4" want="$5" pattern="$6" sql="$7"
    local status=0 ok=1
    (cd "$dir" &&
        printf '.load ./sanitize-canary sqlite3_canary_init\n%s\n' "$sql" |
        "$shell" -batch -init /dev/null :memory: >out 2>&1) || status=$?
    ((status == want)) || ok=0
    if [[ -n "$pattern" ]]; then
        grep -Eq "$pattern" "$dir/out" || ok=0
    elif grep -Eq "$tool_re" "$dir/out"; then
        ok=0
    fi
    if ((ok)); then
        echo "ok      canary: $title"
        canary_passed=$((canary_passed + 1))
    else
        echo "FAILED  canary: $title (status $status, expected $want)"
        sed 's/^/        /' "$dir/out" | head -n 40
        canary_failed=$((canary_failed + 1))
    fi
}
