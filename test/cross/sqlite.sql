-- SQLite side of the cross-engine test (run by run.sh with the extension loaded and
-- TOTP_KEYRING naming the test keyring, from a directory holding inputs.tsv and sealed.tsv):
-- one line "id<TAB>result" per row of inputs.tsv, in id order, where every secret that
-- sealed.tsv maps (secret<TAB>sealed value, sealed by the other engine; a header only for
-- the plain run) is replaced by its sealed value; then one line "u<n><TAB>unsealed<TAB>code"
-- per distinct secret (n in the secrets' byte order), and for a sealed one a line
-- "r<n><TAB>under k2026<TAB>totp_reseal leaves it as it is" (0/1). Writes every distinct
-- secret of inputs.tsv sealed by this engine to sealed_by_sqlite.tsv, in sealed.tsv's format.
-- Must stay parallel to pg.sql: same calls, times as Unix seconds, NULL as the text NULL.
CREATE TABLE cases (
  id         INTEGER PRIMARY KEY,
  fn         TEXT,
  secret     TEXT,
  code       TEXT,
  at         INTEGER,
  counter    INTEGER,
  after_step INTEGER,
  win        INTEGER,
  look_ahead INTEGER,
  digits     INTEGER,
  period     INTEGER,
  algorithm  TEXT,
  account    TEXT,
  issuer     TEXT,
  note       TEXT
);
-- ascii mode with tab/newline separators: no quote processing, fields are taken as they are.
.mode ascii
.separator "\t" "\n"
.import --skip 1 inputs.tsv cases
UPDATE cases SET
  fn = nullif(fn, '\N'), secret = nullif(secret, '\N'), code = nullif(code, '\N'),
  at = nullif(at, '\N'), counter = nullif(counter, '\N'), after_step = nullif(after_step, '\N'),
  win = nullif(win, '\N'), look_ahead = nullif(look_ahead, '\N'), digits = nullif(digits, '\N'),
  period = nullif(period, '\N'), algorithm = nullif(algorithm, '\N'),
  account = nullif(account, '\N'), issuer = nullif(issuer, '\N'), note = nullif(note, '\N');

-- The secrets as the other engine sealed them; `plain` keeps each row's own.
CREATE TABLE sealed (secret TEXT PRIMARY KEY, value TEXT NOT NULL);
.import --skip 1 sealed.tsv sealed
ALTER TABLE cases ADD COLUMN plain TEXT;
UPDATE cases SET plain = secret;
UPDATE cases SET secret = sealed.value FROM sealed WHERE sealed.secret = cases.plain;

-- This engine's seals, one per distinct secret, for the other engine's sealed run (with a
-- header line, as PostgreSQL's \copy writes them).
.mode list
.output sealed_by_sqlite.tsv
SELECT 'secret' || char(9) || 'value';
SELECT plain || char(9) || totp_seal(plain)
  FROM (SELECT DISTINCT plain FROM cases WHERE plain IS NOT NULL) ORDER BY plain;
.output stdout

.mode list
SELECT id || char(9) || coalesce(CASE fn
    WHEN 'hotp_code'          THEN hotp_code(secret, counter, digits, algorithm)
    WHEN 'hotp_code/2'        THEN hotp_code(secret, counter)
    WHEN 'hotp_verify'        THEN hotp_verify(secret, code, counter, look_ahead, digits, algorithm)
    WHEN 'hotp_verify/3'      THEN hotp_verify(secret, code, counter)
    WHEN 'totp_code'          THEN totp_code(secret, at, digits, period, algorithm)
    WHEN 'totp_code/2'        THEN totp_code(secret, at)
    WHEN 'totp_verify'        THEN totp_verify(secret, code, win, at, digits, period, algorithm)
    WHEN 'totp_verify/4'      THEN totp_verify(secret, code, win, at)
    WHEN 'totp_verify_step'   THEN totp_verify_step(secret, code, after_step, win, at, digits, period, algorithm)
    WHEN 'totp_verify_step/5' THEN totp_verify_step(secret, code, after_step, win, at)
    WHEN 'otpauth_uri'        THEN otpauth_uri(secret, account, issuer, digits, period, algorithm)
    WHEN 'otpauth_uri/2'      THEN otpauth_uri(secret, account)
    WHEN 'otpauth_uri/3'      THEN otpauth_uri(secret, account, issuer)
  END, 'NULL')
  FROM cases ORDER BY id;

-- Each distinct secret as this engine opens it, and what totp_reseal makes of a sealed one.
WITH d AS (SELECT DISTINCT plain, secret FROM cases WHERE plain IS NOT NULL),
     n AS (SELECT row_number() OVER (ORDER BY plain) AS n, secret FROM d)
SELECT line FROM (
  SELECT n, 1 AS k, 'u' || n || char(9) || totp_unseal(secret) || char(9)
                    || totp_code(secret, 1111111109, 8) AS line FROM n
  UNION ALL
  SELECT n, 2, 'r' || n || char(9) || (secret GLOB 'totp:v1:k2026:*') || char(9)
               || (totp_reseal(secret) = secret) FROM n WHERE secret GLOB 'totp:*'
) ORDER BY n, k;
