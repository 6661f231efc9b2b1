/*
 * uri.c: otpauth:// URIs in Google's Key Uri Format
 * (github.com/google/google-authenticator/wiki/Key-Uri-Format).
 */
#include <string.h>

#include "otp_internal.h"

static const char uri_prefix[] = "otpauth://totp/";

/* The longest optional parameters we may append. */
#define LONGEST_PARAMS "&algorithm=SHA512&digits=8&period=3600"

/* RFC 3986 unreserved characters: the only ones left unencoded. */
static int
is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Append src[0..len) percent-encoded at out + *pos (space checked by caller). */
static void
append_encoded(char *out, size_t *pos, const char *src, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) src[i];

		if (is_unreserved(c))
			out[(*pos)++] = (char) c;
		else
		{
			out[(*pos)++] = '%';
			out[(*pos)++] = hex[c >> 4];
			out[(*pos)++] = hex[c & 15];
		}
	}
}

/* Length of src[0..len) once percent-encoded. */
static size_t
encoded_len(const char *src, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		n += is_unreserved((unsigned char) src[i]) ? 1 : 3;
	return n;
}

/* Decimal digits of a small non-negative number. */
static size_t
int_len(int value)
{
	size_t		n = 1;

	while ((value /= 10) > 0)
		n++;
	return n;
}

static void
append(char *out, size_t *pos, const char *s)
{
	size_t		len = strlen(s);

	/* The caller terminates out once the URI is complete. */
	memcpy(out + *pos, s, len);	/* NOLINT(bugprone-not-null-terminated-result) */
	*pos += len;
}

/* Append a decimal number (non-negative, small) to out. */
static void
append_int(char *out, size_t *pos, int value)
{
	char		digits[12];
	int			n = 0;

	do
		digits[n++] = (char) ('0' + value % 10);
	while ((value /= 10) > 0);
	while (n > 0)
		out[(*pos)++] = digits[--n];
}

size_t
otp_uri_bufsize(size_t secret_len, size_t account_len, size_t issuer_len)
{
	size_t		total = sizeof(uri_prefix) + sizeof("?secret=") +
		sizeof("&issuer=") + sizeof(LONGEST_PARAMS) + 1;

	/*
	 * The secret is written canonical: never longer than its base32 input,
	 * but a sealed input expands to up to OTP_BASE32_LEN(OTP_MAX_KEY_BYTES).
	 * Percent-encoding triples each byte; the issuer appears twice.
	 */
	if (secret_len < OTP_BASE32_LEN(OTP_MAX_KEY_BYTES))
		secret_len = OTP_BASE32_LEN(OTP_MAX_KEY_BYTES);
	if (secret_len > SIZE_MAX - total)
		return 0;
	total += secret_len;
	if (account_len > (SIZE_MAX - total) / 3)
		return 0;
	total += 3 * account_len;
	if (issuer_len > (SIZE_MAX - total) / 6)
		return 0;
	return total + 6 * issuer_len;
}

int
otp_uri(const char *secret, size_t secret_len, const otp_keyring *keyring,
		const char *account, size_t account_len,
		const char *issuer, size_t issuer_len,
		const otp_params *params,
		char *out, size_t out_size, size_t *out_len)
{
	otp_key		key;
	char		canonical[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
	size_t		needed = otp_uri_bufsize(secret_len, account_len, issuer_len);
	size_t		pos = 0;
	int			status;

	*out_len = 0;
	if (out_size > 0)
		out[0] = '\0';
	status = otp_params_check(params, 1);
	if (status != OTP_OK)
		return status;
	if (account_len == 0)
		return OTP_ERR_ACCOUNT_EMPTY;
	if (!otp_utf8_valid(account, account_len))
		return OTP_ERR_ACCOUNT_UTF8;
	if (issuer == NULL && memchr(account, ':', account_len) != NULL)
		return OTP_ERR_ACCOUNT_COLON;
	if (issuer != NULL)
	{
		if (issuer_len == 0)
			return OTP_ERR_ISSUER_EMPTY;
		if (!otp_utf8_valid(issuer, issuer_len))
			return OTP_ERR_ISSUER_UTF8;
		if (memchr(issuer, ':', issuer_len) != NULL)
			return OTP_ERR_ISSUER_COLON;
	}
	if (needed == 0)
		return OTP_ERR_BUFFER;

	/* Decode and re-encode: validates the secret and drops case/padding. */
	status = otp_key_decode(&key, secret, secret_len, keyring);
	if (status != OTP_OK)
		return status;
	status = otp_base32_encode(key.bytes, key.len, canonical, sizeof(canonical));
	otp_key_wipe(&key);
	if (status != OTP_OK)
		goto cleanup;

	/* The exact length, so a caller may pass less than otp_uri_bufsize(). */
	needed = sizeof(uri_prefix) - 1 + encoded_len(account, account_len) +
		sizeof("?secret=") - 1 + strlen(canonical) + 1;
	if (issuer != NULL)
		needed += 2 * encoded_len(issuer, issuer_len) + 1 + sizeof("&issuer=") - 1;
	if (params->algorithm != OTP_SHA1)
		needed += sizeof("&algorithm=") - 1 + strlen(otp_algorithm_uri_name(params->algorithm));
	if (params->digits != OTP_DEFAULT_DIGITS)
		needed += sizeof("&digits=") - 1 + int_len(params->digits);
	if (params->period != OTP_DEFAULT_PERIOD)
		needed += sizeof("&period=") - 1 + int_len(params->period);
	if (out_size < needed)
	{
		status = OTP_ERR_BUFFER;
		goto cleanup;
	}

	append(out, &pos, uri_prefix);
	if (issuer != NULL)
	{
		append_encoded(out, &pos, issuer, issuer_len);
		out[pos++] = ':';
	}
	append_encoded(out, &pos, account, account_len);
	append(out, &pos, "?secret=");
	append(out, &pos, canonical);
	if (issuer != NULL)
	{
		append(out, &pos, "&issuer=");
		append_encoded(out, &pos, issuer, issuer_len);
	}
	if (params->algorithm != OTP_SHA1)
	{
		append(out, &pos, "&algorithm=");
		append(out, &pos, otp_algorithm_uri_name(params->algorithm));
	}
	if (params->digits != OTP_DEFAULT_DIGITS)
	{
		append(out, &pos, "&digits=");
		append_int(out, &pos, params->digits);
	}
	if (params->period != OTP_DEFAULT_PERIOD)
	{
		append(out, &pos, "&period=");
		append_int(out, &pos, params->period);
	}
	out[pos] = '\0';
	*out_len = pos;

cleanup:
	otp_wipe(canonical, sizeof(canonical));
	return status;
}
