-- otpauth_parse, otpauth_qr_svg and otpauth_qr_text: the fields of otpauth URIs as a
-- record, round trips of what otpauth_uri builds, the hand-written edge cases, and the QR
-- drawings' form (that they decode back to the URI: test/qr/run.sh). Errors: errors.sql.

-- Every field of a URI otpauth_uri built.
SELECT * FROM otpauth_parse(otpauth_uri('JBSWY3DPEHPK3PXP', 'alice@example.com', 'ACME Co'));

-- Round trip with every parameter, a lower-case spaced secret, ':' in the account and
-- non-ASCII on both sides of the label.
SELECT p.*
  FROM otpauth_parse(otpauth_uri('jbsw y3dp ehpk 3pxp', 'jürgen:x@例え.jp', 'Société Générale',
                                 8, 60, 'sha256')) AS p;

-- A sealed secret: otpauth_uri opens it, so the URI and its parse hold the plain secret.
SELECT (otpauth_parse(otpauth_uri(totp_seal('JBSWY3DPEHPK3PXP'), 'alice'))).secret;

-- Round trips over many labels: each field comes back as it went in.
SELECT 'round trips of otpauth_uri' AS what,
       count(*) AS uris,
       bool_and(p.type = 'totp' AND p.issuer IS NOT DISTINCT FROM i.issuer
                AND p.account = i.account AND p.secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
                AND p.algorithm = i.algorithm AND p.digits = i.digits
                AND p.period = i.period AND p.counter IS NULL) AS all_fields_equal
  FROM (SELECT CASE WHEN n % 4 = 0 THEN NULL ELSE 'Issuer ' || chr(192 + n) || ' & #' || n END AS issuer,
               CASE WHEN n % 4 = 0 THEN 'user ' || n ELSE 'a:b#c?d/e&f%g+h=i ' || chr(1000 + n) END AS account,
               (ARRAY['sha1', 'sha256', 'sha512'])[1 + n % 3] AS algorithm,
               6 + n % 3 AS digits, 1 + n * 7 % 3600 AS period
          FROM generate_series(1, 300) AS n) AS i,
       otpauth_parse(otpauth_uri('gezdgnbvgy3tqojqgezdgnbvgy3tqojq', i.account, i.issuer,
                                 i.digits, i.period, i.algorithm)) AS p;

-- Hand-written URIs, as other systems write them.
SELECT what, p.*
  FROM (VALUES
    ('%3A splits the label', 'otpauth://totp/ACME%3Aalice?secret=JBSWY3DPEHPK3PXP'),
    ('only the first colon splits', 'otpauth://totp/ACME:bob:x?secret=JBSWY3DPEHPK3PXP'),
    ('missing issuer', 'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP'),
    ('issuer only in the query', 'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME'),
    ('the issuer parameter wins', 'otpauth://totp/Old:alice?issuer=New&secret=JBSWY3DPEHPK3PXP'),
    ('unknown parameters ignored', 'otpauth://totp/alice?image=https%3A%2F%2Fx%2Fa.png&secret=JBSWY3DPEHPK3PXP&foo'),
    ('lower-case algorithm', 'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=sha512'),
    ('+ is a space in the query', 'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Big+Co'),
    ('spaces before the account', 'otpauth://totp/ACME:%20%20alice?secret=JBSWY3DPEHPK3PXP'),
    ('padded lower-case secret', 'otpauth://totp/alice?secret=jbswy3dpehpk3pxp%3D%3D%3D%3D'),
    ('fragment ignored', 'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP#digits=9'),
    ('hotp', 'otpauth://hotp/ACME:bob?secret=JBSWY3DPEHPK3PXP&counter=42&digits=8')
  ) AS u(what, uri),
  otpauth_parse(uri) AS p;

-- STRICT: NULL in, NULL out.
SELECT otpauth_parse(NULL) IS NULL AS parse_null, otpauth_qr_svg(NULL) IS NULL AS svg_null,
       otpauth_qr_text(NULL) IS NULL AS text_null;

-- The drawings: a standalone SVG, and half-block lines of equal width with a light quiet
-- zone; both the same for the same URI (IMMUTABLE), different for another.
WITH q AS (
  SELECT otpauth_qr_svg(otpauth_uri('JBSWY3DPEHPK3PXP', 'alice@example.com', 'ACME Co')) AS svg,
         otpauth_qr_text(otpauth_uri('JBSWY3DPEHPK3PXP', 'alice@example.com', 'ACME Co')) AS txt
)
SELECT svg LIKE '<svg xmlns="http://www.w3.org/2000/svg" width="%" viewBox="0 0 % %"%</svg>' || E'\n' AS svg_document,
       (SELECT count(DISTINCT length(line)) FROM unnest(string_to_array(rtrim(txt, E'\n'), E'\n')) AS line) = 1 AS text_rows_equal,
       split_part(txt, E'\n', 1) = repeat('█', length(split_part(txt, E'\n', 1))) AS text_top_quiet_zone_light,
       txt ~ '^[█▀▄ \n]+$' AS text_only_half_blocks,
       svg = otpauth_qr_svg(otpauth_uri('JBSWY3DPEHPK3PXP', 'alice@example.com', 'ACME Co')) AS svg_stable,
       svg <> otpauth_qr_svg(otpauth_uri('JBSWY3DPEHPK3PXP', 'bob@example.com', 'ACME Co')) AS svg_differs
  FROM q;

-- In the README's enrolment: the QR of a sealed secret's URI.
SELECT left(otpauth_qr_svg(otpauth_uri(totp_seal(totp_new_secret()), 'alice@example.com', 'ACME')), 40);
