-- Secrets are RFC 4648 base32 decoded leniently: any case, spaces and hyphens
-- ignored, '=' padding optional, any valid length, key bytes used as they are
-- (0x00 included). Reference codes were computed independently (Python's
-- base64 + hmac) for HOTP counter 1 and TOTP at 1111111111 (SHA-1, 6 digits).
-- Malformed secrets are errors: see errors.sql.

CREATE TEMP TABLE key_vectors (what text, secret text, hotp_1 text, totp_1111111111 text);
INSERT INTO key_vectors VALUES
  ('10 bytes 00..09, 16 chars, the minimum', 'AAAQEAYEAUDAOCAJ', '672805', '347457'),
  ('10 zero bytes, 16 chars',                'AAAAAAAAAAAAAAAA', '812658', '762433'),
  ('16 bytes with 0x00 inside, 26 chars',    '32W353YAAAAADAD774ABAIBQIA', '931796', '363917'),
  ('20 bytes RFC seed, 32 chars',            'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', '050471'),
  ('32 bytes ending in 0x00, 52 chars',      'AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4AA', '045061', '095223'),
  ('1024 bytes, 1639 chars, the maximum',    repeat('GEZDGNBV', 204) || 'GY3TQOI', '184645', '491379');

SELECT what, length(secret) AS chars,
       hotp_code(secret, 1) = hotp_1 AS hotp_ok,
       totp_code(secret, to_timestamp(1111111111)) = totp_1111111111 AS totp_ok,
       hotp_verify(secret, hotp_1, 1) = 2 AS hotp_verify_ok,
       totp_verify(secret, totp_1111111111, 0, to_timestamp(1111111111)) AS totp_verify_ok
  FROM key_vectors
 ORDER BY length(secret);

-- Spellings of the same secrets: each must give the reference codes, verify
-- them, and appear canonical (upper case, unpadded) in the otpauth URI.
CREATE TEMP TABLE spellings (what text, spelled text, canonical text);
INSERT INTO spellings VALUES
  ('lower case',               'gezdgnbvgy3tqojqgezdgnbvgy3tqojq', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('mixed case',               'GeZdGnBvGy3tQoJqGeZdGnBvGy3tQoJq', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('groups of 4 with spaces',  'gezd gnbv gy3t qojq gezd gnbv gy3t qojq', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('groups with hyphens',      'GEZDGNBV-GY3TQOJQ-GEZDGNBV-GY3TQOJQ', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('spaces around',            '  GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ  ', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('26 chars padded to 32',    '32W353YAAAAADAD774ABAIBQIA======', '32W353YAAAAADAD774ABAIBQIA'),
  ('52 chars padded to 56',    'AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4AA====', 'AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4AA'),
  ('lower, spaced and padded', '32w3 53ya aaaa dad7 74ab aibq ia== ====', '32W353YAAAAADAD774ABAIBQIA'),
  ('16 chars in 4 groups',     'aaaq-eaye-audao-caj', 'AAAQEAYEAUDAOCAJ');

SELECT s.what,
       hotp_code(s.spelled, 1) = k.hotp_1 AS hotp_ok,
       totp_code(s.spelled, to_timestamp(1111111111)) = k.totp_1111111111 AS totp_ok,
       totp_verify(s.spelled, k.totp_1111111111, 0, to_timestamp(1111111111)) AS verify_ok,
       otpauth_uri(s.spelled, 'alice') = 'otpauth://totp/alice?secret=' || s.canonical AS uri_canonical
  FROM spellings s JOIN key_vectors k ON k.secret = s.canonical
 ORDER BY s.what;

-- Every key byte counts: keys that differ only after a 0x00 byte give
-- different codes (a C string would stop at the zero).
SELECT '0x00 does not end the key',
       hotp_code('AAAQEAYEAUDAOCAJ', 1) <> hotp_code('AAAQEAYEAUDAOCAK', 1);
