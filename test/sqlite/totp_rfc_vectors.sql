-- totp_rfc_vectors: all 18 values of RFC 6238 Appendix B (8 digits, period 30) through
-- totp_code, totp_verify and totp_verify_step.
.load ./totp

-- The appendix's seeds, ASCII digits, as base32 (the SHA-256 and SHA-512 ones with padding,
-- as RFC 4648 encoders write them):
--   sha1   "12345678901234567890"                                               (20 bytes)
--   sha256 "12345678901234567890123456789012"                                   (32 bytes)
--   sha512 "1234567890123456789012345678901234567890123456789012345678901234"   (64 bytes)
CREATE TEMP TABLE seed(algorithm TEXT PRIMARY KEY, secret TEXT);
INSERT INTO seed VALUES
  ('sha1',   'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('sha256', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA===='),
  ('sha512', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=');

CREATE TEMP TABLE rfc6238(at INTEGER, algorithm TEXT, code TEXT);
INSERT INTO rfc6238 VALUES
  (59,          'sha1',   '94287082'),
  (59,          'sha256', '46119246'),
  (59,          'sha512', '90693936'),
  (1111111109,  'sha1',   '07081804'),
  (1111111109,  'sha256', '68084774'),
  (1111111109,  'sha512', '25091201'),
  (1111111111,  'sha1',   '14050471'),
  (1111111111,  'sha256', '67062674'),
  (1111111111,  'sha512', '99943326'),
  (1234567890,  'sha1',   '89005924'),
  (1234567890,  'sha256', '91819424'),
  (1234567890,  'sha512', '93441116'),
  (2000000000,  'sha1',   '69279037'),
  (2000000000,  'sha256', '90698825'),
  (2000000000,  'sha512', '38618901'),
  (20000000000, 'sha1',   '65353130'),
  (20000000000, 'sha256', '77737706'),
  (20000000000, 'sha512', '47863826');

SELECT printf('totp_code %s at %d is %s', v.algorithm, v.at, v.code),
       totp_code(s.secret, v.at, 8, 30, v.algorithm) IS v.code
  FROM rfc6238 v JOIN seed s USING (algorithm) ORDER BY v.at, v.algorithm;

-- The 6-digit code is the last 6 digits of the 8-digit one (same truncated value).
SELECT printf('totp_code %s at %d, 6 digits', v.algorithm, v.at),
       totp_code(s.secret, v.at, 6, 30, v.algorithm) IS substr(v.code, 3)
  FROM rfc6238 v JOIN seed s USING (algorithm) ORDER BY v.at, v.algorithm;

SELECT printf('totp_verify %s at %d, window 0', v.algorithm, v.at),
       totp_verify(s.secret, v.code, 0, v.at, 8, 30, v.algorithm) IS 1
  FROM rfc6238 v JOIN seed s USING (algorithm) ORDER BY v.at, v.algorithm;

-- One period later the code is still accepted with window 1, not with window 0.
SELECT printf('totp_verify %s at %d + 30: window 1 yes, window 0 no', v.algorithm, v.at),
       totp_verify(s.secret, v.code, 1, v.at + 30, 8, 30, v.algorithm) IS 1
   AND totp_verify(s.secret, v.code, 0, v.at + 30, 8, 30, v.algorithm) IS 0
  FROM rfc6238 v JOIN seed s USING (algorithm) ORDER BY v.at, v.algorithm;

SELECT printf('totp_verify_step %s at %d is step %d', v.algorithm, v.at, v.at / 30),
       totp_verify_step(s.secret, v.code, NULL, 1, v.at, 8, 30, v.algorithm) IS v.at / 30
  FROM rfc6238 v JOIN seed s USING (algorithm) ORDER BY v.at, v.algorithm;

-- Each code belongs to its algorithm: checked with the other two, it is no match.
SELECT printf('%s code at %d rejected as %s', v.algorithm, v.at, o.algorithm),
       totp_verify(s.secret, v.code, 1, v.at, 8, 30, o.algorithm) IS 0
  FROM rfc6238 v JOIN seed s USING (algorithm) JOIN seed o ON o.algorithm <> v.algorithm
 ORDER BY v.at, v.algorithm, o.algorithm;

SELECT 'algorithm names in any case',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8, 30, 'SHA1') IS '94287082'
   AND totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', 59, 8, 30, 'Sha256') IS '46119246'
   AND totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA', '90693936', 0, 59, 8, 30, 'SHA512') IS 1;
