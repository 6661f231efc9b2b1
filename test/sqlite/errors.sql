-- errors: every configuration error, per function, with its message. Messages name the
-- function and the parameter but never carry the secret or the code passed in (run.sh
-- also fails any file whose error messages contain 6 digits or 16 base32 characters).
-- A wrong code is never an error: see codes.sql.
.load ./totp

-- digits outside 6..8
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 5);
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 9);
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 5);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59, 9);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, 5);
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0, 9);
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 5);
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 0);
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, -6);
-- 2^32 + 6 must not wrap around to 6
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 4294967302);

-- period outside 1..3600
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 0);
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 3601);
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, -30);
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 4294967326);
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6, 0);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59, 6, 3601);
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 0);

-- window outside 0..10
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', -1, 59);
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 11, 59);
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 4294967297, 59);
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 11);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, -1, 59);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0, 11);

-- look_ahead outside 0..100
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, -1);
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 101);
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 4294967296);

-- unknown algorithm
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 30, 'md5');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 30, 'sha-1');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 30, 'sha1 ');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 30, '');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 30, 'sha1' || char(0));
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 30, 'sha384');
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6, 30, 'md5');
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59, 6, 30, 'md5');
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, 6, 'md5');
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0, 6, 'md5');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 30, 'md5');

-- negative time
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', -1);
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, -1);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, -9223372036854775808);

-- negative counter
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', -1);
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', -1);

-- bytes outside 16..64
SELECT totp_new_secret(15);
SELECT totp_new_secret(65);
SELECT totp_new_secret(4294967312);

-- malformed base32, in every function that takes a secret
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1', 59);
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1', '287082', 1, 59);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1', '287082', NULL, 1, 59);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1', 0);
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1', '755224', 0);
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1', 'alice', 'ACME');
-- and with a malformed code too: still the secret's error, not silently "no match"
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1', 'abc', 1, 59);

-- key too short (9 bytes) or too long (1025 bytes)
SELECT totp_code('GEZDGNBVGY3TQOA', 59);
SELECT totp_verify('GEZDGNBVGY3TQOA', '287082', 1, 59);
SELECT hotp_verify('GEZDGNBVGY3TQOA', '755224', 0);
SELECT otpauth_uri('GEZDGNBVGY3TQOA', 'alice');
SELECT totp_code(replace(hex(zeroblob(1640)), '00', 'A'), 59);
SELECT totp_verify_step(replace(hex(zeroblob(1640)), '00', 'A'), '287082', NULL, 1, 59);
SELECT otpauth_uri(replace(hex(zeroblob(1640)), '00', 'A'), 'alice');

-- account and issuer
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', CAST(x'c3' AS TEXT));
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', CAST(x'c0af' AS TEXT));
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', CAST(x'eda080' AS TEXT));
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', '');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME:Corp');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', ':');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', CAST(x'c3' AS TEXT));

-- integer parameters must be integers (or integer text); nothing is silently truncated
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 'abc');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6.5);
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, '6.5');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, x'06');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, '');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59.5);
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'now');
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 'thirty');
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1.5, 59);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 'abc', 1, 59);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 0.5, 1, 59);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1.0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '1e3');
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 'one');
SELECT totp_new_secret('twenty');
SELECT totp_new_secret(20.0);

-- integer text is accepted (SQLite's numeric affinity), so these are not errors
SELECT 'digits, period and at as integer text',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '59', '8', '30') IS '94287082';
SELECT 'counter and look_ahead as integer text',
       hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '520489', '0', '9') IS 10;

-- backup codes: count outside 1..100 or not an integer, and one of each list and stored-set
-- error (all of them: backup_codes.sql)
SELECT backup_codes_new(0);
SELECT backup_codes_new(101);
SELECT backup_codes_new(4294967306);
SELECT backup_codes_new('ten');
SELECT backup_codes_new(10.5);
SELECT backup_codes_new('');
SELECT backup_codes_hash('not json');
SELECT backup_codes_hash('["not a code"]');
SELECT backup_codes_hash('["k7m2q-x9trb","K7M2QX9TRB"]');
SELECT consume_backup_code('not a set', 'k7m2q-x9trb');
SELECT backup_codes_remaining('not a set');
SELECT backup_codes_remaining('totp-bc9:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==::qJvIqBzEeQ0Q');
SELECT backup_codes_remaining('totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==::qJvIqBzEeQ0R');
SELECT 'count as integer text is accepted', json_array_length(backup_codes_new('3')) IS 3;

-- sealed secrets (every case, and the keyring files: sealed_secrets.sql, keyring_env.sh).
-- With no keyring (run.sh unsets TOTP_KEYRING), a sealed secret in every function that
-- takes one, and sealing:
SELECT totp_code('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', 59);
SELECT totp_verify('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', '287082', 1, 59);
SELECT totp_verify_step('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', '287082', NULL, 1, 59);
SELECT hotp_code('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', 0);
SELECT hotp_verify('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', '755224', 0);
SELECT otpauth_uri('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', 'alice');
SELECT totp_unseal('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f');
SELECT totp_reseal('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f');
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
-- totp_keyring: no such file, not a file name; then with the test keyring (./fixtures is
-- test/fixtures): one value of each kind that does not open, a plain secret to reseal, a
-- secret totp_seal cannot take.
SELECT totp_keyring('fixtures/no-such-keyring');
SELECT totp_keyring('');
SELECT totp_keyring('fixtures/keyring');
SELECT totp_code('totp:v1:k2099:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', 59);
SELECT totp_code('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0e', 59);
SELECT totp_code('totp:v2:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', 59);
SELECT totp_code('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0', 59);
SELECT totp_reseal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT totp_seal('GEZDGNBVGY3TQOA');
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1');
SELECT 'the sealed secret opens with the keyring',
       totp_code('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', 59) IS '287082';

-- An error aborts only its own statement: the rows already returned stay, the session goes on.
SELECT column1, hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1 - column1) FROM (VALUES (0), (1), (2));
SELECT 'still working after the errors above',
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0) IS '755224';
