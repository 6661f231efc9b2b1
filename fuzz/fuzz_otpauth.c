/*
 * fuzz_otpauth.c: otpauth:// URI parsing (core/uri_parse.c) and the QR codes
 * drawn from parsed URIs (core/qr.c).
 *
 * Input layout: the whole input is the URI (a guarded copy, so that reading
 * one byte past it faults).
 *
 * Properties:
 * - otp_uri_parse() returns OTP_OK or a negative status with a message; with
 *   exactly otp_uri_parse_bufsize() bytes it never writes past them, and one
 *   byte less is OTP_ERR_BUFFER.
 * - A reference parser written here from otp.h's description (scheme and
 *   type in any case, label split on the first ':' or "%3A" before
 *   %-decoding, '+' a space in query values only, known parameter names in
 *   any case and at most once, %00, bad escapes and invalid UTF-8 refused,
 *   base32 per fuzz_common.c, issuer= before the label prefix) accepts iff
 *   the core does, and on error the core's status is one of the reasons the
 *   reference found; on success every field equals the reference's.
 * - On success, independently of the reference: every field lies inside buf,
 *   is NUL-terminated there and holds no NUL; the account is non-empty UTF-8
 *   (Unicode table 3-7) without a leading space, the issuer NULL or
 *   non-empty UTF-8; the secret is non-empty [A-Z2-7]*, decodes to 10..1024
 *   bytes and re-encodes to itself; digits 6..8, algorithm one of three;
 *   totp: period 1..3600 and counter -1, hotp: counter >= 0; the input starts
 *   with "otpauth://" in any case.
 * - Round trip: a totp URI whose issuer has no ':' and whose account has
 *   none unless there is an issuer is rebuilt by otp_uri() and parses back
 *   to the same issuer, account, secret and parameters.
 * - QR: otp_qr_encode() gives OTP_ERR_QR_TOO_LONG above OTP_QR_MAX_URI bytes
 *   (OTP_QR_MAX_URI_UTF8 when the URI has a non-ASCII byte),
 *   OTP_ERR_URI_ENCODING for a NUL byte, else exactly otp_uri_parse()'s
 *   status (OTP_ERR_QR_TOO_LONG under the limit is a finding), width 0 on
 *   error. A valid URI is only encoded when it has at most 600 bytes or is
 *   within 32 bytes of the limit (a large symbol takes milliseconds). On
 *   success the width is 21 + 4k <= 177, modules are 0 or 1 with the three
 *   finder patterns and the timing patterns in place; the SVG and text size
 *   queries succeed, each drawing fits in exactly length + 1
 *   guarded bytes (one less is OTP_ERR_BUFFER) and, read back, shows exactly
 *   the symbol's modules in a light quiet zone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define BIT(status) (UINT64_C(1) << (unsigned) -(status))

/* Valid URIs get a QR code when at most this long or this close to the limit. */
#define QR_ALWAYS_MAX 600
#define QR_LIMIT_BAND 32

static const char scheme[] = "otpauth://";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	return 0;
}

/* --- reference parser ------------------------------------------------------ */

/* A decoded string (malloc'd, NUL-terminated) or absent. */
typedef struct ref_text
{
	uint8_t    *ptr;			/* NULL: absent */
	size_t		len;
	int			bad;			/* present but its %-decoding failed */
} ref_text;

typedef struct ref_result
{
	uint64_t	reasons;		/* BIT(status) of every error that applies */
	otp_otpauth_type type;
	ref_text	issuer;			/* points at prefix or param_issuer */
	ref_text	prefix;
	ref_text	account;
	ref_text	values[6];		/* secret issuer algorithm digits period counter */
	char	   *secret;			/* canonical base32 */
	otp_params	params;
	int64_t		counter;
} ref_result;

enum
{
	P_SECRET, P_ISSUER, P_ALGORITHM, P_DIGITS, P_PERIOD, P_COUNTER, P_COUNT
};

static const char *const ref_names[P_COUNT] = {
	"secret", "issuer", "algorithm", "digits", "period", "counter"
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* s[0..len) equals the lower-case word, ASCII case ignored. */
static int
ref_word(const uint8_t *s, size_t len, const char *word)
{
	if (len != strlen(word))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (lower(s[i]) != word[i])
			return 0;
	return 1;
}

static int
ref_hex(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (uint8_t) lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* %-decode s[0..len) into a fresh ref_text; '+' a space if plus. */
static ref_text
ref_decode(const uint8_t *s, size_t len, int plus)
{
	ref_text	t = {malloc(len + 1), 0, 0};

	FUZZ_CHECK(t.ptr != NULL, "out of memory");
	for (size_t i = 0; i < len; i++)
	{
		uint8_t		c = s[i];

		if (c == '%')
		{
			if (len - i < 3 || ref_hex(s[i + 1]) < 0 || ref_hex(s[i + 2]) < 0)
			{
				t.bad = 1;
				break;
			}
			c = (uint8_t) (ref_hex(s[i + 1]) * 16 + ref_hex(s[i + 2]));
			i += 2;
		}
		else if (c == '+' && plus)
			c = ' ';
		if (c == 0)
		{
			t.bad = 1;			/* raw or encoded NUL */
			break;
		}
		t.ptr[t.len++] = c;
	}
	t.ptr[t.len] = 0;
	return t;
}

/* 1..18 decimal digits: the value, else -1 (the core's documented limit). */
static int64_t
ref_number(const ref_text *t)
{
	int64_t		n = 0;

	if (t->len == 0 || t->len > 18)
		return -1;
	for (size_t i = 0; i < t->len; i++)
	{
		if (t->ptr[i] < '0' || t->ptr[i] > '9')
			return -1;
		n = n * 10 + (t->ptr[i] - '0');
	}
	return n;
}

/* Index of the first c in s[from..to), or to. */
static size_t
ref_find(const uint8_t *s, size_t from, size_t to, uint8_t c)
{
	while (from < to && s[from] != c)
		from++;
	return from;
}

static void
ref_free(ref_result *r)
{
	free(r->prefix.ptr);
	free(r->account.ptr);
	for (int k = 0; k < P_COUNT; k++)
		free(r->values[k].ptr);
	free(r->secret);
}

static void
ref_secret(ref_result *r)
{
	const ref_text *v = &r->values[P_SECRET];
	uint8_t    *key;
	size_t		key_len = 0;
	size_t		symbols = 0;

	if (v->ptr == NULL || v->len == 0)
	{
		if (!v->bad)
			r->reasons |= BIT(OTP_ERR_URI_SECRET_MISSING);
		return;
	}
	if (v->bad)
		return;
	key = malloc(v->len * 5 / 8 + 1);
	FUZZ_CHECK(key != NULL, "out of memory");
	if (!ref_base32_decode((const char *) v->ptr, v->len, key, &key_len))
	{
		r->reasons |= BIT(OTP_ERR_SECRET_BASE32);
		/* The core may run out of key room before it sees the bad symbol. */
		for (size_t i = 0; i < v->len; i++)
			symbols += v->ptr[i] != '=' && v->ptr[i] != ' ' && v->ptr[i] != '-';
		if (symbols * 5 / 8 > OTP_MAX_KEY_BYTES)
			r->reasons |= BIT(OTP_ERR_SECRET_LONG);
	}
	else if (key_len < OTP_MIN_KEY_BYTES)
		r->reasons |= BIT(OTP_ERR_SECRET_SHORT);
	else if (key_len > OTP_MAX_KEY_BYTES)
		r->reasons |= BIT(OTP_ERR_SECRET_LONG);
	else
	{
		r->secret = malloc(OTP_BASE32_LEN(key_len) + 1);
		FUZZ_CHECK(r->secret != NULL, "out of memory");
		ref_base32_encode(key, key_len, r->secret);
	}
	free(key);
}

static void
ref_params(ref_result *r)
{
	const ref_text *v = r->values;

	if (v[P_ALGORITHM].ptr != NULL && !v[P_ALGORITHM].bad)
	{
		if (ref_word(v[P_ALGORITHM].ptr, v[P_ALGORITHM].len, "sha1"))
			r->params.algorithm = OTP_SHA1;
		else if (ref_word(v[P_ALGORITHM].ptr, v[P_ALGORITHM].len, "sha256"))
			r->params.algorithm = OTP_SHA256;
		else if (ref_word(v[P_ALGORITHM].ptr, v[P_ALGORITHM].len, "sha512"))
			r->params.algorithm = OTP_SHA512;
		else
			r->reasons |= BIT(OTP_ERR_ALGORITHM);
	}
	if (v[P_DIGITS].ptr != NULL && !v[P_DIGITS].bad)
	{
		int64_t		n = ref_number(&v[P_DIGITS]);

		if (n < OTP_MIN_DIGITS || n > OTP_MAX_DIGITS)
			r->reasons |= BIT(OTP_ERR_DIGITS);
		else
			r->params.digits = (int) n;
	}
	if (r->type == OTP_OTPAUTH_TOTP)
	{
		if (v[P_PERIOD].ptr != NULL && !v[P_PERIOD].bad)
		{
			int64_t		n = ref_number(&v[P_PERIOD]);

			if (n < OTP_MIN_PERIOD || n > OTP_MAX_PERIOD)
				r->reasons |= BIT(OTP_ERR_PERIOD);
			else
				r->params.period = (int) n;
		}
	}
	else if (v[P_COUNTER].ptr == NULL)
		r->reasons |= BIT(OTP_ERR_URI_COUNTER);
	else if (!v[P_COUNTER].bad)
	{
		r->counter = ref_number(&v[P_COUNTER]);
		if (r->counter < 0)
			r->reasons |= BIT(OTP_ERR_URI_COUNTER);
	}
}

/* Parse u[0..n) per otp.h's description; r->reasons == 0 means valid. */
static void
ref_parse(const uint8_t *u, size_t n, ref_result *r)
{
	size_t		end = ref_find(u, 0, n, '#');
	size_t		slash;
	size_t		query;
	size_t		type_end;
	size_t		split;
	size_t		skip = 0;

	memset(r, 0, sizeof(*r));
	r->params = (otp_params) {OTP_DEFAULT_DIGITS, OTP_DEFAULT_PERIOD, OTP_SHA1};
	r->counter = -1;
	if (end < sizeof(scheme) - 1 || !ref_word(u, sizeof(scheme) - 1, scheme))
	{
		r->reasons |= BIT(OTP_ERR_URI_SCHEME);
		return;
	}
	slash = ref_find(u, sizeof(scheme) - 1, end, '/');
	query = ref_find(u, sizeof(scheme) - 1, end, '?');
	type_end = slash < query ? slash : query;
	if (ref_word(u + sizeof(scheme) - 1, type_end - (sizeof(scheme) - 1), "totp"))
		r->type = OTP_OTPAUTH_TOTP;
	else if (ref_word(u + sizeof(scheme) - 1, type_end - (sizeof(scheme) - 1), "hotp"))
		r->type = OTP_OTPAUTH_HOTP;
	else
	{
		r->reasons |= BIT(OTP_ERR_URI_TYPE);
		return;
	}

	/* The label: after the '/' (if it comes before '?') up to '?'. */
	{
		size_t		start = slash < query ? slash + 1 : query;

		split = query;
		for (size_t i = start; i < query; i++)
			if (u[i] == ':' ||
				(u[i] == '%' && query - i >= 3 && u[i + 1] == '3' && lower(u[i + 2]) == 'a'))
			{
				split = i;
				skip = u[i] == ':' ? 1 : 3;
				break;
			}
		if (skip > 0)
		{
			r->prefix = ref_decode(u + start, split - start, 0);
			r->account = ref_decode(u + split + skip, query - split - skip, 0);
		}
		else
			r->account = ref_decode(u + start, query - start, 0);
	}
	if (r->prefix.bad || r->account.bad ||
		(r->prefix.ptr != NULL && !ref_utf8_valid(r->prefix.ptr, r->prefix.len)) ||
		!ref_utf8_valid(r->account.ptr, r->account.len))
		r->reasons |= BIT(OTP_ERR_URI_ENCODING);
	else
	{
		size_t		spaces = 0;

		while (spaces < r->account.len && r->account.ptr[spaces] == ' ')
			spaces++;
		memmove(r->account.ptr, r->account.ptr + spaces, r->account.len - spaces + 1);
		r->account.len -= spaces;
		if (r->account.len == 0)
			r->reasons |= BIT(OTP_ERR_ACCOUNT_EMPTY);
	}

	/* The query: '&'-separated name[=value]. */
	for (size_t pos = query + 1; pos <= end && query < end;)
	{
		size_t		amp = ref_find(u, pos, end, '&');
		size_t		eq = ref_find(u, pos, amp, '=');

		for (int k = 0; k < P_COUNT; k++)
		{
			if (!ref_word(u + pos, eq - pos, ref_names[k]))
				continue;
			if (r->values[k].ptr != NULL)
			{
				r->reasons |= BIT(OTP_ERR_URI_DUPLICATE);
				continue;
			}
			r->values[k] = eq < amp ? ref_decode(u + eq + 1, amp - eq - 1, 1) :
				ref_decode(u, 0, 1);
			if (r->values[k].bad)
				r->reasons |= BIT(OTP_ERR_URI_ENCODING);
		}
		pos = amp + 1;
	}

	ref_secret(r);
	if (r->values[P_ISSUER].ptr != NULL && r->values[P_ISSUER].len > 0 &&
		!r->values[P_ISSUER].bad)
	{
		if (!ref_utf8_valid(r->values[P_ISSUER].ptr, r->values[P_ISSUER].len))
			r->reasons |= BIT(OTP_ERR_URI_ENCODING);
		r->issuer = r->values[P_ISSUER];
	}
	else if (r->prefix.ptr != NULL && r->prefix.len > 0)
		r->issuer = r->prefix;
	ref_params(r);
}

/* --- checks of a parse ------------------------------------------------------ */

/* A field lies in buf[0..size), is NUL-terminated there, has no NUL inside. */
static void
check_in_buf(const char *what, const otp_text *t, const char *buf, size_t size)
{
	FUZZ_CHECK(t->ptr != NULL, "%s is NULL", what);
	FUZZ_CHECK(t->ptr >= buf && t->len < size && t->ptr - buf <= (ptrdiff_t) (size - 1 - t->len),
			   "%s (%zu bytes at offset %td) is not inside the %zu-byte buffer",
			   what, t->len, t->ptr - buf, size);
	FUZZ_CHECK(t->ptr[t->len] == '\0', "%s is not NUL-terminated", what);
	FUZZ_CHECK(memchr(t->ptr, '\0', t->len) == NULL, "%s has a NUL inside", what);
}

static int
text_equal(const otp_text *t, const uint8_t *p, size_t len)
{
	return t->len == len && memcmp(t->ptr, p, len) == 0;
}

/* What holds for any successful parse, without the reference. */
static void
check_fields(const uint8_t *uri, size_t size, const otp_uri_fields *f,
			 const char *buf, size_t bufsize)
{
	uint8_t		key[OTP_MAX_KEY_BYTES + 8];
	char		again[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
	size_t		key_len = 0;

	FUZZ_CHECK(size >= sizeof(scheme) - 1 && ref_word(uri, sizeof(scheme) - 1, scheme),
			   "parsed, but the input does not start with otpauth://");
	FUZZ_CHECK(f->type == OTP_OTPAUTH_TOTP || f->type == OTP_OTPAUTH_HOTP,
			   "type %d", (int) f->type);

	check_in_buf("account", &f->account, buf, bufsize);
	FUZZ_CHECK(f->account.len > 0, "empty account");
	FUZZ_CHECK(f->account.ptr[0] != ' ', "account starts with a space");
	FUZZ_CHECK(ref_utf8_valid((const uint8_t *) f->account.ptr, f->account.len),
			   "account is not UTF-8");
	if (f->issuer.ptr != NULL)
	{
		check_in_buf("issuer", &f->issuer, buf, bufsize);
		FUZZ_CHECK(f->issuer.len > 0, "issuer present but empty");
		FUZZ_CHECK(ref_utf8_valid((const uint8_t *) f->issuer.ptr, f->issuer.len),
				   "issuer is not UTF-8");
	}
	else
		FUZZ_CHECK(f->issuer.len == 0, "no issuer but length %zu", f->issuer.len);

	check_in_buf("secret", &f->secret, buf, bufsize);
	FUZZ_CHECK(f->secret.len > 0, "empty secret");
	for (size_t i = 0; i < f->secret.len; i++)
		FUZZ_CHECK((f->secret.ptr[i] >= 'A' && f->secret.ptr[i] <= 'Z') ||
				   (f->secret.ptr[i] >= '2' && f->secret.ptr[i] <= '7'),
				   "secret byte %zu is %#x, not canonical base32", i,
				   (unsigned char) f->secret.ptr[i]);
	FUZZ_CHECK(f->secret.len <= OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1,
			   "secret of %zu characters", f->secret.len);
	FUZZ_CHECK(ref_base32_decode(f->secret.ptr, f->secret.len, key, &key_len),
			   "secret does not decode");
	FUZZ_CHECK(key_len >= OTP_MIN_KEY_BYTES && key_len <= OTP_MAX_KEY_BYTES,
			   "secret of %zu bytes", key_len);
	ref_base32_encode(key, key_len, again);
	FUZZ_CHECK(strlen(again) == f->secret.len && memcmp(again, f->secret.ptr, f->secret.len) == 0,
			   "secret does not re-encode to itself");

	FUZZ_CHECK(f->params.digits >= OTP_MIN_DIGITS && f->params.digits <= OTP_MAX_DIGITS,
			   "digits %d", f->params.digits);
	FUZZ_CHECK(f->params.algorithm == OTP_SHA1 || f->params.algorithm == OTP_SHA256 ||
			   f->params.algorithm == OTP_SHA512, "algorithm %d", (int) f->params.algorithm);
	if (f->type == OTP_OTPAUTH_TOTP)
	{
		FUZZ_CHECK(f->params.period >= OTP_MIN_PERIOD && f->params.period <= OTP_MAX_PERIOD,
				   "period %d", f->params.period);
		FUZZ_CHECK(f->counter == -1, "totp with counter %lld", (long long) f->counter);
	}
	else
		FUZZ_CHECK(f->counter >= 0, "hotp with counter %lld", (long long) f->counter);
	FUZZ_CHECK(strcmp(otp_otpauth_type_name(f->type),
					  f->type == OTP_OTPAUTH_TOTP ? "totp" : "hotp") == 0, "type name");
	FUZZ_CHECK(strcmp(otp_algorithm_name(f->params.algorithm),
					  f->params.algorithm == OTP_SHA1 ? "sha1" :
					  f->params.algorithm == OTP_SHA256 ? "sha256" : "sha512") == 0,
			   "algorithm name");
}

/* The core's fields equal the reference's. */
static void
check_against_ref(const otp_uri_fields *f, const ref_result *r)
{
	FUZZ_CHECK(f->type == r->type, "type %d, reference %d", (int) f->type, (int) r->type);
	if (!text_equal(&f->account, r->account.ptr, r->account.len))
	{
		fuzz_dump("account", f->account.ptr, f->account.len);
		fuzz_dump("reference", r->account.ptr, r->account.len);
	}
	FUZZ_CHECK(text_equal(&f->account, r->account.ptr, r->account.len),
			   "account differs from the reference");
	FUZZ_CHECK((f->issuer.ptr == NULL) == (r->issuer.ptr == NULL),
			   "issuer %s, reference %s", f->issuer.ptr ? "present" : "absent",
			   r->issuer.ptr ? "present" : "absent");
	if (f->issuer.ptr != NULL && !text_equal(&f->issuer, r->issuer.ptr, r->issuer.len))
	{
		fuzz_dump("issuer", f->issuer.ptr, f->issuer.len);
		fuzz_dump("reference", r->issuer.ptr, r->issuer.len);
	}
	FUZZ_CHECK(f->issuer.ptr == NULL || text_equal(&f->issuer, r->issuer.ptr, r->issuer.len),
			   "issuer differs from the reference");
	FUZZ_CHECK(r->secret != NULL && text_equal(&f->secret, (const uint8_t *) r->secret,
											   strlen(r->secret)),
			   "secret differs from the reference");
	FUZZ_CHECK(f->params.digits == r->params.digits &&
			   f->params.algorithm == r->params.algorithm &&
			   (f->type == OTP_OTPAUTH_HOTP || f->params.period == r->params.period),
			   "params %d/%d/%d, reference %d/%d/%d", f->params.digits,
			   f->params.period, (int) f->params.algorithm, r->params.digits,
			   r->params.period, (int) r->params.algorithm);
	FUZZ_CHECK(f->counter == r->counter, "counter %lld, reference %lld",
			   (long long) f->counter, (long long) r->counter);
}

/* Rebuild a totp URI with otp_uri() and parse it back to the same fields. */
static void
check_round_trip(const otp_uri_fields *f)
{
	size_t		bufsize = otp_uri_bufsize(f->secret.len, f->account.len, f->issuer.len);
	char	   *built = fuzz_guard_alloc(bufsize);
	size_t		built_len = 0;
	size_t		parse_size;
	char	   *buf;
	otp_uri_fields g;
	int			status;

	FUZZ_CHECK(bufsize > 0, "otp_uri_bufsize is 0");
	status = otp_uri(f->secret.ptr, f->secret.len, NULL, f->account.ptr, f->account.len,
					 f->issuer.ptr, f->issuer.len, &f->params, built, bufsize, &built_len);
	if (status != OTP_OK)
	{
		fuzz_dump("account", f->account.ptr, f->account.len);
		if (f->issuer.ptr != NULL)
			fuzz_dump("issuer", f->issuer.ptr, f->issuer.len);
	}
	FUZZ_CHECK(status == OTP_OK, "otp_uri of parsed fields: %s", otp_strerror(status));
	parse_size = otp_uri_parse_bufsize(built_len);
	buf = fuzz_guard_alloc(parse_size);
	status = otp_uri_parse(built, built_len, buf, parse_size, &g);
	if (status != OTP_OK)
		fuzz_dump("built", built, built_len);
	FUZZ_CHECK(status == OTP_OK, "parse of otp_uri's URI: %s", otp_strerror(status));
	FUZZ_CHECK(g.type == OTP_OTPAUTH_TOTP, "round trip: type %d", (int) g.type);
	if (!text_equal(&g.account, (const uint8_t *) f->account.ptr, f->account.len))
	{
		fuzz_dump("account", f->account.ptr, f->account.len);
		fuzz_dump("built", built, built_len);
		fuzz_dump("parsed back", g.account.ptr, g.account.len);
	}
	FUZZ_CHECK(text_equal(&g.account, (const uint8_t *) f->account.ptr, f->account.len),
			   "round trip: account differs");
	FUZZ_CHECK((g.issuer.ptr == NULL) == (f->issuer.ptr == NULL) &&
			   (g.issuer.ptr == NULL ||
				text_equal(&g.issuer, (const uint8_t *) f->issuer.ptr, f->issuer.len)),
			   "round trip: issuer differs");
	FUZZ_CHECK(text_equal(&g.secret, (const uint8_t *) f->secret.ptr, f->secret.len),
			   "round trip: secret differs");
	FUZZ_CHECK(g.params.digits == f->params.digits && g.params.period == f->params.period &&
			   g.params.algorithm == f->params.algorithm && g.counter == -1,
			   "round trip: params or counter differ");
	fuzz_guard_free(buf, parse_size);
	fuzz_guard_free(built, bufsize);
}

/* --- checks of a QR code ---------------------------------------------------- */

static int
module(const otp_qr *qr, int x, int y)
{
	return qr->dark[y * qr->width + x];
}

/* Finder pattern with its top-left module at (x0, y0): 7x7 ring and core. */
static void
check_finder(const otp_qr *qr, int x0, int y0)
{
	for (int y = 0; y < 7; y++)
		for (int x = 0; x < 7; x++)
		{
			int			dx = x > 3 ? x - 3 : 3 - x;
			int			dy = y > 3 ? y - 3 : 3 - y;
			int			ring = dx > dy ? dx : dy;

			FUZZ_CHECK(module(qr, x0 + x, y0 + y) == (ring != 2),
					   "finder pattern at (%d,%d) wrong at (%d,%d)", x0, y0, x, y);
		}
}

static void
check_symbol(const otp_qr *qr)
{
	int			w = qr->width;

	FUZZ_CHECK(w >= 21 && w <= OTP_QR_MAX_WIDTH && (w - 21) % 4 == 0,
			   "width %d is no QR version's", w);
	for (int i = 0; i < w * w; i++)
		FUZZ_CHECK(qr->dark[i] <= 1, "module %d is %d", i, qr->dark[i]);
	check_finder(qr, 0, 0);
	check_finder(qr, w - 7, 0);
	check_finder(qr, 0, w - 7);
	/* Timing patterns: row and column 6 alternate between the finders. */
	for (int i = 8; i < w - 8; i++)
		FUZZ_CHECK(module(qr, i, 6) == (i % 2 == 0) && module(qr, 6, i) == (i % 2 == 0),
				   "timing pattern wrong at %d", i);
}

/* Module (x, y) of the symbol in its quiet zone (-4..w+3): outside is light. */
static int
drawn_module(const otp_qr *qr, int x, int y)
{
	if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
		return 0;
	return module(qr, x, y);
}

static long
read_int(const char **p)
{
	long		v = 0;

	FUZZ_CHECK(**p >= '0' && **p <= '9', "svg: number expected at \"%.10s\"", *p);
	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

static void
expect(const char **p, const char *s)
{
	FUZZ_CHECK(strncmp(*p, s, strlen(s)) == 0, "svg: \"%s\" expected at \"%.20s\"", s, *p);
	*p += strlen(s);
}

/* The SVG's dark path paints exactly the dark modules, once each. */
static void
check_svg(const otp_qr *qr, const char *svg)
{
	int			side = qr->width + 2 * OTP_QR_QUIET_ZONE;
	uint8_t    *painted = calloc((size_t) side * (size_t) side, 1);
	char		head[256];
	const char *p = svg;

	FUZZ_CHECK(painted != NULL, "out of memory");
	snprintf(head, sizeof(head),
			 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
			 "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
			 "<path fill=\"#fff\" d=\"M0 0h%dv%dH0z\"/><path fill=\"#000\" d=\"",
			 side * 4, side * 4, side, side, side, side);
	expect(&p, head);
	while (*p == 'M')
	{
		long		x, y, run, back;

		p++;
		x = read_int(&p);
		expect(&p, " ");
		y = read_int(&p);
		expect(&p, "h");
		run = read_int(&p);
		expect(&p, "v1h-");
		back = read_int(&p);
		expect(&p, "z");
		FUZZ_CHECK(run > 0 && back == run && y < side && x < side && run <= side - x,
				   "svg: bad rectangle M%ld %ldh%ldv1h-%ldz", x, y, run, back);
		for (long i = 0; i < run; i++)
		{
			FUZZ_CHECK(!painted[y * side + x + i], "svg: module painted twice");
			painted[y * side + x + i] = 1;
		}
	}
	expect(&p, "\"/></svg>\n");
	FUZZ_CHECK(*p == '\0', "svg: text after the document");
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++)
			FUZZ_CHECK(painted[y * side + x] ==
					   drawn_module(qr, x - OTP_QR_QUIET_ZONE, y - OTP_QR_QUIET_ZONE),
					   "svg: module (%d,%d) drawn wrong", x, y);
	free(painted);
}

/* Half blocks: light is ink, two rows per line, quiet zone included. */
static void
check_text(const otp_qr *qr, const char *text)
{
	static const char *const cells[4] = {
		"\xe2\x96\x88", "\xe2\x96\x80", "\xe2\x96\x84", " "
	};
	int			q = OTP_QR_QUIET_ZONE;
	const char *p = text;

	for (int y = -q; y < qr->width + q; y += 2)
	{
		for (int x = -q; x < qr->width + q; x++)
		{
			int			want = drawn_module(qr, x, y) << 1 | drawn_module(qr, x, y + 1);
			int			got = -1;

			for (int k = 0; k < 4; k++)
				if (strncmp(p, cells[k], strlen(cells[k])) == 0)
				{
					got = k;
					p += strlen(cells[k]);
					break;
				}
			FUZZ_CHECK(got == want, "text: cell (%d,%d) is %d, expected %d", x, y, got, want);
		}
		FUZZ_CHECK(*p == '\n', "text: line %d does not end in a newline", y);
		p++;
	}
	FUZZ_CHECK(*p == '\0', "text: more than the symbol");
}

typedef int (*draw_fn) (const otp_qr *qr, char *out, size_t out_size, size_t *out_len);

/* Size query, exact buffer, one byte short; then the drawing's own check. */
static void
check_drawing(const char *what, draw_fn draw, const otp_qr *qr,
			  void (*check) (const otp_qr *, const char *))
{
	size_t		len = 0;
	size_t		written = 0;
	char	   *out;
	int			status = draw(qr, NULL, 0, &len);

	FUZZ_CHECK(status == OTP_OK && len > 0, "%s: size query: %s", what, otp_strerror(status));
	out = fuzz_guard_alloc(len + 1);
	status = draw(qr, out, len + 1, &written);
	FUZZ_CHECK(status == OTP_OK && written == len && strlen(out) == len,
			   "%s into exactly %zu bytes: %s, %zu written", what, len + 1,
			   otp_strerror(status), written);
	check(qr, out);
	fuzz_guard_free(out, len + 1);
	out = fuzz_guard_alloc(len);
	status = draw(qr, out, len, &written);
	FUZZ_CHECK(status == OTP_ERR_BUFFER, "%s into %zu bytes (one short): %s", what, len,
			   otp_strerror(status));
	fuzz_guard_free(out, len);
}

static int
has_non_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			return 1;
	return 0;
}

static void
check_qr(const char *uri, size_t size, int parse_status)
{
	otp_qr	   *qr = fuzz_guard_alloc(sizeof(otp_qr));
	int			has_nul = memchr(uri, '\0', size) != NULL;
	int			status;

	qr->width = -1;
	status = otp_qr_encode(uri, size, qr);
	fuzz_status(status);
	if (size > OTP_QR_MAX_URI)
		FUZZ_CHECK(status == OTP_ERR_QR_TOO_LONG, "QR of %zu bytes: %s", size,
				   otp_strerror(status));
	else if (has_nul)
		FUZZ_CHECK(status == OTP_ERR_URI_ENCODING, "QR of a URI with a NUL: %s",
				   otp_strerror(status));
	else if (size > OTP_QR_MAX_URI_UTF8 && has_non_ascii(uri, size))
		FUZZ_CHECK(status == OTP_ERR_QR_TOO_LONG, "QR of %zu bytes with non-ASCII: %s",
				   size, otp_strerror(status));
	else
	{
		FUZZ_CHECK(!(status == OTP_ERR_QR_TOO_LONG && parse_status == OTP_OK),
				   "a valid %zu-byte URI (limit %d) does not fit in a QR code", size,
				   OTP_QR_MAX_URI);
		FUZZ_CHECK(status == parse_status, "QR status %s, parse status %s",
				   otp_strerror(status), otp_strerror(parse_status));
	}
	if (status != OTP_OK)
		FUZZ_CHECK(qr->width == 0, "an error left width %d", qr->width);
	else
	{
		check_symbol(qr);
		check_drawing("svg", otp_qr_svg, qr, check_svg);
		check_drawing("text", otp_qr_text, qr, check_text);
	}
	fuzz_guard_free(qr, sizeof(otp_qr));
}

/* --- the target --------------------------------------------------------------- */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *uri = fuzz_guard_copy(data, size);
	size_t		bufsize = otp_uri_parse_bufsize(size);
	char	   *buf;
	otp_uri_fields f;
	ref_result	ref;
	int			status;

	FUZZ_CHECK(bufsize > size, "otp_uri_parse_bufsize(%zu) is %zu", size, bufsize);

	/* One byte short first: refused, whatever the URI. */
	buf = fuzz_guard_alloc(bufsize - 1);
	status = otp_uri_parse(uri, size, buf, bufsize - 1, &f);
	FUZZ_CHECK(status == OTP_ERR_BUFFER, "parse into %zu bytes (one short): %s",
			   bufsize - 1, otp_strerror(status));
	fuzz_guard_free(buf, bufsize - 1);

	buf = fuzz_guard_alloc(bufsize);
	status = otp_uri_parse(uri, size, buf, bufsize, &f);
	fuzz_status(status);
	FUZZ_CHECK(status <= 0, "status %d", status);
	FUZZ_CHECK(status != OTP_ERR_BUFFER, "parse into otp_uri_parse_bufsize bytes: %s",
			   otp_strerror(status));

	ref_parse(data, size, &ref);
	if (ref.reasons == 0)
		FUZZ_CHECK(status == OTP_OK, "the reference accepts, the core says %s",
				   otp_strerror(status));
	else
		FUZZ_CHECK(status != OTP_OK && (ref.reasons & BIT(status)),
				   "core says %s; reference reasons %#llx", otp_strerror(status),
				   (unsigned long long) ref.reasons);

	if (status == OTP_OK)
	{
		check_fields(data, size, &f, buf, bufsize);
		check_against_ref(&f, &ref);
		if (f.type == OTP_OTPAUTH_TOTP &&
			(f.issuer.ptr == NULL || memchr(f.issuer.ptr, ':', f.issuer.len) == NULL) &&
			(f.issuer.ptr != NULL || memchr(f.account.ptr, ':', f.account.len) == NULL))
			check_round_trip(&f);
	}
	ref_free(&ref);
	fuzz_guard_free(buf, bufsize);

	/*
	 * Encoding costs up to milliseconds for a large symbol: every input that
	 * the encoder refuses before encoding, but a valid URI only when short
	 * or near the capacity limit, where the findings are.
	 */
	if (status != OTP_OK || size <= QR_ALWAYS_MAX || size >= OTP_QR_MAX_URI - QR_LIMIT_BAND ||
		memchr(uri, '\0', size) != NULL)
		check_qr(uri, size, status);
	fuzz_guard_free(uri, size);
	return 0;
}
