#!/usr/bin/env bash
# Cross-engine backup codes (run by run.sh inside its pg_virtualenv cluster, after pg.sql has
# made the database totp_cross with the extension):
#
#   backup.sh WORK_DIR SQLITE_EXT
#
# Each engine hashes the same three codes (k7m2q-x9trb, 01abc-def23, 10zzy-0x1w0); the stored
# values then travel between the engines as files. Every row of backup.tsv names its input
# (the set an engine hashed, an engine's result for an earlier row, or a fixed set) and a
# code to consume ('-': only backup_codes_remaining), and both engines evaluate it on that
# same input. Consuming is deterministic, so the two results must be byte-identical; run.sh
# also checks the remaining count against the row's expectation. Rows run in rounds, each as
# soon as its input exists, the two engines side by side.
#
# Writes WORK_DIR/backup_pg.out and WORK_DIR/backup_sqlite.out, one line per row:
# "id<TAB>remaining or NULL<TAB>resulting value, NULL, or - for a remaining-only row", and
# any error to WORK_DIR/backup.err. A row whose input never appears, or whose statement
# fails, has no line (and fails).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$1"
ext="$2"
exec 2>>"$work/backup.err"
values="$work/backup"
mkdir -p "$values"
: >"$work/backup_pg.out"
: >"$work/backup_sqlite.out"

psql_run() {
    psql -X -q -A -t -d totp_cross "$@"
}
sqlite_run() {
    sqlite3 -batch -init /dev/null -cmd ".load \"$ext\"" :memory: "$@"
}

# Stored values and codes are put into the SQL as literals: refuse anything with a quote.
literal() {
    [[ "$1" != *"'"* && "$1" != *\\* ]] || {
        echo "backup: a value or code with a quote: $1" >&2
        exit 1
    }
    printf "'%s'" "$1"
}

# The inputs every chain starts from: the set each engine hashed, and a fixed one.
psql_run -c "SELECT backup_codes_hash(ARRAY['k7m2q-x9trb', '01abc-def23', '10zzy-0x1w0'])" \
    >"$values/pg.hash.new" &
pg_pid=$!
sqlite_run "SELECT backup_codes_hash('[\"k7m2q-x9trb\",\"01abc-def23\",\"10zzy-0x1w0\"]');" \
    >"$values/sqlite.hash.new" &
sqlite_pid=$!
wait "$pg_pid" || echo "backup: PostgreSQL could not hash the codes" >&2
wait "$sqlite_pid" || echo "backup: SQLite could not hash the codes" >&2
for engine in pg sqlite; do
    if [[ -s "$values/$engine.hash.new" ]]; then
        printf '%s' "$(cat "$values/$engine.hash.new")" >"$values/$engine.hash"
    fi
done
printf '%s' 'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:FP1+fTAbtxXk' \
    >"$values/fixed"

# Rows: id, input (pg:hash, sqlite:hash, pg:ID, sqlite:ID or fixed), code, expected, note.
ids=() inputs=() codes=()
while IFS=$'\t' read -r id input code _; do
    [[ "$id" == id ]] && continue
    ids+=("$id") inputs+=("$input") codes+=("$code")
done <"$here/backup.tsv"

declare -A done_row
while :; do
    : >"$values/round.pg.sql"
    : >"$values/round.sqlite.sql"
    ready=0
    for i in "${!ids[@]}"; do
        id="${ids[$i]}" input="${inputs[$i]}" code="${codes[$i]}"
        [[ -z "${done_row[$id]:-}" ]] || continue
        file="$values/${input/:/.}"
        [[ -f "$file" ]] || continue
        done_row[$id]=1
        ready=$((ready + 1))
        stored="$(literal "$(cat "$file")")"
        if [[ "$code" == - ]]; then
            printf "SELECT '%s' || E'\\\\t' || coalesce(backup_codes_remaining(%s)::text, 'NULL') || E'\\\\t-';\n" \
                "$id" "$stored" >>"$values/round.pg.sql"
            printf "SELECT '%s' || char(9) || coalesce(backup_codes_remaining(%s), 'NULL') || char(9) || '-';\n" \
                "$id" "$stored" >>"$values/round.sqlite.sql"
        else
            # MATERIALIZED: one consume per row, not one per reference to its result.
            for engine in pg sqlite; do
                if [[ "$engine" == pg ]]; then
                    tab="E'\\t'" text="::text"
                else
                    tab="char(9)" text=""
                fi
                printf "WITH x AS MATERIALIZED (SELECT consume_backup_code(%s, %s) AS r)\n" \
                    "$stored" "$(literal "$code")" >>"$values/round.$engine.sql"
                printf "SELECT '%s' || %s || coalesce(backup_codes_remaining(r)%s, 'NULL') || %s || coalesce(r, 'NULL') FROM x;\n" \
                    "$id" "$tab" "$text" "$tab" >>"$values/round.$engine.sql"
            done
        fi
    done
    ((ready > 0)) || break

    psql_run -f "$values/round.pg.sql" >"$values/round.pg.out" 2>"$values/round.pg.err" &
    pg_pid=$!
    sqlite_run <"$values/round.sqlite.sql" >"$values/round.sqlite.out" 2>"$values/round.sqlite.err" &
    sqlite_pid=$!
    wait "$pg_pid" || true
    wait "$sqlite_pid" || true
    for engine in pg sqlite; do
        sed "s/^/backup: $engine: /" "$values/round.$engine.err" >&2
        cat "$values/round.$engine.out" >>"$work/backup_$engine.out"
        # Each non-NULL result becomes the input file ENGINE.ID of the rows that name it.
        while IFS=$'\t' read -r id _ value; do
            if [[ "$value" != NULL && "$value" != - && -n "$value" ]]; then
                printf '%s' "$value" >"$values/$engine.$id"
            fi
        done <"$values/round.$engine.out"
    done
done
