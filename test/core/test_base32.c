/*
 * test_base32.c: RFC 4648 base32, strict encoding and lenient decoding.
 */
#include <string.h>

#include "unit.h"

/* RFC 4648 section 10 test vectors. */
static const struct
{
	const char *raw;
	const char *padded;
	const char *unpadded;
}			rfc4648[] = {
	{"", "", ""},
	{"f", "MY======", "MY"},
	{"fo", "MZXQ====", "MZXQ"},
	{"foo", "MZXW6===", "MZXW6"},
	{"foob", "MZXW6YQ=", "MZXW6YQ"},
	{"fooba", "MZXW6YTB", "MZXW6YTB"},
	{"foobar", "MZXW6YTBOI======", "MZXW6YTBOI"},
};

/* Decode text (NUL-terminated) and compare with expected bytes. */
static void
check_decodes_to(const char *name, const char *text, const char *expected)
{
	uint8_t		out[64];
	size_t		out_len = 99;
	int			status;

	status = otp_base32_decode(text, strlen(text), out, sizeof(out), &out_len);
	if (!CHECK_STATUS(name, status, OTP_OK))
		return;
	if (CHECK_INT(name, out_len, strlen(expected)))
		CHECK_MEM(name, out, expected, out_len);
}

static void
check_rejected(const char *name, const char *text, size_t len)
{
	uint8_t		out[64];
	size_t		out_len;

	CHECK_STATUS(name, otp_base32_decode(text, len, out, sizeof(out), &out_len),
				 OTP_ERR_SECRET_BASE32);
}

static void
test_rfc4648_vectors(void)
{
	for (size_t i = 0; i < sizeof(rfc4648) / sizeof(rfc4648[0]); i++)
	{
		const char *raw = rfc4648[i].raw;
		char		text[32];

		CHECK_STATUS(unit_name("rfc4648 encode \"%s\" succeeds", raw),
					 otp_base32_encode((const uint8_t *) raw, strlen(raw),
									   text, sizeof(text)), OTP_OK);
		CHECK_STR(unit_name("rfc4648 encode \"%s\" is upper case without padding", raw),
				  text, rfc4648[i].unpadded);
		check_decodes_to(unit_name("rfc4648 decode padded %s", rfc4648[i].padded),
						 rfc4648[i].padded, raw);
		check_decodes_to(unit_name("rfc4648 decode unpadded %s", rfc4648[i].unpadded),
						 rfc4648[i].unpadded, raw);
	}
}

static void
test_lenient_decoding(void)
{
	check_decodes_to("decode accepts lower case", "mzxw6ytboi", "foobar");
	check_decodes_to("decode accepts mixed case", "MzXw6YtBoI", "foobar");
	check_decodes_to("decode ignores spaces and hyphens", "MZXW 6YTB-OI", "foobar");
	check_decodes_to("decode ignores leading and trailing spaces", "  MZXW6YTBOI  ", "foobar");
	check_decodes_to("decode ignores spaces between padding", "MZXW6 = = =", "foo");
	check_decodes_to("decode accepts partial padding", "MY=", "f");
	check_decodes_to("decode accepts spaces after padding", "MZXW6YTBOI====== ", "foobar");
	check_decodes_to("decode of only spaces and hyphens is empty", " - ", "");

	check_rejected("'=' in the middle is an error", "MZ=XW6YTBOI", 11);
	check_rejected("data after padding is an error", "MY======MZXQ", 12);
	check_rejected("padding at the start is an error", "=MZXW6YTBOI", 11);
	check_rejected("a lone padded character is an error", "M=======", 8);
}

/*
 * Every length: 1, 3 or 6 characters past a multiple of 8 leave bits that
 * cannot form a byte; 0, 2, 4, 5 and 7 decode to len * 5 / 8 bytes.
 */
static void
test_every_length(void)
{
	/* base32 of "12345678901234567890", so prefixes decode to its prefixes. */
	const char *text = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
	const char *raw = "12345678901234567890";

	for (size_t len = 0; len <= 32; len++)
	{
		size_t		rem = len % 8;
		uint8_t		out[32];
		size_t		out_len = 99;
		int			status = otp_base32_decode(text, len, out, sizeof(out), &out_len);

		if (rem == 1 || rem == 3 || rem == 6)
			CHECK_STATUS(unit_name("base32 of %zu characters (%zu mod 8) is an error",
								   len, rem), status, OTP_ERR_SECRET_BASE32);
		else if (CHECK_STATUS(unit_name("base32 of %zu characters (%zu mod 8) decodes",
										len, rem), status, OTP_OK) &&
				 CHECK_INT(unit_name("base32 of %zu characters gives %zu bytes",
									 len, len * 5 / 8), out_len, len * 5 / 8))
			CHECK_MEM(unit_name("base32 prefix of %zu characters decodes to the key prefix",
								len), out, raw, out_len);
	}
	/* Ignored characters do not count towards the length. */
	check_rejected("3 characters among spaces are still an error", "G E-Z ", 6);
	check_decodes_to("4 characters among spaces decode", "G E-Z D", "12");
}

static void
test_bad_characters(void)
{
	static const struct
	{
		const char *what;
		const char *bad;
	}			cases[] = {
		{"'0'", "0"}, {"'1'", "1"}, {"'8'", "8"}, {"'9'", "9"}, {"'!'", "!"},
		{"'_'", "_"}, {"'+'", "+"}, {"'/'", "/"}, {"'.'", "."}, {"a tab", "\t"},
		{"a newline", "\n"}, {"byte 0x80", "\x80"}, {"byte 0xff", "\xff"},
		{"UTF-8 e-acute", "\xc3\xa9"}, {"fullwidth A", "\xef\xbc\xa1"},
	};
	const char *good = "MZXW6YTBOI";	/* "foobar", 10 characters */

	check_decodes_to("base text for bad-character cases is valid", good, "foobar");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char		text[16];
		size_t		n = strlen(cases[i].bad);

		/* Overwrite, not insert, so the length stays valid (10 characters). */
		memcpy(text, good, 10);
		memcpy(text + 4, cases[i].bad, n);
		check_rejected(unit_name("%s in a secret is an error", cases[i].what), text, 10);
	}
	check_rejected("a NUL byte inside the given length is an error", "MZXW\0YTBOI", 10);
}

static void
test_buffers(void)
{
	uint8_t		out[8];
	char		text[16];
	size_t		out_len;

	memset(out, 0xee, sizeof(out));
	CHECK_STATUS("decode into a buffer one byte short is OTP_ERR_BUFFER",
				 otp_base32_decode("MZXW6YTBOI", 10, out, 5, &out_len), OTP_ERR_BUFFER);
	CHECK(("decode never writes past out_size"),
		  out[5] == 0xee && out[6] == 0xee && out[7] == 0xee);
	CHECK_STATUS("decode into a buffer of exactly the decoded size succeeds",
				 otp_base32_decode("MZXW6YTBOI", 10, out, 6, &out_len), OTP_OK);
	CHECK_STATUS("decode of an empty text into a zero-size buffer succeeds",
				 otp_base32_decode("", 0, out, 0, &out_len), OTP_OK);

	CHECK_STATUS("encode without room for the NUL is OTP_ERR_BUFFER",
				 otp_base32_encode((const uint8_t *) "foobar", 6, text, 10),
				 OTP_ERR_BUFFER);
	CHECK_STATUS("encode into exactly OTP_BASE32_LEN(len) + 1 bytes succeeds",
				 otp_base32_encode((const uint8_t *) "foobar", 6, text,
								   OTP_BASE32_LEN(6) + 1), OTP_OK);
	CHECK_STATUS("encode of nothing into a zero-size buffer is OTP_ERR_BUFFER",
				 otp_base32_encode((const uint8_t *) "", 0, text, 0), OTP_ERR_BUFFER);
}

/* Random keys of every length up to 100 bytes survive encode then decode. */
static void
test_round_trip(void)
{
	int			failures = 0;
	size_t		first_bad = 0;

	for (size_t len = 0; len <= 100; len++)
	{
		uint8_t		key[100];
		uint8_t		back[100];
		char		text[OTP_BASE32_LEN(100) + 1];
		size_t		back_len = 0;

		unit_fill(key, len, (uint32_t) len);
		if (otp_base32_encode(key, len, text, sizeof(text)) != OTP_OK ||
			strlen(text) != OTP_BASE32_LEN(len) ||
			otp_base32_decode(text, strlen(text), back, sizeof(back), &back_len) != OTP_OK ||
			back_len != len || memcmp(key, back, len) != 0)
		{
			if (failures++ == 0)
				first_bad = len;
		}
	}
	CHECK_INT(unit_name("encode then decode returns the key for 0..100 bytes "
						"(first failing length %zu)", first_bad), failures, 0);
}

void
test_base32(void)
{
	test_rfc4648_vectors();
	test_lenient_decoding();
	test_every_length();
	test_bad_characters();
	test_buffers();
	test_round_trip();
}
