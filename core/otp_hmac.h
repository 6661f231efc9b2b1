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

/* Digest states after absorbing key^ipad and key^opad; secret, so wiped. */
typedef struct otp_hmac_key
{
	otp_algorithm algorithm;
	otp_sha_state inner;
	otp_sha_state outer;
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

/* Wipe a prepared key. */
void		otp_hmac_wipe(otp_hmac_key *hmac);

#endif							/* OTP_HMAC_H */
