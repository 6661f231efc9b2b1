-- Enrol or rebind, step 2: the first code of the pending secret makes it the secret (2FA is
-- on; the old secret, if any, stops working). The code's step is stored as the last step,
-- so the code that confirmed cannot then log in. A row back: confirmed; none: refused.
-- Parameters: :user_id, :code (as typed), :now (Unix seconds).
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :code, NULL, 1, :now)
 WHERE id = :user_id
   AND totp_verify_step(totp_pending_secret, :code, NULL, 1, :now) IS NOT NULL
RETURNING 1 AS confirmed;
