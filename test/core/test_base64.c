/*
 * test_base64.c: the core's internal base64 (otp_internal.h), used for the
 * fields of stored values: RFC 4648 vectors, strict decoding of canonical
 * padded text only, and buffer limits.
 */
#include <stdio.h>
#include <string.h>

#include "otp_internal.h"
#include "unit.h"

/* RFC 4648 section 10 test vectors. */
static const struct
{
	const char *raw;
	const char *text;
}			rfc4648[] = {
	{"", ""},
	{"f", "Zg=="},
	{"fo", "Zm8="},
	{"foo", "Zm9v"},
	{"foob", "Zm9vYg=="},
	{"fooba", "Zm9vYmE="},
	{"foobar", "Zm9vYmFy"},
};

static void
check_decodes_to(const char *name, const char *text, const void *expected,
				 size_t expected_len)
{
	uint8_t		out[64];
	size_t		out_len = 99;

	if (!CHECK_STATUS(name, otp_base64_decode(text, strlen(text), out, sizeof(out),
											  &out_len), OTP_OK))
		return;
	if (CHECK_INT(name, out_len, expected_len))
		CHECK_MEM(name, out, expected, out_len);
}

static void
check_rejected(const char *name, const char *text, size_t len)
{
	uint8_t		out[64];
	size_t		out_len = 99;

	CHECK_STATUS(name, otp_base64_decode(text, len, out, sizeof(out), &out_len),
				 OTP_ERR_BASE64);
	CHECK_INT(unit_name("%s: out_len is 0", name), out_len, 0);
}

static void
test_rfc4648_vectors(void)
{
	for (size_t i = 0; i < sizeof(rfc4648) / sizeof(rfc4648[0]); i++)
	{
		const char *raw = rfc4648[i].raw;
		char		text[32];

		memset(text, '#', sizeof(text));
		CHECK_STATUS(unit_name("rfc4648 base64 encode \"%s\" succeeds", raw),
					 otp_base64_encode((const uint8_t *) raw, strlen(raw), text,
									   sizeof(text)), OTP_OK);
		CHECK_STR(unit_name("rfc4648 base64 encode \"%s\" is %s", raw, rfc4648[i].text),
				  text, rfc4648[i].text);
		CHECK_INT(unit_name("OTP_BASE64_LEN(%zu) is the encoded length", strlen(raw)),
				  OTP_BASE64_LEN(strlen(raw)), strlen(rfc4648[i].text));
		check_decodes_to(unit_name("rfc4648 base64 decode %s", rfc4648[i].text),
						 rfc4648[i].text, raw, strlen(raw));
	}
	/* The two characters past the alphanumerics, from the standard alphabet. */
	check_decodes_to("decode uses '+' and '/' (standard alphabet)", "+/8=",
					 "\xfb\xff", 2);
	check_rejected("the URL-safe '-' and '_' are not accepted", "-_8=", 4);
}

static void
test_strictness(void)
{
	static const struct
	{
		const char *what;
		const char *text;
	}			cases[] = {
		{"1 character", "Z"},
		{"2 characters (unpadded)", "Zg"},
		{"3 characters (unpadded)", "Zm8"},
		{"5 characters", "Zm9vY"},
		{"padding cut short", "Zg="},
		{"an extra '=' after a full quantum", "Zm9v="},
		{"three '='", "Z==="},
		{"four '='", "===="},
		{"'=' in the middle", "Zg==Zg=="},
		{"'=' inside a quantum", "Z=g="},
		{"'=' before the last character", "Zm=v"},
		{"padding at the start", "==Zg"},
		{"a space", "Zm9 "},
		{"a leading space", " Zm9v"},
		{"a newline", "Zm9v\nZm9v"},
		{"a '.'", "Zm9."},
		{"a '-'", "Zm9-"},
		{"byte 0x80", "Zm9\x80"},
		{"byte 0xff", "Zm9\xff"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_rejected(unit_name("base64 with %s is OTP_ERR_BASE64", cases[i].what),
					   cases[i].text, strlen(cases[i].text));
	check_rejected("base64 with a NUL inside the given length is OTP_ERR_BASE64",
				   "Zm\0v", 4);

	/*
	 * RFC 4648 section 3.5: the bits after the last whole byte must be zero.
	 * "Zg==" and "Zm8=" are canonical; "Zh==" and "Zm9=" carry the same bytes
	 * with stray low bits, so the header's "canonical ... OTP_ERR_BASE64
	 * otherwise" rejects them.
	 */
	check_rejected("base64 with non-zero bits after the last byte (\"Zh==\") "
				   "is not canonical", "Zh==", 4);
	check_rejected("base64 with non-zero bits after the last byte (\"Zm9=\") "
				   "is not canonical", "Zm9=", 4);
	check_decodes_to("base64 with zero bits after the last byte (\"Zg==\") decodes",
					 "Zg==", "f", 1);
}

static void
test_buffers(void)
{
	uint8_t		out[8];
	char		text[16];
	size_t		out_len;

	memset(out, 0xee, sizeof(out));
	CHECK_STATUS("base64 decode into exactly the decoded size succeeds "
				 "(no room needed for padding)",
				 otp_base64_decode("Zm9vYg==", 8, out, 4, &out_len), OTP_OK);
	CHECK(("base64 decode writes nothing past out_size"),
		  out[4] == 0xee && out[5] == 0xee);
	CHECK_STATUS("base64 decode into one byte too few is OTP_ERR_BUFFER",
				 otp_base64_decode("Zm9vYg==", 8, out, 3, &out_len), OTP_ERR_BUFFER);
	CHECK_STATUS("base64 decode of a full quantum into 2 bytes is OTP_ERR_BUFFER",
				 otp_base64_decode("Zm9v", 4, out, 2, &out_len), OTP_ERR_BUFFER);
	CHECK_STATUS("base64 decode of \"\" into a zero-size buffer succeeds",
				 otp_base64_decode("", 0, out, 0, &out_len), OTP_OK);
	CHECK_INT("base64 decode of \"\" gives 0 bytes", out_len, 0);

	memset(text, '#', sizeof(text));
	CHECK_STATUS("base64 encode into exactly OTP_BASE64_LEN(len) + 1 succeeds",
				 otp_base64_encode((const uint8_t *) "foob", 4, text,
								   OTP_BASE64_LEN(4) + 1), OTP_OK);
	CHECK(("base64 encode writes nothing past out_size"),
		  text[OTP_BASE64_LEN(4) + 1] == '#');
	CHECK_STATUS("base64 encode without room for the NUL is OTP_ERR_BUFFER",
				 otp_base64_encode((const uint8_t *) "foob", 4, text, OTP_BASE64_LEN(4)),
				 OTP_ERR_BUFFER);
	CHECK_STATUS("base64 encode of nothing into a zero-size buffer is OTP_ERR_BUFFER",
				 otp_base64_encode((const uint8_t *) "", 0, text, 0), OTP_ERR_BUFFER);
}

/* Every length 0..100 of pseudo-random bytes, and all 256 byte values. */
static void
test_round_trip(void)
{
	uint8_t		raw[256];
	uint8_t		back[256];
	char		text[OTP_BASE64_LEN(256) + 1];
	size_t		back_len;
	int			failures = 0;
	size_t		first_bad = 0;

	for (size_t len = 0; len <= 100; len++)
	{
		unit_fill(raw, len, (uint32_t) (len + 1000));
		if (otp_base64_encode(raw, len, text, sizeof(text)) != OTP_OK ||
			strlen(text) != OTP_BASE64_LEN(len) ||
			otp_base64_decode(text, strlen(text), back, sizeof(back), &back_len) != OTP_OK ||
			back_len != len || memcmp(raw, back, len) != 0)
		{
			if (failures++ == 0)
				first_bad = len;
		}
	}
	CHECK_INT(unit_name("base64 encode then decode returns the bytes for 0..100 bytes "
						"(first failing length %zu)", first_bad), failures, 0);

	for (size_t i = 0; i < 256; i++)
		raw[i] = (uint8_t) i;
	back_len = 0;
	if (CHECK_STATUS("base64 encode of all 256 byte values succeeds",
					 otp_base64_encode(raw, 256, text, sizeof(text)), OTP_OK) &&
		CHECK_STATUS("base64 decode of all 256 byte values succeeds",
					 otp_base64_decode(text, strlen(text), back, sizeof(back), &back_len),
					 OTP_OK) &&
		CHECK_INT("base64 of all 256 byte values decodes to 256 bytes", back_len, 256))
		CHECK_MEM("base64 of all 256 byte values round-trips", back, raw, 256);
}

/* The reference: a character's value from the alphabet, or -1. */
static int
ref_value(unsigned char c)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *at = c != '\0' ? strchr(alphabet, c) : NULL;

	return at != NULL ? (int) (at - alphabet) : -1;
}

/*
 * The decoder takes 8 characters at a time with word arithmetic: every byte
 * value at every position of texts long enough for that path (unpadded,
 * and with one or two '='), against the reference, for the verdict and the
 * bytes.
 */
static void
test_every_byte_everywhere(void)
{
	static const char *const bases[] = {
		"QUJDREVGR0hJSktMTU5PUFFSU1RV",	/* 28 characters, no padding */
		"QUJDREVGR0hJSktMTU5PUFFSUw==",	/* two '=' */
		"QUJDREVGR0hJSktMTU5PUFFSU1Q=",	/* one '=' */
	};
	int			wrong = 0;
	char		first[96] = "";

	for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++)
	{
		size_t		len = strlen(bases[b]);
		size_t		padding = bases[b][len - 1] == '=' ? (bases[b][len - 2] == '=' ? 2 : 1) : 0;

		for (size_t pos = 0; pos < len - padding; pos++)
			for (int c = 0; c < 256; c++)
			{
				char		text[32];
				uint8_t		want[32];
				uint8_t		got[32];
				size_t		got_len = 0;
				int			ok = 1;
				int			status;
				uint32_t	acc = 0;
				int			bits = 0;
				size_t		want_len = 0;

				memcpy(text, bases[b], len);
				text[pos] = (char) c;
				/* Reference: every character valid, then bits to bytes. */
				for (size_t i = 0; i < len - padding && ok; i++)
				{
					int			v = ref_value((unsigned char) text[i]);

					ok = v >= 0;
					acc = acc << 6 | (uint32_t) (v & 63);
					bits += 6;
					if (bits >= 8)
					{
						bits -= 8;
						want[want_len++] = (uint8_t) (acc >> bits);
					}
				}
				/* RFC 4648 section 3.5: the bits past the last byte are zero. */
				ok = ok && (acc & ((1u << bits) - 1)) == 0;
				status = otp_base64_decode(text, len, got, sizeof(got), &got_len);
				if (ok ? status != OTP_OK || got_len != want_len ||
					memcmp(got, want, want_len) != 0 : status != OTP_ERR_BASE64)
				{
					if (wrong++ == 0)
						snprintf(first, sizeof(first), "byte 0x%02x at %zu of \"%s\"",
								 c, pos, bases[b]);
				}
			}
	}
	CHECK_INT(unit_name("base64 decode agrees with the reference for every byte at "
						"every position (first difference: %s)", first), wrong, 0);
}

void
test_base64(void)
{
	test_rfc4648_vectors();
	test_every_byte_everywhere();
	test_strictness();
	test_buffers();
	test_round_trip();
}
