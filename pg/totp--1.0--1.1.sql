-- totp 1.0 -> 1.1: reading otpauth URIs and drawing them as QR codes.
\echo Use "ALTER EXTENSION totp UPDATE TO '1.1'" to load this file. \quit

CREATE FUNCTION otpauth_parse(uri text,
                              OUT type text,
                              OUT issuer text,
                              OUT account text,
                              OUT secret text,
                              OUT algorithm text,
                              OUT digits int,
                              OUT period int,
                              OUT counter bigint)
RETURNS record
AS 'MODULE_PATHNAME', 'otpauth_parse'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION otpauth_parse(text) IS
'fields of an otpauth://totp/ or hotp/ URI (type, issuer, account, canonical base32 secret, algorithm, digits, period, counter); errors on a missing or invalid secret';

CREATE FUNCTION otpauth_qr_svg(uri text)
RETURNS text
AS 'MODULE_PATHNAME', 'otpauth_qr_svg'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION otpauth_qr_svg(text) IS
'standalone SVG of the QR code (error correction M, 4-module quiet zone) of an otpauth URI, for enrolment pages';

CREATE FUNCTION otpauth_qr_text(uri text)
RETURNS text
AS 'MODULE_PATHNAME', 'otpauth_qr_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION otpauth_qr_text(text) IS
'the QR code of an otpauth URI drawn in Unicode half blocks (light modules as ink) for a terminal';
