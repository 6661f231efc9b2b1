/*
 * random.c: the CSPRNG and fresh secrets.
 */
#include <limits.h>

#include <openssl/rand.h>

#include "otp_internal.h"

int
otp_random_bytes(uint8_t *buf, size_t len)
{
	if (len > INT_MAX || RAND_bytes(buf, (int) len) != 1)
		return OTP_ERR_RANDOM;
	return OTP_OK;
}

int
otp_new_secret(int bytes, char *out, size_t out_size)
{
	uint8_t		key[OTP_MAX_NEW_SECRET_BYTES];
	int			status;

	if (out_size > 0)
		out[0] = '\0';
	if (bytes < OTP_MIN_NEW_SECRET_BYTES || bytes > OTP_MAX_NEW_SECRET_BYTES)
		return OTP_ERR_SECRET_BYTES;
	if (out_size < OTP_BASE32_LEN((size_t) bytes) + 1)
		return OTP_ERR_BUFFER;

	status = otp_random_bytes(key, (size_t) bytes);
	if (status == OTP_OK)
		status = otp_base32_encode(key, (size_t) bytes, out, out_size);
	if (status != OTP_OK)
		otp_wipe(out, out_size);
	otp_wipe(key, sizeof(key));
	return status;
}
