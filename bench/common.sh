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
