/*
 * key.c: turn a secret as stored (base32 text or a sealed value) into key
 * bytes.
 */
#include <stddef.h>
#include <string.h>

#include "otp_internal.h"

int
otp_key_decode(otp_key *key, const char *secret, size_t secret_len,
			   const otp_keyring *ring)
{
	int			status;

	/* Zero the first block: see otp_hmac_init_padded. Two constant-size
	 * memsets, which compilers make a few vector stores. */
	memset(key->bytes, 0, OTP_HMAC_MAX_BLOCK / 2);
	memset(key->bytes + OTP_HMAC_MAX_BLOCK / 2, 0, OTP_HMAC_MAX_BLOCK / 2);
	if (otp_is_sealed(secret, secret_len))
		return otp_unseal_key(key, secret, secret_len, ring);
	status = otp_base32_decode(secret, secret_len,
							   key->bytes, sizeof(key->bytes), &key->len);
	if (status == OTP_ERR_BUFFER)
		status = OTP_ERR_SECRET_LONG;
	else if (status == OTP_OK && key->len < OTP_MIN_KEY_BYTES)
		status = OTP_ERR_SECRET_SHORT;
	if (status != OTP_OK)
		otp_wipe(key, sizeof(*key));
	return status;
}

/* Whole 8-byte words, which OPENSSL_cleanse clears faster than a ragged tail. */
void
otp_key_wipe(otp_key *key)
{
	size_t		len = (offsetof(otp_key, bytes) + key->len + 7) & ~(size_t) 7;

	otp_wipe(key, len < sizeof(*key) ? len : sizeof(*key));
}
