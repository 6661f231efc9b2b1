# Compares our results with otplib's and oathtool's codes; one count per comparison.
# File 1: our results, "id  code|verify  value" (id = line number in the cases file).
# File 2: the cases (gen-cases.mjs columns) with oathtool's code appended.
# Prints each mismatch, then "N passed, N failed" as the last line.
BEGIN { FS = "\t" }

FILENAME == ARGV[1] { ours[$1, $2] = $3; next }

{
    kind = $1; at = $3
    what = sprintf("%s secret=%s %s=%s digits=%s%s algorithm=%s", kind, $2,
                   kind == "totp" ? "at" : "counter", at, $4,
                   kind == "totp" ? " period=" $5 : "", $6)
    check("code vs otplib", $7, FNR, "code")
    check("code vs oathtool", $8, FNR, "code")
    # totp_verify with window 0 says 1; hotp_verify returns the next counter to store.
    if (kind == "totp")
        check("totp_verify(otplib's code, window 0)", 1, FNR, "verify")
    else
        check("hotp_verify(otplib's code, look-ahead 0)", sprintf("%.0f", at + 1), FNR, "verify")
}

function check(name, want, id, result,    got) {
    # A missing row means the statement raised an error; the runner prints sqlite's errors.
    got = ((id, result) in ours) ? ours[id, result] : "nothing (sqlite error)"
    if (want "" == got "") { pass++; return }
    printf "FAIL %s: %s\n     expected %s, ours %s\n", name, what, want, got == "" ? "NULL" : got
    fail++
}

END { printf "%d passed, %d failed\n", pass, fail }
