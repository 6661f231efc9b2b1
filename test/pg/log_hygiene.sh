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
#
# Sealed secrets: the same for every error path of sealing, with a sentinel KEY (keyring files
# whose key is key_hex below, good ones and ones with a bad line that holds it) and a
# sentinel SECRET (plain, and sealed under the sentinel key). For these, the error texts the
# client received are searched as well as the log: neither may hold the key (in hex, or in
# base64), the secret (base32, or its bytes in hex) or its sealed value. Control statements that
# are not ours, one per search, must be found, so that each search is known to find what is
# there; LOG_HYGIENE_PROVE_FAIL=1 adds statements that do leak every sentinel (errors that are
# not ours, quoting them), and the check must then fail.
# The robustness matrix (test/pg/robustness_matrix.sql, the bad-input matrix of
# test/pg/robustness.sh) is built from sentinels too (the secret JBSWY3DPEHPK3PXPSENTINEL, plain
# and sealed, the code 13579246, the backup code zq7xk-w9m3t); every call of it that raises an
# error is run again here as a statement of its own, so that the server logs that error, and
# the same search covers them; so do two calls with invalid UTF-8 in a SQL_ASCII database, and
# two errors raised in a parallel worker.
# Prints one pg_regress-style result line, "test log_hygiene ... ok" or "... FAILED", with
# details on lines starting "log_hygiene: "; exits non-zero on failure.
set -uo pipefail

name=log_hygiene
db=totp_log_hygiene
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

# The sentinel key, its base64, and a different key for the same id; the sentinel secret (a
# base32 text, 20 bytes) and its bytes in hex. Its sealed value is made below.
key_hex=feedfacecafebeef0badf00ddeadc0defeedfacecafebeef0badf00ddeadc0de
key_escaped=
for ((i = 0; i < ${#key_hex}; i += 2)); do key_escaped+="\\x${key_hex:i:2}"; done
key_b64="$(printf '%b' "$key_escaped" | base64 -w 0)"
other_key_hex=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
secret=SENTINELSECRETSENTINELSECRET2345
secret_hex="$(printf '%s' "$secret" | base32 -d | od -An -v -tx1 | tr -d ' \n')"
client_control=CLIENTCONTROL4711

export PGOPTIONS="-c log_min_messages=debug1 -c log_min_error_statement=error -c log_statement=none"
psql_in_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# Point totp.keyring at $1 (ALTER SYSTEM, reload) and wait until new sessions see it.
current_keyring='(as the harness set it)'
use_keyring() {
    [[ "$1" == "$current_keyring" ]] && return 0
    current_keyring="$1"
    psql_in_db -c "ALTER SYSTEM SET totp.keyring = '$1'" -c 'SELECT pg_reload_conf()' >/dev/null ||
        return 1
    for _ in $(seq 100); do
        [[ "$(psql_in_db -At -c 'SHOW totp.keyring')" == "$1" ]] && return 0
        sleep 0.05
    done
    fail "totp.keyring did not become '$1' after a reload"
    return 1
}

# Write keyring file $1 (in the directory of the harness's keyrings) with the text $2, readable
# by the server only.
write_keyring() {
    printf '%s' "$2" >"$keyring_dir/$1" && chmod 600 "$keyring_dir/$1" &&
        chown --reference="$keyring_dir" "$keyring_dir/$1"
}

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

# The robustness matrix's error cases, under the harness's keyring (its sealed values are under
# k2026). Classified first (each call in a subtransaction: nothing logged), then each failing
# call as a statement of its own (\gexec), which the server logs as an ERROR.
matrix_sealed='totp:v1:k2026:+XRTRDf3c5XFogc9CCflrDtbGLduFCHALHMdo1vBJQ3tyyJXMLQx6SHomQ=='
matrix_errors=0
client_texts=
if ! psql_in_db -f "$here/robustness_matrix.sql" >/dev/null; then
    fail "cannot load test/pg/robustness_matrix.sql"
else
    matrix_errors="$(psql_in_db -At -c "SELECT count(*) FROM robustness_results WHERE outcome LIKE 'ERROR%'")"
    ((matrix_errors >= 300)) ||
        fail "the robustness matrix has $matrix_errors failing calls, fewer than the 300 expected"
    psql_in_db -At -c "SELECT count(*) FROM robustness_base WHERE expr = quote_literal('$matrix_sealed')" |
        grep -qx 2 || fail "the robustness matrix no longer seals with '$matrix_sealed': update it here"
    matrix_out="$(psql -X -q -d "$db" 2>&1 <<'SQL'
SELECT 'SELECT ' || call FROM robustness_results WHERE outcome LIKE 'ERROR%' ORDER BY n \gexec
SQL
)"
    matrix_client_errors="$(grep -c 'ERROR: ' <<<"$matrix_out")"
    ((matrix_client_errors == matrix_errors)) ||
        fail "$matrix_client_errors of the robustness matrix's $matrix_errors failing calls failed as statements"
    client_texts+="$matrix_out"$'\n'
fi

# Invalid UTF-8 in otpauth_uri's account and issuer, which only a SQL_ASCII database lets
# through to the function: the error must keep the statement, and its secret, out of the log.
ascii_db="${db}_sqlascii"
ascii_cases=(
    "SELECT otpauth_uri('JBSWY3DPEHPK3PXPSENTINEL', E'alice\\xff')"
    "SELECT otpauth_uri('JBSWY3DPEHPK3PXPSENTINEL', 'alice', E'AC\\xc3\\x28ME')"
)
dropdb --if-exists "$ascii_db" >/dev/null 2>&1
if ! createdb -T template0 -E SQL_ASCII --locale=C "$ascii_db" ||
    ! psql -X -q -d "$ascii_db" -c 'CREATE EXTENSION totp' >/dev/null; then
    fail "cannot create the SQL_ASCII database $ascii_db with the extension"
fi
for sql in "${ascii_cases[@]}"; do
    if out="$(psql -X -q -d "$ascii_db" -c "$sql" 2>&1)"; then
        fail "no error from: $sql (SQL_ASCII database)"
    elif [[ "$out" != *ERROR:* ]]; then
        fail "no ERROR from: $sql (SQL_ASCII database): $out"
    fi
    client_texts+="$out"$'\n'
done
dropdb --if-exists "$ascii_db" >/dev/null 2>&1

# The same errors raised in a parallel worker (the functions are PARALLEL SAFE, so a parallel
# plan may run them there; force_parallel_mode, debug_parallel_query from PostgreSQL 16, makes
# it certain), which the leader re-raises. The client must see that the call did run in a
# worker ("parallel worker" in the error's context), or the check proves nothing.
force_parallel="SELECT set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
    THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', false)"
parallel_cases=(
    "SELECT totp_code('JBSWY3DPEHPK3PXPSENTINEL!')"
    "SELECT totp_verify('JBSWY3DPEHPK3PXPSENTINEL', '13579246', \"window\" => 11)"
)
for sql in "${parallel_cases[@]}"; do
    if out="$(psql -X -q -d "$db" -c "$force_parallel" -c "$sql" 2>&1 >/dev/null)"; then
        fail "no error from: $sql (in a parallel worker)"
    elif [[ "$out" != *ERROR:* || "$out" != *"parallel worker"* ]]; then
        fail "no ERROR from a parallel worker for: $sql: $out"
    fi
    client_texts+="$out"$'\n'
done

# Sealing. The harness's keyrings are in the directory of totp.keyring; ours go beside them.
keyring_dir="$(dirname "$(psql_in_db -At -c 'SHOW totp.keyring')")"
[[ -d "$keyring_dir" ]] || fail "cannot find the keyring directory ('$keyring_dir')"
write_keyring hygiene-good "# sentinel key
khyg:$key_hex
" || fail "cannot write keyring files into $keyring_dir"
write_keyring hygiene-other "khyg:$other_key_hex"
write_keyring hygiene-bad-line "khyg:$key_hex
khyg2 $key_hex
"
write_keyring hygiene-short-key "khyg:${key_hex:0:62}"
write_keyring hygiene-long-key "khyg:${key_hex}ff"
write_keyring hygiene-not-hex "khyg:${key_hex:0:63}g"
write_keyring hygiene-quoted-key "khyg:'$key_hex'"
write_keyring hygiene-duplicate "khyg:$key_hex
khyg:$key_hex
"

sealed=
if use_keyring "$keyring_dir/hygiene-good"; then
    sealed="$(psql_in_db -At -c "SELECT totp_seal('$secret')")"
fi
[[ "$sealed" =~ ^totp:v1:khyg:[A-Za-z0-9+/]+=*$ ]] || fail "could not seal the sentinel secret ('$sealed')"
payload="${sealed#totp:v1:khyg:}"
# The same value with one character of the ciphertext changed, cut, relabelled, of version 9.
flipped="${sealed:0:40}$([[ "${sealed:40:1}" == A ]] && echo B || echo A)${sealed:41}"
cut="${sealed:0:${#sealed}-1}"
relabelled="${sealed/:khyg:/:kgone:}"
v9="${sealed/totp:v1:/totp:v9:}"

# Each: the keyring file to use ('' for totp.keyring unset), then a statement that must fail with
# an error raised by a totp function.
sealing_cases=(
    hygiene-good "SELECT totp_code('$sealed', digits => 9)"
    hygiene-good "SELECT totp_verify('$sealed', '13579246', \"window\" => 11)"
    hygiene-good "SELECT totp_verify_step('$sealed', '13579246', period => 0)"
    hygiene-good "SELECT hotp_verify('$sealed', '13579246', -1)"
    hygiene-good "SELECT otpauth_uri('$sealed', 'alice', 'ACME:Corp')"
    hygiene-good "SELECT totp_code('$flipped')"
    hygiene-good "SELECT totp_unseal('$flipped')"
    hygiene-good "SELECT totp_reseal('$flipped')"
    hygiene-good "SELECT totp_seal('$flipped')"
    hygiene-good "SELECT hotp_code('$cut', 1)"
    hygiene-good "SELECT totp_code('$relabelled')"
    hygiene-good "SELECT totp_code('$v9')"
    hygiene-good "SELECT totp_reseal('$secret')"
    hygiene-good "SELECT totp_seal('$secret!')"
    hygiene-good "SELECT totp_seal('${secret:0:15}')"
    hygiene-other "SELECT totp_code('$sealed')"
    hygiene-other "SELECT totp_unseal('$sealed')"
    hygiene-bad-line "SELECT totp_code('$sealed')"
    hygiene-bad-line "SELECT totp_seal('$secret')"
    hygiene-short-key "SELECT totp_verify('$sealed', '13579246')"
    hygiene-long-key "SELECT totp_reseal('$sealed')"
    hygiene-not-hex "SELECT totp_code('$sealed')"
    hygiene-quoted-key "SELECT totp_code('$sealed')"
    hygiene-duplicate "SELECT totp_seal('$secret')"
    hygiene-missing "SELECT totp_code('$sealed')"
    '' "SELECT totp_code('$sealed')"
    '' "SELECT totp_seal('$secret')"
)
if [[ -n "${LOG_HYGIENE_PROVE_FAIL:-}" ]]; then
    # Errors that are not ours, quoting every sentinel: the log gets the statement, the client
    # the message. The check must fail.
    for leak in "$key_hex" "$key_b64" "$secret" "$secret_hex" "$sealed" "$matrix_sealed" "code 13579246"; do
        sealing_cases+=(hygiene-good "SELECT '$leak'::int")
    done
fi

sealing_errors=0
for ((i = 0; i < ${#sealing_cases[@]}; i += 2)); do
    file="${sealing_cases[i]}"
    sql="${sealing_cases[i + 1]}"
    use_keyring "${file:+$keyring_dir/$file}" || continue
    if out="$(psql_in_db -c "$sql" 2>&1)"; then
        fail "no error from: $sql (keyring ${file:-unset})"
    elif [[ "$out" != *ERROR:* ]]; then
        fail "no ERROR from: $sql (keyring ${file:-unset}): $out"
    else
        sealing_errors=$((sealing_errors + 1))
    fi
    client_texts+="$out"$'\n'
done
client_texts+="$(psql_in_db -c "SELECT '$client_control'::int" 2>&1)"$'\n'
psql_in_db -c 'ALTER SYSTEM RESET totp.keyring' -c 'SELECT pg_reload_conf()' >/dev/null ||
    fail "cannot reset totp.keyring"

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
calls=$((${#cases[@]} + matrix_errors + ${#ascii_cases[@]} + ${#parallel_cases[@]} + sealing_errors + 1))
((errors >= calls + 1)) ||
    fail "$errors ERROR lines in the log for $calls failing calls and the control"

# The sealing sentinels: the key (hex, a piece of it, base64), the secret (base32, a piece of
# it, its bytes in hex), its sealed value (and a piece of the base64).
sentinels+=("$key_hex" "${key_hex:0:16}" "$key_b64" "$secret" "$secret_hex" "${secret_hex:0:16}")
[[ -n "${payload:-}" ]] && sentinels+=("$sealed" "${payload:0:16}")
# The robustness matrix's: the start of its secret (the rest is SENTINEL), its sealed secret.
sentinels+=(JBSWY3DP "$matrix_sealed" "${matrix_sealed:14:16}")

for sentinel in "${sentinels[@]}"; do
    if lines="$(found "$sentinel")"; then
        fail "'$sentinel' is in the server log ($log):"
        while IFS= read -r line; do fail "  $line"; done <<<"$lines"
    fi
done

# The client's error texts: the control must be there, no sentinel.
grep -q -F -e "$client_control" <<<"$client_texts" ||
    fail "the control '$client_control' is not in the error texts the client received"
for sentinel in "${sentinels[@]}"; do
    if lines="$(grep -n -i -F -e "$sentinel" <<<"$client_texts")"; then
        fail "'$sentinel' is in an error text the client received:"
        while IFS= read -r line; do fail "  $line"; done <<<"$lines"
    fi
done

dropdb "$db" >/dev/null 2>&1
finish
