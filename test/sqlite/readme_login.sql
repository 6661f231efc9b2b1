-- readme_login: the README's SQLite login flow, its three statements verbatim, with :id and
-- :code bound by the shell's .parameter. The user's authenticator app is played by
-- totp_code. Only ids and booleans are printed: the secret is random and the time is now.
.load ./totp

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  email               TEXT NOT NULL,
  totp_secret         TEXT,     -- base32; NULL while 2FA is off
  totp_pending_secret TEXT,     -- enrolment waiting for its first code
  totp_last_step      INTEGER   -- replay guard: last accepted time step
);
INSERT INTO users(id, email) VALUES (1, 'alice@example.com'), (2, 'bob@example.com');

-- The authenticator app: the code shown now and the one shown in the next step.
CREATE TEMP VIEW app AS
  SELECT id,
         totp_code(coalesce(totp_secret, totp_pending_secret), unixepoch()) AS code_now,
         totp_code(coalesce(totp_secret, totp_pending_secret), unixepoch() + 30) AS code_next
    FROM users;
-- A wrong code: well-formed, but none of the codes of the steps around now.
CREATE TEMP VIEW wrong_code AS
  WITH candidate(code) AS (VALUES ('000000'), ('000001'), ('000002'), ('000003')),
       near(steps) AS (VALUES (-1), (0), (1), (2))
  SELECT code FROM candidate
   WHERE code NOT IN (SELECT totp_code(totp_pending_secret, unixepoch() + 30 * steps)
                        FROM users, near WHERE id = 1)
   LIMIT 1;

.parameter set :id 1

-- 1. Enrol. Its output (the echoed statement and the URI) goes to a file and is shown with
-- the random URI replaced by a placeholder, when it is exactly the pending secret's URI.
.output enrol.txt
UPDATE users SET totp_pending_secret = totp_new_secret() WHERE id = :id
RETURNING otpauth_uri(totp_pending_secret, email, 'ACME');
.output stdout
SELECT replace(CAST(readfile('enrol.txt') AS TEXT),
               'otpauth://totp/ACME:alice%40example.com?secret=' || totp_pending_secret || '&issuer=ACME' || char(10),
               '<otpauth://totp/ACME:alice%40example.com?secret=PENDING_SECRET&issuer=ACME>' || char(10))
  FROM users WHERE id = 1;
SELECT 'the pending secret is 32 base32 characters; 2FA is not on yet',
       length(totp_pending_secret) IS 32 AND totp_pending_secret NOT GLOB '*[^A-Z2-7]*'
       AND totp_secret IS NULL AND totp_last_step IS NULL
  FROM users WHERE id = 1;
SELECT 'the other user is untouched', totp_pending_secret IS NULL FROM users WHERE id = 2;
CREATE TEMP TABLE enrolled AS SELECT totp_pending_secret AS secret FROM users WHERE id = 1;

-- 2. Confirm with a wrong code: no row returned, nothing changes.
.parameter set :code "(SELECT code FROM wrong_code)"
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT 'a wrong code confirms nothing',
       totp_secret IS NULL AND totp_pending_secret IS (SELECT secret FROM enrolled)
  FROM users WHERE id = 1;

-- 2. Confirm with the code the app shows: returns id 1, 2FA is on.
.parameter set :code "(SELECT code_now FROM app WHERE id = 1)"
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT 'the right code confirms: secret moved, step recorded',
       totp_secret IS (SELECT secret FROM enrolled) AND totp_pending_secret IS NULL
       AND totp_last_step BETWEEN unixepoch() / 30 - 1 AND unixepoch() / 30
  FROM users WHERE id = 1;
CREATE TEMP TABLE confirmed AS SELECT totp_last_step AS step FROM users WHERE id = 1;

-- 3. Log in with the code that confirmed: a replay, refused (no row).
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT 'the confirming code cannot log in', totp_last_step IS (SELECT step FROM confirmed)
  FROM users WHERE id = 1;

-- 3. Log in with the app's next code: returns id 1 once...
.parameter set :code "(SELECT code_next FROM app WHERE id = 1)"
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT 'a next-step code logs in and moves the step on',
       totp_last_step > (SELECT step FROM confirmed) FROM users WHERE id = 1;
CREATE TEMP TABLE logged_in AS SELECT totp_last_step AS step FROM users WHERE id = 1;

-- ...and the same code again is refused (no row).
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT 'the same code again is refused', totp_last_step IS (SELECT step FROM logged_in)
  FROM users WHERE id = 1;

-- A user without 2FA (NULL secret) never passes the code check (no row).
.parameter set :id 2
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT 'bob is unchanged', totp_secret IS NULL AND totp_last_step IS NULL FROM users WHERE id = 2;
