/*
 * args.c: decoding SQL arguments for the SQLite wrapper, and reporting
 * errors with the name of the function that raised them.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include <time.h>

#include "totp_sqlite.h"

/* Report a message as an SQL error prefixed with the function's name. */
void
result_error(sqlite3_context *ctx, const char *what)
{
	char	   *msg = sqlite3_mprintf("%s: %s", function_of(ctx)->name, what);

	if (msg == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_error(ctx, msg, -1);
	sqlite3_free(msg);
}

void
result_status(sqlite3_context *ctx, int status)
{
	result_error(ctx, otp_strerror(status));
}

/* True when an argument other than the function's nullable one is NULL. */
int
any_null(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const totp_function *fn = function_of(ctx);

	for (int i = 0; i < argc; i++)
		if (i != fn->nullable_arg && sqlite3_value_type(argv[i]) == SQLITE_NULL)
			return 1;
	return 0;
}

/* Text of argument i and its length in bytes. */
const char *
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
int
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
int
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
int
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
int
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
