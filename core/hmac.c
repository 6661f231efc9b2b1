/*
 * hmac.c: HMAC with precomputed key pads (see otp_hmac.h for why).
 *
 * It uses OpenSSL's low-level SHA*_Init/Update/Final, deprecated in OpenSSL 3
 * in favour of EVP but still its own optimised code: the EVP route would
 * allocate a digest context on every copy, which costs more than the
 * compressions themselves for an 8-byte message.
 */
#define OPENSSL_SUPPRESS_DEPRECATED

#include <string.h>

#include "otp_hmac.h"

#define OTP_HMAC_MAX_BLOCK SHA512_CBLOCK

static size_t
sha_block_size(otp_algorithm algorithm)
{
	return algorithm == OTP_SHA512 ? SHA512_CBLOCK : SHA_CBLOCK;
}

static int
sha_init(otp_algorithm algorithm, otp_sha_state *s)
{
	switch (algorithm)
	{
		case OTP_SHA1:
			return SHA1_Init(&s->sha1);
		case OTP_SHA256:
			return SHA256_Init(&s->sha256);
		case OTP_SHA512:
			return SHA512_Init(&s->sha512);
	}
	return 0;
}

static int
sha_update(otp_algorithm algorithm, otp_sha_state *s, const void *data, size_t len)
{
	switch (algorithm)
	{
		case OTP_SHA1:
			return SHA1_Update(&s->sha1, data, len);
		case OTP_SHA256:
			return SHA256_Update(&s->sha256, data, len);
		case OTP_SHA512:
			return SHA512_Update(&s->sha512, data, len);
	}
	return 0;
}

/* Finish s into out and set *out_len; returns OpenSSL's 1/0. */
static int
sha_final(otp_algorithm algorithm, otp_sha_state *s, uint8_t *out, size_t *out_len)
{
	switch (algorithm)
	{
		case OTP_SHA1:
			*out_len = SHA_DIGEST_LENGTH;
			return SHA1_Final(out, &s->sha1);
		case OTP_SHA256:
			*out_len = SHA256_DIGEST_LENGTH;
			return SHA256_Final(out, &s->sha256);
		case OTP_SHA512:
			*out_len = SHA512_DIGEST_LENGTH;
			return SHA512_Final(out, &s->sha512);
	}
	return 0;
}

/* Absorb one padded key block xor'ed with pad into a fresh state. */
static int
absorb_pad(otp_algorithm algorithm, otp_sha_state *s,
		   const uint8_t *block, size_t block_size, uint8_t pad)
{
	uint8_t		padded[OTP_HMAC_MAX_BLOCK];
	int			ok;

	for (size_t i = 0; i < block_size; i++)
		padded[i] = (uint8_t) (block[i] ^ pad);
	ok = sha_init(algorithm, s) && sha_update(algorithm, s, padded, block_size);
	otp_wipe(padded, sizeof(padded));
	return ok;
}

int
otp_hmac_init(otp_hmac_key *hmac, otp_algorithm algorithm,
			  const uint8_t *key, size_t len)
{
	uint8_t		block[OTP_HMAC_MAX_BLOCK];
	size_t		block_size = sha_block_size(algorithm);
	int			status = OTP_ERR_CRYPTO;

	memset(block, 0, sizeof(block));
	hmac->algorithm = algorithm;

	/* RFC 2104: keys longer than a block are replaced by their digest. */
	if (len > block_size)
	{
		size_t		digest_len;

		if (!sha_init(algorithm, &hmac->inner) ||
			!sha_update(algorithm, &hmac->inner, key, len) ||
			!sha_final(algorithm, &hmac->inner, block, &digest_len))
			goto cleanup;
	}
	else
		memcpy(block, key, len);

	if (!absorb_pad(algorithm, &hmac->inner, block, block_size, 0x36) ||
		!absorb_pad(algorithm, &hmac->outer, block, block_size, 0x5c))
		goto cleanup;
	status = OTP_OK;

cleanup:
	otp_wipe(block, sizeof(block));
	if (status != OTP_OK)
		otp_hmac_wipe(hmac);
	return status;
}

int
otp_hmac(const otp_hmac_key *hmac, const uint8_t *msg, size_t len,
		 uint8_t *out, size_t *out_len)
{
	otp_algorithm algorithm = hmac->algorithm;
	otp_sha_state state;
	uint8_t		inner_digest[OTP_HMAC_MAX_LEN];
	size_t		inner_len;
	int			status = OTP_ERR_CRYPTO;

	state = hmac->inner;
	if (!sha_update(algorithm, &state, msg, len) ||
		!sha_final(algorithm, &state, inner_digest, &inner_len))
		goto cleanup;

	state = hmac->outer;
	if (!sha_update(algorithm, &state, inner_digest, inner_len) ||
		!sha_final(algorithm, &state, out, out_len))
		goto cleanup;
	status = OTP_OK;

cleanup:
	otp_wipe(&state, sizeof(state));
	otp_wipe(inner_digest, sizeof(inner_digest));
	return status;
}

void
otp_hmac_wipe(otp_hmac_key *hmac)
{
	otp_wipe(hmac, sizeof(*hmac));
}
