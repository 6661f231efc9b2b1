-- flags: pure functions (consume_backup_code and backup_codes_remaining among them) are
-- SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS, arities that omit `at` read the clock and are not
-- deterministic, the secret generators totp_new_secret and backup_codes_new are
-- SQLITE_DIRECTONLY, and so are totp_keyring (reads a file) and totp_unseal (discloses a
-- secret); backup_codes_hash (a random salt), totp_seal and totp_reseal (a random nonce) are
-- none of the three. Shown by PRAGMA function_list, then by what SQLite allows in schema
-- objects.
.load ./totp
-- A keyring for the sealed secrets below (./fixtures is test/fixtures; see run.sh).
SELECT totp_keyring('fixtures/keyring');

-- A stored set of backup codes (k7m2q-x9trb, 01abc-def23, 10zzy-0x1w0) at cost 1000, so
-- that the statements below stay cheap; see backup_codes.sql.
CREATE TABLE fixed AS SELECT
  'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:FP1+fTAbtxXk'
  AS stored;

.headers on
SELECT name, narg,
       (flags & 0x800) <> 0    AS deterministic,
       (flags & 0x200000) <> 0 AS innocuous,
       (flags & 0x80000) <> 0  AS directonly
  FROM pragma_function_list
 WHERE name IN ('totp_new_secret', 'totp_code', 'totp_verify', 'totp_verify_step',
                'hotp_code', 'hotp_verify', 'otpauth_uri', 'backup_codes_new',
                'backup_codes_hash', 'consume_backup_code', 'backup_codes_remaining',
                'totp_keyring', 'totp_seal', 'totp_unseal', 'totp_reseal')
 ORDER BY name, narg;
.headers off

-- Generated columns, index expressions and partial indexes take deterministic functions
-- only: every function with an explicit `at` (or none to give) is accepted... (CHECK
-- constraints would prove nothing: SQLite allows non-deterministic functions in them.)
CREATE TABLE accepted(
  secret     TEXT,
  code_at_59 TEXT    AS (totp_code(secret, 59)),
  ok_at_59   INTEGER AS (totp_verify(secret, '287082', 1, 59)),
  step_at_59 INTEGER AS (totp_verify_step(secret, '287082', NULL, 1, 59)),
  hotp_0     TEXT    AS (hotp_code(secret, 0)),
  next_0     INTEGER AS (hotp_verify(secret, '755224', 0)),
  uri        TEXT    AS (otpauth_uri(secret, 'alice', 'ACME')));
INSERT INTO accepted(secret) VALUES ('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT 'generated columns computed',
       code_at_59 IS '287082' AND ok_at_59 IS 1 AND step_at_59 IS 1 AND hotp_0 IS '755224'
       AND next_0 IS 1 AND uri GLOB 'otpauth://totp/ACME:alice?secret=*'
  FROM accepted;
CREATE INDEX accepted_code ON accepted(totp_code(secret, 59, 8));
CREATE INDEX accepted_partial ON accepted(secret) WHERE totp_verify(secret, '287082', 1, 59);
SELECT 'the expression index is used and finds the row',
       (SELECT count(*) FROM accepted INDEXED BY accepted_code
         WHERE totp_code(secret, 59, 8) = '94287082') IS 1;
CREATE TABLE accepted_backup(
  stored    TEXT,
  remaining INTEGER AS (backup_codes_remaining(stored)),
  after_one TEXT    AS (consume_backup_code(stored, 'k7m2q-x9trb')));
INSERT INTO accepted_backup(stored) SELECT stored FROM fixed;
SELECT 'backup code generated columns computed',
       remaining IS 3 AND backup_codes_remaining(after_one) IS 2 FROM accepted_backup;
CREATE INDEX accepted_backup_remaining ON accepted_backup(backup_codes_remaining(stored));
CREATE INDEX accepted_backup_partial ON accepted_backup(stored)
  WHERE consume_backup_code(stored, 'k7m2q-x9trb') IS NOT NULL;
SELECT 'the backup code expression index is used and finds the row',
       (SELECT count(*) FROM accepted_backup INDEXED BY accepted_backup_remaining
         WHERE backup_codes_remaining(stored) = 3) IS 1;

-- ...while the clock-reading arities and the random ones are refused.
CREATE TABLE refused1(secret TEXT, code TEXT AS (totp_code(secret)));
CREATE TABLE refused2(secret TEXT, ok INTEGER AS (totp_verify(secret, '287082')));
CREATE TABLE refused3(secret TEXT, ok INTEGER AS (totp_verify(secret, '287082', 1)));
CREATE TABLE refused4(secret TEXT, step INTEGER AS (totp_verify_step(secret, '287082')));
CREATE TABLE refused5(secret TEXT, step INTEGER AS (totp_verify_step(secret, '287082', NULL, 1)));
CREATE TABLE refused6(secret TEXT, fresh TEXT AS (totp_new_secret()));
CREATE INDEX refused7 ON accepted(totp_code(secret));
CREATE INDEX refused8 ON accepted(secret) WHERE totp_verify(secret, '287082', 1);
CREATE INDEX refused9 ON accepted(secret) WHERE totp_new_secret() IS NOT NULL;
CREATE TABLE refused10(id INTEGER, codes TEXT AS (backup_codes_new()));
CREATE TABLE refused11(codes TEXT, stored TEXT AS (backup_codes_hash(codes)));
CREATE INDEX refused12 ON accepted_backup(backup_codes_hash('[]'));
CREATE INDEX refused13 ON accepted_backup(stored) WHERE backup_codes_new(1) IS NOT NULL;
-- totp_seal and totp_reseal draw a random nonce: a generated column or an index of them
-- would change each time it is computed. totp_unseal and totp_keyring are refused as well.
CREATE TABLE refused14(secret TEXT, sealed TEXT AS (totp_seal(secret)));
CREATE TABLE refused15(sealed TEXT, resealed TEXT AS (totp_reseal(sealed)));
CREATE INDEX refused16 ON accepted(totp_seal(secret));
CREATE INDEX refused17 ON accepted(secret) WHERE totp_reseal(secret) IS NOT NULL;
CREATE TABLE refused18(sealed TEXT, plain TEXT AS (totp_unseal(sealed)));
CREATE INDEX refused19 ON accepted(totp_unseal(secret));
CREATE TABLE refused20(path TEXT, key_id TEXT AS (totp_keyring(path)));

-- DIRECTONLY: totp_new_secret works in a top-level statement, but not from a DEFAULT, a view
-- or a trigger, where it would mint secrets behind the user's back.
SELECT 'totp_new_secret at top level', length(totp_new_secret()) IS 32;
CREATE TABLE enrol(id INTEGER PRIMARY KEY, pending TEXT DEFAULT (totp_new_secret()));
INSERT INTO enrol(id) VALUES (1);
CREATE VIEW fresh_secret AS SELECT totp_new_secret() AS secret;
SELECT secret FROM fresh_secret;
CREATE TABLE audit(id INTEGER, secret TEXT);
CREATE TRIGGER mint AFTER INSERT ON audit BEGIN
  UPDATE audit SET secret = totp_new_secret() WHERE id = new.id;
END;
INSERT INTO audit(id) VALUES (1);
SELECT 'the INSERT that would fire it was refused', count(*) IS 0 FROM audit;
DROP TRIGGER mint;

-- The same for backup_codes_new: it mints the plaintext codes.
SELECT 'backup_codes_new at top level', json_array_length(backup_codes_new()) IS 10;
CREATE TABLE issue(id INTEGER PRIMARY KEY, codes TEXT DEFAULT (backup_codes_new()));
INSERT INTO issue(id) VALUES (1);
CREATE VIEW fresh_codes AS SELECT backup_codes_new() AS codes;
SELECT codes FROM fresh_codes;
CREATE TRIGGER mint_codes AFTER INSERT ON audit BEGIN
  UPDATE audit SET secret = backup_codes_new() WHERE id = new.id;
END;
INSERT INTO audit(id) VALUES (1);
SELECT 'the INSERT that would fire it was refused', count(*) IS 0 FROM audit;
DROP TRIGGER mint_codes;

-- totp_unseal discloses a sealed secret, and totp_keyring reads a file and replaces the
-- connection's keys: they work in a top-level statement only. A schema must not unseal
-- secrets into a view, nor swap in a keyring of its own.
CREATE TABLE sealed_users(id INTEGER PRIMARY KEY, secret TEXT, plain TEXT);
INSERT INTO sealed_users(id, secret)
  VALUES (1, 'totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f');
SELECT 'totp_unseal at top level', totp_unseal(secret) IS 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  FROM sealed_users;
SELECT 'totp_keyring at top level', totp_keyring('fixtures/keyring') IS 'k2026';
CREATE TABLE unseal_default(id INTEGER PRIMARY KEY, plain TEXT DEFAULT
  (totp_unseal('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f')));
INSERT INTO unseal_default(id) VALUES (1);
CREATE TABLE keyring_default(id INTEGER PRIMARY KEY, key_id TEXT DEFAULT
  (totp_keyring('fixtures/keyring-wrong')));
INSERT INTO keyring_default(id) VALUES (1);
CREATE VIEW unsealed AS SELECT id, totp_unseal(secret) AS plain FROM sealed_users;
SELECT plain FROM unsealed;
CREATE VIEW keyring_view AS SELECT totp_keyring('fixtures/keyring-wrong') AS key_id;
SELECT key_id FROM keyring_view;
CREATE TRIGGER unseal_on_update AFTER UPDATE OF secret ON sealed_users BEGIN
  UPDATE sealed_users SET plain = totp_unseal(new.secret) WHERE id = new.id;
END;
UPDATE sealed_users SET secret = secret WHERE id = 1;
DROP TRIGGER unseal_on_update;
CREATE TRIGGER keyring_on_insert AFTER INSERT ON audit BEGIN
  SELECT totp_keyring('fixtures/keyring-wrong');
END;
INSERT INTO audit(id) VALUES (1);
DROP TRIGGER keyring_on_insert;
SELECT 'nothing was unsealed into the table, and no row went in',
       (SELECT count(*) FROM sealed_users WHERE plain IS NOT NULL) IS 0
   AND (SELECT count(*) FROM unseal_default) IS 0 AND (SELECT count(*) FROM keyring_default) IS 0
   AND (SELECT count(*) FROM audit) IS 0;
SELECT 'the keyring is still fixtures/keyring (keyring-wrong would not open k2026)',
       totp_code(secret, 59) IS '287082' FROM sealed_users;

-- totp_seal and totp_reseal only encrypt what they are given, so they are not DIRECTONLY: a
-- trigger may seal what the application stores (trusted_schema off refuses them: below).
CREATE TABLE sealing(id INTEGER PRIMARY KEY, secret TEXT);
CREATE TRIGGER seal_on_insert AFTER INSERT ON sealing BEGIN
  UPDATE sealing SET secret = totp_seal(new.secret) WHERE id = new.id;
END;
INSERT INTO sealing VALUES (1, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT 'totp_seal in a trigger', secret GLOB 'totp:v1:k2026:*' AND totp_code(secret, 59) IS '287082'
  FROM sealing;
CREATE VIEW resealed AS
  SELECT totp_reseal('totp:v1:k2025:AQEBAQEBAQEBAQEB5x76vTahD/MeUpamL+TxdP7EJ4Xat8AS6je7ewXLtB2r/UJ+') AS secret;
SELECT 'totp_reseal in a view', secret GLOB 'totp:v1:k2026:*' FROM resealed;
-- The pure functions open sealed secrets in views and triggers like plain ones.
CREATE VIEW sealed_codes AS SELECT totp_code(secret, 59) AS at_59 FROM sealed_users;
SELECT 'pure function on a sealed secret in a view', at_59 IS '287082' FROM sealed_codes;

-- backup_codes_hash only hashes what it is given, so it is not DIRECTONLY: it works in a
-- view and a trigger (the empty list keeps it cheap).
CREATE VIEW hash_view AS SELECT backup_codes_hash('[]') AS stored;
SELECT 'backup_codes_hash in a view', backup_codes_remaining(stored) IS 0 FROM hash_view;
CREATE TABLE issued(id INTEGER, codes TEXT, stored TEXT);
CREATE TRIGGER hash_codes AFTER INSERT ON issued BEGIN
  UPDATE issued SET stored = backup_codes_hash(codes) WHERE id = new.id;
END;
INSERT INTO issued(id, codes) VALUES (1, '[]');
SELECT 'backup_codes_hash in a trigger', backup_codes_remaining(stored) IS 0 FROM issued;

-- The pure functions work in views and triggers, clock-reading arities included.
CREATE VIEW codes AS
  SELECT totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59) AS at_59,
         totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') AS now;
SELECT 'pure functions in a view', at_59 IS '287082' AND length(now) IS 6 FROM codes;
CREATE TABLE logins(secret TEXT, code TEXT, step INTEGER);
CREATE TRIGGER check_code AFTER INSERT ON logins BEGIN
  UPDATE logins SET step = totp_verify_step(secret, code, NULL, 1, 59) WHERE rowid = new.rowid;
END;
INSERT INTO logins(secret, code) VALUES ('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082');
SELECT 'pure function in a trigger', step IS 1 FROM logins;
CREATE VIEW backup AS
  SELECT backup_codes_remaining(stored) AS remaining,
         backup_codes_remaining(consume_backup_code(stored, 'k7m2q-x9trb')) AS after_one
    FROM fixed;
SELECT 'backup code functions in a view', remaining IS 3 AND after_one IS 2 FROM backup;
CREATE TABLE backup_logins(stored TEXT, code TEXT, after TEXT);
CREATE TRIGGER consume_code AFTER INSERT ON backup_logins BEGIN
  UPDATE backup_logins SET after = consume_backup_code(stored, code) WHERE rowid = new.rowid;
END;
INSERT INTO backup_logins(stored, code) SELECT stored, '01abc-def23' FROM fixed;
SELECT 'backup code function in a trigger', backup_codes_remaining(after) IS 2 FROM backup_logins;

-- INNOCUOUS: with trusted_schema off, SQLite refuses functions in views and triggers unless
-- they are innocuous. Ours still work; fts5_source_id(), which is not innocuous, shows the
-- setting in effect.
PRAGMA trusted_schema = OFF;
SELECT 'innocuous: view with trusted_schema off', at_59 IS '287082' AND length(now) IS 6 FROM codes;
INSERT INTO logins(secret, code) VALUES ('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082');
SELECT 'innocuous: trigger with trusted_schema off', count(*) IS 2 AND min(step) IS 1 FROM logins;
SELECT 'innocuous: backup code view with trusted_schema off', remaining IS 3 AND after_one IS 2
  FROM backup;
INSERT INTO backup_logins(stored, code) SELECT stored, '10zzy-0x1w0' FROM fixed;
SELECT 'innocuous: backup code trigger with trusted_schema off',
       count(*) IS 2 AND sum(backup_codes_remaining(after)) IS 4 FROM backup_logins;
CREATE VIEW not_innocuous AS SELECT fts5_source_id() IS NOT NULL AS x;
SELECT x FROM not_innocuous;
-- backup_codes_hash is not innocuous (it reads the CSPRNG), so the same setting refuses it.
SELECT stored FROM hash_view;
INSERT INTO issued(id, codes) VALUES (2, '[]');
SELECT 'the INSERT that would fire it was refused', count(*) IS 1 FROM issued;
-- Nor are totp_seal and totp_reseal (a random nonce); the pure functions still open sealed
-- secrets.
SELECT 'innocuous: sealed secret in a view with trusted_schema off', at_59 IS '287082' FROM sealed_codes;
SELECT secret FROM resealed;
INSERT INTO sealing VALUES (2, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT 'the INSERT that would fire it was refused', count(*) IS 1 FROM sealing;
PRAGMA trusted_schema = ON;
