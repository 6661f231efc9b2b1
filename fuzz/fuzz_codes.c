/*
 * fuzz_codes.c: code parsing and verification (core/hotp.c): arbitrary code
 * strings and parameters into otp_totp_verify / otp_hotp_verify with fixed
 * secrets, checked against a reference that computes every code of the
 * window with OpenSSL's HMAC() directly.
 *
 * Input layout (short inputs read as zeros):
 *   0      flags: bit 0 HOTP (else TOTP); bits 1-2 algorithm (3: not one);
 *          bits 3-5 secret (see secrets[]); bit 6 derived code (else raw)
 *   1      digits = 5 + b % 5 (5 and 9 are out of range)
 *   2-3    period = be16 % 3602 (0 and 3601 are out of range)
 *   4      TOTP window = b % 13 - 1 (-1..11); HOTP look_ahead = b % 103 - 1
 *   5-12   at (TOTP) or counter (HOTP): be64 as int64 (negative: an error)
 *   13-20  after_step: be64 as int64 (TOTP replay guard)
 *   21..   raw: the code text. derived: offset o (step or counter + b % 25 -
 *          12), flip f (bit 0: change digit (f >> 1) % digits), then one
 *          byte per digit: bits 0-1 spaces before it, bit 2 a tab instead,
 *          bit 3 the letter 'o' instead of the digit, bit 4 a trailing
 *          space, bit 5 an extra trailing digit.
 *
 * Properties:
 * - A code never causes an error: the status is OTP_OK when every
 *   parameter is in range, else one of the errors of the parameters that
 *   are out of range; on error nothing matches.
 * - TOTP matches iff the code without spaces is exactly `digits` ASCII
 *   digits equal to the reference code of a step in [step - window, step +
 *   window] (clamped to 0..INT64_MAX) that is > after_step, and the step
 *   reported is the earliest such. HOTP likewise over counter..counter +
 *   look_ahead (at most INT64_MAX - 1), reporting matched + 1.
 * - otp_totp_code / otp_hotp_code give the reference code.
 * - A sealed secret verifies exactly as its plain form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define NSECRETS 8
#define MAX_CODE 512

typedef struct secret
{
	char	   *text;			/* as stored: canonical, lenient or sealed */
	uint8_t		key[OTP_MAX_KEY_BYTES];
	size_t		key_len;
} secret;

static secret secrets[NSECRETS];
static otp_keyring ring;

static void
set_secret(secret *s, const uint8_t *key, size_t len, const char *text)
{
	memcpy(s->key, key, len);
	s->key_len = len;
	s->text = strdup(text);
	FUZZ_CHECK(s->text != NULL, "out of memory");
}

/* Canonical base32 of key as a secret. */
static void
set_canonical(secret *s, const uint8_t *key, size_t len)
{
	char		text[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];

	ref_base32_encode(key, len, text);
	set_secret(s, key, len, text);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t zeros[10] = {0, 0, 0xff, 0, 1, 0, 0, 0x80, 0, 0};
	uint8_t		buf[OTP_MAX_KEY_BYTES];
	char		sealed[OTP_SEALED_BUFSIZE];
	size_t		sealed_len;
	int			status;

	(void) argc;
	(void) argv;
	fuzz_keyring(&ring, fuzz_keyring_text);

	/* RFC 6238 appendix B keys: ASCII "1234567890" repeated to 20/32/64. */
	for (size_t i = 0; i < 64; i++)
		buf[i] = (uint8_t) ('0' + (i + 1) % 10);
	set_canonical(&secrets[0], buf, 20);
	set_canonical(&secrets[1], buf, 32);
	set_canonical(&secrets[2], buf, 64);
	/* Zero bytes anywhere, typed leniently: lower case, separators, padding. */
	set_secret(&secrets[3], zeros, sizeof(zeros), "aaap 6aab-aaai aaaa= ");
	/* Longer than SHA-512's block, so HMAC hashes the key first. */
	fuzz_fill(buf, 200, 3);
	set_canonical(&secrets[4], buf, 200);
	/* The largest key there is. */
	fuzz_fill(buf, OTP_MAX_KEY_BYTES, 4);
	set_canonical(&secrets[5], buf, OTP_MAX_KEY_BYTES);
	/* RFC key, lower case with padding. */
	for (size_t i = 0; i < 20; i++)
		buf[i] = (uint8_t) ('0' + (i + 1) % 10);
	set_secret(&secrets[6], buf, 20, "gezdgnbvgy3tqojqgezdgnbvgy3tqojq========");
	/* The RFC key sealed under k2026. */
	status = otp_seal(secrets[0].text, strlen(secrets[0].text), &ring, sealed,
					  sizeof(sealed), &sealed_len);
	FUZZ_CHECK(status == OTP_OK, "seal fixture: %s", otp_strerror(status));
	set_secret(&secrets[7], buf, 20, sealed);

	/* The fixtures themselves decode to the keys they claim. */
	for (int i = 0; i < NSECRETS; i++)
	{
		char		plain[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
		char		want[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];

		status = otp_unseal(secrets[i].text, strlen(secrets[i].text), &ring,
							plain, sizeof(plain));
		ref_base32_encode(secrets[i].key, secrets[i].key_len, want);
		FUZZ_CHECK(status == OTP_OK && strcmp(plain, want) == 0,
				   "fixture secret %d does not decode to its key", i);
	}
	return 0;
}

/* The code without spaces if it is exactly `digits` ASCII digits. */
static int
ref_normalise(const char *code, size_t len, int digits, char *out)
{
	int			n = 0;

	for (size_t i = 0; i < len; i++)
	{
		if (code[i] == ' ')
			continue;
		if (code[i] < '0' || code[i] > '9' || n >= digits)
			return 0;
		out[n++] = code[i];
	}
	out[n] = '\0';
	return n == digits;
}

/*
 * Earliest counter c in [first, last] with c > floor whose reference code is
 * `want`, or OTP_NO_MATCH. first <= last is not required.
 */
static int64_t
ref_match(const secret *s, otp_algorithm algorithm, int digits, int64_t first,
		  int64_t last, int64_t floor, const char *want)
{
	for (int64_t c = first; c <= last; c++)
	{
		char		code[OTP_CODE_BUFSIZE];

		ref_hotp(algorithm, s->key, s->key_len, (uint64_t) c, digits, code);
		if (c > floor && strcmp(code, want) == 0)
			return c;
		if (c == last)
			break;				/* last may be INT64_MAX */
	}
	return OTP_NO_MATCH;
}

/* Build a code from the reference code of counter c, as layout explains. */
static size_t
derive_code(fuzz_reader *r, const secret *s, otp_algorithm algorithm,
			int digits, int64_t base, char *code)
{
	int			offset = fuzz_u8(r) % 25 - 12;
	uint8_t		flip = fuzz_u8(r);
	int64_t		c;
	char		real[OTP_CODE_BUFSIZE];
	size_t		n = 0;
	int			trailing = 0;

	/* A parameter error makes the code irrelevant: any digits will do. */
	if (digits < OTP_MIN_DIGITS || digits > OTP_MAX_DIGITS || base < 0 ||
		(offset > 0 && base > INT64_MAX - offset) || base + offset < 0 ||
		(unsigned) algorithm > OTP_SHA512)
	{
		memset(real, '7', OTP_MAX_DIGITS);
		real[digits < OTP_MAX_DIGITS ? digits : OTP_MAX_DIGITS] = '\0';
	}
	else
	{
		c = base + offset;
		ref_hotp(algorithm, s->key, s->key_len, (uint64_t) c, digits, real);
	}
	if (flip & 1)
	{
		size_t		at = (size_t) (flip >> 1) % strlen(real);

		real[at] = (char) ('0' + (real[at] - '0' + 1 + (flip >> 4) % 9) % 10);
	}
	for (size_t i = 0; real[i] != '\0'; i++)
	{
		uint8_t		b = fuzz_u8(r);

		for (int k = 0; k < (b & 3); k++)
			code[n++] = (b & 4) ? '\t' : ' ';
		code[n++] = (b & 8) ? 'o' : real[i];
		trailing |= b;
	}
	if (trailing & 16)
		code[n++] = ' ';
	if (trailing & 32)
		code[n++] = '0';
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader r = {data, size};
	uint8_t		flags = fuzz_u8(&r);
	int			hotp = flags & 1;
	otp_algorithm algorithm = (otp_algorithm) ((flags >> 1) & 3);
	const secret *s = &secrets[((flags >> 3) & 7) % NSECRETS];
	int			derived = (flags >> 6) & 1;
	int			digits = 5 + fuzz_u8(&r) % 5;
	int			period = fuzz_u16(&r) % 3602;
	uint8_t		range_byte = fuzz_u8(&r);
	int			window = range_byte % 13 - 1;
	int			look_ahead = range_byte % 103 - 1;
	int64_t		at = (int64_t) fuzz_u64(&r);
	int64_t		after_step = (int64_t) fuzz_u64(&r);
	otp_params	params = {digits, period, algorithm};
	char		code_buf[MAX_CODE];
	const char *code_text;
	char	   *code;
	size_t		code_len;
	char		want[OTP_CODE_BUFSIZE + MAX_CODE];
	int			well_formed;
	int			bad_digits = digits < OTP_MIN_DIGITS || digits > OTP_MAX_DIGITS;
	int			bad_algorithm = (unsigned) algorithm > OTP_SHA512;
	int			bad_period = period < OTP_MIN_PERIOD || period > OTP_MAX_PERIOD;
	int64_t		got = 12345;
	int64_t		expect = OTP_NO_MATCH;
	int			status;

	if (derived)
	{
		int64_t		base = hotp ? at : (bad_period || at < 0 ? 0 : at / period);

		code_len = derive_code(&r, s, algorithm, digits, base, code_buf);
		code_text = code_buf;
	}
	else
	{
		code_text = (const char *) fuzz_bytes(&r, MAX_CODE, &code_len);
	}
	code = fuzz_guard_copy(code_text, code_len);
	well_formed = !bad_digits && ref_normalise(code, code_len, digits, want);

	if (hotp)
	{
		int			bad_counter = at < 0;
		int			bad_look_ahead = look_ahead < 0 || look_ahead > OTP_MAX_LOOK_AHEAD;
		int			any_bad = bad_counter || bad_look_ahead || bad_digits || bad_algorithm;

		status = otp_hotp_verify(s->text, strlen(s->text), &ring, code, code_len,
								 at, look_ahead, &params, &got);
		fuzz_status(status);
		if (any_bad)
		{
			FUZZ_CHECK(status != OTP_OK &&
					   ((status == OTP_ERR_COUNTER && bad_counter) ||
						(status == OTP_ERR_LOOK_AHEAD && bad_look_ahead) ||
						(status == OTP_ERR_DIGITS && bad_digits) ||
						(status == OTP_ERR_ALGORITHM && bad_algorithm)),
					   "HOTP: got %s for counter %lld, look_ahead %d, digits %d, "
					   "algorithm %d", otp_strerror(status), (long long) at,
					   look_ahead, digits, (int) algorithm);
			FUZZ_CHECK(got == OTP_NO_MATCH, "HOTP error but next counter %lld",
					   (long long) got);
		}
		else
		{
			int64_t		last = at > INT64_MAX - 1 - look_ahead ? INT64_MAX - 1 :
				at + look_ahead;
			char		code_at[OTP_CODE_BUFSIZE];
			char		ref_at[OTP_CODE_BUFSIZE];

			if (status != OTP_OK)
				fuzz_dump("code", code, code_len);
			FUZZ_CHECK(status == OTP_OK, "HOTP verify with valid parameters: %s",
					   otp_strerror(status));
			if (well_formed)
			{
				expect = ref_match(s, algorithm, digits, at, last, -1, want);
				if (expect != OTP_NO_MATCH)
					expect++;
			}
			if (got != expect)
				fuzz_dump("code", code, code_len);
			FUZZ_CHECK(got == expect, "HOTP counter %lld look_ahead %d: next "
					   "counter %lld, reference %lld", (long long) at, look_ahead,
					   (long long) got, (long long) expect);

			status = otp_hotp_code(s->text, strlen(s->text), &ring, at, &params,
								   code_at);
			ref_hotp(algorithm, s->key, s->key_len, (uint64_t) at, digits, ref_at);
			FUZZ_CHECK(status == OTP_OK && strcmp(code_at, ref_at) == 0,
					   "otp_hotp_code(%lld) = \"%s\" (%s), reference \"%s\"",
					   (long long) at, code_at, otp_strerror(status), ref_at);
		}
	}
	else
	{
		int			bad_window = window < 0 || window > OTP_MAX_WINDOW;
		int			bad_time = at < 0;
		int			any_bad = bad_window || bad_time || bad_period || bad_digits ||
			bad_algorithm;

		status = otp_totp_verify(s->text, strlen(s->text), &ring, code, code_len,
								 window, at, after_step, &params, &got);
		fuzz_status(status);
		if (any_bad)
		{
			FUZZ_CHECK(status != OTP_OK &&
					   ((status == OTP_ERR_WINDOW && bad_window) ||
						(status == OTP_ERR_TIME && bad_time) ||
						(status == OTP_ERR_PERIOD && bad_period) ||
						(status == OTP_ERR_DIGITS && bad_digits) ||
						(status == OTP_ERR_ALGORITHM && bad_algorithm)),
					   "TOTP: got %s for window %d, at %lld, period %d, digits %d, "
					   "algorithm %d", otp_strerror(status), window, (long long) at,
					   period, digits, (int) algorithm);
			FUZZ_CHECK(got == OTP_NO_MATCH, "TOTP error but step %lld",
					   (long long) got);
		}
		else
		{
			int64_t		step = at / period;
			int64_t		first = step < window ? 0 : step - window;
			int64_t		last = step > INT64_MAX - window ? INT64_MAX : step + window;
			char		code_at[OTP_CODE_BUFSIZE];
			char		ref_at[OTP_CODE_BUFSIZE];

			if (status != OTP_OK)
				fuzz_dump("code", code, code_len);
			FUZZ_CHECK(status == OTP_OK, "TOTP verify with valid parameters: %s",
					   otp_strerror(status));
			if (well_formed)
				expect = ref_match(s, algorithm, digits, first, last, after_step, want);
			if (got != expect)
				fuzz_dump("code", code, code_len);
			FUZZ_CHECK(got == expect, "TOTP at %lld period %d window %d after %lld: "
					   "step %lld, reference %lld", (long long) at, period, window,
					   (long long) after_step, (long long) got, (long long) expect);
			FUZZ_CHECK(expect == OTP_NO_MATCH || expect > after_step,
					   "replay guard: step %lld <= after_step %lld",
					   (long long) expect, (long long) after_step);

			status = otp_totp_code(s->text, strlen(s->text), &ring, at, &params,
								   code_at);
			ref_hotp(algorithm, s->key, s->key_len, (uint64_t) step, digits, ref_at);
			FUZZ_CHECK(status == OTP_OK && strcmp(code_at, ref_at) == 0,
					   "otp_totp_code(%lld) = \"%s\" (%s), reference \"%s\"",
					   (long long) at, code_at, otp_strerror(status), ref_at);
		}
	}
	fuzz_guard_free(code, code_len);
	return 0;
}
