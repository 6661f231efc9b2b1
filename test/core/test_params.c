/*
 * test_params.c: configuration errors (digits, period, window, look_ahead,
 * algorithm, time, counter), algorithm names, and otp_strerror.
 */
#include <limits.h>
#include <string.h>

#include "unit.h"

#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

/* HOTP ignores period; everything else shares the checks. */
static const struct
{
	const char *what;
	otp_params	params;
	int			totp_status;
	int			hotp_status;
}			param_cases[] = {
	{"defaults (6, 30, sha1)", {6, 30, OTP_SHA1}, OTP_OK, OTP_OK},
	{"digits 7, period 1, sha256", {7, 1, OTP_SHA256}, OTP_OK, OTP_OK},
	{"digits 8, period 3600, sha512", {8, 3600, OTP_SHA512}, OTP_OK, OTP_OK},
	{"digits 5", {5, 30, OTP_SHA1}, OTP_ERR_DIGITS, OTP_ERR_DIGITS},
	{"digits 9", {9, 30, OTP_SHA1}, OTP_ERR_DIGITS, OTP_ERR_DIGITS},
	{"digits 0", {0, 30, OTP_SHA1}, OTP_ERR_DIGITS, OTP_ERR_DIGITS},
	{"digits -6", {-6, 30, OTP_SHA1}, OTP_ERR_DIGITS, OTP_ERR_DIGITS},
	{"period 0", {6, 0, OTP_SHA1}, OTP_ERR_PERIOD, OTP_OK},
	{"period 3601", {6, 3601, OTP_SHA1}, OTP_ERR_PERIOD, OTP_OK},
	{"period -30", {6, -30, OTP_SHA1}, OTP_ERR_PERIOD, OTP_OK},
	{"algorithm 3", {6, 30, (otp_algorithm) 3}, OTP_ERR_ALGORITHM, OTP_ERR_ALGORITHM},
	{"algorithm 99", {6, 30, (otp_algorithm) 99}, OTP_ERR_ALGORITHM, OTP_ERR_ALGORITHM},
};

static void
test_params_checked_everywhere(void)
{
	for (size_t i = 0; i < sizeof(param_cases) / sizeof(param_cases[0]); i++)
	{
		const otp_params *p = &param_cases[i].params;
		const char *what = param_cases[i].what;
		int			totp = param_cases[i].totp_status;
		int			hotp = param_cases[i].hotp_status;
		char		code[OTP_CODE_BUFSIZE];
		char		uri[256];
		size_t		uri_len;
		int64_t		out;

		CHECK_STATUS(unit_name("totp_code with %s", what),
					 otp_totp_code(RFC_SECRET, 32, NULL, 59, p, code), totp);
		CHECK_STATUS(unit_name("totp_verify with %s", what),
					 otp_totp_verify(RFC_SECRET, 32, NULL, "123456", 6, 1, 59, -1, p, &out), totp);
		CHECK_STATUS(unit_name("otp_uri with %s", what),
					 otp_uri(RFC_SECRET, 32, NULL, "a", 1, NULL, 0, p, uri, sizeof(uri), &uri_len),
					 totp);
		CHECK_STATUS(unit_name("hotp_code with %s", what),
					 otp_hotp_code(RFC_SECRET, 32, NULL, 1, p, code), hotp);
		CHECK_STATUS(unit_name("hotp_verify with %s", what),
					 otp_hotp_verify(RFC_SECRET, 32, NULL, "123456", 6, 1, 0, p, &out), hotp);
	}
}

static void
test_window_look_ahead_time_counter(void)
{
	const otp_params p = {6, 30, OTP_SHA1};
	char		code[OTP_CODE_BUFSIZE];
	int64_t		out;

#define TOTP_VERIFY(window, at) \
	otp_totp_verify(RFC_SECRET, 32, NULL, "123456", 6, (window), (at), -1, &p, &out)
#define HOTP_VERIFY(counter, look_ahead) \
	otp_hotp_verify(RFC_SECRET, 32, NULL, "123456", 6, (counter), (look_ahead), &p, &out)

	CHECK_STATUS("window -1 is OTP_ERR_WINDOW", TOTP_VERIFY(-1, 59), OTP_ERR_WINDOW);
	CHECK_STATUS("window 11 is OTP_ERR_WINDOW", TOTP_VERIFY(11, 59), OTP_ERR_WINDOW);
	CHECK_STATUS("window INT_MIN is OTP_ERR_WINDOW", TOTP_VERIFY(INT_MIN, 59), OTP_ERR_WINDOW);
	CHECK_STATUS("window 0 is allowed", TOTP_VERIFY(0, 59), OTP_OK);
	CHECK_STATUS("window 10 is allowed", TOTP_VERIFY(10, 59), OTP_OK);

	CHECK_STATUS("look_ahead -1 is OTP_ERR_LOOK_AHEAD", HOTP_VERIFY(0, -1), OTP_ERR_LOOK_AHEAD);
	CHECK_STATUS("look_ahead 101 is OTP_ERR_LOOK_AHEAD", HOTP_VERIFY(0, 101),
				 OTP_ERR_LOOK_AHEAD);
	CHECK_STATUS("look_ahead 0 is allowed", HOTP_VERIFY(0, 0), OTP_OK);
	CHECK_STATUS("look_ahead 100 is allowed", HOTP_VERIFY(0, 100), OTP_OK);

	CHECK_STATUS("totp_verify at -1 is OTP_ERR_TIME", TOTP_VERIFY(1, -1), OTP_ERR_TIME);
	CHECK_STATUS("totp_verify at INT64_MIN is OTP_ERR_TIME", TOTP_VERIFY(1, INT64_MIN),
				 OTP_ERR_TIME);
	CHECK_STATUS("totp_verify at 0 is allowed", TOTP_VERIFY(1, 0), OTP_OK);
	CHECK_STATUS("totp_code at -1 is OTP_ERR_TIME",
				 otp_totp_code(RFC_SECRET, 32, NULL, -1, &p, code), OTP_ERR_TIME);
	CHECK_STATUS("totp_code at INT64_MIN is OTP_ERR_TIME",
				 otp_totp_code(RFC_SECRET, 32, NULL, INT64_MIN, &p, code), OTP_ERR_TIME);

	CHECK_STATUS("hotp_verify counter -1 is OTP_ERR_COUNTER", HOTP_VERIFY(-1, 0),
				 OTP_ERR_COUNTER);
	CHECK_STATUS("hotp_verify counter INT64_MIN is OTP_ERR_COUNTER",
				 HOTP_VERIFY(INT64_MIN, 0), OTP_ERR_COUNTER);
	CHECK_STATUS("hotp_code counter -1 is OTP_ERR_COUNTER",
				 otp_hotp_code(RFC_SECRET, 32, NULL, -1, &p, code), OTP_ERR_COUNTER);
	CHECK_STATUS("hotp_code counter INT64_MIN is OTP_ERR_COUNTER",
				 otp_hotp_code(RFC_SECRET, 32, NULL, INT64_MIN, &p, code), OTP_ERR_COUNTER);
#undef TOTP_VERIFY
#undef HOTP_VERIFY
}

#define N(literal) literal, sizeof(literal) - 1

static const struct
{
	const char *name;
	size_t		len;
	int			status;
	otp_algorithm algorithm;
}			algorithm_names[] = {
	{N("sha1"), OTP_OK, OTP_SHA1},
	{N("SHA1"), OTP_OK, OTP_SHA1},
	{N("Sha1"), OTP_OK, OTP_SHA1},
	{N("sha256"), OTP_OK, OTP_SHA256},
	{N("SHA256"), OTP_OK, OTP_SHA256},
	{N("Sha256"), OTP_OK, OTP_SHA256},
	{N("sha512"), OTP_OK, OTP_SHA512},
	{N("Sha512"), OTP_OK, OTP_SHA512},
	{N("sHA512"), OTP_OK, OTP_SHA512},
	{"sha1xyz", 4, OTP_OK, OTP_SHA1},	/* only len bytes count */
	{N(""), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("sha"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{"sha1", 3, OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("sha2"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("sha-1"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("SHA-256"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("sha384"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("md5"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("sha1 "), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N(" sha1"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("sha1\0"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("sha256x"), OTP_ERR_ALGORITHM, OTP_SHA1},
	{N("sha1\xc4\xb1"), OTP_ERR_ALGORITHM, OTP_SHA1},
};

static void
test_algorithm_names(void)
{
	for (size_t i = 0; i < sizeof(algorithm_names) / sizeof(algorithm_names[0]); i++)
	{
		otp_algorithm got = (otp_algorithm) 77;
		int			status = otp_algorithm_parse(algorithm_names[i].name,
												 algorithm_names[i].len, &got);

		CHECK_STATUS(unit_name("algorithm name \"%.*s\" (%zu bytes) %s",
							   (int) algorithm_names[i].len, algorithm_names[i].name,
							   algorithm_names[i].len,
							   algorithm_names[i].status == OTP_OK ? "parses" : "is rejected"),
					 status, algorithm_names[i].status);
		if (status == OTP_OK && algorithm_names[i].status == OTP_OK)
			CHECK_INT(unit_name("algorithm name \"%.*s\" is the right algorithm",
								(int) algorithm_names[i].len, algorithm_names[i].name),
					  got, algorithm_names[i].algorithm);
	}
	CHECK_STR("URI name of sha1 is SHA1", otp_algorithm_uri_name(OTP_SHA1), "SHA1");
	CHECK_STR("URI name of sha256 is SHA256", otp_algorithm_uri_name(OTP_SHA256), "SHA256");
	CHECK_STR("URI name of sha512 is SHA512", otp_algorithm_uri_name(OTP_SHA512), "SHA512");
}

/* Each message names what is wrong, so that users can fix it. */
static const struct
{
	int			status;
	const char *names;
}			message_subjects[] = {
	{OTP_ERR_SECRET_BASE32, "base32"},
	{OTP_ERR_SECRET_SHORT, "secret"},
	{OTP_ERR_SECRET_LONG, "secret"},
	{OTP_ERR_DIGITS, "digits"},
	{OTP_ERR_PERIOD, "period"},
	{OTP_ERR_WINDOW, "window"},
	{OTP_ERR_ALGORITHM, "algorithm"},
	{OTP_ERR_COUNTER, "counter"},
	{OTP_ERR_LOOK_AHEAD, "look_ahead"},
	{OTP_ERR_SECRET_BYTES, "bytes"},
	{OTP_ERR_ACCOUNT_EMPTY, "account"},
	{OTP_ERR_ACCOUNT_UTF8, "account"},
	{OTP_ERR_ISSUER_EMPTY, "issuer"},
	{OTP_ERR_ISSUER_UTF8, "issuer"},
	{OTP_ERR_ISSUER_COLON, "issuer"},
	{OTP_ERR_BUFFER, "buffer"},
};

/*
 * Every status (those known here, and any added later, found by scanning
 * down from OTP_OK) has a message of its own; 1 is never a status.
 */
static void
test_strerror(void)
{
	const char *unknown = otp_strerror(1);
	int			distinct = 1;
	int			known_have_messages = 1;
	int			lowest = OTP_OK;

	for (int a = OTP_OK; a >= -1000; a--)
		if (strcmp(otp_strerror(a), unknown) != 0)
			lowest = a;
	for (int a = OTP_OK; a >= OTP_ERR_RANDOM; a--)
		known_have_messages &= strcmp(otp_strerror(a), unknown) != 0;
	for (int a = OTP_OK; a >= lowest; a--)
	{
		const char *ma = otp_strerror(a);

		if (strcmp(ma, unknown) == 0)
			continue;
		for (int b = a - 1; b >= lowest; b--)
			distinct &= strcmp(ma, otp_strerror(b)) != 0;
	}
	CHECK(("an unknown status gets a non-empty generic message"),
		  unknown != NULL && unknown[0] != '\0' &&
		  strcmp(otp_strerror(INT_MIN), unknown) == 0);
	CHECK(("every status from OTP_OK to OTP_ERR_RANDOM has its own message"),
		  known_have_messages);
	CHECK(unit_name("every status from 0 to %d has a distinct message", lowest), distinct);

	for (size_t i = 0; i < sizeof(message_subjects) / sizeof(message_subjects[0]); i++)
		CHECK(unit_name("message for %s names \"%s\"",
						unit_status_name(message_subjects[i].status),
						message_subjects[i].names),
			  strstr(otp_strerror(message_subjects[i].status),
					 message_subjects[i].names) != NULL);
}

/* Errors caused by a secret or a code never echo them. */
static void
test_messages_are_secret_free(void)
{
	const char *secret = "SUPERSECRETWORD0";	/* '0' makes it invalid */
	const char *short_secret = "SUPERSECRETQ";	/* 7 bytes */
	const char *code = "987654";
	otp_params	p = {6, 30, OTP_SHA1};
	int64_t		out;
	int			status;

	status = otp_totp_verify(secret, strlen(secret), NULL, code, 6, 1, 59, -1, &p, &out);
	CHECK_STATUS("a secret with '0' is OTP_ERR_SECRET_BASE32", status, OTP_ERR_SECRET_BASE32);
	CHECK(("the base32 error message does not contain the secret or the code"),
		  strstr(otp_strerror(status), "SUPERSECRET") == NULL &&
		  strstr(otp_strerror(status), code) == NULL);

	status = otp_totp_verify(short_secret, strlen(short_secret), NULL, code, 6, 1, 59, -1, &p, &out);
	CHECK_STATUS("a 7-byte secret is OTP_ERR_SECRET_SHORT", status, OTP_ERR_SECRET_SHORT);
	CHECK(("the short-secret message does not contain the secret or the code"),
		  strstr(otp_strerror(status), "SUPERSECRET") == NULL &&
		  strstr(otp_strerror(status), code) == NULL);

	p.digits = 9;
	status = otp_totp_verify(RFC_SECRET, 32, NULL, code, 6, 1, 59, -1, &p, &out);
	CHECK(("the digits message does not contain the secret or the code"),
		  status == OTP_ERR_DIGITS &&
		  strstr(otp_strerror(status), "GEZDGNBV") == NULL &&
		  strstr(otp_strerror(status), code) == NULL);
}

void
test_params(void)
{
	test_params_checked_everywhere();
	test_window_look_ahead_time_counter();
	test_algorithm_names();
	test_strerror();
	test_messages_are_secret_free();
}
