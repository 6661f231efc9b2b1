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

/*
 * RFC 4226 section 5.3 dynamic truncation, reduced to `digits` digits. The
 * offset (0..15) comes from the MAC, so rather than indexing by it, the
 * 31-bit word is shifted out of the MAC's first 24 bytes, held in three
 * 64-bit words: shift counts in registers and mask selects take the same
 * time for every offset.
 */
static uint32_t
truncate_mac(const otp_mac_head *head, int digits)
{
	uint64_t	offset = head->last & 0x0f;
	uint64_t	second = 0 - (offset >> 3);		/* all ones if offset >= 8 */
	uint64_t	hi = (head->w[0] & ~second) | (head->w[1] & second);
	uint64_t	lo = (head->w[1] & ~second) | (head->w[2] & second);
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

/* Secrets of one code computation, kept together so one wipe clears them. */
typedef struct hotp_scratch
{
	otp_mac_head head;			/* the MAC's head */
	uint32_t	expected;		/* the code it gives, as a number */
	uint32_t	entered;		/* the user's code, as a number */
} hotp_scratch;

int
otp_hotp_from_hmac(otp_hmac_key *hmac, uint64_t counter, int digits, char *out)
{
	hotp_scratch s;

	otp_hmac_counter_head(hmac, counter, &s.head);
	s.expected = truncate_mac(&s.head, digits);
	for (int i = digits - 1; i >= 0; i--, s.expected /= 10)
		out[i] = (char) ('0' + s.expected % 10);
	out[digits] = '\0';
	otp_wipe(&s, sizeof(s));
	return OTP_OK;
}

/*
 * The code's characters are read without a branch on their values (a
 * correct code is a credential); only where its spaces stand, how many
 * characters are left, and whether it is well-formed (else it is no match)
 * are public.
 */
int
otp_code_parse(const char *code, size_t code_len, int digits, uint32_t *value)
{
	uint32_t	bad = 0;
	uint32_t	v = 0;
	int			n = 0;
	int			ok;

	*value = 0;

	/*
	 * The usual case, exactly `digits` characters: no need to find spaces
	 * first, since a space among them would leave too few digits, and it
	 * fails the digit test below just the same.
	 */
	if (code_len == (size_t) digits)
	{
		for (size_t i = 0; i < code_len; i++)
		{
			uint32_t	c = (unsigned char) code[i];

			bad |= ((c - '0') | ('9' - c)) >> 31;
			v = v * 10 + (c - '0');
		}
		ok = bad == 0;
		OTP_DECLASSIFY(&ok, sizeof(ok));
		*value = v;
		return ok;
	}

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
		v = v * 10 + (c - '0');	/* meaningless unless bad stays 0 */
		n++;
	}
	ok = (n == digits) & (bad == 0);
	OTP_DECLASSIFY(&ok, sizeof(ok));
	*value = v;
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
	status = otp_hmac_init_padded(hmac, params->algorithm, key.bytes, key.len);
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
	hotp_scratch s;
	int64_t		found = OTP_NO_MATCH;
	int			have_found = 0;
	int			status;

	*match = OTP_NO_MATCH;
	status = prepare_hmac(&hmac, secret, secret_len, keyring, params, check_period);
	if (status != OTP_OK)
		return status;
	if (!otp_code_parse(code, code_len, params->digits, &s.entered))
		goto cleanup;

	for (int64_t counter = first; counter <= last; counter++)
	{
		int			hit;

		otp_hmac_counter_head(&hmac, (uint64_t) counter, &s.head);
		s.expected = truncate_mac(&s.head, params->digits);
		hit = (int) (mask_eq32(s.expected, s.entered) & 1) &
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
	otp_wipe(&s, sizeof(s));
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
