#!/usr/bin/env bash
# PostgreSQL robustness: every SQL function of the extension gets the bad-input matrix of
# test/pg/robustness_matrix.sql (NULL in each position, empty and 1 MB strings, control
# characters, non-ASCII, every parameter at and past its limits and at the int, bigint and
# timestamptz limits, arrays of the wrong shape or size), each call in its own subtransaction;
# and, in a SQL_ASCII and a LATIN1 database, the bytes a UTF8 one refuses (invalid UTF-8, bytes
# that LATIN1 reads as characters) by test/pg/robustness_encodings.sql.
# The outcome of every call (the SQLSTATE and message of its error, NULL, or the shape of its
# value) must match test/pg/robustness.out line by line, so that a new function or a changed
# SQLSTATE is a diff; invariants at its end must hold (only documented SQLSTATEs, NULL in gives
# NULL out, a malformed code is never an error, no error text holds a sentinel). Then the
# server must still be up: the matrix's own session still answers from the same backend, a
# new connection works and sees itself in pg_stat_activity, neither the postmaster nor its
# checkpointer restarted (pg_postmaster_start_time; pg_stat_activity: the postmaster restarts
# its auxiliary processes after any backend crash), and the server log written meanwhile
# reports no crashed backend.
# Runs inside pg_virtualenv (test/pg/run.sh), whose totp.keyring seals under k2026.
# ROBUSTNESS_OUTPUT=<file>: also write the report there (to review, then replace
#   test/pg/robustness.out with it when a change is intended).
# ROBUSTNESS_PROVE_FAIL=1: crash another backend (SIGSEGV) while the matrix runs; the check
#   must then fail.
# Prints one pg_regress-style result line, "test robustness ... ok" or "... FAILED", with
# details on lines starting "robustness: "; exits non-zero on failure.
set -uo pipefail

name=robustness
db=totp_robustness
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
start_ms=$(date +%s%3N)
failures=()

fail() { failures+=("$*"); }

finish() {
    local ms=$(($(date +%s%3N) - start_ms))
    if ((${#failures[@]} == 0)); then
        printf 'test %-28s ... ok     %8d ms\n' "$name" "$ms"
        exit 0
    fi
    printf 'test %-28s ... FAILED %8d ms\n' "$name" "$ms"
    printf 'robustness: %s\n' "${failures[@]}"
    exit 1
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The cluster's log, found as test/pg/log_hygiene.sh finds it.
log="$(pg_lsclusters -h 2>/dev/null | awk -v v="${PGVERSION:-}" '$1 == v && $2 == "regress" { print $7 }')"
if [[ -z "$log" || ! -r "$log" ]]; then
    fail "cannot find or read the log of cluster ${PGVERSION:-?}/regress (pg_lsclusters: '$log')"
    finish
fi
offset=$(stat -c %s "$log")

dropdb --if-exists "$db" >/dev/null 2>&1
if ! createdb "$db" || ! psql -X -q -d "$db" -c 'CREATE EXTENSION totp' >/dev/null; then
    fail "cannot create database $db with the extension"
    finish
fi
# The postmaster's start, and its checkpointer's: a backend that crashes makes the postmaster
# end every session and start its auxiliary processes afresh (a new checkpointer), while
# pg_postmaster_start_time only changes when the postmaster itself restarts.
server_identity="SELECT concat_ws(' ', 'postmaster started', pg_postmaster_start_time(),
    '; checkpointer', (SELECT pid || ' started ' || backend_start FROM pg_stat_activity
                        WHERE backend_type = 'checkpointer'))"
started="$(psql -X -At -d "$db" -c "$server_identity")"

victim=
if [[ -n "${ROBUSTNESS_PROVE_FAIL:-}" ]]; then
    psql -X -q -d "$db" -c "SELECT pg_sleep(60) AS robustness_victim" >/dev/null 2>&1 &
    victim=$!
fi

# The matrix, in one session.
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/robustness.sql" >"$tmp/robustness.out" 2>&1 &
matrix=$!

if [[ -n "$victim" ]]; then
    for _ in $(seq 50); do
        pid="$(psql -X -At -d postgres -c \
            "SELECT pid FROM pg_stat_activity WHERE query LIKE '%AS robustness_victim' AND pid <> pg_backend_pid()")"
        [[ -n "$pid" ]] && break
        sleep 0.1
    done
    sleep 0.3
    [[ -n "$pid" ]] && kill -SEGV "$pid"
    wait "$victim"
fi

wait "$matrix" || fail "psql stopped with exit status $? while running the matrix"

# Invalid UTF-8, which only a SQL_ASCII database lets through to the functions, and LATIN1,
# which otpauth_uri converts: a few calls in a database of each.
for encoding in SQL_ASCII LATIN1; do
    edb="${db}_${encoding,,}"
    dropdb --if-exists "$edb" >/dev/null 2>&1
    if ! createdb -T template0 -E "$encoding" --locale=C "$edb" ||
        ! psql -X -q -d "$edb" -c 'CREATE EXTENSION totp' >/dev/null; then
        fail "cannot create the $encoding database $edb with the extension"
        continue
    fi
    echo "== a $encoding database: encoding | input | outcome"
    psql -X -q -v ON_ERROR_STOP=1 -d "$edb" -f "$here/robustness_encodings.sql" 2>&1 ||
        fail "psql stopped with exit status $? in the $encoding database"
    dropdb "$edb" >/dev/null 2>&1
done >>"$tmp/robustness.out"
[[ -n "${ROBUSTNESS_OUTPUT:-}" ]] && cp "$tmp/robustness.out" "$ROBUSTNESS_OUTPUT"

if ! diff -u "$here/robustness.out" "$tmp/robustness.out" >"$tmp/diff"; then
    fail "outcomes differ from test/pg/robustness.out (- expected, + actual):"
    while IFS= read -r line; do fail "  $line"; done < <(head -n 200 "$tmp/diff")
fi

# The server is still up: a new connection works (waiting out a crash recovery, so that what
# follows can say what happened) and sees itself among the sessions ...
for _ in $(seq 100); do
    seen="$(psql -X -At -d "$db" -c \
        "SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid() AND datname = current_database()" 2>&1)"
    [[ "$seen" == 1 ]] && break
    sleep 0.1
done
[[ "$seen" == 1 ]] || fail "a new connection does not work or is not in pg_stat_activity: $seen"
# ... neither the postmaster nor its auxiliary processes restarted ...
now_started="$(psql -X -At -d "$db" -c "$server_identity" 2>&1)"
[[ "$now_started" == "$started" ]] ||
    fail "the server restarted: it was '$started', it is now '$now_started'"
# ... and no backend crashed (the postmaster logs each crash, then resets every session).
if crashes="$(tail -c +$((offset + 1)) "$log" | grep -n -E \
    'terminated by signal|terminated by exception|server process .* exited with exit code|all server processes terminated|PANIC:|TRAP:')"; then
    fail "the server log ($log) reports a crash:"
    while IFS= read -r line; do fail "  $line"; done <<<"$crashes"
fi

dropdb "$db" >/dev/null 2>&1
finish
