/*
 * key.c: turn a secret as stored (base32 text or a sealed value) into key
 * bytes.
 */
#include "otp_internal.h"

int
otp_key_decode(otp_key *key, const char *secret, size_t secret_len,
			   const otp_keyring *ring)
{
	int			status;

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

void
otp_key_wipe(otp_key *key)
{
	otp_wipe(key->bytes, key->len);
	otp_wipe(&key->len, sizeof(key->len));
}
