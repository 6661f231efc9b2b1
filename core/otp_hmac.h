/*
 * otp_hmac.h: HMAC (RFC 2104) over OpenSSL's SHA-1/SHA-256/SHA-512 with the
 * key pads hashed once and reused, so that verifying a window of steps costs
 * two compressions per step instead of four, with no allocation and no
 * provider fetch on the hot path. Tests pin its output to OpenSSL's HMAC.
 */
#ifndef OTP_HMAC_H
#define OTP_HMAC_H

#include <openssl/sha.h>

#include "otp.h"

#define OTP_HMAC_MAX_LEN SHA512_DIGEST_LENGTH

typedef union otp_sha_state
{
	SHA_CTX		sha1;
	SHA256_CTX	sha256;
	SHA512_CTX	sha512;
} otp_sha_state;

/*
 * Digest states after absorbing key^ipad and key^opad, plus scratch for
 * otp_hmac_counter: a state to compress in, and the final inner and outer
 * blocks, padded once at init so that each counter only fills in its bytes.
 * All of it is secret, so otp_hmac_wipe clears it.
 */
typedef struct otp_hmac_key
{
	otp_algorithm algorithm;
	size_t		block_size;
	size_t		digest_len;
	otp_sha_state inner;
	otp_sha_state outer;
	otp_sha_state scratch;
	uint8_t		inner_block[SHA512_CBLOCK];
	uint8_t		outer_block[SHA512_CBLOCK];
} otp_hmac_key;

/* Prepare hmac for key[0..len). On error hmac is already wiped. */
int			otp_hmac_init(otp_hmac_key *hmac, otp_algorithm algorithm,
						  const uint8_t *key, size_t len);

/*
 * MAC msg[0..len) with a prepared key into out[OTP_HMAC_MAX_LEN], setting
 * *out_len to the digest length. Intermediate states are wiped.
 */
int			otp_hmac(const otp_hmac_key *hmac, const uint8_t *msg, size_t len,
					 uint8_t *out, size_t *out_len);

/*
 * MAC of the 8-byte big-endian counter (HOTP's message) with a prepared key:
 * the same value as otp_hmac() of those 8 bytes, computed as exactly two
 * compressions with OpenSSL's SHA*_Transform on blocks padded here, which
 * skips the Update/Final bookkeeping that otherwise costs as much as the
 * compressions. Tests pin it to OpenSSL's HMAC.
 */
int			otp_hmac_counter(otp_hmac_key *hmac, uint64_t counter,
							 uint8_t *out, size_t *out_len);

/* Wipe a prepared key. */
void		otp_hmac_wipe(otp_hmac_key *hmac);

#endif							/* OTP_HMAC_H */
