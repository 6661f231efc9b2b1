-- The peer baseline of bench/pg_bulk.sh: TOTP verification written in PL/pgSQL over
-- pgcrypto's hmac(), the way it is commonly done without a C extension. A base32 decoder,
-- RFC 4226 dynamic truncation, and a loop over the steps of the window. Codes are compared
-- as text (not in constant time), as such code usually does.

-- RFC 4648 base32 to bytes: any case, spaces, hyphens and '=' padding ignored.
CREATE FUNCTION plpgsql_base32_decode(encoded text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    alphabet CONSTANT text := 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    clean text := upper(translate(encoded, ' -=', ''));
    result bytea := '';
    buffer bigint := 0;
    bits int := 0;
    val int;
BEGIN
    FOR i IN 1 .. length(clean) LOOP
        val := strpos(alphabet, substr(clean, i, 1)) - 1;
        IF val < 0 THEN
            RAISE EXCEPTION 'invalid base32 character in secret';
        END IF;
        buffer := (buffer << 5) | val;
        bits := bits + 5;
        IF bits >= 8 THEN
            bits := bits - 8;
            result := result || set_byte('\x00'::bytea, 0, ((buffer >> bits) & 255)::int);
            buffer := buffer & ((1::bigint << bits) - 1);
        END IF;
    END LOOP;
    RETURN result;
END
$$;

-- RFC 4226 HOTP: HMAC-SHA-1 of the 8-byte big-endian counter, dynamic truncation.
CREATE FUNCTION plpgsql_hotp(key bytea, counter bigint, digits int DEFAULT 6) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    mac bytea := hmac(int8send(counter), key, 'sha1');
    pos int := get_byte(mac, 19) & 15;
    bin bigint;
BEGIN
    bin := ((get_byte(mac, pos) & 127)::bigint << 24)
         | (get_byte(mac, pos + 1) << 16)
         | (get_byte(mac, pos + 2) << 8)
         | get_byte(mac, pos + 3);
    RETURN lpad((bin % (10 ^ digits)::bigint)::text, digits, '0');
END
$$;

-- RFC 6238 TOTP: true when code is the HOTP of a step within win steps of at's step.
CREATE FUNCTION plpgsql_totp_verify(secret text, code text, win int DEFAULT 1,
                                    at timestamptz DEFAULT now(), digits int DEFAULT 6,
                                    period int DEFAULT 30) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    key bytea := plpgsql_base32_decode(secret);
    step bigint := floor(extract(epoch FROM at) / period)::bigint;
    token text := replace(code, ' ', '');
BEGIN
    IF token !~ ('^[0-9]{' || digits || '}$') THEN
        RETURN false;
    END IF;
    FOR i IN -win .. win LOOP
        IF plpgsql_hotp(key, step + i, digits) = token THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;
