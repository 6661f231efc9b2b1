/*
 * unit.h: the core's tiny test harness (no framework, no assert()).
 *
 * Every CHECK_* records one pass or one failure under a name that says what
 * the check proves. A failure prints file:line, the name, and what was
 * expected against what was got, and the run goes on; main.c prints
 * "N passed, N failed" as its last line and exits non-zero on any failure.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "otp.h"

#if defined(__GNUC__)
#define UNIT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define UNIT_PRINTF(f, a)
#endif

extern int	unit_passed;
extern int	unit_failed;

/* The recorders behind the macros; each returns 1 on pass, 0 on failure. */
int			unit_check(int ok, const char *file, int line, const char *name,
					   const char *expected, const char *got);
int			unit_check_int(const char *file, int line, const char *name,
						   long long got, long long expected);
int			unit_check_status(const char *file, int line, const char *name,
							  int got, int expected);
int			unit_check_str(const char *file, int line, const char *name,
						   const char *got, const char *expected);
int			unit_check_mem(const char *file, int line, const char *name,
						   const void *got, const void *expected, size_t len);

/* cond must hold. */
#define CHECK(name, cond) \
	unit_check(!!(cond), __FILE__, __LINE__, (name), "true: " #cond, "false")
/* Integers (and int64_t steps/counters) must be equal. */
#define CHECK_INT(name, got, expected) \
	unit_check_int(__FILE__, __LINE__, (name), (long long) (got), \
				   (long long) (expected))
/* An otp_status must be the expected one; failures print both names. */
#define CHECK_STATUS(name, got, expected) \
	unit_check_status(__FILE__, __LINE__, (name), (got), (expected))
/* NUL-terminated strings must be equal. */
#define CHECK_STR(name, got, expected) \
	unit_check_str(__FILE__, __LINE__, (name), (got), (expected))
/* len bytes must be equal; failures print both in hex. */
#define CHECK_MEM(name, got, expected, len) \
	unit_check_mem(__FILE__, __LINE__, (name), (got), (expected), (len))

/*
 * Format a check name for table rows and loops. The result lives in one
 * static buffer: use it as the name of the very next check only.
 */
const char *unit_name(const char *fmt,...) UNIT_PRINTF(1, 2);

/* "OTP_ERR_BUFFER" etc. for a status, for failure messages. */
const char *unit_status_name(int status);

/*
 * Shared fixtures (helpers.c): deterministic pseudo-random data, so that a
 * failure reproduces, and independent references computed with OpenSSL's own
 * HMAC, so that the core is checked against code it does not share.
 */
uint32_t	unit_rand(uint32_t *state);
void		unit_fill(uint8_t *buf, size_t len, uint32_t seed);

#define REF_HMAC_MAX_LEN 64

/*
 * OpenSSL's HMAC (EVP_Q_mac) of msg under key into out[REF_HMAC_MAX_LEN];
 * returns the digest length, or 0 if OpenSSL failed.
 */
size_t		ref_hmac(otp_algorithm algorithm, const uint8_t *key, size_t key_len,
					 const uint8_t *msg, size_t msg_len, uint8_t *out);

/* RFC 4226 HOTP of a raw key, computed independently of the core. */
void		ref_hotp(otp_algorithm algorithm, const uint8_t *key, size_t key_len,
					 uint64_t counter, int digits, char out[OTP_CODE_BUFSIZE]);

/* Base32 of raw key bytes (via the core's encoder, itself RFC-tested). */
void		unit_base32(const uint8_t *key, size_t len, char *out, size_t out_size);

/*
 * PBKDF2 seam: helpers.c defines PKCS5_PBKDF2_HMAC itself, so the core's
 * calls resolve to it at link time instead of to libcrypto's. It computes the
 * same PBKDF2 through OpenSSL's EVP_KDF and logs each call here, which lets a
 * test count KDF evaluations exactly instead of timing them.
 */
typedef struct unit_pbkdf2_log
{
	unsigned long calls;		/* evaluations since the program started */
	int			iterations;		/* of the last call */
	int			pass_len;
	int			salt_len;
	int			key_len;
	int			md_type;		/* EVP_MD_get_type() of the last digest */
} unit_pbkdf2_log;

extern unit_pbkdf2_log unit_pbkdf2;

/*
 * PBKDF2-HMAC-SHA256 through EVP_KDF (not the seam, not counted); returns 1
 * on success.
 */
int			ref_pbkdf2_sha256(const void *pass, size_t pass_len,
							  const uint8_t *salt, size_t salt_len, int iterations,
							  uint8_t *out, size_t out_len);

/* Test groups, one per file; main.c runs them all. */
void		test_base32(void);
void		test_hmac(void);
void		test_hotp_totp(void);
void		test_verify(void);
void		test_params(void);
void		test_secret(void);
void		test_uri(void);
void		test_uri_parse(void);
void		test_qr(void);
void		test_base64(void);
void		test_backup(void);
void		test_keyring(void);
void		test_seal(void);

/* RFC test vectors (rfc_vectors.c). */
typedef struct rfc6238_vector
{
	int64_t		time;
	otp_algorithm algorithm;
	const char *code;
} rfc6238_vector;

extern const char *const rfc4226_codes[10];
extern const rfc6238_vector rfc6238[18];
extern const char *const rfc6238_seeds[3];

#endif							/* UNIT_H */
