-- Sealed secrets: totp_seal, totp_reseal, totp_unseal, and every function
-- that takes a secret given a sealed one, with the keyrings of test/fixtures.
-- test/pg/run.sh copies them into a directory only the server can read and
-- starts the cluster with totp.keyring = '<dir>/keyring' (k2025, k2026;
-- k2026 seals); keyring-old (k2025 only) and keyring-wrong (k2025, and a
-- different k2026) lie beside it, and this test writes its own keyrings
-- there, as the server (lo_export). The directory is random, so it is shown
-- as $KEYRINGS/. The keyring is switched with ALTER SYSTEM and a reload, as
-- the README does, and put back at the end for the tests that follow.
--
-- Values sealed once by totp_seal (and opened independently with Python's
-- cryptography AESGCM, as totp:v1:<id>:base64(nonce | ciphertext | tag) with
-- "totp:v1:<id>:" as associated data) are embedded, so that a change of the
-- format cannot pass unnoticed.

CREATE TEMP TABLE keyrings AS
SELECT regexp_replace(current_setting('totp.keyring'), '[^/]*$', '') AS dir;
SELECT 'the harness points totp.keyring at the fixture keyring',
       current_setting('totp.keyring') ~ '^/.+/keyring$';
SELECT dir AS keyrings FROM keyrings \gset
\set keyring :keyrings keyring
\set keyring_old :keyrings keyring-old
\set keyring_wrong :keyrings keyring-wrong
\set keyring_live :keyrings live

-- The RFC 4226/6238 secret: plain, sealed under k2025 and k2026 of the
-- fixture keyring, and under the other k2026 of keyring-wrong; and the
-- 10-byte secret of zeros under k2026 (its base64 is padded).
CREATE TEMP TABLE vectors (name text PRIMARY KEY, value text NOT NULL);
INSERT INTO vectors VALUES
  ('plain', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('k2025', 'totp:v1:k2025:6DUbgSZgVYvsJ6/9ZZKDs56vRpq8Pf2kqqh0Kmvf9OPnbbnxKGHw6Qi2ZQ435Wf4'),
  ('k2026', 'totp:v1:k2026:s9X3aWHkgmmRPx2LixdSMHQbWv9EHpZqjS/bUanw1EEm9bta6SIT/g7Xq3+dIj7q'),
  ('wrong k2026', 'totp:v1:k2026:virRUJruCZAG2iyiUBVddbxrctUzf8ZGm8p5wmtVr/4gOFpxhLxYAIBYOPteEHFX'),
  ('zeros k2026', 'totp:v1:k2026:CvvhkgHx0F/M5rJFMzlfw5vMFt6nG8RsRS2+PArpDEbIiPDtv2Y=');
SELECT value AS plain FROM vectors WHERE name = 'plain' \gset
SELECT value AS k2025 FROM vectors WHERE name = 'k2025' \gset
SELECT value AS k2026 FROM vectors WHERE name = 'k2026' \gset
SELECT value AS wrong_k2026 FROM vectors WHERE name = 'wrong k2026' \gset

-- SQLSTATE and message of the error a query raises (or 'no error'), its
-- hint, and the whole error text (message, detail, hint) for the checks
-- that it holds no secret and no key; the keyring directory as $KEYRINGS/.
CREATE FUNCTION pg_temp.error_of(query text, OUT error text, OUT hint text, OUT error_text text)
LANGUAGE plpgsql AS $$
DECLARE
  dir text := (SELECT k.dir FROM keyrings k);
  message text;
  detail text;
BEGIN
  EXECUTE query;
  error := 'no error';
  hint := '';
  error_text := '';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
                          hint = PG_EXCEPTION_HINT;
  error := SQLSTATE || ': ' || replace(message, dir, '$KEYRINGS/');
  hint := coalesce(hint, '');
  error_text := replace(concat_ws(' ', message, detail, hint), dir, '$KEYRINGS/');
END
$$;

-- True when an error text holds nothing secret: no run of 12 hex digits (a
-- key, or a piece of one), no piece of the secret, no base64 of a sealed value.
CREATE FUNCTION pg_temp.clean(error_text text) RETURNS boolean
LANGUAGE sql AS $$
  SELECT error_text !~ '[0-9A-Fa-f]{12}' AND error_text !~ '[A-Z2-7]{12}'
     AND error_text !~ '[A-Za-z0-9+/]{16}'
$$;

-- totp.keyring as this backend sees it, with the directory as $KEYRINGS/.
CREATE FUNCTION pg_temp.keyring() RETURNS text
LANGUAGE sql AS $$
  SELECT replace(current_setting('totp.keyring'), dir, '$KEYRINGS/') FROM keyrings
$$;

-- Write a file into the keyring directory as the server.
CREATE FUNCTION pg_temp.write_keyring(name text, content bytea) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  lo oid := lo_from_bytea(0, content);
BEGIN
  PERFORM lo_export(lo, (SELECT dir FROM keyrings) || name);
  PERFORM lo_unlink(lo);
END
$$;

-- Reloading: pg_reload_conf() only signals the server, and this backend
-- applies the new configuration before its next command (pg_conf_load_time()
-- then moves on). So after each ALTER SYSTEM, reload_commands() is run with
-- \gexec, echo off: it reloads, then up to 500 commands each wait 10 ms while
-- this backend has not reloaded yet, and do nothing once it has. reloaded()
-- says whether it did.
CREATE TEMP TABLE reloads (n serial, conf_loaded_before timestamptz);
CREATE FUNCTION pg_temp.reloaded() RETURNS boolean
LANGUAGE sql AS $$
  SELECT pg_conf_load_time() > conf_loaded_before FROM reloads ORDER BY n DESC LIMIT 1
$$;
CREATE FUNCTION pg_temp.reload_commands() RETURNS SETOF text
LANGUAGE sql AS $$
  SELECT 'DO $r$ BEGIN INSERT INTO reloads (conf_loaded_before) VALUES (pg_conf_load_time()); PERFORM pg_reload_conf(); END $r$'
  UNION ALL
  SELECT 'DO $w$ BEGIN IF NOT pg_temp.reloaded() THEN PERFORM pg_sleep(0.01); END IF; END $w$'
    FROM generate_series(1, 500)
$$;

-- A role with PUBLIC's rights only, as an application would log in with.
CREATE ROLE regress_totp_app NOSUPERUSER;


-- 1. Only a superuser sets totp.keyring (postgresql.conf, ALTER SYSTEM). A
-- role that SETs it in its session before the extension's library is loaded
-- (PostgreSQL keeps the value as a placeholder) is overruled when it loads:
-- a warning, and the configured keyring is used.
SET ROLE regress_totp_app;
SET totp.keyring = '/nonexistent/keyring';
SELECT totp_code(:'k2026', to_timestamp(59)) AS code_with_configured_keyring;
SELECT totp_seal(:'plain') ~ '^totp:v1:k2026:' AS sealed_with_configured_keyring;
RESET ROLE;
SELECT pg_temp.keyring() AS "totp.keyring";


-- 2. totp_seal: totp:v1:<id of the newest key>:<base64 of nonce (12 bytes),
-- ciphertext (as long as the key) and tag (16)>; 78 characters for a 20-byte
-- secret under a 5-character key id. A fresh nonce each call: sealing the
-- same secret twice gives two values, which both open to it.
SELECT totp_seal(:'plain') AS a, totp_seal(:'plain') AS b \gset sealed_
SELECT 'shape', :'sealed_a' ~ '^totp:v1:k2026:[A-Za-z0-9+/]+=*$',
       length(:'sealed_a') = length('totp:v1:k2026:') + 64 AS length_78;
SELECT 'fresh per call', :'sealed_a' <> :'sealed_b',
       substr(:'sealed_a', 15, 16) <> substr(:'sealed_b', 15, 16) AS nonces_differ;
SELECT 'both open to the secret',
       totp_unseal(:'sealed_a') = :'plain' AND totp_unseal(:'sealed_b') = :'plain';
SELECT 'the value holds no piece of the secret',
       strpos(:'sealed_a', left(:'plain', 8)) = 0;
SELECT 'one call per row in a set (VOLATILE)',
       count(DISTINCT totp_seal(:'plain')) = 100 FROM generate_series(1, 100);

-- Any secret the functions take can be sealed: lenient base32, the shortest
-- (10 bytes) and longest (1024 bytes) key, zero bytes; and a sealed value
-- (opened, then sealed again under the newest key).
SELECT what, totp_seal(secret) ~ '^totp:v1:k2026:[A-Za-z0-9+/]+=*$' AS sealed,
       totp_unseal(totp_seal(secret)) = canonical AS opens_to_canonical_base32
  FROM (VALUES
    ('lower case, spaces, hyphens, padding', 'gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====', :'plain'),
    ('10 bytes of zeros', 'AAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAA'),
    ('1024 bytes', repeat('GEZDGNBV', 204) || 'GEZDGNA', repeat('GEZDGNBV', 204) || 'GEZDGNA'),
    ('sealed under k2025', :'k2025', :'plain'),
    ('sealed under k2026', :'k2026', :'plain')) AS s(what, secret, canonical);
SELECT 'sealing a sealed value gives a new value', totp_seal(:'k2026') <> :'k2026';


-- 3. Every function that takes a secret gives the same result for the plain
-- secret and for the sealed one: the RFC 6238 vectors (all three
-- algorithms, their seeds sealed now), the RFC 4226 vectors (with the
-- embedded values sealed under k2025 and k2026), and otpauth URIs.
CREATE TEMP TABLE rfc6238_seed (algorithm text PRIMARY KEY, secret text NOT NULL, sealed text);
INSERT INTO rfc6238_seed (algorithm, secret) VALUES
  ('sha1',   'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  ('sha256', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA'),
  ('sha512', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA');
UPDATE rfc6238_seed SET sealed = totp_seal(secret);
SELECT 'seeds sealed', bool_and(sealed LIKE 'totp:v1:k2026:%') FROM rfc6238_seed;

CREATE TEMP TABLE rfc6238 (unix_time bigint, algorithm text, code text NOT NULL,
                           PRIMARY KEY (unix_time, algorithm));
INSERT INTO rfc6238 VALUES
  (59,          'sha1', '94287082'), (59,          'sha256', '46119246'), (59,          'sha512', '90693936'),
  (1111111109,  'sha1', '07081804'), (1111111109,  'sha256', '68084774'), (1111111109,  'sha512', '25091201'),
  (1111111111,  'sha1', '14050471'), (1111111111,  'sha256', '67062674'), (1111111111,  'sha512', '99943326'),
  (1234567890,  'sha1', '89005924'), (1234567890,  'sha256', '91819424'), (1234567890,  'sha512', '93441116'),
  (2000000000,  'sha1', '69279037'), (2000000000,  'sha256', '90698825'), (2000000000,  'sha512', '38618901'),
  (20000000000, 'sha1', '65353130'), (20000000000, 'sha256', '77737706'), (20000000000, 'sha512', '47863826');

SELECT v.unix_time, v.algorithm,
       totp_code(s.sealed, to_timestamp(v.unix_time), 8, 30, v.algorithm) = v.code
         AND totp_code(s.secret, to_timestamp(v.unix_time), 8, 30, v.algorithm) = v.code AS totp_code_ok,
       totp_verify(s.sealed, v.code, 0, to_timestamp(v.unix_time), 8, 30, v.algorithm)
         AND totp_verify(s.secret, v.code, 0, to_timestamp(v.unix_time), 8, 30, v.algorithm) AS totp_verify_ok,
       NOT totp_verify(s.sealed, v.code, 0, to_timestamp(v.unix_time + 30), 8, 30, v.algorithm) AS next_step_refused,
       totp_verify_step(s.sealed, v.code, at => to_timestamp(v.unix_time), digits => 8, algorithm => v.algorithm)
         = totp_verify_step(s.secret, v.code, at => to_timestamp(v.unix_time), digits => 8, algorithm => v.algorithm)
         AND totp_verify_step(s.sealed, v.code, at => to_timestamp(v.unix_time), digits => 8, algorithm => v.algorithm)
         = v.unix_time / 30 AS totp_verify_step_ok,
       totp_verify_step(s.sealed, v.code, v.unix_time / 30, at => to_timestamp(v.unix_time), digits => 8,
                        algorithm => v.algorithm) IS NULL AS replay_refused
  FROM rfc6238 v JOIN rfc6238_seed s USING (algorithm)
 ORDER BY v.unix_time, v.algorithm;

CREATE TEMP TABLE rfc4226 (counter bigint PRIMARY KEY, code text NOT NULL);
INSERT INTO rfc4226 VALUES
  (0, '755224'), (1, '287082'), (2, '359152'), (3, '969429'), (4, '338314'),
  (5, '254676'), (6, '287922'), (7, '162583'), (8, '399871'), (9, '520489');

SELECT r.counter, r.code,
       bool_and(hotp_code(s.value, r.counter) = r.code) AS hotp_code_ok,
       bool_and(hotp_verify(s.value, r.code, 0, look_ahead => 9) = r.counter + 1) AS hotp_verify_ok,
       bool_and(hotp_verify(s.value, r.code, r.counter + 1, look_ahead => 9) IS NULL) AS earlier_counter_refused,
       string_agg(s.name, ', ' ORDER BY s.name) AS secrets
  FROM rfc4226 r, vectors s
 WHERE s.name IN ('plain', 'k2025', 'k2026')
 GROUP BY r.counter, r.code
 ORDER BY r.counter;

-- otpauth URIs carry the plain secret, whatever form it was given in.
SELECT s.name, otpauth_uri(s.value, 'alice@example.com', 'ACME Co')
  FROM vectors s WHERE s.name IN ('plain', 'k2025', 'k2026') ORDER BY s.name;
SELECT algorithm,
       otpauth_uri(sealed, 'alice', 'ACME', 8, 60, algorithm)
         = otpauth_uri(secret, 'alice', 'ACME', 8, 60, algorithm) AS same_uri
  FROM rfc6238_seed ORDER BY algorithm;
SELECT 'zero bytes, padded base64', totp_unseal(value) = 'AAAAAAAAAAAAAAAA',
       hotp_code(value, 0) = hotp_code('AAAAAAAAAAAAAAAA', 0)
  FROM vectors WHERE name = 'zeros k2026';


-- Parallel workers open sealed secrets too (the functions are PARALLEL
-- SAFE): the worker loads the library, gets totp.keyring from the leader
-- and reads the keyring itself. (Not a temporary table: workers cannot
-- read those.)
CREATE TABLE regress_sealed_rows AS SELECT i, totp_seal(:'plain') AS secret FROM generate_series(1, 100) AS i;
BEGIN;
SET LOCAL force_parallel_mode = on;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT count(*) FROM regress_sealed_rows WHERE totp_code(secret, to_timestamp(59)) = '287082';
SELECT 'every row matches', count(*) = 100 FROM regress_sealed_rows WHERE totp_code(secret, to_timestamp(59)) = '287082';
COMMIT;
DROP TABLE regress_sealed_rows;

-- 4. totp_unseal returns the canonical base32 (upper case, no padding), for
-- a sealed value and, leniently read, for a plain one.
SELECT what, totp_unseal(secret)
  FROM (VALUES ('sealed under k2025', :'k2025'),
               ('sealed under k2026', :'k2026'),
               ('plain', :'plain'),
               ('plain, lenient', 'gezdgnbv-gy3tqojq gezdgnbv-gy3tqojq'),
               ('plain, padded', 'GEZDGNBVGY3TQOJQGE======'),
               ('plain, 26 characters', '32w353yaaaaadad774abaibqia======')) AS s(what, secret);


-- 5. totp_reseal: a value under an older key is sealed again under the
-- newest; one already under the newest key comes back unchanged (the same
-- text), so the README's rotation UPDATE can be rerun; a plain secret is an
-- error (22023), whichever way it is written.
SELECT totp_reseal(:'k2025') AS resealed \gset
SELECT 'k2025 value moves to k2026', :'resealed' ~ '^totp:v1:k2026:[A-Za-z0-9+/]+=*$',
       totp_unseal(:'resealed') = :'plain' AS same_secret;
SELECT 'k2026 value unchanged', totp_reseal(:'k2026') = :'k2026',
       totp_reseal(:'resealed') = :'resealed' AS resealed_value_unchanged;
SELECT 'zero bytes, k2026 value unchanged', totp_reseal(value) = value FROM vectors WHERE name = 'zeros k2026';
SELECT what, (pg_temp.error_of(format('SELECT totp_reseal(%L)', secret))).error
  FROM (VALUES ('plain', :'plain'), ('plain, lower case', lower(:'plain')),
               ('empty', ''), ('not base32 either', 'hello!')) AS s(what, secret);


-- 6. Sealed values that do not open. A key id the keyring lacks: 22023. A
-- value that fails its tag (wrong key, anything altered, a key id swapped
-- for another one in the keyring, since the id is authenticated): 22023,
-- as GCM cannot tell which. Anything that is not totp:v1:<id>:<canonical
-- base64 of at least nonce, 10 bytes and tag>: 22P02. The same error from
-- every function that takes the value, and no piece of the value or of the
-- secret in it.

-- value with the character at pos replaced by the next one in base64's alphabet.
CREATE FUNCTION pg_temp.flip(value text, pos int) RETURNS text
LANGUAGE sql AS $$
  SELECT overlay(value PLACING substr(abc, strpos(abc, substr(value, pos, 1)) % 64 + 1, 1) FROM pos FOR 1)
    FROM (VALUES ('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')) AS a(abc)
$$;

CREATE TEMP TABLE sealed_cases (n serial, what text, value text);
INSERT INTO sealed_cases (what, value) VALUES
  ('key id not in the keyring', replace(:'k2026', ':k2026:', ':k2099:')),
  ('sealed under another k2026 (keyring-wrong)', :'wrong_k2026'),
  ('key id swapped for k2025', replace(:'k2026', ':k2026:', ':k2025:')),
  ('a character of the nonce flipped', pg_temp.flip(:'k2026', 15)),
  ('a character of the ciphertext flipped', pg_temp.flip(:'k2026', 45)),
  ('a character of the tag flipped', pg_temp.flip(:'k2026', 78)),
  ('cut by 4 characters (3 bytes)', left(:'k2026', -4)),
  ('4 characters appended', :'k2026' || 'AAAA'),
  ('a character that is not base64', overlay(:'k2026' PLACING '!' FROM 45 FOR 1)),
  ('a space inside the base64', overlay(:'k2026' PLACING ' ' FROM 45 FOR 1)),
  ('a space appended', :'k2026' || ' '),
  ('cut by 1 character', left(:'k2026', -1)),
  ('padding bits not zero', (SELECT replace(value, 'Y=', 'Z=') FROM vectors WHERE name = 'zeros k2026')),
  ('payload shorter than nonce, 10 bytes and tag', left(:'k2026', 14 + 48)),
  ('no payload', 'totp:v1:k2026:'),
  ('no key id', replace(:'k2026', ':k2026:', '::')),
  ('key id of 33 characters', replace(:'k2026', ':k2026:', ':' || repeat('k', 33) || ':')),
  ('no payload and no colon after the key id', 'totp:v1:k2026'),
  ('only the version', 'totp:v1'),
  ('only totp:', 'totp:'),
  ('version v9', replace(:'k2026', 'totp:v1:', 'totp:v9:')),
  ('version v10', replace(:'k2026', 'totp:v1:', 'totp:v10:')),
  ('version V1 (upper case)', replace(:'k2026', 'totp:v1:', 'totp:V1:')),
  ('prefix TOTP: (upper case): read as base32', replace(:'k2026', 'totp:', 'TOTP:')),
  ('a space before totp: read as base32', ' ' || :'k2026');

CREATE TEMP TABLE sealed_errors AS
SELECT c.n, f.fn, e.*
  FROM sealed_cases c,
       LATERAL (VALUES
         ('totp_code', format('SELECT totp_code(%L, to_timestamp(59))', c.value)),
         ('totp_verify', format('SELECT totp_verify(%L, %L, at => to_timestamp(59))', c.value, '287082')),
         ('totp_verify_step', format('SELECT totp_verify_step(%L, %L, at => to_timestamp(59))', c.value, '287082')),
         ('hotp_code', format('SELECT hotp_code(%L, 0)', c.value)),
         ('hotp_verify', format('SELECT hotp_verify(%L, %L, 0)', c.value, '755224')),
         ('otpauth_uri', format('SELECT otpauth_uri(%L, %L)', c.value, 'alice')),
         ('totp_unseal', format('SELECT totp_unseal(%L)', c.value)),
         ('totp_seal', format('SELECT totp_seal(%L)', c.value)),
         ('totp_reseal', format('SELECT totp_reseal(%L)', c.value))) AS f(fn, query),
       pg_temp.error_of(f.query) AS e;

SELECT c.n, c.what, e.error
  FROM sealed_cases c JOIN sealed_errors e ON e.n = c.n AND e.fn = 'totp_code'
 ORDER BY c.n;

-- The other eight functions raise the same error (totp_reseal: "not sealed"
-- for a value without the totp: prefix).
SELECT c.n, bool_and(e.error = t.error
                     OR (e.fn = 'totp_reseal' AND c.value NOT LIKE 'totp:%'
                         AND e.error = '22023: secret is not sealed (use totp_seal)')) AS same_error_everywhere,
       count(*) = 9 AS all_functions
  FROM sealed_cases c
  JOIN sealed_errors e ON e.n = c.n
  JOIN sealed_errors t ON t.n = c.n AND t.fn = 'totp_code'
 GROUP BY c.n
 ORDER BY c.n;

SELECT 'no error text holds the value, the secret or a key',
       bool_and(pg_temp.clean(e.error_text) AND strpos(e.error_text, left(:'plain', 8)) = 0),
       count(*) FILTER (WHERE e.error = 'no error') = 0 AS every_case_is_an_error
  FROM sealed_errors e;


-- 7. Keyring problems: each a value of totp.keyring (and the file written
-- there), set with ALTER SYSTEM and a reload. Using a sealed secret, and
-- sealing, then fail: not set, 55000 with a hint; a file that cannot be
-- read or has a bad line, F0000 naming the file, the line and totp.keyring,
-- never a key. Plain secrets do not need the keyring, and keep working.
-- The keys in these files start deadbeef.
CREATE TEMP TABLE keyring_cases (n serial, what text, file text, content text);
INSERT INTO keyring_cases (what, file, content) VALUES
  ('totp.keyring empty (not set)', NULL, NULL),
  ('no such file', 'no-such-keyring', NULL),
  ('a directory', '', NULL),
  ('empty file', 'empty', ''),
  ('only comments and blank lines', 'comments',
   E'# no keys yet\n\n   # indented comment\n'),
  ('a line without a colon', 'no-colon',
   E'# rotation 2025\nk2025:' || repeat('deadbeef', 8) || E'\nk2026 ' || repeat('deadbeef', 8) || E'\n'),
  ('a key id with a space', 'id-space', 'k 2026:' || repeat('deadbeef', 8)),
  ('an empty key id', 'id-empty', ':' || repeat('deadbeef', 8)),
  ('a key id of 33 characters', 'id-long', repeat('k', 33) || ':' || repeat('deadbeef', 8)),
  ('a key with a non-hex digit', 'key-not-hex',
   'k2025:' || repeat('deadbeef', 8) || E'\nk2026:' || repeat('deadbeef', 7) || E'deadbeeg\n'),
  ('a key of 62 hex digits', 'key-short', 'k2026:' || left(repeat('deadbeef', 8), 62)),
  ('a key of 66 hex digits', 'key-long', 'k2026:' || repeat('deadbeef', 8) || 'de'),
  ('a key in quotes', 'key-quoted', 'k2026:"' || repeat('deadbeef', 8) || '"'),
  ('the same key id twice', 'duplicate',
   'k2025:' || repeat('deadbeef', 8) || E'\n\nk2025:' || repeat('feedbeef', 8) || E'\n'),
  ('65 keys', 'too-many',
   (SELECT string_agg(format('k%s:%s', i, repeat('deadbeef', 8)), E'\n') FROM generate_series(1, 65) AS i)),
  ('larger than 16 kB', 'too-large',
   repeat(E'# padding padding padding padding padding padding padding\n', 300) || 'k2026:' || repeat('deadbeef', 8));

-- A NUL byte cannot be in a text value; its file is written from bytea.
INSERT INTO keyring_cases (what, file) VALUES ('a NUL byte in a line', 'nul');
SELECT pg_temp.write_keyring('nul', convert_to('k2026:' || repeat('deadbeef', 8), 'UTF8') || '\x000a'::bytea);
SELECT count(*) AS files_written
  FROM keyring_cases, pg_temp.write_keyring(file, convert_to(content, 'UTF8'))
 WHERE content IS NOT NULL;

CREATE TEMP TABLE keyring_results (n int, reloaded boolean, keyring text, use_error text, use_hint text,
                                   seal_error text, seal_hint text, plain_code text, clean boolean);
\set ECHO none
SELECT cmd
  FROM keyring_cases k, keyrings,
       LATERAL (SELECT 1 AS step, format('ALTER SYSTEM SET totp.keyring = %L',
                                         CASE WHEN k.file IS NULL THEN '' ELSE dir || k.file END) AS cmd
                UNION ALL
                SELECT 2, pg_temp.reload_commands()
                UNION ALL
                SELECT 3, format($q$INSERT INTO keyring_results
SELECT %s, pg_temp.reloaded(), pg_temp.keyring(), u.error, u.hint, s.error, s.hint,
       totp_code(%L, to_timestamp(59)), pg_temp.clean(u.error_text) AND pg_temp.clean(s.error_text)
  FROM pg_temp.error_of(%L) AS u, pg_temp.error_of(%L) AS s$q$,
                  k.n, :'plain', format('SELECT totp_code(%L, to_timestamp(59))', :'k2026'),
                  format('SELECT totp_seal(%L)', :'plain'))) AS c
 ORDER BY k.n, c.step \gexec
\set ECHO all

SELECT k.n, k.what, r.keyring AS "totp.keyring", r.use_error AS sealed_secret_used
  FROM keyring_cases k JOIN keyring_results r USING (n) ORDER BY n;
SELECT k.n, r.reloaded, r.seal_error = r.use_error AS sealing_same_error,
       r.plain_code = '287082' AS plain_secrets_work, r.clean AS no_key_material
  FROM keyring_cases k JOIN keyring_results r USING (n) ORDER BY n;
-- Where sealing says something else, and the hints.
SELECT n, seal_error AS sealing, seal_hint FROM keyring_results WHERE seal_error <> use_error ORDER BY n;
SELECT DISTINCT use_hint AS hint FROM keyring_results WHERE use_hint <> '';

-- What the format allows: comments, blank lines, blanks around a line, CRLF
-- line ends, upper-case hex, key ids of 32 characters with '.', '-' and '_',
-- no newline at the end. The last key seals; with the longest key id, the
-- longest secret (1024 bytes) still seals and opens.
SELECT pg_temp.write_keyring('lenient', convert_to(
  E'# test keyring\r\n\r\n  \tk2025:'
  || (SELECT upper(split_part(line, ':', 2)) FROM regexp_split_to_table(pg_read_file(:'keyring_old'), E'\n') AS line
       WHERE line LIKE 'k2025:%')
  || E' \t\r\n# the newest key last\r\nk2027.rotation-key_with_32_chars:' || repeat('deadbeef', 8), 'UTF8'));
\set keyring_lenient :keyrings lenient
ALTER SYSTEM SET totp.keyring = :'keyring_lenient';
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT 'the last key seals', totp_seal(:'plain') ~ '^totp:v1:k2027\.rotation-key_with_32_chars:[A-Za-z0-9+/]+=*$';
SELECT 'the longest value', length(totp_seal(s)), totp_unseal(totp_seal(s)) = s AS opens
  FROM (VALUES (repeat('GEZDGNBV', 204) || 'GEZDGNA')) AS v(s);
SELECT 'k2025 in upper-case hex, between blanks, with CRLF, opens',
       totp_code(:'k2025', to_timestamp(59)) = '287082';


-- 8. Key rotation as the README does it. Before: a keyring with k2025 only.
ALTER SYSTEM SET totp.keyring = :'keyring_old';
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT totp_seal(:'plain') AS before_rotation \gset
SELECT 'k2025 seals', :'before_rotation' ~ '^totp:v1:k2025:[A-Za-z0-9+/]+=*$',
       totp_code(:'before_rotation', to_timestamp(59)) = '287082' AS opens,
       totp_reseal(:'before_rotation') = :'before_rotation' AS reseal_keeps_it;
SELECT what, (pg_temp.error_of(query)).error
  FROM (VALUES ('a k2026 value does not open', format('SELECT totp_code(%L)', :'k2026')),
               ('nor can it be resealed', format('SELECT totp_reseal(%L)', :'k2026'))) AS q(what, query);

-- Rotation: k2026 appended (the fixture keyring), and a reload.
ALTER SYSTEM SET totp.keyring = :'keyring';
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT 'k2026 seals now', totp_seal(:'plain') ~ '^totp:v1:k2026:[A-Za-z0-9+/]+=*$';
SELECT 'the value sealed before still opens', totp_code(:'before_rotation', to_timestamp(59)) = '287082',
       totp_unseal(:'before_rotation') = :'plain' AS unseals;
SELECT totp_reseal(:'before_rotation') AS after_rotation \gset
SELECT 'totp_reseal moves it to k2026', :'after_rotation' ~ '^totp:v1:k2026:[A-Za-z0-9+/]+=*$',
       totp_unseal(:'after_rotation') = :'plain' AS same_secret,
       totp_reseal(:'after_rotation') = :'after_rotation' AS then_unchanged;

-- The same file rewritten in place, as an administrator appends a key: the
-- backend keeps the keys it has read until a reload, which reads the file
-- again although totp.keyring did not change.
SELECT pg_temp.write_keyring('live', pg_read_binary_file(:'keyring_old'));
ALTER SYSTEM SET totp.keyring = :'keyring_live';
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT 'k2025 seals', totp_seal(:'plain') LIKE 'totp:v1:k2025:%';
SELECT pg_temp.write_keyring('live', pg_read_binary_file(:'keyring'));
SELECT 'file rewritten, no reload yet: k2025 still seals', totp_seal(:'plain') LIKE 'totp:v1:k2025:%';
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT 'after the reload: k2026 seals', totp_seal(:'plain') LIKE 'totp:v1:k2026:%',
       totp_code(:'k2026', to_timestamp(59)) = '287082' AS k2026_opens,
       totp_code(:'k2025', to_timestamp(59)) = '287082' AS k2025_opens;
-- A key removed in place: its values no longer open after the reload.
SELECT pg_temp.write_keyring('live', pg_read_binary_file(:'keyring_old'));
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT 'k2026 removed', (pg_temp.error_of(format('SELECT totp_code(%L)', :'k2026'))).error;


-- 9. A keyring whose k2026 is another key (keyring-wrong): values it seals
-- carry the same key id, and the tag tells them apart.
ALTER SYSTEM SET totp.keyring = :'keyring_wrong';
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT totp_seal(:'plain') AS under_wrong \gset
SELECT 'its k2026 seals and opens', :'under_wrong' LIKE 'totp:v1:k2026:%',
       totp_code(:'under_wrong', to_timestamp(59)) = '287082' AS opens,
       totp_code(:'wrong_k2026', to_timestamp(59)) = '287082' AS embedded_value_opens,
       totp_code(:'k2025', to_timestamp(59)) = '287082' AS k2025_opens;
SELECT 'the fixture k2026 value does not', (pg_temp.error_of(format('SELECT totp_code(%L)', :'k2026'))).error;
ALTER SYSTEM SET totp.keyring = :'keyring';
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT 'back on the fixture keyring, its value does not open',
       (pg_temp.error_of(format('SELECT totp_code(%L)', :'under_wrong'))).error;


-- 10. totp.keyring is the superuser's: a role without privileges can neither
-- see nor change it (SIGHUP: nobody changes it in a session, nor per role),
-- and uses sealed secrets all the same, except for totp_unseal.
SET ROLE regress_totp_app;
SHOW totp.keyring;
SELECT current_setting('totp.keyring');
SELECT count(*) AS rows_in_pg_settings FROM pg_settings WHERE name = 'totp.keyring';
SET totp.keyring = :'keyring_old';
SELECT set_config('totp.keyring', :'keyring_old', false);
ALTER SYSTEM SET totp.keyring = :'keyring_old';
SELECT 'sealed secrets work for the role', totp_code(:'k2026', to_timestamp(59)) = '287082',
       totp_verify(:'k2025', '287082', 0, to_timestamp(59)) AS verifies,
       totp_seal(:'plain') LIKE 'totp:v1:k2026:%' AS seals,
       totp_reseal(:'k2025') LIKE 'totp:v1:k2026:%' AS reseals;
SELECT totp_unseal(:'k2026');
RESET ROLE;
SET totp.keyring = :'keyring_old';
ALTER ROLE regress_totp_app SET totp.keyring = :'keyring_old';
SELECT pg_temp.keyring() AS "totp.keyring";


-- 11. Put the configuration back (the harness's totp.keyring) for the tests
-- that follow.
ALTER SYSTEM RESET totp.keyring;
\set ECHO none
SELECT pg_temp.reload_commands() \gexec
\set ECHO all
SELECT pg_temp.reloaded(), pg_temp.keyring() AS "totp.keyring";
SELECT 'k2026 seals again', totp_seal(:'plain') LIKE 'totp:v1:k2026:%';
DROP ROLE regress_totp_app;
