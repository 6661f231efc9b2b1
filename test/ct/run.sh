#!/usr/bin/env bash
# test/ct/run.sh: the constant-time check (ctgrind). Builds the core with
# -DOTP_CTGRIND (mk/ct.mk) and runs every case of ct_test under valgrind's
# memcheck, where secrets are marked undefined: a branch or a memory index
# that depends on them fails the case. Then it proves the check is not
# blind: a leaking compare, a secret table index, an early-exit
# CRYPTO_memcmp in the core, and the core without its declassifications
# must all be reported. Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

BUILD=${BUILD:-build}
CT=$BUILD/ct
SUPP=test/ct/openssl.supp
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

pass() {
	passed=$((passed + 1))
	echo "ok   $1"
}

fail() {
	failed=$((failed + 1))
	echo "FAIL $1"
	shift
	for line in "$@"; do echo "     $line"; done
	sed -n '1,60p' "$log" | sed 's/^/     | /'
}

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is not installed (Debian package valgrind)"
	failed=1
	finish
fi
if [ ! -f /usr/include/valgrind/memcheck.h ]; then
	echo "valgrind/memcheck.h is missing (Debian package valgrind)"
	failed=1
	finish
fi
if ! make --no-print-directory -s BUILD="$BUILD" EXTRA_CFLAGS= EXTRA_LDFLAGS= ct-build >"$log" 2>&1; then
	fail "build with -DOTP_CTGRIND" "make ct-build failed"
	finish
fi

# Run one case under memcheck; the exit status is valgrind's (99: errors).
ctgrind() {
	valgrind -q --error-exitcode=99 --num-callers=30 --track-origins=yes \
		--leak-check=no --suppressions="$SUPP" "$@" >"$log" 2>&1
}

# Every case must run clean: no branch or index on a secret, right results.
clean_cases() {
	local bin=$1 label=$2
	for name in $("$bin" list); do
		case $name in leak-*) continue ;; esac
		ctgrind "$bin" "$name"
		status=$?
		if [ "$status" -eq 0 ]; then
			pass "$name$label: no branch or memory index depends on a secret"
		elif [ "$status" -eq 99 ]; then
			fail "$name$label: no branch or memory index depends on a secret" "memcheck reports:"
		else
			fail "$name$label: results agree with the unmarked reference" "exit status $status"
		fi
	done
}
clean_cases "$CT/ct-test" ""

# The compiler decides what branches: clang, where installed, is the other
# one users build with (CT_CLANG=0 skips it).
if [ "${CT_CLANG:-1}" != 0 ] && command -v clang >/dev/null 2>&1; then
	if make --no-print-directory -s BUILD="$BUILD/clang" CC=clang EXTRA_CFLAGS= EXTRA_LDFLAGS= \
		"$BUILD/clang/ct/ct-test" >"$log" 2>&1; then
		clean_cases "$BUILD/clang/ct/ct-test" " (clang)"
	else
		fail "build with clang -DOTP_CTGRIND" "make failed"
	fi
fi

# The check must catch what it exists to catch: each of these must be
# reported (exit 99) at the place named.
expect_report() {
	local what=$1 where=$2
	shift 2
	ctgrind "$@"
	status=$?
	if [ "$status" -eq 99 ] && grep -q -- "$where" "$log"; then
		pass "caught: $what"
	else
		fail "caught: $what" "expected a memcheck report naming $where, got exit status $status"
	fi
}

expect_report "an early-exit compare of two secrets" \
	"early_exit_memcmp" "$CT/ct-test" leak-memcmp
expect_report "a table lookup indexed by a secret" \
	"Use of uninitialised value" "$CT/ct-test" leak-table
expect_report "otp_backup_consume with an early-exit CRYPTO_memcmp" \
	"__wrap_CRYPTO_memcmp" "$CT/ct-test-leaky" backup-consume
expect_report "otp_backup_hash duplicate check with an early-exit CRYPTO_memcmp" \
	"__wrap_CRYPTO_memcmp" "$CT/ct-test-leaky" generators
# Without OTP_CTGRIND nothing is declassified, so the match result, which
# comes out of HMAC and truncation, must be seen to depend on the secret.
expect_report "otp_totp_verify's match result depends on the secret" \
	"match_counters" "$CT/ct-test-plain" totp-verify
expect_report "otp_hotp_verify's match result depends on the secret" \
	"match_counters" "$CT/ct-test-plain" hotp-verify
expect_report "otp_backup_consume's match depends on hashes and code" \
	"otp_backup_consume" "$CT/ct-test-plain" backup-consume
expect_report "a sealed secret's tag check depends on the key" \
	"otp_unseal_key" "$CT/ct-test-plain" sealed-verify

finish
