-- Upgrades: version 1.0 installs, and ALTER EXTENSION ... UPDATE brings it to the current
-- version with the same objects a fresh install has (pg_regress created the fresh one).

CREATE TEMP TABLE fresh AS
SELECT pg_describe_object(classid, objid, objsubid) AS object
  FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'totp');
SELECT extversion FROM pg_extension WHERE extname = 'totp';

DROP EXTENSION totp;
CREATE EXTENSION totp VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'totp';
SELECT count(*) AS functions_in_1_0 FROM pg_proc WHERE proname LIKE 'otpauth_%';

ALTER EXTENSION totp UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'totp';

-- The same objects, none missing, none extra.
SELECT object, 'missing after the update' AS problem
  FROM fresh
 WHERE object NOT IN (SELECT pg_describe_object(classid, objid, objsubid)
                        FROM pg_depend
                       WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
                         AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'totp'))
UNION ALL
SELECT pg_describe_object(classid, objid, objsubid), 'extra after the update'
  FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'totp')
   AND pg_describe_object(classid, objid, objsubid) NOT IN (SELECT object FROM fresh);

-- Every function of the updated extension has a comment.
SELECT p.proname AS function_without_comment
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'totp')
   AND obj_description(p.oid, 'pg_proc') IS NULL;

-- A function of 1.1 works after the update.
SELECT (otpauth_parse('otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP')).account;
