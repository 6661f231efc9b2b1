#!/usr/bin/env bash
# make demo: walk the 2FA journey (examples/demo.sql) in an in-memory SQLite
# database with the freshly built extension. Secrets are sealed at rest, so
# the demo makes a throwaway keyring (one random AES-256 key, in a private
# temporary directory, removed at exit) and names it in TOTP_KEYRING, as
# the README's "Secrets at rest" says. Exits non-zero if any step misbehaves.
set -euo pipefail
cd "$(dirname "$0")/.."

ext=${SQLITE_EXT:-./sqlite/totp}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/out"

# The keyring: "<key id>:<64 hex digits>", readable by this user only. The
# key comes from the kernel's CSPRNG; it protects nothing beyond this run.
key=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
if [ "${#key}" -ne 64 ]; then
	echo "demo: could not read 32 random bytes from /dev/urandom" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
(umask 077 && printf '# throwaway keyring of make demo\ndemo:%s\n' "$key" >"$tmp/keyring")
unset key
export TOTP_KEYRING="$tmp/keyring"
echo "Keyring: a throwaway key \"demo\" in $TOTP_KEYRING (TOTP_KEYRING)"
echo

if ! sqlite3 -cmd ".load $ext" :memory: < examples/demo.sql > "$out" 2>&1; then
	cat "$out"
	echo "demo: sqlite3 stopped with an error" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

# The QR code on the screen must carry the URI printed above it: read it back
# with a real decoder when zbar-tools is installed (make deps installs it).
uri=$(grep -m1 '^otpauth://' "$out" || true)
grep -E '^█.*█$' "$out" >"$tmp/qr.txt" || true
if command -v zbarimg >/dev/null && command -v perl >/dev/null; then
	perl test/qr/text-to-pbm.pl <"$tmp/qr.txt" >"$tmp/qr.pbm" 2>/dev/null || true
	decoded=$(zbarimg --raw -q -Sdisable -Sqrcode.enable "$tmp/qr.pbm" 2>/dev/null || true)
	if [ -n "$uri" ] && [ "$decoded" = "$uri" ]; then
		echo "ok   the QR code on screen decodes to the enrolment URI (zbarimg)" >>"$out"
	else
		echo "FAIL the QR code on screen does not decode to the enrolment URI" >>"$out"
	fi
else
	echo "(install zbar-tools to have the demo decode its QR code)" >>"$out"
fi
cat "$out"
passed=$(grep -c '^ok ' "$out" || true)
failed=$(grep -c '^FAIL ' "$out" || true)
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
