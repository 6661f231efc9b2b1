/*
 * test_uri_parse.c: otpauth URIs read back into fields: round trips of
 * everything otp_uri() builds (fixed and random labels), the label split on
 * the first ':' or "%3A", issuer precedence, lenient spellings, and every
 * error, each with the status it must give.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define SECRET "JBSWY3DPEHPK3PXP"

/* Expected fields; NULL issuer: none. */
typedef struct parse_case
{
	const char *name;
	const char *uri;
	int			status;
	otp_otpauth_type type;
	const char *issuer;
	const char *account;
	const char *secret;
	otp_params	params;
	int64_t		counter;
} parse_case;

static void
check_text(const char *name, const char *field, otp_text got, const char *expected)
{
	if (expected == NULL)
	{
		CHECK(unit_name("%s: %s absent", name, field), got.ptr == NULL);
		return;
	}
	if (!CHECK(unit_name("%s: %s present", name, field), got.ptr != NULL))
		return;
	CHECK_INT(unit_name("%s: %s length", name, field), got.len, strlen(expected));
	CHECK_STR(unit_name("%s: %s", name, field), got.ptr, expected);
}

static void
check_case(const parse_case *c)
{
	size_t		len = strlen(c->uri);
	size_t		bufsize = otp_uri_parse_bufsize(len);
	char	   *buf = malloc(bufsize);
	otp_uri_fields f;
	int			status;

	if (!CHECK(unit_name("%s: buffer", c->name), buf != NULL))
		return;
	status = otp_uri_parse(c->uri, len, buf, bufsize, &f);
	if (CHECK_STATUS(c->name, status, c->status) && status == OTP_OK)
	{
		CHECK_INT(unit_name("%s: type", c->name), f.type, c->type);
		check_text(c->name, "issuer", f.issuer, c->issuer);
		check_text(c->name, "account", f.account, c->account);
		check_text(c->name, "secret", f.secret, c->secret);
		CHECK_INT(unit_name("%s: digits", c->name), f.params.digits, c->params.digits);
		CHECK_INT(unit_name("%s: algorithm", c->name), f.params.algorithm,
				  c->params.algorithm);
		if (c->type == OTP_OTPAUTH_TOTP)
			CHECK_INT(unit_name("%s: period", c->name), f.params.period, c->params.period);
		CHECK_INT(unit_name("%s: counter", c->name), f.counter, c->counter);
	}
	free(buf);
}

#define TOTP OTP_OTPAUTH_TOTP
#define HOTP OTP_OTPAUTH_HOTP
#define DEFAULTS {6, 30, OTP_SHA1}

static const parse_case cases[] = {
	{"issuer prefix and parameter", "otpauth://totp/ACME%20Co:alice%40example.com?secret=" SECRET "&issuer=ACME%20Co",
	OTP_OK, TOTP, "ACME Co", "alice@example.com", SECRET, DEFAULTS, -1},
	{"label split on an encoded colon %3A", "otpauth://totp/ACME%3Aalice?secret=" SECRET,
	OTP_OK, TOTP, "ACME", "alice", SECRET, DEFAULTS, -1},
	{"label split on a lower-case %3a", "otpauth://totp/ACME%3aalice?secret=" SECRET,
	OTP_OK, TOTP, "ACME", "alice", SECRET, DEFAULTS, -1},
	{"only the first colon splits: later ones stay in the account",
		"otpauth://totp/ACME:bob:x%3Ay?secret=" SECRET,
	OTP_OK, TOTP, "ACME", "bob:x:y", SECRET, DEFAULTS, -1},
	{"missing issuer: none", "otpauth://totp/alice?secret=" SECRET,
	OTP_OK, TOTP, NULL, "alice", SECRET, DEFAULTS, -1},
	{"issuer only in the query", "otpauth://totp/alice?issuer=ACME&secret=" SECRET,
	OTP_OK, TOTP, "ACME", "alice", SECRET, DEFAULTS, -1},
	{"the issuer parameter wins over the label prefix",
		"otpauth://totp/Old:alice?secret=" SECRET "&issuer=New",
	OTP_OK, TOTP, "New", "alice", SECRET, DEFAULTS, -1},
	{"an empty issuer parameter falls back to the prefix",
		"otpauth://totp/ACME:alice?secret=" SECRET "&issuer=",
	OTP_OK, TOTP, "ACME", "alice", SECRET, DEFAULTS, -1},
	{"an empty prefix is no issuer", "otpauth://totp/:alice?secret=" SECRET,
	OTP_OK, TOTP, NULL, "alice", SECRET, DEFAULTS, -1},
	{"spaces before the account are dropped", "otpauth://totp/ACME:%20%20alice?secret=" SECRET,
	OTP_OK, TOTP, "ACME", "alice", SECRET, DEFAULTS, -1},
	{"unknown parameters are ignored",
		"otpauth://totp/a?image=https%3A%2F%2Fx%2Fy.png&secret=" SECRET "&color=red&flag&x=",
	OTP_OK, TOTP, NULL, "a", SECRET, DEFAULTS, -1},
	{"lower-case algorithm", "otpauth://totp/a?secret=" SECRET "&algorithm=sha256",
	OTP_OK, TOTP, NULL, "a", SECRET, {6, 30, OTP_SHA256}, -1},
	{"mixed-case algorithm, digits and period",
		"otpauth://totp/a?secret=" SECRET "&algorithm=Sha512&digits=8&period=60",
	OTP_OK, TOTP, NULL, "a", SECRET, {8, 60, OTP_SHA512}, -1},
	{"scheme, type and parameter names in any case",
		"OTPAUTH://TOTP/a?SECRET=" SECRET "&Digits=7",
	OTP_OK, TOTP, NULL, "a", SECRET, {7, 30, OTP_SHA1}, -1},
	{"secret canonicalised: lower case, spaces, padding",
		"otpauth://totp/a?secret=jbsw%20y3dp+ehpk3pxp%3D%3D%3D%3D",
	OTP_OK, TOTP, NULL, "a", SECRET, DEFAULTS, -1},
	{"'+' in a query value is a space, in the label a plus",
		"otpauth://totp/a+b?secret=" SECRET "&issuer=Big+Co",
	OTP_OK, TOTP, "Big Co", "a+b", SECRET, DEFAULTS, -1},
	{"a #fragment is not part of the last parameter",
		"otpauth://totp/a?secret=" SECRET "#&digits=9",
	OTP_OK, TOTP, NULL, "a", SECRET, DEFAULTS, -1},
	{"raw UTF-8 in the label", "otpauth://totp/Soci\xc3\xa9t\xc3\xa9:j\xc3\xbcrgen?secret=" SECRET,
	OTP_OK, TOTP, "Soci\xc3\xa9t\xc3\xa9", "j\xc3\xbcrgen", SECRET, DEFAULTS, -1},
	{"encoded UTF-8 and reserved characters in the label",
		"otpauth://totp/%E4%BE%8B:a%23b%3Fc%26d%25e%2Ff?secret=" SECRET,
	OTP_OK, TOTP, "\xe4\xbe\x8b", "a#b?c&d%e/f", SECRET, DEFAULTS, -1},
	{"hotp with a counter", "otpauth://hotp/ACME:bob?secret=" SECRET "&counter=42&digits=8",
	OTP_OK, HOTP, "ACME", "bob", SECRET, {8, 30, OTP_SHA1}, 42},
	{"hotp counter 0", "otpauth://hotp/bob?counter=0&secret=" SECRET,
	OTP_OK, HOTP, NULL, "bob", SECRET, DEFAULTS, 0},
	{"hotp ignores period", "otpauth://hotp/bob?counter=1&secret=" SECRET "&period=0",
	OTP_OK, HOTP, NULL, "bob", SECRET, DEFAULTS, 1},
	{"totp ignores counter", "otpauth://totp/bob?counter=x&secret=" SECRET,
	OTP_OK, TOTP, NULL, "bob", SECRET, DEFAULTS, -1},
	{"largest counter", "otpauth://hotp/bob?counter=999999999999999999&secret=" SECRET,
	OTP_OK, HOTP, NULL, "bob", SECRET, DEFAULTS, 999999999999999999LL},
};

/* URIs that must be refused, with the status that says why. */
static const struct
{
	const char *name;
	const char *uri;
	int			status;
}			error_cases[] = {
	{"not otpauth", "https://totp/a?secret=" SECRET, OTP_ERR_URI_SCHEME},
	{"empty", "", OTP_ERR_URI_SCHEME},
	{"scheme only", "otpauth://", OTP_ERR_URI_TYPE},
	{"scheme cut by a fragment", "otpauth#://totp/a?secret=" SECRET, OTP_ERR_URI_SCHEME},
	{"unknown type", "otpauth://steam/a?secret=" SECRET, OTP_ERR_URI_TYPE},
	{"type with extra letters", "otpauth://totpx/a?secret=" SECRET, OTP_ERR_URI_TYPE},
	{"no query", "otpauth://totp/alice", OTP_ERR_URI_SECRET_MISSING},
	{"no secret parameter", "otpauth://totp/alice?issuer=ACME", OTP_ERR_URI_SECRET_MISSING},
	{"empty secret", "otpauth://totp/alice?secret=", OTP_ERR_URI_SECRET_MISSING},
	{"secret parameter without '='", "otpauth://totp/alice?secret", OTP_ERR_URI_SECRET_MISSING},
	{"secret only in the fragment", "otpauth://totp/alice?x=1#secret=" SECRET,
	OTP_ERR_URI_SECRET_MISSING},
	{"bad base32 secret", "otpauth://totp/alice?secret=JBSWY3DPEHPK3PX1", OTP_ERR_SECRET_BASE32},
	{"secret shorter than 10 bytes", "otpauth://totp/alice?secret=JBSWY3DP", OTP_ERR_SECRET_SHORT},
	{"a sealed value is no secret", "otpauth://totp/alice?secret=totp:v1:k:AAAA",
	OTP_ERR_SECRET_BASE32},
	{"secret twice", "otpauth://totp/a?secret=" SECRET "&secret=" SECRET, OTP_ERR_URI_DUPLICATE},
	{"issuer twice", "otpauth://totp/a?secret=" SECRET "&issuer=A&ISSUER=A", OTP_ERR_URI_DUPLICATE},
	{"digits twice", "otpauth://totp/a?secret=" SECRET "&digits=6&digits=6", OTP_ERR_URI_DUPLICATE},
	{"no account", "otpauth://totp/?secret=" SECRET, OTP_ERR_ACCOUNT_EMPTY},
	{"no label at all", "otpauth://totp?secret=" SECRET, OTP_ERR_ACCOUNT_EMPTY},
	{"issuer but no account", "otpauth://totp/ACME:?secret=" SECRET, OTP_ERR_ACCOUNT_EMPTY},
	{"only spaces as account", "otpauth://totp/ACME:%20?secret=" SECRET, OTP_ERR_ACCOUNT_EMPTY},
	{"bad escape", "otpauth://totp/a%G1?secret=" SECRET, OTP_ERR_URI_ENCODING},
	{"escape cut short", "otpauth://totp/a%4?secret=" SECRET, OTP_ERR_URI_ENCODING},
	{"escape at the end", "otpauth://totp/a?secret=" SECRET "&issuer=%", OTP_ERR_URI_ENCODING},
	{"encoded NUL", "otpauth://totp/a%00b?secret=" SECRET, OTP_ERR_URI_ENCODING},
	{"invalid UTF-8 in the account", "otpauth://totp/a%FF?secret=" SECRET, OTP_ERR_URI_ENCODING},
	{"invalid UTF-8 in the prefix", "otpauth://totp/%C3:a?secret=" SECRET, OTP_ERR_URI_ENCODING},
	{"invalid UTF-8 in the issuer", "otpauth://totp/a?secret=" SECRET "&issuer=%C0%80",
	OTP_ERR_URI_ENCODING},
	{"a broken escape in a value that is read",
		"otpauth://totp/a?secret=" SECRET "&digits=%3", OTP_ERR_URI_ENCODING},
	{"digits 5", "otpauth://totp/a?secret=" SECRET "&digits=5", OTP_ERR_DIGITS},
	{"digits 9", "otpauth://totp/a?secret=" SECRET "&digits=9", OTP_ERR_DIGITS},
	{"digits not a number", "otpauth://totp/a?secret=" SECRET "&digits=six", OTP_ERR_DIGITS},
	{"digits empty", "otpauth://totp/a?secret=" SECRET "&digits=", OTP_ERR_DIGITS},
	{"digits negative", "otpauth://totp/a?secret=" SECRET "&digits=-6", OTP_ERR_DIGITS},
	{"digits huge", "otpauth://totp/a?secret=" SECRET "&digits=99999999999999999999",
	OTP_ERR_DIGITS},
	{"period 0", "otpauth://totp/a?secret=" SECRET "&period=0", OTP_ERR_PERIOD},
	{"period 3601", "otpauth://totp/a?secret=" SECRET "&period=3601", OTP_ERR_PERIOD},
	{"period with a unit", "otpauth://totp/a?secret=" SECRET "&period=30s", OTP_ERR_PERIOD},
	{"unknown algorithm", "otpauth://totp/a?secret=" SECRET "&algorithm=md5", OTP_ERR_ALGORITHM},
	{"hotp without counter", "otpauth://hotp/a?secret=" SECRET, OTP_ERR_URI_COUNTER},
	{"hotp negative counter", "otpauth://hotp/a?secret=" SECRET "&counter=-1", OTP_ERR_URI_COUNTER},
	{"hotp counter not a number", "otpauth://hotp/a?secret=" SECRET "&counter=1e3",
	OTP_ERR_URI_COUNTER},
	{"hotp counter too large", "otpauth://hotp/a?secret=" SECRET "&counter=9223372036854775808",
	OTP_ERR_URI_COUNTER},
};

static void
test_parse_cases(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
	for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++)
	{
		parse_case c = {error_cases[i].name, error_cases[i].uri, error_cases[i].status,
		OTP_OTPAUTH_TOTP, NULL, NULL, NULL, {0, 0, OTP_SHA1}, 0};

		check_case(&c);
	}
}

/* Parse what otp_uri built and compare every field with its inputs. */
static void
check_round_trip(const char *name, const char *secret, const char *account,
				 const char *issuer, otp_params params)
{
	char		uri[4096];
	char		buf[4100];
	char		name_copy[128];
	size_t		uri_len;
	otp_uri_fields f;

	/* unit_name() reuses one buffer: keep this case's name apart. */
	snprintf(name_copy, sizeof(name_copy), "%s", name);
	name = name_copy;

	if (!CHECK_STATUS(unit_name("%s: built", name),
					  otp_uri(secret, strlen(secret), NULL, account, strlen(account),
							  issuer, issuer ? strlen(issuer) : 0, &params,
							  uri, sizeof(uri), &uri_len), OTP_OK))
		return;
	if (!CHECK_STATUS(unit_name("%s: parsed", name),
					  otp_uri_parse(uri, uri_len, buf, sizeof(buf), &f), OTP_OK))
		return;
	CHECK(unit_name("%s: type totp", name), f.type == OTP_OTPAUTH_TOTP);
	if (issuer == NULL)
		CHECK(unit_name("%s: no issuer", name), f.issuer.ptr == NULL);
	else
		CHECK(unit_name("%s: issuer", name),
			  f.issuer.ptr != NULL && f.issuer.len == strlen(issuer) &&
			  memcmp(f.issuer.ptr, issuer, f.issuer.len) == 0);
	/* otp_uri keeps leading spaces of an account; parsing drops them. */
	while (*account == ' ')
		account++;
	CHECK(unit_name("%s: account", name),
		  f.account.len == strlen(account) && memcmp(f.account.ptr, account, f.account.len) == 0);
	CHECK(unit_name("%s: secret", name), strcmp(f.secret.ptr, SECRET) == 0);
	CHECK(unit_name("%s: params", name),
		  f.params.digits == params.digits && f.params.period == params.period &&
		  f.params.algorithm == params.algorithm);
	CHECK_INT(unit_name("%s: counter", name), f.counter, -1);
}

/* A random UTF-8 string of 1..40 code points drawn from troublesome ranges. */
static void
random_label(uint32_t *state, char *out, int allow_colon)
{
	static const char specials[] = ":#?&%/=+ @;,!$'()*[]\"\\";
	int			n = 1 + (int) (unit_rand(state) % 40);
	size_t		pos = 0;

	for (int i = 0; i < n; i++)
	{
		uint32_t	kind = unit_rand(state) % 5;
		uint32_t	cp;

		if (kind == 0)
			cp = (uint32_t) specials[unit_rand(state) % (sizeof(specials) - 1)];
		else if (kind == 1)
			cp = 0x20 + unit_rand(state) % 0x5f;
		else if (kind == 2)
			cp = 0xa0 + unit_rand(state) % 0x700;
		else if (kind == 3)
			cp = 0x3040 + unit_rand(state) % 0x1000;
		else
			cp = 0x1f300 + unit_rand(state) % 0x200;
		if (cp == ':' && !allow_colon)
			cp = '-';
		if (cp < 0x80)
			out[pos++] = (char) cp;
		else if (cp < 0x800)
		{
			out[pos++] = (char) (0xc0 | cp >> 6);
			out[pos++] = (char) (0x80 | (cp & 0x3f));
		}
		else if (cp < 0x10000)
		{
			out[pos++] = (char) (0xe0 | cp >> 12);
			out[pos++] = (char) (0x80 | (cp >> 6 & 0x3f));
			out[pos++] = (char) (0x80 | (cp & 0x3f));
		}
		else
		{
			out[pos++] = (char) (0xf0 | cp >> 18);
			out[pos++] = (char) (0x80 | (cp >> 12 & 0x3f));
			out[pos++] = (char) (0x80 | (cp >> 6 & 0x3f));
			out[pos++] = (char) (0x80 | (cp & 0x3f));
		}
	}
	out[pos] = '\0';
	/* An account of spaces only would be empty once parsed. */
	if (strspn(out, " ") == pos)
		out[0] = 'x';
}

static void
test_round_trips(void)
{
	static const otp_algorithm algorithms[] = {OTP_SHA1, OTP_SHA256, OTP_SHA512};
	uint32_t	state = 20261122;

	check_round_trip("defaults", SECRET, "alice@example.com", "ACME Co",
					 (otp_params) DEFAULTS);
	check_round_trip("no issuer", SECRET, "alice", NULL, (otp_params) DEFAULTS);
	check_round_trip("lower-case padded secret comes back canonical",
					 "jbsw y3dp ehpk 3pxp====", "a", NULL, (otp_params) DEFAULTS);
	check_round_trip("colon, hash, query and percent in the account", SECRET,
					 "a:b#c?d&e%f/g", "X", (otp_params) {8, 60, OTP_SHA256});
	check_round_trip("non-ASCII issuer and account", SECRET,
					 "j\xc3\xbcrgen@\xe4\xbe\x8b.jp", "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale",
					 (otp_params) {7, 3600, OTP_SHA512});
	for (int i = 0; i < 2000; i++)
	{
		char		account[200];
		char		issuer[200];
		otp_params	params = {6 + (int) (unit_rand(&state) % 3),
			1 + (int) (unit_rand(&state) % 3600),
		algorithms[unit_rand(&state) % 3]};

		random_label(&state, account, i % 4 != 0);
		random_label(&state, issuer, 0);
		check_round_trip(unit_name("random label %d", i), SECRET, account,
						 i % 4 == 0 ? NULL : issuer, params);
	}
}

/* Every prefix of a valid URI parses or fails cleanly, never past its end. */
static void
test_truncations(void)
{
	const char *uri = "otpauth://hotp/ACME%20Co:bob%40x?secret=" SECRET
		"&issuer=ACME%20Co&counter=7&algorithm=SHA256&digits=8";
	size_t		len = strlen(uri);
	int			last_status = OTP_OK;

	for (size_t cut = 0; cut <= len; cut++)
	{
		char	   *copy = malloc(cut + 1);	/* exact size: ASan sees overreads */
		char	   *buf = malloc(otp_uri_parse_bufsize(cut));
		otp_uri_fields f;
		int			status;

		if (copy == NULL || buf == NULL)
			abort();
		memcpy(copy, uri, cut);
		status = otp_uri_parse(copy, cut, buf, otp_uri_parse_bufsize(cut), &f);
		if (cut == len - 1)
			last_status = status;
		CHECK(unit_name("prefix of %zu bytes: OK or an error status", cut), status <= 0);
		free(copy);
		free(buf);
	}
	CHECK_STATUS("the URI without its last byte has empty digits",
				 last_status, OTP_ERR_DIGITS);
}

static void
test_buffer(void)
{
	const char *uri = "otpauth://totp/a?secret=" SECRET;
	char		buf[64];
	otp_uri_fields f;

	CHECK_INT("bufsize is the URI length plus four NULs",
			  otp_uri_parse_bufsize(strlen(uri)), strlen(uri) + 4);
	CHECK_INT("bufsize of a length near SIZE_MAX is 0", otp_uri_parse_bufsize(SIZE_MAX - 2), 0);
	CHECK_STATUS("a buffer one byte short is refused",
				 otp_uri_parse(uri, strlen(uri), buf, strlen(uri) + 3, &f), OTP_ERR_BUFFER);
	CHECK_STATUS("the exact buffer is enough",
				 otp_uri_parse(uri, strlen(uri), buf, strlen(uri) + 4, &f), OTP_OK);
	CHECK_STR("type name totp", otp_otpauth_type_name(OTP_OTPAUTH_TOTP), "totp");
	CHECK_STR("type name hotp", otp_otpauth_type_name(OTP_OTPAUTH_HOTP), "hotp");
	CHECK_STR("algorithm name sha256", otp_algorithm_name(OTP_SHA256), "sha256");
}

void
test_uri_parse(void)
{
	test_parse_cases();
	test_round_trips();
	test_truncations();
	test_buffer();
}
