-- base32_secrets: secrets are RFC 4648 base32 decoded leniently (any case, spaces and
-- hyphens ignored, '=' padding optional, any valid length) and used as raw key bytes;
-- anything else is an error. Expected codes come from Python's hmac module, not from
-- this extension.
.load ./totp

-- Lenient spellings of RFC 4226's secret all give counter 0's code 755224.
WITH t(s) AS (VALUES
    ('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
    ('gezdgnbvgy3tqojqgezdgnbvgy3tqojq'),
    ('GezdGnbvGy3tQojqGezdGnbvGy3tQojq'),
    ('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ'),
    ('gezd-gnbv-gy3t-qojq-gezd-gnbv-gy3t-qojq'),
    ('  GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ  '),
    ('G E Z D-G N B V--GY3TQOJQGEZDGNBVGY3TQOJQ'),
    ('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ='),
    ('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ========'),
    ('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ = '))
SELECT printf('accepted: ''%s''', s), hotp_code(s, 0) IS '755224' FROM t;

-- Padding is optional wherever the encoder would write it.
SELECT 'padded and unpadded 32-byte seed agree',
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====', 5, 8, 'sha256')
    IS hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', 5, 8, 'sha256');
SELECT 'padded and unpadded 64-byte seed agree',
       hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=', 5, 8, 'sha512')
    IS hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA', 5, 8, 'sha512');

-- Every length an encoder produces; key bytes 01 02 03 ... (or zeros), codes at counter 1
-- from an independent HMAC.
WITH t(s, what, code) AS (VALUES
    ('AAAAAAAAAAAAAAAA',                                      '10 bytes of 0x00', '812658'),
    ('AEBAGBAFAYDQQCIKBMGA2DQPCA',                            '16 bytes',         '369668'),
    ('AEBAGBAFAYDQQCIKBMGA2DQPCA======',                      '16 bytes, padded', '369668'),
    ('AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU',                      '20 bytes',         '711172'),
    ('AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4QA',  '32 bytes',         '984859'),
    ('AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4QA====', '32 bytes, padded', '984859'))
SELECT printf('%d characters (%s)', length(replace(s, '=', '')), what), hotp_code(s, 1) IS code FROM t;

-- 0x00 bytes are key bytes like any other: a key is never cut at a NUL.
SELECT 'key of ten 0x00 bytes, counter 0',
       hotp_code('AAAAAAAAAAAAAAAA', 0) IS '328482';
SELECT 'key 00 01 00 02 00 03 00 04 00 05, counter 0',
       hotp_code('AAAQAAQAAMAAIAAF', 0) IS '686195';
SELECT 'key 00 00 00 00 00 01 01 01 01 01 (leading 0x00 bytes kept), counter 0',
       hotp_code('AAAAAAAAAEAQCAIB', 0) IS '917853';

-- The longest key, 1024 bytes (1639 characters). HMAC hashes a key longer than its block,
-- so a key of 1024 0x00 bytes gives the code of the key SHA1(1024 x 0x00).
SELECT '1024-byte key (the maximum) is used whole',
       hotp_code(replace(hex(zeroblob(1639)), '00', 'A'), 0) IS '599555'
   AND hotp_code('MDFMX46XFYPHQNBAHWTAQA33DP4DWQHI', 0) IS '599555';
SELECT 'shortest key, 10 bytes (16 characters), is accepted',
       length(hotp_code('GEZDGNBVGY3TQOJQ', 0)) IS 6;

-- Rejected: characters outside the alphabet (0 1 8 9, tabs, newlines, other punctuation,
-- non-ASCII), data after padding, lengths no encoder produces (1, 3 or 6 characters past
-- a multiple of 8), keys under 10 bytes or over 1024. Each is an error naming the problem.
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ0', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ8', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ9', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQ' || char(9) || 'GEZDGNBVGY3TQOJQ', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' || char(10), 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQ_GEZDGNBVGY3TQOJQ', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQ.GEZDGNBVGY3TQOJQ', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJÉ', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ' || char(0) || 'Q', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQ=GEZDGNBVGY3TQOJQ', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQG', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZ', 0);
SELECT hotp_code('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGN', 0);
SELECT hotp_code('GEZDGNBVGY3TQOA', 0);
SELECT hotp_code('', 0);
SELECT hotp_code('  ---  ', 0);
SELECT hotp_code(replace(hex(zeroblob(1640)), '00', 'A'), 0);
