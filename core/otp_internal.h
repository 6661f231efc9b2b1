/*
 * otp_internal.h: helpers shared by the core's own files; not installed and
 * not used by the SQL wrappers.
 */
#ifndef OTP_INTERNAL_H
#define OTP_INTERNAL_H

#include "otp.h"
#include "otp_hmac.h"

/* A decoded secret. Lives on the stack of one core call; always wiped. */
typedef struct otp_key
{
	uint8_t		bytes[OTP_MAX_KEY_BYTES];
	size_t		len;
} otp_key;

/* Decode a base32 secret into key, mapping decoder errors to secret errors. */
int			otp_key_decode(otp_key *key, const char *secret, size_t secret_len);

/* Check digits, period (when check_period) and algorithm. */
int			otp_params_check(const otp_params *params, int check_period);

/*
 * Parse a user's code: drop spaces, then require exactly `digits` ASCII
 * digits. Return 1 and fill out[digits] on success, 0 for "no match".
 */
int			otp_code_parse(const char *code, size_t code_len, int digits,
						   char *out);

/*
 * Compute the HOTP code for counter with a prepared HMAC key into
 * out[OTP_CODE_BUFSIZE] (NUL-terminated).
 */
int			otp_hotp_from_hmac(const otp_hmac_key *hmac, uint64_t counter,
							   int digits, char *out);

/* Fill buf with len bytes from the OpenSSL CSPRNG. */
int			otp_random_bytes(uint8_t *buf, size_t len);

#endif							/* OTP_INTERNAL_H */
