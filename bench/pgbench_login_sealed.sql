-- pgbench script: pgbench_login.sql on sealed secrets (totp_seal, AES-256-GCM): the same
-- login statement, which opens the sealed secret before it verifies.
\set id random(1, 100000)
\set code random(100000, 999999)
UPDATE users_sealed SET totp_last_step = totp_verify_step(totp_secret, :code::text, totp_last_step)
 WHERE id = :id AND totp_verify_step(totp_secret, :code::text, totp_last_step) IS NOT NULL
RETURNING id;
