-- otpauth_uri: Google's Key Uri Format. Label "issuer:account" with both
-- parts percent-encoded as UTF-8 (%20 for space, never '+'; only RFC 3986
-- unreserved characters A-Z a-z 0-9 - . _ ~ left as they are), issuer
-- repeated as a query parameter, secret canonical (upper case, unpadded),
-- algorithm/digits/period only when they are not SHA1/6/30.
-- Each row: ok is t, and got_instead is empty unless the URI is wrong.

-- The non-ASCII cases below are written in UTF-8.
SELECT 'the database is UTF8', getdatabaseencoding() = 'UTF8';

CREATE TEMP TABLE uri_cases (what text, secret text, account text, issuer text,
                             digits int, period int, algorithm text, expected text);
INSERT INTO uri_cases VALUES
  ('no issuer (NULL)', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 6, 30, 'sha1',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP'),
  ('issuer in label and parameter', 'JBSWY3DPEHPK3PXP', 'alice@example.com', 'ACME', 6, 30, 'sha1',
   'otpauth://totp/ACME:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME'),
  ('space is %20 in both places', 'JBSWY3DPEHPK3PXP', 'Alice Smith', 'ACME Co', 6, 30, 'sha1',
   'otpauth://totp/ACME%20Co:Alice%20Smith?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co'),
  ('account : # ? / & % + encoded', 'JBSWY3DPEHPK3PXP', 'a:b#c?d/e&f%g+h', 'ACME', 6, 30, 'sha1',
   'otpauth://totp/ACME:a%3Ab%23c%3Fd%2Fe%26f%25g%2Bh?secret=JBSWY3DPEHPK3PXP&issuer=ACME'),
  ('issuer # ? / & % + = encoded', 'JBSWY3DPEHPK3PXP', 'alice', 'A#B?C/D&E%F+G=H', 6, 30, 'sha1',
   'otpauth://totp/A%23B%3FC%2FD%26E%25F%2BG%3DH:alice?secret=JBSWY3DPEHPK3PXP&issuer=A%23B%3FC%2FD%26E%25F%2BG%3DH'),
  ('non-ASCII as UTF-8 bytes', 'JBSWY3DPEHPK3PXP', 'josé 🔐', '日本', 6, 30, 'sha1',
   'otpauth://totp/%E6%97%A5%E6%9C%AC:jos%C3%A9%20%F0%9F%94%90?secret=JBSWY3DPEHPK3PXP&issuer=%E6%97%A5%E6%9C%AC'),
  ('unreserved characters kept', 'JBSWY3DPEHPK3PXP', 'Az09-._~', 'Az09-._~', 6, 30, 'sha1',
   'otpauth://totp/Az09-._~:Az09-._~?secret=JBSWY3DPEHPK3PXP&issuer=Az09-._~'),
  ('secret canonicalised', 'jbsw y3dp-ehpk 3pxp====', 'alice', NULL, 6, 30, 'sha1',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP'),
  ('26-char secret stays unpadded', '32w353yaaaaadad774abaibqia======', 'alice', NULL, 6, 30, 'sha1',
   'otpauth://totp/alice?secret=32W353YAAAAADAD774ABAIBQIA'),
  ('SHA1 in any case is the default', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 6, 30, 'SHA1',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP'),
  ('sha256', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 6, 30, 'sha256',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256'),
  ('Sha512', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 6, 30, 'Sha512',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA512'),
  ('digits 8', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 8, 30, 'sha1',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=8'),
  ('digits 7', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 7, 30, 'sha1',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=7'),
  ('period 60', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 6, 60, 'sha1',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=60'),
  ('period 1', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 6, 1, 'sha1',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=1'),
  ('period 3600', 'JBSWY3DPEHPK3PXP', 'alice', NULL, 6, 3600, 'sha1',
   'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=3600'),
  ('everything not default', 'JBSWY3DPEHPK3PXP', 'bob', 'ACME', 8, 60, 'sha512',
   'otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&issuer=ACME&algorithm=SHA512&digits=8&period=60');

SELECT what,
       otpauth_uri(secret, account, issuer, digits, period, algorithm) = expected AS ok,
       NULLIF(otpauth_uri(secret, account, issuer, digits, period, algorithm), expected) AS got_instead
  FROM uri_cases
 ORDER BY what;

-- Never a '+' for a space, nor any raw reserved or non-ASCII character left
-- in any of those URIs past "otpauth://totp/".
SELECT 'only unreserved characters, %XX, one ":" in the label, and ?&= as separators',
       bool_and(substr(otpauth_uri(secret, account, issuer, digits, period, algorithm), 16)
                ~ '^([A-Za-z0-9._~-]|%[0-9A-F]{2})+(:([A-Za-z0-9._~-]|%[0-9A-F]{2})+)?\?secret=[A-Z2-7]+(&[a-z]+=([A-Za-z0-9._~-]|%[0-9A-F]{2})+)*$')
  FROM uri_cases;

-- Percent-decoding the label gives back the issuer and the account exactly.
CREATE FUNCTION pg_temp.percent_decode(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT convert_from(string_agg(CASE WHEN m[1] IS NOT NULL THEN decode(substr(m[1], 2), 'hex')
                                      ELSE convert_to(m[2], 'UTF8') END, ''::bytea ORDER BY n), 'UTF8')
    FROM regexp_matches(s, '(%[0-9A-F]{2})|([^%])', 'g') WITH ORDINALITY AS t(m, n)
$$;
SELECT what,
       pg_temp.percent_decode(CASE WHEN label LIKE '%:%' THEN split_part(label, ':', 1) END)
         IS NOT DISTINCT FROM issuer AS label_issuer_ok,
       pg_temp.percent_decode(CASE WHEN label LIKE '%:%' THEN split_part(label, ':', 2) ELSE label END)
         = account AS label_account_ok,
       pg_temp.percent_decode(substring(uri FROM '&issuer=([^&]*)'))
         IS NOT DISTINCT FROM issuer AS issuer_parameter_ok
  FROM (SELECT what, account, issuer, uri,
               substring(uri FROM '^otpauth://totp/([^?]*)\?') AS label
          FROM (SELECT *, otpauth_uri(secret, account, issuer, digits, period, algorithm) AS uri
                  FROM uri_cases) AS c) AS u
 ORDER BY what;

-- In a database of another encoding the URI still carries UTF-8: é is
-- %C3%A9 from a LATIN1 database too.
\set regress_db :DBNAME
CREATE DATABASE regress_totp_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c regress_totp_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION totp;
SELECT 'LATIN1 database: UTF-8 in the URI',
       otpauth_uri('JBSWY3DPEHPK3PXP', 'josé', 'Café')
       = 'otpauth://totp/Caf%C3%A9:jos%C3%A9?secret=JBSWY3DPEHPK3PXP&issuer=Caf%C3%A9';
\c :regress_db
DROP DATABASE regress_totp_latin1;

-- In a SQL_ASCII database (no encoding checked on input) valid UTF-8 bytes
-- are encoded as they are, and an account or issuer that is not UTF-8 is
-- an error (the extension's own check, 22023, which keeps the statement
-- out of the log), not a broken URI.
CREATE DATABASE regress_totp_sql_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c regress_totp_sql_ascii
CREATE EXTENSION totp;
SELECT 'SQL_ASCII database: UTF-8 bytes kept',
       otpauth_uri('JBSWY3DPEHPK3PXP', convert_from('\x6a6f73c3a9', 'SQL_ASCII'), 'ACME')
       = 'otpauth://totp/ACME:jos%C3%A9?secret=JBSWY3DPEHPK3PXP&issuer=ACME';
DO $$
DECLARE
  latin1_e text := convert_from('\x6a6f73e9', 'SQL_ASCII');  -- 'josé' in LATIN1
BEGIN
  BEGIN
    PERFORM otpauth_uri('JBSWY3DPEHPK3PXP', latin1_e, 'ACME');
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'account not UTF-8: %: %', SQLSTATE, SQLERRM;
  END;
  BEGIN
    PERFORM otpauth_uri('JBSWY3DPEHPK3PXP', 'alice', latin1_e);
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'issuer not UTF-8: %: %', SQLSTATE, SQLERRM;
  END;
END
$$;
\c :regress_db
DROP DATABASE regress_totp_sql_ascii;
