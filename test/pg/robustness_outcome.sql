-- robustness_outcome(call): what a call of the robustness test gives, for
-- test/pg/robustness_matrix.sql and test/pg/robustness_encodings.sql.

-- What a call gives: "ERROR <SQLSTATE>: <message>" (and the error's text: message, detail and
-- hint), "NULL", or the shape of the value, never the value.
CREATE FUNCTION robustness_outcome(call text, OUT outcome text, OUT error_text text)
LANGUAGE plpgsql AS $$
DECLARE
  value text;
  type text;
  message text;
  detail text;
  hint text;
BEGIN
  error_text := '';
  EXECUTE format('SELECT r::text, pg_typeof(r)::text FROM (SELECT %s AS r) AS call', call)
     INTO value, type;
  outcome := CASE
    WHEN value IS NULL THEN 'NULL'
    WHEN type IN ('boolean', 'integer', 'bigint') THEN type || ' ' || value
    WHEN type = 'text[]' THEN
      format('%s backup codes', cardinality(value::text[]))
      || CASE WHEN (SELECT bool_and(c ~ '^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$')
                      FROM unnest(value::text[]) AS c)
              THEN '' ELSE ', not all of the form xxxxx-xxxxx' END
    WHEN type = 'record' AND value LIKE '(totp,%,JBSWY3DPEHPK3PXPSENTINEL,sha1,6,30,)'
      THEN 'the fields of the otpauth URI'
    WHEN type <> 'text' THEN 'a value of type ' || type
    WHEN value ~ '^<svg xmlns="http://www.w3.org/2000/svg" .*</svg>\n$'
      THEN format('SVG of %s bytes', octet_length(value))
    -- (no half blocks in this file: it is also loaded into a LATIN1 database)
    WHEN value LIKE E'%\n' AND position('<' IN value) = 0
      THEN format('QR code of %s text lines', length(value) - length(replace(value, E'\n', '')))
    WHEN value ~ '^[0-9]{6,8}$' THEN format('code of %s digits', length(value))
    WHEN value LIKE 'otpauth://totp/%' THEN format('otpauth URI of %s bytes', octet_length(value))
    WHEN value ~ '^totp:v1:k2026:[A-Za-z0-9+/]+={0,2}$' THEN format('sealed under k2026, %s characters', length(value))
    WHEN value ~ '^[A-Z2-7]+$' THEN format('base32 of %s characters', length(value))
    WHEN value LIKE 'totp-bc1:%' THEN format('stored set of %s codes', backup_codes_remaining(value))
    ELSE 'text of an unexpected form'
  END;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
                          hint = PG_EXCEPTION_HINT;
  outcome := format('ERROR %s: %s', SQLSTATE, message);
  error_text := concat_ws(' ', message, detail, hint);
END
$$;

-- Whether an outcome is documented: 22023 and 22P02 (README "Inputs"), 2202E and 22004 for
-- arrays of backup codes that are not a plain list, 22P05 for text the database encoding cannot
-- hold (otpauth_parse, otpauth_qr_text), 54000 for an otpauth URI that cannot be
-- built (over 1 GB) or drawn (over 2331 bytes), NULL, or a value of a function's form.
CREATE FUNCTION robustness_documented(outcome text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT outcome ~ ('^(ERROR (22023|22P02|2202E|22004|22P05): '
                    '|ERROR 54000: account and issuer are too long for an otpauth URI$'
                    '|ERROR 54000: uri is too long for a QR code '
                    '|the fields of the otpauth URI$|SVG of [0-9]+ bytes$|QR code of [0-9]+ text lines$'
                    '|NULL$|boolean |integer [0-9]+$|bigint [0-9]+$|code of [678] digits$'
                    '|otpauth URI of |sealed under k2026, |base32 of '
                    '|stored set of [0-9]+ codes$|[0-9]+ backup codes$)')
$$;
