/*
 * test_hotp_totp.c: the RFC 4226 and RFC 6238 vectors, code formatting, and
 * keys with 0x00 bytes against an OpenSSL reference.
 */
#include <string.h>

#include "unit.h"

/* base32 of the ASCII seed "12345678901234567890" (RFC 4226, RFC 6238). */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static const char *const algorithm_names[] = {"SHA1", "SHA256", "SHA512"};

static void
test_rfc4226_hotp(void)
{
	const otp_params params = {6, 30, OTP_SHA1};
	char		secret[OTP_BASE32_LEN(20) + 1];

	unit_base32((const uint8_t *) "12345678901234567890", 20, secret, sizeof(secret));
	CHECK_STR("the RFC 4226 seed encodes to the well-known base32", secret, RFC_SECRET);

	for (int c = 0; c < 10; c++)
	{
		const char *code = rfc4226_codes[c];
		char		out[OTP_CODE_BUFSIZE];
		int64_t		next = 0;

		CHECK_STATUS(unit_name("rfc4226 hotp_code counter %d succeeds", c),
					 otp_hotp_code(RFC_SECRET, strlen(RFC_SECRET), NULL, c, &params, out),
					 OTP_OK);
		CHECK_STR(unit_name("rfc4226 counter %d gives %s", c, code), out, code);

		CHECK_STATUS(unit_name("rfc4226 hotp_verify counter %d succeeds", c),
					 otp_hotp_verify(RFC_SECRET, strlen(RFC_SECRET), NULL, code, 6,
									 c, 0, &params, &next), OTP_OK);
		CHECK_INT(unit_name("rfc4226 hotp_verify of counter %d's code returns %d",
							c, c + 1), next, c + 1);

		otp_hotp_verify(RFC_SECRET, strlen(RFC_SECRET), NULL, code, 6, 0, 9, &params, &next);
		CHECK_INT(unit_name("rfc4226 look-ahead 9 from counter 0 finds counter %d", c),
				  next, c + 1);

		if (c < 9)
		{
			/* Look ahead only over counters the table shows to differ. */
			otp_hotp_verify(RFC_SECRET, strlen(RFC_SECRET), NULL, code, 6,
							c + 1, 8 - c, &params, &next);
			CHECK_INT(unit_name("rfc4226 counter %d's code is refused once the "
								"counter is %d (no look-behind)", c, c + 1),
					  next, OTP_NO_MATCH);
		}
	}
}

static void
test_rfc6238_totp(void)
{
	for (size_t i = 0; i < sizeof(rfc6238) / sizeof(rfc6238[0]); i++)
	{
		otp_params	params = {8, 30, rfc6238[i].algorithm};
		const char *seed = rfc6238_seeds[rfc6238[i].algorithm];
		const char *name = algorithm_names[rfc6238[i].algorithm];
		int64_t		t = rfc6238[i].time;
		char		secret[OTP_BASE32_LEN(64) + 1];
		char		out[OTP_CODE_BUFSIZE];
		int64_t		step = 0;

		unit_base32((const uint8_t *) seed, strlen(seed), secret, sizeof(secret));
		CHECK_STATUS(unit_name("rfc6238 %s at %lld succeeds", name, (long long) t),
					 otp_totp_code(secret, strlen(secret), NULL, t, &params, out), OTP_OK);
		CHECK_STR(unit_name("rfc6238 %s at %lld gives %s", name, (long long) t,
							rfc6238[i].code), out, rfc6238[i].code);

		CHECK_STATUS(unit_name("rfc6238 %s verify at %lld succeeds", name, (long long) t),
					 otp_totp_verify(secret, strlen(secret), NULL, rfc6238[i].code, 8,
									 0, t, -1, &params, &step), OTP_OK);
		CHECK_INT(unit_name("rfc6238 %s verify with window 0 at %lld matches step %lld",
							name, (long long) t, (long long) (t / 30)), step, t / 30);

		/* Fewer digits are the low digits of the same truncated value. */
		params.digits = 6;
		otp_totp_code(secret, strlen(secret), NULL, t, &params, out);
		CHECK_STR(unit_name("rfc6238 %s at %lld with 6 digits is the last 6 of %s",
							name, (long long) t, rfc6238[i].code), out, rfc6238[i].code + 2);
		params.digits = 7;
		otp_totp_code(secret, strlen(secret), NULL, t, &params, out);
		CHECK_STR(unit_name("rfc6238 %s at %lld with 7 digits is the last 7 of %s",
							name, (long long) t, rfc6238[i].code), out, rfc6238[i].code + 1);
	}
}

/*
 * Keys are raw bytes: a 0x00 at the start, middle or end must not cut the
 * key short. The 70-byte key (longer than the SHA-1/SHA-256 block, so hashed)
 * ends in 0x00, where dropping that byte would change the HMAC.
 */
static void
test_zero_bytes_in_key(void)
{
	static const struct
	{
		const char *where;
		size_t		len;
		size_t		zero_at[3];
	}			cases[] = {
		{"at the start", 20, {0, 0, 0}},
		{"in the middle", 20, {10, 10, 10}},
		{"at the end", 20, {19, 19, 19}},
		{"at start, middle and end", 20, {0, 9, 19}},
		{"at the end of a 70-byte key", 70, {69, 69, 69}},
		{"leading a 10-byte key", 10, {0, 1, 2}},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		uint8_t		key[70];
		char		secret[OTP_BASE32_LEN(70) + 1];

		unit_fill(key, cases[i].len, (uint32_t) (i + 100));
		for (int z = 0; z < 3; z++)
			key[cases[i].zero_at[z]] = 0;
		unit_base32(key, cases[i].len, secret, sizeof(secret));

		for (int a = OTP_SHA1; a <= OTP_SHA512; a++)
		{
			otp_params	params = {8, 30, (otp_algorithm) a};

			for (uint64_t counter = 0; counter < 3; counter++)
			{
				char		got[OTP_CODE_BUFSIZE];
				char		want[OTP_CODE_BUFSIZE];

				ref_hotp((otp_algorithm) a, key, cases[i].len, counter, 8, want);
				otp_hotp_code(secret, strlen(secret), NULL, (int64_t) counter, &params, got);
				CHECK_STR(unit_name("%s key with 0x00 %s, counter %d, matches OpenSSL's HMAC",
									algorithm_names[a], cases[i].where, (int) counter),
						  got, want);
			}
		}
	}
}

/*
 * Dynamic truncation reads 4 bytes at an offset taken from the MAC; the core
 * selects them with shifts and masks rather than an index, so every offset
 * 0..15 of every algorithm is checked against the reference's plain
 * indexing, for codes and for verification, at 6, 7 and 8 digits.
 */
static void
test_every_truncation_offset(void)
{
	uint8_t		key[20];
	char		secret[OTP_BASE32_LEN(20) + 1];

	unit_fill(key, sizeof(key), 4226);
	unit_base32(key, sizeof(key), secret, sizeof(secret));
	for (int a = OTP_SHA1; a <= OTP_SHA512; a++)
	{
		unsigned	seen = 0;		/* bit k: offset k checked */
		int			mismatches = 0;

		for (uint64_t counter = 0; counter < 10000 && seen != 0xffff; counter++)
		{
			uint8_t		msg[8];
			uint8_t		mac[REF_HMAC_MAX_LEN];
			size_t		mac_len;
			unsigned	offset;

			for (int i = 0; i < 8; i++)
				msg[i] = (uint8_t) (counter >> (56 - 8 * i));
			mac_len = ref_hmac((otp_algorithm) a, key, sizeof(key), msg, 8, mac);
			if (mac_len == 0)
				break;
			offset = mac[mac_len - 1] & 0x0f;
			if (seen & (1u << offset))
				continue;
			seen |= 1u << offset;
			for (int digits = 6; digits <= 8; digits++)
			{
				otp_params	params = {digits, 30, (otp_algorithm) a};
				char		got[OTP_CODE_BUFSIZE];
				char		want[OTP_CODE_BUFSIZE];
				int64_t		next = 0;

				ref_hotp((otp_algorithm) a, key, sizeof(key), counter, digits, want);
				if (otp_hotp_code(secret, strlen(secret), NULL, (int64_t) counter,
								  &params, got) != OTP_OK || strcmp(got, want) != 0 ||
					otp_hotp_verify(secret, strlen(secret), NULL, want, strlen(want),
									(int64_t) counter, 0, &params, &next) != OTP_OK ||
					next != (int64_t) counter + 1)
					mismatches++;
			}
		}
		CHECK(unit_name("%s MACs with every truncation offset 0..15 were found",
						algorithm_names[a]), seen == 0xffff);
		CHECK_INT(unit_name("%s codes and verification match the reference at every "
							"truncation offset, 6 to 8 digits", algorithm_names[a]),
				  mismatches, 0);
	}
}

/* TOTP is HOTP of floor(at / period), for the smallest and largest period. */
static void
test_totp_is_hotp_of_step(void)
{
	static const int periods[] = {1, 30, 3600};

	for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
	{
		otp_params	params = {6, periods[i], OTP_SHA1};
		int64_t		t = 1111111109;
		char		totp[OTP_CODE_BUFSIZE];
		char		hotp[OTP_CODE_BUFSIZE];

		CHECK_STATUS(unit_name("totp_code with period %d succeeds", periods[i]),
					 otp_totp_code(RFC_SECRET, strlen(RFC_SECRET), NULL, t, &params, totp),
					 OTP_OK);
		otp_hotp_code(RFC_SECRET, strlen(RFC_SECRET), NULL, t / periods[i], &params, hotp);
		CHECK_STR(unit_name("totp_code with period %d equals hotp of at / %d",
							periods[i], periods[i]), totp, hotp);
	}
}

/* Counters and times at the top of int64_t encode all 8 counter bytes. */
static void
test_largest_counter_and_time(void)
{
	const uint8_t *key = (const uint8_t *) "12345678901234567890";
	const otp_params params = {6, 1, OTP_SHA1};
	char		got[OTP_CODE_BUFSIZE];
	char		want[OTP_CODE_BUFSIZE];

	ref_hotp(OTP_SHA1, key, 20, (uint64_t) INT64_MAX, 6, want);
	CHECK_STATUS("hotp_code at counter INT64_MAX succeeds",
				 otp_hotp_code(RFC_SECRET, strlen(RFC_SECRET), NULL, INT64_MAX, &params, got),
				 OTP_OK);
	CHECK_STR("hotp_code at counter INT64_MAX matches the reference", got, want);
	CHECK_STATUS("totp_code at INT64_MAX with period 1 succeeds",
				 otp_totp_code(RFC_SECRET, strlen(RFC_SECRET), NULL, INT64_MAX, &params, got),
				 OTP_OK);
	CHECK_STR("totp_code at INT64_MAX with period 1 is hotp of step INT64_MAX", got, want);

	ref_hotp(OTP_SHA1, key, 20, (uint64_t) INT64_C(0x0102030405060708), 6, want);
	otp_hotp_code(RFC_SECRET, strlen(RFC_SECRET), NULL, INT64_C(0x0102030405060708),
				  &params, got);
	CHECK_STR("hotp counter bytes are big-endian (0x0102030405060708)", got, want);
}

void
test_hotp_totp(void)
{
	test_rfc4226_hotp();
	test_rfc6238_totp();
	test_zero_bytes_in_key();
	test_every_truncation_offset();
	test_totp_is_hotp_of_step();
	test_largest_counter_and_time();
}
