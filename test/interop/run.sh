#!/usr/bin/env bash
# Interop suite: our SQLite extension against otplib (npm) and oathtool (Debian) on the same
# deterministic TOTP/HOTP cases, then our otpauth URIs read back by otplib's parser, and
# otplib's URIs read back by our otpauth_parse.
# SQLITE_EXT: the extension to load, as for .load (default: the repo's sqlite/totp).
# Last line "N passed, N failed"; exit status non-zero on any failure or if it cannot run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ext="${SQLITE_EXT:-$(cd "$here/../.." && pwd)/sqlite/totp}"

# Still end on a summary line, so that a suite that could not run is counted as failed.
cannot_run() {
    echo "interop: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

for tool in node npm oathtool sqlite3; do
    command -v "$tool" >/dev/null || cannot_run "$tool is not installed"
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [[ ! -d "$here/node_modules" ]]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
        cannot_run "npm ci failed in $here"
fi

printf '.load "%s"\n' "$ext" | sqlite3 -bail -batch :memory: 2>"$tmp/load.err" ||
    cannot_run "cannot load the SQLite extension $ext (build it with make): $(cat "$tmp/load.err")"

# Runs a SQL file with our extension loaded, rows tab-separated. A failing statement only
# loses its own rows (reported by the comparisons), but its error and a crash are shown here.
run_sql() {
    local status=0
    sqlite3 -batch -cmd ".load \"$ext\"" -cmd ".mode tabs" :memory: <"$1" 2>"$tmp/sqlite.err" ||
        status=$?
    sed 's/^/sqlite: /' "$tmp/sqlite.err" >&2
    if ((status > 1)); then
        echo "sqlite: sqlite3 exited with status $status" >&2
    fi
}

# oathtool's HOTP is SHA-1 only; its TOTP with a 1 s step at time C is the HOTP code for
# counter C, which covers SHA-256 and SHA-512.
oath_code() {
    local kind="$1" secret="$2" at="$3" digits="$4" period="$5" alg="${6^^}"
    if [[ "$kind" == totp ]]; then
        oathtool --totp="$alg" -d "$digits" -s "${period}s" -N "@$at" --base32 "$secret"
    elif [[ "$alg" == SHA1 ]]; then
        oathtool -c "$at" -d "$digits" --base32 "$secret"
    else
        oathtool --totp="$alg" -d "$digits" -s 1s -N "@$at" --base32 "$secret"
    fi
}

passed=0
failed=0
# Each part ends with "N passed, N failed": show what it found and add up its counts.
tally() {
    local name="$1" out="$2" p f
    [[ "$(tail -n 1 "$out")" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]] ||
        cannot_run "$name: no summary line"
    p="${BASH_REMATCH[1]}" f="${BASH_REMATCH[2]}"
    sed '$d' "$out"
    echo "interop $name: $((p + f)) checks, $f failed"
    passed=$((passed + p))
    failed=$((failed + f))
}

node "$here/gen-cases.mjs" >"$tmp/cases.tsv" || cannot_run "generating the cases with otplib failed"
while IFS=$'\t' read -r kind secret at digits period alg _; do
    oath_code "$kind" "$secret" "$at" "$digits" "$period" "$alg" || echo "oathtool-error"
done <"$tmp/cases.tsv" >"$tmp/oath.txt"
paste "$tmp/cases.tsv" "$tmp/oath.txt" >"$tmp/expected.tsv"
awk -f "$here/cases-sql.awk" "$tmp/cases.tsv" >"$tmp/cases.sql"
run_sql "$tmp/cases.sql" >"$tmp/ours.tsv"
awk -f "$here/compare.awk" "$tmp/ours.tsv" "$tmp/expected.tsv" >"$tmp/codes.out" ||
    cannot_run "comparing the codes failed"
tally "codes ($(wc -l <"$tmp/cases.tsv") cases)" "$tmp/codes.out"

node "$here/uri-sql.mjs" >"$tmp/uris.sql"
run_sql "$tmp/uris.sql" >"$tmp/uris.tsv"
node "$here/check-uris.mjs" "$tmp/uris.tsv" >"$tmp/uris.out" || cannot_run "checking the URIs with otplib failed"
tally "otpauth URI round trips" "$tmp/uris.out"

node "$here/parse-uris.mjs" sql >"$tmp/parse.sql"
run_sql "$tmp/parse.sql" >"$tmp/parse.tsv"
node "$here/parse-uris.mjs" check "$tmp/parse.tsv" >"$tmp/parse.out" ||
    cannot_run "checking otpauth_parse against otplib's URIs failed"
tally "otpauth_parse of otplib's URIs" "$tmp/parse.out"

echo "$passed passed, $failed failed"
((failed == 0))
