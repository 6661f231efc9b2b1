/*
 * otp_internal.h: helpers shared by the core's own files; not installed and
 * not used by the SQL wrappers.
 */
#ifndef OTP_INTERNAL_H
#define OTP_INTERNAL_H

#include <string.h>

#include "otp.h"
#include "otp_hmac.h"

/*
 * Declassify: len bytes at p, computed from secret data, are public from
 * here on, because the caller is told them (match or not, which step) or
 * because they only say where the input's layout lies (separators, padding,
 * well-formedness). A no-op unless built with -DOTP_CTGRIND for the
 * constant-time check (test/ct), where secrets are marked undefined and
 * valgrind's memcheck reports every branch or index that depends on them;
 * this tells it that these bytes may be branched on.
 */
#ifdef OTP_CTGRIND
#include <valgrind/memcheck.h>
#define OTP_DECLASSIFY(p, len) ((void) VALGRIND_MAKE_MEM_DEFINED((p), (len)))
#else
#define OTP_DECLASSIFY(p, len) ((void) 0)
#endif

/*
 * Branch-free tests on characters of secrets (values below 2^16): all ones
 * if the condition holds, else zero. The empty asm hides the mask from the
 * optimiser, which (clang) otherwise turns a masked select back into a
 * compare and a branch.
 */
static inline uint32_t
otp_mask_eq(uint32_t c, uint32_t x)
{
	uint32_t	m = 0u - (((c ^ x) - 1) >> 31);

#if defined(__GNUC__)
	__asm__("" : "+r"(m));
#endif
	return m;
}

/* All ones if lo <= c <= hi, else zero. */
static inline uint32_t
otp_mask_in_range(uint32_t c, uint32_t lo, uint32_t hi)
{
	return (((c - lo) | (hi - c)) >> 31) - 1u;
}

/*
 * Inlining hints for the verify path, where GCC's own choices cost calls
 * (or inline a cold path into a hot function): ignored by other compilers.
 */
#if defined(__GNUC__)
#define OTP_ALWAYS_INLINE inline __attribute__((always_inline))
#define OTP_NOINLINE __attribute__((noinline))
#else
#define OTP_ALWAYS_INLINE inline
#define OTP_NOINLINE
#endif

/*
 * Store words big-endian: where the compiler says how, as one byte swap and
 * one store, which it does not always see in the byte-by-byte form.
 */
static inline void
otp_put_be32(uint8_t *p, uint32_t v)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap32(v);
	memcpy(p, &v, sizeof(v));
#else
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
#endif
}

static inline void
otp_put_be64(uint8_t *p, uint64_t v)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
	memcpy(p, &v, sizeof(v));
#else
	otp_put_be32(p, (uint32_t) (v >> 32));
	otp_put_be32(p + 4, (uint32_t) v);
#endif
}

/*
 * A decoded secret. Lives on the stack of one core call; always wiped. len
 * comes first so that one wipe clears it and the bytes in use. After a
 * successful otp_key_decode, bytes past len are zero up to
 * OTP_HMAC_MAX_BLOCK, for otp_hmac_init_padded.
 */
typedef struct otp_key
{
	size_t		len;
	uint8_t		bytes[OTP_MAX_KEY_BYTES];
} otp_key;

/*
 * Decode a secret into key: base32, mapping decoder errors to secret errors,
 * or a sealed value opened with ring (which may be NULL for plain secrets).
 */
int			otp_key_decode(otp_key *key, const char *secret, size_t secret_len,
						   const otp_keyring *ring);

/*
 * Wipe a successfully decoded key: its len bytes (past them are only the
 * zeros otp_key_decode wrote). Failed decodes are wiped whole by
 * otp_key_decode itself.
 */
void		otp_key_wipe(otp_key *key);

/* Open a sealed value into key. */
int			otp_unseal_key(otp_key *key, const char *sealed, size_t len,
						   const otp_keyring *ring);

/* The keyring entry with this id, or NULL. */
const otp_keyring_key *otp_keyring_find(const otp_keyring *ring,
										const char *id, size_t id_len);

/* Check digits, period (when check_period) and algorithm. */
int			otp_params_check(const otp_params *params, int check_period);

/*
 * Parse a user's code: drop spaces, then require exactly `digits` ASCII
 * digits. Return 1 and set *value to the number they spell, or 0 for "no
 * match" (then *value means nothing). The caller wipes *value.
 */
int			otp_code_parse(const char *code, size_t code_len, int digits,
						   uint32_t *value);

/*
 * Compute the HOTP code for counter with a prepared HMAC key into
 * out[OTP_CODE_BUFSIZE] (NUL-terminated).
 */
int			otp_hotp_from_hmac(otp_hmac_key *hmac, uint64_t counter,
							   int digits, char *out);

/* Length of padded base64 for n bytes (without NUL). */
#define OTP_BASE64_LEN(n) ((((n) + 2) / 3) * 4)

/* Padded standard base64 of in[0..len) plus NUL into out. */
int			otp_base64_encode(const uint8_t *in, size_t len, char *out,
							  size_t out_size);

/* Strict decode of canonical padded base64; OTP_ERR_BASE64 otherwise. */
int			otp_base64_decode(const char *in, size_t len, uint8_t *out,
							  size_t out_size, size_t *out_len);

/* otp_backup_hash with a chosen PBKDF2 iteration count (tests, upgrades). */
int			otp_backup_hash_cost(const otp_text *codes, size_t count,
								 int iterations, char *out, size_t out_size,
								 size_t *out_len);

/* Fill buf with len bytes from the OpenSSL CSPRNG. */
int			otp_random_bytes(uint8_t *buf, size_t len);

/* The value of a hexadecimal digit (any case), or -1. Not constant time. */
int			otp_hex_digit(char c);

/* 1 if a[0..len) and b[0..len) are equal ignoring ASCII case, else 0. */
int			otp_ascii_equal_nocase(const char *a, const char *b, size_t len);

/* Return 1 if s[0..len) is well-formed UTF-8 (RFC 3629), else 0. */
int			otp_utf8_valid(const char *s, size_t len);

#endif							/* OTP_INTERNAL_H */
