-- Log in with a backup code instead of a TOTP code: each code works once (any case, dash
-- optional). Shares the failure count and the lock with login.sql. accepted = 0 for a wrong
-- or used code, or while locked; codes_left is then the count before the attempt. No row:
-- 2FA is off. Parameters: :user_id, :code (as typed), :now (Unix seconds).
--
-- BEGIN IMMEDIATE takes the write lock before the set is read, so a second connection with
-- the same code waits (set a busy timeout), then finds the code gone. MATERIALIZED keeps
-- SQLite from copying the 0.12 s PBKDF2 call into both SET and WHERE.
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT CASE WHEN totp_locked_until > :now THEN NULL
              ELSE consume_backup_code(backup_codes, :code) END AS remaining
    FROM users WHERE id = :user_id AND totp_secret IS NOT NULL
)
UPDATE users AS u
   SET backup_codes = coalesce(c.remaining, u.backup_codes),
       totp_failed_attempts = CASE WHEN c.remaining IS NOT NULL THEN 0
                                   ELSE u.totp_failed_attempts + 1 END,
       totp_locked_until = CASE WHEN c.remaining IS NOT NULL THEN NULL
                                WHEN u.totp_locked_until > :now THEN u.totp_locked_until
                                WHEN u.totp_failed_attempts + 1 >= s.max_failed_attempts
                                  THEN :now + s.lockout_seconds
                           END
  FROM c CROSS JOIN second_factor_settings AS s
 WHERE u.id = :user_id
RETURNING totp_failed_attempts = 0 AS accepted, backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;
