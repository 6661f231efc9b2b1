-- Rebind (new phone), step 1: as enrol_begin.sql, but only while 2FA is on. The old secret
-- keeps working until enrol_confirm.sql accepts a code of the new one. Run it only for a
-- session that passed the second factor (a code or a backup code). Parameters: :user_id.
UPDATE users SET totp_pending_secret = totp_seal(totp_new_secret())
 WHERE id = :user_id AND totp_secret IS NOT NULL
RETURNING otpauth_uri(totp_pending_secret, email, (SELECT issuer FROM second_factor_settings)) AS uri,
          otpauth_qr_svg(otpauth_uri(totp_pending_secret, email,
                                     (SELECT issuer FROM second_factor_settings))) AS qr_svg;
