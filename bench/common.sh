# shellcheck shell=bash
# Helpers sourced by the bench/*.sh scripts. Benchmarks print; they never fail on a ratio.

# median N...: the median of the numbers given (the mean of the middle two for an even count).
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# spread N...: "min..max" of the numbers given, to show how noisy the runs were.
spread() {
    printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 }
        END { f = hi >= 1000 ? "%.0f..%.0f" : "%.4g..%.4g"; printf f, lo, hi }'
}

# load: the 1-minute load average; other work on the machine skews every number.
load() {
    cut -d ' ' -f 1 /proc/loadavg
}

# verdict RATIO TARGET: "holds" when RATIO >= TARGET, else "MISSED".
verdict() {
    awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "holds" : "MISSED" }'
}

# calc EXPR: floating-point arithmetic (awk), printed with 4 significant digits.
calc() {
    awk "BEGIN { printf \"%.4g\", $1 }"
}

die() {
    echo "bench: $*" >&2
    exit 1
}

# bulk_report OURS_LABEL SCAN_LABEL PEER_LABEL PEER_NAME: the table and verdict of a bulk
# verify benchmark (bench/sqlite_vs_otplib.sh, bench/pg_bulk.sh), from the caller's variables:
# rows, peer_rows and target; the per-round times in ms ours_ms (all rows), subset_ms (ours on
# the peer's rows), scan_ms (all rows, no verify) and peer_ms; the match counts ours_count,
# subset_count and peer_count (checked equal by the caller).
bulk_report() {
    local ours_label="$1" scan_label="$2" peer_label="$3" peer_name="$4"
    local ours subset scan peer ours_ns peer_ns
    ours="$(median "${ours_ms[@]}")"
    subset="$(median "${subset_ms[@]}")"
    scan="$(median "${scan_ms[@]}")"
    peer="$(median "${peer_ms[@]}")"
    ours_ns="$(calc "$ours * 1e6 / $rows")"
    peer_ns="$(calc "$peer * 1e6 / $peer_rows")"
    printf '  %-48s %8s %10s %9s %8s  %s\n' "" rows "median ms" "ns/row" matches "runs (ms)"
    bulk_row "$ours_label" "$rows" "$ours" "$ours_ns" "$ours_count" "$(spread "${ours_ms[@]}")"
    bulk_row "  the same, first $peer_rows rows" "$peer_rows" "$subset" \
        "$(calc "$subset * 1e6 / $peer_rows")" "$subset_count" "$(spread "${subset_ms[@]}")"
    bulk_row "  $scan_label" "$rows" "$scan" "$(calc "$scan * 1e6 / $rows")" - "$(spread "${scan_ms[@]}")"
    bulk_row "$peer_label" "$peer_rows" "$peer" "$peer_ns" "$peer_count" "$(spread "${peer_ms[@]}")"
    printf '  %s / totp_verify per row: %sx (same %s rows: %sx); target >= %sx: %s\n' \
        "$peer_name" "$(calc "$peer_ns / $ours_ns")" "$peer_rows" "$(calc "$peer / $subset")" \
        "$target" "$(verdict "$(calc "$peer_ns / $ours_ns")" "$target")"
}

bulk_row() {
    printf '  %-48s %8s %10.1f %9.0f %8s  %s\n' "$@"
}
