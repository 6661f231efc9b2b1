/*
 * test_hmac.c: the core's precomputed-pad HMAC of a counter (core/otp_hmac.h)
 * is pinned to OpenSSL's HMAC for every key length around the block sizes
 * (64 bytes for SHA-1/SHA-256, 128 for SHA-512), and the head that HOTP
 * truncates to the MAC's bytes.
 */
#include <string.h>

#include "otp_hmac.h"
#include "unit.h"

#define MAX_KEY 200

static const char *const algorithm_names[] = {"SHA1", "SHA256", "SHA512"};
static const size_t digest_sizes[] = {20, 32, 64};

/*
 * otp_hmac_counter, the HOTP hot path, builds its padded blocks itself and
 * calls OpenSSL's compression function: pin it to OpenSSL's HMAC of the
 * 8-byte big-endian counter, for every key length and counters that set
 * every byte, with the key prepared by either entry point.
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
			for (int padded = 0; padded <= 1; padded++)
			{
				otp_hmac_key hmac;
				/* past key_len: zeros (for otp_hmac_init_padded) */
				uint8_t		key[MAX_KEY + OTP_HMAC_MAX_BLOCK] = {0};
				const char *init = padded ? "otp_hmac_init_padded" : "otp_hmac_init";
				uint64_t	bad_counter = 0;
				int			ok = 1;
				int			status;

				unit_fill(key, key_len, (uint32_t) (7000 * a + key_len));
				status = padded ?
					otp_hmac_init_padded(&hmac, (otp_algorithm) a, key, key_len) :
					otp_hmac_init(&hmac, (otp_algorithm) a, key, key_len);

				if (!CHECK_STATUS(unit_name("%s %s with a %zu-byte key succeeds", init,
											algorithm_names[a], key_len), status, OTP_OK))
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
						otp_hmac_counter(&hmac, counters[c], got, &got_len);
						ok = got_len == want_len && memcmp(got, want, want_len) == 0;
						if (!ok)
							bad_counter = counters[c];
					}
				CHECK(unit_name("otp_hmac_counter %s with a %zu-byte key (%s) equals OpenSSL's "
								"HMAC of the counter (first mismatch at counter %llu)",
								algorithm_names[a], key_len, init, (unsigned long long) bad_counter),
					  ok);
				otp_hmac_wipe(&hmac);
			}
		}
	}
}

/* Big-endian 64-bit word at p. */
static uint64_t
load_be64(const uint8_t *p)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/*
 * otp_hmac_counter_head, what HOTP truncates, takes the MAC from the digest's
 * words: it must hold the MAC's first 24 bytes (zero past a SHA-1 MAC's 20)
 * and its last byte, for every algorithm and many keys and counters.
 */
static void
test_hmac_counter_head_matches_bytes(void)
{
	for (int a = OTP_SHA1; a <= OTP_SHA512; a++)
	{
		uint64_t	bad_counter = 0;
		int			ok = 1;

		for (size_t key_len = 0; key_len <= MAX_KEY && ok; key_len += 7)
		{
			otp_hmac_key hmac;
			uint8_t		key[MAX_KEY];

			unit_fill(key, key_len, (uint32_t) (9000 * a + key_len));
			if (!CHECK_STATUS(unit_name("otp_hmac_init %s with a %zu-byte key succeeds",
										algorithm_names[a], key_len),
							  otp_hmac_init(&hmac, (otp_algorithm) a, key, key_len), OTP_OK))
				continue;
			for (uint64_t counter = 0; counter < 64 && ok; counter++)
			{
				uint8_t		mac[OTP_HMAC_MAX_LEN + 24];
				size_t		mac_len = 0;
				otp_mac_head head;

				memset(mac, 0, sizeof(mac));
				otp_hmac_counter(&hmac, counter * 0x9e3779b97f4a7c15u, mac, &mac_len);
				otp_hmac_counter_head(&hmac, counter * 0x9e3779b97f4a7c15u, &head);
				ok = mac_len == digest_sizes[a] &&
					head.w[0] == load_be64(mac) && head.w[1] == load_be64(mac + 8) &&
					head.w[2] == load_be64(mac + 16) && head.last == mac[mac_len - 1];
				if (!ok)
					bad_counter = counter * 0x9e3779b97f4a7c15u;
			}
			otp_hmac_wipe(&hmac);
		}
		CHECK(unit_name("otp_hmac_counter_head %s holds the MAC's first 24 bytes and its "
						"last byte (first mismatch at counter %llu)",
						algorithm_names[a], (unsigned long long) bad_counter),
			  ok);
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
	uint8_t		ref[REF_HMAC_MAX_LEN];
	size_t		out_len = 0;
	otp_hmac_key hmac;

	memset(key, 0x0b, sizeof(key));
	if (!CHECK_STATUS("otp_hmac_init SHA1 with the RFC 2202 key succeeds",
					  otp_hmac_init(&hmac, OTP_SHA1, key, sizeof(key)), OTP_OK))
		return;
	/* "Hi There" is 8 bytes: the counter that spells it. */
	otp_hmac_counter(&hmac, 0x4869205468657265u, out, &out_len);
	if (CHECK_INT("HMAC-SHA1 digest is 20 bytes", out_len, 20))
		CHECK_MEM("HMAC-SHA1 of \"Hi There\" matches RFC 2202 test case 1", out,
				  expected, 20);
	ref_hmac(OTP_SHA1, key, sizeof(key), (const uint8_t *) "Hi There", 8, ref);
	CHECK_MEM("the OpenSSL reference matches RFC 2202 test case 1", ref, expected, 20);
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
	uint8_t		big_key[200];	/* past every block: hashed first */

	memset(key, 0x42, sizeof(key));
	memset(big_key, 0x42, sizeof(big_key));
	for (int a = OTP_SHA1; a <= OTP_SHA512; a++)
	{
		for (size_t key_len = 20; key_len <= 200; key_len += 180)
		{
			uint8_t		mac[OTP_HMAC_MAX_LEN];
			size_t		mac_len;
			/* The states: everything between the two blocks. */
			const uint8_t *states = (const uint8_t *) &hmac.inner;
			size_t		states_size = (size_t) (hmac.outer_block - states);

			/* Start from zero so bytes an algorithm never touches stay zero. */
			memset(&hmac, 0, sizeof(hmac));
			if (!CHECK_STATUS(unit_name("otp_hmac_init %s for the wipe test succeeds",
										algorithm_names[a]),
							  otp_hmac_init(&hmac, (otp_algorithm) a, big_key, key_len),
							  OTP_OK))
				continue;
			otp_hmac_counter(&hmac, 12345, mac, &mac_len);
			CHECK(unit_name("a used %s HMAC key (%zu-byte key) holds non-zero states and "
							"inner digest", algorithm_names[a], key_len),
				  !all_zero(states, states_size) && !all_zero(hmac.outer_block, mac_len));
			otp_hmac_wipe(&hmac);
			CHECK(unit_name("otp_hmac_wipe zeroes every byte of the states and the inner "
							"digest of a used %s key (%zu-byte key)",
							algorithm_names[a], key_len),
				  all_zero(states, states_size) && all_zero(hmac.outer_block, mac_len));
		}
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
	test_hmac_counter_matches_openssl();
	test_hmac_counter_head_matches_bytes();
	test_hmac_rfc2202();
	test_hmac_wipes();
}
