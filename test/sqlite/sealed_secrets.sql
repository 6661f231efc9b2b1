-- sealed_secrets: a secret sealed by totp_seal works in every function that takes a secret
-- exactly as the plain secret does; totp_unseal gives canonical base32; totp_seal makes a
-- fresh value each time; totp_reseal moves values to the newest key and leaves the others
-- alone; totp_keyring loads this connection's keyring and keeps the old one when it fails.
-- Every error, each with its message, which names the problem (and the keyring file and
-- line), never a key or a secret: run.sh fails the file if a message holds a fixture key,
-- 16+ hex digits, a secret or a piece of a sealed value.
--
-- Keyrings: ./fixtures is test/fixtures: keyring (k2025, k2026; k2026 seals), keyring-old
-- (k2025 only), keyring-wrong (the same k2025, a different k2026). Bad keyrings are written
-- here with the shell's writefile(). run.sh starts the file with TOTP_KEYRING unset; the
-- variable itself is keyring_env.sh's subject.
.load ./totp

-- Values sealed independently of this extension, with Python's cryptography (AESGCM, the
-- fixture keys, associated data "totp:v1:<key id>:", nonce 12 times the byte 1, 2, ...): the
-- RFC 4226/6238 seeds under k2025 and under k2026, ten 0x00 bytes, and the sha1 seed under
-- k2026 twice with one nonce: once with the right associated data (a control), once with
-- associated data naming k2025, to show that the key id is authenticated. That they open
-- proves the README's format, and that a value stored by an earlier build still opens.
CREATE TEMP TABLE fixed(name TEXT PRIMARY KEY, value TEXT);
INSERT INTO fixed VALUES
  ('sha1 k2025',   'totp:v1:k2025:AQEBAQEBAQEBAQEB5x76vTahD/MeUpamL+TxdP7EJ4Xat8AS6je7ewXLtB2r/UJ+'),
  ('sha256 k2025', 'totp:v1:k2025:AgICAgICAgICAgICebjcptN+XVCd5bCvgDwcFPkVWYJvmekQ7h9L9RjKZRTe3Jm0zRoyofDEk0ocAiki'),
  ('sha512 k2025', 'totp:v1:k2025:AwMDAwMDAwMDAwMDh6PPPaOYUWqWpPZcrbnTvmx3041lTCnKbrplFY4JxzSkIFAChNM/nbU4U8i4jx0FJmc/ZTV23ykiO1HiFEjg1bpu1BQLACQf5rJOyJZLp80='),
  ('sha1 k2026',   'totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f'),
  ('sha256 k2026', 'totp:v1:k2026:BQUFBQUFBQUFBQUFgEJIfJ8EWupRSfhMBHCibZ6OLh4hhLcYoK0tU4Xh4XvPFb+gVf6xqVOrCf06Z1eu'),
  ('sha512 k2026', 'totp:v1:k2026:BgYGBgYGBgYGBgYGVXiqyZyQ1zjPAwNCY50dTmtYBCC+AYVfrJAKA6O9PomFHH3kGiyDSa2/qe3ZOu1YEO5MS58R8HgttZqI/VH4JO+7/F4guaJJxDM7X20LynY='),
  ('zeros k2026',  'totp:v1:k2026:BwcHBwcHBwcHBwcHtHLPjfW9vGJg5E3E27rLiBMOX/VqUhxt3Lw='),
  ('control k2026', 'totp:v1:k2026:CAgICAgICAgICAgIb2bvUijDVE59didxTh6C1HbrRQj/B6NbG272o8LIa3PUWUj7'),
  ('aad k2025 labelled k2026', 'totp:v1:k2026:CAgICAgICAgICAgIb2bvUijDVE59didxTh6C1HbrRQibG2P+F6OEtCK5jhMixVPT');
CREATE TEMP VIEW f AS SELECT
  (SELECT value FROM fixed WHERE name = 'sha1 k2025') AS k2025,
  (SELECT value FROM fixed WHERE name = 'sha1 k2026') AS k2026;

-- The RFC seeds as base32 (see totp_rfc_vectors.sql), as their encoders pad them, and in
-- canonical form (upper case, no padding), which is what totp_unseal returns.
CREATE TEMP TABLE seed(algorithm TEXT PRIMARY KEY, plain TEXT, canonical TEXT);
INSERT INTO seed VALUES
  ('sha1',   'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('sha256', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====',
             'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA'),
  ('sha512', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=',
             'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA');

CREATE TEMP TABLE rfc6238(at INTEGER, algorithm TEXT, code TEXT);
INSERT INTO rfc6238 VALUES
  (59, 'sha1', '94287082'), (59, 'sha256', '46119246'), (59, 'sha512', '90693936'),
  (1111111109, 'sha1', '07081804'), (1111111109, 'sha256', '68084774'), (1111111109, 'sha512', '25091201'),
  (1111111111, 'sha1', '14050471'), (1111111111, 'sha256', '67062674'), (1111111111, 'sha512', '99943326'),
  (1234567890, 'sha1', '89005924'), (1234567890, 'sha256', '91819424'), (1234567890, 'sha512', '93441116'),
  (2000000000, 'sha1', '69279037'), (2000000000, 'sha256', '90698825'), (2000000000, 'sha512', '38618901'),
  (20000000000, 'sha1', '65353130'), (20000000000, 'sha256', '77737706'), (20000000000, 'sha512', '47863826');
CREATE TEMP TABLE rfc4226(counter INTEGER PRIMARY KEY, code TEXT);
INSERT INTO rfc4226 VALUES (0, '755224'), (1, '287082'), (2, '359152'), (3, '969429'),
  (4, '338314'), (5, '254676'), (6, '287922'), (7, '162583'), (8, '399871'), (9, '520489');


-- 1. No keyring yet. Plain secrets need none (totp_unseal of a plain secret included: it
-- returns the canonical spelling)...
SELECT 'plain secret, no keyring', totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59, 8) IS '94287082';
SELECT 'totp_unseal of a plain secret, no keyring: canonical base32',
       totp_unseal('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====') IS 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
-- ...a sealed one is an error that says how to configure a keyring, in every function...
SELECT totp_code(k2026, 59) FROM f;
SELECT totp_verify(k2026, '287082', 1, 59) FROM f;
SELECT totp_verify_step(k2026, '287082', NULL, 1, 59) FROM f;
SELECT hotp_code(k2026, 0) FROM f;
SELECT hotp_verify(k2026, '755224', 0) FROM f;
SELECT otpauth_uri(k2026, 'alice') FROM f;
SELECT totp_unseal(k2026) FROM f;
SELECT totp_reseal(k2026) FROM f;
-- ...and so is sealing.
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT totp_seal(k2026) FROM f;
-- totp_reseal of a plain secret says so before it looks for a keyring.
SELECT totp_reseal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');


-- 2. totp_keyring loads a keyring for this connection and returns the id of the key that
-- seals (the file's last). Its errors, and how a failure keeps the keyring loaded before:
-- section 8; that the keyring is the connection's: section 9.
SELECT totp_keyring('fixtures/keyring-old');
SELECT totp_keyring('fixtures/keyring');
SELECT 'sealing uses the last key', totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') GLOB 'totp:v1:k2026:*';


-- 3. Every function that takes a secret gives the same result for the plain secret and for
-- each sealed form of it: sealed by Python under k2025 and under k2026, sealed here (from the
-- padded and from a lower-case spaced spelling), and k2025's value resealed to k2026. One
-- row per function and form: its count of RFC vectors that came out right.
CREATE TEMP TABLE form(n INTEGER, form TEXT, algorithm TEXT, secret TEXT);
INSERT INTO form
  SELECT 1, 'plain', algorithm, plain FROM seed
  UNION ALL SELECT 2, 'sealed by Python, k2025', algorithm,
                   (SELECT value FROM fixed WHERE name = algorithm || ' k2025') FROM seed
  UNION ALL SELECT 3, 'sealed by Python, k2026', algorithm,
                   (SELECT value FROM fixed WHERE name = algorithm || ' k2026') FROM seed
  UNION ALL SELECT 4, 'sealed here', algorithm, totp_seal(plain) FROM seed
  UNION ALL SELECT 5, 'sealed here, lenient input', algorithm,
                   totp_seal(lower(substr(plain, 1, 8) || ' ' || substr(plain, 9))) FROM seed
  UNION ALL SELECT 6, 'resealed from k2025', algorithm,
                   totp_reseal((SELECT value FROM fixed WHERE name = algorithm || ' k2025')) FROM seed;
SELECT 'the sealed forms are sealed, the new ones under k2026',
       (SELECT count(*) FROM form WHERE n > 1 AND secret GLOB 'totp:v1:k202[56]:*') IS 15
   AND (SELECT count(*) FROM form WHERE n > 2 AND secret GLOB 'totp:v1:k2026:*') IS 12;

SELECT printf('totp_code, %s', f.form), sum(totp_code(f.secret, v.at, 8, 30, v.algorithm) IS v.code)
  FROM form f JOIN rfc6238 v USING (algorithm) GROUP BY f.n ORDER BY f.n;
SELECT printf('totp_code 6 digits, %s', f.form),
       sum(totp_code(f.secret, v.at, 6, 30, v.algorithm) IS substr(v.code, 3))
  FROM form f JOIN rfc6238 v USING (algorithm) GROUP BY f.n ORDER BY f.n;
SELECT printf('totp_verify, %s', f.form),
       sum(totp_verify(f.secret, v.code, 0, v.at, 8, 30, v.algorithm) IS 1
           AND totp_verify(f.secret, v.code, 1, v.at + 30, 8, 30, v.algorithm) IS 1
           AND totp_verify(f.secret, v.code, 1, v.at + 60, 8, 30, v.algorithm) IS 0)
  FROM form f JOIN rfc6238 v USING (algorithm) GROUP BY f.n ORDER BY f.n;
SELECT printf('totp_verify_step, %s', f.form),
       sum(totp_verify_step(f.secret, v.code, NULL, 1, v.at, 8, 30, v.algorithm) IS v.at / 30
           AND totp_verify_step(f.secret, v.code, v.at / 30 - 1, 1, v.at, 8, 30, v.algorithm) IS v.at / 30
           AND totp_verify_step(f.secret, v.code, v.at / 30, 1, v.at, 8, 30, v.algorithm) IS NULL)
  FROM form f JOIN rfc6238 v USING (algorithm) GROUP BY f.n ORDER BY f.n;
SELECT printf('hotp_code, %s', f.form), sum(hotp_code(f.secret, v.counter) IS v.code)
  FROM form f JOIN rfc4226 v WHERE f.algorithm = 'sha1' GROUP BY f.n ORDER BY f.n;
SELECT printf('hotp_verify, %s', f.form),
       sum(hotp_verify(f.secret, v.code, v.counter) IS v.counter + 1
           AND hotp_verify(f.secret, v.code, 0, 9) IS v.counter + 1
           AND hotp_verify(f.secret, v.code, v.counter + 1, 9) IS NULL)
  FROM form f JOIN rfc4226 v WHERE f.algorithm = 'sha1' GROUP BY f.n ORDER BY f.n;
-- HOTP with SHA-256 and SHA-512 has no RFC table: the plain secret's codes are the reference.
SELECT printf('hotp_code sha256/sha512 as for the plain secret, %s', f.form),
       sum(hotp_code(f.secret, v.counter, 8, f.algorithm) IS hotp_code(p.plain, v.counter, 8, f.algorithm)
           AND hotp_verify(f.secret, hotp_code(p.plain, v.counter, 8, f.algorithm), 0, 9, 8, f.algorithm)
               IS v.counter + 1)
  FROM form f JOIN seed p USING (algorithm) JOIN rfc4226 v
 WHERE f.algorithm <> 'sha1' GROUP BY f.n ORDER BY f.n;
-- otpauth_uri must give the app the secret itself: the canonical plain secret, whatever the
-- form (the enrol statement returns the URI of a sealed pending secret).
SELECT printf('otpauth_uri, %s', f.form),
       sum(otpauth_uri(f.secret, 'alice@example.com', 'ACME', 8, 60, f.algorithm)
           IS 'otpauth://totp/ACME:alice%40example.com?secret=' || p.canonical || '&issuer=ACME'
              || CASE f.algorithm WHEN 'sha1' THEN '' ELSE '&algorithm=' || upper(f.algorithm) END
              || '&digits=8&period=60'
           AND otpauth_uri(f.secret, 'alice@example.com', 'ACME', 8, 60, f.algorithm)
               IS otpauth_uri(p.plain, 'alice@example.com', 'ACME', 8, 60, f.algorithm))
  FROM form f JOIN seed p USING (algorithm) GROUP BY f.n ORDER BY f.n;
SELECT otpauth_uri(k2026, 'alice@example.com', 'ACME') FROM f;
-- The short arities, with the clock or the defaults, take sealed secrets too.
SELECT 'short arities with a sealed secret',
       totp_code(k2026, 59) IS '287082'
   AND totp_verify(k2026, totp_code(k2026)) IS 1
   AND totp_verify(k2026, totp_code(k2025, unixepoch()), 1) IS 1
   AND totp_verify_step(k2026, totp_code(k2025, unixepoch())) BETWEEN unixepoch() / 30 - 1 AND unixepoch() / 30 + 1
   AND totp_verify_step(k2026, '287082', NULL, 1, 59) IS 1
   AND hotp_code(k2026, 0) IS '755224'
   AND hotp_verify(k2026, '755 224', 0) IS 1
   AND hotp_verify(k2026, '755224', 1) IS NULL
   AND otpauth_uri(k2026, 'alice') IS 'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  FROM f;
-- A wrong or malformed code with a sealed secret is no match, never an error.
SELECT 'wrong and malformed codes are no match',
       totp_verify(k2026, '287083', 1, 59) IS 0 AND totp_verify(k2026, '28708x', 1, 59) IS 0
   AND totp_verify_step(k2026, '', NULL, 1, 59) IS NULL AND hotp_verify(k2026, '7552240', 0) IS NULL
  FROM f;
-- Ten 0x00 bytes: the shortest key, and a NUL is a key byte like any other.
SELECT 'sealed ten 0x00 bytes', totp_unseal(value) IS 'AAAAAAAAAAAAAAAA'
       AND hotp_code(value, 0) IS '328482' AND hotp_code(value, 0) IS hotp_code('AAAAAAAAAAAAAAAA', 0)
  FROM fixed WHERE name = 'zeros k2026';


-- 4. totp_unseal returns the secret in canonical base32 (upper case, no padding), whatever
-- the spelling it was sealed from.
SELECT printf('totp_unseal, %s %s', f.form, f.algorithm), totp_unseal(f.secret) IS p.canonical
  FROM form f JOIN seed p USING (algorithm) ORDER BY f.n, f.algorithm;
SELECT 'totp_unseal of a secret sealed from a lenient spelling',
       totp_unseal(totp_seal(' aebagbaf-aydqqcik bmga2dqpca====== ')) IS 'AEBAGBAFAYDQQCIKBMGA2DQPCA';


-- 5. totp_seal: 'totp:v1:<key id>:' then the base64 of a 12-byte nonce, the ciphertext (as
-- long as the key) and a 16-byte tag: 78 characters for a 20-byte key under k2026.
CREATE TEMP TABLE sealed AS SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') AS value;
SELECT 'shape: totp:v1:k2026: and 64 base64 characters (48 bytes)',
       value GLOB 'totp:v1:k2026:*' AND length(value) IS 78
   AND substr(value, 15) NOT GLOB '*[^A-Za-z0-9+/]*'
  FROM sealed;
SELECT 'the sealed value does not contain the secret', instr(value, 'GEZDGNBV') IS 0
       AND instr(upper(value), 'GEZDGNBV') IS 0 FROM sealed;
-- Length by key size (10, 16, 20, 32, 64, 1024 bytes): the key id prefix, then padded base64
-- of 28 + the key's bytes.
SELECT 'sealed lengths for 10, 16, 20, 32, 64, 1024-byte keys',
       length(totp_seal('GEZDGNBVGY3TQOJQ')), length(totp_seal('AEBAGBAFAYDQQCIKBMGA2DQPCA')),
       length(totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')),
       length(totp_seal('AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4QA')),
       length(totp_seal((SELECT plain FROM seed WHERE algorithm = 'sha512'))),
       length(totp_seal(replace(hex(zeroblob(1639)), '00', 'A')));
SELECT 'a sealed 1024-byte key opens whole',
       totp_unseal(totp_seal(replace(hex(zeroblob(1639)), '00', 'A'))) IS replace(hex(zeroblob(1638)), '00', 'A') || 'A'
   AND hotp_code(totp_seal(replace(hex(zeroblob(1639)), '00', 'A')), 0) IS '599555';
-- Fresh every time: a random nonce per call, so the same secret never seals to the same
-- value (nor reuses a nonce), and totp_seal is not constant-folded within a statement.
WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM n WHERE i < 200),
     s(value) AS MATERIALIZED (SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') FROM n)
SELECT '200 seals of one secret: 200 values, 200 nonces, all open to it',
       count(DISTINCT value) IS 200 AND count(DISTINCT substr(value, 15, 16)) IS 200
   AND sum(totp_unseal(value) IS 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') IS 200
  FROM s;
SELECT 'two calls in one expression differ',
       totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') IS NOT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
-- Sealing a sealed value opens it and seals the secret afresh under the newest key: one
-- layer, never a value inside a value.
SELECT 'totp_seal of a k2026 value: a new k2026 value of the same secret',
       totp_seal(k2026) GLOB 'totp:v1:k2026:*' AND length(totp_seal(k2026)) IS 78
   AND totp_seal(k2026) IS NOT k2026 AND totp_unseal(totp_seal(k2026)) IS totp_unseal(k2026)
  FROM f;
SELECT 'totp_seal of a k2025 value: moved to k2026',
       totp_seal(k2025) GLOB 'totp:v1:k2026:*' AND totp_unseal(totp_seal(k2025)) IS 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  FROM f;
SELECT 'totp_seal twice is still one layer',
       length(totp_seal(totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'))) IS 78;
-- What totp_seal refuses: what no function would accept as a secret.
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1');
SELECT totp_seal('GEZDGNBVGY3TQOA');
SELECT totp_seal('');
SELECT totp_seal(replace(hex(zeroblob(1640)), '00', 'A'));
SELECT totp_seal('TOTP:v1:k2026:AAAA');


-- 6. totp_reseal: k2025 values move to k2026; k2026 values come back unchanged (so the
-- README's rotation UPDATE can be rerun); a plain secret is an error (seal it instead).
SELECT 'totp_reseal k2025 -> k2026, same secret',
       totp_reseal(k2025) GLOB 'totp:v1:k2026:*' AND length(totp_reseal(k2025)) IS 78
   AND totp_unseal(totp_reseal(k2025)) IS 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
   AND totp_code(totp_reseal(k2025), 59, 8) IS '94287082'
  FROM f;
SELECT 'totp_reseal of a k2026 value: unchanged', totp_reseal(k2026) IS k2026 FROM f;
SELECT 'totp_reseal of a value sealed here: unchanged', totp_reseal(value) IS value FROM sealed;
WITH once AS MATERIALIZED (SELECT totp_reseal(k2025) AS r FROM f)
SELECT 'totp_reseal is idempotent', totp_reseal(r) IS r AND totp_reseal(totp_reseal(r)) IS r FROM once;
SELECT totp_reseal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT totp_reseal('gezd gnbv gy3t qojq gezd gnbv gy3t qojq');
-- An altered value under the newest key is not waved through as "already current".
SELECT totp_reseal(substr(k2026, 1, 77) || CASE substr(k2026, 78) WHEN 'A' THEN 'B' ELSE 'A' END) FROM f;
-- Under keyring-old (k2025 newest), k2025 values stay and k2026 ones cannot be opened.
SELECT totp_keyring('fixtures/keyring-old');
SELECT 'keyring-old: totp_reseal of a k2025 value: unchanged', totp_reseal(k2025) IS k2025 FROM f;
SELECT totp_reseal(k2026) FROM f;
-- The README's rotation: seal under k2025, append k2026 (load keyring), reseal.
CREATE TEMP TABLE rotated AS SELECT totp_seal('JBSWY3DPEHPK3PXP') AS before;
SELECT totp_keyring('fixtures/keyring');
SELECT 'rotation: sealed under k2025, resealed under k2026, same codes',
       before GLOB 'totp:v1:k2025:*' AND totp_reseal(before) GLOB 'totp:v1:k2026:*'
   AND hotp_code(totp_reseal(before), 7) IS hotp_code('JBSWY3DPEHPK3PXP', 7)
   AND hotp_code(before, 7) IS hotp_code('JBSWY3DPEHPK3PXP', 7)
  FROM rotated;


-- 7. Values that do not open. Every error is about the value, never its contents.
-- A key id the keyring lacks (22023 in PostgreSQL): k2026 under keyring-old, a made-up id.
SELECT totp_keyring('fixtures/keyring-old');
SELECT totp_code(k2026, 59) FROM f;
SELECT totp_unseal(k2026) FROM f;
SELECT totp_seal(k2026) FROM f;
SELECT 'keyring-old still opens k2025', totp_code(k2025, 59) IS '287082' FROM f;
SELECT totp_keyring('fixtures/keyring');
SELECT totp_code(replace(k2026, ':k2026:', ':k2099:'), 59) FROM f;
SELECT totp_code(replace(k2026, ':k2026:', ':K2026:'), 59) FROM f;
SELECT totp_code(replace(k2026, ':k2026:', ':' || replace(hex(zeroblob(16)), '00', 'ab') || ':'), 59) FROM f;

-- The wrong key (keyring-wrong's k2026): the tag does not match, in every function. A wrong
-- key is never "no match": totp_verify must not quietly say false.
SELECT totp_keyring('fixtures/keyring-wrong');
SELECT totp_code(k2026, 59) FROM f;
SELECT totp_verify(k2026, '287082', 1, 59) FROM f;
SELECT totp_verify_step(k2026, '287082', NULL, 1, 59) FROM f;
SELECT hotp_code(k2026, 0) FROM f;
SELECT hotp_verify(k2026, '755224', 0) FROM f;
SELECT otpauth_uri(k2026, 'alice') FROM f;
SELECT totp_unseal(k2026) FROM f;
SELECT totp_reseal(k2026) FROM f;
SELECT totp_seal(k2026) FROM f;
SELECT 'keyring-wrong: its k2025 is the right one', totp_code(k2025, 59) IS '287082' FROM f;
SELECT totp_keyring('fixtures/keyring');

-- Altered values: one character flipped in the nonce, the ciphertext or the tag; the key id
-- swapped (it is authenticated); the associated data of another key id (Python's value).
SELECT totp_code(substr(k2026, 1, 19) || CASE substr(k2026, 20, 1) WHEN 'A' THEN 'B' ELSE 'A' END || substr(k2026, 21), 59) FROM f;
SELECT totp_code(substr(k2026, 1, 39) || CASE substr(k2026, 40, 1) WHEN 'A' THEN 'B' ELSE 'A' END || substr(k2026, 41), 59) FROM f;
SELECT totp_code(substr(k2026, 1, 77) || CASE substr(k2026, 78, 1) WHEN 'A' THEN 'B' ELSE 'A' END, 59) FROM f;
SELECT totp_code(replace(k2026, ':k2026:', ':k2025:'), 59) FROM f;
SELECT totp_code(replace(k2025, ':k2025:', ':k2026:'), 59) FROM f;
SELECT 'control: the same bytes with the right associated data open',
       totp_code(value, 59) IS '287082' FROM fixed WHERE name = 'control k2026';
SELECT totp_code(value, 59) FROM fixed WHERE name = 'aad k2025 labelled k2026';
-- Truncated: by four characters (still well-formed base64: the tag is read from the wrong
-- place), by one (not base64), to less than a nonce, a 10-byte key and a tag, to nothing.
SELECT totp_code(substr(k2026, 1, 74), 59) FROM f;
SELECT totp_code(substr(k2026, 1, 77), 59) FROM f;
SELECT totp_code(substr(k2026, 1, 62), 59) FROM f;
SELECT totp_code('totp:v1:k2026:', 59);
-- Unknown format versions (the version is checked before anything after it).
SELECT totp_code(replace(k2026, 'totp:v1:', 'totp:v9:'), 59) FROM f;
SELECT totp_code(replace(k2026, 'totp:v1:', 'totp:v2:'), 59) FROM f;
SELECT totp_code(replace(k2026, 'totp:v1:', 'totp:V1:'), 59) FROM f;
SELECT totp_code(replace(k2026, 'totp:v1:', 'totp:v10:'), 59) FROM f;
SELECT totp_code('totp:v9:', 59);
-- Malformed: no version or key id, an empty or too long (33 characters) key id, an empty
-- payload, characters outside base64, whitespace, base64 padding in the middle.
SELECT totp_code('totp:', 59);
SELECT totp_code('totp:v1', 59);
SELECT totp_code('totp:v1:', 59);
SELECT totp_code('totp:v1:k2026', 59);
SELECT totp_code(replace(k2026, ':k2026:', '::'), 59) FROM f;
SELECT totp_code(replace(k2026, ':k2026:', ':' || replace(hex(zeroblob(33)), '00', 'k') || ':'), 59) FROM f;
SELECT totp_code(replace(k2026, ':k2026:', ':' || replace(hex(zeroblob(32)), '00', 'k') || ':'), 59) FROM f;
SELECT totp_code(substr(k2026, 1, 40) || '!' || substr(k2026, 42), 59) FROM f;
SELECT totp_code(k2026 || ' ', 59) FROM f;
SELECT totp_code(k2026 || char(10), 59) FROM f;
SELECT totp_code(substr(k2026, 1, 40) || '=' || substr(k2026, 42), 59) FROM f;
SELECT totp_code(k2026 || ':', 59) FROM f;
-- The same malformed value in every function that takes a secret.
SELECT totp_verify('totp:v1:k2026:', '287082', 1, 59);
SELECT totp_verify_step('totp:v1:k2026:', '287082', NULL, 1, 59);
SELECT hotp_code('totp:v1:k2026:', 0);
SELECT hotp_verify('totp:v1:k2026:', '755224', 0);
SELECT otpauth_uri('totp:v1:k2026:', 'alice');
SELECT totp_unseal('totp:v1:k2026:');
SELECT totp_reseal('totp:v1:k2026:');
SELECT totp_seal('totp:v1:k2026:');
-- Only a "totp:" prefix, exactly, marks a sealed value: anything else is base32, and ':' is
-- not base32.
SELECT totp_code(replace(k2026, 'totp:', 'TOTP:'), 59) FROM f;
SELECT totp_code(' ' || k2026, 59) FROM f;


-- 8. Keyring files. totp_keyring's errors name the file, where the path came from and the
-- line, never a key: files with a bad line of each kind (built from the fixture keys, so
-- that a message echoing the line would show one), a file with no keys, too many or too
-- large. After each failure the keyring loaded before stays in use.
SELECT totp_keyring('fixtures/keyring-old');
SELECT totp_keyring('missing');
SELECT totp_keyring('fixtures');
SELECT totp_keyring('');
SELECT totp_keyring('fixtures/keyring' || char(0) || 'x');
CREATE TEMP TABLE keyfile(name TEXT PRIMARY KEY, content TEXT);
INSERT INTO keyfile VALUES
  ('bad_no_colon', '# line 1' || char(10) || char(10)
     || 'k2025:cb61667c32a52350f87dd76712a3d1c8abc3019874db7f0b34f8f0048b35c430' || char(10)
     || 'k2026 315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df' || char(10)),
  ('bad_id_space', 'k 2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df' || char(10)),
  ('bad_id_empty', ':315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df' || char(10)),
  ('bad_id_long', replace(hex(zeroblob(33)), '00', 'k')
     || ':315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df' || char(10)),
  ('bad_not_hex', 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77dg' || char(10)),
  ('bad_nul', 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df' || char(10)
     || 'k2027:' || char(0) || '315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df'),
  ('bad_inline_comment', 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df # new' || char(10)),
  ('bad_length_short', 'k2025:cb61667c32a52350f87dd76712a3d1c8abc3019874db7f0b34f8f0048b35c430' || char(10)
     || 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77d' || char(10)),
  ('bad_length_long', 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df00' || char(10)),
  ('bad_length_none', 'k2026:' || char(10)),
  ('bad_duplicate', 'k2025:cb61667c32a52350f87dd76712a3d1c8abc3019874db7f0b34f8f0048b35c430' || char(10)
     || '# rotated' || char(10)
     || 'k2025:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df' || char(10)),
  ('no_keys_comments', '# no keys yet' || char(10) || char(10) || '   ' || char(10)),
  ('no_keys_file', ''),
  ('too_many', (WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM n WHERE i < 65)
                SELECT group_concat(printf('k%d:%064x', i, i), char(10)) FROM n)),
  ('too_large', 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df' || char(10)
     || '#' || substr(replace(hex(zeroblob(8200)), '0', '-'), 1, 16312) || char(10)),
  -- and what is accepted: CRLF line ends, blanks around a line, upper-case hex, no final
  -- newline, 64 keys, exactly 16384 bytes
  ('ok_crlf', '# CRLF' || char(13, 10) || '  k2025:CB61667C32A52350F87DD76712A3D1C8ABC3019874DB7F0B34F8F0048B35C430 ' || char(13, 10)
     || char(9) || 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df'),
  ('ok_64_keys', (WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM n WHERE i < 63)
                    SELECT group_concat(printf('k%d:%064x', i, i), char(10)) FROM n)
     || char(10) || 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df'),
  ('ok_16384_bytes', 'k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df' || char(10)
     || '#' || substr(replace(hex(zeroblob(8200)), '0', '-'), 1, 16311) || char(10));
SELECT 'keyring files written', sum(writefile(name, content) IS length(CAST(content AS BLOB))) IS count(*),
       (SELECT length(content) FROM keyfile WHERE name = 'too_large') IS 16385,
       (SELECT length(content) FROM keyfile WHERE name = 'ok_16384_bytes') IS 16384
  FROM keyfile;
SELECT totp_keyring('bad_no_colon');
SELECT totp_keyring('bad_id_space');
SELECT totp_keyring('bad_id_empty');
SELECT totp_keyring('bad_id_long');
SELECT totp_keyring('bad_not_hex');
SELECT totp_keyring('bad_nul');
SELECT totp_keyring('bad_inline_comment');
SELECT totp_keyring('bad_length_short');
SELECT totp_keyring('bad_length_long');
SELECT totp_keyring('bad_length_none');
SELECT totp_keyring('bad_duplicate');
SELECT totp_keyring('no_keys_comments');
SELECT totp_keyring('no_keys_file');
SELECT totp_keyring('too_many');
SELECT totp_keyring('too_large');
-- None of those replaced keyring-old: it still seals with k2025 and opens k2025 only.
SELECT 'after the failures, keyring-old is still in use',
       totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') GLOB 'totp:v1:k2025:*' AND totp_code(k2025, 59) IS '287082'
  FROM f;
SELECT totp_code(k2026, 59) FROM f;
SELECT totp_keyring('ok_crlf');
SELECT 'CRLF keyring: both keys', totp_code(k2025, 59) IS '287082' AND totp_code(k2026, 59) IS '287082' FROM f;
SELECT totp_keyring('ok_64_keys');
SELECT totp_keyring('ok_16384_bytes');
-- A keyring file is read when totp_keyring runs, not again: changing the file changes
-- nothing until totp_keyring is called again (SQLite's "reload").
SELECT totp_keyring('ok_crlf');
SELECT 'ok_crlf rewritten as keyring-old', writefile('ok_crlf', readfile('fixtures/keyring-old')) > 0;
SELECT 'the connection still has both keys and seals with k2026',
       totp_seal(k2025) GLOB 'totp:v1:k2026:*' AND totp_code(k2026, 59) IS '287082' FROM f;
SELECT totp_keyring('ok_crlf');
SELECT totp_code(k2026, 59) FROM f;


-- 9. The keyring belongs to the connection: a second connection of this process has none
-- until it loads one of its own, and its keyring does not change the first one's.
SELECT totp_keyring('fixtures/keyring');
.connection 1
.load ./totp
SELECT totp_code('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f', 59);
SELECT totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
SELECT totp_keyring('fixtures/keyring-old');
SELECT 'connection 1 seals with k2025', totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') GLOB 'totp:v1:k2025:*';
.connection 0
SELECT 'connection 0 still seals with k2026',
       totp_seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') GLOB 'totp:v1:k2026:*';
.connection close 1
-- .open closes this connection and opens a new one: the keyring goes with the old one.
.open :memory:
.load ./totp
SELECT totp_unseal('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f');
SELECT totp_keyring('fixtures/keyring');
SELECT 'after totp_keyring it opens',
       totp_unseal('totp:v1:k2026:BAQEBAQEBAQEBAQEMaA3LM4oUIeBwIFs6s++/aucH7n9PleiWitZRaDT2Zd0dc0f')
       IS 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';


-- 10. The longest keys, sealed: 1024 bytes (the maximum) and 500, in every function. A
-- sealed value is shorter than the key's base32 once the key is long (4/3 of 28 + n bytes
-- against 8/5 of n), and otpauth_uri must still give the whole URI. Last in this file, as
-- when this was written it crashed the shell: otp_uri_bufsize (core/uri.c) sizes the URI
-- from the length of the secret argument, not of its base32, so otp_uri wrote past the end
-- of its buffer ("malloc(): invalid size").
SELECT totp_keyring('fixtures/keyring');
CREATE TEMP TABLE long_key AS
  SELECT 1024 AS bytes, replace(hex(zeroblob(1639)), '00', 'A') AS plain
  UNION ALL SELECT 500, substr(replace(hex(zeroblob(800)), '00', 'AB'), 1, 800);
CREATE TEMP TABLE long_sealed AS SELECT bytes, plain, totp_seal(plain) AS sealed FROM long_key;
SELECT printf('%d-byte key: %d base32 characters, sealed in %d', bytes, length(plain), length(sealed)),
       totp_unseal(sealed) IS plain
   AND totp_code(sealed, 59, 8) IS totp_code(plain, 59, 8)
   AND totp_verify(sealed, totp_code(plain, 59), 0, 59) IS 1
   AND totp_verify_step(sealed, totp_code(plain, 59), NULL, 0, 59) IS 1
   AND hotp_code(sealed, 7, 8, 'sha512') IS hotp_code(plain, 7, 8, 'sha512')
   AND hotp_verify(sealed, hotp_code(plain, 3), 0, 5) IS 4
  FROM long_sealed ORDER BY bytes;
SELECT printf('otpauth_uri of the sealed %d-byte key is the plain key''s', bytes),
       otpauth_uri(sealed, 'alice') IS otpauth_uri(plain, 'alice')
   AND otpauth_uri(sealed, 'alice') IS 'otpauth://totp/alice?secret=' || plain
  FROM long_sealed ORDER BY bytes;
