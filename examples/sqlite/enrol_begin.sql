-- Enrol, step 1: a fresh secret, sealed, waits in totp_pending_secret; show the URI as the
-- QR code (qr_svg is a standalone SVG for the web page). No row: no such user, or 2FA is
-- already on (rebind_begin.sql then, so that a password alone can never replace an active
-- secret). Parameters: :user_id.
UPDATE users SET totp_pending_secret = totp_seal(totp_new_secret())
 WHERE id = :user_id AND totp_secret IS NULL
RETURNING otpauth_uri(totp_pending_secret, email, (SELECT issuer FROM second_factor_settings)) AS uri,
          otpauth_qr_svg(otpauth_uri(totp_pending_secret, email,
                                     (SELECT issuer FROM second_factor_settings))) AS qr_svg;
