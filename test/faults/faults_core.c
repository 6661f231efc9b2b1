/*
 * faults_core.c: fault injection into every core function that calls
 * OpenSSL (harness in faults.c). Each scenario runs one call with the
 * harness armed and checks the verdict common to all of them (outcome()):
 * OTP_OK only with the fault-free result and never after a failed seam
 * call, an error only when a fault fired; then what each function promises
 * on failure: no match, an empty code, output wiped, nothing consumed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faults.h"
#include "otp_internal.h"

#define AT INT64_C(1111111109)
#define COUNTER 7
#define ITERATIONS 1000			/* the floor: PBKDF2 cost is not the point */
#define FILL 0x5a				/* what output buffers hold before a call */
#define BIG 2048

/* Fixtures, made before any fault (fixtures()). */
static const char secret20[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
static char secret70[BIG];		/* longer than a SHA-1 block: HMAC hashes it */
static otp_keyring ring;		/* "old", then "new" (seals) */
static char sealed_new[OTP_SEALED_BUFSIZE];
static size_t sealed_new_len;
static char sealed_old[OTP_SEALED_BUFSIZE];
static size_t sealed_old_len;
static char set3[BIG];			/* three codes */
static size_t set3_len;
static char set1[BIG];			/* one code */
static size_t set1_len;
static const char *const codes[] = {"k7m2q-x9trb", "01abc-defgh", "zzzzz-00000"};

static const char keyring_text[] =
	"old:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
	"new:f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f\n";

/*
 * The verdict every scenario shares. result_ok says whether the outputs are
 * the fault-free ones; on an error the caller checks the failure contract.
 */
static int
outcome(int status, int result_ok)
{
	if (status == OTP_OK)
		return expect(!fault_fired_seam(), "OTP_OK although a call it needs failed") &
			expect(result_ok, "OTP_OK with a result other than the fault-free one");
	return expect(fault_fired(), "an error without a fault");
}

/* Every byte is FILL (never written) or 0 (wiped). */
static int
untouched_or_wiped(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != FILL && buf[i] != 0)
			return 0;
	return 1;
}

static int
all_zero(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != 0)
			return 0;
	return 1;
}

static int
all_in(const char *s, const char *set)
{
	return s[0] != '\0' && strspn(s, set) == strlen(s);
}

/* --- secrets ----------------------------------------------------------------- */

static void
new_secret(void)
{
	char		out[OTP_BASE32_LEN(OTP_MAX_NEW_SECRET_BYTES) + 1];
	int			status;

	memset(out, FILL, sizeof(out));
	fault_arm();
	status = otp_new_secret(20, out, sizeof(out));
	fault_disarm();
	if (outcome(status, strlen(out) == 32 && all_in(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")))
		if (status != OTP_OK)
			expect(all_zero(out, sizeof(out)), "out wiped: no secret from failed randomness");
}

static void
backup_codes_new(void)
{
	char		out[10 * OTP_BACKUP_CODE_BUFSIZE];
	int			status;
	int			well_formed = 1;

	memset(out, FILL, sizeof(out));
	fault_arm();
	status = otp_backup_codes_new(10, out, sizeof(out));
	fault_disarm();
	for (int i = 0; i < 10; i++)
	{
		const char *code = out + i * OTP_BACKUP_CODE_BUFSIZE;

		well_formed &= strlen(code) == 11 && code[5] == '-' &&
			strspn(code, "0123456789abcdefghjkmnpqrstvwxyz-") == 11;
	}
	if (outcome(status, well_formed) && status != OTP_OK)
		expect(all_zero(out, sizeof(out)), "out wiped: no code from failed randomness");
}

/* --- codes and verification -------------------------------------------------- */

static void
check_code(int totp, const char *secret, const otp_keyring *keyring, otp_algorithm alg)
{
	otp_params	params = {6, 30, alg};
	char		want[OTP_CODE_BUFSIZE];
	char		out[OTP_CODE_BUFSIZE];
	int			status;

	if (totp)
		status = otp_totp_code(secret, strlen(secret), keyring, AT, &params, want);
	else
		status = otp_hotp_code(secret, strlen(secret), keyring, COUNTER, &params, want);
	if (!expect(status == OTP_OK, "fixture: the reference code"))
		return;
	memset(out, FILL, sizeof(out));
	fault_arm();
	if (totp)
		status = otp_totp_code(secret, strlen(secret), keyring, AT, &params, out);
	else
		status = otp_hotp_code(secret, strlen(secret), keyring, COUNTER, &params, out);
	fault_disarm();
	if (outcome(status, strcmp(out, want) == 0) && status != OTP_OK)
		expect(out[0] == '\0', "no code on failure");
}

/*
 * Verify the code of `at` (or a wrong one): on success the fault-free step,
 * on failure no match.
 */
static void
check_verify(int totp, const char *secret, const otp_keyring *keyring,
			 otp_algorithm alg, int right)
{
	otp_params	params = {6, 30, alg};
	char		code[OTP_CODE_BUFSIZE];
	int64_t		want;
	int64_t		got = 12345;
	int			status;

	if (totp)
		status = otp_totp_code(secret, strlen(secret), keyring, AT, &params, code);
	else
		status = otp_hotp_code(secret, strlen(secret), keyring, COUNTER + 1, &params, code);
	if (!right)
		code[0] = (char) ('0' + (code[0] - '0' + 5) % 10);
	if (totp)
		status |= otp_totp_verify(secret, strlen(secret), keyring, code, 6, 1, AT, -1,
								  &params, &want);
	else
		status |= otp_hotp_verify(secret, strlen(secret), keyring, code, 6, COUNTER, 3,
								  &params, &want);
	if (!expect(status == OTP_OK && (want != OTP_NO_MATCH) == right,
				"fixture: the reference verification"))
		return;
	fault_arm();
	if (totp)
		status = otp_totp_verify(secret, strlen(secret), keyring, code, 6, 1, AT, -1,
								 &params, &got);
	else
		status = otp_hotp_verify(secret, strlen(secret), keyring, code, 6, COUNTER, 3,
								 &params, &got);
	fault_disarm();
	if (outcome(status, got == want) && status != OTP_OK)
		expect(got == OTP_NO_MATCH, "no match on failure");
}

static void totp_code_sha1(void) { check_code(1, secret20, NULL, OTP_SHA1); }
static void hotp_code_sha512(void) { check_code(0, secret20, NULL, OTP_SHA512); }
static void totp_code_sealed(void) { check_code(1, sealed_new, &ring, OTP_SHA256); }
static void totp_verify_sha1(void) { check_verify(1, secret20, NULL, OTP_SHA1, 1); }
static void totp_verify_sha256(void) { check_verify(1, secret20, NULL, OTP_SHA256, 1); }
static void totp_verify_sha512(void) { check_verify(1, secret20, NULL, OTP_SHA512, 1); }
static void totp_verify_long_key(void) { check_verify(1, secret70, NULL, OTP_SHA1, 1); }
static void totp_verify_wrong(void) { check_verify(1, secret20, NULL, OTP_SHA1, 0); }
static void totp_verify_sealed(void) { check_verify(1, sealed_new, &ring, OTP_SHA1, 1); }
static void totp_verify_sealed_old(void) { check_verify(1, sealed_old, &ring, OTP_SHA1, 1); }
static void hotp_verify_sha256(void) { check_verify(0, secret20, NULL, OTP_SHA256, 1); }
static void hotp_verify_long_key_512(void) { check_verify(0, secret70, NULL, OTP_SHA512, 1); }

static void
uri_sealed(void)
{
	otp_params	params = {8, 60, OTP_SHA256};
	char		want[BIG];
	char		out[BIG];
	size_t		want_len;
	size_t		len = 99;
	int			status;

	if (!expect(otp_uri(sealed_new, sealed_new_len, &ring, "alice", 5, "Example", 7,
						&params, want, sizeof(want), &want_len) == OTP_OK,
				"fixture: the reference URI"))
		return;
	fault_arm();
	status = otp_uri(sealed_new, sealed_new_len, &ring, "alice", 5, "Example", 7,
					 &params, out, sizeof(out), &len);
	fault_disarm();
	if (outcome(status, len == want_len && strcmp(out, want) == 0) && status != OTP_OK)
		expect(len == 0, "no URI length on failure");
}

/* --- sealing ----------------------------------------------------------------- */

/* The plain secret a sealed value opens to (disarmed), or "". */
static void
opened(const char *sealed, size_t len, char *plain, size_t size)
{
	if (otp_unseal(sealed, len, &ring, plain, size) != OTP_OK)
		plain[0] = '\0';
}

static void
check_seal(int reseal, const char *in, size_t in_len)
{
	char		want[BIG];
	char		out[OTP_SEALED_BUFSIZE];
	char		plain[BIG];
	size_t		len = 99;
	int			status;

	opened(in, in_len, want, sizeof(want));
	if (!expect(want[0] != '\0', "fixture: the secret to seal"))
		return;
	memset(out, FILL, sizeof(out));
	fault_arm();
	if (reseal)
		status = otp_reseal(in, in_len, &ring, out, sizeof(out), &len);
	else
		status = otp_seal(in, in_len, &ring, out, sizeof(out), &len);
	fault_disarm();
	if (status == OTP_OK)
		opened(out, len, plain, sizeof(plain));
	if (outcome(status, len < sizeof(out) && strncmp(out, "totp:v1:new:", 12) == 0 &&
				strcmp(plain, want) == 0) && status != OTP_OK)
	{
		expect(len == 0, "no length on failure");
		expect(untouched_or_wiped(out, sizeof(out)), "out wiped: no sealed value on failure");
	}
}

static void seal_plain(void) { check_seal(0, secret20, strlen(secret20)); }
static void seal_sealed(void) { check_seal(0, sealed_old, sealed_old_len); }
static void reseal_old(void) { check_seal(1, sealed_old, sealed_old_len); }
static void reseal_newest(void) { check_seal(1, sealed_new, sealed_new_len); }

static void
unseal(void)
{
	char		out[BIG];
	int			status;

	memset(out, FILL, sizeof(out));
	fault_arm();
	status = otp_unseal(sealed_old, sealed_old_len, &ring, out, sizeof(out));
	fault_disarm();
	if (outcome(status, strcmp(out, secret20) == 0) && status != OTP_OK)
		expect(out[0] == '\0', "no secret on failure");
}

/*
 * The first unseal with a key sets up the cipher context the keyring then
 * caches (the fixtures warm the shared ring up, so the scenarios above reuse
 * theirs). Here a cold ring of the scenario's own: each call of that setup
 * fails in turn, which must be an error that caches nothing half made and
 * leaks nothing, and the next call, with no fault, must open the value.
 */
static void
check_cold(int verify)
{
	otp_keyring cold;
	otp_params	params = {6, 30, OTP_SHA1};
	char		code[OTP_CODE_BUFSIZE];
	char		out[BIG];
	char		again[BIG];
	int64_t		want = 0;
	int64_t		got = 12345;
	size_t		bad_line;
	int			status;

	if (!expect(otp_keyring_parse(&cold, keyring_text, sizeof(keyring_text) - 1,
								  &bad_line) == OTP_OK, "fixture: the cold ring") ||
		!expect(otp_totp_code(secret20, strlen(secret20), NULL, AT, &params, code) == OTP_OK &&
				otp_totp_verify(secret20, strlen(secret20), NULL, code, 6, 1, AT, -1,
								&params, &want) == OTP_OK, "fixture: the reference step"))
		return;
	memset(out, FILL, sizeof(out));
	fault_arm();
	if (verify)
		status = otp_totp_verify(sealed_old, sealed_old_len, &cold, code, 6, 1, AT, -1,
								 &params, &got);
	else
		status = otp_unseal(sealed_old, sealed_old_len, &cold, out, sizeof(out));
	fault_disarm();
	if (outcome(status, verify ? got == want : strcmp(out, secret20) == 0) &&
		status != OTP_OK)
		expect(verify ? got == OTP_NO_MATCH : out[0] == '\0', "no result on failure");
	expect(otp_unseal(sealed_old, sealed_old_len, &cold, again, sizeof(again)) == OTP_OK &&
		   strcmp(again, secret20) == 0,
		   "the next unseal opens the value: a failed setup is not cached");
	otp_keyring_wipe(&cold);
}

static void unseal_cold(void) { check_cold(0); }
static void totp_verify_sealed_cold(void) { check_cold(1); }

/* --- the keyring file ------------------------------------------------------- */

#define KEYRING_FILE "test/fixtures/keyring"

static otp_keyring file_ring;	/* KEYRING_FILE, loaded fault-free */

/* open or read failing: an error naming the errno, no key left in the ring. */
static void
keyring_load(void)
{
	otp_keyring got;
	size_t		bad_line = 99;
	int			os_errno = 0;
	int			status;

	memset(&got, FILL, sizeof(got));
	fault_arm();
	status = otp_keyring_load(&got, KEYRING_FILE, &bad_line, &os_errno);
	fault_disarm();
	if (fault_fired_kind() == F_READ_EINTR)
		expect(status == OTP_OK, "an interrupted read is retried");
	if (outcome(status, memcmp(&got, &file_ring, sizeof(got)) == 0) && status != OTP_OK)
	{
		expect(status == OTP_ERR_KEYRING_OPEN, "OTP_ERR_KEYRING_OPEN");
		expect(os_errno == EACCES || os_errno == EIO, "the errno of the failing call");
		expect(all_zero((const char *) &got, sizeof(got)), "no key bytes left in the ring");
	}
	otp_keyring_wipe(&got);
}

/* --- backup codes ------------------------------------------------------------ */

static void
backup_hash(void)
{
	otp_text	in[3];
	char		out[BIG];
	size_t		len = 99;
	int			remaining = 0;
	int			status;
	int			all_match = 1;

	for (int i = 0; i < 3; i++)
		in[i] = (otp_text) {codes[i], strlen(codes[i])};
	memset(out, FILL, sizeof(out));
	fault_arm();
	status = otp_backup_hash_cost(in, 3, ITERATIONS, out, sizeof(out), &len);
	fault_disarm();
	if (status == OTP_OK)
	{
		/* every code consumes from the new set (disarmed) */
		for (int i = 0; i < 3; i++)
		{
			char		next[BIG];
			size_t		next_len;
			int			matched = 0;

			all_match &= otp_backup_consume(out, len, codes[i], strlen(codes[i]), next,
											sizeof(next), &next_len, &matched) == OTP_OK &&
				matched;
		}
		all_match &= otp_backup_remaining(out, len, &remaining) == OTP_OK && remaining == 3;
	}
	if (outcome(status, all_match) && status != OTP_OK)
	{
		expect(len == 0, "no length on failure");
		expect(all_zero(out, sizeof(out)), "out wiped on failure");
	}
}

/*
 * Consume `code` from a set: on success exactly the fault-free new set; on
 * failure nothing matched, no length, and nothing in out that is a set.
 */
static void
check_consume(const char *set, size_t set_len, const char *code)
{
	char		want[BIG];
	char		out[BIG];
	size_t		want_len = 0;
	size_t		len = 99;
	int			want_matched = 0;
	int			matched = 99;
	int			remaining;
	int			status;

	if (!expect(otp_backup_consume(set, set_len, code, strlen(code), want, sizeof(want),
								   &want_len, &want_matched) == OTP_OK,
				"fixture: the reference consume"))
		return;
	memset(out, 0, sizeof(out));
	fault_arm();
	status = otp_backup_consume(set, set_len, code, strlen(code), out, sizeof(out), &len,
								&matched);
	fault_disarm();
	if (outcome(status, matched == want_matched && len == want_len &&
				(!matched || memcmp(out, want, len) == 0)) && status != OTP_OK)
	{
		expect(matched == 0, "not matched on failure: nothing consumed");
		expect(len == 0, "no length on failure");
		expect(otp_backup_remaining(out, strnlen(out, sizeof(out)), &remaining) != OTP_OK,
			   "out holds no usable set on failure");
	}
}

static void consume_match(void) { check_consume(set3, set3_len, "01ABC DEFGH"); }
static void consume_no_match(void) { check_consume(set3, set3_len, "aaaaa-aaaaa"); }
static void consume_last(void) { check_consume(set1, set1_len, codes[0]); }

static void
backup_remaining(void)
{
	int			remaining = 99;
	int			status;

	fault_arm();
	status = otp_backup_remaining(set3, set3_len, &remaining);
	fault_disarm();
	outcome(status, remaining == 3);
}

/* --- main -------------------------------------------------------------------- */

static void
fixtures(void)
{
	uint8_t		key70[70];
	otp_text	in[3];
	size_t		bad_line;
	int			ok = 1;

	for (size_t i = 0; i < sizeof(key70); i++)
		key70[i] = (uint8_t) (i * 7 + 3);
	ok &= otp_base32_encode(key70, sizeof(key70), secret70, sizeof(secret70)) == OTP_OK;
	ok &= otp_keyring_parse(&ring, keyring_text, sizeof(keyring_text) - 1, &bad_line) == OTP_OK;
	{
		int			os_errno;

		ok &= otp_keyring_load(&file_ring, KEYRING_FILE, &bad_line, &os_errno) == OTP_OK;
	}
	ok &= otp_seal(secret20, strlen(secret20), &ring, sealed_new, sizeof(sealed_new),
				   &sealed_new_len) == OTP_OK;
	/* sealed under "old": a ring with only the first line */
	{
		otp_keyring old;

		ok &= otp_keyring_parse(&old, keyring_text, strchr(keyring_text, '\n') - keyring_text,
								&bad_line) == OTP_OK;
		ok &= otp_seal(secret20, strlen(secret20), &old, sealed_old, sizeof(sealed_old),
					   &sealed_old_len) == OTP_OK;
		otp_keyring_wipe(&old);
	}
	/*
	 * Unseal under each key once, so that the ring caches its contexts here,
	 * before the forks: a scenario's leak check counts what it allocates,
	 * and the cache is meant to outlive a call (check_cold tests its setup).
	 */
	{
		char		plain[BIG];

		ok &= otp_unseal(sealed_new, sealed_new_len, &ring, plain, sizeof(plain)) == OTP_OK;
		ok &= otp_unseal(sealed_old, sealed_old_len, &ring, plain, sizeof(plain)) == OTP_OK;
	}
	for (int i = 0; i < 3; i++)
		in[i] = (otp_text) {codes[i], strlen(codes[i])};
	ok &= otp_backup_hash_cost(in, 3, ITERATIONS, set3, sizeof(set3), &set3_len) == OTP_OK;
	ok &= otp_backup_hash_cost(in, 1, ITERATIONS, set1, sizeof(set1), &set1_len) == OTP_OK;
	if (!ok)
	{
		fprintf(stderr, "faults_core: fixtures failed\n");
		exit(2);
	}
}

static const fault_scenario scenarios[] = {
	{"otp_new_secret", new_secret, NULL},
	{"otp_backup_codes_new", backup_codes_new, NULL},
	{"otp_totp_code sha1", totp_code_sha1, NULL},
	{"otp_hotp_code sha512", hotp_code_sha512, NULL},
	{"otp_totp_code sealed", totp_code_sealed, NULL},
	{"otp_totp_verify sha1", totp_verify_sha1, NULL},
	{"otp_totp_verify sha256", totp_verify_sha256, NULL},
	{"otp_totp_verify sha512", totp_verify_sha512, NULL},
	{"otp_totp_verify 70-byte key", totp_verify_long_key, NULL},
	{"otp_totp_verify wrong code", totp_verify_wrong, NULL},
	{"otp_totp_verify sealed", totp_verify_sealed, NULL},
	{"otp_totp_verify sealed under an old key", totp_verify_sealed_old, NULL},
	{"otp_hotp_verify sha256", hotp_verify_sha256, NULL},
	{"otp_hotp_verify 70-byte key sha512", hotp_verify_long_key_512, NULL},
	{"otp_uri sealed", uri_sealed, NULL},
	{"otp_seal plain", seal_plain, NULL},
	{"otp_seal sealed", seal_sealed, NULL},
	{"otp_reseal old key", reseal_old, NULL},
	{"otp_reseal newest key", reseal_newest, NULL},
	{"otp_unseal", unseal, NULL},
	{"otp_unseal, first use of a key", unseal_cold, NULL},
	{"otp_totp_verify sealed, first use of a key", totp_verify_sealed_cold, NULL},
	{"otp_keyring_load", keyring_load, NULL},
	{"otp_backup_hash", backup_hash, NULL},
	{"otp_backup_consume match", consume_match, NULL},
	{"otp_backup_consume no match", consume_no_match, NULL},
	{"otp_backup_consume last code", consume_last, NULL},
	{"otp_backup_remaining", backup_remaining, NULL},
};

int
main(int argc, char **argv)
{
	fault_init();				/* before OpenSSL allocates anything */
	setvbuf(stdout, NULL, _IOLBF, 0);
	fixtures();
	return fault_main(scenarios, sizeof(scenarios) / sizeof(scenarios[0]), argc, argv);
}
