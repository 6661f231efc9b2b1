-- RFC 4226 Appendix D: HOTP values for the ASCII secret "12345678901234567890"
-- (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ), counters 0..9, six digits, SHA-1,
-- and hotp_verify on them. Every row states what it proves; all must be t.

CREATE TEMP TABLE rfc4226 (counter bigint PRIMARY KEY, code text NOT NULL);
INSERT INTO rfc4226 VALUES
  (0, '755224'), (1, '287082'), (2, '359152'), (3, '969429'), (4, '338314'),
  (5, '254676'), (6, '287922'), (7, '162583'), (8, '399871'), (9, '520489');

\set rfc_secret '\'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\''

-- Each RFC value: from hotp_code with defaults, with every argument given
-- positionally and by name, and hotp_verify at its own counter returns the
-- next counter to store (matched + 1).
SELECT counter, code AS rfc_code,
       hotp_code(:rfc_secret, counter) = code AS code_ok,
       hotp_code(:rfc_secret, counter, 6, 'sha1') = code
         AND hotp_code(secret => :rfc_secret, counter => counter, digits => 6,
                       algorithm => 'SHA1') = code AS explicit_args_ok,
       hotp_verify(:rfc_secret, code, counter) = counter + 1 AS verify_ok
  FROM rfc4226
 ORDER BY counter;

-- With 8 digits the codes are the RFC's truncated values mod 10^8, so the
-- six-digit codes are their last six digits, and they verify with digits 8.
SELECT counter,
       right(hotp_code(:rfc_secret, counter, 8), 6) = code AS last_six_ok,
       hotp_verify(:rfc_secret, hotp_code(:rfc_secret, counter, 8), counter, 0, 8)
         = counter + 1 AS verify_8_ok
  FROM rfc4226
 ORDER BY counter;

-- look_ahead: from any start up to look_ahead before the code's counter the
-- result is the matched counter + 1, not the start + 1.
SELECT 'look_ahead 9 finds every code from every earlier start',
       bool_and(hotp_verify(:rfc_secret, r.code, start, look_ahead => 9) = r.counter + 1),
       count(*) = 55 AS all_pairs_checked
  FROM rfc4226 r, generate_series(0, 9) AS start
 WHERE start <= r.counter;
SELECT 'look_ahead 3 reaches counter 3 from 0', hotp_verify(:rfc_secret, '969429', 0, 3) = 4;
SELECT 'look_ahead 2 does not reach counter 3 from 0', hotp_verify(:rfc_secret, '969429', 0, 2) IS NULL;
SELECT 'look_ahead 100 reaches counter 9 from 0', hotp_verify(:rfc_secret, '520489', 0, 100) = 10;

-- Misses are NULL: a later counter without look_ahead (default 0), and an
-- earlier counter whatever the look_ahead (that code was used already).
SELECT 'without look_ahead a later code is NULL',
       bool_and(hotp_verify(:rfc_secret, r.code, start) IS NULL), count(*) = 45 AS all_pairs_checked
  FROM rfc4226 r, generate_series(0, 9) AS start
 WHERE start < r.counter;
SELECT 'a code before the stored counter is NULL',
       bool_and(hotp_verify(:rfc_secret, r.code, start, 100) IS NULL), count(*) = 45 AS all_pairs_checked
  FROM rfc4226 r, generate_series(0, 9) AS start
 WHERE start > r.counter;

-- Wrong and malformed codes are a miss (NULL), never an error.
SELECT what, hotp_verify(:rfc_secret, code, 0, 100) IS NULL AS is_miss
  FROM (VALUES ('another six digits', '000000'),
               ('off by one', '755225'),
               ('five digits', '75522'),
               ('seven digits', '7552244'),
               ('a leading zero too many', '0755224'),
               ('a letter', '75522a'),
               ('empty', ''),
               ('only spaces', '      '),
               ('minus sign', '-75522'),
               ('plus sign', '+75522'),
               ('newline after', E'755224\n'),
               ('tab inside', E'755\t224'),
               ('full-width digits', '７５５２２４')) AS wrong(what, code);

-- Spaces anywhere in a code are ignored.
SELECT 'spaces in the code are ignored', hotp_verify(:rfc_secret, ' 755 224 ', 0) = 1;

-- Leading zeros are kept: counter 44 of the RFC secret is 000152.
SELECT 'leading zeros kept', hotp_code(:rfc_secret, 44) = '000152';
SELECT 'leading-zero code verifies', hotp_verify(:rfc_secret, '000152', 44) = 45;
SELECT 'the code without its zeros does not', hotp_verify(:rfc_secret, '152', 44) IS NULL;
