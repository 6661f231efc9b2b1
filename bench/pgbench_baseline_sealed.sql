-- pgbench script: pgbench_baseline.sql on the sealed table, the baseline of
-- pgbench_login_sealed.sql: the same rows (sealed secrets are longer, so the rows are too), the
-- same lookup and outcome, without the unseal and the verify.
\set id random(1, 100000)
\set code random(100000, 999999)
UPDATE users_sealed SET totp_last_step = totp_last_step + 1
 WHERE id = :id AND totp_secret = :code::text
RETURNING id;
