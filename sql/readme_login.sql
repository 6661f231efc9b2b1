-- The README's login flow, its SQL verbatim with $1 (the user id) and $2
-- (the code the user typed) filled in: enrol, confirm with a first code,
-- then log in with each code at most once. The user's authenticator is
-- played by totp_code() on the stored secret.
--
-- Everything up to the COMMIT is one transaction, so now(), and with it
-- every defaulted time, is the same in each statement: the codes computed
-- here are for the current step s and the next one, s + 1.

BEGIN;

CREATE TABLE users (
  id                  bigint PRIMARY KEY,
  email               text NOT NULL,
  totp_secret         text,    -- base32; NULL while 2FA is off
  totp_pending_secret text,    -- enrolment waiting for its first code
  totp_last_step      bigint,  -- replay guard: last accepted time step
  backup_codes        text     -- hashed backup codes; NULL until issued
);
INSERT INTO users (id, email) VALUES (1, 'alice@example.com'), (2, 'bob@example.com');

-- State of alice's row, as booleans (the secret is random).
CREATE FUNCTION pg_temp.alice() RETURNS TABLE (pending boolean, two_factor_on boolean, last_step_offset bigint)
LANGUAGE sql AS $$
  SELECT totp_pending_secret IS NOT NULL, totp_secret IS NOT NULL,
         totp_last_step - floor(extract(epoch FROM now()) / 30)::bigint
    FROM users WHERE id = 1
$$;

-- 1. Enrol: make a pending secret and show its URI (QR code) to the user.
UPDATE users SET totp_pending_secret = totp_new_secret()
 WHERE id = 1
RETURNING otpauth_uri(totp_pending_secret, email, 'ACME') \gset enrol_

-- About once in 250,000 enrolments a random secret has the same code in two
-- of the steps s - 1 .. s + 2, which would blur which step a code matches
-- below; then enrol again (the output is the same either way).
SELECT count(DISTINCT totp_code(totp_pending_secret, now() + k * interval '30 seconds')) < 4 AS enrol_again
  FROM users, generate_series(-1, 2) AS k WHERE id = 1 \gset
\if :enrol_again
UPDATE users SET totp_pending_secret = totp_new_secret()
 WHERE id = 1
RETURNING otpauth_uri(totp_pending_secret, email, 'ACME') \gset enrol_
\endif

SELECT 'enrol returns the URI of the pending secret',
       :'enrol_otpauth_uri' ~ '^otpauth://totp/ACME:alice%40example\.com\?secret=[A-Z2-7]{32}&issuer=ACME$',
       :'enrol_otpauth_uri' = 'otpauth://totp/ACME:alice%40example.com?secret=' || totp_pending_secret || '&issuer=ACME'
  FROM users WHERE id = 1;
SELECT * FROM pg_temp.alice();

-- The codes alice's authenticator shows now (step s) and 30 s later (s + 1),
-- and a code that is neither of those nor the previous step's.
SELECT totp_code(totp_pending_secret) AS code_now,
       totp_code(totp_pending_secret, now() + interval '30 seconds') AS code_next,
       (SELECT min(c) FROM (VALUES ('000000'), ('111111'), ('222222'), ('333333')) AS v(c)
         WHERE c NOT IN (SELECT totp_code(totp_pending_secret, now() + k * interval '30 seconds')
                           FROM generate_series(-1, 1) AS k)) AS code_wrong
  FROM users WHERE id = 1 \gset

-- 2. Confirm with a wrong code: nothing is confirmed.
\set code :code_wrong
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :'code')
 WHERE id = 1 AND totp_verify_step(totp_pending_secret, :'code') IS NOT NULL
RETURNING id;
SELECT * FROM pg_temp.alice();

-- 2. Confirm with the right code: 2FA is on, and step s is recorded.
\set code :code_now
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :'code')
 WHERE id = 1 AND totp_verify_step(totp_pending_secret, :'code') IS NOT NULL
RETURNING id;
SELECT * FROM pg_temp.alice();

-- 3. Log in with the code that confirmed: a replay, refused.
\set code :code_now
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;

-- 3. Log in with a wrong code: refused.
\set code :code_wrong
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;

-- 3. Log in with malformed codes: refused, without an error.
\set code 'abcdef'
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;
\set code ''
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;
\set code '12345'
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;
SELECT * FROM pg_temp.alice();

-- 3. Log in with the next step's code (typed early, within the window of
-- one step): accepted once, and step s + 1 is recorded.
\set code :code_next
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;
SELECT * FROM pg_temp.alice();

-- 3. The same code again: refused.
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;

-- 3. With 2FA off (bob: no secret) the login UPDATE matches no row.
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 2 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;

-- The refused codes, malformed ones included, left the transaction usable.
COMMIT;
SELECT 'committed: 2FA on, nothing pending, a step recorded',
       totp_secret IS NOT NULL AND totp_pending_secret IS NULL AND totp_last_step IS NOT NULL
  FROM users WHERE id = 1;

-- Later, in another transaction: the codes already used stay refused.
\set code :code_next
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;
\set code :code_now
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;

-- The same login UPDATE one minute on (the time passed explicitly, as the
-- clock cannot be moved): that step's code is accepted once.
BEGIN;
SELECT totp_code(totp_secret, transaction_timestamp() + interval '60 seconds') AS code
  FROM users WHERE id = 1 \gset
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step, at => now() + interval '60 seconds')
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step, at => now() + interval '60 seconds') IS NOT NULL
RETURNING id;
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step, at => now() + interval '60 seconds')
 WHERE id = 1 AND totp_verify_step(totp_secret, :'code', totp_last_step, at => now() + interval '60 seconds') IS NOT NULL
RETURNING id;
SELECT 'last step is that of one minute on',
       totp_last_step = floor(extract(epoch FROM now() + interval '60 seconds') / 30) FROM users WHERE id = 1;
COMMIT;

DROP TABLE users;
