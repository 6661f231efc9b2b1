#!/usr/bin/env python3
"""Write the committed seed corpora fuzz/corpus/<target>/ from scratch.

Each seed is small and named after what it exercises; the binary layouts are
the ones documented at the top of each fuzz/fuzz_<target>.c. Expected codes
and stored values are computed here (hmac, hashlib, and the cryptography
package for AES-GCM), independently of core/. Files in the corpus that this
script does not write (reproducers of findings, named crash-*) are kept.

Usage: fuzz/gen-seeds.py   (from anywhere; needs python3-cryptography)
"""
import base64
import hashlib
import hmac
import os
import struct
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

KEYRING = {
    "k2025": bytes.fromhex("cb61667c32a52350f87dd76712a3d1c8abc3019874db7f0b34f8f0048b35c430"),
    "k2026": bytes.fromhex("315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df"),
}
RFC_KEYS = {  # RFC 6238 appendix B
    "sha1": b"12345678901234567890",
    "sha256": b"12345678901234567890123456789012",
    "sha512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
ALG = {"sha1": 0, "sha256": 1, "sha512": 2, "bad": 3}
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"

written = set()


def seed(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
    written.add((target, name))


def b32(key):
    return base64.b32encode(key).decode().rstrip("=")


def hotp(key, counter, digits=6, alg="sha1"):
    mac = hmac.new(key, struct.pack(">Q", counter), alg).digest()
    off = mac[-1] & 15
    v = struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF
    return str(v % 10 ** digits).zfill(digits)


def be64(v):
    return struct.pack(">q", v)


# --- base32: the whole input is the text ------------------------------------

def base32_seeds():
    for plain, enc in [(b"", ""), (b"f", "MY======"), (b"fo", "MZXQ===="),
                       (b"foo", "MZXW6==="), (b"foob", "MZXW6YQ="),
                       (b"fooba", "MZXW6YTB"), (b"foobar", "MZXW6YTBOI======")]:
        seed("base32", "rfc4648-" + (plain.decode() or "empty"), enc)
    seed("base32", "rfc4648-foobar-unpadded", "MZXW6YTBOI")
    seed("base32", "rfc6238-sha1-key", b32(RFC_KEYS["sha1"]))
    seed("base32", "rfc6238-sha512-key", b32(RFC_KEYS["sha512"]))
    seed("base32", "lenient-lower-spaces-hyphens", "jbsw y3dp-ehpk 3pxp")
    seed("base32", "lenient-mixed-case-padding", "JbSwY3dPeHpK3pXp====")
    seed("base32", "lenient-separator-splits-chunk", "JBSWY3D PEHPK3PXP-GEZDGNBV")
    seed("base32", "lenient-separators-after-padding", "MZXW6=== - ")
    seed("base32", "padding-only", "========")
    seed("base32", "bad-char", "JBSWY3DP!EHPK3PXP")
    seed("base32", "bad-digit-0189", "JBSWY3DP0189ABCD")
    seed("base32", "bad-data-after-padding", "MY=A")
    seed("base32", "bad-length-1", "JBSWY3DPA")
    seed("base32", "bad-length-3", "ABC")
    seed("base32", "bad-length-6", "ABCDEF")
    seed("base32", "bad-nul-in-chunk", b"JBSWY3D\x00EHPK3PXP")
    seed("base32", "bad-high-bit-in-chunk", b"JBSWY3D\xd0EHPK3PXP")
    seed("base32", "bad-utf8-letter", "JBSWY3DPÉHPK3PXP")
    seed("base32", "short-9-bytes", b32(bytes(range(9))))
    seed("base32", "min-10-bytes-zeros", b32(bytes(10)))
    seed("base32", "max-1024-bytes", b32(bytes((i * 37) & 255 for i in range(1024))))
    seed("base32", "long-1025-bytes", b32(bytes((i * 41) & 255 for i in range(1025))))
    seed("base32", "sealed-prefix", "totp:v1:k2026:AAAA")


# --- codes: see fuzz_codes.c -------------------------------------------------

def codes_seed(name, hotp_mode=False, alg="sha1", secret=0, derived=False,
               digits=6, period=30, rng=1, at=59, after=-1, tail=b""):
    flags = (1 if hotp_mode else 0) | ALG[alg] << 1 | secret << 3 | (64 if derived else 0)
    data = bytes([flags, (digits - 5) % 256]) + struct.pack(">H", period) + \
        bytes([rng]) + be64(at) + be64(after) + tail
    seed("codes", name, data)


def codes_seeds():
    # RFC 6238 appendix B: 8 digits, period 30, window 0.
    sec = {"sha1": 0, "sha256": 1, "sha512": 2}
    for alg in ("sha1", "sha256", "sha512"):
        for t in (59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000):
            code = hotp(RFC_KEYS[alg], t // 30, 8, alg)
            codes_seed("rfc6238-%s-%d" % (alg, t), alg=alg, secret=sec[alg],
                       digits=8, rng=1, at=t, tail=code.encode())
    # RFC 4226 appendix D: HOTP, 6 digits, counters 0..9.
    for c in range(10):
        codes_seed("rfc4226-counter-%d" % c, hotp_mode=True, at=c, rng=1,
                   tail=hotp(RFC_KEYS["sha1"], c).encode())
    key = RFC_KEYS["sha1"]
    codes_seed("hotp-look-ahead-5", hotp_mode=True, at=0, rng=6,
               tail=hotp(key, 5).encode())
    codes_seed("hotp-counter-int64-max", hotp_mode=True, at=2 ** 63 - 1, rng=11,
               tail=b"123456")
    codes_seed("hotp-bad-look-ahead", hotp_mode=True, at=0, rng=102, tail=b"755224")
    code = hotp(key, 1)
    codes_seed("totp-spaces-in-code", at=59, tail=(code[:3] + " " + code[3:] + " ").encode())
    codes_seed("totp-replay-guard-refuses", at=59, rng=1, after=1, tail=code.encode())
    codes_seed("totp-replay-guard-allows-next", at=59, rng=2, after=0, tail=code.encode())
    codes_seed("totp-previous-step-in-window", at=89, rng=2, tail=code.encode())
    codes_seed("totp-window-10", at=30 * 100, rng=11, tail=hotp(key, 90).encode())
    codes_seed("totp-time-int64-max-period-1", at=2 ** 63 - 1, period=1, rng=11,
               tail=b"000000")
    codes_seed("totp-period-3600", at=7200, period=3600, rng=1,
               tail=hotp(key, 2).encode())
    codes_seed("bad-time-negative", at=-1, tail=b"123456")
    codes_seed("bad-window-11", rng=12, tail=b"123456")
    codes_seed("bad-window-negative", rng=0, tail=b"123456")
    codes_seed("bad-digits-5", digits=5, tail=b"12345")
    codes_seed("bad-digits-9", digits=9, tail=b"123456789")
    codes_seed("bad-period-0", period=0, tail=b"123456")
    codes_seed("bad-period-3601", period=3601, tail=b"123456")
    codes_seed("bad-algorithm", alg="bad", tail=b"123456")
    codes_seed("code-empty")
    codes_seed("code-too-long", tail=(code + "0").encode())
    codes_seed("code-tab", tail=("\t" + code).encode())
    codes_seed("code-letter", tail=b"12345a")
    codes_seed("code-fullwidth-digits", tail="１２３４５６".encode())
    codes_seed("code-nul", tail=code[:3].encode() + b"\x00" + code[3:].encode())
    codes_seed("code-sign", tail=b"+12345")
    # Derived codes: offset byte (o % 25 - 12), flip byte, spacing bytes.
    codes_seed("derived-exact", derived=True, tail=bytes([12, 0]))
    codes_seed("derived-next-step", derived=True, rng=2, tail=bytes([13, 0]))
    codes_seed("derived-outside-window", derived=True, rng=1, tail=bytes([14, 0]))
    codes_seed("derived-one-digit-off", derived=True, tail=bytes([12, 5]))
    codes_seed("derived-spaced", derived=True, tail=bytes([12, 0, 1, 2, 3, 0, 1, 16]))
    codes_seed("derived-tab", derived=True, tail=bytes([12, 0, 5]))
    codes_seed("derived-letter-o", derived=True, tail=bytes([12, 0, 0, 8]))
    codes_seed("derived-extra-digit", derived=True, tail=bytes([12, 0, 32]))
    for s, label in ((3, "zero-bytes-lenient"), (4, "200-byte-key"), (5, "1024-byte-key"),
                     (6, "lower-case-padded"), (7, "sealed")):
        for alg in ("sha1", "sha256", "sha512"):
            codes_seed("derived-%s-%s" % (label, alg), derived=True, alg=alg, secret=s,
                       digits=7, rng=3, at=1700000000, tail=bytes([12, 0]))
        codes_seed("derived-hotp-%s" % label, hotp_mode=True, derived=True, secret=s,
                   digits=8, rng=20, at=1000, tail=bytes([20, 0]))


# --- uri: see fuzz_uri.c -----------------------------------------------------

def uri_seed(name, account, issuer=None, alg="sha1", secret=0, digits=6, period=30):
    if isinstance(account, str):
        account = account.encode()
    if isinstance(issuer, str):
        issuer = issuer.encode()
    flags = (1 if issuer is not None else 0) | ALG[alg] << 1 | secret << 3
    data = bytes([flags, (digits - 5) % 256]) + struct.pack(">H", period) + \
        struct.pack(">H", len(account)) + account + (issuer or b"")
    seed("uri", name, data)


def uri_seeds():
    uri_seed("plain-defaults", "alice@example.com", "Example")
    uri_seed("no-issuer", "alice@example.com")
    uri_seed("all-parameters", "alice", "Example", alg="sha512", digits=8, period=60)
    uri_seed("sha256-7-digits", "alice", "Example", alg="sha256", digits=7)
    uri_seed("space-is-percent-20", "Alice Smith", "ACME Co")
    uri_seed("reserved-in-account", "a:b#c?d/e&f%g+h=i", "Big Corp")
    uri_seed("utf8-account-issuer", "José Müller", "Société Générale")
    uri_seed("utf8-4-byte", "🔑 user", "日本")
    uri_seed("unreserved-only", "A-Z_a.z~09", "x")
    uri_seed("nul-in-account", b"a\x00b", "x")
    uri_seed("issuer-with-colon", "alice", "Ex:ample")
    uri_seed("empty-account", "", "Example")
    uri_seed("empty-issuer", "alice", "")
    uri_seed("bad-utf8-overlong", b"a\xc0\x80b", "x")
    uri_seed("bad-utf8-surrogate", "alice", b"\xed\xa0\x80")
    uri_seed("bad-utf8-above-10ffff", b"\xf4\x90\x80\x80", "x")
    uri_seed("bad-utf8-truncated", "alice", b"\xe2\x82")
    uri_seed("bad-utf8-lone-continuation", b"\x80", "x")
    uri_seed("lenient-secret", "alice", "Example", secret=1)
    uri_seed("sealed-secret", "alice", "Example", secret=2)
    uri_seed("max-key-secret", "alice", "Example", secret=3, alg="sha256")
    uri_seed("bad-secret", "alice", "Example", secret=4)
    uri_seed("short-secret", "alice", "Example", secret=5)
    uri_seed("bad-digits", "alice", "Example", digits=9)
    uri_seed("bad-period", "alice", "Example", period=0)
    uri_seed("bad-algorithm", "alice", "Example", alg="bad")
    uri_seed("long-account", "x" * 300 + "ü" * 100, "I" * 200)


# --- backup: see fuzz_backup.c -----------------------------------------------

PREFIX = "totp-bc1:pbkdf2-sha256:"


def check(body):
    return base64.b64encode(hashlib.sha256(body.encode()).digest()[:9]).decode()


def normal(code):
    c = code.replace("-", "").replace(" ", "").lower()
    return c.replace("o", "0").replace("i", "1").replace("l", "1")


def backup_body(codes, iterations=1000, salt=bytes(range(16))):
    hashes = [base64.b64encode(hashlib.pbkdf2_hmac("sha256", normal(c).encode(), salt,
                                                   iterations, 16)).decode() for c in codes]
    return "%s%d:%s:%s" % (PREFIX, iterations, base64.b64encode(salt).decode(),
                           ",".join(hashes))


def backup_set(codes, **kw):
    body = backup_body(codes, **kw)
    return body + ":" + check(body)


def backup_raw(name, text, code="", mode=0):
    if isinstance(text, str):
        text = text.encode()
    seed("backup", name, bytes([mode, len(code)]) + code.encode() + text)


def backup_mutated(name, set_index, kind, typing, mutations=()):
    data = bytes([2, set_index, kind, typing])
    for op, pos, byte in mutations:
        data += bytes([op]) + struct.pack(">H", pos) + bytes([byte])
    seed("backup", name, data)


def backup_seeds():
    codes = ["k7m2q-x9trb", "00000-00000", "zzzzz-zzzzz"]
    good = backup_set(codes)
    backup_raw("raw-valid-match-first", good, "k7m2q-x9trb")
    backup_raw("raw-valid-match-last-typed", good, "ZZZZZ ZZZZZ")
    backup_raw("raw-valid-match-lookalikes", good, "OoOoO-ooooo")
    backup_raw("raw-valid-no-match", good, "k7m2q-x9trc")
    backup_raw("raw-valid-malformed-code", good, "k7m2q-x9tr")
    backup_raw("raw-valid-code-with-u", good, "k7m2q-x9tru")
    backup_raw("raw-one-code", backup_set(["abcde-fghjk"]), "abcdefghjk")
    backup_raw("raw-empty-set", backup_set([]), "abcde-fghjk")
    backup_raw("raw-owasp-cost-not-consumed", backup_set(["abcde-fghjk"], iterations=600000),
               "abcde-fghjk")
    backup_raw("raw-edited-hash", good.replace(",", ",A", 1)[:-1], "k7m2q-x9trb")
    backup_raw("raw-version-2", "totp-bc2:pbkdf2-sha256:1000:x:y:zzzzzzzzzzzz")
    backup_raw("raw-unknown-kdf", "totp-bc1:scrypt:1000:x:y:zzzzzzzzzzzz")
    backup_raw("raw-not-a-set", "hello")
    backup_raw("raw-empty", "")
    # Bodies that get a correct check appended (mode 1).
    salt64 = base64.b64encode(bytes(range(16))).decode()
    body = backup_body(codes)
    backup_raw("checked-valid", body, "00000-00000", mode=1)
    backup_raw("checked-leading-zero-cost", body.replace(":1000:", ":01000:"), mode=1)
    backup_raw("checked-cost-999", body.replace(":1000:", ":999:"), mode=1)
    backup_raw("checked-cost-too-high", body.replace(":1000:", ":10000001:"), mode=1)
    backup_raw("checked-cost-9-digits", body.replace(":1000:", ":100000000:"), mode=1)
    backup_raw("checked-salt-noncanonical", body.replace(salt64, salt64[:21] + "B=="), mode=1)
    backup_raw("checked-salt-short", body.replace(salt64, salt64[:20] + "===="), mode=1)
    backup_raw("checked-trailing-comma", body + ",", mode=1)
    backup_raw("checked-double-comma", body.replace(",", ",,", 1), mode=1)
    backup_raw("checked-hash-cut", body[:-1], mode=1)
    backup_raw("checked-no-hash-list", PREFIX + "1000:" + salt64, mode=1)
    backup_raw("checked-101-entries", backup_body([]) + ",".join(["A" * 22 + "=="] * 101),
               mode=1)
    backup_raw("checked-100-entries", backup_body([]) + ",".join(["A" * 22 + "=="] * 100),
               "00000-00000", mode=1)
    backup_raw("checked-twin-hashes", backup_body(["abcde-fghjk", "abcde-fghjk"]),
               "abcde-fghjk", mode=1)
    backup_raw("checked-prefix-only", PREFIX, mode=1)
    # Valid fixture sets (fuzz_backup.c: 0 one code, 1 five, 2 ten, 3 a
    # hundred, 4 empty), unchanged, then changed.
    for s in range(5):
        backup_mutated("fixture-%d-own-code" % s, s, 0, 0)
        backup_mutated("fixture-%d-foreign-code" % s, s, 2, 0)
        backup_mutated("fixture-%d-one-char-off" % s, s, 3 | 4 << 2, 0)
    backup_mutated("fixture-1-typed-upper-no-dash", 1, 1 << 2, 3)
    backup_mutated("fixture-1-typed-spaced-lookalikes", 1, 1 << 2 | 1, 4 | 8 | 16)
    backup_mutated("fixture-3-code-63", 3, 63 << 2, 0)
    backup_mutated("changed-check-char", 1, 0, 0, [(0, 0xFFFF, ord("!"))])
    backup_mutated("changed-first-hash-char", 1, 0, 0, [(0, 60, ord("!"))])
    backup_mutated("changed-cost-digit", 1, 0, 0, [(0, 23, ord("2"))])
    backup_mutated("changed-version", 1, 0, 0, [(0, 7, ord("2"))])
    backup_mutated("changed-insert-comma", 1, 0, 0, [(1, 80, ord(","))])
    backup_mutated("changed-delete-last", 1, 0, 0, [(2, 0xFFFF, 0)])
    backup_mutated("changed-empty-set-insert", 4, 0, 0, [(1, 60, ord("A"))])


# --- sealed: see fuzz_sealed.c -----------------------------------------------

def seal(key_id, key, nonce=bytes(12)):
    aad = ("totp:v1:%s:" % key_id).encode()
    return aad.decode() + base64.b64encode(
        nonce + AESGCM(KEYRING[key_id]).encrypt(nonce, key, aad)).decode()


def sealed_raw(name, text):
    seed("sealed", name, b"\x00" + (text.encode() if isinstance(text, str) else text))


def sealed_built(name, newest, key_len, key_seed=1, nonce=bytes(12), mutations=()):
    data = bytes([1, newest]) + struct.pack(">H", key_len - 10) + bytes([key_seed]) + nonce
    for op, pos, byte in mutations:
        data += bytes([op]) + struct.pack(">H", pos) + bytes([byte])
    seed("sealed", name, data)


def sealed_seeds():
    key = RFC_KEYS["sha1"]
    good = seal("k2026", key, b"0123456789ab")
    sealed_raw("raw-k2026", good)
    sealed_raw("raw-k2025", seal("k2025", key))
    sealed_raw("raw-1024-byte-key", seal("k2026", bytes(range(256)) * 4))
    sealed_raw("raw-10-byte-key", seal("k2025", bytes(10)))
    sealed_raw("raw-9-byte-key", seal("k2025", bytes(9)))
    sealed_raw("raw-plain-secret", b32(key))
    sealed_raw("raw-plain-lenient", "gezd gnbv gy3t qojq gezd gnbv gy3t qojq==")
    sealed_raw("raw-tampered-tag", good[:-2] + ("A" if good[-2] != "A" else "B") + good[-1])
    sealed_raw("raw-tampered-id", good.replace("k2026", "k2025"))
    sealed_raw("raw-unknown-id", good.replace("k2026", "k2099"))
    sealed_raw("raw-version-2", good.replace("totp:v1:", "totp:v2:"))
    sealed_raw("raw-empty-id", "totp:v1::" + good.split(":", 3)[3])
    sealed_raw("raw-id-33-chars", "totp:v1:" + "k" * 33 + ":" + good.split(":", 3)[3])
    sealed_raw("raw-no-payload", "totp:v1:k2026:")
    sealed_raw("raw-prefix-only", "totp:")
    sealed_raw("raw-payload-not-base64", "totp:v1:k2026:!!!!")
    sealed_raw("raw-payload-cut", good[:-4])
    sealed_raw("raw-payload-unpadded", seal("k2026", key + b"x").rstrip("="))
    sealed_built("built-k2026-20", 1, 20)
    sealed_built("built-k2025-20-resealed", 0, 20, nonce=b"nonce-nonce!")
    sealed_built("built-k2025-10", 0, 10)
    sealed_built("built-k2026-1024", 1, 1024, key_seed=7)
    sealed_built("built-changed-id", 1, 20, mutations=[(0, 12, ord("5"))])
    sealed_built("built-changed-version", 1, 20, mutations=[(0, 6, ord("2"))])
    sealed_built("built-changed-payload", 0, 32, mutations=[(0, 40, ord("Q"))])
    sealed_built("built-changed-tag", 1, 20, mutations=[(0, 0xFFFF, ord("Z"))])
    sealed_built("built-insert-byte", 1, 20, mutations=[(1, 30, ord("A"))])
    sealed_built("built-delete-last", 1, 20, mutations=[(2, 0xFFFF, 0)])
    sealed_built("built-delete-prefix", 1, 20,
                 mutations=[(2, 0, 0)] * 14)


# --- keyring: the whole input is the keyring text ----------------------------

def keyring_seeds():
    k25 = "k2025:" + KEYRING["k2025"].hex()
    k26 = "k2026:" + KEYRING["k2026"].hex()
    seed("keyring", "fixture", "# Test keyring\n%s\n\n%s\n" % (k25, k26))
    seed("keyring", "crlf-blanks-comments", " \t# c\r\n\t%s \r\n\n#\n%s" % (k25, k26.upper()[:5].lower() + k26[5:].upper()))
    seed("keyring", "id-32-chars", "a" * 32 + ":" + "0" * 64)
    seed("keyring", "id-33-chars", "a" * 33 + ":" + "0" * 64)
    seed("keyring", "id-all-allowed", "Az09_.-:" + "f" * 64)
    seed("keyring", "id-bad-char", "k 1:" + "0" * 64)
    seed("keyring", "empty-id", ":" + "0" * 64)
    seed("keyring", "no-colon", "k2025")
    seed("keyring", "hex-63", "k:" + "0" * 63)
    seed("keyring", "hex-65", "k:" + "0" * 65)
    seed("keyring", "hex-bad-char", "k:" + "0" * 63 + "g")
    seed("keyring", "duplicate-id", "%s\n%s\n" % (k25, k25))
    seed("keyring", "64-keys", "".join("k%d:%064x\n" % (i, i) for i in range(64)))
    seed("keyring", "65-keys", "".join("k%d:%064x\n" % (i, i) for i in range(65)))
    seed("keyring", "only-comments", "# nothing\n\n   \n")
    seed("keyring", "empty", "")
    seed("keyring", "nul-in-line", k25.encode() + b"\x00\n")
    seed("keyring", "nul-in-comment", b"# a\x00b\n" + k25.encode())
    seed("keyring", "error-on-line-3", "# one\n%s\nbad\n%s\n" % (k25, k26))


# --- otpauth: the whole input is the URI (see fuzz_otpauth.c) ----------------

def otpauth_seeds():
    s = b32(b"Hello!\xde\xad\xbe\xef")  # JBSWY3DPEHPK3PXP
    q = "?secret=" + s
    seed("otpauth", "otpauth-uri-issuer", "otpauth://totp/ACME%20Co:alice%40example.com"
         + q + "&issuer=ACME%20Co")
    seed("otpauth", "otpauth-uri-no-issuer", "otpauth://totp/alice%40example.com" + q)
    seed("otpauth", "otpauth-uri-all-parameters", "otpauth://totp/ACME:alice" + q +
         "&issuer=ACME&algorithm=SHA512&digits=8&period=3600")
    seed("otpauth", "lenient-case-and-secret", "OTPAUTH://TOTP/a?SECRET=jbsw%20y3dp+ehpk3pxp"
         "%3D%3D%3D%3D&Algorithm=sha256&Digits=7&PERIOD=060")
    seed("otpauth", "hotp-counter", "otpauth://hotp/ACME:bob" + q + "&counter=42&digits=8&period=0")
    seed("otpauth", "hotp-largest-counter", "otpauth://hotp/bob?counter=999999999999999999&secret=" + s)
    seed("otpauth", "hotp-counter-19-digits", "otpauth://hotp/bob" + q + "&counter=9223372036854775807")
    seed("otpauth", "hotp-no-counter", "otpauth://hotp/bob" + q)
    seed("otpauth", "label-split-encoded-colon", "otpauth://totp/ACME%3Aalice" + q)
    seed("otpauth", "label-split-lower-3a-then-colons", "otpauth://totp/ACME%3abob:x%3Ay" + q)
    seed("otpauth", "label-empty-prefix-colon-account", "otpauth://totp/:a:b" + q)
    seed("otpauth", "label-leading-spaces-plus", "otpauth://totp/ACME:%20%20a+b" + q +
         "&issuer=Big+Co")
    seed("otpauth", "issuer-param-with-colon", "otpauth://totp/Old:alice" + q + "&issuer=New%3AOne")
    seed("otpauth", "raw-utf8-label", "otpauth://totp/Société:jürgen🔑" + q)
    seed("otpauth", "encoded-utf8-and-reserved", "otpauth://totp/%E4%BE%8B:a%23b%3Fc%26d%25e%2Ff"
         + q + "&issuer=%E4%BE%8B")
    seed("otpauth", "bad-raw-utf8", b"otpauth://totp/a\xc0\x80" + q.encode())
    seed("otpauth", "bad-encoded-surrogate-issuer", "otpauth://totp/a" + q + "&issuer=%ED%A0%80")
    seed("otpauth", "bad-escape-g", "otpauth://totp/a%G1" + q)
    seed("otpauth", "bad-escape-cut", "otpauth://totp/a" + q + "&issuer=%4")
    seed("otpauth", "bad-encoded-nul", "otpauth://totp/a%00b" + q)
    seed("otpauth", "raw-nul-in-unknown-value", b"otpauth://totp/a" + q.encode() + b"&x=\x00%zz")
    seed("otpauth", "duplicate-secret", "otpauth://totp/a" + q + "&Secret=" + s)
    seed("otpauth", "duplicate-empty-issuer", "otpauth://totp/a?issuer=&secret=" + s + "&ISSUER=A")
    seed("otpauth", "fragment-hides-parameters", "otpauth://totp/a" + q + "#&digits=9&secret=x")
    seed("otpauth", "fragment-in-scheme", "otpauth#://totp/a" + q)
    seed("otpauth", "no-label", "otpauth://totp" + q)
    seed("otpauth", "unknown-parameters", "otpauth://totp/a?image=https%3A%2F%2Fx%2Fy.png&secret="
         + s + "&color=red&flag&x=&&")
    seed("otpauth", "sealed-secret-refused", "otpauth://totp/a?secret=totp:v1:k2026:AAAA")
    seed("otpauth", "bad-values", "otpauth://totp/a" + q + "&digits=9&period=0&algorithm=md5")
    seed("otpauth", "short-secret", "otpauth://totp/a?secret=JBSWY3DP")
    seed("otpauth", "long-1024-byte-secret", "otpauth://totp/a?secret=" +
         b32(bytes((i * 37) & 255 for i in range(1024))))
    seed("otpauth", "long-1025-byte-secret", "otpauth://totp/a?secret=" +
         b32(bytes((i * 41) & 255 for i in range(1025))))
    # QR limits: OTP_QR_MAX_URI (2331) bytes of ASCII fit in version 40 at
    # level M; one byte more does not. Raw UTF-8 adds a 12-bit ECI header.
    head = "otpauth://totp/alice" + q + "&issuer="
    seed("otpauth", "qr-longest-ascii", head + "x" * (2331 - len(head)))
    seed("otpauth", "qr-one-byte-too-long", head + "x" * (2332 - len(head)))
    head = ("otpauth://totp/j\u00fcrgen" + q + "&issuer=").encode()
    seed("otpauth", "qr-longest-utf8", head + b"x" * (2330 - len(head)))


def main():
    base32_seeds()
    codes_seeds()
    uri_seeds()
    backup_seeds()
    sealed_seeds()
    keyring_seeds()
    otpauth_seeds()
    # Drop seeds this script no longer writes; keep reproducers (crash-*).
    for target in sorted(os.listdir(ROOT)):
        for name in sorted(os.listdir(os.path.join(ROOT, target))):
            if (target, name) not in written and not name.startswith("crash-"):
                os.remove(os.path.join(ROOT, target, name))
    print("%d seeds written" % len(written), file=sys.stderr)


if __name__ == "__main__":
    main()
