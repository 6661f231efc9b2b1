-- defaults: every function at every arity; omitted trailing arguments take the documented
-- defaults (bytes 20, digits 6, period 30, algorithm sha1, window 1, look_ahead 0,
-- after_step NULL, issuer NULL, count 10) and an omitted `at` is the current time.
-- backup_codes_hash, consume_backup_code and backup_codes_remaining have no optional
-- arguments (backup_codes.sql).
.load ./totp

-- The secret is RFC 4226's (counter n = time step n with period 30, so at 59 is step 1).
-- SHA-256 vectors use RFC 6238's 32-byte seed.

-- totp_new_secret([bytes])
SELECT 'totp_new_secret() is 20 bytes: 32 base32 characters',
       length(totp_new_secret()) IS 32;
SELECT 'totp_new_secret(20) is 32 characters', length(totp_new_secret(20)) IS 32;

-- totp_code(secret [, at, digits, period, algorithm]). Without `at` it reads the clock,
-- which may tick past unixepoch() (fixed when the statement starts) by a second.
SELECT 'totp_code/1 is the code at the current time',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
         IN (totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch(), 6, 30, 'sha1'),
             totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch() + 1, 6, 30, 'sha1'));
SELECT 'totp_code/2 defaults to 6 digits, period 30, sha1',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59) IS '287082'
   AND totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59)
    IS totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 30, 'sha1');
SELECT 'totp_code/3 takes digits', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8) IS '94287082';
SELECT 'totp_code/4 takes period (59 is step 0 of 60 s)',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 60) IS '755224';
SELECT 'totp_code/5 takes algorithm',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', 59, 8, 30, 'sha256') IS '46119246'
   AND totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', 59, 8, 30)
    IS NOT '46119246';

-- totp_verify(secret, code [, window, at, digits, period, algorithm])
SELECT 'totp_verify/2 accepts the current code',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                   totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch())) IS 1;
SELECT 'totp_verify/2 defaults to window 1: the previous step''s code is accepted',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                   totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch() - 30)) IS 1;
SELECT 'totp_verify/2 defaults to window 1: a code two steps old is not',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                   totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch() - 60)) IS 0;
SELECT 'totp_verify/3 takes window',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                   totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch() - 60), 2) IS 1;
SELECT 'totp_verify/4 takes at', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 59) IS 1;
SELECT 'totp_verify/4 defaults to 6 digits: an 8-digit code is no match',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '94287082', 0, 59) IS 0;
SELECT 'totp_verify/5 takes digits', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '94287082', 0, 59, 8) IS 1;
SELECT 'totp_verify/5 defaults to period 30: step 0''s code is no match at 59 with window 0',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 59, 6) IS 0;
SELECT 'totp_verify/6 takes period', totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 59, 6, 60) IS 1;
SELECT 'totp_verify/6 defaults to sha1',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', '46119246', 0, 59, 8, 30) IS 0;
SELECT 'totp_verify/7 takes algorithm',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', '46119246', 0, 59, 8, 30, 'sha256') IS 1;

-- totp_verify_step(secret, code [, after_step, window, at, digits, period, algorithm]).
-- A code computed at unixepoch() matches the step of unixepoch() even if the clock ticks.
SELECT 'totp_verify_step/2 returns the current step',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                        totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch())) IS unixepoch() / 30;
SELECT 'totp_verify_step/3 takes after_step (before the match: accepted)',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                        totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()),
                        unixepoch() / 30 - 1) IS unixepoch() / 30;
SELECT 'totp_verify_step/3 takes after_step (at the match: a replay)',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                        totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch()),
                        unixepoch() / 30) IS NULL;
SELECT 'totp_verify_step/3 defaults to window 1',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                        totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch() - 60), NULL) IS NULL;
SELECT 'totp_verify_step/4 takes window',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                        totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', unixepoch() - 60), NULL, 2)
       IS unixepoch() / 30 - 2;
SELECT 'totp_verify_step/5 takes at',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59) IS 1;
SELECT 'totp_verify_step/5 defaults to 6 digits',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '94287082', NULL, 1, 59) IS NULL;
SELECT 'totp_verify_step/6 takes digits',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '94287082', NULL, 1, 59, 8) IS 1;
SELECT 'totp_verify_step/6 defaults to period 30',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL, 0, 59, 6) IS NULL;
SELECT 'totp_verify_step/7 takes period (step 0 of 60 s)',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', NULL, 0, 59, 6, 60) IS 0;
SELECT 'totp_verify_step/7 defaults to sha1',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', '46119246', NULL, 0, 59, 8, 30) IS NULL;
SELECT 'totp_verify_step/8 takes algorithm',
       totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', '46119246', NULL, 0, 59, 8, 30, 'sha256') IS 1;

-- hotp_code(secret, counter [, digits, algorithm])
SELECT 'hotp_code/2 defaults to 6 digits, sha1',
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1) IS '287082'
   AND hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1)
    IS hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1, 6, 'sha1');
SELECT 'hotp_code/3 takes digits', hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1, 8) IS '94287082';
SELECT 'hotp_code/4 takes algorithm (TOTP sha256 at 59 is HOTP counter 1)',
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', 1, 8, 'sha256') IS '46119246';

-- hotp_verify(secret, code, counter [, look_ahead, digits, algorithm])
SELECT 'hotp_verify/3 matches the given counter',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1) IS 2;
SELECT 'hotp_verify/3 defaults to look_ahead 0',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0) IS NULL;
SELECT 'hotp_verify/4 takes look_ahead',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 1) IS 2;
SELECT 'hotp_verify/4 defaults to 6 digits',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '94287082', 1, 0) IS NULL;
SELECT 'hotp_verify/5 takes digits',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '94287082', 1, 0, 8) IS 2;
SELECT 'hotp_verify/5 defaults to sha1',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', '46119246', 1, 0, 8) IS NULL;
SELECT 'hotp_verify/6 takes algorithm',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', '46119246', 1, 0, 8, 'sha256') IS 2;

-- otpauth_uri(secret, account [, issuer, digits, period, algorithm]): parameters equal to
-- the defaults are left out of the URI.
SELECT 'otpauth_uri/2 has no issuer and no parameters',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice')
    IS 'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
SELECT 'otpauth_uri/3 takes issuer',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME')
    IS 'otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME';
SELECT 'otpauth_uri/4 takes digits',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 8)
    IS 'otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&digits=8';
SELECT 'otpauth_uri/5 takes period',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 60)
    IS 'otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&period=60';
SELECT 'otpauth_uri/6 takes algorithm',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 30, 'sha512')
    IS 'otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&algorithm=SHA512';
SELECT 'otpauth_uri/6 with every default spelled out equals otpauth_uri/3',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 30, 'sha1')
    IS otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME');

-- backup_codes_new([count])
SELECT 'backup_codes_new() is 10 codes', json_array_length(backup_codes_new()) IS 10;
SELECT 'backup_codes_new(10) is 10 codes', json_array_length(backup_codes_new(10)) IS 10;
SELECT 'backup_codes_new/1 takes count', json_array_length(backup_codes_new(3)) IS 3;
