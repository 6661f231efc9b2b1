-- Data and checks for bench/pg_bulk.sh; psql variables rows and peer_rows.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION totp;
CREATE EXTENSION pgcrypto;
\ir plpgsql_totp.sql

-- Deterministic rows from SHA-256 of the row number: a 32-character base32 secret (20 random
-- bytes: the base64 of 24 hash bytes mapped 2-to-1 onto the base32 alphabet), a time in
-- 2001..2033 and a 6-digit code from the last 8 bytes. Random codes almost never match, so
-- every verify computes all 3 steps of window 1.
CREATE TABLE bench_rows (id int PRIMARY KEY, secret text NOT NULL, code text NOT NULL,
                         at timestamptz NOT NULL);
INSERT INTO bench_rows
SELECT i,
       translate(left(encode(h, 'base64'), 32),
                 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
                 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
       lpad((('x' || encode(substr(h, 29, 4), 'hex'))::bit(32)::bigint % 1000000)::text, 6, '0'),
       to_timestamp(1000000000 + ('x' || encode(substr(h, 25, 4), 'hex'))::bit(32)::bigint % 1000000000)
  FROM generate_series(1, :rows) AS i,
       LATERAL (SELECT sha256(convert_to('totp-bench:' || i, 'UTF8')) AS h) AS hash;
-- Every 100th row gets the real code of a step 2, 1 or 0 steps away: 3 in 5 of them match.
UPDATE bench_rows
   SET code = totp_code(secret, at + ((id / 100) % 5 - 2) * interval '30 seconds')
 WHERE id % 100 = 0;
CREATE TABLE bench_subset AS SELECT * FROM bench_rows WHERE id <= :peer_rows;
VACUUM ANALYZE bench_rows, bench_subset;

-- The peer must give the same answers as totp_verify, or the comparison means nothing: an
-- RFC 6238 vector, window edges, then row by row on a sample with about 40 matches.
DO $$
DECLARE
    disagree bigint;
    matches bigint;
BEGIN
    IF NOT plpgsql_totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, to_timestamp(59))
       OR NOT plpgsql_totp_verify('gezd gnbv gy3t qojq gezd gnbv gy3t qojq', '287 082', 1, to_timestamp(89))
       OR plpgsql_totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082', 1, to_timestamp(90))
       OR plpgsql_totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '28708', 1, to_timestamp(59)) THEN
        RAISE EXCEPTION 'plpgsql_totp_verify fails the RFC 6238 vector checks';
    END IF;
    SELECT count(*) FILTER (WHERE totp_verify(secret, code, 1, at)
                            IS DISTINCT FROM plpgsql_totp_verify(secret, code, 1, at)),
           count(*) FILTER (WHERE totp_verify(secret, code, 1, at))
      INTO disagree, matches
      FROM bench_rows
     WHERE id <= 2000 OR (id % 100 = 0 AND id <= 7000);
    IF disagree > 0 OR matches = 0 THEN
        RAISE EXCEPTION 'plpgsql_totp_verify and totp_verify disagree on % sample rows (% matches)',
            disagree, matches;
    END IF;
END
$$;

-- ms and result of one query (count of matches), timed in the server.
CREATE FUNCTION bench_time(query text, OUT ms float8, OUT matches bigint)
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE query INTO matches;
    ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
END
$$;
