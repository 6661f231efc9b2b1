/*
 * test_uri.c: otpauth:// URIs (Google's Key Uri Format): exact strings,
 * percent-encoding, label errors, UTF-8 validation and buffer sizing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define SECRET "JBSWY3DPEHPK3PXP"

/* otp_uri with NUL-terminated inputs (issuer may be NULL). */
static int
make_uri(const char *secret, const char *account, const char *issuer,
		 otp_params params, char *out, size_t out_size)
{
	size_t		out_len = 0;
	int			status;

	status = otp_uri(secret, strlen(secret), NULL, account, strlen(account),
					 issuer, issuer ? strlen(issuer) : 0, &params,
					 out, out_size, &out_len);
	if (status == OTP_OK && out_len != strlen(out))
		unit_check(0, __FILE__, __LINE__, "otp_uri sets out_len to strlen(out)",
				   "out_len == strlen(out)", "a different length");
	return status;
}

static void
check_uri(const char *name, const char *secret, const char *account,
		  const char *issuer, otp_params params, const char *expected)
{
	char		out[512];

	if (CHECK_STATUS(name, make_uri(secret, account, issuer, params, out, sizeof(out)),
					 OTP_OK))
		CHECK_STR(name, out, expected);
}

static void
test_exact_uris(void)
{
	const otp_params defaults = {6, 30, OTP_SHA1};

	check_uri("issuer and account with defaults", SECRET, "alice@example.com", "ACME Co",
			  defaults,
			  "otpauth://totp/ACME%20Co:alice%40example.com?secret=" SECRET
			  "&issuer=ACME%20Co");
	check_uri("NULL issuer: label without issuer, no issuer parameter",
			  SECRET, "alice@example.com", NULL, defaults,
			  "otpauth://totp/alice%40example.com?secret=" SECRET);
	check_uri("non-default algorithm, digits and period are appended",
			  SECRET, "alice@example.com", "ACME Co", (otp_params) {8, 60, OTP_SHA256},
			  "otpauth://totp/ACME%20Co:alice%40example.com?secret=" SECRET
			  "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60");
	check_uri("sha512, 7 digits and period 3600 are appended",
			  SECRET, "bob", "X", (otp_params) {7, 3600, OTP_SHA512},
			  "otpauth://totp/X:bob?secret=" SECRET
			  "&issuer=X&algorithm=SHA512&digits=7&period=3600");
	check_uri("only the period differs: only period is appended",
			  SECRET, "bob", NULL, (otp_params) {6, 60, OTP_SHA1},
			  "otpauth://totp/bob?secret=" SECRET "&period=60");
	check_uri("only digits differ: only digits is appended",
			  SECRET, "bob", NULL, (otp_params) {8, 30, OTP_SHA1},
			  "otpauth://totp/bob?secret=" SECRET "&digits=8");
	check_uri("period 1 is appended as 1",
			  SECRET, "bob", NULL, (otp_params) {6, 1, OTP_SHA1},
			  "otpauth://totp/bob?secret=" SECRET "&period=1");
	check_uri("a lower-case, padded, spaced secret is canonicalised",
			  "gezd-gnbv gy3t-qojq ge======", "bob", NULL, defaults,
			  "otpauth://totp/bob?secret=GEZDGNBVGY3TQOJQGE");
}

/* Everything outside RFC 3986's unreserved set is percent-encoded. */
static const struct
{
	const char *raw;
	const char *encoded;
}			encodings[] = {
	{" ", "%20"},
	{"#", "%23"},
	{"?", "%3F"},
	{"/", "%2F"},
	{"&", "%26"},
	{"%", "%25"},
	{"+", "%2B"},
	{"=", "%3D"},
	{"@", "%40"},
	{"Zo\xc3\xab", "Zo%C3%AB"},
	{"\xe2\x82\xac", "%E2%82%AC"},
	{"\xf0\x9f\x98\x80", "%F0%9F%98%80"},
	{"AZaz09-._~", "AZaz09-._~"},
	{"!$'()*,;", "%21%24%27%28%29%2A%2C%3B"},
	{"\"<>\\^`{|}", "%22%3C%3E%5C%5E%60%7B%7C%7D"},
	{"a\nb\x7f", "a%0Ab%7F"},
};

static void
test_percent_encoding(void)
{
	const otp_params defaults = {6, 30, OTP_SHA1};
	char		want[256];

	for (size_t i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
	{
		const char *raw = encodings[i].raw;
		const char *enc = encodings[i].encoded;

		snprintf(want, sizeof(want), "otpauth://totp/%s?secret=" SECRET, enc);
		check_uri(unit_name("account \"%s\" is encoded as %s", raw, enc),
				  SECRET, raw, NULL, defaults, want);
		snprintf(want, sizeof(want), "otpauth://totp/%s:a?secret=" SECRET "&issuer=%s",
				 enc, enc);
		check_uri(unit_name("issuer \"%s\" is encoded as %s in label and parameter",
							raw, enc), SECRET, "a", raw, defaults, want);
	}
	check_uri("':' in the account is encoded as %3A", SECRET, "a:b", "X", defaults,
			  "otpauth://totp/X:a%3Ab?secret=" SECRET "&issuer=X");
}

#define N(literal) literal, sizeof(literal) - 1

static const struct
{
	const char *what;
	const char *text;
	size_t		len;
	int			valid;
}			utf8_cases[] = {
	{"a lone continuation byte", N("a\x80z"), 0},
	{"a continuation byte 0xbf", N("\xbf"), 0},
	{"overlong '/' (C0 AF)", N("\xc0\xaf"), 0},
	{"overlong C1 BF", N("\xc1\xbf"), 0},
	{"overlong 3-byte (E0 80 AF)", N("\xe0\x80\xaf"), 0},
	{"overlong 4-byte (F0 80 80 AF)", N("\xf0\x80\x80\xaf"), 0},
	{"surrogate U+D800 (ED A0 80)", N("\xed\xa0\x80"), 0},
	{"surrogate U+DFFF (ED BF BF)", N("\xed\xbf\xbf"), 0},
	{"a truncated 2-byte sequence at the end", N("ab\xc3"), 0},
	{"a truncated 3-byte sequence at the end", N("ab\xe2\x82"), 0},
	{"a truncated 4-byte sequence at the end", N("ab\xf0\x9f\x98"), 0},
	{"a lead byte followed by ASCII", N("\xc3(x"), 0},
	{"a code point past U+10FFFF (F4 90 80 80)", N("\xf4\x90\x80\x80"), 0},
	{"lead byte F5", N("\xf5\x80\x80\x80"), 0},
	{"byte FE", N("\xfe"), 0},
	{"byte FF", N("\xff"), 0},
	{"a sequence cut by len", "\xc3\xab", 1, 0},
	{"U+0080 (C2 80)", N("\xc2\x80"), 1},
	{"U+07FF (DF BF)", N("\xdf\xbf"), 1},
	{"U+0800 (E0 A0 80)", N("\xe0\xa0\x80"), 1},
	{"U+D7FF (ED 9F BF)", N("\xed\x9f\xbf"), 1},
	{"U+E000 (EE 80 80)", N("\xee\x80\x80"), 1},
	{"U+FFFF (EF BF BF)", N("\xef\xbf\xbf"), 1},
	{"U+10000 (F0 90 80 80)", N("\xf0\x90\x80\x80"), 1},
	{"U+10FFFF (F4 8F BF BF)", N("\xf4\x8f\xbf\xbf"), 1},
};

static void
test_label_errors(void)
{
	const otp_params p = {6, 30, OTP_SHA1};
	char		out[512];
	size_t		out_len;

	CHECK_STATUS("an empty account is OTP_ERR_ACCOUNT_EMPTY",
				 otp_uri(SECRET, 16, NULL, "", 0, NULL, 0, &p, out, sizeof(out), &out_len),
				 OTP_ERR_ACCOUNT_EMPTY);
	CHECK_STATUS("an empty (non-NULL) issuer is OTP_ERR_ISSUER_EMPTY",
				 otp_uri(SECRET, 16, NULL, "a", 1, "", 0, &p, out, sizeof(out), &out_len),
				 OTP_ERR_ISSUER_EMPTY);
	CHECK_STATUS("an issuer with ':' is OTP_ERR_ISSUER_COLON",
				 otp_uri(SECRET, 16, NULL, "a", 1, "ACME:Co", 7, &p, out, sizeof(out), &out_len),
				 OTP_ERR_ISSUER_COLON);
	CHECK_STATUS("an issuer of only ':' is OTP_ERR_ISSUER_COLON",
				 otp_uri(SECRET, 16, NULL, "a", 1, ":", 1, &p, out, sizeof(out), &out_len),
				 OTP_ERR_ISSUER_COLON);
	CHECK_STATUS("an account with ':' and no issuer is OTP_ERR_ACCOUNT_COLON",
				 otp_uri(SECRET, 16, NULL, "a:b", 3, NULL, 0, &p, out, sizeof(out), &out_len),
				 OTP_ERR_ACCOUNT_COLON);
	CHECK_STATUS("an account with ':' is fine after an issuer",
				 otp_uri(SECRET, 16, NULL, "a:b", 3, "X", 1, &p, out, sizeof(out), &out_len),
				 OTP_OK);
	CHECK_STATUS("a bad base32 secret is OTP_ERR_SECRET_BASE32",
				 otp_uri("JBSWY3DPEHPK3PX1", 16, NULL, "a", 1, NULL, 0, &p, out, sizeof(out),
						 &out_len), OTP_ERR_SECRET_BASE32);
	CHECK_STATUS("a 5-byte secret is OTP_ERR_SECRET_SHORT",
				 otp_uri("JBSWY3DP", 8, NULL, "a", 1, NULL, 0, &p, out, sizeof(out), &out_len),
				 OTP_ERR_SECRET_SHORT);

	for (size_t i = 0; i < sizeof(utf8_cases) / sizeof(utf8_cases[0]); i++)
	{
		const char *t = utf8_cases[i].text;
		size_t		n = utf8_cases[i].len;
		int			valid = utf8_cases[i].valid;

		CHECK_STATUS(unit_name("account with %s: %s", utf8_cases[i].what,
							   valid ? "accepted" : "OTP_ERR_ACCOUNT_UTF8"),
					 otp_uri(SECRET, 16, NULL, t, n, NULL, 0, &p, out, sizeof(out), &out_len),
					 valid ? OTP_OK : OTP_ERR_ACCOUNT_UTF8);
		CHECK_STATUS(unit_name("issuer with %s: %s", utf8_cases[i].what,
							   valid ? "accepted" : "OTP_ERR_ISSUER_UTF8"),
					 otp_uri(SECRET, 16, NULL, "a", 1, t, n, &p, out, sizeof(out), &out_len),
					 valid ? OTP_OK : OTP_ERR_ISSUER_UTF8);
	}
}

static void
test_uri_buffers(void)
{
	const otp_params p = {6, 30, OTP_SHA1};
	const char *want = "otpauth://totp/ACME%20Co:alice%40example.com?secret=" SECRET
		"&issuer=ACME%20Co";
	size_t		need = otp_uri_bufsize(16, 17, 7);
	char		out[512];
	char		canary[4];

	CHECK(("otp_uri_bufsize covers the URI and its NUL"), need > strlen(want));
	CHECK_STATUS("otp_uri into exactly otp_uri_bufsize() bytes succeeds",
				 make_uri(SECRET, "alice@example.com", "ACME Co", p, out, need), OTP_OK);
	CHECK_STATUS("otp_uri without room for the NUL is OTP_ERR_BUFFER",
				 make_uri(SECRET, "alice@example.com", "ACME Co", p, out, strlen(want)),
				 OTP_ERR_BUFFER);
	memcpy(canary, "XYZ", 4);
	CHECK_STATUS("otp_uri into a zero-size buffer is OTP_ERR_BUFFER",
				 make_uri(SECRET, "alice@example.com", "ACME Co", p, canary, 0),
				 OTP_ERR_BUFFER);
	CHECK_STR("otp_uri into a zero-size buffer writes nothing", canary, "XYZ");

	/* "0 if that does not fit in a size_t". */
	CHECK_INT("otp_uri_bufsize of a SIZE_MAX secret is 0", otp_uri_bufsize(SIZE_MAX, 1, 1), 0);
	CHECK_INT("otp_uri_bufsize of a SIZE_MAX account is 0", otp_uri_bufsize(1, SIZE_MAX, 1), 0);
	CHECK_INT("otp_uri_bufsize of a SIZE_MAX issuer is 0", otp_uri_bufsize(1, 1, SIZE_MAX), 0);
}

/*
 * Whether size (from otp_uri_bufsize) is 0 or at least secret + 3 * account
 * + 6 * issuer, the worst case of the encoding, compared without overflow.
 */
static int
bufsize_covers(size_t size, size_t secret, size_t account, size_t issuer)
{
	if (size == 0)
		return 1;
	if (size < secret)
		return 0;
	size -= secret;
	if (size / 3 < account)
		return 0;
	size -= 3 * account;
	return size / 6 >= issuer;
}

/* Huge lengths: the sum must never wrap around to a small size. */
static void
test_bufsize_never_wraps(void)
{
	static const size_t lengths[] = {
		0, 1, 1000, SIZE_MAX / 16, SIZE_MAX / 10, SIZE_MAX / 8, SIZE_MAX / 6,
		SIZE_MAX / 3, SIZE_MAX / 2, SIZE_MAX - 100, SIZE_MAX
	};
	const size_t n = sizeof(lengths) / sizeof(lengths[0]);
	int			failures = 0;
	char		first[128] = "none";

	for (size_t s = 0; s < n; s++)
		for (size_t a = 0; a < n; a++)
			for (size_t i = 0; i < n; i++)
			{
				size_t		size = otp_uri_bufsize(lengths[s], lengths[a], lengths[i]);

				if (!bufsize_covers(size, lengths[s], lengths[a], lengths[i]) &&
					failures++ == 0)
					snprintf(first, sizeof(first),
							 "otp_uri_bufsize(%zu, %zu, %zu) = %zu",
							 lengths[s], lengths[a], lengths[i], size);
			}
	CHECK_INT(unit_name("otp_uri_bufsize is 0 or covers secret + 3 * account + "
						"6 * issuer for huge lengths (first wrap: %s)", first),
			  failures, 0);
}

/* Append one random valid UTF-8 character (no ':' when no_colon). */
static size_t
random_char(uint32_t *rng, char *out, int no_colon)
{
	static const char *const multibyte[] = {
		"\xc3\xab", "\xdf\xbf", "\xe2\x82\xac", "\xef\xbf\xbf", "\xf0\x9f\x98\x80",
		"\xf4\x8f\xbf\xbf"
	};
	uint32_t	r = unit_rand(rng);

	if (r % 4 != 0)
	{
		char		c = (char) (0x20 + (r >> 8) % 95);

		out[0] = no_colon && c == ':' ? '%' : c;
		return 1;
	}
	r = (r >> 8) % (sizeof(multibyte) / sizeof(multibyte[0]));
	memcpy(out, multibyte[r], strlen(multibyte[r]));
	return strlen(multibyte[r]);
}

/* Random valid inputs always fit in exactly otp_uri_bufsize() bytes. */
#define GUARD 64

static int
guard_intact(const char *p)
{
	for (int i = 0; i < GUARD; i++)
		if (p[i] != '#')
			return 0;
	return 1;
}

static void
test_bufsize_is_enough(void)
{
	static const otp_algorithm algorithms[] = {OTP_SHA1, OTP_SHA256, OTP_SHA512};
	uint32_t	rng = 20240601;
	int			failures = 0;
	int			first_bad = -1;

	for (int iter = 0; iter < 300; iter++)
	{
		uint8_t		key[40];
		char		secret[4 * OTP_BASE32_LEN(40) + 16];
		char		clean[OTP_BASE32_LEN(40) + 1];
		char		account[4 * 40];
		char		issuer[4 * 40];
		size_t		key_len = 10 + unit_rand(&rng) % 31;
		size_t		s = 0;
		size_t		a = 0;
		size_t		n = 0;
		int			with_issuer = iter % 4 != 0;
		otp_params	p;
		char	   *out;
		size_t		size;
		size_t		out_len = 0;
		int			ok;

		/* A secret as a user might paste it: mixed case, spaces, padding. */
		unit_fill(key, key_len, (uint32_t) iter);
		unit_base32(key, key_len, clean, sizeof(clean));
		for (size_t i = 0; clean[i] != '\0'; i++)
		{
			uint32_t	r = unit_rand(&rng);

			secret[s++] = r % 2 && clean[i] >= 'A' ? (char) (clean[i] - 'A' + 'a') : clean[i];
			if (r % 7 == 0)
				secret[s++] = (r >> 8) % 2 ? ' ' : '-';
		}
		for (uint32_t pad = unit_rand(&rng) % 7; pad > 0; pad--)
			secret[s++] = '=';

		for (size_t k = 1 + unit_rand(&rng) % 40; k > 0; k--)
			a += random_char(&rng, account + a, !with_issuer);
		for (size_t k = 1 + unit_rand(&rng) % 40; k > 0; k--)
			n += random_char(&rng, issuer + n, 1);

		p.digits = 6 + (int) (unit_rand(&rng) % 3);
		p.period = iter % 3 == 0 ? 30 : 1 + (int) (unit_rand(&rng) % 3600);
		p.algorithm = algorithms[unit_rand(&rng) % 3];

		/* A guard zone past out_size catches overruns even without valgrind. */
		size = otp_uri_bufsize(s, a, with_issuer ? n : 0);
		out = malloc(size + GUARD);
		if (out == NULL)
		{
			failures++;
			continue;
		}
		memset(out + size, '#', GUARD);
		ok = otp_uri(secret, s, NULL, account, a, with_issuer ? issuer : NULL,
					 with_issuer ? n : 0, &p,
					 out, size, &out_len) == OTP_OK &&
			out_len < size && strlen(out) == out_len &&
			guard_intact(out + size);
		free(out);
		if (!ok && failures++ == 0)
			first_bad = iter;
	}
	CHECK_INT(unit_name("300 random URIs fit in exactly otp_uri_bufsize() bytes "
						"(first failing iteration %d)", first_bad), failures, 0);
}

/* The worst case per input byte: everything encoded, every parameter added. */
static void
test_bufsize_worst_case(void)
{
	const otp_params p = {8, 3600, OTP_SHA512};
	char		account[64];
	char		issuer[64];
	const char *secret = "jbsw-y3dp-ehpk-3pxp-jbsw-y3dp-ehpk-3pxp========";
	size_t		size;
	size_t		out_len = 0;
	char	   *out;

	memset(account, '%', sizeof(account));
	memset(issuer, '/', sizeof(issuer));
	size = otp_uri_bufsize(strlen(secret), sizeof(account), sizeof(issuer));
	out = malloc(size);
	CHECK(("fixture: worst-case URI buffer allocated"), out != NULL);
	if (out == NULL)
		return;
	CHECK_STATUS("a fully percent-encoded URI with every parameter fits otp_uri_bufsize()",
				 otp_uri(secret, strlen(secret), NULL, account, sizeof(account),
						 issuer, sizeof(issuer), &p, out, size, &out_len), OTP_OK);
	CHECK(("the worst-case URI length is below otp_uri_bufsize()"), out_len < size);
	free(out);
}

void
test_uri(void)
{
	test_exact_uris();
	test_percent_encoding();
	test_label_errors();
	test_uri_buffers();
	test_bufsize_never_wraps();
	test_bufsize_is_enough();
	test_bufsize_worst_case();
}
