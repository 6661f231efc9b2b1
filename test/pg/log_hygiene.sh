#!/usr/bin/env bash
# Server-log hygiene: no secret, code or stored backup-code value reaches the server log when a
# totp function raises an error, even at log_min_messages = debug1 with the default
# log_min_error_statement = error (which logs the statement of every failing query) and
# log_statement = none. Runs inside pg_virtualenv (test/pg/run.sh): each failing call below
# carries a sentinel (a secret with SENTINEL in it, the code 13579246, the backup code
# zq7xk-w9m3t, or the salt and a hash of a stored set), then the part of the cluster's log
# written meanwhile is searched for the sentinels. A control statement that is not ours (a
# division by zero) must show up in that log with its statement, so that the search is known
# to look at the right file and to find what is there.
# Prints one pg_regress-style result line, "test log_hygiene ... ok" or "... FAILED", with
# details on lines starting "log_hygiene: "; exits non-zero on failure.
set -uo pipefail

name=log_hygiene
db=totp_log_hygiene
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
    printf 'log_hygiene: %s\n' "${failures[@]}"
    exit 1
}

# The log of the cluster pg_virtualenv made: /var/log/postgresql/postgresql-15-regress.log as
# root, a file in pg_virtualenv's temporary directory otherwise (-t, or not root).
log="$(pg_lsclusters -h 2>/dev/null | awk -v v="${PGVERSION:-}" '$1 == v && $2 == "regress" { print $7 }')"
if [[ -z "$log" || ! -r "$log" ]]; then
    fail "cannot find or read the log of cluster ${PGVERSION:-?}/regress (pg_lsclusters: '$log')"
    finish
fi

# Secrets and codes planted in the failing calls; searched case-insensitively.
sentinels=(SENTINEL 13579246 zq7xk w9m3t 33QeJIkRtUzIbJVBTmA2eQ 0U/lIr5XTg5jqqXnd4LT9A)
control=LOGCONTROL4711

# A reference set of backup codes (sql/backup_codes.sql), with one character of its check
# edited, so that it fails its integrity check; and the same set claiming version 9.
set_edited='totp-bc1:pbkdf2-sha256:600000:33QeJIkRtUzIbJVBTmA2eQ==:0U/lIr5XTg5jqqXnd4LT9A==,t4aTGUuJ/R1y5msurKMfmQ==,1Lt0+K9ufSb57ZrYqbyaJw==,uWqqbSPFRvjVOVngDxQCxw==:1VZzWu8LTL3A'
set_v9="${set_edited/totp-bc1:/totp-bc9:}"

# Each a statement (or script) that must fail with an error raised by a totp function.
cases=(
    "SELECT totp_code('JBSWY3DPEHPK3PXPSENTINEL!')"
    "SELECT totp_code('SENTINELJBSWY3D')"
    "SELECT hotp_code(repeat('JBSWY3DPEHPK3PXPSENTINEL', 69), 1)"
    "SELECT totp_code('JBSWY3DPEHPK3PXPSENTINEL', digits => 9)"
    "SELECT totp_verify('JBSWY3DPEHPK3PXP SENTINEL!', '13579246')"
    "SELECT totp_verify('JBSWY3DPEHPK3PXPSENTINEL', '13579246', \"window\" => 11)"
    "SELECT totp_verify_step('JBSWY3DPEHPK3PXPSENTINEL', '13579246', period => 0)"
    "SELECT hotp_verify('JBSWY3DPEHPK3PXPSENTINEL', '13579246', -1)"
    "SELECT otpauth_uri('JBSWY3DPEHPK3PXPSENTINEL', 'alice', 'ACME:Corp')"
    "SELECT consume_backup_code('totp-bc1:pbkdf2-sha256:600000:SENTINEL', 'zq7xk-w9m3t')"
    "SELECT consume_backup_code('$set_edited', 'zq7xk-w9m3t')"
    "SELECT consume_backup_code('$set_v9', 'zq7xk-w9m3t')"
    "SELECT backup_codes_remaining('$set_edited')"
    "SELECT backup_codes_hash(ARRAY['zq7xk-w9m3t', 'ZQ7XKW9M3T'])"
    "SELECT backup_codes_hash(ARRAY['zq7xk-w9m3u'])"
    "SELECT backup_codes_hash(ARRAY['zq7xk-w9m3t', NULL])"
    "SELECT backup_codes_hash(ARRAY[['zq7xk-w9m3t']])"
    "PREPARE login(text, text) AS SELECT totp_verify(\$1, \$2, 11); EXECUTE login('JBSWY3DPEHPK3PXPSENTINEL', '13579246')"
    "CREATE FUNCTION pg_temp.f(s text) RETURNS text LANGUAGE sql AS 'SELECT totp_code(s)'; SELECT pg_temp.f('JBSWY3DPEHPK3PXPSENTINEL!')"
    "CREATE FUNCTION pg_temp.g(s text) RETURNS text LANGUAGE plpgsql AS 'BEGIN RETURN totp_code(s); END'; SELECT pg_temp.g('JBSWY3DPEHPK3PXPSENTINEL!')"
    # A literal secret in PL/pgSQL: the error's CONTEXT quotes the SQL statement that failed.
    "DO \$\$ BEGIN PERFORM totp_code('JBSWY3DPEHPK3PXPSENTINEL!'); END \$\$"
    "DO \$\$ BEGIN EXECUTE format('SELECT consume_backup_code(%L, %L)', '$set_edited', 'zq7xk-w9m3t'); END \$\$"
)

export PGOPTIONS="-c log_min_messages=debug1 -c log_min_error_statement=error -c log_statement=none"
psql_in_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

dropdb --if-exists "$db" >/dev/null 2>&1
if ! createdb "$db" || ! psql_in_db -c 'CREATE EXTENSION totp' >/dev/null; then
    fail "cannot create database $db with the extension"
    finish
fi

settings="$(psql_in_db -At -c "SELECT concat_ws(' ', current_setting('log_min_messages'),
    current_setting('log_min_error_statement'), current_setting('log_statement'))")"
[[ "$settings" == "debug1 error none" ]] ||
    fail "log settings are '$settings', not 'debug1 error none'"

offset=$(stat -c %s "$log")

for sql in "${cases[@]}"; do
    if out="$(psql_in_db -c "$sql" 2>&1)"; then
        fail "no error from: $sql"
    elif [[ "$out" != *ERROR:* ]]; then
        fail "no ERROR from: $sql ($out)"
    fi
done
psql_in_db -c "SELECT 1 / 0 AS $control" >/dev/null 2>&1

# The server writes its log line before the client sees the error; wait for the control all
# the same, in case the log goes through a logging collector.
new_log() { tail -c +$((offset + 1)) "$log"; }
found() { new_log | grep -n -i -F -e "$1"; }
for _ in $(seq 50); do
    found "$control" >/dev/null && break
    sleep 0.1
done

# The search must see the control (its statement is logged: the error is not ours) ...
found "$control" >/dev/null ||
    fail "the control '$control' is not in $log: the search cannot find what is logged"
# ... and one ERROR line per failing call.
errors=$(new_log | grep -c ' ERROR: ')
((errors >= ${#cases[@]} + 1)) ||
    fail "$errors ERROR lines in the log for ${#cases[@]} failing calls and the control"

for sentinel in "${sentinels[@]}"; do
    if lines="$(found "$sentinel")"; then
        fail "'$sentinel' is in the server log ($log):"
        while IFS= read -r line; do fail "  $line"; done <<<"$lines"
    fi
done

dropdb "$db" >/dev/null 2>&1
finish
