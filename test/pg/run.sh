#!/usr/bin/env bash
# PostgreSQL suite: builds and installs the extension, then runs the pg_regress tests (sql/,
# expected/), the isolation specs (specs/), the bad-input robustness matrix
# (test/pg/robustness.sh) and the server-log hygiene check (test/pg/log_hygiene.sh) in a
# throwaway cluster (pg_virtualenv), whose totp.keyring names a copy of the test keyrings
# (test/fixtures), so that sealed secrets work in every test.
# PG_VERSION: the server major version to test against (default 15).
# Last line "N passed, N failed", one count per regress test, per isolation spec, one for the
# robustness matrix and one for the log check; exit status non-zero on any failure or if the
# suite cannot run.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pg_version="${PG_VERSION:-15}"

# Still end on a summary line, so that a suite that could not run is counted as failed.
cannot_run() {
    echo "pg: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

for tool in make pg_config pg_virtualenv; do
    command -v "$tool" >/dev/null || cannot_run "$tool is not installed"
done

tmp="$(mktemp -d)"
keyrings="$(mktemp -d "${TMPDIR:-/tmp}/totp-keyrings.XXXXXX")"
trap 'rm -rf "$tmp" "$keyrings"' EXIT

# The keyrings go where the server, and only the server, can read them, as the README asks of a
# real keyring: a directory of the server's user (postgres when run as root, pg_virtualenv's
# own user otherwise). totp.keyring names <dir>/keyring (k2025, k2026; k2026 seals) from the
# start; the tests find keyring-old and keyring-wrong beside it, and write the keyrings they
# need into the same directory as the server (lo_export), so nothing else must know the path.
if ! cp "$top"/test/fixtures/keyring* "$keyrings/" || ! chmod 700 "$keyrings" ||
    ! chmod 600 "$keyrings"/*; then
    cannot_run "cannot copy test/fixtures/keyring* to $keyrings"
fi
if ((EUID == 0)); then
    chown -R postgres:postgres "$keyrings" || cannot_run "cannot give $keyrings to postgres"
fi

make -C "$top/pg" install >"$tmp/install.log" 2>&1 || {
    cat "$tmp/install.log" >&2
    cannot_run "make -C pg install failed"
}

# -t: the cluster lives in a temporary directory, not /etc/postgresql/<version>/regress, so that
# two runs at once (or another suite's cluster) cannot take or drop each other's cluster.
# Both suites and the two script checks always run (PGXS's installcheck skips the isolation
# specs once a regress test fails), in UTF8 databases whatever the locale; the script checks
# last, in the same cluster, as they read the cluster's log before pg_virtualenv drops it. Old
# results go first: no stale diffs.
rm -rf "$top/pg/results" "$top/pg/results-isolation"
status=0
# shellcheck disable=SC2016 # $1 and $? belong to the inner shell
pg_virtualenv -t -v "$pg_version" -o "totp.keyring=$keyrings/keyring" bash -c '
    make -C "$1/pg" --no-print-directory installcheck ENCODING=UTF8 ISOLATION=; regress=$?
    make -C "$1/pg" --no-print-directory installcheck ENCODING=UTF8 REGRESS=; isolation=$?
    "$1/test/pg/robustness.sh"; robustness=$?
    "$1/test/pg/log_hygiene.sh"; hygiene=$?
    exit $((regress || isolation || robustness || hygiene))' pg_virtualenv "$top" >"$tmp/installcheck.log" 2>&1 ||
    status=$?

# pg_regress's per-test lines: "test name ... ok 12 ms", "     name ... FAILED 12 ms" (the
# script checks print one in the same form).
result_line='^(test |  +)[^ ]+ +\.\.\. +'
grep -E "$result_line" "$tmp/installcheck.log" || true
passed="$(grep -cE "$result_line"'ok( |$)' "$tmp/installcheck.log" || true)"
failed="$(grep -cE "$result_line"'(FAILED|failed)( |$)' "$tmp/installcheck.log" || true)"

if ((passed + failed == 0)); then
    sed 's/^/  /' "$tmp/installcheck.log" >&2
    cannot_run "installcheck ran no test (exit status $status)"
fi

# A test or spec with no result line (its suite did not start) counts as failed.
shopt -s nullglob
tests=("$top"/sql/*.sql "$top"/specs/*.spec "$top/test/pg/robustness.sh" "$top/test/pg/log_hygiene.sh")
missing=$((${#tests[@]} - passed - failed))
if ((missing > 0)); then
    echo "pg: $missing of ${#tests[@]} tests reported no result" >&2
    failed=$((failed + missing))
fi

if ((status != 0 || failed > 0)); then
    shown=0
    for diffs in "$top/pg/results/regression.diffs" "$top/pg/results-isolation/regression.diffs"; do
        if [[ -s "$diffs" ]]; then
            echo "pg: ${diffs#"$top"/}:"
            cat "$diffs"
            shown=1
        fi
    done
    for check in robustness log_hygiene; do
        if grep -q "^$check: " "$tmp/installcheck.log"; then
            echo "pg: test/pg/$check.sh:"
            grep "^$check: " "$tmp/installcheck.log"
            shown=1
        fi
    done
    if ((!shown)); then
        echo "pg: installcheck failed (exit status $status); its output:" >&2
        sed 's/^/  /' "$tmp/installcheck.log" >&2
    fi
    ((failed > 0)) || failed=1
fi

echo "$passed passed, $failed failed"
((failed == 0))
