-- PostgreSQL side of the cross-engine test (run by run.sh in a pg_virtualenv cluster, from a
-- directory holding inputs.tsv): one line "id<TAB>result" per row of inputs.tsv, in id order.
-- Must stay parallel to sqlite.sql: same calls, times as to_timestamp(Unix seconds),
-- booleans as 0/1 and NULL as the text NULL.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE DATABASE totp_cross TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
\c totp_cross
SET client_min_messages = warning;
CREATE EXTENSION totp;

CREATE TABLE cases (
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
