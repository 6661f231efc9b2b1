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

/* Store a 32-bit word big-endian. */
static void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
}

static void
put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t) (v >> 32));
	put_be32(p + 4, (uint32_t) v);
}

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

/*
 * Compress `block` (already padded) on a copy of a midstate's chaining
 * words, in the key's scratch state, and write the digest big-endian.
 * SHA*_Transform reads and writes only the chaining words.
 */
static void
compress_final(otp_hmac_key *hmac, const otp_sha_state *midstate,
			   const uint8_t *block, uint8_t *out)
{
	otp_sha_state *s = &hmac->scratch;

	switch (hmac->algorithm)
	{
		case OTP_SHA1:
			s->sha1.h0 = midstate->sha1.h0;
			s->sha1.h1 = midstate->sha1.h1;
			s->sha1.h2 = midstate->sha1.h2;
			s->sha1.h3 = midstate->sha1.h3;
			s->sha1.h4 = midstate->sha1.h4;
			SHA1_Transform(&s->sha1, block);
			put_be32(out, s->sha1.h0);
			put_be32(out + 4, s->sha1.h1);
			put_be32(out + 8, s->sha1.h2);
			put_be32(out + 12, s->sha1.h3);
			put_be32(out + 16, s->sha1.h4);
			break;
		case OTP_SHA256:
			memcpy(s->sha256.h, midstate->sha256.h, sizeof(s->sha256.h));
			SHA256_Transform(&s->sha256, block);
			for (int i = 0; i < 8; i++)
				put_be32(out + 4 * i, s->sha256.h[i]);
			break;
		case OTP_SHA512:
			memcpy(s->sha512.h, midstate->sha512.h, sizeof(s->sha512.h));
			SHA512_Transform(&s->sha512, block);
			for (int i = 0; i < 8; i++)
				put_be64(out + 8 * i, s->sha512.h[i]);
			break;
	}
}

/*
 * Pad a block whose first len bytes will hold the message that follows one
 * key block (FIPS 180-4 section 5.1): 0x80, zeros, then the total length in
 * bits (block + message) in the last 8 bytes, which holds for SHA-512's
 * 16-byte length field too since its high 8 bytes are zero.
 */
static void
pad_after_key_block(uint8_t *block, size_t block_size, size_t len)
{
	memset(block, 0, block_size);
	block[len] = 0x80;
	put_be64(block + block_size - 8, (uint64_t) (block_size + len) * 8);
}

/* Called by otp_hmac_init once the midstates are ready. */
static void
prepare_counter_blocks(otp_hmac_key *hmac)
{
	hmac->digest_len = hmac->algorithm == OTP_SHA1 ? SHA_DIGEST_LENGTH :
		hmac->algorithm == OTP_SHA256 ? SHA256_DIGEST_LENGTH : SHA512_DIGEST_LENGTH;
	pad_after_key_block(hmac->inner_block, hmac->block_size, 8);
	pad_after_key_block(hmac->outer_block, hmac->block_size, hmac->digest_len);
}

/*
 * A digest state after absorbing one key block. SHA*_Update of a whole block
 * into a fresh state is one compression, and it also counts the block's
 * length, which otp_hmac's SHA*_Final needs for its padding.
 */
static int
absorb_block(otp_algorithm algorithm, otp_sha_state *s, const uint8_t *block,
			 size_t block_size)
{
	return sha_init(algorithm, s) && sha_update(algorithm, s, block, block_size);
}

int
otp_hmac_init(otp_hmac_key *hmac, otp_algorithm algorithm,
			  const uint8_t *key, size_t len)
{
	uint8_t		block[OTP_HMAC_MAX_BLOCK];
	size_t		block_size = sha_block_size(algorithm);
	int			status = OTP_ERR_CRYPTO;

	memset(block, 0, block_size);
	hmac->algorithm = algorithm;
	hmac->block_size = block_size;

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

	/* key ^ ipad, then flip the same block to key ^ opad. */
	for (size_t i = 0; i < block_size; i++)
		block[i] ^= 0x36;
	if (!absorb_block(algorithm, &hmac->inner, block, block_size))
		goto cleanup;
	for (size_t i = 0; i < block_size; i++)
		block[i] ^= 0x36 ^ 0x5c;
	if (!absorb_block(algorithm, &hmac->outer, block, block_size))
		goto cleanup;
	prepare_counter_blocks(hmac);
	status = OTP_OK;

cleanup:
	otp_wipe(block, block_size);
	if (status != OTP_OK)
		otp_wipe(hmac, sizeof(*hmac));	/* rare: no need to be frugal */
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

int
otp_hmac_counter(otp_hmac_key *hmac, uint64_t counter, uint8_t *out,
				 size_t *out_len)
{
	put_be64(hmac->inner_block, counter);
	compress_final(hmac, &hmac->inner, hmac->inner_block, hmac->outer_block);
	compress_final(hmac, &hmac->outer, hmac->outer_block, out);
	*out_len = hmac->digest_len;
	return OTP_OK;
}

/* Size of the digest state an algorithm actually uses. */
static size_t
sha_state_size(otp_algorithm algorithm)
{
	return algorithm == OTP_SHA1 ? sizeof(SHA_CTX) :
		algorithm == OTP_SHA256 ? sizeof(SHA256_CTX) : sizeof(SHA512_CTX);
}

/*
 * Wipe what the algorithm used: the union members and blocks beyond it were
 * never written, and clearing a whole SHA-512-sized key would cost as much
 * as the SHA-1 compressions themselves.
 */
void
otp_hmac_wipe(otp_hmac_key *hmac)
{
	size_t		state_size = sha_state_size(hmac->algorithm);
	size_t		block_size = sha_block_size(hmac->algorithm);

	otp_wipe(&hmac->inner, state_size);
	otp_wipe(&hmac->outer, state_size);
	otp_wipe(&hmac->scratch, state_size);
	otp_wipe(hmac->inner_block, block_size);
	otp_wipe(hmac->outer_block, block_size);
}
