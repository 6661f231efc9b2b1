-- Backup codes: backup_codes_new makes the codes to show the user once,
-- backup_codes_hash stores a set as one salted PBKDF2 value,
-- consume_backup_code returns that value without the code typed (NULL when
-- the code is not in it) and backup_codes_remaining counts what is left.
-- A wrong or malformed code is NULL, never an error; a bad count, a bad code
-- to hash and a damaged stored value are errors (22023, 22P02), and no error
-- text contains a code or the stored value. NULLs: see nulls.sql.
--
-- PBKDF2 at 600,000 iterations costs about 0.1 s per code, so the sets hashed
-- here are small. Stored format (core/backup.c):
--   totp-bc1:pbkdf2-sha256:<iterations>:<salt>:<hash>,<hash>,...:<check>

\pset null '(null)'

-- Reference sets made without the extension by test/pg/backup_code_vectors.py
-- (Python's hashlib.pbkdf2_hmac, fixed salts), both holding the four codes
-- abcde-fghjk, mnpqr-stvwx, 01234-56789 and yz0a1-b2c3d; the first at 1000
-- iterations (the minimum, cheap to test with), the second at the default.
\set four_1000 'totp-bc1:pbkdf2-sha256:1000:w5YkbYWdvxHpmOUMSDigqg==:7X9hHXgJkHV9YOklliZGpw==,gTqYbJYxCtnHAdS54uzNeg==,XhBBAqwndCqntgJp0SzJ+A==,tL8QOOExiBXNrPEPRAwMpA==:1dYpuIkMjcV2'
\set four_600000 'totp-bc1:pbkdf2-sha256:600000:33QeJIkRtUzIbJVBTmA2eQ==:0U/lIr5XTg5jqqXnd4LT9A==,t4aTGUuJ/R1y5msurKMfmQ==,1Lt0+K9ufSb57ZrYqbyaJw==,uWqqbSPFRvjVOVngDxQCxw==:1VZzWu8LTL3h'

-- A code as backup_codes_new writes it: two groups of five symbols of
-- Crockford's base32 in lower case (no i, l, o, u).
\set code_shape '^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$'

-- The shape of a stored set of n codes at the default cost.
CREATE FUNCTION pg_temp.set_shape(n int) RETURNS text
LANGUAGE sql AS $$
  SELECT '^totp-bc1:pbkdf2-sha256:600000:[A-Za-z0-9+/]{22}==:'
         || CASE WHEN n = 0 THEN '' ELSE '[A-Za-z0-9+/]{22}==(,[A-Za-z0-9+/]{22}==){' || n - 1 || '}' END
         || ':[A-Za-z0-9+/]{12}$'
$$;

-- The fields of a stored set: the part before the hashes, and the hashes.
CREATE FUNCTION pg_temp.head(stored text) RETURNS text
LANGUAGE sql AS $$ SELECT array_to_string((string_to_array(stored, ':'))[1:4], ':') $$;
CREATE FUNCTION pg_temp.hashes(stored text) RETURNS text[]
LANGUAGE sql AS $$ SELECT coalesce(string_to_array(nullif(split_part(stored, ':', 5), ''), ','), '{}') $$;

-- The check as core/backup.c documents it: the first 9 bytes of SHA-256 over
-- everything before it, in base64. Used to forge values whose check is right.
CREATE FUNCTION pg_temp.with_check(body text) RETURNS text
LANGUAGE sql AS $$ SELECT body || ':' || encode(substr(sha256(convert_to(body, 'UTF8')), 1, 9), 'base64') $$;

SELECT 'the reference sets carry the documented check',
       pg_temp.with_check(left(:'four_1000', -13)) = :'four_1000'
       AND pg_temp.with_check(left(:'four_600000', -13)) = :'four_600000';

--
-- backup_codes_new(count = 10)
--

CREATE TEMP TABLE made AS
SELECT n, backup_codes_new(n) AS codes FROM unnest(ARRAY[1, 10, 100]) AS n
UNION ALL
SELECT NULL, backup_codes_new();

SELECT coalesce(n::text, 'default') AS count,
       cardinality(codes) AS codes,
       array_ndims(codes) = 1 AND array_lower(codes, 1) = 1 AS plain_array,
       (SELECT bool_and(c ~ :'code_shape') FROM unnest(codes) AS c) AS all_shaped,
       (SELECT count(DISTINCT c) FROM unnest(codes) AS c) = cardinality(codes) AS all_distinct
  FROM made
 ORDER BY n NULLS FIRST;

-- 50 random bits each, 5 per symbol, so every symbol turns up in 1000 of
-- them (a symbol missing by chance: about 1 in 10^12).
SELECT 'the 100 codes use all 32 symbols',
       string_agg(DISTINCT ch, '' ORDER BY ch) = '0123456789abcdefghjkmnpqrstvwxyz'
  FROM made, unnest(codes) AS c, regexp_split_to_table(replace(c, '-', ''), '') AS ch
 WHERE n = 100;

-- Fresh codes on every call, and on every row of one statement.
SELECT 'two calls give different codes', backup_codes_new() <> backup_codes_new();
SELECT 'two sets of 100 share no code', NOT (backup_codes_new(100) && backup_codes_new(100));
SELECT 'one statement, 50 rows, 50 different codes', count(DISTINCT backup_codes_new(1)) = 50
  FROM generate_series(1, 50);

--
-- backup_codes_hash(codes text[])
--

CREATE TEMP TABLE hashed AS
SELECT what, codes, backup_codes_hash(codes) AS stored
  FROM (VALUES ('no codes', '{}'::text[]),
               ('one code', ARRAY['abcde-fghjk']),
               ('four codes', ARRAY['abcde-fghjk', 'mnpqr-stvwx', '01234-56789', 'yz0a1-b2c3d'])) AS v(what, codes);

-- The stored value: the documented shape with the default cost, one hash per
-- code, counted by backup_codes_remaining, and no code in it as typed.
SELECT what,
       stored ~ pg_temp.set_shape(cardinality(codes)) AS shaped,
       backup_codes_remaining(stored) AS remaining,
       (SELECT bool_and(strpos(lower(stored), c) = 0 AND strpos(lower(stored), replace(c, '-', '')) = 0)
          FROM unnest(codes) AS c) IS NOT FALSE AS no_code_in_it
  FROM hashed
 ORDER BY cardinality(codes);

-- A fresh salt each time: the same code hashed again gives another salt and
-- another hash.
SELECT 'same codes, another salt',
       pg_temp.head(again) <> pg_temp.head(stored), pg_temp.hashes(again) <> pg_temp.hashes(stored)
  FROM (SELECT stored, backup_codes_hash(codes) AS again FROM hashed WHERE what = 'one code') AS s;

-- A code to hash is read as a typed code is: spelled otherwise, it gives a
-- set that accepts its canonical spelling (and the reverse below).
SELECT 'hashing reads codes in any spelling',
       consume_backup_code(backup_codes_hash(ARRAY[' OI234 56789 ']), '01234-56789') IS NOT NULL;

-- Any one-dimensional array will do, whatever its bounds.
SELECT 'an array with bounds [5:5]', backup_codes_remaining(backup_codes_hash('[5:5]={abcde-fghjk}'::text[])) = 1;

--
-- consume_backup_code: every code of a set once, in any order
--

-- Three fresh codes, hashed; then codes 2, 3 and 1 consumed in turn, each
-- step storing what consume_backup_code returned (step 0: as issued).
CREATE TEMP TABLE issued AS
SELECT codes, backup_codes_hash(codes) AS stored FROM (SELECT backup_codes_new(3) AS codes) AS s;
CREATE TEMP TABLE trail (step int, code_index int, stored text);
INSERT INTO trail SELECT 0, NULL, stored FROM issued;
INSERT INTO trail SELECT 1, 2, consume_backup_code(t.stored, i.codes[2]) FROM trail t, issued i WHERE t.step = 0;
INSERT INTO trail SELECT 2, 3, consume_backup_code(t.stored, i.codes[3]) FROM trail t, issued i WHERE t.step = 1;
INSERT INTO trail SELECT 3, 1, consume_backup_code(t.stored, i.codes[1]) FROM trail t, issued i WHERE t.step = 2;

-- Each step matched, one code fewer; the value keeps its version, cost and
-- salt, and its hashes are those of the codes not used yet, in order.
SELECT t.step, t.code_index AS code_used, t.stored IS NOT NULL AS matched,
       backup_codes_remaining(t.stored) AS remaining,
       pg_temp.head(t.stored) = pg_temp.head(i.stored) AS same_head,
       pg_temp.hashes(t.stored) =
         (SELECT coalesce(array_agg(h ORDER BY k), '{}')
            FROM unnest(pg_temp.hashes(i.stored)) WITH ORDINALITY AS x(h, k)
           WHERE k NOT IN (SELECT code_index FROM trail WHERE step BETWEEN 1 AND t.step)) AS hashes_of_unused_codes
  FROM trail t, issued i
 ORDER BY t.step;

-- The code used at a step, tried again on the value that step stored.
SELECT t.step, t.code_index AS code_used_again, consume_backup_code(t.stored, i.codes[t.code_index]) AS result
  FROM trail t, issued i
 WHERE t.step > 0
 ORDER BY t.step;

-- The last code leaves an empty set: 0 remaining, and consuming from it is
-- NULL, not an error, for any code.
SELECT 'the empty set', t.stored ~ pg_temp.set_shape(0), backup_codes_remaining(t.stored) = 0,
       consume_backup_code(t.stored, i.codes[1]) IS NULL,
       consume_backup_code(t.stored, 'abcde-fghjk') IS NULL,
       consume_backup_code(t.stored, 'not a code') IS NULL
  FROM trail t, issued i WHERE t.step = 3;

-- Codes of one set do not open another.
SELECT 'codes do not cross sets',
       consume_backup_code(:'four_600000', codes[1]) IS NULL,
       consume_backup_code(stored, 'abcde-fghjk') IS NULL
  FROM issued;

--
-- The reference sets: what consume_backup_code returns is exact
--

-- The iteration count is read from the value: a set at 1000 iterations
-- matches, and stays at 1000. (test/pg/backup_code_vectors.py --verify
-- confirms the values below hold the three other codes.)
SELECT consume_backup_code(:'four_1000', 'mnpqr-stvwx');
SELECT consume_backup_code(:'four_600000', '01234-56789');

-- Spellings of a code: any case, with or without the separator, spaces
-- around or inside, and the look-alikes o, i and l for 0, 1 and 1 (as in
-- Crockford's base32). Anything else is no match: NULL, never an error.
SELECT what, CASE WHEN length(typed) > 30 THEN to_json(left(typed, 27) || '...') ELSE to_json(typed) END AS typed, consumes
  FROM (
SELECT what, typed,
       CASE consume_backup_code(:'four_1000', typed)
         WHEN consume_backup_code(:'four_1000', 'abcde-fghjk') THEN 'abcde-fghjk'
         WHEN consume_backup_code(:'four_1000', '01234-56789') THEN '01234-56789'
         WHEN consume_backup_code(:'four_1000', 'yz0a1-b2c3d') THEN 'yz0a1-b2c3d'
         ELSE coalesce(consume_backup_code(:'four_1000', typed), 'no match')
       END AS consumes
  FROM (VALUES ('as shown', 'abcde-fghjk'),
               ('upper case', 'ABCDE-FGHJK'),
               ('mixed case', 'aBcDe-FgHjK'),
               ('without separator', 'abcdefghjk'),
               ('upper case without separator', 'ABCDEFGHJK'),
               ('spaces around', '  abcde-fghjk '),
               ('space for the separator', 'abcde fghjk'),
               ('spaces inside', 'ab cde fg hjk'),
               ('o for 0, I for 1', 'oI234-56789'),
               ('O for 0, l for 1', 'Ol234-56789'),
               ('o and l in another code', 'yzoal-b2c3d'),
               ('one symbol off', 'abcde-fghjm'),
               ('two codes swapped halves', 'fghjk-abcde'),
               ('a code of another set', 'tvwxy-z0123'),
               ('empty', ''),
               ('spaces only', '     '),
               ('one group', 'abcde'),
               ('nine symbols', 'abcde-fghj'),
               ('eleven symbols', 'abcde-fghjkm'),
               ('with u', 'abcde-fghju'),
               ('underscore for the separator', 'abcde_fghjk'),
               ('dot for the separator', 'abcde.fghjk'),
               ('tab for the separator', E'abcde\tfghjk'),
               ('newline after', E'abcde-fghjk\n'),
               ('non-ASCII letter', 'abcdé-fghjk'),
               ('full-width letters', 'ａｂｃｄｅ-ｆｇｈｊｋ'),
               ('two codes', 'abcde-fghjk mnpqr-stvwx'),
               ('LIKE wildcards', 'abcde-fghj%'),
               ('the stored value itself', :'four_1000')
       ) AS c(what, typed)
) AS t
 ORDER BY consumes = 'no match', what;

--
-- Errors
--

-- SQLSTATE and message of the error a query raises, or 'no error'.
CREATE FUNCTION pg_temp.error_of(query text, OUT error text, OUT error_text text)
LANGUAGE plpgsql AS $$
DECLARE
  message text;
  detail text;
  hint text;
BEGIN
  EXECUTE query;
  error := 'no error';
  error_text := '';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
                          hint = PG_EXCEPTION_HINT;
  error := SQLSTATE || ': ' || message;
  error_text := concat_ws(' ', message, detail, hint);
END
$$;

-- backup_codes_new and backup_codes_hash: what, the call, and the codes in
-- it (none may be in the error).
CREATE TEMP TABLE error_cases (n serial, what text, call text, codes text[]);
INSERT INTO error_cases (what, call, codes) VALUES
  ('new: count 0', 'backup_codes_new(0)', '{}'),
  ('new: count 101', 'backup_codes_new(101)', '{}'),
  ('new: count -1', 'backup_codes_new(-1)', '{}'),
  ('new: count of the smallest int', 'backup_codes_new(-2147483648)', '{}'),
  ('hash: a code with u', 'backup_codes_hash(ARRAY[''abcde-fghju''])', ARRAY['abcde-fghju']),
  ('hash: a code of 9 symbols', 'backup_codes_hash(ARRAY[''abcde-fghj''])', ARRAY['abcde-fghj']),
  ('hash: a code of 11 symbols', 'backup_codes_hash(ARRAY[''abcde-fghjkm''])', ARRAY['abcde-fghjkm']),
  ('hash: an empty code', 'backup_codes_hash(ARRAY[''''])', '{}'),
  ('hash: a TOTP code', 'backup_codes_hash(ARRAY[''287082''])', ARRAY['287082']),
  ('hash: a valid code, then an invalid one', 'backup_codes_hash(ARRAY[''abcde-fghjk'', ''mnpqr-stvw!''])', ARRAY['abcde-fghjk', 'mnpqr-stvw!']),
  ('hash: the same code twice', 'backup_codes_hash(ARRAY[''abcde-fghjk'', ''mnpqr-stvwx'', ''abcde-fghjk''])', ARRAY['abcde-fghjk', 'mnpqr-stvwx']),
  ('hash: the same code in upper case', 'backup_codes_hash(ARRAY[''abcde-fghjk'', ''ABCDE-FGHJK''])', ARRAY['abcde-fghjk', 'ABCDE-FGHJK']),
  ('hash: the same code without separator', 'backup_codes_hash(ARRAY[''abcde-fghjk'', ''abcdefghjk''])', ARRAY['abcde-fghjk', 'abcdefghjk']),
  ('hash: the same code with o for 0', 'backup_codes_hash(ARRAY[''01234-56789'', ''o1234-56789''])', ARRAY['01234-56789', 'o1234-56789']),
  ('hash: 101 codes', 'backup_codes_hash(backup_codes_new(100) || ''abcde-fghjk''::text)', ARRAY['abcde-fghjk']),
  ('hash: a NULL code', 'backup_codes_hash(ARRAY[''abcde-fghjk'', NULL])', ARRAY['abcde-fghjk']),
  ('hash: only a NULL code', 'backup_codes_hash(ARRAY[NULL]::text[])', '{}'),
  ('hash: a two-dimensional array', 'backup_codes_hash(ARRAY[[''abcde-fghjk''], [''mnpqr-stvwx'']])', ARRAY['abcde-fghjk', 'mnpqr-stvwx']),
  ('hash: a 1 x 1 array', 'backup_codes_hash(''{{abcde-fghjk}}''::text[])', ARRAY['abcde-fghjk']);

SELECT n, what, (pg_temp.error_of('SELECT ' || call)).error
  FROM error_cases
 ORDER BY n;

SELECT 'no error text contains a code',
       bool_and((SELECT bool_and(strpos(lower(e.error_text), lower(c)) = 0
                                 AND strpos(lower(e.error_text), left(lower(c), 5)) = 0)
                   FROM unnest(x.codes) AS c) IS NOT FALSE),
       count(*) FILTER (WHERE e.error = 'no error') = 0 AS every_case_is_an_error
  FROM error_cases x, pg_temp.error_of('SELECT ' || x.call) AS e;

-- Damaged stored values, each given to consume_backup_code (with a code of
-- the set) and to backup_codes_remaining: both must raise the same error.
-- s: the reference set at the default cost. Its 167 characters: the head
-- (1-55, salt 31-54), four hashes (56-154), ':' and the check (156-167).
\set s :four_600000
CREATE FUNCTION pg_temp.flip(s text, pos int) RETURNS text
LANGUAGE sql AS $$ SELECT overlay(s PLACING CASE WHEN substr(s, pos, 1) = 'A' THEN 'B' ELSE 'A' END FROM pos FOR 1) $$;
CREATE TEMP TABLE bad_sets (n serial, what text, stored text);
INSERT INTO bad_sets (what, stored) VALUES
  ('empty', ''),
  ('not a set', 'abcde-fghjk'),
  ('only the version', 'totp-bc1'),
  ('version and KDF only', 'totp-bc1:pbkdf2-sha256'),
  ('version, KDF and cost only', 'totp-bc1:pbkdf2-sha256:600000:'),
  ('upper case', upper(:'s')),
  ('a space before', ' ' || :'s'),
  ('a newline after', :'s' || E'\n'),
  -- cut
  ('last character cut', left(:'s', -1)),
  ('check cut', left(:'s', -13)),
  ('cut in the middle', left(:'s', 80)),
  ('last hash cut out, check kept', regexp_replace(:'s', ',[^,]*(:[^:]*)$', '\1')),
  ('first hash cut out, check kept', regexp_replace(:'s', '(==:)[^,]*,', '\1')),
  -- one character edited
  ('a hash edited', pg_temp.flip(:'s', 60)),
  ('the salt edited', pg_temp.flip(:'s', 35)),
  ('the check edited', pg_temp.flip(:'s', 160)),
  ('the cost edited to 600001', replace(:'s', ':600000:', ':600001:')),
  ('the cost lowered to 1000', replace(:'s', ':600000:', ':1000:')),
  ('two hashes swapped', regexp_replace(:'s', '(==:)([^,]*),([^,]*),', '\1\3,\2,')),
  -- another version or KDF
  ('version 9', replace(:'s', 'totp-bc1:', 'totp-bc9:')),
  ('version 2', replace(:'s', 'totp-bc1:', 'totp-bc2:')),
  ('version 10', replace(:'s', 'totp-bc1:', 'totp-bc10:')),
  ('version 9, nothing else', 'totp-bc9:'),
  ('KDF scrypt', replace(:'s', 'pbkdf2-sha256', 'scrypt')),
  ('KDF pbkdf2-sha512', replace(:'s', 'pbkdf2-sha256', 'pbkdf2-sha512')),
  -- forged with a right check: the fields themselves are checked too
  ('cost 999 (below the minimum)', pg_temp.with_check(replace(left(:'s', -13), ':600000:', ':999:'))),
  ('cost 10000001 (above the maximum)', pg_temp.with_check(replace(left(:'s', -13), ':600000:', ':10000001:'))),
  ('cost with a leading zero', pg_temp.with_check(replace(left(:'s', -13), ':600000:', ':0600000:'))),
  ('cost not a number', pg_temp.with_check(replace(left(:'s', -13), ':600000:', ':6e5:'))),
  ('salt of 15 bytes', pg_temp.with_check(replace(left(:'s', -13), '33QeJIkRtUzIbJVBTmA2eQ==', '33QeJIkRtUzIbJVBTmA2'))),
  ('a hash of 15 bytes', pg_temp.with_check(replace(left(:'s', -13), '0U/lIr5XTg5jqqXnd4LT9A==', '0U/lIr5XTg5jqqXnd4LT'))),
  ('a hash not base64', pg_temp.with_check(replace(left(:'s', -13), '0U/lIr5XTg5jqqXnd4LT9A==', '0U/lIr5XTg5jqqXnd4LT9A!='))),
  ('an empty hash', pg_temp.with_check(replace(left(:'s', -13), '0U/lIr5XTg5jqqXnd4LT9A==,', ','))),
  ('a trailing comma', pg_temp.with_check(left(:'s', -13) || ',')),
  ('101 hashes', pg_temp.with_check('totp-bc1:pbkdf2-sha256:600000:33QeJIkRtUzIbJVBTmA2eQ==:'
                                     || repeat('0U/lIr5XTg5jqqXnd4LT9A==,', 100) || '0U/lIr5XTg5jqqXnd4LT9A=='));

SELECT n, what,
       (pg_temp.error_of(format('SELECT consume_backup_code(%L, %L)', stored, 'abcde-fghjk'))).error,
       (pg_temp.error_of(format('SELECT consume_backup_code(%L, %L)', stored, 'abcde-fghjk'))).error
       = (pg_temp.error_of(format('SELECT backup_codes_remaining(%L)', stored))).error AS same_in_remaining
  FROM bad_sets
 ORDER BY n;

-- The stored value is not in the error text, nor its salt, hashes or check.
SELECT 'no error text contains the stored value or a part of it',
       bool_and(NOT EXISTS (SELECT FROM unnest(regexp_split_to_array(b.stored, '[:,]') || b.stored) AS part
                             WHERE length(part) >= 8 AND strpos(e.error_text, part) > 0)
                AND strpos(e.error_text, 'abcde') = 0),
       count(*) FILTER (WHERE e.error = 'no error') = 0 AS every_case_is_an_error
  FROM bad_sets b, pg_temp.error_of(format('SELECT consume_backup_code(%L, %L)', b.stored, 'abcde-fghjk')) AS e;

-- Forged the same way but valid, so the cases above fail for their defect:
-- the reference set with its check recomputed, an empty set, and 100 hashes.
SELECT what, backup_codes_remaining(stored) AS remaining
  FROM (VALUES ('reference set, check recomputed', pg_temp.with_check(left(:'s', -13))),
               ('no hashes', pg_temp.with_check('totp-bc1:pbkdf2-sha256:600000:33QeJIkRtUzIbJVBTmA2eQ==:')),
               ('100 hashes', pg_temp.with_check('totp-bc1:pbkdf2-sha256:600000:33QeJIkRtUzIbJVBTmA2eQ==:'
                                                 || repeat('0U/lIr5XTg5jqqXnd4LT9A==,', 99) || '0U/lIr5XTg5jqqXnd4LT9A==')),
               ('cost 10000000 (the maximum)', pg_temp.with_check(replace(left(:'s', -13), ':600000:', ':10000000:')))
       ) AS v(what, stored);

-- A damaged value is an error even with a malformed code: a storage fault
-- is not a wrong code.
SELECT consume_backup_code(left(:'s', -1), 'not a code');

--
-- A stored set works in another session
--

CREATE TABLE backup_codes_stored (codes text[], stored text, stored_by int);
INSERT INTO backup_codes_stored
SELECT codes, backup_codes_hash(codes), pg_backend_pid() FROM (SELECT backup_codes_new(2) AS codes) AS s;
\c
SELECT 'another session', stored_by <> pg_backend_pid() AS other_backend,
       backup_codes_remaining(consume_backup_code(stored, upper(codes[2]))) = 1 AS consumed
  FROM backup_codes_stored;
DROP TABLE backup_codes_stored;
