-- PostgreSQL side of the cross-engine test (run by run.sh in a pg_virtualenv cluster whose
-- totp.keyring is the test keyring, from a directory holding inputs.tsv and sealed.tsv): one
-- line "id<TAB>result" per row of inputs.tsv, in id order, where every secret that
-- sealed.tsv maps (secret<TAB>sealed value, sealed by the other engine; a header only for
-- the plain run) is replaced by its sealed value; then one line "u<n><TAB>unsealed<TAB>code"
-- per distinct secret (n in the secrets' byte order), and for a sealed one a line
-- "r<n><TAB>under k2026<TAB>totp_reseal leaves it as it is" (0/1). Writes every distinct
-- secret of inputs.tsv sealed by this engine to sealed_by_pg.tsv, in sealed.tsv's format.
-- Must stay parallel to sqlite.sql: same calls, times as to_timestamp(Unix seconds),
-- booleans as 0/1 and NULL as the text NULL. Runs more than once in one cluster.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SELECT 'CREATE DATABASE totp_cross TEMPLATE template0 ENCODING ''UTF8'' LC_COLLATE ''C'' LC_CTYPE ''C'''
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'totp_cross') \gexec
\c totp_cross
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS totp;

CREATE TEMP TABLE cases (
  id         int PRIMARY KEY,
  fn         text,
  secret     text,
  code       text,
  at         bigint,
  counter    bigint,
  after_step bigint,
  win        int,
  look_ahead int,
  digits     int,
  period     int,
  algorithm  text,
  account    text,
  issuer     text,
  note       text
);
-- CSV parsing with a quote character that never occurs: fields are taken as they are.
\copy cases FROM 'inputs.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\x01', NULL '\N')

-- The secrets as the other engine sealed them; `plain` keeps each row's own.
CREATE TEMP TABLE sealed (secret text PRIMARY KEY, value text NOT NULL);
\copy sealed FROM 'sealed.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\x01')
ALTER TABLE cases ADD COLUMN plain text;
UPDATE cases SET plain = secret;
UPDATE cases SET secret = sealed.value FROM sealed WHERE sealed.secret = cases.plain;

-- This engine's seals, one per distinct secret, for the other engine's sealed run.
\copy (SELECT plain, totp_seal(plain) FROM (SELECT DISTINCT plain FROM cases WHERE plain IS NOT NULL) AS d ORDER BY plain) TO 'sealed_by_pg.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\x01')

\pset format unaligned
\pset tuples_only on
SELECT id || E'\t' || coalesce(CASE fn
    WHEN 'hotp_code'          THEN hotp_code(secret, counter, digits, algorithm)
    WHEN 'hotp_code/2'        THEN hotp_code(secret, counter)
    WHEN 'hotp_verify'        THEN hotp_verify(secret, code, counter, look_ahead, digits, algorithm)::text
    WHEN 'hotp_verify/3'      THEN hotp_verify(secret, code, counter)::text
    WHEN 'totp_code'          THEN totp_code(secret, to_timestamp(at), digits, period, algorithm)
    WHEN 'totp_code/2'        THEN totp_code(secret, to_timestamp(at))
    WHEN 'totp_verify'        THEN totp_verify(secret, code, win, to_timestamp(at), digits, period, algorithm)::int::text
    WHEN 'totp_verify/4'      THEN totp_verify(secret, code, win, to_timestamp(at))::int::text
    WHEN 'totp_verify_step'   THEN totp_verify_step(secret, code, after_step, win, to_timestamp(at), digits, period, algorithm)::text
    WHEN 'totp_verify_step/5' THEN totp_verify_step(secret, code, after_step, win, to_timestamp(at))::text
    WHEN 'otpauth_uri'        THEN otpauth_uri(secret, account, issuer, digits, period, algorithm)
    WHEN 'otpauth_uri/2'      THEN otpauth_uri(secret, account)
    WHEN 'otpauth_uri/3'      THEN otpauth_uri(secret, account, issuer)
  END, 'NULL')
  FROM cases ORDER BY id;

-- Each distinct secret as this engine opens it, and what totp_reseal makes of a sealed one.
WITH d AS (SELECT DISTINCT plain, secret FROM cases WHERE plain IS NOT NULL),
     n AS (SELECT row_number() OVER (ORDER BY plain) AS n, secret FROM d)
SELECT line FROM (
  SELECT n, 1 AS k, 'u' || n || E'\t' || totp_unseal(secret) || E'\t'
                    || totp_code(secret, to_timestamp(1111111109), 8) AS line FROM n
  UNION ALL
  SELECT n, 2, 'r' || n || E'\t' || (secret LIKE 'totp:v1:k2026:%')::int || E'\t'
               || (totp_reseal(secret) = secret)::int FROM n WHERE secret LIKE 'totp:%'
) AS lines ORDER BY n, k;
