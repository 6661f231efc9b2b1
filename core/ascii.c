/*
 * ascii.c: locale-free ASCII helpers for the text formats the core reads
 * (algorithm names, keyring files, otpauth URIs).
 */
#include "otp_internal.h"

int
otp_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
otp_ascii_equal_nocase(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		char		ca = a[i];
		char		cb = b[i];

		if (ca >= 'A' && ca <= 'Z')
			ca = (char) (ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (char) (cb - 'A' + 'a');
		if (ca != cb)
			return 0;
	}
	return 1;
}
