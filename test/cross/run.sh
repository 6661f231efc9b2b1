#!/usr/bin/env bash
# Cross-engine test: every row of inputs.tsv (id, function, arguments; no error cases) is
# evaluated by the PostgreSQL extension (pg.sql, in a throwaway pg_virtualenv cluster) and by
# the SQLite extension (sqlite.sql); the two "id<TAB>result" lines must be byte-identical.
#
# Sealed secrets: both engines get the test keyring (test/fixtures/keyring, copied where the
# server can read it: totp.keyring for the cluster, TOTP_KEYRING for sqlite3), and each seals
# every distinct secret of inputs.tsv. Then each engine runs its file again with every secret
# replaced by the value the *other* engine sealed: every row must give the plain row's line
# in both engines, and every secret sealed by one engine must open in the other to the same
# secret and the same code (and totp_reseal, the key being the newest, must keep it as is).
#
# Then backup.sh (in the same cluster) moves stored backup code sets between the engines:
# every row of backup.tsv consumes a code from a set one engine hashed or left, in both
# engines, whose lines must be byte-identical and show the expected remaining count.
#
# Installs the PostgreSQL extension first (`make -C pg install`, needs root) unless
# CROSS_SKIP_INSTALL is set. SQLITE_EXT: the SQLite extension, as for .load (default: the
# repo's sqlite/totp, built with `make sqlite` when missing).
# Last line "N passed, N failed" (one per row of inputs.tsv, plain and sealed; two per
# distinct secret, one per direction; one per row of backup.tsv; a missing row fails); exit
# status non-zero on any failure or if the test cannot run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# Still end on a summary line, so that a test that could not run is counted as failed.
cannot_run() {
    echo "cross: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

# shellcheck source=../lib/extensions.sh
. "$root/test/lib/extensions.sh"

for tool in sqlite3 psql pg_virtualenv make awk; do
    command -v "$tool" >/dev/null || cannot_run "$tool is not installed"
done

tmp="$(mktemp -d)"
# The keyring's own directory, which the server (user postgres when this runs as root, as
# pg_virtualenv then makes the cluster run as postgres) must be able to read.
keydir="$(mktemp -d)"
trap 'rm -rf "$tmp" "$keydir"' EXIT

resolve_sqlite_ext "$root" "$tmp"
install_pg_ext "$root" "$tmp" "${CROSS_SKIP_INSTALL:-}"

keyring="$keydir/keyring"
cp "$root/test/fixtures/keyring" "$keyring"
chmod 600 "$keyring"
if ((EUID == 0)) && id postgres >/dev/null 2>&1; then
    chown postgres:postgres "$keyring"
    chmod 711 "$keydir"
fi
export TOTP_KEYRING="$keyring"

# Both engines read inputs.tsv and sealed.tsv from the working directory: $tmp for the plain
# run (sealed.tsv maps nothing), pg_sealed/ and sqlite_sealed/ for the sealed runs, where
# sealed.tsv is what the other engine sealed. The verdict reads every output.
cp "$here/inputs.tsv" "$here/backup.tsv" "$tmp/"
printf 'secret\tvalue\n' >"$tmp/sealed.tsv"
mkdir "$tmp/pg_sealed" "$tmp/sqlite_sealed"
cp "$here/inputs.tsv" "$tmp/pg_sealed/"
cp "$here/inputs.tsv" "$tmp/sqlite_sealed/"
cd "$tmp"

# run_sqlite DIR OUT: sqlite.sql from DIR, its lines to OUT.
run_sqlite() {
    local status=0
    (cd "$1" && sqlite3 -batch -init /dev/null -cmd ".load \"$ext\"" :memory: <"$here/sqlite.sql" \
        >"$2" 2>"$2.err") || status=$?
    if ((status != 0)) || [[ -s "$2.err" ]]; then
        echo "cross: sqlite3 ($(basename "$1")) exited with status $status:" >&2
        sed 's/^/sqlite: /' "$2.err" >&2
    fi
}
run_sqlite "$tmp" "$tmp/sqlite.out"

# -t: a cluster of our own in a temporary directory, so that suites running at the same
# time (which use the default 15/regress) do not collide with us.
pg_status=0
touch pg.out pg_sealed.out sqlite_sealed.out backup_pg.out backup_sqlite.out
# The plain run, the run on SQLite's sealed secrets (from pg_sealed/), then backup.sh.
# shellcheck disable=SC2016 # the inner script takes its paths as arguments
PGCLIENTENCODING=UTF8 pg_virtualenv -t -v 15 -o "totp.keyring=$keyring" bash -c '
    psql -X -q -v ON_ERROR_STOP=1 -f "$1" -o "$2/pg.out" || exit
    cp "$2/sealed_by_sqlite.tsv" "$2/pg_sealed/sealed.tsv" || exit
    (cd "$2/pg_sealed" && psql -X -q -v ON_ERROR_STOP=1 -f "$1" -o "$2/pg_sealed.out") || exit
    bash "$3" "$2" "$4"' cross "$here/pg.sql" "$tmp" "$here/backup.sh" "$ext" \
    >pg.log 2>&1 || pg_status=$?
if ((pg_status != 0)); then
    echo "cross: PostgreSQL side exited with status $pg_status:" >&2
    sed 's/^/pg: /' pg.log >&2
fi
if [[ -s backup.err ]]; then
    sed 's/^/cross: /' backup.err >&2
fi

# SQLite on PostgreSQL's sealed secrets.
if [[ -s sealed_by_pg.tsv ]]; then
    cp sealed_by_pg.tsv sqlite_sealed/sealed.tsv
    run_sqlite "$tmp/sqlite_sealed" "$tmp/sqlite_sealed.out"
else
    echo "cross: PostgreSQL sealed no secrets (no sealed_by_pg.tsv)" >&2
fi

# One verdict per row: both engines must print the same line for its id; for a backup.tsv
# row, that line must also show the expected remaining count (second field). A row run on
# sealed secrets ("s" id) must print, in both engines, the line of the plain row. A secret
# (the n-th distinct one, "u" n) sealed by one engine must open in the other to the line both
# engines print for it plain (unsealed secret, code), and totp_reseal must leave it as it is
# ("r" n: under k2026, unchanged).
awk -F'\t' '
    FILENAME == "inputs.tsv"        { if (FNR > 1) { ids[++n] = $1; note[$1] = $2 ": " $NF
                                                     if ($3 != "\\N") secret[$3] = 1 }; next }
    FILENAME == "backup.tsv"        { if (FNR > 1) { bids[++nb] = "b" $1; note["b" $1] = $NF
                                                     expect["b" $1] = $4 }; next }
    FILENAME == "pg.out"            { pg[$1] = $0; next }
    FILENAME == "sqlite.out"        { lite[$1] = $0; next }
    FILENAME == "pg_sealed.out"     { pg_sealed[$1] = $0; next }
    FILENAME == "sqlite_sealed.out" { lite_sealed[$1] = $0; next }
    FILENAME == "backup_pg.out"     { pg["b" $1] = $0; remaining_pg["b" $1] = $2; next }
    FILENAME == "backup_sqlite.out" { lite["b" $1] = $0; next }
    function show(what, lines, id) {
        printf "        %-30s %s\n", what ":", (id in lines) ? lines[id] : "(missing)"
    }
    function ok() { passed++ }
    END {
        for (i = 1; i <= n; i++) {
            id = ids[i]
            if ((id in pg) && (id in lite) && pg[id] == lite[id]) { ok(); continue }
            failed++
            printf "FAILED  row %s (%s)\n", id, note[id]
            show("postgresql", pg, id); show("sqlite", lite, id)
        }
        for (i = 1; i <= n; i++) {
            id = ids[i]
            if ((id in pg) && (id in pg_sealed) && (id in lite_sealed) &&
                pg_sealed[id] == pg[id] && lite_sealed[id] == pg[id]) { ok(); continue }
            failed++
            printf "FAILED  row %s with sealed secrets (%s)\n", id, note[id]
            show("postgresql, plain", pg, id)
            show("postgresql, sealed by sqlite", pg_sealed, id)
            show("sqlite, sealed by postgresql", lite_sealed, id)
        }
        secrets = 0
        for (s in secret) secrets++
        for (k = 1; k <= secrets; k++) {
            u = "u" k; r = "r" k; want = r "\t1\t1"
            plain_ok = (u in pg) && (u in lite) && pg[u] == lite[u]
            if (plain_ok && (u in pg_sealed) && pg_sealed[u] == pg[u] && pg_sealed[r] == want) ok()
            else {
                failed++
                printf "FAILED  secret %d sealed by SQLite, opened by PostgreSQL\n", k
                show("plain, postgresql", pg, u); show("plain, sqlite", lite, u)
                show("opened by postgresql", pg_sealed, u); show("resealed by postgresql", pg_sealed, r)
            }
            if (plain_ok && (u in lite_sealed) && lite_sealed[u] == pg[u] && lite_sealed[r] == want) ok()
            else {
                failed++
                printf "FAILED  secret %d sealed by PostgreSQL, opened by SQLite\n", k
                show("plain, postgresql", pg, u); show("plain, sqlite", lite, u)
                show("opened by sqlite", lite_sealed, u); show("resealed by sqlite", lite_sealed, r)
            }
        }
        for (i = 1; i <= nb; i++) {
            id = bids[i]
            if ((id in pg) && (id in lite) && pg[id] == lite[id] && remaining_pg[id] == expect[id]) {
                ok()
                continue
            }
            failed++
            printf "FAILED  backup.tsv row %s (%s)\n", substr(id, 2), note[id]
            printf "        expected remaining: %s\n", expect[id]
            show("postgresql", pg, id); show("sqlite", lite, id)
        }
        if (n == 0 || secrets == 0) {
            print "FAILED  inputs.tsv has no rows or no secrets"
            failed++
        }
        printf "%d passed, %d failed\n", passed, failed
        exit failed > 0
    }
' inputs.tsv backup.tsv pg.out sqlite.out pg_sealed.out sqlite_sealed.out backup_pg.out backup_sqlite.out
