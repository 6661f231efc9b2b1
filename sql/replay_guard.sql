-- Replay guard: totp_verify_step(secret, code, after_step => s) returns the
-- matched step only when it is > s, else NULL; storing the result as the
-- next after_step makes every code usable once. NULL after_step: no guard.
-- Secret: RFC 6238's SHA-1 seed; at 1111111111, step 37037037.

\set s '\'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\''
\set t 'to_timestamp(1111111111)'
\set step 37037037

-- Every code in the window (offsets -1..1) against guards from 3 steps
-- before to 2 steps after the current step: the step is returned exactly
-- when it is after the guard.
SELECT 'matched step returned iff it is > after_step',
       bool_and(totp_verify_step(:s, totp_code(:s, :t + k * interval '30 seconds'),
                                 after_step => :step + g, at => :t)
                IS NOT DISTINCT FROM CASE WHEN k > g THEN :step + k END),
       count(*) = 18 AS all_pairs_checked
  FROM generate_series(-1, 1) AS k, generate_series(-3, 2) AS g;

-- The same for the current step's code, row by row.
SELECT g AS after_step_minus_step,
       totp_verify_step(:s, totp_code(:s, :t), :step + g, at => :t) - :step AS returned_minus_step
  FROM generate_series(-2, 1) AS g
 ORDER BY g;

SELECT 'NULL after_step is no guard', totp_verify_step(:s, totp_code(:s, :t), NULL, at => :t) = :step;
SELECT 'omitted after_step is no guard', totp_verify_step(:s, totp_code(:s, :t), at => :t) = :step;
SELECT 'negative after_step guards nothing', totp_verify_step(:s, '755224', -1, at => to_timestamp(0)) = 0;
SELECT 'after_step 0 refuses step 0', totp_verify_step(:s, '755224', 0, at => to_timestamp(0)) IS NULL;
SELECT 'the largest after_step refuses all',
       totp_verify_step(:s, totp_code(:s, :t), 9223372036854775807, at => :t) IS NULL;

-- A login sequence: each accepted step becomes the next guard, as in the
-- README's login UPDATE. try_login returns the accepted step (offset from
-- t's step) or NULL.
CREATE TEMP TABLE guard (last_step bigint);
INSERT INTO guard VALUES (NULL);
CREATE FUNCTION pg_temp.try_login(code text, at timestamptz) RETURNS bigint
LANGUAGE sql AS $$
  UPDATE guard SET last_step = totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, last_step, at => at)
   WHERE totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, last_step, at => at) IS NOT NULL
  RETURNING last_step - 37037037
$$;
SELECT totp_code(:s, :t - interval '30 seconds') AS code_prev,
       totp_code(:s, :t) AS code_now,
       totp_code(:s, :t + interval '30 seconds') AS code_next,
       totp_code(:s, :t + interval '60 seconds') AS code_next2 \gset
SELECT 'first use of the current code', pg_temp.try_login(:'code_now', :t) = 0;
SELECT 'same code again', pg_temp.try_login(:'code_now', :t) IS NULL;
SELECT 'same code again 20 s later', pg_temp.try_login(:'code_now', :t + interval '20 seconds') IS NULL;
SELECT 'the older previous-step code', pg_temp.try_login(:'code_prev', :t) IS NULL;
SELECT 'next step''s code, early (window 1)', pg_temp.try_login(:'code_next', :t) = 1;
SELECT 'that code again once its step is current',
       pg_temp.try_login(:'code_next', :t + interval '30 seconds') IS NULL;
SELECT 'the step after that, in its time', pg_temp.try_login(:'code_next2', :t + interval '60 seconds') = 2;
SELECT 'guard holds the last accepted step', last_step = :step + 2 FROM guard;
