-- codes: codes are user input. Leading zeros are kept, spaces are ignored, and anything
-- that is not then exactly `digits` ASCII digits is no match (0 / NULL), never an error.
.load ./totp

-- Leading zeros (RFC 6238 sha1 at 1111111109 is 07081804; RFC 4226 counter 44 is 000152).
SELECT 'totp_code keeps a leading zero (8 digits)',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1111111109, 8) IS '07081804';
SELECT 'totp_code keeps a leading zero (6 digits)',
       totp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1111111109) IS '081804';
SELECT 'hotp_code keeps three leading zeros',
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 44) IS '000152';
SELECT 'codes are text', typeof(hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 44)) IS 'text';
SELECT 'a code with leading zeros verifies',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '081804', 0, 1111111109) IS 1
   AND hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '000152', 44) IS 45;

-- The user typed 081804 at 1111111109 (step 37037036). Each entry: does it match?
WITH entry(what, code, matches) AS (VALUES
    ('the code',                           '081804',           1),
    ('spaces inside',                      '081 804',          1),
    ('spaces everywhere',                  ' 0 8 1 8 0 4 ',    1),
    ('many spaces around',                 '      081804      ', 1),
    ('a hyphen (only spaces are ignored)', '081-804',          0),
    ('a tab',                              '081804' || char(9), 0),
    ('a newline',                          '081804' || char(10), 0),
    ('a NUL after it',                     '081804' || char(0), 0),
    ('a letter',                           '08180a',           0),
    ('letters only',                       'abcdef',           0),
    ('one digit short',                    '08180',            0),
    ('one digit long',                     '0818040',          0),
    ('the 8-digit form',                   '07081804',         0),
    ('the leading zero dropped',           '81804',            0),
    ('a plus sign',                        '+81804',           0),
    ('a minus sign',                       '-81804',           0),
    ('a decimal point',                    '081804.0',         0),
    ('empty',                              '',                 0),
    ('only spaces',                        '      ',           0),
    ('full-width digits',                  '０８１８０４',     0),
    ('Arabic-Indic digits',                '٠٨١٨٠٤',           0),
    ('another step''s code',               '287082',           0))
SELECT printf('%s: %s', what, CASE matches WHEN 1 THEN 'match' ELSE 'no match' END),
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, 1, 1111111109) IS matches
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, NULL, 1, 1111111109)
       IS CASE matches WHEN 1 THEN 37037036 END
  FROM entry;

-- The same for HOTP (counter 0's code is 755224).
WITH entry(what, code, next) AS (VALUES
    ('the code',         '755224',    1),
    ('spaces inside',    '755 224',   1),
    ('a hyphen',         '755-224',   NULL),
    ('a letter',         '75522x',    NULL),
    ('five digits',      '75522',     NULL),
    ('seven digits',     '7552240',   NULL),
    ('empty',            '',          NULL))
SELECT printf('hotp_verify, %s', what), hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, 0, 5) IS next
  FROM entry;

-- Codes of other SQLite types are compared as their text.
SELECT 'an integer code matches',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 287082, 1, 59) IS 1
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 287082, NULL, 1, 59) IS 1
   AND hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 755224, 0) IS 1;
SELECT 'an integer code loses its leading zeros: 81804 is no match for 081804',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 081804, 1, 1111111109) IS 0;
SELECT 'a real code is no match (its text is 287082.0)',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 287082.0, 1, 59) IS 0;
SELECT 'a blob code is compared as its bytes',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', x'323837303832', 1, 59) IS 1
   AND totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', x'0032383730383200', 1, 59) IS 0;
SELECT 'an 8-digit integer code with digits 8',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 94287082, 0, 59, 8) IS 1;
