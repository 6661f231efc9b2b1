#!/usr/bin/env python3
"""Reference stored backup-code sets for the PostgreSQL tests, made without the extension.

An independent implementation of the stored format documented in core/backup.c:

    totp-bc1:pbkdf2-sha256:<iterations>:<salt>:<hash>,<hash>,...:<check>

salt: 16 bytes, base64 (padded); hash: PBKDF2-HMAC-SHA256(code, salt, iterations), 16 bytes,
base64, one per code, where a code is its 10 characters in lower case, without '-' or spaces,
with o read as 0 and i, l as 1; check: the first 9 bytes of SHA-256 over everything before
":<check>", base64. Salts are fixed here so that the output never changes:
sql/backup_codes.sql and specs/concurrent_backup_code.spec hold it as literals.

Usage: python3 test/pg/backup_code_vectors.py [--verify STORED CODE...]
  --verify: check that STORED (e.g. made by backup_codes_hash) holds exactly CODE..., in order.
"""
import base64
import hashlib
import sys

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def normalize(code):
    out = ""
    for c in code:
        if c in "- ":
            continue
        c = {"o": "0", "i": "1", "l": "1"}.get(c.lower(), c.lower())
        if c not in ALPHABET:
            raise ValueError("not a backup code: %r" % code)
        out += c
    if len(out) != 10:
        raise ValueError("not a backup code: %r" % code)
    return out


def b64(data):
    return base64.b64encode(data).decode()


def derive(code, salt, iterations):
    return hashlib.pbkdf2_hmac("sha256", normalize(code).encode(), salt, iterations, 16)


def with_check(body):
    return body + ":" + b64(hashlib.sha256(body.encode()).digest()[:9])


def stored_set(codes, salt, iterations):
    hashes = ",".join(b64(derive(c, salt, iterations)) for c in codes)
    return with_check("totp-bc1:pbkdf2-sha256:%d:%s:%s" % (iterations, b64(salt), hashes))


def fixed_salt(name):
    return hashlib.sha256(("totp test salt: " + name).encode()).digest()[:16]


FOUR = ["abcde-fghjk", "mnpqr-stvwx", "01234-56789", "yz0a1-b2c3d"]
TEN = ["abcde-fghjk", "mnpqr-stvwx", "yz012-34567", "89abc-defgh",
       "jkmnp-qrstv", "wxyz0-12345", "6789a-bcdef", "ghjkm-npqrs",
       "tvwxy-z0123", "45678-9abcd"]

VECTORS = [
    ("four codes, 1000 iterations (the minimum)", FOUR, "four-1000", 1000),
    ("four codes, 600000 iterations (the default)", FOUR, "four-600000", 600000),
    ("ten codes, 600000 iterations", TEN, "ten-600000", 600000),
]


def verify(stored, codes):
    body, _, check = stored.rpartition(":")
    assert with_check(body) == stored, "check does not match"
    prefix, kdf, iterations, salt, hashes = body.split(":")
    assert (prefix, kdf) == ("totp-bc1", "pbkdf2-sha256"), "unknown version"
    salt = base64.b64decode(salt, validate=True)
    want = [b64(derive(c, salt, int(iterations))) for c in codes]
    assert hashes.split(",") == want, "hashes differ"


def main():
    if sys.argv[1:2] == ["--verify"]:
        verify(sys.argv[2], sys.argv[3:])
        print("ok: the stored set holds exactly these codes")
        return
    for what, codes, salt_name, iterations in VECTORS:
        print("-- %s: %s" % (what, ", ".join(codes)))
        print(stored_set(codes, fixed_salt(salt_name), iterations))


if __name__ == "__main__":
    main()
