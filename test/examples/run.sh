#!/usr/bin/env bash
# The login schemas of examples/ (examples/postgresql, examples/sqlite), tested as a user
# would run them: every flow through the example's own functions (PostgreSQL) or files
# (SQLite), each call in a connection of its own, the same checks in both engines: enrolment
# and its confirming code, replay, the drift window, throttling across connections and its
# lock, backup codes, disable, rebind, and the staged-rollout switch with its exemptions.
#
# sqlite.sh runs against a database file with the SQLite extension (SQLITE_EXT, default the
# repo's sqlite/totp, built with `make sqlite` when missing) and TOTP_KEYRING naming
# test/fixtures/keyring. pg.sh runs in a throwaway cluster (pg_virtualenv -t) whose
# totp.keyring names a copy of the test keyrings in a directory of the server's user; the
# extension is installed first (`make -C pg install`) unless EXAMPLES_SKIP_INSTALL is set.
# PG_VERSION: the server major version (default 15).
#
# One line per check ("ok   ENGINE: ..." or "FAIL ENGINE: ..."); last line "N passed,
# N failed"; exit status non-zero on any failure, if a part stops early, or if the suite
# cannot run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pg_version="${PG_VERSION:-15}"

# Still end on a summary line, so that a suite that could not run is counted as failed.
cannot_run() {
    echo "examples: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

# shellcheck source=../lib/extensions.sh
. "$root/test/lib/extensions.sh"

for tool in sqlite3 psql pg_virtualenv make awk; do
    command -v "$tool" >/dev/null || cannot_run "$tool is not installed"
done

tmp="$(mktemp -d)"
keydir="$(mktemp -d "${TMPDIR:-/tmp}/totp-keyrings.XXXXXX")"
trap 'rm -rf "$tmp" "$keydir"' EXIT

resolve_sqlite_ext "$root" "$tmp"
install_pg_ext "$root" "$tmp" "${EXAMPLES_SKIP_INSTALL:-}"

# The server's keyring: readable by the server's user only (postgres when run as root).
if ! cp "$root"/test/fixtures/keyring* "$keydir/" || ! chmod 700 "$keydir" ||
    ! chmod 600 "$keydir"/*; then
    cannot_run "cannot copy test/fixtures/keyring* to $keydir"
fi
if ((EUID == 0)); then
    chown -R postgres:postgres "$keydir" || cannot_run "cannot give $keydir to postgres"
fi

passed=0
failed=0
# part NAME LOG STATUS: show the part's check lines and add them up; a part that stopped
# with a non-zero status (an SQL error, a missing tool) counts one more failure and shows
# its whole output.
part() {
    local name="$1" log="$2" status="$3" p f
    grep -E '^(# |ok   |FAIL )' "$log" || true
    p="$(grep -c '^ok   ' "$log" || true)"
    f="$(grep -c '^FAIL ' "$log" || true)"
    if ((status != 0)); then
        echo "examples: the $name part stopped with status $status; its output:" >&2
        sed 's/^/  /' "$log" >&2
        f=$((f + 1))
    elif ((f > 0)) && grep -qi 'error' "$log"; then
        # A statement that failed inside a check shows as a FAIL; say why.
        echo "examples: errors in the $name part:" >&2
        grep -i 'error' "$log" | sed 's/^/  /' >&2
    fi
    passed=$((passed + p))
    failed=$((failed + f))
}

status=0
TOTP_KEYRING="$root/test/fixtures/keyring" \
    bash "$here/sqlite.sh" "$ext" "$root/examples/sqlite" "$tmp" >"$tmp/sqlite.log" 2>&1 || status=$?
part sqlite "$tmp/sqlite.log" "$status"

status=0
pg_virtualenv -t -v "$pg_version" -o "totp.keyring=$keydir/keyring" \
    bash "$here/pg.sh" "$root/examples/postgresql" >"$tmp/pg.log" 2>&1 || status=$?
part postgresql "$tmp/pg.log" "$status"

# The README shows the PostgreSQL login function in full: it must be the example's.
login_fn='/^CREATE FUNCTION totp_login\(/,/^\$\$;/'
if [[ -n "$(awk "$login_fn" "$root/examples/postgresql/schema.sql")" ]] &&
    [[ "$(awk "$login_fn" "$root/README.md")" == "$(awk "$login_fn" "$root/examples/postgresql/schema.sql")" ]]; then
    echo "ok   README: its totp_login is the one in examples/postgresql/schema.sql"
    passed=$((passed + 1))
else
    echo "FAIL README: its totp_login differs from examples/postgresql/schema.sql"
    failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
((failed == 0))
