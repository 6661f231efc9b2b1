#!/usr/bin/env bash
# SQLite suite, pg_regress style: each test/sqlite/NAME.sql runs in the real sqlite3 shell
# (in-memory database, statements echoed, errors do not stop the file) from a scratch
# directory where ./totp.so is the extension under test, so files start with `.load ./totp`
# as a user would. A test that needs several connections is a bash script NAME.sh instead,
# run by bash from such a directory with SQLITE3 set, which must exit 0. Either way,
# stdout+stderr must equal expected/NAME.out. The scratch directory also holds ./fixtures
# (test/fixtures: the test keyrings, whose keys protect nothing), and every file starts with
# TOTP_KEYRING unset, so that no keyring of the caller's environment can change a result:
# a file that wants a keyring calls totp_keyring('fixtures/keyring'), a script sets it.
#
#   test/sqlite/run.sh [NAME...]      (default: every file)
#
# SQLITE_EXT: the extension, as for .load (default: the repo's sqlite/totp, built with
# `make sqlite` when missing). SQLITE3: the shell (default: sqlite3).
# Last line "N passed, N failed" (one per file); exit status non-zero on any failure or if
# the suite cannot run. A new test is NAME.sql plus expected/NAME.out: run.sh NAME shows the
# output of a file that has none yet, to be read line by line against the SPEC before saving.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ext="${SQLITE_EXT:-$root/sqlite/totp}"
shell="${SQLITE3:-sqlite3}"

# Still end on a summary line, so that a suite that could not run is counted as failed.
cannot_run() {
    echo "sqlite: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

command -v "$shell" >/dev/null || cannot_run "$shell is not installed"
command -v diff >/dev/null || cannot_run "diff is not installed"

if [[ -z "${SQLITE_EXT:-}" && ! -e "$ext.so" ]]; then
    make -C "$root" sqlite >&2 || cannot_run "make sqlite failed"
fi
if [[ -f "$ext" ]]; then
    so="$ext"
elif [[ -f "$ext.so" ]]; then
    so="$ext.so"
else
    cannot_run "no extension at $ext (set SQLITE_EXT or run make sqlite)"
fi
so="$(realpath "$so")"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fixtures="$root/test/fixtures"
[[ -f "$fixtures/keyring" ]] || cannot_run "no test keyrings in $fixtures"
# The fixture keys in hex, for the leak check below (a file may also write a keyring of
# its own from these keys).
fixture_keys="$(sed -nE 's/^[A-Za-z0-9_.-]+:([0-9A-Fa-f]{64})$/\1/p' "$fixtures"/keyring* |
    sort -u | paste -sd '|' -)"
[[ -n "$fixture_keys" ]] || cannot_run "no keys in $fixtures/keyring*"

# The shell's stdout is a pipe and block-buffered while its errors are not: unbuffer it
# so that each error follows the statement that raised it.
unbuffered=()
if command -v stdbuf >/dev/null; then
    unbuffered=(stdbuf -o0)
fi

# Run one test file (NAME.sql or NAME.sh) with ./totp.so in a fresh directory; output to $2,
# status to stdout.
run_file() {
    local file="$1" out="$2" work status=0
    work="$(mktemp -d "$tmp/work.XXXXXX")"
    ln -s "$so" "$work/totp.so"
    ln -s "$fixtures" "$work/fixtures"
    if [[ "$file" == *.sh ]]; then
        (cd "$work" && unset TOTP_KEYRING && SQLITE3="$shell" bash "$file" </dev/null >"$out" 2>&1) ||
            status=$?
    else
        (cd "$work" && unset TOTP_KEYRING && "${unbuffered[@]}" "$shell" -batch -init /dev/null \
            -echo :memory: <"$file" >"$out" 2>&1) || status=$?
    fi
    echo "$status"
}

printf '.load ./totp\nSELECT hotp_code(%s, 0);\n' "'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'" >"$tmp/load.sql"
if [[ "$(run_file "$tmp/load.sql" "$tmp/load.out")" != 0 ]] ||
    ! grep -qx 755224 "$tmp/load.out"; then
    cannot_run "cannot load $so: $(tr '\n' ' ' <"$tmp/load.out")"
fi

if (($# > 0)); then
    names=("$@")
else
    names=()
    for file in "$here"/*.sql "$here"/*.sh; do
        [[ -e "$file" && "$file" != "$here/run.sh" ]] || continue
        name="$(basename "$file")"
        names+=("${name%.*}")
    done
fi
((${#names[@]} > 0)) || cannot_run "no test files in $here"

passed=0
failed=0
for name in "${names[@]}"; do
    file="$here/$name.sql"
    if [[ ! -f "$file" && "$name" != run ]]; then
        file="$here/$name.sh"
    fi
    expected="$here/expected/$name.out"
    out="$tmp/$name.out"
    problems=()

    if [[ ! -f "$file" ]]; then
        problems+=("no file $here/$name.sql or .sh")
    else
        status="$(run_file "$file" "$out")"
        # Status 1 from the shell only says that some statement failed, which the expected
        # output shows; anything else is a crash or a signal. A script must succeed.
        if [[ "$file" == *.sh ]] && ((status != 0)); then
            problems+=("$(basename "$file") exited with status $status")
        elif ((status > 1)); then
            problems+=("$shell exited with status $status")
        fi
        if [[ ! -f "$expected" ]]; then
            # Show the whole output: read it against the SPEC before saving it as expected.
            problems+=("no expected output $expected; the output was:")
            diff -u /dev/null "$out" >"$tmp/$name.diff" || true
        elif ! diff -u "$expected" "$out" >"$tmp/$name.diff"; then
            problems+=("output differs from expected/$name.out:")
        fi
        # No error message (the shell's "Runtime error near line N: ..." for a file, also
        # "Error: ..." for a script) may carry a secret (16+ base32 characters), a code (6+
        # digits), a backup code (5 + 5 characters of its alphabet, any case, with or without
        # the separator), a piece of a stored set of backup codes or of a sealed secret
        # (20+ base64 characters, or the "totp:v1:<key id>:" that starts one), or a key:
        # a fixture key, or any 16+ hex digits.
        if grep -E '^((Runtime|Parse) error near line [0-9]+|Error): ' "$out" |
            sed -E 's/^[^:]*: //' |
            grep -Ei "[0-9]{6}|[A-Za-z2-7]{16}|[0-9a-hjkmnp-tv-z]{5}[- ]?[0-9a-hjkmnp-tv-z]{5}|totp-bc|[A-Za-z0-9+/]{20}|totp:v[0-9]+:[A-Za-z0-9_.-]+:|[0-9a-f]{16}|$fixture_keys" \
                >/dev/null; then
            problems+=("an error message contains a secret, a code or a key")
        fi
    fi

    if ((${#problems[@]} == 0)); then
        echo "ok      $name"
        passed=$((passed + 1))
    else
        echo "FAILED  $name"
        printf '        %s\n' "${problems[@]}"
        if [[ -s "$tmp/$name.diff" ]]; then
            sed 's/^/        /' "$tmp/$name.diff"
        fi
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
((failed == 0))
