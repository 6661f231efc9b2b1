-- nulls: a NULL argument gives NULL (as STRICT does in PostgreSQL), at every position of
-- every arity of every function, except the two NULLs with a meaning: totp_verify_step's
-- after_step (no replay guard) and otpauth_uri's issuer (no issuer). The other arguments
-- are ones that match or succeed (arities without `at` get the current code), so a NULL
-- can only come from the NULL argument.
.load ./totp

-- totp_new_secret
SELECT 'totp_new_secret/1 bytes NULL', totp_new_secret(NULL) IS NULL;
SELECT 'totp_new_secret/1 without NULL: not NULL', totp_new_secret(20) IS NOT NULL;

-- totp_code
SELECT 'totp_code/1 secret NULL', totp_code(NULL) IS NULL;
SELECT 'totp_code/1 without NULL: not NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') IS NOT NULL;
SELECT 'totp_code/2 secret NULL', totp_code(NULL, 59) IS NULL;
SELECT 'totp_code/2 at NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL) IS NULL;
SELECT 'totp_code/2 without NULL: not NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59) IS NOT NULL;
SELECT 'totp_code/3 secret NULL', totp_code(NULL, 59, 8) IS NULL;
SELECT 'totp_code/3 at NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 8) IS NULL;
SELECT 'totp_code/3 digits NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, NULL) IS NULL;
SELECT 'totp_code/3 without NULL: not NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8) IS NOT NULL;
SELECT 'totp_code/4 secret NULL', totp_code(NULL, 59, 8, 30) IS NULL;
SELECT 'totp_code/4 at NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 8, 30) IS NULL;
SELECT 'totp_code/4 digits NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, NULL, 30) IS NULL;
SELECT 'totp_code/4 period NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8, NULL) IS NULL;
SELECT 'totp_code/4 without NULL: not NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8, 30) IS NOT NULL;
SELECT 'totp_code/5 secret NULL', totp_code(NULL, 59, 8, 30, 'sha1') IS NULL;
SELECT 'totp_code/5 at NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 8, 30, 'sha1') IS NULL;
SELECT 'totp_code/5 digits NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, NULL, 30, 'sha1') IS NULL;
SELECT 'totp_code/5 period NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8, NULL, 'sha1') IS NULL;
SELECT 'totp_code/5 algorithm NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8, 30, NULL) IS NULL;
SELECT 'totp_code/5 without NULL: not NULL', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8, 30, 'sha1') IS NOT NULL;

-- totp_verify
SELECT 'totp_verify/2 secret NULL', totp_verify(NULL, totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch())) IS NULL;
SELECT 'totp_verify/2 code NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL) IS NULL;
SELECT 'totp_verify/2 without NULL: not NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch())) IS NOT NULL;
SELECT 'totp_verify/3 secret NULL', totp_verify(NULL, totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), 1) IS NULL;
SELECT 'totp_verify/3 code NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 1) IS NULL;
SELECT 'totp_verify/3 window NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), NULL) IS NULL;
SELECT 'totp_verify/3 without NULL: not NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), 1) IS NOT NULL;
SELECT 'totp_verify/4 secret NULL', totp_verify(NULL, '287082', 1, 59) IS NULL;
SELECT 'totp_verify/4 code NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 1, 59) IS NULL;
SELECT 'totp_verify/4 window NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 59) IS NULL;
SELECT 'totp_verify/4 at NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, NULL) IS NULL;
SELECT 'totp_verify/4 without NULL: not NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59) IS NOT NULL;
SELECT 'totp_verify/5 secret NULL', totp_verify(NULL, '287082', 1, 59, 6) IS NULL;
SELECT 'totp_verify/5 code NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 1, 59, 6) IS NULL;
SELECT 'totp_verify/5 window NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 59, 6) IS NULL;
SELECT 'totp_verify/5 at NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, NULL, 6) IS NULL;
SELECT 'totp_verify/5 digits NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, NULL) IS NULL;
SELECT 'totp_verify/5 without NULL: not NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6) IS NOT NULL;
SELECT 'totp_verify/6 secret NULL', totp_verify(NULL, '287082', 1, 59, 6, 30) IS NULL;
SELECT 'totp_verify/6 code NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 1, 59, 6, 30) IS NULL;
SELECT 'totp_verify/6 window NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 59, 6, 30) IS NULL;
SELECT 'totp_verify/6 at NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, NULL, 6, 30) IS NULL;
SELECT 'totp_verify/6 digits NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, NULL, 30) IS NULL;
SELECT 'totp_verify/6 period NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6, NULL) IS NULL;
SELECT 'totp_verify/6 without NULL: not NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6, 30) IS NOT NULL;
SELECT 'totp_verify/7 secret NULL', totp_verify(NULL, '287082', 1, 59, 6, 30, 'sha1') IS NULL;
SELECT 'totp_verify/7 code NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 1, 59, 6, 30, 'sha1') IS NULL;
SELECT 'totp_verify/7 window NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 59, 6, 30, 'sha1') IS NULL;
SELECT 'totp_verify/7 at NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, NULL, 6, 30, 'sha1') IS NULL;
SELECT 'totp_verify/7 digits NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, NULL, 30, 'sha1') IS NULL;
SELECT 'totp_verify/7 period NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6, NULL, 'sha1') IS NULL;
SELECT 'totp_verify/7 algorithm NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6, 30, NULL) IS NULL;
SELECT 'totp_verify/7 without NULL: not NULL', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6, 30, 'sha1') IS NOT NULL;

-- totp_verify_step
SELECT 'totp_verify_step/2 secret NULL', totp_verify_step(NULL, totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch())) IS NULL;
SELECT 'totp_verify_step/2 code NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL) IS NULL;
SELECT 'totp_verify_step/2 without NULL: not NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch())) IS NOT NULL;
SELECT 'totp_verify_step/3 secret NULL', totp_verify_step(NULL, totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), 0) IS NULL;
SELECT 'totp_verify_step/3 code NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0) IS NULL;
SELECT 'totp_verify_step/3 after_step NULL: no replay guard', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), NULL) IS unixepoch() / 30;
SELECT 'totp_verify_step/3 without NULL: not NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), 0) IS NOT NULL;
SELECT 'totp_verify_step/4 secret NULL', totp_verify_step(NULL, totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), 0, 1) IS NULL;
SELECT 'totp_verify_step/4 code NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0, 1) IS NULL;
SELECT 'totp_verify_step/4 after_step NULL: no replay guard', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), NULL, 1) IS unixepoch() / 30;
SELECT 'totp_verify_step/4 window NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), 0, NULL) IS NULL;
SELECT 'totp_verify_step/4 without NULL: not NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()), 0, 1) IS NOT NULL;
SELECT 'totp_verify_step/5 secret NULL', totp_verify_step(NULL, '287082', 0, 1, 59) IS NULL;
SELECT 'totp_verify_step/5 code NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0, 1, 59) IS NULL;
SELECT 'totp_verify_step/5 after_step NULL: no replay guard', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59) IS 1;
SELECT 'totp_verify_step/5 window NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, NULL, 59) IS NULL;
SELECT 'totp_verify_step/5 at NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, NULL) IS NULL;
SELECT 'totp_verify_step/5 without NULL: not NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59) IS NOT NULL;
SELECT 'totp_verify_step/6 secret NULL', totp_verify_step(NULL, '287082', 0, 1, 59, 6) IS NULL;
SELECT 'totp_verify_step/6 code NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0, 1, 59, 6) IS NULL;
SELECT 'totp_verify_step/6 after_step NULL: no replay guard', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59, 6) IS 1;
SELECT 'totp_verify_step/6 window NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, NULL, 59, 6) IS NULL;
SELECT 'totp_verify_step/6 at NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, NULL, 6) IS NULL;
SELECT 'totp_verify_step/6 digits NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, NULL) IS NULL;
SELECT 'totp_verify_step/6 without NULL: not NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, 6) IS NOT NULL;
SELECT 'totp_verify_step/7 secret NULL', totp_verify_step(NULL, '287082', 0, 1, 59, 6, 30) IS NULL;
SELECT 'totp_verify_step/7 code NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0, 1, 59, 6, 30) IS NULL;
SELECT 'totp_verify_step/7 after_step NULL: no replay guard', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59, 6, 30) IS 1;
SELECT 'totp_verify_step/7 window NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, NULL, 59, 6, 30) IS NULL;
SELECT 'totp_verify_step/7 at NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, NULL, 6, 30) IS NULL;
SELECT 'totp_verify_step/7 digits NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, NULL, 30) IS NULL;
SELECT 'totp_verify_step/7 period NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, 6, NULL) IS NULL;
SELECT 'totp_verify_step/7 without NULL: not NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, 6, 30) IS NOT NULL;
SELECT 'totp_verify_step/8 secret NULL', totp_verify_step(NULL, '287082', 0, 1, 59, 6, 30, 'sha1') IS NULL;
SELECT 'totp_verify_step/8 code NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0, 1, 59, 6, 30, 'sha1') IS NULL;
SELECT 'totp_verify_step/8 after_step NULL: no replay guard', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59, 6, 30, 'sha1') IS 1;
SELECT 'totp_verify_step/8 window NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, NULL, 59, 6, 30, 'sha1') IS NULL;
SELECT 'totp_verify_step/8 at NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, NULL, 6, 30, 'sha1') IS NULL;
SELECT 'totp_verify_step/8 digits NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, NULL, 30, 'sha1') IS NULL;
SELECT 'totp_verify_step/8 period NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, 6, NULL, 'sha1') IS NULL;
SELECT 'totp_verify_step/8 algorithm NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, 6, 30, NULL) IS NULL;
SELECT 'totp_verify_step/8 without NULL: not NULL', totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1, 59, 6, 30, 'sha1') IS NOT NULL;

-- hotp_code
SELECT 'hotp_code/2 secret NULL', hotp_code(NULL, 0) IS NULL;
SELECT 'hotp_code/2 counter NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL) IS NULL;
SELECT 'hotp_code/2 without NULL: not NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0) IS NOT NULL;
SELECT 'hotp_code/3 secret NULL', hotp_code(NULL, 0, 6) IS NULL;
SELECT 'hotp_code/3 counter NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 6) IS NULL;
SELECT 'hotp_code/3 digits NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, NULL) IS NULL;
SELECT 'hotp_code/3 without NULL: not NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, 6) IS NOT NULL;
SELECT 'hotp_code/4 secret NULL', hotp_code(NULL, 0, 6, 'sha1') IS NULL;
SELECT 'hotp_code/4 counter NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 6, 'sha1') IS NULL;
SELECT 'hotp_code/4 digits NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, NULL, 'sha1') IS NULL;
SELECT 'hotp_code/4 algorithm NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, 6, NULL) IS NULL;
SELECT 'hotp_code/4 without NULL: not NULL', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, 6, 'sha1') IS NOT NULL;

-- hotp_verify
SELECT 'hotp_verify/3 secret NULL', hotp_verify(NULL, '755224', 0) IS NULL;
SELECT 'hotp_verify/3 code NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0) IS NULL;
SELECT 'hotp_verify/3 counter NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL) IS NULL;
SELECT 'hotp_verify/3 without NULL: not NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0) IS NOT NULL;
SELECT 'hotp_verify/4 secret NULL', hotp_verify(NULL, '755224', 0, 0) IS NULL;
SELECT 'hotp_verify/4 code NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0, 0) IS NULL;
SELECT 'hotp_verify/4 counter NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL, 0) IS NULL;
SELECT 'hotp_verify/4 look_ahead NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, NULL) IS NULL;
SELECT 'hotp_verify/4 without NULL: not NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0) IS NOT NULL;
SELECT 'hotp_verify/5 secret NULL', hotp_verify(NULL, '755224', 0, 0, 6) IS NULL;
SELECT 'hotp_verify/5 code NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0, 0, 6) IS NULL;
SELECT 'hotp_verify/5 counter NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL, 0, 6) IS NULL;
SELECT 'hotp_verify/5 look_ahead NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, NULL, 6) IS NULL;
SELECT 'hotp_verify/5 digits NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0, NULL) IS NULL;
SELECT 'hotp_verify/5 without NULL: not NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0, 6) IS NOT NULL;
SELECT 'hotp_verify/6 secret NULL', hotp_verify(NULL, '755224', 0, 0, 6, 'sha1') IS NULL;
SELECT 'hotp_verify/6 code NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 0, 0, 6, 'sha1') IS NULL;
SELECT 'hotp_verify/6 counter NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL, 0, 6, 'sha1') IS NULL;
SELECT 'hotp_verify/6 look_ahead NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, NULL, 6, 'sha1') IS NULL;
SELECT 'hotp_verify/6 digits NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0, NULL, 'sha1') IS NULL;
SELECT 'hotp_verify/6 algorithm NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0, 6, NULL) IS NULL;
SELECT 'hotp_verify/6 without NULL: not NULL', hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0, 6, 'sha1') IS NOT NULL;

-- otpauth_uri
SELECT 'otpauth_uri/2 secret NULL', otpauth_uri(NULL, 'alice') IS NULL;
SELECT 'otpauth_uri/2 account NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL) IS NULL;
SELECT 'otpauth_uri/2 without NULL: not NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice') IS NOT NULL;
SELECT 'otpauth_uri/3 secret NULL', otpauth_uri(NULL, 'alice', 'ACME') IS NULL;
SELECT 'otpauth_uri/3 account NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 'ACME') IS NULL;
SELECT 'otpauth_uri/3 issuer NULL: no issuer', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', NULL)
       IS 'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
SELECT 'otpauth_uri/3 without NULL: not NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME') IS NOT NULL;
SELECT 'otpauth_uri/4 secret NULL', otpauth_uri(NULL, 'alice', 'ACME', 6) IS NULL;
SELECT 'otpauth_uri/4 account NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 'ACME', 6) IS NULL;
SELECT 'otpauth_uri/4 issuer NULL: no issuer', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', NULL, 6)
       IS 'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
SELECT 'otpauth_uri/4 digits NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', NULL) IS NULL;
SELECT 'otpauth_uri/4 without NULL: not NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6) IS NOT NULL;
SELECT 'otpauth_uri/5 secret NULL', otpauth_uri(NULL, 'alice', 'ACME', 6, 30) IS NULL;
SELECT 'otpauth_uri/5 account NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 'ACME', 6, 30) IS NULL;
SELECT 'otpauth_uri/5 issuer NULL: no issuer', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', NULL, 6, 30)
       IS 'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
SELECT 'otpauth_uri/5 digits NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', NULL, 30) IS NULL;
SELECT 'otpauth_uri/5 period NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, NULL) IS NULL;
SELECT 'otpauth_uri/5 without NULL: not NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 30) IS NOT NULL;
SELECT 'otpauth_uri/6 secret NULL', otpauth_uri(NULL, 'alice', 'ACME', 6, 30, 'sha1') IS NULL;
SELECT 'otpauth_uri/6 account NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 'ACME', 6, 30, 'sha1') IS NULL;
SELECT 'otpauth_uri/6 issuer NULL: no issuer', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', NULL, 6, 30, 'sha1')
       IS 'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
SELECT 'otpauth_uri/6 digits NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', NULL, 30, 'sha1') IS NULL;
SELECT 'otpauth_uri/6 period NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, NULL, 'sha1') IS NULL;
SELECT 'otpauth_uri/6 algorithm NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 30, NULL) IS NULL;
SELECT 'otpauth_uri/6 without NULL: not NULL', otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 30, 'sha1') IS NOT NULL;

-- backup_codes_new
SELECT 'backup_codes_new/1 count NULL', backup_codes_new(NULL) IS NULL;
SELECT 'backup_codes_new/1 without NULL: not NULL', backup_codes_new(10) IS NOT NULL;

-- backup_codes_hash (the empty list: no PBKDF2 to wait for)
SELECT 'backup_codes_hash/1 codes NULL', backup_codes_hash(NULL) IS NULL;
SELECT 'backup_codes_hash/1 without NULL: not NULL', backup_codes_hash('[]') IS NOT NULL;

-- consume_backup_code and backup_codes_remaining, on a set of k7m2q-x9trb, 01abc-def23 and
-- 10zzy-0x1w0 stored at cost 1000 (see backup_codes.sql)
SELECT 'consume_backup_code/2 codes_hashed NULL', consume_backup_code(NULL, 'k7m2q-x9trb') IS NULL;
SELECT 'consume_backup_code/2 code NULL',
       consume_backup_code('totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:FP1+fTAbtxXk', NULL) IS NULL;
SELECT 'consume_backup_code/2 without NULL: not NULL',
       consume_backup_code('totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:FP1+fTAbtxXk', 'k7m2q-x9trb') IS NOT NULL;
SELECT 'backup_codes_remaining/1 codes_hashed NULL', backup_codes_remaining(NULL) IS NULL;
SELECT 'backup_codes_remaining/1 without NULL: not NULL',
       backup_codes_remaining('totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:FP1+fTAbtxXk') IS NOT NULL;

-- totp_keyring, totp_seal, totp_unseal and totp_reseal: a NULL is answered before the
-- keyring is looked for, so these need none...
SELECT 'totp_keyring/1 path NULL', totp_keyring(NULL) IS NULL;
SELECT 'totp_seal/1 secret NULL', totp_seal(NULL) IS NULL;
SELECT 'totp_unseal/1 secret NULL', totp_unseal(NULL) IS NULL;
SELECT 'totp_reseal/1 sealed NULL', totp_reseal(NULL) IS NULL;
-- ...and the same with a keyring (./fixtures is test/fixtures; see run.sh).
SELECT 'totp_keyring/1 without NULL: not NULL', totp_keyring('fixtures/keyring') IS NOT NULL;
SELECT 'totp_keyring/1 path NULL, with a keyring', totp_keyring(NULL) IS NULL;
SELECT 'totp_seal/1 secret NULL, with a keyring', totp_seal(NULL) IS NULL;
SELECT 'totp_seal/1 without NULL: not NULL', totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') IS NOT NULL;
SELECT 'totp_unseal/1 secret NULL, with a keyring', totp_unseal(NULL) IS NULL;
SELECT 'totp_unseal/1 without NULL: not NULL',
       totp_unseal('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f') IS NOT NULL;
SELECT 'totp_reseal/1 sealed NULL, with a keyring', totp_reseal(NULL) IS NULL;
SELECT 'totp_reseal/1 without NULL: not NULL',
       totp_reseal('totp:v1:k2025:AQEBAQEBAQEBAQEB5x76vTahD/MeUpamL+TxdP7EJ4Xat8AS6je7ewXLtB2r/UJ+') IS NOT NULL;
-- A NULL other argument beside a sealed secret is NULL too.
SELECT 'sealed secret, NULL at', totp_code('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', NULL) IS NULL;
SELECT 'sealed secret, NULL code', totp_verify('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', NULL) IS NULL;
SELECT 'sealed secret, NULL issuer: no issuer',
       otpauth_uri('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', 'alice', NULL)
       IS 'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

-- A NULL argument is answered before any other argument is checked, as with STRICT.
SELECT 'NULL secret with digits 5', totp_code(NULL, 59, 5) IS NULL;
SELECT 'NULL code with window 99', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL, 99) IS NULL;
SELECT 'NULL at with a malformed secret', totp_code('not base32!', NULL) IS NULL;
SELECT 'NULL counter with a negative look_ahead',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL, -1) IS NULL;
SELECT 'NULL secret with an empty account', otpauth_uri(NULL, '') IS NULL;
SELECT 'NULL secret with after_step', totp_verify_step(NULL, '287082', 5, 1, 59) IS NULL;
SELECT 'NULL code with a malformed stored set', consume_backup_code('garbage', NULL) IS NULL;
SELECT 'NULL stored set with a malformed code', consume_backup_code(NULL, 'not a code') IS NULL;
SELECT 'NULL at with a malformed sealed secret', totp_code('totp:v1:k2026:', NULL) IS NULL;
SELECT 'NULL code with a sealed secret under an unknown key',
       totp_verify('totp:v1:k2099:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', NULL) IS NULL;

-- The NULLs with a meaning do not hide errors in the other arguments.
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 11, 59);
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '', NULL);
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', NULL, 6, 30, 'md5');
