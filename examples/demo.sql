-- The 2FA user journey in an in-memory SQLite database, as `make demo` shows
-- it. The UPDATE statements are the README's, with :id and :code bound
-- through the shell's parameter table. Every check prints a line starting
-- with "ok" or "FAIL"; demo.sh fails on any FAIL. "The phone" is played by
-- totp_code(), which computes what an authenticator app shows at a time.
-- Secrets are sealed with the keyring demo.sh names in TOTP_KEYRING.
.mode list
.headers off
.bail on
.parameter init
.parameter set :id 1

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  email               TEXT NOT NULL,
  totp_secret         TEXT,     -- sealed (or base32); NULL while 2FA is off
  totp_pending_secret TEXT,     -- enrolment waiting for its first code
  totp_last_step      INTEGER,  -- replay guard: last accepted time step
  backup_codes        TEXT      -- hashed backup codes; NULL until issued
);
INSERT INTO users (id, email) VALUES (1, 'alice@example.com');

SELECT '1. Enrol: a new secret, stored sealed, shown to alice as an otpauth:// URI (QR code)';
UPDATE users SET totp_pending_secret = totp_seal(totp_new_secret()) WHERE id = :id
RETURNING otpauth_uri(totp_pending_secret, email, 'ACME');
SELECT 'Scan it with Google Authenticator, Authy or 2FAS (drawn for a dark terminal):';
SELECT otpauth_qr_text(otpauth_uri(totp_pending_secret, email, 'ACME')) FROM users;
SELECT CASE WHEN totp_pending_secret GLOB 'totp:v1:demo:*'
             AND instr(totp_pending_secret, totp_unseal(totp_pending_secret)) = 0
            THEN 'ok   the secret is stored sealed: '
                 || substr(totp_pending_secret, 1, length('totp:v1:demo:')) || '...'
                 || ' (' || length(totp_pending_secret) || ' characters)'
            ELSE 'FAIL the secret is not stored sealed' END FROM users;
SELECT CASE WHEN totp_secret IS NULL
            THEN 'ok   2FA stays off until alice confirms a code'
            ELSE 'FAIL 2FA was switched on before confirmation' END FROM users;

SELECT '';
SELECT '2. Confirm: alice mistypes, then types the code her phone shows';
.parameter set :code '12345x'
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT CASE WHEN changes() = 0 AND totp_secret IS NULL
            THEN 'ok   mistyped code 12345x refused, 2FA still off'
            ELSE 'FAIL a mistyped code confirmed enrolment' END FROM users;
REPLACE INTO temp.sqlite_parameters (key, value)
SELECT ':code', totp_code(totp_pending_secret, unixepoch()) FROM users WHERE id = 1;
SELECT '   phone shows ' || value FROM temp.sqlite_parameters WHERE key = ':code';
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT CASE WHEN changes() = 1 AND totp_secret IS NOT NULL AND totp_last_step IS NOT NULL
            THEN 'ok   code accepted: 2FA is on for alice'
            ELSE 'FAIL the phone''s code did not confirm enrolment' END FROM users;

SELECT '';
SELECT '3. Log in: password checked, then the second step';
SELECT '   alice re-types the code she just confirmed with';
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT CASE WHEN changes() = 0 THEN 'ok   refused: that code was already used (replay)'
            ELSE 'FAIL a used code logged in again' END;
SELECT '   30 seconds later her phone shows a new code';
REPLACE INTO temp.sqlite_parameters (key, value)
SELECT ':code', totp_code(totp_secret, unixepoch() + 30) FROM users WHERE id = 1;
SELECT '   phone shows ' || value FROM temp.sqlite_parameters WHERE key = ':code';
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT CASE WHEN changes() = 1 THEN 'ok   logged in (a clock 30 s ahead is within the window)'
            ELSE 'FAIL a fresh code was refused' END;

SELECT '';
SELECT '4. Replay: an attacker who saw that code sends it again';
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT CASE WHEN changes() = 0 THEN 'ok   refused: each code logs in once'
            ELSE 'FAIL a replayed code logged in' END;
SELECT '   a code from 5 minutes ago';
REPLACE INTO temp.sqlite_parameters (key, value)
SELECT ':code', totp_code(totp_secret, unixepoch() - 300) FROM users WHERE id = 1;
SELECT CASE WHEN totp_verify(totp_secret, :code, 1, unixepoch()) = 0
            THEN 'ok   refused: outside the drift window'
            ELSE 'FAIL a stale code was accepted' END FROM users;

SELECT '';
SELECT '5. Backup codes: shown to alice once, stored only as salted hashes';
REPLACE INTO temp.sqlite_parameters (key, value) SELECT ':codes', backup_codes_new();
SELECT '   ' || group_concat(value, '  ') FROM json_each(:codes);
UPDATE users SET backup_codes = backup_codes_hash(:codes) WHERE id = :id;
SELECT CASE WHEN backup_codes_remaining(backup_codes) = 10
             AND NOT EXISTS (SELECT 1 FROM json_each(:codes) AS c
                              WHERE instr(users.backup_codes, c.value) > 0)
            THEN 'ok   10 codes stored; none of them readable in the table'
            ELSE 'FAIL backup codes not stored as hashes' END FROM users;

SELECT '';
SELECT '6. Alice lost her phone: she types her third backup code, in capitals, no dash';
REPLACE INTO temp.sqlite_parameters (key, value)
SELECT ':code', upper(replace(json_extract(:codes, '$[2]'), '-', ''));
SELECT '   she types ' || value FROM temp.sqlite_parameters WHERE key = ':code';
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;
SELECT CASE WHEN backup_codes_remaining(backup_codes) = 9
            THEN 'ok   logged in; 9 backup codes left'
            ELSE 'FAIL the backup code was refused' END FROM users;
SELECT '   the same code again';
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;
SELECT CASE WHEN backup_codes_remaining(backup_codes) = 9
            THEN 'ok   refused: each backup code works once; still 9 left'
            ELSE 'FAIL a used backup code worked again' END FROM users;
