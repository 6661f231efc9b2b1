#!/usr/bin/env bash
# The PostgreSQL login schema (examples/postgresql/schema.sql), loaded into a fresh
# database and driven through its functions. Every call is a psql process of its own (a
# connection of its own), in autocommit, as an application would make it. The authenticator
# is played by totp_code() on the stored (sealed) secret, evaluated in the same statement as
# the call, so both see the same now(). The lock's expiry is simulated by moving
# totp_locked_until into the past.
#   pg.sh EXAMPLES_DIR   (run by run.sh inside pg_virtualenv, whose totp.keyring is set)
set -euo pipefail
examples="$1"
engine=postgresql
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dbname=totp_examples
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $dbname"

# sql SQL: run SQL in a new connection, unaligned, tuples only.
sql() {
    psql -X -q -At -v ON_ERROR_STOP=1 -d "$dbname" -c "$1"
}

# code ID OFFSET [COLUMN]: SQL for the code user ID's authenticator shows at now() + OFFSET s.
code() {
    echo "(SELECT totp_code(${3:-totp_secret}, now() + interval '$2 seconds') FROM users WHERE id = $1)"
}
# wrong ID: SQL for a well-formed code that is none of user ID's codes near now().
wrong() {
    echo "(SELECT min(c) FROM (VALUES ('000000'), ('111111'), ('222222'), ('333333'), ('444444')) AS v (c)
            WHERE c NOT IN (SELECT totp_code(totp_secret, now() + k * interval '30 seconds')
                              FROM users, generate_series(-2, 2) AS k WHERE id = $1))"
}
# field ID COLUMNS: columns of user ID as they are stored.
field() {
    sql "SELECT $2 FROM users WHERE id = $1"
}

psql -X -q -v ON_ERROR_STOP=1 -d "$dbname" -f "$examples/schema.sql"
sql "INSERT INTO users (id, email) VALUES (1, 'alice@example.com'), (2, 'drift@example.com'),
       (3, 'throttle@example.com'), (4, 'backup@example.com'), (5, 'disable@example.com'),
       (6, 'rebind@example.com'), (7, 'plain@example.com'), (8, 'service@example.com'),
       (9, 'busy@example.com')"

# enrol ID: totp_enrol_begin, then confirm with the code of the step before now (so that
# the current and the next codes are still unused).
enrol() {
    sql "SELECT uri FROM totp_enrol_begin($1)" >/dev/null
    sql "SELECT totp_enrol_confirm($1, $(code "$1" -30 totp_pending_secret))" >/dev/null
}

echo "# enrol, confirm, replay"
out=$(sql "SELECT uri, left(qr_svg, 5) FROM totp_enrol_begin(1)")
check_match "enrol returns the otpauth URI and its QR code (SVG)" "$out" \
    '^otpauth://totp/ACME:alice%40example\.com\?secret=[A-Z2-7]{32}&issuer=ACME\|<svg $'
check "the pending secret is stored sealed, 2FA still off" \
    "$(field 1 "totp_pending_secret LIKE 'totp:v1:k2026:%', totp_secret IS NULL")" "t|t"
check "a wrong first code does not confirm" "$(sql "SELECT totp_enrol_confirm(1, $(wrong 1))")" "f"
# The codes as the user types them, so that a replay is the same text even if a step
# boundary passes between two calls.
typed=$(sql "SELECT $(code 1 0 totp_pending_secret)")
check "the first code confirms: 2FA on" "$(sql "SELECT totp_enrol_confirm(1, '$typed')")" "t"
check "the confirming code is refused at login" "$(sql "SELECT totp_login(1, '$typed')")" "f"
typed=$(sql "SELECT $(code 1 30)")
check "the next code logs in" "$(sql "SELECT totp_login(1, '$typed')")" "t"
check "the replayed code is refused" "$(sql "SELECT totp_login(1, '$typed')")" "f"

echo "# drift window 1"
enrol 2
# As if user 2 had last logged in minutes ago, so that the replay guard cannot be what
# refuses the older codes below.
sql "UPDATE users SET totp_last_step = totp_last_step - 10 WHERE id = 2"
check "a code two steps old is refused" "$(sql "SELECT totp_login(2, $(code 2 -60))")" "f"
check "a code two steps ahead is refused" "$(sql "SELECT totp_login(2, $(code 2 60))")" "f"
check "a code one step old is accepted" "$(sql "SELECT totp_login(2, $(code 2 -30))")" "t"
check "a code one step ahead is accepted" "$(sql "SELECT totp_login(2, $(code 2 30))")" "t"

echo "# throttling (each attempt a separate psql process)"
enrol 3
for c in "$(wrong 3)" "'abcdef'" "''" "'12345678'"; do
    sql "SELECT totp_login(3, $c)" >/dev/null
done
check "wrong and malformed codes refused without an error, each counted" \
    "$(field 3 totp_failed_attempts)" "4"
check "a success resets the count" \
    "$(sql "SELECT totp_login(3, $(code 3 0))")|$(field 3 totp_failed_attempts)" "t|0"
for _ in 1 2 3 4 5; do
    sql "SELECT totp_login(3, $(wrong 3))" >/dev/null
done
check "failures from separate connections add up: 5 lock the account for 15 minutes" \
    "$(field 3 "totp_failed_attempts, totp_locked_until - now() BETWEEN '14 minutes' AND '15 minutes'")" "5|t"
check "while locked, the correct code is refused" "$(sql "SELECT totp_login(3, $(code 3 30))")" "f"
sql "UPDATE users SET totp_locked_until = now() - interval '1 second' WHERE id = 3"
check "once the lock expires, one more failure locks again" \
    "$(sql "SELECT totp_login(3, $(wrong 3))")|$(field 3 "totp_locked_until > now()")" "f|t"
sql "UPDATE users SET totp_locked_until = now() - interval '1 second' WHERE id = 3"
check "after the lock expires, the correct code is accepted" "$(sql "SELECT totp_login(3, $(code 3 30))")" "t"
check "and the count and the lock are reset" \
    "$(field 3 "totp_failed_attempts, totp_locked_until IS NULL")" "0|t"

echo "# backup codes"
enrol 4
codes=$(sql "SELECT totp_issue_backup_codes(4, 3)")
check "totp_issue_backup_codes stores a set of 3" "$(field 4 "backup_codes_remaining(backup_codes)")" "3"
check "the codes are not readable in the table" \
    "$(sql "SELECT count(*) FROM users, unnest('$codes'::text[]) AS c WHERE strpos(backup_codes, c) > 0")" "0"
c1=$(sql "SELECT ('$codes'::text[])[1]")
c2=$(sql "SELECT upper(replace(('$codes'::text[])[2], '-', ''))")
check "a backup code logs in" "$(sql "SELECT * FROM totp_login_backup_code(4, '$c1')")" "t|2"
check "the reused backup code is refused" "$(sql "SELECT * FROM totp_login_backup_code(4, '$c1')")" "f|2"
check "a wrong backup code is refused" "$(sql "SELECT * FROM totp_login_backup_code(4, 'abcde-12345')")" "f|2"
check "another code, typed in capitals without the dash, logs in" \
    "$(sql "SELECT * FROM totp_login_backup_code(4, '$c2')")" "t|1"

echo "# disable"
enrol 5
sql "SELECT totp_issue_backup_codes(5, 1)" >/dev/null
check "disable is refused with a wrong code" \
    "$(sql "SELECT totp_disable(5, $(wrong 5))")|$(field 5 "totp_secret IS NOT NULL")" "f|t"
check "disable with a current code clears secret, last step and backup codes" \
    "$(sql "SELECT totp_disable(5, $(code 5 0))")|$(field 5 "totp_secret IS NULL AND totp_last_step IS NULL AND backup_codes IS NULL")" "t|t"
check "then login has no second factor to check" \
    "$(sql "SELECT totp_login(5, $(code 5 0))")|$(sql "SELECT second_factor_required(5)")" "f|none"

echo "# rebind"
enrol 6
old=$(field 6 totp_secret)
check "totp_enrol_begin cannot replace an active secret" "$(sql "SELECT count(*) FROM totp_enrol_begin(6)")" "0"
check_match "totp_rebind_begin returns a new URI and QR code" \
    "$(sql "SELECT uri, left(qr_svg, 5) FROM totp_rebind_begin(6)")" '^otpauth://totp/ACME:rebind%40example\.com\?secret=.*\|<svg $'
check "until confirmed, the old secret still logs in" "$(sql "SELECT totp_login(6, $(code 6 0))")" "t"
check "a code of the new secret confirms the rebind" \
    "$(sql "SELECT totp_enrol_confirm(6, $(code 6 0 totp_pending_secret))")" "t"
check "the old secret's next code is refused" \
    "$(sql "SELECT totp_login(6, totp_code('$old', now() + interval '30 seconds'))")" "f"
check "the new secret's next code is accepted" "$(sql "SELECT totp_login(6, $(code 6 30))")" "t"

echo "# concurrent requests, queued behind a held row lock"
enrol 9
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# hold_row_lock: lock user 9's row for a second in a session of its own (in the background),
# and return once the lock is held, so that the requests started next all wait for it.
hold_row_lock() {
    psql -X -q -At -v ON_ERROR_STOP=1 -d "$dbname" -c "BEGIN" \
        -c "SELECT FROM users WHERE id = 9 FOR UPDATE" -c "SELECT pg_sleep(1) /* holder */" -c "COMMIT" &
    until [[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%/* holder */'
                        AND pid <> pg_backend_pid()")" == 1 ]]; do
        sleep 0.05
    done
}
hold_row_lock
for i in 1 2 3 4; do
    sql "SELECT totp_login(9, $(wrong 9))" >"$work/wrong.$i" &
done
wait
check "4 concurrent wrong codes are all counted" "$(field 9 totp_failed_attempts)" "4"
typed=$(sql "SELECT $(code 9 30)")
hold_row_lock
for i in 1 2 3; do
    sql "SELECT totp_login(9, '$typed')" >"$work/same.$i" &
done
wait
check "3 concurrent logins with one code: exactly one is accepted" \
    "$(cat "$work"/same.* | sort | tr -d '\n')" "fft"

echo "# staged rollout"
check "switch off: a user without 2FA needs none" "$(sql "SELECT second_factor_required(7)")" "none"
sql "UPDATE second_factor_settings SET required_for_all = true" >/dev/null
sql "INSERT INTO second_factor_exempt (user_id, reason) VALUES (8, 'service account')" >/dev/null
check "switch on: a non-exempt user without 2FA must enrol" "$(sql "SELECT second_factor_required(7)")" "enrol"
check "switch on: an exempt user passes without a second factor" "$(sql "SELECT second_factor_required(8)")" "none"
check "a user with 2FA on must pass it" "$(sql "SELECT second_factor_required(1)")" "verify"
