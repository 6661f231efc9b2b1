-- backup_codes: backup_codes_new([count]) returns a JSON array of `count` (1..100, default
-- 10) fresh codes 'xxxxx-xxxxx' in lower-case Crockford base32 (0-9 a-z without i l o u);
-- backup_codes_hash(codes_json) stores a list as one salted value
-- 'totp-bc1:pbkdf2-sha256:600000:<salt>:<hash>,...:<check>'; consume_backup_code(stored,
-- code) returns the stored value without the code when it matches (each code works once,
-- the last leaves an empty set) and NULL when it does not; backup_codes_remaining(stored)
-- counts the codes left. A code is user input: a wrong or malformed one is NULL, never an
-- error. A list that is not one of backup codes, and a damaged stored value, are errors.
-- PBKDF2 at 600,000 iterations costs ~0.12 s per code, so only small sets are hashed here;
-- fixed sets stored at cost 1000 (the lowest the core reads) stand in for the many
-- lookups that need no particular cost.
.load ./totp

-- Fixed stored sets, made independently with Python (hashlib.pbkdf2_hmac('sha256', code
-- without '-', salt, iterations, 16) per code, base64; check = base64 of the first 9 bytes
-- of SHA-256 over everything before the last ':'). Sets stored like these by this version
-- must keep working in every later one.
--   v1_1000: k7m2q-x9trb, 01abc-def23, 10zzy-0x1w0 at cost 1000 (test/core's frozen_v1)
--   v1_1000_without_<code>: what consuming <code> must leave
--   v1_600000: k7m2q-x9trb at the default cost, salt 00 01 .. 0f
CREATE TEMP TABLE v(name TEXT PRIMARY KEY, stored TEXT);
INSERT INTO v VALUES
  ('v1_1000', 'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:FP1+fTAbtxXk'),
  ('v1_1000_without_k7m2q', 'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:/f1cDLvoTWC2'),
  ('v1_1000_without_01abc', 'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,FyMvjKxteGLWbToDs/cbFg==:f7uXenDQ8le3'),
  ('v1_1000_without_10zzy', 'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==:9U4alZU+r/tM'),
  ('v1_1000_only_01abc', 'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:1Z4HjYMfMPe/bWrJi0r7Ag==:kvsdzfM9bXay'),
  ('v1_1000_only_10zzy', 'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:FyMvjKxteGLWbToDs/cbFg==:cCb/NBv49SEp'),
  ('v1_1000_empty', 'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==::qJvIqBzEeQ0Q'),
  ('v1_600000', 'totp-bc1:pbkdf2-sha256:600000:AAECAwQFBgcICQoLDA0ODw==:4q62vPQiBvVCdq8upZdRew==:nrjYxZHO/ALU'),
  ('v1_600000_empty', 'totp-bc1:pbkdf2-sha256:600000:AAECAwQFBgcICQoLDA0ODw==::V1kf3WhGI2ys');
CREATE TEMP VIEW fixed AS SELECT (SELECT stored FROM v WHERE name = 'v1_1000') AS stored;

-- ---------------------------------------------------------------------------------------
-- backup_codes_new([count]): a JSON array of count codes, as text.
CREATE TEMP TABLE issued AS
            SELECT 'default' AS call, backup_codes_new() AS codes
  UNION ALL SELECT 'count 1', backup_codes_new(1)
  UNION ALL SELECT 'count 10', backup_codes_new(10)
  UNION ALL SELECT 'count 100', backup_codes_new(100)
  UNION ALL SELECT 'count 100 again', backup_codes_new(100)
  UNION ALL SELECT 'count as integer text', backup_codes_new('2');
SELECT call, typeof(codes) IS 'text' AND json_valid(codes) AND json_type(codes) IS 'array',
       json_array_length(codes)
  FROM issued;
SELECT 'the array is compact JSON: ["xxxxx-xxxxx","xxxxx-xxxxx"]',
       codes GLOB '[[]"?????-?????","?????-?????"]'
  FROM issued WHERE call = 'count as integer text';
SELECT 'every code is a string xxxxx-xxxxx of 0-9 a-z without i l o u',
       count(*) IS 223 AND count(*) IS sum(j.type IS 'text' AND length(j.value) IS 11
                                          AND substr(j.value, 6, 1) IS '-'
                                          AND replace(j.value, '-', '') NOT GLOB '*[^0-9a-hjkmnp-tv-z]*'
                                          AND length(replace(j.value, '-', '')) IS 10)
  FROM issued, json_each(issued.codes) AS j;
SELECT 'all 223 codes are different, within each call and between calls',
       count(DISTINCT j.value) IS 223
  FROM issued, json_each(issued.codes) AS j;

-- 10,000 codes: 50 random bits each, 5 per character, so each of the 32 symbols is equally
-- likely at each of the 10 positions: 312.5 times on average, standard deviation 17.4. A
-- position fed fewer bits, or a modulo onto another alphabet, leaves symbols far outside
-- 200..430 (6.5 standard deviations: a chance failure is below 1e-7 for all 320 counts).
CREATE TEMP TABLE many AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
  SELECT j.value AS code FROM n, json_each(backup_codes_new(100)) AS j;
SELECT '10000 codes from 100 calls, all different',
       count(*) IS 10000 AND count(DISTINCT code) IS 10000 FROM many;
WITH pos(p) AS (VALUES (1), (2), (3), (4), (5), (7), (8), (9), (10), (11)),
     tally AS (SELECT p, substr(code, p, 1) AS symbol, count(*) AS n
                 FROM many, pos GROUP BY p, symbol)
SELECT 'each of the 32 symbols appears 200..430 times at each of the 10 positions',
       count(*) IS 320 AND min(n) >= 200 AND max(n) <= 430
       AND count(DISTINCT symbol) IS 32 AND NOT max(symbol GLOB '[^0-9a-hjkmnp-tv-z]')
  FROM tally;

-- ---------------------------------------------------------------------------------------
-- backup_codes_hash(codes_json): one storable value with the parameters inside it.
CREATE TEMP TABLE hashed AS
  SELECT backup_codes_hash('["k7m2q-x9trb","01abc-def23","10zzy-0x1w0"]') AS h3,
         backup_codes_hash('["K7M2QX9TRB"]') AS h1;
SELECT 'the value is text', typeof(h3) IS 'text' FROM hashed;
SELECT 'totp-bc1:pbkdf2-sha256:600000:<24-char salt>:<3 x 24-char hash>:<12-char check>',
       h3 GLOB 'totp-bc1:pbkdf2-sha256:600000:*' AND length(h3) IS 30 + 24 + 1 + 3 * 24 + 2 + 1 + 12
       AND substr(h3, 55, 1) IS ':' AND substr(h3, 80, 1) IS ',' AND substr(h3, 105, 1) IS ','
       AND substr(h3, 130, 1) IS ':' AND substr(h3, 31) NOT GLOB '*[^A-Za-z0-9+/=:,]*'
  FROM hashed;
SELECT 'a one-code set has one hash',
       h1 GLOB 'totp-bc1:pbkdf2-sha256:600000:*' AND length(h1) IS 30 + 24 + 1 + 24 + 1 + 12
  FROM hashed;
SELECT 'the stored value holds no code, in any spelling',
       instr(lower(h3 || h1), 'k7m2q') + instr(lower(h3 || h1), 'x9trb')
       + instr(lower(h3 || h1), 'def23') + instr(lower(h3 || h1), '0x1w0') IS 0
  FROM hashed;
SELECT 'each set has its own random salt, so the same code hashes differently',
       substr(h3, 31, 24) IS NOT substr(h1, 31, 24) AND substr(h3, 56, 24) IS NOT substr(h1, 56, 24)
  FROM hashed;
SELECT 'salts differ even for the same (empty) list',
       substr(backup_codes_hash('[]'), 31, 24) IS NOT substr(backup_codes_hash('[]'), 31, 24);
SELECT 'backup_codes_remaining counts the codes',
       backup_codes_remaining(h3) IS 3 AND backup_codes_remaining(h1) IS 1 FROM hashed;
SELECT 'an empty list hashes to an empty set',
       backup_codes_remaining(backup_codes_hash('[]')) IS 0
       AND backup_codes_hash('[]') GLOB 'totp-bc1:pbkdf2-sha256:600000:*::*';
SELECT 'backup_codes_remaining returns an integer', typeof(backup_codes_remaining(h3)) IS 'integer'
  FROM hashed;

-- ---------------------------------------------------------------------------------------
-- consume_backup_code: each code once, counting down to an empty set.
CREATE TEMP TABLE trip(step INTEGER PRIMARY KEY, stored TEXT);
INSERT INTO trip SELECT 0, h3 FROM hashed;
INSERT INTO trip SELECT 1, consume_backup_code(stored, 'k7m2q-x9trb') FROM trip WHERE step = 0;
SELECT 'the first code matches: 2 left', backup_codes_remaining(stored) IS 2 FROM trip WHERE step = 1;
SELECT 'the result is the same set (same salt) without that code''s hash',
       substr(t1.stored, 1, 55 + 49) IS substr(t0.stored, 1, 55) || substr(t0.stored, 81, 49)
       AND t1.stored GLOB 'totp-bc1:pbkdf2-sha256:600000:*'
  FROM trip AS t0, trip AS t1 WHERE t0.step = 0 AND t1.step = 1;
SELECT 'the same code again: NULL', consume_backup_code(stored, 'k7m2q-x9trb') IS NULL
  FROM trip WHERE step = 1;
INSERT INTO trip SELECT 2, consume_backup_code(stored, '01abc-def23') FROM trip WHERE step = 1;
SELECT 'the second code matches: 1 left', backup_codes_remaining(stored) IS 1 FROM trip WHERE step = 2;
INSERT INTO trip SELECT 3, consume_backup_code(stored, '10zzy-0x1w0') FROM trip WHERE step = 2;
SELECT 'the last code leaves an empty set, not NULL: 0 left',
       stored GLOB 'totp-bc1:pbkdf2-sha256:600000:*::*' AND backup_codes_remaining(stored) IS 0
  FROM trip WHERE step = 3;
SELECT 'consume on the empty set: NULL, not an error',
       consume_backup_code(stored, '10zzy-0x1w0') IS NULL AND consume_backup_code(stored, 'k7m2q-x9trb') IS NULL
  FROM trip WHERE step = 3;
SELECT 'a well-formed code that is not in the set: NULL',
       consume_backup_code(h3, 'zzzzz-zzzzz') IS NULL FROM hashed;
SELECT 'a code hashed as K7M2QX9TRB is consumed as k7m2q-x9trb',
       backup_codes_remaining(consume_backup_code(h1, 'k7m2q-x9trb')) IS 0 FROM hashed;

-- The fixed sets: stored values made elsewhere are read, and consuming gives exactly the
-- value computed independently (a fresh check over the set without the code).
SELECT 'the fixed cost-1000 set has 3 codes', backup_codes_remaining(stored) IS 3 FROM fixed;
SELECT 'consuming each code of the fixed set gives the expected value',
       consume_backup_code(stored, 'k7m2q-x9trb') IS (SELECT stored FROM v WHERE name = 'v1_1000_without_k7m2q')
       AND consume_backup_code(stored, '01abc-def23') IS (SELECT stored FROM v WHERE name = 'v1_1000_without_01abc')
       AND consume_backup_code(stored, '10zzy-0x1w0') IS (SELECT stored FROM v WHERE name = 'v1_1000_without_10zzy')
  FROM fixed;
SELECT 'in any order, down to the expected empty set',
       consume_backup_code(consume_backup_code(consume_backup_code(stored, '10zzy-0x1w0'), 'k7m2q-x9trb'), '01abc-def23')
         IS (SELECT stored FROM v WHERE name = 'v1_1000_empty')
       AND consume_backup_code(consume_backup_code(stored, 'k7m2q-x9trb'), '10zzy-0x1w0')
         IS (SELECT stored FROM v WHERE name = 'v1_1000_only_01abc')
       AND consume_backup_code(consume_backup_code(stored, '01abc-def23'), 'k7m2q-x9trb')
         IS (SELECT stored FROM v WHERE name = 'v1_1000_only_10zzy')
  FROM fixed;
SELECT 'a set stored at the default cost by another implementation is consumed',
       backup_codes_remaining(stored) IS 1
       AND consume_backup_code(stored, 'k7m2q-x9trb') IS (SELECT stored FROM v WHERE name = 'v1_600000_empty')
  FROM v WHERE name = 'v1_600000';
SELECT 'the same inputs always give the same result',
       consume_backup_code(stored, 'k7m2q-x9trb') IS consume_backup_code(stored, 'k7m2q-x9trb')
  FROM fixed;

-- Codes are typed by people: any case, with or without the separator, spaces anywhere, and
-- the look-alikes o, i, l read as 0, 1, 1. Each entry: which value does consuming it leave?
WITH entry(what, code, leaves) AS (VALUES
    ('as shown',                          'k7m2q-x9trb',         'v1_1000_without_k7m2q'),
    ('upper case',                        'K7M2Q-X9TRB',         'v1_1000_without_k7m2q'),
    ('mixed case',                        'K7m2Q-x9TrB',         'v1_1000_without_k7m2q'),
    ('without the separator',             'k7m2qx9trb',          'v1_1000_without_k7m2q'),
    ('upper case without the separator',  'K7M2QX9TRB',          'v1_1000_without_k7m2q'),
    ('a space for the separator',         'k7m2q x9trb',         'v1_1000_without_k7m2q'),
    ('surrounding spaces',                '  k7m2q-x9trb  ',     'v1_1000_without_k7m2q'),
    ('spaces and hyphens anywhere',       'k7-m2q - x9t rb-',    'v1_1000_without_k7m2q'),
    ('grouped differently',               'k7m-2qx-9trb',        'v1_1000_without_k7m2q'),
    ('O for 0 and I for 1',               'OIABC-DEF23',         'v1_1000_without_01abc'),
    ('o for 0 and l for 1',               'olabc-def23',         'v1_1000_without_01abc'),
    ('look-alikes everywhere',            'Lozzy-Ox1WO',         'v1_1000_without_10zzy'))
SELECT what, consume_backup_code(fixed.stored, code) IS (SELECT stored FROM v WHERE name = leaves)
  FROM entry, fixed;

-- Wrong and malformed codes are no match (NULL), never an error.
WITH entry(what, code) AS (VALUES
    ('a well-formed code not in the set', 'zzzzz-zzzzz'),
    ('one character off',                 'k7m2q-x9trc'),
    ('two codes'' halves',                'k7m2q-def23'),
    ('empty',                             ''),
    ('only spaces and hyphens',           ' - '),
    ('9 characters',                      'k7m2q-x9tr'),
    ('11 characters',                     'k7m2q-x9trbb'),
    ('20 characters: the code twice',     'k7m2q-x9trbk7m2q-x9trb'),
    ('u is not in the alphabet',          'k7m2q-x9tru'),
    ('another separator',                 'k7m2q_x9trb'),
    ('a tab',                             'k7m2q' || char(9) || 'x9trb'),
    ('a newline at the end',              'k7m2q-x9trb' || char(10)),
    ('a NUL inside',                      'k7m2q' || char(0) || 'x9trb'),
    ('a non-ASCII letter',                'k7m2q-x9trÄ'),
    ('fullwidth digits',                  'k７m２q-x９trb'),
    ('a TOTP code',                       '287082'),
    ('SQL text',                          ''' OR 1=1 --'))
SELECT what, consume_backup_code(fixed.stored, code) IS NULL FROM entry, fixed;
SELECT 'an integer that is not a code', consume_backup_code(stored, 1234567890) IS NULL FROM fixed;
SELECT 'a blob that is not a code', consume_backup_code(stored, x'00ff') IS NULL FROM fixed;
SELECT 'a malformed code on an empty set', consume_backup_code(stored, 'nope') IS NULL
  FROM v WHERE name = 'v1_1000_empty';

-- NULL in gives NULL out.
SELECT 'backup_codes_new(NULL)', backup_codes_new(NULL) IS NULL;
SELECT 'backup_codes_hash(NULL)', backup_codes_hash(NULL) IS NULL;
SELECT 'consume_backup_code(NULL, code)', consume_backup_code(NULL, 'k7m2q-x9trb') IS NULL;
SELECT 'consume_backup_code(stored, NULL)', consume_backup_code(stored, NULL) IS NULL FROM fixed;
SELECT 'backup_codes_remaining(NULL)', backup_codes_remaining(NULL) IS NULL;
SELECT 'NULL code with a damaged stored value', consume_backup_code('garbage', NULL) IS NULL;

-- ---------------------------------------------------------------------------------------
-- Errors. No message carries the codes or the stored value passed in (run.sh fails any
-- file whose error messages contain a backup code or a piece of a stored value).

-- count outside 1..100
SELECT backup_codes_new(0);
SELECT backup_codes_new(101);
SELECT backup_codes_new(-1);
SELECT backup_codes_new(4294967306);

-- codes that are not JSON
SELECT backup_codes_hash('k7m2q-x9trb');
SELECT backup_codes_hash('["k7m2q-x9trb"');
SELECT backup_codes_hash('[''k7m2q-x9trb'']');
SELECT backup_codes_hash('');
-- JSON that is not an array
SELECT backup_codes_hash('{}');
SELECT backup_codes_hash('{"code":"k7m2q-x9trb"}');
SELECT backup_codes_hash('"k7m2q-x9trb"');
SELECT backup_codes_hash('"x"');
SELECT backup_codes_hash('1');
SELECT backup_codes_hash('null');
SELECT backup_codes_hash(1);
-- an array with something other than strings
SELECT backup_codes_hash('[1]');
SELECT backup_codes_hash('[null]');
SELECT backup_codes_hash('[true]');
SELECT backup_codes_hash('[["k7m2q-x9trb"]]');
SELECT backup_codes_hash('["k7m2q-x9trb",1234567890]');
-- strings that are not backup codes
SELECT backup_codes_hash('["k7m2q-x9tru"]');
SELECT backup_codes_hash('["k7m2q-x9tr"]');
SELECT backup_codes_hash('["k7m2q-x9trbb"]');
SELECT backup_codes_hash('[""]');
SELECT backup_codes_hash('["287082"]');
SELECT backup_codes_hash('["k7m2q-x9trb","01abc-def23","10zzy-0x1w!"]');
-- the same code twice, however it is spelt
SELECT backup_codes_hash('["k7m2q-x9trb","k7m2q-x9trb"]');
SELECT backup_codes_hash('["k7m2q-x9trb","01abc-def23","K7M2QX9TRB"]');
SELECT backup_codes_hash('["01abc-def23","OIABC DEF23"]');
-- more than 100 codes (refused before any is hashed)
SELECT backup_codes_hash(json_insert(backup_codes_new(100), '$[#]', 'k7m2q-x9trb'));
SELECT backup_codes_hash((SELECT json_group_array(code) FROM many));

-- Stored values that are not sets: an error from both consume_backup_code and
-- backup_codes_remaining, whatever the code, so that a damaged column is noticed instead of
-- locking everyone out in silence.
SELECT consume_backup_code('garbage', 'k7m2q-x9trb');
SELECT backup_codes_remaining('garbage');
SELECT backup_codes_remaining('');
SELECT backup_codes_remaining('totp-bc1');
SELECT backup_codes_remaining('totp-bc1:pbkdf2-sha256:1000');
SELECT backup_codes_remaining(upper(stored)) FROM fixed;
SELECT backup_codes_remaining(stored || char(10)) FROM fixed;
SELECT backup_codes_remaining(' ' || stored) FROM fixed;
SELECT backup_codes_remaining(replace(stored, ':FP1+fTAbtxXk', '')) FROM fixed;
-- a one-character edit anywhere: in a hash, the salt, the cost or the check
SELECT consume_backup_code(replace(stored, 'PGl4F', 'PGl4G'), 'k7m2q-x9trb') FROM fixed;
SELECT backup_codes_remaining(replace(stored, 'PGl4F', 'PGl4G')) FROM fixed;
SELECT backup_codes_remaining(replace(stored, 'GpkvyC', 'GpkvyD')) FROM fixed;
SELECT backup_codes_remaining(replace(stored, ':1000:', ':2000:')) FROM fixed;
SELECT backup_codes_remaining(replace(stored, 'FP1+fTAbtxXk', 'FP1+fTAbtxXl')) FROM fixed;
SELECT backup_codes_remaining(replace(stored, ',', ';')) FROM fixed;
-- a hash removed by hand, or one copied in from another set
SELECT backup_codes_remaining(replace(stored, 'PGl4FinxRfdDE9Q9Nb2T4Q==,', '')) FROM fixed;
SELECT consume_backup_code(replace(stored, 'PGl4FinxRfdDE9Q9Nb2T4Q==', '4q62vPQiBvVCdq8upZdRew=='), 'k7m2q-x9trb') FROM fixed;
-- truncated
SELECT backup_codes_remaining(substr(stored, 1, length(stored) - 1)) FROM fixed;
SELECT consume_backup_code(substr(stored, 1, length(stored) - 1), 'k7m2q-x9trb') FROM fixed;
SELECT backup_codes_remaining(substr(stored, 1, 80)) FROM fixed;
SELECT backup_codes_remaining(substr(stored, 1, length(stored) - 38)) FROM fixed;
-- an unknown version or KDF: from a later release, so it says so
SELECT backup_codes_remaining(replace(stored, 'totp-bc1:', 'totp-bc9:')) FROM fixed;
SELECT consume_backup_code(replace(stored, 'totp-bc1:', 'totp-bc9:'), 'k7m2q-x9trb') FROM fixed;
SELECT backup_codes_remaining(replace(stored, 'totp-bc1:', 'totp-bc10:')) FROM fixed;
SELECT backup_codes_remaining(replace(stored, 'pbkdf2-sha256', 'scrypt')) FROM fixed;
SELECT backup_codes_remaining('totp-bc2:argon2id:whatever');
-- and with a malformed code too: still the stored value's error, not silently "no match"
SELECT consume_backup_code('garbage', 'nope');
SELECT consume_backup_code(replace(stored, 'PGl4F', 'PGl4G'), '') FROM fixed;

-- An error aborts only its own statement; the session goes on.
SELECT 'still working after the errors above', backup_codes_remaining(stored) IS 3 FROM fixed;
