/*
 * totp.c: the SQLite loadable extension (entry point sqlite3_totp_init).
 *
 * SQL functions added, with the same names, argument order and results as
 * the PostgreSQL extension (times are Unix seconds; trailing arguments may be
 * omitted; a NULL argument gives NULL unless noted):
 *
 *   totp_new_secret([bytes])                                  -> text
 *   totp_code(secret [, at, digits, period, algorithm])       -> text
 *   totp_verify(secret, code [, window, at, digits, period, algorithm])
 *                                                             -> 0 or 1
 *   totp_verify_step(secret, code [, after_step, window, at, digits, period,
 *                    algorithm])         -> matched step or NULL
 *                                           (after_step NULL: no replay guard)
 *   hotp_code(secret, counter [, digits, algorithm])          -> text
 *   hotp_verify(secret, code, counter [, look_ahead, digits, algorithm])
 *                                        -> next counter or NULL
 *   otpauth_uri(secret, account [, issuer, digits, period, algorithm])
 *                                        -> text (issuer NULL: none)
 *   otpauth_parse(uri), otpauth_qr_svg(uri), otpauth_qr_text(uri)
 *                                        -> see otpauth.c
 *   backup_codes_new([count]), backup_codes_hash(codes_json),
 *   consume_backup_code(codes_hashed, code), backup_codes_remaining(codes_hashed)
 *                                        -> see backup_codes.c
 *   totp_keyring(path)                   -> see keyring.c
 *   totp_seal(secret), totp_unseal(secret), totp_reseal(sealed)
 *                                        -> see seal.c
 *
 * Every `secret` may be plain base32 or sealed ("totp:v1:..."), opened with
 * the connection's keyring.
 *
 * Errors in configuration (digits, period, a malformed secret...) raise an SQL
 * error prefixed with the function name; a wrong code is just no match.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "totp_sqlite.h"

/* totp_new_secret([bytes]) */
static void
totp_new_secret(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		secret[OTP_BASE32_LEN(OTP_MAX_NEW_SECRET_BYTES) + 1];
	int			bytes;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_int(ctx, argc, argv, 0, "bytes", OTP_DEFAULT_NEW_SECRET_BYTES, &bytes))
		return;
	status = otp_new_secret(bytes, secret, sizeof(secret));
	if (status != OTP_OK)
		result_status(ctx, status);
	else
		sqlite3_result_text(ctx, secret, -1, SQLITE_TRANSIENT);
	otp_wipe(secret, sizeof(secret));
}

/* totp_code(secret [, at, digits, period, algorithm]) */
static void
totp_code(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		code[OTP_CODE_BUFSIZE];
	const char *secret;
	size_t		secret_len;
	const otp_keyring *ring;
	int64_t		at;
	otp_params	params;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_time(ctx, argc, argv, 1, &at) ||
		!arg_params(ctx, argc, argv, 2, 1, &params))
		return;
	secret = arg_text(argv, 0, &secret_len);
	if (!keyring_for(ctx, secret, secret_len, &ring))
		return;
	status = otp_totp_code(secret, secret_len, ring, at, &params, code);
	if (status != OTP_OK)
		result_status(ctx, status);
	else
		sqlite3_result_text(ctx, code, -1, SQLITE_TRANSIENT);
	otp_wipe(code, sizeof(code));
}

/*
 * Shared by totp_verify and totp_verify_step: arguments from `window` on
 * start at window_arg. Returns 0 if an error was set.
 */
static int
verify_step(sqlite3_context *ctx, int argc, sqlite3_value **argv,
			int64_t after_step, int window_arg, int64_t *matched)
{
	const char *secret;
	const char *code;
	size_t		secret_len;
	size_t		code_len;
	const otp_keyring *ring;
	int			window;
	int64_t		at;
	otp_params	params;
	int			status;

	if (!arg_int(ctx, argc, argv, window_arg, "window", OTP_DEFAULT_WINDOW, &window) ||
		!arg_time(ctx, argc, argv, window_arg + 1, &at) ||
		!arg_params(ctx, argc, argv, window_arg + 2, 1, &params))
		return 0;
	secret = arg_text(argv, 0, &secret_len);
	code = arg_text(argv, 1, &code_len);
	if (!keyring_for(ctx, secret, secret_len, &ring))
		return 0;
	status = otp_totp_verify(secret, secret_len, ring, code, code_len, window, at,
							 after_step, &params, matched);
	if (status != OTP_OK)
	{
		result_status(ctx, status);
		return 0;
	}
	return 1;
}

/* totp_verify(secret, code [, window, at, digits, period, algorithm]) */
static void
totp_verify(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int64_t		matched;

	if (any_null(ctx, argc, argv) ||
		!verify_step(ctx, argc, argv, -1, 2, &matched))
		return;
	sqlite3_result_int(ctx, matched != OTP_NO_MATCH);
}

/* totp_verify_step(secret, code [, after_step, window, at, digits, period, algorithm]) */
static void
totp_verify_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int64_t		after_step = -1;
	int64_t		matched;

	if (any_null(ctx, argc, argv))
		return;
	if (argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL &&
		!arg_int64(ctx, argc, argv, 2, "after_step", -1, &after_step))
		return;
	if (!verify_step(ctx, argc, argv, after_step, 3, &matched))
		return;
	if (matched != OTP_NO_MATCH)
		sqlite3_result_int64(ctx, matched);
}

/* hotp_code(secret, counter [, digits, algorithm]) */
static void
hotp_code(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		code[OTP_CODE_BUFSIZE];
	const char *secret;
	size_t		secret_len;
	const otp_keyring *ring;
	int64_t		counter;
	otp_params	params;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_int64(ctx, argc, argv, 1, "counter", 0, &counter) ||
		!arg_params(ctx, argc, argv, 2, 0, &params))
		return;
	secret = arg_text(argv, 0, &secret_len);
	if (!keyring_for(ctx, secret, secret_len, &ring))
		return;
	status = otp_hotp_code(secret, secret_len, ring, counter, &params, code);
	if (status != OTP_OK)
		result_status(ctx, status);
	else
		sqlite3_result_text(ctx, code, -1, SQLITE_TRANSIENT);
	otp_wipe(code, sizeof(code));
}

/* hotp_verify(secret, code, counter [, look_ahead, digits, algorithm]) */
static void
hotp_verify(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *secret;
	const char *code;
	size_t		secret_len;
	size_t		code_len;
	const otp_keyring *ring;
	int64_t		counter;
	int64_t		next;
	int			look_ahead;
	otp_params	params;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_int64(ctx, argc, argv, 2, "counter", 0, &counter) ||
		!arg_int(ctx, argc, argv, 3, "look_ahead", 0, &look_ahead) ||
		!arg_params(ctx, argc, argv, 4, 0, &params))
		return;
	secret = arg_text(argv, 0, &secret_len);
	code = arg_text(argv, 1, &code_len);
	if (!keyring_for(ctx, secret, secret_len, &ring))
		return;
	status = otp_hotp_verify(secret, secret_len, ring, code, code_len, counter,
							 look_ahead, &params, &next);
	if (status != OTP_OK)
		result_status(ctx, status);
	else if (next != OTP_NO_MATCH)
		sqlite3_result_int64(ctx, next);
}

/* otpauth_uri(secret, account [, issuer, digits, period, algorithm]) */
static void
otpauth_uri(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *secret;
	const char *account;
	const char *issuer = NULL;
	size_t		secret_len;
	size_t		account_len;
	size_t		issuer_len = 0;
	size_t		uri_len;
	size_t		bufsize;
	char	   *uri;
	const otp_keyring *ring;
	otp_params	params;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_params(ctx, argc, argv, 3, 1, &params))
		return;
	secret = arg_text(argv, 0, &secret_len);
	if (!keyring_for(ctx, secret, secret_len, &ring))
		return;
	account = arg_text(argv, 1, &account_len);
	if (argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL)
		issuer = arg_text(argv, 2, &issuer_len);

	bufsize = otp_uri_bufsize(secret_len, account_len, issuer_len);
	uri = bufsize > 0 ? sqlite3_malloc64(bufsize) : NULL;
	if (uri == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	status = otp_uri(secret, secret_len, ring, account, account_len, issuer,
					 issuer_len, &params, uri, bufsize, &uri_len);
	if (status != OTP_OK)
	{
		result_status(ctx, status);
		sqlite3_free(uri);
	}
	else
		sqlite3_result_text64(ctx, uri, uri_len, sqlite3_free, SQLITE_UTF8);
}

static const totp_function functions[] = {
	{"totp_new_secret", 0, 1, -1, -1, SECRET_GENERATOR, totp_new_secret},
	{"totp_code", 1, 5, 1, -1, PURE, totp_code},
	{"totp_verify", 2, 7, 3, -1, PURE, totp_verify},
	{"totp_verify_step", 2, 8, 4, 2, PURE, totp_verify_step},
	{"hotp_code", 2, 4, -1, -1, PURE, hotp_code},
	{"hotp_verify", 3, 6, -1, -1, PURE, hotp_verify},
	{"otpauth_uri", 2, 6, -1, 2, PURE, otpauth_uri},
	{"otpauth_parse", 1, 1, -1, -1, PURE, otpauth_parse},
	{"otpauth_qr_svg", 1, 1, -1, -1, PURE, otpauth_qr_svg},
	{"otpauth_qr_text", 1, 1, -1, -1, PURE, otpauth_qr_text},
	{"backup_codes_new", 0, 1, -1, -1, SECRET_GENERATOR, backup_codes_new},
	{"backup_codes_hash", 1, 1, -1, -1, RANDOMIZED, backup_codes_hash},
	{"consume_backup_code", 2, 2, -1, -1, PURE, consume_backup_code},
	{"backup_codes_remaining", 1, 1, -1, -1, PURE, backup_codes_remaining},
	{"totp_keyring", 1, 1, -1, -1, SECRET_REVEALER, totp_keyring},
	{"totp_seal", 1, 1, -1, -1, RANDOMIZED, totp_seal},
	{"totp_unseal", 1, 1, -1, -1, SECRET_REVEALER, totp_unseal},
	{"totp_reseal", 1, 1, -1, -1, RANDOMIZED, totp_reseal},
};

#define N_FUNCTIONS (sizeof(functions) / sizeof(functions[0]))

/*
 * Flags for one arity: pure functions are DETERMINISTIC|INNOCUOUS unless the
 * arity omits `at` (then they read the clock); randomized ones are neither;
 * generators and revealers are DIRECTONLY so that a view or trigger cannot
 * mint secrets, read files or unseal secrets behind a user's back.
 */
static int
function_flags(const totp_function *fn, int nargs)
{
	switch (fn->kind)
	{
		case SECRET_GENERATOR:
		case SECRET_REVEALER:
			return SQLITE_UTF8 | SQLITE_DIRECTONLY;
		case RANDOMIZED:
			return SQLITE_UTF8;
		case PURE:
			break;
	}
	if (fn->at_arg >= 0 && nargs <= fn->at_arg)
		return SQLITE_UTF8 | SQLITE_INNOCUOUS;
	return SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int
sqlite3_totp_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi)
{
	totp_connection *conn;
	size_t		nbindings = 0;
	size_t		b = 0;
	int			rc = SQLITE_OK;

	SQLITE_EXTENSION_INIT2(pApi);
	(void) pzErrMsg;

	/* One registration per arity: a wrong argument count fails at prepare. */
	for (size_t i = 0; i < N_FUNCTIONS; i++)
		nbindings += (size_t) (functions[i].max_args - functions[i].min_args + 1);
	conn = connection_new(nbindings);
	if (conn == NULL)
		return SQLITE_NOMEM;

	for (size_t i = 0; rc == SQLITE_OK && i < N_FUNCTIONS; i++)
	{
		const totp_function *fn = &functions[i];

		for (int n = fn->min_args; rc == SQLITE_OK && n <= fn->max_args; n++, b++)
		{
			conn->bindings[b].fn = fn;
			/* SQLite calls binding_release even when registration fails. */
			rc = sqlite3_create_function_v2(db, fn->name, n, function_flags(fn, n),
											&conn->bindings[b], fn->impl, NULL, NULL,
											binding_release);
		}
	}
	/* Bindings never registered will never be released: drop them now. */
	for (; b < nbindings; b++)
		binding_release(&conn->bindings[b]);
	return rc;
}
