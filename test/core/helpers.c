/*
 * helpers.c: shared fixtures. Pseudo-random data is deterministic so that a
 * failure reproduces; the references use OpenSSL's own HMAC and a truncation
 * written here from RFC 4226, so the core is never checked against itself.
 */
#include <string.h>

#include <openssl/evp.h>

#include "unit.h"

/* xorshift32: fast, deterministic, good enough for test data. */
uint32_t
unit_rand(uint32_t *state)
{
	uint32_t	x = *state ? *state : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

void
unit_fill(uint8_t *buf, size_t len, uint32_t seed)
{
	uint32_t	state = seed * 2654435761u + 1;

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t) (unit_rand(&state) >> 24);
}

size_t
ref_hmac(otp_algorithm algorithm, const uint8_t *key, size_t key_len,
		 const uint8_t *msg, size_t msg_len, uint8_t *out)
{
	static const char *const digests[] = {"SHA1", "SHA256", "SHA512"};
	static const uint8_t empty[1] = {0};
	size_t		out_len = 0;

	/* EVP_Q_mac wants real pointers even for empty inputs. */
	if (EVP_Q_mac(NULL, "HMAC", NULL, digests[algorithm], NULL,
				  key_len ? key : empty, key_len,
				  msg_len ? msg : empty, msg_len,
				  out, REF_HMAC_MAX_LEN, &out_len) == NULL)
		return 0;
	return out_len;
}

void
ref_hotp(otp_algorithm algorithm, const uint8_t *key, size_t key_len,
		 uint64_t counter, int digits, char out[OTP_CODE_BUFSIZE])
{
	uint8_t		msg[8];
	uint8_t		mac[REF_HMAC_MAX_LEN];
	size_t		mac_len;
	uint32_t	value;
	uint32_t	modulus = 1;
	unsigned	offset;

	for (int i = 0; i < 8; i++)
		msg[i] = (uint8_t) (counter >> (56 - 8 * i));
	mac_len = ref_hmac(algorithm, key, key_len, msg, sizeof(msg), mac);
	if (mac_len == 0)
	{
		unit_check(0, __FILE__, __LINE__, "fixture: OpenSSL HMAC for ref_hotp",
				   "a digest", "EVP_Q_mac failed");
		out[0] = '\0';
		return;
	}
	/* RFC 4226 section 5.3, dynamic truncation. */
	offset = mac[mac_len - 1] & 0x0f;
	value = ((uint32_t) (mac[offset] & 0x7f) << 24) |
		((uint32_t) mac[offset + 1] << 16) |
		((uint32_t) mac[offset + 2] << 8) |
		(uint32_t) mac[offset + 3];
	for (int i = 0; i < digits; i++)
		modulus *= 10;
	value %= modulus;
	for (int i = digits - 1; i >= 0; i--, value /= 10)
		out[i] = (char) ('0' + value % 10);
	out[digits] = '\0';
}

void
unit_base32(const uint8_t *key, size_t len, char *out, size_t out_size)
{
	int			status = otp_base32_encode(key, len, out, out_size);

	if (status != OTP_OK)
	{
		unit_check(0, __FILE__, __LINE__, "fixture: base32 of a test key",
				   "OTP_OK", unit_status_name(status));
		if (out_size > 0)
			out[0] = '\0';
	}
}
