/*
 * ct_test.c: the constant-time check, in the style of Monocypher's ctgrind
 * test and secp256k1's valgrind_ctime_test.
 *
 * Secret bytes (base32 secret text, keyring keys, the payload of sealed
 * secrets, stored backup-code hashes and their check, the user's code) are
 * marked undefined with VALGRIND_MAKE_MEM_UNDEFINED. Run under valgrind's
 * memcheck, every conditional jump, and every memory address, computed from
 * them is then an error, which --error-exitcode turns into a failing exit
 * status. The core, built with -DOTP_CTGRIND, declassifies (OTP_DECLASSIFY)
 * only what is public: match or not, which step or entry matched, whether an
 * input is well-formed, where separators and padding stand.
 *
 * Every call is made twice, first on unmarked copies (the reference), then
 * on marked ones, and the two results must agree: a check that returned
 * early on an error before touching the secret would prove nothing.
 *
 * Usage: ct_test <case> (ct_test list names them). Exit status 0: the case
 * ran and its results agreed; 1: a wrong result. test/ct/run.sh runs each
 * case under valgrind. The leak-* cases must be reported by valgrind: they
 * prove that the check catches an early-exit comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <valgrind/memcheck.h>

#include "otp_internal.h"

/* Mark bytes secret (undefined to memcheck), or public again. */
#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int	failures;

/*
 * The core's RAND_bytes calls come here (linked with -Wl,--wrap=RAND_bytes).
 * While mark_random is set, what they return is marked secret, as fresh
 * secrets, codes, salts and nonces are until the core hands them out; the
 * fixtures leave it clear, so that their values stay public.
 */
static int	mark_random;

int			__real_RAND_bytes(unsigned char *buf, int num);
int			__wrap_RAND_bytes(unsigned char *buf, int num);

int
__wrap_RAND_bytes(unsigned char *buf, int num)
{
	int			r = __real_RAND_bytes(buf, num);

	if (mark_random && num > 0)
		SECRET(buf, (size_t) num);
	return r;
}

static void
fail(const char *what, const char *detail)
{
	printf("FAIL %s: %s\n", what, detail);
	failures++;
}

/* A heap copy of s (NUL-terminated) that the test can mark. */
static char *
copy_text(const char *s, size_t len)
{
	char	   *p = malloc(len + 1);

	if (p == NULL)
	{
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* --- secrets in every layout ---------------------------------------------- */

/*
 * Keys: the RFC 6238 seeds (20, 32 and 64 bytes), the 10-byte minimum, and
 * a 70-byte key, longer than a SHA-1/SHA-256 block, so that HMAC hashes it.
 */
static const struct
{
	const char *bytes;
	size_t		len;
}			keys[] = {
	{"12345678901234567890", 20},
	{"12345678901234567890123456789012", 32},
	{"1234567890123456789012345678901234567890123456789012345678901234", 64},
	{"\x00\x01\x02\x03\x04\x05\x06\x07\x08\xff", 10},
	{"0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 70},
};

#define N_KEYS (sizeof(keys) / sizeof(keys[0]))
#define TEXT_MAX 512

/* Layouts of one secret as people store it; separators are layout, public. */
enum layout
{
	CANONICAL,					/* upper case, no padding */
	LOWER_SPACED,				/* lower case in groups of 4 */
	HYPHENS_PADDED,				/* groups of 8 joined by '-', '=' padded */
	N_LAYOUTS
};

static size_t
secret_text(size_t k, enum layout layout, char *out)
{
	char		canon[TEXT_MAX];
	size_t		len;
	size_t		n = 0;

	if (otp_base32_encode((const uint8_t *) keys[k].bytes, keys[k].len, canon,
						  sizeof(canon)) != OTP_OK)
	{
		fail("fixture", "base32 encode");
		return 0;
	}
	len = strlen(canon);
	for (size_t i = 0; i < len; i++)
	{
		if (layout == LOWER_SPACED)
		{
			if (i > 0 && i % 4 == 0)
				out[n++] = ' ';
			out[n++] = (char) (canon[i] | 0x20);
		}
		else if (layout == HYPHENS_PADDED)
		{
			if (i > 0 && i % 8 == 0)
				out[n++] = '-';
			out[n++] = canon[i];
		}
		else
			out[n++] = canon[i];
	}
	if (layout == HYPHENS_PADDED)
		while (len % 8 != 0)
			out[n++] = '=', len++;
	out[n] = '\0';
	return n;
}

/* --- verify --------------------------------------------------------------- */

#define AT INT64_C(1111111109)

static const otp_algorithm algorithms[] = {OTP_SHA1, OTP_SHA256, OTP_SHA512};

/*
 * Codes to try against a secret: the codes of the steps of `at` and of the
 * one before it, one digit off, spaced, malformed (public: a malformed code
 * is no match whatever the secret).
 */
#define N_TRIES 6

static void
make_tries(const char now[OTP_CODE_BUFSIZE], const char before[OTP_CODE_BUFSIZE],
		   char tries[N_TRIES][OTP_CODE_BUFSIZE + 4])
{
	size_t		len = strlen(now);

	strcpy(tries[0], now);
	strcpy(tries[1], before);
	strcpy(tries[2], now);
	tries[2][len - 1] = (char) ('0' + (tries[2][len - 1] - '0' + 1) % 10);
	snprintf(tries[3], OTP_CODE_BUFSIZE + 4, "%.3s %s", now, now + 3);
	strcpy(tries[4], now);
	tries[4][1] = 'x';
	snprintf(tries[5], OTP_CODE_BUFSIZE + 4, "%s0", now);
}

/*
 * Fail label unless the call on marked inputs gave the reference's status
 * and value (what names the value: "step", "next").
 */
static void
expect_same(const char *label, const char *what, int got_status, int64_t got,
			int want_status, int64_t want)
{
	char		detail[128];

	if (got_status == want_status && got == want)
		return;
	snprintf(detail, sizeof(detail), "status %d %s %lld, reference %d %s %lld",
			 got_status, what, (long long) got, want_status, what, (long long) want);
	fail(label, detail);
}

/*
 * otp_totp_verify with a marked secret and code against the reference on
 * unmarked copies; ring may hold marked keys (the reference then uses
 * plain_ring, an unmarked twin). Returns the reference's step.
 */
static int64_t
check_totp(const char *label, const char *secret, size_t secret_len,
		   size_t mark_from, const otp_keyring *plain_ring,
		   const otp_keyring *ring, const otp_params *params, const char *code,
		   int window, int64_t after_step)
{
	size_t		code_len = strlen(code);
	char	   *s = copy_text(secret, secret_len);
	char	   *c = copy_text(code, code_len);
	int64_t		want = 0;
	int64_t		got = 0;
	int			want_status;
	int			got_status;

	want_status = otp_totp_verify(secret, secret_len, plain_ring, code, code_len,
								  window, AT, after_step, params, &want);
	SECRET(s + mark_from, secret_len - mark_from);
	SECRET(c, code_len);
	got_status = otp_totp_verify(s, secret_len, ring, c, code_len, window, AT,
								 after_step, params, &got);
	expect_same(label, "step", got_status, got, want_status, want);
	free(s);
	free(c);
	return want;
}

static int64_t
check_hotp(const char *label, const char *secret, size_t secret_len,
		   size_t mark_from, const otp_keyring *plain_ring,
		   const otp_keyring *ring, const otp_params *params, const char *code,
		   int64_t counter, int look_ahead)
{
	size_t		code_len = strlen(code);
	char	   *s = copy_text(secret, secret_len);
	char	   *c = copy_text(code, code_len);
	int64_t		want = 0;
	int64_t		got = 0;
	int			want_status;
	int			got_status;

	want_status = otp_hotp_verify(secret, secret_len, plain_ring, code, code_len,
								  counter, look_ahead, params, &want);
	SECRET(s + mark_from, secret_len - mark_from);
	SECRET(c, code_len);
	got_status = otp_hotp_verify(s, secret_len, ring, c, code_len, counter,
								 look_ahead, params, &got);
	expect_same(label, "next", got_status, got, want_status, want);
	free(s);
	free(c);
	return want;
}

/* Run every try against one secret (plain or sealed) for both verifiers. */
static void
verify_matrix(const char *label, const char *secret, size_t len, size_t mark_from,
			  const otp_keyring *plain_ring, const otp_keyring *ring,
			  const otp_params *params, int hotp)
{
	char		now[OTP_CODE_BUFSIZE];
	char		before[OTP_CODE_BUFSIZE];
	char		tries[N_TRIES][OTP_CODE_BUFSIZE + 4];
	int			status;

	if (hotp)
		status = otp_hotp_code(secret, len, plain_ring, 6, params, now) |
			otp_hotp_code(secret, len, plain_ring, 5, params, before);
	else
		status = otp_totp_code(secret, len, plain_ring, AT, params, now) |
			otp_totp_code(secret, len, plain_ring, AT - params->period, params, before);
	if (status != OTP_OK)
	{
		fail(label, "reference code");
		return;
	}
	make_tries(now, before, tries);
	for (int t = 0; t < N_TRIES; t++)
	{
		int64_t		matched;

		if (hotp)
		{
			matched = check_hotp(label, secret, len, mark_from, plain_ring, ring, params,
								 tries[t], 5, 3);
			check_hotp(label, secret, len, mark_from, plain_ring, ring, params,
					   tries[t], 6, 0);
		}
		else
		{
			matched = check_totp(label, secret, len, mark_from, plain_ring, ring, params,
								 tries[t], 1, -1);
			/* the replay guard hides the step before */
			check_totp(label, secret, len, mark_from, plain_ring, ring, params,
					   tries[t], 2, AT / params->period - 1);
		}
		/* Not a vacuous run: the right codes, plain or spaced, do match. */
		if ((t == 0 || t == 1 || t == 3) && matched == OTP_NO_MATCH)
			fail(label, "the reference does not match the right code");
	}
}

static void
verify_plain(int hotp)
{
	for (size_t k = 0; k < N_KEYS; k++)
		for (int layout = 0; layout < N_LAYOUTS; layout++)
			for (size_t a = 0; a < sizeof(algorithms) / sizeof(algorithms[0]); a++)
				for (int digits = OTP_MIN_DIGITS; digits <= OTP_MAX_DIGITS; digits += 2)
				{
					otp_params	params = {digits, 30, algorithms[a]};
					char		text[TEXT_MAX];
					size_t		len = secret_text(k, (enum layout) layout, text);
					char		label[64];

					snprintf(label, sizeof(label), "%s key %zu layout %d alg %zu digits %d",
							 hotp ? "hotp" : "totp", k, layout, a, digits);
					verify_matrix(label, text, len, 0, NULL, NULL, &params, hotp);
				}
}

/* A malformed secret: the error (public) must come out as for the reference. */
static void
verify_bad_secrets(void)
{
	static const char *const bad[] = {
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ!",		/* bad character */
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ=Q",	/* data after padding */
		"GEZDGNBVG",			/* impossible length */
		"GEZDGNBV",				/* too short a key */
	};
	otp_params	params = {6, 30, OTP_SHA1};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_totp("malformed secret", bad[i], strlen(bad[i]), 0, NULL, NULL,
				   &params, "123456", 1, -1);
}

static int
case_totp_verify(void)
{
	verify_plain(0);
	verify_bad_secrets();
	return failures;
}

static int
case_hotp_verify(void)
{
	verify_plain(1);
	return failures;
}

/* --- sealed secrets ------------------------------------------------------- */

static const char keyring_text[] =
	"old:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
	"new:f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f\n";

/*
 * The ring, then a copy whose key bytes are marked secret, made before
 * either unseals: each then caches cipher contexts of its own, the copy's
 * set up from the marked keys.
 */
static int
make_rings(otp_keyring *plain_ring, otp_keyring **marked)
{
	size_t		bad_line;

	if (otp_keyring_parse(plain_ring, keyring_text, sizeof(keyring_text) - 1,
						  &bad_line) != OTP_OK)
	{
		fail("fixture", "keyring parse");
		return 0;
	}
	*marked = malloc(sizeof(**marked));
	if (*marked == NULL)
		exit(2);
	memcpy(*marked, plain_ring, sizeof(*plain_ring));
	for (size_t i = 0; i < (*marked)->count; i++)
		SECRET((*marked)->keys[i].key, OTP_SEAL_KEY_BYTES);
	return 1;
}

/* Offset of the payload in "totp:v1:<id>:<payload>": what gets marked. */
static size_t
payload_offset(const char *sealed)
{
	const char *colon = strrchr(sealed, ':');

	return colon == NULL ? 0 : (size_t) (colon + 1 - sealed);
}

static int
case_sealed_verify(void)
{
	otp_keyring plain_ring;
	otp_keyring *ring;

	if (!make_rings(&plain_ring, &ring))
		return failures;
	for (size_t k = 0; k < N_KEYS; k++)
		for (size_t a = 0; a < sizeof(algorithms) / sizeof(algorithms[0]); a++)
		{
			otp_params	params = {6, 30, algorithms[a]};
			char		text[TEXT_MAX];
			char		sealed[OTP_SEALED_BUFSIZE];
			size_t		sealed_len;
			size_t		len = secret_text(k, CANONICAL, text);
			char		label[64];

			if (otp_seal(text, len, &plain_ring, sealed, sizeof(sealed),
						 &sealed_len) != OTP_OK)
			{
				fail("fixture", "seal");
				continue;
			}
			snprintf(label, sizeof(label), "sealed key %zu alg %zu", k, a);
			verify_matrix(label, sealed, sealed_len, payload_offset(sealed),
						  &plain_ring, ring, &params, 0);
			verify_matrix(label, sealed, sealed_len, payload_offset(sealed),
						  &plain_ring, ring, &params, 1);

			/* A tampered payload: the failed tag check is public. */
			sealed[sealed_len - 3] = sealed[sealed_len - 3] == 'A' ? 'B' : 'A';
			check_totp("tampered sealed secret", sealed, sealed_len,
					   payload_offset(sealed), &plain_ring, ring, &params,
					   "123456", 1, -1);
		}
	otp_keyring_wipe(&plain_ring);
	otp_keyring_wipe(ring);		/* its own cached contexts, made from marked keys */
	free(ring);
	return failures;
}

/*
 * Sealing, resealing and unsealing with marked keys and secrets: the
 * outputs stay secret (they are compared only after being declassified
 * here, by the test).
 */
static int
case_sealed_convert(void)
{
	otp_keyring plain_ring;
	otp_keyring *ring;
	otp_keyring old_ring;
	size_t		bad_line;

	if (!make_rings(&plain_ring, &ring) ||
		otp_keyring_parse(&old_ring, keyring_text, strchr(keyring_text, '\n') - keyring_text,
						  &bad_line) != OTP_OK)
		return failures + 1;
	for (size_t k = 0; k < N_KEYS; k++)
	{
		char		text[TEXT_MAX];
		size_t		len = secret_text(k, LOWER_SPACED, text);
		char		canon[TEXT_MAX];
		char	   *s = copy_text(text, len);
		char		sealed[OTP_SEALED_BUFSIZE];
		char		old_sealed[OTP_SEALED_BUFSIZE];
		char		resealed[OTP_SEALED_BUFSIZE];
		char		plain[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
		char		want[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
		size_t		sealed_len;
		size_t		old_len;
		size_t		resealed_len;
		char	   *o;

		secret_text(k, CANONICAL, canon);
		if (otp_seal(text, len, &old_ring, old_sealed, sizeof(old_sealed), &old_len) != OTP_OK ||
			otp_unseal(old_sealed, old_len, &plain_ring, want, sizeof(want)) != OTP_OK)
		{
			fail("fixture", "seal under the old key");
			free(s);
			continue;
		}

		/* seal a marked secret under a marked key, then open it unmarked */
		SECRET(s, len);
		mark_random = 1;
		if (otp_seal(s, len, ring, sealed, sizeof(sealed), &sealed_len) != OTP_OK)
			fail("otp_seal with marked key and secret", "status");
		mark_random = 0;
		PUBLIC(sealed, sizeof(sealed));
		if (otp_unseal(sealed, sealed_len, &plain_ring, plain, sizeof(plain)) != OTP_OK ||
			strcmp(plain, canon) != 0)
			fail("otp_seal with marked key and secret", "does not unseal to the secret");

		/* unseal a marked payload with a marked key */
		o = copy_text(old_sealed, old_len);
		SECRET(o + payload_offset(o), old_len - payload_offset(o));
		if (otp_unseal(o, old_len, ring, plain, sizeof(plain)) != OTP_OK)
			fail("otp_unseal with marked key and payload", "status");
		PUBLIC(plain, sizeof(plain));
		if (strcmp(plain, want) != 0)
			fail("otp_unseal with marked key and payload", "wrong secret");

		/* reseal it from the old key to the new one */
		mark_random = 1;
		if (otp_reseal(o, old_len, ring, resealed, sizeof(resealed), &resealed_len) != OTP_OK)
			fail("otp_reseal with marked keys and payload", "status");
		mark_random = 0;
		PUBLIC(resealed, sizeof(resealed));
		if (otp_unseal(resealed, resealed_len, &plain_ring, plain, sizeof(plain)) != OTP_OK ||
			strcmp(plain, want) != 0)
			fail("otp_reseal with marked keys and payload", "does not unseal to the secret");
		free(o);
		free(s);
	}
	otp_keyring_wipe(&plain_ring);
	otp_keyring_wipe(&old_ring);
	otp_keyring_wipe(ring);
	free(ring);
	return failures;
}

/* --- comparisons ---------------------------------------------------------- */

static int
case_memcmp(void)
{
	static const size_t sizes[] = {6, 16, 20, 32, 64};

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (size_t diff = 0; diff <= sizes[s]; diff++)
		{
			size_t		n = sizes[s];
			uint8_t    *a = malloc(n);
			uint8_t    *b = malloc(n);
			int			r;

			if (a == NULL || b == NULL)
				exit(2);
			for (size_t i = 0; i < n; i++)
				a[i] = b[i] = (uint8_t) (i * 37 + 11);
			if (diff < n)
				b[diff] ^= 0x10;	/* diff == n: equal */
			SECRET(a, n);
			SECRET(b, n);
			r = CRYPTO_memcmp(a, b, n);
			/* Public: equal or not is what a comparison reports. */
			PUBLIC(&r, sizeof(r));
			if ((r == 0) != (diff == n))
				fail("CRYPTO_memcmp", "wrong answer");
			free(a);
			free(b);
		}
	return failures;
}

/* --- backup codes --------------------------------------------------------- */

static const char *const stored_codes[] = {"k7m2q-x9trb", "01abc-defgh", "zzzzz-00000"};

#define N_STORED (sizeof(stored_codes) / sizeof(stored_codes[0]))

/* Typed codes: canonical, any case, spaces, look-alikes, wrong, malformed. */
static const char *const typed_codes[] = {
	"k7m2q-x9trb",
	"K7M2QX9TRB",
	" k7m2q x9trb ",
	"oLabc-DEFGH",				/* o and L read as 0 and 1 */
	"zzzzz-0000o",
	"k7m2q-x9trc",				/* one symbol off: no match */
	"aaaaa-aaaaa",
	"k7m2q-x9tr!",				/* malformed: no match, no KDF */
	"k7m2q-x9tr",
	"",
};

#define ITERATIONS 1000

/* Mark the hashes and the check of a stored set, but not its separators. */
static void
mark_set(char *set, size_t len)
{
	const char *p = set;

	/* totp-bc1:pbkdf2-sha256:<iterations>:<salt>:<h>,<h>,...:<check> */
	for (int colons = 0; colons < 4 && p != NULL; colons++)
		p = memchr(p, ':', (size_t) (set + len - p)), p = p ? p + 1 : NULL;
	if (p == NULL)
	{
		fail("fixture", "set layout");
		return;
	}
	for (char *q = set + (p - set); q < set + len; q++)
		if (*q != ',' && *q != ':')
			SECRET(q, 1);
}

static void
check_consume(const char *label, const char *set, size_t set_len, const char *code)
{
	size_t		code_len = strlen(code);
	char	   *s = copy_text(set, set_len);
	char	   *c = copy_text(code, code_len);
	char	   *want = malloc(set_len + 1);
	char	   *got = malloc(set_len + 1);
	size_t		want_len = 0;
	size_t		got_len = 0;
	int			want_matched = 0;
	int			got_matched = 0;
	int			want_status;
	int			got_status;
	int			remaining = -1;
	int			want_remaining = -2;

	if (want == NULL || got == NULL)
		exit(2);
	want_status = otp_backup_consume(set, set_len, code, code_len, want, set_len + 1,
									 &want_len, &want_matched);
	mark_set(s, set_len);
	SECRET(c, code_len);
	got_status = otp_backup_consume(s, set_len, c, code_len, got, set_len + 1,
									&got_len, &got_matched);
	if (got_status != want_status || got_matched != want_matched || got_len != want_len)
		fail(label, "status, match or length differs from the reference");
	else if (got_matched)
	{
		/* The new set is stored by the caller; declassify to compare it. */
		PUBLIC(got, got_len);
		if (memcmp(got, want, got_len) != 0)
			fail(label, "new set differs from the reference");
	}
	if (otp_backup_remaining(s, set_len, &remaining) !=
		otp_backup_remaining(set, set_len, &want_remaining) ||
		remaining != want_remaining)
		fail(label, "otp_backup_remaining on a marked set");
	free(s);
	free(c);
	free(want);
	free(got);
}

static int
case_backup_consume(void)
{
	otp_text	codes[N_STORED];
	char		set[1024];
	size_t		set_len;

	for (size_t n = 1; n <= N_STORED; n++)
	{
		for (size_t i = 0; i < n; i++)
			codes[i] = (otp_text) {stored_codes[i], strlen(stored_codes[i])};
		if (otp_backup_hash_cost(codes, n, ITERATIONS, set, sizeof(set), &set_len) != OTP_OK)
		{
			fail("fixture", "backup hash");
			continue;
		}
		for (size_t t = 0; t < sizeof(typed_codes) / sizeof(typed_codes[0]); t++)
			check_consume("otp_backup_consume", set, set_len, typed_codes[t]);

		/* An edited set: the failed check is public (an error). */
		set[set_len - 30] = set[set_len - 30] == 'A' ? 'B' : 'A';
		check_consume("otp_backup_consume of an edited set", set, set_len, typed_codes[0]);
	}
	/* The empty set left after the last code. */
	if (otp_backup_hash_cost(codes, 0, ITERATIONS, set, sizeof(set), &set_len) == OTP_OK)
		check_consume("otp_backup_consume of an empty set", set, set_len, typed_codes[0]);
	return failures;
}

/* --- generators ----------------------------------------------------------- */

/* Every character of s[0..len) is in set (the output made public first). */
static int
all_in(const char *s, size_t len, const char *set)
{
	PUBLIC(s, len);
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return 0;
	return 1;
}

/*
 * Fresh secrets and backup codes from (marked) random bytes, and a set
 * hashed from marked codes: nothing of them may steer a branch or an index.
 */
static int
case_generators(void)
{
	char		secret[OTP_BASE32_LEN(OTP_MAX_NEW_SECRET_BYTES) + 1];
	char		codes[OTP_BACKUP_MAX_COUNT * OTP_BACKUP_CODE_BUFSIZE];
	char		set[1024];
	size_t		set_len;
	otp_text	typed[N_STORED];
	int			remaining = 0;

	mark_random = 1;
	for (int bytes = OTP_MIN_NEW_SECRET_BYTES; bytes <= OTP_MAX_NEW_SECRET_BYTES; bytes++)
		if (otp_new_secret(bytes, secret, sizeof(secret)) != OTP_OK ||
			!all_in(secret, OTP_BASE32_LEN((size_t) bytes), "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") ||
			secret[OTP_BASE32_LEN((size_t) bytes)] != '\0')
			fail("otp_new_secret", "not base32 of the requested size");

	if (otp_backup_codes_new(OTP_BACKUP_MAX_COUNT, codes, sizeof(codes)) != OTP_OK)
		fail("otp_backup_codes_new", "status");
	for (int i = 0; i < OTP_BACKUP_MAX_COUNT; i++)
	{
		char	   *code = codes + i * OTP_BACKUP_CODE_BUFSIZE;

		if (!all_in(code, 5, "0123456789abcdefghjkmnpqrstvwxyz") || code[5] != '-' ||
			!all_in(code + 6, 5, "0123456789abcdefghjkmnpqrstvwxyz"))
			fail("otp_backup_codes_new", "not a code");
	}

	for (size_t i = 0; i < N_STORED; i++)
	{
		char	   *c = copy_text(stored_codes[i], strlen(stored_codes[i]));

		SECRET(c, strlen(stored_codes[i]));
		typed[i] = (otp_text) {c, strlen(stored_codes[i])};
	}
	if (otp_backup_hash_cost(typed, N_STORED, ITERATIONS, set, sizeof(set), &set_len) != OTP_OK)
		fail("otp_backup_hash of marked codes", "status");
	PUBLIC(set, set_len);
	if (otp_backup_remaining(set, set_len, &remaining) != OTP_OK || remaining != (int) N_STORED)
		fail("otp_backup_hash of marked codes", "not a set of them");
	/* a duplicate is an error, which is public */
	typed[1] = typed[0];
	if (otp_backup_hash_cost(typed, N_STORED, ITERATIONS, set, sizeof(set), &set_len) !=
		OTP_ERR_BACKUP_DUPLICATE)
		fail("otp_backup_hash of marked duplicate codes", "status");
	for (size_t i = 0; i < N_STORED; i++)
		if (i != 1)
			free((void *) typed[i].ptr);
	mark_random = 0;
	return failures;
}

/* --- leaks the check must catch ------------------------------------------- */

/* The comparison liboath and many others use: it stops at the first difference. */
static int __attribute__((noinline))
early_exit_memcmp(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 1;
	return 0;
}

static int
case_leak_memcmp(void)
{
	uint8_t		a[16] = {1, 2, 3};
	uint8_t		b[16] = {1, 2, 4};
	int			r;

	SECRET(a, sizeof(a));
	SECRET(b, sizeof(b));
	r = early_exit_memcmp(a, b, sizeof(a));
	PUBLIC(&r, sizeof(r));
	return r == 1 ? 0 : 1;
}

/* A table lookup indexed by a secret: what base32/base64 tables do. */
static int
case_leak_table(void)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	uint8_t		key[4] = {1, 2, 3, 4};
	volatile char out[4];

	SECRET(key, sizeof(key));
	for (int i = 0; i < 4; i++)
		out[i] = alphabet[key[i] & 31];
	(void) out;
	return 0;
}

static const struct
{
	const char *name;
	int			(*run) (void);
}			cases[] = {
	{"totp-verify", case_totp_verify},
	{"hotp-verify", case_hotp_verify},
	{"sealed-verify", case_sealed_verify},
	{"sealed-convert", case_sealed_convert},
	{"memcmp", case_memcmp},
	{"backup-consume", case_backup_consume},
	{"generators", case_generators},
	{"leak-memcmp", case_leak_memcmp},
	{"leak-table", case_leak_table},
};

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "list") == 0)
	{
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			puts(cases[i].name);
		return 0;
	}
	for (size_t i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++)
		if (strcmp(argv[1], cases[i].name) == 0)
		{
			if (!RUNNING_ON_VALGRIND)
				fprintf(stderr, "ct_test: not under valgrind: only results are checked\n");
			return cases[i].run() == 0 ? 0 : 1;
		}
	fprintf(stderr, "usage: ct_test list | <case>\n");
	return 2;
}
