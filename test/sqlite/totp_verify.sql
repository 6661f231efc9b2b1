-- totp_verify: which time steps a code is accepted in. With period 30 the code of step n is
-- RFC 4226's HOTP code for counter n, so the Appendix D table names each step's code.
-- All checks at at = 165, in step 5 (150..179).
.load ./totp

CREATE TEMP TABLE step_code(step INTEGER PRIMARY KEY, code TEXT);
INSERT INTO step_code VALUES
  (0, '755224'), (1, '287082'), (2, '359152'), (3, '969429'), (4, '338314'),
  (5, '254676'), (6, '287922'), (7, '162583'), (8, '399871'), (9, '520489');

SELECT 'the table is the extension''s own code for each step',
       NOT EXISTS (SELECT 1 FROM step_code
                    WHERE totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', step * 30) IS NOT code);

-- Accepted steps for each window: exactly 5 - window .. 5 + window.
WITH w(window) AS (VALUES (0), (1), (2), (4))
SELECT printf('window %d at step 5 accepts exactly steps %d..%d', window, max(5 - window, 0), 5 + window),
       (SELECT group_concat(step) FROM step_code
         WHERE totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, window, 165) = 1)
       IS (SELECT group_concat(step) FROM step_code WHERE step BETWEEN 5 - window AND 5 + window)
  FROM w;

-- totp_verify_step says which step matched: clock drift either way is visible.
SELECT printf('step %d''s code at step 5, window 4: matched step %d', step, step),
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, NULL, 4, 165) IS step
  FROM step_code WHERE step BETWEEN 1 AND 9;
SELECT 'outside the window: NULL',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL, 4, 165) IS NULL;
SELECT 'window 10 (the maximum) reaches step 0 from step 10',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 10, 300) IS 1
   AND totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 10, 330) IS 0;

-- Step boundaries: step 5 is 150..179.
SELECT 'window 0: step 4''s code at 149 yes, at 150 no',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '338314', 0, 149) IS 1
   AND totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '338314', 0, 150) IS 0;
SELECT 'window 0: step 5''s code at 150 and 179 yes, at 180 no',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '254676', 0, 150) IS 1
   AND totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '254676', 0, 179) IS 1
   AND totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '254676', 0, 180) IS 0;
SELECT 'at 0 (the epoch) is step 0; the window does not go below it',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL, 10, 0) IS 0
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 0) IS 1;

-- Other periods: the step is floor(at / period).
SELECT 'period 60: at 59 is step 0, at 60 step 1',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 60) IS '755224'
   AND totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 60, 6, 60) IS '287082'
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 0, 60, 6, 60) IS 1;
SELECT 'period 1: at 9 is step 9',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 9, 6, 1) IS '520489'
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '520489', NULL, 1, 8, 6, 1) IS 9;
SELECT 'period 3600 (the maximum): 10799 is step 2, 10800 step 3',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 10799, 6, 3600) IS '359152'
   AND totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 10800, 6, 3600) IS '969429';
SELECT 'a window counts steps of the given period',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '338314', 1, 5 * 60, 6, 60) IS 1
   AND totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '969429', 1, 5 * 60, 6, 60) IS 0;

-- Far times: steps past 2^32 are not truncated, and the largest `at` works (expected
-- codes from an independent HMAC).
SELECT 'step 2^32 + 5 (at 128849019030) is not step 5',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 128849019030, 8) IS '85250721'
   AND totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 150, 8) IS '68254676';
SELECT 'at 9223372036854775807: step 307445734561825860',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 9223372036854775807) IS '451934'
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '451934', NULL, 10, 9223372036854775807)
       IS 307445734561825860;
SELECT 'at 9223372036854775807, period 1: step 2^63 - 1, window 10 does not overflow',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 9223372036854775807, 6, 1) IS '181742'
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '181742', NULL, 10, 9223372036854775807, 6, 1)
       IS 9223372036854775807;

-- `at` may be integer text, like any integer parameter.
SELECT 'at as integer text', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '254676', 0, '165') IS 1;

-- Verification agrees with generation for every algorithm, digits and a range of times.
WITH RECURSIVE t(at) AS (SELECT 0 UNION ALL SELECT at + 7919 FROM t WHERE at < 63 * 7919),
     p(digits, period, algorithm) AS (VALUES (6, 30, 'sha1'), (7, 45, 'sha256'), (8, 60, 'sha512'))
SELECT printf('totp_verify_step accepts totp_code''s code at 64 times, %d digits, period %d, %s',
              digits, period, algorithm),
       count(*) = 64 AND min(totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                                              totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', at, digits, period, algorithm),
                                              NULL, 0, at, digits, period, algorithm) IS at / period)
  FROM t, p GROUP BY digits, period, algorithm ORDER BY digits;
