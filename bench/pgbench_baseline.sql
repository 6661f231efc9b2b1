-- pgbench script: the login transaction without TOTP. Same table, same row lookup by primary
-- key, same parameters, and the same outcome as a wrong code in pgbench_login.sql: the WHERE
-- reads the secret column, finds no match, and nothing is written. Only the verify is gone:
-- the code is compared with the stored column as plain text.
\set id random(1, 100000)
\set code random(100000, 999999)
UPDATE users SET totp_last_step = totp_last_step + 1
 WHERE id = :id AND totp_secret = :code::text
RETURNING id;
