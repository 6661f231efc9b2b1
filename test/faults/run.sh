#!/usr/bin/env bash
# test/faults/run.sh: fault injection. Builds the drivers (mk/ct.mk) and
# makes every dependency of the core and of the SQLite extension fail at
# each of its calls in turn: the CSPRNG, the SHA/PBKDF2/digest/cipher calls
# (seams), OpenSSL's allocator and SQLite's. Each failure must give an
# error, never a "valid" answer, a secret made from failed randomness or a
# half-consumed backup set, and leak nothing (the drivers count every block;
# the second pass reruns them under ASan/UBSan/LeakSanitizer with a smaller
# sample). Last line: "N passed, N failed".
#
# FAULTS_ASAN=0 skips the sanitizer pass; FAULTS_ALL=1 tries every call
# where a kind has very many (PBKDF2 allocates on each iteration).
set -uo pipefail
cd "$(dirname "$0")/../.."

BUILD=${BUILD:-build}
F=$BUILD/faults
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Run one driver, show its output, and add up its last line.
run_driver() {
	local label=$1
	shift
	echo "=== $label"
	"$@" 2>&1 | tee "$log"
	local status=${PIPESTATUS[0]}
	local last
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
	local p=0 f=0
	if [ -n "$last" ]; then
		p=$(echo "$last" | sed -E 's/^([0-9]+) passed.*/\1/')
		f=$(echo "$last" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	fi
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $label: exit status $status"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

build() {
	if ! make --no-print-directory -s BUILD="$BUILD" EXTRA_CFLAGS= EXTRA_LDFLAGS= "$1" >"$log" 2>&1; then
		cat "$log"
		echo "FAIL make $1"
		failed=$((failed + 1))
		return 1
	fi
}

if build faults-build; then
	run_driver "core, OpenSSL faults" "$F/faults-core"
	run_driver "SQLite extension, SQLite and OpenSSL faults" "$F/faults-sqlite"
fi

if [ "${FAULTS_ASAN:-1}" != 0 ] && build faults-build-asan; then
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
	export LSAN_OPTIONS=exitcode=23
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	FAULTS_SAMPLE=${FAULTS_SAMPLE:-60} \
		run_driver "core under ASan/UBSan/LSan" "$F/asan/faults-core"
	FAULTS_SAMPLE=${FAULTS_SAMPLE:-60} \
		run_driver "SQLite extension under ASan/UBSan/LSan" "$F/asan/faults-sqlite"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
