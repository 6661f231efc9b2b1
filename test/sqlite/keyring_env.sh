#!/usr/bin/env bash
# keyring_env: the environment variable TOTP_KEYRING, which a process sets before it starts.
# Each case is a new sqlite3 process with its own environment:
#   - without TOTP_KEYRING (or with it empty) a sealed secret is an error saying how to
#     configure a keyring, even right after another process had one;
#   - with it, sealed secrets open and totp_seal uses the file's last key, with no call;
#   - a missing file or a bad line is an error naming the file, TOTP_KEYRING and the line,
#     never a key, and plain secrets keep working meanwhile;
#   - the file is read at the first use of a keyring, not when the extension is loaded; a
#     failed read is tried again at the next use; once read, it is not read again for that
#     connection, while a new connection reads it afresh;
#   - totp_keyring('path') overrides it for its own connection only, and when it fails the
#     connection keeps the keyring it had (or still falls back to TOTP_KEYRING).
#
# Run by run.sh (as NAME.sh: from a scratch directory holding ./totp.so and ./fixtures, with
# TOTP_KEYRING unset and SQLITE3 = the shell); stdout must equal expected/keyring_env.out.
set -euo pipefail

shell="${SQLITE3:-sqlite3}"

fail() {
    echo "keyring_env: $*"
    exit 1
}

[[ -e ./totp.so ]] || fail "run from a directory holding ./totp.so (run.sh does this)"
[[ -f ./fixtures/keyring && -f ./fixtures/keyring-old ]] || fail "no ./fixtures/keyring (run.sh links it)"
command -v "$shell" >/dev/null || fail "$shell is not installed"
[[ -z "${TOTP_KEYRING+set}" ]] || fail "TOTP_KEYRING is set in the environment (run.sh unsets it)"

# Errors go to stderr, unbuffered, and results to stdout: unbuffer stdout so that each error
# follows the statement that raised it.
unbuffered=()
if command -v stdbuf >/dev/null; then
    unbuffered=(stdbuf -o0)
fi

# The RFC 4226 secret, sealed independently under k2025 and k2026 (see sealed_secrets.sql).
readonly K2025='totp:v1:k2025:AQEBAQEBAQEBAQEB5x76vTahD/MeUpamL+TxdP7EJ4Xat8AS6je7ewXLtB2r/UJ+'
readonly K2026='totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f'

# case TITLE [VAR=VALUE...] : run the SQL on stdin in a new sqlite3 process whose environment
# is this one's plus the assignments (TOTP_KEYRING is unset here), statements echoed.
case_() {
    local title="$1" status=0
    shift
    echo
    echo "== $title"
    if (($# > 0)); then
        echo "   (environment: $*)"
    else
        echo "   (environment: no TOTP_KEYRING)"
    fi
    {
        echo ".load ./totp"
        cat
    } | env "$@" "${unbuffered[@]}" "$shell" -batch -init /dev/null -echo :memory: 2>&1 || status=$?
    # 1: some statement failed, as shown above; anything else is a crash.
    ((status <= 1)) || fail "$shell exited with status $status"
}

case_ "a new process without TOTP_KEYRING has no keyring" <<SQL
SELECT 'plain secrets work', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0) IS '755224';
SELECT totp_code('$K2026', 59);
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT totp_unseal('$K2025');
SELECT totp_reseal('$K2025');
SQL

case_ "an empty TOTP_KEYRING is no keyring" TOTP_KEYRING= <<SQL
SELECT totp_code('$K2026', 59);
SQL

case_ "TOTP_KEYRING names the keyring: sealed secrets work with no call" \
    TOTP_KEYRING=fixtures/keyring <<SQL
SELECT 'k2025 and k2026 open', totp_code('$K2025', 59) IS '287082' AND totp_code('$K2026', 59) IS '287082';
SELECT 'totp_seal seals with the last key, k2026',
       totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') GLOB 'totp:v1:k2026:*';
SELECT 'totp_reseal moves k2025 to k2026', totp_reseal('$K2025') GLOB 'totp:v1:k2026:*';
SELECT 'totp_unseal', totp_unseal('$K2026') IS 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
SQL

case_ "and the next process without it has none again" <<SQL
SELECT totp_unseal('$K2026');
SQL

case_ "TOTP_KEYRING names a missing file" TOTP_KEYRING=missing-keyring <<SQL
SELECT 'plain secrets work: the file is not needed', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59) IS '287082';
SELECT totp_code('$K2026', 59);
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT totp_reseal('$K2025');
SQL

# Bad files made from the fixture keyring, so that a message echoing a line would show a key:
# its k2026 line with ':' replaced (line 5 of the file), and with a short key.
sed '5s/^k2026:/k2026 /' fixtures/keyring >bad-syntax
sed '5s/^\(k2026:.*\).$/\1/' fixtures/keyring >bad-length
printf '# no keys\n\n' >no-keys
mkdir -p a-directory
echo
echo "bad-syntax: line 5 starts '$(sed -n 5p bad-syntax | cut -c1-6)'; bad-length: line 5 has" \
    "$(sed -n 5p bad-length | cut -d: -f2 | tr -d '\n' | wc -c) hex digits"

case_ "TOTP_KEYRING names a file with a bad line" TOTP_KEYRING=bad-syntax <<SQL
SELECT totp_code('$K2026', 59);
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SQL

case_ "TOTP_KEYRING names a file with a short key" TOTP_KEYRING=bad-length <<SQL
SELECT totp_code('$K2025', 59);
SQL

case_ "TOTP_KEYRING names a file without keys" TOTP_KEYRING=no-keys <<SQL
SELECT totp_code('$K2025', 59);
SQL

case_ "TOTP_KEYRING names a directory" TOTP_KEYRING=a-directory <<SQL
SELECT totp_code('$K2025', 59);
SQL

# The file does not exist when the process starts and the extension is loaded; it appears
# (the shell's writefile) before the first sealed secret; a failed read is retried.
case_ "TOTP_KEYRING is read at the first use, not at load" TOTP_KEYRING=late-keyring <<SQL
SELECT 'plain secrets work before the file exists', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0) IS '755224';
SELECT totp_code('$K2026', 59);
SELECT 'the keyring file appears', writefile('late-keyring', readfile('fixtures/keyring')) > 0;
SELECT 'now it opens: the failed read was tried again', totp_code('$K2026', 59) IS '287082';
-- Once read, the file is not read again for this connection...
SELECT 'the file becomes keyring-old', writefile('late-keyring', readfile('fixtures/keyring-old')) > 0;
SELECT 'this connection keeps the keyring it read: k2026 opens and seals',
       totp_code('$K2026', 59) IS '287082'
   AND totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') GLOB 'totp:v1:k2026:*';
-- ...while a new connection reads it at its own first use.
.connection 1
.load ./totp
SELECT 'a new connection reads keyring-old: seals with k2025',
       totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') GLOB 'totp:v1:k2025:*';
SELECT totp_code('$K2026', 59);
.connection 0
SELECT 'connection 0 is unchanged', totp_code('$K2026', 59) IS '287082';
SQL

case_ "totp_keyring overrides TOTP_KEYRING for its connection only" \
    TOTP_KEYRING=fixtures/keyring-old <<SQL
SELECT totp_keyring('fixtures/keyring');
SELECT 'this connection seals with k2026', totp_seal('$K2025') GLOB 'totp:v1:k2026:*';
.connection 1
.load ./totp
SELECT 'another connection uses TOTP_KEYRING: k2025', totp_seal('$K2025') GLOB 'totp:v1:k2025:*';
SELECT totp_code('$K2026', 59);
SQL

case_ "a failed totp_keyring keeps what the connection had, or falls back to TOTP_KEYRING" \
    TOTP_KEYRING=fixtures/keyring-old <<SQL
SELECT totp_keyring('missing');
SELECT 'nothing loaded yet: TOTP_KEYRING is used', totp_seal('$K2025') GLOB 'totp:v1:k2025:*';
SELECT totp_keyring('bad-syntax');
SELECT 'the TOTP_KEYRING keyring is kept', totp_seal('$K2025') GLOB 'totp:v1:k2025:*';
SELECT totp_keyring('fixtures/keyring');
SELECT totp_keyring('no-keys');
SELECT 'the totp_keyring keyring is kept', totp_seal('$K2025') GLOB 'totp:v1:k2026:*';
SQL
