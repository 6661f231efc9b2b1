-- Tables for bench/pgbench.sh: the README's users table with 100,000 enrolled users
-- (deterministic secrets from SHA-256 of the id, as in pg_bulk_setup.sql, and a last
-- accepted step a day ago), and a copy whose secrets are sealed.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION totp;

CREATE TABLE users (
  id                  bigint PRIMARY KEY,
  email               text NOT NULL,
  totp_secret         text,
  totp_pending_secret text,
  totp_last_step      bigint,
  backup_codes        text
);
INSERT INTO users (id, email, totp_secret, totp_last_step)
SELECT i, 'user' || i || '@example.com',
       translate(left(encode(sha256(convert_to('totp-bench:' || i, 'UTF8')), 'base64'), 32),
                 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
                 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
       floor(extract(epoch FROM now()) / 30)::bigint - 2880
  FROM generate_series(1, 100000) AS i;
-- Sealed as they are inserted: an UPDATE of every row would leave the table and its index
-- twice the size, and the comparison would time the bloat, not the unsealing.
CREATE TABLE users_sealed (LIKE users INCLUDING ALL);
INSERT INTO users_sealed
SELECT id, email, totp_seal(totp_secret), totp_pending_secret, totp_last_step, backup_codes
  FROM users;

-- The scripts must time the real statement: a right code logs in once, then is a replay,
-- on both tables (user 1 is logged in here).
DO $$
DECLARE
    login CONSTANT text :=
        'WITH u AS (UPDATE %I SET totp_last_step = totp_verify_step(totp_secret, $1, totp_last_step)'
        ' WHERE id = 1 AND totp_verify_step(totp_secret, $1, totp_last_step) IS NOT NULL'
        ' RETURNING id) SELECT count(*) FROM u';
    tbl text;
    code text;
    first_try int;
    replay int;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['users', 'users_sealed'] LOOP
        EXECUTE format('SELECT totp_code(totp_secret) FROM %I WHERE id = 1', tbl) INTO code;
        EXECUTE format(login, tbl) INTO first_try USING code;
        EXECUTE format(login, tbl) INTO replay USING code;
        IF first_try <> 1 OR replay <> 0 THEN
            RAISE EXCEPTION 'the login statement on %: % row(s) for a right code, % for its replay',
                tbl, first_try, replay;
        END IF;
    END LOOP;
END
$$;
VACUUM ANALYZE users, users_sealed;
CHECKPOINT;
