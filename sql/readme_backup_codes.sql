-- The README's backup-code statements (4 and 5), their SQL verbatim (4 with
-- $1, the user id, filled in; 5 prepared with $1 and $2, the code the user
-- typed, and executed for each attempt), on the README's
-- users table: issue ten codes, log in with a code once, refuse it after
-- that, refuse wrong and malformed codes without aborting the transaction,
-- and evaluate consume_backup_code (one PBKDF2) exactly once per attempt.
-- The codes are random, so what is shown is their number and shape.

CREATE TABLE users (
  id                  bigint PRIMARY KEY,
  email               text NOT NULL,
  totp_secret         text,    -- sealed (or base32); NULL while 2FA is off
  totp_pending_secret text,    -- enrolment waiting for its first code
  totp_last_step      bigint,  -- replay guard: last accepted time step
  backup_codes        text     -- hashed backup codes; NULL until issued
);
INSERT INTO users (id, email) VALUES (1, 'alice@example.com'), (2, 'bob@example.com');

-- 4. Issue backup codes: show the returned codes once; only their hashes are stored.
WITH fresh AS (SELECT backup_codes_new() AS codes)
UPDATE users SET backup_codes = backup_codes_hash(fresh.codes)
  FROM fresh
 WHERE id = 1
RETURNING fresh.codes \gset issued_

SELECT 'issuing returns 10 distinct codes to show',
       cardinality(:'issued_codes'::text[]) = 10,
       (SELECT bool_and(c ~ '^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$') AND count(DISTINCT c) = 10
          FROM unnest(:'issued_codes'::text[]) AS c);
SELECT 'what is stored: 10 hashes at the default cost, no code in clear',
       backup_codes_remaining(backup_codes) = 10,
       backup_codes ~ '^totp-bc1:pbkdf2-sha256:600000:',
       NOT EXISTS (SELECT FROM unnest(:'issued_codes'::text[]) AS c
                    WHERE strpos(backup_codes, c) > 0 OR strpos(backup_codes, replace(c, '-', '')) > 0)
  FROM users WHERE id = 1;
SELECT 'only alice has codes', count(*) = 1 FROM users WHERE backup_codes IS NOT NULL;

-- Alice's first code as printed, and her second typed in upper case without
-- the separator.
SELECT (:'issued_codes'::text[])[1] AS code_first,
       upper(replace((:'issued_codes'::text[])[2], '-', '')) AS code_second,
       (:'issued_codes'::text[])[3] AS code_third \gset

-- How many times consume_backup_code ran: with track_functions = 'all',
-- PostgreSQL counts calls of C functions too. (In PostgreSQL 15 the count can
-- include calls of earlier transactions not yet reported to the statistics
-- system, so it is read relative to the start of the transaction.)
SET track_functions = 'all';
CREATE FUNCTION pg_temp.consume_calls() RETURNS bigint
LANGUAGE sql AS $$
  SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions WHERE funcname = 'consume_backup_code'
$$;

-- 5. Log in with a backup code: the README's statement, verbatim ($1 the user
-- id, $2 the code typed), run once per attempt below.
PREPARE login_with_backup_code(bigint, text) AS
WITH locked AS (
  SELECT id, backup_codes FROM users WHERE id = $1 FOR UPDATE
), target AS MATERIALIZED (
  SELECT id, consume_backup_code(backup_codes, $2) AS remaining FROM locked
)
UPDATE users SET backup_codes = target.remaining
  FROM target
 WHERE users.id = target.id AND target.remaining IS NOT NULL
RETURNING backup_codes_remaining(users.backup_codes) AS codes_left;

BEGIN;
SELECT pg_temp.consume_calls() AS calls_before \gset

-- 5. Log in with the first code: accepted, 9 codes left.
\set code :code_first
EXECUTE login_with_backup_code(1, :'code');
SELECT 'calls after 1 attempt', pg_temp.consume_calls() - :calls_before AS consume_calls;

-- 5. The same code again: no row.
EXECUTE login_with_backup_code(1, :'code');
SELECT 'calls after 2 attempts', pg_temp.consume_calls() - :calls_before AS consume_calls;

-- 5. A wrong code (well-formed, not in the set): no row, no error.
\set code 'abcde-fghjk'
EXECUTE login_with_backup_code(1, :'code');
SELECT 'calls after 3 attempts', pg_temp.consume_calls() - :calls_before AS consume_calls;

-- 5. A malformed code: no row, no error.
\set code 'not a code!'
EXECUTE login_with_backup_code(1, :'code');
SELECT 'calls after 4 attempts', pg_temp.consume_calls() - :calls_before AS consume_calls;

-- 5. The second code, typed in upper case without the separator: accepted,
-- 8 codes left.
\set code :code_second
EXECUTE login_with_backup_code(1, :'code');
SELECT 'calls after 5 attempts', pg_temp.consume_calls() - :calls_before AS consume_calls;

-- The count is not blind: a statement that calls consume_backup_code twice
-- counts 2 more (the codes are malformed, so no PBKDF2 is spent).
SELECT count(*) FROM users
 WHERE id = 1 AND consume_backup_code(backup_codes, 'x') IS NULL AND consume_backup_code(backup_codes, 'y') IS NULL;
SELECT 'calls after 5 attempts and 2 direct calls', pg_temp.consume_calls() - :calls_before AS consume_calls;

-- 5. Bob has no codes (NULL): no row, and consume_backup_code is not even
-- called (STRICT).
\set code :code_third
EXECUTE login_with_backup_code(2, :'code');
SELECT 'calls after bob''s attempt', pg_temp.consume_calls() - :calls_before AS consume_calls;

-- The refused codes, malformed ones included, left the transaction usable.
COMMIT;
SELECT 'committed: 8 codes left', backup_codes_remaining(backup_codes) = 8 FROM users WHERE id = 1;

-- Later, in another transaction: the used codes stay refused, and the third
-- code works.
\set code :code_first
EXECUTE login_with_backup_code(1, :'code');
\set code :code_second
EXECUTE login_with_backup_code(1, :'code');
\set code :code_third
EXECUTE login_with_backup_code(1, :'code');

RESET track_functions;
DROP TABLE users;
