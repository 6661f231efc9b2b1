#!/usr/bin/env bash
# The README's login transaction under pgbench, against the same transaction without TOTP
# (SPEC §5: TOTP keeps at least 90% of the TPS). From the repository root, as root (or a
# user pg_virtualenv works for):
#   bench/pgbench.sh
# Installs the extension (make -C pg install), starts a throwaway cluster (pg_virtualenv)
# whose totp.keyring names a copy of test/fixtures/keyring, makes 100,000 users
# (bench/pgbench_setup.sql), warms up with a short run of each script, then runs ROUNDS
# rounds, the order rotating from one round to the next, of
#   pgbench -n -M MODE -c CLIENTS -j CLIENTS -T DURATION -f SCRIPT
# for each script: pgbench_baseline.sql (the transaction without TOTP), pgbench_login.sql
# (statement 3 of the README, plain secrets), and on the table of sealed secrets (longer rows)
# its own baseline pgbench_baseline_sealed.sql and pgbench_login_sealed.sql.
# Codes are random, so the login almost always fails, as the baseline does: neither writes,
# and the difference is the cost of the verify.
# The table shows median TPS and, as the verdict, the median over rounds of each round's TPS
# ratio (the runs of a round are back to back, so a change in other load between rounds
# cancels out). Also the CPU time per transaction of the server backends and pgbench
# together: on a shared machine other work takes cores away and moves TPS a lot, CPU per
# transaction much less, and its ratio is roughly the TPS ratio the cores would give if free.
# MODE is pgbench's query mode: prepared (the default) plans once per connection, which makes
# the transaction cheapest and the verify's share largest; extended and simple plan each time.
# ROUNDS (5), DURATION (10 s), WARMUP (3 s), CLIENTS (2), MODE (prepared), PG_VERSION (15).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"
# shellcheck source=bench/common.sh
. "$here/common.sh"

export ROUNDS="${ROUNDS:-5}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-3}" CLIENTS="${CLIENTS:-2}"
export MODE="${MODE:-prepared}"
pg_version="${PG_VERSION:-15}"
target=90
scripts=(baseline login baseline_sealed login_sealed)

# Inside the cluster (pg_virtualenv runs this script again with --in-cluster DIR): make the
# tables, then one line per pgbench run into DIR/results.txt:
#   round script tps transactions server_cpu_s client_cpu_s
# The backends' CPU time is what the postmaster's reaped children (fields cutime and cstime
# of /proc/PID/stat) gained during the run: pgbench's backends exit when it ends.
if [[ "${1:-}" == --in-cluster ]]; then
    out="$2"
    psql -X -q -f "$here/pgbench_setup.sql"
    postmaster="$(head -n 1 "$(psql -XAt -c 'SHOW data_directory')/postmaster.pid")"
    ticks="$(getconf CLK_TCK)"
    children_cpu() { awk '{ print $16 + $17 }' "/proc/$postmaster/stat"; }
    run() { # script seconds log
        pgbench -n -M "$MODE" -c "$CLIENTS" -j "$CLIENTS" -T "$2" -f "$here/pgbench_$1.sql" >"$3" 2>&1 || {
            cat "$3" >&2
            exit 1
        }
    }
    for s in "${scripts[@]}"; do
        run "$s" "$WARMUP" "$out/warmup.log"
    done
    TIMEFORMAT='%U %S'
    for ((r = 0; r < ROUNDS; r++)); do
        for ((k = 0; k < ${#scripts[@]}; k++)); do
            s="${scripts[(r + k) % ${#scripts[@]}]}"
            log="$out/$s.$r.log"
            before="$(children_cpu)"
            { time run "$s" "$DURATION" "$log"; } 2>"$out/time"
            sleep 0.5 # for the postmaster to reap the backends
            after="$(children_cpu)"
            tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$log")"
            txs="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$log")"
            failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$log")"
            [[ -n "$tps" && -n "$txs" && "${failed:-0}" == 0 ]] || {
                cat "$log" >&2
                exit 1
            }
            read -r user sys <"$out/time"
            echo "$r $s $tps $txs $(calc "($after - $before) / $ticks") $(calc "$user + $sys")" >>"$out/results.txt"
        done
    done
    exit 0
fi

for tool in make pg_config pg_virtualenv pgbench; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done

tmp="$(mktemp -d)"
keyring="$(mktemp -d "${TMPDIR:-/tmp}/totp-keyring.XXXXXX")"
trap 'rm -rf "$tmp" "$keyring"' EXIT
chmod 755 "$tmp"
start=$SECONDS
load_start="$(load)"

# The keyring where the server, and only the server, can read it (as test/pg/run.sh does).
cp "$top/test/fixtures/keyring" "$keyring/keyring"
chmod 700 "$keyring"
chmod 600 "$keyring/keyring"
if ((EUID == 0)); then
    chown -R postgres:postgres "$keyring"
fi

make -C "$top/pg" install >"$tmp/install.log" 2>&1 || {
    cat "$tmp/install.log" >&2
    die "make -C pg install failed"
}

pg_virtualenv -t -v "$pg_version" -o shared_buffers=256MB -o "totp.keyring=$keyring/keyring" \
    bash "$here/pgbench.sh" --in-cluster "$tmp" >"$tmp/run.log" 2>&1 || {
    cat "$tmp/run.log" >&2
    die "the benchmark failed in the cluster"
}

declare -A tps cpu round_tps
while read -r r s t txs server client; do
    tps[$s]+="$t "
    cpu[$s]+="$(calc "1e6 * ($server + $client) / $txs") "
    round_tps[$r.$s]="$t"
done <"$tmp/results.txt"
for s in "${scripts[@]}"; do
    read -ra runs <<<"${tps[$s]:-}"
    ((${#runs[@]} == ROUNDS)) || die "not every pgbench run of $s reported its TPS"
done

# Each login is compared with the baseline on its own table.
declare -A base_of=([login]=baseline [login_sealed]=baseline_sealed)
echo "pgbench login transaction: -M $MODE -c $CLIENTS -j $CLIENTS -T $DURATION, median of $ROUNDS rotating rounds"
echo "(100,000 users, a random user and a random, so wrong, code per transaction)"
printf '  %-44s %10s %8s  %-13s %9s %8s  %s\n' "" "median TPS" "% base" "runs (TPS)" \
    "CPU us/tx" "% base" "runs (CPU us/tx)"
row() {
    local name="$1" s="$2" base="${3:-$2}" m c
    # shellcheck disable=SC2086
    m="$(median ${tps[$s]})" c="$(median ${cpu[$s]})"
    # shellcheck disable=SC2086
    printf '  %-44s %10.0f %7.1f%%  %-13s %9.2f %7.1f%%  %s\n' "$name" "$m" \
        "$(calc "100 * $m / $(median ${tps[$base]})")" "$(spread ${tps[$s]})" "$c" \
        "$(calc "100 * $(median ${cpu[$base]}) / $c")" "$(spread ${cpu[$s]})"
}
row "baseline: same UPDATE, code compared as text" baseline
row "README login statement 3, plain secrets" login baseline
row "baseline on the sealed table" baseline_sealed
row "README login statement 3, sealed secrets" login_sealed baseline_sealed
echo "  (% base: of the baseline's median TPS; CPU: server backends + pgbench, baseline / this)"
for s in login login_sealed; do
    ratios=()
    for ((r = 0; r < ROUNDS; r++)); do
        ratios+=("$(calc "100 * ${round_tps[$r.$s]} / ${round_tps[$r.${base_of[$s]}]}")")
    done
    pct="$(median "${ratios[@]}")"
    printf '  %s secrets keep %.1f%% of the TPS (median of the per-round ratios, %s); target >= %s%%: %s\n' \
        "$([[ $s == login ]] && echo plain || echo sealed)" "$pct" "$(spread "${ratios[@]}")" \
        "$target" "$(verdict "$pct" "$target")"
done
printf '  load average %s at the start, %s at the end; %d s in all\n' "$load_start" "$(load)" $((SECONDS - start))
