-- Report of the robustness matrix (test/pg/robustness_matrix.sql), compared line by line with
-- test/pg/robustness.out by test/pg/robustness.sh: one line per call (function | argument |
-- input | outcome), then invariants that must hold whatever the table says. All in one session,
-- which must still be the same backend at the end.

\pset format unaligned
\pset fieldsep ' | '
\pset footer off

SELECT pg_backend_pid() AS start_pid \gset

\ir robustness_matrix.sql

\echo == every call: function | argument | input | outcome
SELECT fn, arg, input, outcome FROM robustness_results ORDER BY n;

\echo == calls whose outcome is undocumented (none expected)
SELECT fn, arg, input, outcome
  FROM robustness_results
 WHERE NOT robustness_documented(outcome)
 ORDER BY n;

\echo == invariants
SELECT 'every function of the extension is in the matrix' AS invariant,
       (SELECT count(DISTINCT fn) FROM robustness_results)
       = (SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
           WHERE e.extname = 'totp' AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e')
       AND (SELECT count(DISTINCT fn) FROM robustness_results) = 17 AS holds
UNION ALL
SELECT 'every call gives a documented error, NULL or a value of the documented form',
       bool_and(robustness_documented(outcome)) FROM robustness_results
UNION ALL
SELECT 'a NULL argument gives NULL (except otpauth_uri''s issuer)',
       bool_and(outcome = 'NULL' OR (fn, arg) = ('otpauth_uri', 'issuer'))
  FROM robustness_results WHERE input = 'NULL'
UNION ALL
SELECT 'a code, however malformed, is never an error',
       bool_and(outcome NOT LIKE 'ERROR%')
  FROM robustness_results WHERE arg = 'code'
UNION ALL
SELECT 'no error text holds a sentinel (secret, code, backup code, sealed value)',
       NOT EXISTS (SELECT FROM robustness_results r
                    WHERE r.error_text ~* '(SENTINEL|13579246|zq7xk|w9m3t|JBSWY3DP)'
                       OR strpos(r.error_text, (SELECT substr(expr, 16, 16) FROM robustness_base
                                                 WHERE fn = '*' AND arg = 'sealed')) > 0)
UNION ALL
SELECT 'no function raises an error for valid arguments',
       bool_and(outcome NOT LIKE 'ERROR%')
  FROM robustness_results WHERE input = 'valid arguments'
UNION ALL
SELECT 'the same backend still answers', pg_backend_pid() = :start_pid;
