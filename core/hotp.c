/*
 * hotp.c: HOTP (RFC 4226) and TOTP (RFC 6238) codes and their verification.
 */
#include "otp_internal.h"

/* All ones if a == b, else zero, without a branch. */
static inline uint32_t
mask_eq32(uint32_t a, uint32_t b)
{
	return (uint32_t) (((uint64_t) (a ^ b) - 1) >> 32);
}

/* Big-endian 64-bit word at p. */
static inline uint64_t
load_be64(const uint8_t *p)
{
	return ((uint64_t) p[0] << 56) | ((uint64_t) p[1] << 48) |
		((uint64_t) p[2] << 40) | ((uint64_t) p[3] << 32) |
		((uint64_t) p[4] << 24) | ((uint64_t) p[5] << 16) |
		((uint64_t) p[6] << 8) | (uint64_t) p[7];
}

/*
 * RFC 4226 section 5.3 dynamic truncation, reduced to `digits` digits. The
 * offset (0..15) comes from the MAC, so rather than indexing by it, the
 * 31-bit word is shifted out of the first 24 bytes held in three 64-bit
 * words: shift counts in registers and mask selects take the same time for
 * every offset. mac must have 24 readable bytes (OTP_HMAC_MAX_LEN has 64).
 */
static uint32_t
truncate_mac(const uint8_t *mac, size_t mac_len, int digits)
{
	uint64_t	offset = mac[mac_len - 1] & 0x0f;
	uint64_t	w0 = load_be64(mac);
	uint64_t	w1 = load_be64(mac + 8);
	uint64_t	w2 = load_be64(mac + 16);
	uint64_t	second = 0 - (offset >> 3);		/* all ones if offset >= 8 */
	uint64_t	hi = (w0 & ~second) | (w1 & second);
	uint64_t	lo = (w1 & ~second) | (w2 & second);
	uint64_t	r = (offset & 7) * 8;
	/* bytes offset..offset+7; ">> 1 >> (63 - r)" avoids a shift by 64 */
	uint64_t	window = (hi << r) | ((lo >> 1) >> (63 - r));
	uint32_t	value = (uint32_t) (window >> 32) & 0x7fffffff;

	/* Constant divisors, so the compiler uses a multiply, not a divide. */
	switch (digits)
	{
		case 6:
			return value % 1000000;
		case 7:
			return value % 10000000;
		default:
			return value % 100000000;
	}
}

/* The HOTP value (the code as a number) for counter with a prepared key. */
static int
hotp_value(otp_hmac_key *hmac, uint64_t counter, int digits, uint32_t *value,
		   uint8_t *mac)
{
	size_t		mac_len;
	int			status;

	status = otp_hmac_counter(hmac, counter, mac, &mac_len);
	if (status == OTP_OK)
		*value = truncate_mac(mac, mac_len, digits);
	return status;
}

int
otp_hotp_from_hmac(otp_hmac_key *hmac, uint64_t counter, int digits, char *out)
{
	uint8_t		mac[OTP_HMAC_MAX_LEN];
	uint32_t	value = 0;
	int			status = hotp_value(hmac, counter, digits, &value, mac);

	if (status == OTP_OK)
	{
		for (int i = digits - 1; i >= 0; i--, value /= 10)
			out[i] = (char) ('0' + value % 10);
		out[digits] = '\0';
	}
	otp_wipe(mac, sizeof(mac));
	otp_wipe(&value, sizeof(value));
	return status;
}

/*
 * The code's characters are compared without a branch (a correct code is a
 * credential); only where its spaces stand, how many characters are left,
 * and whether it is well-formed (else it is no match) are public.
 */
int
otp_code_parse(const char *code, size_t code_len, int digits, char *out)
{
	uint32_t	bad = 0;
	int			n = 0;
	int			ok;

	for (size_t i = 0; i < code_len; i++)
	{
		uint32_t	c = (unsigned char) code[i];
		int			space = (int) (otp_mask_eq(c, ' ') & 1);

		OTP_DECLASSIFY(&space, sizeof(space));
		if (space)
			continue;
		if (n == digits)
			return 0;
		bad |= ((c - '0') | ('9' - c)) >> 31;	/* 1 unless '0' <= c <= '9' */
		out[n++] = (char) c;
	}
	ok = (n == digits) & (bad == 0);
	OTP_DECLASSIFY(&ok, sizeof(ok));
	return ok;
}

/* Shared setup of every code function: check, decode, prepare the HMAC. */
static int
prepare_hmac(otp_hmac_key *hmac, const char *secret, size_t secret_len,
			 const otp_keyring *keyring, const otp_params *params,
			 int check_period)
{
	otp_key		key;
	int			status;

	status = otp_params_check(params, check_period);
	if (status != OTP_OK)
		return status;
	status = otp_key_decode(&key, secret, secret_len, keyring);
	if (status != OTP_OK)
		return status;
	status = otp_hmac_init(hmac, params->algorithm, key.bytes, key.len);
	otp_key_wipe(&key);
	return status;
}

/* All-ones if the condition (0 or 1) holds, else zero; no branch. */
static inline int64_t
mask64(int condition)
{
	return -(int64_t) condition;
}

int
otp_hotp_code(const char *secret, size_t secret_len, const otp_keyring *keyring,
			  int64_t counter, const otp_params *params, char *out)
{
	otp_hmac_key hmac;
	int			status;

	out[0] = '\0';
	if (counter < 0)
		return OTP_ERR_COUNTER;
	status = prepare_hmac(&hmac, secret, secret_len, keyring, params, 0);
	if (status != OTP_OK)
		return status;
	status = otp_hotp_from_hmac(&hmac, (uint64_t) counter, params->digits, out);
	otp_hmac_wipe(&hmac);
	return status;
}

int
otp_totp_code(const char *secret, size_t secret_len, const otp_keyring *keyring,
			  int64_t at, const otp_params *params, char *out)
{
	out[0] = '\0';
	if (at < 0)
		return OTP_ERR_TIME;
	if (params->period < OTP_MIN_PERIOD || params->period > OTP_MAX_PERIOD)
		return OTP_ERR_PERIOD;
	return otp_hotp_code(secret, secret_len, keyring, at / params->period,
						 params, out);
}

/*
 * Compare code against the HOTP values for counters first..last (skipping
 * any not above `floor`), computing all of them. Set *match to the earliest
 * eligible matching counter or OTP_NO_MATCH.
 */
static int
match_counters(const char *secret, size_t secret_len, const otp_keyring *keyring,
			   const char *code, size_t code_len,
			   int64_t first, int64_t last, int64_t floor,
			   const otp_params *params, int check_period, int64_t *match)
{
	otp_hmac_key hmac;
	uint8_t		mac[OTP_HMAC_MAX_LEN];
	char		entered[OTP_CODE_BUFSIZE];
	uint32_t	entered_value = 0;
	uint32_t	expected = 0;
	int64_t		found = OTP_NO_MATCH;
	int			have_found = 0;
	int			status;

	*match = OTP_NO_MATCH;
	status = prepare_hmac(&hmac, secret, secret_len, keyring, params, check_period);
	if (status != OTP_OK)
		return status;
	if (!otp_code_parse(code, code_len, params->digits, entered))
		goto cleanup;
	for (int i = 0; i < params->digits; i++)
		entered_value = entered_value * 10 + (uint32_t) (entered[i] - '0');

	for (int64_t counter = first; counter <= last; counter++)
	{
		int			hit;

		status = hotp_value(&hmac, (uint64_t) counter, params->digits, &expected, mac);
		if (status != OTP_OK)
			goto cleanup;
		hit = (int) (mask_eq32(expected, entered_value) & 1) &
			(counter > floor) & !have_found;
		found = (found & ~mask64(hit)) | (counter & mask64(hit));
		have_found |= hit;
		if (counter == last)
			break;				/* last may be INT64_MAX */
	}
	/* Which step matched, if any, is the caller's answer: public. */
	OTP_DECLASSIFY(&found, sizeof(found));
	*match = found;

cleanup:
	otp_hmac_wipe(&hmac);
	otp_wipe(mac, sizeof(mac));
	otp_wipe(&expected, sizeof(expected));
	otp_wipe(entered, sizeof(entered));
	return status;
}

int
otp_hotp_verify(const char *secret, size_t secret_len, const otp_keyring *keyring,
				const char *code, size_t code_len,
				int64_t counter, int look_ahead,
				const otp_params *params, int64_t *next_counter)
{
	int64_t		last;
	int64_t		matched;
	int			status;

	*next_counter = OTP_NO_MATCH;
	if (counter < 0)
		return OTP_ERR_COUNTER;
	if (look_ahead < 0 || look_ahead > OTP_MAX_LOOK_AHEAD)
		return OTP_ERR_LOOK_AHEAD;
	/* The next counter must fit, so INT64_MAX itself is never matched. */
	last = counter > INT64_MAX - 1 - look_ahead ? INT64_MAX - 1 : counter + look_ahead;

	status = match_counters(secret, secret_len, keyring, code, code_len,
							counter, last, -1, params, 0, &matched);
	if (status == OTP_OK && matched != OTP_NO_MATCH)
		*next_counter = matched + 1;
	return status;
}

int
otp_totp_verify(const char *secret, size_t secret_len, const otp_keyring *keyring,
				const char *code, size_t code_len,
				int window, int64_t at, int64_t after_step,
				const otp_params *params, int64_t *matched_step)
{
	int64_t		step;

	*matched_step = OTP_NO_MATCH;
	if (window < 0 || window > OTP_MAX_WINDOW)
		return OTP_ERR_WINDOW;
	if (at < 0)
		return OTP_ERR_TIME;
	if (params->period < OTP_MIN_PERIOD || params->period > OTP_MAX_PERIOD)
		return OTP_ERR_PERIOD;

	step = at / params->period;
	return match_counters(secret, secret_len, keyring, code, code_len,
						  step < window ? 0 : step - window,
						  step > INT64_MAX - window ? INT64_MAX : step + window,
						  after_step, params, 1, matched_step);
}
