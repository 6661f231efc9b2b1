-- arg_count: a call with too few or too many arguments fails when the statement is
-- prepared ("wrong number of arguments"), before any row is produced, even where the call
-- would never be evaluated.
.load ./totp

SELECT totp_new_secret(20, 1);
SELECT totp_code();
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 6, 30, 'sha1', 1);
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, 59, 6, 30, 'sha1', 1);
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', NULL, 1, 59, 6, 30, 'sha1', 1);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, 6, 'sha1', 1);
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224');
SELECT hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '755224', 0, 0, 6, 'sha1', 1);
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME', 6, 30, 'sha1', 1);
SELECT backup_codes_new(10, 1);
SELECT backup_codes_hash();
SELECT backup_codes_hash('["k7m2q-x9trb"]', 1);
SELECT consume_backup_code('totp-bc1:');
SELECT consume_backup_code('totp-bc1:', 'k7m2q-x9trb', 1);
SELECT backup_codes_remaining();
SELECT backup_codes_remaining('totp-bc1:', 1);
SELECT totp_keyring();
SELECT totp_keyring('fixtures/keyring', 'fixtures/keyring-old');
SELECT totp_seal();
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'k2025');
SELECT totp_unseal();
SELECT totp_unseal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1);
SELECT totp_reseal();
SELECT totp_reseal('totp:v1:k2025:', 'k2026');

-- At prepare time: nothing runs, not even the first branch of a UNION or an unreached CASE.
SELECT 'this row must not appear' UNION ALL SELECT totp_code();
SELECT CASE WHEN 0 THEN hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') END;
SELECT CASE WHEN 0 THEN consume_backup_code('totp-bc1:') END;
SELECT CASE WHEN 0 THEN totp_keyring() END;
