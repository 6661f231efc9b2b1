#!/usr/bin/env bash
# make demo: walk the 2FA journey (examples/demo.sql) in an in-memory SQLite
# database with the freshly built extension. Exits non-zero if any step
# misbehaves.
set -euo pipefail
cd "$(dirname "$0")/.."

ext=${SQLITE_EXT:-./sqlite/totp}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

if ! sqlite3 -cmd ".load $ext" :memory: < examples/demo.sql > "$out" 2>&1; then
	cat "$out"
	echo "demo: sqlite3 stopped with an error" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
cat "$out"
passed=$(grep -c '^ok ' "$out" || true)
failed=$(grep -c '^FAIL ' "$out" || true)
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
