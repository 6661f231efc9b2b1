-- flags: pure functions are SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS, arities that omit `at`
-- read the clock and are not deterministic, totp_new_secret is SQLITE_DIRECTONLY. Shown by
-- PRAGMA function_list, then by what SQLite allows in schema objects.
.load ./totp

.headers on
SELECT name, narg,
       (flags & 0x800) <> 0    AS deterministic,
       (flags & 0x200000) <> 0 AS innocuous,
       (flags & 0x80000) <> 0  AS directonly
  FROM pragma_function_list
 WHERE name IN ('totp_new_secret', 'totp_code', 'totp_verify', 'totp_verify_step',
                'hotp_code', 'hotp_verify', 'otpauth_uri')
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

-- ...while the clock-reading arities and totp_new_secret are refused.
CREATE TABLE refused1(secret TEXT, code TEXT AS (totp_code(secret)));
CREATE TABLE refused2(secret TEXT, ok INTEGER AS (totp_verify(secret, '287082')));
CREATE TABLE refused3(secret TEXT, ok INTEGER AS (totp_verify(secret, '287082', 1)));
CREATE TABLE refused4(secret TEXT, step INTEGER AS (totp_verify_step(secret, '287082')));
CREATE TABLE refused5(secret TEXT, step INTEGER AS (totp_verify_step(secret, '287082', NULL, 1)));
CREATE TABLE refused6(secret TEXT, fresh TEXT AS (totp_new_secret()));
CREATE INDEX refused7 ON accepted(totp_code(secret));
CREATE INDEX refused8 ON accepted(secret) WHERE totp_verify(secret, '287082', 1);
CREATE INDEX refused9 ON accepted(secret) WHERE totp_new_secret() IS NOT NULL;

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

-- INNOCUOUS: with trusted_schema off, SQLite refuses functions in views and triggers unless
-- they are innocuous. Ours still work; fts5_source_id(), which is not innocuous, shows the
-- setting in effect.
PRAGMA trusted_schema = OFF;
SELECT 'innocuous: view with trusted_schema off', at_59 IS '287082' AND length(now) IS 6 FROM codes;
INSERT INTO logins(secret, code) VALUES ('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082');
SELECT 'innocuous: trigger with trusted_schema off', count(*) IS 2 AND min(step) IS 1 FROM logins;
CREATE VIEW not_innocuous AS SELECT fts5_source_id() IS NOT NULL AS x;
SELECT x FROM not_innocuous;
PRAGMA trusted_schema = ON;
