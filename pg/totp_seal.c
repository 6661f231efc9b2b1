/*
 * totp_seal.c: SQL functions that seal TOTP secrets at rest (core/seal.c)
 * with the keyring named by totp.keyring (totp_keyring.c).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "otp.h"
#include "totp_pg.h"

/* SQL function: totp_seal(secret text) returns text */
PG_FUNCTION_INFO_V1(totp_seal);
Datum
totp_seal(PG_FUNCTION_ARGS)
{
	text	   *secret = PG_GETARG_TEXT_PP(0);
	const otp_keyring *ring = totp_keyring_for_sealing();
	char		sealed[OTP_SEALED_BUFSIZE];
	size_t		len;

	totp_check(otp_seal(VARDATA_ANY(secret), VARSIZE_ANY_EXHDR(secret), ring,
						sealed, sizeof(sealed), &len));
	PG_RETURN_TEXT_P(cstring_to_text_with_len(sealed, (int) len));
}

/* SQL function: totp_reseal(sealed text) returns text */
PG_FUNCTION_INFO_V1(totp_reseal);
Datum
totp_reseal(PG_FUNCTION_ARGS)
{
	text	   *secret = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(secret);
	size_t		s_len = VARSIZE_ANY_EXHDR(secret);
	char		sealed[OTP_SEALED_BUFSIZE];
	size_t		len;

	if (!otp_is_sealed(s, s_len))
		totp_check(OTP_ERR_SEALED_NOT);
	totp_check(otp_reseal(s, s_len, totp_keyring_for_sealing(), sealed,
						  sizeof(sealed), &len));
	PG_RETURN_TEXT_P(cstring_to_text_with_len(sealed, (int) len));
}

/*
 * SQL function: totp_unseal(secret text) returns text
 * EXECUTE is revoked from PUBLIC: it discloses the secret.
 */
PG_FUNCTION_INFO_V1(totp_unseal);
Datum
totp_unseal(PG_FUNCTION_ARGS)
{
	text	   *secret = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(secret);
	size_t		s_len = VARSIZE_ANY_EXHDR(secret);
	char		plain[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
	int			status;
	text	   *result = NULL;

	status = otp_unseal(s, s_len, totp_keyring_for(s, s_len), plain, sizeof(plain));
	if (status == OTP_OK)
		result = cstring_to_text(plain);
	otp_wipe(plain, sizeof(plain));
	totp_check(status);
	PG_RETURN_TEXT_P(result);
}
