-- Every default of every function, checked against values that only the
-- documented default can give, and the same calls with named arguments.
-- The secret is RFC 6238's SHA-1 seed; at 59 s its SHA-1 code is 94287082
-- (8 digits), and the code for counter 1 (step 1 of 30 s) is 287082.

\set s '\'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\''
\set t59 'to_timestamp(59)'

-- totp_new_secret(bytes = 20): 20 bytes are 32 base32 characters.
SELECT 'totp_new_secret() makes 20 bytes', length(totp_new_secret()) = 32;
SELECT 'totp_new_secret(bytes => 64)', length(totp_new_secret(bytes => 64)) = 103;

-- totp_code(secret, at = now(), digits = 6, period = 30, algorithm = 'sha1')
SELECT 'totp_code defaults: 6 digits, 30 s, sha1', totp_code(:s, :t59) = '287082';
SELECT 'totp_code at defaults to now()', totp_code(:s) = totp_code(:s, now());
SELECT 'totp_code all positional', totp_code(:s, :t59, 8, 30, 'sha1') = '94287082';
SELECT 'totp_code digits => 8', totp_code(:s, :t59, digits => 8) = '94287082';
SELECT 'totp_code period => 60 (step 0)', totp_code(:s, :t59, period => 60) = '755224';
SELECT 'totp_code algorithm => SHA256',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', :t59,
                 8, algorithm => 'SHA256') = '46119246';
SELECT 'totp_code all named, any order',
       totp_code(algorithm => 'sha1', period => 30, digits => 8, at => :t59, secret => :s) = '94287082';
SELECT 'totp_code leading zero kept', totp_code(:s, to_timestamp(1111111109)) = '081804';

-- totp_verify(secret, code, "window" = 1, at = now(), digits = 6, period = 30,
-- algorithm = 'sha1'); window is a reserved word, so by name it is "window".
SELECT 'totp_verify defaults', totp_verify(:s, '287082', at => :t59);
SELECT 'totp_verify default window 1 takes the next step',
       totp_verify(:s, totp_code(:s, :t59 + interval '30 seconds'), at => :t59);
SELECT 'totp_verify default window 1 stops there',
       NOT totp_verify(:s, totp_code(:s, :t59 + interval '60 seconds'), at => :t59);
SELECT 'totp_verify "window" => 0',
       NOT totp_verify(:s, totp_code(:s, :t59 + interval '30 seconds'), "window" => 0, at => :t59);
SELECT 'totp_verify at defaults to now()', totp_verify(:s, totp_code(:s, now()));
SELECT 'totp_verify all positional', totp_verify(:s, '94287082', 0, :t59, 8, 30, 'sha1');
SELECT 'totp_verify all named, any order',
       totp_verify(algorithm => 'SHA1', period => 60, digits => 8, at => :t59,
                   "window" => 0, code => totp_code(:s, :t59, 8, 60), secret => :s);

-- totp_verify_step(secret, code, after_step = NULL, "window" = 1, at = now(),
-- digits = 6, period = 30, algorithm = 'sha1')
SELECT 'totp_verify_step defaults', totp_verify_step(:s, '287082', at => :t59) = 1;
SELECT 'totp_verify_step at defaults to now()',
       totp_verify_step(:s, totp_code(:s), "window" => 0) = floor(extract(epoch FROM now()) / 30);
SELECT 'totp_verify_step after_step => NULL is no guard',
       totp_verify_step(:s, '287082', after_step => NULL, at => :t59) = 1;
SELECT 'totp_verify_step all positional',
       totp_verify_step(:s, '94287082', NULL, 0, :t59, 8, 30, 'sha1') = 1;
SELECT 'totp_verify_step all named, any order',
       totp_verify_step(algorithm => 'sha1', period => 30, digits => 8, at => :t59,
                        "window" => 0, after_step => 0, code => '94287082', secret => :s) = 1;

-- hotp_code(secret, counter, digits = 6, algorithm = 'sha1')
SELECT 'hotp_code defaults', hotp_code(:s, 1) = '287082';
SELECT 'hotp_code digits => 8', right(hotp_code(:s, 1, digits => 8), 6) = '287082'
                                AND length(hotp_code(:s, 1, digits => 8)) = 8;
SELECT 'hotp_code algorithm => sha512 differs',
       hotp_code(:s, 1, algorithm => 'sha512') <> '287082';
SELECT 'hotp_code all named', hotp_code(algorithm => 'sha1', digits => 6, counter => 1, secret => :s) = '287082';

-- hotp_verify(secret, code, counter, look_ahead = 0, digits = 6, algorithm = 'sha1')
SELECT 'hotp_verify defaults', hotp_verify(:s, '287082', 1) = 2;
SELECT 'hotp_verify look_ahead defaults to 0', hotp_verify(:s, '287082', 0) IS NULL;
SELECT 'hotp_verify all positional', hotp_verify(:s, hotp_code(:s, 1, 8), 0, 1, 8, 'sha1') = 2;
SELECT 'hotp_verify all named, any order',
       hotp_verify(algorithm => 'sha1', digits => 6, look_ahead => 5, counter => 0,
                   code => '287082', secret => :s) = 2;

-- otpauth_uri(secret, account, issuer = NULL, digits = 6, period = 30, algorithm = 'sha1')
SELECT 'otpauth_uri defaults: no issuer, no optional parameters',
       otpauth_uri(:s, 'alice') = 'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
SELECT 'otpauth_uri all positional',
       otpauth_uri(:s, 'alice', NULL, 6, 30, 'sha1') = otpauth_uri(:s, 'alice');
SELECT 'otpauth_uri all named, any order',
       otpauth_uri(algorithm => 'sha256', period => 60, digits => 8, issuer => 'ACME',
                   account => 'alice', secret => :s)
       = 'otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&algorithm=SHA256&digits=8&period=60';

-- Algorithm names in any case.
SELECT name, totp_code(:s, :t59, 8, algorithm => name) = '94287082' AS sha1_code
  FROM unnest(ARRAY['sha1', 'SHA1', 'Sha1', 'sHA1']) AS name;

-- backup_codes_new(count = 10), and the argument names of the backup-code
-- functions. The stored set holds abcde-fghjk and three other codes at 1000
-- iterations (see backup_codes.sql).
\set four_1000 '\'totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw==,gTqYbJYxCtnHAdS54uzNeg==,XhBBAqwndCqntgJp0SzJ+A==,tL8QOOExiBXNrPEPRAwMpA==:1dYpuIkMjcV2\''
SELECT 'backup_codes_new() makes 10 codes', cardinality(backup_codes_new()) = 10;
SELECT 'backup_codes_new(count => 3)', cardinality(backup_codes_new(count => 3)) = 3;
SELECT 'backup_codes_hash(codes => ...)', backup_codes_remaining(backup_codes_hash(codes => ARRAY['abcde-fghjk'])) = 1;
SELECT 'consume_backup_code all named, any order',
       consume_backup_code(code => 'abcde-fghjk', codes_hashed => :four_1000)
       = consume_backup_code(:four_1000, 'abcde-fghjk');
SELECT 'backup_codes_remaining(codes_hashed => ...)', backup_codes_remaining(codes_hashed => :four_1000) = 4;
