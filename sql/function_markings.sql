-- How the functions are declared (pg_proc) and how the extension installs:
-- pure functions IMMUTABLE, the generators VOLATILE (backup_codes_hash too:
-- each call draws a fresh salt), all PARALLEL SAFE, STRICT except the two
-- with a meaningful NULL, a COMMENT on every function; the extension is
-- trusted and relocatable. The sealing functions are not pure: totp_seal and
-- totp_reseal draw a fresh random nonce (VOLATILE), and totp_unseal reads a
-- keyring file that a reload can change between statements (STABLE). PUBLIC
-- may execute every function except totp_unseal, which discloses secrets.

CREATE TEMP VIEW totp_functions AS
SELECT p.oid, p.proname, p.provolatile, p.proisstrict, p.proparallel,
       p.prorettype::regtype AS returns, pg_get_function_arguments(p.oid) AS arguments,
       obj_description(p.oid, 'pg_proc') AS comment
  FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                  AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'totp';

-- The signatures, with every name and default.
SELECT proname, arguments, returns FROM totp_functions ORDER BY proname;

-- The markings, each checked against the rule it must follow.
SELECT proname,
       provolatile = CASE WHEN proname IN ('totp_new_secret', 'backup_codes_new', 'backup_codes_hash',
                                           'totp_seal', 'totp_reseal') THEN 'v'
                          WHEN proname = 'totp_unseal' THEN 's'
                          ELSE 'i' END AS volatility_ok,
       proisstrict = (proname NOT IN ('totp_verify_step', 'otpauth_uri')) AS strictness_ok,
       proparallel = 's' AS parallel_safe,
       coalesce(comment, '') <> '' AS has_comment
  FROM totp_functions
 ORDER BY proname;

-- Who may call them: a role with no grants of its own (PUBLIC's rights only)
-- may execute every function but totp_unseal; a superuser can grant that
-- one, as the README says, and a role without the grant that tries gets
-- permission denied before the function runs.
CREATE ROLE regress_totp_public NOSUPERUSER NOINHERIT;
SELECT proname, has_function_privilege('regress_totp_public', oid, 'EXECUTE') AS public_may_execute,
       proname <> 'totp_unseal' AS rule
  FROM totp_functions
 ORDER BY proname;
SELECT 'PUBLIC has no EXECUTE on totp_unseal in its ACL',
       NOT EXISTS (SELECT FROM aclexplode(p.proacl) WHERE grantee = 0 AND privilege_type = 'EXECUTE')
  FROM pg_proc p WHERE oid = 'totp_unseal(text)'::regprocedure;
SET ROLE regress_totp_public;
SELECT totp_unseal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
RESET ROLE;
GRANT EXECUTE ON FUNCTION totp_unseal(text) TO regress_totp_public;
SELECT 'after GRANT EXECUTE it may', has_function_privilege('regress_totp_public', 'totp_unseal(text)', 'EXECUTE');
SET ROLE regress_totp_public;
SELECT totp_unseal('gezdgnbv gy3tqojq gezdgnbv gy3tqojq');
RESET ROLE;
REVOKE EXECUTE ON FUNCTION totp_unseal(text) FROM regress_totp_public;

SELECT 'the extension has a comment', obj_description(oid, 'pg_extension') <> ''
  FROM pg_extension WHERE extname = 'totp';
SELECT 'the extension is trusted and relocatable', trusted AND relocatable
  FROM pg_available_extension_versions WHERE name = 'totp' AND version = '1.0';

-- Relocatable: ALTER EXTENSION ... SET SCHEMA moves every function, they
-- work from there with their defaults (off the search_path too), and back.
CREATE SCHEMA regress_totp_moved;
ALTER EXTENSION totp SET SCHEMA regress_totp_moved;
SELECT 'every function moved', bool_and(pronamespace = 'regress_totp_moved'::regnamespace), count(*) = (SELECT count(*) FROM totp_functions) AS all_of_them
  FROM pg_proc WHERE oid IN (SELECT oid FROM totp_functions);
SELECT 'moved functions work with their defaults',
       regress_totp_moved.totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
         regress_totp_moved.totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), "window" => 0)
       = floor(extract(epoch FROM now()) / 30);
ALTER EXTENSION totp SET SCHEMA public;
DROP SCHEMA regress_totp_moved;
SELECT 'every function back in public', bool_and(pronamespace = 'public'::regnamespace), count(*) = (SELECT count(*) FROM totp_functions) AS all_of_them
  FROM pg_proc WHERE oid IN (SELECT oid FROM totp_functions);

-- Trusted: a role that is not a superuser but may create in this database
-- installs the extension into a schema of its own, owns it, uses it and
-- drops it.
DROP EXTENSION totp;
CREATE ROLE regress_totp_owner NOSUPERUSER NOCREATEDB NOCREATEROLE;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO regress_totp_owner', current_database()); END $$;
SET ROLE regress_totp_owner;
CREATE SCHEMA regress_totp_app;
CREATE EXTENSION totp SCHEMA regress_totp_app;
SELECT 'installed by a non-superuser, who owns the extension',
       extowner = 'regress_totp_owner'::regrole AND extnamespace = 'regress_totp_app'::regnamespace
  FROM pg_extension WHERE extname = 'totp';
SELECT 'and can use it', regress_totp_app.hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0) = '755224';
SELECT 'installed so, totp_unseal is still not executable by PUBLIC, nor by the extension owner',
       NOT has_function_privilege('regress_totp_public', 'regress_totp_app.totp_unseal(text)', 'EXECUTE'),
       NOT has_function_privilege('regress_totp_owner', 'regress_totp_app.totp_unseal(text)', 'EXECUTE'),
       has_function_privilege('regress_totp_public', 'regress_totp_app.totp_seal(text)', 'EXECUTE');
DROP EXTENSION totp;
DROP SCHEMA regress_totp_app;
RESET ROLE;

-- Put things back as pg_regress left them for the other tests.
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM regress_totp_owner', current_database()); END $$;
DROP ROLE regress_totp_owner;
DROP ROLE regress_totp_public;
CREATE EXTENSION totp;
SELECT 'installed again in public', extnamespace = 'public'::regnamespace FROM pg_extension WHERE extname = 'totp';
