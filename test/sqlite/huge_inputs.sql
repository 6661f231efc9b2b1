-- huge_inputs: megabyte-sized arguments are handled, quickly and without crashing: a long
-- secret is an error, a long code is no match, a long label is encoded whole, a long list
-- of backup codes or stored set is an error, a long backup code is no match.
.load ./totp

-- 1 MiB of 'A' is valid base32 but decodes to far more than 1024 bytes.
SELECT totp_code(replace(hex(zeroblob(524288)), '0', 'A'), 59);
SELECT totp_verify(replace(hex(zeroblob(524288)), '0', 'A'), '287082', 1, 59);
SELECT hotp_code(replace(hex(zeroblob(524288)), '0', 'A'), 0);
SELECT otpauth_uri(replace(hex(zeroblob(524288)), '0', 'A'), 'alice');
-- 1 MiB of spaces and hyphens is an empty secret.
SELECT hotp_code(replace(printf('%.*c', 1048576, ' '), '  ', '- '), 0);
-- 1 MiB with a bad character at the end: an error (the length is found first).
SELECT hotp_code(printf('%.*c', 1048575, 'A') || '!', 0);

-- 1 MiB codes are no match.
SELECT '1 MiB of digits is no match',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', replace(hex(zeroblob(524288)), '0', '1'), 10, 59) IS 0
   AND totp_verify_step('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', replace(hex(zeroblob(524288)), '0', '1'), NULL, 10, 59) IS NULL
   AND hotp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', replace(hex(zeroblob(524288)), '0', '1'), 0, 100) IS NULL;
SELECT '1 MiB of letters is no match',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', printf('%.*c', 1048576, 'x'), 1, 59) IS 0;
SELECT 'the right code followed by 1 MiB of digits is no match',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '287082' || replace(hex(zeroblob(524288)), '0', '1'), 1, 59) IS 0;
-- Spaces are ignored however many there are.
SELECT 'the right code inside 1 MiB of spaces matches',
       totp_verify('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                   printf('%.*c', 524288, ' ') || '287 082' || printf('%.*c', 524288, ' '), 1, 59) IS 1;

-- Long labels are percent-encoded in full: 1 MiB of spaces becomes 3 MiB of %20.
SELECT '1 MiB account of letters is kept as it is',
       length(otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', printf('%.*c', 1048576, 'a')))
       IS length('otpauth://totp/?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') + 1048576;
SELECT '1 MiB account of spaces becomes 3 MiB',
       length(otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', printf('%.*c', 1048576, ' ')))
       IS length('otpauth://totp/?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') + 3 * 1048576;
SELECT '1 MiB issuer of non-ASCII appears twice, encoded',
       length(otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'a', replace(printf('%.*c', 524288, 'x'), 'x', 'é')))
       IS length('otpauth://totp/:a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=') + 2 * 3 * 1048576;
SELECT 'and ends as it should',
       substr(otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', printf('%.*c', 1048576, ' '), 'ACME', 8), -67)
       IS '%20%20?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&digits=8';


-- Backup codes, on a set of k7m2q-x9trb, 01abc-def23 and 10zzy-0x1w0 stored at cost 1000.
CREATE TEMP TABLE fixed AS SELECT
  'totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:FP1+fTAbtxXk'
  AS stored;
SELECT '1 MiB backup code is no match',
       consume_backup_code(stored, printf('%.*c', 1048576, 'k')) IS NULL
       AND consume_backup_code(stored, 'k7m2q-x9trb' || printf('%.*c', 1048576, 'k')) IS NULL
  FROM fixed;
SELECT 'a backup code inside 1 MiB of spaces and hyphens matches',
       backup_codes_remaining(consume_backup_code(stored,
         replace(printf('%.*c', 524288, ' '), '  ', '- ') || 'k7m2q-x9trb' || printf('%.*c', 524288, ' ')))
       IS 2
  FROM fixed;
-- A 1 MiB stored value, or one with 1 MiB of hashes: errors.
SELECT backup_codes_remaining(printf('%.*c', 1048576, 'x'));
SELECT backup_codes_remaining(stored || printf('%.*c', 1048576, ' ')) FROM fixed;
SELECT consume_backup_code(replace(stored, ',', ',' || replace(printf('%.*c', 43690, ' '), ' ', 'PGl4FinxRfdDE9Q9Nb2T4Q==,')), 'k7m2q-x9trb')
  FROM fixed;
-- A list with a 1 MiB string, and a list of 100000 codes: errors.
SELECT backup_codes_hash(json_array(printf('%.*c', 1048576, 'k')));
SELECT backup_codes_hash('[' || replace(printf('%.*c', 100000, ' '), ' ', '"k7m2q-x9trb",') || '"01abc-def23"]');
