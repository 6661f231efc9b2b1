#!/usr/bin/env bash
# Run each libFuzzer target for FUZZ_SECONDS (make fuzz). The committed seed
# corpus fuzz/corpus/<name>/ is read; new inputs go to $FUZZ_DIR/corpus/<name>/;
# a finding goes to $FUZZ_DIR/artifacts/<name>/ and fails the run (after the
# other targets have had their turn). Prints executions and exec/s per target.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

FUZZ_DIR=${FUZZ_DIR:-build/fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_ARGS=${FUZZ_ARGS:-}

# Longest input per target: enough for the largest value each one handles
# (a 1024-byte key as base32 is 1639 characters; a 100-code set 2.5 kB).
max_len() {
	case $1 in
		codes) echo 600 ;;
		uri | sealed) echo 2048 ;;
		*) echo 4096 ;;
	esac
}

summary=()
found=0
for t in "$@"; do
	bin=$FUZZ_DIR/fuzz_$t
	corpus=$FUZZ_DIR/corpus/$t
	artifacts=$FUZZ_DIR/artifacts/$t
	log=$FUZZ_DIR/logs/$t.log
	mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
	dict=()
	[ -f "fuzz/dict/$t.dict" ] && dict=(-dict="fuzz/dict/$t.dict")
	echo "=== fuzz $t: ${FUZZ_SECONDS}s, log $log"
	# shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
	"$bin" -max_total_time="$FUZZ_SECONDS" -max_len="$(max_len "$t")" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$artifacts/" "${dict[@]}" $FUZZ_ARGS \
		"$corpus" "fuzz/corpus/$t" >"$log" 2>&1
	status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
	files=$(find "$corpus" -type f | wc -l)
	if [ "$status" -eq 0 ]; then
		verdict="no finding"
	else
		found=1
		newest=$(find "$artifacts" -type f -printf '%T@ %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-)
		verdict="FINDING (exit $status): ${newest:-see $log}"
		grep -E 'FUZZ PROPERTY FAILED|ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error' \
			"$log" | head -n 3 | sed 's/^/    /'
	fi
	summary+=("$(printf '%-7s %10s runs %7s exec/s  cov %5s  corpus %5d  %s' \
		"$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$files" "$verdict")")
done

echo "=== fuzz summary (${FUZZ_SECONDS}s per target)"
printf '%s\n' "${summary[@]}"
exit "$found"
