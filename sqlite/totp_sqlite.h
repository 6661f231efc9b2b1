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
	RANDOMIZED,					/* reads the CSPRNG for a salt or nonce */
	SECRET_GENERATOR,			/* makes secrets: never in views/triggers */
	SECRET_REVEALER				/* reads files or discloses secrets: likewise */
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

/*
 * Per-connection state (connection.c). Every registration's user data is a
 * binding of its function to the connection; the connection is freed, its
 * keyring wiped, when SQLite has destroyed the last binding.
 */
typedef struct totp_connection totp_connection;

typedef struct totp_binding
{
	const totp_function *fn;
	totp_connection *conn;
} totp_binding;

struct totp_connection
{
	int			refs;			/* bindings not yet destroyed */
	otp_keyring *keyring;		/* NULL until first needed */
	totp_binding bindings[];
};

totp_connection *connection_new(size_t nbindings);
void		binding_release(void *binding);
const totp_function *function_of(sqlite3_context *ctx);

/*
 * The keyring a secret needs (keyring.c): NULL for a plain secret, else the
 * connection's, loaded from $TOTP_KEYRING on first use. keyring_for_sealing
 * is for totp_seal and totp_reseal. Both return 0 after setting an error.
 */
int			keyring_for(sqlite3_context *ctx, const char *secret, size_t len,
						const otp_keyring **ring);
int			keyring_for_sealing(sqlite3_context *ctx, const otp_keyring **ring);

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

/* totp_keyring(path) (keyring.c) and sealing (seal.c). */
void		totp_keyring(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		totp_seal(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		totp_unseal(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		totp_reseal(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* Backup code functions (backup_codes.c). */
void		backup_codes_new(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		backup_codes_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		consume_backup_code(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		backup_codes_remaining(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* otpauth URI parsing and QR codes (otpauth.c). */
void		otpauth_parse(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		otpauth_qr_svg(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		otpauth_qr_text(sqlite3_context *ctx, int argc, sqlite3_value **argv);

#endif							/* TOTP_SQLITE_H */
