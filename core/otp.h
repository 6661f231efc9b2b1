/*
 * otp.h: the portable core of totp (HOTP, TOTP, base32, otpauth URIs).
 *
 * Depends on libc and OpenSSL 3 only. The caller owns every buffer; no
 * function here allocates, prints or aborts. Every function returns OTP_OK (0)
 * or a negative otp_status, which otp_strerror() turns into a message that
 * names the offending parameter and never contains a secret or a code.
 *
 * Secrets are RFC 4648 base32 text, decoded leniently (any case, spaces and
 * hyphens ignored, '=' padding optional), or sealed values ("totp:v1:...")
 * opened with the keyring passed beside them (NULL when none is configured:
 * a sealed secret is then OTP_ERR_KEYRING_NONE). Decoded key bytes only ever
 * live in buffers inside the core, which are wiped before every return.
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
	OTP_ERR_CRYPTO = -18,			/* an OpenSSL digest or cipher call failed */
	OTP_ERR_RANDOM = -19,			/* the OpenSSL CSPRNG failed */
	OTP_ERR_BASE64 = -20,			/* a stored field is not canonical base64 */
	OTP_ERR_BACKUP_COUNT = -21,		/* backup_codes_new count out of range */
	OTP_ERR_BACKUP_CODE = -22,		/* a code to hash is not a backup code */
	OTP_ERR_BACKUP_DUPLICATE = -23, /* the same code twice in one set */
	OTP_ERR_BACKUP_COST = -24,		/* iteration count out of range */
	OTP_ERR_BACKUP_MALFORMED = -25, /* stored set is not in the stored format */
	OTP_ERR_BACKUP_VERSION = -26,	/* stored set of an unknown version or KDF */
	OTP_ERR_BACKUP_CHECK = -27,		/* stored set fails its check: edited or cut */
	OTP_ERR_KEYRING_NONE = -28,		/* a sealed secret, but no keyring configured */
	OTP_ERR_KEYRING_OPEN = -29,		/* keyring file cannot be opened or read */
	OTP_ERR_KEYRING_TOO_LARGE = -30,
	OTP_ERR_KEYRING_SYNTAX = -31,	/* a line is not <id>:<hex> */
	OTP_ERR_KEYRING_KEY_LENGTH = -32,	/* a key is not 64 hex digits */
	OTP_ERR_KEYRING_DUPLICATE = -33,	/* the same key id twice */
	OTP_ERR_KEYRING_EMPTY = -34,
	OTP_ERR_KEYRING_TOO_MANY = -35,
	OTP_ERR_SEALED_MALFORMED = -36, /* not totp:v1:<id>:<base64> */
	OTP_ERR_SEALED_VERSION = -37,	/* totp:<unknown version>: */
	OTP_ERR_SEALED_KEY_ID = -38,	/* key id not in the keyring */
	OTP_ERR_SEALED_AUTH = -39,		/* GCM tag mismatch: wrong key or altered */
	OTP_ERR_SEALED_NOT = -40,		/* reseal of a secret that is not sealed */
	OTP_ERR_BACKUP_TOO_MANY = -41,	/* more than 100 codes to hash */
	OTP_ERR_URI_SCHEME = -42,		/* not otpauth://, or no type */
	OTP_ERR_URI_TYPE = -43,			/* type other than totp or hotp */
	OTP_ERR_URI_ENCODING = -44,		/* bad %-escape, %00 or invalid UTF-8 */
	OTP_ERR_URI_SECRET_MISSING = -45,	/* no secret= parameter, or empty */
	OTP_ERR_URI_COUNTER = -46,		/* hotp without a valid counter= */
	OTP_ERR_URI_DUPLICATE = -47,	/* a known parameter given twice */
	OTP_ERR_QR_TOO_LONG = -48,		/* text does not fit in a QR code */
	OTP_ERR_QR = -49,				/* the QR encoder failed (out of memory) */
	OTP_ERR_ACCOUNT_COLON = -50		/* ':' in an account without an issuer */
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

/*
 * Sealed secrets: TOTP keys encrypted at rest with AES-256-GCM under a key
 * from a keyring (format in keyring.c and seal.c). Every function that takes
 * a secret also takes a keyring, which may be NULL while no secret is
 * sealed; a sealed secret is recognised by its "totp:" prefix.
 */
#define OTP_SEAL_KEY_BYTES 32
#define OTP_KEY_ID_MAX 32
#define OTP_KEYRING_MAX_KEYS 64

/* Bytes that hold any sealed secret, NUL included. */
#define OTP_SEALED_BUFSIZE \
	(sizeof("totp:v1::") - 1 + OTP_KEY_ID_MAX + (12 + OTP_MAX_KEY_BYTES + 16 + 2) / 3 * 4 + 1)

struct evp_cipher_ctx_st;		/* OpenSSL's EVP_CIPHER_CTX */

typedef struct otp_keyring_key
{
	char		id[OTP_KEY_ID_MAX + 1];
	uint8_t		key[OTP_SEAL_KEY_BYTES];
	/* Made at the key's first unseal and kept: its AES-GCM key schedule. */
	struct evp_cipher_ctx_st *opener;
} otp_keyring_key;

/*
 * Keys in file order; the last one seals. Secret: wipe with
 * otp_keyring_wipe, which also frees the cipher contexts that unsealing
 * caches in it (so that each key's schedule is computed once, not per
 * call). Because unsealing reuses those contexts, a keyring is used by one
 * thread at a time: the SQL wrappers keep one per backend or connection.
 */
typedef struct otp_keyring
{
	size_t		count;
	otp_keyring_key keys[OTP_KEYRING_MAX_KEYS];
} otp_keyring;

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
int			otp_hotp_code(const char *secret, size_t secret_len,
						  const otp_keyring *keyring, int64_t counter,
						  const otp_params *params, char *out);

/*
 * HOTP verify: compare the user's code with counters counter..counter +
 * look_ahead (0..OTP_MAX_LOOK_AHEAD). On a match set *next_counter to the
 * matched counter + 1, else to OTP_NO_MATCH. A code that is not exactly
 * params->digits ASCII digits once spaces are removed is no match, not an
 * error. Comparisons are constant time.
 */
int			otp_hotp_verify(const char *secret, size_t secret_len,
							const otp_keyring *keyring,
							const char *code, size_t code_len,
							int64_t counter, int look_ahead,
							const otp_params *params, int64_t *next_counter);

/*
 * TOTP (RFC 6238): write the code for Unix time `at` (>= 0) into
 * out[OTP_CODE_BUFSIZE].
 */
int			otp_totp_code(const char *secret, size_t secret_len,
						  const otp_keyring *keyring, int64_t at,
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
							const otp_keyring *keyring,
							const char *code, size_t code_len,
							int window, int64_t at, int64_t after_step,
							const otp_params *params, int64_t *matched_step);

/*
 * Bytes needed for otp_uri()'s output (including NUL) for inputs of these
 * lengths, plain or sealed secret alike, or 0 if that does not fit in a
 * size_t.
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
 * issuer must not contain ':'; nor may account when there is no issuer, since
 * readers split the label on its first ':' or "%3A" (see otp_uri_parse).
 * out must hold the URI and its NUL, which
 * otp_uri_bufsize() bytes always do (else OTP_ERR_BUFFER); *out_len gets
 * the length without the NUL.
 */
int			otp_uri(const char *secret, size_t secret_len,
					const otp_keyring *keyring,
					const char *account, size_t account_len,
					const char *issuer, size_t issuer_len,
					const otp_params *params,
					char *out, size_t out_size, size_t *out_len);

/*
 * Backup codes: single-use codes for users who lost their authenticator.
 * Each is 10 characters of Crockford's base32 (50 bits from the CSPRNG),
 * shown as "xxxxx-xxxxx" and accepted in any case, with or without the
 * separator and spaces. A set is stored as one text value (format in
 * backup.c) holding a PBKDF2-HMAC-SHA256 hash per code under one salt.
 */
#define OTP_BACKUP_CODE_LEN 11
#define OTP_BACKUP_CODE_BUFSIZE (OTP_BACKUP_CODE_LEN + 1)
#define OTP_BACKUP_MIN_COUNT 1
#define OTP_BACKUP_MAX_COUNT 100
#define OTP_BACKUP_DEFAULT_COUNT 10
#define OTP_BACKUP_ITERATIONS 600000	/* OWASP 2023 for PBKDF2-HMAC-SHA256 */

/* A borrowed string that need not be NUL-terminated. */
typedef struct otp_text
{
	const char *ptr;
	size_t		len;
} otp_text;

/*
 * Write `count` (OTP_BACKUP_MIN_COUNT..OTP_BACKUP_MAX_COUNT) fresh codes into
 * out, each in its own OTP_BACKUP_CODE_BUFSIZE-byte NUL-terminated slot, so
 * out must hold count * OTP_BACKUP_CODE_BUFSIZE bytes. On failure out is
 * wiped.
 */
int			otp_backup_codes_new(int count, char *out, size_t out_size);

/* Bytes a stored set of `count` codes needs, NUL included; 0 if too many. */
size_t		otp_backup_set_bufsize(size_t count);

/*
 * Hash `count` codes (at most OTP_BACKUP_MAX_COUNT, each a valid backup code,
 * no two alike) into a storable set in out (otp_backup_set_bufsize(count)
 * bytes), with a fresh salt and OTP_BACKUP_ITERATIONS. Costs one PBKDF2
 * evaluation per code.
 */
int			otp_backup_hash(const otp_text *codes, size_t count,
							char *out, size_t out_size, size_t *out_len);

/*
 * Check code against a stored set. On a match set *matched to 1 and write the
 * set without that code into out (which must hold set_len + 1 bytes); else
 * *matched is 0 and out is unspecified. A code that cannot be a backup code
 * is no match, not an error; a malformed, unknown-version or edited set is an
 * error. Costs one PBKDF2 evaluation whatever the set's size, none when the
 * set is empty or the code malformed.
 */
int			otp_backup_consume(const char *set, size_t set_len,
							   const char *code, size_t code_len,
							   char *out, size_t out_size, size_t *out_len,
							   int *matched);

/* Count the codes left in a stored set, validating it; no PBKDF2. */
int			otp_backup_remaining(const char *set, size_t set_len, int *remaining);

/*
 * Parse keyring text into ring, which need not be initialised: it is
 * cleared first, so a keyring that has unsealed must be wiped before it is
 * parsed into again, or its cached contexts leak. On error ring is wiped
 * and *bad_line is the 1-based line at fault (0 when the error is not about
 * one line). Errors never hold key material.
 */
int			otp_keyring_parse(otp_keyring *ring, const char *text, size_t len,
							  size_t *bad_line);

/*
 * Read and parse the keyring file at path (at most 16 kB), into ring as
 * otp_keyring_parse does. On OTP_ERR_KEYRING_OPEN, *os_errno is the errno
 * of the failing call.
 */
int			otp_keyring_load(otp_keyring *ring, const char *path,
							 size_t *bad_line, int *os_errno);

/* Free the contexts cached in a parsed or loaded keyring, then zero it. */
void		otp_keyring_wipe(otp_keyring *ring);

/* Return 1 if secret is a sealed value ("totp:" prefix), else 0. */
int			otp_is_sealed(const char *secret, size_t len);

/*
 * Seal a secret (plain base32, or sealed: then it is re-encrypted) under
 * the keyring's newest key with a fresh nonce into out (OTP_SEALED_BUFSIZE).
 */
int			otp_seal(const char *secret, size_t len, const otp_keyring *ring,
					 char *out, size_t out_size, size_t *out_len);

/*
 * Re-encrypt a sealed secret under the newest key; one already sealed under
 * it is checked and returned unchanged. A plain secret is OTP_ERR_SEALED_NOT.
 */
int			otp_reseal(const char *sealed, size_t len, const otp_keyring *ring,
					   char *out, size_t out_size, size_t *out_len);

/*
 * The plain secret (canonical base32 + NUL; out holds
 * OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1 bytes) of a sealed or plain secret.
 */
int			otp_unseal(const char *secret, size_t len, const otp_keyring *ring,
					   char *out, size_t out_size);

/* Wipe len bytes at p in a way the compiler cannot remove. */
void		otp_wipe(void *p, size_t len);

/*
 * otpauth URI parsing: the fields of a totp or hotp URI, read as leniently
 * as authenticator apps read them (scheme, type and parameter names in any
 * case; '+' in a query value is a space; unknown parameters and a #fragment
 * ignored) but never guessing: a known parameter given twice, a bad
 * %-escape, an encoded NUL or invalid UTF-8 is an error.
 */
typedef enum otp_otpauth_type
{
	OTP_OTPAUTH_TOTP = 0,
	OTP_OTPAUTH_HOTP
} otp_otpauth_type;

typedef struct otp_uri_fields
{
	otp_otpauth_type type;
	otp_text	issuer;			/* issuer= if non-empty, else the label
								 * prefix; .ptr NULL when neither */
	otp_text	account;		/* the label after the issuer prefix, leading
								 * spaces dropped; never empty */
	otp_text	secret;			/* canonical base32: upper case, no padding */
	otp_params	params;			/* defaults SHA1, 6, 30 where absent;
								 * period is meaningless for hotp */
	int64_t		counter;		/* hotp: counter= (>= 0); totp: -1 */
} otp_uri_fields;

/* Bytes of work buffer otp_uri_parse() needs for a URI; 0 if too large. */
size_t		otp_uri_parse_bufsize(size_t uri_len);

/*
 * Parse an otpauth:// URI. The label is split on its first ':' or "%3A"
 * before %-decoding, so an encoded colon inside a part cannot move the
 * split. The secret must be present and valid (as for every other
 * function: OTP_ERR_SECRET_*); digits, period and algorithm must be in the
 * ranges the other functions accept; a hotp URI must carry counter=. The
 * strings in *fields point into buf (otp_uri_parse_bufsize(uri_len) bytes,
 * NUL-terminated each), which then holds the secret: wipe it after use.
 */
int			otp_uri_parse(const char *uri, size_t uri_len,
						  char *buf, size_t buf_size, otp_uri_fields *fields);

/* "totp" or "hotp". */
const char *otp_otpauth_type_name(otp_otpauth_type type);

/* The lower-case name the SQL functions take ("sha1", ...). */
const char *otp_algorithm_name(otp_algorithm algorithm);

/*
 * QR codes of otpauth URIs for enrolment, through libqrencode: error
 * correction level M, a quiet zone of 4 modules. The URI is checked with
 * otp_uri_parse() first, so an authenticator app can read what is drawn.
 * Not constant time: the code shows the secret to the user anyway.
 */
#define OTP_QR_MAX_WIDTH 177		/* modules of a version 40 symbol */
#define OTP_QR_MAX_URI 2331			/* bytes that fit at level M */
#define OTP_QR_MAX_URI_UTF8 2330	/* with raw non-ASCII bytes: the UTF-8
									 * ECI header takes 12 bits */
#define OTP_QR_QUIET_ZONE 4

typedef struct otp_qr
{
	int			width;			/* modules per side, quiet zone excluded */
	uint8_t		dark[OTP_QR_MAX_WIDTH * OTP_QR_MAX_WIDTH];	/* row-major,
															 * 1 = dark */
} otp_qr;

/* Encode uri into qr. It holds the secret: otp_wipe() it after use. */
int			otp_qr_encode(const char *uri, size_t uri_len, otp_qr *qr);

/*
 * Draw qr as a standalone SVG document (a white square with the dark
 * modules as one path). With out NULL only *out_len (the length without
 * the NUL) is set; otherwise out must hold *out_len + 1 bytes, or
 * OTP_ERR_BUFFER.
 */
int			otp_qr_svg(const otp_qr *qr, char *out, size_t out_size,
					   size_t *out_len);

/*
 * Draw qr with Unicode half blocks, two module rows per line, each line
 * ending in '\n'. Light modules (and the quiet zone) are drawn as ink and
 * dark ones as blank, for the usual light-on-dark terminal. Sizes as for
 * otp_qr_svg().
 */
int			otp_qr_text(const otp_qr *qr, char *out, size_t out_size,
						size_t *out_len);

#endif							/* OTP_H */
