-- otpauth_parse (JSON text), otpauth_qr_svg and otpauth_qr_text in SQLite: the same fields
-- as PostgreSQL's record, JSON escaping of what a label may hold, NULLs, errors named after
-- the function, flags (deterministic: usable in an index), and the drawings' form (that they
-- decode back to the URI: test/qr/run.sh).
.load ./totp

SELECT otpauth_parse(otpauth_uri('JBSWY3DPEHPK3PXP', 'alice@example.com', 'ACME Co'));
SELECT otpauth_parse('otpauth://hotp/ACME:bob?secret=jbswy3dpehpk3pxp&counter=42&digits=8&algorithm=sha512');
-- Quotes, backslashes and control characters are escaped; non-ASCII stays UTF-8.
SELECT otpauth_parse(otpauth_uri('JBSWY3DPEHPK3PXP', 'say "hi" \ a' || char(9) || 'b' || char(1), 'Zoë 🔐'));
SELECT json_valid(otpauth_parse(otpauth_uri('JBSWY3DPEHPK3PXP', '"\' || char(10) || char(31), 'x')));

-- Fields with ->>, as an application reads them.
SELECT otpauth_parse(u) ->> '$.account', otpauth_parse(u) ->> '$.issuer',
       otpauth_parse(u) ->> '$.secret', otpauth_parse(u) ->> '$.period'
  FROM (SELECT 'otpauth://totp/ACME%3Abob:x?issuer=New&secret=jbsw%20y3dp%20ehpk%203pxp%3D%3D%3D%3D&period=60#z' AS u);

-- Round trips of otpauth_uri with every parameter, and through a sealed secret.
SELECT otpauth_parse(otpauth_uri('gezd gnbv gy3t qojq gezd gnbv gy3t qojq', 'a:b#c?d/e&f%g+h', 'Société', 7, 3600, 'sha256'));
SELECT totp_keyring('fixtures/keyring');
SELECT otpauth_parse(otpauth_uri(totp_seal('JBSWY3DPEHPK3PXP'), 'alice')) ->> '$.secret';

-- NULL in, NULL out.
SELECT otpauth_parse(NULL) IS NULL, otpauth_qr_svg(NULL) IS NULL, otpauth_qr_text(NULL) IS NULL;

-- Errors: configuration mistakes in the URI, named after the function; no secret echoed.
SELECT otpauth_parse('https://example.com/');
SELECT otpauth_parse('otpauth://totp/alice?issuer=ACME');
SELECT otpauth_parse('otpauth://totp/alice?secret=GEZDGNBVGY3TQOJ!');
SELECT otpauth_parse('otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP');
SELECT otpauth_parse('otpauth://totp/al%00ice?secret=JBSWY3DPEHPK3PXP');
SELECT otpauth_parse('otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP');
SELECT otpauth_parse('otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=10');
SELECT otpauth_parse(x'6f7470617574683a2f2f746f74702f61ff3f7365637265743d4a42535759334450454850334b505850');
SELECT otpauth_uri('JBSWY3DPEHPK3PXP', 'alice:x');
SELECT otpauth_qr_svg('otpauth://totp/alice');
SELECT otpauth_qr_text('otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=' || replace(hex(zeroblob(1200)), '0', 'x'));

-- The drawings.
SELECT otpauth_qr_svg(u) LIKE '<svg xmlns="http://www.w3.org/2000/svg" %</svg>' || char(10),
       otpauth_qr_text(u) NOT GLOB '*[^█▀▄ ' || char(10) || ']*',
       replace(substr(otpauth_qr_text(u), 1, instr(otpauth_qr_text(u), char(10)) - 1), '█', '') = '',
       otpauth_qr_svg(u) = otpauth_qr_svg(u)
  FROM (SELECT otpauth_uri('JBSWY3DPEHPK3PXP', 'alice@example.com', 'ACME Co') AS u);

-- Deterministic and innocuous: allowed in an index expression and a CHECK constraint.
CREATE TABLE enrolments (uri TEXT CHECK (otpauth_parse(uri) IS NOT NULL));
CREATE INDEX enrolments_account ON enrolments (otpauth_parse(uri) ->> '$.account');
INSERT INTO enrolments VALUES ('otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP');
INSERT INTO enrolments VALUES ('otpauth://totp/ACME:alice');
SELECT count(*) FROM enrolments;
