# Turns the cases (gen-cases.mjs columns) into SQL: per case one SELECT for our code and one
# for our verify of otplib's code, each printing "id  what  value", so an error costs only
# that result.
BEGIN { FS = "\t" }

function str(s) { return "'" s "'" }

$1 == "totp" {
    printf "SELECT %d, 'code', totp_code(%s, %s, %s, %s, %s);\n",
        NR, str($2), $3, $4, $5, str($6)
    printf "SELECT %d, 'verify', totp_verify(%s, %s, 0, %s, %s, %s, %s);\n",
        NR, str($2), str($7), $3, $4, $5, str($6)
}

$1 == "hotp" {
    printf "SELECT %d, 'code', hotp_code(%s, %s, %s, %s);\n",
        NR, str($2), $3, $4, str($6)
    printf "SELECT %d, 'verify', hotp_verify(%s, %s, %s, 0, %s, %s);\n",
        NR, str($2), str($7), $3, $4, str($6)
}
