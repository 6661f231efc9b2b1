/*
 * base64.c: strict RFC 4648 base64 (standard alphabet, padded) over
 * OpenSSL's block coder, for the fields of stored values. Strict because a
 * stored value is machine-written: anything non-canonical means corruption.
 */
#include <limits.h>

#include <openssl/evp.h>

#include "otp_internal.h"

int
otp_base64_encode(const uint8_t *in, size_t len, char *out, size_t out_size)
{
	if (len > INT_MAX / 2 || out_size < OTP_BASE64_LEN(len) + 1)
		return OTP_ERR_BUFFER;
	EVP_EncodeBlock((unsigned char *) out, in, (int) len);
	return OTP_OK;
}

/* Value of a base64 character, or -1. */
static int
base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int
otp_base64_decode(const char *in, size_t len, uint8_t *out, size_t out_size,
				  size_t *out_len)
{
	uint8_t		block[3];
	size_t		padding = 0;
	size_t		n = 0;

	*out_len = 0;
	if (len % 4 != 0)
		return OTP_ERR_BASE64;
	if (len > 0 && in[len - 1] == '=')
		padding = (len > 1 && in[len - 2] == '=') ? 2 : 1;
	for (size_t i = 0; i < len - padding; i++)
		if (base64_value(in[i]) < 0)
			return OTP_ERR_BASE64;
	/* The bits below the padding must be zero, or two texts mean one value. */
	if (padding > 0 && (base64_value(in[len - padding - 1]) & (padding == 2 ? 0x0f : 0x03)) != 0)
		return OTP_ERR_BASE64;
	if (len / 4 * 3 - padding > out_size)
		return OTP_ERR_BUFFER;

	/* One quantum at a time so out never needs room for the padding. */
	for (size_t i = 0; i < len; i += 4)
	{
		size_t		take = (i + 4 == len) ? 3 - padding : 3;

		if (EVP_DecodeBlock(block, (const unsigned char *) in + i, 4) != 3)
			return OTP_ERR_BASE64;
		for (size_t k = 0; k < take; k++)
			out[n++] = block[k];
	}
	otp_wipe(block, sizeof(block));
	*out_len = n;
	return OTP_OK;
}
