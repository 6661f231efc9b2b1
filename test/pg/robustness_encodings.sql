-- Bytes that a UTF8 database refuses before any function sees them, run by
-- test/pg/robustness.sh in a SQL_ASCII database (which stores any byte but NUL: the functions
-- get invalid UTF-8) and in a LATIN1 one (otpauth_uri converts account and issuer to UTF-8;
-- every other argument is bytes). Same report format as test/pg/robustness.sql.

\pset format unaligned
\pset fieldsep ' | '
\pset footer off
\encoding UTF8
SET client_min_messages = warning;

\ir robustness_outcome.sql

CREATE TABLE robustness_encoding_cases (n serial, input text, call text);
INSERT INTO robustness_encoding_cases (input, call) VALUES
  ('account café (UTF-8 bytes)', 'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', E''caf\xc3\xa9'')'),
  ('account café and issuer Zürich, as text: the URI percent-encodes UTF-8',
   'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', convert_from(''\x636166c3a9''::bytea, ''UTF8''), convert_from(''\x5ac3bc72696368''::bytea, ''UTF8''))
      = ''otpauth://totp/Z%C3%BCrich:caf%C3%A9?secret=JBSWY3DPEHPK3PXPSENTINEL&issuer=Z%C3%BCrich'''),
  ('account with byte 0xff', 'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', E''alice\xff'')'),
  ('account of 1 MB of byte 0xff', 'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', repeat(E''\xff'', 1048576))'),
  ('issuer with a bad continuation byte', 'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', ''alice'', E''AC\xc3\x28ME'')'),
  ('account: a UTF-16 surrogate', 'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', E''\xed\xa0\x80'')'),
  ('account: an overlong /', 'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', E''\xc0\xaf'')'),
  ('account: past U+10FFFF', 'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', E''\xf4\x90\x80\x80'')'),
  ('account: a 4-byte sequence cut short', 'otpauth_uri(''JBSWY3DPEHPK3PXPSENTINEL'', E''a\xf0\x9f\x98'')'),
  ('secret with byte 0xff', 'totp_code(E''JBSWY3DPEHPK3PXPSENTINEL\xff'')'),
  ('secret with byte 0xa0 (no-break space in LATIN1)', 'totp_code(E''JBSWY3DP\xa0EHPK3PXPSENTINEL'')'),
  ('sealed secret with byte 0xff', 'totp_unseal(E''totp:v1:k2026:\xff'')'),
  ('secret to seal with byte 0xff', 'totp_seal(E''JBSWY3DP\xffEHPK3PXPSENTINEL'')'),
  ('algorithm with byte 0xff', 'totp_code(''JBSWY3DPEHPK3PXPSENTINEL'', now(), 6, 30, E''sha1\xff'')'),
  ('totp code with byte 0xff', 'totp_verify(''JBSWY3DPEHPK3PXPSENTINEL'', E''1357\xff9246'')'),
  ('hotp code of byte 0xff', 'hotp_verify(''JBSWY3DPEHPK3PXPSENTINEL'', E''\xff'', 0)'),
  ('backup code with byte 0xff', 'consume_backup_code(''totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw==,gTqYbJYxCtnHAdS54uzNeg==,XhBBAqwndCqntgJp0SzJ+A==,tL8QOOExiBXNrPEPRAwMpA==:1dYpuIkMjcV2'', E''zq7xk\xffw9m3t'')'),
  ('backup code to hash with byte 0xff', 'backup_codes_hash(ARRAY[E''zq7xk-w9m3\xff''])'),
  ('stored set with byte 0xff', 'backup_codes_remaining(E''totp-bc1:pbkdf2-sha256:1000:\xff'')'),
  ('otpauth_parse: issuer Zürich percent-encoded comes back as text',
   '(otpauth_parse(''otpauth://totp/Z%C3%BCrich:alice?secret=JBSWY3DPEHPK3PXPSENTINEL'')).issuer
      = convert_from(''\x5ac3bc72696368''::bytea, ''UTF8'')'),
  ('otpauth_parse: account U+4F8B, which LATIN1 lacks',
   'otpauth_parse(''otpauth://totp/%E4%BE%8B?secret=JBSWY3DPEHPK3PXPSENTINEL'')'),
  ('otpauth_parse: label with byte 0xff', 'otpauth_parse(E''otpauth://totp/a\xff?secret=JBSWY3DPEHPK3PXPSENTINEL'')'),
  ('otpauth_qr_text: half blocks, which LATIN1 lacks',
   'otpauth_qr_text(''otpauth://totp/alice?secret=JBSWY3DPEHPK3PXPSENTINEL'')'),
  ('otpauth_qr_svg: ASCII in every encoding',
   'otpauth_qr_svg(''otpauth://totp/alice?secret=JBSWY3DPEHPK3PXPSENTINEL'')');

RESET client_min_messages;

SELECT current_setting('server_encoding') AS server_encoding, input, o.outcome
  FROM robustness_encoding_cases, robustness_outcome(call) AS o
 ORDER BY n;

SELECT current_setting('server_encoding') AS server_encoding,
       'every call gives a documented error, NULL or a value of the documented form' AS invariant,
       bool_and(robustness_documented(o.outcome)) AS holds
  FROM robustness_encoding_cases, robustness_outcome(call) AS o
UNION ALL
SELECT current_setting('server_encoding'), 'no error text holds a sentinel',
       NOT EXISTS (SELECT FROM robustness_encoding_cases, robustness_outcome(call) AS o
                    WHERE o.error_text ~* '(SENTINEL|13579246|zq7xk|w9m3t|JBSWY3DP)');
