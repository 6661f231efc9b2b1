-- Disable 2FA: needs a current code (as login.sql: once per code, throttled). On success
-- (disabled = 1) the secret, the pending secret, the last step and the backup codes are
-- cleared. No row: 2FA was off. Parameters: :user_id, :code (as typed), :now (Unix seconds).
UPDATE users AS u
   SET (totp_secret, totp_pending_secret, totp_last_step, backup_codes,
        totp_failed_attempts, totp_locked_until) = (
         SELECT CASE WHEN v.step IS NULL THEN u.totp_secret END,
                CASE WHEN v.step IS NULL THEN u.totp_pending_secret END,
                CASE WHEN v.step IS NULL THEN u.totp_last_step END,
                CASE WHEN v.step IS NULL THEN u.backup_codes END,
                CASE WHEN v.step IS NOT NULL THEN 0 ELSE u.totp_failed_attempts + 1 END,
                CASE WHEN v.step IS NOT NULL THEN NULL
                     WHEN u.totp_locked_until > :now THEN u.totp_locked_until
                     WHEN u.totp_failed_attempts + 1 >= s.max_failed_attempts
                       THEN :now + s.lockout_seconds
                END
           FROM (SELECT CASE WHEN u.totp_locked_until > :now THEN NULL
                             ELSE totp_verify_step(u.totp_secret, :code, u.totp_last_step, 1, :now)
                        END AS step) AS v
                CROSS JOIN second_factor_settings AS s)
 WHERE u.id = :user_id AND u.totp_secret IS NOT NULL
RETURNING totp_secret IS NULL AS disabled;
