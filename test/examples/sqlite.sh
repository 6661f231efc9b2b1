#!/usr/bin/env bash
# The SQLite login schema (examples/sqlite): every flow file run as it is, each run in its
# own sqlite3 process (a connection of its own) on one database file, with its named
# parameters bound through the shell's parameter table. The time is passed as :now, so the
# checks can also move the clock (drift, lock expiry). The authenticator is played by
# totp_code() on the stored (sealed) secret.
#   sqlite.sh EXT EXAMPLES_DIR WORK_DIR   (TOTP_KEYRING names the keyring)
set -euo pipefail
ext="$1" examples="$2" work="$3"
engine=sqlite
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

db="$work/app.db"
rm -f "$db"

# sql: run the SQL on stdin (or in $1) on the database, in a new connection.
sql() {
    sqlite3 -batch -bail -init /dev/null -cmd ".load $ext" -cmd ".timeout 5000" "$db" "$@"
}

# flow NAME [PARAM=SQL-EXPRESSION...]: run examples/sqlite/NAME.sql, its parameters bound
# to the values of the expressions (evaluated first, in the same connection).
flow() {
    local name="$1" p
    shift
    {
        echo ".parameter init"
        for p in "$@"; do
            echo "REPLACE INTO temp.sqlite_parameters (key, value) VALUES (':${p%%=*}', ${p#*=});"
        done
        cat "$examples/$name.sql"
    } | sql
}

# code ID OFFSET [COLUMN]: SQL for the code user ID's authenticator shows at T + OFFSET.
code() {
    echo "(SELECT totp_code(${3:-totp_secret}, $T + $2) FROM users WHERE id = $1)"
}
# wrong ID AT: SQL for a well-formed code that is none of user ID's codes near time AT.
wrong() {
    echo "(SELECT min(column1) FROM (VALUES ('000000'), ('111111'), ('222222'), ('333333'), ('444444'))
            WHERE column1 NOT IN (SELECT totp_code(totp_secret, $2 + 30 * k.value)
                                    FROM users, generate_series(-2, 2) AS k WHERE id = $1))"
}
# field ID COLUMN: a column of user ID as it is stored.
field() {
    sql "SELECT $2 FROM users WHERE id = $1;"
}

# One fixed "now" for the run (the checks add offsets to it).
T=$(date +%s)

sql <"$examples/schema.sql"
sql "INSERT INTO users (id, email) VALUES (1, 'alice@example.com'), (2, 'drift@example.com'),
       (3, 'throttle@example.com'), (4, 'backup@example.com'), (5, 'disable@example.com'),
       (6, 'rebind@example.com'), (7, 'plain@example.com'), (8, 'service@example.com'),
       (9, 'busy@example.com');"

# enrol ID: enrol_begin, then confirm with the code of the step before T (so that the
# codes of T and T + 30 are still unused).
enrol() {
    flow enrol_begin user_id="$1" >/dev/null
    flow enrol_confirm user_id="$1" code="$(code "$1" -30 totp_pending_secret)" now="$T" >/dev/null
}

echo "# enrol, confirm, replay"
out=$(flow enrol_begin user_id=1)
check_match "enrol returns the otpauth URI and its QR code (SVG)" "$out" \
    '^otpauth://totp/ACME:alice%40example\.com\?secret=[A-Z2-7]{32}&issuer=ACME\|<svg '
check "the pending secret is stored sealed, 2FA still off" \
    "$(field 1 "totp_pending_secret LIKE 'totp:v1:k2026:%', totp_secret IS NULL")" "1|1"
check "a wrong first code does not confirm" \
    "$(flow enrol_confirm user_id=1 code="$(wrong 1 "$T")" now="$T")" ""
check "the first code confirms: 2FA on" \
    "$(flow enrol_confirm user_id=1 code="$(code 1 0 totp_pending_secret)" now="$T")" "1"
check "the confirming code is refused at login" \
    "$(flow login user_id=1 code="$(code 1 0)" now="$T")" "0"
check "the next code logs in" "$(flow login user_id=1 code="$(code 1 30)" now="$T")" "1"
check "the replayed code is refused" "$(flow login user_id=1 code="$(code 1 30)" now="$T")" "0"

echo "# drift window 1 (user 2 logs in five minutes after enrolling)"
enrol 2
N=$((T + 300))
check "a code two steps old is refused" "$(flow login user_id=2 code="$(code 2 240)" now="$N")" "0"
check "a code two steps ahead is refused" "$(flow login user_id=2 code="$(code 2 360)" now="$N")" "0"
check "a code one step old is accepted" "$(flow login user_id=2 code="$(code 2 270)" now="$N")" "1"
check "a code one step ahead is accepted" "$(flow login user_id=2 code="$(code 2 330)" now="$N")" "1"

echo "# throttling (each attempt a separate sqlite3 process)"
enrol 3
for c in "$(wrong 3 "$T")" "'abcdef'" "''" "'12345678'"; do
    flow login user_id=3 code="$c" now="$T" >/dev/null
done
check "wrong and malformed codes refused without an error, each counted" \
    "$(field 3 totp_failed_attempts)" "4"
check "a success resets the count" \
    "$(flow login user_id=3 code="$(code 3 0)" now="$T")|$(field 3 totp_failed_attempts)" "1|0"
for _ in 1 2 3 4 5; do
    flow login user_id=3 code="$(wrong 3 "$T")" now="$T" >/dev/null
done
check "failures from separate connections add up: 5 lock the account for 900 s" \
    "$(field 3 "totp_failed_attempts, totp_locked_until - $T")" "5|900"
check "while locked, the correct code is refused" \
    "$(flow login user_id=3 code="$(code 3 30)" now="$((T + 1))")" "0"
check "once the lock expires, one more failure locks again" \
    "$(flow login user_id=3 code="$(wrong 3 $((T + 900)))" now="$((T + 900))")|$(field 3 "totp_locked_until - $T")" "0|1800"
check "after the lock expires, the correct code is accepted" \
    "$(flow login user_id=3 code="$(code 3 1800)" now="$((T + 1800))")" "1"
check "and the count and the lock are reset" \
    "$(field 3 "totp_failed_attempts, totp_locked_until IS NULL")" "0|1"

echo "# backup codes"
enrol 4
# issue_backup_codes.sql as an application runs it: the first statement's codes, shown
# once, are bound as :codes to the second.
issue_backup_codes() {
    local first second
    first=$(awk '/^SELECT /, /;$/' "$examples/issue_backup_codes.sql")
    second=$(awk '/^UPDATE /, /;$/' "$examples/issue_backup_codes.sql")
    sql <<SQL
.parameter init
REPLACE INTO temp.sqlite_parameters (key, value) VALUES (':user_id', $1), (':count', $2);
CREATE TEMP TABLE shown AS ${first%;};
REPLACE INTO temp.sqlite_parameters (key, value) SELECT ':codes', codes FROM shown;
$second
SELECT codes FROM shown;
SQL
}
out=$(issue_backup_codes 4 3)
codes=$(tail -n 1 <<<"$out")
check "issue_backup_codes stores a set of 3" "$(head -n 1 <<<"$out")" "3"
check "the codes are not readable in the table" \
    "$(sql "SELECT count(*) FROM users, json_each('$codes') AS c WHERE instr(users.backup_codes, c.value) > 0;")" "0"
c1=$(sql "SELECT json_extract('$codes', '\$[0]');")
c2=$(sql "SELECT upper(replace(json_extract('$codes', '\$[1]'), '-', ''));")
check "a backup code logs in" "$(flow login_backup_code user_id=4 code="'$c1'" now="$T")" "1|2"
check "the reused backup code is refused" "$(flow login_backup_code user_id=4 code="'$c1'" now="$T")" "0|2"
check "a wrong backup code is refused" "$(flow login_backup_code user_id=4 code="'abcde-12345'" now="$T")" "0|2"
check "another code, typed in capitals without the dash, logs in" \
    "$(flow login_backup_code user_id=4 code="'$c2'" now="$T")" "1|1"

echo "# disable"
enrol 5
issue_backup_codes 5 1 >/dev/null
check "disable is refused with a wrong code" \
    "$(flow disable user_id=5 code="$(wrong 5 "$T")" now="$T")|$(field 5 "totp_secret IS NOT NULL")" "0|1"
check "disable with a current code clears secret, last step and backup codes" \
    "$(flow disable user_id=5 code="$(code 5 0)" now="$T")|$(field 5 "totp_secret IS NULL AND totp_last_step IS NULL AND backup_codes IS NULL")" "1|1"
check "then login has no second factor to check" \
    "$(flow login user_id=5 code="$(code 5 0)" now="$T")|$(flow second_factor_required user_id=5)" "|none"

echo "# rebind"
enrol 6
old=$(field 6 totp_secret)
check "enrol_begin cannot replace an active secret" "$(flow enrol_begin user_id=6)" ""
check_match "rebind_begin returns a new URI and QR code" "$(flow rebind_begin user_id=6)" '^otpauth://totp/ACME:rebind%40example\.com\?secret=.*\|<svg '
check "until confirmed, the old secret still logs in" \
    "$(flow login user_id=6 code="$(code 6 0)" now="$T")" "1"
check "a code of the new secret confirms the rebind" \
    "$(flow enrol_confirm user_id=6 code="$(code 6 0 totp_pending_secret)" now="$T")" "1"
check "the old secret's next code is refused" \
    "$(flow login user_id=6 code="(SELECT totp_code('$old', $T + 30))" now="$T")" "0"
check "the new secret's next code is accepted" \
    "$(flow login user_id=6 code="$(code 6 30)" now="$T")" "1"

echo "# concurrent requests, queued behind a held write lock"
enrol 9
# hold_write_lock: take the database's write lock for a second in a connection of its own
# (in the background), and return once it is held, so that the requests started next all
# wait for it (their busy timeout is 5 s).
hold_write_lock() {
    rm -f "$work/locked"
    printf 'BEGIN IMMEDIATE;\n.shell touch %s/locked\n.shell sleep 1\nCOMMIT;\n' "$work" | sql &
    until [[ -e "$work/locked" ]]; do
        sleep 0.05
    done
}
hold_write_lock
for i in 1 2 3 4; do
    flow login user_id=9 code="$(wrong 9 "$T")" now="$T" >"$work/wrong.$i" &
done
wait
check "4 concurrent wrong codes are all counted" "$(field 9 totp_failed_attempts)" "4"
hold_write_lock
for i in 1 2 3; do
    flow login user_id=9 code="$(code 9 30)" now="$T" >"$work/same.$i" &
done
wait
check "3 concurrent logins with one code: exactly one is accepted" \
    "$(cat "$work"/same.* | sort | tr -d '\n')" "001"

echo "# staged rollout"
check "switch off: a user without 2FA needs none" "$(flow second_factor_required user_id=7)" "none"
sql "UPDATE second_factor_settings SET required_for_all = 1;
     INSERT INTO second_factor_exempt (user_id, reason) VALUES (8, 'service account');"
check "switch on: a non-exempt user without 2FA must enrol" "$(flow second_factor_required user_id=7)" "enrol"
check "switch on: an exempt user passes without a second factor" "$(flow second_factor_required user_id=8)" "none"
check "a user with 2FA on must pass it" "$(flow second_factor_required user_id=1)" "verify"
