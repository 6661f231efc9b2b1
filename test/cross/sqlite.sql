-- SQLite side of the cross-engine test (run by run.sh with the extension loaded, from a
-- directory holding inputs.tsv): one line "id<TAB>result" per row of inputs.tsv, in id order.
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
