#!/usr/bin/env bash
# Install the Debian packages that building and testing totp need, if any is
# missing. Runs as root (or with passwordless sudo); otherwise it only says
# what is missing, so a developer without root sees why a build fails.
set -euo pipefail

packages=(
	build-essential pkg-config
	libssl-dev libqrencode-dev
	libsqlite3-dev sqlite3
	postgresql-15 postgresql-server-dev-15 postgresql-common
	oathtool
	valgrind cppcheck clang-tidy
	zbar-tools librsvg2-bin
	"$@"
)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	# The interop suite needs Node >= 20 (otplib's hashes); Debian 12's is older.
	echo "install-deps: node/npm not found: the interop suite needs Node.js >= 20" >&2
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo=(sudo -n)
else
	echo "install-deps: missing Debian packages: ${missing[*]}" >&2
	echo "install-deps: run 'sudo apt-get install ${missing[*]}' or 'sudo make deps'" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
