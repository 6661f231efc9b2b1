-- Every error path: parameters are configuration, so a value out of range is
-- an error with SQLSTATE 22023 (invalid_parameter_value), a secret that is
-- not base32 is 22P02 (invalid_text_representation), and no error text
-- (message, detail or hint) contains the secret or the code passed in.
-- (Wrong or malformed codes are never errors: see totp_verify.sql.)

-- SQLSTATE and message of the error a query raises, or 'no error'.
CREATE FUNCTION pg_temp.error_of(query text, OUT error text, OUT error_text text)
LANGUAGE plpgsql AS $$
DECLARE
  message text;
  detail text;
  hint text;
BEGIN
  EXECUTE query;
  error := 'no error';
  error_text := '';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
                          hint = PG_EXCEPTION_HINT;
  error := SQLSTATE || ': ' || message;
  error_text := concat_ws(' ', message, detail, hint);
END
$$;

-- what, the call, and the secret and code in it (must not be in the error).
-- 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' is a valid secret, '287082' a valid code.
CREATE TEMP TABLE error_cases (n serial, what text, call text, secret text, code text);
INSERT INTO error_cases (what, call, secret, code) VALUES
  -- totp_new_secret
  ('new secret of 15 bytes', 'totp_new_secret(15)', NULL, NULL),
  ('new secret of 65 bytes', 'totp_new_secret(65)', NULL, NULL),
  ('new secret of 0 bytes', 'totp_new_secret(0)', NULL, NULL),
  -- the secret, in every function that takes one
  ('secret with !', 'totp_code(''GEZDGNBVGY3TQOJ!GEZDGNBVGY3TQOJQ'')', 'GEZDGNBVGY3TQOJ!GEZDGNBVGY3TQOJQ', NULL),
  ('secret with 0, 1, 8, 9', 'totp_code(''GEZDGNBVGY3TQOJ0GEZDGNBVGY3TQ189'')', 'GEZDGNBVGY3TQOJ0GEZDGNBVGY3TQ189', NULL),
  ('secret with a tab', E'totp_code(''GEZDGNBVGY3TQOJQ\tGEZDGNBVGY3TQOJQ'')', E'GEZDGNBVGY3TQOJQ\tGEZDGNBVGY3TQOJQ', NULL),
  ('secret with a newline at the end', E'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('secret with non-ASCII', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJÄ'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJÄ', NULL),
  ('secret with = inside', 'totp_code(''GEZDGNBV=GY3TQOJQGEZDGNBVGY3TQOJQ'')', 'GEZDGNBV=GY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('secret of 17 chars (1 mod 8)', 'totp_code(''GEZDGNBVGY3TQOJQG'')', 'GEZDGNBVGY3TQOJQG', NULL),
  ('secret of 19 chars (3 mod 8)', 'totp_code(''GEZDGNBVGY3TQOJQGEZ'')', 'GEZDGNBVGY3TQOJQGEZ', NULL),
  ('secret of 22 chars (6 mod 8)', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGN'')', 'GEZDGNBVGY3TQOJQGEZDGN', NULL),
  ('secret of 9 bytes', 'totp_code(''GEZDGNBVGY3TQOI'')', 'GEZDGNBVGY3TQOI', NULL),
  ('empty secret', 'totp_code('''')', NULL, NULL),
  ('secret of only spaces and hyphens', 'totp_code('' - - '')', NULL, NULL),
  ('secret of 1025 bytes', 'totp_code(repeat(''GEZDGNBV'', 205))', 'GEZDGNBVGEZDGNBV', NULL),
  ('bad secret in totp_verify', 'totp_verify(''GEZDGNBVGY3TQOJ!'', ''287082'')', 'GEZDGNBVGY3TQOJ!', '287082'),
  ('short secret in totp_verify', 'totp_verify(''GEZDGNBVGY3TQOI'', ''287082'')', 'GEZDGNBVGY3TQOI', '287082'),
  ('bad secret in totp_verify_step', 'totp_verify_step(''GEZDGNBVGY3TQOJ!'', ''287082'')', 'GEZDGNBVGY3TQOJ!', '287082'),
  ('bad secret in hotp_code', 'hotp_code(''GEZDGNBVGY3TQOJ!'', 1)', 'GEZDGNBVGY3TQOJ!', NULL),
  ('bad secret in hotp_verify', 'hotp_verify(''GEZDGNBVGY3TQOJ!'', ''287082'', 1)', 'GEZDGNBVGY3TQOJ!', '287082'),
  ('bad secret in otpauth_uri', 'otpauth_uri(''GEZDGNBVGY3TQOJ!'', ''alice'')', 'GEZDGNBVGY3TQOJ!', NULL),
  ('short secret in otpauth_uri', 'otpauth_uri(''GEZDGNBVGY3TQOI'', ''alice'')', 'GEZDGNBVGY3TQOI', NULL),
  -- digits
  ('totp_code digits 5', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', digits => 5)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code digits 9', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', digits => 9)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_verify digits 5', 'totp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''28708'', digits => 5)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '28708'),
  ('totp_verify_step digits 9', 'totp_verify_step(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082000'', digits => 9)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082000'),
  ('hotp_code digits 5', 'hotp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', 1, 5)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('hotp_verify digits 9', 'hotp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', 1, digits => 9)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('otpauth_uri digits 9', 'otpauth_uri(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''alice'', digits => 9)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  -- period
  ('totp_code period 0', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', period => 0)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code period 3601', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', period => 3601)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code period -30', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', period => -30)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_verify period 0', 'totp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', period => 0)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('totp_verify_step period 3601', 'totp_verify_step(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', period => 3601)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('otpauth_uri period 0', 'otpauth_uri(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''alice'', period => 0)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  -- window and look_ahead
  ('totp_verify window -1', 'totp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', -1)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('totp_verify window 11', 'totp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', "window" => 11)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('totp_verify_step window -1', 'totp_verify_step(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', NULL, -1)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('totp_verify_step window 11', 'totp_verify_step(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', "window" => 11)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('window 11 with a malformed code', 'totp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''abc'', 11)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'abc'),
  ('hotp_verify look_ahead -1', 'hotp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', 1, -1)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('hotp_verify look_ahead 101', 'hotp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', 1, look_ahead => 101)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  -- algorithm
  ('totp_code algorithm md5', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', algorithm => ''md5'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code algorithm sha-1', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', algorithm => ''sha-1'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code algorithm empty', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', algorithm => '''')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code algorithm "sha1 "', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', algorithm => ''sha1 '')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code algorithm sha384', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', algorithm => ''sha384'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_verify algorithm md5', 'totp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', algorithm => ''md5'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('totp_verify_step algorithm md5', 'totp_verify_step(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', algorithm => ''md5'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('hotp_code algorithm md5', 'hotp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', 1, algorithm => ''md5'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('hotp_verify algorithm md5', 'hotp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', 1, algorithm => ''md5'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('otpauth_uri algorithm md5', 'otpauth_uri(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''alice'', algorithm => ''md5'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  -- time
  ('totp_code at 1969-12-31 23:59:59 UTC', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', to_timestamp(-1))', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code at half a second before 1970', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', to_timestamp(-0.5))', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code at infinity', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''infinity'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_code at -infinity', 'totp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''-infinity'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('totp_verify at 1969', 'totp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', at => ''1969-07-20 20:17:40+00'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('totp_verify at infinity', 'totp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', at => ''infinity'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('totp_verify_step at 1969', 'totp_verify_step(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', at => to_timestamp(-30))', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('totp_verify_step at -infinity', 'totp_verify_step(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', at => ''-infinity'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  -- counter
  ('hotp_code counter -1', 'hotp_code(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', -1)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('hotp_verify counter -1', 'hotp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', -1)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  ('hotp_verify counter minimum bigint', 'hotp_verify(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''287082'', -9223372036854775808, 100)', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082'),
  -- account and issuer
  ('otpauth_uri empty account', 'otpauth_uri(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', '''')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_uri empty issuer', 'otpauth_uri(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''alice'', '''')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_uri issuer with :', 'otpauth_uri(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''alice'', ''ACME:Corp'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_uri issuer only :', 'otpauth_uri(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''alice'', '':'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_uri account with : and no issuer', 'otpauth_uri(''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'', ''alice:x'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse not otpauth', 'otpauth_parse(''https://example.com/?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse type steam', 'otpauth_parse(''otpauth://steam/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse no secret', 'otpauth_parse(''otpauth://totp/alice?issuer=ACME'')', NULL, NULL),
  ('otpauth_parse bad secret', 'otpauth_parse(''otpauth://totp/alice?secret=GEZDGNBVGY3TQOJ!'')', 'GEZDGNBVGY3TQOJ!', NULL),
  ('otpauth_parse short secret', 'otpauth_parse(''otpauth://totp/alice?secret=GEZDGNBVGY3TQOI'')', 'GEZDGNBVGY3TQOI', NULL),
  ('otpauth_parse secret twice', 'otpauth_parse(''otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse bad escape', 'otpauth_parse(''otpauth://totp/al%ZZice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse encoded NUL', 'otpauth_parse(''otpauth://totp/al%00ice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse no account', 'otpauth_parse(''otpauth://totp/ACME:?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse digits 9', 'otpauth_parse(''otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=9'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse period 0', 'otpauth_parse(''otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=0'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse algorithm md5', 'otpauth_parse(''otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=md5'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_parse hotp without counter', 'otpauth_parse(''otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'')', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  ('otpauth_qr_svg not otpauth', 'otpauth_qr_svg(''https://example.com/'')', NULL, NULL),
  ('otpauth_qr_svg bad secret', 'otpauth_qr_svg(''otpauth://totp/alice?secret=GEZDGNBVGY3TQOJ!'')', 'GEZDGNBVGY3TQOJ!', NULL),
  ('otpauth_qr_text too long for a QR code', 'otpauth_qr_text(''otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer='' || repeat(''x'', 2300))', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL);

SELECT n, what, (pg_temp.error_of('SELECT ' || call)).error
  FROM error_cases
 ORDER BY n;

-- No error text holds the secret or the code of its call (nor a tell-tale
-- piece of the secret: its first 8 characters).
SELECT 'no error text contains the secret or the code',
       bool_and(strpos(e.error_text, coalesce(c.secret, '~')) = 0
                AND strpos(e.error_text, left(coalesce(c.secret, '~'), 8)) = 0
                AND strpos(e.error_text, coalesce(c.code, '~')) = 0),
       count(*) FILTER (WHERE e.error = 'no error') = 0 AS every_case_is_an_error
  FROM error_cases c, pg_temp.error_of('SELECT ' || c.call) AS e;

-- The limits themselves are accepted.
SELECT what, ok
  FROM (VALUES
    ('new secret of 16 bytes', length(totp_new_secret(16)) = 26),
    ('new secret of 64 bytes', length(totp_new_secret(64)) = 103),
    ('digits 6, period 1', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', to_timestamp(0), 6, 1) = '755224'),
    ('digits 8, period 3600', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', to_timestamp(3599), 8, 3600) = '84755224'),
    ('window 0', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, to_timestamp(0))),
    ('window 10', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 10, to_timestamp(0))),
    ('at 1970-01-01 00:00:00 UTC', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '1970-01-01 00:00:00+00') = '755224'),
    ('look_ahead 0', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0) = 1),
    ('look_ahead 100', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 100) = 1),
    ('counter 0', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0) = '755224'),
    ('largest counter', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 9223372036854775807) ~ '^[0-9]{6}$'),
    ('largest counter, look_ahead 100', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '000000', 9223372036854775807, 100) IS NULL),
    ('one-character account and issuer', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'a', 'b') IS NOT NULL)
  ) AS limits(what, ok);

-- An error aborts the transaction as any error does; that is why codes never
-- raise one (see readme_login.sql).
BEGIN;
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits => 9);
SELECT 1;
ROLLBACK;
