/*
 * base64.c: strict RFC 4648 base64 (standard alphabet, padded) for the
 * fields of stored values. Strict because a stored value is machine-written:
 * anything non-canonical means corruption. Characters are mapped with masks
 * rather than tables or branches, since the fields hold backup-code hashes
 * and sealed payloads, which are secret (test/ct checks it).
 */
#include <limits.h>

#include "otp_internal.h"

/* The character for a 6-bit value. */
static inline char
base64_char(uint32_t v)
{
	uint32_t	c = 'A' + v;

	c += otp_mask_in_range(v, 26, 51) & (uint32_t) ('a' - 26 - 'A');
	c += otp_mask_in_range(v, 52, 61) & (uint32_t) ('0' - 52 - 'A');
	c += otp_mask_eq(v, 62) & (uint32_t) ('+' - 62 - 'A');
	c += otp_mask_eq(v, 63) & (uint32_t) ('/' - 63 - 'A');
	return (char) c;
}

/* Value (0..63) of a base64 character, or all ones for any other byte. */
static inline uint32_t
base64_value(unsigned char ch)
{
	uint32_t	c = ch;
	uint32_t	upper = otp_mask_in_range(c, 'A', 'Z');
	uint32_t	lower = otp_mask_in_range(c, 'a', 'z');
	uint32_t	digit = otp_mask_in_range(c, '0', '9');
	uint32_t	plus = otp_mask_eq(c, '+');
	uint32_t	slash = otp_mask_eq(c, '/');

	return (upper & (c - 'A')) | (lower & (c - 'a' + 26)) |
		(digit & (c - '0' + 52)) | (plus & 62) | (slash & 63) |
		~(upper | lower | digit | plus | slash);
}

int
otp_base64_encode(const uint8_t *in, size_t len, char *out, size_t out_size)
{
	size_t		n = 0;

	if (len > INT_MAX / 2 || out_size < OTP_BASE64_LEN(len) + 1)
		return OTP_ERR_BUFFER;
	for (size_t i = 0; i < len; i += 3)
	{
		size_t		left = len - i;
		uint32_t	v = (uint32_t) in[i] << 16;

		if (left > 1)
			v |= (uint32_t) in[i + 1] << 8;
		if (left > 2)
			v |= in[i + 2];
		out[n++] = base64_char(v >> 18);
		out[n++] = base64_char((v >> 12) & 63);
		out[n++] = (char) (left > 1 ? base64_char((v >> 6) & 63) : '=');
		out[n++] = (char) (left > 2 ? base64_char(v & 63) : '=');
	}
	out[n] = '\0';
	return OTP_OK;
}

int
otp_base64_decode(const char *in, size_t len, uint8_t *out, size_t out_size,
				  size_t *out_len)
{
	size_t		padding = 0;
	uint32_t	bad = 0;
	uint32_t	quantum;
	size_t		n = 0;
	int			malformed;

	*out_len = 0;
	if (len % 4 != 0)
		return OTP_ERR_BASE64;
	if (len > 0)
	{
		uint32_t	last = otp_mask_eq((unsigned char) in[len - 1], '=') & 1;

		/* Where the padding stands is layout: public. */
		padding = last + (last & otp_mask_eq((unsigned char) in[len - 2], '='));
		OTP_DECLASSIFY(&padding, sizeof(padding));
	}
	for (size_t i = 0; i < len - padding; i++)
		bad |= base64_value((unsigned char) in[i]) >> 6;
	/* The bits below the padding must be zero, or two texts mean one value. */
	if (padding > 0)
		bad |= base64_value((unsigned char) in[len - padding - 1]) &
			(padding == 2 ? 0x0f : 0x03);
	/* A malformed field is an error the caller sees: public. */
	malformed = bad != 0;
	OTP_DECLASSIFY(&malformed, sizeof(malformed));
	if (malformed)
		return OTP_ERR_BASE64;
	if (len / 4 * 3 - padding > out_size)
		return OTP_ERR_BUFFER;

	/*
	 * One quantum at a time so out never needs room for the padding. A '='
	 * maps to all ones, but only into the low bits of bytes not taken.
	 */
	for (size_t i = 0; i < len; i += 4)
	{
		size_t		take = (i + 4 == len) ? 3 - padding : 3;

		quantum = 0;
		for (size_t k = 0; k < 4; k++)
			quantum = (quantum << 6) | (base64_value((unsigned char) in[i + k]) & 63);
		for (size_t k = 0; k < take; k++)
			out[n++] = (uint8_t) (quantum >> (16 - 8 * k));
	}
	quantum = 0;
	otp_wipe(&quantum, sizeof(quantum));
	*out_len = n;
	return OTP_OK;
}
