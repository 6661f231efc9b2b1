/*
 * totp_error.c: core status codes as PostgreSQL errors. The message is the
 * core's, which names the parameter and never contains a secret or a code.
 */
#include "postgres.h"

#include "otp.h"
#include "totp_pg.h"

/* SQLSTATE for a core status: malformed input, bad parameter or our fault. */
static int
sqlstate_for(int status)
{
	switch ((otp_status) status)
	{
		case OTP_ERR_SECRET_BASE32:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case OTP_ERR_SECRET_SHORT:
		case OTP_ERR_SECRET_LONG:
		case OTP_ERR_DIGITS:
		case OTP_ERR_PERIOD:
		case OTP_ERR_WINDOW:
		case OTP_ERR_ALGORITHM:
		case OTP_ERR_TIME:
		case OTP_ERR_COUNTER:
		case OTP_ERR_LOOK_AHEAD:
		case OTP_ERR_SECRET_BYTES:
		case OTP_ERR_ACCOUNT_EMPTY:
		case OTP_ERR_ACCOUNT_UTF8:
		case OTP_ERR_ISSUER_EMPTY:
		case OTP_ERR_ISSUER_UTF8:
		case OTP_ERR_ISSUER_COLON:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case OTP_OK:
		case OTP_ERR_BUFFER:
		case OTP_ERR_CRYPTO:
		case OTP_ERR_RANDOM:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

void
totp_check(int status)
{
	if (status == OTP_OK)
		return;
	ereport(ERROR,
			(errcode(sqlstate_for(status)),
			 errmsg("%s", otp_strerror(status))));
}
