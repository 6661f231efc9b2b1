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
			return "an OpenSSL cryptographic call failed";
		case OTP_ERR_RANDOM:
			return "OpenSSL random number generator failed";
		case OTP_ERR_BASE64:
			return "stored value is not valid base64";
		case OTP_ERR_BACKUP_COUNT:
			return "count must be between 1 and 100";
		case OTP_ERR_BACKUP_CODE:
			return "codes must be backup codes as made by backup_codes_new";
		case OTP_ERR_BACKUP_DUPLICATE:
			return "codes must not contain the same code twice";
		case OTP_ERR_BACKUP_COST:
			return "iterations must be between 1000 and 10000000";
		case OTP_ERR_BACKUP_MALFORMED:
			return "stored backup codes are malformed";
		case OTP_ERR_BACKUP_VERSION:
			return "stored backup codes have an unknown format version or KDF";
		case OTP_ERR_BACKUP_CHECK:
			return "stored backup codes fail their integrity check (truncated or edited)";
		case OTP_ERR_KEYRING_NONE:
			return "secret is sealed, but no keyring is configured";
		case OTP_ERR_KEYRING_OPEN:
			return "could not read the keyring file";
		case OTP_ERR_KEYRING_TOO_LARGE:
			return "keyring file is larger than 16 kB";
		case OTP_ERR_KEYRING_SYNTAX:
			return "keyring line is not <key id>:<64 hex digits> (key ids: letters, digits, '_', '-', '.'; at most 32)";
		case OTP_ERR_KEYRING_KEY_LENGTH:
			return "keyring key is not 64 hex digits (an AES-256 key)";
		case OTP_ERR_KEYRING_DUPLICATE:
			return "keyring has the same key id twice";
		case OTP_ERR_KEYRING_EMPTY:
			return "keyring has no keys";
		case OTP_ERR_KEYRING_TOO_MANY:
			return "keyring has more than 64 keys";
		case OTP_ERR_SEALED_MALFORMED:
			return "sealed secret is malformed";
		case OTP_ERR_SEALED_VERSION:
			return "sealed secret has an unknown format version";
		case OTP_ERR_SEALED_KEY_ID:
			return "sealed secret's key id is not in the keyring";
		case OTP_ERR_SEALED_AUTH:
			return "sealed secret does not open with its key: the key is wrong or the value was altered";
		case OTP_ERR_SEALED_NOT:
			return "secret is not sealed (use totp_seal)";
		case OTP_ERR_BACKUP_TOO_MANY:
			return "codes must hold at most 100 codes";
		case OTP_ERR_URI_SCHEME:
			return "uri is not an otpauth:// URI";
		case OTP_ERR_URI_TYPE:
			return "otpauth URI type must be totp or hotp";
		case OTP_ERR_URI_ENCODING:
			return "otpauth URI has a malformed %-escape, an encoded NUL byte or invalid UTF-8";
		case OTP_ERR_URI_SECRET_MISSING:
			return "otpauth URI has no secret (its secret= parameter is missing or empty)";
		case OTP_ERR_URI_COUNTER:
			return "otpauth hotp URI needs a counter parameter (a non-negative integer)";
		case OTP_ERR_URI_DUPLICATE:
			return "otpauth URI repeats a parameter (secret, issuer, algorithm, digits, period or counter)";
		case OTP_ERR_QR_TOO_LONG:
			return "uri is too long for a QR code (at most 2331 bytes at error correction level M, 2330 with raw non-ASCII bytes)";
		case OTP_ERR_QR:
			return "the QR code encoder failed (out of memory)";
		case OTP_ERR_ACCOUNT_COLON:
			return "account must not contain ':' when there is no issuer (apps would read the part before it as the issuer)";
	}
	return "unknown error";
}
