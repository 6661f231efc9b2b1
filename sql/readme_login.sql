-- The README's login flow, its SQL verbatim with $1 (the user id) and $2
-- (the code the user typed) filled in: enrol, confirm with a first code,
-- then log in with each code at most once. The user's authenticator is
-- played by totp_code() on the stored secret. Secrets are stored sealed,
-- with the keyring test/pg/run.sh configures (k2026 seals); at the end, the
-- README's statements that seal secrets stored before, and that move them to
-- the newest key after a rotation.
--
-- Everything up to the COMMIT is one transaction, so now(), and with it
-- every defaulted time, is the same in each statement: the codes computed
-- here are for the current step s and the next one, s + 1.

BEGIN;

CREATE TABLE users (
  id                  bigint PRIMARY KEY,
  email               text NOT NULL,
  totp_secret         text,    -- sealed (or base32); NULL while 2FA is off
  totp_pending_secret text,    -- enrolment waiting for its first code
  totp_last_step      bigint,  -- replay guard: last accepted time step
  backup_codes        text     -- hashed backup codes; NULL until issued
);
INSERT INTO users (id, email) VALUES (1, 'alice@example.com'), (2, 'bob@example.com');

-- State of alice's row, as booleans (the secret is random); every secret
-- stored is sealed (NULL while there is none).
CREATE FUNCTION pg_temp.alice() RETURNS TABLE (pending boolean, two_factor_on boolean, last_step_offset bigint,
                                               stored_sealed boolean)
LANGUAGE sql AS $$
  SELECT totp_pending_secret IS NOT NULL, totp_secret IS NOT NULL,
         totp_last_step - floor(extract(epoch FROM now()) / 30)::bigint,
         (SELECT bool_and(s LIKE 'totp:v1:%') FROM unnest(ARRAY[totp_secret, totp_pending_secret]) AS s)
    FROM users WHERE id = 1
$$;

-- 1. Enrol: make a pending secret, sealed (see "Secrets at rest"), and show its URI (QR code).
UPDATE users SET totp_pending_secret = totp_seal(totp_new_secret())
 WHERE id = 1
RETURNING otpauth_uri(totp_pending_secret, email, 'ACME') \gset enrol_

-- About once in 250,000 enrolments a random secret has the same code in two
-- of the steps s - 1 .. s + 2, which would blur which step a code matches
-- below; then enrol again (the output is the same either way).
SELECT count(DISTINCT totp_code(totp_pending_secret, now() + k * interval '30 seconds')) < 4 AS enrol_again
  FROM users, generate_series(-1, 2) AS k WHERE id = 1 \gset
\if :enrol_again
UPDATE users SET totp_pending_secret = totp_seal(totp_new_secret())
 WHERE id = 1
RETURNING otpauth_uri(totp_pending_secret, email, 'ACME') \gset enrol_
\endif

SELECT 'enrol returns the URI of the pending secret, in plain base32',
       :'enrol_otpauth_uri' ~ '^otpauth://totp/ACME:alice%40example\.com\?secret=[A-Z2-7]{32}&issuer=ACME$',
       :'enrol_otpauth_uri' = 'otpauth://totp/ACME:alice%40example.com?secret=' || totp_unseal(totp_pending_secret) || '&issuer=ACME'
  FROM users WHERE id = 1;
SELECT 'the pending secret is stored sealed under the newest key',
       totp_pending_secret ~ '^totp:v1:k2026:[A-Za-z0-9+/]+=*$',
       strpos(totp_pending_secret, totp_unseal(totp_pending_secret)) = 0 AS not_in_clear
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
SELECT totp_pending_secret AS pending_sealed FROM users WHERE id = 1 \gset
\set code :code_now
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :'code')
 WHERE id = 1 AND totp_verify_step(totp_pending_secret, :'code') IS NOT NULL
RETURNING id;
SELECT * FROM pg_temp.alice();
SELECT 'the confirmed secret is the sealed pending value, moved as it is', totp_secret = :'pending_sealed'
  FROM users WHERE id = 1;

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

-- Secrets at rest, step 3: seal the secrets stored before, while logins go
-- on. Carol enrolled before sealing (a plain secret, 2FA on), Dave has a
-- plain pending secret, Erin's secret was sealed under k2025 before the
-- keyring gained k2026; Alice's is sealed already, Bob has none.
BEGIN;
SELECT totp_secret AS alice_sealed FROM users WHERE id = 1 \gset
INSERT INTO users (id, email, totp_secret, totp_pending_secret) VALUES
  (3, 'carol@example.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NULL),
  (4, 'dave@example.com', NULL, 'jbsw y3dp ehpk 3pxp'),
  (5, 'erin@example.com', 'totp:v1:k2025:6DUbgSZgVYvsJ6/9ZZKDs56vRpq8Pf2kqqh0Kmvf9OPnbbnxKGHw6Qi2ZQ435Wf4', NULL);
-- What is stored, and the secret in it.
CREATE FUNCTION pg_temp.stored() RETURNS TABLE (id bigint, secret_form text, pending_form text,
                                                secret_plain text, pending_plain text)
LANGUAGE sql AS $$
  SELECT id, coalesce(substring(totp_secret FROM '^totp:v1:[^:]+:'), CASE WHEN totp_secret IS NOT NULL THEN 'plain' END),
         coalesce(substring(totp_pending_secret FROM '^totp:v1:[^:]+:'), CASE WHEN totp_pending_secret IS NOT NULL THEN 'plain' END),
         CASE WHEN id = 1 THEN '(random)' ELSE totp_unseal(totp_secret) END, totp_unseal(totp_pending_secret)
    FROM users ORDER BY id
$$;
SELECT * FROM pg_temp.stored();

-- Before: carol logs in with her plain secret (statement 3).
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') AS code \gset
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 3 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;

UPDATE users SET totp_secret = totp_seal(totp_secret)
 WHERE totp_secret NOT LIKE 'totp:%';
UPDATE users SET totp_pending_secret = totp_seal(totp_pending_secret)
 WHERE totp_pending_secret NOT LIKE 'totp:%';

-- After: every secret sealed, the same secrets (canonical base32 now); the
-- sealed ones left as they were (Erin's still under k2025).
SELECT * FROM pg_temp.stored();
SELECT 'alice unchanged', totp_secret = :'alice_sealed' FROM users WHERE id = 1;

-- Carol's replay is still refused, her next code accepted, and Dave
-- confirms with a code of his authenticator (statements 3 and 2).
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 3 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', now() + interval '30 seconds') AS code \gset
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 3 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;
SELECT totp_code('JBSWY3DPEHPK3PXP') AS code \gset
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :'code')
 WHERE id = 4 AND totp_verify_step(totp_pending_secret, :'code') IS NOT NULL
RETURNING id;

-- Run again, the migration changes nothing.
CREATE TEMP TABLE before_rerun AS SELECT id, totp_secret, totp_pending_secret FROM users;
UPDATE users SET totp_secret = totp_seal(totp_secret)
 WHERE totp_secret NOT LIKE 'totp:%';
UPDATE users SET totp_pending_secret = totp_seal(totp_pending_secret)
 WHERE totp_pending_secret NOT LIKE 'totp:%';
SELECT 'a second run changes nothing', count(*) = 5
  FROM users u JOIN before_rerun b USING (id)
 WHERE u.totp_secret IS NOT DISTINCT FROM b.totp_secret
   AND u.totp_pending_secret IS NOT DISTINCT FROM b.totp_pending_secret;

-- Secrets at rest, step 4: after k2026 was appended to the keyring (it is
-- in the one configured), move every sealed secret to it; values already
-- under k2026 stay as they are, so the statement can be rerun. Then the
-- README's query for values still under the old key finds none.
SELECT count(*) FROM users
 WHERE totp_secret LIKE 'totp:v1:k2025:%' OR totp_pending_secret LIKE 'totp:v1:k2025:%';
UPDATE users SET totp_secret = totp_reseal(totp_secret)
 WHERE totp_secret LIKE 'totp:%';
UPDATE users SET totp_pending_secret = totp_reseal(totp_pending_secret)
 WHERE totp_pending_secret LIKE 'totp:%';
SELECT * FROM pg_temp.stored();
SELECT count(*) FROM users
 WHERE totp_secret LIKE 'totp:v1:k2025:%' OR totp_pending_secret LIKE 'totp:v1:k2025:%';
SELECT 'values under k2026 kept as they were', count(*) = 3
  FROM users u JOIN before_rerun b USING (id)
 WHERE u.id <> 5 AND u.totp_secret = b.totp_secret;
CREATE TEMP TABLE after_rotation AS SELECT id, totp_secret FROM users;
UPDATE users SET totp_secret = totp_reseal(totp_secret)
 WHERE totp_secret LIKE 'totp:%';
UPDATE users SET totp_pending_secret = totp_reseal(totp_pending_secret)
 WHERE totp_pending_secret LIKE 'totp:%';
SELECT 'a second run changes nothing', count(*) = 4
  FROM users u JOIN after_rotation a USING (id)
 WHERE u.totp_secret = a.totp_secret;

-- Erin logs in with her secret, now under k2026 (statement 3).
SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') AS code \gset
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :'code', totp_last_step)
 WHERE id = 5 AND totp_verify_step(totp_secret, :'code', totp_last_step) IS NOT NULL
RETURNING id;
COMMIT;

DROP TABLE users;
