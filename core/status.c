/*
 * status.c: messages for otp_status codes. They name the parameter and its
 * allowed range but never the value, which might be a secret or a code.
 */
#include "otp.h"

const char *
otp_strerror(int status)
{
	switch ((otp_status) status)
	{
		case OTP_OK:
			return "success";
		case OTP_ERR_SECRET_BASE32:
			return "secret is not valid base32";
		case OTP_ERR_SECRET_SHORT:
			return "secret is shorter than 10 bytes";
		case OTP_ERR_SECRET_LONG:
			return "secret is longer than 1024 bytes";
		case OTP_ERR_DIGITS:
			return "digits must be between 6 and 8";
		case OTP_ERR_PERIOD:
			return "period must be between 1 and 3600 seconds";
		case OTP_ERR_WINDOW:
			return "window must be between 0 and 10";
		case OTP_ERR_ALGORITHM:
			return "algorithm must be sha1, sha256 or sha512";
		case OTP_ERR_TIME:
			return "at must not be before 1970-01-01 00:00:00 UTC";
		case OTP_ERR_COUNTER:
			return "counter must not be negative";
		case OTP_ERR_LOOK_AHEAD:
			return "look_ahead must be between 0 and 100";
		case OTP_ERR_SECRET_BYTES:
			return "bytes must be between 16 and 64";
		case OTP_ERR_ACCOUNT_EMPTY:
			return "account must not be empty";
		case OTP_ERR_ACCOUNT_UTF8:
			return "account is not valid UTF-8";
		case OTP_ERR_ISSUER_EMPTY:
			return "issuer must not be empty (pass NULL for no issuer)";
		case OTP_ERR_ISSUER_UTF8:
			return "issuer is not valid UTF-8";
		case OTP_ERR_ISSUER_COLON:
			return "issuer must not contain ':'";
		case OTP_ERR_BUFFER:
			return "output buffer too small";
		case OTP_ERR_CRYPTO:
			return "OpenSSL digest computation failed";
		case OTP_ERR_RANDOM:
			return "OpenSSL random number generator failed";
	}
	return "unknown error";
}
