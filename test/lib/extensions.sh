# Sourced by the suites that drive both engines (test/cross, test/examples, test/qr): finding
# the SQLite extension and installing the PostgreSQL one. Problems go through the suite's own
# cannot_run, so that it still ends on its summary line.

# resolve_sqlite_ext ROOT TMP: set ext to the absolute path of the SQLite extension to load:
# $SQLITE_EXT (as given to .load, with or without .so), or the repository's sqlite/totp.so,
# built with `make sqlite` (log in TMP) when it is missing.
resolve_sqlite_ext() {
    local root="$1" tmp="$2"
    ext="${SQLITE_EXT:-$root/sqlite/totp}"
    if [[ -z "${SQLITE_EXT:-}" && ! -e "$ext.so" ]]; then
        make -C "$root" sqlite >"$tmp/make.log" 2>&1 ||
            cannot_run "make sqlite failed: $(tail -5 "$tmp/make.log")"
    fi
    if [[ -f "$ext" ]]; then
        ext="$(realpath "$ext")"
    elif [[ -f "$ext.so" ]]; then
        ext="$(realpath "$ext.so")"
    else
        cannot_run "no SQLite extension at $ext (set SQLITE_EXT or run make sqlite)"
    fi
}

# install_pg_ext ROOT TMP [SKIP]: `make -C pg install` (log in TMP), unless SKIP is non-empty.
install_pg_ext() {
    local root="$1" tmp="$2" skip="${3:-}"
    [[ -n "$skip" ]] && return 0
    make -C "$root/pg" install >"$tmp/install.log" 2>&1 ||
        cannot_run "make -C pg install failed: $(tail -5 "$tmp/install.log")"
}
