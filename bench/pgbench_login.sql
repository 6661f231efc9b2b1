-- pgbench script: the README's login statement (3) for a random user with a random code,
-- which is wrong but for about 1 in 333,000 transactions: each verify computes all 3 steps.
\set id random(1, 100000)
\set code random(100000, 999999)
UPDATE users SET totp_last_step = totp_verify_step(totp_secret, :code::text, totp_last_step)
 WHERE id = :id AND totp_verify_step(totp_secret, :code::text, totp_last_step) IS NOT NULL
RETURNING id;
