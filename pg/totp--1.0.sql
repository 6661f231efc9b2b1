\echo Use "CREATE EXTENSION totp" to load this file. \quit

-- Times default to now(), the transaction's start: every call in one
-- statement sees the same time, so the check in WHERE and the step stored by
-- SET in the README's login UPDATE cannot disagree across a step boundary.

CREATE FUNCTION totp_new_secret(bytes int DEFAULT 20)
RETURNS text
AS 'MODULE_PATHNAME', 'totp_new_secret'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION totp_new_secret(int) IS
'new random TOTP secret of 16..64 bytes (default 20) from the OS CSPRNG, as upper-case unpadded base32';

CREATE FUNCTION totp_code(secret text,
                          at timestamptz DEFAULT now(),
                          digits int DEFAULT 6,
                          period int DEFAULT 30,
                          algorithm text DEFAULT 'sha1')
RETURNS text
AS 'MODULE_PATHNAME', 'totp_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION totp_code(text, timestamptz, int, int, text) IS
'RFC 6238 TOTP code for a base32 secret at a time, leading zeros kept';

CREATE FUNCTION totp_verify(secret text,
                            code text,
                            "window" int DEFAULT 1,
                            at timestamptz DEFAULT now(),
                            digits int DEFAULT 6,
                            period int DEFAULT 30,
                            algorithm text DEFAULT 'sha1')
RETURNS boolean
AS 'MODULE_PATHNAME', 'totp_verify'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION totp_verify(text, text, int, timestamptz, int, int, text) IS
'true if code is the TOTP code of secret within window steps of at; a malformed code is false, never an error';

CREATE FUNCTION totp_verify_step(secret text,
                                 code text,
                                 after_step bigint DEFAULT NULL,
                                 "window" int DEFAULT 1,
                                 at timestamptz DEFAULT now(),
                                 digits int DEFAULT 6,
                                 period int DEFAULT 30,
                                 algorithm text DEFAULT 'sha1')
RETURNS bigint
AS 'MODULE_PATHNAME', 'totp_verify_step'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION totp_verify_step(text, text, bigint, int, timestamptz, int, int, text) IS
'time step matched by code, or NULL when nothing matches or the match is <= after_step (a replay); store the result as the next after_step';

CREATE FUNCTION hotp_code(secret text,
                          counter bigint,
                          digits int DEFAULT 6,
                          algorithm text DEFAULT 'sha1')
RETURNS text
AS 'MODULE_PATHNAME', 'hotp_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION hotp_code(text, bigint, int, text) IS
'RFC 4226 HOTP code for a base32 secret and counter, leading zeros kept';

CREATE FUNCTION hotp_verify(secret text,
                            code text,
                            counter bigint,
                            look_ahead int DEFAULT 0,
                            digits int DEFAULT 6,
                            algorithm text DEFAULT 'sha1')
RETURNS bigint
AS 'MODULE_PATHNAME', 'hotp_verify'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION hotp_verify(text, text, bigint, int, int, text) IS
'next counter to store (matched counter + 1) if code matches a counter in counter..counter+look_ahead, else NULL';

CREATE FUNCTION otpauth_uri(secret text,
                            account text,
                            issuer text DEFAULT NULL,
                            digits int DEFAULT 6,
                            period int DEFAULT 30,
                            algorithm text DEFAULT 'sha1')
RETURNS text
AS 'MODULE_PATHNAME', 'otpauth_uri'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION otpauth_uri(text, text, text, int, int, text) IS
'otpauth://totp/ URI (Google Key Uri Format) for authenticator apps and QR codes; issuer NULL for none';

-- Backup codes: shown to the user once, stored only as a salted PBKDF2 set.

CREATE FUNCTION backup_codes_new(count int DEFAULT 10)
RETURNS text[]
AS 'MODULE_PATHNAME', 'backup_codes_new'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION backup_codes_new(int) IS
'count (1..100, default 10) fresh single-use backup codes of 50 random bits, like ''k7m2q-x9trb'', to show the user once';

CREATE FUNCTION backup_codes_hash(codes text[])
RETURNS text
AS 'MODULE_PATHNAME', 'backup_codes_hash'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION backup_codes_hash(text[]) IS
'storable value for a set of backup codes: salted PBKDF2-HMAC-SHA256 (600,000 iterations) hashes, parameters inside';

CREATE FUNCTION consume_backup_code(codes_hashed text, code text)
RETURNS text
AS 'MODULE_PATHNAME', 'consume_backup_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION consume_backup_code(text, text) IS
'the stored set without code if code is in it (store the result), else NULL; costs one PBKDF2 evaluation';

CREATE FUNCTION backup_codes_remaining(codes_hashed text)
RETURNS int
AS 'MODULE_PATHNAME', 'backup_codes_remaining'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION backup_codes_remaining(text) IS
'number of unused backup codes in a stored set';

-- Sealed secrets: TOTP keys encrypted at rest (AES-256-GCM) with keys from
-- the file named by the superuser-only setting totp.keyring. Every function
-- above that takes a secret also accepts a sealed one.

CREATE FUNCTION totp_seal(secret text)
RETURNS text
AS 'MODULE_PATHNAME', 'totp_seal'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION totp_seal(text) IS
'secret (base32 or sealed) encrypted under the newest key of totp.keyring, as totp:v1:<key id>:<base64>';

CREATE FUNCTION totp_reseal(sealed text)
RETURNS text
AS 'MODULE_PATHNAME', 'totp_reseal'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION totp_reseal(text) IS
'sealed secret re-encrypted under the newest key of totp.keyring (returned unchanged if it already is), for key rotation';

CREATE FUNCTION totp_unseal(secret text)
RETURNS text
AS 'MODULE_PATHNAME', 'totp_unseal'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION totp_unseal(text) IS
'plain base32 secret of a sealed one; not executable by PUBLIC, since it discloses the secret';

REVOKE EXECUTE ON FUNCTION totp_unseal(text) FROM PUBLIC;
