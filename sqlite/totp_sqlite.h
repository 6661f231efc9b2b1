/*
 * totp_sqlite.h: what the SQLite wrapper's files share: the function table
 * entry type and the argument helpers (args.c). Each helper that fails has
 * already set the SQL error and returns 0.
 */
#ifndef TOTP_SQLITE_H
#define TOTP_SQLITE_H

#include <sqlite3ext.h>

#include "otp.h"

/* How a function treats its arguments and which flags it registers with. */
typedef enum
{
	PURE,						/* deterministic once every argument is given */
	RANDOMIZED,					/* reads the CSPRNG for a salt */
	SECRET_GENERATOR			/* makes secrets: never in views/triggers */
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

/* Report a core status, or a message, as an SQL error naming the function. */
void		result_status(sqlite3_context *ctx, int status);
void		result_error(sqlite3_context *ctx, const char *what);

/* True when an argument other than the function's nullable one is NULL. */
int			any_null(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* Text of argument i and its length in bytes ("" for a NULL). */
const char *arg_text(sqlite3_value **argv, int i, size_t *len);

/* Integer arguments (dflt when omitted), the time (now when omitted), and
 * digits/period/algorithm from argument `first` on. */
int			arg_int64(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i,
					  const char *name, int64_t dflt, int64_t *out);
int			arg_int(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i,
					const char *name, int dflt, int *out);
int			arg_time(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i,
					 int64_t *out);
int			arg_params(sqlite3_context *ctx, int argc, sqlite3_value **argv,
					   int first, int has_period, otp_params *params);

/* Backup code functions (backup_codes.c). */
void		backup_codes_new(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		backup_codes_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		consume_backup_code(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		backup_codes_remaining(sqlite3_context *ctx, int argc, sqlite3_value **argv);

#endif							/* TOTP_SQLITE_H */
