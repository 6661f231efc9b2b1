-- readme_login: the README's SQLite login flow, its statements verbatim (1. enrol, 2. confirm,
-- 3. log in, 4. issue backup codes, 5. log in with a backup code), with :id, :code and
-- :codes bound by the shell's .parameter; then its "Secrets at rest" statements verbatim
-- (seal the secrets already stored, rotate keys, check before removing the old key). The
-- user's authenticator app is played by totp_code, the user typing a backup code by the
-- codes statement 4 showed. Only ids, counts and booleans are printed: the secrets and the
-- codes are random and the time is now.
.load ./totp

-- Secrets are sealed at rest, so the connection needs a keyring first (README, "Secrets at
-- rest", step 2). The test keyrings are in ./fixtures (test/fixtures; see run.sh): this is
-- the one before rotation, whose only key is k2025.
SELECT totp_keyring('fixtures/keyring-old');

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  email               TEXT NOT NULL,
  totp_secret         TEXT,     -- sealed (or base32); NULL while 2FA is off
  totp_pending_secret TEXT,     -- enrolment waiting for its first code
  totp_last_step      INTEGER,  -- replay guard: last accepted time step
  backup_codes        TEXT      -- hashed backup codes; NULL until issued
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
UPDATE users SET totp_pending_secret = totp_seal(totp_new_secret()) WHERE id = :id
RETURNING otpauth_uri(totp_pending_secret, email, 'ACME');
.output stdout
SELECT replace(CAST(readfile('enrol.txt') AS TEXT),
               'otpauth://totp/ACME:alice%40example.com?secret=' || totp_unseal(totp_pending_secret) || '&issuer=ACME' || char(10),
               '<otpauth://totp/ACME:alice%40example.com?secret=PENDING_SECRET&issuer=ACME>' || char(10))
  FROM users WHERE id = 1;
SELECT 'the pending secret is stored sealed (under k2025); 2FA is not on yet',
       totp_pending_secret LIKE 'totp:v1:%' AND totp_pending_secret GLOB 'totp:v1:k2025:*'
       AND length(totp_pending_secret) IS 78 AND instr(totp_pending_secret, totp_unseal(totp_pending_secret)) IS 0
       AND totp_secret IS NULL AND totp_last_step IS NULL
  FROM users WHERE id = 1;
SELECT 'the URI carries the secret itself: 32 base32 characters',
       length(totp_unseal(totp_pending_secret)) IS 32 AND totp_unseal(totp_pending_secret) NOT GLOB '*[^A-Z2-7]*'
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
SELECT 'the right code confirms: secret moved (still sealed), step recorded',
       totp_secret IS (SELECT secret FROM enrolled) AND totp_secret LIKE 'totp:v1:%' AND totp_pending_secret IS NULL
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
CREATE TEMP TABLE logged_in AS SELECT totp_last_step AS step, :code AS code FROM users WHERE id = 1;

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

-- Statement 4's output (the echoed statement and the codes) goes to a file and is shown with
-- the codes replaced by a placeholder, when they are 10 different codes 'xxxxx-xxxxx' of the
-- backup code alphabet; the app binds what it showed as :codes.
.parameter set :id 1
.output issued.txt
-- 4. Issue backup codes: show the codes once (the app binds them as :codes), store only the hash.
SELECT backup_codes_new();
.output stdout
CREATE TEMP TABLE issued AS
  WITH f(t) AS (SELECT CAST(readfile('issued.txt') AS TEXT)),
       s(rest) AS (SELECT substr(t, instr(t, char(10) || '[') + 1) FROM f)
  SELECT substr(rest, 1, instr(rest, char(10)) - 1) AS codes FROM s;
SELECT replace(CAST(readfile('issued.txt') AS TEXT), codes, '<10 backup codes>')
  FROM issued
 WHERE json_array_length(codes) IS 10
   AND (SELECT count(DISTINCT value) FROM json_each(codes)
         WHERE value GLOB '?????-?????' AND replace(value, '-', '') NOT GLOB '*[^0-9a-hjkmnp-tv-z]*') IS 10;
.parameter set :codes "(SELECT codes FROM issued)"
UPDATE users SET backup_codes = backup_codes_hash(:codes) WHERE id = :id;
SELECT 'only the hash is stored: 10 codes, none of them in the clear',
       backup_codes_remaining(backup_codes) IS 10
       AND NOT EXISTS (SELECT 1 FROM issued, json_each(issued.codes) AS j
                        WHERE instr(lower(users.backup_codes), substr(j.value, 1, 5))
                           OR instr(lower(users.backup_codes), substr(j.value, 7, 5)))
  FROM users WHERE id = 1;
SELECT 'the other user has none', backup_codes IS NULL FROM users WHERE id = 2;
CREATE TEMP TABLE hashed AS SELECT backup_codes AS stored FROM users WHERE id = 1;

-- 5. Log in with a backup code: each code works once; one PBKDF2 evaluation per attempt.
-- The first code shown: returns codes_left 9 once...
.parameter set :code "(SELECT json_extract(codes, '$[0]') FROM issued)"
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;
SELECT 'the stored set lost that code', backup_codes_remaining(backup_codes) IS 9
       AND consume_backup_code((SELECT stored FROM hashed), :code) IS backup_codes
  FROM users WHERE id = 1;
CREATE TEMP TABLE after_first AS SELECT backup_codes AS stored FROM users WHERE id = 1;

-- ...and the same code again returns nothing (no row), changing nothing.
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;
SELECT 'the same code again is refused', backup_codes IS (SELECT stored FROM after_first)
  FROM users WHERE id = 1;

-- A wrong code (well-formed, but not one of the 10) returns nothing (no row).
.parameter set :code "(SELECT value FROM json_each(backup_codes_new(2)) WHERE value NOT IN (SELECT j.value FROM issued, json_each(issued.codes) AS j) LIMIT 1)"
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;
SELECT 'a wrong code is refused', backup_codes IS (SELECT stored FROM after_first)
  FROM users WHERE id = 1;

-- The second code, typed in capitals without the separator: returns codes_left 8.
.parameter set :code "(SELECT upper(replace(json_extract(codes, '$[1]'), '-', '')) FROM issued)"
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;

-- A user without backup codes (NULL) never gets a row.
.parameter set :id 2
.parameter set :code "(SELECT json_extract(codes, '$[2]') FROM issued)"
BEGIN IMMEDIATE;
WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
COMMIT;
SELECT 'bob still has none', backup_codes IS NULL FROM users WHERE id = 2;

-- Statement 5 evaluates consume_backup_code (one PBKDF2) exactly once per attempt: in its
-- bytecode there is one call, inside a Once block (the MATERIALIZED CTE, computed once). The
-- naive UPDATE that calls it in WHERE and again in SET has two. The EXPLAIN output goes to
-- files (echo off, so that only the opcodes are in them) and is imported as tables.
.echo off
.explain off
.output plan_statement5.txt
EXPLAIN WITH c AS MATERIALIZED (
  SELECT consume_backup_code(backup_codes, :code) AS remaining FROM users WHERE id = :id)
UPDATE users SET backup_codes = c.remaining FROM c
 WHERE users.id = :id AND c.remaining IS NOT NULL
RETURNING backup_codes_remaining(backup_codes) AS codes_left;
.output plan_naive.txt
EXPLAIN UPDATE users SET backup_codes = consume_backup_code(backup_codes, :code) WHERE id = :id AND consume_backup_code(backup_codes, :code) IS NOT NULL;
.output stdout
.explain auto
.echo on
CREATE TEMP TABLE plan_statement5(addr INTEGER, opcode TEXT, p1 INTEGER, p2 INTEGER,
                                  p3 INTEGER, p4 TEXT, p5 INTEGER, comment TEXT);
CREATE TEMP TABLE plan_naive(addr INTEGER, opcode TEXT, p1 INTEGER, p2 INTEGER,
                             p3 INTEGER, p4 TEXT, p5 INTEGER, comment TEXT);
.import plan_statement5.txt plan_statement5
.import plan_naive.txt plan_naive
CREATE TEMP VIEW consume_calls AS
            SELECT 'statement 5' AS stmt, addr FROM plan_statement5
             WHERE opcode IN ('Function', 'PureFunc') AND p4 LIKE 'consume_backup_code(%'
  UNION ALL SELECT 'naive', addr FROM plan_naive
             WHERE opcode IN ('Function', 'PureFunc') AND p4 LIKE 'consume_backup_code(%';
SELECT 'the plans were read', (SELECT count(*) FROM plan_statement5 WHERE opcode = 'Halt') IS 1
       AND (SELECT count(*) FROM plan_naive WHERE opcode = 'Halt') IS 1;
SELECT 'statement 5 calls consume_backup_code once',
       count(*) IS 1 FROM consume_calls WHERE stmt = 'statement 5';
SELECT 'inside a Once block',
       EXISTS (SELECT 1 FROM consume_calls AS f, plan_statement5 AS o
                WHERE f.stmt = 'statement 5' AND o.opcode = 'Once'
                  AND o.addr < f.addr AND f.addr < o.p2);
SELECT 'the naive UPDATE calls it twice', count(*) IS 2 FROM consume_calls WHERE stmt = 'naive';


-- Secrets at rest, step 3: seal the secrets stored before sealing was switched on, with the
-- README's two UPDATEs. Carol has a plain secret, Dave a plain pending one (he began to
-- enrol before); Alice's is sealed already and Bob has none: those are left alone.
INSERT INTO users(id, email, totp_secret) VALUES (3, 'carol@example.com', totp_new_secret());
INSERT INTO users(id, email, totp_pending_secret) VALUES (4, 'dave@example.com', totp_new_secret());
CREATE TEMP TABLE plain AS SELECT id, totp_secret, totp_pending_secret FROM users;
UPDATE users SET totp_secret = totp_seal(totp_secret)
 WHERE totp_secret NOT LIKE 'totp:%';
UPDATE users SET totp_pending_secret = totp_seal(totp_pending_secret)
 WHERE totp_pending_secret NOT LIKE 'totp:%';
SELECT 'carol''s and dave''s secrets are sealed under k2025, and open to what they were',
       u.totp_secret GLOB 'totp:v1:k2025:*' AND totp_unseal(u.totp_secret) IS p.totp_secret
   AND (SELECT totp_pending_secret GLOB 'totp:v1:k2025:*'
               AND totp_unseal(totp_pending_secret) IS (SELECT totp_pending_secret FROM plain WHERE id = 4)
          FROM users WHERE id = 4)
  FROM users u JOIN plain p USING (id) WHERE id = 3;
SELECT 'alice''s sealed secret and bob''s NULLs are unchanged',
       (SELECT count(*) FROM users u JOIN plain p USING (id)
         WHERE id IN (1, 2) AND u.totp_secret IS p.totp_secret
           AND u.totp_pending_secret IS p.totp_pending_secret) IS 2;
CREATE TEMP TABLE sealed_once AS SELECT id, totp_secret, totp_pending_secret FROM users;
UPDATE users SET totp_secret = totp_seal(totp_secret)
 WHERE totp_secret NOT LIKE 'totp:%';
UPDATE users SET totp_pending_secret = totp_seal(totp_pending_secret)
 WHERE totp_pending_secret NOT LIKE 'totp:%';
SELECT 'run again, the UPDATEs change nothing',
       (SELECT count(*) FROM users u JOIN sealed_once s USING (id)
         WHERE u.totp_secret IS s.totp_secret AND u.totp_pending_secret IS s.totp_pending_secret) IS 4;

-- Step 4: rotate. The new key is appended to the file, and the connection reloads it (SQLite:
-- totp_keyring again; fixtures/keyring is keyring-old plus k2026), then the README's UPDATE.
SELECT totp_keyring('fixtures/keyring');
UPDATE users SET totp_secret = totp_reseal(totp_secret)
 WHERE totp_secret LIKE 'totp:%';
UPDATE users SET totp_pending_secret = totp_reseal(totp_pending_secret)
 WHERE totp_pending_secret LIKE 'totp:%';
SELECT 'alice''s and carol''s secrets are now under k2026, the same secrets',
       (SELECT count(*) FROM users u JOIN sealed_once s USING (id)
         WHERE id IN (1, 3) AND u.totp_secret GLOB 'totp:v1:k2026:*'
           AND totp_unseal(u.totp_secret) IS totp_unseal(s.totp_secret)) IS 2;
CREATE TEMP TABLE rotated AS SELECT id, totp_secret FROM users;
UPDATE users SET totp_secret = totp_reseal(totp_secret)
 WHERE totp_secret LIKE 'totp:%';
UPDATE users SET totp_pending_secret = totp_reseal(totp_pending_secret)
 WHERE totp_pending_secret LIKE 'totp:%';
SELECT 'run again, the rotation changes nothing',
       (SELECT count(*) FROM users u JOIN rotated r USING (id) WHERE u.totp_secret IS r.totp_secret) IS 4;
-- Alice's app shows the same codes as before, and the replay guard still holds: the code
-- she last logged in with is refused (no row).
SELECT 'alice''s codes are those of her k2025 value',
       totp_code(u.totp_secret, unixepoch()) IS totp_code(s.totp_secret, unixepoch())
   AND totp_code(u.totp_secret, 59) IS totp_code(s.totp_secret, 59)
  FROM users u JOIN sealed_once s USING (id) WHERE id = 1;
.parameter set :id 1
.parameter set :code "(SELECT code FROM logged_in)"
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
SELECT 'after rotation, alice''s last code is still refused', totp_last_step IS (SELECT step FROM logged_in)
  FROM users WHERE id = 1;

-- "Remove an old key from the file once no value uses it": the README's check...
SELECT count(*) FROM users
 WHERE totp_secret LIKE 'totp:v1:k2025:%' OR totp_pending_secret LIKE 'totp:v1:k2025:%';
-- ...must mean that nothing stored needs k2025 any more: the rotation reseals pending
-- secrets too (dave's, sealed by step 3), and the check looks at both columns.
SELECT 'no stored value needs k2025 any more, pending secrets included',
       count(*) IS 0 FROM users
 WHERE totp_secret LIKE 'totp:v1:k2025:%' OR totp_pending_secret LIKE 'totp:v1:k2025:%';
-- So the key is removed: the keyring file now holds k2026 alone.
SELECT 'keyring with k2026 only written',
       writefile('keyring-k2026', substr(CAST(readfile('fixtures/keyring') AS TEXT),
                                         instr(CAST(readfile('fixtures/keyring') AS TEXT), char(10) || 'k2026:') + 1)) > 0;
SELECT totp_keyring('keyring-k2026');
-- Carol logs in (statement 3) with her rotated secret: returns id 3.
.parameter set :id 3
.parameter set :code "(SELECT code_now FROM app WHERE id = 3)"
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_secret, :code, totp_last_step, 1, unixepoch()) IS NOT NULL
RETURNING id;
-- Dave confirms his enrolment (statement 2) with his app's code. Expected: returns id 4. (With
-- the README's rotation as it is, his pending secret still needs k2025: an error.)
.parameter set :id 4
.parameter set :code "(SELECT totp_code(totp_pending_secret, unixepoch()) FROM plain WHERE id = 4)"
UPDATE users
   SET totp_secret = totp_pending_secret,
       totp_pending_secret = NULL,
       totp_last_step = totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch())
 WHERE id = :id AND totp_verify_step(totp_pending_secret, :code, NULL, 1, unixepoch()) IS NOT NULL
RETURNING id;
