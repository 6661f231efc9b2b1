/*
 * otp_hmac.h: HMAC (RFC 2104) of HOTP's 8-byte counter over OpenSSL's
 * SHA-1/SHA-256/SHA-512, with the key pads hashed once and reused, so that
 * verifying a window of steps costs two compressions per step, with no
 * allocation and no provider fetch on the hot path. Tests pin its output to
 * OpenSSL's HMAC.
 */
#ifndef OTP_HMAC_H
#define OTP_HMAC_H

#include <openssl/sha.h>

#include "otp.h"

#define OTP_HMAC_MAX_LEN SHA512_DIGEST_LENGTH
#define OTP_HMAC_MAX_BLOCK SHA512_CBLOCK

typedef union otp_sha_state
{
	SHA_CTX		sha1;
	SHA256_CTX	sha256;
	SHA512_CTX	sha512;
} otp_sha_state;

/*
 * A prepared key. Only the chaining words at the start of each state (20,
 * 32 or 64 bytes) are ever written, by OpenSSL's SHA*_Transform; the rest
 * stays as the caller left it (the long-key digest aside, which otp_hmac_init
 * wipes). inner_block is the counter's padded block, public; the rest is
 * secret, so otp_hmac_wipe clears it.
 */
typedef struct otp_hmac_key
{
	otp_algorithm algorithm;
	size_t		block_size;
	size_t		digest_len;
	uint8_t		inner_block[SHA512_CBLOCK];	/* counter, then padding */
	otp_sha_state inner;		/* after absorbing key ^ ipad */
	otp_sha_state outer;		/* after absorbing key ^ opad */
	otp_sha_state work;			/* where each MAC is computed */
	uint8_t		outer_block[SHA512_CBLOCK];	/* inner digest, then padding */
} otp_hmac_key;

/*
 * What RFC 4226's dynamic truncation reads of a MAC: its first 24 bytes as
 * three big-endian 64-bit words (bytes past a SHA-1 MAC's 20 are zero) and
 * its last byte. Taken from the digest's words, never from bytes in memory.
 */
typedef struct otp_mac_head
{
	uint64_t	w[3];
	uint32_t	last;
} otp_mac_head;

/* Prepare hmac for key[0..len). On error hmac is already wiped. */
int			otp_hmac_init(otp_hmac_key *hmac, otp_algorithm algorithm,
						  const uint8_t *key, size_t len);

/*
 * The same for a key in a buffer of at least OTP_HMAC_MAX_BLOCK bytes that
 * are zero past len (an otp_key's): the pads are made straight from it,
 * with no copy of the key to make and wipe.
 */
int			otp_hmac_init_padded(otp_hmac_key *hmac, otp_algorithm algorithm,
								 const uint8_t *key, size_t len);

/*
 * MAC of the 8-byte big-endian counter (HOTP's message) with a prepared key
 * into out[OTP_HMAC_MAX_LEN], setting *out_len to the digest length:
 * exactly two compressions with OpenSSL's SHA*_Transform on blocks padded
 * here, which skips the Update/Final bookkeeping that otherwise costs as
 * much as the compressions. Tests pin it to OpenSSL's HMAC.
 */
void		otp_hmac_counter(otp_hmac_key *hmac, uint64_t counter,
							 uint8_t *out, size_t *out_len);

/* The same MAC's head (see otp_mac_head), for HOTP's hot path. */
void		otp_hmac_counter_head(otp_hmac_key *hmac, uint64_t counter,
								  otp_mac_head *head);

/* Wipe a prepared key's secret parts. */
void		otp_hmac_wipe(otp_hmac_key *hmac);

#endif							/* OTP_HMAC_H */
