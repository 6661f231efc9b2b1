-- totp_new_secret(bytes = 20): a fresh random secret from the CSPRNG as
-- upper-case unpadded base32. Its value is random, so only its shape is shown.

-- Length is ceil(bytes * 8 / 5) characters, over the whole allowed range.
SELECT bytes, length(totp_new_secret(bytes)) AS chars,
       length(totp_new_secret(bytes)) = ceil(bytes * 8 / 5.0) AS length_ok
  FROM unnest(ARRAY[16, 20, 32, 64]) AS bytes;
SELECT 'every size from 16 to 64 has the right length',
       bool_and(length(totp_new_secret(bytes)) = ceil(bytes * 8 / 5.0)), count(*) = 49
  FROM generate_series(16, 64) AS bytes;

-- Only the RFC 4648 alphabet, upper case, no padding.
SELECT 'alphabet is A-Z2-7 only',
       bool_and(totp_new_secret(bytes) ~ '^[A-Z2-7]+$')
  FROM generate_series(16, 64) AS bytes, generate_series(1, 20);

-- Fresh on every call, also twice in one statement: the function is VOLATILE
-- so it is not folded into one value.
SELECT 'two calls in one query differ', totp_new_secret() <> totp_new_secret();
SELECT 'one value per row', count(DISTINCT secret) = 1000
  FROM (SELECT totp_new_secret() AS secret FROM generate_series(1, 1000)) AS fresh;

-- The bits look random: over 1000 secrets of 20 bytes each of the 32
-- characters appears at each of the first 31 positions (the last holds 4
-- bits), and no character is far from its expected 1/32 share overall.
WITH chars AS (
  SELECT pos, substr(secret, pos, 1) AS c
    FROM (SELECT totp_new_secret() AS secret FROM generate_series(1, 1000)) AS fresh,
         generate_series(1, 32) AS pos
)
SELECT 'all 32 characters at every position',
       (SELECT bool_and(n = 32) FROM (SELECT count(DISTINCT c) AS n FROM chars WHERE pos < 32 GROUP BY pos) AS per_pos),
       'each character''s share within 1/100 of 1/32',
       (SELECT bool_and(abs(n / 31000.0 - 1 / 32.0) < 0.01) FROM (SELECT count(*) AS n FROM chars WHERE pos < 32 GROUP BY c) AS per_char);

-- A new secret is usable at once.
SELECT 'a new secret works with every function',
       totp_verify(s, totp_code(s)) AND hotp_verify(s, hotp_code(s, 7), 7) = 8
       AND otpauth_uri(s, 'alice') = 'otpauth://totp/alice?secret=' || s
  FROM (SELECT totp_new_secret() AS s) AS fresh;
