/*
 * core_bench.c: the core's TOTP verify against liboath and against the SHA-1
 * compressions a verify cannot avoid, plus sealed secrets and backup codes.
 * Prints one table of medians (ns per operation) and ratios; asserts
 * nothing: `make bench` is for reading, `make check` for correctness.
 *
 * Inputs: random 20-byte secrets, random times, random (so almost always
 * wrong) codes, so every step of the window is computed, as in an attack.
 */
#define OPENSSL_SUPPRESS_DEPRECATED

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <liboath/oath.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "otp.h"

#define CASES 4096				/* distinct inputs, cycled */
#define REPEATS 15				/* timed runs; the median is reported */

typedef struct bench_case
{
	uint8_t		raw[20];
	char		b32[OTP_BASE32_LEN(20) + 1];
	char		sealed[OTP_SEALED_BUFSIZE];
	size_t		sealed_len;
	char		code[8];
	int64_t		at;
} bench_case;

static bench_case cases[CASES];
static otp_keyring keyring;
static volatile int64_t sink;

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec * 1e9 + (double) ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/* Median over REPEATS runs of ns per call of fn(i) for `calls` calls. */
static double
median_ns(void (*fn) (int), int calls)
{
	double		runs[REPEATS];

	for (int i = 0; i < calls / 10; i++)	/* warm up */
		fn(i % CASES);
	for (int r = 0; r < REPEATS; r++)
	{
		double		t0 = now_ns();

		for (int i = 0; i < calls; i++)
			fn(i % CASES);
		runs[r] = (now_ns() - t0) / calls;
	}
	qsort(runs, REPEATS, sizeof(runs[0]), cmp_double);
	return runs[REPEATS / 2];
}

static const otp_params sha1_6_30 = {6, 30, OTP_SHA1};

static void
verify_plain(int i)
{
	int64_t		step;

	if (otp_totp_verify(cases[i].b32, strlen(cases[i].b32), NULL, cases[i].code, 6,
						1, cases[i].at, -1, &sha1_6_30, &step) != OTP_OK)
		abort();
	sink += step;
}

static void
verify_sealed(int i)
{
	int64_t		step;

	if (otp_totp_verify(cases[i].sealed, cases[i].sealed_len, &keyring,
						cases[i].code, 6, 1, cases[i].at, -1, &sha1_6_30,
						&step) != OTP_OK)
		abort();
	sink += step;
}

static void
verify_liboath(int i)
{
	sink += oath_totp_validate((const char *) cases[i].raw, 20, (time_t) cases[i].at,
							   30, 0, 1, cases[i].code);
}

/*
 * The floor: 8 SHA-1 compressions (key^ipad, key^opad, then an inner and an
 * outer block for each of the 3 steps), timed as OpenSSL's SHA1_Transform.
 */
static void
sha1_floor(int i)
{
	SHA_CTX		ctx;
	uint8_t		block[64];

	memcpy(block, cases[i].raw, 20);
	memset(block + 20, 0x36, 44);
	SHA1_Init(&ctx);
	for (int k = 0; k < 8; k++)
		SHA1_Transform(&ctx, block);
	sink += ctx.h0;
}

static char backup_set_10[1024];
static char backup_set_1[1024];
static size_t backup_len_10;
static size_t backup_len_1;

static void
consume(const char *set, size_t len)
{
	char		out[1024];
	size_t		out_len;
	int			matched;

	if (otp_backup_consume(set, len, "zzzzz-zzzzz", 11, out, sizeof(out),
						   &out_len, &matched) != OTP_OK)
		abort();
	sink += matched;
}

static void
consume_10(int i)
{
	(void) i;
	consume(backup_set_10, backup_len_10);
}

static void
consume_1(int i)
{
	(void) i;
	consume(backup_set_1, backup_len_1);
}

static void
setup(void)
{
	static const char ring_text[] =
		"bench:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
	size_t		bad_line;

	if (otp_keyring_parse(&keyring, ring_text, sizeof(ring_text) - 1, &bad_line) != OTP_OK)
		abort();
	for (int i = 0; i < CASES; i++)
	{
		bench_case *c = &cases[i];
		uint8_t		r[12];

		if (RAND_bytes(c->raw, 20) != 1 || RAND_bytes(r, sizeof(r)) != 1)
			abort();
		otp_base32_encode(c->raw, 20, c->b32, sizeof(c->b32));
		if (otp_seal(c->b32, strlen(c->b32), &keyring, c->sealed,
					 sizeof(c->sealed), &c->sealed_len) != OTP_OK)
			abort();
		for (int k = 0; k < 6; k++)
			c->code[k] = (char) ('0' + r[k] % 10);
		c->code[6] = '\0';
		c->at = 1000000000 + (int64_t) (r[6] | r[7] << 8 | r[8] << 16);
	}
}

/* Two stored backup sets, of 10 codes and of 1 (seconds of PBKDF2). */
static void
setup_backup(void)
{
	static const char *codes[10] = {
		"abcde-fghjk", "mnpqr-stvwx", "00000-11111", "22222-33333", "44444-55555",
		"66666-77777", "88888-99999", "aaaaa-bbbbb", "ccccc-ddddd", "eeeee-fffff"
	};
	otp_text	list[10];

	for (int i = 0; i < 10; i++)
	{
		list[i].ptr = codes[i];
		list[i].len = strlen(codes[i]);
	}
	if (otp_backup_hash(list, 10, backup_set_10, sizeof(backup_set_10), &backup_len_10) != OTP_OK ||
		otp_backup_hash(list, 1, backup_set_1, sizeof(backup_set_1), &backup_len_1) != OTP_OK)
		abort();
}

/*
 * "core-bench loop <name> <calls>": run one case's loop only, untimed, for
 * profilers (perf record, valgrind --tool=callgrind) to compare instruction
 * counts where wall-clock time is too noisy.
 */
static int
loop_only(const char *name, const char *calls_text)
{
	static const struct
	{
		const char *name;
		void		(*fn) (int);
	}			loops[] = {
		{"plain", verify_plain}, {"sealed", verify_sealed},
		{"liboath", verify_liboath}, {"floor", sha1_floor}, {"none", NULL},
	};
	long		calls = atol(calls_text);

	for (size_t k = 0; k < sizeof(loops) / sizeof(loops[0]); k++)
		if (strcmp(name, loops[k].name) == 0)
		{
			for (long i = 0; i < calls && loops[k].fn != NULL; i++)
				loops[k].fn((int) (i % CASES));
			return 0;
		}
	fprintf(stderr, "usage: core-bench [loop plain|sealed|liboath|floor|none CALLS]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	double		plain;
	double		oath;
	double		floor8;
	double		sealed;
	double		c10;
	double		c1;

	if (oath_init() != OATH_OK)
		return 1;
	setup();
	if (argc != 1)
	{
		int			status = loop_only(argc == 4 && strcmp(argv[1], "loop") == 0 ?
									   argv[2] : "", argc == 4 ? argv[3] : "0");

		otp_keyring_wipe(&keyring);
		return status;
	}
	setup_backup();
	plain = median_ns(verify_plain, 200000);
	oath = median_ns(verify_liboath, 200000);
	floor8 = median_ns(sha1_floor, 200000);
	sealed = median_ns(verify_sealed, 100000);
	c10 = median_ns(consume_10, 3) / 1e6;
	c1 = median_ns(consume_1, 3) / 1e6;

	printf("core (median of %d runs; random secrets, wrong codes)\n", REPEATS);
	printf("  %-44s %10.0f ns\n", "totp verify, SHA-1, window 1 (this core)", plain);
	printf("  %-44s %10.0f ns   %5.2fx slower than this core\n",
		   "liboath oath_totp_validate, window 1", oath, oath / plain);
	printf("  %-44s %10.0f ns   this core at %4.2fx the floor\n",
		   "floor: 8 SHA-1 compressions (OpenSSL)", floor8, plain / floor8);
	printf("  %-44s %10.0f ns   %5.2fx a plain verify\n",
		   "totp verify with a sealed secret", sealed, sealed / plain);
	printf("  %-44s %10.1f ms\n", "consume_backup_code, 10 codes left", c10);
	printf("  %-44s %10.1f ms   %5.2fx the 10-code cost\n",
		   "consume_backup_code, 1 code left", c1, c1 / c10);
	oath_done();
	otp_keyring_wipe(&keyring);	/* and the cipher context it cached */
	return sink == 42;
}
