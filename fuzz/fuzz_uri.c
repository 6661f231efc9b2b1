/*
 * fuzz_uri.c: otpauth:// URI building (core/uri.c) with arbitrary account
 * and issuer bytes.
 *
 * Input layout (short inputs read as zeros):
 *   0      flags: bit 0 issuer given (else NULL); bits 1-2 algorithm (3:
 *          not one); bits 3-5 secret (see secrets[])
 *   1      digits = 5 + b % 5
 *   2-3    period = be16 % 3602
 *   4-5    account length (be16, cut to what is left)
 *   6..    account bytes, then the rest is the issuer
 *
 * Properties:
 * - Success iff the parameters are in range, the account is non-empty
 *   UTF-8, the issuer (when given) is non-empty UTF-8 without ':' (UTF-8
 *   per an independent validator from Unicode's table 3-7), and the secret
 *   is valid; else one of the errors that apply.
 * - On success: "otpauth://totp/" then a label of unreserved characters and
 *   %XX (upper-case hex) with exactly one ':' when an issuer is given and
 *   none otherwise, whose parts percent-decode to the issuer and account;
 *   then '?' and '&'-separated name=value pairs with values of unreserved
 *   characters and %XX only: secret (canonical base32 of the key), issuer
 *   (decoding to the issuer), algorithm, digits and period present exactly
 *   when not the defaults, with the right values; each name at most once.
 * - The length is strlen(out) and < otp_uri_bufsize(); the URI fits in
 *   exactly length + 1 bytes and one byte less is OTP_ERR_BUFFER, with
 *   nothing written past the buffer (a guard page follows it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define NSECRETS 6

typedef struct secret
{
	char	   *text;
	const char *canonical;		/* NULL: not a valid secret */
	int			error;			/* its status when not valid */
} secret;

static secret secrets[NSECRETS];
static otp_keyring ring;
static char canonical_rfc[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
static char canonical_max[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	uint8_t		key[OTP_MAX_KEY_BYTES];
	char		sealed[OTP_SEALED_BUFSIZE];
	size_t		sealed_len;
	int			status;

	(void) argc;
	(void) argv;
	fuzz_keyring(&ring, fuzz_keyring_text);
	fuzz_fill(key, sizeof(key), 5);
	ref_base32_encode(key, sizeof(key), canonical_max);
	status = otp_seal(canonical_rfc, strlen(canonical_rfc), &ring, sealed,
					  sizeof(sealed), &sealed_len);
	FUZZ_CHECK(status == OTP_OK, "seal fixture: %s", otp_strerror(status));

	secrets[0] = (secret) {canonical_rfc, canonical_rfc, OTP_OK};
	secrets[1] = (secret) {"gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====", canonical_rfc, OTP_OK};
	secrets[2] = (secret) {strdup(sealed), canonical_rfc, OTP_OK};
	secrets[3] = (secret) {canonical_max, canonical_max, OTP_OK};
	secrets[4] = (secret) {"GEZDGNBV!", NULL, OTP_ERR_SECRET_BASE32};
	secrets[5] = (secret) {"GEZDGNBV", NULL, OTP_ERR_SECRET_SHORT};
	FUZZ_CHECK(secrets[2].text != NULL, "out of memory");
	return 0;
}

static int
is_unreserved(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;					/* lower case is not what we emit */
}

/*
 * Percent-decode s[0..len) into out; 1 if every character is unreserved or
 * a %XX with upper-case hex, else 0.
 */
static int
pct_decode(const char *s, size_t len, uint8_t *out, size_t *out_len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
	{
		if (is_unreserved(s[i]))
			out[n++] = (uint8_t) s[i];
		else if (s[i] == '%' && i + 2 < len &&
				 hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0)
		{
			out[n++] = (uint8_t) (hex_digit(s[i + 1]) << 4 | hex_digit(s[i + 2]));
			i += 2;
		}
		else
			return 0;
	}
	*out_len = n;
	return 1;
}

/* Check that a percent-encoded part decodes to want[0..want_len). */
static void
check_part(const char *what, const char *s, size_t len, const uint8_t *want,
		   size_t want_len)
{
	uint8_t    *decoded = malloc(len + 1);
	size_t		decoded_len = 0;
	int			ok;

	FUZZ_CHECK(decoded != NULL, "out of memory");
	ok = pct_decode(s, len, decoded, &decoded_len);
	if (!ok || decoded_len != want_len || memcmp(decoded, want, want_len) != 0)
	{
		fuzz_dump("encoded", s, len);
		fuzz_dump("expected", want, want_len);
	}
	FUZZ_CHECK(ok, "%s has a character that is neither unreserved nor %%XX", what);
	FUZZ_CHECK(decoded_len == want_len && memcmp(decoded, want, want_len) == 0,
			   "%s does not percent-decode to the input", what);
	free(decoded);
}

/* Check one query parameter name=value; mark it seen. */
static void
check_param(const char *p, size_t len, const char *canonical,
			const uint8_t *issuer, size_t issuer_len, const otp_params *params,
			unsigned *seen)
{
	static const char *const names[] = {"secret", "issuer", "algorithm", "digits", "period"};
	const char *eq = memchr(p, '=', len);
	size_t		name_len;
	const char *value;
	size_t		value_len;
	char		want[32];
	size_t		k;

	FUZZ_CHECK(eq != NULL, "query part without '='");
	name_len = (size_t) (eq - p);
	value = eq + 1;
	value_len = len - name_len - 1;
	for (k = 0; k < 5; k++)
		if (strlen(names[k]) == name_len && memcmp(names[k], p, name_len) == 0)
			break;
	FUZZ_CHECK(k < 5, "unknown query parameter %.*s", (int) name_len, p);
	FUZZ_CHECK(!(*seen & (1u << k)), "query parameter %s twice", names[k]);
	*seen |= 1u << k;
	switch (k)
	{
		case 0:
			FUZZ_CHECK(value_len == strlen(canonical) &&
					   memcmp(value, canonical, value_len) == 0,
					   "secret= is not the canonical secret");
			return;
		case 1:
			check_part("issuer=", value, value_len, issuer, issuer_len);
			return;
		case 2:
			snprintf(want, sizeof(want), "%s",
					 params->algorithm == OTP_SHA256 ? "SHA256" :
					 params->algorithm == OTP_SHA512 ? "SHA512" : "SHA1");
			break;
		case 3:
			snprintf(want, sizeof(want), "%d", params->digits);
			break;
		default:
			snprintf(want, sizeof(want), "%d", params->period);
			break;
	}
	FUZZ_CHECK(value_len == strlen(want) && memcmp(value, want, value_len) == 0,
			   "%s=%.*s, expected %s", names[k], (int) value_len, value, want);
}

/* Every property of a URI built without error. */
static void
check_uri(const char *uri, size_t uri_len, const secret *s,
		  const uint8_t *account, size_t account_len,
		  const uint8_t *issuer, size_t issuer_len, const otp_params *params)
{
	static const char prefix[] = "otpauth://totp/";
	const char *label = uri + sizeof(prefix) - 1;
	const char *query;
	const char *colon = NULL;
	size_t		label_len;
	unsigned	seen = 0;
	unsigned	want_seen = 1;

	FUZZ_CHECK(strlen(uri) == uri_len, "out_len %zu but strlen %zu", uri_len,
			   strlen(uri));
	FUZZ_CHECK(uri_len > sizeof(prefix) - 1 &&
			   memcmp(uri, prefix, sizeof(prefix) - 1) == 0,
			   "does not start with otpauth://totp/");
	query = strchr(label, '?');
	FUZZ_CHECK(query != NULL, "no '?' after the label");
	label_len = (size_t) (query - label);
	for (size_t i = 0; i < label_len; i++)
		if (label[i] == ':')
		{
			FUZZ_CHECK(colon == NULL, "two ':' in the label");
			colon = label + i;
		}
	if (issuer != NULL)
	{
		FUZZ_CHECK(colon != NULL, "issuer given but no ':' in the label");
		check_part("label issuer", label, (size_t) (colon - label), issuer, issuer_len);
		check_part("label account", colon + 1, (size_t) (query - colon - 1),
				   account, account_len);
		want_seen |= 2;
	}
	else
	{
		FUZZ_CHECK(colon == NULL, "no issuer but a ':' in the label");
		check_part("label", label, label_len, account, account_len);
	}

	for (const char *p = query + 1; *p != '\0';)
	{
		const char *amp = strchr(p, '&');
		size_t		len = amp != NULL ? (size_t) (amp - p) : strlen(p);

		check_param(p, len, s->canonical, issuer, issuer_len, params, &seen);
		p += len;
		if (*p == '&')
		{
			p++;
			FUZZ_CHECK(*p != '\0', "query ends with '&'");
		}
	}
	if (params->algorithm != OTP_SHA1)
		want_seen |= 4;
	if (params->digits != OTP_DEFAULT_DIGITS)
		want_seen |= 8;
	if (params->period != OTP_DEFAULT_PERIOD)
		want_seen |= 16;
	FUZZ_CHECK(seen == want_seen, "query parameters present: %#x, expected %#x",
			   seen, want_seen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader r = {data, size};
	uint8_t		flags = fuzz_u8(&r);
	int			has_issuer = flags & 1;
	otp_algorithm algorithm = (otp_algorithm) ((flags >> 1) & 3);
	const secret *s = &secrets[((flags >> 3) & 7) % NSECRETS];
	int			digits = 5 + fuzz_u8(&r) % 5;
	int			period = fuzz_u16(&r) % 3602;
	size_t		account_len;
	const uint8_t *account_in = fuzz_bytes(&r, fuzz_u16(&r), &account_len);
	size_t		issuer_len;
	const uint8_t *issuer_in = fuzz_bytes(&r, r.len, &issuer_len);
	otp_params	params = {digits, period, algorithm};
	char	   *account = fuzz_guard_copy(account_in, account_len);
	char	   *issuer = has_issuer ? fuzz_guard_copy(issuer_in, issuer_len) : NULL;
	size_t		secret_len = strlen(s->text);
	size_t		bufsize = otp_uri_bufsize(secret_len, account_len, has_issuer ? issuer_len : 0);
	char	   *out = fuzz_guard_alloc(bufsize);
	size_t		out_len = 12345;
	int			bad_digits = digits < OTP_MIN_DIGITS || digits > OTP_MAX_DIGITS;
	int			bad_period = period < OTP_MIN_PERIOD || period > OTP_MAX_PERIOD;
	int			bad_algorithm = (unsigned) algorithm > OTP_SHA512;
	int			account_empty = account_len == 0;
	int			account_utf8 = !ref_utf8_valid((const uint8_t *) account, account_len);
	int			issuer_empty = has_issuer && issuer_len == 0;
	int			issuer_utf8 = has_issuer &&
		!ref_utf8_valid((const uint8_t *) issuer, issuer_len);
	int			issuer_colon = has_issuer && memchr(issuer, ':', issuer_len) != NULL;
	int			bad_secret = s->canonical == NULL;
	int			any_bad;
	int			status;

	any_bad = bad_digits || bad_period || bad_algorithm || account_empty ||
		account_utf8 || issuer_empty || issuer_utf8 || issuer_colon || bad_secret;
	FUZZ_CHECK(bufsize > 0, "otp_uri_bufsize(%zu, %zu, %zu) is 0", secret_len,
			   account_len, issuer_len);

	status = otp_uri(s->text, secret_len, &ring, account, account_len,
					 issuer, issuer_len, &params, out, bufsize, &out_len);
	fuzz_status(status);
	if (any_bad)
	{
		if (status == OTP_OK)
		{
			fuzz_dump("account", account, account_len);
			if (issuer != NULL)
				fuzz_dump("issuer", issuer, issuer_len);
		}
		FUZZ_CHECK(status != OTP_OK &&
				   ((status == OTP_ERR_DIGITS && bad_digits) ||
					(status == OTP_ERR_PERIOD && bad_period) ||
					(status == OTP_ERR_ALGORITHM && bad_algorithm) ||
					(status == OTP_ERR_ACCOUNT_EMPTY && account_empty) ||
					(status == OTP_ERR_ACCOUNT_UTF8 && account_utf8) ||
					(status == OTP_ERR_ISSUER_EMPTY && issuer_empty) ||
					(status == OTP_ERR_ISSUER_UTF8 && issuer_utf8) ||
					(status == OTP_ERR_ISSUER_COLON && issuer_colon) ||
					(status == s->error && bad_secret)),
				   "got %s; expected one of: digits %d period %d algorithm %d "
				   "account empty %d utf8 %d issuer empty %d utf8 %d colon %d "
				   "secret %d", otp_strerror(status), bad_digits, bad_period,
				   bad_algorithm, account_empty, account_utf8, issuer_empty,
				   issuer_utf8, issuer_colon, bad_secret);
		FUZZ_CHECK(out_len == 0 && out[0] == '\0', "an error left a URI behind");
	}
	else
	{
		if (status != OTP_OK)
		{
			fuzz_dump("account", account, account_len);
			if (issuer != NULL)
				fuzz_dump("issuer", issuer, issuer_len);
		}
		FUZZ_CHECK(status == OTP_OK, "valid inputs gave %s", otp_strerror(status));
		FUZZ_CHECK(out_len < bufsize, "length %zu not below otp_uri_bufsize %zu",
				   out_len, bufsize);
		check_uri(out, out_len, s, (const uint8_t *) account, account_len,
				  (const uint8_t *) issuer, issuer_len, &params);

		/* Exactly big enough, then one byte short. */
		{
			char	   *exact = fuzz_guard_alloc(out_len + 1);
			size_t		exact_len = 0;

			status = otp_uri(s->text, secret_len, &ring, account, account_len,
							 issuer, issuer_len, &params, exact, out_len + 1, &exact_len);
			FUZZ_CHECK(status == OTP_OK && exact_len == out_len &&
					   memcmp(exact, out, out_len + 1) == 0,
					   "URI into exactly %zu bytes: %s", out_len + 1,
					   otp_strerror(status));
			fuzz_guard_free(exact, out_len + 1);
			exact = fuzz_guard_alloc(out_len);
			status = otp_uri(s->text, secret_len, &ring, account, account_len,
							 issuer, issuer_len, &params, exact, out_len, &exact_len);
			FUZZ_CHECK(status == OTP_ERR_BUFFER, "URI into %zu bytes (one short): %s",
					   out_len, otp_strerror(status));
			fuzz_guard_free(exact, out_len);
		}
	}

	fuzz_guard_free(out, bufsize);
	fuzz_guard_free(account, account_len);
	if (issuer != NULL)
		fuzz_guard_free(issuer, issuer_len);
	return 0;
}
