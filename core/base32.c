/*
 * base32.c: RFC 4648 base32, decoded leniently (any case, spaces and hyphens
 * ignored, padding optional) because people type and paste these secrets,
 * and encoded strictly (upper case, no padding) as authenticator apps expect.
 */
#include "otp.h"

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* Value of a base32 character in any case, or -1. */
static int
base32_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

int
otp_base32_decode(const char *in, size_t in_len,
				  uint8_t *out, size_t out_size, size_t *out_len)
{
	uint32_t	bits = 0;		/* pending bits, right-aligned */
	int			nbits = 0;
	size_t		n = 0;
	int			in_padding = 0;
	int			status = OTP_OK;

	*out_len = 0;
	for (size_t i = 0; i < in_len; i++)
	{
		unsigned char c = (unsigned char) in[i];
		int			v;

		if (c == ' ' || c == '-')
			continue;
		if (c == '=')
		{
			in_padding = 1;
			continue;
		}
		v = base32_value(c);
		if (v < 0 || in_padding)
		{
			status = OTP_ERR_SECRET_BASE32;
			goto done;
		}
		bits = (bits << 5) | (uint32_t) v;
		nbits += 5;
		if (nbits >= 8)
		{
			nbits -= 8;
			if (n == out_size)
			{
				status = OTP_ERR_BUFFER;
				goto done;
			}
			out[n++] = (uint8_t) (bits >> nbits);
			bits &= (1u << nbits) - 1;
		}
	}

	/*
	 * 1, 3 or 6 characters past a multiple of 8 leave 5 or more bits that
	 * cannot complete a byte: no encoder produces that.
	 */
	if (nbits >= 5)
		status = OTP_ERR_SECRET_BASE32;
	else
		*out_len = n;

done:
	bits = 0;
	return status;
}

int
otp_base32_encode(const uint8_t *in, size_t len, char *out, size_t out_size)
{
	uint32_t	bits = 0;
	int			nbits = 0;
	size_t		n = 0;

	if (len > (SIZE_MAX - 4) / 8 || out_size < OTP_BASE32_LEN(len) + 1)
		return OTP_ERR_BUFFER;

	for (size_t i = 0; i < len; i++)
	{
		bits = (bits << 8) | in[i];
		nbits += 8;
		while (nbits >= 5)
		{
			nbits -= 5;
			out[n++] = base32_alphabet[(bits >> nbits) & 31];
		}
		bits &= (1u << nbits) - 1;
	}
	if (nbits > 0)
		out[n++] = base32_alphabet[(bits << (5 - nbits)) & 31];
	out[n] = '\0';
	bits = 0;
	return OTP_OK;
}
