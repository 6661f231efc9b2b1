/*
 * totp.c: the PostgreSQL extension's SQL functions. Each one decodes its
 * arguments, makes one core call and returns the result or raises the core's
 * status as an error (pg/totp_error.c). Defaults and named arguments live in
 * totp--*.sql; here every argument is present.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "otp.h"
#include "totp_pg.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	totp_keyring_define_setting();
	totp_install_log_hook();
}

/* Pointer and length of a text argument, without copying it. */
static const char *
text_arg(FunctionCallInfo fcinfo, int i, size_t *len)
{
	text	   *t = PG_GETARG_TEXT_PP(i);

	*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

/* Unix seconds for a timestamptz, rounded down; infinities are refused. */
static int64
timestamptz_arg(FunctionCallInfo fcinfo, int i)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(i);
	int64		seconds;

	if (TIMESTAMP_NOT_FINITE(ts))
		totp_raise(ERRCODE_INVALID_PARAMETER_VALUE,
				   "at must be a finite timestamp", NULL);
	seconds = ts / USECS_PER_SEC;
	if (ts % USECS_PER_SEC < 0)
		seconds--;
	return seconds + (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY;
}

/* digits, period (unless period_arg < 0) and algorithm arguments. */
static otp_params
params_args(FunctionCallInfo fcinfo, int digits_arg, int period_arg,
			int algorithm_arg)
{
	otp_params	params;
	size_t		len;
	const char *name = text_arg(fcinfo, algorithm_arg, &len);

	params.digits = PG_GETARG_INT32(digits_arg);
	params.period = period_arg >= 0 ? PG_GETARG_INT32(period_arg) : OTP_DEFAULT_PERIOD;
	totp_check(otp_algorithm_parse(name, len, &params.algorithm));
	return params;
}

/* SQL function: totp_new_secret(bytes int) returns text */
PG_FUNCTION_INFO_V1(totp_new_secret);
Datum
totp_new_secret(PG_FUNCTION_ARGS)
{
	char		secret[OTP_BASE32_LEN(OTP_MAX_NEW_SECRET_BYTES) + 1];
	int			status = otp_new_secret(PG_GETARG_INT32(0), secret, sizeof(secret));
	text	   *result;

	totp_check(status);
	result = cstring_to_text(secret);
	otp_wipe(secret, sizeof(secret));
	PG_RETURN_TEXT_P(result);
}

/*
 * SQL function: totp_code(secret text, at timestamptz, digits int,
 *                         period int, algorithm text) returns text
 */
PG_FUNCTION_INFO_V1(totp_code);
Datum
totp_code(PG_FUNCTION_ARGS)
{
	size_t		secret_len;
	const char *secret = text_arg(fcinfo, 0, &secret_len);
	int64		at = timestamptz_arg(fcinfo, 1);
	otp_params	params = params_args(fcinfo, 2, 3, 4);
	char		code[OTP_CODE_BUFSIZE];

	totp_check(otp_totp_code(secret, secret_len,
							 totp_keyring_for(secret, secret_len), at, &params, code));
	PG_RETURN_TEXT_P(cstring_to_text(code));
}

/*
 * Shared by totp_verify and totp_verify_step: the arguments from window on
 * start at window_arg. Returns the matched step or OTP_NO_MATCH.
 */
static int64
verify_step(FunctionCallInfo fcinfo, int64 after_step, int window_arg)
{
	size_t		secret_len;
	size_t		code_len;
	const char *secret = text_arg(fcinfo, 0, &secret_len);
	const char *code = text_arg(fcinfo, 1, &code_len);
	int			window = PG_GETARG_INT32(window_arg);
	int64		at = timestamptz_arg(fcinfo, window_arg + 1);
	otp_params	params = params_args(fcinfo, window_arg + 2, window_arg + 3,
									 window_arg + 4);
	int64_t		matched;

	totp_check(otp_totp_verify(secret, secret_len,
							   totp_keyring_for(secret, secret_len),
							   code, code_len, window, at, after_step, &params,
							   &matched));
	return matched;
}

/*
 * SQL function: totp_verify(secret text, code text, window int,
 *                           at timestamptz, digits int, period int,
 *                           algorithm text) returns boolean
 */
PG_FUNCTION_INFO_V1(totp_verify);
Datum
totp_verify(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(verify_step(fcinfo, -1, 2) != OTP_NO_MATCH);
}

/*
 * SQL function: totp_verify_step(secret text, code text, after_step bigint,
 *                                window int, at timestamptz, digits int,
 *                                period int, algorithm text) returns bigint
 * Not strict: a NULL after_step means "no step used yet".
 */
PG_FUNCTION_INFO_V1(totp_verify_step);
Datum
totp_verify_step(PG_FUNCTION_ARGS)
{
	int64		matched;

	for (int i = 0; i < PG_NARGS(); i++)
		if (i != 2 && PG_ARGISNULL(i))
			PG_RETURN_NULL();
	matched = verify_step(fcinfo, PG_ARGISNULL(2) ? -1 : PG_GETARG_INT64(2), 3);
	if (matched == OTP_NO_MATCH)
		PG_RETURN_NULL();
	PG_RETURN_INT64(matched);
}

/*
 * SQL function: hotp_code(secret text, counter bigint, digits int,
 *                         algorithm text) returns text
 */
PG_FUNCTION_INFO_V1(hotp_code);
Datum
hotp_code(PG_FUNCTION_ARGS)
{
	size_t		secret_len;
	const char *secret = text_arg(fcinfo, 0, &secret_len);
	otp_params	params = params_args(fcinfo, 2, -1, 3);
	char		code[OTP_CODE_BUFSIZE];

	totp_check(otp_hotp_code(secret, secret_len,
							 totp_keyring_for(secret, secret_len),
							 PG_GETARG_INT64(1), &params, code));
	PG_RETURN_TEXT_P(cstring_to_text(code));
}

/*
 * SQL function: hotp_verify(secret text, code text, counter bigint,
 *                           look_ahead int, digits int, algorithm text)
 *                           returns bigint (the next counter, or NULL)
 */
PG_FUNCTION_INFO_V1(hotp_verify);
Datum
hotp_verify(PG_FUNCTION_ARGS)
{
	size_t		secret_len;
	size_t		code_len;
	const char *secret = text_arg(fcinfo, 0, &secret_len);
	const char *code = text_arg(fcinfo, 1, &code_len);
	otp_params	params = params_args(fcinfo, 4, -1, 5);
	int64_t		next;

	totp_check(otp_hotp_verify(secret, secret_len,
							   totp_keyring_for(secret, secret_len),
							   code, code_len, PG_GETARG_INT64(2),
							   PG_GETARG_INT32(3), &params, &next));
	if (next == OTP_NO_MATCH)
		PG_RETURN_NULL();
	PG_RETURN_INT64(next);
}

const char *
totp_utf8_arg(FunctionCallInfo fcinfo, int i, size_t *len)
{
	const char *s = text_arg(fcinfo, i, len);
	char	   *converted;

	/*
	 * SQL_ASCII promises no encoding at all: hand the bytes to the core,
	 * whose UTF-8 check reports bad ones as our error, not the conversion's
	 * (which would log the statement, secret included).
	 */
	if (totp_db_text_is_utf8() || *len == 0)
		return s;
	converted = pg_server_to_any(s, (int) *len, PG_UTF8);
	if (converted != s)
		*len = strlen(converted);
	return converted;
}

/*
 * SQL function: otpauth_uri(secret text, account text, issuer text,
 *                           digits int, period int, algorithm text)
 *                           returns text
 * Not strict: a NULL issuer means a URI without an issuer.
 */
PG_FUNCTION_INFO_V1(otpauth_uri);
Datum
otpauth_uri(PG_FUNCTION_ARGS)
{
	size_t		secret_len;
	size_t		account_len;
	size_t		issuer_len = 0;
	const char *secret;
	const char *account;
	const char *issuer = NULL;
	otp_params	params;
	size_t		bufsize;
	size_t		uri_len;
	text	   *result;

	for (int i = 0; i < PG_NARGS(); i++)
		if (i != 2 && PG_ARGISNULL(i))
			PG_RETURN_NULL();
	secret = text_arg(fcinfo, 0, &secret_len);
	account = totp_utf8_arg(fcinfo, 1, &account_len);
	if (!PG_ARGISNULL(2))
		issuer = totp_utf8_arg(fcinfo, 2, &issuer_len);
	params = params_args(fcinfo, 3, 4, 5);

	bufsize = otp_uri_bufsize(secret_len, account_len, issuer_len);
	if (bufsize == 0 || bufsize > MaxAllocSize - VARHDRSZ)
		totp_raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED,
				   "account and issuer are too long for an otpauth URI", NULL);
	result = palloc(VARHDRSZ + bufsize);
	totp_check(otp_uri(secret, secret_len, totp_keyring_for(secret, secret_len),
					   account, account_len, issuer, issuer_len, &params,
					   VARDATA(result), bufsize, &uri_len));
	SET_VARSIZE(result, VARHDRSZ + uri_len);
	PG_RETURN_TEXT_P(result);
}
