#!/usr/bin/env bash
# Bulk TOTP verification in PostgreSQL against a PL/pgSQL + pgcrypto implementation
# (bench/plpgsql_totp.sql) on the same rows (SPEC §5: ours at least 40x faster per row).
# From the repository root, as root (or a user pg_virtualenv works for):
#   bench/pg_bulk.sh
# Installs the extension (make -C pg install), starts a throwaway cluster (pg_virtualenv),
# makes ROWS deterministic rows (bench/pg_bulk_setup.sql), checks that the peer agrees with
# totp_verify on a sample, then times, ROUNDS times in turn:
#   SELECT count(*) FILTER (WHERE totp_verify(secret, code, 1, at)) FROM bench_rows
# and the same query with plpgsql_totp_verify on the first PEER_ROWS rows (the peer costs
# tens of microseconds a row), plus totp_verify on those rows and a scan without any verify.
# One backend, no parallel workers, no JIT: the per-row cost of each function on one core.
# ROWS (1000000), PEER_ROWS (20000), ROUNDS (5), PG_VERSION (15).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"
# shellcheck source=bench/common.sh
. "$here/common.sh"

rows="${ROWS:-1000000}"
peer_rows="${PEER_ROWS:-20000}"
rounds="${ROUNDS:-5}"
pg_version="${PG_VERSION:-15}"
target=40
((peer_rows <= rows)) || die "PEER_ROWS ($peer_rows) must not exceed ROWS ($rows)"

for tool in make pg_config pg_virtualenv; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
[[ -e "$(pg_config --sharedir)/extension/pgcrypto.control" ]] ||
    die "pgcrypto is not installed (contrib, in postgresql-$pg_version)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
start=$SECONDS
load_start="$(load)"

make -C "$top/pg" install >"$tmp/install.log" 2>&1 || {
    cat "$tmp/install.log" >&2
    die "make -C pg install failed"
}

ours_query='SELECT count(*) FILTER (WHERE totp_verify(secret, code, 1, at)) FROM bench_rows'
peer_query='SELECT count(*) FILTER (WHERE plpgsql_totp_verify(secret, code, 1, at)) FROM bench_subset'
ours_subset_query='SELECT count(*) FILTER (WHERE totp_verify(secret, code, 1, at)) FROM bench_subset'
scan_query='SELECT count(*) FILTER (WHERE secret <> code AND at IS NOT NULL) FROM bench_rows'
{
    echo '\set ON_ERROR_STOP on'
    echo 'SET max_parallel_workers_per_gather = 0;'
    echo 'SET jit = off;'
    # Warm up: the table into shared buffers, both functions' caches.
    echo "SELECT 'warm', ms, matches FROM bench_time(\$q\$$scan_query\$q\$);"
    echo "SELECT 'warm', ms, matches FROM bench_time(\$q\$$peer_query WHERE id <= 100\$q\$);"
    echo "SELECT 'warm', ms, matches FROM bench_time(\$q\$$ours_subset_query\$q\$);"
    for ((r = 1; r <= rounds; r++)); do
        echo "SELECT 'ours', ms, matches FROM bench_time(\$q\$$ours_query\$q\$);"
        echo "SELECT 'peer', ms, matches FROM bench_time(\$q\$$peer_query\$q\$);"
        echo "SELECT 'ours_subset', ms, matches FROM bench_time(\$q\$$ours_subset_query\$q\$);"
        echo "SELECT 'scan', ms, matches FROM bench_time(\$q\$$scan_query\$q\$);"
    done
} >"$tmp/rounds.sql"

# shellcheck disable=SC2016 # $1.. belong to the inner shell
pg_virtualenv -t -v "$pg_version" -o shared_buffers=256MB bash -c '
    psql -X -q -v rows="$1" -v peer_rows="$2" -f "$3/pg_bulk_setup.sql" &&
    psql -X -q -At -F " " -f "$4/rounds.sql" >"$4/results.txt"' \
    pg_virtualenv "$rows" "$peer_rows" "$here" "$tmp" >"$tmp/run.log" 2>&1 || {
    cat "$tmp/run.log" >&2
    die "the benchmark failed in the cluster"
}

declare -a ours_ms peer_ms subset_ms scan_ms
ours_count="" peer_count="" subset_count=""
while read -r label ms count; do
    case "$label" in
    ours) ours_ms+=("$ms") ours_count="$count" ;;
    peer) peer_ms+=("$ms") peer_count="$count" ;;
    ours_subset) subset_ms+=("$ms") subset_count="$count" ;;
    scan) scan_ms+=("$ms") ;;
    esac
done <"$tmp/results.txt"
((${#ours_ms[@]} == rounds && ${#peer_ms[@]} == rounds)) || die "not every query was timed"
[[ "$peer_count" == "$subset_count" ]] ||
    die "on the first $peer_rows rows totp_verify matched $subset_count and the peer $peer_count"

echo "PostgreSQL $pg_version bulk verify vs PL/pgSQL + pgcrypto: median of $rounds alternating rounds"
echo "(one backend, no parallel workers, no JIT; random 20-byte secrets, random codes, window 1)"
bulk_report "totp_verify(secret, code, 1, at)" "the same scan without a verify" \
    "plpgsql_totp_verify (PL/pgSQL + pgcrypto hmac)" PL/pgSQL
printf '  load average %s at the start, %s at the end; %d s in all\n' "$load_start" "$(load)" $((SECONDS - start))
