-- NULL in gives NULL out, for every argument of every function, except the
-- two NULLs with a meaning: totp_verify_step's after_step (no step used yet)
-- and otpauth_uri's issuer (no issuer).

\pset null '(null)'

-- The value of a query's single result as text (NULL stays NULL).
CREATE FUNCTION pg_temp.value_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  result text;
BEGIN
  EXECUTE query INTO result;
  RETURN result;
END
$$;

-- A stored set of four backup codes, abcde-fghjk among them, at 1000
-- iterations (see backup_codes.sql), as an SQL literal.
\set four_1000 '''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw==,gTqYbJYxCtnHAdS54uzNeg==,XhBBAqwndCqntgJp0SzJ+A==,tL8QOOExiBXNrPEPRAwMpA==:1dYpuIkMjcV2'''

-- The RFC secret sealed under k2026 of the keyring test/pg/run.sh configures
-- (see sealed_secrets.sql), as an SQL literal.
\set sealed_k2026 '''totp:v1:k2026:s9X3aWHkgmmRPx2LixdSMHQbWv9EHpZqjS/bUanw1EEm9bta6SIT/g7Xq3+dIj7q'''

-- Each function with a valid value for every argument, in order.
CREATE TEMP TABLE calls (fn text, args text[], arg_names text[]);
INSERT INTO calls VALUES
  ('totp_new_secret', ARRAY['20'], ARRAY['bytes']),
  ('totp_code', ARRAY['''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ''', 'to_timestamp(59)', '6', '30', '''sha1'''],
   ARRAY['secret', 'at', 'digits', 'period', 'algorithm']),
  ('totp_verify', ARRAY['''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ''', '''287082''', '1', 'to_timestamp(59)', '6', '30', '''sha1'''],
   ARRAY['secret', 'code', 'window', 'at', 'digits', 'period', 'algorithm']),
  ('totp_verify_step', ARRAY['''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ''', '''287082''', '0', '1', 'to_timestamp(59)', '6', '30', '''sha1'''],
   ARRAY['secret', 'code', 'after_step', 'window', 'at', 'digits', 'period', 'algorithm']),
  ('hotp_code', ARRAY['''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ''', '1', '6', '''sha1'''],
   ARRAY['secret', 'counter', 'digits', 'algorithm']),
  ('hotp_verify', ARRAY['''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ''', '''287082''', '1', '0', '6', '''sha1'''],
   ARRAY['secret', 'code', 'counter', 'look_ahead', 'digits', 'algorithm']),
  ('otpauth_uri', ARRAY['''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ''', '''alice''', '''ACME''', '6', '30', '''sha1'''],
   ARRAY['secret', 'account', 'issuer', 'digits', 'period', 'algorithm']),
  ('backup_codes_new', ARRAY['3'], ARRAY['count']),
  ('backup_codes_hash', ARRAY['ARRAY[''abcde-fghjk'']'], ARRAY['codes']),
  ('consume_backup_code', ARRAY[:'four_1000', '''abcde-fghjk'''], ARRAY['codes_hashed', 'code']),
  ('backup_codes_remaining', ARRAY[:'four_1000'], ARRAY['codes_hashed']),
  ('totp_seal', ARRAY['''GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'''], ARRAY['secret']),
  ('totp_reseal', ARRAY[:'sealed_k2026'], ARRAY['sealed']),
  ('totp_unseal', ARRAY[:'sealed_k2026'], ARRAY['secret']);

-- The call with every argument given is not NULL, so a NULL below is the
-- NULL argument's doing.
SELECT fn, pg_temp.value_of(format('SELECT %s(%s)', fn, array_to_string(args, ', '))) IS NOT NULL AS not_null_without_nulls
  FROM calls
 ORDER BY fn;

-- Each argument in turn replaced by NULL.
SELECT c.fn, a.name AS null_argument,
       pg_temp.value_of(format('SELECT %s(%s)', c.fn, array_to_string(
         (SELECT array_agg(CASE WHEN i = a.n THEN 'NULL' ELSE c.args[i] END ORDER BY i)
            FROM generate_subscripts(c.args, 1) AS i), ', '))) AS result
  FROM calls c, unnest(c.arg_names) WITH ORDINALITY AS a(name, n)
 ORDER BY c.fn, a.n;

-- A NULL wins over an invalid value elsewhere: NULL, not an error.
SELECT 'NULL secret with digits 9', totp_code(NULL, now(), 9) IS NULL;
SELECT 'NULL code with window 11', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 11) IS NULL;
SELECT 'NULL at with a bad secret', totp_verify_step('!', '287082', 0, 1, NULL) IS NULL;
SELECT 'NULL account with an issuer containing :', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 'A:B') IS NULL;
SELECT 'NULL counter with look_ahead 101', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 101) IS NULL;
SELECT 'NULL code with a damaged stored set', consume_backup_code('totp-bc9:', NULL) IS NULL;
