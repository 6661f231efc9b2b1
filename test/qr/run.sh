#!/usr/bin/env bash
# QR suite: the enrolment QR codes decode back to the exact URI with a real QR decoder (zbarimg
# from zbar-tools). For each URI - short, long, the longest that fits, percent-encoded non-ASCII
# labels, a raw UTF-8 label, hotp - both drawings from both engines are decoded:
#   otpauth_qr_svg  -> rsvg-convert (librsvg2-bin) -> PNG -> zbarimg
#   otpauth_qr_text -> text-to-pbm.pl (half blocks back to pixels) -> PBM -> zbarimg
# and PostgreSQL's drawings must be byte-identical to SQLite's. PostgreSQL runs in a throwaway
# cluster (pg_virtualenv). One count per URI, drawing and engine, plus one per comparison.
# Last line "N passed, N failed"; exit status non-zero on any failure or if it cannot run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
pg_version="${PG_VERSION:-15}"

cannot_run() {
    echo "qr: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

# shellcheck source=../lib/extensions.sh
. "$top/test/lib/extensions.sh"

for tool in sqlite3 zbarimg rsvg-convert perl pg_virtualenv make; do
    command -v "$tool" >/dev/null || cannot_run "$tool is not installed (make deps installs it)"
done

tmp="$(mktemp -d)"
chmod 755 "$tmp"    # the cluster's psql runs as postgres when we are root
trap 'rm -rf "$tmp"' EXIT
resolve_sqlite_ext "$top" "$tmp"
install_pg_ext "$top" "$tmp"

# The URIs, as SQL expressions; one per line (name<TAB>expression).
long_secret=AUVE65EZX3RQQLKSO6OMDZQLGBKXVH6E5EHDGWD5ULD6YEJWLOAKLSXPCQ4V5A5IZXZBOPDBQ2V5B5I2H5SITLWT7AOUEZ4MWHLPWIA
# The longest: padded with hex(zeroblob(n)) (2n characters), then cut to exactly 2331 bytes.
# The longest: padded with hex(zeroblob(n)) (2n characters), then cut to exactly 2331 bytes.
longest_head="otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer="
longest_pad=$(((2331 - ${#longest_head} + 1) / 2))
cat >"$tmp/cases.tsv" <<EOF
short	otpauth_uri('JBSWY3DPEHPK3PXP', 'alice@example.com', 'Example Co')
long	otpauth_uri('$long_secret', 'a.very.long.account.name+tag@' || replace(hex(zeroblob(200)), '0', 'x') || '.example.com', 'Long Issuer Name Inc.', 8, 60, 'sha512')
longest	'$longest_head' || replace(hex(zeroblob($longest_pad)), '0', 'y')
non-ascii	otpauth_uri('JBSWY3DPEHPK3PXP', 'jürgen@例え.jp', 'Société Générale 🔐')
raw-utf8	'otpauth://totp/Société:jürgen?secret=JBSWY3DPEHPK3PXP&issuer=Société'
hotp	'otpauth://hotp/ACME:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=42'
EOF

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

decode() {
    zbarimg --raw -q -Sdisable -Sqrcode.enable "$1" 2>/dev/null || true
}

# check ENGINE NAME: decode ENGINE's drawings of case NAME and compare with its URI.
check() {
    local engine="$1" name="$2" dir="$tmp/$1" uri got
    uri="$(cat "$dir/$name.uri")"
    if rsvg-convert -o "$dir/$name.png" "$dir/$name.svg" 2>"$dir/$name.err"; then
        got="$(decode "$dir/$name.png")"
    else
        got="rsvg-convert: $(cat "$dir/$name.err")"
    fi
    if [[ "$got" == "$uri" ]]; then pass "$engine $name: SVG decodes to the URI"; else
        fail "$engine $name: SVG decodes to '${got:0:80}', not '${uri:0:80}'"; fi
    if perl "$here/text-to-pbm.pl" <"$dir/$name.txt" >"$dir/$name.pbm" 2>"$dir/$name.err"; then
        got="$(decode "$dir/$name.pbm")"
    else
        got="text-to-pbm: $(cat "$dir/$name.err")"
    fi
    if [[ "$got" == "$uri" ]]; then pass "$engine $name: terminal text decodes to the URI"; else
        fail "$engine $name: terminal text decodes to '${got:0:80}', not '${uri:0:80}'"; fi
}

# SQLite: writefile() stores each value byte for byte.
mkdir -p "$tmp/sqlite"
{
    printf '.load %s\n' "$ext"
    while IFS=$'\t' read -r name expr; do
        printf "SELECT writefile('%s/sqlite/%s.uri', u), writefile('%s/sqlite/%s.svg', otpauth_qr_svg(u)), writefile('%s/sqlite/%s.txt', otpauth_qr_text(u)) FROM (SELECT substr(%s, 1, 2331) AS u);\n" \
            "$tmp" "$name" "$tmp" "$name" "$tmp" "$name" "$expr"
    done <"$tmp/cases.tsv"
} >"$tmp/sqlite.sql"
sqlite3 -bail -batch :memory: <"$tmp/sqlite.sql" >/dev/null 2>"$tmp/sqlite.err" ||
    cannot_run "sqlite3 failed: $(cat "$tmp/sqlite.err")"
[[ "$(wc -c <"$tmp/sqlite/longest.uri")" -eq 2331 ]] || cannot_run "the longest URI is not 2331 bytes"
while IFS=$'\t' read -r name _; do check sqlite "$name"; done <"$tmp/cases.tsv"

# PostgreSQL: the same URIs (SQLite wrote them), drawn by the server and fetched unaligned.
mkdir -p "$tmp/postgresql"
chmod 777 "$tmp/postgresql"
# shellcheck disable=SC2016 # expanded by the inner shell
pg_virtualenv -t -v "$pg_version" bash -c '
    set -euo pipefail
    psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION totp" >/dev/null
    while IFS=$'"'"'\t'"'"' read -r name _; do
        uri="$(cat "$1/sqlite/$name.uri")"
        for kind in svg txt; do
            fn=otpauth_qr_svg; [[ $kind == txt ]] && fn=otpauth_qr_text
            echo "SELECT $fn(:'"'"'uri'"'"')" |
                psql -X -At -v ON_ERROR_STOP=1 -v uri="$uri" >"$1/postgresql/$name.$kind"
        done
        printf "%s" "$uri" >"$1/postgresql/$name.uri"
    done <"$1/cases.tsv"' pg_virtualenv "$tmp" >"$tmp/pg.log" 2>&1 ||
    cannot_run "PostgreSQL run failed: $(tail -5 "$tmp/pg.log")"
while IFS=$'\t' read -r name _; do
    # psql ends its output with a newline of its own.
    truncate -s -1 "$tmp/postgresql/$name.svg" "$tmp/postgresql/$name.txt"
    check postgresql "$name"
    if cmp -s "$tmp/postgresql/$name.svg" "$tmp/sqlite/$name.svg" && cmp -s "$tmp/postgresql/$name.txt" "$tmp/sqlite/$name.txt"; then
        pass "$name: PostgreSQL and SQLite draw the same bytes"
    else
        fail "$name: PostgreSQL and SQLite drawings differ"
    fi
done <"$tmp/cases.tsv"

echo "$passed passed, $failed failed"
((failed == 0))
