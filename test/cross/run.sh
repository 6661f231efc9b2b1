#!/usr/bin/env bash
# Cross-engine test: every row of inputs.tsv (id, function, arguments; no error cases) is
# evaluated by the PostgreSQL extension (pg.sql, in a throwaway pg_virtualenv cluster) and by
# the SQLite extension (sqlite.sql); the two "id<TAB>result" lines must be byte-identical.
# Then backup.sh (in the same cluster) moves stored backup code sets between the engines:
# every row of backup.tsv consumes a code from a set one engine hashed or left, in both
# engines, whose lines must be byte-identical and show the expected remaining count.
#
# Installs the PostgreSQL extension first (`make -C pg install`, needs root) unless
# CROSS_SKIP_INSTALL is set. SQLITE_EXT: the SQLite extension, as for .load (default: the
# repo's sqlite/totp, built with `make sqlite` when missing).
# Last line "N passed, N failed" (one per row; a missing row fails); exit status non-zero on
# any failure or if the test cannot run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ext="${SQLITE_EXT:-$root/sqlite/totp}"

# Still end on a summary line, so that a test that could not run is counted as failed.
cannot_run() {
    echo "cross: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

for tool in sqlite3 psql pg_virtualenv make awk; do
    command -v "$tool" >/dev/null || cannot_run "$tool is not installed"
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [[ -z "${SQLITE_EXT:-}" && ! -e "$ext.so" ]]; then
    make -C "$root" sqlite >"$tmp/make.log" 2>&1 ||
        cannot_run "make sqlite failed: $(tail -5 "$tmp/make.log")"
fi
if [[ -f "$ext" ]]; then
    ext="$(realpath "$ext")"
elif [[ -f "$ext.so" ]]; then
    ext="$(realpath "$ext.so")"
else
    cannot_run "no SQLite extension at $ext (set SQLITE_EXT or run make sqlite)"
fi
if [[ -z "${CROSS_SKIP_INSTALL:-}" ]]; then
    make -C "$root/pg" install >"$tmp/install.log" 2>&1 ||
        cannot_run "make -C pg install failed: $(tail -5 "$tmp/install.log")"
fi

# Both engines read inputs.tsv from the working directory; the verdict reads both tables.
cp "$here/inputs.tsv" "$here/backup.tsv" "$tmp/"
cd "$tmp"

sqlite_status=0
sqlite3 -batch -init /dev/null -cmd ".load \"$ext\"" :memory: <"$here/sqlite.sql" \
    >sqlite.out 2>sqlite.err || sqlite_status=$?
if ((sqlite_status != 0)) || [[ -s sqlite.err ]]; then
    echo "cross: sqlite3 exited with status $sqlite_status:" >&2
    sed 's/^/sqlite: /' sqlite.err >&2
fi

# -t: a cluster of our own in a temporary directory, so that suites running at the same
# time (which use the default 15/regress) do not collide with us.
pg_status=0
touch pg.out backup_pg.out backup_sqlite.out
# shellcheck disable=SC2016 # the inner script takes its paths as arguments
PGCLIENTENCODING=UTF8 pg_virtualenv -t -v 15 bash -c '
    psql -X -q -v ON_ERROR_STOP=1 -f "$1" -o "$2/pg.out" || exit
    bash "$3" "$2" "$4"' cross "$here/pg.sql" "$tmp" "$here/backup.sh" "$ext" \
    >pg.log 2>&1 || pg_status=$?
if ((pg_status != 0)); then
    echo "cross: PostgreSQL side exited with status $pg_status:" >&2
    sed 's/^/pg: /' pg.log >&2
fi
if [[ -s backup.err ]]; then
    sed 's/^/cross: /' backup.err >&2
fi

# One verdict per row: both engines must print the same line for its id; for a backup.tsv
# row, that line must also show the expected remaining count (second field).
awk -F'\t' '
    FILENAME == "inputs.tsv"        { if (FNR > 1) { ids[++n] = $1; note[$1] = $2 ": " $NF }; next }
    FILENAME == "backup.tsv"        { if (FNR > 1) { ids[++n] = "b" $1; note["b" $1] = $NF
                                                     expect["b" $1] = $4 }; next }
    FILENAME == "pg.out"            { pg[$1] = $0; next }
    FILENAME == "sqlite.out"        { lite[$1] = $0; next }
    FILENAME == "backup_pg.out"     { pg["b" $1] = $0; remaining_pg["b" $1] = $2; next }
    FILENAME == "backup_sqlite.out" { lite["b" $1] = $0; next }
    END {
        for (i = 1; i <= n; i++) {
            id = ids[i]
            if ((id in pg) && (id in lite) && pg[id] == lite[id] &&
                (!(id in expect) || remaining_pg[id] == expect[id])) {
                passed++
                continue
            }
            failed++
            if (id in expect) {
                printf "FAILED  backup.tsv row %s (%s)\n", substr(id, 2), note[id]
                printf "        expected remaining: %s\n", expect[id]
            } else
                printf "FAILED  row %s (%s)\n", id, note[id]
            printf "        postgresql: %s\n", (id in pg) ? pg[id] : "(missing)"
            printf "        sqlite:     %s\n", (id in lite) ? lite[id] : "(missing)"
        }
        if (n == 0) {
            print "FAILED  inputs.tsv has no rows"
            failed = 1
        }
        printf "%d passed, %d failed\n", passed, failed
        exit failed > 0
    }
' inputs.tsv backup.tsv pg.out sqlite.out backup_pg.out backup_sqlite.out
