# shellcheck shell=bash
# Shared by sqlite.sh and pg.sh (sourced): one line per check, "ok   ENGINE: what" or
# "FAIL ENGINE: what (got ..., expected ...)"; run.sh counts them. $engine names the engine.
: "${engine:?set engine before sourcing lib.sh}"

# check WHAT GOT EXPECTED
check() {
    if [[ "$2" == "$3" ]]; then
        echo "ok   $engine: $1"
    else
        echo "FAIL $engine: $1 (got '$2', expected '$3')"
    fi
}

# check_match WHAT GOT ERE: GOT must match the extended regular expression ERE.
check_match() {
    if [[ "$2" =~ $3 ]]; then
        echo "ok   $engine: $1"
    else
        echo "FAIL $engine: $1 (got '${2:0:120}', expected a match of $3)"
    fi
}
