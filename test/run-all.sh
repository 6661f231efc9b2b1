#!/usr/bin/env bash
# Run every test suite and add up their results. Each suite is a command whose
# last output line is "N passed, N failed"; a suite that exits non-zero or
# prints no such line counts as at least one failure.
set -uo pipefail
cd "$(dirname "$0")/.."

suites=(
	"lint:test/lint/run.sh"
	"core:build/test-core"
	"sqlite:test/sqlite/run.sh"
	"postgresql:test/pg/run.sh"
	"cross-engine:test/cross/run.sh"
	"interop:test/interop/run.sh"
	"qr:test/qr/run.sh"
	"fuzz-replay:test/fuzz/run.sh"
	"constant-time:test/ct/run.sh"
	"faults:test/faults/run.sh"
	"demo:examples/demo.sh"
	"examples:test/examples/run.sh"
	"sanitize:test/sanitize/run.sh"
	"valgrind:test/sanitize/valgrind.sh"
)

total_passed=0
total_failed=0
summary=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for entry in "${suites[@]}"; do
	name=${entry%%:*}
	cmd=${entry#*:}
	echo "=== $name ($cmd)"
	"$cmd" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
	if [ -n "$last" ]; then
		passed=$(echo "$last" | sed -E 's/^([0-9]+) passed.*/\1/')
		failed=$(echo "$last" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	else
		passed=0
		failed=0
	fi
	# A crash or a non-zero exit is a failure even if the counts looked clean.
	if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
		failed=1
	fi
	total_passed=$((total_passed + passed))
	total_failed=$((total_failed + failed))
	summary+=("$(printf '%-14s %6d passed, %d failed' "$name" "$passed" "$failed")")
done

echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
