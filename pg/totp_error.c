/*
 * totp_error.c: core status codes as PostgreSQL errors. The message is the
 * core's, which names the parameter and never contains a secret or a code;
 * the statement and the context (e.g. the PL/pgSQL statement that called
 * us) are kept out of the server log because their text may hold a literal
 * secret or code.
 */
#include "postgres.h"

#include <string.h>

#include "otp.h"
#include "totp_pg.h"

/* SQLSTATE for a core status: malformed input, bad parameter or our fault. */
static int
sqlstate_for(int status)
{
	switch ((otp_status) status)
	{
		case OTP_ERR_SECRET_BASE32:
		case OTP_ERR_BASE64:
		case OTP_ERR_BACKUP_MALFORMED:
		case OTP_ERR_BACKUP_VERSION:
		case OTP_ERR_BACKUP_CHECK:
		case OTP_ERR_SEALED_MALFORMED:
		case OTP_ERR_SEALED_VERSION:
		case OTP_ERR_URI_SCHEME:
		case OTP_ERR_URI_TYPE:
		case OTP_ERR_URI_ENCODING:
		case OTP_ERR_URI_SECRET_MISSING:
		case OTP_ERR_URI_COUNTER:
		case OTP_ERR_URI_DUPLICATE:
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
		case OTP_ERR_ACCOUNT_COLON:
		case OTP_ERR_BACKUP_COUNT:
		case OTP_ERR_BACKUP_CODE:
		case OTP_ERR_BACKUP_DUPLICATE:
		case OTP_ERR_BACKUP_COST:
		case OTP_ERR_BACKUP_TOO_MANY:
		case OTP_ERR_SEALED_KEY_ID:
		case OTP_ERR_SEALED_AUTH:
		case OTP_ERR_SEALED_NOT:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case OTP_ERR_KEYRING_NONE:
			return ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE;
		case OTP_ERR_KEYRING_OPEN:
		case OTP_ERR_KEYRING_TOO_LARGE:
		case OTP_ERR_KEYRING_SYNTAX:
		case OTP_ERR_KEYRING_KEY_LENGTH:
		case OTP_ERR_KEYRING_DUPLICATE:
		case OTP_ERR_KEYRING_EMPTY:
		case OTP_ERR_KEYRING_TOO_MANY:
			return ERRCODE_CONFIG_FILE_ERROR;
		case OTP_ERR_QR_TOO_LONG:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case OTP_ERR_QR:
			return ERRCODE_OUT_OF_MEMORY;
		case OTP_OK:
		case OTP_ERR_BUFFER:
		case OTP_ERR_CRYPTO:
		case OTP_ERR_RANDOM:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

void
totp_raise(int sqlstate, const char *message, const char *hint)
{
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("%s", message),
			 hint != NULL ? errhint("%s", hint) : 0,
			 errhidestmt(true),
			 errhidecontext(true)));
	pg_unreachable();
}

void
totp_check(int status)
{
	if (status != OTP_OK)
		totp_raise(sqlstate_for(status), otp_strerror(status), NULL);
}

static emit_log_hook_type previous_emit_log_hook = NULL;

/*
 * A parallel worker's error reaches the leader without its errhidestmt and
 * errhidecontext flags (PostgreSQL does not forward them), so the leader
 * would log the statement. The name of the function that raised it does
 * cross, so errors from totp_raise are recognised and hidden again here.
 */
static void
hide_totp_statements(ErrorData *edata)
{
	if (edata->funcname != NULL && strcmp(edata->funcname, "totp_raise") == 0)
	{
		edata->hide_stmt = true;
		edata->hide_ctx = true;
	}
	if (previous_emit_log_hook != NULL)
		previous_emit_log_hook(edata);
}

void
totp_install_log_hook(void)
{
	previous_emit_log_hook = emit_log_hook;
	emit_log_hook = hide_totp_statements;
}
