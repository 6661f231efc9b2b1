-- Backup codes: a new set replaces the old one. Two statements: the first makes the codes
-- (a JSON array) that your application shows once and binds as :codes to the second, which
-- stores only their salted PBKDF2 hashes (about 0.12 s per code). The UPDATE changes no row
-- while 2FA is off. Parameters: :count (e.g. 10), then :codes and :user_id.
SELECT backup_codes_new(:count) AS codes;

UPDATE users SET backup_codes = backup_codes_hash(:codes)
 WHERE id = :user_id AND totp_secret IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_issued;
