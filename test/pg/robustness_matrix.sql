-- The bad-input matrix of the PostgreSQL robustness test (test/pg/robustness.sh), also replayed
-- by the server-log check (test/pg/log_hygiene.sh). Loaded with psql into a database that has
-- the extension and whose totp.keyring seals under k2026 (test/pg/run.sh's keyring). Leaves
-- behind, in ordinary tables so that later sessions see them:
--   robustness_cases    every call: the extension's functions, found in the catalog, each
--                       argument in turn replaced by each bad value for its type and name,
--                       the others valid; plus each function with valid arguments only and a
--                       few combinations
--   robustness_results  robustness_cases with the outcome of each call: "ERROR <SQLSTATE>:
--                       <message>", "NULL", or the shape of the value (never the value), and
--                       the text of the error (message, detail, hint) the client received
-- Every call carries sentinels, which must appear in no error text and no log line: the secret
-- JBSWY3DPEHPK3PXPSENTINEL (plain, and sealed), the code 13579246, the backup code zq7xk-w9m3t.
-- A function the catalog lists but the tables below do not know shows up as a call with a
-- missing value (an error other than ours); a changed outcome shows up as a diff against
-- test/pg/robustness.out.

SET client_min_messages = warning;

\ir robustness_outcome.sql

-- Valid values by argument name ('*': any function), as SQL expressions.
CREATE TABLE robustness_base (fn text, arg text, expr text, PRIMARY KEY (fn, arg));
INSERT INTO robustness_base VALUES
  ('*', 'secret', '''JBSWY3DPEHPK3PXPSENTINEL'''),
  ('*', 'code', '''13579246'''),
  ('*', 'after_step', '0'),
  ('*', 'window', '1'),
  ('*', 'at', '''2026-01-01 00:00:00+00''::timestamptz'),
  ('*', 'digits', '6'),
  ('*', 'period', '30'),
  ('*', 'algorithm', '''sha1'''),
  ('*', 'counter', '1'),
  ('*', 'look_ahead', '0'),
  ('*', 'account', '''alice@example.com'''),
  ('*', 'issuer', '''ACME'''),
  ('*', 'uri', '''otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXPSENTINEL&issuer=ACME'''),
  ('*', 'bytes', '20'),
  ('*', 'count', '3'),
  ('*', 'codes', 'ARRAY[''zq7xk-w9m3t'']'),
  -- four codes at 1000 iterations (sql/backup_codes.sql); zq7xk-w9m3t is not one of them
  ('*', 'codes_hashed', '''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw==,gTqYbJYxCtnHAdS54uzNeg==,XhBBAqwndCqntgJp0SzJ+A==,tL8QOOExiBXNrPEPRAwMpA==:1dYpuIkMjcV2'''),
  ('consume_backup_code', 'code', '''zq7xk-w9m3t''');
-- The sentinel secret sealed under k2026 of test/fixtures/keyring (once, by totp_seal): a
-- fixed value, so that its altered forms below give the same outcome in every run.
INSERT INTO robustness_base VALUES
  ('*', 'sealed', '''totp:v1:k2026:+XRTRDf3c5XFogc9CCflrDtbGLduFCHALHMdo1vBJQ3tyyJXMLQx6SHomQ=='''),
  ('totp_unseal', 'secret', '''totp:v1:k2026:+XRTRDf3c5XFogc9CCflrDtbGLduFCHALHMdo1vBJQ3tyyJXMLQx6SHomQ==''');

-- s with each printable ASCII character replaced by its fullwidth form (U+FF01..U+FF5E).
CREATE FUNCTION robustness_fullwidth(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT coalesce(string_agg(CASE WHEN ascii(c) BETWEEN 33 AND 126
                                  THEN chr(ascii(c) + 65248) ELSE c END, '' ORDER BY i), '')
    FROM unnest(string_to_array(s, NULL)) WITH ORDINALITY AS t(c, i)
$$;

-- A stored set of backup codes with body as its text before the check, and a valid check: so
-- that the parser, not the check, meets what is wrong with the body.
CREATE FUNCTION robustness_set(body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT body || ':' || encode(substring(sha256(convert_to(body, 'UTF8')) FROM 1 FOR 9), 'base64')
$$;

-- Bad values, as format() templates where %1$s is the argument's valid value, by argument
-- type and name ('*': every argument of the type). ord orders them in the report.
CREATE TABLE robustness_bad (type regtype, arg text, ord int, input text, template text);
INSERT INTO robustness_bad VALUES
  -- every text argument
  ('text', '*', 1, 'NULL', 'NULL'),
  ('text', '*', 2, 'empty', ''''''),
  ('text', '*', 3, '1 MB: the valid value repeated', 'rpad(%1$s, 1048576, %1$s)'),
  ('text', '*', 4, '1 MB of spaces', 'repeat('' '', 1048576)'),
  ('text', '*', 5, '1 MB of non-ASCII (é)', 'repeat(''é'', 524288)'),
  ('text', '*', 6, 'valid value + control characters', '%1$s || E''\x01\x1f\x7f'''),
  ('text', '*', 7, 'only control characters', 'E''\x01\x02\x1b\x7f'''),
  ('text', '*', 8, 'tab, CR and LF inside', 'overlay(%1$s placing E''\t\r\n'' from 3 for 0)'),
  ('text', '*', 9, 'valid value + non-ASCII', '%1$s || ''ÄЖ€😀'''),
  ('text', '*', 10, 'fullwidth form of the valid value', 'robustness_fullwidth(%1$s)'),
  -- secrets, plain or sealed (secret, and totp_reseal's sealed); %2$s is a sealed value
  ('text', 'secret', 19, 'lower case', 'lower(%1$s)'),
  ('text', 'secret', 20, '9-byte secret', '''GEZDGNBVGY3TQOI'''),
  ('text', 'secret', 21, '1024-byte secret (the largest)', 'rpad('''', 1639, ''GEZDGNBV'')'),
  ('text', 'secret', 22, '1025-byte secret', 'rpad('''', 1640, ''GEZDGNBV'')'),
  ('text', 'secret', 23, 'only "totp:"', '''totp:'''),
  ('text', 'secret', 24, 'sealed, 1 MB of base64', '''totp:v1:k2026:'' || repeat(''A'', 1048576)'),
  ('text', 'secret', 25, 'sealed, 1 MB key id', '''totp:v1:'' || repeat(''k'', 1048576) || '':AAAA'''),
  ('text', 'secret', 26, 'sealed under a key id the keyring lacks',
   'replace(%2$s, '':k2026:'', '':knone:'')'),
  ('text', 'secret', 27, 'sealed, version 9', 'replace(%2$s, ''totp:v1:'', ''totp:v9:'')'),
  ('text', 'secret', 28, 'sealed under the older key k2025 (the RFC secret)',
   '''totp:v1:k2025:6DUbgSZgVYvsJ6/9ZZKDs56vRpq8Pf2kqqh0Kmvf9OPnbbnxKGHw6Qi2ZQ435Wf4'''),
  ('text', 'secret', 29, 'sealed, one payload character changed',
   'overlay(%2$s placing CASE WHEN substr(%2$s, 30, 1) = ''A'' THEN ''B'' ELSE ''A'' END from 30)'),
  -- codes
  ('text', 'code', 20, 'spaces inside', '''1357 9246'''),
  ('text', 'code', 21, '1 MB of digits', 'repeat(''7'', 1048576)'),
  -- stored sets of backup codes
  ('text', 'codes_hashed', 20, 'one character of the check changed',
   'overlay(%1$s placing ''X'' from length(%1$s) - 3 for 1)'),
  ('text', 'codes_hashed', 21, 'version 9', 'replace(%1$s, ''totp-bc1:'', ''totp-bc9:'')'),
  ('text', 'codes_hashed', 22, 'a set with no code left', 'backup_codes_hash(''{}''::text[])'),
  ('text', 'codes_hashed', 23, 'only the prefix', '''totp-bc1:pbkdf2-sha256:1000:'''),
  ('text', 'codes_hashed', 30, 'valid check: 100 codes (the most)',
   'robustness_set(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:'' || (SELECT string_agg(''7X9hHXgJkHV9YOklliZGpw=='', '','') FROM generate_series(1, 100)))'),
  ('text', 'codes_hashed', 31, 'valid check: 101 codes',
   'robustness_set(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:'' || (SELECT string_agg(''7X9hHXgJkHV9YOklliZGpw=='', '','') FROM generate_series(1, 101)))'),
  ('text', 'codes_hashed', 32, 'valid check: 1 MB of codes',
   'robustness_set(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:'' || rpad(''7X9hHXgJkHV9YOklliZGpw=='', 1048574, '',7X9hHXgJkHV9YOklliZGpw==''))'),
  ('text', 'codes_hashed', 33, 'valid check: 999 iterations',
   'robustness_set(''totp-bc1:pbkdf2-sha256:999:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw=='')'),
  ('text', 'codes_hashed', 34, 'valid check: 10,000,001 iterations',
   'robustness_set(''totp-bc1:pbkdf2-sha256:10000001:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw=='')'),
  ('text', 'codes_hashed', 35, 'valid check: iterations with a leading zero',
   'robustness_set(''totp-bc1:pbkdf2-sha256:01000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw=='')'),
  ('text', 'codes_hashed', 36, 'valid check: INT_MAX + 1 iterations',
   'robustness_set(''totp-bc1:pbkdf2-sha256:2147483648:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw=='')'),
  ('text', 'codes_hashed', 37, 'valid check: salt not canonical base64',
   'robustness_set(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqh==:7X9hHXgJkHV9YOklliZGpw=='')'),
  ('text', 'codes_hashed', 38, 'valid check: an empty code between two',
   'robustness_set(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw==,,7X9hHXgJkHV9YOklliZGpw=='')'),
  ('text', 'codes_hashed', 39, 'valid check: a hash of 15 bytes',
   'robustness_set(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:AAAAAAAAAAAAAAAAAAAA'')'),
  ('text', 'codes_hashed', 40, 'valid check: non-ASCII in a hash',
   'robustness_set(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGé=='')'),
  ('text', 'codes_hashed', 41, 'valid check: a KDF of another name',
   'robustness_set(''totp-bc1:scrypt:1000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw=='')'),
  -- account and issuer
  ('text', 'account', 20, 'with : # ? / & % and a space', '''a:b#c?d/e&f%% g'''),
  ('text', 'issuer', 20, 'with :', '''ACME:Corp'''),
  -- algorithm
  ('text', 'algorithm', 20, 'SHA512', '''SHA512'''),
  ('text', 'algorithm', 21, 'md5', '''md5'''),
  -- every int argument: NULL and the int limits, then the limits of each parameter
  ('integer', '*', 1, 'NULL', 'NULL'),
  ('integer', '*', 2, 'INT_MIN', '-2147483648'),
  ('integer', '*', 3, '-1', '-1'),
  ('integer', '*', 4, '0', '0'),
  ('integer', '*', 5, 'INT_MAX', '2147483647'),
  ('integer', 'digits', 10, '5', '5'),
  ('integer', 'digits', 11, '6', '6'),
  ('integer', 'digits', 12, '8', '8'),
  ('integer', 'digits', 13, '9', '9'),
  ('integer', 'period', 10, '1', '1'),
  ('integer', 'period', 11, '3600', '3600'),
  ('integer', 'period', 12, '3601', '3601'),
  ('integer', 'window', 10, '10', '10'),
  ('integer', 'window', 11, '11', '11'),
  ('integer', 'look_ahead', 10, '100', '100'),
  ('integer', 'look_ahead', 11, '101', '101'),
  ('integer', 'bytes', 10, '15', '15'),
  ('integer', 'bytes', 11, '16', '16'),
  ('integer', 'bytes', 12, '64', '64'),
  ('integer', 'bytes', 13, '65', '65'),
  ('integer', 'count', 10, '1', '1'),
  ('integer', 'count', 11, '100', '100'),
  ('integer', 'count', 12, '101', '101'),
  -- every bigint argument (counter, after_step)
  ('bigint', '*', 1, 'NULL', 'NULL'),
  ('bigint', '*', 2, 'BIGINT_MIN', '-9223372036854775808'),
  ('bigint', '*', 3, '-1', '-1'),
  ('bigint', '*', 4, '0', '0'),
  ('bigint', '*', 5, 'BIGINT_MAX - 1', '9223372036854775806'),
  ('bigint', '*', 6, 'BIGINT_MAX', '9223372036854775807'),
  -- every timestamptz argument
  ('timestamptz', '*', 1, 'NULL', 'NULL'),
  ('timestamptz', '*', 2, '-infinity', '''-infinity''::timestamptz'),
  ('timestamptz', '*', 3, 'infinity', '''infinity''::timestamptz'),
  ('timestamptz', '*', 4, 'the latest timestamptz (294276 AD)', '''294276-12-31 23:59:59.999999+00''::timestamptz'),
  ('timestamptz', '*', 5, '4713 BC', '''4713-01-01 00:00:00+00 BC''::timestamptz'),
  ('timestamptz', '*', 6, 'the earliest timestamptz (4714-11-24 BC)', '''4714-11-24 00:00:00+00 BC''::timestamptz'),
  ('timestamptz', '*', 7, '1 µs before 1970', '''1969-12-31 23:59:59.999999+00''::timestamptz'),
  ('timestamptz', '*', 8, '1970-01-01 00:00:00 UTC', '''1970-01-01 00:00:00+00''::timestamptz'),
  -- every text[] argument (codes)
  ('text[]', '*', 1, 'NULL', 'NULL'),
  ('text[]', '*', 2, 'empty', '''{}''::text[]'),
  ('text[]', '*', 3, 'one NULL element', 'ARRAY[NULL]::text[]'),
  ('text[]', '*', 4, 'a NULL after a valid code', 'ARRAY[''zq7xk-w9m3t'', NULL]'),
  ('text[]', '*', 5, '2-D, 2x1', 'ARRAY[[''zq7xk-w9m3t''], [''abcde-fghjk'']]'),
  ('text[]', '*', 6, '2-D with a NULL', 'ARRAY[[''zq7xk-w9m3t''], [NULL]]'),
  ('text[]', '*', 7, '3-D, 1x1x1', 'ARRAY[[[''zq7xk-w9m3t'']]]'),
  ('text[]', '*', 8, 'lower bound 0', '''[0:0]={zq7xk-w9m3t}''::text[]'),
  ('text[]', '*', 9, '100 codes, the last not a code',
   '(SELECT array_agg(CASE WHEN i < 100 THEN ''zq7xk-'' || lpad(i::text, 5, ''0'') ELSE ''zq7xk-w9m3!'' END ORDER BY i) FROM generate_series(1, 100) i)'),
  ('text[]', '*', 10, '101 distinct codes',
   '(SELECT array_agg(''zq7xk-'' || lpad(i::text, 5, ''0'') ORDER BY i) FROM generate_series(1, 101) i)'),
  ('text[]', '*', 11, '10,000 distinct codes',
   '(SELECT array_agg(''zq7xk-'' || lpad(i::text, 5, ''0'') ORDER BY i) FROM generate_series(1, 10000) i)'),
  ('text[]', '*', 12, '10,000 NULLs', 'array_fill(NULL::text, ARRAY[10000])'),
  ('text[]', '*', 13, 'the same code twice, typed differently', 'ARRAY[''zq7xk-w9m3t'', ''ZQ7XK W9M3T'']'),
  ('text[]', '*', 14, 'an empty code', 'ARRAY['''']'),
  ('text[]', '*', 15, 'a 1 MB code', 'ARRAY[repeat(''zq7xk'', 209716)]'),
  ('text[]', '*', 16, 'a code + control characters', 'ARRAY[E''zq7xk-w9m3t\x01\x7f'']'),
  ('text[]', '*', 17, 'a code + non-ASCII', 'ARRAY[''zq7xk-w9m3tÄ€'']'),
  ('text[]', '*', 18, 'a fullwidth code', 'ARRAY[robustness_fullwidth(''zq7xk-w9m3t'')]');

-- Whole calls whose point is a combination of values.
CREATE TABLE robustness_combinations (fn text, ord int, input text, call text);
INSERT INTO robustness_combinations VALUES
  ('hotp_code', 1, 'counter BIGINT_MAX, digits 8, sha512',
   'hotp_code(''JBSWY3DPEHPK3PXPSENTINEL'', 9223372036854775807, 8, ''sha512'')'),
  ('hotp_verify', 1, 'counter BIGINT_MAX - 50, look_ahead 100',
   'hotp_verify(''JBSWY3DPEHPK3PXPSENTINEL'', ''13579246'', 9223372036854775757, 100)'),
  ('hotp_verify', 2, '1 MB secret and 1 MB code, look_ahead 100',
   'hotp_verify(repeat(''JBSWY3DP'', 131072), repeat(''1'', 1048576), 0, 100)'),
  ('hotp_verify', 3, 'the code of counter BIGINT_MAX - 1 at that counter: next counter BIGINT_MAX',
   'hotp_verify(''JBSWY3DPEHPK3PXPSENTINEL'', hotp_code(''JBSWY3DPEHPK3PXPSENTINEL'', 9223372036854775806), 9223372036854775806)'),
  ('hotp_verify', 4, 'the code of counter BIGINT_MAX at that counter: no next counter, no match',
   'hotp_verify(''JBSWY3DPEHPK3PXPSENTINEL'', hotp_code(''JBSWY3DPEHPK3PXPSENTINEL'', 9223372036854775807), 9223372036854775807, 100)'),
  ('totp_verify_step', 3, 'the code of the latest time, period 1, after_step BIGINT_MIN',
   'totp_verify_step(''JBSWY3DPEHPK3PXPSENTINEL'', totp_code(''JBSWY3DPEHPK3PXPSENTINEL'', ''294276-12-31 23:59:59.999999+00'', 6, 1), -9223372036854775808, 0, ''294276-12-31 23:59:59.999999+00'', 6, 1)'),
  ('totp_verify_step', 4, 'the code of the latest time, period 1, after_step BIGINT_MAX (a replay)',
   'totp_verify_step(''JBSWY3DPEHPK3PXPSENTINEL'', totp_code(''JBSWY3DPEHPK3PXPSENTINEL'', ''294276-12-31 23:59:59.999999+00'', 6, 1), 9223372036854775807, 0, ''294276-12-31 23:59:59.999999+00'', 6, 1)'),
  ('totp_verify_step', 1, 'latest time, period 1, window 10, after_step BIGINT_MAX',
   'totp_verify_step(''JBSWY3DPEHPK3PXPSENTINEL'', ''13579246'', 9223372036854775807, 10, ''294276-12-31 23:59:59.999999+00'', 8, 1, ''sha256'')'),
  ('totp_verify_step', 2, 'epoch, period 3600, window 10, after_step BIGINT_MIN',
   'totp_verify_step(''JBSWY3DPEHPK3PXPSENTINEL'', ''13579246'', -9223372036854775808, 10, ''1970-01-01 00:00:00+00'', 6, 3600)'),
  ('totp_verify', 1, 'every int INT_MIN',
   'totp_verify(''JBSWY3DPEHPK3PXPSENTINEL'', ''13579246'', -2147483648, now(), -2147483648, -2147483648)'),
  ('totp_verify', 2, 'the code of the time, with 1 MB of spaces around it',
   'totp_verify(''JBSWY3DPEHPK3PXPSENTINEL'', repeat('' '', 524288) || totp_code(''JBSWY3DPEHPK3PXPSENTINEL'', ''2026-01-01 00:00:00+00'') || repeat('' '', 524288), 0, ''2026-01-01 00:00:00+00'')'),
  ('otpauth_uri', 1, '1 MB account and 1 MB non-ASCII issuer, digits 8, period 3600, sha512',
   'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', repeat(''a'', 1048576), repeat(''é'', 524288), 8, 3600, ''sha512'')'),
  ('otpauth_uri', 3, 'a 180 MB issuer: the URI would pass 1 GB',
   'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', ''alice@example.com'', repeat(''i'', 180000000))'),
  ('otpauth_uri', 2, 'NULL issuer and a bad secret',
   'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL!'', ''alice@example.com'', NULL)'),
  ('consume_backup_code', 1, '1 MB stored set of valid shape (the check fails)',
   'consume_backup_code(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:'' || rpad(''7X9hHXgJkHV9YOklliZGpw=='', 1048575, '',7X9hHXgJkHV9YOklliZGpw=='') || '':1dYpuIkMjcV2'', ''zq7xk-w9m3t'')');

-- The extension's functions and their arguments, from the catalog.
CREATE TABLE robustness_args AS
SELECT p.proname::text AS fn, a.pos::int AS pos, p.proargnames[a.pos] AS arg,
       a.type::regtype AS type, p.pronargs AS nargs
  FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'totp'
 CROSS JOIN LATERAL unnest(p.proargtypes::oid[]) WITH ORDINALITY AS a(type, pos);

-- The valid value of each argument; a missing one becomes a call to an undefined function, so
-- that the report shows it.
CREATE VIEW robustness_arg_base AS
SELECT a.*, coalesce(
         (SELECT b.expr FROM robustness_base b WHERE b.fn = a.fn AND b.arg = a.arg),
         (SELECT b.expr FROM robustness_base b WHERE b.fn = '*' AND b.arg = a.arg),
         format('robustness_no_valid_value_for(%L)', a.arg)) AS expr
  FROM robustness_args a;

CREATE TABLE robustness_cases (n serial, fn text, pos int, arg text, ord int, input text, call text);
-- Each function with valid arguments only ...
INSERT INTO robustness_cases (fn, pos, arg, ord, input, call)
SELECT fn, 0, '(none)', 0, 'valid arguments',
       format('%s(%s)', fn, string_agg(expr, ', ' ORDER BY pos))
  FROM robustness_arg_base
 GROUP BY fn
 ORDER BY fn;
-- ... then each argument in turn given each bad value, the others valid ...
INSERT INTO robustness_cases (fn, pos, arg, ord, input, call)
SELECT a.fn, a.pos, a.arg, v.ord, v.input,
       format('%s(%s)', a.fn,
              (SELECT string_agg(CASE WHEN o.pos = a.pos
                                      THEN format(v.template, a.expr,
                                                  (SELECT expr FROM robustness_base
                                                    WHERE fn = '*' AND arg = 'sealed'))
                                      ELSE o.expr END, ', ' ORDER BY o.pos)
                 FROM robustness_arg_base o WHERE o.fn = a.fn))
  FROM robustness_arg_base a
  JOIN robustness_bad v ON v.type = a.type
   AND (v.arg IN ('*', a.arg) OR (v.arg = 'secret' AND a.arg = 'sealed'))
 ORDER BY a.fn, a.pos, v.ord;
-- ... then the combinations.
INSERT INTO robustness_cases (fn, pos, arg, ord, input, call)
SELECT fn, 1000, '(combination)', ord, input, call
  FROM robustness_combinations
 ORDER BY fn, ord;

CREATE TABLE robustness_results AS
SELECT c.*, o.outcome, o.error_text
  FROM robustness_cases c
 CROSS JOIN LATERAL robustness_outcome(c.call) AS o;

RESET client_min_messages;
