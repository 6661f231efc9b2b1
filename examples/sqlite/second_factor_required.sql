-- What the user must do after the password: 'verify' (2FA is on: ask for a code), 'enrol'
-- (2FA is required but off: enrol before going on) or 'none'. No row: no such user.
-- Parameters: :user_id.
-- For a rollout report, the same CASE over every user: ... FROM users GROUP BY 1.
SELECT CASE WHEN u.totp_secret IS NOT NULL THEN 'verify'
            WHEN s.required_for_all
                 AND NOT EXISTS (SELECT 1 FROM second_factor_exempt e WHERE e.user_id = u.id)
              THEN 'enrol'
            ELSE 'none' END AS second_factor
  FROM users u CROSS JOIN second_factor_settings s
 WHERE u.id = :user_id;
