/*
 * test_secret.c: secret size limits, fresh secrets from otp_new_secret, and
 * otp_wipe.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* Decoded sizes around OTP_MIN_KEY_BYTES and OTP_MAX_KEY_BYTES. */
static void
test_secret_size_limits(void)
{
	static const struct
	{
		size_t		bytes;
		int			status;
	}			cases[] = {
		{0, OTP_ERR_SECRET_SHORT},
		{1, OTP_ERR_SECRET_SHORT},
		{9, OTP_ERR_SECRET_SHORT},
		{10, OTP_OK},
		{1024, OTP_OK},
		{1025, OTP_ERR_SECRET_LONG},
		{5000, OTP_ERR_SECRET_LONG},
	};
	static uint8_t key[5000];
	static char secret[OTP_BASE32_LEN(5000) + 1];
	const otp_params p = {6, 30, OTP_SHA1};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char		code[OTP_CODE_BUFSIZE];
		char	   *uri;
		size_t		uri_size;
		size_t		uri_len;
		int64_t		out;

		unit_fill(key, cases[i].bytes, (uint32_t) i);
		unit_base32(key, cases[i].bytes, secret, sizeof(secret));
		CHECK_STATUS(unit_name("hotp_code with a %zu-byte secret", cases[i].bytes),
					 otp_hotp_code(secret, strlen(secret), NULL, 0, &p, code), cases[i].status);
		CHECK_STATUS(unit_name("totp_verify with a %zu-byte secret", cases[i].bytes),
					 otp_totp_verify(secret, strlen(secret), NULL, "123456", 6, 1, 0, -1, &p, &out),
					 cases[i].status);

		uri_size = otp_uri_bufsize(strlen(secret), 1, 0);
		uri = malloc(uri_size);
		if (CHECK(("fixture: URI buffer allocated"), uri != NULL))
			CHECK_STATUS(unit_name("otp_uri with a %zu-byte secret", cases[i].bytes),
						 otp_uri(secret, strlen(secret), NULL, "a", 1, NULL, 0, &p,
								 uri, uri_size, &uri_len), cases[i].status);
		free(uri);
	}
}

static void
test_new_secret(void)
{
	static const int sizes[] = {16, 20, 32, 64};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
	{
		int			bytes = sizes[i];
		char		a[OTP_BASE32_LEN(64) + 1];
		char		b[OTP_BASE32_LEN(64) + 1];
		uint8_t		decoded[64];
		size_t		decoded_len = 0;
		size_t		len;

		if (!CHECK_STATUS(unit_name("new_secret of %d bytes succeeds", bytes),
						  otp_new_secret(bytes, a, sizeof(a)), OTP_OK))
			continue;
		len = strlen(a);
		CHECK_INT(unit_name("new_secret of %d bytes is OTP_BASE32_LEN(%d) characters",
							bytes, bytes), len, OTP_BASE32_LEN((size_t) bytes));
		CHECK_INT(unit_name("new_secret of %d bytes uses only A-Z and 2-7", bytes),
				  strspn(a, alphabet), len);
		CHECK_STATUS(unit_name("new_secret of %d bytes decodes", bytes),
					 otp_base32_decode(a, len, decoded, sizeof(decoded), &decoded_len),
					 OTP_OK);
		CHECK_INT(unit_name("new_secret of %d bytes decodes to %d bytes", bytes, bytes),
				  decoded_len, bytes);
		otp_new_secret(bytes, b, sizeof(b));
		CHECK(unit_name("two new_secret calls of %d bytes differ", bytes), strcmp(a, b) != 0);
	}
}

static void
test_new_secret_errors(void)
{
	static const int bad_sizes[] = {15, 65, 0, -1};
	char		out[OTP_BASE32_LEN(64) + 1];
	char		canary[4];

	for (size_t i = 0; i < sizeof(bad_sizes) / sizeof(bad_sizes[0]); i++)
	{
		memcpy(out, "XYZ", 4);
		CHECK_STATUS(unit_name("new_secret of %d bytes is OTP_ERR_SECRET_BYTES",
							   bad_sizes[i]),
					 otp_new_secret(bad_sizes[i], out, sizeof(out)), OTP_ERR_SECRET_BYTES);
		CHECK_STR(unit_name("new_secret of %d bytes leaves \"\"", bad_sizes[i]), out, "");
	}

	memcpy(out, "XYZ", 4);
	CHECK_STATUS("new_secret without room for the NUL is OTP_ERR_BUFFER",
				 otp_new_secret(20, out, OTP_BASE32_LEN(20)), OTP_ERR_BUFFER);
	CHECK_STR("new_secret into a short buffer leaves \"\"", out, "");

	memcpy(canary, "XYZ", 4);
	CHECK_STATUS("new_secret into a zero-size buffer is OTP_ERR_BUFFER",
				 otp_new_secret(20, canary, 0), OTP_ERR_BUFFER);
	CHECK_STR("new_secret into a zero-size buffer writes nothing", canary, "XYZ");

	memset(out, '#', sizeof(out));
	CHECK_STATUS("new_secret into exactly OTP_BASE32_LEN(16) + 1 bytes succeeds",
				 otp_new_secret(16, out, OTP_BASE32_LEN(16) + 1), OTP_OK);
	CHECK(("new_secret writes nothing past out_size"), out[OTP_BASE32_LEN(16) + 1] == '#');
}

static int
all_equal(const uint8_t *p, size_t len, uint8_t value)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != value)
			return 0;
	return 1;
}

static void
test_wipe(void)
{
	uint8_t		buf[64];
	uint8_t    *heap;

	memset(buf, 0xa5, sizeof(buf));
	otp_wipe(buf + 16, 32);
	CHECK(("otp_wipe zeroes exactly the range it is given"), all_equal(buf + 16, 32, 0));
	CHECK(("otp_wipe leaves the bytes around the range alone"),
		  all_equal(buf, 16, 0xa5) && all_equal(buf + 48, 16, 0xa5));

	memset(buf, 0xa5, sizeof(buf));
	otp_wipe(buf, 0);
	CHECK(("otp_wipe of 0 bytes changes nothing"), all_equal(buf, sizeof(buf), 0xa5));

	/* The case a compiler may elide: a wipe right before free(). */
	heap = malloc(64);
	CHECK(("fixture: heap buffer allocated"), heap != NULL);
	if (heap != NULL)
	{
		memset(heap, 0x5a, 64);
		otp_wipe(heap, 64);
		CHECK(("otp_wipe zeroes a heap buffer about to be freed"), all_equal(heap, 64, 0));
		free(heap);
	}
}

void
test_secret(void)
{
	test_secret_size_limits();
	test_new_secret();
	test_new_secret_errors();
	test_wipe();
}
