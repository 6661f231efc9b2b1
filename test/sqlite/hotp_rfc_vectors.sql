-- hotp_rfc_vectors: RFC 4226 Appendix D through hotp_code and hotp_verify.
-- Each row is 'what it proves'|1; a 0 or an empty result names the failure.
.load ./totp

-- The Appendix D secret is ASCII "12345678901234567890"; GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
-- is its base32. `truncated` is the table's 31-bit dynamic truncation, from which
-- the 7- and 8-digit codes follow (value mod 10^digits, zero-padded).
CREATE TEMP TABLE rfc4226(counter INTEGER PRIMARY KEY, truncated INTEGER, code TEXT);
INSERT INTO rfc4226 VALUES
  (0, 1284755224, '755224'),
  (1, 1094287082, '287082'),
  (2,  137359152, '359152'),
  (3, 1726969429, '969429'),
  (4, 1640338314, '338314'),
  (5,  868254676, '254676'),
  (6, 1918287922, '287922'),
  (7,   82162583, '162583'),
  (8,  673399871, '399871'),
  (9,  645520489, '520489');

SELECT printf('hotp_code counter %d is %s', counter, code),
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter) IS code
  FROM rfc4226 ORDER BY counter;

SELECT printf('hotp_code counter %d, 7 digits', counter),
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter, 7) IS printf('%07d', truncated % 10000000)
  FROM rfc4226 ORDER BY counter;

SELECT printf('hotp_code counter %d, 8 digits, sha1 named', counter),
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter, 8, 'sha1') IS printf('%08d', truncated % 100000000)
  FROM rfc4226 ORDER BY counter;

-- hotp_verify returns the counter to store next: the matched counter + 1.
SELECT printf('hotp_verify counter %d returns %d', counter, counter + 1),
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, counter) IS counter + 1
  FROM rfc4226 ORDER BY counter;

SELECT printf('hotp_verify 8 digits, counter %d', counter),
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', printf('%08d', truncated % 100000000), counter, 0, 8, 'sha1') IS counter + 1
  FROM rfc4226 ORDER BY counter;

-- Without look_ahead only the given counter is tried.
SELECT 'a code for counter+1 is no match at look_ahead 0',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0) IS NULL;
SELECT 'a code for counter-1 is no match (counters only move forward)',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 1, 10) IS NULL;
SELECT 'a code that is no counter''s is NULL',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '000000', 0, 9) IS NULL;

-- look_ahead resynchronises: the code of counter 9 found from counter 0.
SELECT 'look_ahead 9 from counter 0 finds counter 9, returns 10',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '520489', 0, 9) IS 10;
SELECT 'look_ahead 8 from counter 0 does not reach counter 9',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '520489', 0, 8) IS NULL;
SELECT 'look_ahead 3 from counter 4 finds counter 6, returns 7',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287922', 4, 3) IS 7;
SELECT 'look_ahead 100 (the maximum) from counter 0 finds counter 9',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '520489', 0, 100) IS 10;
SELECT 'each counter in 0..9 found by look_ahead 9 from 0',
       (SELECT count(*) FROM rfc4226
         WHERE hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, 0, 9) IS counter + 1) IS 10;
SELECT 'result type is integer',
       typeof(hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0)) IS 'integer';
SELECT 'code type is text',
       typeof(hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0)) IS 'text';

-- Counter limits (expected code from an independent HMAC): 2^63 - 1 is a valid counter,
-- but hotp_verify never matches it, since the next counter to store would not fit.
SELECT 'hotp_code counter 9223372036854775807',
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 9223372036854775807) IS '181742';
SELECT 'look_ahead stops before 2^63 - 1: the code of 2^63 - 2 returns 2^63 - 1',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                   hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 9223372036854775806),
                   9223372036854775800, 100) IS 9223372036854775807
   AND hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '181742', 9223372036854775800, 100) IS NULL
   AND hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '181742', 9223372036854775807) IS NULL;
