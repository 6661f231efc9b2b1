#!/usr/bin/env bash
# concurrency: the README's statement 5 (log in with a backup code) run at the same time by
# separate sqlite3 processes on one database file, in WAL and in the default rollback-journal
# mode. Each connection has `.timeout 5000`. Connection A runs BEGIN IMMEDIATE and statement 5
# and keeps its transaction open; B (and C) start BEGIN IMMEDIATE and statement 5 and wait in
# their busy handlers; then A commits. With the same code, exactly one connection gets a row
# and the stored set loses exactly that code; with two different codes, both get a row and
# the set loses both.
#
# Run by run.sh (as NAME.sh: from a scratch directory holding ./totp.so, SQLITE3 = the shell;
# stdout must equal expected/concurrency.out). Every step is driven through fifos: commands go
# to each sqlite3 on its stdin, and the script reads its stdout up to a `.print` marker, so
# nothing depends on sleeping for long enough. Every wait is bounded (WAIT seconds). That B
# is really waiting when A commits is seen in /proc/PID/wchan (the busy handler sleeps in
# nanosleep); where the kernel does not show it, a short pause stands in for it.
set -euo pipefail

shell="${SQLITE3:-sqlite3}"
WAIT=10

fail() {
    echo "concurrency: $*"
    exit 1
}

[[ -e ./totp.so ]] || fail "run from a directory holding ./totp.so (run.sh does this)"
command -v "$shell" >/dev/null || fail "$shell is not installed"
command -v mkfifo >/dev/null || fail "mkfifo is not installed"
command -v stdbuf >/dev/null || fail "stdbuf is not installed (sqlite3's output must be unbuffered)"

# k7m2q-x9trb, 01abc-def23 and 10zzy-0x1w0 stored at cost 1000 (cheap: the test is about
# locking, not cost), and what must be left after consuming the first, and the first two
# (made independently with Python; see backup_codes.sql).
readonly SET3='totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:FP1+fTAbtxXk'
readonly SET3_WITHOUT_FIRST='totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:/f1cDLvoTWC2'
readonly SET3_ONLY_THIRD='totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:FyMvjKxteGLWbToDs/cbFg==:cCb/NBv49SEp'

# Statement 5 of the README, verbatim.
read -r -d '' STATEMENT5 <<'SQL' || true
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;
SQL
# The same without its COMMIT, for the connection that holds its transaction open.
STATEMENT5_OPEN="${STATEMENT5%COMMIT;}"

declare -A pid_of in_fd out_fd
started=()

cleanup() {
    local p
    for p in "${started[@]}"; do
        kill "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT

# Start connection NAME: sqlite3 on test.db, stdin and stdout through fifos. It must not
# inherit the other connections' fifo ends, or they would never see the end of their input.
connect() {
    local name="$1" fd
    mkfifo "$name.in" "$name.out"
    (
        for fd in "${in_fd[@]}" "${out_fd[@]}"; do
            exec {fd}>&-
        done
        exec stdbuf -o0 "$shell" -batch -init /dev/null test.db <"$name.in" >"$name.out" 2>&1
    ) &
    pid_of[$name]=$!
    started+=("$!")
    exec {fd}>"$name.in"
    in_fd[$name]=$fd
    exec {fd}<"$name.out"
    out_fd[$name]=$fd
    send "$name" ".load ./totp" ".timeout 5000" ".parameter set :id 1"
}

# Send lines to connection NAME.
send() {
    local name="$1"
    shift
    printf '%s\n' "$@" >&"${in_fd[$name]}"
}

# Read connection NAME's output up to the line MARKER (printed by `.print MARKER`); the lines
# before it go to $got, joined by ' / ' ("no row" when there are none).
got=""
read_to() {
    local name="$1" marker="$2" line lines=() deadline=$((SECONDS + WAIT))
    while :; do
        ((SECONDS < deadline)) || fail "$name: no $marker within $WAIT s (so far: ${lines[*]-})"
        IFS= read -r -t "$WAIT" -u "${out_fd[$name]}" line ||
            fail "$name: no $marker within $WAIT s (so far: ${lines[*]-})"
        [[ "$line" == "$marker" ]] && break
        lines+=("$line")
    done
    if ((${#lines[@]} == 0)); then
        got="no row"
    else
        got="$(printf '%s / ' "${lines[@]}")"
        got="${got% / }"
    fi
}

# End connection NAME: close its stdin, see its output end with nothing more in it, and
# check that it exited with STATUS (sqlite3 -batch exits with 1 when a statement failed, as
# the lock probe does).
disconnect() {
    local name="$1" status="$2" fd="${in_fd[$1]}" exit_status=0 line read_status=0
    exec {fd}>&-
    fd="${out_fd[$name]}"
    IFS= read -r -t "$WAIT" -u "$fd" line || read_status=$?
    ((read_status != 0)) || fail "$name: unexpected output: $line"
    ((read_status <= 128)) || fail "$name: still running $WAIT s after the end of its input"
    exec {fd}<&-
    wait "${pid_of[$name]}" || exit_status=$?
    ((exit_status == status)) || fail "$name: sqlite3 exited with status $exit_status, not $status"
}

# Wait until connection NAME sleeps in its busy handler. The kernel names the wait channel
# (hrtimer_nanosleep, do_nanosleep...) in /proc/PID/wchan; where it shows nothing useful,
# pause briefly instead.
wait_busy() {
    local name="$1" wchan="/proc/${pid_of[$1]}/wchan" deadline=$((SECONDS + WAIT)) now
    now="$(cat "$wchan" 2>/dev/null || true)"
    if [[ -z "$now" || "$now" == 0 ]]; then
        sleep 0.5
        return
    fi
    until [[ "$(cat "$wchan" 2>/dev/null || true)" == *sleep* ]]; do
        ((SECONDS < deadline)) || fail "$name: not waiting in its busy handler within $WAIT s"
        sleep 0.01
    done
}

# One scenario: in journal mode MODE, A uses CODE_A and holds its transaction while each of
# the other connections (name=code ...) starts statement 5 and waits; then A commits.
scenario() {
    local mode="$1" title="$2" code_a="$3" name code
    shift 3
    local dir="$mode-$title"
    dir="${dir// /-}"
    mkdir "$dir"
    cd "$dir"
    ln -s ../totp.so totp.so
    "$shell" -batch -init /dev/null test.db >setup.out 2>&1 <<SQL || fail "setup: $(cat setup.out)"
PRAGMA journal_mode = $mode;
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  email               TEXT NOT NULL,
  totp_secret         TEXT,
  totp_pending_secret TEXT,
  totp_last_step      INTEGER,
  backup_codes        TEXT
);
INSERT INTO users(id, email, backup_codes) VALUES (1, 'alice@example.com', '$SET3');
SQL
    echo "== journal_mode $(cat setup.out): $title"

    connect A
    send A ".parameter set :code \"'$code_a'\"" "$STATEMENT5_OPEN" ".print @holding"
    read_to A @holding
    echo "A ($code_a): codes_left $got, transaction still open"

    for arg in "$@"; do
        name="${arg%%=*}" code="${arg#*=}"
        connect "$name"
        # Without a busy timeout BEGIN IMMEDIATE fails at once: A holds the write lock.
        send "$name" ".parameter set :code \"'$code'\"" \
            ".timeout 0" "BEGIN IMMEDIATE;" ".print @probed" \
            ".timeout 5000" ".print @begin" "$STATEMENT5" ".print @done"
        read_to "$name" @probed
        [[ "$got" == *"database is locked"* ]] ||
            fail "$name: BEGIN IMMEDIATE without a timeout should be locked out, got: $got"
        read_to "$name" @begin
        wait_busy "$name"
        echo "$name ($code): BEGIN IMMEDIATE is locked out without a busy timeout, waits with one"
    done

    send A "COMMIT;" ".print @committed"
    read_to A @committed
    [[ "$got" == "no row" ]] || fail "A: COMMIT said: $got"
    echo "A: committed"
    disconnect A 0

    for arg in "$@"; do
        name="${arg%%=*}" code="${arg#*=}"
        read_to "$name" @done
        if [[ "$got" == "no row" ]]; then
            echo "$name ($code): no row"
        else
            echo "$name ($code): codes_left $got"
        fi
        disconnect "$name" 1
    done

    "$shell" -batch -init /dev/null test.db >check.out 2>&1 <<SQL || fail "check: $(cat check.out)"
.load ./totp
SELECT 'stored set: remaining ' || backup_codes_remaining(backup_codes) || ', '
       || CASE backup_codes WHEN '$SET3' THEN 'none consumed'
                            WHEN '$SET3_WITHOUT_FIRST' THEN 'exactly k7m2q-x9trb gone'
                            WHEN '$SET3_ONLY_THIRD' THEN 'exactly k7m2q-x9trb and 01abc-def23 gone'
                            ELSE 'something else' END
  FROM users WHERE id = 1;
SQL
    cat check.out
    cd ..
}

for mode in wal delete; do
    scenario "$mode" "2 connections, the same code" k7m2q-x9trb B=k7m2q-x9trb
    scenario "$mode" "3 connections, the same code" k7m2q-x9trb B=k7m2q-x9trb C=K7M2QX9TRB
    scenario "$mode" "2 connections, different codes" k7m2q-x9trb B=01abc-def23
done
