/*
 * test_verify.c: verification semantics. Codes are user input (malformed is
 * no match, never an error); windows, look-ahead and the replay guard have
 * exact boundaries; the edges of int64_t neither overflow nor wrap.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
#define RFC_KEY ((const uint8_t *) "12345678901234567890")

/* Returned by the helpers below when the call itself failed. */
#define CALL_FAILED (-2)

static const otp_params sha1_6 = {6, 30, OTP_SHA1};

/* The 6-digit SHA-1 HOTP code of the RFC seed for counter (or TOTP step). */
static void
code_at(int64_t counter, char out[OTP_CODE_BUFSIZE])
{
	ref_hotp(OTP_SHA1, RFC_KEY, 20, (uint64_t) counter, 6, out);
}

/* otp_totp_verify with the RFC seed; the matched step, or CALL_FAILED. */
static int64_t
totp_match(const char *code, size_t code_len, int window, int64_t at,
		   int64_t after_step, int period)
{
	otp_params	params = {6, period, OTP_SHA1};
	int64_t		step = 12345;

	if (otp_totp_verify(RFC_SECRET, strlen(RFC_SECRET), NULL, code, code_len,
						window, at, after_step, &params, &step) != OTP_OK)
		return CALL_FAILED;
	return step;
}

/* otp_hotp_verify with the RFC seed; the next counter, or CALL_FAILED. */
static int64_t
hotp_next(const char *code, size_t code_len, int64_t counter, int look_ahead)
{
	int64_t		next = 12345;

	if (otp_hotp_verify(RFC_SECRET, strlen(RFC_SECRET), NULL, code, code_len,
						counter, look_ahead, &sha1_6, &next) != OTP_OK)
		return CALL_FAILED;
	return next;
}

#define S(literal) literal, sizeof(literal) - 1

/*
 * The user's code for HOTP counter 0 / TOTP step 0 (at = 0) is 755224, as
 * typed in many ways. Rows that do not match must still return OTP_OK.
 */
static const struct
{
	const char *what;
	const char *code;
	size_t		len;
	int			matches;
}			typed_codes[] = {
	{"the exact code", S("755224"), 1},
	{"a space in the middle", S("755 224"), 1},
	{"leading and trailing spaces", S(" 755224 "), 1},
	{"a space between every digit", S("7 5 5 2 2 4"), 1},
	{"bytes past code_len ignored", "755224999", 6, 1},
	{"a wrong code", S("755225"), 0},
	{"5 digits", S("75522"), 0},
	{"7 digits", S("7552245"), 0},
	{"a leading zero making 7 digits", S("0755224"), 0},
	{"code_len cutting the code short", "755224", 5, 0},
	{"a trailing letter", S("75522a"), 0},
	{"a leading letter", S("a755224"), 0},
	{"a leading '+'", S("+755224"), 0},
	{"a leading '-'", S("-755224"), 0},
	{"a '-' separator", S("755-224"), 0},
	{"a '.' separator", S("755.224"), 0},
	{"a tab", S("755224\t"), 0},
	{"a newline", S("755224\n"), 0},
	{"a NUL after the code", S("755224\0"), 0},
	{"a NUL in the middle", S("755\0" "224"), 0},
	{"a NUL before the code", S("\0" "755224"), 0},
	{"an empty code", S(""), 0},
	{"only spaces", S("      "), 0},
	{"a fullwidth digit seven", S("\xef\xbc\x97" "55224"), 0},
	{"an Arabic-Indic digit seven", S("\xd9\xa7" "55224"), 0},
};

static void
test_typed_codes(void)
{
	for (size_t i = 0; i < sizeof(typed_codes) / sizeof(typed_codes[0]); i++)
	{
		const char *code = typed_codes[i].code;
		size_t		len = typed_codes[i].len;
		int64_t		want_hotp = typed_codes[i].matches ? 1 : OTP_NO_MATCH;
		int64_t		want_totp = typed_codes[i].matches ? 0 : OTP_NO_MATCH;

		CHECK_INT(unit_name("hotp_verify of %s: %s", typed_codes[i].what,
							typed_codes[i].matches ? "matches" : "OTP_OK, no match"),
				  hotp_next(code, len, 0, 0), want_hotp);
		CHECK_INT(unit_name("totp_verify of %s: %s", typed_codes[i].what,
							typed_codes[i].matches ? "matches" : "OTP_OK, no match"),
				  totp_match(code, len, 0, 0, -1, 30), want_totp);
	}
}

/* A megabyte of input costs a scan, and is no match rather than an error. */
static void
test_huge_codes(void)
{
	size_t		len = 1024 * 1024;
	char	   *big = malloc(len + 6);

	CHECK(("fixture: 1 MB buffer allocated"), big != NULL);
	if (big == NULL)
		return;
	memset(big, ' ', len);
	CHECK_INT("1 MB of spaces is no match", hotp_next(big, len, 0, 0), OTP_NO_MATCH);
	memcpy(big + len, "755224", 6);
	CHECK_INT("1 MB of spaces then the code matches (spaces ignored anywhere)",
			  hotp_next(big, len + 6, 0, 0), 1);
	memset(big, '7', len);
	CHECK_INT("1 MB of digits is no match", hotp_next(big, len, 0, 0), OTP_NO_MATCH);
	CHECK_INT("1 MB of digits is no match for totp",
			  totp_match(big, len, 10, 0, -1, 30), OTP_NO_MATCH);
	free(big);
}

/* A step S whose 23 neighbouring codes are distinct, so results are exact. */
#define S_AT INT64_C(1111111109)
#define S_STEP (S_AT / 30)

static void
test_window(void)
{
	char		codes[23][OTP_CODE_BUFSIZE];
	int			distinct = 1;

	for (int k = -11; k <= 11; k++)
		code_at(S_STEP + k, codes[k + 11]);
	for (int a = 0; a < 23; a++)
		for (int b = a + 1; b < 23; b++)
			distinct &= strcmp(codes[a], codes[b]) != 0;
	CHECK(("fixture: codes for steps S-11..S+11 are distinct"), distinct);

#define CODE(k) codes[(k) + 11]
	CHECK_INT("window 0 matches the current step", totp_match(CODE(0), 6, 0, S_AT, -1, 30), S_STEP);
	CHECK_INT("window 0 matches anywhere inside the step",
			  totp_match(CODE(0), 6, 0, S_STEP * 30 + 29, -1, 30), S_STEP);
	CHECK_INT("window 0 refuses the previous step's code",
			  totp_match(CODE(-1), 6, 0, S_AT, -1, 30), OTP_NO_MATCH);
	CHECK_INT("window 0 refuses the next step's code",
			  totp_match(CODE(1), 6, 0, S_AT, -1, 30), OTP_NO_MATCH);
	CHECK_INT("window 1 matches the previous step's code",
			  totp_match(CODE(-1), 6, 1, S_AT, -1, 30), S_STEP - 1);
	CHECK_INT("window 1 matches the next step's code",
			  totp_match(CODE(1), 6, 1, S_AT, -1, 30), S_STEP + 1);
	CHECK_INT("window 1 refuses the code from 2 steps before",
			  totp_match(CODE(-2), 6, 1, S_AT, -1, 30), OTP_NO_MATCH);
	CHECK_INT("window 1 refuses the code from 2 steps after",
			  totp_match(CODE(2), 6, 1, S_AT, -1, 30), OTP_NO_MATCH);
	CHECK_INT("window 10 matches 10 steps before",
			  totp_match(CODE(-10), 6, 10, S_AT, -1, 30), S_STEP - 10);
	CHECK_INT("window 10 matches 10 steps after",
			  totp_match(CODE(10), 6, 10, S_AT, -1, 30), S_STEP + 10);
	CHECK_INT("window 10 refuses 11 steps before",
			  totp_match(CODE(-11), 6, 10, S_AT, -1, 30), OTP_NO_MATCH);
	CHECK_INT("window 10 refuses 11 steps after",
			  totp_match(CODE(11), 6, 10, S_AT, -1, 30), OTP_NO_MATCH);

	/* Replay guard: steps <= after_step are skipped. */
	CHECK_INT("after_step = step - 1 still matches the step",
			  totp_match(CODE(0), 6, 1, S_AT, S_STEP - 1, 30), S_STEP);
	CHECK_INT("after_step = matched step is a replay (no match)",
			  totp_match(CODE(0), 6, 1, S_AT, S_STEP, 30), OTP_NO_MATCH);
	CHECK_INT("after_step > matched step is no match",
			  totp_match(CODE(0), 6, 1, S_AT, S_STEP + 1, 30), OTP_NO_MATCH);
	CHECK_INT("the previous step's code is refused after it was used",
			  totp_match(CODE(-1), 6, 1, S_AT, S_STEP - 1, 30), OTP_NO_MATCH);
	CHECK_INT("the next step's code is accepted after the current step was used",
			  totp_match(CODE(1), 6, 1, S_AT, S_STEP, 30), S_STEP + 1);
	CHECK_INT("after_step -1 is no guard", totp_match(CODE(0), 6, 1, S_AT, -1, 30), S_STEP);
	CHECK_INT("after_step INT64_MIN is no guard",
			  totp_match(CODE(0), 6, 1, S_AT, INT64_MIN, 30), S_STEP);
#undef CODE
}

/*
 * Steps whose SHA-1 codes for the RFC seed collide (found by search, and
 * rechecked here): verify must return the earliest eligible one, and the
 * replay guard must move it to the later one.
 */
static void
test_earliest_match(void)
{
	static const struct
	{
		int64_t		first;
		int64_t		second;
		const char *code;
	}			pairs[] = {
		{910737, 910738, "911617"},
		{153567, 153569, "468457"},
		{2386, 2394, "709847"},
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
	{
		int64_t		s1 = pairs[i].first;
		int64_t		s2 = pairs[i].second;
		int64_t		mid = (s1 + s2) / 2;
		int			window = (int) (s2 - mid);
		char		c1[OTP_CODE_BUFSIZE];
		char		c2[OTP_CODE_BUFSIZE];

		code_at(s1, c1);
		code_at(s2, c2);
		CHECK(unit_name("fixture: steps %lld and %lld share code %s",
						(long long) s1, (long long) s2, pairs[i].code),
			  strcmp(c1, pairs[i].code) == 0 && strcmp(c2, pairs[i].code) == 0);
		CHECK_INT(unit_name("steps %lld and %lld both match: the earliest is returned",
							(long long) s1, (long long) s2),
				  totp_match(pairs[i].code, 6, window, mid * 30, -1, 30), s1);
		CHECK_INT(unit_name("after_step %lld skips to the later match %lld",
							(long long) s1, (long long) s2),
				  totp_match(pairs[i].code, 6, window, mid * 30, s1, 30), s2);
		CHECK_INT(unit_name("after_step %lld leaves no match", (long long) s2),
				  totp_match(pairs[i].code, 6, window, mid * 30, s2, 30), OTP_NO_MATCH);
	}
}

/* At time 0 the window has no negative steps (no wrap to 2^64 - k). */
static void
test_time_zero(void)
{
	char		c0[OTP_CODE_BUFSIZE];
	char		c1[OTP_CODE_BUFSIZE];
	int			wrapped_distinct = 1;
	int			wrapped_matched = 0;

	code_at(0, c0);
	code_at(1, c1);
	CHECK_INT("time 0, window 1 matches step 0", totp_match(c0, 6, 1, 0, -1, 30), 0);
	CHECK_INT("time 0, window 1, after_step INT64_MIN matches step 0",
			  totp_match(c0, 6, 1, 0, INT64_MIN, 30), 0);
	CHECK_INT("time 0, window 1 matches step 1", totp_match(c1, 6, 1, 0, -1, 30), 1);
	CHECK_INT("time 0, after_step 0 refuses step 0", totp_match(c0, 6, 1, 0, 0, 30),
			  OTP_NO_MATCH);

	/* Codes a wrapped counter would produce for steps -1..-10. */
	for (int k = 1; k <= 10; k++)
	{
		char		wrapped[OTP_CODE_BUFSIZE];
		int64_t		step;

		ref_hotp(OTP_SHA1, RFC_KEY, 20, (uint64_t) 0 - (uint64_t) k, 6, wrapped);
		for (int s = 0; s <= 10; s++)
		{
			char		real[OTP_CODE_BUFSIZE];

			code_at(s, real);
			wrapped_distinct &= strcmp(real, wrapped) != 0;
		}
		/* INT64_MIN: a guard of -1 would hide steps -1..-10 anyway. */
		step = totp_match(wrapped, 6, 10, 0, INT64_MIN, 30);
		wrapped_matched |= step != OTP_NO_MATCH;
	}
	CHECK(("fixture: codes of wrapped steps -1..-10 differ from steps 0..10"),
		  wrapped_distinct);
	CHECK(("time 0, window 10 never matches a code of a negative step"), !wrapped_matched);
}

/* At INT64_MAX with period 1 the window is clamped, not overflowed. */
static void
test_largest_time(void)
{
	char		top[OTP_CODE_BUFSIZE];
	char		below[OTP_CODE_BUFSIZE];
	char		hour[OTP_CODE_BUFSIZE];
	int			distinct = 1;

	code_at(INT64_MAX, top);
	code_at(INT64_MAX - 1, below);
	for (int k = 1; k <= 10; k++)
	{
		char		c[OTP_CODE_BUFSIZE];

		code_at(INT64_MAX - k, c);
		distinct &= strcmp(c, top) != 0;
	}
	CHECK(("fixture: code of INT64_MAX differs from the 10 steps below it"), distinct);
	CHECK_INT("INT64_MAX, period 1, window 1 matches step INT64_MAX",
			  totp_match(top, 6, 1, INT64_MAX, -1, 1), INT64_MAX);
	CHECK_INT("INT64_MAX, period 1, window 10 matches step INT64_MAX",
			  totp_match(top, 6, 10, INT64_MAX, -1, 1), INT64_MAX);
	CHECK_INT("INT64_MAX, period 1, window 1 matches step INT64_MAX - 1",
			  totp_match(below, 6, 1, INT64_MAX, -1, 1), INT64_MAX - 1);
	CHECK_INT("INT64_MAX, after_step INT64_MAX - 1 still matches INT64_MAX",
			  totp_match(top, 6, 1, INT64_MAX, INT64_MAX - 1, 1), INT64_MAX);
	CHECK_INT("INT64_MAX, after_step INT64_MAX leaves no match",
			  totp_match(top, 6, 10, INT64_MAX, INT64_MAX, 1), OTP_NO_MATCH);

	code_at(INT64_MAX / 3600, hour);
	CHECK_INT("INT64_MAX, period 3600 matches step INT64_MAX / 3600",
			  totp_match(hour, 6, 1, INT64_MAX, -1, 3600), INT64_MAX / 3600);
	code_at(S_AT / 3600, hour);
	CHECK_INT("period 3600 matches step at / 3600",
			  totp_match(hour, 6, 0, S_AT, -1, 3600), S_AT / 3600);
	code_at(S_AT, hour);
	CHECK_INT("period 1 matches step at", totp_match(hour, 6, 0, S_AT, -1, 1), S_AT);
}

static void
test_hotp_look_ahead(void)
{
	char		c[OTP_CODE_BUFSIZE];
	char		top[OTP_CODE_BUFSIZE];
	int			distinct = 1;

	code_at(5, c);
	CHECK_INT("look_ahead 4 from counter 0 does not reach counter 5",
			  hotp_next(c, 6, 0, 4), OTP_NO_MATCH);
	CHECK_INT("look_ahead 5 from counter 0 reaches counter 5", hotp_next(c, 6, 0, 5), 6);

	code_at(100, c);
	CHECK_INT("look_ahead 100 (the maximum) reaches counter 100",
			  hotp_next(c, 6, 0, 100), 101);
	code_at(101, c);
	for (int k = 0; k <= 100; k++)
	{
		char		other[OTP_CODE_BUFSIZE];

		code_at(k, other);
		distinct &= strcmp(c, other) != 0;
	}
	CHECK(("fixture: code of counter 101 differs from counters 0..100"), distinct);
	CHECK_INT("look_ahead 100 does not reach counter 101", hotp_next(c, 6, 0, 100),
			  OTP_NO_MATCH);

	/* The next counter must be representable: INT64_MAX itself never matches. */
	code_at(INT64_MAX, top);
	code_at(INT64_MAX - 1, c);
	distinct = strcmp(c, top) != 0;
	for (int k = 2; k <= 5; k++)
	{
		char		other[OTP_CODE_BUFSIZE];

		code_at(INT64_MAX - k, other);
		distinct &= strcmp(c, other) != 0 && strcmp(top, other) != 0;
	}
	CHECK(("fixture: codes of counters INT64_MAX - 5..INT64_MAX are distinct"), distinct);
	CHECK_INT("hotp at counter INT64_MAX - 1 returns next counter INT64_MAX",
			  hotp_next(c, 6, INT64_MAX - 1, 0), INT64_MAX);
	CHECK_INT("hotp look-ahead near INT64_MAX finds INT64_MAX - 1",
			  hotp_next(c, 6, INT64_MAX - 5, 100), INT64_MAX);
	CHECK_INT("hotp at counter INT64_MAX is no match rather than a wrapped next counter",
			  hotp_next(top, 6, INT64_MAX, 0), OTP_NO_MATCH);
	CHECK_INT("hotp look-ahead 100 from INT64_MAX never wraps",
			  hotp_next(top, 6, INT64_MAX, 100), OTP_NO_MATCH);
}

/* Configuration errors win over a malformed code: a bad setup must surface. */
static void
test_errors_beat_bad_codes(void)
{
	otp_params	p = sha1_6;
	int64_t		out = 0;

	CHECK_STATUS("hotp_verify: a bad secret with a malformed code is an error",
				 otp_hotp_verify("!!!!!!!!!!!!!!!!", 16, NULL, "abc", 3, 0, 0, &p, &out),
				 OTP_ERR_SECRET_BASE32);
	CHECK_INT("hotp_verify sets OTP_NO_MATCH on error", out, OTP_NO_MATCH);
	out = 0;
	CHECK_STATUS("totp_verify: a bad secret with a malformed code is an error",
				 otp_totp_verify("!!!!!!!!!!!!!!!!", 16, NULL, "abc", 3, 1, 0, -1, &p, &out),
				 OTP_ERR_SECRET_BASE32);
	CHECK_INT("totp_verify sets OTP_NO_MATCH on error", out, OTP_NO_MATCH);
	CHECK_STATUS("totp_verify: a short secret with an empty code is an error",
				 otp_totp_verify("GEZDGNBV", 8, NULL, "", 0, 1, 0, -1, &p, &out),
				 OTP_ERR_SECRET_SHORT);
	CHECK_STATUS("totp_verify: window 11 with a malformed code is an error",
				 otp_totp_verify(RFC_SECRET, 32, NULL, "x", 1, 11, 0, -1, &p, &out),
				 OTP_ERR_WINDOW);
	CHECK_STATUS("totp_verify: a negative time with a malformed code is an error",
				 otp_totp_verify(RFC_SECRET, 32, NULL, "x", 1, 1, -1, -1, &p, &out),
				 OTP_ERR_TIME);
	p.digits = 5;
	CHECK_STATUS("hotp_verify: digits 5 with a malformed code is an error",
				 otp_hotp_verify(RFC_SECRET, 32, NULL, "x", 1, 0, 0, &p, &out), OTP_ERR_DIGITS);
	p = sha1_6;
	p.period = 0;
	CHECK_STATUS("totp_verify: period 0 with a malformed code is an error",
				 otp_totp_verify(RFC_SECRET, 32, NULL, "x", 1, 1, 0, -1, &p, &out),
				 OTP_ERR_PERIOD);
}

void
test_verify(void)
{
	test_typed_codes();
	test_huge_codes();
	test_window();
	test_earliest_match();
	test_time_zero();
	test_largest_time();
	test_hotp_look_ahead();
	test_errors_beat_bad_codes();
}
