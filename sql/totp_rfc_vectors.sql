-- RFC 6238 Appendix B: all 18 TOTP test values (8 digits, 30 s period).
-- The seeds are ASCII digits, 20 bytes for SHA-1, 32 for SHA-256 and 64 for
-- SHA-512 ("1234567890" repeated and cut), here in base32 (RFC 4648).

CREATE TEMP TABLE rfc6238_seed (algorithm text PRIMARY KEY, secret text NOT NULL);
INSERT INTO rfc6238_seed VALUES
  ('sha1',   'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('sha256', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA'),
  ('sha512', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA');

CREATE TEMP TABLE rfc6238 (unix_time bigint, algorithm text, code text NOT NULL,
                           PRIMARY KEY (unix_time, algorithm));
INSERT INTO rfc6238 VALUES
  (59,          'sha1', '94287082'), (59,          'sha256', '46119246'), (59,          'sha512', '90693936'),
  (1111111109,  'sha1', '07081804'), (1111111109,  'sha256', '68084774'), (1111111109,  'sha512', '25091201'),
  (1111111111,  'sha1', '14050471'), (1111111111,  'sha256', '67062674'), (1111111111,  'sha512', '99943326'),
  (1234567890,  'sha1', '89005924'), (1234567890,  'sha256', '91819424'), (1234567890,  'sha512', '93441116'),
  (2000000000,  'sha1', '69279037'), (2000000000,  'sha256', '90698825'), (2000000000,  'sha512', '38618901'),
  (20000000000, 'sha1', '65353130'), (20000000000, 'sha256', '77737706'), (20000000000, 'sha512', '47863826');

-- The RFC's UTC times and steps, to show the table is the RFC's.
SELECT DISTINCT to_char(to_timestamp(unix_time) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS utc_time,
       upper(lpad(to_hex(unix_time / 30), 16, '0')) AS step_hex
  FROM rfc6238
 ORDER BY 1;

-- Each value: totp_code gives it; totp_verify accepts it at that time with
-- window 0 and with the default window; totp_verify_step returns its step
-- (unix_time / 30); and all of it spelled with named arguments.
SELECT v.unix_time, v.algorithm, v.code AS rfc_code,
       totp_code(s.secret, to_timestamp(v.unix_time), 8, 30, v.algorithm) = v.code AS code_ok,
       totp_code(s.secret, algorithm => upper(v.algorithm), digits => 8,
                 at => to_timestamp(v.unix_time)) = v.code AS named_ok,
       totp_verify(s.secret, v.code, 0, to_timestamp(v.unix_time), 8, 30, v.algorithm) AS verify_w0,
       totp_verify(s.secret, v.code, at => to_timestamp(v.unix_time), digits => 8,
                   algorithm => v.algorithm) AS verify_default_w,
       totp_verify_step(s.secret, v.code, at => to_timestamp(v.unix_time), digits => 8,
                        algorithm => v.algorithm) = v.unix_time / 30 AS step_ok
  FROM rfc6238 v JOIN rfc6238_seed s USING (algorithm)
 ORDER BY v.unix_time, v.algorithm;

-- Six-digit codes are the last six digits of the eight-digit values and
-- verify as such; 1111111109 with SHA-1 keeps its leading zero: 081804.
SELECT v.unix_time, v.algorithm,
       totp_code(s.secret, to_timestamp(v.unix_time), algorithm => v.algorithm) = right(v.code, 6) AS code6_ok,
       totp_verify(s.secret, right(v.code, 6), 0, to_timestamp(v.unix_time), algorithm => v.algorithm) AS verify6_ok
  FROM rfc6238 v JOIN rfc6238_seed s USING (algorithm)
 ORDER BY v.unix_time, v.algorithm;

-- The eight-digit code is not accepted as a six-digit one, nor the reverse.
SELECT 'an 8-digit code is no 6-digit code',
       bool_and(NOT totp_verify(s.secret, v.code, 1, to_timestamp(v.unix_time), algorithm => v.algorithm))
  FROM rfc6238 v JOIN rfc6238_seed s USING (algorithm);
SELECT 'a 6-digit code is no 8-digit code',
       bool_and(NOT totp_verify(s.secret, right(v.code, 6), 1, to_timestamp(v.unix_time), 8, algorithm => v.algorithm))
  FROM rfc6238 v JOIN rfc6238_seed s USING (algorithm);

-- Each algorithm's code is wrong under the other algorithms with the same seed.
SELECT 'a code verifies only with its own algorithm',
       bool_and(totp_verify(s.secret, v.code, 1, to_timestamp(v.unix_time), 8, algorithm => other)
                = (other = v.algorithm)),
       count(*) = 54 AS all_pairs_checked
  FROM rfc6238 v JOIN rfc6238_seed s USING (algorithm),
       unnest(ARRAY['sha1', 'sha256', 'sha512']) AS other;

-- TOTP is HOTP at counter floor(unix_time / period), for any period.
SELECT 'totp_code is hotp_code of the time step',
       bool_and(totp_code(s.secret, to_timestamp(v.unix_time), 8, period, v.algorithm)
                = hotp_code(s.secret, v.unix_time / period, 8, v.algorithm)),
       count(*) = 90 AS all_cases_checked
  FROM rfc6238 v JOIN rfc6238_seed s USING (algorithm),
       unnest(ARRAY[1, 30, 60, 90, 3600]) AS period;
