/*
 * test_backup.c: single-use backup codes (SPEC sections 2 and 3): fresh codes
 * from otp_backup_codes_new, hashing into a stored set, consuming each code
 * once, the stored format and its check, and the cost of one attempt.
 *
 * PBKDF2 at the default 600,000 iterations costs about 0.12 s, so bulk tests
 * hash at CHEAP iterations through the internal otp_backup_hash_cost, and
 * only test_default_cost pays for the default. KDF evaluations are counted
 * exactly through the PBKDF2 seam in helpers.c (unit.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include "otp_internal.h"
#include "unit.h"

#define ALPHABET "0123456789abcdefghjkmnpqrstvwxyz"
#define PREFIX "totp-bc1:pbkdf2-sha256:"
#define PREFIX_LEN (sizeof(PREFIX) - 1)
#define CHECK_LEN 12			/* base64 of the 9-byte check */
#define SALT_LEN 24				/* base64 of the 16-byte salt */
#define ENTRY_LEN 24			/* base64 of one 16-byte hash */
#define CHEAP 1000				/* the lowest cost the core accepts */
#define SET_MAX 4096			/* more than otp_backup_set_bufsize(101) */

typedef char code_slot[OTP_BACKUP_CODE_BUFSIZE];

/* Three fixed codes with 0 and 1 in them, for the look-alike cases. */
static const char *const fixed[] = {"k7m2q-x9trb", "01abc-def23", "10zzy-0x1w0"};

/*
 * A set of the three fixed codes stored by format version 1 at cost 1000,
 * checked when it was made against Python's hashlib.pbkdf2_hmac. Stored sets
 * must keep working in every later version.
 */
static const char frozen_v1[] =
	"totp-bc1:pbkdf2-sha256:1000:GpkvyCaVj6o7hEBxvSYJ+Q==:"
	"PGl4FinxRfdDE9Q9Nb2T4Q==,1Z4HjYMfMPe/bWrJi0r7Ag==,FyMvjKxteGLWbToDs/cbFg==:"
	"FP1+fTAbtxXk";

static int
is_set_error(int status)
{
	return status == OTP_ERR_BACKUP_CHECK || status == OTP_ERR_BACKUP_MALFORMED ||
		status == OTP_ERR_BACKUP_VERSION;
}

/* Hash NUL-terminated codes at cost into out[SET_MAX]; 1 on success. */
static int
hash_set(const char *const *codes, size_t n, int cost, char *out, size_t *out_len)
{
	otp_text	texts[OTP_BACKUP_MAX_COUNT + 1];

	for (size_t i = 0; i < n; i++)
	{
		texts[i].ptr = codes[i];
		texts[i].len = strlen(codes[i]);
	}
	return CHECK_STATUS(unit_name("fixture: hash %zu codes at cost %d", n, cost),
						otp_backup_hash_cost(texts, n, cost, out, SET_MAX, out_len),
						OTP_OK);
}

/* Hash slots[0..n) (as made by otp_backup_codes_new) at cost. */
static int
hash_slots(code_slot *slots, size_t n, int cost, char *out, size_t *out_len)
{
	const char *codes[OTP_BACKUP_MAX_COUNT + 1];

	for (size_t i = 0; i < n; i++)
		codes[i] = slots[i];
	return hash_set(codes, n, cost, out, out_len);
}

/* otp_backup_consume of a NUL-terminated code into out[SET_MAX]. */
static int
consume(const char *set, size_t set_len, const char *code, char *out,
		size_t *out_len, int *matched)
{
	*matched = -1;
	return otp_backup_consume(set, set_len, code, strlen(code), out, SET_MAX,
							  out_len, matched);
}

static int
remaining_of(const char *set, size_t set_len)
{
	int			remaining = -1;
	int			status = otp_backup_remaining(set, set_len, &remaining);

	return status == OTP_OK ? remaining : status * 1000;
}

/*
 * body + ':' + check into out[SET_MAX], the check (base64 of the first 9
 * bytes of SHA-256 over the body) computed here with OpenSSL, independently
 * of the core. Lets a test store a value the core did not write but would
 * accept if only its structure were right. Returns the length.
 */
static size_t
seal(const char *body, char *out)
{
	uint8_t		digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	size_t		len = strlen(body);
	char		check[CHECK_LEN + 4];

	memmove(out, body, len);
	EVP_Digest(body, len, digest, &digest_len, EVP_sha256(), NULL);
	EVP_EncodeBlock((unsigned char *) check, digest, 9);
	out[len] = ':';
	memcpy(out + len + 1, check, CHECK_LEN + 1);
	return len + 1 + CHECK_LEN;
}

/* The body of a stored value (all before ":<check>") into body[SET_MAX]. */
static void
body_of(const char *value, size_t len, char *body)
{
	size_t		n = len > CHECK_LEN + 1 ? len - CHECK_LEN - 1 : 0;

	memcpy(body, value, n);
	body[n] = '\0';
}

/* Replace the first `from` in s[SET_MAX] by `to`; 1 if found. */
static int
replace_once(char *s, const char *from, const char *to)
{
	char	   *at = strstr(s, from);
	size_t		from_len = strlen(from);
	size_t		to_len = strlen(to);

	if (at == NULL || strlen(s) - from_len + to_len >= SET_MAX)
		return 0;
	memmove(at + to_len, at + from_len, strlen(at + from_len) + 1);
	memcpy(at, to, to_len);
	return 1;
}

/* Re-store value with one edit to its body and a freshly computed check. */
static size_t
edit_and_seal(const char *value, size_t len, const char *from, const char *to,
			  char *out)
{
	char		body[SET_MAX];

	body_of(value, len, body);
	if (!CHECK(unit_name("fixture: \"%s\" found in the stored value", from),
			   replace_once(body, from, to)))
		return 0;
	return seal(body, out);
}

/* --- otp_backup_codes_new --------------------------------------------- */

/* Decode a displayed code's 10 symbols (0..31); 0 if not "xxxxx-xxxxx". */
static int
code_symbols(const char *code, uint8_t sym[10])
{
	if (memchr(code, '\0', OTP_BACKUP_CODE_BUFSIZE) != code + OTP_BACKUP_CODE_LEN ||
		code[5] != '-')
		return 0;
	for (int k = 0; k < 10; k++)
	{
		char		c = code[k < 5 ? k : k + 1];
		const char *at = c != '\0' ? strchr(ALPHABET, c) : NULL;

		if (at == NULL)
			return 0;
		sym[k] = (uint8_t) (at - ALPHABET);
	}
	return 1;
}

static void
test_codes_new_format(void)
{
	code_slot	codes[OTP_BACKUP_MAX_COUNT];
	int			bad = 0;
	int			forbidden = 0;
	size_t		first_bad = 0;

	if (!CHECK_STATUS("backup_codes_new of 100 codes succeeds",
					  otp_backup_codes_new(100, codes[0], sizeof(codes)), OTP_OK))
		return;
	for (size_t i = 0; i < 100; i++)
	{
		uint8_t		sym[10];

		if (!code_symbols(codes[i], sym) && bad++ == 0)
			first_bad = i;
		if (strpbrk(codes[i], "ilouILOU") != NULL)
			forbidden++;
	}
	CHECK_INT(unit_name("every new code is 11 characters \"xxxxx-xxxxx\" of the "
						"alphabet " ALPHABET " (first bad: \"%.11s\")",
						codes[first_bad]), bad, 0);
	CHECK_INT("no new code contains i, l, o or u in any case", forbidden, 0);
}

static void
test_codes_new_limits(void)
{
	static const int bad_counts[] = {0, 101, -1, INT_MIN, INT_MAX};
	code_slot	codes[OTP_BACKUP_MAX_COUNT + 1];
	code_slot	other[1];
	uint8_t		sym[10];

	for (size_t i = 0; i < sizeof(bad_counts) / sizeof(bad_counts[0]); i++)
	{
		memset(codes, '#', sizeof(codes));
		CHECK_STATUS(unit_name("backup_codes_new(%d) is OTP_ERR_BACKUP_COUNT",
							   bad_counts[i]),
					 otp_backup_codes_new(bad_counts[i], codes[0], sizeof(codes)),
					 OTP_ERR_BACKUP_COUNT);
		CHECK(unit_name("backup_codes_new(%d) leaves \"\"", bad_counts[i]),
			  codes[0][0] == '\0');
	}

	memset(codes, '#', sizeof(codes));
	CHECK_STATUS("backup_codes_new(1) into exactly 12 bytes succeeds",
				 otp_backup_codes_new(1, codes[0], OTP_BACKUP_CODE_BUFSIZE), OTP_OK);
	CHECK(("backup_codes_new(1) writes one valid code"), code_symbols(codes[0], sym));
	CHECK(("backup_codes_new(1) writes nothing past its 12 bytes"), codes[1][0] == '#');

	memset(codes, '#', sizeof(codes));
	CHECK_STATUS("backup_codes_new(100) into exactly 100 * 12 bytes succeeds",
				 otp_backup_codes_new(100, codes[0],
									  100 * OTP_BACKUP_CODE_BUFSIZE), OTP_OK);
	CHECK(("backup_codes_new(100) fills the last slot"), code_symbols(codes[99], sym));
	CHECK(("backup_codes_new(100) writes nothing past 100 * 12 bytes"),
		  codes[100][0] == '#');

	memset(codes, '#', sizeof(codes));
	CHECK_STATUS("backup_codes_new(10) into 10 * 12 - 1 bytes is OTP_ERR_BUFFER",
				 otp_backup_codes_new(10, codes[0], 10 * OTP_BACKUP_CODE_BUFSIZE - 1),
				 OTP_ERR_BUFFER);
	CHECK(("backup_codes_new into a short buffer leaves \"\""), codes[0][0] == '\0');
	CHECK_STATUS("backup_codes_new(1) into a zero-size buffer is OTP_ERR_BUFFER",
				 otp_backup_codes_new(1, codes[1], 0), OTP_ERR_BUFFER);
	CHECK(("backup_codes_new into a zero-size buffer writes nothing"),
		  codes[1][0] == '#');

	otp_backup_codes_new(1, codes[0], OTP_BACKUP_CODE_BUFSIZE);
	otp_backup_codes_new(1, other[0], OTP_BACKUP_CODE_BUFSIZE);
	CHECK(("two backup_codes_new calls give different codes"),
		  strcmp(codes[0], other[0]) != 0);
}

/*
 * Statistics over SAMPLE_CODES codes. Bounds are set so that a correct
 * generator fails any of them with probability below 1e-12 (chi-square tails
 * computed for these degrees of freedom), while a biased or stuck position,
 * a copied position or a stuck bit exceeds them by orders of magnitude
 * (test_statistics_catch_flawed_generators proves it on synthetic codes).
 * The duplicate check is the exception: 20,000 codes of 50 bits collide with
 * probability 20000^2 / 2^51 = 1.8e-7.
 */
#define SAMPLE_CODES 20000
#define POSITION_CHI2_MAX 130.0 /* 31 df: P(exceed) = 4.4e-14 per position */
#define PAIR_CHI2_MAX 1450.0	/* 1023 df: P(exceed) = 2.4e-17 per pair */
#define BIT_DEVIATION_MAX 600	/* |ones - 10000|: P = 2.2e-17 per bit */

static code_slot sample[SAMPLE_CODES];
static code_slot sorted[SAMPLE_CODES];
static uint8_t sample_sym[SAMPLE_CODES][10];

typedef struct code_stats
{
	size_t		bad_format;
	size_t		duplicates;
	double		position_chi2;	/* the worst position's */
	int			position;
	double		pair_chi2;		/* the worst pair of positions' */
	int			pair_a;
	int			pair_b;
	long		bit_deviation;	/* the worst of the 50 bits' */
	int			bit;
} code_stats;

static int
slot_compare(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(code_slot));
}

static void
compute_stats(code_stats *st)
{
	const double n = SAMPLE_CODES;

	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < SAMPLE_CODES; i++)
		if (!code_symbols(sample[i], sample_sym[i]))
		{
			st->bad_format++;
			memset(sample_sym[i], 0, 10);
		}

	memcpy(sorted, sample, sizeof(sorted));
	qsort(sorted, SAMPLE_CODES, sizeof(code_slot), slot_compare);
	for (size_t i = 1; i < SAMPLE_CODES; i++)
		if (memcmp(sorted[i - 1], sorted[i], sizeof(code_slot)) == 0)
			st->duplicates++;

	for (int k = 0; k < 10; k++)
	{
		long		count[32] = {0};
		double		chi2 = 0;

		for (size_t i = 0; i < SAMPLE_CODES; i++)
			count[sample_sym[i][k]]++;
		for (int s = 0; s < 32; s++)
			chi2 += (count[s] - n / 32) * (count[s] - n / 32) / (n / 32);
		if (chi2 >= st->position_chi2)
		{
			st->position_chi2 = chi2;
			st->position = k;
		}
	}

	for (int a = 0; a < 10; a++)
		for (int b = a + 1; b < 10; b++)
		{
			static long count[32][32];
			double		chi2 = 0;

			memset(count, 0, sizeof(count));
			for (size_t i = 0; i < SAMPLE_CODES; i++)
				count[sample_sym[i][a]][sample_sym[i][b]]++;
			for (int s = 0; s < 32; s++)
				for (int t = 0; t < 32; t++)
					chi2 += (count[s][t] - n / 1024) * (count[s][t] - n / 1024) / (n / 1024);
			if (chi2 >= st->pair_chi2)
			{
				st->pair_chi2 = chi2;
				st->pair_a = a;
				st->pair_b = b;
			}
		}

	for (int bit = 0; bit < 50; bit++)
	{
		long		ones = 0;
		long		deviation;

		for (size_t i = 0; i < SAMPLE_CODES; i++)
			ones += (sample_sym[i][bit / 5] >> (bit % 5)) & 1;
		deviation = labs(ones - SAMPLE_CODES / 2);
		if (deviation >= st->bit_deviation)
		{
			st->bit_deviation = deviation;
			st->bit = bit;
		}
	}
}

/* Do the statistics call this sample good? Records one check per property. */
static int
stats_pass(const code_stats *st, const char *what, int record)
{
	int			ok = st->bad_format == 0 && st->duplicates == 0 &&
		st->position_chi2 < POSITION_CHI2_MAX && st->pair_chi2 < PAIR_CHI2_MAX &&
		st->bit_deviation < BIT_DEVIATION_MAX;

	if (!record)
		return ok;
	CHECK_INT(unit_name("%s: all %d codes are well formed", what, SAMPLE_CODES),
			  st->bad_format, 0);
	CHECK_INT(unit_name("%s: no duplicates among %d codes", what, SAMPLE_CODES),
			  st->duplicates, 0);
	CHECK(unit_name("%s: every position is uniform over 32 symbols "
					"(worst: position %d, chi2 %.1f < %.0f, 31 df)", what,
					st->position, st->position_chi2, POSITION_CHI2_MAX),
		  st->position_chi2 < POSITION_CHI2_MAX);
	CHECK(unit_name("%s: every pair of positions is independent "
					"(worst: %d,%d, chi2 %.1f < %.0f, 1023 df)", what,
					st->pair_a, st->pair_b, st->pair_chi2, PAIR_CHI2_MAX),
		  st->pair_chi2 < PAIR_CHI2_MAX);
	CHECK(unit_name("%s: each of the 50 bits is set in half the codes "
					"(worst: bit %d, off by %ld < %d)", what, st->bit,
					st->bit_deviation, BIT_DEVIATION_MAX),
		  st->bit_deviation < BIT_DEVIATION_MAX);
	return ok;
}

static void
test_codes_new_distribution(void)
{
	code_stats	st;
	int			status = OTP_OK;

	for (size_t i = 0; i < SAMPLE_CODES && status == OTP_OK; i += 100)
		status = otp_backup_codes_new(100, sample[i], 100 * sizeof(code_slot));
	if (!CHECK_STATUS("fixture: 20,000 codes from backup_codes_new", status, OTP_OK))
		return;
	compute_stats(&st);
	stats_pass(&st, "backup_codes_new", 1);
}

/* splitmix64, for synthetic codes. */
static uint64_t
splitmix(uint64_t *state)
{
	uint64_t	z = (*state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

enum flaw
{
	FLAW_NONE, FLAW_CONSTANT, FLAW_MODULO, FLAW_COPY, FLAW_STUCK_BIT, FLAW_SMALL_STATE
};

/* Fill sample[] with synthetic codes that have the given flaw. */
static void
fill_synthetic(enum flaw flaw)
{
	uint64_t	state = 20240601u + (uint64_t) flaw;

	for (size_t i = 0; i < SAMPLE_CODES; i++)
	{
		uint64_t	bits = splitmix(&state);
		int			sym[10];

		if (flaw == FLAW_SMALL_STATE)	/* a generator with 2^16 states */
		{
			uint64_t	seed = bits & 0xffff;

			bits = splitmix(&seed);
		}
		for (int k = 0; k < 10; k++)
			sym[k] = (int) ((bits >> (5 * k)) & 31);
		if (flaw == FLAW_CONSTANT)
			sym[7] = 5;
		else if (flaw == FLAW_MODULO)	/* 40 values folded onto 32 */
			sym[3] = (int) ((bits >> 56) % 40 % 32);
		else if (flaw == FLAW_COPY)
			sym[9] = sym[0];
		else if (flaw == FLAW_STUCK_BIT)
			sym[9] &= 15;
		for (int k = 0, pos = 0; k < 10; k++)
		{
			if (k == 5)
				sample[i][pos++] = '-';
			sample[i][pos++] = ALPHABET[sym[k]];
		}
		sample[i][OTP_BACKUP_CODE_LEN] = '\0';
	}
}

/* A test that cannot fail is a defect: show each bound catches its flaw. */
static void
test_statistics_catch_flawed_generators(void)
{
	static const struct
	{
		enum flaw	flaw;
		const char *what;
	}			flawed[] = {
		{FLAW_CONSTANT, "a constant position"},
		{FLAW_MODULO, "a modulo-biased position"},
		{FLAW_COPY, "a position copying another"},
		{FLAW_STUCK_BIT, "a stuck bit"},
		{FLAW_SMALL_STATE, "a generator with 2^16 states"},
	};
	code_stats	st;

	fill_synthetic(FLAW_NONE);
	compute_stats(&st);
	CHECK(("the code statistics pass a sound synthetic generator"),
		  stats_pass(&st, "", 0));
	for (size_t i = 0; i < sizeof(flawed) / sizeof(flawed[0]); i++)
	{
		fill_synthetic(flawed[i].flaw);
		compute_stats(&st);
		CHECK(unit_name("the code statistics fail %s", flawed[i].what),
			  !stats_pass(&st, "", 0));
	}
}

/* --- hashing ------------------------------------------------------------ */

static void
test_hash_rejects(void)
{
	static const struct
	{
		const char *what;
		const char *code;
		size_t		len;
	}			bad[] = {
		{"'u'", "k7m2q-x9tru", 11},
		{"9 characters", "k7m2q-x9tr", 10},
		{"11 characters", "k7m2q-x9trbb", 12},
		{"an empty code", "", 0},
		{"only a separator", "-", 1},
		{"'_' as separator", "k7m2q_x9trb", 11},
		{"a tab", "k7m2q\tx9trb", 11},
		{"a NUL byte", "k7m2q\0x9trb", 11},
		{"a '!'", "k7m2q-x9tr!", 11},
		{"UTF-8 e-acute", "k7m2q-x9t\xc3\xa9", 11},
		{"a fullwidth digit", "\xef\xbc\x91k7m2q-x9tr", 14},
	};
	static const struct
	{
		const char *what;
		const char *a;
		const char *b;
	}			dup[] = {
		{"the same code twice", "k7m2q-x9trb", "k7m2q-x9trb"},
		{"codes differing in case", "k7m2q-x9trb", "K7M2Q-X9TRB"},
		{"codes differing in the separator", "k7m2q-x9trb", "k7m2qx9trb"},
		{"codes differing in spaces", "k7m2q-x9trb", " k7m2q x9trb "},
		{"codes differing by o for 0", "01abc-def23", "o1abc-def23"},
		{"codes differing by i and l for 1", "01abc-def23", "0iabc-def23"},
		{"codes differing by l for 1", "10zzy-0x1w0", "l0zzy-0x1w0"},
	};
	static const int bad_costs[] = {999, 10000001, 0, -1, INT_MIN, INT_MAX};
	static otp_text many[OTP_BACKUP_MAX_COUNT + 1];
	static code_slot many_codes[OTP_BACKUP_MAX_COUNT + 1];
	otp_text	texts[3] = {{"k7m2q-x9trb", 11}, {"zzzzz-zzzzz", 11}, {NULL, 0}};
	char		out[SET_MAX];
	size_t		out_len;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		texts[2].ptr = bad[i].code;
		texts[2].len = bad[i].len;
		memset(out, '#', sizeof(out));
		out_len = 99;
		CHECK_STATUS(unit_name("hashing a code with %s is OTP_ERR_BACKUP_CODE", bad[i].what),
					 otp_backup_hash_cost(texts, 3, CHEAP, out, sizeof(out), &out_len),
					 OTP_ERR_BACKUP_CODE);
		CHECK(unit_name("hashing a code with %s leaves \"\" and length 0", bad[i].what),
			  out[0] == '\0' && out_len == 0);
	}

	for (size_t i = 0; i < sizeof(dup) / sizeof(dup[0]); i++)
	{
		texts[0].ptr = dup[i].a;
		texts[0].len = strlen(dup[i].a);
		texts[2].ptr = dup[i].b;
		texts[2].len = strlen(dup[i].b);
		CHECK_STATUS(unit_name("hashing %s is OTP_ERR_BACKUP_DUPLICATE", dup[i].what),
					 otp_backup_hash_cost(texts, 3, CHEAP, out, sizeof(out), &out_len),
					 OTP_ERR_BACKUP_DUPLICATE);
	}

	otp_backup_codes_new(100, many_codes[0], 100 * sizeof(code_slot));
	memcpy(many_codes[100], "zzzzz-zzzzz", OTP_BACKUP_CODE_BUFSIZE);
	for (size_t i = 0; i <= 100; i++)
	{
		many[i].ptr = many_codes[i];
		many[i].len = OTP_BACKUP_CODE_LEN;
	}
	CHECK_STATUS("hashing 101 codes is OTP_ERR_BACKUP_TOO_MANY",
				 otp_backup_hash_cost(many, 101, CHEAP, out, sizeof(out), &out_len),
				 OTP_ERR_BACKUP_TOO_MANY);
	CHECK_STATUS("hashing 101 codes at the default cost is OTP_ERR_BACKUP_TOO_MANY",
				 otp_backup_hash(many, 101, out, sizeof(out), &out_len),
				 OTP_ERR_BACKUP_TOO_MANY);
	CHECK_STATUS("hashing SIZE_MAX codes is OTP_ERR_BACKUP_TOO_MANY",
				 otp_backup_hash(many, (size_t) -1, out, sizeof(out), &out_len),
				 OTP_ERR_BACKUP_TOO_MANY);

	texts[0].ptr = "k7m2q-x9trb";
	texts[0].len = 11;
	texts[2].ptr = "01abc-def23";
	texts[2].len = 11;
	for (size_t i = 0; i < sizeof(bad_costs) / sizeof(bad_costs[0]); i++)
		CHECK_STATUS(unit_name("hashing at cost %d is OTP_ERR_BACKUP_COST", bad_costs[i]),
					 otp_backup_hash_cost(texts, 3, bad_costs[i], out, sizeof(out),
										  &out_len), OTP_ERR_BACKUP_COST);

	memset(out, '#', sizeof(out));
	CHECK_STATUS("hashing into otp_backup_set_bufsize(3) - 1 bytes is OTP_ERR_BUFFER",
				 otp_backup_hash_cost(texts, 3, CHEAP, out,
									  otp_backup_set_bufsize(3) - 1, &out_len),
				 OTP_ERR_BUFFER);
	CHECK(("hashing into a short buffer leaves \"\" and length 0"),
		  out[0] == '\0' && out_len == 0);
	memset(out, '#', sizeof(out));
	CHECK_STATUS("hashing into exactly otp_backup_set_bufsize(3) bytes succeeds",
				 otp_backup_hash_cost(texts, 3, CHEAP, out, otp_backup_set_bufsize(3),
									  &out_len), OTP_OK);
	CHECK(("hashing writes nothing past otp_backup_set_bufsize()"),
		  out[otp_backup_set_bufsize(3)] == '#');
	CHECK_INT("the stored set is NUL-terminated at out_len", strlen(out), out_len);
}

/* An empty list is a valid, empty set: no code matches it, no error. */
static void
test_empty_set(void)
{
	char		set[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len = 0;
	size_t		out_len;
	unsigned long calls = unit_pbkdf2.calls;
	int			matched;

	if (!CHECK_STATUS("hashing an empty list succeeds",
					  otp_backup_hash(NULL, 0, set, sizeof(set), &set_len), OTP_OK))
		return;
	CHECK(("an empty set carries the default cost \":600000:\""),
		  strncmp(set, PREFIX "600000:", PREFIX_LEN + 7) == 0);
	CHECK_INT("an empty set has 0 codes remaining", remaining_of(set, set_len), 0);
	CHECK_STATUS("consuming from an empty set is not an error",
				 consume(set, set_len, "k7m2q-x9trb", out, &out_len, &matched), OTP_OK);
	CHECK_INT("consuming from an empty set is no match", matched, 0);
	CHECK_INT("hashing and consuming on an empty set cost no PBKDF2",
			  unit_pbkdf2.calls - calls, 0);
}

/* --- consuming ------------------------------------------------------------ */

/* Every code of a 10-code set is consumed exactly once, in several orders. */
static void
test_round_trip_orders(void)
{
	code_slot	codes[10];
	size_t		order[10];
	char		set[SET_MAX];
	char		before[SET_MAX];
	char		next[SET_MAX];
	size_t		set_len;
	size_t		next_len;
	int			matched;

	if (!CHECK_STATUS("fixture: 10 new codes",
					  otp_backup_codes_new(10, codes[0], sizeof(codes)), OTP_OK))
		return;
	for (int run = 0; run < 5; run++)
	{
		const char *how = run == 0 ? "in order" : run == 1 ? "in reverse" : "shuffled";
		int			reused = 0;
		int			unchanged = 1;
		uint32_t	state = (uint32_t) run + 7;

		for (size_t i = 0; i < 10; i++)
			order[i] = run == 1 ? 9 - i : i;
		for (size_t i = 9; run >= 2 && i > 0; i--)
		{
			size_t		j = unit_rand(&state) % (i + 1);
			size_t		t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
		if (!hash_slots(codes, 10, CHEAP, set, &set_len))
			return;
		CHECK_INT(unit_name("a fresh 10-code set has 10 remaining (run %d)", run),
				  remaining_of(set, set_len), 10);

		for (size_t step = 0; step < 10; step++)
		{
			const char *code = codes[order[step]];

			memcpy(before, set, set_len + 1);
			if (!CHECK_STATUS(unit_name("consume code %zu of 10 %s (run %d) succeeds",
										step + 1, how, run),
							  consume(set, set_len, code, next, &next_len, &matched),
							  OTP_OK) ||
				!CHECK_INT(unit_name("code %zu of 10 %s (run %d) matches once",
									 step + 1, how, run), matched, 1))
				break;
			unchanged &= memcmp(before, set, set_len + 1) == 0;
			CHECK_INT(unit_name("after %zu of 10 consumed %s (run %d), %zu remain",
								step + 1, how, run, 9 - step),
					  remaining_of(next, next_len), 9 - step);
			CHECK_INT(unit_name("the new set's out_len is its length (run %d)", run),
					  strlen(next), next_len);
			memcpy(set, next, next_len + 1);
			set_len = next_len;
			for (size_t k = 0; k <= step; k++)
			{
				int			status = consume(set, set_len, codes[order[k]], next,
											 &next_len, &matched);

				reused += status != OTP_OK || matched != 0;
			}
		}
		CHECK_INT(unit_name("every used code is no match on every later set (%s, run %d)",
							how, run), reused, 0);
		CHECK(unit_name("consume leaves the value it reads unchanged (run %d)", run),
			  unchanged);
		CHECK_INT(unit_name("the set left after the last code is empty (run %d)", run),
				  remaining_of(set, set_len), 0);
		CHECK_STATUS(unit_name("consuming from the emptied set is not an error (run %d)",
							   run),
					 consume(set, set_len, codes[order[0]], next, &next_len, &matched),
					 OTP_OK);
		CHECK_INT(unit_name("consuming from the emptied set is no match (run %d)", run),
				  matched, 0);
	}
}

/* Case, separators, spaces and the look-alikes o, i, l do not matter. */
static void
test_input_normalization(void)
{
	static const struct
	{
		const char *what;
		const char *typed;
		int			remaining_code; /* index of the code that must be gone */
	}			cases[] = {
		{"upper case", "K7M2Q-X9TRB", 0},
		{"mixed case", "k7M2q-X9tRb", 0},
		{"no separator", "k7m2qx9trb", 0},
		{"spaces instead of the separator", "k7m2q x9trb", 0},
		{"leading, trailing and inner spaces", "  k7m2q - x9trb  ", 0},
		{"a space between every character", "k 7 m 2 q x 9 t r b", 0},
		{"extra separators", "-k7m2q--x9trb-", 0},
		{"O for 0 and L for 1", "OLABC-DEF23", 1},
		{"o for 0 and i for 1", "oiabc-def23", 1},
		{"I for 1 and o for 0", "IOZZY-OX1WO", 2},
		{"l for 1, no separator, upper case", "L0ZZY0XLW0", 2},
	};
	char		set[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len;
	size_t		out_len;
	int			matched;

	if (!hash_set(fixed, 3, CHEAP, set, &set_len))
		return;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int			left_over;

		if (!CHECK_STATUS(unit_name("typing %s (\"%s\") is not an error",
									cases[i].what, cases[i].typed),
						  consume(set, set_len, cases[i].typed, out, &out_len, &matched),
						  OTP_OK) ||
			!CHECK_INT(unit_name("typing %s (\"%s\") matches", cases[i].what,
								 cases[i].typed), matched, 1))
			continue;
		/* The code it matched, and only that one, is gone. */
		left_over = 0;
		for (int k = 0; k < 3; k++)
		{
			char		again[SET_MAX];
			size_t		again_len;
			int			again_matched;

			consume(out, out_len, fixed[k], again, &again_len, &again_matched);
			left_over |= again_matched << k;
		}
		CHECK_INT(unit_name("typing %s consumes \"%s\" and keeps the others",
							cases[i].what, fixed[cases[i].remaining_code]),
				  left_over, 7 & ~(1 << cases[i].remaining_code));
	}

	/* The stored codes themselves may be typed with look-alikes. */
	{
		const char *typed[] = {"K7M2Q X9TRB", "OIABCDEF23", "10zzy-0x1w0"};

		if (hash_set(typed, 3, CHEAP, set, &set_len))
		{
			CHECK_STATUS("a set hashed from look-alike input matches the canonical code",
						 consume(set, set_len, "01abc-def23", out, &out_len, &matched),
						 OTP_OK);
			CHECK_INT("a set hashed from look-alike input matches the canonical code",
					  matched, 1);
		}
	}

	/* Only code_len bytes are read: the wrappers pass text without a NUL. */
	{
		const char *code = "k7m2q-x9trbzzzzz";

		matched = -1;
		CHECK_STATUS("consume reads only code_len bytes of the code",
					 otp_backup_consume(frozen_v1, strlen(frozen_v1), code, 11, out,
										sizeof(out), &out_len, &matched), OTP_OK);
		CHECK_INT("a code followed by other bytes beyond code_len matches", matched, 1);
	}
}

/* Whatever a user types that is not one of the codes: no match, no error. */
static void
test_no_match_inputs(void)
{
	static const struct
	{
		const char *what;
		const char *code;
		size_t		len;
	}			cases[] = {
		{"a well-formed code not in the set", "zzzzz-zzzzz", 11},
		{"a code one character off", "k7m2q-x9trc", 11},
		{"two characters swapped", "k7m2q-x9tbr", 11},
		{"9 characters", "k7m2q-x9tr", 10},
		{"11 characters", "k7m2q-x9trbb", 12},
		{"two codes run together", "k7m2q-x9trb01abc-def23", 22},
		{"a 'u'", "k7m2q-x9tru", 11},
		{"an empty code", "", 0},
		{"only separators and spaces", " - - ", 5},
		{"a NUL byte inside", "k7m2q\0x9trb", 11},
		{"a tab instead of the separator", "k7m2q\tx9trb", 11},
		{"a newline at the end", "k7m2q-x9trb\n", 12},
		{"UTF-8 e-acute", "k7m2q-x9t\xc3\xa9", 11},
		{"a 6-digit TOTP code", "123456", 6},
		{"SQL", "' OR 1=1 --", 11},
	};
	char		set[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len = strlen(frozen_v1);
	size_t		out_len;
	int			matched;
	char	   *huge;
	size_t		huge_len = 1 << 20;

	memcpy(set, frozen_v1, set_len + 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		matched = -1;
		CHECK_STATUS(unit_name("typing %s is not an error", cases[i].what),
					 otp_backup_consume(set, set_len, cases[i].code, cases[i].len, out,
										sizeof(out), &out_len, &matched), OTP_OK);
		CHECK_INT(unit_name("typing %s is no match", cases[i].what), matched, 0);
	}

	huge = malloc(huge_len);
	if (!CHECK(("fixture: 1 MB code allocated"), huge != NULL))
		return;
	for (size_t i = 0; i < huge_len; i++)
		huge[i] = "k7m2q-x9trb"[i % 11];
	matched = -1;
	CHECK_STATUS("a 1 MB code is not an error",
				 otp_backup_consume(set, set_len, huge, huge_len, out, sizeof(out),
									&out_len, &matched), OTP_OK);
	CHECK_INT("a 1 MB code (a real code repeated) is no match", matched, 0);
	free(huge);
}

/* Exactly set_len + 1 bytes of output are enough; fewer are OTP_ERR_BUFFER. */
static void
test_consume_buffer(void)
{
	char		set[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len;
	size_t		out_len;
	int			matched;

	if (!hash_set(fixed, 1, CHEAP, set, &set_len))
		return;
	memset(out, '#', sizeof(out));
	matched = -1;
	CHECK_STATUS("consume into exactly set_len + 1 bytes succeeds",
				 otp_backup_consume(set, set_len, fixed[0], 11, out, set_len + 1,
									&out_len, &matched), OTP_OK);
	CHECK_INT("consume into exactly set_len + 1 bytes matches", matched, 1);
	CHECK(("consume writes nothing past set_len + 1 bytes"), out[set_len + 1] == '#');
	CHECK_INT("consuming the only code shortens the set by one entry",
			  out_len, set_len - ENTRY_LEN);

	memset(out, '#', sizeof(out));
	matched = -1;
	CHECK_STATUS("consume of the middle code into exactly set_len + 1 bytes succeeds",
				 otp_backup_consume(frozen_v1, strlen(frozen_v1), fixed[1], 11, out,
									sizeof(frozen_v1), &out_len, &matched), OTP_OK);
	CHECK_INT("consuming one of three codes shortens the set by an entry and a ','",
			  out_len, strlen(frozen_v1) - ENTRY_LEN - 1);
	CHECK(("consume of the middle code writes nothing past set_len + 1 bytes"),
		  out[sizeof(frozen_v1)] == '#');

	matched = -1;
	CHECK_STATUS("consume into set_len bytes is OTP_ERR_BUFFER",
				 otp_backup_consume(set, set_len, fixed[0], 11, out, set_len,
									&out_len, &matched), OTP_ERR_BUFFER);
	CHECK_INT("consume into a short buffer is no match", matched, 0);
	CHECK_STATUS("consume into a zero-size buffer is OTP_ERR_BUFFER",
				 otp_backup_consume(set, set_len, fixed[0], 11, out, 0, &out_len,
									&matched), OTP_ERR_BUFFER);
	CHECK_STATUS("consume of a wrong code into a short buffer is OTP_ERR_BUFFER",
				 otp_backup_consume(set, set_len, "zzzzz-zzzzz", 11, out, set_len,
									&out_len, &matched), OTP_ERR_BUFFER);
}

/* --- the stored value ---------------------------------------------------- */

/* A stored value, split into its fields (pointers into the value). */
typedef struct fields
{
	int			iterations;
	uint8_t		salt[16];
	const char *entries;		/* count entries of ENTRY_LEN, ','-separated */
	size_t		count;
	const char *check;
} fields;

/*
 * Parse value independently of the core: the format backup.c documents,
 * "totp-bc1:pbkdf2-sha256:<iterations>:<salt>:<hash>,...:<check>".
 */
static int
parse_fields(const char *value, fields *f)
{
	const char *p = value + PREFIX_LEN;
	char	   *end;
	const char *last_colon = strrchr(value, ':');
	uint8_t		salt[18];
	size_t		list_len;

	if (strncmp(value, PREFIX, PREFIX_LEN) != 0 || last_colon == NULL)
		return 0;
	f->iterations = (int) strtol(p, &end, 10);
	if (*end != ':' || end[1 + SALT_LEN] != ':')
		return 0;
	if (EVP_DecodeBlock(salt, (const unsigned char *) end + 1, SALT_LEN) != 18)
		return 0;
	memcpy(f->salt, salt, 16);
	f->entries = end + 2 + SALT_LEN;
	list_len = (size_t) (last_colon - f->entries);
	f->count = list_len == 0 ? 0 : (list_len + 1) / (ENTRY_LEN + 1);
	f->check = last_colon + 1;
	return f->entries <= last_colon && strlen(f->check) == CHECK_LEN &&
		(list_len == 0 || list_len == f->count * (ENTRY_LEN + 1) - 1);
}

/* Is PBKDF2-HMAC-SHA256(canonical code, salt, iterations, 16) an entry? */
static int
holds_code(const fields *f, const char *canonical)
{
	uint8_t		hash[16];
	char		text[ENTRY_LEN + 4];

	if (!ref_pbkdf2_sha256(canonical, 10, f->salt, 16, f->iterations, hash, 16))
		return 0;
	EVP_EncodeBlock((unsigned char *) text, hash, 16);
	for (size_t i = 0; i < f->count; i++)
		if (memcmp(f->entries + i * (ENTRY_LEN + 1), text, ENTRY_LEN) == 0)
			return 1;
	return 0;
}

static void
test_reference_pbkdf2(void)
{
	/* RFC 7914 section 11, PBKDF2-HMAC-SHA256, c = 1. */
	static const uint8_t expected[64] = {
		0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91, 0xc2,
		0x25, 0x44, 0xb6, 0x05, 0xf9, 0x41, 0x85, 0x21, 0x6d, 0xde, 0x04, 0x65,
		0xe6, 0x8b, 0x9d, 0x57, 0xc2, 0x0d, 0xac, 0xbc, 0x49, 0xca, 0x9c, 0xcc,
		0xf1, 0x79, 0xb6, 0x45, 0x99, 0x16, 0x64, 0xb3, 0x9d, 0x77, 0xef, 0x31,
		0x7c, 0x71, 0xb8, 0x45, 0xb1, 0xe3, 0x0b, 0xd5, 0x09, 0x11, 0x20, 0x41,
		0xd3, 0xa1, 0x97, 0x83,
	};
	uint8_t		out[64];
	uint8_t		seam_out[64];
	unsigned long calls = unit_pbkdf2.calls;

	CHECK(("fixture: reference PBKDF2-HMAC-SHA256 runs"),
		  ref_pbkdf2_sha256("passwd", 6, (const uint8_t *) "salt", 4, 1, out, 64));
	CHECK_MEM("reference PBKDF2-HMAC-SHA256 matches RFC 7914 section 11",
			  out, expected, 64);
	CHECK(("fixture: the PBKDF2 seam runs"),
		  PKCS5_PBKDF2_HMAC("passwd", 6, (const unsigned char *) "salt", 4, 1,
							EVP_sha256(), 64, seam_out) == 1);
	CHECK_MEM("the PBKDF2 seam computes RFC 7914 PBKDF2", seam_out, expected, 64);
	CHECK_INT("the PBKDF2 seam counts a call", unit_pbkdf2.calls - calls, 1);
}

static void
test_stored_format(void)
{
	char		a[SET_MAX];
	char		b[SET_MAX];
	char		body[SET_MAX];
	char		resealed[SET_MAX];
	size_t		a_len;
	size_t		b_len;
	fields		fa;
	fields		fb;

	if (!hash_set(fixed, 3, CHEAP, a, &a_len) || !hash_set(fixed, 3, CHEAP, b, &b_len))
		return;
	CHECK(("a stored set starts with \"" PREFIX "\""),
		  strncmp(a, PREFIX, PREFIX_LEN) == 0);
	if (!CHECK(("a stored set has the fields <iterations>:<salt>:<hash>,...:<check>"),
			   parse_fields(a, &fa) && parse_fields(b, &fb)))
		return;
	CHECK_INT("a stored set carries its iteration count", fa.iterations, CHEAP);
	CHECK_INT("a stored set of 3 codes has 3 entries", fa.count, 3);
	CHECK(("every entry is PBKDF2-HMAC-SHA256 of the lower-case code without "
		   "separator, under the set's salt"),
		  holds_code(&fa, "k7m2qx9trb") && holds_code(&fa, "01abcdef23") &&
		  holds_code(&fa, "10zzy0x1w0"));
	CHECK(("the reference finds no entry for a code not in the set"),
		  !holds_code(&fa, "zzzzzzzzzz"));
	CHECK(("two hashes of the same codes have different salts"),
		  memcmp(fa.salt, fb.salt, 16) != 0);
	{
		int			shared = 0;

		for (size_t i = 0; i < fa.count; i++)
			for (size_t j = 0; j < fb.count; j++)
				shared += memcmp(fa.entries + i * (ENTRY_LEN + 1),
								 fb.entries + j * (ENTRY_LEN + 1), ENTRY_LEN) == 0;
		CHECK_INT("two hashes of the same codes share no entry", shared, 0);
	}

	/* The check as documented: SHA-256 over the body, 9 bytes, base64. */
	body_of(a, a_len, body);
	CHECK_INT("fixture: seal() recomputes the check the core wrote",
			  seal(body, resealed), a_len);
	CHECK_STR("fixture: seal() recomputes the check the core wrote", resealed, a);
}

/* Sizes: exact lengths, and otp_backup_set_bufsize() covers the largest. */
static void
test_stored_size(void)
{
	static const size_t counts[] = {0, 1, 2, 10, 100};
	static code_slot codes[OTP_BACKUP_MAX_COUNT];
	char		set[SET_MAX];
	char		big[SET_MAX];
	size_t		set_len = 0;
	size_t		big_len;

	if (!CHECK_STATUS("fixture: 100 new codes",
					  otp_backup_codes_new(100, codes[0], sizeof(codes)), OTP_OK))
		return;
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
	{
		size_t		n = counts[i];
		size_t		expected = PREFIX_LEN + 4 + 1 + SALT_LEN + 1 +
			(n ? n * (ENTRY_LEN + 1) - 1 : 0) + 1 + CHECK_LEN;

		if (!hash_slots(codes, n, CHEAP, set, &set_len))
			continue;
		CHECK_INT(unit_name("a %zu-code set at cost 1000 is %zu characters", n, expected),
				  set_len, expected);
		CHECK(unit_name("a %zu-code set fits otp_backup_set_bufsize(%zu) = %zu",
						n, n, otp_backup_set_bufsize(n)),
			  set_len + 1 <= otp_backup_set_bufsize(n));
		if (n == 10)
		{
			/* The same set at the default cost: only the count's digits differ. */
			big_len = edit_and_seal(set, set_len, ":1000:", ":600000:", big);
			CHECK_INT("a 10-code set at cost 600000 is 317 characters", big_len, 317);
			CHECK_INT("a 10-code set at cost 600000 is valid",
					  remaining_of(big, big_len), 10);
			CHECK(unit_name("a 10-code set at cost 600000 fits otp_backup_set_bufsize(10)"
							" = %zu", otp_backup_set_bufsize(10)),
				  big_len + 1 <= otp_backup_set_bufsize(10));
		}
	}
	/* set now holds the 100-code set at cost 1000. */
	CHECK_INT("a 100-code set has 100 remaining", remaining_of(set, set_len), 100);

	/* The longest values: an 8-digit iteration count. */
	CHECK_STATUS("an empty set at the highest cost, 10000000, hashes",
				 otp_backup_hash_cost(NULL, 0, 10000000, big, sizeof(big), &big_len),
				 OTP_OK);
	CHECK(("an empty set at cost 10000000 fits otp_backup_set_bufsize(0)"),
		  big_len + 1 <= otp_backup_set_bufsize(0));
	CHECK_INT("an empty set at cost 10000000 is valid", remaining_of(big, big_len), 0);
	big_len = edit_and_seal(set, set_len, ":1000:", ":10000000:", big);
	CHECK_INT("a 100-code set stored at cost 10000000 is valid",
			  remaining_of(big, big_len), 100);
	CHECK(("a 100-code set at cost 10000000 fits otp_backup_set_bufsize(100)"),
		  big_len + 1 <= otp_backup_set_bufsize(100));

	CHECK_INT("otp_backup_set_bufsize(101) is 0", otp_backup_set_bufsize(101), 0);
	CHECK_INT("otp_backup_set_bufsize(SIZE_MAX) is 0",
			  otp_backup_set_bufsize((size_t) -1), 0);
}

/* A set stored by format version 1 keeps working. */
static void
test_frozen_v1_set(void)
{
	size_t		len = strlen(frozen_v1);
	char		out[SET_MAX];
	size_t		out_len;
	int			matched;

	CHECK_INT("a stored v1 set has 3 remaining", remaining_of(frozen_v1, len), 3);
	for (int i = 0; i < 3; i++)
	{
		CHECK_STATUS(unit_name("a stored v1 set accepts \"%s\"", fixed[i]),
					 consume(frozen_v1, len, fixed[i], out, &out_len, &matched), OTP_OK);
		CHECK_INT(unit_name("a stored v1 set matches \"%s\"", fixed[i]), matched, 1);
		CHECK_INT(unit_name("a stored v1 set has 2 left after \"%s\"", fixed[i]),
				  remaining_of(out, out_len), 2);
	}
	CHECK_STATUS("a stored v1 set refuses a wrong code without error",
				 consume(frozen_v1, len, "zzzzz-zzzzz", out, &out_len, &matched), OTP_OK);
	CHECK_INT("a stored v1 set does not match a wrong code", matched, 0);
}

/* The default: otp_backup_hash uses 600,000 iterations (paid twice here). */
static void
test_default_cost(void)
{
	const otp_text code = {"k7m2q-x9trb", 11};
	char		set[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len;
	size_t		out_len;
	unsigned long calls = unit_pbkdf2.calls;
	int			matched;

	if (!CHECK_STATUS("otp_backup_hash of one code succeeds",
					  otp_backup_hash(&code, 1, set, sizeof(set), &set_len), OTP_OK))
		return;
	CHECK(("otp_backup_hash stores the cost \":600000:\""), strstr(set, ":600000:") != NULL);
	CHECK(("otp_backup_hash stores \"" PREFIX "600000:\" first"),
		  strncmp(set, PREFIX "600000:", PREFIX_LEN + 7) == 0);
	CHECK_INT("a 1-code set at the default cost is 92 characters", set_len, 92);
	CHECK_INT("hashing one code costs one PBKDF2", unit_pbkdf2.calls - calls, 1);
	CHECK_INT("otp_backup_hash runs PBKDF2 at OTP_BACKUP_ITERATIONS",
			  unit_pbkdf2.iterations, OTP_BACKUP_ITERATIONS);
	CHECK_INT("OTP_BACKUP_ITERATIONS is OWASP's 600,000", OTP_BACKUP_ITERATIONS, 600000);

	calls = unit_pbkdf2.calls;
	CHECK_STATUS("consuming from a default-cost set succeeds",
				 consume(set, set_len, "K7M2Q X9TRB", out, &out_len, &matched), OTP_OK);
	CHECK_INT("a default-cost set matches its code", matched, 1);
	CHECK_INT("consuming checks at the stored 600,000 iterations",
			  unit_pbkdf2.iterations, 600000);
	CHECK_INT("consuming from a default-cost set costs one PBKDF2",
			  unit_pbkdf2.calls - calls, 1);
	CHECK_INT("the default-cost set is empty after its code", remaining_of(out, out_len), 0);
	CHECK(("the emptied set keeps its cost"),
		  strncmp(out, PREFIX "600000:", PREFIX_LEN + 7) == 0);
}

/* Sets hashed at other costs verify, each at its own stored cost. */
static void
test_raised_cost(void)
{
	static const int costs[] = {1000, 2000, 4321};
	char		set[3][SET_MAX];
	char		out[SET_MAX];
	char		edited[SET_MAX];
	size_t		set_len[3];
	size_t		out_len;
	size_t		edited_len;
	int			matched;

	for (int i = 0; i < 3; i++)
	{
		char		field[16];
		size_t		head;

		if (!hash_set(fixed, 3, costs[i], set[i], &set_len[i]))
			return;
		snprintf(field, sizeof(field), ":%d:", costs[i]);
		CHECK(unit_name("a set hashed at cost %d stores \"%s\"", costs[i], field),
			  strstr(set[i], field) != NULL);
		CHECK_STATUS(unit_name("a set hashed at cost %d verifies", costs[i]),
					 consume(set[i], set_len[i], fixed[1], out, &out_len, &matched),
					 OTP_OK);
		CHECK_INT(unit_name("a set hashed at cost %d matches", costs[i]), matched, 1);
		CHECK_INT(unit_name("a set hashed at cost %d is checked at cost %d",
							costs[i], costs[i]), unit_pbkdf2.iterations, costs[i]);
		/* The rest of the set keeps its cost and salt: no silent rehash. */
		head = PREFIX_LEN + strlen(field) - 1 + SALT_LEN + 1;
		CHECK(unit_name("consuming keeps the cost and salt of a cost-%d set", costs[i]),
			  out_len > head && memcmp(out, set[i], head) == 0);
	}

	/* The cost is read from the value: claim another one and nothing matches. */
	edited_len = edit_and_seal(set[1], set_len[1], ":2000:", ":1000:", edited);
	CHECK_INT("a cost-2000 set relabelled as 1000 still parses",
			  remaining_of(edited, edited_len), 3);
	CHECK_STATUS("a cost-2000 set relabelled as 1000 is not an error",
				 consume(edited, edited_len, fixed[1], out, &out_len, &matched), OTP_OK);
	CHECK_INT("a cost-2000 set relabelled as 1000 no longer matches", matched, 0);
	CHECK_INT("the relabelled set is checked at the cost it claims",
			  unit_pbkdf2.iterations, 1000);
	edited_len = edit_and_seal(set[0], set_len[0], ":1000:", ":2000:", edited);
	consume(edited, edited_len, fixed[1], out, &out_len, &matched);
	CHECK_INT("a cost-1000 set relabelled as 2000 no longer matches", matched, 0);
}

/* --- damaged stored values -------------------------------------------- */

static void
test_tampering_every_byte(void)
{
	static const uint8_t xors[] = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xff};
	char		set[SET_MAX];
	char		bad[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len;
	size_t		out_len;

	if (!hash_set(fixed, 2, CHEAP, set, &set_len))
		return;
	for (size_t x = 0; x < sizeof(xors) / sizeof(xors[0]); x++)
	{
		int			not_error = 0;
		int			body_not_check = 0;
		int			ever_matched = 0;
		size_t		first = 0;

		for (size_t p = 0; p < set_len; p++)
		{
			int			remaining = -1;
			int			matched = -1;
			int			s1;
			int			s2;

			memcpy(bad, set, set_len);
			bad[p] = (char) (bad[p] ^ xors[x]);
			s1 = otp_backup_remaining(bad, set_len, &remaining);
			s2 = otp_backup_consume(bad, set_len, fixed[0], 11, out, sizeof(out),
									&out_len, &matched);
			if ((!is_set_error(s1) || remaining != 0 || !is_set_error(s2)) &&
				not_error++ == 0)
				first = p;
			ever_matched |= matched != 0;
			/* Inside the body, past the format prefix, it is the check that fails. */
			if (p >= PREFIX_LEN && p < set_len - CHECK_LEN - 1 &&
				(s1 != OTP_ERR_BACKUP_CHECK || s2 != OTP_ERR_BACKUP_CHECK))
				body_not_check++;
		}
		CHECK_INT(unit_name("flipping any one byte of a stored set with xor 0x%02x is a "
							"CHECK, MALFORMED or VERSION error from remaining and "
							"consume (first position that is not: %zu)", xors[x], first),
				  not_error, 0);
		CHECK_INT(unit_name("flipping any byte with xor 0x%02x never matches", xors[x]),
				  ever_matched, 0);
		CHECK_INT(unit_name("flipping any byte of the body with xor 0x%02x is "
							"OTP_ERR_BACKUP_CHECK", xors[x]), body_not_check, 0);
	}
}

static void
test_truncation_and_additions(void)
{
	static const char *const suffixes[] = {"\n", " ", "x", ":", "=", ",", "\0"};
	char		set[SET_MAX];
	char		bad[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len;
	size_t		out_len;
	int			not_error = 0;
	int			ever_matched = 0;
	size_t		first = 0;

	if (!hash_set(fixed, 2, CHEAP, set, &set_len))
		return;
	for (size_t cut = 0; cut < set_len; cut++)
	{
		int			remaining = -1;
		int			matched = -1;
		int			s1 = otp_backup_remaining(set, cut, &remaining);
		int			s2 = otp_backup_consume(set, cut, fixed[0], 11, out, sizeof(out),
											&out_len, &matched);

		if ((!is_set_error(s1) || remaining != 0 || !is_set_error(s2)) &&
			not_error++ == 0)
			first = cut;
		ever_matched |= matched != 0;
	}
	CHECK_INT(unit_name("every truncation of a stored set is an error from remaining "
						"and consume (first length that is not: %zu)", first),
			  not_error, 0);
	CHECK_INT("no truncation of a stored set ever matches", ever_matched, 0);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
	{
		int			matched = -1;

		memcpy(bad, set, set_len);
		bad[set_len] = suffixes[i][0];
		CHECK(unit_name("a stored set with 0x%02x appended is an error from remaining",
						(unsigned char) suffixes[i][0]),
			  is_set_error(otp_backup_remaining(bad, set_len + 1, &(int) {0})));
		CHECK(unit_name("a stored set with 0x%02x appended is an error from consume",
						(unsigned char) suffixes[i][0]),
			  is_set_error(otp_backup_consume(bad, set_len + 1, fixed[0], 11, out,
											  sizeof(out), &out_len, &matched)) &&
			  matched == 0);
	}
	bad[0] = ' ';
	memcpy(bad + 1, set, set_len);
	CHECK_STATUS("a stored set with a leading space is OTP_ERR_BACKUP_MALFORMED",
				 otp_backup_remaining(bad, set_len + 1, &(int) {0}),
				 OTP_ERR_BACKUP_MALFORMED);
}

static void
test_version_and_garbage(void)
{
	static const struct
	{
		const char *what;
		const char *from;
		const char *to;
	}			versions[] = {
		{"version 2", "totp-bc1:", "totp-bc2:"},
		{"version 10", "totp-bc1:", "totp-bc10:"},
		{"scrypt", ":pbkdf2-sha256:", ":scrypt:"},
		{"pbkdf2-sha512", ":pbkdf2-sha256:", ":pbkdf2-sha512:"},
	};
	static const char *const garbage[] = {
		"", "hello", "null", "k7m2q-x9trb", "[\"k7m2q-x9trb\"]", "totp-",
		"TOTP-BC1:PBKDF2-SHA256:1000:AAAAAAAAAAAAAAAAAAAAAA==::AAAAAAAAAAAA",
	};
	char		set[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len;
	size_t		out_len;
	int			matched;

	if (!hash_set(fixed, 2, CHEAP, set, &set_len))
		return;
	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++)
	{
		char		body[SET_MAX];
		char		other[SET_MAX];
		size_t		other_len;

		/* Sealed, so that only the version can be at fault. */
		body_of(set, set_len, body);
		replace_once(body, versions[i].from, versions[i].to);
		other_len = seal(body, other);
		CHECK_STATUS(unit_name("a stored set of %s is OTP_ERR_BACKUP_VERSION from "
							   "remaining", versions[i].what),
					 otp_backup_remaining(other, other_len, &(int) {0}),
					 OTP_ERR_BACKUP_VERSION);
		matched = -1;
		CHECK_STATUS(unit_name("a stored set of %s is OTP_ERR_BACKUP_VERSION from "
							   "consume", versions[i].what),
					 otp_backup_consume(other, other_len, fixed[0], 11, out, sizeof(out),
										&out_len, &matched), OTP_ERR_BACKUP_VERSION);
		CHECK_INT(unit_name("a stored set of %s is no match", versions[i].what),
				  matched, 0);
	}
	for (size_t i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++)
	{
		CHECK_STATUS(unit_name("\"%s\" as a stored set is OTP_ERR_BACKUP_MALFORMED",
							   garbage[i]),
					 otp_backup_remaining(garbage[i], strlen(garbage[i]), &(int) {0}),
					 OTP_ERR_BACKUP_MALFORMED);
		matched = -1;
		CHECK_STATUS(unit_name("\"%s\" as a stored set is OTP_ERR_BACKUP_MALFORMED from "
							   "consume", garbage[i]),
					 otp_backup_consume(garbage[i], strlen(garbage[i]), fixed[0], 11, out,
										sizeof(out), &out_len, &matched),
					 OTP_ERR_BACKUP_MALFORMED);
	}
}

/*
 * Values with a valid check but a wrong structure: the parser behind the
 * check must still refuse them (seal() writes the check the core expects).
 */
static void
test_structure_behind_the_check(void)
{
	static const struct
	{
		const char *what;
		const char *from;
		const char *to;
		int			valid;		/* 1 if the edited value must still parse */
	}			edits[] = {
		{"cost 999", ":1000:", ":999:", 0},
		{"cost 0", ":1000:", ":0:", 0},
		{"cost 01000", ":1000:", ":01000:", 0},
		{"cost 10000001", ":1000:", ":10000001:", 0},
		{"cost 100000000", ":1000:", ":100000000:", 0},
		{"cost 99999999999999999999", ":1000:", ":99999999999999999999:", 0},
		{"cost -1000", ":1000:", ":-1000:", 0},
		{"cost +1000", ":1000:", ":+1000:", 0},
		{"cost 1e3", ":1000:", ":1e3:", 0},
		{"cost \" 1000\"", ":1000:", ": 1000:", 0},
		{"an empty cost", ":1000:", "::", 0},
		{"cost 10000000", ":1000:", ":10000000:", 1},
		{"cost 1001", ":1000:", ":1001:", 1},
		{"no salt", ":1000:", ":1000", 0},
		{"a short salt", "==:", ":", 0},
		{"a long salt", "==:", "==AAAA:", 0},
		{"an entry one character short", "==,", "=,", 0},
		{"an entry one character long", "==,", "===,", 0},
		{"';' between entries", "==,", "==;", 0},
		{"an empty entry", "==,", "==,,", 0},
		{"an added entry", "==,", "==,AAAAAAAAAAAAAAAAAAAAAA==,", 1},
		{"a non-base64 entry", "==,", "==,!AAAAAAAAAAAAAAAAAAAAA==,", 0},
	};
	char		set[SET_MAX];
	char		edited[SET_MAX];
	char		out[SET_MAX];
	char		body[SET_MAX];
	size_t		set_len;
	size_t		edited_len;
	size_t		out_len;
	int			matched;

	if (!hash_set(fixed, 2, CHEAP, set, &set_len))
		return;
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++)
	{
		int			status;

		edited_len = edit_and_seal(set, set_len, edits[i].from, edits[i].to, edited);
		if (edited_len == 0)
			continue;
		status = otp_backup_remaining(edited, edited_len, &(int) {0});
		if (edits[i].valid)
			CHECK_STATUS(unit_name("a sealed set with %s parses", edits[i].what),
						 status, OTP_OK);
		else
		{
			CHECK_STATUS(unit_name("a sealed set with %s is OTP_ERR_BACKUP_MALFORMED",
								   edits[i].what), status, OTP_ERR_BACKUP_MALFORMED);
			matched = -1;
			CHECK_STATUS(unit_name("consume on a sealed set with %s is "
								   "OTP_ERR_BACKUP_MALFORMED", edits[i].what),
						 otp_backup_consume(edited, edited_len, fixed[0], 11, out,
											sizeof(out), &out_len, &matched),
						 OTP_ERR_BACKUP_MALFORMED);
		}
	}

	body_of(set, set_len, body);
	strcat(body, ",");
	edited_len = seal(body, edited);
	CHECK_STATUS("a sealed set with a trailing ',' is OTP_ERR_BACKUP_MALFORMED",
				 otp_backup_remaining(edited, edited_len, &(int) {0}),
				 OTP_ERR_BACKUP_MALFORMED);

	/* 100 entries are the most a set may hold. */
	{
		static code_slot codes[OTP_BACKUP_MAX_COUNT];
		char		big[SET_MAX];
		size_t		big_len;

		otp_backup_codes_new(100, codes[0], sizeof(codes));
		if (hash_slots(codes, 100, CHEAP, big, &big_len))
		{
			body_of(big, big_len, body);
			strcat(body, ",AAAAAAAAAAAAAAAAAAAAAA==");
			edited_len = seal(body, edited);
			CHECK_STATUS("a sealed set of 101 entries is OTP_ERR_BACKUP_MALFORMED",
						 otp_backup_remaining(edited, edited_len, &(int) {0}),
						 OTP_ERR_BACKUP_MALFORMED);
		}
	}
}

/* --- the cost of one attempt ------------------------------------------- */

/* Exactly one PBKDF2 per consume, whatever the set's size or the match. */
static void
test_one_kdf_per_consume(void)
{
	static code_slot codes[OTP_BACKUP_MAX_COUNT];
	static const size_t sizes[] = {1, 10, 100};
	char		set[SET_MAX];
	char		out[SET_MAX];
	size_t		set_len;
	size_t		out_len;
	unsigned long calls;
	int			matched;

	otp_backup_codes_new(100, codes[0], sizeof(codes));
	calls = unit_pbkdf2.calls;
	if (!hash_slots(codes, 3, CHEAP, set, &set_len))
		return;
	CHECK_INT("hashing 3 codes costs 3 PBKDF2 evaluations (the seam is live)",
			  unit_pbkdf2.calls - calls, 3);
	CHECK_INT("the PBKDF2 password is the 10-character code", unit_pbkdf2.pass_len, 10);
	CHECK_INT("the PBKDF2 salt is 16 bytes", unit_pbkdf2.salt_len, 16);
	CHECK_INT("the PBKDF2 output is 16 bytes", unit_pbkdf2.key_len, 16);
	CHECK_INT("the PBKDF2 digest is SHA-256", unit_pbkdf2.md_type, NID_sha256);

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
	{
		size_t		n = sizes[i];
		const char *tries[3];
		const char *what[3] = {"the first code", "the last code", "a wrong code"};

		if (!hash_slots(codes, n, CHEAP, set, &set_len))
			return;
		tries[0] = codes[0];
		tries[1] = codes[n - 1];
		tries[2] = "zzzzz-zzzzz";
		for (int t = 0; t < 3; t++)
		{
			calls = unit_pbkdf2.calls;
			consume(set, set_len, tries[t], out, &out_len, &matched);
			CHECK_INT(unit_name("consuming %s of a %zu-code set costs one PBKDF2",
								what[t], n), unit_pbkdf2.calls - calls, 1);
		}
		calls = unit_pbkdf2.calls;
		consume(set, set_len, "k7m2q-x9tru", out, &out_len, &matched);
		consume(set, set_len, "", out, &out_len, &matched);
		otp_backup_remaining(set, set_len, &(int) {0});
		CHECK_INT(unit_name("malformed codes and remaining cost no PBKDF2 (%zu codes)", n),
				  unit_pbkdf2.calls - calls, 0);
		set[PREFIX_LEN + 10] ^= 1;
		consume(set, set_len, codes[0], out, &out_len, &matched);
		CHECK_INT(unit_name("a damaged %zu-code set costs no PBKDF2", n),
				  unit_pbkdf2.calls - calls, 0);
	}
}

static double
consume_seconds(const char *set, size_t set_len, const char *code)
{
	static char out[SET_MAX];
	size_t		out_len;
	int			matched;
	clock_t		start = clock();

	otp_backup_consume(set, set_len, code, strlen(code), out, sizeof(out), &out_len,
					   &matched);
	return (double) (clock() - start) / CLOCKS_PER_SEC;
}

static double
median_consume_seconds(const char *set, size_t set_len, const char *code)
{
	double		t[3];

	for (int i = 0; i < 3; i++)
		t[i] = consume_seconds(set, set_len, code);
	if (t[0] > t[1])
	{
		double		x = t[0];

		t[0] = t[1];
		t[1] = x;
	}
	return t[2] < t[0] ? t[0] : t[2] > t[1] ? t[1] : t[2];
}

/*
 * The same, measured: CPU time of an attempt on a 1-code and a 100-code set
 * at cost 100,000 (sealed from cheap sets, so the code no longer matches but
 * the KDF still runs). One KDF each gives a ratio near 1; a KDF per entry
 * would give about 100. Not a speed target: the bound is wide on purpose.
 */
static void
test_consume_cost_measured(void)
{
	static code_slot codes[OTP_BACKUP_MAX_COUNT];
	char		cheap[SET_MAX];
	char		small[SET_MAX];
	char		large[SET_MAX];
	size_t		cheap_len;
	size_t		small_len;
	size_t		large_len;
	double		t_small;
	double		t_large;
	double		t_malformed;
	double		t_empty;

	otp_backup_codes_new(100, codes[0], sizeof(codes));
	if (!hash_slots(codes, 1, CHEAP, cheap, &cheap_len))
		return;
	small_len = edit_and_seal(cheap, cheap_len, ":1000:", ":100000:", small);
	if (!hash_slots(codes, 100, CHEAP, cheap, &cheap_len))
		return;
	large_len = edit_and_seal(cheap, cheap_len, ":1000:", ":100000:", large);

	t_small = median_consume_seconds(small, small_len, codes[0]);
	t_large = median_consume_seconds(large, large_len, codes[0]);
	CHECK(unit_name("an attempt on a 1-code set at cost 100000 takes measurable "
					"CPU time (%.4f s)", t_small), t_small > 0);
	CHECK(unit_name("an attempt on a 100-code set costs under twice one on a 1-code "
					"set (%.4f s vs %.4f s)", t_large, t_small), t_large < 2 * t_small);

	t_malformed = median_consume_seconds(large, large_len, "k7m2q-x9tru");
	CHECK(unit_name("a malformed code costs under a quarter of an attempt "
					"(%.4f s vs %.4f s)", t_malformed, t_large),
		  t_malformed < t_large / 4);

	/* An empty set at the highest cost: a KDF there would cost 100 attempts. */
	otp_backup_hash_cost(NULL, 0, 10000000, cheap, sizeof(cheap), &cheap_len);
	t_empty = median_consume_seconds(cheap, cheap_len, codes[0]);
	CHECK(unit_name("an attempt on an empty set at cost 10000000 costs under one "
					"KDF at 100000 (%.4f s vs %.4f s)", t_empty, t_small),
		  t_empty < t_small);
}

void
test_backup(void)
{
	test_codes_new_format();
	test_codes_new_limits();
	test_codes_new_distribution();
	test_statistics_catch_flawed_generators();
	test_hash_rejects();
	test_empty_set();
	test_round_trip_orders();
	test_input_normalization();
	test_no_match_inputs();
	test_consume_buffer();
	test_reference_pbkdf2();
	test_stored_format();
	test_stored_size();
	test_frozen_v1_set();
	test_default_cost();
	test_raised_cost();
	test_tampering_every_byte();
	test_truncation_and_additions();
	test_version_and_garbage();
	test_structure_behind_the_check();
	test_one_kdf_per_consume();
	test_consume_cost_measured();
}
