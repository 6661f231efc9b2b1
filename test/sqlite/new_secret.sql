-- new_secret: totp_new_secret([bytes]) returns `bytes` (16..64, default 20) CSPRNG bytes
-- as upper-case unpadded base32 that every other function accepts, different every call.
-- Only properties are printed: the values are random.
.load ./totp

SELECT printf('%d bytes: %d characters', bytes, chars), length(totp_new_secret(bytes)) IS chars
  FROM (SELECT 16 AS bytes, 26 AS chars UNION ALL SELECT 20, 32 UNION ALL SELECT 32, 52
        UNION ALL SELECT 64, 103);
SELECT 'default is 20 bytes', length(totp_new_secret()) IS 32;
SELECT 'bytes may be integer text', length(totp_new_secret('16')) IS 26;
SELECT 'result is text', typeof(totp_new_secret()) IS 'text';

CREATE TEMP TABLE secrets AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
  SELECT i, totp_new_secret() AS s, totp_new_secret(64) AS long_s FROM n;

SELECT 'only upper-case base32 characters, no padding',
       NOT EXISTS (SELECT 1 FROM secrets WHERE s GLOB '*[^A-Z2-7]*' OR long_s GLOB '*[^A-Z2-7]*');
SELECT '2000 + 2000 secrets, all different', count(DISTINCT s) + count(DISTINCT long_s) IS 4000
  FROM secrets;
SELECT 'two calls in one row differ', totp_new_secret() <> totp_new_secret();

-- All 32 symbols occur, in the first position too (whose 5 bits are all random).
WITH RECURSIVE alphabet(k, c) AS (
    SELECT 1, 'A'
    UNION ALL
    SELECT k + 1, substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', k + 1, 1) FROM alphabet WHERE k < 32)
SELECT 'every base32 symbol is used, also as the first character',
       (SELECT count(*) FROM alphabet
         WHERE EXISTS (SELECT 1 FROM secrets WHERE instr(s, c) > 0)
           AND EXISTS (SELECT 1 FROM secrets WHERE substr(s, 1, 1) = c)) IS 32;

-- The last character of an unpadded encoding carries unused bits, which must be zero: the
-- secret is already in the canonical form otpauth_uri re-encodes it to. 20 bytes end on a
-- full character; 16 bytes leave 2 spare bits (last symbol in A E I M Q U Y 4), 64 bytes 3.
SELECT 'secrets are canonical base32 (as otpauth_uri re-encodes them)',
       NOT EXISTS (SELECT 1 FROM secrets
                    WHERE otpauth_uri(s, 'a') IS NOT 'otpauth://totp/a?secret=' || s
                       OR otpauth_uri(long_s, 'a') IS NOT 'otpauth://totp/a?secret=' || long_s);
SELECT '16-byte secrets end in a symbol with the 2 spare bits zero',
       NOT EXISTS (SELECT 1 FROM (SELECT totp_new_secret(16) AS s FROM secrets)
                    WHERE substr(s, -1) NOT IN ('A','E','I','M','Q','U','Y','4'));

SELECT 'usable by every function',
       NOT EXISTS (SELECT 1 FROM secrets
                    WHERE hotp_code(s, 0) NOT GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'
                       OR totp_verify(s, totp_code(s, 1000), 1, 1000) IS NOT 1
                       OR totp_verify_step(long_s, totp_code(long_s, 1000), NULL, 1, 1000) IS NOT 33);

SELECT totp_new_secret(15);
SELECT totp_new_secret(65);
SELECT totp_new_secret(0);
SELECT totp_new_secret(-20);
