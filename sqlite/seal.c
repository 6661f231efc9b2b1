/*
 * seal.c: sealing TOTP secrets at rest (core/seal.c).
 *
 *   totp_seal(secret)     -> sealed under the keyring's newest key
 *   totp_unseal(secret)   -> plain base32 (DIRECTONLY: discloses the secret)
 *   totp_reseal(sealed)   -> under the newest key (unchanged if it already is)
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include "totp_sqlite.h"

/* totp_seal(secret) */
void
totp_seal(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		sealed[OTP_SEALED_BUFSIZE];
	const otp_keyring *ring;
	const char *secret;
	size_t		len;
	size_t		sealed_len;
	int			status;

	if (any_null(ctx, argc, argv) || !keyring_for_sealing(ctx, &ring))
		return;
	secret = arg_text(argv, 0, &len);
	status = otp_seal(secret, len, ring, sealed, sizeof(sealed), &sealed_len);
	if (status != OTP_OK)
		result_status(ctx, status);
	else
		sqlite3_result_text(ctx, sealed, (int) sealed_len, SQLITE_TRANSIENT);
}

/* totp_unseal(secret) */
void
totp_unseal(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		plain[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
	const otp_keyring *ring;
	const char *secret;
	size_t		len;
	int			status;

	if (any_null(ctx, argc, argv))
		return;
	secret = arg_text(argv, 0, &len);
	if (!keyring_for(ctx, secret, len, &ring))
		return;
	status = otp_unseal(secret, len, ring, plain, sizeof(plain));
	if (status != OTP_OK)
		result_status(ctx, status);
	else
		sqlite3_result_text(ctx, plain, -1, SQLITE_TRANSIENT);
	otp_wipe(plain, sizeof(plain));
}

/* totp_reseal(sealed) */
void
totp_reseal(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		sealed[OTP_SEALED_BUFSIZE];
	const otp_keyring *ring;
	const char *secret;
	size_t		len;
	size_t		sealed_len;
	int			status;

	if (any_null(ctx, argc, argv))
		return;
	secret = arg_text(argv, 0, &len);
	if (!otp_is_sealed(secret, len))
	{
		result_status(ctx, OTP_ERR_SEALED_NOT);
		return;
	}
	if (!keyring_for_sealing(ctx, &ring))
		return;
	status = otp_reseal(secret, len, ring, sealed, sizeof(sealed), &sealed_len);
	if (status != OTP_OK)
		result_status(ctx, status);
	else
		sqlite3_result_text(ctx, sealed, (int) sealed_len, SQLITE_TRANSIENT);
}
