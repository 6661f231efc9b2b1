/*
 * hmac.c: HMAC of a counter with precomputed key pads (see otp_hmac.h).
 *
 * It uses OpenSSL's low-level SHA*_Init/Update/Final/Transform, deprecated in
 * OpenSSL 3 in favour of EVP but still its own optimised code: the EVP route
 * would allocate a digest context on every copy, which costs more than the
 * compressions themselves for an 8-byte message.
 */
#define OPENSSL_SUPPRESS_DEPRECATED

#include <stddef.h>
#include <string.h>

#include "otp_internal.h"

/*
 * Store 16 bytes, a then b, big-endian: in one vector store where the
 * compiler has vector types. The SHA code loads its blocks 16 bytes at a
 * time, and a load that spans two recent stores waits for them to reach the
 * cache, where one from a single store is forwarded at once.
 */
static inline void
put_be128(uint8_t *p, uint64_t a, uint64_t b)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	typedef uint64_t u64x2 __attribute__((vector_size(16)));
	u64x2		v = {__builtin_bswap64(a), __builtin_bswap64(b)};

	memcpy(p, &v, sizeof(v));
#else
	otp_put_be64(p, a);
	otp_put_be64(p + 8, b);
#endif
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

/* Hash a key longer than a block into out (RFC 2104), in s. */
static int
sha_digest(otp_algorithm algorithm, otp_sha_state *s, const uint8_t *key,
		   size_t len, uint8_t *out)
{
	switch (algorithm)
	{
		case OTP_SHA1:
			return SHA1_Init(&s->sha1) && SHA1_Update(&s->sha1, key, len) &&
				SHA1_Final(out, &s->sha1);
		case OTP_SHA256:
			return SHA256_Init(&s->sha256) && SHA256_Update(&s->sha256, key, len) &&
				SHA256_Final(out, &s->sha256);
		case OTP_SHA512:
			return SHA512_Init(&s->sha512) && SHA512_Update(&s->sha512, key, len) &&
				SHA512_Final(out, &s->sha512);
	}
	return 0;
}

/*
 * Bytes of chaining words at the start of each state, the only ones
 * SHA*_Transform reads or writes.
 */
static size_t
chaining_size(otp_algorithm algorithm)
{
	return algorithm == OTP_SHA1 ? offsetof(SHA_CTX, Nl) :
		algorithm == OTP_SHA256 ? offsetof(SHA256_CTX, Nl) : offsetof(SHA512_CTX, Nl);
}

/*
 * Set to's chaining words to from's, then compress one block into them.
 * Inline per algorithm, so that the hot path dispatches once per MAC.
 */
static inline void
sha1_compress(SHA_CTX *to, const SHA_CTX *from, const uint8_t *block)
{
	to->h0 = from->h0;
	to->h1 = from->h1;
	to->h2 = from->h2;
	to->h3 = from->h3;
	to->h4 = from->h4;
	SHA1_Transform(to, block);
}

static inline void
sha256_compress(SHA256_CTX *to, const SHA256_CTX *from, const uint8_t *block)
{
	memcpy(to->h, from->h, sizeof(to->h));
	SHA256_Transform(to, block);
}

static inline void
sha512_compress(SHA512_CTX *to, const SHA512_CTX *from, const uint8_t *block)
{
	memcpy(to->h, from->h, sizeof(to->h));
	SHA512_Transform(to, block);
}

static void
compress(otp_algorithm algorithm, otp_sha_state *to, const otp_sha_state *from,
		 const uint8_t *block)
{
	switch (algorithm)
	{
		case OTP_SHA1:
			sha1_compress(&to->sha1, &from->sha1, block);
			break;
		case OTP_SHA256:
			sha256_compress(&to->sha256, &from->sha256, block);
			break;
		case OTP_SHA512:
			sha512_compress(&to->sha512, &from->sha512, block);
			break;
	}
}

/* A state's digest, big-endian, into out[digest length]. */
static inline void
sha1_put_digest(const SHA_CTX *s, uint8_t *out)
{
	otp_put_be32(out, s->h0);
	otp_put_be32(out + 4, s->h1);
	otp_put_be32(out + 8, s->h2);
	otp_put_be32(out + 12, s->h3);
	otp_put_be32(out + 16, s->h4);
}

static inline void
sha256_put_digest(const SHA256_CTX *s, uint8_t *out)
{
	for (int i = 0; i < 8; i += 4)
		put_be128(out + 4 * i, (uint64_t) s->h[i] << 32 | s->h[i + 1],
				  (uint64_t) s->h[i + 2] << 32 | s->h[i + 3]);
}

static inline void
sha512_put_digest(const SHA512_CTX *s, uint8_t *out)
{
	for (int i = 0; i < 8; i += 2)
		put_be128(out + 8 * i, s->h[i], s->h[i + 1]);
}

/*
 * Zero a 64- or 128-byte block in 64-byte halves: compilers turn a constant
 * 64-byte memset into four vector stores, but a variable or a 128-byte one
 * into a string instruction that costs more than all the rest of the setup.
 */
static void
clear_block(void *block, size_t block_size)
{
	memset(block, 0, 64);
	if (block_size > 64)
		memset((uint8_t *) block + 64, 0, 64);
}

/*
 * dst = src ^ pad over a 64- or 128-byte block. Constant trip counts, which
 * compilers turn into 16-byte vector loads and stores: the SHA code then
 * loads its block 16 bytes at a time straight from them, where a load that
 * spans two smaller stores would wait for both to reach the cache.
 */
static void
xor_block(uint8_t *restrict dst, const uint8_t *restrict src, uint8_t pad,
		  size_t block_size)
{
	if (block_size == 64)
		for (size_t i = 0; i < 64; i++)
			dst[i] = src[i] ^ pad;
	else
		for (size_t i = 0; i < 128; i++)
			dst[i] = src[i] ^ pad;
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
	size_t		at = len % 16;	/* where 0x80 goes in its 16 bytes */
	uint64_t	hi = at < 8 ? UINT64_C(0x80) << (56 - 8 * at) : 0;
	uint64_t	lo = at < 8 ? 0 : UINT64_C(0x80) << (56 - 8 * (at - 8));
	uint64_t	bits = (uint64_t) (block_size + len) * 8;

	/*
	 * In 16-byte stores (see put_be128). For HOTP's messages (8 bytes, or
	 * the inner digest) the 16 bytes with 0x80 never hold the length too.
	 */
	clear_block(block, block_size);
	put_be128(block + len - at, hi, lo);
	put_be128(block + block_size - 16, 0, bits);
}

/* Block and digest sizes; 0 for an unknown algorithm. */
static size_t
sizes(otp_algorithm algorithm, size_t *digest_len)
{
	switch (algorithm)
	{
		case OTP_SHA1:
			*digest_len = SHA_DIGEST_LENGTH;
			return SHA_CBLOCK;
		case OTP_SHA256:
			*digest_len = SHA256_DIGEST_LENGTH;
			return SHA256_CBLOCK;
		case OTP_SHA512:
			*digest_len = SHA512_DIGEST_LENGTH;
			return SHA512_CBLOCK;
	}
	return 0;
}

/*
 * Prepare hmac from key_block, the key zero-padded to a block: the initial
 * hash value from OpenSSL (public constants), one compression of key ^ ipad
 * and one of key ^ opad, then the padded message blocks.
 */
static int
init_from_block(otp_hmac_key *hmac, const uint8_t *key_block)
{
	otp_algorithm algorithm = hmac->algorithm;
	size_t		block_size = hmac->block_size;
	uint8_t		pad[OTP_HMAC_MAX_BLOCK];
	otp_sha_state iv;
	int			ok = 0;

	if (sha_init(algorithm, &iv))
	{
		xor_block(pad, key_block, 0x36, block_size);
		compress(algorithm, &hmac->inner, &iv, pad);
		xor_block(pad, key_block, 0x5c, block_size);
		compress(algorithm, &hmac->outer, &iv, pad);
		pad_after_key_block(hmac->inner_block, block_size, 8);
		pad_after_key_block(hmac->outer_block, block_size, hmac->digest_len);
		ok = 1;
	}
	otp_wipe(pad, block_size);
	return ok;
}

/*
 * Both entry points: padded says whether key has a zero-padded block to
 * read, which only matters for keys that fit one (RFC 2104: longer keys
 * are replaced by their digest, made here).
 */
static int
init_hmac(otp_hmac_key *hmac, otp_algorithm algorithm, const uint8_t *key,
		  size_t len, int padded)
{
	uint8_t		key_block[OTP_HMAC_MAX_BLOCK];
	size_t		block_size = sizes(algorithm, &hmac->digest_len);
	int			ok = 0;

	hmac->algorithm = algorithm;
	hmac->block_size = block_size;
	if (block_size != 0 && len <= block_size && padded)
		ok = init_from_block(hmac, key);
	else if (block_size != 0)
	{
		clear_block(key_block, block_size);
		if (len > block_size)
		{
			ok = sha_digest(algorithm, &hmac->work, key, len, key_block);
			otp_wipe(&hmac->work, sizeof(hmac->work));
		}
		else
		{
			memcpy(key_block, key, len);
			ok = 1;
		}
		ok = ok && init_from_block(hmac, key_block);
		otp_wipe(key_block, block_size);
	}
	if (ok)
		return OTP_OK;
	otp_wipe(hmac, sizeof(*hmac));	/* rare: no need to be frugal */
	return OTP_ERR_CRYPTO;
}

int
otp_hmac_init(otp_hmac_key *hmac, otp_algorithm algorithm,
			  const uint8_t *key, size_t len)
{
	return init_hmac(hmac, algorithm, key, len, 0);
}

int
otp_hmac_init_padded(otp_hmac_key *hmac, otp_algorithm algorithm,
					 const uint8_t *key, size_t len)
{
	return init_hmac(hmac, algorithm, key, len, 1);
}

/*
 * The MAC of counter, left in hmac->work's chaining words: the inner
 * compression, its digest into the outer block, the outer compression.
 */
static inline void
mac_counter(otp_hmac_key *hmac, uint64_t counter)
{
	SHA_CTX    *w = &hmac->work.sha1;

	/* The counter and the padding after it, in one store (see put_be128). */
	put_be128(hmac->inner_block, counter, UINT64_C(0x80) << 56);
	switch (hmac->algorithm)
	{
		case OTP_SHA1:
			sha1_compress(w, &hmac->inner.sha1, hmac->inner_block);
			/* The 20-byte digest, then the padding to 32 bytes: two stores. */
			put_be128(hmac->outer_block, (uint64_t) w->h0 << 32 | w->h1,
					  (uint64_t) w->h2 << 32 | w->h3);
			put_be128(hmac->outer_block + 16, (uint64_t) w->h4 << 32 | UINT32_C(0x80000000), 0);
			sha1_compress(w, &hmac->outer.sha1, hmac->outer_block);
			break;
		case OTP_SHA256:
			sha256_compress(&hmac->work.sha256, &hmac->inner.sha256, hmac->inner_block);
			sha256_put_digest(&hmac->work.sha256, hmac->outer_block);
			sha256_compress(&hmac->work.sha256, &hmac->outer.sha256, hmac->outer_block);
			break;
		case OTP_SHA512:
			sha512_compress(&hmac->work.sha512, &hmac->inner.sha512, hmac->inner_block);
			sha512_put_digest(&hmac->work.sha512, hmac->outer_block);
			sha512_compress(&hmac->work.sha512, &hmac->outer.sha512, hmac->outer_block);
			break;
	}
}

void
otp_hmac_counter_head(otp_hmac_key *hmac, uint64_t counter, otp_mac_head *head)
{
	const otp_sha_state *s = &hmac->work;

	mac_counter(hmac, counter);
	switch (hmac->algorithm)
	{
		case OTP_SHA1:
			head->w[0] = (uint64_t) s->sha1.h0 << 32 | s->sha1.h1;
			head->w[1] = (uint64_t) s->sha1.h2 << 32 | s->sha1.h3;
			head->w[2] = (uint64_t) s->sha1.h4 << 32;
			head->last = s->sha1.h4 & 0xff;
			break;
		case OTP_SHA256:
			head->w[0] = (uint64_t) s->sha256.h[0] << 32 | s->sha256.h[1];
			head->w[1] = (uint64_t) s->sha256.h[2] << 32 | s->sha256.h[3];
			head->w[2] = (uint64_t) s->sha256.h[4] << 32 | s->sha256.h[5];
			head->last = s->sha256.h[7] & 0xff;
			break;
		case OTP_SHA512:
			head->w[0] = s->sha512.h[0];
			head->w[1] = s->sha512.h[1];
			head->w[2] = s->sha512.h[2];
			head->last = (uint32_t) (s->sha512.h[7] & 0xff);
			break;
	}
}

/* The MAC of counter as bytes: the head's computation, then the digest. */
void
otp_hmac_counter(otp_hmac_key *hmac, uint64_t counter, uint8_t *out,
				 size_t *out_len)
{
	otp_mac_head head;

	otp_hmac_counter_head(hmac, counter, &head);
	otp_wipe(&head, sizeof(head));
	switch (hmac->algorithm)
	{
		case OTP_SHA1:
			sha1_put_digest(&hmac->work.sha1, out);
			break;
		case OTP_SHA256:
			sha256_put_digest(&hmac->work.sha256, out);
			break;
		case OTP_SHA512:
			sha512_put_digest(&hmac->work.sha512, out);
			break;
	}
	*out_len = hmac->digest_len;
}

/*
 * Wipe what held key material: the chaining words of the three states and
 * the inner digest. The rest was never written or is public padding, and
 * clearing a whole SHA-512-sized key would cost as much as the SHA-1
 * compressions themselves. Sizes are rounded up to whole 8-byte words
 * (SHA-1's 20 bytes to 24; the pad byte after the digest goes too, the key
 * is dead), which OPENSSL_cleanse clears faster than a ragged tail.
 */
void
otp_hmac_wipe(otp_hmac_key *hmac)
{
	size_t		words = (chaining_size(hmac->algorithm) + 7) & ~(size_t) 7;

	otp_wipe(&hmac->inner, words);
	otp_wipe(&hmac->outer, words);
	otp_wipe(&hmac->work, words);
	otp_wipe(hmac->outer_block, words);
}
