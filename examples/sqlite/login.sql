-- Log in, second step: accepted = 1 if the code is valid at :now (one step of clock drift
-- either way) and newer than the last one accepted; each code logs in once. Otherwise 0,
-- and the failure is counted: at max_failed_attempts the account is locked for
-- lockout_seconds, during which every code is refused unchecked (and counted, without
-- extending the lock); after it, each failure locks again until a success resets the
-- count. No row: 2FA is off (or no such user). A wrong code is never an error.
-- Parameters: :user_id, :code (as typed), :now (Unix seconds).
--
-- One UPDATE: SQLite runs it under the database's write lock, so the check, the replay
-- guard and the counter change together; `step` is computed once.
UPDATE users AS u
   SET (totp_last_step, totp_failed_attempts, totp_locked_until) = (
         SELECT coalesce(v.step, u.totp_last_step),
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
RETURNING totp_failed_attempts = 0 AS accepted;
