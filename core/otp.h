/*
 * otp.h: the portable core of totp (HOTP, TOTP, base32, otpauth URIs).
 *
 * Depends on libc and OpenSSL 3 only. The caller owns every buffer; no
 * function here allocates, prints or aborts. Every function returns OTP_OK (0)
 * or a negative otp_status, which otp_strerror() turns into a message that
 * names the offending parameter and never contains a secret or a code.
 *
 * Secrets are RFC 4648 base32 text, decoded leniently (any case, spaces and
 * hyphens ignored, '=' padding optional). Decoded key bytes only ever live in
 * buffers inside the core, which are wiped before every return.
 */
#ifndef OTP_H
#define OTP_H

#include <stddef.h>
#include <stdint.h>

typedef enum otp_status
{
	OTP_OK = 0,
	OTP_ERR_SECRET_BASE32 = -1,		/* secret has a non-base32 character or length */
	OTP_ERR_SECRET_SHORT = -2,		/* decoded secret < OTP_MIN_KEY_BYTES */
	OTP_ERR_SECRET_LONG = -3,		/* decoded secret > OTP_MAX_KEY_BYTES */
	OTP_ERR_DIGITS = -4,
	OTP_ERR_PERIOD = -5,
	OTP_ERR_WINDOW = -6,
	OTP_ERR_ALGORITHM = -7,
	OTP_ERR_TIME = -8,				/* negative Unix time */
	OTP_ERR_COUNTER = -9,			/* negative HOTP counter */
	OTP_ERR_LOOK_AHEAD = -10,
	OTP_ERR_SECRET_BYTES = -11,		/* totp_new_secret size out of range */
	OTP_ERR_ACCOUNT_EMPTY = -12,
	OTP_ERR_ACCOUNT_UTF8 = -13,
	OTP_ERR_ISSUER_EMPTY = -14,
	OTP_ERR_ISSUER_UTF8 = -15,
	OTP_ERR_ISSUER_COLON = -16,
	OTP_ERR_BUFFER = -17,			/* caller's output buffer too small */
	OTP_ERR_CRYPTO = -18,			/* an OpenSSL digest call failed */
	OTP_ERR_RANDOM = -19			/* the OpenSSL CSPRNG failed */
} otp_status;

typedef enum otp_algorithm
{
	OTP_SHA1 = 0,
	OTP_SHA256,
	OTP_SHA512
} otp_algorithm;

/* Limits and defaults shared by both SQL wrappers. */
#define OTP_MIN_KEY_BYTES 10		/* RFC 4226 section 4: at least 128 bits is
									 * advised; 80 bits is the floor apps accept */
#define OTP_MAX_KEY_BYTES 1024
#define OTP_MIN_DIGITS 6
#define OTP_MAX_DIGITS 8
#define OTP_MIN_PERIOD 1
#define OTP_MAX_PERIOD 3600
#define OTP_MAX_WINDOW 10
#define OTP_MAX_LOOK_AHEAD 100
#define OTP_MIN_NEW_SECRET_BYTES 16
#define OTP_MAX_NEW_SECRET_BYTES 64
#define OTP_DEFAULT_NEW_SECRET_BYTES 20
#define OTP_DEFAULT_DIGITS 6
#define OTP_DEFAULT_PERIOD 30
#define OTP_DEFAULT_WINDOW 1

/* Returned in *matched when a code does not match. */
#define OTP_NO_MATCH (-1)

/* Size of a buffer that holds any code plus its NUL. */
#define OTP_CODE_BUFSIZE (OTP_MAX_DIGITS + 1)

/* Length of the unpadded base32 text for n bytes (without NUL). */
#define OTP_BASE32_LEN(n) (((n) * 8 + 4) / 5)

/* Code generation parameters; TOTP also uses period. */
typedef struct otp_params
{
	int			digits;			/* OTP_MIN_DIGITS..OTP_MAX_DIGITS */
	int			period;			/* seconds, OTP_MIN_PERIOD..OTP_MAX_PERIOD */
	otp_algorithm algorithm;
} otp_params;

/* Return a static, secret-free English message for a status code. */
const char *otp_strerror(int status);

/*
 * Parse an algorithm name ("sha1", "sha256", "sha512", any case) of len bytes.
 * Return OTP_OK and set *out, or OTP_ERR_ALGORITHM.
 */
int			otp_algorithm_parse(const char *name, size_t len, otp_algorithm *out);

/* Return the upper-case name used in otpauth URIs ("SHA1", ...). */
const char *otp_algorithm_uri_name(otp_algorithm algorithm);

/*
 * Base32 (RFC 4648). Decode in_len bytes of text leniently into out (at most
 * out_size bytes), setting *out_len. Return OTP_ERR_SECRET_BASE32 on a bad
 * character, misplaced padding or an impossible length (1, 3 or 6 characters
 * modulo 8), OTP_ERR_BUFFER when out is too small. Leaves out unspecified on
 * error; the caller wipes it.
 */
int			otp_base32_decode(const char *in, size_t in_len,
							  uint8_t *out, size_t out_size, size_t *out_len);

/*
 * Encode len bytes as upper-case unpadded base32 plus a NUL into out, which
 * must hold OTP_BASE32_LEN(len) + 1 bytes, or return OTP_ERR_BUFFER.
 */
int			otp_base32_encode(const uint8_t *in, size_t len,
							  char *out, size_t out_size);

/*
 * Write a fresh secret of `bytes` random bytes (OTP_MIN_NEW_SECRET_BYTES..
 * OTP_MAX_NEW_SECRET_BYTES) from the OpenSSL CSPRNG as base32 into out, which
 * must hold OTP_BASE32_LEN(bytes) + 1 bytes. On any failure out holds "".
 */
int			otp_new_secret(int bytes, char *out, size_t out_size);

/*
 * HOTP (RFC 4226): write the code for `counter` (>= 0) into
 * out[OTP_CODE_BUFSIZE], NUL-terminated, leading zeros kept. params->period
 * is ignored.
 */
int			otp_hotp_code(const char *secret, size_t secret_len, int64_t counter,
						  const otp_params *params, char *out);

/*
 * HOTP verify: compare the user's code with counters counter..counter +
 * look_ahead (0..OTP_MAX_LOOK_AHEAD). On a match set *next_counter to the
 * matched counter + 1, else to OTP_NO_MATCH. A code that is not exactly
 * params->digits ASCII digits once spaces are removed is no match, not an
 * error. Comparisons are constant time.
 */
int			otp_hotp_verify(const char *secret, size_t secret_len,
							const char *code, size_t code_len,
							int64_t counter, int look_ahead,
							const otp_params *params, int64_t *next_counter);

/*
 * TOTP (RFC 6238): write the code for Unix time `at` (>= 0) into
 * out[OTP_CODE_BUFSIZE].
 */
int			otp_totp_code(const char *secret, size_t secret_len, int64_t at,
						  const otp_params *params, char *out);

/*
 * TOTP verify: compare the user's code with the time steps within `window`
 * (0..OTP_MAX_WINDOW) of the step of `at`, skipping every step <= after_step
 * (pass a negative after_step for no replay guard). Set *matched_step to the
 * earliest matching step, or OTP_NO_MATCH. Every step in the window is
 * computed whatever matches, and compared in constant time. Malformed codes
 * are no match, as for otp_hotp_verify().
 */
int			otp_totp_verify(const char *secret, size_t secret_len,
							const char *code, size_t code_len,
							int window, int64_t at, int64_t after_step,
							const otp_params *params, int64_t *matched_step);

/*
 * Bytes needed for otp_uri()'s output (including NUL) for inputs of these
 * lengths, or 0 if that does not fit in a size_t.
 */
size_t		otp_uri_bufsize(size_t secret_len, size_t account_len,
							size_t issuer_len);

/*
 * Build an otpauth://totp/ URI in Google's Key Uri Format: label
 * "issuer:account" (or "account" when issuer is NULL), both parts
 * percent-encoded as UTF-8 (RFC 3986 unreserved characters kept, %20 for
 * space), secret canonicalised (upper case, no padding), issuer repeated as a
 * query parameter, and algorithm, digits and period only where they differ
 * from SHA1, 6 and 30. account and issuer must be non-empty valid UTF-8, and
 * issuer must not contain ':'. out must hold otp_uri_bufsize() bytes; *out_len
 * gets the length without the NUL.
 */
int			otp_uri(const char *secret, size_t secret_len,
					const char *account, size_t account_len,
					const char *issuer, size_t issuer_len,
					const otp_params *params,
					char *out, size_t out_size, size_t *out_len);

/* Wipe len bytes at p in a way the compiler cannot remove. */
void		otp_wipe(void *p, size_t len);

#endif							/* OTP_H */
