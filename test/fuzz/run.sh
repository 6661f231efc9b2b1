#!/usr/bin/env bash
# Replay every committed fuzz corpus file (fuzz/corpus/<target>/*) through its
# target's properties, built with the normal compiler (no libFuzzer): each
# file is one test. Ends with "N passed, N failed" over all files.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

BUILD=${BUILD:-build}
replay_dir=$BUILD/fuzz-replay
targets=()
for d in fuzz/corpus/*/; do
	targets+=("$(basename "$d")")
done

if ! make --no-print-directory -s BUILD="$BUILD" FUZZ_TARGETS="${targets[*]}" fuzz-replay-build; then
	echo "fuzz replay: build failed"
	echo "0 passed, 1 failed"
	exit 1
fi

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "${targets[@]}"; do
	echo "--- $t"
	"$replay_dir/replay_$t" "fuzz/corpus/$t" >"$log" 2>&1
	status=$?
	# Failures, with the property or the crash that explains them.
	grep -vE '^ok ' "$log" | sed 's/^/  /'
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$last" ]; then
		failed=$((failed + 1))
		continue
	fi
	p=${last%% passed*}
	f=${last#*passed, }
	f=${f%% failed}
	[ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
