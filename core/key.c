/*
 * key.c: turn a secret as stored (base32 text) into key bytes.
 */
#include "otp_internal.h"

int
otp_key_decode(otp_key *key, const char *secret, size_t secret_len)
{
	int			status;

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
