-- totp_verify: a code is accepted within "window" steps of the time step of
-- at, and refused outside it; malformed codes are false, never an error.
-- Secret: RFC 6238's SHA-1 seed; at 1111111111 (step 37037037, 1 s into it).

\set s '\'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\''
\set t 'to_timestamp(1111111111)'

-- The codes of the steps around t: offset -12..12 steps.
CREATE TEMP TABLE nearby AS
SELECT k AS offset_steps, totp_code(:s, :t + k * interval '30 seconds') AS code
  FROM generate_series(-12, 12) AS k;
SELECT 'the 25 nearby codes are distinct, so each names its step',
       count(DISTINCT code) = 25 FROM nearby;

-- For each window (and the default), the offsets accepted: exactly -w..w.
SELECT w AS "window",
       min(offset_steps) FILTER (WHERE totp_verify(:s, code, w, :t)) AS earliest,
       max(offset_steps) FILTER (WHERE totp_verify(:s, code, w, :t)) AS latest,
       bool_and(totp_verify(:s, code, w, :t) = (abs(offset_steps) <= w)) AS exactly_within
  FROM nearby, generate_series(0, 10) AS w
 GROUP BY w
 ORDER BY w;
SELECT 'default window is 1',
       bool_and(totp_verify(:s, code, at => :t) = (abs(offset_steps) <= 1))
  FROM nearby;

-- Drift of one step either way: accepted with window 1, refused with 0.
SELECT 'previous step, window 1', totp_verify(:s, totp_code(:s, :t - interval '30 seconds'), 1, :t);
SELECT 'next step, window 1',     totp_verify(:s, totp_code(:s, :t + interval '30 seconds'), 1, :t);
SELECT 'previous step, window 0', NOT totp_verify(:s, totp_code(:s, :t - interval '30 seconds'), 0, :t);
SELECT 'next step, window 0',     NOT totp_verify(:s, totp_code(:s, :t + interval '30 seconds'), 0, :t);

-- Steps are whole periods: the first and the last second of a step share a
-- code, the next second does not (window 0). 1111111110 starts a step.
SELECT sec - 1111111110 AS second_of_step,
       totp_verify(:s, totp_code(:s, to_timestamp(1111111110)), 0, to_timestamp(sec)) AS same_step
  FROM unnest(ARRAY[1111111109, 1111111110, 1111111139, 1111111139.999, 1111111140]) AS sec;

-- The window scales with the period: 60 s steps, window 1 covers +-60 s.
SELECT 'period 60: next step accepted',
       totp_verify(:s, totp_code(:s, :t + interval '60 seconds', period => 60), at => :t, period => 60);
SELECT 'period 60: two steps ahead refused',
       NOT totp_verify(:s, totp_code(:s, :t + interval '120 seconds', period => 60), at => :t, period => 60);

-- At the epoch the window cannot reach before step 0; still no error.
SELECT 'window at step 0', totp_verify(:s, '755224', 10, to_timestamp(0))
                           AND totp_verify(:s, hotp_code(:s, 10), 10, to_timestamp(0))
                           AND NOT totp_verify(:s, hotp_code(:s, 11), 10, to_timestamp(0));

-- totp_verify_step returns the matched step itself.
SELECT offset_steps, totp_verify_step(:s, code, at => :t) - 37037037 AS matched_offset
  FROM nearby
 WHERE abs(offset_steps) <= 2
 ORDER BY offset_steps;

-- Codes are user input: spaces are ignored; anything that is not then
-- exactly 6 ASCII digits is false (and NULL from totp_verify_step).
SELECT what, code, totp_verify(:s, code, 1, :t) AS accepted,
       totp_verify_step(:s, code, NULL, 1, :t) IS NOT NULL AS step_found
  FROM (VALUES ('the code', '050471'),
               ('space inside', '050 471'),
               ('spaces around', '  050471 '),
               ('space between each digit', '0 5 0 4 7 1'),
               ('letter', '05047a'),
               ('letters only', 'abcdef'),
               ('five digits', '50471'),
               ('seven digits', '0504710'),
               ('eight-digit code', totp_code(:s, :t, 8)),
               ('empty', ''),
               ('spaces only', '      '),
               ('hyphen inside', '050-471'),
               ('plus sign', '+050471'),
               ('minus sign', '-50471'),
               ('decimal point', '50471.'),
               ('full-width digits', '０５０４７１'),
               ('Arabic-Indic digits', '٠٥٠٤٧١'),
               ('a Devanagari digit', '05047१')
       ) AS c(what, code)
 ORDER BY accepted DESC, what;

-- Tabs and line breaks are not spaces: false, not an error.
SELECT 'tab inside is false', NOT totp_verify(:s, E'050\t471', 1, :t);
SELECT 'newline after is false', NOT totp_verify(:s, E'050471\n', 1, :t);
