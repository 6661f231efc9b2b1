-- replay_guard: totp_verify_step(..., after_step) never returns a step <= after_step, so
-- storing its result and passing it back makes each code usable once. NULL after_step
-- means no guard. Step n's code is RFC 4226's counter n code (period 30); times are fixed.
.load ./totp

-- At 165 (step 5, window 1) the codes of steps 4, 5 and 6 are in the window.
WITH c(what, code, after_step, expected) AS (VALUES
    ('step 5, no guard',             '254676', NULL, 5),
    ('step 5 after step 4',          '254676', 4,    5),
    ('step 5 after step 5 (replay)', '254676', 5,    NULL),
    ('step 5 after step 6',          '254676', 6,    NULL),
    ('step 6 (ahead) after step 5',  '287922', 5,    6),
    ('step 6 after step 6 (replay)', '287922', 6,    NULL),
    ('step 4 (behind) after step 3', '338314', 3,    4),
    ('step 4 after step 4 (replay)', '338314', 4,    NULL),
    ('step 4 after step 5 (older than the last login)', '338314', 5, NULL),
    ('after_step far in the future', '254676', 1000000, NULL),
    ('after_step -1 guards nothing', '254676', -1,   5),
    ('after_step 0 at step 5',       '254676', 0,    5))
SELECT printf('%s: %s', what, coalesce(expected, 'NULL')),
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, after_step, 1, 165) IS expected
  FROM c;

SELECT 'after_step as integer text',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '254676', '5', 1, 165) IS NULL
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '254676', '4', 1, 165) IS 5;
SELECT 'totp_verify has no guard: it accepts the same code every time',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '254676', 1, 165) IS 1
   AND totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '254676', 1, 170) IS 1;

-- The login pattern on a table, with fixed times.
CREATE TABLE users(id INTEGER PRIMARY KEY, totp_secret TEXT, totp_last_step INTEGER);
INSERT INTO users VALUES (1, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL);

-- 1. at 165, step 5's code: accepted, step 5 stored.
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, '254676', totp_last_step, 1, 165)
 WHERE id = 1 AND totp_verify_step(totp_secret, '254676', totp_last_step, 1, 165) IS NOT NULL
RETURNING 'login 1 (step 5 code at 165) accepted', totp_last_step IS 5;
-- 2. the same code again a few seconds later: refused, nothing changes.
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, '254676', totp_last_step, 1, 170)
 WHERE id = 1 AND totp_verify_step(totp_secret, '254676', totp_last_step, 1, 170) IS NOT NULL
RETURNING 'login 2 (same code) must not be accepted', 0;
SELECT 'login 2 refused: last step still 5', changes() IS 0 AND totp_last_step IS 5 FROM users;
-- 3. at 185 (step 6) the step 5 code is still inside the window, but used: refused.
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, '254676', totp_last_step, 1, 185)
 WHERE id = 1 AND totp_verify_step(totp_secret, '254676', totp_last_step, 1, 185) IS NOT NULL
RETURNING 'login 3 (used code, next step) must not be accepted', 0;
SELECT 'login 3 refused', changes() IS 0 AND totp_last_step IS 5 FROM users;
-- 4. step 6's code at 185: accepted once.
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, '287922', totp_last_step, 1, 185)
 WHERE id = 1 AND totp_verify_step(totp_secret, '287922', totp_last_step, 1, 185) IS NOT NULL
RETURNING 'login 4 (step 6 code at 185) accepted', totp_last_step IS 6;
-- 5. a code from the past (step 4) presented after step 6 was used: refused even with a
--    window wide enough to reach it.
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, '338314', totp_last_step, 3, 185)
 WHERE id = 1 AND totp_verify_step(totp_secret, '338314', totp_last_step, 3, 185) IS NOT NULL
RETURNING 'login 5 (older code) must not be accepted', 0;
SELECT 'login 5 refused', changes() IS 0 AND totp_last_step IS 6 FROM users;
