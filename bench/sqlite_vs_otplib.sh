#!/usr/bin/env bash
# Bulk TOTP verification in SQLite against otplib in Node, on the same inputs (SPEC §5: ours
# at least 50x faster per row). From the repository root, after `make sqlite`:
#   bench/sqlite_vs_otplib.sh
# Ours: `SELECT count(*) FROM t WHERE totp_verify(secret, code, 1, at)` over ROWS rows in the
# sqlite3 shell (.load, .timer; wall-clock "real"). Peer: otplib 13.5.0's verifySync with
# epochTolerance 30 (= window 1) over the first OTPLIB_ROWS of the same rows; it costs tens of
# microseconds a row, so a full million would take a minute a round. Both run ROUNDS times,
# alternating, and the table shows medians; the counts of matches must agree on the rows both
# checked, or the script fails (a benchmark of a wrong answer means nothing).
# ROWS (1000000), OTPLIB_ROWS (100000), ROUNDS (5), SQLITE_EXT (sqlite/totp).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"
# shellcheck source=bench/common.sh
. "$here/common.sh"

rows="${ROWS:-1000000}"
peer_rows="${OTPLIB_ROWS:-100000}"
rounds="${ROUNDS:-5}"
ext="${SQLITE_EXT:-$top/sqlite/totp}"
target=50
((peer_rows <= rows)) || die "OTPLIB_ROWS ($peer_rows) must not exceed ROWS ($rows)"

for tool in node npm sqlite3; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
if [[ ! -d "$here/node_modules/otplib" ]]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed in bench/"
fi
printf '.load "%s"\n' "$ext" | sqlite3 -bail -batch :memory: ||
    die "cannot load the SQLite extension $ext (build it with make sqlite)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS
load_start="$(load)"

node "$here/sqlite_data.mjs" "$rows" >"$tmp/rows.tsv"
sqlite3 -bail -batch "$tmp/bench.db" <<SQL
CREATE TABLE t(secret TEXT NOT NULL, code TEXT NOT NULL, at INTEGER NOT NULL);
.mode tabs
.import "$tmp/rows.tsv" t
SQL

# One sqlite3 process per round, on the database file (in the page cache after the first
# scan). Each query is labelled; .timer prints "Run Time: real S user S sys S" after it.
cat >"$tmp/round.sql" <<SQL
.load "$ext"
.mode tabs
.timer on
SELECT 'scan', count(*) FROM t WHERE length(secret) + length(code) + at < 0;
SELECT 'full', count(*) FROM t WHERE totp_verify(secret, code, 1, at);
SELECT 'subset', count(*) FROM t WHERE rowid <= $peer_rows AND totp_verify(secret, code, 1, at);
SQL

declare -a scan_ms ours_ms subset_ms peer_ms
ours_count="" subset_count="" peer_count=""
for ((r = 1; r <= rounds; r++)); do
    while read -r label count ms; do
        case "$label" in
        scan) scan_ms+=("$ms") ;;
        full) ours_ms+=("$ms") ours_count="$count" ;;
        subset) subset_ms+=("$ms") subset_count="$count" ;;
        esac
    done < <(sqlite3 -bail -batch "$tmp/bench.db" <"$tmp/round.sql" |
        awk -F'\t' '/^Run Time:/ { split($0, f, " "); printf "%s %s %.1f\n", label, count, f[4] * 1000; next }
                    { label = $1; count = $2 }')
    read -r _ ms peer_count < <(node "$here/otplib_verify.mjs" "$tmp/rows.tsv" "$peer_rows")
    peer_ms+=("$ms")
done

((${#ours_ms[@]} == rounds && ${#subset_ms[@]} == rounds)) || die "sqlite3 did not time every query"
[[ "$subset_count" == "$peer_count" ]] ||
    die "on the first $peer_rows rows totp_verify matched $subset_count and otplib $peer_count"

echo "SQLite bulk verify vs otplib: median of $rounds alternating rounds, wall clock"
echo "(random 20-byte secrets, random times, random codes; window 1, so 3 HMACs a row)"
bulk_report "sqlite3 totp_verify(secret, code, 1, at)" "the same scan without totp_verify" \
    "otplib 13.5.0 verifySync, node $(node --version)" otplib
printf '  load average %s at the start, %s at the end; %d s in all\n' "$load_start" "$(load)" $((SECONDS - start))
