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
 *
 * Errors in configuration (digits, period, a malformed secret...) raise an SQL
 * error prefixed with the function name; a wrong code is just no match.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <time.h>

#include "otp.h"

/* How a function treats its arguments and which flags it registers with. */
typedef enum
{
	PURE,						/* deterministic once every argument is given */
	SECRET_GENERATOR			/* reads the CSPRNG: never in views/triggers */
} function_kind;

typedef struct totp_function
{
	const char *name;
	int			min_args;
	int			max_args;
	int			at_arg;			/* position of `at`; -1 if none. Omitting it
								 * reads the clock. */
	int			nullable_arg;	/* argument whose NULL has a meaning; -1 if none */
	function_kind kind;
	void		(*impl) (sqlite3_context *, int, sqlite3_value **);
} totp_function;

/* Report a core status as an SQL error naming the function. */
static void
result_status(sqlite3_context *ctx, int status)
{
	const totp_function *fn = sqlite3_user_data(ctx);
	char	   *msg = sqlite3_mprintf("%s: %s", fn->name, otp_strerror(status));

	if (msg == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_error(ctx, msg, -1);
	sqlite3_free(msg);
}

static void
result_error(sqlite3_context *ctx, const char *what)
{
	const totp_function *fn = sqlite3_user_data(ctx);
	char	   *msg = sqlite3_mprintf("%s: %s", fn->name, what);

	if (msg == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_error(ctx, msg, -1);
	sqlite3_free(msg);
}

/* True when an argument other than the function's nullable one is NULL. */
static int
any_null(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const totp_function *fn = sqlite3_user_data(ctx);

	for (int i = 0; i < argc; i++)
		if (i != fn->nullable_arg && sqlite3_value_type(argv[i]) == SQLITE_NULL)
			return 1;
	return 0;
}

/* Text of argument i and its length in bytes. */
static const char *
arg_text(sqlite3_value **argv, int i, size_t *len)
{
	const char *s = (const char *) sqlite3_value_text(argv[i]);

	*len = (size_t) sqlite3_value_bytes(argv[i]);
	return s != NULL ? s : "";
}

/*
 * Integer argument i, or dflt when omitted. Text that looks like an integer
 * is accepted (SQLite's numeric affinity); anything else is an error rather
 * than a silent truncation.
 */
static int
arg_int64(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i,
		  const char *name, int64_t dflt, int64_t *out)
{
	char		what[64];

	if (i >= argc)
	{
		*out = dflt;
		return 1;
	}
	if (sqlite3_value_numeric_type(argv[i]) == SQLITE_INTEGER)
	{
		*out = sqlite3_value_int64(argv[i]);
		return 1;
	}
	sqlite3_snprintf(sizeof(what), what, "%s must be an integer", name);
	result_error(ctx, what);
	return 0;
}

/* Like arg_int64 for an int-sized parameter; range errors are the core's. */
static int
arg_int(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i,
		const char *name, int dflt, int *out)
{
	int64_t		v;

	if (!arg_int64(ctx, argc, argv, i, name, dflt, &v))
		return 0;
	/* Out-of-int values are clamped to one the core will reject. */
	*out = v > 1000000 ? 1000000 : v < -1000000 ? -1000000 : (int) v;
	return 1;
}

/* The `at` argument, or the current time when omitted. */
static int
arg_time(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i,
		 int64_t *out)
{
	if (i >= argc)
	{
		*out = (int64_t) time(NULL);
		return 1;
	}
	return arg_int64(ctx, argc, argv, i, "at", 0, out);
}

static int
arg_algorithm(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i,
			  otp_algorithm *out)
{
	size_t		len;
	const char *name;
	int			status;

	*out = OTP_SHA1;
	if (i >= argc)
		return 1;
	name = arg_text(argv, i, &len);
	status = otp_algorithm_parse(name, len, out);
	if (status != OTP_OK)
	{
		result_status(ctx, status);
		return 0;
	}
	return 1;
}

/* digits, period and algorithm starting at argument `first`. */
static int
arg_params(sqlite3_context *ctx, int argc, sqlite3_value **argv, int first,
		   int has_period, otp_params *params)
{
	int			i = first;

	params->period = OTP_DEFAULT_PERIOD;
	if (!arg_int(ctx, argc, argv, i++, "digits", OTP_DEFAULT_DIGITS, &params->digits))
		return 0;
	if (has_period &&
		!arg_int(ctx, argc, argv, i++, "period", OTP_DEFAULT_PERIOD, &params->period))
		return 0;
	return arg_algorithm(ctx, argc, argv, i, &params->algorithm);
}

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
	int64_t		at;
	otp_params	params;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_time(ctx, argc, argv, 1, &at) ||
		!arg_params(ctx, argc, argv, 2, 1, &params))
		return;
	secret = arg_text(argv, 0, &secret_len);
	status = otp_totp_code(secret, secret_len, at, &params, code);
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
	status = otp_totp_verify(secret, secret_len, code, code_len, window, at,
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
	int64_t		counter;
	otp_params	params;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_int64(ctx, argc, argv, 1, "counter", 0, &counter) ||
		!arg_params(ctx, argc, argv, 2, 0, &params))
		return;
	secret = arg_text(argv, 0, &secret_len);
	status = otp_hotp_code(secret, secret_len, counter, &params, code);
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
	status = otp_hotp_verify(secret, secret_len, code, code_len, counter,
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
	otp_params	params;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_params(ctx, argc, argv, 3, 1, &params))
		return;
	secret = arg_text(argv, 0, &secret_len);
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
	status = otp_uri(secret, secret_len, account, account_len, issuer,
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
};

/*
 * Flags for one arity: pure functions are DETERMINISTIC|INNOCUOUS unless the
 * arity omits `at` (then they read the clock); generators are DIRECTONLY so
 * a view or trigger cannot mint secrets behind a user's back.
 */
static int
function_flags(const totp_function *fn, int nargs)
{
	int			flags = SQLITE_UTF8;

	if (fn->kind == SECRET_GENERATOR)
		return flags | SQLITE_DIRECTONLY;
	flags |= SQLITE_INNOCUOUS;
	if (fn->at_arg < 0 || nargs > fn->at_arg)
		flags |= SQLITE_DETERMINISTIC;
	return flags;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int
sqlite3_totp_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi)
{
	int			rc = SQLITE_OK;

	SQLITE_EXTENSION_INIT2(pApi);
	(void) pzErrMsg;

	/* One registration per arity: a wrong argument count fails at prepare. */
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof(functions) / sizeof(functions[0]); i++)
	{
		const totp_function *fn = &functions[i];

		for (int n = fn->min_args; rc == SQLITE_OK && n <= fn->max_args; n++)
			rc = sqlite3_create_function(db, fn->name, n, function_flags(fn, n),
										 (void *) fn, fn->impl, NULL, NULL);
	}
	return rc;
}
