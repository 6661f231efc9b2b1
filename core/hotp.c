/*
 * hotp.c: HOTP (RFC 4226) and TOTP (RFC 6238) codes and their verification.
 */
#include <openssl/crypto.h>

#include "otp_internal.h"

static const uint32_t powers_of_ten[OTP_MAX_DIGITS + 1] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000
};

int
otp_hotp_from_hmac(const otp_hmac_key *hmac, uint64_t counter, int digits,
				   char *out)
{
	uint8_t		msg[8];
	uint8_t		mac[OTP_HMAC_MAX_LEN];
	size_t		mac_len;
	uint32_t	value;
	int			status;

	for (int i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (uint8_t) (counter & 0xff);

	status = otp_hmac(hmac, msg, sizeof(msg), mac, &mac_len);
	if (status == OTP_OK)
	{
		/* RFC 4226 section 5.3: dynamic truncation. */
		unsigned	offset = mac[mac_len - 1] & 0x0f;

		value = ((uint32_t) (mac[offset] & 0x7f) << 24) |
			((uint32_t) mac[offset + 1] << 16) |
			((uint32_t) mac[offset + 2] << 8) |
			(uint32_t) mac[offset + 3];
		value %= powers_of_ten[digits];
		for (int i = digits - 1; i >= 0; i--, value /= 10)
			out[i] = (char) ('0' + value % 10);
		out[digits] = '\0';
		value = 0;
	}
	otp_wipe(mac, sizeof(mac));
	return status;
}

int
otp_code_parse(const char *code, size_t code_len, int digits, char *out)
{
	int			n = 0;

	for (size_t i = 0; i < code_len; i++)
	{
		char		c = code[i];

		if (c == ' ')
			continue;
		if (c < '0' || c > '9' || n == digits)
			return 0;
		out[n++] = c;
	}
	return n == digits;
}

/* Shared setup of every code function: check, decode, prepare the HMAC. */
static int
prepare_hmac(otp_hmac_key *hmac, const char *secret, size_t secret_len,
			 const otp_params *params, int check_period)
{
	otp_key		key;
	int			status;

	status = otp_params_check(params, check_period);
	if (status != OTP_OK)
		return status;
	status = otp_key_decode(&key, secret, secret_len, NULL);
	if (status != OTP_OK)
		return status;
	status = otp_hmac_init(hmac, params->algorithm, key.bytes, key.len);
	otp_wipe(&key, sizeof(key));
	return status;
}

/* All-ones if the condition (0 or 1) holds, else zero; no branch. */
static inline int64_t
mask64(int condition)
{
	return -(int64_t) condition;
}

int
otp_hotp_code(const char *secret, size_t secret_len, int64_t counter,
			  const otp_params *params, char *out)
{
	otp_hmac_key hmac;
	int			status;

	out[0] = '\0';
	if (counter < 0)
		return OTP_ERR_COUNTER;
	status = prepare_hmac(&hmac, secret, secret_len, params, 0);
	if (status != OTP_OK)
		return status;
	status = otp_hotp_from_hmac(&hmac, (uint64_t) counter, params->digits, out);
	otp_hmac_wipe(&hmac);
	return status;
}

int
otp_totp_code(const char *secret, size_t secret_len, int64_t at,
			  const otp_params *params, char *out)
{
	out[0] = '\0';
	if (at < 0)
		return OTP_ERR_TIME;
	if (params->period < OTP_MIN_PERIOD || params->period > OTP_MAX_PERIOD)
		return OTP_ERR_PERIOD;
	return otp_hotp_code(secret, secret_len, at / params->period, params, out);
}

/*
 * Compare code against the HOTP values for counters first..last (skipping
 * any not above `floor`), computing all of them. Set *match to the earliest
 * eligible matching counter or OTP_NO_MATCH.
 */
static int
match_counters(const char *secret, size_t secret_len,
			   const char *code, size_t code_len,
			   int64_t first, int64_t last, int64_t floor,
			   const otp_params *params, int check_period, int64_t *match)
{
	otp_hmac_key hmac;
	char		entered[OTP_CODE_BUFSIZE];
	char		expected[OTP_CODE_BUFSIZE];
	int64_t		found = OTP_NO_MATCH;
	int			have_found = 0;
	int			status;

	*match = OTP_NO_MATCH;
	status = prepare_hmac(&hmac, secret, secret_len, params, check_period);
	if (status != OTP_OK)
		return status;
	if (!otp_code_parse(code, code_len, params->digits, entered))
		goto cleanup;

	for (int64_t counter = first; counter <= last; counter++)
	{
		int			hit;

		status = otp_hotp_from_hmac(&hmac, (uint64_t) counter, params->digits,
									expected);
		if (status != OTP_OK)
			goto cleanup;
		hit = (CRYPTO_memcmp(expected, entered, (size_t) params->digits) == 0) &
			(counter > floor) & !have_found;
		found = (found & ~mask64(hit)) | (counter & mask64(hit));
		have_found |= hit;
		if (counter == last)
			break;				/* last may be INT64_MAX */
	}
	*match = found;

cleanup:
	otp_hmac_wipe(&hmac);
	otp_wipe(expected, sizeof(expected));
	otp_wipe(entered, sizeof(entered));
	return status;
}

int
otp_hotp_verify(const char *secret, size_t secret_len,
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

	status = match_counters(secret, secret_len, code, code_len,
							counter, last, -1, params, 0, &matched);
	if (status == OTP_OK && matched != OTP_NO_MATCH)
		*next_counter = matched + 1;
	return status;
}

int
otp_totp_verify(const char *secret, size_t secret_len,
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
	return match_counters(secret, secret_len, code, code_len,
						  step < window ? 0 : step - window,
						  step > INT64_MAX - window ? INT64_MAX : step + window,
						  after_step, params, 1, matched_step);
}
