/*
 * uri_parse.c: read an otpauth:// URI back into its fields, for admins who
 * migrate secrets from other systems and for checking what a QR code will
 * carry. The grammar is Google's Key Uri Format
 * (github.com/google/google-authenticator/wiki/Key-Uri-Format):
 *
 *   otpauth://TYPE/LABEL?PARAMETERS#fragment
 *   LABEL = accountname | issuer (":" | "%3A") *("%20") accountname
 */
#include <string.h>

#include "otp_internal.h"

static const char scheme[] = "otpauth://";

/* s[0..len) is the C string word, ignoring ASCII case. */
static int
word_equal_nocase(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && otp_ascii_equal_nocase(s, word, len);
}

/* Index of the first c in s[0..len), or len. */
static size_t
find_char(const char *s, size_t len, char c)
{
	const char *hit = memchr(s, c, len);

	return hit == NULL ? len : (size_t) (hit - s);
}

/*
 * %-decode src[0..len) into dst (which has room for len + 1 bytes),
 * NUL-terminate it and point *out at it. In query values '+' is a space
 * (form encoding, as Python's urlencode writes it); in the label it is a
 * plus. A NUL byte could not be stored by either database, so it is an
 * error like a broken escape.
 */
static int
percent_decode(const char *src, size_t len, int plus_is_space, char *dst,
			   otp_text *out)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
	{
		char		c = src[i];

		if (c == '%')
		{
			int			hi = i + 2 < len ? otp_hex_digit(src[i + 1]) : -1;
			int			lo = hi >= 0 ? otp_hex_digit(src[i + 2]) : -1;

			if (lo < 0 || (hi == 0 && lo == 0))
				return OTP_ERR_URI_ENCODING;
			c = (char) (hi << 4 | lo);
			i += 2;
		}
		else if (c == '\0')
			return OTP_ERR_URI_ENCODING;
		else if (c == '+' && plus_is_space)
			c = ' ';
		dst[n++] = c;
	}
	dst[n] = '\0';
	out->ptr = dst;
	out->len = n;
	return OTP_OK;
}

/* A decimal number of 1..18 ASCII digits (so no overflow); else -1. */
static int64_t
parse_decimal(const otp_text *value)
{
	int64_t		n = 0;

	if (value->len == 0 || value->len > 18)
		return -1;
	for (size_t i = 0; i < value->len; i++)
	{
		if (value->ptr[i] < '0' || value->ptr[i] > '9')
			return -1;
		n = n * 10 + (value->ptr[i] - '0');
	}
	return n;
}

/* A small parameter (digits, period): out-of-range text maps to -1. */
static int
parse_small(const otp_text *value)
{
	int64_t		n = parse_decimal(value);

	return n < 0 || n > 1000000 ? -1 : (int) n;
}

/*
 * Decode the secret parameter and rewrite it in place in canonical form
 * (upper case, no padding): the same validation every other function applies,
 * and what otpauth_uri() writes, so that parse and build round-trip.
 */
static int
canonical_secret(otp_text *secret)
{
	otp_key		key;
	int			status;

	/* A URI carries the key itself, never a sealed value. */
	if (otp_is_sealed(secret->ptr, secret->len))
		return OTP_ERR_SECRET_BASE32;
	status = otp_key_decode(&key, secret->ptr, secret->len, NULL);
	if (status != OTP_OK)
		return status;
	/* Canonical text is never longer than the data characters it came from. */
	status = otp_base32_encode(key.bytes, key.len, (char *) secret->ptr,
							   secret->len + 1);
	otp_key_wipe(&key);
	if (status == OTP_OK)
		secret->len = strlen(secret->ptr);
	return status;
}

/* The query parameters otp_uri_parse() reads; the rest are ignored. */
enum known_param
{
	PARAM_SECRET,
	PARAM_ISSUER,
	PARAM_ALGORITHM,
	PARAM_DIGITS,
	PARAM_PERIOD,
	PARAM_COUNTER,
	PARAM_COUNT
};

static const char *const param_names[PARAM_COUNT] = {
	"secret", "issuer", "algorithm", "digits", "period", "counter"
};

/*
 * Split the query on '&' and %-decode the value of each known parameter
 * into dst, one after the other; values[] of absent ones keep .ptr NULL.
 * Returns the bytes of dst used through *used.
 */
static int
read_query(const char *query, size_t len, char *dst, size_t *used,
		   otp_text values[PARAM_COUNT])
{
	size_t		pos = 0;

	*used = 0;
	while (pos < len)
	{
		size_t		end = pos + find_char(query + pos, len - pos, '&');
		size_t		eq = pos + find_char(query + pos, end - pos, '=');

		for (int k = 0; k < PARAM_COUNT; k++)
		{
			int			status;

			if (!word_equal_nocase(query + pos, eq - pos, param_names[k]))
				continue;
			if (values[k].ptr != NULL)
				return OTP_ERR_URI_DUPLICATE;
			status = percent_decode(query + eq + (eq < end), end - eq - (eq < end),
									1, dst + *used, &values[k]);
			if (status != OTP_OK)
				return status;
			*used += values[k].len + 1;
		}
		pos = end + 1;
	}
	return OTP_OK;
}

/* Apply the parameters other than secret and issuer to fields. */
static int
read_params(const otp_text values[PARAM_COUNT], otp_uri_fields *fields)
{
	if (values[PARAM_ALGORITHM].ptr != NULL &&
		otp_algorithm_parse(values[PARAM_ALGORITHM].ptr, values[PARAM_ALGORITHM].len,
							&fields->params.algorithm) != OTP_OK)
		return OTP_ERR_ALGORITHM;
	if (values[PARAM_DIGITS].ptr != NULL)
		fields->params.digits = parse_small(&values[PARAM_DIGITS]);
	if (values[PARAM_PERIOD].ptr != NULL && fields->type == OTP_OTPAUTH_TOTP)
		fields->params.period = parse_small(&values[PARAM_PERIOD]);
	if (fields->type == OTP_OTPAUTH_HOTP)
	{
		if (values[PARAM_COUNTER].ptr == NULL)
			return OTP_ERR_URI_COUNTER;
		fields->counter = parse_decimal(&values[PARAM_COUNTER]);
		if (fields->counter < 0)
			return OTP_ERR_URI_COUNTER;
	}
	return otp_params_check(&fields->params, fields->type == OTP_OTPAUTH_TOTP);
}

/*
 * Split the raw label on its first ':' or "%3A" and decode both parts into
 * dst; *used gets the bytes written.
 */
static int
read_label(const char *label, size_t len, char *dst, size_t *used,
		   otp_text *prefix, otp_text *account)
{
	size_t		split = len;
	size_t		skip = 0;
	int			status;

	for (size_t i = 0; i < len; i++)
	{
		if (label[i] == ':')
		{
			split = i, skip = 1;
			break;
		}
		if (label[i] == '%' && len - i >= 3 && label[i + 1] == '3' &&
			(label[i + 2] == 'A' || label[i + 2] == 'a'))
		{
			split = i, skip = 3;
			break;
		}
	}
	*used = 0;
	prefix->ptr = NULL;
	prefix->len = 0;
	if (skip > 0)
	{
		status = percent_decode(label, split, 0, dst, prefix);
		if (status != OTP_OK)
			return status;
		*used = prefix->len + 1;
	}
	else
		split = 0;
	status = percent_decode(label + split + skip, len - split - skip, 0,
							dst + *used, account);
	if (status != OTP_OK)
		return status;
	*used += account->len + 1;
	/* "Example:  alice" is how some issuers write it; the spaces are not
	 * part of the account. */
	while (account->len > 0 && account->ptr[0] == ' ')
		account->ptr++, account->len--;
	if (!otp_utf8_valid(prefix->ptr == NULL ? "" : prefix->ptr, prefix->len) ||
		!otp_utf8_valid(account->ptr, account->len))
		return OTP_ERR_URI_ENCODING;
	return OTP_OK;
}

size_t
otp_uri_parse_bufsize(size_t uri_len)
{
	/* Every field decodes to at most its own bytes, plus four NULs. */
	return uri_len > SIZE_MAX - 4 ? 0 : uri_len + 4;
}

int
otp_uri_parse(const char *uri, size_t uri_len, char *buf, size_t buf_size,
			  otp_uri_fields *fields)
{
	otp_text	values[PARAM_COUNT] = {{NULL, 0}};
	otp_text	prefix;
	size_t		end = find_char(uri, uri_len, '#');
	size_t		type_start = sizeof(scheme) - 1;
	size_t		type_end;
	size_t		label_end;
	size_t		used;
	size_t		query_used;
	int			status;

	memset(fields, 0, sizeof(*fields));
	fields->params.digits = OTP_DEFAULT_DIGITS;
	fields->params.period = OTP_DEFAULT_PERIOD;
	fields->params.algorithm = OTP_SHA1;
	fields->counter = -1;
	if (buf_size < otp_uri_parse_bufsize(uri_len) || otp_uri_parse_bufsize(uri_len) == 0)
		return OTP_ERR_BUFFER;

	if (end < type_start || !word_equal_nocase(uri, type_start, scheme))
		return OTP_ERR_URI_SCHEME;
	type_end = type_start + find_char(uri + type_start, end - type_start, '/');
	label_end = type_start + find_char(uri + type_start, end - type_start, '?');
	if (type_end > label_end)
		type_end = label_end;	/* otpauth://totp?secret=...: no label */
	if (word_equal_nocase(uri + type_start, type_end - type_start, "totp"))
		fields->type = OTP_OTPAUTH_TOTP;
	else if (word_equal_nocase(uri + type_start, type_end - type_start, "hotp"))
		fields->type = OTP_OTPAUTH_HOTP;
	else
		return OTP_ERR_URI_TYPE;

	status = read_label(uri + type_end + (type_end < label_end),
						label_end - type_end - (type_end < label_end),
						buf, &used, &prefix, &fields->account);
	if (status != OTP_OK)
		return status;
	if (fields->account.len == 0)
		return OTP_ERR_ACCOUNT_EMPTY;

	if (label_end < end)
	{
		status = read_query(uri + label_end + 1, end - label_end - 1, buf + used,
							&query_used, values);
		if (status != OTP_OK)
			return status;
	}
	if (values[PARAM_SECRET].ptr == NULL || values[PARAM_SECRET].len == 0)
		return OTP_ERR_URI_SECRET_MISSING;
	fields->secret = values[PARAM_SECRET];
	status = canonical_secret(&fields->secret);
	if (status != OTP_OK)
		return status;

	/* Google: the issuer parameter is preferred; the prefix is a fallback. */
	if (values[PARAM_ISSUER].ptr != NULL && values[PARAM_ISSUER].len > 0)
	{
		if (!otp_utf8_valid(values[PARAM_ISSUER].ptr, values[PARAM_ISSUER].len))
			return OTP_ERR_URI_ENCODING;
		fields->issuer = values[PARAM_ISSUER];
	}
	else if (prefix.len > 0)
		fields->issuer = prefix;
	return read_params(values, fields);
}

const char *
otp_otpauth_type_name(otp_otpauth_type type)
{
	return type == OTP_OTPAUTH_HOTP ? "hotp" : "totp";
}
