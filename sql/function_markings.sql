-- How the functions are declared (pg_proc) and how the extension installs:
-- pure functions IMMUTABLE, the generators VOLATILE (backup_codes_hash too:
-- each call draws a fresh salt), all PARALLEL SAFE, STRICT except the two
-- with a meaningful NULL, a COMMENT on every function; the extension is
-- trusted and relocatable.

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
       provolatile = CASE WHEN proname IN ('totp_new_secret', 'backup_codes_new', 'backup_codes_hash') THEN 'v' ELSE 'i' END AS volatility_ok,
       proisstrict = (proname NOT IN ('totp_verify_step', 'otpauth_uri')) AS strictness_ok,
       proparallel = 's' AS parallel_safe,
       coalesce(comment, '') <> '' AS has_comment
  FROM totp_functions
 ORDER BY proname;

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
DROP EXTENSION totp;
DROP SCHEMA regress_totp_app;
RESET ROLE;

-- Put things back as pg_regress left them for the other tests.
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM regress_totp_owner', current_database()); END $$;
DROP ROLE regress_totp_owner;
CREATE EXTENSION totp;
SELECT 'installed again in public', extnamespace = 'public'::regnamespace FROM pg_extension WHERE extname = 'totp';
