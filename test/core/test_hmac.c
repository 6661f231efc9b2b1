/*
 * test_hmac.c: the core's precomputed-pad HMAC (core/otp_hmac.h) is pinned to
 * OpenSSL's HMAC for every key length around the block sizes (64 bytes for
 * SHA-1/SHA-256, 128 for SHA-512) and messages of many lengths.
 */
#include <string.h>

#include "otp_hmac.h"
#include "unit.h"

#define MAX_KEY 200

static const char *const algorithm_names[] = {"SHA1", "SHA256", "SHA512"};
static const size_t digest_sizes[] = {20, 32, 64};

/* Around the message block boundaries and the padding cut-offs. */
static const size_t msg_lengths[] = {
	0, 1, 8, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 200, 1000
};

/* One prepared key per (algorithm, key length), reused for every message. */
static void
test_hmac_matches_openssl(void)
{
	static uint8_t msg[1000];

	unit_fill(msg, sizeof(msg), 7);
	for (int a = OTP_SHA1; a <= OTP_SHA512; a++)
	{
		for (size_t key_len = 0; key_len <= MAX_KEY; key_len++)
		{
			otp_hmac_key hmac;
			uint8_t		key[MAX_KEY];
			int			status;
			size_t		bad_msg = (size_t) -1;

			unit_fill(key, key_len, (uint32_t) (1000 * a + key_len));
			status = otp_hmac_init(&hmac, (otp_algorithm) a, key, key_len);
			if (!CHECK_STATUS(unit_name("otp_hmac_init %s with a %zu-byte key succeeds",
										algorithm_names[a], key_len), status, OTP_OK))
				continue;
			for (size_t m = 0; m < sizeof(msg_lengths) / sizeof(msg_lengths[0]); m++)
			{
				uint8_t		got[OTP_HMAC_MAX_LEN];
				uint8_t		want[REF_HMAC_MAX_LEN];
				size_t		got_len = 0;
				size_t		want_len;

				status = otp_hmac(&hmac, msg, msg_lengths[m], got, &got_len);
				want_len = ref_hmac((otp_algorithm) a, key, key_len,
									msg, msg_lengths[m], want);
				if (status != OTP_OK || want_len != digest_sizes[a] ||
					got_len != want_len || memcmp(got, want, want_len) != 0)
				{
					bad_msg = msg_lengths[m];
					break;
				}
			}
			CHECK(unit_name("HMAC-%s with a %zu-byte key equals OpenSSL's HMAC for "
							"messages of 0..1000 bytes (first mismatch at %zu bytes)",
							algorithm_names[a], key_len, bad_msg),
				  bad_msg == (size_t) -1);
			otp_hmac_wipe(&hmac);
		}
	}
}

/*
 * otp_hmac_counter, the HOTP hot path, builds its padded blocks itself and
 * calls OpenSSL's compression function: pin it to OpenSSL's HMAC of the
 * 8-byte big-endian counter, for every key length and counters that set
 * every byte.
 */
static void
test_hmac_counter_matches_openssl(void)
{
	static const uint64_t counters[] = {
		0, 1, 255, 256, 0x0102030405060708u, 0x7fffffffffffffffu,
		0x8000000000000000u, 0xffffffffffffffffu, 1111111109 / 30, 20000000000 / 30
	};

	for (int a = OTP_SHA1; a <= OTP_SHA512; a++)
	{
		for (size_t key_len = 0; key_len <= MAX_KEY; key_len++)
		{
			otp_hmac_key hmac;
			uint8_t		key[MAX_KEY];
			uint64_t	bad_counter = 0;
			int			ok = 1;

			unit_fill(key, key_len, (uint32_t) (7000 * a + key_len));
			if (!CHECK_STATUS(unit_name("otp_hmac_init %s with a %zu-byte key succeeds",
										algorithm_names[a], key_len),
							  otp_hmac_init(&hmac, (otp_algorithm) a, key, key_len), OTP_OK))
				continue;
			/* The same prepared key many times: its scratch must not leak state. */
			for (int round = 0; round < 2 && ok; round++)
				for (size_t c = 0; c < sizeof(counters) / sizeof(counters[0]) && ok; c++)
				{
					uint8_t		msg[8];
					uint8_t		got[OTP_HMAC_MAX_LEN];
					uint8_t		want[REF_HMAC_MAX_LEN];
					size_t		got_len = 0;
					size_t		want_len;

					for (int i = 0; i < 8; i++)
						msg[i] = (uint8_t) (counters[c] >> (56 - 8 * i));
					want_len = ref_hmac((otp_algorithm) a, key, key_len, msg, 8, want);
					ok = otp_hmac_counter(&hmac, counters[c], got, &got_len) == OTP_OK &&
						got_len == want_len && memcmp(got, want, want_len) == 0;
					if (!ok)
						bad_counter = counters[c];
				}
			CHECK(unit_name("otp_hmac_counter %s with a %zu-byte key equals OpenSSL's HMAC "
							"of the counter (first mismatch at counter %llu)",
							algorithm_names[a], key_len, (unsigned long long) bad_counter),
				  ok);
			otp_hmac_wipe(&hmac);
		}
	}
}

/* RFC 2202 test case 1 pins the reference itself, so both cannot drift. */
static void
test_hmac_rfc2202(void)
{
	static const uint8_t expected[20] = {
		0xb6, 0x17, 0x31, 0x86, 0x55, 0x05, 0x72, 0x64, 0xe2, 0x8b,
		0xc0, 0xb6, 0xfb, 0x37, 0x8c, 0x8e, 0xf1, 0x46, 0xbe, 0x00
	};
	uint8_t		key[20];
	uint8_t		out[OTP_HMAC_MAX_LEN];
	size_t		out_len = 0;
	otp_hmac_key hmac;

	memset(key, 0x0b, sizeof(key));
	if (CHECK_STATUS("otp_hmac_init SHA1 with the RFC 2202 key succeeds",
					 otp_hmac_init(&hmac, OTP_SHA1, key, sizeof(key)), OTP_OK) &&
		CHECK_STATUS("otp_hmac of \"Hi There\" succeeds",
					 otp_hmac(&hmac, (const uint8_t *) "Hi There", 8, out, &out_len),
					 OTP_OK) &&
		CHECK_INT("HMAC-SHA1 digest is 20 bytes", out_len, 20))
		CHECK_MEM("HMAC-SHA1 matches RFC 2202 test case 1", out, expected, 20);
	otp_hmac_wipe(&hmac);
}

static int
all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

static void
test_hmac_wipes(void)
{
	otp_hmac_key hmac;
	uint8_t		key[20];

	memset(key, 0x42, sizeof(key));
	for (int a = OTP_SHA1; a <= OTP_SHA512; a++)
	{
		uint8_t		mac[OTP_HMAC_MAX_LEN];
		size_t		mac_len;
		/* Everything after the public metadata: states and scratch blocks. */
		const uint8_t *secret_part = (const uint8_t *) &hmac.inner;
		size_t		secret_size = sizeof(hmac) - (size_t) (secret_part - (const uint8_t *) &hmac);

		/* Start from zero so bytes an algorithm never touches stay zero. */
		memset(&hmac, 0, sizeof(hmac));
		if (!CHECK_STATUS(unit_name("otp_hmac_init %s for the wipe test succeeds",
									algorithm_names[a]),
						  otp_hmac_init(&hmac, (otp_algorithm) a, key, sizeof(key)), OTP_OK))
			continue;
		otp_hmac_counter(&hmac, 12345, mac, &mac_len);
		CHECK(unit_name("a used %s HMAC key holds non-zero state", algorithm_names[a]),
			  !all_zero(secret_part, secret_size));
		otp_hmac_wipe(&hmac);
		CHECK(unit_name("otp_hmac_wipe zeroes every state and scratch byte of a used %s key",
						algorithm_names[a]),
			  all_zero(secret_part, secret_size));
	}

	memset(&hmac, 0x5a, sizeof(hmac));
	CHECK_STATUS("otp_hmac_init with an unknown algorithm is OTP_ERR_CRYPTO",
				 otp_hmac_init(&hmac, (otp_algorithm) 3, key, sizeof(key)),
				 OTP_ERR_CRYPTO);
	CHECK(("otp_hmac_init leaves the key wiped when it fails"),
		  all_zero(&hmac, sizeof(hmac)));
}

void
test_hmac(void)
{
	test_hmac_matches_openssl();
	test_hmac_counter_matches_openssl();
	test_hmac_rfc2202();
	test_hmac_wipes();
}
