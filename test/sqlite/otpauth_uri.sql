-- otpauth_uri: exact URIs in Google's Key Uri Format. Label `issuer:account` with both
-- parts percent-encoded as UTF-8 (only RFC 3986 unreserved characters A-Z a-z 0-9 - . _ ~
-- are left as they are; space is %20, never +), issuer repeated as a parameter, secret
-- canonical (upper case, no padding, no spaces), and algorithm, digits and period only
-- when they are not SHA1, 6 and 30.
.load ./totp

WITH c(what, account, issuer, uri) AS (VALUES
    ('plain account, no issuer', 'alice', NULL,
     'otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
    ('e-mail account and issuer', 'alice@example.com', 'ACME',
     'otpauth://totp/ACME:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME'),
    ('space is %20 in label and issuer', 'Alice Smith', 'ACME Co',
     'otpauth://totp/ACME%20Co:Alice%20Smith?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co'),
    ('reserved characters : # ? / & % + = @ in the account', 'a:b#c?d/e&f%g+h=i@j', 'X',
     'otpauth://totp/X:a%3Ab%23c%3Fd%2Fe%26f%25g%2Bh%3Di%40j?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=X'),
    ('reserved characters # ? / & % + = @ in the issuer', 'a', 'b#c?d/e&f%g+h=i@j',
     'otpauth://totp/b%23c%3Fd%2Fe%26f%25g%2Bh%3Di%40j:a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=b%23c%3Fd%2Fe%26f%25g%2Bh%3Di%40j'),
    ('unreserved characters kept', 'Az09-._~', 'Az09-._~',
     'otpauth://totp/Az09-._~:Az09-._~?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Az09-._~'),
    ('other ASCII punctuation encoded', '!$''()*,;[]"<>\^`{|}', NULL,
     'otpauth://totp/%21%24%27%28%29%2A%2C%3B%5B%5D%22%3C%3E%5C%5E%60%7B%7C%7D?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
    ('non-ASCII as UTF-8 bytes (2, 3 and 4 bytes)', 'José ✓ 🔐', 'Müller & Söhne',
     'otpauth://totp/M%C3%BCller%20%26%20S%C3%B6hne:Jos%C3%A9%20%E2%9C%93%20%F0%9F%94%90?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=M%C3%BCller%20%26%20S%C3%B6hne'),
    ('control characters encoded', 'a' || char(9) || 'b' || char(10) || 'c', NULL,
     'otpauth://totp/a%09b%0Ac?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'))
SELECT printf('%s', what), otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', account, issuer) IS uri
  FROM c;

-- The secret is re-encoded canonically, whatever spelling was stored.
SELECT 'lower case, spaces and padding canonicalised',
       otpauth_uri('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====', 'a')
    IS 'otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
SELECT 'padding of a 32-byte secret dropped',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====', 'a')
    IS 'otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';

-- Parameters: only those that differ from the defaults, in the order algorithm, digits, period.
WITH c(digits, period, algorithm, tail) AS (VALUES
    (6, 30, 'sha1',   ''),
    (6, 30, 'SHA1',   ''),
    (8, 30, 'sha1',   '&digits=8'),
    (7, 30, 'sha1',   '&digits=7'),
    (6, 60, 'sha1',   '&period=60'),
    (6, 1,  'sha1',   '&period=1'),
    (6, 3600, 'sha1', '&period=3600'),
    (6, 30, 'sha256', '&algorithm=SHA256'),
    (6, 30, 'Sha512', '&algorithm=SHA512'),
    (8, 60, 'sha512', '&algorithm=SHA512&digits=8&period=60'))
SELECT printf('digits %d, period %d, %s', digits, period, algorithm),
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice@example.com', 'ACME', digits, period, algorithm)
    IS 'otpauth://totp/ACME:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME' || tail
  FROM c;

SELECT 'NULL issuer at every arity: no issuer',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'a', NULL)
    IS 'otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
   AND otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'a', NULL, 8)
    IS 'otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8'
   AND otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'a', NULL, 8, 60)
    IS 'otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=60'
   AND otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'a', NULL, 8, 60, 'sha256')
    IS 'otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&period=60';

-- The account may itself look like a label or a URI; it stays one label part.
SELECT 'an account containing issuer-like text',
       otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'Evil:alice?secret=AAAA&issuer=Evil', 'ACME')
    IS 'otpauth://totp/ACME:Evil%3Aalice%3Fsecret%3DAAAA%26issuer%3DEvil?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME';

-- The secret never appears in any other form than the canonical one.
SELECT 'the URI holds the secret once',
       (length(otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'a', 'b'))
        - length(replace(otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'a', 'b'), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '')))
       IS 32;

-- Invalid labels are errors (the format cannot carry them).
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '', 'ACME');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', '');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', 'ACME:Corp');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', CAST(x'c3' AS TEXT), 'ACME');
SELECT otpauth_uri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'alice', CAST(x'ff' AS TEXT));
